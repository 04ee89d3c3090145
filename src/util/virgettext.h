/*
 * virgettext.h: where the message catalogues are
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

char *virGettextLocaleDir(const void *self);
char *virGettextRelocate(const char *loadedDir, const char *installDir,
                         const char *dataDir);
