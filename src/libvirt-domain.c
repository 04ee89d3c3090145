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

/* The driver lacks the call: upstream's VIR_ERR_NO_SUPPORT naming it. */
#define virReportUnsupportedError() \
    virReportError(VIR_ERR_NO_SUPPORT, "%s", __func__)

/* Where in the driver table an entry point of the form
 * int (*)(virDomainPtr, unsigned int) lives. */
#define VIR_DRIVER_ENTRY(field) offsetof(virHypervisorDriver, field)

typedef int (*virDomainFlagsCall)(virDomainPtr domain, unsigned int flags);

/*
 * The body shared by the entry points that change a domain and take
 * flags, and by their flag-less forms: check the handle and the
 * connection's access, call the driver's entry at @entry, dispatch a
 * failure.  @funcname is the public function, named in upstream's
 * messages ("invalid domain pointer in virDomainDestroy").
 */
static int
virDomainChangeWithFlags(virDomainPtr domain, unsigned int flags, size_t entry,
                         const char *funcname)
{
    virDomainFlagsCall call;

    VIR_DEBUG("%s: domain=%p flags=0x%x", funcname, domain, flags);
    virResetLastError();
    if (!virDomainIsValid(domain)) {
        virReportError(VIR_ERR_INVALID_DOMAIN, "%s", funcname);
        virDispatchError(NULL);
        return -1;
    }
    if (domain->conn->flags & VIR_CONNECT_RO) {
        virReportError(VIR_ERR_OPERATION_DENIED,
                       _("read only access prevents %1$s"), funcname);
        goto error;
    }
    memcpy(&call, (const char *)domain->conn->driver + entry, sizeof(call));
    if (call(domain, flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}


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
    if (maxids)
        virCheckNonNullArgGoto(ids, error);
    virCheckNonNegativeArgGoto(maxids, error);
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
    if (maxnames)
        virCheckNonNullArgGoto(names, error);
    virCheckNonNegativeArgGoto(maxnames, error);
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
    if (!(ret = conn->driver->domainLookupByUUID(conn, uuid)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}


/**
 * virDomainLookupByUUIDString:
 * @conn: a connection
 * @uuid: a UUID in printed form
 *
 * Finds a domain, active or only defined, by its UUID in printed form, as in
 * its XML.
 *
 * Returns: a handle, or NULL (VIR_ERR_INVALID_ARG for a malformed UUID,
 * VIR_ERR_NO_DOMAIN if there is no such domain).
 */
virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    VIR_DEBUG("conn=%p uuidstr=%s", conn, NULLSTR(uuidstr));
    virResetLastError();
    virCheckConnectReturn(conn, NULL);
    virCheckNonNullArgGoto(uuidstr, error);
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportInvalidArg(uuidstr, "%s", _("Invalid UUID"));
        goto error;
    }
    return virDomainLookupByUUID(conn, uuid);

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
    if (!(ret = conn->driver->domainDefineXMLFlags(conn, xml, flags)))
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
    return virDomainChangeWithFlags(domain, flags, VIR_DRIVER_ENTRY(domainUndefineFlags),
                                    __func__);
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
    return virDomainChangeWithFlags(domain, 0, VIR_DRIVER_ENTRY(domainUndefineFlags),
                                    __func__);
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
    return virDomainChangeWithFlags(domain, flags, VIR_DRIVER_ENTRY(domainCreateWithFlags),
                                    __func__);
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
    return virDomainChangeWithFlags(domain, 0, VIR_DRIVER_ENTRY(domainCreateWithFlags),
                                    __func__);
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
    virCheckReadOnlyGoto(conn->flags, error);
    virCheckNonNullArgGoto(xmlDesc, error);
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
    return virDomainChangeWithFlags(domain, flags, VIR_DRIVER_ENTRY(domainShutdownFlags),
                                    __func__);
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
    return virDomainChangeWithFlags(domain, 0, VIR_DRIVER_ENTRY(domainShutdownFlags),
                                    __func__);
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
    return virDomainChangeWithFlags(domain, flags, VIR_DRIVER_ENTRY(domainDestroyFlags),
                                    __func__);
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
    return virDomainChangeWithFlags(domain, 0, VIR_DRIVER_ENTRY(domainDestroyFlags),
                                    __func__);
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
    if (!(ret = domain->conn->driver->domainGetXMLDesc(domain, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return NULL;
}


/**
 * virDomainGetName:
 * @domain: a domain
 *
 * Gives the domain's name.
 *
 * Returns: its name, owned by @domain, or NULL on error.
 */
const char *
virDomainGetName(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, NULL);
    return domain->name;
}


/**
 * virDomainGetID:
 * @domain: a domain
 *
 * Gives the domain's ID.  A domain gets a new ID each time it starts and keeps
 * it until it stops; the handle remembers the ID of when it was made.
 *
 * Returns: its ID when the handle was made, (unsigned int)-1 if it was
 * not running then or on error.
 */
unsigned int
virDomainGetID(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, (unsigned int)-1);
    return domain->id;
}


/**
 * virDomainGetUUID:
 * @domain: a domain
 * @uuid: VIR_UUID_BUFLEN bytes to fill
 *
 * Copies the domain's UUID, in raw form, into @uuid.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    VIR_DEBUG("domain=%p uuid=%p", domain, uuid);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virCheckNonNullArgGoto(uuid, error);
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}


/**
 * virDomainGetUUIDString:
 * @domain: a domain
 * @buf: VIR_UUID_STRING_BUFLEN bytes to fill
 *
 * Prints the domain's UUID into @buf, as in its XML.
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    VIR_DEBUG("domain=%p buf=%p", domain, buf);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virCheckNonNullArgGoto(buf, error);
    virUUIDFormat(domain->uuid, buf);
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
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
    if ((ret = dom->conn->driver->domainIsPersistent(dom)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
}


/**
 * virDomainGetConnect:
 * @domain: a domain
 *
 * Gives the connection the handle was obtained from.
 *
 * Returns: the connection the handle belongs to (no new reference), or
 * NULL on error.
 */
virConnectPtr
virDomainGetConnect(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, NULL);
    return domain->conn;
}


/**
 * virDomainRef:
 * @domain: a domain
 *
 * Takes an extra reference; each needs its own virDomainFree().
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainRef(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virDomainRefInternal(domain);
    return 0;
}


/**
 * virDomainFree:
 * @domain: a domain handle
 *
 * Releases a reference to the handle (not the domain itself, which goes
 * on running).
 *
 * Returns: 0, or -1 on error.
 */
int
virDomainFree(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    virCheckDomainReturn(domain, -1);
    virDomainUnrefInternal(domain);
    return 0;
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
    if (conn->driver->connectDomainEventDeregisterAny(conn, callbackID) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}
