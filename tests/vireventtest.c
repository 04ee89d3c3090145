/*
 * vireventtest.c: the public event loop API, the default GLib
 * implementation and dispatch to an application's own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>

#include "testutils.h"
#include "virerror.h"
#include "virevent.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* What the callbacks saw. */
typedef struct {
    int calls;
    int lastWatch;
    int lastFd;
    int lastEvents;
    int freed;
    bool freedDuringCallback;
    bool removeInCallback;
    int removeRc;
    void *lastOpaque;
} testRecord;


static void
testHandleCb(int watch, int fd, int events, void *opaque)
{
    testRecord *rec = opaque;

    rec->calls++;
    rec->lastWatch = watch;
    rec->lastFd = fd;
    rec->lastEvents = events;
    if (rec->removeInCallback) {
        rec->removeRc = virEventRemoveHandle(watch);
        /* The free callback must wait until we return. */
        rec->freedDuringCallback = rec->freed > 0;
    }
}


static void
testTimeoutCb(int timer, void *opaque)
{
    testRecord *rec = opaque;

    rec->calls++;
    rec->lastWatch = timer;
    if (rec->removeInCallback) {
        rec->removeRc = virEventRemoveTimeout(timer);
        rec->freedDuringCallback = rec->freed > 0;
    }
}


static void
testFree(void *opaque)
{
    testRecord *rec = opaque;

    rec->freed++;
    rec->lastOpaque = opaque;
}


static void
testGuardCb(int timer G_GNUC_UNUSED, void *opaque)
{
    bool *expired = opaque;

    *expired = true;
}


/*
 * Runs the default loop until *@done becomes at least @want, or @maxMs
 * pass (a guard timer makes sure a blocking iteration ends).
 *
 * Returns: whether the condition was met.
 */
static bool
runUntil(const int *done, int want, int maxMs)
{
    bool expired = false;
    int guard = virEventAddTimeout(maxMs, testGuardCb, &expired, NULL);

    while (*done < want && !expired)
        virEventRunDefaultImpl();
    virEventRemoveTimeout(guard);
    return *done >= want;
}


/* Runs the default loop for about @ms. */
static void
runFor(int ms)
{
    int none = 0;

    runUntil(&none, 1, ms);
}


static int
testNotRegistered(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int ret = -1;

    TEST_ASSERT(!virEventIsRegistered());
    TEST_ASSERT_EQ_INT(virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, testHandleCb,
                                         &rec, testFree), -1);
    TEST_ASSERT_EQ_INT(virEventAddTimeout(0, testTimeoutCb, &rec, testFree), -1);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(1), -1);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(1), -1);
    /* Harmless without an implementation. */
    virEventUpdateHandle(1, VIR_EVENT_HANDLE_READABLE);
    virEventUpdateTimeout(1, 10);
    TEST_ASSERT_EQ_INT(rec.calls, 0);
    TEST_ASSERT_EQ_INT(rec.freed, 0);
    ret = 0;

 cleanup:
    return ret;
}


static int
testRegisterDefault(const void *opaque G_GNUC_UNUSED)
{
    int ret = -1;

    TEST_ASSERT_OK(virEventRegisterDefaultImpl());
    TEST_ASSERT(virEventIsRegistered());
    ret = 0;

 cleanup:
    return ret;
}


static int
testHandleReadable(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int fds[2] = { -1, -1 };
    int watch = -1;
    int ret = -1;

    TEST_ASSERT_MSG(pipe2(fds, O_CLOEXEC) == 0, "pipe2: %s", g_strerror(errno));
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, testFree);
    TEST_ASSERT_CMP_INT(watch, >, 0);

    /* Nothing to read: no call. */
    runFor(30);
    TEST_ASSERT_EQ_INT(rec.calls, 0);

    TEST_ASSERT_EQ_INT(write(fds[1], "x", 1), 1);
    TEST_ASSERT_MSG(runUntil(&rec.calls, 1, 2000), "no call within 2 s");
    TEST_ASSERT_EQ_INT(rec.lastWatch, watch);
    TEST_ASSERT_EQ_INT(rec.lastFd, fds[0]);
    TEST_ASSERT_EQ_HEX(rec.lastEvents, VIR_EVENT_HANDLE_READABLE);

    TEST_ASSERT_EQ_INT(virEventRemoveHandle(watch), 0);
    TEST_ASSERT_MSG(runUntil(&rec.freed, 1, 2000), "not freed within 2 s");
    TEST_ASSERT(rec.lastOpaque == &rec);
    TEST_ASSERT_EQ_INT(rec.freed, 1);
    ret = 0;

 cleanup:
    virEventRemoveHandle(watch);
    virForceClose(&fds[0]);
    virForceClose(&fds[1]);
    return ret;
}


