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

    if (virUUIDParse("eaaa0c40-89d3-4edf-b012-8a18a2a165bc", a) < 0)
        return -1;
    if (STRNEQ(virUUIDFormat(a, str), "eaaa0c40-89d3-4edf-b012-8a18a2a165bc"))
        return -1;
    /* Without dashes, upper case, blanks around: the same UUID. */
    if (virUUIDParse("  EAAA0C4089D34EDFB0128A18A2A165BC ", b) < 0 ||
        memcmp(a, b, sizeof(a)) != 0)
        return -1;
    if (virUUIDParse("eaaa0c40-89d3-4edf-b012-8a18a2a165b", b) == 0 ||
        virUUIDParse("eaaa0c40-89d3-4edf-b012-8a18a2a165bcd", b) == 0 ||
        virUUIDParse("zz", b) == 0 || virUUIDParse("", b) == 0)
        return -1;
    if (virUUIDGenerate(a) < 0 || virUUIDGenerate(b) < 0)
        return -1;
    if (memcmp(a, b, sizeof(a)) == 0 || virUUIDIsNull(a))
        return -1;
    /* Version 4, RFC 4122 variant. */
    if ((a[6] >> 4) != 4 || (a[8] & 0xc0) != 0x80)
        return -1;
    memset(b, 0, sizeof(b));
    return virUUIDIsNull(b) ? 0 : -1;
}


static int
testEnum(const void *data G_GNUC_UNUSED)
{
    if (testColourTypeFromString("green") != TEST_COLOUR_GREEN ||
        testColourTypeFromString("blue") != -1 ||
        testColourTypeFromString(NULL) != -1)
        return -1;
    if (STRNEQ(testColourTypeToString(TEST_COLOUR_RED), "red") ||
        testColourTypeToString(TEST_COLOUR_LAST) != NULL ||
        testColourTypeToString(-1) != NULL)
        return -1;
    return 0;
}


