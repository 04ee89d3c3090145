/*
 * libvirt-host.h: connections to a hypervisor and facts about the library
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-host
 * @title: Connections
 * @short_description: opening a connection to the QEMU driver and asking about it
 * @include: libvirt/libvirt.h
 *
 * Everything starts with a connection: virConnectOpen() with the URI of an
 * instance of the QEMU driver.  "qemu:///embed?root=/ABSOLUTE/DIR" runs the
 * driver inside the calling process and keeps all its state under DIR;
 * "qemu:///session" and "qemu:///system" use the per-user and the
 * system-wide directories.  The domains' QEMU processes outlive the
 * connection and the process that opened it: any later connection to the
 * same URI finds them again.
 */

#ifndef LIBVIRT_HOST_H
# define LIBVIRT_HOST_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virConnect:
 *
 * An open connection to a hypervisor driver.  Opaque: applications only
 * ever hold a virConnectPtr.
 */
typedef struct _virConnect virConnect;

/**
 * virConnectPtr:
 *
 * The handle every connection-level call takes.  Obtained from
 * virConnectOpen() and friends, released with virConnectClose().
 */
typedef virConnect *virConnectPtr;

/**
 * virNodeSuspendTarget:
 * @VIR_NODE_SUSPEND_TARGET_MEM: suspend to RAM
 * @VIR_NODE_SUSPEND_TARGET_DISK: suspend to disk (hibernate)
 * @VIR_NODE_SUSPEND_TARGET_HYBRID: write RAM to disk, then suspend to RAM
 * @VIR_NODE_SUSPEND_TARGET_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * How virNodeSuspendForDuration() suspends the host.
 */
typedef enum {
    VIR_NODE_SUSPEND_TARGET_MEM = 0,
    VIR_NODE_SUSPEND_TARGET_DISK = 1,
    VIR_NODE_SUSPEND_TARGET_HYBRID = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_NODE_SUSPEND_TARGET_LAST
# endif
} virNodeSuspendTarget;

/**
 * virStream:
 *
 * A stream of data between the application and a driver (a console, a volume's
 * contents). Opaque.
 */
typedef struct _virStream virStream;

/**
 * virStreamPtr:
 *
 * A pointer to a virStream.
 */
typedef virStream *virStreamPtr;

/**
 * VIR_SECURITY_LABEL_BUFLEN:
 *
 * Bytes of the label buffer of virSecurityLabel, with the final NUL.
 */
# define VIR_SECURITY_LABEL_BUFLEN (4096 + 1)

/**
 * virSecurityLabel:
 * @label: the label, NUL-terminated
 * @enforcing: 1 if the label is enforced, 0 if not
 *
 * The security label of a domain's process, as virDomainGetSecurityLabel()
 * reports it.
 */
typedef struct _virSecurityLabel virSecurityLabel;

struct _virSecurityLabel {
    char label[(4096+1)];
    int enforcing;
};

/**
 * virSecurityLabelPtr:
 *
 * A pointer to a virSecurityLabel.
 */
typedef virSecurityLabel *virSecurityLabelPtr;

/**
 * VIR_SECURITY_MODEL_BUFLEN:
 *
 * Bytes of the model buffer of virSecurityModel, with the final NUL.
 */
# define VIR_SECURITY_MODEL_BUFLEN (256 + 1)

/**
 * VIR_SECURITY_DOI_BUFLEN:
 *
 * Bytes of the DOI buffer of virSecurityModel, with the final NUL.
 */
# define VIR_SECURITY_DOI_BUFLEN (256 + 1)

/**
 * virSecurityModel:
 * @model: the security model, NUL-terminated ("none" here)
 * @doi: its domain of interpretation, NUL-terminated
 *
 * The security model the driver confines domains with, as
 * virNodeGetSecurityModel() reports it.
 */
typedef struct _virSecurityModel virSecurityModel;

struct _virSecurityModel {
    char model[(256+1)];
    char doi[(256+1)];
};

/**
 * virSecurityModelPtr:
 *
 * A pointer to a virSecurityModel.
 */
typedef virSecurityModel *virSecurityModelPtr;

