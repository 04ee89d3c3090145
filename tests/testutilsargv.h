/*
 * testutilsargv.h: what qemuxml2argvtest and qemuxml2argvrealtest
 * decide alike, so that one golden command line serves both
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "domain_conf.h"
#include "testutilscaps.h"

/* tests/qemuxml2argvdata/@name.@ext: the cases' definitions and
 * golden files. */
static inline char *
testArgvDataPath(const char *name, const char *ext)
{
    return g_strdup_printf("%s/qemuxml2argvdata/%s.%s", virTestSrcDir(), name, ext);
}

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


/* What a case of qemuxml2argvtests.h asks of the build. */
typedef enum {
    /* The emulator can use KVM (the fixture says it cannot). */
    TEST_FLAG_KVM = 1 << 0,
    /* Leave autoport VNC displays without a reserved port, as a
     * driver that forgot to reserve one would. */
    TEST_FLAG_NO_VNC_PORT = 1 << 1,
    /* Build from the XML without qemuDomainPrepareDef, as a driver
     * that forgot it would. */
    TEST_FLAG_NO_PREPARE = 1 << 2,
    /* The emulator was built without virtio-rng-pci. */
    TEST_FLAG_CAPS_NO_RNG = 1 << 3,
} testArgvFlags;

/* One DO_TEST line of qemuxml2argvtests.h. */
typedef struct {
    const char *name;
    bool fail;
    unsigned int flags;
} testArgvInfo;

/* For g_ptr_array_sort() of strings. */
static inline gint
testArgvCompareStringPtrs(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
