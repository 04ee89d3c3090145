/*
 * qemuhostiletest.c: issue 10's hostile inputs under the state root, on
 * real QEMU
 *
 * One group of cases per class of the issue, each case on a root of
 * its own (qemu:///embed, the capabilities cache copied from the first
 * root so that QEMU is probed once):
 *
 *  - forged identities: a status file naming another process (a decoy,
 *    by its pid with its real start time or a wrong one), pid 1, 0, -1,
 *    absurd pids, a zombie child of the application, the application
 *    itself, another domain's QEMU; a pid file naming the decoy; the
 *    monitor socket replaced by one this process serves, or by a link
 *    to one outside the root;
 *  - an <emulator> wrapper script that runs QEMU without exec;
 *  - every file under the root (definition, status file, locks,
 *    NAME.destroy, log, next-id, driver-lock, next-id-lock, the run's
 *    private directory, qemu.pid, monitor.sock), each in turn while the
 *    domain runs: truncated, garbled, replaced by a symbolic link to a
 *    decoy outside the root, by a FIFO, by a directory, made group- or
 *    world-writable, owned by another uid; the directories of the root
 *    the same way, which must be refused at connection open; the files
 *    a start reads or creates, damaged before the start;
 *  - names that collide with the driver's files or with each other.
 *
 * After every case, the invariants of testutilshostile.h: no decoy
 * process signalled or reaped, no decoy file or directory outside the
 * root written, created or removed, nothing sent to a socket that is
 * not QEMU's, and every QEMU of the root listed and stopped by destroy.
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
#include "virerror.h"

/* Failures show within seconds, not job_wait_timeout's 30. */
#define TEST_CONF TEST_QEMU_CONF \
    "job_wait_timeout = 2\n" \
    "start_timeout = 10\n"

/* The uid and gid another user's files would have. */
#define TEST_OTHER_ID 65534

static testGuard *guard;
static char *capsTemplate;
static char *wrapperDir;

/* Cases run per class, for the figures. */
typedef enum {
    TEST_CLASS_FORGED,
    TEST_CLASS_WRAPPER,
    TEST_CLASS_FILES,
    TEST_CLASS_DIRS,
    TEST_CLASS_START,
    TEST_CLASS_NAMES,

    TEST_CLASS_LAST
} testClass;

static const char *const testClassKeys[TEST_CLASS_LAST] = {
    "forged", "wrapper", "files", "directories", "start", "names",
};
static int testCases[TEST_CLASS_LAST];
static int testFailed[TEST_CLASS_LAST];


/* ---- a root per case ---------------------------------------------------- */

typedef struct {
    char *root;
    char *uri;
    char *configDir;
    char *stateDir;
    char *logDir;
    char *aside;                /* outside the root: originals moved away */
    unsigned int asideCount;
    virConnectPtr conn;
} testRoot;


static void
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
static void
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


static testRoot *
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
static int
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
        virTestDiag("%d broken invariant(s) after the case:\n%s", count, problems->str);
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
static virDomainPtr
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
static int
testListed(virConnectPtr conn, const char *name, bool active)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);
    bool found = false;
    int ret = -1;

    if (n < 0) {
        virTestDiag("cannot list domains: %s", virGetLastErrorMessage());
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (STREQ(virDomainGetName(doms[i]), name)) {
            int isActive = virDomainIsActive(doms[i]);

            found = true;
            if (isActive != (active ? 1 : 0))
                virTestDiag("domain %s is listed %s, expected %s (%s)", name,
                            isActive == 1 ? "active" : "inactive",
                            active ? "active" : "inactive",
                            isActive < 0 ? virGetLastErrorMessage() : "");
            else
                ret = 0;
        }
        virDomainFree(doms[i]);
    }
    free(doms);
    if (!found)
        virTestDiag("domain %s is not listed", name);
    return ret;
}


/* The number of QEMUs of the root. */
static guint
testQemuCount(testRoot *r)
{
    g_autoptr(GArray) pids = testRootQemuProcesses(r->root);

    return pids->len;
}


/* A start of @name while its QEMU runs must be refused (@code, or any
 * error with -1), and the root must still have @qemus QEMUs. */
static int
testNoSecondStart(testRoot *r, virConnectPtr conn, const char *name, guint qemus,
                  int code)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    virErrorPtr err;
    int ret = -1;

    if (!dom) {
        virTestDiag("cannot look %s up: %s", name, virGetLastErrorMessage());
        return -1;
    }
    if (virDomainCreate(dom) == 0) {
        virTestDiag("a second start of %s succeeded", name);
        goto cleanup;
    }
    err = virGetLastError();
    if (!err || !err->message || !*err->message ||
        (code >= 0 && err->code != code)) {
        virTestDiag("the second start of %s failed with [%d] '%s', expected code %d",
                    name, err ? err->code : -1, err ? NULLSTR(err->message) : "",
                    code);
        goto cleanup;
    }
    if (testQemuCount(r) != qemus) {
        virTestDiag("the root has %u QEMUs, expected %u", testQemuCount(r), qemus);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    virResetLastError();
    virDomainFree(dom);
    return ret;
}


/* The last error has @code (-1: one of those a refused file gives)
 * and its message holds @what and @why (either may be NULL). */
static int
testCheckError(int code, const char *what, const char *why)
{
    virErrorPtr err = virGetLastError();
    bool codeOK;

    if (!err) {
        virTestDiag("no error reported (expected one about %s)", NULLSTR(what));
        return -1;
    }
    if (code >= 0)
        codeOK = err->code == code;
    else
        codeOK = err->code == VIR_ERR_OPERATION_FAILED ||
                 err->code == VIR_ERR_SYSTEM_ERROR ||
                 err->code == VIR_ERR_INTERNAL_ERROR;
    if (!codeOK || !err->message ||
        (what && !strstr(err->message, what)) ||
        (why && !strstr(err->message, why))) {
        virTestDiag("error [%d] '%s', expected code %d with '%s' and '%s'", err->code,
                    NULLSTR(err->message), code, NULLSTR(what), NULLSTR(why));
        return -1;
    }
    return 0;
}


