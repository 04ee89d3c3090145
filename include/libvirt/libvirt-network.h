/*
 * libvirt-network.h: FIXME
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-network
 * @title: FIXME
 * @short_description: FIXME
 * @include: libvirt/libvirt.h
 *
 * FIXME
 */

#ifndef LIBVIRT_NETWORK_H
# define LIBVIRT_NETWORK_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virNetworkXMLFlags:
 * @VIR_NETWORK_XML_INACTIVE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_XML_INACTIVE = (1 << 0),
} virNetworkXMLFlags;

/**
 * virNetwork:
 *
 * A virtual network.  Opaque.
 */
typedef struct _virNetwork virNetwork;

/**
 * virNetworkPtr:
 *
 * A handle on a virtual network.
 */
typedef virNetwork *virNetworkPtr;

/**
 * virNetworkPort:
 *
 * FIXME
 */
typedef struct _virNetworkPort virNetworkPort;

/**
 * virNetworkPortPtr:
 *
 * A pointer to a virNetworkPort.
 */
typedef virNetworkPort *virNetworkPortPtr;

virConnectPtr virNetworkGetConnect(virNetworkPtr network);
int virConnectNumOfNetworks(virConnectPtr conn);
int virConnectListNetworks(virConnectPtr conn, char **const names,
                           int maxnames);
int virConnectNumOfDefinedNetworks(virConnectPtr conn);
int virConnectListDefinedNetworks(virConnectPtr conn, char **const names,
                                  int maxnames);

