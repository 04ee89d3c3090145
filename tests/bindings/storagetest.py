#!/usr/bin/env python3
# storagetest.py: directory storage pools, and every refusal
#
# The storage calls src/qemu/qemu_storage.c answers (what virt-install
# and virt-manager use), through python3-libvirt on three paths: our
# library on qemu:///embed, our library's remote driver to our daemon,
# and Debian's library to our daemon.  Each path walks the same
# scenario: a pool defined, started, listed with every filter, its
# volumes found by name, path and key with their formats; then every
# refusal with upstream's error code: malformed and unsupported
# definitions, conflicts, calls on a pool in the wrong state, lookups
# of what does not exist, stale handles, calls this driver does not
# implement, a read-only connection; hostile files under the root's
# storage directory are skipped; autostart happens once per boot.
#
#   storagetest.py LIBDIR
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

if len(sys.argv) not in (2, 3):
    print("usage: storagetest.py LIBDIR", file=sys.stderr)
    sys.exit(2)
LIBDIR = os.path.abspath(sys.argv[1])
# The remote case through Debian's library runs in a child of its own.
DEBIAN_CHILD = len(sys.argv) == 3

if not DEBIAN_CHILD and (sys.executable != SYSTEM_PYTHON or
                         os.environ.get("LD_LIBRARY_PATH") != LIBDIR):
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = LIBDIR
    for k in ("LD_PRELOAD", "LIBVIRT_DEFAULT_URI", "PYTHONPATH", "PYTHONHOME"):
        env.pop(k, None)
    os.execve(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__), LIBDIR], env)

sys.path.insert(0, HERE)
import bindingutils as bu  # noqa: E402
import libvirt  # noqa: E402

VIRTQEMUD = os.path.join(LIBDIR, "virtqemud")


def code_of(fn):
    """The error code @fn fails with, and its message; (None, result)
    when it succeeds."""
    try:
        return None, fn()
    except libvirt.libvirtError as e:
        return e.get_error_code(), e.get_error_message()


def pool_xml(name, path, uuid=None, extra="", ptype="dir", target_extra=""):
    return ("<pool type='%s'><name>%s</name>%s%s<target><path>%s</path>%s</target></pool>"
            % (ptype, name, "<uuid>%s</uuid>" % uuid if uuid else "", extra, path,
               target_extra))


def qcow2_header(size):
    """The first bytes of a qcow2 version 3 image of @size bytes."""
    return b"QFI\xfb" + (3).to_bytes(4, "big") + bytes(16) + size.to_bytes(8, "big")


