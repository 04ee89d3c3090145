/*
 * qemustublifecycletest.c: starts that fail and an ACPI power-off, with the stub QEMU
 *
 * A stub QEMU (qemustub.c) that dies or closes its monitor in the QMP
 * handshake, exits at once or never answers: create and create-XML
 * fail with what QEMU printed and leave nothing behind.  A stub guest
 * that honours ACPI powers off: shut off, reason shutdown, events
 * delivered.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "virfile.h"
#include "virprocess.h"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;
static char *testStubs;

static const char *const testStubNames[] = {
    "qemu-stub-die-in-handshake", "qemu-stub-close-in-handshake", "qemu-stub-exit-at-once", "qemu-stub-silent", "qemu-stub-acpi-guest", NULL,
};


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
    g_autofree char *xml = testQemuStubXML(testStubs, data->name, data->stub);
    g_autofree char *configPath = g_strdup_printf("%s/etc/qemu/%s.xml", testRoot,
                                                  data->name);
    g_autofree char *configBefore = NULL;
    g_autofree char *configAfter = NULL;
    g_autofree char *xmlBefore = NULL;
    g_autofree char *xmlAfter = NULL;
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    gint64 start;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT(g_file_get_contents(configPath, &configBefore, NULL, NULL));
    TEST_ASSERT_NONNULL(xmlBefore = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE));

    start = g_get_monotonic_time();
    TEST_ASSERT_MSG(virDomainCreate(dom) < 0, "%s started", data->stub);
    TEST_ASSERT(testTookBetween("failed start", testSecondsSince(start), data->minSeconds,
                                data->minSeconds + 2 * TEST_SLACK + TEST_TERM_TIMEOUT));
    TEST_ASSERT_OK(testCheckStartError(data));

    TEST_ASSERT(testNoChildren());
    TEST_ASSERT(testQemuNoRuntimeState(testRoot, data->name,
                                       "<domstatus state='shutoff' reason='failed' phase='inactive'/>\n"));
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 0);
    TEST_ASSERT_EQ_INT(virDomainIsPersistent(dom), 1);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FAILED);
    /* The definition is intact. */
    TEST_ASSERT(g_file_get_contents(configPath, &configAfter, NULL, NULL));
    TEST_ASSERT_NONNULL(xmlAfter = virDomainGetXMLDesc(dom, 0));
    TEST_ASSERT_EQ_STR(configAfter, configBefore);
    TEST_ASSERT_EQ_STR(xmlAfter, xmlBefore);
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
    g_autofree char *xml = testQemuStubXML(testStubs, data->name, data->stub);
    virDomainPtr dom;
    virDomainPtr found = NULL;
    int ret = -1;

    TEST_ASSERT_MSG(!(dom = virDomainCreateXML(testConn, xml, 0)), "%s started",
                    data->stub);
    TEST_ASSERT_OK(testCheckStartError(data));
    TEST_ASSERT(testNoChildren());
    TEST_ASSERT(testQemuNoRuntimeState(testRoot, data->name, NULL));
    TEST_ASSERT(!(found = virDomainLookupByName(testConn, data->name)));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU, NULL);
    ret = 0;

 cleanup:
    if (found)
        virDomainFree(found);
    testQemuCleanup(dom, 0);
    return ret;
}


/*
 * A guest that honours ACPI powers off after virDomainShutdown; QEMU
 * waits (-no-shutdown) until the driver notices, at the next state
 * query, and ends it: shut off, reason shutdown, process gone.
 */
static int
testAcpiGuest(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "acpiguest", "qemu-stub-acpi-guest");
    testEventLog log = { 0 };
    gint64 deadline;
    int state = -1, reason = -1;
    int callback = -1;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "acpiguest");
    callback = virConnectDomainEventRegisterAny(testConn, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                VIR_DOMAIN_EVENT_CALLBACK(testEventLogCallback),
                                                &log, NULL);
    TEST_ASSERT_OK(callback);

    TEST_ASSERT_OK(virDomainShutdown(dom));
    deadline = g_get_monotonic_time() + 3 * G_USEC_PER_SEC;
    do {
        TEST_ASSERT_OK(virDomainGetState(dom, &state, &reason, 0));
        if (state == VIR_DOMAIN_SHUTOFF)
            break;
        g_usleep(10 * 1000);
    } while (g_get_monotonic_time() < deadline);
    /* Shut off after the guest powered off. */
    TEST_ASSERT_EQ_INT(state, VIR_DOMAIN_SHUTOFF);
    TEST_ASSERT_EQ_INT(reason, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    /* The driver's SIGTERM ended it. */
    TEST_ASSERT(testProcessWaitGone(pid, 2000));
    TEST_ASSERT(testQemuLogShowsSigterm(testRoot, "acpiguest"));
    TEST_ASSERT(testQemuNoRuntimeState(testRoot, "acpiguest",
                                       "<domstatus state='shutoff' reason='shutdown' phase='inactive'/>\n"));

    testEventLogWait(&log, 1, 2000);
    TEST_ASSERT_EQ_INT(log.count, 1);
    TEST_ASSERT_EQ_INT(log.events[0], VIR_DOMAIN_EVENT_STOPPED);
    TEST_ASSERT_EQ_INT(log.details[0], VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    ret = 0;

 cleanup:
    if (callback >= 0)
        virConnectDomainEventDeregisterAny(testConn, callback);
    testQemuCleanup(dom, pid);
    return ret;
}


static int
mymain(void)
{
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

    if (!(testConn = testQemuStubConnectNew(testStubNames, &testRoot, &testURI,
                                            &testStubs)))
        return -1;

    ret |= virTestRun("dies in the handshake: create fails, nothing left",
                      testStartFailPersistent, &dieInHandshake);
    ret |= virTestRun("dies in the handshake: create XML fails, nothing left",
                      testStartFailTransient, &dieInHandshake);
    ret |= virTestRun("closes its monitor, then exits: create fails, nothing left",
                      testStartFailPersistent, &closeInHandshake);
    ret |= virTestRun("closes its monitor, then exits: create XML fails, nothing left",
                      testStartFailTransient, &closeInHandshake);
    ret |= virTestRun("exits at once: create fails, nothing left",
                      testStartFailPersistent, &exitAtOnce);
    ret |= virTestRun("exits at once: create XML fails, nothing left",
                      testStartFailTransient, &exitAtOnce);
    ret |= virTestRun("never answers QMP: create fails after start_timeout, nothing left",
                      testStartFailPersistent, &silent);
    ret |= virTestRun("never answers QMP: create XML fails, nothing left",
                      testStartFailTransient, &silent);
    ret |= virTestRun("a guest honouring ACPI powers off: shut off, reason shutdown",
                      testAcpiGuest, NULL);
    ret |= virTestRun("no domain and no process left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
