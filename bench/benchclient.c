/*
 * benchclient.c: one client for any libvirt, to time it and to check
 * the destroy contract against it
 *
 * Built once against Debian's libvirt-dev (its headers, its libvirt.so):
 * it runs as is against upstream libvirt 9.0.0 (qemu:///system, through
 * libvirtd), and with LD_LIBRARY_PATH=build/src against ours
 * (qemu:///embed?root=DIR).  It uses only the public API, plus /proc to
 * find, freeze and observe the QEMU a domain runs in, so that both
 * libraries are measured and judged the same way.
 *
 *   benchclient [OPTION...] URI MODE
 *
 * Modes (each prints JSON lines on stdout, progress on stderr):
 *   lifecycle  create (XML to running), destroy DEFAULT, destroy GRACEFUL
 *   frozen     GRACEFUL destroy of a QEMU stopped with SIGSTOP: how long
 *              the call takes and what it did
 *   parallel   COUNT running domains: resident memory of the processes
 *              hosting the driver, `virsh list --all`, then all of them
 *              destroyed at once from COUNT threads
 *   cpu        CPU time of the driver-hosting processes per create+destroy
 *   cycle      one create+destroy inside benchCycle(), for
 *              valgrind --tool=callgrind --toggle-collect=benchCycle
 *   conform    every rule of STOP-SEMANTICS.md an API caller can observe
 *   cleanup    only remove what an interrupted run left (as every mode
 *              does before and after its work)
 *
 * Only domains named PREFIX-* (default "lvgbench-") are created or
 * touched; whatever of them is left is destroyed and undefined at exit.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

extern char **environ;

static struct {
    char *uri;
    char *peer;
    char *prefix;
    char *logDir;
    char *virsh;
    char **daemons;
    int runs;
    int count;
    int virshRuns;
    double nominal;
    double termTimeout;
} opts = {
    .runs = 10,
    .count = 20,
    .virshRuns = 10,
    .nominal = -1,
    .termTimeout = -1,
};

static virConnectPtr conn;


/* ---- output ------------------------------------------------------- */

static void
benchJSONString(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, *p);
        }
    }
    g_string_append_c(out, '"');
}


/* Starts a JSON object with the peer and kind; the caller appends
 * fields and calls benchEmitEnd. */
static GString *
benchEmitBegin(const char *kind, const char *metric)
{
    GString *out = g_string_new("{\"peer\": ");

    benchJSONString(out, opts.peer);
    g_string_append(out, ", \"kind\": ");
    benchJSONString(out, kind);
    if (metric) {
        g_string_append(out, ", \"metric\": ");
        benchJSONString(out, metric);
    }
    return out;
}


static void
benchEmitEnd(GString *out)
{
    g_string_append(out, "}\n");
    fputs(out->str, stdout);
    fflush(stdout);
    g_string_free(out, TRUE);
}


static void
benchEmitSamples(const char *metric, const char *unit, GArray *samples)
{
    GString *out = benchEmitBegin("samples", metric);

    g_string_append(out, ", \"unit\": ");
    benchJSONString(out, unit);
    g_string_append(out, ", \"samples\": [");
    for (guint i = 0; i < samples->len; i++)
        g_string_append_printf(out, "%s%.3f", i ? ", " : "",
                               g_array_index(samples, double, i));
    g_string_append(out, "]");
    benchEmitEnd(out);
}


static void
benchEmitText(const char *metric, const char *text)
{
    GString *out = benchEmitBegin("note", metric);

    g_string_append(out, ", \"text\": ");
    benchJSONString(out, text);
    benchEmitEnd(out);
}


static void
benchEmitRule(const char *rule, const char *title, bool pass,
              const char *detail)
{
    GString *out = benchEmitBegin("rule", NULL);

    g_string_append(out, ", \"rule\": ");
    benchJSONString(out, rule);
    g_string_append(out, ", \"title\": ");
    benchJSONString(out, title);
    g_string_append_printf(out, ", \"pass\": %s, \"detail\": ", pass ? "true" : "false");
    benchJSONString(out, detail);
    benchEmitEnd(out);
    g_printerr("  [%s] %s: %s\n", pass ? "PASS" : "FAIL", rule, detail);
}


static void G_GNUC_PRINTF(1, 2)
benchProgress(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_printerr("[%s] ", opts.peer);
    vfprintf(stderr, fmt, ap);
    g_printerr("\n");
    va_end(ap);
}


/* ---- time, processes ---------------------------------------------- */

static double
benchNowMs(void)
{
    return g_get_monotonic_time() / 1000.0;
}


static char *
benchReadProcFile(pid_t pid, const char *what)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/%s", pid, what);
    char *content = NULL;

    if (!g_file_get_contents(path, &content, NULL, NULL))
        return NULL;
    return content;
}


/* The state letter of /proc/PID/stat ('\0' when the process is gone or
 * is a zombie: it has exited). */
static char
benchProcState(pid_t pid)
{
    g_autofree char *stat = benchReadProcFile(pid, "stat");
    const char *p;

    if (!stat || !(p = strrchr(stat, ')')) || p[1] != ' ')
        return '\0';
    if (p[2] == 'Z' || p[2] == 'X')
        return '\0';
    return p[2];
}


static bool
benchProcAlive(pid_t pid)
{
    return pid > 0 && benchProcState(pid) != '\0';
}


/* A field of /proc/PID/status as a hexadecimal mask. */
static unsigned long long
benchProcStatusMask(pid_t pid, const char *field)
{
    g_autofree char *status = benchReadProcFile(pid, "status");
    g_autofree char *key = g_strdup_printf("\n%s:", field);
    const char *p;

    if (!status || !(p = strstr(status, key)))
        return 0;
    return g_ascii_strtoull(p + strlen(key), NULL, 16);
}


/* Signals pending for the process, thread and process-wide, as a mask
 * of 1 << (signal - 1). */
static unsigned long long
benchProcPendingSignals(pid_t pid)
{
    return benchProcStatusMask(pid, "SigPnd") | benchProcStatusMask(pid, "ShdPnd");
}


static char *
benchSignalList(unsigned long long mask)
{
    GString *out = g_string_new(NULL);

    for (int sig = 1; sig <= 64; sig++) {
        if (mask & (1ULL << (sig - 1))) {
            const char *name = sigabbrev_np(sig);

            g_string_append_printf(out, "%sSIG%s", out->len ? "," : "",
                                   name ? name : "?");
        }
    }
    if (!out->len)
        g_string_append(out, "none");
    return g_string_free(out, FALSE);
}


/* VmRSS of a process, KiB (0 if unknown). */
static long long
benchProcRSS(pid_t pid)
{
    g_autofree char *status = benchReadProcFile(pid, "status");
    const char *p;

    if (!status || !(p = strstr(status, "\nVmRSS:")))
        return 0;
    return g_ascii_strtoll(p + strlen("\nVmRSS:"), NULL, 10);
}


/* CPU time a process has used so far, ms: the sum over its threads
 * (/proc/PID/task/TID/schedstat, nanoseconds, not tick-rounded). */
