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

    if (testFlagsFunction(VIR_DOMAIN_DESTROY_GRACEFUL) != 0)
        return -1;
    if (testFlagsFunction(0x80 | VIR_DOMAIN_DESTROY_GRACEFUL) != -1)
        return -1;
    err = virGetLastError();
    if (!err || err->code != VIR_ERR_INVALID_ARG || err->domain != VIR_FROM_QEMU)
        return -1;
    return virTestCompareStrings("unsupported flags (0x80) in function testFlagsFunction",
                                 err->message, "flags message");
}


static int
testPrefixes(const void *data G_GNUC_UNUSED)
{
    virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
    if (virGetLastErrorCode() != VIR_ERR_OPERATION_INVALID ||
        virGetLastErrorDomain() != VIR_FROM_QEMU)
        return -1;
    if (virTestCompareStrings("Requested operation is not valid: domain is not running",
                              virGetLastErrorMessage(), "prefixed") < 0)
        return -1;

    virReportError(VIR_ERR_NO_DOMAIN, NULL);
    if (virTestCompareStrings("Domain not found", virGetLastErrorMessage(),
                              "bare") < 0)
        return -1;

    virReportError(VIR_ERR_OPERATION_FAILED, "%s", "failed to kill qemu process with SIGTERM");
    return virTestCompareStrings("operation failed: failed to kill qemu process with SIGTERM",
                                 virGetLastErrorMessage(), "operation failed");
}


static int
testSystemError(const void *data G_GNUC_UNUSED)
{
    errno = 0;
    virReportSystemError(ENOENT, "cannot open '%s'", "/x");
    if (errno != 0)
        return -1;  /* reporting must not clobber errno */
    if (virGetLastErrorCode() != VIR_ERR_SYSTEM_ERROR)
        return -1;
    return virTestCompareStrings("cannot open '/x': No such file or directory",
                                 virGetLastErrorMessage(), "system error");
}


static int
testResetAndCopy(const void *data G_GNUC_UNUSED)
{
    virError copy = { 0 };
    virErrorPtr saved;

    virResetLastError();
    if (virGetLastError() != NULL || virGetLastErrorCode() != VIR_ERR_OK)
        return -1;
    if (STRNEQ(virGetLastErrorMessage(), "no error"))
        return -1;
    if (virCopyLastError(&copy) != 0 || copy.code != 0)
        return -1;

    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "boom");
    if (virCopyLastError(&copy) != VIR_ERR_INTERNAL_ERROR)
        return -1;
    if (STRNEQ(copy.message, "internal error: boom"))
        return -1;
    virResetError(&copy);
    if (copy.message || copy.code)
        return -1;

    saved = virSaveLastError();
    virResetLastError();
    if (!saved || saved->code != VIR_ERR_INTERNAL_ERROR ||
        STRNEQ(saved->message, "internal error: boom"))
        return -1;
    virFreeError(saved);
    virFreeError(NULL);
    return 0;
}


static int
testPreserveRestore(const void *data G_GNUC_UNUSED)
{
    virErrorPtr orig;

    virReportError(VIR_ERR_OPERATION_FAILED, "%s", "first");
    virErrorPreserveLast(&orig);
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cleanup noise");
    virErrorRestore(&orig);
    if (orig != NULL)
        return -1;
    return virTestCompareStrings("operation failed: first",
                                 virGetLastErrorMessage(), "restored");
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

    if (d.calls == 1 && d.code == VIR_ERR_NO_DOMAIN &&
        STREQ(d.message, "Domain not found: no domain with matching name 'x'"))
        ret = 0;
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

    virReportError(VIR_ERR_OPERATION_FAILED, "%s", "main");
    th = g_thread_new("errtest", testThreadBody, NULL);
    if (GPOINTER_TO_INT(g_thread_join(th)) != 0)
        return -1;
    return virTestCompareStrings("operation failed: main",
                                 virGetLastErrorMessage(), "main thread error");
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
