/*
 * qemudriverfreezetest.c: destroying a QEMU that not even SIGKILL ends
 *
 * A real QEMU (TCG) put in a frozen cgroup v1 freezer sleeps
 * uninterruptibly ("D (disk sleep)"), as a process stuck on dead
 * storage does: signals stay pending until the group is thawed.  A
 * default destroy must then fail (VIR_ERR_SYSTEM_ERROR, naming the pid,
 * the signal and the state) and leave the domain active and managed,
 * so that a later destroy succeeds once the process can die; a
 * graceful destroy fails as for any QEMU that ignores SIGTERM.
 *
 * The freezer is required: without it this test fails and says so.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/stat.h>

#include "testutils.h"
#include "testutilsqemu.h"

#define TEST_FREEZER_ROOT "/sys/fs/cgroup/freezer"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;
static char *testGroup;


/* ---- the freezer -------------------------------------------------- */

static int
testGroupWrite(const char *file, const char *value)
{
    g_autofree char *path = g_build_filename(testGroup, file, NULL);
    g_autoptr(GError) gerr = NULL;

    if (!g_file_set_contents_full(path, value, -1, G_FILE_SET_CONTENTS_NONE,
                                  0644, &gerr)) {
        virTestDiag("cannot write '%s' to %s: %s", value, path, gerr->message);
        return -1;
    }
    return 0;
}


static char *
testGroupRead(const char *file)
{
    g_autofree char *path = g_build_filename(testGroup, file, NULL);
    char *content = NULL;

    if (!g_file_get_contents(path, &content, NULL, NULL))
        return NULL;
    return g_strstrip(content);
}


/* Sets the group's state and waits until the kernel reports it. */
static int
testGroupSetState(const char *state)
{
    if (testGroupWrite("freezer.state", state) < 0)
        return -1;
    for (int i = 0; i < 5000; i++) {
        g_autofree char *now = testGroupRead("freezer.state");

        if (STREQ_NULLABLE(now, state))
            return 0;
        g_usleep(1000);
    }
    virTestDiag("the freezer group %s did not become %s", testGroup, state);
    return -1;
}


/* The state letter and name /proc shows for @pid, e.g. "D (disk sleep)". */
static char *
testProcessState(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/status", (long long)pid);
    g_autofree char *status = NULL;
    const char *p;
    const char *end;

    if (!g_file_get_contents(path, &status, NULL, NULL) ||
        !(p = strstr(status, "\nState:")))
        return NULL;
    p += strlen("\nState:");
    while (*p == ' ' || *p == '\t')
        p++;
    end = strchr(p, '\n');
    return g_strndup(p, end ? end - p : (gssize)strlen(p));
}


/* Moves @pid (every thread) into the group and freezes it. */
static int
testFreeze(pid_t pid)
{
    g_autofree char *pidText = g_strdup_printf("%lld\n", (long long)pid);
    g_autofree char *state = NULL;

    if (testGroupWrite("cgroup.procs", pidText) < 0 ||
        testGroupSetState("FROZEN") < 0)
        return -1;
    state = testProcessState(pid);
    if (STRNEQ_NULLABLE(state, "D (disk sleep)")) {
        virTestDiag("frozen QEMU %lld is in state '%s'", (long long)pid, NULLSTR(state));
        return -1;
    }
    return 0;
}


/* Creates this program's freezer group; fails loudly without one. */
static int
testGroupCreate(void)
{
    if (!g_file_test(TEST_FREEZER_ROOT "/freezer.state", G_FILE_TEST_EXISTS) &&
        !g_file_test(TEST_FREEZER_ROOT "/cgroup.procs", G_FILE_TEST_EXISTS)) {
        virTestDiag("no cgroup v1 freezer at " TEST_FREEZER_ROOT ": this test needs "
                    "one to make QEMU unkillable; as root: mkdir -p "
                    TEST_FREEZER_ROOT " && mount -t cgroup -o freezer freezer "
                    TEST_FREEZER_ROOT);
        return -1;
    }
    testGroup = g_strdup_printf(TEST_FREEZER_ROOT "/libvirt-grace-test-%lld",
                                (long long)getpid());
    if (mkdir(testGroup, 0755) < 0) {
        virTestDiag("cannot create the freezer group %s: %s (the test must run as root)",
                    testGroup, g_strerror(errno));
        g_clear_pointer(&testGroup, g_free);
        return -1;
    }
    return 0;
}


/* Thaws the group (whatever a failed case left in it) and removes it. */
static void
testGroupRemove(void)
{
    if (!testGroup)
        return;
    testGroupWrite("freezer.state", "THAWED");
    for (int i = 0; i < 5000; i++) {
        g_autofree char *procs = testGroupRead("cgroup.procs");

        testReapChildren();
        if (!procs || !*procs)
            break;
        g_usleep(1000);
    }
    if (rmdir(testGroup) < 0)
        virTestDiag("cannot remove %s: %s", testGroup, g_strerror(errno));
    g_clear_pointer(&testGroup, g_free);
}


/* ---- the cases ---------------------------------------------------- */

/* Thaws the group first: a frozen QEMU cannot die. */
static void
testCleanup(virDomainPtr dom, pid_t pid)
{
    testGroupWrite("freezer.state", "THAWED");
    testQemuCleanup(dom, pid);
}


static bool
testMessageHas(const char *what)
{
    if (strstr(virGetLastErrorMessage(), what))
        return true;
    virTestDiag("message lacks '%s': %s", what, virGetLastErrorMessage());
    return false;
}


/*
 * Graceful destroy of a frozen QEMU: fails after the graceful timeout,
 * saying the process is in D state; only SIGTERM is pending, nothing
 * changed.  Thawed, QEMU acts on that SIGTERM and ends cleanly.
 */
