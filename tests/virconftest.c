/*
 * virconftest.c: the qemu.conf syntax, its errors and its typed getters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "virconf.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE


static const char goodConf[] =
    "# Master configuration file for the QEMU driver.\n"
    "\n"
    "   # indented comment\n"
    "user = \"qemu\"   # trailing comment\n"
    "group='kvm'\n"
    "destroy_term_timeout = 10\n"
    "destroy_graceful_timeout = 0.5\n"
    "destroy_kill_timeout=+30 ; clear_emulator_capabilities = 1\n"
    "cgroup_device_acl = [\n"
    "    \"/dev/null\", \"/dev/full\",\n"
    "    # a comment inside the list\n"
    "    \"/dev/zero\",\n"
    "]\n"
    "empty_list = []\n"
    "escaped = \"say \\\"hi\\\" C:\\\\dir \\n\"\n"
    "literal = 'a \\\" b'\n"
    "negative = -1\n"
    "user = \"ignored: the first setting counts\"\n"
    "\r\n"
    "mixed = [ \"a\", 1 ]\n"
    "nested = [ [ 1 ], [] ]\n"
    "big = 4294967295\n"
    "last = 0";


static int
testParseGood(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virConf) conf = virConfReadString(goodConf, "good.conf");
    g_autofree char *user = g_strdup("default");
    g_autofree char *group = NULL;
    g_autofree char *escaped = NULL;
    g_autofree char *literal = NULL;
    g_auto(GStrv) acl = NULL;
    g_auto(GStrv) empty = NULL;
    g_auto(GStrv) keys = NULL;
    g_autofree char *keyList = NULL;
    unsigned int term = 0;
    unsigned int big = 0;
    double graceful = 0;
    double kill = 0;
    double termDouble = 0;
    bool clear = false;
    bool last = true;
    int ret = -1;

    TEST_ASSERT_NONNULL(conf);
    TEST_ASSERT_EQ_INT(virConfGetValueString(conf, "user", &user), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueString(conf, "group", &group), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueString(conf, "escaped", &escaped), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueString(conf, "literal", &literal), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueUInt(conf, "destroy_term_timeout", &term), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueUInt(conf, "big", &big), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueDouble(conf, "destroy_graceful_timeout",
                                             &graceful), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueDouble(conf, "destroy_kill_timeout", &kill), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueDouble(conf, "destroy_term_timeout",
                                             &termDouble), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueBool(conf, "clear_emulator_capabilities",
                                           &clear), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueBool(conf, "last", &last), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueStringList(conf, "cgroup_device_acl", &acl), 1);
    TEST_ASSERT_EQ_INT(virConfGetValueStringList(conf, "empty_list", &empty), 1);

    TEST_ASSERT_EQ_STR(user, "qemu");
    TEST_ASSERT_EQ_STR(group, "kvm");
    TEST_ASSERT_EQ_STR(escaped, "say \"hi\" C:\\dir \\n");
    TEST_ASSERT_EQ_STR(literal, "a \\\" b");
    TEST_ASSERT_EQ_INT(term, 10);
    TEST_ASSERT_EQ_INT(big, 4294967295U);
    TEST_ASSERT_CMP_DOUBLE(graceful, ==, 0.5);
    TEST_ASSERT_CMP_DOUBLE(kill, ==, 30);
    TEST_ASSERT_CMP_DOUBLE(termDouble, ==, 10);
    TEST_ASSERT(clear);
    TEST_ASSERT(!last);
    TEST_ASSERT_EQ_INT(g_strv_length(acl), 3);
    TEST_ASSERT_EQ_STR(acl[0], "/dev/null");
    TEST_ASSERT_EQ_STR(acl[1], "/dev/full");
    TEST_ASSERT_EQ_STR(acl[2], "/dev/zero");
    TEST_ASSERT_EQ_INT(g_strv_length(empty), 0);

    /* Lines of settings, including ones after a list and a CRLF line. */
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "user"), 4);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "destroy_kill_timeout"), 8);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "clear_emulator_capabilities"), 8);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "cgroup_device_acl"), 9);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "empty_list"), 14);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "mixed"), 20);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "last"), 23);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "nosuch"), 0);

    keys = virConfGetKeys(conf);
    keyList = g_strjoinv(" ", keys);
    TEST_ASSERT_EQ_STR(keyList,
                       "user group destroy_term_timeout "
                       "destroy_graceful_timeout destroy_kill_timeout "
                       "clear_emulator_capabilities cgroup_device_acl "
                       "empty_list escaped literal negative mixed "
                       "nested big last");

    TEST_ASSERT(virConfHasKey(conf, "nested"));
    TEST_ASSERT(!virConfHasKey(conf, "User"));
    TEST_ASSERT_EQ_STR(virConfGetOrigin(conf), "good.conf");
    ret = 0;

 cleanup:
    return ret;
}


