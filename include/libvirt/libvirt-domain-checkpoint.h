/*
 * libvirt-domain-checkpoint.h: FIXME
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-domain-checkpoint
 * @title: FIXME
 * @short_description: FIXME
 * @include: libvirt/libvirt.h
 *
 * FIXME
 */

#ifndef LIBVIRT_DOMAIN_CHECKPOINT_H
# define LIBVIRT_DOMAIN_CHECKPOINT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virDomainCheckpoint:
 *
 * FIXME
 */
typedef struct _virDomainCheckpoint virDomainCheckpoint;

/**
 * virDomainCheckpointPtr:
 *
 * A pointer to a virDomainCheckpoint.
 */
typedef virDomainCheckpoint *virDomainCheckpointPtr;

const char *virDomainCheckpointGetName(virDomainCheckpointPtr checkpoint);
virDomainPtr virDomainCheckpointGetDomain(virDomainCheckpointPtr checkpoint);
virConnectPtr virDomainCheckpointGetConnect(virDomainCheckpointPtr checkpoint);

/**
 * virDomainCheckpointCreateFlags:
 * @VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE: FIXME
 * @VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE: FIXME
 * @VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE = (1 << 0),
    VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE = (1 << 1),
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE = (1 << 2),
} virDomainCheckpointCreateFlags;

virDomainCheckpointPtr virDomainCheckpointCreateXML(virDomainPtr domain,
                                                    const char *xmlDesc,
                                                    unsigned int flags);

/**
 * virDomainCheckpointXMLFlags:
 * @VIR_DOMAIN_CHECKPOINT_XML_SECURE: FIXME
 * @VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN: FIXME
 * @VIR_DOMAIN_CHECKPOINT_XML_SIZE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_XML_SECURE = (1 << 0),
    VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN = (1 << 1),
    VIR_DOMAIN_CHECKPOINT_XML_SIZE = (1 << 2),
} virDomainCheckpointXMLFlags;

char *virDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint,
                                    unsigned int flags);

/**
 * virDomainCheckpointListFlags:
 * @VIR_DOMAIN_CHECKPOINT_LIST_ROOTS: FIXME
 * @VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS: FIXME
 * @VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL: FIXME
 * @VIR_DOMAIN_CHECKPOINT_LIST_LEAVES: FIXME
 * @VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_LIST_ROOTS = (1 << 0),
    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS = (1 << 0),
    VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL = (1 << 1),
    VIR_DOMAIN_CHECKPOINT_LIST_LEAVES = (1 << 2),
    VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES = (1 << 3),
} virDomainCheckpointListFlags;

int virDomainListAllCheckpoints(virDomainPtr domain,
                                virDomainCheckpointPtr **checkpoints,
                                unsigned int flags);
int virDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                       virDomainCheckpointPtr **children,
                                       unsigned int flags);
virDomainCheckpointPtr virDomainCheckpointLookupByName(virDomainPtr domain,
                                                       const char *name,
                                                       unsigned int flags);
virDomainCheckpointPtr virDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint,
                                                    unsigned int flags);

/**
 * virDomainCheckpointDeleteFlags:
 * @VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN: FIXME
 * @VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY: FIXME
 * @VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN = (1 << 0),
    VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY = (1 << 1),
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY = (1 << 2),
} virDomainCheckpointDeleteFlags;

int virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint,
                              unsigned int flags);
int virDomainCheckpointRef(virDomainCheckpointPtr checkpoint);
int virDomainCheckpointFree(virDomainCheckpointPtr checkpoint);

#endif /* LIBVIRT_DOMAIN_CHECKPOINT_H */
