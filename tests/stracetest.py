#!/usr/bin/env python3
#
# stracetest.py: the work one virsh command does, counted in system calls
#
# A domain's files are read once per process (the driver holds its
# domains in memory), its QEMU is pinned once and signalled once: one
# `virsh destroy --graceful` of an idle guest on an embedded root opens
# the definition and the status file at most once each, calls
# pidfd_open once and sends one SIGTERM (and never SIGKILL).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from virshtestutils import (VIRSH, become_subreaper, domain_xml,  # noqa: E402
                            environ, main_guard, make_root, remove_tree,
                            run_cases, wait_gone)

UUID = "4e1b7c2d-8a35-4f60-b9d1-3c7e2a5f9b08"


def virsh(uri, *args):
    return subprocess.run([VIRSH, "-c", uri] + list(args), env=environ(),
                          capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def status_pid(root, name):
    with open(os.path.join(root, "run", "qemu", f"{name}.xml")) as f:
        m = re.search(r" pid='(\d+)'", f.read())
    return int(m.group(1)) if m else 0


def traced(uri, *args):
    """Runs virsh under strace; returns (completed, the trace's lines)."""
    root = uri.split("root=", 1)[1]
    trace = os.path.join(root, "trace")
    # LeakSanitizer (./run sanitize) cannot work under ptrace.
    env = environ({"ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"})
    r = subprocess.run(["strace", "-f", "-qq", "-o", trace,
                        "-e", "trace=openat,open,pidfd_open,pidfd_send_signal,kill,tgkill",
                        VIRSH, "-c", uri] + list(args),
                       env=env, capture_output=True, text=True, timeout=120,
                       stdin=subprocess.DEVNULL)
    with open(trace) as f:
        lines = f.read().splitlines()
    return r, lines


def opens_of(lines, name):
    """The successful opens of @name (any directory), as (dirfd, flags)."""
    out = []
    pat = re.compile(r'openat\((\w+), "(?:[^"]*/)?' + re.escape(name) + r'", ([A-Z_|]+)[^=]*= (\d+)')
    for line in lines:
        m = pat.search(line)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def check_destroy_graceful():
    if not shutil.which("strace"):
        return "strace is not installed (Debian package strace)"
    root = make_root()
    uri = f"qemu:///embed?root={root}"
    xml = os.path.join(root, "idle.xml")
    pid = 0
    try:
        with open(xml, "w") as f:
            f.write(domain_xml("idle", UUID))
        for args in (("define", xml), ("start", "idle")):
            r = virsh(uri, *args)
            if r.returncode != 0:
                return f"virsh {' '.join(args)}: {r.stderr.strip()}"
        pid = status_pid(root, "idle")
        r, lines = traced(uri, "destroy", "--graceful", "idle")
        if r.returncode != 0:
            return f"the graceful destroy failed: {r.stderr.strip()}"
        problems = []
        reads = [o for o in opens_of(lines, "idle.xml") if "O_RDONLY" in o[1]]
        per_dir = {}
        for dirfd, _ in reads:
            per_dir[dirfd] = per_dir.get(dirfd, 0) + 1
        if len(per_dir) != 2 or any(n != 1 for n in per_dir.values()):
            problems.append(f"idle.xml read {len(reads)} times from {per_dir} "
                            "(the definition and the status file, once each)")
        pidfd_opens = [ln for ln in lines if "pidfd_open(" in ln and "= -1" not in ln]
        if len(pidfd_opens) != 1:
            problems.append(f"{len(pidfd_opens)} pidfd_open calls: {pidfd_opens}")
        terms = [ln for ln in lines if re.search(r"(pidfd_send_signal|kill)\(.*SIGTERM", ln)]
        kills = [ln for ln in lines if "SIGKILL" in ln and "pidfd_send_signal" in ln]
        if len(terms) != 1:
            problems.append(f"{len(terms)} SIGTERMs: {terms}")
        if kills:
            problems.append(f"SIGKILL sent: {kills}")
        if not wait_gone(pid, 10):
            problems.append(f"QEMU {pid} still runs")
        return "; ".join(problems)
    finally:
        if pid:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
            wait_gone(pid, 5)
        remove_tree(root)


def main():
    become_subreaper()
    return run_cases({
        "one graceful destroy: each file read once, one pidfd_open, one SIGTERM":
            check_destroy_graceful,
    }, jobs=1)


if __name__ == "__main__":
    main_guard(main)
