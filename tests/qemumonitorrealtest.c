/*
 * qemumonitorrealtest.c: the QMP client against Debian's QEMU
 *
 * Starts qemu-system-x86_64 -S (TCG, no devices) with the monitor
 * chardev the driver uses, and walks a domain's life through the
 * monitor: status, version, machines, cont, stop, powerdown, quit.
 * Every QEMU started here is reaped here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqmp.h"
#include "qemu_monitor.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

typedef struct {
    pid_t pid;
    int pidfd;
    char *dir;
    char *sock;
    char *log;
} testQemu;

/* State shared by the cases of the life-cycle sequence. */
static testQemu lifeQemu = { .pid = -1, .pidfd = -1 };
static testEvents lifeEvents;
static qemuMonitor *lifeMon;
static unsigned int qemuMajor, qemuMinor, qemuMicro;
static char *qemuPackage;


static const char *
testQemuBinary(void)
{
    return QEMU_DEFAULT_EMULATOR;
}


/*
 * Starts QEMU paused, with @extra arguments, its output in a log file
 * in a new temporary directory.
 */
static int
testQemuStart(testQemu *q, const char *extra)
{
    g_autofree char *chardev = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_auto(GStrv) extraArgs = g_strsplit(extra ? extra : "", " ", -1);
    size_t i;

    q->dir = virTestMakeTempDir("qemumonitorrealtest");
    q->sock = g_build_filename(q->dir, "monitor.sock", NULL);
    q->log = g_build_filename(q->dir, "qemu.log", NULL);
    chardev = g_strdup_printf("socket,id=charmonitor,path=%s,server=on,wait=off", q->sock);

    g_ptr_array_add(argv, (char *)testQemuBinary());
    g_ptr_array_add(argv, (char *)"-S");
    g_ptr_array_add(argv, (char *)"-nodefaults");
    g_ptr_array_add(argv, (char *)"-no-user-config");
    g_ptr_array_add(argv, (char *)"-accel");
    g_ptr_array_add(argv, (char *)"tcg");
    g_ptr_array_add(argv, (char *)"-display");
    g_ptr_array_add(argv, (char *)"none");
    g_ptr_array_add(argv, (char *)"-chardev");
    g_ptr_array_add(argv, chardev);
    g_ptr_array_add(argv, (char *)"-mon");
    g_ptr_array_add(argv, (char *)"chardev=charmonitor,id=monitor,mode=control");
    for (i = 0; extraArgs[i]; i++) {
        if (*extraArgs[i])
            g_ptr_array_add(argv, extraArgs[i]);
    }
    g_ptr_array_add(argv, NULL);

    if ((q->pid = fork()) < 0) {
        virTestDiag("fork: %s", g_strerror(errno));
        return -1;
    }
    if (q->pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        int log = open(q->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

        if (null < 0 || log < 0 || dup2(null, 0) < 0 || dup2(log, 1) < 0 ||
            dup2(log, 2) < 0)
            _exit(127);
        execv(argv->pdata[0], (char **)argv->pdata);
        _exit(127);
    }
    if ((q->pidfd = syscall(SYS_pidfd_open, q->pid, 0)) < 0) {
        virTestDiag("pidfd_open: %s", g_strerror(errno));
        return -1;
    }
    return 0;
}


/*
 * Waits up to @timeoutMs for QEMU to exit and reaps it; SIGKILLs it
 * first if it is still there.  Returns the wait status, or -1 if it
 * had to be killed.
 */
static int
testQemuReap(testQemu *q, int timeoutMs)
{
    struct pollfd pfd = { .fd = q->pidfd, .events = POLLIN };
    int status = 0;
    bool killed = false;

    if (q->pid < 0)
        return -1;
    if (q->pidfd < 0 || poll(&pfd, 1, timeoutMs) != 1) {
        kill(q->pid, SIGKILL);
        killed = true;
    }
    while (waitpid(q->pid, &status, 0) < 0 && errno == EINTR)
        ;
    q->pid = -1;
    virForceClose(&q->pidfd);
    if (killed) {
        g_autofree char *log = NULL;

        if (g_file_get_contents(q->log, &log, NULL, NULL) && *log)
            virTestDiag("QEMU log:\n%s", log);
        return -1;
    }
    return status;
}


static void
testQemuClear(testQemu *q)
{
    testQemuReap(q, 0);
    g_clear_pointer(&q->dir, g_free);
    g_clear_pointer(&q->sock, g_free);
    g_clear_pointer(&q->log, g_free);
}


static int
testCheckStatus(bool wantRunning, virDomainPausedReason wantReason)
{
    bool running = !wantRunning;
    virDomainPausedReason reason = VIR_DOMAIN_PAUSED_LAST;
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorGetStatus(lifeMon, &running, &reason));
    TEST_ASSERT_EQ_INT(running, wantRunning);
    TEST_ASSERT_EQ_INT(reason, wantReason);
    ret = 0;

 cleanup:
    return ret;
}


