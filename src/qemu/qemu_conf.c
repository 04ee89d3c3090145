/*
 * qemu_conf.c: driver directories and qemu.conf
 *
 * Every instance of the driver is rooted somewhere, and never where an
 * upstream libvirt on the same host keeps its state:
 *
 *   embed    ROOT/etc/qemu.conf, ROOT/etc/qemu/, ROOT/run/qemu/,
 *            ROOT/log/qemu/, ROOT/lib/qemu/, ROOT/cache/qemu/
 *   system   /etc/libvirt-grace/qemu.conf, /etc/libvirt-grace/qemu/,
 *            /run/libvirt-grace/qemu/, /var/log/libvirt-grace/qemu/,
 *            /var/lib/libvirt-grace/qemu/, /var/cache/libvirt-grace/qemu/
 *   session  the same under $XDG_CONFIG_HOME/libvirt-grace,
 *            $XDG_RUNTIME_DIR/libvirt-grace, $XDG_CACHE_HOME/libvirt-grace
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>

#include <fcntl.h>

#include "qemu_conf.h"
#include "qemu_confpriv.h"
#include "virconf.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_conf");


void
virQEMUDriverConfigFree(virQEMUDriverConfig *cfg)
{
    if (!cfg)
        return;
    g_free(cfg->root);
    g_free(cfg->configFile);
    g_free(cfg->configDir);
    g_free(cfg->stateDir);
    g_free(cfg->logDir);
    g_free(cfg->libDir);
    g_free(cfg->nvramDir);
    g_free(cfg->cacheDir);
    g_free(cfg->defaultEmulator);
    g_clear_pointer(&cfg->autoShutdownOverride, g_hash_table_unref);
    g_free(cfg);
}


/**
 * virQEMUDriverConfigNew:
 * @mode: which kind of instance
 * @root: the embed root (absolute); NULL otherwise
 *
 * Returns: the directories of the instance and default settings.
 */
virQEMUDriverConfig *
virQEMUDriverConfigNew(qemuDriverMode mode, const char *root)
{
    g_autoptr(virQEMUDriverConfig) cfg = g_new0(virQEMUDriverConfig, 1);
    g_autofree char *etc = NULL;
    g_autofree char *run = NULL;
    g_autofree char *cache = NULL;

    cfg->mode = mode;
    switch (mode) {
    case QEMU_DRIVER_EMBED:
        cfg->root = g_strdup(root);
        cfg->configFile = g_build_filename(root, "etc", "qemu.conf", NULL);
        cfg->configDir = g_build_filename(root, "etc", "qemu", NULL);
        cfg->stateDir = g_build_filename(root, "run", "qemu", NULL);
        cfg->logDir = g_build_filename(root, "log", "qemu", NULL);
        cfg->libDir = g_build_filename(root, "lib", "qemu", NULL);
        cfg->cacheDir = g_build_filename(root, "cache", "qemu", NULL);
        break;
    case QEMU_DRIVER_SYSTEM:
        cfg->configFile = g_build_filename(SYSCONFDIR, PACKAGE, "qemu.conf", NULL);
        cfg->configDir = g_build_filename(SYSCONFDIR, PACKAGE, "qemu", NULL);
        cfg->stateDir = g_build_filename(RUNSTATEDIR, PACKAGE, "qemu", NULL);
        cfg->logDir = g_build_filename(LOCALSTATEDIR, "log", PACKAGE, "qemu", NULL);
        cfg->libDir = g_build_filename(LOCALSTATEDIR, "lib", PACKAGE, "qemu", NULL);
        cfg->cacheDir = g_build_filename(LOCALSTATEDIR, "cache", PACKAGE, "qemu", NULL);
        break;
    case QEMU_DRIVER_SESSION:
        etc = g_build_filename(g_get_user_config_dir(), PACKAGE, NULL);
        run = g_build_filename(g_get_user_runtime_dir(), PACKAGE, NULL);
        cache = g_build_filename(g_get_user_cache_dir(), PACKAGE, NULL);
        cfg->configFile = g_build_filename(etc, "qemu.conf", NULL);
        cfg->configDir = g_build_filename(etc, "qemu", NULL);
        cfg->stateDir = g_build_filename(run, "qemu", "run", NULL);
        cfg->logDir = g_build_filename(cache, "qemu", "log", NULL);
        cfg->libDir = g_build_filename(cache, "qemu", "lib", NULL);
        cfg->cacheDir = g_build_filename(cache, "qemu", "capabilities", NULL);
        break;
    }

    cfg->nvramDir = g_build_filename(cfg->libDir, "nvram", NULL);

    cfg->destroyTermTimeout = QEMU_DESTROY_TERM_TIMEOUT_DEFAULT;
    cfg->destroyKillTimeout = QEMU_DESTROY_KILL_TIMEOUT_DEFAULT;
    cfg->destroyGracefulTimeout = QEMU_DESTROY_GRACEFUL_TIMEOUT_DEFAULT;
    cfg->defaultEmulator = g_strdup(QEMU_DEFAULT_EMULATOR);
    cfg->startTimeout = QEMU_START_TIMEOUT_DEFAULT;
    cfg->jobWaitTimeout = QEMU_JOB_WAIT_TIMEOUT_DEFAULT;
    cfg->autoShutdownWait = QEMU_AUTO_SHUTDOWN_WAIT_DEFAULT;
    cfg->maxFiles = QEMU_MAX_FILES_DEFAULT;
    return g_steal_pointer(&cfg);
}


