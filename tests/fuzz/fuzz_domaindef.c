/*
 * fuzz_domaindef.c: the definition loader
 *
 * A definition is read back from the config directory as the driver
 * reads it (qemuDomainObjLoad): virDomainDefParseString() with
 * VIR_DOMAIN_DEF_PARSE_INACTIVE | VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE,
 * which skips the define-time checks, so it sees whatever a file holds.
 * Any input may be refused, none may crash or leak.  What is accepted
 * is what the driver would then write out again, so:
 *
 *  - its formatted text must load again (the driver must never write a
 *    file it cannot read back: that hides the domain);
 *  - every string it holds (name, title, description, paths, kernel
 *    command line, listen addresses) must come back byte for byte from
 *    that text: a path that comes back changed is another file;
 *  - from then on a format -> load round trip changes nothing, neither
 *    the text nor the definition (virDomainDefIsEqual).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
#include "domain_conf.h"
#include "virerror.h"
#include "fuzz.h"

#define FUZZ_LOAD_FLAGS (VIR_DOMAIN_DEF_PARSE_INACTIVE | \
                         VIR_DOMAIN_DEF_PARSE_SKIP_VALIDATE)
#define FUZZ_SAVE_FLAGS (VIR_DOMAIN_DEF_FORMAT_INACTIVE | \
                         VIR_DOMAIN_DEF_FORMAT_SECURE)


int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    fuzzSetup();
    return 0;
}


static char *
fuzzSave(const virDomainDef *def)
{
    char *xml = virDomainDefFormat(def, FUZZ_SAVE_FLAGS);

    if (!xml)
        fuzzFail("a loaded definition cannot be formatted", virGetLastErrorMessage());
    return xml;
}


static virDomainDef *
fuzzReload(const char *xml)
{
    virDomainDef *def = virDomainDefParseString(xml, FUZZ_LOAD_FLAGS);

    if (!def) {
        g_autofree char *detail = g_strdup_printf("%s\n%s", virGetLastErrorMessage(),
                                                  xml);

        fuzzFail("a definition the driver would write does not load", detail);
    }
    return def;
}


static void
fuzzSameString(const char *what, const char *a, const char *b)
{
    g_autofree char *detail = NULL;

    if (STREQ_NULLABLE(a, b))
        return;
    detail = g_strdup_printf("loaded '%s', read back '%s'",
                             a ? g_strescape(a, NULL) : "(null)",
                             b ? g_strescape(b, NULL) : "(null)");
    fuzzFail(what, detail);
}


static gint
fuzzCompareStrings(gconstpointer x, gconstpointer y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}


/* The disks of @def as sorted "target source" strings, joined. */
static char *
fuzzDiskList(const virDomainDef *def)
{
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);

    for (size_t i = 0; i < def->ndisks; i++) {
        g_autofree char *src = def->disks[i]->src ?
                               g_strescape(def->disks[i]->src, NULL) : NULL;

        g_ptr_array_add(list, g_strdup_printf("%s %s", def->disks[i]->dst,
                                              NULLSTR(src)));
    }
    g_ptr_array_sort(list, fuzzCompareStrings);
    g_ptr_array_add(list, NULL);
    return g_strjoinv("\n", (char **)list->pdata);
}


static void
fuzzSameDisks(const virDomainDef *a, const virDomainDef *b)
{
    g_autofree char *da = fuzzDiskList(a);
    g_autofree char *db = fuzzDiskList(b);

    fuzzSameString("disks", da, db);
}


/* Every string of @a comes back in @b, its reloaded copy. */
static void
fuzzSameStrings(const virDomainDef *a, const virDomainDef *b)
{
    fuzzSameString("name", a->name, b->name);
    fuzzSameString("title", a->title, b->title);
    fuzzSameString("description", a->description, b->description);
    fuzzSameString("emulator", a->emulator, b->emulator);
    fuzzSameString("machine", a->os.machine, b->os.machine);
    fuzzSameString("kernel", a->os.kernel, b->os.kernel);
    fuzzSameString("initrd", a->os.initrd, b->os.initrd);
    fuzzSameString("cmdline", a->os.cmdline, b->os.cmdline);
    /* Disks as (target, source) pairs, in any order: a definition that
     * skipped validation may have two disks with one target, and
     * sorting by target may swap them. */
    fuzzSameDisks(a, b);
    if (a->nserials != b->nserials || a->nconsoles != b->nconsoles ||
        a->nrngs != b->nrngs || a->ngraphics != b->ngraphics)
        fuzzFail("devices are gone", a->name);
    for (size_t i = 0; i < a->nserials; i++)
        fuzzSameString("serial path", a->serials[i]->path, b->serials[i]->path);
    for (size_t i = 0; i < a->nconsoles; i++)
        fuzzSameString("console path", a->consoles[i]->path, b->consoles[i]->path);
    for (size_t i = 0; i < a->nrngs; i++)
        fuzzSameString("RNG path", a->rngs[i]->source, b->rngs[i]->source);
    for (size_t i = 0; i < a->ngraphics; i++)
        fuzzSameString("listen address", a->graphics[i]->listenAddress,
                       b->graphics[i]->listenAddress);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = g_strndup((const char *)data, size);
    g_autoptr(virDomainDef) loaded = NULL;
    g_autoptr(virDomainDef) reloaded = NULL;
    g_autoptr(virDomainDef) again = NULL;
    g_autofree char *saved = NULL;
    g_autofree char *resaved = NULL;
    g_autofree char *third = NULL;

    fuzzSetup();
    if (!(loaded = virDomainDefParseString(xml, FUZZ_LOAD_FLAGS))) {
        virResetLastError();
        return 0;
    }
    saved = fuzzSave(loaded);
    reloaded = fuzzReload(saved);
    fuzzSameStrings(loaded, reloaded);

    resaved = fuzzSave(reloaded);
    again = fuzzReload(resaved);
    third = fuzzSave(again);
    if (STRNEQ(resaved, third)) {
        g_autofree char *both = g_strdup_printf("second:\n%s\nthird:\n%s", resaved, third);

        fuzzFail("a saved definition changes when loaded and saved again", both);
    }
    if (!virDomainDefIsEqual(reloaded, again))
        fuzzFail("a saved definition loads as a different one", resaved);
    return 0;
}
