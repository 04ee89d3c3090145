/*
 * libvirt-storage.h: storage pools and volumes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-storage
 * @title: Storage
 * @short_description: storage pools and volumes
 * @include: libvirt/libvirt.h
 *
 * Storage pools hold volumes, the images domains use.  This library manages
 * none: the listings are empty, lookups fail with VIR_ERR_NO_STORAGE_POOL or
 * VIR_ERR_NO_STORAGE_VOL and the other calls report VIR_ERR_NO_SUPPORT; domains
 * name their images by path.
 */

#ifndef LIBVIRT_STORAGE_H
# define LIBVIRT_STORAGE_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virStoragePool:
 *
 * A storage pool. Opaque.
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
 * @VIR_STORAGE_POOL_INACTIVE: not running
 * @VIR_STORAGE_POOL_BUILDING: being built
 * @VIR_STORAGE_POOL_RUNNING: running
 * @VIR_STORAGE_POOL_DEGRADED: running, with reduced performance
 * @VIR_STORAGE_POOL_INACCESSIBLE: running, but its storage cannot be reached
 * @VIR_STORAGE_POOL_STATE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What a storage pool is doing.
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
 * @VIR_STORAGE_POOL_BUILD_NEW: build a new pool
 * @VIR_STORAGE_POOL_BUILD_REPAIR: repair it
 * @VIR_STORAGE_POOL_BUILD_RESIZE: extend it
 * @VIR_STORAGE_POOL_BUILD_NO_OVERWRITE: refuse to overwrite existing data
 * @VIR_STORAGE_POOL_BUILD_OVERWRITE: overwrite existing data
 *
 * Flags for virStoragePoolBuild().
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
 * @VIR_STORAGE_POOL_DELETE_NORMAL: delete the metadata only
 * @VIR_STORAGE_POOL_DELETE_ZEROED: clear the data too
 *
 * Flags for virStoragePoolDelete().
 */
typedef enum {
    VIR_STORAGE_POOL_DELETE_NORMAL = 0,
    VIR_STORAGE_POOL_DELETE_ZEROED = 1 << 0,
} virStoragePoolDeleteFlags;

/**
 * virStoragePoolCreateFlags:
 * @VIR_STORAGE_POOL_CREATE_NORMAL: start the pool as it is
 * @VIR_STORAGE_POOL_CREATE_WITH_BUILD: build it first
 * @VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE: build it first, overwriting
 *     data
 * @VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE: build it first, keeping
 *     data
 *
 * Flags for virStoragePoolCreate().
 */
typedef enum {
    VIR_STORAGE_POOL_CREATE_NORMAL = 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD = 1 << 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE = 1 << 1,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE = 1 << 2,
} virStoragePoolCreateFlags;

/**
 * virStoragePoolInfo:
 * @state: a virStoragePoolState
 *
 * A summary of a storage pool, as virStoragePoolGetInfo() reports it. Members:
 * capacity, its size, in bytes; allocation, what is used, in bytes; available,
 * what is free, in bytes.
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
 * A storage volume. Opaque.
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
 * @VIR_STORAGE_VOL_FILE: a regular file
 * @VIR_STORAGE_VOL_BLOCK: a block device
 * @VIR_STORAGE_VOL_DIR: a directory
 * @VIR_STORAGE_VOL_NETWORK: a network volume
 * @VIR_STORAGE_VOL_NETDIR: a network directory
 * @VIR_STORAGE_VOL_PLOOP: a ploop directory
 * @VIR_STORAGE_VOL_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of storage volume.
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
 * @VIR_STORAGE_VOL_DELETE_NORMAL: delete the volume only
 * @VIR_STORAGE_VOL_DELETE_ZEROED: clear its data first
 * @VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS: delete its snapshots too
 *
 * Flags for virStorageVolDelete().
 */
typedef enum {
    VIR_STORAGE_VOL_DELETE_NORMAL = 0,
    VIR_STORAGE_VOL_DELETE_ZEROED = 1 << 0,
    VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS = 1 << 1,
} virStorageVolDeleteFlags;

/**
 * virStorageVolWipeAlgorithm:
 * @VIR_STORAGE_VOL_WIPE_ALG_ZERO: one pass of zeros
 * @VIR_STORAGE_VOL_WIPE_ALG_NNSA: the 4-pass NNSA method
 * @VIR_STORAGE_VOL_WIPE_ALG_DOD: the 4-pass DoD method
 * @VIR_STORAGE_VOL_WIPE_ALG_BSI: the 9-pass BSI method
 * @VIR_STORAGE_VOL_WIPE_ALG_GUTMANN: the 35-pass Gutmann method
 * @VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER: the 7-pass Schneier method
 * @VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7: 7 random passes
 * @VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33: 33 random passes
 * @VIR_STORAGE_VOL_WIPE_ALG_RANDOM: one random pass
 * @VIR_STORAGE_VOL_WIPE_ALG_TRIM: discard the data
 * @VIR_STORAGE_VOL_WIPE_ALG_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * How virStorageVolWipePattern() overwrites a volume.
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
 * @VIR_STORAGE_VOL_USE_ALLOCATION: report the allocation
 * @VIR_STORAGE_VOL_GET_PHYSICAL: report the physical size instead
 *
 * Flags for virStorageVolGetInfoFlags().
 */
