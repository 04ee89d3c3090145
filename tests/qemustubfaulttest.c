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

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    if (testStubSignal(stub, SIGTERM) < 0 || testStubSignal(stub, SIGINT) < 0 ||
        testStubWaitExit(stub, 300, NULL) != 0)
        return -1;
    /* Still serving. */
    if (testStubExpect(stub, "{\"execute\":\"query-status\"}",
                       "{\"return\":{\"status\":\"prelaunch\",\"singlestep\":false,"
                       "\"running\":false}}\n") < 0)
        return -1;
    if (testStubSignal(stub, SIGKILL) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -1;
}


static int
testTermDelay(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-term-delay-300", NULL);
    g_autofree char *message = testStubTermMessage(SIGTERM);
    gint64 start;
    gint64 elapsed;
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    start = g_get_monotonic_time();
    if (testStubSignal(stub, SIGTERM) < 0)
        return -1;
    /* A second SIGTERM does not postpone the exit. */
    g_usleep(100 * 1000);
    if (testStubSignal(stub, SIGTERM) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    elapsed = g_get_monotonic_time() - start;
    if (elapsed < 300 * 1000 || elapsed > 390 * 1000 + 1000 * 1000) {
        virTestDiag("exited %lld us after SIGTERM", (long long)elapsed);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return message && testStubLogHas(stub, message) ? 0 : -1;
}


static int
testDieInHandshake(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-die-in-handshake", NULL);
    g_autoptr(JsonNode) greeting = NULL;
    g_autoptr(JsonNode) after = NULL;
    int status = -1;

    if (!stub || testStubConnect(stub) < 0)
        return -1;
    if (!(greeting = testStubRead(stub)) ||
        !json_object_has_member(json_node_get_object(greeting), "QMP"))
        return -1;
    /* Then end of file, and an exit status of 1. */
    if ((after = testStubRead(stub)))
        return -1;
    if (testStubWaitExit(stub, 5000, &status) != 1 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 1)
        return -1;
    if (!testStubLogHas(stub, "qemu-system-x86_64: qemu-stub: exiting during "
                    "the QMP handshake\n"))
        return -1;
    return 0;
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

    if (!stub || testStubConnect(stub) < 0)
        return -1;
    if (!(greeting = testStubRead(stub)) ||
        !json_object_has_member(json_node_get_object(greeting), "QMP"))
        return -1;
    /* End of file first; the exit (status 1) 100 ms later. */
    if ((after = testStubRead(stub)))
        return -1;
    closed = g_get_monotonic_time();
    if (testStubWaitExit(stub, 5000, &status) != 1 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 1)
        return -1;
    elapsed = g_get_monotonic_time() - closed;
    if (elapsed < 50 * 1000) {
        virTestDiag("exited %lld us after closing its monitor", (long long)elapsed);
        return -1;
    }
    if (!testStubLogHas(stub, "qemu-system-x86_64: qemu-stub: closing the monitor "
                    "during the QMP handshake\n"))
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
}


static int
testSilent(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-silent", NULL);
    g_autoptr(JsonNode) nothing = NULL;
    const char *cmd = "{\"execute\":\"qmp_capabilities\"}\r\n";
    int status = -1;

    if (!stub || testStubConnect(stub) < 0)
        return -1;
    if (write(stub->mon, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
        return -1;
    if ((nothing = testStubReadWithin(stub, 300)) || stub->in->len != 0)
        return -1;
    /* It takes SIGTERM normally. */
    if (testStubSignal(stub, SIGTERM) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}


static int
testExitAtOnce(const void *opaque G_GNUC_UNUSED)
{
    g_autoptr(testStub) stub = testStubStart("qemu-stub-exit-at-once", NULL);
    g_autofree char *log = NULL;
    int status = -1;

    if (!stub || testStubWaitExit(stub, 5000, &status) != 1)
        return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
        return -1;
    if (virFileReadAll(stub->log, 4096, &log) < 0 ||
        virTestCompareStrings("qemu-system-x86_64: unsupported machine type\n"
                              "Use -machine help to list supported machines\n",
                              log, "log") < 0)
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
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
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    /* Paused guests do not act on the button until they run. */
    if (testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                       "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if ((event = testStubReadWithin(stub, 200))) {
        virTestDiag("a paused guest acted on the power button");
        return -1;
    }
    if (testStubExpect(stub, "{\"execute\":\"cont\"}",
                       "{\"event\":\"RESUME\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if (!(event = testStubRead(stub)))
        return -1;
    json_object_remove_member(json_node_get_object(event), "timestamp");
    text = testStubFormat(event);
    if (virTestCompareStrings("{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":true,"
                              "\"reason\":\"guest-shutdown\"}}", text, "event") < 0)
        return -1;
    g_clear_pointer(&event, json_node_unref);
    g_clear_pointer(&text, g_free);
    if (!(event = testStubRead(stub)))
        return -1;
    json_object_remove_member(json_node_get_object(event), "timestamp");
    text = testStubFormat(event);
    if (virTestCompareStrings("{\"event\":\"STOP\"}", text, "event") < 0)
        return -1;

    /* QEMU stays, powered off, until someone ends it or resets it. */
    if (testStubWaitExit(stub, 100, NULL) != 0)
        return -1;
    if (testStubExpect(stub, "{\"execute\":\"query-status\"}",
                       "{\"return\":{\"status\":\"shutdown\",\"singlestep\":false,"
                       "\"running\":false}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"cont\"}",
                       "{\"error\":{\"class\":\"GenericError\",\"desc\":"
                       "\"Resetting the Virtual Machine is required\"}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                       "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if (testStubSignal(stub, SIGTERM) < 0 ||
        testStubWaitExit(stub, 5000, &status) != 1 ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
}


/* Without -no-shutdown, QEMU exits when the guest powers off. */
static int
testAcpiGuestExits(const void *opaque G_GNUC_UNUSED)
{
    const char *const args[] = TEST_ACPI_ARGS();
    g_autoptr(testStub) stub = testStubStart("qemu-stub-acpi-guest", args);
    g_autoptr(JsonNode) event = NULL;
    g_autofree char *text = NULL;
    int status = -1;

    if (!stub || testStubHandshake(stub) < 0)
        return -1;
    if (testStubExpect(stub, "{\"execute\":\"cont\"}",
                       "{\"event\":\"RESUME\"}\n{\"return\":{}}\n") < 0 ||
        testStubExpect(stub, "{\"execute\":\"system_powerdown\"}",
                       "{\"event\":\"POWERDOWN\"}\n{\"return\":{}}\n") < 0)
        return -1;
    if (!(event = testStubRead(stub)))
        return -1;
    json_object_remove_member(json_node_get_object(event), "timestamp");
    text = testStubFormat(event);
    if (virTestCompareStrings("{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":true,"
                              "\"reason\":\"guest-shutdown\"}}", text, "event") < 0)
        return -1;
    if (testStubWaitExit(stub, 5000, &status) != 1 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    return virFileExists(stub->pidfile) || virFileExists(stub->sock) ? -1 : 0;
}


static int
testNoChildLeft(const void *opaque G_GNUC_UNUSED)
{
    return testNoChildren() ? 0 : -1;
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

    if (testStubSetup() < 0)
        return -1;

    DO_TEST("qemu-stub-ignore-term only dies by SIGKILL", testIgnoreTerm);
    DO_TEST("qemu-stub-term-delay-300 exits 300 ms after SIGTERM",
            testTermDelay);
    DO_TEST("qemu-stub-die-in-handshake exits after the greeting",
            testDieInHandshake);
    DO_TEST("qemu-stub-close-in-handshake closes its monitor, then exits",
            testCloseInHandshake);
    DO_TEST("qemu-stub-silent never answers", testSilent);
    DO_TEST("qemu-stub-exit-at-once fails like a bad machine type",
            testExitAtOnce);
    DO_TEST("qemu-stub-acpi-guest powers off and waits with -no-shutdown",
            testAcpiGuestNoShutdown);
    DO_TEST("qemu-stub-acpi-guest powers off and exits without -no-shutdown",
            testAcpiGuestExits);
    DO_TEST("no child left behind", testNoChildLeft);

    return ret;
}

VIR_TEST_MAIN(mymain)
