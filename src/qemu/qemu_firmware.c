/*
 * qemu_firmware.c: picking a UEFI firmware from the host's descriptors
 *
 * Firmware packages (Debian's ovmf) describe what they install in JSON
 * files that follow QEMU's docs/interop/firmware.json: the executable,
 * the template of its variable store, the machines it runs and its
 * features.  The files live in /usr/share/qemu/firmware, and the
 * administrator overrides or hides one by putting a file of the same
 * name in /etc/qemu/firmware.  Files are considered in the order of
 * their names, whatever the directory (a name's first directory wins).
 *
 * For <os firmware='efi'>, as upstream 9.0 does, the first descriptor
 * that is a UEFI firmware in flash for x86_64 and the guest's machine
 * type wins; one that requires SMM turns SMM on (a definition that
 * turns SMM off is refused, as upstream refuses it), one that has
 * Secure Boot makes the flash secure.  The live definition then names the firmware
 * (<loader>) and the domain's own variable store (<nvram>), and no
 * longer says firmware='efi'.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-glib/json-glib.h>

#include "qemu_firmware.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_firmware");

/* Descriptors are small; anything bigger is not one. */
#define QEMU_FIRMWARE_DESCRIPTOR_MAX (64 * 1024)
/* Variable stores are a few MiB at most (OVMF's: 540 KiB). */
#define QEMU_FIRMWARE_NVRAM_MAX (64 * 1024 * 1024)

/* The directories of a host's descriptors, most important first. */
const char *const qemuFirmwareSystemDirs[] = {
    "/etc/qemu/firmware",
    "/usr/share/qemu/firmware",
    NULL
};


void
qemuFirmwareFree(qemuFirmware *fw)
{
    if (!fw)
        return;
    g_free(fw->path);
    g_free(fw->executable);
    g_free(fw->nvramTemplate);
    g_strfreev(fw->machines);
    g_free(fw);
}


static bool
qemuFirmwareStringInArray(JsonArray *arr, const char *str)
{
    for (guint i = 0; arr && i < json_array_get_length(arr); i++) {
        JsonNode *node = json_array_get_element(arr, i);

        if (JSON_NODE_HOLDS_VALUE(node) &&
            json_node_get_value_type(node) == G_TYPE_STRING &&
            STREQ(json_node_get_string(node), str))
            return true;
    }
    return false;
}


/* The string member @name of @obj, or NULL when it is not one. */
static const char *
qemuFirmwareGetString(JsonObject *obj, const char *name)
{
    JsonNode *node = obj ? json_object_get_member(obj, name) : NULL;

    if (!node || !JSON_NODE_HOLDS_VALUE(node) ||
        json_node_get_value_type(node) != G_TYPE_STRING)
        return NULL;
    return json_node_get_string(node);
}


static JsonObject *
qemuFirmwareGetObject(JsonObject *obj, const char *name)
{
    JsonNode *node = obj ? json_object_get_member(obj, name) : NULL;

    return node && JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
}


static JsonArray *
qemuFirmwareGetArray(JsonObject *obj, const char *name)
{
    JsonNode *node = obj ? json_object_get_member(obj, name) : NULL;

    return node && JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node) : NULL;
}


/**
 * qemuFirmwareParse:
 * @path: where the descriptor was read (for messages)
 * @text: its contents
 *
 * Reads a descriptor, keeping what picking a UEFI flash firmware for
 * x86_64 needs.  Descriptors of other firmware (BIOS, ROM or memory
 * mappings, other architectures) are valid but of no use here.
 *
 * Returns: the firmware; NULL with *@ret_unusable set when it is not a
 * UEFI flash firmware for x86_64; NULL with an error reported when the
 * text is not a descriptor.
 */
