/*
 * qemucapabilitiestest.c: emulator capabilities without running QEMU
 *
 * The fixture tests/qemucapabilitiesdata/caps_7.2.0_x86_64.caps comes
 * from a probe of Debian's QEMU (qemucapabilitiesrealtest checks that
 * it still matches the installed binary).  Here: its round trip, the
 * machine and type look-ups, malformed files, and every path of the
 * cache that needs no real emulator.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <sys/stat.h>

#include "testutils.h"
#include "testutilscaps.h"
#include "qemu_capabilities.h"
#include "qemu_capabilitiespriv.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE


static int
testRoundTrip(const void *data G_GNUC_UNUSED)
{
    g_autoptr(virQEMUCaps) caps = testCapsLoadFixture();
    g_autoptr(virQEMUCaps) copy = NULL;
    g_autofree char *path = testCapsFixturePath();
    g_autofree char *text = NULL;
    g_autofree char *copyText = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(caps);
    text = virQEMUCapsFormat(caps);
    TEST_ASSERT_OK(virTestCompareToFile(text, path));
    copy = virQEMUCapsCopy(caps);
    copyText = virQEMUCapsFormat(copy);
    TEST_ASSERT_EQ_STR(copyText, text);
    ret = 0;

 cleanup:
    return ret;
}


static int
testMachines(const void *data G_GNUC_UNUSED)
{
    g_autoptr(virQEMUCaps) caps = testCapsLoadFixture();
    const virQEMUCapsMachine *m;
    int ret = -1;

    TEST_ASSERT_NONNULL(caps);
    TEST_ASSERT_CMP_INT(caps->version, >=, QEMU_MIN_VERSION);
    TEST_ASSERT_EQ_STR(caps->arch, "x86_64");
    /* Alias resolution. */
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, "pc"), "pc-i440fx-7.2");
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, NULL), "pc-i440fx-7.2");
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, "q35"), "pc-q35-7.2");
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, "pc-i440fx-2.0"),
                       "pc-i440fx-2.0");
    /* Unknown machines are not found. */
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, "pc-i440fx-9.9"), NULL);
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, "PC"), NULL);

    TEST_ASSERT_NONNULL(m = virQEMUCapsGetMachine(caps, "pc"));
    TEST_ASSERT_EQ_INT(m->maxCpus, 255);
    TEST_ASSERT(m->isDefault);
    TEST_ASSERT(!m->deprecated);
    TEST_ASSERT_EQ_STR(m->alias, "pc");
    TEST_ASSERT_NONNULL(m = virQEMUCapsGetMachine(caps, "pc-i440fx-1.4"));
    TEST_ASSERT(m->deprecated);
    TEST_ASSERT(!m->isDefault);
    TEST_ASSERT_EQ_STR(m->alias, NULL);
    TEST_ASSERT_NONNULL(m = virQEMUCapsGetMachine(caps, "pc-q35-7.2"));
    TEST_ASSERT_EQ_INT(m->maxCpus, 288);
    ret = 0;

 cleanup:
    return ret;
}


static int
testTypes(const void *data G_GNUC_UNUSED)
{
    g_autoptr(virQEMUCaps) caps = testCapsLoadFixture();
    const char *wanted[] = {
        "virtio-blk-pci", "virtio-net-pci", "e1000", "rtl8139", "lsi53c895a",
        "virtio-scsi-pci", "ich9-ahci", "piix3-usb-uhci", "VGA", "cirrus-vga",
        "virtio-vga", "virtio-gpu-pci", "virtio-balloon-pci", "virtio-rng-pci",
        "rng-random", "isa-serial", "scsi-hd", "ide-hd", "ide-cd",
    };
    int ret = -1;

    TEST_ASSERT_NONNULL(caps);
    for (size_t i = 0; i < G_N_ELEMENTS(wanted); i++)
        TEST_ASSERT_MSG(virQEMUCapsHasType(caps, wanted[i]), "type %s missing", wanted[i]);
    TEST_ASSERT(!virQEMUCapsHasType(caps, "no-such-device"));
    ret = 0;

 cleanup:
    return ret;
}


typedef struct {
    const char *name;
    const char *text;
    const char *message;
} testParseErrorData;

#define GOOD_EMULATOR \
    "[emulator]\nformat=1\nbinary=/b/qemu-system-x86_64\nmtime=1\nctime=1\n" \
    "size=1\ninode=1\nversion=7002000\npackage=\narch=x86_64\nkvm=false\n" \
    "kvmProbed=false\n"
