/*
 * qemudatasafetytest.c: nothing QEMU acknowledged is lost when a
 * domain is destroyed (real QEMU, TCG, qcow2)
 *
 * Each round writes 16 patterns of 4 MiB through the running QEMU into
 * a fresh qcow2 image (QMP human-monitor-command "qemu-io", each write
 * acknowledged), stops QEMU, then checks the image with "qemu-img
 * check" and reads every pattern back with qemu-io.  A clean check
 * alone proves nothing: a SIGKILL loses the new clusters' mappings and
 * leaves an image that checks clean.  So the SIGKILL rounds are run as
 * well, as the figure the contract is measured against.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/stat.h>

#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsreliab.h"

#define TEST_PATTERNS 16
#define TEST_PATTERN_SIZE (4LL * 1024 * 1024)
/*
 * The device our argv gives the only disk, an IDE disk: qemu-io writes
 * through the device's block backend, as the guest does.  Not virtio:
 * QEMU switches a virtio disk to write-through when the guest driver
 * (here SeaBIOS, there is no OS) did not negotiate flush support, which
 * would make every write durable at once and prove nothing.  An IDE
 * disk keeps the write cache it was given (write-cache=on).
 */
#define TEST_DEVICE "ide0-0-0"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;

typedef enum {
    TEST_STOP_DESTROY,          /* virDomainDestroy */
    TEST_STOP_GRACEFUL,         /* VIR_DOMAIN_DESTROY_GRACEFUL */
    TEST_STOP_SIGKILL,          /* what the contract protects against */
} testStopHow;

typedef struct {
    const char *cache;
    testStopHow how;
    const char *id;
    const char *title;
    int quick;
    int full;
} testDataMode;

typedef struct {
    int intact;                 /* patterns read back exactly */
    int checkStatus;            /* qemu-img check's exit status */
    long long leaks;
    long long corruptions;
    long long checkErrors;
    double stopSeconds;         /* the destroy call, or kill to exit */
} testDataRound;


static char *
testDataImage(void)
{
    return g_strdup_printf("%s/lib/qemu/data.qcow2", testRoot);
}


static char *
testDataXML(const char *cache)
{
    g_autofree char *image = testDataImage();
    g_autofree char *disk = g_strdup_printf(
        "    <disk type='file' device='disk'>\n"
        "      <driver name='qemu' type='qcow2' cache='%s'/>\n"
        "      <source file='%s'/>\n"
        "      <target dev='hda' bus='ide'/>\n"
        "    </disk>\n", cache, image);

    return testQemuDomainXML("data", NULL, disk);
}


/* The domain's log from @offset on ("" if there is none). */
static char *
testDataLogFrom(off_t offset)
{
    g_autofree char *path = g_strdup_printf("%s/log/qemu/data.log", testRoot);
    g_autofree char *log = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &log, &len, NULL) || (gsize)offset > len)
        return g_strdup("");
    return g_strdup(log + offset);
}


static off_t
testDataLogSize(void)
{
    g_autofree char *path = g_strdup_printf("%s/log/qemu/data.log", testRoot);
    struct stat sb;

    return stat(path, &sb) == 0 ? sb.st_size : 0;
}


static int
testDataCount(const char *haystack, const char *needle)
{
    int n = 0;

    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}


static int
testDataMakeImage(void)
{
    g_autofree char *image = testDataImage();
    g_autofree char *out = NULL;
    const char *argv[] = { "qemu-img", "create", "-q", "-f", "qcow2", image,
                           "128M", NULL };

    unlink(image);
    if (testReliabRun(argv, &out) != 0) {
        virTestDiag("qemu-img create failed: %s", NULLSTR(out));
        return -1;
    }
    return 0;
}


/* qemu-img check: its status and its counts. */
static int
testDataCheckImage(testDataRound *res)
{
    g_autofree char *image = testDataImage();
    g_autofree char *out = NULL;
    const char *argv[] = { "qemu-img", "check", "--output=json", "-f", "qcow2",
                           image, NULL };
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *obj;

    res->checkStatus = testReliabRun(argv, &out);
    if (res->checkStatus < 0)
        return -1;
    if (!json_parser_load_from_data(parser, out, -1, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser))) {
        virTestDiag("qemu-img check printed: %s", out);
        return -1;
    }
    obj = json_node_get_object(json_parser_get_root(parser));
    res->leaks = json_object_get_int_member_with_default(obj, "leaks", 0);
    res->corruptions = json_object_get_int_member_with_default(obj, "corruptions", 0);
    res->checkErrors = json_object_get_int_member_with_default(obj, "check-errors", 0);
    return 0;
}


