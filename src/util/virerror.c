/*
 * virerror.c: the thread-local last error and its public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.error");

/* Freed with the thread that owns it. */
static void virErrorFreeThreadLocal(gpointer data);
static GPrivate virLastErrorKey = G_PRIVATE_INIT(virErrorFreeThreadLocal);

/*
 * The process-wide handler of virSetErrorFunc().  It is part of the
 * public API's contract that it is global; the lock makes setting it
 * from one thread while another reports safe.
 */
static GMutex virErrorHandlerLock;
static virErrorFunc virErrorHandler;
static void *virErrorHandlerData;


static void
virErrorFreeThreadLocal(gpointer data)
{
    virFreeError(data);
}


/* The calling thread's error slot, created on first use. */
static virErrorPtr
virLastErrorObject(void)
{
    virErrorPtr err = g_private_get(&virLastErrorKey);

    if (!err) {
        err = g_new0(virError, 1);
        g_private_set(&virLastErrorKey, err);
    }
    return err;
}


/**
 * virErrorLast:
 *
 * Returns: the calling thread's last error, or NULL when the last call
 * succeeded.  The error stays owned by the library.
 */
virErrorPtr
virErrorLast(void)
{
    virErrorPtr err = g_private_get(&virLastErrorKey);

    if (!err || err->code == VIR_ERR_OK)
        return NULL;
    return err;
}


/**
 * virGetLastError:
 *
 * The error of the last library call that failed in this thread, if
 * no call has succeeded since (each public call resets it on entry).
 *
 * Returns: the error, owned by the library and valid until the next
 * library call in this thread, or NULL if there is none.
 */
virErrorPtr
virGetLastError(void)
{
    return virErrorLast();
}


/**
 * virGetLastErrorCode:
 *
 * Gives the code of this thread's last error, to compare with the
 * virErrorNumber values.
 *
 * Returns: the virErrorNumber of this thread's last error, or
 * VIR_ERR_OK (0) if there is none.
 */
int
virGetLastErrorCode(void)
{
    virErrorPtr err = virErrorLast();

    return err ? err->code : VIR_ERR_OK;
}


/**
 * virGetLastErrorDomain:
 *
 * Gives which part of the library raised this thread's last error.
 *
 * Returns: the virErrorDomain of this thread's last error, or
 * VIR_FROM_NONE (0) if there is none.
 */
int
virGetLastErrorDomain(void)
{
    virErrorPtr err = virErrorLast();

    return err ? err->domain : VIR_FROM_NONE;
}


/**
 * virGetLastErrorMessage:
 *
 * Never NULL, so that it can go straight into a printf.
 *
 * Returns: the message of this thread's last error, "no error" when
 * there is none, or "unknown error" when the error has no message.
 */
const char *
virGetLastErrorMessage(void)
{
    virErrorPtr err = virErrorLast();

    if (!err)
        return _("no error");
    if (!err->message)
        return _("unknown error");
    return err->message;
}


/**
 * virResetError:
 * @err: an error to empty; may be NULL
 *
 * Frees the strings an error holds and zeroes it; the structure itself
 * stays the caller's.
 */
void
virResetError(virErrorPtr err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}


/**
 * virFreeError:
 * @err: an error from virSaveLastError(); may be NULL
 *
 * Frees an error and everything in it.
 */
void
virFreeError(virErrorPtr err)
{
    virResetError(err);
    g_free(err);
}


/**
 * virResetLastError:
 *
 * Forgets this thread's last error.  Every public entry point does this
 * first, so an application only needs it between its own checks.
 */
void
virResetLastError(void)
{
    virErrorPtr err = g_private_get(&virLastErrorKey);

    virResetError(err);
}


/**
 * virErrorCopy:
 * @from: the error to copy
 * @to: where to put the copy; its previous contents are freed
 */
