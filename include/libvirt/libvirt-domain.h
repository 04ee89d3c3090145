/*
 * libvirt-domain.h: domains (virtual machines) and their life cycle
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_DOMAIN_H
# define LIBVIRT_DOMAIN_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virDomain:
 *
 * A domain known to a connection, running or only defined.  Opaque.
 */
typedef struct _virDomain virDomain;

/**
 * virDomainPtr:
 *
 * The handle every domain-level call takes.  Each handle holds a
 * reference; release it with virDomainFree().
 */
typedef virDomain *virDomainPtr;

/**
 * virDomainState:
 *
 * What a domain is doing, as virDomainGetState() reports it.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE = 0,     /* no state could be determined */
    VIR_DOMAIN_RUNNING = 1,     /* virtual CPUs are executing */
    VIR_DOMAIN_BLOCKED = 2,     /* waiting for a resource */
    VIR_DOMAIN_PAUSED = 3,      /* virtual CPUs are stopped; the process lives */
    VIR_DOMAIN_SHUTDOWN = 4,    /* the guest is shutting itself down */
    VIR_DOMAIN_SHUTOFF = 5,     /* no process runs for the domain */
    VIR_DOMAIN_CRASHED = 6,     /* the guest crashed and was left as it was */
    VIR_DOMAIN_PMSUSPENDED = 7, /* the guest suspended itself to memory or disk */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST
# endif
} virDomainState;

/** virDomainNostateReason: why a domain has no state. */
typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0, /* not known */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NOSTATE_LAST
# endif
} virDomainNostateReason;

/** virDomainRunningReason: why a domain is running. */
typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN = 0,            /* not known */
    VIR_DOMAIN_RUNNING_BOOTED = 1,             /* started normally */
    VIR_DOMAIN_RUNNING_MIGRATED = 2,           /* arrived by migration */
    VIR_DOMAIN_RUNNING_RESTORED = 3,           /* restored from a saved image */
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT = 4,      /* reverted to a snapshot */
    VIR_DOMAIN_RUNNING_UNPAUSED = 5,           /* resumed after a pause */
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6, /* an outgoing migration was cancelled */
    VIR_DOMAIN_RUNNING_SAVE_CANCELED = 7,      /* a save was cancelled */
    VIR_DOMAIN_RUNNING_WAKEUP = 8,             /* woke up from power-management suspend */
    VIR_DOMAIN_RUNNING_CRASHED = 9,            /* runs on after a guest crash */
    VIR_DOMAIN_RUNNING_POSTCOPY = 10,          /* running during post-copy migration */
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED = 11,   /* post-copy migration failed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_RUNNING_LAST
# endif
} virDomainRunningReason;

/** virDomainBlockedReason: why a domain is blocked. */
typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0, /* not known */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCKED_LAST
# endif
} virDomainBlockedReason;

/** virDomainPausedReason: why a domain is paused. */
typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN = 0,          /* not known */
    VIR_DOMAIN_PAUSED_USER = 1,             /* an application asked for it */
    VIR_DOMAIN_PAUSED_MIGRATION = 2,        /* for an offline migration */
    VIR_DOMAIN_PAUSED_SAVE = 3,             /* while being saved */
    VIR_DOMAIN_PAUSED_DUMP = 4,             /* while its memory is dumped */
    VIR_DOMAIN_PAUSED_IOERROR = 5,          /* a disk I/O error stopped it */
    VIR_DOMAIN_PAUSED_WATCHDOG = 6,         /* its watchdog fired */
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT = 7,    /* reverted to a paused snapshot */
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN = 8,    /* on its way to shut off */
    VIR_DOMAIN_PAUSED_SNAPSHOT = 9,         /* while a snapshot is taken */
    VIR_DOMAIN_PAUSED_CRASHED = 10,         /* the guest crashed */
    VIR_DOMAIN_PAUSED_STARTING_UP = 11,     /* not yet resumed after start */
    VIR_DOMAIN_PAUSED_POSTCOPY = 12,        /* during post-copy migration */
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13, /* post-copy migration failed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PAUSED_LAST
# endif
} virDomainPausedReason;

/** virDomainShutdownReason: why a domain is shutting down. */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0, /* not known */
    VIR_DOMAIN_SHUTDOWN_USER = 1,    /* an application asked the guest */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTDOWN_LAST
