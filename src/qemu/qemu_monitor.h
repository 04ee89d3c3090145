/*
 * qemu_monitor.h: the QMP client the driver talks to QEMU with
 *
 * Nothing here exposes JSON: commands take and return C types.  See the
 * comment at the top of qemu_monitor.c for the threading model.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "virenum.h"

typedef struct _qemuMonitor qemuMonitor;

/* How long a command waits for its reply unless told otherwise. */
#define QEMU_MONITOR_DEFAULT_TIMEOUT_MS 30000

/*
 * Why QEMU shut down or reset, as its SHUTDOWN and RESET events say
 * (QAPI ShutdownCause of QEMU 7.2), plus UNKNOWN for an event without
 * a cause or with one this list does not know.
 */
typedef enum {
    QEMU_MONITOR_SHUTDOWN_REASON_UNKNOWN = 0,     /* absent or not recognised */
    QEMU_MONITOR_SHUTDOWN_REASON_NONE,            /* no shutdown requested */
    QEMU_MONITOR_SHUTDOWN_REASON_HOST_ERROR,      /* an error on the host */
    QEMU_MONITOR_SHUTDOWN_REASON_HOST_QMP_QUIT,   /* the QMP "quit" command */
    QEMU_MONITOR_SHUTDOWN_REASON_HOST_QMP_SYSTEM_RESET, /* QMP "system_reset" */
    QEMU_MONITOR_SHUTDOWN_REASON_HOST_SIGNAL,     /* a signal such as SIGTERM */
    QEMU_MONITOR_SHUTDOWN_REASON_HOST_UI,         /* the user interface */
    QEMU_MONITOR_SHUTDOWN_REASON_GUEST_SHUTDOWN,  /* the guest powered off */
    QEMU_MONITOR_SHUTDOWN_REASON_GUEST_RESET,     /* the guest reset itself */
    QEMU_MONITOR_SHUTDOWN_REASON_GUEST_PANIC,     /* the guest panicked */
    QEMU_MONITOR_SHUTDOWN_REASON_SUBSYSTEM_RESET, /* a device reset the machine */
    QEMU_MONITOR_SHUTDOWN_REASON_SNAPSHOT_LOAD,   /* a snapshot was loaded */

    QEMU_MONITOR_SHUTDOWN_REASON_LAST
} qemuMonitorShutdownReason;

VIR_ENUM_DECL(qemuMonitorShutdownReason);

/*
 * Callbacks run on the monitor's I/O thread with no monitor lock held.
 * They must not run commands on the monitor that called them (those
 * fail at once, since only this thread could read the reply); they
 * may call qemuMonitorClose() on it.  Any member may be NULL.
 */

/* QEMU closed the connection: it is exiting or has exited. */
typedef void (*qemuMonitorEofNotifyCallback)(qemuMonitor *mon, void *opaque);

/* The connection failed (I/O error, malformed data); @reason says how. */
typedef void (*qemuMonitorErrorNotifyCallback)(qemuMonitor *mon,
                                               const char *reason,
                                               void *opaque);

/* SHUTDOWN or RESET: @guest is true when the guest asked for it. */
typedef void (*qemuMonitorDomainCauseCallback)(qemuMonitor *mon,
                                               bool guest,
                                               qemuMonitorShutdownReason reason,
                                               void *opaque);

/* An event without details: POWERDOWN, STOP, RESUME. */
typedef void (*qemuMonitorDomainEventCallback)(qemuMonitor *mon,
                                               void *opaque);

typedef struct _qemuMonitorCallbacks qemuMonitorCallbacks;
struct _qemuMonitorCallbacks {
    qemuMonitorEofNotifyCallback eofNotify;
    qemuMonitorErrorNotifyCallback errorNotify;
    qemuMonitorDomainCauseCallback domainShutdown;   /* SHUTDOWN */
    qemuMonitorDomainEventCallback domainPowerdown;  /* POWERDOWN */
    qemuMonitorDomainCauseCallback domainReset;      /* RESET */
    qemuMonitorDomainEventCallback domainStop;       /* STOP */
    qemuMonitorDomainEventCallback domainResume;     /* RESUME */
};

qemuMonitor *qemuMonitorOpen(const char *socketPath,
                             int pidfd,
                             int timeoutMs,
                             const qemuMonitorCallbacks *cb,
                             void *opaque);

qemuMonitor *qemuMonitorOpenPeer(const char *socketPath,
                                 int pidfd,
                                 pid_t expectedPeer,
                                 int timeoutMs,
                                 bool retry,
                                 const qemuMonitorCallbacks *cb,
                                 void *opaque);
pid_t qemuMonitorGetPeerPid(qemuMonitor *mon);
qemuMonitor *qemuMonitorOpenFD(int fd,
                               int timeoutMs,
                               const qemuMonitorCallbacks *cb,
                               void *opaque);

void qemuMonitorClose(qemuMonitor *mon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuMonitor, qemuMonitorClose);

void qemuMonitorSetCommandTimeout(qemuMonitor *mon, int timeoutMs);

int qemuMonitorStartCPUs(qemuMonitor *mon);
int qemuMonitorStopCPUs(qemuMonitor *mon);
int qemuMonitorSystemPowerdown(qemuMonitor *mon, int timeoutMs);
int qemuMonitorSystemReset(qemuMonitor *mon);
int qemuMonitorQuit(qemuMonitor *mon);

int qemuMonitorGetStatus(qemuMonitor *mon,
                         bool *retRunning,
                         virDomainPausedReason *retReason);

virDomainPausedReason qemuMonitorVMStatusToPausedReason(const char *status);

int qemuMonitorGetVersion(qemuMonitor *mon,
                          unsigned int *retMajor,
                          unsigned int *retMinor,
                          unsigned int *retMicro,
                          char **retPackage);

typedef struct _qemuMonitorMachineInfo qemuMonitorMachineInfo;
struct _qemuMonitorMachineInfo {
    char *name;            /* canonical name, e.g. "pc-i440fx-7.2" */
    char *alias;           /* e.g. "pc", or NULL */
    bool isDefault;        /* what QEMU uses without -machine */
    unsigned int maxCpus;  /* "cpu-max" */
    bool deprecated;
};

void qemuMonitorMachineInfoListFree(qemuMonitorMachineInfo *machines,
                                    size_t nmachines);

int qemuMonitorGetMachines(qemuMonitor *mon,
                           qemuMonitorMachineInfo **retMachines,
                           size_t *retNMachines);

int qemuMonitorGetKVMState(qemuMonitor *mon,
                           bool *retEnabled,
                           bool *retPresent);

int qemuMonitorGetTargetArch(qemuMonitor *mon,
                             char **retArch);
int qemuMonitorSetMemoryStatsPeriod(qemuMonitor *mon,
                                    const char *balloonAlias,
                                    int period);
int qemuMonitorGetPtyPaths(qemuMonitor *mon,
                           GHashTable **retPaths);
int qemuMonitorGetObjectTypes(qemuMonitor *mon,
                              char ***retTypes);

int qemuMonitorHumanCommand(qemuMonitor *mon,
                            const char *cmd,
                            char **retReply);

int qemuMonitorArbitraryCommand(qemuMonitor *mon,
                                const char *cmdJSON,
                                char **retReply);
