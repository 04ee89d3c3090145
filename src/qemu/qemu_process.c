/*
 * qemu_process.c: starting, finding again and stopping QEMU processes
 *
 * Identity: a domain's QEMU is its pid *and* the start time recorded
 * when it was started (field 22 of /proc/PID/stat).  Every signal goes
 * through a pidfd opened for that pid and checked against that start
 * time, so a pid the kernel has since given to another process is never
 * signalled: the domain is simply found stopped.
 *
 * Waiting: on the pidfd, which becomes readable the moment QEMU exits
 * (a zombie has exited), so no call waits for a polling tick.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "qemu_process.h"
#include "qemu_capabilities.h"
#include "qemu_command.h"
#include "qemu_domain_address.h"
#include "qemu_firmware.h"
#include "qemu_live.h"
#include "domain_event.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virnetdevtap.h"
#include "virprocess.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_process");

/* The most of a QEMU log an error message quotes. */
#define QEMU_LOG_QUOTE_MAX 4096

/* The longest a state query waits for QEMU's answer. */
#define QEMU_PROCESS_QUERY_TIMEOUT_MS 2000

/* How long a start that lost QEMU's monitor waits to see QEMU exit. */
#define QEMU_PROCESS_EXIT_GRACE_MS 1000

/* How long the child of an interrupted start may take to become QEMU. */
#define QEMU_PROCESS_EXEC_GRACE_MS 2000


static long long
qemuProcessSecondsToMs(double seconds)
{
    return (long long)ceil(seconds * 1000.0);
}


/* Whether the domain's QEMU still runs (a zombie does not).  Errors
 * count as alive: only proof of death may clean a domain up. */
static bool
qemuProcessIsAlive(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    bool alive = true;
    int rc;

    virDomainObjLock(vm);
    if ((rc = qemuDomainProcessOpen(vm)) < 0) {
        VIR_WARN("cannot check process %lld: %s", (long long)priv->proc.pid,
                 virGetLastErrorMessage());
        virResetLastError();
    } else {
        alive = rc > 0 && virProcessRefIsAlive(&priv->proc);
    }
    virDomainObjUnlock(vm);
    return alive;
}


/*
 * Collects the exit status of the domain's QEMU once it has exited, if
 * it is our child.  Only through the verified reference: the recorded
 * pid may since have gone to another process, maybe a child of the
 * application's own, which is not ours to reap.
 */
static void
qemuProcessReapExited(qemuDomainObjPrivate *priv)
{
    int status = -1;

    if (priv->proc.pidfd >= 0 && virProcessRefWait(&priv->proc, 0, &status) < 0)
        virResetLastError();
    if (status >= 0) {
        g_mutex_lock(&priv->liveLock);
        priv->exitStatus = status;
        g_mutex_unlock(&priv->liveLock);
    }
}


/*
 * The stop machine.  Each stage is a state; qemuProcessKillStep() is
 * the only transition function.  The one edge into SIGKILL leaves
 * SIGTERM_WAIT and is taken only when the machine was built with
 * @force: a graceful stop (force false) can only end GONE, SHORT or
 * FAILED, and nothing else in this file sends SIGKILL to a guest.
 *
 *   SIGTERM --> SIGTERM_WAIT --(exited)----------------------> GONE
 *                   |
 *                   +--(timeout, !force)---------------------> SHORT
 *                   +--(timeout, force)--> SIGKILL --> SIGKILL_WAIT
 *                                                       |--(exited)--> GONE
 *                                                       +--(timeout)-> FAILED
 *   (any stage)--(error)--> FAILED;  already exited at SIGTERM --> GONE
 */
typedef enum {
    QEMU_PROCESS_KILL_SIGTERM,       /* about to send SIGTERM */
    QEMU_PROCESS_KILL_SIGTERM_WAIT,  /* SIGTERM sent, waiting for the exit */
    QEMU_PROCESS_KILL_SIGKILL,       /* about to send SIGKILL (force only) */
    QEMU_PROCESS_KILL_SIGKILL_WAIT,  /* SIGKILL sent, waiting for the exit */
    QEMU_PROCESS_KILL_GONE,          /* the process has exited: success */
    QEMU_PROCESS_KILL_SHORT,         /* graceful timeout: stop short, fail */
    QEMU_PROCESS_KILL_FAILED,        /* an error, or SIGKILL did not work */
} qemuProcessKillStage;

typedef struct {
    virDomainObj *vm;
    virProcessRef *proc;
    bool force;                  /* SIGKILL is allowed after the term wait */
    double termTimeout;          /* seconds: term or graceful timeout */
    double killTimeout;          /* seconds after SIGKILL */
    qemuProcessKillStage stage;
    int status;                  /* wait status once reaped, else -1 */
} qemuProcessKillMachine;


/* Sends @sig; a process that has already exited is not a failure. */
static qemuProcessKillStage
qemuProcessKillSend(qemuProcessKillMachine *m, int sig,
                    qemuProcessKillStage next)
{
    int rc = virProcessRefSignal(m->proc, sig);

    if (rc == -ESRCH)
        return QEMU_PROCESS_KILL_GONE;
    if (rc < 0) {
        virReportSystemError(-rc, _("cannot send %1$s to process %2$lld"),
                             sigabbrev_np(sig), (long long)m->proc->pid);
        return QEMU_PROCESS_KILL_FAILED;
    }
    return next;
}


/* Waits up to @seconds; @late is where a timeout leads. */
static qemuProcessKillStage
qemuProcessKillWait(qemuProcessKillMachine *m, double seconds,
                    qemuProcessKillStage late)
{
    int rc = virProcessRefWait(m->proc, qemuProcessSecondsToMs(seconds), &m->status);

    if (rc < 0)
        return QEMU_PROCESS_KILL_FAILED;
    return rc == 1 ? QEMU_PROCESS_KILL_GONE : late;
}


