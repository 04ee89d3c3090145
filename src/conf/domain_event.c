/*
 * domain_event.c: domain event callbacks and their delivery
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "domain_event.h"
#include "datatypes.h"
#include "virerror.h"
#include "virevent.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

VIR_LOG_INIT("conf.domain_event");

typedef struct {
    int id;
    int eventID;
    virConnectPtr conn;        /* holds a reference */
    bool filtered;             /* only events of @uuid */
    unsigned char uuid[VIR_UUID_BUFLEN];
    virConnectDomainEventGenericCallback cb;
    void *opaque;
    virFreeCallback freecb;
    bool removed;              /* deregistered while a dispatch ran */
} virDomainEventCallback;

struct _virDomainEventState {
    GMutex lock;
    GPtrArray *callbacks;      /* virDomainEventCallback */
    GQueue *queue;             /* virDomainEvent */
    int nextID;
    int timer;                 /* event-loop timer, -1 when none */
    bool dispatching;
};


/**
 * virDomainEventNew:
 * @eventID: a virDomainEventID
 * @name: the domain's name (copied)
 * @uuid: its UUID
 * @id: its ID, or -1
 *
 * Returns: an event with zeroed data, for the caller to fill in the
 * member of @data that @eventID uses.
 */
virDomainEvent *
virDomainEventNew(int eventID, const char *name, const unsigned char *uuid,
                  int id)
{
    virDomainEvent *ev = g_new0(virDomainEvent, 1);

    ev->eventID = eventID;
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    ev->id = id;
    return ev;
}


static void
virDomainEventGraphicsAddressClear(virDomainEventGraphicsAddress *addr)
{
    g_free((char *)addr->node);
    g_free((char *)addr->service);
}


/**
 * virDomainEventFree:
 * @ev: an event, or NULL
 *
 * Releases @ev with the strings and parameters of its event ID's data;
 * a half-filled event is fine.
 */
void
virDomainEventFree(virDomainEvent *ev)
{
    if (!ev)
        return;
    switch ((virDomainEventID)ev->eventID) {
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        g_free(ev->data.ioError.srcPath);
        g_free(ev->data.ioError.devAlias);
        g_free(ev->data.ioError.reason);
        break;
    case VIR_DOMAIN_EVENT_ID_GRAPHICS:
        virDomainEventGraphicsAddressClear(&ev->data.graphics.local);
        virDomainEventGraphicsAddressClear(&ev->data.graphics.remote);
        g_free(ev->data.graphics.authScheme);
        for (int i = 0; i < ev->data.graphics.subject.nidentity; i++) {
            g_free((char *)ev->data.graphics.subject.identities[i].type);
            g_free((char *)ev->data.graphics.subject.identities[i].name);
        }
        g_free(ev->data.graphics.subject.identities);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
        g_free(ev->data.blockJob.disk);
        break;
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE:
        g_free(ev->data.diskChange.oldSrcPath);
        g_free(ev->data.diskChange.newSrcPath);
        g_free(ev->data.diskChange.devAlias);
        break;
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE:
        g_free(ev->data.trayChange.devAlias);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        g_free(ev->data.device.devAlias);
        break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        /* Not virTypedParamsFree: this file is not only linked into
         * the public library. */
        for (int i = 0; i < ev->data.params.nparams; i++) {
            if (ev->data.params.params[i].type == VIR_TYPED_PARAM_STRING)
                g_free(ev->data.params.params[i].value.s);
        }
        g_free(ev->data.params.params);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        g_free(ev->data.metadataChange.nsuri);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        g_free(ev->data.blockThreshold.dev);
        g_free(ev->data.blockThreshold.path);
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        g_free(ev->data.memoryDeviceSize.alias);
        break;
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
    case VIR_DOMAIN_EVENT_ID_REBOOT:
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
    case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR:
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
    case VIR_DOMAIN_EVENT_ID_LAST:
        break;
    }
    g_free(ev->name);
    g_free(ev);
}


/* Releases a callback.  Runs the application's free callback, so it is
 * only called with no lock held. */
static void
virDomainEventCallbackFree(virDomainEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    virConnectUnrefInternal(cb->conn);
    g_free(cb);
}


/**
 * virDomainEventStateNew:
 *
 * Returns: an empty event state.
 */
virDomainEventState *
virDomainEventStateNew(void)
{
    virDomainEventState *state = g_new0(virDomainEventState, 1);

    g_mutex_init(&state->lock);
    state->callbacks = g_ptr_array_new();
    state->queue = g_queue_new();
    state->nextID = 1;
    state->timer = -1;
    return state;
}


