/*
 * libvirt-storage.h: FIXME
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-storage
 * @title: FIXME
 * @short_description: FIXME
 * @include: libvirt/libvirt.h
 *
 * FIXME
 */

#ifndef LIBVIRT_STORAGE_H
# define LIBVIRT_STORAGE_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virStoragePool:
 *
 * FIXME
 */
typedef struct _virStoragePool virStoragePool;

/**
 * virStoragePoolPtr:
 *
 * A pointer to a virStoragePool.
 */
typedef virStoragePool *virStoragePoolPtr;

/**
 * virStoragePoolState:
 * @VIR_STORAGE_POOL_INACTIVE: FIXME
 * @VIR_STORAGE_POOL_BUILDING: FIXME
 * @VIR_STORAGE_POOL_RUNNING: FIXME
 * @VIR_STORAGE_POOL_DEGRADED: FIXME
 * @VIR_STORAGE_POOL_INACCESSIBLE: FIXME
 * @VIR_STORAGE_POOL_STATE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_POOL_INACTIVE = 0,
    VIR_STORAGE_POOL_BUILDING = 1,
    VIR_STORAGE_POOL_RUNNING = 2,
    VIR_STORAGE_POOL_DEGRADED = 3,
    VIR_STORAGE_POOL_INACCESSIBLE = 4,
# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_STATE_LAST
# endif
} virStoragePoolState;

/**
 * virStoragePoolBuildFlags:
 * @VIR_STORAGE_POOL_BUILD_NEW: FIXME
 * @VIR_STORAGE_POOL_BUILD_REPAIR: FIXME
 * @VIR_STORAGE_POOL_BUILD_RESIZE: FIXME
 * @VIR_STORAGE_POOL_BUILD_NO_OVERWRITE: FIXME
 * @VIR_STORAGE_POOL_BUILD_OVERWRITE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_POOL_BUILD_NEW = 0,
    VIR_STORAGE_POOL_BUILD_REPAIR = (1 << 0),
    VIR_STORAGE_POOL_BUILD_RESIZE = (1 << 1),
    VIR_STORAGE_POOL_BUILD_NO_OVERWRITE = (1 << 2),
    VIR_STORAGE_POOL_BUILD_OVERWRITE = (1 << 3),
} virStoragePoolBuildFlags;

/**
 * virStoragePoolDeleteFlags:
 * @VIR_STORAGE_POOL_DELETE_NORMAL: FIXME
 * @VIR_STORAGE_POOL_DELETE_ZEROED: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_POOL_DELETE_NORMAL = 0,
    VIR_STORAGE_POOL_DELETE_ZEROED = 1 << 0,
} virStoragePoolDeleteFlags;

/**
 * virStoragePoolCreateFlags:
 * @VIR_STORAGE_POOL_CREATE_NORMAL: FIXME
 * @VIR_STORAGE_POOL_CREATE_WITH_BUILD: FIXME
 * @VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE: FIXME
 * @VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_POOL_CREATE_NORMAL = 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD = 1 << 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE = 1 << 1,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE = 1 << 2,
} virStoragePoolCreateFlags;

/**
 * virStoragePoolInfo:
 * @state: FIXME
 * @capacity: FIXME
 * @allocation: FIXME
 * @available: FIXME
 *
 * FIXME
 */
typedef struct _virStoragePoolInfo virStoragePoolInfo;

struct _virStoragePoolInfo {
    int state;
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned long long available;
};

/**
 * virStoragePoolInfoPtr:
 *
 * A pointer to a virStoragePoolInfo.
 */
typedef virStoragePoolInfo *virStoragePoolInfoPtr;

/**
 * virStorageVol:
 *
 * FIXME
 */
typedef struct _virStorageVol virStorageVol;

/**
 * virStorageVolPtr:
 *
 * A pointer to a virStorageVol.
 */
typedef virStorageVol *virStorageVolPtr;

