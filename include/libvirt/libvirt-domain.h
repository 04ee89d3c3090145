/*
 * libvirt-domain.h: domains (virtual machines) and their life cycle
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-domain
 * @title: Domains
 * @short_description: defining, starting, stopping and inspecting virtual machines
 * @include: libvirt/libvirt.h
 *
 * A domain is a virtual machine: a persistent one has a stored definition
 * (virDomainDefineXML()) and may be running or not; a transient one
 * (virDomainCreateXML()) exists only while it runs.  Stopping one safely is
 * what this library is about: virDomainShutdown() asks the guest,
 * virDomainDestroyFlags() with VIR_DOMAIN_DESTROY_GRACEFUL ends QEMU with
 * SIGTERM only, which lets it write everything the guest was told is on
 * disk, and fails rather than use SIGKILL; plain virDomainDestroy() uses
 * SIGKILL when SIGTERM was not enough.
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
 * @VIR_DOMAIN_NOSTATE: no state could be determined
 * @VIR_DOMAIN_RUNNING: virtual CPUs are executing
 * @VIR_DOMAIN_BLOCKED: waiting for a resource
 * @VIR_DOMAIN_PAUSED: virtual CPUs are stopped; the process lives
 * @VIR_DOMAIN_SHUTDOWN: the guest is shutting itself down
 * @VIR_DOMAIN_SHUTOFF: no process runs for the domain
 * @VIR_DOMAIN_CRASHED: the guest crashed and was left as it was
 * @VIR_DOMAIN_PMSUSPENDED: the guest suspended itself to memory or disk
 * @VIR_DOMAIN_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What a domain is doing, as virDomainGetState() reports it.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE = 0,
    VIR_DOMAIN_RUNNING = 1,
    VIR_DOMAIN_BLOCKED = 2,
    VIR_DOMAIN_PAUSED = 3,
    VIR_DOMAIN_SHUTDOWN = 4,
    VIR_DOMAIN_SHUTOFF = 5,
    VIR_DOMAIN_CRASHED = 6,
    VIR_DOMAIN_PMSUSPENDED = 7,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST
# endif
} virDomainState;

/**
 * virDomainNostateReason:
 * @VIR_DOMAIN_NOSTATE_UNKNOWN: not known
 * @VIR_DOMAIN_NOSTATE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain has no state.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NOSTATE_LAST
# endif
} virDomainNostateReason;

/**
 * virDomainRunningReason:
 * @VIR_DOMAIN_RUNNING_UNKNOWN: not known
 * @VIR_DOMAIN_RUNNING_BOOTED: started normally
 * @VIR_DOMAIN_RUNNING_MIGRATED: arrived by migration
 * @VIR_DOMAIN_RUNNING_RESTORED: restored from a saved image
 * @VIR_DOMAIN_RUNNING_FROM_SNAPSHOT: reverted to a snapshot
 * @VIR_DOMAIN_RUNNING_UNPAUSED: resumed after a pause
 * @VIR_DOMAIN_RUNNING_MIGRATION_CANCELED: an outgoing migration was cancelled
 * @VIR_DOMAIN_RUNNING_SAVE_CANCELED: a save was cancelled
 * @VIR_DOMAIN_RUNNING_WAKEUP: woke up from power-management suspend
 * @VIR_DOMAIN_RUNNING_CRASHED: runs on after a guest crash
 * @VIR_DOMAIN_RUNNING_POSTCOPY: running during post-copy migration
 * @VIR_DOMAIN_RUNNING_POSTCOPY_FAILED: post-copy migration failed
 * @VIR_DOMAIN_RUNNING_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is running.
 */
typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN = 0,
    VIR_DOMAIN_RUNNING_BOOTED = 1,
    VIR_DOMAIN_RUNNING_MIGRATED = 2,
    VIR_DOMAIN_RUNNING_RESTORED = 3,
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT = 4,
    VIR_DOMAIN_RUNNING_UNPAUSED = 5,
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6,
    VIR_DOMAIN_RUNNING_SAVE_CANCELED = 7,
    VIR_DOMAIN_RUNNING_WAKEUP = 8,
    VIR_DOMAIN_RUNNING_CRASHED = 9,
    VIR_DOMAIN_RUNNING_POSTCOPY = 10,
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED = 11,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_RUNNING_LAST
# endif
} virDomainRunningReason;

