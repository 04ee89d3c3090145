/*
 * virsh-domain-stop.c: "stop", the escalation operators script by hand
 *
 *   1. ask the guest to shut down (ACPI power button) and wait up to
 *      --timeout seconds for the domain to shut off;
 *   2. destroy it gracefully: SIGTERM only, so QEMU flushes its caches
 *      and exits; if it cannot, the library gives up without SIGKILL;
 *   3. only with --force: destroy it (SIGKILL after a grace period).
 *
 * Each step is printed as it is taken, with the time since the command
 * began.  While waiting, a terminal shows a countdown.  Ctrl-C while
 * waiting (or during a step) ends the command before the next step:
 * the domain is left as it is.  Exit status: 0 when the domain is shut
 * off, 1 when the command stopped short, 2 on a usage error.
 *
 * Upstream virsh has no such command; it is built only on the public
 * API, so it works the same on any connection.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <signal.h>

#include "virsh.h"

#define VIRSH_STOP_DEFAULT_TIMEOUT 60.0
/* The longest wait one can ask for, as for upstream's --timeout. */
#define VIRSH_STOP_MAX_TIMEOUT (G_MAXINT / 1000)
/* How often the domain's state is polled while waiting. */
#define VIRSH_STOP_POLL_MS 100

const vshCmdOptDef opts_stop[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "timeout",
     .type = VSH_OT_INT,
     .flags = VSH_OFLAG_REQ_OPT,
     .help = N_("seconds to wait for the guest to shut down (default 60, fractions allowed)"),
    },
    {.name = "force",
     .type = VSH_OT_BOOL,
     .help = N_("if the graceful destroy fails, destroy the domain anyway (SIGKILL)"),
    },
    {.name = NULL}
};

static volatile sig_atomic_t virshStopInterrupted;


static void
virshStopSigint(int sig G_GNUC_UNUSED)
{
    virshStopInterrupted = 1;
}


typedef struct {
    vshControl *ctl;
    virDomainPtr dom;
    const char *name;
    gint64 start;   /* monotonic, us */
    bool progress;  /* stdout is a terminal: show a countdown */
} virshStopCtx;


static double
virshStopElapsed(virshStopCtx *sc)
{
    return (g_get_monotonic_time() - sc->start) / 1e6;
}


/* Prints one step: "[  1.2s] MESSAGE". */
static void G_GNUC_PRINTF(2, 3)
virshStopStep(virshStopCtx *sc, const char *format, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, format);
    msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    vshPrintExtra(sc->ctl, "[%5.1fs] %s\n", virshStopElapsed(sc), msg);
    fflush(stdout);
}


/* The library's message for the call that just failed, for a step line;
 * the error is then forgotten, since the step line reported it. */
static char *
virshStopTakeError(int *retCode)
{
    virErrorPtr err = virSaveLastError();
    char *msg = g_strdup(err && err->message ? err->message : _("unknown error"));

    if (retCode)
        *retCode = err ? err->code : VIR_ERR_OK;
    virFreeError(err);
    virshResetLibvirtError();
    return msg;
}


/* The domain's state; a domain that no longer exists (a transient one
 * that stopped) counts as shut off.  -1 if it cannot be told, with the
 * library's error pending. */
static int
virshStopGetState(virshStopCtx *sc, int *reason)
{
    int state;

    if ((state = virshDomainState(sc->ctl, sc->dom, reason)) >= 0)
        return state;
    if (virGetLastErrorCode() == VIR_ERR_NO_DOMAIN) {
        virshResetLibvirtError();
        *reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
        return VIR_DOMAIN_SHUTOFF;
    }
    return -1;
}


static void
virshStopClearProgress(virshStopCtx *sc)
{
    if (sc->progress)
        vshPrint(sc->ctl, "\r\033[K");
}


typedef enum {
    VIRSH_STOP_WAIT_OFF,
    VIRSH_STOP_WAIT_TIMEOUT,
    VIRSH_STOP_WAIT_INTERRUPTED,
} virshStopWaitResult;


