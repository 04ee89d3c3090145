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
    testServer *srv = NULL;
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
    TEST_ASSERT_NONNULL(mon = testQmpOpen(commandSteps, &srv, &ev));

    TEST_ASSERT_OK(qemuMonitorStartCPUs(mon));
    TEST_ASSERT_OK(qemuMonitorStopCPUs(mon));
    TEST_ASSERT_OK(qemuMonitorSystemPowerdown(mon, 0));
    TEST_ASSERT_OK(qemuMonitorSystemReset(mon));

    TEST_ASSERT_OK(qemuMonitorGetKVMState(mon, &enabled, &present));
    TEST_ASSERT(!enabled);
    TEST_ASSERT(present);

    TEST_ASSERT_OK(qemuMonitorGetTargetArch(mon, &arch));
    TEST_ASSERT_EQ_STR(arch, "x86_64");

    TEST_ASSERT_OK(qemuMonitorGetObjectTypes(mon, &types));
    TEST_ASSERT_EQ_INT(g_strv_length(types), 3);
    TEST_ASSERT_EQ_STR(types[0], "pc-i440fx-7.2-machine");
    TEST_ASSERT_EQ_STR(types[1], "virtio-blk-pci");
    TEST_ASSERT_EQ_STR(types[2], "object");

    TEST_ASSERT_OK(qemuMonitorHumanCommand(mon, "info version", &human));
    TEST_ASSERT_EQ_STR(human, "7.2.22Debian 1:7.2+dfsg-7+deb12u18+b3\r\n");

    TEST_ASSERT_OK(qemuMonitorGetVersion(mon, &major, &minor, &micro, &package));
    TEST_ASSERT_EQ_INT(major, 7);
    TEST_ASSERT_EQ_INT(minor, 2);
    TEST_ASSERT_EQ_INT(micro, 22);
    TEST_ASSERT_EQ_STR(package, "Debian 1:7.2+dfsg-7+deb12u18+b3");

    TEST_ASSERT_OK(qemuMonitorGetMachines(mon, &machines, &nmachines));
    TEST_ASSERT_EQ_INT(nmachines, 3);
    TEST_ASSERT_EQ_STR(machines[0].name, "pc-i440fx-7.2");
    TEST_ASSERT_EQ_STR(machines[0].alias, "pc");
    TEST_ASSERT(machines[0].isDefault);
    TEST_ASSERT_EQ_INT(machines[0].maxCpus, 255);
    TEST_ASSERT(!machines[0].deprecated);
    TEST_ASSERT_EQ_STR(machines[1].name, "pc-i440fx-2.0");
    TEST_ASSERT_EQ_STR(machines[1].alias, NULL);
    TEST_ASSERT(!machines[1].isDefault);
    TEST_ASSERT(machines[1].deprecated);
    TEST_ASSERT_EQ_STR(machines[2].name, "none");
    TEST_ASSERT_EQ_INT(machines[2].maxCpus, 1);

    /* The caller's id comes back; ours does not leak out. */
    TEST_ASSERT_OK(qemuMonitorArbitraryCommand(mon, "{\"execute\": \"query-pci\", "
                                                    "\"arguments\": {\"x\": [1, \"two\"]}, "
                                                    "\"id\": 99}",
                                               &pci));
    TEST_ASSERT_EQ_STR(pci, "{\"return\":[{\"bus\":0}],\"id\":99}");
    /* An error reply is a reply. */
    TEST_ASSERT_OK(qemuMonitorArbitraryCommand(mon, "{\"execute\": \"query-chardev\"}",
                                               &chardev));
    TEST_ASSERT_EQ_STR(chardev, "{\"error\":{\"class\":\"GenericError\",\"desc\":\"nope\"}}");

    TEST_ASSERT_OK(qemuMonitorQuit(mon));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    TEST_ASSERT_OK(testEventsWait(&ev, ""));
    ret = 0;

 cleanup:
    qemuMonitorMachineInfoListFree(machines, nmachines);
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    return ret;
}


static int
testArbitraryBad(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = { HANDSHAKE, END };
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    g_autoptr(qemuMonitorMessage) msg = NULL;
    g_autofree char *brackets = g_strnfill(QEMU_MONITOR_MAX_NESTING, '[');
    g_autofree char *deep = g_strdup_printf("{\"execute\": \"cont\", \"arguments\": %s", brackets);
    char *reply = NULL;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    TEST_ASSERT_NE_INT(qemuMonitorArbitraryCommand(mon, "{\"execute\": ", &reply), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_INTERNAL_ERROR,
                                     "internal error: cannot parse json {\"execute\": : *"));
    TEST_ASSERT_NE_INT(qemuMonitorArbitraryCommand(mon, "{\"exec\": \"cont\"}", &reply), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_INVALID_ARG,
                                     "invalid argument: QEMU monitor command {\"exec\": "
                                     "\"cont\"} is not an object with an 'execute' string"));
    TEST_ASSERT_NE_INT(qemuMonitorArbitraryCommand(mon, deep, &reply), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_INTERNAL_ERROR, "*nested too deeply"));
    TEST_ASSERT_NE_INT(qemuMonitorHumanCommand(mon, NULL, &reply), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_INVALID_ARG, NULL));
    TEST_ASSERT_NE_INT(qemuMonitorSend(mon, "cont", "x", "{}", 0, 0x80, &msg), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_INVALID_ARG,
                                     "unsupported flags (0x80) in function qemuMonitorSend"));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
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
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    size_t i, n = 0;
    int ret = -1;

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
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    for (i = 0; i < G_N_ELEMENTS(statusCases); i++) {
        bool running = !statusCases[i].running;
        virDomainPausedReason reason = VIR_DOMAIN_PAUSED_LAST;

        TEST_ASSERT_OK(qemuMonitorGetStatus(mon, &running, &reason));
        TEST_ASSERT_MSG(running == statusCases[i].running &&
                        reason == statusCases[i].reason,
                        "status '%s': running %d reason %d, expected %d %d",
                        statusCases[i].status, running, reason,
                        statusCases[i].running, statusCases[i].reason);
    }
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    TEST_ASSERT_EQ_INT(qemuMonitorVMStatusToPausedReason(NULL), VIR_DOMAIN_PAUSED_UNKNOWN);
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
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
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    int rc;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    rc = c->func(mon);
    TEST_ASSERT_MSG(rc != 0, "the command succeeded");
    TEST_ASSERT_MSG(rc < 0, "an out-parameter was set on failure");
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_INTERNAL_ERROR, c->message));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
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
