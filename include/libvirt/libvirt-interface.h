/*
 * libvirt-interface.h: the host's network interfaces
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-interface
 * @title: Host interfaces
 * @short_description: the host's network interfaces
 * @include: libvirt/libvirt.h
 *
 * Calls that configure the host's network interfaces.  This library manages
 * none: the listings are empty, lookups fail with VIR_ERR_NO_INTERFACE and the
 * other calls report VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_INTERFACE_H
# define LIBVIRT_INTERFACE_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virInterface:
 *
 * A host network interface. Opaque.
 */
typedef struct _virInterface virInterface;

/**
 * virInterfacePtr:
 *
 * A pointer to a virInterface.
 */
typedef virInterface *virInterfacePtr;

virConnectPtr virInterfaceGetConnect(virInterfacePtr iface);
int virConnectNumOfInterfaces(virConnectPtr conn);
int virConnectListInterfaces(virConnectPtr conn, char **const names,
                             int maxnames);
int virConnectNumOfDefinedInterfaces(virConnectPtr conn);
int virConnectListDefinedInterfaces(virConnectPtr conn, char **const names,
                                    int maxnames);

/**
 * virConnectListAllInterfacesFlags:
 * @VIR_CONNECT_LIST_INTERFACES_INACTIVE: inactive interfaces only
 * @VIR_CONNECT_LIST_INTERFACES_ACTIVE: active interfaces only
 *
 * Filters of virConnectListAllInterfaces().
 */
typedef enum {
    VIR_CONNECT_LIST_INTERFACES_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_INTERFACES_ACTIVE = 1 << 1,
} virConnectListAllInterfacesFlags;

int virConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                                unsigned int flags);
virInterfacePtr virInterfaceLookupByName(virConnectPtr conn, const char *name);
virInterfacePtr virInterfaceLookupByMACString(virConnectPtr conn,
                                              const char *mac);
const char *virInterfaceGetName(virInterfacePtr iface);
const char *virInterfaceGetMACString(virInterfacePtr iface);

/**
 * virInterfaceXMLFlags:
 * @VIR_INTERFACE_XML_INACTIVE: the definition rather than the live state
 *
 * Flags for virInterfaceGetXMLDesc().
 */
typedef enum {
    VIR_INTERFACE_XML_INACTIVE = 1 << 0,
} virInterfaceXMLFlags;

/**
 * virInterfaceDefineFlags:
 * @VIR_INTERFACE_DEFINE_VALIDATE: validate the XML against the schema
 *
 * Flags for virInterfaceDefineXML().
 */
typedef enum {
    VIR_INTERFACE_DEFINE_VALIDATE = 1 << 0,
} virInterfaceDefineFlags;

char *virInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags);
virInterfacePtr virInterfaceDefineXML(virConnectPtr conn, const char *xmlDesc,
                                      unsigned int flags);
int virInterfaceUndefine(virInterfacePtr iface);
int virInterfaceCreate(virInterfacePtr iface, unsigned int flags);
int virInterfaceDestroy(virInterfacePtr iface, unsigned int flags);
int virInterfaceRef(virInterfacePtr iface);
int virInterfaceFree(virInterfacePtr iface);
int virInterfaceChangeBegin(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeCommit(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeRollback(virConnectPtr conn, unsigned int flags);
int virInterfaceIsActive(virInterfacePtr iface);

#endif /* LIBVIRT_INTERFACE_H */
