/*
 * libvirt-domain.c: public entry points for domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("libvirt.domain");

/**
 * virConnectListAllDomains:
 * @conn: a connection
 * @domains: where to store a NULL-terminated array of handles (the
 *           caller frees each with virDomainFree() and the array with
 *           free()), or NULL to only count
 * @flags: bitwise-OR of virConnectListAllDomainsFlags filters
 *
 * Collects, in one call, handles on the domains the connection knows, running
 * or not, that pass the filters in @flags.  Prefer it to
 * virConnectListDomains() and virConnectListDefinedDomains(), between which a
 * domain can change state.
 *
 * Returns: the number of domains that pass the filters, or -1 on error.
 */
int
virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                         unsigned int flags)
{
    int ret;

    VIR_DEBUG("conn=%p domains=%p flags=0x%x", conn, domains, flags);
    virResetLastError();
    if (domains)
        *domains = NULL;
    virCheckConnectReturn(conn, -1);
    if (!conn->driver->connectListAllDomains) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->driver->connectListAllDomains(conn, domains, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virConnectNumOfDomains:
 * @conn: a connection
 *
 * Counts the active domains, running or paused.
 *
 * Returns: the number of running (or paused) domains, or -1 on error.
 */
int
virConnectNumOfDomains(virConnectPtr conn)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    if (!conn->driver->connectNumOfDomains) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->driver->connectNumOfDomains(conn)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virConnectListDomains:
 * @conn: a connection
 * @ids: array to fill with the IDs of running domains
 * @maxids: its length
 *
 * Fills @ids with the IDs of active domains, at most @maxids of them.  Racy
 * by nature (domains come and go); prefer virConnectListAllDomains().
 *
 * Returns: the number of IDs stored, or -1 on error.
 */
int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    int ret;

    VIR_DEBUG("conn=%p ids=%p maxids=%d", conn, ids, maxids);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    virCheckNonNegativeArgGoto(maxids, error);
    if (maxids)
        virCheckNonNullArgGoto(ids, error);
    if (!conn->driver->connectListDomains) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->driver->connectListDomains(conn, ids, maxids)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virConnectNumOfDefinedDomains:
 * @conn: a connection
 *
 * Counts the persistent domains that are not running.
 *
 * Returns: the number of defined domains that are not running, or -1.
 */
int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    if (!conn->driver->connectNumOfDefinedDomains) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->driver->connectNumOfDefinedDomains(conn)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virConnectListDefinedDomains:
 * @conn: a connection
 * @names: array to fill with names (each for the caller to free())
 * @maxnames: its length
 *
 * Fills @names with the names of persistent domains that are not running, at
 * most @maxnames of them.  Racy by nature, like virConnectListDomains();
 * prefer virConnectListAllDomains().
 *
 * Returns: the number of names stored, or -1 on error.
 */
int
virConnectListDefinedDomains(virConnectPtr conn, char **const names,
                             int maxnames)
{
    int ret;

    VIR_DEBUG("conn=%p names=%p maxnames=%d", conn, names, maxnames);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    virCheckNonNegativeArgGoto(maxnames, error);
    if (maxnames)
        virCheckNonNullArgGoto(names, error);
    if (!conn->driver->connectListDefinedDomains) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->driver->connectListDefinedDomains(conn, names, maxnames)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virConnectDomainXMLToNative:
 * @conn: a connection
 * @nativeFormat: "qemu-argv"
 * @domainXml: a domain definition
 * @flags: none yet; pass 0
 *
 * Shows the QEMU command line the driver would run for @domainXml,
 * without running anything.
 *
 * Returns: the command line, for the caller to free(), or NULL on error.
 */
char *
virConnectDomainXMLToNative(virConnectPtr conn, const char *nativeFormat,
                            const char *domainXml, unsigned int flags)
{
    char *ret;

    VIR_DEBUG("conn=%p format=%s flags=0x%x", conn, NULLSTR(nativeFormat), flags);
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    /* Upstream refuses this on a read-only connection: the command line
     * would show the secrets of the definition. */
    virCheckReadOnlyGoto(conn->flags, error);
    virCheckNonNullArgGoto(nativeFormat, error);
    virCheckNonNullArgGoto(domainXml, error);
    if (!conn->driver->connectDomainXMLToNative) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(ret = conn->driver->connectDomainXMLToNative(conn, nativeFormat,
                                                       domainXml, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


/**
 * virDomainLookupByID:
 * @conn: a connection
 * @id: the ID of a running domain
 *
 * Finds an active domain by the ID it was given when it started.
 *
 * Returns: a handle, or NULL (VIR_ERR_NO_DOMAIN if no domain runs with
 * that ID).
 */
virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p id=%d", conn, id);
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    virCheckNonNegativeArgGoto(id, error);
    if (!conn->driver->domainLookupByID) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(ret = conn->driver->domainLookupByID(conn, id)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


/**
 * virDomainLookupByName:
 * @conn: a connection
 * @name: a domain's name
 *
 * Finds a domain, active or only defined, by its name.
 *
 * Returns: a handle, or NULL (VIR_ERR_NO_DOMAIN if there is no such
 * domain).
 */
virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p name=%s", conn, NULLSTR(name));
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    virCheckNonNullArgGoto(name, error);
    if (!conn->driver->domainLookupByName) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(ret = conn->driver->domainLookupByName(conn, name)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


/**
 * virDomainLookupByUUID:
 * @conn: a connection
 * @uuid: VIR_UUID_BUFLEN raw bytes
 *
 * Finds a domain, active or only defined, by its UUID in raw form.
 *
 * Returns: a handle, or NULL (VIR_ERR_NO_DOMAIN if there is no such
 * domain).
 */
virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p uuid=%p", conn, uuid);
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    virCheckNonNullArgGoto(uuid, error);
    if (!conn->driver->domainLookupByUUID) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(ret = conn->driver->domainLookupByUUID(conn, uuid)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


/* The body of virDomainDefineXML and virDomainDefineXMLFlags;
 * @funcname is the public function, for upstream's messages. */
static virDomainPtr
virDomainDefineInternal(virConnectPtr conn, const char *xml, unsigned int flags,
                        const char *funcname)
{
    virDomainPtr ret;

    VIR_DEBUG("%s: conn=%p flags=0x%x", funcname, conn, flags);
    virResetLastError();
    if (!virConnectIsValid(conn)) {
        virReportError(VIR_ERR_INVALID_CONN, "%s", funcname);
        virDispatchError(NULL);
        return NULL;
    }
    if (conn->flags & VIR_CONNECT_RO) {
        virReportError(VIR_ERR_OPERATION_DENIED,
                       _("read only access prevents %1$s"), funcname);
        goto error;
    }
    if (!xml) {
        virReportInvalidArg(xml, _("%1$s in %2$s must not be NULL"), "xml",
                            funcname);
        goto error;
    }
    if (STREQ(funcname, "virDomainDefineXML") && conn->driver->domainDefineXML) {
        ret = conn->driver->domainDefineXML(conn, xml);
    } else if (STREQ(funcname, "virDomainDefineXMLFlags") &&
               conn->driver->domainDefineXMLFlags) {
        ret = conn->driver->domainDefineXMLFlags(conn, xml, flags);
    } else {
        virReportErrorHelper(VIR_FROM_THIS, VIR_ERR_NO_SUPPORT, __FILE__, __func__,
                             __LINE__, "%s", funcname);
        goto error;
    }
    if (!ret)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


/**
 * virDomainDefineXMLFlags:
 * @conn: a connection
 * @xml: a domain definition
 * @flags: bitwise-OR of virDomainDefineFlags
 *
 * Stores a persistent definition (atomically: a crash never leaves half
 * a file), or replaces the one with the same name and UUID.  Defining a
 * running domain changes what its next start uses.
 *
 * Returns: a handle, or NULL on error.
 */
virDomainPtr
virDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    return virDomainDefineInternal(conn, xml, flags, __func__);
}


/**
 * virDomainDefineXML:
 * @conn: a connection
 * @xml: a domain definition
 *
 * virDomainDefineXMLFlags() with no flags.
 *
 * Returns: a handle, or NULL on error.
 */
virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    return virDomainDefineInternal(conn, xml, 0, __func__);
}


/**
 * virDomainUndefineFlags:
 * @domain: a domain
 * @flags: bitwise-OR of virDomainUndefineFlagsValues
 *
 * Removes the persistent definition.  A running domain keeps running as
 * a transient one and is forgotten when it stops.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p flags=0x%x", domain, flags);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainUndefineFlags) {
        if (conn->driver->domainUndefineFlags(domain, flags) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainUndefine:
 * @domain: a domain
 *
 * virDomainUndefineFlags() with no flags.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainUndefine(virDomainPtr domain)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainUndefine) {
        if (conn->driver->domainUndefine(domain) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainCreateWithFlags:
 * @domain: a defined, inactive domain
 * @flags: bitwise-OR of virDomainCreateFlags (VIR_DOMAIN_START_PAUSED)
 *
 * Starts the domain.  On failure no emulator process and no runtime
 * state is left behind, and the error says what QEMU printed.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p flags=0x%x", domain, flags);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainCreateWithFlags) {
        if (conn->driver->domainCreateWithFlags(domain, flags) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainCreate:
 * @domain: a defined, inactive domain
 *
 * virDomainCreateWithFlags() with no flags.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainCreate(virDomainPtr domain)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainCreate) {
        if (conn->driver->domainCreate(domain) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainCreateXML:
 * @conn: a connection
 * @xmlDesc: a domain definition
 * @flags: bitwise-OR of virDomainCreateFlags
 *
 * Starts a transient domain: it exists only while it runs.
 *
 * Returns: a handle, or NULL on error.
 */
virDomainPtr
virDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p flags=0x%x", conn, flags);
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    virCheckNonNullArgGoto(xmlDesc, error);
    virCheckReadOnlyGoto(conn->flags, error);
    if (!conn->driver->domainCreateXML) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(ret = conn->driver->domainCreateXML(conn, xmlDesc, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


/**
 * virDomainShutdownFlags:
 * @domain: a running domain
 * @flags: bitwise-OR of virDomainShutdownFlagValues: ACPI_POWER_BTN
 *         presses the virtual power button; SIGNAL sends SIGTERM to the
 *         emulator, which then exits cleanly; 0 means ACPI_POWER_BTN
 *
 * Asks for a clean stop and returns once the request is delivered: the
 * guest may take its time, or ignore an ACPI request altogether.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p flags=0x%x", domain, flags);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainShutdownFlags) {
        if (conn->driver->domainShutdownFlags(domain, flags) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainShutdown:
 * @domain: a running domain
 *
 * virDomainShutdownFlags() with no flags.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainShutdown(virDomainPtr domain)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainShutdown) {
        if (conn->driver->domainShutdown(domain) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainDestroyFlags:
 * @domain: a running or paused domain
 * @flags: bitwise-OR of virDomainDestroyFlagsValues
 *
 * Stops the emulator process.  By default: SIGTERM, a wait of
 * destroy_term_timeout (qemu.conf, 10 s), then SIGKILL.  With
 * VIR_DOMAIN_DESTROY_GRACEFUL only SIGTERM is ever sent: if the emulator
 * has not exited within destroy_graceful_timeout (15 s) the call fails
 * with VIR_ERR_OPERATION_FAILED and changes nothing, so that the
 * application can decide whether to force it.  An emulator that exits
 * on SIGTERM has flushed every write it completed to the images.
 * With VIR_DOMAIN_DESTROY_REMOVE_LOGS the domain's emulator log is
 * deleted after a successful stop.
 *
 * Any other flag bit fails with VIR_ERR_INVALID_ARG before anything is
 * signalled; a domain that is not running fails with
 * VIR_ERR_OPERATION_INVALID.
 *
 * Returns: 0 once the emulator is gone, or -1 on error.
 */
int
virDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p flags=0x%x", domain, flags);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainDestroyFlags) {
        if (conn->driver->domainDestroyFlags(domain, flags) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainDestroy:
 * @domain: a running or paused domain
 *
 * virDomainDestroyFlags() with no flags: SIGTERM, then SIGKILL if the
 * emulator has not exited in time.
 *
 * Returns: 0 once the emulator is gone, or -1 on error.
 */
int
virDomainDestroy(virDomainPtr domain)
{
    virConnectPtr conn;

    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    conn = domain->conn;
    virCheckReadOnlyGoto(conn->flags, error);
    if (conn->driver->domainDestroy) {
        if (conn->driver->domainDestroy(domain) < 0)
            goto error;
        return 0;
    }
    virReportUnsupportedError();

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainSuspend:
 * @domain: a running domain
 *
 * Stops the virtual CPUs; the emulator process stays.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainSuspend(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virCheckReadOnlyGoto(domain->conn->flags, error);
    if (!domain->conn->driver->domainSuspend) {
        virReportUnsupportedError();
        goto error;
    }
    if (domain->conn->driver->domainSuspend(domain) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}


/**
 * virDomainResume:
 * @domain: a paused domain
 *
 * Restarts the virtual CPUs.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainResume(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virCheckReadOnlyGoto(domain->conn->flags, error);
    if (!domain->conn->driver->domainResume) {
        virReportUnsupportedError();
        goto error;
    }
    if (domain->conn->driver->domainResume(domain) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}


/**
 * virDomainGetState:
 * @domain: a domain
 * @state: where to store a virDomainState
 * @reason: where to store the reason (the enum that goes with @state),
 *          or NULL
 * @flags: none yet; pass 0
 *
 * Reports what the domain is doing and why.  For an active domain the driver
 * asks QEMU (unless another call holds the domain), so a guest that has just
 * powered itself off is reported shut off, with reason
 * VIR_DOMAIN_SHUTOFF_SHUTDOWN.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainGetState(virDomainPtr domain, int *state, int *reason,
                  unsigned int flags)
{
    VIR_DEBUG("domain=%p state=%p reason=%p flags=0x%x", domain, state, reason,
              flags);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virCheckNonNullArgGoto(state, error);
    if (!domain->conn->driver->domainGetState) {
        virReportUnsupportedError();
        goto error;
    }
    if (domain->conn->driver->domainGetState(domain, state, reason, flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}


/**
 * virDomainGetInfo:
 * @domain: a domain
 * @info: where to store the summary
 *
 * Fills @info with the domain's state, memory, number of virtual CPUs and CPU
 * time.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    VIR_DEBUG("domain=%p info=%p", domain, info);
    virResetLastError();
    if (info)
        memset(info, 0, sizeof(*info));
    virCheckDomainReturn(domain, -1);
    virCheckNonNullArgGoto(info, error);
    if (!domain->conn->driver->domainGetInfo) {
        virReportUnsupportedError();
        goto error;
    }
    if (domain->conn->driver->domainGetInfo(domain, info) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}


/**
 * virDomainGetXMLDesc:
 * @domain: a domain
 * @flags: bitwise-OR of virDomainXMLFlags
 *
 * Describes the domain in XML.
 *
 * Returns: the live definition (with the addresses and aliases the
 * driver assigned) or, with VIR_DOMAIN_XML_INACTIVE, the one the next
 * start will use; for the caller to free().  NULL on error.
 */
char *
virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    char *ret;

    VIR_DEBUG("domain=%p flags=0x%x", domain, flags);
    virResetLastError();
    virCheckDomainReturn(domain, NULL);
    if ((domain->conn->flags & VIR_CONNECT_RO) &&
        (flags & VIR_DOMAIN_XML_SECURE)) {
        virReportError(VIR_ERR_OPERATION_DENIED, "%s",
                       _("virDomainGetXMLDesc with secure flag"));
        goto error;
    }
    if (!domain->conn->driver->domainGetXMLDesc) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(ret = domain->conn->driver->domainGetXMLDesc(domain, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return NULL;
}


/**
 * virDomainGetOSType:
 * @domain: a domain
 *
 * Names the kind of guest the domain runs: for QEMU, "hvm", full
 * virtualization.
 *
 * Returns: the guest OS type ("hvm"), for the caller to free(), or NULL.
 */
char *
virDomainGetOSType(virDomainPtr domain)
{
    char *ret;

    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, NULL);
    if (!domain->conn->driver->domainGetOSType) {
        virReportUnsupportedError();
        goto error;
    }
    if (!(ret = domain->conn->driver->domainGetOSType(domain)))
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return NULL;
}


/**
 * virDomainGetMaxMemory:
 * @domain: a domain
 *
 * Gives the most memory the domain may use.
 *
 * Returns: the memory the domain may use, in KiB, or 0 on error.
 */
unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    unsigned long long ret;

    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, 0);
    if (!domain->conn->driver->domainGetMaxMemory) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = domain->conn->driver->domainGetMaxMemory(domain)) == 0)
        goto error;
    if (ret > ULONG_MAX) {
        virReportError(VIR_ERR_OVERFLOW, _("result too large: %1$llu"), ret);
        goto error;
    }
    return ret;

 error:
    virDispatchError(domain->conn);
    return 0;
}


/**
 * virDomainGetAutostart:
 * @domain: a domain
 * @autostart: where to store 1 if the domain starts with the host
 *
 * Tells whether the domain is started when the host boots.  This driver starts
 * domains only when asked to, so the answer is always 0.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    VIR_DEBUG("domain=%p autostart=%p", domain, autostart);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virCheckNonNullArgGoto(autostart, error);
    if (!domain->conn->driver->domainGetAutostart) {
        virReportUnsupportedError();
        goto error;
    }
    if (domain->conn->driver->domainGetAutostart(domain, autostart) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}


/**
 * virDomainIsActive:
 * @dom: a domain
 *
 * Tells whether the domain has an emulator process, running or paused.
 *
 * Returns: 1 if it is running or paused, 0 if not, -1 on error.
 */
int
virDomainIsActive(virDomainPtr dom)
{
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    virCheckDomainReturn(dom, -1);
    if (!dom->conn->driver->domainIsActive) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = dom->conn->driver->domainIsActive(dom)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
}


/**
 * virDomainIsPersistent:
 * @dom: a domain
 *
 * Tells whether the domain has a stored definition.
 *
 * Returns: 1 if it has a stored definition, 0 if it is transient, -1 on
 * error.
 */
int
virDomainIsPersistent(virDomainPtr dom)
{
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    virCheckDomainReturn(dom, -1);
    if (!dom->conn->driver->domainIsPersistent) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = dom->conn->driver->domainIsPersistent(dom)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
}


/**
 * virConnectDomainEventRegisterAny:
 * @conn: a connection
 * @dom: only report events of this domain, or NULL for every domain
 * @eventID: a virDomainEventID
 * @cb: the callback, with the signature @eventID calls for, cast with
 *      VIR_DOMAIN_EVENT_CALLBACK()
 * @opaque: passed to @cb
 * @freecb: called with @opaque when the callback is deregistered, or NULL
 *
 * Callbacks run from the application's event loop: register one first
 * (virEventRegisterDefaultImpl() and a thread calling
 * virEventRunDefaultImpl(), or virEventRegisterImpl()).
 *
 * Returns: a callback ID for virConnectDomainEventDeregisterAny(), or -1.
 */
int
virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                 int eventID,
                                 virConnectDomainEventGenericCallback cb,
                                 void *opaque, virFreeCallback freecb)
{
    int ret;

    VIR_DEBUG("conn=%p dom=%p eventID=%d cb=%p opaque=%p", conn, dom, eventID,
              cb, opaque);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    if (dom) {
        if (!virDomainIsValid(dom) || dom->conn != conn) {
            virReportError(VIR_ERR_INVALID_DOMAIN, "%s", __func__);
            goto error;
        }
    }
    virCheckNonNullArgGoto(cb, error);
    virCheckNonNegativeArgGoto(eventID, error);
    if (eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        virReportInvalidArg(eventID, _("eventID in %1$s must be less than %2$d"),
                            __func__, VIR_DOMAIN_EVENT_ID_LAST);
        goto error;
    }
    if (!conn->driver->connectDomainEventRegisterAny) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->driver->connectDomainEventRegisterAny(conn, dom, eventID, cb,
                                                           opaque, freecb)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virConnectDomainEventDeregisterAny:
 * @conn: a connection
 * @callbackID: an ID from virConnectDomainEventRegisterAny()
 *
 * Removes a callback registered with virConnectDomainEventRegisterAny().  Its
 * free callback, if it had one, is then called with its data.
 *
 * Returns: 0, or -1 on error.
 */
int
virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    VIR_DEBUG("conn=%p callbackID=%d", conn, callbackID);
    virResetLastError();
    virCheckConnectReturn(conn, -1);
    virCheckNonNegativeArgGoto(callbackID, error);
    if (!conn->driver->connectDomainEventDeregisterAny) {
        virReportUnsupportedError();
        goto error;
    }
    if (conn->driver->connectDomainEventDeregisterAny(conn, callbackID) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainCreateLinux:
 * @conn: a connection
 * @xmlDesc: a domain definition
 * @flags: bitwise-OR of virDomainCreateFlags
 *
 * The name virDomainCreateXML() had in the first releases; it does
 * exactly what that function does, errors included.
 *
 * Returns: a handle on the running transient domain, or NULL on error.
 */
virDomainPtr
virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    return virDomainCreateXML(conn, xmlDesc, flags);
}


/**
 * virDomainListGetStats:
 * @doms: a NULL-terminated array of domains, all of one connection
 * @stats: bitwise-OR of virDomainStatsTypes, or 0 for everything
 * @retStats: where to store a NULL-terminated array of records, to be
 *            released with virDomainStatsRecordListFree()
 * @flags: bitwise-OR of virConnectGetAllDomainStatsFlags
 *
 * Collects statistics about the given domains in one call.
 *
 * Returns: the number of records stored, or -1 on error.
 */
int
virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                      virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    virConnectPtr conn = NULL;
    int ret;

    VIR_DEBUG("doms=%p stats=0x%x retStats=%p flags=0x%x", doms, stats,
              retStats, flags);
    virResetLastError();
    virCheckNonNullArgGoto(doms, error);
    virCheckNonNullArgGoto(retStats, error);
    if (!*doms) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("doms array in %1$s must contain at least one domain"),
                       __func__);
        goto error;
    }
    conn = doms[0]->conn;
    virCheckConnectGoto(conn, error);
    for (size_t i = 0; doms[i]; i++) {
        if (!virDomainIsValid(doms[i]) || doms[i]->conn != conn) {
            virReportErrorHelper(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, __FILE__,
                                 __func__, __LINE__, "%s", __func__);
            goto error;
        }
    }
    if (!conn->driver->domainListGetStats) {
        virReportUnsupportedError();
        goto error;
    }
    if ((ret = conn->driver->domainListGetStats(doms, stats, retStats, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}


/**
 * virDomainStatsRecordListFree:
 * @stats: a NULL-terminated array of records, or NULL
 *
 * Releases what virConnectGetAllDomainStats() and virDomainListGetStats()
 * returned: each record, its domain handle and its parameters.
 */
void
virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    if (!stats)
        return;
    for (size_t i = 0; stats[i]; i++) {
        virDomainUnrefInternal(stats[i]->dom);
        virTypedParamsFree(stats[i]->params, stats[i]->nparams);
        free(stats[i]);
    }
    free(stats);
}


/**
 * virDomainFSInfoFree:
 * @info: what virDomainGetFSInfo() returned for one file system, or NULL
 *
 * Releases one file system's description.
 */
void
virDomainFSInfoFree(virDomainFSInfoPtr info)
{
    if (!info)
        return;
    free(info->mountpoint);
    free(info->name);
    free(info->fstype);
    for (size_t i = 0; i < info->ndevAlias; i++)
        free(info->devAlias[i]);
    free(info->devAlias);
    free(info);
}


/**
 * virDomainIOThreadInfoFree:
 * @info: what virDomainGetIOThreadInfo() returned for one thread, or NULL
 *
 * Releases one I/O thread's description.
 */
void
virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info)
{
    if (!info)
        return;
    free(info->cpumap);
    free(info);
}


/**
 * virDomainInterfaceFree:
 * @iface: what virDomainInterfaceAddresses() returned for one interface,
 *         or NULL
 *
 * Releases one interface's description and its addresses.
 */
void
virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    if (!iface)
        return;
    free(iface->name);
    free(iface->hwaddr);
    for (size_t i = 0; i < iface->naddrs; i++)
        free(iface->addrs[i].addr);
    free(iface->addrs);
    free(iface);
}


/**
 * virNetworkDHCPLeaseFree:
 * @lease: what virNetworkGetDHCPLeases() returned for one lease, or NULL
 *
 * Releases one lease's description.
 */
void
virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease)
{
    if (!lease)
        return;
    free(lease->iface);
    free(lease->mac);
    free(lease->iaid);
    free(lease->ipaddr);
    free(lease->hostname);
    free(lease->clientid);
    free(lease);
}
