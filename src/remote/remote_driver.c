/*
 * remote_driver.c: the client side of the wire protocol
 *
 * A driver table whose members turn API calls into REMOTE procedures
 * sent to virtqemud (or any libvirt 9.0 daemon) over a UNIX socket.
 * Most members are generated (remote_client_gen.h, from
 * remote_protocol.x and remote_procedures.py); the ones whose shape is
 * not a plain call (open, listings, events) are here.
 *
 * One reader thread per connection reads every frame the daemon sends:
 * replies go to the caller waiting on their serial, events to the
 * connection's event state (delivered from the application's event
 * loop), keepalive PINGs are answered at once.  So several threads may
 * have calls in flight on one connection, and a slow call never delays
 * a PONG.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "remote_driver.h"
#include "remote_driverpriv.h"
#include "datatypes.h"
#include "domain_event.h"
#include "libvirt_internal.h"
#include "remote_protocol_table.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virnetmessage.h"
#include "virnettlscontext.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("remote.remote_driver");

/* How long a session daemon we started may take to listen. */
#define REMOTE_AUTOSTART_WAIT_MS 10000

/* Keepalive, as upstream's client defaults (libvirt.conf): a PING after
 * this many seconds of silence from the daemon, and the connection
 * declared dead after so many PINGs in a row drew nothing back. */
#define REMOTE_KEEPALIVE_INTERVAL 5
#define REMOTE_KEEPALIVE_COUNT 5

/* The daemon's TLS port, as upstream's. */
#define REMOTE_TLS_PORT "16514"

typedef struct {
    GCond cond;
    bool done;
    char *frame;             /* the reply, NULL if the connection died */
    size_t len;
    int registersEvent;      /* eventID + 1 of a callback registration */
} remoteCallSlot;

typedef struct {
    virNetSocket *sock;
    GMutex lock;             /* what follows, up to writeLock */
    unsigned int serial;
    GHashTable *calls;       /* serial -> remoteCallSlot, in flight */
    bool closed;             /* the reader saw the end of the socket */
    bool closing;            /* the application is closing it */
    virConnectPtr conn;      /* once open; no reference */
    char *closeError;        /* why, when it was not the daemon's doing */
    bool keepaliveSupported; /* the daemon answered feature 10 with 1 */
    int keepaliveInterval;   /* seconds; <= 0: off */
    unsigned int keepaliveCount;
    int eventCallbacks[VIR_DOMAIN_EVENT_ID_LAST]; /* local registrations */
    int eventRemoteIDs[VIR_DOMAIN_EVENT_ID_LAST]; /* the daemon's ID */
    bool eventRemoteKnown[VIR_DOMAIN_EVENT_ID_LAST]; /* that ID is set */
    bool eventLegacy;        /* the daemon knows only procedures 167/168 */
    GPtrArray *strings;      /* strings handed out as const char * */

    GMutex writeLock;        /* one frame written at a time */
    GThread *reader;
    virDomainEventState *events;
} remotePrivate;


static remotePrivate *
remotePrivateGet(virConnectPtr conn)
{
    return conn->privateData;
}


/* Writes @frame whole, under the write lock. */
static int
remoteSendFrame(remotePrivate *priv, const char *frame, size_t len)
{
    int rc;

    g_mutex_lock(&priv->writeLock);
    rc = virNetMessageWrite(priv->sock, frame, len);
    g_mutex_unlock(&priv->writeLock);
    return rc;
}


static void
remoteSendKeepalive(remotePrivate *priv, int proc)
{
    virNetMessageHeader hdr = {
        .prog = KEEPALIVE_PROGRAM, .vers = KEEPALIVE_PROTOCOL_VERSION,
        .proc = proc, .type = VIR_NET_MESSAGE,
        .serial = 0, .status = VIR_NET_OK,
    };
    g_autofree char *frame = NULL;
    size_t len;

    if (virNetMessageEncode(&hdr, (xdrproc_t)xdr_void, NULL, &frame, &len) < 0 ||
        remoteSendFrame(priv, frame, len) < 0) {
        VIR_WARN("cannot send keepalive %d: %s", proc, virGetLastErrorMessage());
        virResetLastError();
    }
}


/*
 * Domain events from the daemon.  Each event ID has its callback-style
 * procedure (the payload starts with the daemon's registration ID) and
 * the IDs of libvirt's older days also a legacy one (no registration
 * ID; the daemon sends those to clients that registered with procedure
 * 167).  The legacy payload is the callback one's inner "msg" member, so
 * both decode into the same union, the legacy one at an offset; the
 * power management ones' legacy form has no reason (it reads as 0).
 */
typedef union {
    remote_domain_event_callback_lifecycle_msg lifecycle;
    remote_domain_event_callback_reboot_msg reboot;
    remote_domain_event_callback_rtc_change_msg rtcChange;
    remote_domain_event_callback_watchdog_msg watchdog;
    remote_domain_event_callback_io_error_msg ioError;
    remote_domain_event_callback_graphics_msg graphics;
    remote_domain_event_callback_io_error_reason_msg ioErrorReason;
    remote_domain_event_callback_control_error_msg controlError;
    remote_domain_event_callback_block_job_msg blockJob;
    remote_domain_event_callback_disk_change_msg diskChange;
    remote_domain_event_callback_tray_change_msg trayChange;
    remote_domain_event_callback_pmwakeup_msg pmwakeup;
    remote_domain_event_callback_pmsuspend_msg pmsuspend;
    remote_domain_event_callback_balloon_change_msg balloonChange;
    remote_domain_event_callback_pmsuspend_disk_msg pmsuspendDisk;
    remote_domain_event_callback_device_removed_msg deviceRemoved;
    remote_domain_event_block_job_2_msg blockJob2;
    remote_domain_event_callback_tunable_msg tunable;
    remote_domain_event_callback_agent_lifecycle_msg agentLifecycle;
    remote_domain_event_callback_device_added_msg deviceAdded;
    remote_domain_event_callback_migration_iteration_msg migrationIteration;
    remote_domain_event_callback_job_completed_msg jobCompleted;
    remote_domain_event_callback_device_removal_failed_msg deviceRemovalFailed;
    remote_domain_event_callback_metadata_change_msg metadataChange;
    remote_domain_event_block_threshold_msg blockThreshold;
    remote_domain_event_memory_failure_msg memoryFailure;
    remote_domain_event_memory_device_size_change_msg memoryDeviceSize;
} remoteEventMsg;

typedef struct {
    int eventID;
    int proc;                /* callback style */
    xdrproc_t filter;
    int legacyProc;          /* 0: none */
    xdrproc_t legacyFilter;
    size_t legacyOffset;     /* of the legacy payload in remoteEventMsg */
} remoteEventProc;

#define REMOTE_EVENT_BOTH(id, name, member) \
    { VIR_DOMAIN_EVENT_ID_ ## id, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_ ## id, \
      (xdrproc_t)xdr_remote_domain_event_callback_ ## name ## _msg, \
      REMOTE_PROC_DOMAIN_EVENT_ ## id, \
      (xdrproc_t)xdr_remote_domain_event_ ## name ## _msg, \
      offsetof(remoteEventMsg, member.msg) }
