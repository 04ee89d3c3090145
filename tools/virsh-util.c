/*
 * virsh-util.c: what virsh's commands share: the library's errors,
 * resolving a domain argument, reading XML files, state names
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <fcntl.h>

#include "virsh.h"

/* The last error the library dispatched, kept until a failed command
 * prints it or a fallback decides it does not matter. */
static virErrorPtr virshLastError;


/* Installed with virSetErrorFunc(): keep the error for later rather
 * than let the library print it. */
static void
virshErrorHandler(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
    virFreeError(virshLastError);
    virshLastError = virSaveLastError();
}


/**
 * virshResetLibvirtError:
 *
 * Forgets the library's last error: a fallback succeeded, or the error
 * has been reported in other words.
 */
void
virshResetLibvirtError(void)
{
    g_clear_pointer(&virshLastError, virFreeError);
    virResetLastError();
}


/**
 * virshReportError:
 * @ctl: the shell
 *
 * Prints the library's pending error, if there is one, as "error: MSG",
 * and forgets it.
 */
void
virshReportError(vshControl *ctl)
{
    if (!virshLastError)
        virshLastError = virSaveLastError();
    if (virshLastError && virshLastError->code != VIR_ERR_OK)
        vshError(ctl, "%s", virshLastError->message ? virshLastError->message
                                                    : _("unknown error"));
    virshResetLibvirtError();
}


/**
 * virshConnect:
 * @ctl: the shell
 * @uri: a URI, or NULL for the library's default
 * @readonly: open a read-only connection
 *
 * Returns: a new connection, or NULL with the library's error pending.
 */
virConnectPtr
virshConnect(vshControl *ctl G_GNUC_UNUSED, const char *uri, bool readonly)
{
    virSetErrorFunc(NULL, virshErrorHandler);
    return virConnectOpenAuth(uri, virConnectAuthPtrDefault,
                              readonly ? VIR_CONNECT_RO : 0);
}


/* An ID, as upstream reads one: a decimal int, blanks allowed first. */
static bool
virshParseDomainID(const char *str, int *id)
{
    char *end = NULL;
    long long val;

    errno = 0;
    val = strtoll(str, &end, 10);
    if (errno || end == str || *end || val < 0 || val > G_MAXINT)
        return false;
    *id = val;
    return true;
}


/**
 * virshCommandOptDomainBy:
 * @ctl: the shell
 * @cmd: a parsed command with a "domain" option
 * @name: set to the argument as given, or NULL
 * @flags: virshLookupFlags: which readings of the argument to try
 *
 * Resolves the domain argument as upstream's virsh does: as an ID if
 * it is a non-negative number, else (or if no domain has that ID) as a
 * UUID if it is as long as one, else as a name.
 *
 * Returns: the domain, or NULL with "failed to get domain 'ARG'"
 * reported.
 */
virDomainPtr
virshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd, const char **name,
                        unsigned int flags)
{
    virshControl *priv = ctl->privData;
    virDomainPtr dom = NULL;
    const char *arg = NULL;
    int id;

    if (vshCommandOptString(ctl, cmd, "domain", &arg) <= 0)
        return NULL;
    vshDebug(ctl, VSH_ERR_INFO, "%s: found option <%s>: %s\n", cmd->def->name,
             "domain", arg);
    if (name)
        *name = arg;

    if ((flags & VIRSH_BYID) && virshParseDomainID(arg, &id)) {
        vshDebug(ctl, VSH_ERR_DEBUG, "%s: <%s> seems like domain ID\n",
                 cmd->def->name, "domain");
        dom = virDomainLookupByID(priv->conn, id);
    }
    if (!dom && (flags & VIRSH_BYUUID) &&
        strlen(arg) == VIR_UUID_STRING_BUFLEN - 1) {
        vshDebug(ctl, VSH_ERR_DEBUG, "%s: <%s> trying as domain UUID\n",
                 cmd->def->name, "domain");
        dom = virDomainLookupByUUIDString(priv->conn, arg);
    }
    if (!dom && (flags & VIRSH_BYNAME)) {
        vshDebug(ctl, VSH_ERR_DEBUG, "%s: <%s> trying as domain NAME\n",
                 cmd->def->name, "domain");
        dom = virDomainLookupByName(priv->conn, arg);
    }
    /* Why each reading failed says less than the line below. */
    virshResetLibvirtError();
    if (!dom)
        vshError(ctl, _("failed to get domain '%s'"), arg);
    return dom;
}


/**
 * virshCommandOptDomain:
 *
 * virshCommandOptDomainBy() trying every reading.
 */
virDomainPtr
virshCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    return virshCommandOptDomainBy(ctl, cmd, name, VIRSH_BYALL);
}


/**
 * virshReadFile:
 * @ctl: the shell
 * @path: a file
 *
 * Reads a whole (XML) file of at most VIRSH_MAX_XML_FILE bytes.
 *
 * Returns: its content, for the caller to free, or NULL with the error
 * reported in upstream's words.
 */
