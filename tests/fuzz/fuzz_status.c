/*
 * fuzz_status.c: the status-file reader, as a connection meets it
 *
 * An input is the status file of domain "fz" and, after a line
 * "----definition----", optionally its persistent definition.  Both are
 * written with plain I/O into the state and configuration directories
 * of a root made once per process; then, as any later process does, a
 * connection opens (reconciling every domain from its files), lists the
 * domains and asks each for its state and XML, and closes.  Placeholders
 * let inputs name what lies outside the root: @DECOY_PID@ and
 * @DECOY_START@ (a live decoy process: /bin/sleep blocking every signal,
 * so that a signal sent to it stays pending), @SELF_PID@ and
 * @SELF_START@ (this process), @DECOY_FILE@ and @DECOY_DIR@ (a file and
 * a directory of known content outside the root), @ROOT@.
 *
 * Any input may be refused; none may crash or leak (ASan), signal,
 * stop or end the decoy (or this process), or touch the decoys on disk.
 * There is no QEMU: a pid the driver must not signal is every pid.  So
 * that a bug never reaches a process of someone else's on this machine,
 * an input whose status file names (as the driver's own XML parser
 * reads it) a live process that is neither the decoy nor this process
 * is skipped.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <libxml/parser.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "fuzz.h"

#define FUZZ_NAME "fz"
#define FUZZ_DEFINITION_MARK "\n----definition----\n"

static char *fuzzRoot;
static char *fuzzURI;
static char *fuzzDirs[3];           /* etc/qemu, run/qemu, log/qemu */
static char *fuzzDecoyDir;
static char *fuzzDecoyFile;
static char *fuzzDecoyInner;
static pid_t fuzzDecoy;
static unsigned long long fuzzDecoyStart;
static unsigned long long fuzzSelfStart;
static struct stat fuzzDecoyFileStat;
static struct stat fuzzDecoyDirStat;
static struct stat fuzzDecoyInnerStat;

static const char fuzzDecoyContent[] = "decoy: nothing the driver does may change this\n";


/* Field 22 of /proc/PID/stat, or 0. */
static unsigned long long
fuzzStartTime(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *stat = NULL;
    g_auto(GStrv) fields = NULL;
    const char *p;

    if (!g_file_get_contents(path, &stat, NULL, NULL) || !(p = strrchr(stat, ')')))
        return 0;
    fields = g_strsplit(p + 2, " ", -1);
    if (g_strv_length(fields) < 20)
        return 0;
    return g_ascii_strtoull(fields[19], NULL, 10);
}


/* What /proc/PID/status says about the decoy: "" when all is well. */
static char *
fuzzDecoyProblem(void)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/status", (long long)fuzzDecoy);
    g_autofree char *status = NULL;
    g_auto(GStrv) lines = NULL;
    siginfo_t info;

    memset(&info, 0, sizeof(info));
    if (waitid(P_PID, fuzzDecoy, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == fuzzDecoy)
        return g_strdup("the decoy process has exited");
    if (!g_file_get_contents(path, &status, NULL, NULL))
        return g_strdup("the decoy process is gone");
    lines = g_strsplit(status, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        if ((g_str_has_prefix(lines[i], "SigPnd:") || g_str_has_prefix(lines[i], "ShdPnd:")) &&
            g_ascii_strtoull(strchr(lines[i], ':') + 1, NULL, 16) != 0)
            return g_strdup_printf("the decoy process was signalled: %s", lines[i]);
        if (g_str_has_prefix(lines[i], "State:") && strpbrk(lines[i] + 6, "Tt"))
            return g_strdup_printf("the decoy process was stopped: %s", lines[i]);
    }
    return g_strdup("");
}


static bool
fuzzSameStat(const char *path, const struct stat *was)
{
    struct stat sb;

    return lstat(path, &sb) == 0 && sb.st_ino == was->st_ino &&
           sb.st_mode == was->st_mode && sb.st_uid == was->st_uid &&
           sb.st_size == was->st_size &&
           sb.st_mtim.tv_sec == was->st_mtim.tv_sec &&
           sb.st_mtim.tv_nsec == was->st_mtim.tv_nsec &&
           sb.st_ctim.tv_sec == was->st_ctim.tv_sec &&
           sb.st_ctim.tv_nsec == was->st_ctim.tv_nsec;
}


