/*
 * vsh.c: the command shell under virsh
 *
 * A command line is a list of commands.  Given as one string (virsh's
 * single argument, or a line typed at the prompt) it is split into
 * words the way a shell would: blanks separate words, quotes group
 * them, a backslash escapes, ';' or a newline ends a command, and a
 * word starting with '#' comments out the rest of the line.  Given as
 * several arguments, each argument is one word of one command.
 *
 * Within a command, "--name" or "--name=value" names an option, "--"
 * makes every later word an operand, and an operand fills the first
 * option that may be given by position and has no value yet.  The
 * whole line is parsed before any of it runs, so a typo in the last
 * command never leaves the first ones half done.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <readline/readline.h>
#include <readline/history.h>

#include "vsh.h"

/* Every command takes --help, which shows its help instead of running. */
static const vshCmdOptDef vshHelpOpt = {
    .name = "help",
    .type = VSH_OT_BOOL,
    .help = N_("print help for this function"),
};

/* ---- Output ---- */

/**
 * vshPrint:
 * @ctl: the shell
 * @format: printf format
 *
 * Prints command output on stdout; always shown, even with -q.
 */
void
vshPrint(vshControl *ctl G_GNUC_UNUSED, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    vfprintf(stdout, format, ap);
    va_end(ap);
}


/**
 * vshPrintExtra:
 * @ctl: the shell
 * @format: printf format
 *
 * Prints what only a person reads (banners, "Domain 'x' started",
 * spacing between commands) on stdout, unless -q was given.
 */
void
vshPrintExtra(vshControl *ctl, const char *format, ...)
{
    va_list ap;

    if (ctl && ctl->quiet)
        return;
    va_start(ap, format);
    vfprintf(stdout, format, ap);
    va_end(ap);
}


/**
 * vshError:
 * @ctl: the shell
 * @format: printf format, without a trailing newline
 *
 * Prints "error: MESSAGE" on stderr.  stdout is flushed first, so that
 * the two streams interleave in order when they go to the same place.
 */
void
vshError(vshControl *ctl G_GNUC_UNUSED, const char *format, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, format);
    msg = g_strdup_vprintf(format, ap);
    va_end(ap);

    fflush(stdout);
    fprintf(stderr, "%s%s\n", _("error: "), msg);
    fflush(stderr);
}


/**
 * vshDebug:
 * @ctl: the shell
 * @level: a vshErrorLevel
 * @format: printf format, with its own newline
 *
 * Prints a debug message on stdout when -d (or VIRSH_DEBUG) asked for
 * @level or a lower one.
 */
void
vshDebug(vshControl *ctl, int level, const char *format, ...)
{
    va_list ap;

    if (level < ctl->debug)
        return;
    va_start(ap, format);
    vfprintf(stdout, format, ap);
    va_end(ap);
}


/* ---- Command tables ---- */

/**
 * vshCmddefSearch:
 * @ctl: the shell
 * @name: a command name
 *
 * Returns: the command called @name, or NULL.
 */
const vshCmdDef *
vshCmddefSearch(vshControl *ctl, const char *name)
{
    for (const vshCmdGrp *grp = ctl->groups; grp->name; grp++) {
        for (const vshCmdDef *def = grp->commands; def->name; def++) {
            if (STREQ(def->name, name))
                return def;
        }
    }
    return NULL;
}


/**
 * vshCmdGrpSearch:
 * @ctl: the shell
 * @keyword: a group's help keyword
 *
 * Returns: the group with that keyword, or NULL.
 */
const vshCmdGrp *
vshCmdGrpSearch(vshControl *ctl, const char *keyword)
{
    for (const vshCmdGrp *grp = ctl->groups; grp->name; grp++) {
        if (STREQ(grp->keyword, keyword))
            return grp;
    }
    return NULL;
}


/* ---- Tokens ---- */

