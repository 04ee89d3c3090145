/*
 * libvirt-common.h: definitions shared by every part of the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-common
 * @title: Common definitions
 * @short_description: versions and types shared by every part of the API
 * @include: libvirt/libvirt.h
 *
 * The API level the headers describe, and the types several parts of the API
 * share.
 */

#if !defined __VIR_LIBVIRT_H_INCLUDES__
# error "Include <libvirt/libvirt.h> rather than this file"
#endif

#ifndef LIBVIRT_COMMON_H
# define LIBVIRT_COMMON_H

# include <sys/types.h>

# ifdef __cplusplus
extern "C" {
# endif

/**
 * VIR_DEPRECATED:
 *
 * Marks a declaration applications should no longer use: compilers that
 * know the attribute warn where it is used.  Define it empty before
 * including the headers to silence the warnings.
 */
# ifndef VIR_DEPRECATED
#  if defined(__GNUC__)
#   define VIR_DEPRECATED __attribute__((__deprecated__))
#  else
#   define VIR_DEPRECATED
#  endif
# endif

/**
 * VIR_EXPORT_VAR:
 *
 * Declares a variable the library exports.
 */
# define VIR_EXPORT_VAR extern

/**
 * LIBVIR_VERSION_NUMBER:
 *
 * The API level these headers describe, as major * 1,000,000 +
 * minor * 1,000 + micro.  We track the upstream libvirt release whose
 * interface we implement, so that version checks in applications keep
 * meaning what they mean against upstream.
 */
# define LIBVIR_VERSION_NUMBER 9000000

/**
 * LIBVIR_CHECK_VERSION:
 * @major: major component of the version
 * @minor: minor component of the version
 * @micro: micro component of the version
 *
 * True when the headers describe at least the given API level.
 */
# define LIBVIR_CHECK_VERSION(major, minor, micro) \
    ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

/**
 * virFreeCallback:
 * @opaque: the data the caller registered alongside a callback
 *
 * Called by the library when it no longer needs @opaque, so that the
 * application can release it.
 */
typedef void (*virFreeCallback)(void *opaque);

/**
 * virConnectCloseReason:
 * @VIR_CONNECT_CLOSE_REASON_ERROR: an I/O error on the transport
 * @VIR_CONNECT_CLOSE_REASON_EOF: the other end went away
 * @VIR_CONNECT_CLOSE_REASON_KEEPALIVE: keepalive messages went unanswered
 * @VIR_CONNECT_CLOSE_REASON_CLIENT: the application closed it
 * @VIR_CONNECT_CLOSE_REASON_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a connection was closed behind the application's back.
 */
typedef enum {
    VIR_CONNECT_CLOSE_REASON_ERROR = 0,
    VIR_CONNECT_CLOSE_REASON_EOF = 1,
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE = 2,
    VIR_CONNECT_CLOSE_REASON_CLIENT = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_CLOSE_REASON_LAST
# endif
} virConnectCloseReason;

/**
 * virTypedParameterType:
 * @VIR_TYPED_PARAM_INT: an int, in value.i
 * @VIR_TYPED_PARAM_UINT: an unsigned int, in value.ui
 * @VIR_TYPED_PARAM_LLONG: a long long, in value.l
 * @VIR_TYPED_PARAM_ULLONG: an unsigned long long, in value.ul
 * @VIR_TYPED_PARAM_DOUBLE: a double, in value.d
 * @VIR_TYPED_PARAM_BOOLEAN: a boolean, 0 or 1 in value.b
 * @VIR_TYPED_PARAM_STRING: a string, in value.s
 * @VIR_TYPED_PARAM_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The type of the value of a virTypedParameter.
 */
typedef enum {
    VIR_TYPED_PARAM_INT = 1,
    VIR_TYPED_PARAM_UINT = 2,
    VIR_TYPED_PARAM_LLONG = 3,
    VIR_TYPED_PARAM_ULLONG = 4,
    VIR_TYPED_PARAM_DOUBLE = 5,
    VIR_TYPED_PARAM_BOOLEAN = 6,
    VIR_TYPED_PARAM_STRING = 7,
# ifdef VIR_ENUM_SENTINELS
    VIR_TYPED_PARAM_LAST
# endif
} virTypedParameterType;

/**
 * virTypedParameterFlags:
 * @VIR_TYPED_PARAM_STRING_OKAY: the caller can take string parameters (older
 *     callers cannot)
 *
 * Flags the calls returning typed parameters take.
 */
typedef enum {
    VIR_TYPED_PARAM_STRING_OKAY = 1 << 2,
} virTypedParameterFlags;

/**
 * VIR_TYPED_PARAM_FIELD_LENGTH:
 *
 * Bytes of the field name of a virTypedParameter, with the final NUL.
 */
# define VIR_TYPED_PARAM_FIELD_LENGTH 80

/**
 * virTypedParameter:
 * @field: the parameter's name, NUL-terminated
 * @type: a virTypedParameterType, saying which member of the value holds it
 *
 * A named value of one of several types, in the arrays of parameters many
 * calls take and return; the virTypedParams*() functions build and read
 * them.  The value is the union "value": value.i, .ui, .l, .ul, .d, .b or
 * .s, as @type says.
 */
typedef struct _virTypedParameter virTypedParameter;

struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH];
    int type;
    union {
        int i;
        unsigned int ui;
        long long int l;
        unsigned long long int ul;
        double d;
        char b;
        char *s;
    } value;
};

/**
 * virTypedParameterPtr:
 *
 * A pointer to a virTypedParameter.
 */
typedef virTypedParameter *virTypedParameterPtr;

virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params,
                                       int nparams, const char *name);
int virTypedParamsGetInt(virTypedParameterPtr params, int nparams,
                         const char *name, int *value);
int virTypedParamsGetUInt(virTypedParameterPtr params, int nparams,
                          const char *name, unsigned int *value);
int virTypedParamsGetLLong(virTypedParameterPtr params, int nparams,
                           const char *name, long long int *value);
int virTypedParamsGetULLong(virTypedParameterPtr params, int nparams,
                            const char *name, unsigned long long *value);
int virTypedParamsGetDouble(virTypedParameterPtr params, int nparams,
                            const char *name, double *value);
int virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams,
                             const char *name, int *value);
int virTypedParamsGetString(virTypedParameterPtr params, int nparams,
                            const char *name, const char **value);
int virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams,
                         int *maxparams, const char *name, int value);
int virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams,
                          int *maxparams, const char *name, unsigned int value);
int virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams,
                           int *maxparams, const char *name,
                           long long int value);
int virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name,
                            unsigned long long value);
int virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, double value);
int virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams,
                             int *maxparams, const char *name, int value);
int virTypedParamsAddString(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name,
                            const char *value);
int virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams,
                                int *maxparams, const char *name,
                                const char **values);
int virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams,
                                int *maxparams, const char *name, int type,
                                const char *value);
void virTypedParamsClear(virTypedParameterPtr params, int nparams);
void virTypedParamsFree(virTypedParameterPtr params, int nparams);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_COMMON_H */
