/*
 * testutilshostilecase.h: what the hostile-input programs share (issue
 * 10): a root of its own per case, starting and stopping its domains,
 * the damage done to its files and its repair, and the figures per
 * class of case
 *
 * After every case (testRootFinish) the invariants of testutilshostile.h
 * hold: no decoy process signalled or reaped, no decoy file or
 * directory outside the root touched, nothing sent to a socket that is
 * not QEMU's, and every QEMU of the root listed and stopped by destroy.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "testutilshostile.h"

/* Failures show within seconds, not job_wait_timeout's 30. */
#define TEST_CONF TEST_QEMU_CONF \
    "job_wait_timeout = 2\n" \
    "start_timeout = 10\n"

/* The uid and gid another user's files would have. */
#define TEST_OTHER_ID 65534

/* The decoys and invariants every case checks (testutilshostile.h). */
extern testGuard *guard;

/* The capabilities cache of the first root, copied into the next ones
 * so that QEMU is probed once; the directory of the wrapper scripts. */
extern char *capsTemplate;
extern char *wrapperDir;

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

extern const char *const testClassKeys[TEST_CLASS_LAST];

/* Cases run and failed per class, for the figures. */
extern int testCases[TEST_CLASS_LAST];
extern int testFailed[TEST_CLASS_LAST];

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

void testRootFree(testRoot *r);

/* Copies the regular files of @from that @to lacks. */
void testCopyFiles(const char *from, const char *to);

testRoot *testRootNew(void);

/*
 * The end of every case: the invariants, then the root given up.
 * Returns @ret, or -1 when an invariant does not hold.
 */
int testRootFinish(testRoot *r, int ret);

/*
 * Defines and starts @name, paused: a QEMU process is what the cases
 * are about, and one that does not run its guest spares the machine's
 * CPUs.  Its QEMU in *@retPid.
 */
virDomainPtr testStartDomain(testRoot *r, const char *name, const char *emulator,
                             pid_t *retPid);

/* Whether @conn lists @name, active as @active says. */
int testListed(virConnectPtr conn, const char *name, bool active);

/* The number of QEMUs of the root. */
guint testQemuCount(testRoot *r);

/* A start of @name while its QEMU runs must be refused (@code, or any
 * error with -1), and the root must still have @qemus QEMUs. */
int testNoSecondStart(testRoot *r, virConnectPtr conn, const char *name, guint qemus,
                      int code);

/* The last error has @code (-1: one of those a refused file gives)
 * and its message holds @what and @why (either may be NULL). */
int testCheckError(int code, const char *what, const char *why);

typedef enum {
    TEST_CALL_CREATE,
    TEST_CALL_SHUTDOWN,
} testCall;

/* Looks @name up and starts or shuts it down; the call's error (if
 * any) stays the last error, past the handle's release. */
int testCallByName(virConnectPtr conn, const char *name, testCall call);

/* Destroys @name through @conn; its QEMU @pid must be gone after. */
int testDestroy(virConnectPtr conn, const char *name, pid_t pid, unsigned int flags);

int testUndefine(virConnectPtr conn, const char *name);

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

extern const char *const testDamageTitles[TEST_DAMAGE_LAST];

extern const char *const testDamageWhy[TEST_DAMAGE_LAST];

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

void testPlantClear(testPlant *plant);

const char *testDecoyFor(mode_t type);

/* The bytes a garbled file gets: its first half, then junk that looks
 * like what the driver reads (and names the decoy process). */
char *testGarbage(const char *orig, gsize len, gsize *retLen);

int testWriteFile(const char *path, const char *data, gsize len);

int testMoveAside(testRoot *r, testPlant *plant);

/*
 * Damages @path (created first, empty, if missing).  Returns 0, 1 when
 * the damage does not apply to what is there (a directory cannot be
 * garbled), -1 with a diagnostic.
 */
int testDamageApply(testRoot *r, const char *path, testDamage damage, testPlant *plant);

/* Whether what was planted (or changed in place) is still there as it
 * was left: the driver neither replaced nor removed it. */
bool testDamageStillThere(const testPlant *plant);

/* Undoes the damage: what was planted goes (if still there), modes and
 * owners go back, and with @restore the original comes back (moved
 * back, or its contents rewritten). */
void testDamageRepair(testPlant *plant, bool restore);

char *testRunFile(testRoot *r, const char *file);

/* The hostile programs' last case: every QEMU, wrapper and decoy is gone
 * and reaped. */
int testNothingLeft(const void *opaque);
/* Saves the figure "hostile-@part" (cases and failures per class, all
 * classes, and the seconds since @started) for docs/reliability.rst;
 * genreport.py adds the parts up. */
void testSaveFigure(const char *part, gint64 started);
