/*
 * testutilsqmp.c: a scripted fake QEMU monitor (see testutilsqmp.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsqmp.h"
#include "qemu_monitor_priv.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* ---- the fake monitor ---- */


static void
testServerFail(testServer *srv, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
testServerFail(testServer *srv, const char *fmt, ...)
{
    va_list ap;

    if (srv->error)
        return;
    va_start(ap, fmt);
    srv->error = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}


/* One line from the client; false at end of file. */
static bool
testServerReadLine(testServer *srv, char **line)
{
    char buf[4096];

    for (;;) {
        char *nl = memchr(srv->in->str, '\n', srv->in->len);
        ssize_t n;

        if (nl) {
            size_t len = nl - srv->in->str;

            *line = g_strndup(srv->in->str, len > 0 && nl[-1] == '\r' ? len - 1 : len);
            g_string_erase(srv->in, 0, len + 1);
            return true;
        }
        if ((n = read(srv->fd, buf, sizeof(buf))) < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        g_string_append_len(srv->in, buf, n);
    }
}


static void
testServerWrite(testServer *srv, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(srv->fd, data, len, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;  /* the client went away */
        data += n;
        len -= n;
    }
}


static void
testServerSendLine(testServer *srv, const char *line)
{
    g_autofree char *text = g_strdup_printf("%s\r\n", line);

    testServerWrite(srv, text, strlen(text));
}


/* Parses a command line; returns its name, id and arguments. */
static JsonNode *
testParseCommand(const char *line, const char **name, const char **id,
                 JsonNode **args)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonNode *root;
    JsonObject *obj;

    if (!json_parser_load_from_data(parser, line, -1, NULL) ||
        !(root = json_parser_steal_root(parser)))
        return NULL;
    if (!JSON_NODE_HOLDS_OBJECT(root)) {
        json_node_unref(root);
        return NULL;
    }
    obj = json_node_get_object(root);
    *name = json_object_get_string_member_with_default(obj, "execute", NULL);
    *id = json_object_get_string_member_with_default(obj, "id", NULL);
    *args = json_object_get_member(obj, "arguments");
    return root;
}


static void
testServerExpect(testServer *srv, const testStep *step)
{
    g_autofree char *line = NULL;
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(JsonParser) parser = json_parser_new();
    const char *name = NULL;
    const char *id = NULL;
    JsonNode *args = NULL;

    if (!testServerReadLine(srv, &line)) {
        testServerFail(srv, "expected command '%s', got end of file", step->text);
        return;
    }
    if (!(root = testParseCommand(line, &name, &id, &args)) || !name || !id) {
        testServerFail(srv, "expected command '%s', got '%s'", step->text, line);
        return;
    }
    g_free(srv->lastId);
    srv->lastId = g_strdup(id);
    if (STRNEQ(name, step->text)) {
        testServerFail(srv, "expected command '%s', got '%s'", step->text, line);
        return;
    }
    if (!step->args) {
        if (args)
            testServerFail(srv, "command '%s' has unexpected arguments: %s",
                           name, line);
        return;
    }
    if (!json_parser_load_from_data(parser, step->args, -1, NULL) || !args ||
        !json_node_equal(json_parser_get_root(parser), args))
        testServerFail(srv, "command '%s' has wrong arguments: %s (expected %s)",
                       name, line, step->args);
}


static void
testServerReply(testServer *srv, const char *text)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autofree char *line = NULL;
    JsonNode *root;

    if (!json_parser_load_from_data(parser, text, -1, NULL)) {
        testServerFail(srv, "bad reply in the script: %s", text);
        return;
    }
    root = json_parser_get_root(parser);
    json_object_set_string_member(json_node_get_object(root), "id",
                                  NULLSTR(srv->lastId));
    line = json_to_string(root, FALSE);
    testServerSendLine(srv, line);
}


/* Whether the client has something to read within @ms. */
static bool
testServerReadable(testServer *srv, int ms)
{
    struct pollfd pfd = { .fd = srv->fd, .events = POLLIN };

    if (memchr(srv->in->str, '\n', srv->in->len))
        return true;
    return poll(&pfd, 1, ms) > 0;
}


