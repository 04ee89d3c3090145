/*
 * qemudestroytest.c: the destroy contract through the public API, on real QEMU (TCG)
 *
 * Every rule of ../shared/design/STOP-SEMANTICS.md that can be observed
 * from outside on a real QEMU: DEFAULT and GRACEFUL destroy, a frozen
 * QEMU under GRACEFUL, REMOVE_LOGS, bad flags, zombies, reused pids and
 * two destroys at once.  The fault paths real QEMU cannot hit on cue are
 * in qemudriverstubtest.c.
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "default");
    if (!testProcessAlive(pid) || virDomainIsActive(dom) != 1 ||
        (int)virDomainGetID(dom) <= 0 ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (testProcessAlive(pid)) {
        virTestDiag("QEMU %d still runs after destroy", pid);
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 0 ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
    /* The runtime state is gone, the stop reason recorded. */
    status = testQemuStatusFile(testRoot, "default");
    if (!status || strstr(status, "pid=") || !strstr(status, "reason='destroyed'")) {
        virTestDiag("status file after destroy: %s", NULLSTR(status));
        goto cleanup;
    }
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "graceful");
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) < 0)
        goto cleanup;
    if (testProcessAlive(pid) ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
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
    unsigned long long pending;
    gint64 start;
    double elapsed;
    pid_t pid;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "frozen");
    before = testQemuStatusFile(testRoot, "frozen");
    if (testProcessFreeze(pid) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy of a frozen QEMU succeeded");
        goto cleanup;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    if (testQemuCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                       "operation failed: failed to kill qemu process with SIGTERM") < 0)
        goto cleanup;
    if (!strstr(virGetLastErrorMessage(), "T (stopped)")) {
        virTestDiag("message lacks the process state: %s", virGetLastErrorMessage());
        goto cleanup;
    }
    /* Configured: 0.4 s.  Allow scheduling noise, not a second wait. */
    if (elapsed < 0.4 || elapsed > 0.9) {
        virTestDiag("graceful timeout of 0.4 s took %.3f s", elapsed);
        goto cleanup;
    }

    /* The process is intact and only SIGTERM is pending. */
    pending = testProcessPendingSignals(pid);
    if (!testProcessAlive(pid) || pending != (1ULL << (SIGTERM - 1))) {
        virTestDiag("alive=%d pending=0x%llx", testProcessAlive(pid), pending);
        goto cleanup;
    }
    after = testQemuStatusFile(testRoot, "frozen");
    if (STRNEQ_NULLABLE(before, after)) {
        virTestDiag("status file changed:\n%s\n%s", NULLSTR(before), NULLSTR(after));
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 1 ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    /* The operator decides to force it. */
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (testProcessAlive(pid) ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
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

    if (!dom)
        return -1;
    /* A failed graceful destroy keeps the log. */
    pid = testQemuDomainPid(testRoot, "logs");
    if (testProcessFreeze(pid) < 0)
        goto cleanup;
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL |
                                   VIR_DOMAIN_DESTROY_REMOVE_LOGS) == 0 ||
        !g_file_test(log, G_FILE_TEST_EXISTS)) {
        virTestDiag("failed destroy removed the log, or did not fail");
        goto cleanup;
    }

    /* A successful one removes it.  (Still frozen: resumed, QEMU would
     * act on the SIGTERM already pending, racing the call.) */
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_REMOVE_LOGS) < 0)
        goto cleanup;
    if (g_file_test(log, G_FILE_TEST_EXISTS)) {
        virTestDiag("%s still exists", log);
        goto cleanup;
    }

    /* Without the flag it stays. */
    if (virDomainCreate(dom) < 0 || virDomainDestroy(dom) < 0)
        goto cleanup;
    if (!g_file_test(log, G_FILE_TEST_EXISTS)) {
        virTestDiag("%s was removed without REMOVE_LOGS", log);
        goto cleanup;
    }

    /* With GRACEFUL too, once QEMU exits on SIGTERM. */
    if (virDomainCreate(dom) < 0 ||
        virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL |
                                   VIR_DOMAIN_DESTROY_REMOVE_LOGS) < 0)
        goto cleanup;
    if (g_file_test(log, G_FILE_TEST_EXISTS)) {
        virTestDiag("%s still exists after a graceful destroy", log);
        goto cleanup;
    }
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "badflags");
    before = testQemuStatusFile(testRoot, "badflags");
    if (virDomainDestroyFlags(dom, 0x80) == 0 ||
        testQemuCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, NULL) < 0 ||
        virTestCompareStrings("unsupported flags (0x80) in function qemuDomainDestroyFlags",
                              virGetLastErrorMessage(), "message") < 0)
        goto cleanup;
    if (virDomainDestroyFlags(dom, 0x84 | VIR_DOMAIN_DESTROY_GRACEFUL) == 0 ||
        virTestCompareStrings("unsupported flags (0x84) in function qemuDomainDestroyFlags",
                              virGetLastErrorMessage(), "message") < 0)
        goto cleanup;
    /* Untouched: nothing pending, nothing changed. */
    after = testQemuStatusFile(testRoot, "badflags");
    if (!testProcessAlive(pid) || testProcessPendingSignals(pid) != 0 ||
        STRNEQ_NULLABLE(before, after) ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;
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

    if (!dom)
        return -1;
    if (virDomainDestroy(dom) == 0 ||
        testQemuCheckError(VIR_ERR_OPERATION_INVALID, -1,
                       "Requested operation is not valid: domain is not running") < 0)
        goto cleanup;
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0 ||
        testQemuCheckError(VIR_ERR_OPERATION_INVALID, -1, NULL) < 0)
        goto cleanup;
    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN) < 0)
        goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "zombie");
    kill(pid, SIGKILL);
    /* Wait for the exit without reaping. */
    for (int i = 0; i < 5000 && testProcessAlive(pid); i++)
        g_usleep(1000);
    /* Still a zombie of ours: nobody reaped it. */
    memset(&info, 0, sizeof(info));
    if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0 ||
        info.si_pid != pid) {
        virTestDiag("QEMU %d is not an unreaped zombie of ours", pid);
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 0 ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
        goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "reuse");
    status = testQemuStatusFile(testRoot, "reuse");
    /* The recorded QEMU dies unseen and its pid goes to another process
     * (started at another time, with another command line): the status
     * file now names a stranger. */
    kill(pid, SIGKILL);
    if (!testProcessWaitGone(pid, 5000) ||
        !g_spawn_async(NULL, (char **)sleeper, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       &decoy, NULL))
        goto cleanup;
    pidAttr = g_strdup_printf(" pid='%lld'", (long long)decoy);
    forged = g_regex_replace_literal(re, status, -1, 0, pidAttr, 0, NULL);
    if (!g_file_set_contents(path, forged, -1, NULL))
        goto cleanup;

    if (virDomainDestroy(dom) == 0 ||
        testQemuCheckError(VIR_ERR_OPERATION_INVALID, -1, NULL) < 0)
        goto cleanup;
    if (!testProcessAlive(decoy) || testProcessPendingSignals(decoy) != 0) {
        virTestDiag("the process with the reused pid was signalled");
        goto cleanup;
    }
    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
        goto cleanup;
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
    int ret = 0;

    for (int round = 0; round < 5 && ret == 0; round++) {
        virDomainPtr dom = testQemuStart(testConn, "race", NULL);
        GThread *a, *b;
        int ra, rb;

        if (!dom)
            return -1;
        a = g_thread_new("destroy-a", testDestroyThread, dom);
        b = g_thread_new("destroy-b", testDestroyThread, dom);
        ra = GPOINTER_TO_INT(g_thread_join(a));
        rb = GPOINTER_TO_INT(g_thread_join(b));
        if (!((ra == 1 && rb == 2) || (ra == 2 && rb == 1))) {
            virTestDiag("round %d: outcomes %d and %d", round, ra, rb);
            ret = -1;
        }
        testQemuCleanup(dom, 0);
    }
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
