/*
 * qemu_domain.c: a QEMU domain's runtime state, on disk and in memory
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dirent.h>
#include <math.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <libxml/parser.h>

#include "qemu_domain.h"
#include "qemu_command.h"
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
/* A pid file holds a number and a newline. */
#define QEMU_DOMAIN_PIDFILE_MAX 64

/* The driver's own entries of the state directory: no dot in their
 * names, so no domain's file can be one of them (see qemu_domain.h). */
#define QEMU_DRIVER_LOCK_FILE "driver-lock"
#define QEMU_DRIVER_ID_FILE "next-id"
#define QEMU_DRIVER_ID_LOCK_FILE "next-id-lock"
#define QEMU_DOMAIN_PRIVATE_DIR_PREFIX "domain-"
#define QEMU_DOMAIN_MONITOR_FILE "monitor.sock"
#define QEMU_DOMAIN_PID_FILE "qemu.pid"

/* The part of a name a private directory keeps (socket paths are
 * short). */
#define QEMU_DOMAIN_SHORT_NAME_LEN 20

static void qemuDomainBumpGeneration(virQEMUDriver *driver, virDomainObj *vm);
static guint64 qemuDomainGenRead(int fd);

VIR_ENUM_DECL(qemuDomainPhase);
VIR_ENUM_IMPL(qemuDomainPhase, QEMU_DOMAIN_PHASE_LAST,
              "inactive", "starting", "running");


qemuDomainObjPrivate *
qemuDomainObjPrivateNew(virQEMUDriver *driver)
{
    qemuDomainObjPrivate *priv = g_new0(qemuDomainObjPrivate, 1);

    priv->driver = driver;
    priv->proc = (virProcessRef)VIR_PROCESS_REF_INIT;
    priv->lockfd = -1;
    g_mutex_init(&priv->liveLock);
    priv->exitWatch = -1;
    priv->exitStatus = -1;
    priv->liveEvents = g_queue_new();
    return priv;
}


void
qemuDomainObjPrivateFree(qemuDomainObjPrivate *priv)
{
    if (!priv)
        return;
    g_clear_pointer(&priv->mon, qemuMonitorClose);
    g_clear_pointer(&priv->liveMon, qemuMonitorClose);
    virProcessRefClear(&priv->proc);
    virForceClose(&priv->lockfd);
    g_queue_free_full(priv->liveEvents, g_free);
    g_mutex_clear(&priv->liveLock);
    g_free(priv->name);
    g_free(priv->privateDirName);
    g_free(priv->privateDir);
    g_free(priv->monitorPath);
    g_free(priv->pidFile);
    g_free(priv->damage);
    g_free(priv);
}


/**
 * qemuDomainObjNew:
 * @driver: the driver
 * @name: the domain's name (it never changes for an object)
 *
 * Returns: a new object, not in the driver's list yet (@vm->removed).
 */
virDomainObj *
qemuDomainObjNew(virQEMUDriver *driver, const char *name)
{
    virDomainObj *vm = virDomainObjNew();
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateNew(driver);

    priv->name = g_strdup(name);
    vm->privateData = priv;
    vm->privateDataFree = (GDestroyNotify)qemuDomainObjPrivateFree;
    vm->removed = true;
    return vm;
}


/* ---- names of the per-domain files ----------------------------------- */

static char *
qemuDomainFileName(const char *name, const char *ext)
{
    return g_strdup_printf("%s.%s", name, ext);
}


char *
qemuDomainConfigPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = qemuDomainFileName(name, "xml");

    return g_build_filename(cfg->configDir, file, NULL);
}


/* The autostart link of @name: configDir/autostart/NAME.xml, a symlink
 * to its definition, as upstream keeps it. */
char *
qemuDomainStatusPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = qemuDomainFileName(name, "xml");

    return g_build_filename(cfg->stateDir, file, NULL);
}


char *
qemuDomainLockPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = qemuDomainFileName(name, "lock");

    return g_build_filename(cfg->stateDir, file, NULL);
}


char *
qemuDomainLogPath(const virQEMUDriverConfig *cfg, const char *name)
{
    g_autofree char *file = qemuDomainFileName(name, "log");

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


/* ---- the private directory of a run ---------------------------------- */

/*
 * "domain-ID-SHORT": SHORT is the start of the name with anything but
 * letters, digits, '-' and '_' replaced, so the entry has no dot and
 * cannot be mistaken for a domain's file.
 */
char *
qemuDomainPrivateDirName(int id, const char *name)
{
    g_autofree char *shortName = g_strndup(name, QEMU_DOMAIN_SHORT_NAME_LEN);

    for (char *p = shortName; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_')
            *p = '_';
    }
    return g_strdup_printf(QEMU_DOMAIN_PRIVATE_DIR_PREFIX "%d-%s", id, shortName);
}


/* The path of a unix socket must fit in sockaddr_un. */
#define QEMU_SOCKET_PATH_MAX 107

/**
 * qemuDomainSetRunPaths:
 * @driver: the driver
 * @vm: a domain whose live definition has its ID
 *
 * Derives where this run keeps its files from the state directory, the
 * ID and the name: nothing read from a status file decides what the
 * driver creates, connects to or removes.
 *
 * Returns: 0, or -1 with an error reported (a socket path too long).
 */
int
qemuDomainSetRunPaths(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    g_free(priv->privateDirName);
    g_free(priv->privateDir);
    g_free(priv->monitorPath);
    g_free(priv->pidFile);
    priv->privateDirName = qemuDomainPrivateDirName(vm->def->id, vm->def->name);
    priv->privateDir = g_build_filename(driver->config->stateDir,
                                        priv->privateDirName, NULL);
    priv->monitorPath = g_build_filename(priv->privateDir,
                                         QEMU_DOMAIN_MONITOR_FILE, NULL);
    priv->pidFile = g_build_filename(priv->privateDir, QEMU_DOMAIN_PID_FILE, NULL);

    if (strlen(priv->monitorPath) > QEMU_SOCKET_PATH_MAX) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("monitor socket path '%1$s' is longer than %2$d bytes: use a shorter state directory (embed root)"),
                       priv->monitorPath, QEMU_SOCKET_PATH_MAX);
        return -1;
    }
    return 0;
}


/* Opens the private directory @dirName of the state directory, not
 * through a link; -1 (nothing reported, errno set) if it cannot be. */
