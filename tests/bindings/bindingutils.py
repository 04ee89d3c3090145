#
# bindingutils.py: what the tests of Debian's bindings and tools on our
# library share (Python side); process hygiene comes from
# virshtestutils.py
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import virshtestutils as vu  # noqa: E402

# Our own UUIDs for the test guests.
UUIDS = [
    "6b3c2d7e-90a1-4f55-b2c4-1e0d9a7f3c21",
    "a4f0e1d2-5c36-4b78-9e0a-2d1c3b4a5f60",
    "0d9e8f7a-6b5c-4d3e-8f1a-b2c3d4e5f607",
    "72c5e0a9-1b3d-4f68-9a2e-5d4c3b2a1f09",
    "e1d2c3b4-a5f6-4e07-8d19-2a3b4c5d6e7f",
]

signal = signal


class Tap:
    """TAP output, numbered as cases finish; the plan comes last."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, ok, title, diags=()):
        self.count += 1
        if not ok:
            self.failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.count, title))
        if not ok:
            for line in diags:
                print("# %s" % line)
        sys.stdout.flush()
        return ok

    def finish(self):
        print("1..%d" % self.count)
        return 1 if self.failed or not self.count else 0


class ChildTap:
    """Results of a child process, for the parent's Tap.merge: one line
    each (flag, title, diagnostics), so that the numbering stays the
    parent's."""

    def ok(self, ok, title, diags=()):
        print("%s\t%s\t%s" % ("1" if ok else "0", title,
                               "\x1f".join(str(d).replace("\n", " ") for d in diags)),
              flush=True)


def tap_merge(tap, out, err, what):
    """Counts a ChildTap's lines (@out) into @tap; a child that wrote
    errors or no result at all fails."""
    seen = False
    for line in out.splitlines():
        if line.count("\t") < 2:
            continue
        flag, title, diags = line.split("\t", 2)
        tap.ok(flag == "1", title, diags.split("\x1f") if diags else [])
        seen = True
    if err.strip() or not seen:
        tap.ok(False, "%s ran cleanly" % what, err.splitlines()[-15:])


def domain_xml(name, uuid, disk=None, extra="", shareable=False):
    """A small guest with no <emulator>: the driver's default is used."""
    devices = ""
    if disk:
        devices = ("    <disk type='file' device='disk'>\n"
                   "      <driver name='qemu' type='raw'/>\n"
                   "      <source file='%s'/>\n"
                   "      <target dev='vda' bus='virtio'/>\n"
                   "%s"
                   "    </disk>\n" % (disk, "      <shareable/>\n" if shareable else ""))
    return ("<domain type='qemu'>\n"
            "  <name>%s</name>\n"
            "  <uuid>%s</uuid>\n"
            "  <memory unit='MiB'>64</memory>\n"
            "  <vcpu>1</vcpu>\n"
            "  <os>\n"
            "    <type arch='x86_64' machine='pc'>hvm</type>\n"
            "  </os>\n"
            "  <devices>\n%s%s"
            "    <memballoon model='none'/>\n"
            "  </devices>\n"
            "</domain>\n" % (name, uuid, devices, extra))


def process_state(pid):
    """The state letter /proc shows for @pid, or None once it is gone."""
    st = vu.proc_stat(pid)
    return st[1] if st else None


def sanitizer_runtime(library):
    """The ASan runtime @library is linked with (built by ./run
    sanitize), for LD_PRELOAD, or None."""
    try:
        out = subprocess.run(["ldd", library], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"(\S*libasan\.so[.\d]*) => (\S+)", out)
    return m.group(2) if m else None


class Environment:
    """A root for qemu:///embed with short stop timeouts; we are the
    subreaper of the QEMUs started in it."""

    def __init__(self):
        vu.become_subreaper()
        self.root = vu.make_root()
        self.uri = "qemu:///embed?root=" + self.root

    def qemu_pid(self, name):
        """QEMU's pid, as the domain's status file records it."""
        with open(os.path.join(self.root, "run", "qemu", name + ".xml")) as f:
            m = vu.re.search(r" pid='(\d+)'", f.read())
        return int(m.group(1))

    def cleanup(self):
        """Kills and reaps what is left; returns the pids that were still
        running."""
        for pid, state in vu.qemu_children(self.root):
            if state == "T":
                os.kill(pid, signal.SIGCONT)
        leaked = vu.cleanup_qemus(self.root)
        shutil.rmtree(self.root, ignore_errors=True)
        return leaked


class EventLoop:
    """Runs a binding's default event loop in a thread."""

    def __init__(self, run_once):
        self.running = True
        self.thread = threading.Thread(target=self._run, args=(run_once,), daemon=True)
        self.thread.start()

    def _run(self, run_once):
        while self.running:
            run_once()

    def wait_for(self, predicate, timeout=10.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return True
            time.sleep(0.01)
        return predicate()

    def stop(self):
        self.running = False
