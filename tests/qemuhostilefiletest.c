/*
 * qemuhostilefiletest.c: issue 10's damaged files and directories under the state root, on real QEMU
 *
 * Every file under the root (definition, status file, locks,
 * NAME.destroy, log, next-id, driver-lock, next-id-lock, the run's
 * private directory, qemu.pid, monitor.sock), each in turn while the
 * domain runs: truncated, garbled, replaced by a symbolic link to a
 * decoy outside the root, by a FIFO, by a directory, made group- or
 * world-writable, owned by another uid; the directories of the root
 * the same way, which must be refused at connection open; the files a
 * start reads or creates, damaged before the start.
 *
 * Each case runs on a root of its own (testutilshostilecase.h), and
 * after every case the invariants of testutilshostile.h are checked.
 * Errors must carry the expected code and name what is wrong.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsreliab.h"
#include "testutilshostile.h"
#include "testutilshostilecase.h"
#include "virerror.h"


/* ---- every file under the root --------------------------------------------- */

typedef enum {
    TEST_FILE_DEFINITION,
    TEST_FILE_STATUS,
    TEST_FILE_LOCK,
    TEST_FILE_DESTROY,
    TEST_FILE_LOG,
    TEST_FILE_NEXT_ID,
    TEST_FILE_DRIVER_LOCK,
    TEST_FILE_NEXT_ID_LOCK,
    TEST_FILE_PRIVATE_DIR,
    TEST_FILE_PID,
    TEST_FILE_MONITOR,

    TEST_FILE_LAST
} testFile;

static const char *const testFileTitles[TEST_FILE_LAST] = {
    "the definition (etc/qemu/vm.xml)",
    "the status file (run/qemu/vm.xml)",
    "the job lock (vm.lock)",
    "the destroy lock (vm.destroy)",
    "the log (log/qemu/vm.log)",
    "next-id",
    "driver-lock",
    "next-id-lock",
    "the run's private directory (domain-1-vm)",
    "qemu.pid",
    "monitor.sock",
};


static char *
testFilePath(testRoot *r, testFile file)
{
    switch (file) {
    case TEST_FILE_DEFINITION:
        return g_build_filename(r->configDir, "vm.xml", NULL);
    case TEST_FILE_STATUS:
        return g_build_filename(r->stateDir, "vm.xml", NULL);
    case TEST_FILE_LOCK:
        return g_build_filename(r->stateDir, "vm.lock", NULL);
    case TEST_FILE_DESTROY:
        return g_build_filename(r->stateDir, "vm.destroy", NULL);
    case TEST_FILE_LOG:
        return g_build_filename(r->logDir, "vm.log", NULL);
    case TEST_FILE_NEXT_ID:
        return g_build_filename(r->stateDir, "next-id", NULL);
    case TEST_FILE_DRIVER_LOCK:
        return g_build_filename(r->stateDir, "driver-lock", NULL);
    case TEST_FILE_NEXT_ID_LOCK:
        return g_build_filename(r->stateDir, "next-id-lock", NULL);
    case TEST_FILE_PRIVATE_DIR:
        return g_build_filename(r->stateDir, "domain-1-vm", NULL);
    case TEST_FILE_PID:
        return g_build_filename(r->stateDir, "domain-1-vm", "qemu.pid", NULL);
    case TEST_FILE_MONITOR:
        return g_build_filename(r->stateDir, "domain-1-vm", "monitor.sock", NULL);
    case TEST_FILE_LAST:
        break;
    }
    return NULL;
}


/* A file whose only use is to be locked (or to count, for the lock). */
static bool
testFileIsLock(testFile file)
{
    return file == TEST_FILE_LOCK || file == TEST_FILE_DESTROY ||
           file == TEST_FILE_DRIVER_LOCK || file == TEST_FILE_NEXT_ID_LOCK;
}


/* Whether the driver may use @file despite @damage: the content of a
 * lock or a log means nothing to it. */