static int
qemuDomainOpenPrivateDir(virQEMUDriver *driver, const char *dirName)
{
    if (driver->stateDirFd < 0) {
        errno = ENOENT;
        return -1;
    }
    return openat(driver->stateDirFd, dirName,
                  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}


/**
 * qemuDomainMakePrivateDir:
 * @driver: the driver
 * @vm: a domain being started (qemuDomainSetRunPaths done)
 *
 * Creates the run's private directory (0700), or empties one an earlier
 * run left behind, so that QEMU creates its socket and pid file in a
 * directory only we can write.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuDomainMakePrivateDir(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    VIR_AUTOCLOSE fd = -1;

    if (driver->stateDirFd < 0) {
        virReportSystemError(ENOENT, _("cannot create directory '%1$s'"),
                             priv->privateDir);
        return -1;
    }
    if (mkdirat(driver->stateDirFd, priv->privateDirName, 0700) < 0 &&
        errno != EEXIST) {
        virReportSystemError(errno, _("cannot create directory '%1$s'"),
                             priv->privateDir);
        return -1;
    }
    if ((fd = qemuDomainOpenPrivateDir(driver, priv->privateDirName)) < 0) {
        virReportSystemError(errno, _("cannot open directory '%1$s'"),
                             priv->privateDir);
        return -1;
    }
    if (virFileCheckTrusted(fd, priv->privateDir, true) < 0 ||
        virFileRemoveAt(fd, priv->privateDir, QEMU_DOMAIN_MONITOR_FILE, false) < 0 ||
        virFileRemoveAt(fd, priv->privateDir, QEMU_DOMAIN_PID_FILE, false) < 0)
        return -1;
    return 0;
}


/**
 * qemuDomainRemovePrivateDir:
 * @driver: the driver
 * @vm: a domain whose run is over
 *
 * Removes what the run left in the state directory: QEMU's socket and
 * pid file and the private directory.  Only those entries, never
 * through a link.  Cleanup: reports nothing, keeps errno.
 */
void
qemuDomainRemovePrivateDir(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    int saved_errno = errno;
    VIR_AUTOCLOSE fd = -1;

    if (!priv->privateDirName)
        return;
    if ((fd = qemuDomainOpenPrivateDir(driver, priv->privateDirName)) >= 0) {
        unlinkat(fd, QEMU_DOMAIN_MONITOR_FILE, 0);
        unlinkat(fd, QEMU_DOMAIN_PID_FILE, 0);
    }
    if (driver->stateDirFd >= 0 &&
        unlinkat(driver->stateDirFd, priv->privateDirName, AT_REMOVEDIR) < 0 &&
        errno != ENOENT)
        VIR_WARN("cannot remove '%s': %s", priv->privateDir, g_strerror(errno));
    errno = saved_errno;
}


/**
 * qemuDomainReadPidFile:
 * @driver: the driver
 * @vm: a domain with its run paths
 *
 * Returns: the pid QEMU wrote into its pid file, or 0 when there is
 * none or it holds no pid.  Only a hint: whoever uses it checks the
 * process's identity.  Reports nothing.
 */
pid_t
qemuDomainReadPidFile(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *content = NULL;
    VIR_AUTOCLOSE fd = -1;
    guint64 pid;

    if (!priv->privateDirName ||
        (fd = qemuDomainOpenPrivateDir(driver, priv->privateDirName)) < 0)
        return 0;
    if (virFileReadAllAt(fd, priv->privateDir, QEMU_DOMAIN_PID_FILE,
                         QEMU_DOMAIN_PIDFILE_MAX, &content) <= 0 ||
        !g_ascii_string_to_unsigned(g_strstrip(content), 10, 1, G_MAXINT, &pid, NULL)) {
        virResetLastError();
        return 0;
    }
    return (pid_t)pid;
}


/* ---- finding a QEMU whose records are lost -------------------------- */

/* What a running QEMU's own command line says about its domain. */
typedef struct {
    char *dirName;                   /* its private directory */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    unsigned long long memoryKiB;
    pid_t pid;
    unsigned long long startTime;
} qemuDomainRun;

static void
qemuDomainRunFree(qemuDomainRun *run)
{
    if (!run)
        return;
    g_free(run->dirName);
    g_free(run->name);
    g_free(run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuDomainRun, qemuDomainRunFree);


/* The domain name in QEMU's "-name guest=NAME,..." (commas doubled). */
static char *
qemuDomainRunParseName(const char *arg)
{
    g_autoptr(GString) name = g_string_new(NULL);

    if (!STRPREFIX(arg, "guest="))
        return NULL;
    for (const char *p = arg + strlen("guest="); *p; p++) {
        if (*p == ',') {
            if (p[1] != ',')
                break;
            p++;
        }
        g_string_append_c(name, *p);
    }
    return g_string_free(g_steal_pointer(&name), FALSE);
}


/* The process serving the UNIX socket @path, if any: 0 when none. */
static pid_t
qemuDomainRunSocketServer(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct ucred cred;
    socklen_t len = sizeof(cred);
    VIR_AUTOCLOSE fd = -1;

    if (strlen(path) >= sizeof(addr.sun_path) ||
        (fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0)
        return 0;
    memcpy(addr.sun_path, path, strlen(path));
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
        return 0;
    return cred.pid;
}


/* Whether @pid runs with @chardev (a monitor argument) on its command
 * line; its start time and command line in @retStart and @retArgv. */
static bool
qemuDomainRunIsQEMU(pid_t pid, const char *chardev, unsigned long long *retStart,
                    char ***retArgv)
{
    g_auto(GStrv) argv = NULL;

    if (virProcessGetStartTime(pid, retStart) < 0 ||
        virProcessGetCmdline(pid, &argv) < 0 ||
        !g_strv_contains((const char *const *)argv, chardev)) {
        virResetLastError();
        return false;
    }
    *retArgv = g_steal_pointer(&argv);
    return true;
}


/*
 * Whether the private directory @dirName belongs to a QEMU that is still
 * running, and what its command line says.  The pid comes from QEMU's
 * pid file there or, failing that, from whoever serves its monitor
 * socket; it counts only if that process's command line carries the
 * monitor argument of exactly this directory, so nothing but a QEMU this
 * driver started for that run can be found this way.
 *
 * Returns: the run, or NULL (nothing reported) when there is none.
 */
static qemuDomainRun *
qemuDomainRunProbe(virQEMUDriver *driver, const char *dirName)
{
    g_autoptr(qemuDomainRun) run = g_new0(qemuDomainRun, 1);
    g_autofree char *dirPath = g_build_filename(driver->config->stateDir, dirName, NULL);
    g_autofree char *monitor = g_build_filename(dirPath, QEMU_DOMAIN_MONITOR_FILE, NULL);
    g_autofree char *chardev = qemuBuildMonitorChardevArg(monitor);
    g_autofree char *content = NULL;
    g_auto(GStrv) argv = NULL;
    VIR_AUTOCLOSE fd = -1;
    const char *idStr;
    const char *dash;
    g_autofree char *idDigits = NULL;
    guint64 num;

    if (!STRPREFIX(dirName, QEMU_DOMAIN_PRIVATE_DIR_PREFIX))
        return NULL;
    idStr = dirName + strlen(QEMU_DOMAIN_PRIVATE_DIR_PREFIX);
    if (!(dash = strchr(idStr, '-')))
        return NULL;
    idDigits = g_strndup(idStr, dash - idStr);
    if (!g_ascii_string_to_unsigned(idDigits, 10, 1, G_MAXINT, &num, NULL))
        return NULL;
    run->id = num;
    run->dirName = g_strdup(dirName);

    if ((fd = qemuDomainOpenPrivateDir(driver, dirName)) < 0)
        return NULL;
    if (virFileReadAllAt(fd, dirPath, QEMU_DOMAIN_PID_FILE,
                         QEMU_DOMAIN_PIDFILE_MAX, &content) > 0 &&
        g_ascii_string_to_unsigned(g_strstrip(content), 10, 1, G_MAXINT, &num, NULL))
        run->pid = num;
    virResetLastError();
    /* The pid file is only a hint: if it names no process carrying this
     * directory's monitor argument, whoever serves the socket may. */
    if (run->pid <= 0 || !qemuDomainRunIsQEMU(run->pid, chardev, &run->startTime, &argv)) {
        g_clear_pointer(&argv, g_strfreev);
        if ((run->pid = qemuDomainRunSocketServer(monitor)) <= 0 ||
            !qemuDomainRunIsQEMU(run->pid, chardev, &run->startTime, &argv))
            return NULL;
    }
    for (size_t i = 0; argv[i] && argv[i + 1]; i++) {
        if (STREQ(argv[i], "-name") && !run->name)
            run->name = qemuDomainRunParseName(argv[i + 1]);
        else if (STREQ(argv[i], "-uuid") && virUUIDParse(argv[i + 1], run->uuid) < 0)
            virResetLastError();
        else if (STREQ(argv[i], "-m") &&
                 g_ascii_string_to_unsigned(argv[i + 1], 10, 1, G_MAXUINT32, &num, NULL))
            run->memoryKiB = num * 1024;
    }
    if (!run->name || !qemuDomainNameIsSafe(run->name))
        return NULL;
    /* The directory must be the one this name and ID give. */
    {
        g_autofree char *expected = qemuDomainPrivateDirName(run->id, run->name);

        if (STRNEQ(expected, dirName))
            return NULL;
    }
    VIR_DEBUG("found QEMU %lld of domain '%s' (ID %d) in '%s'",
              (long long)run->pid, run->name, run->id, dirName);
    return g_steal_pointer(&run);
}


/* Every running QEMU found through the private directories of the state
 * directory, or those of @name only. */
static GPtrArray *
qemuDomainRunProbeAll(virQEMUDriver *driver, const char *name)
{
    GPtrArray *runs = g_ptr_array_new_with_free_func((GDestroyNotify)qemuDomainRunFree);
    g_autofree char *suffix = NULL;
    DIR *dir;
    struct dirent *ent;
    int fd;

    if (driver->stateDirFd < 0 || (fd = dup(driver->stateDirFd)) < 0)
        return runs;
    if (!(dir = fdopendir(fd))) {
        close(fd);
        return runs;
    }
    rewinddir(dir);
    if (name) {
        g_autofree char *dirName = qemuDomainPrivateDirName(0, name);

        suffix = g_strdup(strchr(dirName + strlen(QEMU_DOMAIN_PRIVATE_DIR_PREFIX), '-'));
    }
    while ((ent = readdir(dir))) {
        qemuDomainRun *run;

        if (!STRPREFIX(ent->d_name, QEMU_DOMAIN_PRIVATE_DIR_PREFIX) ||
            (suffix && !g_str_has_suffix(ent->d_name, suffix)))
            continue;
        if ((run = qemuDomainRunProbe(driver, ent->d_name)) &&
            (!name || STREQ(run->name, name)))
            g_ptr_array_add(runs, run);
        else
            qemuDomainRunFree(run);
    }
    closedir(dir);
    return runs;
}


/* A definition for a QEMU found running without a usable one: what its
 * command line says (name, UUID, memory). */
static virDomainDef *
qemuDomainRunMinimalDef(const qemuDomainRun *run)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainDef *def;

    virBufferAddLit(&buf, "<domain type='qemu'>\n");
    virBufferEscapeString(&buf, "  <name>%s</name>\n", run->name);
    virBufferAsprintf(&buf, "  <uuid>%s</uuid>\n", virUUIDFormat(run->uuid, uuid));
    virBufferAsprintf(&buf, "  <memory unit='KiB'>%llu</memory>\n",
                      run->memoryKiB ? run->memoryKiB : 1024);
    virBufferAddLit(&buf, "  <os><type arch='x86_64'>hvm</type></os>\n</domain>\n");
    if (!(def = virDomainDefParseString(virBufferCurrentContent(&buf),
                                        VIR_DOMAIN_DEF_PARSE_INACTIVE |
                                        VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE))) {
        virResetLastError();
        def = virDomainDefNew();
        def->name = g_strdup(run->name);
        memcpy(def->uuid, run->uuid, VIR_UUID_BUFLEN);
        def->memory = def->currentMemory = run->memoryKiB;
        def->vcpus = 1;
    }
    return def;
}


/* ---- reading a domain's files ---------------------------------------- */

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


/*
 * Fills @vm (fresh, with no definition) from a status file: its state
 * and, for a run, its live definition, process and phase.  Paths are
 * not taken from the file: they follow from the ID and the name.
 */
static int
qemuDomainStatusParse(virQEMUDriver *driver, virDomainObj *vm, const char *xml,
                      const char *name, const char *path)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *state = NULL;
    g_autofree char *reason = NULL;
    g_autofree char *phase = NULL;
    g_autofree char *signalled = NULL;
    g_autofree char *pidStr = NULL;
    xmlNodePtr root;
    unsigned long long pid, startTime, offset;
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
        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "domain"))
            continue;
        if (!(vm->def = virDomainDefParseNode(doc, cur, VIR_DOMAIN_DEF_PARSE_STATUS |
                                              VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE)))
            return -1;
        break;
    }
    if (!vm->def || vm->def->id <= 0 || STRNEQ(vm->def->name, name)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("status file '%1$s' of a running domain has no definition of domain '%2$s' with an ID"),
                       path, name);
        return -1;
    }

    if (qemuDomainStatusGetULL(root, "pid", &pid, path) < 0 ||
        qemuDomainStatusGetULL(root, "starttime", &startTime, path) < 0 ||
        qemuDomainStatusGetULL(root, "logoffset", &offset, path) < 0)
        return -1;
    if (pid > G_MAXINT || offset > G_MAXINT64) {
        pidStr = g_strdup_printf("%llu", pid > G_MAXINT ? pid : offset);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("status file '%1$s' has a malformed %2$s '%3$s'"),
                       path, pid > G_MAXINT ? "pid" : "logoffset", pidStr);
        return -1;
    }
    virProcessRefSet(&priv->proc, (pid_t)pid, startTime);
    priv->logOffset = (off_t)offset;
    priv->phase = ph;
    signalled = (char *)xmlGetProp(root, BAD_CAST "shutdownsignalled");
    priv->shutdownSignalled = STREQ_NULLABLE(signalled, "yes");
    g_free(signalled);
    signalled = (char *)xmlGetProp(root, BAD_CAST "startpaused");
    priv->startPaused = STREQ_NULLABLE(signalled, "yes");
    if (qemuDomainSetRunPaths(driver, vm) < 0)
        return -1;
    virDomainObjSetState(vm, st, rs);
    return 0;
}