/**
 * virStorageVolType:
 * @VIR_STORAGE_VOL_FILE: FIXME
 * @VIR_STORAGE_VOL_BLOCK: FIXME
 * @VIR_STORAGE_VOL_DIR: FIXME
 * @VIR_STORAGE_VOL_NETWORK: FIXME
 * @VIR_STORAGE_VOL_NETDIR: FIXME
 * @VIR_STORAGE_VOL_PLOOP: FIXME
 * @VIR_STORAGE_VOL_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_FILE = 0,
    VIR_STORAGE_VOL_BLOCK = 1,
    VIR_STORAGE_VOL_DIR = 2,
    VIR_STORAGE_VOL_NETWORK = 3,
    VIR_STORAGE_VOL_NETDIR = 4,
    VIR_STORAGE_VOL_PLOOP = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_VOL_LAST
# endif
} virStorageVolType;

/**
 * virStorageVolDeleteFlags:
 * @VIR_STORAGE_VOL_DELETE_NORMAL: FIXME
 * @VIR_STORAGE_VOL_DELETE_ZEROED: FIXME
 * @VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_DELETE_NORMAL = 0,
    VIR_STORAGE_VOL_DELETE_ZEROED = 1 << 0,
    VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS = 1 << 1,
} virStorageVolDeleteFlags;

/**
 * virStorageVolWipeAlgorithm:
 * @VIR_STORAGE_VOL_WIPE_ALG_ZERO: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_NNSA: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_DOD: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_BSI: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_GUTMANN: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_RANDOM: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_TRIM: FIXME
 * @VIR_STORAGE_VOL_WIPE_ALG_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_WIPE_ALG_ZERO = 0,
    VIR_STORAGE_VOL_WIPE_ALG_NNSA = 1,
    VIR_STORAGE_VOL_WIPE_ALG_DOD = 2,
    VIR_STORAGE_VOL_WIPE_ALG_BSI = 3,
    VIR_STORAGE_VOL_WIPE_ALG_GUTMANN = 4,
    VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER = 5,
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7 = 6,
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33 = 7,
    VIR_STORAGE_VOL_WIPE_ALG_RANDOM = 8,
    VIR_STORAGE_VOL_WIPE_ALG_TRIM = 9,
# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_VOL_WIPE_ALG_LAST
# endif
} virStorageVolWipeAlgorithm;

/**
 * virStorageVolInfoFlags:
 * @VIR_STORAGE_VOL_USE_ALLOCATION: FIXME
 * @VIR_STORAGE_VOL_GET_PHYSICAL: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_USE_ALLOCATION = 0,
    VIR_STORAGE_VOL_GET_PHYSICAL = 1 << 0,
} virStorageVolInfoFlags;

/**
 * virStorageVolInfo:
 * @type: FIXME
 * @capacity: FIXME
 * @allocation: FIXME
 *
 * FIXME
 */
typedef struct _virStorageVolInfo virStorageVolInfo;

struct _virStorageVolInfo {
    int type;
    unsigned long long capacity;
    unsigned long long allocation;
};

/**
 * virStorageVolInfoPtr:
 *
 * A pointer to a virStorageVolInfo.
 */
typedef virStorageVolInfo *virStorageVolInfoPtr;

