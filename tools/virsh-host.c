/*
 * virsh-host.c: commands about the connection and the hypervisor
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "virsh.h"


/* "hostname" */
static int
cmdHostname(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    virshControl *priv = ctl->privData;
    g_autofree char *hostname = NULL;

    if (!(hostname = virConnectGetHostname(priv->conn))) {
        vshError(ctl, "%s", _("failed to get hostname"));
        return 1;
    }
    vshPrint(ctl, "%s\n", hostname);
    return 0;
}


/* "uri" */
static int
cmdURI(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    virshControl *priv = ctl->privData;
    g_autofree char *uri = NULL;

    if (!(uri = virConnectGetURI(priv->conn))) {
        vshError(ctl, "%s", _("failed to get URI"));
        return 1;
    }
    vshPrint(ctl, "%s\n", uri);
    return 0;
}


/* "version" */
static const vshCmdOptDef opts_version[] = {
    {.name = "daemon",
     .type = VSH_OT_BOOL,
     .help = N_("report daemon version too"),
    },
    {.name = NULL}
};


static void
virshPrintVersion(vshControl *ctl, const char *label, const char *type,
                  unsigned long version)
{
    vshPrint(ctl, "%s %s%s%lu.%lu.%lu\n", label, NULLSTR_EMPTY(type),
             type ? " " : "", version / 1000000, (version / 1000) % 1000,
             version % 1000);
}


static int
cmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    virshControl *priv = ctl->privData;
    unsigned long libVersion;
    unsigned long apiVersion;
    unsigned long hvVersion;
    const char *hvType;

    if (!(hvType = virConnectGetType(priv->conn))) {
        vshError(ctl, "%s", _("failed to get hypervisor type"));
        return 1;
    }

    virshPrintVersion(ctl, _("Compiled against library:"), "libvirt",
                      LIBVIR_VERSION_NUMBER);

    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        vshError(ctl, "%s", _("failed to get the library version"));
        return 1;
    }
    virshPrintVersion(ctl, _("Using library:"), "libvirt", libVersion);
    virshPrintVersion(ctl, _("Using API:"), hvType, apiVersion);

    if (virConnectGetVersion(priv->conn, &hvVersion) < 0) {
        vshError(ctl, "%s", _("failed to get the hypervisor version"));
        return 1;
    }
    if (hvVersion == 0)
        vshPrint(ctl, _("Cannot extract running %s hypervisor version\n"), hvType);
    else
        virshPrintVersion(ctl, _("Running hypervisor:"), hvType, hvVersion);

    if (vshCommandOptBool(cmd, "daemon")) {
        unsigned long daemonVersion;

        if (virConnectGetLibVersion(priv->conn, &daemonVersion) < 0) {
            vshError(ctl, "%s", _("failed to get the daemon version"));
            return 1;
        }
        virshPrintVersion(ctl, _("Running against daemon:"), NULL, daemonVersion);
    }
    return 0;
}


const vshCmdDef hostAndHypervisorCmds[] = {
    {.name = "hostname",
     .handler = cmdHostname,
     .help = N_("print the hypervisor hostname"),
    },
    {.name = "uri",
     .handler = cmdURI,
     .help = N_("print the hypervisor canonical URI"),
    },
    {.name = "version",
     .handler = cmdVersion,
     .opts = opts_version,
     .help = N_("show version"),
     .desc = N_("Display the system version information."),
    },
    {.name = NULL}
};
