/*
 * qemustubtest.c: the stub QEMU behaves like QEMU where the driver looks
 *
 * The plain qemu-stub: a QMP session that ends in quit, the probe
 * lists, SIGTERM answered as QEMU answers it, probing with -qmp and
 * -daemonize, and the options it refuses with QEMU's messages.  Talks
 * to it with plain socket code and json-glib (testutilsstub.h), so
 * that the driver's fault-path tests can trust it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsproc.h"
#include "testutilsstub.h"
#include "virerror.h"
#include "virfile.h"
#include "virprocess.h"

#define VIR_FROM_THIS VIR_FROM_NONE


static int
testNormalSession(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub", NULL);
    g_autoptr(JsonNode) greeting = NULL;
    g_autofree char *pidText = NULL;
    g_autofree char *expectPid = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubConnect(stub));
    TEST_ASSERT_NONNULL(greeting = testStubRead(stub));

    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-status\"}",
                                  "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                                  "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"qmp_capabilities\",\"id\":\"libvirt-1\"}",
                                  "{\"return\":{},\"id\":\"libvirt-1\"}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"qmp_capabilities\"}",
                                  "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                                  "\"Capabilities negotiation is already complete, command ignored\"}}\n"));

    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-status\",\"id\":{\"n\":[1]}}",
                                  "{\"return\":{\"status\":\"prelaunch\",\"singlestep\":false,"
                                  "\"running\":false},\"id\":{\"n\":[1]}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-name\"}",
                                  "{\"return\":{\"name\":\"demo\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-version\"}",
                                  "{\"return\":{\"qemu\":{\"micro\":0,\"minor\":2,\"major\":7},"
                                  "\"package\":\"qemu-stub\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-kvm\"}",
                                  "{\"return\":{\"enabled\":false,\"present\":false}}\n"));

    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"no-such-command\",\"id\":7}",
                                  "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                                  "\"The command no-such-command has not been found\"},\"id\":7}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "[1]",
                                  "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                                  "\"QMP input must be a JSON object\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"foo\":1}",
                                  "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                                  "\"QMP input member 'foo' is unexpected\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{}",
                                  "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                                  "\"QMP input lacks member 'execute'\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":1}",
                                  "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                                  "\"QMP input member 'execute' must be a string\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"cont\",\"arguments\":[]}",
                                  "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                                  "\"QMP input member 'arguments' must be an object\"}}\n"));

    /* Events come before the reply, as QEMU sends them. */
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"cont\"}",
                                  "{\"event\":\"RESUME\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"cont\"}", "{\"return\":{}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-status\"}",
                                  "{\"return\":{\"status\":\"running\",\"singlestep\":false,"
                                  "\"running\":true}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"stop\"}",
                                  "{\"event\":\"STOP\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-status\"}",
                                  "{\"return\":{\"status\":\"paused\",\"singlestep\":false,"
                                  "\"running\":false}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                                  "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n"));

    /* Two commands in one write, split JSON across writes. */
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"cont\"}{\"execute\":\"stop\"}",
                                  "{\"event\":\"RESUME\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "", "{\"event\":\"STOP\"}\n{\"return\":{}}\n"));

    TEST_ASSERT_OK(virFileReadAll(stub->pidfile, 64, &pidText));
    expectPid = g_strdup_printf("%lld\n", (long long)stub->pid);
    TEST_ASSERT_EQ_STR(pidText, expectPid);

    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"quit\"}",
                                  "{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":false,"
                                  "\"reason\":\"host-qmp-quit\"}}\n{\"return\":{}}\n"));
    /* QEMU removes its pid file and monitor socket on the way out. */
    TEST_ASSERT_OK(testStubExitsClean(stub));
    ret = 0;

 cleanup:
    return ret;
}


