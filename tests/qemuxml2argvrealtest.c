/*
 * qemuxml2argvrealtest.c: every golden command line, run by real QEMU
 *
 * For each DO_TEST case of qemuxml2argvtests.h: prepare the XML as
 * qemuxml2argvtest does, point its host resources at temporary files
 * (images made with qemu-img, sockets, a fake kernel: the same rewrites
 * as tests/record-upstream), start Debian's qemu-system-x86_64 with the
 * argv, and through QMP check that every device asked for exists
 * (query-pci, query-block, query-chardev).  When the case has a
 * recording of upstream libvirt's guest (NAME.upstream.json), the three
 * answers must also equal upstream's, ignoring host paths and node
 * names.  Then quit and reap QEMU.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsargv.h"
#include "domain_conf.h"
#include "qemu_capabilities.h"
#include "qemu_capabilitiespriv.h"
#include "qemu_command.h"
#include "qemu_domain_address.h"
#include "qemu_firmware.h"
#include "qemu_monitor.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define TEST_TIMEOUT_MS 10000

static virQEMUCaps *testCaps;
static int testNextVNCPort = 5990;
static char *testFirmwareDirs[2];
/* The monitor of the QEMU under test. */
static qemuMonitor *testMon;


/* ---- host resources ------------------------------------------------ */

typedef struct {
    char *dir;
    GPtrArray *listeners;   /* listening sockets for mode='connect' (int) */
} testResources;


static void
testResourcesClear(testResources *res)
{
    if (res->listeners) {
        for (size_t i = 0; i < res->listeners->len; i++)
            close(GPOINTER_TO_INT(g_ptr_array_index(res->listeners, i)));
        g_ptr_array_unref(res->listeners);
    }
    g_free(res->dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(testResources, testResourcesClear);


static int
testRunQemuImg(const char *format, const char *path)
{
    const char *argv[] = { "qemu-img", "create", "-q", "-f", format, path,
                           "16M", NULL };
    g_autoptr(GError) gerr = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                      NULL, NULL, NULL, &status, &gerr) ||
        !g_spawn_check_wait_status(status, &gerr)) {
        virTestDiag("qemu-img create %s: %s", path, gerr->message);
        return -1;
    }
    return 0;
}


/* The minimal Linux boot header QEMU loads (boot protocol 2.15). */
static int
testWriteFakeKernel(const char *path)
{
    g_autofree unsigned char *b = g_new0(unsigned char, 8192);
    uint16_t version = GUINT16_TO_LE(0x020f);
    uint32_t initrdMax = GUINT32_TO_LE(0x7fffffff);
    uint32_t cmdlineSize = GUINT32_TO_LE(4096);

    b[0x1f1] = 1;
    b[0x1fe] = 0x55;
    b[0x1ff] = 0xaa;
    memcpy(b + 0x202, "HdrS", 4);
    memcpy(b + 0x206, &version, 2);
    b[0x211] = 0x01;
    memcpy(b + 0x22c, &initrdMax, 4);
    memcpy(b + 0x238, &cmdlineSize, 4);
    return g_file_set_contents(path, (char *)b, 8192, NULL) ? 0 : -1;
}


static int
testListenUnix(testResources *res, const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return -1;
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(fd, 4) < 0) {
        close(fd);
        return -1;
    }
    g_ptr_array_add(res->listeners, GINT_TO_POINTER(fd));
    return 0;
}


/* A TCP port >= 5900 nobody listens on now (QEMU binds it itself). */
static int
testFreeVNCPort(void)
{
    for (; testNextVNCPort < 65535; testNextVNCPort++) {
        struct sockaddr_in addr = { .sin_family = AF_INET,
                                    .sin_port = htons(testNextVNCPort) };
        VIR_AUTOCLOSE fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;

        if (fd < 0)
            return -1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            return testNextVNCPort++;
    }
    return -1;
}


