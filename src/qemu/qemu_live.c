/*
 * qemu_live.c: following running domains as they change on their own
 *
 * Two sources, one path:
 *
 *  - QMP events, on a monitor connection that stays open for the run's
 *    life (qemuLiveMonitorCallbacks).  Only an instance that holds its
 *    root exclusively (the daemon) keeps one: QEMU serves one QMP
 *    client at a time, and embedded instances in other processes need
 *    theirs for their jobs.  The same connection serves the jobs'
 *    commands (qemuDomainGetMonitor), so a daemon opens one connection
 *    per run instead of one per job.
 *  - QEMU's pidfd, watched in the application's event loop (when it
 *    runs one): the moment QEMU exits, it is reaped (when it is our
 *    child), how it ended is written to the domain's log, and the stop
 *    is recorded.  A zombie never waits for the next call that looks.
 *
 * Neither may act on the spot: a monitor callback runs on the monitor's
 * I/O thread, where a command on its own monitor cannot get its reply,
 * and the event loop must not wait for a job.  So each only queues what
 * happened on the domain (priv->liveEvents) and makes sure a worker of
 * the instance's pool drains that queue: one worker per domain at a
 * time, so a domain's events are handled in the order they came, while
 * other domains' go on in parallel.  The worker takes the domain's job,
 * as an API call would, checks that the event is about the run still
 * in progress (the ID: never reused while the state directory lives),
 * and makes the change: state, status file, lifecycle event.
 *
 * What each event does (upstream's semantics):
 *   SHUTDOWN from the guest   <on_poweroff>: destroy sends SIGTERM
 *                             without waiting (the NOWAIT kill; QEMU
 *                             flushes its disks and exits), state
 *                             shutdown, event SHUTDOWN/GUEST; restart
 *                             resets the guest and lets it run
 *   RESET                     <on_reboot>: restart lets QEMU reboot it,
 *                             event REBOOT (for any reset); destroy, when
 *                             the guest asked, stops it as a power-off
 *   STOP, RESUME              paused (with QEMU's reason) / running,
 *                             events SUSPENDED / RESUMED
 *   the pidfd: QEMU exited    stop path, reason shutdown when the
 *                             guest or a signal asked for it, else
 *                             crashed (event STOPPED/FAILED, as
 *                             upstream for a QEMU that went away)
 * A SHUTDOWN that a signal caused (destroy, shutdown --mode=signal, an
 * operator's kill) changes nothing: QEMU is on its way out, and the
 * exit says how it ended.  No path here sends SIGKILL.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include "qemu_live.h"
#include "qemu_process.h"
#include "domain_event.h"
#include "virerror.h"
#include "virevent.h"
#include "virfile.h"
#include "virlog.h"
#include "virprocess.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_live");

/* How long the answer to query-status may take when a domain is found
 * running at start. */
#define QEMU_LIVE_QUERY_TIMEOUT_MS 5000

typedef enum {
    QEMU_LIVE_EVENT_SHUTDOWN,   /* QMP SHUTDOWN */
    QEMU_LIVE_EVENT_RESET,      /* QMP RESET */
    QEMU_LIVE_EVENT_STOP,       /* QMP STOP */
    QEMU_LIVE_EVENT_RESUME,     /* QMP RESUME */
    QEMU_LIVE_EVENT_EXIT,       /* the pidfd: QEMU exited */
    QEMU_LIVE_EVENT_ATTACH,     /* found running: open the monitor */
} qemuLiveEventType;

typedef struct {
    qemuLiveEventType type;
    int id;                     /* the run it is about */
    bool guest;                 /* SHUTDOWN, RESET: the guest asked */
    qemuMonitorShutdownReason reason;
    pid_t pid;                  /* EXIT */
    int status;                 /* EXIT: wait status, -1 if unknown */
} qemuLiveEvent;

/* The pidfd watch's own reference to its domain. */
typedef struct {
    virDomainObj *vm;           /* a reference */
    int pidfd;                  /* a dup of the run's verified pidfd */
    pid_t pid;
    int id;
} qemuLiveWatchData;


