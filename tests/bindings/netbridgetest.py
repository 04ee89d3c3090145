#!/usr/bin/env python3
# netbridgetest.py: <interface type='bridge'> on real QEMU, through
# Debian's python3-libvirt on our library
#
# Runs in network and mount namespaces of its own (so the host's
# network is never touched), with a bridge the test makes, and checks
# what an operator would: the taps the driver makes are plugged into
# the bridge with the bridge's MTU and the guest's MAC (first byte
# 0xfe), virtio ones exchange vnet headers, the live XML names them,
# QEMU holds them, and they are gone once QEMU is; a missing bridge, an
# interface that is not a bridge, and a requested tap name already taken
# fail the start with upstream's error codes, leave no tap and no QEMU
# behind, and never touch the interface that was there.  Prints TAP.
#
#   netbridgetest.py LIBDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"
MARK = "NETBRIDGETEST_IN_NETNS"

if len(sys.argv) != 2:
    print("usage: netbridgetest.py LIBDIR", file=sys.stderr)
    sys.exit(2)
LIBDIR = os.path.abspath(sys.argv[1])

# Debian's Python and binding, our library, a network namespace.
if os.environ.get(MARK) != LIBDIR:
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = LIBDIR
    env[MARK] = LIBDIR
    for k in ("LD_PRELOAD", "LIBVIRT_DEFAULT_URI", "PYTHONPATH", "PYTHONHOME"):
        env.pop(k, None)
    # sysfs shows the namespace of whoever mounts it: mount our own.
    os.execve("/usr/bin/unshare",
              ["unshare", "--net", "--mount", "--propagation", "private", "sh", "-c",
               'mount -t sysfs sysfs /sys && exec "$0" "$@"',
               SYSTEM_PYTHON, os.path.abspath(__file__), LIBDIR], env)

sys.path.insert(0, HERE)
import bindingutils as bu  # noqa: E402

import libvirt  # noqa: E402

BRIDGE = "br-test"
BRIDGE_MTU = 1400
IFF_VNET_HDR = 0x4000

tap = bu.Tap()


def ip(*args):
    subprocess.run(["ip"] + list(args), check=True)


def links():
    """Interface name -> (master or None, mtu, MAC), from sysfs."""
    result = {}
    for name in os.listdir("/sys/class/net"):
        base = os.path.join("/sys/class/net", name)
        master = os.path.join(base, "master")
        with open(os.path.join(base, "mtu")) as f:
            mtu = int(f.read())
        with open(os.path.join(base, "address")) as f:
            mac = f.read().strip()
        result[name] = (os.path.basename(os.readlink(master)) if os.path.exists(master) else None,
                        mtu, mac)
    return result


def tun_flags(name):
    with open(os.path.join("/sys/class/net", name, "tun_flags")) as f:
        return int(f.read(), 16)


def qemu_taps(pid):
    """How many of QEMU's descriptors are /dev/net/tun."""
    fddir = "/proc/%d/fd" % pid
    return sum(1 for fd in os.listdir(fddir)
               if os.readlink(os.path.join(fddir, fd)) == "/dev/net/tun")


def error_of(fn):
    try:
        fn()
    except libvirt.libvirtError as e:
        return e.get_error_code(), e.get_error_domain(), e.get_error_message()
    return None


def iface(mac, bridge, model=None, target=None):
    return ("    <interface type='bridge'>\n"
            "      <mac address='%s'/>\n"
            "      <source bridge='%s'/>\n%s%s"
            "    </interface>\n" %
            (mac, bridge,
             "      <target dev='%s'/>\n" % target if target else "",
             "      <model type='%s'/>\n" % model if model else ""))


def failed_start_case(conn, env, name, uuid, devices, want_code, want_text, before):
    """A start that must fail with @want_code, leaving the interfaces as
    they were, no QEMU and the domain shut off."""
    dom = conn.defineXML(bu.domain_xml(name, uuid, extra=devices))
    err = error_of(dom.create)
    after = links()
    leaked = [pid for pid, _ in bu.vu.qemu_children(env.root)]
    ok = (err is not None and err[0] == want_code and want_text in err[2] and
          after == before and not leaked and
          dom.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF)
    dom.undefine()
    return ok, ["error: %s" % (err,), "interfaces before: %s" % before,
                "after: %s" % after, "QEMUs left: %s" % leaked]


