/*
 * testutilshostilecase.c: what the hostile-input programs share (see
 * testutilshostilecase.h)
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
#include "testutilshostilecase.h"
#include "virerror.h"


testGuard *guard;

char *capsTemplate;

char *wrapperDir;


const char *const testClassKeys[TEST_CLASS_LAST] = {
    "forged", "wrapper", "files", "directories", "start", "names",
};

int testCases[TEST_CLASS_LAST];

int testFailed[TEST_CLASS_LAST];


void
testRootFree(testRoot *r)
{
    if (!r)
        return;
    if (r->conn)
        virConnectClose(r->conn);
    g_free(r->root);
    g_free(r->uri);
    g_free(r->configDir);
    g_free(r->stateDir);
    g_free(r->logDir);
    g_free(r->aside);
    g_free(r);
}


/* Copies the regular files of @from that @to lacks. */
void
testCopyFiles(const char *from, const char *to)
{
    g_autoptr(GDir) d = g_dir_open(from, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *src = g_build_filename(from, name, NULL);
        g_autofree char *dst = g_build_filename(to, name, NULL);
        g_autofree char *data = NULL;
        gsize len;

        if (g_file_test(dst, G_FILE_TEST_EXISTS) ||
            !g_file_test(src, G_FILE_TEST_IS_REGULAR) ||
            !g_file_get_contents(src, &data, &len, NULL))
            continue;
        g_file_set_contents_full(dst, data, len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, NULL);
    }
}


testRoot *
testRootNew(void)
{
    testRoot *r = g_new0(testRoot, 1);
    g_autofree char *cache = NULL;

    r->root = testQemuRootNew(TEST_CONF, &r->uri);
    r->configDir = g_build_filename(r->root, "etc", "qemu", NULL);
    r->stateDir = g_build_filename(r->root, "run", "qemu", NULL);
    r->logDir = g_build_filename(r->root, "log", "qemu", NULL);
    r->aside = virTestMakeTempDir("lvg-aside");
    cache = g_build_filename(r->root, "cache", "qemu", NULL);
    g_assert(g_mkdir_with_parents(cache, 0700) == 0);
    g_assert(chmod(cache, 0700) == 0);
    if (capsTemplate)
        testCopyFiles(capsTemplate, cache);
    else
        capsTemplate = g_steal_pointer(&cache);
    if (!(r->conn = virConnectOpen(r->uri))) {
        virTestDiag("cannot open %s: %s", r->uri, virGetLastErrorMessage());
        testRootFree(r);
        return NULL;
    }
    return r;
}


/*
 * The end of every case: the invariants, then the root given up.
 * Returns @ret, or -1 when an invariant does not hold.
 */
int
testRootFinish(testRoot *r, int ret)
{
    g_autoptr(GString) problems = g_string_new(NULL);
    g_autofree char *cache = NULL;
    int count;

    if (!r)
        return -1;
    if (r->conn) {
        virConnectClose(r->conn);
        r->conn = NULL;
    }
    count = testRootStopAll(guard, r->root, r->uri, problems);
    count += testGuardCheck(guard, problems);
    if (count > 0) {
        virTestAssertFailed(__FILE__, __LINE__, "%d broken invariant(s) after the case:\n%s",
                            count, problems->str);
        ret = -1;
    }
    /* What this root probed (a wrapper) the next roots need not. */
    cache = g_build_filename(r->root, "cache", "qemu", NULL);
    if (capsTemplate && STRNEQ(cache, capsTemplate))
        testCopyFiles(cache, capsTemplate);
    virResetLastError();
    testRootFree(r);
    return ret;
}


/*
 * Defines and starts @name, paused: a QEMU process is what the cases
 * are about, and one that does not run its guest spares the machine's
 * CPUs.  Its QEMU in *@retPid.
 */
virDomainPtr
testStartDomain(testRoot *r, const char *name, const char *emulator,
                pid_t *retPid)
{
    g_autofree char *xml = testQemuDomainXML(name, emulator, NULL);
    virDomainPtr dom = virDomainDefineXML(r->conn, xml);
    pid_t pid;

    if (!dom) {
        virTestDiag("cannot define %s: %s", name, virGetLastErrorMessage());
        return NULL;
    }
    if (virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED) < 0) {
        virTestDiag("cannot start %s: %s", name, virGetLastErrorMessage());
        virDomainUndefine(dom);
        virDomainFree(dom);
        return NULL;
    }
    pid = testQemuDomainPid(r->root, name);
    if (pid <= 0 || !testProcessAlive(pid)) {
        virTestDiag("domain %s started, but its status file names no live process (%lld)",
                    name, (long long)pid);
        virDomainFree(dom);
        return NULL;
    }
    *retPid = pid;
    return dom;
}


