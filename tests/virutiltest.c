/*
 * virutiltest.c: UUIDs, enum tables, buffers, files and log settings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "testutils.h"
#include "virbuffer.h"
#include "virenum.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

typedef enum {
    TEST_COLOUR_RED,
    TEST_COLOUR_GREEN,
    TEST_COLOUR_LAST
} testColour;

VIR_ENUM_DECL(testColour);
VIR_ENUM_IMPL(testColour, TEST_COLOUR_LAST, "red", "green");


static int
testUUID(const void *data G_GNUC_UNUSED)
{
    unsigned char a[VIR_UUID_BUFLEN], b[VIR_UUID_BUFLEN];
    char str[VIR_UUID_STRING_BUFLEN];
    int ret = -1;

    TEST_ASSERT_OK(virUUIDParse("eaaa0c40-89d3-4edf-b012-8a18a2a165bc", a));
    TEST_ASSERT_EQ_STR(virUUIDFormat(a, str), "eaaa0c40-89d3-4edf-b012-8a18a2a165bc");
    /* Without dashes, upper case, blanks around: the same UUID. */
    TEST_ASSERT_OK(virUUIDParse("  EAAA0C4089D34EDFB0128A18A2A165BC ", b));
    TEST_ASSERT(memcmp(a, b, sizeof(a)) == 0);
    TEST_ASSERT_NE_INT(virUUIDParse("eaaa0c40-89d3-4edf-b012-8a18a2a165b", b), 0);
    TEST_ASSERT_NE_INT(virUUIDParse("eaaa0c40-89d3-4edf-b012-8a18a2a165bcd", b), 0);
    TEST_ASSERT_NE_INT(virUUIDParse("zz", b), 0);
    TEST_ASSERT_NE_INT(virUUIDParse("", b), 0);
    TEST_ASSERT_OK(virUUIDGenerate(a));
    TEST_ASSERT_OK(virUUIDGenerate(b));
    TEST_ASSERT(memcmp(a, b, sizeof(a)) != 0);
    TEST_ASSERT(!virUUIDIsNull(a));
    /* Version 4, RFC 4122 variant. */
    TEST_ASSERT_EQ_HEX(a[6] >> 4, 4);
    TEST_ASSERT_EQ_HEX(a[8] & 0xc0, 0x80);
    memset(b, 0, sizeof(b));
    TEST_ASSERT(virUUIDIsNull(b));
    ret = 0;

 cleanup:
    return ret;
}


static int
testEnum(const void *data G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_EQ_INT(testColourTypeFromString("green"), TEST_COLOUR_GREEN);
    TEST_ASSERT_EQ_INT(testColourTypeFromString("blue"), -1);
    TEST_ASSERT_EQ_INT(testColourTypeFromString(NULL), -1);
    TEST_ASSERT_EQ_STR(testColourTypeToString(TEST_COLOUR_RED), "red");
    TEST_ASSERT_EQ_STR(testColourTypeToString(TEST_COLOUR_LAST), NULL);
    TEST_ASSERT_EQ_STR(testColourTypeToString(-1), NULL);
    ret = 0;

 cleanup:
    return ret;
}


static int
testBuffer(const void *data G_GNUC_UNUSED)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;
    int ret = -1;

    virBufferAddLit(&buf, "<a>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<b>%s</b>\n", "x<y & 'z'");
    virBufferEscapeString(&buf, "<never>%s</never>\n", NULL);
    virBufferAsprintf(&buf, "<c n='%d'/>\n", 3);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</a>\n");
    out = virBufferContentAndReset(&buf);
    TEST_ASSERT_EQ_STR(out, "<a>\n  <b>x&lt;y &amp; &apos;z&apos;</b>\n  <c n='3'/>\n</a>\n");
    ret = 0;

 cleanup:
    return ret;
}


