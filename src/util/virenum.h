/*
 * virenum.h: one table per enum for conversion to and from strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

int virEnumFromString(const char *const *types, unsigned int ntypes,
                      const char *type);
const char *virEnumToString(const char *const *types, unsigned int ntypes,
                            int type);

/**
 * VIR_ENUM_IMPL:
 * @name: the enum's base name, e.g. virDomainDiskBus
 * @lastVal: its _LAST sentinel
 * @...: one string per value, in order
 *
 * Defines @nameTypeToString (NULL for out-of-range values) and
 * @nameTypeFromString (-1 for unknown strings).  The compiler checks
 * that there is exactly one string per value.
 */
#define VIR_ENUM_IMPL(name, lastVal, ...) \
    static const char *const _##name##TypeList[] = { __VA_ARGS__ }; \
    G_STATIC_ASSERT(G_N_ELEMENTS(_##name##TypeList) == (lastVal)); \
    const char *name##TypeToString(int type) \
    { \
        return virEnumToString(_##name##TypeList, \
                               G_N_ELEMENTS(_##name##TypeList), type); \
    } \
    int name##TypeFromString(const char *type) \
    { \
        return virEnumFromString(_##name##TypeList, \
                                 G_N_ELEMENTS(_##name##TypeList), type); \
    }

/**
 * VIR_ENUM_DECL:
 * @name: the enum's base name
 *
 * Declares the two functions VIR_ENUM_IMPL defines.
 */
#define VIR_ENUM_DECL(name) \
    const char *name##TypeToString(int type); \
    int name##TypeFromString(const char *type)