static bool
testDamageHarmless(testFile file, testDamage damage)
{
    /* A lock file's contents mean nothing: a damaged one is moved aside
     * (NAME.damaged) and replaced, whatever the damage. */
    if (testFileIsLock(file))
        return true;
    if (damage != TEST_DAMAGE_TRUNCATE && damage != TEST_DAMAGE_GARBLE)
        return false;
    return file != TEST_FILE_NEXT_ID;
}


/* Whether the driver moved what was planted at @path aside (to
 * PATH.damaged) rather than used it: then it is removed, and true. */
static bool
testLockMovedAside(const char *path)
{
    g_autofree char *aside = g_strdup_printf("%s.damaged", path);
    struct stat sb;

    if (lstat(aside, &sb) < 0)
        return false;
    if (S_ISDIR(sb.st_mode))
        return rmdir(aside) == 0;
    return unlink(aside) == 0;
}


/* A file whose content is the user's (or the driver's memory of IDs):
 * restored when the case is over. */
static bool
testFileRestored(testFile file)
{
    return file == TEST_FILE_DEFINITION || file == TEST_FILE_NEXT_ID;
}


/*
 * One file, one damage, while vm runs.  Returns 0, 1 when the damage
 * does not apply, -1 with diagnostics.
 */
static int
testFileDamage(testFile file, testDamage damage)
{
    testRoot *r = testRootNew();
    g_autofree char *path = NULL;
    g_autofree char *xml = NULL;
    virDomainPtr dom = NULL;
    virDomainPtr other = NULL;
    virConnectPtr conn = NULL;
    testPlant plant = { 0 };
    bool harmless = testDamageHarmless(file, damage);
    int secondStartCode = VIR_ERR_OPERATION_INVALID;
    pid_t qemu = 0;
    int rc;
    int ret = -1;

    if (!r)
        return -1;
    TEST_ASSERT_MSG((dom = testStartDomain(r, "vm", NULL, &qemu)), "cannot start vm");
    if (file == TEST_FILE_NEXT_ID || file == TEST_FILE_NEXT_ID_LOCK) {
        xml = testQemuDomainXML("other", NULL, NULL);
        TEST_ASSERT_MSG((other = virDomainDefineXML(r->conn, xml)), "cannot define other");
    }
    path = testFilePath(r, file);
    if ((rc = testDamageApply(r, path, damage, &plant)) == 1) {
        ret = 1;
        goto cleanup;
    }
    TEST_ASSERT_MSG(rc == 0, "cannot damage %s", path);
    testCases[TEST_CLASS_FILES]++;

    /* Files never keep a connection from opening, and the running
     * domain stays listed and alone. */
    TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open %s: %s", r->uri,
                    virGetLastErrorMessage());
    TEST_ASSERT_MSG(testListed(conn, "vm", true) == 0, "vm is not listed running");
    if (file == TEST_FILE_LOCK && !harmless)
        secondStartCode = -1;   /* refused for its lock, with a message on it */
    TEST_ASSERT_MSG(testNoSecondStart(r, conn, "vm", 1, secondStartCode) == 0,
                    "a second QEMU could be started");

    switch (file) {
    case TEST_FILE_DRIVER_LOCK: {
        g_autofree char *third = testQemuDomainXML("third", NULL, NULL);
        virDomainPtr d = virDomainDefineXML(conn, third);

        if (harmless) {
            TEST_ASSERT_MSG(d, "define beside a harmless driver-lock failed: %s",
                            virGetLastErrorMessage());
            virDomainUndefine(d);
            virDomainFree(d);
        } else {
            if (d)
                virDomainFree(d);
            TEST_ASSERT_MSG(!d && testCheckError(-1, path, testDamageWhy[damage]) == 0,
                            "define with a damaged driver-lock");
        }
        break;
    }
    case TEST_FILE_NEXT_ID:
    case TEST_FILE_NEXT_ID_LOCK: {
        rc = testCallByName(conn, "other", TEST_CALL_CREATE);
        if (harmless) {
            TEST_ASSERT_MSG(rc == 0, "start beside a harmless %s failed: %s", path,
                            virGetLastErrorMessage());
            TEST_ASSERT_MSG(testDestroy(conn, "other", testQemuDomainPid(r->root, "other"),
                                        0) == 0, "cannot destroy other");
        } else {
            /* (Garbage longer than an ID is refused for its size.) */
            TEST_ASSERT_MSG(rc < 0 &&
                            testCheckError(-1, path,
                                           damage == TEST_DAMAGE_TRUNCATE ?
                                           "does not hold a domain ID" :
                                           testDamageWhy[damage]) == 0,
                            "start with a damaged %s", path);
            TEST_ASSERT_MSG(testQemuCount(r) == 1, "a QEMU was started all the same");
        }
        virResetLastError();
        break;
    }
    default:
        break;
    }

    /* Whatever is damaged, destroy stops the running QEMU. */
    TEST_ASSERT_MSG(testDestroy(conn, "vm", qemu, 0) == 0, "vm could not be destroyed");

    /* A lock file that was no longer a trusted regular file was moved
     * aside, not followed, written or removed (the invariants check what
     * it pointed to). */
    if (testFileIsLock(file) && damage != TEST_DAMAGE_TRUNCATE &&
        damage != TEST_DAMAGE_GARBLE)
        TEST_ASSERT_MSG(testLockMovedAside(path), "the damaged %s was not moved aside", path);

    if (file == TEST_FILE_LOG) {
        /* A start appends to the log: never through what was planted. */
        rc = testCallByName(conn, "vm", TEST_CALL_CREATE);
        if (harmless) {
            struct stat sb;

            TEST_ASSERT_MSG(rc == 0, "start with a harmless log failed: %s",
                            virGetLastErrorMessage());
            TEST_ASSERT_MSG(testDestroy(conn, "vm", testQemuDomainPid(r->root, "vm"),
                                        VIR_DOMAIN_DESTROY_REMOVE_LOGS) == 0,
                            "cannot destroy vm again");
            TEST_ASSERT_MSG(lstat(path, &sb) < 0 && errno == ENOENT,
                            "the log is still there after a destroy that removes it");
        } else {
            TEST_ASSERT_MSG(rc < 0 && testCheckError(-1, path, testDamageWhy[damage]) == 0,
                            "start with a damaged log");
            virResetLastError();
            TEST_ASSERT_MSG(testQemuCount(r) == 0, "a QEMU was started all the same");
        }
    }
    if (file == TEST_FILE_DEFINITION) {
        /* A definition the driver cannot read is the user's: kept. */
        TEST_ASSERT_MSG(testDamageStillThere(&plant),
                        "the damaged definition was replaced or removed");
    }

    testDamageRepair(&plant, testFileRestored(file));
    virConnectClose(conn);
    TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open %s after the repair: %s",
                    r->uri, virGetLastErrorMessage());
    TEST_ASSERT_MSG(testListed(conn, "vm", false) == 0, "vm is not listed shut off");
    TEST_ASSERT_MSG(testUndefine(conn, "vm") == 0, "cannot undefine vm");
    if (other)
        TEST_ASSERT_MSG(testUndefine(conn, "other") == 0, "cannot undefine other");
    ret = 0;

 cleanup:
    if (ret < 0)
        virTestDiag("case: %s, %s", testFileTitles[file], testDamageTitles[damage]);
    testDamageRepair(&plant, testFileRestored(file));
    if (dom)
        virDomainFree(dom);
    if (other)
        virDomainFree(other);
    if (conn)
        virConnectClose(conn);
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_FILES]++;
    return ret;
}


