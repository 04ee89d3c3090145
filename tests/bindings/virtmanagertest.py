#!/usr/bin/env python3
# virtmanagertest.py: Debian's virt-manager on our daemon, under Xvfb
#
# virt-manager (unmodified, on Debian's library) connects to our
# virtqemud as to a remote host, qemu+tls://host1/system: the daemon
# listens in a network namespace of its own (certificates made with
# certtool, the namespaces joined by a veth pair: tests/remotenetutils.py),
# and virt-manager runs in the client's namespace, in an X server of its
# own (Xvfb) with a D-Bus session of its own, and is driven through its
# accessibility tree (AT-SPI, pyatspi) with clicks from xdotool, as a
# user would:
#
#   1. the domain list shows our two domains with their states (one
#      running, one shut off);
#   2. the shut-off one starts from the "Run" button;
#   3. its console opens ("Open": virt-manager connects to the guest's
#      VNC display at the address the guest listens on, and the display
#      replaces the console page's message);
#   4. "Shut Down" stops it (the tiny guest obeys the power button);
#   5. started again, "Force Off" (the console window's shutdown menu)
#      stops it.
#
# After every step the screen is captured (xwd, ImageMagick), and the
# step fails if virt-manager shows an error dialog: any alert but the
# confirmations it asks for "Shut Down" and "Force Off", which are
# answered "Yes".  The captures are written to the build directory;
# with VIR_TEST_REGENERATE_OUTPUT=1 to docs/images/ (shown in
# docs/user-guide.rst), where they are committed.
#
# Why TLS: on a local connection (qemu:///system, qemu+unix://)
# virt-manager opens a display with virDomainOpenGraphicsFD, which
# passes a file descriptor, and our daemon does not pass descriptors
# yet; on a remote one it connects to the display's address itself.
#
#   virtmanagertest.py LIBDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
SYSTEM_PYTHON = "/usr/bin/python3"

if len(sys.argv) not in (2, 3):
    print("usage: virtmanagertest.py LIBDIR", file=sys.stderr)
    sys.exit(2)
LIBDIR = os.path.abspath(sys.argv[1])
# The second stage: the X session in the client's namespace.
STAGE2 = sys.argv[2] if len(sys.argv) == 3 else None

# Debian's libvirt for virt-manager and for this script (our daemon is
# the thing under test).
if sys.executable != SYSTEM_PYTHON or "LD_LIBRARY_PATH" in os.environ:
    env = dict(os.environ)
    for k in ("LD_LIBRARY_PATH", "LD_PRELOAD", "LIBVIRT_DEFAULT_URI", "PYTHONPATH",
              "PYTHONHOME", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY"):
        env.pop(k, None)
    os.execve(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:], env)

os.environ.setdefault("VIRTQEMUD", os.path.join(LIBDIR, "virtqemud"))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tinyguest"))
import bindingutils as bu  # noqa: E402
import libvirt  # noqa: E402
import tinyguest  # noqa: E402
from virtinstutils import wait_console  # noqa: E402

SHOTS = (os.path.join(TOP, "docs", "images")
         if os.environ.get("VIR_TEST_REGENERATE_OUTPUT") == "1"
         else os.path.join(os.path.dirname(LIBDIR), "tests", "virt-manager-shots"))
STEP_TIMEOUT = 60


def domain_xml(name, guest, behaviour, vnc):
    return f"""<domain type='qemu'>
  <name>{name}</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>{guest['kernel']}</kernel>
    <initrd>{guest[behaviour]}</initrd>
    <cmdline>{tinyguest.CMDLINE}</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/>
    <console type='pty'/>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' autoport='yes' listen='{vnc}'/>
    <video><model type='vga'/></video>
    <memballoon model='none'/>
  </devices>
</domain>
"""