/* Reads every pattern back; counts those that are intact. */
static int
testDataReadBack(const unsigned int *patterns, testDataRound *res)
{
    g_autofree char *image = testDataImage();
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *out = NULL;
    int reads = 0;
    int failed = 0;
    int ret = -1;

    g_ptr_array_add(argv, g_strdup("qemu-io"));
    g_ptr_array_add(argv, g_strdup("-r"));
    g_ptr_array_add(argv, g_strdup("-f"));
    g_ptr_array_add(argv, g_strdup("qcow2"));
    for (int i = 0; i < TEST_PATTERNS; i++) {
        g_ptr_array_add(argv, g_strdup("-c"));
        g_ptr_array_add(argv, g_strdup_printf("read -P 0x%02x %lld %lld", patterns[i],
                                              i * TEST_PATTERN_SIZE, TEST_PATTERN_SIZE));
    }
    g_ptr_array_add(argv, g_strdup(image));
    g_ptr_array_add(argv, NULL);

    /* Its status is 1 when any pattern differs: count from the text. */
    TEST_ASSERT_OK(testReliabRun((const char *const *)argv->pdata, &out));
    for (const char *p = out; (p = strstr(p, "read ")); p++) {
        if (p == out || p[-1] == '\n')
            reads++;
    }
    for (const char *p = out; (p = strstr(p, "Pattern verification failed")); p++)
        failed++;
    TEST_ASSERT_MSG(reads == TEST_PATTERNS, "qemu-io read %d of %d patterns: %s",
                    reads, TEST_PATTERNS, out);
    res->intact = TEST_PATTERNS - failed;
    ret = 0;

 cleanup:
    return ret;
}


static int
testDataWritePatterns(const unsigned int *patterns)
{
    int ret = -1;

    for (int i = 0; i < TEST_PATTERNS; i++) {
        g_autofree char *cmd = g_strdup_printf("qemu-io -d %s \"write -P 0x%02x %lld %lld\"",
                                               TEST_DEVICE, patterns[i],
                                               i * TEST_PATTERN_SIZE,
                                               TEST_PATTERN_SIZE);
        g_autofree char *reply = NULL;

        /* The command returns once the write has completed.  qemu-io
         * prints its result on QEMU's stdout (the log, flushed when
         * QEMU exits); the reply carries only errors of the monitor
         * command itself. */
        TEST_ASSERT_OK(testReliabMonitorHMP(testConn, "data", cmd, &reply));
        TEST_ASSERT_MSG(!*g_strstrip(reply), "write %d not acknowledged: %s", i, reply);
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testDataRunRound(virDomainPtr dom, const testDataMode *mode, testDataRound *res)
{
    unsigned int patterns[TEST_PATTERNS];
    unsigned int base = testReliabRandom(0, 254);
    g_autofree char *log = NULL;
    off_t logStart = testDataLogSize();
    pid_t pid;
    gint64 start;
    int ret = -1;

    /* Distinct, never zero (a blank cluster reads as zeros). */
    for (int i = 0; i < TEST_PATTERNS; i++)
        patterns[i] = (base + i * 13) % 255 + 1;

    TEST_ASSERT_OK(testDataMakeImage());
    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "data");
    TEST_ASSERT_OK(testDataWritePatterns(patterns));

    start = g_get_monotonic_time();
    switch (mode->how) {
    case TEST_STOP_DESTROY:
    case TEST_STOP_GRACEFUL:
        TEST_ASSERT_OK(virDomainDestroyFlags(dom, mode->how == TEST_STOP_GRACEFUL ?
                                                  VIR_DOMAIN_DESTROY_GRACEFUL : 0));
        res->stopSeconds = testSecondsSince(start);
        TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
        /* QEMU ended on SIGTERM, never on SIGKILL, and it had
         * reported every write complete. */
        log = testDataLogFrom(logStart);
        TEST_ASSERT_MSG(testDataCount(log, "terminating on signal 15") == 1,
                        "QEMU's log of this run:\n%s", log);
        TEST_ASSERT_MSG(testDataCount(log, "wrote 4194304/4194304 bytes at offset") ==
                        TEST_PATTERNS, "QEMU's log of this run:\n%s", log);
        break;
    case TEST_STOP_SIGKILL:
        kill(pid, SIGKILL);
        TEST_ASSERT(testProcessWaitGone(pid, 10000));
        res->stopSeconds = testSecondsSince(start);
        TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
        break;
    }
    TEST_ASSERT(!testProcessAlive(pid));
    testReapChildren();

    TEST_ASSERT_OK(testDataCheckImage(res));
    TEST_ASSERT_OK(testDataReadBack(patterns, res));
    ret = 0;

 cleanup:
    return ret;
}


static int
testDataMode_(const void *opaque)
{
    const testDataMode *mode = opaque;
    g_autofree char *xml = testDataXML(mode->cache);
    int rounds = testReliabRounds(mode->quick, mode->full);
    g_autofree double *stops = g_new0(double, rounds);
    testReliabFigure *fig;
    virDomainPtr dom = NULL;
    long long intact = 0, leaks = 0, corruptions = 0;
    int clean = 0, allIntact = 0, noneIntact = 0;
    int done = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(testConn, xml));

    for (; done < rounds; done++) {
        testDataRound res = { 0 };

        TEST_ASSERT_OK(testDataRunRound(dom, mode, &res));
        stops[done] = res.stopSeconds;
        intact += res.intact;
        leaks += res.leaks;
        corruptions += res.corruptions;
        if (res.checkStatus == 0 && res.leaks == 0 && res.corruptions == 0 &&
            res.checkErrors == 0)
            clean++;
        if (res.intact == TEST_PATTERNS)
            allIntact++;
        if (res.intact == 0)
            noneIntact++;

        /* A stop through the driver loses nothing (a SIGKILL is only
         * measured). */
        if (mode->how != TEST_STOP_SIGKILL) {
            TEST_ASSERT_MSG(res.intact == TEST_PATTERNS && res.checkStatus == 0 &&
                            !res.leaks && !res.corruptions && !res.checkErrors,
                            "round %d: %d of %d patterns intact, qemu-img check status %d, "
                            "%lld leaks, %lld corruptions, %lld check errors",
                            done, res.intact, TEST_PATTERNS, res.checkStatus, res.leaks,
                            res.corruptions, res.checkErrors);
        }
    }
    ret = 0;

 cleanup:
    fig = testReliabFigureNew(mode->id, mode->title);
    testReliabFigureString(fig, "cache", mode->cache);
    testReliabFigureInt(fig, "rounds", done);
    testReliabFigureInt(fig, "patterns_per_round", TEST_PATTERNS);
    testReliabFigureInt(fig, "pattern_mib", TEST_PATTERN_SIZE >> 20);
    testReliabFigureInt(fig, "patterns_written", (long long)done * TEST_PATTERNS);
    testReliabFigureInt(fig, "patterns_intact", intact);
    testReliabFigureInt(fig, "rounds_all_intact", allIntact);
    testReliabFigureInt(fig, "rounds_none_intact", noneIntact);
    testReliabFigureInt(fig, "rounds_check_clean", clean);
    testReliabFigureInt(fig, "leaked_clusters", leaks);
    testReliabFigureInt(fig, "corruptions", corruptions);
    testReliabFigureDouble(fig, "stop_median_s", testReliabMedian(stops, done));
    testReliabFigureDouble(fig, "stop_max_s", testReliabMax(stops, done));
    testReliabFigureSave(fig);

    testQemuCleanup(dom, 0);
    return ret;
}



