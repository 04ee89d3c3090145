/*
 * qemu_capabilities.c: what an emulator binary offers, probed once
 *
 * The on-disk form (cache files and test fixtures) is a GKeyFile:
 *
 *   [emulator]              format, binary, stat data, version, package,
 *                           arch, kvm (usable), kvmProbed (whether
 *                           /dev/kvm was usable when probed)
 *   [machine NAME]          one group per machine type, in QEMU's order
 *                           sorted by name: alias, default, maxCpus,
 *                           deprecated
 *   [types]                 names: every QOM type, sorted
 *
 * A cache file is trusted only while the binary's stat data and the
 * usability of /dev/kvm are what they were when it was written; the
 * "format" key lets a later version of this file refuse an older layout
 * (it is then probed again).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "qemu_capabilities.h"
#include "qemu_capabilitiespriv.h"
#include "qemu_monitor.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virprocess.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_capabilities");

/* Bumped whenever the key file layout changes. */
#define QEMU_CAPS_FORMAT_VERSION 1

#define QEMU_CAPS_GROUP_EMULATOR "emulator"
#define QEMU_CAPS_GROUP_TYPES "types"
#define QEMU_CAPS_MACHINE_PREFIX "machine "

/* How long a probe may take, from spawn to quit. */
#define QEMU_CAPS_PROBE_TIMEOUT_MS 30000


static void
virQEMUCapsMachineClear(virQEMUCapsMachine *machine)
{
    g_clear_pointer(&machine->name, g_free);
    g_clear_pointer(&machine->alias, g_free);
}


/**
 * virQEMUCapsNew:
 *
 * Returns: an empty capabilities object (no machines, no types).
 */
virQEMUCaps *
virQEMUCapsNew(void)
{
    virQEMUCaps *caps = g_new0(virQEMUCaps, 1);

    caps->types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return caps;
}


/**
 * virQEMUCapsFree:
 * @caps: capabilities, or NULL
 *
 * Frees @caps and everything it owns.
 */
void
virQEMUCapsFree(virQEMUCaps *caps)
{
    if (!caps)
        return;
    g_free(caps->binary);
    g_free(caps->package);
    g_free(caps->arch);
    for (size_t i = 0; i < caps->nmachines; i++)
        virQEMUCapsMachineClear(&caps->machines[i]);
    g_free(caps->machines);
    if (caps->types)
        g_hash_table_unref(caps->types);
    g_free(caps);
}


/**
 * virQEMUCapsAddMachine:
 * @caps: capabilities being built
 * @name: canonical machine name
 * @alias: its alias, or NULL
 * @isDefault: whether QEMU picks it without -machine
 * @maxCpus: the most vCPUs it takes
 * @deprecated: whether QEMU marks it deprecated
 *
 * Appends a machine type (copies the strings).
 */
void
virQEMUCapsAddMachine(virQEMUCaps *caps,
                      const char *name,
                      const char *alias,
                      bool isDefault,
                      unsigned int maxCpus,
                      bool deprecated)
{
    virQEMUCapsMachine *m;

    caps->machines = g_renew(virQEMUCapsMachine, caps->machines,
                             caps->nmachines + 1);
    m = &caps->machines[caps->nmachines++];
    m->name = g_strdup(name);
    m->alias = g_strdup(alias);
    m->isDefault = isDefault;
    m->maxCpus = maxCpus;
    m->deprecated = deprecated;
}


/**
 * virQEMUCapsAddType:
 * @caps: capabilities being built
 * @type: a QOM type name the binary offers
 */
void
virQEMUCapsAddType(virQEMUCaps *caps, const char *type)
{
    g_hash_table_add(caps->types, g_strdup(type));
}


/**
 * virQEMUCapsCopy:
 * @caps: capabilities
 *
 * Returns: a deep copy of @caps.
 */
virQEMUCaps *
virQEMUCapsCopy(const virQEMUCaps *caps)
{
    virQEMUCaps *copy = virQEMUCapsNew();
    GHashTableIter iter;
    gpointer key;

    copy->binary = g_strdup(caps->binary);
    copy->mtime = caps->mtime;
    copy->ctime = caps->ctime;
    copy->size = caps->size;
    copy->inode = caps->inode;
    copy->version = caps->version;
    copy->package = g_strdup(caps->package);
    copy->arch = g_strdup(caps->arch);
    copy->kvmSupported = caps->kvmSupported;
    copy->kvmProbed = caps->kvmProbed;
    for (size_t i = 0; i < caps->nmachines; i++) {
        const virQEMUCapsMachine *m = &caps->machines[i];

        virQEMUCapsAddMachine(copy, m->name, m->alias, m->isDefault,
                              m->maxCpus, m->deprecated);
    }
    g_hash_table_iter_init(&iter, caps->types);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        virQEMUCapsAddType(copy, key);
    return copy;
}


