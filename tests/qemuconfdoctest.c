/*
 * qemuconfdoctest.c: the sample qemu.conf and the qemu.conf(5) man page
 * say what the code does
 *
 * The sample installed as the system qemu.conf lists every setting the
 * driver knows, once, commented out, with its default: uncommenting any
 * line changes nothing.  The man page describes every setting, with the
 * same default, and no setting the driver does not know.  The user
 * guide, where it gives a default, gives the same.  All are checked as
 * configured for this build (build/src/qemu/qemu.conf,
 * build/docs/manpages/qemu.conf.rst, build/docs/user-guide.rst).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "qemu_conf.h"
#include "qemu_confpriv.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static char *samplePath;
static char *sampleText;
static char *manText;
static char *guideText;


/* Whether @cfg holds exactly the defaults; says what differs if not. */
static bool
testConfigIsDefault(const virQEMUDriverConfig *cfg)
{
    g_autoptr(virQEMUDriverConfig) def = virQEMUDriverConfigNew(QEMU_DRIVER_EMBED,
                                                                "/nowhere");
    struct {
        const char *key;
        double value;
        double expect;
    } timeouts[] = {
        { "destroy_term_timeout", cfg->destroyTermTimeout, def->destroyTermTimeout },
        { "destroy_kill_timeout", cfg->destroyKillTimeout, def->destroyKillTimeout },
        { "destroy_graceful_timeout", cfg->destroyGracefulTimeout,
          def->destroyGracefulTimeout },
        { "start_timeout", cfg->startTimeout, def->startTimeout },
        { "job_wait_timeout", cfg->jobWaitTimeout, def->jobWaitTimeout },
        { "auto_shutdown_wait", cfg->autoShutdownWait, def->autoShutdownWait },
        { "auto_shutdown_try_shutdown", cfg->autoShutdownTryShutdown,
          def->autoShutdownTryShutdown },
        { "auto_shutdown_poweroff", cfg->autoShutdownPoweroff, def->autoShutdownPoweroff },
        { "auto_shutdown_kill", cfg->autoShutdownKill, def->autoShutdownKill },
        { "auto_shutdown_override",
          cfg->autoShutdownOverride ? g_hash_table_size(cfg->autoShutdownOverride) : 0, 0 },
    };
    bool same = true;

    for (size_t i = 0; i < G_N_ELEMENTS(timeouts); i++) {
        if (timeouts[i].value != timeouts[i].expect) {
            virTestDiag("%s is %g, its default is %g", timeouts[i].key,
                        timeouts[i].value, timeouts[i].expect);
            same = false;
        }
    }
    if (STRNEQ(cfg->defaultEmulator, def->defaultEmulator)) {
        virTestDiag("default_emulator is %s, its default is %s",
                    cfg->defaultEmulator, def->defaultEmulator);
        same = false;
    }
    return same;
}


/* The lines of the sample that set something once uncommented:
 * "#name = value". */
static GPtrArray *
testSampleSettings(void)
{
    g_auto(GStrv) lines = g_strsplit(sampleText, "\n", -1);
    GPtrArray *settings = g_ptr_array_new_with_free_func(g_free);

    for (size_t i = 0; lines[i]; i++) {
        if (g_regex_match_simple("^#[a-z_]+ = ", lines[i], 0, 0))
            g_ptr_array_add(settings, g_strdup(lines[i]));
    }
    return settings;
}


/* The value the sample shows for @key, as written; NULL if the sample
 * does not have exactly one line for it. */
static char *
testSampleValue(const char *key)
{
    g_autoptr(GPtrArray) settings = testSampleSettings();
    g_autofree char *prefix = g_strdup_printf("#%s = ", key);
    char *value = NULL;
    size_t found = 0;

    for (size_t i = 0; i < settings->len; i++) {
        const char *line = g_ptr_array_index(settings, i);

        if (g_str_has_prefix(line, prefix)) {
            found++;
            g_free(value);
            value = g_strdup(line + strlen(prefix));
        }
    }
    if (found != 1) {
        virTestDiag("the sample has %zu lines for %s, not one", found, key);
        g_clear_pointer(&value, g_free);
    }
    return value;
}


