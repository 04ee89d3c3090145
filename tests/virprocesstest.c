/*
 * virprocesstest.c: process identity, state, signals, waiting and
 * spawning
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsproc.h"
#include "virerror.h"
#include "virfile.h"
#include "virprocesspriv.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define SLEEP_BIN "/usr/bin/sleep"


/* Checks the last error's code and message; prints both when wrong. */
static int
checkError(int code, const char *message)
{
    virErrorPtr err = virErrorLast();

    if (!err) {
        virTestDiag("expected an error, got none");
        return -1;
    }
    if (err->code != code) {
        virTestDiag("expected error code %d, got %d (%s)", code, err->code,
                    NULLSTR(err->message));
        return -1;
    }
    return virTestCompareStrings(message, err->message, "error message");
}


typedef struct {
    const char *stat;
    unsigned long long expect; /* 0: parsing must fail */
} testStatData;

static int
testParseStartTime(const void *opaque)
{
    const testStatData *data = opaque;
    unsigned long long start = 0;
    int rc = virProcessParseStartTime(42, data->stat, &start);

    if (data->expect == 0) {
        if (rc == 0) {
            virTestDiag("parsed %llu from a bad line", start);
            return -1;
        }
        return checkError(VIR_ERR_INTERNAL_ERROR,
                          "internal error: cannot find the start time of process 42 in /proc/42/stat");
    }
    if (rc < 0 || start != data->expect) {
        virTestDiag("expected %llu, got %llu", data->expect, start);
        return -1;
    }
    return 0;
}


static int
testStartTimeReal(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *msg = NULL;
    unsigned long long self = 0;
    unsigned long long child = 0;
    VIR_AUTOCLOSE pidfd = -1;
    pid_t pid;
    pid_t gone = testUnusedPid();

    if (virProcessGetStartTime(getpid(), &self) < 0 || self == 0)
        return -1;
    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;
    if (virProcessGetStartTime(pid, &child) < 0)
        child = 0;
    testSleeperStop(pid, &pidfd);
    /* The child started after us: never earlier. */
    if (child < self) {
        virTestDiag("child started at %llu, before us at %llu", child, self);
        return -1;
    }

    if (virProcessGetStartTime(gone, &self) == 0)
        return -1;
    msg = g_strdup_printf("cannot read the start time of process %lld: No such file or directory",
                          (long long)gone);
    return checkError(VIR_ERR_SYSTEM_ERROR, msg);
}


static int
testOpenPidfd(const void *opaque G_GNUC_UNUSED)
{
    unsigned long long start;
    VIR_AUTOCLOSE fd = -1;
    int other = -1;

    if (virProcessGetStartTime(getpid(), &start) < 0)
        return -1;
    if (virProcessOpenPidfd(getpid(), start, &fd) != 1 || fd < 0)
        return -1;
    /* close-on-exec: it must not leak into QEMU. */
    if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
        return -1;

    /* The same pid, but a process that started at another time: never
     * a pidfd for it. */
    if (virProcessOpenPidfd(getpid(), start + 1, &other) != 0 || other != -1)
        return -1;
    if (virErrorLast())
        return -1;

    /* A pid nobody has: gone, not an error. */
    if (virProcessOpenPidfd(testUnusedPid(), start, &other) != 0 || other != -1)
        return -1;
    if (virErrorLast())
        return -1;

    if (virProcessOpenPidfd(-1, start, &other) != -1 || other != -1)
        return -1;
    return checkError(VIR_ERR_SYSTEM_ERROR,
                      "cannot open a pidfd for process -1: Invalid argument");
}


/* Whether fd @n of @pid exists, and where it points. */
static char *
fdTarget(pid_t pid, int n)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/fd/%d", (long long)pid, n);

    return g_file_read_link(path, NULL);
}


/* The value of a "Name:" line of /proc/PID/status. */
static char *
statusField(pid_t pid, const char *name)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/status", (long long)pid);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t len = strlen(name);

    if (virFileReadAll(path, 65536, &text) < 0)
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        if (strncmp(lines[i], name, len) == 0 && lines[i][len] == ':')
            return g_strstrip(g_strdup(lines[i] + len + 1));
    }
    return NULL;
}


static gint
compareFdNames(gconstpointer a, gconstpointer b)
{
    return atoi(*(const char *const *)a) - atoi(*(const char *const *)b);
}


