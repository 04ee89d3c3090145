/*
 * qemu_domain.h: a QEMU domain's runtime state, on disk and in memory
 *
 * The files of a domain NAME, in the driver's directories:
 *
 *   configDir/NAME.xml   the persistent definition (absent: transient)
 *   configDir/NAME.run   the run lock, held by QEMU itself while it lives
 *                        (qemuDomainLockRun), never removed
 *   stateDir/NAME.xml    the status file: while the domain runs, its pid,
 *                        start time, ID and live definition; once a
 *                        persistent domain has stopped, only its state
 *                        and reason (so that "destroyed" survives the
 *                        process that destroyed it)
 *   stateDir/NAME.lock   the job lock (flock), held for every change
 *   stateDir/NAME.destroy
 *                        held (shared) by every destroy in progress, from
 *                        before its first signal until it has finished
 *                        the stop: a QEMU found gone meanwhile is that
 *                        destroy's to stop, not anyone else's
 *   stateDir/domain-ID-SHORT/   private to a run (0700): QEMU's QMP
 *                        socket (monitor.sock) and pid file (qemu.pid)
 *   logDir/NAME.log      everything QEMU printed, run after run
 *
 * The driver's own entries of the state directory have no dot in their
 * names (driver-lock, next-id, next-id-lock, the private directories,
 * whose SHORT part has its dots replaced), while every file of a domain
 * is NAME.EXT with EXT one of xml, lock, destroy: so whatever a domain
 * is called, its files never collide with the driver's or another
 * domain's.  Temporary files of atomic writes are NAME.EXT.new-XXXXXX.
 *
 * Nothing under the root is trusted blindly: directories and files must
 * belong to the user running the driver and be writable by nobody else,
 * every file is reached from a directory descriptor without following
 * symbolic links, the paths a run uses are derived (never read from a
 * status file), and a recorded process is signalled only once proven to
 * be the domain's QEMU (qemuDomainProcessOpen).
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
#include "virprocess.h"

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
    char *name;                   /* the domain's, for the object's life */

    qemuDomainPhase phase;
    /* QEMU itself, once its identity is known: the only handle through
     * which anything signals or waits for it. */
    virProcessRef proc;

    /* Where the run keeps its files, derived from the ID and the name
     * (qemuDomainSetRunPaths). */
    char *privateDirName;         /* "domain-ID-SHORT" in the state dir */
    char *privateDir;
    char *monitorPath;
    char *pidFile;
    off_t logOffset;              /* where this run's output starts */
    /* Why some file of the domain could not be used, when the domain was
     * loaded all the same (a running QEMU is never hidden); NULL when
     * all is well. */
    char *damage;
    bool shutdownSignalled;       /* SIGTERM sent by virDomainShutdownFlags */
    bool startPaused;             /* the start in progress leaves it paused */

    qemuMonitor *mon;             /* open only during a job */
    /* Following the run as it changes on its own (qemu_live.c), all
     * under @liveLock: the monitor that stays open for the run's life
     * (exclusive instances only; jobs use it too), the event-loop watch
     * on QEMU's pidfd (-1: none), what has happened and is waiting for
     * a worker, and whether a worker is on it. */
    GMutex liveLock;
    qemuMonitor *liveMon;
    int exitWatch;
    void *exitWatchData;          /* the watch's own record */
    int exitStatus;               /* QEMU's wait status once reaped, else -1 */
    GQueue *liveEvents;
    bool liveBusy;
    /* The guest powered itself off (QMP SHUTDOWN, or a reboot that
     * <on_reboot> turns into a stop): its exit is a shutdown. */
    bool guestShutdown;
    int lockfd;                   /* NAME.lock: the job's flock and the
                                   * domain's generation; -1 until needed */
    bool jobHeld;                 /* this object's job is taken */
    guint64 gen;                  /* the generation this object reflects */

    /* How a query shows a domain that an unfinished stop (another job
     * holds it) has made inactive, without touching what the object
     * records: valid while @shown. */
    bool shown;
    int shownState;
    int shownReason;
};

qemuDomainObjPrivate *qemuDomainObjPrivateNew(virQEMUDriver *driver);
virDomainObj *qemuDomainObjNew(virQEMUDriver *driver, const char *name);
void qemuDomainObjPrivateFree(qemuDomainObjPrivate *priv);

#define QEMU_DOMAIN_PRIVATE(vm) ((qemuDomainObjPrivate *)(vm)->privateData)

