#!/usr/bin/env python3
#
# livetest.py: virtqemud follows running guests as they change on their
# own, on real QEMU with the tiny Linux guest (tests/tinyguest)
#
# Each case starts its own daemon on a private root and boots the guest
# behaviour it needs (powers off, reboots, obeys or ignores the ACPI
# power button).  What is checked is what clients see: the state and
# its reason, and the lifecycle events as Debian's python3-libvirt (both
# registration styles) and `virsh event --loop --all` (Debian's and
# ours, which must print the same lines) receive them; and what is left
# on the host: no QEMU, no zombie, the exit in the domain's log.
#
#   livetest.py TINYGUEST-DIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import json
import sys
import textwrap
import threading
import uuid as uuidmod

from virshtestutils import *
from remotedaemontest import Daemon, virsh, must

sys.path.insert(0, os.path.join(SRCDIR, "tinyguest"))
import tinyguest  # noqa: E402

GUESTS = None          # tinyguest.build() paths, set by main()
# The virshes whose `event --loop --all` output is checked.  Ours has no
# "event" command yet: when it has, it joins, and its lines must be
# Debian's byte for byte.
EVENT_VIRSHES = (UPSTREAM_VIRSH,)
BOOT_TIMEOUT = 180     # seconds; TCG on a loaded 2-core machine
EVENT_TIMEOUT = 120

# Lifecycle event numbers (libvirt-domain.h), for readable expectations.
DEFINED, STARTED, SUSPENDED, RESUMED, STOPPED, SHUTDOWN = 0, 2, 3, 4, 5, 6
ADDED = BOOTED = PAUSED = UNPAUSED = 0
STOPPED_SHUTDOWN, STOPPED_DESTROYED, STOPPED_FAILED = 0, 1, 5
SHUTDOWN_GUEST = 1


def guest_xml(d, name, behaviour, extra=""):
    """The tiny guest @behaviour as domain @name; its console goes to
    ROOT/files/NAME.console."""
    console = os.path.join(d.root, "files", name + ".console")
    return (f"<domain type='qemu'>\n"
            f"  <name>{name}</name>\n"
            f"  <uuid>{uuidmod.uuid4()}</uuid>\n"
            f"  <memory unit='MiB'>256</memory>\n"
            f"  <vcpu>1</vcpu>\n"
            f"  <os>\n"
            f"    <type arch='x86_64' machine='pc'>hvm</type>\n"
            f"    <kernel>{GUESTS['kernel']}</kernel>\n"
            f"    <initrd>{GUESTS[behaviour]}</initrd>\n"
            f"    <cmdline>{tinyguest.CMDLINE}</cmdline>\n"
            f"  </os>\n"
            f"  <features><acpi/></features>\n"
            f"{extra}"
            f"  <devices>\n"
            f"    <emulator>{QEMU}</emulator>\n"
            f"    <serial type='file'><source path='{console}'/></serial>\n"
            f"    <memballoon model='none'/>\n"
            f"  </devices>\n"
            f"</domain>\n")


def write_xml(d, name, behaviour, extra=""):
    path = os.path.join(d.root, "files", name + ".xml")
    with open(path, "w") as f:
        f.write(guest_xml(d, name, behaviour, extra))
    return path


def markers(d, name):
    """How often the guest's /init has started (once per boot)."""
    try:
        with open(os.path.join(d.root, "files", name + ".console"), errors="replace") as f:
            return f.read().count(tinyguest.MARKER)
    except OSError:
        return 0


def wait_marker(d, name, count=1, timeout=BOOT_TIMEOUT):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if markers(d, name) >= count:
            return True
        time.sleep(0.2)
    fail(f"guest {name} did not boot {count} time(s) within {timeout} s")


def domstate(d, name):
    out, err, rc = virsh(UPSTREAM_VIRSH, d.uri, "domstate", "--reason", name)
    return out.strip() if rc == 0 else err.strip()


def wait_state(d, name, want, timeout=EVENT_TIMEOUT):
    end = time.monotonic() + timeout
    state = None
    while time.monotonic() < end:
        state = domstate(d, name)
        if state == want:
            return state
        time.sleep(0.2)
    fail(f"{name}: state {state!r}, not {want!r} within {timeout} s")


def domain_log(d, name):
    try:
        with open(os.path.join(d.root, "log", "qemu", name + ".log"), errors="replace") as f:
            return f.read()
    except OSError as e:
        return str(e)


