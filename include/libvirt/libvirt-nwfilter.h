/*
 * libvirt-nwfilter.h: network filters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-nwfilter
 * @title: Network filters
 * @short_description: filters of domains' network traffic
 * @include: libvirt/libvirt.h
 *
 * Filtering rules for domains' network traffic.  This library manages none: the
 * listings are empty, lookups fail with VIR_ERR_NO_NWFILTER and the other calls
 * report VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_NWFILTER_H
# define LIBVIRT_NWFILTER_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virNWFilter:
 *
 * A network filter. Opaque.
 */
typedef struct _virNWFilter virNWFilter;

/**
 * virNWFilterPtr:
 *
 * A pointer to a virNWFilter.
 */
typedef virNWFilter *virNWFilterPtr;

/**
 * virNWFilterBinding:
 *
 * The binding of a network filter to a port. Opaque.
 */
typedef struct _virNWFilterBinding virNWFilterBinding;

/**
 * virNWFilterBindingPtr:
 *
 * A pointer to a virNWFilterBinding.
 */
typedef virNWFilterBinding *virNWFilterBindingPtr;

int virConnectNumOfNWFilters(virConnectPtr conn);
int virConnectListNWFilters(virConnectPtr conn, char **const names,
                            int maxnames);
int virConnectListAllNWFilters(virConnectPtr conn, virNWFilterPtr **filters,
                               unsigned int flags);
virNWFilterPtr virNWFilterLookupByName(virConnectPtr conn, const char *name);
virNWFilterPtr virNWFilterLookupByUUID(virConnectPtr conn,
                                       const unsigned char *uuid);
virNWFilterPtr virNWFilterLookupByUUIDString(virConnectPtr conn,
                                             const char *uuid);

/**
 * virNWFilterDefineFlags:
 * @VIR_NWFILTER_DEFINE_VALIDATE: validate the XML against the schema
 *
 * Flags for virNWFilterDefineXMLFlags().
 */
typedef enum {
    VIR_NWFILTER_DEFINE_VALIDATE = 1 << 0,
} virNWFilterDefineFlags;

virNWFilterPtr virNWFilterDefineXML(virConnectPtr conn, const char *xmlDesc);
virNWFilterPtr virNWFilterDefineXMLFlags(virConnectPtr conn,
                                         const char *xmlDesc,
                                         unsigned int flags);
int virNWFilterUndefine(virNWFilterPtr nwfilter);
int virNWFilterRef(virNWFilterPtr nwfilter);
int virNWFilterFree(virNWFilterPtr nwfilter);

/**
 * virNWFilterBindingCreateFlags:
 * @VIR_NWFILTER_BINDING_CREATE_VALIDATE: validate the XML against the schema
 *
 * Flags for virNWFilterBindingCreateXML().
 */
typedef enum {
    VIR_NWFILTER_BINDING_CREATE_VALIDATE = 1 << 0,
} virNWFilterBindingCreateFlags;

const char *virNWFilterGetName(virNWFilterPtr nwfilter);
int virNWFilterGetUUID(virNWFilterPtr nwfilter, unsigned char *uuid);
int virNWFilterGetUUIDString(virNWFilterPtr nwfilter, char *buf);
char *virNWFilterGetXMLDesc(virNWFilterPtr nwfilter, unsigned int flags);
virNWFilterBindingPtr virNWFilterBindingLookupByPortDev(virConnectPtr conn,
                                                        const char *portdev);
const char *virNWFilterBindingGetPortDev(virNWFilterBindingPtr binding);
const char *virNWFilterBindingGetFilterName(virNWFilterBindingPtr binding);
int virConnectListAllNWFilterBindings(virConnectPtr conn,
                                      virNWFilterBindingPtr **bindings,
                                      unsigned int flags);
virNWFilterBindingPtr virNWFilterBindingCreateXML(virConnectPtr conn,
                                                  const char *xml,
                                                  unsigned int flags);
char *virNWFilterBindingGetXMLDesc(virNWFilterBindingPtr binding,
                                   unsigned int flags);
int virNWFilterBindingDelete(virNWFilterBindingPtr binding);
int virNWFilterBindingRef(virNWFilterBindingPtr binding);
int virNWFilterBindingFree(virNWFilterBindingPtr binding);

#endif /* LIBVIRT_NWFILTER_H */
