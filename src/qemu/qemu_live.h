/*
 * qemu_live.h: following running domains as they change on their own
 *
 * What a guest or the host does to a running QEMU without being asked
 * through the API (the guest powers off or reboots, QEMU crashes or is
 * killed) reaches the driver two ways: QMP events on a monitor that
 * stays open (instances that hold their root exclusively: the daemon),
 * and QEMU's pidfd in the application's event loop (every instance
 * whose process runs one).  Both hand the work to a worker thread,
 * which makes the change in the domain's job, as any API call would.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "qemu_domain.h"

/* The callbacks of a domain's persistent monitor (opaque: the domain). */
extern const qemuMonitorCallbacks qemuLiveMonitorCallbacks;

int qemuLiveDriverInit(virQEMUDriver *driver)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
void qemuLiveDriverShutdown(virQEMUDriver *driver);

bool qemuLiveEnabled(virQEMUDriver *driver) ATTRIBUTE_NONNULL(1);

void qemuLiveWatch(virQEMUDriver *driver, virDomainObj *vm)
    ATTRIBUTE_NONNULL(1, 2);
void qemuLiveUnwatch(virDomainObj *vm) ATTRIBUTE_NONNULL(1);
qemuMonitor *qemuLiveUnwatchKeepMonitor(virDomainObj *vm) ATTRIBUTE_NONNULL(1);
void qemuLiveAttach(virQEMUDriver *driver, virDomainObj *vm)
    ATTRIBUTE_NONNULL(1, 2);
bool qemuLiveIsFollowed(virDomainObj *vm) ATTRIBUTE_NONNULL(1);
void qemuLiveLogExit(virQEMUDriver *driver, const char *name, pid_t pid,
                     int status, virDomainShutoffReason reason)
    ATTRIBUTE_NONNULL(1, 2);
