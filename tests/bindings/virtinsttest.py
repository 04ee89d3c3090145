#!/usr/bin/env python3
# virtinsttest.py: Debian's virt-install and virt-clone on our library
#
# virt-install --import creates and starts a guest on a raw disk image
# through qemu:///embed?root=..., then virt-clone clones it (copying the
# image) and the clone starts.  Both tools run unmodified with
# LD_LIBRARY_PATH at our build.  Prints TAP.
#
# The guest is kept small and headless (--network none, --graphics
# none): what is under test here is the clone.  virt-install's defaults
# (SPICE, ICH9 USB controllers, timers, power management, q35 and UEFI)
# are tests/bindings/virtinstguesttest.py's.  The image lives under
# /dev/shm: virt-install turns the directory of any other image into a
# storage pool, and this library has no storage pools yet.
#
#   virtinsttest.py LIBDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"

if len(sys.argv) != 2:
    print("usage: virtinsttest.py LIBDIR", file=sys.stderr)
    sys.exit(2)
LIBDIR = os.path.abspath(sys.argv[1])

if sys.executable != SYSTEM_PYTHON or os.environ.get("LD_LIBRARY_PATH") != LIBDIR:
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = LIBDIR
    for k in ("LD_PRELOAD", "LIBVIRT_DEFAULT_URI", "PYTHONPATH", "PYTHONHOME"):
        env.pop(k, None)
    os.execve(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__), LIBDIR], env)

sys.path.insert(0, HERE)
import bindingutils as bu  # noqa: E402
import libvirt  # noqa: E402

# Every sector of the image carries this, so the clone's copy can be
# compared byte for byte.
PATTERN = b"libvirt-grace virt-clone check\n".ljust(512, b".")
IMAGE_SECTORS = 2048


def run_tool(args):
    """Runs a virt-manager tool; returns (exit status, its output)."""
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=180,
                          env=dict(os.environ, HOME=os.environ.get("HOME", "/tmp")))
    return proc.returncode, proc.stdout


def tail(text, count=15):
    return text.splitlines()[-count:]


def main():
    tap = bu.Tap()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    env = bu.Environment()
    images = tempfile.mkdtemp(prefix="lvg-virtinst-", dir="/dev/shm")
    try:
        image = os.path.join(images, "guest.img")
        clone_image = os.path.join(images, "clone.img")
        with open(image, "wb") as f:
            f.write(PATTERN * IMAGE_SECTORS)

        rc, out = run_tool([
            "virt-install", "--connect", env.uri, "--import",
            "--name", "vi-guest", "--memory", "64", "--vcpus", "1",
            "--disk", "path=%s,format=raw,bus=virtio" % image,
            "--osinfo", "detect=off,require=off",
            "--network", "none", "--graphics", "none", "--noautoconsole"])
        tap.ok(rc == 0 and "Domain creation completed" in out,
               "virt-install --import creates the guest", tail(out))

        conn = libvirt.open(env.uri)
        dom = conn.lookupByName("vi-guest")
        xml = dom.XMLDesc(0)
        tap.ok(dom.isActive() == 1 and dom.isPersistent() == 1 and
               "<source file='%s'" % image in xml,
               "the guest runs, is persistent, on the disk image", xml.splitlines()[:30])
        pid = env.qemu_pid("vi-guest")
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmdline = f.read().decode(errors="replace")
        tap.ok(image in cmdline and "guest=vi-guest" in cmdline,
               "its QEMU has the image", [cmdline.replace("\0", " ")[:400]])

        rc, out = run_tool(["virt-clone", "--connect", env.uri, "--original", "vi-guest",
                            "--name", "vi-clone", "--file", clone_image])
        tap.ok(rc != 0 and "Domain to clone must be shutoff" in out,
               "virt-clone refuses a running original", tail(out))

        dom.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL)
        rc, out = run_tool(["virt-clone", "--connect", env.uri, "--original", "vi-guest",
                            "--name", "vi-clone", "--file", clone_image])
        tap.ok(rc == 0 and "created successfully" in out, "virt-clone clones it", tail(out))

        clone = conn.lookupByName("vi-clone")
        cxml = clone.XMLDesc(0)
        with open(clone_image, "rb") as f:
            copied = f.read()
        tap.ok(clone.UUIDString() != dom.UUIDString() and
               "<source file='%s'" % clone_image in cxml and
               copied == PATTERN * IMAGE_SECTORS,
               "the clone has its own UUID and a byte-for-byte copy of the image",
               cxml.splitlines()[:20])
        clone.create()
        tap.ok(clone.isActive() == 1, "the clone starts")
        clone.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL)
        clone.undefine()
        dom.undefine()
        tap.ok(conn.listAllDomains() == [], "both undefined")
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