/* The same rewrites as tests/record-upstream. */
static int
testRewriteResources(virDomainDef *def, testResources *res)
{
    g_autoptr(GHashTable) chrPaths = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                           g_free, g_free);

    if (def->os.nvram) {
        g_free(def->os.nvram);
        def->os.nvram = g_strdup_printf("%s/nvram.fd", res->dir);
    }
    if (def->os.kernel) {
        g_free(def->os.kernel);
        def->os.kernel = g_strdup_printf("%s/kernel", res->dir);
        if (testWriteFakeKernel(def->os.kernel) < 0)
            return -1;
    }
    if (def->os.initrd) {
        g_autofree char *zeros = g_new0(char, 4096);

        g_free(def->os.initrd);
        def->os.initrd = g_strdup_printf("%s/initrd", res->dir);
        if (!g_file_set_contents(def->os.initrd, zeros, 4096, NULL))
            return -1;
    }
    for (size_t i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];
        const char *fmt = disk->format == VIR_STORAGE_FILE_QCOW2 ? "qcow2" : "raw";

        if (!disk->src)
            continue;
        g_free(disk->src);
        disk->src = g_strdup_printf("%s/disk%zu.%s", res->dir, i, fmt);
        disk->type = VIR_STORAGE_TYPE_FILE;
        if (testRunQemuImg(fmt, disk->src) < 0)
            return -1;
    }
    for (size_t k = 0; k < 3; k++) {
        virDomainChrDef **chrs = k == 0 ? def->serials :
                                 k == 1 ? def->consoles : def->channels;
        size_t nchrs = k == 0 ? def->nserials :
                       k == 1 ? def->nconsoles : def->nchannels;

        for (size_t i = 0; i < nchrs; i++) {
            virDomainChrDef *chr = chrs[i];
            const char *path;

            if (!chr->path || chr->type == VIR_DOMAIN_CHR_TYPE_PTY)
                continue;
            if (!(path = g_hash_table_lookup(chrPaths, chr->path))) {
                bool isUnix = chr->type == VIR_DOMAIN_CHR_TYPE_UNIX;
                char *newPath = g_strdup_printf("%s/chr%u.%s", res->dir,
                                                g_hash_table_size(chrPaths),
                                                isUnix ? "sock" : "log");

                g_hash_table_insert(chrPaths, g_strdup(chr->path), newPath);
                path = newPath;
                if (isUnix && chr->mode == VIR_DOMAIN_CHR_SOURCE_MODE_CONNECT &&
                    testListenUnix(res, path) < 0)
                    return -1;
            }
            g_free(chr->path);
            chr->path = g_strdup(path);
        }
    }
    for (size_t i = 0; i < def->ngraphics; i++) {
        if ((def->graphics[i]->port = testFreeVNCPort()) < 0)
            return -1;
    }
    return 0;
}


/* Channel sockets without a path are named at start, as the driver
 * names them (after the aliases are assigned). */
static void
testNameChannelSockets(virDomainDef *def, testResources *res)
{
    for (size_t i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];

        if (chr->type == VIR_DOMAIN_CHR_TYPE_UNIX && !chr->path)
            chr->path = g_strdup_printf("%s/%s.sock", res->dir, chr->info.alias);
    }
}


/* ---- QMP answers --------------------------------------------------- */

static JsonNode *
testQuery(qemuMonitor *mon, const char *command)
{
    g_autofree char *cmd = g_strdup_printf("{\"execute\":\"%s\"}", command);
    g_autofree char *reply = NULL;
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *obj;

    if (qemuMonitorArbitraryCommand(mon, cmd, &reply) < 0) {
        virTestDiag("%s: %s", command, virGetLastErrorMessage());
        return NULL;
    }
    if (!json_parser_load_from_data(parser, reply, -1, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)) ||
        !(obj = json_node_get_object(json_parser_get_root(parser))) ||
        !json_object_has_member(obj, "return")) {
        virTestDiag("%s: unexpected reply %s", command, reply);
        return NULL;
    }
    return json_node_copy(json_object_get_member(obj, "return"));
}


/*
 * The devices of a query-pci answer, each with the id of the bridge it
 * sits behind ("" for the root bus): bus numbers are the firmware's to
 * give, and a guest started paused has none yet.
 */
typedef struct {
    JsonObject *dev;
    const char *bridge;
} testPCIDevice;


static void
testPCICollect(JsonArray *devices, const char *bridge, GArray *out)
{
    for (guint i = 0; i < json_array_get_length(devices); i++) {
        JsonObject *dev = json_array_get_object_element(devices, i);
        testPCIDevice d = { dev, bridge };

        g_array_append_val(out, d);
        if (json_object_has_member(dev, "pci_bridge")) {
            JsonObject *pb = json_object_get_object_member(dev, "pci_bridge");

            if (json_object_has_member(pb, "devices"))
                testPCICollect(json_object_get_array_member(pb, "devices"),
                               json_object_get_string_member(dev, "qdev_id"), out);
        }
    }
}