/* Reads and parses the persistent definition of @name: 0 with *ret
 * NULL when there is none, -1 with an error reported. */
static int
qemuDomainConfigLoad(virQEMUDriver *driver, const char *name, virDomainDef **ret)
{
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *file = qemuDomainFileName(name, "xml");
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;

    *ret = NULL;
    if (virFileReadAllAt(driver->configDirFd, cfg->configDir, file,
                         QEMU_DOMAIN_FILE_MAX, &xml) < 0)
        return -1;
    if (!xml)
        return 0;
    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE |
                                        VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE)))
        return -1;
    if (STRNEQ(def->name, name)) {
        g_autofree char *path = qemuDomainConfigPath(cfg, name);

        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("definition '%1$s' names domain '%2$s'"),
                       path, def->name);
        return -1;
    }
    *ret = g_steal_pointer(&def);
    return 0;
}


/* Reads and parses the status file of @name into a fresh object: 0 with
 * *ret NULL when there is none, -1 with an error reported. */
static int
qemuDomainStatusLoad(virQEMUDriver *driver, const char *name, virDomainObj **ret)
{
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *file = qemuDomainFileName(name, "xml");
    g_autofree char *path = qemuDomainStatusPath(cfg, name);
    g_autofree char *xml = NULL;
    g_autoptr(virDomainObj) vm = NULL;

    *ret = NULL;
    if (virFileReadAllAt(driver->stateDirFd, cfg->stateDir, file,
                         QEMU_DOMAIN_FILE_MAX, &xml) < 0)
        return -1;
    if (!xml)
        return 0;
    vm = qemuDomainObjNew(driver, name);
    if (qemuDomainStatusParse(driver, vm, xml, name, path) < 0)
        return -1;
    *ret = g_steal_pointer(&vm);
    return 0;
}


/*
 * Makes @vm (with the persistent definition, if any, in vm->def) the
 * domain of a QEMU found running while the status file did not say so:
 * whatever is damaged, a running QEMU stays listed and stoppable.  Its
 * state is running, reason unknown; priv->damage says why.
 */
static void
qemuDomainAdoptRun(virQEMUDriver *driver, virDomainObj *vm, qemuDomainRun *run,
                   const char *why)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virDomainDef *live;

    if (vm->def && memcmp(vm->def->uuid, run->uuid, VIR_UUID_BUFLEN) == 0) {
        live = virDomainDefCopy(vm->def, 0);
    } else {
        live = qemuDomainRunMinimalDef(run);
        if (vm->def) {
            /* The definition is of another domain of that name. */
            g_clear_pointer(&vm->def, virDomainDefFree);
            vm->persistent = false;
        }
    }
    live->id = run->id;
    vm->newDef = vm->persistent ? g_steal_pointer(&vm->def) : NULL;
    virDomainDefFree(vm->def);
    vm->def = live;
    virProcessRefSet(&priv->proc, run->pid, run->startTime);
    priv->phase = QEMU_DOMAIN_PHASE_RUNNING;
    priv->logOffset = 0;
    if (qemuDomainSetRunPaths(driver, vm) < 0)
        virResetLastError();
    virDomainObjSetState(vm, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN);
    g_free(priv->damage);
    priv->damage = g_strdup_printf(_("QEMU process %1$lld of domain '%2$s' runs, but %3$s; it was found through its monitor directory '%4$s' and can be destroyed"),
                                   (long long)run->pid, run->name, why, run->dirName);
    VIR_WARN("%s", priv->damage);
}


/*
 * Builds a domain's object from its files.  A damaged definition or
 * status file does not hide a QEMU that still runs: it is found through
 * the run's private directory (@runs, or looked for) and adopted.
 */
static virDomainObj *
qemuDomainObjLoadInternal(virQEMUDriver *driver, const char *name, GPtrArray *runs)
{
    g_autoptr(virDomainObj) vm = qemuDomainObjNew(driver, name);
    g_autoptr(virDomainObj) status = NULL;
    g_autoptr(GPtrArray) found = NULL;
    g_autofree char *configError = NULL;
    g_autofree char *statusError = NULL;
    g_autofree char *why = NULL;
    qemuDomainRun *run = NULL;

    if (qemuDomainConfigLoad(driver, name, &vm->def) < 0) {
        configError = g_strdup(virGetLastErrorMessage());
        virResetLastError();
    }
    vm->persistent = vm->def != NULL;
    if (qemuDomainStatusLoad(driver, name, &status) < 0) {
        statusError = g_strdup(virGetLastErrorMessage());
        virResetLastError();
    }

    if (status && virDomainObjIsActive(status)) {
        /* The status file's run is the truth; the definition, if any,
         * is what the next start uses. */
        status->persistent = vm->persistent;
        status->newDef = g_steal_pointer(&vm->def);
        if (configError) {
            qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(status);

            priv->damage = g_strdup_printf(_("its definition cannot be used: %1$s"),
                                           configError);
            VIR_WARN("domain %s: %s", name, priv->damage);
        }
        return g_steal_pointer(&status);
    }

    /* No run on record: is there one all the same? */
    if (!runs)
        runs = found = qemuDomainRunProbeAll(driver, name);
    for (guint i = 0; i < runs->len && !run; i++) {
        qemuDomainRun *r = g_ptr_array_index(runs, i);

        if (STREQ(r->name, name))
            run = r;
    }
    if (run) {
        if (statusError)
            why = g_strdup_printf(_("its status file cannot be used: %1$s"), statusError);
        else if (status)
            why = g_strdup(_("its status file says it is shut off"));
        else
            why = g_strdup(_("its status file is missing"));
        if (configError) {
            g_autofree char *both = g_strdup_printf(_("%1$s; and its definition cannot be used: %2$s"),
                                                    why, configError);

            g_free(why);
            why = g_steal_pointer(&both);
        }
        qemuDomainAdoptRun(driver, vm, run, why);
        return g_steal_pointer(&vm);
    }

    if (configError) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", configError);
        return NULL;
    }
    if (!vm->def) {
        /* Nothing, or only the stop reason of a domain undefined since. */
        qemuDomainReportNoName(name);
        return NULL;
    }
    if (status) {
        virDomainObjSetState(vm, status->state, status->reason);
    } else if (statusError) {
        QEMU_DOMAIN_PRIVATE(vm)->damage =
            g_strdup_printf(_("its status file cannot be used: %1$s"), statusError);
        VIR_WARN("domain %s: %s", name, QEMU_DOMAIN_PRIVATE(vm)->damage);
        virDomainObjSetState(vm, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    }
    return g_steal_pointer(&vm);
}


