/*
 * virfile.c: files, directories and descriptors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

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
