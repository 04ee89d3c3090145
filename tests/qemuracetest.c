/*
 * qemuracetest.c: processes racing each other on one domain (real QEMU)
 *
 * Two worker processes (qemureliabworker op) open the root and look the
 * domain up, then wait at a barrier that releases both at once:
 *
 * - two destroys: exactly one succeeds, the other is told "domain is
 *   not running", QEMU is gone and the domain is shut off, destroyed;
 * - a start and a destroy, one released a random moment after the
 *   other: the start succeeds, the destroy succeeds or finds the
 *   domain not (yet) running, and the root ends consistent either way;
 * - a start and an undefine: either the undefine comes first and the
 *   start finds no domain, or the domain runs and becomes transient;
 *   consistent either way, and a transient one is forgotten when it
 *   stops.
 *
 * (qemudestroytest.c races two threads of one process; these are
 * separate processes, as two virsh would be.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsreliab.h"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;

typedef struct {
    bool ok;
    int code;
    double seconds;
    char *message;
} testRaceResult;


static void
testRaceResultClear(testRaceResult *res)
{
    g_clear_pointer(&res->message, g_free);
}


/* "ok SECONDS" or "error CODE SECONDS MESSAGE". */
static int
testRaceParse(const char *out, testRaceResult *res)
{
    g_auto(GStrv) lines = g_strsplit(out ? out : "", "\n", -1);
    const char *last = NULL;

    for (size_t i = 0; lines[i]; i++) {
        if (*lines[i] && STRNEQ(lines[i], "ready"))
            last = lines[i];
    }
    if (!last)
        return -1;
    if (g_str_has_prefix(last, "ok ")) {
        res->ok = true;
        res->seconds = g_ascii_strtod(last + 3, NULL);
        return 0;
    }
    if (g_str_has_prefix(last, "error ")) {
        g_auto(GStrv) f = g_strsplit(last + 6, " ", 3);

        if (g_strv_length(f) < 3)
            return -1;
        res->ok = false;
        res->code = (int)g_ascii_strtoll(f[0], NULL, 10);
        res->seconds = g_ascii_strtod(f[1], NULL);
        res->message = g_strdup(f[2]);
        return 0;
    }
    return -1;
}


/*
 * Runs OP A and OP B on @name in two workers released together, after
 * @delayA and @delayB more microseconds.
 */
static int
testRaceRun(const char *name, const char *opA, gint64 delayA, const char *opB,
            gint64 delayB, testRaceResult *resA, testRaceResult *resB)
{
    g_autofree char *delayStrA = g_strdup_printf("%lld", (long long)delayA);
    g_autofree char *delayStrB = g_strdup_printf("%lld", (long long)delayB);
    const char *argvA[] = { "op", testURI, name, opA, delayStrA, NULL };
    const char *argvB[] = { "op", testURI, name, opB, delayStrB, NULL };
    g_autofree char *outA = NULL;
    g_autofree char *outB = NULL;
    g_autofree char *readyA = NULL;
    g_autofree char *readyB = NULL;
    g_autofree char *restA = NULL;
    g_autofree char *restB = NULL;
    int barrier[2];
    int fdA = -1, fdB = -1;
    pid_t a, b;
    int ret = 0;

    if (pipe2(barrier, O_CLOEXEC) < 0)
        return -1;
    a = testReliabWorkerSpawn(argvA, barrier[0], &fdA);
    b = testReliabWorkerSpawn(argvB, barrier[0], &fdB);
    close(barrier[0]);
    if (a < 0 || b < 0) {
        close(barrier[1]);
        return -1;
    }
    /* Both have opened the root and found the domain. */
    readyA = testReliabReadLine(fdA, 30000);
    readyB = testReliabReadLine(fdB, 30000);
    close(barrier[1]);

    restA = testReliabWorkerFinish(a, fdA, NULL);
    restB = testReliabWorkerFinish(b, fdB, NULL);
    outA = g_strconcat(NULLSTR_EMPTY(readyA), "\n", NULLSTR_EMPTY(restA), NULL);
    outB = g_strconcat(NULLSTR_EMPTY(readyB), "\n", NULLSTR_EMPTY(restB), NULL);
    if (testRaceParse(outA, resA) < 0 || testRaceParse(outB, resB) < 0) {
        virTestDiag("workers printed:\n%s\n%s", outA, outB);
        ret = -1;
    }
    testReapChildren();
    return ret;
}


