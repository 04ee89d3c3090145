/*
 * virprocess.h: inspecting, signalling, waiting for and spawning
 * processes
 *
 * A pid is only a number that the kernel hands to the next process once
 * the old one is reaped.  Everything here that acts on a process does so
 * through a pidfd whose identity (pid plus start time) was checked, so
 * that a stale pid never leads to signalling a stranger.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/types.h>

#include "internal.h"

int virProcessGetStartTime(pid_t pid, unsigned long long *retStartTime)
    G_GNUC_WARN_UNUSED_RESULT;

int virProcessGetCPUTime(pid_t pid, unsigned long long *retNs)
    G_GNUC_WARN_UNUSED_RESULT;
char *virProcessGetState(pid_t pid);
char *virProcessDescribeState(pid_t pid);
bool virProcessIsZombie(pid_t pid);

int virProcessOpenPidfd(pid_t pid, unsigned long long expectedStartTime,
                        int *retfd) G_GNUC_WARN_UNUSED_RESULT;

int virProcessPidfdSendSignal(int pidfd, int sig);

int virProcessPidfdWait(int pidfd, pid_t pid, long long timeoutMs,
                        int *retStatus) G_GNUC_WARN_UNUSED_RESULT;

int virProcessReap(pid_t pid);

int virProcessGetCmdline(pid_t pid, char ***retArgv) G_GNUC_WARN_UNUSED_RESULT;
int virProcessCmdlineHasArgs(pid_t pid, const char *const *args)
    G_GNUC_WARN_UNUSED_RESULT;


/**
 * virProcessRef:
 *
 * A live process, held by identity rather than by number: its pid, the
 * start time that together with the pid names it uniquely, and a pidfd
 * pinned to it once that identity was verified.  Every signal and every
 * wait goes through the pidfd, so a pid the kernel has given to another
 * process since can never be signalled.  Initialise with
 * VIR_PROCESS_REF_INIT; clear with virProcessRefClear() (or g_auto).
 */
typedef struct _virProcessRef virProcessRef;
struct _virProcessRef {
    pid_t pid;                    /* 0 when unset */
    unsigned long long startTime; /* field 22 of /proc/PID/stat */
    int pidfd;                    /* -1 until verified and opened */
    bool gone;                    /* proven to have exited */
    bool unverified;              /* found exited before its identity could
                                   * be checked: never reaped */
};

#define VIR_PROCESS_REF_INIT \
    { .pid = 0, .startTime = 0, .pidfd = -1, .gone = false, .unverified = false }

void virProcessRefSet(virProcessRef *ref, pid_t pid,
                      unsigned long long startTime)
    ATTRIBUTE_NONNULL(1);
int virProcessRefOpen(virProcessRef *ref, const char *const *identity)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
int virProcessRefOpenChild(virProcessRef *ref, pid_t pid)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
int virProcessRefSignal(virProcessRef *ref, int sig)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
int virProcessRefWait(virProcessRef *ref, long long timeoutMs, int *retStatus)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
bool virProcessRefIsAlive(virProcessRef *ref) ATTRIBUTE_NONNULL(1);
char *virProcessRefGetState(const virProcessRef *ref) ATTRIBUTE_NONNULL(1);
char *virProcessRefDescribeState(const virProcessRef *ref) ATTRIBUTE_NONNULL(1);
int virProcessRefDup(const virProcessRef *src, virProcessRef *dst)
    ATTRIBUTE_NONNULL(1, 2) G_GNUC_WARN_UNUSED_RESULT;
void virProcessRefClear(virProcessRef *ref);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virProcessRef, virProcessRefClear);

/**
 * virProcessSpawnOpts:
 *
 * How virProcessSpawn() sets up the child.  Every field is used, so
 * initialise the whole structure.
 */
typedef struct _virProcessSpawnOpts virProcessSpawnOpts;
struct _virProcessSpawnOpts {
    /* working directory of the child; NULL means "/" */
    const char *cwd;
    /* the child's umask, applied as given */
    mode_t umask;
    /* where the child's stdout and stderr go, in append mode; negative
     * means /dev/null.  Must not be 0, 1 or 2. */
    int logfd;
    /* descriptors the child inherits under the same numbers (each >= 3);
     * every other descriptor is closed */
    const int *passfds;
    size_t npassfds;
    /* if not NULL, called in the parent once the child exists and
     * before it executes the program, with the child's pid: the child
     * executes only once this returns 0.  If it fails, or the caller
     * dies first, the child exits without executing anything.  Lets a
     * caller put the pid on record before the program can run. */
    int (*prepare)(pid_t pid, void *opaque);
    void *prepareOpaque;
    /* if not 0, the child's limit of open files (RLIMIT_NOFILE, soft and
     * hard): its own, not whatever the caller happened to run with.
     * With maxFilesRequired a limit that cannot be set fails the spawn;
     * without, the child gets the most it may have up to that value. */
    unsigned long long maxFiles;
    bool maxFilesRequired;
    /* the child is killed (SIGKILL) when the thread that spawned it
     * exits, and never runs the program if that happened already: for
     * helpers that must not outlive their caller (a capability probe),
     * never for QEMU running a guest */
    bool dieWithParent;
};

int virProcessSpawn(const char *const *argv, const char *const *envp,
                    const virProcessSpawnOpts *opts, pid_t *retpid)
    G_GNUC_WARN_UNUSED_RESULT;
