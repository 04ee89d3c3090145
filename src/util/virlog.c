/*
 * virlog.c: debug logging
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <syslog.h>
#include <sys/syscall.h>

#include "virlog.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

typedef enum {
    VIR_LOG_TO_STDERR,
    VIR_LOG_TO_FILE,
    VIR_LOG_TO_SYSLOG,
} virLogDestination;

typedef struct {
    virLogPriority priority;
    virLogDestination dest;
    int fd;          /* for VIR_LOG_TO_FILE */
    char *ident;     /* for VIR_LOG_TO_SYSLOG */
} virLogOutput;

typedef struct {
    virLogPriority priority;
    char *match;
} virLogFilter;

/*
 * The logging configuration is process-wide by nature (it comes from
 * the environment); everything below is guarded by virLogLock.
 * Sources cache their effective priority and compare @serial to notice
 * a new configuration.
 */
static GMutex virLogLock;
static unsigned int virLogSerial = 1;
static int virLogEnabled;
static virLogPriority virLogDefault = VIR_LOG_WARN;
static virLogFilter *virLogFilters;
static size_t virLogNFilters;
static virLogOutput *virLogOutputs;
static size_t virLogNOutputs;

static const char *const virLogPriorityNames[] = {
    [VIR_LOG_DEBUG] = "debug",
    [VIR_LOG_INFO] = "info",
    [VIR_LOG_WARN] = "warning",
    [VIR_LOG_ERROR] = "error",
};


static void
virLogOutputClear(virLogOutput *out)
{
    if (out->dest == VIR_LOG_TO_FILE && out->fd >= 0)
        close(out->fd);
    g_free(out->ident);
}


static void
virLogOutputsFree(virLogOutput *outs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        virLogOutputClear(&outs[i]);
    g_free(outs);
}


static void
virLogFiltersFree(virLogFilter *filters, size_t n)
{
    for (size_t i = 0; i < n; i++)
        g_free(filters[i].match);
    g_free(filters);
}


/**
 * virLogParseDefaultPriority:
 * @value: "1".."4" or "debug", "info", "warning", "error"
 * @ret: the priority
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virLogParseDefaultPriority(const char *value, virLogPriority *ret)
{
    for (int p = VIR_LOG_DEBUG; p <= VIR_LOG_ERROR; p++) {
        char digit[2] = { (char)('0' + p), '\0' };

        if (STREQ(value, digit) || STREQ(value, virLogPriorityNames[p])) {
            *ret = p;
            return 0;
        }
    }
    virReportError(VIR_ERR_INVALID_ARG,
                   _("log priority '%1$s' is not one of 1-4 or debug, info, warning, error"),
                   value);
    return -1;
}


/* "N:rest" -> priority N and a pointer into @item at "rest". */
static int
virLogParsePrefix(const char *item, virLogPriority *prio, const char **rest)
{
    const char *colon = strchr(item, ':');
    g_autofree char *num = NULL;

    if (!colon || colon == item) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("log setting '%1$s' does not start with a priority and ':'"),
                       item);
        return -1;
    }
    num = g_strndup(item, colon - item);
    if (virLogParseDefaultPriority(num, prio) < 0)
        return -1;
    *rest = colon + 1;
    return 0;
}


/**
 * virLogSetFilters:
 * @filters: space-separated "N:match" items ("+" before match is
 *           accepted for compatibility; stack traces are not printed)
 *
 * Returns: 0, or -1 with an error reported and nothing changed.
 */
int
virLogSetFilters(const char *filters)
{
    g_auto(GStrv) items = g_strsplit_set(filters ? filters : "", " \t\n", -1);
    g_autofree virLogFilter *parsed = NULL;
    size_t n = 0;

    parsed = g_new0(virLogFilter, g_strv_length(items) + 1);
    for (size_t i = 0; items[i]; i++) {
        virLogPriority prio;
        const char *match;

        if (!*items[i])
            continue;
        if (virLogParsePrefix(items[i], &prio, &match) < 0)
            goto error;
        if (*match == '+')
            match++;
        if (!*match) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("log filter '%1$s' has nothing to match"), items[i]);
            goto error;
        }
        parsed[n].priority = prio;
        parsed[n].match = g_strdup(match);
        n++;
    }

    g_mutex_lock(&virLogLock);
    virLogFiltersFree(virLogFilters, virLogNFilters);
    virLogFilters = g_steal_pointer(&parsed);
    virLogNFilters = n;
    virLogSerial++;
    g_mutex_unlock(&virLogLock);
    return 0;

 error:
    for (size_t i = 0; i < n; i++)
        g_free(parsed[i].match);
    return -1;
}


