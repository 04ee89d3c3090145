/*
 * vireventglib.c: the default event loop implementation, on GLib's
 * default main context
 *
 * Each handle or timer is a GSource attached to the default context
 * (none while it is disabled).  Changing what a handle waits for, or a
 * timer's interval, replaces its source.  Removal destroys the source at
 * once and leaves freeing the record, and calling the application's
 * free callback, to an idle source: by then no callback that was
 * running (possibly the very one that removed it) still uses the data.
 *
 * Handles and timers may be added, changed and removed from any thread;
 * the loop runs in one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib-unix.h>

#include "vireventglib.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

VIR_LOG_INIT("util.eventglib");

typedef struct {
    int watch;
    int fd;
    int events;
    virEventHandleCallback cb;
    void *opaque;
    virFreeCallback ff;
    GSource *source;    /* NULL while no events are wanted */
    bool removed;
} virEventGLibHandle;

typedef struct {
    int timer;
    int interval;
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
    GSource *source;    /* NULL while disabled */
    bool removed;
} virEventGLibTimeout;

/* Guards everything below, and the records' fields. */
static GMutex virEventGLibLock;
static GHashTable *virEventGLibHandles;   /* watch -> virEventGLibHandle */
static GHashTable *virEventGLibTimeouts;  /* timer -> virEventGLibTimeout */
static int virEventGLibNextWatch = 1;
static int virEventGLibNextTimer = 1;


static void
virEventGLibInitLocked(void)
{
    if (!virEventGLibHandles) {
        virEventGLibHandles = g_hash_table_new(g_direct_hash, g_direct_equal);
        virEventGLibTimeouts = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
}


static GIOCondition
virEventGLibEventsToCondition(int events)
{
    GIOCondition cond = 0;

    if (events & VIR_EVENT_HANDLE_READABLE)
        cond |= G_IO_IN;
    if (events & VIR_EVENT_HANDLE_WRITABLE)
        cond |= G_IO_OUT;
    /* poll() reports these whether asked or not. */
    return cond | G_IO_ERR | G_IO_HUP;
}


static int
virEventGLibConditionToEvents(GIOCondition cond)
{
    int events = 0;

    if (cond & (G_IO_IN | G_IO_PRI))
        events |= VIR_EVENT_HANDLE_READABLE;
    if (cond & G_IO_OUT)
        events |= VIR_EVENT_HANDLE_WRITABLE;
    if (cond & (G_IO_ERR | G_IO_NVAL))
        events |= VIR_EVENT_HANDLE_ERROR;
    if (cond & G_IO_HUP)
        events |= VIR_EVENT_HANDLE_HANGUP;
    return events;
}


/* Attaches a source to the default context, which wakes it up. */
static GSource *
virEventGLibAttach(GSource *source, GSourceFunc func, gpointer data)
{
    g_source_set_priority(source, G_PRIORITY_DEFAULT);
    g_source_set_callback(source, func, data, NULL);
    g_source_attach(source, NULL);
    return source;
}


static void
virEventGLibDetach(GSource **source)
{
    if (*source) {
        g_source_destroy(*source);
        g_clear_pointer(source, g_source_unref);
    }
}


static gboolean
virEventGLibHandleDispatch(int fd, GIOCondition cond, gpointer data)
{
    virEventGLibHandle *handle = data;
    virEventHandleCallback cb;
    void *opaque;
    int watch;

    g_mutex_lock(&virEventGLibLock);
    if (handle->removed) {
        g_mutex_unlock(&virEventGLibLock);
        return G_SOURCE_REMOVE;
    }
    cb = handle->cb;
    opaque = handle->opaque;
    watch = handle->watch;
    g_mutex_unlock(&virEventGLibLock);

    /* The callback may update or remove this very handle. */
    cb(watch, fd, virEventGLibConditionToEvents(cond), opaque);
    return G_SOURCE_CONTINUE;
}


static void
virEventGLibHandleArmLocked(virEventGLibHandle *handle)
{
    virEventGLibDetach(&handle->source);
    if (handle->events == 0)
        return;
    handle->source = virEventGLibAttach(
        g_unix_fd_source_new(handle->fd,
                             virEventGLibEventsToCondition(handle->events)),
        G_SOURCE_FUNC(virEventGLibHandleDispatch), handle);
}


/**
 * virEventGLibAddHandle:
 * @fd: the descriptor to watch
 * @events: virEventHandleType conditions to wait for; 0 for none yet
 * @cb: called on the loop's thread when any holds
 * @opaque: passed to @cb
 * @ff: called with @opaque once the handle is removed, or NULL
 *
 * Returns: the watch, a positive number, or -1 with an error reported.
 */
int
virEventGLibAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff)
{
    virEventGLibHandle *handle;
    int watch;

    if (fd < 0) {
        virReportInvalidArg(fd, _("%1$s in %2$s must not be negative"), "fd",
                            "virEventAddHandle");
        return -1;
    }

    handle = g_new0(virEventGLibHandle, 1);
    handle->fd = fd;
    handle->events = events;
    handle->cb = cb;
    handle->opaque = opaque;
    handle->ff = ff;

    g_mutex_lock(&virEventGLibLock);
    virEventGLibInitLocked();
    watch = handle->watch = virEventGLibNextWatch++;
    g_hash_table_insert(virEventGLibHandles, GINT_TO_POINTER(watch), handle);
    virEventGLibHandleArmLocked(handle);
    g_mutex_unlock(&virEventGLibLock);

    VIR_DEBUG("watch %d on fd %d for events 0x%x", watch, fd, events);
    return watch;
}


