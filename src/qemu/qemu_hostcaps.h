/*
 * qemu_hostcaps.h: the host's and the emulator's capabilities, as the
 * public API reports them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qemu_conf.h"
#include "datatypes.h"

int qemuHostCapsNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
int qemuHostCapsGetMaxVcpus(virConnectPtr conn, const char *type);
int qemuHostCapsNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);
char *qemuHostCapsGetCapabilities(virConnectPtr conn);
char *qemuHostCapsGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin,
                                        const char *arch, const char *machine,
                                        const char *virttype, unsigned int flags);
