/*
 * A public header that declares nothing to link against, for
 * selftest.py: its C linkage cannot be shown.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_EMPTY_H
# define LIBVIRT_EMPTY_H

# define VIR_GRACE_EMPTY 1

#endif /* LIBVIRT_EMPTY_H */
