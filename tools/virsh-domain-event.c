/*
 * virsh-domain-event.c: the "event" command, which waits for domain
 * events and prints one line (or block) per event in upstream virsh's
 * format, so that scripts reading either virsh see the same bytes.
 *
 * The event loop is registered here and nowhere else: other commands
 * make no event machinery (tests/stracetest.py counts their syscalls).
 * The loop runs in the command's own thread; the end comes from the
 * first event (without --loop), a timer (--timeout), SIGINT or the
 * connection closing under it (the daemon went away), each of which
 * sets virshEventEnd and wakes the loop.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <glib-unix.h>
#include "virsh.h"

/* Why the loop ended. */
typedef enum {
    VIRSH_EVENT_RUNNING = 0,
    VIRSH_EVENT_DONE,        /* the one event waited for came */
    VIRSH_EVENT_TIMEOUT,
    VIRSH_EVENT_INTERRUPT,
    VIRSH_EVENT_DISCONNECTED,
} virshEventEndReason;

static volatile sig_atomic_t virshEventEnd;
/* SIGINT writes to [1]; the loop watches [0]. */
static int virshEventWake[2] = { -1, -1 };
static bool virshEventLoopRegistered;

typedef struct _virshDomEventData virshDomEventData;
struct _virshDomEventData {
    vshControl *ctl;
    bool loop;
    bool timestamp;
    int *count;
    int event;   /* the VIR_DOMAIN_EVENT_ID_* */
    int id;      /* the callback ID, or -1 */
};


/* ---- Words (upstream's, the facts a script matches on) ---- */

/* What upstream prints for a value it has no word for: most events say
 * "unknown", the newer ones "unsupported value". */
#define VIRSH_EVENT_UNKNOWN N_("unknown")
#define VIRSH_EVENT_UNSUPPORTED N_("unsupported value")

/* Returns: @table[@value] when it is in range, else NULL. */
static const char *
virshEventWord(const char *const *table, size_t n, int value)
{
    if (value < 0 || (size_t)value >= n)
        return NULL;
    return table[value];
}

#define VIRSH_EVENT_WORD(table, value) \
    virshEventWord(table, G_N_ELEMENTS(table), value)

/* As VIRSH_EVENT_WORD, translated, with @fallback (one of the words
 * above) for a value it does not know. */
#define VIRSH_EVENT_WORD_OR(table, value, fallback) \
    (VIRSH_EVENT_WORD(table, value) ? _(VIRSH_EVENT_WORD(table, value)) : \
     _(fallback))

static const char *const virshLifecycleWords[] = {
    N_("Defined"), N_("Undefined"), N_("Started"), N_("Suspended"),
    N_("Resumed"), N_("Stopped"), N_("Shutdown"), N_("PMSuspended"),
    N_("Crashed"),
};

static const char *const virshLifecycleDefined[] = {
    N_("Added"), N_("Updated"), N_("Renamed"), N_("Snapshot"),
};
static const char *const virshLifecycleUndefined[] = {
    N_("Removed"), N_("Renamed"),
};
static const char *const virshLifecycleStarted[] = {
    N_("Booted"), N_("Migrated"), N_("Restored"), N_("Snapshot"),
    N_("Event wakeup"),
};
static const char *const virshLifecycleSuspended[] = {
    N_("Paused"), N_("Migrated"), N_("I/O Error"), N_("Watchdog"),
    N_("Restored"), N_("Snapshot"), N_("API error"), N_("Post-copy"),
    N_("Post-copy Error"),
};
static const char *const virshLifecycleResumed[] = {
    N_("Unpaused"), N_("Migrated"), N_("Snapshot"), N_("Post-copy"),
    N_("Post-copy Error"),
};
static const char *const virshLifecycleStopped[] = {
    N_("Shutdown"), N_("Destroyed"), N_("Crashed"), N_("Migrated"),
    N_("Saved"), N_("Failed"), N_("Snapshot"),
};
static const char *const virshLifecycleShutdown[] = {
    N_("Finished"), N_("Finished after guest request"),
    N_("Finished after host request"),
};
static const char *const virshLifecyclePMSuspended[] = {
    N_("Memory"), N_("Disk"),
};
static const char *const virshLifecycleCrashed[] = {
    N_("Panicked"), N_("Crashloaded"),
};

