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

typedef struct {
    GMutex lock;
    GCond cond;
    GString *log;  /* one word per callback, in order */
} testEvents;

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


static void
testEventsAdd(testEvents *ev, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
testEventsAdd(testEvents *ev, const char *fmt, ...)
{
    va_list ap;

    g_mutex_lock(&ev->lock);
    va_start(ap, fmt);
    g_string_append_vprintf(ev->log, fmt, ap);
    va_end(ap);
    g_string_append_c(ev->log, ' ');
    g_cond_broadcast(&ev->cond);
    g_mutex_unlock(&ev->lock);
}


/* Waits up to 10 s until the log ends with @suffix, then empties it. */
static int
testEventsWait(testEvents *ev, const char *suffix)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_TIME_SPAN_SECOND;
    int ret = 0;

    g_mutex_lock(&ev->lock);
    while (!g_str_has_suffix(ev->log->str, suffix)) {
        if (!g_cond_wait_until(&ev->cond, &ev->lock, deadline))
            break;
    }
    if (!g_str_has_suffix(ev->log->str, suffix)) {
        virTestDiag("callbacks: got '%s', expected '%s' at the end",
                    ev->log->str, suffix);
        ret = -1;
    }
    g_string_truncate(ev->log, 0);
    g_mutex_unlock(&ev->lock);
    return ret;
}


static void
testEofNotify(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    testEventsAdd(opaque, "EOF");
}


static void
testErrorNotify(qemuMonitor *mon G_GNUC_UNUSED, const char *reason, void *opaque)
{
    testEventsAdd(opaque, "ERROR(%s)", reason);
}


static void
testShutdown(qemuMonitor *mon G_GNUC_UNUSED, bool guest,
             qemuMonitorShutdownReason reason, void *opaque)
{
    testEventsAdd(opaque, "SHUTDOWN(%d,%s)", guest,
                  qemuMonitorShutdownReasonTypeToString(reason));
}


static void
testPowerdown(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    testEventsAdd(opaque, "POWERDOWN");
}


static void
testReset(qemuMonitor *mon G_GNUC_UNUSED, bool guest,
          qemuMonitorShutdownReason reason, void *opaque)
{
    testEventsAdd(opaque, "RESET(%d,%s)", guest,
                  qemuMonitorShutdownReasonTypeToString(reason));
}


static void
testStop(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    testEventsAdd(opaque, "STOP");
}


static void
testResume(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    testEventsAdd(opaque, "RESUME");
}


static const qemuMonitorCallbacks testCallbacks = {
    .eofNotify = testEofNotify,
    .errorNotify = testErrorNotify,
    .domainShutdown = testShutdown,
    .domainPowerdown = testPowerdown,
    .domainReset = testReset,
    .domainStop = testStop,
    .domainResume = testResume,
};


static int
testCheckStatus(bool wantRunning, virDomainPausedReason wantReason)
{
    bool running = !wantRunning;
    virDomainPausedReason reason = VIR_DOMAIN_PAUSED_LAST;

    if (qemuMonitorGetStatus(lifeMon, &running, &reason) < 0)
        return -1;
    if (running != wantRunning || reason != wantReason) {
        virTestDiag("running %d reason %d, expected %d %d",
                    running, reason, wantRunning, wantReason);
        return -1;
    }
    return 0;
}


/* ---- the life-cycle sequence ---- */

static int
testLifeOpen(const void *data G_GNUC_UNUSED)
{
    if (testQemuStart(&lifeQemu, "-machine pc") < 0)
        return -1;
    /* Opened at once: QEMU has probably not created its socket yet. */
    if (!(lifeMon = qemuMonitorOpen(lifeQemu.sock, lifeQemu.pidfd, 10000,
                                    &testCallbacks, &lifeEvents)))
        return -1;
    return 0;
}


/* Started with -S: paused in "prelaunch", which upstream reports as
 * VIR_DOMAIN_PAUSED_USER (the driver itself records STARTING_UP). */
