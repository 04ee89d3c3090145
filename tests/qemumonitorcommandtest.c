/*
 * qemumonitorcommandtest.c: the QMP commands and their replies
 *
 * Every command the driver sends, with its arguments and the result it
 * reads, against a scripted fake QEMU (testutilsqmp.h); arbitrary
 * commands refused; run states; and each malformed or failing reply.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsqmp.h"
#include "qemu_monitor.h"
#include "qemu_monitor_priv.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* ---- commands ---- */

static const testStep commandSteps[] = {
    HANDSHAKE,
    EXPECT("cont"), REPLY_OK,
    EXPECT("stop"), REPLY_OK,
    EXPECT("system_powerdown"), REPLY_OK,
    EXPECT("system_reset"), REPLY_OK,
    EXPECT("query-kvm"), REPLY("{\"return\": {\"enabled\": false, \"present\": true}}"),
    EXPECT("query-target"), REPLY("{\"return\": {\"arch\": \"x86_64\", \"cpu\": \"x86_64-cpu\"}}"),
    EXPECT("qom-list-types"),
    REPLY("{\"return\": [{\"name\": \"pc-i440fx-7.2-machine\", \"parent\": \"generic-pc-machine\"},"
          " {\"name\": \"virtio-blk-pci\"}, {\"name\": \"object\", \"abstract\": true}]}"),
    EXPECT_ARGS("human-monitor-command", "{\"command-line\": \"info version\"}"),
    REPLY("{\"return\": \"7.2.22Debian 1:7.2+dfsg-7+deb12u18+b3\\r\\n\"}"),
    EXPECT("query-version"),
    REPLY("{\"return\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7},"
          " \"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}}"),
    EXPECT("query-machines"),
    REPLY("{\"return\": [{\"hotpluggable-cpus\": true, \"name\": \"pc-i440fx-7.2\","
          " \"is-default\": true, \"cpu-max\": 255, \"deprecated\": false, \"alias\": \"pc\"},"
          " {\"name\": \"pc-i440fx-2.0\", \"cpu-max\": 255, \"deprecated\": true},"
          " {\"name\": \"none\", \"cpu-max\": 1}]}"),
    EXPECT_ARGS("query-pci", "{\"x\": [1, \"two\"]}"),
    REPLY("{\"return\": [{\"bus\": 0}]}"),
    EXPECT("query-chardev"),
    REPLY("{\"error\": {\"class\": \"GenericError\", \"desc\": \"nope\"}}"),
    EXPECT("quit"), REPLY_OK,
    END
};