# Debian's python3-libvirt, both registration styles: the callback one
# (domainEventRegisterAny, procedure 316) and the legacy one
# (domainEventRegister, 105).  One JSON line per event, flushed, with
# the wall clock time it arrived.
EVENT_CLIENT = textwrap.dedent("""
    import json, sys, threading, time
    import libvirt

    libvirt.virEventRegisterDefaultImpl()
    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=loop, daemon=True).start()
    conn = libvirt.open(sys.argv[1])
    def emit(style, dom, event, detail):
        print(json.dumps([style, dom.name(), event, detail, time.time()]), flush=True)
    conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                lambda c, d, e, x, o: emit("any", d, e, x), None)
    conn.domainEventRegister(lambda c, d, e, x, o: emit("legacy", d, e, x), None)
    print(json.dumps(["ready"]), flush=True)
    sys.stdin.read()
""")


class Events:
    """The event clients of one case: python3-libvirt (two styles) and
    both virshes."""

    def __init__(self, d):
        self.d = d
        self.lines = []
        self.cond = threading.Condition()
        self.py = subprocess.Popen(["/usr/bin/python3", "-c", EVENT_CLIENT, d.uri],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=environ())
        first = self.py.stdout.readline()
        if json.loads(first or "null") != ["ready"]:
            fail(f"python event client: {first!r} {self.py.stderr.read()}")
        threading.Thread(target=self._read, daemon=True).start()
        self.virsh = {}
        for prog in EVENT_VIRSHES:
            out = os.path.join(d.root, "files", os.path.basename(os.path.dirname(prog)) +
                               "-" + os.path.basename(prog) + ".events")
            p = subprocess.Popen([prog, "-c", d.uri, "event", "--loop", "--all"],
                                 stdin=subprocess.DEVNULL, stdout=open(out, "w"),
                                 stderr=subprocess.STDOUT, env=environ())
            self.virsh[prog] = (p, out)
        # virsh has registered once it has connected; give it the time a
        # handshake takes on a loaded machine.
        time.sleep(1.0)

    def _read(self):
        for line in self.py.stdout:
            with self.cond:
                self.lines.append(json.loads(line))
                self.cond.notify_all()

    def of(self, name, style="any"):
        with self.cond:
            return [(e, x) for s, n, e, x, _ in self.lines if s == style and n == name]

    def wait(self, name, event, detail, timeout=EVENT_TIMEOUT):
        """The arrival time of the first (event, detail) for @name."""
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                for s, n, e, x, t in self.lines:
                    if s == "any" and n == name and (e, x) == (event, detail):
                        return t
                left = end - time.monotonic()
                if left <= 0:
                    fail(f"{name}: no event ({event}, {detail}) within {timeout} s; "
                         f"got {self.of(name)}")
                self.cond.wait(left)

    def close(self):
        """Stops the clients; returns {prog: the lines virsh printed}."""
        try:
            self.py.stdin.close()
        except OSError:
            pass
        self.py.wait(10)
        printed = {}
        for prog, (p, out) in self.virsh.items():
            p.send_signal(signal.SIGINT)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            with open(out) as f:
                printed[prog] = [line for line in f.read().splitlines()
                                 if line.startswith("event '")]
        return printed


def check_virsh_lines(printed, want):
    """Both virshes printed exactly @want (the lines of upstream's
    format), in order."""
    diag = ""
    for prog, lines in printed.items():
        if lines != want:
            diag += f"{prog} event --loop --all printed {lines}, not {want}\n"
    return diag


