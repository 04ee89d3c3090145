/*
 * virnetmessage.h: framing and XDR of libvirt RPC messages
 *
 * A frame is a 4-byte big-endian length that counts the whole frame,
 * the 24-byte header, then the payload.  Everything here treats the
 * bytes it is given as hostile: lengths are checked before anything is
 * allocated, and a payload must decode exactly, with nothing left over.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <rpc/rpc.h>

#include "internal.h"
#include "virnetprotocol.h"
#include "virkeepaliveprotocol.h"
#include "virnetsocket.h"

/* Length word plus header: the smallest frame. */
#define VIR_NET_MESSAGE_FRAME_MIN (VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_HEADER_MAX)
/* The largest frame on the wire, length word included. */
#define VIR_NET_MESSAGE_FRAME_MAX (VIR_NET_MESSAGE_LEN_MAX + VIR_NET_MESSAGE_MAX)

int virNetMessageDecodeLength(const char *buf, size_t *len)
    G_GNUC_WARN_UNUSED_RESULT;
int virNetMessageDecodeHeader(const char *frame, size_t len,
                              virNetMessageHeader *hdr)
    G_GNUC_WARN_UNUSED_RESULT;
int virNetMessageDecodePayload(const char *frame, size_t len,
                               xdrproc_t filter, void *data)
    G_GNUC_WARN_UNUSED_RESULT;
int virNetMessageEncode(const virNetMessageHeader *hdr, xdrproc_t filter,
                        void *data, char **retframe, size_t *retlen)
    G_GNUC_WARN_UNUSED_RESULT;
int virNetMessageEncodeError(const virNetMessageHeader *call,
                             const virError *err, char **retframe,
                             size_t *retlen)
    G_GNUC_WARN_UNUSED_RESULT;
void virNetMessageReportError(const virNetMessageError *err);

int virNetMessageRead(virNetSocket *sock, char **retframe, size_t *retlen, size_t max)
    G_GNUC_WARN_UNUSED_RESULT;
int virNetMessageWrite(virNetSocket *sock, const char *frame, size_t len)
    G_GNUC_WARN_UNUSED_RESULT;
