/*
 * virsh-domain-monitor.c: commands that look at domains: list,
 * domstate, dominfo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <strings.h>

#include "virsh.h"
#include "vsh-table.h"


/* "domstate" */
static const vshCmdOptDef opts_domstate[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "reason",
     .type = VSH_OT_BOOL,
     .help = N_("also print reason for the state"),
    },
    {.name = NULL}
};


static int
cmdDomstate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    int state;
    int reason;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return 1;
    if ((state = virshDomainState(ctl, dom, &reason)) < 0)
        return 1;

    if (vshCommandOptBool(cmd, "reason"))
        vshPrint(ctl, "%s (%s)\n", virshDomainStateToString(state),
                 virshDomainStateReasonToString(state, reason));
    else
        vshPrint(ctl, "%s\n", virshDomainStateToString(state));
    return 0;
}


/* "dominfo" */
static const vshCmdOptDef opts_dominfo[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = NULL}
};


static int
cmdDominfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *ostype = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainInfo info;
    unsigned int id;
    int persistent;
    int autostart;
    int ret = 0;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return 1;

    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%-15s %s\n", _("Id:"), "-");
    else
        vshPrint(ctl, "%-15s %d\n", _("Id:"), id);
    vshPrint(ctl, "%-15s %s\n", _("Name:"), virDomainGetName(dom));
    if (virDomainGetUUIDString(dom, uuid) == 0)
        vshPrint(ctl, "%-15s %s\n", _("UUID:"), uuid);
    if ((ostype = virDomainGetOSType(dom)))
        vshPrint(ctl, "%-15s %s\n", _("OS Type:"), ostype);

    if (virDomainGetInfo(dom, &info) == 0) {
        vshPrint(ctl, "%-15s %s\n", _("State:"),
                 virshDomainStateToString(info.state));
        vshPrint(ctl, "%-15s %d\n", _("CPU(s):"), info.nrVirtCpu);
        if (info.cpuTime != 0)
            vshPrint(ctl, "%-15s %.1lfs\n", _("CPU time:"), info.cpuTime / 1e9);
        if (info.maxMem != G_MAXUINT)
            vshPrint(ctl, "%-15s %lu KiB\n", _("Max memory:"), info.maxMem);
        else
            vshPrint(ctl, "%-15s %s\n", _("Max memory:"), _("no limit"));
        vshPrint(ctl, "%-15s %lu KiB\n", _("Used memory:"), info.memory);
    } else {
        ret = 1;
    }

    persistent = virDomainIsPersistent(dom);
    vshDebug(ctl, VSH_ERR_DEBUG, "Domain persistent flag value: %d\n", persistent);
    if (persistent < 0)
        vshPrint(ctl, "%-15s %s\n", _("Persistent:"), _("unknown"));
    else
        vshPrint(ctl, "%-15s %s\n", _("Persistent:"), persistent ? _("yes") : _("no"));

    if (virDomainGetAutostart(dom, &autostart) == 0)
        vshPrint(ctl, "%-15s %s\n", _("Autostart:"),
                 autostart ? _("enable") : _("disable"));

    /* This library has no managed save (there is no API to make one), so
     * no domain can have a managed save image. */
    vshPrint(ctl, "%-15s %s\n", _("Managed save:"), _("no"));

    /* Nor a security driver: like upstream's virsh on a driver without
     * one, print no security lines. */
    return ret;
}


