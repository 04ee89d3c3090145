/*
 * client.c: a program built the way a distribution's users build theirs,
 * against the installed headers, pkg-config file and library
 *
 *   client ROOT EMULATOR
 *
 * Prints the file the library was loaded from and the library's
 * version, then, on the embedded driver rooted at ROOT, defines a small
 * diskless domain, starts it on EMULATOR, stops it with a graceful
 * destroy, checks it is shut off for that reason, and undefines it.
 * Prints "ok" last; exits non-zero at the first failure, saying which.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int
fail(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, virGetLastErrorMessage());
    return EXIT_FAILURE;
}

int
main(int argc, char **argv)
{
    Dl_info info;
    unsigned long version = 0;
    char uri[4096];
    char xml[8192];
    virConnectPtr conn;
    virDomainPtr dom;
    int state = -1, reason = -1;

    if (argc != 3) {
        fprintf(stderr, "usage: %s ROOT EMULATOR\n", argv[0]);
        return 2;
    }
    if (!dladdr((void *)virConnectOpen, &info) || !info.dli_fname) {
        fprintf(stderr, "cannot tell where virConnectOpen comes from\n");
        return EXIT_FAILURE;
    }
    printf("library: %s\n", info.dli_fname);
    if (virGetVersion(&version, NULL, NULL) < 0)
        return fail("virGetVersion");
    printf("version: %lu\n", version);

    snprintf(uri, sizeof(uri), "qemu:///embed?root=%s", argv[1]);
    snprintf(xml, sizeof(xml),
             "<domain type='qemu'>"
             "<name>installed</name>"
             "<memory unit='MiB'>64</memory>"
             "<vcpu>1</vcpu>"
             "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
             "<devices><emulator>%s</emulator>"
             "<memballoon model='none'/></devices>"
             "</domain>", argv[2]);

    if (!(conn = virConnectOpen(uri)))
        return fail("virConnectOpen");
    if (!(dom = virDomainDefineXML(conn, xml)))
        return fail("virDomainDefineXML");
    if (virDomainCreate(dom) < 0)
        return fail("virDomainCreate");
    if (virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) < 0)
        return fail("virDomainDestroyFlags");
    if (virDomainGetState(dom, &state, &reason, 0) < 0)
        return fail("virDomainGetState");
    if (state != VIR_DOMAIN_SHUTOFF || reason != VIR_DOMAIN_SHUTOFF_DESTROYED) {
        fprintf(stderr, "state %d reason %d after a graceful destroy\n",
                state, reason);
        return EXIT_FAILURE;
    }
    if (virDomainUndefine(dom) < 0)
        return fail("virDomainUndefine");
    virDomainFree(dom);
    if (virConnectClose(conn) != 0)
        return fail("virConnectClose");
    printf("ok\n");
    return EXIT_SUCCESS;
}
