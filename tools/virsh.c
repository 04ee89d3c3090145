/*
 * virsh.c: the virtualization shell
 *
 *   virsh [OPTIONS]... [COMMAND_STRING]
 *   virsh [OPTIONS]... COMMAND [ARGS]...
 *
 * With no command, an interactive shell.  Options, commands, output,
 * messages and exit statuses are upstream virsh 9.0's for everything
 * this library supports; "stop" is ours.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <getopt.h>
#include <locale.h>

#include "virsh.h"


/* ---- Commands about virsh itself ---- */

static const vshCmdOptDef opts_help[] = {
    {.name = "command",
     .type = VSH_OT_STRING,
     .help = N_("Prints global help, command specific help, or help for a group of related commands"),
    },
    {.name = NULL}
};


static int
cmdHelp(vshControl *ctl, const vshCmd *cmd)
{
    const vshCmdDef *def;
    const vshCmdGrp *grp;
    const char *name = NULL;

    if (vshCommandOptStringQuiet(ctl, cmd, "command", &name) <= 0) {
        vshGroupsHelp(ctl);
        return 0;
    }
    if ((def = vshCmddefSearch(ctl, name)))
        return vshCmddefHelp(ctl, def) ? 0 : 1;
    if ((grp = vshCmdGrpSearch(ctl, name)))
        return vshCmdGrpHelp(ctl, grp) ? 0 : 1;
    vshError(ctl, _("command or command group '%s' doesn't exist"), name);
    return 1;
}


static int
cmdQuit(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    ctl->imode = false;
    return 0;
}


static const vshCmdOptDef opts_connect[] = {
    {.name = "name",
     .type = VSH_OT_STRING,
     .help = N_("hypervisor connection URI"),
    },
    {.name = "readonly",
     .type = VSH_OT_BOOL,
     .help = N_("read-only connection"),
    },
    {.name = NULL}
};


static int
cmdConnect(vshControl *ctl, const vshCmd *cmd)
{
    virshControl *priv = ctl->privData;
    bool readonly = vshCommandOptBool(cmd, "readonly");
    const char *name = NULL;
    virConnectPtr conn;

    if (vshCommandOptString(ctl, cmd, "name", &name) < 0)
        return 1;
    if (!name)
        name = priv->connname;

    /* The old connection stays until the new one is there. */
    if (!(conn = virshConnect(ctl, name, readonly))) {
        vshError(ctl, "%s", _("failed to connect to the hypervisor"));
        return 1;
    }
    if (priv->conn)
        virConnectClose(priv->conn);
    priv->conn = conn;
    if (name != priv->connname) {
        g_free(priv->connname);
        priv->connname = g_strdup(name);
    }
    priv->readonly = readonly;
    return 0;
}


static const vshCmdOptDef opts_echo[] = {
    {.name = "shell",
     .type = VSH_OT_BOOL,
     .help = N_("escape for shell use"),
    },
    {.name = "xml",
     .type = VSH_OT_BOOL,
     .help = N_("escape for XML use"),
    },
    {.name = "err",
     .type = VSH_OT_BOOL,
     .help = N_("output to stderr"),
    },
    {.name = "string",
     .type = VSH_OT_ARGV,
     .help = N_("arguments to echo"),
    },
    {.name = NULL}
};


static void
virshEscapeShell(GString *out, const char *str)
{
    if (*str && !strpbrk(str, "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~")) {
        g_string_append(out, str);
        return;
    }
    g_string_append_c(out, '\'');
    for (; *str; str++) {
        if (*str == '\'')
            g_string_append(out, "'\\''");
        else
            g_string_append_c(out, *str);
    }
    g_string_append_c(out, '\'');
}


static void
virshEscapeXML(GString *out, const char *str)
{
    for (; *str; str++) {
        switch (*str) {
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '"':
            g_string_append(out, "&quot;");
            break;
        case '\'':
            g_string_append(out, "&apos;");
            break;
        default:
            g_string_append_c(out, *str);
        }
    }
}


static int
cmdEcho(vshControl *ctl, const vshCmd *cmd)
{
    bool shell = vshCommandOptBool(cmd, "shell");
    bool xml = vshCommandOptBool(cmd, "xml");
    g_autoptr(GString) out = g_string_new(NULL);
    const vshCmdOpt *opt = NULL;

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        g_autoptr(GString) word = g_string_new(NULL);

        if (xml)
            virshEscapeXML(word, opt->data);
        else
            g_string_append(word, opt->data);
        if (out->len)
            g_string_append_c(out, ' ');
        if (shell)
            virshEscapeShell(out, word->str);
        else
            g_string_append(out, word->str);
    }

    /* No newline: the one printed after every command ends the line. */
    if (vshCommandOptBool(cmd, "err"))
        vshError(ctl, "%s", out->str);
    else
        vshPrint(ctl, "%s", out->str);
    return 0;
}


