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

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_COMMON_H */
