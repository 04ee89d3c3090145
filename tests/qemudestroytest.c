/*
 * qemudestroytest.c: the destroy contract through the public API, on real QEMU (TCG)
 *
 * Every rule of ../shared/design/STOP-SEMANTICS.md that can be observed
 * from outside on a real QEMU: DEFAULT and GRACEFUL destroy, a frozen
 * QEMU under GRACEFUL, REMOVE_LOGS, bad flags, zombies, reused pids and
 * two destroys at once.  The fault paths real QEMU cannot hit on cue are
 * in qemustubdestroytest.c, qemustublifecycletest.c and qemustubkilltest.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;


static int
testStartDestroyDefault(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "default", NULL);
    g_autofree char *status = NULL;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "default");
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    TEST_ASSERT_CMP_INT((int)virDomainGetID(dom), >, 0);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT_MSG(!testProcessAlive(pid), "QEMU %d still runs after destroy", pid);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 0);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    /* The runtime state is gone, the stop reason recorded. */
    status = testQemuStatusFile(testRoot, "default");
    TEST_ASSERT_NONNULL(status);
    TEST_ASSERT_STR_LACKS(status, "pid=");
    TEST_ASSERT_STR_CONTAINS(status, "reason='destroyed'");
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testDestroyGraceful(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "graceful", NULL);
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "graceful");
    TEST_ASSERT_OK(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


/*
 * GRACEFUL on a QEMU that cannot act on SIGTERM (SIGSTOP): the call
 * fails within the configured timeout, and nothing else happens: no
 * SIGKILL, no second signal, no state change.  A DEFAULT destroy then
 * kills it.
 */
static int
testGracefulFrozen(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "frozen", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gint64 start;
    double elapsed;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "frozen");
    before = testQemuStatusFile(testRoot, "frozen");
    TEST_ASSERT_OK(testProcessFreeze(pid));

    start = g_get_monotonic_time();
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM");
    /* The message names the process state. */
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "T (stopped)");
    /* Configured: 0.4 s.  Allow scheduling noise, not a second wait. */
    TEST_ASSERT_CMP_DOUBLE(elapsed, >=, 0.4);
    TEST_ASSERT_CMP_DOUBLE(elapsed, <=, 0.9);

    /* The process is intact and only SIGTERM is pending. */
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_HEX(testProcessPendingSignals(pid), 1ULL << (SIGTERM - 1));
    after = testQemuStatusFile(testRoot, "frozen");
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    /* The operator decides to force it. */
    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ret = 0;

 cleanup:
    if (ret < 0 && pid > 0)
        kill(pid, SIGCONT);
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testRemoveLogs(const void *data G_GNUC_UNUSED)
{
    g_autofree char *log = g_strdup_printf("%s/log/qemu/logs.log", testRoot);
    virDomainPtr dom = testQemuStart(testConn, "logs", NULL);
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    /* A failed graceful destroy keeps the log. */
    pid = testQemuDomainPid(testRoot, "logs");
    TEST_ASSERT_OK(testProcessFreeze(pid));
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL |
                                                 VIR_DOMAIN_DESTROY_REMOVE_LOGS));
    TEST_ASSERT_MSG(g_file_test(log, G_FILE_TEST_EXISTS),
                    "a failed destroy removed %s", log);

    /* A successful one removes it.  (Still frozen: resumed, QEMU would
     * act on the SIGTERM already pending, racing the call.) */
    TEST_ASSERT_OK(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_REMOVE_LOGS));
    TEST_ASSERT_MSG(!g_file_test(log, G_FILE_TEST_EXISTS), "%s still exists", log);

    /* Without the flag it stays. */
    TEST_ASSERT_OK(virDomainCreate(dom));
    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT_MSG(g_file_test(log, G_FILE_TEST_EXISTS),
                    "%s was removed without REMOVE_LOGS", log);

    /* With GRACEFUL too, once QEMU exits on SIGTERM. */
    TEST_ASSERT_OK(virDomainCreate(dom));
    TEST_ASSERT_OK(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL |
                                              VIR_DOMAIN_DESTROY_REMOVE_LOGS));
    TEST_ASSERT_MSG(!g_file_test(log, G_FILE_TEST_EXISTS),
                    "%s still exists after a graceful destroy", log);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testBadFlags(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "badflags", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "badflags");
    before = testQemuStatusFile(testRoot, "badflags");
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, 0x80));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, NULL);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "unsupported flags (0x80) in function qemuDomainDestroyFlags");
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, 0x84 | VIR_DOMAIN_DESTROY_GRACEFUL));
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "unsupported flags (0x84) in function qemuDomainDestroyFlags");
    /* Untouched: nothing pending, nothing changed. */
    after = testQemuStatusFile(testRoot, "badflags");
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_HEX(testProcessPendingSignals(pid), 0);
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testDestroyInactive(const void *data G_GNUC_UNUSED)
{
    g_autofree char *xml = testQemuDomainXML("inactive", NULL, NULL);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_FAILS(virDomainDestroy(dom));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_INVALID, -1,
                           "Requested operation is not valid: domain is not running");
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    TEST_ASSERT_ERROR(VIR_ERR_OPERATION_INVALID);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