def no_zombie(pid, timeout=1.0):
    """@pid is gone from /proc (reaped, not a zombie) within @timeout."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not os.path.exists(f"/proc/{pid}"):
            return True
        time.sleep(0.01)
    st = proc_stat(pid)
    return st is None


def case_poweroff(d):
    """A persistent and a transient guest power themselves off."""
    ev = Events(d)
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", write_xml(d, "pers", "poweroff")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "pers"), "start")
    must(virsh(UPSTREAM_VIRSH, d.uri, "create", write_xml(d, "trans", "poweroff")), "create")
    pids = {n: d.qemu_pid(n) for n in ("pers", "trans")}
    diag = ""
    for name in ("pers", "trans"):
        ev.wait(name, STOPPED, STOPPED_SHUTDOWN)
        if not no_zombie(pids[name]):
            diag += f"{name}: QEMU {pids[name]} still in /proc a second after its stop\n"
    want = [(STARTED, BOOTED), (SHUTDOWN, SHUTDOWN_GUEST), (STOPPED, STOPPED_SHUTDOWN)]
    for name in ("pers", "trans"):
        for style in ("any", "legacy"):
            if ev.of(name, style) != ([(DEFINED, ADDED)] if name == "pers" else []) + want:
                diag += f"{name}: {style} events {ev.of(name, style)}, not {want}\n"
        log = domain_log(d, name)
        if f"QEMU process {pids[name]} exited with status 0" not in log:
            diag += f"{name}: the log does not say how QEMU ended:\n{log[-500:]}\n"
    state = domstate(d, "pers")
    if state != "shut off (shutdown)":
        diag += f"pers after power-off: {state!r}\n"
    out, err, rc = virsh(UPSTREAM_VIRSH, d.uri, "domstate", "trans")
    if rc != 1 or "failed to get domain 'trans'" not in err:
        diag += f"the transient guest is still there: {out!r} {err!r}\n"
    printed = ev.close()
    lines = ["event 'lifecycle' for domain 'pers': Defined Added"]
    for name in ("pers", "trans"):
        lines += [f"event 'lifecycle' for domain '{name}': Started Booted",
                  f"event 'lifecycle' for domain '{name}': Shutdown Finished after guest request",
                  f"event 'lifecycle' for domain '{name}': Stopped Shutdown"]
    # The two domains interleave; each one's lines are in order.
    for prog, got in printed.items():
        for name in ("pers", "trans"):
            mine = [line for line in got if f"'{name}'" in line]
            if mine != [line for line in lines if f"'{name}'" in line]:
                diag += f"{prog} printed for {name}: {mine}\n"
    if len(set(tuple(p) for p in printed.values())) != 1:
        diag += f"Debian's virsh and ours differ: {printed}\n"
    return diag


def case_reboot(d):
    """<on_reboot> destroy stops a guest that reboots; restart lets it
    boot again."""
    ev = Events(d)
    must(virsh(UPSTREAM_VIRSH, d.uri, "define",
               write_xml(d, "rbd", "reboot", "  <on_reboot>destroy</on_reboot>\n")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", write_xml(d, "rbr", "reboot")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "rbd"), "start")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "rbr"), "start")
    diag = ""
    ev.wait("rbd", STOPPED, STOPPED_SHUTDOWN)
    state = domstate(d, "rbd")
    if state != "shut off (shutdown)":
        diag += f"rbd (on_reboot destroy) after its reboot: {state!r}\n"
    want = [(DEFINED, ADDED), (STARTED, BOOTED), (SHUTDOWN, SHUTDOWN_GUEST),
            (STOPPED, STOPPED_SHUTDOWN)]
    if ev.of("rbd") != want:
        diag += f"rbd events {ev.of('rbd')}, not {want}\n"
    pid = d.qemu_pid("rbr")
    wait_marker(d, "rbr", 2)
    state = domstate(d, "rbr")
    if state != "running (booted)" or d.qemu_pid("rbr") != pid:
        diag += f"rbr (on_reboot restart) after a reboot: {state!r}, QEMU {pid} -> {d.qemu_pid('rbr')}\n"
    if ev.of("rbr") != [(DEFINED, ADDED), (STARTED, BOOTED)]:
        diag += f"rbr events {ev.of('rbr')}\n"
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "rbr"), "destroy")
    ev.close()
    return diag


def case_acpi(d):
    """virsh shutdown: the guest that obeys the power button stops, the
    one that ignores it keeps running."""
    ev = Events(d)
    must(virsh(UPSTREAM_VIRSH, d.uri, "create", write_xml(d, "obey", "acpi")), "create")
    must(virsh(UPSTREAM_VIRSH, d.uri, "create", write_xml(d, "deaf", "ignore")), "create")
    wait_marker(d, "obey")
    wait_marker(d, "deaf")
    diag = ""
    for name in ("obey", "deaf"):
        must(virsh(UPSTREAM_VIRSH, d.uri, "shutdown", name), "shutdown")
    ev.wait("obey", STOPPED, STOPPED_SHUTDOWN)
    want = [(STARTED, BOOTED), (SHUTDOWN, SHUTDOWN_GUEST), (STOPPED, STOPPED_SHUTDOWN)]
    if ev.of("obey") != want:
        diag += f"obey events {ev.of('obey')}, not {want}\n"
    state = domstate(d, "deaf")
    if state != "running (booted)" or ev.of("deaf") != [(STARTED, BOOTED)]:
        diag += f"the guest that ignores ACPI: {state!r}, events {ev.of('deaf')}\n"
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "--graceful", "deaf"), "destroy")
    ev.close()
    return diag


def case_killed(d):
    """QEMU killed by an outsider: shut off (crashed), STOPPED/FAILED at
    once, reaped, the signal in the log."""
    ev = Events(d)
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", write_xml(d, "victim", "ignore")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "victim"), "start")
    pid = d.qemu_pid("victim")
    killed = time.time()
    os.kill(pid, signal.SIGKILL)
    arrived = ev.wait("victim", STOPPED, STOPPED_FAILED, timeout=10)
    diag = ""
    latency = (arrived - killed) * 1000
    print(f"# SIGKILL to STOPPED/FAILED at the client: {latency:.1f} ms")
    # The bound is 100 ms; a loaded CI machine gets a margin,
    # the figure itself is in ./run bench.
    if latency > 1000:
        diag += f"STOPPED/FAILED came {latency:.0f} ms after the kill\n"
    if not no_zombie(pid):
        diag += f"QEMU {pid} is still in /proc (a zombie?) a second after its kill\n"
    state = domstate(d, "victim")
    if state != "shut off (crashed)":
        diag += f"after SIGKILL: {state!r}\n"
    if ev.of("victim") != [(DEFINED, ADDED), (STARTED, BOOTED), (STOPPED, STOPPED_FAILED)]:
        diag += f"events {ev.of('victim')}\n"
    if f"QEMU process {pid} was killed by signal 9 (SIGKILL)" not in domain_log(d, "victim"):
        diag += f"the log does not name the signal:\n{domain_log(d, 'victim')[-500:]}\n"
    printed = ev.close()
    want = ["event 'lifecycle' for domain 'victim': Defined Added",
            "event 'lifecycle' for domain 'victim': Started Booted",
            "event 'lifecycle' for domain 'victim': Stopped Failed"]
    diag += check_virsh_lines(printed, want)
    return diag


def case_pause(d):
    """suspend and resume: state and one event each (QEMU's own STOP
    and RESUME events do not add a second)."""
    ev = Events(d)
    must(virsh(UPSTREAM_VIRSH, d.uri, "create", write_xml(d, "pz", "ignore")), "create")
    must(virsh(UPSTREAM_VIRSH, d.uri, "suspend", "pz"), "suspend")
    s1 = domstate(d, "pz")
    must(virsh(UPSTREAM_VIRSH, d.uri, "resume", "pz"), "resume")
    s2 = domstate(d, "pz")
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "pz"), "destroy")
    ev.wait("pz", STOPPED, STOPPED_DESTROYED)
    time.sleep(0.5)
    diag = ""
    if (s1, s2) != ("paused (user)", "running (unpaused)"):
        diag += f"states {s1!r}, {s2!r}\n"
    want = [(STARTED, BOOTED), (SUSPENDED, PAUSED), (RESUMED, UNPAUSED),
            (STOPPED, STOPPED_DESTROYED)]
    if ev.of("pz") != want:
        diag += f"events {ev.of('pz')}, not {want}\n"
    ev.close()
    return diag


def case_restart(d):
    """The daemon dies and comes back while the guest runs; the guest
    powers off later (or meanwhile): the new daemon records it."""
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", write_xml(d, "later", "poweroff")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "later"), "start")
    pid = d.qemu_pid("later")
    d.stop(signal.SIGKILL)
    d.start()
    wait_state(d, "later", "shut off (shutdown)")
    diag = ""
    # The new daemon is not QEMU's parent: the test (its subreaper) is.
    if not wait_gone(pid, 5):
        diag += f"QEMU {pid} did not exit after the power-off\n"
    if "exited (not our child: exit status unknown)" not in domain_log(d, "later") and \
       "exited with status 0" not in domain_log(d, "later"):
        diag += f"the log does not say QEMU ended:\n{domain_log(d, 'later')[-500:]}\n"
    return diag


def main():
    global GUESTS
    become_subreaper()
    if len(sys.argv) != 2:
        print("usage: livetest.py TINYGUEST-DIR", file=sys.stderr)
        return 2
    try:
        GUESTS = tinyguest.build(os.path.abspath(sys.argv[1]))
    except (tinyguest.Error, OSError) as e:
        print(f"Bail out! the tiny guest does not build: {e}")
        return 1
    cases = {
        "a guest that powers off: shut off (shutdown), its events, reaped": with_daemon(case_poweroff),
        "a guest that reboots: <on_reboot> destroy and restart": with_daemon(case_reboot),
        "virsh shutdown: the guest that obeys ACPI stops, the deaf one runs": with_daemon(case_acpi),
        "QEMU killed by an outsider: shut off (crashed), STOPPED/FAILED": with_daemon(case_killed),
        "suspend and resume: one event each": with_daemon(case_pause),
        "a restarted daemon records a power-off": with_daemon(case_restart),
    }
    return run_cases(cases, jobs=2)


def with_daemon(fn, **kw):
    def case():
        d = Daemon(**kw)
        try:
            d.start()
            diag = fn(d)
        finally:
            leaked = d.close()
        if leaked and not diag:
            diag = f"QEMU processes left running: {leaked}"
        return diag
    return case


if __name__ == "__main__":
    main_guard(main)
