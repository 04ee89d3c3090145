/*
 * qemudriverproctest.c: several processes sharing one driver root, on
 * real QEMU (TCG)
 *
 * The other processes are qemudriverhelper, a small command line over
 * the public API.  What this proves: a domain started by one process
 * is found (same ID, same state) and stopped by another, also after
 * the process that started it has exited (its QEMU is then ours to
 * reap, as subreaper); IDs are unique across processes; one job at a
 * time per domain across processes, waiting up to job_wait_timeout;
 * and a destroy goes through while another job is stuck on a monitor
 * that no longer answers.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "virfile.h"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;
static char *testHelperPath;


/* ---- running the helper ------------------------------------------- */

typedef struct {
    GPid pid;
    int in;
    int out;
    int err;
} testHelper;


/* Starts "qemudriverhelper @uri ARGS..." with pipes on its standard
 * streams, in this environment with @envp's NAME=VALUE set (NULL: none). */
static int
testHelperSpawnEnv(testHelper *h, const char *uri, const char *const *args,
                   const char *const *envp)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autoptr(GError) gerr = NULL;
    g_auto(GStrv) env = g_get_environ();

    for (size_t i = 0; envp && envp[i]; i++) {
        g_auto(GStrv) kv = g_strsplit(envp[i], "=", 2);

        env = g_environ_setenv(env, kv[0], kv[1], TRUE);
    }

    g_ptr_array_add(argv, testHelperPath);
    g_ptr_array_add(argv, (char *)uri);
    for (size_t i = 0; args[i]; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, NULL);

    if (!g_spawn_async_with_pipes(NULL, (char **)argv->pdata, env,
                                  G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                  &h->pid, &h->in, &h->out, &h->err, &gerr)) {
        virTestDiag("cannot run %s: %s", testHelperPath, gerr->message);
        return -1;
    }
    return 0;
}


static int
testHelperSpawn(testHelper *h, const char *uri, const char *const *args)
{
    return testHelperSpawnEnv(h, uri, args, NULL);
}


static char *
testReadAll(int fd)
{
    GString *buf = g_string_new(NULL);
    char chunk[1024];
    ssize_t n;

    while ((n = read(fd, chunk, sizeof(chunk))) > 0 ||
           (n < 0 && errno == EINTR)) {
        if (n > 0)
            g_string_append_len(buf, chunk, n);
    }
    return g_string_free(buf, FALSE);
}


/* Closes its standard input, collects its output, reaps it.  Returns
 * its exit status, or -1 if it did not exit normally. */
static int
testHelperFinish(testHelper *h, char **retOut, char **retErr)
{
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    if (h->in >= 0)
        close(h->in);
    h->in = -1;
    out = testReadAll(h->out);
    err = testReadAll(h->err);
    close(h->out);
    close(h->err);
    if (waitpid(h->pid, &status, 0) != h->pid) {
        virTestDiag("cannot wait for the helper: %s", g_strerror(errno));
        return -1;
    }
    if (retOut)
        *retOut = g_steal_pointer(&out);
    if (retErr)
        *retErr = g_steal_pointer(&err);
    if (!WIFEXITED(status)) {
        virTestDiag("the helper ended with wait status 0x%x", status);
        return -1;
    }
    return WEXITSTATUS(status);
}


/* Runs the helper to completion; its output, trimmed, in *@retOut. */
static int
testHelperRun(const char *uri, char **retOut, char **retErr,
              const char *const *args)
{
    testHelper h;
    int rc;

    if (testHelperSpawn(&h, uri, args) < 0)
        return -1;
    rc = testHelperFinish(&h, retOut, retErr);
    if (retOut && *retOut)
        g_strstrip(*retOut);
    return rc;
}


/* Runs the helper and requires it to succeed. */
static int
testHelperOK(const char *uri, char **retOut, const char *const *args)
{
    g_autofree char *err = NULL;
    int rc = testHelperRun(uri, retOut, &err, args);

    if (rc != 0) {
        virTestDiag("helper %s exited %d: %s", args[0], rc, NULLSTR(err));
        return -1;
    }
    return 0;
}


/* Whether the helper has printed a line starting with @want within
 * @ms (for hold-job's "locked"). */
