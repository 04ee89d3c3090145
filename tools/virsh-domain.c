/*
 * virsh-domain.c: commands that manage domains: define, undefine,
 * start, create, shutdown, destroy, dumpxml, domid, domname, domuuid,
 * domxml-to-native (and stop, in virsh-domain-stop.c)
 *
 * Success lines and error headlines are upstream virsh's, word for
 * word: scripts match on them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virsh.h"


/* "define" */
static const vshCmdOptDef opts_define[] = {
    VIRSH_COMMON_OPT_FILE(N_("file containing an XML domain description")),
    {.name = "validate",
     .type = VSH_OT_BOOL,
     .help = N_("validate the XML against the schema"),
    },
    {.name = NULL}
};


static int
cmdDefine(vshControl *ctl, const vshCmd *cmd)
{
    virshControl *priv = ctl->privData;
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    unsigned int flags = 0;

    if (vshCommandOptString(ctl, cmd, "file", &from) <= 0)
        return 1;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_DEFINE_VALIDATE;
    if (!(xml = virshReadFile(ctl, from)))
        return 1;

    if (flags)
        dom = virDomainDefineXMLFlags(priv->conn, xml, flags);
    else
        dom = virDomainDefineXML(priv->conn, xml);
    if (!dom) {
        vshError(ctl, _("Failed to define domain from %s"), from);
        return 1;
    }
    vshPrintExtra(ctl, _("Domain '%s' defined from %s\n"), virDomainGetName(dom),
                  from);
    return 0;
}


/* "undefine" */
static const vshCmdOptDef opts_undefine[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "managed-save",
     .type = VSH_OT_BOOL,
     .help = N_("remove domain managed state file"),
    },
    {.name = "snapshots-metadata",
     .type = VSH_OT_BOOL,
     .help = N_("remove all domain snapshot metadata (vm must be inactive)"),
    },
    {.name = "checkpoints-metadata",
     .type = VSH_OT_BOOL,
     .help = N_("remove all domain checkpoint metadata (vm must be inactive)"),
    },
    {.name = "nvram",
     .type = VSH_OT_BOOL,
     .help = N_("remove nvram file"),
    },
    {.name = "keep-nvram",
     .type = VSH_OT_BOOL,
     .help = N_("keep nvram file"),
    },
    {.name = "tpm",
     .type = VSH_OT_BOOL,
     .help = N_("remove TPM state"),
    },
    {.name = "keep-tpm",
     .type = VSH_OT_BOOL,
     .help = N_("keep TPM state"),
    },
    {.name = NULL}
};


static int
cmdUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!vshCommandOptExclusive(ctl, cmd, "nvram", "keep-nvram") ||
        !vshCommandOptExclusive(ctl, cmd, "tpm", "keep-tpm"))
        return 1;
    /* Upstream's virsh asks for a managed save image's or the snapshot
     * metadata's removal only when there is one; this library never has
     * either, so --managed-save and --snapshots-metadata ask for
     * nothing. */
    if (vshCommandOptBool(cmd, "checkpoints-metadata"))
        flags |= VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
    if (vshCommandOptBool(cmd, "nvram"))
        flags |= VIR_DOMAIN_UNDEFINE_NVRAM;
    if (vshCommandOptBool(cmd, "keep-nvram"))
        flags |= VIR_DOMAIN_UNDEFINE_KEEP_NVRAM;
    if (vshCommandOptBool(cmd, "tpm"))
        flags |= VIR_DOMAIN_UNDEFINE_TPM;
    if (vshCommandOptBool(cmd, "keep-tpm"))
        flags |= VIR_DOMAIN_UNDEFINE_KEEP_TPM;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return 1;

    /* Upstream's virsh calls the Flags variant even without flags. */
    if (virDomainUndefineFlags(dom, flags) < 0) {
        vshError(ctl, _("Failed to undefine domain '%s'"), name);
        return 1;
    }
    vshPrintExtra(ctl, _("Domain '%s' has been undefined\n"), name);
    return 0;
}


