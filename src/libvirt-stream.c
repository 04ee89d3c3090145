/*
 * libvirt-stream.c: the stream entry points the library implements
 *
 * A stream is created empty by virStreamNew() and opened by the call
 * that uses it (virDomainOpenConsole(), virStorageVolUpload(), ...),
 * which gives it a driver.  The loops that move a whole stream through
 * application callbacks are built here on virStreamSend() and
 * virStreamRecv(), so they work with any stream driver.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

VIR_LOG_INIT("libvirt.st");

/* How much the loops below move per call. */
#define VIR_STREAM_CHUNK (64 * 1024)


/**
 * virStreamNew:
 * @conn: a connection
 * @flags: bitwise-OR of virStreamFlags
 *
 * Creates a stream that a later call (virDomainOpenConsole(),
 * virStorageVolDownload(), ...) connects to a data source or sink.
 *
 * Returns: the stream, to be released with virStreamFree(), or NULL on
 * error.
 */
virStreamPtr
virStreamNew(virConnectPtr conn, unsigned int flags)
{
    virStreamPtr st;

    VIR_DEBUG("conn=%p flags=0x%x", conn, flags);
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    st = virGetStream(conn);
    st->flags = flags;
    return st;
}


/* Data sources cannot feed a stream that refuses to block. */
static int
virStreamCheckBlocking(virStreamPtr st)
{
    if (st->flags & VIR_STREAM_NONBLOCK) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("data sources cannot be used for non-blocking streams"));
        return -1;
    }
    return 0;
}


/* Sends all of @buf; returns 0 or -1. */
static int
virStreamSendFully(virStreamPtr st, const char *buf, size_t len)
{
    size_t off = 0;

    while (off < len) {
        int done = virStreamSend(st, buf + off, len - off);

        if (done < 0)
            return -1;
        off += done;
    }
    return 0;
}


/**
 * virStreamSendAll:
 * @st: an opened, blocking stream
 * @handler: fills a buffer with the next data; returns the bytes it
 *           filled, 0 at the end, or -1 to give up
 * @opaque: passed to @handler
 *
 * Sends everything @handler produces, then returns; the caller still
 * calls virStreamFinish().  On failure the stream is aborted.
 *
 * Returns: 0, or -1 on error.
 */
int
virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler, void *opaque)
{
    g_autofree char *buf = NULL;

    VIR_DEBUG("st=%p handler=%p opaque=%p", st, handler, opaque);
    virResetLastError();
    virCheckStreamReturn(st, -1);
    virCheckNonNullArgGoto(handler, error);
    if (virStreamCheckBlocking(st) < 0)
        goto error;
    buf = g_new(char, VIR_STREAM_CHUNK);
    for (;;) {
        int got = handler(st, buf, VIR_STREAM_CHUNK, opaque);

        if (got < 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("the stream's data source failed"));
            goto abort;
        }
        if (got == 0)
            break;
        if (virStreamSendFully(st, buf, got) < 0)
            goto abort;
    }
    return 0;

 abort:
    if (st->driver && st->driver->streamAbort) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        st->driver->streamAbort(st);
        virErrorRestore(&saved);
    }
 error:
    virDispatchError(st->conn);
    return -1;
}


/**
 * virStreamSparseSendAll:
 * @st: an opened, blocking stream
 * @handler: fills a buffer with the next data, as for virStreamSendAll()
 * @holeHandler: tells whether the source is at data or at a hole, and
 *               how long that section is
 * @skipHandler: moves the source past a hole
 * @opaque: passed to the handlers
 *
 * Sends a source that has holes (a sparse file) without sending the
 * holes' zeros: each hole is sent as its length.
 *
 * Returns: 0, or -1 on error.
 */