static int
testProbeLists(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub", NULL);
    g_autoptr(JsonNode) reply = NULL;
    g_autofree char *machines = NULL;
    g_autofree char *types = NULL;
    const char *cmd = "{\"execute\":\"query-machines\"}\r\n"
                      "{\"execute\":\"qom-list-types\"}\r\n";
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubHandshake(stub));
    TEST_ASSERT_EQ_INT(write(stub->mon, cmd, strlen(cmd)), strlen(cmd));
    TEST_ASSERT_NONNULL(reply = testStubRead(stub));
    machines = testStubFormat(reply);
    g_clear_pointer(&reply, json_node_unref);
    TEST_ASSERT_NONNULL(reply = testStubRead(stub));
    types = testStubFormat(reply);

    /* Entries exactly as QEMU 7.2 lists them. */
    TEST_ASSERT_STR_CONTAINS(machines,
                             "{\"hotpluggable-cpus\":true,\"name\":\"pc-i440fx-7.2\","
                             "\"numa-mem-supported\":false,\"default-cpu-type\":\"qemu64-x86_64-cpu\","
                             "\"is-default\":true,\"cpu-max\":255,\"deprecated\":false,"
                             "\"default-ram-id\":\"pc.ram\",\"alias\":\"pc\"}");
    TEST_ASSERT_STR_CONTAINS(machines,
                             "{\"hotpluggable-cpus\":true,\"name\":\"pc-q35-7.2\","
                             "\"numa-mem-supported\":false,\"default-cpu-type\":\"qemu64-x86_64-cpu\","
                             "\"cpu-max\":288,\"deprecated\":false,"
                             "\"default-ram-id\":\"pc.ram\",\"alias\":\"q35\"}");
    /* One default machine only. */
    TEST_ASSERT_MSG(g_strstr_len(machines, -1, "\"is-default\"") ==
                    g_strrstr(machines, "\"is-default\""),
                    "two machines are the default: %s", machines);
    TEST_ASSERT_STR_CONTAINS(types, "{\"name\":\"virtio-blk-pci\",\"parent\":\"virtio-blk-pci-base\"}");
    TEST_ASSERT_STR_CONTAINS(types, "{\"name\":\"pc-i440fx-7.2-machine\",\"parent\":\"generic-pc-machine\"}");
    ret = 0;

 cleanup:
    return ret;
}


static int
testSigterm(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub", NULL);
    g_autofree char *text = NULL;
    g_autofree char *message = testStubTermMessage(SIGTERM);
    gint64 start;
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubHandshake(stub));
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(testStubSignal(stub, SIGTERM));
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_CMP_INT(g_get_monotonic_time() - start, <=, 1000 * 1000);
    TEST_ASSERT_EXITED(status, 0);
    TEST_ASSERT_NONNULL(text = testStubReadEvent(stub));
    TEST_ASSERT_EQ_STR(text, "{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":false,"
                             "\"reason\":\"host-signal\"}}");
    TEST_ASSERT_NONNULL(message);
    TEST_ASSERT(testStubLogHas(stub, message));
    TEST_ASSERT(testStubFilesGone(stub));
    ret = 0;

 cleanup:
    return ret;
}


/*
 * Capability probing: -qmp instead of -chardev/-mon, and -daemonize:
 * the started process exits once the daemon listens.  The daemon is
 * reparented to us (a subreaper), and we reap it.
 */
static int
testProbeDaemon(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("qemustubtest");
    g_autofree char *qmp = g_build_filename(dir, "qmp.monitor", NULL);
    g_autofree char *pidfile = g_build_filename(dir, "qmp.pid", NULL);
    g_autofree char *qmpArg = g_strdup_printf("unix:%s,server=on,wait=off", qmp);
    const char *const args[] = {
        "-S", "-no-user-config", "-nodefaults", "-nographic",
        "-machine", "none,accel=kvm:tcg", "-qmp", qmpArg,
        "-pidfile", pidfile, "-daemonize", NULL,
    };
    g_autoptr(testStub) stub = testStubStart("qemu-stub", args);
    g_autoptr(testStub) daemon = g_new0(testStub, 1);
    g_autofree char *pidText = NULL;
    unsigned long long start;
    int status = -1;
    int ret = -1;

    daemon->pidfd = daemon->mon = -1;
    daemon->in = g_string_new(NULL);
    daemon->sock = g_strdup(qmp);

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_EXITED(status, 0);
    /* Ready when the parent exits: no retrying needed. */
    TEST_ASSERT_OK(virFileReadAll(pidfile, 64, &pidText));
    daemon->pid = g_ascii_strtoll(pidText, NULL, 10);
    TEST_ASSERT_CMP_INT(daemon->pid, >, 0);
    TEST_ASSERT_NE_INT(daemon->pid, getpid());
    TEST_ASSERT_OK(virProcessGetStartTime(daemon->pid, &start));
    TEST_ASSERT_EQ_INT(virProcessOpenPidfd(daemon->pid, start, &daemon->pidfd), 1);
    TEST_ASSERT_OK(daemon->mon = testStubConnectPath(qmp, 0));
    TEST_ASSERT_OK(testStubHandshake(daemon));
    TEST_ASSERT_OK(testStubExpect(daemon, "{\"execute\":\"query-kvm\"}",
                                  "{\"return\":{\"enabled\":false,\"present\":false}}\n"));
    TEST_ASSERT_OK(testStubExpect(daemon, "{\"execute\":\"quit\"}",
                                  "{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":false,"
                                  "\"reason\":\"host-qmp-quit\"}}\n{\"return\":{}}\n"));
    TEST_ASSERT_EQ_INT(testStubWaitExit(daemon, 5000, &status), 1);
    /* Reparented to us, so reaped by the wait: its real exit status. */
    TEST_ASSERT_EXITED(status, 0);
    TEST_ASSERT(!virFileExists(pidfile));
    TEST_ASSERT(!virFileExists(qmp));
    ret = 0;

 cleanup:
    return ret;
}


