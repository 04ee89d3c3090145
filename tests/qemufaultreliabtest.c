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


static void
testUndefine(virDomainPtr dom)
{
    if (!dom)
        return;
    if (virDomainIsActive(dom) == 1)
        virDomainDestroy(dom);
    virDomainUndefine(dom);
    virDomainFree(dom);
    virResetLastError();
    testReapChildren();
}


static int
testCheckState(virDomainPtr dom, int wantState, int wantReason)
{
    int state = -1, reason = -1;

    if (virDomainGetState(dom, &state, &reason, 0) < 0 ||
        state != wantState || reason != wantReason) {
        virTestDiag("state %d/%d, expected %d/%d", state, reason, wantState,
                    wantReason);
        return -1;
    }
    return 0;
}


static int
testCheckError(int code, const char *prefix)
{
    virErrorPtr err = virGetLastError();

    if (!err || err->code != code ||
        (prefix && !g_str_has_prefix(err->message, prefix))) {
        virTestDiag("error [%d] '%s', expected [%d] '%s...'", err ? err->code : -1,
                    err ? err->message : "(none)", code, NULLSTR(prefix));
        return -1;
    }
    return 0;
}


/*
 * One round: freeze, graceful destroy, measure, check nothing else
 * happened, then destroy by default.  Returns the seconds the failing
 * graceful destroy took, or -1.
 */
