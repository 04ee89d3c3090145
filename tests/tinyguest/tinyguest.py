#!/usr/bin/env python3
# tinyguest.py: a tiny Linux guest for lifecycle tests, from Debian's packages
#
# Builds, into a cache directory, Debian's kernel (the package
# linux-image-amd64 depends on, fetched with `apt-get download` once
# and unpacked) and one initramfs per behaviour, made of busybox-static:
#
#   poweroff  powers itself off DELAY seconds after /init starts
#   reboot    reboots itself DELAY seconds after /init starts
#   acpi      obeys the ACPI power button (acpid runs poweroff -f)
#   ignore    ignores the power button (no button driver, no acpid)
#   agent     ignores the power button, but obeys "guest-shutdown" on
#             the QEMU guest agent's virtio channel: a stand-in for
#             qemu-ga in a few lines of shell (it answers guest-sync
#             and guest-ping)
#
# Each /init writes "TINYGUEST-UP <behaviour>" on the console (ttyS0)
# once it runs, so a test knows the guest booted.  See
# ../shared/design/TINY-GUEST.md for the facts this rests on.
#
# The initramfs is a cpio "newc" archive written here rather than by
# cpio(1): /dev/console must be a device node, which only root may
# create in a staging directory, and an archive written field by field
# is the same bytes on every run.
#
#   tinyguest.py build DIR     build (or reuse) DIR/vmlinuz and
#                              DIR/BEHAVIOUR.cpio.gz; print DIR
#
# As a module: tinyguest.build(DIR) returns a dict of the paths, and
# tinyguest.CMDLINE the kernel command line to boot them with.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import fcntl
import glob
import gzip
import io
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile

BEHAVIOURS = ("poweroff", "reboot", "acpi", "ignore", "agent")
# quiet: the console shows the marker, not the kernel's boot messages
CMDLINE = "console=ttyS0 quiet panic=-1"
MARKER = "TINYGUEST-UP"
BUSYBOX = "/bin/busybox"
# Seconds /init waits before powering off or rebooting.
DEFAULT_DELAY = 2

# Debian's kernel has the ACPI button and evdev drivers as modules, and
# virtio with its console (virtio-serial ports) too: in load order.
ACPI_MODULES = ("kernel/drivers/input/evdev.ko", "kernel/drivers/acpi/button.ko")
VIRTIO_MODULES = ("kernel/drivers/virtio/virtio_ring.ko",
                  "kernel/drivers/virtio/virtio.ko",
                  "kernel/drivers/virtio/virtio_pci_legacy_dev.ko",
                  "kernel/drivers/virtio/virtio_pci_modern_dev.ko",
                  "kernel/drivers/virtio/virtio_pci.ko",
                  "kernel/drivers/char/virtio_console.ko")
MODULES = ACPI_MODULES + VIRTIO_MODULES
AGENT_CHANNEL = "org.qemu.guest_agent.0"

INIT_HEAD = """#!/bin/sh
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
"""

INITS = {
    "poweroff": INIT_HEAD + """echo "%(marker)s poweroff"
sleep %(delay)d
poweroff -f
""",
    "reboot": INIT_HEAD + """echo "%(marker)s reboot"
sleep %(delay)d
reboot -f
""",
    "acpi": INIT_HEAD + """mount -t devtmpfs devtmpfs /dev
insmod /lib/evdev.ko
insmod /lib/button.ko
mkdir -p /var/log /etc/acpi/PWRF
printf '#!/bin/sh\\npoweroff -f\\n' > /etc/acpi/PWRF/00000080
chmod 755 /etc/acpi/PWRF/00000080
acpid -f -c /etc/acpi -l /var/log/acpid.log &
sleep 1
echo "%(marker)s acpi"
while :; do sleep 3600; done
""",
    "ignore": INIT_HEAD + """echo "%(marker)s ignore"
while :; do sleep 3600; done
""",
    "agent": INIT_HEAD + """mount -t devtmpfs devtmpfs /dev
for m in %(virtio)s; do insmod /lib/$m; done
port=
while [ -z "$port" ]; do
    for p in /sys/class/virtio-ports/*; do
        [ "$(cat $p/name 2>/dev/null)" = %(channel)s ] && port=/dev/${p##*/}
    done
    [ -n "$port" ] || sleep 0.2
done
echo "%(marker)s agent"
# a port opens once: one descriptor for both directions
exec 3<>$port
while :; do
    if read -r line <&3; then
        case "$line" in
        *guest-sync*)
            id=$(echo "$line" | sed -n 's/.*"id" *: *\\([0-9]*\\).*/\\1/p')
            echo "{\\"return\\": $id}" >&3 ;;
        *guest-ping*)
            echo '{"return": {}}' >&3 ;;
        *guest-shutdown*)
            echo "tinyguest: guest-shutdown" > /dev/console
            poweroff -f ;;
        esac
    else
        sleep 0.2
    fi
done
""",
}


class Error(Exception):
    pass


def _run(args, cwd=None):
    proc = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    if proc.returncode != 0:
        raise Error("%s failed: %s" % (" ".join(args), proc.stdout.strip()))
    return proc.stdout


def kernel_package():
    """The linux-image-* package linux-image-amd64 depends on."""
    for line in _run(["apt-cache", "depends", "linux-image-amd64"]).splitlines():
        line = line.strip()
        if line.startswith("Depends: linux-image-"):
            return line.split()[1]
    raise Error("apt-cache: linux-image-amd64 depends on no linux-image package"
                " (run apt-get update?)")