#define GOOD_MACHINE "[machine pc-i440fx-7.2]\nalias=pc\ndefault=true\n" \
    "maxCpus=255\ndeprecated=false\n"
#define GOOD_TYPES "[types]\nnames=VGA;\n"

static const testParseErrorData parseErrors[] = {
    { "not a key file", "garbage without a group\n",
      "internal error: cannot parse QEMU capabilities 'T': it is not a key file" },
    { "format missing", "[emulator]\nbinary=/x\n",
      "internal error: cannot parse QEMU capabilities 'T': key 'format' in group [emulator] is missing or invalid" },
    { "old format", "[emulator]\nformat=0\n",
      "internal error: cannot parse QEMU capabilities 'T': format 0 is not 1" },
    { "version missing",
      "[emulator]\nformat=1\nbinary=/b\nmtime=1\nctime=1\nsize=1\ninode=1\n",
      "internal error: cannot parse QEMU capabilities 'T': key 'version' in group [emulator] is missing or invalid" },
    { "version zero",
      "[emulator]\nformat=1\nbinary=/b\nmtime=1\nctime=1\nsize=1\ninode=1\n"
      "version=0\npackage=\narch=x86_64\nkvm=false\nkvmProbed=false\n"
      GOOD_MACHINE GOOD_TYPES,
      "internal error: cannot parse QEMU capabilities 'T': the version is out of range" },
    { "bad boolean",
      "[emulator]\nformat=1\nbinary=/b\nmtime=1\nctime=1\nsize=1\ninode=1\n"
      "version=7002000\npackage=\narch=x86_64\nkvm=maybe\nkvmProbed=false\n",
      "internal error: cannot parse QEMU capabilities 'T': key 'kvm' in group [emulator] is missing or invalid" },
    { "empty arch",
      "[emulator]\nformat=1\nbinary=/b\nmtime=1\nctime=1\nsize=1\ninode=1\n"
      "version=7002000\npackage=\narch=\nkvm=false\nkvmProbed=false\n",
      "internal error: cannot parse QEMU capabilities 'T': the binary or arch is empty" },
    { "no machines", GOOD_EMULATOR GOOD_TYPES,
      "internal error: cannot parse QEMU capabilities 'T': no machine types" },
    { "machine without maxCpus",
      GOOD_EMULATOR "[machine pc]\ndefault=true\ndeprecated=false\n" GOOD_TYPES,
      "internal error: cannot parse QEMU capabilities 'T': key 'maxCpus' in group [machine pc] is missing or invalid" },
    { "machine with zero maxCpus",
      GOOD_EMULATOR "[machine pc]\ndefault=true\ndeprecated=false\nmaxCpus=0\n" GOOD_TYPES,
      "internal error: cannot parse QEMU capabilities 'T': invalid machine group [machine pc]" },
    { "types missing", GOOD_EMULATOR GOOD_MACHINE,
      "internal error: cannot parse QEMU capabilities 'T': key 'names' in group [types] is missing or invalid" },
};


static int
testParseError(const void *opaque)
{
    const testParseErrorData *data = opaque;
    g_autoptr(virQEMUCaps) caps = virQEMUCapsParse(data->text, "T");
    int ret = -1;

    TEST_ASSERT_MSG(caps == NULL, "malformed capabilities were accepted");
    TEST_ASSERT_ERROR(VIR_ERR_INTERNAL_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), data->message);
    ret = 0;

 cleanup:
    return ret;
}


static int
testParseGood(const void *data G_GNUC_UNUSED)
{
    g_autoptr(virQEMUCaps) caps = virQEMUCapsParse(GOOD_EMULATOR GOOD_MACHINE
                                                   GOOD_TYPES, "T");
    int ret = -1;

    TEST_ASSERT_NONNULL(caps);
    TEST_ASSERT_EQ_INT(caps->version, 7002000);
    TEST_ASSERT_EQ_INT(caps->nmachines, 1);
    TEST_ASSERT(virQEMUCapsHasType(caps, "VGA"));
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, "pc"), "pc-i440fx-7.2");
    ret = 0;

 cleanup:
    return ret;
}