void
virErrorCopy(const virError *from, virErrorPtr to)
{
    if (from == to)
        return;
    virResetError(to);
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = g_strdup(from->message);
    to->str1 = g_strdup(from->str1);
    to->str2 = g_strdup(from->str2);
    to->str3 = g_strdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
}


/**
 * virCopyLastError:
 * @to: where to copy this thread's last error; the caller frees its
 *      strings with virResetError()
 *
 * Copies this thread's last error into @to, which the caller owns.
 *
 * Returns: the code of the error copied, 0 if there was none (then @to
 * is emptied), -1 if @to is NULL.
 */
int
virCopyLastError(virErrorPtr to)
{
    virErrorPtr err = virErrorLast();

    if (!to)
        return -1;
    if (!err) {
        virResetError(to);
        return 0;
    }
    virErrorCopy(err, to);
    return to->code;
}


/**
 * virSaveLastError:
 *
 * Copies this thread's last error into a new object that outlives later calls,
 * for example to report it after some cleanup.
 *
 * Returns: a copy of this thread's last error (code 0 if there is
 * none), to be freed with virFreeError().
 */
virErrorPtr
virSaveLastError(void)
{
    virErrorPtr to = g_new0(virError, 1);

    virCopyLastError(to);
    return to;
}


/**
 * virErrorPreserveLast:
 * @saveerr: where to keep the error
 *
 * Saves this thread's last error (or NULL) so that cleanup which may
 * report errors of its own cannot replace it; see virErrorRestore().
 * Preserves errno.
 */
void
virErrorPreserveLast(virErrorPtr *saveerr)
{
    int saved_errno = errno;
    virErrorPtr err = virErrorLast();

    *saveerr = NULL;
    if (err)
        *saveerr = virSaveLastError();
    errno = saved_errno;
}


/**
 * virErrorRestore:
 * @savederr: an error saved with virErrorPreserveLast(); consumed
 *
 * Makes the saved error this thread's last error again.  Does nothing
 * when nothing was saved.  Preserves errno.
 */
void
virErrorRestore(virErrorPtr *savederr)
{
    int saved_errno = errno;

    if (*savederr) {
        virErrorCopy(*savederr, virLastErrorObject());
        g_clear_pointer(savederr, virFreeError);
    }
    errno = saved_errno;
}


/**
 * virSetErrorFunc:
 * @userData: passed to @handler
 * @handler: called for every error, or NULL to restore the default,
 *           which prints the error on stderr
 *
 * Sets the process-wide error handler.  A connection's own handler
 * (virConnSetErrorFunc) takes precedence for calls on that connection.
 */
void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    g_mutex_lock(&virErrorHandlerLock);
    virErrorHandler = handler;
    virErrorHandlerData = userData;
    g_mutex_unlock(&virErrorHandlerLock);
}


/*
 * Names of the error domains as virDefaultErrorFunc prints them; the
 * wording is upstream's, which people recognise in their logs.
 */
static const char *const virErrorDomainNames[] = {
    [VIR_FROM_NONE] = "",
    [VIR_FROM_XEN] = "Xen Driver",
    [VIR_FROM_XEND] = "Xen Daemon",
    [VIR_FROM_XENSTORE] = "Xen Store",
    [VIR_FROM_SEXPR] = "S-Expression",
    [VIR_FROM_XML] = "XML Util",
    [VIR_FROM_DOM] = "Domain",
    [VIR_FROM_RPC] = "XML-RPC",
    [VIR_FROM_PROXY] = "Proxy Daemon",
    [VIR_FROM_CONF] = "Config File",
    [VIR_FROM_QEMU] = "QEMU Driver",
    [VIR_FROM_NET] = "Network",
    [VIR_FROM_TEST] = "Test Driver",
    [VIR_FROM_REMOTE] = "Remote Driver",
    [VIR_FROM_STORAGE] = "Storage Driver",
    [VIR_FROM_NETWORK] = "Network Driver",
    [VIR_FROM_DOMAIN] = "Domain Config",
    [VIR_FROM_SECURITY] = "Security Driver",
    [VIR_FROM_EVENT] = "Event Loop",
    [VIR_FROM_LOCKING] = "Lock Driver",
    [VIR_FROM_CAPABILITIES] = "Capabilities Utils",
    [VIR_FROM_URI] = "URI Utils",
    [VIR_FROM_DEVICE] = "Device Config",
    [VIR_FROM_THREAD] = "Thread jobs",
};


