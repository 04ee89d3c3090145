/*
 * libvirt-secret.h: FIXME
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-secret
 * @title: FIXME
 * @short_description: FIXME
 * @include: libvirt/libvirt.h
 *
 * FIXME
 */

#ifndef LIBVIRT_SECRET_H
# define LIBVIRT_SECRET_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virSecret:
 *
 * FIXME
 */
typedef struct _virSecret virSecret;

/**
 * virSecretPtr:
 *
 * A pointer to a virSecret.
 */
typedef virSecret *virSecretPtr;

/**
 * virSecretUsageType:
 * @VIR_SECRET_USAGE_TYPE_NONE: FIXME
 * @VIR_SECRET_USAGE_TYPE_VOLUME: FIXME
 * @VIR_SECRET_USAGE_TYPE_CEPH: FIXME
 * @VIR_SECRET_USAGE_TYPE_ISCSI: FIXME
 * @VIR_SECRET_USAGE_TYPE_TLS: FIXME
 * @VIR_SECRET_USAGE_TYPE_VTPM: FIXME
 * @VIR_SECRET_USAGE_TYPE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_SECRET_USAGE_TYPE_NONE = 0,
    VIR_SECRET_USAGE_TYPE_VOLUME = 1,
    VIR_SECRET_USAGE_TYPE_CEPH = 2,
    VIR_SECRET_USAGE_TYPE_ISCSI = 3,
    VIR_SECRET_USAGE_TYPE_TLS = 4,
    VIR_SECRET_USAGE_TYPE_VTPM = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_USAGE_TYPE_LAST
# endif
} virSecretUsageType;

virConnectPtr virSecretGetConnect(virSecretPtr secret);
int virConnectNumOfSecrets(virConnectPtr conn);
int virConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids);

/**
 * virConnectListAllSecretsFlags:
 * @VIR_CONNECT_LIST_SECRETS_EPHEMERAL: FIXME
 * @VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL: FIXME
 * @VIR_CONNECT_LIST_SECRETS_PRIVATE: FIXME
 * @VIR_CONNECT_LIST_SECRETS_NO_PRIVATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_CONNECT_LIST_SECRETS_EPHEMERAL = 1 << 0,
    VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL = 1 << 1,
    VIR_CONNECT_LIST_SECRETS_PRIVATE = 1 << 2,
    VIR_CONNECT_LIST_SECRETS_NO_PRIVATE = 1 << 3,
} virConnectListAllSecretsFlags;

int virConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets,
                             unsigned int flags);
virSecretPtr virSecretLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virSecretPtr virSecretLookupByUUIDString(virConnectPtr conn, const char *uuid);
virSecretPtr virSecretLookupByUsage(virConnectPtr conn, int usageType,
                                    const char *usageID);

/**
 * virSecretDefineFlags:
 * @VIR_SECRET_DEFINE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_SECRET_DEFINE_VALIDATE = 1 << 0,
} virSecretDefineFlags;

virSecretPtr virSecretDefineXML(virConnectPtr conn, const char *xml,
                                unsigned int flags);
int virSecretGetUUID(virSecretPtr secret, unsigned char *buf);
int virSecretGetUUIDString(virSecretPtr secret, char *buf);
int virSecretGetUsageType(virSecretPtr secret);
const char *virSecretGetUsageID(virSecretPtr secret);
char *virSecretGetXMLDesc(virSecretPtr secret, unsigned int flags);
int virSecretSetValue(virSecretPtr secret, const unsigned char *value,
                      size_t value_size, unsigned int flags);
unsigned char *virSecretGetValue(virSecretPtr secret, size_t *value_size,
                                 unsigned int flags);
int virSecretUndefine(virSecretPtr secret);
int virSecretRef(virSecretPtr secret);
int virSecretFree(virSecretPtr secret);

/**
 * VIR_SECRET_EVENT_CALLBACK:
 * @cb: FIXME
 *
 * FIXME
 */
# define VIR_SECRET_EVENT_CALLBACK(cb) \
    ((virConnectSecretEventGenericCallback)(cb))

/**
 * virSecretEventID:
 * @VIR_SECRET_EVENT_ID_LIFECYCLE: FIXME
 * @VIR_SECRET_EVENT_ID_VALUE_CHANGED: FIXME
 * @VIR_SECRET_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_SECRET_EVENT_ID_LIFECYCLE = 0,
    VIR_SECRET_EVENT_ID_VALUE_CHANGED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_ID_LAST
# endif
} virSecretEventID;

/**
 * virConnectSecretEventGenericCallback:
 * @conn: the connection the event was raised on
 * @secret: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 */
typedef void (*virConnectSecretEventGenericCallback)(virConnectPtr conn,
                                                     virSecretPtr secret,
                                                     void *opaque);

int virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret,
                                     int eventID,
                                     virConnectSecretEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb);
int virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID);

/**
 * virSecretEventLifecycleType:
 * @VIR_SECRET_EVENT_DEFINED: FIXME
 * @VIR_SECRET_EVENT_UNDEFINED: FIXME
 * @VIR_SECRET_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * FIXME
 */
typedef enum {
    VIR_SECRET_EVENT_DEFINED = 0,
    VIR_SECRET_EVENT_UNDEFINED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_LAST
# endif
} virSecretEventLifecycleType;

/**
 * virConnectSecretEventLifecycleCallback:
 * @conn: the connection the event was raised on
 * @secret: FIXME
 * @event: FIXME
 * @detail: FIXME
 * @opaque: the data given when the callback was registered
 *
 * FIXME
 */
typedef void (*virConnectSecretEventLifecycleCallback)(virConnectPtr conn,
                                                       virSecretPtr secret,
                                                       int event, int detail,
                                                       void *opaque);

#endif /* LIBVIRT_SECRET_H */
