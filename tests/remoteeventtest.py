#!/usr/bin/env python3
#
# remoteeventtest.py: every domain event ID over the wire, as clients
# see it
#
# A proxy sits between a client and our virtqemud.  It watches the
# client register its event callbacks (the replies carry the daemon's
# registration IDs) and then writes crafted event MESSAGE frames into
# the daemon-to-client stream: one or more for every event ID, in the
# callback style, or in the legacy style when the proxy has told the
# client that the daemon lacks event callbacks (feature 14).  No guest
# runs: the events are about a domain only the frames know.
#
# Debian's virsh and ours, both `event --loop --all`, must print the
# same bytes, and the lines of upstream's format for each event;
# Debian's python3-libvirt on our library must see each callback's
# arguments as injected.  Malformed frames must be dropped: nothing
# printed, the client alive for the next good event.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import difflib
import json
import socket
import struct
import threading

from virshtestutils import *
from remotedaemontest import Daemon

REMOTE_PROGRAM = 0x20008086
MESSAGE = 2
PROC_SUPPORTS_FEATURE = 60
PROC_REGISTER_LEGACY = 167
PROC_REGISTER_CALLBACK = 316
FEATURE_EVENT_CALLBACK = 14
NEVENTS = 27
LEGACY_NEVENTS = 16    # the IDs procedure 167 knows
TIMEOUT = 60           # bounds a hang; nothing is timed

OUR_LIBDIR = os.path.join(BUILDDIR, "..", "src")


# ---- XDR ----

def u32(v):
    return struct.pack(">I", v & 0xffffffff)


def i32(v):
    return struct.pack(">i", v)


def hyper(v):
    return struct.pack(">q", v)


def uhyper(v):
    return struct.pack(">Q", v)


def xstr(s):
    b = s.encode() if isinstance(s, str) else s
    return u32(len(b)) + b + b"\0" * (-len(b) % 4)


def optstr(s):
    return u32(0) if s is None else u32(1) + xstr(s)


UUID = "5f3c2a1e-9b7d-4c6e-8a2f-0d1e2f3a4b5c"
UUID2 = "00000000-0000-4000-8000-00000000beef"


def dom(name, uuid=UUID, id=7):
    return xstr(name) + bytes.fromhex(uuid.replace("-", "")) + i32(id)


def typed(field, kind, value):
    body = {1: i32, 2: u32, 3: hyper, 4: uhyper,
            5: lambda d: struct.pack(">d", d), 6: i32, 7: xstr}[kind](value)
    return xstr(field) + i32(kind) + body


def params(plist):
    return u32(len(plist)) + b"".join(typed(*p) for p in plist)


def frame(proc, payload, serial=1):
    return (u32(28 + len(payload)) + u32(REMOTE_PROGRAM) + u32(1) + i32(proc) +
            u32(MESSAGE) + u32(serial) + u32(0) + payload)


# ---- The events ----

NAME = "web server \u00e9\u00e9n"    # spaces and UTF-8
NAME2 = "db-2"

TUNABLE_PARAMS = [
    ("cputune.vcpu_quota", 3, -1),
    ("cputune.shares", 4, 18446744073709551615),
    ("cputune.int", 1, -2147483648),
    ("cputune.uint", 2, 4294967295),
    ("cputune.ratio", 5, 0.5),
    ("cputune.big", 5, 123456789.0),
    ("cputune.tiny", 5, -1e-7),
    ("cputune.enabled", 6, 1),
    ("cputune.odd_bool", 6, 7),
    ("cputune.vcpupin0", 7, "0-3 5"),
    ("cputune.empty", 7, ""),
]
JOB_PARAMS = [
    ("type", 1, 3),
    ("time_elapsed", 4, 12345),
    ("data_total", 4, 9007199254740993),
    ("memory_dirty_rate", 3, -9223372036854775808),
    ("compression_ratio", 5, 1.25),
    ("auto_converge", 6, 0),
    ("errmsg", 7, "disk full: /var/lib"),
]


SUBJECT = [("x509dname", "CN=alice, O=example"), ("saslUsername", "bob smith")]


