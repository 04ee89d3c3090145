/*
 * testassertfixture.c: cases whose assertions fail on purpose
 *
 * Not a test by itself: testasserttest.py runs it and checks that each
 * TEST_ASSERT* macro of testutils.h fails its case, names the line
 * marked "fails: TITLE" below with the expression and the values, goes
 * to cleanup and skips what follows; and that the same macros let a
 * case pass when they hold.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

static bool testPastAssertion;

/* What every case does after its cleanup label: says that cleanup
 * ran, and whether the code after the assertion did. */
static int
testFinish(const char *title, int ret)
{
    virTestDiag("cleanup of %s", title);
    if (testPastAssertion)
        virTestDiag("%s ran past its assertion", title);
    testPastAssertion = false;
    return ret;
}


static int
testFailAssert(const void *data)
{
    int ret = -1;
    int three = 3;

    TEST_ASSERT(three == 4); /* fails: assert */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailMsg(const void *data)
{
    int ret = -1;
    const char *what = "widget";

    TEST_ASSERT_MSG(what == NULL, "%s is %d", what, 7); /* fails: msg */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailFail(const void *data)
{
    int ret = -1;

    TEST_FAIL("gave up after %d tries", 5); /* fails: fail */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailEqInt(const void *data)
{
    int ret = -1;
    int got = 41;
    int calls = 0;

    TEST_ASSERT_EQ_INT(got + (calls++ * 0), 42); /* fails: eq-int */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    /* Each argument is evaluated once. */
    if (calls != 1)
        virTestDiag("argument evaluated %d times", calls);
    return testFinish(data, ret);
}


static int
testFailCmpInt(const void *data)
{
    int ret = -1;
    long long big = -5000000000LL;

    TEST_ASSERT_CMP_INT(big, >=, 0); /* fails: cmp-int */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailEqHex(const void *data)
{
    int ret = -1;
    unsigned long long mask = 0x4100;

    TEST_ASSERT_EQ_HEX(mask, 1ULL << 14); /* fails: eq-hex */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailCmpDouble(const void *data)
{
    int ret = -1;
    double elapsed = 1.25;

    TEST_ASSERT_CMP_DOUBLE(elapsed, <, 0.9); /* fails: cmp-double */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailEqStr(const void *data)
{
    int ret = -1;
    g_autofree char *name = g_strdup("alpha");

    TEST_ASSERT_EQ_STR(name, "beta"); /* fails: eq-str */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailEqStrNull(const void *data)
{
    int ret = -1;
    const char *none = NULL;

    TEST_ASSERT_EQ_STR(none, "beta"); /* fails: eq-str-null */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailContains(const void *data)
{
    int ret = -1;
    const char *text = "pid=12 name=x";

    TEST_ASSERT_STR_CONTAINS(text, "reason="); /* fails: contains */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailLacks(const void *data)
{
    int ret = -1;
    const char *text = "pid=12 name=x";

    TEST_ASSERT_STR_LACKS(text, "pid="); /* fails: lacks */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testReturnFailure(void)
{
    virReportError(VIR_ERR_OPERATION_FAILED, _("could not frob %1$s"), "knob");
    return -1;
}


static int
testFailOk(const void *data)
{
    int ret = -1;

    TEST_ASSERT_OK(testReturnFailure()); /* fails: ok */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailFails(const void *data)
{
    int ret = -1;

    TEST_ASSERT_FAILS(g_strcmp0("a", "a")); /* fails: fails */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailNonNull(const void *data)
{
    int ret = -1;
    char *nothing = NULL;

    TEST_ASSERT_NONNULL(nothing); /* fails: nonnull */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailErrorNone(const void *data)
{
    int ret = -1;

    TEST_ASSERT_ERROR(VIR_ERR_NO_DOMAIN); /* fails: error-none */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailErrorCode(const void *data)
{
    int ret = -1;

    (void)testReturnFailure();
    TEST_ASSERT_ERROR(VIR_ERR_NO_DOMAIN); /* fails: error-code */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailErrorDomain(const void *data)
{
    int ret = -1;

    (void)testReturnFailure();
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, VIR_FROM_NONE, NULL); /* fails: error-domain */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailErrorPrefix(const void *data)
{
    int ret = -1;

    (void)testReturnFailure();
    /* A call over two lines reports the line of the macro's name. */
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU, /* fails: error-prefix */
                           "operation failed: could not twist");
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailExited(const void *data)
{
    int ret = -1;
    int status = 9; /* killed by SIGKILL */

    TEST_ASSERT_EXITED(status, 0); /* fails: exited */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


static int
testFailKilled(const void *data)
{
    int ret = -1;
    int status = 3 << 8; /* exited 3 */

    TEST_ASSERT_KILLED(status, 15); /* fails: killed */
    testPastAssertion = true;
    ret = 0;

 cleanup:
    return testFinish(data, ret);
}


/* Every macro, holding: the case runs to its end and passes. */
static int
testPassAll(const void *data G_GNUC_UNUSED)
{
    int ret = -1;
    g_autofree char *name = g_strdup("alpha");
    unsigned long long mask = 0x4000;

    TEST_ASSERT(name != NULL);
    TEST_ASSERT_MSG(strlen(name) == 5, "length %zu", strlen(name));
    TEST_ASSERT_EQ_INT(2 + 2, 4);
    TEST_ASSERT_NE_INT(2 + 2, 5);
    TEST_ASSERT_CMP_INT(-1, <, 0);
    TEST_ASSERT_EQ_HEX(mask, 1ULL << 14);
    TEST_ASSERT_CMP_HEX(mask, >, 0x10);
    TEST_ASSERT_CMP_DOUBLE(0.5, <=, 0.5);
    TEST_ASSERT_EQ_STR(name, "alpha");
    TEST_ASSERT_EQ_STR(NULL, NULL);
    TEST_ASSERT_STR_CONTAINS(name, "lph");
    TEST_ASSERT_STR_LACKS(name, "beta");
    TEST_ASSERT_STR_LACKS(NULL, "beta");
    TEST_ASSERT_OK(g_strcmp0("a", "a"));
    TEST_ASSERT_FAILS(testReturnFailure());
    TEST_ASSERT_ERROR(VIR_ERR_OPERATION_FAILED);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
                           "operation failed: could not frob knob");
    TEST_ASSERT_NONNULL(name);
    TEST_ASSERT_EXITED(0, 0);
    TEST_ASSERT_EXITED(1 << 8, 1);
    TEST_ASSERT_KILLED(9, 9);
    testPastAssertion = true;
    ret = 0;

 cleanup:
    if (!testPastAssertion)
        virTestDiag("pass-all stopped early");
    testPastAssertion = false;
    return ret;
}


static int
mymain(void)
{
    static const struct {
        const char *title;
        virTestBody body;
    } cases[] = {
        { "assert", testFailAssert },
        { "msg", testFailMsg },
        { "fail", testFailFail },
        { "eq-int", testFailEqInt },
        { "cmp-int", testFailCmpInt },
        { "eq-hex", testFailEqHex },
        { "cmp-double", testFailCmpDouble },
        { "eq-str", testFailEqStr },
        { "eq-str-null", testFailEqStrNull },
        { "contains", testFailContains },
        { "lacks", testFailLacks },
        { "ok", testFailOk },
        { "fails", testFailFails },
        { "nonnull", testFailNonNull },
        { "error-none", testFailErrorNone },
        { "error-code", testFailErrorCode },
        { "error-domain", testFailErrorDomain },
        { "error-prefix", testFailErrorPrefix },
        { "exited", testFailExited },
        { "killed", testFailKilled },
    };
    int ret = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (virTestRun(cases[i].title, cases[i].body, cases[i].title) < 0)
            ret = -1;
    }
    if (virTestRun("pass-all", testPassAll, NULL) < 0)
        ret = -1;
    return ret;
}

VIR_TEST_MAIN(mymain)
