/*
 * virxml.c: reading XML documents with libxml2
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virxml.h"
#include "virbuffer.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_XML


/* What the parser's error callback needs: who reports, and for what. */
typedef struct {
    int domcode;
    const char *url;
    bool reported;
} virXMLParseState;


/*
 * The line of the input the parser stopped on, and a second line with
 * a caret under the place: '-' for every character before it, tabs
 * kept so that the caret lines up (at the end of the line when the
 * parser stopped at its line break).  When the parser stopped at the
 * start of an empty line (the end of the input, typically) there is
 * no text to show, and the context reads "(null)", as upstream's does.
 */
static void
virXMLParseContext(xmlParserCtxtPtr ctxt, char **retLine, char **retPointer)
{
    const xmlChar *base;
    const xmlChar *cur;
    const xmlChar *start;
    const xmlChar *end;
    GString *pointer = g_string_new(NULL);

    *retLine = NULL;
    if (!ctxt->input || !ctxt->input->base || !ctxt->input->cur) {
        g_string_append_c(pointer, '^');
        *retPointer = g_string_free(pointer, FALSE);
        return;
    }
    base = ctxt->input->base;
    cur = ctxt->input->cur;

    /* An error reported on a line break belongs to the line before;
     * the caret still counts from where the parser is. */
    start = cur;
    while (start > base && (*start == '\n' || *start == '\r'))
        start--;
    while (start > base && *start != '\n' && *start != '\r')
        start--;
    if (*start == '\n' || *start == '\r')
        start++;
    end = start;
    while (*end && *end != '\n' && *end != '\r')
        end++;

    if (end > start)
        *retLine = g_strndup((const char *)start, end - start);
    for (const xmlChar *p = start; p < cur && p < end; p++)
        g_string_append_c(pointer, *p == '\t' ? '\t' : '-');
    g_string_append_c(pointer, '^');
    *retPointer = g_string_free(pointer, FALSE);
}


/* libxml2's error channel: reports the first error only, with the line
 * number and where on the line it was found. */
static void G_GNUC_PRINTF(2, 3)
virXMLParseError(void *ctx, const char *fmt, ...)
{
    xmlParserCtxtPtr ctxt = ctx;
    virXMLParseState *state = ctxt->_private;
    g_autofree char *msg = NULL;
    g_autofree char *line = NULL;
    g_autofree char *pointer = NULL;
    va_list ap;

    if (!state || state->reported)
        return;
    state->reported = true;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    virXMLParseContext(ctxt, &line, &pointer);
    virReportErrorHelper(state->domcode, VIR_ERR_XML_DETAIL, __FILE__,
                         __func__, __LINE__, "%s:%d: %s%s\n%s",
                         state->url,
                         ctxt->input ? ctxt->input->line : 0,
                         msg, line ? line : "(null)", pointer);
}


/**
 * virXMLParseString:
 * @domcode: the virErrorDomain syntax errors are reported in
 * @xmlStr: the document
 * @url: a name for the document in messages, e.g. "(domain_definition)"
 * @rootName: the name the root element must have, or NULL for any
 *
 * Parses a document without network access or entity expansion.  A
 * syntax error is reported as VIR_ERR_XML_DETAIL naming the line and
 * showing where on it the parser stopped; a wrong root element as
 * VIR_ERR_XML_ERROR.
 *
 * Returns: the document (free it with xmlFreeDoc), or NULL.
 */