static int
testFile1(const void *opaque)
{
    testFile file = GPOINTER_TO_INT(opaque);
    int ret = 0;

    for (int d = 0; d < TEST_DAMAGE_LAST; d++) {
        if (d == TEST_DAMAGE_CHOWN && geteuid() != 0)
            continue;
        if (testFileDamage(file, d) < 0)
            ret = -1;
    }
    return ret;
}


/*
 * A running QEMU's monitor socket gone, or a regular file in its place:
 * QEMU cannot be asked, and a state query must say what it knows at
 * once rather than wait for a socket that will not come back.  The
 * bound is the configured job_wait_timeout (2 s here).
 */
static int
testMonitorGone(const void *opaque G_GNUC_UNUSED)
{
    testRoot *r = testRootNew();
    g_autofree char *monitor = NULL;
    virDomainPtr dom = NULL;
    testPlant plant = { 0 };
    pid_t qemu = 0;
    int ret = -1;

    if (!r)
        return -1;
    TEST_ASSERT_MSG((dom = testStartDomain(r, "vm", NULL, &qemu)), "cannot start vm");
    monitor = testRunFile(r, "monitor.sock");
    plant.path = g_strdup(monitor);
    TEST_ASSERT_MSG(monitor && testMoveAside(r, &plant) == 0, "cannot move the socket");

    for (int round = 0; round < 2; round++) {
        gint64 start;
        double seconds;
        int state = -1;
        int reason = -1;
        int rc;

        testCases[TEST_CLASS_FILES]++;
        if (round == 1)
            TEST_ASSERT_MSG(testWriteFile(monitor, "", 0) == 0, "cannot plant a file");
        start = g_get_monotonic_time();
        rc = virDomainGetState(dom, &state, &reason, 0);
        seconds = (g_get_monotonic_time() - start) / 1e6;
        TEST_ASSERT_MSG(rc == 0 && (state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_PAUSED),
                        "state %d/%d (%s), expected running or paused", state, reason,
                        rc < 0 ? virGetLastErrorMessage() : "");
        TEST_ASSERT_MSG(seconds < 2.0,
                        "the state query with monitor.sock %s took %.3f s, more than job_wait_timeout (2 s)",
                        round ? "a regular file" : "gone", seconds);
    }
    TEST_ASSERT_MSG(testDestroy(r->conn, "vm", qemu, 0) == 0, "cannot destroy vm");
    ret = 0;

 cleanup:
    testPlantClear(&plant);
    if (dom)
        virDomainFree(dom);
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_FILES]++;
    return ret;
}


