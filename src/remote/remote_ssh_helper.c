/*
 * remote_ssh_helper.c: virt-ssh-helper, the far end of qemu+ssh://
 *
 * A client that reaches a host over ssh (upstream's or ours) runs, on
 * that host, "virt-ssh-helper [-r] URI" when it finds one in PATH, and
 * expects its standard input and output to become a connection to the
 * daemon serving URI.  This one connects to virtqemud's socket for the
 * URI (read-only with -r) and relays bytes both ways until either side
 * hangs up.  It never looks inside the bytes: the daemon does, as it
 * does for any local client, and sees the ssh user's credentials.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <getopt.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include "internal.h"
#include "virfile.h"
#include "virgettext.h"

#define RELAY_BUF 65536


static void
helperUsage(FILE *out, const char *argv0)
{
    fprintf(out,
            _("\nUsage:\n  %1$s [options] URI\n\n"
              "Relays standard input and output to the daemon serving URI\n"
              "(qemu:///system or qemu:///session).\n\n"
              "Options:\n"
              "  -r | --readonly        Connect to the read-only socket\n"
              "  -h | --help            Display program help\n"
              "  -V | --version         Display version information\n\n"),
            argv0);
}


/* The socket of the daemon serving @uri, or NULL with a message
 * printed for a URI this host's daemon does not serve. */
static char *
helperSocketPath(const char *uri, bool readonly)
{
    const char *name = readonly ? "virtqemud-sock-ro" : "virtqemud-sock";
    g_autoptr(GUri) parsed = g_uri_parse(uri, G_URI_FLAGS_NONE, NULL);
    const char *scheme = parsed ? g_uri_get_scheme(parsed) : NULL;
    const char *path = parsed ? g_uri_get_path(parsed) : NULL;
    const char *host = parsed ? g_uri_get_host(parsed) : NULL;

    if (!parsed || STRNEQ_NULLABLE(scheme, "qemu") || (host && *host)) {
        fprintf(stderr, _("virt-ssh-helper: unsupported URI '%1$s': this host serves qemu:///system and qemu:///session\n"),
                uri);
        return NULL;
    }
    if (STREQ_NULLABLE(path, "/system"))
        return g_build_filename(RUNSTATEDIR, PACKAGE, name, NULL);
    if (STREQ_NULLABLE(path, "/session"))
        return g_build_filename(g_get_user_runtime_dir(), PACKAGE, name, NULL);
    fprintf(stderr, _("virt-ssh-helper: unsupported URI '%1$s': this host serves qemu:///system and qemu:///session\n"),
            uri);
    return NULL;
}


/* Copies what is there from @from to @to.  Returns the bytes copied,
 * 0 at the end of @from, -1 on an error. */
static ssize_t
helperCopy(int from, int to, char *buf)
{
    ssize_t n;
    ssize_t done = 0;

    do {
        n = read(from, buf, RELAY_BUF);
    } while (n < 0 && errno == EINTR);
    if (n <= 0)
        return n;
    while (done < n) {
        ssize_t w = write(to, buf + done, n - done);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += w;
    }
    return n;
}


int
main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "readonly", no_argument, NULL, 'r' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    g_autofree char *path = NULL;
    g_autofree char *buf = NULL;
    bool readonly = false;
    bool inOpen = true;
    int fd;
    int c;

    setlocale(LC_ALL, "");
    {
        g_autofree char *localedir = virGettextLocaleDir((const void *)main);

        bindtextdomain(GETTEXT_PACKAGE, localedir);
        bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    }
    signal(SIGPIPE, SIG_IGN);

    while ((c = getopt_long(argc, argv, "rhV", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            readonly = true;
            break;
        case 'h':
            helperUsage(stdout, argv[0]);
            return 0;
        case 'V':
            printf("virt-ssh-helper (%s) %s\n", PACKAGE, PACKAGE_VERSION);
            return 0;
        default:
            helperUsage(stderr, argv[0]);
            return 2;
        }
    }
    if (optind != argc - 1) {
        helperUsage(stderr, argv[0]);
        return 2;
    }
    if (!(path = helperSocketPath(argv[optind], readonly)))
        return 1;
    if ((fd = virFileConnectUnixSocket(path)) < 0) {
        fprintf(stderr, _("virt-ssh-helper: Failed to connect socket to '%1$s': %2$s\n"),
                path, g_strerror(errno));
        return 1;
    }

    buf = g_malloc(RELAY_BUF);
    for (;;) {
        struct pollfd pfd[2] = {
            { .fd = fd, .events = POLLIN },
            { .fd = inOpen ? STDIN_FILENO : -1, .events = POLLIN },
        };

        if (poll(pfd, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return 1;
        }
        if (pfd[0].revents) {
            ssize_t n = helperCopy(fd, STDOUT_FILENO, buf);

            /* The daemon hung up (CONNECT_CLOSE answered): so do we. */
            if (n <= 0)
                return n < 0 ? 1 : 0;
        }
        if (inOpen && pfd[1].revents) {
            ssize_t n = helperCopy(STDIN_FILENO, fd, buf);

            if (n < 0)
                return 1;
            if (n == 0) {
                /* The client is done sending; the daemon may still be
                 * answering. */
                shutdown(fd, SHUT_WR);
                inOpen = false;
            }
        }
    }
}
