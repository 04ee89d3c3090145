/*
 * virfile.c: files, directories and descriptors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "virfile.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.file");


/**
 * virForceClose:
 * @fd: a descriptor, or a negative value
 *
 * Closes @fd and sets it to -1.  errno is preserved, so this is safe in
 * cleanup paths.
 */
void
virForceClose(int *fd)
{
    int saved_errno = errno;

    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
    errno = saved_errno;
}


void
virForceCloseHelper(int *fd)
{
    virForceClose(fd);
}


/**
 * virFileSyncDir:
 * @dir: a directory
 *
 * Makes renames and unlinks inside @dir durable.
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virFileSyncDir(const char *dir)
{
    VIR_AUTOCLOSE fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0 || fsync(fd) < 0) {
        virReportSystemError(errno, _("cannot sync directory '%1$s'"), dir);
        return -1;
    }
    return 0;
}


static int
virFileWriteFull(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= n;
    }
    return 0;
}


/**
 * virFileWriteAtomic:
 * @path: the file to replace
 * @mode: its permissions
 * @data: the new contents
 * @len: their length
 *
 * Replaces @path so that a crash at any moment leaves either the old
 * or the new contents, never a mixture: the data goes to a temporary
 * file in the same directory, is synced, renamed over @path, and the
 * directory is synced.
 *
 * Returns: 0, or -1 with an error reported and @path untouched.
 */
int
virFileWriteAtomic(const char *path, mode_t mode, const char *data, size_t len)
{
    g_autofree char *tmp = g_strdup_printf("%s.new-XXXXXX", path);
    g_autofree char *dir = g_path_get_dirname(path);
    VIR_AUTOCLOSE fd = -1;

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode)) < 0) {
        virReportSystemError(errno, _("cannot create temporary file for '%1$s'"),
                             path);
        return -1;
    }
    if (fchmod(fd, mode) < 0 ||
        virFileWriteFull(fd, data, len) < 0 ||
        fsync(fd) < 0) {
        virReportSystemError(errno, _("cannot write '%1$s'"), tmp);
        goto error;
    }
    if (close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, _("cannot write '%1$s'"), tmp);
        goto error;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        virReportSystemError(errno, _("cannot rename '%1$s' to '%2$s'"),
                             tmp, path);
        goto error;
    }
    return virFileSyncDir(dir);

 error:
    unlink(tmp);
    return -1;
}


static ssize_t
virFileReadAllImpl(const char *path, size_t maxlen, char **ret, bool quiet)
{
    VIR_AUTOCLOSE fd = open(path, O_RDONLY | O_CLOEXEC);
    g_autoptr(GString) buf = NULL;
    char chunk[8192];

    if (fd < 0) {
        if (!quiet)
            virReportSystemError(errno, _("cannot open '%1$s'"), path);
        return -1;
    }
    buf = g_string_new(NULL);
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (!quiet)
                virReportSystemError(errno, _("cannot read '%1$s'"), path);
            return -1;
        }
        if (n == 0)
            break;
        if (buf->len + n > maxlen) {
            if (!quiet)
                virReportError(VIR_ERR_INTERNAL_ERROR,
                               _("'%1$s' is larger than %2$zu bytes"), path,
                               maxlen);
            return -1;
        }
        g_string_append_len(buf, chunk, n);
    }
    *ret = g_string_free(g_steal_pointer(&buf), FALSE);
    return strlen(*ret);
}


/**
 * virFileReadAll:
 * @path: the file
 * @maxlen: refuse files larger than this
 * @ret: the contents, NUL-terminated, for the caller to free
 *
 * Returns: the length, or -1 with an error reported.
 */
ssize_t
virFileReadAll(const char *path, size_t maxlen, char **ret)
{
    return virFileReadAllImpl(path, maxlen, ret, false);
}


/**
 * virFileReadAllQuiet:
 *
 * As virFileReadAll(), but reports nothing; errno says why it failed.
 */