xmlDocPtr
virXMLParseString(int domcode, const char *xmlStr, const char *url,
                  const char *rootName)
{
    virXMLParseState state = { .domcode = domcode, .url = url };
    xmlParserCtxtPtr ctxt = NULL;
    g_autoptr(xmlDoc) xml = NULL;
    xmlNodePtr root;

    /* Like glib's allocations: out of memory is fatal. */
    if (!(ctxt = xmlNewParserCtxt()))
        abort();
    ctxt->_private = &state;
    ctxt->sax->error = virXMLParseError;

    xml = xmlCtxtReadDoc(ctxt, BAD_CAST xmlStr, url, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (!xml || !ctxt->wellFormed) {
        if (!state.reported) {
            virReportErrorHelper(domcode, VIR_ERR_XML_DETAIL, __FILE__,
                                 __func__, __LINE__,
                                 _("failed to parse XML document '%1$s'"), url);
        }
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    xmlFreeParserCtxt(ctxt);

    /* A well-formed document has a root element. */
    root = xmlDocGetRootElement(xml);
    if (rootName && !xmlStrEqual(root->name, BAD_CAST rootName)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("expecting root element of '%1$s', not '%2$s'"),
                       rootName, (const char *)root->name);
        return NULL;
    }
    return g_steal_pointer(&xml);
}


/**
 * virXMLPropString:
 * @node: an element
 * @name: the attribute
 *
 * Returns: a copy of the attribute's value (free it with g_free), or
 * NULL when @node has no such attribute.
 */
char *
virXMLPropString(xmlNodePtr node, const char *name)
{
    xmlChar *val = xmlGetNoNsProp(node, BAD_CAST name);
    char *ret;

    if (!val)
        return NULL;
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}


/**
 * virXMLNodeContentString:
 * @node: an element
 *
 * Returns: a copy of the element's text content ("" when it has none);
 * free it with g_free.
 */
char *
virXMLNodeContentString(xmlNodePtr node)
{
    xmlChar *val = xmlNodeGetContent(node);
    char *ret;

    if (!val)
        return g_strdup("");
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}


/* The value of @name, or NULL; reports a missing required attribute. */
static char *
virXMLPropStringCheck(xmlNodePtr node, const char *name, virXMLPropFlags flags)
{
    char *val = virXMLPropString(node, name);

    if (!val && (flags & VIR_XML_PROP_REQUIRED)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Missing required attribute '%1$s' in element '%2$s'"),
                       name, (const char *)node->name);
    }
    return val;
}


/**
 * virXMLStringInList:
 * @str: a string
 * @list: a NULL-terminated list, or NULL
 *
 * Returns: whether @str is one of @list.
 */
bool
virXMLStringInList(const char *str, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++) {
        if (STREQ(list[i], str))
            return true;
    }
    return false;
}


/**
 * virXMLPropEnum:
 * @node: an element
 * @name: the attribute
 * @strToInt: the enum's TypeFromString
 * @flags: VIR_XML_PROP_REQUIRED, VIR_XML_PROP_NONZERO
 * @result: the value; untouched when the attribute is absent
 *
 * Returns: 1 when the attribute was read, 0 when absent (and not
 * required), -1 with VIR_ERR_XML_ERROR when it is required and absent
 * or its value is not one the enum knows (or is the enum's 0 and
 * @flags forbid that).
 */
int
virXMLPropEnum(xmlNodePtr node, const char *name, int (*strToInt)(const char *),
               virXMLPropFlags flags, int *result)
{
    g_autofree char *val = virXMLPropStringCheck(node, name, flags);
    int v;

    if (!val)
        return (flags & VIR_XML_PROP_REQUIRED) ? -1 : 0;
    v = strToInt(val);
    if (v < 0 || (v == 0 && (flags & VIR_XML_PROP_NONZERO))) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                       name, (const char *)node->name, val);
        return -1;
    }
    *result = v;
    return 1;
}


/* Parses all of @val as an unsigned number in @base (0: C prefixes),
 * refusing signs, blanks and overflow. */
static int
virXMLParseULongLong(const char *val, int base, unsigned long long *ret)
{
    guint64 v;

    if (!*val || g_ascii_isspace(*val) || *val == '-' || *val == '+')
        return -1;
    if (base == 0) {
        const char *digits = val;

        if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
            base = 16;
            val = digits + 2;
            if (!*val || *val == '-' || *val == '+' || g_ascii_isspace(*val))
                return -1;
        } else if (digits[0] == '0' && digits[1]) {
            base = 8;
        } else {
            base = 10;
        }
    }
    if (!g_ascii_string_to_unsigned(val, base, 0, G_MAXUINT64, &v, NULL))
        return -1;
    *ret = v;
    return 0;
}