/**
 * virDomainBlockedReason:
 * @VIR_DOMAIN_BLOCKED_UNKNOWN: not known
 * @VIR_DOMAIN_BLOCKED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is blocked.
 */
typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCKED_LAST
# endif
} virDomainBlockedReason;

/**
 * virDomainPausedReason:
 * @VIR_DOMAIN_PAUSED_UNKNOWN: not known
 * @VIR_DOMAIN_PAUSED_USER: an application asked for it
 * @VIR_DOMAIN_PAUSED_MIGRATION: for an offline migration
 * @VIR_DOMAIN_PAUSED_SAVE: while being saved
 * @VIR_DOMAIN_PAUSED_DUMP: while its memory is dumped
 * @VIR_DOMAIN_PAUSED_IOERROR: a disk I/O error stopped it
 * @VIR_DOMAIN_PAUSED_WATCHDOG: its watchdog fired
 * @VIR_DOMAIN_PAUSED_FROM_SNAPSHOT: reverted to a paused snapshot
 * @VIR_DOMAIN_PAUSED_SHUTTING_DOWN: on its way to shut off
 * @VIR_DOMAIN_PAUSED_SNAPSHOT: while a snapshot is taken
 * @VIR_DOMAIN_PAUSED_CRASHED: the guest crashed
 * @VIR_DOMAIN_PAUSED_STARTING_UP: not yet resumed after start
 * @VIR_DOMAIN_PAUSED_POSTCOPY: during post-copy migration
 * @VIR_DOMAIN_PAUSED_POSTCOPY_FAILED: post-copy migration failed
 * @VIR_DOMAIN_PAUSED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is paused.
 */
typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN = 0,
    VIR_DOMAIN_PAUSED_USER = 1,
    VIR_DOMAIN_PAUSED_MIGRATION = 2,
    VIR_DOMAIN_PAUSED_SAVE = 3,
    VIR_DOMAIN_PAUSED_DUMP = 4,
    VIR_DOMAIN_PAUSED_IOERROR = 5,
    VIR_DOMAIN_PAUSED_WATCHDOG = 6,
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN = 8,
    VIR_DOMAIN_PAUSED_SNAPSHOT = 9,
    VIR_DOMAIN_PAUSED_CRASHED = 10,
    VIR_DOMAIN_PAUSED_STARTING_UP = 11,
    VIR_DOMAIN_PAUSED_POSTCOPY = 12,
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PAUSED_LAST
# endif
} virDomainPausedReason;

/**
 * virDomainShutdownReason:
 * @VIR_DOMAIN_SHUTDOWN_UNKNOWN: not known
 * @VIR_DOMAIN_SHUTDOWN_USER: an application asked the guest
 * @VIR_DOMAIN_SHUTDOWN_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is shutting down.
 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VIR_DOMAIN_SHUTDOWN_USER = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTDOWN_LAST
# endif
} virDomainShutdownReason;

/**
 * virDomainShutoffReason:
 * @VIR_DOMAIN_SHUTOFF_UNKNOWN: not known, e.g. never started
 * @VIR_DOMAIN_SHUTOFF_SHUTDOWN: the guest powered itself off
 * @VIR_DOMAIN_SHUTOFF_DESTROYED: stopped by virDomainDestroy()
 * @VIR_DOMAIN_SHUTOFF_CRASHED: the emulator died on its own
 * @VIR_DOMAIN_SHUTOFF_MIGRATED: migrated away
 * @VIR_DOMAIN_SHUTOFF_SAVED: saved to a file
 * @VIR_DOMAIN_SHUTOFF_FAILED: failed to start
 * @VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT: reverted to a shut-off snapshot
 * @VIR_DOMAIN_SHUTOFF_DAEMON: stopped by the management daemon
 * @VIR_DOMAIN_SHUTOFF_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is shut off.
 */
typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN = 0,
    VIR_DOMAIN_SHUTOFF_SHUTDOWN = 1,
    VIR_DOMAIN_SHUTOFF_DESTROYED = 2,
    VIR_DOMAIN_SHUTOFF_CRASHED = 3,
    VIR_DOMAIN_SHUTOFF_MIGRATED = 4,
    VIR_DOMAIN_SHUTOFF_SAVED = 5,
    VIR_DOMAIN_SHUTOFF_FAILED = 6,
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_SHUTOFF_DAEMON = 8,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTOFF_LAST
# endif
} virDomainShutoffReason;

/**
 * virDomainCrashedReason:
 * @VIR_DOMAIN_CRASHED_UNKNOWN: not known
 * @VIR_DOMAIN_CRASHED_PANICKED: the guest kernel panicked
 * @VIR_DOMAIN_CRASHED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is in the crashed state.
 */
typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN = 0,
    VIR_DOMAIN_CRASHED_PANICKED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CRASHED_LAST
# endif
} virDomainCrashedReason;

/**
 * virDomainPMSuspendedReason:
 * @VIR_DOMAIN_PMSUSPENDED_UNKNOWN: not known
 * @VIR_DOMAIN_PMSUSPENDED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is suspended to memory.
 */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_LAST
# endif
} virDomainPMSuspendedReason;

/**
 * virDomainPMSuspendedDiskReason:
 * @VIR_DOMAIN_PMSUSPENDED_DISK_UNKNOWN: not known
 * @VIR_DOMAIN_PMSUSPENDED_DISK_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain is suspended to disk.
 */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_DISK_UNKNOWN = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_DISK_LAST
# endif
} virDomainPMSuspendedDiskReason;

/**
 * virDomainInfo:
 * @state: a virDomainState
 * @maxMem: memory the domain may use, in KiB
 * @memory: memory the domain has now, in KiB
 * @nrVirtCpu: number of virtual CPUs
 *
 * A summary of a domain, filled in by virDomainGetInfo().  Its last
 * member, cpuTime, is the CPU time the domain has consumed, in
 * nanoseconds.
 */
typedef struct _virDomainInfo virDomainInfo;
struct _virDomainInfo {
    unsigned char state;
    unsigned long maxMem;
    unsigned long memory;
    unsigned short nrVirtCpu;
    unsigned long long cpuTime;
};

/**
 * virDomainInfoPtr:
 *
 * A pointer to a virDomainInfo.
 */
typedef virDomainInfo *virDomainInfoPtr;

/**
 * virDomainCreateFlags:
 * @VIR_DOMAIN_NONE: start normally
 * @VIR_DOMAIN_START_PAUSED: leave the virtual CPUs stopped
 * @VIR_DOMAIN_START_AUTODESTROY: destroy when the connection closes
 * @VIR_DOMAIN_START_BYPASS_CACHE: restore a saved image without the page cache
 * @VIR_DOMAIN_START_FORCE_BOOT: boot even if a saved image exists
 * @VIR_DOMAIN_START_VALIDATE: validate the XML against the schema
 * @VIR_DOMAIN_START_RESET_NVRAM: start from a fresh NVRAM image
 *
 * Flags for virDomainCreateWithFlags() and virDomainCreateXML().
 */
typedef enum {
    VIR_DOMAIN_NONE = 0,
    VIR_DOMAIN_START_PAUSED = 1 << 0,
    VIR_DOMAIN_START_AUTODESTROY = 1 << 1,
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2,
    VIR_DOMAIN_START_FORCE_BOOT = 1 << 3,
    VIR_DOMAIN_START_VALIDATE = 1 << 4,
    VIR_DOMAIN_START_RESET_NVRAM = 1 << 5,
} virDomainCreateFlags;

