/*
 * qemudrivertest.c: the destroy contract and the domain life cycle,
 * through the public API, on real QEMU (TCG)
 *
 * Every rule of ../shared/design/STOP-SEMANTICS.md that can be observed
 * from outside has a case here; the fault paths real QEMU cannot hit on
 * cue are in qemudriverstubtest.c.
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
/* Stops @pid and waits until it is stopped: a signal sent before the
 * stop takes effect could otherwise be handled first. */
static int
testFreeze(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", pid);

    if (kill(pid, SIGSTOP) < 0)
        return -1;
    for (int i = 0; i < 5000; i++) {
        g_autofree char *stat = NULL;
        const char *p;

        if (g_file_get_contents(path, &stat, NULL, NULL) &&
            (p = strrchr(stat, ')')) && p[1] == ' ' && p[2] == 'T')
            return 0;
        g_usleep(1000);
    }
    virTestDiag("process %d did not stop", pid);
    return -1;
}


static int
testCheckState(virDomainPtr dom, int wantState, int wantReason)
{
    int state = -1, reason = -1;

    if (virDomainGetState(dom, &state, &reason, 0) < 0)
        return -1;
    if (state != wantState || reason != wantReason) {
        virTestDiag("state %d/%d, expected %d/%d", state, reason, wantState,
                    wantReason);
        return -1;
    }
    return 0;
}


static int
testCheckError(int code, int domain, const char *prefix)
{
    virErrorPtr err = virGetLastError();

    if (!err) {
        virTestDiag("no error reported");
        return -1;
    }
    if (err->code != code || (domain >= 0 && err->domain != domain) ||
        (prefix && !g_str_has_prefix(err->message, prefix))) {
        virTestDiag("error [%d/%d] '%s', expected [%d/%d] '%s...'", err->code,
                    err->domain, err->message, code, domain, NULLSTR(prefix));
        return -1;
    }
    return 0;
}


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
        testCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (testProcessAlive(pid)) {
        virTestDiag("QEMU %d still runs after destroy", pid);
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 0 ||
        testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
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
        testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
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
    if (testFreeze(pid) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy of a frozen QEMU succeeded");
        goto cleanup;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    if (testCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
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
        testCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    /* The operator decides to force it. */
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (testProcessAlive(pid) ||
        testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
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
    if (testFreeze(pid) < 0)
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
        testCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, NULL) < 0 ||
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
        testCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
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
        testCheckError(VIR_ERR_OPERATION_INVALID, -1,
                       "Requested operation is not valid: domain is not running") < 0)
        goto cleanup;
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0 ||
        testCheckError(VIR_ERR_OPERATION_INVALID, -1, NULL) < 0)
        goto cleanup;
    if (testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testTransient(const void *data G_GNUC_UNUSED)
{
    g_autofree char *xml = testQemuDomainXML("transient", NULL, NULL);
    virDomainPtr dom = virDomainCreateXML(testConn, xml, 0);
    virDomainPtr again = NULL;
    int ret = -1;

    if (!dom)
        return -1;
    if (virDomainIsPersistent(dom) != 0 || virDomainIsActive(dom) != 1)
        goto cleanup;
    /* A second one of the same name is refused. */
    if ((again = virDomainCreateXML(testConn, xml, 0))) {
        virTestDiag("second transient domain of the same name started");
        goto cleanup;
    }
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    /* Forgotten once stopped. */
    if ((again = virDomainLookupByName(testConn, "transient")) ||
        testCheckError(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
                       "Domain not found: no domain with matching name 'transient'") < 0)
        goto cleanup;
    if (testQemuStatusFile(testRoot, "transient")) {
        virTestDiag("a stopped transient domain left a status file");
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (again)
        virDomainFree(again);
    if (virDomainIsActive(dom) == 1)
        virDomainDestroy(dom);
    virDomainFree(dom);
    return ret;
}


static int
testUndefineRunning(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "undefrun", NULL);
    virDomainPtr again = NULL;
    int ret = -1;

    if (!dom)
        return -1;
    if (virDomainIsPersistent(dom) != 1 || virDomainUndefine(dom) < 0)
        goto cleanup;
    /* Still running, now transient. */
    if (virDomainIsActive(dom) != 1 || virDomainIsPersistent(dom) != 0)
        goto cleanup;
    if (virDomainUndefine(dom) == 0 ||
        testCheckError(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                       "Requested operation is not valid: cannot undefine transient domain") < 0)
        goto cleanup;
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if ((again = virDomainLookupByName(testConn, "undefrun"))) {
        virTestDiag("undefined domain still exists after it stopped");
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (again)
        virDomainFree(again);
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testPersistentKeepsDefinition(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "keepdef", NULL);
    g_autofree char *xml = NULL;
    int ret = -1;

    if (!dom)
        return -1;
    if (virDomainDestroy(dom) < 0 || virDomainIsPersistent(dom) != 1)
        goto cleanup;
    if (!(xml = virDomainGetXMLDesc(dom, 0)) || strstr(xml, "<domain type='qemu' id=")) {
        virTestDiag("inactive XML: %s", NULLSTR(xml));
        goto cleanup;
    }
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testShutdownSignal(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "sigshut", NULL);
    pid_t pid;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "sigshut");
    if (virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_SIGNAL) < 0)
        goto cleanup;
    if (!testProcessWaitGone(pid, 5000)) {
        virTestDiag("QEMU did not exit on SIGTERM");
        goto cleanup;
    }
    if (testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testShutdownACPI(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "acpishut", NULL);
    int ret = -1;

    if (!dom)
        return -1;
    /* Delivered; a guest without an OS ignores it and keeps running. */
    if (virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN) < 0 ||
        virDomainShutdown(dom) < 0)
        goto cleanup;
    if (testCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;
    if (virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_PARAVIRT) == 0 ||
        testCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                       "unsupported flags (0x10) in function qemuDomainShutdownFlags") < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testCrash(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "crash", NULL);
    g_autofree char *status = NULL;
    g_autofree char *sock = NULL;
    pid_t pid;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "crash");
    kill(pid, SIGSEGV);
    if (!testProcessWaitGone(pid, 5000))
        goto cleanup;
    if (testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
        goto cleanup;
    status = testQemuStatusFile(testRoot, "crash");
    sock = testQemuRunDirLeft(testRoot);
    if (!status || strstr(status, "pid=") || sock) {
        virTestDiag("runtime state left after a crash: %s", NULLSTR(status));
        goto cleanup;
    }
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
        testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
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
        testCheckError(VIR_ERR_OPERATION_INVALID, -1, NULL) < 0)
        goto cleanup;
    if (!testProcessAlive(decoy) || testProcessPendingSignals(decoy) != 0) {
        virTestDiag("the process with the reused pid was signalled");
        goto cleanup;
    }
    if (testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED) < 0)
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


