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
    pid_t pid = 0;
    bool reaped = false;
    int ret = -1;

    TEST_ASSERT_OK(testSleeperStart(&pid, &pidfd));

    running = virProcessGetState(pid);
    TEST_ASSERT_OK(virProcessPidfdSendSignal(pidfd, SIGSTOP));
    TEST_ASSERT_OK(waitid(P_PID, pid, &info, WSTOPPED));
    stopped = virProcessGetState(pid);
    TEST_ASSERT_OK(virProcessPidfdSendSignal(pidfd, SIGKILL));
    TEST_ASSERT_OK(waitid(P_PID, pid, &info, WEXITED | WNOWAIT));
    zombie = virProcessGetState(pid);

    /* Just exec'd, it may not have gone to sleep yet. */
    if (STRNEQ_NULLABLE(running, "R (running)"))
        TEST_ASSERT_EQ_STR(running, "S (sleeping)");
    TEST_ASSERT_EQ_STR(stopped, "T (stopped)");
    TEST_ASSERT_EQ_STR(zombie, "Z (zombie)");
    TEST_ASSERT(virProcessIsZombie(pid));

    start = g_get_monotonic_time();
    TEST_ASSERT_EQ_INT(virProcessPidfdWait(pidfd, pid, 5000, &status), 1);
    reaped = true;
    /* Waiting for a zombie is immediate (microseconds). */
    TEST_ASSERT_CMP_INT(g_get_monotonic_time() - start, <=, 100 * 1000);
    TEST_ASSERT_KILLED(status, SIGKILL);

    /* Reaped: gone for good. */
    gone = virProcessGetState(pid);
    TEST_ASSERT_EQ_STR(gone, NULL);
    TEST_ASSERT(!virProcessIsZombie(pid));
    TEST_ASSERT_EQ_INT(virProcessReap(pid), 0);
    TEST_ASSERT_EQ_INT(virProcessPidfdSendSignal(pidfd, SIGTERM), -ESRCH);
    TEST_ASSERT(testNoChildren());
    ret = 0;

 cleanup:
    if (pid > 0 && !reaped)
        testSleeperStop(pid, &pidfd);
    return ret;
}


static int
testWaitTimeout(const void *opaque G_GNUC_UNUSED)
{
    VIR_AUTOCLOSE pidfd = -1;
    gint64 start;
    gint64 elapsed;
    int status = 12345;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_OK(testSleeperStart(&pid, &pidfd));

    start = g_get_monotonic_time();
    TEST_ASSERT_EQ_INT(virProcessPidfdWait(pidfd, pid, 100, &status), 0);
    /* Timed out after 100 ms (microseconds here), status untouched. */
    elapsed = g_get_monotonic_time() - start;
    TEST_ASSERT_CMP_INT(elapsed, >=, 100 * 1000);
    TEST_ASSERT_CMP_INT(elapsed, <=, 1000 * 1000);
    TEST_ASSERT_EQ_INT(status, 12345);
    /* A zero timeout only looks. */
    TEST_ASSERT_EQ_INT(virProcessPidfdWait(pidfd, pid, 0, NULL), 0);

    TEST_ASSERT_OK(virProcessPidfdSendSignal(pidfd, SIGTERM));
    TEST_ASSERT_EQ_INT(virProcessPidfdWait(pidfd, pid, 5000, &status), 1);
    pid = 0;
    TEST_ASSERT_KILLED(status, SIGTERM);
    TEST_ASSERT(testNoChildren());
    ret = 0;

 cleanup:
    if (pid > 0)
        testSleeperStop(pid, &pidfd);
    return ret;
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
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_OK(testSleeperStart(&pid, &pidfd));
    late.pidfd = pidfd;
    thread = g_thread_new("late-signal", testSendLateSignal, &late);
    rc = virProcessPidfdWait(pidfd, pid, 10000, &status);
    done = g_get_monotonic_time();
    g_thread_join(thread);
    TEST_ASSERT_EQ_INT(rc, 1);
    pid = 0;
    /* Microseconds between the signal and the wait's return. */
    TEST_ASSERT_CMP_INT(done - late.sentAt, <=, 100 * 1000);
    TEST_ASSERT_KILLED(status, SIGTERM);
    ret = 0;

 cleanup:
    if (pid > 0)
        testSleeperStop(pid, &pidfd);
    return ret;
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
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_OK(testSleeperStart(&pid, &pidfd));

    testAlarms = 0;
    sigaction(SIGALRM, &sa, &old);
    setitimer(ITIMER_REAL, &every5ms, NULL);
    start = g_get_monotonic_time();
    rc = virProcessPidfdWait(pidfd, pid, 200, NULL);
    elapsed = g_get_monotonic_time() - start;
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &old, NULL);

    TEST_ASSERT_EQ_INT(rc, 0);
    TEST_ASSERT_CMP_INT(testAlarms, >=, 5);
    /* Microseconds: the 200 ms timeout, not shortened nor much longer. */
    TEST_ASSERT_CMP_INT(elapsed, >=, 200 * 1000);
    TEST_ASSERT_CMP_INT(elapsed, <=, 1000 * 1000);
    ret = 0;

 cleanup:
    if (pid > 0)
        testSleeperStop(pid, &pidfd);
    return ret;
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
    int pipefd[2] = { -1, -1 };
    pid_t middle = -1;
    pid_t grandchild = 0;
    int status = 0;
    int ret = -1;

    TEST_ASSERT_OK(pipe(pipefd));
    TEST_ASSERT_OK(middle = fork());
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
    virForceClose(&pipefd[1]);
    TEST_ASSERT_EQ_INT(read(pipefd[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));

    TEST_ASSERT_OK(virProcessGetStartTime(grandchild, &start));
    TEST_ASSERT_EQ_INT(virProcessOpenPidfd(grandchild, start, &pidfd), 1);
    TEST_ASSERT_OK(virProcessPidfdSendSignal(pidfd, SIGKILL));
    TEST_ASSERT_EQ_INT(virProcessPidfdWait(pidfd, grandchild, 5000, &status), 1);
    /* Not ours to reap: no status, and still a zombie. */
    TEST_ASSERT_EQ_INT(status, -1);
    TEST_ASSERT(virProcessIsZombie(grandchild));
    TEST_ASSERT_EQ_INT(virProcessReap(grandchild), 0);
    ret = 0;

 cleanup:
    virForceClose(&pipefd[0]);
    virForceClose(&pipefd[1]);
    /* The middle process dies; its zombie child comes to us (we are a
     * subreaper) and is reaped here. */
    if (middle > 0) {
        kill(middle, SIGKILL);
        waitpid(middle, NULL, 0);
    }
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
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_OK(virProcessSpawn(argv, NULL, NULL, &pid));
    /* Exited but not yet reaped: the pidfd still pins it. */
    TEST_ASSERT_OK(waitid(P_PID, pid, &info, WEXITED | WNOWAIT));
    TEST_ASSERT_OK(virProcessGetStartTime(pid, &start));
    TEST_ASSERT_EQ_INT(virProcessOpenPidfd(pid, start, &pidfd), 1);
    TEST_ASSERT_EQ_INT(virProcessPidfdWait(pidfd, pid, -1, &status), 1);
    pid = 0;
    TEST_ASSERT_EXITED(status, 1);
    TEST_ASSERT(testNoChildren());
    ret = 0;

 cleanup:
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return ret;
}


