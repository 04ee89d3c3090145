/*
 * qemuhostilenametest.c: issue 10's domain names that collide, on real QEMU
 *
 * Names that collide with the driver's files or with each other, each
 * alone through its whole life and all at once, none touching
 * another; '.', '..' and a name one byte too long refused.
 *
 * Each case runs on a root of its own (testutilshostilecase.h), and
 * after every case the invariants of testutilshostile.h are checked.
 * Errors must carry the expected code and name what is wrong.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsreliab.h"
#include "testutilshostile.h"
#include "testutilshostilecase.h"
#include "virerror.h"


/* ---- names ---------------------------------------------------------------- */

#define TEST_NAME_MAX 224

static char *testLongestName;
static char *testTooLongName;

static const char *testNames[] = {
    "driver", "driver-lock", "next-id", "next-id-lock", "next-id.new-a1b2c3",
    "domain-1-x", "domain-2-domain-1-x", "vm.xml.new-012345", "x", "x.destroy",
    "x.lock", "x.xml", "x.log", ".hidden", "monitor.sock", "qemu.pid", "a.b", "a_b",
    "twenty-chars-name-01", "twenty-chars-name-02",
    "twenty-chars-name-01-alpha", "twenty-chars-name-01-beta",
    NULL,                       /* the longest name */
};


static const char *
testNameAt(size_t i)
{
    return testNames[i] ? testNames[i] : testLongestName;
}


/* The entries of @dir, sorted, one a line. */
static char *
testDirEntries(const char *dir)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    g_autoptr(GString) out = g_string_new(NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, testStrPtrCompare);
    for (guint i = 0; i < names->len; i++)
        g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(names, i));
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static char *
testSortedLines(const char *const *lines)
{
    g_autoptr(GPtrArray) sorted = g_ptr_array_new();
    g_autoptr(GString) out = g_string_new(NULL);

    for (size_t i = 0; lines[i]; i++)
        g_ptr_array_add(sorted, (gpointer)lines[i]);
    g_ptr_array_sort(sorted, testStrPtrCompare);
    for (guint i = 0; i < sorted->len; i++)
        g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(sorted, i));
    return g_string_free(g_steal_pointer(&out), FALSE);
}


/*
 * What an undefined domain @name may leave (see qemu_domain.h): the
 * driver's own entries of the state directory (no dot in their names,
 * no run's private directory among them), its locks (NAME.lock,
 * NAME.destroy; NAME.run in the definition directory); and nothing
 * else, its definition and status file least of all.  @state and
 * @config list the directories' entries, one a line.  Returns the
 * entries that should not be there, "" when none.
 */
static char *
testStrayEntries(const char *name, const char *state, const char *config)
{
    g_auto(GStrv) stateLines = g_strsplit(state, "\n", -1);
    g_auto(GStrv) configLines = g_strsplit(config, "\n", -1);
    g_autofree char *lock = g_strdup_printf("%s.lock", name);
    g_autofree char *destroy = g_strdup_printf("%s.destroy", name);
    g_autofree char *run = g_strdup_printf("%s.run", name);
    g_autoptr(GString) strays = g_string_new(NULL);

    for (size_t i = 0; stateLines[i]; i++) {
        const char *e = stateLines[i];

        if (!*e || STREQ(e, lock) || STREQ(e, destroy) ||
            (!strchr(e, '.') && !g_str_has_prefix(e, "domain-")))
            continue;
        g_string_append_printf(strays, " run/qemu/%s", e);
    }
    for (size_t i = 0; configLines[i]; i++) {
        if (*configLines[i] && STRNEQ(configLines[i], run))
            g_string_append_printf(strays, " etc/qemu/%s", configLines[i]);
    }
    return g_string_free(g_steal_pointer(&strays), FALSE);
}


/* Each name alone in a root: the whole life of a domain, and nothing
 * left after it but the driver's own files and the domain's locks and
 * log. */
