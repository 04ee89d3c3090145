/*
 * qemuxml2argvtest.c: domain XML to QEMU command line, against golden files
 *
 * DO_TEST("name") parses tests/qemuxml2argvdata/name.xml, prepares it
 * as the driver does before a start (canonical machine, validation,
 * PCI addresses, aliases, VNC ports), builds the command line with the
 * capabilities of Debian's QEMU 7.2 (tests/qemucapabilitiesdata) and
 * compares it with name.args.  DO_TEST_FAILURE("name") expects the
 * same steps to fail and compares the error (code, domain, message)
 * with name.err.  VIR_TEST_REGENERATE_OUTPUT=1 rewrites both kinds.
 *
 * Every success case is also run a second time from its own live XML
 * (format, parse with the status flag, prepare, build): the addresses
 * and aliases written back must be honoured and give the same argv.
 * And the live XML must show every device at the address upstream's
 * live XML shows for the device of the same alias (name.upstream.json,
 * recorded by tests/record-upstream from Debian's libvirt 9.0).
 *
 * Every file in tests/qemuxml2argvdata/ must belong to a case of this
 * table (name.upstream.json belongs to an .args case); an orphan fails.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "testutils.h"
#include "testutilsargv.h"
#include "domain_conf.h"
#include "qemu_capabilities.h"
#include "qemu_command.h"
#include "qemu_domain_address.h"
#include "qemu_firmware.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define TEST_CAPS "caps_7.2.0_x86_64.caps"
#define TEST_ROOT "/var/lib/test/run"
#define TEST_RANDOM_SEED 20230113

typedef enum {
    /* The emulator can use KVM (the fixture says it cannot). */
    TEST_FLAG_KVM = 1 << 0,
    /* Leave autoport VNC displays without a reserved port, as a
     * driver that forgot to reserve one would. */
    TEST_FLAG_NO_VNC_PORT = 1 << 1,
    /* Build from the XML without qemuDomainPrepareDef, as a driver
     * that forgot it would. */
    TEST_FLAG_NO_PREPARE = 1 << 2,
    /* The emulator was built without virtio-rng-pci. */
    TEST_FLAG_CAPS_NO_RNG = 1 << 3,
} testFlags;

typedef struct {
    const char *name;
    bool fail;
    unsigned int flags;
} testInfo;

static virQEMUCaps *testCaps;
/* Firmware descriptors: tests/qemufirmwaredata, not the host's. */
static char *testFirmwareDirs[2];


static gint
testCompareStringPtrs(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


static char *
testDataPath(const char *name, const char *ext)
{
    return g_strdup_printf("%s/qemuxml2argvdata/%s.%s", virTestSrcDir(), name,
                           ext);
}


/* What the driver does between parsing and building: prepare the
 * definition and reserve ports for autoport displays. */
static virDomainDef *
testPrepare(const char *xml, unsigned int parseFlags, const testInfo *info,
            const virQEMUCaps *caps)
{
    g_autoptr(virDomainDef) def = NULL;

    if (!(def = virDomainDefParseString(xml, parseFlags)))
        return NULL;
    if (!(info->flags & TEST_FLAG_NO_PREPARE) &&
        (qemuDomainPrepareDef(def, caps) < 0 ||
         qemuFirmwareFillDomain(def, (const char *const *)testFirmwareDirs,
                                TEST_ROOT "/nvram") < 0))
        return NULL;
    if (!(info->flags & TEST_FLAG_NO_VNC_PORT)) {
        for (size_t i = 0; i < def->ngraphics; i++) {
            if (def->graphics[i]->autoport)
                def->graphics[i]->port = 5900 + i;
        }
    }
    /* Channel sockets without a path are the run's, as the driver
     * names them at start. */
    for (size_t i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];

        if (chr->type == VIR_DOMAIN_CHR_TYPE_UNIX && !chr->path)
            chr->path = g_strdup_printf(TEST_ROOT "/%s/%s.sock", info->name,
                                        chr->info.alias);
    }
    return g_steal_pointer(&def);
}