typedef enum {
    VIR_STORAGE_VOL_USE_ALLOCATION = 0,
    VIR_STORAGE_VOL_GET_PHYSICAL = 1 << 0,
} virStorageVolInfoFlags;

/**
 * virStorageVolInfo:
 * @type: a virStorageVolType
 *
 * A summary of a storage volume, as virStorageVolGetInfo() reports it. Members:
 * capacity, what the guest sees, in bytes; allocation, what the volume takes,
 * in bytes.
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
 * @VIR_STORAGE_XML_INACTIVE: the definition rather than the live state
 *
 * Flags for virStoragePoolGetXMLDesc().
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
 * @VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE: inactive pools only
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE: active pools only
 * @VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT: persistent pools only
 * @VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT: transient pools only
 * @VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART: pools that start with the host
 *     only
 * @VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART: pools that do not start with
 *     the host only
 * @VIR_CONNECT_LIST_STORAGE_POOLS_DIR: directory pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_FS: file system pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_NETFS: network file system pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL: LVM pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_DISK: partitioned disk pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI: iSCSI pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_SCSI: SCSI pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_MPATH: multipath pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_RBD: RBD pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG: Sheepdog pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER: Gluster pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ZFS: ZFS pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE: Virtuozzo storage pools
 * @VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT: direct iSCSI pools
 *
 * Filters of virConnectListAllStoragePools().
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
 * @VIR_STORAGE_POOL_DEFINE_VALIDATE: validate the XML against the schema
 *
 * Flags for virStoragePoolDefineXML().
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
 * @VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA: preallocate the image's metadata
 * @VIR_STORAGE_VOL_CREATE_REFLINK: clone with a reflink where possible
 * @VIR_STORAGE_VOL_CREATE_VALIDATE: validate the XML against the schema
 *
 * Flags for the volume creation calls.
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
 * @VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM: send holes as holes
 *
 * Flags for virStorageVolDownload().
 */
typedef enum {
    VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM = 1 << 0,
} virStorageVolDownloadFlags;

int virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream,
                          unsigned long long offset, unsigned long long length,
                          unsigned int flags);

/**
 * virStorageVolUploadFlags:
 * @VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM: take holes as holes
 *
 * Flags for virStorageVolUpload().
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
 * @VIR_STORAGE_VOL_RESIZE_ALLOCATE: allocate the new space
 * @VIR_STORAGE_VOL_RESIZE_DELTA: the capacity is a change, not a size
 * @VIR_STORAGE_VOL_RESIZE_SHRINK: allow shrinking
 *
 * Flags for virStorageVolResize().
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
 * @cb: a storage pool event callback
 *
 * Casts @cb to the generic type virConnectStoragePoolEventRegisterAny() takes.
 */
# define VIR_STORAGE_POOL_EVENT_CALLBACK(cb) \
    ((virConnectStoragePoolEventGenericCallback)(cb))

/**
 * virStoragePoolEventID:
 * @VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE: lifecycle events,
 *     virConnectStoragePoolEventLifecycleCallback
 * @VIR_STORAGE_POOL_EVENT_ID_REFRESH: refreshes,
 *     virConnectStoragePoolEventGenericCallback
 * @VIR_STORAGE_POOL_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of storage pool events.
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
 * @pool: the pool
 * @opaque: the data given when the callback was registered
 *
 * The generic type of storage pool event callbacks.
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
 * @VIR_STORAGE_POOL_EVENT_DEFINED: the pool was defined
 * @VIR_STORAGE_POOL_EVENT_UNDEFINED: the pool was undefined
 * @VIR_STORAGE_POOL_EVENT_STARTED: the pool started
 * @VIR_STORAGE_POOL_EVENT_STOPPED: the pool stopped
 * @VIR_STORAGE_POOL_EVENT_CREATED: the pool was built
 * @VIR_STORAGE_POOL_EVENT_DELETED: the pool was deleted
 * @VIR_STORAGE_POOL_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What happened to a storage pool.
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
 * @pool: the pool
 * @event: a virStoragePoolEventLifecycleType
 * @detail: more about the event, 0 for now
 * @opaque: the data given when the callback was registered
 *
 * Called when a pool is defined, undefined, started, stopped, built or deleted.
 */
typedef void (*virConnectStoragePoolEventLifecycleCallback)(virConnectPtr conn,
                                                            virStoragePoolPtr pool,
                                                            int event,
                                                            int detail,
                                                            void *opaque);

#endif /* LIBVIRT_STORAGE_H */
