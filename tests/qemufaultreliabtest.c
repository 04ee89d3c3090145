/*
 * qemufaultreliabtest.c: faults, repeated and measured (real QEMU)
 *
 * - a frozen QEMU (SIGSTOP): how close to the configured timeout a
 *   graceful destroy fails, and that nothing but SIGTERM reached it;
 * - a QEMU that cannot die even on SIGKILL (a cgroup v1 freezer): the
 *   default destroy fails naming pid, signal and /proc state, the
 *   domain stays active, and a destroy succeeds once QEMU can die;
 * - QEMU crashing on its own (SIGSEGV): found shut off, reason crashed,
 *   its runtime state cleaned;
 * - pid reuse: the recorded pid given by the kernel to a new process
 *   (for real, through ns_last_pid, where the kernel lets us): that
 *   process is never signalled, nor reaped.
 *
 * The single-shot versions of these cases live in qemudestroytest.c
 * and qemulifecycletest.c (and the freezer in qemudriverfreezetest.c);
 * this program runs them round after round and keeps the figures.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsproc.h"
#include "testutilsreliab.h"
#include "virfile.h"

/* How late a failing graceful destroy may return (the target). */
#define TEST_LATE_TARGET 0.050

#define TEST_FREEZER_ROOT "/sys/fs/cgroup/freezer"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;


static virDomainPtr
testDefine(const char *name)
{
    g_autofree char *xml = testQemuDomainXML(name, NULL, NULL);

    return virDomainDefineXML(testConn, xml);
}


/*
 * One round: freeze, graceful destroy, measure, check nothing else
 * happened, then destroy by default.  *@retElapsed: the seconds the
 * failing graceful destroy took.
 */
static int
testFrozenRound(virDomainPtr dom, double *retElapsed)
{
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gint64 start;
    double elapsed;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "frozen");
    before = testQemuStatusFile(testRoot, "frozen");
    TEST_ASSERT_OK(testReliabFreeze(pid));

    start = g_get_monotonic_time();
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    elapsed = testSecondsSince(start);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, -1,
                           "operation failed: failed to kill qemu process with SIGTERM");

    /* Nothing but the one SIGTERM reached it; nothing changed. */
    after = testQemuStatusFile(testRoot, "frozen");
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_HEX(testProcessPendingSignals(pid), 1ULL << (SIGTERM - 1));
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    /* The operator forces it. */
    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    testReapChildren();
    *retElapsed = elapsed;
    ret = 0;

 cleanup:
    return ret;
}


static int
testFrozen(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(3, 50);
    g_autofree double *late = g_new0(double, rounds);
    virDomainPtr dom = testDefine("frozen");
    testReliabFigure *fig;
    int within = 0;
    int done = 0;
    double median = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    while (done < rounds) {
        double elapsed = -1;
        int round = done++;

        TEST_ASSERT_OK(testFrozenRound(dom, &elapsed));
        late[round] = elapsed - TEST_GRACEFUL_TIMEOUT;
        /* It failed no sooner than the timeout. */
        TEST_ASSERT_CMP_DOUBLE(elapsed, >=, TEST_GRACEFUL_TIMEOUT);
        if (late[round] <= TEST_LATE_TARGET)
            within++;
    }
    /* The target holds for a typical call; a single round may be late
     * on a loaded machine, but never by a second wait. */
    median = testReliabMedian(late, done);
    TEST_ASSERT_CMP_DOUBLE(median, <=, TEST_LATE_TARGET);
    TEST_ASSERT_CMP_DOUBLE(testReliabMax(late, done), <=, TEST_GRACEFUL_TIMEOUT);
    ret = 0;

 cleanup:
    fig = testReliabFigureNew("faults.frozen",
                              "graceful destroy of a QEMU stopped with SIGSTOP");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureDouble(fig, "timeout_s", TEST_GRACEFUL_TIMEOUT);
    testReliabFigureDouble(fig, "late_max_s", testReliabMax(late, done));
    testReliabFigureDouble(fig, "late_p95_s", testReliabPercentile(late, done, 95));
    testReliabFigureDouble(fig, "late_median_s", testReliabMedian(late, done));
    testReliabFigureInt(fig, "rounds_within_50ms", within);
    testReliabFigureInt(fig, "rounds_only_sigterm_pending", ret == 0 ? done : -1);
    testReliabFigureSave(fig);

    testQemuCleanup(dom, 0);
    return ret;
}


