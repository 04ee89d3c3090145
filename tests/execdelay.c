/*
 * execdelay.c: holds a spawned QEMU back just before it is executed
 *
 * The window between the driver letting the child of a start go and
 * the child executing QEMU is microseconds wide; a caller killed in it
 * leaves a child that is not QEMU yet but will be.  The driver tests
 * preload this library (LD_PRELOAD) into the process that starts a
 * domain, with
 *
 *   LVG_TEST_EXEC_DELAY_MS=N   execve() of a qemu-system-* binary waits
 *                              N ms first
 *   LVG_TEST_EXEC_MARK=PATH    and creates PATH when it starts waiting
 *
 * so that the test can kill the caller inside the window.  Everything
 * done before the real execve() is async-signal-safe: it runs in the
 * child of a fork of a threaded process.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef int (*execveFunc)(const char *, char *const [], char *const []);

static execveFunc realExecve;
static long delayMs;
static const char *markPath;

/* Looked up once, at load: dlsym() is not safe in a forked child. */
__attribute__((constructor)) static void
execDelayInit(void)
{
    const char *delay = getenv("LVG_TEST_EXEC_DELAY_MS");

    realExecve = (execveFunc)dlsym(RTLD_NEXT, "execve");
    delayMs = delay ? strtol(delay, NULL, 10) : 0;
    markPath = getenv("LVG_TEST_EXEC_MARK");
}


int
execve(const char *path, char *const argv[], char *const envp[])
{
    const char *base = strrchr(path, '/');

    base = base ? base + 1 : path;
    if (delayMs > 0 && strncmp(base, "qemu-system-", strlen("qemu-system-")) == 0) {
        struct timespec ts = { delayMs / 1000, (delayMs % 1000) * 1000000L };

        if (markPath) {
            int fd = open(markPath, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

            if (fd >= 0)
                close(fd);
        }
        while (nanosleep(&ts, &ts) < 0) {
        }
    }
    return realExecve(path, argv, envp);
}