static void qemuLiveWorker(gpointer data, gpointer opaque);


/**
 * qemuLiveDriverInit:
 * @driver: an instance being opened
 *
 * Creates the pool of threads that act on what running domains do.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuLiveDriverInit(virQEMUDriver *driver)
{
    GError *err = NULL;

    g_mutex_init(&driver->liveLock);
    /* A worker may wait up to job_wait_timeout for a domain's job, and
     * one per domain at most: enough threads that a few stuck domains
     * do not hold up the rest. */
    if (!(driver->liveWorkers = g_thread_pool_new(qemuLiveWorker, driver, 32,
                                                  FALSE, &err))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot create the threads that follow running domains: %1$s"),
                       err->message);
        g_error_free(err);
        return -1;
    }
    return 0;
}


/**
 * qemuLiveEnabled:
 * @driver: an instance
 *
 * Returns: whether this instance follows its domains live (keeps a
 * monitor open per run): only when it holds its root exclusively.
 */
bool
qemuLiveEnabled(virQEMUDriver *driver)
{
    return driver->exclusive;
}


/* Queues @ev (stolen) for @vm and makes sure a worker drains the
 * domain's queue.  Any thread; takes only short locks. */
static void
qemuLiveQueue(virDomainObj *vm, qemuLiveEvent *ev)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virQEMUDriver *driver = priv->driver;
    bool start = false;

    g_mutex_lock(&driver->liveLock);
    if (driver->liveClosing || !driver->liveWorkers) {
        g_mutex_unlock(&driver->liveLock);
        g_free(ev);
        return;
    }
    g_mutex_lock(&priv->liveLock);
    g_queue_push_tail(priv->liveEvents, ev);
    if (!priv->liveBusy)
        start = priv->liveBusy = true;
    g_mutex_unlock(&priv->liveLock);
    if (start)
        g_thread_pool_push(driver->liveWorkers, virDomainObjRef(vm), NULL);
    g_mutex_unlock(&driver->liveLock);
}


static qemuLiveEvent *
qemuLiveEventNew(virDomainObj *vm, qemuLiveEventType type)
{
    qemuLiveEvent *ev = g_new0(qemuLiveEvent, 1);

    ev->type = type;
    virDomainObjLock(vm);
    ev->id = vm->def->id;
    virDomainObjUnlock(vm);
    ev->status = -1;
    return ev;
}


/* ---- monitor callbacks: the monitor's I/O thread ------------------------ */

static void
qemuLiveMonitorCause(virDomainObj *vm, qemuLiveEventType type, bool guest,
                     qemuMonitorShutdownReason reason)
{
    qemuLiveEvent *ev = qemuLiveEventNew(vm, type);

    ev->guest = guest;
    ev->reason = reason;
    qemuLiveQueue(vm, ev);
}


static void
qemuLiveMonitorShutdown(qemuMonitor *mon G_GNUC_UNUSED, bool guest,
                        qemuMonitorShutdownReason reason, void *opaque)
{
    qemuLiveMonitorCause(opaque, QEMU_LIVE_EVENT_SHUTDOWN, guest, reason);
}


static void
qemuLiveMonitorReset(qemuMonitor *mon G_GNUC_UNUSED, bool guest,
                     qemuMonitorShutdownReason reason, void *opaque)
{
    qemuLiveMonitorCause(opaque, QEMU_LIVE_EVENT_RESET, guest, reason);
}


static void
qemuLiveMonitorStop(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    qemuLiveQueue(opaque, qemuLiveEventNew(opaque, QEMU_LIVE_EVENT_STOP));
}


static void
qemuLiveMonitorResume(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    qemuLiveQueue(opaque, qemuLiveEventNew(opaque, QEMU_LIVE_EVENT_RESUME));
}


