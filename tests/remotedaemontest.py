#!/usr/bin/env python3
#
# remotedaemontest.py: virtqemud on a private root, driven by Debian's
# own clients (virsh, python3-libvirt, Sys::Virt) and by raw frames
#
# Every case starts its own daemon with --root, so nothing outside a
# temporary directory is touched, and QEMU is the real one.  The test is
# the QEMUs' subreaper: whatever a daemon leaves behind is ours to find
# and reap.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import json
import socket
import struct
import textwrap

from virshtestutils import *

VIRTQEMUD = os.environ.get("VIRTQEMUD", os.path.join(BUILDDIR, "..", "src", "virtqemud"))

REMOTE = 0x20008086
KEEPALIVE = 0x6b656570
CALL, REPLY, MESSAGE = 0, 1, 2


class Daemon:
    """A virtqemud on a root of its own."""

    def __init__(self, qemu_conf=QEMU_CONF, conf=None, root=None):
        self.root = root or make_root(qemu_conf)
        os.chmod(self.root, 0o755)
        self.proc = None
        self.conf = conf
        self.rw = os.path.join(self.root, "run", "virtqemud-sock")
        self.ro = os.path.join(self.root, "run", "virtqemud-sock-ro")
        self.uri = f"qemu+unix:///system?socket={self.rw}"
        self.rouri = f"qemu+unix:///system?socket={self.ro}"

    def start(self, extra=(), wait=True):
        argv = [VIRTQEMUD, "--root", self.root] + list(extra)
        if self.conf is not None:
            path = os.path.join(self.root, "etc", "virtqemud.conf")
            with open(path, "w") as f:
                f.write(self.conf)
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=environ())
        if not wait:
            return self
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail(f"virtqemud exited {self.proc.returncode}: {self.proc.stderr.read()}")
            try:
                # Both sockets accept connections: each is listening, so
                # its mode is set (the daemon binds with mode 0, then
                # chmods, then listens); the read-only one comes second.
                for path in (self.rw, self.rw + "-ro"):
                    s = socket.socket(socket.AF_UNIX)
                    try:
                        s.connect(path)
                    finally:
                        s.close()
                return self
            except OSError:
                pass
            time.sleep(0.02)
        fail("virtqemud did not listen within 20 s")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                fail(f"virtqemud ignored signal {sig}")
        rc = self.proc.returncode if self.proc else 0
        if self.proc:
            self.proc.stdout.close()
            self.proc.stderr.close()
        self.proc = None
        return rc

    def close(self):
        self.stop(signal.SIGKILL)
        leaked = cleanup_qemus(self.root)
        remove_tree(self.root)
        return leaked

    def xml(self, name, uuid=None, **kw):
        import uuid as uuidmod
        path = os.path.join(self.root, "files", name + ".xml")
        with open(path, "w") as f:
            f.write(domain_xml(name, uuid or str(uuidmod.uuid4()), **kw))
        return path

    def qemu_pid(self, name):
        return find_qemu(self.root, name)