static void
testIgnoreSignal(int sig G_GNUC_UNUSED)
{
}


/*
 * The child runs in its own session with a clean slate: stdin from
 * /dev/null, output to the log, only the passed descriptor, umask and
 * cwd as asked, no blocked, ignored or handled signals.
 */
static int
testSpawnSetup(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virprocesstest");
    g_autofree char *logpath = g_build_filename(dir, "log", NULL);
    g_autofree char *passpath = g_build_filename(dir, "passed", NULL);
    g_autofree char *leakpath = g_build_filename(dir, "leaked", NULL);
    const char *argv[] = { SLEEP_BIN, "30", NULL };
    VIR_AUTOCLOSE logfd = open(logpath, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    VIR_AUTOCLOSE passfd = open(passpath, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    VIR_AUTOCLOSE leakfd = open(leakpath, O_WRONLY | O_CREAT, 0600);
    int passfds[] = { passfd };
    virProcessSpawnOpts opts = {
        .cwd = dir, .umask = 027, .logfd = logfd,
        .passfds = passfds, .npassfds = 1,
    };
    struct sigaction sa = { .sa_handler = testIgnoreSignal };
    struct sigaction oldUsr2;
    struct sigaction oldHup;
    sigset_t block;
    sigset_t oldmask;
    g_autofree char *stat = NULL;
    g_autofree char *cwd = NULL;
    g_autofree char *cwdlink = NULL;
    g_autofree char *umaskText = NULL;
    g_autofree char *sigBlk = NULL;
    g_autofree char *sigIgn = NULL;
    g_autofree char *sigCgt = NULL;
    g_autofree char *fd0 = NULL;
    g_autofree char *fd1 = NULL;
    g_autofree char *fd2 = NULL;
    g_autofree char *fdPass = NULL;
    g_autofree char *fdList = NULL;
    g_autofree char *fdDir = NULL;
    g_autoptr(GDir) fds = NULL;
    g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *expectFds = NULL;
    const char *name;
    const char *p;
    long long sid = 0;
    int ret = -1;
    pid_t pid = -1;

    if (logfd < 0 || passfd < 0 || leakfd < 0)
        return -1;

    /* What the parent has, the child must not inherit. */
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &oldmask);
    sigaction(SIGUSR2, &sa, &oldUsr2);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGHUP, &sa, &oldHup);

    if (virProcessSpawn(argv, NULL, &opts, &pid) < 0)
        pid = -1;

    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    sigaction(SIGUSR2, &oldUsr2, NULL);
    sigaction(SIGHUP, &oldHup, NULL);
    if (pid < 0)
        return -1;

    /* A session of its own: session id (field 6) is its pid. */
    cwd = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    if (virFileReadAll(cwd, 4096, &stat) < 0)
        goto cleanup;
    p = strrchr(stat, ')');
    if (!p || sscanf(p + 1, " %*c %*d %*d %lld", &sid) != 1 || sid != pid) {
        virTestDiag("session id %lld, expected %lld", sid, (long long)pid);
        goto cleanup;
    }

    cwdlink = g_strdup_printf("/proc/%lld/cwd", (long long)pid);
    g_free(cwd);
    if (!(cwd = g_file_read_link(cwdlink, NULL)) ||
        virTestCompareStrings(dir, cwd, "cwd") < 0)
        goto cleanup;

    umaskText = statusField(pid, "Umask");
    sigBlk = statusField(pid, "SigBlk");
    sigIgn = statusField(pid, "SigIgn");
    sigCgt = statusField(pid, "SigCgt");
    if (virTestCompareStrings("0027", umaskText, "umask") < 0 ||
        virTestCompareStrings("0000000000000000", sigBlk, "blocked signals") < 0 ||
        virTestCompareStrings("0000000000000000", sigIgn, "ignored signals") < 0 ||
        virTestCompareStrings("0000000000000000", sigCgt, "caught signals") < 0)
        goto cleanup;

    fd0 = fdTarget(pid, 0);
    fd1 = fdTarget(pid, 1);
    fd2 = fdTarget(pid, 2);
    fdPass = fdTarget(pid, passfd);
    if (virTestCompareStrings("/dev/null", fd0, "stdin") < 0 ||
        virTestCompareStrings(logpath, fd1, "stdout") < 0 ||
        virTestCompareStrings(logpath, fd2, "stderr") < 0 ||
        virTestCompareStrings(passpath, fdPass, "passed descriptor") < 0)
        goto cleanup;

    /* Nothing else: neither the descriptor without close-on-exec nor
     * the log under its own number.  Look once sleep(1) sleeps: while
     * the dynamic loader and libc start up they open files of their own
     * for a moment. */
    for (int i = 0; i < 2000; i++) {
        g_autofree char *state = statusField(pid, "State");

        if (state && state[0] == 'S')
            break;
        g_usleep(1000);
    }
    fdDir = g_strdup_printf("/proc/%lld/fd", (long long)pid);
    if (!(fds = g_dir_open(fdDir, 0, NULL)))
        goto cleanup;
    while ((name = g_dir_read_name(fds)))
        g_ptr_array_add(seen, g_strdup(name));
    g_ptr_array_sort(seen, compareFdNames);
    g_ptr_array_add(seen, NULL);
    fdList = g_strjoinv(" ", (char **)seen->pdata);
    expectFds = g_strdup_printf("0 1 2 %d", passfd);
    if (virTestCompareStrings(expectFds, fdList, "child descriptors") < 0)
        goto cleanup;

    ret = 0;

 cleanup:
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return ret;
}