/* Waits up to @timeout seconds for the domain to shut off. */
static virshStopWaitResult
virshStopWaitOff(virshStopCtx *sc, double timeout)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout * 1e6);

    for (;;) {
        gint64 now;
        int reason;
        int state = virshStopGetState(sc, &reason);

        if (state == VIR_DOMAIN_SHUTOFF) {
            virshStopClearProgress(sc);
            return VIRSH_STOP_WAIT_OFF;
        }
        /* A state that cannot be told now may be told at the next poll;
         * the destroy after a timeout reports what is really wrong. */
        virshResetLibvirtError();
        if (virshStopInterrupted) {
            virshStopClearProgress(sc);
            return VIRSH_STOP_WAIT_INTERRUPTED;
        }
        now = g_get_monotonic_time();
        if (now >= deadline) {
            virshStopClearProgress(sc);
            return VIRSH_STOP_WAIT_TIMEOUT;
        }
        if (sc->progress) {
            vshPrint(sc->ctl, "\r\033[K[%5.1fs] ", virshStopElapsed(sc));
            vshPrint(sc->ctl, _("Waiting for domain '%s' to shut off: %.0f s left"),
                     sc->name, ceil((deadline - now) / 1e6));
            fflush(stdout);
        }
        g_usleep(MIN(VIRSH_STOP_POLL_MS * 1000, deadline - now));
    }
}


/* Reports the end of a command cut short by Ctrl-C. */
static int
virshStopInterruptedExit(virshStopCtx *sc)
{
    int reason;
    int state = virshStopGetState(sc, &reason);

    virshResetLibvirtError();
    vshError(sc->ctl, _("Interrupted: domain '%s' was left as it is (%s); nothing more was done"),
             sc->name, virshDomainStateToString(state));
    return 1;
}


static bool
virshStopParseTimeout(vshControl *ctl, const vshCmd *cmd, double *timeout)
{
    const char *str = NULL;
    char *end = NULL;
    int rc;

    *timeout = VIRSH_STOP_DEFAULT_TIMEOUT;
    if ((rc = vshCommandOptString(ctl, cmd, "timeout", &str)) < 0)
        return false;
    if (rc == 0)
        return true;
    *timeout = g_ascii_strtod(str, &end);
    if (end == str || *end || !isfinite(*timeout) || *timeout < 0 ||
        *timeout > VIRSH_STOP_MAX_TIMEOUT) {
        vshReportNumberError(ctl, str, "timeout");
        return false;
    }
    return true;
}


