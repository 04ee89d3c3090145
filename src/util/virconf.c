/*
 * virconf.c: libvirt's configuration file syntax (qemu.conf and friends)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virconf.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_CONF

VIR_LOG_INIT("util.conf");

/* Configuration files are small; refuse to read anything huge. */
#define VIR_CONF_MAX_FILE_SIZE (10 * 1024 * 1024)

/* Lists of lists are allowed, but not without bound: the parser
 * recurses. */
#define VIR_CONF_MAX_LIST_DEPTH 8

typedef enum {
    VIR_CONF_VALUE_INTEGER,  /* 42, -1 */
    VIR_CONF_VALUE_NUMBER,   /* 0.5: has a fraction */
    VIR_CONF_VALUE_STRING,
    VIR_CONF_VALUE_LIST,
} virConfValueType;

typedef struct _virConfValue virConfValue;
struct _virConfValue {
    virConfValueType type;
    long long l;        /* INTEGER */
    double d;           /* NUMBER */
    char *str;          /* STRING */
    GPtrArray *list;    /* LIST: of virConfValue */
};

typedef struct {
    char *name;
    int line;
    virConfValue *value;
} virConfEntry;

struct _virConf {
    char *origin;       /* the file name, or what the caller called it */
    GPtrArray *entries; /* of virConfEntry, in file order */
};

typedef struct {
    const char *origin;
    const char *cur;
    const char *end;
    int line;
} virConfParser;


static void
virConfValueFree(virConfValue *value)
{
    if (!value)
        return;
    g_free(value->str);
    if (value->list)
        g_ptr_array_unref(value->list);
    g_free(value);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConfValue, virConfValueFree);


static void
virConfEntryFree(virConfEntry *entry)
{
    if (!entry)
        return;
    g_free(entry->name);
    virConfValueFree(entry->value);
    g_free(entry);
}


/**
 * virConfFree:
 * @conf: a configuration, or NULL
 */
void
virConfFree(virConf *conf)
{
    if (!conf)
        return;
    g_free(conf->origin);
    if (conf->entries)
        g_ptr_array_unref(conf->entries);
    g_free(conf);
}


static virConf *
virConfNew(const char *origin)
{
    virConf *conf = g_new0(virConf, 1);

    conf->origin = g_strdup(origin);
    conf->entries = g_ptr_array_new_with_free_func((GDestroyNotify)virConfEntryFree);
    return conf;
}


/* Reports a syntax error at the parser's current line. */
static void
virConfSyntaxError(virConfParser *ctxt, const char *what)
{
    virReportError(VIR_ERR_CONF_SYNTAX, _("%1$s:%2$d: %3$s"), ctxt->origin,
                   ctxt->line, what);
}


static bool
virConfAtEOL(virConfParser *ctxt)
{
    return ctxt->cur < ctxt->end && (*ctxt->cur == '\n' || *ctxt->cur == '\r');
}


static void
virConfSkipBlanks(virConfParser *ctxt)
{
    while (ctxt->cur < ctxt->end && (*ctxt->cur == ' ' || *ctxt->cur == '\t'))
        ctxt->cur++;
}


static void
virConfSkipComment(virConfParser *ctxt)
{
    while (ctxt->cur < ctxt->end && !virConfAtEOL(ctxt))
        ctxt->cur++;
}


/* Skips blanks, line ends and comments, counting lines. */
static void
virConfSkipSpace(virConfParser *ctxt)
{
    for (;;) {
        virConfSkipBlanks(ctxt);
        if (ctxt->cur >= ctxt->end)
            return;
        if (*ctxt->cur == '#') {
            virConfSkipComment(ctxt);
        } else if (virConfAtEOL(ctxt)) {
            if (*ctxt->cur == '\n')
                ctxt->line++;
            ctxt->cur++;
        } else {
            return;
        }
    }
}


/*
 * A string in double quotes, where \" and \\ stand for " and \ (any other
 * backslash is kept as it is), or in single quotes, taken literally.
 * Either ends on its line.
 */
