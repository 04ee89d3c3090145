/*
 * qemustub.c: a stand-in for qemu-system-x86_64 in the driver's
 * fault-path tests
 *
 * It takes the options the driver passes, creates the pid file and the
 * QMP sockets (-chardev socket,path=... or fd=... + -mon, or -qmp
 * unix:...), honours -S and -daemonize, and speaks enough QMP for
 * starting, probing and stopping a domain.  Every other option is ignored.  On a normal exit
 * (SIGTERM, SIGINT, SIGHUP, quit, a start-up error) it removes its pid
 * file and sockets, as QEMU does.  What it does wrong, on purpose, depends on the
 * name it is run under (tests make symlinks):
 *
 *   qemu-stub                    behaves
 *   qemu-stub-ignore-term        ignores SIGTERM (and SIGINT, SIGHUP):
 *                                only SIGKILL ends it
 *   qemu-stub-term-delay-N       exits N ms after SIGTERM
 *   qemu-stub-die-in-handshake   exits (status 1) right after sending the
 *                                QMP greeting, leaving its files behind
 *                                as a crash would
 *   qemu-stub-close-in-handshake sends the QMP greeting, closes its
 *                                monitor (connection and sockets), then
 *                                exits (status 1) 100 ms later, as QEMU
 *                                does when it cleans up before exiting
 *   qemu-stub-silent             accepts monitor connections and never
 *                                writes anything
 *   qemu-stub-exit-at-once       prints an error as QEMU does for a bad
 *                                machine type and exits 1
 *   qemu-stub-disk-sleep         on SIGTERM (or SIGINT, SIGHUP) stays in
 *                                uninterruptible sleep ("D", as a QEMU
 *                                stuck flushing to a dead disk) for
 *                                STUB_DISK_SLEEP_S, then exits; on
 *                                system_powerdown the same before it
 *                                answers; SIGKILL ends it at once
 *   qemu-stub-acpi-guest         runs a guest that honours ACPI: shortly
 *                                after system_powerdown (once its CPUs
 *                                run) it powers off: SHUTDOWN (guest
 *                                true, guest-shutdown), then with
 *                                -no-shutdown STOP and run state
 *                                'shutdown' (QEMU keeps running, and
 *                                'cont' needs a reset), without it an
 *                                exit as QEMU does
 *
 * Texts (greeting, errors, events, messages on stderr) follow QEMU 7.2.
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
#include <time.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#define STUB_PROGRAM "qemu-system-x86_64"

typedef enum {
    STUB_MODE_NORMAL,
    STUB_MODE_IGNORE_TERM,
    STUB_MODE_TERM_DELAY,
    STUB_MODE_DIE_IN_HANDSHAKE,
    STUB_MODE_CLOSE_IN_HANDSHAKE,
    STUB_MODE_SILENT,
    STUB_MODE_EXIT_AT_ONCE,
    STUB_MODE_ACPI_GUEST,
    STUB_MODE_DISK_SLEEP,
} stubMode;

/* How long qemu-stub-disk-sleep stays in "D" after SIGTERM. */
#define STUB_DISK_SLEEP_S 60

/* How long the ACPI guest takes to power off once asked. */
#define STUB_GUEST_POWEROFF_MS 20

typedef struct {
    char *id;
    char *path;
    char *option;   /* "-chardev ...", for messages */
    int fd;         /* fd=N: a socket already listening, or -1 */
} stubChardev;

typedef struct {
    int fd;
    GString *in;
    bool negotiated;
} stubClient;

typedef struct {
    stubMode mode;
    int termDelayMs;
    char *name;
    char *pidfile;
    bool daemonize;
    bool noShutdown;         /* -no-shutdown: pause on guest power-off */
    bool powerdownPending;   /* the ACPI guest was asked to power off */
    gint64 powerOffAt;       /* monotonic time it does, or 0 */
    const char *status;      /* "prelaunch", "running" or "paused" */
    GPtrArray *chardevs;     /* of stubChardev */
    GPtrArray *socketPaths;  /* every QMP socket to listen on */
    GPtrArray *socketOpts;   /* the option that asked for each, for messages */
    GArray *listeners;       /* fds, parallel to socketPaths */
    GPtrArray *clients;      /* of stubClient */
    int sigfd;
    gint64 exitAt;           /* monotonic time to exit at, or 0 */
} stubState;


/* Written, so removed on any exit() as QEMU does; not on _exit(). */
static char *stubPidfileWritten;

static void
stubRemovePidfileAtExit(void)
{
    if (stubPidfileWritten)
        unlink(stubPidfileWritten);
}


