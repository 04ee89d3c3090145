/*
 * libvirt-network.h: virtual networks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-network
 * @title: Networks
 * @short_description: virtual networks and their ports
 * @include: libvirt/libvirt.h
 *
 * Virtual networks connect domains to each other and to the outside.  This
 * library manages none: the listings are empty, lookups fail with
 * VIR_ERR_NO_NETWORK and the other calls report VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_NETWORK_H
# define LIBVIRT_NETWORK_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virNetworkXMLFlags:
 * @VIR_NETWORK_XML_INACTIVE: the definition rather than the live state
 *
 * Flags for virNetworkGetXMLDesc().
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
 * A port of a virtual network. Opaque.
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
 * @VIR_CONNECT_LIST_NETWORKS_INACTIVE: inactive networks only
 * @VIR_CONNECT_LIST_NETWORKS_ACTIVE: active networks only
 * @VIR_CONNECT_LIST_NETWORKS_PERSISTENT: persistent networks only
 * @VIR_CONNECT_LIST_NETWORKS_TRANSIENT: transient networks only
 * @VIR_CONNECT_LIST_NETWORKS_AUTOSTART: networks that start with the host only
 * @VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART: networks that do not start with the
 *     host only
 *
 * Filters of virConnectListAllNetworks().
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
 * @VIR_NETWORK_CREATE_VALIDATE: validate the XML against the schema
 *
 * Flags for virNetworkCreateXMLFlags().
 */
typedef enum {
    VIR_NETWORK_CREATE_VALIDATE = 1 << 0,
} virNetworkCreateFlags;

virNetworkPtr virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int flags);

/**
 * virNetworkDefineFlags:
 * @VIR_NETWORK_DEFINE_VALIDATE: validate the XML against the schema
 *
 * Flags for virNetworkDefineXMLFlags().
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
 * @VIR_NETWORK_UPDATE_COMMAND_NONE: no change
 * @VIR_NETWORK_UPDATE_COMMAND_MODIFY: change an existing item
 * @VIR_NETWORK_UPDATE_COMMAND_DELETE: remove an item
 * @VIR_NETWORK_UPDATE_COMMAND_ADD_LAST: add an item at the end
 * @VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST: add an item at the start
 * @VIR_NETWORK_UPDATE_COMMAND_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What virNetworkUpdate() does.
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
 * @VIR_NETWORK_SECTION_NONE: no section
 * @VIR_NETWORK_SECTION_BRIDGE: the bridge element
 * @VIR_NETWORK_SECTION_DOMAIN: the domain element
 * @VIR_NETWORK_SECTION_IP: an ip element
 * @VIR_NETWORK_SECTION_IP_DHCP_HOST: a DHCP host of an ip element
 * @VIR_NETWORK_SECTION_IP_DHCP_RANGE: a DHCP range of an ip element
 * @VIR_NETWORK_SECTION_FORWARD: the forward element
 * @VIR_NETWORK_SECTION_FORWARD_INTERFACE: an interface of the forward element
 * @VIR_NETWORK_SECTION_FORWARD_PF: a physical function of the forward element
 * @VIR_NETWORK_SECTION_PORTGROUP: a portgroup element
 * @VIR_NETWORK_SECTION_DNS_HOST: a DNS host entry
 * @VIR_NETWORK_SECTION_DNS_TXT: a DNS TXT record
 * @VIR_NETWORK_SECTION_DNS_SRV: a DNS SRV record
 * @VIR_NETWORK_SECTION_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Which part of a network virNetworkUpdate() changes.
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
 * @VIR_NETWORK_UPDATE_AFFECT_CURRENT: the running network if it runs, else its
 *     definition
 * @VIR_NETWORK_UPDATE_AFFECT_LIVE: the running network
 * @VIR_NETWORK_UPDATE_AFFECT_CONFIG: the persistent definition
 *
 * Which side of a network virNetworkUpdate() changes.
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
 * @VIR_NETWORK_EVENT_DEFINED: the network was defined
 * @VIR_NETWORK_EVENT_UNDEFINED: the network was undefined
 * @VIR_NETWORK_EVENT_STARTED: the network started
 * @VIR_NETWORK_EVENT_STOPPED: the network stopped
 * @VIR_NETWORK_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What happened to a network.
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
 * @net: the network
 * @event: a virNetworkEventLifecycleType
 * @detail: more about the event, 0 for now
 * @opaque: the data given when the callback was registered
 *
 * Called when a network is defined, undefined, started or stopped.
 */
typedef void (*virConnectNetworkEventLifecycleCallback)(virConnectPtr conn,
                                                        virNetworkPtr net,
                                                        int event, int detail,
                                                        void *opaque);

/**
 * VIR_NETWORK_EVENT_CALLBACK:
 * @cb: a network event callback
 *
 * Casts @cb to the generic type virConnectNetworkEventRegisterAny() takes.
 */
# define VIR_NETWORK_EVENT_CALLBACK(cb) \
    ((virConnectNetworkEventGenericCallback)(cb))

/**
 * virNetworkEventID:
 * @VIR_NETWORK_EVENT_ID_LIFECYCLE: lifecycle events,
 *     virConnectNetworkEventLifecycleCallback
 * @VIR_NETWORK_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of network events.
 */
typedef enum {
    VIR_NETWORK_EVENT_ID_LIFECYCLE = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_ID_LAST
# endif
} virNetworkEventID;

/**
 * virIPAddrType:
 * @VIR_IP_ADDR_TYPE_IPV4: IPv4
 * @VIR_IP_ADDR_TYPE_IPV6: IPv6
 * @VIR_IP_ADDR_TYPE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * Address families.
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
 * @iface: the network interface
 * @expirytime: when the lease ends, in seconds since the epoch
 * @type: a virIPAddrType
 * @mac: the client's MAC address
 * @iaid: the IAID (IPv6), or NULL
 * @ipaddr: the address leased
 * @prefix: its prefix length
 * @hostname: the client's host name, or NULL
 * @clientid: the client ID or DUID, or NULL
 *
 * One DHCP lease of a virtual network.
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
 * @net: the network
 * @opaque: the data given when the callback was registered
 *
 * The generic type of network event callbacks, for
 * virConnectNetworkEventRegisterAny().
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
 * @VIR_NETWORK_PORT_CREATE_RECLAIM: take over a port that already exists
 * @VIR_NETWORK_PORT_CREATE_VALIDATE: validate the XML against the schema
 *
 * Flags for virNetworkPortCreateXML().
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
 * The "inbound.average" bandwidth parameter of a network port.
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE "inbound.average"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK:
 *
 * The "inbound.peak" bandwidth parameter of a network port.
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK "inbound.peak"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_IN_BURST:
 *
 * The "inbound.burst" bandwidth parameter of a network port.
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_BURST "inbound.burst"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR:
 *
 * The "inbound.floor" bandwidth parameter of a network port.
 */
# define VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR "inbound.floor"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE:
 *
 * The "outbound.average" bandwidth parameter of a network port.
 */
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE "outbound.average"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK:
 *
 * The "outbound.peak" bandwidth parameter of a network port.
 */
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK "outbound.peak"

/**
 * VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST:
 *
 * The "outbound.burst" bandwidth parameter of a network port.
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
