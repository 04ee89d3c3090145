/*
 * remote_daemon_dispatch.c: from a decoded call to the public API
 *
 * Each client's calls run on the driver connection its CONNECT_OPEN
 * opened in this process, through the public API, exactly as a program
 * linked to the library would make them: argument checks, read-only
 * refusals and errors are the library's own.  The per-procedure
 * marshalling is generated (remote_daemon_gen.h); what is here has a
 * shape no table describes: the handshake, listings, events.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "remote_daemon.h"
#include "datatypes.h"
#include "libvirt_internal.h"
#include "remote_protocol_table.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("remote.remote_daemon_dispatch");

typedef int (*remoteDispatchFunc)(virConnectPtr conn, void *args, void *ret);

/* The calls that need no open connection. */
#define REMOTE_PROC_NEEDS_NO_CONN(proc) \
    ((proc) == REMOTE_PROC_AUTH_LIST || (proc) == REMOTE_PROC_CONNECT_OPEN || \
     (proc) == REMOTE_PROC_CONNECT_SUPPORTS_FEATURE || \
     (proc) == REMOTE_PROC_CONNECT_CLOSE)

typedef struct {
    remoteClient *client;    /* a reference: the event loop may be running
                              * the callback while the client leaves */
    int callbackID;          /* the client's */
    int localID;             /* the driver connection's */
    int eventID;
    bool legacy;             /* registered by 167: events go as 107 */
} remoteEventCallback;


/* Set by remoteDispatchJob for the dispatchers that need the client
 * besides its connection (the handshake, events). */
static __thread remoteClient *remoteDispatchClient;


/* The handle a call names, made on the client's connection as the
 * client sent it: the driver looks the domain up when the call runs, so
 * a stale handle fails there, with the driver's own error. */
static virDomainPtr
remoteGetDomain(virConnectPtr conn, const remote_nonnull_domain *dom)
{
    return virGetDomain(conn, dom->name, (const unsigned char *)dom->uuid,
                        dom->id);
}


/* The wire form of @dom, owning its copy of the name. */
static void
remoteFillDomain(remote_nonnull_domain *dst, virDomainPtr dom)
{
    dst->name = g_strdup(dom->name);
    memcpy(dst->uuid, dom->uuid, VIR_UUID_BUFLEN);
    dst->id = dom->id;
}


static int
remoteDispatchAuthList(virConnectPtr conn G_GNUC_UNUSED, void *args G_GNUC_UNUSED,
                       remote_auth_list_ret *ret)
{
    ret->types.types_len = 1;
    ret->types.types_val = g_new0(remote_auth_type, 1);
    ret->types.types_val[0] = REMOTE_AUTH_NONE;
    return 0;
}


static int
remoteDispatchConnectSupportsFeature(virConnectPtr conn G_GNUC_UNUSED,
                                     remote_connect_supports_feature_args *args,
                                     remote_connect_supports_feature_ret *ret)
{
    switch (args->feature) {
    case VIR_DRV_FEATURE_PROGRAM_KEEPALIVE:
        /* As upstream: a client that asks answers PINGs, so the daemon
         * may ping it and drop it when it stops answering. */
        g_mutex_lock(&remoteDispatchClient->lock);
        remoteDispatchClient->keepalive = true;
        g_mutex_unlock(&remoteDispatchClient->lock);
        ret->supported = 1;
        break;
    case VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK:
    case VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK:
        ret->supported = 1;
        break;
    default:
        ret->supported = 0;
        break;
    }
    return 0;
}


static int
remoteDispatchConnectGetLibVersion(virConnectPtr conn, void *args G_GNUC_UNUSED,
                                   remote_connect_get_lib_version_ret *ret)
{
    unsigned long ver;

    if (virConnectGetLibVersion(conn, &ver) < 0)
        return -1;
    ret->lib_ver = ver;
    return 0;
}


static int
remoteDispatchConnectGetURI(virConnectPtr conn G_GNUC_UNUSED,
                            void *args G_GNUC_UNUSED,
                            remote_connect_get_uri_ret *ret)
{
    /* What the client asked for, not how this daemon reaches its
     * driver: a client of the system daemon sees qemu:///system. */
    ret->uri = g_strdup(remoteDaemonURI());
    return 0;
}