static void G_GNUC_NORETURN G_GNUC_PRINTF(1, 2)
stubFail(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", STUB_PROGRAM);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}


/* The value of @key in a "a=b,c=d" option string, or NULL. */
static char *
stubOptionValue(const char *opts, const char *key)
{
    g_auto(GStrv) parts = g_strsplit(opts, ",", -1);
    size_t len = strlen(key);

    for (size_t i = 0; parts[i]; i++) {
        if (strncmp(parts[i], key, len) == 0 && parts[i][len] == '=')
            return g_strdup(parts[i] + len + 1);
    }
    return NULL;
}


static stubMode
stubModeFromName(const char *argv0, int *retDelayMs)
{
    g_autofree char *base = g_path_get_basename(argv0);
    const char *delayPrefix = "qemu-stub-term-delay-";

    if (g_str_has_prefix(base, delayPrefix)) {
        *retDelayMs = atoi(base + strlen(delayPrefix));
        return STUB_MODE_TERM_DELAY;
    }
    if (g_str_equal(base, "qemu-stub-ignore-term"))
        return STUB_MODE_IGNORE_TERM;
    if (g_str_equal(base, "qemu-stub-die-in-handshake"))
        return STUB_MODE_DIE_IN_HANDSHAKE;
    if (g_str_equal(base, "qemu-stub-close-in-handshake"))
        return STUB_MODE_CLOSE_IN_HANDSHAKE;
    if (g_str_equal(base, "qemu-stub-silent"))
        return STUB_MODE_SILENT;
    if (g_str_equal(base, "qemu-stub-exit-at-once"))
        return STUB_MODE_EXIT_AT_ONCE;
    if (g_str_equal(base, "qemu-stub-acpi-guest"))
        return STUB_MODE_ACPI_GUEST;
    if (g_str_equal(base, "qemu-stub-disk-sleep"))
        return STUB_MODE_DISK_SLEEP;
    return STUB_MODE_NORMAL;
}


static void
stubParseArgs(stubState *st, int argc, char **argv)
{
    g_autoptr(GPtrArray) mons = g_ptr_array_new();

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *val;

        /* QEMU takes "--opt" as well as "-opt". */
        if (g_str_has_prefix(opt, "--"))
            opt++;
        if (g_str_equal(opt, "-S")) {
            st->status = "prelaunch";
            continue;
        }
        if (g_str_equal(opt, "-daemonize")) {
            st->daemonize = true;
            continue;
        }
        if (g_str_equal(opt, "-no-shutdown")) {
            st->noShutdown = true;
            continue;
        }
        if (!g_str_equal(opt, "-name") && !g_str_equal(opt, "-pidfile") &&
            !g_str_equal(opt, "-chardev") && !g_str_equal(opt, "-mon") &&
            !g_str_equal(opt, "-qmp"))
            continue;
        if (i + 1 >= argc)
            stubFail("%s: requires an argument", opt);
        val = argv[++i];

        if (g_str_equal(opt, "-name")) {
            g_free(st->name);
            if (!(st->name = stubOptionValue(val, "guest"))) {
                const char *comma = strchr(val, ',');

                st->name = comma ? g_strndup(val, comma - val) : g_strdup(val);
            }
        } else if (g_str_equal(opt, "-pidfile")) {
            g_free(st->pidfile);
            st->pidfile = g_strdup(val);
        } else if (g_str_equal(opt, "-chardev")) {
            stubChardev *chr;

            if (!g_str_has_prefix(val, "socket,"))
                continue;
            chr = g_new0(stubChardev, 1);
            chr->id = stubOptionValue(val, "id");
            chr->path = stubOptionValue(val, "path");
            chr->fd = -1;
            if (!chr->path) {
                g_autofree char *fd = stubOptionValue(val, "fd");

                if (fd)
                    chr->fd = atoi(fd);
            }
            chr->option = g_strdup_printf("-chardev %s", val);
            g_ptr_array_add(st->chardevs, chr);
        } else if (g_str_equal(opt, "-mon")) {
            g_ptr_array_add(mons, (char *)val);
        } else if (g_str_equal(opt, "-qmp")) {
            const char *comma;

            if (!g_str_has_prefix(val, "unix:"))
                stubFail("-qmp %s: qemu-stub only listens on unix sockets", val);
            g_ptr_array_add(st->socketOpts, g_strdup_printf("-qmp %s", val));
            val += strlen("unix:");
            comma = strchr(val, ',');
            g_ptr_array_add(st->socketPaths,
                            comma ? g_strndup(val, comma - val) : g_strdup(val));
        }
    }

    /* Like QEMU, create chardevs whatever the order of the options. */
    for (size_t i = 0; i < mons->len; i++) {
        const char *val = g_ptr_array_index(mons, i);
        g_autofree char *id = stubOptionValue(val, "chardev");
        bool found = false;

        for (size_t j = 0; id && j < st->chardevs->len; j++) {
            stubChardev *chr = g_ptr_array_index(st->chardevs, j);

            if (!chr->id || !g_str_equal(chr->id, id))
                continue;
            if (chr->path) {
                g_ptr_array_add(st->socketPaths, g_strdup(chr->path));
                g_ptr_array_add(st->socketOpts, g_strdup(chr->option));
                found = true;
            } else if (chr->fd >= 0) {
                /* Passed by the caller, bound and listening: the
                 * capability probe's way. */
                if (fcntl(chr->fd, F_SETFD, FD_CLOEXEC) < 0)
                    stubFail("%s: %s", chr->option, g_strerror(errno));
                g_array_append_val(st->listeners, chr->fd);
                found = true;
            }
        }
        if (!found)
            stubFail("-mon %s: chardev \"%s\" not found", val, id ? id : "");
    }
}