# endif
} virDomainShutdownReason;

/** virDomainShutoffReason: why a domain is shut off. */
typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN = 0,       /* not known, e.g. never started */
    VIR_DOMAIN_SHUTOFF_SHUTDOWN = 1,      /* the guest powered itself off */
    VIR_DOMAIN_SHUTOFF_DESTROYED = 2,     /* stopped by virDomainDestroy() */
    VIR_DOMAIN_SHUTOFF_CRASHED = 3,       /* the emulator died on its own */
    VIR_DOMAIN_SHUTOFF_MIGRATED = 4,      /* migrated away */
    VIR_DOMAIN_SHUTOFF_SAVED = 5,         /* saved to a file */
    VIR_DOMAIN_SHUTOFF_FAILED = 6,        /* failed to start */
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7, /* reverted to a shut-off snapshot */
    VIR_DOMAIN_SHUTOFF_DAEMON = 8,        /* stopped by the management daemon */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTOFF_LAST
# endif
} virDomainShutoffReason;

/** virDomainCrashedReason: why a domain is in the crashed state. */
typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN = 0,  /* not known */
    VIR_DOMAIN_CRASHED_PANICKED = 1, /* the guest kernel panicked */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CRASHED_LAST
# endif
} virDomainCrashedReason;

/** virDomainPMSuspendedReason: why a domain is suspended to memory. */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0, /* not known */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_LAST
# endif
} virDomainPMSuspendedReason;

/** virDomainPMSuspendedDiskReason: why a domain is suspended to disk. */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_DISK_UNKNOWN = 0, /* not known */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_DISK_LAST
# endif
} virDomainPMSuspendedDiskReason;

/**
 * virDomainInfo:
 *
 * A summary of a domain, filled in by virDomainGetInfo().
 */
typedef struct _virDomainInfo virDomainInfo;
struct _virDomainInfo {
    unsigned char state;        /* a virDomainState */
    unsigned long maxMem;       /* memory the domain may use, in KiB */
    unsigned long memory;       /* memory the domain has now, in KiB */
    unsigned short nrVirtCpu;   /* number of virtual CPUs */
    unsigned long long cpuTime; /* CPU time consumed, in nanoseconds */
};
typedef virDomainInfo *virDomainInfoPtr;

/**
 * virDomainCreateFlags:
 *
 * Flags for virDomainCreateWithFlags() and virDomainCreateXML().
 */
typedef enum {
    VIR_DOMAIN_NONE = 0,                    /* start normally */
    VIR_DOMAIN_START_PAUSED = 1 << 0,       /* leave the virtual CPUs stopped */
    VIR_DOMAIN_START_AUTODESTROY = 1 << 1,  /* destroy when the connection closes */
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2, /* restore a saved image without the page cache */
    VIR_DOMAIN_START_FORCE_BOOT = 1 << 3,   /* boot even if a saved image exists */
    VIR_DOMAIN_START_VALIDATE = 1 << 4,     /* validate the XML against the schema */
    VIR_DOMAIN_START_RESET_NVRAM = 1 << 5,  /* start from a fresh NVRAM image */
} virDomainCreateFlags;

/**
 * virDomainShutdownFlagValues:
 *
 * How virDomainShutdownFlags() asks the guest to stop.  With no flag
 * the driver picks; several flags let it try each in turn.
 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_DEFAULT = 0,               /* the driver's choice */
    VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = (1 << 0), /* press the ACPI power button */
    VIR_DOMAIN_SHUTDOWN_GUEST_AGENT = (1 << 1),    /* ask the guest agent */
    VIR_DOMAIN_SHUTDOWN_INITCTL = (1 << 2),        /* talk to the container's init */
    VIR_DOMAIN_SHUTDOWN_SIGNAL = (1 << 3),         /* send SIGTERM to the emulator */
    VIR_DOMAIN_SHUTDOWN_PARAVIRT = (1 << 4),       /* a paravirtual shutdown request */
} virDomainShutdownFlagValues;

/**
 * virDomainDestroyFlagsValues:
 *
 * Flags for virDomainDestroyFlags().
 */
