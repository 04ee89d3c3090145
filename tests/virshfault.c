/*
 * virshfault.c: makes chosen public API calls of a virsh run fail
 *
 * Some of virsh's error paths need a call to fail that real QEMU and a
 * sane root never make fail (the host name, the URI, the state of a
 * domain that was just found).  The virsh tests preload this library
 * (LD_PRELOAD) and name the calls in VIRSH_FAULTS, comma separated:
 *
 *   NAME         the call fails: the real function is called on a NULL
 *                connection or domain, so that the library itself
 *                reports the error, as it would any failure
 *   NAME:MODE    the call succeeds with a made-up result:
 *                  virConnectGetVersion:zero  a version of 0 (unknown)
 *                  virDomainGetInfo:nolimit   no memory limit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))


/* Whether VIRSH_FAULTS names @name (with @mode, or alone if NULL). */
static bool
virshFaulty(const char *name, const char *mode)
{
    const char *faults = getenv("VIRSH_FAULTS");
    size_t len = strlen(name);
    const char *p = faults;

    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);

        if (n >= len && strncmp(p, name, len) == 0) {
            if (!mode && n == len)
                return true;
            if (mode && n == len + 1 + strlen(mode) && p[len] == ':' &&
                strncmp(p + len + 1, mode, strlen(mode)) == 0)
                return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

#define CONN(name, conn) (virshFaulty(name, NULL) ? NULL : (conn))
#define DOM(name, dom) (virshFaulty(name, NULL) ? NULL : (dom))


int
virInitialize(void)
{
    if (virshFaulty("virInitialize", NULL))
        return -1;
    return REAL(virInitialize)();
}


int
virConnectClose(virConnectPtr conn)
{
    if (virshFaulty("virConnectClose", NULL)) {
        /* The connection goes all the same, so that a leak checker
         * (the ASan pass) finds nothing; the failure is reported as
         * for any other faulted call. */
        REAL(virConnectClose)(conn);
        return REAL(virConnectClose)(NULL);
    }
    return REAL(virConnectClose)(conn);
}


char *
virConnectGetHostname(virConnectPtr conn)
{
    return REAL(virConnectGetHostname)(CONN("virConnectGetHostname", conn));
}


char *
virConnectGetURI(virConnectPtr conn)
{
    return REAL(virConnectGetURI)(CONN("virConnectGetURI", conn));
}


const char *
virConnectGetType(virConnectPtr conn)
{
    return REAL(virConnectGetType)(CONN("virConnectGetType", conn));
}


int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    if (virshFaulty("virGetVersion", NULL))
        type = "no-such-driver";
    return REAL(virGetVersion)(libVer, type, typeVer);
}


int
virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    int ret = REAL(virConnectGetVersion)(CONN("virConnectGetVersion", conn), hvVer);

    if (ret == 0 && virshFaulty("virConnectGetVersion", "zero"))
        *hvVer = 0;
    return ret;
}


int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    return REAL(virConnectGetLibVersion)(CONN("virConnectGetLibVersion", conn),
                                         libVer);
}


int
virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                         unsigned int flags)
{
    return REAL(virConnectListAllDomains)(CONN("virConnectListAllDomains", conn),
                                          domains, flags);
}


int
virDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    return REAL(virDomainGetState)(DOM("virDomainGetState", dom), state, reason,
                                   flags);
}


int
virDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    int ret = REAL(virDomainGetInfo)(DOM("virDomainGetInfo", dom), info);

    if (ret == 0 && virshFaulty("virDomainGetInfo", "nolimit"))
        info->maxMem = (unsigned int)-1;
    return ret;
}


int
virDomainGetUUIDString(virDomainPtr dom, char *buf)
{
    return REAL(virDomainGetUUIDString)(DOM("virDomainGetUUIDString", dom), buf);
}


char *
virDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    return REAL(virDomainGetXMLDesc)(DOM("virDomainGetXMLDesc", dom), flags);
}


char *
virDomainGetOSType(virDomainPtr dom)
{
    return REAL(virDomainGetOSType)(DOM("virDomainGetOSType", dom));
}


int
virDomainIsPersistent(virDomainPtr dom)
{
    return REAL(virDomainIsPersistent)(DOM("virDomainIsPersistent", dom));
}


int
virDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    return REAL(virDomainGetAutostart)(DOM("virDomainGetAutostart", dom), autostart);
}
