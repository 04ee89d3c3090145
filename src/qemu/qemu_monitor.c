/*
 * qemu_monitor.c: the QMP client: connection, I/O thread, commands
 *
 * Design
 * ------
 * A qemuMonitor is one QMP connection to one QEMU process, opened by
 * path (qemuMonitorOpen: retries while QEMU has not created its socket
 * yet, and gives up at once if QEMU's pidfd says it exited) or on a
 * connected socket (qemuMonitorOpenFD).  Opening reads QEMU's greeting
 * and negotiates capabilities, all within the caller's timeout.
 *
 * Threads.  Each monitor has an I/O thread with its own GMainContext.
 * It alone reads and writes the socket: it sends what callers queue in
 * @outbuf, splits what QEMU sends into lines, parses each one
 * (qemuMonitorParseMessage) and either hands a reply to the caller
 * waiting for it or delivers an event to the callbacks.  Any number of
 * threads may run commands at once: each queues its command with a
 * unique "id" and sleeps on @cond until the reply with that id arrives,
 * the connection ends, or its timeout (QEMU_MONITOR_DEFAULT_TIMEOUT_MS
 * unless set with qemuMonitorSetCommandTimeout; never infinite)
 * passes.  A reply without an id (QEMU could not parse the command) goes
 * to the oldest waiting command, since QEMU answers in order.  A reply
 * nobody waits for any more (its command timed out) is dropped.
 *
 * Callbacks run on the I/O thread with no monitor lock held, in the
 * order QEMU sent the events.  A callback must not run commands on its
 * own monitor (they fail at once instead of deadlocking).
 *
 * End of the connection.  When QEMU closes the socket (eofNotify) or
 * the connection fails (errorNotify: I/O error, malformed data, a
 * message too long), the monitor records why, wakes every waiting
 * command, and from then on every command fails with
 * VIR_ERR_OPERATION_FAILED saying what happened.  Neither notification
 * is sent for a failure during qemuMonitorOpen (which reports it) or
 * after qemuMonitorClose.
 *
 * Lifetime.  qemuMonitorClose() ends the connection, makes commands
 * waiting in other threads fail at once, joins the I/O thread and
 * releases the monitor; it may race with itself or with a closing
 * QEMU.  A reference count keeps the memory alive until the last
 * thread inside a command has left.  Called from a callback (on the
 * I/O thread itself), it cannot join: it detaches the thread, which
 * frees the monitor once the callback returns; a callback may close
 * only a monitor that qemuMonitorOpen() has already returned.  Because
 * a Close from another thread waits for a running callback to finish,
 * a caller of qemuMonitorClose() must not hold a lock that a callback
 * may be waiting for.  Like free(), call it once per monitor (clear
 * the pointer, e.g. with g_clear_pointer()): a second call after the
 * first returned uses freed memory.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <glib-unix.h>

#include "qemu_monitor.h"
#include "qemu_monitor_json.h"
#include "qemu_monitor_priv.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_monitor");

/* Connection attempts are 1 ms apart for this long, then this far. */
#define QEMU_MONITOR_CONNECT_FAST_MS 500
#define QEMU_MONITOR_CONNECT_SLOW_DELAY_MS 10

/* How long a failed open waits for the pidfd to confirm an exit. */
#define QEMU_MONITOR_EXIT_GRACE_MS 1000

VIR_ENUM_IMPL(qemuMonitorShutdownReason,
              QEMU_MONITOR_SHUTDOWN_REASON_LAST,
              "unknown", "none", "host-error", "host-qmp-quit",
              "host-qmp-system-reset", "host-signal", "host-ui",
              "guest-shutdown", "guest-reset", "guest-panic",
              "subsystem-reset", "snapshot-load");

/* The RunState values of query-status that upstream libvirt knows. */
typedef enum {
    QEMU_MONITOR_VM_STATUS_DEBUG,
    QEMU_MONITOR_VM_STATUS_INMIGRATE,
    QEMU_MONITOR_VM_STATUS_INTERNAL_ERROR,
    QEMU_MONITOR_VM_STATUS_IO_ERROR,
    QEMU_MONITOR_VM_STATUS_PAUSED,
    QEMU_MONITOR_VM_STATUS_POSTMIGRATE,
    QEMU_MONITOR_VM_STATUS_PRELAUNCH,
    QEMU_MONITOR_VM_STATUS_FINISH_MIGRATE,
    QEMU_MONITOR_VM_STATUS_RESTORE_VM,
    QEMU_MONITOR_VM_STATUS_RUNNING,
    QEMU_MONITOR_VM_STATUS_SAVE_VM,
    QEMU_MONITOR_VM_STATUS_SHUTDOWN,
    QEMU_MONITOR_VM_STATUS_WATCHDOG,
    QEMU_MONITOR_VM_STATUS_GUEST_PANICKED,

    QEMU_MONITOR_VM_STATUS_LAST
} qemuMonitorVMStatus;

VIR_ENUM_DECL(qemuMonitorVMStatus);
VIR_ENUM_IMPL(qemuMonitorVMStatus,
              QEMU_MONITOR_VM_STATUS_LAST,
              "debug", "inmigrate", "internal-error", "io-error", "paused",
              "postmigrate", "prelaunch", "finish-migrate", "restore-vm",
              "running", "save-vm", "shutdown", "watchdog", "guest-panicked");

typedef enum {
    QEMU_MONITOR_OPEN,         /* connected */
    QEMU_MONITOR_CLOSED_EOF,   /* QEMU closed the connection */
    QEMU_MONITOR_CLOSED_ERROR, /* I/O error or malformed data */
    QEMU_MONITOR_CLOSED_LOCAL, /* qemuMonitorClose() was called */
} qemuMonitorState;

/* A command waiting for its reply; lives on the caller's stack. */
typedef struct _qemuMonitorCall qemuMonitorCall;
struct _qemuMonitorCall {
    const char *name;
    const char *id;
    bool done;
    qemuMonitorMessage *reply;
};

/* Watches the socket for the I/O thread. */
typedef struct _qemuMonitorSource qemuMonitorSource;
struct _qemuMonitorSource {
    GSource parent;
    qemuMonitor *mon;   /* the I/O thread holds the reference */
    gpointer tag;
    GIOCondition events;
};