/* A key that is not set: 0, and the caller's value stays. */
static int
testAbsent(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(virConf) conf = virConfReadString("a = 1\n", "absent.conf");
    g_autofree char *str = g_strdup("keep");
    g_auto(GStrv) list = NULL;
    unsigned int u = 7;
    bool b = true;
    double d = 2.5;
    int ret = -1;

    TEST_ASSERT_NONNULL(conf);
    TEST_ASSERT_EQ_INT(virConfGetValueString(conf, "x", &str), 0);
    TEST_ASSERT_EQ_INT(virConfGetValueUInt(conf, "x", &u), 0);
    TEST_ASSERT_EQ_INT(virConfGetValueBool(conf, "x", &b), 0);
    TEST_ASSERT_EQ_INT(virConfGetValueDouble(conf, "x", &d), 0);
    TEST_ASSERT_EQ_INT(virConfGetValueStringList(conf, "x", &list), 0);
    TEST_ASSERT_EQ_STR(str, "keep");
    TEST_ASSERT_EQ_INT(u, 7);
    TEST_ASSERT(b);
    TEST_ASSERT_CMP_DOUBLE(d, ==, 2.5);
    TEST_ASSERT(list == NULL);
    TEST_ASSERT_MSG(virErrorLast() == NULL, "unexpected error: %s",
                    virGetLastErrorMessage());
    ret = 0;

 cleanup:
    return ret;
}


typedef struct {
    const char *content;
    const char *message;
} testSyntaxData;

static int
testSyntaxError(const void *opaque)
{
    const testSyntaxData *data = opaque;
    g_autoptr(virConf) conf = virConfReadString(data->content, "/etc/test.conf");
    g_autofree char *message = NULL;
    int ret = -1;

    TEST_ASSERT_MSG(conf == NULL, "parsed a bad configuration");
    message = g_strdup_printf("configuration file syntax error: /etc/test.conf:%s",
                              data->message);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, message);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), message);
    ret = 0;

 cleanup:
    return ret;
}


typedef enum {
    GET_STRING,
    GET_UINT,
    GET_BOOL,
    GET_DOUBLE,
    GET_LIST,
} testGetter;

typedef struct {
    const char *content;
    testGetter getter;
    const char *message;
} testTypeData;

static int
testTypeError(const void *opaque)
{
    const testTypeData *data = opaque;
    g_autoptr(virConf) conf = virConfReadString(data->content, "/etc/test.conf");
    g_autofree char *str = NULL;
    g_autofree char *message = NULL;
    g_auto(GStrv) list = NULL;
    unsigned int u = 7;
    bool b = true;
    double d = 2.5;
    int rc = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(conf);
    switch (data->getter) {
    case GET_STRING:
        rc = virConfGetValueString(conf, "key", &str);
        break;
    case GET_UINT:
        rc = virConfGetValueUInt(conf, "key", &u);
        break;
    case GET_BOOL:
        rc = virConfGetValueBool(conf, "key", &b);
        break;
    case GET_DOUBLE:
        rc = virConfGetValueDouble(conf, "key", &d);
        break;
    case GET_LIST:
        rc = virConfGetValueStringList(conf, "key", &list);
        break;
    }
    TEST_ASSERT_EQ_INT(rc, -1);
    /* Out-parameters untouched on failure. */
    TEST_ASSERT(str == NULL);
    TEST_ASSERT(list == NULL);
    TEST_ASSERT_EQ_INT(u, 7);
    TEST_ASSERT(b);
    TEST_ASSERT_CMP_DOUBLE(d, ==, 2.5);
    message = g_strdup_printf("internal error: /etc/test.conf:%s", data->message);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF, message);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), message);
    ret = 0;

 cleanup:
    return ret;
}


