/*
 * qemuxml2xmltest.c: domain XML in, normalised domain XML out
 *
 * Each case parses tests/qemuxml2argvdata/NAME.xml as a persistent
 * definition, formats it, and compares the result with
 * tests/qemuxml2xmloutdata/NAME.xml (the definition with every default
 * filled in, as upstream's dumpxml shows it).  The output is then
 * parsed again: the second definition must equal the first field by
 * field, format to the same text, and survive virDomainDefCopy.
 *
 * Generated values (UUIDs, MAC addresses) come from glib's random
 * generator, seeded per case, so the golden files are stable.
 *
 * Every .xml of tests/qemuxml2argvdata and every file of
 * tests/qemuxml2xmloutdata must belong to a case of this table (or of
 * the command-line generator's shared table, when present): an orphan
 * fails the run.
 *
 * VIR_TEST_REGENERATE_OUTPUT=1 rewrites the golden files.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "domain_conf.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define TEST_RANDOM_SEED 20230113

typedef struct {
    const char *name;
    /* The case belongs to the command-line generator's table and is
     * refused somewhere (maybe only by the driver). */
    bool mayFail;
} testInfo;


static int
testCompareXMLToXML(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inFile = g_strdup_printf("%s/qemuxml2argvdata/%s.xml",
                                              virTestSrcDir(), info->name);
    g_autofree char *outFile = g_strdup_printf("%s/qemuxml2xmloutdata/%s.xml",
                                               virTestSrcDir(), info->name);
    g_autofree char *input = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *again = NULL;
    g_autofree char *copied = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) reparsed = NULL;
    g_autoptr(virDomainDef) copy = NULL;
    int ret = -1;

    TEST_ASSERT_OK(virTestLoadFile(inFile, &input));

    g_random_set_seed(TEST_RANDOM_SEED);
    if (!(def = virDomainDefParseString(input, VIR_DOMAIN_DEF_PARSE_INACTIVE)) &&
        info->mayFail && !virFileExists(outFile)) {
        ret = 0;
        goto cleanup;
    }
    TEST_ASSERT_NONNULL(def);
    TEST_ASSERT_NONNULL(actual = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    TEST_ASSERT_OK(virTestCompareToFile(actual, outFile));

    TEST_ASSERT_NONNULL(reparsed = virDomainDefParseString(actual,
                                                           VIR_DOMAIN_DEF_PARSE_INACTIVE));
    TEST_ASSERT_MSG(virDomainDefIsEqual(def, reparsed),
                    "the re-parsed definition differs from the first");
    TEST_ASSERT_NONNULL(again = virDomainDefFormat(reparsed, VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    TEST_ASSERT_EQ_STR(again, actual);

    TEST_ASSERT_NONNULL(copy = virDomainDefCopy(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    TEST_ASSERT_MSG(virDomainDefIsEqual(def, copy), "the copy differs from the original");
    TEST_ASSERT_NONNULL(copied = virDomainDefFormat(copy, VIR_DOMAIN_DEF_FORMAT_INACTIVE));
    TEST_ASSERT_EQ_STR(copied, actual);
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckOrphans(const void *opaque)
{
    GHashTable *names = (GHashTable *)opaque;
    static const char *const xml[] = { ".xml", NULL };
    int ret = -1;

    /* The inputs (the command-line tests' other files are theirs to
     * check), then every file of the outputs. */
    TEST_ASSERT_OK(virTestCheckDataFiles("qemuxml2argvdata", xml, true, names));
    TEST_ASSERT_OK(virTestCheckDataFiles("qemuxml2xmloutdata", xml, false, names));
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
    int ret = 0;

/* A block rather than do/while: the shared table has no semicolons. */
#define DO_TEST_FULL(testname, fail) \
    { \
        static const testInfo info = { testname, fail }; \
        g_hash_table_insert(names, (char *)info.name, NULL); \
        if (virTestRun("qemuxml2xml " testname, testCompareXMLToXML, &info) < 0) \
            ret = -1; \
    }

    /*
     * One table of cases for this test and the command-line tests
     * (tests/qemuxml2argvdata): every definition there must parse and
     * format to its golden file here.  Refusals may be the parser's or
     * the driver's: those parse or fail; when they parse, they need a
     * golden file like any other.
     */
#define DO_TEST(testname) DO_TEST_FULL(testname, false)
#define DO_TEST_FLAGS(testname, flags) DO_TEST_FULL(testname, false)
#define DO_TEST_FAILURE(testname) DO_TEST_FULL(testname, true)
#define DO_TEST_FAILURE_FLAGS(testname, flags) DO_TEST_FULL(testname, true)
#include "qemuxml2argvtests.h"

    if (virTestRun("qemuxml2xml no orphaned golden files", testCheckOrphans,
                   names) < 0)
        ret = -1;

    return ret;
}

VIR_TEST_MAIN(mymain)
