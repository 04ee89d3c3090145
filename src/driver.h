/*
 * driver.h: the table a hypervisor driver fills in
 *
 * The public entry points (libvirt.c, libvirt-domain.c) check their
 * arguments, then call through this table.  A NULL entry means the
 * driver does not implement the call (VIR_ERR_NO_SUPPORT).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef enum {
    VIR_DRV_OPEN_SUCCESS = 0,
    VIR_DRV_OPEN_DECLINED = -1, /* not this driver's URI */
    VIR_DRV_OPEN_ERROR = -2,    /* this driver's URI, but it failed */
} virDrvOpenStatus;

typedef struct _virHypervisorDriver virHypervisorDriver;
struct _virHypervisorDriver {
    const char *name;

    /* @uri is parsed; @conn->uri is already set.  Returns a
     * virDrvOpenStatus; on success conn->privateData is set. */
    virDrvOpenStatus (*connectOpen)(virConnectPtr conn, GUri *uri,
                                    unsigned int flags);
    int (*connectClose)(virConnectPtr conn);
    const char *(*connectGetType)(virConnectPtr conn);
    int (*connectGetVersion)(virConnectPtr conn, unsigned long *hvVer);
    char *(*connectGetHostname)(virConnectPtr conn);
    int (*connectIsAlive)(virConnectPtr conn);
    int (*connectListAllDomains)(virConnectPtr conn, virDomainPtr **domains,
                                 unsigned int flags);
    int (*connectNumOfDomains)(virConnectPtr conn);
    int (*connectListDomains)(virConnectPtr conn, int *ids, int maxids);
    int (*connectNumOfDefinedDomains)(virConnectPtr conn);
    int (*connectListDefinedDomains)(virConnectPtr conn, char **const names,
                                     int maxnames);
    char *(*connectDomainXMLToNative)(virConnectPtr conn, const char *format,
                                      const char *xml, unsigned int flags);
    int (*connectDomainEventRegisterAny)(virConnectPtr conn, virDomainPtr dom,
                                         int eventID,
                                         virConnectDomainEventGenericCallback cb,
                                         void *opaque, virFreeCallback freecb);
    int (*connectDomainEventDeregisterAny)(virConnectPtr conn, int callbackID);

    virDomainPtr (*domainLookupByID)(virConnectPtr conn, int id);
    virDomainPtr (*domainLookupByName)(virConnectPtr conn, const char *name);
    virDomainPtr (*domainLookupByUUID)(virConnectPtr conn,
                                       const unsigned char *uuid);
    virDomainPtr (*domainDefineXMLFlags)(virConnectPtr conn, const char *xml,
                                         unsigned int flags);
    int (*domainUndefineFlags)(virDomainPtr dom, unsigned int flags);
    int (*domainCreateWithFlags)(virDomainPtr dom, unsigned int flags);
    virDomainPtr (*domainCreateXML)(virConnectPtr conn, const char *xml,
                                    unsigned int flags);
    int (*domainShutdownFlags)(virDomainPtr dom, unsigned int flags);
    int (*domainDestroyFlags)(virDomainPtr dom, unsigned int flags);
    int (*domainSuspend)(virDomainPtr dom);
    int (*domainResume)(virDomainPtr dom);
    int (*domainGetState)(virDomainPtr dom, int *state, int *reason,
                          unsigned int flags);
    int (*domainGetInfo)(virDomainPtr dom, virDomainInfoPtr info);
    char *(*domainGetXMLDesc)(virDomainPtr dom, unsigned int flags);
    char *(*domainGetOSType)(virDomainPtr dom);
    unsigned long long (*domainGetMaxMemory)(virDomainPtr dom);
    int (*domainGetAutostart)(virDomainPtr dom, int *autostart);
    int (*domainIsActive)(virDomainPtr dom);
    int (*domainIsPersistent)(virDomainPtr dom);
};