def find_qemu(root, name):
    """The pid of the QEMU of domain @name under @root, by its command
    line (where the driver keeps its pid file is the driver's business)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        args = proc_cmdline(int(entry))
        if f"guest={name}," in args and root + "/" in args and \
           (proc_stat(int(entry)) or ("", "X"))[1] not in ("Z", "X"):
            return int(entry)
    fail(f"no QEMU runs for {name} under {root}")


def virsh(prog, uri, *args, user=None, timeout=60):
    argv = [prog, "-c", uri] + list(args)
    if user:
        argv = ["runuser", "-u", user, "--"] + argv
    r = subprocess.run(argv, capture_output=True, text=True, env=environ(),
                       stdin=subprocess.DEVNULL, timeout=timeout)
    return r.stdout, r.stderr, r.returncode


def must(res, what):
    out, err, rc = res
    if rc != 0:
        fail(f"{what}: exit {rc}: {err.strip()}")
    return out


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


# The same commands through Debian's virsh and ours; the outputs must
# be the same but for the domain's ID and the CPU time it used.
LIFECYCLE = [
    ["define", "{xml}"], ["start", "cmp1"], ["list", "--all"], ["dominfo", "cmp1"],
    ["domstate", "--reason", "cmp1"], ["dumpxml", "cmp1"], ["domid", "cmp1"],
    ["destroy", "--graceful", "cmp1"], ["domstate", "--reason", "cmp1"],
    ["start", "cmp1"], ["destroy", "cmp1"], ["destroy", "cmp1"],
    ["domstate", "nosuchdom"], ["undefine", "cmp1"], ["list", "--all"],
    ["version"], ["hostname"], ["uri"],
]


def normalize(text):
    text = re.sub(r"^(Id:\s+)\d+$", r"\1N", text, flags=re.M)
    text = re.sub(r"^(\s*)\d+(\s+cmp1\s)", r"\1N\2", text, flags=re.M)
    text = re.sub(r"^(CPU time:\s+)[\d.]+s$", r"\1Xs", text, flags=re.M)
    text = re.sub(r"id='\d+'", "id='N'", text)
    text = re.sub(r"^\d+\n$", "N\n", text)
    return text


def case_virsh_compare(d):
    xml = d.xml("cmp1", "c0ffee00-0000-4000-8000-000000000001")
    out = ""
    results = {}
    for prog in (UPSTREAM_VIRSH, VIRSH):
        res = []
        for args in LIFECYCLE:
            args = [a.format(xml=xml) for a in args]
            o, e, rc = virsh(prog, d.uri, *args)
            res.append((args, normalize(o), e, rc))
        results[prog] = res
    for (args, o1, e1, r1), (_, o2, e2, r2) in zip(results[UPSTREAM_VIRSH], results[VIRSH]):
        if (o1, e1, r1) != (o2, e2, r2):
            out += (f"virsh {' '.join(args)}\n--- Debian's: exit {r1}\n{o1}{e1}"
                    f"--- ours: exit {r2}\n{o2}{e2}")
    # The lifecycle itself, not only agreement: a graceful destroy of an
    # idle guest succeeded, and the state read back said why.
    args, o, e, rc = results[UPSTREAM_VIRSH][8]
    if o != "shut off (destroyed)\n\n":
        out += f"after destroy --graceful: {o!r} {e!r}\n"
    args, o, e, rc = results[UPSTREAM_VIRSH][11]
    if rc != 1 or "domain is not running" not in e:
        out += f"a second destroy: exit {rc}, {e!r}\n"
    return out


def case_event_all(d):
    """virsh event --all registers every one of the 27 event IDs (as Nova,
    VDSM and KubeVirt register many): all accepted, all deregistered."""
    o, e, rc = virsh(UPSTREAM_VIRSH, d.uri, "event", "--all", "--loop", "--timeout", "1")
    # virsh exits 1 when it received no event; a refused registration
    # would be an error message.
    if e or o != "event loop timed out\nevents received: 0\n\n":
        return f"virsh event --all: exit {rc}: {o!r} {e!r}"
    return ""


def freeze_started(d, name, prog=UPSTREAM_VIRSH):
    must(virsh(prog, d.uri, "define", d.xml(name)), "define")
    must(virsh(prog, d.uri, "start", name), "start")
    pid = d.qemu_pid(name)
    os.kill(pid, signal.SIGSTOP)
    return pid


def case_event_disconnect(d):
    """The daemon dies under `virsh event --loop`: Debian's virsh and ours
    say so in the same words, stop waiting and exit 1."""
    procs = {}
    for prog in (UPSTREAM_VIRSH, VIRSH):
        procs[prog] = subprocess.Popen([prog, "-c", d.uri, "event", "--loop", "--all"],
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True, env=environ())
    # Registered once connected; a loaded machine takes its time.
    time.sleep(1.5)
    d.stop(signal.SIGKILL)
    out = ""
    got = {}
    for prog, p in procs.items():
        try:
            o, e = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            o, e = p.communicate()
            out += f"{prog} still waited 30 s after the daemon died\n"
        got[prog] = (o, e, p.returncode)
    want = ("events received: 0\n\n",
            f"error: Disconnected from {d.uri} due to end of file\n"
            "error: internal error: client socket is closed\n", 1)
    for prog, res in got.items():
        if res != want:
            out += f"{prog}: {res!r}, not {want!r}\n"
    return out


def case_graceful_frozen(d):
    pid = freeze_started(d, "frozen1")
    try:
        out, err, rc = virsh(UPSTREAM_VIRSH, d.uri, "destroy", "--graceful", "frozen1")
        if rc != 1 or "failed to kill qemu process with SIGTERM" not in err:
            return f"destroy --graceful of a frozen QEMU: exit {rc}: {out}{err}"
        if proc_stat(pid) is None or proc_stat(pid)[1] in ("Z", "X"):
            return "QEMU was killed by a graceful destroy"
        state = must(virsh(UPSTREAM_VIRSH, d.uri, "domstate", "frozen1"), "domstate")
        if state != "running\n\n":
            return f"state after a failed graceful destroy: {state!r}"
    finally:
        os.kill(pid, signal.SIGCONT)
    # The SIGTERM it could not act on is still pending: once thawed,
    # QEMU exits by itself and the daemon notices.
    if not wait_gone(pid, 10):
        return "a thawed QEMU did not act on its pending SIGTERM"
    return wait_state(d, "frozen1", "shut off")


def wait_state(d, name, want, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        o, e, rc = virsh(UPSTREAM_VIRSH, d.uri, "domstate", name)
        if o == want + "\n\n":
            return ""
        if time.monotonic() > deadline:
            return f"state of {name}: {o!r}{e!r}, wanted {want!r}"
        time.sleep(0.1)


def case_read_only(d):
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", d.xml("ro1")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "ro1"), "start")
    out = ""
    listing = must(virsh(UPSTREAM_VIRSH, d.rouri, "list", "--all"), "read-only list")
    if "ro1" not in listing or "running" not in listing:
        out += f"read-only list: {listing!r}\n"
    for args, api in ((["destroy", "ro1"], "virDomainDestroy"),
                      (["destroy", "--graceful", "ro1"], "virDomainDestroyFlags"),
                      (["suspend", "ro1"], "virDomainSuspend"),
                      (["undefine", "ro1"], "virDomainUndefineFlags"),
                      (["define", d.xml("ro2")], "virDomainDefineXML")):
        o, e, rc = virsh(UPSTREAM_VIRSH, d.rouri, *args)
        want = f"error: operation forbidden: read only access prevents {api}"
        if rc != 1 or want not in e:
            out += f"read-only {' '.join(args)}: exit {rc}: {e!r}, wanted {want!r}\n"
    state = must(virsh(UPSTREAM_VIRSH, d.uri, "domstate", "ro1"), "domstate")
    if state != "running\n\n":
        out += f"a read-only client changed the domain: {state!r}\n"
    names = must(virsh(UPSTREAM_VIRSH, d.uri, "list", "--all", "--name"), "list")
    if "ro2" in names:
        out += "a read-only client defined a domain\n"
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "ro1"), "destroy")
    return out


def case_non_root(d):
    out = ""
    o, e, rc = virsh(UPSTREAM_VIRSH, d.uri, "list", "--all", user="nobody")
    if rc != 1 or "Permission denied" not in e:
        out += f"nobody on the read-write socket: exit {rc}: {o}{e}"
    o, e, rc = virsh(UPSTREAM_VIRSH, d.rouri, "list", "--all", user="nobody")
    if rc != 0:
        out += f"nobody on the read-only socket: exit {rc}: {e}"
    # Even with the socket opened up, the daemon checks who connects.
    os.chmod(d.rw, 0o666)
    o, e, rc = virsh(UPSTREAM_VIRSH, d.uri, "list", "--all", user="nobody")
    if rc != 1 or "read-write access denied" not in e:
        out += f"nobody on a world-writable read-write socket: exit {rc}: {o}{e}"
    return out


PYTHON_CLIENT = textwrap.dedent("""
    import json, os, signal, sys, threading, time
    import libvirt

    uri, xml, root = sys.argv[1:4]
    events = []
    libvirt.virEventRegisterDefaultImpl()
    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=loop, daemon=True).start()
    conn = libvirt.open(uri)
    def cb(conn, dom, event, detail, opaque):
        events.append([dom.name(), event, detail])
    cbid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, cb, None)
    # As Nova, VDSM and KubeVirt do: registrations for other IDs succeed.
    others = [conn.domainEventRegisterAny(None, i, lambda *a: None, None)
              for i in (libvirt.VIR_DOMAIN_EVENT_ID_REBOOT,
                        libvirt.VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                        libvirt.VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE)]
    out = {}
    out["node"] = conn.getInfo()[0]
    out["caps"] = "<capabilities>" in conn.getCapabilities()
    dom = conn.createXML(xml, 0)
    out["state"] = dom.state()
    out["info"] = dom.info()[0]
    out["name"] = conn.lookupByName(dom.name()).name()
    def find_qemu():
        for entry in os.listdir("/proc"):
            try:
                args = open(f"/proc/{entry}/cmdline", "rb").read().replace(b"\\0", b" ").decode()
            except (OSError, ValueError):
                continue
            if f"guest={dom.name()}," in args and root + "/" in args:
                return int(entry)
    pid = find_qemu()
    os.kill(pid, signal.SIGSTOP)
    try:
        dom.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL)
        out["graceful"] = "succeeded"
    except libvirt.libvirtError as e:
        out["graceful"] = [e.get_error_code(), e.get_error_domain(), str(e)]
    out["alive"] = dom.isActive()
    os.kill(pid, signal.SIGCONT)
    # The pending SIGTERM ends it now; a transient domain then is gone.
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            dom.state()
        except libvirt.libvirtError as e:
            out["gone"] = e.get_error_code()
            break
        time.sleep(0.05)
    dom2 = conn.createXML(xml, 0)
    dom2.destroy()
    while len(events) < 4 and time.time() < deadline:
        time.sleep(0.05)
    out["events"] = events
    for i in others:
        conn.domainEventDeregisterAny(i)
    conn.domainEventDeregisterAny(cbid)
    conn.close()
    print(json.dumps(out))