static char *
testBuild(const virDomainDef *def, const virQEMUCaps *caps, const char *name)
{
    g_autofree char *dir = g_strdup_printf(TEST_ROOT "/%s", name);
    g_autofree char *monitor = g_strdup_printf("%s/monitor.sock", dir);
    g_autofree char *pidfile = g_strdup_printf("%s/qemu.pid", dir);
    g_autofree int *tapfds = testTapFDs(def);
    qemuCommandPaths paths = { .monitorSocket = monitor, .pidFile = pidfile,
                               .tapfds = tapfds, .ntapfds = def->nnets };
    g_auto(GStrv) argv = NULL;

    if (!(argv = qemuBuildCommandLine(def, caps, &paths, 0)))
        return NULL;
    return qemuBuildCommandLineString(argv);
}


static int
testCompareError(const testInfo *info)
{
    g_autofree char *errPath = testDataPath(info->name, "err");
    g_autofree char *actual = NULL;
    virErrorPtr err = virGetLastError();

    if (!err) {
        virTestDiag("%s failed without reporting an error", info->name);
        return -1;
    }
    actual = g_strdup_printf("code=%d domain=%d\n%s\n", err->code,
                             err->domain, NULLSTR(err->message));
    return virTestCompareToFile(actual, errPath);
}


/* alias -> "type='pci' bus='0x00' ..." of every device of a live XML. */
static GHashTable *
testAddressesByAlias(const char *xml, const char *what)
{
    g_autoptr(GHashTable) map = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                      g_free, g_free);
    xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), what, NULL, XML_PARSE_NONET);
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj = NULL;

    if (!doc) {
        virTestDiag("cannot parse %s", what);
        return NULL;
    }
    ctxt = xmlXPathNewContext(doc);
    obj = xmlXPathEval(BAD_CAST "/domain/devices/*[alias]", ctxt);
    for (int i = 0; obj && obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
        xmlNodePtr dev = obj->nodesetval->nodeTab[i];
        g_autoptr(GPtrArray) attrs = g_ptr_array_new_with_free_func(g_free);
        g_autofree char *alias = NULL;
        char *addr;

        for (xmlNodePtr child = dev->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE)
                continue;
            if (xmlStrEqual(child->name, BAD_CAST "alias")) {
                alias = (char *)xmlGetProp(child, BAD_CAST "name");
            } else if (xmlStrEqual(child->name, BAD_CAST "address")) {
                for (xmlAttrPtr a = child->properties; a; a = a->next) {
                    g_autofree char *val = (char *)xmlGetProp(child, a->name);

                    g_ptr_array_add(attrs, g_strdup_printf("%s='%s'", a->name, val));
                }
            }
        }
        g_ptr_array_sort(attrs, testCompareStringPtrs);
        g_ptr_array_add(attrs, NULL);
        addr = attrs->len > 1 ? g_strjoinv(" ", (char **)attrs->pdata) : g_strdup("none");
        g_hash_table_insert(map, g_strdup_printf("<%s> %s", dev->name, alias), addr);
    }
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return g_steal_pointer(&map);
}


/* Every key of @a is in @b with the same value. */
static int
testAddressesContained(GHashTable *a, GHashTable *b, const char *aName,
                       const char *bName)
{
    GHashTableIter iter;
    gpointer key, val;
    int ret = 0;

    g_hash_table_iter_init(&iter, a);
    while (g_hash_table_iter_next(&iter, &key, &val)) {
        const char *other = g_hash_table_lookup(b, key);

        if (!other) {
            virTestDiag("%s has %s, %s does not", aName, (char *)key, bName);
            ret = -1;
        } else if (STRNEQ(val, other)) {
            virTestDiag("%s: %s says %s, %s says %s", (char *)key, aName,
                        (char *)val, bName, other);
            ret = -1;
        }
    }
    return ret;
}