/**
 * virQEMUCapsGetMachine:
 * @caps: capabilities
 * @name: a canonical machine name or an alias; NULL for the default
 *
 * Returns: the machine type, or NULL if the binary does not know it.
 */
const virQEMUCapsMachine *
virQEMUCapsGetMachine(const virQEMUCaps *caps, const char *name)
{
    for (size_t i = 0; i < caps->nmachines; i++) {
        const virQEMUCapsMachine *m = &caps->machines[i];

        if (!name) {
            if (m->isDefault)
                return m;
        } else if (STREQ(m->name, name) || STREQ_NULLABLE(m->alias, name)) {
            return m;
        }
    }
    return NULL;
}


/**
 * virQEMUCapsGetCanonicalMachine:
 * @caps: capabilities
 * @name: a canonical machine name or an alias; NULL for the default
 *
 * Returns: the canonical name (owned by @caps), or NULL if the binary
 * does not know @name.
 */
const char *
virQEMUCapsGetCanonicalMachine(const virQEMUCaps *caps, const char *name)
{
    const virQEMUCapsMachine *m = virQEMUCapsGetMachine(caps, name);

    return m ? m->name : NULL;
}


/**
 * virQEMUCapsHasType:
 * @caps: capabilities
 * @type: a QOM type name, e.g. "virtio-blk-pci"
 *
 * Returns: whether the binary offers @type.
 */
bool
virQEMUCapsHasType(const virQEMUCaps *caps, const char *type)
{
    return g_hash_table_contains(caps->types, type);
}


static gint
virQEMUCapsCompareStrings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


/**
 * virQEMUCapsFormat:
 * @caps: capabilities
 *
 * Returns: the key-file text for a cache file or a test fixture; the
 * same @caps always gives the same text (types are sorted).
 */
char *
virQEMUCapsFormat(const virQEMUCaps *caps)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    g_autofree const char **types = NULL;
    guint ntypes = 0;

    g_key_file_set_integer(kf, QEMU_CAPS_GROUP_EMULATOR, "format",
                           QEMU_CAPS_FORMAT_VERSION);
    g_key_file_set_string(kf, QEMU_CAPS_GROUP_EMULATOR, "binary",
                          NULLSTR_EMPTY(caps->binary));
    g_key_file_set_int64(kf, QEMU_CAPS_GROUP_EMULATOR, "mtime", caps->mtime);
    g_key_file_set_int64(kf, QEMU_CAPS_GROUP_EMULATOR, "ctime", caps->ctime);
    g_key_file_set_int64(kf, QEMU_CAPS_GROUP_EMULATOR, "size", caps->size);
    g_key_file_set_uint64(kf, QEMU_CAPS_GROUP_EMULATOR, "inode", caps->inode);
    g_key_file_set_integer(kf, QEMU_CAPS_GROUP_EMULATOR, "version",
                           caps->version);
    g_key_file_set_string(kf, QEMU_CAPS_GROUP_EMULATOR, "package",
                          NULLSTR_EMPTY(caps->package));
    g_key_file_set_string(kf, QEMU_CAPS_GROUP_EMULATOR, "arch",
                          NULLSTR_EMPTY(caps->arch));
    g_key_file_set_boolean(kf, QEMU_CAPS_GROUP_EMULATOR, "kvm",
                           caps->kvmSupported);
    g_key_file_set_boolean(kf, QEMU_CAPS_GROUP_EMULATOR, "kvmProbed",
                           caps->kvmProbed);

    for (size_t i = 0; i < caps->nmachines; i++) {
        const virQEMUCapsMachine *m = &caps->machines[i];
        g_autofree char *group = g_strdup_printf(QEMU_CAPS_MACHINE_PREFIX "%s",
                                                 m->name);

        if (m->alias)
            g_key_file_set_string(kf, group, "alias", m->alias);
        g_key_file_set_boolean(kf, group, "default", m->isDefault);
        g_key_file_set_integer(kf, group, "maxCpus", m->maxCpus);
        g_key_file_set_boolean(kf, group, "deprecated", m->deprecated);
    }

    types = (const char **)g_hash_table_get_keys_as_array(caps->types, &ntypes);
    qsort(types, ntypes, sizeof(*types), virQEMUCapsCompareStrings);
    g_key_file_set_string_list(kf, QEMU_CAPS_GROUP_TYPES, "names",
                               types, ntypes);

    return g_key_file_to_data(kf, NULL, NULL);
}


