/*
 * domain_event.h: queueing domain events and delivering them to the
 * application's callbacks from its event loop
 *
 * One virDomainEventState per driver instance.  The driver queues
 * events from whatever thread changed the domain; they are delivered
 * later, from the application's event loop, never from inside the API
 * call that caused them, and with no driver lock held.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef struct _virDomainEventState virDomainEventState;

virDomainEventState *virDomainEventStateNew(void);
void virDomainEventStateFree(virDomainEventState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainEventState, virDomainEventStateFree);

int virDomainEventStateRegisterID(virDomainEventState *state,
                                  virConnectPtr conn, virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque, virFreeCallback freecb);
int virDomainEventStateDeregisterID(virDomainEventState *state,
                                    int callbackID);
int virDomainEventStateCallbackEventID(virDomainEventState *state,
                                       int callbackID);

/*
 * One event: the domain it is about and the data of its event ID.  The
 * member of @data in use is the one named after the event ID's
 * callback type; IDs whose callbacks take the same arguments share one
 * (block-job and block-job-2, the three device events, the three power
 * management ones, tunable and job-completed).  Every string and the
 * parameter array belong to the event; strings the protocol marks
 * optional may be NULL, the others are never NULL once queued.
 */
typedef struct _virDomainEvent virDomainEvent;
struct _virDomainEvent {
    int eventID;                 /* a virDomainEventID */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    union {
        struct { int event; int detail; } lifecycle;
        struct { long long offset; } rtcChange;
        struct { int action; } watchdog;
        struct {                 /* io-error, io-error-reason */
            char *srcPath;
            char *devAlias;
            int action;
            char *reason;        /* io-error-reason only */
        } ioError;
        struct {
            int phase;
            virDomainEventGraphicsAddress local;
            virDomainEventGraphicsAddress remote;
            char *authScheme;
            virDomainEventGraphicsSubject subject;
        } graphics;
        struct { char *disk; int type; int status; } blockJob;
        struct {
            char *oldSrcPath;    /* optional */
            char *newSrcPath;    /* optional */
            char *devAlias;
            int reason;
        } diskChange;
        struct { char *devAlias; int reason; } trayChange;
        struct { int reason; } pm;
        struct { unsigned long long actual; } balloonChange;
        struct { char *devAlias; } device;
        struct { virTypedParameterPtr params; int nparams; } params;
        struct { int state; int reason; } agentLifecycle;
        struct { int iteration; } migrationIteration;
        struct { int type; char *nsuri; /* optional */ } metadataChange;
        struct {
            char *dev;
            char *path;          /* optional */
            unsigned long long threshold;
            unsigned long long excess;
        } blockThreshold;
        struct { int recipient; int action; unsigned int flags; } memoryFailure;
        struct { char *alias; unsigned long long size; } memoryDeviceSize;
    } data;
};

virDomainEvent *virDomainEventNew(int eventID, const char *name,
                                  const unsigned char *uuid, int id);
void virDomainEventFree(virDomainEvent *ev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainEvent, virDomainEventFree);

void virDomainEventStateQueue(virDomainEventState *state, virDomainEvent *ev);

void virDomainEventLifecycleQueue(virDomainEventState *state,
                                  const char *name, const unsigned char *uuid,
                                  int id, int event, int detail);
void virDomainEventRebootQueue(virDomainEventState *state, const char *name,
                               const unsigned char *uuid, int id);

/* Delivers what is queued now, in the calling thread.  The event loop
 * does this by itself; tests and shutdown paths may call it. */
void virDomainEventStateFlush(virDomainEventState *state);