static qemuProcessKillStage
qemuProcessKillStep(qemuProcessKillMachine *m)
{
    g_autofree char *state = NULL;
    qemuProcessKillStage next;

    switch (m->stage) {
    case QEMU_PROCESS_KILL_SIGTERM:
        return qemuProcessKillSend(m, SIGTERM, QEMU_PROCESS_KILL_SIGTERM_WAIT);

    case QEMU_PROCESS_KILL_SIGTERM_WAIT:
        if (m->force)
            return qemuProcessKillWait(m, m->termTimeout, QEMU_PROCESS_KILL_SIGKILL);
        next = qemuProcessKillWait(m, m->termTimeout, QEMU_PROCESS_KILL_SHORT);
        /* Before stopping short, one last look: a QEMU that exited just
         * as the wait ended (on a loaded host it was then described as
         * a zombie) obeyed SIGTERM. */
        if (next == QEMU_PROCESS_KILL_SHORT)
            next = qemuProcessKillWait(m, 0, QEMU_PROCESS_KILL_SHORT);
        return next;

    case QEMU_PROCESS_KILL_SIGKILL:
        if (!m->force) {
            /* Unreachable by construction; never let it become SIGKILL. */
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("a graceful stop reached the SIGKILL stage"));
            return QEMU_PROCESS_KILL_FAILED;
        }
        VIR_WARN("QEMU process %lld of domain %s ignored SIGTERM for %.3g s, sending SIGKILL",
                 (long long)m->proc->pid, QEMU_DOMAIN_PRIVATE(m->vm)->name,
                 m->termTimeout);
        return qemuProcessKillSend(m, SIGKILL, QEMU_PROCESS_KILL_SIGKILL_WAIT);

    case QEMU_PROCESS_KILL_SIGKILL_WAIT:
        if (qemuProcessKillWait(m, m->killTimeout, QEMU_PROCESS_KILL_FAILED) ==
            QEMU_PROCESS_KILL_GONE)
            return QEMU_PROCESS_KILL_GONE;
        if (virGetLastErrorCode() == VIR_ERR_OK) {
            state = virProcessRefDescribeState(m->proc);
            virReportSystemError(EBUSY,
                                 _("Failed to terminate process %1$lld with SIGKILL: still there %2$.3g s later, in state %3$s; the domain stays active and a later destroy can try again"),
                                 (long long)m->proc->pid, m->killTimeout,
                                 NULLSTR(state));
        }
        return QEMU_PROCESS_KILL_FAILED;

    case QEMU_PROCESS_KILL_SHORT:
    case QEMU_PROCESS_KILL_GONE:
    case QEMU_PROCESS_KILL_FAILED:
        break;
    }
    return m->stage;
}


static bool
qemuProcessKillStageIsFinal(qemuProcessKillStage stage)
{
    return stage == QEMU_PROCESS_KILL_GONE || stage == QEMU_PROCESS_KILL_SHORT ||
           stage == QEMU_PROCESS_KILL_FAILED;
}


/**
 * qemuProcessKill:
 * @vm: a domain
 * @flags: bitwise-OR of virQemuProcessKillFlags
 *
 * Without flags: SIGTERM, once, then wait up to destroy_graceful_timeout.
 * If QEMU is still there the call fails and nothing else is done: no
 * second signal, no SIGKILL.
 * With FORCE: SIGTERM, wait up to destroy_term_timeout, then SIGKILL and
 * wait up to destroy_kill_timeout.
 * With NOWAIT: one signal (SIGKILL with FORCE, else SIGTERM), no wait.
 * The signals go only to a process proven to be the domain's QEMU
 * (qemuDomainProcessOpen).
 *
 * Returns: 0 when the process is gone (with NOWAIT: the signal was
 * delivered or it was already gone), also for a domain that is not
 * active; -1 with an error reported otherwise: VIR_ERR_OPERATION_FAILED
 * when SIGTERM alone did not work, VIR_ERR_SYSTEM_ERROR when not even
 * SIGKILL did.
 */
int
qemuProcessKill(virDomainObj *vm, unsigned int flags)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virQEMUDriverConfig *cfg = priv->driver->config;
    g_auto(virProcessRef) proc = VIR_PROCESS_REF_INIT;
    qemuProcessKillMachine m = {
        .vm = vm,
        .proc = &proc,
        .force = !!(flags & VIR_QEMU_PROCESS_KILL_FORCE),
        .termTimeout = (flags & VIR_QEMU_PROCESS_KILL_FORCE) ?
                       cfg->destroyTermTimeout : cfg->destroyGracefulTimeout,
        .killTimeout = cfg->destroyKillTimeout,
        .stage = QEMU_PROCESS_KILL_SIGTERM,
        .status = -1,
    };
    g_autofree char *state = NULL;
    int rc;

    virCheckFlags(VIR_QEMU_PROCESS_KILL_FORCE | VIR_QEMU_PROCESS_KILL_NOWAIT, -1);
    VIR_DEBUG("vm=%s pid=%lld flags=0x%x", priv->name,
              (long long)priv->proc.pid, flags);

    if (!virDomainObjIsActive(vm))
        return 0;
    /* The machine works on its own copy of the verified reference, so
     * that other threads (another destroy, a query) can use the object's
     * meanwhile. */
    virDomainObjLock(vm);
    if ((rc = qemuDomainProcessOpen(vm)) > 0 &&
        virProcessRefDup(&priv->proc, &proc) < 0)
        rc = -1;
    virDomainObjUnlock(vm);
    if (rc <= 0)
        return rc;

    if (flags & VIR_QEMU_PROCESS_KILL_NOWAIT) {
        qemuProcessKillStage done = qemuProcessKillSend(&m, m.force ? SIGKILL : SIGTERM,
                                                        QEMU_PROCESS_KILL_GONE);

        return done == QEMU_PROCESS_KILL_FAILED ? -1 : 0;
    }

    while (!qemuProcessKillStageIsFinal(m.stage))
        m.stage = qemuProcessKillStep(&m);

    switch (m.stage) {
    case QEMU_PROCESS_KILL_GONE:
        virDomainObjLock(vm);
        if (priv->proc.pid == proc.pid && priv->proc.startTime == proc.startTime) {
            priv->proc.gone = true;
            if (m.status >= 0) {
                g_mutex_lock(&priv->liveLock);
                priv->exitStatus = m.status;
                g_mutex_unlock(&priv->liveLock);
            }
        }
        virDomainObjUnlock(vm);
        return 0;
    case QEMU_PROCESS_KILL_SHORT:
        state = virProcessRefDescribeState(&proc);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("failed to kill qemu process with SIGTERM: process %1$lld is still running %2$.3g s after SIGTERM (state %3$s); nothing else was done: retry, or destroy without the graceful flag to use SIGKILL"),
                       (long long)proc.pid, m.termTimeout, NULLSTR(state));
        return -1;
    case QEMU_PROCESS_KILL_FAILED:
    case QEMU_PROCESS_KILL_SIGTERM:
    case QEMU_PROCESS_KILL_SIGTERM_WAIT:
    case QEMU_PROCESS_KILL_SIGKILL:
    case QEMU_PROCESS_KILL_SIGKILL_WAIT:
        break;
    }
    return -1;
}


/**
 * qemuProcessReadLog:
 * @vm: a domain
 * @offset: where in its log file to start
 *
 * Returns: what QEMU wrote after @offset (at most the last
 * QEMU_LOG_QUOTE_MAX bytes, trailing blanks removed), or NULL if
 * nothing could be read.
 */
