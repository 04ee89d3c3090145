/*
 * qemulookuptest.c: lookups, listings and domain and connection facts
 *
 * Domain IDs, lookups by ID, name and UUID, the list filters, the
 * info of a domain and of the connection.
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
testIDs(const void *data G_GNUC_UNUSED)
{
    virDomainPtr a = testQemuStart(testConn, "ida", NULL);
    virDomainPtr b = testQemuStart(testConn, "idb", NULL);
    virDomainPtr byid = NULL;
    virDomainPtr none = NULL;
    int ids[8];
    int ret = -1;

    TEST_ASSERT_NONNULL(a);
    TEST_ASSERT_NONNULL(b);
    TEST_ASSERT_NE_INT(virDomainGetID(a), virDomainGetID(b));
    TEST_ASSERT_NONNULL(byid = virDomainLookupByID(testConn, virDomainGetID(b)));
    TEST_ASSERT_EQ_STR(virDomainGetName(byid), "idb");
    TEST_ASSERT_EQ_INT(virConnectListDomains(testConn, ids, 8), 2);
    TEST_ASSERT_EQ_INT(virConnectNumOfDomains(testConn), 2);
    TEST_ASSERT(!(none = virDomainLookupByID(testConn, 99999)));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
                           "Domain not found: no domain with matching id 99999");
    ret = 0;

 cleanup:
    if (byid)
        virDomainFree(byid);
    if (none)
        virDomainFree(none);
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
    char *names[8] = { NULL };
    int ret = -1;

    TEST_ASSERT_NONNULL(run);
    TEST_ASSERT_NONNULL(off);
    TEST_ASSERT_NONNULL(trans);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        virDomainPtr *doms = NULL;
        g_autoptr(GString) got = g_string_new(NULL);
        int n = virConnectListAllDomains(testConn, &doms, cases[i].flags);

        for (int j = 0; j < n; j++) {
            g_string_append_printf(got, "%s%s", j ? " " : "", virDomainGetName(doms[j]));
            virDomainFree(doms[j]);
        }
        free(doms);
        TEST_ASSERT_MSG(n >= 0 && STREQ(got->str, cases[i].names),
                        "flags 0x%x: '%s', expected '%s'", cases[i].flags, got->str,
                        cases[i].names);
    }
    TEST_ASSERT_FAILS(virConnectListAllDomains(testConn, NULL, 1U << 20));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, NULL);
    TEST_ASSERT_EQ_INT(virConnectNumOfDefinedDomains(testConn), 1);
    TEST_ASSERT_EQ_INT(virConnectListDefinedDomains(testConn, names, 8), 1);
    TEST_ASSERT_EQ_STR(names[0], "listoff");
    ret = 0;

 cleanup:
    free(names[0]);
    testQemuCleanup(run, 0);
    testQemuCleanup(off, 0);
    if (trans) {
        virDomainDestroy(trans);
        virDomainFree(trans);
    }
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
    virDomainPtr none = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_OK(virDomainGetInfo(dom, &info));
    TEST_ASSERT_EQ_INT(info.state, VIR_DOMAIN_RUNNING);
    TEST_ASSERT_EQ_INT(info.maxMem, 65536);
    TEST_ASSERT_EQ_INT(info.memory, 65536);
    TEST_ASSERT_EQ_INT(info.nrVirtCpu, 1);
    TEST_ASSERT_EQ_INT(virDomainGetMaxMemory(dom), 65536);
    TEST_ASSERT_NONNULL(ostype = virDomainGetOSType(dom));
    TEST_ASSERT_EQ_STR(ostype, "hvm");
    TEST_ASSERT_OK(virDomainGetUUIDString(dom, uuidstr));
    TEST_ASSERT_NONNULL(byuuid = virDomainLookupByUUIDString(testConn, uuidstr));
    TEST_ASSERT_EQ_STR(virDomainGetName(byuuid), "info");
    TEST_ASSERT(!(none = virDomainLookupByUUIDString(testConn, "not-a-uuid")));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Invalid UUID");
    ret = 0;

 cleanup:
    if (byuuid)
        virDomainFree(byuuid);
    if (none)
        virDomainFree(none);
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testConnectInfo(const void *data G_GNUC_UNUSED)
{
    unsigned long ver = 0, libver = 0;
    g_autofree char *uri = virConnectGetURI(testConn);
    g_autofree char *host = virConnectGetHostname(testConn);
    int ret = -1;

    TEST_ASSERT_EQ_STR(virConnectGetType(testConn), "QEMU");
    TEST_ASSERT_EQ_STR(uri, testURI);
    TEST_ASSERT_NONNULL(host);
    TEST_ASSERT(*host);
    TEST_ASSERT_OK(virConnectGetVersion(testConn, &ver));
    TEST_ASSERT_CMP_INT(ver, >=, 7002000);
    TEST_ASSERT_OK(virConnectGetLibVersion(testConn, &libver));
    TEST_ASSERT_EQ_INT(libver, 9000000);
    TEST_ASSERT_OK(virGetVersion(&libver, "QEMU", &ver));
    TEST_ASSERT_EQ_INT(libver, 9000000);
    TEST_ASSERT_EQ_INT(virConnectIsAlive(testConn), 1);
    TEST_ASSERT_EQ_INT(virConnectIsSecure(testConn), 1);
    TEST_ASSERT_EQ_INT(virConnectIsEncrypted(testConn), 0);
    TEST_ASSERT_OK(virConnectRef(testConn));
    TEST_ASSERT_EQ_INT(virConnectClose(testConn), 1);
    ret = 0;

 cleanup:
    return ret;
}



static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("domain IDs are unique", testIDs, NULL);
    ret |= virTestRun("list filters", testListFilters, NULL);
    ret |= virTestRun("domain info and lookups", testInfo, NULL);
    ret |= virTestRun("connection facts", testConnectInfo, NULL);
    ret |= virTestRun("no QEMU left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
