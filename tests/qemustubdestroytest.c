/*
 * qemustubdestroytest.c: destroy of a QEMU that ignores or delays SIGTERM, timed, with the stub QEMU
 *
 * DEFAULT and GRACEFUL destroy of stub QEMUs (qemustub.c) that ignore
 * SIGTERM or exit 100 ms or 3 s after it: each timeout of qemu.conf is
 * what the call waits, give or take scheduling, never a second wait;
 * GRACEFUL never escalates.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "virfile.h"
#include "virprocess.h"

#define TEST_TERM_TIMEOUT 0.5
#define TEST_KILL_TIMEOUT 1.0
#define TEST_GRACEFUL_TIMEOUT 0.4
#define TEST_START_TIMEOUT 1.0

/* What a timed call may take beyond its timeout. */
#define TEST_SLACK 0.5

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;
static char *testStubs;

static const char *const testStubNames[] = {
    "qemu-stub-ignore-term", "qemu-stub-term-delay-100", "qemu-stub-term-delay-3000", NULL,
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
    g_autofree char *pidText = NULL;
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "ignterm");
    before = testQemuStatusFile(testRoot, "ignterm");

    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy of a QEMU that ignores SIGTERM succeeded");
        goto cleanup;
    }
    if (!testTookBetween("failed graceful destroy", testSecondsSince(start),
                         TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testQemuCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM") < 0)
        goto cleanup;
    pidText = g_strdup_printf("process %lld ", (long long)pid);
    if (!strstr(virGetLastErrorMessage(), pidText) ||
        !strstr(virGetLastErrorMessage(), "S (sleeping)")) {
        virTestDiag("message lacks the pid or the state: %s", virGetLastErrorMessage());
        goto cleanup;
    }

    /* Nothing else happened. */
    after = testQemuStatusFile(testRoot, "ignterm");
    if (!testProcessAlive(pid) || testProcessPendingSignals(pid) != 0 ||
        STRNEQ_NULLABLE(before, after)) {
        virTestDiag("after a failed graceful destroy: alive %d, pending 0x%llx, status\n%s",
                    testProcessAlive(pid), testProcessPendingSignals(pid), NULLSTR(after));
        goto cleanup;
    }
    if (virDomainIsActive(dom) != 1 ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    /* Only SIGKILL ends this stub. */
    start = g_get_monotonic_time();
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (!testTookBetween("default destroy", testSecondsSince(start),
                         TEST_TERM_TIMEOUT, TEST_TERM_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testProcessAlive(pid) ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0 ||
        !testQemuNoRuntimeState(testRoot, "ignterm",
                            "<domstatus state='shutoff' reason='destroyed' phase='inactive'/>\n"))
        goto cleanup;
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

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "delaygrace");
    start = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) < 0)
        goto cleanup;
    if (!testTookBetween("graceful destroy", testSecondsSince(start), 0.1,
                         TEST_GRACEFUL_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testProcessAlive(pid) || !testQemuLogShowsSigterm(testRoot, "delaygrace") ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
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
    gint64 start;
    pid_t pid = 0;
    int ret = -1;

    if (!dom)
        return -1;
    pid = testQemuDomainPid(testRoot, "delaylong");
    before = testQemuStatusFile(testRoot, "delaylong");

    first = g_get_monotonic_time();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virTestDiag("graceful destroy did not time out");
        goto cleanup;
    }
    if (!testTookBetween("failed graceful destroy", testSecondsSince(first),
                         TEST_GRACEFUL_TIMEOUT, TEST_GRACEFUL_TIMEOUT + TEST_SLACK) ||
        testQemuCheckError(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: failed to kill qemu process with SIGTERM") < 0)
        goto cleanup;
    after = testQemuStatusFile(testRoot, "delaylong");
    if (!testProcessAlive(pid) || STRNEQ_NULLABLE(before, after) ||
        !testQemuLogShowsSigterm(testRoot, "delaylong") ||
        testQemuCheckState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroy(dom) < 0)
        goto cleanup;
    if (!testTookBetween("default destroy", testSecondsSince(start),
                         TEST_TERM_TIMEOUT, TEST_TERM_TIMEOUT + TEST_SLACK))
        goto cleanup;
    /* Gone before the stub's own 3 s: killed. */
    if (testProcessAlive(pid) || testSecondsSince(first) >= 3.0 ||
        testQemuCheckState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0) {
        virTestDiag("QEMU ended %.3f s after the first SIGTERM", testSecondsSince(first));
        goto cleanup;
    }
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

    if (!quick || !slow)
        goto cleanup;
    quickPid = testQemuDomainPid(testRoot, "delayquick");
    slowPid = testQemuDomainPid(testRoot, "delayslow");

    /* Back before SIGKILL would even be sent. */
    start = g_get_monotonic_time();
    if (virDomainDestroy(quick) < 0 ||
        !testTookBetween("destroy of a QEMU exiting in 100 ms",
                         testSecondsSince(start), 0.1, TEST_TERM_TIMEOUT))
        goto cleanup;
    if (testProcessAlive(quickPid) || !testQemuLogShowsSigterm(testRoot, "delayquick") ||
        testQemuCheckState(quick, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;

    start = g_get_monotonic_time();
    if (virDomainDestroy(slow) < 0 ||
        !testTookBetween("destroy of a QEMU exiting in 3 s", testSecondsSince(start),
                         TEST_TERM_TIMEOUT, TEST_TERM_TIMEOUT + TEST_SLACK))
        goto cleanup;
    if (testProcessAlive(slowPid) || !testQemuLogShowsSigterm(testRoot, "delayslow") ||
        testQemuCheckState(slow, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testQemuCleanup(quick, quickPid);
    testQemuCleanup(slow, slowPid);
    return ret;
}


#define DO_TEST(title, body, data) \
    do { \
        if (virTestRun(title, body, data) < 0) \
            ret = -1; \
    } while (0)

static int
mymain(void)
{
    g_autofree char *conf = g_strdup_printf("destroy_term_timeout = %g\n"
                                            "destroy_kill_timeout = %g\n"
                                            "destroy_graceful_timeout = %g\n"
                                            "start_timeout = %g\n",
                                            TEST_TERM_TIMEOUT, TEST_KILL_TIMEOUT,
                                            TEST_GRACEFUL_TIMEOUT, TEST_START_TIMEOUT);
    int ret = 0;

    if (!(testConn = testQemuConnectNew(conf, true, &testRoot, &testURI)))
        return -1;
    testStubs = testQemuStubDir(testStubNames);
    if (testQemuStubFixtures(testConn, testStubs, testStubNames) < 0)
        return -1;

    DO_TEST("ignores SIGTERM: graceful fails in time, changes nothing; default kills",
            testIgnoreTerm, NULL);
    DO_TEST("exits 100 ms after SIGTERM: graceful destroy succeeds",
            testTermDelayGraceful, NULL);
    DO_TEST("exits 3 s after SIGTERM: graceful fails, default kills",
            testTermDelayTooLong, NULL);
    DO_TEST("default destroy escalates only after the term timeout",
            testTermDelayDefault, NULL);
    DO_TEST("no domain and no process left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
