/*
 * qemuargvhostiletest.c: hostile strings in every field that reaches
 * QEMU's command line
 *
 * For every string of the domain XML that ends up in QEMU's argv (the
 * name, disk, serial, RNG, kernel and initrd paths, the kernel command
 * line, the emulator, the VNC listen address, the machine type), each
 * of a list of hostile values (commas, '=', brackets, quotes, blanks,
 * newlines, option-looking text, JSON) is planted into a definition.
 * The definition is parsed, prepared and built as for a start.  Then
 * either it was refused with a clean error (never an internal one), or
 * the argv has the same options as with a harmless value and the
 * element carrying the field, read back by QEMU's rules (QemuOpts
 * syntax, JSON, or a whole argument), gives exactly the value planted
 * and nothing else.  For each field the test also knows which values
 * must be accepted (escaping is the answer) and which refused.
 *
 * Then one definition full of such values that is accepted is booted
 * on real QEMU: QEMU reports exactly the name, the disk image and the
 * serial output file asked for, one VNC listener, and the files the
 * planted option text names are never created.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <json-glib/json-glib.h>

#include "testutils.h"
#include "domain_conf.h"
#include "qemu_capabilities.h"
#include "qemu_command.h"
#include "qemu_domain_address.h"
#include "qemu_monitor.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define TEST_CAPS "caps_7.2.0_x86_64.caps"
#define TEST_ROOT "/var/lib/test/run/hostile"
#define TEST_TIMEOUT_MS 10000

static virQEMUCaps *testCaps;


/* ---- reading argv back as QEMU does --------------------------------- */

/*
 * One value as QEMU's option parser reads it: up to the first single
 * comma, a doubled comma standing for one.  Returns where it stopped
 * (a comma or the end).
 */
static const char *
testOptsValue(const char *p, GString *out)
{
    for (;;) {
        const char *comma = strchr(p, ',');

        if (!comma) {
            g_string_append(out, p);
            return p + strlen(p);
        }
        g_string_append_len(out, p, comma - p);
        if (comma[1] != ',')
            return comma;
        g_string_append_c(out, ',');
        p = comma + 2;
    }
}


/*
 * Splits @str by QEMU's QemuOpts rules (util/qemu-option.c): items
 * separated by single commas; "key=value" (the key ends at the first
 * '=' or ','); a first item without '=' is the value of @implied; any
 * other item without '=' is a flag, "key" meaning key=on and "nokey"
 * key=off.  Returns key, value, key, value, ... (NULL-terminated).
 */
static GStrv
testOptsParse(const char *str, const char *implied)
{
    g_autoptr(GPtrArray) kv = g_ptr_array_new_with_free_func(g_free);
    const char *p = str;
    bool first = true;

    while (*p) {
        size_t len = strcspn(p, "=,");
        g_autoptr(GString) val = g_string_new(NULL);

        if (p[len] != '=') {
            if (first && implied) {
                g_ptr_array_add(kv, g_strdup(implied));
                p = testOptsValue(p, val);
            } else if (g_str_has_prefix(p, "no")) {
                g_ptr_array_add(kv, g_strndup(p + 2, len - 2));
                g_string_append(val, "off");
                p += len;
            } else {
                g_ptr_array_add(kv, g_strndup(p, len));
                g_string_append(val, "on");
                p += len;
            }
        } else {
            g_ptr_array_add(kv, g_strndup(p, len));
            p = testOptsValue(p + len + 1, val);
        }
        g_ptr_array_add(kv, g_string_free(g_steal_pointer(&val), FALSE));
        if (*p == ',')
            p++;
        first = false;
    }
    g_ptr_array_add(kv, NULL);
    return (GStrv)g_ptr_array_free(g_steal_pointer(&kv), FALSE);
}


/* The value of @key in a parsed option, or NULL. */
static const char *
testOptsGet(GStrv kv, const char *key)
{
    for (size_t i = 0; kv[i]; i += 2) {
        if (STREQ(kv[i], key))
            return kv[i + 1];
    }
    return NULL;
}


/* The keys of a parsed option, in order, joined by blanks. */
static char *
testOptsKeys(GStrv kv)
{
    g_autoptr(GString) keys = g_string_new(NULL);

    for (size_t i = 0; kv[i]; i += 2)
        g_string_append_printf(keys, "%s%s", i ? " " : "", kv[i]);
    return g_string_free(g_steal_pointer(&keys), FALSE);
}


