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
from remotedaemontest import Daemon, virsh, must, VIRTQEMUD

sys.path.insert(0, os.path.join(SRCDIR, "tinyguest"))
import tinyguest  # noqa: E402

GUESTS = None          # tinyguest.build() paths, set by main()
# The virshes whose `event --loop --all` output is checked: Debian's and
# ours (build/tools/virsh), whose lines must be Debian's byte for byte.
EVENT_VIRSHES = (UPSTREAM_VIRSH, VIRSH)
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
# (domainEventRegister, 105); and the reboot event (style "reboot",
# event and detail -1).  One JSON line per event, flushed, with
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
    conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT,
                                lambda c, d, o: emit("reboot", d, -1, -1), None)
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

    def wait(self, name, event, detail, timeout=EVENT_TIMEOUT, style="any"):
        """The arrival time of the first (event, detail) for @name."""
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                for s, n, e, x, t in self.lines:
                    if s == style and n == name and (e, x) == (event, detail):
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
        # The legacy registration's frames are separate: a moment later.
        ev.wait(name, STOPPED, STOPPED_SHUTDOWN, timeout=10, style="legacy")
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
    boot again, with a reboot event."""
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
    # A reboot is no lifecycle change, but clients that ask hear of it;
    # rbd's reboot was a power-off.
    ev.wait("rbr", -1, -1, style="reboot")
    if ev.of("rbd", style="reboot"):
        diag += f"rbd (on_reboot destroy) had reboot events: {ev.of('rbd', style='reboot')}\n"
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "rbr"), "destroy")
    printed = ev.close()
    for prog, lines in printed.items():
        mine = [line for line in lines if "'rbr'" in line]
        if mine[:2] != ["event 'lifecycle' for domain 'rbr': Defined Added",
                        "event 'lifecycle' for domain 'rbr': Started Booted"] or \
                "event 'reboot' for domain 'rbr'" not in mine:
            diag += f"{prog} event --loop --all printed for rbr: {mine}\n"
        if any("'reboot' for domain 'rbd'" in line for line in lines):
            diag += f"{prog} printed a reboot of rbd: {lines}\n"
    if len(set(tuple(p) for p in printed.values())) != 1:
        diag += f"Debian's virsh and ours differ: {printed}\n"
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


def case_autostart(d):
    """Domains marked autostart start with the first daemon since the
    host booted (an empty run directory), and not again."""
    for name in ("auto1", "auto2", "manual"):
        must(virsh(UPSTREAM_VIRSH, d.uri, "define", write_xml(d, name, "ignore")), "define")
    for name in ("auto1", "auto2"):
        must(virsh(UPSTREAM_VIRSH, d.uri, "autostart", name), "autostart")
    d.stop()
    # What a host boot does to the run directory (a tmpfs).
    os.unlink(os.path.join(d.root, "run", "qemu", "autostarted"))
    d.start()
    diag = ""
    for name in ("auto1", "auto2"):
        wait_state(d, name, "running (booted)", timeout=60)
    state = domstate(d, "manual")
    if state != "shut off (unknown)":
        diag += f"a domain not marked autostart: {state!r}\n"
    pid = d.qemu_pid("auto1")
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "auto2"), "destroy")
    # A restarted daemon (same boot): auto1 keeps its QEMU, auto2 stays
    # stopped.
    d.stop(signal.SIGKILL)
    d.start()
    time.sleep(2)
    if d.qemu_pid("auto1") != pid or domstate(d, "auto1") != "running (booted)":
        diag += f"auto1 after a daemon restart: {domstate(d, 'auto1')!r}\n"
    if domstate(d, "auto2") != "shut off (destroyed)":
        diag += f"auto2, stopped by hand, after a daemon restart: {domstate(d, 'auto2')!r}\n"
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "auto1"), "destroy")
    return diag


HOST_SHUTDOWN_WAIT = 12
HOST_SHUTDOWN_CONF = QEMU_CONF + (
    "auto_shutdown_try_shutdown = \"all\"\n"
    "auto_shutdown_poweroff = \"all\"\n"
    f"auto_shutdown_wait = {HOST_SHUTDOWN_WAIT}\n"
    "auto_shutdown_override = [ \"keep:none\", \"frozenkill:kill\" ]\n")


def idle_xml(d, name):
    """A guest with nothing to boot: SeaBIOS waits, deaf to ACPI."""
    path = os.path.join(d.root, "files", name + ".xml")
    with open(path, "w") as f:
        f.write(domain_xml(name, str(uuidmod.uuid4()), features="  <features><acpi/></features>\n"))
    return path


def start_fleet(d, acpi, idle, frozen, keep=()):
    """Defines and starts the host-shutdown fleet; returns {name: pid}."""
    for name in acpi:
        must(virsh(UPSTREAM_VIRSH, d.uri, "define", write_xml(d, name, "acpi")), "define")
    for name in list(idle) + list(frozen) + list(keep):
        must(virsh(UPSTREAM_VIRSH, d.uri, "define", idle_xml(d, name)), "define")
    names = list(acpi) + list(idle) + list(frozen) + list(keep)
    for name in names:
        must(virsh(UPSTREAM_VIRSH, d.uri, "start", name), "start")
    pids = {name: d.qemu_pid(name) for name in names}
    for name in acpi:
        wait_marker(d, name)
    for name in frozen:
        os.kill(pids[name], signal.SIGSTOP)
    return pids


def read_report(d):
    with open(os.path.join(d.root, "run", "host-shutdown.report")) as f:
        return sorted(f.read().splitlines())


def case_host_shutdown(d):
    """20 running (ACPI obeyed, ignored, a frozen QEMU, one left alone,
    one frozen that may be killed): systemd's SIGTERM to the unit stops
    them within the deadline plus the graceful timeouts, SIGKILL only
    where configured, and the report says what happened to each."""
    acpi = [f"obey{i}" for i in range(3)]
    idle = [f"deaf{i:02d}" for i in range(14)]
    pids = start_fleet(d, acpi, idle, ["frozen", "frozenkill"], ["keep"])
    t0 = time.monotonic()
    d.proc.send_signal(signal.SIGTERM)
    try:
        d.proc.wait(HOST_SHUTDOWN_WAIT + 60)
    except subprocess.TimeoutExpired:
        pass
    took = time.monotonic() - t0
    rc = d.stop(signal.SIGKILL)
    diag = ""
    # deadline + graceful (0.4) + term (0.5), with room for a loaded host
    if rc != 0 or took > HOST_SHUTDOWN_WAIT + 10:
        diag += f"the daemon exited {rc} after {took:.1f} s\n"
    report = read_report(d)
    want = sorted([f"{n}: shut down" for n in acpi] +
                  [f"{n}: destroyed gracefully (SIGTERM)" for n in idle] +
                  ["frozenkill: forced (default destroy, SIGKILL allowed)",
                   "keep: still running: its host-shutdown action is none"])
    frozen = [line for line in report if line.startswith("frozen:")]
    if [line for line in report if not line.startswith("frozen:")] != want:
        diag += "report:\n  " + "\n  ".join(report) + "\nwanted:\n  " + "\n  ".join(want) + "\n"
    if len(frozen) != 1 or f"QEMU process {pids['frozen']} in state T (stopped)" not in frozen[0] \
       or "failed to kill qemu process with SIGTERM" not in frozen[0]:
        diag += f"the frozen QEMU's line: {frozen}\n"
    for name in acpi + idle:
        log = domain_log(d, name)
        if f"QEMU process {pids[name]} exited with status 0" not in log:
            diag += f"{name}: its QEMU did not end cleanly:\n{log[-300:]}\n"
    if f"QEMU process {pids['frozenkill']} was killed by signal 9" not in domain_log(d, "frozenkill"):
        diag += "frozenkill: no SIGKILL in its log\n"
    for name in ("frozen", "keep"):
        st = proc_stat(pids[name])
        if not st or st[1] in ("Z", "X"):
            diag += f"{name} was stopped\n"
    # The test's own leftovers, gone before the leak check counts QEMUs.
    for name in ("frozen", "keep"):
        os.kill(pids[name], signal.SIGKILL)
        if not wait_gone(pids[name], 10):
            diag += f"{name}: still there 10 s after the test's SIGKILL\n"
    return diag


STUCK_WAIT = 3
STUCK_CONF = QEMU_CONF + (
    "auto_shutdown_try_shutdown = \"all\"\n"
    "auto_shutdown_poweroff = \"all\"\n"
    f"auto_shutdown_wait = {STUCK_WAIT}\n")


def case_host_shutdown_stuck(d):
    """A QEMU stuck in the kernel (the stub QEMU in state D: real QEMU
    cannot be put there on cue) answers neither the power button nor
    SIGTERM: it holds nobody past the deadline (not even for the
    monitor's 30 s start_timeout), the idle guest beside it is destroyed
    gracefully, and the report says D with the kernel wait channel."""
    stub = os.path.join(d.root, "files", "qemu-stub-disk-sleep")
    os.symlink(os.environ["QEMU_STUB"], stub)
    path = os.path.join(d.root, "files", "stuck.xml")
    with open(path, "w") as f:
        f.write(domain_xml("stuck", str(uuidmod.uuid4()), emulator=stub))
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", path), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", idle_xml(d, "deaf")), "define")
    for name in ("stuck", "deaf"):
        must(virsh(UPSTREAM_VIRSH, d.uri, "start", name), "start")
    pids = {name: d.qemu_pid(name) for name in ("stuck", "deaf")}
    t0 = time.monotonic()
    d.proc.send_signal(signal.SIGTERM)
    try:
        d.proc.wait(STUCK_WAIT + 60)
    except subprocess.TimeoutExpired:
        pass
    took = time.monotonic() - t0
    rc = d.stop(signal.SIGKILL)
    diag = ""
    # deadline + graceful (0.4), with room for a loaded host; far less
    # than start_timeout (30 s)
    if rc != 0 or took > STUCK_WAIT + 8:
        diag += f"the daemon exited {rc} after {took:.1f} s\n"
    report = read_report(d)
    st = proc_stat(pids["stuck"])
    try:
        with open(f"/proc/{pids['stuck']}/wchan") as f:
            wchan = f.read().strip()
    except OSError:
        wchan = ""
    where = (f"waiting in the kernel in {wchan}" if wchan not in ("", "0")
             else "kernel wait channel unknown")
    stuck = [line for line in report if line.startswith("stuck:")]
    if not st or st[1] != "D":
        diag += f"the stub is not in state D: {st}\n"
    if len(stuck) != 1 or f"QEMU process {pids['stuck']} in state D (disk sleep), {where}" not in stuck[0]:
        diag += f"the stuck QEMU's line: {stuck} (wanted state D, {where})\n"
    if "deaf: destroyed gracefully (SIGTERM)" not in report:
        diag += f"report: {report}\n"
    os.kill(pids["stuck"], signal.SIGKILL)
    if not wait_gone(pids["stuck"], 10):
        diag += "stuck: still there 10 s after the test's SIGKILL\n"
    return diag


def case_host_shutdown_restart(d):
    """virtqemud --shutdown-guests, the daemon killed half-way and
    restarted, the command again: everything ends as configured."""
    acpi = ["r-obey0", "r-obey1"]
    idle = ["r-deaf0", "r-deaf1", "r-deaf2"]
    pids = start_fleet(d, acpi, idle, [])
    cmd = [VIRTQEMUD, "--root", d.root, "--shutdown-guests"]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=environ())
    time.sleep(3)
    d.stop(signal.SIGKILL)
    out1, err1 = first.communicate(timeout=30)
    d.start()
    r = subprocess.run(cmd, capture_output=True, text=True, env=environ(), timeout=120)
    diag = ""
    if first.returncode == 0:
        diag += f"the command reported success though its daemon died: {out1!r}\n"
    if r.returncode != 0 or "host shutdown: done, 0 domain(s) still running" not in r.stdout:
        diag += f"second --shutdown-guests: exit {r.returncode}: {r.stdout}{r.stderr}\n"
    for name in acpi + idle:
        state = domstate(d, name)
        if state not in ("shut off (shutdown)", "shut off (destroyed)"):
            diag += f"{name}: {state!r}\n"
        if not wait_gone(pids[name], 5):
            diag += f"{name}: QEMU {pids[name]} still there\n"
    report = read_report(d)
    if any("still running" in line or "forced" in line for line in report):
        diag += "report: " + "; ".join(report) + "\n"
    return diag


# Our library in Debian's python3 (LD_LIBRARY_PATH), on the embedded
# driver, with an event loop: a QEMU killed from outside is noticed on
# its pidfd without any call, reaped by this process, and announced.
EMBED_CLIENT = textwrap.dedent("""
    import json, os, sys, threading, time
    import libvirt

    uri, xml = sys.argv[1:3]
    libvirt.virEventRegisterDefaultImpl()
    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=loop, daemon=True).start()
    conn = libvirt.open(uri)
    events = []
    conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                lambda c, d, e, x, o: events.append([e, x, time.time()]), None)
    dom = conn.defineXML(xml)
    dom.create()
    name = dom.name()
    pid = None
    for entry in os.listdir("/proc"):
        try:
            args = open(f"/proc/{entry}/cmdline", "rb").read().split(b"\\0")
        except OSError:
            continue
        if any(a.startswith(f"guest={name},".encode()) for a in args):
            pid = int(entry)
    t0 = time.time()
    os.kill(pid, 9)
    end = time.time() + 10
    while time.time() < end and not any(e[:2] == [5, 5] for e in events):
        time.sleep(0.005)
    out = {"events": [e[:2] for e in events],
           "latency_ms": [round((e[2] - t0) * 1000, 1) for e in events if e[:2] == [5, 5]],
           "in_proc": os.path.exists(f"/proc/{pid}")}
    # No call was made on the domain since the kill: the state is what
    # the watch recorded.
    out["state"] = dom.state()
    dom.undefine()
    conn.close()
    print(json.dumps(out))
