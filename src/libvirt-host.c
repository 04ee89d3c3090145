/*
 * libvirt-host.c: public entry points about a connection and its host
 * that the library answers itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

/* Upstream reports the errors of these entry points from this domain. */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("libvirt.host");


/**
 * virConnectRef:
 * @conn: a connection
 *
 * Takes an extra reference, so that the connection stays open until
 * virConnectClose() has been called once more.
 *
 * Returns: 0, or -1 if @conn is not a valid connection.
 */
int
virConnectRef(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    virConnectRefInternal(conn);
    return 0;
}


/**
 * virConnectGetLibVersion:
 * @conn: a connection
 * @libVer: where to store the library's version
 *
 * Reports the version of the library serving the connection: that of the
 * upstream libvirt release whose API it implements, so 9.0.0 gives 9000000.
 *
 * Returns: 0, or -1 on error.
 */
int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    VIR_DEBUG("conn=%p libVer=%p", conn, libVer);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    virCheckNonNullArgGoto(libVer, error);
    if (conn->driver->connectGetLibVersion) {
        /* A driver that talks to another process reports that one's. */
        if (conn->driver->connectGetLibVersion(conn, libVer) < 0)
            goto error;
        return 0;
    }
    *libVer = LIBVIRT_VERSION_NUMBER;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virConnectGetURI:
 * @conn: a connection
 *
 * Gives the URI of the connection: the one passed when it was opened or, when
 * that was NULL or empty, the default it stood for.
 *
 * Returns: the URI the connection was opened with (the default resolved),
 * for the caller to free(), or NULL on error.
 */
char *
virConnectGetURI(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    return strdup(conn->uri);
}
