/*
 * virdomainobj.c: domain objects and the list of them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virdomainobj.h"
#include "virenum.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* The names of states and reasons are upstream's, as written in its
 * status files and shown by virsh. */
VIR_ENUM_IMPL(virDomainState, VIR_DOMAIN_LAST,
              "nostate", "running", "blocked", "paused", "shutdown",
              "shutoff", "crashed", "pmsuspended");

VIR_ENUM_DECL(virDomainNostateReason);
VIR_ENUM_IMPL(virDomainNostateReason, VIR_DOMAIN_NOSTATE_LAST, "unknown");

VIR_ENUM_DECL(virDomainRunningReason);
VIR_ENUM_IMPL(virDomainRunningReason, VIR_DOMAIN_RUNNING_LAST,
              "unknown", "booted", "migrated", "restored", "from snapshot",
              "unpaused", "migration canceled", "save canceled", "wakeup",
              "crashed", "post-copy", "post-copy failed");

VIR_ENUM_DECL(virDomainBlockedReason);
VIR_ENUM_IMPL(virDomainBlockedReason, VIR_DOMAIN_BLOCKED_LAST, "unknown");

VIR_ENUM_DECL(virDomainPausedReason);
VIR_ENUM_IMPL(virDomainPausedReason, VIR_DOMAIN_PAUSED_LAST,
              "unknown", "user", "migration", "save", "dump", "ioerror",
              "watchdog", "from snapshot", "shutdown", "snapshot",
              "panicked", "starting up", "post-copy", "post-copy failed");

VIR_ENUM_DECL(virDomainShutdownReason);
VIR_ENUM_IMPL(virDomainShutdownReason, VIR_DOMAIN_SHUTDOWN_LAST,
              "unknown", "user");

VIR_ENUM_DECL(virDomainShutoffReason);
VIR_ENUM_IMPL(virDomainShutoffReason, VIR_DOMAIN_SHUTOFF_LAST,
              "unknown", "shutdown", "destroyed", "crashed", "migrated",
              "saved", "failed", "from snapshot", "daemon");

VIR_ENUM_DECL(virDomainCrashedReason);
VIR_ENUM_IMPL(virDomainCrashedReason, VIR_DOMAIN_CRASHED_LAST,
              "unknown", "panicked");

VIR_ENUM_DECL(virDomainPMSuspendedReason);
VIR_ENUM_IMPL(virDomainPMSuspendedReason, VIR_DOMAIN_PMSUSPENDED_LAST,
              "unknown");


/**
 * virDomainStateReasonToString:
 * @state: a virDomainState
 * @reason: a reason of that state
 *
 * Returns: the reason's name, or NULL when out of range.
 */
const char *
virDomainStateReasonToString(int state, int reason)
{
    switch ((virDomainState)state) {
    case VIR_DOMAIN_NOSTATE:
        return virDomainNostateReasonTypeToString(reason);
    case VIR_DOMAIN_RUNNING:
        return virDomainRunningReasonTypeToString(reason);
    case VIR_DOMAIN_BLOCKED:
        return virDomainBlockedReasonTypeToString(reason);
    case VIR_DOMAIN_PAUSED:
        return virDomainPausedReasonTypeToString(reason);
    case VIR_DOMAIN_SHUTDOWN:
        return virDomainShutdownReasonTypeToString(reason);
    case VIR_DOMAIN_SHUTOFF:
        return virDomainShutoffReasonTypeToString(reason);
    case VIR_DOMAIN_CRASHED:
        return virDomainCrashedReasonTypeToString(reason);
    case VIR_DOMAIN_PMSUSPENDED:
        return virDomainPMSuspendedReasonTypeToString(reason);
    case VIR_DOMAIN_LAST:
        break;
    }
    return NULL;
}


/**
 * virDomainStateReasonFromString:
 * @state: a virDomainState
 * @reason: a reason's name
 *
 * Returns: the reason, or -1 when unknown for @state.
 */
