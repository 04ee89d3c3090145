/*
 * remote_daemon.c: virtqemud, the QEMU driver behind libvirt's wire
 * protocol
 *
 * The daemon listens on two UNIX sockets (read-write and read-only),
 * reads each client's frames in a thread of its own, and hands each
 * call to a worker.  Calls that must never wait behind a slow one
 * (destroy, state, lookups, listings: the procedures marked high in
 * remote_procedures.py) go to a separate pool, so a stuck monitor or a
 * long start cannot hold up a destroy.  Keepalive PINGs are answered
 * by the reader itself.
 *
 * It holds its root exclusively (a lock file in the run directory), and
 * SIGTERM ends it without touching the guests: their QEMUs run on and a
 * new daemon finds them again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "remote_daemon.h"
#include "datatypes.h"
#include "libvirt_internal.h"
#include "qemu_driverpriv.h"
#include "remote_protocol_table.h"
#include "virconf.h"
#include "virerror.h"
#include "virfile.h"
#include "virgettext.h"
#include "virlog.h"
#include "virnettlscontext.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("remote.remote_daemon");

/* The in-process driver this daemon serves (set once at start), and
 * the URI its clients know it by. */
static char *remoteDaemonDriverURI;
static const char *remoteDaemonPublicURI = "qemu:///system";


/**
 * remoteDaemonURI:
 *
 * Returns: what this daemon serves as its clients name it,
 * "qemu:///system" or "qemu:///session".
 */
const char *
remoteDaemonURI(void)
{
    return remoteDaemonPublicURI;
}


/**
 * remoteDaemonOpenDriver:
 * @readonly: whether the client came in on the read-only socket (or
 *            asked for a read-only connection)
 *
 * The one place where the daemon opens a client's driver connection:
 * the QEMU driver in this process, on the daemon's root.  Every
 * connection shares the one driver instance the daemon opened at start
 * (qemuDriverSetShared): its domains, in memory, and its events.
 *
 * Returns: the connection, or NULL with an error reported.
 */
virConnectPtr
remoteDaemonOpenDriver(bool readonly)
{
    return readonly ? virConnectOpenReadOnly(remoteDaemonDriverURI) :
                      virConnectOpen(remoteDaemonDriverURI);
}

typedef struct {
    char *unixSockDir;
    char *unixSockGroup;
    unsigned int unixSockRoPerms;
    unsigned int unixSockRwPerms;
    unsigned int maxClients;
    unsigned int maxWorkers;
    unsigned int minWorkers;
    unsigned int prioWorkers;
    unsigned int maxClientRequests;
    int keepaliveInterval;
    unsigned int keepaliveCount;

    /* The network, with --listen only (as upstream's). */
    bool listenTLS;
    bool listenTCP;
    char *tlsPort;
    char *tcpPort;
    char *listenAddr;        /* NULL: every address of the host */
    char *authTLS;
    char *authTCP;
    virNetTLSFiles tlsFiles;
    bool tlsNoSanityCert;
    bool tlsNoVerifyCert;
    char **tlsAllowedDNList; /* NULL: every DN the CA signed */
    char *tlsPriority;
} remoteDaemonConfig;

/* What a listening socket serves. */
typedef enum {
    REMOTE_LISTEN_UNIX_RW,
    REMOTE_LISTEN_UNIX_RO,
    REMOTE_LISTEN_TCP,
    REMOTE_LISTEN_TLS,
} remoteListenKind;

/* Listening network sockets at most (an address per family). */
#define REMOTE_MAX_NET_LISTEN 8

/* How long a TLS client has to finish its handshake. */
#define REMOTE_TLS_HANDSHAKE_MS (30 * 1000)

static virNetTLSContext *remoteTLSContext;

static GThreadPool *remoteWorkers;
static unsigned int remoteMaxClientRequests = 5;
static int remoteKeepaliveInterval = 5;        /* seconds; <= 0: off */
static unsigned int remoteKeepaliveCount = 5;
static GThreadPool *remotePrioWorkers;
static gint remoteClientCount;
static gint remoteLastActivity;


static void
remoteDaemonConfigClear(remoteDaemonConfig *cfg)
{
    g_clear_pointer(&cfg->unixSockDir, g_free);
    g_clear_pointer(&cfg->unixSockGroup, g_free);
    g_clear_pointer(&cfg->tlsPort, g_free);
    g_clear_pointer(&cfg->tcpPort, g_free);
    g_clear_pointer(&cfg->listenAddr, g_free);
    g_clear_pointer(&cfg->authTLS, g_free);
    g_clear_pointer(&cfg->authTCP, g_free);
    virNetTLSFilesClear(&cfg->tlsFiles);
    g_clear_pointer(&cfg->tlsAllowedDNList, g_strfreev);
    g_clear_pointer(&cfg->tlsPriority, g_free);
}


/* The settings of virtqemud.conf: upstream's names, those that apply to
 * a daemon on UNIX sockets and, with --listen, on TCP with TLS. */
static const char *const remoteDaemonConfigKeys[] = {
    "unix_sock_dir",
    "unix_sock_group",
    "unix_sock_ro_perms",
    "unix_sock_rw_perms",
    "max_clients",
    "max_workers",
    "min_workers",
    "prio_workers",
    "max_client_requests",
    "keepalive_interval",
    "keepalive_count",
    "listen_tls",
    "listen_tcp",
    "tls_port",
    "tcp_port",
    "listen_addr",
    "auth_tls",
    "auth_tcp",
    "key_file",
    "cert_file",
    "ca_file",
    "crl_file",
    "tls_no_sanity_certificate",
    "tls_no_verify_certificate",
    "tls_allowed_dn_list",
    "tls_priority",
    NULL,
};


static int
remoteDaemonConfigPerms(virConf *conf, const char *path, const char *key,
                        unsigned int *perms)
{
    g_autofree char *value = NULL;
    char *end;
    unsigned long v;
    int rc;

    if ((rc = virConfGetValueString(conf, key, &value)) <= 0)
        return rc;
    errno = 0;
    v = strtoul(value, &end, 8);
    if (errno || *end || end == value || v > 0777) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: %3$s must be an octal mode such as \"0600\", not \"%4$s\""),
                       path, virConfGetKeyLine(conf, key), key, value);
        return -1;
    }
    *perms = v;
    return 0;
}


static int
remoteDaemonConfigUInt(virConf *conf, const char *path, const char *key,
                       unsigned int min, unsigned int *value)
{
    unsigned int v;
    int rc;

    if ((rc = virConfGetValueUInt(conf, key, &v)) <= 0)
        return rc;
    if (v < min) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: %3$s must be at least %4$u, not %5$u"),
                       path, virConfGetKeyLine(conf, key), key, min, v);
        return -1;
    }
    *value = v;
    return 0;
}


