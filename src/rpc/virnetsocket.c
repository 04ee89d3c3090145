/*
 * virnetsocket.c: one end of a libvirt RPC connection, whatever carries it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include "virnetsocket.h"
#include "virnettlscontext.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virprocess.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("rpc.netsocket");

/* How long a transport command (ssh) gets to leave on its own once its
 * socket is closed, and then after SIGTERM. */
#define VIR_NET_SOCKET_COMMAND_EXIT_MS 2000

struct _virNetSocket {
    int fd;
    virNetTLSSession *tls;   /* owned; NULL for plain bytes */
    int errfd;               /* the command's stderr, non-blocking; -1 */
    virProcessRef child;     /* the command; unset for a plain socket */
    GString *errout;         /* what the command said on stderr so far */
};


/**
 * virNetSocketNewFD:
 * @fd: a connected stream socket (stolen)
 *
 * Returns: the socket.
 */
virNetSocket *
virNetSocketNewFD(int fd)
{
    virNetSocket *sock = g_new0(virNetSocket, 1);

    sock->fd = fd;
    sock->errfd = -1;
    sock->child = (virProcessRef)VIR_PROCESS_REF_INIT;
    return sock;
}


/**
 * virNetSocketNewConnectTCP:
 * @host: a host name or address
 * @service: a port number or service name
 * @retsock: where to store the connected socket
 *
 * Connects to the first address of @host that answers.
 *
 * Returns: 0, or -1 with an error reported (upstream's messages: the
 * name that does not resolve, the host and port that refused).
 */
int
virNetSocketNewConnectTCP(const char *host, const char *service,
                          virNetSocket **retsock)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_ADDRCONFIG,
    };
    struct addrinfo *ai = NULL;
    int saved = ECONNREFUSED;
    int fd = -1;
    int rc;

    if ((rc = getaddrinfo(host, service, &hints, &ai)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to resolve address '%1$s' service '%2$s': %3$s"),
                       host, service, gai_strerror(rc));
        return -1;
    }
    for (struct addrinfo *cur = ai; cur; cur = cur->ai_next) {
        int one = 1;

        if ((fd = socket(cur->ai_family, cur->ai_socktype | SOCK_CLOEXEC,
                         cur->ai_protocol)) < 0) {
            saved = errno;
            continue;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        if (connect(fd, cur->ai_addr, cur->ai_addrlen) == 0)
            break;
        saved = errno;
        virForceClose(&fd);
    }
    freeaddrinfo(ai);
    if (fd < 0) {
        virReportSystemError(saved, _("unable to connect to server at '%1$s:%2$s'"),
                             host, service);
        return -1;
    }
    *retsock = virNetSocketNewFD(fd);
    return 0;
}


/**
 * virNetSocketNewConnectCommand:
 * @argv: a command (searched in PATH) and its arguments
 * @retsock: where to store the socket
 *
 * Runs @argv with its standard input and output on one end of a socket
 * pair, which becomes the connection: the transport of qemu+ssh (ssh
 * running the remote's helper) and qemu+ext.  What the command writes
 * on stderr is kept for the error that reports the connection's end.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virNetSocketNewConnectCommand(const char *const *argv, virNetSocket **retsock)
{
    g_autoptr(virNetSocket) sock = NULL;
    g_autoptr(GError) gerr = NULL;
    VIR_AUTOCLOSE childEnd = -1;
    VIR_AUTOCLOSE errWrite = -1;
    int sv[2];
    int errp[2];
    GPid pid;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        virReportSystemError(errno, "%s", _("unable to create socket pair"));
        return -1;
    }
    sock = virNetSocketNewFD(sv[0]);
    childEnd = sv[1];
    if (pipe2(errp, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", _("unable to create a pipe"));
        return -1;
    }
    sock->errfd = errp[0];
    errWrite = errp[1];
    if (fcntl(sock->errfd, F_SETFL, O_NONBLOCK) < 0) {
        virReportSystemError(errno, "%s", _("Unable to enable non-blocking flag"));
        return -1;
    }
    if (!g_spawn_async_with_fds(NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, childEnd, childEnd, errWrite,
                                &gerr)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("cannot run '%1$s': %2$s"),
                       argv[0], gerr->message);
        return -1;
    }
    if (virProcessRefOpenChild(&sock->child, pid) < 0)
        return -1;
    sock->errout = g_string_new(NULL);
    *retsock = g_steal_pointer(&sock);
    return 0;
}


/* Stops the transport command: it normally leaves once its socket is
 * closed (ssh sees EOF); one that does not gets SIGTERM, then SIGKILL. */
static void
virNetSocketReapCommand(virNetSocket *sock)
{
    int status;

    if (sock->child.pid == 0)
        return;
    if (virProcessRefWait(&sock->child, VIR_NET_SOCKET_COMMAND_EXIT_MS, &status) == 0) {
        if (virProcessRefSignal(&sock->child, SIGTERM) < 0 ||
            virProcessRefWait(&sock->child, VIR_NET_SOCKET_COMMAND_EXIT_MS, &status) == 0) {
            if (virProcessRefSignal(&sock->child, SIGKILL) < 0 ||
                virProcessRefWait(&sock->child, -1, &status) < 0)
                VIR_WARN("transport command %lld did not leave",
                         (long long)sock->child.pid);
        }
    }
    virResetLastError();
    virProcessRefClear(&sock->child);
}


