/*
 * testutilsqemu.h: helpers for tests that run domains through the
 * public API on an embedded driver
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/types.h>

#include "internal.h"
#include "testutils.h"
#include "testutilsproc.h"

/* The timeouts every driver test runs with, so that the fault paths
 * take a fraction of a second rather than the defaults' tens (seconds;
 * the programs that time calls compare with these). */
#define TEST_TERM_TIMEOUT 0.5
#define TEST_KILL_TIMEOUT 1.0
#define TEST_GRACEFUL_TIMEOUT 0.4
#define TEST_QEMU_CONF \
    "destroy_term_timeout = " G_STRINGIFY(TEST_TERM_TIMEOUT) "\n" \
    "destroy_kill_timeout = " G_STRINGIFY(TEST_KILL_TIMEOUT) "\n" \
    "destroy_graceful_timeout = " G_STRINGIFY(TEST_GRACEFUL_TIMEOUT) "\n"
/* What a timed call may take beyond its timeout. */
#define TEST_SLACK 0.5

/* The stub programs' (qemustub*test): a start that waits for a stub
 * gives up after this. */
#define TEST_START_TIMEOUT 1.0
#define TEST_QEMU_STUB_CONF \
    TEST_QEMU_CONF "start_timeout = " G_STRINGIFY(TEST_START_TIMEOUT) "\n"

/* A new embed root (removed at exit) with @qemuconf as its qemu.conf
 * (NULL: none).  Returns the root; *retURI gets the URI. */
char *testQemuRootNew(const char *qemuconf, char **retURI);

/* What a driver test program starts with: errors kept quiet (the
 * tests look at them), the default event loop registered if @events, a
 * new embed root with @qemuconf (as testQemuRootNew()) and a connection
 * to it.  Returns the connection, *retRoot and *retURI; or NULL with a
 * diagnostic. */
virConnectPtr testQemuConnectNew(const char *qemuconf, bool events,
                                 char **retRoot, char **retURI);

/* A minimal domain: no disks, 64 MiB, TCG, the given emulator (NULL:
 * Debian's qemu-system-x86_64) and extra <devices> content. */
char *testQemuDomainXML(const char *name, const char *emulator,
                        const char *devices);

/* The QEMU pid and start time recorded in a domain's status file. */
pid_t testQemuDomainPid(const char *root, const char *name);
char *testQemuStatusFile(const char *root, const char *name);
/* The first private directory of a run (domain-*) left in the root's
 * state directory, or NULL when there is none. */
char *testQemuRunDirLeft(const char *root);

/* Whether @pid exists and has not exited (a zombie has). */
bool testProcessAlive(pid_t pid);
/* Its pending signals (thread and process), as a mask of 1 << (sig-1). */
unsigned long long testProcessPendingSignals(pid_t pid);
/* Reaps every exited child (QEMUs the test started, or orphans handed
 * to it as subreaper). */
void testReapChildren(void);
/* Waits up to @ms for @pid to be gone (and reaps it if it is ours). */
bool testProcessWaitGone(pid_t pid, int ms);

/* The path of a built test helper program. */
char *testBuildPath(const char *name);


/* The last error's code (and domain unless negative, and the start of
 * its message unless NULL); -1 with a diagnostic when it differs. */
int testQemuCheckError(int code, int domain, const char *prefix);
/* The domain's state and reason; -1 with a diagnostic when they
 * differ. */
int testQemuCheckState(virDomainPtr dom, int wantState, int wantReason);

/* A TEST_ASSERT (testutils.h) that @dom's state and reason are
 * @wantState and @wantReason; a failure prints both pairs. */
#define TEST_ASSERT_STATE(dom, wantState, wantReason) \
    do { \
        int testState_ = -1; \
        int testReason_ = -1; \
        if (virDomainGetState(dom, &testState_, &testReason_, 0) < 0 || \
            testState_ != (wantState) || testReason_ != (wantReason)) { \
            virTestAssertFailed(__FILE__, __LINE__, \
                                "state of %s: %d/%d, expected %s/%s (%d/%d)", \
                                #dom, testState_, testReason_, #wantState, \
                                #wantReason, (int)(wantState), \
                                (int)(wantReason)); \
            goto cleanup; \
        } \
    } while (0)

/* Stops @pid with SIGSTOP and waits until /proc shows it stopped. */
int testProcessFreeze(pid_t pid);

/* A new directory (removed at exit) of symlinks to the stub QEMU, one
 * per name in @names (NULL-terminated): qemu-stub, qemu-stub-MODE. */
