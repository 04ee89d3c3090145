/*
 * domainconftest.c: the domain XML parser's refusals, live XML, and the
 * helpers of domain_conf, virxml and virmacaddr
 *
 * Refusals: each tests/domainconfdata/NAME.err-xml must be refused with
 * exactly the error of NAME.err ("code C domain D" and the message), as
 * upstream libvirt 9.0 reports it where it reports one.
 *
 * Live XML: NAME.live.xml (a running domain's status XML) must format
 * back to itself; its persistent form must be NAME.inactive.xml, both
 * when formatted without live data and when the live XML is defined.
 *
 * Every file of tests/domainconfdata must belong to a case.
 * VIR_TEST_REGENERATE_OUTPUT=1 rewrites the expected files.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "domain_conf.h"
#include "virerror.h"
#include "virmacaddr.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define TEST_DATA "domainconfdata"


static char *
testDataPath(const char *name, const char *suffix)
{
    return g_strdup_printf("%s/" TEST_DATA "/%s%s", virTestSrcDir(), name, suffix);
}


/* ---- Refusals ---- */

static int
testParseError(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *inFile = testDataPath(name, ".err-xml");
    g_autofree char *errFile = testDataPath(name, ".err");
    g_autofree char *input = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virDomainDef) def = NULL;
    virErrorPtr err;
    int ret = -1;

    TEST_ASSERT_OK(virTestLoadFile(inFile, &input));
    TEST_ASSERT_MSG((def = virDomainDefParseString(input, 0)) == NULL,
                    "%s was accepted", inFile);
    TEST_ASSERT_MSG((err = virGetLastError()), "%s was refused without an error", inFile);
    actual = g_strdup_printf("code %d domain %d\n%s\n", err->code, err->domain,
                             NULLSTR(err->message));
    TEST_ASSERT_OK(virTestCompareToFile(actual, errFile));
    ret = 0;

 cleanup:
    return ret;
}


/* ---- Live XML ---- */

