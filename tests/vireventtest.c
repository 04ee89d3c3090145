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

    if (virEventIsRegistered())
        return -1;
    if (virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, testHandleCb, &rec,
                          testFree) != -1 ||
        virEventAddTimeout(0, testTimeoutCb, &rec, testFree) != -1 ||
        virEventRemoveHandle(1) != -1 ||
        virEventRemoveTimeout(1) != -1)
        return -1;
    /* Harmless without an implementation. */
    virEventUpdateHandle(1, VIR_EVENT_HANDLE_READABLE);
    virEventUpdateTimeout(1, 10);
    return rec.calls == 0 && rec.freed == 0 ? 0 : -1;
}


static int
testRegisterDefault(const void *opaque G_GNUC_UNUSED)
{
    if (virEventRegisterDefaultImpl() < 0)
        return -1;
    return virEventIsRegistered() ? 0 : -1;
}


static int
testHandleReadable(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int fds[2];
    int watch;
    int ret = -1;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, testFree);
    if (watch <= 0)
        goto cleanup;

    /* Nothing to read: no call. */
    runFor(30);
    if (rec.calls != 0)
        goto cleanup;

    if (write(fds[1], "x", 1) != 1)
        goto cleanup;
    if (!runUntil(&rec.calls, 1, 2000))
        goto cleanup;
    if (rec.lastWatch != watch || rec.lastFd != fds[0] ||
        rec.lastEvents != VIR_EVENT_HANDLE_READABLE) {
        virTestDiag("watch %d fd %d events 0x%x", rec.lastWatch, rec.lastFd,
                    rec.lastEvents);
        goto cleanup;
    }

    if (virEventRemoveHandle(watch) != 0 || !runUntil(&rec.freed, 1, 2000))
        goto cleanup;
    ret = rec.lastOpaque == &rec && rec.freed == 1 ? 0 : -1;

 cleanup:
    virEventRemoveHandle(watch);
    close(fds[0]);
    close(fds[1]);
    return ret;
}


static int
testHandleHangup(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int fds[2];
    int watch;
    int ret = -1;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, testFree);
    close(fds[1]);
    if (watch > 0 && runUntil(&rec.calls, 1, 2000) &&
        (rec.lastEvents & VIR_EVENT_HANDLE_HANGUP))
        ret = 0;
    else
        virTestDiag("calls %d events 0x%x", rec.calls, rec.lastEvents);

    virEventRemoveHandle(watch);
    runUntil(&rec.freed, 1, 2000);
    close(fds[0]);
    return ret;
}


/* Events 0 pauses a watch; other events start it again. */
static int
testHandleUpdate(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int fds[2];
    int watch = -1;
    int ret = -1;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    if (write(fds[1], "x", 1) != 1)
        goto cleanup;
    watch = virEventAddHandle(fds[0], 0, testHandleCb, &rec, NULL);
    if (watch <= 0)
        goto cleanup;

    runFor(30);
    if (rec.calls != 0)
        goto cleanup;

    virEventUpdateHandle(watch, VIR_EVENT_HANDLE_READABLE);
    if (!runUntil(&rec.calls, 1, 2000))
        goto cleanup;

    virEventUpdateHandle(watch, 0);
    rec.calls = 0;
    runFor(30);
    if (rec.calls != 0)
        goto cleanup;

    /* The write end of an empty pipe is writable. */
    virEventRemoveHandle(watch);
    watch = virEventAddHandle(fds[1], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, NULL);
    virEventUpdateHandle(watch, VIR_EVENT_HANDLE_WRITABLE);
    if (!runUntil(&rec.calls, 1, 2000) ||
        rec.lastEvents != VIR_EVENT_HANDLE_WRITABLE || rec.lastFd != fds[1])
        goto cleanup;
    ret = 0;

 cleanup:
    virEventRemoveHandle(watch);
    close(fds[0]);
    close(fds[1]);
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
    int fds[2];
    int watch;
    int ret = -1;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    if (write(fds[1], "x", 1) != 1)
        goto cleanup;
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, testHandleCb,
                              &rec, testFree);
    if (watch <= 0 || !runUntil(&rec.freed, 1, 2000))
        goto cleanup;
    runFor(30);
    if (rec.calls != 1 || rec.removeRc != 0 || rec.freedDuringCallback ||
        rec.freed != 1) {
        virTestDiag("calls %d removeRc %d freed %d during %d", rec.calls,
                    rec.removeRc, rec.freed, rec.freedDuringCallback);
        goto cleanup;
    }
    /* Gone: a second removal fails. */
    ret = virEventRemoveHandle(watch) == -1 ? 0 : -1;

 cleanup:
    close(fds[0]);
    close(fds[1]);
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

    if (watch <= 0 || timer <= 0)
        return -1;
    if (virEventRemoveHandle(watch) != 0 || virEventRemoveTimeout(timer) != 0)
        return -1;
    if (hrec.freed != 0 || trec.freed != 0)
        return -1;
    if (!runUntil(&hrec.freed, 1, 2000) || !runUntil(&trec.freed, 1, 2000))
        return -1;
    if (hrec.lastOpaque != &hrec || trec.lastOpaque != &trec)
        return -1;
    return hrec.calls == 0 && trec.calls == 0 ? 0 : -1;
}