typedef enum {
    VSH_TK_ERROR,      /* malformed input, reported */
    VSH_TK_ARG,        /* a word */
    VSH_TK_SUBCMD_END, /* ';', a newline or a comment: the command ends */
    VSH_TK_END,        /* nothing left */
} vshCommandToken;

typedef struct {
    /* a string being split */
    const char *pos;
    /* or a vector of words */
    char **argv;
    int argc;
    int argi;
} vshCommandParser;


static vshCommandToken
vshCommandStringNext(vshControl *ctl, vshCommandParser *parser, char **res)
{
    const char *p = parser->pos;
    GString *word;
    bool single = false;
    bool dbl = false;

    while (*p == ' ' || *p == '\t' || (*p == '\\' && p[1] == '\n'))
        p += *p == '\\' ? 2 : 1;

    if (*p == '\0') {
        parser->pos = p;
        return VSH_TK_END;
    }
    if (*p == ';' || *p == '\n') {
        parser->pos = p + 1;
        return VSH_TK_SUBCMD_END;
    }
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
        parser->pos = *p ? p + 1 : p;
        return VSH_TK_SUBCMD_END;
    }

    word = g_string_new(NULL);
    while (*p) {
        if (!single && !dbl &&
            (*p == ' ' || *p == '\t' || *p == ';' || *p == '\n'))
            break;
        if (!dbl && *p == '\'') {
            /* Nothing is special between single quotes; an unclosed one
             * runs to the end, as upstream's virsh accepts. */
            single = !single;
            p++;
            continue;
        }
        if (!single && *p == '"') {
            dbl = !dbl;
            p++;
            continue;
        }
        if (!single && *p == '\\') {
            p++;
            if (*p == '\0') {
                vshError(ctl, "%s", _("dangling \\"));
                g_string_free(word, TRUE);
                return VSH_TK_ERROR;
            }
            if (*p == '\n') {
                p++;
                continue;
            }
        }
        g_string_append_c(word, *p);
        p++;
    }
    if (dbl) {
        vshError(ctl, "%s", _("missing \""));
        g_string_free(word, TRUE);
        return VSH_TK_ERROR;
    }
    parser->pos = p;
    *res = g_string_free(word, FALSE);
    return VSH_TK_ARG;
}


static vshCommandToken
vshCommandParserNext(vshControl *ctl, vshCommandParser *parser, char **res)
{
    *res = NULL;
    if (parser->argv) {
        if (parser->argi >= parser->argc)
            return VSH_TK_END;
        *res = g_strdup(parser->argv[parser->argi++]);
        return VSH_TK_ARG;
    }
    return vshCommandStringNext(ctl, parser, res);
}


/* ---- Parsing ---- */

static void
vshCommandOptFree(vshCmdOpt *opt)
{
    while (opt) {
        vshCmdOpt *next = opt->next;

        g_free(opt->data);
        g_free(opt);
        opt = next;
    }
}


/**
 * vshCommandFree:
 * @cmd: a parsed command list, or NULL
 *
 * Frees every command of the list.
 */
void
vshCommandFree(vshCmd *cmd)
{
    while (cmd) {
        vshCmd *next = cmd->next;

        vshCommandOptFree(cmd->opts);
        g_free(cmd);
        cmd = next;
    }
}


/* The option --@name of @def, marking it seen.  Errors are reported,
 * except that "help" ignores options it does not know (*retIgnore). */
static const vshCmdOptDef *
vshCmddefGetOption(vshControl *ctl, const vshCmdDef *def, const char *name,
                   guint64 *seen, bool *retIgnore)
{
    *retIgnore = false;
    if (STREQ(name, vshHelpOpt.name))
        return &vshHelpOpt;

    for (size_t i = 0; def->opts && def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &def->opts[i];

        if (STRNEQ(opt->name, name))
            continue;
        if ((*seen & (1ULL << i)) && opt->type != VSH_OT_ARGV) {
            vshError(ctl, _("option --%s already seen"), name);
            return NULL;
        }
        *seen |= 1ULL << i;
        return opt;
    }

    if (STREQ(def->name, "help")) {
        *retIgnore = true;
        return NULL;
    }
    vshError(ctl, _("command '%s' doesn't support option --%s"), def->name, name);
    return NULL;
}