/*
 * Answers every "human-monitor-command" with "reply to " plus its
 * command line, collecting commands while more keep coming and then
 * answering the batch newest first, so that replies arrive in another
 * order than the commands.  Runs until the client hangs up.
 */
static void
testServerEcho(testServer *srv)
{
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func(g_free);
    bool eof = false;

    while (!eof) {
        g_autofree char *line = NULL;

        if (batch->len == 0 || testServerReadable(srv, 20)) {
            if (!testServerReadLine(srv, &line))
                eof = true;
        }
        if (line) {
            g_autoptr(JsonNode) root = NULL;
            const char *name = NULL;
            const char *id = NULL;
            JsonNode *args = NULL;
            g_autoptr(JsonBuilder) b = json_builder_new();
            g_autoptr(JsonNode) reply = NULL;
            const char *cmd;

            if (!(root = testParseCommand(line, &name, &id, &args)) || !name ||
                !id || STRNEQ(name, "human-monitor-command") || !args) {
                testServerFail(srv, "unexpected command '%s'", line);
                continue;
            }
            cmd = json_object_get_string_member(json_node_get_object(args),
                                                "command-line");
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "return");
            g_autofree char *text = g_strdup_printf("reply to %s", cmd);
            json_builder_add_string_value(b, text);
            json_builder_set_member_name(b, "id");
            json_builder_add_string_value(b, id);
            json_builder_end_object(b);
            reply = json_builder_get_root(b);
            g_ptr_array_add(batch, json_to_string(reply, FALSE));
            if (batch->len < 16)
                continue;
        }
        while (batch->len > 0) {
            testServerSendLine(srv, g_ptr_array_index(batch, batch->len - 1));
            g_ptr_array_remove_index(batch, batch->len - 1);
        }
    }
}


static gpointer
testServerRun(gpointer opaque)
{
    testServer *srv = opaque;
    const testStep *step;
    g_autofree char *line = NULL;

    if (srv->path) {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };

        g_usleep(srv->delayMs * 1000);
        g_strlcpy(addr.sun_path, srv->path, sizeof(addr.sun_path));
        if ((srv->listenFd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
            bind(srv->listenFd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
            listen(srv->listenFd, 1) < 0 ||
            !(srv->listenUs = g_get_monotonic_time()) ||
            (srv->fd = accept(srv->listenFd, NULL, NULL)) < 0) {
            testServerFail(srv, "cannot serve on %s: %s", srv->path, g_strerror(errno));
            return NULL;
        }
        srv->acceptUs = g_get_monotonic_time();
    }

    for (step = srv->steps; step->type != STEP_END; step++) {
        switch (step->type) {
        case STEP_SEND:
            testServerSendLine(srv, step->text);
            break;
        case STEP_EXPECT:
            testServerExpect(srv, step);
            break;
        case STEP_REPLY:
            testServerReply(srv, step->text);
            break;
        case STEP_SLEEP:
            g_usleep(atoi(step->text) * 1000);
            break;
        case STEP_HANGUP:
            virForceClose(&srv->fd);
            return NULL;
        case STEP_FLOOD: {
            g_autofree char *junk = g_malloc(1024 * 1024);
            size_t i;

            memset(junk, 'x', 1024 * 1024);
            for (i = 0; i <= QEMU_MONITOR_MAX_MESSAGE / (1024 * 1024); i++)
                testServerWrite(srv, junk, 1024 * 1024);
            break;
        }
        case STEP_ECHO:
            testServerEcho(srv);
            break;
        case STEP_END:
            break;
        }
        if (srv->error)
            break;
    }

    /* The script is over: anything but the client hanging up is wrong. */
    if (testServerReadLine(srv, &line))
        testServerFail(srv, "unexpected command after the script: %s", line);
    return NULL;
}


static testServer *
testServerNew(const testStep *steps)
{
    testServer *srv = g_new0(testServer, 1);

    srv->fd = -1;
    srv->listenFd = -1;
    srv->steps = steps;
    srv->in = g_string_new(NULL);
    return srv;
}


/* Starts a server on a socketpair of @type; *retFd is the client's end. */
testServer *
testServerStartType(const testStep *steps, int type, int *retFd)
{
    testServer *srv = testServerNew(steps);
    int sv[2];

    if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) < 0)
        abort();
    srv->fd = sv[1];
    *retFd = sv[0];
    srv->thread = g_thread_new("fake-qemu", testServerRun, srv);
    return srv;
}


