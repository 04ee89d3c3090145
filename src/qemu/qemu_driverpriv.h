/*
 * qemu_driverpriv.h: what a program hosting the QEMU driver (the daemon)
 * tells it, outside the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

void qemuDriverSetShared(void);

/* Starts every domain marked autostart, once per boot of the host. */
int qemuDriverAutostart(virConnectPtr conn);

/* Host shutdown (the daemon): whether qemu.conf configures it, and the
 * shutdown itself; see qemu_driver.c. */
bool qemuDriverHostShutdownConfigured(virConnectPtr conn);
int qemuDriverHostShutdown(virConnectPtr conn, FILE *out, char **retReport);
int qemuDriverActiveCount(virConnectPtr conn);