/**
 * virNodeInfo:
 * @model: the CPU architecture, NUL-terminated
 * @memory: the host's memory, in KiB
 * @cpus: the CPUs online
 * @mhz: the CPU frequency, in MHz
 * @nodes: NUMA nodes (1 when not known)
 * @sockets: CPU sockets per node
 * @cores: cores per socket
 * @threads: threads per core
 *
 * A summary of the host, filled in by virNodeGetInfo().  VIR_NODEINFO_MAXCPUS()
 * gives the CPUs the topology holds.
 */
typedef struct _virNodeInfo virNodeInfo;

struct _virNodeInfo {
    char model[32];
    unsigned long memory;
    unsigned int cpus;
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;
    unsigned int cores;
    unsigned int threads;
};

/**
 * VIR_NODE_CPU_STATS_FIELD_LENGTH:
 *
 * Bytes of the field name of virNodeCPUStats.
 */
# define VIR_NODE_CPU_STATS_FIELD_LENGTH 80

/**
 * virNodeGetCPUStatsAllCPUs:
 * @VIR_NODE_CPU_STATS_ALL_CPUS: the sum over every CPU of the host
 *
 * The CPU number virNodeGetCPUStats() takes for the whole host.
 */
typedef enum {
    VIR_NODE_CPU_STATS_ALL_CPUS = -1,
} virNodeGetCPUStatsAllCPUs;

/**
 * VIR_NODE_CPU_STATS_KERNEL:
 *
 * The ""kernel"" statistic of virNodeGetCPUStats().
 */
# define VIR_NODE_CPU_STATS_KERNEL "kernel"

/**
 * VIR_NODE_CPU_STATS_USER:
 *
 * The ""user"" statistic of virNodeGetCPUStats().
 */
# define VIR_NODE_CPU_STATS_USER "user"

/**
 * VIR_NODE_CPU_STATS_IDLE:
 *
 * The ""idle"" statistic of virNodeGetCPUStats().
 */
# define VIR_NODE_CPU_STATS_IDLE "idle"

/**
 * VIR_NODE_CPU_STATS_IOWAIT:
 *
 * The ""iowait"" statistic of virNodeGetCPUStats().
 */
# define VIR_NODE_CPU_STATS_IOWAIT "iowait"

/**
 * VIR_NODE_CPU_STATS_INTR:
 *
 * The ""intr"" statistic of virNodeGetCPUStats().
 */
# define VIR_NODE_CPU_STATS_INTR "intr"

/**
 * VIR_NODE_CPU_STATS_UTILIZATION:
 *
 * The ""utilization"" statistic of virNodeGetCPUStats().
 */
# define VIR_NODE_CPU_STATS_UTILIZATION "utilization"

/**
 * virNodeCPUStats:
 * @field: the statistic's name, one of the VIR_NODE_CPU_STATS_* strings
 *
 * One CPU statistic of the host, as virNodeGetCPUStats() reports it. Members:
 * value, its value, in nanoseconds (utilization: in percent).
 */
typedef struct _virNodeCPUStats virNodeCPUStats;

struct _virNodeCPUStats {
    char field[80];
    unsigned long long value;
};

/**
 * VIR_NODE_MEMORY_STATS_FIELD_LENGTH:
 *
 * Bytes of the field name of virNodeMemoryStats.
 */
# define VIR_NODE_MEMORY_STATS_FIELD_LENGTH 80

/**
 * virNodeGetMemoryStatsAllCells:
 * @VIR_NODE_MEMORY_STATS_ALL_CELLS: the sum over every NUMA cell of the host
 *
 * The cell number virNodeGetMemoryStats() takes for the whole host.
 */
typedef enum {
    VIR_NODE_MEMORY_STATS_ALL_CELLS = -1,
} virNodeGetMemoryStatsAllCells;

/**
 * VIR_NODE_MEMORY_STATS_TOTAL:
 *
 * The ""total"" statistic of virNodeGetMemoryStats().
 */
# define VIR_NODE_MEMORY_STATS_TOTAL "total"

/**
 * VIR_NODE_MEMORY_STATS_FREE:
 *
 * The ""free"" statistic of virNodeGetMemoryStats().
 */
# define VIR_NODE_MEMORY_STATS_FREE "free"