static double
benchProcCPUMs(pid_t pid)
{
    g_autofree char *dir = g_strdup_printf("/proc/%d/task", pid);
    g_autoptr(GDir) tasks = g_dir_open(dir, 0, NULL);
    const char *tid;
    double total = 0;

    if (!tasks)
        return 0;
    while ((tid = g_dir_read_name(tasks))) {
        g_autofree char *path = g_strdup_printf("%s/%s/schedstat", dir, tid);
        g_autofree char *content = NULL;

        if (g_file_get_contents(path, &content, NULL, NULL))
            total += g_ascii_strtoull(content, NULL, 10) / 1e6;
    }
    return total;
}


/* Our own CPU time, ms, including threads that have ended. */
static double
benchSelfCPUMs(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
           ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
}


/* The process whose command name (/proc/PID/comm) is @comm, or 0. */
static pid_t
benchFindByComm(const char *comm)
{
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    const char *entry;

    if (!proc)
        return 0;
    while ((entry = g_dir_read_name(proc))) {
        pid_t pid = (pid_t)g_ascii_strtoll(entry, NULL, 10);
        g_autofree char *name = NULL;

        if (pid <= 0 || !(name = benchReadProcFile(pid, "comm")))
            continue;
        if (g_str_equal(g_strchomp(name), comm))
            return pid;
    }
    return 0;
}


/* Whether the NUL-separated command line names QEMU guest @name
 * (-name guest=NAME,...). */
static bool
benchCmdlineIsGuest(const char *cmdline, gsize len, const char *name)
{
    g_autofree char *want = g_strdup_printf("guest=%s", name);
    size_t wantLen = strlen(want);

    for (gsize i = 0; i < len; i += strlen(cmdline + i) + 1) {
        const char *arg = cmdline + i;

        if (strncmp(arg, want, wantLen) == 0 &&
            (arg[wantLen] == '\0' || arg[wantLen] == ','))
            return true;
    }
    return false;
}


/* The pid of the running QEMU of domain @name, found by its command
 * line, as neither library's API tells it; 0 if there is none. */
static pid_t
benchFindQemu(const char *name)
{
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    const char *entry;

    if (!proc)
        return 0;
    while ((entry = g_dir_read_name(proc))) {
        pid_t pid = (pid_t)g_ascii_strtoll(entry, NULL, 10);
        g_autofree char *path = NULL;
        g_autofree char *cmdline = NULL;
        gsize len;

        if (pid <= 0)
            continue;
        path = g_strdup_printf("/proc/%d/cmdline", pid);
        if (!g_file_get_contents(path, &cmdline, &len, NULL) || len == 0)
            continue;
        if (benchCmdlineIsGuest(cmdline, len, name) && benchProcAlive(pid))
            return pid;
    }
    return 0;
}


/* Waits up to @ms for @pid to exit, on a pidfd.  Returns true once it
 * has (a zombie has). */
static bool
benchWaitGone(pid_t pid, int ms)
{
    struct pollfd pfd = { .events = POLLIN };
    double deadline = benchNowMs() + ms;
    bool gone;

    if ((pfd.fd = pidfd_open(pid, 0)) < 0)
        return errno == ESRCH;
    for (;;) {
        int left = (int)(deadline - benchNowMs());
        int rc = poll(&pfd, 1, left > 0 ? left : 0);

        if (rc < 0 && errno == EINTR)
            continue;
        gone = rc > 0;
        break;
    }
    close(pfd.fd);
    return gone || !benchProcAlive(pid);
}


/* Stops @pid with SIGSTOP and waits until the kernel shows it stopped,
 * so that a signal sent afterwards meets a frozen process. */
static int
benchFreeze(pid_t pid)
{
    if (kill(pid, SIGSTOP) < 0)
        return -1;
    for (int i = 0; i < 5000; i++) {
        if (benchProcState(pid) == 'T')
            return 0;
        g_usleep(1000);
    }
    return -1;
}


/* ---- libvirt helpers ---------------------------------------------- */

static const char *
benchErrorName(int code)
{
    switch (code) {
    case VIR_ERR_OK: return "VIR_ERR_OK";
    case VIR_ERR_INTERNAL_ERROR: return "VIR_ERR_INTERNAL_ERROR";
    case VIR_ERR_INVALID_ARG: return "VIR_ERR_INVALID_ARG";
    case VIR_ERR_OPERATION_FAILED: return "VIR_ERR_OPERATION_FAILED";
    case VIR_ERR_SYSTEM_ERROR: return "VIR_ERR_SYSTEM_ERROR";
    case VIR_ERR_NO_DOMAIN: return "VIR_ERR_NO_DOMAIN";
    case VIR_ERR_OPERATION_INVALID: return "VIR_ERR_OPERATION_INVALID";
    case VIR_ERR_OPERATION_TIMEOUT: return "VIR_ERR_OPERATION_TIMEOUT";
    case VIR_ERR_NO_SUPPORT: return "VIR_ERR_NO_SUPPORT";
    }
    return "another code";
}


static const char *
benchStateName(int state, int reason)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return "running";
    case VIR_DOMAIN_PAUSED: return "paused";
    case VIR_DOMAIN_SHUTDOWN: return "shutting down";
    case VIR_DOMAIN_CRASHED: return "crashed";
    case VIR_DOMAIN_SHUTOFF:
        switch (reason) {
        case VIR_DOMAIN_SHUTOFF_SHUTDOWN: return "shut off (shutdown)";
        case VIR_DOMAIN_SHUTOFF_DESTROYED: return "shut off (destroyed)";
        case VIR_DOMAIN_SHUTOFF_CRASHED: return "shut off (crashed)";
        case VIR_DOMAIN_SHUTOFF_FAILED: return "shut off (failed)";
        }
        return "shut off (other reason)";
    }
    return "other state";
}


/* The last error of this thread, as "CODE_NAME (N): message". */
static char *
benchLastError(int *retCode)
{
    virErrorPtr err = virGetLastError();

    if (retCode)
        *retCode = err ? err->code : VIR_ERR_OK;
    if (!err)
        return g_strdup("no error reported");
    return g_strdup_printf("%s (%d): %s", benchErrorName(err->code), err->code,
                           err->message ? err->message : "");
}


static char *
benchDomainXML(const char *name)
{
    /* An idle guest: no disk, nothing to boot, TCG. */
    return g_strdup_printf("<domain type='qemu'>\n"
                           "  <name>%s</name>\n"
                           "  <memory unit='MiB'>128</memory>\n"
                           "  <vcpu>1</vcpu>\n"
                           "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
                           "  <devices>\n"
                           "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
                           "  </devices>\n"
                           "</domain>\n", name);
}


static char *
benchName(const char *suffix)
{
    return g_strdup_printf("%s%s", opts.prefix, suffix);
}


/* Starts domain @name (persistent: defined, then started; else
 * transient).  *retPid gets its QEMU's pid.  NULL on failure, with the
 * error printed. */
