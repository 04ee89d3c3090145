/*
 * qemumonitorparsetest.c: the QMP client's parser of monitor lines
 *
 * Every kind of line QEMU sends (greeting, reply, error, event) and
 * the malformed ones, nesting and size limits, and random mutations
 * that must never crash it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsqmp.h"
#include "qemu_monitor.h"
#include "qemu_monitor_priv.h"
#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* ---- the parser ---- */

typedef struct {
    const char *line;
    int type;               /* qemuMonitorMessageType, or -1 for an error */
    const char *id;
    bool isError;
    const char *errorClass;
    const char *errorDesc;
    const char *event;
    bool hasData;
    const char *message;    /* glob for the error's message */
} testParseCase;

static const testParseCase parseCases[] = {
    { TEST_GREETING, QEMU_MONITOR_MESSAGE_GREETING },
    { "{\"return\": {}, \"id\": \"libvirt-1\"}", QEMU_MONITOR_MESSAGE_REPLY, "libvirt-1" },
    { "  {\"return\": 5}  ", QEMU_MONITOR_MESSAGE_REPLY },
    { "{\"return\": [], \"id\": 7}", QEMU_MONITOR_MESSAGE_REPLY, "7" },
    { "{\"error\": {\"class\": \"GenericError\", \"desc\": \"no\"}, \"id\": \"x\"}",
      QEMU_MONITOR_MESSAGE_REPLY, "x", true, "GenericError", "no" },
    { "{\"error\": \"odd\"}", QEMU_MONITOR_MESSAGE_REPLY, NULL, true },
    { "{\"error\": {\"class\": 1, \"desc\": [\"x\"]}}", QEMU_MONITOR_MESSAGE_REPLY, NULL, true },
    { "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"STOP\"}",
      QEMU_MONITOR_MESSAGE_EVENT, .event = "STOP" },
    { "{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}",
      QEMU_MONITOR_MESSAGE_EVENT, .event = "SHUTDOWN", .hasData = true },
    { "{\"return\": \"\\u00e9t\\u00e9 \\\" } ] {\"}", QEMU_MONITOR_MESSAGE_REPLY },
    { "", -1, .message = "internal error: Parsed JSON reply '' isn't an object" },
    { "   ", -1, .message = "internal error: Parsed JSON reply '   ' isn't an object" },
    { "not json", -1, .message = "internal error: Parsed JSON reply 'not json' isn't an object" },
    { "9{\"return\": 1}", -1, .message = "*isn't an object" },
    { "[1, 2]", -1, .message = "internal error: Parsed JSON reply '[1, 2]' isn't an object" },
    { "42", -1, .message = "*isn't an object" },
    { "\"text\"", -1, .message = "*isn't an object" },
    { "null", -1, .message = "*isn't an object" },
    { "{\"foo\": 1}", -1, .message = "internal error: Unknown JSON reply '{\"foo\": 1}'" },
    { "{\"event\": 5}", -1, .message = "internal error: Unknown JSON reply *" },
    { "{\"event\": \"X\", \"data\": 1}", -1, .message = "internal error: Unknown JSON reply *" },
    { "{} {}", -1, .message = "internal error: cannot parse json {} {}: trailing data after the "
      "JSON object" },
    { "{\"a\": 1}}", -1, .message = "*trailing data*" },
    { "{\"a\": 1", -1, .message = "internal error: cannot parse json {\"a\": 1: *" },
    { "{\"a\": \"unterminated}", -1, .message = "internal error: cannot parse json *" },
    { "{\"a\": \"\xff\xfe\"}", -1, .message = "internal error: cannot parse json {\"a\": "
      "\"\xef\xbf\xbd\xef\xbf\xbd\"}: *" },
    { "{\"a\": \"\x01\x1b[31m\"}", -1, .message = "internal error: Unknown JSON reply '{\"a\": "
      "\"\\x01\\x1b[31m\"}'" },
    { "{\"return\": tru}", -1, .message = "internal error: cannot parse json *" },
    { "{\"return\": 1,}", -1, .message = "internal error: cannot parse json *" },
};


static int
testParseOne(const testParseCase *c, size_t len)
{
    g_autoptr(qemuMonitorMessage) msg = NULL;
    int rc = qemuMonitorParseMessage(c->line, len, &msg);
    int ret = -1;

    if (c->type < 0) {
        TEST_ASSERT_MSG(rc != 0, "'%s' was accepted", c->line);
        TEST_ASSERT_OK(testQmpCheckError(VIR_ERR_INTERNAL_ERROR, c->message));
        ret = 0;
        goto cleanup;
    }
    TEST_ASSERT_MSG(rc >= 0, "'%s' was rejected: %s", c->line, virGetLastErrorMessage());
    TEST_ASSERT_EQ_INT(msg->type, c->type);
    TEST_ASSERT_EQ_STR(msg->id, c->id);
    TEST_ASSERT_EQ_INT(msg->isError, c->isError);
    TEST_ASSERT_EQ_STR(msg->errorClass, c->errorClass);
    TEST_ASSERT_EQ_STR(msg->errorDesc, c->errorDesc);
    TEST_ASSERT_EQ_STR(msg->event, c->event);
    TEST_ASSERT_EQ_INT(msg->data != NULL, c->hasData);
    TEST_ASSERT_MSG(msg->type != QEMU_MONITOR_MESSAGE_REPLY || msg->isError || msg->ret,
                    "'%s': a reply without a return value", c->line);
    ret = 0;

 cleanup:
    if (ret < 0)
        virTestDiag("line: '%.200s'", NULLSTR(c->line));
    return ret;
}