static void
qemuLiveMonitorEOF(qemuMonitor *mon G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    /* QEMU is exiting: its pidfd says when it has, which is what the
     * stop needs (a closed socket proves nothing about the process). */
    VIR_DEBUG("persistent monitor of domain %p closed by QEMU", opaque);
}


const qemuMonitorCallbacks qemuLiveMonitorCallbacks = {
    .eofNotify = qemuLiveMonitorEOF,
    .domainShutdown = qemuLiveMonitorShutdown,
    .domainReset = qemuLiveMonitorReset,
    .domainStop = qemuLiveMonitorStop,
    .domainResume = qemuLiveMonitorResume,
};


/* ---- the pidfd watch: the event loop's thread --------------------------- */

static void
qemuLiveWatchDataFree(void *opaque)
{
    qemuLiveWatchData *data = opaque;

    virForceClose(&data->pidfd);
    virDomainObjUnref(data->vm);
    g_free(data);
}


/* QEMU exited: reap it now (a zombie must not wait for a job), keep
 * how it ended for the log, and hand the stop to a worker.  The check
 * and the reap happen under the domain's live lock, so that a stop
 * that unwatches meanwhile (and closes the descriptor) is never raced. */
static void
qemuLiveExitFired(int watch, int fd G_GNUC_UNUSED, int events G_GNUC_UNUSED,
                  void *opaque)
{
    qemuLiveWatchData *data = opaque;
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(data->vm);
    qemuLiveEvent *ev;
    int status = -1;

    g_mutex_lock(&priv->liveLock);
    if (priv->exitWatch != watch || data->pidfd < 0) {
        g_mutex_unlock(&priv->liveLock);
        return;
    }
    if (virProcessPidfdWait(data->pidfd, data->pid, 0, &status) != 1) {
        /* Not exited after all (a spurious wake): keep watching. */
        g_mutex_unlock(&priv->liveLock);
        virResetLastError();
        return;
    }
    priv->exitWatch = -1;
    priv->exitWatchData = NULL;
    if (status >= 0)
        priv->exitStatus = status;
    virForceClose(&data->pidfd);
    g_mutex_unlock(&priv->liveLock);
    virEventRemoveHandle(watch);

    ev = g_new0(qemuLiveEvent, 1);
    ev->type = QEMU_LIVE_EVENT_EXIT;
    ev->id = data->id;
    ev->pid = data->pid;
    ev->status = status;
    qemuLiveQueue(data->vm, ev);
}


/**
 * qemuLiveWatch:
 * @driver: the instance
 * @vm: a running domain whose QEMU is verified (priv->proc open)
 *
 * Watches QEMU's pidfd in the application's event loop, if one is
 * registered: its exit is handled at once (reaped, logged, stopped)
 * instead of by the next call that looks.  Nothing without an event
 * loop.  Errors are logged: the domain is still managed, only noticed
 * later.
 */
void
qemuLiveWatch(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    qemuLiveWatchData *data;
    int watch;
    int fd;

    if (!virEventIsRegistered() || driver->liveClosing)
        return;
    g_mutex_lock(&priv->liveLock);
    if (priv->exitWatch >= 0) {
        g_mutex_unlock(&priv->liveLock);
        return;
    }
    virDomainObjLock(vm);
    fd = priv->proc.pidfd >= 0 ? fcntl(priv->proc.pidfd, F_DUPFD_CLOEXEC, 3) : -1;
    data = g_new0(qemuLiveWatchData, 1);
    data->pid = priv->proc.pid;
    data->id = vm->def->id;
    virDomainObjUnlock(vm);
    if (fd < 0) {
        g_mutex_unlock(&priv->liveLock);
        VIR_WARN("cannot watch the QEMU process of domain %s: %s", priv->name,
                 g_strerror(errno));
        g_free(data);
        return;
    }
    data->pidfd = fd;
    data->vm = virDomainObjRef(vm);
    if ((watch = virEventAddHandle(fd, VIR_EVENT_HANDLE_READABLE,
                                   qemuLiveExitFired, data,
                                   qemuLiveWatchDataFree)) < 0) {
        g_mutex_unlock(&priv->liveLock);
        VIR_WARN("cannot watch the QEMU process of domain %s: %s", priv->name,
                 virGetLastErrorMessage());
        virResetLastError();
        qemuLiveWatchDataFree(data);
        return;
    }
    priv->exitWatch = watch;
    priv->exitWatchData = data;
    g_mutex_unlock(&priv->liveLock);
    VIR_DEBUG("watching QEMU %lld of domain %s", (long long)data->pid, priv->name);
}


