/*
 * fuzz_rpc.c: RPC frames, decoded as the daemon decodes a client's
 *
 * The input is a whole frame: length word, header, payload.  The
 * length and header are checked, then the payload is decoded with the
 * XDR routine of the procedure the header names (or as an error
 * payload for a reply).  Whatever decodes must encode again, and that
 * encoding must decode to the same bytes: a decoder that accepts what
 * its encoder cannot reproduce would let a hostile frame through in a
 * shape the rest of the code never sees otherwise.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <arpa/inet.h>

#include "internal.h"
#include "virerror.h"
#include "virnetmessage.h"
#include "remote_protocol_table.h"
#include "fuzz.h"
#include "fuzzframe.h"


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    fuzzSetup();
    return 0;
}


/* Encodes @data as the payload of @hdr; the caller frees the frame. */
static char *
fuzzEncode(const virNetMessageHeader *hdr, xdrproc_t filter, void *data,
           size_t *len)
{
    char *frame = NULL;

    if (virNetMessageEncode(hdr, filter, data, &frame, len) < 0)
        fuzzFail("a decoded payload does not encode again", virGetLastErrorMessage());
    return frame;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *frame = (const char *)data;
    const remoteProcedureInfo *info;
    virNetMessageHeader hdr;
    xdrproc_t filter;
    size_t payloadSize;
    size_t len;
    g_autofree void *payload = NULL;
    g_autofree void *again = NULL;
    g_autofree char *enc1 = NULL;
    g_autofree char *enc2 = NULL;
    size_t len1;
    size_t len2;

    fuzzSetup();
    /* The daemon reads exactly what the length word says. */
    if (!fuzzFrameHeader(data, size, &hdr))
        return 0;
    len = size;
    if (hdr.prog != REMOTE_PROGRAM)
        return 0;
    if (hdr.type == VIR_NET_REPLY && hdr.status == VIR_NET_ERROR) {
        filter = (xdrproc_t)xdr_virNetMessageError;
        payloadSize = sizeof(virNetMessageError);
    } else if (!(info = remoteProcedureLookup(hdr.proc))) {
        return 0;
    } else if (hdr.type == VIR_NET_REPLY) {
        filter = info->retFilter;
        payloadSize = info->retSize;
    } else {
        filter = info->argsFilter;
        payloadSize = info->argsSize;
    }

    payload = g_malloc0(MAX(payloadSize, 1));
    if (virNetMessageDecodePayload(frame, len, filter, payload) < 0) {
        virResetLastError();
        return 0;
    }
    enc1 = fuzzEncode(&hdr, filter, payload, &len1);
    xdr_free(filter, payload);

    again = g_malloc0(MAX(payloadSize, 1));
    if (virNetMessageDecodePayload(enc1, len1, filter, again) < 0)
        fuzzFail("an encoded payload does not decode", virGetLastErrorMessage());
    enc2 = fuzzEncode(&hdr, filter, again, &len2);
    xdr_free(filter, again);
    if (len1 != len2 || memcmp(enc1, enc2, len1) != 0)
        fuzzFail("decode and encode are not each other's inverse", hdr.proc > 0 ? "" : "");
    return 0;
}