static const char *const virshWatchdogWords[] = {
    "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi",
};
static const char *const virshIOErrorWords[] = {
    N_("none"), N_("pause"), N_("report"),
};
static const char *const virshGraphicsPhaseWords[] = {
    N_("connect"), N_("initialize"), N_("disconnect"),
};
static const char *const virshGraphicsAddressWords[] = {
    N_("IPv4"), N_("IPv6"), N_("unix"),
};
#define VIRSH_EVENT_UNKNOWN_JOB N_("Unknown job")
static const char *const virshBlockJobTypeWords[] = {
    VIRSH_EVENT_UNKNOWN_JOB, N_("Block Pull"), N_("Block Copy"),
    N_("Block Commit"), N_("Active Block Commit"), N_("Backup"),
};
static const char *const virshBlockJobStatusWords[] = {
    N_("completed"), N_("failed"), N_("canceled"), N_("ready"),
};
static const char *const virshDiskChangeWords[] = {
    N_("changed"), N_("dropped"),
};
static const char *const virshTrayChangeWords[] = {
    N_("opened"), N_("closed"),
};
static const char *const virshAgentStateWords[] = {
    N_("unknown"), N_("connected"), N_("disconnected"),
};
static const char *const virshAgentReasonWords[] = {
    N_("unknown"), N_("domain started"), N_("channel event"),
};
static const char *const virshMetadataTypeWords[] = {
    N_("description"), N_("title"), N_("element"),
};
static const char *const virshMemoryFailureRecipientWords[] = {
    N_("hypervisor"), N_("guest"),
};
static const char *const virshMemoryFailureActionWords[] = {
    N_("ignore"), N_("inject"), N_("fatal"), N_("reset"),
};


static const char *
virshLifecycleEventString(int event)
{
    const char *word = VIRSH_EVENT_WORD(virshLifecycleWords, event);

    return word ? _(word) : _("unknown");
}


static const char *
virshLifecycleDetailString(int event, int detail)
{
    const char *word = NULL;

#define VIRSH_DETAIL(table) word = VIRSH_EVENT_WORD(table, detail); break
    switch ((virDomainEventType) event) {
    case VIR_DOMAIN_EVENT_DEFINED: VIRSH_DETAIL(virshLifecycleDefined);
    case VIR_DOMAIN_EVENT_UNDEFINED: VIRSH_DETAIL(virshLifecycleUndefined);
    case VIR_DOMAIN_EVENT_STARTED: VIRSH_DETAIL(virshLifecycleStarted);
    case VIR_DOMAIN_EVENT_SUSPENDED: VIRSH_DETAIL(virshLifecycleSuspended);
    case VIR_DOMAIN_EVENT_RESUMED: VIRSH_DETAIL(virshLifecycleResumed);
    case VIR_DOMAIN_EVENT_STOPPED: VIRSH_DETAIL(virshLifecycleStopped);
    case VIR_DOMAIN_EVENT_SHUTDOWN: VIRSH_DETAIL(virshLifecycleShutdown);
    case VIR_DOMAIN_EVENT_PMSUSPENDED: VIRSH_DETAIL(virshLifecyclePMSuspended);
    case VIR_DOMAIN_EVENT_CRASHED: VIRSH_DETAIL(virshLifecycleCrashed);
    default:
        break;
    }
#undef VIRSH_DETAIL
    return word ? _(word) : _("unknown");
}


/* ---- Printing ---- */

/*
 * Prints one event's text, with upstream's timestamp prefix under
 * --timestamp (UTC, milliseconds, a literal +0000), counts it, and ends
 * the wait when only one event was asked for.
 */
static void
virshEventPrint(virshDomEventData *data, GString *buf)
{
    if (data->timestamp) {
        gint64 now = g_get_real_time();
        time_t secs = now / G_USEC_PER_SEC;
        struct tm tm;

        if (gmtime_r(&secs, &tm)) {
            vshPrint(data->ctl, "%04d-%02d-%02d %02d:%02d:%02d.%03d+0000: %s",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec,
                     (int)((now % G_USEC_PER_SEC) / 1000), buf->str);
        } else {
            vshPrint(data->ctl, ": %s", buf->str);
        }
    } else {
        vshPrint(data->ctl, "%s", buf->str);
    }
    fflush(stdout);
    (*data->count)++;
    if (!data->loop && virshEventEnd == VIRSH_EVENT_RUNNING)
        virshEventEnd = VIRSH_EVENT_DONE;
}