static int
testHandleHangup(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int fds[2] = { -1, -1 };
    int watch = -1;
    int ret = -1;

    TEST_ASSERT_MSG(pipe2(fds, O_CLOEXEC) == 0, "pipe2: %s", g_strerror(errno));
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, testFree);
    virForceClose(&fds[1]);
    TEST_ASSERT_CMP_INT(watch, >, 0);
    TEST_ASSERT_MSG(runUntil(&rec.calls, 1, 2000), "no call within 2 s");
    TEST_ASSERT_MSG(rec.lastEvents & VIR_EVENT_HANDLE_HANGUP,
                    "calls %d events 0x%x", rec.calls, rec.lastEvents);
    ret = 0;

 cleanup:
    if (watch > 0) {
        virEventRemoveHandle(watch);
        runUntil(&rec.freed, 1, 2000);
    }
    virForceClose(&fds[0]);
    virForceClose(&fds[1]);
    return ret;
}


/* Events 0 pauses a watch; other events start it again. */
static int
testHandleUpdate(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int fds[2] = { -1, -1 };
    int watch = -1;
    int ret = -1;

    TEST_ASSERT_MSG(pipe2(fds, O_CLOEXEC) == 0, "pipe2: %s", g_strerror(errno));
    TEST_ASSERT_EQ_INT(write(fds[1], "x", 1), 1);
    watch = virEventAddHandle(fds[0], 0, testHandleCb, &rec, NULL);
    TEST_ASSERT_CMP_INT(watch, >, 0);

    runFor(30);
    TEST_ASSERT_EQ_INT(rec.calls, 0);

    virEventUpdateHandle(watch, VIR_EVENT_HANDLE_READABLE);
    TEST_ASSERT_MSG(runUntil(&rec.calls, 1, 2000), "no call within 2 s");

    virEventUpdateHandle(watch, 0);
    rec.calls = 0;
    runFor(30);
    TEST_ASSERT_EQ_INT(rec.calls, 0);

    /* The write end of an empty pipe is writable. */
    virEventRemoveHandle(watch);
    watch = virEventAddHandle(fds[1], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, NULL);
    virEventUpdateHandle(watch, VIR_EVENT_HANDLE_WRITABLE);
    TEST_ASSERT_MSG(runUntil(&rec.calls, 1, 2000), "no call within 2 s");
    TEST_ASSERT_EQ_HEX(rec.lastEvents, VIR_EVENT_HANDLE_WRITABLE);
    TEST_ASSERT_EQ_INT(rec.lastFd, fds[1]);
    ret = 0;

 cleanup:
    virEventRemoveHandle(watch);
    virForceClose(&fds[0]);
    virForceClose(&fds[1]);
    return ret;
}


/*
 * A callback removes its own watch while its fd stays readable: no
 * second call, and the free callback runs after it returned.
 */
static int
testHandleRemoveInCallback(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { .removeInCallback = true, .removeRc = -2 };
    int fds[2] = { -1, -1 };
    int watch;
    int ret = -1;

    TEST_ASSERT_MSG(pipe2(fds, O_CLOEXEC) == 0, "pipe2: %s", g_strerror(errno));
    TEST_ASSERT_EQ_INT(write(fds[1], "x", 1), 1);
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, testFree);
    TEST_ASSERT_CMP_INT(watch, >, 0);
    TEST_ASSERT_MSG(runUntil(&rec.freed, 1, 2000), "not freed within 2 s");
    runFor(30);
    TEST_ASSERT_EQ_INT(rec.calls, 1);
    TEST_ASSERT_EQ_INT(rec.removeRc, 0);
    TEST_ASSERT(!rec.freedDuringCallback);
    TEST_ASSERT_EQ_INT(rec.freed, 1);
    /* Gone: a second removal fails. */
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(watch), -1);
    ret = 0;

 cleanup:
    virForceClose(&fds[0]);
    virForceClose(&fds[1]);
    return ret;
}


