/*
 * viruri.h: what drivers read from a connection URI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

char *virURIGetParam(GUri *uri, const char *name)
    ATTRIBUTE_NONNULL(1) ATTRIBUTE_NONNULL(2);
