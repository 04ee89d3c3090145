/*
 * virterror.h: how the library reports errors
 *
 * Every failing call leaves a virError in thread-local storage.  The
 * numeric codes and domains are upstream libvirt's: applications compare
 * them, so they never change meaning.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_VIRTERROR_H
# define LIBVIRT_VIRTERROR_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

/**
 * virErrorLevel:
 *
 * How serious an error is.
 */
typedef enum {
    VIR_ERR_NONE = 0,    /* no error */
    VIR_ERR_WARNING = 1, /* something went wrong but the call went on */
    VIR_ERR_ERROR = 2,   /* the call failed */
} virErrorLevel;

/**
 * virErrorDomain:
 *
 * Which part of the library raised an error.  Many values name drivers
 * and subsystems of upstream libvirt that this library does not have;
 * they are listed so that the numbering is upstream's.
 */
typedef enum {
    VIR_FROM_NONE = 0,        /* not attributed */
    VIR_FROM_XEN = 1,         /* Xen hypervisor layer */
    VIR_FROM_XEND = 2,        /* Xen daemon connection */
    VIR_FROM_XENSTORE = 3,    /* Xen store */
    VIR_FROM_SEXPR = 4,       /* S-expression code */
    VIR_FROM_XML = 5,         /* XML handling */
    VIR_FROM_DOM = 6,         /* operations on a domain */
    VIR_FROM_RPC = 7,         /* remote procedure calls */
    VIR_FROM_PROXY = 8,       /* the former proxy (unused) */
    VIR_FROM_CONF = 9,        /* configuration files */
    VIR_FROM_QEMU = 10,       /* the QEMU driver */
    VIR_FROM_NET = 11,        /* network operations */
    VIR_FROM_TEST = 12,       /* the test driver */
    VIR_FROM_REMOTE = 13,     /* the remote driver */
    VIR_FROM_OPENVZ = 14,     /* the OpenVZ driver */
    VIR_FROM_XENXM = 15,      /* Xen XM layer */
    VIR_FROM_STATS_LINUX = 16, /* Linux statistics */
    VIR_FROM_LXC = 17,        /* the container driver */
    VIR_FROM_STORAGE = 18,    /* storage */
    VIR_FROM_NETWORK = 19,    /* network configuration */
    VIR_FROM_DOMAIN = 20,     /* domain configuration (XML) */
    VIR_FROM_UML = 21,        /* the former UML driver (unused) */
    VIR_FROM_NODEDEV = 22,    /* host devices */
    VIR_FROM_XEN_INOTIFY = 23, /* Xen inotify */
    VIR_FROM_SECURITY = 24,   /* security drivers */
    VIR_FROM_VBOX = 25,       /* the VirtualBox driver */
    VIR_FROM_INTERFACE = 26,  /* host interfaces */
    VIR_FROM_ONE = 27,        /* the former OpenNebula driver (unused) */
    VIR_FROM_ESX = 28,        /* the ESX driver */
    VIR_FROM_PHYP = 29,       /* the former PHYP driver (unused) */
    VIR_FROM_SECRET = 30,     /* secrets */
    VIR_FROM_CPU = 31,        /* CPU models */
    VIR_FROM_XENAPI = 32,     /* XenAPI */
    VIR_FROM_NWFILTER = 33,   /* network filters */
    VIR_FROM_HOOK = 34,       /* hook scripts */
    VIR_FROM_DOMAIN_SNAPSHOT = 35, /* domain snapshots */
    VIR_FROM_AUDIT = 36,      /* auditing */
    VIR_FROM_SYSINFO = 37,    /* SMBIOS information */
    VIR_FROM_STREAMS = 38,    /* data streams */
    VIR_FROM_VMWARE = 39,     /* the VMware driver */
    VIR_FROM_EVENT = 40,      /* the event loop */
    VIR_FROM_LIBXL = 41,      /* the libxl driver */
    VIR_FROM_LOCKING = 42,    /* lock managers */
    VIR_FROM_HYPERV = 43,     /* the Hyper-V driver */
    VIR_FROM_CAPABILITIES = 44, /* hypervisor capabilities */
    VIR_FROM_URI = 45,        /* connection URIs */
    VIR_FROM_AUTH = 46,       /* authentication */
    VIR_FROM_DBUS = 47,       /* D-Bus */
    VIR_FROM_PARALLELS = 48,  /* the Parallels driver */
    VIR_FROM_DEVICE = 49,     /* devices */
    VIR_FROM_SSH = 50,        /* the libssh2 transport */
    VIR_FROM_LOCKSPACE = 51,  /* lock spaces */
    VIR_FROM_INITCTL = 52,    /* container init control */
    VIR_FROM_IDENTITY = 53,   /* caller identity */
    VIR_FROM_CGROUP = 54,     /* control groups */
    VIR_FROM_ACCESS = 55,     /* access control */
    VIR_FROM_SYSTEMD = 56,    /* systemd */
    VIR_FROM_BHYVE = 57,      /* the bhyve driver */
    VIR_FROM_CRYPTO = 58,     /* cryptography */
    VIR_FROM_FIREWALL = 59,   /* firewall rules */
    VIR_FROM_POLKIT = 60,     /* polkit */
    VIR_FROM_THREAD = 61,     /* threads */
    VIR_FROM_ADMIN = 62,      /* the admin interface */
    VIR_FROM_LOGGING = 63,    /* the log manager */
    VIR_FROM_XENXL = 64,      /* Xen xl configuration */
    VIR_FROM_PERF = 65,       /* performance counters */
    VIR_FROM_LIBSSH = 66,     /* the libssh transport */
    VIR_FROM_RESCTRL = 67,    /* resource control */
    VIR_FROM_FIREWALLD = 68,  /* firewalld */
    VIR_FROM_DOMAIN_CHECKPOINT = 69, /* domain checkpoints */
    VIR_FROM_TPM = 70,        /* TPM emulation */
    VIR_FROM_BPF = 71,        /* BPF programs */
    VIR_FROM_CH = 72,         /* the Cloud Hypervisor driver */
# ifdef VIR_ENUM_SENTINELS
    VIR_ERR_DOMAIN_LAST
# endif
} virErrorDomain;

