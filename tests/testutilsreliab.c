/*
 * testutilsreliab.c: helpers of the reliability runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsproc.h"
#include "testutilsreliab.h"

#include "datatypes.h"
#include "qemu_conf.h"
#include "qemu_domain.h"
#include "qemu_monitor.h"
#include "virerror.h"
#include "virfile.h"
#include "virprocess.h"

static GRand *testReliabRand;


bool
testReliabFull(void)
{
    return STREQ_NULLABLE(g_getenv("VIR_TEST_RELIABILITY"), "full");
}


int
testReliabRounds(int quick, int full)
{
    return testReliabFull() ? full : quick;
}


struct _testReliabFigure {
    char *id;
    char *title;
    JsonBuilder *builder;
    GString *text;
};


testReliabFigure *
testReliabFigureNew(const char *id, const char *title)
{
    testReliabFigure *fig = g_new0(testReliabFigure, 1);

    fig->id = g_strdup(id);
    fig->title = g_strdup(title);
    fig->builder = json_builder_new();
    fig->text = g_string_new(NULL);
    json_builder_begin_object(fig->builder);
    json_builder_set_member_name(fig->builder, "id");
    json_builder_add_string_value(fig->builder, id);
    json_builder_set_member_name(fig->builder, "title");
    json_builder_add_string_value(fig->builder, title);
    json_builder_set_member_name(fig->builder, "full");
    json_builder_add_boolean_value(fig->builder, testReliabFull());
    return fig;
}


void
testReliabFigureInt(testReliabFigure *fig, const char *key, long long value)
{
    json_builder_set_member_name(fig->builder, key);
    json_builder_add_int_value(fig->builder, value);
    g_string_append_printf(fig->text, " %s=%lld", key, value);
}


void
testReliabFigureDouble(testReliabFigure *fig, const char *key, double value)
{
    json_builder_set_member_name(fig->builder, key);
    json_builder_add_double_value(fig->builder, value);
    g_string_append_printf(fig->text, " %s=%.4f", key, value);
}


void
testReliabFigureString(testReliabFigure *fig, const char *key,
                       const char *value)
{
    json_builder_set_member_name(fig->builder, key);
    json_builder_add_string_value(fig->builder, value);
    g_string_append_printf(fig->text, " %s='%s'", key, value);
}


void
testReliabFigureSave(testReliabFigure *fig)
{
    const char *report = g_getenv("VIR_TEST_RELIAB_REPORT");
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *line = NULL;

    json_builder_end_object(fig->builder);
    root = json_builder_get_root(fig->builder);
    json_generator_set_root(gen, root);
    line = json_generator_to_data(gen, NULL);
    virTestDiag("figure %s:%s", fig->id, fig->text->str);

    if (report && *report) {
        FILE *fp = fopen(report, "a");

        if (!fp) {
            virTestDiag("cannot open %s: %s", report, g_strerror(errno));
        } else {
            /* One line per write: programs running at once append
             * whole lines. */
            g_autofree char *withnl = g_strdup_printf("%s\n", line);

            fputs(withnl, fp);
            fclose(fp);
        }
    }
    g_object_unref(fig->builder);
    g_string_free(fig->text, TRUE);
    g_free(fig->id);
    g_free(fig->title);
    g_free(fig);
}


static int
testReliabCompareDouble(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}


double
testReliabPercentile(double *values, size_t n, double pct)
{
    size_t idx;

    if (n == 0)
        return 0;
    qsort(values, n, sizeof(double), testReliabCompareDouble);
    /* Nearest rank. */
    idx = (size_t)((pct / 100.0) * n + 0.999999);
    if (idx < 1)
        idx = 1;
    if (idx > n)
        idx = n;
    return values[idx - 1];
}


double
testReliabMedian(double *values, size_t n)
{
    if (n == 0)
        return 0;
    qsort(values, n, sizeof(double), testReliabCompareDouble);
    if (n % 2)
        return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]) / 2;
}


double
testReliabMax(const double *values, size_t n)
{
    double max = 0;

    for (size_t i = 0; i < n; i++)
        max = i == 0 || values[i] > max ? values[i] : max;
    return max;
}