/**
 * virDomainShutdownFlagValues:
 * @VIR_DOMAIN_SHUTDOWN_DEFAULT: the driver's choice
 * @VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN: press the ACPI power button
 * @VIR_DOMAIN_SHUTDOWN_GUEST_AGENT: ask the guest agent
 * @VIR_DOMAIN_SHUTDOWN_INITCTL: talk to the container's init
 * @VIR_DOMAIN_SHUTDOWN_SIGNAL: send SIGTERM to the emulator
 * @VIR_DOMAIN_SHUTDOWN_PARAVIRT: a paravirtual shutdown request
 *
 * How virDomainShutdownFlags() asks the guest to stop.  With no flag
 * the driver picks; several flags let it try each in turn.
 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_DEFAULT = 0,
    VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = (1 << 0),
    VIR_DOMAIN_SHUTDOWN_GUEST_AGENT = (1 << 1),
    VIR_DOMAIN_SHUTDOWN_INITCTL = (1 << 2),
    VIR_DOMAIN_SHUTDOWN_SIGNAL = (1 << 3),
    VIR_DOMAIN_SHUTDOWN_PARAVIRT = (1 << 4),
} virDomainShutdownFlagValues;

/**
 * virDomainDestroyFlagsValues:
 * @VIR_DOMAIN_DESTROY_DEFAULT: SIGTERM, and SIGKILL if the emulator has
 *     not exited in time
 * @VIR_DOMAIN_DESTROY_GRACEFUL: SIGTERM only; if the emulator has not
 *     exited in time the call fails and the domain is left exactly as it
 *     was
 * @VIR_DOMAIN_DESTROY_REMOVE_LOGS: after a successful stop, delete the
 *     domain's emulator log
 *
 * Flags for virDomainDestroyFlags().
 */
typedef enum {
    VIR_DOMAIN_DESTROY_DEFAULT = 0,
    VIR_DOMAIN_DESTROY_GRACEFUL = 1 << 0,
    VIR_DOMAIN_DESTROY_REMOVE_LOGS = 1 << 1,
} virDomainDestroyFlagsValues;

/**
 * virDomainXMLFlags:
 * @VIR_DOMAIN_XML_SECURE: include secrets such as passwords
 * @VIR_DOMAIN_XML_INACTIVE: the persistent definition, not the live one
 * @VIR_DOMAIN_XML_UPDATE_CPU: expand the guest CPU model
 * @VIR_DOMAIN_XML_MIGRATABLE: only what a migration can carry
 *
 * Flags for virDomainGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_XML_SECURE = (1 << 0),
    VIR_DOMAIN_XML_INACTIVE = (1 << 1),
    VIR_DOMAIN_XML_UPDATE_CPU = (1 << 2),
    VIR_DOMAIN_XML_MIGRATABLE = (1 << 3),
} virDomainXMLFlags;

/**
 * virDomainDefineFlags:
 * @VIR_DOMAIN_DEFINE_VALIDATE: validate the XML against the schema
 *
 * Flags for virDomainDefineXMLFlags().
 */
typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = (1 << 0),
} virDomainDefineFlags;

/**
 * virDomainUndefineFlagsValues:
 * @VIR_DOMAIN_UNDEFINE_MANAGED_SAVE: a managed save image
 * @VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA: snapshot metadata
 * @VIR_DOMAIN_UNDEFINE_NVRAM: the NVRAM file
 * @VIR_DOMAIN_UNDEFINE_KEEP_NVRAM: keep the NVRAM file
 * @VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA: checkpoint metadata
 * @VIR_DOMAIN_UNDEFINE_TPM: TPM state
 * @VIR_DOMAIN_UNDEFINE_KEEP_TPM: keep TPM state
 *
 * Flags for virDomainUndefineFlags(): what else to remove with the
 * definition.
 */
typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = (1 << 0),
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = (1 << 1),
    VIR_DOMAIN_UNDEFINE_NVRAM = (1 << 2),
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM = (1 << 3),
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = (1 << 4),
    VIR_DOMAIN_UNDEFINE_TPM = (1 << 5),
    VIR_DOMAIN_UNDEFINE_KEEP_TPM = (1 << 6),
} virDomainUndefineFlagsValues;

