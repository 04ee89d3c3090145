/*
 * qemu_driver.c: the QEMU driver's implementation of the public API
 *
 * An instance of the driver holds its root's domains in memory (see
 * qemu_domain.h): a call looks the domain up, works on that object (in
 * its job when it changes anything) and writes through to the files.
 * Other processes may share an embedded root: their writes are noticed
 * by the generations the files carry, and the per-domain job lock
 * keeps everyone's changes apart.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "qemu_driver.h"
#include "qemu_storage.h"
#include "qemu_driverpriv.h"
#include "datatypes.h"
#include "domain_event.h"
#include "qemu_agent.h"
#include "qemu_capabilities.h"
#include "qemu_command.h"
#include "qemu_domain.h"
#include "qemu_domain_address.h"
#include "qemu_firmware.h"
#include "qemu_hostcaps.h"
#include "qemu_live.h"
#include "qemu_process.h"
#include "virerror.h"
#include "virbuffer.h"
#include "virfile.h"
#include "virlog.h"
#include "virprocess.h"
#include "viruri.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_driver");

/* Who may use a root: every instance holds a lock on this file, shared,
 * except one that declared itself the root's only user (a daemon),
 * which holds it exclusively and writes its pid in it. */
#define QEMU_DRIVER_HOLDER_FILE "driver-holder"

/* Instances shared by the connections of a process that holds its
 * roots exclusively (qemuDriverSetShared): key -> instance. */
static GMutex qemuDriverRegistryLock;
static GHashTable *qemuDriverRegistry;
static bool qemuDriverShared;


/**
 * qemuDriverSetShared:
 *
 * Declares this process (a daemon) the only user of every root it
 * opens: connections on one root share one instance, which holds the
 * root exclusively (another process cannot open it) and so never needs
 * to re-read what it has in memory.  Call before the first open.
 */
void
qemuDriverSetShared(void)
{
    qemuDriverShared = true;
}


static virQEMUDriver *
qemuDriverGet(virConnectPtr conn)
{
    return conn->privateData;
}


static void
qemuDriverFree(virQEMUDriver *driver)
{
    if (!driver)
        return;
    qemuLiveDriverShutdown(driver);
    virDomainObjListFree(driver->domains);
    virDomainEventStateFree(driver->domainEventState);
    virQEMUCapsCacheFree(driver->qemuCapsCache);
    virForceClose(&driver->holderFd);
    virQEMUDriverCloseDirs(driver);
    virQEMUDriverConfigFree(driver->config);
    g_mutex_clear(&driver->lock);
    g_mutex_clear(&driver->genLock);
    g_free(driver->key);
    g_free(driver);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virQEMUDriver, qemuDriverFree);


static void
qemuDriverUnref(virQEMUDriver *driver)
{
    bool last;

    if (!driver)
        return;
    g_mutex_lock(&qemuDriverRegistryLock);
    if ((last = g_atomic_int_dec_and_test(&driver->refs)) && driver->key &&
        qemuDriverRegistry)
        g_hash_table_remove(qemuDriverRegistry, driver->key);
    g_mutex_unlock(&qemuDriverRegistryLock);
    if (last)
        qemuDriverFree(driver);
}


/*
 * Takes the root's holder lock: shared for an ordinary instance,
 * exclusive (with our pid written in the file) for a shared one.  A
 * root held exclusively by a daemon cannot be used behind its back.
 */
static int
qemuDriverHoldRoot(virQEMUDriver *driver)
{
    const char *dir = driver->config->stateDir;
    bool exclusive = driver->exclusive;
    g_autofree char *holder = NULL;
    int rc;

    if (driver->stateDirFd < 0)
        return 0;
    if ((driver->holderFd = virFileOpenLockFileAt(driver->stateDirFd, dir,
                                                  QEMU_DRIVER_HOLDER_FILE)) < 0)
        return -1;
    rc = virFileLockFD(driver->holderFd,
                       exclusive ? VIR_FILE_LOCK_EXCLUSIVE : VIR_FILE_LOCK_SHARED,
                       false);
    if (rc == -EWOULDBLOCK) {
        if (exclusive) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("the state directory '%1$s' is in use by other processes"),
                           dir);
        } else {
            if (virFileReadAllAt(driver->stateDirFd, dir, QEMU_DRIVER_HOLDER_FILE,
                                 64, &holder) < 0)
                virResetLastError();
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("the state directory '%1$s' is held by a daemon (pid %2$s): connect through the daemon"),
                           dir, holder ? g_strstrip(holder) : "?");
        }
        return -1;
    }
    if (rc < 0) {
        virReportSystemError(-rc, _("cannot lock '%1$s/%2$s'"), dir,
                             QEMU_DRIVER_HOLDER_FILE);
        return -1;
    }
    if (exclusive) {
        g_autofree char *pid = g_strdup_printf("%lld\n", (long long)getpid());

        if (ftruncate(driver->holderFd, 0) < 0 ||
            pwrite(driver->holderFd, pid, strlen(pid), 0) != (ssize_t)strlen(pid))
            VIR_WARN("cannot write our pid into '%s/%s': %s", dir,
                     QEMU_DRIVER_HOLDER_FILE, g_strerror(errno));
    }
    return 0;
}


/*
 * At open: every domain that the files say runs is checked, so that
 * QEMU processes which died (or starts which were abandoned) while no
 * process of ours was looking are cleaned up now.  Cheap when all is
 * well: one pidfd per running domain.
 */
static void
qemuDriverReconcileAll(virQEMUDriver *driver)
{
    g_autoptr(GPtrArray) vms = virDomainObjListCollect(driver->domains);

    for (size_t i = 0; i < vms->len; i++) {
        virDomainObj *vm = g_ptr_array_index(vms, i);

        if (qemuProcessReconcile(driver, vm) < 0) {
            VIR_WARN("cannot reconcile domain %s: %s",
                     QEMU_DOMAIN_PRIVATE(vm)->name, virGetLastErrorMessage());
            virResetLastError();
        }
    }
}


/*
 * At open: every running domain is followed from now on (its pidfd in
 * the event loop, if the application runs one; in an exclusive
 * instance its monitor too), so what it does by itself is seen when
 * it happens.
 */
static void
qemuDriverFollowAll(virQEMUDriver *driver)
{
    g_autoptr(GPtrArray) vms = virDomainObjListCollect(driver->domains);

    for (size_t i = 0; i < vms->len; i++)
        qemuLiveAttach(driver, g_ptr_array_index(vms, i));
}


/* A new instance on @config's root, loaded. */
static virQEMUDriver *
qemuDriverNew(virQEMUDriverConfig *config, bool readonly, bool exclusive)
{
    g_autoptr(virQEMUDriver) driver = g_new0(virQEMUDriver, 1);

    driver->refs = 1;
    driver->configDirFd = driver->stateDirFd = driver->logDirFd = -1;
    driver->genFd = driver->holderFd = -1;
    g_mutex_init(&driver->lock);
    g_mutex_init(&driver->genLock);
    driver->exclusive = exclusive;
    driver->config = config;
    driver->domains = virDomainObjListNew();
    if (virQEMUDriverOpenDirs(driver, !readonly) < 0 ||
        qemuDriverHoldRoot(driver) < 0)
        return NULL;
    driver->qemuCapsCache = virQEMUCapsCacheNew(config->cacheDir, config->stateDir);
    /* Probing an emulator is part of starting it: the same bound. */
    virQEMUCapsCacheSetProbeTimeout(driver->qemuCapsCache,
                                    qemuDomainStartTimeoutMs(driver));
    driver->domainEventState = virDomainEventStateNew();
    if (qemuLiveDriverInit(driver) < 0)
        return NULL;

    if (!readonly)
        qemuDomainRemoveStaleFiles(driver);
    qemuDriverLoad(driver);
    if (!readonly) {
        qemuDriverReconcileAll(driver);
        qemuDriverFollowAll(driver);
    }
    return g_steal_pointer(&driver);
}


/* The instance for @config: a new one, or in a shared process the one
 * already open on that root.  @config is stolen. */
static virQEMUDriver *
qemuDriverOpen(virQEMUDriverConfig *config, bool readonly)
{
    g_autoptr(virQEMUDriverConfig) cfg = config;
    g_autofree char *key = NULL;
    virQEMUDriver *driver;

    if (!qemuDriverShared)
        return qemuDriverNew(g_steal_pointer(&cfg), readonly, false);

    key = g_strdup_printf("%s\n%s", cfg->configDir, cfg->stateDir);
    g_mutex_lock(&qemuDriverRegistryLock);
    if (!qemuDriverRegistry)
        qemuDriverRegistry = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                   g_free, NULL);
    if ((driver = g_hash_table_lookup(qemuDriverRegistry, key))) {
        g_atomic_int_inc(&driver->refs);
    } else if ((driver = qemuDriverNew(g_steal_pointer(&cfg), false, true))) {
        driver->key = g_strdup(key);
        g_hash_table_insert(qemuDriverRegistry, g_steal_pointer(&key), driver);
    }
    g_mutex_unlock(&qemuDriverRegistryLock);
    return driver;
}


