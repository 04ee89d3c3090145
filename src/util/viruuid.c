/*
 * viruuid.c: UUIDs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "viruuid.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/**
 * virUUIDGenerate:
 * @uuid: VIR_UUID_BUFLEN bytes to fill
 *
 * Makes a random (version 4) UUID.
 *
 * Returns: 0
 */
int
virUUIDGenerate(unsigned char *uuid)
{
    g_autofree char *str = g_uuid_string_random();

    if (virUUIDParse(str, uuid) < 0)
        g_assert_not_reached();
    return 0;
}


static int
virUUIDHexValue(char c)
{
    if (g_ascii_isdigit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}


/**
 * virUUIDParse:
 * @uuidstr: 32 hex digits, optionally grouped with '-' anywhere between
 *           pairs, with optional blanks around
 * @uuid: VIR_UUID_BUFLEN bytes, written only on success
 *
 * Reports nothing: callers know what the string was and say so.
 *
 * Returns: 0, or -1 if @uuidstr is not a UUID.
 */
int
virUUIDParse(const char *uuidstr, unsigned char *uuid)
{
    unsigned char buf[VIR_UUID_BUFLEN];
    const char *p = uuidstr;
    size_t n = 0;

    if (!p)
        return -1;
    while (g_ascii_isspace(*p))
        p++;
    while (n < VIR_UUID_BUFLEN) {
        int hi, lo;

        if (*p == '-' && n > 0)
            p++;
        if ((hi = virUUIDHexValue(p[0])) < 0 || (lo = virUUIDHexValue(p[1])) < 0)
            return -1;
        buf[n++] = (unsigned char)((hi << 4) | lo);
        p += 2;
    }
    while (g_ascii_isspace(*p))
        p++;
    if (*p)
        return -1;
    memcpy(uuid, buf, VIR_UUID_BUFLEN);
    return 0;
}


/**
 * virUUIDFormat:
 * @uuid: VIR_UUID_BUFLEN bytes
 * @uuidstr: VIR_UUID_STRING_BUFLEN bytes to fill
 *
 * Returns: @uuidstr, in the usual 8-4-4-4-12 lower-case form.
 */
const char *
virUUIDFormat(const unsigned char *uuid, char *uuidstr)
{
    g_snprintf(uuidstr, VIR_UUID_STRING_BUFLEN,
               "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
               uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6],
               uuid[7], uuid[8], uuid[9], uuid[10], uuid[11], uuid[12],
               uuid[13], uuid[14], uuid[15]);
    return uuidstr;
}


/**
 * virUUIDIsNull:
 * @uuid: VIR_UUID_BUFLEN bytes
 *
 * Returns: whether every byte is zero.
 */
bool
virUUIDIsNull(const unsigned char *uuid)
{
    for (size_t i = 0; i < VIR_UUID_BUFLEN; i++) {
        if (uuid[i])
            return false;
    }
    return true;
}