static bool
testHelperWaitLine(testHelper *h, const char *want, int ms)
{
    g_autoptr(GString) got = g_string_new(NULL);
    gint64 deadline = g_get_monotonic_time() + ms * 1000LL;

    while (!strchr(got->str, '\n')) {
        struct pollfd pfd = { .fd = h->out, .events = POLLIN };
        gint64 left = deadline - g_get_monotonic_time();
        char c;

        if (left <= 0 || poll(&pfd, 1, (left + 999) / 1000) <= 0 ||
            read(h->out, &c, 1) != 1)
            break;
        g_string_append_c(got, c);
    }
    if (!g_str_has_prefix(got->str, want)) {
        virTestDiag("the helper printed '%s', expected '%s'", got->str, want);
        return false;
    }
    return true;
}


/* Whether the helper is still running after @ms. */
static bool
testHelperRunning(testHelper *h, int ms)
{
    siginfo_t info;

    g_usleep(ms * 1000);
    memset(&info, 0, sizeof(info));
    return waitid(P_PID, h->pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == 0;
}


/* ---- domains ------------------------------------------------------ */

/* Writes @name's XML (real QEMU) to a file in the root; returns its path. */
static char *
testXMLFile(const char *name)
{
    g_autofree char *xml = testQemuDomainXML(name, NULL, NULL);
    char *path = g_strdup_printf("%s/%s-def.xml", testRoot, name);

    g_assert(g_file_set_contents(path, xml, -1, NULL));
    return path;
}


/* The parent pid of @pid, from /proc. */
static pid_t
testParentOf(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/status", (long long)pid);
    g_autofree char *status = NULL;
    const char *p;

    if (!g_file_get_contents(path, &status, NULL, NULL) ||
        !(p = strstr(status, "\nPPid:")))
        return -1;
    return (pid_t)g_ascii_strtoll(p + strlen("\nPPid:"), NULL, 10);
}


/* Whether @pid neither runs nor waits to be reaped. */
static bool
testProcessReaped(pid_t pid)
{
    return kill(pid, 0) < 0 && errno == ESRCH;
}


/* ---- the cases ---------------------------------------------------- */

/* Started here, seen and destroyed by another process. */
static int
testReconnect(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "recon", NULL);
    g_autofree char *state = NULL;
    g_autofree char *list = NULL;
    g_autofree char *expect = NULL;
    g_autofree char *line = NULL;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "recon");
    expect = g_strdup_printf("%d %d %d", (int)virDomainGetID(dom), VIR_DOMAIN_RUNNING,
                             VIR_DOMAIN_RUNNING_BOOTED);
    line = g_strdup_printf("recon %d", (int)virDomainGetID(dom));
    /* The state and the list another process sees. */
    TEST_ASSERT_OK(testHelperOK(testURI, &state, (const char *[]){ "state", "recon", NULL }));
    TEST_ASSERT_EQ_STR(state, expect);
    TEST_ASSERT_OK(testHelperOK(testURI, &list, (const char *[]){ "list", NULL }));
    TEST_ASSERT_EQ_STR(list, line);

    TEST_ASSERT_OK(testHelperOK(testURI, NULL, (const char *[]){ "destroy", "recon", NULL }));
    /* Ours to reap: it was our child. */
    TEST_ASSERT(testProcessWaitGone(pid, 2000));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    testReapChildren();
    TEST_ASSERT(testProcessReaped(pid));
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


/* One domain started by a helper that exits: persistent, then transient. */
static int
testOrphanOne(const char *name, bool persistent)
{
    g_autofree char *file = testXMLFile(name);
    g_autofree char *idText = NULL;
    virDomainPtr dom = NULL;
    pid_t pid = 0;
    int ret = -1;

    if (persistent) {
        TEST_ASSERT_OK(testHelperOK(testURI, NULL, (const char *[]){ "define", file, NULL }));
        TEST_ASSERT_OK(testHelperOK(testURI, &idText, (const char *[]){ "start", name, NULL }));
    } else {
        TEST_ASSERT_OK(testHelperOK(testURI, &idText, (const char *[]){ "create", file, NULL }));
    }
    pid = testQemuDomainPid(testRoot, name);

    /* Its starter is gone: QEMU runs on, adopted by us, the subreaper. */
    TEST_ASSERT(testProcessAlive(pid));
    TEST_ASSERT_EQ_INT(testParentOf(pid), getpid());
    TEST_ASSERT_NONNULL(dom = virDomainLookupByName(testConn, name));
    /* The ID the starter printed. */
    TEST_ASSERT_EQ_INT(g_ascii_strtoll(idText, NULL, 10), (int)virDomainGetID(dom));
    TEST_ASSERT_EQ_INT(virDomainIsPersistent(dom), persistent ? 1 : 0);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    TEST_ASSERT_OK(virDomainDestroy(dom));
    /* Destroyed and reaped by the destroy itself: no zombie. */
    TEST_ASSERT_MSG(testProcessReaped(pid), "QEMU %lld is left as a zombie or still runs",
                    (long long)pid);
    pid = 0;
    if (persistent) {
        TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    } else {
        TEST_ASSERT_EQ_INT(virDomainIsActive(dom), -1);
        TEST_ASSERT_ERROR_FULL(VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU, NULL);
    }
    ret = 0;

 cleanup:
    testQemuCleanup(dom, pid);
    return ret;
}