/* A timeout setting: a positive number of seconds, at most a day. */
static int
virQEMUDriverConfigGetTimeout(virConf *conf, const char *key, double *ret)
{
    double value;
    int rc;

    if ((rc = virConfGetValueDouble(conf, key, &value)) <= 0)
        return rc;
    if (value <= 0 || value > 86400 || !isfinite(value)) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: %3$s must be more than 0 and at most 86400 seconds, not %4$g"),
                       virConfGetOrigin(conf), virConfGetKeyLine(conf, key),
                       key, value);
        return -1;
    }
    *ret = value;
    return 0;
}


static const char *const virQEMUDriverConfigKeys[] = {
    "destroy_term_timeout",
    "destroy_kill_timeout",
    "destroy_graceful_timeout",
    "default_emulator",
    "start_timeout",
    "job_wait_timeout",
    "max_files",
    "auto_shutdown_try_save",
    "auto_shutdown_try_shutdown",
    "auto_shutdown_poweroff",
    "auto_shutdown_kill",
    "auto_shutdown_wait",
    "auto_shutdown_override",
    NULL,
};


VIR_ENUM_IMPL(qemuAutoShutdownScope, QEMU_AUTO_SHUTDOWN_SCOPE_LAST,
              "none", "persistent", "transient", "all");
VIR_ENUM_IMPL(qemuAutoShutdownAction, QEMU_AUTO_SHUTDOWN_ACTION_LAST,
              "none", "shutdown", "poweroff", "kill");


/* One of the auto_shutdown_* scopes; absent leaves @ret alone. */
static int
virQEMUDriverConfigGetScope(virConf *conf, const char *path, const char *key,
                            qemuAutoShutdownScope *ret)
{
    g_autofree char *value = NULL;
    int rc;
    int scope;

    if ((rc = virConfGetValueString(conf, key, &value)) <= 0)
        return rc;
    if ((scope = qemuAutoShutdownScopeTypeFromString(value)) < 0) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: %3$s must be one of none, persistent, transient, all, not '%4$s'"),
                       path, virConfGetKeyLine(conf, key), key, value);
        return -1;
    }
    *ret = scope;
    return 0;
}


