#!/usr/bin/python3
# daemonbench.py: figures through a daemon, with Debian's client binaries
#
#   daemonbench.py --peer NAME --daemon PROCESS|pidfile:PATH [--runs N] [--count N] URI
#
# Measures, on the daemon at URI (ours: virtqemud; upstream: libvirtd),
# with Debian's /usr/bin/virsh and Debian's python3-libvirt, so that
# both daemons are driven by exactly the same client code:
#
#   wire_virsh_destroy_ms       `virsh destroy` of an idle guest, the
#                               whole command (process start included)
#   wire_virsh_floor_ms         the same virsh printing its URI on the
#                               test:///default driver: what no daemon
#                               can go below
#   wire_virsh_list_running_ms  `virsh list --all` with COUNT running
#   wire_rss_kib                resident memory of the daemon's
#                               processes (QEMUs not counted), COUNT running
#   wire_parallel_destroy_ms    COUNT domains destroyed at once, one
#                               connection and thread each, until all
#                               calls returned
#   wire_event_latency_ms       an idle guest's QEMU killed by an outsider
#                               (SIGKILL from here): from its exit (its
#                               pidfd readable here) to the STOPPED
#                               lifecycle event in python3-libvirt's
#                               callback, in this one process, on one clock
#   wire_event_kill_ms          the same from the kill() itself
#
# Prints JSON lines for report.py.  Domains are named lvgbench-w*; they
# are removed at the end, whatever happened.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid

import libvirt
import select
import signal

VIRSH = "/usr/bin/virsh"
EMULATOR = "/usr/bin/qemu-system-x86_64"


def domain_xml(name):
    return (f"<domain type='qemu'><name>{name}</name><uuid>{uuid.uuid4()}</uuid>"
            f"<memory unit='MiB'>128</memory><vcpu>1</vcpu>"
            f"<os><type arch='x86_64' machine='pc'>hvm</type></os>"
            f"<devices><emulator>{EMULATOR}</emulator>"
            f"<memballoon model='none'/></devices></domain>")


def emit(peer, metric, unit, samples):
    print(json.dumps({"peer": peer, "kind": "samples", "metric": metric,
                      "unit": unit, "samples": samples}), flush=True)


def log(peer, msg):
    print(f"[{peer}] {msg}", file=sys.stderr, flush=True)


def virsh(uri, *args):
    t0 = time.perf_counter()
    r = subprocess.run([VIRSH, "-c", uri] + list(args), capture_output=True,
                       text=True, env=dict(os.environ, LC_ALL="C"))
    ms = (time.perf_counter() - t0) * 1000
    if r.returncode != 0:
        raise RuntimeError(f"virsh {' '.join(args)}: {r.stderr.strip()}")
    return ms, r.stdout


def cleanup(conn):
    for dom in conn.listAllDomains():
        if not dom.name().startswith("lvgbench-w"):
            continue
        try:
            if dom.isActive():
                dom.destroy()
        except libvirt.libvirtError:
            pass
        try:
            if dom.isPersistent():
                dom.undefine()
        except libvirt.libvirtError:
            pass


