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
 * virDomainControlState:
 * @VIR_DOMAIN_CONTROL_OK: the domain can take new jobs
 * @VIR_DOMAIN_CONTROL_JOB: a background job is running
 * @VIR_DOMAIN_CONTROL_OCCUPIED: the driver is talking to the hypervisor about
 *     the domain
 * @VIR_DOMAIN_CONTROL_ERROR: the domain cannot be controlled
 * @VIR_DOMAIN_CONTROL_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Whether a domain can take new jobs.
 */
typedef enum {
    VIR_DOMAIN_CONTROL_OK = 0,
    VIR_DOMAIN_CONTROL_JOB = 1,
    VIR_DOMAIN_CONTROL_OCCUPIED = 2,
    VIR_DOMAIN_CONTROL_ERROR = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_LAST
# endif
} virDomainControlState;

/**
 * virDomainControlErrorReason:
 * @VIR_DOMAIN_CONTROL_ERROR_REASON_NONE: no error
 * @VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN: the reason is not known
 * @VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR: the emulator's monitor connection
 *     failed
 * @VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL: an internal error of the driver
 * @VIR_DOMAIN_CONTROL_ERROR_REASON_LAST: the number of values; defined only
 *     with VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a domain cannot be controlled.
 */
typedef enum {
    VIR_DOMAIN_CONTROL_ERROR_REASON_NONE = 0,
    VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN = 1,
    VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR = 2,
    VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_ERROR_REASON_LAST
# endif
} virDomainControlErrorReason;

/**
 * virDomainControlInfo:
 * @state: a virDomainControlState
 * @details: a virDomainControlErrorReason, or 0
 *
 * What virDomainGetControlInfo() reports. Members: stateTime, how long it has
 * been in that state, in milliseconds.
 */
typedef struct _virDomainControlInfo virDomainControlInfo;

struct _virDomainControlInfo {
    unsigned int state;
    unsigned int details;
    unsigned long long stateTime;
};

/**
 * virDomainControlInfoPtr:
 *
 * A pointer to a virDomainControlInfo.
 */
typedef virDomainControlInfo *virDomainControlInfoPtr;

/**
 * virDomainModificationImpact:
 * @VIR_DOMAIN_AFFECT_CURRENT: the running domain if it runs, else its
 *     definition
 * @VIR_DOMAIN_AFFECT_LIVE: the running domain
 * @VIR_DOMAIN_AFFECT_CONFIG: the persistent definition
 *
 * Which side of a domain a change applies to: the running domain, its
 * persistent definition, or both.
 */
typedef enum {
    VIR_DOMAIN_AFFECT_CURRENT = 0,
    VIR_DOMAIN_AFFECT_LIVE = 1 << 0,
    VIR_DOMAIN_AFFECT_CONFIG = 1 << 1,
} virDomainModificationImpact;

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
 * VIR_DOMAIN_SCHEDULER_CPU_SHARES:
 *
 * The "cpu_shares" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_CPU_SHARES "cpu_shares"

/**
 * VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD:
 *
 * The "global_period" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD "global_period"

/**
 * VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA:
 *
 * The "global_quota" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA "global_quota"

/**
 * VIR_DOMAIN_SCHEDULER_VCPU_PERIOD:
 *
 * The "vcpu_period" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_VCPU_PERIOD "vcpu_period"

/**
 * VIR_DOMAIN_SCHEDULER_VCPU_QUOTA:
 *
 * The "vcpu_quota" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_VCPU_QUOTA "vcpu_quota"

/**
 * VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD:
 *
 * The "emulator_period" scheduler parameter
 * (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD "emulator_period"

/**
 * VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA:
 *
 * The "emulator_quota" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA "emulator_quota"

/**
 * VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD:
 *
 * The "iothread_period" scheduler parameter
 * (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD "iothread_period"

/**
 * VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA:
 *
 * The "iothread_quota" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA "iothread_quota"

/**
 * VIR_DOMAIN_SCHEDULER_WEIGHT:
 *
 * The "weight" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_WEIGHT "weight"

/**
 * VIR_DOMAIN_SCHEDULER_CAP:
 *
 * The "cap" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_CAP "cap"

/**
 * VIR_DOMAIN_SCHEDULER_RESERVATION:
 *
 * The "reservation" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_RESERVATION "reservation"

/**
 * VIR_DOMAIN_SCHEDULER_LIMIT:
 *
 * The "limit" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_LIMIT "limit"

/**
 * VIR_DOMAIN_SCHEDULER_SHARES:
 *
 * The "shares" scheduler parameter (virDomainGetSchedulerParameters()).
 */
# define VIR_DOMAIN_SCHEDULER_SHARES "shares"

int virDomainGetSchedulerParameters(virDomainPtr domain,
                                    virTypedParameterPtr params, int *nparams);
int virDomainGetSchedulerParametersFlags(virDomainPtr domain,
                                         virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
int virDomainSetSchedulerParameters(virDomainPtr domain,
                                    virTypedParameterPtr params, int nparams);
int virDomainSetSchedulerParametersFlags(virDomainPtr domain,
                                         virTypedParameterPtr params,
                                         int nparams, unsigned int flags);

/**
 * virDomainBlockStatsStruct:
 *
 * I/O statistics of a disk, as virDomainBlockStats() reports them; -1 marks a
 * figure not known. Members: rd_req, read requests; rd_bytes, bytes read;
 * wr_req, write requests; wr_bytes, bytes written; errs, errors
 * (hypervisor-specific); -1 where unknown.
 */
typedef struct _virDomainBlockStats virDomainBlockStatsStruct;

#ifndef __GTK_DOC_IGNORE__
struct _virDomainBlockStats {
    long long rd_req;
    long long rd_bytes;
    long long wr_req;
    long long wr_bytes;
    long long errs;
};
#endif /* __GTK_DOC_IGNORE__ */

/**
 * virDomainBlockStatsPtr:
 *
 * A pointer to a virDomainBlockStatsStruct.
 */
typedef virDomainBlockStatsStruct *virDomainBlockStatsPtr;

/**
 * VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH:
 *
 * Bytes of a field name of the typed disk statistics.
 */
# define VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * VIR_DOMAIN_BLOCK_STATS_READ_BYTES:
 *
 * The "rd_bytes" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_READ_BYTES "rd_bytes"

/**
 * VIR_DOMAIN_BLOCK_STATS_READ_REQ:
 *
 * The "rd_operations" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_READ_REQ "rd_operations"

/**
 * VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES:
 *
 * The "rd_total_times" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES "rd_total_times"

/**
 * VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES:
 *
 * The "wr_bytes" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES "wr_bytes"

/**
 * VIR_DOMAIN_BLOCK_STATS_WRITE_REQ:
 *
 * The "wr_operations" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_WRITE_REQ "wr_operations"

/**
 * VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES:
 *
 * The "wr_total_times" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES "wr_total_times"

/**
 * VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ:
 *
 * The "flush_operations" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ "flush_operations"

/**
 * VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES:
 *
 * The "flush_total_times" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES "flush_total_times"

/**
 * VIR_DOMAIN_BLOCK_STATS_ERRS:
 *
 * The "errs" field of virDomainBlockStatsFlags().
 */
# define VIR_DOMAIN_BLOCK_STATS_ERRS "errs"

/**
 * virDomainInterfaceStatsStruct:
 *
 * Traffic statistics of a network interface, as virDomainInterfaceStats()
 * reports them; -1 marks a figure not known. Members: rx_bytes, bytes received;
 * rx_packets, packets received; rx_errs, receive errors; rx_drop, received
 * packets dropped; tx_bytes, bytes sent; tx_packets, packets sent; tx_errs,
 * send errors; tx_drop, packets dropped while sending.
 */
typedef struct _virDomainInterfaceStats virDomainInterfaceStatsStruct;

#ifndef __GTK_DOC_IGNORE__
struct _virDomainInterfaceStats {
    long long rx_bytes;
    long long rx_packets;
    long long rx_errs;
    long long rx_drop;
    long long tx_bytes;
    long long tx_packets;
    long long tx_errs;
    long long tx_drop;
};
#endif /* __GTK_DOC_IGNORE__ */

/**
 * virDomainInterfaceStatsPtr:
 *
 * A pointer to a virDomainInterfaceStatsStruct.
 */
typedef virDomainInterfaceStatsStruct *virDomainInterfaceStatsPtr;

/**
 * virDomainMemoryStatTags:
 * @VIR_DOMAIN_MEMORY_STAT_SWAP_IN: memory swapped in, in KiB
 * @VIR_DOMAIN_MEMORY_STAT_SWAP_OUT: memory swapped out, in KiB
 * @VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT: page faults that needed I/O
 * @VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT: page faults served from memory
 * @VIR_DOMAIN_MEMORY_STAT_UNUSED: memory the guest leaves unused, in KiB
 * @VIR_DOMAIN_MEMORY_STAT_AVAILABLE: memory the guest sees, in KiB
 * @VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON: the balloon's current size, in KiB
 * @VIR_DOMAIN_MEMORY_STAT_RSS: resident memory of the emulator process, in KiB
 * @VIR_DOMAIN_MEMORY_STAT_USABLE: memory the guest could use without swapping,
 *     in KiB
 * @VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE: when the guest last updated these
 *     figures, in seconds
 * @VIR_DOMAIN_MEMORY_STAT_DISK_CACHES: memory the guest can reclaim from
 *     caches, in KiB
 * @VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC: huge pages the guest allocated
 * @VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL: huge page allocations that failed in
 *     the guest
 * @VIR_DOMAIN_MEMORY_STAT_NR: the number of statistics this release knows
 * @VIR_DOMAIN_MEMORY_STAT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Which memory statistic a virDomainMemoryStatStruct holds.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_STAT_SWAP_IN = 0,
    VIR_DOMAIN_MEMORY_STAT_SWAP_OUT = 1,
    VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT = 2,
    VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT = 3,
    VIR_DOMAIN_MEMORY_STAT_UNUSED = 4,
    VIR_DOMAIN_MEMORY_STAT_AVAILABLE = 5,
    VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON = 6,
    VIR_DOMAIN_MEMORY_STAT_RSS = 7,
    VIR_DOMAIN_MEMORY_STAT_USABLE = 8,
    VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE = 9,
    VIR_DOMAIN_MEMORY_STAT_DISK_CACHES = 10,
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC = 11,
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL = 12,
    VIR_DOMAIN_MEMORY_STAT_NR = 13,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_MEMORY_STAT_LAST = VIR_DOMAIN_MEMORY_STAT_NR
# endif
} virDomainMemoryStatTags;

/**
 * virDomainMemoryStatStruct:
 *
 * One memory statistic of a domain, as virDomainMemoryStats() reports it.
 */
/**
 * virDomainMemoryStat:
 * @tag: a virDomainMemoryStatTags
 *
 * One memory statistic of a domain, as virDomainMemoryStats() reports it.
 * Members: val, its value.
 */
typedef struct _virDomainMemoryStat virDomainMemoryStatStruct;

struct _virDomainMemoryStat {
    int tag;
    unsigned long long val;
};

/**
 * virDomainMemoryStatPtr:
 *
 * A pointer to a virDomainMemoryStatStruct.
 */
typedef virDomainMemoryStatStruct *virDomainMemoryStatPtr;

/**
 * virDomainCoreDumpFlags:
 * @VIR_DUMP_CRASH: leave the domain crashed after the dump
 * @VIR_DUMP_LIVE: dump without pausing the domain
 * @VIR_DUMP_BYPASS_CACHE: avoid the file system cache
 * @VIR_DUMP_RESET: reset the domain after the dump
 * @VIR_DUMP_MEMORY_ONLY: dump guest memory only, in ELF form
 *
 * Flags for virDomainCoreDump().
 */
typedef enum {
    VIR_DUMP_CRASH = (1 << 0),
    VIR_DUMP_LIVE = (1 << 1),
    VIR_DUMP_BYPASS_CACHE = (1 << 2),
    VIR_DUMP_RESET = (1 << 3),
    VIR_DUMP_MEMORY_ONLY = (1 << 4),
} virDomainCoreDumpFlags;

/**
 * virDomainCoreDumpFormat:
 * @VIR_DOMAIN_CORE_DUMP_FORMAT_RAW: a raw memory dump
 * @VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB: kdump, zlib compressed
 * @VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO: kdump, lzo compressed
 * @VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY: kdump, snappy compressed
 * @VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP: a Windows crash dump
 * @VIR_DOMAIN_CORE_DUMP_FORMAT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The formats of virDomainCoreDumpWithFormat().
 */
typedef enum {
    VIR_DOMAIN_CORE_DUMP_FORMAT_RAW,
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB,
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO,
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY,
    VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CORE_DUMP_FORMAT_LAST
# endif
} virDomainCoreDumpFormat;

/**
 * virDomainMigrateFlags:
 * @VIR_MIGRATE_LIVE: keep the domain running while it migrates
 * @VIR_MIGRATE_PEER2PEER: the source host talks to the destination host itself
 * @VIR_MIGRATE_TUNNELLED: carry the data over the libvirt connection
 * @VIR_MIGRATE_PERSIST_DEST: define the domain persistently on the destination
 * @VIR_MIGRATE_UNDEFINE_SOURCE: undefine the domain on the source once migrated
 * @VIR_MIGRATE_PAUSED: leave the domain paused on the destination
 * @VIR_MIGRATE_NON_SHARED_DISK: copy whole disks to the destination
 * @VIR_MIGRATE_NON_SHARED_INC: copy disks incrementally over a shared base
 * @VIR_MIGRATE_CHANGE_PROTECTION: refuse configuration changes during the
 *     migration
 * @VIR_MIGRATE_UNSAFE: migrate even where it is not known to be safe
 * @VIR_MIGRATE_OFFLINE: migrate the definition of a domain that does not run
 * @VIR_MIGRATE_COMPRESSED: compress the data
 * @VIR_MIGRATE_ABORT_ON_ERROR: cancel on an I/O error of a disk
 * @VIR_MIGRATE_AUTO_CONVERGE: slow the guest down until the migration converges
 * @VIR_MIGRATE_RDMA_PIN_ALL: pin all guest memory for RDMA
 * @VIR_MIGRATE_POSTCOPY: allow switching to post-copy
 * @VIR_MIGRATE_TLS: encrypt the data with TLS
 * @VIR_MIGRATE_PARALLEL: use several connections
 * @VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES: copy disk writes synchronously
 * @VIR_MIGRATE_POSTCOPY_RESUME: resume a failed post-copy migration
 * @VIR_MIGRATE_ZEROCOPY: send memory without copying it
 *
 * Flags for the migration calls.
 */
typedef enum {
    VIR_MIGRATE_LIVE = (1 << 0),
    VIR_MIGRATE_PEER2PEER = (1 << 1),
    VIR_MIGRATE_TUNNELLED = (1 << 2),
    VIR_MIGRATE_PERSIST_DEST = (1 << 3),
    VIR_MIGRATE_UNDEFINE_SOURCE = (1 << 4),
    VIR_MIGRATE_PAUSED = (1 << 5),
    VIR_MIGRATE_NON_SHARED_DISK = (1 << 6),
    VIR_MIGRATE_NON_SHARED_INC = (1 << 7),
    VIR_MIGRATE_CHANGE_PROTECTION = (1 << 8),
    VIR_MIGRATE_UNSAFE = (1 << 9),
    VIR_MIGRATE_OFFLINE = (1 << 10),
    VIR_MIGRATE_COMPRESSED = (1 << 11),
    VIR_MIGRATE_ABORT_ON_ERROR = (1 << 12),
    VIR_MIGRATE_AUTO_CONVERGE = (1 << 13),
    VIR_MIGRATE_RDMA_PIN_ALL = (1 << 14),
    VIR_MIGRATE_POSTCOPY = (1 << 15),
    VIR_MIGRATE_TLS = (1 << 16),
    VIR_MIGRATE_PARALLEL = (1 << 17),
    VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES = (1 << 18),
    VIR_MIGRATE_POSTCOPY_RESUME = (1 << 19),
    VIR_MIGRATE_ZEROCOPY = (1 << 20),
} virDomainMigrateFlags;

/**
 * VIR_MIGRATE_PARAM_URI:
 *
 * The "migrate_uri" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_URI "migrate_uri"

/**
 * VIR_MIGRATE_PARAM_DEST_NAME:
 *
 * The "destination_name" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_DEST_NAME "destination_name"

/**
 * VIR_MIGRATE_PARAM_DEST_XML:
 *
 * The "destination_xml" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_DEST_XML "destination_xml"

/**
 * VIR_MIGRATE_PARAM_PERSIST_XML:
 *
 * The "persistent_xml" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_PERSIST_XML "persistent_xml"

/**
 * VIR_MIGRATE_PARAM_BANDWIDTH:
 *
 * The "bandwidth" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_BANDWIDTH "bandwidth"

/**
 * VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY:
 *
 * The "bandwidth.postcopy" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY "bandwidth.postcopy"

/**
 * VIR_MIGRATE_PARAM_GRAPHICS_URI:
 *
 * The "graphics_uri" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_GRAPHICS_URI "graphics_uri"

/**
 * VIR_MIGRATE_PARAM_LISTEN_ADDRESS:
 *
 * The "listen_address" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_LISTEN_ADDRESS "listen_address"

/**
 * VIR_MIGRATE_PARAM_MIGRATE_DISKS:
 *
 * The "migrate_disks" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_MIGRATE_DISKS "migrate_disks"

/**
 * VIR_MIGRATE_PARAM_DISKS_PORT:
 *
 * The "disks_port" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_DISKS_PORT "disks_port"

/**
 * VIR_MIGRATE_PARAM_DISKS_URI:
 *
 * The "disks_uri" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_DISKS_URI "disks_uri"

/**
 * VIR_MIGRATE_PARAM_COMPRESSION:
 *
 * The "compression" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_COMPRESSION "compression"

/**
 * VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL:
 *
 * The "compression.mt.level" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL "compression.mt.level"

/**
 * VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS:
 *
 * The "compression.mt.threads" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS "compression.mt.threads"

/**
 * VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS:
 *
 * The "compression.mt.dthreads" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS "compression.mt.dthreads"

/**
 * VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE:
 *
 * The "compression.xbzrle.cache" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE "compression.xbzrle.cache"

/**
 * VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL:
 *
 * The "auto_converge.initial" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL "auto_converge.initial"

/**
 * VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT:
 *
 * The "auto_converge.increment" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT "auto_converge.increment"

/**
 * VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS:
 *
 * The "parallel.connections" migration parameter (virDomainMigrate3() and
 * friends).
 */
# define VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS "parallel.connections"

/**
 * VIR_MIGRATE_PARAM_TLS_DESTINATION:
 *
 * The "tls.destination" migration parameter (virDomainMigrate3() and friends).
 */
# define VIR_MIGRATE_PARAM_TLS_DESTINATION "tls.destination"

virDomainPtr virDomainMigrate(virDomainPtr domain, virConnectPtr dconn,
                              unsigned long flags, const char *dname,
                              const char *uri, unsigned long bandwidth);
virDomainPtr virDomainMigrate2(virDomainPtr domain, virConnectPtr dconn,
                               const char *dxml, unsigned long flags,
                               const char *dname, const char *uri,
                               unsigned long bandwidth);
virDomainPtr virDomainMigrate3(virDomainPtr domain, virConnectPtr dconn,
                               virTypedParameterPtr params,
                               unsigned int nparams, unsigned int flags);
int virDomainMigrateToURI(virDomainPtr domain, const char *duri,
                          unsigned long flags, const char *dname,
                          unsigned long bandwidth);
int virDomainMigrateToURI2(virDomainPtr domain, const char *dconnuri,
                           const char *miguri, const char *dxml,
                           unsigned long flags, const char *dname,
                           unsigned long bandwidth);
int virDomainMigrateToURI3(virDomainPtr domain, const char *dconnuri,
                           virTypedParameterPtr params, unsigned int nparams,
                           unsigned int flags);
int virDomainMigrateGetMaxDowntime(virDomainPtr domain,
                                   unsigned long long *downtime,
                                   unsigned int flags);
int virDomainMigrateSetMaxDowntime(virDomainPtr domain,
                                   unsigned long long downtime,
                                   unsigned int flags);
int virDomainMigrateGetCompressionCache(virDomainPtr domain,
                                        unsigned long long *cacheSize,
                                        unsigned int flags);
int virDomainMigrateSetCompressionCache(virDomainPtr domain,
                                        unsigned long long cacheSize,
                                        unsigned int flags);

/**
 * virDomainMigrateMaxSpeedFlags:
 * @VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY: the speed limit of the post-copy
 *     phase
 *
 * Flags for the migration speed calls.
 */
typedef enum {
    VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY = (1 << 0),
} virDomainMigrateMaxSpeedFlags;

int virDomainMigrateSetMaxSpeed(virDomainPtr domain, unsigned long bandwidth,
                                unsigned int flags);
int virDomainMigrateGetMaxSpeed(virDomainPtr domain, unsigned long *bandwidth,
                                unsigned int flags);
int virDomainMigrateStartPostCopy(virDomainPtr domain, unsigned int flags);
char *virConnectGetDomainCapabilities(virConnectPtr conn,
                                      const char *emulatorbin,
                                      const char *arch, const char *machine,
                                      const char *virttype, unsigned int flags);
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDomains(virConnectPtr conn);
virConnectPtr virDomainGetConnect(virDomainPtr domain);
virDomainPtr virDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                                unsigned int flags);
virDomainPtr virDomainCreateXMLWithFiles(virConnectPtr conn,
                                         const char *xmlDesc,
                                         unsigned int nfiles, int *files,
                                         unsigned int flags);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn, const char *uuid);

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