typedef enum {
    TEST_CALL_CREATE,
    TEST_CALL_SHUTDOWN,
} testCall;

/* Looks @name up and starts or shuts it down; the call's error (if
 * any) stays the last error, past the handle's release. */
static int
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
static int
testDestroy(virConnectPtr conn, const char *name, pid_t pid, unsigned int flags)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int ret = -1;

    if (!dom) {
        virTestDiag("cannot look %s up to destroy it: %s", name,
                    virGetLastErrorMessage());
        return -1;
    }
    if (virDomainDestroyFlags(dom, flags) < 0) {
        virTestDiag("destroy of %s failed: %s", name, virGetLastErrorMessage());
        goto cleanup;
    }
    if (pid > 0 && !testGuardWaitGone(guard, pid, 5000)) {
        virTestDiag("destroy of %s succeeded, but QEMU %lld runs on", name,
                    (long long)pid);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    virResetLastError();
    virDomainFree(dom);
    return ret;
}


static int
testUndefine(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int ret = 0;

    if (!dom || virDomainUndefine(dom) < 0) {
        virTestDiag("cannot undefine %s: %s", name, virGetLastErrorMessage());
        ret = -1;
    }
    if (dom)
        virDomainFree(dom);
    virResetLastError();
    return ret;
}


/* ---- damage ----------------------------------------------------------------- */

typedef enum {
    TEST_DAMAGE_TRUNCATE,       /* a directory or socket: an empty file instead */
    TEST_DAMAGE_GARBLE,
    TEST_DAMAGE_SYMLINK,        /* to the guard's decoy of the same kind */
    TEST_DAMAGE_FIFO,
    TEST_DAMAGE_DIRECTORY,
    TEST_DAMAGE_CHMOD_GROUP,
    TEST_DAMAGE_CHMOD_OTHER,
    TEST_DAMAGE_CHOWN,

    TEST_DAMAGE_LAST
} testDamage;

static const char *const testDamageTitles[TEST_DAMAGE_LAST] = {
    "truncated", "garbled", "a symbolic link to outside the root", "a FIFO",
    "a directory", "group-writable", "world-writable", "owned by another uid",
};

/* What a refusal of each damage says. */
static const char *const testDamageWhy[TEST_DAMAGE_LAST] = {
    NULL, NULL, "is a symbolic link", "is not a regular file", "is not a regular file",
    "is writable by group or others", "is writable by group or others",
    "is owned by uid",
};

/* What was done to a path, so that it can be undone. */
typedef struct {
    char *path;
    char *moved;                /* the original, moved aside */
    char *saved;                /* original contents of a regular file */
    gsize savedLen;
    struct stat orig;
    mode_t plantedType;         /* what took its place, 0: changed in place */
    ino_t plantedIno;
    testDamage damage;
} testPlant;


static void
testPlantClear(testPlant *plant)
{
    g_clear_pointer(&plant->path, g_free);
    g_clear_pointer(&plant->moved, g_free);
    g_clear_pointer(&plant->saved, g_free);
}


static const char *
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
static char *
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


static int
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


static int
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
static int
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
static bool
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
static void
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


/* ---- forged identities ---------------------------------------------------- */

typedef enum {
    TEST_FORGE_DECOY,            /* the decoy's pid and start time */
    TEST_FORGE_DECOY_WRONG_START,
    TEST_FORGE_PID1,             /* pid 1 and its start time */
    TEST_FORGE_PID0,
    TEST_FORGE_PID_NEGATIVE,
    TEST_FORGE_PID_HUGE,         /* beyond pid_t */
    TEST_FORGE_PID_UNUSED,       /* INT_MAX: beyond pid_max */
    TEST_FORGE_ZOMBIE,           /* an exited, unreaped child of the test */
    TEST_FORGE_SELF,             /* the application itself */
    TEST_FORGE_OTHER_QEMU,       /* another domain's QEMU */
    TEST_FORGE_PIDFILE,          /* qemu.pid names the decoy */
    TEST_FORGE_PIDFILE_NO_STATUS,
    TEST_FORGE_MONITOR,          /* monitor.sock served by this process */
    TEST_FORGE_MONITOR_LINK,     /* monitor.sock a link to a socket outside */
} testForgery;

typedef struct {
    const char *title;
    testForgery forgery;
} testForgedCase;


/* Rewrites the pid and start time in @name's status file. */
static int
testForgeStatus(testRoot *r, const char *name, const char *pid,
                unsigned long long startTime)
{
    g_autofree char *path = g_strdup_printf("%s/%s.xml", r->stateDir, name);
    g_autofree char *status = NULL;
    g_autofree char *step = NULL;
    g_autofree char *forged = NULL;
    g_autofree char *pidAttr = g_strdup_printf(" pid='%s'", pid);
    g_autofree char *startAttr = g_strdup_printf(" starttime='%llu'", startTime);
    g_autoptr(GRegex) rePid = g_regex_new(" pid='[^']*'", 0, 0, NULL);
    g_autoptr(GRegex) reStart = g_regex_new(" starttime='[^']*'", 0, 0, NULL);

    if (!g_file_get_contents(path, &status, NULL, NULL) ||
        !g_regex_match(rePid, status, 0, NULL)) {
        virTestDiag("no status file with a pid at %s", path);
        return -1;
    }
    step = g_regex_replace_literal(rePid, status, -1, 0, pidAttr, 0, NULL);
    forged = g_regex_replace_literal(reStart, step, -1, 0, startAttr, 0, NULL);
    if (!g_file_set_contents_full(path, forged, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                  0600, NULL))
        return -1;
    return 0;
}


static char *
testRunFile(testRoot *r, const char *file)
{
    g_autofree char *dir = testQemuRunDirLeft(r->root);

    if (!dir)
        return NULL;
    return g_build_filename(r->stateDir, dir, file, NULL);
}