static virDrvOpenStatus
qemuConnectOpen(virConnectPtr conn, virConnectAuthPtr auth G_GNUC_UNUSED,
                GUri *uri, unsigned int flags)
{
    g_autoptr(virQEMUDriverConfig) config = NULL;
    const char *path = g_uri_get_path(uri);
    const char *host = g_uri_get_host(uri);
    g_autofree char *root = NULL;
    virQEMUDriver *driver;
    qemuDriverMode mode;

    virCheckFlags(VIR_CONNECT_RO, VIR_DRV_OPEN_ERROR);

    if (g_strcmp0(g_uri_get_scheme(uri), "qemu") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (host && *host)
        return VIR_DRV_OPEN_DECLINED;  /* remote hosts need a daemon */

    if (STREQ_NULLABLE(path, "/system")) {
        mode = QEMU_DRIVER_SYSTEM;
    } else if (STREQ_NULLABLE(path, "/session")) {
        mode = QEMU_DRIVER_SESSION;
    } else if (STREQ_NULLABLE(path, "/embed")) {
        mode = QEMU_DRIVER_EMBED;
        if (!(root = virURIGetParam(uri, "root")) || !*root) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("the qemu:///embed URI needs a root directory: qemu:///embed?root=/ABSOLUTE/DIR"));
            return VIR_DRV_OPEN_ERROR;
        }
        if (!g_path_is_absolute(root)) {
            virReportError(VIR_ERR_INVALID_ARG, "%s", _("root path must be absolute"));
            return VIR_DRV_OPEN_ERROR;
        }
    } else {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unexpected QEMU URI path '%1$s', try qemu:///system"),
                       NULLSTR_EMPTY(path));
        return VIR_DRV_OPEN_ERROR;
    }

    config = virQEMUDriverConfigNew(mode, root);
    if (virQEMUDriverConfigLoadFile(config, config->configFile) < 0)
        return VIR_DRV_OPEN_ERROR;
    if (!(driver = qemuDriverOpen(g_steal_pointer(&config), flags & VIR_CONNECT_RO)))
        return VIR_DRV_OPEN_ERROR;
    conn->privateData = driver;
    if (!(flags & VIR_CONNECT_RO))
        qemuStorageAutostart(conn);
    return VIR_DRV_OPEN_SUCCESS;
}


static int
qemuConnectClose(virConnectPtr conn)
{
    qemuDriverUnref(qemuDriverGet(conn));
    conn->privateData = NULL;
    return 0;
}


static const char *
qemuConnectGetType(virConnectPtr conn G_GNUC_UNUSED)
{
    return "QEMU";
}


static int
qemuConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    g_autoptr(virQEMUCaps) caps = NULL;

    if (!(caps = virQEMUCapsCacheLookup(driver->qemuCapsCache,
                                        driver->config->defaultEmulator)))
        return -1;
    *hvVer = caps->version;
    return 0;
}


static char *
qemuConnectGetHostname(virConnectPtr conn G_GNUC_UNUSED)
{
    char buf[256];

    if (gethostname(buf, sizeof(buf) - 1) < 0) {
        virReportSystemError(errno, "%s", _("cannot get the host name"));
        return NULL;
    }
    buf[sizeof(buf) - 1] = '\0';
    return g_strdup(buf);
}


static int
qemuConnectIsAlive(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}


/* ---- looking domains up ------------------------------------------------ */

/*
 * How queries see @vm: as recorded, unless a stop someone else is
 * finishing has made it inactive (qemuProcessReconcile).  Under the
 * object's lock.
 */
static void
qemuDomainObjShownState(virDomainObj *vm, int *state, int *reason, bool *active)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    virDomainObjLock(vm);
    if (priv->shown) {
        *state = priv->shownState;
        *reason = priv->shownReason;
        *active = priv->shownState != VIR_DOMAIN_SHUTOFF;
    } else {
        *state = vm->state;
        *reason = vm->reason;
        *active = virDomainObjIsActive(vm);
    }
    virDomainObjUnlock(vm);
}


static bool
qemuDomainObjIsActiveShown(virDomainObj *vm)
{
    int state, reason;
    bool active;

    qemuDomainObjShownState(vm, &state, &reason, &active);
    return active;
}


/* A handle for @vm as it is now. */
static virDomainPtr
qemuDomainHandle(virConnectPtr conn, virDomainObj *vm)
{
    bool active = qemuDomainObjIsActiveShown(vm);
    virDomainPtr dom;

    virDomainObjLock(vm);
    dom = virGetDomain(conn, vm->def->name, vm->def->uuid, active ? vm->def->id : -1);
    virDomainObjUnlock(vm);
    return dom;
}


/* The object of the domain called @name (synced with its files), with a
 * reference; NULL with VIR_ERR_NO_DOMAIN when there is none. */
static virDomainObj *
qemuDomainObjFindByName(virQEMUDriver *driver, const char *name)
{
    g_autoptr(virDomainObj) vm = virDomainObjListFindByName(driver->domains, name);

    if (!vm) {
        /* Another process may have defined it since. */
        qemuDriverSync(driver);
        vm = virDomainObjListFindByName(driver->domains, name);
    }
    if (!vm) {
        virReportError(VIR_ERR_NO_DOMAIN, _("no domain with matching name '%1$s'"),
                       name);
        return NULL;
    }
    if (qemuDomainObjSync(driver, vm) < 0)
        return NULL;
    return g_steal_pointer(&vm);
}


/* The object a handle names, synced and reconciled, with a reference.
 * The UUID must match too: a handle on a domain that was undefined and
 * redefined under the same name refers to the old one. */
static virDomainObj *
qemuDomainObjFromDomain(virDomainPtr dom)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    bool same = false;

    if ((vm = qemuDomainObjFindByName(driver, dom->name))) {
        virDomainObjLock(vm);
        same = memcmp(vm->def->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0;
        virDomainObjUnlock(vm);
    }
    if (!same) {
        virUUIDFormat(dom->uuid, uuidstr);
        virResetLastError();
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching uuid '%1$s' (%2$s)"),
                       uuidstr, dom->name);
        return NULL;
    }
    if (qemuProcessReconcile(driver, vm) < 0)
        return NULL;
    return g_steal_pointer(&vm);
}


/*
 * The start of every job on a handle: the domain found, its job taken
 * (waiting for another one to end), reconciled under the job, and, if
 * @active, checked to be running.  Returns the object in its job (end
 * it with qemuDomainObjEndJob), with a reference; or NULL with an error
 * reported.
 */
static virDomainObj *
qemuDomainObjBeginJobFromDomain(virDomainPtr dom, bool active)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;

    if (!(vm = qemuDomainObjFromDomain(dom)))
        return NULL;
    if (qemuDomainObjBeginJob(driver, vm) < 0)
        return NULL;
    if (vm->removed) {
        qemuDomainObjEndJob(vm);
        virReportError(VIR_ERR_NO_DOMAIN, _("no domain with matching name '%1$s'"),
                       dom->name);
        return NULL;
    }
    if (qemuProcessReconcileLocked(driver, vm) < 0 ||
        (active && virDomainObjCheckActive(vm) < 0)) {
        qemuDomainObjEndJob(vm);
        return NULL;
    }
    return g_steal_pointer(&vm);
}


/* Every domain, each reconciled; an array of references. */
static GPtrArray *
qemuDomainObjListAll(virQEMUDriver *driver)
{
    GPtrArray *vms;

    qemuDriverSync(driver);
    vms = virDomainObjListCollect(driver->domains);
    for (size_t i = 0; i < vms->len; i++) {
        virDomainObj *vm = g_ptr_array_index(vms, i);

        if (qemuDomainObjSync(driver, vm) < 0 || qemuProcessReconcile(driver, vm) < 0) {
            VIR_WARN("cannot reconcile domain %s: %s",
                     QEMU_DOMAIN_PRIVATE(vm)->name, virGetLastErrorMessage());
            virResetLastError();
        }
    }
    return vms;
}


static int
qemuConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                          unsigned int flags)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    g_autoptr(GPtrArray) vms = NULL;
    g_autoptr(GPtrArray) out = NULL;
    int count = 0;

    virCheckFlags(VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL, -1);

    vms = qemuDomainObjListAll(driver);
    if (domains)
        out = g_ptr_array_new();
    for (size_t i = 0; i < vms->len; i++) {
        virDomainObj *vm = g_ptr_array_index(vms, i);
        int state, reason;
        bool active;
        bool autostart;
        bool match;

        if (vm->removed)
            continue;
        qemuDomainObjShownState(vm, &state, &reason, &active);
        autostart = (flags & (VIR_CONNECT_LIST_DOMAINS_AUTOSTART |
                              VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART)) &&
                    vm->persistent && qemuDomainAutostartGet(driver, vm);
        virDomainObjLock(vm);
        match = virDomainObjMatchFilterAs(vm, flags, state, active, autostart);
        virDomainObjUnlock(vm);
        if (!match)
            continue;
        count++;
        if (out)
            g_ptr_array_add(out, qemuDomainHandle(conn, vm));
    }
    if (out) {
        g_ptr_array_add(out, NULL);
        *domains = (virDomainPtr *)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    }
    return count;
}


