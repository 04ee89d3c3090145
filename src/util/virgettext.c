/*
 * virgettext.c: where the message catalogues are
 *
 * Normally under LOCALEDIR.  A package build first installs into a
 * staging directory (DESTDIR); a library that runs from such a copy of
 * the installed tree looks for its catalogues in the same copy, so that
 * the staged tree works as it is, translations included.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dlfcn.h>

#include "virgettext.h"
#include "virlog.h"

VIR_LOG_INIT("util.gettext");


/**
 * virGettextRelocate:
 * @loadedDir: the directory a binary was loaded from (canonical)
 * @installDir: the directory it is installed in (absolute, canonical)
 * @dataDir: an installed data directory (absolute)
 *
 * When @loadedDir is @installDir under some other root ROOT (ROOT +
 * @installDir), the same data directory under that root.
 *
 * Returns: ROOT + @dataDir, or NULL when @loadedDir is @installDir
 * itself or not under any root.
 */
char *
virGettextRelocate(const char *loadedDir, const char *installDir,
                   const char *dataDir)
{
    size_t loaded = strlen(loadedDir);
    size_t install = strlen(installDir);
    g_autofree char *root = NULL;

    if (loaded <= install || !g_str_has_suffix(loadedDir, installDir) ||
        installDir[0] != '/')
        return NULL;
    root = g_strndup(loadedDir, loaded - install);
    if (STREQ(root, "/") || g_str_has_suffix(root, "/"))
        return NULL;
    return g_strconcat(root, dataDir, NULL);
}


/**
 * virGettextLocaleDir:
 * @self: an address inside the binary asking (for a library, one of its
 *        functions)
 *
 * Returns: the directory of the message catalogues for the binary that
 * holds @self: LOCALEDIR, or the same directory in the copy of the
 * installed tree the binary runs from, if that copy has one.
 */
char *
virGettextLocaleDir(const void *self)
{
    Dl_info info;
    g_autofree char *dir = NULL;
    g_autofree char *loaded = NULL;
    g_autofree char *relocated = NULL;

    if (!dladdr(self, &info) || !info.dli_fname)
        return g_strdup(LOCALEDIR);
    dir = g_path_get_dirname(info.dli_fname);
    if (!(loaded = realpath(dir, NULL)))
        return g_strdup(LOCALEDIR);
    if ((relocated = virGettextRelocate(loaded, LIBDIR, LOCALEDIR)) &&
        g_file_test(relocated, G_FILE_TEST_IS_DIR)) {
        VIR_DEBUG("running from %s: message catalogues in %s", loaded, relocated);
        return g_steal_pointer(&relocated);
    }
    return g_strdup(LOCALEDIR);
}
