/*
 * virnettlscontext.c: x509 credentials and TLS sessions (GnuTLS) for
 * libvirt's TCP transport
 *
 * A context holds one side's credentials: the CA it trusts, an optional
 * revocation list, its own certificate and key, and for a server the
 * patterns of client Distinguished Names it lets in.  A session is one
 * connection's TLS state on a connected, blocking socket.  Both sides
 * verify the peer's certificate after the handshake, as upstream's do:
 * a client also checks that the server's certificate names the host it
 * dialled, a server that the client's DN is allowed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <time.h>

#include "virnettlscontext.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("rpc.nettlscontext");

struct _virNetTLSContext {
    gnutls_certificate_credentials_t creds;
    bool isServer;
    bool requireValidCert;
    char *priority;
    char **dnACL;            /* glob patterns; NULL lets every DN in */
};

struct _virNetTLSSession {
    gnutls_session_t session;
    bool isServer;
    char *hostname;          /* the host a client dialled */
    char *dname;             /* the peer's DN, once checked */
};


/**
 * virNetTLSFilesClear:
 * @files: paths to free
 */
void
virNetTLSFilesClear(virNetTLSFiles *files)
{
    g_clear_pointer(&files->cacert, g_free);
    g_clear_pointer(&files->cacrl, g_free);
    g_clear_pointer(&files->cert, g_free);
    g_clear_pointer(&files->key, g_free);
}


/**
 * virNetTLSFilesLocateClient:
 * @pkipath: the directory a URI's pkipath parameter names, or NULL
 * @files: filled with the paths a client uses
 *
 * Where a client finds its credentials, as upstream's does: under
 * @pkipath when given (cacert.pem, cacrl.pem, clientcert.pem,
 * clientkey.pem); otherwise, for a user other than root, in
 * ~/.pki/libvirt where the files exist there, and in the system
 * locations (/etc/pki/CA, /etc/pki/libvirt) for the rest.
 */
void
virNetTLSFilesLocateClient(const char *pkipath, virNetTLSFiles *files)
{
    g_autofree char *user = NULL;
    g_autofree char *ucacert = NULL;
    g_autofree char *ucert = NULL;
    g_autofree char *ukey = NULL;

    virNetTLSFilesClear(files);
    if (pkipath) {
        files->cacert = g_build_filename(pkipath, "cacert.pem", NULL);
        files->cacrl = g_build_filename(pkipath, "cacrl.pem", NULL);
        files->cert = g_build_filename(pkipath, "clientcert.pem", NULL);
        files->key = g_build_filename(pkipath, "clientkey.pem", NULL);
        return;
    }
    files->cacert = g_strdup(VIR_NET_TLS_CA_CERT);
    files->cacrl = g_strdup(VIR_NET_TLS_CA_CRL);
    files->cert = g_strdup(VIR_NET_TLS_CLIENT_CERT);
    files->key = g_strdup(VIR_NET_TLS_CLIENT_KEY);
    if (geteuid() == 0)
        return;

    user = g_build_filename(g_get_home_dir(), ".pki", "libvirt", NULL);
    ucacert = g_build_filename(user, "cacert.pem", NULL);
    ucert = g_build_filename(user, "clientcert.pem", NULL);
    ukey = g_build_filename(user, "clientkey.pem", NULL);
    if (access(ucacert, R_OK) == 0) {
        g_free(files->cacert);
        files->cacert = g_steal_pointer(&ucacert);
        g_free(files->cacrl);
        files->cacrl = g_build_filename(user, "cacrl.pem", NULL);
    }
    if (access(ucert, R_OK) == 0 && access(ukey, R_OK) == 0) {
        g_free(files->cert);
        files->cert = g_steal_pointer(&ucert);
        g_free(files->key);
        files->key = g_steal_pointer(&ukey);
    }
}


/* A required file must be readable; say which role it has. */
static int
virNetTLSCheckReadable(const char *what, const char *path)
{
    if (access(path, R_OK) < 0) {
        virReportSystemError(errno, _("Cannot read %1$s '%2$s'"), what, path);
        return -1;
    }
    return 0;
}