/* auto_shutdown_override: a list of "NAME:ACTION". */
static int
virQEMUDriverConfigGetOverride(virConf *conf, const char *path,
                               GHashTable **ret)
{
    g_autoptr(GHashTable) table = NULL;
    g_auto(GStrv) list = NULL;
    int rc;

    if ((rc = virConfGetValueStringList(conf, "auto_shutdown_override", &list)) <= 0)
        return rc;
    table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; list[i]; i++) {
        const char *colon = strrchr(list[i], ':');
        int action;

        if (!colon || colon == list[i] ||
            (action = qemuAutoShutdownActionTypeFromString(colon + 1)) < 0) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: auto_shutdown_override entries are NAME:ACTION with ACTION one of none, shutdown, poweroff, kill, not '%3$s'"),
                           path, virConfGetKeyLine(conf, "auto_shutdown_override"),
                           list[i]);
            return -1;
        }
        g_hash_table_insert(table, g_strndup(list[i], colon - list[i]),
                            GINT_TO_POINTER(action));
    }
    *ret = g_steal_pointer(&table);
    return 0;
}


/**
 * virQEMUDriverConfigShutdownAction:
 * @cfg: a configuration
 * @name: a running domain
 * @persistent: whether it has a stored definition
 *
 * What host shutdown does to @name: its auto_shutdown_override entry,
 * else the furthest step whose scope takes it in.  The steps follow
 * each other (a domain asked to power off was first asked to shut down
 * when the shutdown scope takes it in).
 *
 * Returns: the last step to take.
 */
qemuAutoShutdownAction
virQEMUDriverConfigShutdownAction(const virQEMUDriverConfig *cfg,
                                  const char *name, bool persistent)
{
    const qemuAutoShutdownScope scopes[] = {
        [QEMU_AUTO_SHUTDOWN_ACTION_SHUTDOWN] = cfg->autoShutdownTryShutdown,
        [QEMU_AUTO_SHUTDOWN_ACTION_POWEROFF] = cfg->autoShutdownPoweroff,
        [QEMU_AUTO_SHUTDOWN_ACTION_KILL] = cfg->autoShutdownKill,
    };
    gpointer value;

    if (cfg->autoShutdownOverride &&
        g_hash_table_lookup_extended(cfg->autoShutdownOverride, name, NULL, &value))
        return GPOINTER_TO_INT(value);
    for (int a = QEMU_AUTO_SHUTDOWN_ACTION_KILL; a > QEMU_AUTO_SHUTDOWN_ACTION_NONE; a--) {
        if (scopes[a] == QEMU_AUTO_SHUTDOWN_SCOPE_ALL ||
            (scopes[a] == QEMU_AUTO_SHUTDOWN_SCOPE_PERSISTENT && persistent) ||
            (scopes[a] == QEMU_AUTO_SHUTDOWN_SCOPE_TRANSIENT && !persistent))
            return a;
    }
    return QEMU_AUTO_SHUTDOWN_ACTION_NONE;
}


/**
 * virQEMUDriverConfigKnownKeys:
 *
 * For the tests that hold the sample qemu.conf and its man page to the
 * code: every setting either must describe.
 *
 * Returns: the settings a qemu.conf may hold, NULL-terminated.
 */
const char *const *
virQEMUDriverConfigKnownKeys(void)
{
    return virQEMUDriverConfigKeys;
}


/**
 * virQEMUDriverConfigLoadFile:
 * @cfg: the configuration to update
 * @path: a qemu.conf; a missing file leaves the defaults
 *
 * A syntax error, a value of the wrong type or out of range, or a
 * setting this driver does not know fails the whole load, naming the
 * file, the line and the setting: a typo must not silently leave a
 * default in place.
 *
 * Returns: 0, or -1 with an error reported and @cfg unchanged.
 */
