/*
 * virterror.h: how the library reports errors
 *
 * Every failing call leaves a virError in thread-local storage.  The
 * numeric codes and domains are upstream libvirt's: applications compare
 * them, so they never change meaning.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:virterror
 * @title: Errors
 * @short_description: what failed, and why
 * @include: libvirt/virterror.h
 *
 * A call that fails returns -1 or NULL and leaves a virError in thread-local
 * storage: virGetLastError() gives it, virGetLastErrorCode() its
 * virErrorNumber, which is what an application should test, and
 * virGetLastErrorMessage() its message, which is for people.  The codes,
 * domains and the messages applications match on are upstream libvirt's.
 */

#ifndef LIBVIRT_VIRTERROR_H
# define LIBVIRT_VIRTERROR_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

/**
 * virErrorLevel:
 * @VIR_ERR_NONE: no error
 * @VIR_ERR_WARNING: something went wrong but the call went on
 * @VIR_ERR_ERROR: the call failed
 *
 * How serious an error is.
 */
typedef enum {
    VIR_ERR_NONE = 0,
    VIR_ERR_WARNING = 1,
    VIR_ERR_ERROR = 2,
} virErrorLevel;

/**
 * virErrorDomain:
 * @VIR_FROM_NONE: not attributed
 * @VIR_FROM_XEN: Xen hypervisor layer
 * @VIR_FROM_XEND: Xen daemon connection
 * @VIR_FROM_XENSTORE: Xen store
 * @VIR_FROM_SEXPR: S-expression code
 * @VIR_FROM_XML: XML handling
 * @VIR_FROM_DOM: operations on a domain
 * @VIR_FROM_RPC: remote procedure calls
 * @VIR_FROM_PROXY: the former proxy (unused)
 * @VIR_FROM_CONF: configuration files
 * @VIR_FROM_QEMU: the QEMU driver
 * @VIR_FROM_NET: network operations
 * @VIR_FROM_TEST: the test driver
 * @VIR_FROM_REMOTE: the remote driver
 * @VIR_FROM_OPENVZ: the OpenVZ driver
 * @VIR_FROM_XENXM: Xen XM layer
 * @VIR_FROM_STATS_LINUX: Linux statistics
 * @VIR_FROM_LXC: the container driver
 * @VIR_FROM_STORAGE: storage
 * @VIR_FROM_NETWORK: network configuration
 * @VIR_FROM_DOMAIN: domain configuration (XML)
 * @VIR_FROM_UML: the former UML driver (unused)
 * @VIR_FROM_NODEDEV: host devices
 * @VIR_FROM_XEN_INOTIFY: Xen inotify
 * @VIR_FROM_SECURITY: security drivers
 * @VIR_FROM_VBOX: the VirtualBox driver
 * @VIR_FROM_INTERFACE: host interfaces
 * @VIR_FROM_ONE: the former OpenNebula driver (unused)
 * @VIR_FROM_ESX: the ESX driver
 * @VIR_FROM_PHYP: the former PHYP driver (unused)
 * @VIR_FROM_SECRET: secrets
 * @VIR_FROM_CPU: CPU models
 * @VIR_FROM_XENAPI: XenAPI
 * @VIR_FROM_NWFILTER: network filters
 * @VIR_FROM_HOOK: hook scripts
 * @VIR_FROM_DOMAIN_SNAPSHOT: domain snapshots
 * @VIR_FROM_AUDIT: auditing
 * @VIR_FROM_SYSINFO: SMBIOS information
 * @VIR_FROM_STREAMS: data streams
 * @VIR_FROM_VMWARE: the VMware driver
 * @VIR_FROM_EVENT: the event loop
 * @VIR_FROM_LIBXL: the libxl driver
 * @VIR_FROM_LOCKING: lock managers
 * @VIR_FROM_HYPERV: the Hyper-V driver
 * @VIR_FROM_CAPABILITIES: hypervisor capabilities
 * @VIR_FROM_URI: connection URIs
 * @VIR_FROM_AUTH: authentication
 * @VIR_FROM_DBUS: D-Bus
 * @VIR_FROM_PARALLELS: the Parallels driver
 * @VIR_FROM_DEVICE: devices
 * @VIR_FROM_SSH: the libssh2 transport
 * @VIR_FROM_LOCKSPACE: lock spaces
 * @VIR_FROM_INITCTL: container init control
 * @VIR_FROM_IDENTITY: caller identity
 * @VIR_FROM_CGROUP: control groups
 * @VIR_FROM_ACCESS: access control
 * @VIR_FROM_SYSTEMD: systemd
 * @VIR_FROM_BHYVE: the bhyve driver
 * @VIR_FROM_CRYPTO: cryptography
 * @VIR_FROM_FIREWALL: firewall rules
 * @VIR_FROM_POLKIT: polkit
 * @VIR_FROM_THREAD: threads
 * @VIR_FROM_ADMIN: the admin interface
 * @VIR_FROM_LOGGING: the log manager
 * @VIR_FROM_XENXL: Xen xl configuration
 * @VIR_FROM_PERF: performance counters
 * @VIR_FROM_LIBSSH: the libssh transport
 * @VIR_FROM_RESCTRL: resource control
 * @VIR_FROM_FIREWALLD: firewalld
 * @VIR_FROM_DOMAIN_CHECKPOINT: domain checkpoints
 * @VIR_FROM_TPM: TPM emulation
 * @VIR_FROM_BPF: BPF programs
 * @VIR_FROM_CH: the Cloud Hypervisor driver
 * @VIR_ERR_DOMAIN_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Which part of the library raised an error.  Many values name drivers
 * and subsystems of upstream libvirt that this library does not have;
 * they are listed so that the numbering is upstream's.
 */