static const vshCmdDef virshCmds[] = {
    {.name = "echo",
     .handler = cmdEcho,
     .opts = opts_echo,
     .help = N_("echo arguments. Used for internal testing."),
     .desc = N_("Echo back arguments, possibly with quoting. Used for internal testing."),
    },
    {.name = "exit",
     .handler = cmdQuit,
     .help = N_("quit this interactive terminal"),
    },
    {.name = "help",
     .handler = cmdHelp,
     .opts = opts_help,
     .help = N_("print help"),
     .desc = N_("Prints global help, command specific help, or help for a\n"
                "    group of related commands"),
    },
    {.name = "quit",
     .handler = cmdQuit,
     .help = N_("quit this interactive terminal"),
    },
    {.name = "connect",
     .handler = cmdConnect,
     .opts = opts_connect,
     .help = N_("(re)connect to hypervisor"),
     .desc = N_("Connect to local hypervisor. This is built-in command after shell start up."),
    },
    {.name = NULL}
};

static const vshCmdGrp cmdGroups[] = {
    {N_("Domain Management"), "domain", domManagementCmds},
    {N_("Domain Monitoring"), "monitor", domMonitoringCmds},
    {N_("Domain Events"), "events", domEventCmds},
    {N_("Host and Hypervisor"), "host", hostAndHypervisorCmds},
    {N_("Virsh itself"), "virsh", virshCmds},
    {NULL, NULL, NULL}
};


/* ---- Start-up ---- */

static void
virshUsage(vshControl *ctl)
{
    vshPrint(ctl, _("\n"
                    "%s [options]... [<command_string>]\n"
                    "%s [options]... <command> [args...]\n"
                    "\n"
                    "  options:\n"
                    "    -c | --connect=URI      hypervisor connection URI\n"
                    "    -d | --debug=NUM        debug level [0-4]\n"
                    "    -h | --help             this help\n"
                    "    -q | --quiet            quiet mode\n"
                    "    -r | --readonly         connect readonly\n"
                    "    -t | --timing           print timing information\n"
                    "    -v                      short version\n"
                    "    -V                      long version\n"
                    "         --version[=TYPE]   version, TYPE is short or long (default short)\n"),
             ctl->progname, ctl->progname);
    vshUsageCommands(ctl);
}


static void
virshShowVersion(vshControl *ctl)
{
    vshPrint(ctl, _("Virsh command line tool of libvirt %s\n"), PACKAGE_VERSION);
    vshPrint(ctl, _("See web site at %s\n\n"), "https://libvirt.org/");
    vshPrint(ctl, "%s", _("Compiled with support for:\n"));
    vshPrint(ctl, "%s", _(" Hypervisors:"));
    vshPrint(ctl, " QEMU/KVM");
    vshPrint(ctl, "\n");
    vshPrint(ctl, "%s", _(" Networking:"));
    vshPrint(ctl, "\n");
    vshPrint(ctl, "%s", _(" Storage:"));
    vshPrint(ctl, "\n");
    vshPrint(ctl, "%s", _(" Miscellaneous:"));
    vshPrint(ctl, " Readline");
    vshPrint(ctl, "\n");
}


static bool
virshSetDebug(vshControl *ctl, const char *str)
{
    char *end = NULL;
    long long level;

    errno = 0;
    level = strtoll(str, &end, 10);
    if (errno || end == str || *end || level < G_MININT || level > G_MAXINT) {
        vshError(ctl, _("option %s takes a numeric argument"), "-d");
        return false;
    }
    if (level < VSH_ERR_DEBUG || level > VSH_ERR_ERROR)
        vshError(ctl, _("ignoring debug level %lld out of range [%d-%d]"), level,
                 VSH_ERR_DEBUG, VSH_ERR_ERROR);
    else
        ctl->debug = level;
    return true;
}


