/*
 * virmacaddr.c: Ethernet MAC addresses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virmacaddr.h"


static int
virMacAddrHexDigit(char c)
{
    if (g_ascii_isxdigit(c))
        return g_ascii_xdigit_value(c);
    return -1;
}


/**
 * virMacAddrParse:
 * @str: six groups of one or two hex digits separated by ':'
 * @ret: the address
 *
 * Reports nothing: the caller knows what the address was for.
 *
 * Returns: 0, or -1 when @str is not a MAC address.
 */
int
virMacAddrParse(const char *str, virMacAddr *ret)
{
    virMacAddr mac;
    const char *p = str;

    for (size_t i = 0; i < VIR_MAC_BUFLEN; i++) {
        int hi = virMacAddrHexDigit(p[0]);
        int lo;

        if (hi < 0)
            return -1;
        lo = virMacAddrHexDigit(p[1]);
        if (lo < 0) {
            mac.addr[i] = hi;
            p += 1;
        } else {
            mac.addr[i] = hi * 16 + lo;
            p += 2;
        }
        if (i < VIR_MAC_BUFLEN - 1) {
            if (*p != ':')
                return -1;
            p++;
        }
    }
    if (*p != '\0')
        return -1;
    *ret = mac;
    return 0;
}


/**
 * virMacAddrFormat:
 * @mac: an address
 * @str: VIR_MAC_STRING_BUFLEN bytes
 *
 * Returns: @str, holding "52:54:00:12:34:56" (lower case).
 */
const char *
virMacAddrFormat(const virMacAddr *mac, char *str)
{
    g_snprintf(str, VIR_MAC_STRING_BUFLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
               mac->addr[0], mac->addr[1], mac->addr[2],
               mac->addr[3], mac->addr[4], mac->addr[5]);
    return str;
}


/**
 * virMacAddrGenerate:
 * @prefix: the first three bytes, e.g. QEMU's 52:54:00
 * @ret: the address
 *
 * Makes an address with a random last half.  The randomness is glib's
 * (g_random_*), which tests seed to get reproducible addresses.
 */
void
virMacAddrGenerate(const unsigned char prefix[VIR_MAC_PREFIX_BUFLEN],
                   virMacAddr *ret)
{
    memcpy(ret->addr, prefix, VIR_MAC_PREFIX_BUFLEN);
    for (size_t i = VIR_MAC_PREFIX_BUFLEN; i < VIR_MAC_BUFLEN; i++)
        ret->addr[i] = g_random_int_range(0, 256);
}


/**
 * virMacAddrIsMulticast:
 * @mac: an address
 *
 * Returns: whether the group bit is set: the address names a group of
 * interfaces, never a NIC of its own.
 */
bool
virMacAddrIsMulticast(const virMacAddr *mac)
{
    return (mac->addr[0] & 1) != 0;
}


/**
 * virMacAddrIsZero:
 * @mac: an address
 *
 * Returns: whether every byte is 0.
 */
bool
virMacAddrIsZero(const virMacAddr *mac)
{
    for (size_t i = 0; i < VIR_MAC_BUFLEN; i++) {
        if (mac->addr[i] != 0)
            return false;
    }
    return true;
}


/**
 * virMacAddrCmp:
 * @a: an address
 * @b: another
 *
 * Returns: <0, 0 or >0 as @a sorts before, equal to or after @b.
 */
int
virMacAddrCmp(const virMacAddr *a, const virMacAddr *b)
{
    return memcmp(a->addr, b->addr, VIR_MAC_BUFLEN);
}
