#!/usr/bin/env python3
# installtest.py: does `meson install` lay out the tree a packager
# expects, and can a program be built and run against it?
#
# Installs the build tree into a temporary DESTDIR, then checks, printing
# TAP:
#   - the files a distribution package ships are where it expects them,
#     with sane modes, and nothing is installed outside the prefix and
#     the configuration directory;
#   - libvirt.so.0 has its SONAME, its symlinks, no run path, and exports
#     the same versioned symbols as the library in the build tree;
#   - the headers are the source tree's;
#   - pkg-config, pointed at the DESTDIR (where Debian's libvirt-dev also
#     has a libvirt.pc on the default path), finds ours;
#   - the man pages render without warnings;
#   - a small client compiled with the flags pkg-config gives runs
#     against the installed library (and no other), reading the
#     installed sample qemu.conf, and starts and gracefully stops a
#     domain on real QEMU;
#   - the installed virsh reports destroy errors in German and French
#     (LANGUAGE=de, LANGUAGE=fr) from the installed catalogues.
#
# Paths come from the environment meson gives the test (see
# tests/meson.build): BUILDDIR, SRCDIR, CC, PREFIX and the
# install directories (relative to PREFIX, or absolute).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import ctypes
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile

PACKAGE = "libvirt-grace"
LIBRARY = "libvirt.so.0.9000.0"
PR_SET_CHILD_SUBREAPER = 36


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, name, details=()):
        self.n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, name))
        if not ok:
            self.failed += 1
            for d in details:
                for line in str(d).splitlines():
                    print("# " + line)
        sys.stdout.flush()
        return ok

    def finish(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def run(cmd, env=None, cwd=None):
    """Runs @cmd; returns (exit status, stdout, stderr)."""
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def reap_children():
    """Reaps what was reparented to us (QEMU processes the client
    started); returns the pids of children still running."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return []
        if pid == 0:
            break
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            alive.append(int(entry))
    return alive


class Layout:
    """Where things go under DESTDIR, from the build's options."""

    def __init__(self, destdir):
        self.destdir = destdir
        self.prefix = os.environ["PREFIX"]

    def path(self, option, *rest):
        base = os.environ[option]
        if not os.path.isabs(base):
            base = os.path.join(self.prefix, base)
        return os.path.join(self.destdir + base, *rest)


def expected_files(lay, headers, manpages):
    """(path, kind) of every file a package of this tree ships."""
    files = [
        (lay.path("BINDIR", "virsh"), "program"),
        (lay.path("SBINDIR", "virtqemud"), "program"),
        (lay.path("BINDIR", "virt-ssh-helper"), "program"),
        (lay.path("SYSCONFDIR", PACKAGE, "virtqemud.conf"), "data"),
        (lay.destdir + os.path.join(lay.prefix, "lib", "systemd", "system",
                                    "virtqemud.service"), "data"),
        (lay.destdir + os.path.join(lay.prefix, "lib", "systemd", "system",
                                    "virtqemud.socket"), "data"),
        (lay.destdir + os.path.join(lay.prefix, "lib", "systemd", "system",
                                    "virtqemud-ro.socket"), "data"),
        (lay.path("LIBDIR", LIBRARY), "library"),
        (lay.path("LIBDIR", "libvirt.so.0"), "symlink"),
        (lay.path("LIBDIR", "libvirt.so"), "symlink"),
        (lay.path("LIBDIR", "pkgconfig", "libvirt.pc"), "data"),
        (lay.path("SYSCONFDIR", PACKAGE, "qemu.conf"), "data"),
        (lay.path("DATADIR", "doc", PACKAGE, "html", "index.html"), "data"),
        (lay.path("DATADIR", "doc", PACKAGE, "user-guide.html"), "data"),
        (lay.path("DATADIR", "bash-completion", "completions", "virsh"), "data"),
        (lay.path("LOCALEDIR", "de", "LC_MESSAGES", PACKAGE + ".mo"), "data"),
        (lay.path("LOCALEDIR", "fr", "LC_MESSAGES", PACKAGE + ".mo"), "data"),
    ]
    files += [(lay.path("INCLUDEDIR", "libvirt", h), "data") for h in headers]
    for page in manpages:
        section = page.rsplit(".", 1)[1]
        files.append((lay.path("MANDIR", "man" + section, page), "data"))
    return files


def check_tree(tap, lay, headers, manpages):
    problems = []
    for path, kind in expected_files(lay, headers, manpages):
        try:
            st = os.lstat(path)
        except OSError as e:
            problems.append("missing: %s (%s)" % (path, e.strerror))
            continue
        mode = stat.S_IMODE(st.st_mode)
        if kind == "symlink":
            if not stat.S_ISLNK(st.st_mode):
                problems.append("not a symlink: %s" % path)
        elif not stat.S_ISREG(st.st_mode):
            problems.append("not a regular file: %s" % path)
        elif kind in ("library", "program") and mode != 0o755:
            problems.append("%s: mode %o, not 755" % (path, mode))
        elif kind == "data" and mode != 0o644:
            problems.append("%s: mode %o, not 644" % (path, mode))
    tap.result(not problems, "every file a package ships is installed where expected",
               problems)

    roots = [lay.destdir + lay.prefix, lay.path("SYSCONFDIR")]
    stray = []
    writable = []
    for top, dirs, names in os.walk(lay.destdir):
        for name in dirs + names:
            path = os.path.join(top, name)
            st = os.lstat(path)
            if not stat.S_ISDIR(st.st_mode) and \
               not any(path.startswith(r + os.sep) for r in roots):
                stray.append(path)
            if not stat.S_ISLNK(st.st_mode) and st.st_mode & stat.S_IWOTH:
                writable.append(path)
    tap.result(not stray, "nothing is installed outside %s and %s"
               % (lay.prefix, roots[1][len(lay.destdir):]), stray)
    tap.result(not writable, "nothing installed is world-writable", writable)


def exported(library):
    """The dynamic symbols @library defines, as 'NODE name' strings
    (objdump -T lines: address, flags, section, size, node, name)."""
    rc, out, err = run(["objdump", "-T", library])
    if rc != 0:
        return None, err
    syms = set()
    for line in out.splitlines():
        fields = line.split()
        # Version nodes show up as absolute symbols; UND ones are imports.
        if len(fields) >= 6 and fields[2] in ("DF", "DO") and \
           fields[3] not in ("*UND*", "*ABS*"):
            syms.add("%s %s" % (fields[-2], fields[-1]))
    return syms, None


def check_library(tap, lay):
    libdir = lay.path("LIBDIR")
    installed = os.path.join(libdir, LIBRARY)
    links = {os.path.join(libdir, "libvirt.so.0"): LIBRARY,
             os.path.join(libdir, "libvirt.so"): "libvirt.so.0"}
    wrong = ["%s -> %s, not %s" % (l, os.readlink(l) if os.path.islink(l) else None, t)
             for l, t in links.items()
             if not os.path.islink(l) or os.readlink(l) != t]
    tap.result(not wrong, "libvirt.so.0 and libvirt.so point at %s" % LIBRARY, wrong)

    rc, out, err = run(["readelf", "-d", installed])
    soname = re.findall(r"\(SONAME\)\s+Library soname: \[(.*)\]", out)
    rpath = re.findall(r"\((?:RPATH|RUNPATH)\)\s+.*\[(.*)\]", out)
    tap.result(rc == 0 and soname == ["libvirt.so.0"],
               "the installed library's SONAME is libvirt.so.0", [err, "SONAME: %s" % soname])
    tap.result(rc == 0 and not rpath, "the installed library has no run path",
               ["run path: %s" % rpath])

    ours, err = exported(installed)
    built, err2 = exported(os.path.join(os.environ["BUILDDIR"], "src", LIBRARY))
    unversioned = sorted(s for s in (ours or ()) if not s.startswith("LIBVIRT_"))
    tap.result(bool(ours) and ours == built and not unversioned,
               "it exports the build's %d symbols, each in an upstream version node"
               % len(ours or ()),
               [err or "", err2 or ""] + ["only installed: " + s for s in sorted((ours or set()) - (built or set()))]
               + ["only built: " + s for s in sorted((built or set()) - (ours or set()))]
               + ["no version node: " + s for s in unversioned])


def check_headers(tap, lay, headers):
    srcdir = os.path.join(os.environ["SRCDIR"], "include", "libvirt")
    instdir = lay.path("INCLUDEDIR", "libvirt")
    differ = []
    for h in headers:
        try:
            with open(os.path.join(srcdir, h), "rb") as a, \
                 open(os.path.join(instdir, h), "rb") as b:
                if a.read() != b.read():
                    differ.append("%s differs from the source tree's" % h)
        except OSError as e:
            differ.append("%s: %s" % (h, e))
    extra = sorted(set(os.listdir(instdir)) - set(headers)) if os.path.isdir(instdir) else []
    tap.result(not differ and not extra,
               "the %d installed headers are the source tree's" % len(headers),
               differ + ["installed but not in the tree: " + e for e in extra])


def pkg_config_env(lay):
    env = dict(os.environ)
    env["PKG_CONFIG_PATH"] = lay.path("LIBDIR", "pkgconfig")
    env["PKG_CONFIG_SYSROOT_DIR"] = lay.destdir
    return env


def check_pkg_config(tap, lay):
    env = pkg_config_env(lay)
    pcdir = lay.path("LIBDIR", "pkgconfig")
    rc1, where, err1 = run(["pkg-config", "--variable=pcfiledir", "libvirt"], env=env)
    rc2, version, err2 = run(["pkg-config", "--modversion", "libvirt"], env=env)
    tap.result(rc1 == 0 and where.strip() == pcdir and version.strip() == "9.0.0",
               "pkg-config finds our libvirt.pc (9.0.0) in the DESTDIR tree",
               [err1, err2, "found: %s, version %s" % (where.strip(), version.strip())])

    rc, flags, err = run(["pkg-config", "--cflags", "--libs", "libvirt"], env=env)
    words = flags.split()
    include = lay.path("INCLUDEDIR")
    libdir = lay.path("LIBDIR")
    tap.result(rc == 0 and "-lvirt" in words and "-L" + libdir in words and
               "-I" + include in words,
               "its flags name the installed headers and library",
               [err, "flags: %s" % flags.strip()])
    return words if rc == 0 else None


def check_manpages(tap, lay, manpages):
    bad = []
    for page in manpages:
        section = page.rsplit(".", 1)[1]
        path = lay.path("MANDIR", "man" + section, page)
        rc, out, err = run(["man", "--warnings", "-l", path],
                           env=dict(os.environ, MANWIDTH="80", MAN_KEEP_FORMATTING=""))
        if rc != 0 or err.strip() or not out.strip():
            bad.append("%s: status %d %s" % (page, rc, err.strip()))
    tap.result(not bad, "the %d man pages render without warnings" % len(manpages), bad)


def check_client(tap, lay, flags, workdir):
    client = os.path.join(workdir, "client")
    source = os.path.join(os.environ["SRCDIR"], "tests", "installdata", "client.c")
    cc = os.environ.get("CC", "cc").split()
    rc, out, err = run(cc + ["-std=gnu11", "-Wall", "-Werror", "-o", client, source] + flags)
    if not tap.result(rc == 0, "a client compiles and links with pkg-config's flags",
                      [" ".join(cc + [source] + flags), err]):
        return

    rc, out, err = run(["readelf", "-d", client])
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.*)\]", out)
    tap.result("libvirt.so.0" in needed, "the client needs libvirt.so.0",
               ["NEEDED: %s" % needed])

    root = os.path.join(workdir, "root")
    os.makedirs(os.path.join(root, "etc"))
    shutil.copyfile(lay.path("SYSCONFDIR", PACKAGE, "qemu.conf"),
                    os.path.join(root, "etc", "qemu.conf"))
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = lay.path("LIBDIR")
    env.pop("LIBVIRT_DEFAULT_URI", None)
    rc, out, err = run([client, root, "/usr/bin/qemu-system-x86_64"], env=env)
    lib = re.findall(r"^library: (.*)$", out, re.M)
    tap.result(lib and os.path.realpath(lib[0]) ==
               os.path.realpath(lay.path("LIBDIR", "libvirt.so.0")),
               "the client runs on the installed library",
               ["library: %s" % lib, err])
    tap.result(rc == 0 and "version: 9000000" in out and out.rstrip().endswith("ok"),
               "on it, with the installed qemu.conf, it starts and gracefully "
               "stops a domain", ["status %d" % rc, out, err])