/* ---- the life-cycle sequence ---- */

static int
testLifeOpen(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_OK(testQemuStart(&lifeQemu, "-machine pc"));
    /* Opened at once: QEMU has probably not created its socket yet. */
    TEST_ASSERT_NONNULL(lifeMon = qemuMonitorOpen(lifeQemu.sock, lifeQemu.pidfd, 10000,
                                                  &testCallbacks, &lifeEvents));
    ret = 0;

 cleanup:
    return ret;
}


/* Started with -S: paused in "prelaunch", which upstream reports as
 * VIR_DOMAIN_PAUSED_USER (the driver itself records STARTING_UP). */
static int
testLifeStatusPrelaunch(const void *data G_GNUC_UNUSED)
{
    g_autofree char *hmp = NULL;
    int ret = -1;

    TEST_ASSERT_OK(testCheckStatus(false, VIR_DOMAIN_PAUSED_USER));
    TEST_ASSERT_OK(qemuMonitorHumanCommand(lifeMon, "info status", &hmp));
    TEST_ASSERT_EQ_STR(hmp, "VM status: paused (prelaunch)\r\n");
    ret = 0;

 cleanup:
    return ret;
}


static int
testLifeVersion(const void *data G_GNUC_UNUSED)
{
    const char *argv[] = { testQemuBinary(), "--version", NULL };
    g_autofree char *out = NULL;
    g_autofree char *expect = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *firstLine = NULL;
    g_autoptr(GError) gerr = NULL;
    int status;
    int ret = -1;

    TEST_ASSERT_MSG(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &out, NULL, &status, &gerr),
                    "%s --version: %s", argv[0], gerr->message);
    firstLine = g_strndup(out, strcspn(out, "\n"));

    TEST_ASSERT_OK(qemuMonitorGetVersion(lifeMon, &qemuMajor, &qemuMinor, &qemuMicro,
                                         &qemuPackage));
    /* "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)" */
    actual = g_strdup_printf("QEMU emulator version %u.%u.%u%s%s%s",
                             qemuMajor, qemuMinor, qemuMicro,
                             *qemuPackage ? " (" : "", qemuPackage,
                             *qemuPackage ? ")" : "");
    TEST_ASSERT_EQ_STR(actual, firstLine);
    ret = 0;

 cleanup:
    return ret;
}


static int
testLifeMachines(const void *data G_GNUC_UNUSED)
{
    g_autofree char *pc = g_strdup_printf("pc-i440fx-%u.%u", qemuMajor, qemuMinor);
    g_autofree char *q35 = g_strdup_printf("pc-q35-%u.%u", qemuMajor, qemuMinor);
    qemuMonitorMachineInfo *machines = NULL;
    size_t n = 0;
    size_t i;
    bool foundPc = false, foundQ35 = false;
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorGetMachines(lifeMon, &machines, &n));
    for (i = 0; i < n; i++) {
        if (STREQ(machines[i].name, pc)) {
            foundPc = STREQ_NULLABLE(machines[i].alias, "pc") &&
                machines[i].isDefault && machines[i].maxCpus > 1 &&
                !machines[i].deprecated;
        } else if (STREQ(machines[i].name, q35)) {
            foundQ35 = STREQ_NULLABLE(machines[i].alias, "q35") &&
                !machines[i].isDefault;
        } else {
            TEST_ASSERT_MSG(!STREQ_NULLABLE(machines[i].alias, "pc") &&
                            !machines[i].isDefault,
                            "machine %s claims to be pc or the default",
                            machines[i].name);
        }
    }
    TEST_ASSERT_MSG(foundPc, "%s (alias pc, default, not deprecated, several CPUs) "
                    "missing among %zu machines", pc, n);
    TEST_ASSERT_MSG(foundQ35, "%s (alias q35, not the default) missing among %zu machines",
                    q35, n);
    ret = 0;

 cleanup:
    qemuMonitorMachineInfoListFree(machines, n);
    return ret;
}