static int
testForged(const void *opaque)
{
    const testForgedCase *tc = opaque;
    testRoot *r = testRootNew();
    virDomainPtr dom = NULL;
    virDomainPtr other = NULL;
    virConnectPtr conn = NULL;
    pid_t qemu = 0;
    pid_t otherQemu = 0;
    pid_t zombie = 0;
    pid_t target = 0;           /* the process the forgery names */
    unsigned long long pendingBefore = 0;
    g_autofree char *pidFile = NULL;
    g_autofree char *monitor = NULL;
    g_autofree char *pidStr = NULL;
    testPlant plant = { 0 };
    guint qemus = 1;
    bool listedOK;
    bool secondOK;
    int rc;
    int ret = -1;

    testCases[TEST_CLASS_FORGED]++;
    if (!r)
        return -1;
    TEST_ASSERT_MSG((dom = testStartDomain(r, "vm", NULL, &qemu)), "cannot start vm");
    if (tc->forgery == TEST_FORGE_OTHER_QEMU) {
        TEST_ASSERT_MSG((other = testStartDomain(r, "other", NULL, &otherQemu)),
                        "cannot start other");
        qemus = 2;
    }
    pidFile = testRunFile(r, "qemu.pid");
    monitor = testRunFile(r, "monitor.sock");
    TEST_ASSERT_MSG(pidFile && monitor, "no private directory for vm");

    switch (tc->forgery) {
    case TEST_FORGE_DECOY:
    case TEST_FORGE_DECOY_WRONG_START:
        target = testGuardDecoy(guard);
        pidStr = g_strdup_printf("%lld", (long long)target);
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", pidStr, testProcessStartTime(target) +
                                        (tc->forgery == TEST_FORGE_DECOY ? 0 : 1)) == 0,
                        "cannot forge");
        break;
    case TEST_FORGE_PID1:
        target = 1;
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", "1", testProcessStartTime(1)) == 0,
                        "cannot forge");
        break;
    case TEST_FORGE_PID0:
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", "0", 0) == 0, "cannot forge");
        break;
    case TEST_FORGE_PID_NEGATIVE:
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", "-1", 0) == 0, "cannot forge");
        break;
    case TEST_FORGE_PID_HUGE:
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", "18446744073709551617", 0) == 0,
                        "cannot forge");
        break;
    case TEST_FORGE_PID_UNUSED:
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", "2147483647", 0) == 0, "cannot forge");
        break;
    case TEST_FORGE_ZOMBIE:
        target = zombie = testGuardAddZombie(guard);
        pidStr = g_strdup_printf("%lld", (long long)zombie);
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", pidStr, testProcessStartTime(zombie)) == 0,
                        "cannot forge");
        break;
    case TEST_FORGE_SELF:
        target = getpid();
        pidStr = g_strdup_printf("%lld", (long long)target);
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", pidStr, testProcessStartTime(target)) == 0,
                        "cannot forge");
        break;
    case TEST_FORGE_OTHER_QEMU:
        target = otherQemu;
        pidStr = g_strdup_printf("%lld", (long long)otherQemu);
        TEST_ASSERT_MSG(testForgeStatus(r, "vm", pidStr, testProcessStartTime(otherQemu)) == 0,
                        "cannot forge");
        break;
    case TEST_FORGE_PIDFILE:
    case TEST_FORGE_PIDFILE_NO_STATUS:
        target = testGuardDecoy(guard);
        pidStr = g_strdup_printf("%lld\n", (long long)target);
        TEST_ASSERT_MSG(g_file_set_contents_full(pidFile, pidStr, -1,
                                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL),
                        "cannot write %s", pidFile);
        if (tc->forgery == TEST_FORGE_PIDFILE_NO_STATUS) {
            g_autofree char *status = g_strdup_printf("%s/vm.xml", r->stateDir);

            TEST_ASSERT_MSG(unlink(status) == 0, "cannot remove %s", status);
        }
        break;
    case TEST_FORGE_MONITOR: {
        /* QEMU's socket moved away (it serves it on), another served
         * in its place. */
        testPlant aside = { .path = g_strdup(monitor) };

        rc = testMoveAside(r, &aside);
        testPlantClear(&aside);
        TEST_ASSERT_MSG(rc == 0, "cannot move %s", monitor);
        TEST_ASSERT_MSG(testGuardServeSocket(guard, monitor) == 0, "cannot serve %s", monitor);
        break;
    }
    case TEST_FORGE_MONITOR_LINK:
        TEST_ASSERT_MSG(testDamageApply(r, monitor, TEST_DAMAGE_SYMLINK, &plant) == 0,
                        "cannot link %s", monitor);
        break;
    }
    if (target > 0)
        pendingBefore = testProcessPendingSignals(target);

    /* A new connection reconciles every domain, as any later process. */
    TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open %s: %s", r->uri,
                    virGetLastErrorMessage());
    /* (Both checked before either fails the case: a QEMU not listed
     * is one a start does not know about.) */
    listedOK = testListed(conn, "vm", true) == 0;
    secondOK = testNoSecondStart(r, conn, "vm", qemus, VIR_ERR_OPERATION_INVALID) == 0;
    TEST_ASSERT_MSG(listedOK, "vm is not listed running");
    TEST_ASSERT_MSG(secondOK, "a second QEMU could be started");
    if (other)
        TEST_ASSERT_MSG(testListed(conn, "other", true) == 0, "other is not listed running");

    if (tc->forgery == TEST_FORGE_MONITOR || tc->forgery == TEST_FORGE_MONITOR_LINK) {
        /* The monitor is talked to only when QEMU serves it. */
        rc = testCallByName(conn, "vm", TEST_CALL_SHUTDOWN);
        TEST_ASSERT_MSG(rc < 0 && testCheckError(VIR_ERR_INTERNAL_ERROR, monitor,
                                                 "not by QEMU process") == 0,
                        "a shutdown through a monitor socket that QEMU does not serve");
        virResetLastError();
    } else if (tc->forgery != TEST_FORGE_PID_NEGATIVE &&
               tc->forgery != TEST_FORGE_PID_HUGE) {
        /* (Not for a status file that cannot be read: a state query
         * finds the adopted QEMU paused and rewrites the file, which
         * would hide what destroy makes of the damaged one.) */
        virDomainPtr h = virDomainLookupByName(conn, "vm");
        int state = -1;
        int reason = -1;

        rc = h ? virDomainGetState(h, &state, &reason, 0) : -1;
        if (h)
            virDomainFree(h);
        TEST_ASSERT_MSG(rc == 0 && (state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_PAUSED),
                        "state %d/%d (%s), expected running or paused", state, reason,
                        rc < 0 ? virGetLastErrorMessage() : "");
    }

    TEST_ASSERT_MSG(testDestroy(conn, "vm", qemu, 0) == 0, "vm could not be destroyed");
    if (target > 0 && target != zombie)
        TEST_ASSERT_MSG(testProcessAlive(target) &&
                        testProcessPendingSignals(target) == pendingBefore,
                        "process %lld named by the forgery was signalled", (long long)target);
    if (other)
        TEST_ASSERT_MSG(testProcessAlive(otherQemu) && testListed(conn, "other", true) == 0,
                        "the other domain's QEMU did not survive");
    TEST_ASSERT_MSG(testListed(conn, "vm", false) == 0, "vm is not listed shut off");
    ret = 0;

 cleanup:
    if (ret < 0)
        virTestDiag("case: %s", tc->title);
    testDamageRepair(&plant, false);
    if (dom)
        virDomainFree(dom);
    if (other)
        virDomainFree(other);
    if (conn)
        virConnectClose(conn);
    ret = testRootFinish(r, ret);
    if (zombie)
        testGuardDropZombie(guard, zombie);
    if (ret < 0)
        testFailed[TEST_CLASS_FORGED]++;
    return ret;
}