# What virsh prints, translated, when a graceful destroy of a frozen
# QEMU gives up and when a domain that is not running is destroyed.
# Each language is asked for as a user would: LANGUAGE picks it, and
# any locale but C/POSIX lets gettext honour LANGUAGE (C.UTF-8 is built
# into Debian's C library, so no locale needs generating).
TRANSLATIONS = {
    "de": ({"LC_ALL": "C.UTF-8"},
           "Fehler: Domain „demo“ konnte nicht zerstört werden\n"
           "Fehler: Vorgang fehlgeschlagen: QEMU-Prozess konnte mit SIGTERM nicht "
           "beendet werden: Prozess PID läuft 0.2 s nach SIGTERM noch "
           "(Zustand T (stopped)); sonst wurde nichts unternommen: versuchen Sie es "
           "erneut oder zerstören Sie die Domain ohne die Option für sanftes "
           "Beenden, um SIGKILL zu verwenden",
           "Fehler: Domain „demo“ konnte nicht zerstört werden\n"
           "Fehler: Angeforderter Vorgang ist nicht gültig: Domain läuft nicht"),
    "fr": ({"LANG": "C.UTF-8"},
           "erreur : Impossible de détruire le domaine « demo »\n"
           "erreur : échec de l'opération : impossible de tuer le processus qemu "
           "avec SIGTERM : le processus PID tourne encore 0.2 s après SIGTERM "
           "(état T (stopped)) ; rien d'autre n'a été fait : réessayez, ou "
           "détruisez le domaine sans l'option d'arrêt en douceur pour utiliser "
           "SIGKILL",
           "erreur : Impossible de détruire le domaine « demo »\n"
           "erreur : L'opération demandée n'est pas valide : le domaine n'est pas "
           "en cours d'exécution"),
}


