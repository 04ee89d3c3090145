/*
 * libvirt-typedparams.c: helpers for arrays of typed parameters
 *
 * Applications build the arrays they pass to calls such as
 * virDomainSetBlockIoTune() and read the ones calls return with these
 * functions; the library implements them itself, no driver is involved.
 * Arrays grow with realloc() and are released with free(), so that an
 * array built here can be released by code that knows only libc, and
 * the other way round.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("libvirt.typedparams");

static const char *const virTypedParamTypeNames[] = {
    [VIR_TYPED_PARAM_INT] = "int",
    [VIR_TYPED_PARAM_UINT] = "uint",
    [VIR_TYPED_PARAM_LLONG] = "llong",
    [VIR_TYPED_PARAM_ULLONG] = "ullong",
    [VIR_TYPED_PARAM_DOUBLE] = "double",
    [VIR_TYPED_PARAM_BOOLEAN] = "boolean",
    [VIR_TYPED_PARAM_STRING] = "string",
};


static const char *
virTypedParamTypeName(int type)
{
    if (type > 0 && type < VIR_TYPED_PARAM_LAST)
        return virTypedParamTypeNames[type];
    return "unknown";
}


/**
 * virTypedParamsGet:
 * @params: an array of typed parameters, or NULL
 * @nparams: the number of entries in @params
 * @name: the field to look for
 *
 * Finds the first entry of @params whose field is @name.
 *
 * Returns: the entry (part of @params), or NULL when there is none.
 */
virTypedParameterPtr
virTypedParamsGet(virTypedParameterPtr params, int nparams, const char *name)
{
    if (!params || !name || nparams <= 0)
        return NULL;
    for (int i = 0; i < nparams; i++) {
        if (strncmp(params[i].field, name, VIR_TYPED_PARAM_FIELD_LENGTH) == 0)
            return &params[i];
    }
    return NULL;
}


/* The entry @name of @params when it has @type: 1 with *@ret set; 0
 * when there is no such entry; -1 with an error when it has another
 * type. */
static int
virTypedParamsLookup(virTypedParameterPtr params, int nparams, const char *name,
                     int type, virTypedParameterPtr *ret)
{
    virTypedParameterPtr param;

    virResetLastError();
    if (!(param = virTypedParamsGet(params, nparams, name)))
        return 0;
    if (param->type != type) {
        virReportError(VIR_ERR_INVALID_ARG, _("Expected type '%1$s', got '%2$s'"),
                       virTypedParamTypeName(type), virTypedParamTypeName(param->type));
        virDispatchError(NULL);
        return -1;
    }
    *ret = param;
    return 1;
}


/**
 * virTypedParamsGetInt:
 * @params: an array of typed parameters
 * @nparams: the number of entries in @params
 * @name: the field to look for
 * @value: where to store its value, or NULL
 *
 * Reads an int entry of @params.
 *
 * Returns: 1 when found, 0 when @params has no such field, -1 when the
 * field has another type.
 */
int
virTypedParamsGetInt(virTypedParameterPtr params, int nparams, const char *name,
                     int *value)
{
    virTypedParameterPtr p = NULL;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_INT, &p);

    if (rc == 1 && value)
        *value = p->value.i;
    return rc;
}


/**
 * virTypedParamsGetUInt:
 * @params: an array of typed parameters
 * @nparams: the number of entries in @params
 * @name: the field to look for
 * @value: where to store its value, or NULL
 *
 * Reads an unsigned int entry of @params.
 *
 * Returns: 1 when found, 0 when @params has no such field, -1 when the
 * field has another type.
 */
int
virTypedParamsGetUInt(virTypedParameterPtr params, int nparams, const char *name,
                      unsigned int *value)
{
    virTypedParameterPtr p = NULL;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_UINT, &p);

    if (rc == 1 && value)
        *value = p->value.ui;
    return rc;
}


/**
 * virTypedParamsGetLLong:
 * @params: an array of typed parameters
 * @nparams: the number of entries in @params
 * @name: the field to look for
 * @value: where to store its value, or NULL
 *
 * Reads a long long entry of @params.
 *
 * Returns: 1 when found, 0 when @params has no such field, -1 when the
 * field has another type.
 */
int
virTypedParamsGetLLong(virTypedParameterPtr params, int nparams, const char *name,
                       long long *value)
{
    virTypedParameterPtr p = NULL;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_LLONG, &p);

    if (rc == 1 && value)
        *value = p->value.l;
    return rc;
}


/**
 * virTypedParamsGetULLong:
 * @params: an array of typed parameters
 * @nparams: the number of entries in @params
 * @name: the field to look for
 * @value: where to store its value, or NULL
 *
 * Reads an unsigned long long entry of @params.
 *
 * Returns: 1 when found, 0 when @params has no such field, -1 when the
 * field has another type.
 */
