/*
 * virnetsocket.h: one end of a libvirt RPC connection, whatever carries it
 *
 * A connection is a UNIX or TCP socket, the same with a TLS session on
 * top, or a socket pair to a child process (ssh, or the command a URI
 * names) that carries the bytes to a remote daemon.  The framing code
 * reads and writes through this type and never learns which.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef struct _virNetSocket virNetSocket;
typedef struct _virNetTLSSession virNetTLSSession;

virNetSocket *virNetSocketNewFD(int fd);
int virNetSocketNewConnectTCP(const char *host, const char *service,
                              virNetSocket **retsock)
    G_GNUC_WARN_UNUSED_RESULT;
int virNetSocketNewConnectCommand(const char *const *argv,
                                  virNetSocket **retsock)
    G_GNUC_WARN_UNUSED_RESULT;
void virNetSocketFree(virNetSocket *sock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetSocket, virNetSocketFree);

int virNetSocketGetFD(const virNetSocket *sock);
void virNetSocketSetTLSSession(virNetSocket *sock, virNetTLSSession *sess);
virNetTLSSession *virNetSocketGetTLSSession(const virNetSocket *sock);

ssize_t virNetSocketRead(virNetSocket *sock, char *buf, size_t len);
ssize_t virNetSocketWrite(virNetSocket *sock, const char *buf, size_t len);
int virNetSocketWaitReadable(virNetSocket *sock, int timeoutMs);
void virNetSocketShutdown(virNetSocket *sock);
char *virNetSocketGetCommandError(virNetSocket *sock);