""")


def case_python(d):
    xml = domain_xml("py1", "c0ffee00-0000-4000-8000-0000000000f1")
    # Debian's python3, which has Debian's python3-libvirt.
    r = subprocess.run(["/usr/bin/python3", "-c", PYTHON_CLIENT, d.uri, xml, d.root],
                       capture_output=True, text=True, env=environ(), timeout=120)
    if r.returncode != 0:
        return f"python3-libvirt client failed: {r.stderr}"
    out = json.loads(r.stdout)
    diag = ""
    if out["node"] != "x86_64" or not out["caps"]:
        diag += f"node info, capabilities: {out['node']!r} {out['caps']}\n"
    if out["state"] != [1, 1] or out["info"] != 1 or out["name"] != "py1":
        diag += f"state/info/lookup: {out}\n"
    g = out["graceful"]
    if not isinstance(g, list) or g[0] != 9 or "failed to kill qemu process with SIGTERM" not in g[2]:
        diag += f"destroyFlags(GRACEFUL) on a frozen QEMU: {g}\n"
    if out["alive"] != 1:
        diag += "the domain was not running after a failed graceful destroy\n"
    if out.get("gone") != 42:
        diag += f"a destroyed transient domain: {out.get('gone')}\n"
    # STARTED/BOOTED; STOPPED when the thawed QEMU ended on the SIGTERM
    # it still had (the detail is the driver's business); STARTED again
    # and STOPPED/DESTROYED.
    ev = out["events"]
    if len(ev) != 4 or ev[0] != ["py1", 2, 0] or ev[1][:2] != ["py1", 5] or \
       ev[2:] != [["py1", 2, 0], ["py1", 5, 1]]:
        diag += f"lifecycle events: {out['events']}\n"
    return diag


PERL_CLIENT = textwrap.dedent("""
    use strict; use warnings;
    use Sys::Virt;
    my ($uri, $xml) = @ARGV;
    my $c = Sys::Virt->new(uri => $uri);
    my $d = $c->define_domain($xml);
    $d->create();
    my $info = $d->get_info();
    print "state=$info->{state} mem=$info->{maxMem} vcpu=$info->{nrVirtCpu}\\n";
    print "active=", $d->is_active(), " persistent=", $d->is_persistent(), "\\n";
    my @all = $c->list_all_domains();
    print "domains=", scalar(@all), "\\n";
    $d->destroy(Sys::Virt::Domain::DESTROY_GRACEFUL);
    my ($state, $reason) = $d->get_state();
    print "state=$state reason=$reason\\n";
    $d->undefine();
    eval { $c->get_domain_by_name("pl1") };
    print "lookup after undefine: ", $@->code, "\\n";
""")


def case_perl(d):
    xml = domain_xml("pl1", "c0ffee00-0000-4000-8000-0000000000e1")
    r = subprocess.run(["perl", "-e", PERL_CLIENT, d.uri, xml],
                       capture_output=True, text=True, env=environ(), timeout=120)
    want = ("state=1 mem=65536 vcpu=1\nactive=1 persistent=1\ndomains=1\n"
            "state=5 reason=2\nlookup after undefine: 42\n")
    if r.returncode != 0 or r.stdout != want:
        return f"Sys::Virt client: exit {r.returncode}\n{r.stdout}{r.stderr}"
    return ""


def frame(prog, proc, typ, serial, status=0, payload=b"", vers=1):
    hdr = struct.pack(">IIiIII", prog, vers, proc, typ, serial, status)
    return struct.pack(">I", 4 + len(hdr) + len(payload)) + hdr + payload


def xstr(s):
    b = s.encode()
    return struct.pack(">I", len(b)) + b + b"\0" * ((4 - len(b) % 4) % 4)


class Raw:
    """A client speaking frames by hand."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.settimeout(30)
        self.s.connect(path)
        self.serial = 0

    def send(self, data):
        self.s.sendall(data)

    def recv_frame(self):
        buf = b""
        while len(buf) < 4:
            chunk = self.s.recv(4 - len(buf))
            if not chunk:
                return None
            buf += chunk
        (n,) = struct.unpack(">I", buf)
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        prog, vers, proc, typ, serial, status = struct.unpack(">IIiIII", buf[4:28])
        return {"prog": prog, "vers": vers, "proc": proc, "type": typ,
                "serial": serial, "status": status, "payload": buf[28:]}

    def reply(self):
        while True:
            f = self.recv_frame()
            if f is None or f["type"] == REPLY:
                return f

    def call(self, proc, payload=b"", prog=REMOTE, vers=1):
        self.serial += 1
        self.send(frame(prog, proc, CALL, self.serial, payload=payload, vers=vers))
        return self.reply()

    def open(self):
        if self.call(66)["status"] != 0:
            fail("AUTH_LIST failed")
        r = self.call(1, struct.pack(">I", 1) + xstr("qemu:///system") + struct.pack(">I", 0))
        if r["status"] != 0:
            fail(f"CONNECT_OPEN failed: {error_of(r)}")

    def closed(self):
        try:
            return self.s.recv(1) == b""
        except ConnectionResetError:
            return True

    def close(self):
        self.s.close()


