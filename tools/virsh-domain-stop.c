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
 * began.  While waiting, a terminal shows a countdown.
 *
 * Ctrl-C acts at once, in every step: each library call runs in a
 * thread of its own while the main thread waits for it or for SIGINT.
 * On SIGINT the command says what was actually done (the shutdown
 * request that may have reached the guest, the SIGTERM QEMU was sent
 * and may still act on) and what to do next, and virsh ends there with
 * status 1, leaving a call in progress to end with the process: no
 * further step and no further signal.  Exit status: 0 when the domain
 * is shut off, 1 when the command stopped short, 2 on a usage error.
 *
 * Upstream virsh has no such command; it is built only on the public
 * API, so it works the same on any connection.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <glib-unix.h>

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
/* Wakes the main thread: 'i' from the SIGINT handler, 'd' from a call
 * that finished.  Both ends non-blocking. */
static int virshStopWake[2] = { -1, -1 };


static void
virshStopSigint(int sig G_GNUC_UNUSED)
{
    int saved = errno;
    char c = 'i';

    virshStopInterrupted = 1;
    if (write(virshStopWake[1], &c, 1) < 0) {
        /* The pipe is full of wake-ups already. */
    }
    errno = saved;
}


/* What the command was doing when Ctrl-C came: it says what was done. */
typedef enum {
    VIRSH_STOP_PHASE_START,      /* nothing asked of the domain yet */
    VIRSH_STOP_PHASE_REQUEST,    /* the shutdown request under way */
    VIRSH_STOP_PHASE_WAIT,       /* the guest was asked; waiting */
    VIRSH_STOP_PHASE_GRACEFUL,   /* the graceful destroy under way */
    VIRSH_STOP_PHASE_FORCE,      /* the forced destroy under way */
} virshStopPhase;


typedef struct {
    vshControl *ctl;
    virDomainPtr dom;
    const char *name;
    gint64 start;   /* monotonic, us */
    bool progress;  /* stdout is a terminal: show a countdown */
    virshStopPhase phase;
} virshStopCtx;


typedef enum {
    VIRSH_STOP_CALL_STATE,
    VIRSH_STOP_CALL_SHUTDOWN,
    VIRSH_STOP_CALL_DESTROY_GRACEFUL,
    VIRSH_STOP_CALL_DESTROY,
} virshStopCallType;


/* One library call, made in a thread of its own.  Its error is taken
 * in that thread (errors are per thread) and handed over here. */
typedef struct {
    virshStopCallType type;
    virDomainPtr dom;
    int ret;
    int state;
    int reason;
    int code;       /* of the error, when ret < 0 */
    char *message;  /* of the error, when ret < 0 */
} virshStopCall;


static gpointer
virshStopWorker(gpointer opaque)
{
    virshStopCall *call = opaque;
    char c = 'd';

    switch (call->type) {
    case VIRSH_STOP_CALL_STATE:
        call->ret = virDomainGetState(call->dom, &call->state, &call->reason, 0);
        break;
    case VIRSH_STOP_CALL_SHUTDOWN:
        call->ret = virDomainShutdownFlags(call->dom,
                                           VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN);
        break;
    case VIRSH_STOP_CALL_DESTROY_GRACEFUL:
        call->ret = virDomainDestroyFlags(call->dom, VIR_DOMAIN_DESTROY_GRACEFUL);
        break;
    case VIRSH_STOP_CALL_DESTROY:
        call->ret = virDomainDestroy(call->dom);
        break;
    }
    if (call->ret < 0) {
        virErrorPtr err = virGetLastError();

        call->code = err ? err->code : VIR_ERR_OK;
        call->message = g_strdup(err && err->message ? err->message :
                                 _("unknown error"));
        virResetLastError();
    }
    if (write(virshStopWake[1], &c, 1) < 0) {
        /* Cannot happen: at most two bytes are ever pending. */
    }
    return NULL;
}


/*
 * Waits up to @ms (-1: for ever) for a wake-up.  Returns 'd' when a
 * call finished, 'i' on Ctrl-C (a finished call wins over a Ctrl-C
 * that came with it: its result is known), 0 on timeout.
 */