static int
testSampleLoads(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virQEMUDriverConfig) cfg = virQEMUDriverConfigNew(QEMU_DRIVER_EMBED,
                                                                "/nowhere");
    int ret = -1;

    TEST_ASSERT_OK(virQEMUDriverConfigLoadFile(cfg, samplePath));
    TEST_ASSERT_MSG(testConfigIsDefault(cfg), "%s changes the defaults", samplePath);
    ret = 0;

 cleanup:
    return ret;
}


/* @opaque: a known setting.  The sample shows it once. */
static int
testSampleHasKey(const void *opaque)
{
    g_autofree char *value = testSampleValue(opaque);
    int ret = -1;

    TEST_ASSERT_MSG(value, "the sample does not show %s once", (const char *)opaque);
    ret = 0;

 cleanup:
    return ret;
}


/* @opaque: a "#name = value" line of the sample.  Uncommented, it is
 * accepted and sets the default. */
static int
testSampleLineIsDefault(const void *opaque)
{
    const char *line = opaque;
    g_autofree char *dir = virTestMakeTempDir("qemuconfdoctest");
    g_autofree char *path = g_build_filename(dir, "qemu.conf", NULL);
    g_autofree char *text = g_strdup_printf("%s\n", line + 1);
    g_autoptr(virQEMUDriverConfig) cfg = virQEMUDriverConfigNew(QEMU_DRIVER_EMBED,
                                                                "/nowhere");
    int ret = -1;

    TEST_ASSERT_OK(virFileWriteAtomic(path, 0600, text, strlen(text)));
    TEST_ASSERT_OK(virQEMUDriverConfigLoadFile(cfg, path));
    TEST_ASSERT_MSG(testConfigIsDefault(cfg), "'%s' changes the defaults", line + 1);
    ret = 0;

 cleanup:
    return ret;
}


/* @opaque: a known setting.  The man page describes it, with the
 * default the sample shows: a line "``name`` (kind, default ``value``)". */