/* The option an operand fills: the first one that may be given by
 * position and has no value yet. */
static const vshCmdOptDef *
vshCmddefGetData(const vshCmdDef *def, guint64 *positional, guint64 *seen)
{
    int i;

    if (*positional == 0)
        return NULL;
    i = __builtin_ctzll(*positional);
    if (def->opts[i].type != VSH_OT_ARGV)
        *positional &= ~(1ULL << i);
    *seen |= 1ULL << i;
    return &def->opts[i];
}


static bool
vshCommandCheckOpts(vshControl *ctl, const vshCmdDef *def, guint64 seen)
{
    bool ok = true;

    for (size_t i = 0; def->opts && def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &def->opts[i];

        if (!(opt->flags & VSH_OFLAG_REQ) || (seen & (1ULL << i)))
            continue;
        vshError(ctl, _("command '%s' requires <%s> option"), def->name,
                 opt->name);
        ok = false;
    }
    return ok;
}


static void
vshCommandOptAppend(vshControl *ctl, const vshCmdDef *def, vshCmdOpt ***tail,
                    const vshCmdOptDef *optdef, char *data)
{
    vshCmdOpt *opt = g_new0(vshCmdOpt, 1);

    opt->def = optdef;
    opt->data = data;
    **tail = opt;
    *tail = &opt->next;
    vshDebug(ctl, VSH_ERR_INFO, "%s: %s(%s): %s\n", def->name, optdef->name,
             optdef->type != VSH_OT_BOOL ? _("optdata") : _("bool"),
             optdef->type != VSH_OT_BOOL ? data : _("(none)"));
}


