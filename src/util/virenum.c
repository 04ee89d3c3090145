/*
 * virenum.c: enum <-> string conversion
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virenum.h"

/**
 * virEnumFromString:
 * @types: the table
 * @ntypes: its length
 * @type: the string to look up; NULL is never found
 *
 * Returns: the index of @type in @types, or -1.
 */
int
virEnumFromString(const char *const *types, unsigned int ntypes,
                  const char *type)
{
    if (!type)
        return -1;
    for (unsigned int i = 0; i < ntypes; i++) {
        if (types[i] && STREQ(types[i], type))
            return i;
    }
    return -1;
}


/**
 * virEnumToString:
 * @types: the table
 * @ntypes: its length
 * @type: the value
 *
 * Returns: the string for @type, or NULL when out of range.
 */
const char *
virEnumToString(const char *const *types, unsigned int ntypes, int type)
{
    if (type < 0 || (unsigned int)type >= ntypes)
        return NULL;
    return types[type];
}
