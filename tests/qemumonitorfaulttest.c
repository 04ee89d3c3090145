/*
 * qemumonitorfaulttest.c: a QMP monitor facing a misbehaving QEMU, closes and threads
 *
 * Events delivered in order off the caller's thread; a QEMU that never
 * answers, answers oddly, breaks off, floods, hangs up or cannot be
 * written to; the monitor closed from another thread or from its own
 * callbacks; many threads at once.  Against a scripted fake QEMU
 * (testutilsqmp.h).
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

/*
 * A write that fails: a record larger than a SOCK_SEQPACKET socket
 * takes (EMSGSIZE).  The command fails, errorNotify says why.
 */
static int
testWriteError(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = { HANDSHAKE, END };
    g_autofree char *big = g_strnfill(4 * 1024 * 1024, 'x');
    g_autofree char *cmd = g_strdup_printf("{\"execute\": \"echo\", \"arguments\": {\"x\": "
                                           "\"%s\"}}", big);
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    char *reply = NULL;
    int fd;
    int ret = -1;

    testEventsInit(&ev);
    srv = testServerStartType(steps, SOCK_SEQPACKET, &fd);
    TEST_ASSERT_NONNULL(mon = qemuMonitorOpenFD(fd, 5000, &testCallbacks, &ev));
    TEST_ASSERT_NE_INT(qemuMonitorArbitraryCommand(mon, cmd, &reply), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_OPERATION_FAILED,
                                     "operation failed: QEMU monitor connection was closed "
                                     "while waiting for the reply to 'echo': cannot write to "
                                     "QEMU monitor 'fd:*': Message too long"));
    TEST_ASSERT_OK(testEventsWait(&ev, "ERROR "));
    TEST_ASSERT_MSG(g_pattern_match_simple("cannot write to QEMU monitor 'fd:*': Message too long",
                                           NULLSTR(ev.errorReason)),
                    "errorNotify reason '%s'", NULLSTR(ev.errorReason));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    return ret;
}


/* ---- events ---- */

static int
testEvents_(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = {
        HANDSHAKE,
        EXPECT("cont"),
        SEND("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 0}, \"event\": \"RESUME\"}"),
        REPLY_OK,
        SEND("{\"event\": \"POWERDOWN\"}"),
        SEND("{\"event\": \"RESET\", \"data\": {\"guest\": false, \"reason\": "
             "\"host-qmp-system-reset\"}}"),
        SEND("{\"event\": \"SOMETHING_ELSE\", \"data\": {\"x\": 1}}"),
        SEND("{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": "
             "\"guest-shutdown\"}}"),
        SEND("{\"event\": \"SHUTDOWN\"}"),
        SEND("{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": \"x\", \"reason\": "
             "\"new-in-qemu-9\"}}"),
        SEND("{\"event\": \"STOP\"}"),
        END
    };
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    int ret = -1;

    testEventsInit(&ev);
    ev.commandOnStop = true;
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    TEST_ASSERT_OK(qemuMonitorStartCPUs(mon));
    TEST_ASSERT_OK(testEventsWait(&ev, "RESUME POWERDOWN RESET(0,host-qmp-system-reset) "
                                  "SHUTDOWN(1,guest-shutdown) SHUTDOWN(0,unknown) "
                                  "SHUTDOWN(0,unknown) STOP "));
    /* A command from a callback fails at once instead of deadlocking. */
    TEST_ASSERT_EQ_INT(ev.commandRet, -1);
    TEST_ASSERT_EQ_INT(ev.commandCode, VIR_ERR_INTERNAL_ERROR);
    TEST_ASSERT_EQ_STR(ev.commandMessage,
                       "internal error: cannot run QEMU monitor command 'query-status' "
                       "from a callback of the same monitor");
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    return ret;
}


/* ---- QEMU that misbehaves ---- */

/* A reply that never comes: a timeout naming the command; the monitor
 * stays usable and drops the late reply. */
