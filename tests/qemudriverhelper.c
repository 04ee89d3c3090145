/*
 * qemudriverhelper.c: a tiny command line over the public API, run by
 * the driver tests as a separate process
 *
 *   qemudriverhelper URI define FILE      define from an XML file
 *   qemudriverhelper URI create FILE      start a transient domain; prints
 *                                         its ID
 *   qemudriverhelper URI start NAME       start a defined domain; prints
 *                                         its ID
 *   qemudriverhelper URI destroy NAME [graceful]
 *   qemudriverhelper URI shutdown NAME    ACPI power button
 *   qemudriverhelper URI suspend NAME
 *   qemudriverhelper URI state NAME       prints "ID STATE REASON"
 *   qemudriverhelper URI list             prints "NAME ID" per running
 *                                         domain
 *   qemudriverhelper URI hold-job NAME    (for tests of job exclusion)
 *                                         takes the domain's job lock as
 *                                         the driver does, prints
 *                                         "locked", and keeps it until
 *                                         its standard input closes
 *
 * A failure prints "error CODE DOMAIN: MESSAGE (CALL)" on standard
 * error, CALL naming the API call that failed, so that tests can check
 * upstream's codes and a reader sees what went wrong; and exits 1.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <sys/file.h>

#include "internal.h"


/* Reports the failure of @call with the last error; EXIT_FAILURE. */
static int
helperFail(const char *call)
{
    virErrorPtr err = virGetLastError();

    if (err)
        fprintf(stderr, "error %d %d: %s (%s)\n", err->code, err->domain,
                NULLSTR(err->message), call);
    else
        fprintf(stderr, "error 0 0: %s failed without an error\n", call);
    return EXIT_FAILURE;
}


static void
helperQuietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}


/* The embed root of @uri ("qemu:///embed?root=DIR"), or NULL. */
static char *
helperRootFromURI(const char *uri)
{
    g_autoptr(GUri) parsed = g_uri_parse(uri, G_URI_FLAGS_NONE, NULL);
    g_autoptr(GHashTable) params = NULL;

    if (!parsed || !g_uri_get_query(parsed) ||
        !(params = g_uri_parse_params(g_uri_get_query(parsed), -1, "&",
                                      G_URI_PARAMS_NONE, NULL)))
        return NULL;
    return g_strdup(g_hash_table_lookup(params, "root"));
}


/* Holds @name's job lock until standard input reaches end of file. */
static int
helperHoldJob(const char *uri, const char *name)
{
    g_autofree char *root = helperRootFromURI(uri);
    g_autofree char *path = NULL;
    char buf[64];
    int fd;

    if (!root) {
        fprintf(stderr, "error 0 0: hold-job needs a qemu:///embed?root= URI\n");
        return EXIT_FAILURE;
    }
    path = g_strdup_printf("%s/run/qemu/%s.lock", root, name);
    if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
        flock(fd, LOCK_EX) < 0) {
        fprintf(stderr, "error 0 0: cannot lock %s: %s\n", path, g_strerror(errno));
        return EXIT_FAILURE;
    }
    printf("locked\n");
    fflush(stdout);
    while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
        ;
    close(fd);
    return EXIT_SUCCESS;
}


static int
helperDomainRun(virDomainPtr dom, const char *cmd, const char *arg)
{
    int state, reason;

    if (STREQ(cmd, "start")) {
        if (virDomainCreate(dom) < 0)
            return helperFail("virDomainCreate");
        printf("%d\n", (int)virDomainGetID(dom));
    } else if (STREQ(cmd, "destroy")) {
        unsigned int flags = 0;

        if (arg && STREQ(arg, "graceful"))
            flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
        if (virDomainDestroyFlags(dom, flags) < 0)
            return helperFail("virDomainDestroyFlags");
    } else if (STREQ(cmd, "shutdown")) {
        if (virDomainShutdown(dom) < 0)
            return helperFail("virDomainShutdown");
    } else if (STREQ(cmd, "suspend")) {
        if (virDomainSuspend(dom) < 0)
            return helperFail("virDomainSuspend");
    } else if (STREQ(cmd, "state")) {
        if (virDomainGetState(dom, &state, &reason, 0) < 0)
            return helperFail("virDomainGetState");
        printf("%d %d %d\n", (int)virDomainGetID(dom), state, reason);
    } else {
        fprintf(stderr, "error 0 0: unknown command '%s'\n", cmd);
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}


static int
helperDomainCommand(virConnectPtr conn, const char *cmd, const char *name,
                    const char *arg)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    int ret;

    if (!dom)
        return helperFail("virDomainLookupByName");
    ret = helperDomainRun(dom, cmd, arg);
    virDomainFree(dom);
    return ret;
}


static int
helperRun(virConnectPtr conn, int argc, char **argv)
{
    const char *cmd = argv[2];
    g_autofree char *xml = NULL;
    virDomainPtr dom;

    if (STREQ(cmd, "define") || STREQ(cmd, "create")) {
        g_autoptr(GError) gerr = NULL;

        if (argc != 4 || !g_file_get_contents(argv[3], &xml, NULL, &gerr)) {
            fprintf(stderr, "error 0 0: %s FILE: %s\n", cmd,
                    gerr ? gerr->message : "missing file");
            return EXIT_FAILURE;
        }
        if (STREQ(cmd, "define"))
            dom = virDomainDefineXML(conn, xml);
        else
            dom = virDomainCreateXML(conn, xml, 0);
        if (!dom)
            return helperFail(STREQ(cmd, "define") ? "virDomainDefineXML" : "virDomainCreateXML");
        if (STREQ(cmd, "create"))
            printf("%d\n", (int)virDomainGetID(dom));
        virDomainFree(dom);
        return EXIT_SUCCESS;
    }

    if (STREQ(cmd, "list")) {
        virDomainPtr *doms = NULL;
        int n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);

        if (n < 0)
            return helperFail("virConnectListAllDomains");
        for (int i = 0; i < n; i++) {
            printf("%s %d\n", virDomainGetName(doms[i]), (int)virDomainGetID(doms[i]));
            virDomainFree(doms[i]);
        }
        free(doms);
        return EXIT_SUCCESS;
    }

    if (argc < 4 || argc > 5) {
        fprintf(stderr, "error 0 0: %s needs a domain name\n", cmd);
        return EXIT_FAILURE;
    }
    return helperDomainCommand(conn, cmd, argv[3], argc == 5 ? argv[4] : NULL);
}


int
main(int argc, char **argv)
{
    virConnectPtr conn;
    int ret;

    if (argc < 3) {
        fprintf(stderr, "usage: %s URI COMMAND [ARGS...]\n", argv[0]);
        return EXIT_FAILURE;
    }
    /* Needs no connection: it stands for another process's job. */
    if (STREQ(argv[2], "hold-job")) {
        if (argc != 4) {
            fprintf(stderr, "error 0 0: hold-job needs a domain name\n");
            return EXIT_FAILURE;
        }
        return helperHoldJob(argv[1], argv[3]);
    }

    virSetErrorFunc(NULL, helperQuietErrors);
    if (!(conn = virConnectOpen(argv[1])))
        return helperFail("virConnectOpen");
    ret = helperRun(conn, argc, argv);
    virConnectClose(conn);
    return ret;
}
