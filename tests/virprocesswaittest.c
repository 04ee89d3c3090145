/*
 * virprocesswaittest.c: process state, waiting and reaping
 *
 * Running, stopped, zombie and gone; waiting with a deadline that
 * signals do not stretch, on processes that are not our children, for
 * exit statuses and on bad descriptors; reaping only what exited.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsproc.h"
#include "virerror.h"
#include "virfile.h"
#include "virprocesspriv.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define SLEEP_BIN "/usr/bin/sleep"


/*
 * The states the driver reports, and a zombie counted as exited: it is
 * waited for at once and reaped, after which the process is gone.
 */
static int
testStateAndZombie(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *running = NULL;
    g_autofree char *stopped = NULL;
    g_autofree char *zombie = NULL;
    g_autofree char *gone = NULL;
    VIR_AUTOCLOSE pidfd = -1;
    siginfo_t info;
    gint64 start;
    int status = 0;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;

    running = virProcessGetState(pid);
    if (virProcessPidfdSendSignal(pidfd, SIGSTOP) < 0 ||
        waitid(P_PID, pid, &info, WSTOPPED) < 0)
        goto error;
    stopped = virProcessGetState(pid);
    if (virProcessPidfdSendSignal(pidfd, SIGKILL) < 0 ||
        waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0)
        goto error;
    zombie = virProcessGetState(pid);

    /* Just exec'd, it may not have gone to sleep yet. */
    if (STRNEQ_NULLABLE(running, "R (running)") &&
        virTestCompareStrings("S (sleeping)", running, "state") < 0)
        goto error;
    if (virTestCompareStrings("T (stopped)", stopped, "state") < 0 ||
        virTestCompareStrings("Z (zombie)", zombie, "state") < 0 ||
        !virProcessIsZombie(pid))
        goto error;

    start = g_get_monotonic_time();
    if (virProcessPidfdWait(pidfd, pid, 5000, &status) != 1)
        goto error;
    if (g_get_monotonic_time() - start > 100 * 1000) {
        virTestDiag("waiting for a zombie took %lld us",
                    (long long)(g_get_monotonic_time() - start));
        return -1;
    }
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
        virTestDiag("wait status %d", status);
        return -1;
    }

    /* Reaped: gone for good. */
    gone = virProcessGetState(pid);
    if (gone || virProcessIsZombie(pid) || virProcessReap(pid) != 0)
        return -1;
    if (virProcessPidfdSendSignal(pidfd, SIGTERM) != -ESRCH)
        return -1;
    return testNoChildren() ? 0 : -1;

 error:
    testSleeperStop(pid, &pidfd);
    return -1;
}