int virDomainShutdown(virDomainPtr domain);
int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags);

/**
 * virDomainRebootFlagValues:
 * @VIR_DOMAIN_REBOOT_DEFAULT: the hypervisor's choice
 * @VIR_DOMAIN_REBOOT_ACPI_POWER_BTN: ACPI reset
 * @VIR_DOMAIN_REBOOT_GUEST_AGENT: ask the guest agent
 * @VIR_DOMAIN_REBOOT_INITCTL: through the guest's initctl
 * @VIR_DOMAIN_REBOOT_SIGNAL: by a signal to the guest's init
 * @VIR_DOMAIN_REBOOT_PARAVIRT: through a paravirtual channel
 *
 * How virDomainReboot() asks the guest.
 */
typedef enum {
    VIR_DOMAIN_REBOOT_DEFAULT = 0,
    VIR_DOMAIN_REBOOT_ACPI_POWER_BTN = (1 << 0),
    VIR_DOMAIN_REBOOT_GUEST_AGENT = (1 << 1),
    VIR_DOMAIN_REBOOT_INITCTL = (1 << 2),
    VIR_DOMAIN_REBOOT_SIGNAL = (1 << 3),
    VIR_DOMAIN_REBOOT_PARAVIRT = (1 << 4),
} virDomainRebootFlagValues;

int virDomainReboot(virDomainPtr domain, unsigned int flags);
int virDomainReset(virDomainPtr domain, unsigned int flags);
int virDomainDestroy(virDomainPtr domain);

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

int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int virDomainRef(virDomainPtr domain);
int virDomainFree(virDomainPtr domain);
int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);
int virDomainPMSuspendForDuration(virDomainPtr domain, unsigned int target,
                                  unsigned long long duration,
                                  unsigned int flags);
int virDomainPMWakeup(virDomainPtr domain, unsigned int flags);

/**
 * virDomainSaveRestoreFlags:
 * @VIR_DOMAIN_SAVE_BYPASS_CACHE: avoid the file system cache
 * @VIR_DOMAIN_SAVE_RUNNING: the restored domain runs
 * @VIR_DOMAIN_SAVE_PAUSED: the restored domain is paused
 * @VIR_DOMAIN_SAVE_RESET_NVRAM: start the restored domain with fresh NVRAM
 *
 * Flags for saving and restoring domains.
 */
typedef enum {
    VIR_DOMAIN_SAVE_BYPASS_CACHE = 1 << 0,
    VIR_DOMAIN_SAVE_RUNNING = 1 << 1,
    VIR_DOMAIN_SAVE_PAUSED = 1 << 2,
    VIR_DOMAIN_SAVE_RESET_NVRAM = 1 << 3,
} virDomainSaveRestoreFlags;

int virDomainSave(virDomainPtr domain, const char *to);
int virDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml,
                       unsigned int flags);
int virDomainSaveParams(virDomainPtr domain, virTypedParameterPtr params,
                        int nparams, unsigned int flags);
int virDomainRestore(virConnectPtr conn, const char *from);
int virDomainRestoreFlags(virConnectPtr conn, const char *from,
                          const char *dxml, unsigned int flags);
int virDomainRestoreParams(virConnectPtr conn, virTypedParameterPtr params,
                           int nparams, unsigned int flags);

/**
 * VIR_DOMAIN_SAVE_PARAM_FILE:
 *
 * The "file" parameter of virDomainSaveParams() and virDomainRestoreParams().
 */
# define VIR_DOMAIN_SAVE_PARAM_FILE "file"

/**
 * VIR_DOMAIN_SAVE_PARAM_DXML:
 *
 * The "dxml" parameter of virDomainSaveParams() and virDomainRestoreParams().
 */
# define VIR_DOMAIN_SAVE_PARAM_DXML "dxml"

char *virDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file,
                                   unsigned int flags);
int virDomainSaveImageDefineXML(virConnectPtr conn, const char *file,
                                const char *dxml, unsigned int flags);
int virDomainManagedSave(virDomainPtr dom, unsigned int flags);
int virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);
int virDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);
char *virDomainManagedSaveGetXMLDesc(virDomainPtr domain, unsigned int flags);
int virDomainManagedSaveDefineXML(virDomainPtr domain, const char *dxml,
                                  unsigned int flags);
int virDomainCoreDump(virDomainPtr domain, const char *to, unsigned int flags);
int virDomainCoreDumpWithFormat(virDomainPtr domain, const char *to,
                                unsigned int dumpformat, unsigned int flags);
char *virDomainScreenshot(virDomainPtr domain, virStreamPtr stream,
                          unsigned int screen, unsigned int flags);
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int virDomainGetState(virDomainPtr domain, int *state, int *reason,
                      unsigned int flags);

/**
 * VIR_DOMAIN_CPU_STATS_CPUTIME:
 *
 * The "cpu_time" field of virDomainGetCPUStats().
 */
# define VIR_DOMAIN_CPU_STATS_CPUTIME "cpu_time"

/**
 * VIR_DOMAIN_CPU_STATS_USERTIME:
 *
 * The "user_time" field of virDomainGetCPUStats().
 */
# define VIR_DOMAIN_CPU_STATS_USERTIME "user_time"

/**
 * VIR_DOMAIN_CPU_STATS_SYSTEMTIME:
 *
 * The "system_time" field of virDomainGetCPUStats().
 */
# define VIR_DOMAIN_CPU_STATS_SYSTEMTIME "system_time"

/**
 * VIR_DOMAIN_CPU_STATS_VCPUTIME:
 *
 * The "vcpu_time" field of virDomainGetCPUStats().
 */
# define VIR_DOMAIN_CPU_STATS_VCPUTIME "vcpu_time"

int virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params,
                         unsigned int nparams, int start_cpu,
                         unsigned int ncpus, unsigned int flags);
int virDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info,
                            unsigned int flags);
char *virDomainGetSchedulerType(virDomainPtr domain, int *nparams);

/**
 * VIR_DOMAIN_BLKIO_WEIGHT:
 *
 * The "weight" block I/O tuning parameter (virDomainSetBlkioParameters()).
 */
# define VIR_DOMAIN_BLKIO_WEIGHT "weight"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_WEIGHT:
 *
 * The "device_weight" block I/O tuning parameter
 * (virDomainSetBlkioParameters()).
 */
# define VIR_DOMAIN_BLKIO_DEVICE_WEIGHT "device_weight"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS:
 *
 * The "device_read_iops_sec" block I/O tuning parameter
 * (virDomainSetBlkioParameters()).
 */
# define VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS "device_read_iops_sec"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS:
 *
 * The "device_write_iops_sec" block I/O tuning parameter
 * (virDomainSetBlkioParameters()).
 */
# define VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS "device_write_iops_sec"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_READ_BPS:
 *
 * The "device_read_bytes_sec" block I/O tuning parameter
 * (virDomainSetBlkioParameters()).
 */
# define VIR_DOMAIN_BLKIO_DEVICE_READ_BPS "device_read_bytes_sec"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS:
 *
 * The "device_write_bytes_sec" block I/O tuning parameter
 * (virDomainSetBlkioParameters()).
 */
# define VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS "device_write_bytes_sec"

int virDomainSetBlkioParameters(virDomainPtr domain,
                                virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int virDomainGetBlkioParameters(virDomainPtr domain,
                                virTypedParameterPtr params, int *nparams,
                                unsigned int flags);

/**
 * VIR_DOMAIN_MEMORY_PARAM_UNLIMITED:
 *
 * The value of a memory limit that means no limit.
 */
# define VIR_DOMAIN_MEMORY_PARAM_UNLIMITED 9007199254740991LL

/**
 * VIR_DOMAIN_MEMORY_HARD_LIMIT:
 *
 * The "hard_limit" memory tuning parameter (virDomainSetMemoryParameters()).
 */
# define VIR_DOMAIN_MEMORY_HARD_LIMIT "hard_limit"

/**
 * VIR_DOMAIN_MEMORY_SOFT_LIMIT:
 *
 * The "soft_limit" memory tuning parameter (virDomainSetMemoryParameters()).
 */
# define VIR_DOMAIN_MEMORY_SOFT_LIMIT "soft_limit"

/**
 * VIR_DOMAIN_MEMORY_MIN_GUARANTEE:
 *
 * The "min_guarantee" memory tuning parameter (virDomainSetMemoryParameters()).
 */
# define VIR_DOMAIN_MEMORY_MIN_GUARANTEE "min_guarantee"

/**
 * VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT:
 *
 * The "swap_hard_limit" memory tuning parameter
 * (virDomainSetMemoryParameters()).
 */
# define VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT "swap_hard_limit"

int virDomainSetMemoryParameters(virDomainPtr domain,
                                 virTypedParameterPtr params, int nparams,
                                 unsigned int flags);
int virDomainGetMemoryParameters(virDomainPtr domain,
                                 virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);

/**
 * virDomainMemoryModFlags:
 * @VIR_DOMAIN_MEM_CURRENT: as VIR_DOMAIN_AFFECT_CURRENT
 * @VIR_DOMAIN_MEM_LIVE: as VIR_DOMAIN_AFFECT_LIVE
 * @VIR_DOMAIN_MEM_CONFIG: as VIR_DOMAIN_AFFECT_CONFIG
 * @VIR_DOMAIN_MEM_MAXIMUM: the maximum memory rather than the current
 *
 * Flags for the memory setting calls.
 */
typedef enum {
    VIR_DOMAIN_MEM_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_MEM_LIVE = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_MEM_CONFIG = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_MEM_MAXIMUM = (1 << 2),
} virDomainMemoryModFlags;

/**
 * virDomainNumatuneMemMode:
 * @VIR_DOMAIN_NUMATUNE_MEM_STRICT: allocate only on the given nodes
 * @VIR_DOMAIN_NUMATUNE_MEM_PREFERRED: prefer the given node
 * @VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE: interleave over the given nodes
 * @VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE: let the cgroup restrict the nodes
 * @VIR_DOMAIN_NUMATUNE_MEM_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * How a domain's memory is placed on NUMA nodes.
 */
typedef enum {
    VIR_DOMAIN_NUMATUNE_MEM_STRICT = 0,
    VIR_DOMAIN_NUMATUNE_MEM_PREFERRED = 1,
    VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE = 2,
    VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NUMATUNE_MEM_LAST
# endif
} virDomainNumatuneMemMode;

/**
 * VIR_DOMAIN_NUMA_NODESET:
 *
 * The "numa_nodeset" NUMA tuning parameter (virDomainSetNumaParameters()).
 */
# define VIR_DOMAIN_NUMA_NODESET "numa_nodeset"

/**
 * VIR_DOMAIN_NUMA_MODE:
 *
 * The "numa_mode" NUMA tuning parameter (virDomainSetNumaParameters()).
 */
# define VIR_DOMAIN_NUMA_MODE "numa_mode"

int virDomainSetNumaParameters(virDomainPtr domain,
                               virTypedParameterPtr params, int nparams,
                               unsigned int flags);
int virDomainGetNumaParameters(virDomainPtr domain,
                               virTypedParameterPtr params, int *nparams,
                               unsigned int flags);
const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
char *virDomainGetOSType(virDomainPtr domain);
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory,
                            unsigned int flags);
int virDomainSetMemoryStatsPeriod(virDomainPtr domain, int period,
                                  unsigned int flags);
int virDomainGetMaxVcpus(virDomainPtr domain);
int virDomainGetSecurityLabel(virDomainPtr domain,
                              virSecurityLabelPtr seclabel);

/**
 * virDomainGetHostnameFlags:
 * @VIR_DOMAIN_GET_HOSTNAME_LEASE: from the DHCP lease
 * @VIR_DOMAIN_GET_HOSTNAME_AGENT: from the guest agent
 *
 * Where virDomainGetHostname() looks.
 */
typedef enum {
    VIR_DOMAIN_GET_HOSTNAME_LEASE = (1 << 0),
    VIR_DOMAIN_GET_HOSTNAME_AGENT = (1 << 1),
} virDomainGetHostnameFlags;

char *virDomainGetHostname(virDomainPtr domain, unsigned int flags);
int virDomainGetSecurityLabelList(virDomainPtr domain,
                                  virSecurityLabelPtr *seclabels);

/**
 * virDomainMetadataType:
 * @VIR_DOMAIN_METADATA_DESCRIPTION: the description element
 * @VIR_DOMAIN_METADATA_TITLE: the title element
 * @VIR_DOMAIN_METADATA_ELEMENT: an application's element under metadata
 * @VIR_DOMAIN_METADATA_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Which metadata of a domain a call reads or writes.
 */
