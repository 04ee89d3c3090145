/*
 * virprocess.c: inspecting, signalling, waiting for and spawning
 * processes
 *
 * The only file of the library that signals processes or opens pidfds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "virprocesspriv.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.process");

/* /proc/PID/stat and /proc/PID/status are a few hundred bytes. */
#define VIR_PROCESS_PROC_FILE_MAX (64 * 1024)

/* Field 22 of /proc/PID/stat, counted from 1 (the pid). */
#define VIR_PROCESS_STAT_STARTTIME 22
/* A QEMU command line is a few KiB; anything absurd is not ours. */
#define VIR_PROCESS_CMDLINE_MAX (1024 * 1024)
/* The first field after the command name is field 3 (the state). */
#define VIR_PROCESS_STAT_FIRST_AFTER_COMM 3


/*
 * Reads /proc/@pid/@name.  Reports nothing.
 *
 * Returns: 0 with the contents in @ret, or -errno (-ENOENT when the
 * process is gone).
 */
static int
virProcessReadProcFile(pid_t pid, const char *name, char **ret)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/%s", (long long)pid,
                                            name);

    if (virFileReadAllQuiet(path, VIR_PROCESS_PROC_FILE_MAX, ret) < 0)
        return errno ? -errno : -EIO;
    return 0;
}


/**
 * virProcessParseStartTime:
 * @pid: the process @stat belongs to, for the error message
 * @stat: the contents of /proc/@pid/stat
 * @retStartTime: the start time, in clock ticks since boot
 *
 * The command name (field 2) is in parentheses and may itself contain
 * spaces and parentheses, so the fields are counted from the last ')'.
 *
 * Returns: 0, or -1 with VIR_ERR_INTERNAL_ERROR reported.
 */
int
virProcessParseStartTime(pid_t pid, const char *stat,
                         unsigned long long *retStartTime)
{
    const char *p = strrchr(stat, ')');
    int field = VIR_PROCESS_STAT_FIRST_AFTER_COMM;

    if (!p)
        goto error;
    p++;
    for (;;) {
        const char *start;
        char *end = NULL;
        guint64 value;

        while (*p == ' ')
            p++;
        if (!*p || *p == '\n')
            goto error;
        start = p;
        while (*p && *p != ' ' && *p != '\n')
            p++;
        if (field++ < VIR_PROCESS_STAT_STARTTIME)
            continue;

        errno = 0;
        value = g_ascii_strtoull(start, &end, 10);
        if (errno != 0 || end != p || !g_ascii_isdigit(*start))
            goto error;
        *retStartTime = value;
        return 0;
    }

 error:
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("cannot find the start time of process %1$lld in /proc/%2$lld/stat"),
                   (long long)pid, (long long)pid);
    return -1;
}


/**
 * virProcessGetStartTime:
 * @pid: a process
 * @retStartTime: its start time, in clock ticks since boot
 *
 * Together with the pid, the start time identifies a process: a pid
 * reused by a later process comes with a later start time.
 *
 * Returns: 0, or -1 with an error reported (also when the process does
 * not exist).
 */
int
virProcessGetStartTime(pid_t pid, unsigned long long *retStartTime)
{
    g_autofree char *stat = NULL;
    int rc;

    if ((rc = virProcessReadProcFile(pid, "stat", &stat)) < 0) {
        virReportSystemError(-rc, _("cannot read the start time of process %1$lld"),
                             (long long)pid);
        return -1;
    }
    return virProcessParseStartTime(pid, stat, retStartTime);
}


/**
 * virProcessGetState:
 * @pid: a process
 *
 * Reports nothing.
 *
 * Returns: the "State:" value of /proc/@pid/status, such as
 * "S (sleeping)", "T (stopped)", "D (disk sleep)" or "Z (zombie)", for
 * the caller to free; NULL when the process is gone.
 */
char *
virProcessGetState(pid_t pid)
{
    g_autofree char *status = NULL;
    g_auto(GStrv) lines = NULL;

    if (virProcessReadProcFile(pid, "status", &status) < 0)
        return NULL;
    lines = g_strsplit(status, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        if (STRPREFIX(lines[i], "State:"))
            return g_strstrip(g_strdup(lines[i] + strlen("State:")));
    }
    return NULL;
}


/**
 * virProcessDescribeState:
 * @pid: a process
 *
 * What an operator needs to tell a process that ignores a request from
 * one that cannot act on it: its state, and for one in uninterruptible
 * sleep ("D", stuck in I/O) the kernel function it waits in
 * (/proc/PID/wchan).
 *
 * Returns: e.g. "T (stopped)" or "D (disk sleep), waiting in the kernel
 * in io_schedule", or NULL if the process is gone.  Reports nothing.
 */
