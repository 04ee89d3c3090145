/*
 * testutils.h: the harness every C test program uses
 *
 * Each program runs its cases with virTestRun() and prints TAP, which
 * meson reads and ./run totals.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

#define EXIT_AM_SKIP 77

typedef int (*virTestBody)(const void *data);

int virTestRun(const char *title, virTestBody body, const void *data);
void virTestSkip(const char *title, const char *reason);

int virTestMain(int argc, char **argv, int (*func)(void));

#define VIR_TEST_MAIN(func) \
    int main(int argc, char **argv) \
    { \
        return virTestMain(argc, argv, func); \
    }

/* Diagnostics, printed as TAP comments. */
void virTestDiag(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

bool virTestRegenerate(void);
bool virTestVerbose(void);

int virTestLoadFile(const char *path, char **ret);
int virTestCompareToFile(const char *actual, const char *filename);
int virTestCompareStrings(const char *expect, const char *actual,
                          const char *what);

/* Directory of the test sources and of the build, from meson. */
const char *virTestSrcDir(void);
const char *virTestBuildDir(void);

/* A fresh temporary directory, removed (recursively) at exit. */
char *virTestMakeTempDir(const char *prefix);
void virTestAdoptTempDir(const char *dir);