typedef enum {
    VIR_DOMAIN_METADATA_DESCRIPTION = 0,
    VIR_DOMAIN_METADATA_TITLE = 1,
    VIR_DOMAIN_METADATA_ELEMENT = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_METADATA_LAST
# endif
} virDomainMetadataType;

int virDomainSetMetadata(virDomainPtr domain, int type, const char *metadata,
                         const char *key, const char *uri, unsigned int flags);
char *virDomainGetMetadata(virDomainPtr domain, int type, const char *uri,
                           unsigned int flags);

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
 * virDomainSaveImageXMLFlags:
 * @VIR_DOMAIN_SAVE_IMAGE_XML_SECURE: include security-sensitive data
 *
 * Flags for virDomainSaveImageGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_SAVE_IMAGE_XML_SECURE = VIR_DOMAIN_XML_SECURE,
} virDomainSaveImageXMLFlags;

char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
char *virConnectDomainXMLFromNative(virConnectPtr conn,
                                    const char *nativeFormat,
                                    const char *nativeConfig,
                                    unsigned int flags);
char *virConnectDomainXMLToNative(virConnectPtr conn, const char *nativeFormat,
                                  const char *domainXml, unsigned int flags);
int virDomainBlockStats(virDomainPtr dom, const char *disk,
                        virDomainBlockStatsPtr stats, size_t size);
int virDomainBlockStatsFlags(virDomainPtr dom, const char *disk,
                             virTypedParameterPtr params, int *nparams,
                             unsigned int flags);
int virDomainInterfaceStats(virDomainPtr dom, const char *device,
                            virDomainInterfaceStatsPtr stats, size_t size);

/**
 * VIR_DOMAIN_BANDWIDTH_IN_AVERAGE:
 *
 * The "inbound.average" interface bandwidth parameter
 * (virDomainSetInterfaceParameters()).
 */
# define VIR_DOMAIN_BANDWIDTH_IN_AVERAGE "inbound.average"

/**
 * VIR_DOMAIN_BANDWIDTH_IN_PEAK:
 *
 * The "inbound.peak" interface bandwidth parameter
 * (virDomainSetInterfaceParameters()).
 */
# define VIR_DOMAIN_BANDWIDTH_IN_PEAK "inbound.peak"

/**
 * VIR_DOMAIN_BANDWIDTH_IN_BURST:
 *
 * The "inbound.burst" interface bandwidth parameter
 * (virDomainSetInterfaceParameters()).
 */
# define VIR_DOMAIN_BANDWIDTH_IN_BURST "inbound.burst"

/**
 * VIR_DOMAIN_BANDWIDTH_IN_FLOOR:
 *
 * The "inbound.floor" interface bandwidth parameter
 * (virDomainSetInterfaceParameters()).
 */
# define VIR_DOMAIN_BANDWIDTH_IN_FLOOR "inbound.floor"

/**
 * VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE:
 *
 * The "outbound.average" interface bandwidth parameter
 * (virDomainSetInterfaceParameters()).
 */
# define VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE "outbound.average"

/**
 * VIR_DOMAIN_BANDWIDTH_OUT_PEAK:
 *
 * The "outbound.peak" interface bandwidth parameter
 * (virDomainSetInterfaceParameters()).
 */
# define VIR_DOMAIN_BANDWIDTH_OUT_PEAK "outbound.peak"

/**
 * VIR_DOMAIN_BANDWIDTH_OUT_BURST:
 *
 * The "outbound.burst" interface bandwidth parameter
 * (virDomainSetInterfaceParameters()).
 */
# define VIR_DOMAIN_BANDWIDTH_OUT_BURST "outbound.burst"

int virDomainSetInterfaceParameters(virDomainPtr dom, const char *device,
                                    virTypedParameterPtr params, int nparams,
                                    unsigned int flags);
int virDomainGetInterfaceParameters(virDomainPtr dom, const char *device,
                                    virTypedParameterPtr params, int *nparams,
                                    unsigned int flags);
int virDomainBlockPeek(virDomainPtr dom, const char *disk,
                       unsigned long long offset, size_t size, void *buffer,
                       unsigned int flags);

/**
 * virDomainBlockResizeFlags:
 * @VIR_DOMAIN_BLOCK_RESIZE_BYTES: the size is in bytes, not KiB
 *
 * Flags for virDomainBlockResize().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_RESIZE_BYTES = 1 << 0,
} virDomainBlockResizeFlags;

int virDomainBlockResize(virDomainPtr dom, const char *disk,
                         unsigned long long size, unsigned int flags);

/**
 * virDomainBlockInfo:
 *
 * The sizes of a disk image, as virDomainGetBlockInfo() reports them. Members:
 * capacity, what the guest sees, in bytes; allocation, what the image takes on
 * the host, in bytes; physical, the size of the image's container, in bytes.
 */
typedef struct _virDomainBlockInfo virDomainBlockInfo;

/**
 * virDomainBlockInfoPtr:
 *
 * A pointer to a virDomainBlockInfo.
 */
typedef virDomainBlockInfo *virDomainBlockInfoPtr;

struct _virDomainBlockInfo {
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned long long physical;
};

int virDomainGetBlockInfo(virDomainPtr dom, const char *disk,
                          virDomainBlockInfoPtr info, unsigned int flags);
int virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                         unsigned int nr_stats, unsigned int flags);

/**
 * virDomainMemoryFlags:
 * @VIR_MEMORY_VIRTUAL: guest virtual addresses
 * @VIR_MEMORY_PHYSICAL: guest physical addresses
 *
 * Which addresses virDomainMemoryPeek() reads.
 */
typedef enum {
    VIR_MEMORY_VIRTUAL = 1 << 0,
    VIR_MEMORY_PHYSICAL = 1 << 1,
} virDomainMemoryFlags;

int virDomainMemoryPeek(virDomainPtr dom, unsigned long long start,
                        size_t size, void *buffer, unsigned int flags);

/**
 * virDomainDefineFlags:
 * @VIR_DOMAIN_DEFINE_VALIDATE: validate the XML against the schema
 *
 * Flags for virDomainDefineXMLFlags().
 */
typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = (1 << 0),
} virDomainDefineFlags;

virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                                     unsigned int flags);
int virDomainUndefine(virDomainPtr domain);

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

int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
int virConnectNumOfDefinedDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                 int maxnames);

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

int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                             unsigned int flags);
int virDomainCreate(virDomainPtr domain);
int virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int virDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles,
                             int *files, unsigned int flags);
int virDomainGetAutostart(virDomainPtr domain, int *autostart);
int virDomainSetAutostart(virDomainPtr domain, int autostart);

/**
 * virVcpuState:
 * @VIR_VCPU_OFFLINE: the vCPU is offline
 * @VIR_VCPU_RUNNING: the vCPU runs
 * @VIR_VCPU_BLOCKED: the vCPU waits for a resource
 * @VIR_VCPU_LAST: the number of values; defined only with VIR_ENUM_SENTINELS,
 *     and it grows in later releases
 *
 * What a virtual CPU is doing.
 */
typedef enum {
    VIR_VCPU_OFFLINE = 0,
    VIR_VCPU_RUNNING = 1,
    VIR_VCPU_BLOCKED = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_VCPU_LAST
# endif
} virVcpuState;

/**
 * virVcpuHostCpuState:
 * @VIR_VCPU_INFO_CPU_OFFLINE: the vCPU is offline
 * @VIR_VCPU_INFO_CPU_UNAVAILABLE: the host CPU is not known
 *
 * Special values of the host CPU field of virVcpuInfo.
 */
typedef enum {
    VIR_VCPU_INFO_CPU_OFFLINE = -1,
    VIR_VCPU_INFO_CPU_UNAVAILABLE = -2,
} virVcpuHostCpuState;

/**
 * virVcpuInfo:
 * @number: the vCPU's number
 * @state: a virVcpuState
 * @cpu: the host CPU it runs on, or a virVcpuHostCpuState
 *
 * One virtual CPU, as virDomainGetVcpus() reports it. Members: cpuTime, CPU
 * time used, in nanoseconds.
 */
typedef struct _virVcpuInfo virVcpuInfo;

struct _virVcpuInfo {
    unsigned int number;
    int state;
    unsigned long long cpuTime;
    int cpu;
};

/**
 * virVcpuInfoPtr:
 *
 * A pointer to a virVcpuInfo.
 */
typedef virVcpuInfo *virVcpuInfoPtr;

/**
 * virDomainVcpuFlags:
 * @VIR_DOMAIN_VCPU_CURRENT: as VIR_DOMAIN_AFFECT_CURRENT
 * @VIR_DOMAIN_VCPU_LIVE: as VIR_DOMAIN_AFFECT_LIVE
 * @VIR_DOMAIN_VCPU_CONFIG: as VIR_DOMAIN_AFFECT_CONFIG
 * @VIR_DOMAIN_VCPU_MAXIMUM: the maximum count rather than the current
 * @VIR_DOMAIN_VCPU_GUEST: as the guest sees it, through its agent
 * @VIR_DOMAIN_VCPU_HOTPLUGGABLE: add or remove vCPUs as hotpluggable ones
 *
 * Flags for the vCPU count calls.
 */
typedef enum {
    VIR_DOMAIN_VCPU_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_VCPU_LIVE = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_VCPU_CONFIG = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_VCPU_MAXIMUM = (1 << 2),
    VIR_DOMAIN_VCPU_GUEST = (1 << 3),
    VIR_DOMAIN_VCPU_HOTPLUGGABLE = (1 << 4),
} virDomainVcpuFlags;

int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus,
                           unsigned int flags);
int virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);
int virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                     unsigned char *cpumap, int maplen);
int virDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu,
                          unsigned char *cpumap, int maplen,
                          unsigned int flags);
int virDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps,
                            unsigned char *cpumaps, int maplen,
                            unsigned int flags);
int virDomainPinEmulator(virDomainPtr domain, unsigned char *cpumap,
                         int maplen, unsigned int flags);
int virDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumaps,
                                int maplen, unsigned int flags);

/**
 * virDomainIOThreadInfo:
 * @iothread_id: the thread's ID
 * @cpumap: the host CPUs it may run on, a bitmap
 * @cpumaplen: the length of @cpumap, in bytes
 *
 * One I/O thread of a domain, as virDomainGetIOThreadInfo() reports it.
 */
typedef struct _virDomainIOThreadInfo virDomainIOThreadInfo;

/**
 * virDomainIOThreadInfoPtr:
 *
 * A pointer to a virDomainIOThreadInfo.
 */
typedef virDomainIOThreadInfo *virDomainIOThreadInfoPtr;

struct _virDomainIOThreadInfo {
    unsigned int iothread_id;
    unsigned char *cpumap;
    int cpumaplen;
};

void virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info);
int virDomainGetIOThreadInfo(virDomainPtr domain,
                             virDomainIOThreadInfoPtr **info,
                             unsigned int flags);
int virDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id,
                         unsigned char *cpumap, int maplen, unsigned int flags);
int virDomainAddIOThread(virDomainPtr domain, unsigned int iothread_id,
                         unsigned int flags);
int virDomainDelIOThread(virDomainPtr domain, unsigned int iothread_id,
                         unsigned int flags);

/**
 * VIR_DOMAIN_IOTHREAD_POLL_MAX_NS:
 *
 * The "poll_max_ns" parameter of an I/O thread (virDomainSetIOThreadParams()).
 */
# define VIR_DOMAIN_IOTHREAD_POLL_MAX_NS "poll_max_ns"

/**
 * VIR_DOMAIN_IOTHREAD_POLL_GROW:
 *
 * The "poll_grow" parameter of an I/O thread (virDomainSetIOThreadParams()).
 */
# define VIR_DOMAIN_IOTHREAD_POLL_GROW "poll_grow"

/**
 * VIR_DOMAIN_IOTHREAD_POLL_SHRINK:
 *
 * The "poll_shrink" parameter of an I/O thread (virDomainSetIOThreadParams()).
 */
# define VIR_DOMAIN_IOTHREAD_POLL_SHRINK "poll_shrink"

/**
 * VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN:
 *
 * The "thread_pool_min" parameter of an I/O thread
 * (virDomainSetIOThreadParams()).
 */
# define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN "thread_pool_min"

/**
 * VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX:
 *
 * The "thread_pool_max" parameter of an I/O thread
 * (virDomainSetIOThreadParams()).
 */
# define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX "thread_pool_max"

int virDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id,
                               virTypedParameterPtr params, int nparams,
                               unsigned int flags);

/**
 * VIR_USE_CPU:
 * @cpumap: a CPU bitmap
 * @cpu: a host CPU number
 *
 * Sets the bit of @cpu in @cpumap.
 */
# define VIR_USE_CPU(cpumap, cpu) \
    ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))

/**
 * VIR_UNUSE_CPU:
 * @cpumap: a CPU bitmap
 * @cpu: a host CPU number
 *
 * Clears the bit of @cpu in @cpumap.
 */
# define VIR_UNUSE_CPU(cpumap, cpu) \
    ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))

/**
 * VIR_CPU_USED:
 * @cpumap: a CPU bitmap
 * @cpu: a host CPU number
 *
 * True when the bit of @cpu is set in @cpumap.
 */
# define VIR_CPU_USED(cpumap, cpu) \
    ((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8)))

/**
 * VIR_CPU_MAPLEN:
 * @cpu: a number of CPUs
 *
 * The bytes a bitmap of @cpu CPUs takes.
 */
# define VIR_CPU_MAPLEN(cpu) \
    (((cpu) + 7) / 8)

int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

/**
 * VIR_CPU_USABLE:
 * @cpumaps: an array of CPU bitmaps, one per vCPU
 * @maplen: the length of each bitmap, in bytes
 * @vcpu: a vCPU number
 * @cpu: a host CPU number
 *
 * True when @vcpu may run on host CPU @cpu.
 */
# define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    VIR_CPU_USED(VIR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)

/**
 * VIR_COPY_CPUMAP:
 * @cpumaps: an array of CPU bitmaps, one per vCPU
 * @maplen: the length of each bitmap, in bytes
 * @vcpu: a vCPU number
 * @cpumap: where to copy the bitmap of @vcpu
 *
 * Copies the bitmap of @vcpu out of @cpumaps.
 */
# define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, vcpu), maplen)

/**
 * VIR_GET_CPUMAP:
 * @cpumaps: an array of CPU bitmaps, one per vCPU
 * @maplen: the length of each bitmap, in bytes
 * @vcpu: a vCPU number
 *
 * The address of the bitmap of @vcpu in @cpumaps.
 */
# define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) \
    (&((cpumaps)[(vcpu) * (maplen)]))

/**
 * virDomainDeviceModifyFlags:
 * @VIR_DOMAIN_DEVICE_MODIFY_CURRENT: as VIR_DOMAIN_AFFECT_CURRENT
 * @VIR_DOMAIN_DEVICE_MODIFY_LIVE: as VIR_DOMAIN_AFFECT_LIVE
 * @VIR_DOMAIN_DEVICE_MODIFY_CONFIG: as VIR_DOMAIN_AFFECT_CONFIG
 * @VIR_DOMAIN_DEVICE_MODIFY_FORCE: force the change (eject a locked medium)
 *
 * Flags for the device attach, detach and update calls.
 */
typedef enum {
    VIR_DOMAIN_DEVICE_MODIFY_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_DEVICE_MODIFY_LIVE = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_DEVICE_MODIFY_CONFIG = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_DEVICE_MODIFY_FORCE = (1 << 2),
} virDomainDeviceModifyFlags;

int virDomainAttachDevice(virDomainPtr domain, const char *xml);
int virDomainDetachDevice(virDomainPtr domain, const char *xml);
int virDomainAttachDeviceFlags(virDomainPtr domain, const char *xml,
                               unsigned int flags);
int virDomainDetachDeviceFlags(virDomainPtr domain, const char *xml,
                               unsigned int flags);
int virDomainUpdateDeviceFlags(virDomainPtr domain, const char *xml,
                               unsigned int flags);
int virDomainDetachDeviceAlias(virDomainPtr domain, const char *alias,
                               unsigned int flags);

/**
 * virDomainStatsRecord:
 * @dom: the domain
 * @params: its statistics
 * @nparams: the number of entries in @params
 *
 * The statistics of one domain, as virConnectGetAllDomainStats() reports them.
 */
typedef struct _virDomainStatsRecord virDomainStatsRecord;

/**
 * virDomainStatsRecordPtr:
 *
 * A pointer to a virDomainStatsRecord.
 */
typedef virDomainStatsRecord *virDomainStatsRecordPtr;

struct _virDomainStatsRecord {
    virDomainPtr dom;
    virTypedParameterPtr params;
    int nparams;
};

/**
 * virDomainStatsTypes:
 * @VIR_DOMAIN_STATS_STATE: state and reason
 * @VIR_DOMAIN_STATS_CPU_TOTAL: CPU time
 * @VIR_DOMAIN_STATS_BALLOON: balloon and memory figures
 * @VIR_DOMAIN_STATS_VCPU: per vCPU figures
 * @VIR_DOMAIN_STATS_INTERFACE: per network interface figures
 * @VIR_DOMAIN_STATS_BLOCK: per disk figures
 * @VIR_DOMAIN_STATS_PERF: perf event counters
 * @VIR_DOMAIN_STATS_IOTHREAD: I/O thread figures
 * @VIR_DOMAIN_STATS_MEMORY: memory bandwidth figures
 * @VIR_DOMAIN_STATS_DIRTYRATE: memory dirty rate
 * @VIR_DOMAIN_STATS_VM: hypervisor-specific figures
 *
 * Which groups of statistics to collect.
 */
