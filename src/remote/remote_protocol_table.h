/*
 * remote_protocol_table.h: what there is to know about each procedure
 * of the REMOTE program, by number (generated: remote_protocol_table.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
#include "remote_protocol.h"

typedef struct {
    const char *name;        /* "DOMAIN_GET_STATE"; NULL for a hole */
    const char *api;         /* the public function it stands for */
    int errorDomain;         /* virErrorDomain of its "not supported" */
    xdrproc_t argsFilter;    /* a MESSAGE's payload for events */
    size_t argsSize;
    xdrproc_t retFilter;
    size_t retSize;
    bool message;            /* an event: server to client, no reply */
    bool highPriority;       /* the daemon's high-priority lane */
    bool dispatched;         /* the daemon serves it */
} remoteProcedureInfo;

extern const remoteProcedureInfo remoteProcedureTable[];
extern const size_t remoteProcedureTableSize;

/* The entry of @proc, or NULL when the program has no such procedure. */
static inline const remoteProcedureInfo *
remoteProcedureLookup(int proc)
{
    if (proc <= 0 || (size_t)proc >= remoteProcedureTableSize ||
        !remoteProcedureTable[proc].name)
        return NULL;
    return &remoteProcedureTable[proc];
}
