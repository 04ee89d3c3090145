/*
 * qemustubkilltest.c: qemuProcessKill() and a destroy's window, white-box, with the stub QEMU
 *
 * The kill primitive with each of its flags (NOWAIT, FORCE, none) on
 * stub QEMUs (qemustub.c), an inactive domain and a process already
 * gone; and what a job and a query see while a destroy is under way.
 * The stubs are our children (the embedded driver spawns them), so the
 * tests can see how they ended when the driver has not reaped them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "datatypes.h"
#include "qemu_domain.h"
#include "qemu_process.h"
#include "virfile.h"
#include "virprocess.h"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;
static char *testStubs;

static const char *const testStubNames[] = {
    "qemu-stub", "qemu-stub-ignore-term", "qemu-stub-term-delay-100", NULL,
};


/* ---- qemuProcessKill, white-box -------------------------------------- */

/* The domain object as the driver loads it for a call. */
static virDomainObj *
testLoad(const char *name)
{
    virQEMUDriver *driver = testConn->privateData;

    return qemuDomainObjLoad(driver, name);
}


/* NOWAIT sends SIGTERM and returns at once. */
static int
testKillNowait(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "knowait", "qemu-stub");
    g_autoptr(virDomainObj) vm = NULL;
    gint64 start;
    pid_t pid = 0;
    int status;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "knowait");
    /* Stopped, it cannot act on the signal: it stays pending. */
    TEST_ASSERT_OK(testProcessFreeze(pid));
    TEST_ASSERT_NONNULL(vm = testLoad("knowait"));
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_NOWAIT));
    TEST_ASSERT(testTookBetween("NOWAIT kill", testSecondsSince(start), 0, 0.1));
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_HEX(testProcessPendingSignals(pid), 1ULL << (SIGTERM - 1));
    /* Let it go: QEMU ends cleanly on the SIGTERM. */
    kill(pid, SIGCONT);
    TEST_ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
    pid = 0;
    TEST_ASSERT_EXITED(status, 0);
    TEST_ASSERT(testQemuLogShowsSigterm(testRoot, "knowait"));
    /* The next call finds it shut down (it was asked to end). */
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ret = 0;

 cleanup:
    if (ret < 0 && pid > 0)
        kill(pid, SIGCONT);
    testQemuCleanup(dom, pid);
    return ret;
}


/* NOWAIT|FORCE sends SIGKILL and returns at once. */
static int
testKillNowaitForce(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "knowaitforce", "qemu-stub-ignore-term");
    g_autoptr(virDomainObj) vm = NULL;
    gint64 start;
    pid_t pid = 0;
    int status;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "knowaitforce");
    TEST_ASSERT_NONNULL(vm = testLoad("knowaitforce"));
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_NOWAIT |
                                       VIR_QEMU_PROCESS_KILL_FORCE));
    TEST_ASSERT(testTookBetween("NOWAIT|FORCE kill", testSecondsSince(start), 0, 0.1));
    TEST_ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
    pid = 0;
    TEST_ASSERT_KILLED(status, SIGKILL);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* An inactive domain: 0 at once, whatever the flags. */
static int
testKillInactive(const void *data G_GNUC_UNUSED)
{
    g_autofree char *xml = testQemuStubXML(testStubs, "kinactive", "qemu-stub");
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    g_autoptr(virDomainObj) vm = NULL;
    const unsigned int flags[] = {
        0, VIR_QEMU_PROCESS_KILL_FORCE, VIR_QEMU_PROCESS_KILL_NOWAIT,
        VIR_QEMU_PROCESS_KILL_FORCE | VIR_QEMU_PROCESS_KILL_NOWAIT,
    };
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_NONNULL(vm = testLoad("kinactive"));
    for (size_t i = 0; i < G_N_ELEMENTS(flags); i++) {
        gint64 start = g_get_monotonic_time();

        TEST_ASSERT_EQ_INT(qemuProcessKill(vm, flags[i]), 0);
        TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_OK);
        TEST_ASSERT(testTookBetween("kill of an inactive domain", testSecondsSince(start), 0, 0.05));
    }
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


/* FORCE escalates to SIGKILL after destroy_term_timeout, and not
 * before: a QEMU that exits in time is never killed. */