/* ---- a wrapper emulator ------------------------------------------------------ */

typedef enum {
    TEST_WRAP_DESTROY,           /* destroy stops QEMU and the shell */
    TEST_WRAP_GRACEFUL,
    TEST_WRAP_SECOND_START,
    TEST_WRAP_SHELL_KILLED,      /* the shell dies, QEMU runs on */
    TEST_WRAP_QEMU_KILLED,       /* QEMU dies, the shell with it */
    TEST_WRAP_BACKGROUND,        /* the wrapper backgrounds QEMU and exits */
    TEST_WRAP_FAILED_START,      /* QEMU refuses to start behind the wrapper */
} testWrap;

typedef struct {
    const char *title;
    testWrap wrap;
} testWrapCase;


static char *
testWrapperPath(const char *name)
{
    return g_build_filename(wrapperDir, name, NULL);
}


/* Children of this process running QEMU (a capabilities probe left
 * behind would be one). */
static guint
testChildQemus(void)
{
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    const char *entry;
    guint n = 0;

    while (proc && (entry = g_dir_read_name(proc))) {
        g_autofree char *link = g_strdup_printf("/proc/%s/exe", entry);
        g_autofree char *exe = NULL;
        guint64 num;

        if (!g_ascii_string_to_unsigned(entry, 10, 1, G_MAXINT, &num, NULL) ||
            testProcessParent((pid_t)num) != getpid() ||
            !(exe = g_file_read_link(link, NULL)))
            continue;
        if (strstr(exe, "qemu-system-"))
            n++;
    }
    return n;
}