/**
 * virErrorDomainName:
 * @domain: a virErrorDomain
 *
 * Returns: its printable name; "" for domains without one.
 */
const char *
virErrorDomainName(int domain)
{
    if (domain < 0 || (size_t)domain >= G_N_ELEMENTS(virErrorDomainNames) ||
        !virErrorDomainNames[domain])
        return "";
    return virErrorDomainNames[domain];
}


/**
 * virDefaultErrorFunc:
 * @err: the error to print; NULL prints nothing
 *
 * The handler used when the application set none: writes the error on
 * stderr as "libvirt: DOMAIN error : MESSAGE".
 */
void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *lvl = "";

    if (!err || err->code == VIR_ERR_OK)
        return;
    if (err->level == VIR_ERR_WARNING)
        lvl = _("warning");
    else if (err->level == VIR_ERR_ERROR)
        lvl = _("error");
    fprintf(stderr, "libvirt: %s %s : %s\n", virErrorDomainName(err->domain),
            lvl, NULLSTR_EMPTY(err->message));
}


/**
 * virErrorDispatch:
 * @handler: the connection's handler, or NULL
 * @userData: its data
 *
 * Gives this thread's last error to @handler, else to the process-wide
 * handler, else to virDefaultErrorFunc().  Preserves errno.
 */
void
virErrorDispatch(virErrorFunc handler, void *userData)
{
    int saved_errno = errno;
    virErrorPtr err = virErrorLast();

    if (!err)
        goto done;

    if (!handler) {
        g_mutex_lock(&virErrorHandlerLock);
        handler = virErrorHandler;
        userData = virErrorHandlerData;
        g_mutex_unlock(&virErrorHandlerLock);
    }

    /* Handlers get a copy: they may call into the library, which would
     * otherwise reset the very error they are looking at. */
    if (handler) {
        g_autoptr(virError) copy = virSaveLastError();
        handler(userData, copy);
    } else {
        virDefaultErrorFunc(err);
    }

 done:
    errno = saved_errno;
}


/*
 * The standard text of each error code, without and with detail.  The
 * wording is upstream's: applications and people match on it.  Codes
 * this library never raises fall back to a generic text.
 */
typedef struct {
    const char *bare;
    const char *withInfo;
} virErrorText;

