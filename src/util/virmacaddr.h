/*
 * virmacaddr.h: Ethernet MAC addresses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#define VIR_MAC_BUFLEN 6
#define VIR_MAC_PREFIX_BUFLEN 3
#define VIR_MAC_STRING_BUFLEN (VIR_MAC_BUFLEN * 3)

typedef struct _virMacAddr virMacAddr;
struct _virMacAddr {
    unsigned char addr[VIR_MAC_BUFLEN];
};

int virMacAddrParse(const char *str, virMacAddr *ret)
    G_GNUC_WARN_UNUSED_RESULT;
const char *virMacAddrFormat(const virMacAddr *mac, char *str);
void virMacAddrGenerate(const unsigned char prefix[VIR_MAC_PREFIX_BUFLEN],
                        virMacAddr *ret);
bool virMacAddrIsMulticast(const virMacAddr *mac);
bool virMacAddrIsZero(const virMacAddr *mac);
int virMacAddrCmp(const virMacAddr *a, const virMacAddr *b);
