/*
 * libvirt-event.h: the event loop the library dispatches callbacks from
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_EVENT_H
# define LIBVIRT_EVENT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virEventHandleType:
 *
 * Conditions a file handle watch waits for, and reports.
 */
typedef enum {
    VIR_EVENT_HANDLE_READABLE = (1 << 0), /* data can be read */
    VIR_EVENT_HANDLE_WRITABLE = (1 << 1), /* data can be written */
    VIR_EVENT_HANDLE_ERROR = (1 << 2),    /* an error condition (reported only) */
    VIR_EVENT_HANDLE_HANGUP = (1 << 3),   /* the peer hung up (reported only) */
} virEventHandleType;

/**
 * virEventHandleCallback:
 * @watch: the watch that fired
 * @fd: its file descriptor
 * @events: the virEventHandleType conditions that hold
 * @opaque: the data given with the watch
 */
typedef void (*virEventHandleCallback)(int watch, int fd, int events,
                                       void *opaque);

/**
 * virEventTimeoutCallback:
 * @timer: the timer that fired
 * @opaque: the data given with the timer
 */
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

typedef int (*virEventAddHandleFunc)(int fd, int event,
                                     virEventHandleCallback cb,
                                     void *opaque,
                                     virFreeCallback ff);
typedef void (*virEventUpdateHandleFunc)(int watch, int event);
typedef int (*virEventRemoveHandleFunc)(int watch);
typedef int (*virEventAddTimeoutFunc)(int timeout,
                                      virEventTimeoutCallback cb,
                                      void *opaque,
                                      virFreeCallback ff);
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);
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
