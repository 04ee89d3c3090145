/*
 * virevent.c: the public event loop API, dispatching to the registered
 * implementation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virevent.h"
#include "vireventglib.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

VIR_LOG_INIT("util.event");

typedef struct {
    virEventAddHandleFunc addHandle;
    virEventUpdateHandleFunc updateHandle;
    virEventRemoveHandleFunc removeHandle;
    virEventAddTimeoutFunc addTimeout;
    virEventUpdateTimeoutFunc updateTimeout;
    virEventRemoveTimeoutFunc removeTimeout;
} virEventImpl;

/* The one implementation of the process: the API makes it global. */
static GMutex virEventImplLock;
static virEventImpl virEventCurrent;


static virEventImpl
virEventGetImpl(void)
{
    virEventImpl impl;

    g_mutex_lock(&virEventImplLock);
    impl = virEventCurrent;
    g_mutex_unlock(&virEventImplLock);
    return impl;
}


/**
 * virEventIsRegistered:
 *
 * Events (such as domain lifecycle events) can only be delivered when
 * the application runs an event loop; callers queue them only then.
 *
 * Returns: whether an event loop implementation is registered.
 */
bool
virEventIsRegistered(void)
{
    return virEventGetImpl().addHandle != NULL;
}


/**
 * virEventRegisterImpl:
 * @addHandle: adds a file handle watch
 * @updateHandle: changes the events a watch waits for
 * @removeHandle: removes a watch
 * @addTimeout: adds a timer
 * @updateTimeout: changes a timer's interval
 * @removeTimeout: removes a timer
 *
 * Lets an application that runs its own event loop have the library's
 * handles and timers added to it.  Register once, before opening any
 * connection, and keep running the loop from then on: callbacks the
 * library registered may be called for a while after its connections
 * are closed.  Applications without a loop of their own use
 * virEventRegisterDefaultImpl() instead.
 */
void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    VIR_DEBUG("addHandle=%p updateHandle=%p removeHandle=%p addTimeout=%p "
              "updateTimeout=%p removeTimeout=%p",
              addHandle, updateHandle, removeHandle, addTimeout, updateTimeout,
              removeTimeout);

    g_mutex_lock(&virEventImplLock);
    if (virEventCurrent.addHandle)
        VIR_WARN("replacing the registered event loop implementation");
    virEventCurrent.addHandle = addHandle;
    virEventCurrent.updateHandle = updateHandle;
    virEventCurrent.removeHandle = removeHandle;
    virEventCurrent.addTimeout = addTimeout;
    virEventCurrent.updateTimeout = updateTimeout;
    virEventCurrent.removeTimeout = removeTimeout;
    g_mutex_unlock(&virEventImplLock);
}


/**
 * virEventRegisterDefaultImpl:
 *
 * Registers the library's own event loop implementation, which runs on
 * GLib's default main context.  The application then calls
 * virEventRunDefaultImpl() over and over, typically from a thread of its
 * own, for as long as it uses the library.
 *
 * Returns: 0 on success, -1 on failure.
 */
int
virEventRegisterDefaultImpl(void)
{
    virResetLastError();
    virEventRegisterImpl(virEventGLibAddHandle, virEventGLibUpdateHandle,
                         virEventGLibRemoveHandle, virEventGLibAddTimeout,
                         virEventGLibUpdateTimeout, virEventGLibRemoveTimeout);
    return 0;
}


/**
 * virEventRunDefaultImpl:
 *
 * Runs one iteration of the default event loop: waits until a handle
 * or timer is ready, then dispatches the callbacks of those that are.
 * Applications call it in a loop:
 *
 * |[<!-- language="C" -->
 * while (!quit)
 *     if (virEventRunDefaultImpl() < 0)
 *         ... report virGetLastErrorMessage() ...
 * ]|
 *
 * Returns: 0 on success, -1 on failure.
 */
int
virEventRunDefaultImpl(void)
{
    virResetLastError();
    return virEventGLibRunOnce();
}


/**
 * virEventAddHandle:
 * @fd: the file descriptor to watch
 * @events: virEventHandleType conditions to wait for
 * @cb: called from the event loop when one of them holds
 * @opaque: passed to @cb
 * @ff: called with @opaque once the watch is removed, or NULL
 *
 * Needs a registered event loop implementation.
 *
 * Returns: a watch number (positive) for the other virEvent*Handle
 * functions, or -1 on failure (also when no implementation is
 * registered).
 */
int
virEventAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                  virFreeCallback ff)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.addHandle)
        return -1;
    return impl.addHandle(fd, events, cb, opaque, ff);
}


/**
 * virEventUpdateHandle:
 * @watch: a watch from virEventAddHandle()
 * @events: the conditions to wait for from now on; 0 pauses the watch
 *
 * Does nothing when no implementation is registered.
 */
void
virEventUpdateHandle(int watch, int events)
{
    virEventImpl impl = virEventGetImpl();

    if (impl.updateHandle)
        impl.updateHandle(watch, events);
}


/**
 * virEventRemoveHandle:
 * @watch: a watch from virEventAddHandle()
 *
 * Its callback is not called again, even when removed from inside that
 * callback.  The free callback given to virEventAddHandle() is called
 * later, from the event loop, so the loop must keep running.
 *
 * Returns: 0 on success, -1 if there is no such watch or no
 * implementation is registered.
 */
int
virEventRemoveHandle(int watch)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.removeHandle)
        return -1;
    return impl.removeHandle(watch);
}


/**
 * virEventAddTimeout:
 * @frequency: milliseconds between calls; 0 calls on every iteration of
 *             the loop; -1 disables the timer until it is updated
 * @cb: called from the event loop
 * @opaque: passed to @cb
 * @ff: called with @opaque once the timer is removed, or NULL
 *
 * Needs a registered event loop implementation.
 *
 * Returns: a timer number (positive) for the other virEvent*Timeout
 * functions, or -1 on failure (also when no implementation is
 * registered).
 */
int
virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                   virFreeCallback ff)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.addTimeout)
        return -1;
    return impl.addTimeout(frequency, cb, opaque, ff);
}


/**
 * virEventUpdateTimeout:
 * @timer: a timer from virEventAddTimeout()
 * @frequency: as for virEventAddTimeout()
 *
 * Does nothing when no implementation is registered.
 */
void
virEventUpdateTimeout(int timer, int frequency)
{
    virEventImpl impl = virEventGetImpl();

    if (impl.updateTimeout)
        impl.updateTimeout(timer, frequency);
}


/**
 * virEventRemoveTimeout:
 * @timer: a timer from virEventAddTimeout()
 *
 * As virEventRemoveHandle(), for timers.
 *
 * Returns: 0 on success, -1 if there is no such timer or no
 * implementation is registered.
 */
int
virEventRemoveTimeout(int timer)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.removeTimeout)
        return -1;
    return impl.removeTimeout(timer);
}