char *
virProcessDescribeState(pid_t pid)
{
    g_autofree char *state = virProcessGetState(pid);
    g_autofree char *wchan = NULL;

    if (!state)
        return NULL;
    if (state[0] != 'D' || virProcessReadProcFile(pid, "wchan", &wchan) < 0)
        return g_steal_pointer(&state);
    g_strstrip(wchan);
    /* "0" when it waits nowhere the kernel names (or may not say). */
    if (!*wchan || STREQ(wchan, "0"))
        return g_strdup_printf(_("%1$s, kernel wait channel unknown"), state);
    return g_strdup_printf(_("%1$s, waiting in the kernel in %2$s"), state, wchan);
}


/**
 * virProcessIsZombie:
 * @pid: a process
 *
 * A zombie has exited and only waits for its parent to reap it.
 *
 * Returns: whether @pid is a zombie.  Reports nothing.
 */
bool
virProcessIsZombie(pid_t pid)
{
    g_autofree char *state = virProcessGetState(pid);

    return state && state[0] == 'Z';
}


/**
 * virProcessOpenPidfd:
 * @pid: a process
 * @expectedStartTime: its start time, as recorded when it was started
 * @retfd: where to put the pidfd (close-on-exec)
 *
 * Opens a pidfd for @pid, then checks that the process it pins is the
 * one that started at @expectedStartTime.  The check comes after the
 * open: once the pidfd exists it refers to that process for good, so a
 * pid reused in between cannot slip through.  A zombie still counts as
 * the process (waiting on its pidfd returns at once).
 *
 * Returns: 1 with the pidfd in @retfd; 0 when the process is gone or
 * @pid now belongs to another process (nothing is opened); -1 with an
 * error reported.
 */
int
virProcessOpenPidfd(pid_t pid, unsigned long long expectedStartTime,
                    int *retfd)
{
    VIR_AUTOCLOSE fd = -1;
    g_autofree char *stat = NULL;
    unsigned long long startTime;
    int rc;

    if ((fd = syscall(SYS_pidfd_open, pid, 0)) < 0) {
        if (errno == ESRCH) {
            VIR_DEBUG("process %lld is gone", (long long)pid);
            return 0;
        }
        virReportSystemError(errno, _("cannot open a pidfd for process %1$lld"),
                             (long long)pid);
        return -1;
    }

    if ((rc = virProcessReadProcFile(pid, "stat", &stat)) < 0) {
        if (rc == -ENOENT || rc == -ESRCH) {
            VIR_DEBUG("process %lld exited and was reaped", (long long)pid);
            return 0;
        }
        virReportSystemError(-rc, _("cannot read the start time of process %1$lld"),
                             (long long)pid);
        return -1;
    }
    if (virProcessParseStartTime(pid, stat, &startTime) < 0)
        return -1;
    if (startTime != expectedStartTime) {
        VIR_DEBUG("pid %lld now belongs to a process started at %llu, not %llu",
                  (long long)pid, startTime, expectedStartTime);
        return 0;
    }

    *retfd = g_steal_fd(&fd);
    return 1;
}


/**
 * virProcessPidfdSendSignal:
 * @pidfd: a pidfd from virProcessOpenPidfd()
 * @sig: the signal
 *
 * A raw helper: reports nothing.
 *
 * Returns: 0 when the signal was sent; -ESRCH when the process has
 * already exited; another -errno otherwise.
 */
int
virProcessPidfdSendSignal(int pidfd, int sig)
{
    if (syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0) < 0)
        return -errno;
    return 0;
}


/*
 * Reaps the process behind @pidfd if it is our child and has exited.
 * waitid(P_PIDFD) rather than waitpid(): it cannot reap some other child
 * that happens to have been given the same pid.
 *
 * Returns: its wait status, or -1 if it was not ours to reap.
 */
static int
virProcessPidfdReap(int pidfd, pid_t pid)
{
    siginfo_t info;
    int rc;

    memset(&info, 0, sizeof(info));
    while ((rc = waitid(P_PIDFD, pidfd, &info, WEXITED | WNOHANG)) < 0 &&
           errno == EINTR)
        ;
    if (rc < 0) {
        if (errno != ECHILD)
            VIR_WARN("cannot reap process %lld: %s", (long long)pid,
                     g_strerror(errno));
        return -1;
    }
    if (info.si_pid == 0)
        return -1;

    switch (info.si_code) {
    case CLD_EXITED:
        return W_EXITCODE(info.si_status, 0);
    case CLD_KILLED:
        return W_EXITCODE(0, info.si_status);
    case CLD_DUMPED:
        return W_EXITCODE(0, info.si_status) | WCOREFLAG;
    default:
        return -1;
    }
}