static int
testOrphan(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_OK(testOrphanOne("orphan", true));
    TEST_ASSERT_OK(testOrphanOne("orphantrans", false));
    TEST_ASSERT(testNoChildren());
    ret = 0;

 cleanup:
    return ret;
}


/* Three processes start domains at once: three IDs, seen alike by
 * every process; a later start never reuses one. */
static int
testIDs(const void *data G_GNUC_UNUSED)
{
    const char *names[] = { "ida", "idb", "idc" };
    /* (g_autofree on an array would free its first element only.) */
    g_auto(GStrv) files = g_new0(char *, 4);
    testHelper helpers[3];
    int ids[3] = { 0 };
    g_autoptr(GString) expectList = g_string_new(NULL);
    g_autofree char *list = NULL;
    virDomainPtr later = NULL;
    size_t spawned = 0;
    size_t finished = 0;
    int ret = -1;

    for (spawned = 0; spawned < 3; spawned++) {
        files[spawned] = testXMLFile(names[spawned]);
        TEST_ASSERT_OK(testHelperSpawn(&helpers[spawned], testURI,
                                       (const char *[]){ "create", files[spawned], NULL }));
    }
    while (finished < spawned) {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        size_t i = finished++;
        int rc = testHelperFinish(&helpers[i], &out, &err);

        TEST_ASSERT_MSG(rc == 0, "create %s exited %d: %s", names[i], rc, NULLSTR(err));
        ids[i] = (int)g_ascii_strtoll(out, NULL, 10);
    }
    /* Three IDs, all different. */
    for (size_t i = 0; i < 3; i++) {
        TEST_ASSERT_CMP_INT(ids[i], >, 0);
        TEST_ASSERT_NE_INT(ids[i], ids[(i + 1) % 3]);
    }
    for (size_t i = 0; i < 3; i++) {
        virDomainPtr byid = virDomainLookupByID(testConn, ids[i]);
        g_autofree char *name = byid ? g_strdup(virDomainGetName(byid)) : NULL;

        if (byid)
            virDomainFree(byid);
        TEST_ASSERT_EQ_STR(name, names[i]);
        g_string_append_printf(expectList, "%s%s %d", i ? "\n" : "", names[i], ids[i]);
    }
    /* The list of another process. */
    TEST_ASSERT_OK(testHelperOK(testURI, &list, (const char *[]){ "list", NULL }));
    TEST_ASSERT_EQ_STR(list, expectList->str);

    /* Stopping one changes no other's ID, and its ID is not reused. */
    TEST_ASSERT_OK(testHelperOK(testURI, NULL, (const char *[]){ "destroy", "idb", NULL }));
    TEST_ASSERT_NONNULL(later = testQemuStart(testConn, "idlater", NULL));
    for (size_t i = 0; i < 3; i++)
        TEST_ASSERT_NE_INT((int)virDomainGetID(later), ids[i]);
    g_clear_pointer(&list, g_free);
    g_string_printf(expectList, "ida %d\nidc %d\nidlater %d", ids[0], ids[2],
                    (int)virDomainGetID(later));
    /* The list after a stop. */
    TEST_ASSERT_OK(testHelperOK(testURI, &list, (const char *[]){ "list", NULL }));
    TEST_ASSERT_EQ_STR(list, expectList->str);
    ret = 0;

 cleanup:
    for (; finished < spawned; finished++)
        testHelperFinish(&helpers[finished], NULL, NULL);
    for (size_t i = 0; i < 3; i++) {
        virDomainPtr dom = virDomainLookupByName(testConn, names[i]);

        testQemuCleanup(dom, 0);
    }
    testQemuCleanup(later, 0);
    return ret;
}