ssize_t
virFileReadAllQuiet(const char *path, size_t maxlen, char **ret)
{
    return virFileReadAllImpl(path, maxlen, ret, true);
}


/**
 * virFileMakePathWithMode:
 * @path: a directory to create, with any missing parents
 * @mode: permissions of the directories created
 *
 * Returns: 0 (also when it existed), or -1 with an error reported.
 */
int
virFileMakePathWithMode(const char *path, mode_t mode)
{
    if (g_mkdir_with_parents(path, mode) < 0) {
        virReportSystemError(errno, _("cannot create directory '%1$s'"), path);
        return -1;
    }
    return 0;
}


/**
 * virFileRemove:
 * @path: a file that may or may not exist
 *
 * Returns: 0 when it is gone, or -1 with an error reported.
 */
int
virFileRemove(const char *path)
{
    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove '%1$s'"), path);
        return -1;
    }
    return 0;
}


/**
 * virFileIsExecutable:
 * @path: a path
 *
 * Returns: whether @path is a regular file the caller may execute.
 */
bool
virFileIsExecutable(const char *path)
{
    struct stat sb;

    if (stat(path, &sb) < 0)
        return false;
    return S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}


/**
 * virFileExists:
 * @path: a path
 *
 * Returns: whether something exists at @path.
 */
bool
virFileExists(const char *path)
{
    return access(path, F_OK) == 0;
}


/**
 * virFileLockFD:
 * @fd: an open file
 * @mode: shared or exclusive
 * @wait: block until the lock is free, rather than fail at once
 *
 * Takes a whole-file flock(2) lock, released when every descriptor
 * sharing the open file description is closed (so a crashed holder
 * never leaves it locked).  Reports nothing.
 *
 * Returns: 0, or -errno (-EWOULDBLOCK when busy and @wait is false).
 */
int
virFileLockFD(int fd, virFileLockMode mode, bool wait)
{
    int op = mode == VIR_FILE_LOCK_EXCLUSIVE ? LOCK_EX : LOCK_SH;

    if (!wait)
        op |= LOCK_NB;
    while (flock(fd, op) < 0) {
        if (errno != EINTR)
            return -errno;
    }
    return 0;
}


/**
 * virFileOpenLocked:
 * @path: a lock file, created (0600) if missing
 * @mode: shared or exclusive
 * @wait: block until the lock is free
 *
 * Returns: the locked descriptor, or -1 with an error reported.
 */
int
virFileOpenLocked(const char *path, virFileLockMode mode, bool wait)
{
    VIR_AUTOCLOSE fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    int rc;

    if (fd < 0) {
        virReportSystemError(errno, _("cannot open lock file '%1$s'"), path);
        return -1;
    }
    if ((rc = virFileLockFD(fd, mode, wait)) < 0) {
        if (rc == -EWOULDBLOCK)
            virReportError(VIR_ERR_RESOURCE_BUSY,
                           _("lock file '%1$s' is held by another process"),
                           path);
        else
            virReportSystemError(-rc, _("cannot lock '%1$s'"), path);
        return -1;
    }
    return g_steal_fd(&fd);
}


/**
 * virFileCheckTrusted:
 * @fd: an open file or directory
 * @path: its path, for messages
 * @wantDir: whether it must be a directory (else a regular file)
 *
 * The driver acts on what it finds under its state root: signals the
 * processes status files name, removes the files they list.  So what it
 * reads there must be what it wrote: of the right type, owned by the
 * effective user, and writable by nobody else (group and others have no
 * write permission).  Anything else was put there by someone else, or
 * left open to anyone, and is refused.
 *
 * Returns: 0, or -1 with VIR_ERR_OPERATION_FAILED reported saying what
 * is wrong.
 */