/* ---- the directories of the root ---------------------------------------- */

/* Those the driver uses (lib/qemu is made but never used). */
static const char *const testDirs[] = {
    "etc/qemu", "run/qemu", "log/qemu", "cache/qemu", "etc", "run", "log", "cache",
};

static const testDamage testDirDamages[] = {
    TEST_DAMAGE_CHMOD_GROUP, TEST_DAMAGE_CHMOD_OTHER, TEST_DAMAGE_CHOWN,
    TEST_DAMAGE_SYMLINK,
};


/* Each damage of one directory of the root, while vm runs: refused at
 * every open, read-write or read-only, saying which directory and why. */
static int
testDir1(const void *opaque)
{
    const char *dir = opaque;
    testRoot *r = testRootNew();
    g_autofree char *path = NULL;
    virDomainPtr dom = NULL;
    virConnectPtr conn = NULL;
    testPlant plant = { 0 };
    pid_t qemu = 0;
    int bad = 0;
    int ret = -1;

    if (!r)
        return -1;
    path = g_build_filename(r->root, dir, NULL);
    TEST_ASSERT_MSG((dom = testStartDomain(r, "vm", NULL, &qemu)), "cannot start vm");

    for (size_t i = 0; i < G_N_ELEMENTS(testDirDamages); i++) {
        testDamage damage = testDirDamages[i];
        bool refused = true;
        struct stat sb;

        if (damage == TEST_DAMAGE_CHOWN && geteuid() != 0)
            continue;
        testCases[TEST_CLASS_DIRS]++;
        if (damage == TEST_DAMAGE_SYMLINK) {
            /* A link to the very same directory, moved aside: what it
             * holds is fine, but the driver must not go through a link. */
            plant.path = g_strdup(path);
            plant.damage = damage;
            TEST_ASSERT_MSG(lstat(path, &plant.orig) == 0 && testMoveAside(r, &plant) == 0 &&
                            symlink(plant.moved, path) == 0, "cannot link %s", path);
            plant.plantedType = S_IFLNK;
            TEST_ASSERT_MSG(lstat(path, &sb) == 0, "cannot stat %s", path);
            plant.plantedIno = sb.st_ino;
        } else {
            TEST_ASSERT_MSG(testDamageApply(r, path, damage, &plant) == 0,
                            "cannot damage %s", path);
        }

        for (int ro = 0; ro < 2; ro++) {
            virConnectPtr c = ro ? virConnectOpenReadOnly(r->uri) : virConnectOpen(r->uri);

            if (c) {
                virTestDiag("%s %s: a %s connection opened", path, testDamageTitles[damage],
                            ro ? "read-only" : "read-write");
                virConnectClose(c);
                refused = false;
            } else if (testCheckError(VIR_ERR_OPERATION_FAILED, path,
                                      damage == TEST_DAMAGE_SYMLINK ? "refusing" :
                                      testDamageWhy[damage]) < 0) {
                virTestDiag("%s %s: the refusal does not say so", path,
                            testDamageTitles[damage]);
                refused = false;
            }
            virResetLastError();
        }
        if (!refused)
            bad++;
        /* Back as it was: the link goes, the directory comes back. */
        testDamageRepair(&plant, true);
    }
    TEST_ASSERT_MSG(bad == 0, "%d damage(s) of %s not refused as they should be", bad, path);

    TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open %s after the repair: %s",
                    r->uri, virGetLastErrorMessage());
    TEST_ASSERT_MSG(testListed(conn, "vm", true) == 0, "vm is not listed running");
    ret = 0;

 cleanup:
    if (ret < 0)
        virTestDiag("case: directory %s", dir);
    testDamageRepair(&plant, true);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    testFailed[TEST_CLASS_DIRS] += bad;
    if ((ret = testRootFinish(r, ret)) < 0 && bad == 0)
        testFailed[TEST_CLASS_DIRS]++;
    return ret;
}