char *qemuDomainConfigPath(const virQEMUDriverConfig *cfg, const char *name);
char *qemuDomainStatusPath(const virQEMUDriverConfig *cfg, const char *name);
char *qemuDomainLockPath(const virQEMUDriverConfig *cfg, const char *name);
char *qemuDomainLogPath(const virQEMUDriverConfig *cfg, const char *name);

/* Loading from disk.  NULL with VIR_ERR_NO_DOMAIN when no domain of
 * that name exists. */
virDomainObj *qemuDomainObjLoad(virQEMUDriver *driver, const char *name);
/* Every domain; the caller frees the array (objects included). */
GPtrArray *qemuDomainObjLoadAll(virQEMUDriver *driver);

int qemuDomainSaveStatus(virQEMUDriver *driver, virDomainObj *vm)
    G_GNUC_WARN_UNUSED_RESULT;
int qemuDomainSaveConfig(virQEMUDriver *driver, virDomainObj *vm,
                         const virDomainDef *def)
    G_GNUC_WARN_UNUSED_RESULT;
int qemuDomainRemoveConfig(virQEMUDriver *driver, virDomainObj *vm)
    G_GNUC_WARN_UNUSED_RESULT;
int qemuDomainRemoveStatus(virQEMUDriver *driver, virDomainObj *vm)
    G_GNUC_WARN_UNUSED_RESULT;

/* The files of a run (see the top of this file). */
char *qemuDomainPrivateDirName(int id, const char *name);
int qemuDomainSetRunPaths(virQEMUDriver *driver, virDomainObj *vm)
    G_GNUC_WARN_UNUSED_RESULT;
int qemuDomainMakePrivateDir(virQEMUDriver *driver, virDomainObj *vm)
    G_GNUC_WARN_UNUSED_RESULT;
void qemuDomainRemovePrivateDir(virQEMUDriver *driver, virDomainObj *vm);
pid_t qemuDomainReadPidFile(virQEMUDriver *driver, virDomainObj *vm);

/*
 * Domains in memory.  An instance loads its root once (qemuDriverLoad)
 * and keeps the objects current with its own writes.  Other instances
 * (other processes on an embedded root, other connections) may write
 * the same files: every write bumps the domain's generation (in
 * NAME.lock) and the root's (stateDir/generation), so a call re-reads
 * only what changed (qemuDomainObjSync, qemuDriverSync), at the cost of
 * a pread when nothing did.
 */
void qemuDriverLoad(virQEMUDriver *driver);
int qemuDriverSync(virQEMUDriver *driver);
int qemuDomainObjSync(virQEMUDriver *driver, virDomainObj *vm);

/*
 * Jobs: one at a time per domain across threads and processes.
 * BeginJob waits up to job_wait_timeout (qemu.conf) for the in-process
 * job and the flock of NAME.lock, then syncs @vm with its files.
 */
int qemuDomainObjBeginJob(virQEMUDriver *driver, virDomainObj *vm)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;
int qemuDomainObjTryJob(virQEMUDriver *driver, virDomainObj *vm)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;
void qemuDomainObjEndJob(virDomainObj *vm);

/* The autostart mark (configDir/autostart/NAME.xml, a link). */
bool qemuDomainAutostartGet(virQEMUDriver *driver, virDomainObj *vm);
int qemuDomainAutostartSet(virQEMUDriver *driver, virDomainObj *vm, bool autostart)
    G_GNUC_WARN_UNUSED_RESULT;

/* The run lock QEMU holds while it lives (configDir/NAME.run). */
int qemuDomainLockRun(virQEMUDriver *driver, const char *name)
    G_GNUC_WARN_UNUSED_RESULT;

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
bool qemuDomainRunInUse(virQEMUDriver *driver, const char *name);

/* start_timeout, in milliseconds. */
int qemuDomainStartTimeoutMs(virQEMUDriver *driver);

/* The driver-wide lock: held briefly around name/UUID checks and ID
 * allocation. */
int qemuDriverLock(virQEMUDriver *driver);
int qemuDriverAllocateID(virQEMUDriver *driver);

/* Removes what atomic writes interrupted by a crash left behind. */
void qemuDomainRemoveStaleFiles(virQEMUDriver *driver);

/* Verifies and pins the domain's QEMU (priv->proc): 1, 0 if gone, -1. */
int qemuDomainProcessOpen(virDomainObj *vm) G_GNUC_WARN_UNUSED_RESULT;

/* Opens the monitor for the current job (closed by EndJob). */
qemuMonitor *qemuDomainGetMonitor(virDomainObj *vm);

/* Queues a lifecycle event for the driver's listeners. */
void qemuDomainEventEmit(virQEMUDriver *driver, virDomainObj *vm, int event,
                         int detail);