typedef enum {
    VIR_DOMAIN_STATS_STATE = (1 << 0),
    VIR_DOMAIN_STATS_CPU_TOTAL = (1 << 1),
    VIR_DOMAIN_STATS_BALLOON = (1 << 2),
    VIR_DOMAIN_STATS_VCPU = (1 << 3),
    VIR_DOMAIN_STATS_INTERFACE = (1 << 4),
    VIR_DOMAIN_STATS_BLOCK = (1 << 5),
    VIR_DOMAIN_STATS_PERF = (1 << 6),
    VIR_DOMAIN_STATS_IOTHREAD = (1 << 7),
    VIR_DOMAIN_STATS_MEMORY = (1 << 8),
    VIR_DOMAIN_STATS_DIRTYRATE = (1 << 9),
    VIR_DOMAIN_STATS_VM = (1 << 10),
} virDomainStatsTypes;

/**
 * virConnectGetAllDomainStatsFlags:
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE: active domains only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE: inactive domains only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT: persistent domains only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT: transient domains only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING: running domains only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED: paused domains only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF: shut off domains only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER: domains in any other state only
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT: skip domains busy with a job
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING: include backing chain images
 * @VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS: fail if a requested group
 *     is unsupported
 *
 * Which domains to collect statistics of, and how.
 */
# if defined(__GNUC__)
#  pragma GCC diagnostic push
#  pragma GCC diagnostic ignored "-Wpedantic"
# endif
typedef enum {
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE = VIR_CONNECT_LIST_DOMAINS_ACTIVE,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE = VIR_CONNECT_LIST_DOMAINS_INACTIVE,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT = VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT = VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING = VIR_CONNECT_LIST_DOMAINS_RUNNING,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED = VIR_CONNECT_LIST_DOMAINS_PAUSED,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF = VIR_CONNECT_LIST_DOMAINS_SHUTOFF,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER = VIR_CONNECT_LIST_DOMAINS_OTHER,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT = 1 << 29,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING = 1 << 30,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 1U << 31,
} virConnectGetAllDomainStatsFlags;
# if defined(__GNUC__)
#  pragma GCC diagnostic pop
# endif

int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                                virDomainStatsRecordPtr **retStats,
                                unsigned int flags);
int virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                          virDomainStatsRecordPtr **retStats,
                          unsigned int flags);
void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats);

/**
 * VIR_PERF_PARAM_CMT:
 *
 * The "cmt" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_CMT "cmt"

/**
 * VIR_PERF_PARAM_MBMT:
 *
 * The "mbmt" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_MBMT "mbmt"

/**
 * VIR_PERF_PARAM_MBML:
 *
 * The "mbml" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_MBML "mbml"

/**
 * VIR_PERF_PARAM_CACHE_MISSES:
 *
 * The "cache_misses" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_CACHE_MISSES "cache_misses"

/**
 * VIR_PERF_PARAM_CACHE_REFERENCES:
 *
 * The "cache_references" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_CACHE_REFERENCES "cache_references"

/**
 * VIR_PERF_PARAM_INSTRUCTIONS:
 *
 * The "instructions" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_INSTRUCTIONS "instructions"

/**
 * VIR_PERF_PARAM_CPU_CYCLES:
 *
 * The "cpu_cycles" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_CPU_CYCLES "cpu_cycles"

/**
 * VIR_PERF_PARAM_BRANCH_INSTRUCTIONS:
 *
 * The "branch_instructions" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_BRANCH_INSTRUCTIONS "branch_instructions"

/**
 * VIR_PERF_PARAM_BRANCH_MISSES:
 *
 * The "branch_misses" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_BRANCH_MISSES "branch_misses"

/**
 * VIR_PERF_PARAM_BUS_CYCLES:
 *
 * The "bus_cycles" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_BUS_CYCLES "bus_cycles"

/**
 * VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND:
 *
 * The "stalled_cycles_frontend" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND "stalled_cycles_frontend"

/**
 * VIR_PERF_PARAM_STALLED_CYCLES_BACKEND:
 *
 * The "stalled_cycles_backend" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_STALLED_CYCLES_BACKEND "stalled_cycles_backend"

/**
 * VIR_PERF_PARAM_REF_CPU_CYCLES:
 *
 * The "ref_cpu_cycles" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_REF_CPU_CYCLES "ref_cpu_cycles"

/**
 * VIR_PERF_PARAM_CPU_CLOCK:
 *
 * The "cpu_clock" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_CPU_CLOCK "cpu_clock"

/**
 * VIR_PERF_PARAM_TASK_CLOCK:
 *
 * The "task_clock" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_TASK_CLOCK "task_clock"

/**
 * VIR_PERF_PARAM_PAGE_FAULTS:
 *
 * The "page_faults" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_PAGE_FAULTS "page_faults"

/**
 * VIR_PERF_PARAM_CONTEXT_SWITCHES:
 *
 * The "context_switches" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_CONTEXT_SWITCHES "context_switches"

/**
 * VIR_PERF_PARAM_CPU_MIGRATIONS:
 *
 * The "cpu_migrations" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_CPU_MIGRATIONS "cpu_migrations"

/**
 * VIR_PERF_PARAM_PAGE_FAULTS_MIN:
 *
 * The "page_faults_min" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_PAGE_FAULTS_MIN "page_faults_min"

/**
 * VIR_PERF_PARAM_PAGE_FAULTS_MAJ:
 *
 * The "page_faults_maj" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_PAGE_FAULTS_MAJ "page_faults_maj"

/**
 * VIR_PERF_PARAM_ALIGNMENT_FAULTS:
 *
 * The "alignment_faults" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_ALIGNMENT_FAULTS "alignment_faults"

/**
 * VIR_PERF_PARAM_EMULATION_FAULTS:
 *
 * The "emulation_faults" perf event (virDomainSetPerfEvents()).
 */
# define VIR_PERF_PARAM_EMULATION_FAULTS "emulation_faults"

int virDomainGetPerfEvents(virDomainPtr dom, virTypedParameterPtr *params,
                           int *nparams, unsigned int flags);
int virDomainSetPerfEvents(virDomainPtr dom, virTypedParameterPtr params,
                           int nparams, unsigned int flags);

/**
 * virDomainBlockJobType:
 * @VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN: not known
 * @VIR_DOMAIN_BLOCK_JOB_TYPE_PULL: pulling a backing image into the top one
 * @VIR_DOMAIN_BLOCK_JOB_TYPE_COPY: copying a disk elsewhere
 * @VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT: committing an image into its backing one
 * @VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT: committing the active image
 * @VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP: a backup
 * @VIR_DOMAIN_BLOCK_JOB_TYPE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of disk jobs.
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN = 0,
    VIR_DOMAIN_BLOCK_JOB_TYPE_PULL = 1,
    VIR_DOMAIN_BLOCK_JOB_TYPE_COPY = 2,
    VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT = 3,
    VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT = 4,
    VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_TYPE_LAST
# endif
} virDomainBlockJobType;

/**
 * virDomainBlockJobAbortFlags:
 * @VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC: return before the job has ended
 * @VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT: switch the disk to the copy
 *
 * Flags for virDomainBlockJobAbort().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0,
    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1,
} virDomainBlockJobAbortFlags;

int virDomainBlockJobAbort(virDomainPtr dom, const char *disk,
                           unsigned int flags);

/**
 * virDomainBlockJobInfoFlags:
 * @VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES: report bandwidth in bytes/s
 *
 * Flags for virDomainGetBlockJobInfo().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES = 1 << 0,
} virDomainBlockJobInfoFlags;

/**
 * virDomainBlockJobCursor:
 *
 * A position in a disk job, in bytes.
 */
typedef unsigned long long virDomainBlockJobCursor;

/**
 * virDomainBlockJobInfo:
 * @type: a virDomainBlockJobType
 * @bandwidth: the bandwidth limit, in MiB/s unless asked in bytes/s
 * @cur: the progress so far
 * @end: the progress at the end
 *
 * The progress of a disk job.
 */
typedef struct _virDomainBlockJobInfo virDomainBlockJobInfo;

struct _virDomainBlockJobInfo {
    int type;
    unsigned long bandwidth;
    virDomainBlockJobCursor cur;
    virDomainBlockJobCursor end;
};

/**
 * virDomainBlockJobInfoPtr:
 *
 * A pointer to a virDomainBlockJobInfo.
 */
typedef virDomainBlockJobInfo *virDomainBlockJobInfoPtr;

int virDomainGetBlockJobInfo(virDomainPtr dom, const char *disk,
                             virDomainBlockJobInfoPtr info, unsigned int flags);

/**
 * virDomainBlockJobSetSpeedFlags:
 * @VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES: the bandwidth is in bytes/s
 *
 * Flags for virDomainBlockJobSetSpeed().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES = 1 << 0,
} virDomainBlockJobSetSpeedFlags;

int virDomainBlockJobSetSpeed(virDomainPtr dom, const char *disk,
                              unsigned long bandwidth, unsigned int flags);

/**
 * virDomainBlockPullFlags:
 * @VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES: the bandwidth is in bytes/s
 *
 * Flags for virDomainBlockPull().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES = 1 << 6,
} virDomainBlockPullFlags;

int virDomainBlockPull(virDomainPtr dom, const char *disk,
                       unsigned long bandwidth, unsigned int flags);

/**
 * virDomainBlockRebaseFlags:
 * @VIR_DOMAIN_BLOCK_REBASE_SHALLOW: copy the top image only
 * @VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT: reuse an existing destination
 * @VIR_DOMAIN_BLOCK_REBASE_COPY_RAW: the destination is raw
 * @VIR_DOMAIN_BLOCK_REBASE_COPY: copy rather than pull
 * @VIR_DOMAIN_BLOCK_REBASE_RELATIVE: keep the backing name relative
 * @VIR_DOMAIN_BLOCK_REBASE_COPY_DEV: the destination is a block device
 * @VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES: the bandwidth is in bytes/s
 *
 * Flags for virDomainBlockRebase().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_REBASE_SHALLOW = 1 << 0,
    VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT = 1 << 1,
    VIR_DOMAIN_BLOCK_REBASE_COPY_RAW = 1 << 2,
    VIR_DOMAIN_BLOCK_REBASE_COPY = 1 << 3,
    VIR_DOMAIN_BLOCK_REBASE_RELATIVE = 1 << 4,
    VIR_DOMAIN_BLOCK_REBASE_COPY_DEV = 1 << 5,
    VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES = 1 << 6,
} virDomainBlockRebaseFlags;

int virDomainBlockRebase(virDomainPtr dom, const char *disk, const char *base,
                         unsigned long bandwidth, unsigned int flags);

/**
 * virDomainBlockCopyFlags:
 * @VIR_DOMAIN_BLOCK_COPY_SHALLOW: copy the top image only
 * @VIR_DOMAIN_BLOCK_COPY_REUSE_EXT: reuse an existing destination
 * @VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB: do not keep the job across restarts
 * @VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES: mirror guest writes synchronously
 *
 * Flags for virDomainBlockCopy().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_COPY_SHALLOW = 1 << 0,
    VIR_DOMAIN_BLOCK_COPY_REUSE_EXT = 1 << 1,
    VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB = 1 << 2,
    VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES = 1 << 3,
} virDomainBlockCopyFlags;

/**
 * VIR_DOMAIN_BLOCK_COPY_BANDWIDTH:
 *
 * The "bandwidth" parameter of virDomainBlockCopy().
 */
# define VIR_DOMAIN_BLOCK_COPY_BANDWIDTH "bandwidth"

/**
 * VIR_DOMAIN_BLOCK_COPY_GRANULARITY:
 *
 * The "granularity" parameter of virDomainBlockCopy().
 */
# define VIR_DOMAIN_BLOCK_COPY_GRANULARITY "granularity"

/**
 * VIR_DOMAIN_BLOCK_COPY_BUF_SIZE:
 *
 * The "buf-size" parameter of virDomainBlockCopy().
 */
# define VIR_DOMAIN_BLOCK_COPY_BUF_SIZE "buf-size"

int virDomainBlockCopy(virDomainPtr dom, const char *disk, const char *destxml,
                       virTypedParameterPtr params, int nparams,
                       unsigned int flags);

/**
 * virDomainBlockCommitFlags:
 * @VIR_DOMAIN_BLOCK_COMMIT_SHALLOW: commit into the immediate backing image
 * @VIR_DOMAIN_BLOCK_COMMIT_DELETE: delete the committed images
 * @VIR_DOMAIN_BLOCK_COMMIT_ACTIVE: allow committing the active image
 * @VIR_DOMAIN_BLOCK_COMMIT_RELATIVE: keep backing names relative
 * @VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES: the bandwidth is in bytes/s
 *
 * Flags for virDomainBlockCommit().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_COMMIT_SHALLOW = 1 << 0,
    VIR_DOMAIN_BLOCK_COMMIT_DELETE = 1 << 1,
    VIR_DOMAIN_BLOCK_COMMIT_ACTIVE = 1 << 2,
    VIR_DOMAIN_BLOCK_COMMIT_RELATIVE = 1 << 3,
    VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES = 1 << 4,
} virDomainBlockCommitFlags;

int virDomainBlockCommit(virDomainPtr dom, const char *disk, const char *base,
                         const char *top, unsigned long bandwidth,
                         unsigned int flags);

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC:
 *
 * The "total_bytes_sec" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC "total_bytes_sec"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC:
 *
 * The "read_bytes_sec" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC "read_bytes_sec"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC:
 *
 * The "write_bytes_sec" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC "write_bytes_sec"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC:
 *
 * The "total_iops_sec" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC "total_iops_sec"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC:
 *
 * The "read_iops_sec" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC "read_iops_sec"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC:
 *
 * The "write_iops_sec" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC "write_iops_sec"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX:
 *
 * The "total_bytes_sec_max" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX "total_bytes_sec_max"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX:
 *
 * The "read_bytes_sec_max" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX "read_bytes_sec_max"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX:
 *
 * The "write_bytes_sec_max" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX "write_bytes_sec_max"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX:
 *
 * The "total_iops_sec_max" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX "total_iops_sec_max"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX:
 *
 * The "read_iops_sec_max" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX "read_iops_sec_max"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX:
 *
 * The "write_iops_sec_max" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX "write_iops_sec_max"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH:
 *
 * The "total_bytes_sec_max_length" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH "total_bytes_sec_max_length"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH:
 *
 * The "read_bytes_sec_max_length" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH "read_bytes_sec_max_length"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH:
 *
 * The "write_bytes_sec_max_length" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH "write_bytes_sec_max_length"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH:
 *
 * The "total_iops_sec_max_length" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH "total_iops_sec_max_length"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH:
 *
 * The "read_iops_sec_max_length" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH "read_iops_sec_max_length"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH:
 *
 * The "write_iops_sec_max_length" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH "write_iops_sec_max_length"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC:
 *
 * The "size_iops_sec" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC "size_iops_sec"

/**
 * VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME:
 *
 * The "group_name" disk I/O limit (virDomainSetBlockIoTune()).
 */
# define VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME "group_name"

int virDomainSetBlockIoTune(virDomainPtr dom, const char *disk,
                            virTypedParameterPtr params, int nparams,
                            unsigned int flags);
int virDomainGetBlockIoTune(virDomainPtr dom, const char *disk,
                            virTypedParameterPtr params, int *nparams,
                            unsigned int flags);

/**
 * virDomainDiskErrorCode:
 * @VIR_DOMAIN_DISK_ERROR_NONE: no error
 * @VIR_DOMAIN_DISK_ERROR_UNSPEC: an unspecified I/O error
 * @VIR_DOMAIN_DISK_ERROR_NO_SPACE: no space left on the disk's storage
 * @VIR_DOMAIN_DISK_ERROR_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The I/O error state of a disk.
 */
typedef enum {
    VIR_DOMAIN_DISK_ERROR_NONE = 0,
    VIR_DOMAIN_DISK_ERROR_UNSPEC = 1,
    VIR_DOMAIN_DISK_ERROR_NO_SPACE = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_DISK_ERROR_LAST
# endif
} virDomainDiskErrorCode;

/**
 * virDomainDiskError:
 * @disk: the disk's target name
 * @error: a virDomainDiskErrorCode
 *
 * One disk in error, as virDomainGetDiskErrors() reports it.
 */
typedef struct _virDomainDiskError virDomainDiskError;

/**
 * virDomainDiskErrorPtr:
 *
 * A pointer to a virDomainDiskError.
 */
typedef virDomainDiskError *virDomainDiskErrorPtr;

struct _virDomainDiskError {
    char *disk;
    int error;
};

int virDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                           unsigned int maxerrors, unsigned int flags);

