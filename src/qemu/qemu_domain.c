/*
 * qemu_domain.c: a QEMU domain's runtime state, on disk and in memory
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "qemu_domain.h"
#include "domain_event.h"
#include "virbuffer.h"
#include "virenum.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virprocess.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_domain");

/* Status files and definitions are small; refuse anything absurd. */
#define QEMU_DOMAIN_FILE_MAX (4 * 1024 * 1024)

VIR_ENUM_DECL(qemuDomainPhase);
VIR_ENUM_IMPL(qemuDomainPhase, QEMU_DOMAIN_PHASE_LAST,
              "inactive", "starting", "running");


qemuDomainObjPrivate *
qemuDomainObjPrivateNew(virQEMUDriver *driver)
{
    qemuDomainObjPrivate *priv = g_new0(qemuDomainObjPrivate, 1);

    priv->driver = driver;
    priv->pidfd = -1;
    priv->jobfd = -1;
    return priv;
}


void
qemuDomainObjPrivateFree(qemuDomainObjPrivate *priv)
{
    if (!priv)
        return;
    g_clear_pointer(&priv->mon, qemuMonitorClose);
    virForceClose(&priv->pidfd);
    virForceClose(&priv->jobfd);
    g_free(priv->monitorPath);
    g_free(priv->pidFile);
    g_free(priv->privateDir);
    g_free(priv);
}


static virDomainObj *
qemuDomainObjNew(virQEMUDriver *driver)
{
    virDomainObj *vm = virDomainObjNew();

    vm->privateData = qemuDomainObjPrivateNew(driver);
    vm->privateDataFree = (GDestroyNotify)qemuDomainObjPrivateFree;
    return vm;
}


char *
qemuDomainConfigPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(cfg->configDir, file, NULL);
}


/* The autostart link of @name: configDir/autostart/NAME.xml, a symlink
 * to its definition, as upstream keeps it. */
char *
qemuDomainAutostartPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(cfg->configDir, "autostart", file, NULL);
}


char *
qemuDomainStatusPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(cfg->stateDir, file, NULL);
}


char *
qemuDomainLockPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.lock", name);

    return g_build_filename(cfg->stateDir, file, NULL);
}


char *
qemuDomainLogPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.log", name);

    return g_build_filename(cfg->logDir, file, NULL);
}


/*
 * Names come from applications; only a name the XML parser would accept
 * can name a file of ours, so that no lookup can reach outside the
 * driver's directories.
 */
static bool
qemuDomainNameIsSafe(const char *name)
{
    return name && *name && !strchr(name, '/') && STRNEQ(name, ".") &&
           STRNEQ(name, "..");
}


static void
qemuDomainReportNoName(const char *name)
{
    virReportError(VIR_ERR_NO_DOMAIN, _("no domain with matching name '%1$s'"),
                   name);
}


/* Reads @path; 0 with *ret NULL when it does not exist. */
static int
qemuDomainReadOptional(const char *path, char **ret)
{
    *ret = NULL;
    if (virFileReadAllQuiet(path, QEMU_DOMAIN_FILE_MAX, ret) >= 0)
        return 0;
    if (errno == ENOENT)
        return 0;
    virReportSystemError(errno, _("cannot read '%1$s'"), path);
    return -1;
}


static int
qemuDomainStatusGetULL(xmlNodePtr node, const char *attr,
                       unsigned long long *ret, const char *path)
{
    g_autofree char *str = (char *)xmlGetProp(node, BAD_CAST attr);
    guint64 value;

    *ret = 0;
    if (!str)
        return 0;
    if (g_ascii_string_to_unsigned(str, 10, 0, G_MAXUINT64, &value, NULL)) {
        *ret = value;
        return 0;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("status file '%1$s' has a malformed %2$s '%3$s'"),
                   path, attr, str);
    return -1;
}


/* The path attribute of the child element @name of @root, or NULL. */
static char *
qemuDomainStatusChildPath(xmlNodePtr root, const char *name)
{
    for (xmlNodePtr cur = root->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && xmlStrEqual(cur->name, BAD_CAST name))
            return (char *)xmlGetProp(cur, BAD_CAST "path");
    }
    return NULL;
}


/*
 * Fills @vm from a status file.  The live definition replaces vm->def
 * (the persistent one moves to newDef) when the file describes a running
 * domain.
 */