typedef struct {
    testHelper *helper;
    int delayMs;
} testReleaseData;

static gpointer
testReleaseThread(gpointer opaque)
{
    testReleaseData *data = opaque;

    g_usleep(data->delayMs * 1000);
    close(data->helper->in);
    data->helper->in = -1;
    return NULL;
}


/* Another process holds the domain's job: our call waits for it. */
static int
testJobWaits(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "jobwait", NULL);
    testHelper holder = { .pid = 0 };
    testReleaseData release = { &holder, 300 };
    GThread *thread = NULL;
    gint64 start;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    if (testHelperSpawn(&holder, testURI,
                        (const char *[]){ "hold-job", "jobwait", NULL }) < 0)
        holder.pid = 0;
    TEST_ASSERT_CMP_INT(holder.pid, >, 0);
    TEST_ASSERT(testHelperWaitLine(&holder, "locked", 5000));

    thread = g_thread_new("release", testReleaseThread, &release);
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(virDomainSuspend(dom));
    /* Another process held the job for 0.3 s. */
    TEST_ASSERT_CMP_DOUBLE(testSecondsSince(start), >=, 0.3);
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    g_thread_join(thread);
    thread = NULL;
    TEST_ASSERT_EQ_INT(testHelperFinish(&holder, NULL, NULL), 0);
    holder.pid = 0;
    ret = 0;

 cleanup:
    if (thread)
        g_thread_join(thread);
    if (holder.pid > 0)
        testHelperFinish(&holder, NULL, NULL);
    testQemuCleanup(dom, 0);
    return ret;
}


/* With a short job_wait_timeout, the call gives up with upstream's
 * timeout error and changes nothing. */
static int
testJobTimeout(const void *data G_GNUC_UNUSED)
{
    g_autofree char *uri = NULL;
    g_autofree char *root = testQemuRootNew(TEST_QEMU_CONF "job_wait_timeout = 0.3\n", &uri);
    g_autofree char *xml = testQemuDomainXML("jobto", NULL, NULL);
    g_autofree char *status = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virDomainPtr dom = NULL;
    testHelper holder = { .pid = 0 };
    gint64 start;
    double elapsed;
    int ret = -1;

    TEST_ASSERT_NONNULL(conn);
    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(conn, xml));
    if (testHelperSpawn(&holder, uri, (const char *[]){ "hold-job", "jobto", NULL }) < 0)
        holder.pid = 0;
    TEST_ASSERT_CMP_INT(holder.pid, >, 0);
    TEST_ASSERT(testHelperWaitLine(&holder, "locked", 5000));

    start = g_get_monotonic_time();
    TEST_ASSERT_FAILS(virDomainCreate(dom));
    /* job_wait_timeout is 0.3 s. */
    elapsed = testSecondsSince(start);
    TEST_ASSERT_CMP_DOUBLE(elapsed, >=, 0.3);
    TEST_ASSERT_CMP_DOUBLE(elapsed, <=, 0.3 + TEST_SLACK);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_OPERATION_TIMEOUT, VIR_FROM_QEMU,
                           "Timed out during operation: cannot acquire state change lock");
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), "'jobto'");
    TEST_ASSERT_EQ_INT(virDomainIsActive(dom), 0);
    status = testQemuStatusFile(root, "jobto");
    TEST_ASSERT_EQ_STR(status, NULL);

    /* Released, the same call goes through. */
    TEST_ASSERT_EQ_INT(testHelperFinish(&holder, NULL, NULL), 0);
    holder.pid = 0;
    TEST_ASSERT_OK(virDomainUndefine(dom));
    ret = 0;

 cleanup:
    if (holder.pid > 0)
        testHelperFinish(&holder, NULL, NULL);
    if (dom) {
        if (virDomainIsActive(dom) == 1)
            virDomainDestroy(dom);
        virDomainUndefine(dom);
        virDomainFree(dom);
    }
    testReapChildren();
    if (conn)
        virConnectClose(conn);
    return ret;
}


/* Whether someone holds @name's job lock. */
static bool
testJobHeld(const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/run/qemu/%s.lock", testRoot, name);
    VIR_AUTOCLOSE fd = open(path, O_RDWR | O_CLOEXEC);

    if (fd < 0)
        return false;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
        flock(fd, LOCK_UN);
        return false;
    }
    return errno == EWOULDBLOCK;
}