struct _qemuMonitor {
    gint refs;                  /* atomic */
    gint nextId;                /* atomic */

    int fd;
    char *label;                /* the socket path, for messages */
    const qemuMonitorCallbacks *cb;
    void *opaque;

    GMainContext *context;
    GSource *source;
    GThread *thread;

    /* I/O thread only. */
    GString *inbuf;
    size_t inScanned;           /* bytes of @inbuf known to hold no '\n' */

    GMutex lock;
    GCond cond;                 /* a reply arrived, or the state changed */
    /* Guarded by @lock. */
    bool quit;                  /* the I/O thread must leave its loop */
    bool greeted;               /* QEMU's greeting arrived */
    bool handshakeDone;         /* qemuMonitorOpen succeeded */
    bool closing;               /* qemuMonitorClose() was called */
    qemuMonitorState state;
    char *closeReason;          /* set once with @state, then immutable */
    GString *outbuf;            /* bytes not yet sent */
    GQueue calls;               /* qemuMonitorCall *, oldest first */
    int timeoutMs;
};

static const qemuMonitorCallbacks qemuMonitorNoCallbacks;

/* Which monitor the calling thread is the I/O thread of, if any. */
static GPrivate qemuMonitorIOThreadKey;


static qemuMonitor *
qemuMonitorRef(qemuMonitor *mon)
{
    g_atomic_int_inc(&mon->refs);
    return mon;
}


static void
qemuMonitorFree(qemuMonitor *mon)
{
    VIR_DEBUG("mon=%p", mon);
    if (mon->source) {
        g_source_destroy(mon->source);
        g_source_unref(mon->source);
    }
    if (mon->context)
        g_main_context_unref(mon->context);
    virForceClose(&mon->fd);
    g_string_free(mon->inbuf, TRUE);
    g_string_free(mon->outbuf, TRUE);
    g_free(mon->label);
    g_free(mon->closeReason);
    g_mutex_clear(&mon->lock);
    g_cond_clear(&mon->cond);
    g_free(mon);
}


static void
qemuMonitorUnref(qemuMonitor *mon)
{
    if (g_atomic_int_dec_and_test(&mon->refs))
        qemuMonitorFree(mon);
}


/*
 * Ends the connection (I/O thread): records why, wakes every waiting
 * command, tells the I/O thread to stop, and sends eofNotify or
 * errorNotify if Open has completed and Close has not been called.
 * Takes ownership of @reason.
 */
static void
qemuMonitorIOFinish(qemuMonitor *mon,
                    qemuMonitorState state,
                    char *reason)
{
    bool notify = false;

    g_mutex_lock(&mon->lock);
    if (mon->state == QEMU_MONITOR_OPEN) {
        mon->state = state;
        mon->closeReason = g_steal_pointer(&reason);
        notify = mon->handshakeDone && !mon->closing;
        VIR_DEBUG("mon=%p closed: %s", mon, mon->closeReason);
    }
    mon->quit = true;
    g_cond_broadcast(&mon->cond);
    g_mutex_unlock(&mon->lock);
    g_free(reason);

    if (!notify)
        return;
    /* @closeReason never changes once set. */
    if (state == QEMU_MONITOR_CLOSED_EOF && mon->cb->eofNotify)
        mon->cb->eofNotify(mon, mon->opaque);
    else if (state == QEMU_MONITOR_CLOSED_ERROR && mon->cb->errorNotify)
        mon->cb->errorNotify(mon, mon->closeReason, mon->opaque);
}


/* The waiting command @id names, or the oldest one for a NULL @id. */
static qemuMonitorCall *
qemuMonitorFindCall(qemuMonitor *mon, const char *id)
{
    GList *l;

    for (l = mon->calls.head; l; l = l->next) {
        qemuMonitorCall *call = l->data;

        if (call->done)
            continue;
        if (!id || STREQ(call->id, id))
            return call;
    }
    return NULL;
}


/*
 * Handles one line from QEMU (I/O thread).  Returns 0 to go on, -1
 * when the connection has ended (here or in a callback).
 */
static int
qemuMonitorIOProcessLine(qemuMonitor *mon, const char *line, size_t len)
{
    g_autoptr(qemuMonitorMessage) msg = NULL;
    qemuMonitorCall *call = NULL;
    bool quit;

    if (qemuMonitorParseMessage(line, len, &msg) < 0) {
        virErrorPtr err = virErrorLast();
        char *reason = g_strdup_printf(_("QEMU monitor '%1$s' sent malformed data: %2$s"),
                                       mon->label,
                                       err && err->str2 ? err->str2 : virGetLastErrorMessage());

        virResetLastError();
        qemuMonitorIOFinish(mon, QEMU_MONITOR_CLOSED_ERROR, reason);
        return -1;
    }

    g_mutex_lock(&mon->lock);
    if (msg->type == QEMU_MONITOR_MESSAGE_GREETING) {
        if (mon->greeted)
            VIR_WARN("QEMU monitor '%s' sent a second greeting; ignored", mon->label);
        mon->greeted = true;
        g_cond_broadcast(&mon->cond);
        g_mutex_unlock(&mon->lock);
        return 0;
    }
    if (!mon->greeted) {
        char *reason;

        g_mutex_unlock(&mon->lock);
        reason = g_strdup_printf(_("QEMU monitor '%1$s' sent a message before its greeting"),
                                 mon->label);
        qemuMonitorIOFinish(mon, QEMU_MONITOR_CLOSED_ERROR, reason);
        return -1;
    }
    if (msg->type == QEMU_MONITOR_MESSAGE_REPLY) {
        if ((call = qemuMonitorFindCall(mon, msg->id))) {
            call->reply = g_steal_pointer(&msg);
            call->done = true;
            g_cond_broadcast(&mon->cond);
        } else {
            VIR_DEBUG("mon=%p dropping reply id=%s that nobody waits for",
                      mon, NULLSTR(msg->id));
        }
        g_mutex_unlock(&mon->lock);
    } else {
        g_mutex_unlock(&mon->lock);
        qemuMonitorJSONHandleEvent(mon, msg);
    }

    g_mutex_lock(&mon->lock);
    quit = mon->quit;
    g_mutex_unlock(&mon->lock);
    return quit ? -1 : 0;
}