#define REMOTE_EVENT_ONLY(id, proc, type) \
    { VIR_DOMAIN_EVENT_ID_ ## id, REMOTE_PROC_DOMAIN_EVENT_ ## proc, \
      (xdrproc_t)xdr_remote_domain_event_ ## type ## _msg, 0, NULL, 0 }

static const remoteEventProc remoteEventProcs[] = {
    REMOTE_EVENT_BOTH(LIFECYCLE, lifecycle, lifecycle),
    REMOTE_EVENT_BOTH(REBOOT, reboot, reboot),
    REMOTE_EVENT_BOTH(RTC_CHANGE, rtc_change, rtcChange),
    REMOTE_EVENT_BOTH(WATCHDOG, watchdog, watchdog),
    REMOTE_EVENT_BOTH(IO_ERROR, io_error, ioError),
    REMOTE_EVENT_BOTH(GRAPHICS, graphics, graphics),
    REMOTE_EVENT_BOTH(IO_ERROR_REASON, io_error_reason, ioErrorReason),
    REMOTE_EVENT_BOTH(CONTROL_ERROR, control_error, controlError),
    REMOTE_EVENT_BOTH(BLOCK_JOB, block_job, blockJob),
    REMOTE_EVENT_BOTH(DISK_CHANGE, disk_change, diskChange),
    REMOTE_EVENT_BOTH(TRAY_CHANGE, tray_change, trayChange),
    REMOTE_EVENT_BOTH(PMWAKEUP, pmwakeup, pmwakeup),
    REMOTE_EVENT_BOTH(PMSUSPEND, pmsuspend, pmsuspend),
    REMOTE_EVENT_BOTH(BALLOON_CHANGE, balloon_change, balloonChange),
    REMOTE_EVENT_BOTH(PMSUSPEND_DISK, pmsuspend_disk, pmsuspendDisk),
    REMOTE_EVENT_BOTH(DEVICE_REMOVED, device_removed, deviceRemoved),
    REMOTE_EVENT_ONLY(BLOCK_JOB_2, BLOCK_JOB_2, block_job_2),
    REMOTE_EVENT_ONLY(TUNABLE, CALLBACK_TUNABLE, callback_tunable),
    REMOTE_EVENT_ONLY(AGENT_LIFECYCLE, CALLBACK_AGENT_LIFECYCLE,
                      callback_agent_lifecycle),
    REMOTE_EVENT_ONLY(DEVICE_ADDED, CALLBACK_DEVICE_ADDED, callback_device_added),
    REMOTE_EVENT_ONLY(MIGRATION_ITERATION, CALLBACK_MIGRATION_ITERATION,
                      callback_migration_iteration),
    REMOTE_EVENT_ONLY(JOB_COMPLETED, CALLBACK_JOB_COMPLETED,
                      callback_job_completed),
    REMOTE_EVENT_ONLY(DEVICE_REMOVAL_FAILED, CALLBACK_DEVICE_REMOVAL_FAILED,
                      callback_device_removal_failed),
    REMOTE_EVENT_ONLY(METADATA_CHANGE, CALLBACK_METADATA_CHANGE,
                      callback_metadata_change),
    REMOTE_EVENT_ONLY(BLOCK_THRESHOLD, BLOCK_THRESHOLD, block_threshold),
    REMOTE_EVENT_ONLY(MEMORY_FAILURE, MEMORY_FAILURE, memory_failure),
    REMOTE_EVENT_ONLY(MEMORY_DEVICE_SIZE_CHANGE, MEMORY_DEVICE_SIZE_CHANGE,
                      memory_device_size_change),
};
G_STATIC_ASSERT(G_N_ELEMENTS(remoteEventProcs) == VIR_DOMAIN_EVENT_ID_LAST);

#undef REMOTE_EVENT_BOTH
#undef REMOTE_EVENT_ONLY


/* The typed parameters of a tunable or job-completed event, copied into
 * @ev.  Returns -1 (nothing reported) for a field name that does not
 * fit a virTypedParameter, which upstream's client refuses too. */
static int
remoteEventParams(virDomainEvent *ev, const remote_typed_param *src,
                  unsigned int n)
{
    ev->data.params.params = g_new0(virTypedParameter, MAX(n, 1));
    for (unsigned int i = 0; i < n; i++) {
        virTypedParameterPtr dst = &ev->data.params.params[i];
        const remote_typed_param_value *val = &src[i].value;

        if (g_strlcpy(dst->field, src[i].field,
                      VIR_TYPED_PARAM_FIELD_LENGTH) >= VIR_TYPED_PARAM_FIELD_LENGTH)
            return -1;
        dst->type = val->type;
        switch ((virTypedParameterType)val->type) {
        case VIR_TYPED_PARAM_INT:
            dst->value.i = val->remote_typed_param_value_u.i;
            break;
        case VIR_TYPED_PARAM_UINT:
            dst->value.ui = val->remote_typed_param_value_u.ui;
            break;
        case VIR_TYPED_PARAM_LLONG:
            dst->value.l = val->remote_typed_param_value_u.l;
            break;
        case VIR_TYPED_PARAM_ULLONG:
            dst->value.ul = val->remote_typed_param_value_u.ul;
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            dst->value.d = val->remote_typed_param_value_u.d;
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            dst->value.b = val->remote_typed_param_value_u.b;
            break;
        case VIR_TYPED_PARAM_STRING:
            dst->value.s = g_strdup(val->remote_typed_param_value_u.s);
            break;
        case VIR_TYPED_PARAM_LAST:
        default:
            /* XDR's union has no other arm. */
            return -1;
        }
        ev->data.params.nparams = i + 1;
    }
    return 0;
}


static void
remoteEventGraphicsAddress(virDomainEventGraphicsAddress *dst,
                           const remote_domain_event_graphics_address *src)
{
    dst->family = src->family;
    dst->node = g_strdup(src->node);
    dst->service = g_strdup(src->service);
}


/* Turns the decoded payload of @info's procedure into an event.  Sets
 * @callbackID to the daemon's registration ID (-1 for a legacy one).
 * Returns: the event, or NULL (nothing reported) when the payload breaks
 * a rule its XDR cannot express. */
static virDomainEvent *
remoteEventFromMsg(const remoteEventProc *info, remoteEventMsg *u, bool legacy,
                   int *callbackID)
{
    g_autoptr(virDomainEvent) ev = NULL;

    /* Every callback-style payload starts with the registration ID;
     * where the domain sits depends on the payload's age. */
    *callbackID = legacy ? -1 : u->reboot.callbackID;

#define REMOTE_EVENT_DOM(d) \
    ev = virDomainEventNew(info->eventID, (d).name, \
                           (const unsigned char *)(d).uuid, (d).id)

    switch ((virDomainEventID)info->eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        REMOTE_EVENT_DOM(u->lifecycle.msg.dom);
        ev->data.lifecycle.event = u->lifecycle.msg.event;
        ev->data.lifecycle.detail = u->lifecycle.msg.detail;
        break;
    case VIR_DOMAIN_EVENT_ID_REBOOT:
        REMOTE_EVENT_DOM(u->reboot.msg.dom);
        break;
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
        REMOTE_EVENT_DOM(u->rtcChange.msg.dom);
        ev->data.rtcChange.offset = u->rtcChange.msg.offset;
        break;
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
        REMOTE_EVENT_DOM(u->watchdog.msg.dom);
        ev->data.watchdog.action = u->watchdog.msg.action;
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
        REMOTE_EVENT_DOM(u->ioError.msg.dom);
        ev->data.ioError.srcPath = g_strdup(u->ioError.msg.srcPath);
        ev->data.ioError.devAlias = g_strdup(u->ioError.msg.devAlias);
        ev->data.ioError.action = u->ioError.msg.action;
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        REMOTE_EVENT_DOM(u->ioErrorReason.msg.dom);
        ev->data.ioError.srcPath = g_strdup(u->ioErrorReason.msg.srcPath);
        ev->data.ioError.devAlias = g_strdup(u->ioErrorReason.msg.devAlias);
        ev->data.ioError.action = u->ioErrorReason.msg.action;
        ev->data.ioError.reason = g_strdup(u->ioErrorReason.msg.reason);
        break;
    case VIR_DOMAIN_EVENT_ID_GRAPHICS: {
        remote_domain_event_graphics_msg *m = &u->graphics.msg;
        virDomainEventGraphicsSubject *subject;

        REMOTE_EVENT_DOM(m->dom);
        ev->data.graphics.phase = m->phase;
        remoteEventGraphicsAddress(&ev->data.graphics.local, &m->local);
        remoteEventGraphicsAddress(&ev->data.graphics.remote, &m->remote);
        ev->data.graphics.authScheme = g_strdup(m->authScheme);
        subject = &ev->data.graphics.subject;
        subject->identities = g_new0(virDomainEventGraphicsSubjectIdentity,
                                     MAX(m->subject.subject_len, 1));
        for (u_int i = 0; i < m->subject.subject_len; i++) {
            subject->identities[i].type = g_strdup(m->subject.subject_val[i].type);
            subject->identities[i].name = g_strdup(m->subject.subject_val[i].name);
            subject->nidentity = i + 1;
        }
        break;
    }
    case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR:
        REMOTE_EVENT_DOM(u->controlError.msg.dom);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
        REMOTE_EVENT_DOM(u->blockJob.msg.dom);
        ev->data.blockJob.disk = g_strdup(u->blockJob.msg.path);
        ev->data.blockJob.type = u->blockJob.msg.type;
        ev->data.blockJob.status = u->blockJob.msg.status;
        break;
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE:
        REMOTE_EVENT_DOM(u->diskChange.msg.dom);
        ev->data.diskChange.oldSrcPath = g_strdup(u->diskChange.msg.oldSrcPath ?
                                                  *u->diskChange.msg.oldSrcPath : NULL);
        ev->data.diskChange.newSrcPath = g_strdup(u->diskChange.msg.newSrcPath ?
                                                  *u->diskChange.msg.newSrcPath : NULL);
        ev->data.diskChange.devAlias = g_strdup(u->diskChange.msg.devAlias);
        ev->data.diskChange.reason = u->diskChange.msg.reason;
        break;
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE:
        REMOTE_EVENT_DOM(u->trayChange.msg.dom);
        ev->data.trayChange.devAlias = g_strdup(u->trayChange.msg.devAlias);
        ev->data.trayChange.reason = u->trayChange.msg.reason;
        break;
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
        REMOTE_EVENT_DOM(u->pmwakeup.msg.dom);
        ev->data.pm.reason = legacy ? 0 : u->pmwakeup.reason;
        break;
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
        REMOTE_EVENT_DOM(u->pmsuspend.msg.dom);
        ev->data.pm.reason = legacy ? 0 : u->pmsuspend.reason;
        break;
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        REMOTE_EVENT_DOM(u->balloonChange.msg.dom);
        ev->data.balloonChange.actual = u->balloonChange.msg.actual;
        break;
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
        REMOTE_EVENT_DOM(u->pmsuspendDisk.msg.dom);
        ev->data.pm.reason = legacy ? 0 : u->pmsuspendDisk.reason;
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
        REMOTE_EVENT_DOM(u->deviceRemoved.msg.dom);
        ev->data.device.devAlias = g_strdup(u->deviceRemoved.msg.devAlias);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
        REMOTE_EVENT_DOM(u->blockJob2.dom);
        ev->data.blockJob.disk = g_strdup(u->blockJob2.dst);
        ev->data.blockJob.type = u->blockJob2.type;
        ev->data.blockJob.status = u->blockJob2.status;
        break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
        REMOTE_EVENT_DOM(u->tunable.dom);
        if (remoteEventParams(ev, u->tunable.params.params_val,
                              u->tunable.params.params_len) < 0)
            return NULL;
        break;
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
        REMOTE_EVENT_DOM(u->agentLifecycle.dom);
        ev->data.agentLifecycle.state = u->agentLifecycle.state;
        ev->data.agentLifecycle.reason = u->agentLifecycle.reason;
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
        REMOTE_EVENT_DOM(u->deviceAdded.dom);
        ev->data.device.devAlias = g_strdup(u->deviceAdded.devAlias);
        break;
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
        REMOTE_EVENT_DOM(u->migrationIteration.dom);
        ev->data.migrationIteration.iteration = u->migrationIteration.iteration;
        break;
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        REMOTE_EVENT_DOM(u->jobCompleted.dom);
        if (remoteEventParams(ev, u->jobCompleted.params.params_val,
                              u->jobCompleted.params.params_len) < 0)
            return NULL;
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        REMOTE_EVENT_DOM(u->deviceRemovalFailed.dom);
        ev->data.device.devAlias = g_strdup(u->deviceRemovalFailed.devAlias);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        REMOTE_EVENT_DOM(u->metadataChange.dom);
        ev->data.metadataChange.type = u->metadataChange.type;
        ev->data.metadataChange.nsuri = g_strdup(u->metadataChange.nsuri ?
                                                 *u->metadataChange.nsuri : NULL);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        REMOTE_EVENT_DOM(u->blockThreshold.dom);
        ev->data.blockThreshold.dev = g_strdup(u->blockThreshold.dev);
        ev->data.blockThreshold.path = g_strdup(u->blockThreshold.path ?
                                                *u->blockThreshold.path : NULL);
        ev->data.blockThreshold.threshold = u->blockThreshold.threshold;
        ev->data.blockThreshold.excess = u->blockThreshold.excess;
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        REMOTE_EVENT_DOM(u->memoryFailure.dom);
        ev->data.memoryFailure.recipient = u->memoryFailure.recipient;
        ev->data.memoryFailure.action = u->memoryFailure.action;
        ev->data.memoryFailure.flags = u->memoryFailure.flags;
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        REMOTE_EVENT_DOM(u->memoryDeviceSize.dom);
        ev->data.memoryDeviceSize.alias = g_strdup(u->memoryDeviceSize.alias);
        ev->data.memoryDeviceSize.size = u->memoryDeviceSize.size;
        break;
    case VIR_DOMAIN_EVENT_ID_LAST:
        break;
    }
#undef REMOTE_EVENT_DOM

    return g_steal_pointer(&ev);
}


/* The procedure's entry in remoteEventProcs; @legacy says which form. */
static const remoteEventProc *
remoteEventLookup(int proc, bool *legacy)
{
    for (size_t i = 0; i < G_N_ELEMENTS(remoteEventProcs); i++) {
        if (remoteEventProcs[i].proc == proc) {
            *legacy = false;
            return &remoteEventProcs[i];
        }
        if (remoteEventProcs[i].legacyProc == proc &&
            remoteEventProcs[i].legacyProc != 0) {
            *legacy = true;
            return &remoteEventProcs[i];
        }
    }
    return NULL;
}


/**
 * remoteEventDecode:
 * @hdr: the frame's header, a MESSAGE of the REMOTE program
 * @frame: the whole frame
 * @len: its length
 * @legacy: set to whether the procedure is a legacy one
 * @callbackID: set to the daemon's registration ID the payload names
 *   (-1 for a legacy procedure)
 *
 * Decodes a domain event MESSAGE.  The bytes are the daemon's, or
 * whoever's sits between: anything that is not a domain event, or does
 * not decode, is logged and dropped, never trusted.
 *
 * Returns: the event (the caller frees it), or NULL (nothing reported).
 */
virDomainEvent *
remoteEventDecode(const virNetMessageHeader *hdr, const char *frame, size_t len,
                  bool *legacy, int *callbackID)
{
    const remoteEventProc *info;
    remoteEventMsg msg;
    xdrproc_t filter;
    char *payload;
    virDomainEvent *ev;

    if (!(info = remoteEventLookup(hdr->proc, legacy))) {
        VIR_DEBUG("ignoring event procedure %d", hdr->proc);
        return NULL;
    }
    memset(&msg, 0, sizeof(msg));
    filter = *legacy ? info->legacyFilter : info->filter;
    payload = (char *)&msg + (*legacy ? info->legacyOffset : 0);
    if (virNetMessageDecodePayload(frame, len, filter, payload) < 0) {
        VIR_WARN("dropping event procedure %d the daemon sent: %s",
                 hdr->proc, virGetLastErrorMessage());
        virResetLastError();
        return NULL;
    }
    ev = remoteEventFromMsg(info, &msg, *legacy, callbackID);
    xdr_free(filter, payload);
    if (!ev)
        VIR_WARN("dropping event procedure %d the daemon sent: its data is malformed",
                 hdr->proc);
    return ev;
}


/*
 * An event MESSAGE from the daemon, queued for the application's
 * callbacks (the local event state filters by domain).  It is taken
 * only in the form this connection registered for, and a callback-style
 * one only with the registration ID the daemon gave for its event ID;
 * anything else is dropped.
 */
static void
remoteHandleEvent(remotePrivate *priv, const virNetMessageHeader *hdr,
                  const char *frame, size_t len)
{
    virDomainEvent *ev;
    bool legacy;
    bool wanted;
    int callbackID;

    if (!(ev = remoteEventDecode(hdr, frame, len, &legacy, &callbackID)))
        return;

    g_mutex_lock(&priv->lock);
    wanted = priv->eventCallbacks[ev->eventID] > 0 &&
        legacy == priv->eventLegacy &&
        (legacy || (priv->eventRemoteKnown[ev->eventID] &&
                    priv->eventRemoteIDs[ev->eventID] == callbackID));
    g_mutex_unlock(&priv->lock);
    if (!wanted) {
        VIR_DEBUG("ignoring event procedure %d for callback %d: not registered",
                  hdr->proc, callbackID);
        virDomainEventFree(ev);
        return;
    }
    virDomainEventStateQueue(priv->events, ev);
}


/* Wakes every caller still waiting: the connection is gone. */
static void
remoteFailAllCalls(remotePrivate *priv)
{
    GHashTableIter iter;
    gpointer value;

    g_mutex_lock(&priv->lock);
    priv->closed = true;
    g_hash_table_iter_init(&iter, priv->calls);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        remoteCallSlot *slot = value;

        slot->done = true;
        g_cond_signal(&slot->cond);
    }
    g_mutex_unlock(&priv->lock);
}