static char
virshStopWaitWake(int ms)
{
    gint64 deadline = ms < 0 ? -1 : g_get_monotonic_time() + ms * (gint64)1000;
    char got = 0;

    for (;;) {
        struct pollfd pfd = { .fd = virshStopWake[0], .events = POLLIN };
        int left = -1;
        char c;

        while (read(virshStopWake[0], &c, 1) == 1) {
            if (c == 'd' || !got)
                got = c;
        }
        if (got)
            return got;
        if (deadline >= 0) {
            gint64 now = g_get_monotonic_time();

            if (now >= deadline)
                return 0;
            left = (int)((deadline - now + 999) / 1000);
        }
        if (poll(&pfd, 1, left) < 0 && errno != EINTR)
            return 0;
    }
}


/* Says what was done when Ctrl-C came, and ends virsh: a library call
 * may still be running in its thread, and ends with the process. */
static void G_GNUC_NORETURN
virshStopAbort(virshStopCtx *sc)
{
    switch (sc->phase) {
    case VIRSH_STOP_PHASE_START:
        vshError(sc->ctl, _("Interrupted: nothing was asked of domain '%s'; it was left as it is"),
                 sc->name);
        break;
    case VIRSH_STOP_PHASE_REQUEST:
        vshError(sc->ctl, _("Interrupted while asking the guest of domain '%s' to shut down: the request may or may not have reached it; QEMU was sent no signal"),
                 sc->name);
        break;
    case VIRSH_STOP_PHASE_WAIT:
        vshError(sc->ctl, _("Interrupted: the guest of domain '%s' was asked to shut down (ACPI power button) and may still do so; QEMU was sent no signal"),
                 sc->name);
        break;
    case VIRSH_STOP_PHASE_GRACEFUL:
        vshError(sc->ctl, _("Interrupted during the graceful destroy: the QEMU process of domain '%s' was sent SIGTERM and may still exit on it; no SIGKILL was sent, and none will be"),
                 sc->name);
        break;
    case VIRSH_STOP_PHASE_FORCE:
        vshError(sc->ctl, _("Interrupted during the forced destroy: the QEMU process of domain '%s' was sent SIGTERM, and SIGKILL if it had outlived the driver's destroy_term_timeout; nothing further will be sent"),
                 sc->name);
        break;
    }
    vshError(sc->ctl, _("Nothing more was done.  To see where domain '%1$s' is: virsh domstate %1$s; to stop it at once, SIGKILL included: virsh destroy %1$s"),
             sc->name);
    fflush(stdout);
    fflush(stderr);
    _exit(EXIT_FAILURE);
}


/*
 * Makes @call in a thread and waits for it, or for Ctrl-C, which ends
 * virsh at once (virshStopAbort).  The thread does not take SIGINT: the
 * library's waits are not interrupted under it.
 */
static void
virshStopCallRun(virshStopCtx *sc, virshStopCall *call)
{
    sigset_t block;
    sigset_t old;
    GThread *thread;

    call->dom = sc->dom;
    call->ret = -1;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    thread = g_thread_new("virsh-stop", virshStopWorker, call);
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    if (virshStopWaitWake(-1) != 'd')
        virshStopAbort(sc);
    g_thread_join(thread);
}


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


/* The error of a call that failed, for a step line (the caller owns
 * it); virsh's own record of it is forgotten, since the step line
 * reports it. */
static char *
virshStopTakeError(virshStopCall *call, int *retCode)
{
    if (retCode)
        *retCode = call->code;
    virshResetLibvirtError();
    return g_steal_pointer(&call->message);
}


/* The domain's state; a domain that no longer exists (a transient one
 * that stopped) counts as shut off.  -1 if it cannot be told. */