class Session:
    """Xvfb, the AT-SPI bus and virt-manager: each started here and
    stopped by its pid."""

    def __init__(self, workdir):
        self.procs = []
        self.display = None
        self.vmlog = os.path.join(workdir, "virt-manager.log")

    def spawn(self, argv, **kw):
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, **kw)
        self.procs.append(proc)
        return proc

    def start_x(self):
        r, w = os.pipe()
        self.spawn(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24",
                    "-nolisten", "tcp"], pass_fds=(w,), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            self.display = ":" + f.readline().strip()
        os.environ["DISPLAY"] = self.display
        os.environ["GSETTINGS_BACKEND"] = "memory"
        os.environ["NO_AT_BRIDGE"] = "0"
        os.environ["GTK_MODULES"] = "gail:atk-bridge"
        self.spawn(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return bool(self.display[1:])

    def start_virt_manager(self, uri):
        log = open(self.vmlog, "w")
        self.spawn(["virt-manager", "--no-fork", "--connect", uri],
                   stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def stop(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


# ---- the accessibility tree ----

def nodes(root, pred):
    """Every showing node under @root for which @pred holds."""
    import pyatspi
    found = []
    stack = [root]
    while stack:
        n = stack.pop()
        try:
            if not n.getState().contains(pyatspi.STATE_SHOWING) and n is not root:
                continue
            if pred(n):
                found.append(n)
            stack.extend(c for c in n if c)
        except Exception:  # noqa: BLE001 - a node gone while we read it
            continue
    return found


def all_nodes(root):
    found, stack = [], [root]
    while stack:
        n = stack.pop()
        try:
            found.append(n)
            stack.extend(c for c in n if c)
        except Exception:  # noqa: BLE001 - a node gone while we read it
            continue
    return found


def app():
    import pyatspi
    for a in pyatspi.Registry.getDesktop(0):
        if a and a.name == "virt-manager":
            return a
    return None


def wait_node(pred, timeout=STEP_TIMEOUT, under=None):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        a = under or app()
        found = nodes(a, pred) if a else []
        if found:
            return found[0]
        time.sleep(0.3)
    return None


def role(name, label=None):
    return lambda n: n.getRoleName() == name and (label is None or n.name == label)


def texts(node):
    return [n.name for n in nodes(node, lambda n: n.getRoleName() == "label" and n.name)]


def alerts():
    a = app()
    return nodes(a, lambda n: n.getRoleName() in ("alert", "dialog")) if a else []


def error_dialogs():
    """Alerts that are not the confirmations we expect."""
    found = []
    for d in alerts():
        words = " ".join(texts(d))
        if not re.search(r"Are you sure", words):
            found.append("%s: %s" % (d.name, words))
    return found


def confirm():
    """Answers "Yes" to virt-manager's confirmation, when it asks."""
    end = time.monotonic() + 5
    while time.monotonic() < end:
        for d in alerts():
            if "Are you sure" in " ".join(texts(d)):
                for b in nodes(d, role("push button")):
                    if b.name in ("Yes", "_Yes"):
                        b.queryAction().doAction(0)
                        return True
        time.sleep(0.2)
    return False


def click(node, button=1):
    import pyatspi
    x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2),
                    "click", str(button)], check=True)


def press(node):
    node.queryAction().doAction(0)


def shot(name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, "virt-manager-%s.png" % name)
    xwd = subprocess.run(["xwd", "-root", "-silent"], capture_output=True, check=True)
    subprocess.run(["convert", "xwd:-", "-trim", "+repage", "png:" + path],
                   input=xwd.stdout, check=True)
    return path


def wait_state(dom, state, timeout=STEP_TIMEOUT):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if dom.state()[0] == state:
            return True
        time.sleep(0.3)
    return False


def stage2(args):
    """The X session, in the client's namespace: virt-manager on
    @args["tls_uri"]; the states are read on @args["unix_uri"]."""
    tap = bu.ChildTap()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    session = Session(args["workdir"])
    try:
        tap.ok(session.start_x(), "Xvfb and the AT-SPI bus are up")
        conn = libvirt.open(args["unix_uri"])
        doma = conn.lookupByName("vm-demo")
        session.start_virt_manager(args["tls_uri"])

        # 1. The list, with the states.
        run_cell = wait_node(role("table cell", "vm-idle\nRunning"))
        off_cell = wait_node(role("table cell", "vm-demo\nShutoff"))
        tap.ok(run_cell is not None and off_cell is not None,
               "the domain list shows vm-idle running and vm-demo shut off",
               [open(session.vmlog).read()[-2000:]])
        path = shot("list")
        tap.ok(not error_dialogs(), "no error dialog over the list", error_dialogs() + [path])

        # 2. Run.
        click(off_cell)
        run = wait_node(lambda n: role("push button", "Run")(n) and
                        n.getState().contains(__import__("pyatspi").STATE_SENSITIVE))
        tap.ok(run is not None, "selecting vm-demo enables Run")
        press(run)
        up = wait_state(doma, libvirt.VIR_DOMAIN_RUNNING)
        cell = wait_node(role("table cell", "vm-demo\nRunning"))
        booted, text = wait_console(re.search(r"<serial type='pty'>\s*<source path='([^']+)'",
                                              doma.XMLDesc(0)).group(1),
                                    tinyguest.MARKER + " acpi")
        tap.ok(up and cell is not None and booted,
               "Run starts vm-demo: running in the list, the guest booted", [text[-300:]])
        path = shot("run")
        tap.ok(not error_dialogs(), "no error dialog after Run", error_dialogs() + [path])

        # 3. The console: virt-manager connects to the display's address.
        press(wait_node(role("push button", "Open")))
        window = wait_node(lambda n: n.getRoleName() == "frame" and
                           n.name.startswith("vm-demo on QEMU/KVM"))
        # The display replaces the console page's message once the VNC
        # connection is up: a message left is a failure.
        end = time.monotonic() + 30
        words = ["no console window"]
        while window and time.monotonic() < end:
            words = [w for w in texts(window) if re.search(r"console|[Ee]rror|onnect", w)]
            if not words:
                break
            time.sleep(0.5)
        time.sleep(2)  # the first frames of the display
        path = shot("console")
        tap.ok(window is not None and not words,
               "Open shows vm-demo's console (its VNC display)", words + [path])
        tap.ok(not error_dialogs(), "no error dialog over the console",
               error_dialogs() + [path])

        # 4. Shut Down (the guest obeys the power button), in the list.
        manager = wait_node(role("frame", "Virtual Machine Manager"))
        click(wait_node(role("table cell", "vm-demo\nRunning"), under=manager))
        press(wait_node(lambda n: role("push button", "Shut Down")(n) and
                        n.getState().contains(__import__("pyatspi").STATE_SENSITIVE),
                        under=manager))
        confirm()
        down = wait_state(doma, libvirt.VIR_DOMAIN_SHUTOFF)
        cell = wait_node(role("table cell", "vm-demo\nShutoff"))
        tap.ok(manager is not None and down and cell is not None and
               doma.state()[1] == libvirt.VIR_DOMAIN_SHUTOFF_SHUTDOWN,
               "Shut Down stops vm-demo (shut off: shutdown)", [repr(doma.state())])
        path = shot("shutdown")
        tap.ok(not error_dialogs(), "no error dialog after Shut Down", error_dialogs() + [path])

        # 5. Force Off, from the console window's shutdown menu (the
        # window stays open, over the list: there is no window manager).
        doma.create()
        wait_node(role("table cell", "vm-demo\nRunning"), under=manager)
        menu = wait_node(lambda n: role("toggle button", "Menu")(n) and
                         n.getState().contains(__import__("pyatspi").STATE_SENSITIVE),
                         under=window)
        click(menu)
        item = wait_node(role("menu item", "Force Off"), timeout=10)
        tap.ok(item is not None, "the shutdown menu offers Force Off",
               ["%s %r" % (n.getRoleName(), n.name) for n in all_nodes(app())
                if n.getRoleName() in ("menu item", "menu", "window", "popup menu")])
        click(item)
        confirm()
        down = wait_state(doma, libvirt.VIR_DOMAIN_SHUTOFF)
        cell = wait_node(role("table cell", "vm-demo\nShutoff"))
        tap.ok(down and cell is not None and
               doma.state()[1] == libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED,
               "Force Off stops vm-demo (shut off: destroyed)", [repr(doma.state())])
        path = shot("forceoff")
        tap.ok(not error_dialogs(), "no error dialog after Force Off", error_dialogs() + [path])

        conn.close()
    except Exception:  # noqa: BLE001 - any failure is a failed case
        import traceback
        tap.ok(False, "the X session ran to its end", traceback.format_exc().splitlines())
    finally:
        session.stop()
    return 0


