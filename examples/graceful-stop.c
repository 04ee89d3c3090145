/*
 * graceful-stop.c: stop a VM without ever sending it SIGKILL
 *
 * The sequence a management application should follow, with this
 * library or upstream libvirt's: define a domain, show the QEMU command
 * line it maps to, start it, then stop it with
 * VIR_DOMAIN_DESTROY_GRACEFUL (SIGTERM only: QEMU flushes its disk
 * caches and exits) and only if that fails decide whether to force it.
 *
 *   graceful-stop URI [DOMAIN.xml]
 *
 * Without a file, a small diskless domain named "demo" is used.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static const char *defaultXML =
    "<domain type='qemu'>\n"
    "  <name>demo</name>\n"
    "  <memory unit='MiB'>128</memory>\n"
    "  <vcpu>1</vcpu>\n"
    "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
    "  <devices>\n"
    "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
    "    <serial type='pty'/>\n"
    "  </devices>\n"
    "</domain>\n";

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
readFile(const char *path)
{
    FILE *fp = fopen(path, "r");
    char *buf = NULL;
    long len;

    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) >= 0 &&
        fseek(fp, 0, SEEK_SET) == 0 && (buf = calloc(1, len + 1)) &&
        fread(buf, 1, len, fp) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    return buf;
}

static void
fail(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, virGetLastErrorMessage());
}

/* Errors are reported where they happen; keep the default handler
 * from printing them a second time. */
static void
quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    char *xml = NULL;
    char *native = NULL;
    int state, reason;
    double t;
    int ret = EXIT_FAILURE;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s URI [DOMAIN.xml]\n", argv[0]);
        return 2;
    }
    virSetErrorFunc(NULL, quiet);
    if (argc == 3 && !(xml = readFile(argv[2]))) {
        perror(argv[2]);
        return EXIT_FAILURE;
    }

    if (!(conn = virConnectOpen(argv[1]))) {
        fail("virConnectOpen");
        goto cleanup;
    }

    if (!(native = virConnectDomainXMLToNative(conn, "qemu-argv",
                                               xml ? xml : defaultXML, 0))) {
        fail("virConnectDomainXMLToNative");
        goto cleanup;
    }
    printf("QEMU command line for this domain:\n%s\n\n", native);

    if (!(dom = virDomainDefineXML(conn, xml ? xml : defaultXML))) {
        fail("virDomainDefineXML");
        goto cleanup;
    }

    t = now();
    if (virDomainCreate(dom) < 0) {
        fail("virDomainCreate");
        goto cleanup;
    }
    printf("started domain '%s' (id %d) in %.1f ms\n", virDomainGetName(dom),
           (int)virDomainGetID(dom), (now() - t) * 1e3);

    t = now();
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) < 0) {
        /* QEMU did not exit on SIGTERM in time.  Nothing was changed:
         * the application decides whether to force it. */
        fail("graceful destroy");
        printf("forcing it with a default destroy (SIGKILL after a grace period)\n");
        if (virDomainDestroy(dom) < 0) {
            fail("virDomainDestroy");
            goto cleanup;
        }
    }
    printf("stopped it with SIGTERM only in %.1f ms\n", (now() - t) * 1e3);

    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        fail("virDomainGetState");
        goto cleanup;
    }
    printf("state: %s, reason: %s\n",
           state == VIR_DOMAIN_SHUTOFF ? "shut off" : "not shut off",
           reason == VIR_DOMAIN_SHUTOFF_DESTROYED ? "destroyed" : "other");

    if (virDomainUndefine(dom) < 0) {
        fail("virDomainUndefine");
        goto cleanup;
    }
    ret = EXIT_SUCCESS;

 cleanup:
    free(native);
    free(xml);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    return ret;
}
