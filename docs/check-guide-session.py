#!/usr/bin/env python3
# check-guide-session.py: does the guide's virsh session print what the
# guide says it prints?
#
#   check-guide-session.py GUIDE.rst BINDIR
#
# The literal block after ".. test-file: NAME" is saved as NAME in a
# scratch directory; the one after ".. test-session" is replayed there:
# each "$ COMMAND" line runs in bash (with BINDIR first in PATH and the
# embedded driver's root moved into the scratch directory), and what it
# prints must be the lines the guide shows under it.  QEMU runs for
# real; whatever the session started is destroyed and reaped at the
# end.  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile

PR_SET_CHILD_SUBREAPER = 36
GUIDE_ROOT = "/tmp/vms"


def literal_after(lines, marker):
    """The literal block that follows the comment @marker, unindented,
    or None."""
    for i, line in enumerate(lines):
        if line.strip() == marker:
            j = i + 1
            while j < len(lines) and lines[j].strip() in ("", "::"):
                j += 1
            block = []
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith("    ")):
                block.append(lines[j][4:])
                j += 1
            while block and not block[-1].strip():
                block.pop()
            return block
    return None


def session_steps(block):
    """[(command, expected output lines)] of a "$ command" transcript;
    blank lines at the end of each output do not count."""
    steps = []
    for line in block:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return [(cmd, "\n".join(out).rstrip()) for cmd, out in steps]


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main():
    guide, bindir = sys.argv[1:3]
    with open(guide, encoding="utf-8") as f:
        lines = f.read().splitlines()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

    n = 0
    failed = 0

    def result(ok, name, details=()):
        nonlocal n, failed
        n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
        if not ok:
            failed += 1
            for d in details:
                for l in str(d).splitlines():
                    print("# " + l)

    files = {}
    for i, line in enumerate(lines):
        m = re.match(r"^\.\. test-file: (\S+)$", line)
        if m:
            files[m.group(1)] = literal_after(lines, line.strip())
    block = literal_after(lines, ".. test-session")
    if not block or not files:
        result(False, "the guide has a session to replay and its files")
        print("1..%d" % n)
        return 1

    scratch = tempfile.mkdtemp(prefix="guide-session-")
    root = os.path.join(scratch, "vms")
    env = dict(os.environ)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env.pop("LIBVIRT_DEFAULT_URI", None)
    script = []
    try:
        for name, content in files.items():
            with open(os.path.join(scratch, name), "w") as f:
                f.write("\n".join(content) + "\n")
        for cmd, expected in session_steps(block):
            script.append(cmd.replace(GUIDE_ROOT, root))
            # Each step replays the ones before it silently, so that
            # exports carry over, then runs its own.
            prologue = "".join("%s >/dev/null 2>&1\n" % c for c in script[:-1]
                               if c.startswith("export "))
            proc = subprocess.run(["bash", "-c", prologue + script[-1]], cwd=scratch,
                                  env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            actual = proc.stdout.rstrip()
            result(proc.returncode == 0 and actual == expected,
                   "$ %s" % cmd,
                   ["status %d" % proc.returncode, "expected:", expected,
                    "actual:", actual])
    finally:
        uri = "qemu:///embed?root=%s" % root
        for cmd in (["virsh", "-c", uri, "destroy", "demo"],
                    ["virsh", "-c", uri, "undefine", "demo"]):
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        reap()
        shutil.rmtree(scratch, ignore_errors=True)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