static int
testWrapper(const void *opaque)
{
    const testWrapCase *tc = opaque;
    testRoot *r = testRootNew();
    g_autofree char *wrapper = testWrapperPath(tc->wrap == TEST_WRAP_BACKGROUND ?
                                               "qemu-background" : "qemu-wrapper");
    g_autofree char *exe = NULL;
    g_autofree char *exeLink = NULL;
    g_autofree char *runDir = NULL;
    virDomainPtr dom = NULL;
    virConnectPtr conn = NULL;
    pid_t qemu = 0;
    pid_t shell = 0;
    int ret = -1;

    testCases[TEST_CLASS_WRAPPER]++;
    if (!r)
        return -1;

    if (tc->wrap == TEST_WRAP_FAILED_START) {
        /* QEMU exits at once (an image that does not exist): the start
         * fails quoting QEMU, and nothing is left behind. */
        g_autofree char *disk = g_strdup_printf(
            "<disk type='file' device='disk'><source file='%s/none.qcow2'/>"
            "<target dev='hda' bus='ide'/></disk>", r->root);
        g_autofree char *xml = testQemuDomainXML("vm", wrapper, disk);

        TEST_ASSERT_MSG((dom = virDomainDefineXML(r->conn, xml)), "cannot define: %s",
                        virGetLastErrorMessage());
        TEST_ASSERT_MSG(testChildQemus() == 0, "the capabilities probe left a QEMU");
        TEST_ASSERT_MSG(virDomainCreate(dom) < 0 &&
                        testCheckError(VIR_ERR_INTERNAL_ERROR, "none.qcow2", NULL) == 0,
                        "the start behind the wrapper did not fail as it should");
        virResetLastError();
        TEST_ASSERT_MSG(testListed(r->conn, "vm", false) == 0, "vm is not shut off");
        TEST_ASSERT_MSG(!(runDir = testQemuRunDirLeft(r->root)), "%s is left", runDir);
        ret = 0;
        goto cleanup;
    }

    if (tc->wrap == TEST_WRAP_BACKGROUND) {
        g_autofree char *xml = testQemuDomainXML("vm", wrapper, NULL);

        /* Whether such a start works or fails, it leaves no QEMU that
         * the driver does not manage (checked at the end). */
        TEST_ASSERT_MSG((dom = virDomainDefineXML(r->conn, xml)), "cannot define: %s",
                        virGetLastErrorMessage());
        if (virDomainCreate(dom) < 0) {
            TEST_ASSERT_MSG(testCheckError(-1, NULL, NULL) == 0, "no clear error");
            virTestDiag("the backgrounding wrapper's start failed: %s",
                        virGetLastErrorMessage());
            virResetLastError();
            /* A QEMU still starting behind the exited wrapper finds its
             * private directory gone and gives up. */
            for (int i = 0; i < 5000 && testQemuCount(r) > 0; i += 10)
                g_usleep(10000);
            TEST_ASSERT_MSG(testQemuCount(r) == 0, "the failed start left a QEMU");
        } else {
            qemu = testQemuDomainPid(r->root, "vm");
            TEST_ASSERT_MSG(testQemuCount(r) == 1, "%u QEMUs run", testQemuCount(r));
            TEST_ASSERT_MSG(testDestroy(r->conn, "vm", qemu, 0) == 0, "cannot destroy");
        }
        ret = 0;
        goto cleanup;
    }

    TEST_ASSERT_MSG((dom = testStartDomain(r, "vm", wrapper, &qemu)), "cannot start vm");
    TEST_ASSERT_MSG(testChildQemus() <= 1, "the capabilities probe left a QEMU");
    /* The recorded process is QEMU itself, the wrapper shell its parent. */
    exeLink = g_strdup_printf("/proc/%lld/exe", (long long)qemu);
    exe = g_file_read_link(exeLink, NULL);
    TEST_ASSERT_MSG(exe && strstr(exe, "qemu-system-"),
                    "the status file names process %lld (%s), not QEMU", (long long)qemu,
                    NULLSTR(exe));
    shell = testProcessParent(qemu);
    TEST_ASSERT_MSG(shell > 1 && shell != getpid() && testProcessAlive(shell),
                    "QEMU %lld does not run under the wrapper (parent %lld)",
                    (long long)qemu, (long long)shell);
    TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open: %s",
                    virGetLastErrorMessage());

    switch (tc->wrap) {
    case TEST_WRAP_DESTROY:
    case TEST_WRAP_GRACEFUL:
        TEST_ASSERT_MSG(testDestroy(conn, "vm", qemu, tc->wrap == TEST_WRAP_GRACEFUL ?
                                    VIR_DOMAIN_DESTROY_GRACEFUL : 0) == 0, "cannot destroy");
        TEST_ASSERT_MSG(testGuardWaitGone(guard, shell, 5000), "the wrapper shell runs on");
        break;
    case TEST_WRAP_SECOND_START: {
        g_autofree char *xml = testQemuDomainXML("vm", wrapper, NULL);
        virDomainPtr dup;
        int code;

        TEST_ASSERT_MSG(testNoSecondStart(r, conn, "vm", 1, VIR_ERR_OPERATION_INVALID) == 0,
                        "a second start of vm");
        dup = virDomainCreateXML(conn, xml, 0);
        if (dup)
            virDomainFree(dup);
        /* (Upstream says the name is taken by a domain with another
         * UUID, code 9; refusing the create of an existing domain, code
         * 55, says as much.) */
        code = virGetLastErrorCode();
        TEST_ASSERT_MSG(!dup && (code == VIR_ERR_OPERATION_FAILED ||
                                 code == VIR_ERR_OPERATION_INVALID) &&
                        testCheckError(code, "'vm'", "already") == 0,
                        "a second vm could be created");
        virResetLastError();
        TEST_ASSERT_MSG(testQemuCount(r) == 1, "%u QEMUs run", testQemuCount(r));
        TEST_ASSERT_MSG(testDestroy(conn, "vm", qemu, 0) == 0, "cannot destroy");
        break;
    }
    case TEST_WRAP_SHELL_KILLED:
        kill(shell, SIGKILL);
        TEST_ASSERT_MSG(testGuardWaitGone(guard, shell, 5000), "the shell does not die");
        TEST_ASSERT_MSG(testProcessAlive(qemu), "QEMU died with its wrapper");
        virConnectClose(conn);
        TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open: %s",
                        virGetLastErrorMessage());
        TEST_ASSERT_MSG(testListed(conn, "vm", true) == 0, "vm is not listed running");
        TEST_ASSERT_MSG(testNoSecondStart(r, conn, "vm", 1, VIR_ERR_OPERATION_INVALID) == 0,
                        "a second start of vm");
        TEST_ASSERT_MSG(testDestroy(conn, "vm", qemu, 0) == 0, "cannot destroy");
        break;
    case TEST_WRAP_QEMU_KILLED: {
        virDomainPtr h;
        int state = -1;
        int reason = -1;

        kill(qemu, SIGKILL);
        TEST_ASSERT_MSG(testGuardWaitGone(guard, qemu, 5000), "QEMU does not die");
        TEST_ASSERT_MSG(testGuardWaitGone(guard, shell, 5000), "the shell outlives QEMU");
        virConnectClose(conn);
        TEST_ASSERT_MSG((conn = virConnectOpen(r->uri)), "cannot open: %s",
                        virGetLastErrorMessage());
        h = virDomainLookupByName(conn, "vm");
        TEST_ASSERT_MSG(h && virDomainGetState(h, &state, &reason, 0) == 0,
                        "cannot get the state: %s", virGetLastErrorMessage());
        virDomainFree(h);
        TEST_ASSERT_MSG(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_CRASHED,
                        "state %d/%d, expected shut off, crashed", state, reason);
        TEST_ASSERT_MSG(!(runDir = testQemuRunDirLeft(r->root)), "%s is left", runDir);
        break;
    }
    case TEST_WRAP_BACKGROUND:
    case TEST_WRAP_FAILED_START:
        break;
    }
    TEST_ASSERT_MSG(!testProcessAlive(shell), "the wrapper shell is left");
    TEST_ASSERT_MSG(testListed(conn, "vm", false) == 0, "vm is not listed shut off");
    TEST_ASSERT_MSG(!(runDir = testQemuRunDirLeft(r->root)), "%s is left", runDir);
    ret = 0;

 cleanup:
    if (ret < 0)
        virTestDiag("case: %s", tc->title);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_WRAPPER]++;
    return ret;
}


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