int
virFileCheckTrusted(int fd, const char *path, bool wantDir)
{
    struct stat sb;

    if (fstat(fd, &sb) < 0) {
        virReportSystemError(errno, _("cannot stat '%1$s'"), path);
        return -1;
    }
    if (wantDir ? !S_ISDIR(sb.st_mode) : !S_ISREG(sb.st_mode)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       wantDir ? _("'%1$s' is not a directory: refusing to use it") :
                                 _("'%1$s' is not a regular file: refusing to use it"),
                       path);
        return -1;
    }
    if (sb.st_uid != geteuid()) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("'%1$s' is owned by uid %2$u, not by uid %3$u that runs the driver: refusing to use it"),
                       path, (unsigned int)sb.st_uid, (unsigned int)geteuid());
        return -1;
    }
    if (sb.st_mode & (S_IWGRP | S_IWOTH)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("'%1$s' is writable by group or others (mode %2$04o): refusing to use it; only its owner may write it"),
                       path, (unsigned int)(sb.st_mode & 07777));
        return -1;
    }
    return 0;
}


/**
 * virFileOpenDirTrusted:
 * @path: a directory, not a symbolic link
 * @mustExist: whether a missing directory is an error
 *
 * Opens a directory the driver keeps state in, for the *At() functions
 * below, and checks it (virFileCheckTrusted()).
 *
 * Returns: the descriptor; -1 with an error reported; -2 when it does
 * not exist and @mustExist is false (nothing reported).
 */
int
virFileOpenDirTrusted(const char *path, bool mustExist)
{
    VIR_AUTOCLOSE fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

    if (fd < 0) {
        if (errno == ENOENT && !mustExist)
            return -2;
        if (errno == ELOOP || errno == ENOTDIR) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("'%1$s' is not a directory: refusing to use it"), path);
            return -1;
        }
        virReportSystemError(errno, _("cannot open directory '%1$s'"), path);
        return -1;
    }
    if (virFileCheckTrusted(fd, path, true) < 0)
        return -1;
    return g_steal_fd(&fd);
}


/* Whether @name can only name an entry directly inside a directory. */
static bool
virFileNameIsPlain(const char *name)
{
    return *name && !strchr(name, '/') && STRNEQ(name, ".") && STRNEQ(name, "..");
}


/**
 * virFileOpenAt:
 * @dirfd: a directory from virFileOpenDirTrusted()
 * @dir: its path, for messages
 * @name: an entry of it (no '/')
 * @flags: open(2) flags; O_NOFOLLOW, O_NONBLOCK and O_CLOEXEC are added
 * @mode: permissions when @flags creates the file
 *
 * Opens a regular file inside a trusted directory without following a
 * symbolic link and without blocking on a FIFO planted in its place,
 * and checks it (virFileCheckTrusted()).  O_NONBLOCK is cleared again
 * once the file is known to be regular.  Whatever else stands there (a
 * link, a FIFO, a socket, a directory) is refused with a message
 * saying so, whether or not open(2) itself would have failed.
 *
 * Returns: the descriptor; -1 with an error reported (errno kept from
 * open for a missing file: ENOENT).
 */
int
virFileOpenAt(int dirfd, const char *dir, const char *name, int flags,
              mode_t mode)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    VIR_AUTOCLOSE fd = -1;
    int fl;

    if (!virFileNameIsPlain(name)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("'%1$s' does not name a file directly inside '%2$s'"),
                       name, dir);
        errno = EINVAL;
        return -1;
    }
    if (dirfd < 0) {
        /* A directory that does not exist holds nothing. */
        virReportSystemError(ENOENT, _("cannot open '%1$s'"), path);
        errno = ENOENT;
        return -1;
    }
    fd = openat(dirfd, name, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
    if (fd < 0) {
        int err = errno;
        struct stat sb;

        if (err == ELOOP) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("'%1$s' is a symbolic link: refusing to follow it"), path);
        } else if ((err == ENXIO || err == EISDIR) &&
                   fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
                   !S_ISREG(sb.st_mode)) {
            /* A FIFO nobody reads or a socket (ENXIO), a directory
             * opened for writing (EISDIR): say what is wrong, as for
             * one that opens. */
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("'%1$s' is not a regular file: refusing to use it"), path);
        } else {
            virReportSystemError(err, _("cannot open '%1$s'"), path);
        }
        errno = err;
        return -1;
    }
    if (virFileCheckTrusted(fd, path, false) < 0 ||
        (fl = fcntl(fd, F_GETFL)) < 0 ||
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
        if (virGetLastErrorCode() == VIR_ERR_OK)
            virReportSystemError(errno, _("cannot open '%1$s'"), path);
        errno = EPERM;
        return -1;
    }
    return g_steal_fd(&fd);
}


