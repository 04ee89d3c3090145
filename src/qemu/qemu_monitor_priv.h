/*
 * qemu_monitor_priv.h: what the monitor's two source files share, and
 * what only tests (and fuzzers) call
 *
 * Only qemu_monitor.c, qemu_monitor_json.c and their tests include this.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "qemu_monitor.h"

/* Longest line QEMU may send; query-qmp-schema is about 200 KiB. */
#define QEMU_MONITOR_MAX_MESSAGE (16 * 1024 * 1024)

/* Deepest nesting of objects and arrays a message may have. */
#define QEMU_MONITOR_MAX_NESTING 256

typedef enum {
    QEMU_MONITOR_MESSAGE_GREETING, /* {"QMP": ...}, first thing QEMU sends */
    QEMU_MONITOR_MESSAGE_REPLY,    /* {"return": ...} or {"error": ...} */
    QEMU_MONITOR_MESSAGE_EVENT,    /* {"event": NAME, "data": ...} */
} qemuMonitorMessageType;

/* One line from QEMU, classified.  Pointers into @root are borrowed. */
typedef struct _qemuMonitorMessage qemuMonitorMessage;
struct _qemuMonitorMessage {
    qemuMonitorMessageType type;
    JsonNode *root;        /* the whole object */

    /* REPLY */
    char *id;              /* the "id" QEMU echoed (JSON text if not a
                            * string), NULL when there is none */
    JsonNode *ret;         /* "return"; NULL for an error reply */
    bool isError;
    char *errorClass;      /* "error"."class", or NULL */
    char *errorDesc;       /* "error"."desc", or NULL */

    /* EVENT */
    char *event;           /* its name */
    JsonObject *data;      /* "data", or NULL when absent */
};

void qemuMonitorMessageFree(qemuMonitorMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuMonitorMessage, qemuMonitorMessageFree);

int qemuMonitorParseMessage(const char *line,
                            size_t len,
                            qemuMonitorMessage **retMsg);

/* Transport, for qemu_monitor_json.c. */

typedef enum {
    /* For "quit": QEMU closing the connection counts as the reply. */
    QEMU_MONITOR_SEND_EOF_IS_REPLY = 1 << 0,
} qemuMonitorSendFlags;

char *qemuMonitorNextCommandId(qemuMonitor *mon);

int qemuMonitorSend(qemuMonitor *mon,
                    const char *cmdName,
                    const char *id,
                    const char *line,
                    int timeoutMs,
                    unsigned int flags,
                    qemuMonitorMessage **retReply);

/* Event delivery, called on the I/O thread without the lock. */
void qemuMonitorEmitShutdown(qemuMonitor *mon, bool guest,
                             qemuMonitorShutdownReason reason);
void qemuMonitorEmitReset(qemuMonitor *mon, bool guest,
                          qemuMonitorShutdownReason reason);
void qemuMonitorEmitPowerdown(qemuMonitor *mon);
void qemuMonitorEmitStop(qemuMonitor *mon);
void qemuMonitorEmitResume(qemuMonitor *mon);