static char *
virConfParseString(virConfParser *ctxt)
{
    g_autoptr(GString) str = g_string_new(NULL);
    char quote = *ctxt->cur++;

    for (;;) {
        if (ctxt->cur >= ctxt->end || virConfAtEOL(ctxt)) {
            virConfSyntaxError(ctxt, _("unterminated string"));
            return NULL;
        }
        if (*ctxt->cur == quote) {
            ctxt->cur++;
            return g_string_free(g_steal_pointer(&str), FALSE);
        }
        if (quote == '"' && *ctxt->cur == '\\' && ctxt->cur + 1 < ctxt->end &&
            (ctxt->cur[1] == '"' || ctxt->cur[1] == '\\'))
            ctxt->cur++;
        g_string_append_c(str, *ctxt->cur++);
    }
}


static const char *
virConfSkipDigits(virConfParser *ctxt)
{
    const char *start = ctxt->cur;

    while (ctxt->cur < ctxt->end && g_ascii_isdigit(*ctxt->cur))
        ctxt->cur++;
    return ctxt->cur == start ? NULL : start;
}


/* An optionally signed integer, or a decimal number with a fraction. */
static virConfValue *
virConfParseNumber(virConfParser *ctxt)
{
    g_autoptr(virConfValue) value = g_new0(virConfValue, 1);
    g_autofree char *text = NULL;
    const char *start = ctxt->cur;

    if (*ctxt->cur == '-' || *ctxt->cur == '+')
        ctxt->cur++;
    if (!virConfSkipDigits(ctxt))
        goto unterminated;
    value->type = VIR_CONF_VALUE_INTEGER;
    if (ctxt->cur < ctxt->end && *ctxt->cur == '.') {
        ctxt->cur++;
        if (!virConfSkipDigits(ctxt))
            goto unterminated;
        value->type = VIR_CONF_VALUE_NUMBER;
    }

    text = g_strndup(start, ctxt->cur - start);
    errno = 0;
    if (value->type == VIR_CONF_VALUE_INTEGER)
        value->l = g_ascii_strtoll(text, NULL, 10);
    else
        value->d = g_ascii_strtod(text, NULL);
    if (errno == ERANGE) {
        virConfSyntaxError(ctxt, _("number out of range"));
        return NULL;
    }
    return g_steal_pointer(&value);

 unterminated:
    virConfSyntaxError(ctxt, _("unterminated number"));
    return NULL;
}


static virConfValue *virConfParseValue(virConfParser *ctxt, int depth);

static virConfValue *
virConfParseList(virConfParser *ctxt, int depth)
{
    g_autoptr(virConfValue) value = g_new0(virConfValue, 1);

    if (depth >= VIR_CONF_MAX_LIST_DEPTH) {
        virConfSyntaxError(ctxt, _("lists nested too deeply"));
        return NULL;
    }
    value->type = VIR_CONF_VALUE_LIST;
    value->list = g_ptr_array_new_with_free_func((GDestroyNotify)virConfValueFree);
    ctxt->cur++;

    for (;;) {
        virConfValue *item;

        virConfSkipSpace(ctxt);
        if (ctxt->cur >= ctxt->end)
            break;
        if (*ctxt->cur == ']') {
            ctxt->cur++;
            return g_steal_pointer(&value);
        }
        if (!(item = virConfParseValue(ctxt, depth + 1)))
            return NULL;
        g_ptr_array_add(value->list, item);

        virConfSkipSpace(ctxt);
        if (ctxt->cur >= ctxt->end)
            break;
        if (*ctxt->cur == ',') {
            ctxt->cur++;
            /* After a separator, the end of the file is a missing value
             * (a trailing separator before ']' is fine). */
            virConfSkipSpace(ctxt);
            if (ctxt->cur >= ctxt->end) {
                virConfSyntaxError(ctxt, _("expecting a value"));
                return NULL;
            }
        } else if (*ctxt->cur != ']') {
            virConfSyntaxError(ctxt, _("expecting a separator in list"));
            return NULL;
        }
    }

    virConfSyntaxError(ctxt, _("list is not closed with ]"));
    return NULL;
}


