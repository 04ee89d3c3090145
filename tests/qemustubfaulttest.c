/*
 * qemustubfaulttest.c: each fault the stub QEMU's names promise
 *
 * qemu-stub-ignore-term, -term-delay-300, -die-in-handshake,
 * -close-in-handshake, -silent, -exit-at-once and -acpi-guest do what
 * their names say, seen with plain socket code and json-glib
 * (testutilsstub.h), so that the driver's fault-path tests can trust
 * them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "testutils.h"
#include "testutilsproc.h"
#include "testutilsstub.h"
#include "virerror.h"
#include "virfile.h"
#include "virprocess.h"

#define VIR_FROM_THIS VIR_FROM_NONE


static int
testIgnoreTerm(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-ignore-term", NULL);
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubHandshake(stub));
    TEST_ASSERT_OK(testStubSignal(stub, SIGTERM));
    TEST_ASSERT_OK(testStubSignal(stub, SIGINT));
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 300, NULL), 0);
    /* Still serving. */
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-status\"}",
                                  "{\"return\":{\"status\":\"prelaunch\",\"singlestep\":false,"
                                  "\"running\":false}}\n"));
    TEST_ASSERT_OK(testStubSignal(stub, SIGKILL));
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_KILLED(status, SIGKILL);
    ret = 0;

 cleanup:
    return ret;
}


static int
testTermDelay(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-term-delay-300", NULL);
    g_autofree char *message = testStubTermMessage(SIGTERM);
    gint64 start;
    gint64 elapsed;
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubHandshake(stub));
    start = g_get_monotonic_time();
    TEST_ASSERT_OK(testStubSignal(stub, SIGTERM));
    /* A second SIGTERM does not postpone the exit. */
    g_usleep(100 * 1000);
    TEST_ASSERT_OK(testStubSignal(stub, SIGTERM));
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    elapsed = g_get_monotonic_time() - start;
    /* Microseconds after the first SIGTERM. */
    TEST_ASSERT_CMP_INT(elapsed, >=, 300 * 1000);
    TEST_ASSERT_CMP_INT(elapsed, <=, 390 * 1000 + 1000 * 1000);
    TEST_ASSERT_EXITED(status, 0);
    TEST_ASSERT_NONNULL(message);
    TEST_ASSERT(testStubLogHas(stub, message));
    ret = 0;

 cleanup:
    return ret;
}


static int
testDieInHandshake(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-die-in-handshake", NULL);
    g_autoptr(JsonNode) greeting = NULL;
    g_autoptr(JsonNode) after = NULL;
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubConnect(stub));
    TEST_ASSERT_NONNULL(greeting = testStubRead(stub));
    TEST_ASSERT(json_object_has_member(json_node_get_object(greeting), "QMP"));
    /* Then end of file, and an exit status of 1. */
    TEST_ASSERT(!(after = testStubRead(stub)));
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_EXITED(status, 1);
    TEST_ASSERT(testStubLogHas(stub, "qemu-system-x86_64: qemu-stub: exiting during "
                               "the QMP handshake\n"));
    ret = 0;

 cleanup:
    return ret;
}


static int
testCloseInHandshake(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-close-in-handshake", NULL);
    g_autoptr(JsonNode) greeting = NULL;
    g_autoptr(JsonNode) after = NULL;
    gint64 closed;
    gint64 elapsed;
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubConnect(stub));
    TEST_ASSERT_NONNULL(greeting = testStubRead(stub));
    TEST_ASSERT(json_object_has_member(json_node_get_object(greeting), "QMP"));
    /* End of file first; the exit (status 1) 100 ms later. */
    TEST_ASSERT(!(after = testStubRead(stub)));
    closed = g_get_monotonic_time();
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_EXITED(status, 1);
    /* Microseconds between the close and the exit. */
    elapsed = g_get_monotonic_time() - closed;
    TEST_ASSERT_CMP_INT(elapsed, >=, 50 * 1000);
    TEST_ASSERT(testStubLogHas(stub, "qemu-system-x86_64: qemu-stub: closing the monitor "
                               "during the QMP handshake\n"));
    TEST_ASSERT(testStubFilesGone(stub));
    ret = 0;

 cleanup:
    return ret;
}


static int
testSilent(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-silent", NULL);
    g_autoptr(JsonNode) nothing = NULL;
    const char *cmd = "{\"execute\":\"qmp_capabilities\"}\r\n";
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubConnect(stub));
    TEST_ASSERT_EQ_INT(write(stub->mon, cmd, strlen(cmd)), strlen(cmd));
    TEST_ASSERT(!(nothing = testStubReadWithin(stub, 300)));
    TEST_ASSERT_EQ_INT(stub->in->len, 0);
    /* It takes SIGTERM normally. */
    TEST_ASSERT_OK(testStubSignal(stub, SIGTERM));
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_EXITED(status, 0);
    ret = 0;

 cleanup:
    return ret;
}


