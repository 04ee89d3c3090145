/*
 * viruuid.h: UUIDs, raw (VIR_UUID_BUFLEN bytes) and printed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

int virUUIDGenerate(unsigned char *uuid);
int virUUIDParse(const char *uuidstr, unsigned char *uuid)
    G_GNUC_WARN_UNUSED_RESULT;
const char *virUUIDFormat(const unsigned char *uuid, char *uuidstr);
bool virUUIDIsNull(const unsigned char *uuid);
