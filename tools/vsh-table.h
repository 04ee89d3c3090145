/*
 * vsh-table.h: column-aligned tables, as virsh prints them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "vsh.h"

typedef struct _vshTable vshTable;

vshTable *vshTableNew(const char *header, ...) G_GNUC_NULL_TERMINATED;
void vshTableFree(vshTable *table);
void vshTableRowAppend(vshTable *table, const char *cell, ...)
    G_GNUC_NULL_TERMINATED;
void vshTablePrintToStdout(vshTable *table, vshControl *ctl);
char *vshTablePrintToString(vshTable *table, bool header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vshTable, vshTableFree);
