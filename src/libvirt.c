/*
 * libvirt.c: public entry points for the library and its connections
 *
 * Every entry point follows the same steps: log the call, reset the
 * thread's last error, check the arguments (reporting upstream's error
 * codes), call the driver through its table, and on failure dispatch
 * the error exactly once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <termios.h>

#include "datatypes.h"
#include "virerror.h"
#include "virgettext.h"
#include "virlog.h"
#include "libvirt_internal.h"
#include "qemu_driver.h"
#include "remote_driver.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("libvirt");

/* The drivers this library carries, tried in order on open: the remote
 * driver takes qemu:///system, qemu:///session and qemu+unix://, the
 * QEMU driver qemu:///embed (and system and session inside the
 * daemon). */
static const virConnectDriver *const virConnectDrivers[] = {
    &remoteConnectDriver,
    &qemuConnectDriver,
};

static int virConnectLocalOnly;


/**
 * virConnectSetLocalOnly:
 *
 * Makes every later open of qemu:///system or qemu:///session in this
 * process run the QEMU driver here: the daemon serving those URIs must
 * not connect to itself.
 */
void
virConnectSetLocalOnly(void)
{
    g_atomic_int_set(&virConnectLocalOnly, 1);
}


/**
 * virConnectIsLocalOnly:
 *
 * Returns: whether virConnectSetLocalOnly() was called.
 */
bool
virConnectIsLocalOnly(void)
{
    return g_atomic_int_get(&virConnectLocalOnly) != 0;
}

static GOnce virInitializeOnce = G_ONCE_INIT;
static int virInitializeResult;


static gpointer
virGlobalInit(gpointer opaque G_GNUC_UNUSED)
{
    g_autofree char *localedir = virGettextLocaleDir((const void *)virGlobalInit);

    bindtextdomain(GETTEXT_PACKAGE, localedir);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    if (virLogSetFromEnv() < 0) {
        /* A bad LIBVIRT_DEBUG must not make every call fail; say so once. */
        fprintf(stderr, "libvirt: %s\n", virGetLastErrorMessage());
        virResetLastError();
    }
    virInitializeResult = 0;
    return NULL;
}


/**
 * virInitialize:
 *
 * Sets up the library: translations and logging from the environment
 * (LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS, LIBVIRT_LOG_OUTPUTS).  Every
 * entry point that needs it calls it, so applications need not; it is
 * safe to call any number of times from any thread.
 *
 * Returns: 0
 */
int
virInitialize(void)
{
    g_once(&virInitializeOnce, virGlobalInit, NULL);
    return virInitializeResult;
}


/**
 * virGetVersion:
 * @libVer: where to store the library's version, or NULL
 * @type: a driver name, or NULL; only "QEMU" is known here
 * @typeVer: where to store the driver's version, or NULL
 *
 * Versions are major * 1,000,000 + minor * 1,000 + micro.  The drivers
 * are built into the library, so a driver's version is the library's.
 *
 * Returns: 0, or -1 if @type names a driver this library lacks.
 */
int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    virInitialize();
    VIR_DEBUG("libVer=%p type=%s typeVer=%p", libVer, NULLSTR(type), typeVer);
    virResetLastError();

    if (libVer)
        *libVer = LIBVIRT_VERSION_NUMBER;
    if (typeVer) {
        if (type && g_ascii_strcasecmp(type, "QEMU") != 0) {
            virReportError(VIR_ERR_NO_SUPPORT, _("driver '%1$s' is not built in"),
                           type);
            virDispatchError(NULL);
            return -1;
        }
        *typeVer = LIBVIRT_VERSION_NUMBER;
    }
    return 0;
}


/*
 * The URI to use when the application passes NULL or "":
 * LIBVIRT_DEFAULT_URI, else the system instance for root and the
 * session instance for everyone else.
 */
static char *
virConnectDefaultURI(void)
{
    const char *env = g_getenv("LIBVIRT_DEFAULT_URI");

    if (env && *env) {
        VIR_DEBUG("using LIBVIRT_DEFAULT_URI=%s", env);
        return g_strdup(env);
    }
    return g_strdup(geteuid() == 0 ? "qemu:///system" : "qemu:///session");
}


