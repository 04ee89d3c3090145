#!/usr/bin/env python3
# virtinstguesttest.py: the guests virt-install makes with its defaults
#
# Debian's virt-install --import, with its own defaults, on our library
# (qemu:///embed, LD_LIBRARY_PATH at our build), for the two guests
# management tools make:
#
#  - an i440fx guest (virt-install's SPICE display, qxl, ICH9 USB2 set,
#    tablet, HDA sound, USB redirection, SPICE agent channel, clock
#    timers, power management) booting the tiny Linux guest
#    (tests/tinyguest) given with --boot kernel=,initrd=: its serial
#    console shows the guest's /init running;
#  - a q35 UEFI guest (--machine q35 --boot uefi: the PCI Express tree
#    and OVMF picked from the host's firmware descriptors, Secure Boot
#    and SMM): its console shows the firmware reaching its boot menu
#    (the disk holds no system).
#
# Each is listed as running, its definition round-trips (the XML read
# back defines the same domain), and `virsh destroy --graceful` (ours)
# stops it.  The UEFI guest's variable store is made at start and
# undefine handles it as upstream: refused without a flag, kept with
# --keep-nvram, removed with --nvram.
#
# A third guest has the QEMU guest agent's channel (--channel unix,
# target.name=org.qemu.guest_agent.0) and the tiny guest's stand-in
# agent, which ignores the power button: `virsh shutdown --mode agent`
# powers it off through the agent (shut off, reason shutdown); the
# i440fx guest, without the channel, gets upstream's "QEMU guest agent
# is not configured".
#
# The one option beyond the defaults is --network user: virt-install
# would use the virtual network "default", and this library has no
# network driver (the start fails with upstream's "Network not found",
# which is checked too).
#
#   virtinstguesttest.py LIBDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"

if len(sys.argv) != 2:
    print("usage: virtinstguesttest.py LIBDIR", file=sys.stderr)
    sys.exit(2)
LIBDIR = os.path.abspath(sys.argv[1])

if sys.executable != SYSTEM_PYTHON or os.environ.get("LD_LIBRARY_PATH") != LIBDIR:
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = LIBDIR
    for k in ("LD_PRELOAD", "LIBVIRT_DEFAULT_URI", "PYTHONPATH", "PYTHONHOME"):
        env.pop(k, None)
    os.execve(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__), LIBDIR], env)

sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tinyguest"))
import bindingutils as bu  # noqa: E402
import libvirt  # noqa: E402
import tinyguest  # noqa: E402
from virtinstutils import (BOOT_TIMEOUT, check_guest, console_pty, run,  # noqa: E402
                           tail, virt_install, wait_console)

VIRSH = os.path.join(os.path.dirname(LIBDIR), "tools", "virsh")


def qmp_query(path, command):
    """One command on a QEMU's QMP socket (no call of ours holds it)."""
    import json
    import socket
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(10)
        s.connect(path)
        f = s.makefile("rw")
        f.readline()
        f.write('{"execute":"qmp_capabilities"}\n')
        f.flush()
        f.readline()
        f.write(json.dumps(command) + "\n")
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if "return" in reply or "error" in reply:
                return reply.get("return", reply.get("error"))