def graphics_body(phase, subject=SUBJECT):
    return (i32(phase) +
            i32(0) + xstr("127.0.0.1") + xstr("5900") +
            i32(1) + xstr("::1") + xstr("41234") +
            xstr("vnc") +
            u32(len(subject)) + b"".join(xstr(t) + xstr(n) for t, n in subject))


def graphics_py(phase):
    return [phase, {"family": 0, "node": "127.0.0.1", "service": "5900"},
            {"family": 1, "node": "::1", "service": "41234"}, "vnc",
            [["x509dname", "CN=alice, O=example"], ["saslUsername", "bob smith"]]]


# Debian's python binding hands some unsigned values to python as signed
# numbers of the same bits (the balloon size, memory failure flags,
# unsigned int parameters): both libraries give it the same bits.
def s32(v):
    return struct.unpack(">i", u32(v))[0]


def s64(v):
    return struct.unpack(">q", uhyper(v))[0]


def py_params(plist):
    out = {}
    for field, kind, value in plist:
        out[field] = {6: bool, 2: s32}.get(kind, lambda x: x)(value)
    return out


class Ev:
    """One event: its ID, the payload of its callback-style procedure
    after the registration ID (@extra goes before the domain: the power
    management events' reason), its legacy procedure and payload, and
    what python's callback gets (after the domain)."""

    def __init__(self, eid, proc, body, py, legacy=None, name=NAME, uuid=UUID,
                 id=7, extra=b"", legacy_body=None):
        self.eid = eid
        self.proc = proc
        self.domain = dom(name, uuid, id)
        self.body = body
        self.extra = extra
        self.py = py
        self.legacy = legacy
        self.legacy_body = body if legacy_body is None else legacy_body
        self.name = name
        self.uuid = uuid
        self.id = id

    def callback_frame(self, cbid):
        return frame(self.proc, i32(cbid) + self.extra + self.domain + self.body)

    def legacy_frame(self):
        return frame(self.legacy, self.domain + self.legacy_body)