static int
testExitAtOnce(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-exit-at-once", NULL);
    g_autofree char *log = NULL;
    int status = -1;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 5000, &status), 1);
    TEST_ASSERT_EXITED(status, 1);
    TEST_ASSERT_OK(virFileReadAll(stub->log, 4096, &log));
    TEST_ASSERT_EQ_STR(log, "qemu-system-x86_64: unsupported machine type\n"
                            "Use -machine help to list supported machines\n");
    TEST_ASSERT(testStubFilesGone(stub));
    ret = 0;

 cleanup:
    return ret;
}


/* The stub's arguments for a domain, with or without -no-shutdown. */
#define TEST_ACPI_ARGS(...) \
    { "-name", "guest=demo,debug-threads=on", "-S", \
      "-chardev", "socket,id=charmonitor,path=@DIR@/monitor.sock,server=on,wait=off", \
      "-mon", "chardev=charmonitor,id=monitor,mode=control", \
      "-pidfile", "@DIR@/demo.pid", __VA_ARGS__ NULL }

/*
 * qemu-stub-acpi-guest with -no-shutdown: the guest powers off once
 * its CPUs run, and QEMU waits in run state 'shutdown'.
 */
static int
testAcpiGuestNoShutdown(const void *opaque G_GNUC_UNUSED)
{
    const char *const args[] = TEST_ACPI_ARGS("-no-shutdown",);
    g_autoptr(testStub) stub = testStubStart("qemu-stub-acpi-guest", args);
    g_autoptr(JsonNode) event = NULL;
    g_autofree char *text = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubHandshake(stub));
    /* Paused guests do not act on the button until they run. */
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                                  "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_MSG(!(event = testStubReadWithin(stub, 200)),
                    "a paused guest acted on the power button");
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"cont\"}",
                                  "{\"event\":\"RESUME\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_NONNULL(text = testStubReadEvent(stub));
    TEST_ASSERT_EQ_STR(text, "{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":true,"
                             "\"reason\":\"guest-shutdown\"}}");
    g_clear_pointer(&text, g_free);
    TEST_ASSERT_NONNULL(text = testStubReadEvent(stub));
    TEST_ASSERT_EQ_STR(text, "{\"event\":\"STOP\"}");

    /* QEMU stays, powered off, until someone ends it or resets it. */
    TEST_ASSERT_EQ_INT(testStubWaitExit(stub, 100, NULL), 0);
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"query-status\"}",
                                  "{\"return\":{\"status\":\"shutdown\",\"singlestep\":false,"
                                  "\"running\":false}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"cont\"}",
                                  "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                                  "\"Resetting the Virtual Machine is required\"}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                                  "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_OK(testStubSignal(stub, SIGTERM));
    TEST_ASSERT_OK(testStubExitsClean(stub));
    ret = 0;

 cleanup:
    return ret;
}


/* Without -no-shutdown, QEMU exits when the guest powers off. */
static int
testAcpiGuestExits(const void *opaque G_GNUC_UNUSED)
{
    const char *const args[] = TEST_ACPI_ARGS();
    g_autoptr(testStub) stub = testStubStart("qemu-stub-acpi-guest", args);
    g_autofree char *text = NULL;
    int ret = -1;

    TEST_ASSERT_NONNULL(stub);
    TEST_ASSERT_OK(testStubHandshake(stub));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"cont\"}",
                                  "{\"event\":\"RESUME\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_OK(testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                                  "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n"));
    TEST_ASSERT_NONNULL(text = testStubReadEvent(stub));
    TEST_ASSERT_EQ_STR(text, "{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":true,"
                             "\"reason\":\"guest-shutdown\"}}");
    TEST_ASSERT_OK(testStubExitsClean(stub));
    ret = 0;

 cleanup:
    return ret;
}


static int
mymain(void)
{
    int ret = 0;

    if (testStubSetup() < 0)
        return -1;

    ret |= virTestRun("qemu-stub-ignore-term only dies by SIGKILL", testIgnoreTerm, NULL);
    ret |= virTestRun("qemu-stub-term-delay-300 exits 300 ms after SIGTERM",
                      testTermDelay, NULL);
    ret |= virTestRun("qemu-stub-die-in-handshake exits after the greeting",
                      testDieInHandshake, NULL);
    ret |= virTestRun("qemu-stub-close-in-handshake closes its monitor, then exits",
                      testCloseInHandshake, NULL);
    ret |= virTestRun("qemu-stub-silent never answers", testSilent, NULL);
    ret |= virTestRun("qemu-stub-exit-at-once fails like a bad machine type",
                      testExitAtOnce, NULL);
    ret |= virTestRun("qemu-stub-acpi-guest powers off and waits with -no-shutdown",
                      testAcpiGuestNoShutdown, NULL);
    ret |= virTestRun("qemu-stub-acpi-guest powers off and exits without -no-shutdown",
                      testAcpiGuestExits, NULL);
    ret |= virTestRun("no child left behind", testNoChildLeft, NULL);

    return ret;
}

VIR_TEST_MAIN(mymain)
