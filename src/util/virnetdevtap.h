/*
 * virnetdevtap.h: tap devices plugged into an existing host bridge
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "virmacaddr.h"

/* The kernel's longest interface name, without its terminating NUL. */
#define VIR_NET_DEV_NAME_MAX 15

/* The kernel's own pattern for the names it picks (vnet0, vnet1...). */
#define VIR_NET_DEV_TAP_PREFIX "vnet"

bool virNetDevNameIsValid(const char *name);

int virNetDevTapCreateInBridge(const char *bridge, const char *ifname,
                               const virMacAddr *mac, bool vnetHdr,
                               char **ifnameRet, int *tapfdRet)
    G_GNUC_WARN_UNUSED_RESULT;