static int
testGraceful(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "frozengrace", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *pidText = NULL;
    unsigned long long pending;
    gint64 start;
    double elapsed;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "frozengrace");
    before = testQemuStatusFile(testRoot, "frozengrace");
    if (testFreeze(pid) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy of a frozen QEMU succeeded");
        goto cleanup;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    if (elapsed < TEST_GRACEFUL_TIMEOUT || elapsed > TEST_GRACEFUL_TIMEOUT + TEST_SLACK) {
        virTestDiag("graceful timeout of %g s took %.3f s", TEST_GRACEFUL_TIMEOUT, elapsed);
        goto cleanup;
    }
    pidText = g_strdup_printf("process %lld ", (long long)pid);
    if (testQemuCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM") < 0 ||
        !testMessageHas(pidText) || !testMessageHas("D (disk sleep)"))
        goto cleanup;

    pending = testProcessPendingSignals(pid);
    after = testQemuStatusFile(testRoot, "frozengrace");
    if (!testProcessAlive(pid) || pending != (1ULL << (SIGTERM - 1)) ||
        STRNEQ_NULLABLE(before, after)) {
        virTestDiag("alive %d, pending 0x%llx, status\n%s", testProcessAlive(pid),
                    pending, NULLSTR(after));
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 1 ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    /* Thawed, QEMU ends on the SIGTERM it was sent: a clean shutdown. */
    if (testGroupSetState("THAWED") < 0)
        goto cleanup;
    if (!testProcessWaitGone(pid, 5000)) {
        virTestDiag("thawed QEMU did not act on its pending SIGTERM");
        goto cleanup;
    }
    if (testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testCleanup(dom, pid);
    return ret;
}


static gpointer
testThawThread(gpointer opaque G_GNUC_UNUSED)
{
    g_usleep(200 * 1000);
    return GINT_TO_POINTER(testGroupSetState("THAWED"));
}


/*
 * Default destroy of a frozen QEMU: SIGTERM, SIGKILL, and the process
 * is still there: -1 with VIR_ERR_SYSTEM_ERROR naming the pid, the
 * signal and the state; the domain stays active and its status file
 * stays.  A later destroy, during which the group is thawed, succeeds.
 */
static int
testUnkillable(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "unkillable", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *pidText = NULL;
    unsigned long long pending;
    GThread *thaw = NULL;
    gint64 start;
    double elapsed;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "unkillable");
    before = testQemuStatusFile(testRoot, "unkillable");
    if (testFreeze(pid) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroy(dom) == 0) {
        virTestDiag("destroy of an unkillable QEMU succeeded");
        goto cleanup;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    if (elapsed < TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT ||
        elapsed > TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT + TEST_SLACK) {
        virTestDiag("destroy gave up after %.3f s", elapsed);
        goto cleanup;
    }
    pidText = g_strdup_printf("process %lld ", (long long)pid);
    if (testQemuCheckError(VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU, NULL) < 0 ||
        !testMessageHas(pidText) || !testMessageHas("SIGKILL") ||
        !testMessageHas("D (disk sleep)"))
        goto cleanup;
    virTestDiag("%s", virGetLastErrorMessage());

    /* Both signals were sent; nothing else changed. */
    pending = testProcessPendingSignals(pid);
    after = testQemuStatusFile(testRoot, "unkillable");
    if (!testProcessAlive(pid) || !(pending & (1ULL << (SIGKILL - 1))) ||
        !(pending & (1ULL << (SIGTERM - 1))) || STRNEQ_NULLABLE(before, after)) {
        virTestDiag("alive %d, pending 0x%llx, status\n%s", testProcessAlive(pid),
                    pending, NULLSTR(after));
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 1 ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    /* Try again; the process becomes killable while the call waits. */
    thaw = g_thread_new("thaw", testThawThread, NULL);
    start = g_get_monotonic_time();
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    elapsed = (g_get_monotonic_time() - start) / 1e6;
    if (GPOINTER_TO_INT(g_thread_join(thaw)) < 0)
        goto cleanup;
    thaw = NULL;
    if (elapsed > TEST_TERM_TIMEOUT + TEST_SLACK) {
        virTestDiag("destroy after the thaw took %.3f s", elapsed);
        goto cleanup;
    }
    if (testProcessAlive(pid) || (kill(pid, 0) == 0 || errno != ESRCH) ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0) {
        virTestDiag("QEMU %lld is not gone and reaped", (long long)pid);
        goto cleanup;
    }
    g_clear_pointer(&after, g_free);
    after = testQemuStatusFile(testRoot, "unkillable");
    if (virTestCompareStrings("<domstatus state='shutoff' reason='destroyed' phase='inactive'/>\n",
                              after, "status file") < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    if (thaw)
        g_thread_join(thaw);
    testCleanup(dom, pid);
    return ret;
}




static int
mymain(void)
{
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    if (testGroupCreate() < 0)
        return -1;
    testRoot = testQemuRootNew(TEST_QEMU_CONF, &testURI);
    if (!(testConn = virConnectOpen(testURI))) {
        virTestDiag("cannot open %s: %s", testURI, virGetLastErrorMessage());
        testGroupRemove();
        return -1;
    }

    if (virTestRun("graceful destroy of a QEMU in D state fails, changes nothing",
                   testGraceful, NULL) < 0)
        ret = -1;
    if (virTestRun("default destroy of an unkillable QEMU fails and keeps the domain",
                   testUnkillable, NULL) < 0)
        ret = -1;
    if (virTestRun("no domain and no process left behind", testQemuNoLeftovers, testConn) < 0)
        ret = -1;

    virConnectClose(testConn);
    testGroupRemove();
    return ret;
}

VIR_TEST_MAIN(mymain)