static int
testManPageKey(const void *opaque)
{
    const char *key = opaque;
    g_autofree char *pattern = g_strdup_printf("^``%s`` \\([a-z]+, default ``(.*)``\\)$",
                                               key);
    g_autoptr(GRegex) regex = g_regex_new(pattern, G_REGEX_MULTILINE, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    g_autofree char *documented = NULL;
    g_autofree char *sample = testSampleValue(key);
    int ret = -1;

    TEST_ASSERT_MSG(g_regex_match(regex, manText, 0, &match),
                    "qemu.conf(5) has no entry for %s", key);
    documented = g_match_info_fetch(match, 1);
    TEST_ASSERT_MSG(!g_match_info_next(match, NULL),
                    "qemu.conf(5) describes %s twice", key);
    TEST_ASSERT_MSG(sample, "the sample does not show %s once", key);
    TEST_ASSERT_EQ_STR(documented, sample);
    ret = 0;

 cleanup:
    return ret;
}


static int
testManPageNamesKnownKeys(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(GRegex) regex = g_regex_new("^``([a-z_]+)`` \\(", G_REGEX_MULTILINE,
                                          0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    const char *const *keys = virQEMUDriverConfigKnownKeys();
    size_t entries = 0;
    int ret = -1;

    for (g_regex_match(regex, manText, 0, &match);
         g_match_info_matches(match); g_match_info_next(match, NULL)) {
        g_autofree char *name = g_match_info_fetch(match, 1);

        entries++;
        TEST_ASSERT_MSG(g_strv_contains(keys, name),
                        "qemu.conf(5) describes '%s', which the driver does not know",
                        name);
    }
    TEST_ASSERT_MSG(entries > 0, "qemu.conf(5) describes no setting at all");
    ret = 0;

 cleanup:
    return ret;
}


/* @opaque: a setting the user guide explains.  It gives the sample's
 * default wherever it writes "``name`` (default value)". */
static int
testGuideKey(const void *opaque)
{
    const char *key = opaque;
    g_autofree char *pattern = g_strdup_printf("``%s`` \\(default ([^)]*)\\)", key);
    g_autoptr(GRegex) regex = g_regex_new(pattern, 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    g_autofree char *sample = testSampleValue(key);
    int found = 0;
    int ret = -1;

    TEST_ASSERT_MSG(sample, "the sample does not show %s once", key);
    for (g_regex_match(regex, guideText, 0, &match);
         g_match_info_matches(match); g_match_info_next(match, NULL)) {
        g_autofree char *documented = g_match_info_fetch(match, 1);

        found++;
        TEST_ASSERT_EQ_STR(documented, sample);
    }
    TEST_ASSERT_MSG(found > 0, "the user guide gives no default for %s", key);
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    g_autofree char *manPath = g_build_filename(virTestBuildDir(), "..", "docs",
                                                "manpages", "qemu.conf.rst", NULL);
    g_autofree char *guidePath = g_build_filename(virTestBuildDir(), "..", "docs",
                                                  "user-guide.rst", NULL);
    /* The settings the guide's part on stopping VMs tunes. */
    const char *guideKeys[] = {
        "destroy_term_timeout", "destroy_kill_timeout", "destroy_graceful_timeout",
        "start_timeout", "job_wait_timeout",
    };
    const char *const *keys = virQEMUDriverConfigKnownKeys();
    g_autoptr(GPtrArray) settings = NULL;
    int ret = 0;

    samplePath = g_build_filename(virTestBuildDir(), "..", "src", "qemu",
                                  "qemu.conf", NULL);
    if (virTestLoadFile(samplePath, &sampleText) < 0 ||
        virTestLoadFile(manPath, &manText) < 0 ||
        virTestLoadFile(guidePath, &guideText) < 0)
        return EXIT_FAILURE;
    settings = testSampleSettings();

    if (virTestRun("sample qemu.conf loads and changes nothing",
                   testSampleLoads, NULL) < 0)
        ret = -1;
    for (size_t i = 0; keys[i]; i++) {
        g_autofree char *title = g_strdup_printf("sample qemu.conf shows %s once",
                                                 keys[i]);

        if (virTestRun(title, testSampleHasKey, keys[i]) < 0)
            ret = -1;
    }
    for (size_t i = 0; i < settings->len; i++) {
        const char *line = g_ptr_array_index(settings, i);
        g_autofree char *title = g_strdup_printf("sample qemu.conf: '%s' uncommented "
                                                 "is accepted and is the default",
                                                 line + 1);

        if (virTestRun(title, testSampleLineIsDefault, line) < 0)
            ret = -1;
    }
    for (size_t i = 0; keys[i]; i++) {
        g_autofree char *title = g_strdup_printf("qemu.conf(5) describes %s with "
                                                 "the sample's default", keys[i]);

        if (virTestRun(title, testManPageKey, keys[i]) < 0)
            ret = -1;
    }
    if (virTestRun("qemu.conf(5) describes only settings the driver knows",
                   testManPageNamesKnownKeys, NULL) < 0)
        ret = -1;
    for (size_t i = 0; i < G_N_ELEMENTS(guideKeys); i++) {
        g_autofree char *title = g_strdup_printf("the user guide gives the default "
                                                 "of %s as the sample does",
                                                 guideKeys[i]);

        if (virTestRun(title, testGuideKey, guideKeys[i]) < 0)
            ret = -1;
    }

    g_free(samplePath);
    g_free(sampleText);
    g_free(manText);
    g_free(guideText);
    return ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

VIR_TEST_MAIN(mymain)
