/*
 * testutilsqemu.c: helpers for tests of the QEMU driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "datatypes.h"
#include "qemu_capabilities.h"
#include "qemu_conf.h"


char *
testQemuRootNew(const char *qemuconf, char **retURI)
{
    /* Short paths: QEMU's monitor socket lives under the root. */
    char *root = g_mkdtemp(g_strdup("/tmp/lvg-XXXXXX"));
    g_autofree char *etc = NULL;
    g_autofree char *conf = NULL;

    g_assert(root);
    virTestAdoptTempDir(root);
    if (qemuconf) {
        etc = g_build_filename(root, "etc", NULL);
        conf = g_build_filename(etc, "qemu.conf", NULL);
        g_assert(g_mkdir_with_parents(etc, 0700) == 0);
        g_assert(g_file_set_contents(conf, qemuconf, -1, NULL));
    }
    *retURI = g_strdup_printf("qemu:///embed?root=%s", root);
    return root;
}


virConnectPtr
testQemuConnectNew(const char *qemuconf, bool events, char **retRoot,
                   char **retURI)
{
    g_autofree char *root = NULL;
    g_autofree char *uri = NULL;
    virConnectPtr conn;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    if (events && virEventRegisterDefaultImpl() < 0) {
        virTestDiag("cannot register the default event loop: %s",
                    virGetLastErrorMessage());
        return NULL;
    }
    root = testQemuRootNew(qemuconf, &uri);
    if (!(conn = virConnectOpen(uri))) {
        virTestDiag("cannot open %s: %s", uri, virGetLastErrorMessage());
        return NULL;
    }
    *retRoot = g_steal_pointer(&root);
    *retURI = g_steal_pointer(&uri);
    return conn;
}


char *
testQemuDomainXML(const char *name, const char *emulator, const char *devices)
{
    return g_strdup_printf("<domain type='qemu'>\n"
                           "  <name>%s</name>\n"
                           "  <memory unit='MiB'>64</memory>\n"
                           "  <vcpu>1</vcpu>\n"
                           "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
                           "  <devices>\n"
                           "    <emulator>%s</emulator>\n"
                           "    <memballoon model='none'/>\n"
                           "%s"
                           "  </devices>\n"
                           "</domain>\n",
                           name, emulator ? emulator : "/usr/bin/qemu-system-x86_64",
                           devices ? devices : "");
}


char *
testQemuStatusFile(const char *root, const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/run/qemu/%s.xml", root, name);
    char *content = NULL;

    if (!g_file_get_contents(path, &content, NULL, NULL))
        return NULL;
    return content;
}


pid_t
testQemuDomainPid(const char *root, const char *name)
{
    g_autofree char *status = testQemuStatusFile(root, name);
    const char *p;

    if (!status || !(p = strstr(status, " pid='")))
        return 0;
    return (pid_t)g_ascii_strtoll(p + strlen(" pid='"), NULL, 10);
}


/* A private directory of a run (domain-*) left in the root's state
 * directory, or NULL. */
char *
testQemuRunDirLeft(const char *root)
{
    g_autofree char *dir = g_build_filename(root, "run", "qemu", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    while (d && (entry = g_dir_read_name(d))) {
        if (g_str_has_prefix(entry, "domain-"))
            return g_strdup(entry);
    }
    return NULL;
}


/* A process has exited once its pidfd is readable: when every thread
 * is gone.  (/proc shows the leader as a zombie as soon as the main
 * thread exits, while others may still run.) */
bool
testProcessAlive(pid_t pid)
{
    struct pollfd pfd = { .events = POLLIN };
    int rc;

    if (pid <= 0)
        return false;
    if ((pfd.fd = syscall(SYS_pidfd_open, pid, 0)) < 0)
        return false;
    rc = poll(&pfd, 1, 0);
    close(pfd.fd);
    return rc == 0;
}


unsigned long long
testProcessPendingSignals(pid_t pid)
{
    g_autofree char *thread = testProcessStatusField(pid, "SigPnd");
    g_autofree char *shared = testProcessStatusField(pid, "ShdPnd");

    return (thread ? g_ascii_strtoull(thread, NULL, 16) : 0) |
           (shared ? g_ascii_strtoull(shared, NULL, 16) : 0);
}


void
testReapChildren(void)
{
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
}


bool
testProcessWaitGone(pid_t pid, int ms)
{
    for (int i = 0; i < ms; i++) {
        testReapChildren();
        if (!testProcessAlive(pid))
            return true;
        g_usleep(1000);
    }
    return false;
}


char *
testBuildPath(const char *name)
{
    return g_build_filename(virTestBuildDir(), name, NULL);
}


int
testQemuCheckError(int code, int domain, const char *prefix)
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


int
testQemuCheckState(virDomainPtr dom, int wantState, int wantReason)
{
    int state = -1, reason = -1;

    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        virTestDiag("cannot get the state: %s", virGetLastErrorMessage());
        return -1;
    }
    if (state != wantState || reason != wantReason) {
        virTestDiag("state %d/%d, expected %d/%d", state, reason, wantState,
                    wantReason);
        return -1;
    }
    return 0;
}