def main():
    import json
    import remotenetutils as rn
    tap = bu.Tap()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    bu.vu.become_subreaper()
    work = tempfile.mkdtemp(prefix="lvg-vmgr-", dir="/tmp")
    net = daemon = conn = None
    try:
        guest = tinyguest.build(os.path.join(os.path.dirname(LIBDIR), "tinyguest"))
        net = rn.Netns(1, tag="vm")
        pki = rn.PKI(work)
        tls = pki.server("host1", rn.Netns.ip(1))
        client = pki.client("client1")
        daemon = rn.NetDaemon(netns=net.hosts[0], tls=tls)
        daemon.start()
        tap.ok(True, "virtqemud listens for TLS in its namespace")
        conn = libvirt.open(daemon.uri)
        vnc = rn.Netns.ip(1)
        conn.defineXML(domain_xml("vm-idle", guest, "ignore", vnc)).create()
        conn.defineXML(domain_xml("vm-demo", guest, "acpi", vnc))

        args = {"workdir": work, "unix_uri": daemon.uri,
                "tls_uri": "qemu+tls://host1/system?pkipath=" + client}
        env = dict((k, v) for k, v in os.environ.items()
                   if k not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY"))
        errlog = os.path.join(work, "stage2.err")
        with open(errlog, "w") as err:
            proc = subprocess.run(net.in_client(["dbus-run-session", "--", SYSTEM_PYTHON,
                                                 os.path.abspath(__file__), LIBDIR,
                                                 json.dumps(args)]),
                                  stdout=subprocess.PIPE, stderr=err, text=True,
                                  env=env, timeout=600)
        with open(errlog) as f:
            errtext = f.read()
        bu.tap_merge(tap, proc.stdout, "", "the X session")
        tap.ok(proc.returncode == 0, "the X session exited cleanly",
               errtext.splitlines()[-15:])
        for dom in conn.listAllDomains():
            if dom.isActive():
                dom.destroy()
            dom.undefine()
        conn.close()
        conn = None
    except Exception:  # noqa: BLE001 - any failure is a failed case
        import traceback
        tap.ok(False, "the scenario ran to its end", traceback.format_exc().splitlines())
    finally:
        leftovers = []
        if conn:
            conn.close()
        if daemon:
            leftovers = daemon.close()
        if net:
            net.close()
        shutil.rmtree(work, ignore_errors=True)
        tap.ok(not leftovers, "no QEMU left behind", ["pid %s" % p for p in leftovers or []])
    return tap.finish()


if __name__ == "__main__":
    if STAGE2:
        import json
        sys.exit(stage2(json.loads(STAGE2)))
    sys.exit(main())