/* Upstream's rendering of a typed parameter's value. */
static char *
virshTypedParamValue(const virTypedParameter *par)
{
    switch ((virTypedParameterType) par->type) {
    case VIR_TYPED_PARAM_INT:
        return g_strdup_printf("%d", par->value.i);
    case VIR_TYPED_PARAM_UINT:
        return g_strdup_printf("%u", par->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return g_strdup_printf("%lld", par->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return g_strdup_printf("%llu", par->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return g_strdup_printf("%g", par->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        /* Upstream prints the number as it came, not a word. */
        return g_strdup_printf("%d", par->value.b);
    case VIR_TYPED_PARAM_STRING:
        return g_strdup(NULLSTR(par->value.s));
    default:
        return g_strdup(_("unknown"));
    }
}


static const char *virshEventNames[VIR_DOMAIN_EVENT_ID_LAST] = {
    [VIR_DOMAIN_EVENT_ID_LIFECYCLE] = "lifecycle",
    [VIR_DOMAIN_EVENT_ID_REBOOT] = "reboot",
    [VIR_DOMAIN_EVENT_ID_RTC_CHANGE] = "rtc-change",
    [VIR_DOMAIN_EVENT_ID_WATCHDOG] = "watchdog",
    [VIR_DOMAIN_EVENT_ID_IO_ERROR] = "io-error",
    [VIR_DOMAIN_EVENT_ID_GRAPHICS] = "graphics",
    [VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON] = "io-error-reason",
    [VIR_DOMAIN_EVENT_ID_CONTROL_ERROR] = "control-error",
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB] = "block-job",
    [VIR_DOMAIN_EVENT_ID_DISK_CHANGE] = "disk-change",
    [VIR_DOMAIN_EVENT_ID_TRAY_CHANGE] = "tray-change",
    [VIR_DOMAIN_EVENT_ID_PMWAKEUP] = "pm-wakeup",
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND] = "pm-suspend",
    [VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE] = "balloon-change",
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK] = "pm-suspend-disk",
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED] = "device-removed",
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2] = "block-job-2",
    [VIR_DOMAIN_EVENT_ID_TUNABLE] = "tunable",
    [VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE] = "agent-lifecycle",
    [VIR_DOMAIN_EVENT_ID_DEVICE_ADDED] = "device-added",
    [VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION] = "migration-iteration",
    [VIR_DOMAIN_EVENT_ID_JOB_COMPLETED] = "job-completed",
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED] = "device-removal-failed",
    [VIR_DOMAIN_EVENT_ID_METADATA_CHANGE] = "metadata-change",
    [VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD] = "block-threshold",
    [VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE] = "memory-failure",
    [VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE] = "memory-device-size-change",
};


/* ---- Callbacks, one per event ID ---- */

/* The events whose only datum is the domain (reboot, control-error)
 * and the power management ones, whose reason upstream does not show. */
static void
virshEventGenericPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                       void *opaque)
{
    virshDomEventData *data = opaque;
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event '%s' for domain '%s'\n"),
                           virshEventNames[data->event], virDomainGetName(dom));
    virshEventPrint(data, buf);
}


static void
virshEventPMPrint(virConnectPtr conn, virDomainPtr dom,
                  int reason G_GNUC_UNUSED, void *opaque)
{
    virshEventGenericPrint(conn, dom, opaque);
}


static int
virshEventLifecyclePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                         int event, int detail, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'lifecycle' for domain '%s': %s %s\n"),
                           virDomainGetName(dom),
                           virshLifecycleEventString(event),
                           virshLifecycleDetailString(event, detail));
    virshEventPrint(opaque, buf);
    return 0;
}


static void
virshEventRTCChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                         long long utcoffset, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'rtc-change' for domain '%s': %lld\n"),
                           virDomainGetName(dom), utcoffset);
    virshEventPrint(opaque, buf);
}


static void
virshEventWatchdogPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                        int action, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'watchdog' for domain '%s': %s\n"),
                           virDomainGetName(dom),
                           VIRSH_EVENT_WORD_OR(virshWatchdogWords, action,
                                               VIRSH_EVENT_UNKNOWN));
    virshEventPrint(opaque, buf);
}


static void
virshEventIOErrorPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                       const char *srcPath, const char *devAlias,
                       int action, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'io-error' for domain '%s': %s (%s) %s\n"),
                           virDomainGetName(dom), NULLSTR(srcPath),
                           NULLSTR(devAlias),
                           VIRSH_EVENT_WORD_OR(virshIOErrorWords, action,
                                               VIRSH_EVENT_UNKNOWN));
    virshEventPrint(opaque, buf);
}