typedef enum {
    /* SIGTERM, and SIGKILL if the emulator has not exited in time */
    VIR_DOMAIN_DESTROY_DEFAULT = 0,
    /* SIGTERM only; if the emulator has not exited in time the call
     * fails and the domain is left exactly as it was */
    VIR_DOMAIN_DESTROY_GRACEFUL = 1 << 0,
    /* after a successful stop, delete the domain's emulator log */
    VIR_DOMAIN_DESTROY_REMOVE_LOGS = 1 << 1,
} virDomainDestroyFlagsValues;

/**
 * virDomainXMLFlags:
 *
 * Flags for virDomainGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_XML_SECURE = (1 << 0),     /* include secrets such as passwords */
    VIR_DOMAIN_XML_INACTIVE = (1 << 1),   /* the persistent definition, not the live one */
    VIR_DOMAIN_XML_UPDATE_CPU = (1 << 2), /* expand the guest CPU model */
    VIR_DOMAIN_XML_MIGRATABLE = (1 << 3), /* only what a migration can carry */
} virDomainXMLFlags;

/**
 * virDomainDefineFlags:
 *
 * Flags for virDomainDefineXMLFlags().
 */
typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = (1 << 0), /* validate the XML against the schema */
} virDomainDefineFlags;

/**
 * virDomainUndefineFlagsValues:
 *
 * Flags for virDomainUndefineFlags(): what else to remove with the
 * definition.
 */
typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = (1 << 0),       /* a managed save image */
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = (1 << 1), /* snapshot metadata */
    VIR_DOMAIN_UNDEFINE_NVRAM = (1 << 2),              /* the NVRAM file */
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM = (1 << 3),         /* keep the NVRAM file */
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = (1 << 4), /* checkpoint metadata */
    VIR_DOMAIN_UNDEFINE_TPM = (1 << 5),                /* TPM state */
    VIR_DOMAIN_UNDEFINE_KEEP_TPM = (1 << 6),           /* keep TPM state */
} virDomainUndefineFlagsValues;

/**
 * virConnectListAllDomainsFlags:
 *
 * Filters for virConnectListAllDomains().  Within a group (active or
 * inactive; persistent or transient; the states) a domain matching any
 * flag passes; a group with no flag set does not filter.
 */
typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,          /* running or paused */
    VIR_CONNECT_LIST_DOMAINS_INACTIVE = 1 << 1,        /* shut off */
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT = 1 << 2,      /* has a stored definition */
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT = 1 << 3,       /* exists only while running */
    VIR_CONNECT_LIST_DOMAINS_RUNNING = 1 << 4,         /* state running */
    VIR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 5,          /* state paused */
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF = 1 << 6,         /* state shut off */
    VIR_CONNECT_LIST_DOMAINS_OTHER = 1 << 7,           /* any other state */
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 1 << 8,     /* has a managed save image */
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,  /* has none */
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART = 1 << 10,      /* starts with the host */
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART = 1 << 11,   /* does not */
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT = 1 << 12,   /* has snapshots */
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT = 1 << 13,    /* has none */
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14, /* has checkpoints */
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT = 1 << 15,  /* has none */
} virConnectListAllDomainsFlags;

/* Connection-level domain queries */
int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                             unsigned int flags);
int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDefinedDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                 int maxnames);
char *virConnectDomainXMLToNative(virConnectPtr conn, const char *nativeFormat,
                                  const char *domainXml, unsigned int flags);

/* Looking domains up */
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn,
                                         const char *uuid);

/* Definitions */
virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                                     unsigned int flags);
int virDomainUndefine(virDomainPtr domain);
int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags);

/* Life cycle */
int virDomainCreate(virDomainPtr domain);
int virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
virDomainPtr virDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                                unsigned int flags);
int virDomainShutdown(virDomainPtr domain);
int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int virDomainDestroy(virDomainPtr domain);
int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);

/* Facts about one domain */
int virDomainGetState(virDomainPtr domain, int *state, int *reason,
                      unsigned int flags);
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
char *virDomainGetOSType(virDomainPtr domain);
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainGetAutostart(virDomainPtr domain, int *autostart);
int virDomainIsActive(virDomainPtr dom);
int virDomainIsPersistent(virDomainPtr dom);
virConnectPtr virDomainGetConnect(virDomainPtr domain);

/* References */
int virDomainRef(virDomainPtr domain);
int virDomainFree(virDomainPtr domain);