static void
fuzzCheckDecoys(const char *input)
{
    g_autofree char *problem = fuzzDecoyProblem();
    g_autofree char *content = NULL;
    g_autoptr(GDir) d = NULL;
    const char *name;
    int entries = 0;

    if (*problem)
        fuzzFail(problem, input);
    if (!fuzzSameStat(fuzzDecoyFile, &fuzzDecoyFileStat) ||
        !g_file_get_contents(fuzzDecoyFile, &content, NULL, NULL) ||
        STRNEQ(content, fuzzDecoyContent))
        fuzzFail("the decoy file outside the root was changed", input);
    if (!fuzzSameStat(fuzzDecoyDir, &fuzzDecoyDirStat) ||
        !fuzzSameStat(fuzzDecoyInner, &fuzzDecoyInnerStat))
        fuzzFail("the decoy directory outside the root was changed", input);
    d = g_dir_open(fuzzDecoyDir, 0, NULL);
    while (d && (name = g_dir_read_name(d)))
        entries++;
    if (entries != 2)
        fuzzFail("an entry appeared in or vanished from the decoy directory", input);
}


/* Empties a directory, subdirectories included; links are removed,
 * not followed. */
static void
fuzzEmpty(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);

        if (unlink(path) < 0 && errno == EISDIR) {
            fuzzEmpty(path);
            rmdir(path);
        }
    }
}


static void
fuzzCleanup(void)
{
    if (fuzzDecoy > 0) {
        kill(fuzzDecoy, SIGKILL);
        waitpid(fuzzDecoy, NULL, 0);
    }
    if (fuzzRoot) {
        fuzzEmpty(fuzzRoot);
        rmdir(fuzzRoot);
    }
    if (fuzzDecoyDir) {
        fuzzEmpty(fuzzDecoyDir);
        rmdir(fuzzDecoyDir);
    }
}


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    char *sleepArgv[] = { (char *)"sleep", (char *)"86400", NULL };
    const char *sub[] = { "etc/qemu", "run/qemu", "log/qemu" };
    g_autofree char *conf = NULL;
    pid_t parent = getpid();
    sigset_t all;

    fuzzSetup();
    /* Short: a state directory's paths must fit a socket address. */
    fuzzRoot = g_mkdtemp(g_strdup("/tmp/lvg-fz-XXXXXX"));
    fuzzDecoyDir = g_mkdtemp(g_strdup("/tmp/lvg-fzdecoy-XXXXXX"));
    if (!fuzzRoot || !fuzzDecoyDir)
        abort();
    fuzzURI = g_strdup_printf("qemu:///embed?root=%s", fuzzRoot);
    for (size_t i = 0; i < G_N_ELEMENTS(sub); i++) {
        fuzzDirs[i] = g_build_filename(fuzzRoot, sub[i], NULL);
        if (g_mkdir_with_parents(fuzzDirs[i], 0700) < 0)
            abort();
    }
    conf = g_build_filename(fuzzRoot, "etc", "qemu.conf", NULL);
    if (!g_file_set_contents(conf,
                             "destroy_term_timeout = 0.1\n"
                             "destroy_kill_timeout = 0.1\n"
                             "destroy_graceful_timeout = 0.1\n"
                             "job_wait_timeout = 0.1\n"
                             "start_timeout = 0.5\n", -1, NULL))
        abort();

    fuzzDecoyFile = g_build_filename(fuzzDecoyDir, "decoy-file", NULL);
    fuzzDecoyInner = g_build_filename(fuzzDecoyDir, "decoy-dir", NULL);
    if (!g_file_set_contents(fuzzDecoyFile, fuzzDecoyContent, -1, NULL) ||
        mkdir(fuzzDecoyInner, 0755) < 0 ||
        lstat(fuzzDecoyFile, &fuzzDecoyFileStat) < 0 ||
        lstat(fuzzDecoyInner, &fuzzDecoyInnerStat) < 0 ||
        lstat(fuzzDecoyDir, &fuzzDecoyDirStat) < 0)
        abort();

    /* Every signal blocked (the mask survives exec), and SIGKILL when
     * this process dies, even of a finding. */
    sigfillset(&all);
    if ((fuzzDecoy = fork()) < 0)
        abort();
    if (fuzzDecoy == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
            _exit(1);
        sigprocmask(SIG_SETMASK, &all, NULL);
        execv("/bin/sleep", sleepArgv);
        _exit(127);
    }
    for (int i = 0; i < 5000; i++) {
        g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)fuzzDecoy);
        g_autofree char *cmdline = NULL;

        if (g_file_get_contents(path, &cmdline, NULL, NULL) && STREQ(cmdline, "sleep"))
            break;
        g_usleep(1000);
    }
    fuzzDecoyStart = fuzzStartTime(fuzzDecoy);
    fuzzSelfStart = fuzzStartTime(getpid());
    atexit(fuzzCleanup);
    return 0;
}


