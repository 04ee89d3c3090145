/*
 * fuzz.h: what every fuzz target defines
 *
 * Each target is built twice: with libFuzzer (clang, -Dfuzzing=true,
 * ASan and UBSan) to search for inputs that crash it, and with
 * fuzzreplay.c as its main() in every build, where the normal suite
 * runs the seed corpus and every past finding (regress/) through it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Quiet error reporting, shared by the targets. */
void fuzzSetup(void);

/* Stops the program with @what when an invariant a target checks does
 * not hold: libFuzzer records the input as a crash. */
void fuzzFail(const char *what, const char *detail) G_GNUC_NORETURN;