static int
testLiveXML(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *liveFile = testDataPath(name, ".live.xml");
    g_autofree char *inactiveFile = testDataPath(name, ".inactive.xml");
    g_autofree char *input = NULL;
    g_autofree char *live = NULL;
    g_autofree char *inactive = NULL;
    g_autofree char *defined = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) persistent = NULL;
    g_autoptr(virDomainDef) copy = NULL;
    g_autoptr(virDomainDef) inactiveCopy = NULL;
    int ret = -1;

    TEST_ASSERT_OK(virTestLoadFile(liveFile, &input));
    TEST_ASSERT_NONNULL(def = virDomainDefParseString(input, VIR_DOMAIN_DEF_PARSE_STATUS));
    TEST_ASSERT_NONNULL(live = virDomainDefFormat(def, 0));
    TEST_ASSERT_EQ_STR(live, input);

    TEST_ASSERT_NONNULL(inactive = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    TEST_ASSERT_OK(virTestCompareToFile(inactive, inactiveFile));

    /* Defining what dumpxml showed of a running domain drops the live data. */
    TEST_ASSERT_NONNULL(persistent = virDomainDefParseString(input,
                                                             VIR_DOMAIN_DEF_PARSE_INACTIVE));
    TEST_ASSERT_NONNULL(defined = virDomainDefFormat(persistent, 0));
    TEST_ASSERT_EQ_STR(defined, inactive);

    TEST_ASSERT_NONNULL(copy = virDomainDefCopy(def, 0));
    TEST_ASSERT_MSG(virDomainDefIsEqual(def, copy), "the live copy differs");
    TEST_ASSERT_NONNULL(inactiveCopy = virDomainDefCopy(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    TEST_ASSERT_MSG(virDomainDefIsEqual(persistent, inactiveCopy),
                    "the persistent copy differs");
    ret = 0;

 cleanup:
    return ret;
}


static const char *const testErrSuffixes[] = { ".err-xml", ".err", NULL };
static const char *const testLiveSuffixes[] = { ".live.xml", ".inactive.xml", NULL };

static int
testCheckOrphans(const void *opaque)
{
    GHashTable *names = (GHashTable *)opaque;
    static const char *const suffixes[] = {
        ".err-xml", ".err", ".live.xml", ".inactive.xml", NULL,
    };
    int ret = -1;

    TEST_ASSERT_OK(virTestCheckDataFiles(TEST_DATA, suffixes, false, names));
    ret = 0;

 cleanup:
    return ret;
}


/* ---- Units ---- */

static const char testMinimalXML[] =
    "<domain type='qemu'>\n"
    "  <name>unit</name>\n"
    "  <uuid>6d6cf4bb-5d5a-4b3a-9d1f-0f2b6b1e7a10</uuid>\n"
    "  <memory unit='KiB'>65536</memory>\n"
    "  <os>\n"
    "    <type>hvm</type>\n"
    "  </os>\n"
    "</domain>\n";

/* A domain with one of each kind of device. */
static const char testDevicesXML[] =
    "<domain type='qemu'>\n"
    "  <name>devices</name>\n"
    "  <uuid>6d6cf4bb-5d5a-4b3a-9d1f-0f2b6b1e7a10</uuid>\n"
    "  <memory unit='KiB'>65536</memory>\n"
    "  <os>\n"
    "    <type>hvm</type>\n"
    "  </os>\n"
    "  <devices>\n"
    "    <disk type='file' device='disk'>\n"
    "      <source file='/var/lib/test/a.img'/>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "    </disk>\n"
    "    <disk type='file' device='cdrom'>\n"
    "      <target dev='hdc' bus='ide'/>\n"
    "    </disk>\n"
    "    <interface type='user'>\n"
    "      <mac address='52:54:00:00:00:01'/>\n"
    "    </interface>\n"
    "    <serial type='pty'/>\n"
    "    <graphics type='vnc'/>\n"
    "    <rng model='virtio'>\n"
    "      <backend model='random'>/dev/urandom</backend>\n"
    "    </rng>\n"
    "  </devices>\n"
    "</domain>\n";


typedef struct {
    const char *unit;   /* NULL: no unit attribute */
    const char *value;
    unsigned long long kib;
} testMemoryUnit;

/* The sizes upstream libvirt 9.0 stores for these (checked with
 * define + dumpxml). */
static const testMemoryUnit testMemoryUnitCases[] = {
    { NULL, "65536", 65536 },
    { "b", "1000", 1 },
    { "bytes", "1025", 2 },
    { "k", "1", 1 },
    { "KiB", "9007199254740991", 9007199254740991ULL },
    { "kib", "7", 7 },
    { "KB", "3", 3 },
    { "M", "1", 1024 },
    { "MiB", "+5", 5120 },
    { "MB", "1", 977 },
    { "G", "1", 1048576 },
    { "GiB", "2", 2097152 },
    { "GB", "1", 976563 },
    { "T", "1", 1073741824 },
    { "TiB", "1", 1073741824 },
    { "TB", "1", 976562500 },
    { "P", "1", 1099511627776ULL },
    { "PiB", "1", 1099511627776ULL },
    { "PB", "1", 976562500000ULL },
    { "E", "1", 1125899906842624ULL },
    { "EiB", "7", 7881299347898368ULL },
    { "EB", "1", 976562500000000ULL },
};

static int
testMemoryUnits(const void *opaque G_GNUC_UNUSED)
{
    int ret = -1;

    for (size_t i = 0; i < G_N_ELEMENTS(testMemoryUnitCases); i++) {
        const testMemoryUnit *t = &testMemoryUnitCases[i];
        g_autofree char *attr = t->unit ? g_strdup_printf(" unit='%s'", t->unit)
                                        : g_strdup("");
        g_autofree char *xml = g_strdup_printf(
            "<domain type='qemu'><name>m</name><memory%s>%s</memory>"
            "<os><type>hvm</type></os></domain>", attr, t->value);
        g_autoptr(virDomainDef) def = virDomainDefParseString(xml, 0);

        TEST_ASSERT_MSG(def, "%s %s: %s", t->value, NULLSTR(t->unit),
                        virGetLastErrorMessage());
        TEST_ASSERT_MSG(def->memory == t->kib, "%s %s: %llu KiB, expected %llu",
                        t->value, NULLSTR(t->unit), def->memory, t->kib);
        TEST_ASSERT_MSG(def->currentMemory == t->kib,
                        "%s %s: current %llu KiB, expected %llu",
                        t->value, NULLSTR(t->unit), def->currentMemory, t->kib);
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testDiskNameToIndex(const void *opaque G_GNUC_UNUSED)
{
    static const struct {
        const char *name;
        int idx;
    } cases[] = {
        { "vda", 0 }, { "hdc", 2 }, { "sdz", 25 }, { "sdaa", 26 },
        { "sdzz", 701 }, { "xvdb", 1 }, { "ubdc", 2 }, { "fda", 0 },
        { "vd", -1 }, { "vda1", -1 }, { "foo", -1 }, { "sdA", -1 },
        { "nvme0n1", -1 }, { "sdzzzzzzzzzz", -1 },
    };
    int ret = -1;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int idx = virDomainDiskNameToIndex(cases[i].name);

        TEST_ASSERT_MSG(idx == cases[i].idx, "%s: %d, expected %d",
                        cases[i].name, idx, cases[i].idx);
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testMacAddr(const void *opaque G_GNUC_UNUSED)
{
    static const char *const bad[] = {
        "", "52:54:00:00:00", "52:54:00:00:00:00:00", "52-54-00-00-00-00",
        "123:00:00:00:00:00", "52:54:00:00:00:0g", "52:54:00:00:00:00 ",
        ":52:54:00:00:00", "52::54:00:00:00",
    };
    static const unsigned char prefix[VIR_MAC_PREFIX_BUFLEN] = { 0x52, 0x54, 0x00 };
    char str[VIR_MAC_STRING_BUFLEN];
    virMacAddr mac;
    virMacAddr other;
    int ret = -1;

    TEST_ASSERT_OK(virMacAddrParse("52:54:00:AB:cd:0F", &mac));
    TEST_ASSERT_EQ_STR(virMacAddrFormat(&mac, str), "52:54:00:ab:cd:0f");
    TEST_ASSERT_OK(virMacAddrParse("2:0:0:0:0:1", &other));
    TEST_ASSERT_EQ_STR(virMacAddrFormat(&other, str), "02:00:00:00:00:01");
    TEST_ASSERT(!virMacAddrIsMulticast(&other));
    TEST_ASSERT_CMP_INT(virMacAddrCmp(&mac, &other), >, 0);
    TEST_ASSERT_OK(virMacAddrParse("01:00:5e:00:00:01", &other));
    TEST_ASSERT(virMacAddrIsMulticast(&other));
    TEST_ASSERT_OK(virMacAddrParse("00:00:00:00:00:00", &other));
    TEST_ASSERT(virMacAddrIsZero(&other));
    TEST_ASSERT(!virMacAddrIsZero(&mac));
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
        TEST_ASSERT_MSG(virMacAddrParse(bad[i], &other) != 0, "'%s' was accepted", bad[i]);
    for (size_t i = 0; i < 64; i++) {
        virMacAddrGenerate(prefix, &mac);
        TEST_ASSERT(memcmp(mac.addr, prefix, sizeof(prefix)) == 0);
        TEST_ASSERT(!virMacAddrIsMulticast(&mac));
    }
    ret = 0;

 cleanup:
    return ret;
}


/* Unknown flags are refused by every function that takes flags. */
static int
testFlags(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(testMinimalXML, 0);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autoptr(virDomainDef) copy = NULL;
    g_autoptr(virDomainDef) parsed = NULL;
    g_autofree char *xml = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(def);
    TEST_ASSERT((parsed = virDomainDefParseString(testMinimalXML, 1 << 20)) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_INVALID_ARG);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "virDomainDefParseNode");
    TEST_ASSERT((xml = virDomainDefFormat(def, 1 << 20)) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_INVALID_ARG);
    TEST_ASSERT_NE_INT(virDomainDefFormatBuf(&buf, def, 1 << 20), 0);
    TEST_ASSERT_EQ_INT(virBufferUse(&buf), 0);
    TEST_ASSERT_NE_INT(virDomainDefPostParse(def, 1 << 20), 0);
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 1 << 20), 0);
    TEST_ASSERT((copy = virDomainDefCopy(def, 1 << 20)) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_INVALID_ARG);
    ret = 0;

 cleanup:
    return ret;
}


/* The parser fills in a UUID when there is none, a new one each time. */
static int
testUUIDGenerated(const void *opaque G_GNUC_UNUSED)
{
    static const char xml[] =
        "<domain type='qemu'><name>u</name><memory>65536</memory>"
        "<os><type>hvm</type></os></domain>";
    g_autoptr(virDomainDef) a = virDomainDefParseString(xml, 0);
    g_autoptr(virDomainDef) b = virDomainDefParseString(xml, 0);
    int ret = -1;

    TEST_ASSERT_NONNULL(a);
    TEST_ASSERT_NONNULL(b);
    TEST_ASSERT(!virUUIDIsNull(a->uuid));
    TEST_ASSERT(memcmp(a->uuid, b->uuid, VIR_UUID_BUFLEN) != 0);
    ret = 0;

 cleanup:
    return ret;
}


/* Changes one field of @def (devices parsed from testDevicesXML); false
 * when @which is past the last change. */
static bool
testMutate(virDomainDef *def, size_t which)
{
    switch (which) {
    case 0: def->name[0] = 'X'; break;
    case 1: def->uuid[15] ^= 1; break;
    case 2: def->memory++; break;
    case 3: def->vcpus++; break;
    case 4: def->os.bootDevs[0] = VIR_DOMAIN_BOOT_NET; break;
    case 5: def->features[VIR_DOMAIN_FEATURE_APIC] = true; break;
    case 6: def->clockOffset = VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME; break;
    case 7: def->onCrash = VIR_DOMAIN_LIFECYCLE_ACTION_RESTART; break;
    case 8: g_clear_pointer(&def->cpu, virDomainCPUDefFree); break;
    case 9: def->disks[0]->cache = VIR_DOMAIN_DISK_CACHE_UNSAFE; break;
    case 10: def->disks[1]->info.addr.drive.unit = 1; break;
    case 11: def->disks[0]->info.alias = g_strdup("virtio-disk0"); break;
    case 12: def->nets[0]->mac.addr[5] = 9; break;
    case 13: def->nets[0]->model = VIR_DOMAIN_NET_MODEL_E1000; break;
    case 14: def->serials[0]->targetPort = 2; break;
    case 15: def->serials[0]->path = g_strdup("/dev/pts/9"); break;
    case 16:
        def->controllers[0]->model = VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI;
        break;
    case 17: def->graphics[0]->port = 5901; break;
    case 18: def->videos[0]->vram = 8192; break;
    case 19: def->memballoon->model = VIR_DOMAIN_MEMBALLOON_MODEL_NONE; break;
    case 20: def->rngs[0]->source[5] = 'X'; break;
    case 21: def->inputs[0]->type = VIR_DOMAIN_INPUT_TYPE_KBD; break;
    case 22: def->audios[0]->id = 2; break;
    case 23: virDomainNetDefFree(def->nets[--def->nnets]); break;
    case 24: def->os.kernel = g_strdup("/var/lib/test/vmlinuz"); break;
    case 25: def->disks[0]->readonly = true; break;
    default: return false;
    }
    return true;
}


/* Equality sees a change in any field. */
static int
testIsEqual(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) orig = virDomainDefParseString(testDevicesXML, 0);
    int ret = -1;

    TEST_ASSERT_NONNULL(orig);
    for (size_t i = 0; ; i++) {
        g_autoptr(virDomainDef) def = virDomainDefParseString(testDevicesXML, 0);

        TEST_ASSERT_NONNULL(def);
        TEST_ASSERT_MSG(virDomainDefIsEqual(orig, def),
                        "parsing twice gave different definitions");
        if (!testMutate(def, i))
            break;
        TEST_ASSERT_MSG(!virDomainDefIsEqual(orig, def), "change %zu was not seen", i);
        TEST_ASSERT_MSG(!virDomainDefIsEqual(def, orig),
                        "change %zu was not seen the other way round", i);
    }
    ret = 0;

 cleanup:
    return ret;
}


typedef struct {
    size_t calls;
    size_t failAt;     /* 0: never */
    GString *seen;
} testIterateData;

static int
testIterateCallback(virDomainDef *def G_GNUC_UNUSED, virDomainDeviceDef *dev,
                    virDomainDeviceInfo *info, void *opaque)
{
    testIterateData *data = opaque;

    data->calls++;
    g_string_append_printf(data->seen, "%s ", virDomainDeviceTypeToString(dev->type));
    if (data->failAt && data->calls == data->failAt)
        return -1;
    /* Give every device that can have one a PCI address, as the
     * driver does. */
    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
        dev->type != VIR_DOMAIN_DEVICE_INPUT && dev->type != VIR_DOMAIN_DEVICE_CHR &&
        !(dev->type == VIR_DOMAIN_DEVICE_CONTROLLER &&
          dev->data.controller->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI)) {
        info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
        info->addr.pci.slot = 2 + data->calls;
    }
    return 0;
}