/**
 * qemuDomainObjLoad:
 * @driver: the driver
 * @name: a domain name from the application
 *
 * Builds the domain's object from its files.  Nothing is checked about
 * the process here (see qemuProcessReconcile), except that a QEMU found
 * running without a usable status file is adopted (priv->damage).
 *
 * Returns: the object, or NULL with an error reported
 * (VIR_ERR_NO_DOMAIN when neither a definition nor a running instance
 * exists).
 */
virDomainObj *
qemuDomainObjLoad(virQEMUDriver *driver, const char *name)
{
    if (!qemuDomainNameIsSafe(name)) {
        qemuDomainReportNoName(NULLSTR(name));
        return NULL;
    }
    return qemuDomainObjLoadInternal(driver, name, NULL);
}


/* Adds to @names every "NAME" of a "NAME.xml" in the directory @dirfd. */
static void
qemuDomainCollectNames(int dirfd, GHashTable *names)
{
    DIR *dir;
    struct dirent *ent;
    int fd;

    if (dirfd < 0 || (fd = dup(dirfd)) < 0)
        return;
    if (!(dir = fdopendir(fd))) {
        close(fd);
        return;
    }
    rewinddir(dir);
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);

        if (len > 4 && g_str_has_suffix(ent->d_name, ".xml"))
            g_hash_table_add(names, g_strndup(ent->d_name, len - 4));
    }
    closedir(dir);
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
 * log, so that one damaged file does not hide every other domain; but a
 * running QEMU is never left out (see qemuDomainObjLoad): one whose
 * files are all gone is found through its private directory.
 *
 * Returns: every domain, sorted by name; the caller frees the array and
 * the objects in it (g_ptr_array_unref).
 */
GPtrArray *
qemuDomainObjLoadAll(virQEMUDriver *driver)
{
    g_autoptr(GHashTable) names = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                        g_free, NULL);
    GPtrArray *ret = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainObjUnref);
    g_autoptr(GPtrArray) runs = qemuDomainRunProbeAll(driver, NULL);
    g_autofree char **sorted = NULL;
    guint n;

    qemuDomainCollectNames(driver->configDirFd, names);
    qemuDomainCollectNames(driver->stateDirFd, names);
    for (guint i = 0; i < runs->len; i++) {
        qemuDomainRun *run = g_ptr_array_index(runs, i);

        g_hash_table_add(names, g_strdup(run->name));
    }
    sorted = (char **)g_hash_table_get_keys_as_array(names, &n);
    g_qsort_with_data(sorted, n, sizeof(char *), qemuDomainCompareNames, NULL);

    for (guint i = 0; i < n; i++) {
        g_autofree char *lockFile = qemuDomainFileName(sorted[i], "lock");
        VIR_AUTOCLOSE lockfd = -1;
        virDomainObj *vm = NULL;
        guint64 gen = 0;

        if (!qemuDomainNameIsSafe(sorted[i]))
            continue;
        /* The generation first: a write during the load leaves a newer
         * one, and the object is read again when next used. */
        if ((lockfd = virFileOpenLockFileAt(driver->stateDirFd, driver->config->stateDir,
                                            lockFile)) < 0)
            virResetLastError();
        gen = qemuDomainGenRead(lockfd);
        if ((vm = qemuDomainObjLoadInternal(driver, sorted[i], runs))) {
            QEMU_DOMAIN_PRIVATE(vm)->lockfd = g_steal_fd(&lockfd);
            QEMU_DOMAIN_PRIVATE(vm)->gen = gen;
        }
        if (!vm) {
            if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN &&
                virGetLastErrorCode() != VIR_ERR_OK)
                VIR_WARN("skipping domain '%s': %s", sorted[i],
                         virGetLastErrorMessage());
            virResetLastError();
            continue;
        }
        g_ptr_array_add(ret, vm);
    }
    return ret;
}


/* ---- writing a domain's files ---------------------------------------- */

/* Writes the status file of @vm (see qemuDomainSaveStatus). */
static int
qemuDomainWriteStatus(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *file = qemuDomainFileName(priv->name, "xml");
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    const char *xml;

    if (!virDomainObjIsActive(vm) && !vm->persistent) {
        if (virFileRemoveAt(driver->stateDirFd, cfg->stateDir, file, false) < 0)
            return -1;
        if (driver->stateDirFd >= 0 && fsync(driver->stateDirFd) < 0) {
            virReportSystemError(errno, _("cannot sync directory '%1$s'"),
                                 cfg->stateDir);
            return -1;
        }
        return 0;
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
                          (long long)priv->proc.pid, priv->proc.startTime,
                          (long long)priv->logOffset);
        if (priv->shutdownSignalled)
            virBufferAddLit(&buf, " shutdownsignalled='yes'");
        if (priv->phase == QEMU_DOMAIN_PHASE_STARTING && priv->startPaused)
            virBufferAddLit(&buf, " startpaused='yes'");
        virBufferAddLit(&buf, ">\n");
        virBufferAdjustIndent(&buf, 2);
        if (virDomainDefFormatBuf(&buf, vm->def, 0) < 0)
            return -1;
        virBufferAdjustIndent(&buf, -2);
        virBufferAddLit(&buf, "</domstatus>\n");
    }

    xml = virBufferCurrentContent(&buf);
    return virFileWriteAtomicAt(driver->stateDirFd, cfg->stateDir, file, 0600,
                                xml, strlen(xml));
}


/**
 * qemuDomainSaveStatus:
 * @driver: the driver
 * @vm: a domain, in a job
 *
 * Writes the status file (atomically): the full runtime state of a
 * running domain, the state and reason of a stopped persistent one; a
 * stopped transient domain has none, so its file is removed.  Other
 * instances learn of it (qemuDomainObjSync).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuDomainSaveStatus(virQEMUDriver *driver, virDomainObj *vm)
{
    int rc;

    virDomainObjLock(vm);
    rc = qemuDomainWriteStatus(driver, vm);
    virDomainObjUnlock(vm);
    if (rc == 0)
        qemuDomainBumpGeneration(driver, vm);
    return rc;
}


/**
 * qemuDomainSaveConfig:
 * @driver: the driver
 * @vm: the domain, in a job
 * @def: its new persistent definition
 *
 * Returns: 0, or -1 with an error reported and the previous definition
 * (if any) intact.
 */
int
qemuDomainSaveConfig(virQEMUDriver *driver, virDomainObj *vm,
                     const virDomainDef *def)
{
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *file = qemuDomainFileName(def->name, "xml");
    g_autofree char *xml = NULL;

    if (!(xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                   VIR_DOMAIN_DEF_FORMAT_SECURE)) ||
        virFileWriteAtomicAt(driver->configDirFd, cfg->configDir, file, 0600,
                             xml, strlen(xml)) < 0)
        return -1;
    qemuDomainBumpGeneration(driver, vm);
    return 0;
}


/**
 * qemuDomainRemoveConfig:
 * @driver: the driver
 * @vm: a domain, in a job
 *
 * Returns: 0 when the definition is gone for good, -1 with an error
 * reported.
 */
int
qemuDomainRemoveConfig(virQEMUDriver *driver, virDomainObj *vm)
{
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *file = qemuDomainFileName(QEMU_DOMAIN_PRIVATE(vm)->name, "xml");

    if (virFileRemoveAt(driver->configDirFd, cfg->configDir, file, false) < 0)
        return -1;
    if (driver->configDirFd >= 0 && fsync(driver->configDirFd) < 0) {
        virReportSystemError(errno, _("cannot sync directory '%1$s'"), cfg->configDir);
        return -1;
    }
    qemuDomainBumpGeneration(driver, vm);
    return 0;
}