static int
testReadFile(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virconftest");
    g_autofree char *path = g_build_filename(dir, "qemu.conf", NULL);
    g_autofree char *bad = g_build_filename(dir, "bad.conf", NULL);
    g_autofree char *missing = g_build_filename(dir, "missing.conf", NULL);
    g_autofree char *message = NULL;
    g_autoptr(virConf) conf = NULL;
    g_autoptr(virConf) empty = NULL;
    g_auto(GStrv) keys = NULL;
    double timeout = 0;
    const char *text = "# comment\ndestroy_term_timeout = 2.25\n";
    virConf *none = NULL;
    int ret = -1;

    TEST_ASSERT_OK(virFileWriteAtomic(path, 0644, text, strlen(text)));
    TEST_ASSERT_OK(virFileWriteAtomic(bad, 0644, "a = 1\nb = 'x\n", 13));

    TEST_ASSERT_NONNULL(conf = virConfReadFile(path, 0));
    TEST_ASSERT_EQ_INT(virConfGetValueDouble(conf, "destroy_term_timeout", &timeout), 1);
    TEST_ASSERT_CMP_DOUBLE(timeout, ==, 2.25);
    TEST_ASSERT_EQ_INT(virConfGetKeyLine(conf, "destroy_term_timeout"), 2);
    TEST_ASSERT_EQ_STR(virConfGetOrigin(conf), path);

    /* Allowed to be missing: empty. */
    TEST_ASSERT_NONNULL(empty = virConfReadFile(missing, VIR_CONF_READ_ALLOW_MISSING));
    keys = virConfGetKeys(empty);
    TEST_ASSERT_EQ_STR(keys[0], NULL);
    TEST_ASSERT(!virConfHasKey(empty, "destroy_term_timeout"));
    TEST_ASSERT_MSG(virErrorLast() == NULL, "unexpected error: %s",
                    virGetLastErrorMessage());

    /* Not allowed: an error naming the file. */
    TEST_ASSERT((none = virConfReadFile(missing, 0)) == NULL);
    message = g_strdup_printf("cannot open '%s': No such file or directory",
                              missing);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), message);
    TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_SYSTEM_ERROR);

    /* A syntax error names the file and line. */
    TEST_ASSERT((none = virConfReadFile(bad, VIR_CONF_READ_ALLOW_MISSING)) == NULL);
    g_free(message);
    message = g_strdup_printf("configuration file syntax error: %s:2: unterminated string",
                              bad);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, message);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), message);

    TEST_ASSERT((none = virConfReadFile(path, 1 << 1)) == NULL);
    TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "unsupported flags (0x2) in function virConfReadFile");
    ret = 0;

 cleanup:
    virConfFree(none);
    return ret;
}


#define DO_TEST(title, body, data) \
    do { \
        if (virTestRun(title, body, data) < 0) \
            ret = -1; \
    } while (0)

#define DO_TEST_SYNTAX(title, content, message) \
    do { \
        static const testSyntaxData d = { content, message }; \
        DO_TEST("syntax error: " title, testSyntaxError, &d); \
    } while (0)

#define DO_TEST_TYPE(title, content, getter, message) \
    do { \
        static const testTypeData d = { content, getter, message }; \
        DO_TEST("type error: " title, testTypeError, &d); \
    } while (0)