/**
 * virEventGLibUpdateHandle:
 * @watch: a watch from virEventGLibAddHandle()
 * @events: the conditions to wait for from now on; 0 pauses the watch
 *
 * An unknown @watch is ignored.
 */
void
virEventGLibUpdateHandle(int watch, int events)
{
    virEventGLibHandle *handle;

    g_mutex_lock(&virEventGLibLock);
    virEventGLibInitLocked();
    handle = g_hash_table_lookup(virEventGLibHandles, GINT_TO_POINTER(watch));
    if (!handle) {
        VIR_DEBUG("no watch %d to update", watch);
    } else if (handle->events != events) {
        handle->events = events;
        virEventGLibHandleArmLocked(handle);
    }
    g_mutex_unlock(&virEventGLibLock);
}


static gboolean
virEventGLibHandleRelease(gpointer data)
{
    virEventGLibHandle *handle = data;

    if (handle->ff)
        handle->ff(handle->opaque);
    g_free(handle);
    return G_SOURCE_REMOVE;
}


/* Runs @func(@data) from the loop, after whatever is dispatching now. */
static void
virEventGLibDefer(GSourceFunc func, gpointer data)
{
    GSource *idle = g_idle_source_new();

    virEventGLibAttach(idle, func, data);
    g_source_unref(idle);
}


/**
 * virEventGLibRemoveHandle:
 * @watch: a watch from virEventGLibAddHandle()
 *
 * Its callback is not called again, even when removed from inside it.
 * The free callback runs later, from the loop.
 *
 * Returns: 0, or -1 if there is no such watch.
 */
int
virEventGLibRemoveHandle(int watch)
{
    virEventGLibHandle *handle;

    g_mutex_lock(&virEventGLibLock);
    virEventGLibInitLocked();
    handle = g_hash_table_lookup(virEventGLibHandles, GINT_TO_POINTER(watch));
    if (!handle) {
        g_mutex_unlock(&virEventGLibLock);
        VIR_DEBUG("no watch %d to remove", watch);
        return -1;
    }
    g_hash_table_remove(virEventGLibHandles, GINT_TO_POINTER(watch));
    handle->removed = true;
    virEventGLibDetach(&handle->source);
    g_mutex_unlock(&virEventGLibLock);

    virEventGLibDefer(virEventGLibHandleRelease, handle);
    return 0;
}


static gboolean
virEventGLibTimeoutDispatch(gpointer data)
{
    virEventGLibTimeout *timeout = data;
    virEventTimeoutCallback cb;
    void *opaque;
    int timer;

    g_mutex_lock(&virEventGLibLock);
    if (timeout->removed) {
        g_mutex_unlock(&virEventGLibLock);
        return G_SOURCE_REMOVE;
    }
    cb = timeout->cb;
    opaque = timeout->opaque;
    timer = timeout->timer;
    g_mutex_unlock(&virEventGLibLock);

    cb(timer, opaque);
    return G_SOURCE_CONTINUE;
}