/**
 * virDomainEventStateFree:
 * @state: an event state, or NULL
 *
 * Drops undelivered events and releases every callback (running their
 * free callbacks).
 */
void
virDomainEventStateFree(virDomainEventState *state)
{
    if (!state)
        return;
    if (state->timer >= 0)
        virEventRemoveTimeout(state->timer);
    for (size_t i = 0; i < state->callbacks->len; i++)
        virDomainEventCallbackFree(g_ptr_array_index(state->callbacks, i));
    g_ptr_array_free(state->callbacks, TRUE);
    g_queue_free_full(state->queue, (GDestroyNotify)virDomainEventFree);
    g_mutex_clear(&state->lock);
    g_free(state);
}


static void
virDomainEventTimerFired(int timer G_GNUC_UNUSED, void *opaque)
{
    virDomainEventStateFlush(opaque);
}


/**
 * virDomainEventStateRegisterID:
 * @state: the driver's event state
 * @conn: the connection registering (gains a reference)
 * @dom: filter on this domain, or NULL
 * @eventID: a virDomainEventID
 * @cb: the callback
 * @opaque: its data
 * @freecb: releases @opaque, or NULL
 *
 * Returns: the callback ID, or -1 with an error reported (no event loop
 * registered; the same callback and data registered twice).
 */
int
virDomainEventStateRegisterID(virDomainEventState *state, virConnectPtr conn,
                              virDomainPtr dom, int eventID,
                              virConnectDomainEventGenericCallback cb,
                              void *opaque, virFreeCallback freecb)
{
    virDomainEventCallback *entry;
    int ret = -1;

    if (!virEventIsRegistered()) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("no event loop is registered: call virEventRegisterDefaultImpl() or virEventRegisterImpl() first"));
        return -1;
    }

    g_mutex_lock(&state->lock);
    for (size_t i = 0; i < state->callbacks->len; i++) {
        virDomainEventCallback *other = g_ptr_array_index(state->callbacks, i);

        if (!other->removed && other->conn == conn && other->cb == cb &&
            other->opaque == opaque && other->eventID == eventID &&
            other->filtered == !!dom &&
            (!dom || memcmp(other->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0)) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("event callback already tracked"));
            goto cleanup;
        }
    }

    if (state->timer < 0 &&
        (state->timer = virEventAddTimeout(-1, virDomainEventTimerFired,
                                           state, NULL)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("the event loop refused a timer for event delivery"));
        goto cleanup;
    }

    entry = g_new0(virDomainEventCallback, 1);
    entry->id = state->nextID++;
    entry->eventID = eventID;
    virConnectRefInternal(conn);
    entry->conn = conn;
    if (dom) {
        entry->filtered = true;
        memcpy(entry->uuid, dom->uuid, VIR_UUID_BUFLEN);
    }
    entry->cb = cb;
    entry->opaque = opaque;
    entry->freecb = freecb;
    g_ptr_array_add(state->callbacks, entry);
    ret = entry->id;
    VIR_DEBUG("registered callback %d for event %d", ret, eventID);

 cleanup:
    g_mutex_unlock(&state->lock);
    return ret;
}


/**
 * virDomainEventStateDeregisterID:
 * @state: the driver's event state
 * @callbackID: from virDomainEventStateRegisterID()
 *
 * Safe from inside a callback: the entry is only marked, and released
 * after the dispatch.
 *
 * Returns: 0, or -1 (VIR_ERR_INVALID_ARG) for an unknown ID.
 */
int
virDomainEventStateDeregisterID(virDomainEventState *state, int callbackID)
{
    virDomainEventCallback *found = NULL;

    g_mutex_lock(&state->lock);
    for (size_t i = 0; i < state->callbacks->len; i++) {
        virDomainEventCallback *entry = g_ptr_array_index(state->callbacks, i);

        if (entry->id == callbackID && !entry->removed) {
            if (state->dispatching) {
                entry->removed = true;
            } else {
                found = entry;
                g_ptr_array_remove_index(state->callbacks, i);
            }
            g_mutex_unlock(&state->lock);
            if (found)
                virDomainEventCallbackFree(found);
            return 0;
        }
    }
    g_mutex_unlock(&state->lock);

    virReportError(VIR_ERR_INVALID_ARG,
                   _("could not find event callback %1$d for deletion"),
                   callbackID);
    return -1;
}


/**
 * virDomainEventStateCallbackEventID:
 * @state: the driver's event state
 * @callbackID: from virDomainEventStateRegisterID()
 *
 * Returns: the event ID the callback was registered for, or -1
 * (VIR_ERR_INVALID_ARG) for an unknown ID.
 */
