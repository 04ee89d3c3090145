/*
 * virconf.h: libvirt's configuration file syntax (qemu.conf and friends)
 *
 * A file is a sequence of "name = value" settings, one per line (or
 * separated by ';'), with '#' comments and blank lines.  A value is an
 * integer (42, -1), a decimal number (0.5), a string ("..." with \" and
 * \\ escapes, or '...' taken literally) or a list of values in [ ],
 * which may span lines.  Every setting remembers its line, so that
 * errors can point at it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef struct _virConf virConf;

typedef enum {
    /* a file that does not exist reads as an empty configuration */
    VIR_CONF_READ_ALLOW_MISSING = 1 << 0,
} virConfReadFlags;

virConf *virConfReadFile(const char *path, unsigned int flags);
virConf *virConfReadString(const char *content, const char *origin);
void virConfFree(virConf *conf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConf, virConfFree);

const char *virConfGetOrigin(const virConf *conf);
bool virConfHasKey(const virConf *conf, const char *key);
int virConfGetKeyLine(const virConf *conf, const char *key);
char **virConfGetKeys(const virConf *conf);

int virConfGetValueString(const virConf *conf, const char *key,
                          char **retValue) G_GNUC_WARN_UNUSED_RESULT;
int virConfGetValueUInt(const virConf *conf, const char *key,
                        unsigned int *retValue) G_GNUC_WARN_UNUSED_RESULT;
int virConfGetValueBool(const virConf *conf, const char *key,
                        bool *retValue) G_GNUC_WARN_UNUSED_RESULT;
int virConfGetValueDouble(const virConf *conf, const char *key,
                          double *retValue) G_GNUC_WARN_UNUSED_RESULT;
int virConfGetValueStringList(const virConf *conf, const char *key,
                              char ***retValue) G_GNUC_WARN_UNUSED_RESULT;
