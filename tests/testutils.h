/*
 * testutils.h: the harness every C test program uses
 *
 * Each program runs its cases with virTestRun() and prints TAP, which
 * meson reads and ./run totals.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#define EXIT_AM_SKIP 77

typedef int (*virTestBody)(const void *data);

int virTestRun(const char *title, virTestBody body, const void *data);
void virTestSkip(const char *title, const char *reason);

int virTestMain(int argc, char **argv, int (*func)(void));

#define VIR_TEST_MAIN(func) \
    int main(int argc, char **argv) \
    { \
        return virTestMain(argc, argv, func); \
    }

/* Diagnostics, printed as TAP comments. */
void virTestDiag(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/*
 * Assertions
 *
 * Every case body that uses them follows one shape:
 *
 *     static int
 *     testSomething(const void *data G_GNUC_UNUSED)
 *     {
 *         int ret = -1;
 *
 *         TEST_ASSERT_EQ_INT(virFoo(), 0);
 *         ...
 *         ret = 0;
 *
 *      cleanup:
 *         ...release what the case holds...
 *         return ret;
 *     }
 *
 * A failing assertion prints, as TAP comments, where it is
 * (file:line), the expression as written and the values it compared,
 * then jumps to the case's cleanup label, so the case returns -1 and
 * virTestRun() reports it "not ok".  Each argument is evaluated exactly
 * once.  They are statements; use them in a function that has a
 * "cleanup:" label (the compiler says so otherwise).
 */
void virTestAssertFailed(const char *file, int line, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virTestAssertErrorFailed(const char *file, int line, const char *expr,
                              int code, int domain, const char *prefix);
bool virTestErrorMatches(int code, int domain, const char *prefix);

/* @cond holds. */
#define TEST_ASSERT(cond) \
    do { \
        if (!(cond)) { \
            virTestAssertFailed(__FILE__, __LINE__, "%s", #cond); \
            goto cleanup; \
        } \
    } while (0)

/* @cond holds; otherwise the printf-style message says what it means. */
#define TEST_ASSERT_MSG(cond, ...) \
    do { \
        if (!(cond)) { \
            g_autofree char *testAssertMsg_ = g_strdup_printf(__VA_ARGS__); \
            virTestAssertFailed(__FILE__, __LINE__, "%s: %s", #cond, \
                                testAssertMsg_); \
            goto cleanup; \
        } \
    } while (0)

/* Fails the case here, with a printf-style message. */
#define TEST_FAIL(...) \
    do { \
        g_autofree char *testAssertMsg_ = g_strdup_printf(__VA_ARGS__); \
        virTestAssertFailed(__FILE__, __LINE__, "%s", testAssertMsg_); \
        goto cleanup; \
    } while (0)

/* @a OP @b as signed integers (long long); OP is ==, !=, <, <=, >, >=. */
#define TEST_ASSERT_CMP_INT(a, op, b) \
    do { \
        long long testAssertA_ = (a); \
        long long testAssertB_ = (b); \
        if (!(testAssertA_ op testAssertB_)) { \
            virTestAssertFailed(__FILE__, __LINE__, "%s %s %s: %lld %s %lld", \
                                #a, #op, #b, testAssertA_, #op, testAssertB_); \
            goto cleanup; \
        } \
    } while (0)

/* @a OP @b as unsigned integers, printed in hex (masks, flags). */
#define TEST_ASSERT_CMP_HEX(a, op, b) \
    do { \
        unsigned long long testAssertA_ = (a); \
        unsigned long long testAssertB_ = (b); \
        if (!(testAssertA_ op testAssertB_)) { \
            virTestAssertFailed(__FILE__, __LINE__, \
                                "%s %s %s: 0x%llx %s 0x%llx", \
                                #a, #op, #b, testAssertA_, #op, testAssertB_); \
            goto cleanup; \
        } \
    } while (0)

#define TEST_ASSERT_EQ_INT(a, b) TEST_ASSERT_CMP_INT(a, ==, b)
#define TEST_ASSERT_NE_INT(a, b) TEST_ASSERT_CMP_INT(a, !=, b)
#define TEST_ASSERT_EQ_HEX(a, b) TEST_ASSERT_CMP_HEX(a, ==, b)

/* @a OP @b as doubles (durations in seconds). */
#define TEST_ASSERT_CMP_DOUBLE(a, op, b) \
    do { \
        double testAssertA_ = (a); \
        double testAssertB_ = (b); \
        if (!(testAssertA_ op testAssertB_)) { \
            virTestAssertFailed(__FILE__, __LINE__, "%s %s %s: %.3f %s %.3f", \
                                #a, #op, #b, testAssertA_, #op, testAssertB_); \
            goto cleanup; \
        } \
    } while (0)

/* Two strings are equal; NULL equals only NULL. */
#define TEST_ASSERT_EQ_STR(a, b) \
    do { \
        const char *testAssertA_ = (a); \
        const char *testAssertB_ = (b); \
        if (!STREQ_NULLABLE(testAssertA_, testAssertB_)) { \
            virTestAssertFailed(__FILE__, __LINE__, \
                                "%s == %s: \"%s\" != \"%s\"", #a, #b, \
                                NULLSTR(testAssertA_), NULLSTR(testAssertB_)); \
            goto cleanup; \
        } \
    } while (0)

/* @hay is not NULL and contains @needle. */
#define TEST_ASSERT_STR_CONTAINS(hay, needle) \
    do { \
        const char *testAssertA_ = (hay); \
        const char *testAssertB_ = (needle); \
        if (!testAssertA_ || !strstr(testAssertA_, testAssertB_)) { \
            virTestAssertFailed(__FILE__, __LINE__, \
                                "%s contains %s: \"%s\" lacks \"%s\"", \
                                #hay, #needle, NULLSTR(testAssertA_), \
                                testAssertB_); \
            goto cleanup; \
        } \
    } while (0)

/* @hay is NULL or does not contain @needle. */
#define TEST_ASSERT_STR_LACKS(hay, needle) \
    do { \
        const char *testAssertA_ = (hay); \
        const char *testAssertB_ = (needle); \
        if (testAssertA_ && strstr(testAssertA_, testAssertB_)) { \
            virTestAssertFailed(__FILE__, __LINE__, \
                                "%s lacks %s: \"%s\" contains \"%s\"", \
                                #hay, #needle, testAssertA_, testAssertB_); \
            goto cleanup; \
        } \
    } while (0)

/* A libvirt-style call succeeds (returns >= 0); otherwise its value
 * and the last error are printed. */
#define TEST_ASSERT_OK(expr) \
    do { \
        long long testAssertA_ = (expr); \
        if (testAssertA_ < 0) { \
            virTestAssertFailed(__FILE__, __LINE__, "%s: returned %lld: %s", \
                                #expr, testAssertA_, \
                                virGetLastErrorMessage()); \
            goto cleanup; \
        } \
    } while (0)

/* A libvirt-style call fails (returns < 0). */
#define TEST_ASSERT_FAILS(expr) \
    do { \
        long long testAssertA_ = (expr); \
        if (testAssertA_ >= 0) { \
            virTestAssertFailed(__FILE__, __LINE__, \
                                "%s: succeeded (returned %lld), expected a failure", \
                                #expr, testAssertA_); \
            goto cleanup; \
        } \
    } while (0)

/* A pointer is not NULL; otherwise the last error is printed. */
#define TEST_ASSERT_NONNULL(expr) \
    do { \
        if (!(expr)) { \
            virTestAssertFailed(__FILE__, __LINE__, "%s: NULL: %s", #expr, \
                                virGetLastErrorMessage()); \
            goto cleanup; \
        } \
    } while (0)

/* The last libvirt error has @code (a VIR_ERR_* value), the domain
 * @domain (a VIR_FROM_* value; -1: any) and a message starting with
 * @prefix (NULL: any).  TEST_ASSERT_ERROR(code) checks the code only. */
#define TEST_ASSERT_ERROR_FULL(code, domain, prefix) \
    do { \
        if (!virTestErrorMatches(code, domain, prefix)) { \
            virTestAssertErrorFailed(__FILE__, __LINE__, #code, \
                                     code, domain, prefix); \
            goto cleanup; \
        } \
    } while (0)

#define TEST_ASSERT_ERROR(code) TEST_ASSERT_ERROR_FULL(code, -1, NULL)

/* @status, a wait status (waitpid()), is an exit with @code
 * (TEST_ASSERT_EXITED) or a death by signal @sig (TEST_ASSERT_KILLED);
 * a failure prints what the status says instead ("exited 1", "killed
 * by signal 9", ...). */
char *virTestWaitStatusString(int status);
#define TEST_ASSERT_WAIT_STATUS_(status, ...) \
    do { \
        g_autofree char *testAssertA_ = virTestWaitStatusString(status); \
        g_autofree char *testAssertB_ = g_strdup_printf(__VA_ARGS__); \
        if (STRNEQ(testAssertA_, testAssertB_)) { \
            virTestAssertFailed(__FILE__, __LINE__, "%s: %s, expected %s", \
                                #status, testAssertA_, testAssertB_); \
            goto cleanup; \
        } \
    } while (0)
#define TEST_ASSERT_EXITED(status, code) \
    TEST_ASSERT_WAIT_STATUS_(status, "exited %d", (int)(code))
#define TEST_ASSERT_KILLED(status, sig) \
    TEST_ASSERT_WAIT_STATUS_(status, "killed by signal %d", (int)(sig))

/* 0 if the last error has @code and exactly @message; -1 with both
 * printed otherwise. */
int virTestCheckErrorMessage(int code, const char *message);

bool virTestRegenerate(void);
bool virTestVerbose(void);

int virTestLoadFile(const char *path, char **ret);
int virTestCompareToFile(const char *actual, const char *filename);
int virTestCompareStrings(const char *expect, const char *actual,
                          const char *what);
int virTestCheckDataFiles(const char *subdir, const char *const *suffixes,
                          bool othersAllowed, GHashTable *cases);

/* Directory of the test sources and of the build, from meson. */
const char *virTestSrcDir(void);
const char *virTestBuildDir(void);

/* A fresh temporary directory, removed (recursively) at exit. */
char *virTestMakeTempDir(const char *prefix);
void virTestAdoptTempDir(const char *dir);