/**
 * virLogSetOutputs:
 * @outputs: space-separated "N:stderr", "N:file:PATH" or
 *           "N:syslog:IDENT" items
 *
 * Returns: 0, or -1 with an error reported and nothing changed.
 */
int
virLogSetOutputs(const char *outputs)
{
    g_auto(GStrv) items = g_strsplit_set(outputs ? outputs : "", " \t\n", -1);
    virLogOutput *parsed = g_new0(virLogOutput, g_strv_length(items) + 1);
    size_t n = 0;

    for (size_t i = 0; items[i]; i++) {
        virLogOutput *out = &parsed[n];
        const char *rest;

        if (!*items[i])
            continue;
        if (virLogParsePrefix(items[i], &out->priority, &rest) < 0)
            goto error;
        out->fd = -1;
        if (STREQ(rest, "stderr")) {
            out->dest = VIR_LOG_TO_STDERR;
        } else if (STRPREFIX(rest, "file:") && rest[5] == '/') {
            out->dest = VIR_LOG_TO_FILE;
            out->fd = open(rest + 5, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                           0600);
            if (out->fd < 0) {
                virReportSystemError(errno, _("cannot open log file '%1$s'"),
                                     rest + 5);
                goto error;
            }
        } else if (STRPREFIX(rest, "syslog:") && rest[7]) {
            out->dest = VIR_LOG_TO_SYSLOG;
            out->ident = g_strdup(rest + 7);
        } else {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("log output '%1$s' is not stderr, file:/ABSOLUTE/PATH or syslog:IDENT"),
                           items[i]);
            goto error;
        }
        n++;
    }

    g_mutex_lock(&virLogLock);
    virLogOutputsFree(virLogOutputs, virLogNOutputs);
    virLogOutputs = parsed;
    virLogNOutputs = n;
    virLogSerial++;
    g_mutex_unlock(&virLogLock);
    return 0;

 error:
    virLogOutputsFree(parsed, n);
    return -1;
}


/**
 * virLogSetDefaultPriority:
 * @priority: the lowest priority logged by sources no filter matches
 *
 * Also enables logging.
 *
 * Returns: 0
 */
int
virLogSetDefaultPriority(virLogPriority priority)
{
    g_mutex_lock(&virLogLock);
    virLogDefault = priority;
    virLogEnabled = 1;
    virLogSerial++;
    g_mutex_unlock(&virLogLock);
    return 0;
}


/**
 * virLogReset:
 *
 * Back to the initial state: nothing logged.
 */
void
virLogReset(void)
{
    g_mutex_lock(&virLogLock);
    virLogFiltersFree(virLogFilters, virLogNFilters);
    virLogOutputsFree(virLogOutputs, virLogNOutputs);
    virLogFilters = NULL;
    virLogOutputs = NULL;
    virLogNFilters = virLogNOutputs = 0;
    virLogDefault = VIR_LOG_WARN;
    virLogEnabled = 0;
    virLogSerial++;
    g_mutex_unlock(&virLogLock);
}


/**
 * virLogSetFromEnv:
 *
 * Applies LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS and LIBVIRT_LOG_OUTPUTS.
 * Setting any of them enables logging (to stderr unless outputs say
 * otherwise).
 *
 * Returns: 0, or -1 with an error reported.
 */