static int
virshStopGetState(virshStopCtx *sc, int *reason)
{
    virshStopCall call = { .type = VIRSH_STOP_CALL_STATE };

    virshStopCallRun(sc, &call);
    if (call.ret >= 0) {
        *reason = call.reason;
        return call.state;
    }
    g_free(virshStopTakeError(&call, NULL));
    if (call.code == VIR_ERR_NO_DOMAIN) {
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
        if (virshStopWaitWake(MIN(VIRSH_STOP_POLL_MS, (deadline - now + 999) / 1000)) == 'i') {
            virshStopClearProgress(sc);
            return VIRSH_STOP_WAIT_INTERRUPTED;
        }
    }
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
    virshStopCall shutdown = { .type = VIRSH_STOP_CALL_SHUTDOWN };
    virshStopCall graceful = { .type = VIRSH_STOP_CALL_DESTROY_GRACEFUL };
    virshStopCall destroy = { .type = VIRSH_STOP_CALL_DESTROY };
    g_autofree char *why = NULL;
    int code = VIR_ERR_OK;
    int reason;
    int state;

    /* Should the state not be known, the steps below say why. */
    sc->phase = VIRSH_STOP_PHASE_START;
    state = virshStopGetState(sc, &reason);
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
        sc->phase = VIRSH_STOP_PHASE_REQUEST;
        virshStopCallRun(sc, &shutdown);
        if (shutdown.ret < 0) {
            why = virshStopTakeError(&shutdown, NULL);
            virshStopStep(sc, _("The shutdown request failed: %s"), why);
            sc->phase = VIRSH_STOP_PHASE_START;
        } else {
            sc->phase = VIRSH_STOP_PHASE_WAIT;
            virshStopStep(sc, _("Waiting up to %g s for domain '%s' to shut off"),
                          timeout, sc->name);
            switch (virshStopWaitOff(sc, timeout)) {
            case VIRSH_STOP_WAIT_OFF:
                virshStopStep(sc, _("Domain '%s' shut down"), sc->name);
                return 0;
            case VIRSH_STOP_WAIT_INTERRUPTED:
                virshStopAbort(sc);
            case VIRSH_STOP_WAIT_TIMEOUT:
                virshStopStep(sc, _("Domain '%s' did not shut down within %g s"),
                              sc->name, timeout);
                break;
            }
        }
    }
    if (virshStopInterrupted)
        virshStopAbort(sc);

    /* Step 2: SIGTERM only. */
    virshStopStep(sc, _("Destroying domain '%s' gracefully (SIGTERM only)"), sc->name);
    sc->phase = VIRSH_STOP_PHASE_GRACEFUL;
    virshStopCallRun(sc, &graceful);
    if (graceful.ret == 0) {
        virshStopStep(sc, _("Domain '%s' destroyed"), sc->name);
        return 0;
    }
    g_clear_pointer(&why, g_free);
    why = virshStopTakeError(&graceful, &code);
    /* It may have been stopped meanwhile, by it or by someone else. */
    if (virshStopGetState(sc, &reason) == VIR_DOMAIN_SHUTOFF) {
        virshStopStep(sc, _("The graceful destroy reported an error, but domain '%s' is shut off: %s"),
                      sc->name, why);
        return 0;
    }
    if (virshStopInterrupted)
        virshStopAbort(sc);

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
    sc->phase = VIRSH_STOP_PHASE_FORCE;
    virshStopCallRun(sc, &destroy);
    if (destroy.ret == 0) {
        virshStopStep(sc, _("Domain '%s' destroyed"), sc->name);
        return 0;
    }
    g_clear_pointer(&why, g_free);
    why = virshStopTakeError(&destroy, NULL);
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

    if (!g_unix_open_pipe(virshStopWake, FD_CLOEXEC, NULL) ||
        !g_unix_set_fd_nonblocking(virshStopWake[0], TRUE, NULL) ||
        !g_unix_set_fd_nonblocking(virshStopWake[1], TRUE, NULL)) {
        vshError(ctl, "%s", _("cannot make a pipe to wait on"));
        return 1;
    }
    virshStopInterrupted = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    ret = virshStopRun(&sc, timeout, vshCommandOptBool(cmd, "force"));
    sigaction(SIGINT, &old, NULL);
    close(virshStopWake[0]);
    close(virshStopWake[1]);
    virshStopWake[0] = virshStopWake[1] = -1;
    return ret;
}