static int
testWaitTimeout(const void *opaque G_GNUC_UNUSED)
{
    VIR_AUTOCLOSE pidfd = -1;
    gint64 start;
    gint64 elapsed;
    int status = 12345;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;

    start = g_get_monotonic_time();
    if (virProcessPidfdWait(pidfd, pid, 100, &status) != 0)
        goto error;
    elapsed = g_get_monotonic_time() - start;
    if (elapsed < 100 * 1000 || elapsed > 1000 * 1000 || status != 12345) {
        virTestDiag("timed out after %lld us, status %d", (long long)elapsed,
                    status);
        goto error;
    }
    /* A zero timeout only looks. */
    if (virProcessPidfdWait(pidfd, pid, 0, NULL) != 0)
        goto error;

    if (virProcessPidfdSendSignal(pidfd, SIGTERM) < 0 ||
        virProcessPidfdWait(pidfd, pid, 5000, &status) != 1 ||
        !WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
        goto error;
    return testNoChildren() ? 0 : -1;

 error:
    testSleeperStop(pid, &pidfd);
    return -1;
}


typedef struct {
    int pidfd;
    gint64 sentAt;
} testLateSignal;

static gpointer
testSendLateSignal(gpointer opaque)
{
    testLateSignal *late = opaque;

    g_usleep(150 * 1000);
    late->sentAt = g_get_monotonic_time();
    virProcessPidfdSendSignal(late->pidfd, SIGTERM);
    return NULL;
}


/* The wait ends within milliseconds of the exit, not on a tick. */
static int
testWaitPrompt(const void *opaque G_GNUC_UNUSED)
{
    VIR_AUTOCLOSE pidfd = -1;
    testLateSignal late = { .pidfd = -1, .sentAt = 0 };
    GThread *thread;
    gint64 done;
    int status = 0;
    int rc;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;
    late.pidfd = pidfd;
    thread = g_thread_new("late-signal", testSendLateSignal, &late);
    rc = virProcessPidfdWait(pidfd, pid, 10000, &status);
    done = g_get_monotonic_time();
    g_thread_join(thread);
    if (rc != 1) {
        testSleeperStop(pid, &pidfd);
        return -1;
    }
    if (done - late.sentAt > 100 * 1000) {
        virTestDiag("the wait returned %lld us after the signal",
                    (long long)(done - late.sentAt));
        return -1;
    }
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM ? 0 : -1;
}


static volatile sig_atomic_t testAlarms;

static void
testCountAlarm(int sig G_GNUC_UNUSED)
{
    testAlarms++;
}


/* Signals interrupting the wait neither end it early nor extend it. */
static int
testWaitInterrupted(const void *opaque G_GNUC_UNUSED)
{
    struct sigaction sa = { .sa_handler = testCountAlarm, .sa_flags = 0 };
    struct sigaction old;
    struct itimerval every5ms = { { 0, 5000 }, { 0, 5000 } };
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    VIR_AUTOCLOSE pidfd = -1;
    gint64 start;
    gint64 elapsed;
    int rc;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;

    testAlarms = 0;
    sigaction(SIGALRM, &sa, &old);
    setitimer(ITIMER_REAL, &every5ms, NULL);
    start = g_get_monotonic_time();
    rc = virProcessPidfdWait(pidfd, pid, 200, NULL);
    elapsed = g_get_monotonic_time() - start;
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &old, NULL);
    testSleeperStop(pid, &pidfd);

    if (rc != 0 || testAlarms < 5 || elapsed < 200 * 1000 ||
        elapsed > 1000 * 1000) {
        virTestDiag("rc %d after %lld us and %d alarms", rc,
                    (long long)elapsed, (int)testAlarms);
        return -1;
    }
    return 0;
}


/*
 * A process that is not our child: its exit (as a zombie of its own
 * parent) ends the wait, and there is nothing for us to reap.
 */
static int
testWaitNotOurChild(const void *opaque G_GNUC_UNUSED)
{
    unsigned long long start;
    VIR_AUTOCLOSE pidfd = -1;
    int pipefd[2];
    pid_t middle;
    pid_t grandchild = 0;
    int status = 0;
    int ret = -1;

    if (pipe(pipefd) < 0)
        return -1;
    if ((middle = fork()) < 0)
        return -1;
    if (middle == 0) {
        pid_t inner = fork();

        if (inner == 0) {
            pause();
            _exit(0);
        }
        if (write(pipefd[1], &inner, sizeof(inner)) != sizeof(inner))
            _exit(1);
        /* Never reaps: the grandchild stays a zombie of ours. */
        for (;;)
            pause();
    }
    close(pipefd[1]);
    if (read(pipefd[0], &grandchild, sizeof(grandchild)) != sizeof(grandchild))
        goto cleanup;

    if (virProcessGetStartTime(grandchild, &start) < 0 ||
        virProcessOpenPidfd(grandchild, start, &pidfd) != 1 ||
        virProcessPidfdSendSignal(pidfd, SIGKILL) < 0)
        goto cleanup;
    if (virProcessPidfdWait(pidfd, grandchild, 5000, &status) != 1 ||
        status != -1 || !virProcessIsZombie(grandchild))
        goto cleanup;
    if (virProcessReap(grandchild) != 0)
        goto cleanup;
    ret = 0;

 cleanup:
    close(pipefd[0]);
    /* The middle process dies; its zombie child comes to us (we are a
     * subreaper) and is reaped here. */
    kill(middle, SIGKILL);
    waitpid(middle, NULL, 0);
    if (grandchild > 0) {
        kill(grandchild, SIGKILL);
        waitpid(grandchild, NULL, 0);
    }
    return ret;
}