libvirt.registerErrorHandler(lambda ctx, err: None, None)
env = bu.Environment()
try:
    ip("link", "set", "lo", "up")
    ip("link", "add", BRIDGE, "type", "bridge")
    ip("link", "set", BRIDGE, "mtu", str(BRIDGE_MTU))
    ip("link", "set", BRIDGE, "up")
    conn = libvirt.open(env.uri)

    mac0, mac1 = "52:54:00:5b:10:01", "52:54:00:5b:10:02"
    devices = (iface(mac0, BRIDGE, model="virtio") +
               iface(mac1, BRIDGE, target="grace-t1"))
    dom = conn.defineXML(bu.domain_xml("bridged", bu.UUIDS[0], extra=devices))
    dom.create()
    pid = env.qemu_pid("bridged")
    now = links()
    want0 = (BRIDGE, BRIDGE_MTU, "fe" + mac0[2:])
    want1 = (BRIDGE, BRIDGE_MTU, "fe" + mac1[2:])
    tap.ok(now.get("vnet0") == want0 and now.get("grace-t1") == want1,
           "start: a tap per interface in the bridge, with its MTU and the guest's MAC from 0xfe",
           ["interfaces: %s" % now])
    tap.ok(tun_flags("vnet0") & IFF_VNET_HDR and not tun_flags("grace-t1") & IFF_VNET_HDR,
           "vnet headers on the virtio interface's tap only",
           ["flags: %x %x" % (tun_flags("vnet0"), tun_flags("grace-t1"))])
    tap.ok(qemu_taps(pid) == 2, "QEMU holds both taps", ["taps: %d" % qemu_taps(pid)])
    live = dom.XMLDesc(0)
    inactive = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    tap.ok(re.findall(r"<target dev='([^']*)'/>", live) == ["vnet0", "grace-t1"] and
           re.findall(r"<target dev='([^']*)'/>", inactive) == ["grace-t1"] and
           live.count("<source bridge='%s'/>" % BRIDGE) == 2,
           "the live XML names the taps; the persistent one keeps only the name asked for",
           [live, inactive])
    tap.ok(dom.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL) == 0 and
           bu.vu.wait_gone(pid) and "vnet0" not in links() and "grace-t1" not in links(),
           "destroy --graceful: QEMU gone, and its taps with it", ["interfaces: %s" % links()])

    # A QEMU that dies by itself takes its taps along too.
    dom.create()
    pid = env.qemu_pid("bridged")
    os.kill(pid, bu.signal.SIGKILL)
    gone = bu.vu.wait_gone(pid)
    tap.ok(gone and "vnet0" not in links() and "grace-t1" not in links(),
           "QEMU killed by someone else: no tap left", ["interfaces: %s" % links()])
    if dom.isActive():
        dom.destroy()
    dom.undefine()

    before = links()
    ok, diags = failed_start_case(
        conn, env, "nobridge", bu.UUIDS[1],
        iface(mac0, BRIDGE, model="virtio") + iface(mac1, "br-missing"),
        libvirt.VIR_ERR_SYSTEM_ERROR, "br-missing", before)
    tap.ok(ok, "a missing bridge (second interface): VIR_ERR_SYSTEM_ERROR, the first tap removed, no QEMU",
           diags)

    ip("tuntap", "add", "dev", "notabr", "mode", "tap")
    before = links()
    ok, diags = failed_start_case(
        conn, env, "notabridge", bu.UUIDS[2], iface(mac0, "notabr"),
        libvirt.VIR_ERR_SYSTEM_ERROR, "notabr", before)
    tap.ok(ok, "an interface that is not a bridge: VIR_ERR_SYSTEM_ERROR, nothing left", diags)

    ip("tuntap", "add", "dev", "grace-t2", "mode", "tap")
    before = links()
    ok, diags = failed_start_case(
        conn, env, "taken", bu.UUIDS[3], iface(mac0, BRIDGE, target="grace-t2"),
        libvirt.VIR_ERR_OPERATION_INVALID, "grace-t2", before)
    tap.ok(ok, "a tap name already taken: VIR_ERR_OPERATION_INVALID, that interface untouched",
           diags)

    ok, diags = failed_start_case(
        conn, env, "sametwice", bu.UUIDS[4],
        iface(mac0, BRIDGE, target="grace-t3") + iface(mac1, BRIDGE, target="grace-t3"),
        libvirt.VIR_ERR_OPERATION_INVALID, "grace-t3", links())
    tap.ok(ok, "the same tap name twice in one domain: refused, nothing left", diags)
    conn.close()
except Exception as e:  # noqa: BLE001 -- any failure is this test's failure
    tap.ok(False, "no exception", [repr(e)])
finally:
    leaked = env.cleanup()
    tap.ok(not leaked, "no QEMU left running", ["leaked: %s" % leaked])
sys.exit(tap.finish())