static double
testFrozenRound(virDomainPtr dom)
{
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    unsigned long long pending;
    gint64 start;
    double elapsed;
    pid_t pid;

    if (virDomainCreate(dom) < 0)
        return -1;
    pid = testQemuDomainPid(testRoot, "frozen");
    before = testQemuStatusFile(testRoot, "frozen");
    if (testReliabFreeze(pid) < 0)
        return -1;

    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy of a frozen QEMU succeeded");
        return -1;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    if (testCheckError(VIR_ERR_OPERATION_FAILED,
                       "operation failed: failed to kill qemu process with SIGTERM") < 0)
        return -1;

    /* Nothing but the one SIGTERM reached it; nothing changed. */
    pending = testProcessPendingSignals(pid);
    after = testQemuStatusFile(testRoot, "frozen");
    if (!testProcessAlive(pid) || pending != (1ULL << (SIGTERM - 1)) ||
        STRNEQ_NULLABLE(before, after)) {
        virTestDiag("alive=%d pending=0x%llx status %s", testProcessAlive(pid),
                    pending, STREQ_NULLABLE(before, after) ? "same" : "changed");
        return -1;
    }
    if (testCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        return -1;

    /* The operator forces it. */
    if (virDomainDestroy(dom) < 0 || testProcessAlive(pid) ||
        testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        return -1;
    testReapChildren();
    return elapsed;
}


static int
testFrozen(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(3, 50);
    g_autofree double *late = g_new0(double, rounds);
    virDomainPtr dom = testDefine("frozen");
    testReliabFigure *fig;
    int within = 0;
    int done;
    double median;
    int ret = 0;

    if (!dom)
        return -1;
    for (done = 0; done < rounds; done++) {
        double elapsed = testFrozenRound(dom);

        if (elapsed < 0) {
            virTestDiag("round %d failed: %s", done, virGetLastErrorMessage());
            ret = -1;
            break;
        }
        late[done] = elapsed - TEST_GRACEFUL_TIMEOUT;
        if (late[done] < 0) {
            virTestDiag("round %d failed after %.3f s, before the %.3f s timeout",
                        done, elapsed, TEST_GRACEFUL_TIMEOUT);
            ret = -1;
        }
        if (late[done] <= TEST_LATE_TARGET)
            within++;
    }

    fig = testReliabFigureNew("faults.frozen",
                              "graceful destroy of a QEMU stopped with SIGSTOP");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureDouble(fig, "timeout_s", TEST_GRACEFUL_TIMEOUT);
    testReliabFigureDouble(fig, "late_max_s", testReliabMax(late, done));
    testReliabFigureDouble(fig, "late_p95_s", testReliabPercentile(late, done, 95));
    median = testReliabMedian(late, done);
    testReliabFigureDouble(fig, "late_median_s", median);
    testReliabFigureInt(fig, "rounds_within_50ms", within);
    testReliabFigureInt(fig, "rounds_only_sigterm_pending", ret == 0 ? done : -1);
    testReliabFigureSave(fig);

    /* The target holds for a typical call; a single round may be late
     * on a loaded machine, but never by a second wait. */
    if (median > TEST_LATE_TARGET || testReliabMax(late, done) > TEST_GRACEFUL_TIMEOUT) {
        virTestDiag("late by %.3f s (median), %.3f s (max)", median,
                    testReliabMax(late, done));
        ret = -1;
    }
    testUndefine(dom);
    return ret;
}


/* Writes @value into a cgroup file. */
static int
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


static int
testCgroupWaitState(const char *dir, const char *want)
{
    g_autofree char *path = g_build_filename(dir, "freezer.state", NULL);

    for (int i = 0; i < 5000; i++) {
        g_autofree char *state = NULL;

        if (g_file_get_contents(path, &state, NULL, NULL) &&
            STREQ(g_strstrip(state), want))
            return 0;
        g_usleep(1000);
    }
    virTestDiag("%s never became %s", path, want);
    return -1;
}


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


/* One round with QEMU in a frozen cgroup; returns the seconds the
 * failing destroy took, or -1. */
static double
testUnkillableRound(virDomainPtr dom, const char *cgroup)
{
    g_autofree char *pidstr = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *expect = NULL;
    testDestroyJob job = { .dom = dom };
    GThread *thread;
    const char *msg;
    gint64 start;
    double elapsed;
    pid_t pid;

    if (virDomainCreate(dom) < 0)
        return -1;
    pid = testQemuDomainPid(testRoot, "unkillable");
    before = testQemuStatusFile(testRoot, "unkillable");
    pidstr = g_strdup_printf("%lld", (long long)pid);
    if (testCgroupWrite(cgroup, "cgroup.procs", pidstr) < 0 ||
        testCgroupWrite(cgroup, "freezer.state", "FROZEN") < 0 ||
        testCgroupWaitState(cgroup, "FROZEN") < 0)
        return -1;

    start = g_get_monotonic_time();
    if (virDomainDestroy(dom) == 0) {
        virTestDiag("destroy of an unkillable QEMU succeeded");
        return -1;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    if (testCheckError(VIR_ERR_SYSTEM_ERROR, NULL) < 0)
        return -1;
    msg = virGetLastErrorMessage();
    expect = g_strdup_printf("process %lld with SIGKILL", (long long)pid);
    if (!strstr(msg, expect) || !strstr(msg, "in state ")) {
        virTestDiag("message lacks pid, signal or state: %s", msg);
        return -1;
    }
    virTestDiag("%s", msg);

    /* Still active, files untouched, QEMU still there. */
    after = testQemuStatusFile(testRoot, "unkillable");
    if (virDomainIsActive(dom) != 1 || STRNEQ_NULLABLE(before, after) ||
        !testProcessAlive(pid)) {
        virTestDiag("domain changed by a failed destroy");
        return -1;
    }

    /* A later destroy succeeds once QEMU can die: it is thawed while
     * that destroy waits. */
    thread = g_thread_new("destroy", testDestroyThread, &job);
    g_usleep(200 * 1000);
    if (testCgroupWrite(cgroup, "freezer.state", "THAWED") < 0) {
        g_thread_join(thread);
        return -1;
    }
    g_thread_join(thread);
    if (job.rc < 0) {
        virTestDiag("destroy after the thaw failed: %s", virGetLastErrorMessage());
        return -1;
    }
    if (testProcessAlive(pid) ||
        testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        return -1;
    testReapChildren();
    return elapsed;
}


static int
testUnkillable(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(1, 10);
    g_autofree double *late = g_new0(double, rounds);
    g_autofree char *cgroup = NULL;
    virDomainPtr dom = NULL;
    testReliabFigure *fig;
    int done;
    int ret = 0;

    cgroup = g_strdup_printf("%s/lvg-reliab-%lld", TEST_FREEZER_ROOT,
                             (long long)getpid());
    if (mkdir(cgroup, 0700) < 0 && errno != EEXIST) {
        virTestDiag("cannot create %s: %s", cgroup, g_strerror(errno));
        return -1;
    }
    if (!(dom = testDefine("unkillable"))) {
        rmdir(cgroup);
        return -1;
    }
    for (done = 0; done < rounds; done++) {
        double elapsed = testUnkillableRound(dom, cgroup);

        if (elapsed < 0) {
            virTestDiag("round %d failed: %s", done, virGetLastErrorMessage());
            ret = -1;
            break;
        }
        late[done] = elapsed - (TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT);
        if (late[done] < 0) {
            virTestDiag("gave up after %.3f s, before the timeouts", elapsed);
            ret = -1;
        }
    }

    fig = testReliabFigureNew("faults.unkillable",
                              "default destroy of a QEMU frozen in a cgroup v1 freezer");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureDouble(fig, "timeouts_s", TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT);
    testReliabFigureDouble(fig, "late_median_s", testReliabMedian(late, done));
    testReliabFigureDouble(fig, "late_max_s", testReliabMax(late, done));
    testReliabFigureInt(fig, "rounds_failed_cleanly_then_destroyed", ret == 0 ? done : -1);
    testReliabFigureSave(fig);

    testCgroupWrite(cgroup, "freezer.state", "THAWED");
    testUndefine(dom);
    if (rmdir(cgroup) < 0)
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

    if (virDomainCreate(dom) < 0)
        return -1;
    pid = testQemuDomainPid(testRoot, "crash");
    kill(pid, SIGSEGV);
    if (!testProcessWaitGone(pid, 10000))
        return -1;
    if (testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
        return -1;
    status = testQemuStatusFile(testRoot, "crash");
    if (!status || strstr(status, "pid=") || !strstr(status, "reason='crashed'") ||
        (runDir = testQemuRunDirLeft(testRoot))) {
        virTestDiag("runtime state left after a crash: %s", NULLSTR(status));
        return -1;
    }
    /* The definition is intact and the domain starts again. */
    if (!(xml = virDomainGetXMLDesc(dom, 0)) || !strstr(xml, "<name>crash</name>"))
        return -1;
    return 0;
}


static int
testCrash(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(2, 50);
    virDomainPtr dom = testDefine("crash");
    g_autoptr(GArray) left = NULL;
    testReliabFigure *fig;
    int done;
    int ret = 0;

    if (!dom)
        return -1;
    for (done = 0; done < rounds; done++) {
        if (testCrashRound(dom) < 0) {
            virTestDiag("round %d failed: %s", done, virGetLastErrorMessage());
            ret = -1;
            break;
        }
    }
    testReapChildren();
    left = testReliabRootProcesses(testRoot);
    if (left->len) {
        virTestDiag("%u QEMU processes left", left->len);
        ret = -1;
    }
    fig = testReliabFigureNew("faults.crash", "QEMU killed by SIGSEGV while running");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "found_crashed_and_cleaned", ret == 0 ? done : -1);
    testReliabFigureSave(fig);
    testUndefine(dom);
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

    switch (call) {
    case TEST_REUSE_DESTROY:
        if (virDomainDestroy(dom) == 0)
            return -1;
        return testCheckError(VIR_ERR_OPERATION_INVALID, NULL);
    case TEST_REUSE_GRACEFUL:
        if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0)
            return -1;
        return testCheckError(VIR_ERR_OPERATION_INVALID, NULL);
    case TEST_REUSE_SHUTDOWN_SIGNAL:
        if (virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_SIGNAL) == 0)
            return -1;
        return testCheckError(VIR_ERR_OPERATION_INVALID, NULL);
    case TEST_REUSE_GETSTATE:
    case TEST_REUSE_LAST:
        break;
    }
    if (virDomainGetState(dom, &state, &reason, 0) < 0 || state != VIR_DOMAIN_SHUTOFF)
        return -1;
    return 0;
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

    if (virDomainCreate(dom) < 0)
        return -1;
    pid = testQemuDomainPid(testRoot, "reuse");

    /* QEMU goes, reaped at once, with no call of ours noticing. */
    kill(pid, SIGKILL);
    if (waitpid(pid, NULL, 0) != pid) {
        virTestDiag("cannot reap QEMU %lld: %s", (long long)pid, g_strerror(errno));
        return -1;
    }
    if ((other = testForkAtPid(pid)) < 0)
        return -1;
    *retReal = other > 0;
    if (other == 0) {
        /* Keep a live process at the recorded pid's place: the forged
         * start time stands in for the reuse. */
        zombie = false;
        if (testForgeStartTime() < 0 || (other = testForkSleeper()) < 0)
            return -1;
    }
    if (zombie) {
        kill(other, SIGKILL);
        for (int i = 0; i < 5000 && testProcessAlive(other); i++)
            g_usleep(1000);
    }

    if (testReuseCallRun(dom, call) < 0) {
        virTestDiag("call %d with the pid reused: %s", call, virGetLastErrorMessage());
        goto cleanup;
    }
    if (testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
        goto cleanup;
    if (zombie) {
        memset(&info, 0, sizeof(info));
        if (waitid(P_PID, other, &info, WEXITED | WNOHANG | WNOWAIT) < 0 ||
            info.si_pid != other) {
            virTestDiag("the exited process %lld that took QEMU's pid was reaped "
                        "by someone else", (long long)other);
            goto cleanup;
        }
    } else if (!testProcessAlive(other) || testProcessPendingSignals(other) != 0) {
        virTestDiag("the process %lld that took QEMU's pid was signalled",
                    (long long)other);
        goto cleanup;
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
    int done;
    int ret = 0;

    if (!dom)
        return -1;
    for (done = 0; done < rounds; done++) {
        bool isReal = false;

        if (testPidReuseRound(dom, done, &isReal) < 0) {
            virTestDiag("round %d failed: %s", done, virGetLastErrorMessage());
            ret = -1;
            break;
        }
        real += isReal;
    }
    fig = testReliabFigureNew("faults.pidreuse",
                              "the recorded pid now belongs to another process");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "rounds_real_pid_reuse", real);
    testReliabFigureInt(fig, "rounds_never_signalled_nor_reaped", ret == 0 ? done : -1);
    testReliabFigureSave(fig);
    testUndefine(dom);
    return ret;
}



static int
mymain(void)
{
    g_autofree char *freezerRoot = g_build_filename(TEST_FREEZER_ROOT, "cgroup.procs", NULL);
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    testRoot = testQemuRootNew(TEST_QEMU_CONF, &testURI);
    if (!(testConn = virConnectOpen(testURI))) {
        virTestDiag("cannot open %s: %s", testURI, virGetLastErrorMessage());
        return -1;
    }

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