/* Whether @conn lists @name, active as @active says. */
int
testListed(virConnectPtr conn, const char *name, bool active)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);
    int isActive = -2;
    int ret = -1;

    TEST_ASSERT_OK(n);
    for (int i = 0; i < n; i++) {
        if (STREQ(virDomainGetName(doms[i]), name))
            isActive = virDomainIsActive(doms[i]);
    }
    TEST_ASSERT_MSG(isActive != -2, "domain %s is not listed", name);
    TEST_ASSERT_MSG(isActive == (active ? 1 : 0), "domain %s is listed %s, expected %s (%s)",
                    name, isActive == 1 ? "active" : "inactive",
                    active ? "active" : "inactive",
                    isActive < 0 ? virGetLastErrorMessage() : "");
    ret = 0;

 cleanup:
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    return ret;
}


/* The number of QEMUs of the root. */
guint
testQemuCount(testRoot *r)
{
    g_autoptr(GArray) pids = testRootQemuProcesses(r->root);

    return pids->len;
}


/* A start of @name while its QEMU runs must be refused (@code, or any
 * error with -1), and the root must still have @qemus QEMUs. */
int
testNoSecondStart(testRoot *r, virConnectPtr conn, const char *name, guint qemus,
                  int code)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    virErrorPtr err;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_MSG(virDomainCreate(dom) != 0, "a second start of %s succeeded", name);
    err = virGetLastError();
    TEST_ASSERT_MSG(err && err->message && *err->message && (code < 0 || err->code == code),
                    "the second start of %s failed with [%d] '%s', expected code %d",
                    name, err ? err->code : -1, err ? NULLSTR(err->message) : "", code);
    /* QEMUs of the root. */
    TEST_ASSERT_EQ_INT(testQemuCount(r), qemus);
    ret = 0;

 cleanup:
    virResetLastError();
    if (dom)
        virDomainFree(dom);
    return ret;
}


/* The last error has @code (-1: one of those a refused file gives)
 * and its message holds @what and @why (either may be NULL). */
int
testCheckError(int code, const char *what, const char *why)
{
    virErrorPtr err = virGetLastError();
    bool codeOK;
    int ret = -1;

    TEST_ASSERT_MSG(err, "no error reported (expected one about %s)", NULLSTR(what));
    if (code >= 0)
        codeOK = err->code == code;
    else
        codeOK = err->code == VIR_ERR_OPERATION_FAILED ||
                 err->code == VIR_ERR_SYSTEM_ERROR ||
                 err->code == VIR_ERR_INTERNAL_ERROR;
    TEST_ASSERT_MSG(codeOK && err->message &&
                    (!what || strstr(err->message, what)) &&
                    (!why || strstr(err->message, why)),
                    "error [%d] '%s', expected code %d with '%s' and '%s'", err->code,
                    NULLSTR(err->message), code, NULLSTR(what), NULLSTR(why));
    ret = 0;

 cleanup:
    return ret;
}


/* Looks @name up and starts or shuts it down; the call's error (if
 * any) stays the last error, past the handle's release. */
int
testCallByName(virConnectPtr conn, const char *name, testCall call)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    virErrorPtr saved = NULL;
    int rc;

    if (!dom)
        return -1;
    rc = call == TEST_CALL_CREATE ? virDomainCreate(dom) : virDomainShutdown(dom);
    virErrorPreserveLast(&saved);
    virDomainFree(dom);
    virErrorRestore(&saved);
    return rc;
}


/* Destroys @name through @conn; its QEMU @pid must be gone after. */
int
testDestroy(virConnectPtr conn, const char *name, pid_t pid, unsigned int flags)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_OK(virDomainDestroyFlags(dom, flags));
    if (pid > 0)
        TEST_ASSERT_MSG(testGuardWaitGone(guard, pid, 5000),
                        "destroy of %s succeeded, but QEMU %lld runs on", name,
                        (long long)pid);
    ret = 0;

 cleanup:
    virResetLastError();
    if (dom)
        virDomainFree(dom);
    return ret;
}