/**
 * qemuLiveUnwatchKeepMonitor:
 * @vm: a domain
 *
 * Ends the pidfd watch of @vm's run and takes its persistent monitor
 * away from it.
 *
 * Returns: the monitor, for the caller to close (NULL when none): the
 * stop path closes it only once the stop is recorded and announced,
 * since joining its thread takes a while on a loaded host.
 */
qemuMonitor *
qemuLiveUnwatchKeepMonitor(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    qemuLiveWatchData *data;
    qemuMonitor *mon;
    int watch;
    int fd = -1;

    g_mutex_lock(&priv->liveLock);
    watch = priv->exitWatch;
    data = priv->exitWatchData;
    priv->exitWatch = -1;
    priv->exitWatchData = NULL;
    /* The descriptor goes now, not when the event loop gets round to
     * freeing the record (an application may never run its loop). */
    if (data)
        fd = g_steal_fd(&data->pidfd);
    mon = g_steal_pointer(&priv->liveMon);
    g_mutex_unlock(&priv->liveLock);
    if (watch >= 0)
        virEventRemoveHandle(watch);
    virForceClose(&fd);
    return mon;
}


/**
 * qemuLiveUnwatch:
 * @vm: a domain
 *
 * Ends what follows @vm's run: the pidfd watch and the persistent
 * monitor.  For a failed start and for an instance that closes.  Must
 * not be called holding @vm's lock (closing the monitor waits for its
 * callbacks).
 */
void
qemuLiveUnwatch(virDomainObj *vm)
{
    qemuMonitor *mon = qemuLiveUnwatchKeepMonitor(vm);

    if (mon)
        qemuMonitorClose(mon);
}


/**
 * qemuLiveIsFollowed:
 * @vm: a domain
 *
 * Returns: whether @vm's state is kept current by events (its
 * persistent monitor is open), so that a query need not ask QEMU.
 */
bool
qemuLiveIsFollowed(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    bool followed;

    g_mutex_lock(&priv->liveLock);
    followed = priv->liveMon != NULL;
    g_mutex_unlock(&priv->liveLock);
    return followed;
}


/**
 * qemuLiveAttach:
 * @driver: the instance
 * @vm: a domain found running when the instance opened
 *
 * Follows a run this instance did not start: its pidfd now, its
 * monitor (opened, and QEMU asked what the guest did while nobody
 * listened) by a worker, so that a frozen QEMU holds up nobody.
 */
void
qemuLiveAttach(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    if (!virDomainObjIsActive(vm) || priv->phase != QEMU_DOMAIN_PHASE_RUNNING)
        return;
    if (qemuDomainProcessOpen(vm) <= 0) {
        virResetLastError();
        return;
    }
    qemuLiveWatch(driver, vm);
    if (qemuLiveEnabled(driver))
        qemuLiveQueue(vm, qemuLiveEventNew(vm, QEMU_LIVE_EVENT_ATTACH));
}


/**
 * qemuLiveDriverShutdown:
 * @driver: an instance that is closing
 *
 * Stops following every domain (QEMUs run on) and waits for the
 * workers to finish what they started.
 */
