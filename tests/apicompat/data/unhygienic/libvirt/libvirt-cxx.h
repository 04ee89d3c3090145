/*
 * A public header that is fine C but not C++ (a parameter named "new"),
 * for selftest.py.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_CXX_H
# define LIBVIRT_CXX_H

# ifdef __cplusplus
extern "C" {
# endif

int virGraceRename(const char *old, const char *new);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_CXX_H */