int
testUndefine(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_OK(virDomainUndefine(dom));
    ret = 0;

 cleanup:
    if (dom)
        virDomainFree(dom);
    virResetLastError();
    return ret;
}

const char *const testDamageTitles[TEST_DAMAGE_LAST] = {
    "truncated", "garbled", "a symbolic link to outside the root", "a FIFO",
    "a directory", "group-writable", "world-writable", "owned by another uid",
};


/* What a refusal of each damage says. */
const char *const testDamageWhy[TEST_DAMAGE_LAST] = {
    NULL, NULL, "is a symbolic link", "is not a regular file", "is not a regular file",
    "is writable by group or others", "is writable by group or others",
    "is owned by uid",
};


void
testPlantClear(testPlant *plant)
{
    g_clear_pointer(&plant->path, g_free);
    g_clear_pointer(&plant->moved, g_free);
    g_clear_pointer(&plant->saved, g_free);
}


const char *
testDecoyFor(mode_t type)
{
    if (S_ISDIR(type))
        return testGuardSubdir(guard);
    if (S_ISSOCK(type))
        return testGuardSocket(guard);
    return testGuardFile(guard);
}


/* The bytes a garbled file gets: its first half, then junk that looks
 * like what the driver reads (and names the decoy process). */
char *
testGarbage(const char *orig, gsize len, gsize *retLen)
{
    g_autoptr(GString) out = g_string_new_len(orig, orig ? len / 2 : 0);

    g_string_append_printf(out, "\xff\xfe<<domstatus pid='%lld' starttime='%llu'>\x01\x02"
                           "&bogus; ]]> 99999999999999999999\n",
                           (long long)testGuardDecoy(guard),
                           testProcessStartTime(testGuardDecoy(guard)));
    *retLen = out->len;
    return g_string_free(g_steal_pointer(&out), FALSE);
}


int
testWriteFile(const char *path, const char *data, gsize len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);

    if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
        virTestDiag("cannot write %s: %s", path, g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}


int
testMoveAside(testRoot *r, testPlant *plant)
{
    g_autofree char *base = g_path_get_basename(plant->path);

    plant->moved = g_strdup_printf("%s/%u-%s", r->aside, r->asideCount++, base);
    if (rename(plant->path, plant->moved) < 0) {
        virTestDiag("cannot move %s aside: %s", plant->path, g_strerror(errno));
        g_clear_pointer(&plant->moved, g_free);
        return -1;
    }
    return 0;
}


/*
 * Damages @path (created first, empty, if missing).  Returns 0, 1 when
 * the damage does not apply to what is there (a directory cannot be
 * garbled), -1 with a diagnostic.
 */
int
testDamageApply(testRoot *r, const char *path, testDamage damage, testPlant *plant)
{
    g_autofree char *garbage = NULL;
    gsize garbageLen;
    mode_t type;

    memset(plant, 0, sizeof(*plant));
    plant->path = g_strdup(path);
    plant->damage = damage;
    if (lstat(path, &plant->orig) < 0) {
        if (errno != ENOENT || testWriteFile(path, "", 0) < 0 ||
            lstat(path, &plant->orig) < 0) {
            virTestDiag("cannot prepare %s: %s", path, g_strerror(errno));
            return -1;
        }
    }
    type = plant->orig.st_mode & S_IFMT;
    if (S_ISREG(type) &&
        !g_file_get_contents(path, &plant->saved, &plant->savedLen, NULL))
        return -1;

    switch (damage) {
    case TEST_DAMAGE_TRUNCATE:
    case TEST_DAMAGE_GARBLE:
        if (S_ISDIR(type) && damage == TEST_DAMAGE_GARBLE)
            return 1;
        if (damage == TEST_DAMAGE_GARBLE)
            garbage = testGarbage(plant->saved, plant->savedLen, &garbageLen);
        if (!S_ISREG(type)) {
            if (testMoveAside(r, plant) < 0)
                return -1;
            plant->plantedType = S_IFREG;
        }
        if (testWriteFile(path, garbage ? garbage : "", garbage ? garbageLen : 0) < 0)
            return -1;
        break;
    case TEST_DAMAGE_SYMLINK:
        if (testMoveAside(r, plant) < 0 || symlink(testDecoyFor(type), path) < 0)
            return -1;
        plant->plantedType = S_IFLNK;
        break;
    case TEST_DAMAGE_FIFO:
        if (testMoveAside(r, plant) < 0 || mkfifo(path, 0600) < 0)
            return -1;
        plant->plantedType = S_IFIFO;
        break;
    case TEST_DAMAGE_DIRECTORY:
        if (S_ISDIR(type))
            return 1;
        if (testMoveAside(r, plant) < 0 || mkdir(path, 0700) < 0)
            return -1;
        plant->plantedType = S_IFDIR;
        break;
    case TEST_DAMAGE_CHMOD_GROUP:
        if (chmod(path, (plant->orig.st_mode & 07777) | S_IWGRP) < 0)
            return -1;
        break;
    case TEST_DAMAGE_CHMOD_OTHER:
        if (chmod(path, (plant->orig.st_mode & 07777) | S_IWOTH) < 0)
            return -1;
        break;
    case TEST_DAMAGE_CHOWN:
        if (lchown(path, TEST_OTHER_ID, TEST_OTHER_ID) < 0)
            return -1;
        break;
    case TEST_DAMAGE_LAST:
        return -1;
    }
    if (plant->plantedType) {
        struct stat sb;

        if (lstat(path, &sb) < 0)
            return -1;
        plant->plantedIno = sb.st_ino;
    }
    return 0;
}