static int
testTimeout(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = {
        HANDSHAKE,
        EXPECT("query-status"), SLEEP(400),
        REPLY("{\"return\": {\"status\": \"running\", \"running\": true}}"),
        EXPECT("cont"), REPLY_OK,
        END
    };
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    bool running;
    virDomainPausedReason reason;
    gint64 start;
    gint64 elapsed;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    qemuMonitorSetCommandTimeout(mon, 150);
    start = testNowMs();
    TEST_ASSERT_NE_INT(qemuMonitorGetStatus(mon, &running, &reason), 0);
    elapsed = testNowMs() - start;
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_OPERATION_TIMEOUT,
                                     "Timed out during operation: QEMU did not reply to monitor "
                                     "command 'query-status' within 150 ms"));
    TEST_ASSERT_CMP_INT(elapsed, >=, 150);
    TEST_ASSERT_CMP_INT(elapsed, <=, 390);
    qemuMonitorSetCommandTimeout(mon, 0);
    TEST_ASSERT_OK(qemuMonitorStartCPUs(mon));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    TEST_ASSERT_OK(testEventsWait(&ev, ""));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    return ret;
}


/* Replies without an id go to the oldest command; replies nobody waits
 * for and repeated greetings are ignored. */
static int
testOddReplies(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = {
        HANDSHAKE,
        EXPECT("query-kvm"),
        SEND("{\"return\": {\"enabled\": true, \"present\": true}}"),
        EXPECT("cont"),
        SEND("{\"return\": {}, \"id\": \"nobody\"}"),
        SEND(TEST_GREETING),
        SEND(""),
        SEND("   "),
        REPLY_OK,
        END
    };
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    bool enabled = false, present = false;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    TEST_ASSERT_OK(qemuMonitorGetKVMState(mon, &enabled, &present));
    TEST_ASSERT(enabled);
    TEST_ASSERT(present);
    TEST_ASSERT_OK(qemuMonitorStartCPUs(mon));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    TEST_ASSERT_OK(testEventsWait(&ev, ""));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    return ret;
}


typedef struct {
    const testStep *steps;
    const char *cmd;
    const char *events;         /* expected callbacks */
    const char *waitMessage;    /* the pending command's error */
    const char *laterMessage;   /* a later command's error */
    const char *errorReason;    /* glob for errorNotify's reason */
} testBrokenCase;


/* The connection ends during a command: the command fails saying why,
 * the right notification is sent once, later commands fail at once. */
static int
testBroken(const void *data)
{
    const testBrokenCase *c = data;
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    bool running;
    virDomainPausedReason reason;
    gint64 start;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(mon = testQmpOpen(c->steps, &srv, &ev));
    TEST_ASSERT_NE_INT(qemuMonitorGetStatus(mon, &running, &reason), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_OPERATION_FAILED, c->waitMessage));
    TEST_ASSERT_OK(testEventsWait(&ev, c->events));
    if (c->errorReason)
        TEST_ASSERT_MSG(g_pattern_match_simple(c->errorReason, NULLSTR(ev.errorReason)),
                        "errorNotify reason '%s' does not match '%s'",
                        NULLSTR(ev.errorReason), c->errorReason);
    start = testNowMs();
    TEST_ASSERT_NE_INT(qemuMonitorStartCPUs(mon), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_OPERATION_FAILED, c->laterMessage));
    /* A command on a closed monitor fails at once. */
    TEST_ASSERT_CMP_INT(testNowMs() - start, <=, 100);
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    /* Nothing more after the close. */
    TEST_ASSERT_OK(testEventsWait(&ev, c->events));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    return ret;
}

static const testStep brokenEofSteps[] = {
    HANDSHAKE, EXPECT("query-status"),
    SEND("{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": \"host-signal\"}}"),
    HANGUP, END
};
static const testBrokenCase brokenEof = {
    brokenEofSteps, "query-status", "SHUTDOWN(0,host-signal) EOF ",
    "operation failed: QEMU monitor connection was closed while waiting for the reply to "
    "'query-status': end of file from QEMU monitor 'fd:*'",
    "operation failed: cannot send command 'cont': the QEMU monitor connection is closed: end of "
    "file from QEMU monitor 'fd:*'",
    NULL,
};

static const testStep brokenGarbageSteps[] = {
    HANDSHAKE, EXPECT("query-status"),
    SEND("{\"return\": {\"status\": \"running\", \"running\": true} garbage"),
    END
};
static const testBrokenCase brokenGarbage = {
    brokenGarbageSteps, "query-status", "ERROR ",
    "operation failed: QEMU monitor connection was closed while waiting for the reply to "
    "'query-status': QEMU monitor 'fd:*' sent malformed data: cannot parse json {\"return\": *",
    "operation failed: cannot send command 'cont': the QEMU monitor connection is closed: QEMU "
    "monitor 'fd:*' sent malformed data: *",
    "QEMU monitor 'fd:*' sent malformed data: cannot parse json *",
};

