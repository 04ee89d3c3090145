/*
 * qemuxmlctrltest.c: every control character in every string field,
 * through define, dumpxml, the stored file and a new connection
 *
 * For each string field of the domain XML and each control character
 * (0x01-0x1f and 0x7f), planted as a character reference (the only way
 * XML carries one into a value) in the middle and at the end of a
 * value: the definition is either refused at define with the error
 * this driver promises for that field (upstream's where upstream has
 * one), or accepted, and then the value comes back byte for byte from
 * virDomainGetXMLDesc, from the definition file the driver stored,
 * and from virDomainGetXMLDesc on a new connection that read that file.
 * Never a different value: a path that comes back changed names a
 * different file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "testutils.h"
#include "testutilsqemu.h"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;

typedef struct _testField testField;
struct _testField {
    const char *name;
    /* The definition, "@V@" where the value goes. */
    const char *xml;
    /* Where the value is in a definition. */
    const char *xpath;
    /* A harmless value the planted character goes into. */
    const char *prefix;
    const char *suffix;
    /* The error promised for control character @c (0x09, 0x0a, 0x0d or
     * 0x7f, which XML can carry), as code and domain; code 0: the
     * value is accepted. */
    void (*expect)(unsigned char c, int *code, int *domain);
};


#define TEST_XML(os, devices) \
    "<domain type='qemu'>\n" \
    "  <name>ctrl</name>\n" \
    "  <memory unit='MiB'>64</memory>\n" \
    "  <os><type arch='x86_64' machine='pc'>hvm</type>" os "</os>\n" \
    "  <devices>\n" \
    "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n" \
    devices \
    "  </devices>\n" \
    "</domain>\n"


static void
testExpectName(unsigned char c, int *code, int *domain)
{
    /* Upstream's own check for a newline; ours for the rest. */
    if (c == '\n') {
        *code = VIR_ERR_XML_DETAIL;
        *domain = VIR_FROM_XML;
    } else {
        *code = VIR_ERR_XML_ERROR;
        *domain = VIR_FROM_DOMAIN;
    }
}


static void
testExpectTitle(unsigned char c, int *code, int *domain)
{
    /* Upstream refuses a newline in a title; the rest is kept. */
    *code = c == '\n' ? VIR_ERR_XML_ERROR : 0;
    *domain = VIR_FROM_DOMAIN;
}


static void
testExpectAccept(unsigned char c G_GNUC_UNUSED, int *code, int *domain)
{
    *code = 0;
    *domain = 0;
}


static void
testExpectPath(unsigned char c G_GNUC_UNUSED, int *code, int *domain)
{
    *code = VIR_ERR_CONFIG_UNSUPPORTED;
    *domain = VIR_FROM_DOMAIN;
}


static void
testExpectListen(unsigned char c G_GNUC_UNUSED, int *code, int *domain)
{
    *code = VIR_ERR_XML_ERROR;
    *domain = VIR_FROM_DOMAIN;
}


static void
testExpectMachine(unsigned char c G_GNUC_UNUSED, int *code, int *domain)
{
    /* Not a machine the emulator has. */
    *code = VIR_ERR_CONFIG_UNSUPPORTED;
    *domain = VIR_FROM_QEMU;
}


