/*
 * qemu_domain.h: a QEMU domain's runtime state, on disk and in memory
 *
 * The files of a domain NAME, in the driver's directories:
 *
 *   configDir/NAME.xml   the persistent definition (absent: transient)
 *   stateDir/NAME.xml    the status file: while the domain runs, its pid,
 *                        start time, ID, paths and live definition; once
 *                        a persistent domain has stopped, only its state
 *                        and reason (so that "destroyed" survives the
 *                        process that destroyed it)
 *   stateDir/NAME.lock   the job lock (flock), held for every change
 *   stateDir/NAME.destroy.lock
 *                        held (shared) by every destroy in progress, from
 *                        before its first signal until it has finished
 *                        the stop: a QEMU found gone meanwhile is that
 *                        destroy's to stop, not anyone else's
 *   stateDir/NAME.pid    QEMU's own pid file
 *   stateDir/domain-ID-SHORTNAME/   private: the QMP socket
 *   logDir/NAME.log      everything QEMU printed, run after run
 *
 * Every file is replaced atomically.  The status file is the commit
 * point of each transition, so a process killed at any moment leaves a
 * state the next open completes or undoes (qemuProcessReconcile).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "qemu_conf.h"
#include "qemu_monitor.h"
#include "virdomainobj.h"

/* How far a start has got, as recorded in the status file. */
typedef enum {
    QEMU_DOMAIN_PHASE_INACTIVE,   /* no process */
    QEMU_DOMAIN_PHASE_STARTING,   /* a start is in progress (or died) */
    QEMU_DOMAIN_PHASE_RUNNING,    /* QEMU runs and the handshake is done */

    QEMU_DOMAIN_PHASE_LAST
} qemuDomainPhase;

typedef struct _qemuDomainObjPrivate qemuDomainObjPrivate;
struct _qemuDomainObjPrivate {
    virQEMUDriver *driver;

    qemuDomainPhase phase;
    pid_t pid;                    /* 0 when unknown */
    unsigned long long startTime; /* field 22 of /proc/PID/stat */
    int pidfd;                    /* -1 until opened */
    bool gone;                    /* the recorded process no longer exists */

    char *monitorPath;
    char *pidFile;
    char *privateDir;
    off_t logOffset;              /* where this run's output starts */
    bool shutdownSignalled;       /* SIGTERM sent by virDomainShutdownFlags */

    qemuMonitor *mon;             /* open only during a job */
    int jobfd;                    /* the held job lock, or -1 */
};

qemuDomainObjPrivate *qemuDomainObjPrivateNew(virQEMUDriver *driver);
void qemuDomainObjPrivateFree(qemuDomainObjPrivate *priv);

#define QEMU_DOMAIN_PRIVATE(vm) ((qemuDomainObjPrivate *)(vm)->privateData)

char *qemuDomainConfigPath(const virQEMUDriverConfig *cfg, const char *name);
char *qemuDomainStatusPath(const virQEMUDriverConfig *cfg, const char *name);
char *qemuDomainAutostartPath(const virQEMUDriverConfig *cfg, const char *name);
char *qemuDomainLockPath(const virQEMUDriverConfig *cfg, const char *name);
char *qemuDomainLogPath(const virQEMUDriverConfig *cfg, const char *name);

/* Loading from disk.  NULL with VIR_ERR_NO_DOMAIN when no domain of
 * that name exists. */
virDomainObj *qemuDomainObjLoad(virQEMUDriver *driver, const char *name);
/* Every domain; the caller frees the array (objects included). */
GPtrArray *qemuDomainObjLoadAll(virQEMUDriver *driver);

int qemuDomainSaveStatus(virQEMUDriver *driver, virDomainObj *vm);
int qemuDomainSaveConfig(virQEMUDriver *driver, const virDomainDef *def);

/*
 * Jobs: one at a time per domain across threads and processes.
 * BeginJob waits up to job_wait_timeout (qemu.conf) for the lock, then
 * reloads the domain from disk (what was loaded before may be stale)
 * into @vm.
 */
int qemuDomainObjBeginJob(virQEMUDriver *driver, virDomainObj **vm);
int qemuDomainObjTryJob(virQEMUDriver *driver, virDomainObj **vm);
void qemuDomainObjEndJob(virDomainObj *vm);

/* Locks a name that may not have a domain yet (creating one). */
int qemuDomainLockName(virQEMUDriver *driver, const char *name, bool wait);

/*
 * Destroys in progress, across processes.  A destroy signals QEMU
 * without the job (so that a job stuck on the monitor cannot hold it
 * up) and only then waits for the job to run the stop path; whoever
 * finds QEMU gone in between must leave the stop to it.
 */
int qemuDomainBeginDestroy(virQEMUDriver *driver, const char *name);
bool qemuDomainDestroyInProgress(virQEMUDriver *driver, const char *name);

/* The driver-wide lock: held briefly around name/UUID checks and ID
 * allocation. */
int qemuDriverLock(virQEMUDriver *driver);
int qemuDriverAllocateID(virQEMUDriver *driver);

/* Removes what atomic writes interrupted by a crash left behind. */
void qemuDomainRemoveStaleFiles(virQEMUDriver *driver);

/* Opens the monitor for the current job (closed by EndJob). */
qemuMonitor *qemuDomainGetMonitor(virDomainObj *vm);

/* Queues a lifecycle event for the driver's listeners. */
void qemuDomainEventEmit(virQEMUDriver *driver, virDomainObj *vm, int event,
                         int detail);