char *
qemuProcessReadLog(virDomainObj *vm, off_t offset)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virQEMUDriver *driver = priv->driver;
    g_autofree char *file = g_strdup_printf("%s.log", vm->def->name);
    g_autofree char *buf = NULL;
    VIR_AUTOCLOSE fd = -1;
    struct stat sb;
    ssize_t n;

    if ((fd = virFileOpenAt(driver->logDirFd, driver->config->logDir, file,
                            O_RDONLY, 0)) < 0 ||
        fstat(fd, &sb) < 0) {
        virResetLastError();
        return NULL;
    }
    if (offset < 0 || offset > sb.st_size)
        offset = 0;
    if (sb.st_size - offset > QEMU_LOG_QUOTE_MAX)
        offset = sb.st_size - QEMU_LOG_QUOTE_MAX;
    buf = g_new0(char, QEMU_LOG_QUOTE_MAX + 1);
    if ((n = pread(fd, buf, QEMU_LOG_QUOTE_MAX, offset)) < 0)
        return NULL;
    buf[n] = '\0';
    /* QEMU writes text; anything else is not quoted raw. */
    return g_strchomp(g_utf8_make_valid(buf, strlen(buf)));
}


/* The definition to fall back to once a run is over. */
static void
qemuProcessRestorePersistentDef(virDomainObj *vm)
{
    virDomainObjLock(vm);
    if (vm->newDef) {
        virDomainDefFree(vm->def);
        vm->def = g_steal_pointer(&vm->newDef);
    }
    vm->def->id = -1;
    virDomainObjUnlock(vm);
}


/**
 * qemuProcessStop:
 * @driver: the driver
 * @vm: an active domain, in a job
 * @reason: why it stopped
 * @flags: bitwise-OR of qemuProcessStopFlags
 *
 * The stop path: tears down what a QEMU proven gone left behind.  It
 * signals nothing; a caller that has not seen QEMU exit stops it first
 * (qemuProcessKill), and if QEMU is still there this fails and changes
 * nothing.  Then: the monitor is closed, the status file rewritten (the
 * commit point: shut off with @reason, or removed for a transient
 * domain), QEMU's leftovers removed, VIR_DOMAIN_EVENT_STOPPED queued.
 * A persistent domain keeps its definition; a transient one is gone.
 * Failing to record the stop on disk is only logged: the process is
 * gone whatever the disk says, and the next open completes the record.
 *
 * Returns: 0, or -1 with an error reported and the domain still active.
 */
int
qemuProcessStop(virQEMUDriver *driver, virDomainObj *vm,
                virDomainShutoffReason reason, unsigned int flags)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    static const int eventDetail[VIR_DOMAIN_SHUTOFF_LAST] = {
        [VIR_DOMAIN_SHUTOFF_UNKNOWN] = VIR_DOMAIN_EVENT_STOPPED_FAILED,
        [VIR_DOMAIN_SHUTOFF_SHUTDOWN] = VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN,
        [VIR_DOMAIN_SHUTOFF_DESTROYED] = VIR_DOMAIN_EVENT_STOPPED_DESTROYED,
        /* As upstream for a QEMU that went away by itself (CRASHED is
         * for a guest panic that <on_crash> turned into a stop). */
        [VIR_DOMAIN_SHUTOFF_CRASHED] = VIR_DOMAIN_EVENT_STOPPED_FAILED,
        [VIR_DOMAIN_SHUTOFF_MIGRATED] = VIR_DOMAIN_EVENT_STOPPED_MIGRATED,
        [VIR_DOMAIN_SHUTOFF_SAVED] = VIR_DOMAIN_EVENT_STOPPED_SAVED,
        [VIR_DOMAIN_SHUTOFF_FAILED] = VIR_DOMAIN_EVENT_STOPPED_FAILED,
        [VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT] = VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT,
        [VIR_DOMAIN_SHUTOFF_DAEMON] = VIR_DOMAIN_EVENT_STOPPED_DESTROYED,
    };
    g_autofree char *logFile = NULL;
    g_autofree char *name = NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    qemuMonitor *liveMon;
    int exitStatus;
    int id = vm->def->id;

    virCheckFlags(QEMU_PROCESS_STOP_REMOVE_LOGS, -1);
    VIR_DEBUG("vm=%s reason=%d", vm->def->name, reason);

    if (!virDomainObjIsActive(vm))
        return 0;
    if (qemuProcessIsAlive(vm)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot record domain '%1$s' as stopped: its QEMU process %2$lld is still running"),
                       vm->def->name, (long long)priv->proc.pid);
        return -1;
    }

    qemuProcessReapExited(priv);
    g_clear_pointer(&priv->mon, qemuMonitorClose);
    liveMon = qemuLiveUnwatchKeepMonitor(vm);
    g_mutex_lock(&priv->liveLock);
    exitStatus = priv->exitStatus;
    priv->exitStatus = -1;
    g_mutex_unlock(&priv->liveLock);
    qemuLiveLogExit(driver, vm->def->name, priv->proc.pid, exitStatus, reason);
    virDomainObjLock(vm);
    virProcessRefClear(&priv->proc);
    priv->guestShutdown = false;
    virDomainObjUnlock(vm);

    name = g_strdup(vm->def->name);
    memcpy(uuid, vm->def->uuid, VIR_UUID_BUFLEN);
    /* QEMU's leftovers go before the status file stops naming them: a
     * crash in between leaves a status file the next open completes. */
    qemuDomainRemovePrivateDir(driver, vm);
    qemuProcessRestorePersistentDef(vm);
    virDomainObjSetState(vm, VIR_DOMAIN_SHUTOFF, reason);
    if (qemuDomainSaveStatus(driver, vm) < 0) {
        /* The process is gone whatever the disk says; the next open
         * finds the stale status file and completes the stop. */
        VIR_WARN("cannot record the stop of domain %s: %s", name,
                 virGetLastErrorMessage());
        virResetLastError();
    }
    priv->phase = QEMU_DOMAIN_PHASE_INACTIVE;
    /* A transient domain ends with its run. */
    if (!vm->persistent)
        virDomainObjListRemove(driver->domains, vm);

    virDomainEventLifecycleQueue(driver->domainEventState, name, uuid, id,
                                 VIR_DOMAIN_EVENT_STOPPED, eventDetail[reason]);
    if (liveMon)
        qemuMonitorClose(liveMon);

    if (flags & QEMU_PROCESS_STOP_REMOVE_LOGS) {
        logFile = g_strdup_printf("%s.log", name);
        if (virFileRemoveAt(driver->logDirFd, driver->config->logDir, logFile,
                            false) < 0) {
            VIR_WARN("cannot remove the log of %s: %s", name,
                     virGetLastErrorMessage());
            virResetLastError();
        }
    }
    return 0;
}