static int
qemuConnectNumOfDomains(virConnectPtr conn)
{
    return qemuConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
}


static int
qemuConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    g_autoptr(GPtrArray) vms = qemuDomainObjListAll(qemuDriverGet(conn));
    int n = 0;

    for (size_t i = 0; i < vms->len && n < maxids; i++) {
        virDomainObj *vm = g_ptr_array_index(vms, i);

        if (!vm->removed && qemuDomainObjIsActiveShown(vm)) {
            virDomainObjLock(vm);
            ids[n++] = vm->def->id;
            virDomainObjUnlock(vm);
        }
    }
    return n;
}


static int
qemuConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return qemuConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_INACTIVE);
}


static int
qemuConnectListDefinedDomains(virConnectPtr conn, char **const names,
                              int maxnames)
{
    g_autoptr(GPtrArray) vms = qemuDomainObjListAll(qemuDriverGet(conn));
    int n = 0;

    for (size_t i = 0; i < vms->len && n < maxnames; i++) {
        virDomainObj *vm = g_ptr_array_index(vms, i);

        if (!vm->removed && !qemuDomainObjIsActiveShown(vm))
            names[n++] = g_strdup(QEMU_DOMAIN_PRIVATE(vm)->name);
    }
    return n;
}


static virDomainPtr
qemuDomainLookupByName(virConnectPtr conn, const char *name)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    g_autoptr(virDomainObj) vm = NULL;

    if (!(vm = qemuDomainObjFindByName(driver, name)) ||
        qemuProcessReconcile(driver, vm) < 0)
        return NULL;
    return qemuDomainHandle(conn, vm);
}


/* The domain found by @find (synced, reconciled), retried once after
 * re-reading the root: another process may have just made it. */
static virDomainObj *
qemuDomainObjFindBy(virQEMUDriver *driver,
                    virDomainObj *(*find)(virDomainObjList *doms, const void *key),
                    const void *key)
{
    g_autoptr(virDomainObj) vm = NULL;

    for (int attempt = 0; attempt < 2 && !vm; attempt++) {
        qemuDriverSync(driver);
        if ((vm = find(driver->domains, key)) &&
            (qemuDomainObjSync(driver, vm) < 0 || qemuProcessReconcile(driver, vm) < 0)) {
            virResetLastError();
            g_clear_pointer(&vm, virDomainObjUnref);
        }
    }
    return g_steal_pointer(&vm);
}


static virDomainObj *
qemuDomainObjListFindUUID(virDomainObjList *doms, const void *key)
{
    return virDomainObjListFindByUUID(doms, key);
}


static virDomainObj *
qemuDomainObjListFindID(virDomainObjList *doms, const void *key)
{
    virDomainObj *vm = virDomainObjListFindByID(doms, *(const int *)key);

    /* A domain shown stopped (its QEMU gone) no longer has its ID. */
    if (vm && !qemuDomainObjIsActiveShown(vm))
        g_clear_pointer(&vm, virDomainObjUnref);
    return vm;
}


static virDomainPtr
qemuDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    g_autoptr(virDomainObj) vm = qemuDomainObjFindBy(qemuDriverGet(conn),
                                                     qemuDomainObjListFindUUID, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!vm) {
        virReportError(VIR_ERR_NO_DOMAIN, _("no domain with matching uuid '%1$s'"),
                       virUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    return qemuDomainHandle(conn, vm);
}


static virDomainPtr
qemuDomainLookupByID(virConnectPtr conn, int id)
{
    g_autoptr(virDomainObj) vm = qemuDomainObjFindBy(qemuDriverGet(conn),
                                                     qemuDomainObjListFindID, &id);

    if (!vm || !qemuDomainObjIsActiveShown(vm)) {
        virReportError(VIR_ERR_NO_DOMAIN, _("no domain with matching id %1$d"), id);
        return NULL;
    }
    return qemuDomainHandle(conn, vm);
}


/* ---- defining and starting ----------------------------------------------- */

/*
 * Parses a definition the way define and create do: the parser's own
 * checks, the default emulator, then everything the emulator must
 * agree to (machine type, KVM, devices) with PCI addresses assigned, so
 * that the stored definition shows them as upstream's does.
 */
static virDomainDef *
qemuDomainDefParse(virQEMUDriver *driver, const char *xml, unsigned int parseFlags)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virQEMUCaps) caps = NULL;

    if (!(def = virDomainDefParseString(xml, parseFlags)))
        return NULL;
    if (!def->emulator)
        def->emulator = g_strdup(driver->config->defaultEmulator);
    if (!(caps = virQEMUCapsCacheLookup(driver->qemuCapsCache, def->emulator)))
        return NULL;
    if (qemuDomainPrepareDef(def, caps) < 0)
        return NULL;
    return g_steal_pointer(&def);
}


/*
 * With the driver lock held and the list synced: refuses a definition
 * whose name or UUID belongs to a different domain than @vm (the object
 * of that name, possibly new and empty).
 */
static int
qemuDomainCheckConflicts(virQEMUDriver *driver, virDomainObj *vm,
                         const virDomainDef *def)
{
    g_autoptr(virDomainObj) other = virDomainObjListFindByUUID(driver->domains,
                                                               def->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    int ret = 0;

    virDomainObjLock(vm);
    if (vm->def && memcmp(vm->def->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain '%1$s' is already defined with uuid %2$s"),
                       vm->def->name, virUUIDFormat(vm->def->uuid, uuidstr));
        ret = -1;
    }
    virDomainObjUnlock(vm);
    if (ret == 0 && other && other != vm) {
        virDomainObjLock(other);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain '%1$s' already exists with uuid %2$s"),
                       other->def->name, virUUIDFormat(other->def->uuid, uuidstr));
        virDomainObjUnlock(other);
        ret = -1;
    }
    return ret;
}


/* The object for @name: the listed one, or a new one not in the list
 * yet.  With a reference. */
static virDomainObj *
qemuDomainObjForName(virQEMUDriver *driver, const char *name)
{
    virDomainObj *vm;

    qemuDriverSync(driver);
    if ((vm = virDomainObjListFindByName(driver->domains, name)))
        return vm;
    return qemuDomainObjNew(driver, name);
}


