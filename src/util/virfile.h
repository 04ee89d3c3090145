/*
 * virfile.h: files, directories and descriptors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/types.h>

#include "internal.h"

/* Closes a descriptor, keeping errno; ignores negative values. */
void virForceCloseHelper(int *fd);

/**
 * VIR_AUTOCLOSE:
 *
 * Declares an int descriptor closed when it leaves scope:
 * "VIR_AUTOCLOSE fd = -1;".  Hand it out with g_steal_fd().
 */
#define VIR_AUTOCLOSE __attribute__((cleanup(virForceCloseHelper))) int

/* Closes *fd if open and sets it to -1.  Cleanup-safe: keeps errno. */
void virForceClose(int *fd);

int virFileWriteAtomic(const char *path, mode_t mode, const char *data,
                       size_t len) G_GNUC_WARN_UNUSED_RESULT;
ssize_t virFileReadAll(const char *path, size_t maxlen, char **ret)
    G_GNUC_WARN_UNUSED_RESULT;
ssize_t virFileReadAllQuiet(const char *path, size_t maxlen, char **ret);
int virFileMakePathWithMode(const char *path, mode_t mode)
    G_GNUC_WARN_UNUSED_RESULT;
int virFileRemove(const char *path);
int virFileSyncDir(const char *dir);
bool virFileIsExecutable(const char *path);
bool virFileExists(const char *path);

typedef enum {
    VIR_FILE_LOCK_SHARED,
    VIR_FILE_LOCK_EXCLUSIVE,
} virFileLockMode;

int virFileLockFD(int fd, virFileLockMode mode, bool wait);
int virFileOpenLocked(const char *path, virFileLockMode mode, bool wait)
    G_GNUC_WARN_UNUSED_RESULT;

/* Files and directories under a state root the driver must trust. */
int virFileCheckTrusted(int fd, const char *path, bool wantDir)
    ATTRIBUTE_NONNULL(2) G_GNUC_WARN_UNUSED_RESULT;
int virFileOpenDirTrusted(const char *path, bool mustExist)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
int virFileOpenAt(int dirfd, const char *dir, const char *name, int flags,
                  mode_t mode)
    ATTRIBUTE_NONNULL(2, 3) G_GNUC_WARN_UNUSED_RESULT;
ssize_t virFileReadAllAt(int dirfd, const char *dir, const char *name,
                         size_t maxlen, char **ret)
    ATTRIBUTE_NONNULL(2, 3, 5) G_GNUC_WARN_UNUSED_RESULT;
int virFileWriteAtomicAt(int dirfd, const char *dir, const char *name,
                         mode_t mode, const char *data, size_t len)
    ATTRIBUTE_NONNULL(2, 3, 5) G_GNUC_WARN_UNUSED_RESULT;
int virFileRemoveAt(int dirfd, const char *dir, const char *name, bool isDir)
    ATTRIBUTE_NONNULL(2, 3);
int virFileOpenLockFileAt(int dirfd, const char *dir, const char *name)
    ATTRIBUTE_NONNULL(2, 3) G_GNUC_WARN_UNUSED_RESULT;
bool virFileLockFDCurrent(int fd, int dirfd, const char *name)
    ATTRIBUTE_NONNULL(3);

/* A stream connection to the UNIX socket at @path (close-on-exec), or -1
 * with errno set (ENAMETOOLONG for a path sockaddr_un cannot hold) and
 * nothing reported: each caller says what the socket was for. */
int virFileConnectUnixSocket(const char *path)
    ATTRIBUTE_NONNULL(1) G_GNUC_WARN_UNUSED_RESULT;