/* Reports a malformed capabilities file: @origin says which. */
static void
virQEMUCapsReportParseError(const char *origin, const char *detail)
{
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("cannot parse QEMU capabilities '%1$s': %2$s"),
                   origin, detail);
}


static void
virQEMUCapsReportBadKey(const char *origin, const char *group, const char *key)
{
    g_autofree char *detail = g_strdup_printf("key '%s' in group [%s] is missing or invalid",
                                              key, group);

    virQEMUCapsReportParseError(origin, detail);
}


/*
 * Typed look-ups that report a missing or malformed key themselves
 * (GLib's own messages are not stable enough to show or test).
 */
static int
virQEMUCapsGetInt64(GKeyFile *kf, const char *origin, const char *group,
                    const char *key, gint64 *ret)
{
    g_autoptr(GError) gerr = NULL;
    gint64 val = g_key_file_get_int64(kf, group, key, &gerr);

    if (gerr) {
        virQEMUCapsReportBadKey(origin, group, key);
        return -1;
    }
    *ret = val;
    return 0;
}


static int
virQEMUCapsGetBool(GKeyFile *kf, const char *origin, const char *group,
                   const char *key, bool *ret)
{
    g_autoptr(GError) gerr = NULL;
    gboolean val = g_key_file_get_boolean(kf, group, key, &gerr);

    if (gerr) {
        virQEMUCapsReportBadKey(origin, group, key);
        return -1;
    }
    *ret = val;
    return 0;
}


static int
virQEMUCapsGetString(GKeyFile *kf, const char *origin, const char *group,
                     const char *key, char **ret)
{
    char *val = g_key_file_get_string(kf, group, key, NULL);

    if (!val) {
        virQEMUCapsReportBadKey(origin, group, key);
        return -1;
    }
    *ret = val;
    return 0;
}


static int
virQEMUCapsParseMachine(virQEMUCaps *caps, GKeyFile *kf, const char *origin,
                        const char *group)
{
    const char *name = group + strlen(QEMU_CAPS_MACHINE_PREFIX);
    g_autofree char *alias = g_key_file_get_string(kf, group, "alias", NULL);
    bool isDefault;
    bool deprecated;
    gint64 maxCpus;

    if (virQEMUCapsGetBool(kf, origin, group, "default", &isDefault) < 0 ||
        virQEMUCapsGetBool(kf, origin, group, "deprecated", &deprecated) < 0 ||
        virQEMUCapsGetInt64(kf, origin, group, "maxCpus", &maxCpus) < 0)
        return -1;
    if (!*name || maxCpus <= 0 || maxCpus > G_MAXINT) {
        g_autofree char *detail = g_strdup_printf("invalid machine group [%s]",
                                                  group);

        virQEMUCapsReportParseError(origin, detail);
        return -1;
    }
    virQEMUCapsAddMachine(caps, name, alias, isDefault, maxCpus, deprecated);
    return 0;
}


/**
 * virQEMUCapsParse:
 * @data: key-file text written by virQEMUCapsFormat
 * @origin: where it came from, for the error message (a path)
 *
 * Returns: the capabilities, or NULL with VIR_ERR_INTERNAL_ERROR
 * reported when @data is not a complete capabilities file of this
 * format version.
 */