/* Writes @value into a cgroup file. */
typedef struct {
    virDomainPtr dom;
    int rc;
    double seconds;
} testDestroyJob;


static gpointer
testDestroyThread(gpointer opaque)
{
    testDestroyJob *job = opaque;
    gint64 start = g_get_monotonic_time();

    job->rc = virDomainDestroy(job->dom);
    job->seconds = (g_get_monotonic_time() - start) / 1e6;
    return NULL;
}


/* One round with QEMU in a frozen cgroup; *@retElapsed: the seconds
 * the failing destroy took. */
static int
testUnkillableRound(virDomainPtr dom, const char *cgroup, double *retElapsed)
{
    g_autofree char *pidstr = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *expect = NULL;
    testDestroyJob job = { .dom = dom };
    GThread *thread = NULL;
    gint64 start;
    double elapsed;
    pid_t pid;
    int thawed;
    int ret = -1;

    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "unkillable");
    before = testQemuStatusFile(testRoot, "unkillable");
    pidstr = g_strdup_printf("%lld", (long long)pid);
    TEST_ASSERT_OK(testCgroupWrite(cgroup, "cgroup.procs", pidstr));
    TEST_ASSERT_OK(testCgroupSetFreezer(cgroup, "FROZEN"));

    start = g_get_monotonic_time();
    TEST_ASSERT_FAILS(virDomainDestroy(dom));
    elapsed = testSecondsSince(start);
    TEST_ASSERT_ERROR(VIR_ERR_SYSTEM_ERROR);
    /* The message names the pid, the signal and the state. */
    expect = g_strdup_printf("process %lld with SIGKILL", (long long)pid);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), expect);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "in state ");
    virTestDiag("%s", virGetLastErrorMessage());

    /* Still active, files untouched, QEMU still there. */
    after = testQemuStatusFile(testRoot, "unkillable");
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT(testProcessAlive(pid));

    /* A later destroy succeeds once QEMU can die: it is thawed while
     * that destroy waits. */
    thread = g_thread_new("destroy", testDestroyThread, &job);
    g_usleep(200 * 1000);
    thawed = testCgroupWrite(cgroup, "freezer.state", "THAWED");
    g_thread_join(thread);
    thread = NULL;
    TEST_ASSERT_OK(thawed);
    TEST_ASSERT_MSG(job.rc >= 0, "destroy after the thaw failed: %s",
                    virGetLastErrorMessage());
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    testReapChildren();
    *retElapsed = elapsed;
    ret = 0;

 cleanup:
    return ret;
}


static int
testUnkillable(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(1, 10);
    g_autofree double *late = g_new0(double, rounds);
    g_autofree char *cgroup = NULL;
    virDomainPtr dom = NULL;
    testReliabFigure *fig;
    bool made = false;
    int done = 0;
    int ret = -1;

    cgroup = g_strdup_printf("%s/lvg-reliab-%lld", TEST_FREEZER_ROOT,
                             (long long)getpid());
    TEST_ASSERT_MSG(mkdir(cgroup, 0700) == 0 || errno == EEXIST,
                    "cannot create %s: %s", cgroup, g_strerror(errno));
    made = true;
    TEST_ASSERT_NONNULL(dom = testDefine("unkillable"));
    while (done < rounds) {
        double elapsed = -1;
        int round = done++;

        TEST_ASSERT_OK(testUnkillableRound(dom, cgroup, &elapsed));
        late[round] = elapsed - (TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT);
        /* It gave up no sooner than the timeouts. */
        TEST_ASSERT_CMP_DOUBLE(elapsed, >=, TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT);
    }
    ret = 0;

 cleanup:
    if (made) {
        fig = testReliabFigureNew("faults.unkillable",
                                  "default destroy of a QEMU frozen in a cgroup v1 freezer");
        testReliabFigureInt(fig, "rounds", done);
        testReliabFigureDouble(fig, "timeouts_s", TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT);
        testReliabFigureDouble(fig, "late_median_s", testReliabMedian(late, done));
        testReliabFigureDouble(fig, "late_max_s", testReliabMax(late, done));
        testReliabFigureInt(fig, "rounds_failed_cleanly_then_destroyed", ret == 0 ? done : -1);
        testReliabFigureSave(fig);

        testCgroupWrite(cgroup, "freezer.state", "THAWED");
    }
    testQemuCleanup(dom, 0);
    if (made && rmdir(cgroup) < 0)
        virTestDiag("cannot remove %s: %s", cgroup, g_strerror(errno));
    return ret;
}


