/*
 * remote_driver.h: the driver that talks to a daemon
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "driver.h"

extern const virHypervisorDriver remoteHypervisorDriver;
extern const virConnectDriver remoteConnectDriver;