qemuFirmware *
qemuFirmwareParse(const char *path, const char *text, bool *ret_unusable)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(qemuFirmware) fw = g_new0(qemuFirmware, 1);
    g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) gerr = NULL;
    JsonObject *root;
    JsonObject *mapping;
    JsonArray *targets;
    JsonArray *features;
    const char *device;

    *ret_unusable = false;
    if (!json_parser_load_from_data(parser, text, -1, &gerr) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("firmware descriptor '%1$s' is not a JSON object: %2$s"),
                       path, gerr ? gerr->message : _("wrong type"));
        return NULL;
    }
    root = json_node_get_object(json_parser_get_root(parser));
    mapping = qemuFirmwareGetObject(root, "mapping");
    if (!mapping || !(device = qemuFirmwareGetString(mapping, "device")) ||
        !qemuFirmwareGetArray(root, "interface-types") ||
        !(targets = qemuFirmwareGetArray(root, "targets"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("firmware descriptor '%1$s' lacks 'mapping', 'interface-types' or 'targets'"),
                       path);
        return NULL;
    }
    if (!qemuFirmwareStringInArray(qemuFirmwareGetArray(root, "interface-types"), "uefi") ||
        STRNEQ(device, "flash")) {
        *ret_unusable = true;
        return NULL;
    }
    fw->executable = g_strdup(qemuFirmwareGetString(qemuFirmwareGetObject(mapping, "executable"),
                                                    "filename"));
    fw->nvramTemplate = g_strdup(qemuFirmwareGetString(qemuFirmwareGetObject(mapping, "nvram-template"),
                                                       "filename"));
    if (!fw->executable || !g_path_is_absolute(fw->executable) ||
        (fw->nvramTemplate && !g_path_is_absolute(fw->nvramTemplate))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("firmware descriptor '%1$s' names no executable, or a relative path"),
                       path);
        return NULL;
    }
    for (guint i = 0; i < json_array_get_length(targets); i++) {
        JsonNode *node = json_array_get_element(targets, i);
        JsonObject *target = JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
        JsonArray *globs;

        if (STRNEQ_NULLABLE(qemuFirmwareGetString(target, "architecture"), "x86_64") ||
            !(globs = qemuFirmwareGetArray(target, "machines")))
            continue;
        for (guint j = 0; j < json_array_get_length(globs); j++) {
            JsonNode *glob = json_array_get_element(globs, j);

            if (JSON_NODE_HOLDS_VALUE(glob) &&
                json_node_get_value_type(glob) == G_TYPE_STRING)
                g_ptr_array_add(machines, g_strdup(json_node_get_string(glob)));
        }
    }
    if (machines->len == 0) {
        *ret_unusable = true;
        return NULL;
    }
    g_ptr_array_add(machines, NULL);
    fw->machines = (char **)g_ptr_array_free(g_steal_pointer(&machines), FALSE);

    features = qemuFirmwareGetArray(root, "features");
    fw->requiresSMM = qemuFirmwareStringInArray(features, "requires-smm");
    fw->secureBoot = qemuFirmwareStringInArray(features, "secure-boot");
    fw->path = g_strdup(path);
    return g_steal_pointer(&fw);
}


static gint
qemuFirmwareCompareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


/**
 * qemuFirmwareLoadAll:
 * @dirs: NULL-terminated directories, most important first
 *
 * Reads every usable descriptor (see the top of this file for the
 * order).  An unreadable or broken descriptor is skipped with a
 * warning: another may serve, and the error names none if not.
 *
 * Returns: the descriptors, in order (free with g_ptr_array_unref).
 */
GPtrArray *
qemuFirmwareLoadAll(const char *const *dirs)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, g_free);
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    GPtrArray *fws = g_ptr_array_new_with_free_func((GDestroyNotify)qemuFirmwareFree);
    GHashTableIter iter;
    gpointer key;

    for (size_t d = 0; dirs && dirs[d]; d++) {
        g_autoptr(GDir) dir = g_dir_open(dirs[d], 0, NULL);
        const char *name;

        while (dir && (name = g_dir_read_name(dir))) {
            if (!g_str_has_suffix(name, ".json") ||
                g_hash_table_contains(seen, name))
                continue;
            g_hash_table_insert(seen, g_strdup(name),
                                g_build_filename(dirs[d], name, NULL));
        }
    }
    g_hash_table_iter_init(&iter, seen);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        g_ptr_array_add(names, key);
    g_ptr_array_sort(names, qemuFirmwareCompareNames);

    for (size_t i = 0; i < names->len; i++) {
        const char *path = g_hash_table_lookup(seen, g_ptr_array_index(names, i));
        g_autofree char *text = NULL;
        qemuFirmware *fw;
        bool unusable;

        /* An empty file hides the descriptor of that name. */
        if (virFileReadAllQuiet(path, QEMU_FIRMWARE_DESCRIPTOR_MAX, &text) <= 0)
            continue;
        if (!(fw = qemuFirmwareParse(path, text, &unusable))) {
            if (!unusable) {
                VIR_WARN("ignoring firmware descriptor %s: %s", path,
                         virGetLastErrorMessage());
                virResetLastError();
            }
            continue;
        }
        g_ptr_array_add(fws, fw);
    }
    return fws;
}


static bool
qemuFirmwareMatchesMachine(const qemuFirmware *fw, const char *machine)
{
    for (size_t i = 0; machine && fw->machines[i]; i++) {
        if (g_pattern_match_simple(fw->machines[i], machine))
            return true;
    }
    return false;
}


/**
 * qemuFirmwareNvramPath:
 * @nvramDir: where the driver keeps variable stores
 * @name: the domain's name
 *
 * Returns: the path of the domain's own variable store, NAME_VARS.fd,
 * as upstream names it.
 */
char *
qemuFirmwareNvramPath(const char *nvramDir, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s_VARS.fd", name);

    return g_build_filename(nvramDir, file, NULL);
}


