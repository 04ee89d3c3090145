/*
 * testutilshostile.c: the invariants of the hostile-input tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsqemu.h"
#include "testutilshostile.h"

/* A fixed, long past modification time for the decoy files: any write
 * moves it. */
#define TEST_GUARD_MTIME 978307200   /* 2001-01-01 */

typedef struct {
    char *path;
    struct stat sb;
    char *content;              /* regular files */
    gsize len;
} testGuardEntry;

typedef struct {
    char *path;
    int fd;                     /* listening */
} testGuardSocketServed;

struct _testGuard {
    char *dir;
    char *file;
    char *subdir;
    char *socket;
    GArray *decoys;             /* pid_t */
    GArray *zombies;            /* pid_t */
    GPtrArray *entries;         /* testGuardEntry *, as made */
    char *listing;              /* the names under dir, as made */
    GPtrArray *served;          /* testGuardSocketServed * */
    unsigned int connections;
};


static void
testGuardEntryFree(testGuardEntry *entry)
{
    if (!entry)
        return;
    g_free(entry->path);
    g_free(entry->content);
    g_free(entry);
}


static void
testGuardSocketServedFree(testGuardSocketServed *served)
{
    if (!served)
        return;
    if (served->fd >= 0)
        close(served->fd);
    g_free(served->path);
    g_free(served);
}


gint
testStrPtrCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}


/* "NAME\n" for every entry under @dir, one level of subdirectories
 * included, sorted. */
static char *
testGuardListing(const char *dir)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    g_autoptr(GString) out = g_string_new(NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autoptr(GDir) sub = NULL;
        const char *inner;

        g_ptr_array_add(names, g_strdup(name));
        if (g_file_test(path, G_FILE_TEST_IS_SYMLINK) ||
            !g_file_test(path, G_FILE_TEST_IS_DIR) ||
            !(sub = g_dir_open(path, 0, NULL)))
            continue;
        while ((inner = g_dir_read_name(sub)))
            g_ptr_array_add(names, g_strdup_printf("%s/%s", name, inner));
    }
    g_ptr_array_sort(names, testStrPtrCompare);
    for (guint i = 0; i < names->len; i++)
        g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(names, i));
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static testGuardEntry *
testGuardEntryNew(const char *path)
{
    testGuardEntry *entry = g_new0(testGuardEntry, 1);

    entry->path = g_strdup(path);
    g_assert(lstat(path, &entry->sb) == 0);
    if (S_ISREG(entry->sb.st_mode))
        g_assert(g_file_get_contents(path, &entry->content, &entry->len, NULL));
    return entry;
}


static void
testGuardSnapshot(testGuard *guard)
{
    const char *paths[] = { guard->dir, guard->file, guard->subdir, guard->socket,
                            NULL };
    g_autofree char *inner = g_build_filename(guard->subdir, "inner", NULL);

    g_ptr_array_set_size(guard->entries, 0);
    for (size_t i = 0; paths[i]; i++)
        g_ptr_array_add(guard->entries, testGuardEntryNew(paths[i]));
    g_ptr_array_add(guard->entries, testGuardEntryNew(inner));
    g_free(guard->listing);
    guard->listing = testGuardListing(guard->dir);
}