int
virDomainStateReasonFromString(int state, const char *reason)
{
    switch ((virDomainState)state) {
    case VIR_DOMAIN_NOSTATE:
        return virDomainNostateReasonTypeFromString(reason);
    case VIR_DOMAIN_RUNNING:
        return virDomainRunningReasonTypeFromString(reason);
    case VIR_DOMAIN_BLOCKED:
        return virDomainBlockedReasonTypeFromString(reason);
    case VIR_DOMAIN_PAUSED:
        return virDomainPausedReasonTypeFromString(reason);
    case VIR_DOMAIN_SHUTDOWN:
        return virDomainShutdownReasonTypeFromString(reason);
    case VIR_DOMAIN_SHUTOFF:
        return virDomainShutoffReasonTypeFromString(reason);
    case VIR_DOMAIN_CRASHED:
        return virDomainCrashedReasonTypeFromString(reason);
    case VIR_DOMAIN_PMSUSPENDED:
        return virDomainPMSuspendedReasonTypeFromString(reason);
    case VIR_DOMAIN_LAST:
        break;
    }
    return -1;
}


/**
 * virDomainObjNew:
 *
 * Returns: an inactive object with no definition yet.
 */
virDomainObj *
virDomainObjNew(void)
{
    virDomainObj *vm = g_new0(virDomainObj, 1);

    vm->state = VIR_DOMAIN_SHUTOFF;
    vm->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    return vm;
}


void
virDomainObjFree(virDomainObj *vm)
{
    if (!vm)
        return;
    if (vm->privateData && vm->privateDataFree)
        vm->privateDataFree(vm->privateData);
    virDomainDefFree(vm->def);
    virDomainDefFree(vm->newDef);
    g_free(vm);
}


/**
 * virDomainObjIsActive:
 * @vm: a domain
 *
 * Returns: whether an emulator process runs for it.
 */
bool
virDomainObjIsActive(const virDomainObj *vm)
{
    return vm->def && vm->def->id >= 0;
}


void
virDomainObjSetState(virDomainObj *vm, int state, int reason)
{
    vm->state = state;
    vm->reason = reason;
}


/**
 * virDomainObjCheckActive:
 * @vm: a domain
 *
 * Returns: 0 if it runs, else -1 with upstream's "domain is not running"
 * (VIR_ERR_OPERATION_INVALID).
 */
int
virDomainObjCheckActive(const virDomainObj *vm)
{
    if (!virDomainObjIsActive(vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not running"));
        return -1;
    }
    return 0;
}


/**
 * virDomainObjGetPersistentDef:
 * @vm: a domain
 *
 * Returns: the definition its next start would use, or NULL for a
 * running transient domain.
 */
virDomainDef *
virDomainObjGetPersistentDef(virDomainObj *vm)
{
    if (virDomainObjIsActive(vm))
        return vm->newDef;
    return vm->def;
}


struct _virDomainObjList {
    GHashTable *byName;    /* name -> virDomainObj, owned */
};


virDomainObjList *
virDomainObjListNew(void)
{
    virDomainObjList *doms = g_new0(virDomainObjList, 1);

    doms->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)virDomainObjFree);
    return doms;
}


void
virDomainObjListFree(virDomainObjList *doms)
{
    if (!doms)
        return;
    g_hash_table_unref(doms->byName);
    g_free(doms);
}


virDomainObj *
virDomainObjListFindByName(virDomainObjList *doms, const char *name)
{
    return g_hash_table_lookup(doms->byName, name);
}