static virDomainPtr
qemuDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainObj) vm = NULL;
    VIR_AUTOCLOSE lockfd = -1;
    virDomainPtr ret = NULL;
    bool existing;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);

    if (!(def = qemuDomainDefParse(driver, xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    vm = qemuDomainObjForName(driver, def->name);
    if (qemuDomainObjBeginJob(driver, vm) < 0)
        return NULL;
    /* Names and UUIDs are compared across processes under this lock. */
    if ((lockfd = qemuDriverLock(driver)) < 0)
        goto endjob;
    qemuDriverSync(driver);
    if (qemuDomainCheckConflicts(driver, vm, def) < 0 ||
        qemuDomainSaveConfig(driver, vm, def) < 0)
        goto endjob;
    virForceClose(&lockfd);

    existing = vm->def != NULL;
    virDomainObjLock(vm);
    if (virDomainObjIsActive(vm)) {
        virDomainDefFree(vm->newDef);
        vm->newDef = g_steal_pointer(&def);
    } else {
        virDomainDefFree(vm->def);
        vm->def = g_steal_pointer(&def);
    }
    vm->persistent = true;
    virDomainObjUnlock(vm);
    if (vm->removed)
        virDomainObjListAdd(driver->domains, QEMU_DOMAIN_PRIVATE(vm)->name, vm);

    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_DEFINED,
                        existing ? VIR_DOMAIN_EVENT_DEFINED_UPDATED :
                                   VIR_DOMAIN_EVENT_DEFINED_ADDED);
    VIR_INFO("defined domain %s", QEMU_DOMAIN_PRIVATE(vm)->name);
    ret = qemuDomainHandle(conn, vm);

 endjob:
    virForceClose(&lockfd);
    qemuDomainObjEndJob(vm);
    return ret;
}


/*
 * A UEFI guest's variable store outlives its runs; undefine removes it
 * (VIR_DOMAIN_UNDEFINE_NVRAM), keeps it (KEEP_NVRAM), or, asked
 * neither, refuses as upstream does, so that no guest state goes
 * unnoticed.
 */
static int
qemuDomainUndefineNvram(virQEMUDriver *driver, virDomainObj *vm,
                        unsigned int flags)
{
    const virDomainDef *def = vm->newDef ? vm->newDef : vm->def;
    g_autofree char *path = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *base = NULL;
    VIR_AUTOCLOSE dirfd = -1;

    if (def->os.nvram)
        path = g_strdup(def->os.nvram);
    else if (def->os.firmwareEFI || def->os.loader)
        path = qemuFirmwareNvramPath(driver->config->nvramDir, def->name);
    else
        return 0;
    dir = g_path_get_dirname(path);
    base = g_path_get_basename(path);
    if ((dirfd = virFileOpenDirTrusted(dir, false)) == -2)
        return 0;
    if (dirfd < 0)
        return -1;
    if (faccessat(dirfd, base, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
        return 0;
    if (flags & VIR_DOMAIN_UNDEFINE_NVRAM)
        return virFileRemoveAt(dirfd, dir, base, false);
    if (!(flags & VIR_DOMAIN_UNDEFINE_KEEP_NVRAM)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot undefine domain with nvram"));
        return -1;
    }
    return 0;
}


static int
qemuDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    int ret = -1;

    /* This driver keeps no managed saves, snapshots, checkpoints or TPM
     * state, so there is never anything more of them to remove or keep;
     * a UEFI guest's variable store is removed or kept as asked. */
    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_NVRAM |
                  VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_TPM |
                  VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);

    if ((flags & VIR_DOMAIN_UNDEFINE_KEEP_NVRAM) &&
        (flags & VIR_DOMAIN_UNDEFINE_NVRAM)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot both keep and delete nvram"));
        return -1;
    }
    if (!(vm = qemuDomainObjBeginJobFromDomain(dom, false)))
        return -1;
    if (!vm->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot undefine transient domain"));
        goto endjob;
    }

    if (qemuDomainUndefineNvram(driver, vm, flags) < 0 ||
        qemuDomainRemoveConfig(driver, vm) < 0)
        goto endjob;
    /* Its autostart link goes with it, as upstream's does. */
    if (qemuDomainAutostartGet(driver, vm) && qemuDomainAutostartSet(driver, vm, false) < 0) {
        VIR_WARN("cannot remove the autostart link of %s: %s", vm->def->name,
                 virGetLastErrorMessage());
        virResetLastError();
    }
    virDomainObjLock(vm);
    vm->persistent = false;
    if (virDomainObjIsActive(vm))
        g_clear_pointer(&vm->newDef, virDomainDefFree);
    virDomainObjUnlock(vm);
    if (!virDomainObjIsActive(vm)) {
        /* The stop reason of a domain that no longer exists goes too. */
        if (qemuDomainRemoveStatus(driver, vm) < 0)
            VIR_WARN("cannot remove the status file of %s: %s", vm->def->name,
                     virGetLastErrorMessage());
        virResetLastError();
        virDomainObjListRemove(driver->domains, vm);
    }
    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_UNDEFINED,
                        VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    VIR_INFO("undefined domain %s%s", vm->def->name,
             virDomainObjIsActive(vm) ? " (still running, now transient)" : "");
    ret = 0;

 endjob:
    qemuDomainObjEndJob(vm);
    return ret;
}


static int
qemuDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    int ret = -1;

    /* Without managed save images, bypassing the cache of one and
     * booting despite one change nothing. */
    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_BYPASS_CACHE |
                  VIR_DOMAIN_START_FORCE_BOOT, -1);

    if (!(vm = qemuDomainObjBeginJobFromDomain(dom, false)))
        return -1;
    if (virDomainObjIsActive(vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is already running"));
        goto endjob;
    }
    if (qemuProcessStart(driver, vm, flags & VIR_DOMAIN_START_PAUSED) < 0)
        goto endjob;
    dom->id = vm->def->id;
    ret = 0;

 endjob:
    qemuDomainObjEndJob(vm);
    return ret;
}


static virDomainPtr
qemuDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainObj) vm = NULL;
    g_autoptr(virDomainObj) existing = NULL;
    virDomainPtr ret = NULL;
    VIR_AUTOCLOSE lockfd = -1;

    virCheckFlags(VIR_DOMAIN_START_PAUSED, NULL);

    if (!(def = qemuDomainDefParse(driver, xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    vm = qemuDomainObjNew(driver, def->name);
    if (qemuDomainObjBeginJob(driver, vm) < 0)
        return NULL;
    if ((lockfd = qemuDriverLock(driver)) < 0)
        goto endjob;
    qemuDriverSync(driver);
    if ((existing = virDomainObjListFindByName(driver->domains, def->name))) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%1$s' already exists: start it with virDomainCreate, or undefine it first"),
                       def->name);
        goto endjob;
    }
    if (qemuDomainCheckConflicts(driver, vm, def) < 0)
        goto endjob;
    vm->def = g_steal_pointer(&def);
    vm->persistent = false;
    /* The status file the start writes first claims the name. */
    if (qemuProcessStart(driver, vm, flags) < 0)
        goto endjob;
    virDomainObjListAdd(driver->domains, QEMU_DOMAIN_PRIVATE(vm)->name, vm);
    ret = qemuDomainHandle(conn, vm);

 endjob:
    virForceClose(&lockfd);
    qemuDomainObjEndJob(vm);
    return ret;
}


/* ---- stopping ------------------------------------------------------------ */

/* How long the guest agent may take to answer guest-sync. */
#define QEMU_DRIVER_AGENT_TIMEOUT_MS 5000

/* The socket of the guest agent's channel of a running domain, or
 * NULL when it has none. */
static const char *
qemuDomainShutdownAgentPath(const virDomainDef *def)
{
    for (size_t i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];

        if (chr->type == VIR_DOMAIN_CHR_TYPE_UNIX && chr->path &&
            chr->mode == VIR_DOMAIN_CHR_SOURCE_MODE_BIND &&
            chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO &&
            STREQ_NULLABLE(chr->targetName, QEMU_AGENT_CHANNEL_NAME))
            return chr->path;
    }
    return NULL;
}


/* virDomainShutdownFlags; @timeoutMs bounds how long QEMU may take to
 * accept the power button (0: the monitor's timeout), so that a QEMU
 * that cannot answer (stuck in the kernel) holds no caller with a
 * deadline past it. */
static int
qemuDomainShutdownRun(virDomainPtr dom, unsigned int flags, int timeoutMs)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    qemuDomainObjPrivate *priv;
    qemuMonitor *mon;
    int ret = -1;

    if (!(vm = qemuDomainObjBeginJobFromDomain(dom, true)))
        return -1;
    priv = QEMU_DOMAIN_PRIVATE(vm);

    /* The guest agent, when asked: alone, or first with the power
     * button as the fallback when both are asked. */
    if (flags & VIR_DOMAIN_SHUTDOWN_GUEST_AGENT) {
        const char *agent = qemuDomainShutdownAgentPath(vm->def);

        if (!agent && flags == VIR_DOMAIN_SHUTDOWN_GUEST_AGENT) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                           _("QEMU guest agent is not configured"));
            goto endjob;
        }
        if (agent && qemuAgentShutdown(agent, QEMU_DRIVER_AGENT_TIMEOUT_MS) == 0) {
            ret = 0;
            goto endjob;
        }
        if (flags == VIR_DOMAIN_SHUTDOWN_GUEST_AGENT)
            goto endjob;
        virResetLastError();
        flags &= ~VIR_DOMAIN_SHUTDOWN_GUEST_AGENT;
    }

    if (flags == VIR_DOMAIN_SHUTDOWN_SIGNAL) {
        priv->shutdownSignalled = true;
        if (qemuDomainSaveStatus(driver, vm) < 0 ||
            qemuProcessKill(vm, VIR_QEMU_PROCESS_KILL_NOWAIT) < 0)
            goto endjob;
    } else {
        /* A stopped (SIGSTOP) QEMU cannot even greet the monitor: say so
         * now rather than after the monitor's timeout. */
        g_autofree char *procState = virProcessRefGetState(&priv->proc);

        if (procState && strchr("Tt", procState[0])) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("cannot ask domain '%1$s' to shut down: its QEMU process %2$lld is in state %3$s and cannot act on the request"),
                           vm->def->name, (long long)priv->proc.pid, procState);
            goto endjob;
        }
        if (!(mon = qemuDomainGetMonitor(vm)) ||
            qemuMonitorSystemPowerdown(mon, timeoutMs) < 0)
            goto endjob;
    }
    ret = 0;

 endjob:
    qemuDomainObjEndJob(vm);
    return ret;
}


static int
qemuDomainShutdownFlags(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN |
                  VIR_DOMAIN_SHUTDOWN_GUEST_AGENT |
                  VIR_DOMAIN_SHUTDOWN_SIGNAL, -1);

    return qemuDomainShutdownRun(dom, flags, 0);
}


/* Same run as when @vm was looked up?  After waiting for the job, the
 * domain may have been stopped, or stopped and started again: a new
 * run has a new ID (IDs are never reused while the state directory
 * lives). */
static bool
qemuDomainSameInstance(virDomainObj *vm, int id)
{
    return virDomainObjIsActive(vm) && vm->def->id == id;
}


