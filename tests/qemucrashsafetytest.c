/*
 * qemucrashsafetytest.c: the process calling the API is killed with
 * SIGKILL at random moments of define, start, destroy and undefine;
 * afterwards nothing is lost or left half-done (real QEMU)
 *
 * A worker (qemureliabworker cycle) defines, starts, destroys and
 * undefines one domain over and over and tells, through a pipe, which
 * call it begins and which it finished.  Each trial picks the call to
 * interrupt in turn and a random moment within that call's last
 * duration; the worker kills itself (SIGKILL) that long after
 * it begins the call, which is precise where a kill from here would
 * land late.  Then
 * a new connection (which reconciles, as any later process would)
 * must find: every definition and status file whole; no QEMU without
 * a domain that owns it; no active domain without its QEMU; no lock
 * held; the domain defined and running exactly when the calls the
 * worker finished say so, and either way for the call it was killed
 * in.  Finally the domain must destroy and undefine normally.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsreliab.h"
#include "virfile.h"

#define TEST_NAME "crashme"

static char *testRoot;
static char *testURI;

typedef enum {
    TEST_OP_DEFINE,
    TEST_OP_START,
    TEST_OP_DESTROY,
    TEST_OP_UNDEFINE,

    TEST_OP_LAST
} testOp;

static const char testOpBegin[TEST_OP_LAST] = { 'D', 'S', 'X', 'U' };
static const char testOpEnd[TEST_OP_LAST] = { 'd', 's', 'x', 'u' };
static const char *const testOpName[TEST_OP_LAST] = {
    "define", "start", "destroy", "undefine",
};

typedef struct {
    /* How long each call took the last time, in microseconds: kills
     * land anywhere in [0, this] after the call begins. */
    gint64 duration[TEST_OP_LAST];
    /* Trials whose kill landed inside the call, per call, and those
     * that landed after it had returned. */
    int during[TEST_OP_LAST];
    int after[TEST_OP_LAST];
    int trials;
    int problems;
    int failedTrials;
} testCrashStats;


static int
testOpFromMarker(char c, bool *retBegin)
{
    for (int op = 0; op < TEST_OP_LAST; op++) {
        if (c == testOpBegin[op] || c == testOpEnd[op]) {
            *retBegin = c == testOpBegin[op];
            return op;
        }
    }
    return -1;
}


/* What the last marker says about the domain: is it defined, is it
 * running? */
static void
testExpectAfter(char last, testReliabExpect *defined, testReliabExpect *active)
{
    *defined = TEST_RELIAB_NO;
    *active = TEST_RELIAB_NO;
    switch (last) {
    case 'D':   /* define under way: either */
        *defined = TEST_RELIAB_MAYBE;
        break;
    case 'd':
        *defined = TEST_RELIAB_YES;
        break;
    case 'S':   /* start under way: undone, or finished */
        *defined = TEST_RELIAB_YES;
        *active = TEST_RELIAB_MAYBE;
        break;
    case 's':
        *defined = TEST_RELIAB_YES;
        *active = TEST_RELIAB_YES;
        break;
    case 'X':
        *defined = TEST_RELIAB_YES;
        *active = TEST_RELIAB_MAYBE;
        break;
    case 'x':
        *defined = TEST_RELIAB_YES;
        break;
    case 'U':
        *defined = TEST_RELIAB_MAYBE;
        break;
    case 'u':
    case 0:     /* killed before its first call */
    default:
        break;
    }
}


/* One trial: a worker runs define, start, destroy and undefine in a
 * loop and is killed @target's duration at random into the cycle;
 * the root it leaves must be consistent with its last marker. */
static int
testCrashTrial(const char *xmlfile, testOp target, testCrashStats *stats)
{
    g_autofree char *delayStr = NULL;
    const char *argv[] = { "cycle", testURI, TEST_NAME, xmlfile,
                           testOpName[target], NULL, NULL };
    g_autoptr(GString) problems = g_string_new(NULL);
    g_autoptr(GString) trace = g_string_new(NULL);
    testReliabExpect defined, active;
    int markers[2] = { -1, -1 };
    bool reset = false;
    char last = 0;
    gint64 delay;
    int status = -1;
    pid_t pid = -1;
    bool isBegin;
    int op;
    int n;
    int ret = -1;

    delay = testReliabRandom(0, stats->duration[target]);
    argv[5] = delayStr = g_strdup_printf("%lld", (long long)delay);
    TEST_ASSERT_OK(pipe2(markers, O_CLOEXEC));
    TEST_ASSERT_OK(pid = testReliabWorkerSpawn(argv, markers[1], NULL));
    virForceClose(&markers[1]);

    /* Markers until it dies; the end markers carry each call's
     * duration. */
    for (;;) {
        g_autofree char *line = testReliabReadLine(markers[0], 60000);

        if (!line)
            break;
        for (const char *p = line; *p; p++) {
            if ((op = testOpFromMarker(*p, &isBegin)) < 0)
                continue;
            last = *p;
            g_string_append_c(trace, *p);
            if (!isBegin) {
                stats->duration[op] = g_ascii_strtoll(p + 1, NULL, 10);
                break;
            }
        }
        if (strchr(line, 'E'))
            last = 'E';
    }
    virForceClose(&markers[0]);
    TEST_ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
    pid = -1;
    /* It died by its SIGKILL, not by an error of its own. */
    TEST_ASSERT_KILLED(status, SIGKILL);
    TEST_ASSERT_MSG(last != 'E', "the worker failed before its SIGKILL (markers %s)",
                    trace->str);

    op = testOpFromMarker(last, &isBegin);
    if (op >= 0 && isBegin)
        stats->during[op]++;
    else if (op >= 0)
        stats->after[op]++;
    stats->trials++;

    testExpectAfter(last, &defined, &active);
    n = testReliabCheckRoot(testRoot, testURI, TEST_NAME, defined, active, problems);
    reset = true;
    if (testReliabResetDomain(testURI, TEST_NAME) < 0) {
        g_string_append(problems, "the domain cannot be destroyed and undefined\n");
        n++;
    }
    stats->problems += n;
    TEST_ASSERT_MSG(n == 0, "killed %.3f ms into %s (markers %s):\n%s",
                    delay / 1000.0, testOpName[target], trace->str, problems->str);
    ret = 0;

 cleanup:
    virForceClose(&markers[0]);
    virForceClose(&markers[1]);
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    if (!reset)
        testReliabResetDomain(testURI, TEST_NAME);
    testReapChildren();
    if (ret < 0)
        stats->failedTrials++;
    return ret;
}