static int
testIterate(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(testDevicesXML, 0);
    g_autoptr(virDomainDef) bare = NULL;
    g_autoptr(GString) seen = g_string_new(NULL);
    g_autoptr(GString) failingSeen = g_string_new(NULL);
    testIterateData data = { 0, 0, seen };
    testIterateData failing = { 0, 3, failingSeen };
    g_autofree char *xml = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(def);
    /* disks vda, hdc; controllers usb, pci, ide; interface; serial (its
     * console is the same device); mouse, keyboard; video (the cirrus
     * added for the graphics); balloon; rng: 12 */
    TEST_ASSERT_EQ_INT(virDomainDefCountDevices(def), 12);
    TEST_ASSERT_OK(virDomainDeviceInfoIterate(def, testIterateCallback, &data));
    TEST_ASSERT_EQ_INT(data.calls, 12);
    TEST_ASSERT_EQ_STR(seen->str, "disk disk controller controller controller "
                                  "interface chr input input video memballoon rng ");

    TEST_ASSERT_EQ_INT(virDomainDeviceInfoIterate(def, testIterateCallback, &failing), -1);
    TEST_ASSERT_EQ_INT(failing.calls, 3);

    /* Without post-parse, a console is a device of its own. */
    bare = virDomainDefParseString(
        "<domain type='qemu'><name>c</name><memory>65536</memory>"
        "<os><type>hvm</type></os><devices><console type='pty'/>"
        "</devices></domain>",
        VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE | VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE);
    TEST_ASSERT_NONNULL(bare);
    TEST_ASSERT_EQ_INT(bare->nserials, 0);
    TEST_ASSERT_EQ_INT(virDomainDefCountDevices(bare), 1);

    /* The addresses the callback gave are the devices' now. */
    TEST_ASSERT_NONNULL(xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    TEST_ASSERT_STR_CONTAINS(xml, "<address type='pci' domain='0x0000' bus='0x00' "
                                  "slot='0x03' function='0x0'/>");
    TEST_ASSERT_STR_CONTAINS(xml, "<address type='pci' domain='0x0000' bus='0x00' "
                                  "slot='0x0e' function='0x0'/>");
    ret = 0;

 cleanup:
    return ret;
}


static int
testLookups(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(testDevicesXML, 0);
    g_autoptr(virDomainDef) none = NULL;
    virDomainControllerDef *ctrl;
    int idx;
    int ret = -1;

    TEST_ASSERT_NONNULL(def);
    TEST_ASSERT(virDomainDiskByTarget(def, "hdc") == def->disks[1]);
    TEST_ASSERT_EQ_INT(virDomainDiskIndexByTarget(def, "vda"), 0);
    TEST_ASSERT(virDomainDiskByTarget(def, "vdz") == NULL);
    TEST_ASSERT_EQ_INT(virDomainDiskIndexByTarget(def, "sda"), -1);
    TEST_ASSERT_CMP_INT(idx = virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_IDE, 0),
                        >=, 0);
    TEST_ASSERT_EQ_INT(def->controllers[idx]->type, VIR_DOMAIN_CONTROLLER_TYPE_IDE);
    TEST_ASSERT_EQ_INT(virDomainControllerFind(def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI, 0), -1);
    TEST_ASSERT(virDomainDefHasUSB(def));

    /* A controller added later goes with the others of its type. */
    ctrl = virDomainDefAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_USB, 1,
                                     VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI);
    TEST_ASSERT(def->controllers[1] == ctrl);

    TEST_ASSERT_NONNULL(none = virDomainDefParseString(
                            "<domain type='qemu'><name>n</name><memory>65536</memory>"
                            "<os><type>hvm</type></os><devices>"
                            "<controller type='usb' model='none'/></devices></domain>", 0));
    TEST_ASSERT(!virDomainDefHasUSB(none));
    ret = 0;

 cleanup:
    return ret;
}


