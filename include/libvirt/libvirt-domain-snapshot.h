/*
 * libvirt-domain-snapshot.h: FIXME
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-domain-snapshot
 * @title: FIXME
 * @short_description: FIXME
 * @include: libvirt/libvirt.h
 *
 * FIXME
 */

#ifndef LIBVIRT_DOMAIN_SNAPSHOT_H
# define LIBVIRT_DOMAIN_SNAPSHOT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virDomainSnapshot:
 *
 * FIXME
 */
typedef struct _virDomainSnapshot virDomainSnapshot;

/**
 * virDomainSnapshotPtr:
 *
 * A pointer to a virDomainSnapshot.
 */
typedef virDomainSnapshot *virDomainSnapshotPtr;

const char *virDomainSnapshotGetName(virDomainSnapshotPtr snapshot);
virDomainPtr virDomainSnapshotGetDomain(virDomainSnapshotPtr snapshot);
virConnectPtr virDomainSnapshotGetConnect(virDomainSnapshotPtr snapshot);

/**
 * virDomainSnapshotCreateFlags:
 * @VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_HALT: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_LIVE: FIXME
 * @VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE = (1 << 0),
    VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT = (1 << 1),
    VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA = (1 << 2),
    VIR_DOMAIN_SNAPSHOT_CREATE_HALT = (1 << 3),
    VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY = (1 << 4),
    VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT = (1 << 5),
    VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE = (1 << 6),
    VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC = (1 << 7),
    VIR_DOMAIN_SNAPSHOT_CREATE_LIVE = (1 << 8),
    VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE = (1 << 9),
} virDomainSnapshotCreateFlags;

virDomainSnapshotPtr virDomainSnapshotCreateXML(virDomainPtr domain,
                                                const char *xmlDesc,
                                                unsigned int flags);

/**
 * virDomainSnapshotXMLFlags:
 * @VIR_DOMAIN_SNAPSHOT_XML_SECURE: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_XML_SECURE = VIR_DOMAIN_XML_SECURE,
} virDomainSnapshotXMLFlags;

char *virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot,
                                  unsigned int flags);

/**
 * virDomainSnapshotListFlags:
 * @VIR_DOMAIN_SNAPSHOT_LIST_ROOTS: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_LEAVES: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_METADATA: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL: FIXME
 * @VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_LIST_ROOTS = (1 << 0),
    VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS = (1 << 0),
    VIR_DOMAIN_SNAPSHOT_LIST_LEAVES = (1 << 2),
    VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES = (1 << 3),
    VIR_DOMAIN_SNAPSHOT_LIST_METADATA = (1 << 1),
    VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA = (1 << 4),
    VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE = (1 << 5),
    VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE = (1 << 6),
    VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY = (1 << 7),
    VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL = (1 << 8),
    VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL = (1 << 9),
    VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL = (1 << 10),
} virDomainSnapshotListFlags;

int virDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
int virDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen,
                               unsigned int flags);
int virDomainListAllSnapshots(virDomainPtr domain,
                              virDomainSnapshotPtr **snaps, unsigned int flags);
int virDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot,
                                 unsigned int flags);
int virDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                       char **names, int nameslen,
                                       unsigned int flags);
int virDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                     virDomainSnapshotPtr **snaps,
                                     unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotLookupByName(virDomainPtr domain,
                                                   const char *name,
                                                   unsigned int flags);
int virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotCurrent(virDomainPtr domain,
                                              unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotGetParent(virDomainSnapshotPtr snapshot,
                                                unsigned int flags);
int virDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot,
                               unsigned int flags);
int virDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot,
                                 unsigned int flags);

/**
 * virDomainSnapshotRevertFlags:
 * @VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING: FIXME
 * @VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED: FIXME
 * @VIR_DOMAIN_SNAPSHOT_REVERT_FORCE: FIXME
 * @VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING = 1 << 0,
    VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED = 1 << 1,
    VIR_DOMAIN_SNAPSHOT_REVERT_FORCE = 1 << 2,
    VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM = 1 << 3,
} virDomainSnapshotRevertFlags;

int virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot,
                              unsigned int flags);

/**
 * virDomainSnapshotDeleteFlags:
 * @VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN: FIXME
 * @VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY: FIXME
 * @VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY: FIXME
 *
 * FIXME
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN = (1 << 0),
    VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY = (1 << 1),
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY = (1 << 2),
} virDomainSnapshotDeleteFlags;

int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags);
int virDomainSnapshotRef(virDomainSnapshotPtr snapshot);
int virDomainSnapshotFree(virDomainSnapshotPtr snapshot);

#endif /* LIBVIRT_DOMAIN_SNAPSHOT_H */