/* Returns: -1 to go on, else the exit status to end with. */
static int
virshParseArgv(vshControl *ctl, int argc, char **argv)
{
    virshControl *priv = ctl->privData;
    static const struct option opts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "debug", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { "quiet", no_argument, NULL, 'q' },
        { "readonly", no_argument, NULL, 'r' },
        { "timing", no_argument, NULL, 't' },
        { "version", optional_argument, NULL, 'v' },
        { NULL, 0, NULL, 0 },
    };
    int arg;

    /* '+': options end at the command; ':': report missing arguments
     * ourselves. */
    while ((arg = getopt_long(argc, argv, "+:c:d:hqrtvV", opts, NULL)) != -1) {
        switch (arg) {
        case 'c':
            g_free(priv->connname);
            priv->connname = g_strdup(optarg);
            break;
        case 'd':
            if (!virshSetDebug(ctl, optarg))
                return EXIT_FAILURE;
            break;
        case 'h':
            virshUsage(ctl);
            return EXIT_SUCCESS;
        case 'q':
            ctl->quiet = true;
            break;
        case 'r':
            priv->readonly = true;
            break;
        case 't':
            ctl->timing = true;
            break;
        case 'v':
            if (STRNEQ_NULLABLE(optarg, "long")) {
                vshPrint(ctl, "%s\n", PACKAGE_VERSION);
                return EXIT_SUCCESS;
            }
            G_GNUC_FALLTHROUGH;
        case 'V':
            virshShowVersion(ctl);
            return EXIT_SUCCESS;
        case ':': {
            /* Every option that takes an argument has a long name. */
            const struct option *o = opts;

            while (o->val != optopt)
                o++;
            vshError(ctl, _("option '-%c'/'--%s' requires an argument"),
                     optopt, o->name);
            return EXIT_FAILURE;
        }
        case '?':
        default:
            if (optopt)
                vshError(ctl, _("unsupported option '-%c'. See --help."), optopt);
            else
                vshError(ctl, _("unsupported option '%s'. See --help."),
                         argv[optind - 1]);
            return EXIT_FAILURE;
        }
    }

    if (argc > optind) {
        bool ok;

        ctl->imode = false;
        if (argc - optind == 1) {
            vshDebug(ctl, VSH_ERR_INFO, "commands: \"%s\"\n", argv[optind]);
            ok = vshCommandStringParse(ctl, argv[optind]);
        } else {
            ok = vshCommandArgvParse(ctl, argc - optind, argv + optind);
        }
        if (!ok) {
            if (ctl->failedDef && (ctl->failedDef->flags & VSH_CMD_FLAG_USAGE_EXIT2))
                return 2;
            return EXIT_FAILURE;
        }
    }
    return -1;
}


static void
virshInteractive(vshControl *ctl)
{
    virshControl *priv = ctl->privData;

    vshReadlineInit(ctl);
    if (!ctl->quiet) {
        vshPrint(ctl, _("Welcome to %s, the virtualization interactive terminal.\n\n"),
                 ctl->progname);
        vshPrint(ctl, "%s", _("Type:  'help' for help with commands\n"
                              "       'quit' to quit\n\n"));
    }
    while (ctl->imode) {
        g_autofree char *line = vshReadline(ctl, priv->readonly ? VIRSH_PROMPT_RO
                                                                : VIRSH_PROMPT_RW);

        if (!line)
            break;
        if (*line && vshCommandStringParse(ctl, line))
            vshCommandRun(ctl, ctl->cmd);
        fflush(stdout);
    }
    /* The line break after the last prompt (or "quit"). */
    fputc('\n', stdout);
    vshReadlineDeinit(ctl);
}


int
main(int argc, char **argv)
{
    virshControl priv = { 0 };
    vshControl ctl = {
        .groups = cmdGroups,
        .imode = true,
        .debug = VSH_DEBUG_DEFAULT,
        .reportError = virshReportError,
        .privData = &priv,
    };
    g_autofree char *progname = g_path_get_basename(argv[0]);
    const char *env;
    int ret;

    setlocale(LC_ALL, "");
    ctl.progname = progname;

    /* virsh's messages are in the library's catalogue, which the library
     * binds where it finds it installed (also in a staged copy of the
     * installed tree): initialize it before anything is said. */
    if (virInitialize() < 0) {
        vshError(&ctl, "%s", _("Failed to initialize libvirt"));
        return EXIT_FAILURE;
    }
    textdomain(GETTEXT_PACKAGE);
    if ((env = g_getenv("VIRSH_DEBUG"))) {
        char *end = NULL;
        long long level;

        errno = 0;
        level = strtoll(env, &end, 10);
        /* Not fatal, as upstream: the command still runs. */
        if (errno || end == env || *end || level < VSH_ERR_DEBUG ||
            level > VSH_ERR_ERROR)
            vshError(&ctl, _("%s_DEBUG not set with a valid numeric value"), "VIRSH");
        else
            ctl.debug = level;
    }
    /* Upstream's older name for a default; -c wins over it, and it over
     * LIBVIRT_DEFAULT_URI (which the library reads). */
    if ((env = g_getenv("VIRSH_DEFAULT_CONNECT_URI")) && *env)
        priv.connname = g_strdup(env);

    if ((ret = virshParseArgv(&ctl, argc, argv)) >= 0)
        goto cleanup;

    if (!(priv.conn = virshConnect(&ctl, priv.connname, priv.readonly))) {
        vshError(&ctl, "%s", _("failed to connect to the hypervisor"));
        virshReportError(&ctl);
        ret = EXIT_FAILURE;
        goto cleanup;
    }

    if (!ctl.imode) {
        ret = vshCommandRun(&ctl, ctl.cmd);
    } else {
        virshInteractive(&ctl);
        ret = EXIT_SUCCESS;
    }

 cleanup:
    vshCommandFree(ctl.cmd);
    if (priv.conn && virConnectClose(priv.conn) < 0)
        vshError(&ctl, "%s", _("Failed to disconnect from the hypervisor"));
    g_free(priv.connname);
    fflush(stdout);
    return ret;
}