/**
 * qemuDomainRemoveStatus:
 * @driver: the driver
 * @vm: a domain, in a job
 *
 * Returns: 0 when the status file is gone, -1 with an error reported.
 */
int
qemuDomainRemoveStatus(virQEMUDriver *driver, virDomainObj *vm)
{
    g_autofree char *file = qemuDomainFileName(QEMU_DOMAIN_PRIVATE(vm)->name, "xml");

    if (virFileRemoveAt(driver->stateDirFd, driver->config->stateDir, file, false) < 0)
        return -1;
    qemuDomainBumpGeneration(driver, vm);
    return 0;
}


/* ---- locks and timeouts ---------------------------------------------- */

static int
qemuDomainJobWaitMs(virQEMUDriver *driver)
{
    return (int)(driver->config->jobWaitTimeout * 1000.0);
}


/**
 * qemuDomainStartTimeoutMs:
 * @driver: the driver
 *
 * Returns: start_timeout in milliseconds (at least 1): how long QEMU
 * (or an emulator being probed) may take to answer on its monitor.
 */
int
qemuDomainStartTimeoutMs(virQEMUDriver *driver)
{
    return MAX((int)ceil(driver->config->startTimeout * 1000.0), 1);
}


/*
 * Takes the flock of @fd in @mode, retrying until @deadline (monotonic;
 * 0: no wait).  @what names the lock's object and @waitMs the wait, for
 * the messages.
 */
static int
qemuDomainLockFD(int fd, virFileLockMode mode, gint64 deadline, int waitMs,
                 const char *what, const char *dir, const char *name)
{
    unsigned int pause = 500;
    int rc;

    while ((rc = virFileLockFD(fd, mode, false)) == -EWOULDBLOCK) {
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
        virReportSystemError(-rc, _("cannot lock '%1$s/%2$s'"), dir, name);
        return -1;
    }
    return 0;
}


/* Opens and locks @name in the state directory, retrying until @waitMs
 * has passed. */
static int
qemuDomainLockFile(virQEMUDriver *driver, const char *name,
                   virFileLockMode mode, int waitMs, const char *what)
{
    const char *dir = driver->config->stateDir;
    gint64 deadline = g_get_monotonic_time() + (gint64)waitMs * 1000;

    for (;;) {
        VIR_AUTOCLOSE fd = virFileOpenLockFileAt(driver->stateDirFd, dir, name);

        if (fd < 0 || qemuDomainLockFD(fd, mode, deadline, waitMs, what, dir, name) < 0)
            return -1;
        /* Replaced meanwhile (damaged, moved aside): lock the new one. */
        if (virFileLockFDCurrent(fd, driver->stateDirFd, name))
            return g_steal_fd(&fd);
    }
}


/**
 * qemuDomainLockName:
 * @driver: the driver
 * @name: a domain name, existing or about to be created
 * @wait: wait up to job_wait_timeout, or fail at once when busy
 *
 * The cross-process half of a job, on its own: for code that works on a
 * name without an object (the sweep of interrupted writes).
 *
 * Returns: the locked descriptor (close it to unlock), or -1 with an
 * error reported.
 */
int
qemuDomainLockName(virQEMUDriver *driver, const char *name, bool wait)
{
    g_autofree char *file = NULL;
    g_autofree char *what = NULL;

    if (!qemuDomainNameIsSafe(name)) {
        qemuDomainReportNoName(NULLSTR(name));
        return -1;
    }
    file = qemuDomainFileName(name, "lock");
    what = g_strdup_printf(_("domain '%1$s'"), name);
    return qemuDomainLockFile(driver, file, VIR_FILE_LOCK_EXCLUSIVE,
                              wait ? qemuDomainJobWaitMs(driver) : 0, what);
}


/* ---- generations: what tells an instance that its memory is stale ---- */

/* A generation is a 64-bit counter at the start of a file. */
static guint64
qemuDomainGenRead(int fd)
{
    guint64 gen = 0;

    if (fd < 0 || pread(fd, &gen, sizeof(gen), 0) != sizeof(gen))
        return 0;
    return gen;
}


static int
qemuDomainGenWrite(int fd, guint64 gen)
{
    return pwrite(fd, &gen, sizeof(gen), 0) == sizeof(gen) ? 0 : -1;
}


/* Opens the domain's lock file (NAME.lock) once for the object's life:
 * the job's flock and the domain's generation live there. */
static int
qemuDomainObjOpenLockFile(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autofree char *file = NULL;

    if (priv->lockfd >= 0)
        return 0;
    if (!qemuDomainNameIsSafe(priv->name)) {
        qemuDomainReportNoName(NULLSTR(priv->name));
        return -1;
    }
    file = qemuDomainFileName(priv->name, "lock");
    if ((priv->lockfd = virFileOpenLockFileAt(driver->stateDirFd,
                                              driver->config->stateDir, file)) < 0)
        return -1;
    return 0;
}


/*
 * After every write of a domain's files (its job held): its generation
 * and the root's go up by one, so that every other instance on the root,
 * in this process or another, knows to re-read them; this instance stays
 * current (it made the change).  A failure here is only logged: the
 * write itself succeeded.
 */
static void
qemuDomainBumpGeneration(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    guint64 gen;

    if (driver->exclusive)
        return;
    virDomainObjLock(vm);
    if (qemuDomainObjOpenLockFile(driver, vm) < 0 ||
        qemuDomainGenWrite(priv->lockfd, (gen = qemuDomainGenRead(priv->lockfd) + 1)) < 0) {
        VIR_WARN("cannot record a change of domain %s for other processes: %s",
                 priv->name, virGetLastErrorMessage());
        virResetLastError();
    } else {
        priv->gen = gen;
    }
    virDomainObjUnlock(vm);

    /* The mutex keeps this process's threads apart (they share the
     * descriptor, hence the flock), the flock other processes. */
    g_mutex_lock(&driver->genLock);
    if (driver->genFd < 0 || virFileLockFD(driver->genFd, VIR_FILE_LOCK_EXCLUSIVE, true) < 0) {
        VIR_WARN("cannot record a change of domain %s in the root's generation",
                 priv->name);
    } else {
        gen = qemuDomainGenRead(driver->genFd);
        if (qemuDomainGenWrite(driver->genFd, gen + 1) < 0)
            VIR_WARN("cannot record a change of domain %s in the root's generation: %s",
                     priv->name, g_strerror(errno));
        else if (driver->rootGen == gen)
            driver->rootGen = gen + 1;
        flock(driver->genFd, LOCK_UN);
    }
    g_mutex_unlock(&driver->genLock);
}


/*
 * Moves what @fresh (just loaded from disk) says into @vm, keeping what
 * only this process knows: an open reference on the same QEMU, the job,
 * the lock file and the monitor of a job in progress.
 */
static void
qemuDomainObjAssign(virDomainObj *vm, virDomainObj *fresh)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    qemuDomainObjPrivate *fpriv = QEMU_DOMAIN_PRIVATE(fresh);
    virProcessRef old = priv->proc;

    virDomainObjLock(vm);
    virDomainDefFree(vm->def);
    virDomainDefFree(vm->newDef);
    vm->def = g_steal_pointer(&fresh->def);
    vm->newDef = g_steal_pointer(&fresh->newDef);
    vm->state = fresh->state;
    vm->reason = fresh->reason;
    vm->persistent = fresh->persistent;

    if (old.pid == fpriv->proc.pid && old.startTime == fpriv->proc.startTime) {
        /* The same run: keep the verified reference. */
        virProcessRefClear(&fpriv->proc);
    } else {
        priv->proc = fpriv->proc;
        fpriv->proc = (virProcessRef)VIR_PROCESS_REF_INIT;
        virProcessRefClear(&old);
    }
    priv->phase = fpriv->phase;
    priv->logOffset = fpriv->logOffset;
    priv->shutdownSignalled = fpriv->shutdownSignalled;
    priv->startPaused = fpriv->startPaused;
    priv->shown = false;
    g_free(priv->privateDirName);
    g_free(priv->privateDir);
    g_free(priv->monitorPath);
    g_free(priv->pidFile);
    g_free(priv->damage);
    priv->privateDirName = g_steal_pointer(&fpriv->privateDirName);
    priv->privateDir = g_steal_pointer(&fpriv->privateDir);
    priv->monitorPath = g_steal_pointer(&fpriv->monitorPath);
    priv->pidFile = g_steal_pointer(&fpriv->pidFile);
    priv->damage = g_steal_pointer(&fpriv->damage);
    virDomainObjUnlock(vm);
}


