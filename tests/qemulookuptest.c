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
        testQemuCheckError(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
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
        testQemuCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, NULL) < 0)
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
        testQemuCheckError(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Invalid UUID") < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    if (byuuid)
        virDomainFree(byuuid);
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
