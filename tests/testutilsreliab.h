/*
 * testutilsreliab.h: helpers of the reliability runs (issue 5): how
 * many rounds to run, figures for docs/reliability.rst, the worker
 * process, and the consistency check of a driver root
 *
 * The normal suite runs a few rounds of everything; the reliability
 * run (./run reliability) sets VIR_TEST_RELIABILITY=full for the full
 * counts and VIR_TEST_RELIAB_REPORT to a file that collects every
 * figure, one JSON object per line, from which
 * tests/reliability/genreport.py writes docs/reliability.rst.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/types.h>

#include "internal.h"
#include "testutils.h"

/* Whether this is the reliability run (full counts). */
bool testReliabFull(void);

/* @quick rounds in the normal suite, @full in the reliability run. */
int testReliabRounds(int quick, int full);

/* A figure: named numbers and strings that end up in the report. */
typedef struct _testReliabFigure testReliabFigure;

testReliabFigure *testReliabFigureNew(const char *id, const char *title);
void testReliabFigureInt(testReliabFigure *fig, const char *key,
                         long long value);
void testReliabFigureDouble(testReliabFigure *fig, const char *key,
                            double value);
void testReliabFigureString(testReliabFigure *fig, const char *key,
                            const char *value);
/* Prints the figure as TAP comments, appends it to the report (if
 * any) and frees it. */
void testReliabFigureSave(testReliabFigure *fig);

/* Statistics of @n samples (@values is sorted in place). */
double testReliabMedian(double *values, size_t n);
double testReliabPercentile(double *values, size_t n, double pct);
double testReliabMax(const double *values, size_t n);

/* A random integer in [lo, hi], from a generator seeded once per
 * program (VIR_TEST_RELIAB_SEED reproduces a run; the seed in use is
 * printed). */
gint64 testReliabRandom(gint64 lo, gint64 hi);

/* SIGSTOP and wait until /proc shows the process stopped. */
int testReliabFreeze(pid_t pid);

/*
 * The worker: build/tests/qemureliabworker, a separate program that
 * drives the public API so that it can be killed or raced.  @argv is
 * passed after the program name.  Its stdout comes back through
 * *retOut (if not NULL); descriptor @passfd (if >= 0) is handed to it
 * as descriptor 3.
 */
pid_t testReliabWorkerSpawn(const char *const *argv, int passfd, int *retOut);
/* One line (without its newline) from @fd, waiting up to @timeoutMs;
 * what is left at end of file counts as a line; NULL at end of file or
 * on timeout. */
char *testReliabReadLine(int fd, int timeoutMs);
/* Waits for a worker and returns what it printed (NULL on error). */
char *testReliabWorkerFinish(pid_t pid, int outfd, int *retStatus);

/*
 * What the consistency check of a root expects of one domain, from
 * what the killed process had finished.
 */
typedef enum {
    TEST_RELIAB_MAYBE = 0,    /* either is fine */
    TEST_RELIAB_NO,
    TEST_RELIAB_YES,
} testReliabExpect;

/*
 * Opens @uri (which reconciles every domain, as any later process
 * does) and checks the root: every definition and status file parses;
 * every active domain's QEMU runs, is the recorded process and was
 * started for it; every QEMU of the root belongs to an active domain;
 * no lock is held; domain @name is defined / active as @defined /
 * @active say.  Appends each problem found to @problems.
 *
 * Returns: the number of problems.
 */
int testReliabCheckRoot(const char *root, const char *uri, const char *name,
                        testReliabExpect defined, testReliabExpect active,
                        GString *problems);
/* A TEST_ASSERT (testutils.h) that testReliabCheckRoot() finds no
 * problem; a failure prints each one. */
#define TEST_ASSERT_ROOT_CONSISTENT(root, uri, name, defined, active) \
    do { \
        g_autoptr(GString) testProblems_ = g_string_new(NULL); \
        if (testReliabCheckRoot(root, uri, name, defined, active, \
                                testProblems_) > 0) { \
            virTestAssertFailed(__FILE__, __LINE__, \
                                "root %s consistent for %s (%s/%s):\n%s", \
                                #root, #name, #defined, #active, \
                                testProblems_->str); \
            goto cleanup; \
        } \
    } while (0)

/* Destroys and undefines @name if it exists, through a new connection:
 * proves the root is usable.  Returns 0, or -1 with a diagnostic. */
int testReliabResetDomain(const char *uri, const char *name);

/* Runs an argv (no shell) and collects its output; returns its exit
 * status, or -1 if it could not run. */
int testReliabRun(const char *const *argv, char **retOut);

/* The human monitor command @cmd on the running domain @name, through
 * the driver's own monitor in a job (white box: @conn must be an
 * embedded connection of this process). */
int testReliabMonitorHMP(virConnectPtr conn, const char *name,
                         const char *cmd, char **retReply);