/* The driver nests the domain in its status XML at an indentation. */
static int
testFormatBufIndent(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(testDevicesXML, 0);
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *flat = NULL;
    g_autofree char *nested = NULL;
    g_auto(GStrv) flatLines = NULL;
    g_auto(GStrv) nestedLines = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(def);
    TEST_ASSERT_NONNULL(flat = virDomainDefFormat(def, 0));
    virBufferAddLit(&buf, "<domstatus>\n");
    virBufferAdjustIndent(&buf, 2);
    TEST_ASSERT_OK(virDomainDefFormatBuf(&buf, def, 0));
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</domstatus>\n");
    nested = virBufferContentAndReset(&buf);

    flatLines = g_strsplit(flat, "\n", -1);
    nestedLines = g_strsplit(nested, "\n", -1);
    TEST_ASSERT_EQ_INT(g_strv_length(nestedLines), g_strv_length(flatLines) + 2);
    for (size_t i = 0; flatLines[i] && *flatLines[i]; i++) {
        g_autofree char *expect = g_strdup_printf("  %s", flatLines[i]);

        TEST_ASSERT_EQ_STR(nestedLines[i + 1], expect);
    }
    ret = 0;

 cleanup:
    return ret;
}


/* Defaults are filled in once: doing it again changes nothing. */
static int
testPostParseIdempotent(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(testDevicesXML, 0);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(def);
    TEST_ASSERT_NONNULL(first = virDomainDefFormat(def, 0));
    TEST_ASSERT_OK(virDomainDefPostParse(def, 0));
    TEST_ASSERT_NONNULL(second = virDomainDefFormat(def, 0));
    TEST_ASSERT_EQ_STR(second, first);
    ret = 0;

 cleanup:
    return ret;
}