static virDomainPtr
benchStart(const char *name, bool persistent, pid_t *retPid)
{
    g_autofree char *xml = benchDomainXML(name);
    virDomainPtr dom;

    if (persistent) {
        if (!(dom = virDomainDefineXML(conn, xml)))
            goto error;
        if (virDomainCreate(dom) < 0) {
            g_autofree char *msg = benchLastError(NULL);

            virDomainUndefine(dom);
            virDomainFree(dom);
            benchProgress("cannot start %s: %s", name, msg);
            return NULL;
        }
    } else if (!(dom = virDomainCreateXML(conn, xml, 0))) {
        goto error;
    }
    if (retPid && (*retPid = benchFindQemu(name)) <= 0) {
        benchProgress("domain %s runs, but no QEMU process names it", name);
        virDomainDestroy(dom);
        if (persistent)
            virDomainUndefine(dom);
        virDomainFree(dom);
        return NULL;
    }
    return dom;

 error: {
        g_autofree char *msg = benchLastError(NULL);

        benchProgress("cannot start %s: %s", name, msg);
        return NULL;
    }
}


/* Stops and forgets a domain whatever state it (or its QEMU) is in. */
static void
benchDiscard(virDomainPtr dom)
{
    const char *name;
    pid_t pid;

    if (!dom)
        return;
    name = virDomainGetName(dom);
    if (name && (pid = benchFindQemu(name)) > 0)
        kill(pid, SIGCONT);
    if (virDomainIsActive(dom) == 1)
        virDomainDestroy(dom);
    if (virDomainIsPersistent(dom) == 1)
        virDomainUndefine(dom);
    virDomainFree(dom);
    virResetLastError();
}


/* Destroys and undefines every domain named PREFIX-*: what an earlier
 * run or this one left behind.  Touches nothing else. */
static void
benchCleanupLeftovers(void)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);

    for (int i = 0; i < n; i++) {
        const char *name = virDomainGetName(doms[i]);

        if (name && g_str_has_prefix(name, opts.prefix)) {
            benchProgress("removing leftover domain %s", name);
            benchDiscard(doms[i]);
        } else {
            virDomainFree(doms[i]);
        }
    }
    free(doms);
    virResetLastError();
}


static int
benchGetState(virDomainPtr dom, int *retReason)
{
    int state = -1;
    int reason = -1;

    if (virDomainGetState(dom, &state, &reason, 0) < 0)
        state = reason = -1;
    *retReason = reason;
    return state;
}


static char *
benchLogPath(const char *name)
{
    return g_strdup_printf("%s/%s.log", opts.logDir, name);
}


static off_t
benchFileSize(const char *path)
{
    struct stat sb;

    return stat(path, &sb) < 0 ? -1 : sb.st_size;
}


/* Whether what was appended to @path after @offset contains @text;
 * waits up to 1 s (upstream's log daemon writes asynchronously). */
static bool
benchLogHas(const char *path, off_t offset, const char *text)
{
    for (int i = 0; i < 100; i++) {
        g_autofree char *content = NULL;
        gsize len;

        if (g_file_get_contents(path, &content, &len, NULL) &&
            (gsize)offset <= len && strstr(content + offset, text))
            return true;
        g_usleep(10000);
    }
    return false;
}


/* ---- lifecycle events --------------------------------------------- */

typedef struct {
    char *name;
    int event;
    int detail;
} benchEvent;

static GMutex benchEventLock;
static GPtrArray *benchEvents;
static gint benchEventQuit;
static GThread *benchEventThread;

static void
benchEventFree(gpointer data)
{
    benchEvent *ev = data;

    g_free(ev->name);
    g_free(ev);
}


static int
benchLifecycleCallback(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom,
                       int event, int detail, void *opaque G_GNUC_UNUSED)
{
    benchEvent *ev = g_new0(benchEvent, 1);

    ev->name = g_strdup(virDomainGetName(dom));
    ev->event = event;
    ev->detail = detail;
    g_mutex_lock(&benchEventLock);
    g_ptr_array_add(benchEvents, ev);
    g_mutex_unlock(&benchEventLock);
    return 0;
}


static void
benchTick(int timer G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}


static gpointer
benchEventLoop(gpointer opaque G_GNUC_UNUSED)
{
    while (!g_atomic_int_get(&benchEventQuit)) {
        if (virEventRunDefaultImpl() < 0)
            break;
    }
    return NULL;
}


static const char *
benchEventName(int event)
{
    static const char *names[] = {
        "DEFINED", "UNDEFINED", "STARTED", "SUSPENDED", "RESUMED",
        "STOPPED", "SHUTDOWN", "PMSUSPENDED", "CRASHED",
    };

    if (event >= 0 && event < (int)G_N_ELEMENTS(names))
        return names[event];
    return "?";
}


/* Forgets the events received so far. */
static void
benchEventsClear(void)
{
    g_mutex_lock(&benchEventLock);
    g_ptr_array_set_size(benchEvents, 0);
    g_mutex_unlock(&benchEventLock);
}


/* The events of domain @name received so far, "EVENT/detail ...";
 * waits up to @ms for one with @event/@detail if that is not -1. */
static char *
benchEventsOf(const char *name, int event, int detail, int ms)
{
    double deadline = benchNowMs() + ms;

    for (;;) {
        g_autoptr(GString) out = g_string_new(NULL);
        bool found = false;

        g_mutex_lock(&benchEventLock);
        for (guint i = 0; i < benchEvents->len; i++) {
            benchEvent *ev = g_ptr_array_index(benchEvents, i);

            if (!g_str_equal(ev->name, name))
                continue;
            g_string_append_printf(out, "%s%s", out->len ? " " : "",
                                   benchEventName(ev->event));
            if (ev->event == VIR_DOMAIN_EVENT_STARTED &&
                ev->detail == VIR_DOMAIN_EVENT_STARTED_BOOTED)
                g_string_append(out, "/BOOTED");
            else if (ev->event == VIR_DOMAIN_EVENT_STOPPED &&
                     ev->detail == VIR_DOMAIN_EVENT_STOPPED_DESTROYED)
                g_string_append(out, "/DESTROYED");
            else
                g_string_append_printf(out, "/%d", ev->detail);
            if (ev->event == event && ev->detail == detail)
                found = true;
        }
        g_mutex_unlock(&benchEventLock);
        if (found || event < 0 || benchNowMs() >= deadline) {
            if (!out->len)
                g_string_append(out, "none");
            return g_string_free(g_steal_pointer(&out), FALSE);
        }
        g_usleep(5000);
    }
}


static int
benchEventsStart(void)
{
    benchEvents = g_ptr_array_new_with_free_func(benchEventFree);
    if (virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         VIR_DOMAIN_EVENT_CALLBACK(benchLifecycleCallback),
                                         NULL, NULL) < 0)
        return -1;
    /* A short periodic timer bounds each loop iteration, so that the
     * thread notices when to quit. */
    if (virEventAddTimeout(50, benchTick, NULL, NULL) < 0)
        return -1;
    benchEventThread = g_thread_new("events", benchEventLoop, NULL);
    return 0;
}


static void
benchEventsStop(void)
{
    if (!benchEventThread)
        return;
    g_atomic_int_set(&benchEventQuit, 1);
    g_thread_join(benchEventThread);
    benchEventThread = NULL;
}


/* ---- timing modes ------------------------------------------------- */

