#!/usr/bin/python3
# hostshutdownbench.py: host shutdown of COUNT guests through virtqemud
#
#   hostshutdownbench.py --virtqemud PATH --tinyguest DIR [--count N] [--wait S]
#
# Starts our virtqemud on a root of its own with host shutdown
# configured (auto_shutdown_try_shutdown and auto_shutdown_poweroff
# "all", auto_shutdown_wait S), boots COUNT tiny Linux guests that obey
# the ACPI power button (tests/tinyguest, built into DIR), waits until
# each runs its /init, then sends the daemon SIGTERM, as systemd does
# at host shutdown, and measures:
#
#   hostshutdown_ms         SIGTERM to the daemon's exit, every guest
#                           shut down or destroyed
#   hostshutdown_shut_down  how many guests shut down by themselves (the
#                           rest were destroyed gracefully or are left)
#
# Upstream has no such path in the daemon of Debian 12 (libvirt 9.0):
# libvirt-guests.sh does it, on every guest of a URI; on a machine that
# other users' guests share it is not run (see the report's notes).
#
# Prints JSON lines for report.py.  Everything lives under a temporary
# root, removed at the end with every QEMU it started.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                "tests", "tinyguest"))
import tinyguest  # noqa: E402

VIRSH = "/usr/bin/virsh"
EMULATOR = "/usr/bin/qemu-system-x86_64"


def emit(metric, unit, samples):
    print(json.dumps({"peer": "ours", "kind": "samples", "metric": metric,
                      "unit": unit, "samples": samples}), flush=True)


def log(msg):
    print(f"[ours] {msg}", file=sys.stderr, flush=True)


def guest_xml(name, paths, console):
    return (f"<domain type='qemu'><name>{name}</name><uuid>{uuid.uuid4()}</uuid>"
            f"<memory unit='MiB'>256</memory><vcpu>1</vcpu>"
            f"<os><type arch='x86_64' machine='pc'>hvm</type>"
            f"<kernel>{paths['kernel']}</kernel><initrd>{paths['acpi']}</initrd>"
            f"<cmdline>{tinyguest.CMDLINE}</cmdline></os>"
            f"<features><acpi/></features>"
            f"<devices><emulator>{EMULATOR}</emulator>"
            f"<serial type='file'><source path='{console}'/></serial>"
            f"<memballoon model='none'/></devices></domain>")


def virsh(uri, *args):
    r = subprocess.run([VIRSH, "-c", uri] + list(args), capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"virsh {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--virtqemud", required=True)
    ap.add_argument("--tinyguest", required=True)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--wait", type=float, default=60)
    a = ap.parse_args()
    paths = tinyguest.build(os.path.abspath(a.tinyguest))
    root = tempfile.mkdtemp(prefix="lvgbench-hs-", dir="/tmp")
    os.makedirs(os.path.join(root, "etc"))
    os.makedirs(os.path.join(root, "files"))
    with open(os.path.join(root, "etc", "qemu.conf"), "w") as f:
        f.write("auto_shutdown_try_shutdown = \"all\"\n"
                "auto_shutdown_poweroff = \"all\"\n"
                f"auto_shutdown_wait = {a.wait:g}\n")
    uri = f"qemu+unix:///system?socket={root}/run/virtqemud-sock"
    daemon = subprocess.Popen([a.virtqemud, "--root", root], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while not os.path.exists(f"{root}/run/virtqemud-sock"):
            if time.monotonic() > deadline or daemon.poll() is not None:
                raise RuntimeError("virtqemud did not start")
            time.sleep(0.05)
        consoles = {}
        for i in range(a.count):
            name = f"lvgbench-hs-{i:02d}"
            consoles[name] = os.path.join(root, "files", name + ".console")
            xml = os.path.join(root, "files", name + ".xml")
            with open(xml, "w") as f:
                f.write(guest_xml(name, paths, consoles[name]))
            virsh(uri, "create", xml)
        t0 = time.monotonic()
        for name, console in consoles.items():
            while True:
                try:
                    with open(console, errors="replace") as f:
                        if tinyguest.MARKER in f.read():
                            break
                except OSError:
                    pass
                if time.monotonic() - t0 > 600:
                    raise RuntimeError(f"{name} did not boot")
                time.sleep(0.2)
        log(f"{a.count} guests booted in {time.monotonic() - t0:.0f} s")
        t0 = time.perf_counter()
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(a.wait + 120)
        ms = (time.perf_counter() - t0) * 1000
        with open(os.path.join(root, "run", "host-shutdown.report")) as f:
            report = f.read().splitlines()
        shut = sum(1 for line in report if line.endswith(": shut down"))
        log(f"host shutdown of {a.count}: {ms:.0f} ms, {shut} shut down by themselves; "
            f"report: {'; '.join(report)}")
        emit("hostshutdown_ms", "ms", [round(ms, 3)])
        emit("hostshutdown_shut_down", "guests", [shut])
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    args = f.read()
            except OSError:
                continue
            if root.encode() + b"/" in args and b"qemu-system" in args:
                try:
                    os.kill(int(entry), signal.SIGKILL)
                except ProcessLookupError:
                    pass
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