/* Reads @path over the defaults.  A missing file is fine unless the
 * user named it; anything it says that we do not know is an error
 * naming the file and the line. */
static int
remoteDaemonConfigLoad(remoteDaemonConfig *cfg, const char *path, bool named)
{
    g_autoptr(virConf) conf = NULL;
    g_auto(GStrv) keys = NULL;
    int rc;

    if (!(conf = virConfReadFile(path, named ? 0 : VIR_CONF_READ_ALLOW_MISSING)))
        return -1;
    keys = virConfGetKeys(conf);
    for (size_t i = 0; keys[i]; i++) {
        if (!g_strv_contains(remoteDaemonConfigKeys, keys[i])) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: unknown setting '%3$s'"),
                           path, virConfGetKeyLine(conf, keys[i]), keys[i]);
            return -1;
        }
    }
    if ((rc = virConfGetValueString(conf, "unix_sock_dir", &cfg->unixSockDir)) < 0 ||
        virConfGetValueString(conf, "unix_sock_group", &cfg->unixSockGroup) < 0 ||
        remoteDaemonConfigPerms(conf, path, "unix_sock_ro_perms", &cfg->unixSockRoPerms) < 0 ||
        remoteDaemonConfigPerms(conf, path, "unix_sock_rw_perms", &cfg->unixSockRwPerms) < 0 ||
        remoteDaemonConfigUInt(conf, path, "max_clients", 1, &cfg->maxClients) < 0 ||
        remoteDaemonConfigUInt(conf, path, "max_workers", 1, &cfg->maxWorkers) < 0 ||
        remoteDaemonConfigUInt(conf, path, "min_workers", 0, &cfg->minWorkers) < 0 ||
        remoteDaemonConfigUInt(conf, path, "prio_workers", 1, &cfg->prioWorkers) < 0 ||
        remoteDaemonConfigUInt(conf, path, "max_client_requests", 1,
                               &cfg->maxClientRequests) < 0 ||
        remoteDaemonConfigUInt(conf, path, "keepalive_count", 0, &cfg->keepaliveCount) < 0 ||
        virConfGetValueBool(conf, "listen_tls", &cfg->listenTLS) < 0 ||
        virConfGetValueBool(conf, "listen_tcp", &cfg->listenTCP) < 0 ||
        virConfGetValueString(conf, "tls_port", &cfg->tlsPort) < 0 ||
        virConfGetValueString(conf, "tcp_port", &cfg->tcpPort) < 0 ||
        virConfGetValueString(conf, "listen_addr", &cfg->listenAddr) < 0 ||
        virConfGetValueString(conf, "auth_tls", &cfg->authTLS) < 0 ||
        virConfGetValueString(conf, "auth_tcp", &cfg->authTCP) < 0 ||
        virConfGetValueString(conf, "key_file", &cfg->tlsFiles.key) < 0 ||
        virConfGetValueString(conf, "cert_file", &cfg->tlsFiles.cert) < 0 ||
        virConfGetValueString(conf, "ca_file", &cfg->tlsFiles.cacert) < 0 ||
        virConfGetValueString(conf, "crl_file", &cfg->tlsFiles.cacrl) < 0 ||
        virConfGetValueBool(conf, "tls_no_sanity_certificate", &cfg->tlsNoSanityCert) < 0 ||
        virConfGetValueBool(conf, "tls_no_verify_certificate", &cfg->tlsNoVerifyCert) < 0 ||
        virConfGetValueStringList(conf, "tls_allowed_dn_list", &cfg->tlsAllowedDNList) < 0 ||
        virConfGetValueString(conf, "tls_priority", &cfg->tlsPriority) < 0)
        return -1;
    for (size_t i = 0; i < 2; i++) {
        const char *key = i == 0 ? "auth_tls" : "auth_tcp";
        const char *value = i == 0 ? cfg->authTLS : cfg->authTCP;

        if (value && STRNEQ(value, "none") && STRNEQ(value, "sasl") &&
            STRNEQ(value, "polkit")) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: %3$s must be \"none\", \"sasl\" or \"polkit\", not \"%4$s\""),
                           path, virConfGetKeyLine(conf, key), key, value);
            return -1;
        }
    }
    if (rc > 0 && !g_path_is_absolute(cfg->unixSockDir)) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("%1$s:%2$d: unix_sock_dir must be an absolute path, not '%3$s'"),
                       path, virConfGetKeyLine(conf, "unix_sock_dir"), cfg->unixSockDir);
        return -1;
    }
    if (virConfHasKey(conf, "keepalive_interval")) {
        double v;

        /* -1 turns keepalive off, as upstream. */
        if (virConfGetValueDouble(conf, "keepalive_interval", &v) < 0)
            return -1;
        if (v != -1 && (v < 1 || v != (int)v)) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s:%2$d: keepalive_interval must be -1 or a whole number of seconds, not %3$g"),
                           path, virConfGetKeyLine(conf, "keepalive_interval"), v);
            return -1;
        }
        cfg->keepaliveInterval = (int)v;
    }
    return 0;
}


void
remoteClientRef(remoteClient *client)
{
    g_atomic_int_inc(&client->refs);
}


void
remoteClientUnref(remoteClient *client)
{
    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    remoteClientCloseConnection(client);
    virNetSocketFree(client->sock);
    g_free(client->addr);
    g_ptr_array_unref(client->callbacks);
    g_cond_clear(&client->inflightCond);
    g_mutex_clear(&client->lock);
    g_mutex_clear(&client->writeLock);
    g_free(client);
    g_atomic_int_add(&remoteClientCount, -1);
    g_atomic_int_set(&remoteLastActivity, (gint)(g_get_monotonic_time() / G_USEC_PER_SEC));
}


