/*
 * virprocessspawntest.c: spawning QEMU's process: a clean slate, logs, failures
 *
 * What virProcessSpawn() gives a child (descriptors, signals, umask,
 * environment, log), each way it can fail and what it reports, the
 * prepare step, and a child dying with the thread that spawned it.
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
    g_autofree char *dir = virTestMakeTempDir("virprocessspawntest");
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
    g_autofree char *statPath = NULL;
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
    int spawned;
    int ret = -1;
    pid_t pid = -1;

    TEST_ASSERT_OK(logfd);
    TEST_ASSERT_OK(passfd);
    TEST_ASSERT_OK(leakfd);

    /* What the parent has, the child must not inherit. */
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &oldmask);
    sigaction(SIGUSR2, &sa, &oldUsr2);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGHUP, &sa, &oldHup);

    if ((spawned = virProcessSpawn(argv, NULL, &opts, &pid)) < 0)
        pid = -1;

    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    sigaction(SIGUSR2, &oldUsr2, NULL);
    sigaction(SIGHUP, &oldHup, NULL);
    TEST_ASSERT_OK(spawned);

    /* A session of its own: session id (field 6) is its pid. */
    statPath = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    TEST_ASSERT_OK(virFileReadAll(statPath, 4096, &stat));
    TEST_ASSERT_NONNULL(p = strrchr(stat, ')'));
    TEST_ASSERT_EQ_INT(sscanf(p + 1, " %*c %*d %*d %lld", &sid), 1);
    TEST_ASSERT_EQ_INT(sid, pid);

    cwdlink = g_strdup_printf("/proc/%lld/cwd", (long long)pid);
    TEST_ASSERT_NONNULL(cwd = g_file_read_link(cwdlink, NULL));
    TEST_ASSERT_EQ_STR(cwd, dir);

    umaskText = statusField(pid, "Umask");
    sigBlk = statusField(pid, "SigBlk");
    sigIgn = statusField(pid, "SigIgn");
    sigCgt = statusField(pid, "SigCgt");
    TEST_ASSERT_EQ_STR(umaskText, "0027");
    TEST_ASSERT_EQ_STR(sigBlk, "0000000000000000");
    TEST_ASSERT_EQ_STR(sigIgn, "0000000000000000");
    TEST_ASSERT_EQ_STR(sigCgt, "0000000000000000");

    fd0 = fdTarget(pid, 0);
    fd1 = fdTarget(pid, 1);
    fd2 = fdTarget(pid, 2);
    fdPass = fdTarget(pid, passfd);
    TEST_ASSERT_EQ_STR(fd0, "/dev/null");
    TEST_ASSERT_EQ_STR(fd1, logpath);
    TEST_ASSERT_EQ_STR(fd2, logpath);
    TEST_ASSERT_EQ_STR(fdPass, passpath);

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
    TEST_ASSERT_NONNULL(fds = g_dir_open(fdDir, 0, NULL));
    while ((name = g_dir_read_name(fds)))
        g_ptr_array_add(seen, g_strdup(name));
    g_ptr_array_sort(seen, compareFdNames);
    g_ptr_array_add(seen, NULL);
    fdList = g_strjoinv(" ", (char **)seen->pdata);
    expectFds = g_strdup_printf("0 1 2 %d", passfd);
    TEST_ASSERT_EQ_STR(fdList, expectFds);
    ret = 0;

 cleanup:
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    return ret;
}


