/*
 * qemu_firmware.h: picking a UEFI firmware from the host's descriptors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"

/* What a descriptor says about a UEFI flash firmware for x86_64. */
typedef struct _qemuFirmware qemuFirmware;
struct _qemuFirmware {
    char *path;            /* the descriptor */
    char *executable;      /* the code, mapped read-only */
    char *nvramTemplate;   /* the variable store's template, or NULL */
    char **machines;       /* machine type globs, e.g. "pc-q35-*" */
    bool requiresSMM;
    bool secureBoot;
};

void qemuFirmwareFree(qemuFirmware *fw);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuFirmware, qemuFirmwareFree);

extern const char *const qemuFirmwareSystemDirs[];

qemuFirmware *qemuFirmwareParse(const char *path, const char *text,
                                bool *ret_unusable);
GPtrArray *qemuFirmwareLoadAll(const char *const *dirs);
char *qemuFirmwareNvramPath(const char *nvramDir, const char *name);
int qemuFirmwareFillDomain(virDomainDef *def, const char *const *dirs,
                           const char *nvramDir);
int qemuFirmwareCreateNvram(const virDomainDef *def)
    G_GNUC_WARN_UNUSED_RESULT;
