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
                                                         VIR_DOMAIN_EVENT_CALLBACK(testEventLogCallback),
                                                         &log, testEventLogFree));

    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(testConn, xml));
    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "events");

    /* A graceful destroy that fails emits nothing. */
    TEST_ASSERT_OK(testProcessFreeze(pid));
    testEventLogWait(&log, 2, 2000);
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    testEventLogWait(&log, 3, 2000);
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
    testEventLogWait(&log, 5, 2000);

    TEST_ASSERT_EQ_INT(log.count, 5);
    for (int i = 0; i < 5; i++) {
        TEST_ASSERT_MSG(log.events[i] == expect[i][0] && log.details[i] == expect[i][1] &&
                        STREQ(log.names[i], "events"),
                        "event %d: %d/%d for %s, expected %d/%d", i,
                        log.events[i], log.details[i], log.names[i],
                        expect[i][0], expect[i][1]);
    }
    TEST_ASSERT_OK(virConnectDomainEventDeregisterAny(testConn, id));
    id = -1;
    /* The free callback has run by now. */
    TEST_ASSERT_MSG(log.freed, "the free callback did not run");
    ret = 0;

 cleanup:
    if (id >= 0)
        virConnectDomainEventDeregisterAny(testConn, id);
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
                                                       VIR_DOMAIN_EVENT_CALLBACK(testEventLogCallback),
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
