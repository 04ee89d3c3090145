/*
 * qemudriverstubtest.c: the fault paths of starting and stopping that
 * real QEMU cannot hit on cue, through the public API, with the stub
 * QEMU (qemustub.c) as each domain's emulator; and white-box tests of
 * the kill primitive, qemuProcessKill()
 *
 * Timings are measured: each timeout of qemu.conf below must be what
 * a call waits, give or take scheduling, never a second wait.  The
 * stubs are our children (the embedded driver spawns them), so the
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

#define TEST_TERM_TIMEOUT 0.5
#define TEST_KILL_TIMEOUT 1.0
#define TEST_GRACEFUL_TIMEOUT 0.4
#define TEST_START_TIMEOUT 1.0

/* What a timed call may take beyond its timeout. */
#define TEST_SLACK 0.5

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;
static char *testStubs;

static const char *const testStubNames[] = {
    "qemu-stub", "qemu-stub-ignore-term", "qemu-stub-term-delay-100",
    "qemu-stub-term-delay-3000", "qemu-stub-die-in-handshake",
    "qemu-stub-silent", "qemu-stub-exit-at-once", "qemu-stub-acpi-guest",
    "qemu-stub-close-in-handshake", NULL,
};


static double
testSecondsSince(gint64 start)
{
    return (g_get_monotonic_time() - start) / (double)G_USEC_PER_SEC;
}


/* Whether @elapsed seconds is within [@low, @high); a diagnostic if not. */
static bool
testTookBetween(const char *what, double elapsed, double low, double high)
{
    if (elapsed >= low && elapsed < high)
        return true;
    virTestDiag("%s took %.3f s, expected %.3f to %.3f s", what, elapsed, low,
                high);
    return false;
}


/* Defines and starts @name with @stub as its emulator. */
static virDomainPtr
testStart(const char *name, const char *stub)
{
    g_autofree char *emulator = g_build_filename(testStubs, stub, NULL);

    return testQemuStart(testConn, name, emulator);
}


static char *
testStubXML(const char *name, const char *stub)
{
    g_autofree char *emulator = g_build_filename(testStubs, stub, NULL);

    return testQemuDomainXML(name, emulator, NULL);
}
/* The domain's log says QEMU got SIGTERM from this process. */
static bool
testLogShowsSigterm(const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/log/qemu/%s.log", testRoot, name);
    g_autofree char *log = NULL;
    g_autofree char *expect = g_strdup_printf("terminating on signal 15 from pid %lld ",
                                              (long long)getpid());

    if (!g_file_get_contents(path, &log, NULL, NULL) || !strstr(log, expect)) {
        virTestDiag("log %s lacks '%s':\n%s", path, expect, NULLSTR(log));
        return false;
    }
    return true;
}


/*
 * Nothing of a run is left in the state directory: no pid file, no
 * private directory (monitor socket), no status file unless @status
 * says what it must be.
 */
static bool
testNoRuntimeState(const char *name, const char *status)
{
    g_autofree char *dir = g_strdup_printf("%s/run/qemu", testRoot);
    g_autofree char *statusFile = g_strdup_printf("%s.xml", name);
    g_autofree char *got = testQemuStatusFile(testRoot, name);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    if (STRNEQ_NULLABLE(got, status)) {
        virTestDiag("status file of %s: '%s', expected '%s'", name, NULLSTR(got),
                    NULLSTR(status));
        return false;
    }
    while (d && (entry = g_dir_read_name(d))) {
        if (g_str_has_suffix(entry, ".lock") || g_str_has_suffix(entry, ".destroy") ||
            STREQ(entry, "next-id") || STREQ(entry, "next-id-lock") ||
            STREQ(entry, "driver-lock") || STREQ(entry, "generation") ||
            STREQ(entry, "driver-holder") ||
            (status && STREQ(entry, statusFile)))
            continue;
        virTestDiag("left in %s: %s", dir, entry);
        return false;
    }
    return true;
}


/*
 * A QEMU that ignores SIGTERM: a graceful destroy fails after exactly
 * destroy_graceful_timeout and changes nothing; a default destroy kills
 * it with SIGKILL after destroy_term_timeout.
 */
