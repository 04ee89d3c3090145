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
#include "testutilsproc.h"

#define TEST_FREEZER_ROOT "/sys/fs/cgroup/freezer"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;
static char *testGroup;


/* ---- the freezer -------------------------------------------------- */

/* Moves @pid (every thread) into the group and freezes it: asleep
 * uninterruptibly, as /proc shows it. */
static int
testFreeze(pid_t pid)
{
    g_autofree char *pidText = g_strdup_printf("%lld\n", (long long)pid);
    g_autofree char *state = NULL;
    int ret = -1;

    TEST_ASSERT_OK(testCgroupWrite(testGroup, "cgroup.procs", pidText));
    TEST_ASSERT_OK(testCgroupSetFreezer(testGroup, "FROZEN"));
    state = testProcessState(pid);
    TEST_ASSERT_EQ_STR(state, "D (disk sleep)");
    ret = 0;

 cleanup:
    return ret;
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
    testCgroupWrite(testGroup, "freezer.state", "THAWED");
    for (int i = 0; i < 5000; i++) {
        g_autofree char *procs = testCgroupRead(testGroup, "cgroup.procs");

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
    testCgroupWrite(testGroup, "freezer.state", "THAWED");
    testQemuCleanup(dom, pid);
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
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "frozengrace");
    before = testQemuStatusFile(testRoot, "frozengrace");
    TEST_ASSERT_OK(testFreeze(pid));

    start = g_get_monotonic_time();
    TEST_ASSERT_FAILS(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    TEST_ASSERT(testTookBetween("failed graceful destroy", testSecondsSince(start),
                                TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK));
    pidText = g_strdup_printf("process %lld ", (long long)pid);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM");
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), pidText);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "D (disk sleep)");

    /* Only SIGTERM is pending; nothing changed. */
    after = testQemuStatusFile(testRoot, "frozengrace");
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_HEX(testProcessPendingSignals(pid), 1ULL << (SIGTERM - 1));
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    /* Thawed, QEMU ends on the SIGTERM it was sent: a clean shutdown. */
    TEST_ASSERT_OK(testCgroupSetFreezer(testGroup, "THAWED"));
    TEST_ASSERT_MSG(testProcessWaitGone(pid, 5000),
                    "thawed QEMU did not act on its pending SIGTERM");
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ret = 0;

 cleanup:
    testCleanup(dom, pid);
    return ret;
}


static gpointer
testThawThread(gpointer opaque G_GNUC_UNUSED)
{
    g_usleep(200 * 1000);
    return GINT_TO_POINTER(testCgroupSetFreezer(testGroup, "THAWED"));
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
    GThread *thaw = NULL;
    gint64 start;
    double elapsed;
    pid_t pid = 0;
    int thawed;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "unkillable");
    before = testQemuStatusFile(testRoot, "unkillable");
    TEST_ASSERT_OK(testFreeze(pid));

    start = g_get_monotonic_time();
    TEST_ASSERT_FAILS(virDomainDestroy(dom));
    elapsed = testSecondsSince(start);
    TEST_ASSERT_CMP_DOUBLE(elapsed, >=, TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT);
    TEST_ASSERT_CMP_DOUBLE(elapsed, <=, TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT + TEST_SLACK);
    pidText = g_strdup_printf("process %lld ", (long long)pid);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU, NULL);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), pidText);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "SIGKILL");
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "D (disk sleep)");
    virTestDiag("%s", virGetLastErrorMessage());

    /* Both signals were sent; nothing else changed. */
    after = testQemuStatusFile(testRoot, "unkillable");
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_CMP_HEX(testProcessPendingSignals(pid) & (1ULL << (SIGKILL - 1)), !=, 0);
    TEST_ASSERT_CMP_HEX(testProcessPendingSignals(pid) & (1ULL << (SIGTERM - 1)), !=, 0);
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    /* Try again; the process becomes killable while the call waits. */
    thaw = g_thread_new("thaw", testThawThread, NULL);
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(virDomainDestroy(dom));
    elapsed = testSecondsSince(start);
    thawed = GPOINTER_TO_INT(g_thread_join(thaw));
    thaw = NULL;
    TEST_ASSERT_OK(thawed);
    TEST_ASSERT_CMP_DOUBLE(elapsed, <=, TEST_TERM_TIMEOUT + TEST_SLACK);
    /* Gone and reaped. */
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_MSG(kill(pid, 0) < 0 && errno == ESRCH,
                    "QEMU %lld is not reaped", (long long)pid);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    g_clear_pointer(&after, g_free);
    after = testQemuStatusFile(testRoot, "unkillable");
    TEST_ASSERT_EQ_STR(after, "<domstatus state='shutoff' reason='destroyed' phase='inactive'/>\n");
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

    if (testGroupCreate() < 0)
        return -1;
    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI))) {
        testGroupRemove();
        return -1;
    }

    ret |= virTestRun("graceful destroy of a QEMU in D state fails, changes nothing",
                      testGraceful, NULL);
    ret |= virTestRun("default destroy of an unkillable QEMU fails and keeps the domain",
                      testUnkillable, NULL);
    ret |= virTestRun("no domain and no process left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    testGroupRemove();
    return ret;
}

VIR_TEST_MAIN(mymain)