static GArray *
testPCIDevices(JsonNode *pci)
{
    JsonArray *buses = json_node_get_array(pci);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(testPCIDevice));

    for (guint i = 0; i < json_array_get_length(buses); i++) {
        JsonObject *bus = json_array_get_object_element(buses, i);

        if (json_object_get_int_member(bus, "bus") == 0)
            testPCICollect(json_object_get_array_member(bus, "devices"), "", out);
    }
    return out;
}


static JsonNode *testQOMGet(qemuMonitor *mon, const char *path,
                            const char *property);


/*
 * Behind a bridge of a paused guest query-pci shows nothing (no bus
 * numbers yet): QOM tells which bus a device is on and at which
 * devfn.
 */
static int
testCheckPCIDeviceQOM(qemuMonitor *mon, const virDomainDeviceInfo *info)
{
    g_autofree char *path = g_strdup_printf("/machine/peripheral/%s", info->alias);
    g_autofree char *bus = g_strdup_printf("/machine/peripheral/pci.%u/pci.%u",
                                           info->addr.pci.bus, info->addr.pci.bus);
    g_autoptr(JsonNode) parent = testQOMGet(mon, path, "parent_bus");
    g_autoptr(JsonNode) addr = testQOMGet(mon, path, "addr");
    int ret = -1;

    TEST_ASSERT_NONNULL(parent);
    TEST_ASSERT_NONNULL(addr);
    TEST_ASSERT_EQ_STR(json_node_get_string(parent), bus);
    TEST_ASSERT_MSG(json_node_get_int(addr) ==
                    (info->addr.pci.slot << 3 | info->addr.pci.function),
                    "PCI device '%s' is at devfn 0x%llx, not slot 0x%x function %u",
                    info->alias, (unsigned long long)json_node_get_int(addr),
                    info->addr.pci.slot, info->addr.pci.function);
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckPCIDevice(GArray *devices, const virDomainDeviceInfo *info)
{
    g_autofree char *bridge = info->addr.pci.bus ?
        g_strdup_printf("pci.%u", info->addr.pci.bus) : g_strdup("");
    int ret = -1;

    if (info->addr.pci.bus && info->alias) {
        TEST_ASSERT_OK(testCheckPCIDeviceQOM(testMon, info));
        ret = 0;
        goto cleanup;
    }

    for (guint i = 0; i < devices->len; i++) {
        testPCIDevice *d = &g_array_index(devices, testPCIDevice, i);

        if (STREQ(d->bridge, bridge) &&
            json_object_get_int_member(d->dev, "slot") == info->addr.pci.slot &&
            json_object_get_int_member(d->dev, "function") == info->addr.pci.function &&
            (!info->alias ||
             STREQ(json_object_get_string_member(d->dev, "qdev_id"), info->alias))) {
            ret = 0;
            goto cleanup;
        }
    }
    TEST_FAIL("no PCI device '%s' at bus %u slot 0x%x function %u", info->alias,
              info->addr.pci.bus, info->addr.pci.slot, info->addr.pci.function);

 cleanup:
    return ret;
}


static int
testCheckPCI(const virDomainDef *def, JsonNode *pci)
{
    g_autoptr(GArray) devices = testPCIDevices(pci);
    int ret = -1;

    for (size_t i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO)
            TEST_ASSERT_OK(testCheckPCIDevice(devices, &def->disks[i]->info));
    }
    for (size_t i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];

        /* The IDE controller is the machine's own, without an id; so is
         * q35's AHCI; a USB companion has none either: they are found
         * by their address. */
        if (ctrl->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI &&
            ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_IDE) {
            virDomainDeviceInfo where = ctrl->info;

            if (ctrl->startport >= 0 ||
                (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA && ctrl->idx == 0 &&
                 virDomainDefIsQ35(def)))
                where.alias = NULL;
            TEST_ASSERT_OK(testCheckPCIDevice(devices, &where));
        }
    }
    for (size_t i = 0; i < def->nnets; i++)
        TEST_ASSERT_OK(testCheckPCIDevice(devices, &def->nets[i]->info));
    for (size_t i = 0; i < def->nvideos; i++) {
        if (def->videos[i]->type != VIR_DOMAIN_VIDEO_TYPE_NONE)
            TEST_ASSERT_OK(testCheckPCIDevice(devices, &def->videos[i]->info));
    }
    if (def->memballoon &&
        def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO)
        TEST_ASSERT_OK(testCheckPCIDevice(devices, &def->memballoon->info));
    for (size_t i = 0; i < def->nrngs; i++)
        TEST_ASSERT_OK(testCheckPCIDevice(devices, &def->rngs[i]->info));
    for (size_t i = 0; i < def->nsounds; i++)
        TEST_ASSERT_OK(testCheckPCIDevice(devices, &def->sounds[i]->info));
    if (def->watchdog &&
        def->watchdog->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        TEST_ASSERT_OK(testCheckPCIDevice(devices, &def->watchdog->info));
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckBlock(const virDomainDef *def, JsonNode *block)
{
    JsonArray *list = json_node_get_array(block);
    int ret = -1;

    for (size_t d = 0; d < def->ndisks; d++) {
        const virDomainDiskDef *disk = def->disks[d];
        g_autofree char *virtioQdev = g_strdup_printf("/machine/peripheral/%s/virtio-backend",
                                                      disk->info.alias);
        bool found = false;

        for (guint i = 0; i < json_array_get_length(list) && !found; i++) {
            JsonObject *dev = json_array_get_object_element(list, i);
            const char *qdev = json_object_get_string_member_with_default(dev, "qdev", "");
            JsonObject *inserted;

            if (STRNEQ(qdev, disk->info.alias) && STRNEQ(qdev, virtioQdev))
                continue;
            found = true;
            inserted = json_object_has_member(dev, "inserted") ?
                       json_object_get_object_member(dev, "inserted") : NULL;
            if (!disk->src) {
                TEST_ASSERT_MSG(!inserted, "empty drive '%s' has a medium", disk->dst);
                continue;
            }
            TEST_ASSERT_MSG(inserted, "disk '%s' has no medium", disk->dst);
            TEST_ASSERT_EQ_STR(json_object_get_string_member(inserted, "file"), disk->src);
            TEST_ASSERT_MSG(json_object_get_boolean_member(inserted, "ro") == disk->readonly,
                            "disk '%s' is not %s", disk->dst,
                            disk->readonly ? "read-only" : "writable");
            TEST_ASSERT_EQ_STR(json_object_get_string_member(inserted, "drv"),
                               disk->format == VIR_STORAGE_FILE_QCOW2 ? "qcow2" : "raw");
        }
        TEST_ASSERT_MSG(found, "no block device for disk '%s' (%s)", disk->dst,
                        disk->info.alias);
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckChardev(const virDomainDef *def, JsonNode *chardev)
{
    JsonArray *list = json_node_get_array(chardev);
    g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func(g_free);
    int ret = -1;

    g_ptr_array_add(wanted, g_strdup("charmonitor"));
    for (size_t i = 0; i < def->nserials; i++)
        g_ptr_array_add(wanted, g_strdup_printf("char%s", def->serials[i]->info.alias));
    for (size_t i = 0; i < def->nchannels; i++)
        g_ptr_array_add(wanted, g_strdup_printf("char%s", def->channels[i]->info.alias));
    for (size_t i = 0; i < def->nredirdevs; i++)
        g_ptr_array_add(wanted, g_strdup_printf("char%s", def->redirdevs[i]->info.alias));

    for (size_t w = 0; w < wanted->len; w++) {
        const char *label = g_ptr_array_index(wanted, w);
        bool found = false;

        for (guint i = 0; i < json_array_get_length(list); i++) {
            JsonObject *dev = json_array_get_object_element(list, i);

            if (STREQ(json_object_get_string_member(dev, "label"), label))
                found = true;
        }
        TEST_ASSERT_MSG(found, "no chardev '%s'", label);
    }
    ret = 0;

 cleanup:
    return ret;
}


static JsonNode *
testQOMGet(qemuMonitor *mon, const char *path, const char *property)
{
    g_autofree char *cmd = g_strdup_printf("{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"%s\",\"property\":\"%s\"}}",
                                           path, property);
    g_autofree char *reply = NULL;
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *obj;

    if (qemuMonitorArbitraryCommand(mon, cmd, &reply) < 0 ||
        !json_parser_load_from_data(parser, reply, -1, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)) ||
        !(obj = json_node_get_object(json_parser_get_root(parser))) ||
        !json_object_has_member(obj, "return")) {
        virTestDiag("qom-get %s %s: %s", path, property, NULLSTR(reply));
        return NULL;
    }
    return json_node_copy(json_object_get_member(obj, "return"));
}


/* ---- comparison with upstream's guest ------------------------------ */

/* Keys that name host resources or internal nodes, not hardware. */
static const char *const testIgnoredKeys[] = {
    "node-name", "file", "image", "backing-image", "address", NULL,
};



/*
 * One canonical text per answer: object members sorted, ignored keys
 * dropped, a chardev's filename cut to its kind ("pty", "unix", ...),
 * and the elements of a list in a stable order (by their text).
 */
static char *
testCanonical(JsonNode *node, const char *key, int indent)
{
    g_autoptr(GString) out = g_string_new(NULL);

    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT: {
        JsonObject *obj = json_node_get_object(node);
        g_autoptr(GList) members = json_object_get_members(obj);
        g_autoptr(GPtrArray) names = g_ptr_array_new();

        for (GList *l = members; l; l = l->next) {
            if (!g_strv_contains(testIgnoredKeys, l->data))
                g_ptr_array_add(names, l->data);
        }
        g_ptr_array_sort(names, testArgvCompareStringPtrs);
        g_string_append(out, "{\n");
        for (guint i = 0; i < names->len; i++) {
            const char *name = g_ptr_array_index(names, i);
            g_autofree char *val = testCanonical(json_object_get_member(obj, name),
                                                 name, indent + 1);

            g_string_append_printf(out, "%*s\"%s\": %s\n", (indent + 1) * 2, "",
                                   name, val);
        }
        g_string_append_printf(out, "%*s}", indent * 2, "");
        break;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *arr = json_node_get_array(node);
        g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);

        for (guint i = 0; i < json_array_get_length(arr); i++)
            g_ptr_array_add(items, testCanonical(json_array_get_element(arr, i),
                                                 NULL, indent + 1));
        g_ptr_array_sort(items, testArgvCompareStringPtrs);
        g_string_append(out, "[\n");
        for (guint i = 0; i < items->len; i++)
            g_string_append_printf(out, "%*s%s\n", (indent + 1) * 2, "",
                                   (char *)g_ptr_array_index(items, i));
        g_string_append_printf(out, "%*s]", indent * 2, "");
        break;
    }
    case JSON_NODE_VALUE:
        if (json_node_get_value_type(node) == G_TYPE_STRING) {
            const char *str = json_node_get_string(node);

            if (key && STREQ(key, "filename"))
                g_string_append_printf(out, "\"%.*s\"", (int)strcspn(str, ":"), str);
            else
                g_string_append_printf(out, "\"%s\"", str);
        } else if (json_node_get_value_type(node) == G_TYPE_BOOLEAN) {
            g_string_append(out, json_node_get_boolean(node) ? "true" : "false");
        } else if (json_node_get_value_type(node) == G_TYPE_DOUBLE) {
            g_string_append_printf(out, "%g", json_node_get_double(node));
        } else {
            g_string_append_printf(out, "%" G_GINT64_FORMAT, json_node_get_int(node));
        }
        break;
    case JSON_NODE_NULL:
        g_string_append(out, "null");
        break;
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}


/* Prints the lines around the first difference of two texts. */
static void
testShowDifference(const char *expect, const char *actual)
{
    g_auto(GStrv) a = g_strsplit(expect, "\n", -1);
    g_auto(GStrv) b = g_strsplit(actual, "\n", -1);
    size_t na = g_strv_length(a);
    size_t nb = g_strv_length(b);
    size_t first = 0;

    while (first < na && first < nb && STREQ(a[first], b[first]))
        first++;
    for (size_t i = first > 8 ? first - 8 : 0; i < first + 8; i++) {
        const char *x = i < na ? a[i] : "";
        const char *y = i < nb ? b[i] : "";

        virTestDiag("%s upstream: %s", STREQ(x, y) ? " " : "!", x);
        if (i >= first)
            virTestDiag("%s ours:     %s", STREQ(x, y) ? " " : "!", y);
    }
}


static int
testCompareUpstream(const char *name, const char *query, JsonNode *ours)
{
    g_autofree char *path = testArgvDataPath(name, "upstream.json");
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autofree char *expect = NULL;
    g_autofree char *actual = NULL;
    JsonObject *root;
    int ret = -1;

    TEST_ASSERT_MSG(json_parser_load_from_file(parser, path, NULL) &&
                    (root = json_node_get_object(json_parser_get_root(parser))) &&
                    json_object_has_member(root, query),
                    "cannot read %s from %s", query, path);
    expect = testCanonical(json_object_get_member(root, query), NULL, 0);
    actual = testCanonical(ours, NULL, 0);
    if (STRNEQ(expect, actual))
        testShowDifference(expect, actual);
    TEST_ASSERT_MSG(STREQ(expect, actual), "%s differs from upstream's guest (above)",
                    query);
    ret = 0;

 cleanup:
    return ret;
}


/* ---- running QEMU -------------------------------------------------- */

/* QEMU must not outlive a test that dies (a crash, a closed pipe). */
static void
testChildSetup(gpointer data G_GNUC_UNUSED)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
}