static int virProcessPidfdWaitInternal(int pidfd, pid_t pid, long long timeoutMs,
                                       int *retStatus, bool reap);


/**
 * virProcessPidfdWait:
 * @pidfd: a pidfd from virProcessOpenPidfd()
 * @pid: the process's pid, for messages
 * @timeoutMs: how long to wait, in milliseconds; negative waits forever
 * @retStatus: if not NULL, set when the process exited: its wait status
 *             (as from waitpid) when it was our child and is now reaped,
 *             otherwise -1
 *
 * Waits until the process exits, waking as soon as it does (the pidfd
 * becomes readable; a zombie has exited).  Signals that interrupt the
 * wait do not extend it: the deadline is on the monotonic clock.
 *
 * Returns: 1 when the process has exited, 0 when @timeoutMs passed
 * first, -1 with an error reported.
 */
int
virProcessPidfdWait(int pidfd, pid_t pid, long long timeoutMs, int *retStatus)
{
    return virProcessPidfdWaitInternal(pidfd, pid, timeoutMs, retStatus, true);
}


/* As virProcessPidfdWait(), reaping an exited process only if @reap. */
static int
virProcessPidfdWaitInternal(int pidfd, pid_t pid, long long timeoutMs,
                            int *retStatus, bool reap)
{
    gint64 deadline = 0;
    int status;

    if (timeoutMs >= 0)
        deadline = g_get_monotonic_time() + timeoutMs * 1000;

    for (;;) {
        struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
        int waitMs = -1;
        int rc;

        if (timeoutMs >= 0) {
            gint64 left = deadline - g_get_monotonic_time();

            if (left < 0)
                left = 0;
            /* Round up, so that the wait never ends just short of the
             * deadline and spins. */
            waitMs = MIN((left + 999) / 1000, G_MAXINT);
        }

        rc = poll(&pfd, 1, waitMs);
        if (rc < 0) {
            if (errno == EINTR)
                continue;
            virReportSystemError(errno, _("cannot wait for process %1$lld to exit"),
                                 (long long)pid);
            return -1;
        }
        if (rc > 0) {
            if (pfd.revents & POLLNVAL) {
                virReportSystemError(EBADF, _("cannot wait for process %1$lld to exit"),
                                     (long long)pid);
                return -1;
            }
            break;
        }
        if (timeoutMs >= 0 && g_get_monotonic_time() >= deadline)
            return 0;
    }

    status = reap ? virProcessPidfdReap(pidfd, pid) : -1;
    VIR_DEBUG("process %lld exited, wait status %d", (long long)pid, status);
    if (retStatus)
        *retStatus = status;
    return 1;
}


/**
 * virProcessReap:
 * @pid: a process
 *
 * Collects @pid's exit status if it is our child and has exited, so that
 * it does not linger as a zombie.  Does not wait.  Reports nothing:
 * a process that is not our child (ECHILD) is simply not ours to reap.
 *
 * Returns: 1 if it was reaped, 0 otherwise.
 */
int
virProcessReap(pid_t pid)
{
    pid_t rc;

    while ((rc = waitpid(pid, NULL, WNOHANG)) < 0 && errno == EINTR)
        ;
    if (rc < 0 && errno != ECHILD)
        VIR_WARN("cannot reap process %lld: %s", (long long)pid,
                 g_strerror(errno));
    return rc > 0 ? 1 : 0;
}


/**
 * virProcessGetCmdline:
 * @pid: a process
 * @retArgv: its command line, NULL-terminated, for the caller to free
 *           (g_strfreev); empty for a zombie
 *
 * Reports nothing.
 *
 * Returns: 0; -ENOENT when the process is gone; another -errno when
 * /proc could not be read (-E2BIG for an absurdly long command line).
 */
int
virProcessGetCmdline(pid_t pid, char ***retArgv)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    VIR_AUTOCLOSE fd = open(path, O_RDONLY | O_CLOEXEC);
    g_autoptr(GString) buf = NULL;
    g_autoptr(GPtrArray) argv = NULL;
    char chunk[4096];

    if (fd < 0)
        return errno == ESRCH ? -ENOENT : -errno;
    buf = g_string_new(NULL);
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno == ESRCH ? -ENOENT : -errno;
        if (n == 0)
            break;
        if (buf->len + n > VIR_PROCESS_CMDLINE_MAX)
            return -E2BIG;
        g_string_append_len(buf, chunk, n);
    }

    argv = g_ptr_array_new();
    for (gsize i = 0; i < buf->len; i += strlen(buf->str + i) + 1)
        g_ptr_array_add(argv, g_strdup(buf->str + i));
    g_ptr_array_add(argv, NULL);
    *retArgv = (char **)g_ptr_array_free(g_steal_pointer(&argv), FALSE);
    return 0;
}