/**
 * remoteClientSendFrame:
 * @client: a client
 * @frame: a whole frame
 * @len: its length
 *
 * Writes one frame to the client, whole, after any other thread's.
 * A client that stopped reading gets its socket shut after the send
 * timeout rather than holding a worker.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
remoteClientSendFrame(remoteClient *client, const char *frame, size_t len)
{
    int rc;

    g_mutex_lock(&client->writeLock);
    if ((rc = virNetMessageWrite(client->sock, frame, len)) < 0)
        shutdown(client->fd, SHUT_RDWR);
    g_mutex_unlock(&client->writeLock);
    return rc;
}


static void
remoteJobFree(remoteJob *job)
{
    g_mutex_lock(&job->client->lock);
    job->client->inflight--;
    g_cond_signal(&job->client->inflightCond);
    g_mutex_unlock(&job->client->lock);
    remoteClientUnref(job->client);
    g_free(job->frame);
    g_free(job);
}


static void
remoteWorker(gpointer data, gpointer opaque G_GNUC_UNUSED)
{
    remoteJob *job = data;

    remoteDispatchJob(job);
    remoteJobFree(job);
}


/* An error reply to a call the program table cannot take. */
static void
remoteReplyError(remoteClient *client, const virNetMessageHeader *hdr)
{
    g_autofree char *frame = NULL;
    size_t len;

    if (virNetMessageEncodeError(hdr, virErrorLast(), &frame, &len) == 0)
        remoteClientSendFrame(client, frame, len);
    virResetLastError();
}


static void
remoteSendKeepalive(remoteClient *client, int proc)
{
    virNetMessageHeader hdr = {
        .prog = KEEPALIVE_PROGRAM, .vers = KEEPALIVE_PROTOCOL_VERSION,
        .proc = proc, .type = VIR_NET_MESSAGE,
    };
    g_autofree char *frame = NULL;
    size_t len;

    if (virNetMessageEncode(&hdr, (xdrproc_t)xdr_void, NULL, &frame, &len) == 0)
        remoteClientSendFrame(client, frame, len);
    virResetLastError();
}


/*
 * One per client: reads frames until the client hangs up or sends
 * something that cannot be a frame, answers keepalive and misdirected
 * calls itself, and queues every call for a worker.
 */
/*
 * A TLS client's way in, before any frame: the handshake, then its
 * certificate against our CA and its DN against tls_allowed_dn_list.
 * As upstream's daemon, we confirm with one byte; a client refused gets
 * the connection closed instead, and no procedure of it ever runs.
 */
static int
remoteClientTLSHandshake(remoteClient *client)
{
    g_autoptr(virNetTLSSession) sess = NULL;
    char ok = VIR_NET_TLS_CONFIRM_BYTE;

    if (!(sess = virNetTLSSessionNew(remoteTLSContext, client->fd, NULL)))
        return -1;
    virNetTLSSessionSetHandshakeTimeout(sess, REMOTE_TLS_HANDSHAKE_MS);
    if (virNetTLSSessionHandshake(sess) < 0 ||
        virNetTLSContextCheckPeer(remoteTLSContext, sess) < 0)
        return -1;
    VIR_INFO("TLS client %s: DN '%s' accepted", client->addr,
             NULLSTR(virNetTLSSessionGetDN(sess)));
    virNetSocketSetTLSSession(client->sock, g_steal_pointer(&sess));
    if (virNetSocketWrite(client->sock, &ok, 1) != 1) {
        virReportSystemError(errno, "%s", _("Cannot write data"));
        return -1;
    }
    return 0;
}


static gpointer
remoteClientReader(gpointer opaque)
{
    remoteClient *client = opaque;

    unsigned int unanswered = 0;

    if (client->transport == REMOTE_TRANSPORT_TLS &&
        remoteClientTLSHandshake(client) < 0) {
        VIR_WARN("TLS client %s refused: %s", client->addr,
                 virGetLastErrorMessage());
        virResetLastError();
        goto done;
    }

    for (;;) {
        g_autofree char *frame = NULL;
        virNetMessageHeader hdr;
        const remoteProcedureInfo *info;
        remoteJob *job;
        size_t len;
        bool keepalive;
        int rc;

        g_mutex_lock(&client->lock);
        keepalive = client->keepalive && remoteKeepaliveInterval > 0;
        g_mutex_unlock(&client->lock);
        if (keepalive) {
            /* Silence for an interval: PING; after keepalive_count PINGs
             * with no frame at all in return, the client is gone. */
            rc = virNetSocketWaitReadable(client->sock,
                                          remoteKeepaliveInterval * 1000);
            if (rc == 0) {
                if (unanswered++ >= remoteKeepaliveCount) {
                    VIR_INFO("client pid %lld: keepalive timeout",
                             (long long)client->pid);
                    break;
                }
                remoteSendKeepalive(client, KEEPALIVE_PROC_PING);
                continue;
            }
            if (rc < 0 && errno == EINTR)
                continue;
        }
        unanswered = 0;

        if ((rc = virNetMessageRead(client->sock, &frame, &len,
                                    VIR_NET_MESSAGE_FRAME_MAX)) <= 0) {
            if (rc < 0)
                VIR_DEBUG("client pid %lld: %s", (long long)client->pid,
                          virGetLastErrorMessage());
            virResetLastError();
            break;
        }
        if (virNetMessageDecodeHeader(frame, len, &hdr) < 0) {
            virResetLastError();
            break;
        }
        if (hdr.prog == KEEPALIVE_PROGRAM && hdr.vers == KEEPALIVE_PROTOCOL_VERSION &&
            hdr.type == VIR_NET_MESSAGE) {
            if (hdr.proc == KEEPALIVE_PROC_PING)
                remoteSendKeepalive(client, KEEPALIVE_PROC_PONG);
            continue;
        }
        if (hdr.type == VIR_NET_CALL_WITH_FDS) {
            /* A call that waits for its answer, with descriptors this
             * daemon does not take: it gets an error, not silence. */
            virReportError(VIR_ERR_RPC, "%s",
                           _("passing file descriptors is not supported"));
            remoteReplyError(client, &hdr);
            continue;
        }
        if (hdr.type != VIR_NET_CALL) {
            /* Streams and one-way messages: nothing here takes them. */
            VIR_DEBUG("ignoring a frame of type %d", hdr.type);
            continue;
        }
        if (hdr.prog != REMOTE_PROGRAM || hdr.vers != REMOTE_PROTOCOL_VERSION) {
            virReportError(VIR_ERR_RPC, _("Cannot find program %1$d version %2$d"),
                           (int)hdr.prog, (int)hdr.vers);
            remoteReplyError(client, &hdr);
            continue;
        }
        info = remoteProcedureLookup(hdr.proc);
        if (!info || info->message) {
            virReportError(VIR_ERR_RPC, _("unknown procedure: %1$d"), hdr.proc);
            remoteReplyError(client, &hdr);
            continue;
        }
        if (hdr.status != VIR_NET_OK) {
            virReportError(VIR_ERR_RPC, _("Unexpected message status %1$u"),
                           hdr.status);
            remoteReplyError(client, &hdr);
            continue;
        }

        /* As upstream's max_client_requests: a client has at most so
         * many calls queued or running; the rest wait in its socket, so
         * that one client cannot fill the daemon's memory with frames. */
        g_mutex_lock(&client->lock);
        while (client->inflight >= remoteMaxClientRequests)
            g_cond_wait(&client->inflightCond, &client->lock);
        client->inflight++;
        g_mutex_unlock(&client->lock);

        job = g_new0(remoteJob, 1);
        remoteClientRef(client);
        job->client = client;
        job->frame = g_steal_pointer(&frame);
        job->len = len;
        job->hdr = hdr;
        g_thread_pool_push(info->highPriority ? remotePrioWorkers : remoteWorkers,
                           job, NULL);
    }

 done:
    g_mutex_lock(&client->lock);
    client->closing = true;
    g_mutex_unlock(&client->lock);
    shutdown(client->fd, SHUT_RDWR);
    /* Its event registrations hold references to it: they go now.  The
     * calls it sent still run; they hold references of their own, and
     * the last one out closes the driver connection. */
    remoteClientDropEvents(client);
    remoteClientUnref(client);
    return NULL;
}


