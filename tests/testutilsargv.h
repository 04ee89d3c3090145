/*
 * testutilsargv.h: what qemuxml2argvtest and qemuxml2argvrealtest
 * decide alike, so that one golden command line serves both
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "domain_conf.h"

/* The descriptor number the tap of interface i is passed as. */
#define TEST_TAP_FD_FIRST 40

/* For qemuCommandPaths.tapfds: TEST_TAP_FD_FIRST + i for each bridge
 * interface i, -1 for the others. */
static inline int *
testTapFDs(const virDomainDef *def)
{
    int *fds = g_new(int, def->nnets + 1);

    for (size_t i = 0; i < def->nnets; i++)
        fds[i] = def->nets[i]->type == VIR_DOMAIN_NET_TYPE_BRIDGE ?
                 TEST_TAP_FD_FIRST + (int)i : -1;
    return fds;
}