/**
 * qemuFirmwareFillDomain:
 * @def: a prepared definition (canonical machine type), about to start
 * @dirs: the descriptor directories (qemuFirmwareSystemDirs)
 * @nvramDir: where the domain's variable store goes when it names none
 *
 * Resolves <os firmware='efi'> to a firmware (see the top of this
 * file), or completes an explicit <loader> with the template of its
 * variable store, and names the domain's variable store.  Does nothing
 * for a BIOS guest.
 *
 * Returns: 0, or -1 with VIR_ERR_OPERATION_FAILED reported when no
 * firmware fits.
 */
int
qemuFirmwareFillDomain(virDomainDef *def, const char *const *dirs,
                       const char *nvramDir)
{
    g_autoptr(GPtrArray) fws = NULL;
    const qemuFirmware *found = NULL;

    if (!def->os.firmwareEFI && !def->os.loader)
        return 0;
    fws = qemuFirmwareLoadAll(dirs);

    if (def->os.firmwareEFI) {
        for (size_t i = 0; i < fws->len && !found; i++) {
            const qemuFirmware *fw = g_ptr_array_index(fws, i);

            if (!qemuFirmwareMatchesMachine(fw, def->os.machine) ||
                !fw->nvramTemplate)
                continue;
            found = fw;
        }
        if (!found) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("Unable to find any firmware to satisfy '%1$s'"),
                           "efi");
            return -1;
        }
        if (found->requiresSMM && def->smm == VIR_TRISTATE_SWITCH_OFF) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("domain has SMM turned off but chosen firmware requires it"));
            return -1;
        }
        VIR_DEBUG("domain %s: firmware %s", def->name, found->path);
        def->os.loader = g_strdup(found->executable);
        def->os.loaderReadonly = VIR_TRISTATE_BOOL_YES;
        def->os.loaderPflash = true;
        def->os.loaderSecure = found->secureBoot ? VIR_TRISTATE_BOOL_YES :
                                                   VIR_TRISTATE_BOOL_ABSENT;
        if (found->requiresSMM)
            def->smm = VIR_TRISTATE_SWITCH_ON;
        if (!def->os.nvramTemplate)
            def->os.nvramTemplate = g_strdup(found->nvramTemplate);
        def->os.firmwareEFI = false;
    } else if (!def->os.nvramTemplate) {
        for (size_t i = 0; i < fws->len && !found; i++) {
            const qemuFirmware *fw = g_ptr_array_index(fws, i);

            if (STREQ(fw->executable, def->os.loader) && fw->nvramTemplate)
                found = fw;
        }
        if (!found) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("unable to find any master var store for loader: %1$s"),
                           def->os.loader);
            return -1;
        }
        def->os.nvramTemplate = g_strdup(found->nvramTemplate);
    }
    if (!def->os.nvram)
        def->os.nvram = qemuFirmwareNvramPath(nvramDir, def->name);
    return 0;
}


/**
 * qemuFirmwareCreateNvram:
 * @def: a definition filled by qemuFirmwareFillDomain()
 *
 * Creates the domain's variable store from its template when it does
 * not exist yet (0600, never through a symbolic link, never over an
 * existing file: a store the guest wrote is its state and is kept).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuFirmwareCreateNvram(const virDomainDef *def)
{
    g_autofree char *dir = NULL;
    g_autofree char *base = NULL;
    g_autofree char *data = NULL;
    g_autoptr(GError) gerr = NULL;
    VIR_AUTOCLOSE dirfd = -1;
    struct stat sb;
    gsize len;

    if (!def->os.nvram || !def->os.nvramTemplate)
        return 0;
    dir = g_path_get_dirname(def->os.nvram);
    base = g_path_get_basename(def->os.nvram);
    /* The directory is trusted as the state directories are: ours,
     * writable by nobody else, not a link. */
    if (virFileMakePathWithMode(dir, 0700) < 0 ||
        (dirfd = virFileOpenDirTrusted(dir, true)) < 0)
        return -1;
    if (faccessat(dirfd, base, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        return 0;
    if (errno != ENOENT) {
        virReportSystemError(errno, _("cannot check NVRAM file '%1$s'"),
                             def->os.nvram);
        return -1;
    }
    /* Binary data: virFileReadAll() reads text. */
    if (stat(def->os.nvramTemplate, &sb) < 0) {
        virReportSystemError(errno, _("cannot read NVRAM template '%1$s'"),
                             def->os.nvramTemplate);
        return -1;
    }
    if (!S_ISREG(sb.st_mode) || sb.st_size > QEMU_FIRMWARE_NVRAM_MAX) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("NVRAM template '%1$s' is not a regular file of at most %2$d bytes"),
                       def->os.nvramTemplate, QEMU_FIRMWARE_NVRAM_MAX);
        return -1;
    }
    if (!g_file_get_contents(def->os.nvramTemplate, &data, &len, &gerr)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("cannot read NVRAM template '%1$s': %2$s"),
                       def->os.nvramTemplate, gerr->message);
        return -1;
    }
    if (virFileWriteAtomicAt(dirfd, dir, base, 0600, data, len) < 0)
        return -1;
    return 0;
}