static int
testNamesAlone(const void *opaque G_GNUC_UNUSED)
{
    int ret = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(testNames); i++) {
        const char *name = testNameAt(i);
        testRoot *r = testRootNew();
        g_autofree char *log = g_strdup_printf("%s.log", name);
        const char *logWanted[] = { log, NULL };
        g_autofree char *logExpect = testSortedLines(logWanted);
        g_autofree char *state = NULL;
        g_autofree char *config = NULL;
        g_autofree char *logs = NULL;
        g_autofree char *strays = NULL;
        virDomainPtr dom = NULL;
        virDomainPtr *doms = NULL;
        pid_t qemu = 0;
        int n = -1;
        int rc = -1;

        testCases[TEST_CLASS_NAMES]++;
        if (!r) {
            ret = -1;
            continue;
        }
        TEST_ASSERT_MSG((dom = testStartDomain(r, name, NULL, &qemu)), "cannot start");
        n = virConnectListAllDomains(r->conn, &doms, 0);
        TEST_ASSERT_MSG(n == 1 && STREQ(virDomainGetName(doms[0]), name) &&
                        virDomainIsActive(doms[0]) == 1, "%d domains listed", n);
        TEST_ASSERT_MSG(testDestroy(r->conn, name, qemu, 0) == 0, "cannot destroy");
        TEST_ASSERT_MSG(testListed(r->conn, name, false) == 0, "not listed shut off");
        TEST_ASSERT_MSG(testUndefine(r->conn, name) == 0, "cannot undefine");
        state = testDirEntries(r->stateDir);
        config = testDirEntries(r->configDir);
        logs = testDirEntries(r->logDir);
        strays = testStrayEntries(name, state, config);
        TEST_ASSERT_MSG(!*strays && STREQ(logs, logExpect),
                        "left behind: %s\nstate\n%sconfig\n%slogs\n%s", strays, state,
                        config, logs);
        rc = 0;

     cleanup:
        if (rc < 0)
            virTestDiag("case: the name '%s' alone", name);
        for (int j = 0; j < n; j++)
            virDomainFree(doms[j]);
        free(doms);
        if (dom)
            virDomainFree(dom);
        if (testRootFinish(r, rc) < 0) {
            testFailed[TEST_CLASS_NAMES]++;
            ret = -1;
        }
    }
    return ret;
}


typedef struct {
    const char *name;
    pid_t qemu;
    char *config;
    char *status;
    bool running;
} testNameState;


/* The files of every other domain are as they were. */
static int
testNamesUntouched(testRoot *r, testNameState *states, size_t n, size_t except)
{
    int bad = 0;

    for (size_t j = 0; j < n; j++) {
        g_autofree char *config = NULL;
        g_autofree char *status = NULL;
        g_autofree char *configPath = NULL;

        if (j == except)
            continue;
        configPath = g_strdup_printf("%s/%s.xml", r->configDir, states[j].name);
        status = testQemuStatusFile(r->root, states[j].name);
        if (!g_file_get_contents(configPath, &config, NULL, NULL) ||
            STRNEQ(config, states[j].config) || STRNEQ_NULLABLE(status, states[j].status)) {
            virTestDiag("the files of %s changed", states[j].name);
            bad++;
        }
        if (states[j].running && !testProcessAlive(states[j].qemu)) {
            virTestDiag("the QEMU of %s is gone", states[j].name);
            bad++;
        }
    }
    return bad;
}


/* All the names in one root at once: defined, running, listed, each
 * destroyed and undefined in turn while no other domain's QEMU or file
 * changes. */
static int
testNamesBeside(const void *opaque G_GNUC_UNUSED)
{
    size_t n = G_N_ELEMENTS(testNames);
    g_autofree testNameState *states = g_new0(testNameState, n);
    testRoot *r = testRootNew();
    virDomainPtr *doms = NULL;
    int listed = -1;
    int ret = -1;

    testCases[TEST_CLASS_NAMES]++;
    if (!r)
        return -1;
    for (size_t i = 0; i < n; i++) {
        g_autofree char *xml = NULL;
        virDomainPtr dom;

        states[i].name = testNameAt(i);
        xml = testQemuDomainXML(states[i].name, NULL, NULL);
        TEST_ASSERT_MSG((dom = virDomainDefineXML(r->conn, xml)), "cannot define %s: %s",
                        states[i].name, virGetLastErrorMessage());
        virDomainFree(dom);
    }
    for (size_t i = 0; i < n; i++) {
        virDomainPtr dom = virDomainLookupByName(r->conn, states[i].name);
        int rc = dom ? virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED) : -1;

        if (dom)
            virDomainFree(dom);
        TEST_ASSERT_MSG(rc == 0, "cannot start %s: %s", states[i].name,
                        virGetLastErrorMessage());
        states[i].qemu = testQemuDomainPid(r->root, states[i].name);
        states[i].running = true;
    }
    listed = virConnectListAllDomains(r->conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    TEST_ASSERT_MSG(listed == (int)n, "%d domains listed running, expected %zu", listed, n);
    for (size_t i = 0; i < n; i++) {
        g_autofree char *configPath = g_strdup_printf("%s/%s.xml", r->configDir,
                                                      states[i].name);
        g_autofree char *qemuName = testQemuProcessDomainName(states[i].qemu);

        TEST_ASSERT_MSG(testListed(r->conn, states[i].name, true) == 0, "%s not listed",
                        states[i].name);
        TEST_ASSERT_MSG(STREQ_NULLABLE(qemuName, states[i].name),
                        "the status file of %s names the QEMU of '%s'", states[i].name,
                        NULLSTR(qemuName));
        TEST_ASSERT_MSG(g_file_get_contents(configPath, &states[i].config, NULL, NULL) &&
                        (states[i].status = testQemuStatusFile(r->root, states[i].name)),
                        "the files of %s are missing", states[i].name);
    }

    for (size_t i = 0; i < n; i++) {
        TEST_ASSERT_MSG(testDestroy(r->conn, states[i].name, states[i].qemu, 0) == 0,
                        "cannot destroy %s", states[i].name);
        states[i].running = false;
        TEST_ASSERT_MSG(testListed(r->conn, states[i].name, false) == 0,
                        "%s not listed shut off", states[i].name);
        TEST_ASSERT_MSG(testNamesUntouched(r, states, n, i) == 0,
                        "destroying %s touched another domain", states[i].name);
        g_free(states[i].status);
        states[i].status = testQemuStatusFile(r->root, states[i].name);
    }
    for (size_t i = 0; i < n; i++) {
        TEST_ASSERT_MSG(testUndefine(r->conn, states[i].name) == 0, "cannot undefine %s",
                        states[i].name);
        TEST_ASSERT_MSG(testNamesUntouched(r, states + i + 1, n - i - 1, n) == 0,
                        "undefining %s touched another domain", states[i].name);
    }
    for (int j = 0; j < listed; j++)
        virDomainFree(doms[j]);
    g_clear_pointer(&doms, free);
    listed = virConnectListAllDomains(r->conn, &doms, 0);
    TEST_ASSERT_MSG(listed == 0, "%d domains are left", listed);
    ret = 0;

 cleanup:
    for (int j = 0; j < listed; j++)
        virDomainFree(doms[j]);
    free(doms);
    for (size_t i = 0; i < n; i++) {
        g_free(states[i].config);
        g_free(states[i].status);
    }
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_NAMES]++;
    return ret;
}


