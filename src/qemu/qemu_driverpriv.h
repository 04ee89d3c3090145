/*
 * qemu_driverpriv.h: what a program hosting the QEMU driver (the daemon)
 * tells it, outside the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

void qemuDriverSetShared(void);