static int
testAtomicWrite(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virutiltest");
    g_autofree char *path = g_build_filename(dir, "state.xml", NULL);
    g_autofree char *bad = g_build_filename(dir, "missing", "state.xml", NULL);
    g_autofree char *content = NULL;
    g_autoptr(GDir) d = NULL;
    struct stat sb;
    int n = 0;
    int ret = -1;

    TEST_ASSERT_OK(virFileWriteAtomic(path, 0600, "old", 3));
    TEST_ASSERT_OK(virFileWriteAtomic(path, 0600, "new contents", 12));
    TEST_ASSERT_EQ_INT(virFileReadAll(path, 1024, &content), 12);
    TEST_ASSERT_EQ_STR(content, "new contents");
    TEST_ASSERT_MSG(stat(path, &sb) == 0, "stat %s: %s", path, g_strerror(errno));
    TEST_ASSERT_EQ_HEX(sb.st_mode & 0777, 0600);
    /* No temporary file is left behind. */
    TEST_ASSERT_NONNULL(d = g_dir_open(dir, 0, NULL));
    while (g_dir_read_name(d))
        n++;
    TEST_ASSERT_EQ_INT(n, 1);

    /* A directory that does not exist: an error naming the path, and
     * nothing written. */
    TEST_ASSERT_NE_INT(virFileWriteAtomic(bad, 0600, "x", 1), 0);
    TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_SYSTEM_ERROR);
    TEST_ASSERT_STR_CONTAINS(virGetLastErrorMessage(), bad);

    /* Size limits are enforced. */
    g_clear_pointer(&content, g_free);
    TEST_ASSERT_EQ_INT(virFileReadAll(path, 4, &content), -1);
    TEST_ASSERT(content == NULL);
    ret = 0;

 cleanup:
    return ret;
}


/*
 * What stands where a trusted directory should hold a regular file of
 * ours: each is refused by virFileOpenAt() for reading and for writing,
 * with VIR_ERR_OPERATION_FAILED and a message naming it and saying
 * what it is, and without blocking (a FIFO nobody writes or reads).
 */
static int
testOpenAtRefusals(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virutiltest");
    g_autofree char *sockPath = g_build_filename(dir, "sock", NULL);
    g_autofree char *target = g_build_filename(dir, "target", NULL);
    g_autofree char *link = g_build_filename(dir, "link", NULL);
    g_autofree char *fifo = g_build_filename(dir, "fifo", NULL);
    g_autofree char *subdir = g_build_filename(dir, "subdir", NULL);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct {
        const char *name;
        const char *why;
    } cases[] = {
        { "link", "is a symbolic link: refusing to follow it" },
        { "fifo", "is not a regular file: refusing to use it" },
        { "sock", "is not a regular file: refusing to use it" },
        { "subdir", "is not a regular file: refusing to use it" },
    };
    const int modes[] = { O_RDONLY, O_WRONLY | O_APPEND, O_RDWR | O_CREAT };
    VIR_AUTOCLOSE dirfd = -1;
    VIR_AUTOCLOSE sock = -1;
    VIR_AUTOCLOSE fd = -1;
    int ret = -1;

    TEST_ASSERT_CMP_INT(strlen(sockPath), <, sizeof(addr.sun_path));
    memcpy(addr.sun_path, sockPath, strlen(sockPath));
    TEST_ASSERT_MSG((sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) >= 0 &&
                    bind(sock, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
                    g_file_set_contents(target, "data", -1, NULL) &&
                    symlink(target, link) == 0 && mkfifo(fifo, 0600) == 0 &&
                    mkdir(subdir, 0700) == 0 && chmod(dir, 0700) == 0,
                    "cannot set %s up: %s", dir, g_strerror(errno));
    TEST_ASSERT_OK(dirfd = virFileOpenDirTrusted(dir, true));

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = g_build_filename(dir, cases[i].name, NULL);
        g_autofree char *want = g_strdup_printf("operation failed: '%s' %s", path,
                                                cases[i].why);

        for (size_t m = 0; m < G_N_ELEMENTS(modes); m++) {
            fd = virFileOpenAt(dirfd, dir, cases[i].name, modes[m], 0600);
            TEST_ASSERT_MSG(fd < 0, "%s opened with flags 0x%x", path, modes[m]);
            TEST_ASSERT_MSG(virGetLastErrorCode() == VIR_ERR_OPERATION_FAILED,
                            "flags 0x%x: code %d, message '%s'", modes[m],
                            virGetLastErrorCode(), virGetLastErrorMessage());
            TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), want);
            virResetLastError();
        }
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testLock(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virutiltest");
    g_autofree char *path = g_build_filename(dir, "lock", NULL);
    VIR_AUTOCLOSE a = -1;
    VIR_AUTOCLOSE b = -1;
    int ret = -1;

    TEST_ASSERT_OK(a = virFileOpenLocked(path, VIR_FILE_LOCK_EXCLUSIVE, false));
    /* flock locks belong to the open file: a second open conflicts. */
    TEST_ASSERT_FAILS(b = virFileOpenLocked(path, VIR_FILE_LOCK_EXCLUSIVE, false));
    TEST_ASSERT_ERROR(VIR_ERR_RESOURCE_BUSY);
    virForceClose(&a);
    TEST_ASSERT_OK(b = virFileOpenLocked(path, VIR_FILE_LOCK_EXCLUSIVE, false));
    ret = 0;

 cleanup:
    return ret;
}