virDomainObj *
virDomainObjListFindByUUID(virDomainObjList *doms, const unsigned char *uuid)
{
    GHashTableIter iter;
    virDomainObj *vm;

    g_hash_table_iter_init(&iter, doms->byName);
    while (g_hash_table_iter_next(&iter, NULL, (gpointer *)&vm)) {
        if (memcmp(vm->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return vm;
    }
    return NULL;
}


virDomainObj *
virDomainObjListFindByID(virDomainObjList *doms, int id)
{
    GHashTableIter iter;
    virDomainObj *vm;

    g_hash_table_iter_init(&iter, doms->byName);
    while (g_hash_table_iter_next(&iter, NULL, (gpointer *)&vm)) {
        if (virDomainObjIsActive(vm) && vm->def->id == id)
            return vm;
    }
    return NULL;
}


void
virDomainObjListAdd(virDomainObjList *doms, virDomainObj *vm)
{
    g_hash_table_replace(doms->byName, g_strdup(vm->def->name), vm);
}


void
virDomainObjListRemove(virDomainObjList *doms, const char *name)
{
    g_hash_table_remove(doms->byName, name);
}


static gint
virDomainObjCompareName(gconstpointer a, gconstpointer b)
{
    const virDomainObj *x = *(virDomainObj *const *)a;
    const virDomainObj *y = *(virDomainObj *const *)b;

    return strcmp(x->def->name, y->def->name);
}


GPtrArray *
virDomainObjListCollect(virDomainObjList *doms)
{
    GPtrArray *ret = g_ptr_array_new();
    GHashTableIter iter;
    virDomainObj *vm;

    g_hash_table_iter_init(&iter, doms->byName);
    while (g_hash_table_iter_next(&iter, NULL, (gpointer *)&vm))
        g_ptr_array_add(ret, vm);
    g_ptr_array_sort(ret, virDomainObjCompareName);
    return ret;
}


/* Within a group of filter flags a match on any one passes; a group
 * with none of its flags set does not filter. */
static bool
virDomainObjFilterGroup(unsigned int flags, unsigned int group,
                        unsigned int matching)
{
    if (!(flags & group))
        return true;
    return (flags & matching) != 0;
}


/**
 * virDomainObjMatchFilter:
 * @vm: a domain
 * @flags: virConnectListAllDomainsFlags
 *
 * This driver has no managed saves, autostart, snapshots or
 * checkpoints, so every domain matches the NO_* variants of those.
 *
 * Returns: whether @vm passes the filters.
 */
bool
virDomainObjMatchFilter(const virDomainObj *vm, unsigned int flags)
{
    bool active = virDomainObjIsActive(vm);
    unsigned int stateFlag;

    switch (vm->state) {
    case VIR_DOMAIN_RUNNING:
        stateFlag = VIR_CONNECT_LIST_DOMAINS_RUNNING;
        break;
    case VIR_DOMAIN_PAUSED:
        stateFlag = VIR_CONNECT_LIST_DOMAINS_PAUSED;
        break;
    case VIR_DOMAIN_SHUTOFF:
        stateFlag = VIR_CONNECT_LIST_DOMAINS_SHUTOFF;
        break;
    default:
        stateFlag = VIR_CONNECT_LIST_DOMAINS_OTHER;
        break;
    }

    return virDomainObjFilterGroup(flags,
                                   VIR_CONNECT_LIST_DOMAINS_ACTIVE |
                                   VIR_CONNECT_LIST_DOMAINS_INACTIVE,
                                   active ? VIR_CONNECT_LIST_DOMAINS_ACTIVE :
                                   VIR_CONNECT_LIST_DOMAINS_INACTIVE) &&
           virDomainObjFilterGroup(flags,
                                   VIR_CONNECT_LIST_DOMAINS_PERSISTENT |
                                   VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
                                   vm->persistent ?
                                   VIR_CONNECT_LIST_DOMAINS_PERSISTENT :
                                   VIR_CONNECT_LIST_DOMAINS_TRANSIENT) &&
           virDomainObjFilterGroup(flags,
                                   VIR_CONNECT_LIST_DOMAINS_RUNNING |
                                   VIR_CONNECT_LIST_DOMAINS_PAUSED |
                                   VIR_CONNECT_LIST_DOMAINS_SHUTOFF |
                                   VIR_CONNECT_LIST_DOMAINS_OTHER,
                                   stateFlag) &&
           virDomainObjFilterGroup(flags,
                                   VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE |
                                   VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
                                   VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE) &&
           virDomainObjFilterGroup(flags,
                                   VIR_CONNECT_LIST_DOMAINS_AUTOSTART |
                                   VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
                                   VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART) &&
           virDomainObjFilterGroup(flags,
                                   VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT |
                                   VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
                                   VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT) &&
           virDomainObjFilterGroup(flags,
                                   VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT |
                                   VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT,
                                   VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT);
}
