#
# virtinstutils.py: what the tests of virt-install's guests share
# (virtinstguesttest.py on our library, virtinstdaemontest.py on our
# daemon): running virt-install with its defaults, reading a guest's
# serial console
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import os
import re
import select
import subprocess
import time

# Under TCG: the tiny guest's /init runs ~5 s after start, OVMF's boot
# menu ~15 s; the machine may be busy with other tests.
BOOT_TIMEOUT = 120


def run(args, timeout=240, env=None):
    """Runs @args, output and errors together; @env replaces the
    environment (ours by default)."""
    env = dict(os.environ if env is None else env, HOME=os.environ.get("HOME", "/tmp"))
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=timeout, env=env)
    return proc.returncode, proc.stdout


def tail(text, count=15):
    return text.splitlines()[-count:]


def console_pty(dom):
    m = re.search(r"<console type='pty' tty='([^']+)'", dom.XMLDesc(0))
    return m.group(1) if m else None


def wait_console(path, wanted, timeout=BOOT_TIMEOUT):
    """Reads the guest's serial console until @wanted shows; returns
    (found, what was read)."""
    seen = b""
    fd = os.open(path, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        end = time.monotonic() + timeout
        while time.monotonic() < end and wanted.encode() not in seen:
            r, _, _ = select.select([fd], [], [], 1.0)
            if r:
                try:
                    seen += os.read(fd, 4096)
                except BlockingIOError:
                    pass
                except OSError:
                    time.sleep(0.2)
    finally:
        os.close(fd)
    return wanted.encode() in seen, seen.decode(errors="replace")


def virt_install(uri, name, image, extra, env=None):
    """Debian's virt-install --import with its defaults but for @extra."""
    return run(["virt-install", "--connect", uri, "--import", "--name", name,
                "--memory", "256", "--vcpus", "1",
                "--disk", "path=%s,format=raw,bus=virtio" % image,
                "--osinfo", "detect=off,require=off", "--noautoconsole"] + extra, env=env)


def check_guest(tap, conn, uri, name, wanted, what, virsh):
    """The guest @name boots (its console shows @wanted), is listed as
    running, its definition round-trips, and `virsh destroy --graceful`
    (@virsh, ours) stops it."""
    import libvirt
    dom = conn.lookupByName(name)
    pty = console_pty(dom)
    found, text = wait_console(pty, wanted) if pty else (False, "no console pty")
    tap.ok(found, "%s: %s" % (name, what), tail(text))

    rc, out = run([virsh, "-c", uri, "list", "--all"])
    tap.ok(rc == 0 and re.search(r"^ \d+\s+%s\s+running$" % re.escape(name), out, re.M),
           "%s is listed as running" % name, out.splitlines())

    inactive = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    again = conn.defineXML(inactive)
    tap.ok(again.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE) == inactive,
           "%s: its definition round-trips" % name, inactive.splitlines()[:20])

    rc, out = run([virsh, "-c", uri, "destroy", "--graceful", name])
    tap.ok(rc == 0 and dom.isActive() == 0 and
           dom.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF,
           "%s stops with destroy --graceful" % name, tail(out))
    return dom
