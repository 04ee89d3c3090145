/*
 * vsh-table.c: column-aligned tables, as virsh prints them
 *
 * Each line starts with a blank; columns are padded to their widest
 * cell (in terminal cells, so wide characters count twice) and
 * separated by three blanks; the last column is not padded.  Under the
 * header, a rule of dashes runs two past the widest possible line.
 * Unprintable characters are shown as \xNN so that a name can never
 * move the cursor or break the layout.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "vsh-table.h"

struct _vshTable {
    GPtrArray *rows; /* of GStrv; the first is the header */
    size_t ncols;
};


/* @str with unprintable characters escaped, and its width in terminal
 * cells.  The library gives valid UTF-8; anything else would show as
 * U+FFFD. */
static char *
vshTableSafeEncode(const char *str, size_t *retWidth)
{
    g_autofree char *valid = g_utf8_make_valid(str, -1);
    GString *out = g_string_new(NULL);
    size_t width = 0;

    for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);

        if (!g_unichar_isprint(c) && !g_unichar_iszerowidth(c)) {
            for (const char *b = p; b < g_utf8_next_char(p); b++)
                g_string_append_printf(out, "\\x%02x", (unsigned char)*b);
            width += 4 * (g_utf8_next_char(p) - p);
            continue;
        }
        if (g_unichar_iswide(c))
            width += 2;
        else if (!g_unichar_iszerowidth(c))
            width += 1;
        g_string_append_unichar(out, c);
    }
    *retWidth = width;
    return g_string_free(out, FALSE);
}


static GStrv
vshTableRowNew(const char *cell, va_list ap)
{
    GPtrArray *row = g_ptr_array_new();

    for (; cell; cell = va_arg(ap, const char *))
        g_ptr_array_add(row, g_strdup(cell));
    g_ptr_array_add(row, NULL);
    return (GStrv)g_ptr_array_free(row, FALSE);
}


/**
 * vshTableNew:
 * @header: the first column's heading, then the others, then NULL
 *
 * Returns: a new table with that header.
 */
vshTable *
vshTableNew(const char *header, ...)
{
    vshTable *table = g_new0(vshTable, 1);
    GStrv row;
    va_list ap;

    va_start(ap, header);
    row = vshTableRowNew(header, ap);
    va_end(ap);
    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    table->ncols = g_strv_length(row);
    g_ptr_array_add(table->rows, row);
    return table;
}


/**
 * vshTableFree:
 * @table: a table, or NULL
 */
void
vshTableFree(vshTable *table)
{
    if (!table)
        return;
    g_ptr_array_unref(table->rows);
    g_free(table);
}


/**
 * vshTableRowAppend:
 * @table: a table
 * @cell: the first cell, then the others, then NULL
 *
 * Appends a row; missing cells are empty, extra ones are dropped.
 */
void
vshTableRowAppend(vshTable *table, const char *cell, ...)
{
    GStrv row;
    GStrv fitted;
    va_list ap;

    va_start(ap, cell);
    row = vshTableRowNew(cell, ap);
    va_end(ap);

    fitted = g_new0(char *, table->ncols + 1);
    for (size_t i = 0; i < table->ncols; i++)
        fitted[i] = g_strdup(i < g_strv_length(row) ? row[i] : "");
    g_strfreev(row);
    g_ptr_array_add(table->rows, fitted);
}


/**
 * vshTablePrintToString:
 * @table: a table
 * @header: whether to print the header and its rule (the widths count
 *          the header only then)
 *
 * Returns: the table's text, for the caller to free.
 */
char *
vshTablePrintToString(vshTable *table, bool header)
{
    size_t nrows = table->rows->len;
    g_autofree size_t *widths = g_new0(size_t, table->ncols);
    g_autofree char **cells = g_new0(char *, nrows * table->ncols);
    g_autofree size_t *cellWidths = g_new0(size_t, nrows * table->ncols);
    GString *out = g_string_new(NULL);
    size_t first = header ? 0 : 1;

    for (size_t r = first; r < nrows; r++) {
        GStrv row = g_ptr_array_index(table->rows, r);

        for (size_t c = 0; c < table->ncols; c++) {
            size_t i = r * table->ncols + c;

            cells[i] = vshTableSafeEncode(row[c], &cellWidths[i]);
            widths[c] = MAX(widths[c], cellWidths[i]);
        }
    }

    for (size_t r = first; r < nrows; r++) {
        g_string_append_c(out, ' ');
        for (size_t c = 0; c < table->ncols; c++) {
            size_t i = r * table->ncols + c;

            g_string_append(out, cells[i]);
            if (c + 1 < table->ncols) {
                for (size_t pad = cellWidths[i]; pad < widths[c] + 3; pad++)
                    g_string_append_c(out, ' ');
            }
        }
        g_string_append_c(out, '\n');

        if (r == 0) {
            size_t rule = 1 + 2 + 3 * (table->ncols - 1);

            for (size_t c = 0; c < table->ncols; c++)
                rule += widths[c];
            for (size_t k = 0; k < rule; k++)
                g_string_append_c(out, '-');
            g_string_append_c(out, '\n');
        }
    }

    for (size_t i = 0; i < nrows * table->ncols; i++)
        g_free(cells[i]);
    return g_string_free(out, FALSE);
}


/**
 * vshTablePrintToStdout:
 * @table: a table
 * @ctl: the shell; with -q the header is left out
 */
void
vshTablePrintToStdout(vshTable *table, vshControl *ctl)
{
    g_autofree char *text = vshTablePrintToString(table, !ctl->quiet);

    vshPrint(ctl, "%s", text);
}