/*
 * Keepalive, as upstream's: after an interval of silence from the
 * daemon a PING, then one more each interval; once keepaliveCount PINGs
 * in a row drew nothing at all, the daemon (or the network to it) is
 * dead and the connection ends, failing every call in flight.  Returns
 * 1 when a frame can be read, 0 when the peer is dead, -1 on a socket
 * error.
 */
static int
remoteWaitFrame(remotePrivate *priv)
{
    gint64 last = g_get_monotonic_time();
    unsigned int pings = 0;

    for (;;) {
        int interval;
        unsigned int count;
        gint64 now;
        gint64 due;
        int rc;

        g_mutex_lock(&priv->lock);
        interval = priv->keepaliveSupported ? priv->keepaliveInterval : 0;
        count = priv->keepaliveCount;
        g_mutex_unlock(&priv->lock);
        if (interval <= 0)
            return 1;

        /* Wake at least each second: virConnectSetKeepAlive may change
         * the interval meanwhile. */
        now = g_get_monotonic_time();
        due = last + (gint64)interval * (pings + 1) * G_USEC_PER_SEC;
        rc = virNetSocketWaitReadable(priv->sock,
                                      MIN(1000, MAX(0, (due - now) / 1000)));
        if (rc != 0)
            return rc > 0 ? 1 : -1;
        if (g_get_monotonic_time() < due)
            continue;
        if (pings >= count)
            return 0;
        remoteSendKeepalive(priv, KEEPALIVE_PROC_PING);
        pings++;
    }
}