static void
virshEventIOErrorReasonPrint(virConnectPtr conn G_GNUC_UNUSED,
                             virDomainPtr dom, const char *srcPath,
                             const char *devAlias, int action,
                             const char *reason, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'io-error-reason' for domain '%s': %s (%s) %s due to %s\n"),
                           virDomainGetName(dom), NULLSTR(srcPath),
                           NULLSTR(devAlias),
                           VIRSH_EVENT_WORD_OR(virshIOErrorWords, action,
                                               VIRSH_EVENT_UNKNOWN),
                           NULLSTR(reason));
    virshEventPrint(opaque, buf);
}


static void
virshEventGraphicsPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                        int phase,
                        const virDomainEventGraphicsAddress *local,
                        const virDomainEventGraphicsAddress *remote,
                        const char *authScheme,
                        const virDomainEventGraphicsSubject *subject,
                        void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    int i;

    g_string_append_printf(buf, _("event 'graphics' for domain '%s': %s local[%s %s %s] remote[%s %s %s] %s\n"),
                           virDomainGetName(dom),
                           VIRSH_EVENT_WORD_OR(virshGraphicsPhaseWords, phase,
                                               VIRSH_EVENT_UNKNOWN),
                           local ? VIRSH_EVENT_WORD_OR(virshGraphicsAddressWords,
                                                       local->family, VIRSH_EVENT_UNKNOWN) : "",
                           local ? NULLSTR(local->node) : "",
                           local ? NULLSTR(local->service) : "",
                           remote ? VIRSH_EVENT_WORD_OR(virshGraphicsAddressWords,
                                                        remote->family, VIRSH_EVENT_UNKNOWN) : "",
                           remote ? NULLSTR(remote->node) : "",
                           remote ? NULLSTR(remote->service) : "",
                           NULLSTR(authScheme));
    for (i = 0; subject && i < subject->nidentity; i++) {
        g_string_append_printf(buf, "\t%s=%s\n",
                               NULLSTR(subject->identities[i].type),
                               NULLSTR(subject->identities[i].name));
    }
    virshEventPrint(opaque, buf);
}


static void
virshEventBlockJobPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                        const char *disk, int type, int status, void *opaque)
{
    virshDomEventData *data = opaque;
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event '%s' for domain '%s': %s for %s %s\n"),
                           virshEventNames[data->event], virDomainGetName(dom),
                           VIRSH_EVENT_WORD_OR(virshBlockJobTypeWords, type,
                                               VIRSH_EVENT_UNKNOWN_JOB),
                           NULLSTR(disk),
                           VIRSH_EVENT_WORD_OR(virshBlockJobStatusWords, status,
                                               VIRSH_EVENT_UNKNOWN));
    virshEventPrint(data, buf);
}


static void
virshEventDiskChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                          const char *oldSrc, const char *newSrc,
                          const char *alias, int reason, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'disk-change' for domain '%s' disk %s: %s -> %s: %s\n"),
                           virDomainGetName(dom), NULLSTR(alias),
                           NULLSTR(oldSrc), NULLSTR(newSrc),
                           VIRSH_EVENT_WORD_OR(virshDiskChangeWords, reason,
                                               VIRSH_EVENT_UNKNOWN));
    virshEventPrint(opaque, buf);
}


static void
virshEventTrayChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                          const char *alias, int reason, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'tray-change' for domain '%s' disk %s: %s\n"),
                           virDomainGetName(dom), NULLSTR(alias),
                           VIRSH_EVENT_WORD_OR(virshTrayChangeWords, reason,
                                               VIRSH_EVENT_UNKNOWN));
    virshEventPrint(opaque, buf);
}


static void
virshEventBalloonChangePrint(virConnectPtr conn G_GNUC_UNUSED,
                             virDomainPtr dom, unsigned long long actual,
                             void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'balloon-change' for domain '%s': %lluKiB\n"),
                           virDomainGetName(dom), actual);
    virshEventPrint(opaque, buf);
}


/* device-removed, device-added and device-removal-failed: the alias. */
static void
virshEventDeviceAliasPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                           const char *alias, void *opaque)
{
    virshDomEventData *data = opaque;
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event '%s' for domain '%s': %s\n"),
                           virshEventNames[data->event], virDomainGetName(dom),
                           NULLSTR(alias));
    virshEventPrint(data, buf);
}