/**
 * virProcessCmdlineHasArgs:
 * @pid: a process
 * @args: NULL-terminated strings, each of which must be a whole
 *        argument of @pid's command line
 *
 * A process's command line is something only that process (and whoever
 * started it) chose: the driver puts the domain's UUID and the path of
 * its own monitor socket there, so finding them proves that @pid is the
 * domain's QEMU and not some process that happens to share a pid and a
 * start time recorded in a forged file.  A zombie has no command line.
 * Reports nothing.
 *
 * Returns: 1 when every element of @args is there, 0 when one is not
 * (or the process is gone), -errno when /proc could not be read.
 */
int
virProcessCmdlineHasArgs(pid_t pid, const char *const *args)
{
    g_auto(GStrv) argv = NULL;
    int rc;

    if ((rc = virProcessGetCmdline(pid, &argv)) < 0)
        return rc == -ENOENT || rc == -E2BIG ? 0 : rc;
    for (size_t a = 0; args[a]; a++) {
        if (!g_strv_contains((const char *const *)argv, args[a]))
            return 0;
    }
    return 1;
}


/* Whether the process behind @pidfd has exited, without waiting and
 * without reaping it.  Reports nothing; an error counts as "not yet". */
static bool
virProcessPidfdHasExited(int pidfd)
{
    struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
    int rc;

    while ((rc = poll(&pfd, 1, 0)) < 0 && errno == EINTR)
        ;
    return rc > 0 && (pfd.revents & POLLIN);
}


/**
 * virProcessRefSet:
 * @ref: a reference
 * @pid: a process, as recorded somewhere
 * @startTime: its start time, as recorded with it
 *
 * Points @ref at a recorded process without opening anything: the
 * identity is checked by virProcessRefOpen().  Whatever @ref held
 * before is released.
 */
void
virProcessRefSet(virProcessRef *ref, pid_t pid, unsigned long long startTime)
{
    virProcessRefClear(ref);
    ref->pid = pid;
    ref->startTime = startTime;
}


/**
 * virProcessRefOpen:
 * @ref: a reference set by virProcessRefSet()
 * @identity: NULL, or arguments that the process's command line must
 *            carry (see virProcessCmdlineHasArgs())
 *
 * Verifies that the recorded process still exists and is the one that
 * was recorded (its start time, and its command line when @identity is
 * given), and pins it with a pidfd.  Nothing else may act on the
 * process: any mismatch counts as "gone".  A process that has exited
 * but is not reaped yet is still the recorded one (its pidfd says it
 * exited, and waiting reaps it when it is our child).  Idempotent.
 *
 * Returns: 1 when @ref is open; 0 when the process is gone or the pid
 * now names another process (@ref->gone is set); -1 with an error
 * reported.
 */
int
virProcessRefOpen(virProcessRef *ref, const char *const *identity)
{
    VIR_AUTOCLOSE fd = -1;
    int rc;

    if (ref->pidfd >= 0)
        return 1;
    if (ref->gone || ref->pid <= 0) {
        ref->gone = true;
        return 0;
    }
    if ((rc = virProcessOpenPidfd(ref->pid, ref->startTime, &fd)) <= 0) {
        if (rc == 0)
            ref->gone = true;
        return rc;
    }

    /* Exited already: a zombie has no command line to compare, so the
     * start time is all that says it is the recorded process.  It counts
     * as gone, but is not reaped on that alone (it may be a child of the
     * application's own with the same pid and start time): the caller
     * may clear @unverified once something else proves it ours. */
    ref->unverified = identity && virProcessPidfdHasExited(fd);
    if (identity && !ref->unverified) {
        if ((rc = virProcessCmdlineHasArgs(ref->pid, identity)) < 0) {
            virReportSystemError(-rc, _("cannot read the command line of process %1$lld"),
                                 (long long)ref->pid);
            return -1;
        }
        if (rc == 0) {
            VIR_WARN("process %lld has the recorded start time but not the expected command line: not ours",
                     (long long)ref->pid);
            ref->gone = true;
            return 0;
        }
    }
    ref->pidfd = g_steal_fd(&fd);
    return 1;
}