static void
stubRemoveFiles(stubState *st)
{
    for (size_t i = 0; i < st->socketPaths->len; i++)
        unlink(g_ptr_array_index(st->socketPaths, i));
    if (st->pidfile)
        unlink(st->pidfile);
}


static void
stubWriteAll(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; /* the client went away; its EOF comes later */
        data += n;
        len -= n;
    }
}


static void
stubSend(stubClient *client, JsonNode *msg)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autofree char *text = NULL;
    g_autofree char *line = NULL;

    json_generator_set_root(gen, msg);
    text = json_generator_to_data(gen, NULL);
    line = g_strdup_printf("%s\r\n", text);
    stubWriteAll(client->fd, line, strlen(line));
}


/* Sends an event to every client past the handshake. */
static void
stubEmit(stubState *st, const char *event, JsonNode *data)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonNode) msg = NULL;
    gint64 now = g_get_real_time();

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "timestamp");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "seconds");
    json_builder_add_int_value(b, now / G_USEC_PER_SEC);
    json_builder_set_member_name(b, "microseconds");
    json_builder_add_int_value(b, now % G_USEC_PER_SEC);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "event");
    json_builder_add_string_value(b, event);
    if (data) {
        json_builder_set_member_name(b, "data");
        json_builder_add_value(b, json_node_copy(data));
    }
    json_builder_end_object(b);
    msg = json_builder_get_root(b);

    for (size_t i = 0; i < st->clients->len; i++) {
        stubClient *client = g_ptr_array_index(st->clients, i);

        if (client->negotiated)
            stubSend(client, msg);
    }
}


/* Emits SHUTDOWN with its cause, as QEMU does. */
static void
stubEmitShutdown(stubState *st, bool guest, const char *reason)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonNode) data = NULL;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "guest");
    json_builder_add_boolean_value(b, guest);
    json_builder_set_member_name(b, "reason");
    json_builder_add_string_value(b, reason);
    json_builder_end_object(b);
    data = json_builder_get_root(b);
    stubEmit(st, "SHUTDOWN", data);
}


/* Emits SHUTDOWN as QEMU does when asked to stop, cleans up, exits. */
static void G_GNUC_NORETURN
stubShutdown(stubState *st, const char *reason)
{
    stubEmitShutdown(st, false, reason);
    stubRemoveFiles(st);
    exit(0);
}


/*
 * The ACPI guest has powered off.  With -no-shutdown QEMU stops the
 * CPUs and waits in run state 'shutdown' for someone to end it or
 * reset the guest; without it, QEMU exits.
 */
static void
stubGuestPowerOff(stubState *st)
{
    st->powerdownPending = false;
    st->powerOffAt = 0;
    stubEmitShutdown(st, true, "guest-shutdown");
    if (!st->noShutdown) {
        stubRemoveFiles(st);
        exit(0);
    }
    st->status = "shutdown";
    stubEmit(st, "STOP", NULL);
}


static void
stubAddVersion(JsonBuilder *b)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "qemu");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "micro");
    json_builder_add_int_value(b, 0);
    json_builder_set_member_name(b, "minor");
    json_builder_add_int_value(b, 2);
    json_builder_set_member_name(b, "major");
    json_builder_add_int_value(b, 7);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "package");
    json_builder_add_string_value(b, "qemu-stub");
    json_builder_end_object(b);
}


static void
stubSendGreeting(stubClient *client)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonNode) msg = NULL;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "QMP");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "version");
    stubAddVersion(b);
    json_builder_set_member_name(b, "capabilities");
    json_builder_begin_array(b);
    json_builder_add_string_value(b, "oob");
    json_builder_end_array(b);
    json_builder_end_object(b);
    json_builder_end_object(b);
    msg = json_builder_get_root(b);
    stubSend(client, msg);
}


/*
 * A command either fills @b with its return value, or sets @retClass and
 * @retDesc to an error.
 */
typedef void (*stubCommandFunc)(stubState *st, JsonObject *args,
                                JsonBuilder *b, const char **retClass,
                                char **retDesc);

static void
stubEmptyReturn(JsonBuilder *b)
{
    json_builder_begin_object(b);
    json_builder_end_object(b);
}


static void
stubCmdQueryVersion(stubState *st G_GNUC_UNUSED, JsonObject *args G_GNUC_UNUSED,
                    JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                    char **retDesc G_GNUC_UNUSED)
{
    stubAddVersion(b);
}