static virConnectPtr
virConnectOpenInternal(const char *name, virConnectAuthPtr auth,
                       unsigned int flags)
{
    g_autofree char *uristr = NULL;
    g_autoptr(GUri) uri = NULL;
    g_autoptr(GError) gerr = NULL;
    virConnectPtr conn = NULL;

    if (!name || !*name)
        uristr = virConnectDefaultURI();
    else
        uristr = g_strdup(name);

    if (!(uri = g_uri_parse(uristr, G_URI_FLAGS_ENCODED_QUERY |
                                        G_URI_FLAGS_ENCODED_PATH, &gerr))) {
        virReportError(VIR_ERR_INVALID_ARG, _("cannot parse URI '%1$s': %2$s"),
                       uristr, gerr->message);
        return NULL;
    }

    conn = virGetConnect();
    conn->flags = flags;
    conn->uri = g_steal_pointer(&uristr);

    for (size_t i = 0; i < G_N_ELEMENTS(virConnectDrivers); i++) {
        const virConnectDriver *drv = virConnectDrivers[i];
        virDrvOpenStatus rc;

        VIR_DEBUG("trying driver %s for %s", drv->hypervisorDriver->name, conn->uri);
        rc = drv->hypervisorDriver->connectOpen(conn, auth, uri, flags);
        if (rc == VIR_DRV_OPEN_SUCCESS) {
            conn->driver = drv->hypervisorDriver;
            conn->networkDriver = drv->networkDriver;
            conn->storageDriver = drv->storageDriver;
            conn->interfaceDriver = drv->interfaceDriver;
            conn->nodeDeviceDriver = drv->nodeDeviceDriver;
            conn->secretDriver = drv->secretDriver;
            conn->nwfilterDriver = drv->nwfilterDriver;
            return conn;
        }
        if (rc == VIR_DRV_OPEN_ERROR)
            goto error;
    }
    virReportError(VIR_ERR_NO_CONNECT, "%s", conn->uri);

 error:
    virConnectUnrefInternal(conn);
    return NULL;
}


/**
 * virConnectOpen:
 * @name: a URI: "qemu:///embed?root=/ABSOLUTE/DIR" (the driver runs in
 *        this process and keeps everything under DIR),
 *        "qemu:///session", "qemu:///system"; NULL or "" for the
 *        default (LIBVIRT_DEFAULT_URI, else system for root and session
 *        for others)
 *
 * Opens a read-write connection.
 *
 * Returns: the connection, to be released with virConnectClose(), or
 * NULL on error.
 */
virConnectPtr
virConnectOpen(const char *name)
{
    virConnectPtr ret;

    if (virInitialize() < 0)
        goto error;
    VIR_DEBUG("name=%s", NULLSTR(name));
    virResetLastError();
    if (!(ret = virConnectOpenInternal(name, NULL, 0)))
        goto error;
    return ret;

 error:
    virDispatchError(NULL);
    return NULL;
}


/**
 * virConnectOpenReadOnly:
 * @name: a URI, as for virConnectOpen()
 *
 * Opens a connection on which every call that would change something
 * fails with VIR_ERR_OPERATION_DENIED.
 *
 * Returns: the connection, or NULL on error.
 */
virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    virConnectPtr ret;

    if (virInitialize() < 0)
        goto error;
    VIR_DEBUG("name=%s", NULLSTR(name));
    virResetLastError();
    if (!(ret = virConnectOpenInternal(name, NULL, VIR_CONNECT_RO)))
        goto error;
    return ret;

 error:
    virDispatchError(NULL);
    return NULL;
}


/**
 * virConnectOpenAuth:
 * @name: a URI, as for virConnectOpen()
 * @auth: how to obtain credentials; local drivers never ask, so it may
 *        be NULL
 * @flags: bitwise-OR of virConnectFlags
 *
 * Opens a connection as virConnectOpen() does, read-only when @flags has
 * VIR_CONNECT_RO.  Drivers that need credentials ask for them through @auth;
 * the QEMU driver runs in the calling process and never does.  Unknown bits in
 * @flags fail with VIR_ERR_INVALID_ARG.
 *
 * Returns: the connection, or NULL on error.
 */
virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                   unsigned int flags)
{
    virConnectPtr ret;

    if (virInitialize() < 0)
        goto error;
    VIR_DEBUG("name=%s flags=0x%x", NULLSTR(name), flags);
    virResetLastError();
    virCheckFlagsGoto(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, error);
    if (!(ret = virConnectOpenInternal(name, auth, flags & VIR_CONNECT_RO)))
        goto error;
    return ret;

 error:
    virDispatchError(NULL);
    return NULL;
}


