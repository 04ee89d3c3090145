/*
 * libvirt_internal.h: what the library's own programs (virtqemud) and
 * drivers share, never exported
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

/*
 * The feature numbers of CONNECT_SUPPORTS_FEATURE, as libvirt 9.0
 * numbers them (clients ask about 10, 14 and 15).
 */
typedef enum {
    VIR_DRV_FEATURE_MIGRATION_V1 = 1,
    VIR_DRV_FEATURE_REMOTE = 2,
    VIR_DRV_FEATURE_MIGRATION_V2 = 3,
    VIR_DRV_FEATURE_MIGRATION_P2P = 4,
    VIR_DRV_FEATURE_MIGRATION_DIRECT = 5,
    VIR_DRV_FEATURE_MIGRATION_V3 = 6,
    VIR_DRV_FEATURE_MIGRATE_CHANGE_PROTECTION = 7,
    VIR_DRV_FEATURE_FD_PASSING = 8,
    VIR_DRV_FEATURE_TYPED_PARAM_STRING = 9,
    VIR_DRV_FEATURE_PROGRAM_KEEPALIVE = 10,
    VIR_DRV_FEATURE_XML_MIGRATABLE = 11,
    VIR_DRV_FEATURE_MIGRATION_OFFLINE = 12,
    VIR_DRV_FEATURE_MIGRATION_PARAMS = 13,
    VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK = 14,
    VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
    VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16,
} virDrvFeature;

/* The daemon calls this before opening its connections: from then on
 * qemu:///system and qemu:///session run the driver in this process
 * instead of going to a daemon. */
void virConnectSetLocalOnly(void);
bool virConnectIsLocalOnly(void);
