/*
 * datatypes.h: the objects behind virConnectPtr and virDomainPtr
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "driver.h"

#define VIR_CONNECT_MAGIC 0x4c56434fU /* "LVCO" */
#define VIR_DOMAIN_MAGIC 0x4c56444dU  /* "LVDM" */

/*
 * A connection.  Reference counted: each virDomainPtr holds one, so a
 * connection outlives virConnectClose() while domain handles exist.
 */
struct _virConnect {
    unsigned int magic;
    gint refs;
    unsigned int flags;              /* virConnectFlags (VIR_CONNECT_RO) */
    char *uri;                       /* as the driver canonicalised it */
    const virHypervisorDriver *driver;
    void *privateData;               /* the driver's, freed by connectClose */

    GMutex lock;                     /* protects what follows */
    virErrorFunc handler;            /* virConnSetErrorFunc */
    void *userData;
    virError err;                    /* the connection's last error */
};

/* A handle on a domain: a name, a UUID and an ID at the time it was
 * made; the driver looks the domain up again on every call. */
struct _virDomain {
    unsigned int magic;
    gint refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                          /* -1 when not running */
};

virConnectPtr virGetConnect(void);
virDomainPtr virGetDomain(virConnectPtr conn, const char *name,
                          const unsigned char *uuid, int id);

/* Reference counting.  Unref returns the references left. */
void virConnectRefInternal(virConnectPtr conn);
int virConnectUnrefInternal(virConnectPtr conn);
void virDomainRefInternal(virDomainPtr dom);
int virDomainUnrefInternal(virDomainPtr dom);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, virDomainUnrefInternal);

bool virConnectIsValid(virConnectPtr conn);
bool virDomainIsValid(virDomainPtr dom);

/* Every failing public entry point calls this once: copies the error to
 * the connection and hands it to the applicable handler. */
void virDispatchError(virConnectPtr conn);

/*
 * Argument checks at the top of public entry points.  They report
 * upstream's errors (VIR_ERR_INVALID_CONN / VIR_ERR_INVALID_DOMAIN with
 * the function's name) and dispatch them.
 */
#define virCheckConnectReturn(conn, retval) \
    do { \
        if (!virConnectIsValid(conn)) { \
            virReportError(VIR_ERR_INVALID_CONN, "%s", __func__); \
            virDispatchError(NULL); \
            return retval; \
        } \
    } while (0)

#define virCheckDomainReturn(dom, retval) \
    do { \
        if (!virDomainIsValid(dom)) { \
            virReportError(VIR_ERR_INVALID_DOMAIN, "%s", __func__); \
            virDispatchError(NULL); \
            return retval; \
        } \
    } while (0)