/**
 * virProcessRefOpenChild:
 * @ref: a reference (released first)
 * @pid: a child this process has just spawned and not reaped
 *
 * An unreaped child cannot change identity, so it is recorded as it is
 * now: its start time is read and a pidfd opened.
 *
 * Returns: 1 when @ref is open; 0 when the child had already been reaped;
 * -1 with an error reported.
 */
int
virProcessRefOpenChild(virProcessRef *ref, pid_t pid)
{
    g_autofree char *stat = NULL;
    int rc;

    virProcessRefClear(ref);
    ref->pid = pid;
    if ((rc = virProcessReadProcFile(pid, "stat", &stat)) < 0) {
        if (rc == -ENOENT || rc == -ESRCH) {
            ref->gone = true;
            return 0;
        }
        virReportSystemError(-rc, _("cannot read the start time of process %1$lld"),
                             (long long)pid);
        return -1;
    }
    if (virProcessParseStartTime(pid, stat, &ref->startTime) < 0)
        return -1;
    return virProcessRefOpen(ref, NULL);
}


/**
 * virProcessRefSignal:
 * @ref: an open reference
 * @sig: the signal
 *
 * A raw helper: reports nothing.
 *
 * Returns: 0 when the signal was sent; -ESRCH when the process has
 * already exited (or @ref is known gone); -EBADF when @ref is not open;
 * another -errno otherwise.
 */
int
virProcessRefSignal(virProcessRef *ref, int sig)
{
    if (ref->gone)
        return -ESRCH;
    if (ref->pidfd < 0)
        return -EBADF;
    return virProcessPidfdSendSignal(ref->pidfd, sig);
}


/**
 * virProcessRefWait:
 * @ref: an open reference
 * @timeoutMs: how long to wait; negative waits forever, 0 only looks
 * @retStatus: as for virProcessPidfdWait()
 *
 * Returns: 1 when the process has exited (@ref->gone is set; reaped if
 * it was our child), 0 when @timeoutMs passed first, -1 with an error
 * reported.
 */
int
virProcessRefWait(virProcessRef *ref, long long timeoutMs, int *retStatus)
{
    int rc;

    if (ref->gone && ref->pidfd < 0) {
        if (retStatus)
            *retStatus = -1;
        return 1;
    }
    if (ref->pidfd < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot wait for process %1$lld: it was not verified"),
                       (long long)ref->pid);
        return -1;
    }
    if ((rc = virProcessPidfdWaitInternal(ref->pidfd, ref->pid, timeoutMs, retStatus,
                                          !ref->unverified)) == 1)
        ref->gone = true;
    return rc;
}


/**
 * virProcessRefIsAlive:
 * @ref: a reference
 *
 * Whether the process still runs (a zombie does not), opening @ref
 * without an identity check if it is not open.  Errors count as alive,
 * since only proof of an exit may lead to cleaning up after a process;
 * they are logged and not reported.
 */
bool
virProcessRefIsAlive(virProcessRef *ref)
{
    int rc;

    if (ref->gone)
        return false;
    if ((rc = virProcessRefOpen(ref, NULL)) == 0)
        return false;
    if (rc > 0 && (rc = virProcessRefWait(ref, 0, NULL)) == 1)
        return false;
    if (rc < 0) {
        VIR_WARN("cannot check process %lld: %s", (long long)ref->pid,
                 virGetLastErrorMessage());
        virResetLastError();
    }
    return true;
}


/**
 * virProcessRefGetState:
 * @ref: a reference
 *
 * Returns: the process's state as virProcessGetState() gives it, for
 * messages, or NULL when it is gone.
 */
char *
virProcessRefGetState(const virProcessRef *ref)
{
    if (ref->gone || ref->pid <= 0)
        return NULL;
    return virProcessGetState(ref->pid);
}


/**
 * virProcessRefDescribeState:
 * @ref: a reference
 *
 * As virProcessDescribeState() for the referenced process.
 *
 * Returns: a description, or NULL when the process is gone.
 */
char *
virProcessRefDescribeState(const virProcessRef *ref)
{
    if (ref->gone || ref->pid <= 0)
        return NULL;
    return virProcessDescribeState(ref->pid);
}


/**
 * virProcessRefDup:
 * @src: an open reference
 * @dst: a cleared reference, set to a copy of @src with its own pidfd
 *
 * Lets one thread wait on a process while others use @src.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virProcessRefDup(const virProcessRef *src, virProcessRef *dst)
{
    int fd = -1;

    if (src->pidfd >= 0 && (fd = fcntl(src->pidfd, F_DUPFD_CLOEXEC, 3)) < 0) {
        virReportSystemError(errno, _("cannot duplicate the pidfd of process %1$lld"),
                             (long long)src->pid);
        return -1;
    }
    *dst = *src;
    dst->pidfd = fd;
    return 0;
}


/**
 * virProcessRefClear:
 * @ref: a reference, or NULL
 *
 * Closes the pidfd and forgets the process.
 */