static void
remoteAcceptClient(int listenfd, remoteListenKind kind, unsigned int maxClients)
{
    remoteClient *client;
    struct ucred cred = { 0 };
    socklen_t credlen = sizeof(cred);
    struct timeval sndtimeo = { .tv_sec = 30 };
    struct sockaddr_storage peer;
    socklen_t peerlen = sizeof(peer);
    char host[NI_MAXHOST] = "?";
    char serv[NI_MAXSERV] = "?";
    bool readonly = kind == REMOTE_LISTEN_UNIX_RO;
    bool network = kind == REMOTE_LISTEN_TCP || kind == REMOTE_LISTEN_TLS;
    GThread *thread;
    int fd;

    if ((fd = accept4(listenfd, (struct sockaddr *)&peer, &peerlen,
                      SOCK_CLOEXEC)) < 0) {
        if (errno != EAGAIN && errno != EINTR)
            VIR_WARN("cannot accept a client: %s", g_strerror(errno));
        return;
    }
    if (network)
        getnameinfo((struct sockaddr *)&peer, peerlen, host, sizeof(host),
                    serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
    if ((unsigned int)g_atomic_int_get(&remoteClientCount) >= maxClients) {
        VIR_WARN("refusing a client: max_clients (%u) reached", maxClients);
        close(fd);
        return;
    }
    if (!network &&
        getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &credlen) < 0) {
        VIR_WARN("cannot get a client's credentials: %s", g_strerror(errno));
        close(fd);
        return;
    }
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sndtimeo, sizeof(sndtimeo));
    if (network) {
        int one = 1;

        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }

    client = g_new0(remoteClient, 1);
    client->refs = 1;
    client->sock = virNetSocketNewFD(fd);
    client->fd = fd;
    client->readonly = readonly;
    client->transport = kind == REMOTE_LISTEN_TLS ? REMOTE_TRANSPORT_TLS :
                        kind == REMOTE_LISTEN_TCP ? REMOTE_TRANSPORT_TCP :
                        REMOTE_TRANSPORT_UNIX;
    client->pid = cred.pid;
    client->uid = cred.uid;
    client->gid = cred.gid;
    if (network)
        client->addr = g_strdup_printf(strchr(host, ':') ? "[%s]:%s" : "%s:%s",
                                       host, serv);
    else
        client->addr = g_strdup_printf("pid %lld", (long long)cred.pid);
    /* The socket's mode keeps others out; this holds even if an
     * administrator loosened it: read-write is for our own user and
     * root.  A network client is read-write, as upstream's: TLS let in
     * only certificates our CA signed and tls_allowed_dn_list names. */
    client->denied = !network && !readonly && cred.uid != 0 &&
                     cred.uid != geteuid();
    client->callbacks = g_ptr_array_new();
    client->nextCallbackID = 1;
    g_cond_init(&client->inflightCond);
    g_mutex_init(&client->lock);
    g_mutex_init(&client->writeLock);
    g_atomic_int_inc(&remoteClientCount);
    VIR_DEBUG("client %s uid %u%s", client->addr, cred.uid,
              readonly ? " (read-only)" : "");

    thread = g_thread_new("client", remoteClientReader, client);
    g_thread_unref(thread);
}


/*
 * Listens on TCP @port of @addr (NULL: every address, IPv4 and IPv6),
 * appending each socket to @fds.  An address family the host lacks is
 * skipped; nothing bound at all is an error.
 */
static int
remoteListenTCP(const char *addr, const char *port, GArray *fds)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_PASSIVE | AI_ADDRCONFIG,
    };
    struct addrinfo *ai = NULL;
    int saved = EADDRNOTAVAIL;
    guint before = fds->len;
    int rc;

    if ((rc = getaddrinfo(addr, port, &hints, &ai)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to resolve address '%1$s' service '%2$s': %3$s"),
                       NULLSTR_EMPTY(addr), port, gai_strerror(rc));
        return -1;
    }
    for (struct addrinfo *cur = ai; cur; cur = cur->ai_next) {
        VIR_AUTOCLOSE fd = -1;
        int one = 1;

        if ((fd = socket(cur->ai_family, cur->ai_socktype | SOCK_CLOEXEC,
                         cur->ai_protocol)) < 0) {
            saved = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (cur->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        if (bind(fd, cur->ai_addr, cur->ai_addrlen) < 0 || listen(fd, 128) < 0) {
            saved = errno;
            continue;
        }
        g_array_append_val(fds, fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    if (fds->len == before) {
        virReportSystemError(saved, _("Failed to bind socket to '%1$s:%2$s'"),
                             NULLSTR_EMPTY(addr), port);
        return -1;
    }
    return 0;
}


/*
 * What --listen asks for, checked before anything listens: TLS with its
 * credentials loaded and verified, and plain TCP never without
 * authentication.  This daemon offers no SASL, so plain TCP cannot be
 * served: a configuration asking for it stops the daemon with the
 * reason, rather than exposing every guest to the network.
 */
static int
remoteDaemonSetupNetwork(remoteDaemonConfig *cfg, GArray *tlsfds)
{
    const char *authTLS = cfg->authTLS ? cfg->authTLS : "none";
    const char *authTCP = cfg->authTCP ? cfg->authTCP : "sasl";

    if (!cfg->listenTLS && !cfg->listenTCP) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("--listen given, but both listen_tls and listen_tcp are off"));
        return -1;
    }
    if (cfg->listenTCP) {
        if (STREQ(authTCP, "none")) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("listen_tcp = 1 with auth_tcp = \"none\" would let anyone who reaches the port manage every guest: refusing to start; use listen_tls"));
            return -1;
        }
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("listen_tcp = 1 needs auth_tcp = \"%1$s\", which this daemon does not offer: refusing to serve plain TCP; use listen_tls"),
                       authTCP);
        return -1;
    }
    if (STRNEQ(authTLS, "none")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("auth_tls = \"%1$s\" is not offered by this daemon; TLS clients are authenticated by their certificate (auth_tls = \"none\")"),
                       authTLS);
        return -1;
    }
    if (!cfg->tlsFiles.cacert)
        cfg->tlsFiles.cacert = g_strdup(VIR_NET_TLS_CA_CERT);
    if (!cfg->tlsFiles.cacrl)
        cfg->tlsFiles.cacrl = g_strdup(VIR_NET_TLS_CA_CRL);
    if (!cfg->tlsFiles.cert)
        cfg->tlsFiles.cert = g_strdup(VIR_NET_TLS_SERVER_CERT);
    if (!cfg->tlsFiles.key)
        cfg->tlsFiles.key = g_strdup(VIR_NET_TLS_SERVER_KEY);
    if (!(remoteTLSContext =
          virNetTLSContextNewServer(&cfg->tlsFiles,
                                    (const char *const *)cfg->tlsAllowedDNList,
                                    cfg->tlsPriority, !cfg->tlsNoSanityCert,
                                    !cfg->tlsNoVerifyCert)))
        return -1;
    if (remoteListenTCP(cfg->listenAddr, cfg->tlsPort ? cfg->tlsPort : "16514",
                        tlsfds) < 0)
        return -1;
    VIR_INFO("listening for TLS on %s:%s", NULLSTR_EMPTY(cfg->listenAddr),
             cfg->tlsPort ? cfg->tlsPort : "16514");
    return 0;
}