int
virDomainEventStateCallbackEventID(virDomainEventState *state, int callbackID)
{
    int ret = -1;

    g_mutex_lock(&state->lock);
    for (size_t i = 0; i < state->callbacks->len; i++) {
        virDomainEventCallback *entry = g_ptr_array_index(state->callbacks, i);

        if (entry->id == callbackID && !entry->removed) {
            ret = entry->eventID;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    if (ret < 0)
        virReportError(VIR_ERR_INVALID_ARG,
                       _("could not find event callback %1$d for deletion"),
                       callbackID);
    return ret;
}


/**
 * virDomainEventStateQueue:
 * @state: the driver's event state
 * @ev: the event (stolen)
 *
 * Queues @ev for delivery from the event loop; it is dropped at once
 * when nobody listens for events.
 */
void
virDomainEventStateQueue(virDomainEventState *state, virDomainEvent *ev)
{
    VIR_DEBUG("event %d for domain %s", ev->eventID, ev->name);
    g_mutex_lock(&state->lock);
    if (state->callbacks->len == 0 || state->timer < 0) {
        g_mutex_unlock(&state->lock);
        virDomainEventFree(ev);
        return;
    }
    g_queue_push_tail(state->queue, ev);
    virEventUpdateTimeout(state->timer, 0);
    g_mutex_unlock(&state->lock);
}


/**
 * virDomainEventLifecycleQueue:
 * @state: the driver's event state
 * @name: the domain's name
 * @uuid: its UUID
 * @id: its ID, or -1
 * @event: a virDomainEventType
 * @detail: the detail value that goes with @event
 *
 * Queues a VIR_DOMAIN_EVENT_ID_LIFECYCLE event.  Nothing is queued when
 * nobody listens for events.
 */
void
virDomainEventLifecycleQueue(virDomainEventState *state, const char *name,
                             const unsigned char *uuid, int id, int event,
                             int detail)
{
    virDomainEvent *ev = virDomainEventNew(VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                           name, uuid, id);

    ev->data.lifecycle.event = event;
    ev->data.lifecycle.detail = detail;
    virDomainEventStateQueue(state, ev);
}


/**
 * virDomainEventRebootQueue:
 * @state: the driver's event state
 * @name: the domain's name
 * @uuid: its UUID
 * @id: its ID
 *
 * Queues a VIR_DOMAIN_EVENT_ID_REBOOT event: the guest was reset and
 * boots again.  Nothing is queued when nobody listens for events.
 */
void
virDomainEventRebootQueue(virDomainEventState *state, const char *name,
                          const unsigned char *uuid, int id)
{
    virDomainEventStateQueue(state, virDomainEventNew(VIR_DOMAIN_EVENT_ID_REBOOT,
                                                      name, uuid, id));
}


/* Calls @cb's callback, cast back to its event ID's type, with @ev's
 * data in upstream's argument order. */
static void
virDomainEventDispatchOne(virDomainEventCallback *cb, const virDomainEvent *ev)
{
    g_autoptr(virDomain) dom = NULL;
    virConnectPtr conn = cb->conn;
    void *opaque = cb->opaque;

    if (cb->removed || cb->eventID != ev->eventID)
        return;
    if (cb->filtered && memcmp(cb->uuid, ev->uuid, VIR_UUID_BUFLEN) != 0)
        return;

    dom = virGetDomain(conn, ev->name, ev->uuid, ev->id);

#define VIR_EVENT_CALL(type, ...) \
    ((type)(void *)cb->cb)(conn, dom, __VA_ARGS__, opaque)

    switch ((virDomainEventID)ev->eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        VIR_EVENT_CALL(virConnectDomainEventCallback,
                       ev->data.lifecycle.event, ev->data.lifecycle.detail);
        break;
    case VIR_DOMAIN_EVENT_ID_REBOOT:
    case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR:
        cb->cb(conn, dom, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
        VIR_EVENT_CALL(virConnectDomainEventRTCChangeCallback,
                       ev->data.rtcChange.offset);
        break;
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
        VIR_EVENT_CALL(virConnectDomainEventWatchdogCallback,
                       ev->data.watchdog.action);
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
        VIR_EVENT_CALL(virConnectDomainEventIOErrorCallback,
                       ev->data.ioError.srcPath, ev->data.ioError.devAlias,
                       ev->data.ioError.action);
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        VIR_EVENT_CALL(virConnectDomainEventIOErrorReasonCallback,
                       ev->data.ioError.srcPath, ev->data.ioError.devAlias,
                       ev->data.ioError.action, ev->data.ioError.reason);
        break;
    case VIR_DOMAIN_EVENT_ID_GRAPHICS:
        VIR_EVENT_CALL(virConnectDomainEventGraphicsCallback,
                       ev->data.graphics.phase, &ev->data.graphics.local,
                       &ev->data.graphics.remote, ev->data.graphics.authScheme,
                       &ev->data.graphics.subject);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
        VIR_EVENT_CALL(virConnectDomainEventBlockJobCallback,
                       ev->data.blockJob.disk, ev->data.blockJob.type,
                       ev->data.blockJob.status);
        break;
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE:
        VIR_EVENT_CALL(virConnectDomainEventDiskChangeCallback,
                       ev->data.diskChange.oldSrcPath,
                       ev->data.diskChange.newSrcPath,
                       ev->data.diskChange.devAlias, ev->data.diskChange.reason);
        break;
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE:
        VIR_EVENT_CALL(virConnectDomainEventTrayChangeCallback,
                       ev->data.trayChange.devAlias, ev->data.trayChange.reason);
        break;
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
        /* The three callback types take the same arguments. */
        VIR_EVENT_CALL(virConnectDomainEventPMWakeupCallback,
                       ev->data.pm.reason);
        break;
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        VIR_EVENT_CALL(virConnectDomainEventBalloonChangeCallback,
                       ev->data.balloonChange.actual);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        VIR_EVENT_CALL(virConnectDomainEventDeviceRemovedCallback,
                       ev->data.device.devAlias);
        break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        VIR_EVENT_CALL(virConnectDomainEventTunableCallback,
                       ev->data.params.params, ev->data.params.nparams);
        break;
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
        VIR_EVENT_CALL(virConnectDomainEventAgentLifecycleCallback,
                       ev->data.agentLifecycle.state,
                       ev->data.agentLifecycle.reason);
        break;
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
        VIR_EVENT_CALL(virConnectDomainEventMigrationIterationCallback,
                       ev->data.migrationIteration.iteration);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        VIR_EVENT_CALL(virConnectDomainEventMetadataChangeCallback,
                       ev->data.metadataChange.type,
                       ev->data.metadataChange.nsuri);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        VIR_EVENT_CALL(virConnectDomainEventBlockThresholdCallback,
                       ev->data.blockThreshold.dev, ev->data.blockThreshold.path,
                       ev->data.blockThreshold.threshold,
                       ev->data.blockThreshold.excess);
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        VIR_EVENT_CALL(virConnectDomainEventMemoryFailureCallback,
                       ev->data.memoryFailure.recipient,
                       ev->data.memoryFailure.action,
                       ev->data.memoryFailure.flags);
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        VIR_EVENT_CALL(virConnectDomainEventMemoryDeviceSizeChangeCallback,
                       ev->data.memoryDeviceSize.alias,
                       ev->data.memoryDeviceSize.size);
        break;
    case VIR_DOMAIN_EVENT_ID_LAST:
        break;
    }
#undef VIR_EVENT_CALL
}


/**
 * virDomainEventStateFlush:
 * @state: the driver's event state
 *
 * Delivers every queued event to the matching callbacks, with no lock
 * held while they run, then releases callbacks deregistered meanwhile.
 */
void
virDomainEventStateFlush(virDomainEventState *state)
{
    g_autoptr(GPtrArray) removed = g_ptr_array_new();
    GQueue pending = G_QUEUE_INIT;
    virDomainEvent *ev;

    g_mutex_lock(&state->lock);
    if (state->dispatching) {
        g_mutex_unlock(&state->lock);
        return;
    }
    state->dispatching = true;
    while ((ev = g_queue_pop_head(state->queue)))
        g_queue_push_tail(&pending, ev);
    if (state->timer >= 0)
        virEventUpdateTimeout(state->timer, -1);

    while ((ev = g_queue_pop_head(&pending))) {
        /* Snapshot the list: callbacks may register others meanwhile. */
        g_autoptr(GPtrArray) targets = g_ptr_array_copy(state->callbacks, NULL, NULL);

        g_mutex_unlock(&state->lock);
        for (size_t i = 0; i < targets->len; i++)
            virDomainEventDispatchOne(g_ptr_array_index(targets, i), ev);
        virDomainEventFree(ev);
        g_mutex_lock(&state->lock);
    }

    for (size_t i = 0; i < state->callbacks->len;) {
        virDomainEventCallback *entry = g_ptr_array_index(state->callbacks, i);

        if (entry->removed) {
            g_ptr_array_add(removed, entry);
            g_ptr_array_remove_index(state->callbacks, i);
        } else {
            i++;
        }
    }
    state->dispatching = false;
    g_mutex_unlock(&state->lock);

    for (size_t i = 0; i < removed->len; i++)
        virDomainEventCallbackFree(g_ptr_array_index(removed, i));
}