/* "list" */
static const vshCmdOptDef opts_list[] = {
    {.name = "inactive",
     .type = VSH_OT_BOOL,
     .help = N_("list inactive domains"),
    },
    {.name = "all",
     .type = VSH_OT_BOOL,
     .help = N_("list inactive & active domains"),
    },
    {.name = "transient",
     .type = VSH_OT_BOOL,
     .help = N_("list transient domains"),
    },
    {.name = "persistent",
     .type = VSH_OT_BOOL,
     .help = N_("list persistent domains"),
    },
    {.name = "with-snapshot",
     .type = VSH_OT_BOOL,
     .help = N_("list domains with existing snapshot"),
    },
    {.name = "without-snapshot",
     .type = VSH_OT_BOOL,
     .help = N_("list domains without a snapshot"),
    },
    {.name = "with-checkpoint",
     .type = VSH_OT_BOOL,
     .help = N_("list domains with existing checkpoint"),
    },
    {.name = "without-checkpoint",
     .type = VSH_OT_BOOL,
     .help = N_("list domains without a checkpoint"),
    },
    {.name = "state-running",
     .type = VSH_OT_BOOL,
     .help = N_("list domains in running state"),
    },
    {.name = "state-paused",
     .type = VSH_OT_BOOL,
     .help = N_("list domains in paused state"),
    },
    {.name = "state-shutoff",
     .type = VSH_OT_BOOL,
     .help = N_("list domains in shutoff state"),
    },
    {.name = "state-other",
     .type = VSH_OT_BOOL,
     .help = N_("list domains in other states"),
    },
    {.name = "autostart",
     .type = VSH_OT_BOOL,
     .help = N_("list domains with autostart enabled"),
    },
    {.name = "no-autostart",
     .type = VSH_OT_BOOL,
     .help = N_("list domains with autostart disabled"),
    },
    {.name = "with-managed-save",
     .type = VSH_OT_BOOL,
     .help = N_("list domains with managed save state"),
    },
    {.name = "without-managed-save",
     .type = VSH_OT_BOOL,
     .help = N_("list domains without managed save"),
    },
    {.name = "uuid",
     .type = VSH_OT_BOOL,
     .help = N_("list uuid's only"),
    },
    {.name = "name",
     .type = VSH_OT_BOOL,
     .help = N_("list domain names only"),
    },
    {.name = "id",
     .type = VSH_OT_BOOL,
     .help = N_("list domain IDs only"),
    },
    {.name = "table",
     .type = VSH_OT_BOOL,
     .help = N_("list table (default)"),
    },
    {.name = "managed-save",
     .type = VSH_OT_BOOL,
     .help = N_("mark inactive domains with managed save state"),
    },
    {.name = "title",
     .type = VSH_OT_BOOL,
     .help = N_("show domain title"),
    },
    {.name = NULL}
};


/* Running domains first, by ID; then the others by name, ignoring
 * case. */
static int
virshDomainSorter(const void *a, const void *b)
{
    virDomainPtr da = *(virDomainPtr *)a;
    virDomainPtr db = *(virDomainPtr *)b;
    unsigned int ida = virDomainGetID(da);
    unsigned int idb = virDomainGetID(db);
    unsigned int inactive = (unsigned int)-1;

    if (ida == inactive && idb == inactive)
        return strcasecmp(virDomainGetName(da), virDomainGetName(db));
    if (ida != inactive && idb != inactive)
        return ida < idb ? -1 : ida > idb;
    return ida != inactive ? -1 : 1;
}


/* The domain's <title>, or "" when it has none. */
static char *
virshDomainGetTitle(virDomainPtr dom)
{
    g_autofree char *xml = NULL;
    xmlDocPtr doc = NULL;
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    char *title = NULL;

    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return NULL;
    if ((doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING)) &&
        (ctxt = xmlXPathNewContext(doc)) &&
        (obj = xmlXPathEvalExpression(BAD_CAST "string(/domain/title[1])", ctxt)) &&
        obj->type == XPATH_STRING && obj->stringval)
        title = g_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return title ? title : g_strdup("");
}


static void
virshDomainListFree(virDomainPtr *list)
{
    for (size_t i = 0; list && list[i]; i++)
        virDomainFree(list[i]);
    free(list);
}