/* ---- damage a start meets ------------------------------------------------- */

typedef enum {
    TEST_START_OK,
    TEST_START_REFUSED,
} testStartExpect;

typedef struct {
    testFile file;
    testDamage damage;
    testStartExpect expect;
} testStartCase;

/* The special damage of the private directory: a leftover of ours
 * holding a pid file naming the decoy and a monitor socket linked to
 * one outside the root. */
#define TEST_DAMAGE_LEFTOVER TEST_DAMAGE_LAST

static const testStartCase testStartCases[] = {
    { TEST_FILE_LOG, TEST_DAMAGE_TRUNCATE, TEST_START_OK },
    { TEST_FILE_LOG, TEST_DAMAGE_GARBLE, TEST_START_OK },
    { TEST_FILE_LOG, TEST_DAMAGE_SYMLINK, TEST_START_REFUSED },
    { TEST_FILE_LOG, TEST_DAMAGE_FIFO, TEST_START_REFUSED },
    { TEST_FILE_LOG, TEST_DAMAGE_DIRECTORY, TEST_START_REFUSED },
    { TEST_FILE_LOG, TEST_DAMAGE_CHMOD_OTHER, TEST_START_REFUSED },
    { TEST_FILE_LOG, TEST_DAMAGE_CHOWN, TEST_START_REFUSED },
    { TEST_FILE_PRIVATE_DIR, TEST_DAMAGE_SYMLINK, TEST_START_REFUSED },
    { TEST_FILE_PRIVATE_DIR, TEST_DAMAGE_FIFO, TEST_START_REFUSED },
    { TEST_FILE_PRIVATE_DIR, TEST_DAMAGE_TRUNCATE, TEST_START_REFUSED },
    { TEST_FILE_PRIVATE_DIR, TEST_DAMAGE_CHMOD_OTHER, TEST_START_REFUSED },
    { TEST_FILE_PRIVATE_DIR, TEST_DAMAGE_CHOWN, TEST_START_REFUSED },
    { TEST_FILE_PRIVATE_DIR, TEST_DAMAGE_LEFTOVER, TEST_START_OK },
    { TEST_FILE_STATUS, TEST_DAMAGE_GARBLE, TEST_START_OK },
    { TEST_FILE_STATUS, TEST_DAMAGE_SYMLINK, TEST_START_OK },
    { TEST_FILE_STATUS, TEST_DAMAGE_FIFO, TEST_START_OK },
    { TEST_FILE_STATUS, TEST_DAMAGE_CHOWN, TEST_START_OK },
    { TEST_FILE_STATUS, TEST_DAMAGE_DIRECTORY, TEST_START_REFUSED },
    { TEST_FILE_LOCK, TEST_DAMAGE_SYMLINK, TEST_START_OK },
    { TEST_FILE_LOCK, TEST_DAMAGE_FIFO, TEST_START_OK },
    { TEST_FILE_LOCK, TEST_DAMAGE_DIRECTORY, TEST_START_OK },
    { TEST_FILE_LOCK, TEST_DAMAGE_CHMOD_OTHER, TEST_START_OK },
};