static bool
vshCommandParse(vshControl *ctl, vshCommandParser *parser)
{
    vshCmd *list = NULL;
    vshCmd **listTail = &list;
    vshCmdOpt *opts = NULL;
    char *tkdata = NULL;
    vshCommandToken tk;

    vshCommandFree(ctl->cmd);
    ctl->cmd = NULL;
    ctl->failedDef = NULL;

    do {
        const vshCmdDef *def = NULL;
        vshCmdOpt **optsTail = &opts;
        guint64 positional = 0;
        guint64 seen = 0;
        bool dataOnly = false;
        bool wantHelp = false;

        for (;;) {
            const vshCmdOptDef *optdef = NULL;

            tk = vshCommandParserNext(ctl, parser, &tkdata);
            if (tk == VSH_TK_ERROR)
                goto error;
            if (tk != VSH_TK_ARG)
                break;

            if (!def) {
                if (tkdata[0] == '#') {
                    /* A comment in place of a command: skip its words. */
                    do {
                        g_clear_pointer(&tkdata, g_free);
                        tk = vshCommandParserNext(ctl, parser, &tkdata);
                    } while (tk == VSH_TK_ARG);
                    g_clear_pointer(&tkdata, g_free);
                    if (tk == VSH_TK_ERROR)
                        goto error;
                    break;
                }
                ctl->failedDef = NULL;
                if (!(def = vshCmddefSearch(ctl, tkdata))) {
                    vshError(ctl, _("unknown command: '%s'"), tkdata);
                    goto error;
                }
                ctl->failedDef = def;
                for (size_t i = 0; def->opts && def->opts[i].name; i++) {
                    if (def->opts[i].type != VSH_OT_BOOL &&
                        !(def->opts[i].flags & VSH_OFLAG_REQ_OPT))
                        positional |= 1ULL << i;
                }
                g_clear_pointer(&tkdata, g_free);
                continue;
            }

            if (!dataOnly && tkdata[0] == '-' && tkdata[1] == '-' &&
                g_ascii_isalnum(tkdata[2])) {
                char *value = strchr(tkdata + 2, '=');
                bool ignore;

                if (value)
                    *value++ = '\0';
                if (!(optdef = vshCmddefGetOption(ctl, def, tkdata + 2, &seen,
                                                  &ignore))) {
                    if (ignore) {
                        g_clear_pointer(&tkdata, g_free);
                        continue;
                    }
                    goto error;
                }
                if (optdef->type == VSH_OT_BOOL) {
                    if (value) {
                        vshError(ctl, _("invalid '=' after option --%s"),
                                 optdef->name);
                        goto error;
                    }
                    g_clear_pointer(&tkdata, g_free);
                } else {
                    char *data;

                    if (value) {
                        data = g_strdup(value);
                    } else {
                        char *next = NULL;

                        tk = vshCommandParserNext(ctl, parser, &next);
                        if (tk == VSH_TK_ERROR)
                            goto error;
                        if (tk != VSH_TK_ARG) {
                            vshError(ctl, _("expected syntax: --%s <%s>"),
                                     optdef->name,
                                     optdef->type == VSH_OT_INT ? _("number")
                                                                : _("string"));
                            goto error;
                        }
                        data = next;
                    }
                    g_clear_pointer(&tkdata, g_free);
                    tkdata = data;
                    if (optdef->type != VSH_OT_ARGV) {
                        for (size_t i = 0; def->opts[i].name; i++) {
                            if (&def->opts[i] == optdef)
                                positional &= ~(1ULL << i);
                        }
                    }
                }
                if (optdef == &vshHelpOpt)
                    wantHelp = true;
            } else if (!dataOnly && STREQ(tkdata, "--")) {
                dataOnly = true;
                g_clear_pointer(&tkdata, g_free);
                continue;
            } else if (!(optdef = vshCmddefGetData(def, &positional, &seen))) {
                if (STREQ(def->name, "help")) {
                    g_clear_pointer(&tkdata, g_free);
                    continue;
                }
                vshError(ctl, _("unexpected data '%s'"), tkdata);
                goto error;
            }
            vshCommandOptAppend(ctl, def, &optsTail, optdef,
                                g_steal_pointer(&tkdata));
        }

        if (def) {
            vshCmd *cmd = g_new0(vshCmd, 1);

            if (wantHelp) {
                /* "CMD ... --help" is "help CMD". */
                const vshCmdDef *help = vshCmddefSearch(ctl, "help");

                vshCommandOptFree(opts);
                opts = g_new0(vshCmdOpt, 1);
                opts->def = &help->opts[0];
                opts->data = g_strdup(def->name);
                def = help;
                seen = 1;
            }
            if (!vshCommandCheckOpts(ctl, def, seen)) {
                g_free(cmd);
                goto error;
            }
            cmd->def = def;
            cmd->opts = g_steal_pointer(&opts);
            *listTail = cmd;
            listTail = &cmd->next;
        }
    } while (tk != VSH_TK_END);

    ctl->cmd = list;
    ctl->failedDef = NULL;
    return true;

 error:
    ctl->usageError = true;
    g_free(tkdata);
    vshCommandOptFree(opts);
    vshCommandFree(list);
    return false;
}


/**
 * vshCommandStringParse:
 * @ctl: the shell
 * @cmdstr: one or more commands in one string
 *
 * Parses @cmdstr into ctl->cmd, reporting any error.
 *
 * Returns: true if it parsed; false for an empty string or an error.
 */
bool
vshCommandStringParse(vshControl *ctl, const char *cmdstr)
{
    vshCommandParser parser = { .pos = cmdstr };

    if (!cmdstr || !*cmdstr)
        return false;
    return vshCommandParse(ctl, &parser);
}