static int
testCrashSafety(const void *data G_GNUC_UNUSED)
{
    int trials = testReliabRounds(12, 240);
    g_autofree char *xml = testQemuDomainXML(TEST_NAME, NULL, NULL);
    g_autofree char *xmlfile = g_build_filename(testRoot, "crashme.xml", NULL);
    testCrashStats stats = {
        /* First guesses, replaced by what is measured. */
        .duration = { 5000, 200000, 20000, 5000 },
    };
    testReliabFigure *fig;
    int ret = -1;

    TEST_ASSERT(g_file_set_contents(xmlfile, xml, -1, NULL));
    /* A failed trial has reported itself; the others still run, to
     * show how often it happens, but stop early on a broken setup
     * rather than repeat it. */
    for (int i = 0; i < trials && stats.failedTrials < 5; i++)
        testCrashTrial(xmlfile, i % TEST_OP_LAST, &stats);
    TEST_ASSERT_MSG(stats.failedTrials == 0, "%d of %d trials failed",
                    stats.failedTrials, stats.trials);
    ret = 0;

 cleanup:
    fig = testReliabFigureNew("crashsafety", "the API caller killed with SIGKILL");
    testReliabFigureInt(fig, "trials", stats.trials);
    for (int op = 0; op < TEST_OP_LAST; op++) {
        g_autofree char *during = g_strdup_printf("killed_during_%s", testOpName[op]);
        g_autofree char *after = g_strdup_printf("killed_after_%s", testOpName[op]);
        g_autofree char *dur = g_strdup_printf("last_%s_ms", testOpName[op]);

        testReliabFigureInt(fig, during, stats.during[op]);
        testReliabFigureInt(fig, after, stats.after[op]);
        testReliabFigureDouble(fig, dur, stats.duration[op] / 1000.0);
    }
    testReliabFigureInt(fig, "trials_with_problems", stats.failedTrials);
    testReliabFigureInt(fig, "problems", stats.problems);
    testReliabFigureSave(fig);
    return ret;
}


/*
 * The next open removes the temporary files of interrupted atomic
 * writes, but not one whose lock is held (its writer is alive), nor
 * files it does not know.
 */
static int
testStaleTemps(const void *data G_GNUC_UNUSED)
{
    g_autofree char *uri = NULL;
    g_autofree char *root = testQemuRootNew(TEST_QEMU_CONF, &uri);
    g_autofree char *lockPath = g_strdup_printf("%s/run/qemu/busy.lock", root);
    struct {
        const char *path;
        bool removed;
    } files[] = {
        { "etc/qemu/ghost.xml.new-Ab3dEf", true },
        { "run/qemu/ghost.xml.new-Gh1jKl", true },
        { "run/qemu/next-id.new-Mn0pQr", true },
        { "etc/qemu/busy.xml.new-St2vWx", false },
        { "run/qemu/busy.xml.new-Yz4aBc", false },
        { "etc/qemu/notes.txt.new-De5fGh", false },
        { "etc/qemu/short.xml.new-1", false },
        { "etc/qemu/etc-next-id.new-Ij6kLm", false },
    };
    virConnectPtr conn = NULL;
    VIR_AUTOCLOSE lockfd = -1;
    int ret = -1;

    /* The first open makes the directories. */
    TEST_ASSERT_NONNULL(conn = virConnectOpen(uri));
    g_clear_pointer(&conn, virConnectClose);
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(root, files[i].path, NULL);

        TEST_ASSERT(g_file_set_contents(path, "<domain", -1, NULL));
    }
    /* A writer of busy.xml holds busy's lock. */
    TEST_ASSERT_OK(lockfd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    TEST_ASSERT_OK(flock(lockfd, LOCK_EX));

    TEST_ASSERT_NONNULL(conn = virConnectOpen(uri));
    g_clear_pointer(&conn, virConnectClose);
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(root, files[i].path, NULL);

        TEST_ASSERT_MSG(g_file_test(path, G_FILE_TEST_EXISTS) != files[i].removed,
                        "%s was %s", files[i].path, files[i].removed ? "kept" : "removed");
    }
    ret = 0;

 cleanup:
    if (conn)
        virConnectClose(conn);
    return ret;
}



static int
mymain(void)
{
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    testRoot = testQemuRootNew(TEST_QEMU_CONF, &testURI);

    ret |= virTestRun("an open removes interrupted atomic writes, not live ones",
                      testStaleTemps, NULL);
    ret |= virTestRun("SIGKILL of the caller during define, start, destroy, "
                      "undefine leaves a consistent root", testCrashSafety, NULL);
    testReapChildren();
    return ret;
}

VIR_TEST_MAIN(mymain)
