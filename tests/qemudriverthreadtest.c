/*
 * qemudriverthreadtest.c: many threads on one connection's domains in
 * memory, with a second connection (another driver instance) on the
 * same root (real QEMU)
 *
 * The objects of an instance are shared by every thread of its
 * connection: queries read them while jobs change them and other
 * instances' writes make them re-read.  For a few seconds:
 *
 * - reader threads list, look up, ask the state, the info and the XML
 *   of every domain, as fast as they can;
 * - a writer thread starts and destroys (graceful, then default) two
 *   domains, and defines and undefines a third, over and over;
 * - a second connection on the same root destroys what it finds
 *   running, so that the first instance's objects are re-read under the
 *   readers' feet.
 *
 * Every call must succeed or fail with the codes such races give
 * (no such domain, not running, already running, another job, a
 * timeout of the job wait), the objects must end as the files say, and
 * no QEMU may be left.  Under ASan (./run sanitize) this is where a use
 * of a freed definition would show.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "testutils.h"
#include "testutilsqemu.h"

#define TEST_SECONDS 4
#define TEST_READERS 3

static char *testURI;
static virConnectPtr testConn;

typedef struct {
    gint stop;        /* atomic */
    gint unexpected;  /* atomic: calls that failed in a way races cannot explain */
    gint calls;       /* atomic */
    gint started;     /* atomic: starts that succeeded */
    gint reread;      /* atomic: destroys by the other instance */
    GMutex lock;
    GString *first;   /* the first unexpected failure */
} testShared;


static bool
testRaceCodeOK(int code)
{
    return code == VIR_ERR_NO_DOMAIN || code == VIR_ERR_OPERATION_INVALID ||
           code == VIR_ERR_RESOURCE_BUSY || code == VIR_ERR_OPERATION_TIMEOUT ||
           code == VIR_ERR_OPERATION_FAILED;
}


/* Counts a failed call unless the race explains it. */
static void
testNoteFailure(testShared *sh, const char *what)
{
    int code = virGetLastErrorCode();

    if (!testRaceCodeOK(code)) {
        g_atomic_int_inc(&sh->unexpected);
        g_mutex_lock(&sh->lock);
        if (!sh->first->len)
            g_string_printf(sh->first, "%s: [%d] %s", what, code,
                            virGetLastErrorMessage());
        g_mutex_unlock(&sh->lock);
    }
    virResetLastError();
}


static gpointer
testReader(gpointer opaque)
{
    testShared *sh = opaque;

    while (!g_atomic_int_get(&sh->stop)) {
        virDomainPtr *doms = NULL;
        int n = virConnectListAllDomains(testConn, &doms, 0);

        g_atomic_int_inc(&sh->calls);
        if (n < 0) {
            testNoteFailure(sh, "list");
            continue;
        }
        for (int i = 0; i < n; i++) {
            virDomainInfo info;
            virDomainPtr byName;
            int state, reason;
            char *xml;

            if (virDomainGetState(doms[i], &state, &reason, 0) < 0)
                testNoteFailure(sh, "state");
            if (virDomainGetInfo(doms[i], &info) < 0)
                testNoteFailure(sh, "info");
            if (!(xml = virDomainGetXMLDesc(doms[i], 0)))
                testNoteFailure(sh, "xml");
            free(xml);
            if (virDomainIsActive(doms[i]) < 0)
                testNoteFailure(sh, "active");
            if (!(byName = virDomainLookupByName(testConn, virDomainGetName(doms[i]))))
                testNoteFailure(sh, "lookup");
            else
                virDomainFree(byName);
            virDomainFree(doms[i]);
            g_atomic_int_add(&sh->calls, 5);
        }
        free(doms);
        /* Leave the writer room to take its jobs. */
        g_usleep(1000);
    }
    return NULL;
}


/* A definition with its UUID fixed (the test's XML has none, and a
 * definition without one gets a new one each time). */
static char *
testWriterXML(const char *name)
{
    g_autofree char *xml = testQemuDomainXML(name, NULL, NULL);
    virDomainPtr dom = virDomainDefineXML(testConn, xml);
    char *ret;

    if (!dom)
        return NULL;
    ret = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    virDomainFree(dom);
    return ret;
}


static gpointer
testWriter(gpointer opaque)
{
    testShared *sh = opaque;
    g_autofree char *xmlA = testWriterXML("thra");
    g_autofree char *xmlB = testWriterXML("thrb");
    g_autofree char *xmlC = testWriterXML("thrc");
    const char *xmls[2] = { xmlA, xmlB };

    if (!xmlA || !xmlB || !xmlC) {
        testNoteFailure(sh, "first define");
        g_atomic_int_inc(&sh->unexpected);
        return NULL;
    }
    for (unsigned int round = 0; !g_atomic_int_get(&sh->stop); round++) {
        virDomainPtr dom = virDomainDefineXML(testConn, xmls[round % 2]);
        virDomainPtr other;

        if (!dom) {
            testNoteFailure(sh, "define");
            continue;
        }
        if (virDomainCreate(dom) < 0)
            testNoteFailure(sh, "start");
        else
            g_atomic_int_inc(&sh->started);
        if (virDomainDestroyFlags(dom, round % 3 ? VIR_DOMAIN_DESTROY_GRACEFUL : 0) < 0)
            testNoteFailure(sh, "destroy");
        virDomainFree(dom);

        if ((other = virDomainDefineXML(testConn, xmlC))) {
            if (virDomainUndefine(other) < 0)
                testNoteFailure(sh, "undefine");
            virDomainFree(other);
        } else {
            testNoteFailure(sh, "define C");
        }
        g_atomic_int_add(&sh->calls, 5);
    }
    return NULL;
}