/**
 * virConnectListAllDomainsFlags:
 * @VIR_CONNECT_LIST_DOMAINS_ACTIVE: running or paused
 * @VIR_CONNECT_LIST_DOMAINS_INACTIVE: shut off
 * @VIR_CONNECT_LIST_DOMAINS_PERSISTENT: has a stored definition
 * @VIR_CONNECT_LIST_DOMAINS_TRANSIENT: exists only while running
 * @VIR_CONNECT_LIST_DOMAINS_RUNNING: state running
 * @VIR_CONNECT_LIST_DOMAINS_PAUSED: state paused
 * @VIR_CONNECT_LIST_DOMAINS_SHUTOFF: state shut off
 * @VIR_CONNECT_LIST_DOMAINS_OTHER: any other state
 * @VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE: has a managed save image
 * @VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE: has no managed save image
 * @VIR_CONNECT_LIST_DOMAINS_AUTOSTART: starts with the host
 * @VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART: does not start with the host
 * @VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT: has snapshots
 * @VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT: has no snapshot
 * @VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT: has checkpoints
 * @VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT: has no checkpoint
 *
 * Filters for virConnectListAllDomains().  Within a group (active or
 * inactive; persistent or transient; the states) a domain matching any
 * flag passes; a group with no flag set does not filter.
 */
typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,
    VIR_CONNECT_LIST_DOMAINS_INACTIVE = 1 << 1,
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_DOMAINS_RUNNING = 1 << 4,
    VIR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 5,
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF = 1 << 6,
    VIR_CONNECT_LIST_DOMAINS_OTHER = 1 << 7,
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 1 << 8,
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART = 1 << 10,
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART = 1 << 11,
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT = 1 << 12,
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT = 1 << 13,
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14,
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT = 1 << 15,
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
 * @VIR_DOMAIN_EVENT_DEFINED: a definition was stored
 * @VIR_DOMAIN_EVENT_UNDEFINED: a definition was removed
 * @VIR_DOMAIN_EVENT_STARTED: the domain began to run
 * @VIR_DOMAIN_EVENT_SUSPENDED: its CPUs were stopped
 * @VIR_DOMAIN_EVENT_RESUMED: its CPUs were restarted
 * @VIR_DOMAIN_EVENT_STOPPED: its emulator process is gone
 * @VIR_DOMAIN_EVENT_SHUTDOWN: the guest finished shutting down
 * @VIR_DOMAIN_EVENT_PMSUSPENDED: the guest suspended itself
 * @VIR_DOMAIN_EVENT_CRASHED: the guest crashed
 * @VIR_DOMAIN_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The @event argument of a VIR_DOMAIN_EVENT_ID_LIFECYCLE callback.  Each
 * value has its own enum for the @detail argument.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED = 1,
    VIR_DOMAIN_EVENT_STARTED = 2,
    VIR_DOMAIN_EVENT_SUSPENDED = 3,
    VIR_DOMAIN_EVENT_RESUMED = 4,
    VIR_DOMAIN_EVENT_STOPPED = 5,
    VIR_DOMAIN_EVENT_SHUTDOWN = 6,
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7,
    VIR_DOMAIN_EVENT_CRASHED = 8,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_LAST
# endif
} virDomainEventType;