/* "start" */
static const vshCmdOptDef opts_start[] = {
    VIRSH_COMMON_OPT_DOMAIN(N_("name of the inactive domain")),
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = N_("leave the guest paused after creation"),
    },
    {.name = "bypass-cache",
     .type = VSH_OT_BOOL,
     .help = N_("avoid file system cache when loading"),
    },
    {.name = "force-boot",
     .type = VSH_OT_BOOL,
     .help = N_("force fresh boot by discarding any managed save"),
    },
    {.name = NULL}
};


static int
cmdStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags = 0;
    int rc;

    /* An inactive domain has no ID to find it by. */
    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYNAME | VIRSH_BYUUID)))
        return 1;

    if (virDomainGetID(dom) != (unsigned int)-1) {
        vshError(ctl, "%s", _("Domain is already active"));
        return 1;
    }

    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vshCommandOptBool(cmd, "bypass-cache"))
        flags |= VIR_DOMAIN_START_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "force-boot"))
        flags |= VIR_DOMAIN_START_FORCE_BOOT;

    if (flags)
        rc = virDomainCreateWithFlags(dom, flags);
    else
        rc = virDomainCreate(dom);
    if (rc < 0) {
        vshError(ctl, _("Failed to start domain '%s'"), virDomainGetName(dom));
        return 1;
    }
    vshPrintExtra(ctl, _("Domain '%s' started\n"), virDomainGetName(dom));
    return 0;
}


/* "create" */
static const vshCmdOptDef opts_create[] = {
    VIRSH_COMMON_OPT_FILE(N_("file containing an XML domain description")),
    {.name = "paused",
     .type = VSH_OT_BOOL,
     .help = N_("leave the guest paused after creation"),
    },
    {.name = NULL}
};


static int
cmdCreate(vshControl *ctl, const vshCmd *cmd)
{
    virshControl *priv = ctl->privData;
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    unsigned int flags = 0;

    if (vshCommandOptString(ctl, cmd, "file", &from) <= 0)
        return 1;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (!(xml = virshReadFile(ctl, from)))
        return 1;

    if (!(dom = virDomainCreateXML(priv->conn, xml, flags))) {
        vshError(ctl, _("Failed to create domain from %s"), from);
        return 1;
    }
    vshPrintExtra(ctl, _("Domain '%s' created from %s\n"), virDomainGetName(dom),
                  from);
    return 0;
}


/* "shutdown" */
static const vshCmdOptDef opts_shutdown[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "mode",
     .type = VSH_OT_STRING,
     .help = N_("shutdown mode: acpi|agent|initctl|signal|paravirt"),
    },
    {.name = NULL}
};


/* The flags a comma-separated list of shutdown modes asks for. */
static int
virshShutdownModeFlags(vshControl *ctl, const char *modes, unsigned int *retFlags)
{
    g_auto(GStrv) list = g_strsplit(modes, ",", -1);
    static const struct {
        const char *name;
        unsigned int flag;
    } table[] = {
        { "acpi", VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN },
        { "agent", VIR_DOMAIN_SHUTDOWN_GUEST_AGENT },
        { "initctl", VIR_DOMAIN_SHUTDOWN_INITCTL },
        { "signal", VIR_DOMAIN_SHUTDOWN_SIGNAL },
        { "paravirt", VIR_DOMAIN_SHUTDOWN_PARAVIRT },
    };
    unsigned int flags = 0;

    for (size_t i = 0; list[i]; i++) {
        size_t j;

        for (j = 0; j < G_N_ELEMENTS(table); j++) {
            if (STREQ(list[i], table[j].name))
                break;
        }
        if (j == G_N_ELEMENTS(table)) {
            vshError(ctl, _("Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', 'signal', or 'paravirt'"),
                     list[i]);
            ctl->usageError = true;
            return -1;
        }
        flags |= table[j].flag;
    }
    *retFlags = flags;
    return 0;
}


static int
cmdShutdown(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    const char *mode = NULL;
    unsigned int flags = 0;
    int rc;

    if (vshCommandOptString(ctl, cmd, "mode", &mode) < 0)
        return 1;
    if (mode && virshShutdownModeFlags(ctl, mode, &flags) < 0)
        return 1;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return 1;

    if (flags)
        rc = virDomainShutdownFlags(dom, flags);
    else
        rc = virDomainShutdown(dom);
    if (rc < 0) {
        vshError(ctl, _("Failed to shutdown domain '%s'"), name);
        return 1;
    }
    vshPrintExtra(ctl, _("Domain '%s' is being shutdown\n"), name);
    return 0;
}


