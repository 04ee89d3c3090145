/*
 * qemustubdestroytest.c: destroy of a QEMU that ignores or delays SIGTERM, timed, with the stub QEMU
 *
 * DEFAULT and GRACEFUL destroy of stub QEMUs (qemustub.c) that ignore
 * SIGTERM or exit 100 ms or 3 s after it: each timeout of qemu.conf is
 * what the call waits, give or take scheduling, never a second wait;
 * GRACEFUL never escalates; one stuck in uninterruptible sleep is
 * described as such.
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
    "qemu-stub-ignore-term", "qemu-stub-term-delay-100", "qemu-stub-term-delay-3000",
    "qemu-stub-disk-sleep", NULL,
};


/*
 * A QEMU that ignores SIGTERM: a graceful destroy fails after exactly
 * destroy_graceful_timeout and changes nothing; a default destroy kills
 * it with SIGKILL after destroy_term_timeout.
 */
static int
testIgnoreTerm(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "ignterm", "qemu-stub-ignore-term");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "ignterm");
    before = testQemuStatusFile(testRoot, "ignterm");

    TEST_ASSERT_OK(testQemuGracefulFailsInTime(dom, pid));
    /* The message names the process state. */
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "S (sleeping)");

    /* Nothing else happened. */
    after = testQemuStatusFile(testRoot, "ignterm");
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_HEX(testProcessPendingSignals(pid), 0);
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 1);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    /* Only SIGKILL ends this stub. */
    TEST_ASSERT_OK(testQemuDestroyKillsAfterTerm(dom, pid));
    TEST_ASSERT(testQemuNoRuntimeState(testRoot, "ignterm",
                                       "<domstatus state='shutoff' reason='destroyed' phase='inactive'/>\n"));
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* QEMU exits 100 ms after SIGTERM: a graceful destroy waits for it. */
static int
testTermDelayGraceful(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "delaygrace", "qemu-stub-term-delay-100");
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "delaygrace");
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL));
    TEST_ASSERT(testTookBetween("graceful destroy", testSecondsSince(start), 0.1,
                                TEST_GRACEFUL_TIMEOUT + TEST_SLACK));
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT(testQemuLogShowsSigterm(testRoot, "delaygrace"));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/*
 * QEMU exits 3 s after SIGTERM, more than any timeout here: a graceful
 * destroy fails and changes nothing; the default destroy that follows
 * kills it (SIGKILL) long before it would have exited by itself.
 */
static int
testTermDelayTooLong(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "delaylong", "qemu-stub-term-delay-3000");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gint64 first;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "delaylong");
    before = testQemuStatusFile(testRoot, "delaylong");

    first = g_get_monotonic_time();
    TEST_ASSERT_OK(testQemuGracefulFailsInTime(dom, pid));
    after = testQemuStatusFile(testRoot, "delaylong");
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_STR(after, before);
    TEST_ASSERT(testQemuLogShowsSigterm(testRoot, "delaylong"));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    TEST_ASSERT_OK(testQemuDestroyKillsAfterTerm(dom, pid));
    /* Gone before the stub's own 3 s: killed. */
    TEST_ASSERT_CMP_DOUBLE(testSecondsSince(first), <, 3.0);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* Default destroy: no escalation when QEMU exits within the term
 * timeout, SIGKILL after it when it does not. */
static int
testTermDelayDefault(const void *data G_GNUC_UNUSED)
{
    virDomainPtr quick = testQemuStubStart(testConn, testStubs, "delayquick", "qemu-stub-term-delay-100");
    virDomainPtr slow = testQemuStubStart(testConn, testStubs, "delayslow", "qemu-stub-term-delay-3000");
    pid_t quickPid = 0;
    pid_t slowPid = 0;
    gint64 start;
    int ret = -1;

    TEST_ASSERT_NONNULL(quick);
    TEST_ASSERT_NONNULL(slow);
    quickPid = testQemuDomainPid(testRoot, "delayquick");
    slowPid = testQemuDomainPid(testRoot, "delayslow");

    /* Back before SIGKILL would even be sent. */
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(virDomainDestroy(quick));
    TEST_ASSERT(testTookBetween("destroy of a QEMU exiting in 100 ms",
                                testSecondsSince(start), 0.1, TEST_TERM_TIMEOUT));
    TEST_ASSERT(!testProcessAlive(quickPid));
    TEST_ASSERT(testQemuLogShowsSigterm(testRoot, "delayquick"));
    TEST_ASSERT_STATE(quick, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);

    /* A QEMU exiting in 3 s: killed. */
    TEST_ASSERT_OK(testQemuDestroyKillsAfterTerm(slow, slowPid));
    TEST_ASSERT(testQemuLogShowsSigterm(testRoot, "delayslow"));
    ret = 0;

 cleanup:
    testQemuCleanup(quick, quickPid);
    testQemuCleanup(slow, slowPid);
    return ret;
}


/*
 * A QEMU stuck in the kernel after SIGTERM (state "D", as when its disk
 * hangs): the failed graceful destroy says so and names the kernel wait
 * channel when the kernel tells it, so an operator knows the guest is
 * not ignoring anything; SIGKILL, from the default destroy, still ends
 * it.
 */
static int
testDiskSleep(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStubStart(testConn, testStubs, "dsleep", "qemu-stub-disk-sleep");
    g_autofree char *wchanPath = NULL;
    g_autofree char *wchan = NULL;
    g_autofree char *want = NULL;
    g_autofree char *childrenPath = NULL;
    g_autofree char *children = NULL;
    pid_t child = 0;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "dsleep");

    TEST_ASSERT_OK(testQemuGracefulFailsInTime(dom, pid));

    /* The process is where the message says, still. */
    wchanPath = g_strdup_printf("/proc/%lld/wchan", (long long)pid);
    TEST_ASSERT(g_file_get_contents(wchanPath, &wchan, NULL, NULL));
    g_strstrip(wchan);
    if (!*wchan || STREQ(wchan, "0"))
        want = g_strdup("(state D (disk sleep), kernel wait channel unknown)");
    else
        want = g_strdup_printf("(state D (disk sleep), waiting in the kernel in %s)",
                               wchan);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), want);
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    /* The stub's sleeping child, to see it go with it. */
    childrenPath = g_strdup_printf("/proc/%lld/task/%lld/children",
                                   (long long)pid, (long long)pid);
    TEST_ASSERT(g_file_get_contents(childrenPath, &children, NULL, NULL));
    child = atoi(children);
    TEST_ASSERT_CMP_INT(child, >, 0);

    TEST_ASSERT_OK(testQemuDestroyKillsAfterTerm(dom, pid));
    for (int i = 0; i < 100 && testProcessAlive(child); i++)
        g_usleep(10 * 1000);
    TEST_ASSERT(!testProcessAlive(child));
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuStubConnectNew(testStubNames, &testRoot, &testURI,
                                            &testStubs)))
        return -1;

    ret |= virTestRun("ignores SIGTERM: graceful fails in time, changes nothing; default kills",
                      testIgnoreTerm, NULL);
    ret |= virTestRun("exits 100 ms after SIGTERM: graceful destroy succeeds",
                      testTermDelayGraceful, NULL);
    ret |= virTestRun("exits 3 s after SIGTERM: graceful fails, default kills",
                      testTermDelayTooLong, NULL);
    ret |= virTestRun("default destroy escalates only after the term timeout",
                      testTermDelayDefault, NULL);
    ret |= virTestRun("stuck in the kernel after SIGTERM: graceful says where; default kills",
                      testDiskSleep, NULL);
    ret |= virTestRun("no domain and no process left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