void
virProcessRefClear(virProcessRef *ref)
{
    if (!ref)
        return;
    virForceClose(&ref->pidfd);
    ref->pid = 0;
    ref->startTime = 0;
    ref->gone = false;
    ref->unverified = false;
}


/* What the child was doing when it failed, as sent to the parent. */
typedef enum {
    VIR_PROCESS_SPAWN_STEP_SESSION,
    VIR_PROCESS_SPAWN_STEP_STDIO,
    VIR_PROCESS_SPAWN_STEP_FDS,
    VIR_PROCESS_SPAWN_STEP_CWD,
    VIR_PROCESS_SPAWN_STEP_RLIMIT,
    VIR_PROCESS_SPAWN_STEP_EXEC,

    VIR_PROCESS_SPAWN_STEP_LAST
} virProcessSpawnStep;

/* Each takes the binary (%1$s) and the working directory (%2$s). */
static const char *const virProcessSpawnStepMessage[] = {
    [VIR_PROCESS_SPAWN_STEP_SESSION] =
        N_("cannot create a new session to execute binary %1$s"),
    [VIR_PROCESS_SPAWN_STEP_STDIO] =
        N_("cannot redirect the standard streams to execute binary %1$s"),
    [VIR_PROCESS_SPAWN_STEP_FDS] =
        N_("cannot close inherited descriptors to execute binary %1$s"),
    [VIR_PROCESS_SPAWN_STEP_CWD] =
        N_("cannot change to directory '%2$s' to execute binary %1$s"),
    [VIR_PROCESS_SPAWN_STEP_RLIMIT] =
        N_("cannot set the limit of open files (max_files) to execute binary %1$s"),
    [VIR_PROCESS_SPAWN_STEP_EXEC] = N_("cannot execute binary %1$s"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virProcessSpawnStepMessage) ==
                VIR_PROCESS_SPAWN_STEP_LAST);

typedef struct {
    int step;
    int err;
} virProcessSpawnFailure;


/* Closes every descriptor from 3 up except those in @keep (sorted). */
static int
virProcessCloseAllBut(const int *keep, size_t nkeep)
{
    unsigned int from = 3;

    for (size_t i = 0; i < nkeep; i++) {
        if (keep[i] < (int)from)
            continue;
        if (keep[i] > (int)from && close_range(from, keep[i] - 1, 0) < 0)
            return -1;
        from = keep[i] + 1;
    }
    return close_range(from, ~0U, 0);
}


/*
 * The child between fork and exec.  Only async-signal-safe calls: the
 * parent may have other threads, whose locks are frozen in the copy.
 */