static bool
testIsNotRunning(const testRaceResult *res)
{
    return !res->ok && res->code == VIR_ERR_OPERATION_INVALID &&
           res->message && strstr(res->message, "domain is not running");
}


/* One round of two destroyers: exactly one succeeds; QEMU is gone and
 * the domain shut off, destroyed; the root is consistent. */
static int
testTwoDestroyersRound(virDomainPtr dom, int round, double *retWinner,
                       double *retLoser)
{
    const char *op = round % 2 ? "destroy-graceful" : "destroy";
    testRaceResult a = { 0 }, b = { 0 };
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "race");
    TEST_ASSERT_OK(testRaceRun("race", op, 0, op, 0, &a, &b));
    TEST_ASSERT_MSG((a.ok && testIsNotRunning(&b)) || (b.ok && testIsNotRunning(&a)),
                    "round %d (%s): %s %d '%s' / %s %d '%s'", round, op,
                    a.ok ? "ok" : "error", a.code, NULLSTR(a.message),
                    b.ok ? "ok" : "error", b.code, NULLSTR(b.message));
    *retWinner = a.ok ? a.seconds : b.seconds;
    *retLoser = a.ok ? b.seconds : a.seconds;
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    TEST_ASSERT_ROOT_CONSISTENT(testRoot, testURI, "race", TEST_RELIAB_YES, TEST_RELIAB_NO);
    ret = 0;

 cleanup:
    testRaceResultClear(&a);
    testRaceResultClear(&b);
    return ret;
}


static int
testTwoDestroyers(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(5, 60);
    g_autofree char *xml = testQemuDomainXML("race", NULL, NULL);
    g_autofree double *winner = g_new0(double, rounds);
    g_autofree double *loser = g_new0(double, rounds);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    testReliabFigure *fig;
    int oneWon = 0;
    int done = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    while (done < rounds) {
        int round = done++;

        TEST_ASSERT_OK(testTwoDestroyersRound(dom, round, &winner[oneWon], &loser[oneWon]));
        oneWon++;
    }
    ret = 0;

 cleanup:
    fig = testReliabFigureNew("races.destroy", "two processes destroy the same domain");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "rounds_exactly_one_succeeded", oneWon);
    testReliabFigureDouble(fig, "winner_median_s", testReliabMedian(winner, oneWon));
    testReliabFigureDouble(fig, "loser_median_s", testReliabMedian(loser, oneWon));
    testReliabFigureSave(fig);

    testQemuCleanup(dom, 0);
    return ret;
}


typedef struct {
    gint64 startUs;      /* how long a start took last */
    int destroyed;
    int notRunning;
    int stillStarting;
} testStartVsDestroyStats;

/* One round of a start and a destroy, either one released first by up
 * to a start's duration: the start succeeds, the destroy succeeds or
 * finds the domain not (yet) running; the root is consistent. */
static int
testStartVsDestroyRound(virDomainPtr dom, int round, testStartVsDestroyStats *st)
{
    testRaceResult a = { 0 }, b = { 0 };
    gint64 delay = testReliabRandom(0, st->startUs);
    bool startLate = testReliabRandom(0, 1);
    testReliabExpect active = TEST_RELIAB_YES;
    int ret = -1;

    TEST_ASSERT_OK(testRaceRun("svd", "start", startLate ? delay : 0,
                               "destroy", startLate ? 0 : delay, &a, &b));
    TEST_ASSERT_MSG(a.ok, "round %d: the start failed: %s", round, NULLSTR(a.message));
    st->startUs = (gint64)(a.seconds * 1e6);
    if (b.ok) {
        st->destroyed++;
        active = TEST_RELIAB_NO;
    } else if (testIsNotRunning(&b)) {
        st->notRunning++;
    } else {
        TEST_ASSERT_MSG(b.code == VIR_ERR_OPERATION_INVALID && b.message &&
                        strstr(b.message, "still starting"),
                        "round %d: the destroy failed: %d %s", round, b.code,
                        NULLSTR(b.message));
        st->stillStarting++;
    }
    TEST_ASSERT_ROOT_CONSISTENT(testRoot, testURI, "svd", TEST_RELIAB_YES, active);
    if (virDomainIsActive(dom) == 1)
        TEST_ASSERT_OK(virDomainDestroy(dom));
    ret = 0;

 cleanup:
    testReapChildren();
    testRaceResultClear(&a);
    testRaceResultClear(&b);
    return ret;
}