/* Handles every complete line in @inbuf (I/O thread); as above. */
static int
qemuMonitorIOProcess(qemuMonitor *mon)
{
    GString *in = mon->inbuf;
    size_t start = 0;
    size_t from = mon->inScanned;
    const char *nl;
    int ret = 0;

    while ((nl = memchr(in->str + from, '\n', in->len - from))) {
        const char *line = in->str + start;
        size_t len = nl - line;
        size_t i;

        start = from = nl - in->str + 1;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        for (i = 0; i < len && g_ascii_isspace(line[i]); i++)
            ;
        if (i == len)
            continue;
        if (qemuMonitorIOProcessLine(mon, line, len) < 0) {
            ret = -1;
            break;
        }
    }
    g_string_erase(in, 0, start);
    mon->inScanned = in->len;
    if (ret < 0)
        return -1;

    if (in->len > QEMU_MONITOR_MAX_MESSAGE) {
        char *reason = g_strdup_printf(_("QEMU monitor reply exceeds buffer size (%1$d bytes)"),
                                       QEMU_MONITOR_MAX_MESSAGE);

        qemuMonitorIOFinish(mon, QEMU_MONITOR_CLOSED_ERROR, reason);
        return -1;
    }
    return 0;
}


/* Sends what it can of @outbuf (I/O thread); as above. */
static int
qemuMonitorIOWrite(qemuMonitor *mon)
{
    int err = 0;

    g_mutex_lock(&mon->lock);
    while (mon->outbuf->len > 0) {
        ssize_t n = send(mon->fd, mon->outbuf->str, mon->outbuf->len,
                         MSG_NOSIGNAL | MSG_DONTWAIT);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                err = errno;
            break;
        }
        g_string_erase(mon->outbuf, 0, n);
    }
    if (err == EPIPE || err == ECONNRESET) {
        /* QEMU is gone; what it sent before going is still to be read,
         * and reading will end the connection. */
        g_string_truncate(mon->outbuf, 0);
        err = 0;
    }
    g_mutex_unlock(&mon->lock);

    if (err) {
        qemuMonitorIOFinish(mon, QEMU_MONITOR_CLOSED_ERROR,
                            g_strdup_printf(_("cannot write to QEMU monitor '%1$s': %2$s"),
                                            mon->label, g_strerror(err)));
        return -1;
    }
    return 0;
}


/* Reads and handles everything QEMU sent (I/O thread); as above. */
static int
qemuMonitorIORead(qemuMonitor *mon)
{
    char buf[64 * 1024];

    for (;;) {
        ssize_t n = read(mon->fd, buf, sizeof(buf));

        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            if (errno == ECONNRESET)
                break;
            qemuMonitorIOFinish(mon, QEMU_MONITOR_CLOSED_ERROR,
                                g_strdup_printf(_("cannot read from QEMU monitor '%1$s': %2$s"),
                                                mon->label, g_strerror(errno)));
            return -1;
        }
        if (n == 0)
            break;
        g_string_append_len(mon->inbuf, buf, n);
        if (qemuMonitorIOProcess(mon) < 0)
            return -1;
    }

    if (mon->inbuf->len > 0)
        VIR_DEBUG("mon=%p dropping %zu bytes without a line end", mon,
                  mon->inbuf->len);
    qemuMonitorIOFinish(mon, QEMU_MONITOR_CLOSED_EOF,
                        g_strdup_printf(_("end of file from QEMU monitor '%1$s'"),
                                        mon->label));
    return -1;
}


static gboolean
qemuMonitorSourcePrepare(GSource *source, gint *timeout)
{
    qemuMonitorSource *src = (qemuMonitorSource *)source;
    GIOCondition want = G_IO_IN | G_IO_HUP | G_IO_ERR;

    *timeout = -1;
    g_mutex_lock(&src->mon->lock);
    if (src->mon->outbuf->len > 0)
        want |= G_IO_OUT;
    g_mutex_unlock(&src->mon->lock);

    if (want != src->events) {
        src->events = want;
        g_source_modify_unix_fd(source, src->tag, want);
    }
    return FALSE;
}


static gboolean
qemuMonitorSourceDispatch(GSource *source,
                          GSourceFunc callback G_GNUC_UNUSED,
                          gpointer data G_GNUC_UNUSED)
{
    qemuMonitorSource *src = (qemuMonitorSource *)source;
    GIOCondition revents = g_source_query_unix_fd(source, src->tag);

    if ((revents & G_IO_OUT) && qemuMonitorIOWrite(src->mon) < 0)
        return G_SOURCE_REMOVE;
    if ((revents & (G_IO_IN | G_IO_HUP | G_IO_ERR)) &&
        qemuMonitorIORead(src->mon) < 0)
        return G_SOURCE_REMOVE;
    return G_SOURCE_CONTINUE;
}


static GSourceFuncs qemuMonitorSourceFuncs = {
    .prepare = qemuMonitorSourcePrepare,
    .dispatch = qemuMonitorSourceDispatch,
};


static gpointer
qemuMonitorIOThread(gpointer opaque)
{
    qemuMonitor *mon = opaque;

    g_private_set(&qemuMonitorIOThreadKey, mon);
    g_main_context_push_thread_default(mon->context);
    for (;;) {
        bool quit;

        g_mutex_lock(&mon->lock);
        quit = mon->quit;
        g_mutex_unlock(&mon->lock);
        if (quit)
            break;
        g_main_context_iteration(mon->context, TRUE);
    }
    g_main_context_pop_thread_default(mon->context);
    g_private_set(&qemuMonitorIOThreadKey, NULL);
    qemuMonitorUnref(mon);
    return NULL;
}


/* Reports that @mon is closed, naming @cmd; @mon->lock is held. */
static void
qemuMonitorReportClosed(qemuMonitor *mon, const char *cmd, bool waiting)
{
    const char *reason = mon->closeReason;

    if (waiting)
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("QEMU monitor connection was closed while waiting for the reply to '%1$s': %2$s"),
                       cmd, reason);
    else
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("cannot send command '%1$s': the QEMU monitor connection is closed: %2$s"),
                       cmd, reason);
}


/**
 * qemuMonitorNextCommandId:
 * @mon: the monitor
 *
 * Returns: a new "id" for a command, unique on @mon.
 */
