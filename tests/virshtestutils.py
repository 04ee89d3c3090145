#
# virshtestutils.py: what the virsh tests share: running virsh,
# transcripts, normalization, process hygiene and TAP output
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import concurrent.futures
import ctypes
import difflib
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

PR_SET_CHILD_SUBREAPER = 36

SRCDIR = os.environ.get("abs_srcdir", os.path.dirname(os.path.abspath(__file__)))
BUILDDIR = os.environ.get("abs_builddir", os.getcwd())
VIRSH = os.environ.get("VIRSH", os.path.join(BUILDDIR, "..", "tools", "virsh"))
UPSTREAM_VIRSH = "/usr/bin/virsh"
QEMU = "/usr/bin/qemu-system-x86_64"

# The timeouts every scenario's driver uses, so that fault paths take a
# fraction of a second.
QEMU_CONF = ("destroy_term_timeout = 0.5\n"
             "destroy_kill_timeout = 1\n"
             "destroy_graceful_timeout = 0.4\n"
             "job_wait_timeout = 0.5\n")


def regenerate():
    return os.environ.get("VIR_TEST_REGENERATE_OUTPUT", "") == "1"


def become_subreaper():
    """QEMU detaches from virsh; as subreaper we inherit (and reap) it."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def proc_stat(pid):
    """(comm, state, ppid) of a process, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
    except OSError:
        return None
    comm = data[data.index("(") + 1:data.rindex(")")]
    fields = data[data.rindex(")") + 2:].split()
    return comm, fields[0], int(fields[1])


def proc_cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def qemu_children(marker=None):
    """QEMU processes handed to us (we are their subreaper), optionally
    only those whose command line contains @marker: [(pid, state)]."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        st = proc_stat(int(entry))
        if not st or st[2] != os.getpid() or not st[0].startswith("qemu-system"):
            continue
        if marker and marker not in proc_cmdline(int(entry)):
            continue
        out.append((int(entry), st[1]))
    return out


def reap(pid):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def wait_gone(pid, timeout=5.0):
    """Waits for @pid to exit (every thread: its pidfd turns readable;
    /proc shows the leader a zombie before that) and reaps it; True if
    it did."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
    finally:
        os.close(fd)
    if not ready:
        return False
    reap(pid)
    return True


def cleanup_qemus(marker):
    """Kills and reaps the QEMUs of one scenario.  Returns the pids of
    those that were still running (a leak the scenario must answer
    for)."""
    leaked = []
    for pid, state in qemu_children(marker):
        if state not in ("Z", "X"):
            leaked.append(pid)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        wait_gone(pid)
    return leaked


def reap_all_qemus():
    for pid, _ in qemu_children():
        wait_gone(pid, 1.0)


def render_stream(prefix, data):
    if not data:
        return ""
    lines = data.split("\n")
    out = "".join(f"{prefix}|{line}\n" for line in lines[:-1])
    if lines[-1]:
        out += f"{prefix}|{lines[-1]}\n{prefix}\\ (no newline at end)\n"
    return out


class Failure(Exception):
    pass


class TAP:
    """Prints a TAP stream; cases may finish in any order."""

    def __init__(self, total):
        self.total = total
        self.n = 0
        self.failed = 0
        print(f"1..{total}", flush=True)

    def result(self, name, ok, diag=""):
        self.n += 1
        if not ok:
            self.failed += 1
        for line in diag.rstrip("\n").split("\n") if diag else []:
            print(f"# {line}")
        print(f"{'ok' if ok else 'not ok'} {self.n} - {name}", flush=True)


def compare_golden(path, actual):
    """Compares @actual with the golden file (rewriting it when asked).
    Returns a diff, empty when they match."""
    if regenerate():
        with open(path, "w") as f:
            f.write(actual)
        return ""
    try:
        with open(path) as f:
            expected = f.read()
    except FileNotFoundError:
        return f"{path} is missing (run with VIR_TEST_REGENERATE_OUTPUT=1)\n"
    if expected == actual:
        return ""
    return "".join(difflib.unified_diff(expected.splitlines(True),
                                        actual.splitlines(True),
                                        path, "actual"))