static int
testIgnoreTerm(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testStart("ignterm", "qemu-stub-ignore-term");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *pidText = NULL;
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "ignterm");
    before = testQemuStatusFile(testRoot, "ignterm");

    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy of a QEMU that ignores SIGTERM succeeded");
        goto cleanup;
    }
    if (!testTookBetween("failed graceful destroy", testSecondsSince(start),
                         TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testQemuCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM") < 0)
        goto cleanup;
    pidText = g_strdup_printf("process %lld ", (long long)pid);
    if (!strstr(virGetLastErrorMessage(), pidText) ||
        !strstr(virGetLastErrorMessage(), "S (sleeping)")) {
        virTestDiag("message lacks the pid or the state: %s", virGetLastErrorMessage());
        goto cleanup;
    }

    /* Nothing else happened. */
    after = testQemuStatusFile(testRoot, "ignterm");
    if (!testProcessAlive(pid) || testProcessPendingSignals(pid) != 0 ||
        STRNEQ_NULLABLE(before, after)) {
        virTestDiag("after a failed graceful destroy: alive %d, pending 0x%llx, status\n%s",
                    testProcessAlive(pid), testProcessPendingSignals(pid), NULLSTR(after));
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 1 ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    /* Only SIGKILL ends this stub. */
    start = g_get_monotonic_time();
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (!testTookBetween("default destroy", testSecondsSince(start),
                         TEST_TERM_TIMEOUT, TEST_TERM_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testProcessAlive(pid) ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0 ||
        !testNoRuntimeState("ignterm",
                            "<domstatus state='shutoff' reason='destroyed' phase='inactive'/>\n"))
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* QEMU exits 100 ms after SIGTERM: a graceful destroy waits for it. */
static int
testTermDelayGraceful(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testStart("delaygrace", "qemu-stub-term-delay-100");
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "delaygrace");
    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) < 0)
        goto cleanup;
    if (!testTookBetween("graceful destroy", testSecondsSince(start), 0.1,
                         TEST_GRACEFUL_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testProcessAlive(pid) || !testLogShowsSigterm("delaygrace") ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/*
 * QEMU exits 3 s after SIGTERM, more than any timeout here: a graceful
 * destroy fails and changes nothing; the default destroy that follows
 * kills it (SIGKILL) long before it would have exited by itself.
 */
static int
testTermDelayTooLong(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testStart("delaylong", "qemu-stub-term-delay-3000");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gint64 first;
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "delaylong");
    before = testQemuStatusFile(testRoot, "delaylong");

    first = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy did not time out");
        goto cleanup;
    }
    if (!testTookBetween("failed graceful destroy", testSecondsSince(first),
                         TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK) ||
        testQemuCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM") < 0)
        goto cleanup;
    after = testQemuStatusFile(testRoot, "delaylong");
    if (!testProcessAlive(pid) || STRNEQ_NULLABLE(before, after) ||
        !testLogShowsSigterm("delaylong") ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (!testTookBetween("default destroy", testSecondsSince(start),
                         TEST_TERM_TIMEOUT, TEST_TERM_TIMEOUT + TEST_SLACK))
        goto cleanup;
    /* Gone before the stub's own 3 s: killed. */
    if (testProcessAlive(pid) || testSecondsSince(first) >= 3.0 ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0) {
        virTestDiag("QEMU ended %.3f s after the first SIGTERM", testSecondsSince(first));
        goto cleanup;
    }
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* Default destroy: no escalation when QEMU exits within the term
 * timeout, SIGKILL after it when it does not. */
static int
testTermDelayDefault(const void *data G_GNUC_UNUSED)
{
    virDomainPtr quick = testStart("delayquick", "qemu-stub-term-delay-100");
    virDomainPtr slow = testStart("delayslow", "qemu-stub-term-delay-3000");
    pid_t quickPid = 0;
    pid_t slowPid = 0;
    gint64 start;
    int ret = -1;

    if (!quick || !slow)
        goto cleanup;
    quickPid = testQemuDomainPid(testRoot, "delayquick");
    slowPid = testQemuDomainPid(testRoot, "delayslow");

    /* Back before SIGKILL would even be sent. */
    start = g_get_monotonic_time();
    if (virDomainDestroy(quick) < 0 ||
        !testTookBetween("destroy of a QEMU exiting in 100 ms",
                         testSecondsSince(start), 0.1, TEST_TERM_TIMEOUT))
        goto cleanup;
    if (testProcessAlive(quickPid) || !testLogShowsSigterm("delayquick") ||
        testQemuCheckState(quick, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroy(slow) < 0 ||
        !testTookBetween("destroy of a QEMU exiting in 3 s", testSecondsSince(start),
                         TEST_TERM_TIMEOUT, TEST_TERM_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testProcessAlive(slowPid) || !testLogShowsSigterm("delayslow") ||
        testQemuCheckState(slow, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(quick, quickPid);
    testQemuCleanup(slow, slowPid);
    return ret;
}


typedef struct {
    const char *stub;
    const char *name;
    int code;              /* of the error */
    const char *message;   /* the error's message, or its start... */
    const char *contains;  /* ...and what it must contain */
    double minSeconds;     /* the start may not fail sooner */
} testStartFailData;


/* The error of a failed start is the expected one. */
static int
testCheckStartError(const testStartFailData *data)
{
    const char *msg = virGetLastErrorMessage();

    if (testQemuCheckError(data->code, VIR_FROM_QEMU, data->message) < 0)
        return -1;
    if (data->contains ? !strstr(msg, data->contains) : STRNEQ(msg, data->message)) {
        virTestDiag("message: %s\nexpected: %s%s", msg, data->message,
                    NULLSTR_EMPTY(data->contains));
        return -1;
    }
    return 0;
}


/*
 * A start that fails leaves no process and no runtime state: a
 * persistent domain is shut off (reason failed) with its definition
 * intact; the error quotes what QEMU printed.
 */
static int
testStartFailPersistent(const void *opaque)
{
    const testStartFailData *data = opaque;
    g_autofree char *xml = testStubXML(data->name, data->stub);
    g_autofree char *configPath = g_strdup_printf("%s/etc/qemu/%s.xml", testRoot,
                                                  data->name);
    g_autofree char *configBefore = NULL;
    g_autofree char *configAfter = NULL;
    g_autofree char *xmlBefore = NULL;
    g_autofree char *xmlAfter = NULL;
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    gint64 start;
    int ret = -1;

    if (!dom)
        return -1;
    if (!g_file_get_contents(configPath, &configBefore, NULL, NULL) ||
        !(xmlBefore = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)))
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainCreate(dom) == 0) {
        virTestDiag("%s started", data->stub);
        goto cleanup;
    }
    if (!testTookBetween("failed start", testSecondsSince(start), data->minSeconds,
                         data->minSeconds + 2 * TEST_SLACK + TEST_TERM_TIMEOUT))
        goto cleanup;
    if (testCheckStartError(data) < 0)
        goto cleanup;

    if (!testNoChildren() ||
        !testNoRuntimeState(data->name,
                            "<domstatus state='shutoff' reason='failed' phase='inactive'/>\n"))
        goto cleanup;
    if (virDomainIsActive(dom) != 0 || virDomainIsPersistent(dom) != 1 ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FAILED) < 0)
        goto cleanup;
    if (!g_file_get_contents(configPath, &configAfter, NULL, NULL) ||
        !(xmlAfter = virDomainGetXMLDesc(dom, 0)) ||
        virTestCompareStrings(configBefore, configAfter, "definition file") < 0 ||
        virTestCompareStrings(xmlBefore, xmlAfter, "definition") < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


/* The same for virDomainCreateXML: nothing at all is left. */
static int
testStartFailTransient(const void *opaque)
{
    const testStartFailData *data = opaque;
    g_autofree char *xml = testStubXML(data->name, data->stub);
    virDomainPtr dom;
    virDomainPtr found = NULL;
    int ret = -1;

    if ((dom = virDomainCreateXML(testConn, xml, 0))) {
        virTestDiag("%s started", data->stub);
        goto cleanup;
    }
    if (testCheckStartError(data) < 0)
        goto cleanup;
    if (!testNoChildren() || !testNoRuntimeState(data->name, NULL))
        goto cleanup;
    if ((found = virDomainLookupByName(testConn, data->name)) ||
        testQemuCheckError(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU, NULL) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    if (found)
        virDomainFree(found);
    testQemuCleanup(dom, 0);
    return ret;
}


typedef struct {
    int count;
    int events[8];
    int details[8];
} testEventLog;

static int
testLifecycleCallback(virConnectPtr conn G_GNUC_UNUSED,
                      virDomainPtr dom G_GNUC_UNUSED,
                      int event, int detail, void *opaque)
{
    testEventLog *log = opaque;

    if (log->count < 8) {
        log->events[log->count] = event;
        log->details[log->count] = detail;
    }
    log->count++;
    return 0;
}


static void
testTick(int timer G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}


/*
 * A guest that honours ACPI powers off after virDomainShutdown; QEMU
 * waits (-no-shutdown) until the driver notices, at the next state
 * query, and ends it: shut off, reason shutdown, process gone.
 */
static int
testAcpiGuest(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testStart("acpiguest", "qemu-stub-acpi-guest");
    testEventLog log = { 0 };
    gint64 deadline;
    int state = -1, reason = -1;
    int callback = -1;
    int timer = -1;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "acpiguest");
    callback = virConnectDomainEventRegisterAny(testConn, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                VIR_DOMAIN_EVENT_CALLBACK(testLifecycleCallback),
                                                &log, NULL);
    if (callback < 0)
        goto cleanup;

    if (virDomainShutdown(dom) < 0)
        goto cleanup;
    deadline = g_get_monotonic_time() + 3 * G_USEC_PER_SEC;
    do {
        if (virDomainGetState(dom, &state, &reason, 0) < 0)
            goto cleanup;
        if (state == VIR_DOMAIN_SHUTOFF)
            break;
        g_usleep(10 * 1000);
    } while (g_get_monotonic_time() < deadline);
    if (state != VIR_DOMAIN_SHUTOFF || reason != VIR_DOMAIN_SHUTOFF_SHUTDOWN) {
        virTestDiag("state %d/%d after the guest powered off", state, reason);
        goto cleanup;
    }
    /* The driver's SIGTERM ended it. */
    if (!testProcessWaitGone(pid, 2000) || !testLogShowsSigterm("acpiguest") ||
        !testNoRuntimeState("acpiguest",
                            "<domstatus state='shutoff' reason='shutdown' phase='inactive'/>\n"))
        goto cleanup;

    timer = virEventAddTimeout(10, testTick, NULL, NULL);
    deadline = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;
    while (log.count < 1 && g_get_monotonic_time() < deadline)
        virEventRunDefaultImpl();
    if (log.count != 1 || log.events[0] != VIR_DOMAIN_EVENT_STOPPED ||
        log.details[0] != VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN) {
        virTestDiag("%d events, the first %d/%d", log.count, log.events[0],
                    log.details[0]);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    if (callback >= 0)
        virConnectDomainEventDeregisterAny(testConn, callback);
    testQemuCleanup(dom, pid);
    return ret;
}


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
    virDomainPtr dom = testStart("knowait", "qemu-stub");
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
        WEXITSTATUS(status) != 0 || !testLogShowsSigterm("knowait"))
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
    virDomainPtr dom = testStart("knowaitforce", "qemu-stub-ignore-term");
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
    g_autofree char *xml = testStubXML("kinactive", "qemu-stub");
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
    virDomainPtr deaf = testStart("kforce", "qemu-stub-ignore-term");
    virDomainPtr quick = testStart("kforcequick", "qemu-stub-term-delay-100");
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
    if (testProcessAlive(quickPid) || !testLogShowsSigterm("kforcequick"))
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
    virDomainPtr dom = testStart("kgraceful", "qemu-stub-ignore-term");
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
    virDomainPtr dom = testStart("kgone", "qemu-stub");
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
    virDomainPtr dom = testStart("windowjob", "qemu-stub");
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
    virDomainPtr dom = testStart("windowquery", "qemu-stub");
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
        !testNoRuntimeState("windowquery",
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
    g_autofree char *conf = g_strdup_printf("destroy_term_timeout = %g\n"
                                            "destroy_kill_timeout = %g\n"
                                            "destroy_graceful_timeout = %g\n"
                                            "start_timeout = %g\n",
                                            TEST_TERM_TIMEOUT, TEST_KILL_TIMEOUT,
                                            TEST_GRACEFUL_TIMEOUT, TEST_START_TIMEOUT);
    /* What QEMU printed, and only that. */
    static const testStartFailData dieInHandshake = {
        "qemu-stub-die-in-handshake", "diehs", VIR_ERR_INTERNAL_ERROR,
        "internal error: process exited while connecting to monitor: "
        "qemu-system-x86_64: qemu-stub: exiting during the QMP handshake", NULL, 0,
    };
    /* The monitor closes before the process has exited: still an exit. */
    static const testStartFailData closeInHandshake = {
        "qemu-stub-close-in-handshake", "closehs", VIR_ERR_INTERNAL_ERROR,
        "internal error: process exited while connecting to monitor: "
        "qemu-system-x86_64: qemu-stub: closing the monitor during the QMP handshake",
        NULL, 0.1,
    };
    static const testStartFailData exitAtOnce = {
        "qemu-stub-exit-at-once", "exitonce", VIR_ERR_INTERNAL_ERROR,
        "internal error: process exited while connecting to monitor: "
        "qemu-system-x86_64: unsupported machine type\n"
        "Use -machine help to list supported machines", NULL, 0,
    };
    /* It printed nothing: the monitor's timeout is the explanation. */
    static const testStartFailData silent = {
        "qemu-stub-silent", "silent", VIR_ERR_OPERATION_TIMEOUT,
        "Timed out during operation: QEMU monitor '", "' sent no greeting within 1000 ms",
        TEST_START_TIMEOUT,
    };
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    if (virEventRegisterDefaultImpl() < 0)
        return -1;
    testRoot = testQemuRootNew(conf, &testURI);
    testStubs = testQemuStubDir(testStubNames);
    if (!(testConn = virConnectOpen(testURI))) {
        virTestDiag("cannot open %s: %s", testURI, virGetLastErrorMessage());
        return -1;
    }
    if (testQemuStubFixtures(testConn, testStubs, testStubNames) < 0)
        return -1;

    DO_TEST("ignores SIGTERM: graceful fails in time, changes nothing; default kills",
            testIgnoreTerm, NULL);
    DO_TEST("exits 100 ms after SIGTERM: graceful destroy succeeds",
            testTermDelayGraceful, NULL);
    DO_TEST("exits 3 s after SIGTERM: graceful fails, default kills",
            testTermDelayTooLong, NULL);
    DO_TEST("default destroy escalates only after the term timeout",
            testTermDelayDefault, NULL);
    DO_TEST("dies in the handshake: create fails, nothing left",
            testStartFailPersistent, &dieInHandshake);
    DO_TEST("dies in the handshake: create XML fails, nothing left",
            testStartFailTransient, &dieInHandshake);
    DO_TEST("closes its monitor, then exits: create fails, nothing left",
            testStartFailPersistent, &closeInHandshake);
    DO_TEST("closes its monitor, then exits: create XML fails, nothing left",
            testStartFailTransient, &closeInHandshake);
    DO_TEST("exits at once: create fails, nothing left",
            testStartFailPersistent, &exitAtOnce);
    DO_TEST("exits at once: create XML fails, nothing left",
            testStartFailTransient, &exitAtOnce);
    DO_TEST("never answers QMP: create fails after start_timeout, nothing left",
            testStartFailPersistent, &silent);
    DO_TEST("never answers QMP: create XML fails, nothing left",
            testStartFailTransient, &silent);
    DO_TEST("a guest honouring ACPI powers off: shut off, reason shutdown",
            testAcpiGuest, NULL);
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
