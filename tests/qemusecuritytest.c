/*
 * qemusecuritytest.c: security basics of a driver root (real QEMU)
 *
 * - the directories the driver makes are 0700; definitions, status
 *   files, locks, logs, pid files and monitor sockets are 0600;
 * - no shell ever comes between the driver and QEMU: an emulator and
 *   an image whose paths hold shell syntax are used literally;
 * - image, kernel and other host paths must be absolute;
 * - a domain name cannot reach outside the driver's directories.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <sys/stat.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilsreliab.h"

static char *testRoot;
static char *testURI;
static virConnectPtr testConn;


/* Every directory under @dir is 0700; every file 0600 unless @dir is
 * the capabilities cache (public facts about the emulator binary). */
static int
testCheckModes(const char *dir, bool cache)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;
    int bad = 0;

    if (!d)
        return 1;
    while ((entry = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, entry, NULL);
        struct stat sb;
        mode_t mode;

        if (lstat(path, &sb) < 0)
            continue;
        mode = sb.st_mode & 07777;
        if (S_ISDIR(sb.st_mode)) {
            if (mode != 0700) {
                virTestDiag("directory %s has mode %04o", path, mode);
                bad++;
            }
            bad += testCheckModes(path, cache || STREQ(entry, "cache"));
        } else if (!cache && mode != 0600 && STRNEQ(entry, "qemu.conf")) {
            /* (qemu.conf is the administrator's, written by the test.) */
            virTestDiag("%s %s has mode %04o", S_ISSOCK(sb.st_mode) ? "socket" : "file",
                        path, mode);
            bad++;
        }
    }
    return bad;
}


static int
testModes(const void *data G_GNUC_UNUSED)
{
    g_autofree char *xml = testQemuDomainXML("modes", NULL, NULL);
    g_autofree char *sock = NULL;
    g_autofree char *stateDir = g_build_filename(testRoot, "run", "qemu", NULL);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    g_autoptr(GDir) d = NULL;
    const char *entry;
    struct stat sb;
    int ret = -1;

    TEST_ASSERT_NONNULL(dom);
    TEST_ASSERT_OK(virDomainCreate(dom));
    /* The socket QEMU made is there while it runs. */
    d = g_dir_open(stateDir, 0, NULL);
    while (d && (entry = g_dir_read_name(d))) {
        if (g_str_has_prefix(entry, "domain-"))
            sock = g_build_filename(stateDir, entry, "monitor.sock", NULL);
    }
    TEST_ASSERT_MSG(sock, "no domain-* directory in %s", stateDir);
    TEST_ASSERT_OK(lstat(sock, &sb));
    TEST_ASSERT_MSG(S_ISSOCK(sb.st_mode), "%s is not a socket", sock);
    /* Every mode that is wrong is printed. */
    TEST_ASSERT_EQ_INT(testCheckModes(testRoot, false), 0);
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


/*
 * An emulator and an image whose paths hold shell syntax: a shell
 * anywhere would run the commands in them.  QEMU must run as the
 * literal path, directly.
 */
static int
testNoShell(const void *data G_GNUC_UNUSED)
{
    /* A shell would run in the driver's working directory or QEMU's
     * ("/"): the commands create INJECTED there. */
    g_autofree char *cwd = g_get_current_dir();
    g_autofree char *marker = g_build_filename(cwd, "INJECTED", NULL);
    g_autofree char *bindir = g_strdup_printf("%s/bin $(touch INJECTED);`touch INJECTED` 'x'",
                                              testRoot);
    g_autofree char *emulator = g_build_filename(bindir, "qemu-system-x86_64", NULL);
    g_autofree char *image = g_strdup_printf("%s/lib/qemu/d$(touch INJECTED),x;y.qcow2",
                                             testRoot);
    g_autofree char *imageXML = g_markup_escape_text(image, -1);
    g_autofree char *emulatorXML = g_markup_escape_text(emulator, -1);
    g_autofree char *disk = g_strdup_printf(
        "    <disk type='file' device='disk'>\n"
        "      <driver name='qemu' type='qcow2'/>\n"
        "      <source file='%s'/>\n"
        "      <target dev='hda' bus='ide'/>\n"
        "    </disk>\n", imageXML);
    g_autofree char *xml = testQemuDomainXML("noshell", emulatorXML, disk);
    g_autofree char *cmdPath = NULL;
    g_autofree char *cmdline = NULL;
    g_autofree char *exe = NULL;
    g_autofree char *exePath = NULL;
    g_autofree char *out = NULL;
    const char *mkimg[] = { "qemu-img", "create", "-q", "-f", "qcow2", image, "16M", NULL };
    virDomainPtr dom = NULL;
    gsize len;
    pid_t pid;
    int ret = -1;

    TEST_ASSERT_MSG(g_mkdir_with_parents(bindir, 0700) == 0,
                    "cannot make %s: %s", bindir, g_strerror(errno));
    TEST_ASSERT_MSG(symlink("/usr/bin/qemu-system-x86_64", emulator) == 0,
                    "cannot make %s: %s", emulator, g_strerror(errno));
    TEST_ASSERT_MSG(testReliabRun(mkimg, &out) == 0, "cannot make %s: %s", image,
                    NULLSTR(out));
    TEST_ASSERT_NONNULL(dom = virDomainDefineXML(testConn, xml));
    TEST_ASSERT_OK(virDomainCreate(dom));
    pid = testQemuDomainPid(testRoot, "noshell");
    cmdPath = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    exePath = g_strdup_printf("/proc/%lld/exe", (long long)pid);
    /* QEMU runs as the literal path, directly. */
    TEST_ASSERT(g_file_get_contents(cmdPath, &cmdline, &len, NULL));
    TEST_ASSERT_EQ_STR(cmdline, emulator);
    TEST_ASSERT_NONNULL(exe = g_file_read_link(exePath, NULL));
    TEST_ASSERT_EQ_STR(exe, "/usr/bin/qemu-system-x86_64");
    TEST_ASSERT_OK(virDomainDestroy(dom));
    /* No shell ran the commands in the paths. */
    TEST_ASSERT(!g_file_test(marker, G_FILE_TEST_EXISTS));
    TEST_ASSERT(!g_file_test("/INJECTED", G_FILE_TEST_EXISTS));
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


/* Nothing in the configuration and state directories but what the
 * other cases left: a refused definition writes nothing. */
static int
testNothingNamed(const char *what)
{
    const char *dirs[] = { "etc/qemu", "run/qemu", "log/qemu", "etc", "run", "" };
    int ret = -1;

    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autofree char *dir = g_build_filename(testRoot, dirs[i], NULL);
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        const char *entry;

        while (d && (entry = g_dir_read_name(d)))
            TEST_ASSERT_MSG(!strstr(entry, what), "%s/%s exists", dir, entry);
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testRelativePaths(const void *data G_GNUC_UNUSED)
{
    struct {
        const char *devices;
        const char *message;
    } cases[] = {
        { "<disk type='file' device='disk'><source file='relimg.qcow2'/>"
          "<target dev='hda' bus='ide'/></disk>",
          "unsupported configuration: relative path 'relimg.qcow2' of disk 'hda' is not supported: use an absolute path" },
        { "<disk type='file' device='cdrom'><source file='../relimg.iso'/>"
          "<target dev='hdc' bus='ide'/><readonly/></disk>",
          "unsupported configuration: relative path '../relimg.iso' of disk 'hdc' is not supported: use an absolute path" },
        { "<serial type='file'><source path='relimg.log'/><target port='0'/></serial>",
          "unsupported configuration: relative path 'relimg.log' of serial port source 'file' is not supported: use an absolute path" },
    };
    virDomainPtr dom = NULL;
    int ret = -1;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *xml = testQemuDomainXML("relpath", NULL, cases[i].devices);

        TEST_ASSERT(!(dom = virDomainDefineXML(testConn, xml)));
        TEST_ASSERT_ERROR(VIR_ERR_CONFIG_UNSUPPORTED);
        TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), cases[i].message);
        TEST_ASSERT(!(dom = virDomainCreateXML(testConn, xml, 0)));
        TEST_ASSERT_ERROR(VIR_ERR_CONFIG_UNSUPPORTED);
        TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), cases[i].message);
    }
    TEST_ASSERT_OK(testNothingNamed("relpath"));
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}