typedef enum {
    VIR_FROM_NONE = 0,
    VIR_FROM_XEN = 1,
    VIR_FROM_XEND = 2,
    VIR_FROM_XENSTORE = 3,
    VIR_FROM_SEXPR = 4,
    VIR_FROM_XML = 5,
    VIR_FROM_DOM = 6,
    VIR_FROM_RPC = 7,
    VIR_FROM_PROXY = 8,
    VIR_FROM_CONF = 9,
    VIR_FROM_QEMU = 10,
    VIR_FROM_NET = 11,
    VIR_FROM_TEST = 12,
    VIR_FROM_REMOTE = 13,
    VIR_FROM_OPENVZ = 14,
    VIR_FROM_XENXM = 15,
    VIR_FROM_STATS_LINUX = 16,
    VIR_FROM_LXC = 17,
    VIR_FROM_STORAGE = 18,
    VIR_FROM_NETWORK = 19,
    VIR_FROM_DOMAIN = 20,
    VIR_FROM_UML = 21,
    VIR_FROM_NODEDEV = 22,
    VIR_FROM_XEN_INOTIFY = 23,
    VIR_FROM_SECURITY = 24,
    VIR_FROM_VBOX = 25,
    VIR_FROM_INTERFACE = 26,
    VIR_FROM_ONE = 27,
    VIR_FROM_ESX = 28,
    VIR_FROM_PHYP = 29,
    VIR_FROM_SECRET = 30,
    VIR_FROM_CPU = 31,
    VIR_FROM_XENAPI = 32,
    VIR_FROM_NWFILTER = 33,
    VIR_FROM_HOOK = 34,
    VIR_FROM_DOMAIN_SNAPSHOT = 35,
    VIR_FROM_AUDIT = 36,
    VIR_FROM_SYSINFO = 37,
    VIR_FROM_STREAMS = 38,
    VIR_FROM_VMWARE = 39,
    VIR_FROM_EVENT = 40,
    VIR_FROM_LIBXL = 41,
    VIR_FROM_LOCKING = 42,
    VIR_FROM_HYPERV = 43,
    VIR_FROM_CAPABILITIES = 44,
    VIR_FROM_URI = 45,
    VIR_FROM_AUTH = 46,
    VIR_FROM_DBUS = 47,
    VIR_FROM_PARALLELS = 48,
    VIR_FROM_DEVICE = 49,
    VIR_FROM_SSH = 50,
    VIR_FROM_LOCKSPACE = 51,
    VIR_FROM_INITCTL = 52,
    VIR_FROM_IDENTITY = 53,
    VIR_FROM_CGROUP = 54,
    VIR_FROM_ACCESS = 55,
    VIR_FROM_SYSTEMD = 56,
    VIR_FROM_BHYVE = 57,
    VIR_FROM_CRYPTO = 58,
    VIR_FROM_FIREWALL = 59,
    VIR_FROM_POLKIT = 60,
    VIR_FROM_THREAD = 61,
    VIR_FROM_ADMIN = 62,
    VIR_FROM_LOGGING = 63,
    VIR_FROM_XENXL = 64,
    VIR_FROM_PERF = 65,
    VIR_FROM_LIBSSH = 66,
    VIR_FROM_RESCTRL = 67,
    VIR_FROM_FIREWALLD = 68,
    VIR_FROM_DOMAIN_CHECKPOINT = 69,
    VIR_FROM_TPM = 70,
    VIR_FROM_BPF = 71,
    VIR_FROM_CH = 72,
# ifdef VIR_ENUM_SENTINELS
    VIR_ERR_DOMAIN_LAST
# endif
} virErrorDomain;

