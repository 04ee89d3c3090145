/*
 * qemu_process.h: starting, finding again and stopping QEMU processes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "qemu_domain.h"

/* Flags of qemuProcessKill. */
typedef enum {
    /* Escalate to SIGKILL when SIGTERM has not worked within
     * destroy_term_timeout. */
    VIR_QEMU_PROCESS_KILL_FORCE = 1 << 0,
    /* Send one signal (SIGKILL with FORCE, else SIGTERM) and return at
     * once. */
    VIR_QEMU_PROCESS_KILL_NOWAIT = 1 << 1,
} virQemuProcessKillFlags;

int qemuProcessKill(virDomainObj *vm, unsigned int flags)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;

/* Flags of qemuProcessStop. */
typedef enum {
    /* Delete the domain's log after the stop. */
    QEMU_PROCESS_STOP_REMOVE_LOGS = 1 << 0,
} qemuProcessStopFlags;

int qemuProcessStart(virQEMUDriver *driver, virDomainObj *vm,
                     unsigned int flags)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;
int qemuProcessStop(virQEMUDriver *driver, virDomainObj *vm,
                    virDomainShutoffReason reason, unsigned int flags)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;

int qemuProcessReconcile(virQEMUDriver *driver, virDomainObj *vm)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;
int qemuProcessReconcileLocked(virQEMUDriver *driver, virDomainObj *vm)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;

int qemuProcessRefreshState(virQEMUDriver *driver, virDomainObj *vm)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;

char *qemuProcessReadLog(virDomainObj *vm, off_t offset);