gint64
testReliabRandom(gint64 lo, gint64 hi)
{
    if (!testReliabRand) {
        const char *env = g_getenv("VIR_TEST_RELIAB_SEED");
        guint32 seed = env ? (guint32)g_ascii_strtoull(env, NULL, 10) :
                             g_random_int();

        virTestDiag("random seed %u (VIR_TEST_RELIAB_SEED)", seed);
        testReliabRand = g_rand_new_with_seed(seed);
    }
    if (hi <= lo)
        return lo;
    return lo + (gint64)(g_rand_double(testReliabRand) * (double)(hi - lo + 1)) %
                (hi - lo + 1);
}


/* The state letter /proc shows for @pid, or 0 if it is gone. */
static char
testReliabProcState(pid_t pid)
{
    g_autofree char *state = testProcessState(pid);

    return state ? state[0] : 0;
}


int
testReliabFreeze(pid_t pid)
{
    if (kill(pid, SIGSTOP) < 0)
        return -1;
    for (int i = 0; i < 5000; i++) {
        if (testReliabProcState(pid) == 'T')
            return 0;
        g_usleep(1000);
    }
    virTestDiag("process %lld did not stop", (long long)pid);
    return -1;
}


pid_t
testReliabWorkerSpawn(const char *const *argv, int passfd, int *retOut)
{
    g_autofree char *prog = testBuildPath("qemureliabworker");
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    int out[2] = { -1, -1 };
    pid_t pid;

    g_ptr_array_add(args, prog);
    for (size_t i = 0; argv[i]; i++)
        g_ptr_array_add(args, (char *)argv[i]);
    g_ptr_array_add(args, NULL);

    if (retOut && pipe2(out, O_CLOEXEC) < 0)
        return -1;
    if ((pid = fork()) < 0) {
        virForceCloseHelper(&out[0]);
        virForceCloseHelper(&out[1]);
        return -1;
    }
    if (pid == 0) {
        if (out[1] >= 0)
            dup2(out[1], STDOUT_FILENO);
        if (passfd >= 0) {
            if (passfd == 3)
                fcntl(3, F_SETFD, 0);
            else
                dup2(passfd, 3);
        }
        execv(prog, (char *const *)args->pdata);
        _exit(127);
    }
    if (retOut) {
        close(out[1]);
        *retOut = out[0];
    }
    return pid;
}


char *
testReliabReadLine(int fd, int timeoutMs)
{
    g_autoptr(GString) line = g_string_new(NULL);
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;

    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        gint64 left = (deadline - g_get_monotonic_time()) / 1000;
        char c;
        ssize_t n;

        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
            return NULL;
        if ((n = read(fd, &c, 1)) < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return NULL;
        if (n == 0)
            return line->len ? g_string_free(g_steal_pointer(&line), FALSE) : NULL;
        if (c == '\n')
            return g_string_free(g_steal_pointer(&line), FALSE);
        g_string_append_c(line, c);
    }
}


char *
testReliabWorkerFinish(pid_t pid, int outfd, int *retStatus)
{
    g_autoptr(GString) out = g_string_new(NULL);
    char buf[4096];
    ssize_t n;
    int status;

    if (outfd >= 0) {
        while ((n = read(outfd, buf, sizeof(buf))) != 0) {
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                break;
            g_string_append_len(out, buf, n);
        }
        close(outfd);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return NULL;
    }
    if (retStatus)
        *retStatus = status;
    return g_string_free(g_steal_pointer(&out), FALSE);
}


/* Whether someone holds the lock file @path (it may not exist). */
static bool
testReliabLockHeld(const char *path)
{
    VIR_AUTOCLOSE fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return false;
    if (flock(fd, LOCK_EX | LOCK_NB) < 0)
        return errno == EWOULDBLOCK;
    flock(fd, LOCK_UN);
    return false;
}


/* Every NAME of a NAME.xml in @dir, and the count of other files whose
 * name says they are an unfinished atomic write. */
static void
testReliabListDir(const char *dir, GHashTable *names, GPtrArray *temps)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    if (!d)
        return;
    while ((entry = g_dir_read_name(d))) {
        if (g_str_has_suffix(entry, ".xml") && strlen(entry) > 4)
            g_hash_table_add(names, g_strndup(entry, strlen(entry) - 4));
        else if (strstr(entry, ".new-"))
            g_ptr_array_add(temps, g_build_filename(dir, entry, NULL));
    }
}


