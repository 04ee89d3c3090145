/*
 * datatypes.h: the objects behind the public handle types
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "driver.h"
#include "virerror.h"

#define VIR_CONNECT_MAGIC 0x4c56434fU /* "LVCO" */

/*
 * What every handle other than a connection starts with: a magic
 * number telling its type (so that a stale or foreign pointer is caught
 * by the argument checks rather than dereferenced blindly), a reference
 * count, and what to release when the last reference goes.
 */
typedef struct _virObjectBase virObjectBase;
struct _virObjectBase {
    unsigned int magic;
    gint refs;
    void (*dispose)(virObjectBase *obj);
};

void virObjectRefInternal(virObjectBase *obj);
int virObjectUnrefInternal(virObjectBase *obj);
bool virObjectIsValid(const void *obj, unsigned int magic);

/*
 * A connection.  Reference counted: each handle obtained from it holds a
 * reference, so a connection outlives virConnectClose() while handles
 * exist.
 */
struct _virConnect {
    unsigned int magic;
    gint refs;
    unsigned int flags;              /* virConnectFlags (VIR_CONNECT_RO) */
    char *uri;                       /* as the driver canonicalised it */
    const virHypervisorDriver *driver;
    const virNetworkDriver *networkDriver;
    const virStorageDriver *storageDriver;
    const virInterfaceDriver *interfaceDriver;
    const virNodeDeviceDriver *nodeDeviceDriver;
    const virSecretDriver *secretDriver;
    const virNWFilterDriver *nwfilterDriver;
    void *privateData;               /* the driver's, freed by connectClose */

    GMutex lock;                     /* protects what follows */
    virErrorFunc handler;            /* virConnSetErrorFunc */
    void *userData;
    virError err;                    /* the connection's last error */
    virConnectCloseFunc closeCallback;   /* virConnectRegisterCloseCallback */
    void *closeOpaque;
    virFreeCallback closeFreeCallback;
};

/* A handle on a domain: a name, a UUID and an ID at the time it was
 * made; the driver looks the domain up again on every call. */
#define VIR_DOMAIN_MAGIC 0x4c56444dU  /* "LVDM" */
struct _virDomain {
    virObjectBase object;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                          /* -1 when not running */
};

