/*
 * compatclient.c: a libvirt application built against Debian's
 * libvirt-dev (its headers and its libvirt.so), run against ours
 *
 * meson compiles this file with Debian's headers only (pkg-config
 * libvirt, none of our include directories) and links it with
 * Debian's library; the test runs it with LD_LIBRARY_PATH pointing at
 * our build, so the dynamic linker loads our libvirt.so.0 instead.  It
 * checks that it did (/proc/self/maps), then drives a real domain (TCG)
 * through the calls issue 3 lists, comparing what it gets with what
 * upstream's headers promise: enum values, struct layouts, error codes
 * and messages, events through the default event loop.
 *
 *   compatclient DIR    DIR: where libvirt.so.0 must be loaded from
 *
 * It prints TAP.  No glib, nothing of ours: only libc and libvirt.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <ftw.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static unsigned int testCount;
static unsigned int testFailed;
/* Whether libvirt is initialised, so that its last error can be read. */
static bool libvirtReady;


static void
diag(const char *fmt, ...)
{
    va_list ap;

    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}


/* One TAP line; returns @ok.  A failure names the line of the check
 * (check() below), as testutils.h's assertions do: that header cannot
 * be used here, it needs our internal headers and glib. */
static bool
checkAt(const char *file, int line, bool ok, const char *title)
{
    testCount++;
    if (!ok)
        testFailed++;
    printf("%sok %u - %s\n", ok ? "" : "not ", testCount, title);
    if (!ok)
        diag("%s:%d: check failed", file, line);
    if (!ok && libvirtReady) {
        virErrorPtr err = virGetLastError();

        if (err)
            diag("last error [%d/%d]: %s", err->code, err->domain,
                 err->message ? err->message : "");
    }
    fflush(stdout);
    return ok;
}

#define check(ok, title) checkAt(__FILE__, __LINE__, ok, title)


static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}


/* Every libvirt.so.0 mapped into this process lives in @dir, and there
 * is one. */
static bool
checkLoadedFrom(const char *dir)
{
    char want[PATH_MAX];
    char line[PATH_MAX + 256];
    FILE *maps;
    int found = 0;
    bool ok = true;

    if (!realpath(dir, want)) {
        diag("cannot resolve %s: %s", dir, strerror(errno));
        return false;
    }
    if (!(maps = fopen("/proc/self/maps", "r")))
        return false;
    while (fgets(line, sizeof(line), maps)) {
        char *path = strchr(line, '/');
        char real[PATH_MAX];
        char *slash;

        if (!path || !strstr(path, "/libvirt.so"))
            continue;
        path[strcspn(path, "\n")] = '\0';
        if (!realpath(path, real))
            snprintf(real, sizeof(real), "%s", path);
        slash = strrchr(real, '/');
        *slash = '\0';
        if (strcmp(real, want) != 0) {
            diag("libvirt mapped from %s/%s, not from %s", real, slash + 1, want);
            ok = false;
        }
        found++;
    }
    fclose(maps);
    if (!found)
        diag("no libvirt.so mapped at all");
    return ok && found > 0;
}


static bool
checkError(int code, int domain, const char *message)
{
    virErrorPtr err = virGetLastError();

    if (!err) {
        diag("no error");
        return false;
    }
    if (err->code != code || err->domain != domain ||
        strcmp(err->message ? err->message : "", message) != 0) {
        diag("error [%d/%d] '%s', expected [%d/%d] '%s'", err->code, err->domain,
             err->message ? err->message : "", code, domain, message);
        return false;
    }
    return true;
}


static bool
checkState(virDomainPtr dom, int wantState, int wantReason)
{
    int state = -1, reason = -1;

    if (virDomainGetState(dom, &state, &reason, 0) < 0)
        return false;
    if (state != wantState || reason != wantReason) {
        diag("state %d/%d, expected %d/%d", state, reason, wantState, wantReason);
        return false;
    }
    return true;
}


typedef struct {
    int count;
    int events[16];
    int details[16];
} eventLog;