static int
testLifeKVMAndTypes(const void *data G_GNUC_UNUSED)
{
    g_auto(GStrv) types = NULL;
    g_autofree char *machineType = g_strdup_printf("pc-i440fx-%u.%u-machine",
                                                   qemuMajor, qemuMinor);
    bool enabled = true, present = false;
    int ret = -1;

    /* -accel tcg: never KVM, whatever the host has. */
    TEST_ASSERT_OK(qemuMonitorGetKVMState(lifeMon, &enabled, &present));
    TEST_ASSERT(!enabled);
    TEST_ASSERT_OK(qemuMonitorGetObjectTypes(lifeMon, &types));
    TEST_ASSERT_MSG(g_strv_contains((const char * const *)types, "virtio-blk-pci"),
                    "qom-list-types lacks virtio-blk-pci (%u listed)", g_strv_length(types));
    TEST_ASSERT_MSG(g_strv_contains((const char * const *)types, machineType),
                    "qom-list-types lacks %s (%u listed)", machineType,
                    g_strv_length(types));
    TEST_ASSERT(!g_strv_contains((const char * const *)types, "no-such-device"));
    ret = 0;

 cleanup:
    return ret;
}


static int
testLifeArbitrary(const void *data G_GNUC_UNUSED)
{
    g_autofree char *chardev = NULL;
    g_autofree char *pci = NULL;
    g_autofree char *bad = NULL;
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorArbitraryCommand(lifeMon, "{\"execute\": \"query-chardev\"}",
                                               &chardev));
    TEST_ASSERT_STR_CONTAINS(chardev, "\"label\":\"charmonitor\"");
    /* -nodefaults on pc: the host bridge and the ISA bridge only. */
    TEST_ASSERT_OK(qemuMonitorArbitraryCommand(lifeMon, "{\"execute\": \"query-pci\"}", &pci));
    TEST_ASSERT_STR_CONTAINS(pci, "\"bus\":0");
    TEST_ASSERT_OK(qemuMonitorArbitraryCommand(lifeMon,
                                               "{\"execute\": \"no-such-command\", \"id\": \"mine\"}",
                                               &bad));
    TEST_ASSERT_EQ_STR(bad, "{\"error\":{\"class\":\"CommandNotFound\","
                            "\"desc\":\"The command no-such-command has not been found\"},"
                            "\"id\":\"mine\"}");
    ret = 0;

 cleanup:
    return ret;
}


static int
testLifeCont(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorStartCPUs(lifeMon));
    TEST_ASSERT_OK(testEventsWaitEnd(&lifeEvents, "RESUME "));
    TEST_ASSERT_OK(testCheckStatus(true, VIR_DOMAIN_PAUSED_UNKNOWN));
    ret = 0;

 cleanup:
    return ret;
}


static int
testLifeStop(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorStopCPUs(lifeMon));
    TEST_ASSERT_OK(testEventsWaitEnd(&lifeEvents, "STOP "));
    TEST_ASSERT_OK(testCheckStatus(false, VIR_DOMAIN_PAUSED_USER));
    ret = 0;

 cleanup:
    return ret;
}


static int
testLifePowerdown(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorSystemPowerdown(lifeMon, 0));
    TEST_ASSERT_OK(testEventsWaitEnd(&lifeEvents, "POWERDOWN "));
    ret = 0;

 cleanup:
    return ret;
}


static int
testLifeReset(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorSystemReset(lifeMon));
    TEST_ASSERT_OK(testEventsWaitEnd(&lifeEvents, "RESET(0,host-qmp-system-reset) "));
    ret = 0;

 cleanup:
    return ret;
}


/* quit: SHUTDOWN, then end of file; QEMU exits 0 and is reaped. */
static int
testLifeQuit(const void *data G_GNUC_UNUSED)
{
    bool running;
    virDomainPausedReason reason;
    int status;
    int ret = -1;

    TEST_ASSERT_OK(qemuMonitorQuit(lifeMon));
    TEST_ASSERT_OK(testEventsWaitEnd(&lifeEvents, "SHUTDOWN(0,host-qmp-quit) EOF "));
    status = testQemuReap(&lifeQemu, 10000);
    TEST_ASSERT_MSG(status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
                    "QEMU ended with status 0x%x", status);
    /* The monitor knows it is over. */
    TEST_ASSERT_FAILS(qemuMonitorGetStatus(lifeMon, &running, &reason));
    TEST_ASSERT_ERROR(VIR_ERR_OPERATION_FAILED);
    g_clear_pointer(&lifeMon, qemuMonitorClose);
    ret = 0;

 cleanup:
    return ret;
}


/* QEMU killed before anyone connected: the socket file may stay, but
 * the pidfd says it exited, so Open fails at once. */
