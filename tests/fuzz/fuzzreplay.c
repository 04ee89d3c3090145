/*
 * fuzzreplay.c: the main() of a fuzz target outside libFuzzer
 *
 *   fuzz-replay-TARGET DIR...
 *
 * Runs every file of each DIR (seeds, and past findings that became
 * regression cases) through the target, one TAP case per directory;
 * README files are not inputs.
 * A crash or sanitizer report ends the program, which fails the run;
 * stderr names the input being replayed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
#include "testutils.h"
#include "fuzz.h"

static int replayArgc;
static char **replayArgv;


static int
replayDir(const void *opaque)
{
    const char *dir = opaque;
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) gerr = NULL;
    const char *entry;

    if (!(d = g_dir_open(dir, 0, &gerr))) {
        virTestDiag("cannot open %s: %s", dir, gerr->message);
        return -1;
    }
    while ((entry = g_dir_read_name(d))) {
        if (!g_str_has_prefix(entry, "README") && !g_str_has_prefix(entry, "."))
            g_ptr_array_add(names, g_strdup(entry));
    }
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    if (names->len == 0) {
        /* A regression directory before any finding. */
        virTestDiag("%s holds no inputs yet", dir);
        return 0;
    }
    for (guint i = 0; i < names->len; i++) {
        g_autofree char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
        g_autofree char *data = NULL;
        gsize len;

        if (!g_file_get_contents(path, &data, &len, NULL)) {
            virTestDiag("cannot read %s", path);
            return -1;
        }
        fprintf(stderr, "replaying %s\n", path);
        LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    }
    virTestDiag("%u inputs from %s", names->len, dir);
    return 0;
}


static int
replayMain(void)
{
    int ret = 0;

    LLVMFuzzerInitialize(&replayArgc, &replayArgv);
    for (int i = 1; i < replayArgc; i++) {
        g_autofree char *base = g_path_get_basename(replayArgv[i]);
        g_autofree char *parent = g_path_get_dirname(replayArgv[i]);
        g_autofree char *kind = g_path_get_basename(parent);
        g_autofree char *title = g_strdup_printf("every input of %s/%s runs cleanly",
                                                 kind, base);

        ret |= virTestRun(title, replayDir, replayArgv[i]);
    }
    return ret;
}


int
main(int argc, char **argv)
{
    replayArgc = argc;
    replayArgv = argv;
    return virTestMain(argc, argv, replayMain);
}