def scenario(tap, what, uri, rouri, root, data):
    """The whole walk on one connection path; @data is a fresh directory
    of the host, @root the driver's root (for its storage files)."""
    conn = libvirt.open(uri)
    E = libvirt

    def ok(cond, title, diags=()):
        tap.ok(cond, "%s: %s" % (what, title), diags)

    def refused(fn, code, title, words=""):
        got, msg = code_of(fn)
        ok(got == code and words in str(msg), title + " (code %d)" % code,
           ["got %r: %r" % (got, msg)])

    imgs = os.path.join(data, "imgs")
    os.makedirs(os.path.join(imgs, "subdir"))
    with open(os.path.join(imgs, "a.img"), "wb") as f:
        f.truncate(1 << 20)
    with open(os.path.join(imgs, "b.qcow2"), "wb") as f:
        f.write(qcow2_header(5 << 30))
    with open(os.path.join(imgs, "c.iso"), "wb") as f:
        f.seek(0x8001)
        f.write(b"CD001")
        f.truncate(64 << 10)
    with open(os.path.join(imgs, "x&<y>.img"), "wb") as f:
        f.truncate(4096)
    os.symlink("a.img", os.path.join(imgs, "link.img"))

    ok(conn.listAllStoragePools() == [] and conn.numOfStoragePools() == 0,
       "no pools on a new root")

    # Defined, started, listed.
    pool = conn.storagePoolDefineXML(pool_xml("imgs", imgs + "//"))
    ok(pool.isActive() == 0 and pool.isPersistent() == 1 and pool.autostart() == 0 and
       pool.info()[0] == E.VIR_STORAGE_POOL_INACTIVE,
       "a defined pool is inactive, persistent, not autostarted")
    ok("<path>%s</path>" % imgs in pool.XMLDesc(0), "its target path is cleaned",
       pool.XMLDesc(0).splitlines())
    refused(pool.listVolumes, E.VIR_ERR_OPERATION_INVALID,
            "an inactive pool lists no volumes", "is not active")
    refused(pool.numOfVolumes, E.VIR_ERR_OPERATION_INVALID,
            "an inactive pool counts no volumes", "is not active")
    refused(lambda: pool.refresh(0), E.VIR_ERR_OPERATION_INVALID,
            "an inactive pool is not refreshed", "is not active")
    refused(pool.destroy, E.VIR_ERR_OPERATION_INVALID,
            "an inactive pool is not destroyed", "is not active")
    refused(lambda: pool.storageVolLookupByName("a.img"), E.VIR_ERR_OPERATION_INVALID,
            "no volume lookup in an inactive pool", "is not active")
    refused(lambda: pool.create(E.VIR_STORAGE_POOL_CREATE_WITH_BUILD),
            E.VIR_ERR_INVALID_ARG, "create with build is refused: nothing is built")
    pool.create(0)
    refused(lambda: pool.create(0), E.VIR_ERR_OPERATION_INVALID,
            "a running pool is not started twice", "already active")
    refused(pool.undefine, E.VIR_ERR_OPERATION_INVALID,
            "a running pool is not undefined", "still active")
    pool.setAutostart(1)
    info = pool.info()
    ok(info[0] == E.VIR_STORAGE_POOL_RUNNING and info[1] > 0 and
       info[1] == info[2] + info[3] and pool.autostart() == 1 and pool.refresh(0) == 0,
       "a started pool runs, measures its file system, autostarts, refreshes", [repr(info)])
    xml = pool.XMLDesc(0)
    ok("<permissions>" in xml and "<mode>0" in xml and
       "<capacity unit='bytes'>%d</capacity>" % info[1] in xml,
       "its XML gives the directory's permissions and figures", xml.splitlines())

    other = os.path.join(data, "other")
    os.makedirs(other)
    pool2 = conn.storagePoolDefineXML(pool_xml("other", other))
    F = E.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE
    filters = {
        0: ["imgs", "other"],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE: ["imgs"],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE: ["other"],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART: ["imgs"],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART: ["other"],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT: ["imgs", "other"],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT: [],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_DIR: ["imgs", "other"],
        E.VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL: [],
        F | E.VIR_CONNECT_LIST_STORAGE_POOLS_DIR: ["imgs"],
    }
    got = dict((f, sorted(p.name() for p in conn.listAllStoragePools(f))) for f in filters)
    ok(got == filters, "listAllStoragePools filters by state, autostart, persistence, type",
       [repr(got)])
    ok(conn.listStoragePools() == ["imgs"] and conn.listDefinedStoragePools() == ["other"] and
       conn.numOfStoragePools() == 1 and conn.numOfDefinedStoragePools() == 1,
       "the name lists of running and defined pools")
    refused(lambda: conn.listAllStoragePools(1 << 25), E.VIR_ERR_INVALID_ARG,
            "an unknown listing flag is refused")

    # Volumes.
    names = pool.listVolumes()
    ok(sorted(names) == ["a.img", "b.qcow2", "c.iso", "x&<y>.img"] and
       pool.numOfVolumes() == 4 and
       sorted(v.name() for v in pool.listAllVolumes(0)) == sorted(names),
       "the volumes are the regular files (no link, no directory)", names)
    formats = {}
    for name in ("a.img", "b.qcow2", "c.iso"):
        vol = pool.storageVolLookupByName(name)
        x = vol.XMLDesc(0)
        fmt = x.split("<format type='")[1].split("'")[0]
        formats[name] = (fmt, vol.info()[0], vol.info()[1], vol.path() == os.path.join(imgs, name),
                         vol.key() == vol.path())
    ok(formats == {"a.img": ("raw", E.VIR_STORAGE_VOL_FILE, 1 << 20, True, True),
                   "b.qcow2": ("qcow2", E.VIR_STORAGE_VOL_FILE, 5 << 30, True, True),
                   "c.iso": ("iso", E.VIR_STORAGE_VOL_FILE, 64 << 10, True, True)},
       "each volume's format, type and capacity (qcow2's virtual size)", [repr(formats)])
    x = pool.storageVolLookupByName("x&<y>.img").XMLDesc(0)
    ok("<name>x&amp;&lt;y&gt;.img</name>" in x, "a volume's name is escaped in its XML",
       x.splitlines()[:3])
    vol = conn.storageVolLookupByPath(os.path.join(imgs, "a.img"))
    ok(vol.name() == "a.img" and vol.storagePoolLookupByVolume().name() == "imgs" and
       conn.storageVolLookupByKey(vol.key()).name() == "a.img" and
       conn.storageVolLookupByPath(imgs + "/./a.img").name() == "a.img",
       "a volume found by path (also unclean) and by key, and its pool")
    ok(conn.storagePoolLookupByTargetPath(imgs + "/").name() == "imgs" and
       conn.storagePoolLookupByUUIDString(pool.UUIDString()).name() == "imgs",
       "a pool found by target path and by UUID")

    for fn, code, title, words in [
        (lambda: pool.storageVolLookupByName("nosuch"), E.VIR_ERR_NO_STORAGE_VOL,
         "a missing volume by name", "no storage vol with matching name 'nosuch'"),
        (lambda: pool.storageVolLookupByName("link.img"), E.VIR_ERR_NO_STORAGE_VOL,
         "a symbolic link is no volume", "link.img"),
        (lambda: pool.storageVolLookupByName("subdir"), E.VIR_ERR_NO_STORAGE_VOL,
         "a directory is no volume", "subdir"),
        (lambda: pool.storageVolLookupByName("../other"), E.VIR_ERR_NO_STORAGE_VOL,
         "a name with '/' is no volume", ""),
        (lambda: conn.storageVolLookupByPath(os.path.join(data, "nosuch.img")),
         E.VIR_ERR_NO_STORAGE_VOL, "a path no pool holds", "no storage vol with matching path"),
        (lambda: conn.storageVolLookupByPath("a.img"), E.VIR_ERR_NO_STORAGE_VOL,
         "a relative path", "no storage vol with matching path 'a.img'"),
        (lambda: conn.storageVolLookupByKey("/nosuch"), E.VIR_ERR_NO_STORAGE_VOL,
         "a missing key", "no storage vol with matching key /nosuch"),
        (lambda: conn.storagePoolLookupByName("nosuch"), E.VIR_ERR_NO_STORAGE_POOL,
         "a missing pool by name", "no storage pool with matching name 'nosuch'"),
        (lambda: conn.storagePoolLookupByName("../x"), E.VIR_ERR_NO_STORAGE_POOL,
         "a pool name with '/'", ""),
        (lambda: conn.storagePoolLookupByUUIDString("00000000-0000-4000-8000-000000000000"),
         E.VIR_ERR_NO_STORAGE_POOL, "a missing pool by UUID", "matching uuid"),
        (lambda: conn.storagePoolLookupByTargetPath("/nosuch"), E.VIR_ERR_NO_STORAGE_POOL,
         "a missing pool by target path", "matching target path '/nosuch'"),
        (lambda: vol.wipe(0), E.VIR_ERR_NO_SUPPORT, "wiping a volume is not implemented", ""),
        (lambda: vol.delete(0), E.VIR_ERR_NO_SUPPORT, "deleting a volume is not implemented",
         ""),
        (lambda: pool.createXML("<volume><name>n</name><capacity>1</capacity></volume>", 0),
         E.VIR_ERR_NO_SUPPORT, "creating a volume is not implemented", ""),
        (lambda: pool.build(0), E.VIR_ERR_NO_SUPPORT, "building a pool is not implemented",
         ""),
        (lambda: pool.delete(0), E.VIR_ERR_NO_SUPPORT, "deleting a pool is not implemented",
         ""),
        (lambda: conn.storagePoolCreateXML(pool_xml("t", other), 0), E.VIR_ERR_NO_SUPPORT,
         "transient pools are not implemented", ""),
        (lambda: pool.XMLDesc(1 << 4), E.VIR_ERR_INVALID_ARG,
         "an unknown pool XML flag", ""),
        (lambda: vol.XMLDesc(1), E.VIR_ERR_INVALID_ARG, "an unknown volume XML flag", ""),
        (lambda: pool.refresh(1), E.VIR_ERR_INVALID_ARG, "an unknown refresh flag", ""),
        (lambda: pool.listAllVolumes(1), E.VIR_ERR_INVALID_ARG,
         "an unknown volume listing flag", ""),
    ]:
        refused(fn, code, title, words)

    # Definitions refused, nothing written.
    for xml, code, title, words in [
        ("<pool type='dir'", E.VIR_ERR_XML_DETAIL, "malformed XML", ""),
        ("<volume/>", E.VIR_ERR_XML_ERROR, "another root element", ""),
        ("<pool><name>n</name></pool>", E.VIR_ERR_XML_ERROR, "no type", "type is missing"),
        (pool_xml("n", other, ptype="nosuch"), E.VIR_ERR_XML_ERROR, "an unknown type",
         "unknown storage pool type nosuch"),
        (pool_xml("n", other, ptype="logical"), E.VIR_ERR_NO_SUPPORT, "a logical pool",
         "directory pools only"),
        (pool_xml("n", other, extra="<source><dir path='/x'/></source>"),
         E.VIR_ERR_CONFIG_UNSUPPORTED, "a source", "<dir>"),
        (pool_xml("n", other, target_extra="<permissions><mode>0700</mode></permissions>"),
         E.VIR_ERR_CONFIG_UNSUPPORTED, "target permissions", "<permissions>"),
        (pool_xml("n", "relative/dir"), E.VIR_ERR_XML_ERROR, "a relative target",
         "must be absolute"),
        ("<pool type='dir'><name>n</name><target/></pool>", E.VIR_ERR_XML_ERROR,
         "an empty target", "missing storage pool target path"),
        ("<pool type='dir'><name>n</name></pool>", E.VIR_ERR_XML_ERROR, "no target",
         "missing storage pool target path"),
        ("<pool type='dir'><target><path>/x</path></target></pool>", E.VIR_ERR_XML_ERROR,
         "no name", "name element"),
        (pool_xml("a/b", other), E.VIR_ERR_XML_ERROR, "a name with '/'", "is not valid"),
        (pool_xml(".hidden", other), E.VIR_ERR_XML_ERROR, "a name beginning with '.'",
         "is not valid"),
        (pool_xml("n", other, uuid="not-a-uuid"), E.VIR_ERR_XML_ERROR, "a malformed UUID",
         "malformed uuid"),
        (pool_xml("n", other, extra="<bogus/>"), E.VIR_ERR_CONFIG_UNSUPPORTED,
         "an unknown element", "<bogus>"),
        (pool_xml("other", other, uuid="00000000-0000-4000-8000-000000000001"),
         E.VIR_ERR_OPERATION_FAILED, "a name taken with another UUID", "already defined"),
        (pool_xml("n", data, uuid=pool.UUIDString()), E.VIR_ERR_OPERATION_FAILED,
         "a UUID taken by another name", "already exists"),
        (pool_xml("n", imgs), E.VIR_ERR_OPERATION_FAILED, "a target another pool has",
         "Storage source conflict with pool: 'imgs'"),
    ]:
        refused(lambda: conn.storagePoolDefineXML(xml, 0), code,
                "define refuses " + title, words)
    refused(lambda: conn.storagePoolDefineXML(pool_xml("n", other), 1), E.VIR_ERR_INVALID_ARG,
            "define refuses an unknown flag")
    ok(sorted(p.name() for p in conn.listAllStoragePools()) == ["imgs", "other"],
       "the refused definitions left nothing")

    # A redefinition without <uuid> keeps the pool's.
    uuid2 = pool2.UUIDString()
    again = conn.storagePoolDefineXML(pool_xml("other", other))
    ok(again.UUIDString() == uuid2, "a redefinition without uuid keeps the pool's")

    # Stale handles.
    os.unlink(os.path.join(imgs, "x&<y>.img"))
    stale = [v for v in pool.listAllVolumes(0) if v.name() == "a.img"][0]
    os.unlink(os.path.join(imgs, "a.img"))
    refused(stale.info, E.VIR_ERR_NO_STORAGE_VOL, "a removed file's volume handle",
            "a.img")
    pool2.undefine()
    conn.storagePoolDefineXML(pool_xml("other", other,
                                       uuid="00000000-0000-4000-8000-0000000000aa"))
    refused(pool2.info, E.VIR_ERR_NO_STORAGE_POOL,
            "a handle of a pool redefined with another UUID", uuid2)
    conn.storagePoolLookupByName("other").undefine()

    # A pool whose directory went away.
    gone = os.path.join(data, "gone")
    os.makedirs(gone)
    pg = conn.storagePoolDefineXML(pool_xml("gone", gone))
    os.rmdir(gone)
    refused(lambda: pg.create(0), E.VIR_ERR_SYSTEM_ERROR,
            "starting a pool over a missing directory", "cannot open directory")
    os.makedirs(gone)
    pg.create(0)
    os.rmdir(gone)
    refused(lambda: pg.refresh(0), E.VIR_ERR_SYSTEM_ERROR,
            "refreshing a pool whose directory is gone", "cannot open directory")
    refused(pg.listVolumes, E.VIR_ERR_SYSTEM_ERROR,
            "listing a pool whose directory is gone", "cannot open directory")
    pg.destroy()
    pg.undefine()

    # Read-only connections read, never write.
    ro = libvirt.openReadOnly(rouri)
    ok([p.name() for p in ro.listAllStoragePools()] == ["imgs"],
       "a read-only connection lists the pools")
    refused(lambda: ro.storagePoolDefineXML(pool_xml("n", other), 0),
            E.VIR_ERR_OPERATION_DENIED, "a read-only connection defines nothing")
    refused(lambda: ro.storagePoolLookupByName("imgs").destroy(),
            E.VIR_ERR_OPERATION_DENIED, "a read-only connection stops nothing")
    ro.close()

    # Hostile files in the root's storage directory are skipped.
    etc = os.path.join(root, "etc", "storage")
    with open(os.path.join(etc, "junk.xml"), "w") as f:
        f.write("<pool type='dir'><name>junk")
    with open(os.path.join(etc, "liar.xml"), "w") as f:
        f.write(pool_xml("imgs", other))
    with open(os.path.join(etc, "open.xml"), "w") as f:
        f.write(pool_xml("open", other))
    os.chmod(os.path.join(etc, "open.xml"), 0o666)
    os.symlink(os.path.join(etc, "imgs.xml"), os.path.join(etc, "sym.xml"))
    ok([p.name() for p in conn.listAllStoragePools()] == ["imgs"],
       "malformed, misnamed, world-writable and linked pool files are skipped")
    refused(lambda: conn.storagePoolLookupByName("open"), E.VIR_ERR_NO_STORAGE_POOL,
            "a world-writable pool file names no pool")
    for name in ("junk.xml", "liar.xml", "open.xml", "sym.xml"):
        os.unlink(os.path.join(etc, name))

    # Autostart: once per boot (the run directory's storage state).
    pool.destroy()
    conn.close()
    conn = libvirt.open(uri)
    ok(conn.storagePoolLookupByName("imgs").isActive() == 0,
       "a pool stopped on purpose stays stopped when a connection opens")
    conn.close()
    shutil.rmtree(os.path.join(root, "run", "storage"))
    conn = libvirt.open(uri)
    pool = conn.storagePoolLookupByName("imgs")
    ok(pool.isActive() == 1, "after a reboot (run emptied) the autostarted pool runs")
    pool.setAutostart(0)
    ok(pool.autostart() == 0, "autostart can be unset")
    pool.destroy()
    pool.undefine()
    ok(conn.listAllStoragePools() == [], "nothing left defined")
    conn.close()