/*
 * The process that started a domain died between QEMU's handshake and
 * the status file's last write: the file says "starting".  Whoever
 * finds it asks QEMU: @paused starts the domain paused (QEMU never
 * resumed), @recorded says whether the file records a paused start.
 */
typedef struct {
    bool paused;
    bool recorded;
    int wantState;
    int wantReason;
    bool qemuStays;
} testInterruptedStart;

static int
testStartInterrupted(const void *opaque)
{
    const testInterruptedStart *data = opaque;
    virDomainPtr dom = NULL;
    g_autofree char *xml = testQemuDomainXML("istart", NULL, NULL);
    g_autofree char *path = g_strdup_printf("%s/run/qemu/istart.xml", testRoot);
    g_autofree char *status = NULL;
    g_autofree char *forged = NULL;
    g_autoptr(GString) edit = NULL;
    virConnectPtr conn = NULL;
    virDomainPtr again = NULL;
    pid_t pid = 0;
    int ret = -1;

    if (!(dom = virDomainDefineXML(testConn, xml)) ||
        virDomainCreateWithFlags(dom, data->paused ? VIR_DOMAIN_START_PAUSED : 0) < 0)
        goto cleanup;
    pid = testQemuDomainPid(testRoot, "istart");
    status = testQemuStatusFile(testRoot, "istart");
    edit = g_string_new(status);
    if (g_string_replace(edit, "phase='running'",
                         data->recorded ? "phase='starting' startpaused='yes'" :
                                          "phase='starting'", 1) != 1)
        goto cleanup;
    forged = g_string_free(g_steal_pointer(&edit), FALSE);
    if (!g_file_set_contents(path, forged, -1, NULL))
        goto cleanup;

    /* A new connection reconciles what it finds. */
    if (!(conn = virConnectOpen(testURI)) ||
        !(again = virDomainLookupByName(conn, "istart")) ||
        testCheckState(again, data->wantState, data->wantReason) < 0)
        goto cleanup;
    if (testProcessAlive(pid) != data->qemuStays) {
        virTestDiag("QEMU %lld is %s", (long long)pid,
                    data->qemuStays ? "gone" : "still running");
        goto cleanup;
    }
    if (data->qemuStays && testProcessPendingSignals(pid) != 0) {
        virTestDiag("QEMU %lld was signalled", (long long)pid);
        goto cleanup;
    }
    g_free(status);
    status = testQemuStatusFile(testRoot, "istart");
    if (data->qemuStays && (!status || !strstr(status, "phase='running'"))) {
        virTestDiag("the finished start is not recorded: %s", NULLSTR(status));
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (again)
        virDomainFree(again);
    if (conn)
        virConnectClose(conn);
    testQemuCleanup(dom, pid);
    return ret;
}


/* The "Max open files" soft and hard limits of @pid, or -1. */
static long long
testOpenFilesLimit(pid_t pid, bool hard)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/limits", (long long)pid);
    g_autofree char *content = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents(path, &content, NULL, NULL))
        return -1;
    lines = g_strsplit(content, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        g_auto(GStrv) words = NULL;

        if (!g_str_has_prefix(lines[i], "Max open files"))
            continue;
        words = g_strsplit_set(lines[i] + strlen("Max open files"), " ", -1);
        for (size_t w = 0, n = 0; words[w]; w++) {
            if (!*words[w])
                continue;
            if (n++ == (hard ? 1 : 0))
                return g_ascii_strtoll(words[w], NULL, 10);
        }
    }
    return -1;
}