char *testQemuStubDir(const char *const *names);
/* A stub program's set-up: testQemuConnectNew() with the default event
 * loop and TEST_QEMU_STUB_CONF, then testQemuStubDir(@names) made known
 * to the driver (testQemuStubFixtures()).  Returns the connection,
 * *retRoot, *retURI and *retStubs; or NULL with a diagnostic. */
virConnectPtr testQemuStubConnectNew(const char *const *names, char **retRoot,
                                     char **retURI, char **retStubs);
/* Makes @conn's driver take the capabilities of QEMU 7.2 (the fixture
 * in qemucapabilitiesdata) for every stub in @dir named in @names, so
 * that it never probes them (names that are not qemu-system-ARCH, and
 * stubs that cannot even be probed). */
int testQemuStubFixtures(virConnectPtr conn, const char *dir,
                         const char *const *names);

/* An error handler that prints nothing: the tests look at the errors. */
void testQemuQuietErrors(void *opaque, virErrorPtr err);

/* A virTestRun body for the end of a program: the connection @opaque
 * has no domain left, and the program no child process. */
int testQemuNoLeftovers(const void *opaque);

/* Defines @name (emulator @emulator, NULL for Debian's QEMU) on @conn
 * and starts it; the handle is the caller's.  On failure a diagnostic
 * is printed and nothing is left defined. */
virDomainPtr testQemuStart(virConnectPtr conn, const char *name,
                           const char *emulator);

/* Ends what a case leaves: @pid (if > 0 and alive) by SIGKILL, then the
 * domain destroyed, undefined and its handle freed (@dom may be NULL),
 * the error reset and children reaped. */
void testQemuCleanup(virDomainPtr dom, pid_t pid);


/* Seconds (monotonic) since @start, a g_get_monotonic_time() value. */
double testSecondsSince(gint64 start);
/* Whether @elapsed seconds is within [@low, @high); a diagnostic
 * naming @what if not. */
bool testTookBetween(const char *what, double elapsed, double low, double high);
/* A graceful destroy of @dom fails after destroy_graceful_timeout (no
 * sooner, no much later) with upstream's OPERATION_FAILED "failed to
 * kill qemu process with SIGTERM", naming @pid; 0, or -1 with a
 * diagnostic.  The error stays, for the caller to read more of it. */
int testQemuGracefulFailsInTime(virDomainPtr dom, pid_t pid);
/* The default destroy of @dom, whose QEMU @pid outlasts SIGTERM, kills
 * it after destroy_term_timeout (no sooner, no much later): shut off
 * (destroyed), @pid gone; 0, or -1 with a diagnostic. */
int testQemuDestroyKillsAfterTerm(virDomainPtr dom, pid_t pid);

/* testQemuStart() and testQemuDomainXML() with the stub QEMU @stub of
 * @stubDir (testQemuStubDir()) as the emulator. */
virDomainPtr testQemuStubStart(virConnectPtr conn, const char *stubDir,
                               const char *name, const char *stub);
char *testQemuStubXML(const char *stubDir, const char *name, const char *stub);

/* Whether the log of domain @name in @root says QEMU got SIGTERM from
 * this process; a diagnostic with the log if not. */
bool testQemuLogShowsSigterm(const char *root, const char *name);
/* Whether nothing of a run of @name is left in @root's state directory:
 * no pid file, no private directory, and a status file only if @status
 * says what it must hold.  A diagnostic if not. */
bool testQemuNoRuntimeState(const char *root, const char *name, const char *status);


/* What testEventLogCallback, a lifecycle event callback
 * (virConnectDomainEventRegisterAny() with &log as opaque), saw: the
 * first TEST_EVENT_LOG_MAX events with their domain's name, and how
 * many came in all; @freed once testEventLogFree (its free callback)
 * ran. */
#define TEST_EVENT_LOG_MAX 16
typedef struct {
    int count;
    int events[TEST_EVENT_LOG_MAX];
    int details[TEST_EVENT_LOG_MAX];
    char names[TEST_EVENT_LOG_MAX][32];
    bool freed;
} testEventLog;

int testEventLogCallback(virConnectPtr conn, virDomainPtr dom, int event,
                         int detail, void *opaque);
void testEventLogFree(void *opaque);
/* Runs the default event loop until @log has seen @want events or
 * @ms milliseconds passed. */
void testEventLogWait(testEventLog *log, int want, int ms);