/* ".", ".." and a name one byte too long: a clear error at define, and
 * nothing written. */
static int
testNamesRefused(const void *opaque G_GNUC_UNUSED)
{
    struct {
        const char *name;
        int code;
        const char *why;
    } cases[] = {
        { ".", VIR_ERR_XML_ERROR, "'.'" },
        { "..", VIR_ERR_XML_ERROR, "'..'" },
        { testTooLongName, VIR_ERR_CONFIG_UNSUPPORTED, "224" },
    };
    testRoot *r = testRootNew();
    int ret = -1;

    if (!r)
        return -1;
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *xml = testQemuDomainXML(cases[i].name, NULL, NULL);
        g_autofree char *state = NULL;
        g_autofree char *config = NULL;
        virDomainPtr dom;

        testCases[TEST_CLASS_NAMES]++;
        dom = virDomainDefineXML(r->conn, xml);
        if (dom)
            virDomainFree(dom);
        TEST_ASSERT_MSG(!dom && testCheckError(cases[i].code, "name", cases[i].why) == 0,
                        "define of '%.20s...' was not refused as it should be", cases[i].name);
        virResetLastError();
        dom = virDomainCreateXML(r->conn, xml, 0);
        if (dom)
            virDomainFree(dom);
        TEST_ASSERT_MSG(!dom && testCheckError(cases[i].code, "name", cases[i].why) == 0,
                        "create of '%.20s...' was not refused as it should be", cases[i].name);
        virResetLastError();
        state = testDirEntries(r->stateDir);
        config = testDirEntries(r->configDir);
        TEST_ASSERT_MSG(STREQ(config, "") && !strstr(state, ".xml") && !strstr(state, ".lock"),
                        "files were written: state\n%sconfig\n%s", state, config);
    }
    ret = 0;

 cleanup:
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_NAMES]++;
    return ret;
}


static int
mymain(void)
{
    gint64 started = g_get_monotonic_time();
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    guard = testGuardNew();
    testLongestName = g_strnfill(TEST_NAME_MAX, 'n');
    memcpy(testLongestName, "longest-", strlen("longest-"));
    testTooLongName = g_strnfill(TEST_NAME_MAX + 1, 'n');

    ret |= virTestRun("names: each alone, its whole life", testNamesAlone, NULL);
    ret |= virTestRun("names: all at once, none touching another", testNamesBeside, NULL);
    ret |= virTestRun("names: '.', '..' and an over-long name refused", testNamesRefused,
                      NULL);

    testSaveFigure("names", started);
    g_clear_pointer(&guard, testGuardFree);
    ret |= virTestRun("no process left behind", testNothingLeft, NULL);
    g_free(testLongestName);
    g_free(testTooLongName);
    g_free(capsTemplate);
    return ret;
}

VIR_TEST_MAIN(mymain)