/* Listens on @path, replacing a stale socket file. */
static int
remoteListen(const char *path, mode_t mode, gid_t gid)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    VIR_AUTOCLOSE fd = -1;
    mode_t old;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("socket path '%1$s' too long"), path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", _("Failed to create socket"));
        return -1;
    }
    unlink(path);
    old = umask(0777);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        umask(old);
        virReportSystemError(errno, _("Failed to bind socket to '%1$s'"), path);
        return -1;
    }
    umask(old);
    if (gid != (gid_t)-1 && chown(path, (uid_t)-1, gid) < 0) {
        virReportSystemError(errno, _("Failed to change group of '%1$s'"), path);
        return -1;
    }
    if (chmod(path, mode) < 0) {
        virReportSystemError(errno, _("Failed to set the mode of '%1$s'"), path);
        return -1;
    }
    if (listen(fd, 128) < 0) {
        virReportSystemError(errno, _("Failed to listen on '%1$s'"), path);
        return -1;
    }
    return g_steal_fd(&fd);
}


/* Sockets systemd passed (LISTEN_FDS): which is read-only is told by
 * its path. */
static int
remoteSocketActivation(int *rwfd, int *rofd)
{
    const char *pidstr = g_getenv("LISTEN_PID");
    const char *fdsstr = g_getenv("LISTEN_FDS");
    int nfds;

    if (!pidstr || !fdsstr || atoll(pidstr) != getpid())
        return 0;
    nfds = atoi(fdsstr);
    for (int fd = 3; fd < 3 + nfds; fd++) {
        struct sockaddr_un addr = { 0 };
        socklen_t alen = sizeof(addr);

        if (getsockname(fd, (struct sockaddr *)&addr, &alen) < 0 ||
            addr.sun_family != AF_UNIX) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("socket activation passed fd %1$d, not a UNIX socket"),
                           fd);
            return -1;
        }
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        if (g_str_has_suffix(addr.sun_path, "-ro"))
            *rofd = fd;
        else
            *rwfd = fd;
    }
    g_unsetenv("LISTEN_PID");
    g_unsetenv("LISTEN_FDS");
    g_unsetenv("LISTEN_FDNAMES");
    return nfds > 0 ? 1 : 0;
}


/*
 * Takes the root: a lock on RUNDIR/virtqemud.lock that holds our pid.
 * A second daemon on the same root fails naming the first one's pid.
 */
static int
remoteTakeRoot(const char *rundir)
{
    g_autofree char *path = g_build_filename(rundir, "virtqemud.lock", NULL);
    g_autofree char *pid = NULL;
    int fd;

    if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("cannot open '%1$s'"), path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        char buf[32] = "";
        ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

        buf[MAX(n, 0)] = '\0';
        g_strchomp(buf);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("another virtqemud (pid %1$s) holds '%2$s'"),
                       *buf ? buf : "?", rundir);
        close(fd);
        return -1;
    }
    pid = g_strdup_printf("%lld\n", (long long)getpid());
    if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, strlen(pid), 0) < 0) {
        virReportSystemError(errno, _("cannot write '%1$s'"), path);
        close(fd);
        return -1;
    }
    /* Kept open, and so locked, for the daemon's life. */
    return fd;
}


static gpointer
remoteEventLoop(gpointer opaque G_GNUC_UNUSED)
{
    for (;;) {
        if (virEventRunDefaultImpl() < 0) {
            VIR_WARN("event loop: %s", virGetLastErrorMessage());
            virResetLastError();
        }
    }
    return NULL;
}


/* The domains marked autostart, in a thread of their own so that the
 * daemon answers clients while they start. */
static gpointer
remoteAutostart(gpointer opaque)
{
    virConnectPtr conn = opaque;
    int n = qemuDriverAutostart(conn);

    virConnectClose(conn);
    if (n < 0) {
        VIR_ERROR("autostart: %s", virGetLastErrorMessage());
        virResetLastError();
    } else if (n > 0) {
        VIR_INFO("autostarted %d domain(s)", n);
    }
    return NULL;
}


/* ---- host shutdown ------------------------------------------------------ *
 *
 * What the daemon does to its guests when the host goes down: qemu.conf's
 * auto_shutdown_* settings (see qemuDriverHostShutdown).  Two ways in:
 * SIGTERM when host shutdown is configured (systemd stopping the unit
 * at host shutdown: the unit is ordered so that this runs before disks
 * and network go away), and, ours, `virtqemud --shutdown-guests`, which
 * asks the running daemon (SIGUSR1) to do it now and keep serving.
 * Progress goes to the daemon's stderr (the journal) and to
 * RUNDIR/host-shutdown.progress as it happens; the final report to
 * RUNDIR/host-shutdown.report, written once everything is done.
 */

#define REMOTE_HOST_SHUTDOWN_PROGRESS "host-shutdown.progress"
#define REMOTE_HOST_SHUTDOWN_REPORT "host-shutdown.report"

static int remoteProgressFd = -1;