/**
 * vshCommandArgvParse:
 * @ctl: the shell
 * @nargs: number of words
 * @argv: one command, a word per element
 *
 * Parses @argv into ctl->cmd, reporting any error.
 *
 * Returns: true if it parsed.
 */
bool
vshCommandArgvParse(vshControl *ctl, int nargs, char **argv)
{
    vshCommandParser parser = { .argv = argv, .argc = nargs };

    if (nargs <= 0)
        return false;
    return vshCommandParse(ctl, &parser);
}


/* ---- Option access ---- */

static const vshCmdOpt *
vshCommandOpt(const vshCmd *cmd, const char *name)
{
    for (const vshCmdOpt *opt = cmd->opts; opt; opt = opt->next) {
        if (STREQ(opt->def->name, name))
            return opt;
    }
    return NULL;
}


/**
 * vshCommandOptBool:
 * @cmd: a parsed command
 * @name: an option name
 *
 * Returns: whether --@name was given.
 */
bool
vshCommandOptBool(const vshCmd *cmd, const char *name)
{
    return vshCommandOpt(cmd, name) != NULL;
}


static int
vshCommandOptStringInternal(vshControl *ctl, const vshCmd *cmd,
                            const char *name, const char **value, bool report)
{
    const vshCmdOpt *opt = vshCommandOpt(cmd, name);

    if (!opt)
        return 0;
    if (!*opt->data) {
        if (report) {
            vshError(ctl, _("Failed to get option '%s': %s"), name,
                     _("Option argument is empty"));
            ctl->usageError = true;
        }
        return -1;
    }
    *value = opt->data;
    return 1;
}


/**
 * vshCommandOptString:
 * @ctl: the shell
 * @cmd: a parsed command
 * @name: an option name
 * @value: set to the option's value when it was given
 *
 * An empty value is refused (and reported): no option means anything
 * when empty.
 *
 * Returns: 1 when given, 0 when not (@value untouched), -1 when empty.
 */
int
vshCommandOptString(vshControl *ctl, const vshCmd *cmd, const char *name,
                    const char **value)
{
    return vshCommandOptStringInternal(ctl, cmd, name, value, true);
}


/**
 * vshCommandOptStringQuiet:
 *
 * As vshCommandOptString(), but an empty value is not reported.
 */
int
vshCommandOptStringQuiet(vshControl *ctl, const vshCmd *cmd, const char *name,
                         const char **value)
{
    return vshCommandOptStringInternal(ctl, cmd, name, value, false);
}


/**
 * vshCommandOptArgv:
 * @cmd: a parsed command
 * @opt: the previous value, or NULL for the first
 *
 * Returns: the next value of the command's VSH_OT_ARGV option, or NULL.
 */
const vshCmdOpt *
vshCommandOptArgv(const vshCmd *cmd, const vshCmdOpt *opt)
{
    opt = opt ? opt->next : cmd->opts;
    for (; opt; opt = opt->next) {
        if (opt->def->type == VSH_OT_ARGV)
            return opt;
    }
    return NULL;
}


/**
 * vshReportNumberError:
 * @ctl: the shell
 * @value: what was given
 * @name: the option's name
 *
 * Reports a numeric option value that does not parse or is out of range.
 */
void
vshReportNumberError(vshControl *ctl, const char *value, const char *name)
{
    vshError(ctl, _("Numeric value '%s' for <%s> option is malformed or out of range"),
             value, name);
    ctl->usageError = true;
}


/**
 * vshCommandOptExclusive:
 * @ctl: the shell
 * @cmd: a parsed command
 * @a: an option name
 * @b: another one
 *
 * Returns: false (reported) if both --@a and --@b were given.
 */
bool
vshCommandOptExclusive(vshControl *ctl, const vshCmd *cmd, const char *a,
                       const char *b)
{
    if (vshCommandOptBool(cmd, a) && vshCommandOptBool(cmd, b)) {
        vshError(ctl, _("Options --%s and --%s are mutually exclusive"), a, b);
        ctl->usageError = true;
        return false;
    }
    return true;
}


