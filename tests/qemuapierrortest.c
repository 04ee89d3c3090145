/*
 * qemuapierrortest.c: the errors of the API: URIs, qemu.conf, arguments
 *
 * Bad URIs, qemu.conf files that the driver refuses (naming the file,
 * line and key), argument checks and read-only connections.
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

    virConnectPtr conn = NULL;
    size_t i;
    int ret = -1;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        TEST_ASSERT_MSG(!(conn = virConnectOpen(cases[i].uri)), "%s opened",
                        cases[i].uri);
        TEST_ASSERT_ERROR_FULL(cases[i].code, -1, cases[i].message);
    }
    ret = 0;

 cleanup:
    if (ret < 0 && i < G_N_ELEMENTS(cases))
        virTestDiag("URI %s", cases[i].uri);
    if (conn)
        virConnectClose(conn);
    return ret;
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

    virConnectPtr conn = NULL;
    size_t i;
    int ret = -1;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *uri = NULL;
        g_autofree char *root = testQemuRootNew(cases[i].conf, &uri);

        TEST_ASSERT_MSG(!(conn = virConnectOpen(uri)), "opened with qemu.conf: %s",
                        cases[i].conf);
        TEST_ASSERT_ERROR_FULL(cases[i].code, cases[i].domain, NULL);
        TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), cases[i].expect);
        TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "qemu.conf");
    }
    ret = 0;

 cleanup:
    if (ret < 0 && i < G_N_ELEMENTS(cases))
        virTestDiag("qemu.conf: %s", cases[i].conf);
    if (conn)
        virConnectClose(conn);
    return ret;
}


static int
testArgChecks(const void *data G_GNUC_UNUSED)
{
    virConnectPtr ro = NULL;
    virDomainPtr rodom = NULL;
    g_autofree char *xml = testQemuDomainXML("args", NULL, NULL);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    virDomainPtr none = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT(!(none = virDomainDefineXML(NULL, "x")));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                           "invalid connection pointer in virDomainDefineXML");
    TEST_ASSERT(!(none = virDomainDefineXML(testConn, NULL)));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                           "xml in virDomainDefineXML must not be NULL");
    /* A bad handle is reported from VIR_FROM_DOM, as Debian's libvirt does
     * (tests/apicompat/gen-probe.py). */
    TEST_ASSERT_FAILS(virDomainDestroy(NULL));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                           "invalid domain pointer in virDomainDestroy");
    TEST_ASSERT(!(none = virDomainLookupByName(testConn, "../../etc/passwd")));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU, NULL);
    TEST_ASSERT_FAILS(virDomainCreateWithFlags(dom, 1U << 30));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                           "unsupported flags (0x40000000) in function qemuDomainCreateWithFlags");

    TEST_ASSERT_NONNULL(ro = virConnectOpenReadOnly(testURI));
    TEST_ASSERT_NONNULL(rodom = virDomainLookupByName(ro, "args"));
    TEST_ASSERT_FAILS(virDomainDestroy(rodom));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                           "operation forbidden: read only access prevents virDomainDestroy");
    TEST_ASSERT_FAILS(virDomainCreate(rodom));
    TEST_ASSERT_FAILS(virDomainUndefine(rodom));
    TEST_ASSERT(!(none = virDomainDefineXML(ro, xml)));
    ret = 0;

 cleanup:
    if (none)
        virDomainFree(none);
    if (rodom)
        virDomainFree(rodom);
    if (ro)
        virConnectClose(ro);
    testQemuCleanup(dom, 0);
    return ret;
}



static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("URI errors", testOpenErrors, NULL);
    ret |= virTestRun("qemu.conf errors name the file, line and key", testBadConfig, NULL);
    ret |= virTestRun("argument checks and read-only connections", testArgChecks, NULL);
    ret |= virTestRun("no QEMU left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
