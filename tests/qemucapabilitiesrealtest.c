/*
 * qemucapabilitiesrealtest.c: probing Debian's QEMU
 *
 * Probes /usr/bin/qemu-system-x86_64 through the cache, checks that the
 * fixture the golden tests use (tests/qemucapabilitiesdata) still says
 * what the binary says (version, package, machine types, QOM types;
 * VIR_TEST_REGENERATE_OUTPUT=1 rewrites it from the probe), and that a
 * second driver finds the probe's cache file instead of probing again.
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

#define TEST_BINARY "/usr/bin/qemu-system-x86_64"

static char *testCacheDir;


/* The fixture's text for @caps: host-specific data (stat, KVM) taken
 * from @fixture, so only what the binary offers is compared.  So is the
 * package's micro version: Debian's stable updates of QEMU 7.2 (7.2.22,
 * 7.2.23, ...) change neither machine types nor devices, and CI must not
 * break when one lands; a different major or minor version fails. */
static char *
testFormatLike(const virQEMUCaps *caps, const virQEMUCaps *fixture)
{
    g_autoptr(virQEMUCaps) copy = virQEMUCapsCopy(caps);

    if (copy->version / 1000 == fixture->version / 1000) {
        copy->version = fixture->version;
        g_free(copy->package);
        copy->package = g_strdup(fixture->package);
    }

    copy->mtime = fixture->mtime;
    copy->ctime = fixture->ctime;
    copy->size = fixture->size;
    copy->inode = fixture->inode;
    copy->kvmSupported = fixture->kvmSupported;
    copy->kvmProbed = fixture->kvmProbed;
    return virQEMUCapsFormat(copy);
}


static int
testProbeMatchesFixture(const void *data G_GNUC_UNUSED)
{
    g_autofree char *runDir = virTestMakeTempDir("capsrun");
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(testCacheDir, runDir);
    g_autofree char *path = testCapsFixturePath();
    g_autofree char *fixtureText = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *text = NULL;
    g_autoptr(virQEMUCaps) fixture = NULL;
    g_autoptr(virQEMUCaps) caps = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(caps = virQEMUCapsCacheLookup(cache, TEST_BINARY));
    TEST_ASSERT_EQ_INT(caps->kvmProbed, virQEMUCapsKVMUsable());
    TEST_ASSERT_MSG(!caps->kvmSupported || caps->kvmProbed,
                    "KVM supported but /dev/kvm was not usable when probed");
    if (virTestRegenerate()) {
        text = virQEMUCapsFormat(caps);
        TEST_ASSERT_OK(virTestCompareToFile(text, path));
        ret = 0;
        goto cleanup;
    }
    TEST_ASSERT_OK(virTestLoadFile(path, &fixtureText));
    TEST_ASSERT_NONNULL(fixture = virQEMUCapsParse(fixtureText, path));
    actual = testFormatLike(caps, fixture);
    TEST_ASSERT_EQ_STR(actual, fixtureText);
    ret = 0;

 cleanup:
    return ret;
}


/* A second cache on the same directory must load the file: its run
 * directory cannot be created, so a probe would fail. */
static int
testCacheFileReused(const void *data G_GNUC_UNUSED)
{
    g_autofree char *blocker = g_strdup_printf("%s/not-a-dir", testCacheDir);
    g_autofree char *runDir = g_strdup_printf("%s/run", blocker);
    g_autoptr(virQEMUCapsCache) cache = NULL;
    g_autoptr(virQEMUCaps) caps = NULL;
    g_autoptr(virQEMUCapsCache) probing = NULL;
    g_autoptr(virQEMUCaps) none = NULL;
    g_autofree char *cacheFile = NULL;
    int ret = -1;

    TEST_ASSERT(g_file_set_contents(blocker, "", 0, NULL));
    cache = virQEMUCapsCacheNew(testCacheDir, runDir);
    TEST_ASSERT_NONNULL(caps = virQEMUCapsCacheLookup(cache, TEST_BINARY));
    TEST_ASSERT_CMP_INT(caps->version, >=, QEMU_MIN_VERSION);

    /* Without the file, the same cache has to probe, and cannot. */
    probing = virQEMUCapsCacheNew(testCacheDir, runDir);
    cacheFile = virQEMUCapsCacheFilePath(probing, TEST_BINARY);
    TEST_ASSERT_MSG(unlink(cacheFile) == 0, "unlink %s: %s", cacheFile, g_strerror(errno));
    TEST_ASSERT((none = virQEMUCapsCacheLookup(probing, TEST_BINARY)) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_SYSTEM_ERROR);
    ret = 0;

 cleanup:
    return ret;
}


/* An emulator that dies without a word: the monitor's error stands. */
static int
testSilentEmulator(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("capssilent");
    g_autofree char *binary = g_strdup_printf("%s/qemu-system-x86_64", dir);
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) caps = NULL;
    int ret = -1;

    TEST_ASSERT(g_file_set_contents(binary, "#!/bin/sh\nexit 3\n", -1, NULL));
    TEST_ASSERT_MSG(chmod(binary, 0755) == 0, "chmod %s: %s", binary, g_strerror(errno));
    TEST_ASSERT((caps = virQEMUCapsCacheLookup(cache, binary)) == NULL);
    TEST_ASSERT_ERROR(VIR_ERR_OPERATION_FAILED);
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (!virFileIsExecutable(TEST_BINARY))
        return EXIT_AM_SKIP;
    testCacheDir = virTestMakeTempDir("capscache");

    if (virTestRun("probe matches the fixture", testProbeMatchesFixture, NULL) < 0)
        ret = -1;
    if (virTestRun("cache file reused by another cache", testCacheFileReused, NULL) < 0)
        ret = -1;
    if (virTestRun("a silent emulator's failure", testSilentEmulator, NULL) < 0)
        ret = -1;
    g_free(testCacheDir);
    return ret;
}

VIR_TEST_MAIN(mymain)