int
testProcessFreeze(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);

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
    virTestDiag("process %lld did not stop", (long long)pid);
    return -1;
}


char *
testQemuStubDir(const char *const *names)
{
    g_autofree char *binary = testBuildPath("qemustub");
    char *dir = virTestMakeTempDir("lvg-stub");

    for (size_t i = 0; names[i]; i++) {
        g_autofree char *link = g_build_filename(dir, names[i], NULL);

        g_assert(symlink(binary, link) == 0);
    }
    return dir;
}


int
testQemuStubFixtures(virConnectPtr conn, const char *dir,
                     const char *const *names)
{
    virQEMUDriver *driver = conn->privateData;
    g_autofree char *path = g_strdup_printf("%s/qemucapabilitiesdata/caps_7.2.0_x86_64.caps",
                                            virTestSrcDir());
    g_autofree char *data = NULL;

    if (virTestLoadFile(path, &data) < 0)
        return -1;
    for (size_t i = 0; names[i]; i++) {
        virQEMUCaps *caps = virQEMUCapsParse(data, path);

        if (!caps)
            return -1;
        g_free(caps->binary);
        caps->binary = g_build_filename(dir, names[i], NULL);
        virQEMUCapsCacheInsertFixture(driver->qemuCapsCache, caps->binary, caps);
    }
    return 0;
}


void
testQemuQuietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


int
testQemuNoLeftovers(const void *opaque)
{
    virConnectPtr conn = (virConnectPtr)opaque;
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);

    for (int i = 0; i < n; i++) {
        virTestDiag("still defined or running: %s", virDomainGetName(doms[i]));
        virDomainFree(doms[i]);
    }
    free(doms);
    testReapChildren();
    return n == 0 && testNoChildren() ? 0 : -1;
}


virDomainPtr
testQemuStart(virConnectPtr conn, const char *name, const char *emulator)
{
    g_autofree char *xml = testQemuDomainXML(name, emulator, NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    if (!dom) {
        virTestDiag("cannot define %s: %s", name, virGetLastErrorMessage());
        return NULL;
    }
    if (virDomainCreate(dom) < 0) {
        virTestDiag("cannot start %s: %s", name, virGetLastErrorMessage());
        virDomainUndefine(dom);
        virDomainFree(dom);
        return NULL;
    }
    return dom;
}


void
testQemuCleanup(virDomainPtr dom, pid_t pid)
{
    if (pid > 0 && testProcessAlive(pid)) {
        kill(pid, SIGKILL);
        testProcessWaitGone(pid, 5000);
    }
    if (dom) {
        if (virDomainIsActive(dom) == 1)
            virDomainDestroy(dom);
        if (virDomainIsPersistent(dom) == 1)
            virDomainUndefine(dom);
        virDomainFree(dom);
    }
    virResetLastError();
    testReapChildren();
}


double
testSecondsSince(gint64 start)
{
    return (g_get_monotonic_time() - start) / (double)G_USEC_PER_SEC;
}


bool
testTookBetween(const char *what, double elapsed, double low, double high)
{
    if (elapsed >= low && elapsed < high)
        return true;
    virTestDiag("%s took %.3f s, expected %.3f to %.3f s", what, elapsed, low,
                high);
    return false;
}


int
testQemuGracefulFailsInTime(virDomainPtr dom, pid_t pid)
{
    g_autofree char *pidText = g_strdup_printf("process %lld ", (long long)pid);
    gint64 start = g_get_monotonic_time();
    int ret = -1;

    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    TEST_ASSERT(testTookBetween("failed graceful destroy", testSecondsSince(start),
                                TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK));
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM");
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), pidText);
    ret = 0;

 cleanup:
    return ret;
}