static void
testReap(GSubprocess *proc)
{
    for (int i = 0; i < 200 && g_subprocess_get_identifier(proc); i++)
        g_usleep(10 * 1000);
    if (g_subprocess_get_identifier(proc)) {
        virTestDiag("QEMU did not quit; killing it");
        g_subprocess_force_exit(proc);
    }
    g_subprocess_wait(proc, NULL, NULL);
}


/*
 * A bridge interface's tap, as the driver would pass it, but in no
 * bridge (the test must not touch the host's network): QEMU only sees a
 * tap descriptor either way.  Not persistent, it goes with QEMU.
 */
static int
testPassTaps(GSubprocessLauncher *launcher, const virDomainDef *def,
             const int *tapfds)
{
    for (size_t i = 0; i < def->nnets; i++) {
        struct ifreq ifr = { 0 };
        int fd;

        if (tapfds[i] < 0)
            continue;
        if ((fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC)) < 0) {
            virTestDiag("cannot open /dev/net/tun: %s", g_strerror(errno));
            return -1;
        }
        g_strlcpy(ifr.ifr_name, "gracetest%d", sizeof(ifr.ifr_name));
        ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
        if (def->nets[i]->model == VIR_DOMAIN_NET_MODEL_VIRTIO)
            ifr.ifr_flags |= IFF_VNET_HDR;
        if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
            virTestDiag("cannot create a tap (this test needs CAP_NET_ADMIN): %s",
                        g_strerror(errno));
            close(fd);
            return -1;
        }
        g_subprocess_launcher_take_fd(launcher, fd, tapfds[i]);
    }
    return 0;
}


