/*
 * testutilshostile.h: the invariants of the hostile-input tests (issue 10)
 *
 * Whatever a test plants under a driver root, the driver must never act
 * outside it.  A guard stands for what lies outside: decoy processes
 * (/bin/sleep with every signal blocked, so that a signal sent to one
 * stays pending where /proc shows it, and SIGKILL or SIGSTOP show as a
 * dead or stopped decoy), zombie children of the test (which the driver
 * must not reap), and a directory with decoy files, a decoy directory
 * and a decoy socket of known content, inode, mode and times, watched
 * for new and vanished entries.  testGuardCheck() proves after each case
 * that none of them was signalled, reaped, written, created, removed or
 * sent a byte.
 *
 * Beside it, testRootStopAll() proves the other half of the contract:
 * every QEMU of a root is listed by a new connection as an active domain
 * and stopped by destroy.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/types.h>

#include "internal.h"

typedef struct _testGuard testGuard;

/* A new guard: one decoy process, and the decoy directory (removed at
 * exit) with its files. */
testGuard *testGuardNew(void);
/* Ends the decoys (SIGKILL, reaped) and frees @guard. */
void testGuardFree(testGuard *guard);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(testGuard, testGuardFree);

/* The decoy process made with the guard, and another one on demand. */
pid_t testGuardDecoy(const testGuard *guard);
pid_t testGuardAddDecoy(testGuard *guard);
/* A child of this process that has exited and is left unreaped: the
 * guard checks that it stays so.  testGuardDropZombie() reaps it and
 * stops checking it. */
pid_t testGuardAddZombie(testGuard *guard);
void testGuardDropZombie(testGuard *guard, pid_t pid);

/* The directory outside every root, and decoys in it: a regular file,
 * a directory holding one file, and a listening UNIX socket served by
 * this process. */
const char *testGuardDir(const testGuard *guard);
const char *testGuardFile(const testGuard *guard);
const char *testGuardSubdir(const testGuard *guard);
const char *testGuardSocket(const testGuard *guard);

/* Serves a listening UNIX socket at @path (anywhere, a root included)
 * from this process, which is not QEMU: testGuardCheck() accepts what
 * connected and reports any byte a client sent.  Returns 0, or -1 with
 * a diagnostic. */
int testGuardServeSocket(testGuard *guard, const char *path);
/* How many connections the served sockets took, checks included. */
unsigned int testGuardConnections(const testGuard *guard);

/* Appends one line to @problems per broken invariant; returns how
 * many. */
int testGuardCheck(testGuard *guard, GString *problems);

/* Reaps every exited child of this process except the guard's
 * zombies (testReapChildren() would reap those too). */
void testGuardReap(const testGuard *guard);
/* Waits up to @ms for @pid to be gone, reaping as testGuardReap(). */
bool testGuardWaitGone(const testGuard *guard, pid_t pid, int ms);

/* For g_ptr_array_sort() of strings. */
gint testStrPtrCompare(gconstpointer a, gconstpointer b);

/* Field 22 of /proc/PID/stat (zombies have one too), 0 if unknown. */
unsigned long long testProcessStartTime(pid_t pid);
/* The parent of @pid, 0 if unknown. */
pid_t testProcessParent(pid_t pid);

/* The QEMU processes (not zombies) whose command line mentions @root,
 * sorted; a wrapper shell that passes QEMU's arguments on is not one. */
GArray *testRootQemuProcesses(const char *root);
/* Every process, QEMU or not, whose command line mentions @root. */
GArray *testRootAllProcesses(const char *root);
/* The domain name in a QEMU's "-name guest=NAME" (commas undoubled),
 * or NULL. */
char *testQemuProcessDomainName(pid_t pid);

/*
 * Every QEMU of @root must be a domain that a new connection to @uri
 * lists as active, and destroy must stop it (the process gone after).
 * Each such domain is destroyed; whatever process of the root is left
 * then (QEMU or wrapper) is killed with SIGKILL and counted.  Appends
 * one line to @problems per problem; returns how many.
 */
int testRootStopAll(const testGuard *guard, const char *root, const char *uri,
                    GString *problems);