int
virQEMUDriverConfigLoadFile(virQEMUDriverConfig *cfg, const char *path)
{
    g_autoptr(virConf) conf = NULL;
    g_auto(GStrv) keys = NULL;
    g_autofree char *emulator = NULL;
    double term = cfg->destroyTermTimeout;
    double kill = cfg->destroyKillTimeout;
    double graceful = cfg->destroyGracefulTimeout;
    double start = cfg->startTimeout;
    double jobWait = cfg->jobWaitTimeout;
    unsigned int maxFiles = cfg->maxFiles;
    qemuAutoShutdownScope trySave = QEMU_AUTO_SHUTDOWN_SCOPE_NONE;
    qemuAutoShutdownScope tryShutdown = cfg->autoShutdownTryShutdown;
    qemuAutoShutdownScope poweroff = cfg->autoShutdownPoweroff;
    qemuAutoShutdownScope killScope = cfg->autoShutdownKill;
    double shutdownWait = cfg->autoShutdownWait;
    g_autoptr(GHashTable) override = NULL;
    int maxFilesSet;
    int rc;

    if (!(conf = virConfReadFile(path, VIR_CONF_READ_ALLOW_MISSING)))
        return -1;

    keys = virConfGetKeys(conf);
    for (size_t i = 0; keys[i]; i++) {
        bool known = false;

        for (size_t j = 0; virQEMUDriverConfigKeys[j]; j++)
            known |= STREQ(keys[i], virQEMUDriverConfigKeys[j]);
        if (!known) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: unknown setting '%3$s'"),
                           path, virConfGetKeyLine(conf, keys[i]), keys[i]);
            return -1;
        }
    }

    if (virQEMUDriverConfigGetTimeout(conf, "destroy_term_timeout", &term) < 0 ||
        virQEMUDriverConfigGetTimeout(conf, "destroy_kill_timeout", &kill) < 0 ||
        virQEMUDriverConfigGetTimeout(conf, "destroy_graceful_timeout", &graceful) < 0 ||
        virQEMUDriverConfigGetTimeout(conf, "start_timeout", &start) < 0 ||
        virQEMUDriverConfigGetTimeout(conf, "job_wait_timeout", &jobWait) < 0)
        return -1;

    if (virQEMUDriverConfigGetScope(conf, path, "auto_shutdown_try_save", &trySave) < 0 ||
        virQEMUDriverConfigGetScope(conf, path, "auto_shutdown_try_shutdown", &tryShutdown) < 0 ||
        virQEMUDriverConfigGetScope(conf, path, "auto_shutdown_poweroff", &poweroff) < 0 ||
        virQEMUDriverConfigGetScope(conf, path, "auto_shutdown_kill", &killScope) < 0 ||
        virQEMUDriverConfigGetOverride(conf, path, &override) < 0)
        return -1;
    /* As upstream: 0 means the built-in default. */
    if ((rc = virConfGetValueDouble(conf, "auto_shutdown_wait", &shutdownWait)) < 0)
        return -1;
    if (rc > 0 && shutdownWait == 0)
        shutdownWait = QEMU_AUTO_SHUTDOWN_WAIT_DEFAULT;
    else if (virQEMUDriverConfigGetTimeout(conf, "auto_shutdown_wait", &shutdownWait) < 0)
        return -1;
    if (trySave != QEMU_AUTO_SHUTDOWN_SCOPE_NONE) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: auto_shutdown_try_save must be 'none': this driver has no managed save"),
                       path, virConfGetKeyLine(conf, "auto_shutdown_try_save"));
        return -1;
    }

    if ((maxFilesSet = virConfGetValueUInt(conf, "max_files", &maxFiles)) < 0)
        return -1;
    if (maxFilesSet > 0 && (maxFiles < 1 || maxFiles > QEMU_MAX_FILES_MAX)) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: max_files must be from 1 to %3$d, not %4$u"),
                       path, virConfGetKeyLine(conf, "max_files"),
                       QEMU_MAX_FILES_MAX, maxFiles);
        return -1;
    }

    if ((rc = virConfGetValueString(conf, "default_emulator", &emulator)) < 0)
        return -1;
    if (rc > 0 && !g_path_is_absolute(emulator)) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: default_emulator must be an absolute path, not '%3$s'"),
                       path, virConfGetKeyLine(conf, "default_emulator"), emulator);
        return -1;
    }

    cfg->destroyTermTimeout = term;
    cfg->destroyKillTimeout = kill;
    cfg->destroyGracefulTimeout = graceful;
    cfg->startTimeout = start;
    cfg->jobWaitTimeout = jobWait;
    cfg->maxFiles = maxFiles;
    cfg->maxFilesSet = maxFilesSet > 0;
    cfg->autoShutdownTryShutdown = tryShutdown;
    cfg->autoShutdownPoweroff = poweroff;
    cfg->autoShutdownKill = killScope;
    cfg->autoShutdownWait = shutdownWait;
    if (override) {
        g_clear_pointer(&cfg->autoShutdownOverride, g_hash_table_unref);
        cfg->autoShutdownOverride = g_steal_pointer(&override);
    }
    if (emulator) {
        g_free(cfg->defaultEmulator);
        cfg->defaultEmulator = g_steal_pointer(&emulator);
    }
    VIR_DEBUG("%s: term %.3f s, kill %.3f s, graceful %.3f s, emulator %s",
              path, term, kill, graceful, cfg->defaultEmulator);
    return 0;
}


