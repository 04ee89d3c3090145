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
    return virObjectIsValid(dom, VIR_DOMAIN_MAGIC);
}


/**
 * virObjectIsValid:
 * @obj: a handle from the application, or NULL
 * @magic: the magic number of the type it must have
 *
 * Best-effort detection of NULL, released and mistyped handles.
 */
bool
virObjectIsValid(const void *obj, unsigned int magic)
{
    const virObjectBase *base = obj;

    return base && base->magic == magic && g_atomic_int_get(&base->refs) > 0;
}


void
virObjectRefInternal(virObjectBase *obj)
{
    g_atomic_int_inc(&obj->refs);
}


/**
 * virObjectUnrefInternal:
 * @obj: a handle
 *
 * Drops a reference; the last one releases what the handle holds.
 *
 * Returns: the references left (0 when freed).
 */
int
virObjectUnrefInternal(virObjectBase *obj)
{
    if (!obj)
        return 0;
    if (!g_atomic_int_dec_and_test(&obj->refs))
        return g_atomic_int_get(&obj->refs);
    obj->magic = 0;
    obj->dispose(obj);
    return 0;
}


void
virConnectRefInternal(virConnectPtr conn)
{
    g_atomic_int_inc(&conn->refs);
}


/**
 * virConnectTryRefInternal:
 * @conn: a connection that may be closing
 *
 * Takes a reference unless the last one is already gone (the connection
 * is being closed and freed): for a thread of the driver that did not
 * get @conn from the application.
 *
 * Returns: whether a reference was taken.
 */
bool
virConnectTryRefInternal(virConnectPtr conn)
{
    for (;;) {
        gint refs = g_atomic_int_get(&conn->refs);

        if (refs <= 0)
            return false;
        if (g_atomic_int_compare_and_exchange(&conn->refs, refs, refs + 1))
            return true;
    }
}


/**
 * virConnectCloseCallbackRegister:
 * @conn: a connection
 * @cb, @opaque, @freecb: as for virConnectRegisterCloseCallback()
 *
 * The one close callback of @conn, for the drivers' connectRegisterCloseCallback.
 *
 * Returns: 0, or -1 with VIR_ERR_OPERATION_INVALID when one is already
 * registered.
 */
int
virConnectCloseCallbackRegister(virConnectPtr conn, virConnectCloseFunc cb,
                                void *opaque, virFreeCallback freecb)
{
    int ret = -1;

    g_mutex_lock(&conn->lock);
    if (conn->closeCallback) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("A close callback is already registered"));
        goto cleanup;
    }
    conn->closeCallback = cb;
    conn->closeOpaque = opaque;
    conn->closeFreeCallback = freecb;
    ret = 0;

 cleanup:
    g_mutex_unlock(&conn->lock);
    return ret;
}


/* Takes the close callback off @conn if it is @expected (any, when
 * NULL): returns it with its data and free callback, or NULL. */
static virConnectCloseFunc
virConnectCloseCallbackTake(virConnectPtr conn, virConnectCloseFunc expected,
                            void **opaque, virFreeCallback *freecb)
{
    virConnectCloseFunc cb;

    g_mutex_lock(&conn->lock);
    cb = conn->closeCallback;
    if (!cb || (expected && cb != expected)) {
        g_mutex_unlock(&conn->lock);
        return NULL;
    }
    *opaque = conn->closeOpaque;
    *freecb = conn->closeFreeCallback;
    conn->closeCallback = NULL;
    conn->closeOpaque = NULL;
    conn->closeFreeCallback = NULL;
    g_mutex_unlock(&conn->lock);
    return cb;
}


/**
 * virConnectCloseCallbackUnregister:
 * @conn: a connection
 * @cb: the callback registered
 *
 * Removes @cb and releases its data (its free callback runs here, with
 * no lock held).
 *
 * Returns: 0, or -1 with VIR_ERR_OPERATION_INVALID when @cb is not the
 * registered one.
 */
int
virConnectCloseCallbackUnregister(virConnectPtr conn, virConnectCloseFunc cb)
{
    virFreeCallback freecb;
    void *opaque;

    if (!virConnectCloseCallbackTake(conn, cb, &opaque, &freecb)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("A different callback was requested"));
        return -1;
    }
    if (freecb)
        freecb(opaque);
    return 0;
}


/**
 * virConnectCloseCallbackFire:
 * @conn: a connection that closed without the application asking
 * @reason: a virConnectCloseReason
 *
 * Calls the close callback, if any, once: it is unregistered (and its
 * data released) after it ran, as the connection will not close twice.
 * The caller holds a reference on @conn.
 */
void
virConnectCloseCallbackFire(virConnectPtr conn, int reason)
{
    virFreeCallback freecb;
    void *opaque;
    virConnectCloseFunc cb = virConnectCloseCallbackTake(conn, NULL, &opaque, &freecb);

    VIR_DEBUG("connection %p closed, reason %d, callback %p", conn, reason, cb);
    if (!cb)
        return;
    cb(conn, reason, opaque);
    if (freecb)
        freecb(opaque);
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
    if (conn->closeFreeCallback)
        conn->closeFreeCallback(conn->closeOpaque);
    conn->magic = 0;
    g_free(conn->uri);
    virResetError(&conn->err);
    g_mutex_clear(&conn->lock);
    g_free(conn);
    return 0;
}