/*
 * The reply to a callback registration, seen by the reader with the
 * lock held: the daemon's registration ID is known before the reader
 * looks at the next frame, which may already be an event for it.
 */
static void
remoteNoteEventRegistration(remotePrivate *priv, remoteCallSlot *slot,
                            const virNetMessageHeader *hdr, const char *frame,
                            size_t len)
{
    remote_connect_domain_event_callback_register_any_ret ret = { 0 };
    int eventID = slot->registersEvent - 1;

    if (hdr->status != VIR_NET_OK ||
        virNetMessageDecodePayload(frame, len,
                                   (xdrproc_t)xdr_remote_connect_domain_event_callback_register_any_ret,
                                   &ret) < 0) {
        virResetLastError();
        return;
    }
    priv->eventRemoteIDs[eventID] = ret.callbackID;
    priv->eventRemoteKnown[eventID] = true;
}


/* A close callback to run on the application's event loop. */
typedef struct {
    virConnectPtr conn;         /* a reference */
    int reason;
} remoteCloseNotice;


static void
remoteCloseNoticeRun(int timer, void *opaque)
{
    remoteCloseNotice *notice = opaque;

    virEventRemoveTimeout(timer);
    virConnectCloseCallbackFire(notice->conn, notice->reason);
}


static void
remoteCloseNoticeFree(void *opaque)
{
    remoteCloseNotice *notice = opaque;

    virConnectUnrefInternal(notice->conn);
    g_free(notice);
}


/*
 * The connection ended without the application closing it (the daemon
 * went away, an I/O error, keepalive): its close callback runs, as
 * upstream's, on the event loop when the application has one (where
 * it may close the connection), else here.  Only once the connection
 * is open, and never while the application is closing it.
 */
static void
remoteNoticeClose(remotePrivate *priv, int reason)
{
    remoteCloseNotice *notice;
    virConnectPtr conn;

    g_mutex_lock(&priv->lock);
    conn = priv->closing ? NULL : priv->conn;
    if (conn && !virConnectTryRefInternal(conn))
        conn = NULL;
    g_mutex_unlock(&priv->lock);
    if (!conn)
        return;

    notice = g_new0(remoteCloseNotice, 1);
    notice->conn = conn;
    notice->reason = reason;
    if (virEventAddTimeout(0, remoteCloseNoticeRun, notice, remoteCloseNoticeFree) >= 0)
        return;
    /* No event loop: here, with the reference held; if the callback
     * dropped the application's last one, the close ends in this
     * thread (remotePrivateFree does not wait for itself). */
    virConnectCloseCallbackFire(conn, reason);
    remoteCloseNoticeFree(notice);
}


static gpointer
remoteReaderThread(gpointer opaque)
{
    remotePrivate *priv = opaque;
    /* Why the loop ended, for the close callback. */
    int reason = VIR_CONNECT_CLOSE_REASON_ERROR;

    for (;;) {
        g_autofree char *frame = NULL;
        virNetMessageHeader hdr;
        size_t len;
        int rc;

        if ((rc = remoteWaitFrame(priv)) == 0) {
            reason = VIR_CONNECT_CLOSE_REASON_KEEPALIVE;
            VIR_WARN("no answer to %u keepalive PINGs: the daemon is gone",
                     priv->keepaliveCount);
            g_mutex_lock(&priv->lock);
            g_free(priv->closeError);
            priv->closeError = g_strdup(_("connection closed due to keepalive timeout"));
            g_mutex_unlock(&priv->lock);
            virNetSocketShutdown(priv->sock);
            break;
        }
        if ((rc = virNetMessageRead(priv->sock, &frame, &len,
                                    VIR_NET_MESSAGE_FRAME_MAX)) <= 0) {
            if (rc < 0)
                VIR_DEBUG("connection ends: %s", virGetLastErrorMessage());
            else
                reason = VIR_CONNECT_CLOSE_REASON_EOF;
            virResetLastError();
            break;
        }
        if (virNetMessageDecodeHeader(frame, len, &hdr) < 0) {
            virResetLastError();
            break;
        }
        if (hdr.prog == KEEPALIVE_PROGRAM) {
            if (hdr.proc == KEEPALIVE_PROC_PING)
                remoteSendKeepalive(priv, KEEPALIVE_PROC_PONG);
            continue;
        }
        if (hdr.prog != REMOTE_PROGRAM) {
            VIR_DEBUG("ignoring a frame of program 0x%x", hdr.prog);
            continue;
        }
        if (hdr.type == VIR_NET_MESSAGE) {
            remoteHandleEvent(priv, &hdr, frame, len);
            continue;
        }
        if (hdr.type == VIR_NET_REPLY) {
            remoteCallSlot *slot;

            g_mutex_lock(&priv->lock);
            if ((slot = g_hash_table_lookup(priv->calls,
                                            GUINT_TO_POINTER(hdr.serial)))) {
                if (slot->registersEvent)
                    remoteNoteEventRegistration(priv, slot, &hdr, frame, len);
                slot->frame = g_steal_pointer(&frame);
                slot->len = len;
                slot->done = true;
                g_cond_signal(&slot->cond);
            }
            g_mutex_unlock(&priv->lock);
        }
    }
    remoteFailAllCalls(priv);
    remoteNoticeClose(priv, reason);
    return NULL;
}


/* The connection ended under a call: upstream's words, with what the
 * transport command (ssh) said on its way out, as upstream's client. */
static void
remoteReportEOF(remotePrivate *priv)
{
    g_autofree char *cmderr = virNetSocketGetCommandError(priv->sock);

    if (cmderr)
        virReportSystemError(ECONNRESET, _("Cannot recv data: %1$s"), cmderr);
    else
        virReportError(VIR_ERR_RPC, "%s",
                       _("End of file while reading data: Input/output error"));
}


/**
 * remoteCallSlotted:
 * @priv: the connection's state
 * @proc: a REMOTE procedure
 * @argsFilter: XDR of its arguments (xdr_void for none)
 * @args: the arguments, or NULL
 * @retFilter: XDR of its result (xdr_void for none)
 * @ret: where to decode the result (free with xdr_free)
 * @registersEvent: for a callback registration, its event ID + 1: the
 *   reader notes the daemon's registration ID; else 0
 *
 * Sends one call and waits for its reply.  A daemon's error becomes
 * the thread's last error exactly as the daemon reported it.
 *
 * Returns: 0, or -1 with an error reported.
 */
static int
remoteCallSlotted(remotePrivate *priv, int proc, xdrproc_t argsFilter,
                  void *args, xdrproc_t retFilter, void *ret,
                  int registersEvent)
{
    virNetMessageHeader hdr = {
        .prog = REMOTE_PROGRAM, .vers = REMOTE_PROTOCOL_VERSION,
        .proc = proc, .type = VIR_NET_CALL, .status = VIR_NET_OK,
    };
    remoteCallSlot slot = { 0 };
    virNetMessageHeader rhdr;
    g_autofree char *frame = NULL;
    size_t len;
    int rc = -1;

    slot.registersEvent = registersEvent;
    g_cond_init(&slot.cond);
    g_mutex_lock(&priv->lock);
    if (priv->closed) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("client socket is closed"));
        goto cleanup;
    }
    hdr.serial = priv->serial++;
    g_hash_table_insert(priv->calls, GUINT_TO_POINTER(hdr.serial), &slot);
    g_mutex_unlock(&priv->lock);

    if (virNetMessageEncode(&hdr, argsFilter, args, &frame, &len) < 0 ||
        remoteSendFrame(priv, frame, len) < 0) {
        g_autofree char *cmderr = virNetSocketGetCommandError(priv->sock);

        /* ssh that left at once: what it said is the reason. */
        if (frame && cmderr)
            virReportSystemError(ECONNRESET, _("Cannot recv data: %1$s"), cmderr);
        g_mutex_lock(&priv->lock);
        g_hash_table_remove(priv->calls, GUINT_TO_POINTER(hdr.serial));
        g_mutex_unlock(&priv->lock);
        goto cleanup;
    }
    g_clear_pointer(&frame, g_free);

    g_mutex_lock(&priv->lock);
    while (!slot.done)
        g_cond_wait(&slot.cond, &priv->lock);
    g_hash_table_remove(priv->calls, GUINT_TO_POINTER(hdr.serial));
    g_mutex_unlock(&priv->lock);

    if (!slot.frame) {
        g_autofree char *why = NULL;

        g_mutex_lock(&priv->lock);
        why = g_strdup(priv->closeError);
        g_mutex_unlock(&priv->lock);
        if (why)
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", why);
        else
            remoteReportEOF(priv);
        goto cleanup;
    }
    if (virNetMessageDecodeHeader(slot.frame, slot.len, &rhdr) < 0)
        goto cleanup;
    if (rhdr.status == VIR_NET_OK) {
        if (virNetMessageDecodePayload(slot.frame, slot.len, retFilter, ret) < 0)
            goto cleanup;
        rc = 0;
    } else {
        virNetMessageError err = { 0 };

        if (virNetMessageDecodePayload(slot.frame, slot.len,
                                       (xdrproc_t)xdr_virNetMessageError,
                                       &err) < 0)
            goto cleanup;
        virNetMessageReportError(&err);
        xdr_free((xdrproc_t)xdr_virNetMessageError, (char *)&err);
    }

 cleanup:
    g_free(slot.frame);
    g_cond_clear(&slot.cond);
    return rc;
}


