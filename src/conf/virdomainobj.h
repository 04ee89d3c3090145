/*
 * virdomainobj.h: a domain as the driver tracks it, and the list of them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"

typedef struct _virDomainObj virDomainObj;
struct _virDomainObj {
    gint refs;            /* atomic; virDomainObjRef/Unref */
    /* Guards every field below (recursive: a thread holding it may take
     * it again).  Held briefly, to read or change fields, never across a
     * wait on QEMU: long operations are serialised by the job instead. */
    GRecMutex lock;

    /* The definition in force: the live one while the domain runs (with
     * the addresses and aliases assigned at start), else the persistent
     * one. */
    virDomainDef *def;
    /* While running: the persistent definition the next start will use
     * (it may have been redefined meanwhile); NULL for a transient
     * domain.  NULL while inactive. */
    virDomainDef *newDef;
    int state;            /* virDomainState */
    int reason;           /* the reason enum that goes with @state */
    bool persistent;      /* a stored definition exists */
    bool removed;         /* no longer in its driver's list */

    void *privateData;    /* the driver's */
    GDestroyNotify privateDataFree;

    /* The in-process half of a job (the driver adds its cross-process
     * half): one thread at a time. */
    GMutex jobLock;
    GCond jobCond;
    bool jobActive;
};

virDomainObj *virDomainObjNew(void);
virDomainObj *virDomainObjRef(virDomainObj *vm);
void virDomainObjUnref(virDomainObj *vm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainObj, virDomainObjUnref);

void virDomainObjLock(virDomainObj *vm);
void virDomainObjUnlock(virDomainObj *vm);

int virDomainObjBeginJobLocal(virDomainObj *vm, gint64 deadline)
    G_GNUC_WARN_UNUSED_RESULT;
void virDomainObjEndJobLocal(virDomainObj *vm);

bool virDomainObjIsActive(const virDomainObj *vm);
void virDomainObjSetState(virDomainObj *vm, int state, int reason);
int virDomainObjCheckActive(const virDomainObj *vm);
virDomainDef *virDomainObjGetPersistentDef(virDomainObj *vm);

const char *virDomainStateTypeToString(int state);
int virDomainStateTypeFromString(const char *str);
const char *virDomainStateReasonToString(int state, int reason);
int virDomainStateReasonFromString(int state, const char *reason);

/*
 * A driver's list of domains, indexed by name.  Thread-safe: each call
 * takes the list's own lock.  Lookups return a new reference.
 */
typedef struct _virDomainObjList virDomainObjList;

virDomainObjList *virDomainObjListNew(void);
void virDomainObjListFree(virDomainObjList *doms);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainObjList, virDomainObjListFree);

virDomainObj *virDomainObjListFindByName(virDomainObjList *doms,
                                         const char *name);
virDomainObj *virDomainObjListFindByUUID(virDomainObjList *doms,
                                         const unsigned char *uuid);
virDomainObj *virDomainObjListFindByID(virDomainObjList *doms, int id);
/* Adds a reference to @vm under @name, replacing (and marking removed)
 * any object of that name. */
void virDomainObjListAdd(virDomainObjList *doms, const char *name,
                         virDomainObj *vm);
/* Removes @vm if it is the object listed under its name. */
void virDomainObjListRemove(virDomainObjList *doms, virDomainObj *vm);
/* Every object, sorted by name, each with a reference of the caller's
 * (free the array with g_ptr_array_unref). */
GPtrArray *virDomainObjListCollect(virDomainObjList *doms);

bool virDomainObjMatchFilter(const virDomainObj *vm, unsigned int flags);
bool virDomainObjMatchFilterAs(const virDomainObj *vm, unsigned int flags,
                               int state, bool active, bool autostart);

#define VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT | \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER | \
     VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART | \
     VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | \
     VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)
