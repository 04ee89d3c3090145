/*
 * testutilsqmp.h: a scripted fake QEMU monitor for tests of the QMP
 * client
 *
 * The fake runs in a thread on the other end of a socketpair (or of a
 * UNIX socket it creates).  It follows a script of steps: send a line,
 * expect a command (its name and arguments checked), answer it with the
 * command's id, sleep, hang up.  The callbacks of testCallbacks log what
 * the monitor reported into a testEvents.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "qemu_monitor.h"

#define TEST_GREETING \
    "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, " \
    "\"major\": 7}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}"

typedef enum {
    STEP_SEND,        /* write @text as one line */
    STEP_EXPECT,      /* read a command: "execute" is @text, "arguments" @args */
    STEP_REPLY,       /* answer the last command: @text plus its "id" */
    STEP_SLEEP,       /* pause @text milliseconds */
    STEP_HANGUP,      /* close the connection */
    STEP_FLOOD,       /* send more than QEMU_MONITOR_MAX_MESSAGE, no line end */
    STEP_ECHO,        /* answer human-monitor-commands in shuffled batches */
    STEP_END,
} testStepType;

typedef struct {
    testStepType type;
    const char *text;
    const char *args;
} testStep;

#define SEND(t) { STEP_SEND, t, NULL }
#define EXPECT(c) { STEP_EXPECT, c, NULL }
#define EXPECT_ARGS(c, a) { STEP_EXPECT, c, a }
#define REPLY(t) { STEP_REPLY, t, NULL }
#define REPLY_OK REPLY("{\"return\": {}}")
#define SLEEP(ms) { STEP_SLEEP, #ms, NULL }
#define HANGUP { STEP_HANGUP, NULL, NULL }
#define FLOOD { STEP_FLOOD, NULL, NULL }
#define ECHO { STEP_ECHO, NULL, NULL }
#define END { STEP_END, NULL, NULL }
#define HANDSHAKE \
    SEND(TEST_GREETING), EXPECT("qmp_capabilities"), REPLY_OK

/* The fake monitor; its fields are read by tests of timing (listenUs,
 * acceptUs). */
typedef struct {
    int fd;
    int listenFd;           /* for a server on a UNIX socket path */
    char *path;
    int delayMs;            /* before creating @path */
    gint64 listenUs;        /* when @path started listening (monotonic) */
    gint64 acceptUs;        /* when the client's connection was accepted */
    const testStep *steps;
    GString *in;
    char *lastId;
    char *error;            /* the first thing that went wrong */
    GThread *thread;
} testServer;

/* Starts a fake following @steps on a socketpair of @type (SOCK_STREAM,
 * SOCK_SEQPACKET...); *retFd is the client's end. */
testServer *testServerStartType(const testStep *steps, int type, int *retFd);
/* The same, SOCK_STREAM. */
testServer *testServerStart(const testStep *steps, int *retFd);
/* Starts a fake that creates and listens on @path after @delayMs, then
 * serves the one connection it accepts. */
testServer *testServerStartPath(const testStep *steps, const char *path, int delayMs);
/* Waits for the fake to finish its script and frees it; -1 (with a
 * diagnostic) if it saw something the script did not expect. */
int testServerFinish(testServer *srv);

/* What the callbacks saw, one word per callback in ->log. */
typedef struct {
    GMutex lock;
    GCond cond;
    GString *log;           /* one word per callback, in order */
    GThread *mainThread;
    bool onMainThread;      /* a callback ran on the caller's thread */
    bool closeOnEof;        /* eofNotify closes the monitor */
    bool closeOnStop;       /* domainStop closes the monitor */
    bool commandOnStop;     /* domainStop tries a command */
    int commandRet;
    int commandCode;
    char *commandMessage;
    char *errorReason;
} testEvents;

void testEventsInit(testEvents *ev);
void testEventsClear(testEvents *ev);
/* Waits up to 5 s until the log is @expect; -1 with a diagnostic on a
 * mismatch, or if a callback ran on the caller's thread. */
int testEventsWait(testEvents *ev, const char *expect);
/* Waits up to 10 s until the log ends with @suffix, then empties it;
 * -1 with a diagnostic as testEventsWait. */
int testEventsWaitEnd(testEvents *ev, const char *suffix);

/* Callbacks that log into the testEvents given as opaque. */
extern const qemuMonitorCallbacks testCallbacks;

/* Checks this thread's last error: @code from VIR_FROM_QEMU, a one-line
 * message matching the glob @pattern (NULL: any); resets it.  -1 with a
 * diagnostic when it differs. */
int testQmpCheckError(int code, const char *pattern);
/* Closes *@mon and finishes the fake *@srv, setting both to NULL
 * (either may be NULL); -1 as testServerFinish. */
int testQmpFinish(qemuMonitor **mon, testServer **srv);
/* The monotonic clock in milliseconds. */
gint64 testNowMs(void);
/* Opens a monitor on a fake following @steps, its events into @ev. */
qemuMonitor *testQmpOpen(const testStep *steps, testServer **srv, testEvents *ev);
