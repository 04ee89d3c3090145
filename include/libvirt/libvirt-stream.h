/*
 * libvirt-stream.h: data streams
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-stream
 * @title: Streams
 * @short_description: data streams between the application and a driver
 * @include: libvirt/libvirt.h
 *
 * A stream carries data between the application and a driver: a console, a
 * volume's contents.  virStreamNew() makes one and the call that uses it opens
 * it; this library opens none, so sending and receiving report
 * VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_STREAM_H
# define LIBVIRT_STREAM_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virStreamFlags:
 * @VIR_STREAM_NONBLOCK: calls on the stream never block
 *
 * Flags for virStreamNew().
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
 * @VIR_STREAM_RECV_STOP_AT_HOLE: stop reading at a hole
 *
 * Flags for virStreamRecvFlags().
 */
typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = (1 << 0),
} virStreamRecvFlagsValues;

int virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes,
                       unsigned int flags);
int virStreamSendHole(virStreamPtr st, long long int length,
                      unsigned int flags);
int virStreamRecvHole(virStreamPtr stream, long long int *length,
                      unsigned int flags);

/**
 * virStreamSourceFunc:
 * @st: the stream
 * @data: where to put the data
 * @nbytes: the room in @data
 * @opaque: the data given when the callback was registered
 *
 * Produces the data virStreamSendAll() sends.
 *
 * Returns: the bytes put in @data, 0 at the end, -1 on error
 */
typedef int (*virStreamSourceFunc)(virStreamPtr st, char *data, size_t nbytes,
                                   void *opaque);

int virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler,
                     void *opaque);

/**
 * virStreamSourceHoleFunc:
 * @st: the stream
 * @inData: set to 1 at data, 0 at a hole
 * @length: set to the length of that section
 * @opaque: the data given when the callback was registered
 *
 * Tells virStreamSparseSendAll() where the source stands.
 *
 * Returns: 0, or -1 on error
 */
typedef int (*virStreamSourceHoleFunc)(virStreamPtr st, int *inData,
                                       long long int *length, void *opaque);

/**
 * virStreamSourceSkipFunc:
 * @st: the stream
 * @length: how far to move
 * @opaque: the data given when the callback was registered
 *
 * Moves the source of virStreamSparseSendAll() past a hole.
 *
 * Returns: 0, or -1 on error
 */
typedef int (*virStreamSourceSkipFunc)(virStreamPtr st, long long int length,
                                       void *opaque);

int virStreamSparseSendAll(virStreamPtr st, virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler, void *opaque);

/**
 * virStreamSinkFunc:
 * @st: the stream
 * @data: the data
 * @nbytes: its length
 * @opaque: the data given when the callback was registered
 *
 * Takes the data virStreamRecvAll() receives.
 *
 * Returns: the bytes taken, or -1 on error
 */
typedef int (*virStreamSinkFunc)(virStreamPtr st, const char *data,
                                 size_t nbytes, void *opaque);

int virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque);

/**
 * virStreamSinkHoleFunc:
 * @st: the stream
 * @length: the hole's length
 * @opaque: the data given when the callback was registered
 *
 * Takes a hole virStreamSparseRecvAll() receives.
 *
 * Returns: 0, or -1 on error
 */
typedef int (*virStreamSinkHoleFunc)(virStreamPtr st, long long int length,
                                     void *opaque);

int virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler, void *opaque);

/**
 * virStreamEventType:
 * @VIR_STREAM_EVENT_READABLE: data can be read
 * @VIR_STREAM_EVENT_WRITABLE: data can be written
 * @VIR_STREAM_EVENT_ERROR: an error occurred
 * @VIR_STREAM_EVENT_HANGUP: the other end closed the stream
 *
 * What can happen on a stream.
 */
typedef enum {
    VIR_STREAM_EVENT_READABLE = (1 << 0),
    VIR_STREAM_EVENT_WRITABLE = (1 << 1),
    VIR_STREAM_EVENT_ERROR = (1 << 2),
    VIR_STREAM_EVENT_HANGUP = (1 << 3),
} virStreamEventType;

/**
 * virStreamEventCallback:
 * @stream: the stream
 * @events: virStreamEventType bits
 * @opaque: the data given when the callback was registered
 *
 * Called when something the application watches for happens on a stream.
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