static int
testCacheFixture(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucaps");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) caps = testCapsLoadFixture();
    g_autoptr(virQEMUCaps) found = NULL;
    g_autoptr(virQEMUCaps) again = NULL;
    const char *fake = "/nonexistent/qemu-system-x86_64";
    int ret = -1;

    TEST_ASSERT_NONNULL(caps);
    virQEMUCapsCacheInsertFixture(cache, fake, g_steal_pointer(&caps));
    TEST_ASSERT_NONNULL(found = virQEMUCapsCacheLookup(cache, fake));
    TEST_ASSERT_NONNULL(again = virQEMUCapsCacheLookup(cache, fake));
    /* Each lookup hands out its own copy. */
    TEST_ASSERT(found != again);
    TEST_ASSERT(found->machines != again->machines);
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(found, "pc"), "pc-i440fx-7.2");
    ret = 0;

 cleanup:
    return ret;
}


static int
testCacheTooOld(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucaps");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) caps = testCapsLoadFixture();
    g_autoptr(virQEMUCaps) found = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(caps);
    caps->version = 6002000;
    virQEMUCapsCacheInsertFixture(cache, "/old/qemu", g_steal_pointer(&caps));
    TEST_ASSERT((found = virQEMUCapsCacheLookup(cache, "/old/qemu")) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_CONFIG_UNSUPPORTED);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "unsupported configuration: QEMU version >= 7.2.0 is required, but 6.2.0 found");
    ret = 0;

 cleanup:
    return ret;
}


static int
testCacheMissingBinary(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucaps");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) found = NULL;
    int ret = -1;

    TEST_ASSERT((found = virQEMUCapsCacheLookup(cache, "/nonexistent/qemu-system-x86_64")) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_SYSTEM_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "Cannot check QEMU binary /nonexistent/qemu-system-x86_64: No such file or directory");
    ret = 0;

 cleanup:
    return ret;
}


/* A stand-in emulator: a script that fails if it is ever run. */
static char *
testMakeFakeBinary(const char *dir, const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/%s", dir, name);
    const char *script = "#!/bin/sh\necho 'fake emulator' >&2\nexit 1\n";

    if (!g_file_set_contents(path, script, -1, NULL) || chmod(path, 0755) < 0)
        return NULL;
    return g_steal_pointer(&path);
}


/* Writes a cache file for @binary whose stat data matches it now. */
static int
testWriteCacheFile(virQEMUCapsCache *cache, const char *dir,
                   const char *binary, unsigned int version)
{
    g_autoptr(virQEMUCaps) caps = testCapsLoadFixture();
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    struct stat sb;

    if (!caps || stat(binary, &sb) < 0)
        return -1;
    g_free(caps->binary);
    caps->binary = g_strdup(binary);
    caps->mtime = sb.st_mtime;
    caps->ctime = sb.st_ctime;
    caps->size = sb.st_size;
    caps->inode = sb.st_ino;
    caps->kvmProbed = virQEMUCapsKVMUsable();
    caps->version = version;
    path = virQEMUCapsCacheFilePath(cache, binary);
    if (!g_str_has_prefix(path, dir))
        return -1;
    text = virQEMUCapsFormat(caps);
    return virFileWriteAtomic(path, 0644, text, strlen(text));
}


static int
testCacheOnDisk(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucaps");
    g_autofree char *binary = testMakeFakeBinary(dir, "qemu-system-x86_64");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) found = NULL;
    g_autoptr(virQEMUCaps) again = NULL;
    g_autofree char *cachePath = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(binary);
    TEST_ASSERT_OK(testWriteCacheFile(cache, dir, binary, 7002022));
    /* The fake binary cannot be probed, so success proves the file was
     * used. */
    TEST_ASSERT_NONNULL(found = virQEMUCapsCacheLookup(cache, binary));
    TEST_ASSERT_EQ_INT(found->version, 7002022);
    TEST_ASSERT_EQ_STR(found->binary, binary);
    /* Once loaded, the in-memory entry serves without the file. */
    cachePath = virQEMUCapsCacheFilePath(cache, binary);
    TEST_ASSERT_MSG(unlink(cachePath) == 0, "unlink %s: %s", cachePath, g_strerror(errno));
    TEST_ASSERT_NONNULL(again = virQEMUCapsCacheLookup(cache, binary));
    TEST_ASSERT_EQ_INT(again->version, 7002022);
    ret = 0;

 cleanup:
    return ret;
}