/* Whether @pid runs a QEMU binary. */
static bool
testReliabIsQEMU(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/exe", (long long)pid);
    g_autofree char *exe = g_file_read_link(path, NULL);
    g_autofree char *base = exe ? g_path_get_basename(exe) : NULL;

    return base && (g_str_has_prefix(base, "qemu-system-") ||
                    g_str_has_prefix(base, "qemustub"));
}


/* /proc/PID/stat and the command line, for a diagnostic; NULL if the
 * process is gone. */
static char *
testReliabDescribe(pid_t pid)
{
    g_autofree char *statPath = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *cmdPath = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    g_autofree char *stat = NULL;
    g_autofree char *cmdline = NULL;
    gsize len = 0;

    if (!g_file_get_contents(statPath, &stat, NULL, NULL))
        return NULL;
    if (g_file_get_contents(cmdPath, &cmdline, &len, NULL)) {
        for (gsize i = 0; i + 1 < len; i++) {
            if (!cmdline[i])
                cmdline[i] = ' ';
        }
    }
    return g_strdup_printf("%s [%s]", g_strstrip(stat), NULLSTR(cmdline));
}


/* Our children that are QEMU capabilities probes ("-machine none" with
 * the probe's monitor). */
static GArray *
testReliabProbeProcesses(void)
{
    GArray *pids = testProcessesWithArg("socket,id=probe,");
    g_autofree char *self = g_strdup_printf("%lld", (long long)getpid());

    for (guint i = 0; i < pids->len;) {
        g_autofree char *ppid = testProcessStatusField(g_array_index(pids, pid_t, i), "PPid");

        if (STREQ_NULLABLE(ppid, self))
            i++;
        else
            g_array_remove_index(pids, i);
    }
    return pids;
}


/* Private directories (domain-*, holding QEMU's socket and pid file)
 * in @stateDir that no active domain owns. */
static void
testReliabListLeftovers(const char *stateDir, GHashTable *owned,
                        GString *problems, int *count)
{
    g_autoptr(GDir) d = g_dir_open(stateDir, 0, NULL);
    const char *entry;

    if (!d)
        return;
    while ((entry = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(stateDir, entry, NULL);

        if (g_str_has_prefix(entry, "domain-") &&
            !g_hash_table_contains(owned, path)) {
            g_string_append_printf(problems, "%s is left over\n", path);
            (*count)++;
        }
    }
}


int
testReliabCheckRoot(const char *root, const char *uri, const char *name,
                    testReliabExpect defined, testReliabExpect active,
                    GString *problems)
{
    static const char *const driverLocks[] = { "driver-lock", "next-id-lock" };
    g_autoptr(GHashTable) names = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                        g_free, NULL);
    g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) after = NULL;
    g_autoptr(GHashTable) owned = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GHashTable) ownedPaths = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                             g_free, NULL);
    g_autofree char *configDir = g_build_filename(root, "etc", "qemu", NULL);
    g_autofree char *stateDir = g_build_filename(root, "run", "qemu", NULL);
    g_autoptr(GPtrArray) exited = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) probes = NULL;
    virConnectPtr conn = NULL;
    virQEMUDriver *driver;
    GHashTableIter iter;
    gpointer key;
    int count = 0;