/*
 * QEMU's limit of open files is the driver's (max_files), not its
 * caller's: a caller running with `ulimit -Sn 40` still gives QEMU
 * 8192; a qemu.conf setting is applied exactly.
 */
static int
testMaxFiles(const void *data G_GNUC_UNUSED)
{
    struct rlimit saved;
    struct rlimit low;
    g_autofree char *uri = NULL;
    g_autofree char *root = testQemuRootNew(TEST_QEMU_CONF "max_files = 1500\n", &uri);
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    virDomainPtr configured = NULL;
    long long soft, hard;
    pid_t pid = 0;
    int ret = -1;

    if (getrlimit(RLIMIT_NOFILE, &saved) < 0 || saved.rlim_max < 8192) {
        virTestDiag("this test needs a hard limit of open files of 8192 or more");
        return -1;
    }
    low = saved;
    low.rlim_cur = 40;
    if (setrlimit(RLIMIT_NOFILE, &low) < 0)
        return -1;
    dom = testQemuStart(testConn, "maxfiles", NULL);
    setrlimit(RLIMIT_NOFILE, &saved);
    if (!dom)
        goto cleanup;
    pid = testQemuDomainPid(testRoot, "maxfiles");
    soft = testOpenFilesLimit(pid, false);
    hard = testOpenFilesLimit(pid, true);
    if (soft != 8192 || hard != 8192) {
        virTestDiag("QEMU's limit of open files is %lld/%lld, not 8192", soft, hard);
        goto cleanup;
    }

    if (!(conn = virConnectOpen(uri)) ||
        !(configured = testQemuStart(conn, "maxfiles15", NULL)))
        goto cleanup;
    pid = testQemuDomainPid(root, "maxfiles15");
    soft = testOpenFilesLimit(pid, false);
    hard = testOpenFilesLimit(pid, true);
    if (soft != 1500 || hard != 1500) {
        virTestDiag("QEMU's limit of open files is %lld/%lld, not 1500", soft, hard);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    testQemuCleanup(configured, 0);
    if (conn)
        virConnectClose(conn);
    testQemuCleanup(dom, 0);
    return ret;
}


typedef struct {
    int count;
    int events[16];
    int details[16];
    char names[16][32];
} testEventLog;

static int
testLifecycleCallback(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                      int event, int detail, void *opaque)
{
    testEventLog *log = opaque;

    if (log->count < 16) {
        log->events[log->count] = event;
        log->details[log->count] = detail;
        g_strlcpy(log->names[log->count], virDomainGetName(dom), 32);
        log->count++;
    }
    return 0;
}


static void
testEventFree(void *opaque)
{
    ((testEventLog *)opaque)->count += 100;
}


static void
testTick(int timer G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}


/* Runs the default event loop until @want events arrived or 2 s
 * passed; a 10 ms timer keeps each iteration short. */
static void
testRunLoopUntil(testEventLog *log, int want)
{
    gint64 deadline = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;
    int timer = virEventAddTimeout(10, testTick, NULL, NULL);

    while (log->count < want && g_get_monotonic_time() < deadline)
        virEventRunDefaultImpl();
    virEventRemoveTimeout(timer);
}


static int
testEvents(const void *data G_GNUC_UNUSED)
{
    static const int expect[][2] = {
        { VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED },
        { VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED },
        { VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED },
        { VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_UPDATED },
        { VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED },
    };
    char *xml = testQemuDomainXML("events", NULL, NULL);
    testEventLog log = { 0 };
    virDomainPtr dom = NULL;
    pid_t pid;
    int id;
    int ret = -1;

    if ((id = virConnectDomainEventRegisterAny(testConn, NULL,
                                               VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                               VIR_DOMAIN_EVENT_CALLBACK(testLifecycleCallback),
                                               &log, testEventFree)) < 0)
        return -1;

    if (!(dom = virDomainDefineXML(testConn, xml)) || virDomainCreate(dom) < 0)
        goto cleanup;
    pid = testQemuDomainPid(testRoot, "events");

    /* A graceful destroy that fails emits nothing. */
    if (testFreeze(pid) < 0)
        goto cleanup;
    testRunLoopUntil(&log, 2);
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0)
        goto cleanup;
    testRunLoopUntil(&log, 3);
    if (log.count != 2) {
        virTestDiag("%d events after a failed graceful destroy", log.count);
        goto cleanup;
    }
    /* Still frozen: resumed, QEMU would act on the SIGTERM already
     * pending, racing the destroy. */
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    /* Defining it again, same name and UUID, updates it. */
    g_free(xml);
    if (!(xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)))
        goto cleanup;
    virDomainFree(dom);
    if (!(dom = virDomainDefineXML(testConn, xml)) || virDomainUndefine(dom) < 0)
        goto cleanup;
    testRunLoopUntil(&log, 5);

    if (log.count != 5) {
        virTestDiag("%d events, expected 5", log.count);
        goto cleanup;
    }
    for (int i = 0; i < 5; i++) {
        if (log.events[i] != expect[i][0] || log.details[i] != expect[i][1] ||
            STRNEQ(log.names[i], "events")) {
            virTestDiag("event %d: %d/%d for %s, expected %d/%d", i,
                        log.events[i], log.details[i], log.names[i],
                        expect[i][0], expect[i][1]);
            goto cleanup;
        }
    }
    ret = 0;

 cleanup:
    if (virConnectDomainEventDeregisterAny(testConn, id) < 0)
        ret = -1;
    /* The free callback has run by now. */
    if (ret == 0 && log.count < 100) {
        virTestDiag("the free callback did not run");
        ret = -1;
    }
    if (dom)
        virDomainFree(dom);
    g_free(xml);
    return ret;
}