static GArray *
benchSamplesNew(void)
{
    return g_array_new(FALSE, FALSE, sizeof(double));
}


static void
benchSamplesAdd(GArray *samples, double value)
{
    g_array_append_val(samples, value);
}


/* Destroys @dom with @flags and checks that its QEMU @pid is gone when
 * the call returns.  Returns the time the call took, ms, or -1. */
static double
benchTimedDestroy(virDomainPtr dom, pid_t pid, unsigned int flags)
{
    double t0 = benchNowMs();
    double elapsed;

    if (virDomainDestroyFlags(dom, flags) < 0) {
        g_autofree char *msg = benchLastError(NULL);

        benchProgress("destroy (flags 0x%x) failed: %s", flags, msg);
        return -1;
    }
    elapsed = benchNowMs() - t0;
    if (benchProcAlive(pid) && !benchWaitGone(pid, 0)) {
        benchProgress("destroy returned but QEMU %d still runs", pid);
        return -1;
    }
    return elapsed;
}


/* Create (XML to running), destroy DEFAULT, destroy GRACEFUL.  The
 * first cycle warms caches up and is not counted. */
static int
benchModeLifecycle(void)
{
    g_autofree char *name = benchName("life");
    g_autofree char *xml = benchDomainXML(name);
    g_autoptr(GArray) create = benchSamplesNew();
    g_autoptr(GArray) destroyDefault = benchSamplesNew();
    g_autoptr(GArray) destroyGraceful = benchSamplesNew();

    for (int run = -1; run < opts.runs; run++) {
        for (int graceful = 0; graceful < 2; graceful++) {
            double t0 = benchNowMs();
            virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
            double created = benchNowMs() - t0;
            double destroyed;
            pid_t pid;

            if (!dom) {
                g_autofree char *msg = benchLastError(NULL);

                benchProgress("cannot create %s: %s", name, msg);
                return -1;
            }
            if ((pid = benchFindQemu(name)) <= 0) {
                benchProgress("no QEMU process for %s", name);
                benchDiscard(dom);
                return -1;
            }
            destroyed = benchTimedDestroy(dom, pid,
                                          graceful ? VIR_DOMAIN_DESTROY_GRACEFUL : 0);
            virDomainFree(dom);
            if (destroyed < 0)
                return -1;
            if (run < 0)
                continue;
            benchSamplesAdd(create, created);
            benchSamplesAdd(graceful ? destroyGraceful : destroyDefault, destroyed);
        }
        if (run >= 0)
            benchProgress("lifecycle %d/%d: create %.1f ms, destroy %.1f ms, graceful %.1f ms",
                          run + 1, opts.runs, g_array_index(create, double, create->len - 1),
                          g_array_index(destroyDefault, double, destroyDefault->len - 1),
                          g_array_index(destroyGraceful, double, destroyGraceful->len - 1));
    }
    benchEmitSamples("create_ms", "ms", create);
    benchEmitSamples("destroy_default_ms", "ms", destroyDefault);
    benchEmitSamples("destroy_graceful_ms", "ms", destroyGraceful);
    return 0;
}


/* GRACEFUL destroy of a QEMU stopped with SIGSTOP: how long after the
 * configured timeout the call returns, and what it did. */
static int
benchModeFrozen(void)
{
    g_autofree char *name = benchName("frozen");
    g_autoptr(GArray) elapsed = benchSamplesNew();
    g_autoptr(GArray) overshoot = benchSamplesNew();
    g_autoptr(GString) outcomes = g_string_new(NULL);

    for (int run = 0; run < opts.runs; run++) {
        pid_t pid;
        virDomainPtr dom = benchStart(name, false, &pid);
        g_autofree char *msg = NULL;
        double t0, ms;
        int rc;

        if (!dom)
            return -1;
        if (benchFreeze(pid) < 0) {
            benchProgress("cannot freeze QEMU %d", pid);
            benchDiscard(dom);
            return -1;
        }
        t0 = benchNowMs();
        rc = virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL);
        ms = benchNowMs() - t0;
        msg = rc < 0 ? benchLastError(NULL) : NULL;
        benchSamplesAdd(elapsed, ms);
        if (opts.nominal >= 0)
            benchSamplesAdd(overshoot, ms - opts.nominal * 1000);
        g_string_append_printf(outcomes, "%srun %d: %s after %.0f ms, QEMU %s",
                               outcomes->len ? "; " : "", run + 1,
                               rc == 0 ? "returned success" : "failed",
                               ms, benchProcAlive(pid) ? "still there" : "gone (killed)");
        benchProgress("frozen %d/%d: %s after %.1f ms%s%s; QEMU %s", run + 1, opts.runs,
                      rc == 0 ? "success" : "failure", ms, msg ? ": " : "",
                      msg ? msg : "", benchProcAlive(pid) ? "still there" : "gone");
        /* The pending SIGTERM ends it once it may run again. */
        kill(pid, SIGCONT);
        benchWaitGone(pid, 10000);
        benchDiscard(dom);
    }
    benchEmitSamples("graceful_frozen_ms", "ms", elapsed);
    if (opts.nominal >= 0)
        benchEmitSamples("graceful_overshoot_ms", "ms", overshoot);
    benchEmitText("graceful_frozen_outcome", outcomes->str);
    return 0;
}


typedef struct {
    virDomainPtr dom;
    GMutex *lock;
    GCond *cond;
    bool *go;
    double end;
    int rc;
    char *error;
} benchDestroyJob;

static gpointer
benchDestroyThread(gpointer opaque)
{
    benchDestroyJob *job = opaque;

    g_mutex_lock(job->lock);
    while (!*job->go)
        g_cond_wait(job->cond, job->lock);
    g_mutex_unlock(job->lock);
    job->rc = virDomainDestroy(job->dom);
    job->end = benchNowMs();
    if (job->rc < 0)
        job->error = benchLastError(NULL);
    return NULL;
}


/* Runs `virsh -c URI list --all` @opts.virshRuns times; each must list
 * @want domains named PREFIX-*.  Returns 0 or -1. */
static int
benchVirshList(GArray *samples, int want)
{
    const char *argv[] = { opts.virsh, "-c", opts.uri, "list", "--all", NULL };

    for (int i = 0; i < opts.virshRuns; i++) {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autoptr(GError) error = NULL;
        double t0 = benchNowMs();
        int status;
        int seen = 0;

        if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                          &out, &err, &status, &error)) {
            benchProgress("cannot run %s: %s", opts.virsh, error->message);
            return -1;
        }
        benchSamplesAdd(samples, benchNowMs() - t0);
        for (const char *p = out; (p = strstr(p, opts.prefix)); p++)
            seen++;
        if (!g_spawn_check_wait_status(status, NULL) || seen != want) {
            benchProgress("virsh list --all listed %d of %d domains: %s%s", seen,
                          want, out, err);
            return -1;
        }
    }
    return 0;
}


/* COUNT persistent domains running: the resident memory of what hosts
 * the driver, `virsh list --all`, then all destroyed at once, one
 * thread each; `virsh list --all` again with all of them shut off. */
