/*
 * virnetmessage.c: framing and XDR of libvirt RPC messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <arpa/inet.h>

#include "virnetmessage.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("rpc.virnetmessage");


/**
 * virNetMessageDecodeLength:
 * @buf: the first 4 bytes of a frame
 * @len: where to store the frame's length, length word included
 *
 * Returns: 0, or -1 with VIR_ERR_RPC reported when the length is below
 * the smallest frame or above the largest, before anything is read or
 * allocated for it.
 */
int
virNetMessageDecodeLength(const char *buf, size_t *len)
{
    uint32_t word;

    memcpy(&word, buf, sizeof(word));
    word = ntohl(word);
    if (word < VIR_NET_MESSAGE_FRAME_MIN || word > VIR_NET_MESSAGE_FRAME_MAX) {
        virReportError(VIR_ERR_RPC,
                       _("packet %1$u bytes received from server too large, want %2$d"),
                       word, VIR_NET_MESSAGE_FRAME_MAX);
        return -1;
    }
    *len = word;
    return 0;
}


/* Decodes with XDR from @buf, requiring that exactly @len bytes are
 * consumed: trailing bytes are as bad as missing ones. */
static int
virNetMessageDecodeExact(const char *buf, size_t len, xdrproc_t filter,
                         void *data)
{
    XDR xdr;
    bool ok;

    xdrmem_create(&xdr, (char *)buf, len, XDR_DECODE);
    ok = filter(&xdr, data, 0) && xdr_getpos(&xdr) == len;
    xdr_destroy(&xdr);
    if (!ok) {
        /* What was decoded before the failure is released too. */
        xdr_free(filter, data);
        virReportError(VIR_ERR_RPC, "%s", _("Unable to decode message payload"));
        return -1;
    }
    return 0;
}


/**
 * virNetMessageDecodeHeader:
 * @frame: a whole frame, length word first
 * @len: its length, as virNetMessageDecodeLength() gave it
 * @hdr: where to store the header
 *
 * Returns: 0, or -1 with VIR_ERR_RPC reported.
 */
int
virNetMessageDecodeHeader(const char *frame, size_t len,
                          virNetMessageHeader *hdr)
{
    XDR xdr;
    bool ok;

    if (len < VIR_NET_MESSAGE_FRAME_MIN) {
        virReportError(VIR_ERR_RPC, "%s", _("Unable to decode message header"));
        return -1;
    }
    xdrmem_create(&xdr, (char *)frame + VIR_NET_MESSAGE_LEN_MAX,
                  VIR_NET_MESSAGE_HEADER_MAX, XDR_DECODE);
    ok = xdr_virNetMessageHeader(&xdr, hdr);
    xdr_destroy(&xdr);
    if (!ok) {
        virReportError(VIR_ERR_RPC, "%s", _("Unable to decode message header"));
        return -1;
    }
    return 0;
}


/**
 * virNetMessageDecodePayload:
 * @frame: a whole frame
 * @len: its length
 * @filter: the XDR routine of the payload's type
 * @data: where to decode it (zeroed by the caller; free with xdr_free())
 *
 * Returns: 0, or -1 with VIR_ERR_RPC reported when the payload does not
 * decode or does not end where the frame does.
 */
int
virNetMessageDecodePayload(const char *frame, size_t len, xdrproc_t filter,
                           void *data)
{
    return virNetMessageDecodeExact(frame + VIR_NET_MESSAGE_FRAME_MIN,
                                    len - VIR_NET_MESSAGE_FRAME_MIN,
                                    filter, data);
}


/**
 * virNetMessageEncode:
 * @hdr: the header
 * @filter: the XDR routine of the payload, or xdr_void
 * @data: the payload, or NULL
 * @retframe: where to store the frame (g_free it)
 * @retlen: its length
 *
 * Returns: 0, or -1 with VIR_ERR_RPC reported when the payload does not
 * fit in the largest frame.
 */
int
virNetMessageEncode(const virNetMessageHeader *hdr, xdrproc_t filter,
                    void *data, char **retframe, size_t *retlen)
{
    size_t size = VIR_NET_MESSAGE_INITIAL;

    for (;;) {
        g_autofree char *buf = g_malloc0(size);
        uint32_t word;
        XDR xdr;
        bool ok;
        size_t len;

        xdrmem_create(&xdr, buf + VIR_NET_MESSAGE_LEN_MAX,
                      size - VIR_NET_MESSAGE_LEN_MAX, XDR_ENCODE);
        ok = xdr_virNetMessageHeader(&xdr, (virNetMessageHeader *)hdr) &&
             filter(&xdr, data, 0);
        len = xdr_getpos(&xdr) + VIR_NET_MESSAGE_LEN_MAX;
        xdr_destroy(&xdr);
        if (ok) {
            word = htonl(len);
            memcpy(buf, &word, sizeof(word));
            *retframe = g_steal_pointer(&buf);
            *retlen = len;
            return 0;
        }
        if (size >= VIR_NET_MESSAGE_FRAME_MAX) {
            virReportError(VIR_ERR_RPC, "%s",
                           _("Unable to encode message payload"));
            return -1;
        }
        size = MIN(size * 4, (size_t)VIR_NET_MESSAGE_FRAME_MAX);
    }
}


