/*
 * A public header upstream does not have, for selftest.py.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_GRACE_H
# define LIBVIRT_GRACE_H

# include <libvirt/libvirt.h>

# define VIR_GRACE_VERSION 1

int virGraceInit(void);

#endif /* LIBVIRT_GRACE_H */
