/*
 * qemuhostileidtest.c: issue 10's forged identities and wrapper emulators, on real QEMU
 *
 * A status file naming another process (a decoy, by its pid with its
 * real start time or a wrong one), pid 1, 0, -1, absurd pids, a zombie
 * child of the application, the application itself, another domain's
 * QEMU; a pid file naming the decoy; the monitor socket replaced by
 * one this process serves, or by a link to one outside the root.  An
 * <emulator> wrapper script that runs QEMU without exec.
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

/* ---- the program ---- */


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


static int
mymain(void)
{
    gint64 started = g_get_monotonic_time();
    int ret = 0;

    virSetErrorFunc(NULL, testQemuQuietErrors);
    guard = testGuardNew();
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

    testSaveFigure("identities", started);
    g_clear_pointer(&guard, testGuardFree);
    ret |= virTestRun("no process left behind", testNothingLeft, NULL);
    g_free(capsTemplate);
    return ret;
}

VIR_TEST_MAIN(mymain)