static int
testStartVsDestroy(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(5, 50);
    g_autofree char *xml = testQemuDomainXML("svd", NULL, NULL);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    testStartVsDestroyStats st = { .startUs = 100000 };
    testReliabFigure *fig;
    int done = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    while (done < rounds) {
        int round = done++;

        TEST_ASSERT_OK(testStartVsDestroyRound(dom, round, &st));
    }
    ret = 0;

 cleanup:
    fig = testReliabFigureNew("races.start_destroy",
                              "a start and a destroy of the same domain at once");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "destroy_succeeded", st.destroyed);
    testReliabFigureInt(fig, "destroy_found_not_running", st.notRunning);
    testReliabFigureInt(fig, "destroy_found_still_starting", st.stillStarting);
    testReliabFigureInt(fig, "rounds_consistent", ret == 0 ? done : -1);
    testReliabFigureSave(fig);

    testQemuCleanup(dom, 0);
    return ret;
}


/* One round of an undefine and a start: either the undefine comes
 * first and the start finds no domain, or the domain runs on,
 * transient, and is forgotten once stopped; the root is consistent
 * either way. */
static int
testUndefineVsStartRound(const char *xml, int round, gint64 *startUs,
                         int *transient, int *undefinedFirst)
{
    testRaceResult a = { 0 }, b = { 0 };
    gint64 delay = testReliabRandom(0, *startUs);
    bool startLate = testReliabRandom(0, 1);
    virDomainPtr dom = NULL;
    virDomainPtr again = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(testConn, xml));
    TEST_ASSERT_OK(testRaceRun("uvs", "start", startLate ? delay : 0,
                               "undefine", startLate ? 0 : delay, &a, &b));
    TEST_ASSERT_MSG(b.ok, "round %d: the undefine failed: %s", round, NULLSTR(b.message));
    if (a.ok) {
        /* Started first: it runs on, transient, and is forgotten
         * once stopped. */
        (*transient)++;
        *startUs = (gint64)(a.seconds * 1e6);
        TEST_ASSERT_ROOT_CONSISTENT(testRoot, testURI, "uvs", TEST_RELIAB_NO, TEST_RELIAB_YES);
        TEST_ASSERT_EQ_INT(virDomainIsPersistent(dom), 0);
        TEST_ASSERT_OK(virDomainDestroy(dom));
        TEST_ASSERT_MSG(!(again = virDomainLookupByName(testConn, "uvs")),
                        "round %d: a stopped transient domain is still known", round);
    } else {
        TEST_ASSERT_MSG(a.code == VIR_ERR_NO_DOMAIN, "round %d: the start failed: %d %s",
                        round, a.code, NULLSTR(a.message));
        (*undefinedFirst)++;
        TEST_ASSERT_ROOT_CONSISTENT(testRoot, testURI, "uvs", TEST_RELIAB_NO, TEST_RELIAB_NO);
    }
    ret = 0;

 cleanup:
    virResetLastError();
    if (again)
        virDomainFree(again);
    if (dom)
        virDomainFree(dom);
    testReapChildren();
    testRaceResultClear(&a);
    testRaceResultClear(&b);
    return ret;
}


static int
testUndefineVsStart(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(5, 50);
    g_autofree char *xml = testQemuDomainXML("uvs", NULL, NULL);
    gint64 startUs = 100000;
    testReliabFigure *fig;
    int transient = 0, undefinedFirst = 0;
    int done = 0;
    int ret = -1;

    while (done < rounds) {
        int round = done++;

        TEST_ASSERT_OK(testUndefineVsStartRound(xml, round, &startUs, &transient,
                                                &undefinedFirst));
    }
    ret = 0;

 cleanup:
    fig = testReliabFigureNew("races.undefine_start",
                              "an undefine and a start of the same domain at once");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "started_then_transient", transient);
    testReliabFigureInt(fig, "undefined_before_start", undefinedFirst);
    testReliabFigureInt(fig, "rounds_consistent", ret == 0 ? done : -1);
    testReliabFigureSave(fig);
    return ret;
}



static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("two processes destroy at once: exactly one succeeds",
                      testTwoDestroyers, NULL);
    ret |= virTestRun("start racing destroy ends consistent", testStartVsDestroy, NULL);
    ret |= virTestRun("undefine racing start ends consistent", testUndefineVsStart, NULL);

    virConnectClose(testConn);
    testReapChildren();
    return ret;
}

VIR_TEST_MAIN(mymain)