/**
 * VIR_NODE_MEMORY_STATS_BUFFERS:
 *
 * The ""buffers"" statistic of virNodeGetMemoryStats().
 */
# define VIR_NODE_MEMORY_STATS_BUFFERS "buffers"

/**
 * VIR_NODE_MEMORY_STATS_CACHED:
 *
 * The ""cached"" statistic of virNodeGetMemoryStats().
 */
# define VIR_NODE_MEMORY_STATS_CACHED "cached"

/**
 * virNodeMemoryStats:
 * @field: the statistic's name, one of the VIR_NODE_MEMORY_STATS_* strings
 *
 * One memory statistic of the host, as virNodeGetMemoryStats() reports it.
 * Members: value, its value, in KiB.
 */
typedef struct _virNodeMemoryStats virNodeMemoryStats;

struct _virNodeMemoryStats {
    char field[80];
    unsigned long long value;
};

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN:
 *
 * The "shm_pages_to_scan" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN "shm_pages_to_scan"

/**
 * VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS:
 *
 * The "shm_sleep_millisecs" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS "shm_sleep_millisecs"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_SHARED:
 *
 * The "shm_pages_shared" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_SHARED "shm_pages_shared"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_SHARING:
 *
 * The "shm_pages_sharing" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_SHARING "shm_pages_sharing"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED:
 *
 * The "shm_pages_unshared" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED "shm_pages_unshared"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE:
 *
 * The "shm_pages_volatile" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE "shm_pages_volatile"

/**
 * VIR_NODE_MEMORY_SHARED_FULL_SCANS:
 *
 * The "shm_full_scans" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_FULL_SCANS "shm_full_scans"

/**
 * VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES:
 *
 * The "shm_merge_across_nodes" parameter of the host's shared memory, as
 * virNodeGetMemoryParameters() and virNodeSetMemoryParameters() take it.
 */
# define VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES "shm_merge_across_nodes"

int virNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                               int *nparams, unsigned int flags);
int virNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                               int nparams, unsigned int flags);
int virNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap,
                     unsigned int *online, unsigned int flags);

/**
 * VIR_NODEINFO_MAXCPUS:
 * @nodeinfo: a virNodeInfo
 *
 * The CPUs the topology of @nodeinfo holds: nodes, sockets, cores and threads
 * multiplied.
 */
# define VIR_NODEINFO_MAXCPUS(nodeinfo) \
    ((nodeinfo).nodes*(nodeinfo).sockets*(nodeinfo).cores*(nodeinfo).threads)

/**
 * virNodeInfoPtr:
 *
 * A pointer to a virNodeInfo.
 */
typedef virNodeInfo *virNodeInfoPtr;

/**
 * virNodeCPUStatsPtr:
 *
 * A pointer to a virNodeCPUStats.
 */
typedef virNodeCPUStats *virNodeCPUStatsPtr;

/**
 * virNodeMemoryStatsPtr:
 *
 * A pointer to a virNodeMemoryStats.
 */
typedef virNodeMemoryStats *virNodeMemoryStatsPtr;

/**
 * VIR_NODE_SEV_PDH:
 *
 * The "pdh" field of the host's SEV information (virNodeGetSEVInfo()).
 */
# define VIR_NODE_SEV_PDH "pdh"

/**
 * VIR_NODE_SEV_CERT_CHAIN:
 *
 * The "cert-chain" field of the host's SEV information (virNodeGetSEVInfo()).
 */
# define VIR_NODE_SEV_CERT_CHAIN "cert-chain"

/**
 * VIR_NODE_SEV_CPU0_ID:
 *
 * The "cpu0-id" field of the host's SEV information (virNodeGetSEVInfo()).
 */
# define VIR_NODE_SEV_CPU0_ID "cpu0-id"

/**
 * VIR_NODE_SEV_CBITPOS:
 *
 * The "cbitpos" field of the host's SEV information (virNodeGetSEVInfo()).
 */
# define VIR_NODE_SEV_CBITPOS "cbitpos"

/**
 * VIR_NODE_SEV_REDUCED_PHYS_BITS:
 *
 * The "reduced-phys-bits" field of the host's SEV information
 * (virNodeGetSEVInfo()).
 */