/**
 * virKeycodeSet:
 * @VIR_KEYCODE_SET_LINUX: Linux input event codes
 * @VIR_KEYCODE_SET_XT: IBM XT scancodes
 * @VIR_KEYCODE_SET_ATSET1: AT set 1 scancodes
 * @VIR_KEYCODE_SET_ATSET2: AT set 2 scancodes
 * @VIR_KEYCODE_SET_ATSET3: AT set 3 scancodes
 * @VIR_KEYCODE_SET_OSX: macOS virtual key codes
 * @VIR_KEYCODE_SET_XT_KBD: XT scancodes as the Linux keyboard driver numbers
 *     them
 * @VIR_KEYCODE_SET_USB: USB HID usage codes
 * @VIR_KEYCODE_SET_WIN32: Windows virtual key codes
 * @VIR_KEYCODE_SET_QNUM: QEMU's key numbers
 * @VIR_KEYCODE_SET_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The numbering of the keys virDomainSendKey() sends.
 */
typedef enum {
    VIR_KEYCODE_SET_LINUX = 0,
    VIR_KEYCODE_SET_XT = 1,
    VIR_KEYCODE_SET_ATSET1 = 2,
    VIR_KEYCODE_SET_ATSET2 = 3,
    VIR_KEYCODE_SET_ATSET3 = 4,
    VIR_KEYCODE_SET_OSX = 5,
    VIR_KEYCODE_SET_XT_KBD = 6,
    VIR_KEYCODE_SET_USB = 7,
    VIR_KEYCODE_SET_WIN32 = 8,
    VIR_KEYCODE_SET_QNUM = 9,
# ifdef VIR_ENUM_SENTINELS
    VIR_KEYCODE_SET_LAST
# endif
} virKeycodeSet;

/**
 * VIR_KEYCODE_SET_RFB:
 *
 * An old name of VIR_KEYCODE_SET_QNUM.
 */
# define VIR_KEYCODE_SET_RFB VIR_KEYCODE_SET_QNUM

/**
 * VIR_DOMAIN_SEND_KEY_MAX_KEYS:
 *
 * The most keys one virDomainSendKey() call sends.
 */
# define VIR_DOMAIN_SEND_KEY_MAX_KEYS 16

int virDomainSendKey(virDomainPtr domain, unsigned int codeset,
                     unsigned int holdtime, unsigned int *keycodes,
                     int nkeycodes, unsigned int flags);

/**
 * virDomainProcessSignal:
 * @VIR_DOMAIN_PROCESS_SIGNAL_NOP: no signal: only checks that the process
 *     exists
 * @VIR_DOMAIN_PROCESS_SIGNAL_HUP: SIGHUP
 * @VIR_DOMAIN_PROCESS_SIGNAL_INT: SIGINT
 * @VIR_DOMAIN_PROCESS_SIGNAL_QUIT: SIGQUIT
 * @VIR_DOMAIN_PROCESS_SIGNAL_ILL: SIGILL
 * @VIR_DOMAIN_PROCESS_SIGNAL_TRAP: SIGTRAP
 * @VIR_DOMAIN_PROCESS_SIGNAL_ABRT: SIGABRT
 * @VIR_DOMAIN_PROCESS_SIGNAL_BUS: SIGBUS
 * @VIR_DOMAIN_PROCESS_SIGNAL_FPE: SIGFPE
 * @VIR_DOMAIN_PROCESS_SIGNAL_KILL: SIGKILL
 * @VIR_DOMAIN_PROCESS_SIGNAL_USR1: SIGUSR1
 * @VIR_DOMAIN_PROCESS_SIGNAL_SEGV: SIGSEGV
 * @VIR_DOMAIN_PROCESS_SIGNAL_USR2: SIGUSR2
 * @VIR_DOMAIN_PROCESS_SIGNAL_PIPE: SIGPIPE
 * @VIR_DOMAIN_PROCESS_SIGNAL_ALRM: SIGALRM
 * @VIR_DOMAIN_PROCESS_SIGNAL_TERM: SIGTERM
 * @VIR_DOMAIN_PROCESS_SIGNAL_STKFLT: SIGSTKFLT
 * @VIR_DOMAIN_PROCESS_SIGNAL_CHLD: SIGCHLD
 * @VIR_DOMAIN_PROCESS_SIGNAL_CONT: SIGCONT
 * @VIR_DOMAIN_PROCESS_SIGNAL_STOP: SIGSTOP
 * @VIR_DOMAIN_PROCESS_SIGNAL_TSTP: SIGTSTP
 * @VIR_DOMAIN_PROCESS_SIGNAL_TTIN: SIGTTIN
 * @VIR_DOMAIN_PROCESS_SIGNAL_TTOU: SIGTTOU
 * @VIR_DOMAIN_PROCESS_SIGNAL_URG: SIGURG
 * @VIR_DOMAIN_PROCESS_SIGNAL_XCPU: SIGXCPU
 * @VIR_DOMAIN_PROCESS_SIGNAL_XFSZ: SIGXFSZ
 * @VIR_DOMAIN_PROCESS_SIGNAL_VTALRM: SIGVTALRM
 * @VIR_DOMAIN_PROCESS_SIGNAL_PROF: SIGPROF
 * @VIR_DOMAIN_PROCESS_SIGNAL_WINCH: SIGWINCH
 * @VIR_DOMAIN_PROCESS_SIGNAL_POLL: SIGPOLL
 * @VIR_DOMAIN_PROCESS_SIGNAL_PWR: SIGPWR
 * @VIR_DOMAIN_PROCESS_SIGNAL_SYS: SIGSYS
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT0: real-time signal SIGRTMIN+0
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT1: real-time signal SIGRTMIN+1
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT2: real-time signal SIGRTMIN+2
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT3: real-time signal SIGRTMIN+3
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT4: real-time signal SIGRTMIN+4
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT5: real-time signal SIGRTMIN+5
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT6: real-time signal SIGRTMIN+6
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT7: real-time signal SIGRTMIN+7
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT8: real-time signal SIGRTMIN+8
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT9: real-time signal SIGRTMIN+9
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT10: real-time signal SIGRTMIN+10
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT11: real-time signal SIGRTMIN+11
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT12: real-time signal SIGRTMIN+12
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT13: real-time signal SIGRTMIN+13
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT14: real-time signal SIGRTMIN+14
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT15: real-time signal SIGRTMIN+15
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT16: real-time signal SIGRTMIN+16
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT17: real-time signal SIGRTMIN+17
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT18: real-time signal SIGRTMIN+18
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT19: real-time signal SIGRTMIN+19
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT20: real-time signal SIGRTMIN+20
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT21: real-time signal SIGRTMIN+21
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT22: real-time signal SIGRTMIN+22
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT23: real-time signal SIGRTMIN+23
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT24: real-time signal SIGRTMIN+24
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT25: real-time signal SIGRTMIN+25
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT26: real-time signal SIGRTMIN+26
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT27: real-time signal SIGRTMIN+27
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT28: real-time signal SIGRTMIN+28
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT29: real-time signal SIGRTMIN+29
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT30: real-time signal SIGRTMIN+30
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT31: real-time signal SIGRTMIN+31
 * @VIR_DOMAIN_PROCESS_SIGNAL_RT32: real-time signal SIGRTMIN+32
 * @VIR_DOMAIN_PROCESS_SIGNAL_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The signals virDomainSendProcessSignal() sends, numbered as on Linux x86.
 */
typedef enum {
    VIR_DOMAIN_PROCESS_SIGNAL_NOP = 0,
    VIR_DOMAIN_PROCESS_SIGNAL_HUP = 1,
    VIR_DOMAIN_PROCESS_SIGNAL_INT = 2,
    VIR_DOMAIN_PROCESS_SIGNAL_QUIT = 3,
    VIR_DOMAIN_PROCESS_SIGNAL_ILL = 4,
    VIR_DOMAIN_PROCESS_SIGNAL_TRAP = 5,
    VIR_DOMAIN_PROCESS_SIGNAL_ABRT = 6,
    VIR_DOMAIN_PROCESS_SIGNAL_BUS = 7,
    VIR_DOMAIN_PROCESS_SIGNAL_FPE = 8,
    VIR_DOMAIN_PROCESS_SIGNAL_KILL = 9,
    VIR_DOMAIN_PROCESS_SIGNAL_USR1 = 10,
    VIR_DOMAIN_PROCESS_SIGNAL_SEGV = 11,
    VIR_DOMAIN_PROCESS_SIGNAL_USR2 = 12,
    VIR_DOMAIN_PROCESS_SIGNAL_PIPE = 13,
    VIR_DOMAIN_PROCESS_SIGNAL_ALRM = 14,
    VIR_DOMAIN_PROCESS_SIGNAL_TERM = 15,
    VIR_DOMAIN_PROCESS_SIGNAL_STKFLT = 16,
    VIR_DOMAIN_PROCESS_SIGNAL_CHLD = 17,
    VIR_DOMAIN_PROCESS_SIGNAL_CONT = 18,
    VIR_DOMAIN_PROCESS_SIGNAL_STOP = 19,
    VIR_DOMAIN_PROCESS_SIGNAL_TSTP = 20,
    VIR_DOMAIN_PROCESS_SIGNAL_TTIN = 21,
    VIR_DOMAIN_PROCESS_SIGNAL_TTOU = 22,
    VIR_DOMAIN_PROCESS_SIGNAL_URG = 23,
    VIR_DOMAIN_PROCESS_SIGNAL_XCPU = 24,
    VIR_DOMAIN_PROCESS_SIGNAL_XFSZ = 25,
    VIR_DOMAIN_PROCESS_SIGNAL_VTALRM = 26,
    VIR_DOMAIN_PROCESS_SIGNAL_PROF = 27,
    VIR_DOMAIN_PROCESS_SIGNAL_WINCH = 28,
    VIR_DOMAIN_PROCESS_SIGNAL_POLL = 29,
    VIR_DOMAIN_PROCESS_SIGNAL_PWR = 30,
    VIR_DOMAIN_PROCESS_SIGNAL_SYS = 31,
    VIR_DOMAIN_PROCESS_SIGNAL_RT0 = 32,
    VIR_DOMAIN_PROCESS_SIGNAL_RT1 = 33,
    VIR_DOMAIN_PROCESS_SIGNAL_RT2 = 34,
    VIR_DOMAIN_PROCESS_SIGNAL_RT3 = 35,
    VIR_DOMAIN_PROCESS_SIGNAL_RT4 = 36,
    VIR_DOMAIN_PROCESS_SIGNAL_RT5 = 37,
    VIR_DOMAIN_PROCESS_SIGNAL_RT6 = 38,
    VIR_DOMAIN_PROCESS_SIGNAL_RT7 = 39,
    VIR_DOMAIN_PROCESS_SIGNAL_RT8 = 40,
    VIR_DOMAIN_PROCESS_SIGNAL_RT9 = 41,
    VIR_DOMAIN_PROCESS_SIGNAL_RT10 = 42,
    VIR_DOMAIN_PROCESS_SIGNAL_RT11 = 43,
    VIR_DOMAIN_PROCESS_SIGNAL_RT12 = 44,
    VIR_DOMAIN_PROCESS_SIGNAL_RT13 = 45,
    VIR_DOMAIN_PROCESS_SIGNAL_RT14 = 46,
    VIR_DOMAIN_PROCESS_SIGNAL_RT15 = 47,
    VIR_DOMAIN_PROCESS_SIGNAL_RT16 = 48,
    VIR_DOMAIN_PROCESS_SIGNAL_RT17 = 49,
    VIR_DOMAIN_PROCESS_SIGNAL_RT18 = 50,
    VIR_DOMAIN_PROCESS_SIGNAL_RT19 = 51,
    VIR_DOMAIN_PROCESS_SIGNAL_RT20 = 52,
    VIR_DOMAIN_PROCESS_SIGNAL_RT21 = 53,
    VIR_DOMAIN_PROCESS_SIGNAL_RT22 = 54,
    VIR_DOMAIN_PROCESS_SIGNAL_RT23 = 55,
    VIR_DOMAIN_PROCESS_SIGNAL_RT24 = 56,
    VIR_DOMAIN_PROCESS_SIGNAL_RT25 = 57,
    VIR_DOMAIN_PROCESS_SIGNAL_RT26 = 58,
    VIR_DOMAIN_PROCESS_SIGNAL_RT27 = 59,
    VIR_DOMAIN_PROCESS_SIGNAL_RT28 = 60,
    VIR_DOMAIN_PROCESS_SIGNAL_RT29 = 61,
    VIR_DOMAIN_PROCESS_SIGNAL_RT30 = 62,
    VIR_DOMAIN_PROCESS_SIGNAL_RT31 = 63,
    VIR_DOMAIN_PROCESS_SIGNAL_RT32 = 64,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PROCESS_SIGNAL_LAST
# endif
} virDomainProcessSignal;

int virDomainSendProcessSignal(virDomainPtr domain, long long int pid_value,
                               unsigned int signum, unsigned int flags);
virDomainPtr virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                                  unsigned int flags);

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
 * virDomainMemoryFailureRecipientType:
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_HYPERVISOR: the failure hit the
 *     hypervisor
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST: the failure hit the guest
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_LAST: the number of values;
 *     defined only with VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Who a memory failure hit.
 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_HYPERVISOR = 0,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_LAST
# endif
} virDomainMemoryFailureRecipientType;

/**
 * virDomainMemoryFailureActionType:
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_IGNORE: ignored
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT: passed on to the guest
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_FATAL: fatal to the emulator
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_RESET: the guest was reset
 * @VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_LAST: the number of values; defined
 *     only with VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What was done about a memory failure.
 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_IGNORE = 0,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT = 1,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_FATAL = 2,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_RESET = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_LAST
# endif
} virDomainMemoryFailureActionType;

/**
 * virDomainMemoryFailureFlags:
 * @VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED: the failure needs handling now
 * @VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE: a failure while handling another
 *
 * Details of a memory failure.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED = (1 << 0),
    VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE = (1 << 1),
} virDomainMemoryFailureFlags;

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
                                             virDomainPtr dom, int event,
                                             int detail, void *opaque);

int virConnectDomainEventRegister(virConnectPtr conn,
                                  virConnectDomainEventCallback cb,
                                  void *opaque, virFreeCallback freecb);
int virConnectDomainEventDeregister(virConnectPtr conn,
                                    virConnectDomainEventCallback cb);
int virDomainIsActive(virDomainPtr dom);
int virDomainIsPersistent(virDomainPtr dom);
int virDomainIsUpdated(virDomainPtr dom);

/**
 * virDomainJobType:
 * @VIR_DOMAIN_JOB_NONE: no job
 * @VIR_DOMAIN_JOB_BOUNDED: a job whose end can be predicted
 * @VIR_DOMAIN_JOB_UNBOUNDED: a job without a predictable end
 * @VIR_DOMAIN_JOB_COMPLETED: the job has finished
 * @VIR_DOMAIN_JOB_FAILED: the job failed
 * @VIR_DOMAIN_JOB_CANCELLED: the job was cancelled
 * @VIR_DOMAIN_JOB_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of job virDomainGetJobInfo() reports.
 */
typedef enum {
    VIR_DOMAIN_JOB_NONE = 0,
    VIR_DOMAIN_JOB_BOUNDED = 1,
    VIR_DOMAIN_JOB_UNBOUNDED = 2,
    VIR_DOMAIN_JOB_COMPLETED = 3,
    VIR_DOMAIN_JOB_FAILED = 4,
    VIR_DOMAIN_JOB_CANCELLED = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_JOB_LAST
# endif
} virDomainJobType;

/**
 * virDomainJobInfo:
 * @type: a virDomainJobType
 *
 * The progress of a domain's job, as virDomainGetJobInfo() reports it. Members:
 * timeElapsed, time since the job started, in milliseconds; timeRemaining,
 * estimated time left, in milliseconds; dataTotal, data to process, in bytes;
 * dataProcessed, data processed, in bytes; dataRemaining, data left, in bytes;
 * memTotal, memory to process, in bytes; memProcessed, memory processed, in
 * bytes; memRemaining, memory left, in bytes; fileTotal, file data to process,
 * in bytes; fileProcessed, file data processed, in bytes; fileRemaining, file
 * data left, in bytes.
 */
typedef struct _virDomainJobInfo virDomainJobInfo;

/**
 * virDomainJobInfoPtr:
 *
 * A pointer to a virDomainJobInfo.
 */
typedef virDomainJobInfo *virDomainJobInfoPtr;

struct _virDomainJobInfo {
    int type;
    unsigned long long timeElapsed;
    unsigned long long timeRemaining;
    unsigned long long dataTotal;
    unsigned long long dataProcessed;
    unsigned long long dataRemaining;
    unsigned long long memTotal;
    unsigned long long memProcessed;
    unsigned long long memRemaining;
    unsigned long long fileTotal;
    unsigned long long fileProcessed;
    unsigned long long fileRemaining;
};

/**
 * virDomainGetJobStatsFlags:
 * @VIR_DOMAIN_JOB_STATS_COMPLETED: the last completed job rather than the
 *     current one
 * @VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED: keep the completed job's figures after
 *     reading them
 *
 * Flags for virDomainGetJobStats().
 */
typedef enum {
    VIR_DOMAIN_JOB_STATS_COMPLETED = 1 << 0,
    VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED = 1 << 1,
} virDomainGetJobStatsFlags;

