/*
 * qemu_capabilities.h: what an emulator binary offers, probed once
 *
 * A virQEMUCaps describes one emulator binary: its version, the machine
 * types it knows (with their aliases) and whether KVM can be used with
 * it.  Probing starts the binary once with QMP; the result is cached in
 * memory and on disk, keyed by the binary's path and its stat data
 * (mtime, ctime, size, inode), so a later process does not probe again
 * until the binary changes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/types.h>

#include "internal.h"

/* The oldest QEMU we generate command lines for: 7.2.0. */
#define QEMU_MIN_VERSION 7002000

typedef struct _virQEMUCapsMachine virQEMUCapsMachine;
struct _virQEMUCapsMachine {
    char *name;        /* canonical, e.g. "pc-i440fx-7.2" */
    char *alias;       /* e.g. "pc", or NULL */
    bool isDefault;    /* what QEMU picks with no -machine */
    unsigned int maxCpus;
    bool deprecated;
};

typedef struct _virQEMUCaps virQEMUCaps;
struct _virQEMUCaps {
    char *binary;          /* absolute path of the emulator */
    /* stat data of @binary when probed; a mismatch means re-probe */
    time_t mtime;
    time_t ctime;
    off_t size;
    ino_t inode;

    unsigned int version;  /* major * 1000000 + minor * 1000 + micro */
    char *package;         /* e.g. "Debian 1:7.2+dfsg-7+deb12u18+b3" */
    char *arch;            /* target architecture, e.g. "x86_64" */
    bool kvmSupported;     /* the binary has KVM and /dev/kvm was usable */
    bool kvmProbed;        /* /dev/kvm was usable when probed: if that
                            * changes, the entry is stale */

    virQEMUCapsMachine *machines;
    size_t nmachines;

    /* QOM type names the binary offers (devices, backends), for
     * checking before asking for one. */
    GHashTable *types;
};

virQEMUCaps *virQEMUCapsNew(void);
void virQEMUCapsFree(virQEMUCaps *caps);
virQEMUCaps *virQEMUCapsCopy(const virQEMUCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virQEMUCaps, virQEMUCapsFree);

/* Canonical machine name for @name (an alias or a canonical name), or
 * NULL if the binary does not know it.  NULL @name means the default. */
const char *virQEMUCapsGetCanonicalMachine(const virQEMUCaps *caps,
                                           const char *name);
const virQEMUCapsMachine *virQEMUCapsGetMachine(const virQEMUCaps *caps,
                                                const char *name);
bool virQEMUCapsHasType(const virQEMUCaps *caps, const char *type);

/* Building a virQEMUCaps (probe, parser, tests). */
void virQEMUCapsAddMachine(virQEMUCaps *caps, const char *name,
                           const char *alias, bool isDefault,
                           unsigned int maxCpus, bool deprecated);
void virQEMUCapsAddType(virQEMUCaps *caps, const char *type);

/* Serialisation for the on-disk cache and for test fixtures
 * (tests/qemucapabilitiesdata/ *.caps): a GKeyFile. */
char *virQEMUCapsFormat(const virQEMUCaps *caps);
virQEMUCaps *virQEMUCapsParse(const char *data, const char *origin);

/*
 * The cache.  One per driver (no globals): @cacheDir holds one file per
 * binary.  Lookup stats the binary (VIR_ERR_SYSTEM_ERROR "Cannot check
 * QEMU binary PATH: ..." when missing), returns the in-memory entry if
 * still fresh, else the on-disk one if fresh, else probes and stores.
 * A binary older than QEMU_MIN_VERSION is refused with
 * VIR_ERR_CONFIG_UNSUPPORTED.  Thread-safe.
 */
typedef struct _virQEMUCapsCache virQEMUCapsCache;

void virQEMUCapsCacheSetProbeTimeout(virQEMUCapsCache *cache, int timeoutMs);
virQEMUCapsCache *virQEMUCapsCacheNew(const char *cacheDir,
                                      const char *runDir);
void virQEMUCapsCacheFree(virQEMUCapsCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virQEMUCapsCache, virQEMUCapsCacheFree);

/* Returns a copy (virQEMUCapsCopy) the caller frees, or NULL with an
 * error reported. */
virQEMUCaps *virQEMUCapsCacheLookup(virQEMUCapsCache *cache,
                                    const char *binary);

/* Tests: serve @caps for @binary without stat or probe (stolen). */
void virQEMUCapsCacheInsertFixture(virQEMUCapsCache *cache,
                                   const char *binary, virQEMUCaps *caps);