/**
 * virFileReadAllAt:
 * @dirfd, @dir, @name: as for virFileOpenAt()
 * @maxlen: refuse files larger than this
 * @ret: the contents, NUL-terminated, for the caller to free
 *
 * Returns: the length; 0 with *@ret NULL when the file does not exist;
 * -1 with an error reported (also for a file that is not trusted, or
 * that holds a NUL byte).
 */
ssize_t
virFileReadAllAt(int dirfd, const char *dir, const char *name, size_t maxlen,
                 char **ret)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autoptr(GString) buf = NULL;
    VIR_AUTOCLOSE fd = -1;
    char chunk[8192];

    *ret = NULL;
    if ((fd = virFileOpenAt(dirfd, dir, name, O_RDONLY, 0)) < 0) {
        if (errno == ENOENT) {
            virResetLastError();
            return 0;
        }
        return -1;
    }
    buf = g_string_new(NULL);
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, _("cannot read '%1$s'"), path);
            return -1;
        }
        if (n == 0)
            break;
        if (buf->len + n > maxlen) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("'%1$s' is larger than %2$zu bytes"), path, maxlen);
            return -1;
        }
        g_string_append_len(buf, chunk, n);
    }
    if (strlen(buf->str) != buf->len) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("'%1$s' holds a NUL byte: it is not a text file of ours"),
                       path);
        return -1;
    }
    *ret = g_string_free(g_steal_pointer(&buf), FALSE);
    return strlen(*ret);
}


/**
 * virFileWriteAtomicAt:
 * @dirfd, @dir, @name: as for virFileOpenAt()
 * @mode: the file's permissions
 * @data: the new contents
 * @len: their length
 *
 * As virFileWriteAtomic(), inside a trusted directory: the temporary
 * file (NAME.new-XXXXXX) is created exclusively, never through a link,
 * and renamed over @name (replacing whatever entry is there, a symbolic
 * link included, without following it).
 *
 * Returns: 0, or -1 with an error reported and @name untouched.
 */
int
virFileWriteAtomicAt(int dirfd, const char *dir, const char *name, mode_t mode,
                     const char *data, size_t len)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *tmp = NULL;
    VIR_AUTOCLOSE fd = -1;

    if (!virFileNameIsPlain(name)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("'%1$s' does not name a file directly inside '%2$s'"),
                       name, dir);
        return -1;
    }
    for (int attempt = 0; fd < 0; attempt++) {
        g_autofree char *suffix = g_strdup_printf("%06x", g_random_int_range(0, 0x1000000));

        g_free(tmp);
        tmp = g_strdup_printf("%s.new-%s", name, suffix);
        fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    mode);
        if (fd < 0 && (errno != EEXIST || attempt >= 100)) {
            virReportSystemError(errno, _("cannot create temporary file for '%1$s'"),
                                 path);
            return -1;
        }
    }
    if (fchmod(fd, mode) < 0 ||
        virFileWriteFull(fd, data, len) < 0 ||
        fsync(fd) < 0) {
        virReportSystemError(errno, _("cannot write '%1$s/%2$s'"), dir, tmp);
        goto error;
    }
    if (close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, _("cannot write '%1$s/%2$s'"), dir, tmp);
        goto error;
    }
    fd = -1;
    if (renameat(dirfd, tmp, dirfd, name) < 0) {
        virReportSystemError(errno, _("cannot rename '%1$s' to '%2$s'"), tmp, path);
        goto error;
    }
    if (fsync(dirfd) < 0) {
        virReportSystemError(errno, _("cannot sync directory '%1$s'"), dir);
        return -1;
    }
    return 0;

 error:
    unlinkat(dirfd, tmp, 0);
    return -1;
}