virQEMUCaps *
virQEMUCapsParse(const char *data, const char *origin)
{
    const char *emu = QEMU_CAPS_GROUP_EMULATOR;
    g_autoptr(GKeyFile) kf = g_key_file_new();
    g_autoptr(virQEMUCaps) caps = virQEMUCapsNew();
    g_auto(GStrv) groups = NULL;
    g_auto(GStrv) types = NULL;
    gint64 format;
    gint64 version;
    gint64 mtime, ctime, size, inode;

    if (!g_key_file_load_from_data(kf, data, -1, G_KEY_FILE_NONE, NULL)) {
        virQEMUCapsReportParseError(origin, "it is not a key file");
        return NULL;
    }

    if (virQEMUCapsGetInt64(kf, origin, emu, "format", &format) < 0)
        return NULL;
    if (format != QEMU_CAPS_FORMAT_VERSION) {
        g_autofree char *detail = g_strdup_printf("format %lld is not %d",
                                                  (long long)format,
                                                  QEMU_CAPS_FORMAT_VERSION);
        virQEMUCapsReportParseError(origin, detail);
        return NULL;
    }

    if (virQEMUCapsGetString(kf, origin, emu, "binary", &caps->binary) < 0 ||
        virQEMUCapsGetInt64(kf, origin, emu, "mtime", &mtime) < 0 ||
        virQEMUCapsGetInt64(kf, origin, emu, "ctime", &ctime) < 0 ||
        virQEMUCapsGetInt64(kf, origin, emu, "size", &size) < 0 ||
        virQEMUCapsGetInt64(kf, origin, emu, "inode", &inode) < 0 ||
        virQEMUCapsGetInt64(kf, origin, emu, "version", &version) < 0 ||
        virQEMUCapsGetString(kf, origin, emu, "package", &caps->package) < 0 ||
        virQEMUCapsGetString(kf, origin, emu, "arch", &caps->arch) < 0 ||
        virQEMUCapsGetBool(kf, origin, emu, "kvm", &caps->kvmSupported) < 0 ||
        virQEMUCapsGetBool(kf, origin, emu, "kvmProbed", &caps->kvmProbed) < 0)
        return NULL;

    if (version <= 0 || version > G_MAXUINT) {
        virQEMUCapsReportParseError(origin, "the version is out of range");
        return NULL;
    }
    caps->version = version;
    caps->mtime = mtime;
    caps->ctime = ctime;
    caps->size = size;
    caps->inode = inode;
    if (!*caps->binary || !*caps->arch) {
        virQEMUCapsReportParseError(origin, "the binary or arch is empty");
        return NULL;
    }

    groups = g_key_file_get_groups(kf, NULL);
    for (size_t i = 0; groups[i]; i++) {
        if (STRPREFIX(groups[i], QEMU_CAPS_MACHINE_PREFIX) &&
            virQEMUCapsParseMachine(caps, kf, origin, groups[i]) < 0)
            return NULL;
    }
    if (caps->nmachines == 0) {
        virQEMUCapsReportParseError(origin, "no machine types");
        return NULL;
    }

    if (!(types = g_key_file_get_string_list(kf, QEMU_CAPS_GROUP_TYPES, "names",
                                             NULL, NULL))) {
        virQEMUCapsReportBadKey(origin, QEMU_CAPS_GROUP_TYPES, "names");
        return NULL;
    }
    for (size_t i = 0; types[i]; i++)
        virQEMUCapsAddType(caps, types[i]);

    return g_steal_pointer(&caps);
}


/* ---- probing ------------------------------------------------------- */

/**
 * virQEMUCapsKVMUsable:
 *
 * Returns: whether /dev/kvm can be opened for reading and writing by
 * this process, which is what QEMU needs for accel=kvm.
 */
bool
virQEMUCapsKVMUsable(void)
{
    return access("/dev/kvm", R_OK | W_OK) == 0;
}



/*
 * A listening socket at @path with a client already connected to it:
 * QEMU inherits the listening end (so it never has to create the path,
 * and we never race it), we keep the client end.  If QEMU dies before
 * accepting, the queued connection is reset and the client reads EOF
 * at once instead of waiting for a timeout.
 */
