/*
 * virlog.h: debug logging, configured the way upstream libvirt users
 * know it
 *
 * LIBVIRT_DEBUG=N         lowest priority logged (1 debug, 2 info,
 *                         3 warning, 4 error); also accepts the names
 * LIBVIRT_LOG_FILTERS     "N:match ..." per-source priorities; a source
 *                         matches when its name contains "match"
 * LIBVIRT_LOG_OUTPUTS     "N:stderr", "N:file:/path" separated by spaces
 *
 * With none of them set, nothing is logged.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

typedef enum {
    VIR_LOG_DEBUG = 1,
    VIR_LOG_INFO,
    VIR_LOG_WARN,
    VIR_LOG_ERROR,
} virLogPriority;

/* One per source file: its name is what filters match against. */
typedef struct _virLogSource virLogSource;
struct _virLogSource {
    const char *name;
    /* Cached decision; recomputed when the configuration changes. */
    unsigned int serial;
    virLogPriority priority;
};

/**
 * VIR_LOG_INIT:
 * @n: the source's name, e.g. "qemu.qemu_process"
 *
 * Declares this file's log source.
 */
#define VIR_LOG_INIT(n) \
    static G_GNUC_UNUSED virLogSource virLogSelf = { \
        .name = "" n "", \
        .serial = 0, \
        .priority = VIR_LOG_ERROR, \
    }

void virLogMessage(virLogSource *source, virLogPriority priority,
                   const char *filename, size_t linenr, const char *funcname,
                   const char *fmt, ...) G_GNUC_PRINTF(6, 7);

bool virLogWants(virLogSource *source, virLogPriority priority);

#define VIR_LOG_AT(prio, ...) \
    do { \
        if (virLogWants(&virLogSelf, prio)) \
            virLogMessage(&virLogSelf, prio, __FILE__, __LINE__, __func__, \
                          __VA_ARGS__); \
    } while (0)

#define VIR_DEBUG(...) VIR_LOG_AT(VIR_LOG_DEBUG, __VA_ARGS__)
#define VIR_INFO(...) VIR_LOG_AT(VIR_LOG_INFO, __VA_ARGS__)
#define VIR_WARN(...) VIR_LOG_AT(VIR_LOG_WARN, __VA_ARGS__)
#define VIR_ERROR(...) VIR_LOG_AT(VIR_LOG_ERROR, __VA_ARGS__)

/*
 * Reads the three environment variables.  Called once, by virInitialize;
 * again by tests after changing the environment.  Bad values are
 * reported (VIR_ERR_INVALID_ARG) and the previous configuration stays.
 */
int virLogSetFromEnv(void);

/* Parses settings without applying them; for tests. */
int virLogParseDefaultPriority(const char *value, virLogPriority *ret);
int virLogSetFilters(const char *filters);
int virLogSetOutputs(const char *outputs);
int virLogSetDefaultPriority(virLogPriority priority);
void virLogReset(void);