EVENTS = [
    Ev(0, 318, i32(5) + i32(1), [5, 1], legacy=107),
    Ev(0, 318, i32(2) + i32(0), [2, 0], legacy=107, name=NAME2, uuid=UUID2, id=-1),
    Ev(0, 318, i32(1) + i32(1), [1, 1], legacy=107),
    Ev(0, 318, i32(100) + i32(-3), [100, -3], legacy=107),
    Ev(0, 318, i32(5) + i32(99), [5, 99], legacy=107),
    Ev(0, 318, i32(8) + i32(1), [8, 1], legacy=107),
    Ev(0, 318, i32(7) + i32(1), [7, 1], legacy=107),
    Ev(1, 319, b"", [], legacy=169),
    Ev(2, 320, hyper(-3600), [-3600], legacy=170),
    Ev(2, 320, hyper(-9223372036854775808), [-9223372036854775808], legacy=170),
    Ev(3, 321, i32(6), [6], legacy=171),
    Ev(3, 321, i32(42), [42], legacy=171),
    Ev(4, 322, xstr("/var/lib/images/disk one.qcow2") + xstr("virtio-disk0") + i32(1),
       ["/var/lib/images/disk one.qcow2", "virtio-disk0", 1], legacy=172),
    Ev(4, 322, xstr("") + xstr("") + i32(-1), ["", "", -1], legacy=172),
    Ev(5, 323, graphics_body(0), graphics_py(0), legacy=173),
    Ev(5, 323, graphics_body(2), graphics_py(2), legacy=173, name=NAME2, uuid=UUID2),
    Ev(5, 323, i32(9) + i32(7) + xstr("") + xstr("") + i32(-1) + xstr("/run/vnc.sock") +
       xstr("") + xstr("") + u32(0),
       [9, {"family": 7, "node": "", "service": ""},
        {"family": -1, "node": "/run/vnc.sock", "service": ""}, "", []], legacy=173),
    Ev(5, 323, graphics_body(1, [("type%d" % i, "name %d" % i) for i in range(20)]),
       graphics_py(1)[:4] + [[["type%d" % i, "name %d" % i] for i in range(20)]],
       legacy=173),
    Ev(6, 324, xstr("/dev/sdc") + xstr("") + i32(5) + xstr(""),
       ["/dev/sdc", "", 5, ""], legacy=195),
    Ev(6, 324, xstr("/dev/sdb") + xstr("scsi0-0-0-1") + i32(2) + xstr("enospc"),
       ["/dev/sdb", "scsi0-0-0-1", 2, "enospc"], legacy=195),
    Ev(7, 325, b"", [], legacy=224),
    Ev(8, 326, xstr("/var/lib/images/a.qcow2") + i32(2) + i32(3),
       ["/var/lib/images/a.qcow2", 2, 3], legacy=241),
    Ev(8, 326, xstr("vdb") + i32(77) + i32(-1), ["vdb", 77, -1], legacy=241),
    Ev(9, 327, optstr(None) + optstr("/tmp/new disc.iso") + xstr("ide0-1-0") + i32(1),
       [None, "/tmp/new disc.iso", "ide0-1-0", 1], legacy=248),
    Ev(9, 327, optstr("") + optstr("") + xstr("") + i32(9), ["", "", "", 9], legacy=248),
    Ev(9, 327, optstr("/tmp/old.iso") + optstr(None) + xstr("sata0-0-0") + i32(0),
       ["/tmp/old.iso", None, "sata0-0-0", 0], legacy=248),
    Ev(10, 328, xstr("ide0-1-0") + i32(0), ["ide0-1-0", 0], legacy=268),
    Ev(10, 328, xstr("ide0-1-0") + i32(1), ["ide0-1-0", 1], legacy=268),
    Ev(10, 328, xstr("fdc0-0-0") + i32(5), ["fdc0-0-0", 5], legacy=268),
    Ev(11, 329, b"", [0], legacy=269, extra=i32(0)),
    Ev(12, 330, b"", [0], legacy=270, extra=i32(0)),
    Ev(13, 331, uhyper(18446744073709551615), [s64(18446744073709551615)], legacy=276),
    Ev(13, 331, uhyper(524288), [524288], legacy=276),
    Ev(14, 332, b"", [0], legacy=292, extra=i32(0)),
    Ev(15, 333, xstr("net0"), ["net0"], legacy=311),
    Ev(16, 339, xstr("vda") + i32(4) + i32(0), ["vda", 4, 0]),
    Ev(16, 339, xstr("sda") + i32(5) + i32(1), ["sda", 5, 1]),
    Ev(16, 339, xstr("sdb") + i32(1) + i32(2), ["sdb", 1, 2]),
    Ev(16, 339, xstr("sdc") + i32(3) + i32(4), ["sdc", 3, 4]),
    Ev(16, 339, xstr("sdd") + i32(0) + i32(-1), ["sdd", 0, -1]),
    Ev(17, 346, params(TUNABLE_PARAMS), [py_params(TUNABLE_PARAMS)]),
    Ev(18, 348, i32(1) + i32(2), [1, 2]),
    Ev(18, 348, i32(2) + i32(1), [2, 1]),
    Ev(18, 348, i32(9) + i32(-9), [9, -9]),
    Ev(19, 354, xstr("hostdev0"), ["hostdev0"]),
    Ev(20, 359, i32(2147483647), [2147483647]),
    Ev(21, 363, params(JOB_PARAMS), [py_params(JOB_PARAMS)]),
    Ev(21, 363, params([]), [{}]),
    Ev(22, 367, xstr("usb1"), ["usb1"]),
    Ev(23, 379, i32(2) + optstr("http://example.org/ns/1"), [2, "http://example.org/ns/1"]),
    Ev(23, 379, i32(0) + optstr(None), [0, None]),
    Ev(23, 379, i32(3) + optstr(""), [3, ""]),
    Ev(24, 385, xstr("vda[1]") + optstr("/images/base img.qcow2") +
       uhyper(1073741824) + uhyper(18446744073709551615),
       ["vda[1]", "/images/base img.qcow2", 1073741824, 18446744073709551615]),
    Ev(24, 385, xstr("vdb") + optstr(None) + uhyper(0) + uhyper(1),
       ["vdb", None, 0, 1]),
    Ev(25, 423, i32(1) + i32(2) + u32(3), [1, 2, 3]),
    Ev(25, 423, i32(0) + i32(0) + u32(0), [0, 0, 0]),
    Ev(25, 423, i32(2) + i32(4) + u32(0xfffffffc), [2, 4, s32(0xfffffffc)]),
    Ev(26, 438, xstr("virtiomem0") + uhyper(1048576), ["virtiomem0", 1048576]),
]