static int
testLogSettings(const void *data G_GNUC_UNUSED)
{
    virLogPriority p;
    int ret = -1;

    TEST_ASSERT_OK(virLogParseDefaultPriority("1", &p));
    TEST_ASSERT_EQ_INT(p, VIR_LOG_DEBUG);
    TEST_ASSERT_OK(virLogParseDefaultPriority("error", &p));
    TEST_ASSERT_EQ_INT(p, VIR_LOG_ERROR);
    TEST_ASSERT_NE_INT(virLogParseDefaultPriority("5", &p), 0);
    TEST_ASSERT_EQ_INT(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    TEST_ASSERT_OK(virLogSetFilters("1:qemu 3:+util.file"));
    TEST_ASSERT_NE_INT(virLogSetFilters("qemu"), 0);
    TEST_ASSERT_NE_INT(virLogSetFilters("1:"), 0);
    TEST_ASSERT_OK(virLogSetOutputs("2:stderr"));
    TEST_ASSERT_NE_INT(virLogSetOutputs("2:file:relative"), 0);
    TEST_ASSERT_NE_INT(virLogSetOutputs("1:journald"), 0);
    ret = 0;

 cleanup:
    virLogReset();
    return ret;
}


static int
testLogFilterOutput(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virutiltest");
    g_autofree char *path = g_build_filename(dir, "log", NULL);
    g_autofree char *outputs = g_strdup_printf("1:file:%s", path);
    g_autofree char *content = NULL;
    virLogSource chatty = { .name = "qemu.qemu_process" };
    virLogSource quiet = { .name = "util.file" };
    int ret = -1;

    TEST_ASSERT_OK(virLogSetOutputs(outputs));
    TEST_ASSERT_OK(virLogSetFilters("1:qemu 4:util"));
    virLogSetDefaultPriority(VIR_LOG_WARN);
    virLogMessage(&chatty, VIR_LOG_DEBUG, __FILE__, __LINE__, __func__, "%s", "kept-debug");
    virLogMessage(&quiet, VIR_LOG_WARN, __FILE__, __LINE__, __func__, "%s", "dropped-warn");
    virLogMessage(&quiet, VIR_LOG_ERROR, __FILE__, __LINE__, __func__, "%s", "kept-error");
    virLogReset();

    TEST_ASSERT_OK(virFileReadAll(path, 65536, &content));
    TEST_ASSERT_STR_CONTAINS(content, "debug : testLogFilterOutput:");
    TEST_ASSERT_STR_CONTAINS(content, "kept-debug");
    TEST_ASSERT_STR_CONTAINS(content, "kept-error");
    TEST_ASSERT_STR_LACKS(content, "dropped-warn");
    ret = 0;

 cleanup:
    virLogReset();
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("UUID parse, format, generate", testUUID, NULL);
    ret |= virTestRun("enum tables", testEnum, NULL);
    ret |= virTestRun("buffer indentation and escaping", testBuffer, NULL);
    ret |= virTestRun("atomic file write", testAtomicWrite, NULL);
    ret |= virTestRun("lock files", testLock, NULL);
    ret |= virTestRun("links, FIFOs, sockets and directories refused by name",
                      testOpenAtRefusals, NULL);
    ret |= virTestRun("log settings are validated", testLogSettings, NULL);
    ret |= virTestRun("log filters and file output", testLogFilterOutput, NULL);
    return ret;
}

VIR_TEST_MAIN(mymain)