/**
 * virDomainEventType:
 *
 * The @event argument of a VIR_DOMAIN_EVENT_ID_LIFECYCLE callback.  Each
 * value has its own enum for the @detail argument.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED = 0,     /* a definition was stored */
    VIR_DOMAIN_EVENT_UNDEFINED = 1,   /* a definition was removed */
    VIR_DOMAIN_EVENT_STARTED = 2,     /* the domain began to run */
    VIR_DOMAIN_EVENT_SUSPENDED = 3,   /* its CPUs were stopped */
    VIR_DOMAIN_EVENT_RESUMED = 4,     /* its CPUs were restarted */
    VIR_DOMAIN_EVENT_STOPPED = 5,     /* its emulator process is gone */
    VIR_DOMAIN_EVENT_SHUTDOWN = 6,    /* the guest finished shutting down */
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7, /* the guest suspended itself */
    VIR_DOMAIN_EVENT_CRASHED = 8,     /* the guest crashed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_LAST
# endif
} virDomainEventType;

/** virDomainEventDefinedDetailType: details of VIR_DOMAIN_EVENT_DEFINED. */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED = 0,         /* a new definition */
    VIR_DOMAIN_EVENT_DEFINED_UPDATED = 1,       /* an existing one replaced */
    VIR_DOMAIN_EVENT_DEFINED_RENAMED = 2,       /* the domain was renamed */
    VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3, /* restored from a snapshot */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DEFINED_LAST
# endif
} virDomainEventDefinedDetailType;

/** virDomainEventUndefinedDetailType: details of VIR_DOMAIN_EVENT_UNDEFINED. */
typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0, /* the definition was deleted */
    VIR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1, /* the domain was renamed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_UNDEFINED_LAST
# endif
} virDomainEventUndefinedDetailType;

/** virDomainEventStartedDetailType: details of VIR_DOMAIN_EVENT_STARTED. */
typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED = 0,        /* a normal start */
    VIR_DOMAIN_EVENT_STARTED_MIGRATED = 1,      /* arrived by migration */
    VIR_DOMAIN_EVENT_STARTED_RESTORED = 2,      /* restored from a saved image */
    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3, /* reverted to a snapshot */
    VIR_DOMAIN_EVENT_STARTED_WAKEUP = 4,        /* woke from suspend */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STARTED_LAST
# endif
} virDomainEventStartedDetailType;

/** virDomainEventSuspendedDetailType: details of VIR_DOMAIN_EVENT_SUSPENDED. */
typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0,          /* an application paused it */
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED = 1,        /* paused for migration */
    VIR_DOMAIN_EVENT_SUSPENDED_IOERROR = 2,         /* a disk I/O error */
    VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG = 3,        /* the watchdog fired */
    VIR_DOMAIN_EVENT_SUSPENDED_RESTORED = 4,        /* restored paused */
    VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT = 5,   /* reverted to a paused snapshot */
    VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR = 6,       /* a management call failed */
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY = 7,        /* post-copy migration */
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8, /* post-copy migration failed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SUSPENDED_LAST
# endif
} virDomainEventSuspendedDetailType;

/** virDomainEventResumedDetailType: details of VIR_DOMAIN_EVENT_RESUMED. */
typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0,        /* an application resumed it */
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED = 1,        /* migration finished */
    VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT = 2,   /* reverted to a running snapshot */
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY = 3,        /* post-copy migration */
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4, /* post-copy migration failed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_RESUMED_LAST
# endif
} virDomainEventResumedDetailType;

/** virDomainEventStoppedDetailType: details of VIR_DOMAIN_EVENT_STOPPED. */
typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0,      /* the guest powered off */
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1,     /* virDomainDestroy() stopped it */
    VIR_DOMAIN_EVENT_STOPPED_CRASHED = 2,       /* the emulator died on its own */
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED = 3,      /* migrated away */
    VIR_DOMAIN_EVENT_STOPPED_SAVED = 4,         /* saved to a file */
    VIR_DOMAIN_EVENT_STOPPED_FAILED = 5,        /* the host failed it */
    VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6, /* reverted to a shut-off snapshot */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STOPPED_LAST
# endif
} virDomainEventStoppedDetailType;

/** virDomainEventShutdownDetailType: details of VIR_DOMAIN_EVENT_SHUTDOWN. */
typedef enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0, /* the guest finished shutting down */
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST = 1,    /* ... because the guest asked */
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST = 2,     /* ... because the host asked */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SHUTDOWN_LAST
# endif
} virDomainEventShutdownDetailType;

