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

typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int eventID;
    int event;
    int detail;
} virDomainEvent;

struct _virDomainEventState {
    GMutex lock;
    GPtrArray *callbacks;      /* virDomainEventCallback */
    GQueue *queue;             /* virDomainEvent */
    int nextID;
    int timer;                 /* event-loop timer, -1 when none */
    bool dispatching;
};


static void
virDomainEventFree(virDomainEvent *ev)
{
    if (!ev)
        return;
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


/* Queues @eventID for @name/@uuid/@id with its data; nothing when
 * nobody listens. */
static void
virDomainEventQueue(virDomainEventState *state, int eventID, const char *name,
                    const unsigned char *uuid, int id, int event, int detail)
{
    virDomainEvent *ev;

    VIR_DEBUG("event %d (%d, %d) for domain %s", eventID, event, detail, name);
    g_mutex_lock(&state->lock);
    if (state->callbacks->len == 0 || state->timer < 0) {
        g_mutex_unlock(&state->lock);
        return;
    }
    ev = g_new0(virDomainEvent, 1);
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    ev->id = id;
    ev->eventID = eventID;
    ev->event = event;
    ev->detail = detail;
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
    virDomainEventQueue(state, VIR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id,
                        event, detail);
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
    virDomainEventQueue(state, VIR_DOMAIN_EVENT_ID_REBOOT, name, uuid, id, 0, 0);
}


static void
virDomainEventDispatchOne(virDomainEventCallback *cb, const virDomainEvent *ev)
{
    g_autoptr(virDomain) dom = NULL;

    if (cb->removed || cb->eventID != ev->eventID)
        return;
    if (cb->filtered && memcmp(cb->uuid, ev->uuid, VIR_UUID_BUFLEN) != 0)
        return;

    dom = virGetDomain(cb->conn, ev->name, ev->uuid, ev->id);
    switch ((virDomainEventID)ev->eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        ((virConnectDomainEventCallback)(void *)cb->cb)(cb->conn, dom, ev->event,
                                                        ev->detail, cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_REBOOT:
        cb->cb(cb->conn, dom, cb->opaque);
        break;
    default:
        break;
    }
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