static void
testShowLog(const char *dir)
{
    g_autofree char *path = g_strdup_printf("%s/qemu.log", dir);
    g_autofree char *text = NULL;

    if (g_file_get_contents(path, &text, NULL, NULL))
        virTestDiag("QEMU said:\n%s", text);
}


static int
testRunQEMU(const testArgvInfo *info, const virDomainDef *def,
            const testResources *res, const virQEMUCaps *caps)
{
    g_autofree char *monitor = g_strdup_printf("%s/monitor.sock", res->dir);
    g_autofree char *pidfile = g_strdup_printf("%s/qemu.pid", res->dir);
    g_autofree char *log = g_strdup_printf("%s/qemu.log", res->dir);
    g_autofree int *tapfds = testTapFDs(def);
    qemuCommandPaths paths = { .monitorSocket = monitor, .pidFile = pidfile,
                               .tapfds = tapfds, .ntapfds = def->nnets };
    g_auto(GStrv) argv = NULL;
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) gerr = NULL;
    static const char *const queries[] = { "query-pci", "query-block", "query-chardev" };
    JsonNode *answers[G_N_ELEMENTS(queries)] = { 0 };
    g_autofree char *recording = testArgvDataPath(info->name, "upstream.json");
    qemuMonitor *mon = NULL;
    VIR_AUTOCLOSE pidfd = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(argv = qemuBuildCommandLine(def, caps, &paths, 0));
    launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDIN_INHERIT);
    g_subprocess_launcher_set_stdout_file_path(launcher, log);
    g_subprocess_launcher_set_stderr_file_path(launcher, log);
    g_subprocess_launcher_setenv(launcher, "LC_ALL", "C", TRUE);
    g_subprocess_launcher_set_child_setup(launcher, testChildSetup, NULL, NULL);
    TEST_ASSERT_OK(testPassTaps(launcher, def, tapfds));
    proc = g_subprocess_launcher_spawnv(launcher, (const char *const *)argv, &gerr);
    TEST_ASSERT_MSG(proc, "cannot start %s: %s", argv[0], gerr->message);
    pidfd = syscall(SYS_pidfd_open, atoi(g_subprocess_get_identifier(proc)), 0);

    if (!(mon = qemuMonitorOpen(monitor, pidfd, TEST_TIMEOUT_MS, NULL, NULL))) {
        testShowLog(res->dir);
        g_subprocess_force_exit(proc);
        TEST_FAIL("cannot open the monitor: %s", virGetLastErrorMessage());
    }

    for (size_t q = 0; q < G_N_ELEMENTS(queries); q++)
        TEST_ASSERT_NONNULL(answers[q] = testQuery(mon, queries[q]));
    testMon = mon;
    TEST_ASSERT_OK(testCheckPCI(def, answers[0]));
    TEST_ASSERT_OK(testCheckBlock(def, answers[1]));
    TEST_ASSERT_OK(testCheckChardev(def, answers[2]));
    TEST_ASSERT_MSG(virFileExists(recording),
                    "%s has no recording of upstream's guest: run tests/record-upstream %s",
                    info->name, info->name);
    for (size_t q = 0; q < G_N_ELEMENTS(queries); q++)
        TEST_ASSERT_OK(testCompareUpstream(info->name, queries[q], answers[q]));
    ret = 0;

 cleanup:
    for (size_t q = 0; q < G_N_ELEMENTS(queries); q++) {
        if (answers[q])
            json_node_unref(answers[q]);
    }
    if (mon) {
        if (qemuMonitorQuit(mon) < 0)
            virResetLastError();
        qemuMonitorClose(mon);
    }
    if (proc) {
        if (mon)
            testReap(proc);
        else
            g_subprocess_wait(proc, NULL, NULL);
    }
    return ret;
}


