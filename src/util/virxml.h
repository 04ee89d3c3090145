/*
 * virxml.h: reading XML documents with libxml2
 *
 * Helpers for the domain parser: parsing a string into a document with
 * upstream's error reports, and typed access to attributes and element
 * contents, each reporting a message that names the element, the
 * attribute and the offending value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "internal.h"

typedef enum {
    VIR_XML_PROP_NONE = 0,
    VIR_XML_PROP_REQUIRED = 1 << 0,   /* a missing attribute is an error */
    VIR_XML_PROP_NONZERO = 1 << 1,    /* 0 (or enum value 0) is refused */
} virXMLPropFlags;

xmlDocPtr virXMLParseString(int domcode, const char *xmlStr, const char *url,
                            const char *rootName);

char *virXMLPropString(xmlNodePtr node, const char *name);
char *virXMLNodeContentString(xmlNodePtr node);

int virXMLPropEnum(xmlNodePtr node, const char *name,
                   int (*strToInt)(const char *),
                   virXMLPropFlags flags, int *result);
bool virXMLStringInList(const char *str, const char *const *list);
int virXMLPropUInt(xmlNodePtr node, const char *name, int base,
                   virXMLPropFlags flags, unsigned int *result);
int virXMLPropInt(xmlNodePtr node, const char *name, int base,
                  virXMLPropFlags flags, int *result);
int virXMLPropYesNo(xmlNodePtr node, const char *name, bool *result);

xmlNodePtr virXMLNodeFirstChild(xmlNodePtr node, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc);
