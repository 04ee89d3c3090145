/*
 * qemustubtest.c: the stub QEMU does what each of its names says
 *
 * Talks to the stub with plain socket code and json-glib, so that the
 * driver's fault-path tests can trust it.
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
#include "virerror.h"
#include "virfile.h"
#include "virprocess.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static char *stubDir;


/* A running stub and a connection to its monitor. */
typedef struct {
    char *dir;
    char *pidfile;
    char *sock;
    char *log;
    pid_t pid;
    int pidfd;
    int mon;
    GString *in;
} testStub;


static void
testStubFree(testStub *stub)
{
    if (!stub)
        return;
    if (stub->pid > 0) {
        kill(stub->pid, SIGKILL);
        waitpid(stub->pid, NULL, 0);
    }
    virForceClose(&stub->pidfd);
    virForceClose(&stub->mon);
    g_free(stub->dir);
    g_free(stub->pidfile);
    g_free(stub->sock);
    g_free(stub->log);
    if (stub->in)
        g_string_free(stub->in, TRUE);
    g_free(stub);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(testStub, testStubFree);


/*
 * Starts the stub under @name with the options the driver uses for a
 * domain; with @extra, replaces those after the emulator name.
 */
static testStub *
testStubStart(const char *name, const char *const *extra)
{
    g_autoptr(testStub) stub = g_new0(testStub, 1);
    g_autofree char *binary = g_build_filename(stubDir, name, NULL);
    g_autofree char *chardev = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func(g_free);
    unsigned long long start;
    VIR_AUTOCLOSE logfd = -1;
    virProcessSpawnOpts opts = { .cwd = NULL, .umask = 077, .logfd = -1 };

    stub->pidfd = -1;
    stub->mon = -1;
    stub->in = g_string_new(NULL);
    stub->dir = virTestMakeTempDir("qemustubtest");
    stub->pidfile = g_build_filename(stub->dir, "demo.pid", NULL);
    stub->sock = g_build_filename(stub->dir, "monitor.sock", NULL);
    stub->log = g_build_filename(stub->dir, "demo.log", NULL);
    chardev = g_strdup_printf("socket,id=charmonitor,path=%s,server=on,wait=off",
                              stub->sock);

    g_ptr_array_add(argv, binary);
    if (extra) {
        /* @DIR@ in an argument stands for the stub's directory. */
        for (size_t i = 0; extra[i]; i++) {
            g_auto(GStrv) parts = g_strsplit(extra[i], "@DIR@", -1);
            char *arg = g_strjoinv(stub->dir, parts);

            g_ptr_array_add(owned, arg);
            g_ptr_array_add(argv, arg);
        }
    } else {
        const char *const args[] = {
            "-name", "guest=demo,debug-threads=on", "-S",
            "-machine", "pc-i440fx-7.2,usb=off", "-m", "128",
            "-chardev", chardev,
            "-mon", "chardev=charmonitor,id=monitor,mode=control",
            "-pidfile", stub->pidfile,
            "-display", "none", "-no-user-config", "-nodefaults",
        };

        for (size_t i = 0; i < G_N_ELEMENTS(args); i++)
            g_ptr_array_add(argv, (char *)args[i]);
    }
    g_ptr_array_add(argv, NULL);

    if ((logfd = open(stub->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                      0600)) < 0)
        return NULL;
    opts.logfd = logfd;
    if (virProcessSpawn((const char *const *)argv->pdata, NULL, &opts,
                        &stub->pid) < 0)
        return NULL;
    if (virProcessGetStartTime(stub->pid, &start) < 0 ||
        virProcessOpenPidfd(stub->pid, start, &stub->pidfd) != 1)
        return NULL;
    return g_steal_pointer(&stub);
}


/* Connects to @path, retrying while the stub is still starting. */
static int
testConnect(const char *path, int timeoutMs)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    gint64 deadline = g_get_monotonic_time() + timeoutMs * 1000LL;

    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    do {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            return fd;
        close(fd);
        g_usleep(5 * 1000);
    } while (g_get_monotonic_time() < deadline);
    virTestDiag("cannot connect to %s", path);
    return -1;
}