static int
testKillForce(const void *data G_GNUC_UNUSED)
{
    virDomainPtr deaf = testQemuStubStart(testConn, testStubs, "kforce", "qemu-stub-ignore-term");
    virDomainPtr quick = testQemuStubStart(testConn, testStubs, "kforcequick", "qemu-stub-term-delay-100");
    g_autoptr(virDomainObj) vm = NULL;
    g_autoptr(virDomainObj) quickVm = NULL;
    pid_t pid = 0;
    pid_t quickPid = 0;
    gint64 start;
    int ret = -1;

    TEST_ASSERT_NONNULL(deaf);
    TEST_ASSERT_NONNULL(quick);
    pid = testQemuDomainPid(testRoot, "kforce");
    quickPid = testQemuDomainPid(testRoot, "kforcequick");
    TEST_ASSERT_NONNULL(vm = testLoad("kforce"));
    TEST_ASSERT_NONNULL(quickVm = testLoad("kforcequick"));

    start = g_get_monotonic_time();
    TEST_ASSERT_OK(qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_FORCE));
    TEST_ASSERT(testTookBetween("FORCE kill of a QEMU ignoring SIGTERM",
                                testSecondsSince(start), TEST_TERM_TIMEOUT,
                                TEST_TERM_TIMEOUT + TEST_SLACK));
    /* It ignores SIGTERM: only SIGKILL ended it.  Reaped, not a zombie. */
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT(!virProcessIsZombie(pid));
    TEST_ASSERT_NE_INT(kill(pid, 0), 0);

    start = g_get_monotonic_time();
    TEST_ASSERT_OK(qemuProcessKill(quickVm, VIR_QEMU_PROCESS_KILL_FORCE));
    TEST_ASSERT(testTookBetween("FORCE kill of a QEMU exiting in 100 ms",
                                testSecondsSince(start), 0.1, TEST_TERM_TIMEOUT));
    TEST_ASSERT(!testProcessAlive(quickPid));
    TEST_ASSERT(testQemuLogShowsSigterm(testRoot, "kforcequick"));
    ret = 0;

 cleanup:
    testQemuCleanup(deaf, pid);
    testQemuCleanup(quick, quickPid);
    return ret;
}


/* Without flags: SIGTERM, then after destroy_graceful_timeout a
 * failure, nothing more; unknown flags are refused before any signal. */
static int
testKillGraceful(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "kgraceful", "qemu-stub-ignore-term");
    g_autoptr(virDomainObj) vm = NULL;
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "kgraceful");
    TEST_ASSERT_NONNULL(vm = testLoad("kgraceful"));

    TEST_ASSERT_FAILS(qemuProcessKill(vm, 1U << 5));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                           "unsupported flags (0x20) in function qemuProcessKill");
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "unsupported flags (0x20) in function qemuProcessKill");
    virResetLastError();

    start = g_get_monotonic_time();
    TEST_ASSERT_FAILS(qemuProcessKill(vm, 0));
    TEST_ASSERT(testTookBetween("kill without FORCE", testSecondsSince(start),
                                TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM");
    TEST_ASSERT(testProcessAlive(pid));
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* A QEMU that is already gone (a zombie, or reaped): 0 at once. */
static int
testKillGone(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "kgone", "qemu-stub");
    g_autoptr(virDomainObj) vm = NULL;
    const unsigned int nowait[] = {
        VIR_QEMU_PROCESS_KILL_NOWAIT,
        VIR_QEMU_PROCESS_KILL_NOWAIT | VIR_QEMU_PROCESS_KILL_FORCE,
    };
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "kgone");
    TEST_ASSERT_NONNULL(vm = testLoad("kgone"));
    kill(pid, SIGKILL);
    for (int i = 0; i < 5000 && testProcessAlive(pid); i++)
        g_usleep(1000);
    TEST_ASSERT(virProcessIsZombie(pid));

    /* A zombie: signals go nowhere, a wait ends at once (and reaps). */
    for (size_t i = 0; i < G_N_ELEMENTS(nowait); i++) {
        start = g_get_monotonic_time();
        TEST_ASSERT_OK(qemuProcessKill(vm, nowait[i]));
        TEST_ASSERT(testTookBetween("NOWAIT kill of a zombie", testSecondsSince(start), 0, 0.05));
    }
    TEST_ASSERT(virProcessIsZombie(pid));
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_FORCE));
    TEST_ASSERT(testTookBetween("FORCE kill of a zombie", testSecondsSince(start), 0, 0.05));
    TEST_ASSERT_MSG(kill(pid, 0) < 0 && errno == ESRCH,
                    "the zombie %lld was not reaped", (long long)pid);
    pid = 0;

    /* Reaped: a fresh load finds the recorded process gone. */
    g_clear_pointer(&vm, virDomainObjUnref);
    TEST_ASSERT_NONNULL(vm = testLoad("kgone"));
    for (unsigned int flags = 0; flags < 4; flags++) {
        start = g_get_monotonic_time();
        TEST_ASSERT_OK(qemuProcessKill(vm, flags));
        TEST_ASSERT(testTookBetween("kill of a reaped process", testSecondsSince(start), 0, 0.05));
    }
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* ---- a destroy's window, white-box ----------------------------------- */

typedef struct {
    virDomainPtr dom;
    int rc;
    int code;
    gint ended;
} testDestroyCall;