static virConfValue *
virConfParseValue(virConfParser *ctxt, int depth)
{
    virConfValue *value;
    char c;

    if (ctxt->cur >= ctxt->end) {
        virConfSyntaxError(ctxt, _("expecting a value"));
        return NULL;
    }
    c = *ctxt->cur;
    if (c == '"' || c == '\'') {
        char *str = virConfParseString(ctxt);

        if (!str)
            return NULL;
        value = g_new0(virConfValue, 1);
        value->type = VIR_CONF_VALUE_STRING;
        value->str = str;
        return value;
    }
    if (c == '[')
        return virConfParseList(ctxt, depth);
    if (g_ascii_isdigit(c) || c == '-' || c == '+')
        return virConfParseNumber(ctxt);

    virConfSyntaxError(ctxt, _("expecting a value"));
    return NULL;
}


/* One "name = value" setting, and what separates it from the next. */
static virConfEntry *
virConfParseSetting(virConfParser *ctxt)
{
    g_autofree char *name = NULL;
    virConfEntry *entry;
    virConfValue *value;
    const char *start = ctxt->cur;
    int line = ctxt->line;

    if (!g_ascii_isalpha(*ctxt->cur)) {
        virConfSyntaxError(ctxt, _("expecting a name"));
        return NULL;
    }
    while (ctxt->cur < ctxt->end &&
           (g_ascii_isalnum(*ctxt->cur) || *ctxt->cur == '_'))
        ctxt->cur++;
    name = g_strndup(start, ctxt->cur - start);

    virConfSkipBlanks(ctxt);
    if (ctxt->cur >= ctxt->end || *ctxt->cur != '=') {
        virConfSyntaxError(ctxt, _("expecting an assignment"));
        return NULL;
    }
    ctxt->cur++;
    virConfSkipBlanks(ctxt);
    if (!(value = virConfParseValue(ctxt, 0)))
        return NULL;

    entry = g_new0(virConfEntry, 1);
    entry->name = g_steal_pointer(&name);
    entry->line = line;
    entry->value = value;

    virConfSkipBlanks(ctxt);
    if (ctxt->cur >= ctxt->end || virConfAtEOL(ctxt) || *ctxt->cur == '#')
        return entry;
    if (*ctxt->cur == ';') {
        ctxt->cur++;
        return entry;
    }
    virConfEntryFree(entry);
    virConfSyntaxError(ctxt, _("expecting a separator"));
    return NULL;
}


/**
 * virConfReadString:
 * @content: configuration text
 * @origin: what to call it in error messages, usually its file name
 *
 * Returns: the parsed configuration, or NULL with VIR_ERR_CONF_SYNTAX
 * reported as "ORIGIN:LINE: what was expected".
 */
virConf *
virConfReadString(const char *content, const char *origin)
{
    g_autoptr(virConf) conf = virConfNew(origin);
    virConfParser ctxt = {
        .origin = origin,
        .cur = content,
        .end = content + strlen(content),
        .line = 1,
    };

    for (;;) {
        virConfEntry *entry;

        virConfSkipSpace(&ctxt);
        if (ctxt.cur >= ctxt.end)
            break;
        if (*ctxt.cur == ';') {
            ctxt.cur++;
            continue;
        }
        if (!(entry = virConfParseSetting(&ctxt)))
            return NULL;
        VIR_DEBUG("%s:%d: %s", origin, entry->line, entry->name);
        g_ptr_array_add(conf->entries, entry);
    }
    return g_steal_pointer(&conf);
}


/**
 * virConfReadFile:
 * @path: a configuration file
 * @flags: virConfReadFlags
 *
 * Returns: the parsed configuration (empty for a missing file with
 * VIR_CONF_READ_ALLOW_MISSING), or NULL with an error reported.
 */