static int
virQEMUCapsProbeSockets(const char *path, int *retListen, int *retClient)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    VIR_AUTOCLOSE lfd = -1;
    VIR_AUTOCLOSE cfd = -1;

    if (g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path)) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("monitor socket path '%1$s' is too long"), path);
        return -1;
    }
    unlink(path);

    if ((lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(lfd, 1) < 0 ||
        (cfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        connect(cfd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        virReportSystemError(errno, _("cannot set up monitor socket '%1$s'"),
                             path);
        return -1;
    }
    *retListen = g_steal_fd(&lfd);
    *retClient = g_steal_fd(&cfd);
    return 0;
}


/* Fills @caps from a monitor connected to the probing QEMU. */
static int
virQEMUCapsProbeQMP(virQEMUCaps *caps, qemuMonitor *mon)
{
    qemuMonitorMachineInfo *machines = NULL;
    size_t nmachines = 0;
    g_auto(GStrv) types = NULL;
    unsigned int major, minor, micro;
    bool kvmEnabled = false;
    bool kvmPresent = false;

    if (qemuMonitorGetVersion(mon, &major, &minor, &micro, &caps->package) < 0)
        return -1;
    caps->version = major * 1000000 + minor * 1000 + micro;

    /* Asked, not guessed from the file name: distributions rename and
     * wrap their emulators. */
    if (qemuMonitorGetTargetArch(mon, &caps->arch) < 0)
        return -1;

    if (qemuMonitorGetMachines(mon, &machines, &nmachines) < 0)
        return -1;
    for (size_t i = 0; i < nmachines; i++) {
        const qemuMonitorMachineInfo *m = &machines[i];

        virQEMUCapsAddMachine(caps, m->name, m->alias, m->isDefault,
                              m->maxCpus, m->deprecated);
    }
    qemuMonitorMachineInfoListFree(machines, nmachines);

    if (qemuMonitorGetKVMState(mon, &kvmEnabled, &kvmPresent) < 0)
        return -1;
    caps->kvmSupported = caps->kvmProbed && kvmEnabled && kvmPresent;

    if (qemuMonitorGetObjectTypes(mon, &types) < 0)
        return -1;
    for (size_t i = 0; types[i]; i++)
        virQEMUCapsAddType(caps, types[i]);

    return 0;
}


static int
virQEMUCapsCompareMachines(const void *a, const void *b)
{
    return strcmp(((const virQEMUCapsMachine *)a)->name,
                  ((const virQEMUCapsMachine *)b)->name);
}


/*
 * Ends the probing emulator (it has normally quit by itself already: a
 * probe QEMU has no guest data to lose) and reaps it, then returns what
 * it wrote on stderr (@errfd, the read end of its output pipe), as
 * valid UTF-8.
 */
static char *
virQEMUCapsProbeReap(virProcessRef *proc, int errfd)
{
    g_autoptr(GString) out = g_string_new(NULL);
    char buf[4096];
    ssize_t n;

    if (virProcessRefSignal(proc, SIGKILL) < 0 ||
        virProcessRefWait(proc, -1, NULL) < 0)
        virResetLastError();
    /* Every writer is gone: the pipe ends, nothing blocks. */
    while ((n = read(errfd, buf, sizeof(buf))) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        g_string_append_len(out, buf, n);
    }
    return g_utf8_make_valid(out->str, out->len);
}


/*
 * After a failed probe: when the emulator said why on stderr (an
 * unknown option, a missing library...), reports that instead of the
 * monitor's error, which only says the connection closed.
 */
static void
virQEMUCapsProbeFailed(virProcessRef *proc, int errfd, const char *binary)
{
    g_autofree char *errText = NULL;

    /* What the silent emulator was doing, for whoever reads the log. */
    if (virGetLastErrorCode() == VIR_ERR_OPERATION_TIMEOUT) {
        g_autofree char *state = virProcessRefGetState(proc);

        VIR_WARN("probing QEMU %s (pid %lld) did not answer; its state: %s",
                 binary, (long long)proc->pid, NULLSTR(state));
    }
    errText = virQEMUCapsProbeReap(proc, errfd);

    if (*g_strstrip(errText)) {
        g_strdelimit(errText, "\n", ' ');
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot probe emulator '%1$s': %2$s"), binary, errText);
    }
}


/**
 * virQEMUCapsProbe:
 * @binary: absolute path of the emulator
 * @runDir: a directory for the probe's monitor socket
 * @sb: stat data of @binary, recorded in the result
 * @timeoutMs: how long the emulator may take to answer
 *
 * Starts @binary once without a guest ("-machine none"), asks it over
 * QMP for its version, machine types, KVM state and QOM types, then
 * makes it quit and reaps it.  KVM is tried only when /dev/kvm is
 * usable; otherwise the probe uses TCG and records KVM as unusable.
 *
 * Returns: the capabilities, or NULL with an error reported.
 */
virQEMUCaps *
virQEMUCapsProbe(const char *binary, const char *runDir, const struct stat *sb,
                 int timeoutMs)
{
    static const char *const env[] = {
        "LC_ALL=C",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        NULL,
    };
    g_autoptr(virQEMUCaps) caps = virQEMUCapsNew();
    g_autofree char *sockPath = NULL;
    g_autofree char *chardev = NULL;
    qemuMonitor *mon = NULL;
    VIR_AUTOCLOSE lfd = -1;
    VIR_AUTOCLOSE cfd = -1;
    VIR_AUTOCLOSE errRead = -1;
    VIR_AUTOCLOSE errWrite = -1;
    g_auto(virProcessRef) proc = VIR_PROCESS_REF_INIT;
    virProcessSpawnOpts opts = { 0 };
    int errPipe[2];
    pid_t pid;

    if (virFileMakePathWithMode(runDir, 0700) < 0)
        return NULL;
    sockPath = g_strdup_printf("%s/capsprobe-%d-%p.sock", runDir,
                               (int)getpid(), (void *)caps);
    if (virQEMUCapsProbeSockets(sockPath, &lfd, &cfd) < 0)
        return NULL;
    if (pipe2(errPipe, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", _("cannot create a pipe for the probing emulator"));
        unlink(sockPath);
        return NULL;
    }
    errRead = errPipe[0];
    errWrite = errPipe[1];

    caps->binary = g_strdup(binary);
    caps->mtime = sb->st_mtime;
    caps->ctime = sb->st_ctime;
    caps->size = sb->st_size;
    caps->inode = sb->st_ino;
    caps->kvmProbed = virQEMUCapsKVMUsable();
    chardev = g_strdup_printf("socket,id=probe,fd=%d,server=on,wait=off", lfd);

    {
        const char *argv[] = {
            binary, "-S", "-no-user-config", "-nodefaults", "-nographic",
            "-machine", caps->kvmProbed ? "none,accel=kvm:tcg" : "none,accel=tcg",
            "-chardev", chardev, "-mon", "chardev=probe,mode=control", NULL,
        };
        int passfds[] = { lfd };

        opts.umask = 077;
        opts.logfd = errWrite;
        opts.passfds = passfds;
        opts.npassfds = G_N_ELEMENTS(passfds);
        /* A probe must not outlive the thread that waits for it. */
        opts.dieWithParent = true;
        if (virProcessSpawn(argv, env, &opts, &pid) < 0) {
            unlink(sockPath);
            return NULL;
        }
    }
    /* The listening end and the pipe's write end now live in QEMU only,
     * so its exit ends both. */
    virForceClose(&lfd);
    virForceClose(&errWrite);
    unlink(sockPath);

    if (virProcessRefOpenChild(&proc, pid) <= 0) {
        /* It can only be our unreaped child: reap it whatever it is. */
        virProcessReap(pid);
        if (virGetLastErrorCode() == VIR_ERR_OK)
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("emulator '%1$s' exited as soon as it started"), binary);
        return NULL;
    }

    if (!(mon = qemuMonitorOpenFD(g_steal_fd(&cfd), timeoutMs, NULL, NULL))) {
        virQEMUCapsProbeFailed(&proc, errRead, binary);
        return NULL;
    }
    if (virQEMUCapsProbeQMP(caps, mon) < 0) {
        qemuMonitorClose(mon);
        virQEMUCapsProbeFailed(&proc, errRead, binary);
        return NULL;
    }
    /* Quit politely; if QEMU does not, it is ended while reaping. */
    if (qemuMonitorQuit(mon) < 0) {
        VIR_WARN("probing QEMU %s did not quit: %s", binary,
                 virGetLastErrorMessage());
        virResetLastError();
    }
    qemuMonitorClose(mon);
    g_free(virQEMUCapsProbeReap(&proc, errRead));

    qsort(caps->machines, caps->nmachines, sizeof(*caps->machines),
          virQEMUCapsCompareMachines);
    VIR_DEBUG("probed %s: version %u, %zu machines, %u types, kvm %d",
              binary, caps->version, caps->nmachines,
              g_hash_table_size(caps->types), caps->kvmSupported);
    return g_steal_pointer(&caps);
}



/* ---- the cache ----------------------------------------------------- */

struct _virQEMUCapsCache {
    char *cacheDir;
    char *runDir;
    int probeTimeoutMs;
    GMutex lock;
    GHashTable *entries;   /* binary -> virQEMUCaps *, probed or loaded */
    GHashTable *fixtures;  /* binary -> virQEMUCaps *, never stat'ed */
};


/*
 * A probe that timed out is tried once more: it only reads what the
 * binary offers, so repeating it is harmless, and a probing QEMU has
 * been seen (twice in some thousands of probes on a loaded machine) to
 * greet and then not answer.  Both attempts together stay within the
 * cache's timeout (the driver's start_timeout): each gets half of it.
 * The first failure stays in the log.
 */
static virQEMUCaps *
virQEMUCapsProbeRetry(virQEMUCapsCache *cache, const char *binary,
                      const struct stat *sb)
{
    int halfMs = MAX(cache->probeTimeoutMs / 2, 1);
    virQEMUCaps *caps = virQEMUCapsProbe(binary, cache->runDir, sb, halfMs);

    if (caps || virGetLastErrorCode() != VIR_ERR_OPERATION_TIMEOUT)
        return caps;
    VIR_WARN("probing %s timed out (%s); probing once more", binary,
             virGetLastErrorMessage());
    virResetLastError();
    return virQEMUCapsProbe(binary, cache->runDir, sb, halfMs);
}


/**
 * virQEMUCapsCacheNew:
 * @cacheDir: where cache files live (created on first write)
 * @runDir: where probe monitor sockets go (created on first probe)
 *
 * Returns: a new, empty cache.
 */
virQEMUCapsCache *
virQEMUCapsCacheNew(const char *cacheDir, const char *runDir)
{
    virQEMUCapsCache *cache = g_new0(virQEMUCapsCache, 1);

    cache->cacheDir = g_strdup(cacheDir);
    cache->runDir = g_strdup(runDir);
    cache->probeTimeoutMs = QEMU_CAPS_PROBE_TIMEOUT_MS;
    g_mutex_init(&cache->lock);
    cache->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)virQEMUCapsFree);
    cache->fixtures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)virQEMUCapsFree);
    return cache;
}


