/*
 * libvirt-nodedev.h: the host's devices
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-nodedev
 * @title: Node devices
 * @short_description: the host's devices
 * @include: libvirt/libvirt.h
 *
 * The devices of the host, for passing them to domains.  This library manages
 * none: the listings are empty, lookups fail with VIR_ERR_NO_NODE_DEVICE and
 * the other calls report VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_NODEDEV_H
# define LIBVIRT_NODEDEV_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virNodeDevice:
 *
 * A device of the host. Opaque.
 */
typedef struct _virNodeDevice virNodeDevice;

/**
 * virNodeDevicePtr:
 *
 * A pointer to a virNodeDevice.
 */
typedef virNodeDevice *virNodeDevicePtr;

int virNodeNumOfDevices(virConnectPtr conn, const char *cap,
                        unsigned int flags);
int virNodeListDevices(virConnectPtr conn, const char *cap, char **const names,
                       int maxnames, unsigned int flags);

/**
 * virConnectListAllNodeDeviceFlags:
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM: the system
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV: PCI devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV: USB devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE: USB interfaces
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET: network interfaces
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST: SCSI hosts
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET: SCSI targets
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI: SCSI devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE: storage devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST: Fibre Channel hosts
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS: hosts that can make virtual ports
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC: SCSI generic devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM: DRM devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES: devices offering mediated
 *     device types
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV: mediated devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV: CCW devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV: CSS devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA: vDPA devices
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD: AP cards
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE: AP queues
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX: the AP matrix
 * @VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD: devices with vital product data
 * @VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE: inactive devices only
 * @VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE: active devices only
 *
 * Filters of virConnectListAllNodeDevices().
 */
# if defined(__GNUC__)
#  pragma GCC diagnostic push
#  pragma GCC diagnostic ignored "-Wpedantic"
# endif
typedef enum {
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM = 1 << 0,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV = 1 << 1,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV = 1 << 2,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE = 1 << 3,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET = 1 << 4,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST = 1 << 5,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET = 1 << 6,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI = 1 << 7,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE = 1 << 8,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST = 1 << 9,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS = 1 << 10,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC = 1 << 11,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM = 1 << 12,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES = 1 << 13,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV = 1 << 14,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV = 1 << 15,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV = 1 << 16,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA = 1 << 17,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD = 1 << 18,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE = 1 << 19,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX = 1 << 20,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD = 1 << 21,
    VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE = 1 << 30,
    VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE = 1U << 31,
} virConnectListAllNodeDeviceFlags;
# if defined(__GNUC__)
#  pragma GCC diagnostic pop
# endif

int virConnectListAllNodeDevices(virConnectPtr conn,
                                 virNodeDevicePtr **devices,
                                 unsigned int flags);
virNodeDevicePtr virNodeDeviceLookupByName(virConnectPtr conn,
                                           const char *name);
virNodeDevicePtr virNodeDeviceLookupSCSIHostByWWN(virConnectPtr conn,
                                                  const char *wwnn,
                                                  const char *wwpn,
                                                  unsigned int flags);
const char *virNodeDeviceGetName(virNodeDevicePtr dev);
const char *virNodeDeviceGetParent(virNodeDevicePtr dev);
int virNodeDeviceNumOfCaps(virNodeDevicePtr dev);
int virNodeDeviceListCaps(virNodeDevicePtr dev, char **const names,
                          int maxnames);
char *virNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags);
int virNodeDeviceRef(virNodeDevicePtr dev);
int virNodeDeviceFree(virNodeDevicePtr dev);
int virNodeDeviceDettach(virNodeDevicePtr dev);
int virNodeDeviceDetachFlags(virNodeDevicePtr dev, const char *driverName,
                             unsigned int flags);
int virNodeDeviceReAttach(virNodeDevicePtr dev);
int virNodeDeviceReset(virNodeDevicePtr dev);

/**
 * virNodeDeviceCreateXMLFlags:
 * @VIR_NODE_DEVICE_CREATE_XML_VALIDATE: validate the XML against the schema
 *
 * Flags for virNodeDeviceCreateXML().
 */
typedef enum {
    VIR_NODE_DEVICE_CREATE_XML_VALIDATE = 1 << 0,
} virNodeDeviceCreateXMLFlags;