typedef struct {
    const char *args[8];
    const char *message;
} testStartFailData;

/* Start-up errors, worded as QEMU words them; exit status 1. */
static int
testStartFail(const void *opaque)
{
    const testStartFailData *data = opaque;
    g_autoptr(testStub) stub = testStubStart("qemu-stub", data->args);
    g_autofree char *log = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *name;
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_EXITED(status, 1);
    TEST_ASSERT_OK(virFileReadAll(stub->log, 4096, &log));
    TEST_ASSERT_EQ_STR(log, data->message);
    /* Nothing left behind but the log. */
    TEST_ASSERT_NONNULL(dir = g_dir_open(stub->dir, 0, NULL));
    while ((name = g_dir_read_name(dir)))
        TEST_ASSERT_EQ_STR(name, "demo.log");
    ret = 0;

 cleanup:
    return ret;
}


#define DO_TEST_FAIL(title, msg, ...) \
    do { \
        static const testStartFailData d = { { __VA_ARGS__ }, msg }; \
        ret |= virTestRun("start fails: " title, testStartFail, &d); \
    } while (0)

#define LONG_NAME \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

static int
mymain(void)
{
    int ret = 0;

    if (testStubSetup() < 0)
        return -1;

    ret |= virTestRun("qemu-stub speaks QMP and quits", testNormalSession, NULL);
    ret |= virTestRun("qemu-stub lists machines and types", testProbeLists, NULL);
    ret |= virTestRun("qemu-stub ends on SIGTERM like QEMU", testSigterm, NULL);
    ret |= virTestRun("qemu-stub probed with -qmp and -daemonize", testProbeDaemon, NULL);
    DO_TEST_FAIL("option without its argument",
                 "qemu-system-x86_64: -pidfile: requires an argument\n",
                 "-S", "-pidfile");
    DO_TEST_FAIL("pid file cannot be created",
                 "qemu-system-x86_64: cannot create PID file: Could not create "
                 "'/nonexistent-dir/demo.pid': No such file or directory\n",
                 "-pidfile", "/nonexistent-dir/demo.pid");
    DO_TEST_FAIL("monitor socket cannot be bound",
                 "qemu-system-x86_64: -chardev socket,id=charmonitor,"
                 "path=/nonexistent-dir/m.sock,server=on,wait=off: Failed to bind "
                 "socket to /nonexistent-dir/m.sock: No such file or directory\n",
                 "-pidfile", "@DIR@/demo.pid",
                 "-mon", "chardev=charmonitor,id=monitor,mode=control",
                 "-chardev", "socket,id=charmonitor,path=/nonexistent-dir/m.sock,"
                 "server=on,wait=off");
    DO_TEST_FAIL("monitor without its chardev",
                 "qemu-system-x86_64: -mon chardev=nope,mode=control: chardev "
                 "\"nope\" not found\n",
                 "-mon", "chardev=nope,mode=control");
    DO_TEST_FAIL("QMP over TCP",
                 "qemu-system-x86_64: -qmp tcp:localhost:4444,server=on,wait=off: "
                 "qemu-stub only listens on unix sockets\n",
                 "-qmp", "tcp:localhost:4444,server=on,wait=off");
    DO_TEST_FAIL("socket path too long",
                 "qemu-system-x86_64: -qmp unix:/tmp/" LONG_NAME ",server=on,wait=off: "
                 "UNIX socket path '/tmp/" LONG_NAME "' is too long\n",
                 "-qmp", "unix:/tmp/" LONG_NAME ",server=on,wait=off");
    ret |= virTestRun("no child left behind", testNoChildLeft, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