/* Puts in place what @tc damages, as a stopped domain vm would have
 * it: a log, a shut-off status file, a lock; or the private directory
 * of its next run (ID 1 in a fresh root). */
static int
testStartPrepare(const testStartCase *tc, const char *path)
{
    switch (tc->file) {
    case TEST_FILE_LOG:
        return testWriteFile(path, "an earlier run\n", strlen("an earlier run\n"));
    case TEST_FILE_STATUS: {
        const char *status = "<domstatus state='shutoff' reason='destroyed' phase='inactive'/>\n";

        return testWriteFile(path, status, strlen(status));
    }
    case TEST_FILE_LOCK:
        return testWriteFile(path, "", 0);
    case TEST_FILE_PRIVATE_DIR:
        if (mkdir(path, 0700) < 0)
            return -1;
        if (tc->damage == TEST_DAMAGE_LEFTOVER) {
            g_autofree char *pid = g_build_filename(path, "qemu.pid", NULL);
            g_autofree char *sock = g_build_filename(path, "monitor.sock", NULL);
            g_autofree char *decoy = g_strdup_printf("%lld\n",
                                                     (long long)testGuardDecoy(guard));

            if (testWriteFile(pid, decoy, strlen(decoy)) < 0 ||
                symlink(testGuardSocket(guard), sock) < 0)
                return -1;
        }
        return 0;
    default:
        break;
    }
    return -1;
}