static int
benchModeParallel(void)
{
    g_autoptr(GArray) total = benchSamplesNew();
    g_autoptr(GArray) rss = benchSamplesNew();
    g_autoptr(GArray) rssClient = benchSamplesNew();
    g_autoptr(GArray) listRunning = benchSamplesNew();
    g_autoptr(GArray) listDefined = benchSamplesNew();
    g_autoptr(GPtrArray) rssDaemons = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    int ndaemons = opts.daemons ? g_strv_length(opts.daemons) : 0;
    int ret = -1;

    for (int d = 0; d < ndaemons; d++)
        g_ptr_array_add(rssDaemons, benchSamplesNew());

    for (int round = 0; round < opts.runs; round++) {
        g_autofree virDomainPtr *doms = g_new0(virDomainPtr, opts.count);
        g_autofree pid_t *pids = g_new0(pid_t, opts.count);
        g_autofree benchDestroyJob *jobs = g_new0(benchDestroyJob, opts.count);
        g_autofree GThread **threads = g_new0(GThread *, opts.count);
        GMutex lock;
        GCond cond;
        bool go = false;
        double t0, last = 0;
        long long sum;
        int failed = 0;

        for (int i = 0; i < opts.count; i++) {
            g_autofree char *suffix = g_strdup_printf("p%02d", i);
            g_autofree char *name = benchName(suffix);

            if (!(doms[i] = benchStart(name, true, &pids[i])))
                goto round_error;
        }
        benchProgress("round %d/%d: %d domains running", round + 1, opts.runs, opts.count);
        /* Idle: let start-up work settle before measuring memory. */
        g_usleep(2 * G_USEC_PER_SEC);
        sum = benchProcRSS(getpid());
        benchSamplesAdd(rssClient, benchProcRSS(getpid()));
        for (int d = 0; d < ndaemons; d++) {
            pid_t pid = benchFindByComm(opts.daemons[d]);
            long long kib = pid > 0 ? benchProcRSS(pid) : 0;

            if (pid <= 0) {
                benchProgress("no process named %s", opts.daemons[d]);
                goto round_error;
            }
            benchSamplesAdd(g_ptr_array_index(rssDaemons, d), kib);
            /* The first daemon is the one hosting the driver. */
            if (d == 0)
                sum += kib;
        }
        benchSamplesAdd(rss, sum);

        if (opts.virsh && benchVirshList(listRunning, opts.count) < 0)
            goto round_error;

        g_mutex_init(&lock);
        g_cond_init(&cond);
        for (int i = 0; i < opts.count; i++) {
            jobs[i] = (benchDestroyJob) { .dom = doms[i], .lock = &lock, .cond = &cond,
                                          .go = &go };
            threads[i] = g_thread_new("destroy", benchDestroyThread, &jobs[i]);
        }
        /* Every thread is waiting on the condition by now or soon; the
         * clock starts when they are released. */
        g_usleep(200000);
        g_mutex_lock(&lock);
        go = true;
        t0 = benchNowMs();
        g_cond_broadcast(&cond);
        g_mutex_unlock(&lock);
        for (int i = 0; i < opts.count; i++) {
            g_thread_join(threads[i]);
            last = MAX(last, jobs[i].end);
            if (jobs[i].rc < 0 || benchProcAlive(pids[i])) {
                benchProgress("parallel destroy of %s: %s", virDomainGetName(doms[i]),
                              jobs[i].error ? jobs[i].error : "QEMU still runs");
                failed++;
            }
            g_free(jobs[i].error);
        }
        g_mutex_clear(&lock);
        g_cond_clear(&cond);
        if (failed)
            goto round_error;
        benchSamplesAdd(total, last - t0);
        benchProgress("round %d/%d: %d destroyed in parallel in %.1f ms, RSS %lld KiB",
                      round + 1, opts.runs, opts.count, last - t0, sum);

        if (opts.virsh && benchVirshList(listDefined, opts.count) < 0)
            goto round_error;
        for (int i = 0; i < opts.count; i++)
            benchDiscard(doms[i]);
        continue;

     round_error:
        for (int i = 0; i < opts.count; i++)
            benchDiscard(doms[i]);
        goto cleanup;
    }

    benchEmitSamples("parallel_destroy_ms", "ms", total);
    benchEmitSamples("rss_kib", "KiB", rss);
    benchEmitSamples("rss_client_kib", "KiB", rssClient);
    for (int d = 0; d < ndaemons; d++) {
        g_autofree char *metric = g_strdup_printf("rss_%s_kib", opts.daemons[d]);

        benchEmitSamples(metric, "KiB", g_ptr_array_index(rssDaemons, d));
    }
    if (opts.virsh) {
        benchEmitSamples("virsh_list_running_ms", "ms", listRunning);
        benchEmitSamples("virsh_list_defined_ms", "ms", listDefined);
    }
    ret = 0;

 cleanup:
    return ret;
}


/* CPU time the driver-hosting processes spend on one create+destroy:
 * ours, this process; upstream, this process and the daemons named
 * (--daemon), whose QEMU children are not counted either way. */
static double
benchCPUNow(double *parts)
{
    int ndaemons = opts.daemons ? g_strv_length(opts.daemons) : 0;
    double total = parts[0] = benchSelfCPUMs();

    for (int d = 0; d < ndaemons; d++) {
        pid_t pid = benchFindByComm(opts.daemons[d]);

        parts[d + 1] = pid > 0 ? benchProcCPUMs(pid) : 0;
        total += parts[d + 1];
    }
    return total;
}


static int
benchModeCPU(void)
{
    g_autofree char *name = benchName("cpu");
    g_autofree char *xml = benchDomainXML(name);
    int ndaemons = opts.daemons ? g_strv_length(opts.daemons) : 0;
    g_autofree double *c0 = g_new0(double, ndaemons + 1);
    g_autofree double *c1 = g_new0(double, ndaemons + 1);
    g_autofree double *c2 = g_new0(double, ndaemons + 1);
    g_autofree double *c3 = g_new0(double, ndaemons + 1);
    g_autoptr(GArray) total = benchSamplesNew();
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);

    for (int p = 0; p <= ndaemons; p++)
        g_ptr_array_add(parts, benchSamplesNew());
    for (int run = -1; run < opts.runs; run++) {
        virDomainPtr dom;
        double t0, t1, t2, t3;
        pid_t pid;
        int rc;

        /* Only the two calls are counted, not the search for the pid
         * between them. */
        t0 = benchCPUNow(c0);
        dom = virDomainCreateXML(conn, xml, 0);
        t1 = benchCPUNow(c1);
        if (!dom) {
            g_autofree char *msg = benchLastError(NULL);

            benchProgress("cannot create %s: %s", name, msg);
            return -1;
        }
        pid = benchFindQemu(name);
        t2 = benchCPUNow(c2);
        rc = virDomainDestroy(dom);
        t3 = benchCPUNow(c3);
        if (rc < 0 || benchProcAlive(pid)) {
            g_autofree char *msg = benchLastError(NULL);

            benchProgress("destroy of %s failed: %s", name, msg);
            benchDiscard(dom);
            return -1;
        }
        virDomainFree(dom);
        if (run < 0)
            continue;
        benchSamplesAdd(total, (t1 - t0) + (t3 - t2));
        for (int p = 0; p <= ndaemons; p++)
            benchSamplesAdd(g_ptr_array_index(parts, p),
                            (c1[p] - c0[p]) + (c3[p] - c2[p]));
    }
    benchEmitSamples("cpu_cycle_ms", "ms", total);
    benchEmitSamples("cpu_cycle_client_ms", "ms", g_ptr_array_index(parts, 0));
    for (int d = 0; d < ndaemons; d++) {
        g_autofree char *metric = g_strdup_printf("cpu_cycle_%s_ms", opts.daemons[d]);

        benchEmitSamples(metric, "ms", g_ptr_array_index(parts, d + 1));
    }
    return 0;
}