static int
virXMLPropNumber(xmlNodePtr node, const char *name, int base,
                 virXMLPropFlags flags, unsigned long long max,
                 unsigned long long *result)
{
    g_autofree char *val = virXMLPropStringCheck(node, name, flags);
    unsigned long long v;

    if (!val)
        return (flags & VIR_XML_PROP_REQUIRED) ? -1 : 0;
    if (virXMLParseULongLong(val, base, &v) < 0 || v > max) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'. Expected non-negative integer value"),
                       name, (const char *)node->name, val);
        return -1;
    }
    if (v == 0 && (flags & VIR_XML_PROP_NONZERO)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value for attribute '%1$s' in element '%2$s': Zero is not permitted"),
                       name, (const char *)node->name);
        return -1;
    }
    *result = v;
    return 1;
}


/**
 * virXMLPropUInt:
 * @node: an element
 * @name: the attribute
 * @base: 10, 16, or 0 for C prefixes (0x, 0)
 * @flags: VIR_XML_PROP_REQUIRED, VIR_XML_PROP_NONZERO
 * @result: the value; untouched when the attribute is absent
 *
 * Returns: 1 when read, 0 when absent, -1 with VIR_ERR_XML_ERROR when
 * the value is not a non-negative number that fits.
 */
int
virXMLPropUInt(xmlNodePtr node, const char *name, int base,
               virXMLPropFlags flags, unsigned int *result)
{
    unsigned long long v;
    int rc = virXMLPropNumber(node, name, base, flags, G_MAXUINT, &v);

    if (rc > 0)
        *result = v;
    return rc;
}


/**
 * virXMLPropInt:
 * @node: an element
 * @name: the attribute
 * @base: 10 or 16
 * @flags: VIR_XML_PROP_REQUIRED (VIR_XML_PROP_NONZERO is not implemented)
 * @result: the value; untouched when the attribute is absent
 *
 * Returns: 1 when read, 0 when absent, -1 with VIR_ERR_XML_ERROR when
 * the value is not an integer that fits in an int.
 */
int
virXMLPropInt(xmlNodePtr node, const char *name, int base,
              virXMLPropFlags flags, int *result)
{
    g_autofree char *val = virXMLPropStringCheck(node, name, flags);
    gint64 v;

    if (!val)
        return (flags & VIR_XML_PROP_REQUIRED) ? -1 : 0;
    if (!*val || g_ascii_isspace(*val) || *val == '+' ||
        !g_ascii_string_to_signed(val, base, G_MININT, G_MAXINT, &v, NULL)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'. Expected integer value"),
                       name, (const char *)node->name, val);
        return -1;
    }
    *result = v;
    return 1;
}


/**
 * virXMLPropYesNo:
 * @node: an element
 * @name: the attribute, whose value must be "yes" or "no"
 * @result: the value; untouched when the attribute is absent
 *
 * Returns: 1 when read, 0 when absent, -1 with VIR_ERR_XML_ERROR
 * for any other value.
 */
int
virXMLPropYesNo(xmlNodePtr node, const char *name, bool *result)
{
    g_autofree char *val = virXMLPropString(node, name);

    if (!val)
        return 0;
    if (STREQ(val, "yes")) {
        *result = true;
    } else if (STREQ(val, "no")) {
        *result = false;
    } else {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value for attribute '%1$s' in element '%2$s': '%3$s'."),
                       name, (const char *)node->name, val);
        return -1;
    }
    return 1;
}


/**
 * virXMLNodeFirstChild:
 * @node: an element
 * @name: an element name
 *
 * Returns: the first child element of @node called @name, or NULL.
 */
xmlNodePtr
virXMLNodeFirstChild(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrEqual(cur->name, BAD_CAST name))
            return cur;
    }
    return NULL;
}
