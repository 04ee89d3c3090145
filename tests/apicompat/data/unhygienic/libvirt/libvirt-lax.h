/*
 * A sub-header whose guard never fires, for selftest.py: it must refuse
 * to be included on its own, and does not.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_LAX_H
# define LIBVIRT_LAX_H

# if 0
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

#endif /* LIBVIRT_LAX_H */