/* The free callback runs later, from the loop, not inside the removal. */
static int
testFreeLater(const void *opaque G_GNUC_UNUSED)
{
    testRecord hrec = { 0 };
    testRecord trec = { 0 };
    int watch = virEventAddHandle(0, 0, testHandleCb, &hrec, testFree);
    int timer = virEventAddTimeout(-1, testTimeoutCb, &trec, testFree);
    int ret = -1;

    TEST_ASSERT_CMP_INT(watch, >, 0);
    TEST_ASSERT_CMP_INT(timer, >, 0);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(watch), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(timer), 0);
    TEST_ASSERT_EQ_INT(hrec.freed, 0);
    TEST_ASSERT_EQ_INT(trec.freed, 0);
    TEST_ASSERT_MSG(runUntil(&hrec.freed, 1, 2000), "handle not freed within 2 s");
    TEST_ASSERT_MSG(runUntil(&trec.freed, 1, 2000), "timer not freed within 2 s");
    TEST_ASSERT(hrec.lastOpaque == &hrec);
    TEST_ASSERT(trec.lastOpaque == &trec);
    TEST_ASSERT_EQ_INT(hrec.calls, 0);
    TEST_ASSERT_EQ_INT(trec.calls, 0);
    ret = 0;

 cleanup:
    return ret;
}


static int
testTimeoutRepeats(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    gint64 start = g_get_monotonic_time();
    gint64 elapsed;
    int timer = virEventAddTimeout(20, testTimeoutCb, &rec, testFree);
    int ret = -1;

    TEST_ASSERT_CMP_INT(timer, >, 0);
    TEST_ASSERT_MSG(runUntil(&rec.calls, 3, 3000), "%d calls within 3 s", rec.calls);
    elapsed = g_get_monotonic_time() - start;
    /* Three periods of 20 ms, not sooner. */
    TEST_ASSERT_CMP_INT(elapsed, >=, 60 * 1000);
    TEST_ASSERT_EQ_INT(rec.lastWatch, timer);

    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(timer), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(timer), -1);
    TEST_ASSERT_MSG(runUntil(&rec.freed, 1, 2000), "not freed within 2 s");
    ret = 0;

 cleanup:
    if (ret < 0 && timer > 0 && virEventRemoveTimeout(timer) == 0)
        runUntil(&rec.freed, 1, 2000);
    return ret;
}


/* 0 fires on every iteration: the loop does not block. */
static int
testTimeoutZero(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int timer = virEventAddTimeout(0, testTimeoutCb, &rec, NULL);
    gint64 start = g_get_monotonic_time();
    int ret = -1;

    TEST_ASSERT_CMP_INT(timer, >, 0);
    for (int i = 0; i < 5; i++)
        virEventRunDefaultImpl();
    TEST_ASSERT_EQ_INT(rec.calls, 5);
    TEST_ASSERT_CMP_INT(g_get_monotonic_time() - start, <=, 1000 * 1000);
    ret = 0;

 cleanup:
    virEventRemoveTimeout(timer);
    return ret;
}


/* -1 disables; an update enables it, and another disables it again. */
static int
testTimeoutUpdate(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int timer = virEventAddTimeout(-1, testTimeoutCb, &rec, NULL);
    int ret = -1;

    TEST_ASSERT_CMP_INT(timer, >, 0);
    runFor(50);
    TEST_ASSERT_EQ_INT(rec.calls, 0);
    virEventUpdateTimeout(timer, 10);
    TEST_ASSERT_MSG(runUntil(&rec.calls, 2, 2000), "%d calls within 2 s", rec.calls);
    virEventUpdateTimeout(timer, -1);
    rec.calls = 0;
    runFor(50);
    TEST_ASSERT_EQ_INT(rec.calls, 0);
    /* Unknown ids are ignored. */
    virEventUpdateTimeout(timer + 1000, 10);
    virEventUpdateHandle(123456, VIR_EVENT_HANDLE_READABLE);
    ret = 0;

 cleanup:
    virEventRemoveTimeout(timer);
    return ret;
}