static int
cmdList(vshControl *ctl, const vshCmd *cmd)
{
    virshControl *priv = ctl->privData;
    bool optTable = vshCommandOptBool(cmd, "table");
    bool optUUID = vshCommandOptBool(cmd, "uuid");
    bool optName = vshCommandOptBool(cmd, "name");
    bool optID = vshCommandOptBool(cmd, "id");
    bool optTitle = vshCommandOptBool(cmd, "title");
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    virDomainPtr *list = NULL;
    g_autoptr(vshTable) table = NULL;
    int ndomains;
    int ret = 1;
    static const struct {
        const char *name;
        unsigned int flag;
    } filters[] = {
        { "persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT },
        { "transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT },
        { "with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE },
        { "without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE },
        { "autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART },
        { "no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART },
        { "with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT },
        { "without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT },
        { "with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT },
        { "without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT },
        { "state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING },
        { "state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED },
        { "state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF },
        { "state-other", VIR_CONNECT_LIST_DOMAINS_OTHER },
    };

    /* Shut-off domains are inactive: asking for them alone lists the
     * inactive ones. */
    if (vshCommandOptBool(cmd, "inactive") ||
        vshCommandOptBool(cmd, "state-shutoff"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (vshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    for (size_t i = 0; i < G_N_ELEMENTS(filters); i++) {
        if (vshCommandOptBool(cmd, filters[i].name))
            flags |= filters[i].flag;
    }

    if (!vshCommandOptExclusive(ctl, cmd, "table", "name") ||
        !vshCommandOptExclusive(ctl, cmd, "table", "uuid") ||
        !vshCommandOptExclusive(ctl, cmd, "table", "id"))
        return 1;
    if (!optUUID && !optName && !optID)
        optTable = true;

    if ((ndomains = virConnectListAllDomains(priv->conn, &list, flags)) < 0) {
        vshError(ctl, "%s", _("Failed to list domains"));
        return 1;
    }
    qsort(list, ndomains, sizeof(*list), virshDomainSorter);

    if (optTable) {
        if (optTitle)
            table = vshTableNew(_("Id"), _("Name"), _("State"), _("Title"), NULL);
        else
            table = vshTableNew(_("Id"), _("Name"), _("State"), NULL);
    }

    for (int i = 0; i < ndomains; i++) {
        virDomainPtr dom = list[i];
        unsigned int id = virDomainGetID(dom);
        g_autofree char *idStr = NULL;

        if (id == (unsigned int)-1)
            idStr = g_strdup("-");
        else
            idStr = g_strdup_printf("%d", id);

        if (optTable) {
            g_autofree char *title = NULL;
            int state = virshDomainState(ctl, dom, NULL);

            /* It went away since it was listed. */
            if (state < 0) {
                virshResetLibvirtError();
                continue;
            }
            /* It shut off since it was listed (asking its state may be
             * what noticed): it has no ID any more, and if it was
             * transient it is gone. */
            if (state == VIR_DOMAIN_SHUTOFF && id != (unsigned int)-1) {
                if (virDomainIsPersistent(dom) != 1) {
                    virshResetLibvirtError();
                    continue;
                }
                g_free(idStr);
                idStr = g_strdup("-");
            }
            /* --managed-save would show "saved" for a shut-off domain
             * with a managed save image; this library cannot make one. */
            if (optTitle && !(title = virshDomainGetTitle(dom)))
                goto cleanup;
            vshTableRowAppend(table, idStr, virDomainGetName(dom),
                              virshDomainStateToString(state), title, NULL);
        } else {
            const char *sep = "";

            if (optUUID) {
                char uuid[VIR_UUID_STRING_BUFLEN];

                if (virDomainGetUUIDString(dom, uuid) < 0) {
                    vshError(ctl, "%s", _("Failed to get domain's UUID"));
                    goto cleanup;
                }
                vshPrint(ctl, "%s", uuid);
                sep = " ";
            }
            if (optID) {
                /* IDs alone: only running domains have one. */
                if (id == (unsigned int)-1 && !optUUID && !optName)
                    continue;
                vshPrint(ctl, "%s%s", sep, idStr);
                sep = " ";
            }
            if (optName)
                vshPrint(ctl, "%s%s", sep, virDomainGetName(dom));
            vshPrint(ctl, "\n");
        }
    }
    if (optTable)
        vshTablePrintToStdout(table, ctl);
    ret = 0;

 cleanup:
    virshDomainListFree(list);
    return ret;
}


const vshCmdDef domMonitoringCmds[] = {
    {.name = "dominfo",
     .handler = cmdDominfo,
     .opts = opts_dominfo,
     .help = N_("domain information"),
     .desc = N_("Returns basic information about the domain."),
    },
    {.name = "domstate",
     .handler = cmdDomstate,
     .opts = opts_domstate,
     .help = N_("domain state"),
     .desc = N_("Returns state about a domain."),
    },
    {.name = "list",
     .handler = cmdList,
     .opts = opts_list,
     .help = N_("list domains"),
     .desc = N_("Returns list of domains."),
    },
    {.name = NULL}
};