/* The first free TCP port from 5900 on @address, for an autoport VNC
 * or SPICE display.  Another process may take it before QEMU does;
 * QEMU then fails to start with a clear message. */
static int
qemuProcessFindVNCPort(const char *address, const char *what)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };

    if (inet_pton(AF_INET, address ? address : "127.0.0.1", &sa.sin_addr) != 1)
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int port = 5900; port < 65536; port++) {
        VIR_AUTOCLOSE fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;

        if (fd < 0)
            break;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        sa.sin_port = htons(port);
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
            return port;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("Unable to find an unused port for %1$s"), what);
    return -1;
}


static int
qemuProcessPrepareGraphics(virDomainDef *def)
{
    for (size_t i = 0; i < def->ngraphics; i++) {
        virDomainGraphicsDef *g = def->graphics[i];

        if (g->autoport &&
            (g->port = qemuProcessFindVNCPort(g->listenAddress,
                                              g->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE ?
                                              "SPICE" : "VNC")) < 0)
            return -1;
    }
    return 0;
}


/* The terminals QEMU allocated for pty serial ports and channels, for
 * the live XML (a console is the first serial port). */
static int
qemuProcessRecordPtys(virDomainObj *vm, qemuMonitor *mon)
{
    g_autoptr(GHashTable) paths = NULL;
    virDomainChrDef **lists[] = { vm->def->serials, vm->def->channels };
    size_t counts[] = { vm->def->nserials, vm->def->nchannels };
    bool any = false;

    for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
        for (size_t i = 0; i < counts[l]; i++)
            any |= lists[l][i]->type == VIR_DOMAIN_CHR_TYPE_PTY;
    }
    if (!any)
        return 0;
    if (qemuMonitorGetPtyPaths(mon, &paths) < 0)
        return -1;
    virDomainObjLock(vm);
    for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
        for (size_t i = 0; i < counts[l]; i++) {
            virDomainChrDef *chr = lists[l][i];
            g_autofree char *label = g_strdup_printf("char%s", chr->info.alias);
            const char *path;

            if (chr->type != VIR_DOMAIN_CHR_TYPE_PTY ||
                !(path = g_hash_table_lookup(paths, label)))
                continue;
            g_free(chr->path);
            chr->path = g_strdup(path);
        }
    }
    virDomainObjUnlock(vm);
    return 0;
}


/* The longest path a UNIX socket address holds. */
#define QEMU_PROCESS_SOCKET_PATH_MAX 107

/* A channel socket the definition names no path for is the run's:
 * ALIAS.sock in its private directory (gone with the run). */
static int
qemuProcessPrepareChannels(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    for (size_t i = 0; i < vm->def->nchannels; i++) {
        virDomainChrDef *chr = vm->def->channels[i];
        g_autofree char *name = NULL;

        if (chr->type != VIR_DOMAIN_CHR_TYPE_UNIX || chr->path)
            continue;
        name = g_strdup_printf("%s.sock", chr->info.alias);
        chr->path = g_build_filename(priv->privateDir, name, NULL);
        if (strlen(chr->path) > QEMU_PROCESS_SOCKET_PATH_MAX) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("channel socket path '%1$s' is longer than %2$d bytes: use a shorter state directory (embed root)"),
                           chr->path, QEMU_PROCESS_SOCKET_PATH_MAX);
            return -1;
        }
    }
    return 0;
}


static int
qemuProcessOpenLog(virQEMUDriver *driver, virDomainObj *vm, char **argv)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *file = g_strdup_printf("%s.log", vm->def->name);
    g_autofree char *path = qemuDomainLogPath(driver->config, vm->def->name);
    g_autofree char *cmd = qemuBuildCommandLineString(argv);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");
    g_autofree char *header = NULL;
    VIR_AUTOCLOSE fd = -1;
    off_t end;

    /* Never through a link planted in the log directory: the driver may
     * run as root, and QEMU appends to this file. */
    if ((fd = virFileOpenAt(driver->logDirFd, driver->config->logDir, file,
                            O_WRONLY | O_APPEND | O_CREAT, 0600)) < 0)
        return -1;
    if ((end = lseek(fd, 0, SEEK_END)) < 0) {
        virReportSystemError(errno, _("cannot open log file '%1$s'"), path);
        return -1;
    }
    header = g_strdup_printf("[libvirt-grace] %s.%03d+0000: starting domain %s\n"
                             "[libvirt-grace] %s\n", stamp,
                             g_date_time_get_microsecond(now) / 1000,
                             vm->def->name, cmd);
    if (write(fd, header, strlen(header)) != (ssize_t)strlen(header)) {
        virReportSystemError(errno, _("cannot write log file '%1$s'"), path);
        return -1;
    }
    /* QEMU's output starts after our header (whose command line spans
     * several lines): errors quote only what QEMU printed. */
    priv->logOffset = end + strlen(header);
    return g_steal_fd(&fd);
}


/* The environment QEMU runs with: nothing of ours leaks into it. */
/*
 * The taps of the domain's bridge interfaces, made now and plugged into
 * their bridges, their names recorded in the live definition.  QEMU
 * inherits the descriptors; once ours are closed the taps live exactly
 * as long as QEMU does.  @tapfds gets one entry per interface, -1 for
 * the interfaces that need none.
 */
static int
qemuProcessPrepareTaps(virDomainObj *vm, int *tapfds)
{
    virDomainDef *def = vm->def;

    for (size_t i = 0; i < def->nnets; i++)
        tapfds[i] = -1;
    for (size_t i = 0; i < def->nnets; i++) {
        virDomainNetDef *net = def->nets[i];
        g_autofree char *ifname = NULL;

        if (net->type != VIR_DOMAIN_NET_TYPE_BRIDGE)
            continue;
        if (virNetDevTapCreateInBridge(net->bridge, net->ifname, &net->mac,
                                       net->model == VIR_DOMAIN_NET_MODEL_VIRTIO,
                                       &ifname, &tapfds[i]) < 0)
            return -1;
        virDomainObjLock(vm);
        g_free(net->ifname);
        net->ifname = g_steal_pointer(&ifname);
        virDomainObjUnlock(vm);
    }
    return 0;
}


static void
qemuProcessCloseTaps(int *tapfds, size_t ntapfds)
{
    for (size_t i = 0; i < ntapfds; i++)
        virForceClose(&tapfds[i]);
}