/*
 * Re-reads @vm if its generation moved (see qemuDomainObjSync).  The
 * job's owner calls it with @owner: it must be current before it works;
 * anyone else leaves alone an object whose job a thread of this process
 * holds, since that thread is its authority (no other process can write
 * its files meanwhile) and is using its definitions.
 */
static int
qemuDomainObjSyncInternal(virQEMUDriver *driver, virDomainObj *vm, bool owner)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    g_autoptr(virDomainObj) fresh = NULL;
    guint64 known;
    guint64 gen;
    bool busy;

    if (driver->exclusive)
        return 0;
    if (!owner) {
        g_mutex_lock(&vm->jobLock);
        busy = vm->jobActive;
        g_mutex_unlock(&vm->jobLock);
        if (busy)
            return 0;
    }
    if (qemuDomainObjOpenLockFile(driver, vm) < 0)
        return -1;
    virDomainObjLock(vm);
    known = priv->gen;
    virDomainObjUnlock(vm);
    if ((gen = qemuDomainGenRead(priv->lockfd)) == known)
        return 0;

    VIR_DEBUG("domain %s changed on disk (generation %" G_GUINT64_FORMAT
              " -> %" G_GUINT64_FORMAT "): reloading", priv->name, known, gen);
    /* @gen was read before the files: a write during the load leaves a
     * newer generation on disk, and the next call loads again. */
    if (!(fresh = qemuDomainObjLoad(driver, priv->name))) {
        if (virGetLastErrorCode() == VIR_ERR_NO_DOMAIN) {
            if (vm->removed) {
                /* Not defined yet: nothing to reload. */
                virResetLastError();
                priv->gen = gen;
                return 0;
            }
            virDomainObjListRemove(driver->domains, vm);
        }
        return -1;
    }
    virDomainObjLock(vm);
    /* Another thread may have synced, or written, meanwhile: only a
     * load newer than what the object reflects replaces it. */
    if (priv->gen == known) {
        qemuDomainObjAssign(vm, fresh);
        priv->gen = gen;
    }
    virDomainObjUnlock(vm);
    return 0;
}


/**
 * qemuDomainObjSync:
 * @driver: the driver
 * @vm: a domain
 *
 * Makes @vm reflect its files if another instance (another process, or
 * another connection of this one) changed them since @vm was loaded or
 * last written by this instance: one pread of the domain's generation
 * when nothing changed, which is the common case; nothing at all for an
 * instance that holds its root exclusively, or while a thread of this
 * process holds the domain's job.  A domain that no longer exists is
 * taken out of the list.
 *
 * Returns: 0, or -1 with an error reported (VIR_ERR_NO_DOMAIN when it
 * is gone).
 */
int
qemuDomainObjSync(virQEMUDriver *driver, virDomainObj *vm)
{
    return qemuDomainObjSyncInternal(driver, vm, false);
}


/* Adds a domain loaded from disk to the list (under @driver->lock). */
static void
qemuDriverAddLoaded(virQEMUDriver *driver, virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    virDomainObjListAdd(driver->domains, priv->name, vm);
}


/**
 * qemuDriverSync:
 * @driver: the driver
 *
 * Makes the list of domains reflect the root: when the root's
 * generation moved, the directories are read again, domains others
 * defined are added, domains others removed are taken out and changed
 * ones re-read.  Otherwise (the common case) one pread.  Nothing for an
 * instance that holds its root exclusively, once loaded.
 *
 * Returns: 0 (problems with single domains are logged, as at load).
 */
int
qemuDriverSync(virQEMUDriver *driver)
{
    g_autoptr(GPtrArray) fresh = NULL;
    g_autoptr(GPtrArray) current = NULL;
    g_autoptr(GHashTable) names = NULL;
    guint64 gen;

    if (driver->exclusive)
        return 0;
    g_mutex_lock(&driver->lock);
    g_mutex_lock(&driver->genLock);
    gen = qemuDomainGenRead(driver->genFd);
    if (gen == driver->rootGen) {
        g_mutex_unlock(&driver->genLock);
        g_mutex_unlock(&driver->lock);
        return 0;
    }
    g_mutex_unlock(&driver->genLock);
    VIR_DEBUG("root generation %" G_GUINT64_FORMAT ": reading the domains again", gen);

    names = g_hash_table_new(g_str_hash, g_str_equal);
    fresh = qemuDomainObjLoadAll(driver);
    for (guint i = 0; i < fresh->len; i++) {
        virDomainObj *vm = g_ptr_array_index(fresh, i);
        qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
        g_autoptr(virDomainObj) known = virDomainObjListFindByName(driver->domains,
                                                                   priv->name);

        g_hash_table_add(names, priv->name);
        if (!known) {
            qemuDriverAddLoaded(driver, vm);
            continue;
        }
        /* Known: re-read only if its own generation moved. */
        if (qemuDomainObjSync(driver, known) < 0)
            virResetLastError();
    }
    current = virDomainObjListCollect(driver->domains);
    for (guint i = 0; i < current->len; i++) {
        virDomainObj *vm = g_ptr_array_index(current, i);

        if (!g_hash_table_contains(names, QEMU_DOMAIN_PRIVATE(vm)->name))
            virDomainObjListRemove(driver->domains, vm);
    }
    g_mutex_lock(&driver->genLock);
    driver->rootGen = gen;
    g_mutex_unlock(&driver->genLock);
    g_mutex_unlock(&driver->lock);
    return 0;
}


/**
 * qemuDriverLoad:
 * @driver: an instance just opened
 *
 * Reads every domain of the root into memory, once.
 */
void
qemuDriverLoad(virQEMUDriver *driver)
{
    g_autoptr(GPtrArray) vms = NULL;

    g_mutex_lock(&driver->lock);
    g_mutex_lock(&driver->genLock);
    driver->rootGen = qemuDomainGenRead(driver->genFd);
    g_mutex_unlock(&driver->genLock);
    vms = qemuDomainObjLoadAll(driver);
    for (guint i = 0; i < vms->len; i++)
        qemuDriverAddLoaded(driver, g_ptr_array_index(vms, i));
    g_mutex_unlock(&driver->lock);
}


/* ---- jobs -------------------------------------------------------------- */

static int
qemuDomainObjBeginJobInternal(virQEMUDriver *driver, virDomainObj *vm,
                              bool wait)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    int waitMs = wait ? qemuDomainJobWaitMs(driver) : 0;
    gint64 deadline = wait ? g_get_monotonic_time() + (gint64)waitMs * 1000 : 0;
    g_autofree char *what = g_strdup_printf(_("domain '%1$s'"), priv->name);
    g_autofree char *file = qemuDomainFileName(priv->name, "lock");

    /* Other threads of this process first, then other processes. */
    if (virDomainObjBeginJobLocal(vm, deadline) < 0) {
        if (wait)
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("cannot acquire state change lock of %1$s: another job has held it for %2$.3g s (job_wait_timeout)"),
                           what, waitMs / 1000.0);
        else
            virReportError(VIR_ERR_RESOURCE_BUSY,
                           _("another job is running on %1$s"), what);
        return -1;
    }
    for (;;) {
        if (qemuDomainObjOpenLockFile(driver, vm) < 0 ||
            qemuDomainLockFD(priv->lockfd, VIR_FILE_LOCK_EXCLUSIVE, deadline, waitMs,
                             what, driver->config->stateDir, file) < 0) {
            virDomainObjEndJobLocal(vm);
            return -1;
        }
        /* The lock file was replaced (damaged, moved aside) since we
         * opened it: a lock on the old one excludes nobody. */
        if (virFileLockFDCurrent(priv->lockfd, driver->stateDirFd, file))
            break;
        virDomainObjLock(vm);
        virForceClose(&priv->lockfd);
        virDomainObjUnlock(vm);
    }
    priv->jobHeld = true;
    /* Another process may have changed everything while we waited. */
    if (qemuDomainObjSyncInternal(driver, vm, true) < 0) {
        qemuDomainObjEndJob(vm);
        return -1;
    }
    return 0;
}


/**
 * qemuDomainObjBeginJob:
 * @driver: the driver
 * @vm: the domain
 *
 * Takes the domain's job: no other thread of this process and no other
 * process works on the domain until qemuDomainObjEndJob().  Waits up to
 * job_wait_timeout.  @vm is then current with its files.
 *
 * Returns: 0 with the job held, or -1 with an error reported (on a
 * timeout, or when the domain vanished meanwhile: VIR_ERR_NO_DOMAIN).
 */
int
qemuDomainObjBeginJob(virQEMUDriver *driver, virDomainObj *vm)
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
qemuDomainObjTryJob(virQEMUDriver *driver, virDomainObj *vm)
{
    return qemuDomainObjBeginJobInternal(driver, vm, false);
}


/**
 * qemuDomainObjEndJob:
 * @vm: a domain in a job
 *
 * Closes the job's monitor connection and releases the job.
 */