/* The certificates in a PEM file, for the sanity checks. */
static int
virNetTLSLoadCerts(const char *path, gnutls_x509_crt_t **retcerts,
                   unsigned int *retn)
{
    g_autofree char *data = NULL;
    g_autoptr(GError) gerr = NULL;
    gnutls_datum_t datum;
    gsize len;
    int rc;

    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Cannot read %1$s '%2$s'"),
                       _("certificate"), path);
        return -1;
    }
    datum.data = (unsigned char *)data;
    datum.size = len;
    if ((rc = gnutls_x509_crt_list_import2(retcerts, retn, &datum,
                                           GNUTLS_X509_FMT_PEM, 0)) < 0 ||
        *retn == 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to import certificate %1$s: %2$s"), path,
                       rc < 0 ? gnutls_strerror(rc) : _("no certificate in the file"));
        return -1;
    }
    return 0;
}


static void
virNetTLSFreeCerts(gnutls_x509_crt_t *certs, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        gnutls_x509_crt_deinit(certs[i]);
    gnutls_free(certs);
}


/* Expired and not-yet-valid certificates are refused at load, not at
 * the first connection; the messages are upstream's. */
static int
virNetTLSCheckTimes(gnutls_x509_crt_t cert, const char *path, bool isCA,
                    bool isServer)
{
    time_t now = time(NULL);

    if (gnutls_x509_crt_get_expiration_time(cert) < now) {
        if (isCA)
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("The CA certificate %1$s has expired"), path);
        else if (isServer)
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("The server certificate %1$s has expired"), path);
        else
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("The client certificate %1$s has expired"), path);
        return -1;
    }
    if (gnutls_x509_crt_get_activation_time(cert) > now) {
        if (isCA)
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("The CA certificate %1$s is not yet active"), path);
        else if (isServer)
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("The server certificate %1$s is not yet active"), path);
        else
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("The client certificate %1$s is not yet active"), path);
        return -1;
    }
    return 0;
}


/* The words for a failed verification, as upstream's. */
static const char *
virNetTLSStatusReason(unsigned int status)
{
    if (status & GNUTLS_CERT_REVOKED)
        return _("The certificate has been revoked.");
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        return _("The certificate hasn't got a known issuer.");
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
        return _("The certificate uses an insecure algorithm");
    if (status & GNUTLS_CERT_INVALID)
        return _("The certificate is not trusted.");
    return _("Invalid certificate");
}


/* Our own certificate is checked against our own CA before anything
 * listens or connects, so a mistake in the files is found at start. */
static int
virNetTLSSanityCheck(const virNetTLSFiles *files, bool isServer)
{
    gnutls_x509_crt_t *cas = NULL;
    gnutls_x509_crt_t *certs = NULL;
    unsigned int ncas = 0;
    unsigned int ncerts = 0;
    unsigned int status = 0;
    int ret = -1;

    if (virNetTLSLoadCerts(files->cacert, &cas, &ncas) < 0 ||
        virNetTLSLoadCerts(files->cert, &certs, &ncerts) < 0)
        goto cleanup;
    for (unsigned int i = 0; i < ncas; i++) {
        if (virNetTLSCheckTimes(cas[i], files->cacert, true, isServer) < 0)
            goto cleanup;
    }
    if (virNetTLSCheckTimes(certs[0], files->cert, false, isServer) < 0)
        goto cleanup;
    if (gnutls_x509_crt_list_verify(certs, ncerts, cas, ncas, NULL, 0, 0,
                                    &status) < 0) {
        if (isServer)
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("Unable to verify server certificate %1$s against CA certificate %2$s"),
                           files->cert, files->cacert);
        else
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("Unable to verify client certificate %1$s against CA certificate %2$s"),
                           files->cert, files->cacert);
        goto cleanup;
    }
    if (status) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Our own certificate %1$s failed validation against %2$s: %3$s"),
                       files->cert, files->cacert, virNetTLSStatusReason(status));
        goto cleanup;
    }
    ret = 0;

 cleanup:
    virNetTLSFreeCerts(cas, ncas);
    virNetTLSFreeCerts(certs, ncerts);
    return ret;
}