def error_of(f):
    p = f["payload"]
    code, domain = struct.unpack(">ii", p[:8])
    msg = None
    if struct.unpack(">I", p[8:12])[0]:
        (n,) = struct.unpack(">I", p[12:16])
        msg = p[16:16 + n].decode()
    return code, domain, msg


def case_wire_faults(d):
    out = ""
    c = Raw(d.rw)
    # A call before the handshake.
    r = c.call(59)
    if r["status"] != 1 or error_of(r) != (1, 7, "internal error: hypervisor connection not open"):
        out += f"call before open: {r['status']} {error_of(r) if r['status'] else ''}\n"
    c.open()
    checks = [
        ("unknown procedure", dict(proc=9999), (39, 7, "unknown procedure: 9999")),
        ("unknown program", dict(proc=1, prog=0x1234), (39, 7, "Cannot find program 4660 version 1")),
        ("wrong version", dict(proc=59, vers=2), (39, 7, "Cannot find program 536903814 version 2")),
        ("an event procedure called", dict(proc=318), (39, 7, "unknown procedure: 318")),
        ("bad XDR", dict(proc=23, payload=struct.pack(">I", 100) + b"abc"),
         (39, 7, "Unable to decode message payload")),
        ("trailing bytes", dict(proc=59, payload=b"\0\0\0\0"),
         (39, 7, "Unable to decode message payload")),
        ("string over REMOTE_STRING_MAX", dict(proc=23, payload=struct.pack(">I", 4194305)),
         (39, 7, "Unable to decode message payload")),
        ("unsupported procedure", dict(proc=53, payload=xstr("nosuchdom") + bytes(16)
                                       + struct.pack(">i", -1) + xstr("/tmp/x") + struct.pack(">I", 0)),
         (3, 20, "this function is not supported by the connection driver: virDomainCoreDump")),
        ("missing domain", dict(proc=23, payload=xstr("nosuchdom")),
         (42, 10, "Domain not found: no domain with matching name 'nosuchdom'")),
    ]
    for name, kw, want in checks:
        r = c.call(kw.pop("proc"), **kw)
        got = error_of(r) if r and r["status"] == 1 else r
        if got != want:
            out += f"{name}: {got}, wanted {want}\n"
    # A call with descriptors (none passed): an error reply, not silence.
    c.serial += 1
    c.send(frame(REMOTE, 59, 4, c.serial))
    r = c.reply()
    if not r or r["status"] != 1 or error_of(r)[2] != "passing file descriptors is not supported":
        out += f"CALL_WITH_FDS: {r and error_of(r)}\n"
    # The connection survived all of that.
    r = c.call(59)
    if not r or r["status"] != 0:
        out += "the connection did not survive error replies\n"
    # Pipelined calls, more than max_client_requests (5): all answered.
    for i in range(12):
        c.send(frame(REMOTE, 59, CALL, 1000 + i))
    serials = []
    while len(serials) < 12:
        f = c.recv_frame()
        if f is None:
            break
        if f["type"] == REPLY and f["status"] == 0:
            serials.append(f["serial"])
    if sorted(serials) != list(range(1000, 1012)):
        out += f"12 pipelined calls: replies to {sorted(serials)}\n"
    # Keepalive: a PING is answered with a PONG.
    c.send(frame(KEEPALIVE, 1, MESSAGE, 0))
    f = c.recv_frame()
    if not f or (f["prog"], f["proc"], f["type"]) != (KEEPALIVE, 2, MESSAGE):
        out += f"PING got {f}\n"
    c.close()
    # Frames that cannot be frames close the connection.
    for name, data in (("a length below the header", struct.pack(">I", 8) + b"\0" * 8),
                       ("a length over the limit", struct.pack(">I", 33554432 + 5)),
                       ("a frame cut short", struct.pack(">I", 100) + b"\0" * 20)):
        c = Raw(d.rw)
        c.send(data)
        if name == "a frame cut short":
            c.s.shutdown(socket.SHUT_WR)
        if not c.closed():
            out += f"{name}: the connection stayed open\n"
        c.close()
    # And the daemon still serves.
    must(virsh(UPSTREAM_VIRSH, d.uri, "list", "--all"), "list after faults")
    return out


def case_keepalive(d):
    """keepalive_interval 1, keepalive_count 2: a client that asked about
    PROGRAM_KEEPALIVE is pinged after a silent second and dropped after
    three; one that did not ask is left alone."""
    out = ""
    c = Raw(d.rw)
    r = c.call(60, struct.pack(">i", 10))
    if r["status"] != 0 or r["payload"] != struct.pack(">i", 1):
        out += f"feature 10: {r}\n"
    c.open()
    quiet = Raw(d.rw)
    quiet.open()
    start = time.monotonic()
    f = c.recv_frame()
    if not f or (f["prog"], f["proc"], f["type"]) != (KEEPALIVE, 1, MESSAGE):
        out += f"no PING: {f}\n"
    elif not 0.8 < time.monotonic() - start < 3:
        out += f"PING after {time.monotonic() - start:.1f} s\n"
    c.send(frame(KEEPALIVE, 2, MESSAGE, 0))
    # Now silent: PING, PING, then the daemon hangs up.
    pings = 0
    while True:
        f = c.recv_frame()
        if f is None:
            break
        pings += f["proc"] == 1
    waited = time.monotonic() - start
    if pings != 2 or not 3 < waited < 8:
        out += f"an unanswering client: {pings} more PINGs, closed after {waited:.1f} s\n"
    quiet.s.settimeout(0.2)
    try:
        f = quiet.recv_frame()
        out += f"a client that never asked got {f}\n"
    except socket.timeout:
        pass
    quiet.s.settimeout(30)
    r = quiet.call(59)
    if not r or r["status"] != 0:
        out += "a client that never asked was dropped\n"
    c.close()
    quiet.close()
    return out