static int
testLifeStatusPrelaunch(const void *data G_GNUC_UNUSED)
{
    g_autofree char *hmp = NULL;

    if (testCheckStatus(false, VIR_DOMAIN_PAUSED_USER) < 0)
        return -1;
    if (qemuMonitorHumanCommand(lifeMon, "info status", &hmp) < 0)
        return -1;
    return virTestCompareStrings("VM status: paused (prelaunch)\r\n", hmp, "info status");
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

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &out, NULL, &status, &gerr)) {
        virTestDiag("%s --version: %s", argv[0], gerr->message);
        return -1;
    }
    firstLine = g_strndup(out, strcspn(out, "\n"));

    if (qemuMonitorGetVersion(lifeMon, &qemuMajor, &qemuMinor, &qemuMicro,
                              &qemuPackage) < 0)
        return -1;
    /* "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)" */
    actual = g_strdup_printf("QEMU emulator version %u.%u.%u%s%s%s",
                             qemuMajor, qemuMinor, qemuMicro,
                             *qemuPackage ? " (" : "", qemuPackage,
                             *qemuPackage ? ")" : "");
    return virTestCompareStrings(firstLine, actual, "version");
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

    if (qemuMonitorGetMachines(lifeMon, &machines, &n) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (STREQ(machines[i].name, pc)) {
            foundPc = STREQ_NULLABLE(machines[i].alias, "pc") &&
                machines[i].isDefault && machines[i].maxCpus > 1 &&
                !machines[i].deprecated;
        } else if (STREQ(machines[i].name, q35)) {
            foundQ35 = STREQ_NULLABLE(machines[i].alias, "q35") &&
                !machines[i].isDefault;
        } else if (STREQ_NULLABLE(machines[i].alias, "pc") || machines[i].isDefault) {
            virTestDiag("machine %s claims to be pc or the default", machines[i].name);
            goto cleanup;
        }
    }
    if (!foundPc || !foundQ35) {
        virTestDiag("%s (alias pc, default) or %s (alias q35) missing among %zu machines",
                    pc, q35, n);
        goto cleanup;
    }
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

    /* -accel tcg: never KVM, whatever the host has. */
    if (qemuMonitorGetKVMState(lifeMon, &enabled, &present) < 0 || enabled)
        return -1;
    if (qemuMonitorGetObjectTypes(lifeMon, &types) < 0)
        return -1;
    if (!g_strv_contains((const char * const *)types, "virtio-blk-pci") ||
        !g_strv_contains((const char * const *)types, machineType) ||
        g_strv_contains((const char * const *)types, "no-such-device")) {
        virTestDiag("qom-list-types lacks expected types (%u listed)",
                    g_strv_length(types));
        return -1;
    }
    return 0;
}


static int
testLifeArbitrary(const void *data G_GNUC_UNUSED)
{
    g_autofree char *chardev = NULL;
    g_autofree char *pci = NULL;
    g_autofree char *bad = NULL;

    if (qemuMonitorArbitraryCommand(lifeMon, "{\"execute\": \"query-chardev\"}", &chardev) < 0 ||
        !strstr(chardev, "\"label\":\"charmonitor\"")) {
        virTestDiag("query-chardev: %s", NULLSTR(chardev));
        return -1;
    }
    /* -nodefaults on pc: the host bridge and the ISA bridge only. */
    if (qemuMonitorArbitraryCommand(lifeMon, "{\"execute\": \"query-pci\"}", &pci) < 0 ||
        !strstr(pci, "\"bus\":0")) {
        virTestDiag("query-pci: %s", NULLSTR(pci));
        return -1;
    }
    if (qemuMonitorArbitraryCommand(lifeMon, "{\"execute\": \"no-such-command\", \"id\": \"mine\"}",
                                    &bad) < 0)
        return -1;
    return virTestCompareStrings("{\"error\":{\"class\":\"CommandNotFound\","
                                 "\"desc\":\"The command no-such-command has not been found\"},"
                                 "\"id\":\"mine\"}",
                                 bad, "error reply");
}


static int
testLifeCont(const void *data G_GNUC_UNUSED)
{
    if (qemuMonitorStartCPUs(lifeMon) < 0 ||
        testEventsWait(&lifeEvents, "RESUME ") < 0)
        return -1;
    return testCheckStatus(true, VIR_DOMAIN_PAUSED_UNKNOWN);
}


static int
testLifeStop(const void *data G_GNUC_UNUSED)
{
    if (qemuMonitorStopCPUs(lifeMon) < 0 ||
        testEventsWait(&lifeEvents, "STOP ") < 0)
        return -1;
    return testCheckStatus(false, VIR_DOMAIN_PAUSED_USER);
}