/* tunable and job-completed: the typed parameters, one a line. */
static void
virshEventParamsPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                      virTypedParameterPtr params, int nparams, void *opaque)
{
    virshDomEventData *data = opaque;
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event '%s' for domain '%s':\n"),
                           virshEventNames[data->event], virDomainGetName(dom));
    for (int i = 0; i < nparams; i++) {
        g_autofree char *value = virshTypedParamValue(&params[i]);

        g_string_append_printf(buf, "\t%s: %s\n", params[i].field, value);
    }
    virshEventPrint(data, buf);
}


static void
virshEventAgentLifecyclePrint(virConnectPtr conn G_GNUC_UNUSED,
                              virDomainPtr dom, int state, int reason,
                              void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'agent-lifecycle' for domain '%s': state: '%s' reason: '%s'\n"),
                           virDomainGetName(dom),
                           VIRSH_EVENT_WORD_OR(virshAgentStateWords, state,
                                               VIRSH_EVENT_UNSUPPORTED),
                           VIRSH_EVENT_WORD_OR(virshAgentReasonWords, reason,
                                               VIRSH_EVENT_UNSUPPORTED));
    virshEventPrint(opaque, buf);
}


static void
virshEventMigrationIterationPrint(virConnectPtr conn G_GNUC_UNUSED,
                                  virDomainPtr dom, int iteration,
                                  void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'migration-iteration' for domain '%s': iteration: '%d'\n"),
                           virDomainGetName(dom), iteration);
    virshEventPrint(opaque, buf);
}


static void
virshEventMetadataChangePrint(virConnectPtr conn G_GNUC_UNUSED,
                              virDomainPtr dom, int type, const char *nsuri,
                              void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'metadata-change' for domain '%s': type %s, uri %s\n"),
                           virDomainGetName(dom),
                           VIRSH_EVENT_WORD_OR(virshMetadataTypeWords, type,
                                               VIRSH_EVENT_UNSUPPORTED),
                           NULLSTR(nsuri));
    virshEventPrint(opaque, buf);
}


static void
virshEventBlockThresholdPrint(virConnectPtr conn G_GNUC_UNUSED,
                              virDomainPtr dom, const char *dev,
                              const char *path, unsigned long long threshold,
                              unsigned long long excess, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'block-threshold' for domain '%s': dev: %s(%s) %llu %llu\n"),
                           virDomainGetName(dom), NULLSTR(dev), NULLSTR(path),
                           threshold, excess);
    virshEventPrint(opaque, buf);
}


static void
virshEventMemoryFailurePrint(virConnectPtr conn G_GNUC_UNUSED,
                             virDomainPtr dom, int recipient, int action,
                             unsigned int flags, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'memory-failure' for domain '%s':\n"),
                           virDomainGetName(dom));
    g_string_append_printf(buf, _("recipient: %s\n"),
                           VIRSH_EVENT_WORD_OR(virshMemoryFailureRecipientWords,
                                               recipient, VIRSH_EVENT_UNSUPPORTED));
    g_string_append_printf(buf, _("action: %s\n"),
                           VIRSH_EVENT_WORD_OR(virshMemoryFailureActionWords,
                                               action, VIRSH_EVENT_UNSUPPORTED));
    g_string_append_printf(buf, _("flags:\n"));
    g_string_append_printf(buf, _("\taction required: %d\n"),
                           !!(flags & VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED));
    g_string_append_printf(buf, _("\trecursive: %d\n"),
                           !!(flags & VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE));
    virshEventPrint(opaque, buf);
}


static void
virshEventMemoryDeviceSizeChangePrint(virConnectPtr conn G_GNUC_UNUSED,
                                      virDomainPtr dom, const char *alias,
                                      unsigned long long size, void *opaque)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, _("event 'memory-device-size-change' for domain '%s':\n"),
                           virDomainGetName(dom));
    g_string_append_printf(buf, _("alias: %s\nsize: %llu\n"),
                           NULLSTR(alias), size);
    virshEventPrint(opaque, buf);
}