static int
testNames(const void *data G_GNUC_UNUSED)
{
    struct {
        const char *name;
        int code;
    } cases[] = {
        { "../escape", VIR_ERR_XML_ERROR },
        { "a/escape", VIR_ERR_XML_ERROR },
        { "/tmp/escape", VIR_ERR_XML_ERROR },
        /* Refused by the parser, with a message that says why. */
        { "..", VIR_ERR_XML_ERROR },
        { ".", VIR_ERR_XML_ERROR },
    };
    const char *lookups[] = { "../../etc/passwd", "..", ".", "qemu/../../x", "" };
    virDomainPtr dom = NULL;
    int ret = -1;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *xml = testQemuDomainXML(cases[i].name, NULL, NULL);

        TEST_ASSERT_MSG(!(dom = virDomainDefineXML(testConn, xml)),
                        "name '%s' defined", cases[i].name);
        TEST_ASSERT_ERROR(cases[i].code);
        TEST_ASSERT_MSG(!(dom = virDomainCreateXML(testConn, xml, 0)),
                        "name '%s' started", cases[i].name);
        TEST_ASSERT_ERROR(cases[i].code);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(lookups); i++) {
        TEST_ASSERT_MSG(!(dom = virDomainLookupByName(testConn, lookups[i])),
                        "lookup of '%s' found a domain", lookups[i]);
        TEST_ASSERT_ERROR(VIR_ERR_NO_DOMAIN);
    }
    TEST_ASSERT_OK(testNothingNamed("escape"));
    TEST_ASSERT(!g_file_test("/tmp/escape.xml", G_FILE_TEST_EXISTS));
    ret = 0;

 cleanup:
    testQemuCleanup(dom, 0);
    return ret;
}



static int
mymain(void)
{
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &testRoot, &testURI)))
        return -1;

    ret |= virTestRun("directories 0700; definitions, state, logs, sockets 0600",
                      testModes, NULL);
    ret |= virTestRun("no shell between the driver and QEMU", testNoShell, NULL);
    ret |= virTestRun("host paths must be absolute", testRelativePaths, NULL);
    ret |= virTestRun("a domain name cannot escape its directory", testNames, NULL);

    virConnectClose(testConn);
    testReapChildren();
    return ret;
}

VIR_TEST_MAIN(mymain)