static int
testRealQEMU(const void *opaque)
{
    const testArgvInfo *info = opaque;
    g_autofree char *xmlPath = testArgvDataPath(info->name, "xml");
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virQEMUCaps) caps = virQEMUCapsCopy(testCaps);
    g_auto(testResources) res = { 0 };
    int ret = -1;

    caps->kvmSupported = !!(info->flags & TEST_FLAG_KVM);
    if (caps->kvmSupported && !virQEMUCapsKVMUsable())
        return EXIT_AM_SKIP;
    res.dir = virTestMakeTempDir("realqemu");
    res.listeners = g_ptr_array_new();

    TEST_ASSERT_OK(virTestLoadFile(xmlPath, &xml));
    TEST_ASSERT_NONNULL(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE));
    TEST_ASSERT_OK(testRewriteResources(def, &res));
    TEST_ASSERT_OK(qemuDomainPrepareDef(def, caps));
    TEST_ASSERT_OK(qemuFirmwareFillDomain(def, (const char *const *)testFirmwareDirs,
                                          res.dir));
    TEST_ASSERT_OK(qemuFirmwareCreateNvram(def));
    testNameChannelSockets(def, &res);
    TEST_ASSERT_OK(testRunQEMU(info, def, &res, caps));
    ret = 0;

 cleanup:
    return ret;
}