static int
testDeadQemu(const void *data G_GNUC_UNUSED)
{
    testQemu q = { .pid = -1, .pidfd = -1 };
    struct pollfd pfd = { .events = POLLIN };
    qemuMonitor *mon = NULL;
    gint64 start;
    gint64 elapsed;
    int ret = -1;

    TEST_ASSERT_OK(testQemuStart(&q, "-machine pc"));
    /* Let it create its socket, then kill it without cleanup. */
    g_usleep(300 * 1000);
    TEST_ASSERT_MSG(kill(q.pid, SIGKILL) == 0, "kill %d: %s", q.pid, g_strerror(errno));
    pfd.fd = q.pidfd;
    TEST_ASSERT_EQ_INT(poll(&pfd, 1, 5000), 1);

    start = g_get_monotonic_time();
    TEST_ASSERT((mon = qemuMonitorOpen(q.sock, q.pidfd, 30000, &testCallbacks, NULL)) == NULL);
    elapsed = (g_get_monotonic_time() - start) / G_TIME_SPAN_MILLISECOND;
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INTERNAL_ERROR, -1,
                           "internal error: process exited while connecting to monitor");
    TEST_ASSERT_CMP_INT(elapsed, <=, 1000);
    ret = 0;

 cleanup:
    if (mon)
        qemuMonitorClose(mon);
    testQemuClear(&q);
    return ret;
}


/* QEMU that refuses its command line exits at once; so does Open. */
static int
testFailingQemu(const void *data G_GNUC_UNUSED)
{
    testQemu q = { .pid = -1, .pidfd = -1 };
    qemuMonitor *mon = NULL;
    int status;
    int ret = -1;

    TEST_ASSERT_OK(testQemuStart(&q, "-machine no-such-machine"));
    TEST_ASSERT((mon = qemuMonitorOpen(q.sock, q.pidfd, 30000, &testCallbacks, NULL)) == NULL);
    TEST_ASSERT_MSG(g_str_has_prefix(virGetLastErrorMessage(),
                                     "internal error: process exited while connecting to monitor"),
                    "unexpected error: %s", virGetLastErrorMessage());
    status = testQemuReap(&q, 5000);
    TEST_ASSERT_MSG(status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 1,
                    "QEMU ended with status 0x%x", status);
    ret = 0;

 cleanup:
    if (mon)
        qemuMonitorClose(mon);
    testQemuClear(&q);
    return ret;
}


/* Nothing this program started is left, not even a zombie. */
static int
testNoChildren(const void *data G_GNUC_UNUSED)
{
    pid_t pid = waitpid(-1, NULL, WNOHANG);
    int ret = -1;

    TEST_ASSERT_MSG(pid == -1 && errno == ECHILD,
                    "a child is left: waitpid returned %d", (int)pid);
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    static const struct {
        const char *title;
        virTestBody body;
    } life[] = {
        { "start QEMU -S and open its monitor", testLifeOpen },
        { "query-status: prelaunch is paused, reason user", testLifeStatusPrelaunch },
        { "query-version matches qemu-system-x86_64 --version", testLifeVersion },
        { "query-machines: pc is pc-i440fx-7.2, the default", testLifeMachines },
        { "query-kvm and qom-list-types", testLifeKVMAndTypes },
        { "arbitrary commands: query-chardev, query-pci, an error", testLifeArbitrary },
        { "cont: running, RESUME event", testLifeCont },
        { "stop: paused, reason user, STOP event", testLifeStop },
        { "system_powerdown: POWERDOWN event", testLifePowerdown },
        { "system_reset: RESET event", testLifeReset },
        { "quit: SHUTDOWN and end of file, QEMU exits 0", testLifeQuit },
    };
    size_t i;
    int ret = 0;

    if (!virFileIsExecutable(testQemuBinary())) {
        virTestSkip("QEMU tests", "no qemu-system-x86_64");
        return 0;
    }

    testEventsInit(&lifeEvents);

    for (i = 0; i < G_N_ELEMENTS(life); i++) {
        if (virTestRun(life[i].title, life[i].body, NULL) < 0)
            ret = -1;
    }
    /* Whatever failed above, leave nothing running. */
    g_clear_pointer(&lifeMon, qemuMonitorClose);
    testQemuClear(&lifeQemu);

    if (virTestRun("open: QEMU killed before connecting fails fast", testDeadQemu, NULL) < 0)
        ret = -1;
    if (virTestRun("open: QEMU that fails to start", testFailingQemu, NULL) < 0)
        ret = -1;
    if (virTestRun("no QEMU process or zombie left", testNoChildren, NULL) < 0)
        ret = -1;

    testEventsClear(&lifeEvents);
    g_free(qemuPackage);
    return ret;
}

VIR_TEST_MAIN(mymain)