# The legacy power management payloads have no reason.
for ev in EVENTS:
    assert ev.eid in (11, 12, 14) or not ev.extra

# The last event of a run: once it is printed, everything before it on
# the same connection was handled.
SENTINEL = Ev(1, 319, b"", [], legacy=169, name="sentinel")


# ---- The proxy ----

class Conn:
    """One client connection through the proxy."""

    def __init__(self, client, server, flip):
        self.client = client
        self.server = server
        self.flip = flip
        self.send_lock = threading.Lock()
        self.cond = threading.Condition()
        self.calls = {}              # serial -> (proc, args)
        self.callback_ids = {}       # eventID -> daemon's registration ID
        self.legacy_ids = set()      # event IDs registered with 167
        self.replies = 0             # register replies, good or bad
        threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _frames(self, sock):
        buf = b""
        while True:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while len(buf) >= 4:
                n = struct.unpack(">I", buf[:4])[0]
                if n < 28 or len(buf) < n:
                    break
                yield buf[:n]
                buf = buf[n:]

    def _pump(self, src, dst, c2s):
        for pkt in self._frames(src):
            prog, _, proc, typ, serial, status = struct.unpack(">IIiIII", pkt[4:28])
            if prog == REMOTE_PROGRAM and c2s and typ == 0:
                self.calls[serial] = (proc, pkt[28:])
            if prog == REMOTE_PROGRAM and not c2s and typ == 1 and serial in self.calls:
                cproc, cargs = self.calls.pop(serial)
                if (cproc == PROC_SUPPORTS_FEATURE and self.flip and status == 0 and
                        struct.unpack(">i", cargs[:4])[0] == FEATURE_EVENT_CALLBACK):
                    pkt = pkt[:28] + i32(0)
                if cproc in (PROC_REGISTER_CALLBACK, PROC_REGISTER_LEGACY):
                    eid = struct.unpack(">i", cargs[:4])[0]
                    with self.cond:
                        if status == 0 and cproc == PROC_REGISTER_CALLBACK:
                            self.callback_ids[eid] = struct.unpack(">i", pkt[28:32])[0]
                        elif status == 0:
                            self.legacy_ids.add(eid)
                        self.replies += 1
                        self.cond.notify_all()
            try:
                if c2s:
                    dst.sendall(pkt)
                else:
                    with self.send_lock:
                        dst.sendall(pkt)
            except OSError:
                break
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def wait_replies(self, n):
        end = time.monotonic() + TIMEOUT
        with self.cond:
            while self.replies < n:
                left = end - time.monotonic()
                if left <= 0:
                    fail(f"the client made {self.replies} event registrations, not {n}")
                self.cond.wait(left)

    def inject(self, pkt):
        with self.send_lock:
            self.client.sendall(pkt)

    def frame_of(self, ev):
        """@ev in the style the client registered, or None when it did
        not register its ID."""
        if ev.eid in self.callback_ids:
            return ev.callback_frame(self.callback_ids[ev.eid])
        if ev.eid in self.legacy_ids and ev.legacy:
            return ev.legacy_frame()
        return None

    def close(self):
        for s in (self.client, self.server):
            try:
                s.close()
            except OSError:
                pass


class Proxy:
    count = 0

    def __init__(self, d, flip=False):
        Proxy.count += 1
        self.target = d.rw
        self.path = os.path.join(d.root, "run", f"proxy{Proxy.count}.sock")
        self.uri = f"qemu+unix:///system?socket={self.path}"
        self.flip = flip
        self.conns = []
        self.cond = threading.Condition()
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.bind(self.path)
        self.sock.listen(4)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            s = socket.socket(socket.AF_UNIX)
            s.connect(self.target)
            with self.cond:
                self.conns.append(Conn(c, s, self.flip))
                self.cond.notify_all()

    def first(self):
        end = time.monotonic() + TIMEOUT
        with self.cond:
            while not self.conns:
                left = end - time.monotonic()
                if left <= 0:
                    fail("no client connected")
                self.cond.wait(left)
            return self.conns[0]

    def close(self):
        self.sock.close()
        for c in self.conns:
            c.close()