static void
stubCmdQueryName(stubState *st, JsonObject *args G_GNUC_UNUSED,
                 JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                 char **retDesc G_GNUC_UNUSED)
{
    json_builder_begin_object(b);
    if (st->name) {
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, st->name);
    }
    json_builder_end_object(b);
}


/* A few of QEMU 7.2's machine types, as its query-machines shows them. */
static const struct {
    const char *name;
    const char *alias;
    bool isDefault;
    int cpuMax;
    bool hotpluggable;
    const char *cpuType;
    const char *ramId;
} stubMachines[] = {
    { "pc-i440fx-7.2", "pc", true, 255, true, "qemu64-x86_64-cpu", "pc.ram" },
    { "pc-q35-7.2", "q35", false, 288, true, "qemu64-x86_64-cpu", "pc.ram" },
    { "pc-i440fx-7.1", NULL, false, 255, true, "qemu64-x86_64-cpu", "pc.ram" },
    { "pc-q35-7.1", NULL, false, 288, true, "qemu64-x86_64-cpu", "pc.ram" },
    { "isapc", NULL, false, 1, true, "486-x86_64-cpu", "pc.ram" },
    { "microvm", NULL, false, 288, false, "qemu64-x86_64-cpu", "microvm.ram" },
    { "none", NULL, false, 1, false, NULL, "ram" },
};

static void
stubCmdQueryMachines(stubState *st G_GNUC_UNUSED, JsonObject *args G_GNUC_UNUSED,
                     JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                     char **retDesc G_GNUC_UNUSED)
{
    json_builder_begin_array(b);
    for (size_t i = 0; i < G_N_ELEMENTS(stubMachines); i++) {
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "hotpluggable-cpus");
        json_builder_add_boolean_value(b, stubMachines[i].hotpluggable);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, stubMachines[i].name);
        json_builder_set_member_name(b, "numa-mem-supported");
        json_builder_add_boolean_value(b, FALSE);
        if (stubMachines[i].cpuType) {
            json_builder_set_member_name(b, "default-cpu-type");
            json_builder_add_string_value(b, stubMachines[i].cpuType);
        }
        if (stubMachines[i].isDefault) {
            json_builder_set_member_name(b, "is-default");
            json_builder_add_boolean_value(b, TRUE);
        }
        json_builder_set_member_name(b, "cpu-max");
        json_builder_add_int_value(b, stubMachines[i].cpuMax);
        json_builder_set_member_name(b, "deprecated");
        json_builder_add_boolean_value(b, FALSE);
        json_builder_set_member_name(b, "default-ram-id");
        json_builder_add_string_value(b, stubMachines[i].ramId);
        if (stubMachines[i].alias) {
            json_builder_set_member_name(b, "alias");
            json_builder_add_string_value(b, stubMachines[i].alias);
        }
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}


static void
stubCmdQueryKVM(stubState *st G_GNUC_UNUSED, JsonObject *args G_GNUC_UNUSED,
                JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                char **retDesc G_GNUC_UNUSED)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "enabled");
    json_builder_add_boolean_value(b, FALSE);
    json_builder_set_member_name(b, "present");
    json_builder_add_boolean_value(b, FALSE);
    json_builder_end_object(b);
}


static void
stubCmdQueryTarget(stubState *st G_GNUC_UNUSED, JsonObject *args G_GNUC_UNUSED,
                   JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                   char **retDesc G_GNUC_UNUSED)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "arch");
    json_builder_add_string_value(b, "x86_64");
    json_builder_end_object(b);
}


/* Some of QEMU 7.2's QOM types, with their parents. */
static const char *const stubTypes[][2] = {
    { "virtio-blk-pci", "virtio-blk-pci-base" },
    { "virtio-net-pci", "virtio-net-pci-base" },
    { "e1000", "e1000-base" },
    { "e1000e", "pci-device" },
    { "rtl8139", "pci-device" },
    { "ide-hd", "ide-device" },
    { "ide-cd", "ide-device" },
    { "scsi-hd", "scsi-disk-base" },
    { "scsi-cd", "scsi-disk-base" },
    { "virtio-scsi-pci", "virtio-scsi-pci-base" },
    { "usb-tablet", "usb-hid" },
    { "VGA", "pci-vga" },
    { "cirrus-vga", "pci-device" },
    { "qxl-vga", "pci-qxl" },
    { "isa-serial", "isa-device" },
    { "virtio-balloon-pci", "virtio-balloon-pci-base" },
    { "pvpanic", "isa-device" },
    { "qemu64-x86_64-cpu", "x86_64-cpu" },
    { "max-x86_64-cpu", "x86_64-cpu" },
    { "pc-i440fx-7.2-machine", "generic-pc-machine" },
    { "pc-q35-7.2-machine", "generic-pc-machine" },
    { "piix3-usb-uhci", "pci-uhci-usb" },
    { "qemu-xhci", "pci-xhci" },
    { "virtio-serial-pci", "virtio-serial-pci-base" },
    { "virtserialport", "virtio-serial-port" },
    { "virtio-rng-pci", "virtio-rng-pci-base" },
    { "rng-random", "rng-backend" },
    { "memory-backend-ram", "memory-backend" },
    { "memory-backend-file", "memory-backend" },
    { "pcie-root-port", "pcie-root-port-base" },
};

