/*
 * rawqemu.c: the physical limit, QEMU measured with no libvirt at all
 *
 * Starts the same guest the benchmark's domain XML gives (the QEMU
 * options our driver generates for it, the monitor on a listening
 * socket handed over as a descriptor, so nobody polls for it to appear)
 * and times:
 *   create   fork to "QMP ready and running": greeting, qmp_capabilities,
 *            cont answered;
 *   destroy  SIGTERM (pidfd_send_signal) to the exit, seen on the pidfd;
 *   parallel COUNT such QEMUs sent SIGTERM at once, until the last exit.
 *
 *   rawqemu [--runs N] [--count N] [--emulator PATH] lifecycle|parallel
 *
 * Output: JSON lines like benchclient's, peer "raw".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

/* QMP answers within this long or the run fails. */
#define RAW_QMP_TIMEOUT_MS 30000

static int rawRuns = 10;
static int rawCount = 20;
static char *rawEmulator;

typedef struct {
    pid_t pid;
    int pidfd;
    int mon;
    GString *buf;
} rawQemu;


static double
rawNowMs(void)
{
    return g_get_monotonic_time() / 1000.0;
}


/* Reads QMP messages until one that is not an event; returns it (the
 * caller frees), NULL on EOF, error or timeout. */
static char *
rawQMPReply(rawQemu *q)
{
    double deadline = rawNowMs() + RAW_QMP_TIMEOUT_MS;

    for (;;) {
        char *nl;
        char chunk[4096];
        struct pollfd pfd = { .fd = q->mon, .events = POLLIN };
        ssize_t got;
        int left;

        while ((nl = strchr(q->buf->str, '\n'))) {
            g_autofree char *line = g_strndup(q->buf->str, nl - q->buf->str);

            g_string_erase(q->buf, 0, nl - q->buf->str + 1);
            if (!strstr(line, "\"event\""))
                return g_steal_pointer(&line);
        }
        left = (int)(deadline - rawNowMs());
        if (left <= 0 || poll(&pfd, 1, left) <= 0)
            return NULL;
        if ((got = read(q->mon, chunk, sizeof(chunk))) <= 0)
            return NULL;
        g_string_append_len(q->buf, chunk, got);
    }
}


/* Sends @cmd and expects a "return". */
static int
rawQMPCommand(rawQemu *q, const char *cmd)
{
    g_autofree char *line = g_strdup_printf("{\"execute\": \"%s\"}\n", cmd);
    g_autofree char *reply = NULL;
    size_t len = strlen(line);

    if (write(q->mon, line, len) != (ssize_t)len)
        return -1;
    if (!(reply = rawQMPReply(q)) || !g_str_has_prefix(reply, "{\"return\"")) {
        g_printerr("rawqemu: %s: %s\n", cmd, reply ? reply : "no answer");
        return -1;
    }
    return 0;
}


