/*
 * fuzz_qmp.c: the QMP message parser (qemuMonitorParseMessage), which
 * reads every line QEMU sends
 *
 * QEMU is not trusted to send well-formed lines: anything may be
 * refused, nothing may crash, leak or read past the line, and what is
 * accepted is classified consistently.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
#include "qemu_monitor_priv.h"
#include "virerror.h"
#include "fuzz.h"


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    fuzzSetup();
    return 0;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy: a read past the line is an ASan error. */
    g_autofree char *line = g_memdup2(data, size);
    g_autoptr(qemuMonitorMessage) msg = NULL;

    fuzzSetup();
    if (qemuMonitorParseMessage(line, size, &msg) < 0) {
        virResetLastError();
        return 0;
    }
    if (!msg || !msg->root)
        fuzzFail("an accepted message has no content", NULL);
    switch (msg->type) {
    case QEMU_MONITOR_MESSAGE_EVENT:
        if (!msg->event)
            fuzzFail("an event without a name", NULL);
        break;
    case QEMU_MONITOR_MESSAGE_REPLY:
        if (!msg->isError && !msg->ret)
            fuzzFail("a reply that is neither a return nor an error", NULL);
        if (msg->isError && msg->ret)
            fuzzFail("a reply that is both a return and an error", NULL);
        break;
    case QEMU_MONITOR_MESSAGE_GREETING:
        break;
    default:
        fuzzFail("a message of no known type", NULL);
    }
    return 0;
}
