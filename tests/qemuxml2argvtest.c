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

#define TEST_ROOT "/var/lib/test/run"
#define TEST_RANDOM_SEED 20230113

static virQEMUCaps *testCaps;
/* Firmware descriptors: tests/qemufirmwaredata, not the host's. */
static char *testFirmwareDirs[2];



/* What the driver does between parsing and building: prepare the
 * definition and reserve ports for autoport displays. */
static virDomainDef *
testPrepare(const char *xml, unsigned int parseFlags, const testArgvInfo *info,
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
testCompareError(const testArgvInfo *info)
{
    g_autofree char *errPath = testArgvDataPath(info->name, "err");
    g_autofree char *actual = NULL;
    virErrorPtr err = virGetLastError();
    int ret = -1;

    TEST_ASSERT_MSG(err, "%s failed without reporting an error", info->name);
    actual = g_strdup_printf("code=%d domain=%d\n%s\n", err->code,
                             err->domain, NULLSTR(err->message));
    TEST_ASSERT_OK(virTestCompareToFile(actual, errPath));
    ret = 0;

 cleanup:
    return ret;
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
        g_ptr_array_sort(attrs, testArgvCompareStringPtrs);
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
testCompareLiveAddresses(const testArgvInfo *info, const char *liveXML)
{
    g_autofree char *path = testArgvDataPath(info->name, "upstream.json");
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GHashTable) ours = NULL;
    g_autoptr(GHashTable) theirs = NULL;
    JsonObject *root;
    const char *upstreamXML;
    int ret = -1;

    TEST_ASSERT_MSG(json_parser_load_from_file(parser, path, NULL) &&
                    JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)) &&
                    (root = json_node_get_object(json_parser_get_root(parser))) &&
                    (upstreamXML = json_object_get_string_member_with_default(root, "live-xml",
                                                                              NULL)),
                    "%s has no live XML of upstream's guest: run tests/record-upstream %s",
                    path, info->name);
    TEST_ASSERT_NONNULL(ours = testAddressesByAlias(liveXML, "our live XML"));
    TEST_ASSERT_NONNULL(theirs = testAddressesByAlias(upstreamXML, "upstream's live XML"));
    /* Both ways: each lists every device it finds out of place. */
    TEST_ASSERT_OK(testAddressesContained(theirs, ours, "upstream", "ours"));
    TEST_ASSERT_OK(testAddressesContained(ours, theirs, "ours", "upstream"));
    ret = 0;

 cleanup:
    return ret;
}


static int
testCompareXMLToArgv(const void *opaque)
{
    const testArgvInfo *info = opaque;
    g_autofree char *xmlPath = testArgvDataPath(info->name, "xml");
    g_autofree char *argsPath = testArgvDataPath(info->name, "args");
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *liveXML = NULL;
    g_autofree char *again = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) liveDef = NULL;
    g_autoptr(virQEMUCaps) caps = virQEMUCapsCopy(testCaps);
    int ret = -1;

    /* Whether KVM is usable is the case's choice, not the fixture's. */
    caps->kvmSupported = !!(info->flags & TEST_FLAG_KVM);
    if (info->flags & TEST_FLAG_CAPS_NO_RNG)
        g_hash_table_remove(caps->types, "virtio-rng-pci");
    TEST_ASSERT_OK(virTestLoadFile(xmlPath, &xml));

    /* Generated UUIDs and MAC addresses come from glib's generator:
     * a fixed seed keeps them, and the golden files, stable. */
    g_random_set_seed(TEST_RANDOM_SEED);
    def = testPrepare(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE, info, caps);
    if (def)
        actual = testBuild(def, caps, info->name);

    if (info->fail) {
        TEST_ASSERT_MSG(!actual, "%s was expected to fail, but gave:\n%s",
                        info->name, actual);
        TEST_ASSERT_OK(testCompareError(info));
        ret = 0;
        goto cleanup;
    }
    TEST_ASSERT_NONNULL(actual);
    TEST_ASSERT_OK(virTestCompareToFile(actual, argsPath));

    /* The live definition, with what the driver wrote into it, must
     * give the same command line. */
    TEST_ASSERT_NONNULL(liveXML = virDomainDefFormat(def, 0));
    TEST_ASSERT_MSG((liveDef = testPrepare(liveXML, VIR_DOMAIN_DEF_PARSE_STATUS,
                                           info, caps)) &&
                    (again = testBuild(liveDef, caps, info->name)),
                    "%s: the live XML does not build: %s\n%s", info->name,
                    virGetLastErrorMessage(), liveXML);
    TEST_ASSERT_EQ_STR(again, actual);
    TEST_ASSERT_OK(testCompareLiveAddresses(info, liveXML));
    ret = 0;

 cleanup:
    return ret;
}