/* Output is appended to the log; the environment is exactly envp. */
static int
testSpawnOutput(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virprocesstest");
    g_autofree char *logpath = g_build_filename(dir, "log", NULL);
    g_autofree char *content = NULL;
    const char *echoArgv[] = { "/usr/bin/echo", "hello", "world", NULL };
    const char *envArgv[] = { "/usr/bin/env", NULL };
    const char *envp[] = { "A=1", "B=two words", NULL };
    VIR_AUTOCLOSE logfd = -1;
    virProcessSpawnOpts opts = { .cwd = NULL, .umask = 022, .logfd = -1 };
    int status = -1;
    pid_t pid;

    if (virFileWriteAtomic(logpath, 0600, "before\n", 7) < 0)
        return -1;
    /* Deliberately not O_APPEND and at offset 0: the child appends. */
    if ((logfd = open(logpath, O_WRONLY | O_CLOEXEC)) < 0)
        return -1;
    opts.logfd = logfd;

    if (virProcessSpawn(echoArgv, NULL, &opts, &pid) < 0)
        return -1;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    if (virProcessSpawn(envArgv, envp, &opts, &pid) < 0)
        return -1;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;

    if (virFileReadAll(logpath, 4096, &content) < 0)
        return -1;
    return virTestCompareStrings("before\nhello world\nA=1\nB=two words\n",
                                 content, "log");
}


typedef struct {
    const char *name;
    const char *binary;   /* relative to a temp dir when not absolute */
    const char *cwd;
    int logfd;
    int passfd;
    bool noArgv;
    int code;
    const char *message;  /* @DIR@ stands for the temp dir */
} testSpawnFailData;