int
virTypedParamsGetULLong(virTypedParameterPtr params, int nparams, const char *name,
                        unsigned long long *value)
{
    virTypedParameterPtr p = NULL;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_ULLONG, &p);

    if (rc == 1 && value)
        *value = p->value.ul;
    return rc;
}


/**
 * virTypedParamsGetDouble:
 * @params: an array of typed parameters
 * @nparams: the number of entries in @params
 * @name: the field to look for
 * @value: where to store its value, or NULL
 *
 * Reads a double entry of @params.
 *
 * Returns: 1 when found, 0 when @params has no such field, -1 when the
 * field has another type.
 */
int
virTypedParamsGetDouble(virTypedParameterPtr params, int nparams, const char *name,
                        double *value)
{
    virTypedParameterPtr p = NULL;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_DOUBLE, &p);

    if (rc == 1 && value)
        *value = p->value.d;
    return rc;
}


/**
 * virTypedParamsGetBoolean:
 * @params: an array of typed parameters
 * @nparams: the number of entries in @params
 * @name: the field to look for
 * @value: where to store its value (0 or 1), or NULL
 *
 * Reads a boolean entry of @params.
 *
 * Returns: 1 when found, 0 when @params has no such field, -1 when the
 * field has another type.
 */
int
virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams, const char *name,
                         int *value)
{
    virTypedParameterPtr p = NULL;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_BOOLEAN, &p);

    if (rc == 1 && value)
        *value = !!p->value.b;
    return rc;
}


/**
 * virTypedParamsGetString:
 * @params: an array of typed parameters
 * @nparams: the number of entries in @params
 * @name: the field to look for
 * @value: where to store its value (owned by @params), or NULL
 *
 * Reads a string entry of @params.
 *
 * Returns: 1 when found, 0 when @params has no such field, -1 when the
 * field has another type.
 */
int
virTypedParamsGetString(virTypedParameterPtr params, int nparams, const char *name,
                        const char **value)
{
    virTypedParameterPtr p = NULL;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_STRING, &p);

    if (rc == 1 && value)
        *value = p->value.s;
    return rc;
}


/*
 * A new entry named @name at the end of *@params, growing the array
 * when *@nparams has reached *@maxparams.  Reports and returns NULL on
 * bad arguments.
 */
static virTypedParameterPtr
virTypedParamsAppend(virTypedParameterPtr *params, int *nparams, int *maxparams,
                     const char *name, int type)
{
    virTypedParameterPtr p;

    virResetLastError();
    if (!params || !nparams || !maxparams || !name) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("typed parameter array, its counts and the field name must not be NULL"));
        return NULL;
    }
    if (*nparams < 0 || *maxparams < *nparams || (*maxparams > 0 && !*params)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("inconsistent typed parameter array counts"));
        return NULL;
    }
    if (strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        virReportError(VIR_ERR_INVALID_ARG, _("Field name '%1$s' too long"), name);
        return NULL;
    }
    if (*nparams == *maxparams) {
        int grown = *maxparams ? *maxparams * 2 : 4;

        *params = g_renew(virTypedParameter, *params, grown);
        memset(*params + *maxparams, 0, sizeof(**params) * (grown - *maxparams));
        *maxparams = grown;
    }
    p = *params + *nparams;
    memset(p, 0, sizeof(*p));
    g_strlcpy(p->field, name, sizeof(p->field));
    p->type = type;
    (*nparams)++;
    return p;
}


/**
 * virTypedParamsAddInt:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @value: its value
 *
 * Appends an int entry.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams, int *maxparams,
                     const char *name, int value)
{
    virTypedParameterPtr p;

    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name, VIR_TYPED_PARAM_INT)))
        goto error;
    p->value.i = value;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsAddUInt:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @value: its value
 *
 * Appends an unsigned int entry.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams, int *maxparams,
                      const char *name, unsigned int value)
{
    virTypedParameterPtr p;

    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name, VIR_TYPED_PARAM_UINT)))
        goto error;
    p->value.ui = value;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsAddLLong:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @value: its value
 *
 * Appends a long long entry.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams, int *maxparams,
                       const char *name, long long value)
{
    virTypedParameterPtr p;

    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name, VIR_TYPED_PARAM_LLONG)))
        goto error;
    p->value.l = value;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsAddULLong:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @value: its value
 *
 * Appends an unsigned long long entry.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams, int *maxparams,
                        const char *name, unsigned long long value)
{
    virTypedParameterPtr p;

    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name, VIR_TYPED_PARAM_ULLONG)))
        goto error;
    p->value.ul = value;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsAddDouble:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @value: its value
 *
 * Appends a double entry.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams, int *maxparams,
                        const char *name, double value)
{
    virTypedParameterPtr p;

    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name, VIR_TYPED_PARAM_DOUBLE)))
        goto error;
    p->value.d = value;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsAddBoolean:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @value: its value; any non-zero value is stored as 1
 *
 * Appends a boolean entry.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams, int *maxparams,
                         const char *name, int value)
{
    virTypedParameterPtr p;

    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name,
                                   VIR_TYPED_PARAM_BOOLEAN)))
        goto error;
    p->value.b = !!value;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsAddString:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @value: its value, copied
 *
 * Appends a string entry.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                        const char *name, const char *value)
{
    virTypedParameterPtr p;

    if (!value) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, _("NULL value for field '%1$s'"),
                       NULLSTR(name));
        goto error;
    }
    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name, VIR_TYPED_PARAM_STRING)))
        goto error;
    p->value.s = g_strdup(value);
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsAddStringList:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field of every entry added
 * @values: a NULL-terminated list of values, each copied
 *
 * Appends one string entry named @name per value, for the calls that
 * take a field several times.
 *
 * Returns: 0, or -1 on error.
 */
