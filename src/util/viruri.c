/*
 * viruri.c: what drivers read from a connection URI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "viruri.h"


/**
 * virURIGetParam:
 * @uri: a connection URI
 * @name: a query parameter ("root", "socket", "pkipath"...)
 *
 * Returns: the decoded value of @name in @uri's query, for the caller to
 * free, or NULL when @uri has no such parameter (or no query, or one
 * that does not parse).
 */
char *
virURIGetParam(GUri *uri, const char *name)
{
    const char *query = g_uri_get_query(uri);
    g_autoptr(GHashTable) params = NULL;

    if (!query)
        return NULL;
    if (!(params = g_uri_parse_params(query, -1, "&", G_URI_PARAMS_NONE, NULL)))
        return NULL;
    return g_strdup(g_hash_table_lookup(params, name));
}
