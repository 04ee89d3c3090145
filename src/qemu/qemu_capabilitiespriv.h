/*
 * qemu_capabilitiespriv.h: capabilities functions only tests call
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/stat.h>

#include "qemu_capabilities.h"

bool virQEMUCapsKVMUsable(void);

virQEMUCaps *virQEMUCapsProbe(const char *binary, const char *runDir,
                              const struct stat *sb, int timeoutMs);

char *virQEMUCapsCacheFilePath(virQEMUCapsCache *cache, const char *binary);
