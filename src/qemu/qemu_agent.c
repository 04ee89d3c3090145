/*
 * qemu_agent.c: the QEMU guest agent, through its virtio channel
 *
 * The guest agent (qemu-ga) runs inside the guest and reads commands
 * from the virtio-serial port named "org.qemu.guest_agent.0", whose
 * host side is a UNIX socket QEMU listens on.  Its protocol is QMP's
 * JSON, one object per line, without a greeting.  A connection may
 * find replies meant for an earlier client (or none, while the agent
 * is not running), so every exchange starts with "guest-sync": the
 * agent echoes a number we chose, and what came before it is dropped.
 *
 * Only what the driver needs is here: asking the guest to shut down.
 * "guest-shutdown" gets no reply when it works (the guest goes down).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <poll.h>
#include <sys/socket.h>
#include <json-glib/json-glib.h>

#include "qemu_agent.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_agent");

/* Replies are short; a longer line is not the agent's. */
#define QEMU_AGENT_LINE_MAX 65536


/* Reports the agent as not answering, with upstream's code. */
static void
qemuAgentReportUnresponsive(const char *why)
{
    virReportError(VIR_ERR_AGENT_UNRESPONSIVE,
                   _("QEMU guest agent is not connected: %1$s"), why);
}


static int
qemuAgentConnect(const char *path)
{
    int fd = virFileConnectUnixSocket(path);

    if (fd < 0 && errno == ENAMETOOLONG)
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("guest agent socket path %1$s is too long"), path);
    else if (fd < 0)
        virReportSystemError(errno, _("cannot connect to the guest agent socket %1$s"),
                             path);
    return fd;
}


static int
qemuAgentSend(int fd, const char *line)
{
    size_t len = strlen(line);

    while (len > 0) {
        ssize_t n = send(fd, line, len, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, "%s",
                                 _("cannot write to the guest agent socket"));
            return -1;
        }
        line += n;
        len -= n;
    }
    return 0;
}


/*
 * Reads lines until one is the reply to guest-sync @id, by @deadline
 * (monotonic, microseconds).  Returns 0, or -1 with an error reported.
 */
static int
qemuAgentWaitSync(int fd, gint64 id, gint64 deadline)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        gint64 left = (deadline - g_get_monotonic_time()) / 1000;
        char chunk[4096];
        ssize_t n;
        char *nl;

        if (left <= 0) {
            qemuAgentReportUnresponsive(_("no reply to guest-sync"));
            return -1;
        }
        if (poll(&pfd, 1, left) < 0) {
            if (errno == EINTR)
                continue;
            virReportSystemError(errno, "%s", _("cannot wait for the guest agent"));
            return -1;
        }
        if (!(pfd.revents & (POLLIN | POLLHUP)))
            continue;
        if ((n = recv(fd, chunk, sizeof(chunk), 0)) < 0) {
            if (errno == EINTR)
                continue;
            virReportSystemError(errno, "%s",
                                 _("cannot read from the guest agent socket"));
            return -1;
        }
        if (n == 0) {
            qemuAgentReportUnresponsive(_("the channel closed"));
            return -1;
        }
        g_string_append_len(buf, chunk, n);
        while ((nl = memchr(buf->str, '\n', buf->len))) {
            g_autoptr(JsonParser) parser = json_parser_new();
            g_autofree char *line = g_strndup(buf->str, nl - buf->str);
            JsonNode *root;
            JsonNode *ret;

            g_string_erase(buf, 0, nl - buf->str + 1);
            /* A delimiter (0xff) or noise from an earlier client is
             * not a reply: skip it. */
            if (!json_parser_load_from_data(parser, line, -1, NULL) ||
                !(root = json_parser_get_root(parser)) ||
                !JSON_NODE_HOLDS_OBJECT(root) ||
                !(ret = json_object_get_member(json_node_get_object(root), "return")) ||
                !JSON_NODE_HOLDS_VALUE(ret) ||
                json_node_get_value_type(ret) != G_TYPE_INT64)
                continue;
            if (json_node_get_int(ret) == id)
                return 0;
        }
        if (buf->len > QEMU_AGENT_LINE_MAX) {
            virReportError(VIR_ERR_AGENT_UNSYNCED, "%s",
                           _("the guest agent sent a line too long to be a reply"));
            return -1;
        }
    }
}


/**
 * qemuAgentShutdown:
 * @socketPath: the host side of the agent's channel
 * @timeoutMs: how long the agent may take to answer guest-sync
 *
 * Asks the guest agent to power the guest off (guest-shutdown, mode
 * "powerdown") once it has proven to be there (guest-sync).  Returns
 * once the request is delivered: the guest may take its time.
 *
 * Returns: 0, or -1 with VIR_ERR_AGENT_UNRESPONSIVE reported when no
 * agent answers (another error when the socket cannot be used).
 */
int
qemuAgentShutdown(const char *socketPath, int timeoutMs)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    gint64 id = g_get_real_time() & G_MAXINT32;
    g_autofree char *sync = NULL;
    VIR_AUTOCLOSE fd = -1;

    if ((fd = qemuAgentConnect(socketPath)) < 0)
        return -1;
    sync = g_strdup_printf("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":%" G_GINT64_FORMAT "}}\n",
                           id);
    if (qemuAgentSend(fd, sync) < 0 ||
        qemuAgentWaitSync(fd, id, deadline) < 0 ||
        qemuAgentSend(fd, "{\"execute\":\"guest-shutdown\",\"arguments\":{\"mode\":\"powerdown\"}}\n") < 0)
        return -1;
    VIR_DEBUG("guest-shutdown sent through %s", socketPath);
    return 0;
}