static int
remoteCallFull(remotePrivate *priv, int proc, xdrproc_t argsFilter, void *args,
               xdrproc_t retFilter, void *ret)
{
    return remoteCallSlotted(priv, proc, argsFilter, args, retFilter, ret, 0);
}


static int
remoteCall(virConnectPtr conn, int proc, xdrproc_t argsFilter, void *args,
           xdrproc_t retFilter, void *ret)
{
    return remoteCallFull(remotePrivateGet(conn), proc, argsFilter, args,
                          retFilter, ret);
}


/* The wire form of a handle; the name is borrowed from @dom. */
static void
remoteMakeNonnullDomain(remote_nonnull_domain *dst, virDomainPtr dom)
{
    dst->name = dom->name;
    memcpy(dst->uuid, dom->uuid, VIR_UUID_BUFLEN);
    dst->id = dom->id;
}


static virDomainPtr
remoteGetDomain(virConnectPtr conn, const remote_nonnull_domain *src)
{
    return virGetDomain(conn, src->name, (const unsigned char *)src->uuid,
                        src->id);
}


/* Keeps @str for the connection's life, for members that return a
 * string the caller does not free. */
static const char *
remoteKeepString(virConnectPtr conn, char *str)
{
    remotePrivate *priv = remotePrivateGet(conn);

    g_mutex_lock(&priv->lock);
    g_ptr_array_add(priv->strings, str);
    g_mutex_unlock(&priv->lock);
    return str;
}

/* Storage handles: names borrowed for the wire, as for domains. */
static void
remoteMakeNonnullStoragePool(remote_nonnull_storage_pool *dst, virStoragePoolPtr pool)
{
    dst->name = pool->name;
    memcpy(dst->uuid, pool->uuid, VIR_UUID_BUFLEN);
}


static virStoragePoolPtr
remoteGetStoragePool(virConnectPtr conn, const remote_nonnull_storage_pool *src)
{
    return virGetStoragePool(conn, src->name, (const unsigned char *)src->uuid);
}


static void
remoteMakeNonnullStorageVol(remote_nonnull_storage_vol *dst, virStorageVolPtr vol)
{
    dst->pool = vol->pool;
    dst->name = vol->name;
    dst->key = vol->key;
}


static virStorageVolPtr
remoteGetStorageVol(virConnectPtr conn, const remote_nonnull_storage_vol *src)
{
    return virGetStorageVol(conn, src->pool, src->name, src->key);
}

/* rpcgen's decoder allocates with malloc(): its strings are freed with
 * free(), which g_free() is. */
#include "remote_client_gen.h"


static void
remotePrivateFree(remotePrivate *priv)
{
    if (!priv)
        return;
    g_mutex_lock(&priv->lock);
    priv->closing = true;
    g_mutex_unlock(&priv->lock);
    if (priv->sock)
        virNetSocketShutdown(priv->sock);
    if (priv->reader && g_thread_self() == priv->reader)
        g_thread_unref(priv->reader);
    else if (priv->reader)
        g_thread_join(priv->reader);
    virNetSocketFree(priv->sock);
    virDomainEventStateFree(priv->events);
    g_hash_table_unref(priv->calls);
    g_ptr_array_unref(priv->strings);
    g_free(priv->closeError);
    g_mutex_clear(&priv->lock);
    g_mutex_clear(&priv->writeLock);
    g_free(priv);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(remotePrivate, remotePrivateFree);


/* The daemon binary: $VIRTQEMUD (tests, a build tree), else the
 * installed one. */
static const char *
remoteDaemonPath(void)
{
    const char *env = g_getenv("VIRTQEMUD");

    return env && *env ? env : SBINDIR "/virtqemud";
}


/*
 * Starts a session daemon as the calling user (root included), detached,
 * exiting on its own after a while without clients, then connects once
 * it listens.
 * Returns the fd, or -1 with an error reported.
 */
static int
remoteAutostartSessionDaemon(const char *path)
{
    const char *daemon = remoteDaemonPath();
    g_autoptr(GError) gerr = NULL;
    /* Root may have a session too (--session: ours, not upstream's). */
    const char *argv[] = { daemon, "--daemon", "--timeout", "120",
                           geteuid() == 0 ? "--session" : NULL, NULL };
    int status;
    int fd;

    VIR_DEBUG("starting the session daemon %s", daemon);
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, &status, &gerr)) {
        virReportError(VIR_ERR_NO_CONNECT,
                       _("cannot start the session daemon %1$s: %2$s"),
                       daemon, gerr->message);
        return -1;
    }
    /* With --daemon it returns once it has forked; the child listens
     * soon after, or another one already does. */
    for (int waited = 0; waited < REMOTE_AUTOSTART_WAIT_MS; waited += 10) {
        if ((fd = virFileConnectUnixSocket(path)) >= 0)
            return fd;
        g_usleep(10 * 1000);
    }
    virReportSystemError(errno, _("Failed to connect socket to '%1$s'"), path);
    return -1;
}


/* The daemon's socket for a plain qemu:///system or qemu:///session. */
static char *
remoteDefaultSocket(bool session, bool readonly)
{
    const char *name = readonly ? "virtqemud-sock-ro" : "virtqemud-sock";

    if (session)
        return g_build_filename(g_get_user_runtime_dir(), PACKAGE, name, NULL);
    return g_build_filename(RUNSTATEDIR, PACKAGE, name, NULL);
}


/* A 0/1 URI parameter; upstream's error for anything else. */
static int
remoteGetBoolParam(GUri *uri, const char *name, bool *value)
{
    g_autofree char *str = virURIGetParam(uri, name);

    *value = false;
    if (!str)
        return 0;
    if (STREQ(str, "1")) {
        *value = true;
    } else if (STRNEQ(str, "0")) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Query parameter '%1$s' has unexpected value '%2$s' (should be 0 or 1)"),
                       name, str);
        return -1;
    }
    return 0;
}


/*
 * qemu+tls://HOST[:PORT]/: TCP, the TLS handshake (the client speaks
 * first, nothing before it), the daemon's certificate checked against
 * our CA and the host name, then the daemon's one-byte verdict on ours.
 * Credentials come from pkipath=DIR, else upstream's default places;
 * no_verify=1 lets a bad server certificate through (not a missing CA).
 */
static int
remoteOpenTLS(GUri *uri, virNetSocket **retsock)
{
    const char *host = g_uri_get_host(uri);
    g_autofree char *pkipath = virURIGetParam(uri, "pkipath");
    g_autofree char *priority = virURIGetParam(uri, "tls_priority");
    g_autofree char *port = NULL;
    g_auto(virNetTLSFiles) files = { 0 };
    g_autoptr(virNetTLSContext) ctxt = NULL;
    g_autoptr(virNetTLSSession) sess = NULL;
    g_autoptr(virNetSocket) sock = NULL;
    bool noVerify;
    char confirm = 0;
    ssize_t n;

    if (remoteGetBoolParam(uri, "no_verify", &noVerify) < 0)
        return -1;
    if (!host || !*host)
        host = "localhost";
    port = g_uri_get_port(uri) > 0 ? g_strdup_printf("%d", g_uri_get_port(uri)) :
                                     g_strdup(REMOTE_TLS_PORT);
    virNetTLSFilesLocateClient(pkipath, &files);
    if (!(ctxt = virNetTLSContextNewClient(&files, priority, true, !noVerify)))
        return -1;
    if (virNetSocketNewConnectTCP(host, port, &sock) < 0)
        return -1;
    if (!(sess = virNetTLSSessionNew(ctxt, virNetSocketGetFD(sock), host)))
        return -1;
    if (virNetTLSSessionHandshake(sess) < 0 ||
        virNetTLSContextCheckPeer(ctxt, sess) < 0)
        return -1;
    virNetSocketSetTLSSession(sock, g_steal_pointer(&sess));
    do {
        n = virNetSocketRead(sock, &confirm, 1);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && errno != ENOMSG) {
        virReportSystemError(errno, "%s", _("Unable to read TLS confirmation"));
        return -1;
    }
    if (n != 1 || confirm != VIR_NET_TLS_CONFIRM_BYTE) {
        virReportError(VIR_ERR_RPC, "%s",
                       _("server verification (of our certificate or IP address) failed"));
        return -1;
    }
    *retsock = g_steal_pointer(&sock);
    return 0;
}


/*
 * qemu+ssh://[USER@]HOST[:PORT]/: ssh (or command=) runs, on the host, a
 * shell line that relays its standard input and output to the daemon's
 * socket: virt-ssh-helper when the host has it, else netcat.  The line
 * and the ssh options are upstream's, byte for byte, so either end may
 * be upstream's or ours.
 */