# ---- Clients ----

def wait_for(path, text, proc):
    """Waits until the file @path contains @text (or @proc exits)."""
    end = time.monotonic() + TIMEOUT
    while time.monotonic() < end:
        with open(path, errors="replace") as f:
            if text in f.read():
                return True
        if proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def run_virsh(d, prog, flip, events, tag, wrap=()):
    """Runs @prog event --loop --all through a proxy, injects @events
    (frames, or Ev objects framed in the registered style) then the
    sentinel, interrupts it once the sentinel is printed.  Returns its
    whole stdout and stderr."""
    proxy = Proxy(d, flip)
    out = os.path.join(d.root, "files", f"{tag}.out")
    err = os.path.join(d.root, "files", f"{tag}.err")
    p = subprocess.Popen(list(wrap) + [prog, "-c", proxy.uri, "event", "--loop", "--all"],
                         stdin=subprocess.DEVNULL, stdout=open(out, "w"),
                         stderr=open(err, "w"), env=environ())
    try:
        conn = proxy.first()
        conn.wait_replies(NEVENTS)
        for ev in events:
            pkt = conn.frame_of(ev) if isinstance(ev, Ev) else ev(conn)
            if pkt:
                conn.inject(pkt)
        conn.inject(conn.frame_of(SENTINEL))
        if not wait_for(out, "'sentinel'", p):
            with open(out) as f, open(err) as g:
                fail(f"{prog}: the sentinel event was not printed; stdout {f.read()!r}, "
                     f"stderr {g.read()!r}, exit {p.poll()}")
        p.send_signal(signal.SIGINT)
        p.wait(TIMEOUT)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        proxy.close()
    with open(out) as f, open(err) as g:
        return f.read(), g.read(), p.returncode


PY_CLIENT = r"""
import json, sys, threading, libvirt

def emit(*rec):
    print(json.dumps(rec), flush=True)

def make(eid):
    def cb(conn, dom, *rest):
        args = list(rest[:-1])
        if eid == libvirt.VIR_DOMAIN_EVENT_ID_GRAPHICS:
            args[4] = [list(x) for x in args[4]]
        emit("event", eid, dom.name(), dom.UUIDString(), dom.ID(), args)
    return cb

libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open(sys.argv[1])
maps = open("/proc/self/maps").read()
lib = [l.split()[-1] for l in maps.splitlines() if "libvirt.so.0" in l][0]
ids = []
for eid in range(int(sys.argv[2])):
    try:
        ids.append(conn.domainEventRegisterAny(None, eid, make(eid), None))
    except libvirt.libvirtError as e:
        emit("refused", eid, e.get_error_code())
emit("ready", lib, len(ids))

def loop():
    while True:
        libvirt.virEventRunDefaultImpl()

threading.Thread(target=loop, daemon=True).start()
sys.stdin.read()
for i in ids:
    conn.domainEventDeregisterAny(i)
conn.close()
emit("closed")
"""