static char **
qemuProcessBuildEnv(qemuDomainObjPrivate *priv)
{
    GPtrArray *env = g_ptr_array_new();

    g_ptr_array_add(env, g_strdup("LC_ALL=C"));
    g_ptr_array_add(env, g_strdup("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    g_ptr_array_add(env, g_strdup_printf("HOME=%s", priv->privateDir));
    g_ptr_array_add(env, g_strdup_printf("XDG_DATA_HOME=%s/.local/share", priv->privateDir));
    g_ptr_array_add(env, g_strdup_printf("XDG_CACHE_HOME=%s/.cache", priv->privateDir));
    g_ptr_array_add(env, g_strdup_printf("XDG_CONFIG_HOME=%s/.config", priv->privateDir));
    g_ptr_array_add(env, NULL);
    return (char **)g_ptr_array_free(env, FALSE);
}


/* Stops the process @proc with the FORCE kill, as the domain's QEMU
 * (its identity checked as such).  Cleanup: reports nothing. */
static void
qemuProcessKillLeftover(virDomainObj *vm, virProcessRef *proc)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virProcessRef saved = priv->proc;

    priv->proc = *proc;
    if (qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_FORCE) < 0)
        VIR_ERROR("cannot stop QEMU process %lld of failed start of %s: %s",
                  (long long)priv->proc.pid, vm->def->name,
                  virGetLastErrorMessage());
    qemuProcessReapExited(priv);
    *proc = priv->proc;
    priv->proc = saved;
    virResetLastError();
}


/*
 * Undoes a start that failed, or that a crash interrupted: whatever
 * process exists goes (SIGKILL after the usual SIGTERM grace): the one
 * recorded (QEMU, or the emulator binary we spawned when QEMU's pid
 * was not known yet) and, if a wrapper runs QEMU as its child, the QEMU
 * its pid file names; then the status file and leftovers.  Each process
 * is signalled only once proven to be this domain's QEMU.  Reports
 * nothing: the error that made the start fail stays the last error.
 */
static void
qemuProcessStartCleanup(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_auto(virProcessRef) child = VIR_PROCESS_REF_INIT;
    unsigned long long start;
    virErrorPtr orig;
    pid_t pid;

    virErrorPreserveLast(&orig);
    g_clear_pointer(&priv->mon, qemuMonitorClose);
    qemuLiveUnwatch(vm);
    if ((pid = qemuDomainReadPidFile(driver, vm)) > 0 && pid != priv->proc.pid) {
        if (virProcessGetStartTime(pid, &start) == 0) {
            virProcessRefSet(&child, pid, start);
            qemuProcessKillLeftover(vm, &child);
        }
        virResetLastError();
    }
    if (priv->proc.pid > 0)
        qemuProcessKillLeftover(vm, &priv->proc);
    virProcessRefClear(&priv->proc);
    qemuDomainRemovePrivateDir(driver, vm);
    qemuProcessRestorePersistentDef(vm);
    virDomainObjSetState(vm, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FAILED);
    if (qemuDomainSaveStatus(driver, vm) < 0)
        VIR_ERROR("cannot record the failed start of %s: %s", vm->def->name,
                  virGetLastErrorMessage());
    priv->phase = QEMU_DOMAIN_PHASE_INACTIVE;
    virErrorRestore(&orig);
}


/* Replaces the error of a failed monitor connection with one quoting
 * what QEMU printed, which is what explains it. */
static void
qemuProcessReportStartFailure(virDomainObj *vm, bool exited)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *log = qemuProcessReadLog(vm, priv->logOffset);
    g_autofree char *cause = g_strdup(virGetLastErrorMessage());

    if (exited) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("process exited while connecting to monitor: %1$s"),
                       log && *log ? log : _("QEMU printed nothing"));
    } else if (log && *log) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s: %s", cause, log);
    }
}


/*
 * Puts QEMU's pid and start time in the status file before QEMU runs
 * (the spawned child waits for this): a crash of ours at any moment
 * of a start leaves either no QEMU or one the status file names, which
 * the next open stops.  The start time of the child is QEMU's: exec
 * does not change it.
 */
static int
qemuProcessRecordPid(pid_t pid, void *opaque)
{
    virDomainObj *vm = opaque;
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    /* Our unreaped child: its identity cannot change under us. */
    if (virProcessRefOpenChild(&priv->proc, pid) <= 0) {
        if (virGetLastErrorCode() == VIR_ERR_OK)
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("process %1$lld ended before it could execute QEMU"),
                           (long long)pid);
        return -1;
    }
    return qemuDomainSaveStatus(priv->driver, vm);
}


/*
 * Once QEMU answers on its monitor: which process is QEMU?  The one we
 * spawned, unless the emulator is a wrapper that runs QEMU as its
 * child.  QEMU's own pid file (written before it creates its monitor
 * socket) names it, and the process serving the monitor socket must be
 * that one.  From here on priv->proc is QEMU, checked as every later
 * call will check it, and the status file says so.
 */
static int
qemuProcessAdoptQEMU(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    unsigned long long startTime;
    pid_t pid = qemuDomainReadPidFile(priv->driver, vm);
    pid_t peer;

    if ((peer = qemuMonitorGetPeerPid(priv->mon)) < 0)
        return -1;
    if (pid <= 0 || pid != peer) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU's pid file '%1$s' names process %2$lld, but its monitor is served by process %3$lld"),
                       priv->pidFile, (long long)pid, (long long)peer);
        return -1;
    }
    if (pid == priv->proc.pid)
        return 0;

    VIR_DEBUG("domain %s: emulator %lld runs QEMU as process %lld",
              vm->def->name, (long long)priv->proc.pid, (long long)pid);
    if (virProcessGetStartTime(pid, &startTime) < 0)
        return -1;
    /* The launcher is left to end with QEMU, and to whoever reaps it. */
    virProcessRefSet(&priv->proc, pid, startTime);
    if (qemuDomainProcessOpen(vm) <= 0) {
        if (virGetLastErrorCode() == VIR_ERR_OK)
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("process %1$lld named by QEMU's pid file is not this domain's QEMU"),
                           (long long)pid);
        return -1;
    }
    return 0;
}