static const virConnectDomainEventGenericCallback virshEventCallbacks[VIR_DOMAIN_EVENT_ID_LAST] = {
    [VIR_DOMAIN_EVENT_ID_LIFECYCLE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventLifecyclePrint),
    [VIR_DOMAIN_EVENT_ID_REBOOT] = virshEventGenericPrint,
    [VIR_DOMAIN_EVENT_ID_RTC_CHANGE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventRTCChangePrint),
    [VIR_DOMAIN_EVENT_ID_WATCHDOG] = VIR_DOMAIN_EVENT_CALLBACK(virshEventWatchdogPrint),
    [VIR_DOMAIN_EVENT_ID_IO_ERROR] = VIR_DOMAIN_EVENT_CALLBACK(virshEventIOErrorPrint),
    [VIR_DOMAIN_EVENT_ID_GRAPHICS] = VIR_DOMAIN_EVENT_CALLBACK(virshEventGraphicsPrint),
    [VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON] = VIR_DOMAIN_EVENT_CALLBACK(virshEventIOErrorReasonPrint),
    [VIR_DOMAIN_EVENT_ID_CONTROL_ERROR] = virshEventGenericPrint,
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB] = VIR_DOMAIN_EVENT_CALLBACK(virshEventBlockJobPrint),
    [VIR_DOMAIN_EVENT_ID_DISK_CHANGE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventDiskChangePrint),
    [VIR_DOMAIN_EVENT_ID_TRAY_CHANGE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventTrayChangePrint),
    [VIR_DOMAIN_EVENT_ID_PMWAKEUP] = VIR_DOMAIN_EVENT_CALLBACK(virshEventPMPrint),
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND] = VIR_DOMAIN_EVENT_CALLBACK(virshEventPMPrint),
    [VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventBalloonChangePrint),
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK] = VIR_DOMAIN_EVENT_CALLBACK(virshEventPMPrint),
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED] = VIR_DOMAIN_EVENT_CALLBACK(virshEventDeviceAliasPrint),
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2] = VIR_DOMAIN_EVENT_CALLBACK(virshEventBlockJobPrint),
    [VIR_DOMAIN_EVENT_ID_TUNABLE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventParamsPrint),
    [VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventAgentLifecyclePrint),
    [VIR_DOMAIN_EVENT_ID_DEVICE_ADDED] = VIR_DOMAIN_EVENT_CALLBACK(virshEventDeviceAliasPrint),
    [VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION] = VIR_DOMAIN_EVENT_CALLBACK(virshEventMigrationIterationPrint),
    [VIR_DOMAIN_EVENT_ID_JOB_COMPLETED] = VIR_DOMAIN_EVENT_CALLBACK(virshEventParamsPrint),
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED] = VIR_DOMAIN_EVENT_CALLBACK(virshEventDeviceAliasPrint),
    [VIR_DOMAIN_EVENT_ID_METADATA_CHANGE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventMetadataChangePrint),
    [VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD] = VIR_DOMAIN_EVENT_CALLBACK(virshEventBlockThresholdPrint),
    [VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventMemoryFailurePrint),
    [VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE] = VIR_DOMAIN_EVENT_CALLBACK(virshEventMemoryDeviceSizeChangePrint),
};


/* ---- The loop ---- */

static void
virshEventSigint(int sig G_GNUC_UNUSED)
{
    int saved = errno;
    char c = 'i';

    virshEventEnd = VIRSH_EVENT_INTERRUPT;
    if (write(virshEventWake[1], &c, 1) < 0) {
        /* Full of wake-ups already. */
    }
    errno = saved;
}


static void
virshEventWakeRead(int watch G_GNUC_UNUSED, int fd, int events G_GNUC_UNUSED,
                   void *opaque G_GNUC_UNUSED)
{
    char c[16];

    while (read(fd, c, sizeof(c)) > 0) {
        /* drain */
    }
}


/* The connection closed without us: say so, as upstream's virsh, and
 * end the loop. */
static void
virshEventDisconnected(virConnectPtr conn, int reason, void *opaque)
{
    vshControl *ctl = opaque;
    g_autofree char *uri = NULL;

    if (reason == VIR_CONNECT_CLOSE_REASON_CLIENT)
        return;
    uri = virConnectGetURI(conn);
    switch ((virConnectCloseReason) reason) {
    case VIR_CONNECT_CLOSE_REASON_EOF:
        vshError(ctl, _("Disconnected from %1$s due to end of file"), NULLSTR(uri));
        break;
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
        vshError(ctl, _("Disconnected from %1$s due to keepalive timeout"), NULLSTR(uri));
        break;
    case VIR_CONNECT_CLOSE_REASON_ERROR:
    case VIR_CONNECT_CLOSE_REASON_CLIENT:
    case VIR_CONNECT_CLOSE_REASON_LAST:
    default:
        vshError(ctl, _("Disconnected from %1$s due to I/O error"), NULLSTR(uri));
        break;
    }
    virshResetLibvirtError();
    if (virshEventEnd == VIRSH_EVENT_RUNNING)
        virshEventEnd = VIRSH_EVENT_DISCONNECTED;
}


