/*
 * libvirt-network.h: virtual networks
 *
 * This library manages no networks; the type exists because the
 * public virError structure refers to it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-network
 * @title: Networks
 * @short_description: the handle type of virtual networks
 * @include: libvirt/libvirt.h
 *
 * This library manages no virtual networks: the handle type exists because
 * virError refers to it.
 */

#ifndef LIBVIRT_NETWORK_H
# define LIBVIRT_NETWORK_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virNetwork:
 *
 * A virtual network.  Opaque.
 */
typedef struct _virNetwork virNetwork;

/**
 * virNetworkPtr:
 *
 * A handle on a virtual network.
 */
typedef virNetwork *virNetworkPtr;

#endif /* LIBVIRT_NETWORK_H */