def daemon_rss_kib(name):
    """RSS of the processes called @name, or of the one whose pid is in
    the file @name names ("pidfile:PATH": when another daemon of the
    same name runs on the machine)."""
    pids = None
    if name.startswith("pidfile:"):
        with open(name[len("pidfile:"):]) as f:
            pids = {f.read().strip()}
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or (pids is not None and entry not in pids):
            continue
        try:
            with open(f"/proc/{entry}/comm") as f:
                if pids is None and f.read().strip() != name:
                    continue
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def find_qemu(name):
    """The pid of the QEMU of domain @name, by its command line."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if any(a.startswith(f"guest={name},".encode()) for a in args):
            return int(entry)
    raise RuntimeError(f"no QEMU for {name}")


def event_latency(uri, runs):
    """SIGKILL to the QEMU of an idle guest, then the time until
    python3-libvirt's lifecycle callback sees STOPPED, @runs times:
    (from QEMU's exit, from the kill)."""
    conn = libvirt.open(uri)
    stopped = {}
    cond = threading.Condition()

    def cb(c, dom, event, detail, opaque):
        if event == libvirt.VIR_DOMAIN_EVENT_STOPPED:
            with cond:
                stopped[dom.name()] = time.perf_counter()
                cond.notify_all()

    cbid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, cb, None)
    samples, fromkill = [], []
    try:
        for i in range(runs):
            name = f"lvgbench-w3-{i}"
            conn.createXML(domain_xml(name), 0)
            time.sleep(0.3)
            pid = find_qemu(name)
            pidfd = os.pidfd_open(pid)
            t0 = time.perf_counter()
            os.kill(pid, signal.SIGKILL)
            select.select([pidfd], [], [], 30)
            texit = time.perf_counter()
            os.close(pidfd)
            with cond:
                cond.wait_for(lambda: name in stopped, 30)
            if name not in stopped:
                raise RuntimeError(f"no STOPPED event for {name} within 30 s")
            samples.append(round((stopped[name] - texit) * 1000, 3))
            fromkill.append(round((stopped[name] - t0) * 1000, 3))
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
    finally:
        conn.domainEventDeregisterAny(cbid)
        conn.close()
    return samples, fromkill


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", required=True)
    ap.add_argument("--daemon", action="append", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("uri")
    a = ap.parse_args()
    libvirt.virEventRegisterDefaultImpl()

    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()

    threading.Thread(target=loop, daemon=True).start()
    conn = libvirt.open(a.uri)
    cleanup(conn)
    try:
        lat, fromkill = event_latency(a.uri, a.runs)
        log(a.peer, f"QEMU's exit to STOPPED event: {sorted(lat)[len(lat) // 2]:.1f} ms median")
        emit(a.peer, "wire_event_latency_ms", "ms", lat)
        emit(a.peer, "wire_event_kill_ms", "ms", fromkill)

        # One idle guest, destroyed by Debian's virsh.
        destroy = []
        for i in range(a.runs):
            dom = conn.createXML(domain_xml(f"lvgbench-w1-{i}"), 0)
            time.sleep(0.2)
            ms, _ = virsh(a.uri, "destroy", dom.name())
            destroy.append(round(ms, 3))
        log(a.peer, f"virsh destroy: {sorted(destroy)[len(destroy) // 2]:.1f} ms median")
        emit(a.peer, "wire_virsh_destroy_ms", "ms", destroy)

        # The floor: the same virsh doing nothing through no daemon.
        floor = [round(virsh("test:///default", "uri")[0], 3) for _ in range(a.runs)]
        emit(a.peer, "wire_virsh_floor_ms", "ms", floor)

        lists, rss, parallel = [], [], []
        for rnd in range(max(1, a.runs // 3)):
            doms = [conn.createXML(domain_xml(f"lvgbench-w2-{i}"), 0) for i in range(a.count)]
            time.sleep(0.5)
            these = [round(virsh(a.uri, "list", "--all")[0], 3) for _ in range(5)]
            lists += these
            rss.append(sum(daemon_rss_kib(d) for d in a.daemon))

            conns = [libvirt.open(a.uri) for _ in doms]
            handles = [c.lookupByUUID(d.UUID()) for c, d in zip(conns, doms)]
            barrier = threading.Barrier(len(handles) + 1)
            errors = []

            def stop(h):
                barrier.wait()
                try:
                    h.destroy()
                except libvirt.libvirtError as e:
                    errors.append(str(e))

            threads = [threading.Thread(target=stop, args=(h,)) for h in handles]
            for t in threads:
                t.start()
            barrier.wait()
            t0 = time.perf_counter()
            for t in threads:
                t.join()
            ms = (time.perf_counter() - t0) * 1000
            if errors:
                raise RuntimeError(f"parallel destroy: {errors[0]}")
            parallel.append(round(ms, 3))
            log(a.peer, f"round {rnd}: list --all {min(these):.1f} ms, "
                        f"{a.count} destroyed in {ms:.0f} ms")
            for c in conns:
                c.close()
        emit(a.peer, "wire_virsh_list_running_ms", "ms", lists)
        emit(a.peer, "wire_rss_kib", "KiB", rss)
        emit(a.peer, "wire_parallel_destroy_ms", "ms", parallel)
    finally:
        cleanup(conn)
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