#define VIR_NETWORK_MAGIC 0x4c564e57U        /* "LVNW" */
struct _virNetwork {
    virObjectBase object;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

#define VIR_NETWORK_PORT_MAGIC 0x4c564e50U   /* "LVNP" */
struct _virNetworkPort {
    virObjectBase object;
    virNetworkPtr net;               /* holds a reference */
    unsigned char uuid[VIR_UUID_BUFLEN];
};

#define VIR_INTERFACE_MAGIC 0x4c564946U      /* "LVIF" */
struct _virInterface {
    virObjectBase object;
    virConnectPtr conn;
    char *name;
    char *mac;
};

#define VIR_STORAGE_POOL_MAGIC 0x4c565350U   /* "LVSP" */
struct _virStoragePool {
    virObjectBase object;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

#define VIR_STORAGE_VOL_MAGIC 0x4c565356U    /* "LVSV" */
struct _virStorageVol {
    virObjectBase object;
    virConnectPtr conn;
    char *pool;                      /* the name of the pool holding it */
    char *name;
    char *key;
};

#define VIR_NODE_DEVICE_MAGIC 0x4c564e44U    /* "LVND" */
struct _virNodeDevice {
    virObjectBase object;
    virConnectPtr conn;
    char *name;
    char *parentName;
};

#define VIR_SECRET_MAGIC 0x4c565345U         /* "LVSE" */
struct _virSecret {
    virObjectBase object;
    virConnectPtr conn;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usageType;
    char *usageID;
};

#define VIR_NWFILTER_MAGIC 0x4c564e46U       /* "LVNF" */
struct _virNWFilter {
    virObjectBase object;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

#define VIR_NWFILTER_BINDING_MAGIC 0x4c564e42U  /* "LVNB" */
struct _virNWFilterBinding {
    virObjectBase object;
    virConnectPtr conn;
    char *portdev;
    char *filtername;
};

#define VIR_DOMAIN_SNAPSHOT_MAGIC 0x4c564453U   /* "LVDS" */
struct _virDomainSnapshot {
    virObjectBase object;
    virDomainPtr domain;             /* holds a reference */
    char *name;
};

#define VIR_DOMAIN_CHECKPOINT_MAGIC 0x4c564443U /* "LVDC" */
struct _virDomainCheckpoint {
    virObjectBase object;
    virDomainPtr domain;             /* holds a reference */
    char *name;
};

#define VIR_STREAM_MAGIC 0x4c565354U         /* "LVST" */
struct _virStream {
    virObjectBase object;
    virConnectPtr conn;
    unsigned int flags;              /* virStreamFlags */
    const virStreamDriver *driver;   /* set by the call that opens it */
    void *privateData;               /* the stream driver's */
    void (*privateFree)(void *privateData);
};

virConnectPtr virGetConnect(void);
virDomainPtr virGetDomain(virConnectPtr conn, const char *name,
                          const unsigned char *uuid, int id);
virNetworkPtr virGetNetwork(virConnectPtr conn, const char *name,
                            const unsigned char *uuid);
virStoragePoolPtr virGetStoragePool(virConnectPtr conn, const char *name,
                                    const unsigned char *uuid);
virStorageVolPtr virGetStorageVol(virConnectPtr conn, const char *pool,
                                  const char *name, const char *key);
virStreamPtr virGetStream(virConnectPtr conn);

/* Reference counting.  Unref returns the references left. */
void virConnectRefInternal(virConnectPtr conn);
bool virConnectTryRefInternal(virConnectPtr conn);
int virConnectUnrefInternal(virConnectPtr conn);
int virDomainUnrefInternal(virDomainPtr dom);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, virDomainUnrefInternal);
int virStoragePoolUnrefInternal(virStoragePoolPtr pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePool, virStoragePoolUnrefInternal);
int virStorageVolUnrefInternal(virStorageVolPtr vol);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageVol, virStorageVolUnrefInternal);

bool virConnectIsValid(virConnectPtr conn);
bool virDomainIsValid(virDomainPtr dom);

/* The one close callback of a connection, for the drivers'
 * connectRegisterCloseCallback and connectUnregisterCloseCallback; a
 * driver whose connection can close under the application fires it. */
int virConnectCloseCallbackRegister(virConnectPtr conn, virConnectCloseFunc cb,
                                    void *opaque, virFreeCallback freecb);
int virConnectCloseCallbackUnregister(virConnectPtr conn, virConnectCloseFunc cb);
void virConnectCloseCallbackFire(virConnectPtr conn, int reason);

/* Every failing public entry point calls this once: copies the error to
 * the connection and hands it to the applicable handler. */
void virDispatchError(virConnectPtr conn);

/* The driver lacks the call: upstream's VIR_ERR_NO_SUPPORT naming it. */
#define virReportUnsupportedError() \
    virReportErrorHelper(VIR_FROM_THIS, VIR_ERR_NO_SUPPORT, __FILE__, \
                         __func__, __LINE__, "%s", __func__)

/*
 * Argument checks at the top of public entry points.  A bad handle is
 * reported with upstream's code, error domain and message naming the
 * function, and dispatched without a connection (there is none to
 * trust).  The connection check reports from the calling file's error
 * domain, as upstream's does.
 */
#define virCheckConnectReturn(conn, retval) \
    do { \
        if (!virConnectIsValid(conn)) { \
            virReportErrorHelper(VIR_FROM_THIS, VIR_ERR_INVALID_CONN, __FILE__, \
                                 __func__, __LINE__, "%s", __func__); \
            virDispatchError(NULL); \
            return retval; \
        } \
    } while (0)

#define virCheckConnectGoto(conn, label) \
    do { \
        if (!virConnectIsValid(conn)) { \
            virReportErrorHelper(VIR_FROM_THIS, VIR_ERR_INVALID_CONN, __FILE__, \
                                 __func__, __LINE__, "%s", __func__); \
            goto label; \
        } \
    } while (0)

/* @magic, @code and @from say what kind of handle is checked and how a
 * bad one is reported. */
#define virCheckObjectReturn(obj, magic, code, from, retval) \
    do { \
        if (!virObjectIsValid(obj, magic)) { \
            virReportErrorHelper(from, code, __FILE__, __func__, __LINE__, \
                                 "%s", __func__); \
            virDispatchError(NULL); \
            return retval; \
        } \
    } while (0)

#define virCheckObjectGoto(obj, magic, code, from, label) \
    do { \
        if (!virObjectIsValid(obj, magic)) { \
            virReportErrorHelper(from, code, __FILE__, __func__, __LINE__, \
                                 "%s", __func__); \
            goto label; \
        } \
    } while (0)

#define virCheckDomainReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_DOMAIN_MAGIC, VIR_ERR_INVALID_DOMAIN, \
                         VIR_FROM_DOM, retval)