def run_python(d, flip, events, ours):
    """Debian's python3-libvirt on our library, every event ID
    registered; injects @events then the sentinel.  Returns the
    client's records."""
    proxy = Proxy(d, flip)
    env = environ({"LD_LIBRARY_PATH": os.path.abspath(OUR_LIBDIR)} if ours else None)
    p = subprocess.Popen(["/usr/bin/python3", "-c", PY_CLIENT, proxy.uri, str(NEVENTS)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
    records = []
    try:
        conn = proxy.first()
        conn.wait_replies(NEVENTS)
        for line in p.stdout:
            records.append(json.loads(line))
            if records[-1][0] == "ready":
                break
        else:
            fail(f"python client: {records} {p.stderr.read()}")
        for ev in events:
            pkt = conn.frame_of(ev) if isinstance(ev, Ev) else ev(conn)
            if pkt:
                conn.inject(pkt)
        conn.inject(conn.frame_of(SENTINEL))
        for line in p.stdout:
            records.append(json.loads(line))
            if records[-1][0] == "event" and records[-1][2] == "sentinel":
                break
        p.stdin.close()
        for line in p.stdout:
            records.append(json.loads(line))
        p.wait(TIMEOUT)
        if p.returncode != 0:
            fail(f"python client exit {p.returncode}: {p.stderr.read()}")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        proxy.close()
    return records


# ---- Malformed events ----

def cut(pkt, n):
    """@pkt without its last @n bytes, its length word fixed."""
    pkt = pkt[:-n]
    return u32(len(pkt)) + pkt[4:]


def with_header(pkt, prog=REMOTE_PROGRAM, proc=None, typ=MESSAGE, status=0):
    old_proc = struct.unpack(">i", pkt[12:16])[0]
    return (pkt[:4] + u32(prog) + u32(1) + i32(old_proc if proc is None else proc) +
            u32(typ) + pkt[20:24] + u32(status) + pkt[28:])


def cb(conn, eid):
    return conn.callback_ids.get(eid, -1)


def bad_tunable(plist):
    return lambda c: frame(346, i32(cb(c, 17)) + dom(NAME) + params(plist))


def first(eid):
    return next(ev for ev in EVENTS if ev.eid == eid)


MALFORMED = {
    "truncated payload": lambda c: cut(first(2).callback_frame(cb(c, 2)), 4),
    "string longer than the payload": lambda c: frame(
        322, i32(cb(c, 4)) + dom(NAME) + u32(100) + b"/dev/sda"),
    "header only": lambda c: frame(318, b""),
    "unknown procedure": lambda c: with_header(first(0).callback_frame(cb(c, 0)), proc=9999),
    "negative procedure": lambda c: with_header(first(0).callback_frame(cb(c, 0)), proc=-318),
    "callback ID of nobody": lambda c: first(0).callback_frame(987654),
    "callback ID of another event ID": lambda c: first(3).callback_frame(cb(c, 0)),
    "oversize domain name": lambda c: frame(
        319, i32(cb(c, 1)) + xstr(b"x" * (4194304 + 1)) + bytes(16) + i32(1)),
    "string length word 0xffffffff": lambda c: frame(
        319, i32(cb(c, 1)) + u32(0xffffffff) + b"abcd" * 8),
    "typed parameter name of 80 bytes": bad_tunable([("f" * 80, 1, 1)]),
    "typed parameter of type 9": lambda c: frame(
        346, i32(cb(c, 17)) + dom(NAME) + u32(1) + xstr("a") + i32(9) + i32(1)),
    "tunable count over its limit": lambda c: frame(
        346, i32(cb(c, 17)) + dom(NAME) + u32(2049) + typed("a", 1, 1)),
    "graphics with 21 identities": lambda c: frame(
        323, i32(cb(c, 5)) + dom(NAME) + graphics_body(0, [("t", "n")] * 21)),
}


# ---- Cases ----

DATADIR = os.path.join(SRCDIR, "remoteeventdata")


def golden(d, style, flip):
    """Debian's virsh and ours through the proxy: both print the golden
    transcript (upstream's lines for every event, then the two lines of
    the interrupt)."""
    diag = ""
    path = os.path.join(DATADIR, f"virsh-{style}.out")
    outs = {}
    for prog, tag in ((UPSTREAM_VIRSH, "debian"), (VIRSH, "ours")):
        out, err, rc = run_virsh(d, prog, flip, EVENTS, f"{style}-{tag}")
        if rc != 0:
            diag += f"{prog} event exit {rc}: {err}\n"
        outs[tag] = out
    # The transcript is Debian's; ours is compared with it.
    diag += compare_golden(path, outs["debian"])
    if outs["ours"] != outs["debian"]:
        diag += "our virsh differs from Debian's:\n" + "".join(difflib.unified_diff(
            outs["debian"].splitlines(True), outs["ours"].splitlines(True),
            "debian", "ours"))
    return diag


def case_virsh_callback(d):
    return golden(d, "callback", False)


def case_virsh_legacy(d):
    return golden(d, "legacy", True)


def expected_python(flip):
    """What python's callbacks must get for EVENTS, in order: the legacy
    style knows only the first 16 IDs."""
    return [["event", ev.eid, ev.name, ev.uuid, ev.id, ev.py] for ev in EVENTS
            if not flip or ev.eid < LEGACY_NEVENTS] + \
        [["event", SENTINEL.eid, SENTINEL.name, SENTINEL.uuid, SENTINEL.id, []]]


def python_case(flip):
    def case(d):
        diag = ""
        want = expected_python(flip)
        for lib in ("debian", "ours"):
            records = run_python(d, flip, EVENTS, ours=(lib == "ours"))
            ready = [r for r in records if r[0] == "ready"][0]
            ours = ready[1].startswith(os.path.realpath(OUR_LIBDIR))
            if ours != (lib == "ours"):
                diag += f"{lib}: python loaded {ready[1]}\n"
            nregistered = LEGACY_NEVENTS if flip else NEVENTS
            if ready[2] != nregistered:
                diag += f"{lib}: {ready[2]} registrations, not {nregistered}: {records}\n"
            got = [r for r in records if r[0] == "event"]
            if got != want:
                diag += f"{lib}: the callbacks got other values:\n" + "".join(
                    difflib.unified_diff([json.dumps(r) + "\n" for r in want],
                                         [json.dumps(r) + "\n" for r in got],
                                         "injected", lib))
            if records[-1] != ["closed"]:
                diag += f"{lib}: the client did not deregister and close: {records[-1]}\n"
        return diag
    return case


def case_malformed(d):
    """Every malformed frame, alone before the sentinel: Debian's virsh
    and ours print only the sentinel, python on our library sees only
    the sentinel."""
    diag = ""
    for name, fn in MALFORMED.items():
        for prog, tag in ((UPSTREAM_VIRSH, "debian"), (VIRSH, "ours")):
            out, err, rc = run_virsh(d, prog, False, [fn], f"bad-{tag}")
            want = ("event 'reboot' for domain 'sentinel'\n"
                    "event loop interrupted\nevents received: 1\n\n")
            if out != want or rc != 0:
                diag += f"{name}: {tag} virsh printed {out!r}, exit {rc}\n"
            if tag == "ours" and err:
                diag += f"{name}: our virsh said {err!r}\n"
    records = run_python(d, False, list(MALFORMED.values()), ours=True)
    got = [r for r in records if r[0] == "event"]
    if got != expected_python(False)[-1:]:
        diag += f"python on our library: {got}\n"
    return diag


VALGRIND = ["valgrind", "--quiet", "--error-exitcode=99", "--leak-check=full",
            "--errors-for-leak-kinds=definite", "--show-leak-kinds=definite"]


def built_with_asan(path):
    """Whether @path needs ASan's runtime: valgrind cannot run it, and
    ASan itself finds the same errors and leaks."""
    with open(path, "rb") as f:
        return b"libasan.so" in f.read()


def case_valgrind(d):
    """Our virsh under valgrind (or, in an ASan build, under ASan, which
    fails it the same way) takes every event and every malformed frame:
    no invalid access, nothing definitely lost."""
    wrap = [] if built_with_asan(VIRSH) else VALGRIND
    out, err, rc = run_virsh(d, VIRSH, False, EVENTS + list(MALFORMED.values()),
                             "valgrind", wrap=wrap)
    with open(os.path.join(DATADIR, "virsh-callback.out")) as f:
        want = f.read()
    diag = ""
    if rc != 0 or err:
        diag += f"valgrind: exit {rc}\n{err}"
    if out != want:
        diag += "under valgrind our virsh printed other lines:\n" + "".join(
            difflib.unified_diff(want.splitlines(True), out.splitlines(True),
                                 "golden", "valgrind"))
    return diag


def with_daemon(fn):
    def case():
        d = Daemon()
        try:
            d.start()
            return fn(d)
        finally:
            d.close()
    return case


def main():
    cases = {
        "callback style: both virshes print upstream's lines for every event ID":
            with_daemon(case_virsh_callback),
        "legacy style (no feature 14): both virshes print the same lines":
            with_daemon(case_virsh_legacy),
        "python3-libvirt on our library and on Debian's: every callback gets the injected values":
            with_daemon(python_case(False)),
        "python3-libvirt, legacy style: the same for the first 16 IDs":
            with_daemon(python_case(True)),
        "malformed events: dropped, nothing printed, the client lives on":
            with_daemon(case_malformed),
        "our virsh under valgrind: every event, every malformed one, no error, no leak":
            with_daemon(case_valgrind),
    }
    return run_cases(cases, jobs=2)


if __name__ == "__main__":
    main_guard(main)
