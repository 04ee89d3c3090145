/*
 * fuzzcommon.c: helpers of the fuzz targets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
#include "fuzz.h"


static void
fuzzQuietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


void
fuzzSetup(void)
{
    static bool done;

    if (done)
        return;
    done = true;
    g_setenv("LC_ALL", "C", TRUE);
    virSetErrorFunc(NULL, fuzzQuietErrors);
}


void
fuzzFail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz invariant broken: %s\n%s\n", what, detail ? detail : "");
    abort();
}
