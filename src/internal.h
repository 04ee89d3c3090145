/*
 * internal.h: what every source file of the library includes first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>

/* Internal code sees the _LAST sentinels of the public enums. */
#define VIR_ENUM_SENTINELS
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* Marks a string for translation without translating it here. */
#ifndef N_
# define N_(s) (s)
#endif

/* Arguments (counted from 1) that must not be NULL: the compiler warns
 * at a call that passes a literal NULL, and -Werror makes it an error. */
#define ATTRIBUTE_NONNULL(...) __attribute__((nonnull(__VA_ARGS__)))

#define NULLSTR(s) ((s) ? (s) : "<null>")
#define NULLSTR_EMPTY(s) ((s) ? (s) : "")

#define STREQ(a, b) (strcmp(a, b) == 0)
#define STRNEQ(a, b) (strcmp(a, b) != 0)
#define STREQ_NULLABLE(a, b) (g_strcmp0(a, b) == 0)
#define STRNEQ_NULLABLE(a, b) (g_strcmp0(a, b) != 0)
#define STRPREFIX(a, b) (strncmp(a, b, strlen(b)) == 0)
