/*
 * virnettlscontext.h: x509 credentials and TLS sessions (GnuTLS) for
 * libvirt's TCP transport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "virnetsocket.h"

/* Upstream's defaults: where a host keeps its CA, its own certificate
 * and key, and where a client keeps its own. */
#define VIR_NET_TLS_CA_CERT        "/etc/pki/CA/cacert.pem"
#define VIR_NET_TLS_CA_CRL         "/etc/pki/CA/cacrl.pem"
#define VIR_NET_TLS_SERVER_CERT    "/etc/pki/libvirt/servercert.pem"
#define VIR_NET_TLS_SERVER_KEY     "/etc/pki/libvirt/private/serverkey.pem"
#define VIR_NET_TLS_CLIENT_CERT    "/etc/pki/libvirt/clientcert.pem"
#define VIR_NET_TLS_CLIENT_KEY     "/etc/pki/libvirt/private/clientkey.pem"
#define VIR_NET_TLS_PRIORITY       "NORMAL"

/* The byte a server sends once it has accepted the client's
 * certificate, as upstream's daemon does; anything else, or nothing,
 * means the client was refused. */
#define VIR_NET_TLS_CONFIRM_BYTE   '\1'

typedef struct _virNetTLSContext virNetTLSContext;

typedef struct {
    char *cacert;
    char *cacrl;             /* NULL or a file that may be missing */
    char *cert;
    char *key;
} virNetTLSFiles;

void virNetTLSFilesClear(virNetTLSFiles *files);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virNetTLSFiles, virNetTLSFilesClear);
void virNetTLSFilesLocateClient(const char *pkipath, virNetTLSFiles *files);

virNetTLSContext *virNetTLSContextNewServer(const virNetTLSFiles *files,
                                            const char *const *dnACL,
                                            const char *priority,
                                            bool sanityCheckCert,
                                            bool requireValidCert);
virNetTLSContext *virNetTLSContextNewClient(const virNetTLSFiles *files,
                                            const char *priority,
                                            bool sanityCheckCert,
                                            bool requireValidCert);
void virNetTLSContextFree(virNetTLSContext *ctxt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetTLSContext, virNetTLSContextFree);

virNetTLSSession *virNetTLSSessionNew(virNetTLSContext *ctxt, int fd,
                                      const char *hostname);
void virNetTLSSessionFree(virNetTLSSession *sess);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetTLSSession, virNetTLSSessionFree);

void virNetTLSSessionSetHandshakeTimeout(virNetTLSSession *sess, unsigned int ms);
int virNetTLSSessionHandshake(virNetTLSSession *sess)
    G_GNUC_WARN_UNUSED_RESULT;
int virNetTLSContextCheckPeer(virNetTLSContext *ctxt, virNetTLSSession *sess)
    G_GNUC_WARN_UNUSED_RESULT;
const char *virNetTLSSessionGetDN(const virNetTLSSession *sess);

ssize_t virNetTLSSessionRead(virNetTLSSession *sess, char *buf, size_t len);
ssize_t virNetTLSSessionWrite(virNetTLSSession *sess, const char *buf, size_t len);
size_t virNetTLSSessionPending(virNetTLSSession *sess);
