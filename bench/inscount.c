/*
 * inscount.c: counts the instructions a program executes between two
 * markers, by single-stepping it with ptrace
 *
 * The repeatable measure issue 6 asks for, where the usual tools cannot
 * give it: this machine has no hardware counters (perf stat says "not
 * supported") and Debian 12's valgrind 3.19 does not know pidfd_open,
 * which our driver needs.  Single-stepping every thread of the program
 * counts the user-space instructions it executes (a system call counts
 * as one instruction, the kernel's work not at all; a `rep` string
 * instruction counts once per iteration); children it forks (QEMU) are
 * not followed.  Slow (tens of microseconds a step here), repeatable to
 * a fraction of a percent.
 *
 *   inscount [--peer P] [--metric M] -- PROGRAM ARG...
 *
 * The program marks the span to count by raising SIGUSR2 at its start
 * and again at its end (benchclient's cycle mode does, with SIGUSR2
 * ignored, so that it costs nothing when not traced).  Outside the span
 * the program runs at full speed.  Prints one JSON line, like
 * benchclient's, with the count; exits with the program's status.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

static bool counting;
static unsigned long long counted;
static GHashTable *threads;


static void
insResume(pid_t tid, int sig)
{
    if (ptrace(counting ? PTRACE_SINGLESTEP : PTRACE_CONT, tid, NULL,
               (void *)(long)sig) < 0 && errno != ESRCH)
        g_printerr("inscount: cannot resume %d: %s\n", tid, g_strerror(errno));
}


/* Stops every other thread so that it resumes single-stepping. */
static void
insInterruptOthers(pid_t self)
{
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init(&iter, threads);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        pid_t tid = GPOINTER_TO_INT(key);

        if (tid != self)
            ptrace(PTRACE_INTERRUPT, tid, NULL, NULL);
    }
}


int
main(int argc, char **argv)
{
    g_autofree char *peer = NULL;
    g_autofree char *metric = NULL;
    GOptionEntry entries[] = {
        { "peer", 0, 0, G_OPTION_ARG_STRING, &peer, "label of the result (default ours)", "P" },
        { "metric", 0, 0, G_OPTION_ARG_STRING, &metric, "name of the result (default instructions)", "M" },
        { NULL },
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("-- PROGRAM ARG...");
    g_autoptr(GError) error = NULL;
    int marks = 0;
    int exitStatus = 1;
    pid_t child;
    int status;

    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc < 2) {
        g_printerr("%s\n", error ? error->message : "usage: inscount [OPTION...] -- PROGRAM ARG...");
        return 2;
    }
    if (g_str_equal(argv[1], "--")) {
        argv++;
        argc--;
    }

    if ((child = fork()) < 0)
        return 1;
    if (child == 0) {
        /* Wait here to be seized, then become the program. */
        raise(SIGSTOP);
        execvp(argv[1], argv + 1);
        g_printerr("inscount: cannot run %s: %s\n", argv[1], g_strerror(errno));
        _exit(127);
    }
    if (waitpid(child, &status, WSTOPPED) < 0 || !WIFSTOPPED(status) ||
        ptrace(PTRACE_SEIZE, child, NULL,
               (void *)(long)(PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
                              PTRACE_O_EXITKILL)) < 0) {
        g_printerr("inscount: cannot trace %s: %s\n", argv[1], g_strerror(errno));
        kill(child, SIGKILL);
        return 1;
    }
    threads = g_hash_table_new(NULL, NULL);
    g_hash_table_add(threads, GINT_TO_POINTER(child));
    kill(child, SIGCONT);

    while (g_hash_table_size(threads) > 0) {
        pid_t tid = waitpid(-1, &status, __WALL);
        int sig, event;

        if (tid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            g_hash_table_remove(threads, GINT_TO_POINTER(tid));
            if (tid == child)
                exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            continue;
        }
        if (!WIFSTOPPED(status))
            continue;
        g_hash_table_add(threads, GINT_TO_POINTER(tid));
        sig = WSTOPSIG(status);
        event = status >> 16;

        if (event == PTRACE_EVENT_CLONE || event == PTRACE_EVENT_EXEC) {
            unsigned long msg = 0;

            if (event == PTRACE_EVENT_CLONE &&
                ptrace(PTRACE_GETEVENTMSG, tid, NULL, &msg) == 0)
                g_hash_table_add(threads, GINT_TO_POINTER((pid_t)msg));
            insResume(tid, 0);
        } else if (event == PTRACE_EVENT_STOP) {
            /* A new thread's first stop, an interrupt, or a group stop
             * (SIGSTOP and friends, which this program does not use). */
            insResume(tid, 0);
        } else if (sig == SIGTRAP) {
            if (counting)
                counted++;
            insResume(tid, 0);
        } else if (sig == SIGUSR2) {
            marks++;
            counting = !counting;
            if (counting)
                insInterruptOthers(tid);
            insResume(tid, 0);
        } else {
            /* The program's own signals (SIGCHLD from QEMU, ...). */
            insResume(tid, sig == SIGSTOP ? 0 : sig);
        }
    }

    if (marks != 2) {
        g_printerr("inscount: expected 2 SIGUSR2 marks from the program, saw %d\n", marks);
        return exitStatus ? exitStatus : 1;
    }
    printf("{\"peer\": \"%s\", \"kind\": \"samples\", \"metric\": \"%s\", \"unit\": \"instructions\", \"samples\": [%llu]}\n",
           peer ? peer : "ours", metric ? metric : "instructions", counted);
    g_printerr("[%s] %llu instructions between the marks\n", peer ? peer : "ours", counted);
    return exitStatus;
}