def main():
    tap = bu.Tap()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    env = bu.Environment()
    images = tempfile.mkdtemp(prefix="lvg-virtinstguest-", dir="/dev/shm")
    try:
        guest = tinyguest.build(os.path.join(os.path.dirname(LIBDIR), "tinyguest"))
        conn = libvirt.open(env.uri)
        img = os.path.join(images, "pc.img")
        imgq = os.path.join(images, "q35.img")
        for path in (img, imgq):
            with open(path, "wb") as f:
                f.truncate(16 << 20)

        # With every default, the interface is the network "default".
        rc, out = virt_install(env.uri, "vi-net", img, [])
        tap.ok(rc != 0 and "Network not found: no network with matching name 'default'" in out,
               "virt-install's default network is refused with upstream's error", tail(out))
        try:
            conn.lookupByName("vi-net").undefine()
        except libvirt.libvirtError:
            pass

        rc, out = virt_install(env.uri, "vi-pc", img, [
            "--network", "user",
            "--boot", "kernel=%s,initrd=%s,kernel_args=%s" %
            (guest["kernel"], guest["ignore"],
             tinyguest.CMDLINE)])
        tap.ok(rc == 0 and "Domain creation completed" in out,
               "virt-install --import makes and starts the i440fx guest", tail(out))
        dom = conn.lookupByName("vi-pc")
        xml = dom.XMLDesc(0)
        tap.ok(all(s in xml for s in ("<graphics type='spice'", "model type='qxl'",
                                      "model='ich9-ehci1'", "<sound model='ich6'",
                                      "<redirdev bus='usb' type='spicevmc'",
                                      "<timer name='rtc' tickpolicy='catchup'/>")),
               "vi-pc has virt-install's devices", xml.splitlines())
        rc, out = run([VIRSH, "-c", env.uri, "shutdown", "--mode", "agent", "vi-pc"])
        tap.ok(rc != 0 and "QEMU guest agent is not configured" in out,
               "shutdown --mode agent without an agent channel is refused", tail(out))
        check_guest(tap, conn, env.uri, "vi-pc", tinyguest.MARKER + " ignore",
                    "the tiny Linux guest boots", VIRSH)
        dom.undefine()

        img_agent = os.path.join(images, "agent.img")
        with open(img_agent, "wb") as f:
            f.truncate(16 << 20)
        rc, out = virt_install(env.uri, "vi-agent", img_agent, [
            "--network", "user",
            "--channel", "unix,target.type=virtio,target.name=org.qemu.guest_agent.0",
            "--memballoon", "virtio,stats.period=7",
            "--boot", "kernel=%s,initrd=%s,kernel_args=%s" %
            (guest["kernel"], guest["agent"], tinyguest.CMDLINE)])
        tap.ok(rc == 0, "virt-install makes a guest with the guest agent's channel", tail(out))
        doma = conn.lookupByName("vi-agent")
        pty = console_pty(doma)
        found, text = wait_console(pty, tinyguest.MARKER + " agent") if pty else (False, "")
        tap.ok(found, "vi-agent: the guest's agent runs", tail(text))
        period = qmp_query(os.path.join(env.root, "run", "qemu",
                                        "domain-%d-vi-agent" % doma.ID(), "monitor.sock"),
                           {"execute": "qom-get",
                            "arguments": {"path": "/machine/peripheral/balloon0",
                                          "property": "guest-stats-polling-interval"}})
        tap.ok(period == 7, "the balloon's statistics period reached QEMU", [repr(period)])
        rc, out = run([VIRSH, "-c", env.uri, "shutdown", "--mode", "agent", "vi-agent"])
        end = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < end and doma.state()[0] != libvirt.VIR_DOMAIN_SHUTOFF:
            time.sleep(0.2)
        tap.ok(rc == 0 and doma.state() == [libvirt.VIR_DOMAIN_SHUTOFF,
                                            libvirt.VIR_DOMAIN_SHUTOFF_SHUTDOWN],
               "shutdown --mode agent powers it off through the agent",
               tail(out) + [str(doma.state())])
        doma.undefine()

        rc, out = virt_install(env.uri, "vi-q35", imgq, [
            "--network", "user", "--machine", "q35", "--boot", "uefi"])
        tap.ok(rc == 0 and "Domain creation completed" in out,
               "virt-install --import makes and starts the q35 UEFI guest", tail(out))
        domq = conn.lookupByName("vi-q35")
        xml = domq.XMLDesc(0)
        nvram = re.search(r"<nvram[^>]*>([^<]+)</nvram>", xml)
        tap.ok(nvram and "pcie-root-port" in xml and "OVMF" in xml and
               "<smm state='on'/>" in xml and os.path.isfile(nvram.group(1)),
               "vi-q35 runs OVMF on a PCI Express tree, with its own variable store",
               xml.splitlines())
        check_guest(tap, conn, env.uri, "vi-q35", "Boot Manager Menu",
                    "the firmware reaches its boot menu", VIRSH)

        qxml = domq.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
        rc, out = run([VIRSH, "-c", env.uri, "undefine", "vi-q35"])
        tap.ok(rc != 0 and "cannot undefine domain with nvram" in out and
               os.path.isfile(nvram.group(1)),
               "undefine without a flag is refused: the variable store exists", tail(out))
        rc, out = run([VIRSH, "-c", env.uri, "undefine", "--keep-nvram", "vi-q35"])
        tap.ok(rc == 0 and os.path.isfile(nvram.group(1)),
               "undefine --keep-nvram keeps it", tail(out))
        conn.defineXML(qxml)
        rc, out = run([VIRSH, "-c", env.uri, "undefine", "--nvram", "vi-q35"])
        tap.ok(rc == 0 and not os.path.exists(nvram.group(1)),
               "undefine --nvram removes it", tail(out))
        tap.ok(conn.listAllDomains() == [], "nothing left defined")
        conn.close()
    except Exception:  # noqa: BLE001 - any failure is a failed case
        import traceback
        tap.ok(False, "the scenario ran to its end", traceback.format_exc().splitlines())
    finally:
        leftovers = env.cleanup()
        shutil.rmtree(images, ignore_errors=True)
        tap.ok(not leftovers, "no QEMU left behind", ["pid %d" % p for p in leftovers])
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