static void
virshEventTimeout(int timer G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    if (virshEventEnd == VIRSH_EVENT_RUNNING)
        virshEventEnd = VIRSH_EVENT_TIMEOUT;
}


/*
 * Upstream's --timeout: a decimal count of seconds from 1 to INT_MAX/1000.
 * Returns: 0 when absent, 1 with @ms set, -1 (reported) when malformed.
 */
static int
virshEventParseTimeout(vshControl *ctl, const vshCmd *cmd, int *ms)
{
    const char *str = NULL;
    char *end = NULL;
    unsigned long long secs;
    int rc;

    if ((rc = vshCommandOptString(ctl, cmd, "timeout", &str)) <= 0)
        return rc;
    while (g_ascii_isspace(*str))
        str++;
    if (*str == '-' || !*str) {
        vshReportNumberError(ctl, str, "timeout");
        return -1;
    }
    errno = 0;
    secs = g_ascii_strtoull(str, &end, 10);
    if (errno || end == str || *end || secs > UINT_MAX) {
        vshReportNumberError(ctl, str, "timeout");
        return -1;
    }
    if (secs == 0 || secs > INT_MAX / 1000) {
        g_autofree char *value = g_strdup_printf("%llu", secs);

        vshReportNumberError(ctl, value, "timeout");
        return -1;
    }
    *ms = secs * 1000;
    return 1;
}


static const vshCmdOptDef opts_event[] = {
    {.name = "domain",
     .type = VSH_OT_STRING,
     .help = N_("filter by domain name, id or uuid"),
    },
    {.name = "event",
     .type = VSH_OT_STRING,
     .help = N_("which event type to wait for"),
    },
    {.name = "all",
     .type = VSH_OT_BOOL,
     .help = N_("wait for all events instead of just one type"),
    },
    {.name = "loop",
     .type = VSH_OT_BOOL,
     .help = N_("loop until timeout or interrupt, rather than one-shot"),
    },
    {.name = "timeout",
     .type = VSH_OT_INT,
     .help = N_("timeout seconds"),
    },
    {.name = "list",
     .type = VSH_OT_BOOL,
     .help = N_("list valid event types"),
    },
    {.name = "timestamp",
     .type = VSH_OT_BOOL,
     .help = N_("show timestamp for each printed event"),
    },
    {.name = NULL}
};


/* Registers the callbacks, runs the loop until it ends, and says why. */
static int
virshEventWait(vshControl *ctl, virDomainPtr dom, int only, bool loop,
               bool timestamp, int timeout_ms)
{
    virshControl *priv = ctl->privData;
    virshDomEventData data[VIR_DOMAIN_EVENT_ID_LAST];
    struct sigaction sa = { .sa_handler = virshEventSigint };
    struct sigaction old;
    int first = only >= 0 ? only : 0;
    int last = only >= 0 ? only : VIR_DOMAIN_EVENT_ID_LAST - 1;
    int count = 0;
    int watch = -1;
    int timer = -1;
    bool closeCallback = false;
    bool deregisterFailed = false;
    int ret = 1;
    int i;

    for (i = 0; i < VIR_DOMAIN_EVENT_ID_LAST; i++) {
        data[i] = (virshDomEventData) { .ctl = ctl, .loop = loop,
                                        .timestamp = timestamp,
                                        .count = &count, .event = i,
                                        .id = -1 };
    }

    if (!g_unix_open_pipe(virshEventWake, FD_CLOEXEC, NULL) ||
        !g_unix_set_fd_nonblocking(virshEventWake[0], TRUE, NULL) ||
        !g_unix_set_fd_nonblocking(virshEventWake[1], TRUE, NULL)) {
        vshError(ctl, "%s", _("cannot make a pipe to wait on"));
        goto cleanup;
    }
    virshEventEnd = VIRSH_EVENT_RUNNING;

    for (i = first; i <= last; i++) {
        data[i].id = virConnectDomainEventRegisterAny(priv->conn, dom, i,
                                                      virshEventCallbacks[i],
                                                      &data[i], NULL);
        if (data[i].id < 0) {
            /* With --all, an older server may not know the later IDs:
             * only the first registration must succeed, as upstream. */
            if (i == first)
                goto cleanup;
            virshResetLibvirtError();
        }
    }

    /* Upstream's virsh says when the connection drops; a driver that
     * cannot tell is no reason to give up. */
    if (virConnectRegisterCloseCallback(priv->conn, virshEventDisconnected,
                                        ctl, NULL) == 0)
        closeCallback = true;
    else
        virshResetLibvirtError();

    if ((watch = virEventAddHandle(virshEventWake[0], VIR_EVENT_HANDLE_READABLE,
                                   virshEventWakeRead, NULL, NULL)) < 0)
        goto cleanup;
    if (timeout_ms > 0 &&
        (timer = virEventAddTimeout(timeout_ms, virshEventTimeout,
                                    NULL, NULL)) < 0)
        goto cleanup;

    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    while (virshEventEnd == VIRSH_EVENT_RUNNING) {
        if (virEventRunDefaultImpl() < 0) {
            virshReportError(ctl);
            break;
        }
    }
    sigaction(SIGINT, &old, NULL);

    switch ((virshEventEndReason) virshEventEnd) {
    case VIRSH_EVENT_INTERRUPT:
        vshPrint(ctl, "%s", _("event loop interrupted\n"));
        break;
    case VIRSH_EVENT_TIMEOUT:
        vshPrint(ctl, "%s", _("event loop timed out\n"));
        break;
    case VIRSH_EVENT_DONE:
    case VIRSH_EVENT_DISCONNECTED:
        break;
    case VIRSH_EVENT_RUNNING:
    default:
        goto cleanup;
    }
    vshPrint(ctl, _("events received: %d\n"), count);
    /* As upstream: success only when something came. */
    if (count > 0)
        ret = 0;

 cleanup:
    for (i = first; i <= last; i++) {
        if (data[i].id >= 0 &&
            virConnectDomainEventDeregisterAny(priv->conn, data[i].id) < 0)
            deregisterFailed = true;
    }
    /* As upstream's: a registration that cannot be undone (the
     * connection is gone) fails the command, its error said once. */
    if (deregisterFailed) {
        virshReportError(ctl);
        ret = 1;
    }
    /* Gone already if it ran. */
    if (closeCallback &&
        virConnectUnregisterCloseCallback(priv->conn, virshEventDisconnected) < 0)
        virshResetLibvirtError();
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    if (watch >= 0)
        virEventRemoveHandle(watch);
    if (virshEventWake[0] >= 0) {
        close(virshEventWake[0]);
        close(virshEventWake[1]);
    }
    virshEventWake[0] = virshEventWake[1] = -1;
    return ret;
}