static void
virEventGLibTimeoutArmLocked(virEventGLibTimeout *timeout)
{
    GSource *source;

    virEventGLibDetach(&timeout->source);
    if (timeout->interval < 0)
        return;
    /* 0 means on every iteration of the loop: an idle source. */
    if (timeout->interval == 0)
        source = g_idle_source_new();
    else
        source = g_timeout_source_new(timeout->interval);
    timeout->source = virEventGLibAttach(source,
                                         virEventGLibTimeoutDispatch, timeout);
}


/**
 * virEventGLibAddTimeout:
 * @interval: milliseconds between calls; 0 calls on every iteration of
 *            the loop; negative disables the timer for now
 * @cb: called on the loop's thread
 * @opaque: passed to @cb
 * @ff: called with @opaque once the timer is removed, or NULL
 *
 * Returns: the timer, a positive number.
 */
int
virEventGLibAddTimeout(int interval, virEventTimeoutCallback cb, void *opaque,
                       virFreeCallback ff)
{
    virEventGLibTimeout *timeout = g_new0(virEventGLibTimeout, 1);
    int timer;

    timeout->interval = interval;
    timeout->cb = cb;
    timeout->opaque = opaque;
    timeout->ff = ff;

    g_mutex_lock(&virEventGLibLock);
    virEventGLibInitLocked();
    timer = timeout->timer = virEventGLibNextTimer++;
    g_hash_table_insert(virEventGLibTimeouts, GINT_TO_POINTER(timer), timeout);
    virEventGLibTimeoutArmLocked(timeout);
    g_mutex_unlock(&virEventGLibLock);

    VIR_DEBUG("timer %d every %d ms", timer, interval);
    return timer;
}


/**
 * virEventGLibUpdateTimeout:
 * @timer: a timer from virEventGLibAddTimeout()
 * @interval: the new interval, as for virEventGLibAddTimeout(); the
 *            count starts again from now
 *
 * An unknown @timer is ignored.
 */
void
virEventGLibUpdateTimeout(int timer, int interval)
{
    virEventGLibTimeout *timeout;

    g_mutex_lock(&virEventGLibLock);
    virEventGLibInitLocked();
    timeout = g_hash_table_lookup(virEventGLibTimeouts, GINT_TO_POINTER(timer));
    if (!timeout) {
        VIR_DEBUG("no timer %d to update", timer);
    } else {
        timeout->interval = interval;
        virEventGLibTimeoutArmLocked(timeout);
    }
    g_mutex_unlock(&virEventGLibLock);
}


static gboolean
virEventGLibTimeoutRelease(gpointer data)
{
    virEventGLibTimeout *timeout = data;

    if (timeout->ff)
        timeout->ff(timeout->opaque);
    g_free(timeout);
    return G_SOURCE_REMOVE;
}


/**
 * virEventGLibRemoveTimeout:
 * @timer: a timer from virEventGLibAddTimeout()
 *
 * As virEventGLibRemoveHandle(), for timers.
 *
 * Returns: 0, or -1 if there is no such timer.
 */
int
virEventGLibRemoveTimeout(int timer)
{
    virEventGLibTimeout *timeout;

    g_mutex_lock(&virEventGLibLock);
    virEventGLibInitLocked();
    timeout = g_hash_table_lookup(virEventGLibTimeouts, GINT_TO_POINTER(timer));
    if (!timeout) {
        g_mutex_unlock(&virEventGLibLock);
        VIR_DEBUG("no timer %d to remove", timer);
        return -1;
    }
    g_hash_table_remove(virEventGLibTimeouts, GINT_TO_POINTER(timer));
    timeout->removed = true;
    virEventGLibDetach(&timeout->source);
    g_mutex_unlock(&virEventGLibLock);

    virEventGLibDefer(virEventGLibTimeoutRelease, timeout);
    return 0;
}


/**
 * virEventGLibRunOnce:
 *
 * Runs one iteration of GLib's default main context, waiting until
 * something is ready.
 *
 * Returns: 0.
 */
int
virEventGLibRunOnce(void)
{
    g_main_context_iteration(NULL, TRUE);
    return 0;
}
