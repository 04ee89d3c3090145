/*
 * driver.h: the tables drivers fill in
 *
 * The public entry points check their arguments, then call the member
 * of the connection's table named after them (the hypervisor driver for
 * domains and the host, a secondary driver for networks, storage, ...).
 * A NULL member, or a NULL secondary table, means the driver does not
 * implement the call: the entry point reports VIR_ERR_NO_SUPPORT.  The
 * tables themselves are generated from src/libvirt-api.txt.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef enum {
    VIR_DRV_OPEN_SUCCESS = 0,
    VIR_DRV_OPEN_DECLINED = -1, /* not this driver's URI */
    VIR_DRV_OPEN_ERROR = -2,    /* this driver's URI, but it failed */
} virDrvOpenStatus;

#define __VIR_DRIVER_H_INCLUDES__
#include "driver-hypervisor.h"
#include "driver-network.h"
#include "driver-storage.h"
#include "driver-interface.h"
#include "driver-nodedev.h"
#include "driver-secret.h"
#include "driver-nwfilter.h"
#include "driver-stream.h"
#undef __VIR_DRIVER_H_INCLUDES__

/*
 * What a connection is made of: the hypervisor driver that accepted the
 * URI, and the secondary drivers that come with it (any may be NULL).
 */
typedef struct _virConnectDriver virConnectDriver;
struct _virConnectDriver {
    const virHypervisorDriver *hypervisorDriver;
    const virNetworkDriver *networkDriver;
    const virStorageDriver *storageDriver;
    const virInterfaceDriver *interfaceDriver;
    const virNodeDeviceDriver *nodeDeviceDriver;
    const virSecretDriver *secretDriver;
    const virNWFilterDriver *nwfilterDriver;
};