/* ---- names ---------------------------------------------------------------- */

#define TEST_NAME_MAX 224

static char *testLongestName;
static char *testTooLongName;

static const char *testNames[] = {
    "driver", "driver-lock", "next-id", "next-id-lock", "next-id.new-a1b2c3",
    "domain-1-x", "domain-2-domain-1-x", "vm.xml.new-012345", "x", "x.destroy",
    "x.lock", "x.xml", "x.log", ".hidden", "monitor.sock", "qemu.pid", "a.b", "a_b",
    "twenty-chars-name-01", "twenty-chars-name-02",
    "twenty-chars-name-01-alpha", "twenty-chars-name-01-beta",
    NULL,                       /* the longest name */
};


static const char *
testNameAt(size_t i)
{
    return testNames[i] ? testNames[i] : testLongestName;
}


/* The entries of @dir, sorted, one a line. */
static char *
testDirEntries(const char *dir)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    g_autoptr(GString) out = g_string_new(NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, testStrPtrCompare);
    for (guint i = 0; i < names->len; i++)
        g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(names, i));
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static char *
testSortedLines(const char *const *lines)
{
    g_autoptr(GPtrArray) sorted = g_ptr_array_new();
    g_autoptr(GString) out = g_string_new(NULL);

    for (size_t i = 0; lines[i]; i++)
        g_ptr_array_add(sorted, (gpointer)lines[i]);
    g_ptr_array_sort(sorted, testStrPtrCompare);
    for (guint i = 0; i < sorted->len; i++)
        g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(sorted, i));
    return g_string_free(g_steal_pointer(&out), FALSE);
}


/*
 * What an undefined domain @name may leave (see qemu_domain.h): the
 * driver's own entries of the state directory (no dot in their names,
 * no run's private directory among them), its locks (NAME.lock,
 * NAME.destroy; NAME.run in the definition directory); and nothing
 * else, its definition and status file least of all.  @state and
 * @config list the directories' entries, one a line.  Returns the
 * entries that should not be there, "" when none.
 */
static char *
testStrayEntries(const char *name, const char *state, const char *config)
{
    g_auto(GStrv) stateLines = g_strsplit(state, "\n", -1);
    g_auto(GStrv) configLines = g_strsplit(config, "\n", -1);
    g_autofree char *lock = g_strdup_printf("%s.lock", name);
    g_autofree char *destroy = g_strdup_printf("%s.destroy", name);
    g_autofree char *run = g_strdup_printf("%s.run", name);
    g_autoptr(GString) strays = g_string_new(NULL);

    for (size_t i = 0; stateLines[i]; i++) {
        const char *e = stateLines[i];

        if (!*e || STREQ(e, lock) || STREQ(e, destroy) ||
            (!strchr(e, '.') && !g_str_has_prefix(e, "domain-")))
            continue;
        g_string_append_printf(strays, " run/qemu/%s", e);
    }
    for (size_t i = 0; configLines[i]; i++) {
        if (*configLines[i] && STRNEQ(configLines[i], run))
            g_string_append_printf(strays, " etc/qemu/%s", configLines[i]);
    }
    return g_string_free(g_steal_pointer(&strays), FALSE);
}


/* Each name alone in a root: the whole life of a domain, and nothing
 * left after it but the driver's own files and the domain's locks and
 * log. */
static int
testNamesAlone(const void *opaque G_GNUC_UNUSED)
{
    int ret = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(testNames); i++) {
        const char *name = testNameAt(i);
        testRoot *r = testRootNew();
        g_autofree char *log = g_strdup_printf("%s.log", name);
        const char *logWanted[] = { log, NULL };
        g_autofree char *logExpect = testSortedLines(logWanted);
        g_autofree char *state = NULL;
        g_autofree char *config = NULL;
        g_autofree char *logs = NULL;
        g_autofree char *strays = NULL;
        virDomainPtr dom = NULL;
        virDomainPtr *doms = NULL;
        pid_t qemu = 0;
        int n = -1;
        int rc = -1;

        testCases[TEST_CLASS_NAMES]++;
        if (!r) {
            ret = -1;
            continue;
        }
        TEST_ASSERT_MSG((dom = testStartDomain(r, name, NULL, &qemu)), "cannot start");
        n = virConnectListAllDomains(r->conn, &doms, 0);
        TEST_ASSERT_MSG(n == 1 && STREQ(virDomainGetName(doms[0]), name) &&
                        virDomainIsActive(doms[0]) == 1, "%d domains listed", n);
        TEST_ASSERT_MSG(testDestroy(r->conn, name, qemu, 0) == 0, "cannot destroy");
        TEST_ASSERT_MSG(testListed(r->conn, name, false) == 0, "not listed shut off");
        TEST_ASSERT_MSG(testUndefine(r->conn, name) == 0, "cannot undefine");
        state = testDirEntries(r->stateDir);
        config = testDirEntries(r->configDir);
        logs = testDirEntries(r->logDir);
        strays = testStrayEntries(name, state, config);
        TEST_ASSERT_MSG(!*strays && STREQ(logs, logExpect),
                        "left behind: %s\nstate\n%sconfig\n%slogs\n%s", strays, state,
                        config, logs);
        rc = 0;

     cleanup:
        if (rc < 0)
            virTestDiag("case: the name '%s' alone", name);
        for (int j = 0; j < n; j++)
            virDomainFree(doms[j]);
        free(doms);
        if (dom)
            virDomainFree(dom);
        if (testRootFinish(r, rc) < 0) {
            testFailed[TEST_CLASS_NAMES]++;
            ret = -1;
        }
    }
    return ret;
}


typedef struct {
    const char *name;
    pid_t qemu;
    char *config;
    char *status;
    bool running;
} testNameState;