static void G_GNUC_NORETURN
virProcessSpawnChild(const char *const *argv, const char *const *envp,
                     const virProcessSpawnOpts *opts, const int *keep,
                     size_t nkeep, int errfd, int gofd, pid_t parent)
{
    virProcessSpawnFailure failure;
    struct sigaction dfl;
    sigset_t empty;
    ssize_t n;
    int nullfd;
    int out;

    /* Handlers make no sense after exec, but ignored signals would stay
     * ignored: start QEMU with every signal at its default. */
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL);

    failure.step = VIR_PROCESS_SPAWN_STEP_SESSION;
    if (setsid() < 0)
        goto fail;
    if (opts->dieWithParent) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
            goto fail;
        /* Armed too late: the parent is gone already. */
        if (getppid() != parent)
            _exit(127);
    }

    failure.step = VIR_PROCESS_SPAWN_STEP_STDIO;
    if ((nullfd = open("/dev/null", O_RDWR)) < 0)
        goto fail;
    out = opts->logfd >= 0 ? opts->logfd : nullfd;
    if (dup2(nullfd, STDIN_FILENO) < 0 ||
        dup2(out, STDOUT_FILENO) < 0 ||
        dup2(out, STDERR_FILENO) < 0)
        goto fail;
    if (opts->logfd >= 0) {
        int fl = fcntl(STDOUT_FILENO, F_GETFL);

        if (fl < 0 || fcntl(STDOUT_FILENO, F_SETFL, fl | O_APPEND) < 0)
            goto fail;
    }

    failure.step = VIR_PROCESS_SPAWN_STEP_FDS;
    for (size_t i = 0; i < opts->npassfds; i++) {
        if (fcntl(opts->passfds[i], F_SETFD, 0) < 0)
            goto fail;
    }
    if (virProcessCloseAllBut(keep, nkeep) < 0)
        goto fail;

    umask(opts->umask);

    failure.step = VIR_PROCESS_SPAWN_STEP_CWD;
    if (chdir(opts->cwd ? opts->cwd : "/") < 0)
        goto fail;

    failure.step = VIR_PROCESS_SPAWN_STEP_RLIMIT;
    if (opts->maxFiles > 0) {
        struct rlimit lim = { .rlim_cur = opts->maxFiles, .rlim_max = opts->maxFiles };

        if (setrlimit(RLIMIT_NOFILE, &lim) < 0) {
            /* Not allowed above our hard limit: the most we may give. */
            if (opts->maxFilesRequired || getrlimit(RLIMIT_NOFILE, &lim) < 0)
                goto fail;
            lim.rlim_cur = MIN(lim.rlim_max, (rlim_t)opts->maxFiles);
            if (setrlimit(RLIMIT_NOFILE, &lim) < 0)
                goto fail;
        }
    }

    /* The parent's go-ahead: end of file means it gave up or died
     * before it could record us, so nothing may run. */
    if (gofd >= 0) {
        char go;

        while ((n = read(gofd, &go, 1)) < 0 && errno == EINTR)
            ;
        if (n != 1)
            _exit(127);
    }

    failure.step = VIR_PROCESS_SPAWN_STEP_EXEC;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    execve(argv[0], (char *const *)argv,
           envp ? (char *const *)envp : environ);

 fail:
    failure.err = errno;
    /* The pipe is close-on-exec: the parent sees either this report or
     * end of file on a successful exec. */
    if (write(errfd, &failure, sizeof(failure)) < 0) {
        /* nothing left to tell anyone with */
    }
    _exit(127);
}


static int
virProcessCompareFD(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}


/**
 * virProcessSpawn:
 * @argv: the program (an absolute path, executed as given: never
 *        through a shell) and its arguments, NULL-terminated
 * @envp: its environment, NULL-terminated; NULL passes ours on
 * @opts: how to set up the child; NULL means cwd "/", umask 022,
 *        output to /dev/null, no descriptors passed, no prepare step
 * @retpid: the child's pid
 *
 * Starts @argv as our child in a session of its own, with stdin from
 * /dev/null, stdout and stderr appended to @opts->logfd, every other
 * descriptor closed except @opts->passfds, and every signal unblocked
 * and at its default disposition.  Returns once the exec succeeded; a
 * failure before or in exec is reported here, and that child reaped.
 *
 * The child is the caller's to reap.  It outlives the caller: when the
 * caller exits it is reparented, which lets a QEMU started by one virsh
 * keep running after that virsh is gone.
 *
 * With @opts->prepare, the child waits after its set-up until that
 * callback, given the child's pid, has returned 0.  If the callback
 * fails (it reports why) or the caller dies first, the child exits
 * without executing anything: the program never runs without the
 * caller having had its chance to record it.
 *
 * Setting append mode on the log descriptor affects every descriptor
 * sharing its open file description, the caller's included.
 *
 * Returns: 0, or -1 with an error reported (and no child left).
 */