static int
qemuDomainDestroyFlags(virDomainPtr dom, unsigned int flags)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    unsigned int stopFlags = 0;
    VIR_AUTOCLOSE destroyfd = -1;
    int ret = -1;
    int id;

    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL | VIR_DOMAIN_DESTROY_REMOVE_LOGS, -1);

    if (!(vm = qemuDomainObjFromDomain(dom)))
        return -1;
    if (!qemuDomainObjIsActiveShown(vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", _("domain is not running"));
        return -1;
    }
    if (QEMU_DOMAIN_PRIVATE(vm)->phase != QEMU_DOMAIN_PHASE_RUNNING) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is still starting: retry once the start has finished"));
        return -1;
    }
    virDomainObjLock(vm);
    id = vm->def->id;
    virDomainObjUnlock(vm);

    /* The signals go first, without the job: a job stuck on a monitor
     * that no longer answers ends when QEMU does.  Until this destroy
     * has the job, whoever finds QEMU gone leaves its stop to us. */
    if ((destroyfd = qemuDomainBeginDestroy(driver, QEMU_DOMAIN_PRIVATE(vm)->name)) < 0)
        return -1;
    if (qemuProcessKill(vm, (flags & VIR_DOMAIN_DESTROY_GRACEFUL) ?
                            0 : VIR_QEMU_PROCESS_KILL_FORCE) < 0)
        return -1;

    /* QEMU is gone: from here the destroy has succeeded, whatever the
     * bookkeeping that follows can or cannot record. */
    if (qemuDomainObjBeginJob(driver, vm) < 0) {
        if (virGetLastErrorCode() == VIR_ERR_NO_DOMAIN) {
            /* Its run was all that was left of it (damaged files). */
            qemuDomainRemovePrivateDir(driver, vm);
        } else {
            VIR_WARN("QEMU of domain %s is gone, but its stop cannot be recorded now (%s); the next connection records it",
                     QEMU_DOMAIN_PRIVATE(vm)->name, virGetLastErrorMessage());
        }
        virResetLastError();
        dom->id = -1;
        return 0;
    }
    if (!qemuDomainSameInstance(vm, id)) {
        /* Someone else finished stopping it meanwhile. */
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not running"));
        goto endjob;
    }
    if (flags & VIR_DOMAIN_DESTROY_REMOVE_LOGS)
        stopFlags |= QEMU_PROCESS_STOP_REMOVE_LOGS;
    if (qemuProcessStop(driver, vm, VIR_DOMAIN_SHUTOFF_DESTROYED, stopFlags) < 0)
        goto endjob;
    dom->id = -1;
    ret = 0;

 endjob:
    qemuDomainObjEndJob(vm);
    return ret;
}


static int
qemuDomainSuspend(virDomainPtr dom)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    qemuMonitor *mon;
    int ret = -1;

    if (!(vm = qemuDomainObjBeginJobFromDomain(dom, true)))
        return -1;
    if (vm->state != VIR_DOMAIN_PAUSED) {
        if (!(mon = qemuDomainGetMonitor(vm)) || qemuMonitorStopCPUs(mon) < 0)
            goto endjob;
        virDomainObjSetState(vm, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        if (qemuDomainSaveStatus(driver, vm) < 0)
            goto endjob;
        qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                            VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    }
    ret = 0;

 endjob:
    qemuDomainObjEndJob(vm);
    return ret;
}


static int
qemuDomainResume(virDomainPtr dom)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    qemuMonitor *mon;
    int ret = -1;

    if (!(vm = qemuDomainObjBeginJobFromDomain(dom, true)))
        return -1;
    if (vm->state == VIR_DOMAIN_RUNNING) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is already running"));
        goto endjob;
    }
    if (!(mon = qemuDomainGetMonitor(vm)) || qemuMonitorStartCPUs(mon) < 0)
        goto endjob;
    virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    if (qemuDomainSaveStatus(driver, vm) < 0)
        goto endjob;
    qemuDomainEventEmit(driver, vm, VIR_DOMAIN_EVENT_RESUMED,
                        VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    ret = 0;

 endjob:
    qemuDomainObjEndJob(vm);
    return ret;
}


/* ---- queries ------------------------------------------------------------- */

/* Found, reconciled and refreshed from QEMU: for state queries. */
static virDomainObj *
qemuDomainObjFromDomainFresh(virDomainPtr dom)
{
    g_autoptr(virDomainObj) vm = NULL;

    if (!(vm = qemuDomainObjFromDomain(dom)))
        return NULL;
    /* A domain whose events this instance follows is current in
     * memory: no need to ask QEMU. */
    if (!qemuLiveIsFollowed(vm) &&
        qemuProcessRefreshState(qemuDriverGet(dom->conn), vm) < 0)
        return NULL;
    return g_steal_pointer(&vm);
}


static int
qemuDomainGetState(virDomainPtr dom, int *state, int *reason,
                   unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;
    int st, rs;
    bool active;

    virCheckFlags(0, -1);

    if (!(vm = qemuDomainObjFromDomainFresh(dom)))
        return -1;
    qemuDomainObjShownState(vm, &st, &rs, &active);
    *state = st;
    if (reason)
        *reason = rs;
    return 0;
}


static int
qemuDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    g_autoptr(virDomainObj) vm = NULL;
    pid_t pid = 0;
    int state, reason;
    bool active;

    if (!(vm = qemuDomainObjFromDomainFresh(dom)))
        return -1;
    qemuDomainObjShownState(vm, &state, &reason, &active);
    virDomainObjLock(vm);
    info->state = state;
    info->maxMem = vm->def->memory;
    /* As upstream: the current (balloon) size, also of a domain that is
     * not running. */
    info->memory = vm->def->currentMemory;
    info->nrVirtCpu = vm->def->vcpus;
    info->cpuTime = 0;
    if (active)
        pid = QEMU_DOMAIN_PRIVATE(vm)->proc.pid;
    virDomainObjUnlock(vm);
    if (pid > 0 && virProcessGetCPUTime(pid, &info->cpuTime) < 0) {
        /* The process may have just exited: report no time rather than
         * fail the whole query. */
        virResetLastError();
    }
    return 0;
}


static char *
qemuDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;
    virDomainDef *def;
    char *ret;

    virCheckFlags(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL);

    if (!(vm = qemuDomainObjFromDomain(dom)))
        return NULL;
    virDomainObjLock(vm);
    def = vm->def;
    if ((flags & (VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_MIGRATABLE)) &&
        virDomainObjIsActive(vm) && vm->newDef)
        def = vm->newDef;
    if (!virDomainObjIsActive(vm) || (flags & VIR_DOMAIN_XML_MIGRATABLE))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    ret = virDomainDefFormat(def, flags & (VIR_DOMAIN_DEF_FORMAT_SECURE |
                                           VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    virDomainObjUnlock(vm);
    return ret;
}


static char *
qemuDomainGetOSType(virDomainPtr dom)
{
    g_autoptr(virDomainObj) vm = qemuDomainObjFromDomain(dom);
    char *ret;

    if (!vm)
        return NULL;
    virDomainObjLock(vm);
    ret = g_strdup(virDomainOSTypeToString(vm->def->os.type));
    virDomainObjUnlock(vm);
    return ret;
}


static unsigned long long
qemuDomainGetMaxMemory(virDomainPtr dom)
{
    g_autoptr(virDomainObj) vm = qemuDomainObjFromDomain(dom);
    unsigned long long ret;

    if (!vm)
        return 0;
    virDomainObjLock(vm);
    ret = vm->def->memory;
    virDomainObjUnlock(vm);
    return ret;
}


/*
 * Whether @name is marked to start with the host: its autostart link
 * exists and names its definition.  The link is read, never followed,
 * and anything else at that path (a file, a link elsewhere) does not
 * count: it is not ours.
 */
static int
qemuDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = qemuDomainObjFromDomain(dom);

    if (!vm)
        return -1;
    *autostart = vm->persistent && qemuDomainAutostartGet(driver, vm);
    return 0;
}


static int
qemuDomainIsActive(virDomainPtr dom)
{
    g_autoptr(virDomainObj) vm = qemuDomainObjFromDomain(dom);

    if (!vm)
        return -1;
    return qemuDomainObjIsActiveShown(vm) ? 1 : 0;
}


static int
qemuDomainIsPersistent(virDomainPtr dom)
{
    g_autoptr(virDomainObj) vm = qemuDomainObjFromDomain(dom);

    if (!vm)
        return -1;
    return vm->persistent ? 1 : 0;
}


static char *
qemuConnectDomainXMLToNative(virConnectPtr conn, const char *format,
                             const char *xml, unsigned int flags)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virQEMUCaps) caps = NULL;
    g_autofree char *dirName = NULL;
    g_autofree char *privateDir = NULL;
    g_autofree char *monitor = NULL;
    g_autofree char *pidFile = NULL;
    g_autofree char *cmd = NULL;
    g_auto(GStrv) argv = NULL;
    qemuCommandPaths paths = { 0 };

    virCheckFlags(0, NULL);

    if (STRNEQ(format, "qemu-argv")) {
        virReportError(VIR_ERR_INVALID_ARG, _("unsupported config type %1$s"),
                       format);
        return NULL;
    }
    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (!def->emulator)
        def->emulator = g_strdup(driver->config->defaultEmulator);
    if (!(caps = virQEMUCapsCacheLookup(driver->qemuCapsCache, def->emulator)) ||
        qemuDomainPrepareDef(def, caps) < 0 ||
        qemuFirmwareFillDomain(def, qemuFirmwareSystemDirs,
                               driver->config->nvramDir) < 0)
        return NULL;

    /* The paths and ports of a start that has not happened: ID -1, the
     * first VNC port, as upstream shows them. */
    for (size_t i = 0; i < def->ngraphics; i++) {
        if (def->graphics[i]->autoport)
            def->graphics[i]->port = 5900;
    }
    dirName = qemuDomainPrivateDirName(-1, def->name);
    privateDir = g_build_filename(driver->config->stateDir, dirName, NULL);
    monitor = g_build_filename(privateDir, "monitor.sock", NULL);
    pidFile = g_build_filename(privateDir, "qemu.pid", NULL);
    paths.monitorSocket = monitor;
    paths.pidFile = pidFile;
    if (!(argv = qemuBuildCommandLine(def, caps, &paths, 0)))
        return NULL;
    cmd = qemuBuildCommandLineStringOneLine(argv);
    return g_strdup_printf("LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=%s %s",
                           privateDir, cmd);
}