static int
remoteOpenSSH(GUri *uri, const char *path, bool readonly, virNetSocket **retsock)
{
    const char *host = g_uri_get_host(uri);
    const char *user = g_uri_get_user(uri);
    g_autofree char *command = virURIGetParam(uri, "command");
    g_autofree char *keyfile = virURIGetParam(uri, "keyfile");
    g_autofree char *netcat = virURIGetParam(uri, "netcat");
    g_autofree char *sockpath = virURIGetParam(uri, "socket");
    g_autofree char *port = NULL;
    g_autofree char *ncline = NULL;
    g_autofree char *line = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    bool noVerify;
    bool noTTY;

    if (remoteGetBoolParam(uri, "no_verify", &noVerify) < 0 ||
        remoteGetBoolParam(uri, "no_tty", &noTTY) < 0)
        return -1;
    if (!host || !*host)
        host = "localhost";
    if (strchr(host, '\'') || (sockpath && strchr(sockpath, '\'')) ||
        (netcat && strchr(netcat, '\'')) || (path && strchr(path, '\''))) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("a qemu+ssh URI must not contain a single quote"));
        return -1;
    }
    if (g_uri_get_port(uri) > 0)
        port = g_strdup_printf("%d", g_uri_get_port(uri));

    g_ptr_array_add(argv, command ? command : (char *)"ssh");
    if (port) {
        g_ptr_array_add(argv, (char *)"-p");
        g_ptr_array_add(argv, port);
    }
    if (user && *user) {
        g_ptr_array_add(argv, (char *)"-l");
        g_ptr_array_add(argv, (char *)user);
    }
    if (keyfile) {
        g_ptr_array_add(argv, (char *)"-i");
        g_ptr_array_add(argv, keyfile);
    }
    g_ptr_array_add(argv, (char *)"-T");
    g_ptr_array_add(argv, (char *)"-e");
    g_ptr_array_add(argv, (char *)"none");
    if (noTTY) {
        g_ptr_array_add(argv, (char *)"-o");
        g_ptr_array_add(argv, (char *)"BatchMode=yes");
    }
    if (noVerify) {
        g_ptr_array_add(argv, (char *)"-o");
        g_ptr_array_add(argv, (char *)"StrictHostKeyChecking=no");
    }
    g_ptr_array_add(argv, (char *)"--");
    g_ptr_array_add(argv, (char *)host);

    ncline = g_strdup_printf("if '%1$s' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;'%1$s' $ARG -U %2$s",
                             netcat ? netcat : "nc",
                             sockpath ? sockpath :
                             readonly ? "/var/run/libvirt/libvirt-sock-ro" :
                                        "/var/run/libvirt/libvirt-sock");
    if (netcat || sockpath)
        line = g_strdup_printf("sh -c '%s'", ncline);
    else
        line = g_strdup_printf("sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     virt-ssh-helper %s'qemu://%s'; else    %s; fi'",
                               readonly ? "-r " : "", NULLSTR_EMPTY(path), ncline);
    g_ptr_array_add(argv, line);
    g_ptr_array_add(argv, NULL);
    return virNetSocketNewConnectCommand((const char *const *)argv->pdata, retsock);
}


static virDrvOpenStatus
remoteConnectOpen(virConnectPtr conn, virConnectAuthPtr auth G_GNUC_UNUSED,
                  GUri *uri, unsigned int flags)
{
    g_autoptr(remotePrivate) priv = NULL;
    const char *scheme = g_uri_get_scheme(uri);
    const char *path = g_uri_get_path(uri);
    const char *host = g_uri_get_host(uri);
    g_autofree char *socketPath = NULL;
    g_autofree char *name = NULL;
    remote_connect_open_args openArgs = { 0 };
    remote_auth_list_ret authTypes = { 0 };
    remote_connect_supports_feature_args feat = { 0 };
    remote_connect_supports_feature_ret featRet = { 0 };
    bool session = STREQ_NULLABLE(path, "/session");
    bool authNone = false;
    bool tls = STREQ_NULLABLE(scheme, "qemu+tls");
    bool ssh = STREQ_NULLABLE(scheme, "qemu+ssh");
    int fd;

    virCheckFlags(VIR_CONNECT_RO, VIR_DRV_OPEN_ERROR);

    if (STREQ_NULLABLE(scheme, "qemu+unix")) {
        if (host && *host) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("a UNIX socket connection names no host, not '%1$s'"),
                           host);
            return VIR_DRV_OPEN_ERROR;
        }
        socketPath = virURIGetParam(uri, "socket");
    } else if (STREQ_NULLABLE(scheme, "qemu")) {
        /* Other hosts need a transport this library lacks: no driver
         * takes them (VIR_ERR_NO_CONNECT). */
        if ((host && *host) || virConnectIsLocalOnly() ||
            !(STREQ_NULLABLE(path, "/system") || session))
            return VIR_DRV_OPEN_DECLINED;
    } else if (tls || ssh) {
        if (!(STREQ_NULLABLE(path, "/system") || session)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("unexpected QEMU URI path '%1$s', try qemu:///system"),
                           NULLSTR_EMPTY(path));
            return VIR_DRV_OPEN_ERROR;
        }
    } else if (scheme && g_str_has_prefix(scheme, "qemu+")) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("transport '%1$s' is not supported, only qemu+unix, qemu+tls and qemu+ssh"),
                       scheme + 5);
        return VIR_DRV_OPEN_ERROR;
    } else {
        return VIR_DRV_OPEN_DECLINED;
    }
    if (!socketPath && !tls && !ssh)
        socketPath = remoteDefaultSocket(session, flags & VIR_CONNECT_RO);
    name = g_strdup_printf("qemu://%s", NULLSTR_EMPTY(path));

    priv = g_new0(remotePrivate, 1);
    g_mutex_init(&priv->lock);
    g_mutex_init(&priv->writeLock);
    priv->calls = g_hash_table_new(NULL, NULL);
    priv->strings = g_ptr_array_new_with_free_func(g_free);
    priv->events = virDomainEventStateNew();

    priv->keepaliveInterval = REMOTE_KEEPALIVE_INTERVAL;
    priv->keepaliveCount = REMOTE_KEEPALIVE_COUNT;

    if (tls) {
        if (remoteOpenTLS(uri, &priv->sock) < 0)
            return VIR_DRV_OPEN_ERROR;
    } else if (ssh) {
        if (remoteOpenSSH(uri, path, flags & VIR_CONNECT_RO, &priv->sock) < 0)
            return VIR_DRV_OPEN_ERROR;
    } else if ((fd = virFileConnectUnixSocket(socketPath)) < 0) {
        if (STREQ(scheme, "qemu") && session &&
            (errno == ENOENT || errno == ECONNREFUSED)) {
            if ((fd = remoteAutostartSessionDaemon(socketPath)) < 0)
                return VIR_DRV_OPEN_ERROR;
        } else {
            virReportSystemError(errno, _("Failed to connect socket to '%1$s'"),
                                 socketPath);
            return VIR_DRV_OPEN_ERROR;
        }
        priv->sock = virNetSocketNewFD(fd);
    } else {
        priv->sock = virNetSocketNewFD(fd);
    }
    priv->reader = g_thread_new("remote-reader", remoteReaderThread, priv);

    if (remoteCallFull(priv, REMOTE_PROC_AUTH_LIST, (xdrproc_t)xdr_void, NULL,
                       (xdrproc_t)xdr_remote_auth_list_ret, &authTypes) < 0)
        return VIR_DRV_OPEN_ERROR;
    for (size_t i = 0; i < authTypes.types.types_len; i++)
        authNone |= authTypes.types.types_val[i] == REMOTE_AUTH_NONE;
    xdr_free((xdrproc_t)xdr_remote_auth_list_ret, (char *)&authTypes);
    if (!authNone) {
        virReportError(VIR_ERR_AUTH_FAILED, "%s",
                       _("the daemon requires an authentication this client does not offer"));
        return VIR_DRV_OPEN_ERROR;
    }

    /* As upstream's client: keepalive only with a daemon that says it
     * takes part. */
    feat.feature = VIR_DRV_FEATURE_PROGRAM_KEEPALIVE;
    if (remoteCallFull(priv, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                       (xdrproc_t)xdr_remote_connect_supports_feature_args, &feat,
                       (xdrproc_t)xdr_remote_connect_supports_feature_ret,
                       &featRet) < 0)
        return VIR_DRV_OPEN_ERROR;
    g_mutex_lock(&priv->lock);
    priv->keepaliveSupported = featRet.supported;
    g_mutex_unlock(&priv->lock);

    openArgs.name = &name;
    openArgs.flags = flags & VIR_CONNECT_RO;
    if (remoteCallFull(priv, REMOTE_PROC_CONNECT_OPEN,
                       (xdrproc_t)xdr_remote_connect_open_args, &openArgs,
                       (xdrproc_t)xdr_void, NULL) < 0)
        return VIR_DRV_OPEN_ERROR;

    /* As upstream's client: a daemon without event callbacks gets the
     * legacy registration, one per event ID, for the IDs it knows. */
    feat.feature = VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK;
    if (remoteCallFull(priv, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                       (xdrproc_t)xdr_remote_connect_supports_feature_args, &feat,
                       (xdrproc_t)xdr_remote_connect_supports_feature_ret,
                       &featRet) < 0)
        return VIR_DRV_OPEN_ERROR;
    priv->eventLegacy = !featRet.supported;

    g_mutex_lock(&priv->lock);
    priv->conn = conn;
    g_mutex_unlock(&priv->lock);
    conn->privateData = g_steal_pointer(&priv);
    return VIR_DRV_OPEN_SUCCESS;
}