/* Fails if tests/qemuxml2argvdata holds a file no case claims. */
static int
testCheckOrphans(const void *opaque)
{
    GHashTable *names = (GHashTable *)opaque;
    static const char *const suffixes[] = {
        ".xml", ".args", ".upstream.json", ".err", NULL,
    };
    int ret = -1;

    TEST_ASSERT_OK(virTestCheckDataFiles("qemuxml2argvdata", suffixes, false, names));
    ret = 0;

 cleanup:
    return ret;
}


/* Loads, parses and (unless @prepare is false) prepares a case. */
static virDomainDef *
testLoadDef(const char *name, bool prepare)
{
    g_autofree char *xmlPath = testArgvDataPath(name, "xml");
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
    int ret = -1;

    TEST_ASSERT_ERROR_FULL(code, -1, prefix);
    virResetLastError();
    ret = 0;

 cleanup:
    return ret;
}


static int
testBuildFails(const virDomainDef *def, int code, const char *prefix)
{
    qemuCommandPaths paths = { .monitorSocket = TEST_ROOT "/m.sock" };
    g_auto(GStrv) argv = NULL;
    int ret = -1;

    TEST_ASSERT_MSG(!(argv = qemuBuildCommandLine(def, testCaps, &paths, 0)),
                    "the command line was built");
    TEST_ASSERT_OK(testExpectError(code, prefix));
    ret = 0;

 cleanup:
    return ret;
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
    int ret = -1;

    TEST_ASSERT_NONNULL(def = testLoadDef("minimal", true));
    TEST_ASSERT(!(argv = qemuBuildCommandLine(def, testCaps, &paths, 1 << 3)));
    TEST_ASSERT_OK(testExpectError(VIR_ERR_INVALID_ARG,
                                   "unsupported flags (0x8) in function qemuBuildCommandLine"));
    TEST_ASSERT(!(argv = qemuBuildCommandLine(def, testCaps, NULL, 0)));
    TEST_ASSERT_OK(testExpectError(VIR_ERR_INVALID_ARG, "paths in qemuBuildCommandLine"));
    TEST_ASSERT(!(argv = qemuBuildCommandLine(def, testCaps, &noMonitor, 0)));
    TEST_ASSERT_OK(testExpectError(VIR_ERR_INVALID_ARG,
                                   "paths->monitorSocket in qemuBuildCommandLine must not be NULL"));
    /* Without -pidfile when the driver wants none. */
    TEST_ASSERT_NONNULL(argv = qemuBuildCommandLine(def, testCaps, &paths, 0));
    for (size_t i = 0; argv[i]; i++)
        TEST_ASSERT_MSG(STRNEQ(argv[i], "-pidfile"), "argv[%zu] is -pidfile", i);
    g_clear_pointer(&def, virDomainDefFree);

    /* A machine the emulator lacks, not caught by a skipped prepare. */
    TEST_ASSERT_NONNULL(def = testLoadDef("machine-unknown", false));
    TEST_ASSERT_OK(testBuildFails(def, VIR_ERR_CONFIG_UNSUPPORTED,
                                  "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-i440fx-9.9'"));
    g_clear_pointer(&def, virDomainDefFree);

    /* Disks: a SATA or SCSI controller that is gone, a disk without a bus. */
    TEST_ASSERT_NONNULL(def = testLoadDef("disk-sata", true));
    def->disks[0]->info.addr.drive.controller = 7;
    TEST_ASSERT_OK(testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                                  "internal error: disk 'sda' refers to sata controller 7"));
    def->disks[0]->info.addr.drive.controller = 0;
    def->disks[0]->bus = VIR_DOMAIN_DISK_BUS_NONE;
    TEST_ASSERT_OK(testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                                  "internal error: disk 'sda' has no bus"));
    g_clear_pointer(&def, virDomainDefFree);
    TEST_ASSERT_NONNULL(def = testLoadDef("disk-scsi-lsilogic", true));
    def->disks[0]->info.addr.drive.controller = 7;
    TEST_ASSERT_OK(testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                                  "internal error: disk 'sda' refers to scsi controller 7"));
    g_clear_pointer(&def, virDomainDefFree);

    /* Aliases need a disk name and a drive address. */
    TEST_ASSERT_NONNULL(def = testLoadDef("disk-virtio-raw", false));
    g_free(def->disks[0]->dst);
    def->disks[0]->dst = g_strdup("disk");
    TEST_ASSERT_NE_INT(qemuDomainPrepareDef(def, testCaps), 0);
    TEST_ASSERT_OK(testExpectError(VIR_ERR_INTERNAL_ERROR,
                                   "internal error: cannot name disk 'disk'"));
    g_clear_pointer(&def, virDomainDefFree);
    TEST_ASSERT_NONNULL(def = testLoadDef("disk-ide", false));
    def->disks[0]->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
    TEST_ASSERT_NE_INT(qemuDomainPrepareDef(def, testCaps), 0);
    TEST_ASSERT_OK(testExpectError(VIR_ERR_INTERNAL_ERROR,
                                   "internal error: disk 'hda' has no drive address"));
    g_clear_pointer(&def, virDomainDefFree);

    /* A serial port and a video device without a kind. */
    TEST_ASSERT_NONNULL(def = testLoadDef("serial-types", true));
    def->serials[0]->type = VIR_DOMAIN_CHR_TYPE_LAST;
    TEST_ASSERT_OK(testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                                  "internal error: character device 'charserial0' has no type"));
    g_clear_pointer(&def, virDomainDefFree);
    TEST_ASSERT_NONNULL(def = testLoadDef("video-vga", true));
    def->videos[0]->type = VIR_DOMAIN_VIDEO_TYPE_DEFAULT;
    for (size_t i = 0; i < def->ngraphics; i++)
        def->graphics[i]->port = 5900;
    TEST_ASSERT_OK(testBuildFails(def, VIR_ERR_INTERNAL_ERROR,
                                  "internal error: video device 'video0' has no model"));
    ret = 0;

 cleanup:
    return ret;
}


static const testArgvInfo tests[] = {
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
    g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
    /* The files each kind of case owns. */
    static const char *const argsSuffixes[] = { ".xml", ".args", ".upstream.json", NULL };
    static const char *const failSuffixes[] = { ".xml", ".err", NULL };
    int ret = 0;

    if (!(testCaps = testCapsLoadFixture()))
        return EXIT_FAILURE;
    testFirmwareDirs[0] = g_strdup_printf("%s/qemufirmwaredata", virTestSrcDir());

    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        g_autofree char *title = g_strdup_printf("%s%s", tests[i].name,
                                                 tests[i].fail ? " (failure)" : "");

        if (g_hash_table_contains(names, tests[i].name)) {
            virTestDiag("case %s is listed twice", tests[i].name);
            ret = -1;
        }
        g_hash_table_insert(names, (char *)tests[i].name,
                            (void *)(tests[i].fail ? failSuffixes : argsSuffixes));
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