virConf *
virConfReadFile(const char *path, unsigned int flags)
{
    g_autofree char *content = NULL;

    virCheckFlags(VIR_CONF_READ_ALLOW_MISSING, NULL);

    if ((flags & VIR_CONF_READ_ALLOW_MISSING) && access(path, F_OK) < 0 &&
        errno == ENOENT) {
        VIR_DEBUG("no configuration file %s", path);
        return virConfNew(path);
    }
    if (virFileReadAll(path, VIR_CONF_MAX_FILE_SIZE, &content) < 0)
        return NULL;
    return virConfReadString(content, path);
}


/**
 * virConfGetOrigin:
 * @conf: a configuration
 *
 * Returns: the file name (or origin) it was read from.
 */
const char *
virConfGetOrigin(const virConf *conf)
{
    return conf->origin;
}


/* The setting that counts for @key: the first, as upstream reads it. */
static const virConfEntry *
virConfFind(const virConf *conf, const char *key)
{
    for (size_t i = 0; i < conf->entries->len; i++) {
        const virConfEntry *entry = g_ptr_array_index(conf->entries, i);

        if (STREQ(entry->name, key))
            return entry;
    }
    return NULL;
}


/**
 * virConfHasKey:
 * @conf: a configuration
 * @key: a setting's name
 *
 * Returns: whether @conf sets @key.
 */
bool
virConfHasKey(const virConf *conf, const char *key)
{
    return virConfFind(conf, key) != NULL;
}


/**
 * virConfGetKeyLine:
 * @conf: a configuration
 * @key: a setting's name
 *
 * Returns: the line (from 1) that sets @key, or 0 if none does.
 */
int
virConfGetKeyLine(const virConf *conf, const char *key)
{
    const virConfEntry *entry = virConfFind(conf, key);

    return entry ? entry->line : 0;
}


/**
 * virConfGetKeys:
 * @conf: a configuration
 *
 * Lets a caller refuse settings it does not know, naming them.
 *
 * Returns: the names @conf sets, each once, in file order; a
 * NULL-terminated array for g_strfreev().
 */
char **
virConfGetKeys(const virConf *conf)
{
    g_autoptr(GPtrArray) keys = g_ptr_array_new();

    for (size_t i = 0; i < conf->entries->len; i++) {
        const virConfEntry *entry = g_ptr_array_index(conf->entries, i);

        if (virConfFind(conf, entry->name) == entry)
            g_ptr_array_add(keys, g_strdup(entry->name));
    }
    g_ptr_array_add(keys, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&keys), FALSE);
}


/**
 * virConfGetValueString:
 * @conf: a configuration
 * @key: a setting's name
 * @retValue: set to a copy of the string when @key is set; a previous
 *            value there is freed
 *
 * Returns: 1 when @key is set, 0 when it is not (@retValue untouched),
 * -1 with an error naming the file, line and key when it is not a
 * string.
 */
int
virConfGetValueString(const virConf *conf, const char *key, char **retValue)
{
    const virConfEntry *entry = virConfFind(conf, key);

    if (!entry)
        return 0;
    if (entry->value->type != VIR_CONF_VALUE_STRING) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s:%2$d: expected a string for '%3$s' parameter"),
                       conf->origin, entry->line, key);
        return -1;
    }
    g_free(*retValue);
    *retValue = g_strdup(entry->value->str);
    return 1;
}


/**
 * virConfGetValueUInt:
 * @conf: a configuration
 * @key: a setting's name
 * @retValue: set when @key is set
 *
 * Returns: 1 when @key is set, 0 when it is not, -1 with an error naming
 * the file, line and key when it is not an integer from 0 to UINT_MAX.
 */