int
testQemuDestroyKillsAfterTerm(virDomainPtr dom, pid_t pid)
{
    gint64 start = g_get_monotonic_time();
    int ret = -1;

    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT(testTookBetween("default destroy", testSecondsSince(start),
                                TEST_TERM_TIMEOUT, TEST_TERM_TIMEOUT + TEST_SLACK));
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ret = 0;

 cleanup:
    return ret;
}


virDomainPtr
testQemuStubStart(virConnectPtr conn, const char *stubDir, const char *name,
                  const char *stub)
{
    g_autofree char *emulator = g_build_filename(stubDir, stub, NULL);

    return testQemuStart(conn, name, emulator);
}


char *
testQemuStubXML(const char *stubDir, const char *name, const char *stub)
{
    g_autofree char *emulator = g_build_filename(stubDir, stub, NULL);

    return testQemuDomainXML(name, emulator, NULL);
}


bool
testQemuLogShowsSigterm(const char *root, const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/log/qemu/%s.log", root, name);
    g_autofree char *log = NULL;
    g_autofree char *expect = g_strdup_printf("terminating on signal 15 from pid %lld ",
                                              (long long)getpid());

    if (!g_file_get_contents(path, &log, NULL, NULL) || !strstr(log, expect)) {
        virTestDiag("log %s lacks '%s':\n%s", path, expect, NULLSTR(log));
        return false;
    }
    return true;
}


bool
testQemuNoRuntimeState(const char *root, const char *name, const char *status)
{
    g_autofree char *dir = g_strdup_printf("%s/run/qemu", root);
    g_autofree char *statusFile = g_strdup_printf("%s.xml", name);
    g_autofree char *got = testQemuStatusFile(root, name);
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


virConnectPtr
testQemuStubConnectNew(const char *const *names, char **retRoot, char **retURI,
                       char **retStubs)
{
    virConnectPtr conn;
    g_autofree char *stubs = NULL;

    if (!(conn = testQemuConnectNew(TEST_QEMU_STUB_CONF, true, retRoot, retURI)))
        return NULL;
    stubs = testQemuStubDir(names);
    if (testQemuStubFixtures(conn, stubs, names) < 0) {
        virConnectClose(conn);
        return NULL;
    }
    *retStubs = g_steal_pointer(&stubs);
    return conn;
}


/**
 * testEventLogCallback:
 * @conn: the connection
 * @dom: the domain the event is about
 * @event: a virDomainEventType
 * @detail: its detail
 * @opaque: the testEventLog
 *
 * Records the event, so that a case compares what arrived, in order,
 * once the loop has run (testEventLogWait()).
 *
 * Returns: 0.
 */
int
testEventLogCallback(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                     int event, int detail, void *opaque)
{
    testEventLog *log = opaque;

    if (log->count < TEST_EVENT_LOG_MAX) {
        log->events[log->count] = event;
        log->details[log->count] = detail;
        g_strlcpy(log->names[log->count], virDomainGetName(dom),
                  sizeof(log->names[0]));
    }
    log->count++;
    return 0;
}


/* The free callback of a registration: proves it ran. */
void
testEventLogFree(void *opaque)
{
    ((testEventLog *)opaque)->freed = true;
}


static void
testEventLogTick(int timer G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}


/**
 * testEventLogWait:
 * @log: what the callback records into
 * @want: how many events to wait for
 * @ms: how long at most
 *
 * Runs the default event loop; a 10 ms timer keeps each iteration
 * short, so the deadline is kept.
 */
void
testEventLogWait(testEventLog *log, int want, int ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)ms * 1000;
    int timer = virEventAddTimeout(10, testEventLogTick, NULL, NULL);

    while (log->count < want && g_get_monotonic_time() < deadline)
        virEventRunDefaultImpl();
    if (timer >= 0)
        virEventRemoveTimeout(timer);
}