static int
remoteConnectClose(virConnectPtr conn)
{
    remotePrivate *priv = remotePrivateGet(conn);
    int rc = 0;

    if (!priv->closed &&
        remoteCallFull(priv, REMOTE_PROC_CONNECT_CLOSE, (xdrproc_t)xdr_void,
                       NULL, (xdrproc_t)xdr_void, NULL) < 0)
        rc = -1;
    remotePrivateFree(priv);
    conn->privateData = NULL;
    return rc;
}


/* virConnectSetKeepAlive: takes effect within a second, on the reader's
 * next wake. */
static int
remoteConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    remotePrivate *priv = remotePrivateGet(conn);
    int rc;

    g_mutex_lock(&priv->lock);
    priv->keepaliveInterval = interval;
    priv->keepaliveCount = count;
    rc = priv->keepaliveSupported ? 0 : 1;
    g_mutex_unlock(&priv->lock);
    return rc;
}


static int
remoteConnectIsAlive(virConnectPtr conn)
{
    remotePrivate *priv = remotePrivateGet(conn);
    bool closed;

    g_mutex_lock(&priv->lock);
    closed = priv->closed;
    g_mutex_unlock(&priv->lock);
    return closed ? 0 : 1;
}


static int
remoteConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                            unsigned int flags)
{
    remote_connect_list_all_domains_args args = { 0 };
    remote_connect_list_all_domains_ret ret = { 0 };
    int rv;

    args.need_results = !!domains;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                   (xdrproc_t)xdr_remote_connect_list_all_domains_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_all_domains_ret, &ret) < 0)
        return -1;
    if (domains) {
        virDomainPtr *list = g_new0(virDomainPtr, ret.domains.domains_len + 1);

        for (size_t i = 0; i < ret.domains.domains_len; i++)
            list[i] = remoteGetDomain(conn, &ret.domains.domains_val[i]);
        *domains = list;
        rv = ret.domains.domains_len;
    } else {
        rv = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_domains_ret, (char *)&ret);
    return rv;
}


static int
remoteConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    remote_connect_list_domains_args args = { .maxids = maxids };
    remote_connect_list_domains_ret ret = { 0 };
    int rv;

    if (maxids > REMOTE_DOMAIN_LIST_MAX) {
        virReportError(VIR_ERR_RPC,
                       _("Too many domain IDs '%1$d' for limit '%2$d'"),
                       maxids, REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                   (xdrproc_t)xdr_remote_connect_list_domains_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_domains_ret, &ret) < 0)
        return -1;
    rv = MIN((int)ret.ids.ids_len, maxids);
    memcpy(ids, ret.ids.ids_val, rv * sizeof(int));
    xdr_free((xdrproc_t)xdr_remote_connect_list_domains_ret, (char *)&ret);
    return rv;
}


static int
remoteConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                int maxnames)
{
    remote_connect_list_defined_domains_args args = { .maxnames = maxnames };
    remote_connect_list_defined_domains_ret ret = { 0 };
    int rv;

    if (maxnames > REMOTE_DOMAIN_LIST_MAX) {
        virReportError(VIR_ERR_RPC,
                       _("Too many domain names '%1$d' for limit '%2$d'"),
                       maxnames, REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS,
                   (xdrproc_t)xdr_remote_connect_list_defined_domains_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_defined_domains_ret,
                   &ret) < 0)
        return -1;
    rv = MIN((int)ret.names.names_len, maxnames);
    for (int i = 0; i < rv; i++)
        names[i] = g_steal_pointer(&ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_remote_connect_list_defined_domains_ret, (char *)&ret);
    return rv;
}


static int
remoteDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    remote_domain_get_info_args args = { 0 };
    remote_domain_get_info_ret ret = { 0 };

    remoteMakeNonnullDomain(&args.dom, dom);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_INFO,
                   (xdrproc_t)xdr_remote_domain_get_info_args, &args,
                   (xdrproc_t)xdr_remote_domain_get_info_ret, &ret) < 0)
        return -1;
    info->state = ret.state;
    info->maxMem = ret.maxMem;
    info->memory = ret.memory;
    info->nrVirtCpu = ret.nrVirtCpu;
    info->cpuTime = ret.cpuTime;
    return 0;
}


static int
remoteNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    remote_node_get_info_ret ret = { 0 };

    if (remoteCall(conn, REMOTE_PROC_NODE_GET_INFO, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_node_get_info_ret, &ret) < 0)
        return -1;
    /* The wire's 32 bytes need not end in a NUL; the struct's do. */
    memcpy(info->model, ret.model, sizeof(info->model) - 1);
    info->model[sizeof(info->model) - 1] = '\0';
    info->memory = ret.memory;
    info->cpus = ret.cpus;
    info->mhz = ret.mhz;
    info->nodes = ret.nodes;
    info->sockets = ret.sockets;
    info->cores = ret.cores;
    info->threads = ret.threads;
    return 0;
}


/* Starts @dom; the daemon's answer carries its new ID, which the
 * handle takes, as upstream's client does. */
static int
remoteDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    remote_domain_create_with_flags_args args = { 0 };
    remote_domain_create_with_flags_ret ret = { 0 };

    remoteMakeNonnullDomain(&args.dom, dom);
    args.flags = flags;
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS,
                   (xdrproc_t)xdr_remote_domain_create_with_flags_args, &args,
                   (xdrproc_t)xdr_remote_domain_create_with_flags_ret, &ret) < 0)
        return -1;
    dom->id = ret.dom.id;
    xdr_free((xdrproc_t)xdr_remote_domain_create_with_flags_ret, (char *)&ret);
    return 0;
}


/* virDomainCreate: as upstream's client after its DOMAIN_CREATE, the
 * handle must learn the new ID; DOMAIN_CREATE_WITH_FLAGS brings it. */
static int
remoteDomainCreate(virDomainPtr dom)
{
    return remoteDomainCreateWithFlags(dom, 0);
}


/*
 * Events: the application's callbacks live in a local event state; the
 * daemon holds one registration per event ID, made with the first local
 * callback for that ID and dropped with the last, and sends events of
 * every domain (the local state filters).  A daemon without event
 * callbacks (feature 14) gets the legacy procedures, which name the
 * event ID instead of a registration ID.
 */
static int
remoteEventRegisterRemote(virConnectPtr conn, remotePrivate *priv, int eventID)
{
    if (priv->eventLegacy) {
        remote_connect_domain_event_register_any_args args = { .eventID = eventID };

        return remoteCall(conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER_ANY,
                          (xdrproc_t)xdr_remote_connect_domain_event_register_any_args,
                          &args, (xdrproc_t)xdr_void, NULL);
    } else {
        remote_connect_domain_event_callback_register_any_args args = { 0 };
        remote_connect_domain_event_callback_register_any_ret ret = { 0 };

        args.eventID = eventID;
        /* The reader notes the ID the daemon gives. */
        return remoteCallSlotted(priv, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                                 (xdrproc_t)xdr_remote_connect_domain_event_callback_register_any_args,
                                 &args,
                                 (xdrproc_t)xdr_remote_connect_domain_event_callback_register_any_ret,
                                 &ret, eventID + 1);
    }
}


static int
remoteConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                    int eventID,
                                    virConnectDomainEventGenericCallback cb,
                                    void *opaque, virFreeCallback freecb)
{
    remotePrivate *priv = remotePrivateGet(conn);
    int callbackID;

    if (eventID < 0 || eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        virReportInvalidArg(eventID, _("eventID in %1$s must be less than %2$d"),
                            __func__, VIR_DOMAIN_EVENT_ID_LAST);
        return -1;
    }
    if ((callbackID = virDomainEventStateRegisterID(priv->events, conn, dom,
                                                    eventID, cb, opaque,
                                                    freecb)) < 0)
        return -1;

    g_mutex_lock(&priv->lock);
    if (priv->eventCallbacks[eventID]++ == 0) {
        g_mutex_unlock(&priv->lock);
        if (remoteEventRegisterRemote(conn, priv, eventID) < 0) {
            virErrorPtr saved = NULL;

            virErrorPreserveLast(&saved);
            g_mutex_lock(&priv->lock);
            priv->eventCallbacks[eventID]--;
            g_mutex_unlock(&priv->lock);
            if (virDomainEventStateDeregisterID(priv->events, callbackID) < 0)
                VIR_DEBUG("callback %d already gone", callbackID);
            virErrorRestore(&saved);
            return -1;
        }
        return callbackID;
    }
    g_mutex_unlock(&priv->lock);
    return callbackID;
}


