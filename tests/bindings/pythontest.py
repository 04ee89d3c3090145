#!/usr/bin/env python3
# pythontest.py: Debian's python3-libvirt, unmodified, on our library
#
# Runs Debian's Python (/usr/bin/python3) with LD_LIBRARY_PATH pointing
# at our build (nothing preloaded, nothing patched) and drives the
# lifecycle an application drives, on real QEMU through
# qemu:///embed?root=...: capabilities, define, start, state, info, XML,
# lists, lifecycle events through virEventRegisterDefaultImpl(),
# destroyFlags(GRACEFUL) on an idle guest and on a frozen one (SIGSTOP:
# error code 9, QEMU left alive, then a DEFAULT destroy works), autostart,
# the empty secondary drivers, undefine.  Prints TAP.
#
#   pythontest.py LIBDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"

if len(sys.argv) != 2:
    print("usage: pythontest.py LIBDIR", file=sys.stderr)
    sys.exit(2)
LIBDIR = os.path.abspath(sys.argv[1])

# Debian's binding lives in Debian's Python: run there, with our library
# first on the loader's path and nothing else changed.
if sys.executable != SYSTEM_PYTHON or os.environ.get("LD_LIBRARY_PATH") != LIBDIR:
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = LIBDIR
    for k in ("LD_PRELOAD", "LIBVIRT_DEFAULT_URI", "PYTHONPATH", "PYTHONHOME"):
        env.pop(k, None)
    os.execve(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__), LIBDIR], env)

sys.path.insert(0, HERE)
import bindingutils as bu  # noqa: E402

tap = bu.Tap()
try:
    import libvirt
except ImportError as e:
    tap.ok(False, "Debian's python3-libvirt imports", [str(e)])
    sys.exit(tap.finish())


def loaded_libvirt():
    with open("/proc/self/maps") as f:
        return sorted({line.split()[-1] for line in f if "libvirt.so.0" in line})


maps = loaded_libvirt()
tap.ok(libvirt.__file__.startswith("/usr/lib/python3/dist-packages/") and
       maps == [os.path.realpath(os.path.join(LIBDIR, "libvirt.so.0"))],
       "Debian's python3-libvirt imports and loads our libvirt.so.0 only",
       ["module: %s" % libvirt.__file__, "loaded: %s" % maps])


def error_of(fn):
    """(code, domain, message) of the libvirtError @fn raises, or None."""
    try:
        fn()
    except libvirt.libvirtError as e:
        return e.get_error_code(), e.get_error_domain(), e.get_error_message()
    return None