static const virErrorText virErrorTexts[] = {
    [VIR_ERR_INTERNAL_ERROR] = { N_("internal error"), N_("internal error: %1$s") },
    [VIR_ERR_NO_MEMORY] = { N_("out of memory"), N_("out of memory: %1$s") },
    [VIR_ERR_NO_SUPPORT] = {
        N_("this function is not supported by the connection driver"),
        N_("this function is not supported by the connection driver: %1$s") },
    [VIR_ERR_NO_CONNECT] = {
        N_("no connection driver available"),
        N_("no connection driver available for %1$s") },
    [VIR_ERR_INVALID_CONN] = {
        N_("invalid connection pointer in"),
        N_("invalid connection pointer in %1$s") },
    [VIR_ERR_INVALID_DOMAIN] = {
        N_("invalid domain pointer in"),
        N_("invalid domain pointer in %1$s") },
    [VIR_ERR_INVALID_ARG] = { N_("invalid argument"), N_("invalid argument: %1$s") },
    [VIR_ERR_INVALID_NETWORK] = {
        N_("invalid network pointer in"),
        N_("invalid network pointer in %1$s") },
    [VIR_ERR_INVALID_STORAGE_POOL] = {
        N_("invalid storage pool pointer in"),
        N_("invalid storage pool pointer in %1$s") },
    [VIR_ERR_INVALID_STORAGE_VOL] = {
        N_("invalid storage volume pointer in"),
        N_("invalid storage volume pointer in %1$s") },
    [VIR_ERR_INVALID_NODE_DEVICE] = {
        N_("invalid node device pointer"),
        N_("invalid node device pointer in %1$s") },
    [VIR_ERR_INVALID_INTERFACE] = {
        N_("invalid interface pointer in"),
        N_("invalid interface pointer in %1$s") },
    [VIR_ERR_INVALID_NWFILTER] = {
        N_("Invalid network filter"),
        N_("Invalid network filter: %1$s") },
    [VIR_ERR_INVALID_SECRET] = { N_("Invalid secret"), N_("Invalid secret: %1$s") },
    [VIR_ERR_INVALID_DOMAIN_SNAPSHOT] = {
        N_("Invalid domain snapshot"),
        N_("Invalid domain snapshot: %1$s") },
    [VIR_ERR_INVALID_STREAM] = {
        N_("invalid stream pointer"),
        N_("invalid stream pointer in %1$s") },
    [VIR_ERR_INVALID_NWFILTER_BINDING] = {
        N_("Invalid network filter binding"),
        N_("Invalid network filter binding: %1$s") },
    [VIR_ERR_INVALID_DOMAIN_CHECKPOINT] = {
        N_("Invalid domain checkpoint"),
        N_("Invalid domain checkpoint: %1$s") },
    [VIR_ERR_INVALID_NETWORK_PORT] = {
        N_("Invalid network port pointer"),
        N_("Invalid network port pointer: %1$s") },
    [VIR_ERR_NO_NETWORK] = { N_("Network not found"), N_("Network not found: %1$s") },
    [VIR_ERR_NO_STORAGE_POOL] = {
        N_("Storage pool not found"),
        N_("Storage pool not found: %1$s") },
    [VIR_ERR_NO_STORAGE_VOL] = {
        N_("Storage volume not found"),
        N_("Storage volume not found: %1$s") },
    [VIR_ERR_NO_INTERFACE] = { N_("Interface not found"), N_("Interface not found: %1$s") },
    [VIR_ERR_NO_NODE_DEVICE] = {
        N_("Node device not found"),
        N_("Node device not found: %1$s") },
    [VIR_ERR_NO_SECRET] = { N_("Secret not found"), N_("Secret not found: %1$s") },
    [VIR_ERR_NO_NWFILTER] = {
        N_("Network filter not found"),
        N_("Network filter not found: %1$s") },
    [VIR_ERR_NO_NWFILTER_BINDING] = {
        N_("Network filter binding not found"),
        N_("Network filter binding not found: %1$s") },
    [VIR_ERR_NO_DOMAIN_SNAPSHOT] = {
        N_("Domain snapshot not found"),
        N_("Domain snapshot not found: %1$s") },
    [VIR_ERR_NO_DOMAIN_CHECKPOINT] = {
        N_("Domain checkpoint not found"),
        N_("Domain checkpoint not found: %1$s") },
    [VIR_ERR_NO_NETWORK_PORT] = {
        N_("network port not found"),
        N_("network port not found: %1$s") },
    [VIR_ERR_OPERATION_FAILED] = { N_("operation failed"), N_("operation failed: %1$s") },
    [VIR_ERR_OS_TYPE] = { N_("unknown OS type"), N_("unknown OS type %1$s") },
    [VIR_ERR_NO_SOURCE] = {
        N_("missing source information for device"),
        N_("missing source information for device %1$s") },
    [VIR_ERR_NO_TARGET] = {
        N_("missing target information for device"),
        N_("missing target information for device %1$s") },
    [VIR_ERR_NO_NAME] = { N_("missing name information"), N_("missing name information in %1$s") },
    [VIR_ERR_XML_ERROR] = {
        N_("XML description is invalid or not well formed"),
        N_("XML error: %1$s") },
    [VIR_ERR_DOM_EXIST] = { N_("this domain exists already"), N_("domain %1$s exists already") },
    [VIR_ERR_OPERATION_DENIED] = {
        N_("operation forbidden for read only access"),
        N_("operation forbidden: %1$s") },
    [VIR_ERR_OPEN_FAILED] = {
        N_("failed to open configuration file"),
        N_("failed to open configuration file %1$s") },
    [VIR_ERR_READ_FAILED] = {
        N_("failed to read configuration file"),
        N_("failed to read configuration file %1$s") },
    [VIR_ERR_PARSE_FAILED] = {
        N_("failed to parse configuration file"),
        N_("failed to parse configuration file %1$s") },
    [VIR_ERR_CONF_SYNTAX] = {
        N_("configuration file syntax error"),
        N_("configuration file syntax error: %1$s") },
    [VIR_ERR_WRITE_FAILED] = {
        N_("failed to write configuration file"),
        N_("failed to write configuration file: %1$s") },
    [VIR_ERR_XML_DETAIL] = { N_("parser error"), "%1$s" },
    [VIR_ERR_SYSTEM_ERROR] = { N_("system call error"), "%1$s" },
    [VIR_ERR_NO_DOMAIN] = { N_("Domain not found"), N_("Domain not found: %1$s") },
    [VIR_ERR_INVALID_MAC] = { N_("invalid MAC address"), N_("invalid MAC address: %1$s") },
    [VIR_ERR_OPERATION_INVALID] = {
        N_("Requested operation is not valid"),
        N_("Requested operation is not valid: %1$s") },
    [VIR_ERR_CONFIG_UNSUPPORTED] = {
        N_("unsupported configuration"),
        N_("unsupported configuration: %1$s") },
    [VIR_ERR_OPERATION_TIMEOUT] = {
        N_("Timed out during operation"),
        N_("Timed out during operation: %1$s") },
    [VIR_ERR_ARGUMENT_UNSUPPORTED] = {
        N_("argument unsupported"),
        N_("argument unsupported: %1$s") },
    [VIR_ERR_OPERATION_ABORTED] = { N_("operation aborted"), N_("operation aborted: %1$s") },
    [VIR_ERR_OVERFLOW] = { N_("numerical overflow"), N_("numerical overflow: %1$s") },
    [VIR_ERR_OPERATION_UNSUPPORTED] = {
        N_("Operation not supported"),
        N_("Operation not supported: %1$s") },
    [VIR_ERR_RESOURCE_BUSY] = { N_("resource busy"), N_("resource busy: %1$s") },
    [VIR_ERR_AUTH_FAILED] = {
        N_("authentication failed"),
        N_("authentication failed: %1$s") },
    [VIR_ERR_MULTIPLE_DOMAINS] = {
        N_("multiple matching domains found"),
        N_("multiple matching domains found: %1$s") },
};