void
qemuDomainObjEndJob(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);

    if (!priv->jobHeld)
        return;
    g_clear_pointer(&priv->mon, qemuMonitorClose);
    priv->jobHeld = false;
    if (priv->lockfd >= 0)
        flock(priv->lockfd, LOCK_UN);
    virDomainObjEndJobLocal(vm);
}


/* ---- autostart ------------------------------------------------------- */

#define QEMU_DOMAIN_AUTOSTART_DIR "autostart"

/* Opens configDir/autostart (created if @create), not through a link:
 * -1 with errno set (ENOENT when absent), nothing reported. */
static int
qemuDomainAutostartDir(virQEMUDriver *driver, bool create)
{
    int fd;

    if (driver->configDirFd < 0) {
        errno = ENOENT;
        return -1;
    }
    if (create && mkdirat(driver->configDirFd, QEMU_DOMAIN_AUTOSTART_DIR, 0700) < 0 &&
        errno != EEXIST)
        return -1;
    fd = openat(driver->configDirFd, QEMU_DOMAIN_AUTOSTART_DIR,
                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    return fd;
}


/**
 * qemuDomainAutostartGet:
 * @driver: the driver
 * @vm: a domain
 *
 * A domain is marked to start with the daemon by a link
 * configDir/autostart/NAME.xml to its definition, as upstream keeps
 * them.  The link is read, never followed.
 *
 * Returns: whether the mark is there.
 */
bool
qemuDomainAutostartGet(virQEMUDriver *driver, virDomainObj *vm)
{
    const char *name = QEMU_DOMAIN_PRIVATE(vm)->name;
    g_autofree char *file = qemuDomainFileName(name, "xml");
    g_autofree char *config = qemuDomainConfigPath(driver->config, name);
    char target[PATH_MAX];
    VIR_AUTOCLOSE dirfd = qemuDomainAutostartDir(driver, false);
    ssize_t n;

    if (dirfd < 0 || (n = readlinkat(dirfd, file, target, sizeof(target) - 1)) < 0)
        return false;
    target[n] = '\0';
    return STREQ(target, config);
}


/**
 * qemuDomainAutostartSet:
 * @driver: the driver
 * @vm: a persistent domain, in a job
 * @autostart: set or clear the mark
 *
 * Returns: 0, or -1 with an error reported and the mark as it was.
 */
int
qemuDomainAutostartSet(virQEMUDriver *driver, virDomainObj *vm, bool autostart)
{
    const char *name = QEMU_DOMAIN_PRIVATE(vm)->name;
    g_autofree char *dir = g_build_filename(driver->config->configDir,
                                            QEMU_DOMAIN_AUTOSTART_DIR, NULL);
    g_autofree char *file = qemuDomainFileName(name, "xml");
    g_autofree char *tmp = g_strdup_printf("%s.new", file);
    g_autofree char *config = qemuDomainConfigPath(driver->config, name);
    VIR_AUTOCLOSE dirfd = -1;

    if ((dirfd = qemuDomainAutostartDir(driver, autostart)) < 0) {
        if (errno == ENOENT && !autostart)
            return 0;
        virReportSystemError(errno, _("cannot open autostart directory '%1$s'"), dir);
        return -1;
    }
    if (virFileCheckTrusted(dirfd, dir, true) < 0)
        return -1;
    if (!autostart) {
        if (unlinkat(dirfd, file, 0) < 0 && errno != ENOENT) {
            virReportSystemError(errno, _("failed to delete symlink '%1$s/%2$s'"),
                                 dir, file);
            return -1;
        }
    } else {
        unlinkat(dirfd, tmp, 0);
        if (symlinkat(config, dirfd, tmp) < 0 || renameat(dirfd, tmp, dirfd, file) < 0) {
            virReportSystemError(errno, _("failed to create symlink '%1$s/%2$s' to '%3$s'"),
                                 dir, file, config);
            unlinkat(dirfd, tmp, 0);
            return -1;
        }
    }
    if (fsync(dirfd) < 0) {
        virReportSystemError(errno, _("cannot sync directory '%1$s'"), dir);
        return -1;
    }
    return 0;
}


/**
 * qemuDomainLockRun:
 * @driver: the driver
 * @name: a domain about to be started
 *
 * Takes the domain's run lock, configDir/NAME.run, for QEMU to inherit
 * and hold for as long as it lives (and its wrapper, if any): whatever
 * the state directory (qemu:///session keeps it under XDG_RUNTIME_DIR,
 * which may change between logins), a domain whose QEMU still runs
 * cannot be started a second time on the same disks.  The file is never
 * removed: removing a lock that may be held would let two holders in.
 *
 * Returns: the locked descriptor, to pass to QEMU and then close; -1
 * with an error reported (VIR_ERR_OPERATION_INVALID when a QEMU of the
 * domain runs).
 */
int
qemuDomainLockRun(virQEMUDriver *driver, const char *name)
{
    virQEMUDriverConfig *cfg = driver->config;
    g_autofree char *file = qemuDomainFileName(name, "run");
    VIR_AUTOCLOSE fd = -1;
    int rc;

    if ((fd = virFileOpenAt(driver->configDirFd, cfg->configDir, file,
                            O_RDWR | O_CREAT, 0600)) < 0)
        return -1;
    if ((rc = virFileLockFD(fd, VIR_FILE_LOCK_EXCLUSIVE, false)) == -EWOULDBLOCK) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%1$s' is already running: a QEMU process of it holds '%2$s/%3$s' (was it started with another state directory, e.g. another XDG_RUNTIME_DIR?)"),
                       name, cfg->configDir, file);
        return -1;
    }
    if (rc < 0) {
        virReportSystemError(-rc, _("cannot lock '%1$s/%2$s'"), cfg->configDir, file);
        return -1;
    }
    return g_steal_fd(&fd);
}


/**
 * qemuDomainBeginDestroy:
 * @driver: the driver
 * @name: the domain about to be destroyed
 *
 * Marks a destroy of @name as in progress (a shared lock, so that
 * several destroys may run at once) until the descriptor is closed.
 * A process that dies releases it, leaving the stop to whoever next
 * finds QEMU gone.  The lock is only ever held exclusively for an
 * instant (qemuDomainDestroyInProgress); a process holding it longer is
 * waited for no longer than job_wait_timeout.
 *
 * Returns: the locked descriptor, or -1 with an error reported.
 */
int
qemuDomainBeginDestroy(virQEMUDriver *driver, const char *name)
{
    g_autofree char *file = NULL;
    g_autofree char *what = NULL;

    if (!qemuDomainNameIsSafe(name)) {
        qemuDomainReportNoName(NULLSTR(name));
        return -1;
    }
    file = qemuDomainFileName(name, "destroy");
    what = g_strdup_printf(_("domain '%1$s'"), name);
    return qemuDomainLockFile(driver, file, VIR_FILE_LOCK_SHARED,
                              qemuDomainJobWaitMs(driver), what);
}


/* Whether some thread or process holds the lock file NAME.@suffix of
 * @dir (an instant's exclusive try, released at once); false when that
 * cannot be told.  Reports nothing. */
static bool
qemuDomainLockBusy(int dirfd, const char *dir, const char *name,
                   const char *suffix)
{
    g_autofree char *file = NULL;
    VIR_AUTOCLOSE fd = -1;

    if (!qemuDomainNameIsSafe(name))
        return false;
    file = qemuDomainFileName(name, suffix);
    if ((fd = virFileOpenAt(dirfd, dir, file, O_RDWR, 0)) < 0) {
        virResetLastError();
        return false;
    }
    return virFileLockFD(fd, VIR_FILE_LOCK_EXCLUSIVE, false) == -EWOULDBLOCK;
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
    return qemuDomainLockBusy(driver->stateDirFd, driver->config->stateDir,
                              name, "destroy");
}


/**
 * qemuDomainRunInUse:
 * @driver: the driver
 * @name: a domain
 *
 * Returns: whether some process holds the run lock of @name (see
 * qemuDomainLockRun): a QEMU of it, or the child of a start that has
 * not executed QEMU yet; false when that cannot be told.
 */