int
virProcessSpawn(const char *const *argv, const char *const *envp,
                const virProcessSpawnOpts *opts, pid_t *retpid)
{
    const virProcessSpawnOpts defaults = {
        .cwd = NULL, .umask = 022, .logfd = -1, .passfds = NULL, .npassfds = 0,
        .maxFiles = 0,
    };
    g_autofree int *keep = NULL;
    virProcessSpawnFailure failure;
    sigset_t all;
    sigset_t old;
    int errpipe[2];
    int gofds[2] = { -1, -1 };
    bool sent = true;
    size_t nkeep = 0;
    ssize_t n;
    pid_t parent = getpid();
    pid_t pid;

    if (!opts)
        opts = &defaults;

    if (!argv || !argv[0]) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("no binary given to execute"));
        return -1;
    }
    if (!g_path_is_absolute(argv[0])) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot execute binary %1$s: not an absolute path"),
                       argv[0]);
        return -1;
    }
    if (opts->logfd >= 0 && opts->logfd <= STDERR_FILENO) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot execute binary %1$s: its log descriptor %2$d is a standard stream"),
                       argv[0], opts->logfd);
        return -1;
    }

    keep = g_new0(int, opts->npassfds + 2);
    for (size_t i = 0; i < opts->npassfds; i++) {
        if (opts->passfds[i] <= STDERR_FILENO) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot execute binary %1$s: descriptor %2$d to pass is a standard stream"),
                           argv[0], opts->passfds[i]);
            return -1;
        }
        keep[nkeep++] = opts->passfds[i];
    }

    if (pipe2(errpipe, O_CLOEXEC) < 0) {
        virReportSystemError(errno, _("cannot create a pipe to execute binary %1$s"),
                             argv[0]);
        return -1;
    }
    keep[nkeep++] = errpipe[1];
    /* A socket rather than a pipe: sending to a child that died raises
     * no SIGPIPE (MSG_NOSIGNAL). */
    if (opts->prepare &&
        socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, gofds) < 0) {
        virReportSystemError(errno, _("cannot create a socket pair to execute binary %1$s"),
                             argv[0]);
        virForceClose(&errpipe[0]);
        virForceClose(&errpipe[1]);
        return -1;
    }
    if (gofds[0] >= 0)
        keep[nkeep++] = gofds[0];
    qsort(keep, nkeep, sizeof(*keep), virProcessCompareFD);

    /* No handler of ours may run in the child before it resets them. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid = fork();
    if (pid == 0)
        virProcessSpawnChild(argv, envp, opts, keep, nkeep, errpipe[1], gofds[0],
                             parent);
    if (pid < 0)
        virReportSystemError(errno, _("cannot fork a child to execute binary %1$s"),
                             argv[0]);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    virForceClose(&errpipe[1]);
    virForceClose(&gofds[0]);
    if (pid < 0) {
        virForceClose(&errpipe[0]);
        virForceClose(&gofds[1]);
        return -1;
    }

    if (opts->prepare) {
        if (opts->prepare(pid, opts->prepareOpaque) < 0) {
            /* End of file on its socket: the child exits unexecuted. */
            virForceClose(&gofds[1]);
            virForceClose(&errpipe[0]);
            while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        sent = send(gofds[1], "", 1, MSG_NOSIGNAL) == 1;
        virForceClose(&gofds[1]);
    }

    while ((n = read(errpipe[0], &failure, sizeof(failure))) < 0 &&
           errno == EINTR)
        ;
    virForceClose(&errpipe[0]);

    /* End of file means the exec closed the pipe.  A pipe write this
     * small is atomic, so anything else is the whole report. */
    if (n == sizeof(failure)) {
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
        if (failure.step < 0 || failure.step >= VIR_PROCESS_SPAWN_STEP_LAST)
            failure.step = VIR_PROCESS_SPAWN_STEP_EXEC;
        /* Our own table, with the same two arguments for every entry. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
        virReportSystemError(failure.err,
                             _(virProcessSpawnStepMessage[failure.step]),
                             argv[0], opts->cwd ? opts->cwd : "/");
#pragma GCC diagnostic pop
        return -1;
    }
    if (!sent) {
        /* It was gone before the go-ahead, and said nothing. */
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot execute binary %1$s: its process %2$lld ended before it could start it"),
                       argv[0], (long long)pid);
        return -1;
    }

    VIR_DEBUG("started %s as pid %lld", argv[0], (long long)pid);
    *retpid = pid;
    return 0;
}


/**
 * virProcessGetCPUTime:
 * @pid: a process
 * @retNs: the CPU time it has used (user + system), in nanoseconds
 *
 * Returns: 0, or -1 with an error reported (for instance when the
 * process is gone).
 */
int
virProcessGetCPUTime(pid_t pid, unsigned long long *retNs)
{
    g_autofree char *stat = NULL;
    g_auto(GStrv) fields = NULL;
    const char *rest;
    guint64 utime, stime;
    long ticks = sysconf(_SC_CLK_TCK);
    int rc;

    if ((rc = virProcessReadProcFile(pid, "stat", &stat)) < 0) {
        virReportSystemError(-rc, _("cannot read the CPU time of process %1$lld"),
                             (long long)pid);
        return -1;
    }
    /* Fields counted from 3 start after the command name, which may
     * contain anything but ends at the last ')'. */
    if (!(rest = strrchr(stat, ')')) || ticks <= 0)
        goto malformed;
    fields = g_strsplit(rest + 2, " ", -1);
    if (g_strv_length(fields) < 13 ||
        !g_ascii_string_to_unsigned(fields[11], 10, 0, G_MAXUINT64, &utime, NULL) ||
        !g_ascii_string_to_unsigned(fields[12], 10, 0, G_MAXUINT64, &stime, NULL))
        goto malformed;
    *retNs = (utime + stime) * (1000000000ULL / (unsigned long long)ticks);
    return 0;

 malformed:
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("cannot parse /proc/%1$lld/stat"), (long long)pid);
    return -1;
}
