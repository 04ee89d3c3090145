#!/usr/bin/env python3
# virtinstdaemontest.py: the guests virt-install makes, on our daemon
#
# Debian's virt-install --import with its defaults, connected to our
# virtqemud (qemu+unix:///system?socket=...) on a private root, for the
# two guests management tools make:
#
#  - an i440fx guest booting the tiny Linux guest (tests/tinyguest),
#    virt-install running on our library (its remote driver);
#  - a q35 UEFI guest (OVMF, Secure Boot and SMM from the host's
#    firmware descriptors) reaching the firmware's boot menu,
#    virt-install running on Debian's library, so that both clients
#    talk to the daemon.
#
# On a remote connection virt-install cannot look at the host's files:
# it looks the disk image up as a storage volume and, when no pool holds
# it, defines, starts and marks for autostart a 'dir' pool over the
# image's directory (recorded against Debian's libvirtd 9.0 with
# /work/shared/design/rpc-wire/recording-proxy.py).  So besides each
# guest booting, being listed, round-tripping its XML and stopping with
# `virsh destroy --graceful`, the test checks the pool virt-install
# left: active, autostarted, over the images' directory, holding the
# images as volumes; the second guest reuses it; and a restarted daemon
# still has it.
#
# The storage calls virt-install 4.1 made on Debian's libvirtd 9.0 (the
# recording), the first time, for an image in /tmp/guests-rec/img:
#   CONNECT_LIST_ALL_STORAGE_POOLS (twice), STORAGE_VOL_LOOKUP_BY_PATH
#   (fails: VIR_ERR_NO_STORAGE_VOL), STORAGE_POOL_DEFINE_XML
#   (<pool type="dir"><name>img</name><target><path>...), _CREATE,
#   _SET_AUTOSTART, _GET_XML_DESC, _LOOKUP_BY_NAME, _GET_INFO,
#   _LIST_ALL_VOLUMES, STORAGE_VOL_GET_XML_DESC, STORAGE_POOL_NUM_OF_VOLUMES,
#   _LIST_VOLUMES, STORAGE_VOL_LOOKUP_BY_NAME, then the domain's calls;
# and with the pool there: STORAGE_VOL_LOOKUP_BY_PATH, STORAGE_VOL_GET_INFO,
# STORAGE_POOL_LOOKUP_BY_VOLUME besides the listings.
#
# The one option beyond the defaults is --network user (no network
# driver: see virtinstguesttest.py).
#
#   virtinstdaemontest.py LIBDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"

if len(sys.argv) != 2:
    print("usage: virtinstdaemontest.py LIBDIR", file=sys.stderr)
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
from virtinstutils import check_guest, run, tail, virt_install  # noqa: E402

VIRSH = os.path.join(os.path.dirname(LIBDIR), "tools", "virsh")
VIRTQEMUD = os.path.join(LIBDIR, "virtqemud")
# Debian's virt-install on Debian's library: our library left out.
DEBIAN_ENV = dict((k, v) for k, v in os.environ.items() if k != "LD_LIBRARY_PATH")