/**
 * virConnectListAllNetworksFlags:
 * @VIR_CONNECT_LIST_NETWORKS_INACTIVE: FIXME
 * @VIR_CONNECT_LIST_NETWORKS_ACTIVE: FIXME
 * @VIR_CONNECT_LIST_NETWORKS_PERSISTENT: FIXME
 * @VIR_CONNECT_LIST_NETWORKS_TRANSIENT: FIXME
 * @VIR_CONNECT_LIST_NETWORKS_AUTOSTART: FIXME
 * @VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_CONNECT_LIST_NETWORKS_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_NETWORKS_ACTIVE = 1 << 1,
    VIR_CONNECT_LIST_NETWORKS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_NETWORKS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_NETWORKS_AUTOSTART = 1 << 4,
    VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART = 1 << 5,
} virConnectListAllNetworksFlags;

int virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets,
                              unsigned int flags);
virNetworkPtr virNetworkLookupByName(virConnectPtr conn, const char *name);
virNetworkPtr virNetworkLookupByUUID(virConnectPtr conn,
                                     const unsigned char *uuid);
virNetworkPtr virNetworkLookupByUUIDString(virConnectPtr conn,
                                           const char *uuid);

/**
 * virNetworkCreateFlags:
 * @VIR_NETWORK_CREATE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_CREATE_VALIDATE = 1 << 0,
} virNetworkCreateFlags;

virNetworkPtr virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int flags);

/**
 * virNetworkDefineFlags:
 * @VIR_NETWORK_DEFINE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_DEFINE_VALIDATE = 1 << 0,
} virNetworkDefineFlags;

virNetworkPtr virNetworkDefineXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkDefineXMLFlags(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int flags);
int virNetworkUndefine(virNetworkPtr network);

/**
 * virNetworkUpdateCommand:
 * @VIR_NETWORK_UPDATE_COMMAND_NONE: FIXME
 * @VIR_NETWORK_UPDATE_COMMAND_MODIFY: FIXME
 * @VIR_NETWORK_UPDATE_COMMAND_DELETE: FIXME
 * @VIR_NETWORK_UPDATE_COMMAND_ADD_LAST: FIXME
 * @VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST: FIXME
 * @VIR_NETWORK_UPDATE_COMMAND_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_UPDATE_COMMAND_NONE = 0,
    VIR_NETWORK_UPDATE_COMMAND_MODIFY = 1,
    VIR_NETWORK_UPDATE_COMMAND_DELETE = 2,
    VIR_NETWORK_UPDATE_COMMAND_ADD_LAST = 3,
    VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST = 4,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_UPDATE_COMMAND_LAST
# endif
} virNetworkUpdateCommand;

/**
 * virNetworkUpdateSection:
 * @VIR_NETWORK_SECTION_NONE: FIXME
 * @VIR_NETWORK_SECTION_BRIDGE: FIXME
 * @VIR_NETWORK_SECTION_DOMAIN: FIXME
 * @VIR_NETWORK_SECTION_IP: FIXME
 * @VIR_NETWORK_SECTION_IP_DHCP_HOST: FIXME
 * @VIR_NETWORK_SECTION_IP_DHCP_RANGE: FIXME
 * @VIR_NETWORK_SECTION_FORWARD: FIXME
 * @VIR_NETWORK_SECTION_FORWARD_INTERFACE: FIXME
 * @VIR_NETWORK_SECTION_FORWARD_PF: FIXME
 * @VIR_NETWORK_SECTION_PORTGROUP: FIXME
 * @VIR_NETWORK_SECTION_DNS_HOST: FIXME
 * @VIR_NETWORK_SECTION_DNS_TXT: FIXME
 * @VIR_NETWORK_SECTION_DNS_SRV: FIXME
 * @VIR_NETWORK_SECTION_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_SECTION_NONE = 0,
    VIR_NETWORK_SECTION_BRIDGE = 1,
    VIR_NETWORK_SECTION_DOMAIN = 2,
    VIR_NETWORK_SECTION_IP = 3,
    VIR_NETWORK_SECTION_IP_DHCP_HOST = 4,
    VIR_NETWORK_SECTION_IP_DHCP_RANGE = 5,
    VIR_NETWORK_SECTION_FORWARD = 6,
    VIR_NETWORK_SECTION_FORWARD_INTERFACE = 7,
    VIR_NETWORK_SECTION_FORWARD_PF = 8,
    VIR_NETWORK_SECTION_PORTGROUP = 9,
    VIR_NETWORK_SECTION_DNS_HOST = 10,
    VIR_NETWORK_SECTION_DNS_TXT = 11,
    VIR_NETWORK_SECTION_DNS_SRV = 12,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_SECTION_LAST
# endif
} virNetworkUpdateSection;

/**
 * virNetworkUpdateFlags:
 * @VIR_NETWORK_UPDATE_AFFECT_CURRENT: FIXME
 * @VIR_NETWORK_UPDATE_AFFECT_LIVE: FIXME
 * @VIR_NETWORK_UPDATE_AFFECT_CONFIG: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_UPDATE_AFFECT_CURRENT = 0,
    VIR_NETWORK_UPDATE_AFFECT_LIVE = 1 << 0,
    VIR_NETWORK_UPDATE_AFFECT_CONFIG = 1 << 1,
} virNetworkUpdateFlags;

int virNetworkUpdate(virNetworkPtr network, unsigned int command,
                     unsigned int section, int parentIndex, const char *xml,
                     unsigned int flags);
int virNetworkCreate(virNetworkPtr network);
int virNetworkDestroy(virNetworkPtr network);
int virNetworkRef(virNetworkPtr network);
int virNetworkFree(virNetworkPtr network);
const char *virNetworkGetName(virNetworkPtr network);
int virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid);
int virNetworkGetUUIDString(virNetworkPtr network, char *buf);
char *virNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags);
char *virNetworkGetBridgeName(virNetworkPtr network);
int virNetworkGetAutostart(virNetworkPtr network, int *autostart);
int virNetworkSetAutostart(virNetworkPtr network, int autostart);
int virNetworkIsActive(virNetworkPtr net);
int virNetworkIsPersistent(virNetworkPtr net);

/**
 * virNetworkEventLifecycleType:
 * @VIR_NETWORK_EVENT_DEFINED: FIXME
 * @VIR_NETWORK_EVENT_UNDEFINED: FIXME
 * @VIR_NETWORK_EVENT_STARTED: FIXME
 * @VIR_NETWORK_EVENT_STOPPED: FIXME
 * @VIR_NETWORK_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_EVENT_DEFINED = 0,
    VIR_NETWORK_EVENT_UNDEFINED = 1,
    VIR_NETWORK_EVENT_STARTED = 2,
    VIR_NETWORK_EVENT_STOPPED = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_LAST
# endif
} virNetworkEventLifecycleType;

/**
 * virConnectNetworkEventLifecycleCallback:
 * @conn: the connection the event was raised on
 * @net: FIXME
 * @event: FIXME
 * @detail: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 */
typedef void (*virConnectNetworkEventLifecycleCallback)(virConnectPtr conn,
                                                        virNetworkPtr net,
                                                        int event, int detail,
                                                        void *opaque);

/**
 * VIR_NETWORK_EVENT_CALLBACK:
 * @cb: FIXME
 *
 * FIXME
 */
# define VIR_NETWORK_EVENT_CALLBACK(cb) \
    ((virConnectNetworkEventGenericCallback)(cb))

