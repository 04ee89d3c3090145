/*
 * qemu_secondary.c: the secondary drivers of a QEMU connection
 *
 * A connection to upstream's QEMU driver also reaches networks, storage
 * pools, host interfaces, node devices, secrets and network filters,
 * each managed by a daemon of its own.  This library manages none of
 * them, but clients list them on their way to a domain (virt-install
 * looks for storage pools and networks, virt-manager lists everything),
 * so each is answered the way an empty host answers: no objects, and a
 * lookup fails with upstream's "not found" code for that kind of object.
 * Storage is the exception: directory pools are managed (qemu_storage.c),
 * as virt-install on a remote connection needs them.
 * Everything else reports VIR_ERR_NO_SUPPORT from the entry point.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "qemu_driver.h"
#include "qemu_storage.h"
#include "datatypes.h"
#include "virerror.h"
#include "viruuid.h"

/* Counts and name lists: there is nothing to count. */
static int
qemuSecondaryNumOf(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}


static int
qemuSecondaryListNames(virConnectPtr conn G_GNUC_UNUSED,
                       char **const names G_GNUC_UNUSED,
                       int maxnames G_GNUC_UNUSED)
{
    return 0;
}


/*
 * The listing calls return a NULL-terminated array the caller releases
 * with free(); with nothing to list it holds only the terminator.
 */
static int
qemuSecondaryListAll(void ***objs)
{
    if (objs) {
        if (!(*objs = calloc(1, sizeof(void *)))) {
            virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_NO_MEMORY, __FILE__,
                                 __func__, __LINE__, NULL);
            return -1;
        }
    }
    return 0;
}


/* ---- networks ---- */

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_NETWORK

static int
qemuConnectListAllNetworks(virConnectPtr conn G_GNUC_UNUSED,
                           virNetworkPtr **nets, unsigned int flags)
{
    virCheckFlags(VIR_CONNECT_LIST_NETWORKS_INACTIVE |
                  VIR_CONNECT_LIST_NETWORKS_ACTIVE |
                  VIR_CONNECT_LIST_NETWORKS_PERSISTENT |
                  VIR_CONNECT_LIST_NETWORKS_TRANSIENT |
                  VIR_CONNECT_LIST_NETWORKS_AUTOSTART |
                  VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, -1);
    return qemuSecondaryListAll((void ***)nets);
}


static virNetworkPtr
qemuNetworkLookupByName(virConnectPtr conn G_GNUC_UNUSED, const char *name)
{
    virReportError(VIR_ERR_NO_NETWORK, _("no network with matching name '%1$s'"), name);
    return NULL;
}


static virNetworkPtr
qemuNetworkLookupByUUID(virConnectPtr conn G_GNUC_UNUSED, const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, uuidstr);
    virReportError(VIR_ERR_NO_NETWORK, _("no network with matching uuid '%1$s'"), uuidstr);
    return NULL;
}


static const virNetworkDriver qemuNetworkDriver = {
    .name = "QEMU",
    .connectNumOfNetworks = qemuSecondaryNumOf,
    .connectListNetworks = qemuSecondaryListNames,
    .connectNumOfDefinedNetworks = qemuSecondaryNumOf,
    .connectListDefinedNetworks = qemuSecondaryListNames,
    .connectListAllNetworks = qemuConnectListAllNetworks,
    .networkLookupByName = qemuNetworkLookupByName,
    .networkLookupByUUID = qemuNetworkLookupByUUID,
};


/* ---- host interfaces ---- */

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_INTERFACE

static int
qemuConnectListAllInterfaces(virConnectPtr conn G_GNUC_UNUSED,
                             virInterfacePtr **ifaces, unsigned int flags)
{
    virCheckFlags(VIR_CONNECT_LIST_INTERFACES_INACTIVE |
                  VIR_CONNECT_LIST_INTERFACES_ACTIVE, -1);
    return qemuSecondaryListAll((void ***)ifaces);
}