def run_cases(cases, jobs=4):
    """Runs {name: callable} (each returns a diagnostic string, empty on
    success, or raises), in parallel; prints TAP.  Returns the exit
    status.  TEST_ONLY=TEXT in the environment runs only the cases
    whose name contains TEXT (a developer's aid; CI runs them all)."""
    only = os.environ.get("TEST_ONLY")
    if only:
        cases = {name: fn for name, fn in cases.items() if only in name}
    tap = TAP(len(cases))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(fn): name for name, fn in cases.items()}
        for fut in concurrent.futures.as_completed(futures):
            name = futures[fut]
            try:
                diag = fut.result()
            except Failure as e:
                diag = str(e) or "failed"
            except Exception:
                diag = traceback.format_exc()
            if diag.startswith("# SKIP"):
                tap.result(f"{name} {diag}", True)
            else:
                tap.result(name, not diag, diag)
    reap_all_qemus()
    return 1 if tap.failed else 0


def make_root(qemu_conf=QEMU_CONF):
    """A new embedded-driver root (short path: QEMU's monitor socket
    lives under it)."""
    root = tempfile.mkdtemp(prefix="lvgsh-", dir="/tmp")
    os.makedirs(os.path.join(root, "etc"))
    if qemu_conf is not None:
        with open(os.path.join(root, "etc", "qemu.conf"), "w") as f:
            f.write(qemu_conf)
    os.makedirs(os.path.join(root, "files"))
    return root


def domain_xml(name, uuid, emulator=QEMU, extra_os="", features="",
               devices="", memory_mib=64, title=None):
    return (f"<domain type='qemu'>\n"
            f"  <name>{name}</name>\n"
            f"  <uuid>{uuid}</uuid>\n"
            + (f"  <title>{title}</title>\n" if title else "") +
            f"  <memory unit='MiB'>{memory_mib}</memory>\n"
            f"  <vcpu>1</vcpu>\n"
            f"  <os>\n"
            f"    <type arch='x86_64' machine='pc'>hvm</type>\n"
            f"{extra_os}"
            f"  </os>\n"
            f"{features}"
            f"  <devices>\n"
            f"    <emulator>{emulator}</emulator>\n"
            f"{devices}"
            f"    <memballoon model='none'/>\n"
            f"  </devices>\n"
            f"</domain>\n")


def shell_quote(arg):
    """@arg as a reader would type it in a shell."""
    if arg and re.fullmatch(r"[\w@%+=:,./-]+", arg):
        return arg
    if "'" not in arg:
        return f"'{arg}'"
    if not re.search(r'["$`\\!]', arg):
        return f'"{arg}"'
    return shlex.quote(arg)


def shell_join(args):
    return " ".join(shell_quote(a) for a in args)


def environ(extra=None, drop=()):
    env = dict(os.environ)
    # meson points LD_LIBRARY_PATH at our libvirt.so.0 for tests; Debian's
    # virsh must keep Debian's library (ours finds its own by rpath).
    for k in ("LD_LIBRARY_PATH", "LIBVIRT_DEFAULT_URI", "VIRSH_DEFAULT_CONNECT_URI",
              "VIRSH_DEBUG", "LIBVIRT_DEBUG", "LIBVIRT_LOG_OUTPUTS",
              "LIBVIRT_LOG_FILTERS") + tuple(drop):
        env.pop(k, None)
    env["LC_ALL"] = "C"
    env["TZ"] = "UTC"
    if extra:
        env.update(extra)
    return env


def remove_tree(path):
    shutil.rmtree(path, ignore_errors=True)


def fail(msg):
    raise Failure(msg)


def main_guard(fn):
    try:
        sys.exit(fn())
    except Exception:
        traceback.print_exc()
        print("Bail out! the test program itself failed")
        sys.exit(1)


__all__ = [name for name in dir() if not name.startswith("_")] + ["re"]
