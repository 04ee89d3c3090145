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


static int
checkError(int code, const char *message)
{
    virErrorPtr err = virErrorLast();

    if (!err) {
        virTestDiag("expected an error, got none");
        return -1;
    }
    if (err->code != code || err->domain != VIR_FROM_CONF) {
        virTestDiag("expected error %d from domain %d, got %d from %d (%s)",
                    code, VIR_FROM_CONF, err->code, err->domain,
                    NULLSTR(err->message));
        return -1;
    }
    return virTestCompareStrings(message, err->message, "error message");
}


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

    if (!conf)
        return -1;
    if (virConfGetValueString(conf, "user", &user) != 1 ||
        virConfGetValueString(conf, "group", &group) != 1 ||
        virConfGetValueString(conf, "escaped", &escaped) != 1 ||
        virConfGetValueString(conf, "literal", &literal) != 1 ||
        virConfGetValueUInt(conf, "destroy_term_timeout", &term) != 1 ||
        virConfGetValueUInt(conf, "big", &big) != 1 ||
        virConfGetValueDouble(conf, "destroy_graceful_timeout", &graceful) != 1 ||
        virConfGetValueDouble(conf, "destroy_kill_timeout", &kill) != 1 ||
        virConfGetValueDouble(conf, "destroy_term_timeout", &termDouble) != 1 ||
        virConfGetValueBool(conf, "clear_emulator_capabilities", &clear) != 1 ||
        virConfGetValueBool(conf, "last", &last) != 1 ||
        virConfGetValueStringList(conf, "cgroup_device_acl", &acl) != 1 ||
        virConfGetValueStringList(conf, "empty_list", &empty) != 1)
        return -1;

    if (virTestCompareStrings("qemu", user, "user") < 0 ||
        virTestCompareStrings("kvm", group, "group") < 0 ||
        virTestCompareStrings("say \"hi\" C:\\dir \\n", escaped, "escaped") < 0 ||
        virTestCompareStrings("a \\\" b", literal, "literal") < 0)
        return -1;
    if (term != 10 || big != 4294967295U || graceful != 0.5 || kill != 30 ||
        termDouble != 10 || !clear || last)
        return -1;
    if (g_strv_length(acl) != 3 || STRNEQ(acl[0], "/dev/null") ||
        STRNEQ(acl[1], "/dev/full") || STRNEQ(acl[2], "/dev/zero") ||
        g_strv_length(empty) != 0)
        return -1;

    /* Lines of settings, including ones after a list and a CRLF line. */
    if (virConfGetKeyLine(conf, "user") != 4 ||
        virConfGetKeyLine(conf, "destroy_kill_timeout") != 8 ||
        virConfGetKeyLine(conf, "clear_emulator_capabilities") != 8 ||
        virConfGetKeyLine(conf, "cgroup_device_acl") != 9 ||
        virConfGetKeyLine(conf, "empty_list") != 14 ||
        virConfGetKeyLine(conf, "mixed") != 20 ||
        virConfGetKeyLine(conf, "last") != 23 ||
        virConfGetKeyLine(conf, "nosuch") != 0)
        return -1;

    keys = virConfGetKeys(conf);
    keyList = g_strjoinv(" ", keys);
    if (virTestCompareStrings("user group destroy_term_timeout "
                              "destroy_graceful_timeout destroy_kill_timeout "
                              "clear_emulator_capabilities cgroup_device_acl "
                              "empty_list escaped literal negative mixed "
                              "nested big last", keyList, "keys") < 0)
        return -1;

    if (!virConfHasKey(conf, "nested") || virConfHasKey(conf, "User") ||
        STRNEQ(virConfGetOrigin(conf), "good.conf"))
        return -1;
    return 0;
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

    if (!conf)
        return -1;
    if (virConfGetValueString(conf, "x", &str) != 0 ||
        virConfGetValueUInt(conf, "x", &u) != 0 ||
        virConfGetValueBool(conf, "x", &b) != 0 ||
        virConfGetValueDouble(conf, "x", &d) != 0 ||
        virConfGetValueStringList(conf, "x", &list) != 0)
        return -1;
    if (STRNEQ(str, "keep") || u != 7 || !b || d != 2.5 || list)
        return -1;
    return virErrorLast() ? -1 : 0;
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

    if (conf) {
        virTestDiag("parsed a bad configuration");
        return -1;
    }
    message = g_strdup_printf("configuration file syntax error: /etc/test.conf:%s",
                              data->message);
    return checkError(VIR_ERR_CONF_SYNTAX, message);
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

    if (!conf)
        return -1;
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
    if (rc != -1)
        return -1;
    /* Out-parameters untouched on failure. */
    if (str || list || u != 7 || !b || d != 2.5)
        return -1;
    message = g_strdup_printf("internal error: /etc/test.conf:%s", data->message);
    return checkError(VIR_ERR_INTERNAL_ERROR, message);
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

    if (virFileWriteAtomic(path, 0644, text, strlen(text)) < 0 ||
        virFileWriteAtomic(bad, 0644, "a = 1\nb = 'x\n", 13) < 0)
        return -1;

    if (!(conf = virConfReadFile(path, 0)) ||
        virConfGetValueDouble(conf, "destroy_term_timeout", &timeout) != 1 ||
        timeout != 2.25 || virConfGetKeyLine(conf, "destroy_term_timeout") != 2 ||
        STRNEQ(virConfGetOrigin(conf), path))
        return -1;

    /* Allowed to be missing: empty. */
    if (!(empty = virConfReadFile(missing, VIR_CONF_READ_ALLOW_MISSING)))
        return -1;
    keys = virConfGetKeys(empty);
    if (keys[0] || virConfHasKey(empty, "destroy_term_timeout") ||
        virErrorLast())
        return -1;

    /* Not allowed: an error naming the file. */
    if (virConfReadFile(missing, 0))
        return -1;
    message = g_strdup_printf("cannot open '%s': No such file or directory",
                              missing);
    if (virTestCompareStrings(message, virGetLastErrorMessage(),
                              "error message") < 0 ||
        virGetLastErrorCode() != VIR_ERR_SYSTEM_ERROR)
        return -1;

    /* A syntax error names the file and line. */
    if (virConfReadFile(bad, VIR_CONF_READ_ALLOW_MISSING))
        return -1;
    g_free(message);
    message = g_strdup_printf("configuration file syntax error: %s:2: unterminated string",
                              bad);
    if (checkError(VIR_ERR_CONF_SYNTAX, message) < 0)
        return -1;

    if (virConfReadFile(path, 1 << 1))
        return -1;
    if (virGetLastErrorCode() != VIR_ERR_INVALID_ARG)
        return -1;
    return virTestCompareStrings("unsupported flags (0x2) in function virConfReadFile",
                                 virGetLastErrorMessage(), "error message");
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
