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
 * Returns: an inactive object with no definition yet, with one
 * reference.
 */
virDomainObj *
virDomainObjNew(void)
{
    virDomainObj *vm = g_new0(virDomainObj, 1);

    vm->refs = 1;
    g_rec_mutex_init(&vm->lock);
    g_mutex_init(&vm->jobLock);
    g_cond_init(&vm->jobCond);
    vm->state = VIR_DOMAIN_SHUTOFF;
    vm->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    return vm;
}


/**
 * virDomainObjRef:
 * @vm: a domain
 *
 * Returns: @vm, with one more reference.
 */
virDomainObj *
virDomainObjRef(virDomainObj *vm)
{
    g_atomic_int_inc(&vm->refs);
    return vm;
}


/**
 * virDomainObjUnref:
 * @vm: a domain, or NULL
 *
 * Drops a reference; the last one frees the object (its definitions and
 * its driver's private data).
 */
void
virDomainObjUnref(virDomainObj *vm)
{
    if (!vm || !g_atomic_int_dec_and_test(&vm->refs))
        return;
    if (vm->privateData && vm->privateDataFree)
        vm->privateDataFree(vm->privateData);
    virDomainDefFree(vm->def);
    virDomainDefFree(vm->newDef);
    g_rec_mutex_clear(&vm->lock);
    g_mutex_clear(&vm->jobLock);
    g_cond_clear(&vm->jobCond);
    g_free(vm);
}


void
virDomainObjLock(virDomainObj *vm)
{
    g_rec_mutex_lock(&vm->lock);
}


void
virDomainObjUnlock(virDomainObj *vm)
{
    g_rec_mutex_unlock(&vm->lock);
}


/**
 * virDomainObjBeginJobLocal:
 * @vm: a domain, not locked by the caller
 * @deadline: monotonic time (g_get_monotonic_time) to give up at; 0 not
 *            to wait at all
 *
 * Waits until no other thread of this process has a job on @vm and
 * takes it.  Reports nothing.
 *
 * Returns: 0 with the job taken, -1 when @deadline passed first.
 */
int
virDomainObjBeginJobLocal(virDomainObj *vm, gint64 deadline)
{
    g_mutex_lock(&vm->jobLock);
    while (vm->jobActive) {
        if (!g_cond_wait_until(&vm->jobCond, &vm->jobLock, deadline) &&
            vm->jobActive) {
            g_mutex_unlock(&vm->jobLock);
            return -1;
        }
    }
    vm->jobActive = true;
    g_mutex_unlock(&vm->jobLock);
    return 0;
}


/**
 * virDomainObjEndJobLocal:
 * @vm: a domain whose job the caller holds
 */
void
virDomainObjEndJobLocal(virDomainObj *vm)
{
    g_mutex_lock(&vm->jobLock);
    vm->jobActive = false;
    g_cond_signal(&vm->jobCond);
    g_mutex_unlock(&vm->jobLock);
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
    virDomainObjLock(vm);
    vm->state = state;
    vm->reason = reason;
    virDomainObjUnlock(vm);
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
    GMutex lock;
    GHashTable *byName;    /* name -> virDomainObj, a reference each */
};


virDomainObjList *
virDomainObjListNew(void)
{
    virDomainObjList *doms = g_new0(virDomainObjList, 1);

    g_mutex_init(&doms->lock);
    doms->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)virDomainObjUnref);
    return doms;
}


void
virDomainObjListFree(virDomainObjList *doms)
{
    if (!doms)
        return;
    g_hash_table_unref(doms->byName);
    g_mutex_clear(&doms->lock);
    g_free(doms);
}


virDomainObj *
virDomainObjListFindByName(virDomainObjList *doms, const char *name)
{
    virDomainObj *vm;

    g_mutex_lock(&doms->lock);
    if ((vm = g_hash_table_lookup(doms->byName, name)))
        virDomainObjRef(vm);
    g_mutex_unlock(&doms->lock);
    return vm;
}