/* The files of every other domain are as they were. */
static int
testNamesUntouched(testRoot *r, testNameState *states, size_t n, size_t except)
{
    int bad = 0;

    for (size_t j = 0; j < n; j++) {
        g_autofree char *config = NULL;
        g_autofree char *status = NULL;
        g_autofree char *configPath = NULL;

        if (j == except)
            continue;
        configPath = g_strdup_printf("%s/%s.xml", r->configDir, states[j].name);
        status = testQemuStatusFile(r->root, states[j].name);
        if (!g_file_get_contents(configPath, &config, NULL, NULL) ||
            STRNEQ(config, states[j].config) || STRNEQ_NULLABLE(status, states[j].status)) {
            virTestDiag("the files of %s changed", states[j].name);
            bad++;
        }
        if (states[j].running && !testProcessAlive(states[j].qemu)) {
            virTestDiag("the QEMU of %s is gone", states[j].name);
            bad++;
        }
    }
    return bad;
}


/* All the names in one root at once: defined, running, listed, each
 * destroyed and undefined in turn while no other domain's QEMU or file
 * changes. */
static int
testNamesBeside(const void *opaque G_GNUC_UNUSED)
{
    size_t n = G_N_ELEMENTS(testNames);
    g_autofree testNameState *states = g_new0(testNameState, n);
    testRoot *r = testRootNew();
    virDomainPtr *doms = NULL;
    int listed = -1;
    int ret = -1;

    testCases[TEST_CLASS_NAMES]++;
    if (!r)
        return -1;
    for (size_t i = 0; i < n; i++) {
        g_autofree char *xml = NULL;
        virDomainPtr dom;

        states[i].name = testNameAt(i);
        xml = testQemuDomainXML(states[i].name, NULL, NULL);
        TEST_ASSERT_MSG((dom = virDomainDefineXML(r->conn, xml)), "cannot define %s: %s",
                        states[i].name, virGetLastErrorMessage());
        virDomainFree(dom);
    }
    for (size_t i = 0; i < n; i++) {
        virDomainPtr dom = virDomainLookupByName(r->conn, states[i].name);
        int rc = dom ? virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED) : -1;

        if (dom)
            virDomainFree(dom);
        TEST_ASSERT_MSG(rc == 0, "cannot start %s: %s", states[i].name,
                        virGetLastErrorMessage());
        states[i].qemu = testQemuDomainPid(r->root, states[i].name);
        states[i].running = true;
    }
    listed = virConnectListAllDomains(r->conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    TEST_ASSERT_MSG(listed == (int)n, "%d domains listed running, expected %zu", listed, n);
    for (size_t i = 0; i < n; i++) {
        g_autofree char *configPath = g_strdup_printf("%s/%s.xml", r->configDir,
                                                      states[i].name);
        g_autofree char *qemuName = testQemuProcessDomainName(states[i].qemu);

        TEST_ASSERT_MSG(testListed(r->conn, states[i].name, true) == 0, "%s not listed",
                        states[i].name);
        TEST_ASSERT_MSG(STREQ_NULLABLE(qemuName, states[i].name),
                        "the status file of %s names the QEMU of '%s'", states[i].name,
                        NULLSTR(qemuName));
        TEST_ASSERT_MSG(g_file_get_contents(configPath, &states[i].config, NULL, NULL) &&
                        (states[i].status = testQemuStatusFile(r->root, states[i].name)),
                        "the files of %s are missing", states[i].name);
    }

    for (size_t i = 0; i < n; i++) {
        TEST_ASSERT_MSG(testDestroy(r->conn, states[i].name, states[i].qemu, 0) == 0,
                        "cannot destroy %s", states[i].name);
        states[i].running = false;
        TEST_ASSERT_MSG(testListed(r->conn, states[i].name, false) == 0,
                        "%s not listed shut off", states[i].name);
        TEST_ASSERT_MSG(testNamesUntouched(r, states, n, i) == 0,
                        "destroying %s touched another domain", states[i].name);
        g_free(states[i].status);
        states[i].status = testQemuStatusFile(r->root, states[i].name);
    }
    for (size_t i = 0; i < n; i++) {
        TEST_ASSERT_MSG(testUndefine(r->conn, states[i].name) == 0, "cannot undefine %s",
                        states[i].name);
        TEST_ASSERT_MSG(testNamesUntouched(r, states + i + 1, n - i - 1, n) == 0,
                        "undefining %s touched another domain", states[i].name);
    }
    for (int j = 0; j < listed; j++)
        virDomainFree(doms[j]);
    g_clear_pointer(&doms, free);
    listed = virConnectListAllDomains(r->conn, &doms, 0);
    TEST_ASSERT_MSG(listed == 0, "%d domains are left", listed);
    ret = 0;

 cleanup:
    for (int j = 0; j < listed; j++)
        virDomainFree(doms[j]);
    free(doms);
    for (size_t i = 0; i < n; i++) {
        g_free(states[i].config);
        g_free(states[i].status);
    }
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_NAMES]++;
    return ret;
}


/* ".", ".." and a name one byte too long: a clear error at define, and
 * nothing written. */
static int
testNamesRefused(const void *opaque G_GNUC_UNUSED)
{
    struct {
        const char *name;
        int code;
        const char *why;
    } cases[] = {
        { ".", VIR_ERR_XML_ERROR, "'.'" },
        { "..", VIR_ERR_XML_ERROR, "'..'" },
        { testTooLongName, VIR_ERR_CONFIG_UNSUPPORTED, "224" },
    };
    testRoot *r = testRootNew();
    int ret = -1;

    if (!r)
        return -1;
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *xml = testQemuDomainXML(cases[i].name, NULL, NULL);
        g_autofree char *state = NULL;
        g_autofree char *config = NULL;
        virDomainPtr dom;

        testCases[TEST_CLASS_NAMES]++;
        dom = virDomainDefineXML(r->conn, xml);
        if (dom)
            virDomainFree(dom);
        TEST_ASSERT_MSG(!dom && testCheckError(cases[i].code, "name", cases[i].why) == 0,
                        "define of '%.20s...' was not refused as it should be", cases[i].name);
        virResetLastError();
        dom = virDomainCreateXML(r->conn, xml, 0);
        if (dom)
            virDomainFree(dom);
        TEST_ASSERT_MSG(!dom && testCheckError(cases[i].code, "name", cases[i].why) == 0,
                        "create of '%.20s...' was not refused as it should be", cases[i].name);
        virResetLastError();
        state = testDirEntries(r->stateDir);
        config = testDirEntries(r->configDir);
        TEST_ASSERT_MSG(STREQ(config, "") && !strstr(state, ".xml") && !strstr(state, ".lock"),
                        "files were written: state\n%sconfig\n%s", state, config);
    }
    ret = 0;

 cleanup:
    if ((ret = testRootFinish(r, ret)) < 0)
        testFailed[TEST_CLASS_NAMES]++;
    return ret;
}


