/*
 * A deliberately wrong public header, for selftest.py: each mistake the
 * conformance checks must name is marked with what upstream has.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_H
# define LIBVIRT_H

# include <sys/types.h>

# ifdef __cplusplus
extern "C" {
# endif

# define LIBVIR_VERSION_NUMBER 8000000                 /* upstream: 9000000 */
# define VIR_UUID_BUFLEN (16U)                          /* upstream: an int */
# define VIR_UUID_STRING_BUFLEN (36 + 1)                /* right */
# define VIR_DOMAIN_SCHEDULER_CPU_SHARES "cpu-shares"   /* upstream: "cpu_shares" */
# define VIR_DOMAIN_BLKIO_WEIGHT "weight"               /* right */
# define VIR_DOMAIN_GRACE_TIMEOUT 15                    /* upstream: none */
# define VIR_DOMAIN_GRACE_ATTR __attribute__((unused))  /* not a value */

typedef void (*virFreeCallback)(void *opaque, int why); /* upstream: one argument */

typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;
typedef struct _virDomain virDomain;
typedef virDomain *virDomainPtr;
typedef struct _virNetwork virNetwork;
typedef virNetwork *virNetworkPtr;

typedef enum {
    VIR_DOMAIN_NOSTATE = 0,
    VIR_DOMAIN_RUNNING = 2,     /* upstream: 1 */
    VIR_DOMAIN_BLOCKED = 1,     /* upstream: 2 */
    VIR_DOMAIN_PAUSED = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST             /* upstream: 8 */
# endif
} virDomainState;

typedef enum {
    VIR_DOMAIN_GRACE_NONE = 0,  /* upstream: none */
} virDomainGraceFlags;          /* upstream: none */

typedef struct _virDomainInfo virDomainInfo;
struct _virDomainInfo {
    unsigned char state;
    unsigned int maxMem;        /* upstream: unsigned long */
    unsigned long memory;
    unsigned short nrVirtCpu;
    unsigned long long cpuTime;
};

typedef struct _virConnectCredential virConnectCredential;
struct _virConnectCredential {
    int type;
    const char *challenge;      /* upstream: after prompt */
    const char *prompt;
    const char *defresult;
    char *result;
    int graceExtra;             /* upstream: unsigned int resultlen */
};

struct _virGraceStats {         /* upstream: none */
    int stops;
};

extern virConnectPtr virConnectAuthPtrDefault;  /* upstream: a virConnectAuthPtr */

int virConnectClose(virConnectPtr conn);                        /* right */
int virDomainDestroy(virDomainPtr domain, unsigned int flags);  /* upstream: no flags */
char *virConnectGetType(virConnectPtr conn);                    /* upstream: const char * */
int virDomainGraceStop(virDomainPtr domain);                    /* upstream: none */

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_H */
