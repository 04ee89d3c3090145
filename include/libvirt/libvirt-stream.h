/*
 * libvirt-stream.h: FIXME
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-stream
 * @title: FIXME
 * @short_description: FIXME
 * @include: libvirt/libvirt.h
 *
 * FIXME
 */

#ifndef LIBVIRT_STREAM_H
# define LIBVIRT_STREAM_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virStreamFlags:
 * @VIR_STREAM_NONBLOCK: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STREAM_NONBLOCK = (1 << 0),
} virStreamFlags;

virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRef(virStreamPtr st);
int virStreamSend(virStreamPtr st, const char *data, size_t nbytes);
int virStreamRecv(virStreamPtr st, char *data, size_t nbytes);

/**
 * virStreamRecvFlagsValues:
 * @VIR_STREAM_RECV_STOP_AT_HOLE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = (1 << 0),
} virStreamRecvFlagsValues;

int virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes,
                       unsigned int flags);
int virStreamSendHole(virStreamPtr st, long long length, unsigned int flags);
int virStreamRecvHole(virStreamPtr stream, long long *length,
                      unsigned int flags);

/**
 * virStreamSourceFunc:
 * @st: FIXME
 * @data: FIXME
 * @nbytes: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 *
 * Returns: FIXME
 */
typedef int (*virStreamSourceFunc)(virStreamPtr st, char *data, size_t nbytes,
                                   void *opaque);

int virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler,
                     void *opaque);

/**
 * virStreamSourceHoleFunc:
 * @st: FIXME
 * @inData: FIXME
 * @length: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 *
 * Returns: FIXME
 */
typedef int (*virStreamSourceHoleFunc)(virStreamPtr st, int *inData,
                                       long long *length, void *opaque);

/**
 * virStreamSourceSkipFunc:
 * @st: FIXME
 * @length: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 *
 * Returns: FIXME
 */
typedef int (*virStreamSourceSkipFunc)(virStreamPtr st, long long length,
                                       void *opaque);

int virStreamSparseSendAll(virStreamPtr st, virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler, void *opaque);

/**
 * virStreamSinkFunc:
 * @st: FIXME
 * @data: FIXME
 * @nbytes: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 *
 * Returns: FIXME
 */
typedef int (*virStreamSinkFunc)(virStreamPtr st, const char *data,
                                 size_t nbytes, void *opaque);

int virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque);

/**
 * virStreamSinkHoleFunc:
 * @st: FIXME
 * @length: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 *
 * Returns: FIXME
 */
typedef int (*virStreamSinkHoleFunc)(virStreamPtr st, long long length,
                                     void *opaque);

int virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler, void *opaque);

/**
 * virStreamEventType:
 * @VIR_STREAM_EVENT_READABLE: FIXME
 * @VIR_STREAM_EVENT_WRITABLE: FIXME
 * @VIR_STREAM_EVENT_ERROR: FIXME
 * @VIR_STREAM_EVENT_HANGUP: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STREAM_EVENT_READABLE = (1 << 0),
    VIR_STREAM_EVENT_WRITABLE = (1 << 1),
    VIR_STREAM_EVENT_ERROR = (1 << 2),
    VIR_STREAM_EVENT_HANGUP = (1 << 3),
} virStreamEventType;

/**
 * virStreamEventCallback:
 * @stream: FIXME
 * @events: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 */
typedef void (*virStreamEventCallback)(virStreamPtr stream, int events,
                                       void *opaque);

int virStreamEventAddCallback(virStreamPtr stream, int events,
                              virStreamEventCallback cb, void *opaque,
                              virFreeCallback ff);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);
int virStreamEventRemoveCallback(virStreamPtr stream);
int virStreamFinish(virStreamPtr st);
int virStreamAbort(virStreamPtr st);
int virStreamFree(virStreamPtr st);

#endif /* LIBVIRT_STREAM_H */
