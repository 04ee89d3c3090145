/*
 * qemu_driver.h: the QEMU driver's entry in the driver table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "driver.h"

extern const virHypervisorDriver qemuHypervisorDriver;
extern const virConnectDriver qemuConnectDriver;