/* The standard message of @code, with @info as detail when given. */
static char *
virErrorFormatMessage(int code, const char *info)
{
    const virErrorText *text = NULL;

    if (code > 0 && (size_t)code < G_N_ELEMENTS(virErrorTexts) &&
        virErrorTexts[code].bare)
        text = &virErrorTexts[code];

    if (!text) {
        if (info)
            return g_strdup(info);
        return g_strdup(_("An error occurred, but the cause is unknown"));
    }
    if (!info)
        return g_strdup(_(text->bare));

    /* The formats are ours and take one string; the compiler cannot see
     * that through the table. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    return g_strdup_printf(_(text->withInfo), info);
#pragma GCC diagnostic pop
}


/*
 * Stores an error as this thread's last error and logs it.  Takes
 * ownership of @message.  Preserves errno, so that callers can report
 * and then still look at the errno that made them fail.
 */
static void
virRaiseError(const char *filename, const char *funcname, size_t linenr,
              int domain, int code, char *message, const char *str1,
              const char *str2, int int1)
{
    int saved_errno = errno;
    virErrorPtr err = virLastErrorObject();

    virResetError(err);
    err->code = code;
    err->domain = domain;
    err->level = VIR_ERR_ERROR;
    err->message = message;
    err->str1 = g_strdup(str1);
    err->str2 = g_strdup(str2);
    err->int1 = int1;
    err->int2 = -1;

    virLogMessage(&virLogSelf, VIR_LOG_ERROR, filename, linenr, funcname,
                  "%s", message);
    errno = saved_errno;
}


/**
 * virReportErrorHelper:
 * @domcode: the virErrorDomain of the reporter
 * @errcode: the virErrorNumber
 * @filename: source file, for the log
 * @funcname: function, for the log
 * @linenr: line, for the log
 * @fmt: printf-style detail, or NULL for the code's bare text
 *
 * Use through virReportError().
 */
void
virReportErrorHelper(int domcode, int errcode, const char *filename,
                     const char *funcname, size_t linenr, const char *fmt, ...)
{
    int saved_errno = errno;
    g_autofree char *info = NULL;
    const virErrorText *text = NULL;
    va_list args;

    if (fmt) {
        va_start(args, fmt);
        info = g_strdup_vprintf(fmt, args);
        va_end(args);
    }
    if (errcode > 0 && (size_t)errcode < G_N_ELEMENTS(virErrorTexts))
        text = &virErrorTexts[errcode];

    virRaiseError(filename, funcname, linenr, domcode, errcode,
                  virErrorFormatMessage(errcode, info),
                  text && text->bare ? (info ? text->withInfo : text->bare) : NULL,
                  info, -1);
    errno = saved_errno;
}


/**
 * virReportInvalidArgHelper:
 * @domcode: the virErrorDomain of the reporter
 * @funcname: the public function whose argument is wrong
 * @argname: the argument's name
 * @fmt: printf-style message, used as it is
 *
 * Use through virReportInvalidArg().
 */
void
virReportInvalidArgHelper(int domcode, const char *funcname,
                          const char *argname, const char *fmt, ...)
{
    int saved_errno = errno;
    va_list args;
    char *message;

    va_start(args, fmt);
    message = g_strdup_vprintf(fmt, args);
    va_end(args);

    virRaiseError(__FILE__, funcname, __LINE__, domcode, VIR_ERR_INVALID_ARG,
                  message, funcname, argname, -1);
    errno = saved_errno;
}


/**
 * virReportSystemErrorFull:
 * @domcode: the virErrorDomain of the reporter
 * @theerrno: the errno that explains the failure
 * @filename: source file, for the log
 * @funcname: function, for the log
 * @linenr: line, for the log
 * @fmt: printf-style description of what failed
 *
 * Use through virReportSystemError().  The message is the description,
 * ": ", and the text of @theerrno.
 */
void
virReportSystemErrorFull(int domcode, int theerrno, const char *filename,
                         const char *funcname, size_t linenr,
                         const char *fmt, ...)
{
    int saved_errno = errno;
    g_autofree char *what = NULL;
    char *message;
    va_list args;

    va_start(args, fmt);
    what = g_strdup_vprintf(fmt, args);
    va_end(args);

    message = g_strdup_printf("%s: %s", what, g_strerror(theerrno));
    virRaiseError(filename, funcname, linenr, domcode, VIR_ERR_SYSTEM_ERROR,
                  message, "%s", message, theerrno);
    errno = saved_errno;
}


/**
 * virReportErrorFromError:
 * @err: an error to re-raise as this thread's last error
 *
 * Used to carry an error recorded by another thread (or saved earlier)
 * into the calling one.
 */
void
virReportErrorFromError(const virError *err)
{
    virErrorCopy(err, virLastErrorObject());
}
