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

int qemuProcessKill(virDomainObj *vm, unsigned int flags);

/* Flags of qemuProcessStop. */
typedef enum {
    /* Delete the domain's log after the stop. */
    QEMU_PROCESS_STOP_REMOVE_LOGS = 1 << 0,
} qemuProcessStopFlags;

int qemuProcessStart(virQEMUDriver *driver, virDomainObj *vm,
                     unsigned int flags);
int qemuProcessStop(virQEMUDriver *driver, virDomainObj *vm,
                    virDomainShutoffReason reason, unsigned int flags);

int qemuProcessReconcile(virQEMUDriver *driver, virDomainObj **vm);
int qemuProcessReconcileLocked(virQEMUDriver *driver, virDomainObj *vm);

int qemuProcessRefreshState(virQEMUDriver *driver, virDomainObj **vm);

char *qemuProcessReadLog(virDomainObj *vm, off_t offset);