/**
 * benchCycle:
 * @xml: a transient domain's XML
 *
 * One create+destroy.  Not static and not inlined, so that a profiler
 * can single it out (valgrind --tool=callgrind --toggle-collect=benchCycle
 * where valgrind supports pidfd_open); bench/inscount counts it between
 * the SIGUSR2 marks of benchModeCycle.
 *
 * Returns: 0, or -1 with a libvirt error set.
 */
int benchCycle(const char *xml);

G_GNUC_NO_INLINE int
benchCycle(const char *xml)
{
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainDestroy(dom);
    virDomainFree(dom);
    return rc;
}


static int
benchModeCycle(void)
{
    g_autofree char *name = benchName("cycle");
    g_autofree char *xml = benchDomainXML(name);
    double t0;
    int rc;

    /* Warm-up outside the counted function. */
    if (benchCycle(xml) < 0)
        goto error;
    /* SIGUSR2, ignored, marks the span for bench/inscount (a tracer
     * sees even ignored signals). */
    signal(SIGUSR2, SIG_IGN);
    t0 = benchNowMs();
    raise(SIGUSR2);
    rc = benchCycle(xml);
    raise(SIGUSR2);
    if (rc < 0)
        goto error;
    if (benchFindQemu(name) > 0) {
        benchProgress("QEMU of %s still runs after destroy", name);
        return -1;
    }
    benchProgress("one create+destroy cycle took %.1f ms", benchNowMs() - t0);
    return 0;

 error: {
        g_autofree char *msg = benchLastError(NULL);

        benchProgress("create+destroy failed: %s", msg);
        return -1;
    }
}


/* ---- the contract, rule by rule ------------------------------------- */

#define BENCH_SIGTERM_MASK (1ULL << (SIGTERM - 1))

/* A destroy of a live QEMU with @flags: returns 0, QEMU gone, ended by
 * SIGTERM (QEMU's own log line), shut off (destroyed), STOPPED/DESTROYED
 * emitted.  REMOVE_LOGS: the log is gone; else it stays. */
static void
benchRuleLiveDestroy(const char *rule, const char *title, unsigned int flags)
{
    g_autofree char *name = benchName(rule);
    g_autofree char *log = benchLogPath(name);
    g_autofree char *msg = NULL;
    g_autofree char *events = NULL;
    g_autofree char *detail = NULL;
    off_t offset = MAX(benchFileSize(log), 0);
    virDomainPtr dom;
    pid_t pid;
    double t0, ms;
    int rc, state, reason;
    bool gone, sigterm, logOK, eventOK;

    benchEventsClear();
    if (!(dom = benchStart(name, true, &pid))) {
        benchEmitRule(rule, title, false, "could not start a domain");
        return;
    }
    t0 = benchNowMs();
    rc = virDomainDestroyFlags(dom, flags);
    ms = benchNowMs() - t0;
    msg = rc < 0 ? benchLastError(NULL) : g_strdup("returned 0");
    gone = !benchProcAlive(pid);
    state = benchGetState(dom, &reason);
    if (flags & VIR_DOMAIN_DESTROY_REMOVE_LOGS) {
        /* QEMU's last words cannot be read from a removed log. */
        sigterm = true;
        g_usleep(200000);
        logOK = benchFileSize(log) < 0;
    } else {
        sigterm = benchLogHas(log, offset, "terminating on signal 15");
        logOK = benchFileSize(log) >= 0;
    }
    events = benchEventsOf(name, VIR_DOMAIN_EVENT_STOPPED,
                           VIR_DOMAIN_EVENT_STOPPED_DESTROYED, 2000);
    eventOK = strstr(events, "STARTED/BOOTED") && strstr(events, "STOPPED/DESTROYED");
    detail = g_strdup_printf("%s in %.1f ms; QEMU %s%s; state %s; log %s; events: %s",
                             msg, ms, gone ? "gone" : "still running",
                             (flags & VIR_DOMAIN_DESTROY_REMOVE_LOGS) ? "" :
                             sigterm ? " (its log: terminated by SIGTERM)" :
                                       " (its log does not say SIGTERM)",
                             benchStateName(state, reason),
                             benchFileSize(log) < 0 ? "removed" : "kept", events);
    benchEmitRule(rule, title,
                  rc == 0 && gone && sigterm && logOK && eventOK &&
                  state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_DESTROYED,
                  detail);
    benchDiscard(dom);
}


static void
benchRuleBadFlags(void)
{
    const char *title = "unknown flag 0x80: VIR_ERR_INVALID_ARG 'unsupported flags (0x80) in function qemuDomainDestroyFlags', nothing signalled";
    g_autofree char *name = benchName("flags");
    g_autofree char *msg = NULL;
    g_autofree char *detail = NULL;
    g_autofree char *pending = NULL;
    virErrorPtr err;
    virDomainPtr dom;
    pid_t pid;
    int rc, code, state, reason;
    bool msgOK;

    if (!(dom = benchStart(name, true, &pid))) {
        benchEmitRule("bad-flags", title, false, "could not start a domain");
        return;
    }
    rc = virDomainDestroyFlags(dom, 0x80);
    err = virGetLastError();
    msgOK = err && err->message &&
            g_str_equal(err->message, "unsupported flags (0x80) in function qemuDomainDestroyFlags");
    msg = benchLastError(&code);
    /* Anything sent would be pending or acted upon by now. */
    g_usleep(100000);
    pending = benchSignalList(benchProcPendingSignals(pid));
    state = benchGetState(dom, &reason);
    detail = g_strdup_printf("rc %d, %s; QEMU %s, pending signals: %s; state %s", rc, msg,
                             benchProcAlive(pid) ? "running" : "gone", pending,
                             benchStateName(state, reason));
    benchEmitRule("bad-flags", title,
                  rc < 0 && code == VIR_ERR_INVALID_ARG && msgOK && benchProcAlive(pid) &&
                  benchProcPendingSignals(pid) == 0 && state == VIR_DOMAIN_RUNNING,
                  detail);
    benchDiscard(dom);
}