def case_raw_events(d):
    """Both registration styles on the wire: 316 answers a callback ID and
    lifecycle events come as 318 carrying it; the legacy 167 (what a
    client does when feature 14 is off) gets 107 without one, and
    refuses IDs the legacy procedures never knew, as upstream."""
    out = ""
    c = Raw(d.rw)
    c.open()
    r = c.call(316, struct.pack(">iI", 0, 0))
    if r["status"] != 0:
        return f"316: {error_of(r)}"
    (cbid,) = struct.unpack(">i", r["payload"])
    r = c.call(167, struct.pack(">i", 0))
    if r["status"] != 0:
        return f"167: {error_of(r)}"
    r = c.call(167, struct.pack(">i", 16))
    if r["status"] != 1 or error_of(r)[2] != "internal error: unsupported event ID 16":
        out += f"legacy registration of ID 16: {r['status']} {error_of(r) if r['status'] else ''}\n"
    xml = domain_xml("ev1", "c0ffee00-0000-4000-8000-0000000000d1")
    c.serial += 1
    c.send(frame(REMOTE, 10, CALL, c.serial, payload=xstr(xml) + struct.pack(">I", 0)))
    seen = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (
            (318, 2) in seen and (107, 2) in seen and any(s[0] == REPLY for s in seen)):
        f = c.recv_frame()
        if f is None:
            break
        if f["type"] == MESSAGE and f["proc"] == 318:
            (got,) = struct.unpack(">i", f["payload"][:4])
            if got != cbid:
                out += f"318 carried callback {got}, registered {cbid}\n"
            event = struct.unpack(">ii", f["payload"][-8:])
            seen.append((318, event[0]))
            if f["serial"] != 1:
                out += f"event serial {f['serial']}\n"
        elif f["type"] == MESSAGE and f["proc"] == 107:
            seen.append((107, struct.unpack(">ii", f["payload"][-8:])[0]))
        elif f["type"] == REPLY:
            seen.append((REPLY, f["status"]))
    if (318, 2) not in seen or (107, 2) not in seen:
        out += f"STARTED events: {seen}\n"
    r = c.call(317, struct.pack(">i", cbid))
    r2 = c.call(168, struct.pack(">i", 0))
    r3 = c.call(317, struct.pack(">i", cbid))
    if r["status"] != 0 or r2["status"] != 0 or r3["status"] != 1:
        out += f"deregistrations: {r['status']} {r2['status']} {r3['status']}\n"
    c.close()
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "ev1"), "destroy")
    return out


def case_clients_200(d):
    clients = []
    try:
        for _ in range(200):
            c = Raw(d.rw)
            clients.append(c)
            c.open()
        for c in clients:
            c.serial += 1
            c.send(frame(REMOTE, 51, CALL, c.serial))
        bad = 0
        for c in clients:
            r = c.reply()
            if not r or r["status"] != 0 or r["payload"] != struct.pack(">i", 0):
                bad += 1
        if bad:
            return f"{bad} of 200 clients were not served"
    finally:
        for c in clients:
            c.close()
    return ""


def case_vanishing_client(d):
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", d.xml("van1", "c0ffee00-0000-4000-8000-0000000000a1")), "define")
    c = Raw(d.rw)
    c.open()
    # DOMAIN_CREATE, then gone before the reply.
    import uuid
    dom = (xstr("van1") + uuid.UUID("c0ffee00-0000-4000-8000-0000000000a1").bytes
           + struct.pack(">i", -1))
    c.send(frame(REMOTE, 9, CALL, 7, payload=dom))
    c.close()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        o, e, rc = virsh(UPSTREAM_VIRSH, d.uri, "domstate", "van1")
        if o == "running\n\n":
            break
        time.sleep(0.1)
    else:
        return f"the call of a vanished client did not complete: {o}{e}"
    # Its job is over: the domain can be destroyed and undefined.
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "van1"), "destroy")
    must(virsh(UPSTREAM_VIRSH, d.uri, "undefine", "van1"), "undefine")
    return ""


def case_kill_restart(d):
    names = [f"k{i:02d}" for i in range(20)]
    for n in names:
        must(virsh(UPSTREAM_VIRSH, d.uri, "define", d.xml(n)), "define")
        must(virsh(UPSTREAM_VIRSH, d.uri, "start", n), "start")
    pids = {n: d.qemu_pid(n) for n in names}
    d.stop(signal.SIGKILL)
    d.start()
    out = ""
    listing = must(virsh(UPSTREAM_VIRSH, d.uri, "list", "--all"), "list")
    running = re.findall(r"^\s+\d+\s+(k\d\d)\s+running$", listing, re.M)
    if sorted(running) != names:
        out += f"after the restart, running: {running}\n{listing}"
    for n in names:
        o, e, rc = virsh(UPSTREAM_VIRSH, d.uri, "destroy", n)
        if rc != 0:
            out += f"destroy {n}: {e}"
        elif not wait_gone(pids[n], 5):
            out += f"QEMU of {n} still runs after its destroy\n"
    return out


def case_sigterm_leaves_guests(d):
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", d.xml("t1")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "t1"), "start")
    pid = d.qemu_pid("t1")
    rc = d.stop(signal.SIGTERM)
    out = ""
    if rc != 0:
        out += f"virtqemud exited {rc} on SIGTERM\n"
    if os.path.exists(d.rw) or os.path.exists(d.ro):
        out += "the sockets stayed after SIGTERM\n"
    st = proc_stat(pid)
    if not st or st[1] in ("Z", "X"):
        return out + "SIGTERM to the daemon ended the guest\n"
    d.start()
    state = must(virsh(UPSTREAM_VIRSH, d.uri, "domstate", "t1"), "domstate")
    if state != "running\n\n":
        out += f"after the restart: {state!r}\n"
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "t1"), "destroy")
    return out


def case_second_daemon(d):
    other = Daemon(root=d.root)
    other.start(wait=False)
    try:
        rc = other.proc.wait(20)
        err = other.proc.stderr.read()
    finally:
        other.stop(signal.SIGKILL)
    want = f"another virtqemud (pid {d.proc.pid}) holds '{d.root}/run'"
    if rc != 1 or want not in err:
        return f"a second daemon on the root: exit {rc}: {err!r}, wanted {want!r}"
    must(virsh(UPSTREAM_VIRSH, d.uri, "list"), "the first still serves")
    return ""


