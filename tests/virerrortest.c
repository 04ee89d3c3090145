/*
 * virerrortest.c: the last-error API and internal reporting
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

static int
testFlagsFunction(unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL | VIR_DOMAIN_DESTROY_REMOVE_LOGS, -1);
    return 0;
}


static int
testUnsupportedFlags(const void *data G_GNUC_UNUSED)
{
    virErrorPtr err;
    int ret = -1;

    TEST_ASSERT_EQ_INT(testFlagsFunction(VIR_DOMAIN_DESTROY_GRACEFUL), 0);
    TEST_ASSERT_EQ_INT(testFlagsFunction(0x80 | VIR_DOMAIN_DESTROY_GRACEFUL), -1);
    err = virGetLastError();
    TEST_ASSERT_NONNULL(err);
    TEST_ASSERT_EQ_INT(err->code, VIR_ERR_INVALID_ARG);
    TEST_ASSERT_EQ_INT(err->domain, VIR_FROM_QEMU);
    TEST_ASSERT_EQ_STR(err->message,
                       "unsupported flags (0x80) in function testFlagsFunction");
    ret = 0;

 cleanup:
    return ret;
}


static int
testPrefixes(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
    TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_OPERATION_INVALID);
    TEST_ASSERT_EQ_INT(virGetLastErrorDomain(), VIR_FROM_QEMU);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "Requested operation is not valid: domain is not running");

    virReportError(VIR_ERR_NO_DOMAIN, NULL);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), "Domain not found");

    virReportError(VIR_ERR_OPERATION_FAILED, "%s", "failed to kill qemu process with SIGTERM");
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "operation failed: failed to kill qemu process with SIGTERM");
    ret = 0;

 cleanup:
    return ret;
}


static int
testSystemError(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    errno = 0;
    virReportSystemError(ENOENT, "cannot open '%s'", "/x");
    /* reporting must not clobber errno */
    TEST_ASSERT_EQ_INT(errno, 0);
    TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_SYSTEM_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "cannot open '/x': No such file or directory");
    ret = 0;

 cleanup:
    return ret;
}


static int
testResetAndCopy(const void *data G_GNUC_UNUSED)
{
    virError copy = { 0 };
    virErrorPtr saved = NULL;
    int ret = -1;

    virResetLastError();
    TEST_ASSERT(virGetLastError() == NULL);
    TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_OK);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), "no error");
    TEST_ASSERT_EQ_INT(virCopyLastError(&copy), 0);
    TEST_ASSERT_EQ_INT(copy.code, 0);

    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "boom");
    TEST_ASSERT_EQ_INT(virCopyLastError(&copy), VIR_ERR_INTERNAL_ERROR);
    TEST_ASSERT_EQ_STR(copy.message, "internal error: boom");
    virResetError(&copy);
    TEST_ASSERT(copy.message == NULL);
    TEST_ASSERT_EQ_INT(copy.code, 0);

    saved = virSaveLastError();
    virResetLastError();
    TEST_ASSERT_NONNULL(saved);
    TEST_ASSERT_EQ_INT(saved->code, VIR_ERR_INTERNAL_ERROR);
    TEST_ASSERT_EQ_STR(saved->message, "internal error: boom");
    virFreeError(NULL);
    ret = 0;

 cleanup:
    virResetError(&copy);
    virFreeError(saved);
    return ret;
}


static int
testPreserveRestore(const void *data G_GNUC_UNUSED)
{
    virErrorPtr orig;
    int ret = -1;

    virReportError(VIR_ERR_OPERATION_FAILED, "%s", "first");
    virErrorPreserveLast(&orig);
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cleanup noise");
    virErrorRestore(&orig);
    TEST_ASSERT(orig == NULL);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), "operation failed: first");
    ret = 0;

 cleanup:
    return ret;
}


typedef struct {
    int calls;
    int code;
    char *message;
} testHandlerData;

static void
testHandler(void *opaque, virErrorPtr err)
{
    testHandlerData *d = opaque;

    d->calls++;
    d->code = err->code;
    g_free(d->message);
    d->message = g_strdup(err->message);
}


static int
testErrorFunc(const void *data G_GNUC_UNUSED)
{
    testHandlerData d = { 0 };
    int ret = -1;

    virSetErrorFunc(&d, testHandler);
    virReportError(VIR_ERR_NO_DOMAIN, "%s", "no domain with matching name 'x'");
    virErrorDispatch(NULL, NULL);
    virSetErrorFunc(NULL, NULL);

    TEST_ASSERT_EQ_INT(d.calls, 1);
    TEST_ASSERT_EQ_INT(d.code, VIR_ERR_NO_DOMAIN);
    TEST_ASSERT_EQ_STR(d.message, "Domain not found: no domain with matching name 'x'");
    ret = 0;

 cleanup:
    g_free(d.message);
    return ret;
}


static gpointer
testThreadBody(gpointer opaque G_GNUC_UNUSED)
{
    /* A fresh thread starts with no error, whatever the main one has. */
    if (virGetLastError() != NULL)
        return GINT_TO_POINTER(1);
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "in thread");
    return GINT_TO_POINTER(0);
}


static int
testThreadLocal(const void *data G_GNUC_UNUSED)
{
    GThread *th;
    int ret = -1;

    virReportError(VIR_ERR_OPERATION_FAILED, "%s", "main");
    th = g_thread_new("errtest", testThreadBody, NULL);
    /* 1: the new thread saw the main thread's error */
    TEST_ASSERT_EQ_INT(GPOINTER_TO_INT(g_thread_join(th)), 0);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), "operation failed: main");
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("virCheckFlags reports upstream's message", testUnsupportedFlags, NULL);
    ret |= virTestRun("messages carry upstream's prefixes", testPrefixes, NULL);
    ret |= virTestRun("system errors append strerror", testSystemError, NULL);
    ret |= virTestRun("reset, copy and save", testResetAndCopy, NULL);
    ret |= virTestRun("preserve and restore around cleanup", testPreserveRestore, NULL);
    ret |= virTestRun("virSetErrorFunc receives dispatched errors", testErrorFunc, NULL);
    ret |= virTestRun("errors are thread-local", testThreadLocal, NULL);
    return ret;
}

VIR_TEST_MAIN(mymain)
