/*
 * virbuffer.c: a growing string with indentation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virbuffer.h"

/*
 * Indentation is applied lazily: whenever text is added at the start of
 * a line, the current indentation goes in front of it.  Callers write
 * one element per line and adjust the indent around children.
 */

static void
virBufferInit(virBuffer *buf)
{
    if (!buf->str)
        buf->str = g_string_sized_new(64);
}


static void
virBufferApplyIndent(virBuffer *buf)
{
    if (buf->indent <= 0)
        return;
    if (buf->str->len > 0 && buf->str->str[buf->str->len - 1] != '\n')
        return;
    for (int i = 0; i < buf->indent; i++)
        g_string_append_c(buf->str, ' ');
}


/**
 * virBufferFreeAndReset:
 * @buf: a buffer; left empty and reusable
 */
void
virBufferFreeAndReset(virBuffer *buf)
{
    if (buf->str)
        g_string_free(buf->str, TRUE);
    buf->str = NULL;
    buf->indent = 0;
}


/**
 * virBufferContentAndReset:
 * @buf: a buffer; left empty
 *
 * Returns: its contents, for the caller to free; NULL if nothing was
 * ever added.
 */
char *
virBufferContentAndReset(virBuffer *buf)
{
    char *ret = NULL;

    if (buf->str)
        ret = g_string_free(buf->str, FALSE);
    buf->str = NULL;
    buf->indent = 0;
    return ret;
}


/**
 * virBufferCurrentContent:
 * @buf: a buffer
 *
 * Returns: its contents so far ("" when empty), still owned by @buf.
 */
const char *
virBufferCurrentContent(virBuffer *buf)
{
    return buf->str ? buf->str->str : "";
}


size_t
virBufferUse(const virBuffer *buf)
{
    return buf->str ? buf->str->len : 0;
}


/**
 * virBufferAdd:
 * @buf: a buffer
 * @str: text to append
 * @len: its length, or -1 for strlen(@str)
 */
void
virBufferAdd(virBuffer *buf, const char *str, int len)
{
    if (!str)
        return;
    virBufferInit(buf);
    virBufferApplyIndent(buf);
    if (len < 0)
        g_string_append(buf->str, str);
    else
        g_string_append_len(buf->str, str, len);
}


void
virBufferAddChar(virBuffer *buf, char c)
{
    virBufferAdd(buf, &c, 1);
}


void
virBufferVasprintf(virBuffer *buf, const char *format, va_list ap)
{
    virBufferInit(buf);
    virBufferApplyIndent(buf);
    g_string_append_vprintf(buf->str, format, ap);
}


/**
 * virBufferAsprintf:
 * @buf: a buffer
 * @format: printf-style format, then its arguments
 */
void
virBufferAsprintf(virBuffer *buf, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    virBufferVasprintf(buf, format, ap);
    va_end(ap);
}


/*
 * Escapes @str for XML so that a parser gives back exactly @str: the
 * markup characters and C0/C1 controls as g_markup_escape_text() does,
 * and the three controls an XML parser would normalize away: a CR
 * anywhere (a parser turns CR and CR LF into LF), and in an attribute
 * (@attr) also tab and LF (a parser turns them into spaces).  In text,
 * tab and LF stay as they are, readable.
 */
static char *
virBufferEscapeXML(const char *str, bool attr)
{
    g_autofree char *escaped = g_markup_escape_text(str, -1);
    g_autoptr(GString) out = NULL;

    if (!strpbrk(escaped, "\t\n\r"))
        return g_steal_pointer(&escaped);
    out = g_string_sized_new(strlen(escaped) + 16);
    for (const char *p = escaped; *p; p++) {
        if (*p == '\r')
            g_string_append(out, "&#13;");
        else if (*p == '\n' && attr)
            g_string_append(out, "&#10;");
        else if (*p == '\t' && attr)
            g_string_append(out, "&#9;");
        else
            g_string_append_c(out, *p);
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}


/**
 * virBufferEscapeString:
 * @buf: a buffer
 * @format: a format with exactly one "%s"; "%s" right after a quote
 *          (" name='%s'") is an attribute value, anywhere else text
 * @str: text to escape for XML and put in place of "%s"; when NULL,
 *       nothing at all is added
 *
 * Whatever @str holds, parsing the result gives @str back byte for
 * byte (as long as @str is something XML can carry at all: it cannot
 * carry the C0 controls other than tab, LF and CR).  Attribute values
 * and text are escaped differently, since a parser normalizes
 * whitespace differently in each.
 */
void
virBufferEscapeString(virBuffer *buf, const char *format, const char *str)
{
    g_autofree char *escaped = NULL;
    const char *pct;
    bool attr;

    if (!str)
        return;
    pct = strstr(format, "%s");
    attr = pct && pct > format && (pct[-1] == '\'' || pct[-1] == '"');
    escaped = virBufferEscapeXML(str, attr);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    virBufferAsprintf(buf, format, escaped);
#pragma GCC diagnostic pop
}


/**
 * virBufferAdjustIndent:
 * @buf: a buffer
 * @delta: spaces to add to (or, negative, remove from) the indentation
 */
void
virBufferAdjustIndent(virBuffer *buf, int delta)
{
    buf->indent = MAX(0, buf->indent + delta);
}


int
virBufferGetIndent(const virBuffer *buf)
{
    return buf->indent;
}


/**
 * virBufferTrim:
 * @buf: a buffer
 * @suffix: text to remove from the end, if the buffer ends with it
 */
void
virBufferTrim(virBuffer *buf, const char *suffix)
{
    size_t len = strlen(suffix);

    if (!buf->str || buf->str->len < len)
        return;
    if (STREQ(buf->str->str + buf->str->len - len, suffix))
        g_string_truncate(buf->str, buf->str->len - len);
}


/**
 * virBufferAddBuffer:
 * @buf: a buffer
 * @child: a buffer whose contents are moved to the end of @buf; left
 *         empty
 */
void
virBufferAddBuffer(virBuffer *buf, virBuffer *child)
{
    g_autofree char *content = virBufferContentAndReset(child);

    if (content) {
        virBufferInit(buf);
        g_string_append(buf->str, content);
    }
}