static int
qemuDomainStatusParse(virDomainObj *vm, const char *xml, const char *path)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *state = NULL;
    g_autofree char *reason = NULL;
    g_autofree char *phase = NULL;
    g_autofree char *signalled = NULL;
    xmlNodePtr root;
    unsigned long long pid, offset;
    int st, rs, ph;

    if (!(doc = xmlReadMemory(xml, strlen(xml), path, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING)) ||
        !(root = xmlDocGetRootElement(doc)) ||
        !xmlStrEqual(root->name, BAD_CAST "domstatus")) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("status file '%1$s' is not a domain status document"),
                       path);
        return -1;
    }

    state = (char *)xmlGetProp(root, BAD_CAST "state");
    reason = (char *)xmlGetProp(root, BAD_CAST "reason");
    phase = (char *)xmlGetProp(root, BAD_CAST "phase");
    if ((st = virDomainStateTypeFromString(state)) < 0 ||
        (rs = virDomainStateReasonFromString(st, reason)) < 0 ||
        (ph = qemuDomainPhaseTypeFromString(phase ? phase : "inactive")) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("status file '%1$s' has an unknown state '%2$s', reason '%3$s' or phase '%4$s'"),
                       path, NULLSTR(state), NULLSTR(reason), NULLSTR(phase));
        return -1;
    }

    if (ph == QEMU_DOMAIN_PHASE_INACTIVE) {
        /* Only the reason of the last stop of a persistent domain. */
        if (st != VIR_DOMAIN_SHUTOFF) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("status file '%1$s' describes an inactive domain in state '%2$s'"),
                           path, state);
            return -1;
        }
        virDomainObjSetState(vm, st, rs);
        return 0;
    }

    for (xmlNodePtr cur = root->children; cur; cur = cur->next) {
        g_autoptr(virDomainDef) live = NULL;

        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "domain"))
            continue;
        if (!(live = virDomainDefParseNode(doc, cur, VIR_DOMAIN_DEF_PARSE_STATUS |
                                           VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE)))
            return -1;
        if (live->id < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("status file '%1$s' describes a running domain without an ID"),
                           path);
            return -1;
        }
        vm->newDef = vm->def;
        vm->def = g_steal_pointer(&live);
        break;
    }
    if (!virDomainObjIsActive(vm)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("status file '%1$s' of a running domain has no definition"),
                       path);
        return -1;
    }

    if (qemuDomainStatusGetULL(root, "pid", &pid, path) < 0 ||
        qemuDomainStatusGetULL(root, "starttime", &priv->startTime, path) < 0 ||
        qemuDomainStatusGetULL(root, "logoffset", &offset, path) < 0)
        return -1;
    priv->pid = (pid_t)pid;
    priv->logOffset = (off_t)offset;
    priv->phase = ph;
    signalled = (char *)xmlGetProp(root, BAD_CAST "shutdownsignalled");
    priv->shutdownSignalled = STREQ_NULLABLE(signalled, "yes");
    priv->monitorPath = qemuDomainStatusChildPath(root, "monitor");
    priv->pidFile = qemuDomainStatusChildPath(root, "pidfile");
    priv->privateDir = qemuDomainStatusChildPath(root, "privatedir");
    if (!priv->monitorPath || !priv->pidFile || !priv->privateDir) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("status file '%1$s' lacks the monitor, pid file or private directory"),
                       path);
        return -1;
    }
    virDomainObjSetState(vm, st, rs);
    return 0;
}


/**
 * qemuDomainObjLoad:
 * @driver: the driver
 * @name: a domain name from the application
 *
 * Builds the domain's object from its files.  Nothing is checked about
 * the process here; see qemuProcessReconcile.
 *
 * Returns: the object, or NULL with an error reported
 * (VIR_ERR_NO_DOMAIN when neither a definition nor a running instance
 * exists).
 */