int
virConfGetValueUInt(const virConf *conf, const char *key,
                    unsigned int *retValue)
{
    const virConfEntry *entry = virConfFind(conf, key);

    if (!entry)
        return 0;
    if (entry->value->type != VIR_CONF_VALUE_INTEGER || entry->value->l < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s:%2$d: expected an unsigned integer for '%3$s' parameter"),
                       conf->origin, entry->line, key);
        return -1;
    }
    if (entry->value->l > G_MAXUINT) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s:%2$d: value for '%3$s' parameter must be in range 0:%4$u"),
                       conf->origin, entry->line, key, G_MAXUINT);
        return -1;
    }
    *retValue = entry->value->l;
    return 1;
}


/**
 * virConfGetValueBool:
 * @conf: a configuration
 * @key: a setting's name
 * @retValue: set when @key is set
 *
 * Booleans are written 0 and 1.
 *
 * Returns: 1 when @key is set, 0 when it is not, -1 with an error naming
 * the file, line and key when it is neither 0 nor 1.
 */
int
virConfGetValueBool(const virConf *conf, const char *key, bool *retValue)
{
    const virConfEntry *entry = virConfFind(conf, key);

    if (!entry)
        return 0;
    if (entry->value->type != VIR_CONF_VALUE_INTEGER) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s:%2$d: expected a bool for '%3$s' parameter"),
                       conf->origin, entry->line, key);
        return -1;
    }
    if (entry->value->l != 0 && entry->value->l != 1) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s:%2$d: value for '%3$s' parameter must be 0 or 1"),
                       conf->origin, entry->line, key);
        return -1;
    }
    *retValue = entry->value->l == 1;
    return 1;
}


/**
 * virConfGetValueDouble:
 * @conf: a configuration
 * @key: a setting's name
 * @retValue: set when @key is set
 *
 * For quantities such as timeouts in seconds: an integer or a decimal
 * number, not negative.
 *
 * Returns: 1 when @key is set, 0 when it is not, -1 with an error naming
 * the file, line and key when it is not a non-negative number.
 */
int
virConfGetValueDouble(const virConf *conf, const char *key, double *retValue)
{
    const virConfEntry *entry = virConfFind(conf, key);
    double value;

    if (!entry)
        return 0;
    if (entry->value->type == VIR_CONF_VALUE_INTEGER)
        value = entry->value->l;
    else if (entry->value->type == VIR_CONF_VALUE_NUMBER)
        value = entry->value->d;
    else
        value = -1;
    if (value < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s:%2$d: expected a non-negative number for '%3$s' parameter"),
                       conf->origin, entry->line, key);
        return -1;
    }
    *retValue = value;
    return 1;
}


static bool
virConfIsStringList(const virConfValue *value)
{
    if (value->type != VIR_CONF_VALUE_LIST)
        return false;
    for (size_t i = 0; i < value->list->len; i++) {
        const virConfValue *item = g_ptr_array_index(value->list, i);

        if (item->type != VIR_CONF_VALUE_STRING)
            return false;
    }
    return true;
}


/**
 * virConfGetValueStringList:
 * @conf: a configuration
 * @key: a setting's name
 * @retValue: set to a NULL-terminated copy of the strings when @key is
 *            set (an empty list gives an empty array); a previous value
 *            there is freed with g_strfreev()
 *
 * Returns: 1 when @key is set, 0 when it is not, -1 with an error naming
 * the file, line and key when it is not a list of strings.
 */
int
virConfGetValueStringList(const virConf *conf, const char *key,
                          char ***retValue)
{
    const virConfEntry *entry = virConfFind(conf, key);
    GPtrArray *list;
    char **strs;

    if (!entry)
        return 0;
    if (!virConfIsStringList(entry->value)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("%1$s:%2$d: expected a string list for '%3$s' parameter"),
                       conf->origin, entry->line, key);
        return -1;
    }

    list = entry->value->list;
    strs = g_new0(char *, list->len + 1);
    for (size_t i = 0; i < list->len; i++) {
        const virConfValue *item = g_ptr_array_index(list, i);

        strs[i] = g_strdup(item->str);
    }
    g_strfreev(*retValue);
    *retValue = strs;
    return 1;
}