/* Starts QEMU for guest @name and brings it to running; fills @q. */
static int
rawStart(const char *name, rawQemu *q)
{
    g_autofree char *dir = g_dir_make_tmp("rawqemu-XXXXXX", NULL);
    g_autofree char *path = NULL;
    g_autofree char *guest = g_strdup_printf("guest=%s,debug-threads=on", name);
    g_autofree char *greeting = NULL;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    const char *argv[] = {
        rawEmulator, "-name", guest, "-S",
        "-machine", "pc-i440fx-7.2,usb=off,dump-guest-core=off",
        "-accel", "tcg", "-cpu", "qemu64", "-m", "128",
        "-smp", "1,sockets=1,cores=1,threads=1",
        "-display", "none", "-no-user-config", "-nodefaults",
        "-chardev", "socket,id=charmonitor,fd=3,server=on,wait=off",
        "-mon", "chardev=charmonitor,id=monitor,mode=control",
        "-rtc", "base=utc", "-no-shutdown", "-no-acpi", "-boot", "strict=on",
        "-device", "{\"driver\":\"piix3-usb-uhci\",\"id\":\"usb\",\"bus\":\"pci.0\",\"addr\":\"0x1.0x2\"}",
        "-audiodev", "{\"id\":\"audio1\",\"driver\":\"none\"}",
        "-device", "{\"driver\":\"virtio-balloon-pci\",\"id\":\"balloon0\",\"bus\":\"pci.0\",\"addr\":\"0x2\"}",
        NULL
    };
    int lfd;

    if (!dir)
        return -1;
    path = g_build_filename(dir, "qmp.sock", NULL);
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if ((lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(lfd, 1) < 0) {
        g_printerr("rawqemu: monitor socket %s: %s\n", path, g_strerror(errno));
        return -1;
    }

    q->buf = g_string_new(NULL);
    if ((q->pid = fork()) < 0)
        return -1;
    if (q->pid == 0) {
        int null = open("/dev/null", O_RDWR);

        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        /* dup2 clears close-on-exec, unless the descriptor is 3 already. */
        if (lfd == 3)
            fcntl(lfd, F_SETFD, 0);
        else
            dup2(lfd, 3);
        setsid();
        execv(rawEmulator, (char **)argv);
        _exit(127);
    }
    q->pidfd = pidfd_open(q->pid, 0);
    q->mon = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    /* The socket listens already: connect() succeeds at once, QEMU
     * accepts once it is ready. */
    if (q->pidfd < 0 || q->mon < 0 ||
        connect(q->mon, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        g_printerr("rawqemu: %s\n", g_strerror(errno));
        close(lfd);
        return -1;
    }
    close(lfd);
    unlink(path);
    rmdir(dir);
    if (!(greeting = rawQMPReply(q)) || !strstr(greeting, "\"QMP\"")) {
        g_printerr("rawqemu: no QMP greeting from %s\n", rawEmulator);
        return -1;
    }
    if (rawQMPCommand(q, "qmp_capabilities") < 0 || rawQMPCommand(q, "cont") < 0)
        return -1;
    return 0;
}


/* Waits up to @ms for the exit; reaps.  Returns true once it exited. */
static bool
rawWaitExit(rawQemu *q, int ms)
{
    struct pollfd pfd = { .fd = q->pidfd, .events = POLLIN };

    if (poll(&pfd, 1, ms) <= 0)
        return false;
    waitpid(q->pid, NULL, 0);
    return true;
}


static void
rawRelease(rawQemu *q)
{
    if (q->pid > 0 && q->pidfd >= 0 && !rawWaitExit(q, 0)) {
        pidfd_send_signal(q->pidfd, SIGKILL, NULL, 0);
        rawWaitExit(q, 5000);
    } else if (q->pid > 0 && q->pidfd < 0) {
        kill(q->pid, SIGKILL);
        waitpid(q->pid, NULL, 0);
    }
    if (q->pidfd >= 0)
        close(q->pidfd);
    if (q->mon >= 0)
        close(q->mon);
    if (q->buf)
        g_string_free(q->buf, TRUE);
    memset(q, 0, sizeof(*q));
    q->pidfd = q->mon = -1;
}


static void
rawEmit(const char *metric, GArray *samples)
{
    printf("{\"peer\": \"raw\", \"kind\": \"samples\", \"metric\": \"%s\", \"unit\": \"ms\", \"samples\": [",
           metric);
    for (guint i = 0; i < samples->len; i++)
        printf("%s%.3f", i ? ", " : "", g_array_index(samples, double, i));
    printf("]}\n");
    fflush(stdout);
}


static int
rawLifecycle(void)
{
    g_autoptr(GArray) create = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) destroy = g_array_new(FALSE, FALSE, sizeof(double));

    /* The first run warms caches up and is not counted. */
    for (int run = -1; run < rawRuns; run++) {
        rawQemu q = { .pidfd = -1, .mon = -1 };
        double t0 = rawNowMs();
        double created, destroyed;

        if (rawStart("lvgbench-raw", &q) < 0) {
            rawRelease(&q);
            return -1;
        }
        created = rawNowMs() - t0;
        t0 = rawNowMs();
        if (pidfd_send_signal(q.pidfd, SIGTERM, NULL, 0) < 0 || !rawWaitExit(&q, 10000)) {
            g_printerr("rawqemu: QEMU %d did not exit on SIGTERM\n", q.pid);
            rawRelease(&q);
            return -1;
        }
        destroyed = rawNowMs() - t0;
        q.pid = 0;
        rawRelease(&q);
        if (run < 0)
            continue;
        g_array_append_val(create, created);
        g_array_append_val(destroy, destroyed);
        g_printerr("[raw] lifecycle %d/%d: create %.1f ms, destroy %.1f ms\n", run + 1,
                   rawRuns, created, destroyed);
    }
    rawEmit("create_ms", create);
    rawEmit("destroy_default_ms", destroy);
    rawEmit("destroy_graceful_ms", destroy);
    return 0;
}


static int
rawParallel(void)
{
    g_autoptr(GArray) total = g_array_new(FALSE, FALSE, sizeof(double));
    int ret = 0;

    for (int round = 0; round < rawRuns && ret == 0; round++) {
        g_autofree rawQemu *qs = g_new0(rawQemu, rawCount);
        double t0;
        int left = rawCount;

        for (int i = 0; i < rawCount; i++)
            qs[i].pidfd = qs[i].mon = -1;
        for (int i = 0; i < rawCount; i++) {
            g_autofree char *name = g_strdup_printf("lvgbench-raw%02d", i);

            if (rawStart(name, &qs[i]) < 0) {
                ret = -1;
                goto cleanup;
            }
        }
        g_usleep(2 * G_USEC_PER_SEC);
        t0 = rawNowMs();
        for (int i = 0; i < rawCount; i++)
            pidfd_send_signal(qs[i].pidfd, SIGTERM, NULL, 0);
        while (left > 0 && rawNowMs() - t0 < 30000) {
            g_autofree struct pollfd *pfds = g_new0(struct pollfd, rawCount);

            for (int i = 0; i < rawCount; i++) {
                pfds[i].fd = qs[i].pid > 0 ? qs[i].pidfd : -1;
                pfds[i].events = POLLIN;
            }
            if (poll(pfds, rawCount, 1000) < 0 && errno != EINTR)
                break;
            for (int i = 0; i < rawCount; i++) {
                if (pfds[i].revents & POLLIN) {
                    waitpid(qs[i].pid, NULL, 0);
                    qs[i].pid = 0;
                    left--;
                }
            }
        }
        if (left > 0) {
            g_printerr("rawqemu: %d QEMUs did not exit on SIGTERM\n", left);
            ret = -1;
        } else {
            double ms = rawNowMs() - t0;

            g_array_append_val(total, ms);
            g_printerr("[raw] round %d/%d: %d exited in %.1f ms\n", round + 1, rawRuns,
                       rawCount, ms);
        }

     cleanup:
        for (int i = 0; i < rawCount; i++)
            rawRelease(&qs[i]);
    }
    if (ret == 0)
        rawEmit("parallel_destroy_ms", total);
    return ret;
}


int
main(int argc, char **argv)
{
    GOptionEntry entries[] = {
        { "runs", 0, 0, G_OPTION_ARG_INT, &rawRuns, "measured runs (parallel: rounds); default 10", "N" },
        { "count", 0, 0, G_OPTION_ARG_INT, &rawCount, "parallel: QEMUs at once; default 20", "N" },
        { "emulator", 0, 0, G_OPTION_ARG_FILENAME, &rawEmulator, "default /usr/bin/qemu-system-x86_64", "PATH" },
        { NULL },
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("lifecycle|parallel");
    g_autoptr(GError) error = NULL;

    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc != 2 ||
        rawRuns < 1 || rawCount < 1) {
        g_printerr("%s\n", error ? error->message : "usage: rawqemu [OPTION...] lifecycle|parallel");
        return 2;
    }
    if (!rawEmulator)
        rawEmulator = g_strdup("/usr/bin/qemu-system-x86_64");
    signal(SIGPIPE, SIG_IGN);
    if (g_str_equal(argv[1], "lifecycle"))
        return rawLifecycle() < 0 ? 1 : 0;
    if (g_str_equal(argv[1], "parallel"))
        return rawParallel() < 0 ? 1 : 0;
    g_printerr("unknown mode '%s'\n", argv[1]);
    return 2;
}