static int
testSpawnFail(const void *opaque)
{
    const testSpawnFailData *data = opaque;
    g_autofree char *dir = virTestMakeTempDir("virprocesstest");
    g_autofree char *binary = NULL;
    g_autofree char *message = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *notExec = g_build_filename(dir, "not-executable", NULL);
    const char *argv[] = { NULL, NULL };
    int passfds[] = { data->passfd };
    virProcessSpawnOpts opts = {
        .cwd = data->cwd, .umask = 022, .logfd = data->logfd,
        .passfds = passfds, .npassfds = data->passfd ? 1 : 0,
    };
    pid_t pid = -1;

    if (virFileWriteAtomic(notExec, 0644, "#!/bin/sh\n", 10) < 0)
        return -1;
    if (data->binary[0] == '/' || data->binary[0] == '.' )
        binary = g_strdup(data->binary);
    else
        binary = g_build_filename(dir, data->binary, NULL);
    argv[0] = binary;

    if (virProcessSpawn(data->noArgv ? NULL : argv, NULL, &opts, &pid) == 0) {
        virTestDiag("spawned pid %lld", (long long)pid);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    if (pid != -1)
        return -1;
    /* The failed child was reaped. */
    if (!testNoChildren()) {
        virTestDiag("a child is left behind");
        return -1;
    }
    parts = g_strsplit(data->message, "@DIR@", -1);
    message = g_strjoinv(dir, parts);
    return checkError(data->code, message);
}


/*
 * With no descriptor left to open, the pipe that reports exec failures
 * cannot be made: a clear error, no child.
 */
static int
testSpawnNoDescriptors(const void *opaque G_GNUC_UNUSED)
{
    const char *argv[] = { "/usr/bin/true", NULL };
    struct rlimit saved;
    struct rlimit tight;
    int lowest = dup(0);
    int rc;
    pid_t pid;

    if (lowest < 0 || getrlimit(RLIMIT_NOFILE, &saved) < 0)
        return -1;
    close(lowest);
    tight = saved;
    tight.rlim_cur = lowest;
    if (setrlimit(RLIMIT_NOFILE, &tight) < 0)
        return -1;
    rc = virProcessSpawn(argv, NULL, NULL, &pid);
    setrlimit(RLIMIT_NOFILE, &saved);
    if (rc == 0) {
        waitpid(pid, NULL, 0);
        return -1;
    }
    return checkError(VIR_ERR_SYSTEM_ERROR,
                      "cannot create a pipe to execute binary /usr/bin/true: Too many open files");
}


typedef struct {
    pid_t pid;          /* what the prepare step was given */
    bool wasExecuted;   /* whether the child already ran the program */
    int outfd;          /* >= 0: write the pid there and die (the caller) */
    bool fail;
} testPrepareData;


static int
testPrepare(pid_t pid, void *opaque)
{
    testPrepareData *data = opaque;
    g_autofree char *exe = NULL;
    g_autofree char *path = g_strdup_printf("/proc/%lld/exe", (long long)pid);

    data->pid = pid;
    exe = g_file_read_link(path, NULL);
    data->wasExecuted = !exe || g_str_has_suffix(exe, "/touch");
    if (data->outfd >= 0) {
        if (write(data->outfd, &pid, sizeof(pid)) != sizeof(pid))
            _exit(2);
        _exit(0);
    }
    if (data->fail) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot record the child");
        return -1;
    }
    return 0;
}


/* Waits up to 5 s for @pid to end (it may first have to be reparented
 * to us, the subreaper); returns its wait status or -1. */
static int
testWaitAdopted(pid_t pid)
{
    for (int i = 0; i < 5000; i++) {
        int status;
        pid_t rc = waitpid(pid, &status, WNOHANG);

        if (rc == pid)
            return status;
        g_usleep(1000);
    }
    return -1;
}


/*
 * The prepare step runs in the parent while the child waits: the
 * program has not run yet; it runs once the step succeeds, never when
 * the step fails or the caller dies during it.
 */
static int
testSpawnPrepare(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("spawnprepare");
    g_autofree char *file = g_build_filename(dir, "ran", NULL);
    const char *argv[] = { "/usr/bin/touch", file, NULL };
    testPrepareData data = { .outfd = -1 };
    virProcessSpawnOpts opts = {
        .cwd = NULL, .umask = 022, .logfd = -1,
        .prepare = testPrepare, .prepareOpaque = &data,
    };
    int fds[2];
    pid_t pid;
    pid_t caller;
    int status;

    /* Success: the pid is known before the program runs, then it runs. */
    if (virProcessSpawn(argv, NULL, &opts, &pid) < 0)
        return -1;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || data.pid != pid || data.wasExecuted ||
        !g_file_test(file, G_FILE_TEST_EXISTS)) {
        virTestDiag("prepare saw pid %lld (spawned %lld), executed %d",
                    (long long)data.pid, (long long)pid, data.wasExecuted);
        return -1;
    }
    unlink(file);

    /* The step fails: its error, no program run, no child left. */
    data.fail = true;
    if (virProcessSpawn(argv, NULL, &opts, &pid) == 0 ||
        checkError(VIR_ERR_INTERNAL_ERROR, "internal error: cannot record the child") < 0)
        return -1;
    if (waitpid(data.pid, NULL, WNOHANG) != -1 || errno != ECHILD ||
        g_file_test(file, G_FILE_TEST_EXISTS)) {
        virTestDiag("the program ran, or its process is left");
        return -1;
    }
    virResetLastError();

    /* The caller dies during the step: the child, now ours (we are the
     * subreaper), ends without running the program. */
    data.fail = false;
    if (pipe(fds) < 0)
        return -1;
    data.outfd = fds[1];
    if ((caller = fork()) == 0) {
        close(fds[0]);
        if (virProcessSpawn(argv, NULL, &opts, &pid) < 0)
            _exit(3);
        _exit(4);
    }
    close(fds[1]);
    if (caller < 0 || read(fds[0], &pid, sizeof(pid)) != sizeof(pid)) {
        close(fds[0]);
        return -1;
    }
    close(fds[0]);
    if (waitpid(caller, &status, 0) != caller || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        virTestDiag("the caller ended with status 0x%x", status);
        return -1;
    }
    status = testWaitAdopted(pid);
    if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 127 ||
        g_file_test(file, G_FILE_TEST_EXISTS)) {
        virTestDiag("orphaned child: status 0x%x, program ran %d", status,
                    g_file_test(file, G_FILE_TEST_EXISTS));
        return -1;
    }
    return 0;
}