/* Output is appended to the log; the environment is exactly envp. */
static int
testSpawnOutput(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virprocessspawntest");
    g_autofree char *logpath = g_build_filename(dir, "log", NULL);
    g_autofree char *content = NULL;
    const char *echoArgv[] = { "/usr/bin/echo", "hello", "world", NULL };
    const char *envArgv[] = { "/usr/bin/env", NULL };
    const char *envp[] = { "A=1", "B=two words", NULL };
    VIR_AUTOCLOSE logfd = -1;
    virProcessSpawnOpts opts = { .cwd = NULL, .umask = 022, .logfd = -1 };
    int status = -1;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_OK(virFileWriteAtomic(logpath, 0600, "before\n", 7));
    /* Deliberately not O_APPEND and at offset 0: the child appends. */
    TEST_ASSERT_OK(logfd = open(logpath, O_WRONLY | O_CLOEXEC));
    opts.logfd = logfd;

    TEST_ASSERT_OK(virProcessSpawn(echoArgv, NULL, &opts, &pid));
    TEST_ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
    TEST_ASSERT_EXITED(status, 0);
    TEST_ASSERT_OK(virProcessSpawn(envArgv, envp, &opts, &pid));
    TEST_ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
    TEST_ASSERT_EXITED(status, 0);

    TEST_ASSERT_OK(virFileReadAll(logpath, 4096, &content));
    TEST_ASSERT_EQ_STR(content, "before\nhello world\nA=1\nB=two words\n");
    ret = 0;

 cleanup:
    return ret;
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
    g_autofree char *dir = virTestMakeTempDir("virprocessspawntest");
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
    int ret = -1;

    TEST_ASSERT_OK(virFileWriteAtomic(notExec, 0644, "#!/bin/sh\n", 10));
    if (data->binary[0] == '/' || data->binary[0] == '.' )
        binary = g_strdup(data->binary);
    else
        binary = g_build_filename(dir, data->binary, NULL);
    argv[0] = binary;

    TEST_ASSERT_FAILS(virProcessSpawn(data->noArgv ? NULL : argv, NULL, &opts, &pid));
    /* No pid handed out, and the failed child was reaped. */
    TEST_ASSERT_EQ_INT(pid, -1);
    TEST_ASSERT(testNoChildren());
    parts = g_strsplit(data->message, "@DIR@", -1);
    message = g_strjoinv(dir, parts);
    TEST_ASSERT_ERROR(data->code);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), message);
    ret = 0;

 cleanup:
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    return ret;
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
    pid_t pid = -1;
    int ret = -1;

    TEST_ASSERT_OK(lowest);
    TEST_ASSERT_OK(getrlimit(RLIMIT_NOFILE, &saved));
    close(lowest);
    tight = saved;
    tight.rlim_cur = lowest;
    TEST_ASSERT_OK(setrlimit(RLIMIT_NOFILE, &tight));
    rc = virProcessSpawn(argv, NULL, NULL, &pid);
    setrlimit(RLIMIT_NOFILE, &saved);
    TEST_ASSERT_FAILS(rc);
    TEST_ASSERT_ERROR(VIR_ERR_SYSTEM_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "cannot create a pipe to execute binary /usr/bin/true: Too many open files");
    ret = 0;

 cleanup:
    if (ret < 0 && pid > 0)
        waitpid(pid, NULL, 0);
    return ret;
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
    int fds[2] = { -1, -1 };
    pid_t pid;
    pid_t caller = -1;
    int status = -1;
    int ret = -1;

    /* Success: the pid is known before the program runs, then it runs. */
    TEST_ASSERT_OK(virProcessSpawn(argv, NULL, &opts, &pid));
    TEST_ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
    TEST_ASSERT_EXITED(status, 0);
    TEST_ASSERT_EQ_INT(data.pid, pid);
    TEST_ASSERT_MSG(!data.wasExecuted, "the program ran before the prepare step");
    TEST_ASSERT(g_file_test(file, G_FILE_TEST_EXISTS));
    unlink(file);

    /* The step fails: its error, no program run, no child left. */
    data.fail = true;
    TEST_ASSERT_FAILS(virProcessSpawn(argv, NULL, &opts, &pid));
    TEST_ASSERT_ERROR(VIR_ERR_INTERNAL_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), "internal error: cannot record the child");
    TEST_ASSERT_MSG(waitpid(data.pid, NULL, WNOHANG) == -1 && errno == ECHILD,
                    "the process %lld is left", (long long)data.pid);
    TEST_ASSERT_MSG(!g_file_test(file, G_FILE_TEST_EXISTS), "the program ran");
    virResetLastError();

    /* The caller dies during the step: the child, now ours (we are the
     * subreaper), ends without running the program. */
    data.fail = false;
    TEST_ASSERT_OK(pipe(fds));
    data.outfd = fds[1];
    if ((caller = fork()) == 0) {
        close(fds[0]);
        if (virProcessSpawn(argv, NULL, &opts, &pid) < 0)
            _exit(3);
        _exit(4);
    }
    virForceClose(&fds[1]);
    TEST_ASSERT_OK(caller);
    TEST_ASSERT_EQ_INT(read(fds[0], &pid, sizeof(pid)), sizeof(pid));
    TEST_ASSERT_EQ_INT(waitpid(caller, &status, 0), caller);
    caller = -1;
    /* It died in the prepare step (testPrepare's _exit(0)). */
    TEST_ASSERT_EXITED(status, 0);
    /* The orphaned child ends without running the program. */
    TEST_ASSERT_OK(status = testWaitAdopted(pid));
    TEST_ASSERT_EXITED(status, 127);
    TEST_ASSERT_MSG(!g_file_test(file, G_FILE_TEST_EXISTS), "the orphaned child ran the program");
    ret = 0;

 cleanup:
    virForceClose(&fds[0]);
    virForceClose(&fds[1]);
    if (caller > 0) {
        kill(caller, SIGKILL);
        waitpid(caller, NULL, 0);
    }
    return ret;
}


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
    int ret = -1;

    g_thread_join(g_thread_new("spawner", testSpawnFromThread, &pid));
    TEST_ASSERT_CMP_INT(pid, >, 0);
    TEST_ASSERT_EQ_INT(waitpid(pid, &status, 0), pid);
    TEST_ASSERT_KILLED(status, SIGKILL);
    ret = 0;

 cleanup:
    return ret;
}


#define DO_TEST_SPAWN_FAIL(title, ...) \
    do { \
        static const testSpawnFailData d = { title, __VA_ARGS__ }; \
        ret |= virTestRun("spawn fails: " title, testSpawnFail, &d); \
    } while (0)

static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("spawned child has a clean slate", testSpawnSetup, NULL);
    ret |= virTestRun("spawned child appends to its log, gets its env", testSpawnOutput, NULL);
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
    ret |= virTestRun("spawn fails without descriptors", testSpawnNoDescriptors, NULL);
    ret |= virTestRun("spawn's child dies with the spawning thread", testSpawnDieWithParent, NULL);
    ret |= virTestRun("spawn's prepare step runs before the program, or stops it", testSpawnPrepare, NULL);
    ret |= virTestRun("no child left behind", testNoChildLeft, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