char *
qemuMonitorNextCommandId(qemuMonitor *mon)
{
    return g_strdup_printf("libvirt-%d", g_atomic_int_add(&mon->nextId, 1) + 1);
}


/**
 * qemuMonitorSend:
 * @mon: the monitor
 * @cmdName: the command's name, for messages
 * @id: the "id" @line carries
 * @line: the whole command as one line of JSON, without a line end
 * @timeoutMs: how long to wait for the reply; 0 for the monitor's timeout
 * @flags: qemuMonitorSendFlags
 * @retReply: the reply (success or error), or NULL when
 *            QEMU_MONITOR_SEND_EOF_IS_REPLY applied
 *
 * Queues @line for the I/O thread and waits for its reply.  Safe from
 * any thread but @mon's I/O thread.
 *
 * Returns: 0 when a reply arrived, -1 with an error reported when the
 * connection is or gets closed (VIR_ERR_OPERATION_FAILED), on timeout
 * (VIR_ERR_OPERATION_TIMEOUT), or from a callback.
 */
int
qemuMonitorSend(qemuMonitor *mon,
                const char *cmdName,
                const char *id,
                const char *line,
                int timeoutMs,
                unsigned int flags,
                qemuMonitorMessage **retReply)
{
    qemuMonitorCall call = { .name = cmdName, .id = id };
    gint64 deadline;
    int ret = -1;

    virCheckFlags(QEMU_MONITOR_SEND_EOF_IS_REPLY, -1);

    if (g_private_get(&qemuMonitorIOThreadKey) == mon) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot run QEMU monitor command '%1$s' from a callback of the same monitor"),
                       cmdName);
        return -1;
    }

    qemuMonitorRef(mon);
    g_mutex_lock(&mon->lock);
    if (timeoutMs <= 0)
        timeoutMs = mon->timeoutMs;
    if (mon->state != QEMU_MONITOR_OPEN) {
        qemuMonitorReportClosed(mon, cmdName, false);
        goto cleanup;
    }

    VIR_DEBUG("mon=%p send %s", mon, line);
    g_string_append(mon->outbuf, line);
    g_string_append(mon->outbuf, "\r\n");
    g_queue_push_tail(&mon->calls, &call);
    g_main_context_wakeup(mon->context);

    deadline = g_get_monotonic_time() + (gint64)timeoutMs * G_TIME_SPAN_MILLISECOND;
    while (!call.done && mon->state == QEMU_MONITOR_OPEN) {
        if (!g_cond_wait_until(&mon->cond, &mon->lock, deadline))
            break;
    }
    g_queue_remove(&mon->calls, &call);

    if (call.done) {
        *retReply = g_steal_pointer(&call.reply);
        ret = 0;
    } else if (mon->state == QEMU_MONITOR_CLOSED_EOF &&
               (flags & QEMU_MONITOR_SEND_EOF_IS_REPLY)) {
        *retReply = NULL;
        ret = 0;
    } else if (mon->state != QEMU_MONITOR_OPEN) {
        qemuMonitorReportClosed(mon, cmdName, true);
    } else {
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("QEMU did not reply to monitor command '%1$s' within %2$d ms"),
                       cmdName, timeoutMs);
    }

 cleanup:
    g_mutex_unlock(&mon->lock);
    qemuMonitorUnref(mon);
    return ret;
}


/*
 * True if @pidfd (may be -1) says its process has exited, waiting at
 * most @waitMs for it to happen.
 */
static bool
qemuMonitorProcessExited(int pidfd, int waitMs)
{
    struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
    int rc;

    if (pidfd < 0)
        return false;
    while ((rc = poll(&pfd, 1, MAX(waitMs, 0))) < 0 && errno == EINTR)
        ;
    return rc > 0 && (pfd.revents & POLLIN);
}


/* Milliseconds left until @deadline (monotonic), at least 0. */
static int
qemuMonitorRemainingMs(gint64 deadline)
{
    gint64 left = deadline - g_get_monotonic_time();

    if (left <= 0)
        return 0;
    return MIN(left / G_TIME_SPAN_MILLISECOND + 1, G_MAXINT);
}


/*
 * Connects to the UNIX socket @path, retrying while it does not exist
 * or refuses connections, until @deadline or until @pidfd reports an
 * exit.  Returns the connected descriptor, or -1 with an error.
 */
static int
qemuMonitorConnectUnix(const char *path,
                       int pidfd,
                       int timeoutMs,
                       gint64 deadline,
                       bool retry)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    VIR_AUTOCLOSE fd = -1;
    gint64 start = g_get_monotonic_time();
    int delayMs = 1;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Monitor path %1$s too big for destination"), path);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path));

    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", _("failed to create socket"));
        return -1;
    }
    while (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        int err = errno;
        int left;

        if (err == EINTR)
            continue;
        if (!retry || (err != ENOENT && err != ECONNREFUSED)) {
            virReportSystemError(err, _("failed to connect to monitor socket %1$s"),
                                 path);
            return -1;
        }
        if ((left = qemuMonitorRemainingMs(deadline)) == 0) {
            virReportSystemError(err, _("monitor socket %1$s did not show up within %2$d ms"),
                                 path, timeoutMs);
            return -1;
        }
        /* Sleep on the pidfd: an exit ends the wait at once.  QEMU
         * creates its socket some tens of milliseconds after it starts,
         * so retries are frequent at first (a connect costs
         * microseconds), then back off for a QEMU that is slow to come.
         * (Watching the directory with inotify was tried: closing the
         * watch costs the kernel a grace period of up to ~8 ms.) */
        if (qemuMonitorProcessExited(pidfd, MIN(delayMs, left))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("process exited while connecting to monitor socket %1$s"),
                           path);
            return -1;
        }
        if (g_get_monotonic_time() - start > QEMU_MONITOR_CONNECT_FAST_MS * G_TIME_SPAN_MILLISECOND)
            delayMs = QEMU_MONITOR_CONNECT_SLOW_DELAY_MS;
    }

    return g_steal_fd(&fd);
}


/*
 * Creates the monitor on connected @fd (consumed), starts its I/O
 * thread and completes the QMP handshake by @deadline.
 */