static const testField testFields[] = {
    { "name",
      "<domain type='qemu'>\n  <name>@V@</name>\n"
      "  <memory unit='MiB'>64</memory>\n"
      "  <os><type>hvm</type></os>\n</domain>\n",
      "/domain/name", "vm", "x", testExpectName },
    { "title",
      "<domain type='qemu'>\n  <name>ctrl</name>\n  <title>@V@</title>\n"
      "  <memory unit='MiB'>64</memory>\n"
      "  <os><type>hvm</type></os>\n</domain>\n",
      "/domain/title", "a", "b", testExpectTitle },
    { "description",
      "<domain type='qemu'>\n  <name>ctrl</name>\n"
      "  <description>@V@</description>\n"
      "  <memory unit='MiB'>64</memory>\n"
      "  <os><type>hvm</type></os>\n</domain>\n",
      "/domain/description", "a", "b", testExpectAccept },
    { "cmdline",
      TEST_XML("<kernel>/boot/k</kernel><cmdline>@V@</cmdline>", ""),
      "/domain/os/cmdline", "console=ttyS0", "quiet", testExpectAccept },
    { "kernel", TEST_XML("<kernel>@V@</kernel>", ""), "/domain/os/kernel",
      "/boot/vm", "linuz", testExpectPath },
    { "initrd",
      TEST_XML("<kernel>/boot/k</kernel><initrd>@V@</initrd>", ""),
      "/domain/os/initrd", "/boot/in", "itrd", testExpectPath },
    { "emulator",
      "<domain type='qemu'>\n  <name>ctrl</name>\n"
      "  <memory unit='MiB'>64</memory>\n"
      "  <os><type>hvm</type></os>\n"
      "  <devices><emulator>@V@</emulator></devices>\n</domain>\n",
      "/domain/devices/emulator", "/usr/bin/qemu-system-", "x86_64",
      testExpectPath },
    { "disk file",
      TEST_XML("", "<disk type='file'><source file='@V@'/><target dev='vda'/></disk>"),
      "/domain/devices/disk/source/@file", "/var/lib/a", ".img", testExpectPath },
    { "disk block",
      TEST_XML("", "<disk type='block'><source dev='@V@'/><target dev='vda'/></disk>"),
      "/domain/devices/disk/source/@dev", "/dev/sd", "b", testExpectPath },
    { "serial file",
      TEST_XML("", "<serial type='file'><source path='@V@'/></serial>"),
      "/domain/devices/serial/source/@path", "/var/log/s", ".log", testExpectPath },
    { "serial unix",
      TEST_XML("", "<serial type='unix'><source mode='bind' path='@V@'/></serial>"),
      "/domain/devices/serial/source/@path", "/run/s", ".sock", testExpectPath },
    { "console file",
      TEST_XML("", "<console type='file'><source path='@V@'/></console>"),
      "/domain/devices/console/source/@path", "/var/log/c", ".log", testExpectPath },
    { "rng",
      TEST_XML("", "<rng model='virtio'><backend model='random'>@V@</backend></rng>"),
      "/domain/devices/rng/backend", "/dev/ur", "andom", testExpectPath },
    { "graphics listen",
      TEST_XML("", "<graphics type='vnc' listen='@V@'/>"),
      "/domain/devices/graphics/@listen", "127.0.0", ".1", testExpectListen },
    { "listen address",
      TEST_XML("", "<graphics type='vnc'><listen type='address' address='@V@'/></graphics>"),
      "/domain/devices/graphics/listen/@address", "::", "1", testExpectListen },
    { "machine",
      "<domain type='qemu'>\n  <name>ctrl</name>\n"
      "  <memory unit='MiB'>64</memory>\n"
      "  <os><type machine='@V@'>hvm</type></os>\n</domain>\n",
      "/domain/os/type/@machine", "pc-i440fx-", "7.2", testExpectMachine },
};


/* The string value at @xpath in @xml; NULL if @xml does not parse. */
static char *
testXPathString(const char *xml, const char *xpath)
{
    g_autofree char *expr = g_strdup_printf("string(%s)", xpath);
    xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), "dump", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
    xmlXPathContextPtr ctxt;
    xmlXPathObjectPtr obj;
    char *ret = NULL;

    if (!doc)
        return NULL;
    ctxt = xmlXPathNewContext(doc);
    if ((obj = xmlXPathEval(BAD_CAST expr, ctxt))) {
        if (obj->type == XPATH_STRING && obj->stringval)
            ret = g_strdup((const char *)obj->stringval);
        xmlXPathFreeObject(obj);
    }
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return ret;
}


static int
testCompareValue(const char *what, const char *xml, const char *xpath,
                 const char *want)
{
    g_autofree char *got = xml ? testXPathString(xml, xpath) : NULL;
    g_autofree char *gotShown = got ? g_strescape(got, NULL) : NULL;
    g_autofree char *wantShown = g_strescape(want, NULL);
    int ret = -1;

    TEST_ASSERT_MSG(STREQ_NULLABLE(got, want), "%s: '%s', not '%s'", what,
                    NULLSTR(gotShown), wantShown);
    ret = 0;

 cleanup:
    return ret;
}