static int
testStubConnect(testStub *stub)
{
    return (stub->mon = testConnect(stub->sock, 5000)) < 0 ? -1 : 0;
}


/*
 * The next message from the monitor, or NULL on end of file or after
 * @timeoutMs without one.
 */
static JsonNode *
testRead(int fd, GString *in, int timeoutMs)
{
    gint64 deadline = g_get_monotonic_time() + timeoutMs * 1000LL;

    for (;;) {
        char *eol = strstr(in->str, "\r\n");
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        gint64 left;
        char buf[4096];
        ssize_t n;

        if (eol) {
            g_autoptr(JsonParser) parser = json_parser_new();
            g_autofree char *line = g_strndup(in->str, eol - in->str);

            g_string_erase(in, 0, eol - in->str + 2);
            if (!json_parser_load_from_data(parser, line, -1, NULL)) {
                virTestDiag("not JSON: %s", line);
                return NULL;
            }
            return json_node_copy(json_parser_get_root(parser));
        }
        left = deadline - g_get_monotonic_time();
        if (left <= 0 || poll(&pfd, 1, (left + 999) / 1000) <= 0)
            return NULL;
        if ((n = read(fd, buf, sizeof(buf))) <= 0)
            return NULL;
        g_string_append_len(in, buf, n);
    }
}


static JsonNode *
testStubRead(testStub *stub)
{
    return testRead(stub->mon, stub->in, 5000);
}


static char *
testFormat(JsonNode *node)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();

    json_generator_set_root(gen, node);
    return json_generator_to_data(gen, NULL);
}


/*
 * Sends @cmd and compares, as compact JSON, the messages up to and
 * including the reply with @expect (one per line).  Timestamps of
 * events are dropped first: they change.
 */
static int
testStubExpect(testStub *stub, const char *cmd, const char *expect)
{
    g_autoptr(GString) got = g_string_new(NULL);
    g_autofree char *line = g_strdup_printf("%s\r\n", cmd);

    if (write(stub->mon, line, strlen(line)) != (ssize_t)strlen(line))
        return -1;
    for (;;) {
        g_autoptr(JsonNode) msg = testStubRead(stub);
        g_autofree char *text = NULL;
        JsonObject *obj;

        if (!msg || !JSON_NODE_HOLDS_OBJECT(msg)) {
            virTestDiag("no reply to %s after:\n%s", cmd, got->str);
            return -1;
        }
        obj = json_node_get_object(msg);
        if (json_object_has_member(obj, "event")) {
            JsonObject *ts = json_object_get_object_member(obj, "timestamp");

            if (!ts || json_object_get_int_member(ts, "seconds") <= 0)
                return -1;
            json_object_remove_member(obj, "timestamp");
        }
        text = testFormat(msg);
        g_string_append_printf(got, "%s\n", text);
        if (json_object_has_member(obj, "return") ||
            json_object_has_member(obj, "error"))
            break;
    }
    return virTestCompareStrings(expect, got->str, cmd);
}


/* Reads the greeting and completes the handshake. */
static int
testStubHandshake(testStub *stub)
{
    g_autoptr(JsonNode) greeting = NULL;
    g_autofree char *text = NULL;

    if (testStubConnect(stub) < 0 || !(greeting = testStubRead(stub)))
        return -1;
    text = testFormat(greeting);
    if (virTestCompareStrings("{\"QMP\":{\"version\":{\"qemu\":{\"micro\":0,"
                              "\"minor\":2,\"major\":7},\"package\":\"qemu-stub\"},"
                              "\"capabilities\":[\"oob\"]}}", text, "greeting") < 0)
        return -1;
    return testStubExpect(stub, "{\"execute\":\"qmp_capabilities\"}",
                          "{\"return\":{}}\n");
}


/* Waits up to @timeoutMs for the stub to exit; reaps it. */
static int
testStubWaitExit(testStub *stub, int timeoutMs, int *retStatus)
{
    int rc = virProcessPidfdWait(stub->pidfd, stub->pid, timeoutMs, retStatus);

    if (rc == 1)
        stub->pid = -1;
    return rc;
}