/* Unknown callback IDs and registrations without an event loop. */
static int
testEventErrors(const void *data G_GNUC_UNUSED)
{
    if (virConnectDomainEventDeregisterAny(testConn, 12345) == 0 ||
        testCheckError(VIR_ERR_INVALID_ARG, -1, NULL) < 0)
        return -1;
    if (virConnectDomainEventRegisterAny(testConn, NULL, VIR_DOMAIN_EVENT_ID_LAST,
                                         VIR_DOMAIN_EVENT_CALLBACK(testLifecycleCallback),
                                         NULL, NULL) == 0 ||
        testCheckError(VIR_ERR_INVALID_ARG, -1, NULL) < 0)
        return -1;
    return 0;
}


static int
testIDs(const void *data G_GNUC_UNUSED)
{
    virDomainPtr a = testQemuStart(testConn, "ida", NULL);
    virDomainPtr b = testQemuStart(testConn, "idb", NULL);
    virDomainPtr byid = NULL;
    int ids[8];
    int n;
    int ret = -1;

    if (!a || !b)
        goto cleanup;
    if (virDomainGetID(a) == virDomainGetID(b)) {
        virTestDiag("two running domains share ID %u", virDomainGetID(a));
        goto cleanup;
    }
    if (!(byid = virDomainLookupByID(testConn, virDomainGetID(b))) ||
        STRNEQ(virDomainGetName(byid), "idb"))
        goto cleanup;
    if ((n = virConnectListDomains(testConn, ids, 8)) != 2 ||
        virConnectNumOfDomains(testConn) != 2)
        goto cleanup;
    if (virDomainLookupByID(testConn, 99999) ||
        testCheckError(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
                       "Domain not found: no domain with matching id 99999") < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    if (byid)
        virDomainFree(byid);
    testQemuCleanup(a, 0);
    testQemuCleanup(b, 0);
    return ret;
}


static int
testListFilters(const void *data G_GNUC_UNUSED)
{
    g_autofree char *xml = testQemuDomainXML("listoff", NULL, NULL);
    g_autofree char *txml = testQemuDomainXML("listtrans", NULL, NULL);
    virDomainPtr run = testQemuStart(testConn, "listrun", NULL);
    virDomainPtr off = virDomainDefineXML(testConn, xml);
    virDomainPtr trans = virDomainCreateXML(testConn, txml, VIR_DOMAIN_START_PAUSED);
    struct {
        unsigned int flags;
        const char *names;
    } cases[] = {
        { 0, "listoff listrun listtrans" },
        { VIR_CONNECT_LIST_DOMAINS_ACTIVE, "listrun listtrans" },
        { VIR_CONNECT_LIST_DOMAINS_INACTIVE, "listoff" },
        { VIR_CONNECT_LIST_DOMAINS_PERSISTENT, "listoff listrun" },
        { VIR_CONNECT_LIST_DOMAINS_TRANSIENT, "listtrans" },
        { VIR_CONNECT_LIST_DOMAINS_RUNNING, "listrun" },
        { VIR_CONNECT_LIST_DOMAINS_PAUSED, "listtrans" },
        { VIR_CONNECT_LIST_DOMAINS_SHUTOFF, "listoff" },
        { VIR_CONNECT_LIST_DOMAINS_OTHER, "" },
        { VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_PERSISTENT, "listrun" },
        { VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_SHUTOFF, "listoff listrun" },
        { VIR_CONNECT_LIST_DOMAINS_AUTOSTART, "" },
        { VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "listoff listrun listtrans" },
    };
    char *names[8];
    int ret = -1;

    if (!run || !off || !trans)
        goto cleanup;
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        virDomainPtr *doms = NULL;
        g_autoptr(GString) got = g_string_new(NULL);
        int n = virConnectListAllDomains(testConn, &doms, cases[i].flags);

        for (int j = 0; j < n; j++) {
            g_string_append_printf(got, "%s%s", j ? " " : "", virDomainGetName(doms[j]));
            virDomainFree(doms[j]);
        }
        free(doms);
        if (n < 0 || STRNEQ(got->str, cases[i].names)) {
            virTestDiag("flags 0x%x: '%s', expected '%s'", cases[i].flags, got->str,
                        cases[i].names);
            goto cleanup;
        }
    }
    if (virConnectListAllDomains(testConn, NULL, 1U << 20) == 0 ||
        testCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, NULL) < 0)
        goto cleanup;
    if (virConnectNumOfDefinedDomains(testConn) != 1 ||
        virConnectListDefinedDomains(testConn, names, 8) != 1 ||
        STRNEQ(names[0], "listoff"))
        goto cleanup;
    free(names[0]);
    ret = 0;

 cleanup:
    testQemuCleanup(run, 0);
    testQemuCleanup(off, 0);
    if (trans) {
        virDomainDestroy(trans);
        virDomainFree(trans);
    }
    return ret;
}


