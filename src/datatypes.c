/*
 * datatypes.c: connection and domain handles
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("datatypes");


/**
 * virGetConnect:
 *
 * Returns: a new connection with one reference and no driver yet.
 */
virConnectPtr
virGetConnect(void)
{
    virConnectPtr conn = g_new0(virConnect, 1);

    conn->magic = VIR_CONNECT_MAGIC;
    conn->refs = 1;
    g_mutex_init(&conn->lock);
    return conn;
}


/**
 * virConnectIsValid:
 * @conn: a handle from the application
 *
 * Best-effort detection of NULL and already-released handles.
 */
bool
virConnectIsValid(virConnectPtr conn)
{
    return conn && conn->magic == VIR_CONNECT_MAGIC &&
           g_atomic_int_get(&conn->refs) > 0;
}


bool
virDomainIsValid(virDomainPtr dom)
{
    return dom && dom->magic == VIR_DOMAIN_MAGIC &&
           g_atomic_int_get(&dom->refs) > 0 && virConnectIsValid(dom->conn);
}


void
virConnectRefInternal(virConnectPtr conn)
{
    g_atomic_int_inc(&conn->refs);
}


/**
 * virConnectUnrefInternal:
 * @conn: a connection
 *
 * Drops a reference; the last one closes the driver side and frees the
 * connection.
 *
 * Returns: the references left.
 */
int
virConnectUnrefInternal(virConnectPtr conn)
{
    int left;

    if (!g_atomic_int_dec_and_test(&conn->refs)) {
        left = g_atomic_int_get(&conn->refs);
        return left;
    }

    VIR_DEBUG("closing connection %p (%s)", conn, NULLSTR(conn->uri));
    if (conn->driver && conn->driver->connectClose)
        conn->driver->connectClose(conn);
    conn->magic = 0;
    g_free(conn->uri);
    virResetError(&conn->err);
    g_mutex_clear(&conn->lock);
    g_free(conn);
    return 0;
}


/**
 * virGetDomain:
 * @conn: the connection (gains a reference)
 * @name: the domain's name
 * @uuid: its UUID
 * @id: its ID, or -1 when not running
 *
 * Returns: a new handle with one reference.
 */
virDomainPtr
virGetDomain(virConnectPtr conn, const char *name, const unsigned char *uuid,
             int id)
{
    virDomainPtr dom = g_new0(virDomain, 1);

    dom->magic = VIR_DOMAIN_MAGIC;
    dom->refs = 1;
    virConnectRefInternal(conn);
    dom->conn = conn;
    dom->name = g_strdup(name);
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    dom->id = id;
    return dom;
}


void
virDomainRefInternal(virDomainPtr dom)
{
    g_atomic_int_inc(&dom->refs);
}


/**
 * virDomainUnrefInternal:
 * @dom: a handle
 *
 * Returns: the references left (0 when freed).
 */
int
virDomainUnrefInternal(virDomainPtr dom)
{
    virConnectPtr conn;

    if (!dom)
        return 0;
    if (!g_atomic_int_dec_and_test(&dom->refs))
        return g_atomic_int_get(&dom->refs);

    conn = dom->conn;
    dom->magic = 0;
    g_free(dom->name);
    g_free(dom);
    virConnectUnrefInternal(conn);
    return 0;
}


/**
 * virDispatchError:
 * @conn: the connection the failing call was made on, or NULL
 *
 * Keeps a copy of the thread's last error on @conn (for
 * virConnGetLastError) and hands it to the connection's handler, the
 * process-wide one, or the default one which prints it.
 */
void
virDispatchError(virConnectPtr conn)
{
    virErrorFunc handler = NULL;
    void *userData = NULL;
    virErrorPtr err = virErrorLast();

    if (!err) {
        /* A failure path that forgot to report: never leave the
         * application without an explanation. */
        virReportError(VIR_ERR_INTERNAL_ERROR, NULL);
        err = virErrorLast();
    }

    if (virConnectIsValid(conn)) {
        g_mutex_lock(&conn->lock);
        virErrorCopy(err, &conn->err);
        handler = conn->handler;
        userData = conn->userData;
        g_mutex_unlock(&conn->lock);
    }
    virErrorDispatch(handler, userData);
}
