/*
 * libvirt.h: the public interface of the library
 *
 * Source- and binary-compatible with upstream libvirt for the part of
 * its API this project implements: the names, values and signatures
 * here are upstream's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt
 * @title: libvirt
 * @short_description: the header applications include
 * @include: libvirt/libvirt.h
 *
 * Applications include libvirt/libvirt.h, which brings in every part of the
 * API except the error reporting of libvirt/virterror.h, and link with
 * "-lvirt".  The part of upstream libvirt's API this library implements
 * keeps upstream's names, signatures, enum values and symbol versions, so a
 * program that uses only that part builds and runs against either library.
 */

#ifndef LIBVIRT_H
# define LIBVIRT_H

# include <sys/types.h>

# ifdef __cplusplus
extern "C" {
# endif

# define __VIR_LIBVIRT_H_INCLUDES__
# include <libvirt/libvirt-common.h>
# include <libvirt/libvirt-host.h>
# include <libvirt/libvirt-domain.h>
# include <libvirt/libvirt-domain-checkpoint.h>
# include <libvirt/libvirt-domain-snapshot.h>
# include <libvirt/libvirt-event.h>
# include <libvirt/libvirt-interface.h>
# include <libvirt/libvirt-network.h>
# include <libvirt/libvirt-nodedev.h>
# include <libvirt/libvirt-nwfilter.h>
# include <libvirt/libvirt-secret.h>
# include <libvirt/libvirt-storage.h>
# include <libvirt/libvirt-stream.h>
# undef __VIR_LIBVIRT_H_INCLUDES__

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_H */