testServer *
testServerStart(const testStep *steps, int *retFd)
{
    return testServerStartType(steps, SOCK_STREAM, retFd);
}


/* Starts a server that creates @path after @delayMs, then serves. */
testServer *
testServerStartPath(const testStep *steps, const char *path, int delayMs)
{
    testServer *srv = testServerNew(steps);

    srv->path = g_strdup(path);
    srv->delayMs = delayMs;
    srv->thread = g_thread_new("fake-qemu", testServerRun, srv);
    return srv;
}


/* Waits for the server; returns -1 if it saw something unexpected. */
int
testServerFinish(testServer *srv)
{
    int ret = 0;

    g_thread_join(srv->thread);
    if (srv->error) {
        virTestDiag("fake QEMU: %s", srv->error);
        ret = -1;
    }
    virForceClose(&srv->fd);
    virForceClose(&srv->listenFd);
    g_string_free(srv->in, TRUE);
    g_free(srv->lastId);
    g_free(srv->error);
    g_free(srv->path);
    g_free(srv);
    return ret;
}


/* ---- what the callbacks saw ---- */


void
testEventsInit(testEvents *ev)
{
    memset(ev, 0, sizeof(*ev));
    g_mutex_init(&ev->lock);
    g_cond_init(&ev->cond);
    ev->log = g_string_new(NULL);
    ev->mainThread = g_thread_self();
}


void
testEventsClear(testEvents *ev)
{
    g_string_free(ev->log, TRUE);
    g_free(ev->commandMessage);
    g_free(ev->errorReason);
    g_mutex_clear(&ev->lock);
    g_cond_clear(&ev->cond);
}


static void
testEventsAdd(testEvents *ev, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
testEventsAdd(testEvents *ev, const char *fmt, ...)
{
    va_list ap;

    g_mutex_lock(&ev->lock);
    if (g_thread_self() == ev->mainThread)
        ev->onMainThread = true;
    va_start(ap, fmt);
    g_string_append_vprintf(ev->log, fmt, ap);
    va_end(ap);
    g_string_append_c(ev->log, ' ');
    g_cond_broadcast(&ev->cond);
    g_mutex_unlock(&ev->lock);
}


/* Waits until the log is @expect; fails after 5 s or on a mismatch. */
int
testEventsWait(testEvents *ev, const char *expect)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_TIME_SPAN_SECOND;
    int ret = 0;

    g_mutex_lock(&ev->lock);
    while (STRNEQ(ev->log->str, expect) && g_str_has_prefix(expect, ev->log->str)) {
        if (!g_cond_wait_until(&ev->cond, &ev->lock, deadline))
            break;
    }
    if (STRNEQ(ev->log->str, expect)) {
        virTestDiag("callbacks: got '%s', expected '%s'", ev->log->str, expect);
        ret = -1;
    }
    if (ev->onMainThread) {
        virTestDiag("a callback ran on the caller's thread");
        ret = -1;
    }
    g_mutex_unlock(&ev->lock);
    return ret;
}


/* Waits until the log ends with @suffix; fails after 10 s (a real
 * QEMU's events may follow others the test does not name).  Empties
 * the log either way, so that the next wait sees only what follows. */
int
testEventsWaitEnd(testEvents *ev, const char *suffix)
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
    if (ev->onMainThread) {
        virTestDiag("a callback ran on the caller's thread");
        ret = -1;
    }
    g_string_truncate(ev->log, 0);
    g_mutex_unlock(&ev->lock);
    return ret;
}

static void
testEofNotify(qemuMonitor *mon, void *opaque)
{
    testEvents *ev = opaque;
    bool closeMon = ev->closeOnEof;

    /* Once the event is recorded the test may end and @ev with it: it
     * is not touched again. */
    testEventsAdd(ev, "EOF");
    if (closeMon)
        qemuMonitorClose(mon);
}


static void
testErrorNotify(qemuMonitor *mon G_GNUC_UNUSED, const char *reason, void *opaque)
{
    testEvents *ev = opaque;

    g_mutex_lock(&ev->lock);
    g_free(ev->errorReason);
    ev->errorReason = g_strdup(reason);
    g_mutex_unlock(&ev->lock);
    testEventsAdd(ev, "ERROR");
}