virDomainObj *
qemuDomainObjLoad(virQEMUDriver *driver, const char *name)
{
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *configPath = NULL;
    g_autofree char *statusPath = NULL;
    g_autofree char *configXML = NULL;
    g_autofree char *statusXML = NULL;
    g_autoptr(virDomainObj) vm = NULL;

    if (!qemuDomainNameIsSafe(name)) {
        qemuDomainReportNoName(NULLSTR(name));
        return NULL;
    }
    configPath = qemuDomainConfigPath(cfg, name);
    statusPath = qemuDomainStatusPath(cfg, name);
    if (qemuDomainReadOptional(configPath, &configXML) < 0 ||
        qemuDomainReadOptional(statusPath, &statusXML) < 0)
        return NULL;

    vm = qemuDomainObjNew(driver);
    if (configXML) {
        if (!(vm->def = virDomainDefParseString(configXML,
                                                VIR_DOMAIN_DEF_PARSE_INACTIVE |
                                                VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE)))
            return NULL;
        vm->persistent = true;
        if (STRNEQ(vm->def->name, name)) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("definition '%1$s' names domain '%2$s'"),
                           configPath, vm->def->name);
            return NULL;
        }
    }

    if (statusXML) {
        if (qemuDomainStatusParse(vm, statusXML, statusPath) < 0)
            return NULL;
    }

    if (!vm->def || (!vm->persistent && !virDomainObjIsActive(vm))) {
        /* Nothing, or only the stop reason of a domain undefined since. */
        qemuDomainReportNoName(name);
        return NULL;
    }
    return g_steal_pointer(&vm);
}


/* Adds to @names every "NAME" of a "NAME.xml" in @dir. */
static void
qemuDomainCollectNames(const char *dir, GHashTable *names)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    if (!d)
        return;
    while ((entry = g_dir_read_name(d))) {
        if (g_str_has_suffix(entry, ".xml") && strlen(entry) > 4)
            g_hash_table_add(names, g_strndup(entry, strlen(entry) - 4));
    }
}


static gint
qemuDomainCompareNames(gconstpointer a, gconstpointer b,
                       gpointer opaque G_GNUC_UNUSED)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}


/**
 * qemuDomainObjLoadAll:
 * @driver: the driver
 *
 * A domain whose files cannot be read is left out with a warning in the
 * log, so that one damaged file does not hide every other domain.
 *
 * Returns: every domain, sorted by name; the caller frees the array and
 * the objects in it (g_ptr_array_unref).
 */
GPtrArray *
qemuDomainObjLoadAll(virQEMUDriver *driver)
{
    g_autoptr(GHashTable) names = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                        g_free, NULL);
    GPtrArray *ret = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainObjFree);
    g_autofree char **sorted = NULL;
    guint n;

    qemuDomainCollectNames(driver->config->configDir, names);
    qemuDomainCollectNames(driver->config->stateDir, names);
    sorted = (char **)g_hash_table_get_keys_as_array(names, &n);
    g_qsort_with_data(sorted, n, sizeof(char *), qemuDomainCompareNames, NULL);

    for (guint i = 0; i < n; i++) {
        virDomainObj *vm = qemuDomainObjLoad(driver, sorted[i]);

        if (!vm) {
            if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
                VIR_WARN("skipping domain '%s': %s", sorted[i],
                         virGetLastErrorMessage());
            virResetLastError();
            continue;
        }
        g_ptr_array_add(ret, vm);
    }
    return ret;
}


/**
 * qemuDomainSaveStatus:
 * @driver: the driver
 * @vm: a domain
 *
 * Writes the status file (atomically): the full runtime state of a
 * running domain, the state and reason of a stopped persistent one; a
 * stopped transient domain has none, so its file is removed.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuDomainSaveStatus(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *path = qemuDomainStatusPath(driver->config, vm->def->name);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    const char *xml;

    if (!virDomainObjIsActive(vm) && !vm->persistent) {
        if (virFileRemove(path) < 0)
            return -1;
        return virFileSyncDir(driver->config->stateDir);
    }

    virBufferAsprintf(&buf, "<domstatus state='%s' reason='%s' phase='%s'",
                      virDomainStateTypeToString(vm->state),
                      virDomainStateReasonToString(vm->state, vm->reason),
                      qemuDomainPhaseTypeToString(virDomainObjIsActive(vm) ?
                                                  priv->phase :
                                                  QEMU_DOMAIN_PHASE_INACTIVE));
    if (!virDomainObjIsActive(vm)) {
        virBufferAddLit(&buf, "/>\n");
    } else {
        virBufferAsprintf(&buf, " pid='%lld' starttime='%llu' logoffset='%lld'",
                          (long long)priv->pid, priv->startTime,
                          (long long)priv->logOffset);
        if (priv->shutdownSignalled)
            virBufferAddLit(&buf, " shutdownsignalled='yes'");
        virBufferAddLit(&buf, ">\n");
        virBufferAdjustIndent(&buf, 2);
        virBufferEscapeString(&buf, "<monitor path='%s'/>\n", priv->monitorPath);
        virBufferEscapeString(&buf, "<pidfile path='%s'/>\n", priv->pidFile);
        virBufferEscapeString(&buf, "<privatedir path='%s'/>\n", priv->privateDir);
        if (virDomainDefFormatBuf(&buf, vm->def, 0) < 0)
            return -1;
        virBufferAdjustIndent(&buf, -2);
        virBufferAddLit(&buf, "</domstatus>\n");
    }

    xml = virBufferCurrentContent(&buf);
    return virFileWriteAtomic(path, 0600, xml, strlen(xml));
}


/**
 * qemuDomainSaveConfig:
 * @driver: the driver
 * @def: a persistent definition
 *
 * Returns: 0, or -1 with an error reported and the previous definition
 * (if any) intact.
 */