static int
testSuspendResume(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "pause", NULL);
    int ret = -1;

    if (!dom)
        return -1;
    if (virDomainSuspend(dom) < 0 ||
        testCheckState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER) < 0)
        goto cleanup;
    /* A paused domain is destroyed gracefully as well: QEMU still acts
     * on SIGTERM with its CPUs stopped. */
    if (virDomainResume(dom) < 0 ||
        testCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED) < 0)
        goto cleanup;
    if (virDomainResume(dom) == 0 ||
        testCheckError(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, NULL) < 0)
        goto cleanup;
    if (virDomainSuspend(dom) < 0 ||
        virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) < 0 ||
        testCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testInfo(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "info", NULL);
    virDomainInfo info;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainPtr byuuid = NULL;
    g_autofree char *ostype = NULL;
    int ret = -1;

    if (!dom)
        return -1;
    if (virDomainGetInfo(dom, &info) < 0 || info.state != VIR_DOMAIN_RUNNING ||
        info.maxMem != 65536 || info.memory != 65536 || info.nrVirtCpu != 1) {
        virTestDiag("info: state %d max %lu mem %lu cpus %u", info.state,
                    info.maxMem, info.memory, info.nrVirtCpu);
        goto cleanup;
    }
    if (virDomainGetMaxMemory(dom) != 65536 ||
        !(ostype = virDomainGetOSType(dom)) || STRNEQ(ostype, "hvm"))
        goto cleanup;
    if (virDomainGetUUIDString(dom, uuidstr) < 0 ||
        !(byuuid = virDomainLookupByUUIDString(testConn, uuidstr)) ||
        STRNEQ(virDomainGetName(byuuid), "info"))
        goto cleanup;
    if (virDomainLookupByUUIDString(testConn, "not-a-uuid") ||
        testCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Invalid UUID") < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    if (byuuid)
        virDomainFree(byuuid);
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
testOpenErrors(const void *data G_GNUC_UNUSED)
{
    struct {
        const char *uri;
        int code;
        const char *message;
    } cases[] = {
        { "qemu:///embed", VIR_ERR_INVALID_ARG, NULL },
        { "qemu:///embed?root=relative/dir", VIR_ERR_INVALID_ARG,
          "invalid argument: root path must be absolute" },
        { "qemu:///nonsense", VIR_ERR_INTERNAL_ERROR,
          "internal error: unexpected QEMU URI path '/nonsense', try qemu:///system" },
        { "nosuchdriver:///system", VIR_ERR_NO_CONNECT,
          "no connection driver available for nosuchdriver:///system" },
        { "qemu://remotehost/system", VIR_ERR_NO_CONNECT, NULL },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        virConnectPtr conn = virConnectOpen(cases[i].uri);

        if (conn) {
            virTestDiag("%s opened", cases[i].uri);
            virConnectClose(conn);
            return -1;
        }
        if (testCheckError(cases[i].code, -1, cases[i].message) < 0)
            return -1;
    }
    return 0;
}


static int
testBadConfig(const void *data G_GNUC_UNUSED)
{
    /* A value of the wrong type is upstream's internal error from the
     * configuration code; syntax and range errors are syntax errors. */
    struct {
        const char *conf;
        int code;
        int domain;
        const char *expect;
    } cases[] = {
        { "destroy_graceful_timeout = \"soon\"\n", VIR_ERR_INTERNAL_ERROR,
          VIR_FROM_CONF, ":1: expected a non-negative number for 'destroy_graceful_timeout'" },
        { "# fine\ndestroy_term_timeout = -1\n", VIR_ERR_INTERNAL_ERROR,
          VIR_FROM_CONF, ":2: expected a non-negative number for 'destroy_term_timeout'" },
        { "destroy_kill_timeout = 0\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":1: destroy_kill_timeout must be more than 0" },
        { "\ndestroy_graceful_timout = 3\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":2: unknown setting 'destroy_graceful_timout'" },
        { "destroy_term_timeout = \n", VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, ":1:" },
        { "default_emulator = \"qemu\"\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          "default_emulator must be an absolute path, not 'qemu'" },
        { "max_files = 0\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":1: max_files must be from 1 to 1048576, not 0" },
        { "max_files = 2000000\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":1: max_files must be from 1 to 1048576, not 2000000" },
        { "max_files = -3\n", VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
          ":1: expected an unsigned integer for 'max_files'" },
        { "auto_shutdown_try_shutdown = \"some\"\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":1: auto_shutdown_try_shutdown must be one of none, persistent, transient, all, not 'some'" },
        { "\nauto_shutdown_kill = \"everything\"\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":2: auto_shutdown_kill must be one of" },
        { "auto_shutdown_try_save = \"persistent\"\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":1: auto_shutdown_try_save must be 'none': this driver has no managed save" },
        { "auto_shutdown_wait = -1\n", VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
          ":1: expected a non-negative number for 'auto_shutdown_wait'" },
        { "auto_shutdown_wait = 100000\n", VIR_ERR_CONF_SYNTAX, VIR_FROM_QEMU,
          ":1: auto_shutdown_wait must be more than 0 and at most 86400 seconds" },
        { "auto_shutdown_override = [ \"db:kill\", \"web\" ]\n", VIR_ERR_CONF_SYNTAX,
          VIR_FROM_QEMU, "auto_shutdown_override entries are NAME:ACTION with ACTION one of none, shutdown, poweroff, kill, not 'web'" },
        { "auto_shutdown_override = [ \"db:slay\" ]\n", VIR_ERR_CONF_SYNTAX,
          VIR_FROM_QEMU, "not 'db:slay'" },
        { "auto_shutdown_override = [ \":kill\" ]\n", VIR_ERR_CONF_SYNTAX,
          VIR_FROM_QEMU, "not ':kill'" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *uri = NULL;
        g_autofree char *root = testQemuRootNew(cases[i].conf, &uri);
        virConnectPtr conn = virConnectOpen(uri);

        if (conn) {
            virTestDiag("opened with qemu.conf: %s", cases[i].conf);
            virConnectClose(conn);
            return -1;
        }
        if (testCheckError(cases[i].code, cases[i].domain, NULL) < 0)
            return -1;
        if (!strstr(virGetLastErrorMessage(), cases[i].expect) ||
            !strstr(virGetLastErrorMessage(), "qemu.conf")) {
            virTestDiag("message '%s' lacks '%s'", virGetLastErrorMessage(),
                        cases[i].expect);
            return -1;
        }
    }
    return 0;
}


static int
testArgChecks(const void *data G_GNUC_UNUSED)
{
    virConnectPtr ro = NULL;
    virDomainPtr rodom = NULL;
    g_autofree char *xml = testQemuDomainXML("args", NULL, NULL);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    int ret = -1;

    if (!dom)
        return -1;
    if (virDomainDefineXML(NULL, "x") ||
        testCheckError(VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                       "invalid connection pointer in virDomainDefineXML") < 0)
        goto cleanup;
    if (virDomainDefineXML(testConn, NULL) ||
        testCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                       "xml in virDomainDefineXML must not be NULL") < 0)
        goto cleanup;
    /* A bad handle is reported from VIR_FROM_DOM, as Debian's libvirt does
     * (tests/apicompat/gen-probe.py). */
    if (virDomainDestroy(NULL) == 0 ||
        testCheckError(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                       "invalid domain pointer in virDomainDestroy") < 0)
        goto cleanup;
    if (virDomainLookupByName(testConn, "../../etc/passwd") ||
        testCheckError(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU, NULL) < 0)
        goto cleanup;
    if (virDomainCreateWithFlags(dom, 1U << 30) == 0 ||
        testCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                       "unsupported flags (0x40000000) in function qemuDomainCreateWithFlags") < 0)
        goto cleanup;

    if (!(ro = virConnectOpenReadOnly(testURI)) ||
        !(rodom = virDomainLookupByName(ro, "args")))
        goto cleanup;
    if (virDomainDestroy(rodom) == 0 ||
        testCheckError(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                       "operation forbidden: read only access prevents virDomainDestroy") < 0)
        goto cleanup;
    if (virDomainCreate(rodom) == 0 || virDomainUndefine(rodom) == 0 ||
        virDomainDefineXML(ro, xml))
        goto cleanup;
    ret = 0;

 cleanup:
    if (rodom)
        virDomainFree(rodom);
    if (ro)
        virConnectClose(ro);
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testConnectInfo(const void *data G_GNUC_UNUSED)
{
    unsigned long ver = 0, libver = 0;
    g_autofree char *uri = virConnectGetURI(testConn);
    g_autofree char *host = virConnectGetHostname(testConn);

    if (STRNEQ_NULLABLE(virConnectGetType(testConn), "QEMU") ||
        STRNEQ_NULLABLE(uri, testURI) || !host || !*host)
        return -1;
    if (virConnectGetVersion(testConn, &ver) < 0 || ver < 7002000)
        return -1;
    if (virConnectGetLibVersion(testConn, &libver) < 0 || libver != 9000000)
        return -1;
    if (virGetVersion(&libver, "QEMU", &ver) < 0 || libver != 9000000)
        return -1;
    if (virConnectIsAlive(testConn) != 1 || virConnectIsSecure(testConn) != 1 ||
        virConnectIsEncrypted(testConn) != 0)
        return -1;
    if (virConnectRef(testConn) < 0 || virConnectClose(testConn) != 1)
        return -1;
    return 0;
}




static int
mymain(void)
{
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    if (virEventRegisterDefaultImpl() < 0)
        return -1;
    testRoot = testQemuRootNew(TEST_QEMU_CONF, &testURI);
    if (!(testConn = virConnectOpen(testURI))) {
        virTestDiag("cannot open %s: %s", testURI, virGetLastErrorMessage());
        return -1;
    }

    ret |= virTestRun("start, then destroy with SIGTERM", testStartDestroyDefault, NULL);
    ret |= virTestRun("graceful destroy", testDestroyGraceful, NULL);
    ret |= virTestRun("graceful destroy of a frozen QEMU fails and changes nothing", testGracefulFrozen, NULL);
    ret |= virTestRun("REMOVE_LOGS removes the log only after a stop", testRemoveLogs, NULL);
    ret |= virTestRun("unknown destroy flags are refused before any signal", testBadFlags, NULL);
    ret |= virTestRun("destroy of an inactive domain", testDestroyInactive, NULL);
    ret |= virTestRun("transient domains are forgotten when stopped", testTransient, NULL);
    ret |= virTestRun("undefine of a running domain makes it transient", testUndefineRunning, NULL);
    ret |= virTestRun("a persistent domain keeps its definition", testPersistentKeepsDefinition, NULL);
    ret |= virTestRun("shutdown by signal: QEMU exits, reason shutdown", testShutdownSignal, NULL);
    ret |= virTestRun("shutdown by ACPI is delivered", testShutdownACPI, NULL);
    ret |= virTestRun("a crashed QEMU is found shut off, reason crashed", testCrash, NULL);
    ret |= virTestRun("a zombie counts as exited", testZombie, NULL);
    ret |= virTestRun("a reused pid is never signalled", testPidReuse, NULL);
    ret |= virTestRun("QEMU has its own limit of open files (max_files)", testMaxFiles, NULL);
    {
        static const testInterruptedStart running = {
            false, false, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED, true,
        };
        static const testInterruptedStart neverResumed = {
            true, false, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FAILED, false,
        };
        static const testInterruptedStart pausedStart = {
            true, true, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER, true,
        };

        ret |= virTestRun("an interrupted start of a running guest is finished, not undone",
                          testStartInterrupted, &running);
        ret |= virTestRun("an interrupted start that never resumed the guest is undone",
                          testStartInterrupted, &neverResumed);
        ret |= virTestRun("an interrupted paused start is finished paused",
                          testStartInterrupted, &pausedStart);
    }
    ret |= virTestRun("lifecycle events through the default event loop", testEvents, NULL);
    ret |= virTestRun("event registration errors", testEventErrors, NULL);
    ret |= virTestRun("domain IDs are unique", testIDs, NULL);
    ret |= virTestRun("list filters", testListFilters, NULL);
    ret |= virTestRun("suspend, resume, graceful destroy while paused", testSuspendResume, NULL);
    ret |= virTestRun("domain info and lookups", testInfo, NULL);
    ret |= virTestRun("two destroys at once: exactly one succeeds", testDestroyRace, NULL);
    ret |= virTestRun("URI errors", testOpenErrors, NULL);
    ret |= virTestRun("qemu.conf errors name the file, line and key", testBadConfig, NULL);
    ret |= virTestRun("argument checks and read-only connections", testArgChecks, NULL);
    ret |= virTestRun("connection facts", testConnectInfo, NULL);
    ret |= virTestRun("no QEMU left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
