/*
 * testutilsstub.c: driving the stub QEMU from a test (see
 * testutilsstub.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsstub.h"
#include "virerror.h"
#include "virfile.h"
#include "virprocesspriv.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static char *stubDir;


void
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


/*
 * Starts the stub under @name with the options the driver uses for a
 * domain; with @extra, replaces those after the emulator name.
 */
testStub *
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
    stub->dir = virTestMakeTempDir("qemustub-run");
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
int
testStubConnectPath(const char *path, int timeoutMs)
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


int
testStubConnect(testStub *stub)
{
    return (stub->mon = testStubConnectPath(stub->sock, 5000)) < 0 ? -1 : 0;
}


/*
 * The next message from the monitor, or NULL on end of file or after
 * @timeoutMs without one.
 */
JsonNode *
testStubReadWithin(testStub *stub, int timeoutMs)
{
    int fd = stub->mon;
    GString *in = stub->in;
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


JsonNode *
testStubRead(testStub *stub)
{
    return testStubReadWithin(stub, 5000);
}


char *
testStubFormat(JsonNode *node)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();

    json_generator_set_root(gen, node);
    return json_generator_to_data(gen, NULL);
}


char *
testStubReadEvent(testStub *stub)
{
    g_autoptr(JsonNode) msg = testStubRead(stub);

    if (!msg)
        return NULL;
    if (JSON_NODE_HOLDS_OBJECT(msg))
        json_object_remove_member(json_node_get_object(msg), "timestamp");
    return testStubFormat(msg);
}

/*
 * Sends @cmd and compares, as compact JSON, the messages up to and
 * including the reply with @expect (one per line).  Timestamps of
 * events are dropped first: they change.
 */
int
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
        text = testStubFormat(msg);
        g_string_append_printf(got, "%s\n", text);
        if (json_object_has_member(obj, "return") ||
            json_object_has_member(obj, "error"))
            break;
    }
    return virTestCompareStrings(expect, got->str, cmd);
}


/* Reads the greeting and completes the handshake. */
int
testStubHandshake(testStub *stub)
{
    g_autoptr(JsonNode) greeting = NULL;
    g_autofree char *text = NULL;

    if (testStubConnect(stub) < 0 || !(greeting = testStubRead(stub)))
        return -1;
    text = testStubFormat(greeting);
    if (virTestCompareStrings("{\"QMP\":{\"version\":{\"qemu\":{\"micro\":0,"
                              "\"minor\":2,\"major\":7},\"package\":\"qemu-stub\"},"
                              "\"capabilities\":[\"oob\"]}}", text, "greeting") < 0)
        return -1;
    return testStubExpect(stub, "{\"execute\":\"qmp_capabilities\"}",
                          "{\"return\":{}}\n");
}


/* Waits up to @timeoutMs for the stub to exit; reaps it. */
int
testStubWaitExit(testStub *stub, int timeoutMs, int *retStatus)
{
    int rc = virProcessPidfdWait(stub->pidfd, stub->pid, timeoutMs, retStatus);

    if (rc == 1)
        stub->pid = -1;
    return rc;
}


int
testStubSignal(testStub *stub, int sig)
{
    return virProcessPidfdSendSignal(stub->pidfd, sig) < 0 ? -1 : 0;
}


bool
testStubLogHas(testStub *stub, const char *text)
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


bool
testStubFilesGone(testStub *stub)
{
    const char *files[] = { stub->pidfile, stub->sock };
    bool gone = true;

    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        if (virFileExists(files[i])) {
            virTestDiag("%s is left behind", files[i]);
            gone = false;
        }
    }
    return gone;
}


int
testStubExitsClean(testStub *stub)
{
    int status = -1;
    int ret = -1;

    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_EXITED(status, 0);
    TEST_ASSERT(testStubFilesGone(stub));
    ret = 0;

 cleanup:
    return ret;
}


/* The message QEMU prints when it gets @sig from this process. */
char *
testStubTermMessage(int sig)
{
    g_autofree char *cmdline = NULL;

    if (!g_file_get_contents("/proc/self/cmdline", &cmdline, NULL, NULL))
        return NULL;
    return g_strdup_printf("qemu-system-x86_64: terminating on signal %d from pid %lld (%s)\n",
                           sig, (long long)getpid(), cmdline);
}


int
testStubSetup(void)
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
