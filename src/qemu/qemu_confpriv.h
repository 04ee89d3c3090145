/*
 * qemu_confpriv.h: what the tests of qemu.conf need to see
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

const char *const *virQEMUDriverConfigKnownKeys(void);
