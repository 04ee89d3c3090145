/*
 * testutils.c: the test harness
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <sys/prctl.h>
#include <sys/wait.h>

#include "testutils.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static unsigned int testCount;
static unsigned int testFailed;
static GPtrArray *testTempDirs;
static const char *testOnly;


/**
 * virTestDiag:
 * @fmt: printf-style text
 *
 * Prints each line as a TAP comment ("# ...").
 */
void
virTestDiag(const char *fmt, ...)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    va_list ap;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        if (lines[i + 1] == NULL && !*lines[i])
            break;
        printf("# %s\n", lines[i]);
    }
    fflush(stdout);
}


/**
 * virTestAssertFailed:
 * @file: the assertion's source file (__FILE__)
 * @line: its line
 * @fmt: what failed: the expression and the values it compared
 *
 * The report of the TEST_ASSERT* macros: one TAP comment
 * "FILE:LINE: assertion failed: ...", so that a failing case names the
 * line to read.
 */
void
virTestAssertFailed(const char *file, int line, const char *fmt, ...)
{
    g_autofree char *text = NULL;
    va_list ap;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    virTestDiag("%s:%d: assertion failed: %s", file, line, text);
}


/**
 * virTestErrorMatches:
 * @code: the expected VIR_ERR_* code
 * @domain: the expected VIR_FROM_* domain, or -1 for any
 * @prefix: the start of the expected message, or NULL for any
 *
 * Returns: whether the last libvirt error is the one described.
 */
bool
virTestErrorMatches(int code, int domain, const char *prefix)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        return false;
    if (err->code != code)
        return false;
    if (domain >= 0 && err->domain != domain)
        return false;
    if (prefix && !g_str_has_prefix(NULLSTR(err->message), prefix))
        return false;
    return true;
}


/**
 * virTestAssertErrorFailed:
 * @file: the assertion's source file
 * @line: its line
 * @expr: the expected code as written
 * @code: its value
 * @domain: the expected domain, or -1
 * @prefix: the expected message start, or NULL
 *
 * The report of TEST_ASSERT_ERROR*: what was expected and the error
 * that was there instead (or that there was none).
 */
void
virTestAssertErrorFailed(const char *file, int line, const char *expr,
                         int code, int domain, const char *prefix)
{
    virErrorPtr err = virGetLastError();

    if (!err) {
        virTestAssertFailed(file, line,
                            "error %s [%d/%d] '%s...': no error reported",
                            expr, code, domain, NULLSTR(prefix));
        return;
    }
    virTestAssertFailed(file, line,
                        "error %s [%d/%d] '%s...': got [%d/%d] '%s'",
                        expr, code, domain, NULLSTR(prefix),
                        err->code, err->domain, NULLSTR(err->message));
}


/**
 * virTestWaitStatusString:
 * @status: a wait status, as waitpid() fills it
 *
 * Returns: what it says, in the words TEST_ASSERT_EXITED and
 * TEST_ASSERT_KILLED compare: "exited N", "killed by signal N",
 * "stopped by signal N", or the raw value.
 */