int virDomainGetJobInfo(virDomainPtr dom, virDomainJobInfoPtr info);
int virDomainGetJobStats(virDomainPtr domain, int *type,
                         virTypedParameterPtr *params, int *nparams,
                         unsigned int flags);
int virDomainAbortJob(virDomainPtr dom);

/**
 * virDomainAbortJobFlagsValues:
 * @VIR_DOMAIN_ABORT_JOB_POSTCOPY: abort a post-copy migration
 *
 * Flags for virDomainAbortJobFlags().
 */
typedef enum {
    VIR_DOMAIN_ABORT_JOB_POSTCOPY = 1 << 0,
} virDomainAbortJobFlagsValues;

int virDomainAbortJobFlags(virDomainPtr dom, unsigned int flags);

/**
 * virDomainJobOperation:
 * @VIR_DOMAIN_JOB_OPERATION_UNKNOWN: not known
 * @VIR_DOMAIN_JOB_OPERATION_START: starting the domain
 * @VIR_DOMAIN_JOB_OPERATION_SAVE: saving it
 * @VIR_DOMAIN_JOB_OPERATION_RESTORE: restoring it
 * @VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN: an incoming migration
 * @VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT: an outgoing migration
 * @VIR_DOMAIN_JOB_OPERATION_SNAPSHOT: taking a snapshot
 * @VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT: reverting to a snapshot
 * @VIR_DOMAIN_JOB_OPERATION_DUMP: dumping its memory
 * @VIR_DOMAIN_JOB_OPERATION_BACKUP: a backup
 * @VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE: deleting a snapshot
 * @VIR_DOMAIN_JOB_OPERATION_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What a job does.
 */
typedef enum {
    VIR_DOMAIN_JOB_OPERATION_UNKNOWN = 0,
    VIR_DOMAIN_JOB_OPERATION_START = 1,
    VIR_DOMAIN_JOB_OPERATION_SAVE = 2,
    VIR_DOMAIN_JOB_OPERATION_RESTORE = 3,
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN = 4,
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT = 5,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT = 6,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT = 7,
    VIR_DOMAIN_JOB_OPERATION_DUMP = 8,
    VIR_DOMAIN_JOB_OPERATION_BACKUP = 9,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE = 10,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_JOB_OPERATION_LAST
# endif
} virDomainJobOperation;

/**
 * VIR_DOMAIN_JOB_OPERATION:
 *
 * The "operation" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_OPERATION "operation"

/**
 * VIR_DOMAIN_JOB_TIME_ELAPSED:
 *
 * The "time_elapsed" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_TIME_ELAPSED "time_elapsed"

/**
 * VIR_DOMAIN_JOB_TIME_ELAPSED_NET:
 *
 * The "time_elapsed_net" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_TIME_ELAPSED_NET "time_elapsed_net"

/**
 * VIR_DOMAIN_JOB_TIME_REMAINING:
 *
 * The "time_remaining" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_TIME_REMAINING "time_remaining"

/**
 * VIR_DOMAIN_JOB_DOWNTIME:
 *
 * The "downtime" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DOWNTIME "downtime"

/**
 * VIR_DOMAIN_JOB_DOWNTIME_NET:
 *
 * The "downtime_net" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DOWNTIME_NET "downtime_net"

/**
 * VIR_DOMAIN_JOB_SETUP_TIME:
 *
 * The "setup_time" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_SETUP_TIME "setup_time"

/**
 * VIR_DOMAIN_JOB_DATA_TOTAL:
 *
 * The "data_total" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DATA_TOTAL "data_total"

/**
 * VIR_DOMAIN_JOB_DATA_PROCESSED:
 *
 * The "data_processed" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DATA_PROCESSED "data_processed"

/**
 * VIR_DOMAIN_JOB_DATA_REMAINING:
 *
 * The "data_remaining" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DATA_REMAINING "data_remaining"

/**
 * VIR_DOMAIN_JOB_MEMORY_TOTAL:
 *
 * The "memory_total" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_TOTAL "memory_total"

/**
 * VIR_DOMAIN_JOB_MEMORY_PROCESSED:
 *
 * The "memory_processed" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_PROCESSED "memory_processed"

/**
 * VIR_DOMAIN_JOB_MEMORY_REMAINING:
 *
 * The "memory_remaining" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_REMAINING "memory_remaining"

/**
 * VIR_DOMAIN_JOB_MEMORY_CONSTANT:
 *
 * The "memory_constant" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_CONSTANT "memory_constant"

/**
 * VIR_DOMAIN_JOB_MEMORY_NORMAL:
 *
 * The "memory_normal" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_NORMAL "memory_normal"

/**
 * VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES:
 *
 * The "memory_normal_bytes" field of a job's statistics
 * (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES "memory_normal_bytes"

/**
 * VIR_DOMAIN_JOB_MEMORY_BPS:
 *
 * The "memory_bps" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_BPS "memory_bps"

/**
 * VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE:
 *
 * The "memory_dirty_rate" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE "memory_dirty_rate"

/**
 * VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE:
 *
 * The "memory_page_size" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE "memory_page_size"

/**
 * VIR_DOMAIN_JOB_MEMORY_ITERATION:
 *
 * The "memory_iteration" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_ITERATION "memory_iteration"

/**
 * VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS:
 *
 * The "memory_postcopy_requests" field of a job's statistics
 * (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS "memory_postcopy_requests"

/**
 * VIR_DOMAIN_JOB_DISK_TOTAL:
 *
 * The "disk_total" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DISK_TOTAL "disk_total"

/**
 * VIR_DOMAIN_JOB_DISK_PROCESSED:
 *
 * The "disk_processed" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DISK_PROCESSED "disk_processed"

/**
 * VIR_DOMAIN_JOB_DISK_REMAINING:
 *
 * The "disk_remaining" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DISK_REMAINING "disk_remaining"

/**
 * VIR_DOMAIN_JOB_DISK_BPS:
 *
 * The "disk_bps" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DISK_BPS "disk_bps"

/**
 * VIR_DOMAIN_JOB_COMPRESSION_CACHE:
 *
 * The "compression_cache" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_COMPRESSION_CACHE "compression_cache"

/**
 * VIR_DOMAIN_JOB_COMPRESSION_BYTES:
 *
 * The "compression_bytes" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_COMPRESSION_BYTES "compression_bytes"

/**
 * VIR_DOMAIN_JOB_COMPRESSION_PAGES:
 *
 * The "compression_pages" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_COMPRESSION_PAGES "compression_pages"

/**
 * VIR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES:
 *
 * The "compression_cache_misses" field of a job's statistics
 * (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES "compression_cache_misses"

/**
 * VIR_DOMAIN_JOB_COMPRESSION_OVERFLOW:
 *
 * The "compression_overflow" field of a job's statistics
 * (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_COMPRESSION_OVERFLOW "compression_overflow"

/**
 * VIR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE:
 *
 * The "auto_converge_throttle" field of a job's statistics
 * (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE "auto_converge_throttle"

/**
 * VIR_DOMAIN_JOB_SUCCESS:
 *
 * The "success" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_SUCCESS "success"

/**
 * VIR_DOMAIN_JOB_ERRMSG:
 *
 * The "errmsg" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_ERRMSG "errmsg"

/**
 * VIR_DOMAIN_JOB_DISK_TEMP_USED:
 *
 * The "disk_temp_used" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DISK_TEMP_USED "disk_temp_used"

/**
 * VIR_DOMAIN_JOB_DISK_TEMP_TOTAL:
 *
 * The "disk_temp_total" field of a job's statistics (virDomainGetJobStats()).
 */
# define VIR_DOMAIN_JOB_DISK_TEMP_TOTAL "disk_temp_total"

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
 * virConnectDomainEventRTCChangeCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @utcoffset: the new offset from UTC, in seconds
 * @opaque: the data given when the callback was registered
 *
 * Called when the guest changes its real time clock.
 */
typedef void (*virConnectDomainEventRTCChangeCallback)(virConnectPtr conn,
                                                       virDomainPtr dom,
                                                       long long int utcoffset,
                                                       void *opaque);

/**
 * virDomainEventWatchdogAction:
 * @VIR_DOMAIN_EVENT_WATCHDOG_NONE: nothing was done
 * @VIR_DOMAIN_EVENT_WATCHDOG_PAUSE: the guest was paused
 * @VIR_DOMAIN_EVENT_WATCHDOG_RESET: the guest was reset
 * @VIR_DOMAIN_EVENT_WATCHDOG_POWEROFF: the guest was powered off
 * @VIR_DOMAIN_EVENT_WATCHDOG_SHUTDOWN: the guest was shut down
 * @VIR_DOMAIN_EVENT_WATCHDOG_DEBUG: a debug message was logged
 * @VIR_DOMAIN_EVENT_WATCHDOG_INJECTNMI: an NMI was injected
 * @VIR_DOMAIN_EVENT_WATCHDOG_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What was done when the watchdog fired.
 */
typedef enum {
    VIR_DOMAIN_EVENT_WATCHDOG_NONE = 0,
    VIR_DOMAIN_EVENT_WATCHDOG_PAUSE,
    VIR_DOMAIN_EVENT_WATCHDOG_RESET,
    VIR_DOMAIN_EVENT_WATCHDOG_POWEROFF,
    VIR_DOMAIN_EVENT_WATCHDOG_SHUTDOWN,
    VIR_DOMAIN_EVENT_WATCHDOG_DEBUG,
    VIR_DOMAIN_EVENT_WATCHDOG_INJECTNMI,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_WATCHDOG_LAST
# endif
} virDomainEventWatchdogAction;

/**
 * virConnectDomainEventWatchdogCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @action: a virDomainEventWatchdogAction
 * @opaque: the data given when the callback was registered
 *
 * Called when the guest's watchdog fires.
 */
typedef void (*virConnectDomainEventWatchdogCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int action, void *opaque);

/**
 * virDomainEventIOErrorAction:
 * @VIR_DOMAIN_EVENT_IO_ERROR_NONE: nothing was done
 * @VIR_DOMAIN_EVENT_IO_ERROR_PAUSE: the guest was paused
 * @VIR_DOMAIN_EVENT_IO_ERROR_REPORT: the error was passed on to the guest
 * @VIR_DOMAIN_EVENT_IO_ERROR_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What was done on a disk I/O error.
 */
typedef enum {
    VIR_DOMAIN_EVENT_IO_ERROR_NONE = 0,
    VIR_DOMAIN_EVENT_IO_ERROR_PAUSE,
    VIR_DOMAIN_EVENT_IO_ERROR_REPORT,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_IO_ERROR_LAST
# endif
} virDomainEventIOErrorAction;

/**
 * virConnectDomainEventIOErrorCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @srcPath: the disk's source
 * @devAlias: the disk's device alias
 * @action: a virDomainEventIOErrorAction
 * @opaque: the data given when the callback was registered
 *
 * Called on a disk I/O error.
 */
typedef void (*virConnectDomainEventIOErrorCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     const char *srcPath,
                                                     const char *devAlias,
                                                     int action, void *opaque);

/**
 * virConnectDomainEventIOErrorReasonCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @srcPath: the disk's source
 * @devAlias: the disk's device alias
 * @action: a virDomainEventIOErrorAction
 * @reason: why, as the hypervisor says it
 * @opaque: the data given when the callback was registered
 *
 * Called on a disk I/O error, with its reason.
 */
typedef void (*virConnectDomainEventIOErrorReasonCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           const char *srcPath,
                                                           const char *devAlias,
                                                           int action,
                                                           const char *reason,
                                                           void *opaque);

/**
 * virDomainEventGraphicsPhase:
 * @VIR_DOMAIN_EVENT_GRAPHICS_CONNECT: a client connected
 * @VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE: a client was authenticated
 * @VIR_DOMAIN_EVENT_GRAPHICS_DISCONNECT: a client disconnected
 * @VIR_DOMAIN_EVENT_GRAPHICS_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The stages of a graphics client's connection.
 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_CONNECT = 0,
    VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE,
    VIR_DOMAIN_EVENT_GRAPHICS_DISCONNECT,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_LAST
# endif
} virDomainEventGraphicsPhase;

/**
 * virDomainEventGraphicsAddressType:
 * @VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4: an IPv4 address
 * @VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6: an IPv6 address
 * @VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX: a UNIX socket path
 * @VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_LAST: the number of values; defined only
 *     with VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of address of a graphics connection.
 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4,
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6,
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_LAST
# endif
} virDomainEventGraphicsAddressType;

/**
 * virDomainEventGraphicsAddress:
 * @family: a virDomainEventGraphicsAddressType
 * @node: the address
 * @service: the port
 *
 * One end of a graphics connection.
 */
struct _virDomainEventGraphicsAddress {
    int family;
    char *node;
    char *service;
};

typedef struct _virDomainEventGraphicsAddress virDomainEventGraphicsAddress;

/**
 * virDomainEventGraphicsAddressPtr:
 *
 * A pointer to a virDomainEventGraphicsAddress.
 */
typedef virDomainEventGraphicsAddress *virDomainEventGraphicsAddressPtr;

/**
 * virDomainEventGraphicsSubjectIdentity:
 * @type: the kind of identity (e.g. "x509dname")
 * @name: the identity
 *
 * One identity of a graphics client.
 */
struct _virDomainEventGraphicsSubjectIdentity {
    char *type;
    char *name;
};

typedef struct _virDomainEventGraphicsSubjectIdentity virDomainEventGraphicsSubjectIdentity;

/**
 * virDomainEventGraphicsSubjectIdentityPtr:
 *
 * A pointer to a virDomainEventGraphicsSubjectIdentity.
 */
typedef virDomainEventGraphicsSubjectIdentity *virDomainEventGraphicsSubjectIdentityPtr;

/**
 * virDomainEventGraphicsSubject:
 * @nidentity: the number of identities
 * @identities: the identities
 *
 * Who a graphics client is.
 */
struct _virDomainEventGraphicsSubject {
    int nidentity;
    virDomainEventGraphicsSubjectIdentityPtr identities;
};

typedef struct _virDomainEventGraphicsSubject virDomainEventGraphicsSubject;

/**
 * virDomainEventGraphicsSubjectPtr:
 *
 * A pointer to a virDomainEventGraphicsSubject.
 */
typedef virDomainEventGraphicsSubject *virDomainEventGraphicsSubjectPtr;

/**
 * virConnectDomainEventGraphicsCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @phase: a virDomainEventGraphicsPhase
 * @local: the server's end
 * @remote: the client's end
 * @authScheme: the authentication used
 * @subject: who the client is
 * @opaque: the data given when the callback was registered
 *
 * Called when a graphics client connects, authenticates or disconnects.
 */
typedef void (*virConnectDomainEventGraphicsCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int phase,
                                                      const virDomainEventGraphicsAddress *local,
                                                      const virDomainEventGraphicsAddress *remote,
                                                      const char *authScheme,
                                                      const virDomainEventGraphicsSubject *subject,
                                                      void *opaque);

/**
 * virConnectDomainEventBlockJobStatus:
 * @VIR_DOMAIN_BLOCK_JOB_COMPLETED: the job completed
 * @VIR_DOMAIN_BLOCK_JOB_FAILED: the job failed
 * @VIR_DOMAIN_BLOCK_JOB_CANCELED: the job was cancelled
 * @VIR_DOMAIN_BLOCK_JOB_READY: the job is ready to pivot
 * @VIR_DOMAIN_BLOCK_JOB_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * How a disk job ended.
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_COMPLETED = 0,
    VIR_DOMAIN_BLOCK_JOB_FAILED = 1,
    VIR_DOMAIN_BLOCK_JOB_CANCELED = 2,
    VIR_DOMAIN_BLOCK_JOB_READY = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_LAST
# endif
} virConnectDomainEventBlockJobStatus;

/**
 * virConnectDomainEventBlockJobCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @disk: the disk (its path or target)
 * @type: a virDomainBlockJobType
 * @status: a virConnectDomainEventBlockJobStatus
 * @opaque: the data given when the callback was registered
 *
 * Called when a disk job ends or becomes ready.
 */
typedef void (*virConnectDomainEventBlockJobCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      const char *disk,
                                                      int type, int status,
                                                      void *opaque);

/**
 * virConnectDomainEventDiskChangeReason:
 * @VIR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START: a missing optional medium was
 *     dropped at start
 * @VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START: a missing optional disk was
 *     dropped at start
 * @VIR_DOMAIN_EVENT_DISK_CHANGE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why a disk's medium changed.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START = 0,
    VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DISK_CHANGE_LAST
# endif
} virConnectDomainEventDiskChangeReason;

/**
 * virConnectDomainEventDiskChangeCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @oldSrcPath: the former source, or NULL
 * @newSrcPath: the new source, or NULL
 * @devAlias: the device alias
 * @reason: a virConnectDomainEventDiskChangeReason
 * @opaque: the data given when the callback was registered
 *
 * Called when a disk's medium changes.
 */
typedef void (*virConnectDomainEventDiskChangeCallback)(virConnectPtr conn,
                                                        virDomainPtr dom,
                                                        const char *oldSrcPath,
                                                        const char *newSrcPath,
                                                        const char *devAlias,
                                                        int reason,
                                                        void *opaque);