typedef struct {
    virDomainPtr dom;
    int rc;
    int code;
    gint64 ended;
    char *message;
} testStuckJob;

static gpointer
testSuspendThread(gpointer opaque)
{
    testStuckJob *job = opaque;

    job->rc = virDomainSuspend(job->dom);
    job->code = virGetLastErrorCode();
    job->message = g_strdup(virGetLastErrorMessage());
    job->ended = g_get_monotonic_time();
    return NULL;
}


/*
 * A destroy with QEMU frozen (SIGSTOP) and another job stuck waiting for
 * its monitor: done within the term and kill timeouts, and the stuck
 * job then fails cleanly.
 */
static int
testStuckMonitorThread(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "stuck", NULL);
    testStuckJob job = { .rc = 1 };
    GThread *thread = NULL;
    gint64 start;
    gint64 done;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "stuck");
    TEST_ASSERT_OK(testProcessFreeze(pid));
    job.dom = dom;
    thread = g_thread_new("suspend", testSuspendThread, &job);
    g_usleep(300 * 1000);
    /* The suspend is stuck in its job. */
    TEST_ASSERT_MSG(!job.ended, "the suspend ended: %s", NULLSTR(job.message));
    TEST_ASSERT(testJobHeld("stuck"));

    start = g_get_monotonic_time();
    TEST_ASSERT_OK(virDomainDestroy(dom));
    done = g_get_monotonic_time();
    TEST_ASSERT_CMP_DOUBLE((done - start) / 1e6, <=,
                           TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT + TEST_SLACK);
    g_thread_join(thread);
    thread = NULL;
    /* The stuck job ended first (the destroy needed its lock), with an
     * error, leaving nothing to clean up. */
    TEST_ASSERT_MSG(job.rc == -1 && job.code != VIR_ERR_OK,
                    "suspend: %d [%d] %s", job.rc, job.code, NULLSTR(job.message));
    TEST_ASSERT_CMP_INT(job.ended, <=, done);
    virTestDiag("the stuck suspend failed with: %s", job.message);
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ret = 0;

 cleanup:
    if (thread) {
        kill(pid, SIGKILL);
        g_thread_join(thread);
    }
    g_free(job.message);
    testQemuCleanup(dom, pid);
    return ret;
}


/* The same with the stuck job (a suspend) in another process.  (Not an
 * ACPI shutdown: that one sees the stopped process and fails at once.) */