static int
mymain(void)
{
    int ret = 0;
    g_autofree char *deep = NULL;

    DO_TEST("parse every kind of value", testParseGood, NULL);
    DO_TEST("absent keys leave values alone", testAbsent, NULL);
    DO_TEST("read files", testReadFile, NULL);

    DO_TEST_SYNTAX("nothing after =", "a = ", "1: expecting a value");
    DO_TEST_SYNTAX("line ends after =", "a =\n", "1: expecting a value");
    DO_TEST_SYNTAX("comment after =", "a = # c", "1: expecting a value");
    DO_TEST_SYNTAX("bare word", "\n\nb = foo\n", "3: expecting a value");
    DO_TEST_SYNTAX("no name", "= 1", "1: expecting a name");
    DO_TEST_SYNTAX("name starts with a digit", "1a = 1", "1: expecting a name");
    DO_TEST_SYNTAX("no assignment", "\n\na 1", "3: expecting an assignment");
    DO_TEST_SYNTAX("name alone", "a", "1: expecting an assignment");
    DO_TEST_SYNTAX("dash in a name", "a-b = 1", "1: expecting an assignment");
    DO_TEST_SYNTAX("string at end of file", "a = \"abc", "1: unterminated string");
    DO_TEST_SYNTAX("string at end of line", "a = \"abc\n\"",
                   "1: unterminated string");
    DO_TEST_SYNTAX("escaped closing quote", "a = \"x\\\"\n",
                   "1: unterminated string");
    DO_TEST_SYNTAX("single-quoted string", "x = 1\na = 'x",
                   "2: unterminated string");
    DO_TEST_SYNTAX("lone minus", "a = -", "1: unterminated number");
    DO_TEST_SYNTAX("no digits after the point", "a = 1.", "1: unterminated number");
    DO_TEST_SYNTAX("too large", "a = 99999999999999999999",
                   "1: number out of range");
    DO_TEST_SYNTAX("two values", "a = 1 2", "1: expecting a separator");
    DO_TEST_SYNTAX("unit after number", "a = 10s", "1: expecting a separator");
    DO_TEST_SYNTAX("word after string", "a = \"x\" y", "1: expecting a separator");
    DO_TEST_SYNTAX("list without commas", "a = [ \"x\" \"y\" ]",
                   "1: expecting a separator in list");
    DO_TEST_SYNTAX("list open at end of file", "a = [\n \"x\"\n",
                   "3: list is not closed with ]");
    DO_TEST_SYNTAX("end of file after a comma", "a = [\n \"x\",\n",
                   "3: expecting a value");
    DO_TEST_SYNTAX("empty list item", "a = [ , ]", "1: expecting a value");
    DO_TEST_SYNTAX("bad list item", "a = [ \"x\",\n  y ]", "2: expecting a value");

    deep = g_strdup_printf("a = %s1%s", "[[[[[[[[[", "]]]]]]]]]");
    {
        testSyntaxData d = { deep, "1: lists nested too deeply" };

        DO_TEST("syntax error: lists nested too deeply", testSyntaxError, &d);
    }

    DO_TEST_TYPE("string from integer", "x = 1\nkey = 1", GET_STRING,
                 "2: expected a string for 'key' parameter");
    DO_TEST_TYPE("string from list", "key = [\"a\"]", GET_STRING,
                 "1: expected a string for 'key' parameter");
    DO_TEST_TYPE("uint from negative", "key = -1", GET_UINT,
                 "1: expected an unsigned integer for 'key' parameter");
    DO_TEST_TYPE("uint from decimal", "key = 1.5", GET_UINT,
                 "1: expected an unsigned integer for 'key' parameter");
    DO_TEST_TYPE("uint from string", "key = \"1\"", GET_UINT,
                 "1: expected an unsigned integer for 'key' parameter");
    DO_TEST_TYPE("uint too large", "key = 4294967296", GET_UINT,
                 "1: value for 'key' parameter must be in range 0:4294967295");
    DO_TEST_TYPE("bool from 2", "key = 2", GET_BOOL,
                 "1: value for 'key' parameter must be 0 or 1");
    DO_TEST_TYPE("bool from -1", "key = -1", GET_BOOL,
                 "1: value for 'key' parameter must be 0 or 1");
    DO_TEST_TYPE("bool from string", "key = \"yes\"", GET_BOOL,
                 "1: expected a bool for 'key' parameter");
    DO_TEST_TYPE("number from negative", "key = -0.5", GET_DOUBLE,
                 "1: expected a non-negative number for 'key' parameter");
    DO_TEST_TYPE("number from negative integer", "key = -3", GET_DOUBLE,
                 "1: expected a non-negative number for 'key' parameter");
    DO_TEST_TYPE("number from string", "key = \"0.5\"", GET_DOUBLE,
                 "1: expected a non-negative number for 'key' parameter");
    DO_TEST_TYPE("list from string", "key = \"a\"", GET_LIST,
                 "1: expected a string list for 'key' parameter");
    DO_TEST_TYPE("list with a number", "key = [\n\"a\", 1 ]", GET_LIST,
                 "1: expected a string list for 'key' parameter");
    DO_TEST_TYPE("list of lists", "key = [ [] ]", GET_LIST,
                 "1: expected a string list for 'key' parameter");

    return ret;
}

VIR_TEST_MAIN(mymain)