static qemuMonitor *
qemuMonitorOpenInternal(int fd,
                        const char *label,
                        int pidfd,
                        int timeoutMs,
                        gint64 deadline,
                        const qemuMonitorCallbacks *cb,
                        void *opaque)
{
    g_autoptr(GError) gerr = NULL;
    qemuMonitorSource *src;
    qemuMonitor *mon = g_new0(qemuMonitor, 1);
    virErrorPtr saved = NULL;

    /* One reference for the caller, one for this function: an event
     * callback may close the monitor before the handshake is over. */
    mon->refs = 2;
    mon->fd = fd;
    mon->label = g_strdup(label);
    mon->cb = cb ? cb : &qemuMonitorNoCallbacks;
    mon->opaque = opaque;
    mon->inbuf = g_string_new(NULL);
    mon->outbuf = g_string_new(NULL);
    mon->timeoutMs = QEMU_MONITOR_DEFAULT_TIMEOUT_MS;
    g_mutex_init(&mon->lock);
    g_cond_init(&mon->cond);
    g_queue_init(&mon->calls);
    /* Nothing runs yet: a failure below must not try to join. */
    mon->quit = true;

    if (!g_unix_set_fd_nonblocking(fd, TRUE, &gerr)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot make QEMU monitor '%1$s' non-blocking: %2$s"),
                       label, gerr->message);
        goto error;
    }

    mon->context = g_main_context_new();
    mon->source = g_source_new(&qemuMonitorSourceFuncs, sizeof(qemuMonitorSource));
    src = (qemuMonitorSource *)mon->source;
    src->mon = mon;
    src->events = G_IO_IN | G_IO_HUP | G_IO_ERR;
    src->tag = g_source_add_unix_fd(mon->source, fd, src->events);
    g_source_attach(mon->source, mon->context);

    mon->quit = false;
    qemuMonitorRef(mon);
    if (!(mon->thread = g_thread_try_new("qemu-monitor", qemuMonitorIOThread,
                                         mon, &gerr))) {
        mon->quit = true;
        qemuMonitorUnref(mon);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot start the I/O thread of QEMU monitor '%1$s': %2$s"),
                       label, gerr->message);
        goto error;
    }

    g_mutex_lock(&mon->lock);
    while (!mon->greeted && mon->state == QEMU_MONITOR_OPEN) {
        if (!g_cond_wait_until(&mon->cond, &mon->lock, deadline))
            break;
    }
    if (!mon->greeted) {
        g_autofree char *reason = g_strdup(mon->closeReason);
        bool closed = mon->state != QEMU_MONITOR_OPEN;

        g_mutex_unlock(&mon->lock);
        if (!closed)
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("QEMU monitor '%1$s' sent no greeting within %2$d ms"),
                           label, timeoutMs);
        else if (qemuMonitorProcessExited(pidfd, MIN(qemuMonitorRemainingMs(deadline),
                                                     QEMU_MONITOR_EXIT_GRACE_MS)))
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("process exited while connecting to monitor socket %1$s"),
                           label);
        else
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("QEMU monitor connection was closed before QEMU's greeting: %1$s"),
                           reason);
        goto error;
    }
    g_mutex_unlock(&mon->lock);

    if (qemuMonitorJSONSetCapabilities(mon, MAX(qemuMonitorRemainingMs(deadline), 1)) < 0)
        goto error;

    g_mutex_lock(&mon->lock);
    if (mon->state != QEMU_MONITOR_OPEN) {
        /* QEMU went away, or a callback closed the monitor. */
        qemuMonitorReportClosed(mon, "qmp_capabilities", false);
        g_mutex_unlock(&mon->lock);
        goto error;
    }
    mon->handshakeDone = true;
    g_mutex_unlock(&mon->lock);

    VIR_DEBUG("mon=%p opened on %s", mon, label);
    qemuMonitorUnref(mon);
    return mon;

 error:
    virErrorPreserveLast(&saved);
    qemuMonitorClose(mon);
    qemuMonitorUnref(mon);
    virErrorRestore(&saved);
    return NULL;
}


/**
 * qemuMonitorOpen:
 * @socketPath: QEMU's QMP socket (-chardev socket,server=on,wait=off)
 * @pidfd: a pidfd of the QEMU process, or -1 if unknown; not consumed
 * @timeoutMs: how long connecting and the handshake may take in all;
 *             0 or less for QEMU_MONITOR_DEFAULT_TIMEOUT_MS
 * @cb: the event callbacks (may be NULL); must outlive the monitor
 * @opaque: passed to every callback
 *
 * Connects to QEMU's monitor, retrying while the socket does not exist
 * yet or refuses connections, reads the greeting and negotiates
 * capabilities.  Event callbacks may already run before this returns.
 *
 * Returns: the monitor, to be released with qemuMonitorClose(), or NULL
 * with an error reported: VIR_ERR_INTERNAL_ERROR "process exited while
 * connecting to monitor socket PATH" as soon as @pidfd reports that
 * QEMU exited, VIR_ERR_SYSTEM_ERROR when the socket did not show up in
 * time or cannot be connected to, VIR_ERR_OPERATION_TIMEOUT when QEMU
 * does not answer in time.
 */
qemuMonitor *
qemuMonitorOpen(const char *socketPath,
                int pidfd,
                int timeoutMs,
                const qemuMonitorCallbacks *cb,
                void *opaque)
{
    return qemuMonitorOpenPeer(socketPath, pidfd, 0, timeoutMs, true, cb, opaque);
}


/* The pid of the process at the other end of the UNIX socket @fd (the
 * one that created a listening socket, for a client's connection), or
 * -1 with an error reported. */
static pid_t
qemuMonitorSocketPeerPid(int fd, const char *label)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);

    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) {
        virReportSystemError(errno, _("cannot tell which process serves monitor socket %1$s"),
                             label);
        return -1;
    }
    return cred.pid;
}


/**
 * qemuMonitorOpenPeer:
 * @socketPath, @pidfd, @timeoutMs, @cb, @opaque: as for qemuMonitorOpen()
 * @expectedPeer: the pid of the QEMU that must be serving the socket,
 *                or 0 not to check
 * @retry: wait for the socket to appear (QEMU is starting); false for a
 *         QEMU that runs, whose socket is there or gone for good
 *
 * As qemuMonitorOpen(), but before a byte is exchanged the socket's
 * peer (SO_PEERCRED) must be @expectedPeer: a socket path replaced by
 * one leading to another process (another domain's QEMU, say) is
 * refused instead of being sent commands.
 *
 * Returns: the monitor, or NULL with an error reported
 * (VIR_ERR_INTERNAL_ERROR when the peer is another process).
 */