/* ---- Running ---- */

/**
 * vshCommandRun:
 * @ctl: the shell
 * @cmd: a parsed command list
 *
 * Runs each command in turn, printing the library's error after a
 * failed one, and a blank line after each (unless -q; with -t, the time
 * it took instead).
 *
 * Returns: the exit status of the last command run.
 */
int
vshCommandRun(vshControl *ctl, const vshCmd *cmd)
{
    int status = 0;

    for (; cmd; cmd = cmd->next) {
        gint64 before = g_get_monotonic_time();
        int rc;

        ctl->usageError = false;
        rc = cmd->def->handler(ctl, cmd);

        if (rc != 0)
            ctl->reportError(ctl);
        if (cmd->def->flags & VSH_CMD_FLAG_USAGE_EXIT2) {
            if (rc != 0 && ctl->usageError)
                rc = 2;
        } else if (rc != 0) {
            rc = 1;
        }
        /* Only the commands that say so tell misuse apart. */
        status = rc;

        if (STREQ(cmd->def->name, "quit") || STREQ(cmd->def->name, "exit"))
            break;
        if (ctl->timing)
            vshPrint(ctl, _("\n(Time: %.3f ms)\n\n"),
                     (g_get_monotonic_time() - before) / 1000.0);
        else
            vshPrintExtra(ctl, "\n");
    }
    fflush(stdout);
    return status;
}


/* ---- Help ---- */

/**
 * vshCmddefHelp:
 * @ctl: the shell
 * @def: a command
 *
 * Prints the command's NAME, SYNOPSIS, DESCRIPTION and OPTIONS.
 *
 * Returns: true
 */
bool
vshCmddefHelp(vshControl *ctl, const vshCmdDef *def)
{
    bool positional = false;

    vshPrint(ctl, "%s", _("  NAME\n"));
    vshPrint(ctl, "    %s - %s\n", def->name, _(def->help));

    vshPrint(ctl, "%s", _("\n  SYNOPSIS\n"));
    vshPrint(ctl, "    %s", def->name);
    for (size_t i = 0; def->opts && def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &def->opts[i];
        bool req = opt->flags & VSH_OFLAG_REQ;
        g_autofree char *syn = NULL;

        switch (opt->type) {
        case VSH_OT_BOOL:
            syn = g_strdup_printf("[--%s]", opt->name);
            break;
        case VSH_OT_INT:
            syn = req ? g_strdup_printf("<%s>", opt->name)
                      : g_strdup_printf(_("[--%s <number>]"), opt->name);
            if (!(opt->flags & VSH_OFLAG_REQ_OPT))
                positional = true;
            break;
        case VSH_OT_STRING:
            syn = g_strdup_printf(_("[--%s <string>]"), opt->name);
            if (!(opt->flags & VSH_OFLAG_REQ_OPT))
                positional = true;
            break;
        case VSH_OT_DATA:
            syn = req ? g_strdup_printf("<%s>", opt->name)
                      : g_strdup_printf("[<%s>]", opt->name);
            if (!(opt->flags & VSH_OFLAG_REQ_OPT))
                positional = true;
            break;
        case VSH_OT_ARGV:
            if (positional)
                syn = req ? g_strdup_printf(_("{[--%s] <string>}..."), opt->name)
                          : g_strdup_printf(_("[[--%s] <string>]..."), opt->name);
            else
                syn = req ? g_strdup_printf(_("<%s>..."), opt->name)
                          : g_strdup_printf(_("[<%s>]..."), opt->name);
            break;
        }
        vshPrint(ctl, " %s", syn);
    }
    vshPrint(ctl, "\n");

    if (def->desc && *def->desc) {
        vshPrint(ctl, "%s", _("\n  DESCRIPTION\n"));
        vshPrint(ctl, "    %s\n", _(def->desc));
    }

    if (def->opts && def->opts[0].name) {
        vshPrint(ctl, "%s", _("\n  OPTIONS\n"));
        for (size_t i = 0; def->opts[i].name; i++) {
            const vshCmdOptDef *opt = &def->opts[i];
            g_autofree char *usage = NULL;

            switch (opt->type) {
            case VSH_OT_BOOL:
                usage = g_strdup_printf("--%s", opt->name);
                break;
            case VSH_OT_INT:
                usage = g_strdup_printf((opt->flags & VSH_OFLAG_REQ)
                                        ? _("[--%s] <number>")
                                        : _("--%s <number>"), opt->name);
                break;
            case VSH_OT_STRING:
                usage = g_strdup_printf(_("--%s <string>"), opt->name);
                break;
            case VSH_OT_DATA:
                usage = g_strdup_printf(_("[--%s] <string>"), opt->name);
                break;
            case VSH_OT_ARGV:
                usage = g_strdup_printf(positional ? _("[--%s] <string>")
                                                   : _("<%s>"), opt->name);
                break;
            }
            vshPrint(ctl, "    %-15s  %s\n", usage, _(opt->help));
        }
    }
    vshPrint(ctl, "\n");
    return true;
}