static ssize_t
remoteProgressWrite(void *cookie G_GNUC_UNUSED, const char *buf, size_t len)
{
    if (write(STDERR_FILENO, buf, len) < 0)
        VIR_DEBUG("stderr is gone");
    if (remoteProgressFd >= 0 && write(remoteProgressFd, buf, len) < 0)
        VIR_DEBUG("cannot write the progress file");
    return len;
}


/* Runs the host shutdown on the daemon's driver; returns how many
 * domains are still running. */
static int
remoteHostShutdown(virConnectPtr conn, const char *rundir)
{
    g_autofree char *progress = g_build_filename(rundir, REMOTE_HOST_SHUTDOWN_PROGRESS, NULL);
    g_autofree char *reportPath = g_build_filename(rundir, REMOTE_HOST_SHUTDOWN_REPORT, NULL);
    g_autofree char *report = NULL;
    cookie_io_functions_t io = { .write = remoteProgressWrite };
    FILE *out;
    int left;

    unlink(reportPath);
    remoteProgressFd = open(progress, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (!(out = fopencookie(NULL, "w", io)))
        out = stderr;
    left = qemuDriverHostShutdown(conn, out, &report);
    fprintf(out, _("host shutdown: done, %1$d domain(s) still running\n"), left);
    fputs(report, out);
    fflush(out);
    if (out != stderr)
        fclose(out);
    virForceClose(&remoteProgressFd);
    if (virFileWriteAtomic(reportPath, 0644, report, strlen(report)) < 0) {
        VIR_ERROR("cannot write the host shutdown report: %s", virGetLastErrorMessage());
        virResetLastError();
    }
    return left;
}


typedef struct {
    virConnectPtr conn;
    char *rundir;
} remoteHostShutdownJob;

static gint remoteHostShutdownBusy;


static gpointer
remoteHostShutdownThread(gpointer opaque)
{
    remoteHostShutdownJob *job = opaque;

    remoteHostShutdown(job->conn, job->rundir);
    virConnectClose(job->conn);
    g_free(job->rundir);
    g_free(job);
    g_atomic_int_set(&remoteHostShutdownBusy, 0);
    return NULL;
}


/*
 * `virtqemud --shutdown-guests`: tells the daemon holding @rundir to
 * stop its guests now, prints its progress as it comes and its report.
 * Returns the exit status: 0 when no guest is left running.
 */
static int
remoteShutdownGuestsCommand(const char *rundir, const char *pidFile)
{
    g_autofree char *progress = g_build_filename(rundir, REMOTE_HOST_SHUTDOWN_PROGRESS, NULL);
    g_autofree char *reportPath = g_build_filename(rundir, REMOTE_HOST_SHUTDOWN_REPORT, NULL);
    g_autofree char *pidText = NULL;
    g_autofree char *report = NULL;
    VIR_AUTOCLOSE fd = -1;
    long long pid;
    off_t shown = 0;
    char *end;

    if (virFileReadAll(pidFile, 64, &pidText) < 0) {
        fprintf(stderr, _("no virtqemud runs on '%1$s': %2$s\n"), rundir,
                virGetLastErrorMessage());
        return 1;
    }
    pid = strtoll(pidText, &end, 10);
    if (pid <= 1 || (*end && *end != '\n')) {
        fprintf(stderr, _("'%1$s' does not hold a process ID\n"), pidFile);
        return 1;
    }
    unlink(reportPath);
    unlink(progress);
    if (kill(pid, SIGUSR1) < 0) {
        fprintf(stderr, _("cannot signal virtqemud (pid %1$lld): %2$s\n"), pid,
                g_strerror(errno));
        return 1;
    }
    for (;;) {
        bool done = access(reportPath, F_OK) == 0;
        char buf[4096];
        ssize_t n;

        if (fd < 0)
            fd = open(progress, O_RDONLY | O_CLOEXEC);
        while (fd >= 0 && (n = pread(fd, buf, sizeof(buf), shown)) > 0) {
            if (fwrite(buf, 1, n, stdout) != (size_t)n)
                break;
            shown += n;
        }
        fflush(stdout);
        if (done)
            break;
        if (kill(pid, 0) < 0) {
            fprintf(stderr, _("virtqemud (pid %1$lld) ended before its report\n"), pid);
            return 1;
        }
        g_usleep(50 * 1000);
    }
    if (virFileReadAll(reportPath, 1 << 20, &report) < 0)
        return 1;
    return strstr(report, ": still running") ? 1 : 0;
}


static void
remoteUsage(FILE *out, const char *argv0)
{
    fprintf(out,
            _("\nUsage:\n  %1$s [options]\n\n"
              "Options:\n"
              "  -h | --help            Display program help\n"
              "  -v | --verbose         Verbose messages\n"
              "  -d | --daemon          Run as a daemon & write PID file\n"
              "  -l | --listen          Listen for TCP/IP connections\n"
              "  -t | --timeout <secs>  Exit after timeout period\n"
              "  -f | --config <file>   Configuration file\n"
              "  -V | --version         Display version information\n"
              "  -p | --pid-file <file> Change name of PID file\n"
              "       --root <dir>      Keep all state and the sockets under <dir>\n"
              "       --session         Serve qemu:///session, also when run by root\n"
              "       --shutdown-guests Ask the running daemon to stop its guests now, as at\n"
              "                         host shutdown (qemu.conf auto_shutdown_*), and print\n"
              "                         its progress and report\n\n"),
            argv0);
}


/* Forks into the background; the parent exits 0 once the child says
 * it listens (the byte on @readyfd), 1 if the child fails first. */
static int
remoteDaemonize(int *readyfd)
{
    int fds[2];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid > 0) {
        char c = 1;

        close(fds[1]);
        if (read(fds[0], &c, 1) != 1)
            _exit(1);
        _exit(c == 0 ? 0 : 1);
    }
    close(fds[0]);
    if (setsid() < 0)
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid > 0)
        _exit(0);
    *readyfd = fds[1];
    return 0;
}


