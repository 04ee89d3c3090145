#!/usr/bin/python3
# hostshutdownbench.py: host shutdown of COUNT guests through virtqemud
#
#   hostshutdownbench.py --virtqemud PATH --tinyguest DIR [--count N] [--wait S]
#                        [--libvirt-guests]
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
# libvirt-guests.sh does it from outside, as a client, on every guest of
# the URIs it is given.  With --libvirt-guests, the same guests on the
# same daemon (no auto_shutdown_* set) are stopped instead by Debian's
# /usr/lib/libvirt/libvirt-guests.sh with the same settings
# (ON_SHUTDOWN=shutdown, SHUTDOWN_TIMEOUT the same wait,
# PARALLEL_SHUTDOWN=COUNT, URIS our daemon's), run as its unit runs it
# ("stop"), measured as peer "upstream":
#
#   hostshutdown_ms         the script's start to its exit
#   hostshutdown_shut_down  how many guests were off when it returned
#
# It reads /etc/default/libvirt-guests and keeps its list under /var:
# the bench runs a copy whose two directory variables point into its
# temporary root, so it touches neither the host's settings nor other
# users' guests.
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


def emit(peer, metric, unit, samples):
    print(json.dumps({"peer": peer, "kind": "samples", "metric": metric,
                      "unit": unit, "samples": samples}), flush=True)


def log(msg):
    print(f"[hostshutdown] {msg}", file=sys.stderr, flush=True)


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


LIBVIRT_GUESTS = "/usr/lib/libvirt/libvirt-guests.sh"


def run_libvirt_guests(root, uri, count, wait):
    """Debian's libvirt-guests.sh "stop" on @uri; returns its wall time
    in ms."""
    conf = os.path.join(root, "lg", "etc", "default")
    os.makedirs(conf)
    os.makedirs(os.path.join(root, "lg", "var", "lib", "libvirt"))
    os.makedirs(os.path.join(root, "lg", "var", "lock"))
    with open(os.path.join(conf, "libvirt-guests"), "w") as f:
        f.write(f"URIS='{uri}'\nON_BOOT=ignore\nON_SHUTDOWN=shutdown\n"
                f"SHUTDOWN_TIMEOUT={int(wait)}\nPARALLEL_SHUTDOWN={count}\n")
    with open(LIBVIRT_GUESTS) as f:
        script = f.read()
    for var in ("sysconfdir=\"/etc\"", "localstatedir=\"/var\""):
        if var not in script:
            raise RuntimeError(f"{LIBVIRT_GUESTS}: no {var} to redirect")
    script = script.replace("sysconfdir=\"/etc\"", f"sysconfdir=\"{root}/lg/etc\"")
    script = script.replace("localstatedir=\"/var\"", f"localstatedir=\"{root}/lg/var\"")
    copy = os.path.join(root, "lg", "libvirt-guests.sh")
    with open(copy, "w") as f:
        f.write(script)
    # "stop" acts only once "start" has run, as under its unit.
    subprocess.run(["/bin/sh", copy, "start"], check=True, capture_output=True)
    t0 = time.perf_counter()
    r = subprocess.run(["/bin/sh", copy, "stop"], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C"))
    ms = (time.perf_counter() - t0) * 1000
    log("libvirt-guests.sh stop: exit %d; %s" % (r.returncode,
        " | ".join(line for line in (r.stdout + r.stderr).splitlines() if line.strip())[-400:]))
    return ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--virtqemud", required=True)
    ap.add_argument("--tinyguest", required=True)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--wait", type=float, default=60)
    ap.add_argument("--libvirt-guests", action="store_true")
    a = ap.parse_args()
    peer = "upstream" if a.libvirt_guests else "ours"
    paths = tinyguest.build(os.path.abspath(a.tinyguest))
    root = tempfile.mkdtemp(prefix="lvgbench-hs-", dir="/tmp")
    os.makedirs(os.path.join(root, "etc"))
    os.makedirs(os.path.join(root, "files"))
    with open(os.path.join(root, "etc", "qemu.conf"), "w") as f:
        if not a.libvirt_guests:
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
        if a.libvirt_guests:
            ms = run_libvirt_guests(root, uri, a.count, a.wait)
            running = [n for n in virsh(uri, "list", "--name").split() if n]
            shut = a.count - len(running)
            log(f"libvirt-guests.sh, {a.count} guests: {ms:.0f} ms, {shut} shut down, "
                f"still running: {running}")
            emit(peer, "hostshutdown_ms", "ms", [round(ms, 3)])
            emit(peer, "hostshutdown_shut_down", "guests", [shut])
            return 0
        t0 = time.perf_counter()
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(a.wait + 120)
        ms = (time.perf_counter() - t0) * 1000
        with open(os.path.join(root, "run", "host-shutdown.report")) as f:
            report = f.read().splitlines()
        shut = sum(1 for line in report if line.endswith(": shut down"))
        log(f"host shutdown of {a.count}: {ms:.0f} ms, {shut} shut down by themselves; "
            f"report: {'; '.join(report)}")
        emit(peer, "hostshutdown_ms", "ms", [round(ms, 3)])
        emit(peer, "hostshutdown_shut_down", "guests", [shut])
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