int
virStreamSparseSendAll(virStreamPtr st, virStreamSourceFunc handler,
                       virStreamSourceHoleFunc holeHandler,
                       virStreamSourceSkipFunc skipHandler, void *opaque)
{
    g_autofree char *buf = NULL;

    VIR_DEBUG("st=%p handler=%p holeHandler=%p skipHandler=%p opaque=%p",
              st, handler, holeHandler, skipHandler, opaque);
    virResetLastError();
    virCheckStreamReturn(st, -1);
    virCheckNonNullArgGoto(handler, error);
    virCheckNonNullArgGoto(holeHandler, error);
    virCheckNonNullArgGoto(skipHandler, error);
    if (virStreamCheckBlocking(st) < 0)
        goto error;
    buf = g_new(char, VIR_STREAM_CHUNK);
    for (;;) {
        int inData = 0;
        long long section = 0;
        int got;

        if (holeHandler(st, &inData, &section, opaque) < 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("the stream's data source failed"));
            goto abort;
        }
        if (!inData && section > 0) {
            if (virStreamSendHole(st, section, 0) < 0)
                goto abort;
            if (skipHandler(st, section, opaque) < 0) {
                virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                               _("the stream's data source failed"));
                goto abort;
            }
            continue;
        }
        got = handler(st, buf,
                      section > 0 && section < VIR_STREAM_CHUNK ? section : VIR_STREAM_CHUNK,
                      opaque);
        if (got < 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("the stream's data source failed"));
            goto abort;
        }
        if (got == 0)
            break;
        if (virStreamSendFully(st, buf, got) < 0)
            goto abort;
    }
    return 0;

 abort:
    if (st->driver && st->driver->streamAbort) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        st->driver->streamAbort(st);
        virErrorRestore(&saved);
    }
 error:
    virDispatchError(st->conn);
    return -1;
}


/* Hands all of @buf to @handler; returns 0 or -1. */
static int
virStreamSinkFully(virStreamPtr st, virStreamSinkFunc handler, const char *buf,
                   size_t len, void *opaque)
{
    size_t off = 0;

    while (off < len) {
        int done = handler(st, buf + off, len - off, opaque);

        if (done <= 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("the stream's data sink failed"));
            return -1;
        }
        off += done;
    }
    return 0;
}


/**
 * virStreamRecvAll:
 * @st: an opened, blocking stream
 * @handler: takes the next data; returns the bytes it took, or -1 to
 *           give up
 * @opaque: passed to @handler
 *
 * Receives everything until the end of the stream and hands it to
 * @handler.  On failure the stream is aborted.
 *
 * Returns: 0, or -1 on error.
 */
int
virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque)
{
    g_autofree char *buf = NULL;

    VIR_DEBUG("st=%p handler=%p opaque=%p", st, handler, opaque);
    virResetLastError();
    virCheckStreamReturn(st, -1);
    virCheckNonNullArgGoto(handler, error);
    if (virStreamCheckBlocking(st) < 0)
        goto error;
    buf = g_new(char, VIR_STREAM_CHUNK);
    for (;;) {
        int got = virStreamRecv(st, buf, VIR_STREAM_CHUNK);

        if (got < 0)
            goto abort;
        if (got == 0)
            break;
        if (virStreamSinkFully(st, handler, buf, got, opaque) < 0)
            goto abort;
    }
    return 0;

 abort:
    if (st->driver && st->driver->streamAbort) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        st->driver->streamAbort(st);
        virErrorRestore(&saved);
    }
 error:
    virDispatchError(st->conn);
    return -1;
}


/**
 * virStreamSparseRecvAll:
 * @stream: an opened, blocking stream
 * @handler: takes the next data, as for virStreamRecvAll()
 * @holeHandler: takes a hole of the given length
 * @opaque: passed to the handlers
 *
 * Receives a stream that has holes, handing data to @handler and holes to
 * @holeHandler, until its end.
 *
 * Returns: 0, or -1 on error.
 */
int
virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                       virStreamSinkHoleFunc holeHandler, void *opaque)
{
    g_autofree char *buf = NULL;

    VIR_DEBUG("stream=%p handler=%p holeHandler=%p opaque=%p", stream, handler,
              holeHandler, opaque);
    virResetLastError();
    virCheckStreamReturn(stream, -1);
    virCheckNonNullArgGoto(handler, error);
    virCheckNonNullArgGoto(holeHandler, error);
    if (virStreamCheckBlocking(stream) < 0)
        goto error;
    buf = g_new(char, VIR_STREAM_CHUNK);
    for (;;) {
        int got = virStreamRecvFlags(stream, buf, VIR_STREAM_CHUNK,
                                     VIR_STREAM_RECV_STOP_AT_HOLE);

        if (got == -3) {
            long long length = 0;

            if (virStreamRecvHole(stream, &length, 0) < 0)
                goto abort;
            if (holeHandler(stream, length, opaque) < 0) {
                virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                               _("the stream's data sink failed"));
                goto abort;
            }
            continue;
        }
        if (got < 0)
            goto abort;
        if (got == 0)
            break;
        if (virStreamSinkFully(stream, handler, buf, got, opaque) < 0)
            goto abort;
    }
    return 0;

 abort:
    if (stream->driver && stream->driver->streamAbort) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        stream->driver->streamAbort(stream);
        virErrorRestore(&saved);
    }
 error:
    virDispatchError(stream->conn);
    return -1;
}