/* The values of every @opt of @argv. */
static GPtrArray *
testArgvValues(char **argv, const char *opt)
{
    GPtrArray *vals = g_ptr_array_new();

    for (size_t i = 1; argv[i]; i++) {
        if (STREQ(argv[i], opt) && argv[i + 1])
            g_ptr_array_add(vals, argv[++i]);
    }
    return vals;
}


/*
 * Whether @argv has the options of @base at the same places: @base is
 * built from a harmless value, so its options are the arguments that
 * start with '-' where an option is expected; a hostile value must not
 * add, remove or move any.
 */
static int
testArgvSameOptions(char **base, char **argv, const char *what)
{
    size_t n = g_strv_length(base);
    int ret = -1;

    TEST_ASSERT_MSG(g_strv_length(argv) == n, "%s: %u arguments, not %zu", what,
                    g_strv_length(argv), n);
    for (size_t i = 1; i < n; i++) {
        if (base[i][0] != '-')
            continue;
        TEST_ASSERT_MSG(STREQ(argv[i], base[i]),
                        "%s: argument %zu is '%s', not the option '%s'", what, i,
                        argv[i], base[i]);
        if (base[i + 1] && base[i + 1][0] != '-')
            i++;
    }
    ret = 0;

 cleanup:
    return ret;
}


/* The JSON objects among @vals whose @key is @val. */
static GPtrArray *
testJSONWith(GPtrArray *vals, const char *key, const char *val)
{
    GPtrArray *found = g_ptr_array_new_with_free_func((GDestroyNotify)json_node_unref);

    for (size_t i = 0; i < vals->len; i++) {
        const char *text = g_ptr_array_index(vals, i);
        g_autoptr(JsonParser) parser = json_parser_new();
        JsonObject *obj;

        if (text[0] != '{')
            continue;
        if (!json_parser_load_from_data(parser, text, -1, NULL) ||
            !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser))) {
            virTestDiag("not a JSON object: %s", text);
            g_ptr_array_add(found, NULL);
            continue;
        }
        obj = json_node_get_object(json_parser_get_root(parser));
        if (STREQ_NULLABLE(json_object_get_string_member_with_default(obj, key, NULL),
                           val))
            g_ptr_array_add(found, json_node_copy(json_parser_get_root(parser)));
    }
    return found;
}


/* ---- the fields ---------------------------------------------------- */

typedef enum {
    TEST_WHERE_NAME,
    TEST_WHERE_PATH,        /* an absolute path */
    TEST_WHERE_TEXT,        /* any text */
} testWhere;

typedef struct _testField testField;
struct _testField {
    const char *name;
    /* The definition, with "@V@" where the value goes (XML-escaped). */
    const char *xmlTemplate;
    testWhere where;
    /* Checks the built argv carries @value exactly; 0 or -1. */
    int (*check)(const testField *field, char **argv, const char *value);
    /* Whether @value must be refused (true) or accepted (false). */
    bool (*refuse)(const char *value);
};


#define TEST_DOMAIN_HEAD \
    "<domain type='qemu'>\n" \
    "  <name>hostile</name>\n" \
    "  <uuid>70d1f87a-703f-40a0-ad9e-4c8281156e1b</uuid>\n" \
    "  <memory unit='KiB'>180224</memory>\n" \
    "  <vcpu>1</vcpu>\n"
#define TEST_DOMAIN_OS \
    "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
#define TEST_DEVICES(devs) \
    "  <devices>\n" \
    "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n" \
    devs \
    "  </devices>\n" \
    "</domain>\n"