void
qemuLiveDriverShutdown(virQEMUDriver *driver)
{
    g_autoptr(GPtrArray) vms = NULL;
    GThreadPool *pool;

    if (!driver->liveWorkers)
        return;
    g_mutex_lock(&driver->liveLock);
    driver->liveClosing = true;
    g_mutex_unlock(&driver->liveLock);
    if (driver->domains) {
        vms = virDomainObjListCollect(driver->domains);
        for (guint i = 0; i < vms->len; i++)
            qemuLiveUnwatch(g_ptr_array_index(vms, i));
    }
    g_mutex_lock(&driver->liveLock);
    pool = g_steal_pointer(&driver->liveWorkers);
    g_mutex_unlock(&driver->liveLock);
    g_thread_pool_free(pool, FALSE, TRUE);
    g_mutex_clear(&driver->liveLock);
}


/* ---- the worker: the domain's job ------------------------------------- */

/**
 * qemuLiveLogExit:
 * @driver: the instance
 * @name: the domain
 * @pid: its QEMU, which has exited
 * @status: its wait status, -1 when unknown (not our child, or reaped
 *          by someone else)
 * @reason: how the stop is recorded
 *
 * Appends how QEMU ended to the domain's log, where an operator reads
 * it next to what QEMU printed.  Problems are only logged.
 */
void
qemuLiveLogExit(virQEMUDriver *driver, const char *name, pid_t pid, int status,
                virDomainShutoffReason reason)
{
    g_autofree char *file = g_strdup_printf("%s.log", name);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");
    g_autofree char *how = NULL;
    g_autofree char *line = NULL;
    VIR_AUTOCLOSE fd = -1;

    if (status < 0)
        how = g_strdup("exited (not our child: exit status unknown)");
    else if (WIFEXITED(status))
        how = g_strdup_printf("exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        how = g_strdup_printf("was killed by signal %d (SIG%s)%s", WTERMSIG(status),
                              NULLSTR(sigabbrev_np(WTERMSIG(status))),
                              WCOREDUMP(status) ? ", core dumped" : "");
    else
        how = g_strdup_printf("ended with wait status 0x%x", status);
    line = g_strdup_printf("%s.%03d+0000: QEMU process %lld %s; shut off (%s)\n", stamp,
                           g_date_time_get_microsecond(now) / 1000,
                           (long long)pid, how,
                           virDomainStateReasonToString(VIR_DOMAIN_SHUTOFF, reason));
    VIR_INFO("domain %s: QEMU process %lld %s", name, (long long)pid, how);
    if (driver->logDirFd < 0 ||
        (fd = virFileOpenAt(driver->logDirFd, driver->config->logDir, file,
                            O_WRONLY | O_APPEND, 0)) < 0 ||
        write(fd, line, strlen(line)) != (ssize_t)strlen(line)) {
        VIR_WARN("cannot write the end of QEMU %lld to the log of %s", (long long)pid,
                 name);
        virResetLastError();
    }
}



static void
qemuLiveSaveStatus(virQEMUDriver *driver, virDomainObj *vm)
{
    if (qemuDomainSaveStatus(driver, vm) < 0) {
        VIR_WARN("cannot record the state of domain %s: %s",
                 QEMU_DOMAIN_PRIVATE(vm)->name, virGetLastErrorMessage());
        virResetLastError();
    }
}


/* The guest is done (it powered off, or rebooted with <on_reboot>
 * destroy): SIGTERM without waiting; the exit finishes the stop. */
static void
qemuLiveGuestOff(virQEMUDriver *driver, virDomainObj *vm, bool guest)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    virDomainObjLock(vm);
    priv->guestShutdown = true;
    virDomainObjSetState(vm, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_UNKNOWN);
    virDomainObjUnlock(vm);
    qemuLiveSaveStatus(driver, vm);
    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_SHUTDOWN,
                        guest ? VIR_DOMAIN_EVENT_SHUTDOWN_GUEST :
                                VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED);
    if (qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_NOWAIT) < 0) {
        VIR_WARN("cannot end QEMU of domain %s after its guest powered off: %s",
                 priv->name, virGetLastErrorMessage());
        virResetLastError();
    }
}