int
virLogSetFromEnv(void)
{
    const char *debug = g_getenv("LIBVIRT_DEBUG");
    const char *filters = g_getenv("LIBVIRT_LOG_FILTERS");
    const char *outputs = g_getenv("LIBVIRT_LOG_OUTPUTS");
    virLogPriority prio = VIR_LOG_WARN;

    if (debug && *debug && virLogParseDefaultPriority(debug, &prio) < 0)
        return -1;
    if (filters && *filters && virLogSetFilters(filters) < 0)
        return -1;
    if (outputs && *outputs && virLogSetOutputs(outputs) < 0)
        return -1;
    if ((debug && *debug) || (filters && *filters) || (outputs && *outputs))
        virLogSetDefaultPriority(prio);
    return 0;
}


/* Called with virLogLock held. */
static virLogPriority
virLogSourcePriority(const virLogSource *source)
{
    for (size_t i = 0; i < virLogNFilters; i++) {
        if (strstr(source->name, virLogFilters[i].match))
            return virLogFilters[i].priority;
    }
    return virLogDefault;
}


/**
 * virLogWants:
 * @source: a file's log source
 * @priority: the priority of a message about to be formatted
 *
 * Returns: whether the message would be written anywhere.
 */
bool
virLogWants(virLogSource *source, virLogPriority priority)
{
    unsigned int serial = g_atomic_int_get(&virLogSerial);
    bool wants;

    if (!g_atomic_int_get(&virLogEnabled))
        return false;
    if (source->serial == serial)
        return priority >= source->priority;

    g_mutex_lock(&virLogLock);
    source->priority = virLogSourcePriority(source);
    source->serial = virLogSerial;
    wants = priority >= source->priority;
    g_mutex_unlock(&virLogLock);
    return wants;
}


static void
virLogWriteAll(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        buf += n;
        len -= n;
    }
}


/**
 * virLogMessage:
 * @source: the file's log source
 * @priority: the message's priority
 * @filename: source file (unused in the output; kept for filters)
 * @linenr: source line
 * @funcname: source function
 * @fmt: printf-style message
 *
 * Writes one line to every output whose priority admits it:
 * "TIMESTAMP: TID: PRIORITY : FUNCTION:LINE : MESSAGE".  Preserves errno.
 */
void
virLogMessage(virLogSource *source, virLogPriority priority,
              const char *filename G_GNUC_UNUSED, size_t linenr,
              const char *funcname, const char *fmt, ...)
{
    int saved_errno = errno;
    g_autofree char *msg = NULL;
    g_autofree char *line = NULL;
    g_autofree char *stamp = NULL;
    g_autoptr(GDateTime) now = NULL;
    va_list args;

    if (!virLogWants(source, priority))
        goto done;

    va_start(args, fmt);
    msg = g_strdup_vprintf(fmt, args);
    va_end(args);

    now = g_date_time_new_now_utc();
    stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");
    line = g_strdup_printf("%s.%03d+0000: %ld: %s : %s:%zu : %s\n", stamp,
                           g_date_time_get_microsecond(now) / 1000,
                           (long)syscall(SYS_gettid),
                           virLogPriorityNames[priority], funcname, linenr,
                           msg);

    g_mutex_lock(&virLogLock);
    if (virLogNOutputs == 0) {
        virLogWriteAll(STDERR_FILENO, line, strlen(line));
    }
    for (size_t i = 0; i < virLogNOutputs; i++) {
        virLogOutput *out = &virLogOutputs[i];

        if (priority < out->priority)
            continue;
        switch (out->dest) {
        case VIR_LOG_TO_STDERR:
            virLogWriteAll(STDERR_FILENO, line, strlen(line));
            break;
        case VIR_LOG_TO_FILE:
            virLogWriteAll(out->fd, line, strlen(line));
            break;
        case VIR_LOG_TO_SYSLOG:
            openlog(out->ident, 0, LOG_USER);
            syslog(priority >= VIR_LOG_ERROR ? LOG_ERR :
                   priority >= VIR_LOG_WARN ? LOG_WARNING :
                   priority >= VIR_LOG_INFO ? LOG_INFO : LOG_DEBUG,
                   "%s", msg);
            break;
        }
    }
    g_mutex_unlock(&virLogLock);

 done:
    errno = saved_errno;
}