static int
testGuardListen(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virTestDiag("socket path %s is too long", path);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path));
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0 ||
        bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(fd, 64) < 0) {
        virTestDiag("cannot serve %s: %s", path, g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}


int
testGuardServeSocket(testGuard *guard, const char *path)
{
    testGuardSocketServed *served;
    int fd = testGuardListen(path);

    if (fd < 0)
        return -1;
    served = g_new0(testGuardSocketServed, 1);
    served->path = g_strdup(path);
    served->fd = fd;
    g_ptr_array_add(guard->served, served);
    return 0;
}


testGuard *
testGuardNew(void)
{
    testGuard *guard = g_new0(testGuard, 1);
    g_autofree char *inner = NULL;
    struct timespec times[2] = {
        { .tv_sec = TEST_GUARD_MTIME }, { .tv_sec = TEST_GUARD_MTIME },
    };

    guard->decoys = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guard->zombies = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guard->entries = g_ptr_array_new_with_free_func((GDestroyNotify)testGuardEntryFree);
    guard->served = g_ptr_array_new_with_free_func((GDestroyNotify)testGuardSocketServedFree);

    /* Short: the socket's path must fit in sockaddr_un. */
    guard->dir = g_mkdtemp(g_strdup("/tmp/lvg-decoy-XXXXXX"));
    g_assert(guard->dir);
    virTestAdoptTempDir(guard->dir);
    g_assert(chmod(guard->dir, 0755) == 0);
    guard->file = g_build_filename(guard->dir, "decoy-file", NULL);
    guard->subdir = g_build_filename(guard->dir, "decoy-dir", NULL);
    guard->socket = g_build_filename(guard->dir, "decoy.sock", NULL);
    inner = g_build_filename(guard->subdir, "inner", NULL);

    g_assert(g_file_set_contents(guard->file,
                                 "decoy: nothing the driver does may change this file\n"
                                 "<domstatus state='running' pid='1'/>\n", -1, NULL));
    g_assert(chmod(guard->file, 0644) == 0);
    g_assert(utimensat(AT_FDCWD, guard->file, times, AT_SYMLINK_NOFOLLOW) == 0);
    g_assert(mkdir(guard->subdir, 0755) == 0);
    g_assert(g_file_set_contents(inner, "decoy\n", -1, NULL));
    g_assert(utimensat(AT_FDCWD, inner, times, AT_SYMLINK_NOFOLLOW) == 0);
    g_assert(testGuardServeSocket(guard, guard->socket) == 0);
    g_assert(utimensat(AT_FDCWD, guard->subdir, times, AT_SYMLINK_NOFOLLOW) == 0);
    testGuardSnapshot(guard);

    testGuardAddDecoy(guard);
    return guard;
}


void
testGuardFree(testGuard *guard)
{
    if (!guard)
        return;
    for (guint i = 0; i < guard->decoys->len; i++) {
        pid_t pid = g_array_index(guard->decoys, pid_t, i);

        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    for (guint i = 0; i < guard->zombies->len; i++)
        waitpid(g_array_index(guard->zombies, pid_t, i), NULL, 0);
    g_array_unref(guard->decoys);
    g_array_unref(guard->zombies);
    g_ptr_array_unref(guard->entries);
    g_ptr_array_unref(guard->served);
    g_free(guard->listing);
    g_free(guard->dir);
    g_free(guard->file);
    g_free(guard->subdir);
    g_free(guard->socket);
    g_free(guard);
}


pid_t
testGuardDecoy(const testGuard *guard)
{
    return g_array_index(guard->decoys, pid_t, 0);
}


/* /bin/sleep with every signal blocked: the mask survives exec, so a
 * signal sent to it stays pending.  It gets SIGKILL (which cannot be
 * blocked) when the test dies, so a test killed half-way leaves no
 * decoy behind. */
pid_t
testGuardAddDecoy(testGuard *guard)
{
    char *argv[] = { (char *)"sleep", (char *)"3600", NULL };
    pid_t parent = getpid();
    sigset_t all;
    pid_t pid;

    sigfillset(&all);
    g_assert((pid = fork()) >= 0);
    if (pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
            _exit(1);
        sigprocmask(SIG_SETMASK, &all, NULL);
        execv("/bin/sleep", argv);
        _exit(127);
    }
    /* Once it runs sleep, its command line and start time are final. */
    for (int i = 0; i < 5000; i++) {
        g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
        g_autofree char *cmdline = NULL;

        if (g_file_get_contents(path, &cmdline, NULL, NULL) && STREQ(cmdline, "sleep"))
            break;
        g_usleep(1000);
    }
    g_array_append_val(guard->decoys, pid);
    return pid;
}


pid_t
testGuardAddZombie(testGuard *guard)
{
    siginfo_t info;
    pid_t pid = fork();

    g_assert(pid >= 0);
    if (pid == 0)
        _exit(0);
    memset(&info, 0, sizeof(info));
    g_assert(waitid(P_PID, pid, &info, WEXITED | WNOWAIT) == 0);
    g_array_append_val(guard->zombies, pid);
    return pid;
}


void
testGuardDropZombie(testGuard *guard, pid_t pid)
{
    for (guint i = 0; i < guard->zombies->len; i++) {
        if (g_array_index(guard->zombies, pid_t, i) == pid) {
            g_array_remove_index(guard->zombies, i);
            waitpid(pid, NULL, WNOHANG);
            return;
        }
    }
}


const char *
testGuardDir(const testGuard *guard)
{
    return guard->dir;
}


const char *
testGuardFile(const testGuard *guard)
{
    return guard->file;
}


const char *
testGuardSubdir(const testGuard *guard)
{
    return guard->subdir;
}


const char *
testGuardSocket(const testGuard *guard)
{
    return guard->socket;
}


unsigned int
testGuardConnections(const testGuard *guard)
{
    return guard->connections;
}


/* Field @n (1-based, the pid being 1) of /proc/PID/stat, or NULL. */
static char *
testProcStatField(pid_t pid, int n)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *stat = NULL;
    g_auto(GStrv) fields = NULL;
    const char *p;

    if (!g_file_get_contents(path, &stat, NULL, NULL) ||
        !(p = strrchr(stat, ')')) || p[1] != ' ')
        return NULL;
    /* Fields from the third (state) on, split on blanks. */
    fields = g_strsplit(p + 2, " ", -1);
    if (n < 3 || g_strv_length(fields) < (guint)(n - 2))
        return NULL;
    return g_strdup(fields[n - 3]);
}


static char
testProcState(pid_t pid)
{
    g_autofree char *state = testProcStatField(pid, 3);

    return state ? state[0] : 0;
}


unsigned long long
testProcessStartTime(pid_t pid)
{
    g_autofree char *start = testProcStatField(pid, 22);

    return start ? g_ascii_strtoull(start, NULL, 10) : 0;
}


pid_t
testProcessParent(pid_t pid)
{
    g_autofree char *ppid = testProcStatField(pid, 4);

    return ppid ? (pid_t)g_ascii_strtoll(ppid, NULL, 10) : 0;
}


static bool
testGuardIsZombie(const testGuard *guard, pid_t pid)
{
    for (guint i = 0; i < guard->zombies->len; i++) {
        if (g_array_index(guard->zombies, pid_t, i) == pid)
            return true;
    }
    return false;
}


void
testGuardReap(const testGuard *guard)
{
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    g_autofree char *self = g_strdup_printf("%lld", (long long)getpid());
    const char *entry;

    while (proc && (entry = g_dir_read_name(proc))) {
        g_autofree char *ppid = NULL;
        guint64 num;

        if (!g_ascii_string_to_unsigned(entry, 10, 1, G_MAXINT, &num, NULL) ||
            testGuardIsZombie(guard, (pid_t)num) ||
            testProcState((pid_t)num) != 'Z' ||
            !(ppid = testProcStatField((pid_t)num, 4)) || STRNEQ(ppid, self))
            continue;
        waitpid((pid_t)num, NULL, WNOHANG);
    }
}


bool
testGuardWaitGone(const testGuard *guard, pid_t pid, int ms)
{
    for (int i = 0; i < ms; i++) {
        if (!testProcessAlive(pid)) {
            testGuardReap(guard);
            return true;
        }
        if (i % 20 == 0)
            testGuardReap(guard);
        g_usleep(1000);
    }
    return false;
}


/* Accepts whatever connected to the served sockets: none of them is
 * QEMU, so nobody may have sent a byte. */
static int
testGuardCheckSockets(testGuard *guard, GString *problems)
{
    int count = 0;

    for (guint i = 0; i < guard->served->len; i++) {
        testGuardSocketServed *served = g_ptr_array_index(guard->served, i);
        int fd;

        while ((fd = accept4(served->fd, NULL, NULL, SOCK_CLOEXEC)) >= 0) {
            char buf[256];
            ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);

            guard->connections++;
            if (n > 0) {
                g_autofree char *text = NULL;

                buf[n] = '\0';
                text = g_strescape(buf, NULL);
                g_string_append_printf(problems,
                                       "%s (not QEMU) was sent %zd bytes: %s\n",
                                       served->path, n, text);
                count++;
            }
            close(fd);
        }
    }
    return count;
}