static int
testWaitExitStatus(const void *opaque G_GNUC_UNUSED)
{
    const char *argv[] = { "/usr/bin/false", NULL };
    unsigned long long start;
    VIR_AUTOCLOSE pidfd = -1;
    siginfo_t info;
    int status = 0;
    pid_t pid;

    if (virProcessSpawn(argv, NULL, NULL, &pid) < 0)
        return -1;
    /* Exited but not yet reaped: the pidfd still pins it. */
    if (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0 ||
        virProcessGetStartTime(pid, &start) < 0 ||
        virProcessOpenPidfd(pid, start, &pidfd) != 1) {
        waitpid(pid, NULL, 0);
        return -1;
    }
    if (virProcessPidfdWait(pidfd, pid, -1, &status) != 1)
        return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 1) {
        virTestDiag("wait status %d", status);
        return -1;
    }
    return testNoChildren() ? 0 : -1;
}


static int
testWaitBadFd(const void *opaque G_GNUC_UNUSED)
{
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    close(fd);
    if (virProcessPidfdWait(fd, 4242, 1000, NULL) != -1)
        return -1;
    return virTestCheckErrorMessage(VIR_ERR_SYSTEM_ERROR,
                      "cannot wait for process 4242 to exit: Bad file descriptor");
}


static int
testReap(const void *opaque G_GNUC_UNUSED)
{
    const char *argv[] = { "/usr/bin/true", NULL };
    VIR_AUTOCLOSE pidfd = -1;
    siginfo_t info;
    pid_t pid;
    pid_t sleeper;

    if (testSleeperStart(&sleeper, &pidfd) < 0)
        return -1;
    /* Running: nothing to reap, and it keeps running. */
    if (virProcessReap(sleeper) != 0 || virProcessIsZombie(sleeper)) {
        testSleeperStop(sleeper, &pidfd);
        return -1;
    }
    testSleeperStop(sleeper, &pidfd);

    if (virProcessSpawn(argv, NULL, NULL, &pid) < 0)
        return -1;
    if (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0)
        return -1;
    if (virProcessReap(pid) != 1 || virProcessReap(pid) != 0)
        return -1;
    /* Not our child at all. */
    if (virProcessReap(1) != 0)
        return -1;
    return testNoChildren() ? 0 : -1;
}


static int
testNoChildLeft(const void *opaque G_GNUC_UNUSED)
{
    return testNoChildren() ? 0 : -1;
}


#define DO_TEST(title, body, data) \
    do { \
        if (virTestRun(title, body, data) < 0) \
            ret = -1; \
    } while (0)

static int
mymain(void)
{
    int ret = 0;

    DO_TEST("states, and a zombie counts as exited", testStateAndZombie, NULL);
    DO_TEST("wait times out, then sees the exit", testWaitTimeout, NULL);
    DO_TEST("wait returns promptly on exit", testWaitPrompt, NULL);
    DO_TEST("wait keeps its deadline across signals", testWaitInterrupted,
            NULL);
    DO_TEST("wait for a process that is not our child", testWaitNotOurChild,
            NULL);
    DO_TEST("wait reports the exit status", testWaitExitStatus, NULL);
    DO_TEST("wait on a bad descriptor", testWaitBadFd, NULL);
    DO_TEST("reap only exited children", testReap, NULL);
    DO_TEST("no child left behind", testNoChildLeft, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