static void
testShutdown(qemuMonitor *mon G_GNUC_UNUSED, bool guest,
             qemuMonitorShutdownReason reason, void *opaque)
{
    testEventsAdd(opaque, "SHUTDOWN(%d,%s)", guest,
                  qemuMonitorShutdownReasonTypeToString(reason));
}


static void
testReset(qemuMonitor *mon G_GNUC_UNUSED, bool guest,
          qemuMonitorShutdownReason reason, void *opaque)
{
    testEventsAdd(opaque, "RESET(%d,%s)", guest,
                  qemuMonitorShutdownReasonTypeToString(reason));
}


static void
testPowerdown(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    testEventsAdd(opaque, "POWERDOWN");
}


static void
testStop(qemuMonitor *mon, void *opaque)
{
    testEvents *ev = opaque;
    bool closeMon;

    if (ev->commandOnStop) {
        bool running;
        virDomainPausedReason reason;

        /* Takes the monitor lock: would hang if the caller held it. */
        qemuMonitorSetCommandTimeout(mon, 5000);
        ev->commandRet = qemuMonitorGetStatus(mon, &running, &reason);
        ev->commandCode = virGetLastErrorCode();
        ev->commandMessage = g_strdup(virGetLastErrorMessage());
        virResetLastError();
    }
    closeMon = ev->closeOnStop;
    /* As in testEofNotify: @ev may be gone once the event is recorded. */
    testEventsAdd(ev, "STOP");
    if (closeMon)
        qemuMonitorClose(mon);
}


static void
testResume(qemuMonitor *mon G_GNUC_UNUSED, void *opaque)
{
    testEventsAdd(opaque, "RESUME");
}


const qemuMonitorCallbacks testCallbacks = {
    .eofNotify = testEofNotify,
    .errorNotify = testErrorNotify,
    .domainShutdown = testShutdown,
    .domainPowerdown = testPowerdown,
    .domainReset = testReset,
    .domainStop = testStop,
    .domainResume = testResume,
};


/* ---- helpers ---- */

/*
 * Checks this thread's last error: @code, and a message matching the
 * glob @pattern (NULL: any).  Resets it.
 */
int
testQmpCheckError(int code, const char *pattern)
{
    virErrorPtr err = virGetLastError();

    if (!err) {
        virTestDiag("no error was reported (expected code %d)", code);
        return -1;
    }
    if (err->code != code || err->domain != VIR_FROM_QEMU) {
        virTestDiag("error code %d domain %d, expected %d domain %d: %s",
                    err->code, err->domain, code, VIR_FROM_QEMU,
                    NULLSTR(err->message));
        return -1;
    }
    if (pattern && !g_pattern_match_simple(pattern, NULLSTR(err->message))) {
        virTestDiag("error message '%s' does not match '%s'",
                    NULLSTR(err->message), pattern);
        return -1;
    }
    if (strchr(NULLSTR(err->message), '\n')) {
        virTestDiag("error message spans lines: '%s'", err->message);
        return -1;
    }
    virResetLastError();
    return 0;
}


/*
 * The end of every case on a fake: closes *@mon, then waits for the
 * fake *@srv to finish its script, and sets both to NULL (either
 * pointer may be NULL, and so may what it points to).  A case calls it
 * in its body to assert on it, and again in its cleanup, where it only
 * releases what a failed assertion left.
 */
int
testQmpFinish(qemuMonitor **mon, testServer **srv)
{
    int ret = 0;

    if (mon)
        g_clear_pointer(mon, qemuMonitorClose);
    if (srv && *srv && testServerFinish(g_steal_pointer(srv)) < 0)
        ret = -1;
    return ret;
}

gint64
testNowMs(void)
{
    return g_get_monotonic_time() / G_TIME_SPAN_MILLISECOND;
}


/* Opens a monitor on a fake QEMU following @steps. */
qemuMonitor *
testQmpOpen(const testStep *steps, testServer **srv, testEvents *ev)
{
    int fd;

    *srv = testServerStart(steps, &fd);
    return qemuMonitorOpenFD(fd, 5000, &testCallbacks, ev);
}