static virInterfacePtr
qemuInterfaceLookupByName(virConnectPtr conn G_GNUC_UNUSED, const char *name)
{
    virReportError(VIR_ERR_NO_INTERFACE,
                   _("no interface with matching name '%1$s'"), name);
    return NULL;
}


static virInterfacePtr
qemuInterfaceLookupByMACString(virConnectPtr conn G_GNUC_UNUSED, const char *mac)
{
    virReportError(VIR_ERR_NO_INTERFACE,
                   _("no interface with matching mac '%1$s'"), mac);
    return NULL;
}


static const virInterfaceDriver qemuInterfaceDriver = {
    .name = "QEMU",
    .connectNumOfInterfaces = qemuSecondaryNumOf,
    .connectListInterfaces = qemuSecondaryListNames,
    .connectNumOfDefinedInterfaces = qemuSecondaryNumOf,
    .connectListDefinedInterfaces = qemuSecondaryListNames,
    .connectListAllInterfaces = qemuConnectListAllInterfaces,
    .interfaceLookupByName = qemuInterfaceLookupByName,
    .interfaceLookupByMACString = qemuInterfaceLookupByMACString,
};


/* ---- node devices ---- */

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_NODEDEV

static int
qemuNodeNumOfDevices(virConnectPtr conn G_GNUC_UNUSED, const char *cap G_GNUC_UNUSED,
                     unsigned int flags)
{
    virCheckFlags(0, -1);
    return 0;
}


static int
qemuNodeListDevices(virConnectPtr conn G_GNUC_UNUSED, const char *cap G_GNUC_UNUSED,
                    char **const names G_GNUC_UNUSED, int maxnames G_GNUC_UNUSED,
                    unsigned int flags)
{
    virCheckFlags(0, -1);
    return 0;
}


static int
qemuConnectListAllNodeDevices(virConnectPtr conn G_GNUC_UNUSED,
                              virNodeDevicePtr **devices, unsigned int flags)
{
    virCheckFlags(((1U << 22) - 1) | (1U << 30) | (1U << 31), -1);
    return qemuSecondaryListAll((void ***)devices);
}


static virNodeDevicePtr
qemuNodeDeviceLookupByName(virConnectPtr conn G_GNUC_UNUSED, const char *name)
{
    virReportError(VIR_ERR_NO_NODE_DEVICE,
                   _("no node device with matching name '%1$s'"), name);
    return NULL;
}


static virNodeDevicePtr
qemuNodeDeviceLookupSCSIHostByWWN(virConnectPtr conn G_GNUC_UNUSED, const char *wwnn,
                                  const char *wwpn, unsigned int flags)
{
    virCheckFlags(0, NULL);
    virReportError(VIR_ERR_NO_NODE_DEVICE,
                   _("no node device with matching wwnn '%1$s' and wwpn '%2$s'"),
                   wwnn, wwpn);
    return NULL;
}


static const virNodeDeviceDriver qemuNodeDeviceDriver = {
    .name = "QEMU",
    .nodeNumOfDevices = qemuNodeNumOfDevices,
    .nodeListDevices = qemuNodeListDevices,
    .connectListAllNodeDevices = qemuConnectListAllNodeDevices,
    .nodeDeviceLookupByName = qemuNodeDeviceLookupByName,
    .nodeDeviceLookupSCSIHostByWWN = qemuNodeDeviceLookupSCSIHostByWWN,
};


/* ---- secrets ---- */

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_SECRET

static int
qemuConnectListSecrets(virConnectPtr conn G_GNUC_UNUSED, char **uuids G_GNUC_UNUSED,
                       int maxuuids G_GNUC_UNUSED)
{
    return 0;
}


