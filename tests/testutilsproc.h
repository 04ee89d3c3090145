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

/* The value of @field ("State", "SigPnd"...) in /proc/PID/status,
 * trimmed, or NULL if the process or the field is not there. */
char *testProcessStatusField(pid_t pid, const char *field);
/* Its state as /proc shows it, e.g. "D (disk sleep)", or NULL. */
char *testProcessState(pid_t pid);

/* Whether an argument of @pid's command line contains @text: 1 yes, 0
 * no, -1 unknown (gone, or on its way out with an empty command line). */
int testProcessCmdlineHas(pid_t pid, const char *text);
/* The processes, zombies left out, with an argument containing @text,
 * by pid. */
GArray *testProcessesWithArg(const char *text);

/* cgroup v1 freezer and friends, under the group directory @dir: write
 * @value to @file (0, or -1 with a diagnostic), read @file (trimmed, or
 * NULL), and set freezer.state to @state and wait until the kernel
 * reports it (0, or -1 with a diagnostic after 5 s). */
int testCgroupWrite(const char *dir, const char *file, const char *value);
char *testCgroupRead(const char *dir, const char *file);
int testCgroupSetFreezer(const char *dir, const char *state);

/* A pid no process can have: pids are below pid_max. */
pid_t testUnusedPid(void);

/* Starts "sleep 30" with virProcessSpawn() and opens a verified pidfd
 * on it.  Returns 0 with *retpid and *retpidfd set, or -1 (nothing
 * left running). */
int testSleeperStart(pid_t *retpid, int *retpidfd);
/* Kills and reaps a sleeper, and closes its pidfd. */
void testSleeperStop(pid_t pid, int *pidfd);