static int
testLifePowerdown(const void *data G_GNUC_UNUSED)
{
    if (qemuMonitorSystemPowerdown(lifeMon, 0) < 0)
        return -1;
    return testEventsWait(&lifeEvents, "POWERDOWN ");
}


static int
testLifeReset(const void *data G_GNUC_UNUSED)
{
    if (qemuMonitorSystemReset(lifeMon) < 0)
        return -1;
    return testEventsWait(&lifeEvents, "RESET(0,host-qmp-system-reset) ");
}


/* quit: SHUTDOWN, then end of file; QEMU exits 0 and is reaped. */
static int
testLifeQuit(const void *data G_GNUC_UNUSED)
{
    bool running;
    virDomainPausedReason reason;
    int status;

    if (qemuMonitorQuit(lifeMon) < 0)
        return -1;
    if (testEventsWait(&lifeEvents, "SHUTDOWN(0,host-qmp-quit) EOF ") < 0)
        return -1;
    status = testQemuReap(&lifeQemu, 10000);
    if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        virTestDiag("QEMU ended with status 0x%x", status);
        return -1;
    }
    /* The monitor knows it is over. */
    if (qemuMonitorGetStatus(lifeMon, &running, &reason) == 0 ||
        virGetLastErrorCode() != VIR_ERR_OPERATION_FAILED)
        return -1;
    g_clear_pointer(&lifeMon, qemuMonitorClose);
    return 0;
}


/* QEMU killed before anyone connected: the socket file may stay, but
 * the pidfd says it exited, so Open fails at once. */
static int
testDeadQemu(const void *data G_GNUC_UNUSED)
{
    testQemu q = { .pid = -1, .pidfd = -1 };
    struct pollfd pfd = { .events = POLLIN };
    gint64 start;
    gint64 elapsed;
    int ret = -1;

    if (testQemuStart(&q, "-machine pc") < 0)
        goto cleanup;
    /* Let it create its socket, then kill it without cleanup. */
    g_usleep(300 * 1000);
    if (kill(q.pid, SIGKILL) < 0)
        goto cleanup;
    pfd.fd = q.pidfd;
    if (poll(&pfd, 1, 5000) != 1)
        goto cleanup;

    start = g_get_monotonic_time();
    if (qemuMonitorOpen(q.sock, q.pidfd, 30000, &testCallbacks, NULL))
        goto cleanup;
    elapsed = (g_get_monotonic_time() - start) / G_TIME_SPAN_MILLISECOND;
    if (virGetLastErrorCode() != VIR_ERR_INTERNAL_ERROR ||
        !g_str_has_prefix(virGetLastErrorMessage(),
                          "internal error: process exited while connecting to monitor")) {
        virTestDiag("unexpected error: %s", virGetLastErrorMessage());
        goto cleanup;
    }
    if (elapsed > 1000) {
        virTestDiag("took %lld ms to notice", (long long)elapsed);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    testQemuClear(&q);
    return ret;
}


/* QEMU that refuses its command line exits at once; so does Open. */
static int
testFailingQemu(const void *data G_GNUC_UNUSED)
{
    testQemu q = { .pid = -1, .pidfd = -1 };
    int status;
    int ret = -1;

    if (testQemuStart(&q, "-machine no-such-machine") < 0)
        goto cleanup;
    if (qemuMonitorOpen(q.sock, q.pidfd, 30000, &testCallbacks, NULL))
        goto cleanup;
    if (!g_str_has_prefix(virGetLastErrorMessage(),
                          "internal error: process exited while connecting to monitor")) {
        virTestDiag("unexpected error: %s", virGetLastErrorMessage());
        goto cleanup;
    }
    status = testQemuReap(&q, 5000);
    if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 1) {
        virTestDiag("QEMU ended with status 0x%x", status);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    testQemuClear(&q);
    return ret;
}


/* Nothing this program started is left, not even a zombie. */
static int
testNoChildren(const void *data G_GNUC_UNUSED)
{
    pid_t pid = waitpid(-1, NULL, WNOHANG);

    if (pid == -1 && errno == ECHILD)
        return 0;
    virTestDiag("a child is left: waitpid returned %d", (int)pid);
    return -1;
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

    g_mutex_init(&lifeEvents.lock);
    g_cond_init(&lifeEvents.cond);
    lifeEvents.log = g_string_new(NULL);

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

    g_string_free(lifeEvents.log, TRUE);
    g_free(qemuPackage);
    return ret;
}

VIR_TEST_MAIN(mymain)