/* Skipping the defaults leaves the definition as written. */
static int
testSkipPostParse(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) copy = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(def = virDomainDefParseString(testMinimalXML,
                                                      VIR_DOMAIN_DEF_PARSE_SKIP_POST_PARSE));
    TEST_ASSERT(def->cpu == NULL);
    TEST_ASSERT(def->memballoon == NULL);
    TEST_ASSERT_EQ_INT(def->ncontrollers, 0);
    TEST_ASSERT_EQ_INT(def->os.nBootDevs, 0);
    TEST_ASSERT_EQ_STR(def->emulator, NULL);
    TEST_ASSERT_EQ_INT(def->currentMemory, 0);
    TEST_ASSERT_NONNULL(copy = virDomainDefCopy(def, 0));
    TEST_ASSERT(virDomainDefIsEqual(def, copy));
    ret = 0;

 cleanup:
    return ret;
}


/* Validation stands on its own for definitions built in code. */
static int
testValidateBuilt(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virDomainDef) def = virDomainDefNew();
    g_autoptr(virDomainDiskDef) disk = g_new0(virDomainDiskDef, 1);
    g_autoptr(virDomainChrDef) console = g_new0(virDomainChrDef, 1);
    int ret = -1;

    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_ERROR(VIR_ERR_NO_NAME);
    def->name = g_strdup("a/b");
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_ERROR(VIR_ERR_XML_ERROR);
    g_free(def->name);
    def->name = g_strdup("built");
    def->title = g_strdup("two\nlines");
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_ERROR(VIR_ERR_XML_ERROR);
    g_clear_pointer(&def->title, g_free);
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "Memory size must be specified");
    def->memory = 65536;
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_ERROR(VIR_ERR_INTERNAL_ERROR);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "vcpu count 0");
    def->vcpus = 1;
    TEST_ASSERT_OK(virDomainDefValidate(def, 0));

    disk->type = VIR_STORAGE_TYPE_FILE;
    disk->dst = g_strdup("vda");
    disk->bus = VIR_DOMAIN_DISK_BUS_VIRTIO;
    disk->driverName = g_strdup("qemu");
    def->disks = g_new0(virDomainDiskDef *, 1);
    def->disks[def->ndisks++] = g_steal_pointer(&disk);
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_ERROR(VIR_ERR_NO_SOURCE);
    def->disks[0]->src = g_strdup("relative.img");
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_ERROR(VIR_ERR_CONFIG_UNSUPPORTED);
    g_free(def->disks[0]->src);
    def->disks[0]->src = g_strdup("/var/lib/test/a.img");
    g_free(def->disks[0]->driverName);
    def->disks[0]->driverName = g_strdup("tap");
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "unsupported driver name 'tap'");
    g_free(def->disks[0]->driverName);
    def->disks[0]->driverName = g_strdup("qemu");
    def->os.kernel = g_strdup("vmlinuz");
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "relative path 'vmlinuz'");
    g_clear_pointer(&def->os.kernel, g_free);
    TEST_ASSERT_OK(virDomainDefValidate(def, 0));

    /* Post-parse makes every console a serial one; without it: */
    console->deviceType = VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
    console->type = VIR_DOMAIN_CHR_TYPE_PTY;
    console->targetPort = -1;
    def->consoles = g_new0(virDomainChrDef *, 1);
    def->consoles[def->nconsoles++] = g_steal_pointer(&console);
    TEST_ASSERT_NE_INT(virDomainDefValidate(def, 0), 0);
    TEST_ASSERT_ERROR(VIR_ERR_CONFIG_UNSUPPORTED);
    ret = 0;

 cleanup:
    return ret;
}


/* The XML reader's own refusals, outside any domain. */
static int
testXMLParse(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlDoc) bad = NULL;
    g_autoptr(virDomainDef) def = NULL;
    virErrorPtr err;
    int ret = -1;

    TEST_ASSERT_NONNULL(doc = virXMLParseString(VIR_FROM_NONE, "<any>text</any>",
                                                "(test)", NULL));
    g_clear_pointer(&doc, xmlFreeDoc);

    /* No entity expansion from outside, no network. */
    if ((doc = virXMLParseString(VIR_FROM_NONE,
                                 "<!DOCTYPE a [<!ENTITY e SYSTEM 'http://example.invalid/x'>]>"
                                 "<a>&e;</a>", "(test)", NULL))) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        g_autofree char *text = virXMLNodeContentString(root);

        TEST_ASSERT_MSG(!*text, "an external entity was expanded: '%s'", text);
        g_clear_pointer(&doc, xmlFreeDoc);
    }

    /* The driver hands the parser nodes of its own documents. */
    TEST_ASSERT_NONNULL(doc = virXMLParseString(VIR_FROM_NONE,
                                                "<domstatus><domain type='qemu'/></domstatus>",
                                                "(test)", "domstatus"));
    TEST_ASSERT((def = virDomainDefParseNode(doc, xmlDocGetRootElement(doc), 0)) == NULL);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "XML error: expecting root element of 'domain', not 'domstatus'");
    g_clear_pointer(&doc, xmlFreeDoc);

    TEST_ASSERT((bad = virXMLParseString(VIR_FROM_NONE, "<a>\n<b></a>", "(test)", NULL)) == NULL);
    err = virGetLastError();
    TEST_ASSERT_NONNULL(err);
    TEST_ASSERT_EQ_INT(err->code, VIR_ERR_XML_DETAIL);
    TEST_ASSERT_EQ_INT(err->domain, VIR_FROM_NONE);
    TEST_ASSERT_EQ_STR(err->message,
                       "(test):2: Opening and ending tag mismatch: b line 2 and a\n"
                       "<b></a>\n"
                       "-------^");
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
    int ret = 0;

#define DO_TEST_ERR(name) \
    do { \
        g_hash_table_insert(names, (char *)name, (void *)testErrSuffixes); \
        if (virTestRun("refused: " name, testParseError, name) < 0) \
            ret = -1; \
    } while (0)