static int
testGuardCheckEntry(const testGuardEntry *entry, GString *problems)
{
    struct stat sb;
    g_autofree char *content = NULL;
    gsize len;

    if (lstat(entry->path, &sb) < 0) {
        g_string_append_printf(problems, "%s is gone: %s\n", entry->path,
                               g_strerror(errno));
        return 1;
    }
    if (sb.st_ino != entry->sb.st_ino || sb.st_mode != entry->sb.st_mode ||
        sb.st_uid != entry->sb.st_uid || sb.st_gid != entry->sb.st_gid ||
        sb.st_size != entry->sb.st_size ||
        sb.st_mtim.tv_sec != entry->sb.st_mtim.tv_sec ||
        sb.st_mtim.tv_nsec != entry->sb.st_mtim.tv_nsec ||
        sb.st_ctim.tv_sec != entry->sb.st_ctim.tv_sec ||
        sb.st_ctim.tv_nsec != entry->sb.st_ctim.tv_nsec) {
        g_string_append_printf(problems,
                               "%s was changed: inode %llu mode %o owner %u:%u size %lld mtime %lld ctime %lld.%09ld, was inode %llu mode %o owner %u:%u size %lld mtime %lld ctime %lld.%09ld\n",
                               entry->path,
                               (unsigned long long)sb.st_ino, sb.st_mode,
                               sb.st_uid, sb.st_gid, (long long)sb.st_size,
                               (long long)sb.st_mtim.tv_sec,
                               (long long)sb.st_ctim.tv_sec, sb.st_ctim.tv_nsec,
                               (unsigned long long)entry->sb.st_ino, entry->sb.st_mode,
                               entry->sb.st_uid, entry->sb.st_gid,
                               (long long)entry->sb.st_size,
                               (long long)entry->sb.st_mtim.tv_sec,
                               (long long)entry->sb.st_ctim.tv_sec,
                               entry->sb.st_ctim.tv_nsec);
        return 1;
    }
    if (entry->content &&
        (!g_file_get_contents(entry->path, &content, &len, NULL) ||
         len != entry->len || memcmp(content, entry->content, len) != 0)) {
        g_string_append_printf(problems, "%s has other content\n", entry->path);
        return 1;
    }
    return 0;
}