static int
testCommands(const void *data G_GNUC_UNUSED)
{
    testServer *srv;
    testEvents ev;
    qemuMonitor *mon;
    bool enabled = true, present = false;
    g_auto(GStrv) types = NULL;
    g_autofree char *arch = NULL;
    g_autofree char *human = NULL;
    g_autofree char *package = NULL;
    g_autofree char *pci = NULL;
    g_autofree char *chardev = NULL;
    unsigned int major = 0, minor = 0, micro = 0;
    qemuMonitorMachineInfo *machines = NULL;
    size_t nmachines = 0;
    int ret = -1;

    testEventsInit(&ev);
    if (!(mon = testQmpOpen(commandSteps, &srv, &ev)))
        goto cleanup;

    if (qemuMonitorStartCPUs(mon) < 0 || qemuMonitorStopCPUs(mon) < 0 ||
        qemuMonitorSystemPowerdown(mon, 0) < 0 || qemuMonitorSystemReset(mon) < 0)
        goto cleanup;

    if (qemuMonitorGetKVMState(mon, &enabled, &present) < 0 || enabled || !present)
        goto cleanup;

    if (qemuMonitorGetTargetArch(mon, &arch) < 0 || STRNEQ(arch, "x86_64"))
        goto cleanup;

    if (qemuMonitorGetObjectTypes(mon, &types) < 0)
        goto cleanup;
    if (g_strv_length(types) != 3 || STRNEQ(types[0], "pc-i440fx-7.2-machine") ||
        STRNEQ(types[1], "virtio-blk-pci") || STRNEQ(types[2], "object"))
        goto cleanup;

    if (qemuMonitorHumanCommand(mon, "info version", &human) < 0 ||
        virTestCompareStrings("7.2.22Debian 1:7.2+dfsg-7+deb12u18+b3\r\n", human, "HMP") < 0)
        goto cleanup;

    if (qemuMonitorGetVersion(mon, &major, &minor, &micro, &package) < 0 ||
        major != 7 || minor != 2 || micro != 22 ||
        STRNEQ(package, "Debian 1:7.2+dfsg-7+deb12u18+b3"))
        goto cleanup;

    if (qemuMonitorGetMachines(mon, &machines, &nmachines) < 0 || nmachines != 3)
        goto cleanup;
    if (STRNEQ(machines[0].name, "pc-i440fx-7.2") ||
        STRNEQ_NULLABLE(machines[0].alias, "pc") || !machines[0].isDefault ||
        machines[0].maxCpus != 255 || machines[0].deprecated ||
        STRNEQ(machines[1].name, "pc-i440fx-2.0") || machines[1].alias ||
        machines[1].isDefault || !machines[1].deprecated ||
        STRNEQ(machines[2].name, "none") || machines[2].maxCpus != 1) {
        virTestDiag("machines parsed wrongly");
        goto cleanup;
    }

    /* The caller's id comes back; ours does not leak out. */
    if (qemuMonitorArbitraryCommand(mon, "{\"execute\": \"query-pci\", \"arguments\": {\"x\": "
                                         "[1, \"two\"]}, \"id\": 99}",
                                    &pci) < 0 ||
        virTestCompareStrings("{\"return\":[{\"bus\":0}],\"id\":99}", pci, "query-pci") < 0)
        goto cleanup;
    /* An error reply is a reply. */
    if (qemuMonitorArbitraryCommand(mon, "{\"execute\": \"query-chardev\"}", &chardev) < 0 ||
        virTestCompareStrings("{\"error\":{\"class\":\"GenericError\",\"desc\":\"nope\"}}",
                              chardev, "query-chardev") < 0)
        goto cleanup;

    if (qemuMonitorQuit(mon) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    qemuMonitorMachineInfoListFree(machines, nmachines);
    qemuMonitorClose(mon);
    if (testServerFinish(srv) < 0 || testEventsWait(&ev, "") < 0)
        ret = -1;
    testEventsClear(&ev);
    return ret;
}


static int
testArbitraryBad(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = { HANDSHAKE, END };
    testServer *srv;
    testEvents ev;
    qemuMonitor *mon;
    g_autoptr(qemuMonitorMessage) msg = NULL;
    g_autofree char *brackets = g_strnfill(QEMU_MONITOR_MAX_NESTING, '[');
    g_autofree char *deep = g_strdup_printf("{\"execute\": \"cont\", \"arguments\": %s", brackets);
    char *reply = NULL;
    int ret = -1;

    testEventsInit(&ev);
    if (!(mon = testQmpOpen(steps, &srv, &ev)))
        goto cleanup;
    if (qemuMonitorArbitraryCommand(mon, "{\"execute\": ", &reply) == 0 ||
        testQmpCheckError(VIR_ERR_INTERNAL_ERROR, "internal error: cannot parse json {\"execute\": "
                                               ": *") < 0)
        goto cleanup;
    if (qemuMonitorArbitraryCommand(mon, "{\"exec\": \"cont\"}", &reply) == 0 ||
        testQmpCheckError(VIR_ERR_INVALID_ARG,
                       "invalid argument: QEMU monitor command {\"exec\": \"cont\"} is not an "
                       "object with an 'execute' string") < 0)
        goto cleanup;
    if (qemuMonitorArbitraryCommand(mon, deep, &reply) == 0 ||
        testQmpCheckError(VIR_ERR_INTERNAL_ERROR, "*nested too deeply") < 0)
        goto cleanup;
    if (qemuMonitorHumanCommand(mon, NULL, &reply) == 0 ||
        testQmpCheckError(VIR_ERR_INVALID_ARG, NULL) < 0)
        goto cleanup;
    if (qemuMonitorSend(mon, "cont", "x", "{}", 0, 0x80, &msg) == 0 ||
        testQmpCheckError(VIR_ERR_INVALID_ARG,
                       "unsupported flags (0x80) in function qemuMonitorSend") < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    qemuMonitorClose(mon);
    if (testServerFinish(srv) < 0)
        ret = -1;
    testEventsClear(&ev);
    return ret;
}


typedef struct {
    const char *status;
    bool running;
    virDomainPausedReason reason;
} testStatusCase;

/* Upstream libvirt's mapping; "suspended" and "colo" are QEMU 7.2 run
 * states it does not know. */
static const testStatusCase statusCases[] = {
    { "running", true, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "prelaunch", false, VIR_DOMAIN_PAUSED_USER },
    { "paused", false, VIR_DOMAIN_PAUSED_USER },
    { "shutdown", false, VIR_DOMAIN_PAUSED_SHUTTING_DOWN },
    { "io-error", false, VIR_DOMAIN_PAUSED_IOERROR },
    { "inmigrate", false, VIR_DOMAIN_PAUSED_MIGRATION },
    { "postmigrate", false, VIR_DOMAIN_PAUSED_MIGRATION },
    { "finish-migrate", false, VIR_DOMAIN_PAUSED_MIGRATION },
    { "save-vm", false, VIR_DOMAIN_PAUSED_SAVE },
    { "watchdog", false, VIR_DOMAIN_PAUSED_WATCHDOG },
    { "guest-panicked", false, VIR_DOMAIN_PAUSED_CRASHED },
    { "debug", false, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "internal-error", false, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "restore-vm", false, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "suspended", false, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "colo", false, VIR_DOMAIN_PAUSED_UNKNOWN },
    { "running", false, VIR_DOMAIN_PAUSED_UNKNOWN },
};


static int
testStatus(const void *data G_GNUC_UNUSED)
{
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
    g_autofree testStep *steps = g_new0(testStep, 3 + 2 * G_N_ELEMENTS(statusCases) + 1);
    testStep handshake[] = { HANDSHAKE };
    testServer *srv;
    testEvents ev;
    qemuMonitor *mon;
    size_t i, n = 0;
    int ret = 0;

    for (i = 0; i < G_N_ELEMENTS(handshake); i++)
        steps[n++] = handshake[i];
    for (i = 0; i < G_N_ELEMENTS(statusCases); i++) {
        char *reply = g_strdup_printf("{\"return\": {\"status\": \"%s\", \"singlestep\": false, "
                                      "\"running\": %s}}",
                                      statusCases[i].status,
                                      statusCases[i].running ? "true" : "false");

        g_ptr_array_add(texts, reply);
        steps[n++] = (testStep) EXPECT("query-status");
        steps[n++] = (testStep) REPLY(reply);
    }
    steps[n++] = (testStep) END;

    testEventsInit(&ev);
    if (!(mon = testQmpOpen(steps, &srv, &ev)))
        ret = -1;
    for (i = 0; mon && i < G_N_ELEMENTS(statusCases); i++) {
        bool running = !statusCases[i].running;
        virDomainPausedReason reason = VIR_DOMAIN_PAUSED_LAST;

        if (qemuMonitorGetStatus(mon, &running, &reason) < 0 ||
            running != statusCases[i].running || reason != statusCases[i].reason) {
            virTestDiag("status '%s': running %d reason %d, expected %d %d",
                        statusCases[i].status, running, reason,
                        statusCases[i].running, statusCases[i].reason);
            ret = -1;
        }
    }
    qemuMonitorClose(mon);
    if (testServerFinish(srv) < 0)
        ret = -1;
    testEventsClear(&ev);
    if (qemuMonitorVMStatusToPausedReason(NULL) != VIR_DOMAIN_PAUSED_UNKNOWN)
        ret = -1;
    return ret;
}


/* ---- failing and malformed replies ---- */

typedef int (*testCommandFunc)(qemuMonitor *mon);

static int
testCallCont(qemuMonitor *mon)
{
    return qemuMonitorStartCPUs(mon);
}

static int
testCallStatus(qemuMonitor *mon)
{
    bool running = false;
    virDomainPausedReason reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    int rc = qemuMonitorGetStatus(mon, &running, &reason);

    /* Out-parameters are set only on success. */
    if (rc < 0 && (running || reason != VIR_DOMAIN_PAUSED_UNKNOWN))
        return 1;
    return rc;
}

static int
testCallVersion(qemuMonitor *mon)
{
    unsigned int major = 0, minor = 0, micro = 0;
    char *package = NULL;
    int rc = qemuMonitorGetVersion(mon, &major, &minor, &micro, &package);

    if (rc < 0 && (package || major || minor || micro))
        return 1;
    g_free(package);
    return rc;
}

static int
testCallMachines(qemuMonitor *mon)
{
    qemuMonitorMachineInfo *machines = NULL;
    size_t n = 0;
    int rc = qemuMonitorGetMachines(mon, &machines, &n);

    if (rc < 0 && (machines || n))
        return 1;
    qemuMonitorMachineInfoListFree(machines, n);
    return rc;
}

static int
testCallKVM(qemuMonitor *mon)
{
    bool enabled = false, present = false;

    return qemuMonitorGetKVMState(mon, &enabled, &present);
}

static int
testCallTarget(qemuMonitor *mon)
{
    char *arch = NULL;
    int rc = qemuMonitorGetTargetArch(mon, &arch);

    if (rc < 0 && arch)
        return 1;
    g_free(arch);
    return rc;
}

static int
testCallTypes(qemuMonitor *mon)
{
    char **types = NULL;
    int rc = qemuMonitorGetObjectTypes(mon, &types);

    if (rc < 0 && types)
        return 1;
    g_strfreev(types);
    return rc;
}

static int
testCallHuman(qemuMonitor *mon)
{
    char *reply = NULL;
    int rc = qemuMonitorHumanCommand(mon, "info status", &reply);

    if (rc < 0 && reply)
        return 1;
    g_free(reply);
    return rc;
}


typedef struct {
    const char *title;
    const char *cmd;
    testCommandFunc func;
    const char *reply;
    const char *message;
    const char *args;
} testBadReplyCase;

#define ERRPFX "internal error: "
static const testBadReplyCase badReplyCases[] = {
    { "error with desc", "cont", testCallCont,
      "{\"error\": {\"class\": \"GenericError\", \"desc\": \"Resetting the Virtual Machine is "
      "required\"}}",
      ERRPFX "unable to execute QEMU command 'cont': Resetting the Virtual Machine is required" },
    { "error with class only", "cont", testCallCont,
      "{\"error\": {\"class\": \"CommandNotFound\"}}",
      ERRPFX "unable to execute QEMU command 'cont': CommandNotFound" },
    { "empty error", "cont", testCallCont, "{\"error\": {}}",
      ERRPFX "unable to execute QEMU command 'cont': unknown QEMU command error" },
    { "error not an object", "cont", testCallCont, "{\"error\": 42}",
      ERRPFX "unable to execute QEMU command 'cont'" },
    { "status not an object", "query-status", testCallStatus, "{\"return\": []}",
      ERRPFX "unexpected type returned by QEMU command 'query-status'" },
    { "status without running", "query-status", testCallStatus,
      "{\"return\": {\"status\": \"paused\"}}",
      ERRPFX "query-status reply was missing running state" },
    { "status running not bool", "query-status", testCallStatus,
      "{\"return\": {\"status\": \"paused\", \"running\": 0}}",
      ERRPFX "query-status reply was missing running state" },
    { "status without status", "query-status", testCallStatus,
      "{\"return\": {\"running\": false}}",
      ERRPFX "query-status reply was missing status details" },
    { "version not an object", "query-version", testCallVersion, "{\"return\": \"7.2\"}",
      ERRPFX "unexpected type returned by QEMU command 'query-version'" },
    { "version without qemu", "query-version", testCallVersion,
      "{\"return\": {\"package\": \"\"}}",
      ERRPFX "query-version reply was missing 'qemu' data" },
    { "version without major", "query-version", testCallVersion,
      "{\"return\": {\"qemu\": {\"minor\": 2, \"micro\": 0}, \"package\": \"\"}}",
      ERRPFX "query-version reply was missing 'major' version" },
    { "version negative major", "query-version", testCallVersion,
      "{\"return\": {\"qemu\": {\"major\": -7, \"minor\": 2, \"micro\": 0}, \"package\": \"\"}}",
      ERRPFX "query-version reply was missing 'major' version" },
    { "version without minor", "query-version", testCallVersion,
      "{\"return\": {\"qemu\": {\"major\": 7, \"micro\": 0}, \"package\": \"\"}}",
      ERRPFX "query-version reply was missing 'minor' version" },
    { "version without micro", "query-version", testCallVersion,
      "{\"return\": {\"qemu\": {\"major\": 7, \"minor\": 2, \"micro\": \"0\"}, \"package\": \"\"}}",
      ERRPFX "query-version reply was missing 'micro' version" },
    { "version fractional minor", "query-version", testCallVersion,
      "{\"return\": {\"qemu\": {\"major\": 7, \"minor\": 2.5, \"micro\": 0}, \"package\": \"\"}}",
      ERRPFX "query-version reply was missing 'minor' version" },
    { "version without package", "query-version", testCallVersion,
      "{\"return\": {\"qemu\": {\"major\": 7, \"minor\": 2, \"micro\": 0}}}",
      ERRPFX "query-version reply was missing 'package' version" },
    { "machines not an array", "query-machines", testCallMachines, "{\"return\": {}}",
      ERRPFX "unexpected type returned by QEMU command 'query-machines'" },
    { "machine without name", "query-machines", testCallMachines,
      "{\"return\": [{\"name\": \"pc\"}, {\"alias\": \"pc\"}]}",
      ERRPFX "query-machines reply data was missing 'name'" },
    { "machine not an object", "query-machines", testCallMachines, "{\"return\": [42]}",
      ERRPFX "query-machines reply data was missing 'name'" },
    { "machine bad is-default", "query-machines", testCallMachines,
      "{\"return\": [{\"name\": \"pc\", \"is-default\": \"yes\"}]}",
      ERRPFX "query-machines reply has malformed 'is-default' data" },
    { "machine bad alias", "query-machines", testCallMachines,
      "{\"return\": [{\"name\": \"pc-i440fx-7.2\", \"alias\": 5}]}",
      ERRPFX "query-machines reply has malformed 'alias' data" },
    { "machine bad cpu-max", "query-machines", testCallMachines,
      "{\"return\": [{\"name\": \"pc\", \"cpu-max\": -1}]}",
      ERRPFX "query-machines reply has malformed 'cpu-max' data" },
    { "machine bad deprecated", "query-machines", testCallMachines,
      "{\"return\": [{\"name\": \"pc\", \"deprecated\": 1}]}",
      ERRPFX "query-machines reply has malformed 'deprecated' data" },
    { "kvm without present", "query-kvm", testCallKVM,
      "{\"return\": {\"enabled\": true}}",
      ERRPFX "query-kvm replied unexpected data" },
    { "kvm not an object", "query-kvm", testCallKVM, "{\"return\": true}",
      ERRPFX "unexpected type returned by QEMU command 'query-kvm'" },
    { "target without arch", "query-target", testCallTarget,
      "{\"return\": {}}",
      ERRPFX "query-target reply was missing target arch" },
    { "target arch not a string", "query-target", testCallTarget,
      "{\"return\": {\"arch\": 64}}",
      ERRPFX "query-target reply was missing target arch" },
    { "target not an object", "query-target", testCallTarget, "{\"return\": []}",
      ERRPFX "unexpected type returned by QEMU command 'query-target'" },
    { "type without name", "qom-list-types", testCallTypes,
      "{\"return\": [{\"name\": \"a\"}, {\"parent\": \"a\"}]}",
      ERRPFX "qom-list-types reply data was missing 'name'" },
    { "types not an array", "qom-list-types", testCallTypes, "{\"return\": \"a\"}",
      ERRPFX "unexpected type returned by QEMU command 'qom-list-types'" },
    { "human reply not text", "human-monitor-command", testCallHuman, "{\"return\": 5}",
      ERRPFX "unexpected type returned by QEMU command 'human-monitor-command'",
      "{\"command-line\": \"info status\"}" },
    { "human reply an object", "human-monitor-command", testCallHuman, "{\"return\": {}}",
      ERRPFX "unexpected type returned by QEMU command 'human-monitor-command'",
      "{\"command-line\": \"info status\"}" },
};


static int
testBadReply(const void *data)
{
    const testBadReplyCase *c = data;
    testStep steps[] = { HANDSHAKE, EXPECT_ARGS(c->cmd, c->args), REPLY(c->reply), END };
    testServer *srv;
    testEvents ev;
    qemuMonitor *mon;
    int rc;
    int ret = -1;

    testEventsInit(&ev);
    if (!(mon = testQmpOpen(steps, &srv, &ev)))
        goto cleanup;
    if ((rc = c->func(mon)) == 0) {
        virTestDiag("the command succeeded");
        goto cleanup;
    }
    if (rc > 0) {
        virTestDiag("an out-parameter was set on failure");
        goto cleanup;
    }
    if (testQmpCheckError(VIR_ERR_INTERNAL_ERROR, c->message) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    qemuMonitorClose(mon);
    if (testServerFinish(srv) < 0)
        ret = -1;
    testEventsClear(&ev);
    return ret;
}


static int
mymain(void)
{
    size_t i;
    int ret = 0;

    if (virTestRun("commands: every command and its result", testCommands, NULL) < 0)
        ret = -1;
    if (virTestRun("commands: bad arbitrary commands", testArbitraryBad, NULL) < 0)
        ret = -1;
    if (virTestRun("commands: query-status run states", testStatus, NULL) < 0)
        ret = -1;
    for (i = 0; i < G_N_ELEMENTS(badReplyCases); i++) {
        g_autofree char *title = g_strdup_printf("replies: %s", badReplyCases[i].title);

        if (virTestRun(title, testBadReply, &badReplyCases[i]) < 0)
            ret = -1;
    }

    return ret;
}

VIR_TEST_MAIN(mymain)