static void
benchRuleInactive(void)
{
    const char *title = "destroy of an inactive domain (DEFAULT and GRACEFUL): VIR_ERR_OPERATION_INVALID 'domain is not running'";
    g_autofree char *name = benchName("inactive");
    g_autofree char *xml = benchDomainXML(name);
    g_autoptr(GString) detail = g_string_new(NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    bool pass = true;

    if (!dom) {
        benchEmitRule("inactive", title, false, "could not define a domain");
        return;
    }
    for (int graceful = 0; graceful < 2; graceful++) {
        int rc = virDomainDestroyFlags(dom, graceful ? VIR_DOMAIN_DESTROY_GRACEFUL : 0);
        virErrorPtr err = virGetLastError();
        g_autofree char *msg = benchLastError(NULL);

        g_string_append_printf(detail, "%s%s: rc %d, %s", graceful ? "; " : "",
                               graceful ? "GRACEFUL" : "DEFAULT", rc, msg);
        if (rc == 0 || !err || err->code != VIR_ERR_OPERATION_INVALID ||
            !err->message || !strstr(err->message, "domain is not running"))
            pass = false;
    }
    benchEmitRule("inactive", title, pass, detail->str);
    benchDiscard(dom);
}


/* GRACEFUL (with @flags added) on a QEMU frozen with SIGSTOP.  Emits
 * the rules about the call; returns the domain (still to be discarded)
 * and whether its QEMU outlived the call. */
static virDomainPtr
benchFrozenGraceful(const char *suffix, unsigned int flags, pid_t *retPid,
                    double *retMs, int *retRc, char **retMsg, int *retCode,
                    int *retStateBefore, char **retEvents)
{
    g_autofree char *name = benchName(suffix);
    virDomainPtr dom;
    int reason;
    double t0;

    benchEventsClear();
    if (!(dom = benchStart(name, true, retPid)))
        return NULL;
    *retStateBefore = benchGetState(dom, &reason);
    if (benchFreeze(*retPid) < 0) {
        benchDiscard(dom);
        return NULL;
    }
    benchProgress("GRACEFUL destroy of frozen QEMU %d (%s)...", *retPid, name);
    benchEventsClear();
    t0 = benchNowMs();
    *retRc = virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL | flags);
    *retMs = benchNowMs() - t0;
    *retMsg = *retRc < 0 ? benchLastError(retCode) : g_strdup("returned 0");
    if (*retRc == 0)
        *retCode = VIR_ERR_OK;
    /* Late events would have arrived by now. */
    *retEvents = benchEventsOf(name, VIR_DOMAIN_EVENT_STOPPED,
                               VIR_DOMAIN_EVENT_STOPPED_DESTROYED, 500);
    return dom;
}


static void
benchRulesFrozen(void)
{
    const char *titleFail = "GRACEFUL on a frozen QEMU (SIGSTOP): fails with VIR_ERR_OPERATION_FAILED 'failed to kill qemu process with SIGTERM...'";
    const char *titleKill = "GRACEFUL on a frozen QEMU: never SIGKILL (QEMU still there, only SIGTERM pending)";
    const char *titleState = "GRACEFUL on a frozen QEMU: state unchanged, no lifecycle event";
    const char *titleDefault = "DEFAULT on a frozen QEMU: SIGKILL after the SIGTERM timeout, returns 0, shut off (destroyed)";
    const char *titleLogs = "REMOVE_LOGS: a failed (GRACEFUL, frozen) destroy keeps the log";
    g_autofree char *msg = NULL;
    g_autofree char *events = NULL;
    g_autofree char *detail = NULL;
    g_autofree char *pendingList = NULL;
    g_autofree char *log = NULL;
    unsigned long long pending;
    virDomainPtr dom;
    pid_t pid;
    double ms;
    int rc, code, before, state, reason;
    bool alive;

    dom = benchFrozenGraceful("frozen", 0, &pid, &ms, &rc, &msg, &code, &before, &events);
    if (!dom) {
        benchEmitRule("frozen-graceful-fails", titleFail, false, "could not start a domain");
        return;
    }
    alive = benchProcAlive(pid);
    pending = alive ? benchProcPendingSignals(pid) : 0;
    pendingList = benchSignalList(pending);
    state = benchGetState(dom, &reason);

    detail = g_strdup_printf("rc %d after %.2f s: %s", rc, ms / 1000, msg);
    benchEmitRule("frozen-graceful-fails", titleFail,
                  rc < 0 && code == VIR_ERR_OPERATION_FAILED &&
                  strstr(msg, "failed to kill qemu process with SIGTERM"), detail);
    g_free(detail);
    detail = alive ? g_strdup_printf("QEMU %d still there, pending signals: %s", pid, pendingList) :
                     g_strdup_printf("QEMU %d is gone after %.2f s: stopped with SIGSTOP, only SIGKILL could end it", pid, ms / 1000);
    benchEmitRule("frozen-no-sigkill", titleKill,
                  alive && pending == BENCH_SIGTERM_MASK, detail);
    g_free(detail);
    detail = g_strdup_printf("state %s (before: %s); events: %s",
                             benchStateName(state, reason), benchStateName(before, 1),
                             events);
    benchEmitRule("frozen-state-unchanged", titleState,
                  state == before && state == VIR_DOMAIN_RUNNING && g_str_equal(events, "none"),
                  detail);

    /* The operator then forces it; if it is gone already, a new frozen
     * QEMU stands in. */
    {
        g_autofree char *name = NULL;
        g_autofree char *defMsg = NULL;
        const char *which = "the same domain";
        double t0;
        int defRc;

        if (!alive) {
            benchDiscard(dom);
            name = benchName("frozen2");
            which = "a new frozen domain (the first one was already killed)";
            if (!(dom = benchStart(name, true, &pid)) || benchFreeze(pid) < 0) {
                benchEmitRule("frozen-default", titleDefault, false,
                              "could not start and freeze a domain");
                benchDiscard(dom);
                goto logs;
            }
        }
        benchProgress("DEFAULT destroy of frozen QEMU %d...", pid);
        t0 = benchNowMs();
        defRc = virDomainDestroyFlags(dom, 0);
        ms = benchNowMs() - t0;
        defMsg = defRc < 0 ? benchLastError(NULL) : g_strdup("returned 0");
        state = benchGetState(dom, &reason);
        g_free(detail);
        detail = g_strdup_printf("%s: %s after %.2f s; QEMU %s; state %s", which, defMsg,
                                 ms / 1000, benchProcAlive(pid) ? "still there" : "gone",
                                 benchStateName(state, reason));
        benchEmitRule("frozen-default", titleDefault,
                      defRc == 0 && !benchProcAlive(pid) && state == VIR_DOMAIN_SHUTOFF &&
                      reason == VIR_DOMAIN_SHUTOFF_DESTROYED, detail);
        benchDiscard(dom);
    }

 logs:
    g_clear_pointer(&msg, g_free);
    g_clear_pointer(&events, g_free);
    dom = benchFrozenGraceful("frozenlogs", VIR_DOMAIN_DESTROY_REMOVE_LOGS, &pid, &ms, &rc,
                              &msg, &code, &before, &events);
    if (!dom) {
        benchEmitRule("remove-logs-kept-on-failure", titleLogs, false, "could not start a domain");
        return;
    }
    log = benchLogPath(virDomainGetName(dom));
    g_free(detail);
    detail = g_strdup_printf("rc %d after %.2f s (%s); log %s", rc, ms / 1000, msg,
                             benchFileSize(log) < 0 ? "removed" : "kept");
    benchEmitRule("remove-logs-kept-on-failure", titleLogs,
                  rc < 0 && benchFileSize(log) >= 0, detail);
    benchDiscard(dom);
}