static int
virshStopRun(virshStopCtx *sc, double timeout, bool force)
{
    g_autofree char *why = NULL;
    int code = VIR_ERR_OK;
    int reason;
    int state;

    /* Should the state not be known, the steps below say why. */
    state = virshStopGetState(sc, &reason);
    virshResetLibvirtError();
    if (state == VIR_DOMAIN_SHUTOFF) {
        vshPrintExtra(sc->ctl, _("Domain '%s' is already shut off\n"), sc->name);
        return 0;
    }

    /* Step 1: ask the guest.  A paused guest cannot act on it. */
    if (state == VIR_DOMAIN_PAUSED) {
        virshStopStep(sc, _("Domain '%s' is paused: its guest cannot act on a shutdown request"),
                      sc->name);
    } else {
        virshStopStep(sc, _("Shutting down domain '%s' (ACPI power button)"), sc->name);
        if (virDomainShutdownFlags(sc->dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN) < 0) {
            why = virshStopTakeError(NULL);
            virshStopStep(sc, _("The shutdown request failed: %s"), why);
        } else {
            virshStopStep(sc, _("Waiting up to %g s for domain '%s' to shut off"),
                          timeout, sc->name);
            switch (virshStopWaitOff(sc, timeout)) {
            case VIRSH_STOP_WAIT_OFF:
                virshStopStep(sc, _("Domain '%s' shut down"), sc->name);
                return 0;
            case VIRSH_STOP_WAIT_INTERRUPTED:
                return virshStopInterruptedExit(sc);
            case VIRSH_STOP_WAIT_TIMEOUT:
                virshStopStep(sc, _("Domain '%s' did not shut down within %g s"),
                              sc->name, timeout);
                break;
            }
        }
    }
    if (virshStopInterrupted)
        return virshStopInterruptedExit(sc);

    /* Step 2: SIGTERM only. */
    virshStopStep(sc, _("Destroying domain '%s' gracefully (SIGTERM only)"), sc->name);
    if (virDomainDestroyFlags(sc->dom, VIR_DOMAIN_DESTROY_GRACEFUL) == 0) {
        virshStopStep(sc, _("Domain '%s' destroyed"), sc->name);
        return 0;
    }
    g_clear_pointer(&why, g_free);
    why = virshStopTakeError(&code);
    /* It may have been stopped meanwhile, by it or by someone else. */
    if (virshStopGetState(sc, &reason) == VIR_DOMAIN_SHUTOFF) {
        virshStopStep(sc, _("The graceful destroy reported an error, but domain '%s' is shut off: %s"),
                      sc->name, why);
        return 0;
    }
    virshResetLibvirtError();
    if (virshStopInterrupted)
        return virshStopInterruptedExit(sc);

    if (!force) {
        virshStopStep(sc, _("The graceful destroy failed"));
        vshError(sc->ctl, _("Failed to destroy domain '%s' gracefully: %s"),
                 sc->name, why);
        /* The contract's timeout: QEMU did not exit on SIGTERM. */
        if (code == VIR_ERR_OPERATION_FAILED)
            vshError(sc->ctl, _("Domain '%s' is still running; only SIGKILL can stop it now, which can lose data the guest has not written to disk; to do that, run: virsh stop %s --force"),
                     sc->name, sc->name);
        else
            vshError(sc->ctl, _("Domain '%s' is still running"), sc->name);
        return 1;
    }

    /* Step 3: only because the operator said so. */
    virshStopStep(sc, _("The graceful destroy failed: %s"), why);
    virshStopStep(sc, _("Destroying domain '%s' (SIGKILL if SIGTERM is not enough)"),
                  sc->name);
    if (virDomainDestroy(sc->dom) == 0) {
        virshStopStep(sc, _("Domain '%s' destroyed"), sc->name);
        return 0;
    }
    g_clear_pointer(&why, g_free);
    why = virshStopTakeError(NULL);
    /* The library's message says why; for a QEMU that outlived SIGKILL
     * (stuck in the kernel), its pid and state. */
    vshError(sc->ctl, _("Failed to destroy domain '%s': %s"), sc->name, why);
    vshError(sc->ctl, _("Domain '%s' is still running; once the cause above is dealt with, run: virsh destroy %s"),
             sc->name, sc->name);
    return 1;
}


/**
 * cmdStop:
 * @ctl: the shell
 * @cmd: the parsed "stop" command
 *
 * Returns: 0 when the domain is shut off, 1 when it is not (reported),
 * 2 on a usage error.
 */
int
cmdStop(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    struct sigaction sa = { .sa_handler = virshStopSigint, .sa_flags = SA_RESTART };
    struct sigaction old;
    virshStopCtx sc = { .ctl = ctl, .start = g_get_monotonic_time() };
    double timeout;
    int ret;

    if (!virshStopParseTimeout(ctl, cmd, &timeout))
        return 2;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return ctl->usageError ? 2 : 1;

    sc.dom = dom;
    sc.name = virDomainGetName(dom);
    sc.progress = !ctl->quiet && isatty(STDOUT_FILENO);

    virshStopInterrupted = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    ret = virshStopRun(&sc, timeout, vshCommandOptBool(cmd, "force"));
    sigaction(SIGINT, &old, NULL);
    return ret;
}