static void
stubCmdQomListTypes(stubState *st G_GNUC_UNUSED, JsonObject *args G_GNUC_UNUSED,
                    JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                    char **retDesc G_GNUC_UNUSED)
{
    json_builder_begin_array(b);
    for (size_t i = 0; i < G_N_ELEMENTS(stubTypes); i++) {
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, stubTypes[i][0]);
        json_builder_set_member_name(b, "parent");
        json_builder_add_string_value(b, stubTypes[i][1]);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}


static void
stubCmdQueryStatus(stubState *st, JsonObject *args G_GNUC_UNUSED,
                   JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                   char **retDesc G_GNUC_UNUSED)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "status");
    json_builder_add_string_value(b, st->status);
    json_builder_set_member_name(b, "singlestep");
    json_builder_add_boolean_value(b, FALSE);
    json_builder_set_member_name(b, "running");
    json_builder_add_boolean_value(b, g_str_equal(st->status, "running"));
    json_builder_end_object(b);
}


static void
stubCmdCont(stubState *st, JsonObject *args G_GNUC_UNUSED, JsonBuilder *b,
            const char **retClass, char **retDesc)
{
    if (g_str_equal(st->status, "shutdown")) {
        *retClass = "GenericError";
        *retDesc = g_strdup("Resetting the Virtual Machine is required");
        return;
    }
    if (!g_str_equal(st->status, "running")) {
        st->status = "running";
        stubEmit(st, "RESUME", NULL);
    }
    stubEmptyReturn(b);
}


static void
stubCmdStop(stubState *st, JsonObject *args G_GNUC_UNUSED, JsonBuilder *b,
            const char **retClass G_GNUC_UNUSED, char **retDesc G_GNUC_UNUSED)
{
    if (g_str_equal(st->status, "running")) {
        st->status = "paused";
        stubEmit(st, "STOP", NULL);
    }
    stubEmptyReturn(b);
}


/*
 * Puts this process in uninterruptible sleep ("D" in /proc/PID/stat) for
 * STUB_DISK_SLEEP_S, as a QEMU whose I/O hangs: a parent waits for its
 * vfork child in a killable, not interruptible, wait, so blocked or
 * handled signals leave it there and only SIGKILL ends it.  The child
 * only sleeps (raw system calls: it shares our memory), and dies with
 * us.
 */
static void
stubDiskSleep(void)
{
    pid_t child = vfork();

    if (child == 0) {
        struct timespec ts = { .tv_sec = STUB_DISK_SLEEP_S };

        syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL);
        syscall(SYS_nanosleep, &ts, NULL);
        syscall(SYS_exit, 0);
    }
    if (child > 0)
        waitpid(child, NULL, 0);
}


static void
stubCmdSystemPowerdown(stubState *st, JsonObject *args G_GNUC_UNUSED,
                       JsonBuilder *b, const char **retClass G_GNUC_UNUSED,
                       char **retDesc G_GNUC_UNUSED)
{
    /* Only the ACPI guest acts on it, once its CPUs run. */
    if (st->mode == STUB_MODE_DISK_SLEEP)
        stubDiskSleep();
    stubEmit(st, "POWERDOWN", NULL);
    if (st->mode == STUB_MODE_ACPI_GUEST && !g_str_equal(st->status, "shutdown"))
        st->powerdownPending = true;
    stubEmptyReturn(b);
}


static const struct {
    const char *name;
    stubCommandFunc func;
} stubCommands[] = {
    { "query-version", stubCmdQueryVersion },
    { "query-name", stubCmdQueryName },
    { "query-machines", stubCmdQueryMachines },
    { "query-kvm", stubCmdQueryKVM },
    { "query-target", stubCmdQueryTarget },
    { "qom-list-types", stubCmdQomListTypes },
    { "query-status", stubCmdQueryStatus },
    { "cont", stubCmdCont },
    { "stop", stubCmdStop },
    { "system_powerdown", stubCmdSystemPowerdown },
};


static void
stubReply(stubClient *client, JsonNode *id, JsonNode *ret, const char *cls,
          const char *desc)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonNode) msg = NULL;

    json_builder_begin_object(b);
    if (cls) {
        json_builder_set_member_name(b, "error");
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "class");
        json_builder_add_string_value(b, cls);
        json_builder_set_member_name(b, "desc");
        json_builder_add_string_value(b, desc);
        json_builder_end_object(b);
    } else {
        json_builder_set_member_name(b, "return");
        json_builder_add_value(b, json_node_copy(ret));
    }
    if (id) {
        json_builder_set_member_name(b, "id");
        json_builder_add_value(b, json_node_copy(id));
    }
    json_builder_end_object(b);
    msg = json_builder_get_root(b);
    stubSend(client, msg);
}