char *
virTestWaitStatusString(int status)
{
    if (WIFEXITED(status))
        return g_strdup_printf("exited %d", WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return g_strdup_printf("killed by signal %d", WTERMSIG(status));
    if (WIFSTOPPED(status))
        return g_strdup_printf("stopped by signal %d", WSTOPSIG(status));
    return g_strdup_printf("wait status 0x%x", (unsigned int)status);
}


/**
 * virTestCheckErrorMessage:
 * @code: the expected VIR_ERR_* code
 * @message: the exact expected message
 *
 * Returns: 0 if the last libvirt error has @code and @message; -1 with
 * both printed otherwise.
 */
int
virTestCheckErrorMessage(int code, const char *message)
{
    virErrorPtr err = virErrorLast();

    if (!err) {
        virTestDiag("expected an error, got none");
        return -1;
    }
    if (err->code != code) {
        virTestDiag("expected error code %d, got %d (%s)", code, err->code,
                    NULLSTR(err->message));
        return -1;
    }
    return virTestCompareStrings(message, err->message, "error message");
}


bool
virTestRegenerate(void)
{
    const char *v = g_getenv("VIR_TEST_REGENERATE_OUTPUT");

    return v && STREQ(v, "1");
}


bool
virTestVerbose(void)
{
    const char *v = g_getenv("VIR_TEST_DEBUG");

    return v && *v && STRNEQ(v, "0");
}


/**
 * virTestRun:
 * @title: what the case proves
 * @body: the case; returns 0 on success
 * @data: passed to @body
 *
 * Runs one case and prints its TAP line.  A case that passes but
 * leaves an error reported and unreset is fine: each case starts with
 * the error reset.  VIR_TEST_ONLY=substring runs only matching cases.
 *
 * Returns: 0 if the case passed (or was filtered out), -1 otherwise.
 */
int
virTestRun(const char *title, virTestBody body, const void *data)
{
    int ret;

    if (testOnly && !strstr(title, testOnly))
        return 0;

    virResetLastError();
    testCount++;
    ret = body(data);
    if (ret == EXIT_AM_SKIP) {
        printf("ok %u - %s # SKIP\n", testCount, title);
        ret = 0;
    } else if (ret == 0) {
        printf("ok %u - %s\n", testCount, title);
    } else {
        testFailed++;
        printf("not ok %u - %s\n", testCount, title);
        if (virErrorLast())
            virTestDiag("last error: %s", virGetLastErrorMessage());
        ret = -1;
    }
    fflush(stdout);
    virResetLastError();
    return ret;
}


/**
 * virTestSkip:
 * @title: the case that cannot run
 * @reason: why; printed after "# SKIP"
 */
void
virTestSkip(const char *title, const char *reason)
{
    testCount++;
    printf("ok %u - %s # SKIP %s\n", testCount, title, reason);
    fflush(stdout);
}


const char *
virTestSrcDir(void)
{
    return abs_srcdir;
}


const char *
virTestBuildDir(void)
{
    return abs_builddir;
}


/**
 * virTestLoadFile:
 * @path: a file
 * @ret: its contents
 *
 * Returns: 0, or -1 with a diagnostic printed.
 */
int
virTestLoadFile(const char *path, char **ret)
{
    g_autoptr(GError) gerr = NULL;

    if (!g_file_get_contents(path, ret, NULL, &gerr)) {
        virTestDiag("cannot read %s: %s", path, gerr->message);
        return -1;
    }
    return 0;
}


/**
 * virTestCompareStrings:
 * @expect: the expected text
 * @actual: what the code produced
 * @what: a name for the diagnostic
 *
 * Returns: 0 if they are equal; otherwise -1, with both printed.
 */
int
virTestCompareStrings(const char *expect, const char *actual, const char *what)
{
    if (STREQ_NULLABLE(expect, actual))
        return 0;
    virTestDiag("%s differs", what);
    virTestDiag("expected:\n%s", NULLSTR(expect));
    virTestDiag("actual:\n%s", NULLSTR(actual));
    return -1;
}


/**
 * virTestCompareToFile:
 * @actual: the text the code produced
 * @filename: the golden file
 *
 * With VIR_TEST_REGENERATE_OUTPUT=1 the golden file is rewritten
 * instead (read the diff before committing it).
 *
 * Returns: 0 if they match (or the file was rewritten), -1 otherwise.
 */
int
virTestCompareToFile(const char *actual, const char *filename)
{
    g_autofree char *expect = NULL;

    if (virTestRegenerate()) {
        g_autoptr(GError) gerr = NULL;

        if (!g_file_set_contents(filename, actual ? actual : "", -1, &gerr)) {
            virTestDiag("cannot write %s: %s", filename, gerr->message);
            return -1;
        }
        return 0;
    }
    if (virTestLoadFile(filename, &expect) < 0)
        return -1;
    return virTestCompareStrings(expect, actual, filename);
}


/**
 * virTestCheckDataFiles:
 * @subdir: a directory of test data, relative to the test sources
 * @suffixes: the NULL-terminated endings of its files
 * @othersAllowed: whether files with none of @suffixes may be there
 *   (another program's data); if false each is reported
 * @cases: the cases: name -> the NULL-terminated endings that case owns,
 *   or NULL for any of @suffixes
 *
 * The check every golden-file program makes, so that a file no case
 * reads (an orphan, or one of the wrong kind for its case) fails the
 * run instead of rotting: each file "NAME" + one of @suffixes (the
 * longest that fits) must belong to the case NAME of @cases, with an
 * ending that case owns.
 *
 * Returns: 0, or -1 with one diagnostic for each file out of place.
 */
int
virTestCheckDataFiles(const char *subdir, const char *const *suffixes,
                      bool othersAllowed, GHashTable *cases)
{
    g_autofree char *dir = g_build_filename(virTestSrcDir(), subdir, NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *file;
    int ret = 0;

    if (!d) {
        virTestDiag("cannot open %s", dir);
        return -1;
    }
    while ((file = g_dir_read_name(d))) {
        const char *suffix = NULL;
        const char *const *owned;
        gpointer value;
        g_autofree char *base = NULL;

        for (size_t i = 0; suffixes[i]; i++) {
            if (g_str_has_suffix(file, suffixes[i]) &&
                (!suffix || strlen(suffixes[i]) > strlen(suffix)))
                suffix = suffixes[i];
        }
        if (!suffix) {
            if (!othersAllowed) {
                virTestDiag("unexpected file %s/%s", subdir, file);
                ret = -1;
            }
            continue;
        }
        base = g_strndup(file, strlen(file) - strlen(suffix));
        if (!g_hash_table_lookup_extended(cases, base, NULL, &value)) {
            virTestDiag("orphaned file %s/%s: no case named '%s'",
                        subdir, file, base);
            ret = -1;
            continue;
        }
        owned = value;
        if (owned && !g_strv_contains(owned, suffix)) {
            virTestDiag("%s/%s: case '%s' reads no %s file", subdir, file, base,
                        suffix);
            ret = -1;
        }
    }
    return ret;
}


static void
virTestRemoveTree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    if (dir) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
                virTestRemoveTree(child);
            else
                unlink(child);
        }
    }
    rmdir(path);
}


