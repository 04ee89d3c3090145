/*
 * testutilscaps.h: the capabilities fixture of Debian's QEMU 7.2, as
 * every program that builds or checks against it loads it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qemu_capabilities.h"
#include "testutils.h"
#include "virerror.h"

/* tests/qemucapabilitiesdata/: a probe of Debian's QEMU 7.2
 * (qemucapabilitiesrealtest checks that it still matches). */
#define TEST_CAPS_FIXTURE "caps_7.2.0_x86_64.caps"

/* The fixture's path in the source tree. */
static inline char *
testCapsFixturePath(void)
{
    return g_strdup_printf("%s/qemucapabilitiesdata/%s", virTestSrcDir(),
                           TEST_CAPS_FIXTURE);
}

/* The fixture parsed; NULL with a diagnostic if it cannot be. */
static inline virQEMUCaps *
testCapsLoadFixture(void)
{
    g_autofree char *path = testCapsFixturePath();
    g_autofree char *text = NULL;
    virQEMUCaps *caps;

    if (virTestLoadFile(path, &text) < 0)
        return NULL;
    if (!(caps = virQEMUCapsParse(text, path)))
        virTestDiag("cannot parse %s: %s", path, virGetLastErrorMessage());
    return caps;
}
