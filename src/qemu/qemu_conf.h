/*
 * qemu_conf.h: where a QEMU driver instance keeps its state, and the
 * settings of its qemu.conf
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "virenum.h"

/* Defaults of the qemu.conf settings, in seconds. */
#define QEMU_DESTROY_TERM_TIMEOUT_DEFAULT 10.0
#define QEMU_DESTROY_KILL_TIMEOUT_DEFAULT 30.0
#define QEMU_DESTROY_GRACEFUL_TIMEOUT_DEFAULT 15.0
#define QEMU_START_TIMEOUT_DEFAULT 30.0
#define QEMU_JOB_WAIT_TIMEOUT_DEFAULT 30.0
#define QEMU_AUTO_SHUTDOWN_WAIT_DEFAULT 30.0
/* QEMU's own limit of open files when qemu.conf sets none (max_files),
 * as far as the driver's hard limit allows. */
#define QEMU_MAX_FILES_DEFAULT 8192
/* The kernel's default ceiling for any process's limit (fs.nr_open). */
#define QEMU_MAX_FILES_MAX 1048576

/* Which running domains a host-shutdown action applies to: the values
 * of upstream's auto_shutdown_* settings. */
typedef enum {
    QEMU_AUTO_SHUTDOWN_SCOPE_NONE,
    QEMU_AUTO_SHUTDOWN_SCOPE_PERSISTENT,
    QEMU_AUTO_SHUTDOWN_SCOPE_TRANSIENT,
    QEMU_AUTO_SHUTDOWN_SCOPE_ALL,

    QEMU_AUTO_SHUTDOWN_SCOPE_LAST
} qemuAutoShutdownScope;

/* What host shutdown does to one domain, each step only if the one
 * before left it running (auto_shutdown_override: ours). */
typedef enum {
    QEMU_AUTO_SHUTDOWN_ACTION_NONE,      /* left running */
    QEMU_AUTO_SHUTDOWN_ACTION_SHUTDOWN,  /* ACPI power button */
    QEMU_AUTO_SHUTDOWN_ACTION_POWEROFF,  /* then the graceful destroy */
    QEMU_AUTO_SHUTDOWN_ACTION_KILL,      /* then the default destroy */

    QEMU_AUTO_SHUTDOWN_ACTION_LAST
} qemuAutoShutdownAction;

VIR_ENUM_DECL(qemuAutoShutdownScope);
VIR_ENUM_DECL(qemuAutoShutdownAction);

typedef enum {
    QEMU_DRIVER_EMBED,    /* qemu:///embed?root=DIR */
    QEMU_DRIVER_SESSION,  /* qemu:///session */
    QEMU_DRIVER_SYSTEM,   /* qemu:///system */
} qemuDriverMode;

typedef struct _virQEMUDriverConfig virQEMUDriverConfig;
struct _virQEMUDriverConfig {
    qemuDriverMode mode;
    char *root;            /* embed only */

    char *configFile;      /* qemu.conf */
    char *configDir;       /* persistent definitions, NAME.xml */
    char *stateDir;        /* status files, pid files, locks, sockets */
    char *logDir;          /* one log per domain, NAME.log */
    char *libDir;          /* images the driver creates */
    char *nvramDir;        /* libDir/nvram: domains' UEFI variables */
    char *cacheDir;        /* emulator capabilities */

    /* qemu.conf */
    double destroyTermTimeout;     /* SIGTERM -> SIGKILL, default destroy */
    double destroyKillTimeout;     /* SIGKILL -> give up */
    double destroyGracefulTimeout; /* SIGTERM -> fail, graceful destroy */
    char *defaultEmulator;         /* when a definition names none */
    double startTimeout;           /* QEMU's monitor must answer within */
    double jobWaitTimeout;         /* how long a call waits for another job */
    unsigned int maxFiles;         /* QEMU's RLIMIT_NOFILE */
    bool maxFilesSet;              /* set in qemu.conf: required exactly */
    /* Host shutdown (the daemon): who is asked to shut down, who then
     * gets the graceful destroy (upstream's "poweroff"), who then gets
     * SIGKILL (ours), how long the guests get together, and per-domain
     * actions ("NAME:ACTION", ours). */
    qemuAutoShutdownScope autoShutdownTryShutdown;
    qemuAutoShutdownScope autoShutdownPoweroff;
    qemuAutoShutdownScope autoShutdownKill;
    double autoShutdownWait;
    GHashTable *autoShutdownOverride;   /* name -> qemuAutoShutdownAction */
};

/*
 * One instance of the driver: a state root and its domains, held in
 * memory for as long as the instance lives (see qemu_domain.h for how
 * they are kept in step with the files, which other processes may
 * share).  Each connection owns one, unless the process declared itself
 * the root's only user (a daemon), whose connections share one.
 */
typedef struct _virQEMUDriver virQEMUDriver;
struct _virQEMUDriver {
    gint refs;                  /* atomic; connections sharing it */
    char *key;                  /* in the registry of shared instances */
    virQEMUDriverConfig *config;
    /* The directories every per-domain file is reached through (with
     * the *At() functions of virfile.h: no symbolic link followed),
     * opened and checked once (virQEMUDriverOpenDirs); -1 when absent
     * (a read-only connection to a root never written). */
    int configDirFd;
    int stateDirFd;
    int logDirFd;
    int genFd;                  /* stateDir/generation, or -1 */
    int holderFd;               /* stateDir/driver-holder, locked */

    /* The domains, each object a reference of the list's. */
    struct _virDomainObjList *domains;
    /* Serialises the loading and resynchronisation of the list. */
    GMutex lock;
    /* Guards @rootGen and the bumps of the root's generation. */
    GMutex genLock;
    /* The root's generation the list reflects (qemuDriverSync). */
    guint64 rootGen;
    /* No other process writes this root (it holds it exclusively): what
     * is in memory is the truth, nothing is re-read. */
    bool exclusive;
    struct _virQEMUCapsCache *qemuCapsCache;
    struct _virDomainEventState *domainEventState;
    /* What running domains do on their own (qemu_live.c): the threads
     * that act on it, and whether the instance is closing. */
    GThreadPool *liveWorkers;
    GMutex liveLock;
    bool liveClosing;
};

void virQEMUDriverConfigFree(virQEMUDriverConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virQEMUDriverConfig, virQEMUDriverConfigFree);

virQEMUDriverConfig *virQEMUDriverConfigNew(qemuDriverMode mode,
                                            const char *root);
int virQEMUDriverConfigLoadFile(virQEMUDriverConfig *cfg, const char *path);
int virQEMUDriverConfigMakeDirs(const virQEMUDriverConfig *cfg);
int virQEMUDriverOpenDirs(virQEMUDriver *driver, bool create)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
void virQEMUDriverCloseDirs(virQEMUDriver *driver);

qemuAutoShutdownAction virQEMUDriverConfigShutdownAction(const virQEMUDriverConfig *cfg,
                                                         const char *name,
                                                         bool persistent);