/* "destroy" */
static const vshCmdOptDef opts_destroy[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "graceful",
     .type = VSH_OT_BOOL,
     .help = N_("terminate gracefully"),
    },
    {.name = "remove-logs",
     .type = VSH_OT_BOOL,
     .help = N_("remove domain logs"),
    },
    {.name = NULL}
};


static int
cmdDestroy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    int rc;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return 1;

    if (vshCommandOptBool(cmd, "graceful"))
        flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
    if (vshCommandOptBool(cmd, "remove-logs"))
        flags |= VIR_DOMAIN_DESTROY_REMOVE_LOGS;

    if (flags)
        rc = virDomainDestroyFlags(dom, flags);
    else
        rc = virDomainDestroy(dom);
    if (rc < 0) {
        vshError(ctl, _("Failed to destroy domain '%s'"), name);
        return 1;
    }
    vshPrintExtra(ctl, _("Domain '%s' destroyed\n"), name);
    return 0;
}


/* "dumpxml" */
static const vshCmdOptDef opts_dumpxml[] = {
    VIRSH_COMMON_OPT_DOMAIN_FULL,
    {.name = "inactive",
     .type = VSH_OT_BOOL,
     .help = N_("show inactive defined XML"),
    },
    {.name = "security-info",
     .type = VSH_OT_BOOL,
     .help = N_("include security sensitive information in XML dump"),
    },
    {.name = "update-cpu",
     .type = VSH_OT_BOOL,
     .help = N_("update guest CPU according to host CPU"),
    },
    {.name = "migratable",
     .type = VSH_OT_BOOL,
     .help = N_("provide XML suitable for migrations"),
    },
    {.name = NULL}
};


static int
cmdDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (vshCommandOptBool(cmd, "update-cpu"))
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (vshCommandOptBool(cmd, "migratable"))
        flags |= VIR_DOMAIN_XML_MIGRATABLE;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return 1;
    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return 1;
    vshPrint(ctl, "%s", xml);
    return 0;
}


/* "domid" */
static const vshCmdOptDef opts_domid[] = {
    VIRSH_COMMON_OPT_DOMAIN(N_("domain name or uuid")),
    {.name = NULL}
};


static int
cmdDomid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int id;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYNAME | VIRSH_BYUUID)))
        return 1;
    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%s\n", "-");
    else
        vshPrint(ctl, "%d\n", id);
    return 0;
}


/* "domname" */
static const vshCmdOptDef opts_domname[] = {
    VIRSH_COMMON_OPT_DOMAIN(N_("domain id or uuid")),
    {.name = NULL}
};


static int
cmdDomname(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYID | VIRSH_BYUUID)))
        return 1;
    vshPrint(ctl, "%s\n", virDomainGetName(dom));
    return 0;
}


/* "domuuid" */
static const vshCmdOptDef opts_domuuid[] = {
    VIRSH_COMMON_OPT_DOMAIN(N_("domain id or name")),
    {.name = NULL}
};


static int
cmdDomuuid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, NULL,
                                        VIRSH_BYID | VIRSH_BYNAME)))
        return 1;
    if (virDomainGetUUIDString(dom, uuid) < 0) {
        vshError(ctl, "%s", _("failed to get domain UUID"));
        return 1;
    }
    vshPrint(ctl, "%s\n", uuid);
    return 0;
}


/* "domxml-to-native" */
static const vshCmdOptDef opts_domxmltonative[] = {
    {.name = "format",
     .type = VSH_OT_DATA,
     .flags = VSH_OFLAG_REQ,
     .help = N_("target config data type format"),
    },
    {.name = "domain",
     .type = VSH_OT_STRING,
     .flags = VSH_OFLAG_REQ_OPT,
     .help = N_("domain name, id or uuid"),
    },
    {.name = "xml",
     .type = VSH_OT_STRING,
     .help = N_("xml data file to export from"),
    },
    {.name = NULL}
};