/**
 * virNetTLSContextFree:
 * @ctxt: a context, or NULL
 */
void
virNetTLSContextFree(virNetTLSContext *ctxt)
{
    if (!ctxt)
        return;
    if (ctxt->creds)
        gnutls_certificate_free_credentials(ctxt->creds);
    g_strfreev(ctxt->dnACL);
    g_free(ctxt->priority);
    g_free(ctxt);
}


static virNetTLSContext *
virNetTLSContextNew(const virNetTLSFiles *files, const char *const *dnACL,
                    const char *priority, bool sanityCheckCert,
                    bool requireValidCert, bool isServer)
{
    g_autoptr(virNetTLSContext) ctxt = g_new0(virNetTLSContext, 1);
    gnutls_x509_crt_t *certs = NULL;
    unsigned int ncerts = 0;
    bool haveCert;
    int rc;

    ctxt->isServer = isServer;
    ctxt->requireValidCert = requireValidCert;
    ctxt->priority = g_strdup(priority ? priority : VIR_NET_TLS_PRIORITY);
    ctxt->dnACL = dnACL ? g_strdupv((char **)dnACL) : NULL;

    if ((rc = gnutls_certificate_allocate_credentials(&ctxt->creds)) < 0) {
        ctxt->creds = NULL;
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to allocate x509 credentials: %1$s"),
                       gnutls_strerror(rc));
        return NULL;
    }

    if (virNetTLSCheckReadable(_("CA certificate"), files->cacert) < 0)
        return NULL;
    if ((rc = gnutls_certificate_set_x509_trust_file(ctxt->creds, files->cacert,
                                                     GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to set x509 CA certificate: %1$s: %2$s"),
                       files->cacert, gnutls_strerror(rc));
        return NULL;
    }
    if (files->cacrl && access(files->cacrl, F_OK) == 0) {
        if (virNetTLSCheckReadable(_("CA revocation list"), files->cacrl) < 0)
            return NULL;
        if ((rc = gnutls_certificate_set_x509_crl_file(ctxt->creds, files->cacrl,
                                                       GNUTLS_X509_FMT_PEM)) < 0) {
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("Unable to set x509 certificate revocation list: %1$s: %2$s"),
                           files->cacrl, gnutls_strerror(rc));
            return NULL;
        }
    }

    /* A server must have its own; a client without one still connects
     * (to a server that does not ask for one), as upstream's. */
    haveCert = access(files->cert, F_OK) == 0 || access(files->key, F_OK) == 0;
    if (isServer || haveCert) {
        if (virNetTLSCheckReadable(_("certificate"), files->cert) < 0 ||
            virNetTLSCheckReadable(_("private key"), files->key) < 0)
            return NULL;
        /* Parsed here first: GnuTLS 3.7 leaks what it had parsed of a
         * malformed certificate when set_x509_key_file fails on it. */
        if (virNetTLSLoadCerts(files->cert, &certs, &ncerts) < 0)
            return NULL;
        virNetTLSFreeCerts(certs, ncerts);
        if ((rc = gnutls_certificate_set_x509_key_file(ctxt->creds, files->cert,
                                                       files->key,
                                                       GNUTLS_X509_FMT_PEM)) < 0) {
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("Unable to set x509 key and certificate: %1$s, %2$s: %3$s"),
                           files->key, files->cert, gnutls_strerror(rc));
            return NULL;
        }
        if (sanityCheckCert && virNetTLSSanityCheck(files, isServer) < 0)
            return NULL;
    } else {
        VIR_DEBUG("no client certificate at %s, key %s", files->cert, files->key);
    }
    return g_steal_pointer(&ctxt);
}


/**
 * virNetTLSContextNewServer:
 * @files: the CA, optional revocation list, the server's certificate and key
 * @dnACL: glob patterns of the client DNs let in (NULL: any DN the CA signed)
 * @priority: a GnuTLS priority string, or NULL for "NORMAL"
 * @sanityCheckCert: check our own certificate against the CA at load
 * @requireValidCert: refuse clients without a valid certificate (upstream's
 *                    default; tls_no_verify_certificate turns it off)
 *
 * Returns: the context, or NULL with an error reported (a file missing
 * or unreadable, an expired certificate, one the CA did not sign).
 */