/**
 * cmdEvent:
 * @ctl: the shell
 * @cmd: the parsed "event" command
 *
 * Lists the event names, or waits for domain events and prints them
 * as upstream's virsh does.
 *
 * Returns: 0 when at least one event was printed (or --list), else 1.
 */
static int
cmdEvent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    int only = -1;
    int timeout_ms = 0;
    int i;

    if (!vshCommandOptExclusive(ctl, cmd, "all", "event") ||
        !vshCommandOptExclusive(ctl, cmd, "list", "all") ||
        !vshCommandOptExclusive(ctl, cmd, "list", "event"))
        return 1;

    if (vshCommandOptBool(cmd, "list")) {
        for (i = 0; i < VIR_DOMAIN_EVENT_ID_LAST; i++)
            vshPrint(ctl, "%s\n", virshEventNames[i]);
        return 0;
    }

    if (vshCommandOptString(ctl, cmd, "event", &name) < 0)
        return 1;
    if (!name && !vshCommandOptBool(cmd, "all")) {
        vshError(ctl, "%s", _("one of --list, --all, or --event <type> is required"));
        return 1;
    }
    if (name) {
        for (i = 0; i < VIR_DOMAIN_EVENT_ID_LAST; i++) {
            if (STREQ(name, virshEventNames[i]))
                break;
        }
        if (i == VIR_DOMAIN_EVENT_ID_LAST) {
            vshError(ctl, _("unknown event type %s"), name);
            return 1;
        }
        only = i;
    }

    if (virshEventParseTimeout(ctl, cmd, &timeout_ms) < 0)
        return 1;

    if (vshCommandOptBool(cmd, "domain") &&
        !(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return 1;

    if (!virshEventLoopRegistered) {
        if (virEventRegisterDefaultImpl() < 0) {
            virshReportError(ctl);
            return 1;
        }
        virshEventLoopRegistered = true;
    }

    return virshEventWait(ctl, dom, only, vshCommandOptBool(cmd, "loop"),
                          vshCommandOptBool(cmd, "timestamp"), timeout_ms);
}


const vshCmdDef domEventCmds[] = {
    {.name = "event",
     .handler = cmdEvent,
     .opts = opts_event,
     .help = N_("Domain Events"),
     .desc = N_("List event types, or wait for domain events to occur"),
    },
    {.name = NULL}
};