/*
 * The states the driver reports, and a zombie counted as exited: it is
 * waited for at once and reaped, after which the process is gone.
 */
static int
testStateAndZombie(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *running = NULL;
    g_autofree char *stopped = NULL;
    g_autofree char *zombie = NULL;
    g_autofree char *gone = NULL;
    VIR_AUTOCLOSE pidfd = -1;
    siginfo_t info;
    gint64 start;
    int status = 0;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;

    running = virProcessGetState(pid);
    if (virProcessPidfdSendSignal(pidfd, SIGSTOP) < 0 ||
        waitid(P_PID, pid, &info, WSTOPPED) < 0)
        goto error;
    stopped = virProcessGetState(pid);
    if (virProcessPidfdSendSignal(pidfd, SIGKILL) < 0 ||
        waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0)
        goto error;
    zombie = virProcessGetState(pid);

    /* Just exec'd, it may not have gone to sleep yet. */
    if (STRNEQ_NULLABLE(running, "R (running)") &&
        virTestCompareStrings("S (sleeping)", running, "state") < 0)
        goto error;
    if (virTestCompareStrings("T (stopped)", stopped, "state") < 0 ||
        virTestCompareStrings("Z (zombie)", zombie, "state") < 0 ||
        !virProcessIsZombie(pid))
        goto error;

    start = g_get_monotonic_time();
    if (virProcessPidfdWait(pidfd, pid, 5000, &status) != 1)
        goto error;
    if (g_get_monotonic_time() - start > 100 * 1000) {
        virTestDiag("waiting for a zombie took %lld us",
                    (long long)(g_get_monotonic_time() - start));
        return -1;
    }
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
        virTestDiag("wait status %d", status);
        return -1;
    }

    /* Reaped: gone for good. */
    gone = virProcessGetState(pid);
    if (gone || virProcessIsZombie(pid) || virProcessReap(pid) != 0)
        return -1;
    if (virProcessPidfdSendSignal(pidfd, SIGTERM) != -ESRCH)
        return -1;
    return testNoChildren() ? 0 : -1;

 error:
    testSleeperStop(pid, &pidfd);
    return -1;
}