virNetTLSContext *
virNetTLSContextNewServer(const virNetTLSFiles *files, const char *const *dnACL,
                          const char *priority, bool sanityCheckCert,
                          bool requireValidCert)
{
    return virNetTLSContextNew(files, dnACL, priority, sanityCheckCert,
                               requireValidCert, true);
}


/**
 * virNetTLSContextNewClient:
 * @files: the CA, optional revocation list, and the client's own
 *         certificate and key (used only if they exist)
 * @priority: a GnuTLS priority string, or NULL
 * @sanityCheckCert: check our own certificate against the CA at load
 * @requireValidCert: refuse a server whose certificate does not verify or
 *                    does not name the host (off with no_verify=1)
 *
 * Returns: the context, or NULL with an error reported.
 */
virNetTLSContext *
virNetTLSContextNewClient(const virNetTLSFiles *files, const char *priority,
                          bool sanityCheckCert, bool requireValidCert)
{
    return virNetTLSContextNew(files, NULL, priority, sanityCheckCert,
                               requireValidCert, false);
}


/**
 * virNetTLSSessionNew:
 * @ctxt: the side's context
 * @fd: a connected, blocking socket (borrowed: the session does not close it)
 * @hostname: for a client, the host it dialled; NULL for a server
 *
 * Returns: the session, or NULL with an error reported.
 */
virNetTLSSession *
virNetTLSSessionNew(virNetTLSContext *ctxt, int fd, const char *hostname)
{
    g_autoptr(virNetTLSSession) sess = g_new0(virNetTLSSession, 1);
    const char *errpos = NULL;
    int rc;

    sess->isServer = ctxt->isServer;
    sess->hostname = g_strdup(hostname);
    if ((rc = gnutls_init(&sess->session,
                          ctxt->isServer ? GNUTLS_SERVER : GNUTLS_CLIENT)) < 0) {
        sess->session = NULL;
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Failed to initialize TLS session: %1$s"),
                       gnutls_strerror(rc));
        return NULL;
    }
    if ((rc = gnutls_priority_set_direct(sess->session, ctxt->priority,
                                         &errpos)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Failed to set TLS session priority to %1$s: %2$s"),
                       ctxt->priority, gnutls_strerror(rc));
        return NULL;
    }
    if ((rc = gnutls_credentials_set(sess->session, GNUTLS_CRD_CERTIFICATE,
                                     ctxt->creds)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Failed set TLS x509 credentials: %1$s"),
                       gnutls_strerror(rc));
        return NULL;
    }
    if (ctxt->isServer) {
        /* Asked for, not demanded in the handshake: a client without
         * one is refused after it, with a reason in the daemon's log. */
        gnutls_certificate_server_set_request(sess->session, GNUTLS_CERT_REQUEST);
    } else if (hostname && !g_hostname_is_ip_address(hostname)) {
        gnutls_server_name_set(sess->session, GNUTLS_NAME_DNS, hostname,
                               strlen(hostname));
    }
    gnutls_transport_set_int(sess->session, fd);
    return g_steal_pointer(&sess);
}


/**
 * virNetTLSSessionFree:
 * @sess: a session, or NULL
 */
void
virNetTLSSessionFree(virNetTLSSession *sess)
{
    if (!sess)
        return;
    if (sess->session)
        gnutls_deinit(sess->session);
    g_free(sess->hostname);
    g_free(sess->dname);
    g_free(sess);
}


/**
 * virNetTLSSessionSetHandshakeTimeout:
 * @sess: a new session
 * @ms: how long the whole handshake may take
 *
 * A peer that connects and says nothing must not hold the thread
 * serving it for ever.
 */
void
virNetTLSSessionSetHandshakeTimeout(virNetTLSSession *sess, unsigned int ms)
{
    gnutls_handshake_set_timeout(sess->session, ms);
}


/**
 * virNetTLSSessionHandshake:
 * @sess: a new session
 *
 * Runs the whole handshake on the blocking socket (bounded by the
 * socket's own timeouts).
 *
 * Returns: 0, or -1 with VIR_ERR_AUTH_FAILED reported.
 */
