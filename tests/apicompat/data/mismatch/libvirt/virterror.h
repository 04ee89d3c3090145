/*
 * A public header that agrees with upstream, beside a wrong one, for
 * selftest.py.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_VIRTERROR_H
# define LIBVIRT_VIRTERROR_H

# include <libvirt/libvirt.h>

typedef enum {
    VIR_ERR_NONE = 0,
    VIR_ERR_WARNING = 1,
    VIR_ERR_ERROR = 2,
} virErrorLevel;

typedef struct _virError virError;
typedef virError *virErrorPtr;
struct _virError {
    int code;
    int domain;
    char *message;
    virErrorLevel level;
    virConnectPtr conn;
    virDomainPtr dom;
    char *str1;
    char *str2;
    char *str3;
    int int1;
    int int2;
    virNetworkPtr net;
};

virErrorPtr virGetLastError(void);

#endif /* LIBVIRT_VIRTERROR_H */