/* <on_poweroff> restart: the guest is reset and runs again. */
static void
qemuLiveGuestRestart(virDomainObj *vm)
{
    qemuMonitor *mon = qemuDomainGetMonitor(vm);

    if (!mon || qemuMonitorSystemReset(mon) < 0 || qemuMonitorStartCPUs(mon) < 0) {
        VIR_WARN("cannot restart the guest of domain %s after it powered off: %s",
                 QEMU_DOMAIN_PRIVATE(vm)->name, virGetLastErrorMessage());
        virResetLastError();
    }
}


static void
qemuLiveHandleShutdown(virQEMUDriver *driver, virDomainObj *vm,
                       const qemuLiveEvent *ev)
{
    if (ev->reason == QEMU_MONITOR_SHUTDOWN_REASON_HOST_SIGNAL)
        return;  /* a signal: the exit tells the rest */
    if (vm->state == VIR_DOMAIN_SHUTDOWN)
        return;  /* already handled */
    if (ev->guest && vm->def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART) {
        qemuLiveGuestRestart(vm);
        return;
    }
    qemuLiveGuestOff(driver, vm, ev->guest);
}


static void
qemuLiveHandleReset(virQEMUDriver *driver, virDomainObj *vm,
                    const qemuLiveEvent *ev)
{
    if (vm->state == VIR_DOMAIN_SHUTDOWN)
        return;
    if (ev->guest && vm->def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY) {
        qemuLiveGuestOff(driver, vm, true);
        return;
    }
    /* QEMU has already reset the guest, which boots again: whoever asked
     * (the guest, virDomainReset, a restart for <on_poweroff>), clients
     * hear of it, as upstream's. */
    VIR_INFO("domain %s: the guest rebooted", QEMU_DOMAIN_PRIVATE(vm)->name);
    virDomainEventRebootQueue(driver->domainEventState, vm->def->name,
                              vm->def->uuid, vm->def->id);
}


static void
qemuLiveHandleStop(virQEMUDriver *driver, virDomainObj *vm)
{
    virDomainPausedReason reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    qemuMonitor *mon;
    bool running = false;

    if (vm->state != VIR_DOMAIN_RUNNING)
        return;  /* paused by the job that asked, or shutting down */
    /* Why: QEMU says (an I/O error, a watchdog...); a guest that powered
     * off comes as SHUTDOWN, which is queued right behind. */
    if ((mon = qemuDomainGetMonitor(vm)) &&
        qemuMonitorGetStatus(mon, &running, &reason) == 0) {
        if (running || reason == VIR_DOMAIN_PAUSED_SHUTTING_DOWN)
            return;
    } else {
        virResetLastError();
        reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    }
    virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, reason);
    qemuLiveSaveStatus(driver, vm);
    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                        reason == VIR_DOMAIN_PAUSED_IOERROR ?
                        VIR_DOMAIN_EVENT_SUSPENDED_IOERROR :
                        reason == VIR_DOMAIN_PAUSED_WATCHDOG ?
                        VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG :
                        VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}


static void
qemuLiveHandleResume(virQEMUDriver *driver, virDomainObj *vm)
{
    if (vm->state != VIR_DOMAIN_PAUSED)
        return;
    virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    qemuLiveSaveStatus(driver, vm);
    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_RESUMED,
                        VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}


/* A run this instance did not start: its monitor, and what the guest
 * did while nobody listened (a power-off leaves QEMU waiting). */