static int
testWaitBadFd(const void *opaque G_GNUC_UNUSED)
{
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int ret = -1;

    TEST_ASSERT_OK(fd);
    close(fd);
    TEST_ASSERT_EQ_INT(virProcessPidfdWait(fd, 4242, 1000, NULL), -1);
    TEST_ASSERT_ERROR(VIR_ERR_SYSTEM_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "cannot wait for process 4242 to exit: Bad file descriptor");
    ret = 0;

 cleanup:
    return ret;
}


static int
testReap(const void *opaque G_GNUC_UNUSED)
{
    const char *argv[] = { "/usr/bin/true", NULL };
    VIR_AUTOCLOSE pidfd = -1;
    siginfo_t info;
    pid_t pid = 0;
    pid_t sleeper = 0;
    int ret = -1;

    TEST_ASSERT_OK(testSleeperStart(&sleeper, &pidfd));
    /* Running: nothing to reap, and it keeps running. */
    TEST_ASSERT_EQ_INT(virProcessReap(sleeper), 0);
    TEST_ASSERT(!virProcessIsZombie(sleeper));
    testSleeperStop(sleeper, &pidfd);
    sleeper = 0;

    TEST_ASSERT_OK(virProcessSpawn(argv, NULL, NULL, &pid));
    TEST_ASSERT_OK(waitid(P_PID, pid, &info, WEXITED | WNOWAIT));
    /* Reaped once. */
    TEST_ASSERT_EQ_INT(virProcessReap(pid), 1);
    TEST_ASSERT_EQ_INT(virProcessReap(pid), 0);
    pid = 0;
    /* Not our child at all. */
    TEST_ASSERT_EQ_INT(virProcessReap(1), 0);
    TEST_ASSERT(testNoChildren());
    ret = 0;

 cleanup:
    if (sleeper > 0)
        testSleeperStop(sleeper, &pidfd);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("states, and a zombie counts as exited", testStateAndZombie, NULL);
    ret |= virTestRun("wait times out, then sees the exit", testWaitTimeout, NULL);
    ret |= virTestRun("wait returns promptly on exit", testWaitPrompt, NULL);
    ret |= virTestRun("wait keeps its deadline across signals", testWaitInterrupted, NULL);
    ret |= virTestRun("wait for a process that is not our child", testWaitNotOurChild, NULL);
    ret |= virTestRun("wait reports the exit status", testWaitExitStatus, NULL);
    ret |= virTestRun("wait on a bad descriptor", testWaitBadFd, NULL);
    ret |= virTestRun("reap only exited children", testReap, NULL);
    ret |= virTestRun("no child left behind", testNoChildLeft, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
