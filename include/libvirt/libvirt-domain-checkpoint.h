/*
 * libvirt-domain-checkpoint.h: checkpoints of a domain's disks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-domain-checkpoint
 * @title: Domain checkpoints
 * @short_description: checkpoints of a domain's disks, for incremental backups
 * @include: libvirt/libvirt.h
 *
 * A checkpoint marks the state of a domain's disks so that a later backup
 * copies only what changed since.  This library takes no checkpoints: the
 * listings are empty and the other calls report VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_DOMAIN_CHECKPOINT_H
# define LIBVIRT_DOMAIN_CHECKPOINT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virDomainCheckpoint:
 *
 * A checkpoint of a domain's disks. Opaque.
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
 * @VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE: redefine the metadata of an existing
 *     checkpoint
 * @VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE: quiesce the guest's file systems first
 * @VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE: with REDEFINE, check the
 *     bitmaps exist
 *
 * Flags for virDomainCheckpointCreateXML().
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
 * @VIR_DOMAIN_CHECKPOINT_XML_SECURE: include security-sensitive data
 * @VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN: leave out the domain's definition
 * @VIR_DOMAIN_CHECKPOINT_XML_SIZE: report the size of each bitmap
 *
 * Flags for virDomainCheckpointGetXMLDesc().
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
 * @VIR_DOMAIN_CHECKPOINT_LIST_ROOTS: only checkpoints without a parent
 * @VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS: all descendants, not only children
 * @VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL: parents before children
 * @VIR_DOMAIN_CHECKPOINT_LIST_LEAVES: only checkpoints without children
 * @VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES: only checkpoints with children
 *
 * Filters of the checkpoint listings.
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
 * @VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN: delete the children too
 * @VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY: delete the metadata only
 * @VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY: delete the children only
 *
 * Flags for virDomainCheckpointDelete().
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