static int
testBuffer(const void *data G_GNUC_UNUSED)
{
    g_auto(virBuffer) buf = VIR_BUFFER_INITIALIZER;
    g_autofree char *out = NULL;

    virBufferAddLit(&buf, "<a>\n");
    virBufferAdjustIndent(&buf, 2);
    virBufferEscapeString(&buf, "<b>%s</b>\n", "x<y & 'z'");
    virBufferEscapeString(&buf, "<never>%s</never>\n", NULL);
    virBufferAsprintf(&buf, "<c n='%d'/>\n", 3);
    virBufferAdjustIndent(&buf, -2);
    virBufferAddLit(&buf, "</a>\n");
    out = virBufferContentAndReset(&buf);
    return virTestCompareStrings("<a>\n  <b>x&lt;y &amp; &apos;z&apos;</b>\n  <c n='3'/>\n</a>\n",
                                 out, "buffer");
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

    if (virFileWriteAtomic(path, 0600, "old", 3) < 0 ||
        virFileWriteAtomic(path, 0600, "new contents", 12) < 0)
        return -1;
    if (virFileReadAll(path, 1024, &content) != 12 || STRNEQ(content, "new contents"))
        return -1;
    if (stat(path, &sb) < 0 || (sb.st_mode & 0777) != 0600)
        return -1;
    /* No temporary file is left behind. */
    d = g_dir_open(dir, 0, NULL);
    while (g_dir_read_name(d))
        n++;
    if (n != 1)
        return -1;

    /* A directory that does not exist: an error naming the path, and
     * nothing written. */
    if (virFileWriteAtomic(bad, 0600, "x", 1) == 0)
        return -1;
    if (virGetLastErrorCode() != VIR_ERR_SYSTEM_ERROR ||
        !strstr(virGetLastErrorMessage(), bad))
        return -1;

    /* Size limits are enforced. */
    g_clear_pointer(&content, g_free);
    if (virFileReadAll(path, 4, &content) != -1 || content)
        return -1;
    return 0;
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

    if (strlen(sockPath) >= sizeof(addr.sun_path))
        return -1;
    memcpy(addr.sun_path, sockPath, strlen(sockPath));
    if ((sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        bind(sock, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        !g_file_set_contents(target, "data", -1, NULL) ||
        symlink(target, link) < 0 || mkfifo(fifo, 0600) < 0 ||
        mkdir(subdir, 0700) < 0 || chmod(dir, 0700) < 0) {
        virTestDiag("cannot set %s up: %s", dir, g_strerror(errno));
        return -1;
    }
    if ((dirfd = virFileOpenDirTrusted(dir, true)) < 0)
        return -1;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = g_build_filename(dir, cases[i].name, NULL);
        g_autofree char *want = g_strdup_printf("operation failed: '%s' %s", path,
                                                cases[i].why);

        for (size_t m = 0; m < G_N_ELEMENTS(modes); m++) {
            int fd = virFileOpenAt(dirfd, dir, cases[i].name, modes[m], 0600);

            if (fd >= 0) {
                virTestDiag("%s opened with flags 0x%x", path, modes[m]);
                close(fd);
                return -1;
            }
            if (virGetLastErrorCode() != VIR_ERR_OPERATION_FAILED ||
                STRNEQ(virGetLastErrorMessage(), want)) {
                virTestDiag("flags 0x%x: '%s', expected '%s'", modes[m],
                            virGetLastErrorMessage(), want);
                return -1;
            }
            virResetLastError();
        }
    }
    return 0;
}


static int
testLock(const void *data G_GNUC_UNUSED)
{
    g_autofree char *dir = virTestMakeTempDir("virutiltest");
    g_autofree char *path = g_build_filename(dir, "lock", NULL);
    VIR_AUTOCLOSE a = -1;
    VIR_AUTOCLOSE b = -1;

    if ((a = virFileOpenLocked(path, VIR_FILE_LOCK_EXCLUSIVE, false)) < 0)
        return -1;
    /* flock locks belong to the open file: a second open conflicts. */
    if ((b = virFileOpenLocked(path, VIR_FILE_LOCK_EXCLUSIVE, false)) >= 0)
        return -1;
    if (virGetLastErrorCode() != VIR_ERR_RESOURCE_BUSY)
        return -1;
    virForceClose(&a);
    if ((b = virFileOpenLocked(path, VIR_FILE_LOCK_EXCLUSIVE, false)) < 0)
        return -1;
    return 0;
}


static int
testLogSettings(const void *data G_GNUC_UNUSED)
{
    virLogPriority p;

    if (virLogParseDefaultPriority("1", &p) < 0 || p != VIR_LOG_DEBUG)
        return -1;
    if (virLogParseDefaultPriority("error", &p) < 0 || p != VIR_LOG_ERROR)
        return -1;
    if (virLogParseDefaultPriority("5", &p) == 0 ||
        virGetLastErrorCode() != VIR_ERR_INVALID_ARG)
        return -1;
    if (virLogSetFilters("1:qemu 3:+util.file") < 0)
        return -1;
    if (virLogSetFilters("qemu") == 0 || virLogSetFilters("1:") == 0)
        return -1;
    if (virLogSetOutputs("2:stderr") < 0)
        return -1;
    if (virLogSetOutputs("2:file:relative") == 0 ||
        virLogSetOutputs("1:journald") == 0)
        return -1;
    virLogReset();
    return 0;
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

    if (virLogSetOutputs(outputs) < 0 || virLogSetFilters("1:qemu 4:util") < 0)
        return -1;
    virLogSetDefaultPriority(VIR_LOG_WARN);
    virLogMessage(&chatty, VIR_LOG_DEBUG, __FILE__, __LINE__, __func__, "%s", "kept-debug");
    virLogMessage(&quiet, VIR_LOG_WARN, __FILE__, __LINE__, __func__, "%s", "dropped-warn");
    virLogMessage(&quiet, VIR_LOG_ERROR, __FILE__, __LINE__, __func__, "%s", "kept-error");
    virLogReset();

    if (virFileReadAll(path, 65536, &content) < 0)
        return -1;
    if (!strstr(content, "debug : testLogFilterOutput:") ||
        !strstr(content, "kept-debug") || !strstr(content, "kept-error") ||
        strstr(content, "dropped-warn"))
        return virTestCompareStrings("kept-debug and kept-error only", content, "log");
    return 0;
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