static void
benchRuleTransient(void)
{
    const char *title = "a transient domain is forgotten once destroyed (VIR_ERR_NO_DOMAIN)";
    g_autofree char *name = benchName("transient");
    g_autofree char *detail = NULL;
    g_autofree char *msg = NULL;
    virDomainPtr dom, again;
    pid_t pid;
    int rc, code = VIR_ERR_OK;

    if (!(dom = benchStart(name, false, &pid))) {
        benchEmitRule("transient", title, false, "could not start a domain");
        return;
    }
    rc = virDomainDestroy(dom);
    again = virDomainLookupByName(conn, name);
    msg = again ? g_strdup("still found") : benchLastError(&code);
    detail = g_strdup_printf("destroy rc %d; lookup: %s", rc, msg);
    benchEmitRule("transient", title, rc == 0 && !again && code == VIR_ERR_NO_DOMAIN, detail);
    if (again)
        benchDiscard(again);
    benchDiscard(dom);
}


/* Nothing: main() removes the leftovers of earlier runs before and
 * after every mode. */
static int
benchModeCleanup(void)
{
    return 0;
}


static int
benchModeConform(void)
{
    if (!opts.logDir) {
        g_printerr("conform needs --log-dir (where the library writes NAME.log)\n");
        return -1;
    }
    if (benchEventsStart() < 0) {
        g_autofree char *msg = benchLastError(NULL);

        benchProgress("cannot receive events: %s", msg);
        return -1;
    }
    benchRuleBadFlags();
    benchRuleInactive();
    benchRuleLiveDestroy("default",
                         "DEFAULT on a live QEMU: SIGTERM suffices, returns 0, shut off (destroyed), STOPPED/DESTROYED event, log kept",
                         0);
    benchRuleLiveDestroy("graceful",
                         "GRACEFUL on a live QEMU: SIGTERM, returns 0, shut off (destroyed), STOPPED/DESTROYED event",
                         VIR_DOMAIN_DESTROY_GRACEFUL);
    benchRuleLiveDestroy("remove-logs",
                         "REMOVE_LOGS with GRACEFUL: the log is removed after the stop",
                         VIR_DOMAIN_DESTROY_GRACEFUL | VIR_DOMAIN_DESTROY_REMOVE_LOGS);
    benchRulesFrozen();
    benchRuleTransient();
    benchEventsStop();
    return 0;
}


/* ---- main ------------------------------------------------------------ */

static void
benchQuietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


static void
benchEmitInfo(const char *mode)
{
    GString *out = benchEmitBegin("info", NULL);
    unsigned long libver = 0;
    unsigned long hvver = 0;
    Dl_info dl = { 0 };

    dladdr((void *)virConnectOpen, &dl);
    virConnectGetLibVersion(conn, &libver);
    virConnectGetVersion(conn, &hvver);
    g_string_append(out, ", \"mode\": ");
    benchJSONString(out, mode);
    g_string_append(out, ", \"uri\": ");
    benchJSONString(out, opts.uri);
    g_string_append(out, ", \"library\": ");
    benchJSONString(out, dl.dli_fname);
    g_string_append_printf(out, ", \"libvirt_version\": %lu, \"qemu_version\": %lu",
                           libver, hvver);
    benchEmitEnd(out);
}


int
main(int argc, char **argv)
{
    GOptionEntry entries[] = {
        { "peer", 0, 0, G_OPTION_ARG_STRING, &opts.peer, "label of the results (default: the URI)", "NAME" },
        { "prefix", 0, 0, G_OPTION_ARG_STRING, &opts.prefix, "name prefix of the domains used (default lvgbench-)", "P" },
        { "runs", 0, 0, G_OPTION_ARG_INT, &opts.runs, "measured runs (parallel: rounds); default 10", "N" },
        { "count", 0, 0, G_OPTION_ARG_INT, &opts.count, "parallel: domains at once; default 20", "N" },
        { "virsh", 0, 0, G_OPTION_ARG_FILENAME, &opts.virsh, "parallel: time this virsh's list --all", "PATH" },
        { "virsh-runs", 0, 0, G_OPTION_ARG_INT, &opts.virshRuns, "parallel: virsh runs per round; default 10", "N" },
        { "daemon", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opts.daemons, "parallel, cpu: also count this process (by name; the first hosts the driver)", "COMM" },
        { "nominal", 0, 0, G_OPTION_ARG_DOUBLE, &opts.nominal, "frozen: the library's graceful timeout, seconds", "S" },
        { "log-dir", 0, 0, G_OPTION_ARG_FILENAME, &opts.logDir, "conform: where the library writes NAME.log", "DIR" },
        { NULL },
    };
    static const struct {
        const char *name;
        int (*run)(void);
    } modes[] = {
        { "lifecycle", benchModeLifecycle },
        { "frozen", benchModeFrozen },
        { "parallel", benchModeParallel },
        { "cpu", benchModeCPU },
        { "cycle", benchModeCycle },
        { "conform", benchModeConform },
        { "cleanup", benchModeCleanup },
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("URI MODE");
    g_autoptr(GError) error = NULL;
    int (*run)(void) = NULL;
    int ret;

    g_option_context_set_summary(ctx, "Modes: lifecycle, frozen, parallel, cpu, cycle, conform, cleanup.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc != 3) {
        g_printerr("%s\n", error ? error->message : "usage: benchclient [OPTION...] URI MODE");
        return 2;
    }
    opts.uri = argv[1];
    for (size_t i = 0; i < G_N_ELEMENTS(modes); i++) {
        if (g_str_equal(argv[2], modes[i].name))
            run = modes[i].run;
    }
    if (!run) {
        g_printerr("unknown mode '%s'\n", argv[2]);
        return 2;
    }
    if (!opts.peer)
        opts.peer = opts.uri;
    if (!opts.prefix)
        opts.prefix = g_strdup("lvgbench-");
    if (opts.runs < 1 || opts.count < 1 || opts.virshRuns < 1) {
        g_printerr("--runs, --count and --virsh-runs must be at least 1\n");
        return 2;
    }

    virSetErrorFunc(NULL, benchQuietErrors);
    /* Events reach a remote client only through an event loop, which
     * must exist before the connection. */
    if (g_str_equal(argv[2], "conform") && virEventRegisterDefaultImpl() < 0) {
        g_printerr("cannot register the default event loop\n");
        return 1;
    }
    if (!(conn = virConnectOpen(opts.uri))) {
        g_autofree char *msg = benchLastError(NULL);

        g_printerr("cannot open %s: %s\n", opts.uri, msg);
        return 1;
    }
    benchEmitInfo(argv[2]);
    benchCleanupLeftovers();
    ret = run();
    benchEventsStop();
    benchCleanupLeftovers();
    virConnectClose(conn);
    return ret < 0 ? 1 : 0;
}