#define DO_TEST_LIVE(name) \
    do { \
        g_hash_table_insert(names, (char *)name, (void *)testLiveSuffixes); \
        if (virTestRun("live XML: " name, testLiveXML, name) < 0) \
            ret = -1; \
    } while (0)

#define DO_TEST_UNIT(title, body) \
    do { \
        if (virTestRun(title, body, NULL) < 0) \
            ret = -1; \
    } while (0)

    DO_TEST_ERR("address-drive-not-number");
    DO_TEST_ERR("address-drive-on-interface");
    DO_TEST_ERR("address-pci-bus-range");
    DO_TEST_ERR("address-pci-drive-attribute");
    DO_TEST_ERR("address-pci-function-range");
    DO_TEST_ERR("address-pci-multifunction-bad");
    DO_TEST_ERR("address-pci-not-number");
    DO_TEST_ERR("address-pci-slot-range");
    DO_TEST_ERR("address-type-missing");
    DO_TEST_ERR("address-type-unknown");
    DO_TEST_ERR("address-type-usb");
    DO_TEST_ERR("alias-no-name");
    DO_TEST_ERR("alias-user");
    DO_TEST_ERR("attribute-unsupported-memory");
    DO_TEST_ERR("attribute-unsupported-namespace");
    DO_TEST_ERR("attribute-unsupported");
    DO_TEST_ERR("audio-id-duplicate");
    DO_TEST_ERR("audio-id-missing");
    DO_TEST_ERR("audio-id-zero");
    DO_TEST_ERR("audio-type-missing");
    DO_TEST_ERR("audio-type-pulseaudio");
    DO_TEST_ERR("boot-order-and-os-boot");
    DO_TEST_ERR("boot-order-duplicate");
    DO_TEST_ERR("clock-offset-unknown");
    DO_TEST_ERR("clock-offset-variable");
    DO_TEST_ERR("console-differs-from-serial");
    DO_TEST_ERR("console-port-differs");
    DO_TEST_ERR("console-two");
    DO_TEST_ERR("console-virtio");
    DO_TEST_ERR("controller-drive-address");
    DO_TEST_ERR("controller-duplicate");
    DO_TEST_ERR("controller-ide-index1");
    DO_TEST_ERR("controller-index-bad");
    DO_TEST_ERR("controller-index-negative");
    DO_TEST_ERR("controller-model-ehci");
    DO_TEST_ERR("channel-name-twice");
    DO_TEST_ERR("channel-no-target");
    DO_TEST_ERR("channel-path-control-char");
    DO_TEST_ERR("channel-pci-address");
    DO_TEST_ERR("channel-relative-path");
    DO_TEST_ERR("channel-spicevmc-source");
    DO_TEST_ERR("channel-target-guestfwd");
    DO_TEST_ERR("channel-type-file");
    DO_TEST_ERR("channel-unix-connect-no-path");
    DO_TEST_ERR("controller-master-on-sata");
    DO_TEST_ERR("controller-master-startport-range");
    DO_TEST_ERR("controller-model-child-on-usb");
    DO_TEST_ERR("controller-pci-chassis-range");
    DO_TEST_ERR("controller-pci-index-range");
    DO_TEST_ERR("controller-pci-model-name-wrong");
    DO_TEST_ERR("controller-pci-no-model-q35");
    DO_TEST_ERR("controller-pci-port-range");
    DO_TEST_ERR("controller-pci-root-wrong-model-q35");
    DO_TEST_ERR("controller-pci-target-on-bridge");
    DO_TEST_ERR("controller-usb-companion-no-ehci");
    DO_TEST_ERR("controller-usb-companion-piix3");
    DO_TEST_ERR("feature-vmport-state-bogus");
    DO_TEST_ERR("graphics-spice-image-bogus");
    DO_TEST_ERR("graphics-spice-image-no-compression");
    DO_TEST_ERR("graphics-spice-port-range");
    DO_TEST_ERR("graphics-spice-tlsport-bad");
    DO_TEST_ERR("graphics-vnc-image");
    DO_TEST_ERR("graphics-vnc-tlsport");
    DO_TEST_ERR("input-tablet-ps2");
    DO_TEST_ERR("input-usb-drive-address");
    DO_TEST_ERR("interface-bridge-no-source");
    DO_TEST_ERR("interface-bridge-empty-source");
    DO_TEST_ERR("interface-bridge-name-slash");
    DO_TEST_ERR("interface-bridge-name-long");
    DO_TEST_ERR("interface-bridge-name-template");
    DO_TEST_ERR("interface-bridge-target-space");
    DO_TEST_ERR("interface-bridge-target-dotdot");
    DO_TEST_ERR("interface-bridge-network-attr");
    DO_TEST_ERR("interface-network-bridge-attr");
    DO_TEST_ERR("interface-target-on-user");
    DO_TEST_ERR("interface-bridge-target-attr");
    DO_TEST_ERR("interface-network-no-source");
    DO_TEST_ERR("interface-source-on-user");
    DO_TEST_ERR("memballoon-stats-on-none");
    DO_TEST_ERR("memballoon-stats-period-range");
    DO_TEST_ERR("os-efi-and-loader");
    DO_TEST_ERR("os-firmware-bios");
    DO_TEST_ERR("os-firmware-bogus");
    DO_TEST_ERR("os-loader-control-char");
    DO_TEST_ERR("os-loader-empty");
    DO_TEST_ERR("os-loader-relative");
    DO_TEST_ERR("os-loader-rom");
    DO_TEST_ERR("os-nvram-empty");
    DO_TEST_ERR("os-nvram-without-efi");
    DO_TEST_ERR("pm-enabled-bogus");
    DO_TEST_ERR("redirdev-bus-unknown");
    DO_TEST_ERR("redirdev-type-bogus");
    DO_TEST_ERR("redirdev-type-missing");
    DO_TEST_ERR("redirdev-type-tcp");
    DO_TEST_ERR("redirdev-without-usb");
    DO_TEST_ERR("serial-spicevmc");
    DO_TEST_ERR("sound-ac97-codec");
    DO_TEST_ERR("sound-codec-type-missing");
    DO_TEST_ERR("sound-codec-unknown");
    DO_TEST_ERR("sound-drive-address");
    DO_TEST_ERR("sound-model-missing");
    DO_TEST_ERR("sound-model-sb16");
    DO_TEST_ERR("sound-model-unknown");
    DO_TEST_ERR("timer-name-missing");
    DO_TEST_ERR("timer-name-tsc");
    DO_TEST_ERR("timer-name-unknown");
    DO_TEST_ERR("timer-track");
    DO_TEST_ERR("timer-twice");
    DO_TEST_ERR("usb-address-port-hub");
    DO_TEST_ERR("video-qxl-heads-17");
    DO_TEST_ERR("video-ram-bad");
    DO_TEST_ERR("video-ram-on-vga");
    DO_TEST_ERR("watchdog-action-bogus");
    DO_TEST_ERR("watchdog-action-dump");
    DO_TEST_ERR("watchdog-i6300esb-drive-address");
    DO_TEST_ERR("watchdog-ib700-address");
    DO_TEST_ERR("watchdog-model-itco");
    DO_TEST_ERR("watchdog-model-missing");
    DO_TEST_ERR("watchdog-model-unknown");
    DO_TEST_ERR("watchdog-two");
    DO_TEST_ERR("controller-model-on-ide");
    DO_TEST_ERR("controller-model-unknown");
    DO_TEST_ERR("controller-pci-bridge");
    DO_TEST_ERR("controller-pci-no-model");
    DO_TEST_ERR("controller-pci-root-address");
    DO_TEST_ERR("controller-pci-root-index1");
    DO_TEST_ERR("controller-type-missing");
    DO_TEST_ERR("controller-type-unknown");
    DO_TEST_ERR("controller-usb-none-address");
    DO_TEST_ERR("controller-usb-none-and-usb");
    DO_TEST_ERR("cpu-host-passthrough");
    DO_TEST_ERR("cpu-other-model");
    DO_TEST_ERR("current-memory-garbage");
    DO_TEST_ERR("disk-boot-order-missing");
    DO_TEST_ERR("disk-boot-order-zero");
    DO_TEST_ERR("disk-bus-unknown");
    DO_TEST_ERR("disk-bus-usb");
    DO_TEST_ERR("disk-cache-unknown");
    DO_TEST_ERR("disk-cdrom-virtio");
    DO_TEST_ERR("disk-device-floppy");
    DO_TEST_ERR("disk-drive-address-controller-huge");
    DO_TEST_ERR("disk-drive-address-duplicate");
    DO_TEST_ERR("disk-driver-name");
    DO_TEST_ERR("disk-format-unknown");
    DO_TEST_ERR("disk-format-vmdk");
    DO_TEST_ERR("disk-ide-readonly");
    DO_TEST_ERR("disk-ide-second-controller");
    DO_TEST_ERR("disk-ide-unit-range");
    DO_TEST_ERR("disk-sata-readonly");
    DO_TEST_ERR("disk-scsi-pci-address");
    DO_TEST_ERR("disk-source-missing");
    DO_TEST_ERR("disk-source-relative");
    DO_TEST_ERR("disk-source-wrong-attribute");
    DO_TEST_ERR("disk-target-controller-huge");
    DO_TEST_ERR("disk-target-duplicate");
    DO_TEST_ERR("disk-target-missing-nosource");
    DO_TEST_ERR("disk-target-missing");
    DO_TEST_ERR("disk-target-name-unknown");
    DO_TEST_ERR("disk-type-network");
    DO_TEST_ERR("disk-type-unknown");
    DO_TEST_ERR("disk-virtio-drive-address");
    DO_TEST_ERR("domain-id-bad");
    DO_TEST_ERR("domain-type-missing");
    DO_TEST_ERR("domain-type-unknown");
    DO_TEST_ERR("domain-type-xen");
    DO_TEST_ERR("element-duplicate-name");
    DO_TEST_ERR("element-unsupported-feature");
    DO_TEST_ERR("element-unsupported-hostdev");
    DO_TEST_ERR("element-unsupported-metadata");
    DO_TEST_ERR("element-unsupported-namespace");
    DO_TEST_ERR("graphics-listen-mismatch");
    DO_TEST_ERR("graphics-listen-socket");
    DO_TEST_ERR("graphics-listen-type-missing");
    DO_TEST_ERR("graphics-type-missing");
    DO_TEST_ERR("graphics-type-unknown");
    DO_TEST_ERR("graphics-vnc-autoport-bad");
    DO_TEST_ERR("graphics-vnc-port-bad");
    DO_TEST_ERR("graphics-vnc-port-low");
    DO_TEST_ERR("graphics-vnc-twice");
    DO_TEST_ERR("input-address");
    DO_TEST_ERR("input-bus-unknown");
    DO_TEST_ERR("input-type-missing");
    DO_TEST_ERR("input-type-unknown");
    DO_TEST_ERR("lifecycle-poweroff-coredump");
    DO_TEST_ERR("lifecycle-preserve-poweroff");
    DO_TEST_ERR("lifecycle-reboot-coredump");
    DO_TEST_ERR("lifecycle-reboot-destroy");
    DO_TEST_ERR("lifecycle-rename-restart");
    DO_TEST_ERR("lifecycle-unknown");
    DO_TEST_ERR("memballoon-model-missing");
    DO_TEST_ERR("memballoon-model-unknown");
    DO_TEST_ERR("memballoon-model-xen");
    DO_TEST_ERR("memballoon-none-address");
    DO_TEST_ERR("memballoon-two");
    DO_TEST_ERR("memory-fraction");
    DO_TEST_ERR("memory-missing");
    DO_TEST_ERR("memory-negative");
    DO_TEST_ERR("memory-overflow-eib");
    DO_TEST_ERR("memory-overflow-kib");
    DO_TEST_ERR("memory-unit-unknown");
    DO_TEST_ERR("memory-zero");
    DO_TEST_ERR("name-empty");
    DO_TEST_ERR("name-missing");
    DO_TEST_ERR("name-slash");
    DO_TEST_ERR("name-newline");
    DO_TEST_ERR("name-tab");
    DO_TEST_ERR("name-carriage-return");
    DO_TEST_ERR("name-delete");
    DO_TEST_ERR("name-dot");
    DO_TEST_ERR("name-dot-dot");
    DO_TEST_ERR("name-too-long");
    DO_TEST_ERR("path-disk-newline");
    DO_TEST_ERR("path-serial-tab");
    DO_TEST_ERR("path-rng-trailing-newline");
    DO_TEST_ERR("path-emulator-indented");
    DO_TEST_ERR("path-kernel-carriage-return");
    DO_TEST_ERR("net-mac-invalid");
    DO_TEST_ERR("net-mac-missing-address");
    DO_TEST_ERR("net-mac-multicast");
    DO_TEST_ERR("net-model-invalid-chars");
    DO_TEST_ERR("net-model-missing-type");
    DO_TEST_ERR("net-model-ne2k");
    DO_TEST_ERR("net-type-direct");
    DO_TEST_ERR("net-type-missing");
    DO_TEST_ERR("os-arch-aarch64");
    DO_TEST_ERR("os-boot-dev-missing");
    DO_TEST_ERR("os-boot-dev-unknown");
    DO_TEST_ERR("os-boot-too-many");
    DO_TEST_ERR("os-kernel-relative");
    DO_TEST_ERR("os-missing");
    DO_TEST_ERR("os-type-unknown");
    DO_TEST_ERR("os-type-xen");
    DO_TEST_ERR("rng-backend-egd");
    DO_TEST_ERR("rng-backend-missing");
    DO_TEST_ERR("rng-backend-model-missing");
    DO_TEST_ERR("rng-backend-relative");
    DO_TEST_ERR("rng-backend-unknown");
    DO_TEST_ERR("rng-model-missing");
    DO_TEST_ERR("rng-model-unknown");
    DO_TEST_ERR("root-element-wrong");
    DO_TEST_ERR("serial-file-mode");
    DO_TEST_ERR("serial-file-no-path");
    DO_TEST_ERR("serial-file-relative");
    DO_TEST_ERR("serial-null-source");
    DO_TEST_ERR("serial-port-duplicate");
    DO_TEST_ERR("serial-port-negative");
    DO_TEST_ERR("serial-port-range");
    DO_TEST_ERR("serial-target-model-pl011");
    DO_TEST_ERR("serial-target-usb");
    DO_TEST_ERR("serial-type-tcp");
    DO_TEST_ERR("serial-type-unknown");
    DO_TEST_ERR("serial-unix-mode-bad");
    DO_TEST_ERR("title-newline");
    DO_TEST_ERR("uuid-malformed");
    DO_TEST_ERR("vcpu-negative");
    DO_TEST_ERR("vcpu-placement-auto");
    DO_TEST_ERR("vcpu-zero");
    DO_TEST_ERR("video-heads-bad");
    DO_TEST_ERR("video-model-unknown");
    DO_TEST_ERR("video-none-address");
    DO_TEST_ERR("video-none-plus-vga");
    DO_TEST_ERR("video-primary-bad");
    DO_TEST_ERR("video-two-primary");
    DO_TEST_ERR("video-vga-heads");
    DO_TEST_ERR("video-virtio-heads");
    DO_TEST_ERR("video-virtio-vram");
    DO_TEST_ERR("video-vram-bad");
    DO_TEST_ERR("xml-syntax-attribute");
    DO_TEST_ERR("xml-syntax-empty");
    DO_TEST_ERR("xml-syntax-end-of-data");
    DO_TEST_ERR("xml-syntax-mismatch");
    DO_TEST_ERR("xml-syntax-unclosed");

    DO_TEST_LIVE("live-running");
    DO_TEST_LIVE("live-bridge");
    DO_TEST_LIVE("live-fixed-port");
    DO_TEST_LIVE("live-control-chars");

    if (virTestRun("no orphaned files in " TEST_DATA, testCheckOrphans, names) < 0)
        ret = -1;

    DO_TEST_UNIT("memory in every unit", testMemoryUnits);
    DO_TEST_UNIT("disk target names to indexes", testDiskNameToIndex);
    DO_TEST_UNIT("MAC addresses", testMacAddr);
    DO_TEST_UNIT("unknown flags refused", testFlags);
    DO_TEST_UNIT("UUID generated when absent", testUUIDGenerated);
    DO_TEST_UNIT("equality sees every field", testIsEqual);
    DO_TEST_UNIT("device iteration", testIterate);
    DO_TEST_UNIT("device lookups", testLookups);
    DO_TEST_UNIT("formatting nested at an indentation", testFormatBufIndent);
    DO_TEST_UNIT("post-parse is idempotent", testPostParseIdempotent);
    DO_TEST_UNIT("post-parse skipped on request", testSkipPostParse);
    DO_TEST_UNIT("validation of a definition built in code", testValidateBuilt);
    DO_TEST_UNIT("XML reader errors", testXMLParse);

    return ret;
}

VIR_TEST_MAIN(mymain)