def case_config(d):
    out = ""
    path = os.path.join(d.root, "files", "bad.conf")
    for text, want in (
            ("max_workers = 4\nbogus_key = 1\n", f"{path}:2: unknown setting 'bogus_key'"),
            ("unix_sock_rw_perms = \"0999\"\n", "unix_sock_rw_perms must be an octal mode"),
            ("max_workers = 0\n", "max_workers must be at least 1"),
            ("unix_sock_group = \"no-such-group-here\"\n", "is not a group of this host")):
        with open(path, "w") as f:
            f.write(text)
        r = subprocess.run([VIRTQEMUD, "--root", d.root, "-f", path],
                           capture_output=True, text=True, env=environ(), timeout=20)
        if r.returncode != 1 or want not in r.stderr:
            out += f"{text!r}: exit {r.returncode}: {r.stderr!r}, wanted {want!r}\n"
    r = subprocess.run([VIRTQEMUD, "--root", d.root, "-f", path + ".missing"],
                       capture_output=True, text=True, env=environ(), timeout=20)
    if r.returncode != 1 or "bad.conf.missing" not in r.stderr:
        out += f"a missing -f file: exit {r.returncode}: {r.stderr!r}\n"
    return out


def case_config_applied(d):
    """The settings a daemon was started with: socket modes and place."""
    sockdir = os.path.join(d.root, "socks")
    st_rw = os.stat(os.path.join(sockdir, "virtqemud-sock")).st_mode & 0o777
    st_ro = os.stat(os.path.join(sockdir, "virtqemud-sock-ro")).st_mode & 0o777
    out = ""
    if (st_rw, st_ro) != (0o660, 0o640):
        out += f"socket modes {oct(st_rw)} {oct(st_ro)}\n"
    uri = f"qemu+unix:///system?socket={sockdir}/virtqemud-sock"
    must(virsh(UPSTREAM_VIRSH, uri, "list"), "list on the configured socket")
    return out


def case_socket_activation(d):
    """systemd's way: the sockets made beforehand, passed as fds 3 and 4
    with LISTEN_FDS and LISTEN_PID; the daemon makes none of its own."""
    d.stop()
    sockdir = os.path.join(d.root, "activated")
    os.makedirs(sockdir)
    socks = []
    for name in ("virtqemud-sock", "virtqemud-sock-ro"):
        s = socket.socket(socket.AF_UNIX)
        s.bind(os.path.join(sockdir, name))
        s.listen(16)
        socks.append(s)
    pidfile = os.path.join(d.root, "files", "activated.pid")

    def child():
        os.dup2(socks[0].fileno(), 3)
        os.dup2(socks[1].fileno(), 4)

    p = subprocess.Popen(["sh", "-c", 'LISTEN_PID=$$ LISTEN_FDS=2 exec "$@"', "sh",
                          VIRTQEMUD, "--root", d.root, "--pid-file", pidfile],
                         preexec_fn=child, pass_fds=(3, 4),
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=environ())
    out = ""
    try:
        uri = f"qemu+unix:///system?socket={sockdir}/virtqemud-sock"
        rouri = f"qemu+unix:///system?socket={sockdir}/virtqemud-sock-ro"
        must(virsh(UPSTREAM_VIRSH, uri, "define", d.xml("act1")), "define on an activated socket")
        o, e, rc = virsh(UPSTREAM_VIRSH, rouri, "undefine", "act1")
        if rc != 1 or "read only access prevents" not in e:
            out += f"the activated read-only socket allowed a change: {e!r}\n"
        if os.path.exists(d.rw):
            out += "the daemon made its own socket besides the activated ones\n"
        with open(pidfile) as f:
            if int(f.read()) != p.pid:
                out += "--pid-file does not hold the daemon's pid\n"
    finally:
        p.terminate()
        p.wait(20)
        for s in socks:
            s.close()
    if p.returncode != 0:
        out += f"exit {p.returncode}: {p.stderr.read()}"
    return out


def case_timeout(d):
    d.stop()
    d.start(["--timeout", "1"])
    must(virsh(UPSTREAM_VIRSH, d.uri, "list"), "list")
    try:
        rc = d.proc.wait(10)
    except subprocess.TimeoutExpired:
        return "--timeout 1: still running 10 s after its last client"
    return "" if rc == 0 else f"--timeout exit {rc}"