/**
 * qemuProcessStart:
 * @driver: the driver
 * @vm: an inactive domain, in a job (its name locked)
 * @flags: VIR_DOMAIN_START_PAUSED or 0
 *
 * Starts QEMU for @vm paused (-S), detached into its own session,
 * with a QMP socket, a pid file and its output in the domain's log;
 * completes the QMP handshake, records pid and start time in the status
 * file, then resumes the CPUs unless asked not to.  A failure at any
 * step leaves no process and no runtime state (persistent domains are
 * recorded as shut off, reason failed), with an error saying what QEMU
 * printed.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuProcessStart(virQEMUDriver *driver, virDomainObj *vm, unsigned int flags)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autoptr(virQEMUCaps) caps = NULL;
    g_autoptr(virDomainDef) live = NULL;
    g_auto(GStrv) argv = NULL;
    g_auto(GStrv) env = NULL;
    qemuCommandPaths paths = { 0 };
    virProcessSpawnOpts opts = { 0 };
    VIR_AUTOCLOSE logfd = -1;
    VIR_AUTOCLOSE runfd = -1;
    g_autofree int *tapfds = NULL;
    g_autofree int *passfds = NULL;
    size_t ntapfds = 0;
    size_t npassfds = 0;
    qemuMonitor *mon;
    pid_t pid;
    int id;

    virCheckFlags(VIR_DOMAIN_START_PAUSED, -1);

    if (virDomainObjIsActive(vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is already running"));
        return -1;
    }

    /* Whatever the state directory says, a QEMU of this domain may run
     * (started with another one): it holds the run lock. */
    if ((runfd = qemuDomainLockRun(driver, vm->def->name)) < 0)
        return -1;

    if (!(caps = virQEMUCapsCacheLookup(driver->qemuCapsCache, vm->def->emulator)))
        return -1;
    if (!(live = virDomainDefCopy(vm->def, 0)) ||
        qemuDomainPrepareDef(live, caps) < 0 ||
        qemuFirmwareFillDomain(live, qemuFirmwareSystemDirs,
                               driver->config->nvramDir) < 0 ||
        qemuProcessPrepareGraphics(live) < 0)
        return -1;
    if ((id = qemuDriverAllocateID(driver)) < 0)
        return -1;
    live->id = id;

    /* From here on the status file says a start is under way, so that a
     * crash of this process leaves something the next open cleans up. */
    virDomainObjLock(vm);
    vm->newDef = vm->persistent ? g_steal_pointer(&vm->def) : NULL;
    virDomainDefFree(vm->def);
    vm->def = g_steal_pointer(&live);
    priv->phase = QEMU_DOMAIN_PHASE_STARTING;
    virProcessRefClear(&priv->proc);
    priv->shutdownSignalled = false;
    priv->guestShutdown = false;
    priv->exitStatus = -1;
    priv->startPaused = !!(flags & VIR_DOMAIN_START_PAUSED);
    virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_STARTING_UP);
    virDomainObjUnlock(vm);

    if (qemuDomainSetRunPaths(driver, vm) < 0 ||
        qemuProcessPrepareChannels(vm) < 0 ||
        qemuDomainSaveStatus(driver, vm) < 0 ||
        qemuDomainMakePrivateDir(driver, vm) < 0 ||
        qemuFirmwareCreateNvram(vm->def) < 0)
        goto error;

    paths.monitorSocket = priv->monitorPath;
    paths.pidFile = priv->pidFile;
    tapfds = g_new(int, vm->def->nnets);
    ntapfds = vm->def->nnets;
    if (qemuProcessPrepareTaps(vm, tapfds) < 0)
        goto error;
    paths.tapfds = tapfds;
    paths.ntapfds = ntapfds;
    if (!(argv = qemuBuildCommandLine(vm->def, caps, &paths, 0)))
        goto error;
    if ((logfd = qemuProcessOpenLog(driver, vm, argv)) < 0)
        goto error;

    env = qemuProcessBuildEnv(priv);
    opts.cwd = "/";
    /* What QEMU creates (its monitor socket, its pid file) is for us
     * alone: 0600.  QEMU makes no directories here. */
    opts.umask = 0177;
    opts.logfd = logfd;
    /* QEMU's own limit of open files, not its caller's (a caller with a
     * low `ulimit -n` must not starve the guest of disks and sockets). */
    opts.maxFiles = driver->config->maxFiles;
    opts.maxFilesRequired = driver->config->maxFilesSet;
    /* QEMU holds the run lock for as long as it lives, and the taps. */
    passfds = g_new(int, ntapfds + 1);
    passfds[npassfds++] = runfd;
    for (size_t i = 0; i < ntapfds; i++) {
        if (tapfds[i] >= 0)
            passfds[npassfds++] = tapfds[i];
    }
    opts.passfds = passfds;
    opts.npassfds = npassfds;
    opts.prepare = qemuProcessRecordPid;
    opts.prepareOpaque = vm;
    if (virProcessSpawn((const char *const *)argv, (const char *const *)env,
                        &opts, &pid) < 0)
        goto error;
    virForceClose(&runfd);
    qemuProcessCloseTaps(tapfds, ntapfds);
    VIR_DEBUG("domain %s: QEMU pid %lld", vm->def->name, (long long)pid);

    /* qemuProcessRecordPid opened priv->proc on the child. */
    /* An instance that follows its domains live keeps this connection
     * for the run's life: events from now on are queued, and acted on
     * once the start has finished (it holds the job). */
    if (!(priv->mon = qemuMonitorOpen(priv->monitorPath, priv->proc.pidfd,
                                      qemuDomainStartTimeoutMs(driver),
                                      qemuLiveEnabled(driver) ?
                                      &qemuLiveMonitorCallbacks : NULL,
                                      vm))) {
        /* A QEMU that closed its monitor is on its way out, but the
         * pidfd may say so a moment after the socket does.  (After a
         * timeout QEMU is still there: no point waiting.) */
        int graceMs = virGetLastErrorCode() == VIR_ERR_OPERATION_TIMEOUT ?
                      0 : QEMU_PROCESS_EXIT_GRACE_MS;
        virErrorPtr orig;
        bool exited;

        virErrorPreserveLast(&orig);
        exited = virProcessRefWait(&priv->proc, graceMs, NULL) == 1;
        virErrorRestore(&orig);
        qemuProcessReportStartFailure(vm, exited);
        goto error;
    }
    mon = priv->mon;
    /* cont (and anything else the start asks) is bounded the same way. */
    qemuMonitorSetCommandTimeout(mon, qemuDomainStartTimeoutMs(driver));
    if (qemuProcessAdoptQEMU(vm) < 0 ||
        qemuProcessRecordPtys(vm, mon) < 0)
        goto error;
    /* How often the guest reports its memory use: a property of the
     * balloon QEMU takes at run time only. */
    if (vm->def->memballoon && vm->def->memballoon->period > 0 &&
        qemuMonitorSetMemoryStatsPeriod(mon, vm->def->memballoon->info.alias,
                                        vm->def->memballoon->period) < 0)
        goto error;

    if (!(flags & VIR_DOMAIN_START_PAUSED)) {
        if (qemuMonitorStartCPUs(mon) < 0)
            goto error;
        virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    } else {
        virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    }
    priv->phase = QEMU_DOMAIN_PHASE_RUNNING;
    if (qemuDomainSaveStatus(driver, vm) < 0)
        goto error;

    if (qemuLiveEnabled(driver)) {
        g_mutex_lock(&priv->liveLock);
        priv->liveMon = g_steal_pointer(&priv->mon);
        g_mutex_unlock(&priv->liveLock);
    }
    qemuLiveWatch(driver, vm);

    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_STARTED,
                        VIR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & VIR_DOMAIN_START_PAUSED)
        qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                            VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;

 error:
    /* Closing them removes the taps, unless QEMU still runs. */
    qemuProcessCloseTaps(tapfds, ntapfds);
    qemuProcessStartCleanup(driver, vm);
    return -1;
}