virNodeDevicePtr virNodeDeviceCreateXML(virConnectPtr conn,
                                        const char *xmlDesc,
                                        unsigned int flags);
int virNodeDeviceDestroy(virNodeDevicePtr dev);

/**
 * virNodeDeviceDefineXMLFlags:
 * @VIR_NODE_DEVICE_DEFINE_XML_VALIDATE: validate the XML against the schema
 *
 * Flags for virNodeDeviceDefineXML().
 */
typedef enum {
    VIR_NODE_DEVICE_DEFINE_XML_VALIDATE = 1 << 0,
} virNodeDeviceDefineXMLFlags;

virNodeDevicePtr virNodeDeviceDefineXML(virConnectPtr conn,
                                        const char *xmlDesc,
                                        unsigned int flags);
int virNodeDeviceUndefine(virNodeDevicePtr dev, unsigned int flags);
int virNodeDeviceCreate(virNodeDevicePtr dev, unsigned int flags);
int virNodeDeviceSetAutostart(virNodeDevicePtr dev, int autostart);
int virNodeDeviceGetAutostart(virNodeDevicePtr dev, int *autostart);
int virNodeDeviceIsPersistent(virNodeDevicePtr dev);
int virNodeDeviceIsActive(virNodeDevicePtr dev);

/**
 * VIR_NODE_DEVICE_EVENT_CALLBACK:
 * @cb: a node device event callback
 *
 * Casts @cb to the generic type virConnectNodeDeviceEventRegisterAny() takes.
 */
# define VIR_NODE_DEVICE_EVENT_CALLBACK(cb) \
    ((virConnectNodeDeviceEventGenericCallback)(cb))

/**
 * virNodeDeviceEventID:
 * @VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE: lifecycle events,
 *     virConnectNodeDeviceEventLifecycleCallback
 * @VIR_NODE_DEVICE_EVENT_ID_UPDATE: updates,
 *     virConnectNodeDeviceEventGenericCallback
 * @VIR_NODE_DEVICE_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of node device events.
 */
typedef enum {
    VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE = 0,
    VIR_NODE_DEVICE_EVENT_ID_UPDATE = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_NODE_DEVICE_EVENT_ID_LAST
# endif
} virNodeDeviceEventID;

/**
 * virConnectNodeDeviceEventGenericCallback:
 * @conn: the connection the event was raised on
 * @dev: the device
 * @opaque: the data given when the callback was registered
 *
 * The generic type of node device event callbacks.
 */
typedef void (*virConnectNodeDeviceEventGenericCallback)(virConnectPtr conn,
                                                         virNodeDevicePtr dev,
                                                         void *opaque);

int virConnectNodeDeviceEventRegisterAny(virConnectPtr conn,
                                         virNodeDevicePtr dev, int eventID,
                                         virConnectNodeDeviceEventGenericCallback cb,
                                         void *opaque, virFreeCallback freecb);
int virConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID);

/**
 * virNodeDeviceEventLifecycleType:
 * @VIR_NODE_DEVICE_EVENT_CREATED: the device appeared
 * @VIR_NODE_DEVICE_EVENT_DELETED: the device went away
 * @VIR_NODE_DEVICE_EVENT_DEFINED: the device was defined
 * @VIR_NODE_DEVICE_EVENT_UNDEFINED: the device was undefined
 * @VIR_NODE_DEVICE_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What happened to a node device.
 */
typedef enum {
    VIR_NODE_DEVICE_EVENT_CREATED = 0,
    VIR_NODE_DEVICE_EVENT_DELETED = 1,
    VIR_NODE_DEVICE_EVENT_DEFINED = 2,
    VIR_NODE_DEVICE_EVENT_UNDEFINED = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_NODE_DEVICE_EVENT_LAST
# endif
} virNodeDeviceEventLifecycleType;

/**
 * virConnectNodeDeviceEventLifecycleCallback:
 * @conn: the connection the event was raised on
 * @dev: the device
 * @event: a virNodeDeviceEventLifecycleType
 * @detail: more about the event, 0 for now
 * @opaque: the data given when the callback was registered
 *
 * Called when a device appears, goes away, is defined or undefined.
 */
typedef void (*virConnectNodeDeviceEventLifecycleCallback)(virConnectPtr conn,
                                                           virNodeDevicePtr dev,
                                                           int event,
                                                           int detail,
                                                           void *opaque);

#endif /* LIBVIRT_NODEDEV_H */