/**
 * virError:
 * @code: a virErrorNumber
 * @domain: a virErrorDomain
 * @message: what went wrong, in words
 * @level: how serious it is
 * @conn: unused, NULL
 * @dom: unused, NULL
 * @str1: extra detail, may be NULL
 * @str2: extra detail, may be NULL
 * @str3: extra detail, may be NULL
 * @int1: extra detail
 * @int2: extra detail
 * @net: unused, NULL
 *
 * One error.  @code and @domain are what applications should test;
 * @message is for people.  The deprecated object pointers hold no
 * reference and are always NULL here.
 */
typedef struct _virError virError;
struct _virError {
    int code;
    int domain;
    char *message;
    virErrorLevel level;
    virConnectPtr conn VIR_DEPRECATED;
    virDomainPtr dom VIR_DEPRECATED;
    char *str1;
    char *str2;
    char *str3;
    int int1;
    int int2;
    virNetworkPtr net VIR_DEPRECATED;
};

/**
 * virErrorPtr:
 *
 * A pointer to a virError.
 */
typedef virError *virErrorPtr;

/**
 * virErrorNumber:
 * @VIR_ERR_OK: no error
 * @VIR_ERR_INTERNAL_ERROR: a bug or an impossible condition
 * @VIR_ERR_NO_MEMORY: memory allocation failed
 * @VIR_ERR_NO_SUPPORT: the driver does not implement the call
 * @VIR_ERR_UNKNOWN_HOST: a host name did not resolve
 * @VIR_ERR_NO_CONNECT: no driver could open the URI
 * @VIR_ERR_INVALID_CONN: not a valid connection
 * @VIR_ERR_INVALID_DOMAIN: not a valid domain object
 * @VIR_ERR_INVALID_ARG: a bad argument, e.g. unknown flags
 * @VIR_ERR_OPERATION_FAILED: the hypervisor could not do it
 * @VIR_ERR_GET_FAILED: an HTTP GET failed
 * @VIR_ERR_POST_FAILED: an HTTP POST failed
 * @VIR_ERR_HTTP_ERROR: an unexpected HTTP status
 * @VIR_ERR_SEXPR_SERIAL: an S-expression could not be written
 * @VIR_ERR_NO_XEN: Xen could not be opened
 * @VIR_ERR_XEN_CALL: a Xen call failed
 * @VIR_ERR_OS_TYPE: an unknown OS type
 * @VIR_ERR_NO_KERNEL: no kernel given
 * @VIR_ERR_NO_ROOT: no root device given
 * @VIR_ERR_NO_SOURCE: no device source given
 * @VIR_ERR_NO_TARGET: no device target given
 * @VIR_ERR_NO_NAME: no domain name given
 * @VIR_ERR_NO_OS: no OS section given
 * @VIR_ERR_NO_DEVICE: no devices given
 * @VIR_ERR_NO_XENSTORE: the Xen store could not be opened
 * @VIR_ERR_DRIVER_FULL: too many drivers
 * @VIR_ERR_CALL_FAILED: no driver supports the call
 * @VIR_ERR_XML_ERROR: XML that is malformed or invalid
 * @VIR_ERR_DOM_EXIST: the domain exists already
 * @VIR_ERR_OPERATION_DENIED: refused, e.g. on a read-only connection
 * @VIR_ERR_OPEN_FAILED: a configuration file could not be opened
 * @VIR_ERR_READ_FAILED: a configuration file could not be read
 * @VIR_ERR_PARSE_FAILED: a configuration file could not be parsed
 * @VIR_ERR_CONF_SYNTAX: a configuration file has a syntax error
 * @VIR_ERR_WRITE_FAILED: a configuration file could not be written
 * @VIR_ERR_XML_DETAIL: more detail on an XML error
 * @VIR_ERR_INVALID_NETWORK: not a valid network object
 * @VIR_ERR_NETWORK_EXIST: the network exists already
 * @VIR_ERR_SYSTEM_ERROR: a system call failed
 * @VIR_ERR_RPC: a remote procedure call failed
 * @VIR_ERR_GNUTLS_ERROR: a TLS call failed
 * @VIR_WAR_NO_NETWORK: the network driver did not start
 * @VIR_ERR_NO_DOMAIN: no such domain
 * @VIR_ERR_NO_NETWORK: no such network
 * @VIR_ERR_INVALID_MAC: a malformed MAC address
 * @VIR_ERR_AUTH_FAILED: authentication failed
 * @VIR_ERR_INVALID_STORAGE_POOL: not a valid storage pool object
 * @VIR_ERR_INVALID_STORAGE_VOL: not a valid storage volume object
 * @VIR_WAR_NO_STORAGE: the storage driver did not start
 * @VIR_ERR_NO_STORAGE_POOL: no such storage pool
 * @VIR_ERR_NO_STORAGE_VOL: no such storage volume
 * @VIR_WAR_NO_NODE: the node device driver did not start
 * @VIR_ERR_INVALID_NODE_DEVICE: not a valid node device object
 * @VIR_ERR_NO_NODE_DEVICE: no such node device
 * @VIR_ERR_NO_SECURITY_MODEL: no such security model
 * @VIR_ERR_OPERATION_INVALID: not possible in the object's current state
 * @VIR_WAR_NO_INTERFACE: the interface driver did not start
 * @VIR_ERR_NO_INTERFACE: no such interface
 * @VIR_ERR_INVALID_INTERFACE: not a valid interface object
 * @VIR_ERR_MULTIPLE_INTERFACES: several interfaces match
 * @VIR_WAR_NO_NWFILTER: the filter driver did not start
 * @VIR_ERR_INVALID_NWFILTER: not a valid filter object
 * @VIR_ERR_NO_NWFILTER: no such filter
 * @VIR_ERR_BUILD_FIREWALL: firewall rules could not be built
 * @VIR_WAR_NO_SECRET: the secret driver did not start
 * @VIR_ERR_INVALID_SECRET: not a valid secret object
 * @VIR_ERR_NO_SECRET: no such secret
 * @VIR_ERR_CONFIG_UNSUPPORTED: a configuration this driver cannot honour
 * @VIR_ERR_OPERATION_TIMEOUT: the operation timed out
 * @VIR_ERR_MIGRATE_PERSIST_FAILED: migrated, but not made persistent
 * @VIR_ERR_HOOK_SCRIPT_FAILED: a hook script failed
 * @VIR_ERR_INVALID_DOMAIN_SNAPSHOT: not a valid snapshot object
 * @VIR_ERR_NO_DOMAIN_SNAPSHOT: no such snapshot
 * @VIR_ERR_INVALID_STREAM: not a valid stream object
 * @VIR_ERR_ARGUMENT_UNSUPPORTED: a valid argument this driver cannot honour
 * @VIR_ERR_STORAGE_PROBE_FAILED: a storage probe failed
 * @VIR_ERR_STORAGE_POOL_BUILT: the storage pool exists already
 * @VIR_ERR_SNAPSHOT_REVERT_RISKY: a snapshot revert needs force
 * @VIR_ERR_OPERATION_ABORTED: the operation was aborted
 * @VIR_ERR_AUTH_CANCELLED: authentication was cancelled
 * @VIR_ERR_NO_DOMAIN_METADATA: no such metadata
 * @VIR_ERR_MIGRATE_UNSAFE: the migration is not safe
 * @VIR_ERR_OVERFLOW: a number does not fit
 * @VIR_ERR_BLOCK_COPY_ACTIVE: a block copy job is in the way
 * @VIR_ERR_OPERATION_UNSUPPORTED: the driver cannot do this operation
 * @VIR_ERR_SSH: the SSH transport failed
 * @VIR_ERR_AGENT_UNRESPONSIVE: the guest agent does not answer
 * @VIR_ERR_RESOURCE_BUSY: the resource is in use
 * @VIR_ERR_ACCESS_DENIED: access control refused the call
 * @VIR_ERR_DBUS_SERVICE: a D-Bus service failed
 * @VIR_ERR_STORAGE_VOL_EXIST: the storage volume exists already
 * @VIR_ERR_CPU_INCOMPATIBLE: the CPU does not fit the host
 * @VIR_ERR_XML_INVALID_SCHEMA: the XML does not match the schema
 * @VIR_ERR_MIGRATE_FINISH_OK: migration finished; NULL is expected
 * @VIR_ERR_AUTH_UNAVAILABLE: authentication is not available
 * @VIR_ERR_NO_SERVER: no such server
 * @VIR_ERR_NO_CLIENT: no such client
 * @VIR_ERR_AGENT_UNSYNCED: the guest agent answered out of turn
 * @VIR_ERR_LIBSSH: the libssh transport failed
 * @VIR_ERR_DEVICE_MISSING: no such device
 * @VIR_ERR_INVALID_NWFILTER_BINDING: not a valid filter binding
 * @VIR_ERR_NO_NWFILTER_BINDING: no such filter binding
 * @VIR_ERR_INVALID_DOMAIN_CHECKPOINT: not a valid checkpoint object
 * @VIR_ERR_NO_DOMAIN_CHECKPOINT: no such checkpoint
 * @VIR_ERR_NO_DOMAIN_BACKUP: no such backup job
 * @VIR_ERR_INVALID_NETWORK_PORT: not a valid network port object
 * @VIR_ERR_NETWORK_PORT_EXIST: the network port exists already
 * @VIR_ERR_NO_NETWORK_PORT: no such network port
 * @VIR_ERR_NO_HOSTNAME: the domain's host name is not known
 * @VIR_ERR_CHECKPOINT_INCONSISTENT: the checkpoint cannot be used
 * @VIR_ERR_MULTIPLE_DOMAINS: several domains match
 * @VIR_ERR_NUMBER_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What went wrong.  The numbering is upstream's and never changes;
 * many codes concern drivers this library does not have.
 */