static int
testStubSignal(testStub *stub, int sig)
{
    return virProcessPidfdSendSignal(stub->pidfd, sig) < 0 ? -1 : 0;
}


static bool
testLogHas(testStub *stub, const char *text)
{
    g_autofree char *log = NULL;

    if (virFileReadAll(stub->log, 65536, &log) < 0)
        return false;
    if (!strstr(log, text)) {
        virTestDiag("log lacks '%s':\n%s", text, log);
        return false;
    }
    return true;
}


/* The message QEMU prints when it gets @sig from this process. */
static char *
testTermMessage(int sig)
{
    g_autofree char *cmdline = NULL;

    if (!g_file_get_contents("/proc/self/cmdline", &cmdline, NULL, NULL))
        return NULL;
    return g_strdup_printf("qemu-system-x86_64: terminating on signal %d from pid %lld (%s)\n",
                           sig, (long long)getpid(), cmdline);
}


static int
testNormalSession(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub", NULL);
    g_autoptr(JsonNode) greeting = NULL;
    g_autofree char *pidText = NULL;
    g_autofree char *expectPid = NULL;
    int status = -1;

    if (!stub || testStubConnect(stub) < 0 || !(greeting = testStubRead(stub)))
        return -1;

    if (testStubExpect(stub, "{\"execute\":\"query-status\"}",
                       "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                       "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"qmp_capabilities\",\"id\":\"libvirt-1\"}",
                       "{\"return\":{},\"id\":\"libvirt-1\"}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"qmp_capabilities\"}",
                       "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                       "\"Capabilities negotiation is already complete, command ignored\"}}\n") < 0)
        return -1;

    if (testStubExpect(stub, "{\"execute\":\"query-status\",\"id\":{\"n\":[1]}}",
                       "{\"return\":{\"status\":\"prelaunch\",\"singlestep\":false,"
                       "\"running\":false},\"id\":{\"n\":[1]}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"query-name\"}",
                       "{\"return\":{\"name\":\"demo\"}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"query-version\"}",
                       "{\"return\":{\"qemu\":{\"micro\":0,\"minor\":2,\"major\":7},"
                       "\"package\":\"qemu-stub\"}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"query-kvm\"}",
                       "{\"return\":{\"enabled\":false,\"present\":false}}\n") < 0)
        return -1;

    if (testStubExpect(stub, "{\"execute\":\"no-such-command\",\"id\":7}",
                       "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                       "\"The command no-such-command has not been found\"},\"id\":7}\n") < 0 ||
        testStubExpect(stub, "[1]",
                       "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                       "\"QMP input must be a JSON object\"}}\n") < 0 ||
        testStubExpect(stub, "{\"foo\":1}",
                       "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                       "\"QMP input member 'foo' is unexpected\"}}\n") < 0 ||
        testStubExpect(stub, "{}",
                       "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                       "\"QMP input lacks member 'execute'\"}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":1}",
                       "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                       "\"QMP input member 'execute' must be a string\"}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"cont\",\"arguments\":[]}",
                       "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                       "\"QMP input member 'arguments' must be an object\"}}\n") < 0)
        return -1;

    /* Events come before the reply, as QEMU sends them. */
    if (testStubExpect(stub, "{\"execute\":\"cont\"}",
                       "{\"event\":\"RESUME\"}\n{\"return\":{}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"cont\"}", "{\"return\":{}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"query-status\"}",
                       "{\"return\":{\"status\":\"running\",\"singlestep\":false,"
                       "\"running\":true}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"stop\"}",
                       "{\"event\":\"STOP\"}\n{\"return\":{}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"query-status\"}",
                       "{\"return\":{\"status\":\"paused\",\"singlestep\":false,"
                       "\"running\":false}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                       "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n") < 0)
        return -1;

    /* Two commands in one write, split JSON across writes. */
    if (testStubExpect(stub, "{\"execute\":\"cont\"}{\"execute\":\"stop\"}",
                       "{\"event\":\"RESUME\"}\n{\"return\":{}}\n") < 0 ||
        testStubExpect(stub, "", "{\"event\":\"STOP\"}\n{\"return\":{}}\n") < 0)
        return -1;

    if (virFileReadAll(stub->pidfile, 64, &pidText) < 0)
        return -1;
    expectPid = g_strdup_printf("%lld\n", (long long)stub->pid);
    if (virTestCompareStrings(expectPid, pidText, "pid file") < 0)
        return -1;

    if (testStubExpect(stub, "{\"execute\":\"quit\"}",
                       "{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":false,"
                       "\"reason\":\"host-qmp-quit\"}}\n{\"return\":{}}\n") < 0)
        return -1;
    if (testStubWaitExit(stub, 5000, &status) != 1 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    /* QEMU removes its pid file and monitor socket on the way out. */
    if (virFileExists(stub->pidfile) || virFileExists(stub->sock))
        return -1;
    return 0;
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

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    if (write(stub->mon, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
        return -1;
    if (!(reply = testStubRead(stub)))
        return -1;
    machines = testFormat(reply);
    g_clear_pointer(&reply, json_node_unref);
    if (!(reply = testStubRead(stub)))
        return -1;
    types = testFormat(reply);

    /* Entries exactly as QEMU 7.2 lists them. */
    if (!strstr(machines,
                "{\"hotpluggable-cpus\":true,\"name\":\"pc-i440fx-7.2\","
                "\"numa-mem-supported\":false,\"default-cpu-type\":\"qemu64-x86_64-cpu\","
                "\"is-default\":true,\"cpu-max\":255,\"deprecated\":false,"
                "\"default-ram-id\":\"pc.ram\",\"alias\":\"pc\"}") ||
        !strstr(machines,
                "{\"hotpluggable-cpus\":true,\"name\":\"pc-q35-7.2\","
                "\"numa-mem-supported\":false,\"default-cpu-type\":\"qemu64-x86_64-cpu\","
                "\"cpu-max\":288,\"deprecated\":false,"
                "\"default-ram-id\":\"pc.ram\",\"alias\":\"q35\"}") ||
        g_strstr_len(machines, -1, "\"is-default\"") !=
        g_strrstr(machines, "\"is-default\"")) {
        virTestDiag("machines: %s", machines);
        return -1;
    }
    if (!strstr(types, "{\"name\":\"virtio-blk-pci\",\"parent\":\"virtio-blk-pci-base\"}") ||
        !strstr(types, "{\"name\":\"pc-i440fx-7.2-machine\",\"parent\":\"generic-pc-machine\"}")) {
        virTestDiag("types: %s", types);
        return -1;
    }
    return 0;
}


static int
testSigterm(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub", NULL);
    g_autoptr(JsonNode) event = NULL;
    g_autofree char *text = NULL;
    g_autofree char *message = testTermMessage(SIGTERM);
    gint64 start;
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    start = g_get_monotonic_time();
    if (testStubSignal(stub, SIGTERM) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    if (g_get_monotonic_time() - start > 1000 * 1000 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    if (!(event = testStubRead(stub)))
        return -1;
    json_object_remove_member(json_node_get_object(event), "timestamp");
    text = testFormat(event);
    if (virTestCompareStrings("{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":false,"
                              "\"reason\":\"host-signal\"}}", text, "event") < 0)
        return -1;
    if (!message || !testLogHas(stub, message))
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
}


static int
testIgnoreTerm(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-ignore-term", NULL);
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    if (testStubSignal(stub, SIGTERM) < 0 || testStubSignal(stub, SIGINT) < 0 ||
        testStubWaitExit(stub, 300, NULL) != 0)
        return -1;
    /* Still serving. */
    if (testStubExpect(stub, "{\"execute\":\"query-status\"}",
                       "{\"return\":{\"status\":\"prelaunch\",\"singlestep\":false,"
                       "\"running\":false}}\n") < 0)
        return -1;
    if (testStubSignal(stub, SIGKILL) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -1;
}


static int
testTermDelay(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-term-delay-300", NULL);
    g_autofree char *message = testTermMessage(SIGTERM);
    gint64 start;
    gint64 elapsed;
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    start = g_get_monotonic_time();
    if (testStubSignal(stub, SIGTERM) < 0)
        return -1;
    /* A second SIGTERM does not postpone the exit. */
    g_usleep(100 * 1000);
    if (testStubSignal(stub, SIGTERM) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    elapsed = g_get_monotonic_time() - start;
    if (elapsed < 300 * 1000 || elapsed > 390 * 1000 + 1000 * 1000) {
        virTestDiag("exited %lld us after SIGTERM", (long long)elapsed);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return message && testLogHas(stub, message) ? 0 : -1;
}


static int
testDieInHandshake(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-die-in-handshake", NULL);
    g_autoptr(JsonNode) greeting = NULL;
    g_autoptr(JsonNode) after = NULL;
    int status = -1;

    if (!stub || testStubConnect(stub) < 0)
        return -1;
    if (!(greeting = testStubRead(stub)) ||
        !json_object_has_member(json_node_get_object(greeting), "QMP"))
        return -1;
    /* Then end of file, and an exit status of 1. */
    if ((after = testStubRead(stub)))
        return -1;
    if (testStubWaitExit(stub, 5000, &status) != 1 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 1)
        return -1;
    if (!testLogHas(stub, "qemu-system-x86_64: qemu-stub: exiting during "
                    "the QMP handshake\n"))
        return -1;
    return 0;
}


static int
testCloseInHandshake(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-close-in-handshake", NULL);
    g_autoptr(JsonNode) greeting = NULL;
    g_autoptr(JsonNode) after = NULL;
    gint64 closed;
    gint64 elapsed;
    int status = -1;

    if (!stub || testStubConnect(stub) < 0)
        return -1;
    if (!(greeting = testStubRead(stub)) ||
        !json_object_has_member(json_node_get_object(greeting), "QMP"))
        return -1;
    /* End of file first; the exit (status 1) 100 ms later. */
    if ((after = testStubRead(stub)))
        return -1;
    closed = g_get_monotonic_time();
    if (testStubWaitExit(stub, 5000, &status) != 1 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 1)
        return -1;
    elapsed = g_get_monotonic_time() - closed;
    if (elapsed < 50 * 1000) {
        virTestDiag("exited %lld us after closing its monitor", (long long)elapsed);
        return -1;
    }
    if (!testLogHas(stub, "qemu-system-x86_64: qemu-stub: closing the monitor "
                    "during the QMP handshake\n"))
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
}


static int
testSilent(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-silent", NULL);
    g_autoptr(JsonNode) nothing = NULL;
    const char *cmd = "{\"execute\":\"qmp_capabilities\"}\r\n";
    int status = -1;

    if (!stub || testStubConnect(stub) < 0)
        return -1;
    if (write(stub->mon, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
        return -1;
    if ((nothing = testRead(stub->mon, stub->in, 300)) || stub->in->len != 0)
        return -1;
    /* It takes SIGTERM normally. */
    if (testStubSignal(stub, SIGTERM) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}


static int
testExitAtOnce(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-exit-at-once", NULL);
    g_autofree char *log = NULL;
    int status = -1;

    if (!stub || testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
        return -1;
    if (virFileReadAll(stub->log, 4096, &log) < 0 ||
        virTestCompareStrings("qemu-system-x86_64: unsupported machine type\n"
                              "Use -machine help to list supported machines\n",
                              log, "log") < 0)
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
}


/* The stub's arguments for a domain, with or without -no-shutdown. */
#define TEST_ACPI_ARGS(...) \
    { "-name", "guest=demo,debug-threads=on", "-S", \
      "-chardev", "socket,id=charmonitor,path=@DIR@/monitor.sock,server=on,wait=off", \
      "-mon", "chardev=charmonitor,id=monitor,mode=control", \
      "-pidfile", "@DIR@/demo.pid", __VA_ARGS__ NULL }

/*
 * qemu-stub-acpi-guest with -no-shutdown: the guest powers off once
 * its CPUs run, and QEMU waits in run state 'shutdown'.
 */
static int
testAcpiGuestNoShutdown(const void *opaque G_GNUC_UNUSED)
{
    const char *const args[] = TEST_ACPI_ARGS("-no-shutdown",);
    g_autoptr(testStub) stub = testStubStart("qemu-stub-acpi-guest", args);
    g_autoptr(JsonNode) event = NULL;
    g_autofree char *text = NULL;
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    /* Paused guests do not act on the button until they run. */
    if (testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                       "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if ((event = testRead(stub->mon, stub->in, 200))) {
        virTestDiag("a paused guest acted on the power button");
        return -1;
    }
    if (testStubExpect(stub, "{\"execute\":\"cont\"}",
                       "{\"event\":\"RESUME\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if (!(event = testStubRead(stub)))
        return -1;
    json_object_remove_member(json_node_get_object(event), "timestamp");
    text = testFormat(event);
    if (virTestCompareStrings("{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":true,"
                              "\"reason\":\"guest-shutdown\"}}", text, "event") < 0)
        return -1;
    g_clear_pointer(&event, json_node_unref);
    g_clear_pointer(&text, g_free);
    if (!(event = testStubRead(stub)))
        return -1;
    json_object_remove_member(json_node_get_object(event), "timestamp");
    text = testFormat(event);
    if (virTestCompareStrings("{\"event\":\"STOP\"}", text, "event") < 0)
        return -1;

    /* QEMU stays, powered off, until someone ends it or resets it. */
    if (testStubWaitExit(stub, 100, NULL) != 0)
        return -1;
    if (testStubExpect(stub, "{\"execute\":\"query-status\"}",
                       "{\"return\":{\"status\":\"shutdown\",\"singlestep\":false,"
                       "\"running\":false}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"cont\"}",
                       "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                       "\"Resetting the Virtual Machine is required\"}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                       "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if (testStubSignal(stub, SIGTERM) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1 ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
}


/* Without -no-shutdown, QEMU exits when the guest powers off. */
static int
testAcpiGuestExits(const void *opaque G_GNUC_UNUSED)
{
    const char *const args[] = TEST_ACPI_ARGS();
    g_autoptr(testStub) stub = testStubStart("qemu-stub-acpi-guest", args);
    g_autoptr(JsonNode) event = NULL;
    g_autofree char *text = NULL;
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    if (testStubExpect(stub, "{\"execute\":\"cont\"}",
                       "{\"event\":\"RESUME\"}\n{\"return\":{}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                       "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if (!(event = testStubRead(stub)))
        return -1;
    json_object_remove_member(json_node_get_object(event), "timestamp");
    text = testFormat(event);
    if (virTestCompareStrings("{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":true,"
                              "\"reason\":\"guest-shutdown\"}}", text, "event") < 0)
        return -1;
    if (testStubWaitExit(stub, 5000, &status) != 1 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
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

    daemon->pidfd = daemon->mon = -1;
    daemon->in = g_string_new(NULL);
    daemon->sock = g_strdup(qmp);

    if (!stub || testStubWaitExit(stub, 5000, &status) != 1 ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    /* Ready when the parent exits: no retrying needed. */
    if (virFileReadAll(pidfile, 64, &pidText) < 0)
        return -1;
    daemon->pid = g_ascii_strtoll(pidText, NULL, 10);
    if (daemon->pid <= 0 || daemon->pid == getpid() ||
        virProcessGetStartTime(daemon->pid, &start) < 0 ||
        virProcessOpenPidfd(daemon->pid, start, &daemon->pidfd) != 1)
        return -1;
    if ((daemon->mon = testConnect(qmp, 0)) < 0)
        return -1;
    if (testStubHandshake(daemon) < 0)
        return -1;
    if (testStubExpect(daemon, "{\"execute\":\"query-kvm\"}",
                       "{\"return\":{\"enabled\":false,\"present\":false}}\n") < 0 ||
        testStubExpect(daemon, "{\"execute\":\"quit\"}",
                       "{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":false,"
                       "\"reason\":\"host-qmp-quit\"}}\n{\"return\":{}}\n") < 0)
        return -1;
    if (testStubWaitExit(daemon, 5000, &status) != 1)
        return -1;
    /* Reparented to us, so reaped by the wait: its real exit status. */
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return virFileExists(pidfile) || virFileExists(qmp) ? -1 : 0;
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

    if (!stub || testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
        return -1;
    if (virFileReadAll(stub->log, 4096, &log) < 0)
        return -1;
    if (virTestCompareStrings(data->message, log, "log") < 0)
        return -1;
    /* Nothing left behind but the log. */
    if (!(dir = g_dir_open(stub->dir, 0, NULL)))
        return -1;
    while ((name = g_dir_read_name(dir))) {
        if (!g_str_equal(name, "demo.log")) {
            virTestDiag("left behind: %s", name);
            return -1;
        }
    }
    return 0;
}


static int
testNoChildLeft(const void *opaque G_GNUC_UNUSED)
{
    siginfo_t info;

    memset(&info, 0, sizeof(info));
    if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0 &&
        errno == ECHILD)
        return 0;
    virTestDiag("child %lld left behind", (long long)info.si_pid);
    return -1;
}


static int
testSetup(void)
{
    const char *names[] = {
        "qemu-stub", "qemu-stub-ignore-term", "qemu-stub-term-delay-300",
        "qemu-stub-die-in-handshake", "qemu-stub-silent",
        "qemu-stub-exit-at-once", "qemu-stub-acpi-guest",
        "qemu-stub-close-in-handshake",
    };
    g_autofree char *binary = g_build_filename(virTestBuildDir(), "qemustub",
                                               NULL);

    stubDir = virTestMakeTempDir("qemustub-bin");
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *link = g_build_filename(stubDir, names[i], NULL);

        if (symlink(binary, link) < 0) {
            virTestDiag("cannot link %s: %s", link, g_strerror(errno));
            return -1;
        }
    }
    return 0;
}


#define DO_TEST(title, body) \
    do { \
        if (virTestRun(title, body, NULL) < 0) \
            ret = -1; \
    } while (0)

#define DO_TEST_FAIL(title, msg, ...) \
    do { \
        static const testStartFailData d = { { __VA_ARGS__ }, msg }; \
        if (virTestRun("start fails: " title, testStartFail, &d) < 0) \
            ret = -1; \
    } while (0)

#define LONG_NAME \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

static int
mymain(void)
{
    int ret = 0;

    if (testSetup() < 0)
        return -1;

    DO_TEST("qemu-stub speaks QMP and quits", testNormalSession);
    DO_TEST("qemu-stub lists machines and types", testProbeLists);
    DO_TEST("qemu-stub ends on SIGTERM like QEMU", testSigterm);
    DO_TEST("qemu-stub-ignore-term only dies by SIGKILL", testIgnoreTerm);
    DO_TEST("qemu-stub-term-delay-300 exits 300 ms after SIGTERM",
            testTermDelay);
    DO_TEST("qemu-stub-die-in-handshake exits after the greeting",
            testDieInHandshake);
    DO_TEST("qemu-stub-close-in-handshake closes its monitor, then exits",
            testCloseInHandshake);
    DO_TEST("qemu-stub-silent never answers", testSilent);
    DO_TEST("qemu-stub-exit-at-once fails like a bad machine type",
            testExitAtOnce);
    DO_TEST("qemu-stub-acpi-guest powers off and waits with -no-shutdown",
            testAcpiGuestNoShutdown);
    DO_TEST("qemu-stub-acpi-guest powers off and exits without -no-shutdown",
            testAcpiGuestExits);
    DO_TEST("qemu-stub probed with -qmp and -daemonize", testProbeDaemon);
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
    DO_TEST("no child left behind", testNoChildLeft);

    g_free(stubDir);
    return ret;
}

VIR_TEST_MAIN(mymain)