/**
 * virDomainEventTrayChangeReason:
 * @VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN: the tray opened
 * @VIR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE: the tray closed
 * @VIR_DOMAIN_EVENT_TRAY_CHANGE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What a removable medium's tray did.
 */
typedef enum {
    VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN = 0,
    VIR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_TRAY_CHANGE_LAST
# endif
} virDomainEventTrayChangeReason;

/**
 * virConnectDomainEventTrayChangeCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @devAlias: the device alias
 * @reason: a virDomainEventTrayChangeReason
 * @opaque: the data given when the callback was registered
 *
 * Called when a tray opens or closes.
 */
typedef void (*virConnectDomainEventTrayChangeCallback)(virConnectPtr conn,
                                                        virDomainPtr dom,
                                                        const char *devAlias,
                                                        int reason,
                                                        void *opaque);

/**
 * virConnectDomainEventPMWakeupCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @reason: always 0 for now
 * @opaque: the data given when the callback was registered
 *
 * Called when the guest wakes up from suspend.
 */
typedef void (*virConnectDomainEventPMWakeupCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int reason, void *opaque);

/**
 * virConnectDomainEventPMSuspendCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @reason: always 0 for now
 * @opaque: the data given when the callback was registered
 *
 * Called when the guest suspends to memory.
 */
typedef void (*virConnectDomainEventPMSuspendCallback)(virConnectPtr conn,
                                                       virDomainPtr dom,
                                                       int reason,
                                                       void *opaque);

/**
 * virConnectDomainEventBalloonChangeCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @actual: the balloon's new size, in KiB
 * @opaque: the data given when the callback was registered
 *
 * Called when the balloon changes size.
 */
typedef void (*virConnectDomainEventBalloonChangeCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           unsigned long long actual,
                                                           void *opaque);

/**
 * virConnectDomainEventPMSuspendDiskCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @reason: always 0 for now
 * @opaque: the data given when the callback was registered
 *
 * Called when the guest suspends to disk.
 */
typedef void (*virConnectDomainEventPMSuspendDiskCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           int reason,
                                                           void *opaque);

/**
 * virConnectDomainEventDeviceRemovedCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @devAlias: the device alias
 * @opaque: the data given when the callback was registered
 *
 * Called when a device has been removed.
 */
typedef void (*virConnectDomainEventDeviceRemovedCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           const char *devAlias,
                                                           void *opaque);

/**
 * virConnectDomainEventDeviceAddedCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @devAlias: the device alias
 * @opaque: the data given when the callback was registered
 *
 * Called when a device has been added.
 */
typedef void (*virConnectDomainEventDeviceAddedCallback)(virConnectPtr conn,
                                                         virDomainPtr dom,
                                                         const char *devAlias,
                                                         void *opaque);

/**
 * virConnectDomainEventDeviceRemovalFailedCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @devAlias: the device alias
 * @opaque: the data given when the callback was registered
 *
 * Called when the guest refused to release a device.
 */
typedef void (*virConnectDomainEventDeviceRemovalFailedCallback)(virConnectPtr conn,
                                                                 virDomainPtr dom,
                                                                 const char *devAlias,
                                                                 void *opaque);

/**
 * virConnectDomainEventMetadataChangeCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @type: a virDomainMetadataType
 * @nsuri: the namespace of an element, or NULL
 * @opaque: the data given when the callback was registered
 *
 * Called when a domain's metadata changes.
 */
typedef void (*virConnectDomainEventMetadataChangeCallback)(virConnectPtr conn,
                                                            virDomainPtr dom,
                                                            int type,
                                                            const char *nsuri,
                                                            void *opaque);

/**
 * virConnectDomainEventMigrationIterationCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @iteration: the pass number
 * @opaque: the data given when the callback was registered
 *
 * Called at each pass over memory of a migration.
 */
typedef void (*virConnectDomainEventMigrationIterationCallback)(virConnectPtr conn,
                                                                virDomainPtr dom,
                                                                int iteration,
                                                                void *opaque);

/**
 * virConnectDomainEventJobCompletedCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @params: the job's statistics
 * @nparams: the number of entries in @params
 * @opaque: the data given when the callback was registered
 *
 * Called when a job completes.
 */
typedef void (*virConnectDomainEventJobCompletedCallback)(virConnectPtr conn,
                                                          virDomainPtr dom,
                                                          virTypedParameterPtr params,
                                                          int nparams,
                                                          void *opaque);

/**
 * VIR_DOMAIN_TUNABLE_CPU_VCPUPIN:
 *
 * The field "cputune.vcpupinN" of the tunable event, N being a vCPU number: the
 * host CPUs the vCPU may run on.
 */
# define VIR_DOMAIN_TUNABLE_CPU_VCPUPIN "cputune.vcpupin%u"

/**
 * VIR_DOMAIN_TUNABLE_CPU_EMULATORPIN:
 *
 * The "cputune.emulatorpin" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_EMULATORPIN "cputune.emulatorpin"

/**
 * VIR_DOMAIN_TUNABLE_CPU_IOTHREADSPIN:
 *
 * The field "cputune.iothreadpinN" of the tunable event, N being an I/O thread
 * ID: the host CPUs the thread may run on.
 */
# define VIR_DOMAIN_TUNABLE_CPU_IOTHREADSPIN "cputune.iothreadpin%u"

/**
 * VIR_DOMAIN_TUNABLE_CPU_CPU_SHARES:
 *
 * The "cputune.cpu_shares" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_CPU_SHARES "cputune.cpu_shares"

/**
 * VIR_DOMAIN_TUNABLE_CPU_GLOBAL_PERIOD:
 *
 * The "cputune.global_period" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_GLOBAL_PERIOD "cputune.global_period"

/**
 * VIR_DOMAIN_TUNABLE_CPU_GLOBAL_QUOTA:
 *
 * The "cputune.global_quota" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_GLOBAL_QUOTA "cputune.global_quota"

/**
 * VIR_DOMAIN_TUNABLE_CPU_VCPU_PERIOD:
 *
 * The "cputune.vcpu_period" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_VCPU_PERIOD "cputune.vcpu_period"

/**
 * VIR_DOMAIN_TUNABLE_CPU_VCPU_QUOTA:
 *
 * The "cputune.vcpu_quota" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_VCPU_QUOTA "cputune.vcpu_quota"

/**
 * VIR_DOMAIN_TUNABLE_CPU_EMULATOR_PERIOD:
 *
 * The "cputune.emulator_period" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_EMULATOR_PERIOD "cputune.emulator_period"

/**
 * VIR_DOMAIN_TUNABLE_CPU_EMULATOR_QUOTA:
 *
 * The "cputune.emulator_quota" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_EMULATOR_QUOTA "cputune.emulator_quota"

/**
 * VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_PERIOD:
 *
 * The "cputune.iothread_period" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_PERIOD "cputune.iothread_period"

/**
 * VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_QUOTA:
 *
 * The "cputune.iothread_quota" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_QUOTA "cputune.iothread_quota"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_DISK:
 *
 * The "blkdeviotune.disk" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_DISK "blkdeviotune.disk"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC:
 *
 * The "blkdeviotune.total_bytes_sec" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC "blkdeviotune.total_bytes_sec"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC:
 *
 * The "blkdeviotune.read_bytes_sec" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC "blkdeviotune.read_bytes_sec"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC:
 *
 * The "blkdeviotune.write_bytes_sec" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC "blkdeviotune.write_bytes_sec"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC:
 *
 * The "blkdeviotune.total_iops_sec" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC "blkdeviotune.total_iops_sec"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC:
 *
 * The "blkdeviotune.read_iops_sec" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC "blkdeviotune.read_iops_sec"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC:
 *
 * The "blkdeviotune.write_iops_sec" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC "blkdeviotune.write_iops_sec"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX:
 *
 * The "blkdeviotune.total_bytes_sec_max" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX "blkdeviotune.total_bytes_sec_max"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX:
 *
 * The "blkdeviotune.read_bytes_sec_max" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX "blkdeviotune.read_bytes_sec_max"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX:
 *
 * The "blkdeviotune.write_bytes_sec_max" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX "blkdeviotune.write_bytes_sec_max"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX:
 *
 * The "blkdeviotune.total_iops_sec_max" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX "blkdeviotune.total_iops_sec_max"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX:
 *
 * The "blkdeviotune.read_iops_sec_max" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX "blkdeviotune.read_iops_sec_max"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX:
 *
 * The "blkdeviotune.write_iops_sec_max" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX "blkdeviotune.write_iops_sec_max"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_SIZE_IOPS_SEC:
 *
 * The "blkdeviotune.size_iops_sec" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_SIZE_IOPS_SEC "blkdeviotune.size_iops_sec"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_GROUP_NAME:
 *
 * The "blkdeviotune.group_name" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_GROUP_NAME "blkdeviotune.group_name"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX_LENGTH:
 *
 * The "blkdeviotune.total_bytes_sec_max_length" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX_LENGTH "blkdeviotune.total_bytes_sec_max_length"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX_LENGTH:
 *
 * The "blkdeviotune.read_bytes_sec_max_length" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX_LENGTH "blkdeviotune.read_bytes_sec_max_length"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX_LENGTH:
 *
 * The "blkdeviotune.write_bytes_sec_max_length" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX_LENGTH "blkdeviotune.write_bytes_sec_max_length"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX_LENGTH:
 *
 * The "blkdeviotune.total_iops_sec_max_length" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX_LENGTH "blkdeviotune.total_iops_sec_max_length"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX_LENGTH:
 *
 * The "blkdeviotune.read_iops_sec_max_length" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX_LENGTH "blkdeviotune.read_iops_sec_max_length"

/**
 * VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX_LENGTH:
 *
 * The "blkdeviotune.write_iops_sec_max_length" field of the tunable event.
 */
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX_LENGTH "blkdeviotune.write_iops_sec_max_length"

/**
 * virConnectDomainEventTunableCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @params: the changed tunables
 * @nparams: the number of entries in @params
 * @opaque: the data given when the callback was registered
 *
 * Called when a tunable changes.
 */
typedef void (*virConnectDomainEventTunableCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     virTypedParameterPtr params,
                                                     int nparams, void *opaque);

/**
 * virConnectDomainEventAgentLifecycleState:
 * @VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED: the guest agent
 *     connected
 * @VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED: the guest agent
 *     disconnected
 * @VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_LAST: the number of values;
 *     defined only with VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Whether the guest agent is connected.
 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED = 1,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_LAST
# endif
} virConnectDomainEventAgentLifecycleState;

/**
 * virConnectDomainEventAgentLifecycleReason:
 * @VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN: not known
 * @VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED: the domain
 *     started
 * @VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL: the agent's channel
 *     changed state
 * @VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_LAST: the number of values;
 *     defined only with VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Why the guest agent's state changed.
 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN = 0,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED = 1,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_LAST
# endif
} virConnectDomainEventAgentLifecycleReason;

/**
 * virConnectDomainEventAgentLifecycleCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @state: a virConnectDomainEventAgentLifecycleState
 * @reason: a virConnectDomainEventAgentLifecycleReason
 * @opaque: the data given when the callback was registered
 *
 * Called when the guest agent connects or disconnects.
 */
typedef void (*virConnectDomainEventAgentLifecycleCallback)(virConnectPtr conn,
                                                            virDomainPtr dom,
                                                            int state,
                                                            int reason,
                                                            void *opaque);

/**
 * virConnectDomainEventBlockThresholdCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @dev: the disk's target
 * @path: the image's path, or NULL
 * @threshold: the threshold that was set
 * @excess: by how much it was passed
 * @opaque: the data given when the callback was registered
 *
 * Called when a disk's writes pass a threshold.
 */
typedef void (*virConnectDomainEventBlockThresholdCallback)(virConnectPtr conn,
                                                            virDomainPtr dom,
                                                            const char *dev,
                                                            const char *path,
                                                            unsigned long long threshold,
                                                            unsigned long long excess,
                                                            void *opaque);

/**
 * virConnectDomainEventMemoryFailureCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @recipient: a virDomainMemoryFailureRecipientType
 * @action: a virDomainMemoryFailureActionType
 * @flags: virDomainMemoryFailureFlags
 * @opaque: the data given when the callback was registered
 *
 * Called on a hardware memory failure.
 */
typedef void (*virConnectDomainEventMemoryFailureCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           int recipient,
                                                           int action,
                                                           unsigned int flags,
                                                           void *opaque);

/**
 * virConnectDomainEventMemoryDeviceSizeChangeCallback:
 * @conn: the connection the event was raised on
 * @dom: the domain it concerns
 * @alias: the memory device's alias
 * @size: its new size, in KiB
 * @opaque: the data given when the callback was registered
 *
 * Called when a memory device changes size.
 */
typedef void (*virConnectDomainEventMemoryDeviceSizeChangeCallback)(virConnectPtr conn,
                                                                    virDomainPtr dom,
                                                                    const char *alias,
                                                                    unsigned long long size,
                                                                    void *opaque);

/**
 * VIR_DOMAIN_EVENT_CALLBACK:
 * @cb: a callback with the signature of its event ID
 *
 * Casts @cb for virConnectDomainEventRegisterAny().
 */
# define VIR_DOMAIN_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(cb))

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

int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                     int eventID,
                                     virConnectDomainEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb);
int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

/**
 * virDomainConsoleFlags:
 * @VIR_DOMAIN_CONSOLE_FORCE: take over a console another client holds
 * @VIR_DOMAIN_CONSOLE_SAFE: fail unless the console can be used safely
 *
 * Flags for virDomainOpenConsole().
 */
typedef enum {
    VIR_DOMAIN_CONSOLE_FORCE = (1 << 0),
    VIR_DOMAIN_CONSOLE_SAFE = (1 << 1),
} virDomainConsoleFlags;

int virDomainOpenConsole(virDomainPtr dom, const char *dev_name,
                         virStreamPtr st, unsigned int flags);

/**
 * virDomainChannelFlags:
 * @VIR_DOMAIN_CHANNEL_FORCE: take over a channel another client holds
 *
 * Flags for virDomainOpenChannel().
 */
typedef enum {
    VIR_DOMAIN_CHANNEL_FORCE = (1 << 0),
} virDomainChannelFlags;

int virDomainOpenChannel(virDomainPtr dom, const char *name, virStreamPtr st,
                         unsigned int flags);

/**
 * virDomainOpenGraphicsFlags:
 * @VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH: skip the graphics server's authentication
 *
 * Flags for virDomainOpenGraphics().
 */
typedef enum {
    VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH = (1 << 0),
} virDomainOpenGraphicsFlags;

int virDomainOpenGraphics(virDomainPtr dom, unsigned int idx, int fd,
                          unsigned int flags);
int virDomainOpenGraphicsFD(virDomainPtr dom, unsigned int idx,
                            unsigned int flags);
int virDomainInjectNMI(virDomainPtr domain, unsigned int flags);
int virDomainFSTrim(virDomainPtr dom, const char *mountPoint,
                    unsigned long long minimum, unsigned int flags);
int virDomainFSFreeze(virDomainPtr dom, const char **mountpoints,
                      unsigned int nmountpoints, unsigned int flags);
int virDomainFSThaw(virDomainPtr dom, const char **mountpoints,
                    unsigned int nmountpoints, unsigned int flags);

/**
 * virDomainFSInfo:
 * @mountpoint: where it is mounted in the guest
 * @name: the device's name in the guest
 * @fstype: the file system type
 * @ndevAlias: the number of entries in @devAlias
 * @devAlias: the aliases of the disks it is on
 *
 * A file system of the guest, as virDomainGetFSInfo() reports it.
 */
typedef struct _virDomainFSInfo virDomainFSInfo;

/**
 * virDomainFSInfoPtr:
 *
 * A pointer to a virDomainFSInfo.
 */
typedef virDomainFSInfo *virDomainFSInfoPtr;

struct _virDomainFSInfo {
    char *mountpoint;
    char *name;
    char *fstype;
    size_t ndevAlias;
    char **devAlias;
};

void virDomainFSInfoFree(virDomainFSInfoPtr info);
int virDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info,
                       unsigned int flags);
int virDomainGetTime(virDomainPtr dom, long long int *seconds,
                     unsigned int *nseconds, unsigned int flags);

/**
 * virDomainSetTimeFlags:
 * @VIR_DOMAIN_TIME_SYNC: re-read the time from the guest's RTC
 *
 * Flags for virDomainSetTime().
 */
typedef enum {
    VIR_DOMAIN_TIME_SYNC = (1 << 0),
} virDomainSetTimeFlags;

int virDomainSetTime(virDomainPtr dom, long long int seconds,
                     unsigned int nseconds, unsigned int flags);

/**
 * virSchedParameterType:
 * @VIR_DOMAIN_SCHED_FIELD_INT: an old name of VIR_TYPED_PARAM_INT
 * @VIR_DOMAIN_SCHED_FIELD_UINT: an old name of VIR_TYPED_PARAM_UINT
 * @VIR_DOMAIN_SCHED_FIELD_LLONG: an old name of VIR_TYPED_PARAM_LLONG
 * @VIR_DOMAIN_SCHED_FIELD_ULLONG: an old name of VIR_TYPED_PARAM_ULLONG
 * @VIR_DOMAIN_SCHED_FIELD_DOUBLE: an old name of VIR_TYPED_PARAM_DOUBLE
 * @VIR_DOMAIN_SCHED_FIELD_BOOLEAN: an old name of VIR_TYPED_PARAM_BOOLEAN
 *
 * Old names of virTypedParameterType for the scheduler calls.
 */