/**
 * virQEMUDriverConfigMakeDirs:
 * @cfg: a configuration
 *
 * Creates the instance's directories, private to the user (0700).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virQEMUDriverConfigMakeDirs(const virQEMUDriverConfig *cfg)
{
    const char *dirs[] = {
        cfg->configDir, cfg->stateDir, cfg->logDir, cfg->libDir, cfg->cacheDir,
    };

    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        if (virFileMakePathWithMode(dirs[i], 0700) < 0)
            return -1;
    }
    return 0;
}


/**
 * virQEMUDriverOpenDirs:
 * @driver: a driver with its configuration
 * @create: create missing directories first (0700); for read-write
 *          connections
 *
 * Opens the definition, state and log directories, each checked to be
 * a real directory (not a symbolic link), owned by the user running the
 * driver and writable by nobody else: a directory anyone else can write
 * could hold a planted link or a forged status file, so it is refused,
 * saying why, rather than used.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virQEMUDriverOpenDirs(virQEMUDriver *driver, bool create)
{
    virQEMUDriverConfig *cfg = driver->config;
    struct {
        const char *path;
        int *fd;
    } dirs[] = {
        { cfg->configDir, &driver->configDirFd },
        { cfg->stateDir, &driver->stateDirFd },
        { cfg->logDir, &driver->logDirFd },
    };

    const char *others[] = { cfg->cacheDir, cfg->configDir, cfg->stateDir,
                             cfg->logDir, cfg->cacheDir };

    if (create && virQEMUDriverConfigMakeDirs(cfg) < 0)
        return -1;
    /* The capability cache and the directories holding ours (an embed
     * root's etc, run, log and cache; the package's own directories
     * otherwise) are checked too, though not kept open: whoever can
     * write them can replace what is inside. */
    for (size_t i = 0; i < G_N_ELEMENTS(others); i++) {
        g_autofree char *path = i == 0 ? g_strdup(others[i]) :
                                         g_path_get_dirname(others[i]);
        int fd = virFileOpenDirTrusted(path, false);

        if (fd == -1)
            return -1;
        if (fd >= 0)
            close(fd);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        int fd = virFileOpenDirTrusted(dirs[i].path, create);

        if (fd == -1) {
            virQEMUDriverCloseDirs(driver);
            return -1;
        }
        *dirs[i].fd = fd < 0 ? -1 : fd;
    }
    /* The root's generation: bumped by every write of a domain's files,
     * by whichever process makes it (see qemu_domain.h). */
    if (driver->stateDirFd >= 0 &&
        (driver->genFd = create ?
                         virFileOpenLockFileAt(driver->stateDirFd, cfg->stateDir,
                                               "generation") :
                         virFileOpenAt(driver->stateDirFd, cfg->stateDir,
                                       "generation", O_RDONLY, 0)) < 0) {
        if (create || errno != ENOENT) {
            virQEMUDriverCloseDirs(driver);
            return -1;
        }
        virResetLastError();
    }
    return 0;
}


/**
 * virQEMUDriverCloseDirs:
 * @driver: a driver
 */
void
virQEMUDriverCloseDirs(virQEMUDriver *driver)
{
    virForceClose(&driver->genFd);
    virForceClose(&driver->configDirFd);
    virForceClose(&driver->stateDirFd);
    virForceClose(&driver->logDirFd);
}