static int
testCacheOnDiskTooOld(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucaps");
    g_autofree char *binary = testMakeFakeBinary(dir, "qemu-system-x86_64");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) found = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(binary);
    TEST_ASSERT_OK(testWriteCacheFile(cache, dir, binary, 7001005));
    TEST_ASSERT((found = virQEMUCapsCacheLookup(cache, binary)) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_CONFIG_UNSUPPORTED);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "unsupported configuration: QEMU version >= 7.2.0 is required, but 7.1.5 found");
    ret = 0;

 cleanup:
    return ret;
}


/* A changed binary makes the cache file stale: the cache probes
 * again, and the fake emulator's failure is what the caller sees. */
static int
testCacheStale(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucaps");
    g_autofree char *binary = testMakeFakeBinary(dir, "qemu-system-x86_64");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) found = NULL;
    g_autofree char *cachePath = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *expect = NULL;
    FILE *fp;
    int ret = -1;

    TEST_ASSERT_NONNULL(binary);
    TEST_ASSERT_OK(testWriteCacheFile(cache, dir, binary, 7002022));
    cachePath = virQEMUCapsCacheFilePath(cache, binary);
    TEST_ASSERT_OK(virTestLoadFile(cachePath, &before));
    TEST_ASSERT_MSG((fp = fopen(binary, "a")), "fopen %s: %s", binary, g_strerror(errno));
    fputs("# changed\n", fp);
    fclose(fp);

    TEST_ASSERT_MSG((found = virQEMUCapsCacheLookup(cache, binary)) == NULL,
                    "a stale cache file was used");
    expect = g_strdup_printf("internal error: cannot probe emulator '%s': fake emulator",
                             binary);
    TEST_ASSERT_ERROR(VIR_ERR_INTERNAL_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), expect);
    /* The failed probe left the old file alone. */
    TEST_ASSERT_OK(virTestLoadFile(cachePath, &after));
    TEST_ASSERT_EQ_STR(after, before);
    ret = 0;

 cleanup:
    return ret;
}


/* A corrupt cache file is ignored, not an error: the binary is probed
 * (and, being fake, fails with the probe's error, not a parse error). */
static int
testCacheCorrupt(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucaps");
    g_autofree char *binary = testMakeFakeBinary(dir, "qemu-system-x86_64");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) found = NULL;
    g_autofree char *cachePath = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(binary);
    cachePath = virQEMUCapsCacheFilePath(cache, binary);
    TEST_ASSERT(g_file_set_contents(cachePath, "[emulator]\nformat=1\n", -1, NULL));
    TEST_ASSERT((found = virQEMUCapsCacheLookup(cache, binary)) == NULL);
    /* The probe's error, not the corrupt file's. */
    TEST_ASSERT_NONNULL(virGetLastError());
    TEST_ASSERT_STR_LACKS(virGetLastErrorMessage(), "cannot parse QEMU capabilities");
    ret = 0;

 cleanup:
    return ret;
}

/*
 * A stand-in emulator that speaks just enough QMP: it accepts on the
 * listening socket the probe passes as fd 3 and answers the probe's
 * commands with a made-up QEMU 7.2.0.  A file "mode" next to it (the
 * probe gives emulators a clean environment) makes it answer
 * one command with an error ("query-version", "quit"), claim to be
 * QEMU 6.2.0 ("old"), or greet and then never answer ("hang"; only the
 * first time, "hang-once").
 */