static int
testParseTable(const void *data G_GNUC_UNUSED)
{
    size_t i;
    int ret = -1;

    for (i = 0; i < G_N_ELEMENTS(parseCases); i++)
        TEST_ASSERT_OK(testParseOne(&parseCases[i], strlen(parseCases[i].line)));
    ret = 0;

 cleanup:
    return ret;
}


/* Nesting, NUL bytes and size: what could crash a parser. */
static int
testParseLimits(const void *data G_GNUC_UNUSED)
{
    g_autoptr(GString) deep = g_string_new("{\"a\": ");
    g_autoptr(qemuMonitorMessage) msg = NULL;
    g_autofree char *huge = NULL;
    static const char withNul[] = "{\"return\": {}}\0{\"x\": 1}";
    testParseCase c = { .type = -1 };
    size_t i;
    int ret = -1;

    /* As deep as allowed: fine. */
    for (i = 1; i < QEMU_MONITOR_MAX_NESTING; i++)
        g_string_append_c(deep, '[');
    for (i = 1; i < QEMU_MONITOR_MAX_NESTING; i++)
        g_string_append_c(deep, ']');
    g_string_append(deep, ", \"return\": 1}");
    TEST_ASSERT_OK(qemuMonitorParseMessage(deep->str, deep->len, &msg));

    /* One deeper: refused. */
    g_string_insert_c(deep, 6, '[');
    g_string_insert_c(deep, deep->len - 15, ']');
    c.line = deep->str;
    c.message = "internal error: cannot parse json *: nested too deeply";
    TEST_ASSERT_OK(testParseOne(&c, deep->len));

    /* A million levels: refused, not a stack overflow. */
    g_string_assign(deep, "{\"a\": ");
    for (i = 0; i < 1000000; i++)
        g_string_append_c(deep, i % 2 ? '{' : '[');
    c.line = deep->str;
    TEST_ASSERT_OK(testParseOne(&c, deep->len));

    c.line = withNul;
    c.message = "internal error: cannot parse json {\"return\": {}}\\x00{\"x\": 1}: NUL byte in "
                "data";
    TEST_ASSERT_OK(testParseOne(&c, sizeof(withNul) - 1));

    huge = g_malloc(QEMU_MONITOR_MAX_MESSAGE + 2);
    memset(huge, ' ', QEMU_MONITOR_MAX_MESSAGE + 1);
    huge[QEMU_MONITOR_MAX_MESSAGE + 1] = '\0';
    c.line = huge;
    c.message = "internal error: QEMU monitor reply exceeds buffer size (16777216 bytes)";
    TEST_ASSERT_OK(testParseOne(&c, QEMU_MONITOR_MAX_MESSAGE + 1));

    c.line = NULL;
    c.message = "*isn't an object";
    TEST_ASSERT_OK(testParseOne(&c, 0));
    ret = 0;

 cleanup:
    return ret;
}


/*
 * Random bytes and mutations of real messages: the parser must return
 * (0 with a message, or -1 with an error) and never crash.
 */
static int
testParseRandom(const void *data G_GNUC_UNUSED)
{
    static const char *seeds[] = {
        TEST_GREETING,
        "{\"return\": {\"running\": false, \"status\": \"prelaunch\"}, \"id\": \"libvirt-3\"}",
        "{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": \"host-signal\"}}",
        "{\"error\": {\"class\": \"GenericError\", \"desc\": \"x\"}}",
    };
    static const char alphabet[] = "{}[]\":,\\ 0123456789.eE+-truefalsnul\x80\xff\x01";
    GRand *rand = g_rand_new_with_seed(20240229);
    size_t i;
    int ret = -1;

    for (i = 0; i < 20000; i++) {
        g_autoptr(GString) line = g_string_new(seeds[i % G_N_ELEMENTS(seeds)]);
        g_autoptr(qemuMonitorMessage) msg = NULL;
        int edits = g_rand_int_range(rand, 1, 8);
        int rc;

        while (edits-- > 0) {
            size_t pos = g_rand_int_range(rand, 0, line->len + 1);
            char c = alphabet[g_rand_int_range(rand, 0, sizeof(alphabet) - 1)];

            switch (g_rand_int_range(rand, 0, 3)) {
            case 0:
                g_string_insert_c(line, pos, c);
                break;
            case 1:
                if (pos < line->len)
                    line->str[pos] = c;
                break;
            default:
                g_string_erase(line, pos, MIN(line->len - pos, 3));
                break;
            }
        }
        rc = qemuMonitorParseMessage(line->str, line->len, &msg);
        TEST_ASSERT_MSG((rc < 0) == (msg == NULL) && (rc < 0) == (virErrorLast() != NULL),
                        "inconsistent result %d (message %p, error '%s') for '%s'",
                        rc, (void *)msg, virGetLastErrorMessage(), line->str);
        virResetLastError();
    }
    ret = 0;

 cleanup:
    g_rand_free(rand);
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (virTestRun("parse: table of lines", testParseTable, NULL) < 0)
        ret = -1;
    if (virTestRun("parse: nesting, NUL bytes, size", testParseLimits, NULL) < 0)
        ret = -1;
    if (virTestRun("parse: random mutations never crash", testParseRandom, NULL) < 0)
        ret = -1;

    return ret;
}

VIR_TEST_MAIN(mymain)