static int
testWaitTimeout(const void *opaque G_GNUC_UNUSED)
{
    VIR_AUTOCLOSE pidfd = -1;
    gint64 start;
    gint64 elapsed;
    int status = 12345;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;

    start = g_get_monotonic_time();
    if (virProcessPidfdWait(pidfd, pid, 100, &status) != 0)
        goto error;
    elapsed = g_get_monotonic_time() - start;
    if (elapsed < 100 * 1000 || elapsed > 1000 * 1000 || status != 12345) {
        virTestDiag("timed out after %lld us, status %d", (long long)elapsed,
                    status);
        goto error;
    }
    /* A zero timeout only looks. */
    if (virProcessPidfdWait(pidfd, pid, 0, NULL) != 0)
        goto error;

    if (virProcessPidfdSendSignal(pidfd, SIGTERM) < 0 ||
        virProcessPidfdWait(pidfd, pid, 5000, &status) != 1 ||
        !WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
        goto error;
    return testNoChildren() ? 0 : -1;

 error:
    testSleeperStop(pid, &pidfd);
    return -1;
}


typedef struct {
    int pidfd;
    gint64 sentAt;
} testLateSignal;

static gpointer
testSendLateSignal(gpointer opaque)
{
    testLateSignal *late = opaque;

    g_usleep(150 * 1000);
    late->sentAt = g_get_monotonic_time();
    virProcessPidfdSendSignal(late->pidfd, SIGTERM);
    return NULL;
}


/* The wait ends within milliseconds of the exit, not on a tick. */
static int
testWaitPrompt(const void *opaque G_GNUC_UNUSED)
{
    VIR_AUTOCLOSE pidfd = -1;
    testLateSignal late = { .pidfd = -1, .sentAt = 0 };
    GThread *thread;
    gint64 done;
    int status = 0;
    int rc;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;
    late.pidfd = pidfd;
    thread = g_thread_new("late-signal", testSendLateSignal, &late);
    rc = virProcessPidfdWait(pidfd, pid, 10000, &status);
    done = g_get_monotonic_time();
    g_thread_join(thread);
    if (rc != 1) {
        testSleeperStop(pid, &pidfd);
        return -1;
    }
    if (done - late.sentAt > 100 * 1000) {
        virTestDiag("the wait returned %lld us after the signal",
                    (long long)(done - late.sentAt));
        return -1;
    }
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM ? 0 : -1;
}


static volatile sig_atomic_t testAlarms;

static void
testCountAlarm(int sig G_GNUC_UNUSED)
{
    testAlarms++;
}


/* Signals interrupting the wait neither end it early nor extend it. */
static int
testWaitInterrupted(const void *opaque G_GNUC_UNUSED)
{
    struct sigaction sa = { .sa_handler = testCountAlarm, .sa_flags = 0 };
    struct sigaction old;
    struct itimerval every5ms = { { 0, 5000 }, { 0, 5000 } };
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    VIR_AUTOCLOSE pidfd = -1;
    gint64 start;
    gint64 elapsed;
    int rc;
    pid_t pid;

    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;

    testAlarms = 0;
    sigaction(SIGALRM, &sa, &old);
    setitimer(ITIMER_REAL, &every5ms, NULL);
    start = g_get_monotonic_time();
    rc = virProcessPidfdWait(pidfd, pid, 200, NULL);
    elapsed = g_get_monotonic_time() - start;
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &old, NULL);
    testSleeperStop(pid, &pidfd);

    if (rc != 0 || testAlarms < 5 || elapsed < 200 * 1000 ||
        elapsed > 1000 * 1000) {
        virTestDiag("rc %d after %lld us and %d alarms", rc,
                    (long long)elapsed, (int)testAlarms);
        return -1;
    }
    return 0;
}


/*
 * A process that is not our child: its exit (as a zombie of its own
 * parent) ends the wait, and there is nothing for us to reap.
 */
static int
testWaitNotOurChild(const void *opaque G_GNUC_UNUSED)
{
    unsigned long long start;
    VIR_AUTOCLOSE pidfd = -1;
    int pipefd[2];
    pid_t middle;
    pid_t grandchild = 0;
    int status = 0;
    int ret = -1;

    if (pipe(pipefd) < 0)
        return -1;
    if ((middle = fork()) < 0)
        return -1;
    if (middle == 0) {
        pid_t inner = fork();

        if (inner == 0) {
            pause();
            _exit(0);
        }
        if (write(pipefd[1], &inner, sizeof(inner)) != sizeof(inner))
            _exit(1);
        /* Never reaps: the grandchild stays a zombie of ours. */
        for (;;)
            pause();
    }
    close(pipefd[1]);
    if (read(pipefd[0], &grandchild, sizeof(grandchild)) != sizeof(grandchild))
        goto cleanup;

    if (virProcessGetStartTime(grandchild, &start) < 0 ||
        virProcessOpenPidfd(grandchild, start, &pidfd) != 1 ||
        virProcessPidfdSendSignal(pidfd, SIGKILL) < 0)
        goto cleanup;
    if (virProcessPidfdWait(pidfd, grandchild, 5000, &status) != 1 ||
        status != -1 || !virProcessIsZombie(grandchild))
        goto cleanup;
    if (virProcessReap(grandchild) != 0)
        goto cleanup;
    ret = 0;

 cleanup:
    close(pipefd[0]);
    /* The middle process dies; its zombie child comes to us (we are a
     * subreaper) and is reaped here. */
    kill(middle, SIGKILL);
    waitpid(middle, NULL, 0);
    if (grandchild > 0) {
        kill(grandchild, SIGKILL);
        waitpid(grandchild, NULL, 0);
    }
    return ret;
}