int
main(int argc, char **argv)
{
    remoteDaemonConfig cfg = {
        .unixSockRoPerms = 0666, .unixSockRwPerms = 0600,
        .maxClients = 5000, .maxWorkers = 20, .minWorkers = 5,
        .prioWorkers = 5, .maxClientRequests = 5,
        .keepaliveInterval = 5, .keepaliveCount = 5,
        .listenTLS = true,
    };
    g_autoptr(GArray) tlsfds = g_array_new(FALSE, FALSE, sizeof(int));
    g_autofree char *configFile = NULL;
    g_autofree char *pidFile = NULL;
    g_autofree char *root = NULL;
    g_autofree char *rundir = NULL;
    g_autofree char *confdir = NULL;
    g_autofree char *rwpath = NULL;
    g_autofree char *ropath = NULL;
    bool daemonize = false;
    bool session = false;
    bool shutdownGuests = false;
    bool hostShutdown = false;
    bool verbose = false;
    bool listenNet = false;
    long timeout = 0;
    int readyfd = -1;
    int rwfd = -1;
    int rofd = -1;
    int lockfd;
    int sigfd;
    int activated;
    sigset_t sigs;
    gid_t gid = (gid_t)-1;
    virConnectPtr probe = NULL;
    static const struct option opts[] = {
        { "verbose", no_argument, NULL, 'v' },
        { "daemon", no_argument, NULL, 'd' },
        { "timeout", required_argument, NULL, 't' },
        { "config", required_argument, NULL, 'f' },
        { "version", no_argument, NULL, 'V' },
        { "pid-file", required_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { "root", required_argument, NULL, 'R' },
        { "session", no_argument, NULL, 'S' },
        { "shutdown-guests", no_argument, NULL, 'G' },
        { "listen", no_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    setlocale(LC_ALL, "");
    if (virInitialize() < 0) {
        fprintf(stderr, "%s: initialization failed\n", argv[0]);
        return 1;
    }

    while ((c = getopt_long(argc, argv, "vdlt:f:Vp:h", opts, NULL)) != -1) {
        char *end;

        switch (c) {
        case 'v':
            verbose = true;
            break;
        case 'd':
            daemonize = true;
            break;
        case 't':
            errno = 0;
            timeout = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || timeout < 0 || timeout > INT_MAX) {
                fprintf(stderr, _("%1$s: Invalid timeout '%2$s'\n"), argv[0], optarg);
                return 1;
            }
            break;
        case 'f':
            g_free(configFile);
            configFile = g_strdup(optarg);
            break;
        case 'p':
            g_free(pidFile);
            pidFile = g_strdup(optarg);
            break;
        case 'R':
            if (!g_path_is_absolute(optarg)) {
                fprintf(stderr, _("%1$s: the root must be an absolute path, not '%2$s'\n"),
                        argv[0], optarg);
                return 1;
            }
            g_free(root);
            root = g_strdup(optarg);
            break;
        case 'S':
            session = true;
            break;
        case 'G':
            shutdownGuests = true;
            break;
        case 'l':
            listenNet = true;
            break;
        case 'V':
            printf("virtqemud (%s) %s\n", PACKAGE, PACKAGE_VERSION);
            return 0;
        case 'h':
            remoteUsage(stdout, argv[0]);
            return 0;
        default:
            remoteUsage(stderr, argv[0]);
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, _("%1$s: unexpected argument '%2$s'\n"), argv[0], argv[optind]);
        remoteUsage(stderr, argv[0]);
        return 2;
    }
    if (verbose && !g_getenv("LIBVIRT_DEBUG"))
        virLogSetDefaultPriority(VIR_LOG_INFO);

    /* Where this instance lives: the same directories as the embedded
     * driver's for the same root. */
    if (root) {
        g_autofree char *escaped = g_uri_escape_string(root, "/", FALSE);

        rundir = g_build_filename(root, "run", NULL);
        confdir = g_build_filename(root, "etc", NULL);
        remoteDaemonDriverURI = g_strdup_printf("qemu:///embed?root=%s", escaped);
    } else if (geteuid() == 0 && !session) {
        rundir = g_build_filename(RUNSTATEDIR, PACKAGE, NULL);
        confdir = g_build_filename(SYSCONFDIR, PACKAGE, NULL);
        remoteDaemonDriverURI = g_strdup("qemu:///system");
    } else {
        rundir = g_build_filename(g_get_user_runtime_dir(), PACKAGE, NULL);
        confdir = g_build_filename(g_get_user_config_dir(), PACKAGE, NULL);
        remoteDaemonDriverURI = g_strdup("qemu:///session");
        remoteDaemonPublicURI = "qemu:///session";
    }
    if (configFile) {
        if (remoteDaemonConfigLoad(&cfg, configFile, true) < 0)
            goto error;
    } else {
        configFile = g_build_filename(confdir, "virtqemud.conf", NULL);
        if (remoteDaemonConfigLoad(&cfg, configFile, false) < 0)
            goto error;
    }
    if (cfg.unixSockGroup) {
        struct group *gr = getgrnam(cfg.unixSockGroup);

        if (!gr) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("%1$s: unix_sock_group '%2$s' is not a group of this host"),
                           configFile, cfg.unixSockGroup);
            goto error;
        }
        gid = gr->gr_gid;
    }
    if (!pidFile)
        pidFile = g_build_filename(rundir, "virtqemud.pid", NULL);
    rwpath = g_build_filename(cfg.unixSockDir ? cfg.unixSockDir : rundir,
                              "virtqemud-sock", NULL);
    ropath = g_build_filename(cfg.unixSockDir ? cfg.unixSockDir : rundir,
                              "virtqemud-sock-ro", NULL);

    if (shutdownGuests)
        return remoteShutdownGuestsCommand(rundir, pidFile);

    if (daemonize && remoteDaemonize(&readyfd) < 0) {
        virReportSystemError(errno, "%s", _("Failed to fork as daemon"));
        goto error;
    }

    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGQUIT);
    sigaddset(&sigs, SIGHUP);
    sigaddset(&sigs, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    if ((sigfd = signalfd(-1, &sigs, SFD_CLOEXEC)) < 0) {
        virReportSystemError(errno, "%s", _("cannot create a signalfd"));
        goto error;
    }

    if (virFileMakePathWithMode(rundir, 0755) < 0 ||
        (cfg.unixSockDir && virFileMakePathWithMode(cfg.unixSockDir, 0755) < 0))
        goto error;
    if ((lockfd = remoteTakeRoot(rundir)) < 0)
        goto error;

    /* The driver runs here, its domains in memory for the daemon's life:
     * every client's connection shares the one instance on the root,
     * which this daemon holds exclusively.  Open it now (and keep it) so
     * that a bad qemu.conf or an unusable root stops the daemon at start,
     * not at each client. */
    /* QEMU is our child, and we reap it the moment it exits (its pidfd
     * is watched in the event loop); what a wrapper emulator forks is
     * reparented to us rather than to init when the wrapper ends. */
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
        VIR_WARN("cannot make the daemon a subreaper: %s", g_strerror(errno));
    virConnectSetLocalOnly();
    qemuDriverSetShared();
    if (virEventRegisterDefaultImpl() < 0)
        goto error;
    if (!(probe = remoteDaemonOpenDriver(false)))
        goto error;
    g_thread_unref(g_thread_new("event-loop", remoteEventLoop, NULL));

    remoteMaxClientRequests = cfg.maxClientRequests;
    remoteKeepaliveInterval = cfg.keepaliveInterval;
    remoteKeepaliveCount = cfg.keepaliveCount;
    remoteWorkers = g_thread_pool_new(remoteWorker, NULL, cfg.maxWorkers, FALSE, NULL);
    remotePrioWorkers = g_thread_pool_new(remoteWorker, NULL, cfg.prioWorkers,
                                          FALSE, NULL);

    if ((activated = remoteSocketActivation(&rwfd, &rofd)) < 0)
        goto error;
    if (!activated) {
        if ((rwfd = remoteListen(rwpath, cfg.unixSockRwPerms, gid)) < 0 ||
            (rofd = remoteListen(ropath, cfg.unixSockRoPerms, gid)) < 0)
            goto error;
    }
    if (listenNet && remoteDaemonSetupNetwork(&cfg, tlsfds) < 0)
        goto error;
    {
        g_autofree char *pid = g_strdup_printf("%lld\n", (long long)getpid());

        if (virFileWriteAtomic(pidFile, 0644, pid, strlen(pid)) < 0)
            goto error;
    }
    VIR_INFO("listening on %s and %s, driver %s", rwpath, ropath,
             remoteDaemonDriverURI);
    /* Guests are autostarted only by a daemon that is serving: one that
     * fails to start (a bad --listen set-up...) starts nothing. */
    virConnectRef(probe);
    g_thread_unref(g_thread_new("autostart", remoteAutostart, probe));
    if (readyfd >= 0) {
        char ok = 0;
        int devnull = open("/dev/null", O_RDWR);

        if (write(readyfd, &ok, 1) != 1)
            VIR_WARN("cannot tell the parent we are ready");
        close(readyfd);
        if (devnull >= 0) {
            dup2(devnull, STDIN_FILENO);
            dup2(devnull, STDOUT_FILENO);
            dup2(devnull, STDERR_FILENO);
            close(devnull);
        }
    }

    remoteLastActivity = (gint)(g_get_monotonic_time() / G_USEC_PER_SEC);
    for (;;) {
        struct pollfd pfd[3 + REMOTE_MAX_NET_LISTEN] = {
            { .fd = sigfd, .events = POLLIN },
            { .fd = rwfd, .events = POLLIN },
            { .fd = rofd, .events = POLLIN },
        };
        size_t nnet = MIN(tlsfds->len, REMOTE_MAX_NET_LISTEN);
        int n;

        for (size_t i = 0; i < nnet; i++) {
            pfd[3 + i].fd = g_array_index(tlsfds, int, i);
            pfd[3 + i].events = POLLIN;
        }
        n = poll(pfd, 3 + nnet, 1000);

        if (n < 0 && errno != EINTR) {
            virReportSystemError(errno, "%s", _("poll failed"));
            goto error;
        }
        if (pfd[0].revents) {
            struct signalfd_siginfo si;

            if (read(sigfd, &si, sizeof(si)) != sizeof(si) || si.ssi_signo == SIGHUP)
                continue;
            if (si.ssi_signo == SIGUSR1) {
                remoteHostShutdownJob *job;

                if (!g_atomic_int_compare_and_exchange(&remoteHostShutdownBusy, 0, 1))
                    continue;
                job = g_new0(remoteHostShutdownJob, 1);
                job->conn = probe;
                virConnectRef(probe);
                job->rundir = g_strdup(rundir);
                g_thread_unref(g_thread_new("host-shutdown", remoteHostShutdownThread, job));
                continue;
            }
            if (si.ssi_signo == SIGTERM && qemuDriverHostShutdownConfigured(probe)) {
                VIR_INFO("SIGTERM with host shutdown configured: stopping the guests");
                hostShutdown = true;
            } else {
                VIR_INFO("signal %u: leaving, guests keep running", si.ssi_signo);
            }
            break;
        }
        if (rwfd >= 0 && pfd[1].revents)
            remoteAcceptClient(rwfd, REMOTE_LISTEN_UNIX_RW, cfg.maxClients);
        if (rofd >= 0 && pfd[2].revents)
            remoteAcceptClient(rofd, REMOTE_LISTEN_UNIX_RO, cfg.maxClients);
        for (size_t i = 0; i < nnet; i++) {
            if (pfd[3 + i].revents)
                remoteAcceptClient(pfd[3 + i].fd, REMOTE_LISTEN_TLS, cfg.maxClients);
        }
        /* An idle daemon stays while guests run: it follows them, and
         * stops them at host shutdown. */
        if (timeout > 0 && g_atomic_int_get(&remoteClientCount) == 0 &&
            g_get_monotonic_time() / G_USEC_PER_SEC -
            g_atomic_int_get(&remoteLastActivity) >= timeout &&
            qemuDriverActiveCount(probe) == 0) {
            VIR_INFO("no client for %ld s: leaving", timeout);
            break;
        }
    }

    /* Guests are left as they are (unless this is a host shutdown):
     * QEMU runs on, its state files stay, the next daemon reconnects.
     * Nothing the driver holds needs more than the process ending.  The
     * sockets stay open meanwhile: clients see the guests stop. */
    if (hostShutdown) {
        while (!g_atomic_int_compare_and_exchange(&remoteHostShutdownBusy, 0, 1))
            g_usleep(50 * 1000);
        remoteHostShutdown(probe, rundir);
    }
    if (!activated) {
        unlink(rwpath);
        unlink(ropath);
    }
    unlink(pidFile);
    for (size_t i = 0; i < tlsfds->len; i++)
        close(g_array_index(tlsfds, int, i));
    virNetTLSContextFree(remoteTLSContext);
    virConnectClose(probe);
    close(lockfd);
    remoteDaemonConfigClear(&cfg);
    return 0;

 error:
    if (probe) {
        virErrorPtr orig;

        /* A public call: it would clear the error said below. */
        virErrorPreserveLast(&orig);
        virConnectClose(probe);
        virErrorRestore(&orig);
    }
    virNetTLSContextFree(g_steal_pointer(&remoteTLSContext));
    remoteDaemonConfigClear(&cfg);
    if (readyfd >= 0) {
        char bad = 1;

        if (write(readyfd, &bad, 1) != 1)
            VIR_DEBUG("parent gone");
    }
    fprintf(stderr, "%s: %s\n", g_get_prgname() ? g_get_prgname() : "virtqemud",
            virGetLastErrorMessage());
    return 1;
}