static int
testTimeoutRepeats(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    gint64 start = g_get_monotonic_time();
    gint64 elapsed;
    int timer = virEventAddTimeout(20, testTimeoutCb, &rec, testFree);
    int ret = -1;

    if (timer <= 0)
        return -1;
    if (!runUntil(&rec.calls, 3, 3000))
        goto cleanup;
    elapsed = g_get_monotonic_time() - start;
    /* Three periods of 20 ms, not sooner. */
    if (elapsed < 60 * 1000 || rec.lastWatch != timer) {
        virTestDiag("3 calls after %lld us", (long long)elapsed);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (virEventRemoveTimeout(timer) != 0 || virEventRemoveTimeout(timer) != -1)
        ret = -1;
    if (!runUntil(&rec.freed, 1, 2000))
        ret = -1;
    return ret;
}


/* 0 fires on every iteration: the loop does not block. */
static int
testTimeoutZero(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int timer = virEventAddTimeout(0, testTimeoutCb, &rec, NULL);
    gint64 start = g_get_monotonic_time();

    if (timer <= 0)
        return -1;
    for (int i = 0; i < 5; i++)
        virEventRunDefaultImpl();
    virEventRemoveTimeout(timer);
    if (rec.calls != 5 || g_get_monotonic_time() - start > 1000 * 1000) {
        virTestDiag("%d calls in 5 iterations", rec.calls);
        return -1;
    }
    return 0;
}


/* -1 disables; an update enables it, and another disables it again. */
static int
testTimeoutUpdate(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int timer = virEventAddTimeout(-1, testTimeoutCb, &rec, NULL);
    int ret = -1;

    if (timer <= 0)
        return -1;
    runFor(50);
    if (rec.calls != 0)
        goto cleanup;
    virEventUpdateTimeout(timer, 10);
    if (!runUntil(&rec.calls, 2, 2000))
        goto cleanup;
    virEventUpdateTimeout(timer, -1);
    rec.calls = 0;
    runFor(50);
    if (rec.calls != 0)
        goto cleanup;
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

    if (timer <= 0 || !runUntil(&rec.freed, 1, 2000))
        return -1;
    runFor(30);
    if (rec.calls != 1 || rec.removeRc != 0 || rec.freedDuringCallback) {
        virTestDiag("calls %d removeRc %d", rec.calls, rec.removeRc);
        return -1;
    }
    return 0;
}


static int
testIds(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };
    int w1 = virEventAddHandle(0, 0, testHandleCb, &rec, NULL);
    int w2 = virEventAddHandle(0, 0, testHandleCb, &rec, NULL);
    int t1 = virEventAddTimeout(-1, testTimeoutCb, &rec, NULL);
    int t2 = virEventAddTimeout(-1, testTimeoutCb, &rec, NULL);
    int ret = 0;

    if (w1 <= 0 || w2 <= 0 || w1 == w2 || t1 <= 0 || t2 <= 0 || t1 == t2)
        ret = -1;
    if (virEventRemoveHandle(w1) != 0 || virEventRemoveHandle(w2) != 0 ||
        virEventRemoveTimeout(t1) != 0 || virEventRemoveTimeout(t2) != 0)
        ret = -1;
    if (virEventRemoveHandle(w1) != -1 || virEventRemoveTimeout(t1) != -1 ||
        virEventRemoveHandle(987654) != -1)
        ret = -1;
    return ret;
}


static int
testNegativeFd(const void *opaque G_GNUC_UNUSED)
{
    testRecord rec = { 0 };

    if (virEventAddHandle(-1, VIR_EVENT_HANDLE_READABLE, testHandleCb, &rec,
                          NULL) != -1)
        return -1;
    if (virGetLastErrorCode() != VIR_ERR_INVALID_ARG ||
        virGetLastErrorDomain() != VIR_FROM_EVENT)
        return -1;
    return virTestCompareStrings("fd in virEventAddHandle must not be negative",
                                 virGetLastErrorMessage(), "error message");
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

    g_thread_join(thread);
    virEventRemoveTimeout(data.timer);
    if (!ok || elapsed > 2000 * 1000) {
        virTestDiag("woke after %lld us", (long long)elapsed);
        return -1;
    }
    return 0;
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

    virEventRegisterImpl(customAddHandle, customUpdateHandle,
                         customRemoveHandle, customAddTimeout,
                         customUpdateTimeout, customRemoveTimeout);
    if (!virEventIsRegistered())
        return -1;

    if (virEventAddHandle(5, VIR_EVENT_HANDLE_WRITABLE, testHandleCb, &rec,
                          testFree) != 77 ||
        customLog.fd != 5 || customLog.events != VIR_EVENT_HANDLE_WRITABLE ||
        customLog.hcb != testHandleCb || customLog.opaque != &rec ||
        customLog.ff != testFree)
        return -1;
    virEventUpdateHandle(77, VIR_EVENT_HANDLE_READABLE);
    if (customLog.watch != 77 || customLog.events != VIR_EVENT_HANDLE_READABLE)
        return -1;
    if (virEventRemoveHandle(77) != 0 || virEventRemoveHandle(78) != -1)
        return -1;

    if (virEventAddTimeout(250, testTimeoutCb, &rec, NULL) != 88 ||
        customLog.timeout != 250 || customLog.tcb != testTimeoutCb ||
        customLog.ff != NULL)
        return -1;
    virEventUpdateTimeout(88, -1);
    if (customLog.watch != 88 || customLog.timeout != -1)
        return -1;
    if (virEventRemoveTimeout(88) != 0 || virEventRemoveTimeout(89) != -1)
        return -1;

    /* Nothing reached the default implementation: the loop has nothing
     * to dispatch. */
    while (g_main_context_iteration(NULL, FALSE))
        ;
    return customLog.calls == 8 && rec.calls == 0 && rec.freed == 0 ? 0 : -1;
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
