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
    virDomainObj *vm = qemuDomainObjLoad(driver, name);

    if (!vm)
        virTestDiag("cannot load %s: %s", name, virGetLastErrorMessage());
    return vm;
}


/* Waits for our child @pid and returns its wait status, or -1. */
static int
testWaitChild(pid_t pid)
{
    int status;

    if (waitpid(pid, &status, 0) != pid) {
        virTestDiag("cannot wait for %lld: %s", (long long)pid, g_strerror(errno));
        return -1;
    }
    return status;
}


/* NOWAIT sends SIGTERM and returns at once. */
static int
testKillNowait(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "knowait", "qemu-stub");
    g_autoptr(virDomainObj) vm = NULL;
    unsigned long long pending;
    gint64 start;
    pid_t pid = 0;
    int status;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "knowait");
    /* Stopped, it cannot act on the signal: it stays pending. */
    if (testProcessFreeze(pid) < 0 || !(vm = testLoad("knowait")))
        goto cleanup;
    start = g_get_monotonic_time();
    if (qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_NOWAIT) < 0 ||
        !testTookBetween("NOWAIT kill", testSecondsSince(start), 0, 0.1))
        goto cleanup;
    pending = testProcessPendingSignals(pid);
    if (!testProcessAlive(pid) || pending != (1ULL << (SIGTERM - 1))) {
        virTestDiag("alive %d, pending 0x%llx", testProcessAlive(pid), pending);
        goto cleanup;
    }
    /* Let it go: QEMU ends cleanly on the SIGTERM. */
    kill(pid, SIGCONT);
    if ((status = testWaitChild(pid)) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || !testQemuLogShowsSigterm(testRoot, "knowait"))
        goto cleanup;
    pid = 0;
    /* The next call finds it shut down (it was asked to end). */
    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN) < 0)
        goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "knowaitforce");
    if (!(vm = testLoad("knowaitforce")))
        goto cleanup;
    start = g_get_monotonic_time();
    if (qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_NOWAIT |
                            VIR_QEMU_PROCESS_KILL_FORCE) < 0 ||
        !testTookBetween("NOWAIT|FORCE kill", testSecondsSince(start), 0, 0.1))
        goto cleanup;
    if ((status = testWaitChild(pid)) < 0)
        goto cleanup;
    pid = 0;
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
        virTestDiag("wait status 0x%x, expected death by SIGKILL", status);
        goto cleanup;
    }
    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
        goto cleanup;
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

    if (!dom || !(vm = testLoad("kinactive")))
        goto cleanup;
    for (size_t i = 0; i < G_N_ELEMENTS(flags); i++) {
        gint64 start = g_get_monotonic_time();

        if (qemuProcessKill(vm, flags[i]) != 0 || virGetLastErrorCode() != VIR_ERR_OK ||
            !testTookBetween("kill of an inactive domain", testSecondsSince(start), 0, 0.05))
            goto cleanup;
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

    if (!deaf || !quick)
        goto cleanup;
    pid = testQemuDomainPid(testRoot, "kforce");
    quickPid = testQemuDomainPid(testRoot, "kforcequick");
    if (!(vm = testLoad("kforce")) || !(quickVm = testLoad("kforcequick")))
        goto cleanup;

    start = g_get_monotonic_time();
    if (qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_FORCE) < 0 ||
        !testTookBetween("FORCE kill of a QEMU ignoring SIGTERM",
                         testSecondsSince(start), TEST_TERM_TIMEOUT,
                         TEST_TERM_TIMEOUT + TEST_SLACK))
        goto cleanup;
    /* It ignores SIGTERM: only SIGKILL ended it.  Reaped, not a zombie. */
    if (testProcessAlive(pid) || virProcessIsZombie(pid) ||
        kill(pid, 0) == 0) {
        virTestDiag("process %lld still exists", (long long)pid);
        goto cleanup;
    }

    start = g_get_monotonic_time();
    if (qemuProcessKill(quickVm, VIR_QEMU_PROCESS_KILL_FORCE) < 0 ||
        !testTookBetween("FORCE kill of a QEMU exiting in 100 ms",
                         testSecondsSince(start), 0.1, TEST_TERM_TIMEOUT))
        goto cleanup;
    if (testProcessAlive(quickPid) || !testQemuLogShowsSigterm(testRoot, "kforcequick"))
        goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "kgraceful");
    if (!(vm = testLoad("kgraceful")))
        goto cleanup;

    if (qemuProcessKill(vm, 1U << 5) == 0 ||
        testQemuCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                           "unsupported flags (0x20) in function qemuProcessKill") < 0 ||
        virTestCompareStrings("unsupported flags (0x20) in function qemuProcessKill",
                              virGetLastErrorMessage(), "message") < 0)
        goto cleanup;
    virResetLastError();

    start = g_get_monotonic_time();
    if (qemuProcessKill(vm, 0) == 0) {
        virTestDiag("kill without FORCE of a QEMU ignoring SIGTERM succeeded");
        goto cleanup;
    }
    if (!testTookBetween("kill without FORCE", testSecondsSince(start),
                         TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK) ||
        testQemuCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM") < 0)
        goto cleanup;
    if (!testProcessAlive(pid))
        goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "kgone");
    if (!(vm = testLoad("kgone")))
        goto cleanup;
    kill(pid, SIGKILL);
    for (int i = 0; i < 5000 && testProcessAlive(pid); i++)
        g_usleep(1000);
    if (!virProcessIsZombie(pid))
        goto cleanup;

    /* A zombie: signals go nowhere, a wait ends at once (and reaps). */
    for (size_t i = 0; i < G_N_ELEMENTS(nowait); i++) {
        start = g_get_monotonic_time();
        if (qemuProcessKill(vm, nowait[i]) < 0 ||
            !testTookBetween("NOWAIT kill of a zombie", testSecondsSince(start), 0, 0.05))
            goto cleanup;
    }
    if (!virProcessIsZombie(pid))
        goto cleanup;
    start = g_get_monotonic_time();
    if (qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_FORCE) < 0 ||
        !testTookBetween("FORCE kill of a zombie", testSecondsSince(start), 0, 0.05))
        goto cleanup;
    if (kill(pid, 0) == 0 || errno != ESRCH) {
        virTestDiag("the zombie %lld was not reaped", (long long)pid);
        goto cleanup;
    }
    pid = 0;

    /* Reaped: a fresh load finds the recorded process gone. */
    g_clear_pointer(&vm, virDomainObjUnref);
    if (!(vm = testLoad("kgone")))
        goto cleanup;
    for (unsigned int flags = 0; flags < 4; flags++) {
        start = g_get_monotonic_time();
        if (qemuProcessKill(vm, flags) < 0 ||
            !testTookBetween("kill of a reaped process", testSecondsSince(start), 0, 0.05))
            goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "windowjob");
    before = testQemuStatusFile(testRoot, "windowjob");
    if (!(vm = testLoad("windowjob")) || qemuDomainObjBeginJob(driver, vm) < 0)
        goto cleanup;
    inJob = true;

    thread = g_thread_new("destroy", testDestroyThread, &call);
    if (!testProcessWaitGone(pid, 5000))
        goto cleanup;
    g_usleep(50 * 1000);
    if (g_atomic_int_get(&call.ended)) {
        virTestDiag("the destroy did not wait for the job: %d", call.rc);
        goto cleanup;
    }
    /* What any job would do first. */
    if (qemuProcessReconcileLocked(driver, vm) == 0) {
        virTestDiag("a job stopped a domain that a destroy had killed");
        goto cleanup;
    }
    if (testQemuCheckError(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                           "Requested operation is not valid: domain is being destroyed") < 0)
        goto cleanup;
    virResetLastError();
    after = testQemuStatusFile(testRoot, "windowjob");
    if (STRNEQ_NULLABLE(before, after)) {
        virTestDiag("the status file changed:\n%s", NULLSTR(after));
        goto cleanup;
    }
    qemuDomainObjEndJob(vm);
    inJob = false;

    g_thread_join(thread);
    thread = NULL;
    if (call.rc != 0) {
        virTestDiag("the destroy failed [%d]", call.code);
        goto cleanup;
    }
    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "windowquery");
    before = testQemuStatusFile(testRoot, "windowquery");

    /* A destroyer's first steps. */
    if ((destroyfd = qemuDomainBeginDestroy(driver, "windowquery")) < 0)
        goto cleanup;
    kill(pid, SIGTERM);
    if (!testProcessWaitGone(pid, 5000))
        goto cleanup;

    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0 ||
        virDomainIsActive(dom) != 0)
        goto cleanup;
    if (virDomainSuspend(dom) == 0 ||
        testQemuCheckError(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                           "Requested operation is not valid: domain is being destroyed") < 0)
        goto cleanup;
    after = testQemuStatusFile(testRoot, "windowquery");
    if (STRNEQ_NULLABLE(before, after)) {
        virTestDiag("the status file changed:\n%s", NULLSTR(after));
        goto cleanup;
    }

    /* The destroyer is gone without finishing. */
    virForceClose(&destroyfd);
    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN) < 0 ||
        !testQemuNoRuntimeState(testRoot, "windowquery",
                            "<domstatus state='shutoff' reason='shutdown' phase='inactive'/>\n"))
        goto cleanup;
    ret = 0;

 cleanup:
    virForceClose(&destroyfd);
    testQemuCleanup(dom, pid);
    return ret;
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

    if (!(testConn = testQemuStubConnectNew(testStubNames, &testRoot, &testURI,
                                            &testStubs)))
        return -1;

    DO_TEST("qemuProcessKill NOWAIT sends SIGTERM and returns at once",
            testKillNowait, NULL);
    DO_TEST("qemuProcessKill NOWAIT|FORCE sends SIGKILL and returns at once",
            testKillNowaitForce, NULL);
    DO_TEST("qemuProcessKill of an inactive domain returns 0 at once",
            testKillInactive, NULL);
    DO_TEST("qemuProcessKill FORCE escalates after the term timeout only",
            testKillForce, NULL);
    DO_TEST("qemuProcessKill without FORCE fails after the graceful timeout",
            testKillGraceful, NULL);
    DO_TEST("qemuProcessKill of a process already gone returns 0 at once",
            testKillGone, NULL);
    DO_TEST("a job finding QEMU gone during a destroy leaves the stop to it",
            testDestroyWindowJob, NULL);
    DO_TEST("queries during a destroy show it destroyed and change nothing",
            testDestroyWindowQuery, NULL);
    DO_TEST("no domain and no process left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