/*
 * Why a process ended that nobody here stopped: its log says whether a
 * signal made QEMU shut down (someone asked it to), otherwise it died.
 */
static virDomainShutoffReason
qemuProcessGuessStopReason(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *log = NULL;

    if (priv->shutdownSignalled || priv->guestShutdown)
        return VIR_DOMAIN_SHUTOFF_SHUTDOWN;
    log = qemuProcessReadLog(vm, priv->logOffset);
    if (log && strstr(log, "terminating on signal"))
        return VIR_DOMAIN_SHUTOFF_SHUTDOWN;
    return VIR_DOMAIN_SHUTOFF_CRASHED;
}


/*
 * A start interrupted right after it let its child go (virProcessSpawn's
 * prepare step) may find the child not yet QEMU: until it executes QEMU,
 * nothing in its command line proves it this domain's, so it would be
 * taken for gone and become, a moment later, a QEMU that nobody owns.
 * While some process holds the domain's run lock (the child inherited
 * it; a stranger named by a forged status file cannot hold it), the
 * recorded process gets a moment to become QEMU or to exit.
 */
static void
qemuProcessWaitStartExec(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    gint64 deadline = g_get_monotonic_time() +
                      QEMU_PROCESS_EXEC_GRACE_MS * G_TIME_SPAN_MILLISECOND;
    pid_t pid = priv->proc.pid;
    unsigned long long recorded = priv->proc.startTime;
    unsigned long long start;
    g_auto(GStrv) seen = NULL;

    /* Verified already (or an error, which counts as alive), or nothing
     * to wait for. */
    if (pid <= 0 || qemuDomainProcessOpen(vm) != 0 ||
        virProcessGetCmdline(pid, &seen) < 0)
        goto cleanup;
    while (g_get_monotonic_time() < deadline &&
           qemuDomainRunInUse(driver, vm->def->name) &&
           virProcessGetStartTime(pid, &start) == 0 && start == recorded) {
        g_auto(GStrv) now = NULL;

        g_usleep(10 * G_TIME_SPAN_MILLISECOND);
        /* The identity is checked again only when the command line has
         * changed: it reads empty in the middle of the exec, and as
         * QEMU's once done. */
        if (virProcessGetCmdline(pid, &now) < 0 ||
            g_strv_equal((const char *const *)seen, (const char *const *)now))
            continue;
        virDomainObjLock(vm);
        virProcessRefSet(&priv->proc, pid, recorded);
        virDomainObjUnlock(vm);
        if (qemuDomainProcessOpen(vm) != 0)
            break;  /* QEMU now, or an error that counts as alive */
        g_strfreev(seen);
        seen = g_steal_pointer(&now);
    }

 cleanup:
    virResetLastError();
}


/*
 * A start whose process died before it recorded the end of the start:
 * whether the guest may already run decides between finishing the start
 * and undoing it, and only QEMU knows.  So it is asked (query-status):
 *  - running, or stopped for a reason only a running guest gets (an I/O
 *    error, a shutdown, a panic): the start is finished;
 *  - paused as a start leaves it (prelaunch, or paused by the start):
 *    the guest never ran: finished if a paused start was asked for,
 *    else undone (the caller undoes it);
 *  - no answer (frozen, stuck): it may be running a guest, so it is not
 *    killed; it is kept as running, reason unknown, for the operator to
 *    look at and destroy.
 * No QEMU of this domain at all: nothing to finish (the caller undoes).
 *
 * Returns: true when the start was finished (or kept), false when the
 * caller must undo it.
 */
static bool
qemuProcessRecoverStart(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virDomainPausedReason reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    unsigned long long start;
    qemuMonitor *mon;
    bool running = false;
    pid_t pid;

    /* QEMU itself: the pid file names it once QEMU runs (the recorded
     * process may be a wrapper around it). */
    if ((pid = qemuDomainReadPidFile(driver, vm)) > 0 && pid != priv->proc.pid) {
        if (virProcessGetStartTime(pid, &start) < 0) {
            virResetLastError();
            return false;
        }
        virProcessRefSet(&priv->proc, pid, start);
    }
    qemuProcessWaitStartExec(driver, vm);
    if (!qemuProcessIsAlive(vm))
        return false;

    if (!(mon = qemuDomainGetMonitor(vm)) ||
        qemuMonitorGetStatus(mon, &running, &reason) < 0) {
        g_free(priv->damage);
        priv->damage = g_strdup_printf(_("its start was interrupted and its QEMU process %1$lld does not answer (%2$s): it is kept, since its guest may be running; destroy it if it is not wanted"),
                                       (long long)priv->proc.pid,
                                       virGetLastErrorMessage());
        virResetLastError();
        VIR_WARN("domain %s: %s", vm->def->name, priv->damage);
        virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN);
    } else if (running) {
        virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    } else if (reason != VIR_DOMAIN_PAUSED_USER) {
        virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, reason);
    } else if (priv->startPaused) {
        virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    } else {
        VIR_INFO("domain %s: the interrupted start never resumed the guest",
                 vm->def->name);
        return false;
    }

    VIR_WARN("domain %s: finishing a start that its process did not finish (QEMU %lld)",
             vm->def->name, (long long)priv->proc.pid);
    priv->phase = QEMU_DOMAIN_PHASE_RUNNING;
    if (qemuDomainSaveStatus(driver, vm) < 0) {
        VIR_WARN("cannot record the start of domain %s: %s", vm->def->name,
                 virGetLastErrorMessage());
        virResetLastError();
    }
    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_STARTED,
                        VIR_DOMAIN_EVENT_STARTED_BOOTED);
    return true;
}


/*
 * Shows @vm in @state to queries without changing what the object
 * records: the stop someone else is finishing will record it.
 */