/**
 * virNetMessageEncodeError:
 * @call: the header of the call that failed
 * @err: the error to send, or NULL for a generic one
 * @retframe: where to store the reply frame
 * @retlen: its length
 *
 * Builds the REPLY with status ERROR for @call: the same program,
 * version, procedure and serial, and @err as the payload.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virNetMessageEncodeError(const virNetMessageHeader *call, const virError *err,
                         char **retframe, size_t *retlen)
{
    virNetMessageHeader hdr = *call;
    virNetMessageError rerr = { 0 };
    char *message = NULL;
    char *str1 = NULL;
    char *str2 = NULL;
    char *str3 = NULL;

    hdr.type = VIR_NET_REPLY;
    hdr.status = VIR_NET_ERROR;
    if (err && err->code != VIR_ERR_OK) {
        rerr.code = err->code;
        rerr.domain = err->domain;
        rerr.level = err->level;
        message = err->message;
        str1 = err->str1;
        str2 = err->str2;
        str3 = err->str3;
        rerr.int1 = err->int1;
        rerr.int2 = err->int2;
    } else {
        rerr.code = VIR_ERR_INTERNAL_ERROR;
        rerr.domain = VIR_FROM_RPC;
        rerr.level = VIR_ERR_ERROR;
        message = (char *)_("Library function returned error but did not set virError");
        rerr.int1 = -1;
        rerr.int2 = -1;
    }
    rerr.message = message ? &message : NULL;
    rerr.str1 = str1 ? &str1 : NULL;
    rerr.str2 = str2 ? &str2 : NULL;
    rerr.str3 = str3 ? &str3 : NULL;
    return virNetMessageEncode(&hdr, (xdrproc_t)xdr_virNetMessageError, &rerr,
                               retframe, retlen);
}


/**
 * virNetMessageReportError:
 * @err: an error payload decoded from a peer
 *
 * Makes the peer's error the calling thread's last error, as it came:
 * code, domain, message and the extra strings, so an application sees
 * exactly what it would see with the driver in its own process.
 */
void
virNetMessageReportError(const virNetMessageError *err)
{
    virError e = { 0 };

    e.code = err->code;
    e.domain = err->domain;
    e.level = err->level;
    e.message = err->message && *err->message ? *err->message :
        (char *)_("Unknown error");
    e.str1 = err->str1 ? *err->str1 : NULL;
    e.str2 = err->str2 ? *err->str2 : NULL;
    e.str3 = err->str3 ? *err->str3 : NULL;
    e.int1 = err->int1;
    e.int2 = err->int2;
    if (e.code == VIR_ERR_OK) {
        e.code = VIR_ERR_RPC;
        e.domain = VIR_FROM_RPC;
    }
    virReportErrorFromError(&e);
}


/* Reads exactly @len bytes.  Returns 1, 0 on a clean EOF before the
 * first byte, -1 with errno set otherwise (ECONNRESET for an EOF in the
 * middle). */
static int
virNetMessageReadFull(virNetSocket *sock, char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = virNetSocketRead(sock, buf + got, len - got);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) {
            if (got == 0)
                return 0;
            errno = ECONNRESET;
            return -1;
        }
        got += n;
    }
    return 1;
}


/**
 * virNetMessageRead:
 * @sock: a connected socket
 * @retframe: where to store the frame (g_free it)
 * @retlen: its length
 * @max: the largest frame accepted
 *
 * Reads one frame.  The length word is checked before the rest is
 * read, so a hostile length costs nothing.
 *
 * Returns: 1 with a frame, 0 on end of file between frames, -1 with an
 * error reported (a bad length, a read error, a frame cut short).
 */
int
virNetMessageRead(virNetSocket *sock, char **retframe, size_t *retlen, size_t max)
{
    char lenbuf[VIR_NET_MESSAGE_LEN_MAX];
    g_autofree char *frame = NULL;
    size_t len;
    int rc;

    if ((rc = virNetMessageReadFull(sock, lenbuf, sizeof(lenbuf))) <= 0) {
        if (rc < 0) {
            virReportSystemError(errno, "%s", _("Cannot recv data"));
            return -1;
        }
        return 0;
    }
    if (virNetMessageDecodeLength(lenbuf, &len) < 0)
        return -1;
    if (len > max) {
        virReportError(VIR_ERR_RPC,
                       _("packet %1$zu bytes received from server too large, want %2$zu"),
                       len, max);
        return -1;
    }
    frame = g_malloc(len);
    memcpy(frame, lenbuf, sizeof(lenbuf));
    if (virNetMessageReadFull(sock, frame + sizeof(lenbuf),
                              len - sizeof(lenbuf)) <= 0) {
        virReportSystemError(errno ? errno : ECONNRESET, "%s",
                             _("Cannot recv data"));
        return -1;
    }
    *retframe = g_steal_pointer(&frame);
    *retlen = len;
    return 1;
}


/**
 * virNetMessageWrite:
 * @sock: a connected socket
 * @frame: a whole frame
 * @len: its length
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virNetMessageWrite(virNetSocket *sock, const char *frame, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = virNetSocketWrite(sock, frame + done, len - done);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            virReportSystemError(errno, "%s", _("Cannot write data"));
            return -1;
        }
        done += n;
    }
    return 0;
}
