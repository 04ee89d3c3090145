#!/usr/bin/env python3
# bashcompletiontest.py: virsh's bash completion, driven as bash drives it
#
# Each case sets COMP_WORDS and COMP_CWORD as bash would for a command
# line, calls the completion function on build/tools/virsh, and compares
# COMPREPLY with what virsh itself says is right: its commands, a
# command's options, the domains defined on the connection the line
# names.  A last case loads the script through bash-completion's own
# loader, as an installed completion is found.  Prints TAP.
#
# Environment: VIRSH (the virsh to complete), COMPLETION (the script).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shlex
import shutil
import subprocess
import sys
import tempfile

VIRSH = os.environ["VIRSH"]
COMPLETION = os.environ["COMPLETION"]
LOADER = "/usr/share/bash-completion/bash_completion"

n = 0
failed = 0


def result(ok, name, details=()):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
    if not ok:
        failed += 1
        for d in details:
            for line in str(d).splitlines():
                print("# " + line)
    sys.stdout.flush()


def complete(words, env):
    """COMPREPLY for a command line whose last word is being completed
    (an empty last word: completing after a space)."""
    words = [VIRSH] + words
    script = ("source %s\n"
              "COMP_WORDS=(%s)\n"
              "COMP_CWORD=%d\n"
              "COMP_LINE=%s\n"
              "COMP_POINT=${#COMP_LINE}\n"
              "_virsh\n"
              "printf '%%s\\n' \"${COMPREPLY[@]}\"\n"
              % (shlex.quote(COMPLETION), " ".join(shlex.quote(w) for w in words),
                 len(words) - 1, shlex.quote(" ".join(words))))
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return sorted(l for l in proc.stdout.splitlines() if l), proc.stderr


def virsh(args, env):
    proc = subprocess.run([VIRSH] + args, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def check(name, words, expected, env):
    actual, err = complete(words, env)
    expected = sorted(expected)
    result(actual == expected, name,
           ["line: virsh %s" % " ".join(words), "expected: %s" % expected,
            "actual:   %s" % actual, err])


def main():
    scratch = tempfile.mkdtemp(prefix="bashcompletiontest-")
    try:
        root = os.path.join(scratch, "root")
        other = os.path.join(scratch, "other")
        uri = "qemu:///embed?root=" + root
        env = dict(os.environ, LIBVIRT_DEFAULT_URI=uri, LC_ALL="C")
        for name, where in (("alpha", root), ("beta", root), ("bravo", root),
                            ("zulu", other)):
            path = os.path.join(scratch, name + ".xml")
            with open(path, "w") as f:
                f.write("<domain type='qemu'><name>%s</name>"
                        "<memory unit='MiB'>64</memory>"
                        "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                        "</domain>\n" % name)
            rc, out, err = virsh(["-c", "qemu:///embed?root=" + where, "define", path], env)
            if rc != 0:
                print("Bail out! cannot define %s: %s" % (name, err))
                return 1

        rc, out, _ = virsh(["help"], env)
        commands = [l.split()[0] for l in out.splitlines()
                    if l.startswith("    ") and not l.startswith("     ")]
        result(len(commands) > 10, "virsh help lists commands", [out])

        check("virsh <TAB>: every command", [""], commands, env)
        check("virsh st<TAB>: the commands that start so", ["st"],
              [c for c in commands if c.startswith("st")], env)
        check("virsh help des<TAB>: commands", ["help", "des"], ["destroy"], env)
        check("virsh --con<TAB>: global options", ["--con"], ["--connect"], env)
        check("virsh -c URI <TAB>: commands after a global option with a value",
              ["-c", uri, "li"], ["list"], env)
        check("virsh destroy --<TAB>: its options",
              ["destroy", "--"], ["--domain", "--graceful", "--remove-logs"], env)
        check("virsh destroy --graceful --<TAB>: those not given yet",
              ["destroy", "--graceful", "--"], ["--domain", "--remove-logs"], env)
        check("virsh destroy <TAB>: the domains of the default URI",
              ["destroy", ""], ["alpha", "beta", "bravo"], env)
        check("virsh destroy b<TAB>: the domains that start so",
              ["destroy", "b"], ["beta", "bravo"], env)
        check("virsh destroy --domain <TAB>: domains for the named option",
              ["destroy", "--domain", ""], ["alpha", "beta", "bravo"], env)
        check("virsh destroy alpha <TAB>: nothing positional is left",
              ["destroy", "alpha", ""], [], env)
        check("virsh -c URI start <TAB>: the domains of the URI on the line",
              ["-c", "qemu:///embed?root=" + other, "start", ""], ["zulu"], env)
        check("virsh --connect=URI start <TAB>: the same, written with =",
              ["--connect=qemu:///embed?root=" + other, "start", ""], ["zulu"], env)
        check("virsh shutdown alpha --mode <TAB>: the values its help lists",
              ["shutdown", "alpha", "--mode", ""],
              ["acpi", "agent", "initctl", "signal", "paravirt"], env)
        check("virsh stop alpha --t<TAB>", ["stop", "alpha", "--t"], ["--timeout"], env)

        os.makedirs(os.path.join(scratch, "files"))
        for f in ("demo.xml", "other.xml"):
            open(os.path.join(scratch, "files", f), "w").close()
        check("virsh define <TAB>: file names",
              ["define", os.path.join(scratch, "files", "d")],
              [os.path.join(scratch, "files", "demo.xml")], env)

        if os.path.exists(LOADER):
            user = os.path.join(scratch, "user")
            os.makedirs(os.path.join(user, "completions"))
            shutil.copyfile(COMPLETION, os.path.join(user, "completions", "virsh"))
            script = ("source %s\n__load_completion virsh\ncomplete -p virsh\n"
                      % shlex.quote(LOADER))
            proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script],
                                  env=dict(env, BASH_COMPLETION_USER_DIR=user),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
            result(proc.stdout.strip() == "complete -F _virsh virsh",
                   "bash-completion's loader finds it in a completions directory",
                   [proc.stdout, proc.stderr])
        else:
            print("ok %d # SKIP %s is not installed" % (n + 1, LOADER))
            globals()["n"] += 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