bool
qemuDomainRunInUse(virQEMUDriver *driver, const char *name)
{
    return qemuDomainLockBusy(driver->configDirFd, driver->config->configDir,
                              name, "run");
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
    return qemuDomainLockFile(driver, QEMU_DRIVER_LOCK_FILE, VIR_FILE_LOCK_EXCLUSIVE,
                              qemuDomainJobWaitMs(driver), _("the driver"));
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
    const char *dir = driver->config->stateDir;
    g_autofree char *content = NULL;
    g_autofree char *next = NULL;
    VIR_AUTOCLOSE lock = -1;
    guint64 id = 1;

    /* A lock of its own: a start may run while the caller holds the
     * driver lock (creating a transient domain). */
    if ((lock = qemuDomainLockFile(driver, QEMU_DRIVER_ID_LOCK_FILE,
                                   VIR_FILE_LOCK_EXCLUSIVE,
                                   qemuDomainJobWaitMs(driver),
                                   _("the domain IDs"))) < 0)
        return -1;
    if (virFileReadAllAt(driver->stateDirFd, dir, QEMU_DRIVER_ID_FILE, 64, &content) < 0)
        return -1;
    if (content && !g_ascii_string_to_unsigned(g_strstrip(content), 10, 1,
                                               G_MAXINT - 1, &id, NULL)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("'%1$s/%2$s' does not hold a domain ID"), dir,
                       QEMU_DRIVER_ID_FILE);
        return -1;
    }
    next = g_strdup_printf("%" G_GUINT64_FORMAT "\n", id + 1);
    if (virFileWriteAtomicAt(driver->stateDirFd, dir, QEMU_DRIVER_ID_FILE, 0600,
                             next, strlen(next)) < 0)
        return -1;
    return (int)id;
}


/*
 * The file an interrupted virFileWriteAtomicAt() was replacing: "BASE"
 * of "BASE.new-XXXXXX" (the last dot starts "new-" and six characters),
 * or NULL.  No domain's own file looks like that: they all end in .xml,
 * .lock, .destroy or .log.
 */
static char *
qemuDomainStaleTempBase(const char *entry)
{
    const char *p = strrchr(entry, '.');

    if (!p || p == entry || !STRPREFIX(p, ".new-") ||
        strlen(p) != strlen(".new-XXXXXX"))
        return NULL;
    return g_strndup(entry, p - entry);
}


/* Removes @name of @dirfd if the lock @lockfd stands for could be taken,
 * which proves that nobody is writing it. */
static void
qemuDomainRemoveIfUnlocked(int dirfd, const char *dir, const char *name,
                           int lockfd)
{
    if (lockfd < 0) {
        virResetLastError();
        return;
    }
    VIR_INFO("removing '%s/%s', left by an interrupted write", dir, name);
    if (unlinkat(dirfd, name, 0) < 0 && errno != ENOENT)
        VIR_WARN("cannot remove '%s/%s': %s", dir, name, g_strerror(errno));
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
    struct {
        int fd;
        const char *path;
    } dirs[] = {
        { driver->configDirFd, driver->config->configDir },
        { driver->stateDirFd, driver->config->stateDir },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        DIR *dir;
        struct dirent *ent;
        int fd;

        if (dirs[i].fd < 0 || (fd = dup(dirs[i].fd)) < 0)
            continue;
        if (!(dir = fdopendir(fd))) {
            close(fd);
            continue;
        }
        rewinddir(dir);
        while ((ent = readdir(dir))) {
            g_autofree char *base = qemuDomainStaleTempBase(ent->d_name);
            g_autofree char *name = NULL;

            if (!base)
                continue;
            if (g_str_has_suffix(base, ".xml") && strlen(base) > 4) {
                name = g_strndup(base, strlen(base) - 4);
                if (qemuDomainNameIsSafe(name))
                    qemuDomainRemoveIfUnlocked(dirs[i].fd, dirs[i].path, ent->d_name,
                                               qemuDomainLockName(driver, name, false));
            } else if (i == 1 && STREQ(base, QEMU_DRIVER_ID_FILE)) {
                qemuDomainRemoveIfUnlocked(dirs[i].fd, dirs[i].path, ent->d_name,
                                           qemuDomainLockFile(driver, QEMU_DRIVER_ID_LOCK_FILE,
                                                              VIR_FILE_LOCK_EXCLUSIVE, 0,
                                                              _("the domain IDs")));
            }
        }
        closedir(dir);
    }
}


/* ---- the monitor and the process ------------------------------------- */

static void
qemuDomainMonitorEOF(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    VIR_DEBUG("monitor of domain %p closed by QEMU", opaque);
}


static const qemuMonitorCallbacks qemuDomainMonitorCallbacks = {
    .eofNotify = qemuDomainMonitorEOF,
};


/**
 * qemuDomainProcessOpen:
 * @vm: an active domain
 *
 * Verifies that the process recorded for @vm is its QEMU and pins it
 * (priv->proc): the recorded start time, and a command line carrying
 * the domain's UUID and the monitor socket this driver gave it, which
 * no process outside this driver's state directory has.  So a pid and
 * start time copied into a forged status file from some other process
 * never lead to that process being signalled.
 *
 * Returns: 1 when priv->proc is open, 0 when QEMU is gone (or the
 * recorded process is not this domain's QEMU), -1 with an error
 * reported.
 */
static int
qemuDomainProcessOpenLocked(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *chardev = NULL;
    g_autoptr(qemuDomainRun) run = NULL;
    const char *identity[3] = { NULL };
    int rc;

    if (priv->proc.pidfd >= 0)
        return 1;
    if (!priv->monitorPath) {
        priv->proc.gone = true;
        return 0;
    }
    chardev = qemuBuildMonitorChardevArg(priv->monitorPath);
    identity[0] = virUUIDFormat(vm->def->uuid, uuid);
    identity[1] = chardev;
    if ((rc = virProcessRefOpen(&priv->proc, identity)) > 0 && priv->proc.unverified) {
        if (qemuDomainReadPidFile(priv->driver, vm) == priv->proc.pid) {
            /* An exited QEMU whose own pid file still names it (it died
             * without cleaning up): ours to reap. */
            priv->proc.unverified = false;
        } else {
            /* An exited process nothing proves ours: not reaped, not
             * taken for the domain's QEMU. */
            pid_t pid = priv->proc.pid;
            unsigned long long start = priv->proc.startTime;

            virProcessRefSet(&priv->proc, pid, start);
            priv->proc.gone = true;
            rc = 0;
        }
    }
    if (rc != 0)
        return rc;

    /* The recorded process is gone or is not this domain's QEMU.  A
     * status file naming the wrong process must not hide the right one:
     * if the run's directory leads to this domain's QEMU, that is it. */
    if (!priv->privateDirName ||
        !(run = qemuDomainRunProbe(priv->driver, priv->privateDirName)) ||
        STRNEQ(run->name, vm->def->name) || run->id != vm->def->id ||
        memcmp(run->uuid, vm->def->uuid, VIR_UUID_BUFLEN) != 0 ||
        (run->pid == priv->proc.pid && run->startTime == priv->proc.startTime))
        return 0;
    g_free(priv->damage);
    priv->damage = g_strdup_printf(_("its status file names process %1$lld, which is not its QEMU; its QEMU is process %2$lld"),
                                   (long long)priv->proc.pid, (long long)run->pid);
    VIR_WARN("domain %s: %s", vm->def->name, priv->damage);
    virProcessRefSet(&priv->proc, run->pid, run->startTime);
    return virProcessRefOpen(&priv->proc, identity);
}


int
qemuDomainProcessOpen(virDomainObj *vm)
{
    int rc;

    virDomainObjLock(vm);
    rc = qemuDomainProcessOpenLocked(vm);
    virDomainObjUnlock(vm);
    return rc;
}


/**
 * qemuDomainGetMonitor:
 * @vm: a running domain in a job
 *
 * Returns: the job's monitor connection (opened on first use, closed by
 * qemuDomainObjEndJob), or NULL with an error reported.  Only a socket
 * served by the domain's verified QEMU is talked to.
 */
qemuMonitor *
qemuDomainGetMonitor(virDomainObj *vm)
{
    qemuDomainObjPrivate *priv = QEMU_DOMAIN_PRIVATE(vm);
    qemuMonitor *mon;
    int rc;

    if (priv->mon)
        return priv->mon;
    /* The run's persistent connection, where the instance keeps one:
     * only the stop path closes it, under the job this caller holds. */
    g_mutex_lock(&priv->liveLock);
    mon = priv->liveMon;
    g_mutex_unlock(&priv->liveLock);
    if (mon)
        return mon;
    if ((rc = qemuDomainProcessOpen(vm)) < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is not running"));
        return NULL;
    }
    /* start_timeout bounds the connection and every command on it. */
    if (!(priv->mon = qemuMonitorOpenPeer(priv->monitorPath, priv->proc.pidfd,
                                          priv->proc.pid,
                                          qemuDomainStartTimeoutMs(priv->driver),
                                          /* A QEMU still starting may not
                                           * have made its socket yet; a
                                           * running one's is there or gone. */
                                          priv->phase == QEMU_DOMAIN_PHASE_STARTING,
                                          &qemuDomainMonitorCallbacks, vm)))
        return NULL;
    qemuMonitorSetCommandTimeout(priv->mon, qemuDomainStartTimeoutMs(priv->driver));
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