static int
qemuConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque, virFreeCallback freecb)
{
    return virDomainEventStateRegisterID(qemuDriverGet(conn)->domainEventState,
                                         conn, dom, eventID, cb, opaque, freecb);
}


static int
qemuConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return virDomainEventStateDeregisterID(qemuDriverGet(conn)->domainEventState,
                                           callbackID);
}


/* ---- host shutdown ---------------------------------------------------- */

/* Where one domain got to. */
typedef enum {
    QEMU_HOST_SHUTDOWN_RUNNING,      /* still running */
    QEMU_HOST_SHUTDOWN_SHUT_DOWN,    /* the guest shut down when asked */
    QEMU_HOST_SHUTDOWN_DESTROYED,    /* the graceful destroy stopped it */
    QEMU_HOST_SHUTDOWN_FORCED,       /* the default destroy stopped it */
    QEMU_HOST_SHUTDOWN_LEFT,         /* its action is none: not touched */
} qemuHostShutdownOutcome;

typedef struct {
    virDomainObj *vm;                /* a reference */
    virDomainPtr dom;
    qemuAutoShutdownAction action;
    qemuHostShutdownOutcome outcome;
    bool asked;                      /* the ACPI request was delivered */
    char *why;                       /* the last thing that went wrong */
    gint64 start;                    /* monotonic, for progress */
    gint64 deadline;                 /* monotonic: auto_shutdown_wait */
    FILE *out;
    GMutex *outLock;
} qemuHostShutdownEntry;


static void
qemuHostShutdownEntryClear(qemuHostShutdownEntry *e)
{
    g_clear_pointer(&e->vm, virDomainObjUnref);
    if (e->dom)
        virDomainUnrefInternal(g_steal_pointer(&e->dom));
    g_clear_pointer(&e->why, g_free);
}


static void G_GNUC_PRINTF(2, 3)
qemuHostShutdownSay(qemuHostShutdownEntry *e, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    VIR_INFO("host shutdown: %s", msg);
    if (!e->out)
        return;
    g_mutex_lock(e->outLock);
    fprintf(e->out, "host shutdown: %s\n", msg);
    fflush(e->out);
    g_mutex_unlock(e->outLock);
}


static bool
qemuHostShutdownGone(qemuHostShutdownEntry *e)
{
    return !qemuDomainObjIsActiveShown(e->vm);
}


static void
qemuHostShutdownSetWhy(qemuHostShutdownEntry *e)
{
    g_free(e->why);
    e->why = g_strdup(virGetLastErrorMessage());
    virResetLastError();
}


static gpointer
qemuHostShutdownAsk(gpointer opaque)
{
    qemuHostShutdownEntry *e = opaque;
    /* The request itself counts against the deadline: at least 1 ms,
     * as 0 would mean the monitor's own timeout. */
    int timeoutMs = MAX(1, (e->deadline - g_get_monotonic_time()) / 1000);

    if (qemuDomainShutdownRun(e->dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN,
                              timeoutMs) == 0) {
        e->asked = true;
    } else if (qemuHostShutdownGone(e)) {
        virResetLastError();
    } else {
        qemuHostShutdownSetWhy(e);
        qemuHostShutdownSay(e, _("%1$s: cannot ask it to shut down: %2$s"),
                            e->dom->name, e->why);
    }
    return NULL;
}


static gpointer
qemuHostShutdownDestroy(gpointer opaque)
{
    qemuHostShutdownEntry *e = opaque;
    bool graceful = e->outcome == QEMU_HOST_SHUTDOWN_RUNNING &&
                    e->action == QEMU_AUTO_SHUTDOWN_ACTION_POWEROFF;

    if (qemuDomainDestroyFlags(e->dom, graceful ? VIR_DOMAIN_DESTROY_GRACEFUL : 0) == 0) {
        e->outcome = graceful ? QEMU_HOST_SHUTDOWN_DESTROYED : QEMU_HOST_SHUTDOWN_FORCED;
        qemuHostShutdownSay(e, graceful ? _("%1$s: destroyed gracefully (SIGTERM)") :
                                          _("%1$s: destroyed (SIGKILL allowed)"),
                            e->dom->name);
    } else if (qemuHostShutdownGone(e)) {
        virResetLastError();
        e->outcome = QEMU_HOST_SHUTDOWN_SHUT_DOWN;
    } else {
        qemuHostShutdownSetWhy(e);
        qemuHostShutdownSay(e, _("%1$s: %2$s"), e->dom->name, e->why);
    }
    return NULL;
}


/* Runs @fn on every entry @pick chooses, each in a thread, and waits. */
static void
qemuHostShutdownEach(GArray *entries, GThreadFunc fn,
                     bool (*pick)(qemuHostShutdownEntry *e))
{
    g_autoptr(GPtrArray) threads = g_ptr_array_new();

    for (guint i = 0; i < entries->len; i++) {
        qemuHostShutdownEntry *e = &g_array_index(entries, qemuHostShutdownEntry, i);

        if (pick(e))
            g_ptr_array_add(threads, g_thread_new("host-shutdown", fn, e));
    }
    for (guint i = 0; i < threads->len; i++)
        g_thread_join(g_ptr_array_index(threads, i));
}


static bool
qemuHostShutdownPickAsk(qemuHostShutdownEntry *e)
{
    return e->action >= QEMU_AUTO_SHUTDOWN_ACTION_SHUTDOWN;
}


static bool
qemuHostShutdownPickGraceful(qemuHostShutdownEntry *e)
{
    if (e->outcome != QEMU_HOST_SHUTDOWN_RUNNING || qemuHostShutdownGone(e)) {
        if (e->outcome == QEMU_HOST_SHUTDOWN_RUNNING)
            e->outcome = QEMU_HOST_SHUTDOWN_SHUT_DOWN;
        return false;
    }
    return e->action >= QEMU_AUTO_SHUTDOWN_ACTION_POWEROFF;
}


static bool
qemuHostShutdownPickKill(qemuHostShutdownEntry *e)
{
    return e->outcome == QEMU_HOST_SHUTDOWN_RUNNING && !qemuHostShutdownGone(e) &&
           e->action == QEMU_AUTO_SHUTDOWN_ACTION_KILL;
}


/**
 * qemuDriverHostShutdownConfigured:
 * @conn: the daemon's connection to its own driver
 *
 * Returns: whether qemu.conf asks for anything at host shutdown.
 */
bool
qemuDriverHostShutdownConfigured(virConnectPtr conn)
{
    virQEMUDriverConfig *cfg = qemuDriverGet(conn)->config;

    return cfg->autoShutdownTryShutdown != QEMU_AUTO_SHUTDOWN_SCOPE_NONE ||
           cfg->autoShutdownPoweroff != QEMU_AUTO_SHUTDOWN_SCOPE_NONE ||
           cfg->autoShutdownKill != QEMU_AUTO_SHUTDOWN_SCOPE_NONE ||
           (cfg->autoShutdownOverride &&
            g_hash_table_size(cfg->autoShutdownOverride) > 0);
}


/**
 * qemuDriverActiveCount:
 * @conn: the daemon's connection to its own driver
 *
 * Returns: how many domains run (an idle daemon stays while any does).
 */
int
qemuDriverActiveCount(virConnectPtr conn)
{
    return qemuConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
}


/**
 * qemuDriverHostShutdown:
 * @conn: the daemon's connection to its own driver
 * @out: where progress goes as it happens (may be NULL)
 * @retReport: set to the final report, one line per domain
 *
 * Stops every running domain for a host shutdown, under one deadline
 * (auto_shutdown_wait): every domain whose action includes it is asked
 * to shut down (ACPI) at once, in parallel; at the deadline those still
 * running whose action includes "poweroff" get the graceful destroy
 * (SIGTERM, never more), in parallel; then those whose action is
 * "kill" (auto_shutdown_kill or the override: ours) the default
 * destroy, which may end in SIGKILL.  Nothing else here signals QEMU.
 * The report says for each domain whether it shut down, was destroyed
 * gracefully, was forced, or is still running and why: the error, and
 * its process state with the kernel wait channel of one stuck in I/O.
 *
 * Returns: how many domains are still running afterwards.
 */