# define VIR_NODE_SEV_REDUCED_PHYS_BITS "reduced-phys-bits"

/**
 * VIR_NODE_SEV_MAX_GUESTS:
 *
 * The "max-guests" field of the host's SEV information (virNodeGetSEVInfo()).
 */
# define VIR_NODE_SEV_MAX_GUESTS "max-guests"

/**
 * VIR_NODE_SEV_MAX_ES_GUESTS:
 *
 * The "max-es-guests" field of the host's SEV information
 * (virNodeGetSEVInfo()).
 */
# define VIR_NODE_SEV_MAX_ES_GUESTS "max-es-guests"

int virNodeGetSEVInfo(virConnectPtr conn, virTypedParameterPtr *params,
                      int *nparams, unsigned int flags);

/**
 * virConnectFlags:
 * @VIR_CONNECT_RO: refuse every call that would change something
 * @VIR_CONNECT_NO_ALIASES: take the URI literally, never as an alias
 *
 * Flags for virConnectOpenAuth().
 */
typedef enum {
    VIR_CONNECT_RO = (1 << 0),
    VIR_CONNECT_NO_ALIASES = (1 << 1),
} virConnectFlags;

/**
 * virConnectCredentialType:
 * @VIR_CRED_USERNAME: the identity to act as
 * @VIR_CRED_AUTHNAME: the identity to authorize as
 * @VIR_CRED_LANGUAGE: RFC 1766 languages, comma separated
 * @VIR_CRED_CNONCE: a nonce chosen by the client
 * @VIR_CRED_PASSPHRASE: a secret passphrase
 * @VIR_CRED_ECHOPROMPT: an answer to a challenge, shown while typed
 * @VIR_CRED_NOECHOPROMPT: an answer to a challenge, hidden while typed
 * @VIR_CRED_REALM: the authentication realm
 * @VIR_CRED_EXTERNAL: a credential held outside the library
 * @VIR_CRED_LAST: the number of values; defined only with VIR_ENUM_SENTINELS,
 *     and it grows in later releases
 *
 * Kinds of credential an authentication callback may be asked for.
 */
typedef enum {
    VIR_CRED_USERNAME = 1,
    VIR_CRED_AUTHNAME = 2,
    VIR_CRED_LANGUAGE = 3,
    VIR_CRED_CNONCE = 4,
    VIR_CRED_PASSPHRASE = 5,
    VIR_CRED_ECHOPROMPT = 6,
    VIR_CRED_NOECHOPROMPT = 7,
    VIR_CRED_REALM = 8,
    VIR_CRED_EXTERNAL = 9,
# ifdef VIR_ENUM_SENTINELS
    VIR_CRED_LAST
# endif
} virConnectCredentialType;

/**
 * virConnectCredential:
 * @type: a virConnectCredentialType
 * @prompt: text to show the user
 * @challenge: extra challenge text, may be NULL
 * @defresult: default answer, may be NULL
 * @result: the answer, filled by the callback
 * @resultlen: length of @result
 *
 * One credential request handed to an authentication callback, which
 * fills in @result (allocated with malloc) and @resultlen.
 */
struct _virConnectCredential {
    int type;
    const char *prompt;
    const char *challenge;
    const char *defresult;
    char *result;
    unsigned int resultlen;
};

typedef struct _virConnectCredential virConnectCredential;

/**
 * virConnectCredentialPtr:
 *
 * A pointer to a virConnectCredential.
 */
typedef virConnectCredential *virConnectCredentialPtr;

/**
 * virConnectAuthCallbackPtr:
 * @cred: the credentials to collect
 * @ncred: how many there are
 * @cbdata: the application's data from virConnectAuth
 *
 * Collects credentials for virConnectOpenAuth().
 *
 * Returns: 0 when every credential was filled in, -1 otherwise.
 */
typedef int (*virConnectAuthCallbackPtr)(virConnectCredentialPtr cred,
                                         unsigned int ncred, void *cbdata);

/**
 * virConnectAuth:
 * @credtype: the virConnectCredentialType values @cb handles
 * @ncredtype: length of @credtype
 * @cb: collects the credentials
 * @cbdata: passed to @cb
 *
 * What an application can answer when a driver needs credentials.
 */