#define virCheckDomainGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_DOMAIN_MAGIC, VIR_ERR_INVALID_DOMAIN, \
                       VIR_FROM_DOM, label)
#define virCheckNetworkReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_NETWORK_MAGIC, VIR_ERR_INVALID_NETWORK, \
                         VIR_FROM_NETWORK, retval)
#define virCheckNetworkGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_NETWORK_MAGIC, VIR_ERR_INVALID_NETWORK, \
                       VIR_FROM_NETWORK, label)
#define virCheckNetworkPortReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_NETWORK_PORT_MAGIC, VIR_ERR_INVALID_NETWORK_PORT, \
                         VIR_FROM_NETWORK, retval)
#define virCheckNetworkPortGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_NETWORK_PORT_MAGIC, VIR_ERR_INVALID_NETWORK_PORT, \
                       VIR_FROM_NETWORK, label)
#define virCheckInterfaceReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_INTERFACE_MAGIC, VIR_ERR_INVALID_INTERFACE, \
                         VIR_FROM_INTERFACE, retval)
#define virCheckInterfaceGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_INTERFACE_MAGIC, VIR_ERR_INVALID_INTERFACE, \
                       VIR_FROM_INTERFACE, label)
#define virCheckStoragePoolReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_STORAGE_POOL_MAGIC, VIR_ERR_INVALID_STORAGE_POOL, \
                         VIR_FROM_STORAGE, retval)
#define virCheckStoragePoolGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_STORAGE_POOL_MAGIC, VIR_ERR_INVALID_STORAGE_POOL, \
                       VIR_FROM_STORAGE, label)
#define virCheckStorageVolReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_STORAGE_VOL_MAGIC, VIR_ERR_INVALID_STORAGE_VOL, \
                         VIR_FROM_STORAGE, retval)
#define virCheckStorageVolGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_STORAGE_VOL_MAGIC, VIR_ERR_INVALID_STORAGE_VOL, \
                       VIR_FROM_STORAGE, label)
#define virCheckNodeDeviceReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_NODE_DEVICE_MAGIC, VIR_ERR_INVALID_NODE_DEVICE, \
                         VIR_FROM_NODEDEV, retval)
#define virCheckNodeDeviceGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_NODE_DEVICE_MAGIC, VIR_ERR_INVALID_NODE_DEVICE, \
                       VIR_FROM_NODEDEV, label)
#define virCheckSecretReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_SECRET_MAGIC, VIR_ERR_INVALID_SECRET, \
                         VIR_FROM_SECRET, retval)
#define virCheckSecretGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_SECRET_MAGIC, VIR_ERR_INVALID_SECRET, \
                       VIR_FROM_SECRET, label)
#define virCheckNWFilterReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_NWFILTER_MAGIC, VIR_ERR_INVALID_NWFILTER, \
                         VIR_FROM_NWFILTER, retval)
#define virCheckNWFilterGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_NWFILTER_MAGIC, VIR_ERR_INVALID_NWFILTER, \
                       VIR_FROM_NWFILTER, label)
#define virCheckNWFilterBindingReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_NWFILTER_BINDING_MAGIC, \
                         VIR_ERR_INVALID_NWFILTER_BINDING, VIR_FROM_NWFILTER, retval)
#define virCheckNWFilterBindingGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_NWFILTER_BINDING_MAGIC, \
                       VIR_ERR_INVALID_NWFILTER_BINDING, VIR_FROM_NWFILTER, label)
#define virCheckDomainSnapshotReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_DOMAIN_SNAPSHOT_MAGIC, \
                         VIR_ERR_INVALID_DOMAIN_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT, retval)
#define virCheckDomainSnapshotGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_DOMAIN_SNAPSHOT_MAGIC, \
                       VIR_ERR_INVALID_DOMAIN_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT, label)
#define virCheckDomainCheckpointReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_DOMAIN_CHECKPOINT_MAGIC, \
                         VIR_ERR_INVALID_DOMAIN_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT, \
                         retval)
#define virCheckDomainCheckpointGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_DOMAIN_CHECKPOINT_MAGIC, \
                       VIR_ERR_INVALID_DOMAIN_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT, \
                       label)
#define virCheckStreamReturn(obj, retval) \
    virCheckObjectReturn(obj, VIR_STREAM_MAGIC, VIR_ERR_INVALID_STREAM, \
                         VIR_FROM_STREAMS, retval)
#define virCheckStreamGoto(obj, label) \
    virCheckObjectGoto(obj, VIR_STREAM_MAGIC, VIR_ERR_INVALID_STREAM, \
                       VIR_FROM_STREAMS, label)
