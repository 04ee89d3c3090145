/*
 * virgettexttest.c: finding the message catalogues of a staged install
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "virgettext.h"

typedef struct {
    const char *loaded;
    const char *install;
    const char *data;
    const char *expect;    /* NULL: not relocated */
} testRelocateData;


static int
testRelocate(const void *opaque)
{
    const testRelocateData *data = opaque;
    g_autofree char *actual = virGettextRelocate(data->loaded, data->install,
                                                 data->data);
    int ret = -1;

    TEST_ASSERT_EQ_STR(actual, data->expect);
    ret = 0;

 cleanup:
    return ret;
}


/* The library of this build, linked statically into the test, does
 * not run from a staged tree: it finds the catalogues in LOCALEDIR. */
static int
testLocaleDirHere(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virGettextLocaleDir((const void *)testLocaleDirHere);
    int ret = -1;

    TEST_ASSERT_EQ_STR(dir, LOCALEDIR);
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    static const testRelocateData cases[] = {
        { "/tmp/stage/usr/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
          "/usr/share/locale", "/tmp/stage/usr/share/locale" },
        { "/srv/pkg/debian/tmp/usr/local/lib", "/usr/local/lib",
          "/usr/local/share/locale", "/srv/pkg/debian/tmp/usr/local/share/locale" },
        /* installed where it belongs */
        { "/usr/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
          "/usr/share/locale", NULL },
        /* a build tree, or anywhere else */
        { "/home/me/src/build/src", "/usr/lib/x86_64-linux-gnu",
          "/usr/share/locale", NULL },
        /* the same name, but not a whole directory */
        { "/tmp/xusr/lib", "/usr/lib", "/usr/share/locale", NULL },
        /* a root of "/" is no root */
        { "//usr/lib", "/usr/lib", "/usr/share/locale", NULL },
        { "/tmp/stage//usr/lib", "/usr/lib", "/usr/share/locale", NULL },
        /* only an absolute install directory can be relocated */
        { "/tmp/stage/lib", "lib", "/usr/share/locale", NULL },
    };
    int ret = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *title = g_strdup_printf("relocate %s from %s: %s",
                                                 cases[i].install, cases[i].loaded,
                                                 NULLSTR(cases[i].expect));

        if (virTestRun(title, testRelocate, &cases[i]) < 0)
            ret = -1;
    }
    if (virTestRun("a binary outside any staged tree uses LOCALEDIR",
                   testLocaleDirHere, NULL) < 0)
        ret = -1;
    return ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

VIR_TEST_MAIN(mymain)