/**
 * virDomainEventDefinedDetailType:
 * @VIR_DOMAIN_EVENT_DEFINED_ADDED: a new definition
 * @VIR_DOMAIN_EVENT_DEFINED_UPDATED: an existing one replaced
 * @VIR_DOMAIN_EVENT_DEFINED_RENAMED: the domain was renamed
 * @VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT: restored from a snapshot
 * @VIR_DOMAIN_EVENT_DEFINED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_DEFINED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED = 0,
    VIR_DOMAIN_EVENT_DEFINED_UPDATED = 1,
    VIR_DOMAIN_EVENT_DEFINED_RENAMED = 2,
    VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DEFINED_LAST
# endif
} virDomainEventDefinedDetailType;

/**
 * virDomainEventUndefinedDetailType:
 * @VIR_DOMAIN_EVENT_UNDEFINED_REMOVED: the definition was deleted
 * @VIR_DOMAIN_EVENT_UNDEFINED_RENAMED: the domain was renamed
 * @VIR_DOMAIN_EVENT_UNDEFINED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_UNDEFINED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_UNDEFINED_LAST
# endif
} virDomainEventUndefinedDetailType;

/**
 * virDomainEventStartedDetailType:
 * @VIR_DOMAIN_EVENT_STARTED_BOOTED: a normal start
 * @VIR_DOMAIN_EVENT_STARTED_MIGRATED: arrived by migration
 * @VIR_DOMAIN_EVENT_STARTED_RESTORED: restored from a saved image
 * @VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT: reverted to a snapshot
 * @VIR_DOMAIN_EVENT_STARTED_WAKEUP: woke from suspend
 * @VIR_DOMAIN_EVENT_STARTED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_STARTED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED = 0,
    VIR_DOMAIN_EVENT_STARTED_MIGRATED = 1,
    VIR_DOMAIN_EVENT_STARTED_RESTORED = 2,
    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3,
    VIR_DOMAIN_EVENT_STARTED_WAKEUP = 4,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STARTED_LAST
# endif
} virDomainEventStartedDetailType;

/**
 * virDomainEventSuspendedDetailType:
 * @VIR_DOMAIN_EVENT_SUSPENDED_PAUSED: an application paused it
 * @VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED: paused for migration
 * @VIR_DOMAIN_EVENT_SUSPENDED_IOERROR: a disk I/O error
 * @VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG: the watchdog fired
 * @VIR_DOMAIN_EVENT_SUSPENDED_RESTORED: restored paused
 * @VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT: reverted to a paused snapshot
 * @VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR: a management call failed
 * @VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY: post-copy migration
 * @VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED: post-copy migration failed
 * @VIR_DOMAIN_EVENT_SUSPENDED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_SUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0,
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED = 1,
    VIR_DOMAIN_EVENT_SUSPENDED_IOERROR = 2,
    VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG = 3,
    VIR_DOMAIN_EVENT_SUSPENDED_RESTORED = 4,
    VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT = 5,
    VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR = 6,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY = 7,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SUSPENDED_LAST
# endif
} virDomainEventSuspendedDetailType;

/**
 * virDomainEventResumedDetailType:
 * @VIR_DOMAIN_EVENT_RESUMED_UNPAUSED: an application resumed it
 * @VIR_DOMAIN_EVENT_RESUMED_MIGRATED: migration finished
 * @VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT: reverted to a running snapshot
 * @VIR_DOMAIN_EVENT_RESUMED_POSTCOPY: post-copy migration
 * @VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED: post-copy migration failed
 * @VIR_DOMAIN_EVENT_RESUMED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_RESUMED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0,
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED = 1,
    VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT = 2,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY = 3,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_RESUMED_LAST
# endif
} virDomainEventResumedDetailType;

/**
 * virDomainEventStoppedDetailType:
 * @VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN: the guest powered off
 * @VIR_DOMAIN_EVENT_STOPPED_DESTROYED: virDomainDestroy() stopped it
 * @VIR_DOMAIN_EVENT_STOPPED_CRASHED: the emulator died on its own
 * @VIR_DOMAIN_EVENT_STOPPED_MIGRATED: migrated away
 * @VIR_DOMAIN_EVENT_STOPPED_SAVED: saved to a file
 * @VIR_DOMAIN_EVENT_STOPPED_FAILED: the host failed it
 * @VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT: reverted to a shut-off snapshot
 * @VIR_DOMAIN_EVENT_STOPPED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_STOPPED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0,
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1,
    VIR_DOMAIN_EVENT_STOPPED_CRASHED = 2,
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED = 3,
    VIR_DOMAIN_EVENT_STOPPED_SAVED = 4,
    VIR_DOMAIN_EVENT_STOPPED_FAILED = 5,
    VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STOPPED_LAST
# endif
} virDomainEventStoppedDetailType;

/**
 * virDomainEventShutdownDetailType:
 * @VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED: the guest finished shutting down
 * @VIR_DOMAIN_EVENT_SHUTDOWN_GUEST: the guest finished shutting down at
 *     its own request
 * @VIR_DOMAIN_EVENT_SHUTDOWN_HOST: the guest finished shutting down at the
 *     host's request
 * @VIR_DOMAIN_EVENT_SHUTDOWN_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_SHUTDOWN.
 */
