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


static int
testCheck(const char *name, testReliabExpect defined, testReliabExpect active)
{
    g_autoptr(GString) problems = g_string_new(NULL);

    if (testReliabCheckRoot(testRoot, testURI, name, defined, active, problems) > 0) {
        virTestDiag("%s", problems->str);
        return -1;
    }
    return 0;
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
    int done;
    int ret = 0;

    if (!dom)
        return -1;
    for (done = 0; done < rounds && ret == 0; done++) {
        const char *op = done % 2 ? "destroy-graceful" : "destroy";
        testRaceResult a = { 0 }, b = { 0 };
        int state = -1, reason = -1;
        pid_t pid;

        if (virDomainCreate(dom) < 0)
            return -1;
        pid = testQemuDomainPid(testRoot, "race");
        if (testRaceRun("race", op, 0, op, 0, &a, &b) < 0) {
            ret = -1;
        } else if ((a.ok && testIsNotRunning(&b)) || (b.ok && testIsNotRunning(&a))) {
            oneWon++;
            winner[done] = a.ok ? a.seconds : b.seconds;
            loser[done] = a.ok ? b.seconds : a.seconds;
        } else {
            virTestDiag("round %d (%s): %s %d '%s' / %s %d '%s'", done, op,
                        a.ok ? "ok" : "error", a.code, NULLSTR(a.message),
                        b.ok ? "ok" : "error", b.code, NULLSTR(b.message));
            ret = -1;
        }
        if (testProcessAlive(pid) ||
            virDomainGetState(dom, &state, &reason, 0) < 0 ||
            state != VIR_DOMAIN_SHUTOFF || reason != VIR_DOMAIN_SHUTOFF_DESTROYED) {
            virTestDiag("round %d: QEMU alive %d, state %d/%d", done,
                        testProcessAlive(pid), state, reason);
            ret = -1;
        }
        if (testCheck("race", TEST_RELIAB_YES, TEST_RELIAB_NO) < 0)
            ret = -1;
        testRaceResultClear(&a);
        testRaceResultClear(&b);
    }

    fig = testReliabFigureNew("races.destroy", "two processes destroy the same domain");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "rounds_exactly_one_succeeded", oneWon);
    testReliabFigureDouble(fig, "winner_median_s", testReliabMedian(winner, oneWon));
    testReliabFigureDouble(fig, "loser_median_s", testReliabMedian(loser, oneWon));
    testReliabFigureSave(fig);

    virDomainUndefine(dom);
    virDomainFree(dom);
    return ret;
}


static int
testStartVsDestroy(const void *data G_GNUC_UNUSED)
{
    int rounds = testReliabRounds(5, 50);
    g_autofree char *xml = testQemuDomainXML("svd", NULL, NULL);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    gint64 startUs = 100000;
    testReliabFigure *fig;
    int destroyed = 0, notRunning = 0, stillStarting = 0;
    int done;
    int ret = 0;

    if (!dom)
        return -1;
    for (done = 0; done < rounds && ret == 0; done++) {
        testRaceResult a = { 0 }, b = { 0 };
        gint64 delay = testReliabRandom(0, startUs);
        bool startLate = testReliabRandom(0, 1);
        testReliabExpect active = TEST_RELIAB_YES;

        /* Either one goes first, by up to a start's duration. */
        if (testRaceRun("svd", "start", startLate ? delay : 0,
                        "destroy", startLate ? 0 : delay, &a, &b) < 0)
            return -1;
        if (!a.ok) {
            virTestDiag("round %d: the start failed: %s", done, NULLSTR(a.message));
            ret = -1;
        } else {
            startUs = (gint64)(a.seconds * 1e6);
        }
        if (b.ok) {
            destroyed++;
            active = TEST_RELIAB_NO;
        } else if (testIsNotRunning(&b)) {
            notRunning++;
        } else if (b.code == VIR_ERR_OPERATION_INVALID && b.message &&
                   strstr(b.message, "still starting")) {
            stillStarting++;
        } else {
            virTestDiag("round %d: the destroy failed: %d %s", done, b.code,
                        NULLSTR(b.message));
            ret = -1;
        }
        if (testCheck("svd", TEST_RELIAB_YES, active) < 0)
            ret = -1;
        if (virDomainIsActive(dom) == 1 && virDomainDestroy(dom) < 0)
            ret = -1;
        testReapChildren();
        testRaceResultClear(&a);
        testRaceResultClear(&b);
    }

    fig = testReliabFigureNew("races.start_destroy",
                              "a start and a destroy of the same domain at once");
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "destroy_succeeded", destroyed);
    testReliabFigureInt(fig, "destroy_found_not_running", notRunning);
    testReliabFigureInt(fig, "destroy_found_still_starting", stillStarting);
    testReliabFigureInt(fig, "rounds_consistent", ret == 0 ? done : -1);
    testReliabFigureSave(fig);

    virDomainUndefine(dom);
    virDomainFree(dom);
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
    int done;
    int ret = 0;

    for (done = 0; done < rounds && ret == 0; done++) {
        testRaceResult a = { 0 }, b = { 0 };
        gint64 delay = testReliabRandom(0, startUs);
        bool startLate = testReliabRandom(0, 1);
        virDomainPtr dom;
        virDomainPtr again;

        if (!(dom = virDomainDefineXML(testConn, xml)))
            return -1;
        if (testRaceRun("uvs", "start", startLate ? delay : 0,
                        "undefine", startLate ? 0 : delay, &a, &b) < 0) {
            virDomainFree(dom);
            return -1;
        }
        if (!b.ok) {
            virTestDiag("round %d: the undefine failed: %s", done, NULLSTR(b.message));
            ret = -1;
        } else if (a.ok) {
            /* Started first: it runs on, transient, and is forgotten
             * once stopped. */
            transient++;
            startUs = (gint64)(a.seconds * 1e6);
            if (testCheck("uvs", TEST_RELIAB_NO, TEST_RELIAB_YES) < 0 ||
                virDomainIsPersistent(dom) != 0 || virDomainDestroy(dom) < 0)
                ret = -1;
            if ((again = virDomainLookupByName(testConn, "uvs"))) {
                virTestDiag("round %d: a stopped transient domain is still known", done);
                virDomainFree(again);
                ret = -1;
            }
        } else if (a.code == VIR_ERR_NO_DOMAIN) {
            undefinedFirst++;
            if (testCheck("uvs", TEST_RELIAB_NO, TEST_RELIAB_NO) < 0)
                ret = -1;
        } else {
            virTestDiag("round %d: the start failed: %d %s", done, a.code,
                        NULLSTR(a.message));
            ret = -1;
        }
        virResetLastError();
        virDomainFree(dom);
        testReapChildren();
        testRaceResultClear(&a);
        testRaceResultClear(&b);
    }

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

    virSetErrorFunc(NULL, testQemuQuietErrors);
    testRoot = testQemuRootNew(TEST_QEMU_CONF, &testURI);
    if (!(testConn = virConnectOpen(testURI))) {
        virTestDiag("cannot open %s: %s", testURI, virGetLastErrorMessage());
        return -1;
    }

    ret |= virTestRun("two processes destroy at once: exactly one succeeds",
                      testTwoDestroyers, NULL);
    ret |= virTestRun("start racing destroy ends consistent", testStartVsDestroy, NULL);
    ret |= virTestRun("undefine racing start ends consistent", testUndefineVsStart, NULL);

    virConnectClose(testConn);
    testReapChildren();
    return ret;
}

VIR_TEST_MAIN(mymain)