static int
lifecycleCallback(virConnectPtr conn, virDomainPtr dom, int event, int detail,
                  void *opaque)
{
    eventLog *log = opaque;

    (void)conn;
    if (strcmp(virDomainGetName(dom), "compat") != 0)
        return 0;
    if (log->count < 16) {
        log->events[log->count] = event;
        log->details[log->count] = detail;
    }
    log->count++;
    return 0;
}


static void
tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}


/* Runs the default event loop until @want events arrived or 3 s. */
static void
runLoopUntil(eventLog *log, int want)
{
    double deadline = now() + 3;
    int timer = virEventAddTimeout(10, tick, NULL, NULL);

    while (log->count < want && now() < deadline)
        virEventRunDefaultImpl();
    virEventRemoveTimeout(timer);
}


static bool
checkEvents(const eventLog *log, const int expect[][2], int n)
{
    if (log->count != n) {
        diag("%d events, expected %d", log->count, n);
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (log->events[i] != expect[i][0] || log->details[i] != expect[i][1]) {
            diag("event %d: %d/%d, expected %d/%d", i, log->events[i],
                 log->details[i], expect[i][0], expect[i][1]);
            return false;
        }
    }
    return true;
}


static int
removeEntry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}


static void
quietErrors(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}


static const char domainXML[] =
    "<domain type='qemu'>\n"
    "  <name>compat</name>\n"
    "  <memory unit='MiB'>64</memory>\n"
    "  <vcpu>1</vcpu>\n"
    "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
    "  <devices>\n"
    "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
    "    <memballoon model='none'/>\n"
    "  </devices>\n"
    "</domain>\n";

static const char qemuConf[] =
    "destroy_term_timeout = 0.5\n"
    "destroy_kill_timeout = 1\n"
    "destroy_graceful_timeout = 5\n";


/* Everything after the library check; returns false on the first
 * failure that leaves nothing sensible to go on with. */