static int
testWaitExitStatus(const void *opaque G_GNUC_UNUSED)
{
    const char *argv[] = { "/usr/bin/false", NULL };
    unsigned long long start;
    VIR_AUTOCLOSE pidfd = -1;
    siginfo_t info;
    int status = 0;
    pid_t pid;

    if (virProcessSpawn(argv, NULL, NULL, &pid) < 0)
        return -1;
    /* Exited but not yet reaped: the pidfd still pins it. */
    if (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0 ||
        virProcessGetStartTime(pid, &start) < 0 ||
        virProcessOpenPidfd(pid, start, &pidfd) != 1) {
        waitpid(pid, NULL, 0);
        return -1;
    }
    if (virProcessPidfdWait(pidfd, pid, -1, &status) != 1)
        return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 1) {
        virTestDiag("wait status %d", status);
        return -1;
    }
    return testNoChildren() ? 0 : -1;
}


static int
testWaitBadFd(const void *opaque G_GNUC_UNUSED)
{
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    close(fd);
    if (virProcessPidfdWait(fd, 4242, 1000, NULL) != -1)
        return -1;
    return checkError(VIR_ERR_SYSTEM_ERROR,
                      "cannot wait for process 4242 to exit: Bad file descriptor");
}


static int
testReap(const void *opaque G_GNUC_UNUSED)
{
    const char *argv[] = { "/usr/bin/true", NULL };
    VIR_AUTOCLOSE pidfd = -1;
    siginfo_t info;
    pid_t pid;
    pid_t sleeper;

    if (testSleeperStart(&sleeper, &pidfd) < 0)
        return -1;
    /* Running: nothing to reap, and it keeps running. */
    if (virProcessReap(sleeper) != 0 || virProcessIsZombie(sleeper)) {
        testSleeperStop(sleeper, &pidfd);
        return -1;
    }
    testSleeperStop(sleeper, &pidfd);

    if (virProcessSpawn(argv, NULL, NULL, &pid) < 0)
        return -1;
    if (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0)
        return -1;
    if (virProcessReap(pid) != 1 || virProcessReap(pid) != 0)
        return -1;
    /* Not our child at all. */
    if (virProcessReap(1) != 0)
        return -1;
    return testNoChildren() ? 0 : -1;
}


static int
testNoChildLeft(const void *opaque G_GNUC_UNUSED)
{
    return testNoChildren() ? 0 : -1;
}


#define DO_TEST(title, body, data) \
    do { \
        if (virTestRun(title, body, data) < 0) \
            ret = -1; \
    } while (0)

#define DO_TEST_STAT(title, text, expect) \
    do { \
        static const testStatData d = { text, expect }; \
        DO_TEST("start time: " title, testParseStartTime, &d); \
    } while (0)

#define DO_TEST_SPAWN_FAIL(title, ...) \
    do { \
        static const testSpawnFailData d = { title, __VA_ARGS__ }; \
        DO_TEST("spawn fails: " title, testSpawnFail, &d); \
    } while (0)

static gpointer
testSpawnFromThread(gpointer opaque)
{
    const char *argv[] = { SLEEP_BIN, "30", NULL };
    virProcessSpawnOpts opts = { .umask = 022, .logfd = -1, .dieWithParent = true };
    pid_t *pid = opaque;

    if (virProcessSpawn(argv, NULL, &opts, pid) < 0)
        *pid = -1;
    return NULL;
}


/* With dieWithParent the child ends with the thread that spawned it,
 * not only with the process. */
static int
testSpawnDieWithParent(const void *opaque G_GNUC_UNUSED)
{
    pid_t pid = -1;
    int status = 0;

    g_thread_join(g_thread_new("spawner", testSpawnFromThread, &pid));
    if (pid < 0)
        return -1;
    if (waitpid(pid, &status, 0) != pid) {
        virTestDiag("cannot wait for %lld", (long long)pid);
        return -1;
    }
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
        virTestDiag("child status 0x%x, expected death by SIGKILL", status);
        return -1;
    }
    return 0;
}