#define PROBLEM(...) \
    do { \
        g_string_append_printf(problems, __VA_ARGS__); \
        g_string_append_c(problems, '\n'); \
        count++; \
    } while (0)

    /* Every lock is free once the killed process is gone: flocks die
     * with their holder. */
    for (size_t i = 0; i < G_N_ELEMENTS(driverLocks); i++) {
        g_autofree char *path = g_build_filename(stateDir, driverLocks[i], NULL);

        if (testReliabLockHeld(path))
            PROBLEM("%s is still locked", path);
    }

    if (!(conn = virConnectOpen(uri))) {
        PROBLEM("cannot open %s: %s", uri, virGetLastErrorMessage());
        return count;
    }
    driver = conn->privateData;

    testReliabListDir(configDir, names, temps);
    testReliabListDir(stateDir, names, temps);
    for (size_t i = 0; i < temps->len; i++)
        PROBLEM("unfinished atomic write left behind: %s",
                (char *)g_ptr_array_index(temps, i));

    g_hash_table_iter_init(&iter, names);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        const char *dom = key;
        g_autofree char *lockPath = qemuDomainLockPath(driver->config, dom);
        g_autofree char *configPath = qemuDomainConfigPath(driver->config, dom);
        g_autoptr(virDomainObj) vm = NULL;
        qemuDomainObjPrivate *priv;
        unsigned long long start = 0;

        if (testReliabLockHeld(lockPath))
            PROBLEM("%s is still locked", lockPath);
        if (!(vm = qemuDomainObjLoad(driver, dom))) {
            /* A status file of a domain undefined since is fine; any
             * other failure means a damaged file. */
            if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
                PROBLEM("domain %s cannot be loaded: %s", dom,
                        virGetLastErrorMessage());
            else if (g_file_test(configPath, G_FILE_TEST_EXISTS))
                PROBLEM("domain %s has a definition but does not load", dom);
            virResetLastError();
            continue;
        }
        priv = QEMU_DOMAIN_PRIVATE(vm);

        if (vm->persistent) {
            g_autofree char *xml = NULL;
            g_autoptr(virDomainDef) def = NULL;

            if (!g_file_get_contents(configPath, &xml, NULL, NULL) ||
                !(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
                PROBLEM("definition %s does not parse: %s", configPath,
                        virGetLastErrorMessage());
                virResetLastError();
            }
        }
        if (!virDomainObjIsActive(vm))
            continue;

        /* Active after the reconciliation of the open: it must be a
         * finished start whose QEMU runs (or has just exited, see
         * below). */
        if (priv->phase != QEMU_DOMAIN_PHASE_RUNNING)
            PROBLEM("domain %s is still in phase %d after an open", dom,
                    priv->phase);
        g_hash_table_add(owned, GINT_TO_POINTER(priv->proc.pid));
        if (priv->privateDir)
            g_hash_table_add(ownedPaths, g_strdup(priv->privateDir));
        if (!testProcessAlive(priv->proc.pid)) {
            g_ptr_array_add(exited, g_strdup(dom));
            continue;
        }
        if (virProcessGetStartTime(priv->proc.pid, &start) < 0 ||
            start != priv->proc.startTime) {
            if (testProcessAlive(priv->proc.pid))
                PROBLEM("domain %s records pid %lld with another start time",
                        dom, (long long)priv->proc.pid);
        } else if (priv->monitorPath &&
                   testProcessCmdlineHas(priv->proc.pid, priv->monitorPath) == 0) {
            PROBLEM("process %lld of domain %s is not its QEMU", (long long)priv->proc.pid,
                    dom);
        }
        virResetLastError();
    }

    /* What QEMU and the driver leave in the state directory belongs to
     * an active domain. */
    testReliabListLeftovers(stateDir, ownedPaths, problems, &count);

    /* Every QEMU of this root still running after the open belongs to
     * an active domain. */
    after = testProcessesWithArg(root);
    for (guint i = 0; i < after->len; i++) {
        pid_t pid = g_array_index(after, pid_t, i);

        g_autofree char *desc = NULL;

        if (g_hash_table_contains(owned, GINT_TO_POINTER(pid)))
            continue;
        if (!testReliabIsQEMU(pid)) {
            /* A child the killed caller forked, not (yet) a QEMU: it
             * must go away by itself (see virProcessSpawn's prepare
             * step). */
            if (!testProcessWaitGone(pid, 2000))
                PROBLEM("a child %lld of a killed caller lingers: %s", (long long)pid,
                        (desc = testReliabDescribe(pid)));
            continue;
        }
        if ((desc = testReliabDescribe(pid)))
            PROBLEM("QEMU %lld runs without a domain that owns it: %s",
                    (long long)pid, desc);
    }

    if (defined != TEST_RELIAB_MAYBE || active != TEST_RELIAB_MAYBE) {
        virDomainPtr dom = virDomainLookupByName(conn, name);
        int isdef = dom ? virDomainIsPersistent(dom) : 0;
        int isact = dom ? virDomainIsActive(dom) : 0;

        if (!dom && virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
            PROBLEM("lookup of %s: %s", name, virGetLastErrorMessage());
        if ((defined == TEST_RELIAB_YES && isdef != 1) ||
            (defined == TEST_RELIAB_NO && isdef != 0))
            PROBLEM("domain %s: defined %d, expected %s", name, isdef,
                    defined == TEST_RELIAB_YES ? "yes" : "no");
        if ((active == TEST_RELIAB_YES && isact != 1) ||
            (active == TEST_RELIAB_NO && isact != 0))
            PROBLEM("domain %s: active %d, expected %s", name, isact,
                    active == TEST_RELIAB_YES ? "yes" : "no");
        if (dom)
            virDomainFree(dom);
        virResetLastError();
    }
    virConnectClose(conn);
    testReapChildren();

    /* A capabilities probe dies with the caller that started it. */
    probes = testReliabProbeProcesses();
    for (guint i = 0; i < probes->len; i++) {
        pid_t pid = g_array_index(probes, pid_t, i);
        g_autofree char *desc = NULL;

        if (!testProcessWaitGone(pid, 2000))
            PROBLEM("a capabilities probe %lld outlived its caller: %s", (long long)pid,
                    (desc = testReliabDescribe(pid)));
    }

    /* A QEMU that a killed caller had sent SIGTERM may have been on
     * its way out during that open and be gone now: the next open must
     * find its domain stopped. */
    if (exited->len) {
        if (!(conn = virConnectOpen(uri))) {
            PROBLEM("cannot open %s again: %s", uri, virGetLastErrorMessage());
            return count;
        }
        for (guint i = 0; i < exited->len; i++) {
            const char *dom = g_ptr_array_index(exited, i);
            virDomainPtr d = virDomainLookupByName(conn, dom);

            if (d && virDomainIsActive(d) != 0)
                PROBLEM("domain %s is still active after its QEMU exited", dom);
            if (d)
                virDomainFree(d);
            virResetLastError();
        }
        virConnectClose(conn);
    }
    return count;
#undef PROBLEM
}