class Daemon:
    def __init__(self, root):
        self.root = root
        self.sock = os.path.join(root, "run", "virtqemud-sock")
        self.proc = subprocess.Popen([VIRTQEMUD, "--root", root], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + 20
        while time.monotonic() < end and self.proc.poll() is None:
            try:
                with socket.socket(socket.AF_UNIX) as s:
                    s.connect(self.sock)
                return
            except OSError:
                time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)


def run_case(tap, what, uri_of, debian=False):
    root = bu.vu.make_root()
    data = tempfile.mkdtemp(prefix="lvg-storage-", dir="/tmp")
    daemon = None
    try:
        if uri_of == "embed":
            uri = rouri = "qemu:///embed?root=" + root
        else:
            daemon = Daemon(root)
            uri = "qemu+unix:///system?socket=" + daemon.sock
            rouri = "qemu+unix:///system?socket=" + daemon.sock + "-ro"
        if debian:
            # Debian's library, in a child without ours.
            env = dict((k, v) for k, v in os.environ.items() if k != "LD_LIBRARY_PATH")
            proc = subprocess.run([SYSTEM_PYTHON, os.path.abspath(__file__), LIBDIR,
                                   "\n".join([what, uri, rouri, root, data])],
                                  capture_output=True, text=True, env=env, timeout=120)
            bu.tap_merge(tap, proc.stdout, proc.stderr, "Debian's library: the child")
        else:
            scenario(tap, what, uri, rouri, root, data)
    except Exception:  # noqa: BLE001 - any failure is a failed case
        import traceback
        tap.ok(False, "%s: the scenario ran to its end" % what,
               traceback.format_exc().splitlines())
    finally:
        if daemon:
            daemon.stop()
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)


def main():
    if DEBIAN_CHILD:
        libvirt.registerErrorHandler(lambda ctx, err: None, None)
        what, uri, rouri, root, data = sys.argv[2].split("\n")
        scenario(bu.ChildTap(), what, uri, rouri, root, data)
        return 0
    tap = bu.Tap()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    run_case(tap, "embed", "embed")
    run_case(tap, "daemon, our library", "daemon")
    run_case(tap, "daemon, Debian's library", "daemon", debian=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