static const char *testFakeQMP =
    "#!/usr/bin/env python3\n"
    "import json, os, socket, sys, time\n"
    "here = os.path.dirname(sys.argv[0])\n"
    "mode = open(os.path.join(here, 'mode')).read() if os.path.exists(os.path.join(here, 'mode')) else ''\n"
    "marker = os.path.join(here, 'hung-once')\n"
    "conn, _ = socket.socket(fileno=3).accept()\n"
    "f = conn.makefile('rw')\n"
    "def send(o):\n"
    "    f.write(json.dumps(o) + '\\n')\n"
    "    f.flush()\n"
    "ver = {'qemu': {'major': 6 if mode == 'old' else 7, 'minor': 2, 'micro': 0},\n"
    "       'package': 'fake'}\n"
    "answers = {\n"
    "    'qmp_capabilities': {},\n"
    "    'query-version': ver,\n"
    "    'query-machines': [{'name': 'pc-i440fx-7.2', 'alias': 'pc',\n"
    "                        'is-default': True, 'cpu-max': 255,\n"
    "                        'deprecated': False}],\n"
    "    'query-kvm': {'enabled': False, 'present': False},\n"
    "    'query-target': {'arch': 'x86_64'},\n"
    "    'qom-list-types': [{'name': 'VGA'}, {'name': 'isa-serial'}],\n"
    "    'quit': {},\n"
    "}\n"
    "send({'QMP': {'version': ver, 'capabilities': []}})\n"
    "for line in f:\n"
    "    cmd = json.loads(line)\n"
    "    if mode == 'hang' or (mode == 'hang-once' and not os.path.exists(marker)):\n"
    "        open(marker, 'w').close()\n"
    "        time.sleep(3600)\n"
    "    if cmd['execute'] == mode:\n"
    "        reply = {'error': {'class': 'GenericError', 'desc': 'fake failure'}}\n"
    "    else:\n"
    "        reply = {'return': answers[cmd['execute']]}\n"
    "    if 'id' in cmd:\n"
    "        reply['id'] = cmd['id']\n"
    "    send(reply)\n"
    "    if cmd['execute'] == 'quit' and mode != 'quit':\n"
    "        break\n";


static char *
testMakeFakeQMP(const char *dir)
{
    g_autofree char *path = g_strdup_printf("%s/qemu-system-x86_64", dir);

    if (!g_file_set_contents(path, testFakeQMP, -1, NULL) || chmod(path, 0755) < 0)
        return NULL;
    return g_steal_pointer(&path);
}


typedef struct {
    const char *name;
    const char *mode;      /* the fake's "mode" file */
    const char *runDir;    /* NULL: the temporary directory */
    const char *cacheDir;  /* NULL: the temporary directory */
    int code;              /* 0: the probe succeeds */
    const char *message;   /* start of the error message */
} testProbeData;

static const testProbeData probeCases[] = {
    { "probe a QMP emulator", "", NULL, NULL, 0, NULL },
    { "probe survives a failed quit", "quit", NULL, NULL, 0, NULL },
    { "probe survives an unwritable cache", "", NULL, "/proc/no-such-cache", 0, NULL },
    { "probe fails on a QMP error", "query-version", NULL, NULL,
      VIR_ERR_INTERNAL_ERROR,
      "internal error: unable to execute QEMU command 'query-version': fake failure" },
    { "probe asks QEMU its architecture", "query-target", NULL, NULL,
      VIR_ERR_INTERNAL_ERROR,
      "internal error: unable to execute QEMU command 'query-target': fake failure" },
    { "probe tries again an emulator that did not answer", "hang-once", NULL,
      NULL, 0, NULL },
    { "probe gives up on an emulator that never answers", "hang", NULL, NULL,
      VIR_ERR_OPERATION_TIMEOUT,
      "Timed out during operation: QEMU did not reply to monitor command 'qmp_capabilities'" },
    { "probe refuses QEMU 6.2", "old", NULL, NULL, VIR_ERR_CONFIG_UNSUPPORTED,
      "unsupported configuration: QEMU version >= 7.2.0 is required, but 6.2.0 found" },
    { "probe needs a usable run directory", "", "/proc", NULL,
      VIR_ERR_SYSTEM_ERROR, "cannot set up monitor socket '/proc/capsprobe-" },
    { "probe needs a short run directory", "",
      "/tmp/a-run-directory-whose-name-is-far-too-long-for-a-unix-socket-path/"
      "because-sun_path-holds-only-108-bytes", NULL,
      VIR_ERR_INTERNAL_ERROR, "internal error: monitor socket path '/tmp/a-run-directory" },
};