qemuMonitor *
qemuMonitorOpenPeer(const char *socketPath,
                    int pidfd,
                    pid_t expectedPeer,
                    int timeoutMs,
                    bool retry,
                    const qemuMonitorCallbacks *cb,
                    void *opaque)
{
    gint64 deadline;
    VIR_AUTOCLOSE fd = -1;
    pid_t peer;

    virCheckNonNullArgReturn(socketPath, NULL);
    if (timeoutMs <= 0)
        timeoutMs = QEMU_MONITOR_DEFAULT_TIMEOUT_MS;
    deadline = g_get_monotonic_time() + (gint64)timeoutMs * G_TIME_SPAN_MILLISECOND;

    VIR_DEBUG("path=%s pidfd=%d peer=%lld timeout=%d", socketPath, pidfd,
              (long long)expectedPeer, timeoutMs);
    if ((fd = qemuMonitorConnectUnix(socketPath, pidfd, timeoutMs, deadline, retry)) < 0)
        return NULL;
    if (expectedPeer > 0) {
        if ((peer = qemuMonitorSocketPeerPid(fd, socketPath)) < 0)
            return NULL;
        if (peer != expectedPeer) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("monitor socket %1$s is served by process %2$lld, not by QEMU process %3$lld: not using it"),
                           socketPath, (long long)peer, (long long)expectedPeer);
            return NULL;
        }
    }
    return qemuMonitorOpenInternal(g_steal_fd(&fd), socketPath, pidfd, timeoutMs,
                                   deadline, cb, opaque);
}


/**
 * qemuMonitorGetPeerPid:
 * @mon: a monitor
 *
 * Returns: the pid of the process serving @mon's socket, or -1 with an
 * error reported.
 */
pid_t
qemuMonitorGetPeerPid(qemuMonitor *mon)
{
    return qemuMonitorSocketPeerPid(mon->fd, mon->label);
}


/**
 * qemuMonitorOpenFD:
 * @fd: a connected stream socket to QEMU's monitor; always consumed
 * @timeoutMs: how long the handshake may take; 0 or less for
 *             QEMU_MONITOR_DEFAULT_TIMEOUT_MS
 * @cb: the event callbacks (may be NULL); must outlive the monitor
 * @opaque: passed to every callback
 *
 * Like qemuMonitorOpen() on a socket already connected (a socketpair,
 * a descriptor passed by another process).
 *
 * Returns: the monitor, or NULL with an error reported.
 */
qemuMonitor *
qemuMonitorOpenFD(int fd,
                  int timeoutMs,
                  const qemuMonitorCallbacks *cb,
                  void *opaque)
{
    g_autofree char *label = NULL;
    gint64 deadline;

    if (fd < 0) {
        virReportInvalidArg(fd, _("fd in %1$s must not be negative"), __func__);
        return NULL;
    }
    if (timeoutMs <= 0)
        timeoutMs = QEMU_MONITOR_DEFAULT_TIMEOUT_MS;
    deadline = g_get_monotonic_time() + (gint64)timeoutMs * G_TIME_SPAN_MILLISECOND;
    label = g_strdup_printf("fd:%d", fd);

    return qemuMonitorOpenInternal(fd, label, -1, timeoutMs, deadline, cb, opaque);
}


/**
 * qemuMonitorClose:
 * @mon: the monitor; may be NULL
 *
 * Closes the connection and releases the monitor.  Commands waiting in
 * other threads fail at once with VIR_ERR_OPERATION_FAILED; no callback
 * starts after this is called.  From any thread but the monitor's I/O
 * thread, it also waits for a running callback to return and for the
 * I/O thread to end.  From a callback, the I/O thread ends, and frees
 * the monitor, when the callback returns.  Concurrent calls are safe;
 * reports nothing.
 */
void
qemuMonitorClose(qemuMonitor *mon)
{
    GThread *thread;
    bool self;

    if (!mon)
        return;

    g_mutex_lock(&mon->lock);
    if (mon->closing) {
        g_mutex_unlock(&mon->lock);
        return;
    }
    VIR_DEBUG("mon=%p", mon);
    mon->closing = true;
    if (mon->state == QEMU_MONITOR_OPEN) {
        mon->state = QEMU_MONITOR_CLOSED_LOCAL;
        mon->closeReason = g_strdup(_("the monitor was closed by the driver"));
    }
    mon->quit = true;
    g_cond_broadcast(&mon->cond);
    thread = g_steal_pointer(&mon->thread);
    self = g_private_get(&qemuMonitorIOThreadKey) == mon;
    g_mutex_unlock(&mon->lock);

    if (mon->context)
        g_main_context_wakeup(mon->context);
    if (thread) {
        if (self)
            g_thread_unref(thread);
        else
            g_thread_join(thread);
    }
    qemuMonitorUnref(mon);
}


/**
 * qemuMonitorSetCommandTimeout:
 * @mon: the monitor
 * @timeoutMs: how long later commands wait for their reply; 0 or less
 *             restores QEMU_MONITOR_DEFAULT_TIMEOUT_MS
 */
void
qemuMonitorSetCommandTimeout(qemuMonitor *mon, int timeoutMs)
{
    g_mutex_lock(&mon->lock);
    mon->timeoutMs = timeoutMs > 0 ? timeoutMs : QEMU_MONITOR_DEFAULT_TIMEOUT_MS;
    g_mutex_unlock(&mon->lock);
}


/* Callbacks are called only until qemuMonitorClose(). */
static bool
qemuMonitorMayNotify(qemuMonitor *mon)
{
    bool ret;

    g_mutex_lock(&mon->lock);
    ret = !mon->closing;
    g_mutex_unlock(&mon->lock);
    return ret;
}


/**
 * qemuMonitorEmitShutdown:
 * @mon: the monitor
 * @guest: whether the guest asked for it
 * @reason: QEMU's ShutdownCause
 *
 * Delivers SHUTDOWN to the domainShutdown callback, unless the monitor
 * is being closed.  The other qemuMonitorEmit* functions do the same
 * for their events.  I/O thread only, without the monitor lock.
 */