/* The second instance: destroys whatever it finds running. */
static gpointer
testOther(gpointer opaque)
{
    testShared *sh = opaque;
    virConnectPtr conn = virConnectOpen(testURI);

    if (!conn) {
        testNoteFailure(sh, "open");
        g_atomic_int_inc(&sh->unexpected);
        return NULL;
    }
    while (!g_atomic_int_get(&sh->stop)) {
        virDomainPtr *doms = NULL;
        int n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);

        if (n < 0)
            testNoteFailure(sh, "other list");
        for (int i = 0; i < n; i++) {
            if (virDomainDestroy(doms[i]) < 0)
                testNoteFailure(sh, "other destroy");
            else
                g_atomic_int_inc(&sh->reread);
            virDomainFree(doms[i]);
        }
        free(doms);
        g_usleep(20 * 1000);
    }
    virConnectClose(conn);
    return NULL;
}


static int
testThreads(const void *data G_GNUC_UNUSED)
{
    testShared sh = { .first = g_string_new(NULL) };
    GThread *readers[TEST_READERS];
    GThread *writer;
    GThread *other;
    virDomainPtr *doms = NULL;
    int n;
    int ret = -1;

    g_mutex_init(&sh.lock);
    for (size_t i = 0; i < TEST_READERS; i++)
        readers[i] = g_thread_new("reader", testReader, &sh);
    writer = g_thread_new("writer", testWriter, &sh);
    other = g_thread_new("other", testOther, &sh);
    g_usleep(TEST_SECONDS * G_USEC_PER_SEC);
    g_atomic_int_set(&sh.stop, 1);
    for (size_t i = 0; i < TEST_READERS; i++)
        g_thread_join(readers[i]);
    g_thread_join(writer);
    g_thread_join(other);

    virTestDiag("%d calls, %d starts, %d destroys by the other instance, %d unexpected failures",
                g_atomic_int_get(&sh.calls), g_atomic_int_get(&sh.started),
                g_atomic_int_get(&sh.reread), g_atomic_int_get(&sh.unexpected));
    TEST_ASSERT_MSG(g_atomic_int_get(&sh.unexpected) == 0, "first: %s", sh.first->str);
    /* The threads did run. */
    TEST_ASSERT_CMP_INT(g_atomic_int_get(&sh.calls), >=, 20);
    TEST_ASSERT_CMP_INT(g_atomic_int_get(&sh.started), >=, 4);

    /* What is left agrees with the files, seen by a fresh instance too. */
    TEST_ASSERT_OK(n = virConnectListAllDomains(testConn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE));
    for (int i = 0; i < n; i++) {
        if (virDomainDestroy(doms[i]) < 0)
            virResetLastError();
        virDomainFree(doms[i]);
    }
    free(doms);
    ret = 0;

 cleanup:
    g_string_free(sh.first, TRUE);
    g_mutex_clear(&sh.lock);
    return ret;
}


/* A fresh instance and this one agree on every domain's state. */
static int
testAgree(const void *data G_GNUC_UNUSED)
{
    virConnectPtr fresh = NULL;
    const char *names[] = { "thra", "thrb", "thrc" };
    virDomainPtr a = NULL;
    virDomainPtr b = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(fresh = virConnectOpen(testURI));
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        int sa = -1, sb = -1, ra, rb;

        a = virDomainLookupByName(testConn, names[i]);
        b = virDomainLookupByName(fresh, names[i]);
        virResetLastError();
        TEST_ASSERT_MSG(!!a == !!b, "%s: known to %s only", names[i],
                        a ? "this instance" : "a fresh one");
        if (a) {
            TEST_ASSERT_OK(virDomainGetState(a, &sa, &ra, 0));
            TEST_ASSERT_OK(virDomainGetState(b, &sb, &rb, 0));
            TEST_ASSERT_MSG(sa == sb, "%s: state %d here, %d in a fresh instance",
                            names[i], sa, sb);
            virDomainFree(a);
            virDomainFree(b);
            a = b = NULL;
        }
    }
    ret = 0;

 cleanup:
    if (a)
        virDomainFree(a);
    if (b)
        virDomainFree(b);
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        virDomainPtr dom = virDomainLookupByName(testConn, names[i]);

        if (dom) {
            virDomainUndefine(dom);
            virDomainFree(dom);
        }
    }
    virResetLastError();
    if (fresh)
        virConnectClose(fresh);
    return ret;
}


static int
mymain(void)
{
    g_autofree char *root = NULL;
    int ret = 0;

    if (!(testConn = testQemuConnectNew(TEST_QEMU_CONF, false, &root, &testURI)))
        return -1;
    ret |= virTestRun("threads on one instance, another instance alongside",
                      testThreads, NULL);
    ret |= virTestRun("this instance and a fresh one agree", testAgree, NULL);
    ret |= virTestRun("no domain and no process left behind", testQemuNoLeftovers,
                      testConn);
    virConnectClose(testConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
