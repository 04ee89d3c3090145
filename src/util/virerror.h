/*
 * virerror.h: reporting errors inside the library
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

/*
 * Every source file defines VIR_FROM_THIS (a virErrorDomain) before
 * reporting, so that each error says which part of the library raised it.
 */

void virReportErrorHelper(int domcode, int errcode, const char *filename,
                          const char *funcname, size_t linenr,
                          const char *fmt, ...) G_GNUC_PRINTF(6, 7);

void virReportSystemErrorFull(int domcode, int theerrno, const char *filename,
                              const char *funcname, size_t linenr,
                              const char *fmt, ...) G_GNUC_PRINTF(6, 7);

void virReportErrorFromError(const virError *err);

/**
 * virReportError:
 * @code: a virErrorNumber
 * @...: printf-style format and arguments, or NULL for the bare prefix
 *
 * Records an error as the calling thread's last error.  The message is
 * the code's standard prefix followed by the formatted detail.
 */
#define virReportError(code, ...) \
    virReportErrorHelper(VIR_FROM_THIS, code, __FILE__, __func__, __LINE__, \
                         __VA_ARGS__)

/**
 * virReportSystemError:
 * @theerrno: the errno value that explains the failure
 * @fmt: printf-style format, then its arguments
 *
 * Records VIR_ERR_SYSTEM_ERROR with the formatted message followed by
 * the text of @theerrno.
 */
#define virReportSystemError(theerrno, ...) \
    virReportSystemErrorFull(VIR_FROM_THIS, theerrno, __FILE__, __func__, \
                             __LINE__, __VA_ARGS__)

void virReportInvalidArgHelper(int domcode, const char *funcname,
                               const char *argname, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/**
 * virReportInvalidArg:
 * @argname: the name of the offending argument
 * @...: printf-style format and arguments
 *
 * Records VIR_ERR_INVALID_ARG with exactly the formatted message (no
 * standard prefix), as upstream does for argument checks.
 */
#define virReportInvalidArg(argname, ...) \
    virReportInvalidArgHelper(VIR_FROM_THIS, __func__, #argname, __VA_ARGS__)


/**
 * virCheckFlags:
 * @supported: the flags the calling function accepts
 * @retval: what it returns when others are set
 *
 * First statement of every function that takes flags: reports
 * VIR_ERR_INVALID_ARG naming the unknown bits and the function.
 */
#define virCheckFlags(supported, retval) \
    do { \
        unsigned int _unknown = flags & ~(unsigned int)(supported); \
        if (_unknown) { \
            virReportInvalidArg(flags, \
                                _("unsupported flags (0x%1$x) in function %2$s"), \
                                _unknown, __func__); \
            return retval; \
        } \
    } while (0)

/**
 * virCheckFlagsGoto:
 * @supported: the flags the calling function accepts
 * @label: where to jump when others are set
 */
#define virCheckFlagsGoto(supported, label) \
    do { \
        unsigned int _unknown = flags & ~(unsigned int)(supported); \
        if (_unknown) { \
            virReportInvalidArg(flags, \
                                _("unsupported flags (0x%1$x) in function %2$s"), \
                                _unknown, __func__); \
            goto label; \
        } \
    } while (0)

/**
 * virCheckNonNullArgReturn:
 * @arg: an argument that must not be NULL
 * @retval: what to return when it is
 */
#define virCheckNonNullArgReturn(arg, retval) \
    do { \
        if (!(arg)) { \
            virReportInvalidArg(arg, _("%1$s in %2$s must not be NULL"), \
                                #arg, __func__); \
            return retval; \
        } \
    } while (0)

#define virCheckNonNullArgGoto(arg, label) \
    do { \
        if (!(arg)) { \
            virReportInvalidArg(arg, _("%1$s in %2$s must not be NULL"), \
                                #arg, __func__); \
            goto label; \
        } \
    } while (0)

#define virCheckPositiveArgGoto(arg, label) \
    do { \
        if ((arg) <= 0) { \
            virReportInvalidArg(arg, _("%1$s in %2$s must be greater than zero"), \
                                #arg, __func__); \
            goto label; \
        } \
    } while (0)

#define virCheckNonNegativeArgGoto(arg, label) \
    do { \
        if ((arg) < 0) { \
            virReportInvalidArg(arg, _("%1$s in %2$s must be zero or greater"), \
                                #arg, __func__); \
            goto label; \
        } \
    } while (0)

#define virCheckNonZeroArgGoto(arg, label) \
    do { \
        if ((arg) == 0) { \
            virReportInvalidArg(arg, _("%1$s in %2$s must not be zero"), \
                                #arg, __func__); \
            goto label; \
        } \
    } while (0)

#define virCheckNullArgGoto(arg, label) \
    do { \
        if ((arg) != NULL) { \
            virReportInvalidArg(arg, _("%1$s in %2$s must be NULL"), \
                                #arg, __func__); \
            goto label; \
        } \
    } while (0)

/**
 * VIR_EXCLUSIVE_FLAGS_GOTO:
 * @flag1: a flag
 * @flag2: a flag that must not be set with @flag1
 * @label: where to jump when both are in the caller's @flags
 */
#define VIR_EXCLUSIVE_FLAGS_GOTO(flag1, flag2, label) \
    do { \
        if ((flags & (flag1)) && (flags & (flag2))) { \
            virReportInvalidArg(flags, \
                                _("Flags '%1$s' and '%2$s' are mutually exclusive"), \
                                #flag1, #flag2); \
            goto label; \
        } \
    } while (0)

#define virCheckReadOnlyGoto(connflags, label) \
    do { \
        if ((connflags) & VIR_CONNECT_RO) { \
            virReportErrorHelper(VIR_FROM_THIS, VIR_ERR_OPERATION_DENIED, \
                                 __FILE__, __func__, __LINE__, \
                                 _("read only access prevents %1$s"), \
                                 __func__); \
            goto label; \
        } \
    } while (0)

/* The last error of the calling thread, or NULL; not a copy. */
virErrorPtr virErrorLast(void);

/*
 * Cleanup paths must not clobber the error that sent them there:
 * preserve it first, restore it after.
 */
void virErrorPreserveLast(virErrorPtr *saveerr);
void virErrorRestore(virErrorPtr *savederr);

/*
 * Hands the thread's last error to a handler: @handler when not NULL
 * (a connection's own), else the one set with virSetErrorFunc(), else
 * virDefaultErrorFunc().  Public entry points call this (through
 * virDispatchError() in datatypes.c) once when they fail.
 */
void virErrorDispatch(virErrorFunc handler, void *userData);

/* Copies an error; every string is duplicated. */
void virErrorCopy(const virError *from, virErrorPtr to);

/* The name of an error domain, as printed by virDefaultErrorFunc(). */
const char *virErrorDomainName(int domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virError, virFreeError);