def case_priority_lane(d):
    """With one ordinary worker stuck behind a frozen QEMU, destroy,
    state and lookups of another domain still answer at once."""
    pid = freeze_started(d, "stuck1")
    must(virsh(UPSTREAM_VIRSH, d.uri, "define", d.xml("free1")), "define")
    must(virsh(UPSTREAM_VIRSH, d.uri, "start", "free1"), "start")
    blocker = subprocess.Popen([UPSTREAM_VIRSH, "-c", d.uri, "suspend", "stuck1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=environ())
    out = ""
    try:
        time.sleep(0.3)
        if blocker.poll() is not None:
            out += "suspend of a frozen QEMU did not block (the case proves nothing)\n"
        for args in (["domstate", "free1"], ["list", "--all"], ["destroy", "free1"]):
            o, e, rc = virsh(UPSTREAM_VIRSH, d.uri, *args, timeout=20)
            if rc != 0:
                out += f"{' '.join(args)} while a call is stuck: {e}"
    finally:
        os.kill(pid, signal.SIGCONT)
        blocker.wait(60)
    must(virsh(UPSTREAM_VIRSH, d.uri, "destroy", "stuck1"), "destroy")
    return out


def case_our_virsh_upstream_wire(d):
    """Our library's remote driver against our daemon, in both
    directions of every call our virsh makes (the same suite runs it
    against Debian's libvirtd in the benchmark)."""
    xml = d.xml("ours1")
    out = ""
    for args in (["define", xml], ["start", "ours1"], ["list", "--all"],
                 ["dominfo", "ours1"], ["domstate", "--reason", "ours1"],
                 ["destroy", "--graceful", "ours1"], ["undefine", "ours1"]):
        o, e, rc = virsh(VIRSH, d.uri, *args)
        if rc != 0:
            out += f"our virsh {' '.join(args)}: {e}"
    return out


UPSTREAM_LIBVIRTD = "/usr/sbin/libvirtd"

# Debian's libvirtd in a mount namespace of its own: its state
# directories are empty file systems there, its configuration copies of
# the host's *.conf files (not the host's domain definitions, which
# another engineer's daemon may be changing) with QEMU as root, no
# security driver and logs to files (what a container needs), its
# sockets in DIR/sock where our clients reach them.
UPSTREAM_SCRIPT = """
set -e
D=$1
cp /etc/libvirt/*.conf "$D/etc/"
printf 'user = "root"\\ngroup = "root"\\ndynamic_ownership = 0\\nremember_owner = 0\\nsecurity_driver = "none"\\nstdio_handler = "file"\\n' >> "$D/etc/qemu.conf"
printf 'unix_sock_dir = "%s/sock"\\nauth_unix_rw = "none"\\nauth_unix_ro = "none"\\n' "$D" >> "$D/etc/libvirtd.conf"
for d in /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt; do
    mkdir -p "$d"
    mount -t tmpfs none "$d"
done
mount --bind "$D/etc" /etc/libvirt
exec /usr/sbin/libvirtd -f /etc/libvirt/libvirtd.conf -p "$D/libvirtd.pid"
"""


def case_our_virsh_debian_libvirtd():
    """Our library's remote driver against Debian's libvirtd 9.0: the
    protocol spoken both ways."""
    d = tempfile.mkdtemp(prefix="lvgup-", dir="/tmp")
    os.makedirs(os.path.join(d, "etc"))
    os.makedirs(os.path.join(d, "sock"))
    uri = f"qemu+unix:///system?socket={d}/sock/libvirt-sock"
    proc = subprocess.Popen(["unshare", "--mount", "--propagation", "private",
                             "sh", "-c", UPSTREAM_SCRIPT, "sh", d],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=environ())
    out = ""
    try:
        deadline = time.monotonic() + 60
        while virsh(UPSTREAM_VIRSH, uri, "uri")[2] != 0:
            if proc.poll() is not None or time.monotonic() > deadline:
                return f"Debian's libvirtd did not start: {proc.stderr.read() if proc.poll() is not None else 'timeout'}"
            time.sleep(0.2)
        xml = os.path.join(d, "up1.xml")
        with open(xml, "w") as f:
            f.write(domain_xml("up1", "c0ffee00-0000-4000-8000-0000000000b1"))
        results = {}
        for args in (["define", xml], ["start", "up1"], ["list", "--all"],
                     ["dominfo", "up1"], ["domstate", "--reason", "up1"],
                     ["destroy", "--graceful", "up1"], ["domid", "up1"],
                     ["undefine", "up1"]):
            o, e, rc = virsh(VIRSH, uri, *args)
            results.setdefault(" ".join(args[:2]), o)
            if rc != 0:
                out += f"our virsh {' '.join(args)} against Debian's libvirtd: {e}"
        if not re.search(r"^ \d+\s+up1\s+running$", results.get("list --all", ""), re.M) and not out:
            out += f"list: {results}\n"
        if results.get("domid up1") != "-\n\n":
            out += f"after destroy --graceful: {results.get('domid up1')!r}\n"
        if "State:          running" not in results.get("dominfo up1", ""):
            out += f"dominfo: {results.get('dominfo up1')!r}\n"
        o, e, rc = virsh(VIRSH, uri, "list", "--all", "--name")
        if rc != 0 or o.strip():
            out += f"after undefine: {o!r} {e!r}\n"
    finally:
        try:
            with open(os.path.join(d, "libvirtd.pid")) as f:
                os.kill(int(f.read()), signal.SIGTERM)
        except (OSError, ValueError):
            proc.kill()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        cleanup_qemus("up1")
        remove_tree(d)
    return out


OUR_LIBRARY_CLIENT = textwrap.dedent("""
    import ctypes, json, sys, threading, time
    lib = ctypes.CDLL(sys.argv[1])
    uri, xml = sys.argv[2].encode(), sys.argv[3].encode()
    P = ctypes.c_void_p
    lib.virConnectOpen.restype = P
    lib.virDomainCreateXML.restype = P
    lib.virDomainCreateXML.argtypes = [P, ctypes.c_char_p, ctypes.c_uint]
    lib.virDomainLookupByName.restype = P
    lib.virDomainLookupByName.argtypes = [P, ctypes.c_char_p]
    lib.virDomainDestroy.argtypes = [P]
    lib.virDomainFree.argtypes = [P]
    lib.virDomainGetName.restype = ctypes.c_char_p
    lib.virDomainGetName.argtypes = [P]
    lib.virConnectGetHostname.restype = P
    lib.virConnectGetHostname.argtypes = [P]
    lib.virConnectIsAlive.argtypes = [P]
    lib.virConnectClose.argtypes = [P]
    lib.virGetLastErrorMessage.restype = ctypes.c_char_p
    lib.virGetLastErrorCode.restype = ctypes.c_int
    CB = ctypes.CFUNCTYPE(ctypes.c_int, P, P, ctypes.c_int, ctypes.c_int, P)
    lib.virConnectDomainEventRegisterAny.argtypes = [P, P, ctypes.c_int, CB, P, P]
    events = []
    def cb(conn, dom, event, detail, opaque):
        events.append([lib.virDomainGetName(dom).decode(), event, detail])
        return 0
    cbfn = CB(cb)
    CLOSECB = ctypes.CFUNCTYPE(None, P, ctypes.c_int, P)
    lib.virConnectRegisterCloseCallback.argtypes = [P, CLOSECB, P, P]
    closed = []
    def closecb(conn, reason, opaque):
        closed.append([reason, threading.current_thread().name])
    closefn = CLOSECB(closecb)
    lib.virEventRegisterDefaultImpl()
    def loop():
        while True:
            lib.virEventRunDefaultImpl()
    threading.Thread(target=loop, name="evloop", daemon=True).start()
    out = {}
    conn = lib.virConnectOpen(uri)
    out["register"] = lib.virConnectDomainEventRegisterAny(conn, None, 0, cbfn, None, None)
    out["close_register"] = lib.virConnectRegisterCloseCallback(conn, closefn, None, None)
    out["close_again"] = lib.virConnectRegisterCloseCallback(conn, closefn, None, None)
    out["close_again_msg"] = lib.virGetLastErrorMessage().decode()
    dom = lib.virDomainCreateXML(conn, xml, 0)
    out["destroy"] = lib.virDomainDestroy(dom)
    out["again"] = lib.virDomainDestroy(dom)
    out["again_msg"] = lib.virGetLastErrorMessage().decode()
    out["missing"] = lib.virDomainLookupByName(conn, b"nosuchdom") or 0
    out["missing_code"] = lib.virGetLastErrorCode()
    out["missing_msg"] = lib.virGetLastErrorMessage().decode()
    deadline = time.time() + 10
    while len(events) < 2 and time.time() < deadline:
        time.sleep(0.02)
    out["events"] = events
    lib.virDomainFree(dom)
    # The daemon goes away: calls fail, they do not hang.
    sys.stdout.write(json.dumps(out) + "\\n")
    sys.stdout.flush()
    sys.stdin.readline()
    deadline = time.time() + 10
    while not closed and time.time() < deadline:
        time.sleep(0.02)
    out2 = {"hostname": lib.virConnectGetHostname(conn) or 0,
            "msg": lib.virGetLastErrorMessage().decode(),
            "alive": lib.virConnectIsAlive(conn),
            "closed": closed}
    lib.virConnectClose(conn)
    sys.stdout.write(json.dumps(out2) + "\\n")
""")


def case_our_library(d):
    """Our libvirt.so.0's remote driver: events, errors, a daemon that
    dies under it."""
    lib = os.path.join(BUILDDIR, "..", "src", "libvirt.so.0")
    xml = domain_xml("lib1", "c0ffee00-0000-4000-8000-0000000000c1")
    p = subprocess.Popen(["python3", "-c", OUR_LIBRARY_CLIENT, lib, d.uri, xml],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=environ())
    out = ""
    try:
        line = p.stdout.readline()
        if not line:
            return f"client failed: {p.stderr.read()}"
        r = json.loads(line)
        if r["register"] < 0 or r["destroy"] != 0:
            out += f"register/destroy: {r}\n"
        # A destroyed transient domain is gone, as with the driver in
        # the process.
        if r["again"] != -1 or r["again_msg"] != (
                "Domain not found: no domain with matching uuid "
                "'c0ffee00-0000-4000-8000-0000000000c1' (lib1)"):
            out += f"a second destroy: {r['again']} {r['again_msg']!r}\n"
        if r["missing"] or r["missing_code"] != 42 or \
           r["missing_msg"] != "Domain not found: no domain with matching name 'nosuchdom'":
            out += f"a missing domain: {r}\n"
        if r["events"] != [["lib1", 2, 0], ["lib1", 5, 1]]:
            out += f"events: {r['events']}\n"
        if r["close_register"] != 0 or r["close_again"] != -1 or \
           r["close_again_msg"] != "Requested operation is not valid: A close callback is already registered":
            out += f"close callback registration: {r}\n"
        d.stop(signal.SIGKILL)
        p.stdin.write("\n")
        p.stdin.flush()
        line = p.stdout.readline()
        p.wait(30)
        if not line:
            return out + f"the client did not survive its daemon's death: {p.stderr.read()}"
        r = json.loads(line)
        if r["hostname"] or r["alive"] != 0 or not r["msg"]:
            out += f"after the daemon died: {r}\n"
        # The close callback ran once, for the end of file, on the
        # application's event loop.
        if r["closed"] != [[1, "evloop"]]:
            out += f"close callback calls: {r['closed']}\n"
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return out


def main():
    become_subreaper()
    for prog in (UPSTREAM_VIRSH, VIRTQEMUD, UPSTREAM_LIBVIRTD):
        if not os.access(prog, os.X_OK):
            print(f"Bail out! {prog} is missing")
            return 1
    conf_applied = ("unix_sock_dir = \"{root}/socks\"\n"
                    "unix_sock_rw_perms = \"0660\"\nunix_sock_ro_perms = \"0640\"\n"
                    "max_workers = 2\nprio_workers = 2\nmax_clients = 10\n"
                    "max_client_requests = 3\n"
                    "keepalive_interval = 5\nkeepalive_count = 5\nmin_workers = 1\n")

    def applied():
        d = Daemon()
        d.conf = conf_applied.format(root=d.root)
        try:
            d.start_socket = os.path.join(d.root, "socks", "virtqemud-sock")
            d.rw = d.start_socket
            d.start()
            return case_config_applied(d)
        finally:
            d.close()

    cases = {
        "Debian's virsh and ours print the same through the daemon": with_daemon(case_virsh_compare),
        "destroy --graceful of a frozen QEMU fails with OPERATION_FAILED and leaves it running": with_daemon(case_graceful_frozen),
        "a read-only client changes nothing": with_daemon(case_read_only),
        "every event ID can be registered": with_daemon(case_event_all),
        "virsh event --loop: the daemon dies, both virshes say so and stop": with_daemon(
            case_event_disconnect),
        "events on the wire, both registration styles": with_daemon(case_raw_events),
        "a non-root user cannot use the read-write socket": with_daemon(case_non_root),
        "python3-libvirt: lifecycle, graceful failure code, events": with_daemon(case_python),
        "Sys::Virt: lifecycle": with_daemon(case_perl),
        "bad frames get error replies or a closed connection": with_daemon(case_wire_faults),
        "200 clients at once are all served": with_daemon(case_clients_200),
        "keepalive: PING after silence, the unanswering client dropped": with_daemon(
            case_keepalive, conf="keepalive_interval = 1\nkeepalive_count = 2\n"),
        "a client that vanishes mid-call leaves no stuck job": with_daemon(case_vanishing_client),
        "SIGKILL with 20 running, restart: all found and destroyable": with_daemon(case_kill_restart),
        "SIGTERM ends the daemon and leaves the guest running": with_daemon(case_sigterm_leaves_guests),
        "a second daemon on the same root refuses, naming the first": with_daemon(case_second_daemon),
        "virtqemud.conf errors name the file and line": with_daemon(case_config),
        "virtqemud.conf settings are applied": applied,
        "--timeout ends an idle daemon": with_daemon(case_timeout),
        "socket activation (LISTEN_FDS) and --pid-file": with_daemon(case_socket_activation),
        "destroy, state and list answer while a call is stuck": with_daemon(
            case_priority_lane, conf="max_workers = 1\n"),
        "our virsh through the remote driver": with_daemon(case_our_virsh_upstream_wire),
        "our virsh against Debian's libvirtd": case_our_virsh_debian_libvirtd,
        "our library: events, errors, a daemon that dies": with_daemon(case_our_library),
    }
    return run_cases(cases, jobs=2)


if __name__ == "__main__":
    main_guard(main)