int
virNetTLSSessionHandshake(virNetTLSSession *sess)
{
    int rc;

    do {
        rc = gnutls_handshake(sess->session);
    } while (rc < 0 && !gnutls_error_is_fatal(rc) && rc != GNUTLS_E_AGAIN);
    if (rc < 0) {
        virReportError(VIR_ERR_AUTH_FAILED, _("TLS handshake failed %1$s"),
                       gnutls_strerror(rc));
        return -1;
    }
    return 0;
}


static bool
virNetTLSDNAllowed(virNetTLSContext *ctxt, const char *dname)
{
    if (!ctxt->dnACL)
        return true;
    for (size_t i = 0; ctxt->dnACL[i]; i++) {
        if (g_pattern_match_simple(ctxt->dnACL[i], dname))
            return true;
    }
    return false;
}


/* The checks of the peer's certificate chain, without the leniency of
 * no_verify / tls_no_verify_certificate. */
static int
virNetTLSCheckPeerStrict(virNetTLSContext *ctxt, virNetTLSSession *sess)
{
    const gnutls_datum_t *certs;
    unsigned int ncerts = 0;
    unsigned int status = 0;
    gnutls_x509_crt_t cert = NULL;
    char dname[1024];
    size_t dnamelen = sizeof(dname);
    int rc;

    if ((rc = gnutls_certificate_verify_peers2(sess->session, &status)) < 0) {
        if (rc == GNUTLS_E_NO_CERTIFICATE_FOUND)
            virReportError(VIR_ERR_SYSTEM_ERROR, "%s",
                           _("The certificate has no peers"));
        else
            virReportError(VIR_ERR_SYSTEM_ERROR, _("Unable to verify TLS peer: %1$s"),
                           gnutls_strerror(rc));
        return -1;
    }
    if (status) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Certificate failed validation: %1$s"),
                       virNetTLSStatusReason(status));
        return -1;
    }
    if (gnutls_certificate_type_get(sess->session) != GNUTLS_CRT_X509) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s",
                       _("Only x509 certificates are supported"));
        return -1;
    }
    if (!(certs = gnutls_certificate_get_peers(sess->session, &ncerts)) || ncerts == 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s", _("The certificate has no peers"));
        return -1;
    }
    if (gnutls_x509_crt_init(&cert) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s", _("Unable to initialize certificate"));
        return -1;
    }
    if (gnutls_x509_crt_import(cert, &certs[0], GNUTLS_X509_FMT_DER) < 0) {
        gnutls_x509_crt_deinit(cert);
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s", _("Unable to load certificate"));
        return -1;
    }
    if ((rc = gnutls_x509_crt_get_dn(cert, dname, &dnamelen)) < 0) {
        gnutls_x509_crt_deinit(cert);
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Failed to get certificate %1$s distinguished name: %2$s"),
                       "[session]", gnutls_strerror(rc));
        return -1;
    }
    g_free(sess->dname);
    sess->dname = g_strdup(dname);
    VIR_DEBUG("peer DN is %s", dname);

    if (sess->isServer) {
        gnutls_x509_crt_deinit(cert);
        if (!virNetTLSDNAllowed(ctxt, dname)) {
            virReportError(VIR_ERR_SYSTEM_ERROR, "%s",
                           _("Client's Distinguished Name is not on the list of allowed clients (tls_allowed_dn_list).  Use 'virt-pki-query-dn clientcert.pem' to view the Distinguished Name field in the client certificate, or run this daemon with --verbose option."));
            VIR_WARN("Failed ACL check for client DN '%s'", dname);
            return -1;
        }
        return 0;
    }
    if (sess->hostname && !gnutls_x509_crt_check_hostname(cert, sess->hostname)) {
        gnutls_x509_crt_deinit(cert);
        virReportError(VIR_ERR_RPC,
                       _("Certificate %1$s owner does not match the hostname %2$s"),
                       "[session]", sess->hostname);
        return -1;
    }
    gnutls_x509_crt_deinit(cert);
    return 0;
}