/**
 * virQEMUCapsCacheFree:
 * @cache: a cache, or NULL
 */
void
virQEMUCapsCacheFree(virQEMUCapsCache *cache)
{
    if (!cache)
        return;
    g_free(cache->cacheDir);
    g_free(cache->runDir);
    g_hash_table_unref(cache->entries);
    g_hash_table_unref(cache->fixtures);
    g_mutex_clear(&cache->lock);
    g_free(cache);
}


/**
 * virQEMUCapsCacheInsertFixture:
 * @cache: a cache
 * @binary: the emulator path to answer for
 * @caps: what to answer (stolen)
 *
 * For tests: later lookups of @binary return a copy of @caps without
 * looking at the file system.
 */
void
virQEMUCapsCacheInsertFixture(virQEMUCapsCache *cache,
                              const char *binary,
                              virQEMUCaps *caps)
{
    g_mutex_lock(&cache->lock);
    g_hash_table_replace(cache->fixtures, g_strdup(binary), caps);
    g_mutex_unlock(&cache->lock);
}


/**
 * virQEMUCapsCacheFilePath:
 * @cache: a cache
 * @binary: an emulator path
 *
 * Returns: the path of @binary's cache file (named after a hash of
 * @binary, so any path maps to one flat file name).
 */
char *
virQEMUCapsCacheFilePath(virQEMUCapsCache *cache, const char *binary)
{
    g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256,
                                                         binary, -1);

    return g_strdup_printf("%s/%s.caps", cache->cacheDir, sum);
}