/* The first object for which @match returns true, with a reference. */
static virDomainObj *
virDomainObjListFind(virDomainObjList *doms,
                     bool (*match)(virDomainObj *vm, const void *data),
                     const void *data)
{
    GHashTableIter iter;
    virDomainObj *vm;
    virDomainObj *ret = NULL;

    g_mutex_lock(&doms->lock);
    g_hash_table_iter_init(&iter, doms->byName);
    while (!ret && g_hash_table_iter_next(&iter, NULL, (gpointer *)&vm)) {
        virDomainObjLock(vm);
        if (vm->def && match(vm, data))
            ret = virDomainObjRef(vm);
        virDomainObjUnlock(vm);
    }
    g_mutex_unlock(&doms->lock);
    return ret;
}


static bool
virDomainObjMatchUUID(virDomainObj *vm, const void *data)
{
    return memcmp(vm->def->uuid, data, VIR_UUID_BUFLEN) == 0;
}


virDomainObj *
virDomainObjListFindByUUID(virDomainObjList *doms, const unsigned char *uuid)
{
    return virDomainObjListFind(doms, virDomainObjMatchUUID, uuid);
}


static bool
virDomainObjMatchID(virDomainObj *vm, const void *data)
{
    return virDomainObjIsActive(vm) && vm->def->id == *(const int *)data;
}


virDomainObj *
virDomainObjListFindByID(virDomainObjList *doms, int id)
{
    return virDomainObjListFind(doms, virDomainObjMatchID, &id);
}


void
virDomainObjListAdd(virDomainObjList *doms, const char *name, virDomainObj *vm)
{
    virDomainObj *old;

    g_mutex_lock(&doms->lock);
    if ((old = g_hash_table_lookup(doms->byName, name)) && old != vm)
        old->removed = true;
    vm->removed = false;
    g_hash_table_replace(doms->byName, g_strdup(name), virDomainObjRef(vm));
    g_mutex_unlock(&doms->lock);
}


void
virDomainObjListRemove(virDomainObjList *doms, virDomainObj *vm)
{
    GHashTableIter iter;
    virDomainObj *cur;

    g_mutex_lock(&doms->lock);
    g_hash_table_iter_init(&iter, doms->byName);
    while (g_hash_table_iter_next(&iter, NULL, (gpointer *)&cur)) {
        if (cur == vm) {
            vm->removed = true;
            g_hash_table_iter_remove(&iter);
            break;
        }
    }
    g_mutex_unlock(&doms->lock);
}


static gint
virDomainObjCompareName(gconstpointer a, gconstpointer b, gpointer opaque)
{
    GHashTable *names = opaque;

    return strcmp(g_hash_table_lookup(names, *(void *const *)a),
                  g_hash_table_lookup(names, *(void *const *)b));
}


GPtrArray *
virDomainObjListCollect(virDomainObjList *doms)
{
    GPtrArray *ret = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainObjUnref);
    g_autoptr(GHashTable) names = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTableIter iter;
    const char *name;
    virDomainObj *vm;

    g_mutex_lock(&doms->lock);
    g_hash_table_iter_init(&iter, doms->byName);
    while (g_hash_table_iter_next(&iter, (gpointer *)&name, (gpointer *)&vm)) {
        g_ptr_array_add(ret, virDomainObjRef(vm));
        g_hash_table_insert(names, vm, (gpointer)name);
    }
    g_ptr_array_sort_with_data(ret, virDomainObjCompareName, names);
    g_mutex_unlock(&doms->lock);
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
 * This driver has no managed saves, snapshots or checkpoints, so
 * every domain matches the NO_* variants of those; it is matched as not
 * marked for autostart (see virDomainObjMatchFilterAs).
 *
 * Returns: whether @vm passes the filters.
 */
bool
virDomainObjMatchFilter(const virDomainObj *vm, unsigned int flags)
{
    return virDomainObjMatchFilterAs(vm, flags, vm->state, virDomainObjIsActive(vm),
                                     false);
}


/**
 * virDomainObjMatchFilterAs:
 * @vm: a domain
 * @flags: virConnectListAllDomainsFlags
 * @state: the state to match @vm in, instead of its own
 * @active: whether to match it as active
 * @autostart: whether it is marked to start with the daemon
 *
 * Returns: whether @vm passes the filters.
 */
bool
virDomainObjMatchFilterAs(const virDomainObj *vm, unsigned int flags,
                          int state, bool active, bool autostart)
{
    unsigned int stateFlag;

    switch (state) {
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
                                   autostart ? VIR_CONNECT_LIST_DOMAINS_AUTOSTART :
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