/* Checks a command's shape as QEMU does; returns the error text or NULL. */
static char *
stubCheckCommand(JsonNode *root, const char **retName)
{
    JsonObject *obj;
    JsonNode *exec;
    JsonNode *args;
    g_autoptr(GList) members = NULL;

    if (!JSON_NODE_HOLDS_OBJECT(root))
        return g_strdup("QMP input must be a JSON object");
    obj = json_node_get_object(root);
    members = json_object_get_members(obj);
    for (GList *m = members; m; m = m->next) {
        const char *key = m->data;

        if (!g_str_equal(key, "execute") && !g_str_equal(key, "arguments") &&
            !g_str_equal(key, "id"))
            return g_strdup_printf("QMP input member '%s' is unexpected", key);
    }
    if (!(exec = json_object_get_member(obj, "execute")))
        return g_strdup("QMP input lacks member 'execute'");
    if (!JSON_NODE_HOLDS_VALUE(exec) ||
        json_node_get_value_type(exec) != G_TYPE_STRING)
        return g_strdup("QMP input member 'execute' must be a string");
    if ((args = json_object_get_member(obj, "arguments")) &&
        !JSON_NODE_HOLDS_OBJECT(args))
        return g_strdup("QMP input member 'arguments' must be an object");
    *retName = json_node_get_string(exec);
    return NULL;
}


static void
stubHandleMessage(stubState *st, stubClient *client, const char *text)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonNode) ret = NULL;
    g_autofree char *problem = NULL;
    g_autofree char *desc = NULL;
    const char *cls = NULL;
    const char *name = NULL;
    JsonObject *obj;
    JsonObject *args = NULL;
    JsonNode *id;
    size_t i;

    if (!json_parser_load_from_data(parser, text, -1, &err)) {
        problem = g_strdup_printf("JSON parse error, %s", err->message);
        stubReply(client, NULL, NULL, "GenericError", problem);
        return;
    }
    if ((problem = stubCheckCommand(json_parser_get_root(parser), &name))) {
        stubReply(client, NULL, NULL, "GenericError", problem);
        return;
    }
    obj = json_node_get_object(json_parser_get_root(parser));
    id = json_object_get_member(obj, "id");
    if (json_object_has_member(obj, "arguments"))
        args = json_object_get_object_member(obj, "arguments");

    if (!client->negotiated) {
        if (!g_str_equal(name, "qmp_capabilities")) {
            stubReply(client, id, NULL, "CommandNotFound",
                      "Expecting capabilities negotiation with 'qmp_capabilities'");
            return;
        }
        client->negotiated = true;
        stubEmptyReturn(b);
        ret = json_builder_get_root(b);
        stubReply(client, id, ret, NULL, NULL);
        return;
    }
    if (g_str_equal(name, "qmp_capabilities")) {
        stubReply(client, id, NULL, "CommandNotFound",
                  "Capabilities negotiation is already complete, command ignored");
        return;
    }
    if (g_str_equal(name, "quit")) {
        g_autoptr(JsonBuilder) qb = json_builder_new();
        g_autoptr(JsonNode) empty = NULL;
        g_autoptr(JsonBuilder) db = json_builder_new();
        g_autoptr(JsonNode) data = NULL;

        json_builder_begin_object(db);
        json_builder_set_member_name(db, "guest");
        json_builder_add_boolean_value(db, FALSE);
        json_builder_set_member_name(db, "reason");
        json_builder_add_string_value(db, "host-qmp-quit");
        json_builder_end_object(db);
        data = json_builder_get_root(db);
        /* QEMU sends the event, then the reply, then goes. */
        stubEmit(st, "SHUTDOWN", data);
        stubEmptyReturn(qb);
        empty = json_builder_get_root(qb);
        stubReply(client, id, empty, NULL, NULL);
        stubRemoveFiles(st);
        exit(0);
    }

    for (i = 0; i < G_N_ELEMENTS(stubCommands); i++) {
        if (g_str_equal(name, stubCommands[i].name))
            break;
    }
    if (i == G_N_ELEMENTS(stubCommands)) {
        desc = g_strdup_printf("The command %s has not been found", name);
        stubReply(client, id, NULL, "CommandNotFound", desc);
        return;
    }
    stubCommands[i].func(st, args, b, &cls, &desc);
    if (cls) {
        stubReply(client, id, NULL, cls, desc);
        return;
    }
    ret = json_builder_get_root(b);
    stubReply(client, id, ret, NULL, NULL);
}


/*
 * Takes the next complete JSON value (or stray line) off @in, or
 * returns NULL if it has not all arrived yet.
 */
