/*
 * testutilsproc.c: helpers about processes (see testutilsproc.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsproc.h"
#include "virfile.h"
#include "virprocesspriv.h"

#define TEST_SLEEP_BIN "/usr/bin/sleep"


bool
testNoChildren(void)
{
    siginfo_t info;

    memset(&info, 0, sizeof(info));
    if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0 &&
        errno == ECHILD)
        return true;
    virTestDiag("a child is left: %lld", (long long)info.si_pid);
    return false;
}



/**
 * testNoChildLeft:
 * @opaque: unused
 *
 * A virTestRun() body for the end of a program that starts processes:
 * none of them is left, running or unreaped.
 *
 * Returns: 0, or -1 with the pid of one that is left.
 */
int
testNoChildLeft(const void *opaque G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT(testNoChildren());
    ret = 0;

 cleanup:
    return ret;
}


pid_t
testUnusedPid(void)
{
    g_autofree char *text = NULL;

    if (virFileReadAll("/proc/sys/kernel/pid_max", 64, &text) < 0)
        return 4194304;
    return (pid_t)g_ascii_strtoll(text, NULL, 10);
}


int
testSleeperStart(pid_t *retpid, int *retpidfd)
{
    const char *argv[] = { TEST_SLEEP_BIN, "30", NULL };
    unsigned long long start;
    pid_t pid;

    if (virProcessSpawn(argv, NULL, NULL, &pid) < 0)
        return -1;
    if (virProcessGetStartTime(pid, &start) < 0 ||
        virProcessOpenPidfd(pid, start, retpidfd) != 1) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    *retpid = pid;
    return 0;
}


void
testSleeperStop(pid_t pid, int *pidfd)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    virForceClose(pidfd);
}