static int
remoteConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    remotePrivate *priv = remotePrivateGet(conn);
    int eventID;

    if ((eventID = virDomainEventStateCallbackEventID(priv->events,
                                                      callbackID)) < 0)
        return -1;
    if (virDomainEventStateDeregisterID(priv->events, callbackID) < 0)
        return -1;

    g_mutex_lock(&priv->lock);
    if (--priv->eventCallbacks[eventID] == 0) {
        remote_connect_domain_event_callback_deregister_any_args args = {
            .callbackID = priv->eventRemoteIDs[eventID],
        };
        remote_connect_domain_event_deregister_any_args legacyArgs = {
            .eventID = eventID,
        };

        priv->eventRemoteKnown[eventID] = false;
        g_mutex_unlock(&priv->lock);
        if (priv->eventLegacy)
            return remoteCall(conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER_ANY,
                              (xdrproc_t)xdr_remote_connect_domain_event_deregister_any_args,
                              &legacyArgs, (xdrproc_t)xdr_void, NULL);
        return remoteCall(conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                          (xdrproc_t)xdr_remote_connect_domain_event_callback_deregister_any_args,
                          &args, (xdrproc_t)xdr_void, NULL);
    }
    g_mutex_unlock(&priv->lock);
    return 0;
}


/* A name list: @proc answers with at most @maxnames names. */
static int
remoteListNames(virConnectPtr conn, int proc, xdrproc_t argsFilter, void *args,
                int maxnames, int limit, char **const names)
{
    remote_connect_list_storage_pools_ret ret = { 0 };
    int rv;

    G_STATIC_ASSERT(sizeof(remote_connect_list_storage_pools_ret) ==
                    sizeof(remote_storage_pool_list_volumes_ret));
    if (maxnames > limit) {
        virReportError(VIR_ERR_RPC, _("Too many names '%1$d' for limit '%2$d'"),
                       maxnames, limit);
        return -1;
    }
    /* The three name lists have the one layout: a counted string array. */
    if (remoteCall(conn, proc, argsFilter, args,
                   (xdrproc_t)xdr_remote_connect_list_storage_pools_ret, &ret) < 0)
        return -1;
    rv = MIN((int)ret.names.names_len, maxnames);
    for (int i = 0; i < rv; i++)
        names[i] = g_steal_pointer(&ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_remote_connect_list_storage_pools_ret, (char *)&ret);
    return rv;
}


static int
remoteConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    remote_connect_list_storage_pools_args args = { .maxnames = maxnames };

    return remoteListNames(conn, REMOTE_PROC_CONNECT_LIST_STORAGE_POOLS,
                           (xdrproc_t)xdr_remote_connect_list_storage_pools_args, &args,
                           maxnames, REMOTE_STORAGE_POOL_LIST_MAX, names);
}


static int
remoteConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    remote_connect_list_defined_storage_pools_args args = { .maxnames = maxnames };

    return remoteListNames(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_STORAGE_POOLS,
                           (xdrproc_t)xdr_remote_connect_list_defined_storage_pools_args,
                           &args, maxnames, REMOTE_STORAGE_POOL_LIST_MAX, names);
}


static int
remoteStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    remote_storage_pool_list_volumes_args args = { .maxnames = maxnames };

    remoteMakeNonnullStoragePool(&args.pool, pool);
    return remoteListNames(pool->conn, REMOTE_PROC_STORAGE_POOL_LIST_VOLUMES,
                           (xdrproc_t)xdr_remote_storage_pool_list_volumes_args, &args,
                           maxnames, REMOTE_STORAGE_VOL_LIST_MAX, names);
}


static int
remoteConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                                 unsigned int flags)
{
    remote_connect_list_all_storage_pools_args args = { 0 };
    remote_connect_list_all_storage_pools_ret ret = { 0 };
    int rv;

    args.need_results = !!pools;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS,
                   (xdrproc_t)xdr_remote_connect_list_all_storage_pools_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_all_storage_pools_ret, &ret) < 0)
        return -1;
    if (pools) {
        virStoragePoolPtr *list = g_new0(virStoragePoolPtr, ret.pools.pools_len + 1);

        for (size_t i = 0; i < ret.pools.pools_len; i++)
            list[i] = remoteGetStoragePool(conn, &ret.pools.pools_val[i]);
        *pools = list;
        rv = ret.pools.pools_len;
    } else {
        rv = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_storage_pools_ret, (char *)&ret);
    return rv;
}


static int
remoteStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                                unsigned int flags)
{
    remote_storage_pool_list_all_volumes_args args = { 0 };
    remote_storage_pool_list_all_volumes_ret ret = { 0 };
    int rv;

    remoteMakeNonnullStoragePool(&args.pool, pool);
    args.need_results = !!vols;
    args.flags = flags;
    if (remoteCall(pool->conn, REMOTE_PROC_STORAGE_POOL_LIST_ALL_VOLUMES,
                   (xdrproc_t)xdr_remote_storage_pool_list_all_volumes_args, &args,
                   (xdrproc_t)xdr_remote_storage_pool_list_all_volumes_ret, &ret) < 0)
        return -1;
    if (vols) {
        virStorageVolPtr *list = g_new0(virStorageVolPtr, ret.vols.vols_len + 1);

        for (size_t i = 0; i < ret.vols.vols_len; i++)
            list[i] = remoteGetStorageVol(pool->conn, &ret.vols.vols_val[i]);
        *vols = list;
        rv = ret.vols.vols_len;
    } else {
        rv = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_storage_pool_list_all_volumes_ret, (char *)&ret);
    return rv;
}


static int
remoteStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    remote_storage_pool_get_info_args args = { 0 };
    remote_storage_pool_get_info_ret ret = { 0 };

    remoteMakeNonnullStoragePool(&args.pool, pool);
    if (remoteCall(pool->conn, REMOTE_PROC_STORAGE_POOL_GET_INFO,
                   (xdrproc_t)xdr_remote_storage_pool_get_info_args, &args,
                   (xdrproc_t)xdr_remote_storage_pool_get_info_ret, &ret) < 0)
        return -1;
    info->state = ret.state;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    info->available = ret.available;
    return 0;
}


static int
remoteStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info)
{
    remote_storage_vol_get_info_args args = { 0 };
    remote_storage_vol_get_info_ret ret = { 0 };

    remoteMakeNonnullStorageVol(&args.vol, vol);
    if (remoteCall(vol->conn, REMOTE_PROC_STORAGE_VOL_GET_INFO,
                   (xdrproc_t)xdr_remote_storage_vol_get_info_args, &args,
                   (xdrproc_t)xdr_remote_storage_vol_get_info_ret, &ret) < 0)
        return -1;
    info->type = ret.type;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    return 0;
}


const virHypervisorDriver remoteHypervisorDriver = {
    .name = "remote",
    .connectOpen = remoteConnectOpen,
    .connectClose = remoteConnectClose,
    .connectRegisterCloseCallback = virConnectCloseCallbackRegister,
    .connectUnregisterCloseCallback = virConnectCloseCallbackUnregister,
    .connectIsAlive = remoteConnectIsAlive,
    .connectSetKeepAlive = remoteConnectSetKeepAlive,
    .connectListAllDomains = remoteConnectListAllDomains,
    .connectListDomains = remoteConnectListDomains,
    .connectListDefinedDomains = remoteConnectListDefinedDomains,
    .connectDomainEventRegisterAny = remoteConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = remoteConnectDomainEventDeregisterAny,
    .domainCreateWithFlags = remoteDomainCreateWithFlags,
    .domainCreate = remoteDomainCreate,
    .domainGetInfo = remoteDomainGetInfo,
    .nodeGetInfo = remoteNodeGetInfo,
    REMOTE_GENERATED_MEMBERS
};


/* The storage calls the daemon answers (directory pools). */
static const virStorageDriver remoteStorageDriver = {
    .name = "remote",
    .connectListStoragePools = remoteConnectListStoragePools,
    .connectListDefinedStoragePools = remoteConnectListDefinedStoragePools,
    .connectListAllStoragePools = remoteConnectListAllStoragePools,
    .storagePoolListVolumes = remoteStoragePoolListVolumes,
    .storagePoolListAllVolumes = remoteStoragePoolListAllVolumes,
    .storagePoolGetInfo = remoteStoragePoolGetInfo,
    .storageVolGetInfo = remoteStorageVolGetInfo,
    REMOTE_GENERATED_STORAGE_MEMBERS
};


/* Networks and the rest have no remote drivers yet: their calls fail
 * with VIR_ERR_NO_SUPPORT on a remote connection. */
const virConnectDriver remoteConnectDriver = {
    .hypervisorDriver = &remoteHypervisorDriver,
    .storageDriver = &remoteStorageDriver,
};