/**
 * virStorageXMLFlags:
 * @VIR_STORAGE_XML_INACTIVE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_XML_INACTIVE = (1 << 0),
} virStorageXMLFlags;

virConnectPtr virStoragePoolGetConnect(virStoragePoolPtr pool);
char *virConnectGetStoragePoolCapabilities(virConnectPtr conn,
                                           unsigned int flags);
int virConnectNumOfStoragePools(virConnectPtr conn);
int virConnectListStoragePools(virConnectPtr conn, char **const names,
                               int maxnames);
int virConnectNumOfDefinedStoragePools(virConnectPtr conn);
int virConnectListDefinedStoragePools(virConnectPtr conn, char **const names,
                                      int maxnames);

/**
 * virConnectListAllStoragePoolsFlags:
 * @VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_DIR: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_FS: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_NETFS: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_DISK: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_SCSI: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_MPATH: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_RBD: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ZFS: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE: FIXME
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE = 1 << 1,
    VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART = 1 << 4,
    VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART = 1 << 5,
    VIR_CONNECT_LIST_STORAGE_POOLS_DIR = 1 << 6,
    VIR_CONNECT_LIST_STORAGE_POOLS_FS = 1 << 7,
    VIR_CONNECT_LIST_STORAGE_POOLS_NETFS = 1 << 8,
    VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL = 1 << 9,
    VIR_CONNECT_LIST_STORAGE_POOLS_DISK = 1 << 10,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI = 1 << 11,
    VIR_CONNECT_LIST_STORAGE_POOLS_SCSI = 1 << 12,
    VIR_CONNECT_LIST_STORAGE_POOLS_MPATH = 1 << 13,
    VIR_CONNECT_LIST_STORAGE_POOLS_RBD = 1 << 14,
    VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG = 1 << 15,
    VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER = 1 << 16,
    VIR_CONNECT_LIST_STORAGE_POOLS_ZFS = 1 << 17,
    VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE = 1 << 18,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT = 1 << 19,
} virConnectListAllStoragePoolsFlags;

int virConnectListAllStoragePools(virConnectPtr conn,
                                  virStoragePoolPtr **pools,
                                  unsigned int flags);
char *virConnectFindStoragePoolSources(virConnectPtr conn, const char *type,
                                       const char *srcSpec, unsigned int flags);
virStoragePoolPtr virStoragePoolLookupByName(virConnectPtr conn,
                                             const char *name);
virStoragePoolPtr virStoragePoolLookupByUUID(virConnectPtr conn,
                                             const unsigned char *uuid);
virStoragePoolPtr virStoragePoolLookupByUUIDString(virConnectPtr conn,
                                                   const char *uuid);
virStoragePoolPtr virStoragePoolLookupByVolume(virStorageVolPtr vol);
virStoragePoolPtr virStoragePoolLookupByTargetPath(virConnectPtr conn,
                                                   const char *path);

/**
 * virStoragePoolDefineFlags:
 * @VIR_STORAGE_POOL_DEFINE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_POOL_DEFINE_VALIDATE = 1 << 0,
} virStoragePoolDefineFlags;

virStoragePoolPtr virStoragePoolCreateXML(virConnectPtr conn,
                                          const char *xmlDesc,
                                          unsigned int flags);
virStoragePoolPtr virStoragePoolDefineXML(virConnectPtr conn,
                                          const char *xmlDesc,
                                          unsigned int flags);
int virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolUndefine(virStoragePoolPtr pool);
int virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolDestroy(virStoragePoolPtr pool);
int virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolRef(virStoragePoolPtr pool);
int virStoragePoolFree(virStoragePoolPtr pool);
int virStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags);
const char *virStoragePoolGetName(virStoragePoolPtr pool);
int virStoragePoolGetUUID(virStoragePoolPtr pool, unsigned char *uuid);
int virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf);
int virStoragePoolGetInfo(virStoragePoolPtr vol, virStoragePoolInfoPtr info);
char *virStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart);
int virStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart);
int virStoragePoolNumOfVolumes(virStoragePoolPtr pool);
int virStoragePoolListVolumes(virStoragePoolPtr pool, char **const names,
                              int maxnames);
int virStoragePoolListAllVolumes(virStoragePoolPtr pool,
                                 virStorageVolPtr **vols, unsigned int flags);
virConnectPtr virStorageVolGetConnect(virStorageVolPtr vol);
virStorageVolPtr virStorageVolLookupByName(virStoragePoolPtr pool,
                                           const char *name);
virStorageVolPtr virStorageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr virStorageVolLookupByPath(virConnectPtr conn,
                                           const char *path);
const char *virStorageVolGetName(virStorageVolPtr vol);
const char *virStorageVolGetKey(virStorageVolPtr vol);

/**
 * virStorageVolCreateFlags:
 * @VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA: FIXME
 * @VIR_STORAGE_VOL_CREATE_REFLINK: FIXME
 * @VIR_STORAGE_VOL_CREATE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA = 1 << 0,
    VIR_STORAGE_VOL_CREATE_REFLINK = 1 << 1,
    VIR_STORAGE_VOL_CREATE_VALIDATE = 1 << 2,
} virStorageVolCreateFlags;

virStorageVolPtr virStorageVolCreateXML(virStoragePoolPtr pool,
                                        const char *xmldesc,
                                        unsigned int flags);
virStorageVolPtr virStorageVolCreateXMLFrom(virStoragePoolPtr pool,
                                            const char *xmldesc,
                                            virStorageVolPtr clonevol,
                                            unsigned int flags);

/**
 * virStorageVolDownloadFlags:
 * @VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM = 1 << 0,
} virStorageVolDownloadFlags;

int virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream,
                          unsigned long long offset, unsigned long long length,
                          unsigned int flags);

/**
 * virStorageVolUploadFlags:
 * @VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM = 1 << 0,
} virStorageVolUploadFlags;

int virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream,
                        unsigned long long offset, unsigned long long length,
                        unsigned int flags);
int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags);
int virStorageVolWipe(virStorageVolPtr vol, unsigned int flags);
int virStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm,
                             unsigned int flags);
int virStorageVolRef(virStorageVolPtr vol);
int virStorageVolFree(virStorageVolPtr vol);
int virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info);
int virStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info,
                              unsigned int flags);
char *virStorageVolGetXMLDesc(virStorageVolPtr pool, unsigned int flags);
char *virStorageVolGetPath(virStorageVolPtr vol);

/**
 * virStorageVolResizeFlags:
 * @VIR_STORAGE_VOL_RESIZE_ALLOCATE: FIXME
 * @VIR_STORAGE_VOL_RESIZE_DELTA: FIXME
 * @VIR_STORAGE_VOL_RESIZE_SHRINK: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_VOL_RESIZE_ALLOCATE = 1 << 0,
    VIR_STORAGE_VOL_RESIZE_DELTA = 1 << 1,
    VIR_STORAGE_VOL_RESIZE_SHRINK = 1 << 2,
} virStorageVolResizeFlags;

int virStorageVolResize(virStorageVolPtr vol, unsigned long long capacity,
                        unsigned int flags);
int virStoragePoolIsActive(virStoragePoolPtr pool);
int virStoragePoolIsPersistent(virStoragePoolPtr pool);

/**
 * VIR_STORAGE_POOL_EVENT_CALLBACK:
 * @cb: FIXME
 *
 * FIXME
 */