class Daemon:
    """Our virtqemud on @root; stopped by its pid only."""

    def __init__(self, root):
        self.root = root
        self.sock = os.path.join(root, "run", "virtqemud-sock")
        self.uri = "qemu+unix:///system?socket=" + self.sock
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([VIRTQEMUD, "--root", self.root],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + 20
        while time.monotonic() < end and self.proc.poll() is None:
            try:
                with socket.socket(socket.AF_UNIX) as s:
                    s.connect(self.sock)
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.proc.stderr.close()
        self.proc = None


def check_pool(tap, conn, images, paths, what):
    """The one pool: virt-install's, over @images, holding @paths."""
    pools = conn.listAllStoragePools()
    names = [p.name() for p in pools]
    pool = pools[0] if len(pools) == 1 else None
    xml = pool.XMLDesc(0) if pool else ""
    tap.ok(pool is not None and pool.name() == os.path.basename(images) and
           pool.isActive() == 1 and pool.autostart() == 1 and
           "<pool type='dir'>" in xml and "<path>%s</path>" % images in xml,
           "%s: one active, autostarted dir pool over the images' directory" % what,
           names + xml.splitlines())
    found = []
    for path in paths:
        try:
            vol = conn.storageVolLookupByPath(path)
            found.append((vol.path(), vol.info()[1], vol.storagePoolLookupByVolume().name()))
        except libvirt.libvirtError as e:
            found.append(str(e))
    tap.ok(found == [(p, 16 << 20, os.path.basename(images)) for p in paths],
           "%s: the images are its volumes, found by path" % what, [repr(f) for f in found])


def main():
    tap = bu.Tap()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    env = bu.Environment()
    daemon = Daemon(env.root)
    # Not under /dev (/dev/shm): virt-install leaves paths there unmanaged.
    images = tempfile.mkdtemp(prefix="lvg-vidaemon-", dir="/tmp")
    try:
        guest = tinyguest.build(os.path.join(os.path.dirname(LIBDIR), "tinyguest"))
        tap.ok(daemon.start(), "virtqemud listens on its root")
        img = os.path.join(images, "pc.img")
        imgq = os.path.join(images, "q35.img")
        for path in (img, imgq):
            with open(path, "wb") as f:
                f.truncate(16 << 20)
        conn = libvirt.open(daemon.uri)
        tap.ok(conn.listAllStoragePools() == [], "no storage pool at first")

        rc, out = virt_install(daemon.uri, "vd-pc", img, [
            "--network", "user",
            "--boot", "kernel=%s,initrd=%s,kernel_args=%s" %
            (guest["kernel"], guest["ignore"], tinyguest.CMDLINE)])
        tap.ok(rc == 0 and "Domain creation completed" in out,
               "virt-install --import (our library) makes and starts the i440fx guest "
               "on our daemon", tail(out))
        check_pool(tap, conn, images, [img, imgq], "after the first guest")
        check_guest(tap, conn, daemon.uri, "vd-pc", tinyguest.MARKER + " ignore",
                    "the tiny Linux guest boots", VIRSH)
        conn.lookupByName("vd-pc").undefine()

        rc, out = virt_install(daemon.uri, "vd-q35", imgq, [
            "--network", "user", "--machine", "q35", "--boot", "uefi"], env=DEBIAN_ENV)
        tap.ok(rc == 0 and "Domain creation completed" in out,
               "virt-install --import (Debian's library) makes and starts the q35 UEFI "
               "guest on our daemon", tail(out))
        domq = conn.lookupByName("vd-q35")
        xml = domq.XMLDesc(0)
        tap.ok("pcie-root-port" in xml and "OVMF" in xml and "<smm state='on'/>" in xml,
               "vd-q35 runs OVMF on a PCI Express tree", xml.splitlines())
        check_pool(tap, conn, images, [img, imgq], "after the second guest (reused)")
        check_guest(tap, conn, daemon.uri, "vd-q35", "Boot Manager Menu",
                    "the firmware reaches its boot menu", VIRSH)
        rc, out = run([VIRSH, "-c", daemon.uri, "undefine", "--nvram", "vd-q35"])
        tap.ok(rc == 0, "undefine --nvram removes the q35 guest", tail(out))
        conn.close()

        # The pool is the host's: a restarted daemon still has it, active.
        daemon.stop()
        tap.ok(daemon.start(), "virtqemud restarts on the same root")
        conn = libvirt.open(daemon.uri)
        check_pool(tap, conn, images, [img], "after a restart of the daemon")
        pool = conn.listAllStoragePools()[0]
        pool.destroy()
        pool.undefine()
        tap.ok(conn.listAllStoragePools() == [] and conn.listAllDomains() == [],
               "nothing left defined")
        conn.close()
    except Exception:  # noqa: BLE001 - any failure is a failed case
        import traceback
        tap.ok(False, "the scenario ran to its end", traceback.format_exc().splitlines())
    finally:
        daemon.stop()
        leftovers = env.cleanup()
        shutil.rmtree(images, ignore_errors=True)
        tap.ok(not leftovers, "no QEMU left behind", ["pid %d" % p for p in leftovers])
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