static char *
fuzzSubstitute(const char *text)
{
    g_autoptr(GString) out = g_string_new(text);
    g_autofree char *decoyPid = g_strdup_printf("%lld", (long long)fuzzDecoy);
    g_autofree char *decoyStart = g_strdup_printf("%llu", fuzzDecoyStart);
    g_autofree char *selfPid = g_strdup_printf("%lld", (long long)getpid());
    g_autofree char *selfStart = g_strdup_printf("%llu", fuzzSelfStart);

    g_string_replace(out, "@DECOY_PID@", decoyPid, 0);
    g_string_replace(out, "@DECOY_START@", decoyStart, 0);
    g_string_replace(out, "@SELF_PID@", selfPid, 0);
    g_string_replace(out, "@SELF_START@", selfStart, 0);
    g_string_replace(out, "@DECOY_FILE@", fuzzDecoyFile, 0);
    g_string_replace(out, "@DECOY_DIR@", fuzzDecoyInner, 0);
    g_string_replace(out, "@ROOT@", fuzzRoot, 0);
    return g_string_free(g_steal_pointer(&out), FALSE);
}


/*
 * Whether the status file names a live process that is neither the
 * decoy nor this process, read as the driver reads it (libxml2, the
 * root element's pid attribute, a decimal number): such an input could
 * only show a bug by signalling a stranger, so it is not run.
 */
static bool
fuzzNamesStranger(const char *status)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *pidStr = NULL;
    xmlNodePtr root;
    guint64 pid;

    if (!(doc = xmlReadMemory(status, strlen(status), NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) ||
        !(root = xmlDocGetRootElement(doc)) ||
        !(pidStr = (char *)xmlGetProp(root, BAD_CAST "pid")) ||
        !g_ascii_string_to_unsigned(pidStr, 10, 1, G_MAXINT, &pid, NULL))
        return false;
    if ((pid_t)pid == fuzzDecoy || (pid_t)pid == getpid())
        return false;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}




static void
fuzzWrite(const char *dir, const char *text)
{
    g_autofree char *path = g_build_filename(dir, FUZZ_NAME ".xml", NULL);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        abort();
    close(fd);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *input = g_strndup((const char *)data, size);
    g_autofree char *status = NULL;
    g_autofree char *definition = NULL;
    virConnectPtr conn;
    virDomainPtr *doms = NULL;
    char *mark;
    int n;

    fuzzSetup();
    if ((mark = strstr(input, FUZZ_DEFINITION_MARK))) {
        *mark = '\0';
        definition = fuzzSubstitute(mark + strlen(FUZZ_DEFINITION_MARK));
    }
    status = fuzzSubstitute(input);
    if (fuzzNamesStranger(status))
        return 0;

    for (size_t i = 0; i < G_N_ELEMENTS(fuzzDirs); i++)
        fuzzEmpty(fuzzDirs[i]);
    fuzzWrite(fuzzDirs[1], status);
    if (definition)
        fuzzWrite(fuzzDirs[0], definition);

    /* The open reconciles every domain; so do the list and the state. */
    if (!(conn = virConnectOpen(fuzzURI)))
        fuzzFail("a root with a damaged status file does not open",
                 virGetLastErrorMessage());
    if ((n = virConnectListAllDomains(conn, &doms, 0)) < 0)
        fuzzFail("the domains of a root with a damaged status file cannot be listed",
                 virGetLastErrorMessage());
    for (int i = 0; i < n; i++) {
        int state;
        int reason;
        char *xml;

        if (virDomainGetState(doms[i], &state, &reason, 0) < 0)
            virResetLastError();
        if ((xml = virDomainGetXMLDesc(doms[i], 0)))
            free(xml);
        virResetLastError();
        virDomainFree(doms[i]);
    }
    free(doms);
    if (virConnectClose(conn) != 0)
        fuzzFail("a connection is still referenced after its close", NULL);
    virResetLastError();

    fuzzCheckDecoys(status);
    return 0;
}
