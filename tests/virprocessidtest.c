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
    int ret = -1;

    if (data->expect == 0) {
        /* A bad line: no start time, and an error saying where. */
        TEST_ASSERT_MSG(rc < 0, "parsed %llu from a bad line", start);
        TEST_ASSERT_ERROR(VIR_ERR_INTERNAL_ERROR);
        TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                           "internal error: cannot find the start time of process 42 in /proc/42/stat");
    } else {
        TEST_ASSERT_OK(rc);
        TEST_ASSERT_EQ_INT(start, data->expect);
    }
    ret = 0;

 cleanup:
    return ret;
}


static int
testStartTimeReal(const void *opaque G_GNUC_UNUSED)
{
    g_autofree char *msg = NULL;
    unsigned long long self = 0;
    unsigned long long child = 0;
    VIR_AUTOCLOSE pidfd = -1;
    pid_t pid = 0;
    pid_t gone = testUnusedPid();
    int ret = -1;

    TEST_ASSERT_OK(virProcessGetStartTime(getpid(), &self));
    TEST_ASSERT_CMP_INT(self, !=, 0);
    TEST_ASSERT_OK(testSleeperStart(&pid, &pidfd));
    if (virProcessGetStartTime(pid, &child) < 0)
        child = 0;
    testSleeperStop(pid, &pidfd);
    pid = 0;
    /* The child started after us: never earlier. */
    TEST_ASSERT_CMP_INT(child, >=, self);

    TEST_ASSERT_FAILS(virProcessGetStartTime(gone, &self));
    msg = g_strdup_printf("cannot read the start time of process %lld: No such file or directory",
                          (long long)gone);
    TEST_ASSERT_ERROR(VIR_ERR_SYSTEM_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(), msg);
    ret = 0;

 cleanup:
    if (pid > 0)
        testSleeperStop(pid, &pidfd);
    return ret;
}


static int
testOpenPidfd(const void *opaque G_GNUC_UNUSED)
{
    unsigned long long start;
    VIR_AUTOCLOSE fd = -1;
    int other = -1;
    int ret = -1;

    TEST_ASSERT_OK(virProcessGetStartTime(getpid(), &start));
    TEST_ASSERT_EQ_INT(virProcessOpenPidfd(getpid(), start, &fd), 1);
    TEST_ASSERT_CMP_INT(fd, >=, 0);
    /* close-on-exec: it must not leak into QEMU. */
    TEST_ASSERT(fcntl(fd, F_GETFD) & FD_CLOEXEC);

    /* The same pid, but a process that started at another time: never
     * a pidfd for it, and no error. */
    TEST_ASSERT_EQ_INT(virProcessOpenPidfd(getpid(), start + 1, &other), 0);
    TEST_ASSERT_EQ_INT(other, -1);
    TEST_ASSERT_MSG(!virErrorLast(), "an error: %s", virGetLastErrorMessage());

    /* A pid nobody has: gone, not an error. */
    TEST_ASSERT_EQ_INT(virProcessOpenPidfd(testUnusedPid(), start, &other), 0);
    TEST_ASSERT_EQ_INT(other, -1);
    TEST_ASSERT_MSG(!virErrorLast(), "an error: %s", virGetLastErrorMessage());

    TEST_ASSERT_EQ_INT(virProcessOpenPidfd(-1, start, &other), -1);
    TEST_ASSERT_EQ_INT(other, -1);
    TEST_ASSERT_ERROR(VIR_ERR_SYSTEM_ERROR);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "cannot open a pidfd for process -1: Invalid argument");
    ret = 0;

 cleanup:
    if (other >= 0)
        close(other);
    return ret;
}


#define DO_TEST_STAT(title, text, expect) \
    do { \
        static const testStatData d = { text, expect }; \
        ret |= virTestRun("start time: " title, testParseStartTime, &d); \
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
    ret |= virTestRun("start time of real processes", testStartTimeReal, NULL);
    ret |= virTestRun("pidfd only for the process that started then", testOpenPidfd, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
