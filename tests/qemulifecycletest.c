/*
 * qemulifecycletest.c: the domain life cycle through the public API, on real QEMU (TCG)
 *
 * Transient and persistent domains, undefine while running, shutdown
 * by signal and by ACPI, a crash, starts interrupted half-way, QEMU's
 * own open-file limit, suspend and resume.
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
testTransient(const void *data G_GNUC_UNUSED)
{
    g_autofree char *xml = testQemuDomainXML("transient", NULL, NULL);
    g_autofree char *status = NULL;
    virDomainPtr dom = virDomainCreateXML(testConn, xml, 0);
    virDomainPtr again = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_EQ_INT(virDomainIsPersistent(dom), 0);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    /* A second one of the same name is refused. */
    TEST_ASSERT_MSG(!(again = virDomainCreateXML(testConn, xml, 0)),
                    "second transient domain of the same name started");
    TEST_ASSERT_OK(virDomainDestroy(dom));
    /* Forgotten once stopped. */
    TEST_ASSERT(!(again = virDomainLookupByName(testConn, "transient")));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
                           "Domain not found: no domain with matching name 'transient'");
    status = testQemuStatusFile(testRoot, "transient");
    TEST_ASSERT_MSG(!status, "a stopped transient domain left a status file");
    ret = 0;

 cleanup:
    if (again)
        virDomainFree(again);
    if (dom) {
        if (virDomainIsActive(dom) == 1)
            virDomainDestroy(dom);
        virDomainFree(dom);
    }
    return ret;
}


static int
testUndefineRunning(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "undefrun", NULL);
    virDomainPtr again = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_EQ_INT(virDomainIsPersistent(dom), 1);
    TEST_ASSERT_OK(virDomainUndefine(dom));
    /* Still running, now transient. */
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    TEST_ASSERT_EQ_INT(virDomainIsPersistent(dom), 0);
    TEST_ASSERT_FAILS(virDomainUndefine(dom));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                           "Requested operation is not valid: cannot undefine transient domain");
    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT_MSG(!(again = virDomainLookupByName(testConn, "undefrun")),
                    "undefined domain still exists after it stopped");
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

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT_EQ_INT(virDomainIsPersistent(dom), 1);
    TEST_ASSERT_NONNULL(xml = virDomainGetXMLDesc(dom, 0));
    /* The inactive XML: no ID. */
    TEST_ASSERT_STR_LACKS(xml, "<domain type='qemu' id=");
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

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "sigshut");
    TEST_ASSERT_OK(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_SIGNAL));
    TEST_ASSERT_MSG(testProcessWaitGone(pid, 5000), "QEMU did not exit on SIGTERM");
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
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

    TEST_ASSERT_NONNULL(dom);
    /* Delivered; a guest without an OS ignores it and keeps running. */
    TEST_ASSERT_OK(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN));
    TEST_ASSERT_OK(virDomainShutdown(dom));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    TEST_ASSERT_FAILS(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_PARAVIRT));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                           "unsupported flags (0x10) in function qemuDomainShutdownFlags");
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

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "crash");
    kill(pid, SIGSEGV);
    TEST_ASSERT(testProcessWaitGone(pid, 5000));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    /* No runtime state left after a crash. */
    status = testQemuStatusFile(testRoot, "crash");
    sock = testQemuRunDirLeft(testRoot);
    TEST_ASSERT_NONNULL(status);
    TEST_ASSERT_STR_LACKS(status, "pid=");
    TEST_ASSERT_EQ_STR(sock, NULL);
    ret = 0;

 cleanup:
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

    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(testConn, xml));
    TEST_ASSERT_OK(virDomainCreateWithFlags(dom, data->paused ? VIR_DOMAIN_START_PAUSED : 0));
    pid = testQemuDomainPid(testRoot, "istart");
    status = testQemuStatusFile(testRoot, "istart");
    edit = g_string_new(status);
    TEST_ASSERT_EQ_INT(g_string_replace(edit, "phase='running'",
                                        data->recorded ? "phase='starting' startpaused='yes'" :
                                                         "phase='starting'", 1), 1);
    forged = g_string_free(g_steal_pointer(&edit), FALSE);
    TEST_ASSERT(g_file_set_contents(path, forged, -1, NULL));

    /* A new connection reconciles what it finds. */
    TEST_ASSERT_NONNULL(conn = virConnectOpen(testURI));
    TEST_ASSERT_NONNULL(again = virDomainLookupByName(conn, "istart"));
    TEST_ASSERT_STATE(again, data->wantState, data->wantReason);
    TEST_ASSERT_MSG(testProcessAlive(pid) == data->qemuStays, "QEMU %lld is %s",
                    (long long)pid, data->qemuStays ? "gone" : "still running");
    if (data->qemuStays)
        TEST_ASSERT_EQ_HEX(testProcessPendingSignals(pid), 0);
    g_free(status);
    status = testQemuStatusFile(testRoot, "istart");
    /* The finished start is recorded. */
    if (data->qemuStays)
        TEST_ASSERT_STR_CONTAINS(status, "phase='running'");
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
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_OK(getrlimit(RLIMIT_NOFILE, &saved));
    TEST_ASSERT_MSG(saved.rlim_max >= 8192,
                    "this test needs a hard limit of open files of 8192 or more");
    low = saved;
    low.rlim_cur = 40;
    TEST_ASSERT_OK(setrlimit(RLIMIT_NOFILE, &low));
    dom = testQemuStart(testConn, "maxfiles", NULL);
    setrlimit(RLIMIT_NOFILE, &saved);
    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "maxfiles");
    TEST_ASSERT_EQ_INT(testOpenFilesLimit(pid, false), 8192);
    TEST_ASSERT_EQ_INT(testOpenFilesLimit(pid, true), 8192);

    TEST_ASSERT_NONNULL(conn = virConnectOpen(uri));
    TEST_ASSERT_NONNULL(configured = testQemuStart(conn, "maxfiles15", NULL));
    pid = testQemuDomainPid(root, "maxfiles15");
    TEST_ASSERT_EQ_INT(testOpenFilesLimit(pid, false), 1500);
    TEST_ASSERT_EQ_INT(testOpenFilesLimit(pid, true), 1500);
    ret = 0;

 cleanup:
    testQemuCleanup(configured, 0);
    if (conn)
        virConnectClose(conn);
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testSuspendResume(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "pause", NULL);
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_OK(virDomainSuspend(dom));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    /* A paused domain is destroyed gracefully as well: QEMU still acts
     * on SIGTERM with its CPUs stopped. */
    TEST_ASSERT_OK(virDomainResume(dom));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    TEST_ASSERT_FAILS(virDomainResume(dom));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, NULL);
    TEST_ASSERT_OK(virDomainSuspend(dom));
    TEST_ASSERT_OK(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
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

    ret |= virTestRun("transient domains are forgotten when stopped", testTransient, NULL);
    ret |= virTestRun("undefine of a running domain makes it transient", testUndefineRunning, NULL);
    ret |= virTestRun("a persistent domain keeps its definition", testPersistentKeepsDefinition, NULL);
    ret |= virTestRun("shutdown by signal: QEMU exits, reason shutdown", testShutdownSignal, NULL);
    ret |= virTestRun("shutdown by ACPI is delivered", testShutdownACPI, NULL);
    ret |= virTestRun("a crashed QEMU is found shut off, reason crashed", testCrash, NULL);
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
    ret |= virTestRun("suspend, resume, graceful destroy while paused", testSuspendResume, NULL);
    ret |= virTestRun("no QEMU left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