/* A zombie has exited: the domain counts as stopped even before anyone
 * reaps the process. */
static int
testZombie(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "zombie", NULL);
    siginfo_t info;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "zombie");
    kill(pid, SIGKILL);
    /* Wait for the exit without reaping. */
    for (int i = 0; i < 5000 && testProcessAlive(pid); i++)
        g_usleep(1000);
    /* Still a zombie of ours: nobody reaped it. */
    memset(&info, 0, sizeof(info));
    TEST_ASSERT_OK(waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT));
    TEST_ASSERT_MSG(info.si_pid == pid, "QEMU %d is not an unreaped zombie of ours", pid);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 0);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


/* A status file whose pid now belongs to another process is never
 * signalled: the domain counts as stopped. */
static int
testPidReuse(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "reuse", NULL);
    g_autofree char *path = g_strdup_printf("%s/run/qemu/reuse.xml", testRoot);
    g_autofree char *status = NULL;
    g_autofree char *forged = NULL;
    g_autofree char *pidAttr = NULL;
    g_autoptr(GRegex) re = g_regex_new(" pid='[0-9]+'", 0, 0, NULL);
    const char *sleeper[] = { "/bin/sleep", "60", NULL };
    GPid decoy = 0;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "reuse");
    status = testQemuStatusFile(testRoot, "reuse");
    /* The recorded QEMU dies unseen and its pid goes to another process
     * (started at another time, with another command line): the status
     * file now names a stranger. */
    kill(pid, SIGKILL);
    TEST_ASSERT(testProcessWaitGone(pid, 5000));
    TEST_ASSERT(g_spawn_async(NULL, (char **)sleeper, NULL, G_SPAWN_DEFAULT, NULL,
                              NULL, &decoy, NULL));
    pidAttr = g_strdup_printf(" pid='%lld'", (long long)decoy);
    forged = g_regex_replace_literal(re, status, -1, 0, pidAttr, 0, NULL);
    TEST_ASSERT(g_file_set_contents(path, forged, -1, NULL));

    TEST_ASSERT_FAILS(virDomainDestroy(dom));
    TEST_ASSERT_ERROR(VIR_ERR_OPERATION_INVALID);
    /* The process with the reused pid was not signalled. */
    TEST_ASSERT(testProcessAlive(decoy));
    TEST_ASSERT_EQ_HEX(testProcessPendingSignals(decoy), 0);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    ret = 0;

 cleanup:
    if (decoy > 0) {
        kill(decoy, SIGKILL);
        testProcessWaitGone(decoy, 5000);
    }
    testQemuCleanup(dom, 0);
    return ret;
}


/* Two threads destroy the same domain at once: one wins, the other is
 * told the domain is not running. */
static gpointer
testDestroyThread(gpointer opaque)
{
    virDomainPtr dom = opaque;

    if (virDomainDestroy(dom) == 0)
        return GINT_TO_POINTER(1);
    return GINT_TO_POINTER(virGetLastErrorCode() == VIR_ERR_OPERATION_INVALID ? 2 : 3);
}


static int
testDestroyRace(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = NULL;
    int ret = -1;

    for (int round = 0; round < 5; round++) {
        GThread *a, *b;
        int ra, rb;

        TEST_ASSERT_NONNULL(dom = testQemuStart(testConn, "race", NULL));
        a = g_thread_new("destroy-a", testDestroyThread, dom);
        b = g_thread_new("destroy-b", testDestroyThread, dom);
        ra = GPOINTER_TO_INT(g_thread_join(a));
        rb = GPOINTER_TO_INT(g_thread_join(b));
        TEST_ASSERT_MSG((ra == 1 && rb == 2) || (ra == 2 && rb == 1),
                        "round %d: outcomes %d and %d", round, ra, rb);
        testQemuCleanup(g_steal_pointer(&dom), 0);
    }
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("start, then destroy with SIGTERM", testStartDestroyDefault, NULL);
    ret |= virTestRun("graceful destroy", testDestroyGraceful, NULL);
    ret |= virTestRun("graceful destroy of a frozen QEMU fails and changes nothing", testGracefulFrozen, NULL);
    ret |= virTestRun("REMOVE_LOGS removes the log only after a stop", testRemoveLogs, NULL);
    ret |= virTestRun("unknown destroy flags are refused before any signal", testBadFlags, NULL);
    ret |= virTestRun("destroy of an inactive domain", testDestroyInactive, NULL);
    ret |= virTestRun("a zombie counts as exited", testZombie, NULL);
    ret |= virTestRun("a reused pid is never signalled", testPidReuse, NULL);
    ret |= virTestRun("two destroys at once: exactly one succeeds", testDestroyRace, NULL);
    ret |= virTestRun("no QEMU left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