void
qemuMonitorEmitShutdown(qemuMonitor *mon, bool guest,
                        qemuMonitorShutdownReason reason)
{
    VIR_DEBUG("mon=%p guest=%d reason=%s", mon, guest,
              qemuMonitorShutdownReasonTypeToString(reason));
    if (mon->cb->domainShutdown && qemuMonitorMayNotify(mon))
        mon->cb->domainShutdown(mon, guest, reason, mon->opaque);
}


/**
 * qemuMonitorEmitReset:
 * @mon: the monitor
 * @guest: whether the guest asked for it
 * @reason: QEMU's ShutdownCause
 *
 * Delivers RESET to the domainReset callback.
 */
void
qemuMonitorEmitReset(qemuMonitor *mon, bool guest,
                     qemuMonitorShutdownReason reason)
{
    VIR_DEBUG("mon=%p guest=%d reason=%s", mon, guest,
              qemuMonitorShutdownReasonTypeToString(reason));
    if (mon->cb->domainReset && qemuMonitorMayNotify(mon))
        mon->cb->domainReset(mon, guest, reason, mon->opaque);
}


/**
 * qemuMonitorEmitPowerdown:
 * @mon: the monitor
 *
 * Delivers POWERDOWN to the domainPowerdown callback.
 */
void
qemuMonitorEmitPowerdown(qemuMonitor *mon)
{
    if (mon->cb->domainPowerdown && qemuMonitorMayNotify(mon))
        mon->cb->domainPowerdown(mon, mon->opaque);
}


/**
 * qemuMonitorEmitStop:
 * @mon: the monitor
 *
 * Delivers STOP to the domainStop callback.
 */
void
qemuMonitorEmitStop(qemuMonitor *mon)
{
    if (mon->cb->domainStop && qemuMonitorMayNotify(mon))
        mon->cb->domainStop(mon, mon->opaque);
}


/**
 * qemuMonitorEmitResume:
 * @mon: the monitor
 *
 * Delivers RESUME to the domainResume callback.
 */
void
qemuMonitorEmitResume(qemuMonitor *mon)
{
    if (mon->cb->domainResume && qemuMonitorMayNotify(mon))
        mon->cb->domainResume(mon, mon->opaque);
}


#define QEMU_CHECK_MONITOR(mon) \
    do { \
        if (!(mon)) { \
            virReportError(VIR_ERR_INVALID_ARG, "%s", \
                           _("monitor must not be NULL")); \
            return -1; \
        } \
    } while (0)


/**
 * qemuMonitorStartCPUs:
 * @mon: the monitor
 *
 * Resumes the guest's CPUs (QMP "cont").
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorStartCPUs(qemuMonitor *mon)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONStartCPUs(mon);
}


/**
 * qemuMonitorStopCPUs:
 * @mon: the monitor
 *
 * Pauses the guest's CPUs (QMP "stop").
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorStopCPUs(qemuMonitor *mon)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONStopCPUs(mon);
}


/**
 * qemuMonitorSystemPowerdown:
 * @mon: the monitor
 * @timeoutMs: how long QEMU may take to accept it; 0 for the monitor's
 *             timeout
 *
 * Presses the guest's ACPI power button; the guest may ignore it.
 *
 * Returns: 0 once QEMU accepted the request, or -1 with an error.
 */
int
qemuMonitorSystemPowerdown(qemuMonitor *mon, int timeoutMs)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONSystemPowerdown(mon, timeoutMs);
}


/**
 * qemuMonitorSystemReset:
 * @mon: the monitor
 *
 * Resets the guest as the reset button would.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorSystemReset(qemuMonitor *mon)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONSystemReset(mon);
}


/**
 * qemuMonitorQuit:
 * @mon: the monitor
 *
 * Asks QEMU to exit (QMP "quit"), which it does after flushing its
 * block layer.  QEMU closing the connection before the reply was read
 * counts as success.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorQuit(qemuMonitor *mon)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONQuit(mon);
}


/**
 * qemuMonitorVMStatusToPausedReason:
 * @status: a RunState of query-status, e.g. "prelaunch"; may be NULL
 *
 * Maps QEMU's run state to why a paused domain is paused, as upstream
 * libvirt does: "paused" and "prelaunch" are USER, "shutdown" is
 * SHUTTING_DOWN, "io-error" IOERROR, the migration states MIGRATION,
 * "save-vm" SAVE, "watchdog" WATCHDOG, "guest-panicked" CRASHED, and
 * anything else (including states upstream does not list, such as
 * "suspended" and "colo") UNKNOWN.
 *
 * Returns: the virDomainPausedReason.
 */
virDomainPausedReason
qemuMonitorVMStatusToPausedReason(const char *status)
{
    int st;

    if (!status)
        return VIR_DOMAIN_PAUSED_UNKNOWN;
    if ((st = qemuMonitorVMStatusTypeFromString(status)) < 0) {
        VIR_WARN("QEMU reported unknown VM status: '%s'", status);
        return VIR_DOMAIN_PAUSED_UNKNOWN;
    }

    switch ((qemuMonitorVMStatus)st) {
    case QEMU_MONITOR_VM_STATUS_DEBUG:
    case QEMU_MONITOR_VM_STATUS_INTERNAL_ERROR:
    case QEMU_MONITOR_VM_STATUS_RESTORE_VM:
        return VIR_DOMAIN_PAUSED_UNKNOWN;
    case QEMU_MONITOR_VM_STATUS_INMIGRATE:
    case QEMU_MONITOR_VM_STATUS_POSTMIGRATE:
    case QEMU_MONITOR_VM_STATUS_FINISH_MIGRATE:
        return VIR_DOMAIN_PAUSED_MIGRATION;
    case QEMU_MONITOR_VM_STATUS_IO_ERROR:
        return VIR_DOMAIN_PAUSED_IOERROR;
    case QEMU_MONITOR_VM_STATUS_PAUSED:
    case QEMU_MONITOR_VM_STATUS_PRELAUNCH:
        return VIR_DOMAIN_PAUSED_USER;
    case QEMU_MONITOR_VM_STATUS_RUNNING:
        VIR_WARN("QEMU reports the guest is paused but status is 'running'");
        return VIR_DOMAIN_PAUSED_UNKNOWN;
    case QEMU_MONITOR_VM_STATUS_SAVE_VM:
        return VIR_DOMAIN_PAUSED_SAVE;
    case QEMU_MONITOR_VM_STATUS_SHUTDOWN:
        return VIR_DOMAIN_PAUSED_SHUTTING_DOWN;
    case QEMU_MONITOR_VM_STATUS_WATCHDOG:
        return VIR_DOMAIN_PAUSED_WATCHDOG;
    case QEMU_MONITOR_VM_STATUS_GUEST_PANICKED:
        return VIR_DOMAIN_PAUSED_CRASHED;
    case QEMU_MONITOR_VM_STATUS_LAST:
        break;
    }
    return VIR_DOMAIN_PAUSED_UNKNOWN;
}