/**
 * virNetSocketFree:
 * @sock: a socket, or NULL
 *
 * Closes the socket (and its TLS session) and reaps its command.
 */
void
virNetSocketFree(virNetSocket *sock)
{
    virErrorPtr saved = NULL;

    if (!sock)
        return;
    /* Freed on error paths: what went wrong stays the last error. */
    virErrorPreserveLast(&saved);
    virNetTLSSessionFree(sock->tls);
    if (sock->fd >= 0) {
        shutdown(sock->fd, SHUT_RDWR);
        virForceClose(&sock->fd);
    }
    virNetSocketReapCommand(sock);
    virForceClose(&sock->errfd);
    if (sock->errout)
        g_string_free(sock->errout, TRUE);
    g_free(sock);
    virErrorRestore(&saved);
}


/**
 * virNetSocketGetFD:
 * @sock: a socket
 *
 * Returns: its descriptor (still owned by @sock).
 */
int
virNetSocketGetFD(const virNetSocket *sock)
{
    return sock->fd;
}


/**
 * virNetSocketSetTLSSession:
 * @sock: a socket
 * @sess: a session whose handshake is done (stolen)
 *
 * From now on every byte goes through @sess.
 */
void
virNetSocketSetTLSSession(virNetSocket *sock, virNetTLSSession *sess)
{
    virNetTLSSessionFree(sock->tls);
    sock->tls = sess;
}


/**
 * virNetSocketGetTLSSession:
 * @sock: a socket
 *
 * Returns: its TLS session, or NULL.
 */
virNetTLSSession *
virNetSocketGetTLSSession(const virNetSocket *sock)
{
    return sock->tls;
}


/**
 * virNetSocketRead:
 * @sock: a socket
 * @buf: where to read to
 * @len: at most this many bytes
 *
 * Returns: the bytes read, 0 at the end of the stream, -1 with errno
 * set and nothing reported.
 */
ssize_t
virNetSocketRead(virNetSocket *sock, char *buf, size_t len)
{
    if (sock->tls)
        return virNetTLSSessionRead(sock->tls, buf, len);
    return read(sock->fd, buf, len);
}


/**
 * virNetSocketWrite:
 * @sock: a socket
 * @buf: bytes to send
 * @len: their number
 *
 * Returns: the bytes sent, -1 with errno set and nothing reported.
 */
ssize_t
virNetSocketWrite(virNetSocket *sock, const char *buf, size_t len)
{
    if (sock->tls)
        return virNetTLSSessionWrite(sock->tls, buf, len);
    return send(sock->fd, buf, len, MSG_NOSIGNAL);
}


/**
 * virNetSocketWaitReadable:
 * @sock: a socket
 * @timeoutMs: how long to wait; negative waits forever
 *
 * Bytes a TLS session decrypted already count as readable, though the
 * descriptor shows nothing.
 *
 * Returns: 1 when a read would not block, 0 on timeout, -1 with errno set.
 */
int
virNetSocketWaitReadable(virNetSocket *sock, int timeoutMs)
{
    struct pollfd pfd = { .fd = sock->fd, .events = POLLIN };
    int rc;

    if (sock->tls && virNetTLSSessionPending(sock->tls) > 0)
        return 1;
    do {
        rc = poll(&pfd, 1, timeoutMs);
    } while (rc < 0 && errno == EINTR);
    return rc;
}


/**
 * virNetSocketShutdown:
 * @sock: a socket
 *
 * Ends both directions, so that a thread blocked reading it wakes up;
 * the descriptor stays open until virNetSocketFree().
 */
void
virNetSocketShutdown(virNetSocket *sock)
{
    if (sock->fd >= 0)
        shutdown(sock->fd, SHUT_RDWR);
}


/**
 * virNetSocketGetCommandError:
 * @sock: a socket
 *
 * Returns: what the transport command wrote on its stderr so far, its
 * last line breaks trimmed, or NULL if nothing (or no command).  Waits
 * a moment for a command that is still saying why it left.
 */
char *
virNetSocketGetCommandError(virNetSocket *sock)
{
    char buf[1024];

    if (sock->errfd < 0)
        return NULL;
    for (int tries = 0; tries < 50; tries++) {
        struct pollfd pfd = { .fd = sock->errfd, .events = POLLIN };
        ssize_t n;

        if (poll(&pfd, 1, 20) <= 0)
            break;
        if ((n = read(sock->errfd, buf, sizeof(buf))) <= 0)
            break;
        if (sock->errout->len < 4096)
            g_string_append_len(sock->errout, buf, n);
    }
    while (sock->errout->len > 0 &&
           (sock->errout->str[sock->errout->len - 1] == '\n' ||
            sock->errout->str[sock->errout->len - 1] == '\r'))
        g_string_truncate(sock->errout, sock->errout->len - 1);
    if (sock->errout->len == 0)
        return NULL;
    return g_strdup(sock->errout->str);
}