libvirt.registerErrorHandler(lambda ctx, err: None, None)
env = bu.Environment()
try:
    uri = env.uri
    libvirt.virEventRegisterDefaultImpl()
    loop = bu.EventLoop(libvirt.virEventRunDefaultImpl)
    conn = libvirt.open(uri)
    tap.ok(conn.getType() == "QEMU" and conn.getLibVersion() == 9000000 and
           conn.getVersion() >= 7000000,
           "open %s: type, versions" % "qemu:///embed?root=...",
           [conn.getType(), str(conn.getLibVersion()), str(conn.getVersion())])
    tap.ok(conn.isAlive() == 1 and conn.isSecure() == 1 and conn.isEncrypted() == 0,
           "a local connection is alive, secure, not encrypted")

    caps = conn.getCapabilities()
    tap.ok("<arch>x86_64</arch>" in caps and "<domain type='qemu'" in caps and
           "<os_type>hvm</os_type>" in caps and ">pc<" in caps,
           "getCapabilities: the host, and a guest hvm x86_64 with domain type qemu",
           caps.splitlines()[:20])
    domcaps = conn.getDomainCapabilities(None, "x86_64", None, "qemu", 0)
    tap.ok("<domain>qemu</domain>" in domcaps and "<arch>x86_64</arch>" in domcaps,
           "getDomainCapabilities describes qemu on x86_64", domcaps.splitlines()[:10])
    info = conn.getInfo()
    tap.ok(info[0] == os.uname().machine and info[1] > 0 and info[2] == os.cpu_count(),
           "getInfo: the host's model, memory and CPUs", [str(info)])
    tap.ok(conn.getMaxVcpus("qemu") >= 1, "getMaxVcpus")
    tap.ok(conn.getSecurityModel() == ["none", "0"], "getSecurityModel: none",
           [str(conn.getSecurityModel())])
    tap.ok(conn.listAllNetworks() == [] and conn.listAllStoragePools() == [] and
           conn.listAllInterfaces() == [] and conn.listAllDevices() == [] and
           conn.listAllSecrets() == [] and conn.listAllNWFilters() == [] and
           conn.numOfNetworks() == 0 and conn.listStoragePools() == [] and
           conn.listDevices(None, 0) == [],
           "the secondary drivers list nothing")
    err = error_of(lambda: conn.networkLookupByName("default"))
    tap.ok(err is not None and err[0] == libvirt.VIR_ERR_NO_NETWORK and
           err[1] == libvirt.VIR_FROM_NETWORK,
           "networkLookupByName: VIR_ERR_NO_NETWORK", [str(err)])
    err = error_of(lambda: conn.storagePoolLookupByName("default"))
    tap.ok(err is not None and err[0] == libvirt.VIR_ERR_NO_STORAGE_POOL,
           "storagePoolLookupByName: VIR_ERR_NO_STORAGE_POOL", [str(err)])
    tap.ok(conn.setKeepAlive(5, 3) in (0, 1), "setKeepAlive succeeds locally")
    closed = []
    conn.registerCloseCallback(lambda c, reason, opaque: closed.append(reason), None)
    conn.unregisterCloseCallback()
    tap.ok(closed == [], "close callbacks register and unregister")

    events = []
    cbid = conn.domainEventRegisterAny(
        None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
        lambda c, d, ev, detail, opaque: events.append((d.name(), ev, detail)), None)

    dom = conn.defineXML(bu.domain_xml("pyguest", bu.UUIDS[0]))
    tap.ok(dom.name() == "pyguest" and dom.isPersistent() == 1 and dom.isActive() == 0 and
           dom.UUIDString() == bu.UUIDS[0], "defineXML")
    tap.ok(dom.autostart() == 0 and dom.hasManagedSaveImage() == 0 and
           dom.snapshotNum() == 0 and dom.listAllSnapshots() == [],
           "autostart 0, no managed save image, no snapshots")
    dom.setAutostart(1)
    tap.ok(dom.autostart() == 1 and
           os.path.exists(os.path.join(env.root, "etc", "qemu", "autostart", "pyguest.xml")),
           "setAutostart(1) is kept, as a link in the autostart directory")
    dom.setAutostart(0)
    tap.ok(dom.autostart() == 0, "setAutostart(0)")

    dom.create()
    state = dom.state()
    tap.ok(state == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED],
           "create: running, booted", [str(state)])
    dinfo = dom.info()
    tap.ok(dinfo[0] == libvirt.VIR_DOMAIN_RUNNING and dinfo[1] == 65536 and dinfo[3] == 1,
           "info: state, memory, vCPUs", [str(dinfo)])
    xml = dom.XMLDesc(0)
    tap.ok("<name>pyguest</name>" in xml and "<emulator>" in xml and "id=" in xml,
           "XMLDesc: the live definition, with the default emulator", xml.splitlines()[:6])
    tap.ok([d.name() for d in conn.listAllDomains()] == ["pyguest"] and
           conn.listDomainsID() == [dom.ID()] and conn.numOfDomains() == 1 and
           conn.lookupByID(dom.ID()).name() == "pyguest",
           "listAllDomains, listDomainsID, lookupByID")

    dom.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL)
    state = dom.state()
    tap.ok(state == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED],
           "destroyFlags(GRACEFUL) on an idle guest: shut off, destroyed", [str(state)])
    loop.wait_for(lambda: ("pyguest", libvirt.VIR_DOMAIN_EVENT_STOPPED,
                           libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED) in events)
    tap.ok(("pyguest", libvirt.VIR_DOMAIN_EVENT_STARTED,
            libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED) in events and
           ("pyguest", libvirt.VIR_DOMAIN_EVENT_STOPPED,
            libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED) in events,
           "lifecycle events through virEventRegisterDefaultImpl: started, stopped",
           [str(events)])

    dom.create()
    pid = env.qemu_pid("pyguest")
    os.kill(pid, bu.signal.SIGSTOP)
    err = error_of(lambda: dom.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL))
    tap.ok(err is not None and err[0] == libvirt.VIR_ERR_OPERATION_FAILED and
           err[1] == libvirt.VIR_FROM_QEMU and
           err[2].startswith("operation failed: failed to kill qemu process with SIGTERM"),
           "destroyFlags(GRACEFUL) on a frozen QEMU: VIR_ERR_OPERATION_FAILED", [str(err)])
    tap.ok(bu.process_state(pid) == "T" and dom.isActive() == 1,
           "the frozen QEMU is left alive and the domain active",
           [str(bu.process_state(pid))])
    dom.destroy()
    tap.ok(bu.process_state(pid) in (None, "Z") and
           dom.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF,
           "then a DEFAULT destroy stops it")

    tdom = conn.createXML(bu.domain_xml("pytransient", bu.UUIDS[1]), 0)
    err = error_of(lambda: tdom.setAutostart(1))
    tap.ok(err is not None and err[0] == libvirt.VIR_ERR_OPERATION_INVALID,
           "setAutostart on a transient domain: VIR_ERR_OPERATION_INVALID", [str(err)])
    tdom.destroy()

    # Two guests on one raw image: with <shareable/> both run (each QEMU is
    # told to share it); without, QEMU's image locking refuses the second.
    image = os.path.join(env.root, "files", "shared.img")
    with open(image, "wb") as f:
        f.truncate(16 << 20)
    shared = [conn.createXML(bu.domain_xml("pyshare%d" % i, bu.UUIDS[3 + i], disk=image,
                                           shareable=True), 0) for i in range(2)]
    sxml = shared[0].XMLDesc(0)
    tap.ok(all(d.isActive() == 1 for d in shared) and "<shareable/>" in sxml and
           "cache='none'" in sxml,
           "two guests run on one raw image marked <shareable/> (cache none)",
           sxml.splitlines()[:25])
    for d in shared:
        d.destroy()
    first = conn.createXML(bu.domain_xml("pyshare0", bu.UUIDS[3], disk=image), 0)
    err = error_of(lambda: conn.createXML(bu.domain_xml("pyshare1", bu.UUIDS[4], disk=image), 0))
    tap.ok(err is not None and "lock" in err[2],
           "without <shareable/> the second guest is refused by QEMU's image lock", [str(err)])
    first.destroy()

    conn.domainEventDeregisterAny(cbid)
    dom.undefine()
    err = error_of(lambda: conn.lookupByName("pyguest"))
    tap.ok(err is not None and err[0] == libvirt.VIR_ERR_NO_DOMAIN,
           "undefine: the domain is gone", [str(err)])
    conn.close()
    loop.stop()
except Exception as e:  # noqa: BLE001 - any failure is a failed case
    import traceback
    tap.ok(False, "the scenario ran to its end", traceback.format_exc().splitlines())
finally:
    leftovers = env.cleanup()
    tap.ok(not leftovers, "no QEMU left behind", ["pid %d" % p for p in leftovers])
sys.exit(tap.finish())