/* The default authentication callback: asks on the terminal. */
static int
virConnectAuthPromptTerminal(virConnectCredentialPtr cred, unsigned int ncred,
                             void *cbdata G_GNUC_UNUSED)
{
    for (unsigned int i = 0; i < ncred; i++) {
        bool echo = cred[i].type != VIR_CRED_PASSPHRASE &&
                    cred[i].type != VIR_CRED_NOECHOPROMPT;
        struct termios saved, quiet;
        bool restore = false;
        char buf[1024];
        size_t len;

        if (cred[i].type == VIR_CRED_EXTERNAL)
            return -1;
        if (!isatty(STDIN_FILENO))
            return -1;
        fprintf(stderr, "%s: ", cred[i].prompt ? cred[i].prompt : "");
        fflush(stderr);
        if (!echo && tcgetattr(STDIN_FILENO, &saved) == 0) {
            quiet = saved;
            quiet.c_lflag &= ~ECHO;
            restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
        if (!fgets(buf, sizeof(buf), stdin))
            buf[0] = '\0';
        if (restore) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            fputc('\n', stderr);
        }
        len = strcspn(buf, "\n");
        buf[len] = '\0';
        if (len == 0 && cred[i].defresult)
            cred[i].result = strdup(cred[i].defresult);
        else
            cred[i].result = strdup(buf);
        if (!cred[i].result)
            return -1;
        cred[i].resultlen = strlen(cred[i].result);
    }
    return 0;
}

static int virConnectAuthCredTypesDefault[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT,
};

static virConnectAuth virConnectAuthDefault = {
    virConnectAuthCredTypesDefault,
    G_N_ELEMENTS(virConnectAuthCredTypesDefault),
    virConnectAuthPromptTerminal,
    NULL,
};

virConnectAuthPtr virConnectAuthPtrDefault = &virConnectAuthDefault;


/**
 * virConnectClose:
 * @conn: a connection
 *
 * Releases a reference.  The connection really closes when the last
 * reference goes; domain handles still alive hold references too.
 *
 * Returns: the references left (0 when closed), or -1 on error.
 */
int
virConnectClose(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    return virConnectUnrefInternal(conn);
}


/**
 * virConnGetLastError:
 * @conn: a connection
 *
 * Gives the last error of a call made on @conn.  Several threads may share a
 * connection, so prefer virGetLastError(), which is kept per thread.
 *
 * Returns: the last error of a call made on @conn, owned by the
 * connection, or NULL if there is none.
 */
virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!virConnectIsValid(conn))
        return NULL;
    return conn->err.code == VIR_ERR_OK ? NULL : &conn->err;
}


/**
 * virConnResetLastError:
 * @conn: a connection
 *
 * Forgets the connection's last error.
 */
void
virConnResetLastError(virConnectPtr conn)
{
    if (!virConnectIsValid(conn))
        return;
    g_mutex_lock(&conn->lock);
    virResetError(&conn->err);
    g_mutex_unlock(&conn->lock);
}


/**
 * virConnCopyLastError:
 * @conn: a connection
 * @to: where to copy its last error
 *
 * Copies the last error of a call made on @conn into @to, whose strings the
 * caller then frees with virResetError().
 *
 * Returns: the code copied, 0 if there was none, -1 on bad arguments.
 */
int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    if (!virConnectIsValid(conn) || !to)
        return -1;
    g_mutex_lock(&conn->lock);
    if (conn->err.code == VIR_ERR_OK)
        virResetError(to);
    else
        virErrorCopy(&conn->err, to);
    g_mutex_unlock(&conn->lock);
    return to->code;
}


/**
 * virConnSetErrorFunc:
 * @conn: a connection
 * @userData: passed to @handler
 * @handler: called for errors of calls on @conn, instead of the
 *           process-wide handler; NULL to fall back to it
 *
 * Sets the function called for every error raised by a call on @conn.
 */
void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!virConnectIsValid(conn))
        return;
    g_mutex_lock(&conn->lock);
    conn->handler = handler;
    conn->userData = userData;
    g_mutex_unlock(&conn->lock);
}