/**
 * virNetworkEventID:
 * @VIR_NETWORK_EVENT_ID_LIFECYCLE: FIXME
 * @VIR_NETWORK_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_EVENT_ID_LIFECYCLE = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_ID_LAST
# endif
} virNetworkEventID;

/**
 * virIPAddrType:
 * @VIR_IP_ADDR_TYPE_IPV4: FIXME
 * @VIR_IP_ADDR_TYPE_IPV6: FIXME
 * @VIR_IP_ADDR_TYPE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_IP_ADDR_TYPE_IPV4,
    VIR_IP_ADDR_TYPE_IPV6,
# ifdef VIR_ENUM_SENTINELS
    VIR_IP_ADDR_TYPE_LAST
# endif
} virIPAddrType;

/**
 * virNetworkDHCPLease:
 * @iface: FIXME
 * @expirytime: FIXME
 * @type: FIXME
 * @mac: FIXME
 * @iaid: FIXME
 * @ipaddr: FIXME
 * @prefix: FIXME
 * @hostname: FIXME
 * @clientid: FIXME
 *
 * FIXME
 */
typedef struct _virNetworkDHCPLease virNetworkDHCPLease;

/**
 * virNetworkDHCPLeasePtr:
 *
 * A pointer to a virNetworkDHCPLease.
 */
typedef virNetworkDHCPLease *virNetworkDHCPLeasePtr;

struct _virNetworkDHCPLease {
    char *iface;
    long long expirytime;
    int type;
    char *mac;
    char *iaid;
    char *ipaddr;
    unsigned int prefix;
    char *hostname;
    char *clientid;
};

void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease);
int virNetworkGetDHCPLeases(virNetworkPtr network, const char *mac,
                            virNetworkDHCPLeasePtr **leases,
                            unsigned int flags);

/**
 * virConnectNetworkEventGenericCallback:
 * @conn: the connection the event was raised on
 * @net: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 */
typedef void (*virConnectNetworkEventGenericCallback)(virConnectPtr conn,
                                                      virNetworkPtr net,
                                                      void *opaque);

int virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net,
                                      int eventID,
                                      virConnectNetworkEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb);
int virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID);
virNetworkPortPtr virNetworkPortLookupByUUID(virNetworkPtr net,
                                             const unsigned char *uuid);
virNetworkPortPtr virNetworkPortLookupByUUIDString(virNetworkPtr net,
                                                   const char *uuidstr);

/**
 * virNetworkPortCreateFlags:
 * @VIR_NETWORK_PORT_CREATE_RECLAIM: FIXME
 * @VIR_NETWORK_PORT_CREATE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_NETWORK_PORT_CREATE_RECLAIM = (1 << 0),
    VIR_NETWORK_PORT_CREATE_VALIDATE = (1 << 1),
} virNetworkPortCreateFlags;

virNetworkPortPtr virNetworkPortCreateXML(virNetworkPtr net,
                                          const char *xmldesc,
                                          unsigned int flags);
virNetworkPtr virNetworkPortGetNetwork(virNetworkPortPtr port);
char *virNetworkPortGetXMLDesc(virNetworkPortPtr port, unsigned int flags);
int virNetworkPortGetUUID(virNetworkPortPtr port, unsigned char *uuid);
int virNetworkPortGetUUIDString(virNetworkPortPtr port, char *buf);

/**
 * VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE:
 *
 * FIXME
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE "inbound.average"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK:
 *
 * FIXME
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK "inbound.peak"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_IN_BURST:
 *
 * FIXME
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_BURST "inbound.burst"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR:
 *
 * FIXME
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR "inbound.floor"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE:
 *
 * FIXME
 */
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE "outbound.average"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK:
 *
 * FIXME
 */
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK "outbound.peak"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST:
 *
 * FIXME
 */
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST "outbound.burst"

int virNetworkPortSetParameters(virNetworkPortPtr port,
                                virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int virNetworkPortGetParameters(virNetworkPortPtr port,
                                virTypedParameterPtr *params, int *nparams,
                                unsigned int flags);
int virNetworkPortDelete(virNetworkPortPtr port, unsigned int flags);
int virNetworkListAllPorts(virNetworkPtr network, virNetworkPortPtr **ports,
                           unsigned int flags);
int virNetworkPortFree(virNetworkPortPtr port);
int virNetworkPortRef(virNetworkPortPtr port);

#endif /* LIBVIRT_NETWORK_H */