int
qemuDriverHostShutdown(virConnectPtr conn, FILE *out, char **retReport)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    virQEMUDriverConfig *cfg = driver->config;
    g_autoptr(GPtrArray) vms = qemuDomainObjListAll(driver);
    g_autoptr(GArray) entries = g_array_new(FALSE, TRUE, sizeof(qemuHostShutdownEntry));
    g_auto(virBuffer) report = VIR_BUFFER_INITIALIZER;
    GMutex outLock;
    gint64 start = g_get_monotonic_time();
    gint64 deadline = start + (gint64)(cfg->autoShutdownWait * G_USEC_PER_SEC);
    guint pending;
    int left = 0;

    g_mutex_init(&outLock);
    g_array_set_clear_func(entries, (GDestroyNotify)qemuHostShutdownEntryClear);
    for (guint i = 0; i < vms->len; i++) {
        virDomainObj *vm = g_ptr_array_index(vms, i);
        qemuHostShutdownEntry e = { 0 };

        if (vm->removed || !qemuDomainObjIsActiveShown(vm))
            continue;
        e.vm = virDomainObjRef(vm);
        e.dom = qemuDomainHandle(conn, vm);
        virDomainObjLock(vm);
        e.action = virQEMUDriverConfigShutdownAction(cfg, QEMU_DOMAIN_PRIVATE(vm)->name,
                                                     vm->persistent);
        virDomainObjUnlock(vm);
        e.outcome = e.action == QEMU_AUTO_SHUTDOWN_ACTION_NONE ?
                    QEMU_HOST_SHUTDOWN_LEFT : QEMU_HOST_SHUTDOWN_RUNNING;
        e.start = start;
        e.deadline = deadline;
        e.out = out;
        e.outLock = &outLock;
        g_array_append_val(entries, e);
    }
    if (out) {
        fprintf(out, _("host shutdown: %1$u running domain(s); shutdown requests now, deadline %2$.3g s, then the graceful destroy where configured\n"),
                entries->len, cfg->autoShutdownWait);
        fflush(out);
    }

    qemuHostShutdownEach(entries, qemuHostShutdownAsk, qemuHostShutdownPickAsk);

    /* The guests' own shutdowns, until all are done or the deadline. */
    do {
        pending = 0;
        for (guint i = 0; i < entries->len; i++) {
            qemuHostShutdownEntry *e = &g_array_index(entries, qemuHostShutdownEntry, i);

            if (e->outcome != QEMU_HOST_SHUTDOWN_RUNNING)
                continue;
            if (qemuHostShutdownGone(e)) {
                e->outcome = QEMU_HOST_SHUTDOWN_SHUT_DOWN;
                qemuHostShutdownSay(e, _("%1$s: shut down after %2$.1f s"), e->dom->name,
                                    (g_get_monotonic_time() - start) / 1e6);
            } else if (e->asked) {
                pending++;
            }
        }
        if (pending)
            g_usleep(20 * 1000);
    } while (pending && g_get_monotonic_time() < deadline);
    if (pending && out) {
        g_mutex_lock(&outLock);
        fprintf(out, _("host shutdown: deadline passed with %1$u domain(s) still shutting down\n"),
                pending);
        fflush(out);
        g_mutex_unlock(&outLock);
    }

    qemuHostShutdownEach(entries, qemuHostShutdownDestroy, qemuHostShutdownPickGraceful);
    qemuHostShutdownEach(entries, qemuHostShutdownDestroy, qemuHostShutdownPickKill);

    for (guint i = 0; i < entries->len; i++) {
        qemuHostShutdownEntry *e = &g_array_index(entries, qemuHostShutdownEntry, i);
        qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(e->vm);
        g_autofree char *state = NULL;

        if (e->outcome == QEMU_HOST_SHUTDOWN_RUNNING && qemuHostShutdownGone(e))
            e->outcome = QEMU_HOST_SHUTDOWN_SHUT_DOWN;
        switch (e->outcome) {
        case QEMU_HOST_SHUTDOWN_SHUT_DOWN:
            virBufferAsprintf(&report, _("%1$s: shut down\n"), e->dom->name);
            break;
        case QEMU_HOST_SHUTDOWN_DESTROYED:
            virBufferAsprintf(&report, _("%1$s: destroyed gracefully (SIGTERM)\n"), e->dom->name);
            break;
        case QEMU_HOST_SHUTDOWN_FORCED:
            virBufferAsprintf(&report, _("%1$s: forced (default destroy, SIGKILL allowed)\n"),
                              e->dom->name);
            break;
        case QEMU_HOST_SHUTDOWN_LEFT:
            left++;
            virBufferAsprintf(&report, _("%1$s: still running: its host-shutdown action is none\n"),
                              e->dom->name);
            break;
        case QEMU_HOST_SHUTDOWN_RUNNING:
            left++;
            virDomainObjLock(e->vm);
            state = virProcessRefDescribeState(&priv->proc);
            virDomainObjUnlock(e->vm);
            virBufferAsprintf(&report, _("%1$s: still running: QEMU process %2$lld in state %3$s; %4$s\n"),
                              e->dom->name, (long long)priv->proc.pid, NULLSTR(state),
                              e->why ? e->why :
                              e->action == QEMU_AUTO_SHUTDOWN_ACTION_SHUTDOWN ?
                              _("the guest did not shut down and its action stops at shutdown") :
                              _("the guest did not shut down"));
            break;
        }
    }
    g_mutex_clear(&outLock);
    *retReport = virBufferContentAndReset(&report);
    if (!*retReport)
        *retReport = g_strdup("");
    return left;
}


/* ---- autostart ---- */

/* In the state directory (a tmpfs for the system instance, emptied at
 * each boot): the domains marked autostart have been started since the
 * host booted.  As upstream: a daemon restarted later starts nothing,
 * neither what still runs nor what an operator has stopped since. */
#define QEMU_DRIVER_AUTOSTARTED_FILE "autostarted"


/**
 * qemuDriverAutostart:
 * @conn: the daemon's connection to its own driver
 *
 * Starts every persistent domain marked autostart that is not running,
 * the first time a daemon runs on this root since the host booted (the
 * state directory's "autostarted" file records it).  A domain that
 * fails to start is logged and the others go on.  Called by the daemon
 * once it serves its root; the embedded driver never autostarts.
 *
 * Returns: how many domains were started, or -1 with an error reported
 * when the record could not be made (nothing was started).
 */
int
qemuDriverAutostart(virConnectPtr conn)
{
    virQEMUDriver *driver = qemuDriverGet(conn);
    g_autoptr(GPtrArray) vms = NULL;
    VIR_AUTOCLOSE fd = -1;
    int started = 0;

    if (driver->stateDirFd < 0)
        return 0;
    if ((fd = openat(driver->stateDirFd, QEMU_DRIVER_AUTOSTARTED_FILE,
                     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) < 0) {
        if (errno == EEXIST) {
            VIR_INFO("domains were autostarted since the host booted: not again");
            return 0;
        }
        virReportSystemError(errno, _("cannot create '%1$s/%2$s'"),
                             driver->config->stateDir, QEMU_DRIVER_AUTOSTARTED_FILE);
        return -1;
    }

    vms = virDomainObjListCollect(driver->domains);
    for (guint i = 0; i < vms->len; i++) {
        virDomainObj *vm = g_ptr_array_index(vms, i);
        const char *name = QEMU_DOMAIN_PRIVATE(vm)->name;

        if (!vm->persistent || virDomainObjIsActive(vm) ||
            !qemuDomainAutostartGet(driver, vm))
            continue;
        if (qemuDomainObjBeginJob(driver, vm) < 0) {
            VIR_ERROR("cannot autostart domain %s: %s", name, virGetLastErrorMessage());
            virResetLastError();
            continue;
        }
        if (!vm->removed && !virDomainObjIsActive(vm)) {
            if (qemuProcessStart(driver, vm, 0) < 0) {
                VIR_ERROR("cannot autostart domain %s: %s", name,
                          virGetLastErrorMessage());
                virResetLastError();
            } else {
                VIR_INFO("domain %s autostarted", name);
                started++;
            }
        }
        qemuDomainObjEndJob(vm);
    }
    return started;
}



/*
 * Sets or clears the autostart link of @name.  The directory must be a
 * real directory (a symlink planted in its place is refused); the link
 * is made under a temporary name and renamed over the old one, and is
 * removed with unlink(), so no existing path is ever followed.
 */
static int
qemuDomainSetAutostart(virDomainPtr dom, int autostart)
{
    virQEMUDriver *driver = qemuDriverGet(dom->conn);
    g_autoptr(virDomainObj) vm = NULL;
    int ret = -1;

    if (!(vm = qemuDomainObjBeginJobFromDomain(dom, false)))
        return -1;
    if (!vm->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot set autostart for transient domain"));
        goto endjob;
    }
    if (qemuDomainAutostartGet(driver, vm) != !!autostart &&
        qemuDomainAutostartSet(driver, vm, !!autostart) < 0)
        goto endjob;
    ret = 0;

 endjob:
    qemuDomainObjEndJob(vm);
    return ret;
}


/* ---- what clients ask on the way to a lifecycle ---- */

/* No managed save: this driver never saves a domain's memory. */
static int
qemuDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(0, -1);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return -1;
    return 0;
}