static int
testProbe(const void *opaque)
{
    const testProbeData *data = opaque;
    g_autofree char *dir = virTestMakeTempDir("qemucapsprobe");
    g_autofree char *binary = testMakeFakeQMP(dir);
    g_autoptr(virQEMUCapsCache) cache = NULL;
    g_autoptr(virQEMUCaps) caps = NULL;
    g_autofree char *cacheFile = NULL;
    g_autofree char *modePath = NULL;
    int ret = -1;

    if (!g_file_test("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
        return EXIT_AM_SKIP;
    TEST_ASSERT_NONNULL(binary);
    cache = virQEMUCapsCacheNew(data->cacheDir ? data->cacheDir : dir,
                                data->runDir ? data->runDir : dir);
    if (g_str_has_prefix(data->mode, "hang"))
        virQEMUCapsCacheSetProbeTimeout(cache, 1000);
    modePath = g_build_filename(dir, "mode", NULL);
    TEST_ASSERT(g_file_set_contents(modePath, data->mode, -1, NULL));
    caps = virQEMUCapsCacheLookup(cache, binary);

    if (data->code) {
        TEST_ASSERT_MSG(caps == NULL, "the probe succeeded, expected error %d '%s...'",
                        data->code, data->message);
        TEST_ASSERT_ERROR_FULL(data->code, -1, data->message);
        ret = 0;
        goto cleanup;
    }
    TEST_ASSERT_NONNULL(caps);
    TEST_ASSERT_EQ_INT(caps->version, 7002000);
    TEST_ASSERT_EQ_STR(caps->package, "fake");
    TEST_ASSERT(!caps->kvmSupported);
    TEST_ASSERT_EQ_INT(caps->kvmProbed, virQEMUCapsKVMUsable());
    TEST_ASSERT_EQ_STR(virQEMUCapsGetCanonicalMachine(caps, NULL), "pc-i440fx-7.2");
    TEST_ASSERT(virQEMUCapsHasType(caps, "isa-serial"));
    TEST_ASSERT(!virQEMUCapsHasType(caps, "lsi"));
    /* The probe was saved unless the cache directory is unusable. */
    cacheFile = virQEMUCapsCacheFilePath(cache, binary);
    TEST_ASSERT_EQ_INT(virFileExists(cacheFile), !data->cacheDir);
    ret = 0;

 cleanup:
    return ret;
}


static int
testProbeNotExecutable(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemucapsprobe");
    g_autofree char *binary = testMakeFakeQMP(dir);
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) caps = NULL;
    g_autofree char *expect = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(binary);
    TEST_ASSERT_MSG(chmod(binary, 0644) == 0, "chmod %s: %s", binary, g_strerror(errno));
    TEST_ASSERT((caps = virQEMUCapsCacheLookup(cache, binary)) == NULL);
    expect = g_strdup_printf("cannot execute binary %s: Permission denied", binary);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_SYSTEM_ERROR, -1, expect);
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (virTestRun("fixture round trip and copy", testRoundTrip, NULL) < 0)
        ret = -1;
    if (virTestRun("machine aliases and defaults", testMachines, NULL) < 0)
        ret = -1;
    if (virTestRun("QOM types", testTypes, NULL) < 0)
        ret = -1;
    if (virTestRun("parse a minimal file", testParseGood, NULL) < 0)
        ret = -1;
    for (size_t i = 0; i < G_N_ELEMENTS(parseErrors); i++) {
        g_autofree char *title = g_strdup_printf("parse error: %s",
                                                 parseErrors[i].name);

        if (virTestRun(title, testParseError, &parseErrors[i]) < 0)
            ret = -1;
    }
    if (virTestRun("cache serves fixtures", testCacheFixture, NULL) < 0)
        ret = -1;
    if (virTestRun("cache refuses QEMU < 7.2", testCacheTooOld, NULL) < 0)
        ret = -1;
    if (virTestRun("cache reports a missing binary", testCacheMissingBinary, NULL) < 0)
        ret = -1;
    if (virTestRun("cache uses a fresh file", testCacheOnDisk, NULL) < 0)
        ret = -1;
    if (virTestRun("cache refuses an old version from disk", testCacheOnDiskTooOld, NULL) < 0)
        ret = -1;
    if (virTestRun("cache ignores a corrupt file", testCacheCorrupt, NULL) < 0)
        ret = -1;
    if (virTestRun("probe needs an executable", testProbeNotExecutable, NULL) < 0)
        ret = -1;

    /* The cases below run an emulator, which the probe ends through a
     * pidfd: Debian 12's valgrind (3.19) cannot run pidfd_open, so its
     * pass leaves them out (they run in the normal and ASan passes). */
    if (g_getenv("VIR_TEST_VALGRIND"))
        return ret;
    if (virTestRun("cache ignores a stale file", testCacheStale, NULL) < 0)
        ret = -1;
    for (size_t i = 0; i < G_N_ELEMENTS(probeCases); i++) {
        if (virTestRun(probeCases[i].name, testProbe, &probeCases[i]) < 0)
            ret = -1;
    }
    return ret;
}

VIR_TEST_MAIN(mymain)