/* Whether what was planted (or changed in place) is still there as it
 * was left: the driver neither replaced nor removed it. */
bool
testDamageStillThere(const testPlant *plant)
{
    struct stat sb;

    if (lstat(plant->path, &sb) < 0)
        return false;
    if (plant->plantedType)
        return (sb.st_mode & S_IFMT) == plant->plantedType && sb.st_ino == plant->plantedIno;
    return sb.st_ino == plant->orig.st_ino;
}


/* Undoes the damage: what was planted goes (if still there), modes and
 * owners go back, and with @restore the original comes back (moved
 * back, or its contents rewritten). */
void
testDamageRepair(testPlant *plant, bool restore)
{
    struct stat sb;

    if (!plant->path)
        return;
    if (plant->plantedType) {
        if (testDamageStillThere(plant)) {
            if (plant->plantedType == S_IFDIR)
                rmdir(plant->path);
            else
                unlink(plant->path);
        }
        if (restore && plant->moved && lstat(plant->path, &sb) < 0)
            rename(plant->moved, plant->path);
    } else if (lstat(plant->path, &sb) == 0 && sb.st_ino == plant->orig.st_ino) {
        if (chmod(plant->path, plant->orig.st_mode & 07777) < 0 ||
            lchown(plant->path, plant->orig.st_uid, plant->orig.st_gid) < 0)
            virTestDiag("cannot restore %s: %s", plant->path, g_strerror(errno));
        if (restore && plant->saved &&
            (plant->damage == TEST_DAMAGE_TRUNCATE || plant->damage == TEST_DAMAGE_GARBLE))
            testWriteFile(plant->path, plant->saved, plant->savedLen);
    }
    testPlantClear(plant);
}


char *
testRunFile(testRoot *r, const char *file)
{
    g_autofree char *dir = testQemuRunDirLeft(r->root);

    if (!dir)
        return NULL;
    return g_build_filename(r->stateDir, dir, file, NULL);
}


int
testNothingLeft(const void *opaque G_GNUC_UNUSED)
{
    int ret = -1;

    testReapChildren();
    TEST_ASSERT(testNoChildren());
    ret = 0;

 cleanup:
    return ret;
}


void
testSaveFigure(const char *part, gint64 started)
{
    g_autofree char *id = g_strdup_printf("hostile-%s", part);
    testReliabFigure *fig = testReliabFigureNew(id, "hostile inputs under the state root");
    int total = 0;
    int failed = 0;

    for (int c = 0; c < TEST_CLASS_LAST; c++) {
        g_autofree char *key = g_strdup_printf("%s_failed", testClassKeys[c]);

        testReliabFigureInt(fig, testClassKeys[c], testCases[c]);
        testReliabFigureInt(fig, key, testFailed[c]);
        total += testCases[c];
        failed += testFailed[c];
    }
    testReliabFigureInt(fig, "total", total);
    testReliabFigureInt(fig, "failed", failed);
    testReliabFigureDouble(fig, "seconds", (g_get_monotonic_time() - started) / 1e6);
    testReliabFigureSave(fig);
}