/**
 * virTestMakeTempDir:
 * @prefix: start of the directory's name
 *
 * Returns: a new directory under $TMPDIR (or /tmp), removed when the
 * program exits unless VIR_TEST_KEEP_TMP is set.
 */
char *
virTestMakeTempDir(const char *prefix)
{
    g_autofree char *tmpl = g_strdup_printf("%s-XXXXXX", prefix);
    g_autoptr(GError) gerr = NULL;
    char *dir = g_dir_make_tmp(tmpl, &gerr);

    if (!dir) {
        virTestDiag("cannot make temporary directory: %s", gerr->message);
        abort();
    }
    g_ptr_array_add(testTempDirs, g_strdup(dir));
    return dir;
}


/**
 * virTestAdoptTempDir:
 * @dir: a directory the test made itself
 *
 * Removes @dir (recursively) when the program exits, like the ones
 * virTestMakeTempDir() makes.
 */
void
virTestAdoptTempDir(const char *dir)
{
    g_ptr_array_add(testTempDirs, g_strdup(dir));
}


static void
virTestCleanupTempDirs(void)
{
    if (!g_getenv("VIR_TEST_KEEP_TMP")) {
        for (size_t i = 0; i < testTempDirs->len; i++)
            virTestRemoveTree(g_ptr_array_index(testTempDirs, i));
    }
    g_ptr_array_unref(testTempDirs);
}


/**
 * virTestMain:
 * @argc: from main
 * @argv: from main
 * @func: runs the program's cases; returns 0 or -1 (or EXIT_AM_SKIP)
 *
 * Pins the environment (time zone, locale, HOME), makes the process a
 * child subreaper so that QEMU processes a test starts and orphans are
 * reaped by the test itself, then prints the TAP plan.
 *
 * Returns: the exit status.
 */
int
virTestMain(int argc G_GNUC_UNUSED, char **argv G_GNUC_UNUSED, int (*func)(void))
{
    int ret;

    g_setenv("TZ", "UTC", TRUE);
    g_setenv("LC_ALL", "C", TRUE);
    g_unsetenv("LANGUAGE");
    g_unsetenv("LIBVIRT_DEFAULT_URI");
    g_setenv("HOME", "/nonexistent-test-home", TRUE);
    g_unsetenv("XDG_CONFIG_HOME");
    g_unsetenv("XDG_RUNTIME_DIR");
    g_unsetenv("XDG_CACHE_HOME");
    testOnly = g_getenv("VIR_TEST_ONLY");

    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
        perror("prctl(PR_SET_CHILD_SUBREAPER)");
        return EXIT_FAILURE;
    }
    if (virLogSetFromEnv() < 0) {
        fprintf(stderr, "%s\n", virGetLastErrorMessage());
        return EXIT_FAILURE;
    }

    testTempDirs = g_ptr_array_new_with_free_func(g_free);
    ret = func();
    virTestCleanupTempDirs();

    if (ret == EXIT_AM_SKIP && testCount == 0) {
        printf("1..0 # SKIP\n");
        return EXIT_AM_SKIP;
    }
    printf("1..%u\n", testCount);
    if (ret != 0 && testFailed == 0) {
        /* A failure outside any case still fails the program. */
        printf("# the test program failed outside its cases\n");
        return EXIT_FAILURE;
    }
    return testFailed ? EXIT_FAILURE : EXIT_SUCCESS;
}
