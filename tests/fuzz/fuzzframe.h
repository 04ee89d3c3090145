/*
 * fuzzframe.h: the first step of the RPC fuzz targets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "virerror.h"
#include "virnetmessage.h"

/* Whether @data is one whole frame as a peer reads it (the length word
 * says exactly @size) with a header that decodes, into @hdr.  Errors
 * are dropped: an input that is not a frame is simply not interesting. */
static inline bool
fuzzFrameHeader(const uint8_t *data, size_t size, virNetMessageHeader *hdr)
{
    const char *frame = (const char *)data;
    size_t len;

    if (size < VIR_NET_MESSAGE_LEN_MAX)
        return false;
    if (virNetMessageDecodeLength(frame, &len) < 0 || len != size ||
        virNetMessageDecodeHeader(frame, len, hdr) < 0) {
        virResetLastError();
        return false;
    }
    return true;
}
