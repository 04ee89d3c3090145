/*
 * qemu_alias.h: the names QEMU knows each device by
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "domain_conf.h"

int qemuAssignDeviceAliases(virDomainDef *def);