static int
cmdDomXMLToNative(vshControl *ctl, const vshCmd *cmd)
{
    virshControl *priv = ctl->privData;
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *native = NULL;
    const char *format = NULL;
    const char *file = NULL;

    if (!vshCommandOptExclusive(ctl, cmd, "domain", "xml"))
        return 1;
    if (vshCommandOptString(ctl, cmd, "format", &format) < 0 ||
        vshCommandOptString(ctl, cmd, "xml", &file) < 0)
        return 1;

    if (vshCommandOptBool(cmd, "domain")) {
        if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
            return 1;
        xml = virDomainGetXMLDesc(dom, 0);
    } else if (file) {
        if (!(xml = virshReadFile(ctl, file)))
            return 1;
    } else {
        vshError(ctl, "%s", _("need either domain or domain XML"));
        ctl->usageError = true;
        return 1;
    }
    if (!xml) {
        vshError(ctl, "%s", _("failed to retrieve XML"));
        return 1;
    }

    if (!(native = virConnectDomainXMLToNative(priv->conn, format, xml, 0)))
        return 1;
    vshPrint(ctl, "%s", native);
    return 0;
}


const vshCmdDef domManagementCmds[] = {
    {.name = "create",
     .handler = cmdCreate,
     .opts = opts_create,
     .help = N_("create a domain from an XML file"),
     .desc = N_("Create a domain."),
    },
    {.name = "define",
     .handler = cmdDefine,
     .opts = opts_define,
     .help = N_("define (but don't start) a domain from an XML file"),
     .desc = N_("Define a domain."),
    },
    {.name = "destroy",
     .handler = cmdDestroy,
     .opts = opts_destroy,
     .help = N_("destroy (stop) a domain"),
     .desc = N_("Forcefully stop a given domain, but leave its resources intact."),
    },
    {.name = "domid",
     .handler = cmdDomid,
     .opts = opts_domid,
     .help = N_("convert a domain name or UUID to domain id"),
    },
    {.name = "domname",
     .handler = cmdDomname,
     .opts = opts_domname,
     .help = N_("convert a domain id or UUID to domain name"),
    },
    {.name = "domuuid",
     .handler = cmdDomuuid,
     .opts = opts_domuuid,
     .help = N_("convert a domain name or id to domain UUID"),
    },
    {.name = "domxml-to-native",
     .handler = cmdDomXMLToNative,
     .opts = opts_domxmltonative,
     .help = N_("Convert domain XML to native config"),
     .desc = N_("Convert domain XML config to a native guest configuration format."),
    },
    {.name = "dumpxml",
     .handler = cmdDumpXML,
     .opts = opts_dumpxml,
     .help = N_("domain information in XML"),
     .desc = N_("Output the domain information as an XML dump to stdout."),
    },
    {.name = "shutdown",
     .handler = cmdShutdown,
     .opts = opts_shutdown,
     .help = N_("gracefully shutdown a domain"),
     .desc = N_("Run shutdown in the target domain."),
    },
    {.name = "start",
     .handler = cmdStart,
     .opts = opts_start,
     .help = N_("start a (previously defined) inactive domain"),
     .desc = N_("Start a domain, either from the last managedsave\n"
                "    state, or via a fresh boot if no managedsave state\n"
                "    is present."),
    },
    {.name = "stop",
     .handler = cmdStop,
     .opts = opts_stop,
     .help = N_("shut a domain down, escalating to a graceful destroy"),
     .desc = N_("Ask the guest to shut down (ACPI) and wait up to --timeout\n"
                "    seconds for it to shut off; then destroy it gracefully\n"
                "    (SIGTERM only, never SIGKILL); with --force, if that fails\n"
                "    too, destroy it (SIGKILL after a grace period).  Exits 0\n"
                "    when the domain is shut off, 1 when it stopped short, 2 on\n"
                "    a usage error."),
     .flags = VSH_CMD_FLAG_USAGE_EXIT2,
    },
    {.name = "undefine",
     .handler = cmdUndefine,
     .opts = opts_undefine,
     .help = N_("undefine a domain"),
     .desc = N_("Undefine an inactive domain, or convert persistent to transient."),
    },
    {.name = NULL}
};