static void
qemuProcessShowState(virDomainObj *vm, int state, int reason)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    virDomainObjLock(vm);
    priv->shown = true;
    priv->shownState = state;
    priv->shownReason = reason;
    virDomainObjUnlock(vm);
}


/*
 * The reconciliation itself, in a job.  A QEMU gone while a destroy is
 * in progress is left to that destroy (which killed it, and waits for
 * the job to record it as destroyed): for a query (@query) the domain
 * is shown in memory as the destroy will leave it; a job that would act
 * on the domain fails instead.
 */
static int
qemuProcessReconcileJob(virQEMUDriver *driver, virDomainObj *vm, bool query)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virDomainShutoffReason reason;

    if (!virDomainObjIsActive(vm))
        return 0;

    if (priv->phase == QEMU_DOMAIN_PHASE_STARTING) {
        /* We hold the job, so the start that wrote this is over. */
        if (qemuProcessRecoverStart(driver, vm))
            return 0;
        VIR_WARN("domain %s: undoing a start that did not finish",
                 vm->def->name);
        qemuProcessStartCleanup(driver, vm);
        qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_STOPPED,
                            VIR_DOMAIN_EVENT_STOPPED_FAILED);
        return 0;
    }

    if (qemuProcessIsAlive(vm))
        return 0;
    if (qemuDomainDestroyInProgress(driver, vm->def->name)) {
        if (!query) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("domain is being destroyed: retry once the destroy has finished"));
            return -1;
        }
        qemuProcessShowState(vm, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
        return 0;
    }
    reason = qemuProcessGuessStopReason(vm);
    VIR_INFO("domain %s: QEMU process %lld is gone (%s)", vm->def->name,
             (long long)priv->proc.pid,
             reason == VIR_DOMAIN_SHUTOFF_CRASHED ? "crashed" : "shut down");
    return qemuProcessStop(driver, vm, reason, 0);
}


/**
 * qemuProcessReconcileLocked:
 * @driver: the driver
 * @vm: a domain in a job, just (re)loaded from disk
 *
 * Completes what the files say but the system no longer shows: a domain
 * whose QEMU is gone is stopped properly (reason crashed, or shutdown
 * when QEMU was asked to end); a start that died half-way is undone.
 * A QEMU that a destroy in progress has killed is that destroy's to
 * stop: the caller's job fails (VIR_ERR_OPERATION_INVALID).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuProcessReconcileLocked(virQEMUDriver *driver, virDomainObj *vm)
{
    return qemuProcessReconcileJob(driver, vm, false);
}


/**
 * qemuProcessReconcile:
 * @driver: the driver
 * @vm: a domain
 *
 * Checks that a domain the object says runs still has its QEMU (one
 * poll of its pidfd once verified).  Anything to fix needs the domain's
 * job (see qemuProcessReconcileLocked); when another job holds it, that
 * job is in charge (a start in progress holds it too), and a domain
 * whose QEMU is gone is only shown shut off to queries.  So is a domain
 * whose QEMU a destroy in progress has killed: that destroy finishes the
 * stop.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuProcessReconcile(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    int rc;

    virDomainObjLock(vm);
    priv->shown = false;
    virDomainObjUnlock(vm);
    if (!virDomainObjIsActive(vm))
        return 0;
    if (priv->phase == QEMU_DOMAIN_PHASE_RUNNING && qemuProcessIsAlive(vm))
        return 0;

    if (qemuDomainObjTryJob(driver, vm) < 0) {
        if (virGetLastErrorCode() != VIR_ERR_RESOURCE_BUSY &&
            virGetLastErrorCode() != VIR_ERR_OPERATION_TIMEOUT)
            return -1;
        virResetLastError();
        if (priv->proc.gone)
            qemuProcessShowState(vm, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
        return 0;
    }
    rc = qemuProcessReconcileJob(driver, vm, true);
    qemuDomainObjEndJob(vm);
    return rc;
}


/**
 * qemuProcessRefreshState:
 * @driver: the driver
 * @vm: a running domain, reconciled, not in a job
 *
 * Asks QEMU what it is doing, for state queries: a guest that paused
 * or powered itself off (QEMU waits, -no-shutdown) is noticed here, and
 * a powered-off guest is stopped (reason shutdown), as upstream does on
 * the SHUTDOWN event.  Skipped (file state kept) when QEMU is frozen or
 * another job runs.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuProcessRefreshState(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *procState = NULL;
    virDomainPausedReason reason;
    qemuMonitor *mon;
    bool running;
    int ret = 0;

    if (!virDomainObjIsActive(vm) || priv->phase != QEMU_DOMAIN_PHASE_RUNNING)
        return 0;
    /* A stopped (SIGSTOP) or stuck QEMU cannot answer; asking would only
     * hang. */
    procState = virProcessRefGetState(&priv->proc);
    if (!procState || strchr("TtDZX", procState[0]))
        return 0;

    if (qemuDomainObjTryJob(driver, vm) < 0) {
        virResetLastError();
        return 0;
    }
    if (!virDomainObjIsActive(vm))
        goto cleanup;
    if (!(mon = qemuDomainGetMonitor(vm))) {
        /* Not worth failing a state query over: keep what we know. */
        VIR_DEBUG("cannot ask QEMU of %s for its state: %s", vm->def->name,
                  virGetLastErrorMessage());
        virResetLastError();
        goto cleanup;
    }
    /* A state query must not hang on a slow QEMU: it keeps what it knows. */
    qemuMonitorSetCommandTimeout(mon, MIN(QEMU_PROCESS_QUERY_TIMEOUT_MS,
                                          qemuDomainStartTimeoutMs(driver)));
    if (qemuMonitorGetStatus(mon, &running, &reason) < 0) {
        virResetLastError();
        goto cleanup;
    }

    if (!running && reason == VIR_DOMAIN_PAUSED_SHUTTING_DOWN) {
        /* The guest powered off; QEMU waits to be told to exit, which
         * SIGTERM does at once (it has nothing left to flush but its
         * block layer).  This caller then needs it gone to record the
         * stop: the kill that makes sure, as the stop path's own. */
        g_clear_pointer(&priv->mon, qemuMonitorClose);
        if (qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_FORCE) < 0 ||
            qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_SHUTDOWN, 0) < 0)
            ret = -1;
        goto cleanup;
    }
    if (running && vm->state != VIR_DOMAIN_RUNNING) {
        virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        ret = qemuDomainSaveStatus(driver, vm);
    } else if (!running && vm->state == VIR_DOMAIN_RUNNING) {
        virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, reason);
        ret = qemuDomainSaveStatus(driver, vm);
    }

 cleanup:
    qemuDomainObjEndJob(vm);
    return ret;
}