/* Whether @caps still describes @binary as it is now. */
static bool
virQEMUCapsIsFresh(const virQEMUCaps *caps,
                   const char *binary,
                   const struct stat *sb,
                   bool kvmUsable)
{
    return STREQ(caps->binary, binary) &&
           caps->mtime == sb->st_mtime &&
           caps->ctime == sb->st_ctime &&
           caps->size == sb->st_size &&
           caps->inode == sb->st_ino &&
           caps->kvmProbed == kvmUsable;
}


/* The on-disk entry for @binary if it is fresh; NULL (nothing
 * reported) if it is missing, unreadable, malformed or stale. */
static virQEMUCaps *
virQEMUCapsCacheLoad(virQEMUCapsCache *cache,
                     const char *binary,
                     const struct stat *sb,
                     bool kvmUsable)
{
    g_autofree char *path = virQEMUCapsCacheFilePath(cache, binary);
    g_autofree char *name = g_path_get_basename(path);
    g_autofree char *data = NULL;
    g_autoptr(virQEMUCaps) caps = NULL;
    VIR_AUTOCLOSE dirfd = -1;

    /* What is cached decides which machines and devices a domain gets:
     * read it only from a directory of ours, never through a link. */
    if ((dirfd = virFileOpenDirTrusted(cache->cacheDir, false)) < 0 ||
        virFileReadAllAt(dirfd, cache->cacheDir, name, 16 * 1024 * 1024, &data) <= 0) {
        if (dirfd == -1 || virGetLastErrorCode() != VIR_ERR_OK)
            VIR_WARN("ignoring QEMU capabilities cache %s: %s", path,
                     virGetLastErrorMessage());
        virResetLastError();
        return NULL;
    }
    if (!(caps = virQEMUCapsParse(data, path))) {
        VIR_WARN("ignoring QEMU capabilities cache %s: %s", path,
                 virGetLastErrorMessage());
        virResetLastError();
        return NULL;
    }
    if (!virQEMUCapsIsFresh(caps, binary, sb, kvmUsable)) {
        VIR_DEBUG("cache file %s is stale for %s", path, binary);
        return NULL;
    }
    return g_steal_pointer(&caps);
}