static char *
stubNextMessage(GString *in)
{
    size_t start = 0;
    int depth = 0;
    bool inString = false;
    bool escaped = false;

    while (start < in->len && g_ascii_isspace(in->str[start]))
        start++;
    g_string_erase(in, 0, start);

    for (size_t i = 0; i < in->len; i++) {
        char c = in->str[i];
        char *msg;

        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        } else if (depth == 0 && c == '\n') {
            /* Not JSON: hand the line over to fail parsing. */
            msg = g_strndup(in->str, i);
            g_string_erase(in, 0, i + 1);
            return msg;
        } else {
            continue;
        }
        if (depth <= 0 && !inString && c != '"') {
            msg = g_strndup(in->str, i + 1);
            g_string_erase(in, 0, i + 1);
            return msg;
        }
    }
    return NULL;
}


static void
stubClientFree(stubClient *client)
{
    close(client->fd);
    g_string_free(client->in, TRUE);
    g_free(client);
}


static void
stubAccept(stubState *st, int listenfd)
{
    stubClient *client;
    int fd = accept4(listenfd, NULL, NULL, SOCK_CLOEXEC);

    if (fd < 0)
        return;
    client = g_new0(stubClient, 1);
    client->fd = fd;
    client->in = g_string_new(NULL);
    g_ptr_array_add(st->clients, client);

    if (st->mode == STUB_MODE_SILENT)
        return;
    stubSendGreeting(client);
    if (st->mode == STUB_MODE_CLOSE_IN_HANDSHAKE) {
        fprintf(stderr, "%s: qemu-stub: closing the monitor during the QMP handshake\n",
                STUB_PROGRAM);
        for (size_t i = 0; i < st->listeners->len; i++)
            close(g_array_index(st->listeners, int, i));
        g_ptr_array_set_size(st->clients, 0);
        stubRemoveFiles(st);
        g_usleep(100 * 1000);
        exit(1);
    }
    if (st->mode == STUB_MODE_DIE_IN_HANDSHAKE) {
        fprintf(stderr, "%s: qemu-stub: exiting during the QMP handshake\n",
                STUB_PROGRAM);
        _exit(1);
    }
}


/* Returns false when the client went away. */
static bool
stubRead(stubState *st, stubClient *client)
{
    char buf[4096];
    ssize_t n = read(client->fd, buf, sizeof(buf));
    char *msg;

    if (n < 0 && errno == EINTR)
        return true;
    if (n <= 0)
        return false;
    if (st->mode == STUB_MODE_SILENT)
        return true;
    g_string_append_len(client->in, buf, n);
    while ((msg = stubNextMessage(client->in))) {
        stubHandleMessage(st, client, msg);
        g_free(msg);
    }
    return true;
}


static void
stubOnSignal(stubState *st)
{
    struct signalfd_siginfo info;
    g_autofree char *cmdline = NULL;
    g_autofree char *path = NULL;

    if (read(st->sigfd, &info, sizeof(info)) != sizeof(info))
        return;
    if (info.ssi_pid == 0) {
        fprintf(stderr, "%s: terminating on signal %u\n", STUB_PROGRAM,
                info.ssi_signo);
    } else {
        path = g_strdup_printf("/proc/%u/cmdline", info.ssi_pid);
        if (!g_file_get_contents(path, &cmdline, NULL, NULL) || !*cmdline)
            g_clear_pointer(&cmdline, g_free);
        fprintf(stderr, "%s: terminating on signal %u from pid %u (%s)\n",
                STUB_PROGRAM, info.ssi_signo, info.ssi_pid,
                cmdline ? cmdline : "<unknown process>");
    }

    if (st->mode == STUB_MODE_DISK_SLEEP)
        stubDiskSleep();
    if (st->mode == STUB_MODE_TERM_DELAY) {
        if (st->exitAt == 0)
            st->exitAt = g_get_monotonic_time() +
                         (gint64)st->termDelayMs * 1000;
        return;
    }
    stubShutdown(st, "host-signal");
}


static void
stubSetupSignals(stubState *st)
{
    int sigs[] = { SIGTERM, SIGINT, SIGHUP };
    sigset_t mask;

    signal(SIGPIPE, SIG_IGN);
    sigemptyset(&mask);
    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
        if (st->mode == STUB_MODE_IGNORE_TERM)
            signal(sigs[i], SIG_IGN);
        else
            sigaddset(&mask, sigs[i]);
    }
    sigprocmask(SIG_BLOCK, &mask, NULL);
    if ((st->sigfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0)
        stubFail("cannot create a signalfd: %s", g_strerror(errno));
}


static void
stubListen(stubState *st)
{
    for (size_t i = 0; i < st->socketPaths->len; i++) {
        const char *path = g_ptr_array_index(st->socketPaths, i);
        struct sockaddr_un addr = { .sun_family = AF_UNIX };
        int fd;

        const char *opt = g_ptr_array_index(st->socketOpts, i);

        if (strlen(path) >= sizeof(addr.sun_path))
            stubFail("%s: UNIX socket path '%s' is too long", opt, path);
        strcpy(addr.sun_path, path);
        unlink(path);
        if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
            bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
            listen(fd, 8) < 0)
            stubFail("%s: Failed to bind socket to %s: %s", opt, path,
                     g_strerror(errno));
        g_array_append_val(st->listeners, fd);
    }
}