/**
 * virNetTLSContextCheckPeer:
 * @ctxt: the side's context
 * @sess: a session whose handshake is done
 *
 * Verifies the peer's certificate against our CA (and CRL); a server
 * then checks the client's DN against tls_allowed_dn_list, a client
 * that the certificate names the host it dialled.  With verification
 * turned off a failure is logged and ignored.
 *
 * Returns: 0 when the peer may go on, -1 with VIR_ERR_AUTH_FAILED
 * reported (the reason is in the log).
 */
int
virNetTLSContextCheckPeer(virNetTLSContext *ctxt, virNetTLSSession *sess)
{
    if (virNetTLSCheckPeerStrict(ctxt, sess) < 0) {
        /* As upstream: the reason goes to the log, the caller gets one
         * error that names no detail of the certificate. */
        if (ctxt->requireValidCert) {
            VIR_WARN("Certificate check failed %s", virGetLastErrorMessage());
            virReportError(VIR_ERR_AUTH_FAILED, "%s",
                           _("Failed to verify peer's certificate"));
            return -1;
        }
        VIR_WARN("Ignoring bad certificate at user request: %s",
                 virGetLastErrorMessage());
        virResetLastError();
    }
    return 0;
}


/**
 * virNetTLSSessionGetDN:
 * @sess: a checked session
 *
 * Returns: the peer's Distinguished Name, or NULL if it had none.
 */
const char *
virNetTLSSessionGetDN(const virNetTLSSession *sess)
{
    return sess->dname;
}


/* GnuTLS's errors as errno for the framing code, as upstream maps them:
 * the socket's own error where there is one, EIO for a peer that hung
 * up without a TLS goodbye (so a refusing daemon reads as an error). */
static ssize_t
virNetTLSResult(ssize_t rc)
{
    if (rc >= 0)
        return rc;
    switch (rc) {
    case GNUTLS_E_AGAIN:
        errno = EAGAIN;
        break;
    case GNUTLS_E_INTERRUPTED:
        errno = EINTR;
        break;
    case GNUTLS_E_UNEXPECTED_PACKET_LENGTH:
        errno = ENOMSG;
        break;
    case GNUTLS_E_PULL_ERROR:
    case GNUTLS_E_PUSH_ERROR:
        if (errno == 0)
            errno = EIO;
        break;
    default:
        VIR_DEBUG("TLS error: %s", gnutls_strerror(rc));
        errno = EIO;
        break;
    }
    return -1;
}


/**
 * virNetTLSSessionRead:
 * @sess: a session whose handshake is done, on a blocking socket
 * @buf: where to read to
 * @len: at most this many bytes
 *
 * A TLS 1.3 peer may send records that carry no data (session tickets,
 * key updates): GnuTLS handles them and says "again" even on a
 * blocking socket.  Those are read past here, so that a TLS terminator
 * in front of a daemon (which sends tickets, where libvirt's daemons
 * send none) does not look like a broken connection.
 *
 * Returns: the bytes read, 0 at the end of the stream, -1 with errno set
 * (nothing reported: the framing code reports).
 */
ssize_t
virNetTLSSessionRead(virNetTLSSession *sess, char *buf, size_t len)
{
    ssize_t rc;

    do {
        errno = 0;
        rc = gnutls_record_recv(sess->session, buf, len);
    } while (rc == GNUTLS_E_AGAIN);
    return virNetTLSResult(rc);
}


/**
 * virNetTLSSessionWrite:
 * @sess: a session whose handshake is done
 * @buf: bytes to send
 * @len: their number
 *
 * Returns: the bytes sent, -1 with errno set.
 */
ssize_t
virNetTLSSessionWrite(virNetTLSSession *sess, const char *buf, size_t len)
{
    errno = 0;
    return virNetTLSResult(gnutls_record_send(sess->session, buf, len));
}


/**
 * virNetTLSSessionPending:
 * @sess: a session
 *
 * Returns: how many decrypted bytes wait in the session: a poll() on
 * the socket does not see them.
 */
size_t
virNetTLSSessionPending(virNetTLSSession *sess)
{
    return gnutls_record_check_pending(sess->session);
}
