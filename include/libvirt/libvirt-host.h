/*
 * libvirt-host.h: connections to a hypervisor and facts about the library
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
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
 *
 * Flags for virConnectOpenAuth().
 */
typedef enum {
    VIR_CONNECT_RO = (1 << 0),         /* refuse every call that would change something */
    VIR_CONNECT_NO_ALIASES = (1 << 1), /* take the URI literally, never as an alias */
} virConnectFlags;

/**
 * virConnectCredentialType:
 *
 * Kinds of credential an authentication callback may be asked for.
 */
typedef enum {
    VIR_CRED_USERNAME = 1,     /* the identity to act as */
    VIR_CRED_AUTHNAME = 2,     /* the identity to authorize as */
    VIR_CRED_LANGUAGE = 3,     /* RFC 1766 languages, comma separated */
    VIR_CRED_CNONCE = 4,       /* a nonce chosen by the client */
    VIR_CRED_PASSPHRASE = 5,   /* a secret passphrase */
    VIR_CRED_ECHOPROMPT = 6,   /* an answer to a challenge, shown while typed */
    VIR_CRED_NOECHOPROMPT = 7, /* an answer to a challenge, hidden while typed */
    VIR_CRED_REALM = 8,        /* the authentication realm */
    VIR_CRED_EXTERNAL = 9,     /* a credential held outside the library */
# ifdef VIR_ENUM_SENTINELS
    VIR_CRED_LAST
# endif
} virConnectCredentialType;

/**
 * virConnectCredential:
 *
 * One credential request handed to an authentication callback, which
 * fills in @result (allocated with malloc) and @resultlen.
 */
typedef struct _virConnectCredential virConnectCredential;
struct _virConnectCredential {
    int type;              /* a virConnectCredentialType */
    const char *prompt;    /* text to show the user */
    const char *challenge; /* extra challenge text, may be NULL */
    const char *defresult; /* default answer, may be NULL */
    char *result;          /* the answer, filled by the callback */
    unsigned int resultlen; /* length of @result */
};
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
 *
 * What an application can answer when a driver needs credentials.
 */
typedef struct _virConnectAuth virConnectAuth;
struct _virConnectAuth {
    int *credtype;          /* the virConnectCredentialType values @cb handles */
    unsigned int ncredtype; /* length of @credtype */
    virConnectAuthCallbackPtr cb; /* collects the credentials */
    void *cbdata;           /* passed to @cb */
};
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
