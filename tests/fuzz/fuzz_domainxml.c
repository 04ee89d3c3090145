/*
 * fuzz_domainxml.c: the domain XML parser
 *
 * Any input may be refused, none may crash, leak or misbehave.  What is
 * accepted must survive the round trips the driver itself makes: it
 * writes a definition out and reads it back later, so the formatted XML
 * must parse again, and formatting must settle: the text written the
 * second time is the text written every time after.  (Not the first:
 * upstream normalises some inputs in two steps, and so do we.  For
 * instance <controller type='sata' index='1'/><controller type='sata'/>
 * is written as SATA 1 then SATA 0, and once read back as 0 then 1,
 * as Debian's libvirt 9.0.0 does; regress/domainxml/ keeps the input
 * that showed it.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
#include "domain_conf.h"
#include "virerror.h"
#include "fuzz.h"


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    fuzzSetup();
    return 0;
}


/* Parses @xml and formats the result; NULL if it is refused. */
static char *
fuzzRoundTrip(const char *xml, const char *what)
{
    g_autoptr(virDomainDef) def = NULL;
    char *out;

    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
        if (what)
            fuzzFail(what, virGetLastErrorMessage());
        virResetLastError();
        return NULL;
    }
    if (!(out = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        fuzzFail("an accepted definition cannot be formatted", virGetLastErrorMessage());
    return out;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = g_strndup((const char *)data, size);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    g_autofree char *third = NULL;

    fuzzSetup();
    if (!(first = fuzzRoundTrip(xml, NULL)))
        return 0;
    second = fuzzRoundTrip(first, "a formatted definition does not parse");
    third = fuzzRoundTrip(second, "a formatted definition does not parse");
    if (STRNEQ(second, third)) {
        g_autofree char *both = g_strdup_printf("second:\n%s\nthird:\n%s", second, third);

        fuzzFail("formatting does not settle after a round trip", both);
    }
    return 0;
}