static void
virDomainDispose(virObjectBase *obj)
{
    virDomainPtr dom = (virDomainPtr)obj;
    virConnectPtr conn = dom->conn;

    g_free(dom->name);
    g_free(dom);
    virConnectUnrefInternal(conn);
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

    dom->object.magic = VIR_DOMAIN_MAGIC;
    dom->object.refs = 1;
    dom->object.dispose = virDomainDispose;
    virConnectRefInternal(conn);
    dom->conn = conn;
    dom->name = g_strdup(name);
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    dom->id = id;
    return dom;
}


/**
 * virDomainUnrefInternal:
 * @dom: a handle, or NULL
 *
 * Returns: the references left (0 when freed).
 */
int
virDomainUnrefInternal(virDomainPtr dom)
{
    if (!dom)
        return 0;
    return virObjectUnrefInternal(&dom->object);
}


static void
virNetworkDispose(virObjectBase *obj)
{
    virNetworkPtr net = (virNetworkPtr)obj;
    virConnectPtr conn = net->conn;

    g_free(net->name);
    g_free(net);
    virConnectUnrefInternal(conn);
}


/**
 * virGetNetwork:
 * @conn: the connection (gains a reference)
 * @name: the network's name
 * @uuid: its UUID
 *
 * For network drivers to hand out handles.
 *
 * Returns: a new handle with one reference.
 */
virNetworkPtr
virGetNetwork(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNetworkPtr net = g_new0(virNetwork, 1);

    net->object.magic = VIR_NETWORK_MAGIC;
    net->object.refs = 1;
    net->object.dispose = virNetworkDispose;
    virConnectRefInternal(conn);
    net->conn = conn;
    net->name = g_strdup(name);
    memcpy(net->uuid, uuid, VIR_UUID_BUFLEN);
    return net;
}


static void
virStoragePoolDispose(virObjectBase *obj)
{
    virStoragePoolPtr pool = (virStoragePoolPtr)obj;
    virConnectPtr conn = pool->conn;

    g_free(pool->name);
    g_free(pool);
    virConnectUnrefInternal(conn);
}


/**
 * virGetStoragePool:
 * @conn: the connection (gains a reference)
 * @name: the pool's name
 * @uuid: its UUID
 *
 * For storage drivers to hand out handles.
 *
 * Returns: a new handle with one reference.
 */
virStoragePoolPtr
virGetStoragePool(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virStoragePoolPtr pool = g_new0(virStoragePool, 1);

    pool->object.magic = VIR_STORAGE_POOL_MAGIC;
    pool->object.refs = 1;
    pool->object.dispose = virStoragePoolDispose;
    virConnectRefInternal(conn);
    pool->conn = conn;
    pool->name = g_strdup(name);
    memcpy(pool->uuid, uuid, VIR_UUID_BUFLEN);
    return pool;
}


/* Drops a reference without touching the thread's last error (the
 * public virStoragePoolFree resets it): for handles released on the
 * way out of a failed call. */
int
virStoragePoolUnrefInternal(virStoragePoolPtr pool)
{
    if (!pool)
        return 0;
    return virObjectUnrefInternal(&pool->object);
}


static void
virStorageVolDispose(virObjectBase *obj)
{
    virStorageVolPtr vol = (virStorageVolPtr)obj;
    virConnectPtr conn = vol->conn;

    g_free(vol->pool);
    g_free(vol->name);
    g_free(vol->key);
    g_free(vol);
    virConnectUnrefInternal(conn);
}


/**
 * virGetStorageVol:
 * @conn: the connection (gains a reference)
 * @pool: the name of the pool holding the volume
 * @name: the volume's name in that pool
 * @key: its key (for a file, its path)
 *
 * For storage drivers to hand out handles.
 *
 * Returns: a new handle with one reference.
 */
virStorageVolPtr
virGetStorageVol(virConnectPtr conn, const char *pool, const char *name,
                 const char *key)
{
    virStorageVolPtr vol = g_new0(virStorageVol, 1);

    vol->object.magic = VIR_STORAGE_VOL_MAGIC;
    vol->object.refs = 1;
    vol->object.dispose = virStorageVolDispose;
    virConnectRefInternal(conn);
    vol->conn = conn;
    vol->pool = g_strdup(pool);
    vol->name = g_strdup(name);
    vol->key = g_strdup(key);
    return vol;
}


/* As virStoragePoolUnrefInternal(), for volumes. */
int
virStorageVolUnrefInternal(virStorageVolPtr vol)
{
    if (!vol)
        return 0;
    return virObjectUnrefInternal(&vol->object);
}


static void
virStreamDispose(virObjectBase *obj)
{
    virStreamPtr st = (virStreamPtr)obj;
    virConnectPtr conn = st->conn;

    if (st->privateFree)
        st->privateFree(st->privateData);
    g_free(st);
    virConnectUnrefInternal(conn);
}


/**
 * virGetStream:
 * @conn: the connection (gains a reference)
 *
 * Returns: a new stream that no driver has opened yet, with one
 * reference.
 */
virStreamPtr
virGetStream(virConnectPtr conn)
{
    virStreamPtr st = g_new0(virStream, 1);

    st->object.magic = VIR_STREAM_MAGIC;
    st->object.refs = 1;
    st->object.dispose = virStreamDispose;
    virConnectRefInternal(conn);
    st->conn = conn;
    return st;
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
