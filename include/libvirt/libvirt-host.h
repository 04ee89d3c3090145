/*
 * libvirt-host.h: connections to a hypervisor and facts about the library
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-host
 * @title: Connections
 * @short_description: opening a connection to the QEMU driver and asking about it
 * @include: libvirt/libvirt.h
 *
 * Everything starts with a connection: virConnectOpen() with the URI of an
 * instance of the QEMU driver.  "qemu:///embed?root=/ABSOLUTE/DIR" runs the
 * driver inside the calling process and keeps all its state under DIR;
 * "qemu:///session" and "qemu:///system" use the per-user and the
 * system-wide directories.  The domains' QEMU processes outlive the
 * connection and the process that opened it: any later connection to the
 * same URI finds them again.
 */

#ifndef LIBVIRT_HOST_H
# define LIBVIRT_HOST_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virConnect:
 *
 * An open connection to a hypervisor driver.  Opaque: applications only
 * ever hold a virConnectPtr.
 */
typedef struct _virConnect virConnect;

/**
 * virConnectPtr:
 *
 * The handle every connection-level call takes.  Obtained from
 * virConnectOpen() and friends, released with virConnectClose().
 */
typedef virConnect *virConnectPtr;

/**
 * virConnectFlags:
 * @VIR_CONNECT_RO: refuse every call that would change something
 * @VIR_CONNECT_NO_ALIASES: take the URI literally, never as an alias
 *
 * Flags for virConnectOpenAuth().
 */
typedef enum {
    VIR_CONNECT_RO = (1 << 0),
    VIR_CONNECT_NO_ALIASES = (1 << 1),
} virConnectFlags;

/**
 * virConnectCredentialType:
 * @VIR_CRED_USERNAME: the identity to act as
 * @VIR_CRED_AUTHNAME: the identity to authorize as
 * @VIR_CRED_LANGUAGE: RFC 1766 languages, comma separated
 * @VIR_CRED_CNONCE: a nonce chosen by the client
 * @VIR_CRED_PASSPHRASE: a secret passphrase
 * @VIR_CRED_ECHOPROMPT: an answer to a challenge, shown while typed
 * @VIR_CRED_NOECHOPROMPT: an answer to a challenge, hidden while typed
 * @VIR_CRED_REALM: the authentication realm
 * @VIR_CRED_EXTERNAL: a credential held outside the library
 * @VIR_CRED_LAST: the number of values; defined only with VIR_ENUM_SENTINELS,
 *     and it grows in later releases
 *
 * Kinds of credential an authentication callback may be asked for.
 */
typedef enum {
    VIR_CRED_USERNAME = 1,
    VIR_CRED_AUTHNAME = 2,
    VIR_CRED_LANGUAGE = 3,
    VIR_CRED_CNONCE = 4,
    VIR_CRED_PASSPHRASE = 5,
    VIR_CRED_ECHOPROMPT = 6,
    VIR_CRED_NOECHOPROMPT = 7,
    VIR_CRED_REALM = 8,
    VIR_CRED_EXTERNAL = 9,
# ifdef VIR_ENUM_SENTINELS
    VIR_CRED_LAST
# endif
} virConnectCredentialType;

/**
 * virConnectCredential:
 * @type: a virConnectCredentialType
 * @prompt: text to show the user
 * @challenge: extra challenge text, may be NULL
 * @defresult: default answer, may be NULL
 * @result: the answer, filled by the callback
 * @resultlen: length of @result
 *
 * One credential request handed to an authentication callback, which
 * fills in @result (allocated with malloc) and @resultlen.
 */
typedef struct _virConnectCredential virConnectCredential;
struct _virConnectCredential {
    int type;
    const char *prompt;
    const char *challenge;
    const char *defresult;
    char *result;
    unsigned int resultlen;
};

/**
 * virConnectCredentialPtr:
 *
 * A pointer to a virConnectCredential.
 */
typedef virConnectCredential *virConnectCredentialPtr;

/**
 * virConnectAuthCallbackPtr:
 * @cred: the credentials to collect
 * @ncred: how many there are
 * @cbdata: the application's data from virConnectAuth
 *
 * Collects credentials for virConnectOpenAuth().
 *
 * Returns: 0 when every credential was filled in, -1 otherwise.
 */
typedef int (*virConnectAuthCallbackPtr)(virConnectCredentialPtr cred,
                                         unsigned int ncred,
                                         void *cbdata);

/**
 * virConnectAuth:
 * @credtype: the virConnectCredentialType values @cb handles
 * @ncredtype: length of @credtype
 * @cb: collects the credentials
 * @cbdata: passed to @cb
 *
 * What an application can answer when a driver needs credentials.
 */
typedef struct _virConnectAuth virConnectAuth;
struct _virConnectAuth {
    int *credtype;
    unsigned int ncredtype;
    virConnectAuthCallbackPtr cb;
    void *cbdata;
};

/**
 * virConnectAuthPtr:
 *
 * A pointer to a virConnectAuth.
 */
typedef virConnectAuth *virConnectAuthPtr;

/**
 * virConnectAuthPtrDefault:
 *
 * An authentication handler that prompts on the terminal.  Local drivers
 * never need credentials, so with them it is never called.
 */
VIR_EXPORT_VAR virConnectAuthPtr virConnectAuthPtrDefault;

/**
 * VIR_UUID_BUFLEN:
 *
 * Bytes in a raw UUID.
 */
# define VIR_UUID_BUFLEN (16)

/**
 * VIR_UUID_STRING_BUFLEN:
 *
 * Bytes needed for a UUID in its printed form, including the final NUL.
 */
# define VIR_UUID_STRING_BUFLEN (36 + 1)

int virGetVersion(unsigned long *libVer, const char *type,
                  unsigned long *typeVer);
int virInitialize(void);

virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
virConnectPtr virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                                 unsigned int flags);
int virConnectRef(virConnectPtr conn);
int virConnectClose(virConnectPtr conn);

const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer);
char *virConnectGetHostname(virConnectPtr conn);
char *virConnectGetURI(virConnectPtr conn);
int virConnectIsAlive(virConnectPtr conn);
int virConnectIsSecure(virConnectPtr conn);
int virConnectIsEncrypted(virConnectPtr conn);

#endif /* LIBVIRT_HOST_H */
