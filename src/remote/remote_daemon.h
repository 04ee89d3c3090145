/*
 * remote_daemon.h: virtqemud's clients, shared by its server loop
 * (remote_daemon.c) and its dispatchers (remote_daemon_dispatch.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "virnetmessage.h"

typedef enum {
    REMOTE_TRANSPORT_UNIX,
    REMOTE_TRANSPORT_TCP,
    REMOTE_TRANSPORT_TLS,
} remoteTransport;

typedef struct _remoteClient remoteClient;
struct _remoteClient {
    gint refs;
    virNetSocket *sock;      /* the connection, TLS or not */
    int fd;                  /* its descriptor (owned by sock) */
    remoteTransport transport;
    char *addr;              /* "HOST:PORT" of a network peer, for logs */
    bool readonly;           /* came in on the read-only socket */
    bool denied;             /* peer not allowed on the read-write socket */
    pid_t pid;               /* SO_PEERCRED */
    uid_t uid;
    gid_t gid;

    GMutex writeLock;        /* one frame written at a time */

    GMutex lock;             /* what follows */
    virConnectPtr conn;      /* the driver connection CONNECT_OPEN made */
    GPtrArray *callbacks;    /* remoteEventCallback, registered */
    int nextCallbackID;
    bool closing;            /* CONNECT_CLOSE answered or peer gone */
    bool keepalive;          /* asked about PROGRAM_KEEPALIVE: we ping it */
    unsigned int inflight;   /* calls queued or running */
    GCond inflightCond;      /* signalled when one ends */
};

/* One call, from the reader to a worker. */
typedef struct {
    remoteClient *client;    /* holds a reference */
    char *frame;
    size_t len;
    virNetMessageHeader hdr;
} remoteJob;

void remoteClientRef(remoteClient *client);
void remoteClientUnref(remoteClient *client);

int remoteClientSendFrame(remoteClient *client, const char *frame, size_t len);

/* Runs one call and sends its reply (or error reply). */
void remoteDispatchJob(remoteJob *job);

/* Drops the client's event registrations and its driver connection. */
void remoteClientCloseConnection(remoteClient *client);
/* Drops only the event registrations: the client hung up. */
void remoteClientDropEvents(remoteClient *client);

virConnectPtr remoteDaemonOpenDriver(bool readonly);
const char *remoteDaemonURI(void);
