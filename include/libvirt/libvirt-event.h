/*
 * libvirt-event.h: the event loop the library dispatches callbacks from
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-event
 * @title: Event loop
 * @short_description: the loop the library calls the application back from
 * @include: libvirt/libvirt.h
 *
 * Callbacks, such as those registered with
 * virConnectDomainEventRegisterAny(), are called from an event loop the
 * application runs: the library's own (virEventRegisterDefaultImpl() and
 * virEventRunDefaultImpl()) or the application's (virEventRegisterImpl()).
 */

#ifndef LIBVIRT_EVENT_H
# define LIBVIRT_EVENT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virEventHandleType:
 * @VIR_EVENT_HANDLE_READABLE: data can be read
 * @VIR_EVENT_HANDLE_WRITABLE: data can be written
 * @VIR_EVENT_HANDLE_ERROR: an error condition (reported only)
 * @VIR_EVENT_HANDLE_HANGUP: the peer hung up (reported only)
 *
 * Conditions a file handle watch waits for, and reports.
 */
typedef enum {
    VIR_EVENT_HANDLE_READABLE = (1 << 0),
    VIR_EVENT_HANDLE_WRITABLE = (1 << 1),
    VIR_EVENT_HANDLE_ERROR = (1 << 2),
    VIR_EVENT_HANDLE_HANGUP = (1 << 3),
} virEventHandleType;

/**
 * virEventHandleCallback:
 * @watch: the watch that fired
 * @fd: its file descriptor
 * @events: the virEventHandleType conditions that hold
 * @opaque: the data given with the watch
 *
 * Called from the event loop when a file handle watch fires.
 */
typedef void (*virEventHandleCallback)(int watch, int fd, int events,
                                       void *opaque);

/**
 * virEventTimeoutCallback:
 * @timer: the timer that fired
 * @opaque: the data given with the timer
 *
 * Called from the event loop when a timer expires.
 */
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

/**
 * virEventAddHandleFunc:
 * @fd: the file descriptor to watch
 * @event: the virEventHandleType conditions to wait for
 * @cb: what to call when one holds
 * @opaque: the data to pass to @cb
 * @ff: what to call with @opaque once the watch is removed, or NULL
 *
 * The part of an application's event loop, given to
 * virEventRegisterImpl(), that adds a file handle watch.
 *
 * Returns: a positive watch number, or -1 on failure.
 */
typedef int (*virEventAddHandleFunc)(int fd, int event,
                                     virEventHandleCallback cb,
                                     void *opaque,
                                     virFreeCallback ff);

/**
 * virEventUpdateHandleFunc:
 * @watch: a watch number from the virEventAddHandleFunc
 * @event: the conditions to wait for from now on; 0 pauses the watch
 *
 * The part of an application's event loop that changes what a watch
 * waits for.
 */
typedef void (*virEventUpdateHandleFunc)(int watch, int event);

/**
 * virEventRemoveHandleFunc:
 * @watch: a watch number from the virEventAddHandleFunc
 *
 * The part of an application's event loop that removes a watch.  Its
 * callback is not called any more; its free callback, if it has one, is
 * called then or later, once nothing uses the data any longer.
 *
 * Returns: 0, or -1 if there is no such watch.
 */
typedef int (*virEventRemoveHandleFunc)(int watch);

/**
 * virEventAddTimeoutFunc:
 * @timeout: milliseconds between calls; 0 for every iteration of the
 *     loop; -1 for a disabled timer
 * @cb: what to call when the timer expires
 * @opaque: the data to pass to @cb
 * @ff: what to call with @opaque once the timer is removed, or NULL
 *
 * The part of an application's event loop, given to
 * virEventRegisterImpl(), that adds a timer.
 *
 * Returns: a positive timer number, or -1 on failure.
 */
typedef int (*virEventAddTimeoutFunc)(int timeout,
                                      virEventTimeoutCallback cb,
                                      void *opaque,
                                      virFreeCallback ff);

/**
 * virEventUpdateTimeoutFunc:
 * @timer: a timer number from the virEventAddTimeoutFunc
 * @timeout: the new interval, as for virEventAddTimeoutFunc
 *
 * The part of an application's event loop that changes a timer.
 */
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);

/**
 * virEventRemoveTimeoutFunc:
 * @timer: a timer number from the virEventAddTimeoutFunc
 *
 * The part of an application's event loop that removes a timer.  Its
 * callback is not called any more; its free callback, if it has one, is
 * called then or later, once nothing uses the data any longer.
 *
 * Returns: 0, or -1 if there is no such timer.
 */
typedef int (*virEventRemoveTimeoutFunc)(int timer);

void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);

int virEventRegisterDefaultImpl(void);
int virEventRunDefaultImpl(void);

int virEventAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff);
void virEventUpdateHandle(int watch, int events);
int virEventRemoveHandle(int watch);
int virEventAddTimeout(int frequency, virEventTimeoutCallback cb,
                       void *opaque, virFreeCallback ff);
void virEventUpdateTimeout(int timer, int frequency);
int virEventRemoveTimeout(int timer);

#endif /* LIBVIRT_EVENT_H */