static int
qemuConnectListAllSecrets(virConnectPtr conn G_GNUC_UNUSED,
                          virSecretPtr **secrets, unsigned int flags)
{
    virCheckFlags(VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                  VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL |
                  VIR_CONNECT_LIST_SECRETS_PRIVATE |
                  VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, -1);
    return qemuSecondaryListAll((void ***)secrets);
}


static virSecretPtr
qemuSecretLookupByUUID(virConnectPtr conn G_GNUC_UNUSED, const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, uuidstr);
    virReportError(VIR_ERR_NO_SECRET, _("no secret with matching uuid '%1$s'"), uuidstr);
    return NULL;
}


static virSecretPtr
qemuSecretLookupByUsage(virConnectPtr conn G_GNUC_UNUSED, int usageType G_GNUC_UNUSED,
                        const char *usageID)
{
    virReportError(VIR_ERR_NO_SECRET, _("no secret with matching usage '%1$s'"), usageID);
    return NULL;
}


static const virSecretDriver qemuSecretDriver = {
    .name = "QEMU",
    .connectNumOfSecrets = qemuSecondaryNumOf,
    .connectListSecrets = qemuConnectListSecrets,
    .connectListAllSecrets = qemuConnectListAllSecrets,
    .secretLookupByUUID = qemuSecretLookupByUUID,
    .secretLookupByUsage = qemuSecretLookupByUsage,
};


/* ---- network filters ---- */

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_NWFILTER

static int
qemuConnectListAllNWFilters(virConnectPtr conn G_GNUC_UNUSED,
                            virNWFilterPtr **filters, unsigned int flags)
{
    virCheckFlags(0, -1);
    return qemuSecondaryListAll((void ***)filters);
}


static int
qemuConnectListAllNWFilterBindings(virConnectPtr conn G_GNUC_UNUSED,
                                   virNWFilterBindingPtr **bindings, unsigned int flags)
{
    virCheckFlags(0, -1);
    return qemuSecondaryListAll((void ***)bindings);
}


static virNWFilterPtr
qemuNWFilterLookupByName(virConnectPtr conn G_GNUC_UNUSED, const char *name)
{
    virReportError(VIR_ERR_NO_NWFILTER, _("no nwfilter with matching name '%1$s'"), name);
    return NULL;
}


static virNWFilterPtr
qemuNWFilterLookupByUUID(virConnectPtr conn G_GNUC_UNUSED, const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, uuidstr);
    virReportError(VIR_ERR_NO_NWFILTER, _("no nwfilter with matching uuid '%1$s'"), uuidstr);
    return NULL;
}


static virNWFilterBindingPtr
qemuNWFilterBindingLookupByPortDev(virConnectPtr conn G_GNUC_UNUSED, const char *portdev)
{
    virReportError(VIR_ERR_NO_NWFILTER_BINDING,
                   _("no nwfilter binding for port dev '%1$s'"), portdev);
    return NULL;
}


static const virNWFilterDriver qemuNWFilterDriver = {
    .name = "QEMU",
    .connectNumOfNWFilters = qemuSecondaryNumOf,
    .connectListNWFilters = qemuSecondaryListNames,
    .connectListAllNWFilters = qemuConnectListAllNWFilters,
    .connectListAllNWFilterBindings = qemuConnectListAllNWFilterBindings,
    .nwfilterLookupByName = qemuNWFilterLookupByName,
    .nwfilterLookupByUUID = qemuNWFilterLookupByUUID,
    .nwfilterBindingLookupByPortDev = qemuNWFilterBindingLookupByPortDev,
};


/* What a qemu:// URI opens. */
const virConnectDriver qemuConnectDriver = {
    .hypervisorDriver = &qemuHypervisorDriver,
    .networkDriver = &qemuNetworkDriver,
    .storageDriver = &qemuStorageDriver,
    .interfaceDriver = &qemuInterfaceDriver,
    .nodeDeviceDriver = &qemuNodeDeviceDriver,
    .secretDriver = &qemuSecretDriver,
    .nwfilterDriver = &qemuNWFilterDriver,
};