static int
testCheckOneOpts(char **argv, const char *opt, const char *implied,
                 const char *key, const char *matchKey, const char *matchVal,
                 const char *expectKeys, const char *value)
{
    g_autoptr(GPtrArray) vals = testArgvValues(argv, opt);
    size_t n = 0;
    int ret = -1;

    for (size_t i = 0; i < vals->len; i++) {
        g_auto(GStrv) kv = testOptsParse(g_ptr_array_index(vals, i), implied);
        g_autofree char *keys = NULL;

        if (matchKey && STRNEQ_NULLABLE(testOptsGet(kv, matchKey), matchVal))
            continue;
        n++;
        keys = testOptsKeys(kv);
        TEST_ASSERT_MSG(STREQ(keys, expectKeys),
                        "%s '%s' reads back as options '%s', not '%s'", opt,
                        (char *)g_ptr_array_index(vals, i), keys, expectKeys);
        TEST_ASSERT_MSG(STREQ_NULLABLE(testOptsGet(kv, key), value),
                        "%s '%s' gives %s='%s', not '%s'", opt,
                        (char *)g_ptr_array_index(vals, i), key,
                        NULLSTR(testOptsGet(kv, key)), value);
    }
    TEST_ASSERT_MSG(n == 1, "%zu %s options with %s=%s, not one", n, opt,
                    NULLSTR(matchKey), NULLSTR(matchVal));
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckName(const testField *field G_GNUC_UNUSED, char **argv,
              const char *value)
{
    return testCheckOneOpts(argv, "-name", "guest", "guest", NULL, NULL,
                            "guest debug-threads", value);
}


static int
testCheckJSON(char **argv, const char *opt, const char *matchKey,
              const char *matchVal, const char *key, const char *value)
{
    g_autoptr(GPtrArray) vals = testArgvValues(argv, opt);
    g_autoptr(GPtrArray) found = testJSONWith(vals, matchKey, matchVal);
    JsonObject *obj;
    int ret = -1;

    TEST_ASSERT_MSG(found->len == 1 && g_ptr_array_index(found, 0),
                    "%u %s options with \"%s\":\"%s\", not one", found->len,
                    opt, matchKey, matchVal);
    obj = json_node_get_object(g_ptr_array_index(found, 0));
    TEST_ASSERT_MSG(STREQ_NULLABLE(json_object_get_string_member_with_default(obj, key, NULL),
                                   value),
                    "%s gives \"%s\":\"%s\", not '%s'", opt, key,
                    json_object_get_string_member_with_default(obj, key, ""), value);
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckDiskFile(const testField *field G_GNUC_UNUSED, char **argv,
                  const char *value)
{
    return testCheckJSON(argv, "-blockdev", "driver", "file", "filename", value);
}


static int
testCheckDiskBlock(const testField *field G_GNUC_UNUSED, char **argv,
                   const char *value)
{
    return testCheckJSON(argv, "-blockdev", "driver", "host_device", "filename",
                         value);
}


static int
testCheckRNG(const testField *field G_GNUC_UNUSED, char **argv,
             const char *value)
{
    return testCheckJSON(argv, "-object", "qom-type", "rng-random", "filename",
                         value);
}


static int
testCheckSerialFile(const testField *field G_GNUC_UNUSED, char **argv,
                    const char *value)
{
    return testCheckOneOpts(argv, "-chardev", "backend", "path", "id",
                            "charserial0", "backend id path append", value);
}


static int
testCheckSerialBind(const testField *field G_GNUC_UNUSED, char **argv,
                    const char *value)
{
    return testCheckOneOpts(argv, "-chardev", "backend", "path", "id",
                            "charserial0", "backend id path server wait", value);
}


static int
testCheckSerialConnect(const testField *field G_GNUC_UNUSED, char **argv,
                       const char *value)
{
    return testCheckOneOpts(argv, "-chardev", "backend", "path", "id",
                            "charserial0", "backend id path", value);
}


static int
testCheckWhole(char **argv, const char *opt, const char *value)
{
    g_autoptr(GPtrArray) vals = testArgvValues(argv, opt);
    int ret = -1;

    TEST_ASSERT_MSG(vals->len == 1, "%u %s options, not one", vals->len, opt);
    TEST_ASSERT_EQ_STR(g_ptr_array_index(vals, 0), value);
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckKernel(const testField *field G_GNUC_UNUSED, char **argv,
                const char *value)
{
    return testCheckWhole(argv, "-kernel", value);
}


static int
testCheckInitrd(const testField *field G_GNUC_UNUSED, char **argv,
                const char *value)
{
    return testCheckWhole(argv, "-initrd", value);
}


static int
testCheckAppend(const testField *field G_GNUC_UNUSED, char **argv,
                const char *value)
{
    return testCheckWhole(argv, "-append", value);
}


static int
testCheckEmulator(const testField *field G_GNUC_UNUSED, char **argv,
                  const char *value)
{
    int ret = -1;

    TEST_ASSERT_EQ_STR(argv[0], value);
    ret = 0;

 cleanup:
    return ret;
}


static int
testCheckListen(const testField *field G_GNUC_UNUSED, char **argv,
                const char *value)
{
    g_autofree char *display = strchr(value, ':') ?
                               g_strdup_printf("[%s]:0", value) :
                               g_strdup_printf("%s:0", value);

    return testCheckOneOpts(argv, "-vnc", "vnc", "vnc", NULL, NULL,
                            "vnc audiodev", display);
}


static int
testCheckMachine(const testField *field G_GNUC_UNUSED, char **argv,
                 const char *value G_GNUC_UNUSED)
{
    /* Only machines the emulator lists are accepted: "pc" becomes the
     * canonical "pc-i440fx-7.2". */
    return testCheckOneOpts(argv, "-machine", "type", "type", NULL, NULL,
                            "type usb dump-guest-core", "pc-i440fx-7.2");
}


/* ---- what must be refused ------------------------------------------ */

static bool
testHasControl(const char *value)
{
    for (const char *p = value; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return true;
    }
    return false;
}


static bool
testRefuseName(const char *value)
{
    return !*value || strchr(value, '/') || testHasControl(value) ||
           STREQ(value, ".") || STREQ(value, "..");
}


static bool
testRefusePath(const char *value)
{
    return testHasControl(value);
}


static bool
testRefuseInitrd(const char *value)
{
    return testRefusePath(value) || strpbrk(value, ", ");
}


static bool
testRefuseNever(const char *value G_GNUC_UNUSED)
{
    return false;
}


/* Upstream's schema (addrIPorName): an IPv4 or IPv6 address, or a
 * host name of letters, digits, dots and dashes. */
static bool
testRefuseListen(const char *value)
{
    static const char *const addresses[] = { "::1", "::", "127.0.0.1", NULL };

    if (g_strv_contains(addresses, value))
        return false;
    return !*value || strspn(value, "abcdefghijklmnopqrstuvwxyz"
                                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(value);
}


static bool
testRefuseMachine(const char *value)
{
    return STRNEQ(value, "pc") && STRNEQ(value, "pc-i440fx-7.2");
}


static const testField testFields[] = {
    { "name",
      "<domain type='qemu'>\n  <name>@V@</name>\n"
      "  <memory unit='KiB'>180224</memory>\n"
      TEST_DOMAIN_OS TEST_DEVICES(""),
      TEST_WHERE_NAME, testCheckName, testRefuseName },
    { "disk file",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <disk type='file'><source file='@V@'/><target dev='vda'/></disk>\n"),
      TEST_WHERE_PATH, testCheckDiskFile, testRefusePath },
    { "disk block",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <disk type='block'><source dev='@V@'/><target dev='sda'/></disk>\n"),
      TEST_WHERE_PATH, testCheckDiskBlock, testRefusePath },
    { "cdrom",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <disk type='file' device='cdrom'><source file='@V@'/>"
      "<target dev='hdc'/></disk>\n"),
      TEST_WHERE_PATH, testCheckDiskFile, testRefusePath },
    { "serial file",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <serial type='file'><source path='@V@'/></serial>\n"),
      TEST_WHERE_PATH, testCheckSerialFile, testRefusePath },
    { "serial unix bind",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <serial type='unix'><source mode='bind' path='@V@'/></serial>\n"),
      TEST_WHERE_PATH, testCheckSerialBind, testRefusePath },
    { "serial unix connect",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <serial type='unix'><source mode='connect' path='@V@'/></serial>\n"),
      TEST_WHERE_PATH, testCheckSerialConnect, testRefusePath },
    { "console file",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <console type='file'><source path='@V@'/></console>\n"),
      TEST_WHERE_PATH, testCheckSerialFile, testRefusePath },
    { "rng",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <rng model='virtio'><backend model='random'>@V@</backend></rng>\n"),
      TEST_WHERE_PATH, testCheckRNG, testRefusePath },
    { "kernel",
      TEST_DOMAIN_HEAD
      "  <os><type>hvm</type><kernel>@V@</kernel></os>\n" TEST_DEVICES(""),
      TEST_WHERE_PATH, testCheckKernel, testRefusePath },
    { "initrd",
      TEST_DOMAIN_HEAD
      "  <os><type>hvm</type><kernel>/k</kernel><initrd>@V@</initrd></os>\n"
      TEST_DEVICES(""),
      TEST_WHERE_PATH, testCheckInitrd, testRefuseInitrd },
    { "cmdline",
      TEST_DOMAIN_HEAD
      "  <os><type>hvm</type><kernel>/k</kernel><cmdline>@V@</cmdline></os>\n"
      TEST_DEVICES(""),
      TEST_WHERE_TEXT, testCheckAppend, testRefuseNever },
    { "emulator",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS
      "  <devices><emulator>@V@</emulator></devices>\n</domain>\n",
      TEST_WHERE_PATH, testCheckEmulator, testRefusePath },
    { "graphics listen",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <graphics type='vnc' listen='@V@'/>\n"),
      TEST_WHERE_TEXT, testCheckListen, testRefuseListen },
    { "listen address",
      TEST_DOMAIN_HEAD TEST_DOMAIN_OS TEST_DEVICES(
      "    <graphics type='vnc'><listen type='address' address='@V@'/></graphics>\n"),
      TEST_WHERE_TEXT, testCheckListen, testRefuseListen },
    { "machine",
      TEST_DOMAIN_HEAD
      "  <os><type machine='@V@'>hvm</type></os>\n" TEST_DEVICES(""),
      TEST_WHERE_TEXT, testCheckMachine, testRefuseMachine },
};


/* The hostile values: option syntax, quoting, blanks, JSON, shell. */
static const char *const testValues[] = {
    ",", "a,b", "a,,b", ",,,", "x,id=evil", ",path=/tmp/evil",
    "x,share=ignore,password=on", "::1]:7,share=ignore", "a]:1,b", "]",
    "[", "=", "a=b", "path=/etc/passwd", "'", "\"", "a'b\"c", "\\",
    " ", "a b", " lead", "trail ", "\t", "a\tb", "a\nb", "a\rb", "\n",
    "a\x7f" "b", "-S", "-device foo", "--", "-", "json:{\"driver\":\"nbd\"}",
    "{\"driver\":\"nbd\"}", "$(id)", "`id`", ";", "é,ü", "%s%n",
    "::1", "::", "127.0.0.1", "localhost", "a.b-c", ".", "..", "pc",
    "pc-i440fx-7.2", "pc-i440fx-7.2,accel=kvm", "pc,,x",
};


/* @value as an absolute path or a name, as the field wants. */
static char *
testPlant(const testField *field, const char *value)
{
    if (field->where == TEST_WHERE_PATH)
        return g_strdup_printf("/var/lib/test/h/%s", value);
    return g_strdup(value);
}


/* @value escaped for XML, control characters as character references
 * so that they arrive as they are. */
static char *
testXMLEscape(const char *value)
{
    g_autoptr(GString) out = g_string_new(NULL);

    for (const char *p = value; *p; p++) {
        unsigned char c = *p;

        if (c < 0x20 || c == 0x7f || strchr("&<>'\"", c))
            g_string_append_printf(out, "&#%u;", c);
        else
            g_string_append_c(out, c);
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static char *
testFieldXML(const testField *field, const char *value)
{
    g_autofree char *escaped = testXMLEscape(value);
    g_auto(GStrv) parts = g_strsplit(field->xmlTemplate, "@V@", -1);

    return g_strjoinv(escaped, parts);
}


/* Parses, prepares and builds @xml as a start does.  NULL with the
 * error left for the caller when any step refuses it. */
static char **
testBuild(const char *xml)
{
    g_autoptr(virDomainDef) def = NULL;
    qemuCommandPaths paths = { .monitorSocket = TEST_ROOT "/monitor.sock",
                               .pidFile = TEST_ROOT "/qemu.pid" };

    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        qemuDomainPrepareDef(def, testCaps) < 0)
        return NULL;
    for (size_t i = 0; i < def->ngraphics; i++)
        def->graphics[i]->port = 5900;
    return qemuBuildCommandLine(def, testCaps, &paths, 0);
}


/* A refusal must be a clean error a user can act on. */
static int
testCheckRefusal(const char *what)
{
    virErrorPtr err = virGetLastError();
    int ret = -1;

    TEST_ASSERT_MSG(err && err->message && *err->message, "%s: refused without an error", what);
    TEST_ASSERT_MSG(err->code != VIR_ERR_INTERNAL_ERROR && err->code != VIR_ERR_OK,
                    "%s: refused with an internal error: %s", what, err->message);
    ret = 0;

 cleanup:
    return ret;
}


/* One hostile @value in @field: refused with a real error when it must
 * be, otherwise carried exactly, with the options of @baseArgv
 * neither added, removed nor moved. */
static int
testFieldValue(const testField *field, char **baseArgv, const char *value)
{
    g_autofree char *xml = testFieldXML(field, value);
    g_autofree char *shown = g_strescape(value, NULL);
    g_autofree char *what = g_strdup_printf("%s '%s'", field->name, shown);
    g_auto(GStrv) argv = NULL;
    bool refuse = field->refuse(value);
    int ret = -1;

    virResetLastError();
    if (!(argv = testBuild(xml))) {
        TEST_ASSERT_OK(testCheckRefusal(what));
        TEST_ASSERT_MSG(refuse, "%s: refused, but must be accepted: %s", what,
                        virGetLastErrorMessage());
        if (virTestVerbose())
            virTestDiag("%s: refused: %s", what, virGetLastErrorMessage());
    } else {
        TEST_ASSERT_MSG(!refuse, "%s: accepted, but must be refused", what);
        TEST_ASSERT_OK(testArgvSameOptions(baseArgv, argv, what));
        TEST_ASSERT_MSG(field->check(field, argv, value) == 0, "for %s", what);
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testField1(const void *opaque)
{
    const testField *field = opaque;
    g_autofree char *benign = testPlant(field, field->where == TEST_WHERE_TEXT ?
                                        "127.0.0.1" : "benign");
    g_autofree char *benignXML = NULL;
    g_auto(GStrv) baseArgv = NULL;
    size_t failed = 0;
    int ret = -1;

    if (field->check == testCheckMachine) {
        g_free(benign);
        benign = g_strdup("pc");
    }
    benignXML = testFieldXML(field, benign);
    TEST_ASSERT_MSG((baseArgv = testBuild(benignXML)),
                    "%s: the harmless definition fails: %s", field->name,
                    virGetLastErrorMessage());
    TEST_ASSERT_OK(field->check(field, baseArgv, benign));

    /* Every value is tried, each failure reporting itself. */
    for (size_t i = 0; i < G_N_ELEMENTS(testValues); i++) {
        g_autofree char *value = testPlant(field, testValues[i]);

        if (testFieldValue(field, baseArgv, value) < 0)
            failed++;
    }
    TEST_ASSERT_MSG(failed == 0, "%zu of %zu hostile values mishandled", failed,
                    G_N_ELEMENTS(testValues));
    ret = 0;

 cleanup:
    return ret;
}


/* The reader above follows QEMU's rules, or it proves nothing. */
static int
testOptsReader(const void *opaque G_GNUC_UNUSED)
{
    static const struct {
        const char *str;
        const char *implied;
        const char *keys;
        const char *key;
        const char *val;
    } cases[] = {
        { "file,id=c,path=/a,,b,append=on", "backend", "backend id path append",
          "path", "/a,b" },
        { "guest=x,,y,debug-threads=on", "guest", "guest debug-threads",
          "guest", "x,y" },
        { "a,,b:0,audiodev=x", "vnc", "vnc audiodev", "vnc", "a,b:0" },
        { "a=b:0", "vnc", "a", "a", "b:0" },
        { "h:0,share,noreverse", "vnc", "vnc share reverse", "reverse", "off" },
        { "p=,,,,,q", NULL, "p q", "p", ",," },
        { "x,,", "backend", "backend", "backend", "x," },
    };
    int ret = -1;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(GStrv) kv = testOptsParse(cases[i].str, cases[i].implied);
        g_autofree char *keys = testOptsKeys(kv);

        /* What cases[i].str reads as. */
        TEST_ASSERT_EQ_STR(keys, cases[i].keys);
        TEST_ASSERT_EQ_STR(testOptsGet(kv, cases[i].key), cases[i].val);
    }
    ret = 0;

 cleanup:
    return ret;
}


/* ---- on real QEMU ---------------------------------------------------- */

static void
testChildSetup(gpointer data G_GNUC_UNUSED)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
}


static JsonObject *
testQMP(qemuMonitor *mon, const char *command, JsonParser *parser)
{
    g_autofree char *cmd = g_strdup_printf("{\"execute\":\"%s\"}", command);
    g_autofree char *reply = NULL;
    JsonObject *obj;

    if (qemuMonitorArbitraryCommand(mon, cmd, &reply) < 0 ||
        !json_parser_load_from_data(parser, reply, -1, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)) ||
        !(obj = json_node_get_object(json_parser_get_root(parser))) ||
        !json_object_has_member(obj, "return")) {
        virTestDiag("%s: %s", command, reply ? reply : virGetLastErrorMessage());
        return NULL;
    }
    return obj;
}


static int
testRealQEMUChecks(qemuMonitor *mon, const char *name, const char *disk)
{
    g_autoptr(JsonParser) p1 = json_parser_new();
    g_autoptr(JsonParser) p2 = json_parser_new();
    g_autoptr(JsonParser) p3 = json_parser_new();
    JsonObject *obj;
    JsonArray *arr;
    JsonObject *vnc;
    size_t nfiles = 0;
    int ret = -1;

    TEST_ASSERT_NONNULL(obj = testQMP(mon, "query-name", p1));
    obj = json_object_get_object_member(obj, "return");
    /* QEMU's name. */
    TEST_ASSERT_EQ_STR(json_object_get_string_member_with_default(obj, "name", NULL), name);

    TEST_ASSERT_NONNULL(obj = testQMP(mon, "query-block", p2));
    arr = json_object_get_array_member(obj, "return");
    for (guint i = 0; i < json_array_get_length(arr); i++) {
        JsonObject *dev = json_array_get_object_element(arr, i);
        JsonObject *ins = json_object_has_member(dev, "inserted") ?
                          json_object_get_object_member(dev, "inserted") : NULL;

        if (!ins)
            continue;
        nfiles++;
        /* The image QEMU opened. */
        TEST_ASSERT_EQ_STR(json_object_get_string_member(ins, "file"), disk);
    }
    /* Images open. */
    TEST_ASSERT_EQ_INT(nfiles, 1);

    TEST_ASSERT_NONNULL(obj = testQMP(mon, "query-vnc-servers", p3));
    arr = json_object_get_array_member(obj, "return");
    TEST_ASSERT_MSG(json_array_get_length(arr) == 1 &&
                    (vnc = json_array_get_object_element(arr, 0)) &&
                    json_array_get_length(json_object_get_array_member(vnc, "server")) == 1,
                    "QEMU does not have exactly one VNC listener");
    ret = 0;

 cleanup:
    return ret;
}


static int
testRealQEMU(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("hostileargv");
    g_autofree char *sub = g_strdup_printf("%s/d,path=%s/evil,x=\"'] {", dir, dir);
    g_autofree char *disk = g_strdup_printf("%s/img,file.filename=%s/evil.img,\"x\".raw",
                                            sub, dir);
    g_autofree char *serial = g_strdup_printf("%s/ser,path=%s/evil.log,,append=off",
                                              sub, dir);
    g_autofree char *evilLog = g_strdup_printf("%s/evil.log", dir);
    g_autofree char *evilImg = g_strdup_printf("%s/evil.img", dir);
    const char *name = "vm,debug-threads=off,,guest=other name";
    g_autofree char *monitor = g_strdup_printf("%s/monitor.sock", dir);
    g_autofree char *log = g_strdup_printf("%s/qemu.log", dir);
    g_autofree char *nameXML = testXMLEscape(name);
    g_autofree char *diskXML = testXMLEscape(disk);
    g_autofree char *serialXML = testXMLEscape(serial);
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;
    qemuCommandPaths paths = { .monitorSocket = monitor };
    g_auto(GStrv) argv = NULL;
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) gerr = NULL;
    g_autofree char *qemuSaid = NULL;
    qemuMonitor *mon = NULL;
    VIR_AUTOCLOSE pidfd = -1;
    g_autofree char *diskDir = g_path_get_dirname(disk);
    g_autofree char *serialDir = g_path_get_dirname(serial);
    int ret = -1;

    TEST_ASSERT_OK(g_mkdir_with_parents(diskDir, 0700));
    TEST_ASSERT_OK(g_mkdir_with_parents(serialDir, 0700));
    TEST_ASSERT(g_file_set_contents(disk, "", 0, NULL));
    TEST_ASSERT_OK(truncate(disk, 1024 * 1024));
    xml = g_strdup_printf(
        "<domain type='qemu'>\n  <name>%s</name>\n"
        "  <memory unit='KiB'>65536</memory>\n"
        TEST_DOMAIN_OS
        "  <devices>\n"
        "    <disk type='file'><driver name='qemu' type='raw'/>"
        "<source file='%s'/><target dev='vda'/></disk>\n"
        "    <serial type='file'><source path='%s'/></serial>\n"
        "    <graphics type='vnc' listen='127.0.0.1'/>\n"
        "  </devices>\n</domain>\n", nameXML, diskXML, serialXML);
    TEST_ASSERT_NONNULL(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE));
    TEST_ASSERT_OK(qemuDomainPrepareDef(def, testCaps));
    /* A port nobody uses: QEMU binds it; display 0 is 5900. */
    def->graphics[0]->port = 5900 + 97 + (getpid() % 800);
    TEST_ASSERT_NONNULL(argv = qemuBuildCommandLine(def, testCaps, &paths, 0));

    launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDIN_INHERIT);
    g_subprocess_launcher_set_stdout_file_path(launcher, log);
    g_subprocess_launcher_set_stderr_file_path(launcher, log);
    g_subprocess_launcher_setenv(launcher, "LC_ALL", "C", TRUE);
    g_subprocess_launcher_set_child_setup(launcher, testChildSetup, NULL, NULL);
    TEST_ASSERT_MSG((proc = g_subprocess_launcher_spawnv(launcher, (const char *const *)argv,
                                                         &gerr)),
                    "cannot start %s: %s", argv[0], gerr->message);
    pidfd = syscall(SYS_pidfd_open, atoi(g_subprocess_get_identifier(proc)), 0);
    if (!(mon = qemuMonitorOpen(monitor, pidfd, TEST_TIMEOUT_MS, NULL, NULL)))
        g_file_get_contents(log, &qemuSaid, NULL, NULL);
    TEST_ASSERT_MSG(mon, "cannot open the monitor: %s\nQEMU said: %s",
                    virGetLastErrorMessage(), NULLSTR(qemuSaid));

    TEST_ASSERT_OK(testRealQEMUChecks(mon, name, disk));
    TEST_ASSERT_MSG(virFileExists(serial),
                    "QEMU did not create the serial output file '%s'", serial);
    /* QEMU touched no file the planted option text names. */
    TEST_ASSERT(!virFileExists(evilLog));
    TEST_ASSERT(!virFileExists(evilImg));
    ret = 0;

 cleanup:
    if (mon) {
        if (qemuMonitorQuit(mon) < 0)
            virResetLastError();
        qemuMonitorClose(mon);
    } else if (proc) {
        g_subprocess_force_exit(proc);
    }
    if (proc)
        g_subprocess_wait(proc, NULL, NULL);
    return ret;
}


static int
mymain(void)
{
    g_autofree char *capsPath = g_strdup_printf("%s/qemucapabilitiesdata/%s",
                                                virTestSrcDir(), TEST_CAPS);
    g_autofree char *capsText = NULL;
    int ret = 0;

    if (virTestLoadFile(capsPath, &capsText) < 0 ||
        !(testCaps = virQEMUCapsParse(capsText, capsPath)))
        return -1;

    ret |= virTestRun("QemuOpts reader", testOptsReader, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(testFields); i++) {
        g_autofree char *title = g_strdup_printf("hostile %s", testFields[i].name);

        ret |= virTestRun(title, testField1, &testFields[i]);
    }
    ret |= virTestRun("hostile strings on real QEMU", testRealQEMU, NULL);

    virQEMUCapsFree(testCaps);
    return ret;
}

VIR_TEST_MAIN(mymain)