struct _virConnectAuth {
    int *credtype;
    unsigned int ncredtype;
    virConnectAuthCallbackPtr cb;
    void *cbdata;
};

typedef struct _virConnectAuth virConnectAuth;

/**
 * virConnectAuthPtr:
 *
 * A pointer to a virConnectAuth.
 */
typedef virConnectAuth *virConnectAuthPtr;

/**
 * virConnectAuthPtrDefault:
 *
 * An authentication handler that prompts on the terminal.  Local drivers
 * never need credentials, so with them it is never called.
 */
VIR_EXPORT_VAR virConnectAuthPtr virConnectAuthPtrDefault;

/**
 * VIR_UUID_BUFLEN:
 *
 * Bytes in a raw UUID.
 */
# define VIR_UUID_BUFLEN (16)

/**
 * VIR_UUID_STRING_BUFLEN:
 *
 * Bytes needed for a UUID in its printed form, including the final NUL.
 */
# define VIR_UUID_STRING_BUFLEN (36+1)

int virGetVersion(unsigned long *libVer, const char *type,
                  unsigned long *typeVer);
int virInitialize(void);
virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
virConnectPtr virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                                 unsigned int flags);
int virConnectRef(virConnectPtr conn);
int virConnectClose(virConnectPtr conn);

/**
 * VIR_CONNECT_IDENTITY_USER_NAME:
 *
 * The "user-name" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_USER_NAME "user-name"

/**
 * VIR_CONNECT_IDENTITY_UNIX_USER_ID:
 *
 * The "unix-user-id" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_UNIX_USER_ID "unix-user-id"

/**
 * VIR_CONNECT_IDENTITY_GROUP_NAME:
 *
 * The "group-name" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_GROUP_NAME "group-name"

/**
 * VIR_CONNECT_IDENTITY_UNIX_GROUP_ID:
 *
 * The "unix-group-id" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_UNIX_GROUP_ID "unix-group-id"

/**
 * VIR_CONNECT_IDENTITY_PROCESS_ID:
 *
 * The "process-id" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_PROCESS_ID "process-id"

/**
 * VIR_CONNECT_IDENTITY_PROCESS_TIME:
 *
 * The "process-time" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_PROCESS_TIME "process-time"

/**
 * VIR_CONNECT_IDENTITY_SASL_USER_NAME:
 *
 * The "sasl-user-name" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_SASL_USER_NAME "sasl-user-name"

/**
 * VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME:
 *
 * The "x509-distinguished-name" field of the identity virConnectSetIdentity()
 * sets.
 */
# define VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME "x509-distinguished-name"

/**
 * VIR_CONNECT_IDENTITY_SELINUX_CONTEXT:
 *
 * The "selinux-context" field of the identity virConnectSetIdentity() sets.
 */
# define VIR_CONNECT_IDENTITY_SELINUX_CONTEXT "selinux-context"

int virConnectSetIdentity(virConnectPtr conn, virTypedParameterPtr params,
                          int nparams, unsigned int flags);
const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer);
char *virConnectGetHostname(virConnectPtr conn);
char *virConnectGetURI(virConnectPtr conn);
char *virConnectGetSysinfo(virConnectPtr conn, unsigned int flags);
int virConnectSetKeepAlive(virConnectPtr conn, int interval,
                           unsigned int count);

/**
 * virConnectCloseFunc:
 * @conn: the connection the event was raised on
 * @reason: why, a virConnectCloseReason
 * @opaque: the data given when the callback was registered
 *
 * Called when a connection is closed other than by the application.
 */
typedef void (*virConnectCloseFunc)(virConnectPtr conn, int reason,
                                    void *opaque);

int virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb,
                                    void *opaque, virFreeCallback freecb);
int virConnectUnregisterCloseCallback(virConnectPtr conn,
                                      virConnectCloseFunc cb);
int virConnectGetMaxVcpus(virConnectPtr conn, const char *type);
int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
char *virConnectGetCapabilities(virConnectPtr conn);
int virNodeGetCPUStats(virConnectPtr conn, int cpuNum,
                       virNodeCPUStatsPtr params, int *nparams,
                       unsigned int flags);