def check_translations(tap, lay, workdir):
    """The installed virsh, on the installed library, speaks German and
    French: a graceful destroy of a frozen QEMU, and a destroy of a
    domain that is not running."""
    root = os.path.join(workdir, "i18n")
    os.makedirs(os.path.join(root, "etc"))
    with open(os.path.join(root, "etc", "qemu.conf"), "w") as f:
        f.write("destroy_graceful_timeout = 0.2\n")
    xml = os.path.join(workdir, "demo.xml")
    with open(xml, "w") as f:
        f.write("<domain type='qemu'><name>demo</name>"
                "<memory unit='MiB'>64</memory>"
                "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                "<memballoon model='none'/></devices></domain>\n")
    virsh = [lay.path("BINDIR", "virsh"), "-c", "qemu:///embed?root=" + root]
    base = dict(os.environ)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "LIBVIRT_DEFAULT_URI"):
        base.pop(var, None)
    base["LD_LIBRARY_PATH"] = lay.path("LIBDIR")

    rc, out, err = run(virsh + ["define", xml], env=base)
    if not tap.result(rc == 0, "the installed virsh defines a domain", [out, err]):
        return
    statusfile = os.path.join(root, "run", "qemu", "demo.xml")
    for lang, (locale_env, graceful, inactive) in TRANSLATIONS.items():
        env = dict(base, LANGUAGE=lang, **locale_env)
        rc, out, err = run(virsh + ["start", "demo"], env=base)
        pid = None
        try:
            if rc == 0:
                with open(statusfile) as f:
                    pid = int(re.search(r" pid='(\d+)'", f.read()).group(1))
                os.kill(pid, signal.SIGSTOP)
            rc, out, err = run(virsh + ["destroy", "demo", "--graceful"], env=env)
            actual = re.sub(r"(Prozess|processus) %d " % pid if pid else "^$", r"\1 PID ",
                            err.strip())
            tap.result(rc == 1 and actual == graceful,
                       "LANGUAGE=%s %s: the graceful destroy of a frozen QEMU fails in %s"
                       % (lang, " ".join("%s=%s" % kv for kv in locale_env.items()), lang),
                       ["status %d" % rc, "expected:", graceful, "actual:", actual])
        finally:
            if pid:
                os.kill(pid, signal.SIGCONT)
            run(virsh + ["destroy", "demo"], env=base)
        rc, out, err = run(virsh + ["destroy", "demo"], env=env)
        tap.result(rc == 1 and err.strip() == inactive,
                   "LANGUAGE=%s: destroying a domain that is not running fails in %s"
                   % (lang, lang), ["status %d" % rc, "expected:", inactive,
                                    "actual:", err.strip()])
    run(virsh + ["undefine", "demo"], env=base)