int
qemuDomainSaveConfig(virQEMUDriver *driver, const virDomainDef *def)
{
    g_autofree char *path = qemuDomainConfigPath(driver->config, def->name);
    g_autofree char *xml = NULL;

    if (!(xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                   VIR_DOMAIN_DEF_FORMAT_SECURE)))
        return -1;
    return virFileWriteAtomic(path, 0600, xml, strlen(xml));
}


static int
qemuDomainJobWaitMs(virQEMUDriver *driver)
{
    return (int)(driver->config->jobWaitTimeout * 1000.0);
}


/* Opens and locks @path, retrying until @waitMs has passed. */
static int
qemuDomainLockFile(const char *path, int waitMs, const char *what)
{
    VIR_AUTOCLOSE fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    gint64 deadline = g_get_monotonic_time() + (gint64)waitMs * 1000;
    unsigned int pause = 500;
    int rc;

    if (fd < 0) {
        virReportSystemError(errno, _("cannot open lock file '%1$s'"), path);
        return -1;
    }
    while ((rc = virFileLockFD(fd, VIR_FILE_LOCK_EXCLUSIVE, false)) == -EWOULDBLOCK) {
        if (g_get_monotonic_time() >= deadline) {
            if (waitMs > 0)
                virReportError(VIR_ERR_OPERATION_TIMEOUT,
                               _("cannot acquire state change lock of %1$s: another job has held it for %2$.3g s (job_wait_timeout)"),
                               what, waitMs / 1000.0);
            else
                virReportError(VIR_ERR_RESOURCE_BUSY,
                               _("another job is running on %1$s"), what);
            return -1;
        }
        g_usleep(pause);
        pause = MIN(pause * 2, 20000);
    }
    if (rc < 0) {
        virReportSystemError(-rc, _("cannot lock '%1$s'"), path);
        return -1;
    }
    return g_steal_fd(&fd);
}


/**
 * qemuDomainLockName:
 * @driver: the driver
 * @name: a domain name, existing or about to be created
 * @wait: wait up to job_wait_timeout, or fail at once when busy
 *
 * Returns: the locked descriptor (close it to unlock), or -1 with an
 * error reported.
 */
int
qemuDomainLockName(virQEMUDriver *driver, const char *name, bool wait)
{
    g_autofree char *path = NULL;
    g_autofree char *what = NULL;

    if (!qemuDomainNameIsSafe(name)) {
        qemuDomainReportNoName(NULLSTR(name));
        return -1;
    }
    path = qemuDomainLockPath(driver->config, name);
    what = g_strdup_printf(_("domain '%1$s'"), name);
    return qemuDomainLockFile(path, wait ? qemuDomainJobWaitMs(driver) : 0, what);
}


static int
qemuDomainObjBeginJobInternal(virQEMUDriver *driver, virDomainObj **vm,
                              bool wait)
{
    g_autofree char *name = g_strdup((*vm)->def->name);
    virDomainObj *fresh;
    int fd;

    if ((fd = qemuDomainLockName(driver, name, wait)) < 0)
        return -1;
    /* Another job may have changed everything while we waited. */
    if (!(fresh = qemuDomainObjLoad(driver, name))) {
        close(fd);
        return -1;
    }
    QEMU_DOMAIN_PRIVATE(fresh)->jobfd = fd;
    virDomainObjFree(*vm);
    *vm = fresh;
    return 0;
}