# define VIR_STORAGE_POOL_EVENT_CALLBACK(cb) \
    ((virConnectStoragePoolEventGenericCallback)(cb))

/**
 * virStoragePoolEventID:
 * @VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE: FIXME
 * @VIR_STORAGE_POOL_EVENT_ID_REFRESH: FIXME
 * @VIR_STORAGE_POOL_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE = 0,
    VIR_STORAGE_POOL_EVENT_ID_REFRESH = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_EVENT_ID_LAST
# endif
} virStoragePoolEventID;

/**
 * virConnectStoragePoolEventGenericCallback:
 * @conn: the connection the event was raised on
 * @pool: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 */
typedef void (*virConnectStoragePoolEventGenericCallback)(virConnectPtr conn,
                                                          virStoragePoolPtr pool,
                                                          void *opaque);

int virConnectStoragePoolEventRegisterAny(virConnectPtr conn,
                                          virStoragePoolPtr pool, int eventID,
                                          virConnectStoragePoolEventGenericCallback cb,
                                          void *opaque, virFreeCallback freecb);
int virConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID);

/**
 * virStoragePoolEventLifecycleType:
 * @VIR_STORAGE_POOL_EVENT_DEFINED: FIXME
 * @VIR_STORAGE_POOL_EVENT_UNDEFINED: FIXME
 * @VIR_STORAGE_POOL_EVENT_STARTED: FIXME
 * @VIR_STORAGE_POOL_EVENT_STOPPED: FIXME
 * @VIR_STORAGE_POOL_EVENT_CREATED: FIXME
 * @VIR_STORAGE_POOL_EVENT_DELETED: FIXME
 * @VIR_STORAGE_POOL_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_STORAGE_POOL_EVENT_DEFINED = 0,
    VIR_STORAGE_POOL_EVENT_UNDEFINED = 1,
    VIR_STORAGE_POOL_EVENT_STARTED = 2,
    VIR_STORAGE_POOL_EVENT_STOPPED = 3,
    VIR_STORAGE_POOL_EVENT_CREATED = 4,
    VIR_STORAGE_POOL_EVENT_DELETED = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_EVENT_LAST
# endif
} virStoragePoolEventLifecycleType;

/**
 * virConnectStoragePoolEventLifecycleCallback:
 * @conn: the connection the event was raised on
 * @pool: FIXME
 * @event: FIXME
 * @detail: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 */
typedef void (*virConnectStoragePoolEventLifecycleCallback)(virConnectPtr conn,
                                                            virStoragePoolPtr pool,
                                                            int event,
                                                            int detail,
                                                            void *opaque);

#endif /* LIBVIRT_STORAGE_H */
