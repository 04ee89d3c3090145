/*
 * testutilsstub.h: driving the stub QEMU (qemustub.c) from a test with
 * plain sockets and json-glib, so that the driver's fault-path tests
 * can trust what each of its names does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "internal.h"

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

void testStubFree(testStub *stub);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(testStub, testStubFree);

/* Makes the directory of symlinks to the stub, one per behaviour
 * (qemu-stub, qemu-stub-ignore-term...); 0 or -1 with a diagnostic. */
int testStubSetup(void);
/* Starts the stub under @name (a link testStubSetup() made) with the
 * options the driver uses for a domain; with @extra (NULL-terminated,
 * "@DIR@" standing for the stub's directory), those after the emulator
 * name instead.  NULL on failure. */
testStub *testStubStart(const char *name, const char *const *extra);

/* Connects to the UNIX socket @path, retrying for @timeoutMs while the
 * stub is still starting; the descriptor, or -1 with a diagnostic. */
int testStubConnectPath(const char *path, int timeoutMs);
/* Connects to the stub's monitor socket. */
int testStubConnect(testStub *stub);
/* The next monitor message, or NULL at end of file or after
 * @timeoutMs (testStubRead(): 5 s). */
JsonNode *testStubReadWithin(testStub *stub, int timeoutMs);
JsonNode *testStubRead(testStub *stub);
/* @node as compact JSON. */
char *testStubFormat(JsonNode *node);
/* The next message as compact JSON, without the timestamp of an
 * event (it changes); NULL as testStubRead(). */
char *testStubReadEvent(testStub *stub);
/* Sends @cmd and compares the messages up to and including its reply,
 * one compact JSON per line and event timestamps dropped, with
 * @expect; -1 with both printed when they differ. */
int testStubExpect(testStub *stub, const char *cmd, const char *expect);
/* Connects, checks the greeting and completes qmp_capabilities. */
int testStubHandshake(testStub *stub);

/* Waits up to @timeoutMs for the stub to exit and reaps it: 1 if it
 * exited (*retStatus its wait status), 0 on timeout, -1 on error. */
int testStubWaitExit(testStub *stub, int timeoutMs, int *retStatus);
/* Sends @sig through the stub's pidfd; 0 or -1. */
int testStubSignal(testStub *stub, int sig);
/* Whether the stub's log contains @text; a diagnostic with the log if
 * not. */
bool testStubLogHas(testStub *stub, const char *text);
/* The stub removed its pid file and monitor socket, as QEMU does on its
 * way out; a diagnostic naming what is left if not. */
bool testStubFilesGone(testStub *stub);
/* The stub exits within 5 s with status 0 and testStubFilesGone():
 * 0, or -1 with a diagnostic. */
int testStubExitsClean(testStub *stub);
/* The message QEMU prints when it gets @sig from this process. */
char *testStubTermMessage(int sig);
