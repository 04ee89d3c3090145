/*
 * qemu_storage.h: directory storage pools of a QEMU connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "driver.h"

extern const virStorageDriver qemuStorageDriver;

void qemuStorageAutostart(virConnectPtr conn);