def fetch_kernel(cache):
    """Unpacks the kernel and the two modules into @cache (once)."""
    vmlinuz = os.path.join(cache, "vmlinuz")
    mods = [os.path.join(cache, os.path.basename(m)) for m in MODULES]
    if all(os.path.exists(p) for p in [vmlinuz] + mods):
        return vmlinuz, mods
    pkg = kernel_package()
    debs = glob.glob(os.path.join(cache, pkg + "_*.deb"))
    if not debs:
        _run(["apt-get", "download", pkg], cwd=cache)
        debs = glob.glob(os.path.join(cache, pkg + "_*.deb"))
    if not debs:
        raise Error("apt-get download %s left no package in %s" % (pkg, cache))
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", debs[0]],
                          stdout=subprocess.PIPE, check=True).stdout
    wanted = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar:
            name = member.name
            if name.startswith("./boot/vmlinuz-") and member.isfile():
                wanted[vmlinuz] = member
            for mod, dest in zip(MODULES, mods):
                if name.endswith("/" + mod) and member.isfile():
                    wanted[dest] = member
        if len(wanted) != 1 + len(MODULES):
            raise Error("%s lacks the kernel or %s" % (debs[0], ", ".join(MODULES)))
        for dest, member in wanted.items():
            tmp = dest + ".tmp"
            with tar.extractfile(member) as src, open(tmp, "wb") as out:
                shutil.copyfileobj(src, out)
            os.replace(tmp, dest)
    for deb in debs:
        os.unlink(deb)
    return vmlinuz, mods


class Newc:
    """A cpio "newc" archive, entry by entry."""

    def __init__(self):
        self.out = io.BytesIO()
        self.ino = 1

    def _pad(self):
        self.out.write(b"\0" * (-self.out.tell() % 4))

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        nameb = name.encode() + b"\0"
        fields = (self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
                  len(nameb), 0)
        self.ino += 1
        self.out.write(b"070701" + b"".join(b"%08X" % f for f in fields))
        self.out.write(nameb)
        self._pad()
        self.out.write(data)
        self._pad()

    def dir(self, name):
        self.add(name, stat.S_IFDIR | 0o755)

    def file(self, name, data, mode=0o644):
        self.add(name, stat.S_IFREG | mode, data)

    def symlink(self, name, target):
        self.add(name, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, name, major, minor):
        self.add(name, stat.S_IFCHR | 0o600, rdev=(major, minor))

    def finish(self):
        self.add("TRAILER!!!", 0)
        return self.out.getvalue()


def make_initramfs(behaviour, busybox, mods, delay=DEFAULT_DELAY):
    """The gzipped initramfs of one behaviour, as bytes."""
    arc = Newc()
    for d in ("bin", "dev", "proc", "sys", "lib", "etc", "var"):
        arc.dir(d)
    arc.chardev("dev/console", 5, 1)
    arc.chardev("dev/null", 1, 3)
    with open(busybox, "rb") as f:
        arc.file("bin/busybox", f.read(), 0o755)
    for applet in ("sh", "mount", "sleep", "echo", "poweroff", "reboot",
                   "insmod", "mkdir", "printf", "chmod", "acpid", "cat", "sed"):
        arc.symlink("bin/" + applet, "busybox")
    wanted = {"acpi": ACPI_MODULES, "agent": VIRTIO_MODULES}.get(behaviour, ())
    for mod in mods:
        if any(mod.endswith("/" + os.path.basename(w)) for w in wanted):
            with open(mod, "rb") as f:
                arc.file("lib/" + os.path.basename(mod), f.read())
    init = INITS[behaviour] % {
        "marker": MARKER, "delay": delay, "channel": AGENT_CHANNEL,
        "virtio": " ".join(os.path.basename(m) for m in VIRTIO_MODULES)}
    arc.file("init", init.encode(), 0o755)
    return gzip.compress(arc.finish(), mtime=0)


def build(cache):
    """Builds (or reuses) everything into @cache; returns the paths.
    Several test programs build into the same cache at once: one at a
    time, under a lock, so none unpacks a package another removes."""
    os.makedirs(cache, exist_ok=True)
    if not os.access(BUSYBOX, os.X_OK):
        raise Error("%s is missing: install busybox-static" % BUSYBOX)
    with open(os.path.join(cache, "build.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_locked(cache)


def _build_locked(cache):
    vmlinuz, mods = fetch_kernel(cache)
    paths = {"kernel": vmlinuz}
    for behaviour in BEHAVIOURS:
        path = os.path.join(cache, behaviour + ".cpio.gz")
        data = make_initramfs(behaviour, BUSYBOX, mods)
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except OSError:
            same = False
        if not same:
            with tempfile.NamedTemporaryFile(dir=cache, delete=False) as tmp:
                tmp.write(data)
            os.chmod(tmp.name, 0o644)
            os.replace(tmp.name, path)
        paths[behaviour] = path
    return paths


def main(argv):
    if len(argv) != 3 or argv[1] != "build":
        print("usage: tinyguest.py build DIR", file=sys.stderr)
        return 2
    try:
        build(os.path.abspath(argv[2]))
    except (Error, OSError, subprocess.CalledProcessError) as e:
        print("tinyguest: %s" % e, file=sys.stderr)
        return 1
    print(os.path.abspath(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