""")


def case_embedded(d):
    """The embedded driver with an event loop: a QEMU killed from
    outside is stopped (crashed), announced and reaped without a call."""
    d.stop()
    diag = ""
    # No daemon on this root now: the command says so.
    r = subprocess.run([VIRTQEMUD, "--root", d.root, "--shutdown-guests"],
                       capture_output=True, text=True, env=environ(), timeout=30)
    if r.returncode != 1 or f"no virtqemud runs on '{d.root}/run'" not in r.stderr:
        diag += f"--shutdown-guests without a daemon: exit {r.returncode}: {r.stderr!r}\n"
    uri = f"qemu:///embed?root={d.root}"
    xml = domain_xml("emb1", str(uuidmod.uuid4()))
    r = subprocess.run(["/usr/bin/python3", "-c", EMBED_CLIENT, uri, xml],
                       capture_output=True, text=True, timeout=120,
                       env=environ({"LD_LIBRARY_PATH": os.path.join(BUILDDIR, "..", "src")}))
    if r.returncode != 0:
        return diag + f"embedded client failed: {r.stderr}"
    out = json.loads(r.stdout)
    print(f"# embedded: SIGKILL to STOPPED/FAILED: {out['latency_ms']} ms")
    if out["events"] != [[DEFINED, ADDED], [STARTED, BOOTED], [STOPPED, STOPPED_FAILED]]:
        diag += f"events {out['events']}\n"
    if out["state"] != [5, 3]:
        diag += f"state {out['state']}, not shut off (crashed)\n"
    if out["in_proc"]:
        diag += "QEMU was not reaped by the process running the driver\n"
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
        "autostart: once per host boot": with_daemon(case_autostart),
        "embedded driver with an event loop: a killed QEMU noticed on its pidfd": with_daemon(case_embedded),
        "host shutdown of 20: deadline, graceful destroy, SIGKILL only where configured, the report":
            with_daemon(case_host_shutdown, qemu_conf=HOST_SHUTDOWN_CONF),
        "host shutdown: a QEMU stuck in the kernel holds nobody past the deadline":
            with_daemon(case_host_shutdown_stuck, qemu_conf=STUCK_CONF),
        "host shutdown with the daemon restarted half-way": with_daemon(
            case_host_shutdown_restart, qemu_conf=HOST_SHUTDOWN_CONF),
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