static int
testCompareLiveAddresses(const testInfo *info, const char *liveXML)
{
    g_autofree char *path = testDataPath(info->name, "upstream.json");
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GHashTable) ours = NULL;
    g_autoptr(GHashTable) theirs = NULL;
    JsonObject *root;
    const char *upstreamXML;

    if (!json_parser_load_from_file(parser, path, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)) ||
        !(root = json_node_get_object(json_parser_get_root(parser))) ||
        !(upstreamXML = json_object_get_string_member_with_default(root, "live-xml",
                                                                   NULL))) {
        virTestDiag("%s has no live XML of upstream's guest: run tests/record-upstream %s",
                    path, info->name);
        return -1;
    }
    if (!(ours = testAddressesByAlias(liveXML, "our live XML")) ||
        !(theirs = testAddressesByAlias(upstreamXML, "upstream's live XML")))
        return -1;
    if (testAddressesContained(theirs, ours, "upstream", "ours") < 0 ||
        testAddressesContained(ours, theirs, "ours", "upstream") < 0)
        return -1;
    return 0;
}


static int
testCompareXMLToArgv(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *xmlPath = testDataPath(info->name, "xml");
    g_autofree char *argsPath = testDataPath(info->name, "args");
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *liveXML = NULL;
    g_autofree char *again = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) liveDef = NULL;
    g_autoptr(virQEMUCaps) caps = virQEMUCapsCopy(testCaps);

    /* Whether KVM is usable is the case's choice, not the fixture's. */
    caps->kvmSupported = !!(info->flags & TEST_FLAG_KVM);
    if (info->flags & TEST_FLAG_CAPS_NO_RNG)
        g_hash_table_remove(caps->types, "virtio-rng-pci");
    if (virTestLoadFile(xmlPath, &xml) < 0)
        return -1;

    /* Generated UUIDs and MAC addresses come from glib's generator:
     * a fixed seed keeps them, and the golden files, stable. */
    g_random_set_seed(TEST_RANDOM_SEED);
    def = testPrepare(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE, info, caps);
    if (def)
        actual = testBuild(def, caps, info->name);

    if (info->fail) {
        if (actual) {
            virTestDiag("%s was expected to fail, but gave:\n%s", info->name,
                        actual);
            return -1;
        }
        return testCompareError(info);
    }
    if (!actual) {
        virTestDiag("%s failed: %s", info->name, virGetLastErrorMessage());
        return -1;
    }
    if (virTestCompareToFile(actual, argsPath) < 0)
        return -1;

    /* The live definition, with what the driver wrote into it, must
     * give the same command line. */
    if (!(liveXML = virDomainDefFormat(def, 0)) ||
        !(liveDef = testPrepare(liveXML, VIR_DOMAIN_DEF_PARSE_STATUS, info,
                                caps)) ||
        !(again = testBuild(liveDef, caps, info->name))) {
        virTestDiag("%s: the live XML does not build: %s\n%s", info->name,
                    virGetLastErrorMessage(), NULLSTR(liveXML));
        return -1;
    }
    if (virTestCompareStrings(actual, again, "argv from the live XML") < 0)
        return -1;
    return testCompareLiveAddresses(info, liveXML);
}


/* Fails if tests/qemuxml2argvdata holds a file no case claims. */
static int
testCheckOrphans(const void *opaque)
{
    GHashTable *names = (GHashTable *)opaque;
    g_autofree char *dir = g_strdup_printf("%s/qemuxml2argvdata", virTestSrcDir());
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *file;
    int ret = 0;

    if (!d)
        return -1;
    while ((file = g_dir_read_name(d))) {
        const char *dot = strchr(file, '.');
        g_autofree char *base = NULL;
        const testInfo *info;

        if (!dot) {
            virTestDiag("unexpected file %s", file);
            ret = -1;
            continue;
        }
        base = g_strndup(file, dot - file);
        info = g_hash_table_lookup(names, base);
        if (!info) {
            virTestDiag("orphaned file %s: no DO_TEST line for '%s'", file, base);
            ret = -1;
        } else if (STREQ(dot, ".xml")) {
            continue;
        } else if (STREQ(dot, ".args") || STREQ(dot, ".upstream.json")) {
            if (info->fail) {
                virTestDiag("%s belongs to a failure case", file);
                ret = -1;
            }
        } else if (STREQ(dot, ".err")) {
            if (!info->fail) {
                virTestDiag("%s belongs to a success case", file);
                ret = -1;
            }
        } else {
            virTestDiag("unexpected file %s", file);
            ret = -1;
        }
    }
    return ret;
}