static int
testCrashRound(virDomainPtr dom)
{
    g_autofree char *status = NULL;
    g_autofree char *runDir = NULL;
    g_autofree char *xml = NULL;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "crash");
    kill(pid, SIGSEGV);
    TEST_ASSERT(testProcessWaitGone(pid, 10000));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    /* No runtime state left after a crash. */
    status = testQemuStatusFile(testRoot, "crash");
    TEST_ASSERT_NONNULL(status);
    TEST_ASSERT_STR_LACKS(status, "pid=");
    TEST_ASSERT_STR_CONTAINS(status, "reason='crashed'");
    runDir = testQemuRunDirLeft(testRoot);
    TEST_ASSERT_EQ_STR(runDir, NULL);
    /* The definition is intact and the domain starts again. */
    TEST_ASSERT_NONNULL(xml = virDomainGetXMLDesc(dom, 0));
    TEST_ASSERT_STR_CONTAINS(xml, "<name>crash</name>");
    ret = 0;

 cleanup:
    return ret;
}


static int
testCrash(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(2, 50);
    virDomainPtr dom = testDefine("crash");
    g_autoptr(GArray) left = NULL;
    testReliabFigure *fig;
    int done = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    while (done < rounds) {
        done++;
        TEST_ASSERT_OK(testCrashRound(dom));
    }
    testReapChildren();
    left = testProcessesWithArg(testRoot);
    TEST_ASSERT_MSG(left->len == 0, "%u QEMU processes left", left->len);
    ret = 0;

 cleanup:
    fig = testReliabFigureNew("faults.crash", "QEMU killed by SIGSEGV while running");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "found_crashed_and_cleaned", ret == 0 ? done : -1);
    testReliabFigureSave(fig);
    testQemuCleanup(dom, 0);
    return ret;
}


/* A child that only waits to be killed. */
static pid_t
testForkSleeper(void)
{
    pid_t pid = fork();

    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}


/*
 * A new process at exactly @pid: ns_last_pid makes the kernel hand out
 * @pid next, unless another fork on the machine takes it first.
 * Returns the child, 0 when the kernel does not let us (or lost every
 * race), -1 on error.
 */
static pid_t
testForkAtPid(pid_t pid)
{
    for (int attempt = 0; attempt < 50; attempt++) {
        g_autofree char *last = g_strdup_printf("%lld", (long long)pid - 1);
        VIR_AUTOCLOSE fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
        pid_t child;

        if (fd < 0 || write(fd, last, strlen(last)) != (ssize_t)strlen(last))
            return 0;
        if ((child = testForkSleeper()) < 0)
            return -1;
        if (child == pid)
            return child;
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    return 0;
}


/* The forged alternative where the kernel does not let us pick pids:
 * the status file's start time no longer matches the process. */
static int
testForgeStartTime(void)
{
    g_autofree char *path = g_strdup_printf("%s/run/qemu/reuse.xml", testRoot);
    g_autofree char *status = testQemuStatusFile(testRoot, "reuse");
    g_autoptr(GRegex) re = g_regex_new("starttime='[0-9]+'", 0, 0, NULL);
    g_autofree char *forged = NULL;

    if (!status)
        return -1;
    forged = g_regex_replace_literal(re, status, -1, 0, "starttime='1'", 0, NULL);
    return g_file_set_contents(path, forged, -1, NULL) ? 0 : -1;
}


typedef enum {
    TEST_REUSE_DESTROY,
    TEST_REUSE_GRACEFUL,
    TEST_REUSE_SHUTDOWN_SIGNAL,
    TEST_REUSE_GETSTATE,

    TEST_REUSE_LAST
} testReuseCall;


/* The first call after the reuse: every one must find the domain shut
 * off without touching the process. */
static int
testReuseCallRun(virDomainPtr dom, testReuseCall call)
{
    int state = -1, reason = -1;
    int ret = -1;

    switch (call) {
    case TEST_REUSE_DESTROY:
        TEST_ASSERT_FAILS(virDomainDestroy(dom));
        TEST_ASSERT_ERROR(VIR_ERR_OPERATION_INVALID);
        break;
    case TEST_REUSE_GRACEFUL:
        TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
        TEST_ASSERT_ERROR(VIR_ERR_OPERATION_INVALID);
        break;
    case TEST_REUSE_SHUTDOWN_SIGNAL:
        TEST_ASSERT_FAILS(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_SIGNAL));
        TEST_ASSERT_ERROR(VIR_ERR_OPERATION_INVALID);
        break;
    case TEST_REUSE_GETSTATE:
    case TEST_REUSE_LAST:
        TEST_ASSERT_OK(virDomainGetState(dom, &state, &reason, 0));
        TEST_ASSERT_EQ_INT(state, VIR_DOMAIN_SHUTOFF);
        break;
    }
    ret = 0;

 cleanup:
    return ret;
}


