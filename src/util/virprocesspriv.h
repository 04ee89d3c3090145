/*
 * virprocesspriv.h: virprocess.c internals that tests call directly
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "virprocess.h"

int virProcessParseStartTime(pid_t pid, const char *stat,
                             unsigned long long *retStartTime)
    G_GNUC_WARN_UNUSED_RESULT;
