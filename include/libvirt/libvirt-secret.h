/*
 * libvirt-secret.h: secrets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-secret
 * @title: Secrets
 * @short_description: passphrases and keys domains use
 * @include: libvirt/libvirt.h
 *
 * Secrets hold the passphrases and keys domains use for encrypted or
 * authenticated storage.  This library keeps none: the listings are empty,
 * lookups fail with VIR_ERR_NO_SECRET and the other calls report
 * VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_SECRET_H
# define LIBVIRT_SECRET_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virSecret:
 *
 * A secret (a passphrase, a key). Opaque.
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
 * @VIR_SECRET_USAGE_TYPE_NONE: no particular use
 * @VIR_SECRET_USAGE_TYPE_VOLUME: a volume's encryption
 * @VIR_SECRET_USAGE_TYPE_CEPH: Ceph authentication
 * @VIR_SECRET_USAGE_TYPE_ISCSI: iSCSI authentication
 * @VIR_SECRET_USAGE_TYPE_TLS: a TLS key's passphrase
 * @VIR_SECRET_USAGE_TYPE_VTPM: a virtual TPM's state encryption
 * @VIR_SECRET_USAGE_TYPE_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What a secret is used for.
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
 * @VIR_CONNECT_LIST_SECRETS_EPHEMERAL: ephemeral secrets only
 * @VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL: persistent secrets only
 * @VIR_CONNECT_LIST_SECRETS_PRIVATE: private secrets only
 * @VIR_CONNECT_LIST_SECRETS_NO_PRIVATE: readable secrets only
 *
 * Filters of virConnectListAllSecrets().
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
 * @VIR_SECRET_DEFINE_VALIDATE: validate the XML against the schema
 *
 * Flags for virSecretDefineXML().
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
 * @cb: a secret event callback
 *
 * Casts @cb to the generic type virConnectSecretEventRegisterAny() takes.
 */
# define VIR_SECRET_EVENT_CALLBACK(cb) \
    ((virConnectSecretEventGenericCallback)(cb))

/**
 * virSecretEventID:
 * @VIR_SECRET_EVENT_ID_LIFECYCLE: lifecycle events,
 *     virConnectSecretEventLifecycleCallback
 * @VIR_SECRET_EVENT_ID_VALUE_CHANGED: value changes,
 *     virConnectSecretEventGenericCallback
 * @VIR_SECRET_EVENT_ID_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * The kinds of secret events.
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
 * @secret: the secret
 * @opaque: the data given when the callback was registered
 *
 * The generic type of secret event callbacks.
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
 * @VIR_SECRET_EVENT_DEFINED: the secret was defined
 * @VIR_SECRET_EVENT_UNDEFINED: the secret was undefined
 * @VIR_SECRET_EVENT_LAST: the number of values; defined only with
 *     VIR_ENUM_SENTINELS, and it grows in later releases
 *
 * What happened to a secret.
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
 * @secret: the secret
 * @event: a virSecretEventLifecycleType
 * @detail: more about the event, 0 for now
 * @opaque: the data given when the callback was registered
 *
 * Called when a secret is defined or undefined.
 */
typedef void (*virConnectSecretEventLifecycleCallback)(virConnectPtr conn,
                                                       virSecretPtr secret,
                                                       int event, int detail,
                                                       void *opaque);

#endif /* LIBVIRT_SECRET_H */
