#!/usr/bin/env python3
# tinyguesttest.py: the tiny Linux guest does what each behaviour says
#
# Builds the guest (tinyguest.py, into DIR) and boots every behaviour on
# Debian's QEMU (TCG) with a QMP socket, then checks what QEMU reports:
#
#   poweroff  SHUTDOWN from the guest, unasked
#   reboot    RESET from the guest, unasked
#   acpi      after system_powerdown (the ACPI power button), SHUTDOWN
#             from the guest
#   ignore    after system_powerdown, no SHUTDOWN for IGNORE_SECONDS
#             (the one wait that is the behaviour itself)
#   agent     answers guest-sync on its agent channel, and after
#             guest-shutdown, SHUTDOWN from the guest
#
# Prints TAP.
#
#   tinyguesttest.py DIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tinyguest  # noqa: E402

QEMU = "/usr/bin/qemu-system-x86_64"
BOOT_TIMEOUT = 120
EVENT_TIMEOUT = 60
IGNORE_SECONDS = 5


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, ok, title, diags=()):
        self.count += 1
        self.failed += not ok
        print("%s %d - %s" % ("ok" if ok else "not ok", self.count, title))
        for line in ([] if ok else diags):
            print("# %s" % line)
        sys.stdout.flush()
        return ok


class Guest:
    """One QEMU running the tiny guest, its console in a file, QMP on a
    socket."""

    def __init__(self, paths, behaviour, tmp):
        self.dir = tempfile.mkdtemp(prefix=behaviour + "-", dir=tmp)
        self.console = os.path.join(self.dir, "console.log")
        qmp = os.path.join(self.dir, "qmp.sock")
        agent = os.path.join(self.dir, "agent.sock")
        argv = [QEMU, "-machine", "pc", "-accel", "tcg", "-m", "256",
                "-display", "none", "-nodefaults", "-no-user-config",
                "-serial", "file:" + self.console,
                "-kernel", paths["kernel"], "-initrd", paths[behaviour],
                "-append", tinyguest.CMDLINE,
                "-qmp", "unix:%s,server=on,wait=off" % qmp]
        if behaviour == "agent":
            argv += ["-device", "virtio-serial-pci,id=vs0",
                     "-chardev", "socket,id=ga,path=%s,server=on,wait=off" % agent,
                     "-device", "virtserialport,bus=vs0.0,nr=1,chardev=ga,name=%s"
                     % tinyguest.AGENT_CHANNEL]
        self.agent = agent
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        self.sock = None
        end = time.monotonic() + 10
        while self.sock is None and time.monotonic() < end:
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect(qmp)
                self.sock = s
            except OSError:
                s.close()
                time.sleep(0.05)
        if self.sock is None:
            raise RuntimeError("QEMU's QMP socket did not show up: %s"
                               % self.proc.stderr.read())
        self.buf = b""
        self.events = []
        self._line()                                   # greeting
        self.command({"execute": "qmp_capabilities"})

    def _line(self, timeout=EVENT_TIMEOUT):
        end = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                return None
            chunk = self.sock.recv(4096)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def command(self, cmd):
        self.sock.sendall(json.dumps(cmd).encode() + b"\n")
        while True:
            msg = self._line()
            if msg is None or "return" in msg or "error" in msg:
                return msg
            self.events.append(msg)

    def wait_event(self, name, timeout=EVENT_TIMEOUT):
        """The first event @name (guest-initiated or not), or None."""
        end = time.monotonic() + timeout
        while True:
            for ev in self.events:
                if ev.get("event") == name:
                    return ev
            left = end - time.monotonic()
            if left <= 0:
                return None
            msg = self._line(left)
            if msg is None:
                return None
            self.events.append(msg)

    def wait_marker(self, behaviour):
        wanted = "%s %s" % (tinyguest.MARKER, behaviour)
        end = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < end:
            try:
                with open(self.console, errors="replace") as f:
                    if wanted in f.read():
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def close(self):
        try:
            self.command({"execute": "quit"})
        except OSError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.sock:
            self.sock.close()


def guest_event(ev):
    return bool(ev) and ev.get("data", {}).get("guest") is True


def agent_exchange(path):
    """guest-sync on the agent channel; then guest-shutdown.  Returns the
    value guest-sync echoed."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(10)
        s.connect(path)
        s.sendall(b'{"execute":"guest-sync","arguments":{"id":4711}}\n')
        reply = b""
        while b"\n" not in reply:
            reply += s.recv(4096)
        value = json.loads(reply.split(b"\n")[0]).get("return")
        s.sendall(b'{"execute":"guest-shutdown","arguments":{"mode":"powerdown"}}\n')
        return value


def main():
    if len(sys.argv) != 2:
        print("usage: tinyguesttest.py DIR", file=sys.stderr)
        return 2
    tap = Tap()
    try:
        paths = tinyguest.build(os.path.abspath(sys.argv[1]))
    except (tinyguest.Error, OSError) as e:
        tap.ok(False, "the tiny guest builds", [str(e)])
        print("1..%d" % tap.count)
        return 1
    tap.ok(all(os.path.getsize(paths[b]) > 0 for b in tinyguest.BEHAVIOURS),
           "the tiny guest builds: a kernel and one initramfs per behaviour")
    again = tinyguest.build(os.path.abspath(sys.argv[1]))
    tap.ok(all(open(paths[b], "rb").read() == open(again[b], "rb").read()
               for b in tinyguest.BEHAVIOURS),
           "a second build gives the same archives")

    tmp = tempfile.mkdtemp(prefix="lvg-tinyguest-")
    try:
        for behaviour in tinyguest.BEHAVIOURS:
            guest = Guest(paths, behaviour, tmp)
            try:
                up = guest.wait_marker(behaviour)
                tap.ok(up, "%s: the guest boots to its /init" % behaviour)
                if not up:
                    continue
                if behaviour == "poweroff":
                    ev = guest.wait_event("SHUTDOWN")
                    tap.ok(guest_event(ev), "poweroff: it powers itself off", [repr(ev)])
                elif behaviour == "reboot":
                    ev = guest.wait_event("RESET")
                    tap.ok(guest_event(ev), "reboot: it reboots itself", [repr(ev)])
                elif behaviour == "acpi":
                    guest.command({"execute": "system_powerdown"})
                    ev = guest.wait_event("SHUTDOWN")
                    tap.ok(guest_event(ev), "acpi: it obeys the power button", [repr(ev)])
                elif behaviour == "ignore":
                    guest.command({"execute": "system_powerdown"})
                    ev = guest.wait_event("SHUTDOWN", IGNORE_SECONDS)
                    tap.ok(ev is None, "ignore: it ignores the power button", [repr(ev)])
                elif behaviour == "agent":
                    guest.command({"execute": "system_powerdown"})
                    ev = guest.wait_event("SHUTDOWN", IGNORE_SECONDS)
                    value = agent_exchange(guest.agent)
                    ev2 = guest.wait_event("SHUTDOWN")
                    tap.ok(ev is None and value == 4711 and guest_event(ev2),
                           "agent: deaf to the power button, it obeys guest-shutdown",
                           [repr(ev), repr(value), repr(ev2)])
            finally:
                guest.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % tap.count)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