char *
virshReadFile(vshControl *ctl, const char *path)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    char chunk[65536];
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        vshError(ctl, _("Failed to open file '%s': %s"), path, g_strerror(errno));
        return NULL;
    }
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 || buf->len + n > VIRSH_MAX_XML_FILE) {
            int err = n < 0 ? errno : EOVERFLOW;

            vshError(ctl, _("Failed to read file '%s': %s"), path, g_strerror(err));
            close(fd);
            return NULL;
        }
        if (n == 0)
            break;
        g_string_append_len(buf, chunk, n);
    }
    close(fd);
    return g_string_free(g_steal_pointer(&buf), FALSE);
}


static const char *const virshDomainStateNames[] = {
    N_("no state"),
    N_("running"),
    N_("idle"),
    N_("paused"),
    N_("in shutdown"),
    N_("shut off"),
    N_("crashed"),
    N_("pmsuspended"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virshDomainStateNames) == VIR_DOMAIN_LAST);


/**
 * virshDomainStateToString:
 * @state: a virDomainState
 *
 * Returns: the state as virsh names it ("shut off"), translated.
 */
const char *
virshDomainStateToString(int state)
{
    if (state < 0 || state >= VIR_DOMAIN_LAST)
        return _("no state");
    return _(virshDomainStateNames[state]);
}


static const char *const virshRunningReasons[] = {
    N_("unknown"), N_("booted"), N_("migrated"), N_("restored"),
    N_("from snapshot"), N_("unpaused"), N_("migration canceled"),
    N_("save canceled"), N_("event wakeup"), N_("crashed"), N_("post-copy"),
    N_("post-copy failed"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virshRunningReasons) == VIR_DOMAIN_RUNNING_LAST);

static const char *const virshPausedReasons[] = {
    N_("unknown"), N_("user"), N_("migrating"), N_("saving"), N_("dumping"),
    N_("I/O error"), N_("watchdog"), N_("from snapshot"), N_("shutting down"),
    N_("creating snapshot"), N_("crashed"), N_("starting up"), N_("post-copy"),
    N_("post-copy failed"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virshPausedReasons) == VIR_DOMAIN_PAUSED_LAST);

static const char *const virshShutdownReasons[] = {
    N_("unknown"), N_("user"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virshShutdownReasons) == VIR_DOMAIN_SHUTDOWN_LAST);

static const char *const virshShutoffReasons[] = {
    N_("unknown"), N_("shutdown"), N_("destroyed"), N_("crashed"),
    N_("migrated"), N_("saved"), N_("failed"), N_("from snapshot"),
    N_("daemon"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virshShutoffReasons) == VIR_DOMAIN_SHUTOFF_LAST);

static const char *const virshCrashedReasons[] = {
    N_("unknown"), N_("panicked"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virshCrashedReasons) == VIR_DOMAIN_CRASHED_LAST);


/**
 * virshDomainStateReasonToString:
 * @state: a virDomainState
 * @reason: a reason of that state
 *
 * Returns: the reason as virsh names it ("destroyed"), translated;
 * "unknown" for one it does not know.
 */
const char *
virshDomainStateReasonToString(int state, int reason)
{
    const char *const *names = NULL;
    size_t n = 0;

    switch ((virDomainState)state) {
    case VIR_DOMAIN_RUNNING:
        names = virshRunningReasons;
        n = G_N_ELEMENTS(virshRunningReasons);
        break;
    case VIR_DOMAIN_PAUSED:
        names = virshPausedReasons;
        n = G_N_ELEMENTS(virshPausedReasons);
        break;
    case VIR_DOMAIN_SHUTDOWN:
        names = virshShutdownReasons;
        n = G_N_ELEMENTS(virshShutdownReasons);
        break;
    case VIR_DOMAIN_SHUTOFF:
        names = virshShutoffReasons;
        n = G_N_ELEMENTS(virshShutoffReasons);
        break;
    case VIR_DOMAIN_CRASHED:
        names = virshCrashedReasons;
        n = G_N_ELEMENTS(virshCrashedReasons);
        break;
    case VIR_DOMAIN_NOSTATE:
    case VIR_DOMAIN_BLOCKED:
    case VIR_DOMAIN_PMSUSPENDED:
    case VIR_DOMAIN_LAST:
        break;
    }
    if (!names || reason < 0 || (size_t)reason >= n)
        return _("unknown");
    return _(names[reason]);
}


/**
 * virshDomainState:
 * @ctl: the shell
 * @dom: a domain
 * @reason: set to the state's reason, or NULL
 *
 * Returns: the domain's virDomainState, or -1 with the library's error
 * pending.
 */
int
virshDomainState(vshControl *ctl G_GNUC_UNUSED, virDomainPtr dom, int *reason)
{
    int state;

    if (reason)
        *reason = -1;
    if (virDomainGetState(dom, &state, reason, 0) < 0)
        return -1;
    return state;
}
