/*
 * A public header with hygiene problems, for selftest.py: no C linkage
 * for C++, a declaration that is not a prototype, and a header taken
 * from outside its own tree (virterror.h is not in this directory, so
 * the system's is used).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_H
# define LIBVIRT_H

# define VIR_DEPRECATED

typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;
typedef struct _virDomain virDomain;
typedef virDomain *virDomainPtr;
typedef struct _virNetwork virNetwork;
typedef virNetwork *virNetworkPtr;

# include <libvirt/virterror.h>

int virConnectClose();
int virDomainFree(virDomainPtr domain);

#endif /* LIBVIRT_H */
