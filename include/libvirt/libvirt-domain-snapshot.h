/*
 * libvirt-domain-snapshot.h: snapshots of a domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:libvirt-domain-snapshot
 * @title: Domain snapshots
 * @short_description: snapshots of a domain's disks and memory
 * @include: libvirt/libvirt.h
 *
 * A snapshot keeps the state of a domain's disks, and possibly its memory, to
 * return to later.  This library takes no snapshots: they are counted and
 * listed as none, and the other calls report VIR_ERR_NO_SUPPORT.
 */

#ifndef LIBVIRT_DOMAIN_SNAPSHOT_H
# define LIBVIRT_DOMAIN_SNAPSHOT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "Include <libvirt/libvirt.h> rather than this file"
# endif

/**
 * virDomainSnapshot:
 *
 * A snapshot of a domain. Opaque.
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
 * @VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE: redefine the metadata of an existing
 *     snapshot
 * @VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT: make it the current snapshot
 * @VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA: keep no metadata for it
 * @VIR_DOMAIN_SNAPSHOT_CREATE_HALT: stop the domain afterwards
 * @VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY: disks only, no memory
 * @VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT: reuse existing external files
 * @VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE: quiesce the guest's file systems first
 * @VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC: all disks or none
 * @VIR_DOMAIN_SNAPSHOT_CREATE_LIVE: keep the domain running while it is taken
 * @VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE: validate the XML against the schema
 *
 * Flags for virDomainSnapshotCreateXML().
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
 * @VIR_DOMAIN_SNAPSHOT_XML_SECURE: include security-sensitive data
 *
 * Flags for virDomainSnapshotGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_XML_SECURE = VIR_DOMAIN_XML_SECURE,
} virDomainSnapshotXMLFlags;

char *virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot,
                                  unsigned int flags);

/**
 * virDomainSnapshotListFlags:
 * @VIR_DOMAIN_SNAPSHOT_LIST_ROOTS: only snapshots without a parent
 * @VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS: all descendants, not only children
 * @VIR_DOMAIN_SNAPSHOT_LIST_LEAVES: only snapshots without children
 * @VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES: only snapshots with children
 * @VIR_DOMAIN_SNAPSHOT_LIST_METADATA: only snapshots with metadata
 * @VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA: only snapshots without metadata
 * @VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE: only snapshots of a stopped domain
 * @VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE: only snapshots of a running domain
 * @VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY: only disk-only snapshots
 * @VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL: only internal snapshots
 * @VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL: only external snapshots
 * @VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL: parents before children
 *
 * Filters of the snapshot listings.
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
 * @VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING: run the domain afterwards
 * @VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED: leave it paused afterwards
 * @VIR_DOMAIN_SNAPSHOT_REVERT_FORCE: revert even where it is risky
 * @VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM: start with fresh NVRAM
 *
 * Flags for virDomainRevertToSnapshot().
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
 * @VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN: delete the children too
 * @VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY: delete the metadata only
 * @VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY: delete the children only
 *
 * Flags for virDomainSnapshotDelete().
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
