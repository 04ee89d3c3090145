/*
 * virsh.h: what virsh's commands share
 *
 * virsh is a client of the public API only: it includes nothing of the
 * library's internals and links only with libvirt.so.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "vsh.h"

#define VIRSH_PROMPT_RW "virsh # "
#define VIRSH_PROMPT_RO "virsh > "

/* The largest XML file virsh reads. */
#define VIRSH_MAX_XML_FILE (10 * 1024 * 1024)

typedef struct _virshControl virshControl;
struct _virshControl {
    virConnectPtr conn;
    char *connname; /* the URI asked for; NULL for the library's default */
    bool readonly;
};

/* How a domain argument may be resolved (upstream's order: ID, then
 * UUID, then name). */
typedef enum {
    VIRSH_BYID = 1 << 0,
    VIRSH_BYUUID = 1 << 1,
    VIRSH_BYNAME = 1 << 2,
} virshLookupFlags;

#define VIRSH_BYALL (VIRSH_BYID | VIRSH_BYUUID | VIRSH_BYNAME)

/* The --domain option of most domain commands. */
#define VIRSH_COMMON_OPT_DOMAIN(helpstr) \
    {.name = "domain", \
     .type = VSH_OT_DATA, \
     .flags = VSH_OFLAG_REQ, \
     .help = helpstr, \
    }

#define VIRSH_COMMON_OPT_DOMAIN_FULL \
    VIRSH_COMMON_OPT_DOMAIN(N_("domain name, id or uuid"))

/* The --file option of define and create. */
#define VIRSH_COMMON_OPT_FILE(helpstr) \
    {.name = "file", \
     .type = VSH_OT_DATA, \
     .flags = VSH_OFLAG_REQ, \
     .help = helpstr, \
    }

virConnectPtr virshConnect(vshControl *ctl, const char *uri, bool readonly);
void virshReportError(vshControl *ctl);
void virshResetLibvirtError(void);

virDomainPtr virshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd,
                                     const char **name, unsigned int flags);
virDomainPtr virshCommandOptDomain(vshControl *ctl, const vshCmd *cmd,
                                   const char **name);
char *virshReadFile(vshControl *ctl, const char *path);
const char *virshDomainStateToString(int state);
const char *virshDomainStateReasonToString(int state, int reason);
int virshDomainState(vshControl *ctl, virDomainPtr dom, int *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, virDomainFree);

extern const vshCmdDef domManagementCmds[];
extern const vshCmdDef domMonitoringCmds[];
extern const vshCmdDef domEventCmds[];
extern const vshCmdDef hostAndHypervisorCmds[];

/* virsh-domain-stop.c */
int cmdStop(vshControl *ctl, const vshCmd *cmd);
extern const vshCmdOptDef opts_stop[];