static int
testTimeoutRemoveInCallback(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { .removeInCallback = true, .removeRc = -2 };
    int timer = virEventAddTimeout(0, testTimeoutCb, &rec, testFree);
    int ret = -1;

    TEST_ASSERT_CMP_INT(timer, >, 0);
    TEST_ASSERT_MSG(runUntil(&rec.freed, 1, 2000), "not freed within 2 s");
    runFor(30);
    TEST_ASSERT_EQ_INT(rec.calls, 1);
    TEST_ASSERT_EQ_INT(rec.removeRc, 0);
    TEST_ASSERT(!rec.freedDuringCallback);
    ret = 0;

 cleanup:
    return ret;
}


static int
testIds(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int w1 = virEventAddHandle(0, 0, testHandleCb, &rec, NULL);
    int w2 = virEventAddHandle(0, 0, testHandleCb, &rec, NULL);
    int t1 = virEventAddTimeout(-1, testTimeoutCb, &rec, NULL);
    int t2 = virEventAddTimeout(-1, testTimeoutCb, &rec, NULL);
    int ret = -1;

    TEST_ASSERT_CMP_INT(w1, >, 0);
    TEST_ASSERT_CMP_INT(w2, >, 0);
    TEST_ASSERT_NE_INT(w1, w2);
    TEST_ASSERT_CMP_INT(t1, >, 0);
    TEST_ASSERT_CMP_INT(t2, >, 0);
    TEST_ASSERT_NE_INT(t1, t2);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(w1), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(w2), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(t1), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(t2), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(w1), -1);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(t1), -1);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(987654), -1);
    ret = 0;

 cleanup:
    if (ret < 0) {
        virEventRemoveHandle(w1);
        virEventRemoveHandle(w2);
        virEventRemoveTimeout(t1);
        virEventRemoveTimeout(t2);
    }
    return ret;
}


static int
testNegativeFd(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int ret = -1;

    TEST_ASSERT_EQ_INT(virEventAddHandle(-1, VIR_EVENT_HANDLE_READABLE, testHandleCb,
                                         &rec, NULL), -1);
    TEST_ASSERT_ERROR_FULL(VIR_ERR_INVALID_ARG, VIR_FROM_EVENT, NULL);
    TEST_ASSERT_EQ_STR(virGetLastErrorMessage(),
                       "fd in virEventAddHandle must not be negative");
    ret = 0;

 cleanup:
    return ret;
}


typedef struct {
    testRecord rec;
    int timer;
} testThreadData;

static gpointer
testAddLater(gpointer opaque)
{
    testThreadData *data = opaque;

    g_usleep(50 * 1000);
    data->timer = virEventAddTimeout(0, testTimeoutCb, &data->rec, NULL);
    return NULL;
}


/* Adding from another thread wakes up a loop blocked with nothing to do. */
static int
testAddFromThread(const void *opaque G_GNUC_UNUSED)
{
    testThreadData data = { .timer = -1 };
    GThread *thread = g_thread_new("adder", testAddLater, &data);
    gint64 start = g_get_monotonic_time();
    bool ok = runUntil(&data.rec.calls, 1, 5000);
    gint64 elapsed = g_get_monotonic_time() - start;
    int ret = -1;

    g_thread_join(thread);
    virEventRemoveTimeout(data.timer);
    TEST_ASSERT_MSG(ok, "no call after %lld us", (long long)elapsed);
    TEST_ASSERT_CMP_INT(elapsed, <=, 2000 * 1000);
    ret = 0;

 cleanup:
    return ret;
}


/* An application's own implementation gets every call, as made. */
typedef struct {
    int fd;
    int events;
    void *opaque;
    virFreeCallback ff;
    virEventHandleCallback hcb;
    virEventTimeoutCallback tcb;
    int watch;
    int timeout;
    int calls;
} testCustomLog;

static testCustomLog customLog;

static int
customAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                virFreeCallback ff)
{
    customLog.calls++;
    customLog.fd = fd;
    customLog.events = events;
    customLog.hcb = cb;
    customLog.opaque = opaque;
    customLog.ff = ff;
    return 77;
}

static void
customUpdateHandle(int watch, int events)
{
    customLog.calls++;
    customLog.watch = watch;
    customLog.events = events;
}

static int
customRemoveHandle(int watch)
{
    customLog.calls++;
    customLog.watch = watch;
    return watch == 77 ? 0 : -1;
}