/* ---- the program ---------------------------------------------------------- */

static int
testMakeWrappers(void)
{
    const char *wrapper =
        "#!/bin/sh\n"
        "# QEMU as a child of this shell, not exec'd: the shell stays.\n"
        "/usr/bin/qemu-system-x86_64 \"$@\"\n"
        "status=$?\n"
        "exit $status\n";
    const char *background =
        "#!/bin/sh\n"
        "# QEMU in the background; the shell exits at once.\n"
        "/usr/bin/qemu-system-x86_64 \"$@\" </dev/null &\n"
        "exit 0\n";
    g_autofree char *wrapperPath = NULL;
    g_autofree char *backgroundPath = NULL;

    wrapperDir = virTestMakeTempDir("lvg-wrap");
    wrapperPath = testWrapperPath("qemu-wrapper");
    backgroundPath = testWrapperPath("qemu-background");
    if (chmod(wrapperDir, 0755) < 0 ||
        !g_file_set_contents(wrapperPath, wrapper, -1, NULL) ||
        !g_file_set_contents(backgroundPath, background, -1, NULL) ||
        chmod(wrapperPath, 0755) < 0 || chmod(backgroundPath, 0755) < 0) {
        virTestDiag("cannot write the wrapper scripts in %s", wrapperDir);
        return -1;
    }
    return 0;
}


static const testForgedCase testForgedCases[] = {
    { "status file: the decoy's pid and start time", TEST_FORGE_DECOY },
    { "status file: the decoy's pid, another start time", TEST_FORGE_DECOY_WRONG_START },
    { "status file: pid 1 and its start time", TEST_FORGE_PID1 },
    { "status file: pid 0", TEST_FORGE_PID0 },
    { "status file: pid -1", TEST_FORGE_PID_NEGATIVE },
    { "status file: a pid beyond 64 bits", TEST_FORGE_PID_HUGE },
    { "status file: pid INT_MAX, beyond pid_max", TEST_FORGE_PID_UNUSED },
    { "status file: a zombie child of the application", TEST_FORGE_ZOMBIE },
    { "status file: the application itself", TEST_FORGE_SELF },
    { "status file: another domain's QEMU", TEST_FORGE_OTHER_QEMU },
    { "qemu.pid names the decoy", TEST_FORGE_PIDFILE },
    { "qemu.pid names the decoy, the status file is gone", TEST_FORGE_PIDFILE_NO_STATUS },
    { "monitor.sock served by another process", TEST_FORGE_MONITOR },
    { "monitor.sock a link to a socket outside the root", TEST_FORGE_MONITOR_LINK },
};

static const testWrapCase testWrapCases[] = {
    { "destroy stops QEMU and the wrapper", TEST_WRAP_DESTROY },
    { "graceful destroy stops QEMU and the wrapper", TEST_WRAP_GRACEFUL },
    { "a second start is refused", TEST_WRAP_SECOND_START },
    { "the wrapper killed: QEMU stays listed and stoppable", TEST_WRAP_SHELL_KILLED },
    { "QEMU killed: found crashed, nothing left", TEST_WRAP_QEMU_KILLED },
    { "a wrapper that backgrounds QEMU leaves nothing unmanaged", TEST_WRAP_BACKGROUND },
    { "a start that fails behind the wrapper leaves nothing", TEST_WRAP_FAILED_START },
};


/* Every QEMU, wrapper and decoy is gone and reaped. */
static int
testNothingLeft(const void *opaque G_GNUC_UNUSED)
{
    testReapChildren();
    return testNoChildren() ? 0 : -1;
}


static void
testSaveFigure(gint64 started)
{
    testReliabFigure *fig = testReliabFigureNew("hostile",
                                                "hostile inputs under the state root");
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


static int
mymain(void)
{
    gint64 started = g_get_monotonic_time();
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    guard = testGuardNew();
    testLongestName = g_strnfill(TEST_NAME_MAX, 'n');
    memcpy(testLongestName, "longest-", strlen("longest-"));
    testTooLongName = g_strnfill(TEST_NAME_MAX + 1, 'n');
    if (testMakeWrappers() < 0)
        return -1;

    for (size_t i = 0; i < G_N_ELEMENTS(testForgedCases); i++) {
        g_autofree char *title = g_strdup_printf("forged identity: %s",
                                                 testForgedCases[i].title);

        ret |= virTestRun(title, testForged, &testForgedCases[i]);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(testWrapCases); i++) {
        g_autofree char *title = g_strdup_printf("wrapper emulator: %s",
                                                 testWrapCases[i].title);

        ret |= virTestRun(title, testWrapper, &testWrapCases[i]);
    }
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
    ret |= virTestRun("names: each alone, its whole life", testNamesAlone, NULL);
    ret |= virTestRun("names: all at once, none touching another", testNamesBeside, NULL);
    ret |= virTestRun("names: '.', '..' and an over-long name refused", testNamesRefused,
                      NULL);

    testSaveFigure(started);
    g_clear_pointer(&guard, testGuardFree);
    ret |= virTestRun("no process left behind", testNothingLeft, NULL);
    g_free(testLongestName);
    g_free(testTooLongName);
    g_free(capsTemplate);
    return ret;
}

VIR_TEST_MAIN(mymain)