static int
mymain(void)
{
    int ret = 0;

    DO_TEST_STAT("plain",
                 "42 (qemu) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 "
                 "4 0 123456 1000 100 18446744073709551615\n", 123456);
    DO_TEST_STAT("name with spaces and parentheses",
                 "42 (a) b) (c d) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 "
                 "20 0 4 0 987654321 1000 100\n", 987654321);
    DO_TEST_STAT("name ending in a parenthesis",
                 "42 (x)) R 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 7 0 0",
                 7);
    DO_TEST_STAT("no closing parenthesis", "42 (qemu S 1 2 3", 0);
    DO_TEST_STAT("too few fields", "42 (qemu) S 1 42 42 0 -1\n", 0);
    DO_TEST_STAT("field 22 not a number",
                 "42 (q) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 4 0 "
                 "12x4 1000\n", 0);
    DO_TEST_STAT("field 22 negative",
                 "42 (q) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 4 0 "
                 "-5 1000\n", 0);
    DO_TEST("start time of real processes", testStartTimeReal, NULL);
    DO_TEST("pidfd only for the process that started then", testOpenPidfd, NULL);
    DO_TEST("spawned child has a clean slate", testSpawnSetup, NULL);
    DO_TEST("spawned child appends to its log, gets its env", testSpawnOutput,
            NULL);
    DO_TEST_SPAWN_FAIL("missing binary", "missing", NULL, -1, 0, false,
                       VIR_ERR_SYSTEM_ERROR,
                       "cannot execute binary @DIR@/missing: No such file or directory");
    DO_TEST_SPAWN_FAIL("binary not executable", "not-executable", NULL, -1, 0,
                       false, VIR_ERR_SYSTEM_ERROR,
                       "cannot execute binary @DIR@/not-executable: Permission denied");
    DO_TEST_SPAWN_FAIL("working directory missing", "/usr/bin/true",
                       "/nonexistent-dir", -1, 0, false, VIR_ERR_SYSTEM_ERROR,
                       "cannot change to directory '/nonexistent-dir' to execute binary /usr/bin/true: No such file or directory");
    DO_TEST_SPAWN_FAIL("no argv", "/usr/bin/true", NULL, -1, 0, true,
                       VIR_ERR_INTERNAL_ERROR,
                       "internal error: no binary given to execute");
    DO_TEST_SPAWN_FAIL("relative binary", "./true", NULL, -1, 0, false,
                       VIR_ERR_INTERNAL_ERROR,
                       "internal error: cannot execute binary ./true: not an absolute path");
    DO_TEST_SPAWN_FAIL("log on a standard stream", "/usr/bin/true", NULL, 2, 0,
                       false, VIR_ERR_INTERNAL_ERROR,
                       "internal error: cannot execute binary /usr/bin/true: its log descriptor 2 is a standard stream");
    DO_TEST_SPAWN_FAIL("passing a standard stream", "/usr/bin/true", NULL, -1,
                       1, false, VIR_ERR_INTERNAL_ERROR,
                       "internal error: cannot execute binary /usr/bin/true: descriptor 1 to pass is a standard stream");
    DO_TEST("spawn fails without descriptors", testSpawnNoDescriptors, NULL);
    DO_TEST("spawn's child dies with the spawning thread", testSpawnDieWithParent,
            NULL);
    DO_TEST("spawn's prepare step runs before the program, or stops it",
            testSpawnPrepare, NULL);
    DO_TEST("states, and a zombie counts as exited", testStateAndZombie, NULL);
    DO_TEST("wait times out, then sees the exit", testWaitTimeout, NULL);
    DO_TEST("wait returns promptly on exit", testWaitPrompt, NULL);
    DO_TEST("wait keeps its deadline across signals", testWaitInterrupted,
            NULL);
    DO_TEST("wait for a process that is not our child", testWaitNotOurChild,
            NULL);
    DO_TEST("wait reports the exit status", testWaitExitStatus, NULL);
    DO_TEST("wait on a bad descriptor", testWaitBadFd, NULL);
    DO_TEST("reap only exited children", testReap, NULL);
    DO_TEST("no child left behind", testNoChildLeft, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
