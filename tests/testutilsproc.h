/*
 * testutilsproc.h: helpers about processes for every test program
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/types.h>

#include "internal.h"

/* Whether this process has no child at all, running or unreaped; a
 * diagnostic naming one if not. */
bool testNoChildren(void);
/* A virTestRun() body: testNoChildren() holds. */
int testNoChildLeft(const void *opaque);

/* A pid no process can have: pids are below pid_max. */
pid_t testUnusedPid(void);

/* Starts "sleep 30" with virProcessSpawn() and opens a verified pidfd
 * on it.  Returns 0 with *retpid and *retpidfd set, or -1 (nothing
 * left running). */
int testSleeperStart(pid_t *retpid, int *retpidfd);
/* Kills and reaps a sleeper, and closes its pidfd. */
void testSleeperStop(pid_t pid, int *pidfd);