/*
 * One round.  Odd rounds: the new owner of the pid is alive and must
 * get no signal.  Even rounds: it has exited unreaped (a zombie of
 * ours) and the driver must not reap it: it is not the driver's child
 * to collect.
 */
static int
testPidReuseRound(virDomainPtr dom, int round, bool *retReal)
{
    testReuseCall call = round % TEST_REUSE_LAST;
    bool zombie = round % 2 == 0;
    siginfo_t info;
    pid_t pid;
    pid_t other = 0;
    int ret = -1;

    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "reuse");

    /* QEMU goes, reaped at once, with no call of ours noticing. */
    kill(pid, SIGKILL);
    TEST_ASSERT_EQ_INT(waitpid(pid, NULL, 0), pid);
    TEST_ASSERT_OK(other = testForkAtPid(pid));
    *retReal = other > 0;
    if (other == 0) {
        /* Keep a live process at the recorded pid's place: the forged
         * start time stands in for the reuse. */
        zombie = false;
        TEST_ASSERT_OK(testForgeStartTime());
        TEST_ASSERT_OK(other = testForkSleeper());
    }
    if (zombie) {
        kill(other, SIGKILL);
        for (int i = 0; i < 5000 && testProcessAlive(other); i++)
            g_usleep(1000);
    }

    TEST_ASSERT_MSG(testReuseCallRun(dom, call) == 0, "call %d with the pid reused", call);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    if (zombie) {
        /* Not reaped by someone else: still ours to collect. */
        memset(&info, 0, sizeof(info));
        TEST_ASSERT_OK(waitid(P_PID, other, &info, WEXITED | WNOHANG | WNOWAIT));
        TEST_ASSERT_EQ_INT(info.si_pid, other);
    } else {
        /* Not signalled. */
        TEST_ASSERT(testProcessAlive(other));
        TEST_ASSERT_EQ_HEX(testProcessPendingSignals(other), 0);
    }
    ret = 0;

 cleanup:
    if (other > 0) {
        kill(other, SIGKILL);
        waitpid(other, NULL, 0);
    }
    return ret;
}


static int
testPidReuse(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(4, 50);
    virDomainPtr dom = testDefine("reuse");
    testReliabFigure *fig;
    int real = 0;
    int done = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    while (done < rounds) {
        bool isReal = false;

        TEST_ASSERT_OK(testPidReuseRound(dom, done++, &isReal));
        real += isReal;
    }
    ret = 0;

 cleanup:
    fig = testReliabFigureNew("faults.pidreuse",
                              "the recorded pid now belongs to another process");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "rounds_real_pid_reuse", real);
    testReliabFigureInt(fig, "rounds_never_signalled_nor_reaped", ret == 0 ? done : -1);
    testReliabFigureSave(fig);
    testQemuCleanup(dom, 0);
    return ret;
}



static int
mymain(void)
{
    g_autofree char *freezerRoot = g_build_filename(TEST_FREEZER_ROOT, "cgroup.procs", NULL);
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("frozen QEMU: graceful destroy fails on time, SIGTERM only",
                      testFrozen, NULL);
    if (geteuid() == 0 && g_file_test(freezerRoot, G_FILE_TEST_EXISTS))
        ret |= virTestRun("unkillable QEMU: destroy fails with pid, signal and state; "
                          "succeeds once QEMU can die", testUnkillable, NULL);
    else
        virTestSkip("unkillable QEMU", "no cgroup v1 freezer (or not root)");
    ret |= virTestRun("QEMU killed by SIGSEGV is found crashed and cleaned",
                      testCrash, NULL);
    ret |= virTestRun("a reused pid is never signalled nor reaped", testPidReuse, NULL);

    virConnectClose(testConn);
    testReapChildren();
    return ret;
}

VIR_TEST_MAIN(mymain)
