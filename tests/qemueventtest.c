/*
 * qemueventtest.c: domain lifecycle events through the default event loop
 *
 * The events a domain's define, start, destroy and undefine raise, in
 * order, through virConnectDomainEventRegisterAny() and the default
 * event loop; and the errors of registering and deregistering.
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
    int id = -1;
    int ret = -1;

    TEST_ASSERT_OK(id = virConnectDomainEventRegisterAny(testConn, NULL,
                                                         VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                         VIR_DOMAIN_EVENT_CALLBACK(testLifecycleCallback),
                                                         &log, testEventFree));

    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(testConn, xml));
    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "events");

    /* A graceful destroy that fails emits nothing. */
    TEST_ASSERT_OK(testProcessFreeze(pid));
    testRunLoopUntil(&log, 2);
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    testRunLoopUntil(&log, 3);
    TEST_ASSERT_MSG(log.count == 2, "%d events after a failed graceful destroy",
                    log.count);
    /* Still frozen: resumed, QEMU would act on the SIGTERM already
     * pending, racing the destroy. */
    TEST_ASSERT_OK(virDomainDestroy(dom));
    /* Defining it again, same name and UUID, updates it. */
    g_free(xml);
    TEST_ASSERT_NONNULL(xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE));
    virDomainFree(dom);
    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(testConn, xml));
    TEST_ASSERT_OK(virDomainUndefine(dom));
    testRunLoopUntil(&log, 5);

    TEST_ASSERT_EQ_INT(log.count, 5);
    for (int i = 0; i < 5; i++) {
        TEST_ASSERT_MSG(log.events[i] == expect[i][0] && log.details[i] == expect[i][1] &&
                        STREQ(log.names[i], "events"),
                        "event %d: %d/%d for %s, expected %d/%d", i,
                        log.events[i], log.details[i], log.names[i],
                        expect[i][0], expect[i][1]);
    }
    ret = 0;

 cleanup:
    if (id >= 0 && virConnectDomainEventDeregisterAny(testConn, id) < 0)
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
    int ret = -1;

    TEST_ASSERT_FAILS(virConnectDomainEventDeregisterAny(testConn, 12345));
    TEST_ASSERT_ERROR(VIR_ERR_INVALID_ARG);
    TEST_ASSERT_FAILS(virConnectDomainEventRegisterAny(testConn, NULL, VIR_DOMAIN_EVENT_ID_LAST,
                                                       VIR_DOMAIN_EVENT_CALLBACK(testLifecycleCallback),
                                                       NULL, NULL));
    TEST_ASSERT_ERROR(VIR_ERR_INVALID_ARG);
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, true, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("lifecycle events through the default event loop", testEvents, NULL);
    ret |= virTestRun("event registration errors", testEventErrors, NULL);
    ret |= virTestRun("no QEMU left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
