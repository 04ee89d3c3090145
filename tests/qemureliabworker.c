/*
 * qemureliabworker.c: a process that drives the public API for the
 * reliability tests, so that they can kill it at any moment or race
 * several of it against each other
 *
 *   qemureliabworker cycle URI NAME XMLFILE
 *       define, start, destroy, undefine NAME, over and over, until it
 *       is killed.  Before and after each call it writes a marker byte
 *       to descriptor 3: 'D'/'d' define, 'S'/'s' start, 'X'/'x'
 *       destroy, 'U'/'u' undefine (upper case: the call begins, lower
 *       case: it returned success).  A failing call writes 'E', prints
 *       the error on stderr and ends the program with status 1.
 *
 *   qemureliabworker op URI NAME OP DELAY_US
 *       opens URI and looks NAME up, then waits until descriptor 3
 *       (if open) reaches end of file, sleeps DELAY_US microseconds
 *       and runs OP (start, destroy, destroy-graceful, undefine) once.
 *       Prints "ok SECONDS" or "error CODE SECONDS MESSAGE" and exits 0.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>

#include "internal.h"

#define WORKER_MARK_FD 3


static void
workerQuiet(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


static void
workerMark(char c)
{
    while (write(WORKER_MARK_FD, &c, 1) < 0 && errno == EINTR)
        ;
}


static int
workerFail(const char *what, const char *name)
{
    workerMark('E');
    fprintf(stderr, "%s %s: %s\n", what, name, virGetLastErrorMessage());
    return 1;
}


static int
workerCycle(const char *uri, const char *name, const char *xmlfile)
{
    g_autofree char *xml = NULL;
    virConnectPtr conn;

    if (!g_file_get_contents(xmlfile, &xml, NULL, NULL)) {
        fprintf(stderr, "cannot read %s\n", xmlfile);
        return 1;
    }
    if (!(conn = virConnectOpen(uri)))
        return workerFail("open", name);

    for (;;) {
        virDomainPtr dom;

        workerMark('D');
        if (!(dom = virDomainDefineXML(conn, xml)))
            return workerFail("define", name);
        workerMark('d');
        workerMark('S');
        if (virDomainCreate(dom) < 0)
            return workerFail("start", name);
        workerMark('s');
        workerMark('X');
        if (virDomainDestroy(dom) < 0)
            return workerFail("destroy", name);
        workerMark('x');
        workerMark('U');
        if (virDomainUndefine(dom) < 0)
            return workerFail("undefine", name);
        workerMark('u');
        virDomainFree(dom);
    }
    return 0;
}


static int
workerOp(const char *uri, const char *name, const char *op, const char *delay)
{
    virConnectPtr conn;
    virDomainPtr dom;
    gint64 start;
    double elapsed;
    char buf[64];
    int rc;

    if (!(conn = virConnectOpen(uri)) ||
        !(dom = virDomainLookupByName(conn, name))) {
        printf("error %d 0 %s\n", virGetLastErrorCode(), virGetLastErrorMessage());
        return 0;
    }

    /* The barrier: the parent closes its end to release every worker
     * at once. */
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

    if (argc == 5 && STREQ(argv[1], "cycle"))
        return workerCycle(argv[2], argv[3], argv[4]);
    if (argc == 6 && STREQ(argv[1], "op"))
        return workerOp(argv[2], argv[3], argv[4], argv[5]);
    fprintf(stderr, "usage: %s cycle URI NAME XMLFILE | op URI NAME OP DELAY_US\n",
            argv[0]);
    return 2;
}