static bool
driveDomain(const char *root)
{
    static const int startEvents[][2] = {
        { VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED },
        { VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED },
    };
    static const int allEvents[][2] = {
        { VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED },
        { VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED },
        { VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED },
        { VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED },
    };
    char uri[PATH_MAX + 32];
    char uuid[VIR_UUID_STRING_BUFLEN];
    char idAttr[64];
    eventLog log = { 0 };
    unsigned long libVer = 0;
    virConnectPtr conn;
    virDomainPtr dom = NULL;
    virDomainPtr byUUID = NULL;
    virDomainInfo info;
    char *xml = NULL;
    const char *type;
    int callback = -1;
    bool ok = false;
    double start;

    snprintf(uri, sizeof(uri), "qemu:///embed?root=%s", root);
    if (!check((conn = virConnectOpen(uri)) != NULL, "open an embed root"))
        return false;
    type = virConnectGetType(conn);
    if (!check(type && strcmp(type, "QEMU") == 0 &&
               virConnectGetLibVersion(conn, &libVer) == 0 && libVer == 9000000 &&
               virConnectIsAlive(conn) == 1,
               "connection type QEMU, library version 9.0.0"))
        goto cleanup;
    callback = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                VIR_DOMAIN_EVENT_CALLBACK(lifecycleCallback),
                                                &log, NULL);
    if (!check(callback >= 0, "register a lifecycle callback"))
        goto cleanup;

    if (!check((dom = virDomainDefineXML(conn, domainXML)) != NULL &&
               virDomainIsPersistent(dom) == 1 && virDomainIsActive(dom) == 0 &&
               checkState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN),
               "define a domain"))
        goto cleanup;
    if (!check(virDomainCreate(dom) == 0 && virDomainIsActive(dom) == 1 &&
               (int)virDomainGetID(dom) > 0 &&
               checkState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED),
               "start it on real QEMU"))
        goto cleanup;

    memset(&info, 0xff, sizeof(info));
    if (!check(virDomainGetInfo(dom, &info) == 0 && info.state == VIR_DOMAIN_RUNNING &&
               info.maxMem == 65536 && info.memory == 65536 && info.nrVirtCpu == 1,
               "virDomainGetInfo fills upstream's struct"))
        diag("state %d maxMem %lu memory %lu vcpus %u", info.state, info.maxMem,
             info.memory, info.nrVirtCpu);
    snprintf(idAttr, sizeof(idAttr), "<domain type='qemu' id='%d'>",
             (int)virDomainGetID(dom));
    xml = virDomainGetXMLDesc(dom, 0);
    check(xml && strstr(xml, idAttr) && strstr(xml, "<name>compat</name>"),
          "live XML with the domain's ID");
    check(virDomainGetUUIDString(dom, uuid) == 0 &&
          (byUUID = virDomainLookupByUUIDString(conn, uuid)) != NULL &&
          strcmp(virDomainGetName(byUUID), "compat") == 0 &&
          virDomainGetID(byUUID) == virDomainGetID(dom),
          "lookup by UUID");

    if (!check(virDomainDestroyFlags(dom, 0x80) == -1 &&
               checkError(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                          "unsupported flags (0x80) in function qemuDomainDestroyFlags") &&
               checkState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED),
               "destroy with an unknown flag: upstream's code and message, domain untouched"))
        goto cleanup;

    runLoopUntil(&log, 2);
    check(checkEvents(&log, startEvents, 2), "events DEFINED and STARTED");

    start = now();
    if (!check(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0 &&
               checkState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED),
               "graceful destroy"))
        goto cleanup;
    diag("graceful destroy took %.3f s", now() - start);
    if (!check(virDomainUndefine(dom) == 0, "undefine"))
        goto cleanup;
    runLoopUntil(&log, 4);
    check(checkEvents(&log, allEvents, 4), "events STOPPED (destroyed) and UNDEFINED");
    ok = true;

 cleanup:
    free(xml);
    if (byUUID)
        virDomainFree(byUUID);
    if (dom) {
        if (virDomainIsActive(dom) == 1)
            virDomainDestroy(dom);
        virDomainUndefine(dom);
        virDomainFree(dom);
    }
    if (callback >= 0)
        check(virConnectDomainEventDeregisterAny(conn, callback) == 0,
              "deregister the callback");
    check(virConnectClose(conn) == 0, "close the connection");
    return ok;
}


int
main(int argc, char **argv)
{
    char root[] = "/tmp/lvgc-XXXXXX";
    char path[sizeof(root) + 32];
    unsigned long ver = 0;
    siginfo_t info;
    FILE *conf;

    if (argc != 2) {
        fprintf(stderr, "usage: %s LIBDIR\n", argv[0]);
        return EXIT_FAILURE;
    }
    /* QEMU is our child; one whose starter died would be too. */
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    virSetErrorFunc(NULL, quietErrors);

    if (!check(checkLoadedFrom(argv[1]), "our libvirt.so.0 is the one loaded")) {
        printf("1..%u\n", testCount);
        return EXIT_FAILURE;
    }
    check(virGetVersion(&ver, NULL, NULL) == 0 && ver == LIBVIR_VERSION_NUMBER,
          "virGetVersion matches the headers' LIBVIR_VERSION_NUMBER");
    libvirtReady = true;
    check(virEventRegisterDefaultImpl() == 0, "virEventRegisterDefaultImpl");

    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }
    snprintf(path, sizeof(path), "%s/etc", root);
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/etc/qemu.conf", root);
    if ((conf = fopen(path, "w"))) {
        fputs(qemuConf, conf);
        fclose(conf);
    }

    driveDomain(root);

    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    memset(&info, 0, sizeof(info));
    check(waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0 && errno == ECHILD,
          "no QEMU left running or unreaped");
    nftw(root, removeEntry, 16, FTW_DEPTH | FTW_PHYS);

    printf("1..%u\n", testCount);
    return testFailed ? EXIT_FAILURE : EXIT_SUCCESS;
}