/**
 * qemuMonitorGetStatus:
 * @mon: the monitor
 * @retRunning: whether the guest's CPUs run
 * @retReason: why they do not (qemuMonitorVMStatusToPausedReason);
 *             VIR_DOMAIN_PAUSED_UNKNOWN when they run
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorGetStatus(qemuMonitor *mon,
                     bool *retRunning,
                     virDomainPausedReason *retReason)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONGetStatus(mon, retRunning, retReason);
}


/**
 * qemuMonitorGetVersion:
 * @mon: the monitor
 * @retMajor: QEMU's major version
 * @retMinor: minor version
 * @retMicro: micro version
 * @retPackage: the distributor's package string (may be ""), to free
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorGetVersion(qemuMonitor *mon,
                      unsigned int *retMajor,
                      unsigned int *retMinor,
                      unsigned int *retMicro,
                      char **retPackage)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONGetVersion(mon, retMajor, retMinor, retMicro,
                                     retPackage);
}


/**
 * qemuMonitorMachineInfoListFree:
 * @machines: an array from qemuMonitorGetMachines(); may be NULL
 * @nmachines: its length
 */
void
qemuMonitorMachineInfoListFree(qemuMonitorMachineInfo *machines,
                               size_t nmachines)
{
    size_t i;

    if (!machines)
        return;
    for (i = 0; i < nmachines; i++) {
        g_free(machines[i].name);
        g_free(machines[i].alias);
    }
    g_free(machines);
}


/**
 * qemuMonitorGetMachines:
 * @mon: the monitor
 * @retMachines: the machine types QEMU offers, to free with
 *               qemuMonitorMachineInfoListFree()
 * @retNMachines: how many
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorGetMachines(qemuMonitor *mon,
                       qemuMonitorMachineInfo **retMachines,
                       size_t *retNMachines)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONGetMachines(mon, retMachines, retNMachines);
}


/**
 * qemuMonitorGetKVMState:
 * @mon: the monitor
 * @retEnabled: whether QEMU runs the guest with KVM
 * @retPresent: whether the binary supports KVM at all
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorGetKVMState(qemuMonitor *mon,
                       bool *retEnabled,
                       bool *retPresent)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONGetKVMState(mon, retEnabled, retPresent);
}


/**
 * qemuMonitorGetTargetArch:
 * @mon: the monitor
 * @retArch: the architecture QEMU emulates, e.g. "x86_64", to free
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorGetTargetArch(qemuMonitor *mon,
                         char **retArch)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONGetTargetArch(mon, retArch);
}


/**
 * qemuMonitorGetObjectTypes:
 * @mon: the monitor
 * @retTypes: the QOM type names QEMU offers, NULL-terminated, to free
 *            with g_strfreev()
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorGetObjectTypes(qemuMonitor *mon,
                          char ***retTypes)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONGetObjectTypes(mon, retTypes);
}


/**
 * qemuMonitorSetMemoryStatsPeriod:
 * @mon: the monitor
 * @balloonAlias: the virtio balloon's device id ("balloon0")
 * @period: seconds between the guest's memory statistics reports
 *          (<memballoon><stats period/>), 0 for none
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorSetMemoryStatsPeriod(qemuMonitor *mon,
                                const char *balloonAlias,
                                int period)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONSetMemoryStatsPeriod(mon, balloonAlias, period);
}


/**
 * qemuMonitorGetPtyPaths:
 * @mon: the monitor
 * @retPaths: for each character device QEMU made a pseudo-terminal
 *            for, its label ("charserial0") -> the terminal
 *            ("/dev/pts/3"), to free with g_hash_table_unref()
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorGetPtyPaths(qemuMonitor *mon,
                       GHashTable **retPaths)
{
    QEMU_CHECK_MONITOR(mon);
    return qemuMonitorJSONGetPtyPaths(mon, retPaths);
}


/**
 * qemuMonitorHumanCommand:
 * @mon: the monitor
 * @cmd: an HMP command line, e.g. "qemu-io drive0 \"write 0 4k\""
 * @retReply: what HMP printed, to free
 *
 * Runs an HMP command through QMP's human-monitor-command.  For tests
 * and diagnostics; the driver itself uses QMP commands.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
qemuMonitorHumanCommand(qemuMonitor *mon,
                        const char *cmd,
                        char **retReply)
{
    QEMU_CHECK_MONITOR(mon);
    virCheckNonNullArgReturn(cmd, -1);
    return qemuMonitorJSONHumanCommand(mon, cmd, retReply);
}


/**
 * qemuMonitorArbitraryCommand:
 * @mon: the monitor
 * @cmdJSON: a whole QMP command, e.g. {"execute":"query-pci"}
 * @retReply: QEMU's reply as JSON text (its "id" is the caller's, or
 *            absent), to free
 *
 * Passes a command through.  An error reply from QEMU is a reply like
 * any other: it is returned, not reported.
 *
 * Returns: 0 when QEMU replied, or -1 with an error reported (malformed
 * @cmdJSON, closed connection, timeout).
 */
int
qemuMonitorArbitraryCommand(qemuMonitor *mon,
                            const char *cmdJSON,
                            char **retReply)
{
    QEMU_CHECK_MONITOR(mon);
    virCheckNonNullArgReturn(cmdJSON, -1);
    return qemuMonitorJSONArbitraryCommand(mon, cmdJSON, retReply);
}