int
testGuardCheck(testGuard *guard, GString *problems)
{
    g_autofree char *listing = testGuardListing(guard->dir);
    int count = 0;

    for (guint i = 0; i < guard->decoys->len; i++) {
        pid_t pid = g_array_index(guard->decoys, pid_t, i);
        unsigned long long pending = testProcessPendingSignals(pid);
        char state = testProcState(pid);

        if (!testProcessAlive(pid)) {
            g_string_append_printf(problems, "decoy process %lld is dead\n",
                                   (long long)pid);
            count++;
        } else if (state == 'T' || state == 't') {
            g_string_append_printf(problems, "decoy process %lld was stopped\n",
                                   (long long)pid);
            count++;
        } else if (pending) {
            g_string_append_printf(problems,
                                   "decoy process %lld was signalled (pending mask %llx)\n",
                                   (long long)pid, pending);
            count++;
        }
    }
    for (guint i = 0; i < guard->zombies->len; i++) {
        pid_t pid = g_array_index(guard->zombies, pid_t, i);
        siginfo_t info;

        memset(&info, 0, sizeof(info));
        if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0 ||
            info.si_pid != pid) {
            g_string_append_printf(problems,
                                   "zombie child %lld of the test was reaped by someone else\n",
                                   (long long)pid);
            count++;
        }
    }

    if (STRNEQ(listing, guard->listing)) {
        g_string_append_printf(problems, "the entries of %s changed: now\n%swas\n%s",
                               guard->dir, listing, guard->listing);
        count++;
    }
    for (guint i = 0; i < guard->entries->len; i++)
        count += testGuardCheckEntry(g_ptr_array_index(guard->entries, i), problems);
    count += testGuardCheckSockets(guard, problems);
    return count;
}


static bool
testProcessMentions(pid_t pid, const char *root)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    g_autofree char *cmdline = NULL;
    gsize len;

    if (!g_file_get_contents(path, &cmdline, &len, NULL))
        return false;
    for (gsize i = 0; i < len; i += strlen(cmdline + i) + 1) {
        if (strstr(cmdline + i, root))
            return true;
    }
    return false;
}


static gint
testComparePid(gconstpointer a, gconstpointer b)
{
    pid_t x = *(const pid_t *)a;
    pid_t y = *(const pid_t *)b;

    return x < y ? -1 : x > y;
}


static GArray *
testRootProcesses(const char *root, bool qemuOnly)
{
    GArray *pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    g_autofree char *rootSlash = g_strdup_printf("%s/", root);
    const char *entry;

    while (proc && (entry = g_dir_read_name(proc))) {
        guint64 num;
        pid_t pid;
        char state;

        if (!g_ascii_string_to_unsigned(entry, 10, 1, G_MAXINT, &num, NULL))
            continue;
        pid = (pid_t)num;
        state = testProcState(pid);
        if (state == 0 || state == 'Z' || state == 'X' ||
            !testProcessMentions(pid, rootSlash))
            continue;
        if (qemuOnly) {
            g_autofree char *link = g_strdup_printf("/proc/%s/exe", entry);
            g_autofree char *exe = g_file_read_link(link, NULL);
            g_autofree char *base = exe ? g_path_get_basename(exe) : NULL;

            if (!base || !g_str_has_prefix(base, "qemu-system-"))
                continue;
        }
        g_array_append_val(pids, pid);
    }
    g_array_sort(pids, testComparePid);
    return pids;
}