/* Loads, parses and (unless @prepare is false) prepares a case. */
static virDomainDef *
testLoadDef(const char *name, bool prepare)
{
    g_autofree char *xmlPath = testDataPath(name, "xml");
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;

    if (virTestLoadFile(xmlPath, &xml) < 0 ||
        !(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        (prepare && qemuDomainPrepareDef(def, testCaps) < 0))
        return NULL;
    return g_steal_pointer(&def);
}


/* Checks that the last error has @code and starts with @prefix. */
static int
testExpectError(int code, const char *prefix)
{
    const char *msg = virGetLastErrorMessage();

    if (virGetLastErrorCode() != code || !g_str_has_prefix(msg, prefix)) {
        virTestDiag("expected error %d '%s...', got %d '%s'", code, prefix,
                    virGetLastErrorCode(), msg);
        return -1;
    }
    virResetLastError();
    return 0;
}


static int
testBuildFails(const virDomainDef *def, int code, const char *prefix)
{
    qemuCommandPaths paths = { .monitorSocket = TEST_ROOT "/m.sock" };
    g_auto(GStrv) argv = NULL;

    if ((argv = qemuBuildCommandLine(def, testCaps, &paths, 0))) {
        virTestDiag("the command line was built");
        return -1;
    }
    return testExpectError(code, prefix);
}


/*
 * Errors the driver reports when it is misused or handed a definition
 * the parser would never produce: no XML reaches them, so each case
 * breaks one thing in a prepared definition.
 */
static int
testMisuse(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = NULL;
    g_auto(GStrv) argv = NULL;
    qemuCommandPaths paths = { .monitorSocket = TEST_ROOT "/m.sock" };
    qemuCommandPaths noMonitor = { 0 };

    if (!(def = testLoadDef("minimal", true)))
        return -1;
    if ((argv = qemuBuildCommandLine(def, testCaps, &paths, 1 << 3)) ||
        testExpectError(VIR_ERR_INVALID_ARG,
                        "unsupported flags (0x8) in function qemuBuildCommandLine") < 0)
        return -1;
    if ((argv = qemuBuildCommandLine(def, testCaps, NULL, 0)) ||
        testExpectError(VIR_ERR_INVALID_ARG, "paths in qemuBuildCommandLine") < 0)
        return -1;
    if ((argv = qemuBuildCommandLine(def, testCaps, &noMonitor, 0)) ||
        testExpectError(VIR_ERR_INVALID_ARG,
                        "paths->monitorSocket in qemuBuildCommandLine must not be NULL") < 0)
        return -1;
    /* Without -pidfile when the driver wants none. */
    if (!(argv = qemuBuildCommandLine(def, testCaps, &paths, 0)))
        return -1;
    for (size_t i = 0; argv[i]; i++) {
        if (STREQ(argv[i], "-pidfile"))
            return -1;
    }
    g_clear_pointer(&def, virDomainDefFree);

    /* A machine the emulator lacks, not caught by a skipped prepare. */
    if (!(def = testLoadDef("machine-unknown", false)) ||
        testBuildFails(def, VIR_ERR_CONFIG_UNSUPPORTED,
                       "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-i440fx-9.9'") < 0)
        return -1;
    g_clear_pointer(&def, virDomainDefFree);

    /* Disks: a SATA or SCSI controller that is gone, a disk without a bus. */
    if (!(def = testLoadDef("disk-sata", true)))
        return -1;
    def->disks[0]->info.addr.drive.controller = 7;
    if (testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                       "internal error: disk 'sda' refers to sata controller 7") < 0)
        return -1;
    def->disks[0]->info.addr.drive.controller = 0;
    def->disks[0]->bus = VIR_DOMAIN_DISK_BUS_NONE;
    if (testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                       "internal error: disk 'sda' has no bus") < 0)
        return -1;
    g_clear_pointer(&def, virDomainDefFree);
    if (!(def = testLoadDef("disk-scsi-lsilogic", true)))
        return -1;
    def->disks[0]->info.addr.drive.controller = 7;
    if (testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                       "internal error: disk 'sda' refers to scsi controller 7") < 0)
        return -1;
    g_clear_pointer(&def, virDomainDefFree);

    /* Aliases need a disk name and a drive address. */
    if (!(def = testLoadDef("disk-virtio-raw", false)))
        return -1;
    g_free(def->disks[0]->dst);
    def->disks[0]->dst = g_strdup("disk");
    if (qemuDomainPrepareDef(def, testCaps) == 0 ||
        testExpectError(VIR_ERR_INTERNAL_ERROR,
                        "internal error: cannot name disk 'disk'") < 0)
        return -1;
    g_clear_pointer(&def, virDomainDefFree);
    if (!(def = testLoadDef("disk-ide", false)))
        return -1;
    def->disks[0]->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
    if (qemuDomainPrepareDef(def, testCaps) == 0 ||
        testExpectError(VIR_ERR_INTERNAL_ERROR,
                        "internal error: disk 'hda' has no drive address") < 0)
        return -1;
    g_clear_pointer(&def, virDomainDefFree);

    /* A serial port and a video device without a kind. */
    if (!(def = testLoadDef("serial-types", true)))
        return -1;
    def->serials[0]->type = VIR_DOMAIN_CHR_TYPE_LAST;
    if (testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                       "internal error: character device 'charserial0' has no type") < 0)
        return -1;
    g_clear_pointer(&def, virDomainDefFree);
    if (!(def = testLoadDef("video-vga", true)))
        return -1;
    def->videos[0]->type = VIR_DOMAIN_VIDEO_TYPE_DEFAULT;
    for (size_t i = 0; i < def->ngraphics; i++)
        def->graphics[i]->port = 5900;
    if (testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                       "internal error: video device 'video0' has no model") < 0)
        return -1;
    return 0;
}