/* No deprecated features are in use and nothing taints a domain here:
 * the list of messages is empty. */
static int
qemuDomainGetMessages(virDomainPtr dom, char ***msgs, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, -1);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return -1;
    *msgs = NULL;
    return 0;
}


/* Snapshots and checkpoints: the driver takes none, so there are none
 * to count, list or find. */
static int
qemuDomainSnapshotNum(virDomainPtr dom, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags((1U << 11) - 1, -1);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return -1;
    return 0;
}


static int
qemuDomainSnapshotListNames(virDomainPtr dom, char **names G_GNUC_UNUSED,
                            int nameslen G_GNUC_UNUSED, unsigned int flags)
{
    return qemuDomainSnapshotNum(dom, flags);
}


/* An empty, NULL-terminated array the caller releases with free(). */
static int
qemuDomainEmptyList(void ***list)
{
    if (list && !(*list = calloc(1, sizeof(void *)))) {
        virReportError(VIR_ERR_NO_MEMORY, NULL);
        return -1;
    }
    return 0;
}


static int
qemuDomainListAllSnapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps,
                           unsigned int flags)
{
    if (qemuDomainSnapshotNum(dom, flags) < 0)
        return -1;
    return qemuDomainEmptyList((void ***)snaps);
}


static int
qemuDomainHasCurrentSnapshot(virDomainPtr dom, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(0, -1);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return -1;
    return 0;
}


static virDomainSnapshotPtr
qemuDomainSnapshotLookupByName(virDomainPtr dom, const char *name, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(0, NULL);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return NULL;
    virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                   _("no domain snapshot with matching name '%1$s'"), name);
    return NULL;
}


static virDomainSnapshotPtr
qemuDomainSnapshotCurrent(virDomainPtr dom, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(0, NULL);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return NULL;
    virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                   _("the domain does not have a current snapshot"));
    return NULL;
}


static int
qemuDomainListAllCheckpoints(virDomainPtr dom, virDomainCheckpointPtr **cps,
                             unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(VIR_DOMAIN_CHECKPOINT_LIST_ROOTS |
                  VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL |
                  VIR_DOMAIN_CHECKPOINT_LIST_LEAVES |
                  VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES, -1);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return -1;
    return qemuDomainEmptyList((void ***)cps);
}


static virDomainCheckpointPtr
qemuDomainCheckpointLookupByName(virDomainPtr dom, const char *name, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(0, NULL);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return NULL;
    virReportError(VIR_ERR_NO_DOMAIN_CHECKPOINT,
                   _("no domain checkpoint with matching name '%1$s'"), name);
    return NULL;
}


/* The number of vCPUs of @vm's definition in force. */
static int
qemuDomainObjVcpus(virDomainObj *vm)
{
    int ret;

    virDomainObjLock(vm);
    ret = vm->def->vcpus;
    virDomainObjUnlock(vm);
    return ret;
}


/* The vCPU count a domain has, live or as defined: this driver has no
 * vCPU hotplug, so both are the definition's. */
static int
qemuDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags)
{
    g_autoptr(virDomainObj) vm = NULL;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST, -1);
    if (!(vm = qemuDomainObjFromDomain(dom)))
        return -1;
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("this driver has no guest agent to ask for the guest's vCPUs"));
        return -1;
    }
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && !virDomainObjIsActive(vm)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", _("domain is not running"));
        return -1;
    }
    return qemuDomainObjVcpus(vm);
}


static int
qemuDomainGetMaxVcpus(virDomainPtr dom)
{
    return qemuDomainGetVcpusFlags(dom, VIR_DOMAIN_VCPU_MAXIMUM);
}


/* ---- the connection ---- */

/*
 * Keepalive keeps a connection to a daemon from hanging on a peer that
 * went away.  This driver runs in the caller's process: there is no
 * peer to lose, so the request is accepted and nothing needs doing.
 */
static int
qemuConnectSetKeepAlive(virConnectPtr conn G_GNUC_UNUSED, int interval G_GNUC_UNUSED,
                        unsigned int count G_GNUC_UNUSED)
{
    return 0;
}


/* ---- the forms without flags, and the connection's properties ---- */

static int
qemuDomainUndefine(virDomainPtr dom)
{
    return qemuDomainUndefineFlags(dom, 0);
}


static int
qemuDomainCreate(virDomainPtr dom)
{
    return qemuDomainCreateWithFlags(dom, 0);
}


static virDomainPtr
qemuDomainDefineXML(virConnectPtr conn, const char *xml)
{
    return qemuDomainDefineXMLFlags(conn, xml, 0);
}


static int
qemuDomainShutdown(virDomainPtr dom)
{
    return qemuDomainShutdownFlags(dom, 0);
}


static int
qemuDomainDestroy(virDomainPtr dom)
{
    return qemuDomainDestroyFlags(dom, 0);
}


/* Nothing leaves the process: the driver runs in it. */
static int
qemuConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}


static int
qemuConnectIsEncrypted(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}


const virHypervisorDriver qemuHypervisorDriver = {
    .name = "QEMU",
    .connectOpen = qemuConnectOpen,
    .connectClose = qemuConnectClose,
    .connectGetType = qemuConnectGetType,
    .connectGetVersion = qemuConnectGetVersion,
    .connectGetHostname = qemuConnectGetHostname,
    .connectIsAlive = qemuConnectIsAlive,
    .connectListAllDomains = qemuConnectListAllDomains,
    .connectNumOfDomains = qemuConnectNumOfDomains,
    .connectListDomains = qemuConnectListDomains,
    .connectNumOfDefinedDomains = qemuConnectNumOfDefinedDomains,
    .connectListDefinedDomains = qemuConnectListDefinedDomains,
    .connectDomainXMLToNative = qemuConnectDomainXMLToNative,
    .connectDomainEventRegisterAny = qemuConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = qemuConnectDomainEventDeregisterAny,
    .domainLookupByID = qemuDomainLookupByID,
    .domainLookupByName = qemuDomainLookupByName,
    .domainLookupByUUID = qemuDomainLookupByUUID,
    .domainDefineXMLFlags = qemuDomainDefineXMLFlags,
    .domainUndefineFlags = qemuDomainUndefineFlags,
    .domainCreateWithFlags = qemuDomainCreateWithFlags,
    .domainCreateXML = qemuDomainCreateXML,
    .domainShutdownFlags = qemuDomainShutdownFlags,
    .domainDestroyFlags = qemuDomainDestroyFlags,
    .domainSuspend = qemuDomainSuspend,
    .domainResume = qemuDomainResume,
    .domainGetState = qemuDomainGetState,
    .domainGetInfo = qemuDomainGetInfo,
    .domainGetXMLDesc = qemuDomainGetXMLDesc,
    .domainGetOSType = qemuDomainGetOSType,
    .domainGetMaxMemory = qemuDomainGetMaxMemory,
    .domainGetAutostart = qemuDomainGetAutostart,
    .domainIsActive = qemuDomainIsActive,
    .domainIsPersistent = qemuDomainIsPersistent,
    .domainUndefine = qemuDomainUndefine,
    .domainCreate = qemuDomainCreate,
    .domainDefineXML = qemuDomainDefineXML,
    .domainShutdown = qemuDomainShutdown,
    .domainDestroy = qemuDomainDestroy,
    .connectIsSecure = qemuConnectIsSecure,
    .connectIsEncrypted = qemuConnectIsEncrypted,
    .connectGetCapabilities = qemuHostCapsGetCapabilities,
    .connectGetDomainCapabilities = qemuHostCapsGetDomainCapabilities,
    .connectGetMaxVcpus = qemuHostCapsGetMaxVcpus,
    .nodeGetInfo = qemuHostCapsNodeGetInfo,
    .nodeGetSecurityModel = qemuHostCapsNodeGetSecurityModel,
    .connectSetKeepAlive = qemuConnectSetKeepAlive,
    /* Its connections only close when the application closes them: the
     * callback is kept (and released as the API says) but never fired. */
    .connectRegisterCloseCallback = virConnectCloseCallbackRegister,
    .connectUnregisterCloseCallback = virConnectCloseCallbackUnregister,
    .domainSetAutostart = qemuDomainSetAutostart,
    .domainHasManagedSaveImage = qemuDomainHasManagedSaveImage,
    .domainGetMessages = qemuDomainGetMessages,
    .domainSnapshotNum = qemuDomainSnapshotNum,
    .domainSnapshotListNames = qemuDomainSnapshotListNames,
    .domainListAllSnapshots = qemuDomainListAllSnapshots,
    .domainHasCurrentSnapshot = qemuDomainHasCurrentSnapshot,
    .domainSnapshotLookupByName = qemuDomainSnapshotLookupByName,
    .domainSnapshotCurrent = qemuDomainSnapshotCurrent,
    .domainListAllCheckpoints = qemuDomainListAllCheckpoints,
    .domainCheckpointLookupByName = qemuDomainCheckpointLookupByName,
    .domainGetVcpusFlags = qemuDomainGetVcpusFlags,
    .domainGetMaxVcpus = qemuDomainGetMaxVcpus,
};