typedef enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0,
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST = 1,
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SHUTDOWN_LAST
# endif
} virDomainEventShutdownDetailType;

/**
 * virDomainEventPMSuspendedDetailType:
 * @VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY: to memory
 * @VIR_DOMAIN_EVENT_PMSUSPENDED_DISK: to disk
 * @VIR_DOMAIN_EVENT_PMSUSPENDED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_PMSUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0,
    VIR_DOMAIN_EVENT_PMSUSPENDED_DISK = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_PMSUSPENDED_LAST
# endif
} virDomainEventPMSuspendedDetailType;

/**
 * virDomainEventCrashedDetailType:
 * @VIR_DOMAIN_EVENT_CRASHED_PANICKED: the guest panicked
 * @VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED: the guest loaded a crash kernel
 * @VIR_DOMAIN_EVENT_CRASHED_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Details of VIR_DOMAIN_EVENT_CRASHED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_CRASHED_PANICKED = 0,
    VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1,
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
 * @VIR_DOMAIN_EVENT_ID_LIFECYCLE: virConnectDomainEventCallback
 * @VIR_DOMAIN_EVENT_ID_REBOOT: the guest rebooted
 * @VIR_DOMAIN_EVENT_ID_RTC_CHANGE: the guest changed its clock
 * @VIR_DOMAIN_EVENT_ID_WATCHDOG: the watchdog fired
 * @VIR_DOMAIN_EVENT_ID_IO_ERROR: a disk I/O error
 * @VIR_DOMAIN_EVENT_ID_GRAPHICS: a graphics client came or went
 * @VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON: a disk I/O error, with its reason
 * @VIR_DOMAIN_EVENT_ID_CONTROL_ERROR: the monitor connection broke
 * @VIR_DOMAIN_EVENT_ID_BLOCK_JOB: a block job finished
 * @VIR_DOMAIN_EVENT_ID_DISK_CHANGE: removable media changed
 * @VIR_DOMAIN_EVENT_ID_TRAY_CHANGE: a tray opened or closed
 * @VIR_DOMAIN_EVENT_ID_PMWAKEUP: the guest woke up
 * @VIR_DOMAIN_EVENT_ID_PMSUSPEND: the guest suspended to memory
 * @VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE: the balloon size changed
 * @VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK: the guest suspended to disk
 * @VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED: a device was unplugged
 * @VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: a block job finished (disk target)
 * @VIR_DOMAIN_EVENT_ID_TUNABLE: a tunable changed
 * @VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: the guest agent came or went
 * @VIR_DOMAIN_EVENT_ID_DEVICE_ADDED: a device was plugged
 * @VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION: a migration pass ended
 * @VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: a job finished
 * @VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED: an unplug failed
 * @VIR_DOMAIN_EVENT_ID_METADATA_CHANGE: metadata changed
 * @VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD: a disk crossed its threshold
 * @VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE: a memory failure was reported
 * @VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE: a memory device resized
 * @VIR_DOMAIN_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of domain event an application can subscribe to.
 */
typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0,
    VIR_DOMAIN_EVENT_ID_REBOOT = 1,
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE = 2,
    VIR_DOMAIN_EVENT_ID_WATCHDOG = 3,
    VIR_DOMAIN_EVENT_ID_IO_ERROR = 4,
    VIR_DOMAIN_EVENT_ID_GRAPHICS = 5,
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON = 6,
    VIR_DOMAIN_EVENT_ID_CONTROL_ERROR = 7,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB = 8,
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE = 9,
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE = 10,
    VIR_DOMAIN_EVENT_ID_PMWAKEUP = 11,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND = 12,
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE = 13,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK = 14,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED = 15,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2 = 16,
    VIR_DOMAIN_EVENT_ID_TUNABLE = 17,
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE = 18,
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED = 19,
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION = 20,
    VIR_DOMAIN_EVENT_ID_JOB_COMPLETED = 21,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED = 22,
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE = 23,
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD = 24,
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE = 25,
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26,
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
