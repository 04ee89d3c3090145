/*
 * qemu_validate.h: what the QEMU driver refuses before starting a guest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "qemu_capabilities.h"

int qemuValidateDomainDef(const virDomainDef *def, const virQEMUCaps *caps);
int qemuValidateDomainStart(const virDomainDef *def);