static int
customAddTimeout(int timeout, virEventTimeoutCallback cb, void *opaque,
                 virFreeCallback ff)
{
    customLog.calls++;
    customLog.timeout = timeout;
    customLog.tcb = cb;
    customLog.opaque = opaque;
    customLog.ff = ff;
    return 88;
}

static void
customUpdateTimeout(int timer, int timeout)
{
    customLog.calls++;
    customLog.watch = timer;
    customLog.timeout = timeout;
}

static int
customRemoveTimeout(int timer)
{
    customLog.calls++;
    customLog.watch = timer;
    return timer == 88 ? 0 : -1;
}


static int
testCustomImpl(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int ret = -1;

    virEventRegisterImpl(customAddHandle, customUpdateHandle,
                         customRemoveHandle, customAddTimeout,
                         customUpdateTimeout, customRemoveTimeout);
    TEST_ASSERT(virEventIsRegistered());

    TEST_ASSERT_EQ_INT(virEventAddHandle(5, VIR_EVENT_HANDLE_WRITABLE, testHandleCb,
                                         &rec, testFree), 77);
    TEST_ASSERT_EQ_INT(customLog.fd, 5);
    TEST_ASSERT_EQ_HEX(customLog.events, VIR_EVENT_HANDLE_WRITABLE);
    TEST_ASSERT(customLog.hcb == testHandleCb);
    TEST_ASSERT(customLog.opaque == &rec);
    TEST_ASSERT(customLog.ff == testFree);
    virEventUpdateHandle(77, VIR_EVENT_HANDLE_READABLE);
    TEST_ASSERT_EQ_INT(customLog.watch, 77);
    TEST_ASSERT_EQ_HEX(customLog.events, VIR_EVENT_HANDLE_READABLE);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(77), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveHandle(78), -1);

    TEST_ASSERT_EQ_INT(virEventAddTimeout(250, testTimeoutCb, &rec, NULL), 88);
    TEST_ASSERT_EQ_INT(customLog.timeout, 250);
    TEST_ASSERT(customLog.tcb == testTimeoutCb);
    TEST_ASSERT(customLog.ff == NULL);
    virEventUpdateTimeout(88, -1);
    TEST_ASSERT_EQ_INT(customLog.watch, 88);
    TEST_ASSERT_EQ_INT(customLog.timeout, -1);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(88), 0);
    TEST_ASSERT_EQ_INT(virEventRemoveTimeout(89), -1);

    /* Nothing reached the default implementation: the loop has nothing
     * to dispatch. */
    while (g_main_context_iteration(NULL, FALSE))
        ;
    TEST_ASSERT_EQ_INT(customLog.calls, 8);
    TEST_ASSERT_EQ_INT(rec.calls, 0);
    TEST_ASSERT_EQ_INT(rec.freed, 0);
    ret = 0;

 cleanup:
    return ret;
}


#define DO_TEST(title, body) \
    do { \
        if (virTestRun(title, body, NULL) < 0) \
            ret = -1; \
    } while (0)

static int
mymain(void)
{
    int ret = 0;

    DO_TEST("nothing works before registration", testNotRegistered);
    DO_TEST("register the default implementation", testRegisterDefault);
    DO_TEST("readable handle", testHandleReadable);
    DO_TEST("hangup is reported", testHandleHangup);
    DO_TEST("update a handle's events", testHandleUpdate);
    DO_TEST("remove a handle inside its callback", testHandleRemoveInCallback);
    DO_TEST("free callbacks run later", testFreeLater);
    DO_TEST("timer repeats at its interval", testTimeoutRepeats);
    DO_TEST("timer 0 fires on every iteration", testTimeoutZero);
    DO_TEST("timer disabled and enabled by updates", testTimeoutUpdate);
    DO_TEST("remove a timer inside its callback", testTimeoutRemoveInCallback);
    DO_TEST("ids are positive and distinct", testIds);
    DO_TEST("negative fd", testNegativeFd);
    DO_TEST("adding from another thread wakes the loop", testAddFromThread);
    /* Last: it replaces the default implementation. */
    DO_TEST("an application's own implementation", testCustomImpl);

    return ret;
}

VIR_TEST_MAIN(mymain)