static void
stubWritePidfile(stubState *st)
{
    g_autofree char *text = NULL;
    int fd;

    if (!st->pidfile)
        return;
    text = g_strdup_printf("%lld\n", (long long)getpid());
    if ((fd = open(st->pidfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                   0600)) < 0)
        stubFail("cannot create PID file: Could not create '%s': %s",
                 st->pidfile, g_strerror(errno));
    stubWriteAll(fd, text, strlen(text));
    close(fd);
    stubPidfileWritten = st->pidfile;
    atexit(stubRemovePidfileAtExit);
}


/*
 * -daemonize: the parent exits 0 once the child is ready (pid file
 * written, sockets listening), as QEMU does; 1 if the child fails.
 * Returns the descriptor the child reports readiness on.
 */
static int
stubDaemonize(void)
{
    int fds[2];
    pid_t pid;
    char c;

    if (pipe(fds) < 0)
        stubFail("cannot daemonize: %s", g_strerror(errno));
    if ((pid = fork()) < 0)
        stubFail("cannot daemonize: %s", g_strerror(errno));
    if (pid > 0) {
        close(fds[1]);
        _exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
    }
    close(fds[0]);
    setsid();
    return fds[1];
}


static void
stubDaemonReady(int readyfd)
{
    int null = open("/dev/null", O_RDWR);

    if (write(readyfd, "", 1) != 1)
        _exit(1);
    close(readyfd);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO)
        close(null);
}


static void G_GNUC_NORETURN
stubRun(stubState *st)
{
    for (;;) {
        g_autofree struct pollfd *fds = NULL;
        size_t nlisten = st->listeners->len;
        size_t nfds = 1 + nlisten + st->clients->len;
        int timeout = -1;

        if (st->exitAt) {
            gint64 left = st->exitAt - g_get_monotonic_time();

            if (left <= 0)
                stubShutdown(st, "host-signal");
            timeout = (left + 999) / 1000;
        }
        if (st->powerdownPending && g_str_equal(st->status, "running")) {
            gint64 left;

            if (st->powerOffAt == 0)
                st->powerOffAt = g_get_monotonic_time() +
                                 STUB_GUEST_POWEROFF_MS * 1000;
            left = st->powerOffAt - g_get_monotonic_time();
            if (left <= 0) {
                stubGuestPowerOff(st);
                continue;
            }
            if (timeout < 0 || (left + 999) / 1000 < timeout)
                timeout = (left + 999) / 1000;
        }

        fds = g_new0(struct pollfd, nfds);
        fds[0].fd = st->sigfd;
        fds[0].events = POLLIN;
        for (size_t i = 0; i < nlisten; i++) {
            fds[1 + i].fd = g_array_index(st->listeners, int, i);
            fds[1 + i].events = POLLIN;
        }
        for (size_t i = 0; i < st->clients->len; i++) {
            stubClient *client = g_ptr_array_index(st->clients, i);

            fds[1 + nlisten + i].fd = client->fd;
            fds[1 + nlisten + i].events = POLLIN;
        }

        if (poll(fds, nfds, timeout) < 0) {
            if (errno == EINTR)
                continue;
            stubFail("poll failed: %s", g_strerror(errno));
        }

        if (fds[0].revents)
            stubOnSignal(st);
        /* Clients first, from the last: a closed one is removed. */
        for (size_t i = st->clients->len; i > 0; i--) {
            stubClient *client = g_ptr_array_index(st->clients, i - 1);

            if (fds[nlisten + i].revents && !stubRead(st, client))
                g_ptr_array_remove_index(st->clients, i - 1);
        }
        for (size_t i = 0; i < nlisten; i++) {
            if (fds[1 + i].revents)
                stubAccept(st, fds[1 + i].fd);
        }
    }
}


int
main(int argc, char **argv)
{
    stubState st = {
        .status = "running",
        .sigfd = -1,
    };
    int readyfd = -1;

    st.chardevs = g_ptr_array_new();
    st.socketOpts = g_ptr_array_new_with_free_func(g_free);
    st.socketPaths = g_ptr_array_new_with_free_func(g_free);
    st.listeners = g_array_new(FALSE, FALSE, sizeof(int));
    st.clients = g_ptr_array_new_with_free_func((GDestroyNotify)stubClientFree);

    st.mode = stubModeFromName(argv[0], &st.termDelayMs);
    if (st.mode == STUB_MODE_EXIT_AT_ONCE) {
        fprintf(stderr, "%s: unsupported machine type\n"
                "Use -machine help to list supported machines\n",
                STUB_PROGRAM);
        return 1;
    }
    stubParseArgs(&st, argc, argv);

    if (st.daemonize)
        readyfd = stubDaemonize();
    stubSetupSignals(&st);
    stubWritePidfile(&st);
    stubListen(&st);
    if (readyfd >= 0)
        stubDaemonReady(readyfd);

    stubRun(&st);
}
