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

void virDomainEventLifecycleQueue(virDomainEventState *state,
                                  const char *name, const unsigned char *uuid,
                                  int id, int event, int detail);
void virDomainEventRebootQueue(virDomainEventState *state, const char *name,
                               const unsigned char *uuid, int id);

/* Delivers what is queued now, in the calling thread.  The event loop
 * does this by itself; tests and shutdown paths may call it. */
void virDomainEventStateFlush(virDomainEventState *state);