static void
qemuLiveHandleAttach(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *procState = virProcessRefGetState(&priv->proc);
    virDomainPausedReason reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    qemuMonitor *mon;
    bool running = false;

    if (!procState || strchr("TtDZX", procState[0])) {
        /* Frozen or stuck: it could not answer.  Its jobs open a
         * monitor of their own, as before; its exit is still seen. */
        VIR_WARN("domain %s: QEMU %lld is in state %s: not following its events",
                 priv->name, (long long)priv->proc.pid, NULLSTR(procState));
        return;
    }
    if (!(mon = qemuMonitorOpenPeer(priv->monitorPath, priv->proc.pidfd,
                                    priv->proc.pid, QEMU_LIVE_QUERY_TIMEOUT_MS,
                                    false, &qemuLiveMonitorCallbacks, vm))) {
        VIR_WARN("domain %s: cannot open its monitor to follow it: %s",
                 priv->name, virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    qemuMonitorSetCommandTimeout(mon, qemuDomainStartTimeoutMs(driver));
    g_mutex_lock(&priv->liveLock);
    priv->liveMon = mon;
    g_mutex_unlock(&priv->liveLock);

    if (qemuMonitorGetStatus(mon, &running, &reason) < 0) {
        virResetLastError();
        return;
    }
    if (!running && reason == VIR_DOMAIN_PAUSED_SHUTTING_DOWN) {
        VIR_INFO("domain %s: its guest powered off while nobody listened",
                 priv->name);
        qemuLiveGuestOff(driver, vm, true);
    } else if (running && vm->state == VIR_DOMAIN_PAUSED) {
        qemuLiveHandleResume(driver, vm);
    } else if (!running && vm->state == VIR_DOMAIN_RUNNING) {
        virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, reason);
        qemuLiveSaveStatus(driver, vm);
        qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                            VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    }
}


/* QEMU has exited: the stop path, unless a destroy in progress (which
 * caused it) records it, or the run was already recorded stopped. */
static void
qemuLiveHandleExit(virQEMUDriver *driver, virDomainObj *vm)
{
    if (qemuProcessReconcileLocked(driver, vm) < 0) {
        /* A destroy in progress finishes it. */
        VIR_DEBUG("domain %s: exit left to another job: %s",
                  QEMU_DOMAIN_PRIVATE(vm)->name, virGetLastErrorMessage());
        virResetLastError();
    }
}


static void
qemuLiveHandle(virQEMUDriver *driver, virDomainObj *vm, qemuLiveEvent *ev)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    bool current;

    VIR_DEBUG("domain %s: live event %d for run %d", priv->name, ev->type, ev->id);

    if (qemuDomainObjBeginJob(driver, vm) < 0) {
        VIR_WARN("domain %s: cannot act on what its QEMU did: %s", priv->name,
                 virGetLastErrorMessage());
        virResetLastError();
        /* The exit is not lost: the next call that looks stops it. */
        return;
    }
    virDomainObjLock(vm);
    current = !vm->removed && virDomainObjIsActive(vm) && vm->def->id == ev->id &&
              priv->phase == QEMU_DOMAIN_PHASE_RUNNING;
    virDomainObjUnlock(vm);
    if (current) {
        switch (ev->type) {
        case QEMU_LIVE_EVENT_SHUTDOWN:
            qemuLiveHandleShutdown(driver, vm, ev);
            break;
        case QEMU_LIVE_EVENT_RESET:
            qemuLiveHandleReset(driver, vm, ev);
            break;
        case QEMU_LIVE_EVENT_STOP:
            qemuLiveHandleStop(driver, vm);
            break;
        case QEMU_LIVE_EVENT_RESUME:
            qemuLiveHandleResume(driver, vm);
            break;
        case QEMU_LIVE_EVENT_EXIT:
            qemuLiveHandleExit(driver, vm);
            break;
        case QEMU_LIVE_EVENT_ATTACH:
            qemuLiveHandleAttach(driver, vm);
            break;
        }
    }
    qemuDomainObjEndJob(vm);
}


/* Drains one domain's queue; @data is a reference to the domain. */
static void
qemuLiveWorker(gpointer data, gpointer opaque)
{
    g_autoptr(virDomainObj) vm = data;
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virQEMUDriver *driver = opaque;

    for (;;) {
        g_autofree qemuLiveEvent *ev = NULL;

        g_mutex_lock(&priv->liveLock);
        if (!(ev = g_queue_pop_head(priv->liveEvents))) {
            priv->liveBusy = false;
            g_mutex_unlock(&priv->liveLock);
            break;
        }
        g_mutex_unlock(&priv->liveLock);
        qemuLiveHandle(driver, vm, ev);
    }
}