int
virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, const char **values)
{
    for (size_t i = 0; values && values[i]; i++) {
        if (virTypedParamsAddString(params, nparams, maxparams, name, values[i]) < 0)
            return -1;
    }
    return 0;
}


/**
 * virTypedParamsAddFromString:
 * @params: the array, grown as needed (NULL to start one)
 * @nparams: the number of entries in use, incremented
 * @maxparams: the number of entries allocated, updated when it grows
 * @name: the field
 * @type: a virTypedParameterType
 * @value: the value in text form, converted to @type
 *
 * Appends an entry of @type whose value is given as text, as a command
 * line tool gets it.
 *
 * Returns: 0, or -1 on error (among others when @value does not read as
 * a @type).
 */
int
virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, int type, const char *value)
{
    virTypedParameter tmp = { .type = type };
    virTypedParameterPtr p;
    char *end = NULL;

    virResetLastError();
    if (!value) {
        virReportError(VIR_ERR_INVALID_ARG, _("NULL value for field '%1$s'"), NULLSTR(name));
        goto error;
    }
    errno = 0;
    switch ((virTypedParameterType)type) {
    case VIR_TYPED_PARAM_INT: {
        long long v = strtoll(value, &end, 10);

        if (errno || !*value || *end || v < INT_MIN || v > INT_MAX)
            goto invalid;
        tmp.value.i = v;
        break;
    }
    case VIR_TYPED_PARAM_UINT: {
        unsigned long long v = strtoull(value, &end, 10);

        if (errno || !*value || *end || *value == '-' || v > UINT_MAX)
            goto invalid;
        tmp.value.ui = v;
        break;
    }
    case VIR_TYPED_PARAM_LLONG:
        tmp.value.l = strtoll(value, &end, 10);
        if (errno || !*value || *end)
            goto invalid;
        break;
    case VIR_TYPED_PARAM_ULLONG:
        tmp.value.ul = strtoull(value, &end, 10);
        if (errno || !*value || *end || *value == '-')
            goto invalid;
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        tmp.value.d = g_ascii_strtod(value, &end);
        if (errno || !*value || *end)
            goto invalid;
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        if (g_ascii_strcasecmp(value, "true") == 0 || g_ascii_strcasecmp(value, "yes") == 0 ||
            STREQ(value, "1"))
            tmp.value.b = 1;
        else if (g_ascii_strcasecmp(value, "false") == 0 ||
                 g_ascii_strcasecmp(value, "no") == 0 || STREQ(value, "0"))
            tmp.value.b = 0;
        else
            goto invalid;
        break;
    case VIR_TYPED_PARAM_STRING:
        return virTypedParamsAddString(params, nparams, maxparams, name, value);
    case VIR_TYPED_PARAM_LAST:
    default:
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unexpected type %1$d for field %2$s"),
                       type, NULLSTR(name));
        goto error;
    }
    if (!(p = virTypedParamsAppend(params, nparams, maxparams, name, type)))
        goto error;
    p->value = tmp.value;
    return 0;

 invalid:
    virReportError(VIR_ERR_INVALID_ARG, _("Invalid value for field '%1$s': expected %2$s"),
                   NULLSTR(name), virTypedParamTypeName(type));
 error:
    virDispatchError(NULL);
    return -1;
}


/**
 * virTypedParamsClear:
 * @params: an array of typed parameters, or NULL
 * @nparams: the number of entries in @params
 *
 * Releases what the entries of @params point to (the strings), but not
 * the array itself.
 */
void
virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    if (!params)
        return;
    for (int i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING) {
            free(params[i].value.s);
            params[i].value.s = NULL;
        }
    }
}


/**
 * virTypedParamsFree:
 * @params: an array of typed parameters, or NULL
 * @nparams: the number of entries in @params
 *
 * Releases the entries of @params and the array.
 */
void
virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    virTypedParamsClear(params, nparams);
    free(params);
}
