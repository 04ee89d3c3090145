/*
 * A public header that includes one that exists nowhere, for selftest.py.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_BROKEN_H
# define LIBVIRT_BROKEN_H

# include <libvirt/libvirt-nonexistent.h>

#endif /* LIBVIRT_BROKEN_H */