/**
 * qemuDomainObjBeginJob:
 * @driver: the driver
 * @vm: the domain; replaced by a fresh copy loaded under the lock
 *
 * Returns: 0 with the job held, or -1 with an error reported (on a
 * timeout, or when the domain vanished meanwhile: then *@vm is left as
 * it was).
 */
int
qemuDomainObjBeginJob(virQEMUDriver *driver, virDomainObj **vm)
{
    return qemuDomainObjBeginJobInternal(driver, vm, true);
}


/**
 * qemuDomainObjTryJob:
 *
 * As qemuDomainObjBeginJob(), but fails at once (VIR_ERR_RESOURCE_BUSY)
 * when another job runs.
 */
int
qemuDomainObjTryJob(virQEMUDriver *driver, virDomainObj **vm)
{
    return qemuDomainObjBeginJobInternal(driver, vm, false);
}


/**
 * qemuDomainObjEndJob:
 * @vm: a domain in a job
 *
 * Closes the job's monitor connection and releases the lock.
 */
void
qemuDomainObjEndJob(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    g_clear_pointer(&priv->mon, qemuMonitorClose);
    virForceClose(&priv->jobfd);
}


static char *
qemuDomainDestroyLockPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.destroy.lock", name);

    return g_build_filename(cfg->stateDir, file, NULL);
}


/**
 * qemuDomainBeginDestroy:
 * @driver: the driver
 * @name: the domain about to be destroyed
 *
 * Marks a destroy of @name as in progress (a shared lock, so that
 * several destroys may run at once) until the descriptor is closed.
 * A process that dies releases it, leaving the stop to whoever next
 * finds QEMU gone.
 *
 * Returns: the locked descriptor, or -1 with an error reported.
 */
int
qemuDomainBeginDestroy(virQEMUDriver *driver, const char *name)
{
    g_autofree char *path = NULL;

    if (!qemuDomainNameIsSafe(name)) {
        qemuDomainReportNoName(NULLSTR(name));
        return -1;
    }
    path = qemuDomainDestroyLockPath(driver->config, name);
    return virFileOpenLocked(path, VIR_FILE_LOCK_SHARED, true);
}


/**
 * qemuDomainDestroyInProgress:
 * @driver: the driver
 * @name: a domain
 *
 * Returns: whether some thread or process is destroying @name (see
 * qemuDomainBeginDestroy); false when that cannot be told.
 */
bool
qemuDomainDestroyInProgress(virQEMUDriver *driver, const char *name)
{
    g_autofree char *path = NULL;
    VIR_AUTOCLOSE fd = -1;

    if (!qemuDomainNameIsSafe(name))
        return false;
    path = qemuDomainDestroyLockPath(driver->config, name);
    if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
        return false;
    return virFileLockFD(fd, VIR_FILE_LOCK_EXCLUSIVE, false) == -EWOULDBLOCK;
}


/**
 * qemuDriverLock:
 * @driver: the driver
 *
 * Returns: the locked descriptor of the driver-wide lock, or -1.
 */
int
qemuDriverLock(virQEMUDriver *driver)
{
    g_autofree char *path = g_build_filename(driver->config->stateDir,
                                             "driver.lock", NULL);

    return qemuDomainLockFile(path, qemuDomainJobWaitMs(driver), _("the driver"));
}


/**
 * qemuDriverAllocateID:
 * @driver: the driver
 *
 * IDs increase for as long as the state directory lives, so an ID is
 * never reused while its domain runs.
 *
 * Returns: a new domain ID (> 0), or -1 with an error reported.
 */
int
qemuDriverAllocateID(virQEMUDriver *driver)
{
    g_autofree char *path = g_build_filename(driver->config->stateDir,
                                             "next-id", NULL);
    g_autofree char *lockPath = g_build_filename(driver->config->stateDir,
                                                 "next-id.lock", NULL);
    g_autofree char *content = NULL;
    g_autofree char *next = NULL;
    VIR_AUTOCLOSE lock = -1;
    guint64 id = 1;

    /* A lock of its own: a start may run while the caller holds the
     * driver lock (creating a transient domain). */
    if ((lock = qemuDomainLockFile(lockPath, qemuDomainJobWaitMs(driver),
                                   _("the domain IDs"))) < 0)
        return -1;
    if (qemuDomainReadOptional(path, &content) < 0)
        return -1;
    if (content && !g_ascii_string_to_unsigned(g_strstrip(content), 10, 1,
                                               G_MAXINT - 1, &id, NULL)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("'%1$s' does not hold a domain ID"), path);
        return -1;
    }
    next = g_strdup_printf("%" G_GUINT64_FORMAT "\n", id + 1);
    if (virFileWriteAtomic(path, 0600, next, strlen(next)) < 0)
        return -1;
    return (int)id;
}