static void
vshCmdGrpCommands(vshControl *ctl, const vshCmdGrp *grp)
{
    for (const vshCmdDef *def = grp->commands; def->name; def++)
        vshPrint(ctl, "    %-30s %s\n", def->name, _(def->help));
}


/**
 * vshCmdGrpHelp:
 * @ctl: the shell
 * @grp: a command group
 *
 * Prints the group's commands with their one-line help.
 *
 * Returns: true
 */
bool
vshCmdGrpHelp(vshControl *ctl, const vshCmdGrp *grp)
{
    vshPrint(ctl, _(" %s (help keyword '%s'):\n"), _(grp->name), grp->keyword);
    vshCmdGrpCommands(ctl, grp);
    vshPrint(ctl, "\n");
    return true;
}


/**
 * vshGroupsHelp:
 * @ctl: the shell
 *
 * Prints every group and its commands (the "help" command alone).
 */
void
vshGroupsHelp(vshControl *ctl)
{
    vshPrint(ctl, "%s", _("Grouped commands:\n\n"));
    for (const vshCmdGrp *grp = ctl->groups; grp->name; grp++)
        vshCmdGrpHelp(ctl, grp);
}


/**
 * vshUsageCommands:
 * @ctl: the shell
 *
 * The command part of --help's output.
 */
void
vshUsageCommands(vshControl *ctl)
{
    vshPrint(ctl, "%s", _("  commands (non interactive mode):\n\n"));
    for (const vshCmdGrp *grp = ctl->groups; grp->name; grp++) {
        vshPrint(ctl, _(" %s (help keyword '%s')\n"), _(grp->name), grp->keyword);
        vshCmdGrpCommands(ctl, grp);
        vshPrint(ctl, "\n");
    }
    vshPrint(ctl, "%s",
             _("\n  (specify help <group> for details about the commands in the group)\n"));
    vshPrint(ctl, "%s",
             _("\n  (specify help <command> for details about the command)\n\n"));
}


/* ---- Interactive mode ---- */

static vshControl *vshCompletionCtl;
static char *vshHistoryFile;

/* Readline's generator: command names for the first word of a command,
 * its option names after that. */
static const vshCmdDef *vshCompletionDef;
static const vshCmdGrp *vshCompletionGrp;
static size_t vshCompletionIndex;