int virNodeGetMemoryStats(virConnectPtr conn, int cellNum,
                          virNodeMemoryStatsPtr params, int *nparams,
                          unsigned int flags);
unsigned long long virNodeGetFreeMemory(virConnectPtr conn);
int virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);
int virNodeSuspendForDuration(virConnectPtr conn, unsigned int target,
                              unsigned long long duration, unsigned int flags);
int virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                              int startCell, int maxCells);
int virConnectIsEncrypted(virConnectPtr conn);
int virConnectIsSecure(virConnectPtr conn);
int virConnectIsAlive(virConnectPtr conn);

/**
 * virCPUCompareResult:
 * @VIR_CPU_COMPARE_ERROR: the comparison failed
 * @VIR_CPU_COMPARE_INCOMPATIBLE: the host cannot run the given CPU
 * @VIR_CPU_COMPARE_IDENTICAL: the host CPU is the given CPU
 * @VIR_CPU_COMPARE_SUPERSET: the host CPU offers more than the given CPU
 * @VIR_CPU_COMPARE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What virConnectCompareCPU() finds.
 */
typedef enum {
    VIR_CPU_COMPARE_ERROR = -1,
    VIR_CPU_COMPARE_INCOMPATIBLE = 0,
    VIR_CPU_COMPARE_IDENTICAL = 1,
    VIR_CPU_COMPARE_SUPERSET = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_CPU_COMPARE_LAST
# endif
} virCPUCompareResult;

/**
 * virConnectCompareCPUFlags:
 * @VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE: fail with an error rather than
 *     report incompatibility
 * @VIR_CONNECT_COMPARE_CPU_VALIDATE_XML: validate the CPU XML against the
 *     schema first
 *
 * Flags for the CPU comparison calls.
 */
typedef enum {
    VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE = (1 << 0),
    VIR_CONNECT_COMPARE_CPU_VALIDATE_XML = (1 << 1),
} virConnectCompareCPUFlags;

int virConnectCompareCPU(virConnectPtr conn, const char *xmlDesc,
                         unsigned int flags);
int virConnectCompareHypervisorCPU(virConnectPtr conn, const char *emulator,
                                   const char *arch, const char *machine,
                                   const char *virttype, const char *xmlCPU,
                                   unsigned int flags);
int virConnectGetCPUModelNames(virConnectPtr conn, const char *arch,
                               char ***models, unsigned int flags);

/**
 * virConnectBaselineCPUFlags:
 * @VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES: list every feature, including
 *     those the model implies
 * @VIR_CONNECT_BASELINE_CPU_MIGRATABLE: leave out features that block migration
 *
 * Flags for the CPU baseline calls.
 */
typedef enum {
    VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES = (1 << 0),
    VIR_CONNECT_BASELINE_CPU_MIGRATABLE = (1 << 1),
} virConnectBaselineCPUFlags;

char *virConnectBaselineCPU(virConnectPtr conn, const char **xmlCPUs,
                            unsigned int ncpus, unsigned int flags);
char *virConnectBaselineHypervisorCPU(virConnectPtr conn, const char *emulator,
                                      const char *arch, const char *machine,
                                      const char *virttype,
                                      const char **xmlCPUs, unsigned int ncpus,
                                      unsigned int flags);
int virNodeGetFreePages(virConnectPtr conn, unsigned int npages,
                        unsigned int *pages, int startcell,
                        unsigned int cellcount, unsigned long long *counts,
                        unsigned int flags);

/**
 * virNodeAllocPagesFlags:
 * @VIR_NODE_ALLOC_PAGES_ADD: add the given pages to the pool
 * @VIR_NODE_ALLOC_PAGES_SET: make the pool exactly the given size
 *
 * Flags for virNodeAllocPages().
 */
typedef enum {
    VIR_NODE_ALLOC_PAGES_ADD = 0,
    VIR_NODE_ALLOC_PAGES_SET = (1 << 0),
} virNodeAllocPagesFlags;

int virNodeAllocPages(virConnectPtr conn, unsigned int npages,
                      unsigned int *pageSizes, unsigned long long *pageCounts,
                      int startCell, unsigned int cellCount,
                      unsigned int flags);

#endif /* LIBVIRT_HOST_H */