static const testStep brokenFloodSteps[] = {
    HANDSHAKE, EXPECT("query-status"), FLOOD, END
};
static const testBrokenCase brokenFlood = {
    brokenFloodSteps, "query-status", "ERROR ",
    "operation failed: QEMU monitor connection was closed while waiting for the reply to "
    "'query-status': QEMU monitor reply exceeds buffer size (16777216 bytes)",
    "operation failed: cannot send command 'cont': the QEMU monitor connection is closed: QEMU "
    "monitor reply exceeds buffer size (16777216 bytes)",
    "QEMU monitor reply exceeds buffer size (16777216 bytes)",
};


/* QEMU exits after "quit" without its reply: that is success. */
static int
testQuitEof(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = {
        HANDSHAKE, EXPECT("quit"),
        SEND("{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": "
             "\"host-qmp-quit\"}}"),
        HANGUP, END
    };
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    TEST_ASSERT_OK(qemuMonitorQuit(mon));
    TEST_ASSERT_OK(testEventsWait(&ev, "SHUTDOWN(0,host-qmp-quit) EOF "));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    return ret;
}


/* ---- closing ---- */

typedef struct {
    qemuMonitor *mon;
    int delayMs;
} testCloser;


static gpointer
testCloserRun(gpointer opaque)
{
    testCloser *closer = opaque;

    g_usleep(closer->delayMs * 1000);
    qemuMonitorClose(closer->mon);
    return NULL;
}


/* Close from another thread while a command waits: it fails at once. */
static int
testCloseWhileWaiting(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = { HANDSHAKE, EXPECT("query-status"), END };
    testServer *srv = NULL;
    testEvents ev;
    testCloser closer = { .delayMs = 100 };
    GThread *thread;
    bool running;
    virDomainPausedReason reason;
    gint64 start;
    gint64 elapsed;
    int rc;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(closer.mon = testQmpOpen(steps, &srv, &ev));
    thread = g_thread_new("closer", testCloserRun, &closer);
    start = testNowMs();
    rc = qemuMonitorGetStatus(closer.mon, &running, &reason);
    elapsed = testNowMs() - start;
    g_thread_join(thread);
    /* The closer released the monitor. */
    TEST_ASSERT_NE_INT(rc, 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_OPERATION_FAILED,
                                     "operation failed: QEMU monitor connection was closed "
                                     "while waiting for the reply to 'query-status': the "
                                     "monitor was closed by the driver"));
    TEST_ASSERT_CMP_INT(elapsed, <=, 2000);
    /* Closing is not a QEMU event: no notification. */
    TEST_ASSERT_OK(testQmpFinish(NULL, &srv));
    TEST_ASSERT_OK(testEventsWait(&ev, ""));
    ret = 0;

 cleanup:
    testQmpFinish(NULL, &srv);
    testEventsClear(&ev);
    return ret;
}


/* Close from a callback: no deadlock, nothing delivered afterwards, the
 * waiting command fails, and the socket is closed (the fake QEMU sees
 * its end of file). */
static int
testCloseInCallback(const void *data)
{
    bool onEof = *(const bool *)data;
    static const testStep stopSteps[] = {
        HANDSHAKE, EXPECT("query-status"),
        SEND("{\"event\": \"STOP\"}"), SEND("{\"event\": \"RESUME\"}"),
        END
    };
    static const testStep eofSteps[] = {
        HANDSHAKE, EXPECT("query-status"),
        SEND("{\"event\": \"STOP\"}"), HANGUP, END
    };
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    bool running;
    virDomainPausedReason reason;
    int ret = -1;

    testEventsInit(&ev);
    ev.closeOnEof = onEof;
    ev.closeOnStop = !onEof;
    TEST_ASSERT_NONNULL(mon = testQmpOpen(onEof ? eofSteps : stopSteps, &srv, &ev));
    /* The callback releases the monitor: this is our last use of it. */
    TEST_ASSERT_NE_INT(qemuMonitorGetStatus(mon, &running, &reason), 0);
    TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_OPERATION_FAILED,
                                     onEof ?
                                     "operation failed: QEMU monitor connection was closed "
                                     "while waiting for the reply to 'query-status': end of "
                                     "file from QEMU monitor 'fd:*'" :
                                     "operation failed: QEMU monitor connection was closed "
                                     "while waiting for the reply to 'query-status': the "
                                     "monitor was closed by the driver"));
    TEST_ASSERT_OK(testQmpFinish(NULL, &srv));
    TEST_ASSERT_OK(testEventsWait(&ev, onEof ? "STOP EOF " : "STOP "));
    ret = 0;

 cleanup:
    testQmpFinish(NULL, &srv);
    testEventsClear(&ev);
    return ret;
}