/* Writes @caps to the cache directory.  A failure only costs a probe
 * next time, so it is logged, not reported. */
static void
virQEMUCapsCacheSave(virQEMUCapsCache *cache, const virQEMUCaps *caps)
{
    g_autofree char *path = virQEMUCapsCacheFilePath(cache, caps->binary);
    g_autofree char *name = g_path_get_basename(path);
    g_autofree char *data = virQEMUCapsFormat(caps);
    VIR_AUTOCLOSE dirfd = -1;

    if (virFileMakePathWithMode(cache->cacheDir, 0755) < 0 ||
        (dirfd = virFileOpenDirTrusted(cache->cacheDir, true)) < 0 ||
        virFileWriteAtomicAt(dirfd, cache->cacheDir, name, 0644, data,
                             strlen(data)) < 0) {
        VIR_WARN("cannot save QEMU capabilities cache %s: %s", path,
                 virGetLastErrorMessage());
        virResetLastError();
    }
}


static int
virQEMUCapsCheckVersion(const virQEMUCaps *caps)
{
    if (caps->version < QEMU_MIN_VERSION) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("QEMU version >= %1$d.%2$d.%3$d is required, but %4$d.%5$d.%6$d found"),
                       QEMU_MIN_VERSION / 1000000,
                       (QEMU_MIN_VERSION / 1000) % 1000,
                       QEMU_MIN_VERSION % 1000,
                       caps->version / 1000000,
                       (caps->version / 1000) % 1000,
                       caps->version % 1000);
        return -1;
    }
    return 0;
}


/**
 * virQEMUCapsCacheLookup:
 * @cache: a cache
 * @binary: absolute path of an emulator
 *
 * Finds what @binary offers: a fixture if one was inserted, else the
 * in-memory entry if @binary has not changed since, else a fresh cache
 * file, else a new probe (which is then saved).  The lock is held
 * across a probe, so two threads never probe the same binary at once.
 *
 * Returns: a copy the caller frees, or NULL with an error reported:
 * VIR_ERR_SYSTEM_ERROR when @binary cannot be stat'ed,
 * VIR_ERR_CONFIG_UNSUPPORTED when it is older than QEMU_MIN_VERSION,
 * or whatever the probe reported.
 */
virQEMUCaps *
virQEMUCapsCacheLookup(virQEMUCapsCache *cache, const char *binary)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&cache->lock);
    virQEMUCaps *found;
    g_autoptr(virQEMUCaps) loaded = NULL;
    struct stat sb;
    bool kvmUsable;

    if ((found = g_hash_table_lookup(cache->fixtures, binary))) {
        if (virQEMUCapsCheckVersion(found) < 0)
            return NULL;
        return virQEMUCapsCopy(found);
    }

    if (stat(binary, &sb) < 0) {
        virReportSystemError(errno, _("Cannot check QEMU binary %1$s"), binary);
        return NULL;
    }
    kvmUsable = virQEMUCapsKVMUsable();

    found = g_hash_table_lookup(cache->entries, binary);
    if (!found || !virQEMUCapsIsFresh(found, binary, &sb, kvmUsable)) {
        if (!(loaded = virQEMUCapsCacheLoad(cache, binary, &sb, kvmUsable))) {
            if (!(loaded = virQEMUCapsProbeRetry(cache, binary, &sb)))
                return NULL;
            virQEMUCapsCacheSave(cache, loaded);
        }
        found = loaded;
        g_hash_table_replace(cache->entries, g_strdup(binary),
                             g_steal_pointer(&loaded));
    }

    if (virQEMUCapsCheckVersion(found) < 0)
        return NULL;
    return virQEMUCapsCopy(found);
}


/**
 * virQEMUCapsCacheSetProbeTimeout:
 * @cache: a cache
 * @timeoutMs: how long probing an emulator may take in all (the
 *             driver gives its start_timeout; tests shorten it for
 *             emulators that never answer)
 */
void
virQEMUCapsCacheSetProbeTimeout(virQEMUCapsCache *cache, int timeoutMs)
{
    cache->probeTimeoutMs = timeoutMs;
}