GArray *
testRootQemuProcesses(const char *root)
{
    return testRootProcesses(root, true);
}


GArray *
testRootAllProcesses(const char *root)
{
    return testRootProcesses(root, false);
}


char *
testQemuProcessDomainName(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    g_autofree char *cmdline = NULL;
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    gsize len;

    if (!g_file_get_contents(path, &cmdline, &len, NULL))
        return NULL;
    for (gsize i = 0; i < len; i += strlen(cmdline + i) + 1)
        g_ptr_array_add(args, cmdline + i);
    for (guint i = 0; i + 1 < args->len; i++) {
        const char *arg = g_ptr_array_index(args, i + 1);
        g_autoptr(GString) name = NULL;

        if (STRNEQ(g_ptr_array_index(args, i), "-name") ||
            !g_str_has_prefix(arg, "guest="))
            continue;
        name = g_string_new(NULL);
        for (const char *p = arg + strlen("guest="); *p; p++) {
            if (*p == ',') {
                if (p[1] != ',')
                    break;
                p++;
            }
            g_string_append_c(name, *p);
        }
        return g_string_free(g_steal_pointer(&name), FALSE);
    }
    return NULL;
}


static virDomainPtr
testFindDomain(virDomainPtr *doms, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (STREQ(virDomainGetName(doms[i]), name))
            return doms[i];
    }
    return NULL;
}


int
testRootStopAll(const testGuard *guard, const char *root, const char *uri,
                GString *problems)
{
    g_autoptr(GArray) qemus = testRootQemuProcesses(root);
    g_autoptr(GArray) left = NULL;
    virConnectPtr conn = NULL;
    virDomainPtr *doms = NULL;
    int n = 0;
    int count = 0;

    if (qemus->len > 0 && !(conn = virConnectOpen(uri))) {
        g_string_append_printf(problems, "cannot open %s to stop its QEMUs: %s\n",
                               uri, virGetLastErrorMessage());
        count++;
    }
    if (conn && (n = virConnectListAllDomains(conn, &doms, 0)) < 0) {
        g_string_append_printf(problems, "cannot list the domains of %s: %s\n",
                               uri, virGetLastErrorMessage());
        count++;
        n = 0;
    }

    for (guint i = 0; conn && i < qemus->len; i++) {
        pid_t pid = g_array_index(qemus, pid_t, i);
        g_autofree char *name = testQemuProcessDomainName(pid);
        virDomainPtr dom = name ? testFindDomain(doms, n, name) : NULL;

        if (!testProcessAlive(pid))
            continue;   /* a wrapper's QEMU, stopped with its domain */
        if (!dom) {
            g_string_append_printf(problems,
                                   "QEMU %lld of domain '%s' runs but is not listed\n",
                                   (long long)pid, NULLSTR(name));
            count++;
            continue;
        }
        if (virDomainIsActive(dom) != 1) {
            g_string_append_printf(problems,
                                   "QEMU %lld runs but domain '%s' is listed inactive\n",
                                   (long long)pid, name);
            count++;
            continue;
        }
        if (virDomainDestroy(dom) < 0) {
            g_string_append_printf(problems, "domain '%s' (QEMU %lld) cannot be destroyed: %s\n",
                                   name, (long long)pid, virGetLastErrorMessage());
            count++;
            virResetLastError();
            continue;
        }
        if (!testGuardWaitGone(guard, pid, 5000)) {
            g_string_append_printf(problems,
                                   "domain '%s' was destroyed, but its QEMU %lld runs on\n",
                                   name, (long long)pid);
            count++;
        }
    }
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    if (conn)
        virConnectClose(conn);
    virResetLastError();

    /* What is left now was not stoppable (or outlived its QEMU: a
     * wrapper gets a moment to notice). */
    left = testRootAllProcesses(root);
    for (guint i = 0; i < left->len; i++) {
        pid_t pid = g_array_index(left, pid_t, i);

        if (testGuardWaitGone(guard, pid, 2000))
            continue;
        g_string_append_printf(problems, "process %lld of %s is left over: killed by hand\n",
                               (long long)pid, root);
        count++;
        kill(pid, SIGKILL);
        testGuardWaitGone(guard, pid, 5000);
    }
    return count;
}
