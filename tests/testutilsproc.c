/*
 * testutilsproc.c: helpers about processes (see testutilsproc.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsproc.h"
#include "virfile.h"
#include "virprocesspriv.h"

#define TEST_SLEEP_BIN "/usr/bin/sleep"


char *
testProcessStatusField(pid_t pid, const char *field)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/status", (long long)pid);
    g_autofree char *content = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents(path, &content, NULL, NULL))
        return NULL;
    lines = g_strsplit(content, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], field) && lines[i][strlen(field)] == ':')
            return g_strstrip(g_strdup(lines[i] + strlen(field) + 1));
    }
    return NULL;
}


char *
testProcessState(pid_t pid)
{
    return testProcessStatusField(pid, "State");
}


int
testProcessCmdlineHas(pid_t pid, const char *text)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    g_autofree char *cmdline = NULL;
    gsize len;

    if (!g_file_get_contents(path, &cmdline, &len, NULL) || len == 0)
        return -1;
    for (gsize i = 0; i < len; i += strlen(cmdline + i) + 1) {
        if (strstr(cmdline + i, text))
            return 1;
    }
    return 0;
}


static int
testComparePid(const void *a, const void *b)
{
    return *(const pid_t *)a - *(const pid_t *)b;
}


GArray *
testProcessesWithArg(const char *text)
{
    GArray *pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    const char *entry;

    while (proc && (entry = g_dir_read_name(proc))) {
        g_autofree char *state = NULL;
        guint64 num;
        pid_t pid;

        if (!g_ascii_string_to_unsigned(entry, 10, 1, G_MAXINT, &num, NULL))
            continue;
        pid = (pid_t)num;
        if (testProcessCmdlineHas(pid, text) != 1 ||
            !(state = testProcessState(pid)) || state[0] == 'Z' || state[0] == 'X')
            continue;
        g_array_append_val(pids, pid);
    }
    g_array_sort(pids, testComparePid);
    return pids;
}


int
testCgroupWrite(const char *dir, const char *file, const char *value)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    VIR_AUTOCLOSE fd = open(path, O_WRONLY | O_CLOEXEC);

    if (fd < 0 || write(fd, value, strlen(value)) != (ssize_t)strlen(value)) {
        virTestDiag("cannot write '%s' to %s: %s", value, path, g_strerror(errno));
        return -1;
    }
    return 0;
}


char *
testCgroupRead(const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    char *content = NULL;

    if (!g_file_get_contents(path, &content, NULL, NULL))
        return NULL;
    return g_strstrip(content);
}


int
testCgroupSetFreezer(const char *dir, const char *state)
{
    if (testCgroupWrite(dir, "freezer.state", state) < 0)
        return -1;
    for (int i = 0; i < 5000; i++) {
        g_autofree char *now = testCgroupRead(dir, "freezer.state");

        if (STREQ_NULLABLE(now, state))
            return 0;
        g_usleep(1000);
    }
    virTestDiag("the freezer group %s did not become %s", dir, state);
    return -1;
}


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