/* The definition file the driver stored for a domain named @name. */
static char *
testStoredDefinition(const char *name)
{
    g_autofree char *dir = g_build_filename(testRoot, "etc", "qemu", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    while (d && (entry = g_dir_read_name(d))) {
        g_autofree char *path = NULL;
        g_autofree char *text = NULL;
        g_autofree char *stored = NULL;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_build_filename(dir, entry, NULL);
        if (g_file_get_contents(path, &text, NULL, NULL) &&
            (stored = testXPathString(text, "/domain/name")) &&
            STREQ(stored, name))
            return g_steal_pointer(&text);
    }
    return NULL;
}


/* Accepted: the value comes back from everywhere it is kept. */
static int
testRoundTrip(const testField *field, virDomainPtr dom, const char *value,
              const char *what)
{
    g_autofree char *dumped = virDomainGetXMLDesc(dom, 0);
    g_autofree char *dumpedInactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *stored = testStoredDefinition(virDomainGetName(dom));
    g_autofree char *again = NULL;
    virConnectPtr conn2 = NULL;
    virDomainPtr dom2 = NULL;
    int ret = -1;

    TEST_ASSERT_OK(testCompareValue(what, dumped, field->xpath, value));
    TEST_ASSERT_OK(testCompareValue(what, dumpedInactive, field->xpath, value));
    TEST_ASSERT_MSG(stored, "%s: no stored definition found", what);
    TEST_ASSERT_OK(testCompareValue(what, stored, field->xpath, value));
    TEST_ASSERT_MSG((conn2 = virConnectOpen(testURI)) &&
                    (dom2 = virDomainLookupByName(conn2, virDomainGetName(dom))) &&
                    (again = virDomainGetXMLDesc(dom2, 0)),
                    "%s: a new connection cannot read it back: %s", what,
                    virGetLastErrorMessage());
    TEST_ASSERT_OK(testCompareValue(what, again, field->xpath, value));
    ret = 0;

 cleanup:
    if (dom2)
        virDomainFree(dom2);
    if (conn2)
        virConnectClose(conn2);
    return ret;
}


static char *
testReference(unsigned char c)
{
    return g_strdup_printf("&#%u;", c);
}


static int
testField1(const void *opaque)
{
    const testField *field = opaque;
    virDomainPtr dom = NULL;
    int ret = -1;

    for (unsigned int c = 1; c <= 0x7f; c++) {
        if (c >= 0x20 && c != 0x7f)
            continue;
        for (int place = 0; place < 2; place++) {
            /* In the middle, and at the end. */
            g_autofree char *ref = testReference(c);
            g_autofree char *valueXML = g_strdup_printf("%s%s%s", field->prefix, ref,
                                                        place ? "" : field->suffix);
            g_autofree char *value = g_strdup_printf("%s%c%s", field->prefix, c,
                                                     place ? "" : field->suffix);
            g_autofree char *xml = NULL;
            g_autofree char *what = g_strdup_printf("%s with 0x%02x %s", field->name,
                                                    c, place ? "at the end" : "inside");
            g_auto(GStrv) parts = g_strsplit(field->xml, "@V@", -1);
            int code = 0;
            int domain = 0;

            xml = g_strjoinv(valueXML, parts);
            /* XML 1.0 has no way to carry the other C0 controls: the
             * parser refuses their references. */
            if (c != '\t' && c != '\n' && c != '\r' && c != 0x7f) {
                code = VIR_ERR_XML_DETAIL;
                domain = VIR_FROM_DOMAIN;
            } else {
                field->expect(c, &code, &domain);
            }

            virResetLastError();
            dom = virDomainDefineXML(testConn, xml);
            if (code) {
                TEST_ASSERT_MSG(!dom, "%s: accepted, but must be refused", what);
                TEST_ASSERT_MSG(virGetLastErrorCode() == code &&
                                virGetLastErrorDomain() == domain,
                                "%s: refused with error %d domain %d (%s), not %d domain %d",
                                what, virGetLastErrorCode(), virGetLastErrorDomain(),
                                virGetLastErrorMessage(), code, domain);
                continue;
            }
            TEST_ASSERT_MSG(dom, "%s: refused, but must be accepted: %s", what,
                            virGetLastErrorMessage());
            TEST_ASSERT_OK(testRoundTrip(field, dom, value, what));
            virDomainUndefine(dom);
            virDomainFree(dom);
            dom = NULL;
        }
    }
    ret = 0;

 cleanup:
    if (dom) {
        virDomainUndefine(dom);
        virDomainFree(dom);
    }
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    testRoot = testQemuRootNew(NULL, &testURI);
    virSetErrorFunc(NULL, testQemuQuietErrors);
    if (!(testConn = virConnectOpen(testURI))) {
        virTestDiag("cannot open %s: %s", testURI, virGetLastErrorMessage());
        return -1;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(testFields); i++) {
        g_autofree char *title = g_strdup_printf("control characters in %s",
                                                 testFields[i].name);

        if (virTestRun(title, testField1, &testFields[i]) < 0)
            ret = -1;
    }
    if (virTestRun("nothing left", testQemuNoLeftovers, testConn) < 0)
        ret = -1;
    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