static int
mymain(void)
{
    static const testDataMode modes[] = {
        { "writeback", TEST_STOP_DESTROY, "datasafety.writeback.destroy",
          "cache=writeback, virDomainDestroy", 2, 50 },
        { "writeback", TEST_STOP_GRACEFUL, "datasafety.writeback.graceful",
          "cache=writeback, VIR_DOMAIN_DESTROY_GRACEFUL", 2, 50 },
        { "unsafe", TEST_STOP_DESTROY, "datasafety.unsafe.destroy",
          "cache=unsafe, virDomainDestroy", 2, 50 },
        { "unsafe", TEST_STOP_GRACEFUL, "datasafety.unsafe.graceful",
          "cache=unsafe, VIR_DOMAIN_DESTROY_GRACEFUL", 2, 50 },
        { "writeback", TEST_STOP_SIGKILL, "datasafety.writeback.sigkill",
          "cache=writeback, SIGKILL (for comparison)", 1, 20 },
        { "unsafe", TEST_STOP_SIGKILL, "datasafety.unsafe.sigkill",
          "cache=unsafe, SIGKILL (for comparison)", 1, 20 },
    };
    int ret = 0;

    /* The default timeouts: flushing 64 MiB must never be cut short by
     * a test setting. */
    if (!(testConn = testQemuConnectNew(NULL, false, &testRoot, &testURI)))
        return -1;

    for (size_t i = 0; i < G_N_ELEMENTS(modes); i++) {
        g_autofree char *title = NULL;

        if (modes[i].how == TEST_STOP_SIGKILL)
            title = g_strdup_printf("%s: patterns and qemu-img check measured", modes[i].title);
        else
            title = g_strdup_printf("%s: every pattern reads back, qemu-img check clean",
                                    modes[i].title);
        ret |= virTestRun(title, testDataMode_, &modes[i]);
    }

    virConnectClose(testConn);
    testReapChildren();
    return ret;
}

VIR_TEST_MAIN(mymain)