def main():
    tap = Tap()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("Bail out! prctl(PR_SET_CHILD_SUBREAPER): %s"
              % os.strerror(ctypes.get_errno()))
        return 1

    headers = sorted(h for h in os.listdir(os.path.join(os.environ["SRCDIR"],
                                                      "include", "libvirt"))
                     if h.endswith(".h"))
    manpages = os.environ.get("MANPAGES", "").split()

    workdir = tempfile.mkdtemp(prefix="installtest-")
    try:
        destdir = os.path.join(workdir, "destdir")
        rc, out, err = run(["meson", "install", "-C", os.environ["BUILDDIR"],
                            "--destdir", destdir, "--no-rebuild", "--quiet"])
        if not tap.result(rc == 0, "meson install into a DESTDIR succeeds", [out, err]):
            return tap.finish()
        lay = Layout(destdir)
        check_tree(tap, lay, headers, manpages)
        check_library(tap, lay)
        check_headers(tap, lay, headers)
        check_manpages(tap, lay, manpages)
        flags = check_pkg_config(tap, lay)
        if flags is not None:
            check_client(tap, lay, flags, workdir)
        check_translations(tap, lay, workdir)
        left = reap_children()
        tap.result(not left, "no process is left behind", ["still running: %s" % left])
    finally:
        reap_children()
        shutil.rmtree(workdir, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