typedef struct {
    qemuMonitor *mon;
    unsigned int thread;
    unsigned int count;
    bool failed;
    char *error;        /* what went wrong, for the report */
} testWorker;


static gpointer
testWorkerRun(gpointer opaque)
{
    testWorker *w = opaque;
    unsigned int i;

    for (i = 0; i < w->count; i++) {
        g_autofree char *cmd = g_strdup_printf("echo %u-%u", w->thread, i);
        g_autofree char *expect = g_strdup_printf("reply to %s", cmd);
        g_autofree char *reply = NULL;

        if (qemuMonitorHumanCommand(w->mon, cmd, &reply) < 0) {
            w->error = g_strdup_printf("%s: %s", cmd, virGetLastErrorMessage());
            w->failed = true;
            break;
        }
        if (STRNEQ(reply, expect)) {
            w->error = g_strdup_printf("%s: got '%s'", cmd, reply);
            w->failed = true;
            break;
        }
    }
    return NULL;
}


/* Many threads, many commands, replies out of order: each caller gets
 * its own reply. */
static int
testManyThreads(const void *data G_GNUC_UNUSED)
{
    static const testStep steps[] = { HANDSHAKE, ECHO, END };
    testWorker workers[8] = { 0 };
    GThread *threads[G_N_ELEMENTS(workers)];
    testServer *srv = NULL;
    testEvents ev;
    qemuMonitor *mon;
    size_t i;
    size_t failed = 0;
    int ret = -1;

    testEventsInit(&ev);
    TEST_ASSERT_NONNULL(mon = testQmpOpen(steps, &srv, &ev));
    for (i = 0; i < G_N_ELEMENTS(workers); i++) {
        workers[i] = (testWorker) { .mon = mon, .thread = i, .count = 40 };
        threads[i] = g_thread_new("worker", testWorkerRun, &workers[i]);
    }
    for (i = 0; i < G_N_ELEMENTS(workers); i++) {
        g_thread_join(threads[i]);
        if (workers[i].failed)
            failed++;
    }
    for (i = 0; i < G_N_ELEMENTS(workers); i++)
        TEST_ASSERT_MSG(!workers[i].failed, "thread %zu (of %zu that failed) got a wrong "
                        "reply or an error: %s", i, failed, NULLSTR(workers[i].error));
    TEST_ASSERT_OK(testQmpFinish(&mon, &srv));
    TEST_ASSERT_OK(testEventsWait(&ev, ""));
    ret = 0;

 cleanup:
    testQmpFinish(&mon, &srv);
    testEventsClear(&ev);
    for (i = 0; i < G_N_ELEMENTS(workers); i++)
        g_free(workers[i].error);
    return ret;
}


static int
mymain(void)
{
    static const bool onEof = true;
    static const bool onStop = false;
    int ret = 0;

    if (virTestRun("events: delivered in order, off the caller's thread", testEvents_, NULL) < 0)
        ret = -1;
    if (virTestRun("qemu: never answers (timeout)", testTimeout, NULL) < 0)
        ret = -1;
    if (virTestRun("qemu: replies without id, unknown id, second "
                   "greeting", testOddReplies, NULL) < 0)
        ret = -1;
    if (virTestRun("qemu: end of file in the middle of a command", testBroken, &brokenEof) < 0)
        ret = -1;
    if (virTestRun("qemu: garbage in the middle of a command", testBroken, &brokenGarbage) < 0)
        ret = -1;
    if (virTestRun("qemu: message longer than the limit", testBroken, &brokenFlood) < 0)
        ret = -1;
    if (virTestRun("qemu: quit answered by end of file", testQuitEof, NULL) < 0)
        ret = -1;
    if (virTestRun("qemu: write error", testWriteError, NULL) < 0)
        ret = -1;
    if (virTestRun("close: from another thread while a command "
                   "waits", testCloseWhileWaiting, NULL) < 0)
        ret = -1;
    if (virTestRun("close: from the eofNotify callback", testCloseInCallback, &onEof) < 0)
        ret = -1;
    if (virTestRun("close: from an event callback", testCloseInCallback, &onStop) < 0)
        ret = -1;
    if (virTestRun("threads: 8 threads x 40 commands, replies out of "
                   "order", testManyThreads, NULL) < 0)
        ret = -1;

    return ret;
}

VIR_TEST_MAIN(mymain)