typedef enum {
    VIR_DOMAIN_SCHED_FIELD_INT = VIR_TYPED_PARAM_INT,
    VIR_DOMAIN_SCHED_FIELD_UINT = VIR_TYPED_PARAM_UINT,
    VIR_DOMAIN_SCHED_FIELD_LLONG = VIR_TYPED_PARAM_LLONG,
    VIR_DOMAIN_SCHED_FIELD_ULLONG = VIR_TYPED_PARAM_ULLONG,
    VIR_DOMAIN_SCHED_FIELD_DOUBLE = VIR_TYPED_PARAM_DOUBLE,
    VIR_DOMAIN_SCHED_FIELD_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN,
} virSchedParameterType;

/**
 * VIR_DOMAIN_SCHED_FIELD_LENGTH:
 *
 * An old name of VIR_TYPED_PARAM_FIELD_LENGTH.
 */
# define VIR_DOMAIN_SCHED_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * _virSchedParameter:
 *
 * An old name of _virTypedParameter.
 */
# define _virSchedParameter _virTypedParameter

/**
 * virSchedParameter:
 *
 * An old name of virTypedParameter.
 */
typedef struct _virTypedParameter virSchedParameter;

/**
 * virSchedParameterPtr:
 *
 * A pointer to a virSchedParameter.
 */
typedef virSchedParameter *virSchedParameterPtr;

/**
 * virBlkioParameterType:
 * @VIR_DOMAIN_BLKIO_PARAM_INT: an old name of VIR_TYPED_PARAM_INT
 * @VIR_DOMAIN_BLKIO_PARAM_UINT: an old name of VIR_TYPED_PARAM_UINT
 * @VIR_DOMAIN_BLKIO_PARAM_LLONG: an old name of VIR_TYPED_PARAM_LLONG
 * @VIR_DOMAIN_BLKIO_PARAM_ULLONG: an old name of VIR_TYPED_PARAM_ULLONG
 * @VIR_DOMAIN_BLKIO_PARAM_DOUBLE: an old name of VIR_TYPED_PARAM_DOUBLE
 * @VIR_DOMAIN_BLKIO_PARAM_BOOLEAN: an old name of VIR_TYPED_PARAM_BOOLEAN
 *
 * Old names of virTypedParameterType for the block I/O calls.
 */
typedef enum {
    VIR_DOMAIN_BLKIO_PARAM_INT = VIR_TYPED_PARAM_INT,
    VIR_DOMAIN_BLKIO_PARAM_UINT = VIR_TYPED_PARAM_UINT,
    VIR_DOMAIN_BLKIO_PARAM_LLONG = VIR_TYPED_PARAM_LLONG,
    VIR_DOMAIN_BLKIO_PARAM_ULLONG = VIR_TYPED_PARAM_ULLONG,
    VIR_DOMAIN_BLKIO_PARAM_DOUBLE = VIR_TYPED_PARAM_DOUBLE,
    VIR_DOMAIN_BLKIO_PARAM_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN,
} virBlkioParameterType;

/**
 * VIR_DOMAIN_BLKIO_FIELD_LENGTH:
 *
 * An old name of VIR_TYPED_PARAM_FIELD_LENGTH.
 */
# define VIR_DOMAIN_BLKIO_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * _virBlkioParameter:
 *
 * An old name of _virTypedParameter.
 */
# define _virBlkioParameter _virTypedParameter

/**
 * virBlkioParameter:
 *
 * An old name of virTypedParameter.
 */
typedef struct _virTypedParameter virBlkioParameter;

/**
 * virBlkioParameterPtr:
 *
 * A pointer to a virBlkioParameter.
 */
typedef virBlkioParameter *virBlkioParameterPtr;

/**
 * virMemoryParameterType:
 * @VIR_DOMAIN_MEMORY_PARAM_INT: an old name of VIR_TYPED_PARAM_INT
 * @VIR_DOMAIN_MEMORY_PARAM_UINT: an old name of VIR_TYPED_PARAM_UINT
 * @VIR_DOMAIN_MEMORY_PARAM_LLONG: an old name of VIR_TYPED_PARAM_LLONG
 * @VIR_DOMAIN_MEMORY_PARAM_ULLONG: an old name of VIR_TYPED_PARAM_ULLONG
 * @VIR_DOMAIN_MEMORY_PARAM_DOUBLE: an old name of VIR_TYPED_PARAM_DOUBLE
 * @VIR_DOMAIN_MEMORY_PARAM_BOOLEAN: an old name of VIR_TYPED_PARAM_BOOLEAN
 *
 * Old names of virTypedParameterType for the memory calls.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_PARAM_INT = VIR_TYPED_PARAM_INT,
    VIR_DOMAIN_MEMORY_PARAM_UINT = VIR_TYPED_PARAM_UINT,
    VIR_DOMAIN_MEMORY_PARAM_LLONG = VIR_TYPED_PARAM_LLONG,
    VIR_DOMAIN_MEMORY_PARAM_ULLONG = VIR_TYPED_PARAM_ULLONG,
    VIR_DOMAIN_MEMORY_PARAM_DOUBLE = VIR_TYPED_PARAM_DOUBLE,
    VIR_DOMAIN_MEMORY_PARAM_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN,
} virMemoryParameterType;

/**
 * VIR_DOMAIN_MEMORY_FIELD_LENGTH:
 *
 * An old name of VIR_TYPED_PARAM_FIELD_LENGTH.
 */
# define VIR_DOMAIN_MEMORY_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * _virMemoryParameter:
 *
 * An old name of _virTypedParameter.
 */
# define _virMemoryParameter _virTypedParameter

/**
 * virMemoryParameter:
 *
 * An old name of virTypedParameter.
 */
typedef struct _virTypedParameter virMemoryParameter;

/**
 * virMemoryParameterPtr:
 *
 * A pointer to a virMemoryParameter.
 */
typedef virMemoryParameter *virMemoryParameterPtr;

/**
 * virDomainInterfaceAddressesSource:
 * @VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE: from the DHCP leases
 * @VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT: from the guest agent
 * @VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP: from the host's ARP table
 * @VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST: the number of values; defined only
 *     with VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Where virDomainInterfaceAddresses() looks.
 */
typedef enum {
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE = 0,
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT = 1,
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST
# endif
} virDomainInterfaceAddressesSource;

/**
 * virDomainIPAddress:
 *
 * One address of a guest's interface.
 */
/**
 * virDomainInterfaceIPAddress:
 * @type: a virIPAddrType
 * @addr: the address
 * @prefix: its prefix length
 *
 * One address of a guest's interface.
 */
typedef struct _virDomainInterfaceIPAddress virDomainIPAddress;

/**
 * virDomainIPAddressPtr:
 *
 * A pointer to a virDomainIPAddress.
 */
typedef virDomainIPAddress *virDomainIPAddressPtr;

struct _virDomainInterfaceIPAddress {
    int type;
    char *addr;
    unsigned int prefix;
};

/**
 * virDomainInterface:
 * @name: the interface's name in the guest
 * @hwaddr: its MAC address
 * @naddrs: the number of entries in @addrs
 * @addrs: its addresses
 *
 * A network interface of the guest, as virDomainInterfaceAddresses() reports
 * it.
 */
typedef struct _virDomainInterface virDomainInterface;

/**
 * virDomainInterfacePtr:
 *
 * A pointer to a virDomainInterface.
 */
typedef virDomainInterface *virDomainInterfacePtr;

struct _virDomainInterface {
    char *name;
    char *hwaddr;
    unsigned int naddrs;
    virDomainIPAddressPtr addrs;
};

int virDomainInterfaceAddresses(virDomainPtr dom,
                                virDomainInterfacePtr **ifaces,
                                unsigned int source, unsigned int flags);
void virDomainInterfaceFree(virDomainInterfacePtr iface);

/**
 * virDomainSetUserPasswordFlags:
 * @VIR_DOMAIN_PASSWORD_ENCRYPTED: the password is already encrypted
 *
 * Flags for virDomainSetUserPassword().
 */
typedef enum {
    VIR_DOMAIN_PASSWORD_ENCRYPTED = 1 << 0,
} virDomainSetUserPasswordFlags;

int virDomainSetUserPassword(virDomainPtr dom, const char *user,
                             const char *password, unsigned int flags);
int virDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags);
int virDomainGetGuestVcpus(virDomainPtr domain, virTypedParameterPtr *params,
                           unsigned int *nparams, unsigned int flags);
int virDomainSetGuestVcpus(virDomainPtr domain, const char *cpumap, int state,
                           unsigned int flags);
int virDomainSetVcpu(virDomainPtr domain, const char *vcpumap, int state,
                     unsigned int flags);
int virDomainSetBlockThreshold(virDomainPtr domain, const char *dev,
                               unsigned long long threshold,
                               unsigned int flags);

/**
 * virDomainLifecycle:
 * @VIR_DOMAIN_LIFECYCLE_POWEROFF: the guest powers off
 * @VIR_DOMAIN_LIFECYCLE_REBOOT: the guest reboots
 * @VIR_DOMAIN_LIFECYCLE_CRASH: the guest crashes
 * @VIR_DOMAIN_LIFECYCLE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The guest events a lifecycle action answers.
 */
typedef enum {
    VIR_DOMAIN_LIFECYCLE_POWEROFF = 0,
    VIR_DOMAIN_LIFECYCLE_REBOOT = 1,
    VIR_DOMAIN_LIFECYCLE_CRASH = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_LAST
# endif
} virDomainLifecycle;

/**
 * virDomainLifecycleAction:
 * @VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY: stop the domain
 * @VIR_DOMAIN_LIFECYCLE_ACTION_RESTART: restart it
 * @VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME: restart it under a new name
 * @VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE: keep it as it is, for inspection
 * @VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY: dump its core, then stop it
 * @VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART: dump its core, then restart it
 * @VIR_DOMAIN_LIFECYCLE_ACTION_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What is done when the guest powers off, reboots or crashes.
 */
typedef enum {
    VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY = 0,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART = 1,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME = 2,
    VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE = 3,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY = 4,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_ACTION_LAST
# endif
} virDomainLifecycleAction;

int virDomainSetLifecycleAction(virDomainPtr domain, unsigned int type,
                                unsigned int action, unsigned int flags);

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_MEASUREMENT:
 *
 * The "sev-measurement" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_MEASUREMENT "sev-measurement"

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MAJOR:
 *
 * The "sev-api-major" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MAJOR "sev-api-major"

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MINOR:
 *
 * The "sev-api-minor" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MINOR "sev-api-minor"

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_BUILD_ID:
 *
 * The "sev-build-id" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_BUILD_ID "sev-build-id"

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_POLICY:
 *
 * The "sev-policy" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_POLICY "sev-policy"

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER:
 *
 * The "sev-secret-header" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER "sev-secret-header"

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET:
 *
 * The "sev-secret" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET "sev-secret"

/**
 * VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS:
 *
 * The "sev-secret-set-address" field of the launch security information.
 */
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS "sev-secret-set-address"

int virDomainGetLaunchSecurityInfo(virDomainPtr domain,
                                   virTypedParameterPtr *params, int *nparams,
                                   unsigned int flags);
int virDomainSetLaunchSecurityState(virDomainPtr domain,
                                    virTypedParameterPtr params, int nparams,
                                    unsigned int flags);

/**
 * virDomainGuestInfoTypes:
 * @VIR_DOMAIN_GUEST_INFO_USERS: the users logged in
 * @VIR_DOMAIN_GUEST_INFO_OS: the operating system
 * @VIR_DOMAIN_GUEST_INFO_TIMEZONE: the time zone
 * @VIR_DOMAIN_GUEST_INFO_HOSTNAME: the host name
 * @VIR_DOMAIN_GUEST_INFO_FILESYSTEM: the file systems
 * @VIR_DOMAIN_GUEST_INFO_DISKS: the disks
 * @VIR_DOMAIN_GUEST_INFO_INTERFACES: the network interfaces
 *
 * Which information virDomainGetGuestInfo() gathers.
 */
typedef enum {
    VIR_DOMAIN_GUEST_INFO_USERS = (1 << 0),
    VIR_DOMAIN_GUEST_INFO_OS = (1 << 1),
    VIR_DOMAIN_GUEST_INFO_TIMEZONE = (1 << 2),
    VIR_DOMAIN_GUEST_INFO_HOSTNAME = (1 << 3),
    VIR_DOMAIN_GUEST_INFO_FILESYSTEM = (1 << 4),
    VIR_DOMAIN_GUEST_INFO_DISKS = (1 << 5),
    VIR_DOMAIN_GUEST_INFO_INTERFACES = (1 << 6),
} virDomainGuestInfoTypes;

int virDomainGetGuestInfo(virDomainPtr domain, unsigned int types,
                          virTypedParameterPtr *params, int *nparams,
                          unsigned int flags);

/**
 * virDomainAgentResponseTimeoutValues:
 * @VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK: wait for the agent without limit
 * @VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_DEFAULT: the driver's default
 * @VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_NOWAIT: do not wait for the agent
 *
 * Special timeouts of virDomainAgentSetResponseTimeout().
 */
typedef enum {
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK = -2,
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_DEFAULT = -1,
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_NOWAIT = 0,
} virDomainAgentResponseTimeoutValues;

int virDomainAgentSetResponseTimeout(virDomainPtr domain, int timeout,
                                     unsigned int flags);

/**
 * virDomainBackupBeginFlags:
 * @VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL: reuse existing backup target files
 *
 * Flags for virDomainBackupBegin().
 */
typedef enum {
    VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL = (1 << 0),
} virDomainBackupBeginFlags;

int virDomainBackupBegin(virDomainPtr domain, const char *backupXML,
                         const char *checkpointXML, unsigned int flags);
char *virDomainBackupGetXMLDesc(virDomainPtr domain, unsigned int flags);
int virDomainAuthorizedSSHKeysGet(virDomainPtr domain, const char *user,
                                  char ***keys, unsigned int flags);

/**
 * virDomainAuthorizedSSHKeysSetFlags:
 * @VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND: add the keys to the existing ones
 * @VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE: remove the keys
 *
 * Flags for virDomainAuthorizedSSHKeysSet().
 */
typedef enum {
    VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND = (1 << 0),
    VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE = (1 << 1),
} virDomainAuthorizedSSHKeysSetFlags;

int virDomainAuthorizedSSHKeysSet(virDomainPtr domain, const char *user,
                                  const char **keys, unsigned int nkeys,
                                  unsigned int flags);

/**
 * virDomainMessageType:
 * @VIR_DOMAIN_MESSAGE_DEPRECATION: uses of deprecated features
 * @VIR_DOMAIN_MESSAGE_TAINTING: reasons the domain is tainted
 *
 * Which messages virDomainGetMessages() returns.
 */
typedef enum {
    VIR_DOMAIN_MESSAGE_DEPRECATION = (1 << 0),
    VIR_DOMAIN_MESSAGE_TAINTING = (1 << 1),
} virDomainMessageType;

int virDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags);

/**
 * virDomainDirtyRateStatus:
 * @VIR_DOMAIN_DIRTYRATE_UNSTARTED: no measurement has started
 * @VIR_DOMAIN_DIRTYRATE_MEASURING: a measurement is running
 * @VIR_DOMAIN_DIRTYRATE_MEASURED: a measurement has finished
 * @VIR_DOMAIN_DIRTYRATE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The state of a dirty rate measurement.
 */
typedef enum {
    VIR_DOMAIN_DIRTYRATE_UNSTARTED = 0,
    VIR_DOMAIN_DIRTYRATE_MEASURING = 1,
    VIR_DOMAIN_DIRTYRATE_MEASURED = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_DIRTYRATE_LAST
# endif
} virDomainDirtyRateStatus;

/**
 * virDomainDirtyRateCalcFlags:
 * @VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING: sample pages
 * @VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP: use the dirty bitmap
 * @VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING: use the dirty ring
 *
 * How virDomainStartDirtyRateCalc() measures.
 */
typedef enum {
    VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING = 0,
    VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP = 1 << 0,
    VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING = 1 << 1,
} virDomainDirtyRateCalcFlags;

int virDomainStartDirtyRateCalc(virDomainPtr domain, int seconds,
                                unsigned int flags);

/**
 * virDomainFDAssociateFlags:
 * @VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_RESTORE: restore the files' security labels
 *     afterwards
 * @VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_WRITABLE: label the files writable
 *
 * Flags for virDomainFDAssociate().
 */
typedef enum {
    VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_RESTORE = (1 << 0),
    VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_WRITABLE = (1 << 1),
} virDomainFDAssociateFlags;

int virDomainFDAssociate(virDomainPtr domain, const char *name,
                         unsigned int nfds, int *fds, unsigned int flags);

#endif /* LIBVIRT_DOMAIN_H */
