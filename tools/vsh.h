/*
 * vsh.h: the command shell under virsh: command tables, parsing of
 * command lines and strings, help, output and the interactive loop
 *
 * Nothing here knows about domains or connections; virsh.c plugs those
 * in through vshControl.reportError and vshControl.privData.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"

/* Debug levels of -d / VIRSH_DEBUG: a message is shown when its level is
 * at least the one asked for. */
typedef enum {
    VSH_ERR_DEBUG = 0,
    VSH_ERR_INFO,
    VSH_ERR_NOTICE,
    VSH_ERR_WARNING,
    VSH_ERR_ERROR,
} vshErrorLevel;

#define VSH_DEBUG_DEFAULT VSH_ERR_ERROR

/* What an option takes. */
typedef enum {
    VSH_OT_BOOL,   /* a flag: --name */
    VSH_OT_STRING, /* --name VALUE, or VALUE in its place */
    VSH_OT_INT,    /* --name NUMBER, or NUMBER in its place */
    VSH_OT_DATA,   /* an operand: VALUE, or --name VALUE */
    VSH_OT_ARGV,   /* every operand left over; may repeat */
} vshCmdOptType;

typedef enum {
    VSH_OFLAG_NONE = 0,
    VSH_OFLAG_REQ = 1 << 0,     /* the command refuses to run without it
                                 * (for operands: VSH_OT_DATA, VSH_OT_ARGV) */
    VSH_OFLAG_REQ_OPT = 1 << 1, /* only ever taken as --name VALUE */
} vshCmdOptFlags;

typedef struct _vshCmdOptDef vshCmdOptDef;
struct _vshCmdOptDef {
    const char *name;
    vshCmdOptType type;
    unsigned int flags; /* vshCmdOptFlags */
    const char *help;   /* N_() marked */
};

typedef enum {
    /* A misuse of the command (bad option, missing or malformed value)
     * exits with status 2 rather than 1. */
    VSH_CMD_FLAG_USAGE_EXIT2 = 1 << 0,
} vshCmdFlags;

typedef struct _vshControl vshControl;
typedef struct _vshCmd vshCmd;

/* A command's body.  Returns: 0 on success, 1 on failure (with the
 * error printed), 2 when the command was misused (only meaningful with
 * VSH_CMD_FLAG_USAGE_EXIT2). */
typedef int (*vshCmdHandler)(vshControl *ctl, const vshCmd *cmd);

typedef struct _vshCmdDef vshCmdDef;
struct _vshCmdDef {
    const char *name;
    vshCmdHandler handler;
    /* terminated by a NULL name; may be NULL; at most 64 (the parser
     * tracks them in a 64-bit mask) */
    const vshCmdOptDef *opts;
    const char *help;         /* one line, N_() marked */
    const char *desc;         /* longer text, N_() marked; may be NULL */
    unsigned int flags;       /* vshCmdFlags */
};

typedef struct _vshCmdGrp vshCmdGrp;
struct _vshCmdGrp {
    const char *name;          /* N_() marked */
    const char *keyword;       /* for "help KEYWORD" */
    const vshCmdDef *commands; /* terminated by a NULL name */
};

typedef struct _vshCmdOpt vshCmdOpt;
struct _vshCmdOpt {
    const vshCmdOptDef *def;
    char *data; /* NULL for a flag */
    vshCmdOpt *next;
};

struct _vshCmd {
    const vshCmdDef *def;
    vshCmdOpt *opts; /* in the order given */
    vshCmd *next;
};

struct _vshControl {
    const char *progname;
    const vshCmdGrp *groups; /* terminated by a NULL name */
    vshCmd *cmd;             /* what was parsed last */
    bool imode;              /* interactive */
    bool quiet;              /* -q: no banners, success lines or spacing */
    bool timing;             /* -t */
    int debug;               /* vshErrorLevel, or VSH_DEBUG_DEFAULT */
    /* Set by the option accessors and the parser when a command is
     * misused, so that the exit status can say so. */
    bool usageError;
    const vshCmdDef *failedDef; /* the command a parse error was in */
    /* Prints and clears the library's pending error, if any. */
    void (*reportError)(vshControl *ctl);
    void *privData;
};

/* Lookups */
const vshCmdDef *vshCmddefSearch(vshControl *ctl, const char *name);
const vshCmdGrp *vshCmdGrpSearch(vshControl *ctl, const char *keyword);

/* Parsing */
bool vshCommandStringParse(vshControl *ctl, const char *cmdstr);
bool vshCommandArgvParse(vshControl *ctl, int nargs, char **argv);
void vshCommandFree(vshCmd *cmd);

/* Running */
int vshCommandRun(vshControl *ctl, const vshCmd *cmd);

/* Option accessors */
bool vshCommandOptBool(const vshCmd *cmd, const char *name);
int vshCommandOptString(vshControl *ctl, const vshCmd *cmd, const char *name,
                        const char **value);
int vshCommandOptStringQuiet(vshControl *ctl, const vshCmd *cmd,
                             const char *name, const char **value);
const vshCmdOpt *vshCommandOptArgv(const vshCmd *cmd, const vshCmdOpt *opt);
void vshReportNumberError(vshControl *ctl, const char *value, const char *name);
bool vshCommandOptExclusive(vshControl *ctl, const vshCmd *cmd,
                            const char *a, const char *b);

/* Help */
bool vshCmddefHelp(vshControl *ctl, const vshCmdDef *def);
bool vshCmdGrpHelp(vshControl *ctl, const vshCmdGrp *grp);
void vshGroupsHelp(vshControl *ctl);
void vshUsageCommands(vshControl *ctl);

/* Output */
void vshPrint(vshControl *ctl, const char *format, ...) G_GNUC_PRINTF(2, 3);
void vshPrintExtra(vshControl *ctl, const char *format, ...) G_GNUC_PRINTF(2, 3);
void vshError(vshControl *ctl, const char *format, ...) G_GNUC_PRINTF(2, 3);
void vshDebug(vshControl *ctl, int level, const char *format, ...)
    G_GNUC_PRINTF(3, 4);

/* Interactive mode */
void vshReadlineInit(vshControl *ctl);
char *vshReadline(vshControl *ctl, const char *prompt);
void vshReadlineDeinit(vshControl *ctl);