static char *
vshCompletionGenerator(const char *text, int state)
{
    size_t len = strlen(text);

    if (!state) {
        vshCompletionGrp = vshCompletionCtl->groups;
        vshCompletionIndex = 0;
    }

    if (vshCompletionDef) {
        const vshCmdOptDef *opts = vshCompletionDef->opts;

        while (opts && opts[vshCompletionIndex].name) {
            const char *name = opts[vshCompletionIndex++].name;
            g_autofree char *full = g_strdup_printf("--%s", name);

            if (STRPREFIX(full, text))
                return strdup(full);
        }
        return NULL;
    }

    while (vshCompletionGrp && vshCompletionGrp->name) {
        const vshCmdDef *defs = vshCompletionGrp->commands;

        while (defs[vshCompletionIndex].name) {
            const char *name = defs[vshCompletionIndex++].name;

            if (strncmp(name, text, len) == 0)
                return strdup(name);
        }
        vshCompletionGrp++;
        vshCompletionIndex = 0;
    }
    return NULL;
}


static char **
vshCompletion(const char *text, int start, int end G_GNUC_UNUSED)
{
    g_autofree char *line = g_strndup(rl_line_buffer, start);
    const char *cmdStart = strrchr(line, ';');
    g_auto(GStrv) words = NULL;

    /* No filename completion when nothing of ours matches. */
    rl_attempted_completion_over = 1;
    vshCompletionDef = NULL;

    words = g_strsplit_set(cmdStart ? cmdStart + 1 : line, " \t", -1);
    for (size_t i = 0; words[i]; i++) {
        if (*words[i]) {
            if (!(vshCompletionDef = vshCmddefSearch(vshCompletionCtl, words[i])))
                return NULL;
            break;
        }
    }
    if (vshCompletionDef && !g_str_has_prefix(text, "-") && *text)
        return NULL;
    return rl_completion_matches(text, vshCompletionGenerator);
}


/**
 * vshReadlineInit:
 * @ctl: the shell
 *
 * Sets up line editing: completion of command and option names, and
 * the history kept in $XDG_CACHE_HOME/libvirt-grace/virsh/history
 * (at most VIRSH_HISTSIZE lines, 500 by default).
 */
void
vshReadlineInit(vshControl *ctl)
{
    const char *histsize = g_getenv("VIRSH_HISTSIZE");
    g_autofree char *dir = NULL;
    gint64 max = 500;

    vshCompletionCtl = ctl;
    rl_readline_name = "virsh";
    rl_attempted_completion_function = vshCompletion;

    if (histsize && *histsize) {
        char *end = NULL;
        gint64 n = g_ascii_strtoll(histsize, &end, 10);

        if (*end || n < 0 || n > 1000000)
            vshError(ctl, _("Bad $%s value."), "VIRSH_HISTSIZE");
        else
            max = n;
    }
    stifle_history(max);

    dir = g_build_filename(g_get_user_cache_dir(), PACKAGE, "virsh", NULL);
    vshHistoryFile = g_build_filename(dir, "history", NULL);
    if (g_mkdir_with_parents(dir, 0755) < 0) {
        vshError(ctl, _("Failed to create '%s': %s"), dir, g_strerror(errno));
        g_clear_pointer(&vshHistoryFile, g_free);
        return;
    }
    read_history(vshHistoryFile);
}


/**
 * vshReadline:
 * @ctl: the shell
 * @prompt: what to show
 *
 * Returns: the next line typed (for the caller to free), NULL at end of
 * input.  Non-empty lines are added to the history.
 */
char *
vshReadline(vshControl *ctl G_GNUC_UNUSED, const char *prompt)
{
    char *line = readline(prompt);

    if (line && *line)
        add_history(line);
    return line;
}


/**
 * vshReadlineDeinit:
 * @ctl: the shell
 *
 * Saves the history.
 */
void
vshReadlineDeinit(vshControl *ctl G_GNUC_UNUSED)
{
    if (vshHistoryFile) {
        write_history(vshHistoryFile);
        g_clear_pointer(&vshHistoryFile, g_free);
    }
    vshCompletionCtl = NULL;
}