static gpointer
testDestroyThread(gpointer opaque)
{
    testDestroyCall *call = opaque;

    call->rc = virDomainDestroy(call->dom);
    call->code = virGetLastErrorCode();
    g_atomic_int_set(&call->ended, 1);
    return NULL;
}


/*
 * A destroy signals QEMU without the job, then waits for the job to
 * stop the domain.  A job that gets in first and finds QEMU gone must
 * leave the stop to the destroy: it fails, changes nothing, and the
 * destroy then succeeds with reason destroyed.
 */
static int
testDestroyWindowJob(const void *data G_GNUC_UNUSED)
{
    virQEMUDriver *driver = testConn->privateData;
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "windowjob", "qemu-stub");
    g_autoptr(virDomainObj) vm = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    testDestroyCall call = { .dom = dom, .rc = 1 };
    GThread *thread = NULL;
    bool inJob = false;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "windowjob");
    before = testQemuStatusFile(testRoot, "windowjob");
    TEST_ASSERT_NONNULL(vm = testLoad("windowjob"));
    TEST_ASSERT_OK(qemuDomainObjBeginJob(driver, vm));
    inJob = true;

    thread = g_thread_new("destroy", testDestroyThread, &call);
    TEST_ASSERT(testProcessWaitGone(pid, 5000));
    g_usleep(50 * 1000);
    TEST_ASSERT_MSG(!g_atomic_int_get(&call.ended),
                    "the destroy did not wait for the job: %d", call.rc);
    /* What any job would do first. */
    TEST_ASSERT_MSG(qemuProcessReconcileLocked(driver, vm) != 0,
                    "a job stopped a domain that a destroy had killed");
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                           "Requested operation is not valid: domain is being destroyed");
    virResetLastError();
    after = testQemuStatusFile(testRoot, "windowjob");
    TEST_ASSERT_EQ_STR(after, before);
    qemuDomainObjEndJob(vm);
    inJob = false;

    g_thread_join(thread);
    thread = NULL;
    TEST_ASSERT_MSG(call.rc == 0, "the destroy failed [%d]", call.code);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ret = 0;

 cleanup:
    if (inJob)
        qemuDomainObjEndJob(vm);
    if (thread)
        g_thread_join(thread);
    testQemuCleanup(dom, pid);
    return ret;
}


/*
 * The same window seen by queries: the domain shows as the destroy
 * will leave it, and no file changes.  A destroyer that dies there
 * leaves the stop to the next call that finds QEMU gone.
 */
static int
testDestroyWindowQuery(const void *data G_GNUC_UNUSED)
{
    virQEMUDriver *driver = testConn->privateData;
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "windowquery", "qemu-stub");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    int destroyfd = -1;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "windowquery");
    before = testQemuStatusFile(testRoot, "windowquery");

    /* A destroyer's first steps. */
    TEST_ASSERT_OK(destroyfd = qemuDomainBeginDestroy(driver, "windowquery"));
    kill(pid, SIGTERM);
    TEST_ASSERT(testProcessWaitGone(pid, 5000));

    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 0);
    TEST_ASSERT_FAILS(virDomainSuspend(dom));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                           "Requested operation is not valid: domain is being destroyed");
    after = testQemuStatusFile(testRoot, "windowquery");
    TEST_ASSERT_EQ_STR(after, before);

    /* The destroyer is gone without finishing. */
    virForceClose(&destroyfd);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    TEST_ASSERT(testQemuNoRuntimeState(testRoot, "windowquery",
                                       "<domstatus state='shutoff' reason='shutdown' phase='inactive'/>\n"));
    ret = 0;

 cleanup:
    virForceClose(&destroyfd);
    testQemuCleanup(dom, pid);
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuStubConnectNew(testStubNames, &testRoot, &testURI,
                                            &testStubs)))
        return -1;

    ret |= virTestRun("qemuProcessKill NOWAIT sends SIGTERM and returns at once",
                      testKillNowait, NULL);
    ret |= virTestRun("qemuProcessKill NOWAIT|FORCE sends SIGKILL and returns at once",
                      testKillNowaitForce, NULL);
    ret |= virTestRun("qemuProcessKill of an inactive domain returns 0 at once",
                      testKillInactive, NULL);
    ret |= virTestRun("qemuProcessKill FORCE escalates after the term timeout only",
                      testKillForce, NULL);
    ret |= virTestRun("qemuProcessKill without FORCE fails after the graceful timeout",
                      testKillGraceful, NULL);
    ret |= virTestRun("qemuProcessKill of a process already gone returns 0 at once",
                      testKillGone, NULL);
    ret |= virTestRun("a job finding QEMU gone during a destroy leaves the stop to it",
                      testDestroyWindowJob, NULL);
    ret |= virTestRun("queries during a destroy show it destroyed and change nothing",
                      testDestroyWindowQuery, NULL);
    ret |= virTestRun("no domain and no process left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