static int
remoteDispatchConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED,
                              void *args G_GNUC_UNUSED,
                              remote_connect_is_secure_ret *ret)
{
    /* A UNIX socket on this host. */
    ret->secure = 1;
    return 0;
}


static int
remoteDispatchConnectRegisterCloseCallback(virConnectPtr conn G_GNUC_UNUSED,
                                           void *args G_GNUC_UNUSED,
                                           void *ret G_GNUC_UNUSED)
{
    /* The driver runs in this daemon: the client's connection closes
     * only with the socket, which the client sees by itself. */
    return 0;
}


static int
remoteDispatchConnectUnregisterCloseCallback(virConnectPtr conn G_GNUC_UNUSED,
                                             void *args G_GNUC_UNUSED,
                                             void *ret G_GNUC_UNUSED)
{
    return 0;
}


static int
remoteDispatchConnectListAllDomains(virConnectPtr conn,
                                    remote_connect_list_all_domains_args *args,
                                    remote_connect_list_all_domains_ret *ret)
{
    virDomainPtr *doms = NULL;
    int n;

    if ((n = virConnectListAllDomains(conn, args->need_results ? &doms : NULL,
                                      args->flags)) < 0)
        return -1;
    if (n > REMOTE_DOMAIN_LIST_MAX) {
        for (int i = 0; doms && i < n; i++)
            virDomainFree(doms[i]);
        free(doms);
        virReportError(VIR_ERR_RPC,
                       _("Too many domains '%1$d' for limit '%2$d'"),
                       n, REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    if (doms) {
        ret->domains.domains_len = n;
        ret->domains.domains_val = g_new0(remote_nonnull_domain, n);
        for (int i = 0; i < n; i++) {
            remoteFillDomain(&ret->domains.domains_val[i], doms[i]);
            virDomainFree(doms[i]);
        }
        free(doms);
    }
    ret->ret = n;
    return 0;
}


static int
remoteDispatchConnectListDomains(virConnectPtr conn,
                                 remote_connect_list_domains_args *args,
                                 remote_connect_list_domains_ret *ret)
{
    int n;

    if (args->maxids < 0 || args->maxids > REMOTE_DOMAIN_LIST_MAX) {
        virReportError(VIR_ERR_RPC, "%s", _("maxids > REMOTE_DOMAIN_LIST_MAX"));
        return -1;
    }
    ret->ids.ids_val = g_new0(int, MAX(args->maxids, 1));
    if ((n = virConnectListDomains(conn, ret->ids.ids_val, args->maxids)) < 0)
        return -1;
    ret->ids.ids_len = n;
    return 0;
}


static int
remoteDispatchConnectListDefinedDomains(virConnectPtr conn,
                                        remote_connect_list_defined_domains_args *args,
                                        remote_connect_list_defined_domains_ret *ret)
{
    int n;

    if (args->maxnames < 0 || args->maxnames > REMOTE_DOMAIN_LIST_MAX) {
        virReportError(VIR_ERR_RPC, "%s", _("maxnames > REMOTE_DOMAIN_LIST_MAX"));
        return -1;
    }
    ret->names.names_val = g_new0(char *, MAX(args->maxnames, 1));
    if ((n = virConnectListDefinedDomains(conn, ret->names.names_val,
                                          args->maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}


static int
remoteDispatchDomainGetInfo(virConnectPtr conn,
                            remote_domain_get_info_args *args,
                            remote_domain_get_info_ret *ret)
{
    g_autoptr(virDomain) dom = NULL;
    virDomainInfo info;

    if (!(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    ret->state = info.state;
    ret->maxMem = info.maxMem;
    ret->memory = info.memory;
    ret->nrVirtCpu = info.nrVirtCpu;
    ret->cpuTime = info.cpuTime;
    return 0;
}


static int
remoteDispatchNodeGetInfo(virConnectPtr conn, void *args G_GNUC_UNUSED,
                          remote_node_get_info_ret *ret)
{
    virNodeInfo info;

    if (virNodeGetInfo(conn, &info) < 0)
        return -1;
    /* Fixed-size on the wire, NUL-terminated or not, as the struct. */
    memcpy(ret->model, info.model, sizeof(ret->model));
    ret->memory = info.memory;
    ret->cpus = info.cpus;
    ret->mhz = info.mhz;
    ret->nodes = info.nodes;
    ret->sockets = info.sockets;
    ret->cores = info.cores;
    ret->threads = info.threads;
    return 0;
}


/* No managed save image and no snapshot exist here; the domain must. */
static int
remoteDispatchDomainHasManagedSaveImage(virConnectPtr conn,
                                        remote_domain_has_managed_save_image_args *args,
                                        remote_domain_has_managed_save_image_ret *ret)
{
    g_autoptr(virDomain) dom = NULL;

    if (args->flags != 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unsupported flags (0x%1$x) in function %2$s"),
                       args->flags, "qemuDomainHasManagedSaveImage");
        return -1;
    }
    if (!(dom = remoteGetDomain(conn, &args->dom)) || virDomainIsActive(dom) < 0)
        return -1;
    ret->result = 0;
    return 0;
}


static int
remoteDispatchDomainSnapshotNum(virConnectPtr conn,
                                remote_domain_snapshot_num_args *args,
                                remote_domain_snapshot_num_ret *ret)
{
    g_autoptr(virDomain) dom = NULL;

    if (!(dom = remoteGetDomain(conn, &args->dom)) || virDomainIsActive(dom) < 0)
        return -1;
    ret->num = 0;
    return 0;
}


/* Not table-driven: the domain comes back with its new ID. */
static int
remoteDispatchDomainCreateWithFlags(virConnectPtr conn,
                                    remote_domain_create_with_flags_args *args,
                                    remote_domain_create_with_flags_ret *ret)
{
    g_autoptr(virDomain) dom = NULL;

    if (!(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (virDomainCreateWithFlags(dom, args->flags) < 0)
        return -1;
    remoteFillDomain(&ret->dom, dom);
    return 0;
}


/* Events.  The client's registration becomes one on its driver
 * connection; what the driver delivers is sent as a MESSAGE. */

static void
remoteEventSend(remoteClient *client, int proc, xdrproc_t filter, void *msg)
{
    virNetMessageHeader hdr = {
        .prog = REMOTE_PROGRAM, .vers = REMOTE_PROTOCOL_VERSION,
        .proc = proc, .type = VIR_NET_MESSAGE, .serial = 1,
        .status = VIR_NET_OK,
    };
    g_autofree char *frame = NULL;
    size_t len;

    if (virNetMessageEncode(&hdr, filter, msg, &frame, &len) < 0 ||
        remoteClientSendFrame(client, frame, len) < 0) {
        VIR_DEBUG("event %d not sent: %s", proc, virGetLastErrorMessage());
        virResetLastError();
    }
}


/* Sends @m, a remote_domain_event_callback_TYPE_msg whose event data is
 * filled in, about @dom: to a legacy registration its inner message by
 * procedure DOMAIN_EVENT_ID, else the whole by DOMAIN_EVENT_CALLBACK_ID
 * with the client's registration ID. */
#define REMOTE_RELAY_SEND(cb, dom, m, ID, type) \
    do { \
        (m).callbackID = (cb)->callbackID; \
        (m).msg.dom.name = (dom)->name; \
        memcpy((m).msg.dom.uuid, (dom)->uuid, VIR_UUID_BUFLEN); \
        (m).msg.dom.id = (dom)->id; \
        if ((cb)->legacy) \
            remoteEventSend((cb)->client, REMOTE_PROC_DOMAIN_EVENT_ ## ID, \
                            (xdrproc_t)xdr_remote_domain_event_ ## type ## _msg, \
                            &(m).msg); \
        else \
            remoteEventSend((cb)->client, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_ ## ID, \
                            (xdrproc_t)xdr_remote_domain_event_callback_ ## type ## _msg, \
                            &(m)); \
    } while (0)


static void
remoteRelayDomainEventLifecycle(virConnectPtr conn G_GNUC_UNUSED,
                                virDomainPtr dom, int event, int detail,
                                void *opaque)
{
    remote_domain_event_callback_lifecycle_msg msg = { 0 };

    msg.msg.event = event;
    msg.msg.detail = detail;
    REMOTE_RELAY_SEND((remoteEventCallback *)opaque, dom, msg, LIFECYCLE, lifecycle);
}


static void
remoteRelayDomainEventReboot(virConnectPtr conn G_GNUC_UNUSED,
                             virDomainPtr dom, void *opaque)
{
    remote_domain_event_callback_reboot_msg msg = { 0 };

    REMOTE_RELAY_SEND((remoteEventCallback *)opaque, dom, msg, REBOOT, reboot);
}

#undef REMOTE_RELAY_SEND


/* The driver fires lifecycle and reboot events only; a registration for
 * any other ID is accepted, as upstream's, and this is what it would
 * call. */
static void
remoteRelayDomainEventOther(void)
{
}


/* The free callback of a registration: runs once the driver will call
 * it no more. */
static void
remoteEventCallbackFree(void *opaque)
{
    remoteEventCallback *cb = opaque;

    remoteClientUnref(cb->client);
    g_free(cb);
}


static int
remoteEventRegister(remoteClient *client, virConnectPtr conn, int eventID,
                    virDomainPtr dom, bool legacy, int *retID)
{
    remoteEventCallback *cb;
    virConnectDomainEventGenericCallback fn;
    int localID;

    if (eventID < 0 || eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unsupported event ID %1$d"),
                       eventID);
        return -1;
    }
    cb = g_new0(remoteEventCallback, 1);
    remoteClientRef(client);
    cb->client = client;
    cb->eventID = eventID;
    cb->legacy = legacy;
    /* The ID is the client's before the first event can fire. */
    g_mutex_lock(&client->lock);
    cb->callbackID = client->nextCallbackID++;
    g_mutex_unlock(&client->lock);
    switch (eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        fn = VIR_DOMAIN_EVENT_CALLBACK(remoteRelayDomainEventLifecycle);
        break;
    case VIR_DOMAIN_EVENT_ID_REBOOT:
        fn = VIR_DOMAIN_EVENT_CALLBACK(remoteRelayDomainEventReboot);
        break;
    default:
        fn = VIR_DOMAIN_EVENT_CALLBACK(remoteRelayDomainEventOther);
        break;
    }
    if ((localID = virConnectDomainEventRegisterAny(conn, dom, eventID, fn, cb,
                                                    remoteEventCallbackFree)) < 0) {
        remoteEventCallbackFree(cb);
        return -1;
    }

    g_mutex_lock(&client->lock);
    cb->localID = localID;
    if (client->closing) {
        /* The client left while this call ran: nothing will deregister
         * it later, and the registration would keep the connection. */
        g_mutex_unlock(&client->lock);
        if (virConnectDomainEventDeregisterAny(conn, localID) < 0)
            virResetLastError();
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("client socket is closed"));
        return -1;
    }
    g_ptr_array_add(client->callbacks, cb);
    *retID = cb->callbackID;
    g_mutex_unlock(&client->lock);
    return 0;
}


/* Removes the client's registration for which @match says yes. */
static int
remoteEventDeregister(remoteClient *client, virConnectPtr conn,
                      bool (*match)(remoteEventCallback *cb, int value),
                      int value)
{
    int localID = -1;

    g_mutex_lock(&client->lock);
    for (size_t i = 0; i < client->callbacks->len; i++) {
        remoteEventCallback *cb = g_ptr_array_index(client->callbacks, i);

        if (match(cb, value)) {
            localID = cb->localID;
            g_ptr_array_remove_index(client->callbacks, i);
            break;
        }
    }
    g_mutex_unlock(&client->lock);
    if (localID < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("domain event %1$d not registered"), value);
        return -1;
    }
    return virConnectDomainEventDeregisterAny(conn, localID);
}


static bool
remoteEventMatchCallbackID(remoteEventCallback *cb, int callbackID)
{
    return !cb->legacy && cb->callbackID == callbackID;
}


static bool
remoteEventMatchLegacyEventID(remoteEventCallback *cb, int eventID)
{
    return cb->legacy && cb->eventID == eventID;
}


static int
remoteDispatchConnectDomainEventCallbackRegisterAny(virConnectPtr conn,
    remote_connect_domain_event_callback_register_any_args *args,
    remote_connect_domain_event_callback_register_any_ret *ret)
{
    g_autoptr(virDomain) dom = NULL;

    if (args->dom && !(dom = remoteGetDomain(conn, args->dom)))
        return -1;
    return remoteEventRegister(remoteDispatchClient, conn, args->eventID, dom,
                               false, &ret->callbackID);
}


static int
remoteDispatchConnectDomainEventCallbackDeregisterAny(virConnectPtr conn,
    remote_connect_domain_event_callback_deregister_any_args *args,
    void *ret G_GNUC_UNUSED)
{
    return remoteEventDeregister(remoteDispatchClient, conn,
                                 remoteEventMatchCallbackID, args->callbackID);
}


static int
remoteDispatchConnectDomainEventRegisterAny(virConnectPtr conn,
    remote_connect_domain_event_register_any_args *args,
    void *ret G_GNUC_UNUSED)
{
    int id;

    /* As upstream: the legacy procedures know only the IDs of their
     * time. */
    if (args->eventID >= VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED + 1 ||
        args->eventID < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unsupported event ID %1$d"),
                       args->eventID);
        return -1;
    }
    return remoteEventRegister(remoteDispatchClient, conn, args->eventID, NULL,
                               true, &id);
}


static int
remoteDispatchConnectDomainEventDeregisterAny(virConnectPtr conn,
    remote_connect_domain_event_deregister_any_args *args,
    void *ret G_GNUC_UNUSED)
{
    return remoteEventDeregister(remoteDispatchClient, conn,
                                 remoteEventMatchLegacyEventID, args->eventID);
}


/* Drops the client's event registrations (each holds a reference to
 * the client) and, if @close, its driver connection. */
static void
remoteClientRelease(remoteClient *client, bool close)
{
    g_autoptr(GPtrArray) callbacks = NULL;
    virConnectPtr conn;

    g_mutex_lock(&client->lock);
    conn = close ? g_steal_pointer(&client->conn) : client->conn;
    if (conn && !close)
        virConnectRef(conn);
    callbacks = g_steal_pointer(&client->callbacks);
    client->callbacks = g_ptr_array_new();
    g_mutex_unlock(&client->lock);

    for (size_t i = 0; conn && i < callbacks->len; i++) {
        remoteEventCallback *cb = g_ptr_array_index(callbacks, i);

        if (virConnectDomainEventDeregisterAny(conn, cb->localID) < 0)
            virResetLastError();
    }
    if (conn)
        virConnectClose(conn);
}


/**
 * remoteClientDropEvents:
 * @client: a client that hung up
 *
 * Ends its event registrations; calls it sent before it left still run
 * to their end on its connection.
 */
void
remoteClientDropEvents(remoteClient *client)
{
    remoteClientRelease(client, false);
}


/**
 * remoteClientCloseConnection:
 * @client: a client
 *
 * Drops the client's event registrations, then its driver connection.
 * Safe to call twice.
 */
void
remoteClientCloseConnection(remoteClient *client)
{
    remoteClientRelease(client, true);
}


/* The handshake's open: the client's own driver connection on this
 * daemon's root, read-only for a read-only client whatever it asked. */
static int
remoteDispatchConnectOpen(virConnectPtr conn G_GNUC_UNUSED,
                          remote_connect_open_args *args,
                          void *ret G_GNUC_UNUSED)
{
    remoteClient *client = remoteDispatchClient;
    const char *name = args->name ? *args->name : NULL;
    virConnectPtr newconn;
    bool readonly = client->readonly || (args->flags & VIR_CONNECT_RO);

    if (args->flags & ~VIR_CONNECT_RO) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unsupported flags (0x%1$x) in function %2$s"),
                       args->flags & ~VIR_CONNECT_RO, "remoteDispatchConnectOpen");
        return -1;
    }
    if (name && *name && !g_str_has_prefix(name, "qemu:")) {
        virReportError(VIR_ERR_NO_CONNECT,
                       _("this daemon serves qemu:///system and qemu:///session, not '%1$s'"),
                       name);
        return -1;
    }
    g_mutex_lock(&client->lock);
    if (client->conn) {
        g_mutex_unlock(&client->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("connection already open"));
        return -1;
    }
    g_mutex_unlock(&client->lock);

    VIR_DEBUG("client pid %lld opens %s%s", (long long)client->pid,
              NULLSTR(name), readonly ? " read-only" : "");
    if (!(newconn = remoteDaemonOpenDriver(readonly)))
        return -1;

    g_mutex_lock(&client->lock);
    client->conn = newconn;
    g_mutex_unlock(&client->lock);
    return 0;
}


static int
remoteDispatchConnectClose(virConnectPtr conn G_GNUC_UNUSED,
                           void *args G_GNUC_UNUSED, void *ret G_GNUC_UNUSED)
{
    remoteClientCloseConnection(remoteDispatchClient);
    return 0;
}


/* ---- storage pools and volumes ---- */

/* Handles as the client sent them, as for domains: the driver checks
 * them when the call runs. */
static virStoragePoolPtr
remoteGetStoragePool(virConnectPtr conn, const remote_nonnull_storage_pool *pool)
{
    return virGetStoragePool(conn, pool->name, (const unsigned char *)pool->uuid);
}


static void
remoteFillStoragePool(remote_nonnull_storage_pool *dst, virStoragePoolPtr pool)
{
    dst->name = g_strdup(pool->name);
    memcpy(dst->uuid, pool->uuid, VIR_UUID_BUFLEN);
}


static virStorageVolPtr
remoteGetStorageVol(virConnectPtr conn, const remote_nonnull_storage_vol *vol)
{
    return virGetStorageVol(conn, vol->pool, vol->name, vol->key);
}


static void
remoteFillStorageVol(remote_nonnull_storage_vol *dst, virStorageVolPtr vol)
{
    dst->pool = g_strdup(vol->pool);
    dst->name = g_strdup(vol->name);
    dst->key = g_strdup(vol->key);
}


/* A name list's length, checked against the wire's limit. */
static int
remoteCheckMaxNames(int maxnames, int limit)
{
    if (maxnames < 0 || maxnames > limit) {
        virReportError(VIR_ERR_RPC, _("Too many names '%1$d' for limit '%2$d'"),
                       maxnames, limit);
        return -1;
    }
    return 0;
}


static int
remoteDispatchConnectListStoragePools(virConnectPtr conn,
                                      remote_connect_list_storage_pools_args *args,
                                      remote_connect_list_storage_pools_ret *ret)
{
    int n;

    if (remoteCheckMaxNames(args->maxnames, REMOTE_STORAGE_POOL_LIST_MAX) < 0)
        return -1;
    ret->names.names_val = g_new0(char *, MAX(args->maxnames, 1));
    if ((n = virConnectListStoragePools(conn, ret->names.names_val, args->maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}


static int
remoteDispatchConnectListDefinedStoragePools(virConnectPtr conn,
                                             remote_connect_list_defined_storage_pools_args *args,
                                             remote_connect_list_defined_storage_pools_ret *ret)
{
    int n;

    if (remoteCheckMaxNames(args->maxnames, REMOTE_STORAGE_POOL_LIST_MAX) < 0)
        return -1;
    ret->names.names_val = g_new0(char *, MAX(args->maxnames, 1));
    if ((n = virConnectListDefinedStoragePools(conn, ret->names.names_val,
                                               args->maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}


static int
remoteDispatchStoragePoolListVolumes(virConnectPtr conn,
                                     remote_storage_pool_list_volumes_args *args,
                                     remote_storage_pool_list_volumes_ret *ret)
{
    g_autoptr(virStoragePool) pool = NULL;
    int n;

    if (remoteCheckMaxNames(args->maxnames, REMOTE_STORAGE_VOL_LIST_MAX) < 0 ||
        !(pool = remoteGetStoragePool(conn, &args->pool)))
        return -1;
    ret->names.names_val = g_new0(char *, MAX(args->maxnames, 1));
    if ((n = virStoragePoolListVolumes(pool, ret->names.names_val, args->maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}


static int
remoteDispatchConnectListAllStoragePools(virConnectPtr conn,
                                         remote_connect_list_all_storage_pools_args *args,
                                         remote_connect_list_all_storage_pools_ret *ret)
{
    virStoragePoolPtr *pools = NULL;
    int n;

    if ((n = virConnectListAllStoragePools(conn, args->need_results ? &pools : NULL,
                                           args->flags)) < 0)
        return -1;
    if (n > REMOTE_STORAGE_POOL_LIST_MAX) {
        for (int i = 0; pools && i < n; i++)
            virStoragePoolFree(pools[i]);
        free(pools);
        virReportError(VIR_ERR_RPC, _("Too many storage pools '%1$d' for limit '%2$d'"),
                       n, REMOTE_STORAGE_POOL_LIST_MAX);
        return -1;
    }
    if (pools) {
        ret->pools.pools_len = n;
        ret->pools.pools_val = g_new0(remote_nonnull_storage_pool, MAX(n, 1));
        for (int i = 0; i < n; i++) {
            remoteFillStoragePool(&ret->pools.pools_val[i], pools[i]);
            virStoragePoolFree(pools[i]);
        }
        free(pools);
    }
    ret->ret = n;
    return 0;
}


static int
remoteDispatchStoragePoolListAllVolumes(virConnectPtr conn,
                                        remote_storage_pool_list_all_volumes_args *args,
                                        remote_storage_pool_list_all_volumes_ret *ret)
{
    g_autoptr(virStoragePool) pool = NULL;
    virStorageVolPtr *vols = NULL;
    int n;

    if (!(pool = remoteGetStoragePool(conn, &args->pool)))
        return -1;
    if ((n = virStoragePoolListAllVolumes(pool, args->need_results ? &vols : NULL,
                                          args->flags)) < 0)
        return -1;
    if (n > REMOTE_STORAGE_VOL_LIST_MAX) {
        for (int i = 0; vols && i < n; i++)
            virStorageVolFree(vols[i]);
        free(vols);
        virReportError(VIR_ERR_RPC, _("Too many storage volumes '%1$d' for limit '%2$d'"),
                       n, REMOTE_STORAGE_VOL_LIST_MAX);
        return -1;
    }
    if (vols) {
        ret->vols.vols_len = n;
        ret->vols.vols_val = g_new0(remote_nonnull_storage_vol, MAX(n, 1));
        for (int i = 0; i < n; i++) {
            remoteFillStorageVol(&ret->vols.vols_val[i], vols[i]);
            virStorageVolFree(vols[i]);
        }
        free(vols);
    }
    ret->ret = n;
    return 0;
}


static int
remoteDispatchStoragePoolGetInfo(virConnectPtr conn,
                                 remote_storage_pool_get_info_args *args,
                                 remote_storage_pool_get_info_ret *ret)
{
    g_autoptr(virStoragePool) pool = NULL;
    virStoragePoolInfo info;

    if (!(pool = remoteGetStoragePool(conn, &args->pool)) ||
        virStoragePoolGetInfo(pool, &info) < 0)
        return -1;
    ret->state = info.state;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    ret->available = info.available;
    return 0;
}


static int
remoteDispatchStorageVolGetInfo(virConnectPtr conn,
                                remote_storage_vol_get_info_args *args,
                                remote_storage_vol_get_info_ret *ret)
{
    g_autoptr(virStorageVol) vol = NULL;
    virStorageVolInfo info;

    if (!(vol = remoteGetStorageVol(conn, &args->vol)) ||
        virStorageVolGetInfo(vol, &info) < 0)
        return -1;
    ret->type = info.type;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    return 0;
}


#include "remote_daemon_gen.h"


/* Sends @reply or, when @err, an error reply built from the thread's
 * last error. */
static void
remoteSendReply(remoteClient *client, const virNetMessageHeader *call,
                xdrproc_t filter, void *ret, bool err)
{
    virNetMessageHeader hdr = *call;
    g_autofree char *frame = NULL;
    size_t len;
    int rc;

    hdr.type = VIR_NET_REPLY;
    hdr.status = VIR_NET_OK;
    if (err)
        rc = virNetMessageEncodeError(call, virErrorLast(), &frame, &len);
    else if ((rc = virNetMessageEncode(&hdr, filter, ret, &frame, &len)) < 0)
        rc = virNetMessageEncodeError(call, virErrorLast(), &frame, &len);
    virResetLastError();
    if (rc < 0 || remoteClientSendFrame(client, frame, len) < 0) {
        VIR_DEBUG("reply to serial %u not sent: %s", call->serial,
                  virGetLastErrorMessage());
        virResetLastError();
    }
}


static void
remoteReportUnsupported(const remoteProcedureInfo *info)
{
    virReportErrorHelper(info->errorDomain, VIR_ERR_NO_SUPPORT, __FILE__,
                         __func__, __LINE__, "%s", info->api);
}


/**
 * remoteDispatchJob:
 * @job: a call read from a client (consumed)
 *
 * Decodes the arguments, runs the procedure on the client's connection
 * and sends the reply.  Whatever the client sent, it gets a reply:
 * unknown procedures and undecodable arguments are errors, not dropped
 * connections.
 */
void
remoteDispatchJob(remoteJob *job)
{
    remoteClient *client = job->client;
    const remoteProcedureInfo *info = remoteProcedureLookup(job->hdr.proc);
    g_autofree void *args = NULL;
    g_autofree void *ret = NULL;
    virConnectPtr conn;
    bool failed = true;
    int proc = job->hdr.proc;

    virResetLastError();
    if (!info || info->message) {
        virReportError(VIR_ERR_RPC, _("unknown procedure: %1$d"), proc);
        goto reply;
    }
    if (client->denied) {
        virReportError(VIR_ERR_OPERATION_DENIED,
                       _("read-write access denied to the process %1$lld of user %2$u"),
                       (long long)client->pid, (unsigned int)client->uid);
        goto reply;
    }
    args = g_malloc0(MAX(info->argsSize, 1));
    ret = g_malloc0(MAX(info->retSize, 1));
    if (virNetMessageDecodePayload(job->frame, job->len, info->argsFilter,
                                   args) < 0)
        goto reply;

    g_mutex_lock(&client->lock);
    conn = client->conn;
    if (conn)
        virConnectRef(conn);
    g_mutex_unlock(&client->lock);

    if (!conn && !REMOTE_PROC_NEEDS_NO_CONN(proc)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("hypervisor connection not open"));
    } else if (proc >= (int)G_N_ELEMENTS(remoteDispatchTable) ||
               !remoteDispatchTable[proc]) {
        remoteReportUnsupported(info);
    } else {
        remoteDispatchClient = client;
        failed = remoteDispatchTable[proc](conn, args, ret) < 0;
        remoteDispatchClient = NULL;
    }
    if (conn) {
        /* A public call: it resets the thread's error, which the reply
         * still needs. */
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        virConnectClose(conn);
        virErrorRestore(&saved);
    }
    xdr_free(info->argsFilter, args);

 reply:
    remoteSendReply(client, &job->hdr, info ? info->retFilter : (xdrproc_t)xdr_void,
                    ret, failed);
    if (!failed && info)
        xdr_free(info->retFilter, ret);
    if (proc == REMOTE_PROC_CONNECT_CLOSE && !failed) {
        /* As upstream: the daemon hangs up once it has answered. */
        g_mutex_lock(&client->lock);
        client->closing = true;
        g_mutex_unlock(&client->lock);
        shutdown(client->fd, SHUT_RDWR);
    }
}
