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
#include "qemu_capabilities.h"
#include "qemu_capabilitiespriv.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define TEST_BINARY "/usr/bin/qemu-system-x86_64"
#define FIXTURE "caps_7.2.0_x86_64.caps"

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
    g_autofree char *path = g_strdup_printf("%s/qemucapabilitiesdata/%s",
                                            virTestSrcDir(), FIXTURE);
    g_autofree char *fixtureText = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virQEMUCaps) fixture = NULL;
    g_autoptr(virQEMUCaps) caps = NULL;

    if (!(caps = virQEMUCapsCacheLookup(cache, TEST_BINARY)))
        return -1;
    if (caps->kvmProbed != virQEMUCapsKVMUsable() ||
        (caps->kvmSupported && !caps->kvmProbed))
        return -1;
    if (virTestRegenerate()) {
        g_autofree char *text = virQEMUCapsFormat(caps);

        return virTestCompareToFile(text, path);
    }
    if (virTestLoadFile(path, &fixtureText) < 0 ||
        !(fixture = virQEMUCapsParse(fixtureText, path)))
        return -1;
    actual = testFormatLike(caps, fixture);
    return virTestCompareStrings(fixtureText, actual, FIXTURE);
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

    if (!g_file_set_contents(blocker, "", 0, NULL))
        return -1;
    cache = virQEMUCapsCacheNew(testCacheDir, runDir);
    if (!(caps = virQEMUCapsCacheLookup(cache, TEST_BINARY)))
        return -1;
    if (caps->version < QEMU_MIN_VERSION)
        return -1;

    /* Without the file, the same cache has to probe, and cannot. */
    probing = virQEMUCapsCacheNew(testCacheDir, runDir);
    cacheFile = virQEMUCapsCacheFilePath(probing, TEST_BINARY);
    if (unlink(cacheFile) < 0)
        return -1;
    if ((none = virQEMUCapsCacheLookup(probing, TEST_BINARY)))
        return -1;
    return virGetLastErrorCode() == VIR_ERR_SYSTEM_ERROR ? 0 : -1;
}


/* An emulator that dies without a word: the monitor's error stands. */
static int
testSilentEmulator(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("capssilent");
    g_autofree char *binary = g_strdup_printf("%s/qemu-system-x86_64", dir);
    g_autoptr(virQEMUCapsCache) cache = virQEMUCapsCacheNew(dir, dir);
    g_autoptr(virQEMUCaps) caps = NULL;

    if (!g_file_set_contents(binary, "#!/bin/sh\nexit 3\n", -1, NULL) ||
        chmod(binary, 0755) < 0)
        return -1;
    if ((caps = virQEMUCapsCacheLookup(cache, binary)))
        return -1;
    if (virGetLastErrorCode() != VIR_ERR_OPERATION_FAILED) {
        virTestDiag("unexpected error: %s", virGetLastErrorMessage());
        return -1;
    }
    return 0;
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