typedef enum {
    VIR_ERR_OK = 0,
    VIR_ERR_INTERNAL_ERROR = 1,
    VIR_ERR_NO_MEMORY = 2,
    VIR_ERR_NO_SUPPORT = 3,
    VIR_ERR_UNKNOWN_HOST = 4,
    VIR_ERR_NO_CONNECT = 5,
    VIR_ERR_INVALID_CONN = 6,
    VIR_ERR_INVALID_DOMAIN = 7,
    VIR_ERR_INVALID_ARG = 8,
    VIR_ERR_OPERATION_FAILED = 9,
    VIR_ERR_GET_FAILED = 10,
    VIR_ERR_POST_FAILED = 11,
    VIR_ERR_HTTP_ERROR = 12,
    VIR_ERR_SEXPR_SERIAL = 13,
    VIR_ERR_NO_XEN = 14,
    VIR_ERR_XEN_CALL = 15,
    VIR_ERR_OS_TYPE = 16,
    VIR_ERR_NO_KERNEL = 17,
    VIR_ERR_NO_ROOT = 18,
    VIR_ERR_NO_SOURCE = 19,
    VIR_ERR_NO_TARGET = 20,
    VIR_ERR_NO_NAME = 21,
    VIR_ERR_NO_OS = 22,
    VIR_ERR_NO_DEVICE = 23,
    VIR_ERR_NO_XENSTORE = 24,
    VIR_ERR_DRIVER_FULL = 25,
    VIR_ERR_CALL_FAILED = 26,
    VIR_ERR_XML_ERROR = 27,
    VIR_ERR_DOM_EXIST = 28,
    VIR_ERR_OPERATION_DENIED = 29,
    VIR_ERR_OPEN_FAILED = 30,
    VIR_ERR_READ_FAILED = 31,
    VIR_ERR_PARSE_FAILED = 32,
    VIR_ERR_CONF_SYNTAX = 33,
    VIR_ERR_WRITE_FAILED = 34,
    VIR_ERR_XML_DETAIL = 35,
    VIR_ERR_INVALID_NETWORK = 36,
    VIR_ERR_NETWORK_EXIST = 37,
    VIR_ERR_SYSTEM_ERROR = 38,
    VIR_ERR_RPC = 39,
    VIR_ERR_GNUTLS_ERROR = 40,
    VIR_WAR_NO_NETWORK = 41,
    VIR_ERR_NO_DOMAIN = 42,
    VIR_ERR_NO_NETWORK = 43,
    VIR_ERR_INVALID_MAC = 44,
    VIR_ERR_AUTH_FAILED = 45,
    VIR_ERR_INVALID_STORAGE_POOL = 46,
    VIR_ERR_INVALID_STORAGE_VOL = 47,
    VIR_WAR_NO_STORAGE = 48,
    VIR_ERR_NO_STORAGE_POOL = 49,
    VIR_ERR_NO_STORAGE_VOL = 50,
    VIR_WAR_NO_NODE = 51,
    VIR_ERR_INVALID_NODE_DEVICE = 52,
    VIR_ERR_NO_NODE_DEVICE = 53,
    VIR_ERR_NO_SECURITY_MODEL = 54,
    VIR_ERR_OPERATION_INVALID = 55,
    VIR_WAR_NO_INTERFACE = 56,
    VIR_ERR_NO_INTERFACE = 57,
    VIR_ERR_INVALID_INTERFACE = 58,
    VIR_ERR_MULTIPLE_INTERFACES = 59,
    VIR_WAR_NO_NWFILTER = 60,
    VIR_ERR_INVALID_NWFILTER = 61,
    VIR_ERR_NO_NWFILTER = 62,
    VIR_ERR_BUILD_FIREWALL = 63,
    VIR_WAR_NO_SECRET = 64,
    VIR_ERR_INVALID_SECRET = 65,
    VIR_ERR_NO_SECRET = 66,
    VIR_ERR_CONFIG_UNSUPPORTED = 67,
    VIR_ERR_OPERATION_TIMEOUT = 68,
    VIR_ERR_MIGRATE_PERSIST_FAILED = 69,
    VIR_ERR_HOOK_SCRIPT_FAILED = 70,
    VIR_ERR_INVALID_DOMAIN_SNAPSHOT = 71,
    VIR_ERR_NO_DOMAIN_SNAPSHOT = 72,
    VIR_ERR_INVALID_STREAM = 73,
    VIR_ERR_ARGUMENT_UNSUPPORTED = 74,
    VIR_ERR_STORAGE_PROBE_FAILED = 75,
    VIR_ERR_STORAGE_POOL_BUILT = 76,
    VIR_ERR_SNAPSHOT_REVERT_RISKY = 77,
    VIR_ERR_OPERATION_ABORTED = 78,
    VIR_ERR_AUTH_CANCELLED = 79,
    VIR_ERR_NO_DOMAIN_METADATA = 80,
    VIR_ERR_MIGRATE_UNSAFE = 81,
    VIR_ERR_OVERFLOW = 82,
    VIR_ERR_BLOCK_COPY_ACTIVE = 83,
    VIR_ERR_OPERATION_UNSUPPORTED = 84,
    VIR_ERR_SSH = 85,
    VIR_ERR_AGENT_UNRESPONSIVE = 86,
    VIR_ERR_RESOURCE_BUSY = 87,
    VIR_ERR_ACCESS_DENIED = 88,
    VIR_ERR_DBUS_SERVICE = 89,
    VIR_ERR_STORAGE_VOL_EXIST = 90,
    VIR_ERR_CPU_INCOMPATIBLE = 91,
    VIR_ERR_XML_INVALID_SCHEMA = 92,
    VIR_ERR_MIGRATE_FINISH_OK = 93,
    VIR_ERR_AUTH_UNAVAILABLE = 94,
    VIR_ERR_NO_SERVER = 95,
    VIR_ERR_NO_CLIENT = 96,
    VIR_ERR_AGENT_UNSYNCED = 97,
    VIR_ERR_LIBSSH = 98,
    VIR_ERR_DEVICE_MISSING = 99,
    VIR_ERR_INVALID_NWFILTER_BINDING = 100,
    VIR_ERR_NO_NWFILTER_BINDING = 101,
    VIR_ERR_INVALID_DOMAIN_CHECKPOINT = 102,
    VIR_ERR_NO_DOMAIN_CHECKPOINT = 103,
    VIR_ERR_NO_DOMAIN_BACKUP = 104,
    VIR_ERR_INVALID_NETWORK_PORT = 105,
    VIR_ERR_NETWORK_PORT_EXIST = 106,
    VIR_ERR_NO_NETWORK_PORT = 107,
    VIR_ERR_NO_HOSTNAME = 108,
    VIR_ERR_CHECKPOINT_INCONSISTENT = 109,
    VIR_ERR_MULTIPLE_DOMAINS = 110,
# ifdef VIR_ENUM_SENTINELS
    VIR_ERR_NUMBER_LAST
# endif
} virErrorNumber;

/**
 * virErrorFunc:
 * @userData: the data given to virSetErrorFunc()
 * @error: the error just raised; valid only during the call
 *
 * Called for every error the library raises in addition to storing it.
 */
typedef void (*virErrorFunc)(void *userData, virErrorPtr error);

virErrorPtr virGetLastError(void);
virErrorPtr virSaveLastError(void);
void virResetLastError(void);
void virResetError(virErrorPtr err);
void virFreeError(virErrorPtr err);

int virGetLastErrorCode(void);
int virGetLastErrorDomain(void);
const char *virGetLastErrorMessage(void);

virErrorPtr virConnGetLastError(virConnectPtr conn);
void virConnResetLastError(virConnectPtr conn);
int virCopyLastError(virErrorPtr to);

void virDefaultErrorFunc(virErrorPtr err);
void virSetErrorFunc(void *userData, virErrorFunc handler);
void virConnSetErrorFunc(virConnectPtr conn, void *userData,
                         virErrorFunc handler);
int virConnCopyLastError(virConnectPtr conn, virErrorPtr to);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_VIRTERROR_H */