static int
testStuckMonitorProcess(const void *data G_GNUC_UNUSED)
{
    virDomainPtr dom = testQemuStart(testConn, "stuckproc", NULL);
    testHelper helper = { .pid = 0 };
    g_autofree char *err = NULL;
    gint64 start;
    pid_t pid = 0;
    int rc;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    pid = testQemuDomainPid(testRoot, "stuckproc");
    TEST_ASSERT_OK(testProcessFreeze(pid));
    if (testHelperSpawn(&helper, testURI,
                        (const char *[]){ "suspend", "stuckproc", NULL }) < 0)
        helper.pid = 0;
    TEST_ASSERT_CMP_INT(helper.pid, >, 0);
    /* The suspend is stuck in its job. */
    TEST_ASSERT(testHelperRunning(&helper, 300));
    TEST_ASSERT(testJobHeld("stuckproc"));

    start = g_get_monotonic_time();
    TEST_ASSERT_OK(virDomainDestroy(dom));
    TEST_ASSERT_CMP_DOUBLE(testSecondsSince(start), <=,
                           TEST_TERM_TIMEOUT + TEST_KILL_TIMEOUT + TEST_SLACK);
    rc = testHelperFinish(&helper, NULL, &err);
    helper.pid = 0;
    /* The stuck suspend failed. */
    TEST_ASSERT_EQ_INT(rc, 1);
    TEST_ASSERT_MSG(g_str_has_prefix(NULLSTR_EMPTY(err), "error "), "its error: %s", NULLSTR(err));
    virTestDiag("the stuck suspend failed with: %s", g_strchomp(err));
    TEST_ASSERT(!testProcessAlive(pid));
    TEST_ASSERT_STATE(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ret = 0;

 cleanup:
    if (helper.pid > 0) {
        kill(pid, SIGKILL);
        testHelperFinish(&helper, NULL, NULL);
    }
    testQemuCleanup(dom, pid);
    return ret;
}




/*
 * The starter is killed after it let its child go but before the child
 * executed QEMU (held there by execdelay.c): the next process to look
 * must not take the child for gone, or the QEMU it becomes a moment
 * later runs with no domain owning it.  It waits for the exec, then
 * finishes or undoes the start; either way every QEMU of the domain is
 * the one the domain records.
 */
static int
testKilledBeforeExec(const void *data G_GNUC_UNUSED)
{
    g_autofree char *file = testXMLFile("execgap");
    g_autofree char *mark = g_build_filename(testRoot, "execgap.mark", NULL);
    g_autofree char *preload = testBuildPath("libexecdelay.so");
    g_autofree char *preloadEnv = g_strdup_printf("LD_PRELOAD=%s", preload);
    g_autofree char *markEnv = g_strdup_printf("LVG_TEST_EXEC_MARK=%s", mark);
    const char *env[] = { preloadEnv, markEnv, "LVG_TEST_EXEC_DELAY_MS=700", NULL };
    g_autoptr(GArray) pids = NULL;
    testHelper helper = { .pid = 0 };
    virDomainPtr dom = NULL;
    int state = -1;
    int reason = -1;
    pid_t pid = 0;
    int ret = -1;

    TEST_ASSERT_OK(testHelperOK(testURI, NULL, (const char *[]){ "define", file, NULL }));
    TEST_ASSERT_OK(testHelperSpawnEnv(&helper, testURI,
                                      (const char *[]){ "start", "execgap", NULL }, env));
    for (int i = 0; i < 3000 && !g_file_test(mark, G_FILE_TEST_EXISTS); i++)
        g_usleep(10 * 1000);
    TEST_ASSERT_MSG(g_file_test(mark, G_FILE_TEST_EXISTS),
                    "the helper's child never reached QEMU's execve");
    kill(helper.pid, SIGKILL);
    testHelperFinish(&helper, NULL, NULL);
    helper.pid = 0;

    /* Here, at once: the child has not executed QEMU yet. */
    TEST_ASSERT_NONNULL(dom = virDomainLookupByName(testConn, "execgap"));
    TEST_ASSERT_OK(virDomainGetState(dom, &state, &reason, 0));

    /* From now on, and past the child's delay, every QEMU of the
     * domain is the one it records: none appears unowned, even for
     * the moment a QEMU whose run was undone would take to fail. */
    if (virDomainIsActive(dom) == 1)
        pid = testQemuDomainPid(testRoot, "execgap");
    for (int i = 0; i < 300; i++) {
        g_clear_pointer(&pids, g_array_unref);
        pids = testProcessesWithArg("guest=execgap,");
        for (guint j = 0; j < pids->len; j++)
            TEST_ASSERT_MSG(g_array_index(pids, pid_t, j) == pid,
                            "QEMU %lld of execgap runs %d ms after the domain was found %d/%d",
                            (long long)g_array_index(pids, pid_t, j), i * 5, state, reason);
        g_usleep(5 * 1000);
    }
    ret = 0;

 cleanup:
    if (helper.pid > 0) {
        kill(helper.pid, SIGKILL);
        testHelperFinish(&helper, NULL, NULL);
    }
    for (guint i = 0; pids && i < pids->len; i++)
        kill(g_array_index(pids, pid_t, i), SIGKILL);
    testQemuCleanup(dom, pid);
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    testHelperPath = testBuildPath("qemudriverhelper");
    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("a domain started here is seen and destroyed by another process",
                      testReconnect, NULL);
    ret |= virTestRun("a domain whose starter exited is found, destroyed and reaped here",
                      testOrphan, NULL);
    ret |= virTestRun("IDs are unique and stable across processes", testIDs, NULL);
    ret |= virTestRun("a job waits for another process's job", testJobWaits, NULL);
    ret |= virTestRun("a job gives up after job_wait_timeout", testJobTimeout, NULL);
    ret |= virTestRun("destroy goes through while a thread's job is stuck on the monitor",
                      testStuckMonitorThread, NULL);
    ret |= virTestRun("destroy goes through while a process's job is stuck on the monitor",
                      testStuckMonitorProcess, NULL);
    ret |= virTestRun("a starter killed before QEMU's exec leaves no QEMU unowned",
                      testKilledBeforeExec, NULL);
    ret |= virTestRun("no domain and no process left behind", testQemuNoLeftovers, testConn);

    virConnectClose(testConn);
    g_free(testHelperPath);
    return ret;
}

VIR_TEST_MAIN(mymain)