/** virDomainEventPMSuspendedDetailType: details of VIR_DOMAIN_EVENT_PMSUSPENDED. */
typedef enum {
    VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0, /* to memory */
    VIR_DOMAIN_EVENT_PMSUSPENDED_DISK = 1,   /* to disk */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_PMSUSPENDED_LAST
# endif
} virDomainEventPMSuspendedDetailType;

/** virDomainEventCrashedDetailType: details of VIR_DOMAIN_EVENT_CRASHED. */
typedef enum {
    VIR_DOMAIN_EVENT_CRASHED_PANICKED = 0,    /* the guest panicked */
    VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1, /* the guest loaded a crash kernel */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_CRASHED_LAST
# endif
} virDomainEventCrashedDetailType;

/**
 * virConnectDomainEventCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain concerned
 * @event: a virDomainEventType
 * @detail: one of the detail enums that goes with @event
 * @opaque: the application's data
 *
 * Receives VIR_DOMAIN_EVENT_ID_LIFECYCLE events.  The return value is
 * ignored.
 */
typedef int (*virConnectDomainEventCallback)(virConnectPtr conn,
                                             virDomainPtr dom,
                                             int event,
                                             int detail,
                                             void *opaque);

/**
 * virConnectDomainEventGenericCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain concerned
 * @opaque: the application's data
 *
 * The type virConnectDomainEventRegisterAny() takes; the real callback
 * has the signature its event ID calls for, cast with
 * VIR_DOMAIN_EVENT_CALLBACK().
 */
typedef void (*virConnectDomainEventGenericCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     void *opaque);

/**
 * VIR_DOMAIN_EVENT_CALLBACK:
 * @cb: a callback with the signature of its event ID
 *
 * Casts @cb for virConnectDomainEventRegisterAny().
 */
# define VIR_DOMAIN_EVENT_CALLBACK(cb) ((virConnectDomainEventGenericCallback)(cb))

/**
 * virDomainEventID:
 *
 * The kinds of domain event an application can subscribe to.
 */
typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0,       /* virConnectDomainEventCallback */
    VIR_DOMAIN_EVENT_ID_REBOOT = 1,          /* the guest rebooted */
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE = 2,      /* the guest changed its clock */
    VIR_DOMAIN_EVENT_ID_WATCHDOG = 3,        /* the watchdog fired */
    VIR_DOMAIN_EVENT_ID_IO_ERROR = 4,        /* a disk I/O error */
    VIR_DOMAIN_EVENT_ID_GRAPHICS = 5,        /* a graphics client came or went */
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON = 6, /* a disk I/O error, with its reason */
    VIR_DOMAIN_EVENT_ID_CONTROL_ERROR = 7,   /* the monitor connection broke */
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB = 8,       /* a block job finished */
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE = 9,     /* removable media changed */
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE = 10,    /* a tray opened or closed */
    VIR_DOMAIN_EVENT_ID_PMWAKEUP = 11,       /* the guest woke up */
    VIR_DOMAIN_EVENT_ID_PMSUSPEND = 12,      /* the guest suspended to memory */
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE = 13, /* the balloon size changed */
    VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK = 14, /* the guest suspended to disk */
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED = 15, /* a device was unplugged */
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2 = 16,    /* a block job finished (disk target) */
    VIR_DOMAIN_EVENT_ID_TUNABLE = 17,        /* a tunable changed */
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE = 18, /* the guest agent came or went */
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED = 19,   /* a device was plugged */
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION = 20, /* a migration pass ended */
    VIR_DOMAIN_EVENT_ID_JOB_COMPLETED = 21,  /* a job finished */
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED = 22, /* an unplug failed */
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE = 23, /* metadata changed */
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD = 24, /* a disk crossed its threshold */
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE = 25, /* a memory failure was reported */
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26, /* a memory device resized */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_ID_LAST
# endif
} virDomainEventID;

int virConnectDomainEventRegisterAny(virConnectPtr conn,
                                     virDomainPtr dom,
                                     int eventID,
                                     virConnectDomainEventGenericCallback cb,
                                     void *opaque,
                                     virFreeCallback freecb);
int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

#endif /* LIBVIRT_DOMAIN_H */