/**
 * virFileRemoveAt:
 * @dirfd, @dir, @name: as for virFileOpenAt()
 * @isDir: remove an (empty) directory rather than a file
 *
 * Removes the entry itself (a symbolic link, not what it points to).
 *
 * Returns: 0 when it is gone (also when it never existed), or -1 with
 * an error reported.
 */
int
virFileRemoveAt(int dirfd, const char *dir, const char *name, bool isDir)
{
    if (!virFileNameIsPlain(name)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("'%1$s' does not name a file directly inside '%2$s'"),
                       name, dir);
        return -1;
    }
    if (unlinkat(dirfd, name, isDir ? AT_REMOVEDIR : 0) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove '%1$s/%2$s'"), dir, name);
        return -1;
    }
    return 0;
}


/**
 * virFileOpenLockFileAt:
 * @dirfd, @dir, @name: as for virFileOpenAt()
 *
 * Opens (creating it, 0600) a file whose only use is to be locked or to
 * hold a counter.  Its contents are worthless, so one that is not a
 * trusted regular file (a link, a FIFO, a directory, another owner's,
 * writable by others) is moved aside as NAME.damaged, logged, and
 * replaced: a damaged lock file must not make a domain unmanageable.
 * None of our processes can have locked such a file (they refuse to open
 * it), so replacing it cannot let two holders in.
 *
 * Returns: the descriptor, or -1 with an error reported.
 */
int
virFileOpenLockFileAt(int dirfd, const char *dir, const char *name)
{
    g_autofree char *aside = NULL;
    int fd;

    if ((fd = virFileOpenAt(dirfd, dir, name, O_RDWR | O_CREAT, 0600)) >= 0 ||
        virGetLastErrorCode() != VIR_ERR_OPERATION_FAILED || dirfd < 0)
        return fd;
    VIR_WARN("replacing the damaged lock file %s/%s: %s", dir, name,
             virGetLastErrorMessage());
    aside = g_strdup_printf("%s.damaged", name);
    if (renameat(dirfd, name, dirfd, aside) < 0 &&
        (errno != ENOTEMPTY && errno != EEXIST && errno != EISDIR)) {
        virReportSystemError(errno, _("cannot move the damaged '%1$s/%2$s' aside"),
                             dir, name);
        return -1;
    }
    /* An earlier NAME.damaged in the way: this one goes, if it can. */
    if (unlinkat(dirfd, name, 0) < 0 && errno != ENOENT)
        unlinkat(dirfd, name, AT_REMOVEDIR);
    virResetLastError();
    return virFileOpenAt(dirfd, dir, name, O_RDWR | O_CREAT, 0600);
}


/**
 * virFileLockFDCurrent:
 * @fd: a lock file descriptor, locked by the caller
 * @dirfd: its directory
 * @name: its name there
 *
 * A lock taken on a file that was since replaced (removed and created
 * again, or moved aside as damaged) excludes nobody who opens the new
 * one: after taking a lock, the holder checks that its descriptor is
 * still what @name names, and starts over if not.  Reports nothing.
 *
 * Returns: whether @fd is still @dirfd's @name.
 */
bool
virFileLockFDCurrent(int fd, int dirfd, const char *name)
{
    struct stat here;
    struct stat there;

    if (fstat(fd, &here) < 0 ||
        fstatat(dirfd, name, &there, AT_SYMLINK_NOFOLLOW) < 0)
        return false;
    return here.st_dev == there.st_dev && here.st_ino == there.st_ino;
}


/**
 * virFileConnectUnixSocket:
 * @path: the socket's path
 *
 * Returns: the connected descriptor, or -1 with errno set and nothing
 * reported.
 */
int
virFileConnectUnixSocket(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    size_t len = strlen(path);
    int fd;

    if (len >= sizeof(addr.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(addr.sun_path, path, len);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        int saved = errno;

        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}