int
testReliabResetDomain(const char *uri, const char *name)
{
    virConnectPtr conn = virConnectOpen(uri);
    virDomainPtr dom;
    int ret = -1;

    if (!conn) {
        virTestDiag("cannot open %s: %s", uri, virGetLastErrorMessage());
        return -1;
    }
    if (!(dom = virDomainLookupByName(conn, name))) {
        ret = virGetLastErrorCode() == VIR_ERR_NO_DOMAIN ? 0 : -1;
        goto cleanup;
    }
    /* Its QEMU may be exiting on a signal a killed caller sent: then the
     * destroy finds it no longer running, which is fine. */
    if (virDomainIsActive(dom) == 1 && virDomainDestroy(dom) < 0 &&
        (virGetLastErrorCode() != VIR_ERR_OPERATION_INVALID ||
         virDomainIsActive(dom) != 0)) {
        virTestDiag("cannot destroy %s: %s", name, virGetLastErrorMessage());
        goto cleanup;
    }
    virResetLastError();
    if (virDomainIsPersistent(dom) == 1 && virDomainUndefine(dom) < 0) {
        virTestDiag("cannot undefine %s: %s", name, virGetLastErrorMessage());
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (ret < 0 && virErrorLast())
        virTestDiag("reset of %s: %s", name, virGetLastErrorMessage());
    if (dom)
        virDomainFree(dom);
    virConnectClose(conn);
    virResetLastError();
    testReapChildren();
    return ret;
}


int
testReliabRun(const char *const *argv, char **retOut)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      &out, &err, &status, &gerr)) {
        virTestDiag("cannot run %s: %s", argv[0], gerr->message);
        return -1;
    }
    if (retOut)
        *retOut = g_strconcat(out, err, NULL);
    if (!WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}


int
testReliabMonitorHMP(virConnectPtr conn, const char *name, const char *cmd,
                     char **retReply)
{
    virQEMUDriver *driver = conn->privateData;
    g_autoptr(virDomainObj) vm = NULL;
    qemuMonitor *mon;
    int ret = -1;

    if (!(vm = qemuDomainObjLoad(driver, name)) ||
        qemuDomainObjBeginJob(driver, vm) < 0)
        return -1;
    if (!virDomainObjIsActive(vm)) {
        virTestDiag("domain %s is not running", name);
        goto cleanup;
    }
    if (!(mon = qemuDomainGetMonitor(vm)))
        goto cleanup;
    qemuMonitorSetCommandTimeout(mon, 30000);
    ret = qemuMonitorHumanCommand(mon, cmd, retReply);

 cleanup:
    qemuDomainObjEndJob(vm);
    return ret;
}
