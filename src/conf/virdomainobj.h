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

    void *privateData;    /* the driver's */
    GDestroyNotify privateDataFree;
};

virDomainObj *virDomainObjNew(void);
void virDomainObjFree(virDomainObj *vm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainObj, virDomainObjFree);

bool virDomainObjIsActive(const virDomainObj *vm);
void virDomainObjSetState(virDomainObj *vm, int state, int reason);
int virDomainObjCheckActive(const virDomainObj *vm);
virDomainDef *virDomainObjGetPersistentDef(virDomainObj *vm);

const char *virDomainStateTypeToString(int state);
int virDomainStateTypeFromString(const char *str);
const char *virDomainStateReasonToString(int state, int reason);
int virDomainStateReasonFromString(int state, const char *reason);

/*
 * The driver's list of domains, indexed by name.  Not locked: the
 * driver serialises access to it.
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
/* @vm is stolen; replaces any object of the same name. */
void virDomainObjListAdd(virDomainObjList *doms, virDomainObj *vm);
void virDomainObjListRemove(virDomainObjList *doms, const char *name);
/* Every object, sorted by name; the array only (not the objects) is the
 * caller's. */
GPtrArray *virDomainObjListCollect(virDomainObjList *doms);

bool virDomainObjMatchFilter(const virDomainObj *vm, unsigned int flags);

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