static int
testStart1(const void *opaque)
{
    const testStartCase *tc = opaque;
    testRoot *r = testRootNew();
    g_autofree char *xml = testQemuDomainXML("vm", NULL, NULL);
    g_autofree char *path = NULL;
    virDomainPtr dom = NULL;
    virConnectPtr conn = NULL;
    testPlant plant = { 0 };
    pid_t qemu;
    int ret = -1;

    if (!r)
        return -1;
    if (tc->damage == TEST_DAMAGE_CHOWN && geteuid() != 0) {
        /* Only root can give a file to another uid. */
        testRootFinish(r, 0);
        return EXIT_AM_SKIP;
    }
    testCases[TEST_CLASS_START]++;
    path = testFilePath(r, tc->file);
    TEST_ASSERT_MSG((dom = virDomainDefineXML(r->conn, xml)), "cannot define vm: %s",
                    virGetLastErrorMessage());
    virDomainFree(dom);
    dom = NULL;
    TEST_ASSERT_MSG(testStartPrepare(tc, path) == 0, "cannot prepare %s", path);
    if (tc->damage != TEST_DAMAGE_LEFTOVER)
        TEST_ASSERT_MSG(testDamageApply(r, path, tc->damage, &plant) == 0,
                        "cannot damage %s", path);
    /* The start comes from a new connection, as from another process:
     * what this one may hold open from the define does not count. */
    TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open %s: %s", r->uri,
                    virGetLastErrorMessage());
    dom = virDomainLookupByName(conn, "vm");
    if (!dom && tc->expect == TEST_START_REFUSED && tc->file == TEST_FILE_LOCK) {
        /* A stopped domain whose lock cannot be used may be refused as
         * early as its lookup, saying so. */
        TEST_ASSERT_MSG(testCheckError(-1, path, testDamageWhy[tc->damage]) == 0,
                        "the lookup was not refused as it should be");
        virResetLastError();
        TEST_ASSERT_MSG(testQemuCount(r) == 0, "a QEMU runs");
        testDamageRepair(&plant, false);
        TEST_ASSERT_MSG(testUndefine(conn, "vm") == 0, "cannot undefine vm");
        ret = 0;
        goto cleanup;
    }
    TEST_ASSERT_MSG(dom, "cannot look vm up: %s", virGetLastErrorMessage());

    if (tc->expect == TEST_START_OK) {
        TEST_ASSERT_MSG(virDomainCreate(dom) == 0, "start failed: %s",
                        virGetLastErrorMessage());
        qemu = testQemuDomainPid(r->root, "vm");
        TEST_ASSERT_MSG(qemu > 0 && qemu != testGuardDecoy(guard) && testQemuCount(r) == 1,
                        "the status file names %lld", (long long)qemu);
        TEST_ASSERT_MSG(testDestroy(conn, "vm", qemu, 0) == 0, "cannot destroy vm");
        if (tc->file == TEST_FILE_LOCK)
            TEST_ASSERT_MSG(testLockMovedAside(path), "the damaged %s was not moved aside",
                            path);
    } else {
        const char *why = tc->damage < TEST_DAMAGE_LAST ? testDamageWhy[tc->damage] : NULL;

        /* A directory is refused as "not a directory" when something
         * else stands in its place. */
        if (tc->file == TEST_FILE_PRIVATE_DIR &&
            (tc->damage == TEST_DAMAGE_SYMLINK || tc->damage == TEST_DAMAGE_FIFO ||
             tc->damage == TEST_DAMAGE_TRUNCATE))
            why = NULL;
        /* A status file is replaced, not opened: a directory in its
         * place cannot be. */
        if (tc->file == TEST_FILE_STATUS)
            why = NULL;
        TEST_ASSERT_MSG(virDomainCreate(dom) < 0 && testCheckError(-1, path, why) == 0,
                        "the start was not refused as it should be");
        virResetLastError();
        TEST_ASSERT_MSG(testQemuCount(r) == 0, "a QEMU was started all the same");
        TEST_ASSERT_MSG(testListed(conn, "vm", false) == 0, "vm is not listed shut off");
    }
    testDamageRepair(&plant, false);
    TEST_ASSERT_MSG(testUndefine(conn, "vm") == 0, "cannot undefine vm");
    ret = 0;

 cleanup:
    if (ret < 0)
        virTestDiag("case: %s, %s, before a start", testFileTitles[tc->file],
                    tc->damage < TEST_DAMAGE_LAST ? testDamageTitles[tc->damage] :
                    "a leftover with a pid file naming a decoy and a socket link");
    testDamageRepair(&plant, false);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_START]++;
    return ret;
}


static int
mymain(void)
{
    gint64 started = g_get_monotonic_time();
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    guard = testGuardNew();

    for (int f = 0; f < TEST_FILE_LAST; f++) {
        g_autofree char *title = g_strdup_printf("damaged while running: %s",
                                                 testFileTitles[f]);

        ret |= virTestRun(title, testFile1, GINT_TO_POINTER(f));
    }
    ret |= virTestRun("damaged while running: monitor.sock gone, state queries do not wait",
                      testMonitorGone, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(testDirs); i++) {
        g_autofree char *title = g_strdup_printf("directory %s damaged: refused at open",
                                                 testDirs[i]);

        ret |= virTestRun(title, testDir1, testDirs[i]);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(testStartCases); i++) {
        const testStartCase *tc = &testStartCases[i];
        g_autofree char *title = g_strdup_printf("damaged before a start: %s, %s",
                                                 testFileTitles[tc->file],
                                                 tc->damage < TEST_DAMAGE_LAST ?
                                                 testDamageTitles[tc->damage] :
                                                 "a leftover naming decoys");

        ret |= virTestRun(title, testStart1, tc);
    }

    testSaveFigure("files", started);
    g_clear_pointer(&guard, testGuardFree);
    ret |= virTestRun("no process left behind", testNothingLeft, NULL);
    g_free(capsTemplate);
    return ret;
}

VIR_TEST_MAIN(mymain)