static const testArgvInfo tests[] = {
#define DO_TEST_FULL(n, f, fl) { .name = n, .fail = f, .flags = fl },
#define DO_TEST(n) DO_TEST_FULL(n, false, 0)
#define DO_TEST_FLAGS(n, fl) DO_TEST_FULL(n, false, fl)
#define DO_TEST_FAILURE(n)
#define DO_TEST_FAILURE_FLAGS(n, fl)
#include "qemuxml2argvtests.h"
#undef DO_TEST_FULL
#undef DO_TEST
#undef DO_TEST_FLAGS
#undef DO_TEST_FAILURE
#undef DO_TEST_FAILURE_FLAGS
};


static int
mymain(void)
{
    int ret = 0;

    if (!virFileIsExecutable("/usr/bin/qemu-system-x86_64"))
        return EXIT_AM_SKIP;
    if (!(testCaps = testCapsLoadFixture()))
        return EXIT_FAILURE;
    testFirmwareDirs[0] = g_strdup_printf("%s/qemufirmwaredata", virTestSrcDir());

    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        if (virTestRun(tests[i].name, testRealQEMU, &tests[i]) < 0)
            ret = -1;
    }
    virQEMUCapsFree(testCaps);
    return ret;
}

VIR_TEST_MAIN(mymain)
