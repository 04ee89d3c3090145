/*
 * virprocessidtest.c: process identity: start times and pidfds
 *
 * Field 22 of /proc/PID/stat parsed from hostile names and short or
 * malformed lines, start times of real processes, and pidfds opened
 * only for the process that started at the recorded time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "testutils.h"
#include "testutilsproc.h"
#include "virerror.h"
#include "virfile.h"
#include "virprocesspriv.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define SLEEP_BIN "/usr/bin/sleep"


typedef struct {
    const char *stat;
    unsigned long long expect; /* 0: parsing must fail */
} testStatData;

static int
testParseStartTime(const void *opaque)
{
    const testStatData *data = opaque;
    unsigned long long start = 0;
    int rc = virProcessParseStartTime(42, data->stat, &start);

    if (data->expect == 0) {
        if (rc == 0) {
            virTestDiag("parsed %llu from a bad line", start);
            return -1;
        }
        return virTestCheckErrorMessage(VIR_ERR_INTERNAL_ERROR,
                          "internal error: cannot find the start time of process 42 in /proc/42/stat");
    }
    if (rc < 0 || start != data->expect) {
        virTestDiag("expected %llu, got %llu", data->expect, start);
        return -1;
    }
    return 0;
}


static int
testStartTimeReal(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *msg = NULL;
    unsigned long long self = 0;
    unsigned long long child = 0;
    VIR_AUTOCLOSE pidfd = -1;
    pid_t pid;
    pid_t gone = testUnusedPid();

    if (virProcessGetStartTime(getpid(), &self) < 0 || self == 0)
        return -1;
    if (testSleeperStart(&pid, &pidfd) < 0)
        return -1;
    if (virProcessGetStartTime(pid, &child) < 0)
        child = 0;
    testSleeperStop(pid, &pidfd);
    /* The child started after us: never earlier. */
    if (child < self) {
        virTestDiag("child started at %llu, before us at %llu", child, self);
        return -1;
    }

    if (virProcessGetStartTime(gone, &self) == 0)
        return -1;
    msg = g_strdup_printf("cannot read the start time of process %lld: No such file or directory",
                          (long long)gone);
    return virTestCheckErrorMessage(VIR_ERR_SYSTEM_ERROR, msg);
}


static int
testOpenPidfd(const void *opaque G_GNUC_UNUSED)
{
    unsigned long long start;
    VIR_AUTOCLOSE fd = -1;
    int other = -1;

    if (virProcessGetStartTime(getpid(), &start) < 0)
        return -1;
    if (virProcessOpenPidfd(getpid(), start, &fd) != 1 || fd < 0)
        return -1;
    /* close-on-exec: it must not leak into QEMU. */
    if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
        return -1;

    /* The same pid, but a process that started at another time: never
     * a pidfd for it. */
    if (virProcessOpenPidfd(getpid(), start + 1, &other) != 0 || other != -1)
        return -1;
    if (virErrorLast())
        return -1;

    /* A pid nobody has: gone, not an error. */
    if (virProcessOpenPidfd(testUnusedPid(), start, &other) != 0 || other != -1)
        return -1;
    if (virErrorLast())
        return -1;

    if (virProcessOpenPidfd(-1, start, &other) != -1 || other != -1)
        return -1;
    return virTestCheckErrorMessage(VIR_ERR_SYSTEM_ERROR,
                      "cannot open a pidfd for process -1: Invalid argument");
}


#define DO_TEST(title, body, data) \
    do { \
        if (virTestRun(title, body, data) < 0) \
            ret = -1; \
    } while (0)

#define DO_TEST_STAT(title, text, expect) \
    do { \
        static const testStatData d = { text, expect }; \
        DO_TEST("start time: " title, testParseStartTime, &d); \
    } while (0)

static int
mymain(void)
{
    int ret = 0;

    DO_TEST_STAT("plain",
                 "42 (qemu) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 "
                 "4 0 123456 1000 100 18446744073709551615\n", 123456);
    DO_TEST_STAT("name with spaces and parentheses",
                 "42 (a) b) (c d) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 "
                 "20 0 4 0 987654321 1000 100\n", 987654321);
    DO_TEST_STAT("name ending in a parenthesis",
                 "42 (x)) R 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 7 0 0",
                 7);
    DO_TEST_STAT("no closing parenthesis", "42 (qemu S 1 2 3", 0);
    DO_TEST_STAT("too few fields", "42 (qemu) S 1 42 42 0 -1\n", 0);
    DO_TEST_STAT("field 22 not a number",
                 "42 (q) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 4 0 "
                 "12x4 1000\n", 0);
    DO_TEST_STAT("field 22 negative",
                 "42 (q) S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 4 0 "
                 "-5 1000\n", 0);
    DO_TEST("start time of real processes", testStartTimeReal, NULL);
    DO_TEST("pidfd only for the process that started then", testOpenPidfd, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