static const testInfo tests[] = {
#define DO_TEST_FULL(n, f, fl) { .name = n, .fail = f, .flags = fl },
#define DO_TEST(n) DO_TEST_FULL(n, false, 0)
#define DO_TEST_FLAGS(n, fl) DO_TEST_FULL(n, false, fl)
#define DO_TEST_FAILURE(n) DO_TEST_FULL(n, true, 0)
#define DO_TEST_FAILURE_FLAGS(n, fl) DO_TEST_FULL(n, true, fl)
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
    g_autofree char *capsPath = g_strdup_printf("%s/qemucapabilitiesdata/%s",
                                                virTestSrcDir(), TEST_CAPS);
    g_autofree char *capsText = NULL;
    g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
    int ret = 0;

    if (virTestLoadFile(capsPath, &capsText) < 0 ||
        !(testCaps = virQEMUCapsParse(capsText, capsPath)))
        return -1;
    testFirmwareDirs[0] = g_strdup_printf("%s/qemufirmwaredata", virTestSrcDir());

    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        g_autofree char *title = g_strdup_printf("%s%s", tests[i].name,
                                                 tests[i].fail ? " (failure)" : "");

        if (g_hash_table_contains(names, tests[i].name)) {
            virTestDiag("case %s is listed twice", tests[i].name);
            ret = -1;
        }
        g_hash_table_insert(names, (char *)tests[i].name, (void *)&tests[i]);
        if (virTestRun(title, testCompareXMLToArgv, &tests[i]) < 0)
            ret = -1;
    }
    if (virTestRun("misuse of the builder", testMisuse, NULL) < 0)
        ret = -1;
    if (virTestRun("no orphaned golden files", testCheckOrphans, names) < 0)
        ret = -1;

    virQEMUCapsFree(testCaps);
    g_free(testFirmwareDirs[0]);
    return ret;
}

VIR_TEST_MAIN(mymain)