/**
 * virError:
 *
 * One error.  @code and @domain are what applications should test;
 * @message is for people.  The deprecated object pointers hold no
 * reference and are always NULL here.
 */
typedef struct _virError virError;
typedef virError *virErrorPtr;
struct _virError {
    int code;            /* a virErrorNumber */
    int domain;          /* a virErrorDomain */
    char *message;       /* what went wrong, in words */
    virErrorLevel level; /* how serious it is */
    virConnectPtr conn VIR_DEPRECATED; /* unused, NULL */
    virDomainPtr dom VIR_DEPRECATED;   /* unused, NULL */
    char *str1;          /* extra detail, may be NULL */
    char *str2;          /* extra detail, may be NULL */
    char *str3;          /* extra detail, may be NULL */
    int int1;            /* extra detail */
    int int2;            /* extra detail */
    virNetworkPtr net VIR_DEPRECATED;  /* unused, NULL */
};

/**
 * virErrorNumber:
 *
 * What went wrong.  The numbering is upstream's and never changes;
 * many codes concern drivers this library does not have.
 */
typedef enum {
    VIR_ERR_OK = 0,                  /* no error */
    VIR_ERR_INTERNAL_ERROR = 1,      /* a bug or an impossible condition */
    VIR_ERR_NO_MEMORY = 2,           /* memory allocation failed */
    VIR_ERR_NO_SUPPORT = 3,          /* the driver does not implement the call */
    VIR_ERR_UNKNOWN_HOST = 4,        /* a host name did not resolve */
    VIR_ERR_NO_CONNECT = 5,          /* no driver could open the URI */
    VIR_ERR_INVALID_CONN = 6,        /* not a valid connection */
    VIR_ERR_INVALID_DOMAIN = 7,      /* not a valid domain object */
    VIR_ERR_INVALID_ARG = 8,         /* a bad argument, e.g. unknown flags */
    VIR_ERR_OPERATION_FAILED = 9,    /* the hypervisor could not do it */
    VIR_ERR_GET_FAILED = 10,         /* an HTTP GET failed */
    VIR_ERR_POST_FAILED = 11,        /* an HTTP POST failed */
    VIR_ERR_HTTP_ERROR = 12,         /* an unexpected HTTP status */
    VIR_ERR_SEXPR_SERIAL = 13,       /* an S-expression could not be written */
    VIR_ERR_NO_XEN = 14,             /* Xen could not be opened */
    VIR_ERR_XEN_CALL = 15,           /* a Xen call failed */
    VIR_ERR_OS_TYPE = 16,            /* an unknown OS type */
    VIR_ERR_NO_KERNEL = 17,          /* no kernel given */
    VIR_ERR_NO_ROOT = 18,            /* no root device given */
    VIR_ERR_NO_SOURCE = 19,          /* no device source given */
    VIR_ERR_NO_TARGET = 20,          /* no device target given */
    VIR_ERR_NO_NAME = 21,            /* no domain name given */
    VIR_ERR_NO_OS = 22,              /* no OS section given */
    VIR_ERR_NO_DEVICE = 23,          /* no devices given */
    VIR_ERR_NO_XENSTORE = 24,        /* the Xen store could not be opened */
    VIR_ERR_DRIVER_FULL = 25,        /* too many drivers */
    VIR_ERR_CALL_FAILED = 26,        /* no driver supports the call */
    VIR_ERR_XML_ERROR = 27,          /* XML that is malformed or invalid */
    VIR_ERR_DOM_EXIST = 28,          /* the domain exists already */
    VIR_ERR_OPERATION_DENIED = 29,   /* refused, e.g. on a read-only connection */
    VIR_ERR_OPEN_FAILED = 30,        /* a configuration file could not be opened */
    VIR_ERR_READ_FAILED = 31,        /* a configuration file could not be read */
    VIR_ERR_PARSE_FAILED = 32,       /* a configuration file could not be parsed */
    VIR_ERR_CONF_SYNTAX = 33,        /* a configuration file has a syntax error */
    VIR_ERR_WRITE_FAILED = 34,       /* a configuration file could not be written */
    VIR_ERR_XML_DETAIL = 35,         /* more detail on an XML error */
    VIR_ERR_INVALID_NETWORK = 36,    /* not a valid network object */
    VIR_ERR_NETWORK_EXIST = 37,      /* the network exists already */
    VIR_ERR_SYSTEM_ERROR = 38,       /* a system call failed */
    VIR_ERR_RPC = 39,                /* a remote procedure call failed */
    VIR_ERR_GNUTLS_ERROR = 40,       /* a TLS call failed */
    VIR_WAR_NO_NETWORK = 41,         /* the network driver did not start */
    VIR_ERR_NO_DOMAIN = 42,          /* no such domain */
    VIR_ERR_NO_NETWORK = 43,         /* no such network */
    VIR_ERR_INVALID_MAC = 44,        /* a malformed MAC address */
    VIR_ERR_AUTH_FAILED = 45,        /* authentication failed */
    VIR_ERR_INVALID_STORAGE_POOL = 46, /* not a valid storage pool object */
    VIR_ERR_INVALID_STORAGE_VOL = 47,  /* not a valid storage volume object */
    VIR_WAR_NO_STORAGE = 48,         /* the storage driver did not start */
    VIR_ERR_NO_STORAGE_POOL = 49,    /* no such storage pool */
    VIR_ERR_NO_STORAGE_VOL = 50,     /* no such storage volume */
    VIR_WAR_NO_NODE = 51,            /* the node device driver did not start */
    VIR_ERR_INVALID_NODE_DEVICE = 52, /* not a valid node device object */
    VIR_ERR_NO_NODE_DEVICE = 53,     /* no such node device */
    VIR_ERR_NO_SECURITY_MODEL = 54,  /* no such security model */
    VIR_ERR_OPERATION_INVALID = 55,  /* not possible in the object's current state */
    VIR_WAR_NO_INTERFACE = 56,       /* the interface driver did not start */
    VIR_ERR_NO_INTERFACE = 57,       /* no such interface */
    VIR_ERR_INVALID_INTERFACE = 58,  /* not a valid interface object */
    VIR_ERR_MULTIPLE_INTERFACES = 59, /* several interfaces match */
    VIR_WAR_NO_NWFILTER = 60,        /* the filter driver did not start */
    VIR_ERR_INVALID_NWFILTER = 61,   /* not a valid filter object */
    VIR_ERR_NO_NWFILTER = 62,        /* no such filter */
    VIR_ERR_BUILD_FIREWALL = 63,     /* firewall rules could not be built */
    VIR_WAR_NO_SECRET = 64,          /* the secret driver did not start */
    VIR_ERR_INVALID_SECRET = 65,     /* not a valid secret object */
    VIR_ERR_NO_SECRET = 66,          /* no such secret */
    VIR_ERR_CONFIG_UNSUPPORTED = 67, /* a configuration this driver cannot honour */
    VIR_ERR_OPERATION_TIMEOUT = 68,  /* the operation timed out */
    VIR_ERR_MIGRATE_PERSIST_FAILED = 69, /* migrated, but not made persistent */
    VIR_ERR_HOOK_SCRIPT_FAILED = 70, /* a hook script failed */
    VIR_ERR_INVALID_DOMAIN_SNAPSHOT = 71, /* not a valid snapshot object */
    VIR_ERR_NO_DOMAIN_SNAPSHOT = 72, /* no such snapshot */
    VIR_ERR_INVALID_STREAM = 73,     /* not a valid stream object */
    VIR_ERR_ARGUMENT_UNSUPPORTED = 74, /* a valid argument this driver cannot honour */
    VIR_ERR_STORAGE_PROBE_FAILED = 75, /* a storage probe failed */
    VIR_ERR_STORAGE_POOL_BUILT = 76, /* the storage pool exists already */
    VIR_ERR_SNAPSHOT_REVERT_RISKY = 77, /* a snapshot revert needs force */
    VIR_ERR_OPERATION_ABORTED = 78,  /* the operation was aborted */
    VIR_ERR_AUTH_CANCELLED = 79,     /* authentication was cancelled */
    VIR_ERR_NO_DOMAIN_METADATA = 80, /* no such metadata */
    VIR_ERR_MIGRATE_UNSAFE = 81,     /* the migration is not safe */
    VIR_ERR_OVERFLOW = 82,           /* a number does not fit */
    VIR_ERR_BLOCK_COPY_ACTIVE = 83,  /* a block copy job is in the way */
    VIR_ERR_OPERATION_UNSUPPORTED = 84, /* the driver cannot do this operation */
    VIR_ERR_SSH = 85,                /* the SSH transport failed */
    VIR_ERR_AGENT_UNRESPONSIVE = 86, /* the guest agent does not answer */
    VIR_ERR_RESOURCE_BUSY = 87,      /* the resource is in use */
    VIR_ERR_ACCESS_DENIED = 88,      /* access control refused the call */
    VIR_ERR_DBUS_SERVICE = 89,       /* a D-Bus service failed */
    VIR_ERR_STORAGE_VOL_EXIST = 90,  /* the storage volume exists already */
    VIR_ERR_CPU_INCOMPATIBLE = 91,   /* the CPU does not fit the host */
    VIR_ERR_XML_INVALID_SCHEMA = 92, /* the XML does not match the schema */
    VIR_ERR_MIGRATE_FINISH_OK = 93,  /* migration finished; NULL is expected */
    VIR_ERR_AUTH_UNAVAILABLE = 94,   /* authentication is not available */
    VIR_ERR_NO_SERVER = 95,          /* no such server */
    VIR_ERR_NO_CLIENT = 96,          /* no such client */
    VIR_ERR_AGENT_UNSYNCED = 97,     /* the guest agent answered out of turn */
    VIR_ERR_LIBSSH = 98,             /* the libssh transport failed */
    VIR_ERR_DEVICE_MISSING = 99,     /* no such device */
    VIR_ERR_INVALID_NWFILTER_BINDING = 100, /* not a valid filter binding */
    VIR_ERR_NO_NWFILTER_BINDING = 101, /* no such filter binding */
    VIR_ERR_INVALID_DOMAIN_CHECKPOINT = 102, /* not a valid checkpoint object */
    VIR_ERR_NO_DOMAIN_CHECKPOINT = 103, /* no such checkpoint */
    VIR_ERR_NO_DOMAIN_BACKUP = 104,  /* no such backup job */
    VIR_ERR_INVALID_NETWORK_PORT = 105, /* not a valid network port object */
    VIR_ERR_NETWORK_PORT_EXIST = 106, /* the network port exists already */
    VIR_ERR_NO_NETWORK_PORT = 107,   /* no such network port */
    VIR_ERR_NO_HOSTNAME = 108,       /* the domain's host name is not known */
    VIR_ERR_CHECKPOINT_INCONSISTENT = 109, /* the checkpoint cannot be used */
    VIR_ERR_MULTIPLE_DOMAINS = 110,  /* several domains match */
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
