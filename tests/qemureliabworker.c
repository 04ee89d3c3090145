/*
 * qemureliabworker.c: a process that drives the public API for the
 * reliability tests, so that they can kill it at any moment or race
 * several of it against each other
 *
 *   qemureliabworker cycle URI NAME XMLFILE OP DELAY_US
 *       define, start, destroy, undefine NAME, over and over, until it
 *       is killed.  It kills itself (SIGKILL) DELAY_US microseconds
 *       after it first begins OP (define, start, destroy, undefine):
 *       the moment is precise, unlike a kill from another process that
 *       learns late what this one does.  Before and after each call it
 *       writes a marker byte to descriptor 3: 'D'/'d' define, 'S'/'s'
 *       start, 'X'/'x' destroy, 'U'/'u' undefine (upper case: the call
 *       begins, lower case: it returned success), the latter followed
 *       by how long the call took ("d1234\n", microseconds).  A failing
 *       call writes 'E', prints the error on stderr and ends the
 *       program with status 1.
 *
 *   qemureliabworker op URI NAME OP DELAY_US
 *       opens URI and looks NAME up, prints "ready", then waits until
 *       descriptor 3 (if open) reaches end of file, sleeps DELAY_US
 *       microseconds and runs OP (start, destroy, destroy-graceful,
 *       undefine) once.  Prints "ok SECONDS" or "error CODE SECONDS
 *       MESSAGE" and exits 0.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>

#include "internal.h"

#define WORKER_MARK_FD 3


static void
workerQuiet(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


static void
workerWrite(const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(WORKER_MARK_FD, buf, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        buf += n;
        len -= n;
    }
}


static void
workerMark(char c)
{
    workerWrite(&c, 1);
}


static void
workerMarkEnd(char c, gint64 since)
{
    g_autofree char *line = g_strdup_printf("%c%lld\n", c,
                                            (long long)(g_get_monotonic_time() - since));

    workerWrite(line, strlen(line));
}


static int
workerFail(const char *what, const char *name)
{
    workerMark('E');
    fprintf(stderr, "%s %s: %s\n", what, name, virGetLastErrorMessage());
    return 1;
}


static gpointer
workerKillLater(gpointer opaque)
{
    g_usleep(GPOINTER_TO_SIZE(opaque));
    kill(getpid(), SIGKILL);
    return NULL;
}


/* Begins call @c: marks it, and arms the kill if it is the one. */
static gint64
workerBegin(char c, char target, gulong delay)
{
    static bool armed;

    workerMark(c);
    if (c == target && !armed) {
        armed = true;
        g_thread_unref(g_thread_new("kill", workerKillLater, GSIZE_TO_POINTER(delay)));
    }
    return g_get_monotonic_time();
}


static int
workerCycle(const char *uri, const char *name, const char *xmlfile,
            const char *op, const char *delayStr)
{
    static const char *const ops[] = { "define", "start", "destroy", "undefine" };
    static const char marks[] = { 'D', 'S', 'X', 'U' };
    gulong delay = g_ascii_strtoull(delayStr, NULL, 10);
    g_autofree char *xml = NULL;
    g_autoptr(GError) gerr = NULL;
    virConnectPtr conn;
    char target = 0;
    gint64 t;

    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++) {
        if (STREQ(op, ops[i]))
            target = marks[i];
    }
    if (!target) {
        fprintf(stderr, "unknown operation %s\n", op);
        return 2;
    }
    if (!g_file_get_contents(xmlfile, &xml, NULL, &gerr)) {
        fprintf(stderr, "cannot read %s: %s\n", xmlfile, gerr->message);
        return 1;
    }
    if (!(conn = virConnectOpen(uri)))
        return workerFail("open", name);

    for (;;) {
        virDomainPtr dom;

        t = workerBegin('D', target, delay);
        if (!(dom = virDomainDefineXML(conn, xml)))
            return workerFail("define", name);
        workerMarkEnd('d', t);
        t = workerBegin('S', target, delay);
        if (virDomainCreate(dom) < 0)
            return workerFail("start", name);
        workerMarkEnd('s', t);
        t = workerBegin('X', target, delay);
        if (virDomainDestroy(dom) < 0)
            return workerFail("destroy", name);
        workerMarkEnd('x', t);
        t = workerBegin('U', target, delay);
        if (virDomainUndefine(dom) < 0)
            return workerFail("undefine", name);
        workerMarkEnd('u', t);
        virDomainFree(dom);
    }
    return 0;
}


static int
workerOp(const char *uri, const char *name, const char *op, const char *delay)
{
    virConnectPtr conn = NULL;
    virDomainPtr dom;
    gint64 start;
    double elapsed;
    char buf[64];
    int rc;

    /* A failure before the barrier is reported as the operation's
     * result (stdout, for the parent), and on stderr with the call
     * that failed. */
    if (!(conn = virConnectOpen(uri)) ||
        !(dom = virDomainLookupByName(conn, name))) {
        fprintf(stderr, "%s %s: %s\n", conn ? "lookup" : "open", conn ? name : uri,
                virGetLastErrorMessage());
        printf("error %d 0 %s\n", virGetLastErrorCode(), virGetLastErrorMessage());
        if (conn)
            virConnectClose(conn);
        return 0;
    }

    /* The barrier: the parent closes its end to release every worker
     * at once. */
    printf("ready\n");
    fflush(stdout);
    if (fcntl(WORKER_MARK_FD, F_GETFD) >= 0) {
        for (;;) {
            ssize_t n = read(WORKER_MARK_FD, buf, sizeof(buf));

            if (n > 0 || (n < 0 && errno == EINTR))
                continue;
            break;
        }
    }
    g_usleep(g_ascii_strtoull(delay, NULL, 10));

    start = g_get_monotonic_time();
    if (STREQ(op, "start")) {
        rc = virDomainCreate(dom);
    } else if (STREQ(op, "destroy")) {
        rc = virDomainDestroy(dom);
    } else if (STREQ(op, "destroy-graceful")) {
        rc = virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL);
    } else if (STREQ(op, "undefine")) {
        rc = virDomainUndefine(dom);
    } else {
        fprintf(stderr, "unknown operation %s\n", op);
        virDomainFree(dom);
        virConnectClose(conn);
        return 2;
    }
    elapsed = (g_get_monotonic_time() - start) / 1e6;

    if (rc == 0)
        printf("ok %.6f\n", elapsed);
    else
        printf("error %d %.6f %s\n", virGetLastErrorCode(), elapsed,
               virGetLastErrorMessage());
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}


int
main(int argc, char **argv)
{
    virSetErrorFunc(NULL, workerQuiet);

    if (argc == 7 && STREQ(argv[1], "cycle"))
        return workerCycle(argv[2], argv[3], argv[4], argv[5], argv[6]);
    if (argc == 6 && STREQ(argv[1], "op"))
        return workerOp(argv[2], argv[3], argv[4], argv[5]);
    fprintf(stderr, "usage: %s cycle URI NAME XMLFILE OP DELAY_US | op URI NAME OP DELAY_US\n",
            argv[0]);
    return 2;
}