/* The file an interrupted virFileWriteAtomic() was replacing: "BASE" of
 * "BASE.new-XXXXXX", or NULL. */
static char *
qemuDomainStaleTempBase(const char *entry)
{
    const char *p = strstr(entry, ".new-");

    if (!p || p == entry || strlen(p) != strlen(".new-XXXXXX"))
        return NULL;
    return g_strndup(entry, p - entry);
}


/* Removes @path if the lock @lockfd stands for could be taken, which
 * proves that nobody is writing it. */
static void
qemuDomainRemoveIfUnlocked(const char *path, int lockfd)
{
    if (lockfd < 0) {
        virResetLastError();
        return;
    }
    VIR_INFO("removing '%s', left by an interrupted write", path);
    if (unlink(path) < 0 && errno != ENOENT)
        VIR_WARN("cannot remove '%s': %s", path, g_strerror(errno));
    close(lockfd);
}


/**
 * qemuDomainRemoveStaleFiles:
 * @driver: the driver
 *
 * Removes the temporary files of atomic writes that a crash interrupted
 * (NAME.xml.new-XXXXXX in the configuration and state directories,
 * next-id.new-XXXXXX).  Each such file is written under the lock of
 * what it replaces (the domain's job lock, the ID lock), so one whose
 * lock is free has no writer left; one whose lock is held stays.
 */
void
qemuDomainRemoveStaleFiles(virQEMUDriver *driver)
{
    const char *dirs[] = { driver->config->configDir, driver->config->stateDir };

    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autoptr(GDir) d = g_dir_open(dirs[i], 0, NULL);
        const char *entry;

        if (!d)
            continue;
        while ((entry = g_dir_read_name(d))) {
            g_autofree char *base = qemuDomainStaleTempBase(entry);
            g_autofree char *path = NULL;
            g_autofree char *name = NULL;
            g_autofree char *lockPath = NULL;

            if (!base)
                continue;
            path = g_build_filename(dirs[i], entry, NULL);
            if (g_str_has_suffix(base, ".xml")) {
                name = g_strndup(base, strlen(base) - 4);
                qemuDomainRemoveIfUnlocked(path, qemuDomainLockName(driver, name, false));
            } else if (i == 1 && STREQ(base, "next-id")) {
                lockPath = g_build_filename(dirs[i], "next-id.lock", NULL);
                qemuDomainRemoveIfUnlocked(path, qemuDomainLockFile(lockPath, 0,
                                                                    _("the domain IDs")));
            }
        }
    }
}


static void
qemuDomainMonitorEOF(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    VIR_DEBUG("monitor of domain %p closed by QEMU", opaque);
}


static const qemuMonitorCallbacks qemuDomainMonitorCallbacks = {
    .eofNotify = qemuDomainMonitorEOF,
};


/**
 * qemuDomainGetMonitor:
 * @vm: a running domain in a job
 *
 * Returns: the job's monitor connection (opened on first use, closed by
 * qemuDomainObjEndJob), or NULL with an error reported.
 */
qemuMonitor *
qemuDomainGetMonitor(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    int rc;

    if (priv->mon)
        return priv->mon;
    if (priv->pidfd < 0) {
        if ((rc = virProcessOpenPidfd(priv->pid, priv->startTime, &priv->pidfd)) < 0)
            return NULL;
        if (rc == 0) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("domain is not running"));
            return NULL;
        }
    }
    priv->mon = qemuMonitorOpen(priv->monitorPath, priv->pidfd, 10000,
                                &qemuDomainMonitorCallbacks, vm);
    return priv->mon;
}


/**
 * qemuDomainEventEmit:
 * @driver: the driver
 * @vm: the domain the event is about
 * @event: a virDomainEventType
 * @detail: its detail
 */
void
qemuDomainEventEmit(virQEMUDriver *driver, virDomainObj *vm, int event,
                    int detail)
{
    virDomainEventLifecycleQueue(driver->domainEventState, vm->def->name,
                                 vm->def->uuid,
                                 virDomainObjIsActive(vm) ? vm->def->id : -1,
                                 event, detail);
}
