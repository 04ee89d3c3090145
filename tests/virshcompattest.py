#!/usr/bin/env python3
#
# virshcompattest.py: our virsh against Debian's (libvirt-clients 9.0),
# where the two can show the same thing
#
# Debian's virsh runs on upstream's test:///default driver: one running,
# persistent domain "test" (ID 1, UUID 6695eb01-...), fresh in every
# virsh process.  Ours runs on an embedded QEMU root set up the same way
# (a domain "test" with that UUID, started first, so its ID is 1).  The
# same command line then gives byte-identical output, exit status and
# error lines: table layouts, success lines, error wording, help texts,
# the interactive shell.  Where the drivers differ (the guest's OS type,
# memory, CPU time, security labels), only the form is compared; each
# such case says what is left out and why.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from virshtestutils import (UPSTREAM_VIRSH, VIRSH, Failure, become_subreaper,  # noqa: E402
                            cleanup_qemus, domain_xml, environ, fail, main_guard,
                            make_root, re, remove_tree, run_cases, shell_join)

UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"

# A domain for each driver, under the same file name, so that "defined
# from FILE" lines match.
UPSTREAM_XML = ("<domain type='test'>\n"
                "  <name>other</name>\n"
                "  <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
                "  <memory>65536</memory>\n"
                "  <vcpu>1</vcpu>\n"
                "  <os><type>hvm</type></os>\n"
                "</domain>\n")
OUR_XML = domain_xml("other", "11111111-2222-3333-4444-555555555555")
# A name with wide and accented characters, a title with a tab.
UPSTREAM_XML_WIDE = ("<domain type='test'>\n"
                     "  <name>日本-ünï</name>\n"
                     "  <title>a\ttab 表</title>\n"
                     "  <memory>65536</memory>\n"
                     "  <os><type>hvm</type></os>\n"
                     "</domain>\n")
OUR_XML_WIDE = domain_xml("日本-ünï", "22222222-3333-4444-5555-666666666666", title="a\ttab 表")


class Side:
    """One virsh and its connection, in a scratch directory."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.dir = tempfile.mkdtemp(prefix="lvgsh-cmp-", dir="/tmp")
        self.env = environ({"HOME": self.dir, "XDG_CACHE_HOME": os.path.join(self.dir, "cache"),
                            "XDG_CONFIG_HOME": os.path.join(self.dir, "config")})
        with open(os.path.join(self.dir, "d.xml"), "w") as f:
            f.write(UPSTREAM_XML if upstream else OUR_XML)
        with open(os.path.join(self.dir, "wide.xml"), "w") as f:
            f.write(UPSTREAM_XML_WIDE if upstream else OUR_XML_WIDE)
        with open(os.path.join(self.dir, "bad.xml"), "w") as f:
            f.write("<domain\n")
        os.makedirs(os.path.join(self.dir, "dir.xml"))
        if upstream:
            self.argv0 = [UPSTREAM_VIRSH, "-c", "test:///default"]
            self.root = None
        else:
            self.root = make_root()
            self.argv0 = [VIRSH, "-c", f"qemu:///embed?root={self.root}"]
            with open(os.path.join(self.dir, "test.xml"), "w") as f:
                f.write(domain_xml("test", UUID))
            try:
                self.run(["define test.xml; start test"], check=True)
            except Failure:
                self.close()
                raise

    def run(self, args, stdin=None, check=False, uri=True, env=None, interrupt=None):
        argv = (self.argv0 if uri else self.argv0[:1]) + list(args)
        if interrupt is not None:
            # Ctrl-C after @interrupt seconds (time enough to be waiting).
            p = subprocess.Popen(argv, cwd=self.dir, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=dict(self.env, **(env or {})))
            time.sleep(interrupt)
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=60)
            return out, err, p.returncode
        r = subprocess.run(argv, cwd=self.dir, input=stdin, capture_output=True,
                           stdin=subprocess.DEVNULL if stdin is None else None,
                           text=True, env=dict(self.env, **(env or {})), timeout=60)
        if check and r.returncode != 0:
            fail(f"{shell_join(argv)} failed: {r.stderr}")
        return r.stdout, r.stderr, r.returncode

    def close(self):
        if self.root:
            # The domain "test" is meant to be running still.
            cleanup_qemus(self.root)
            remove_tree(self.root)
        remove_tree(self.dir)


def show(name, res):
    out, err, rc = res
    return (f"--- {name}: exit {rc}\n"
            + "".join(f"1|{line}\n" for line in out.split("\n"))
            + "".join(f"2|{line}\n" for line in err.split("\n")))


def compare(args, stdin=None, uri=True, filt=None, env=None, interrupt=None):
    """A case: the same command line on both sides, the same result
    (after @filt, a function of (stdout, stderr, status), if given)."""
    def case():
        up = Side(True)
        try:
            ours = Side(False)
        except Failure:
            up.close()
            raise
        try:
            a = up.run(args, stdin, uri=uri, env=env, interrupt=interrupt)
            b = ours.run(args, stdin, uri=uri, env=env, interrupt=interrupt)
        finally:
            up.close()
            ours.close()
        if filt:
            a, b = filt(a), filt(b)
        if a != b:
            return show("upstream", a) + show("ours", b)
        return ""
    return case


def custom(args, check, stdin=None):
    """A case: the same command line on both sides, @check(upstream,
    ours) says what must agree (returns a diagnostic, "" if fine)."""
    def case():
        up = Side(True)
        try:
            ours = Side(False)
        except Failure:
            up.close()
            raise
        try:
            a = up.run(args, stdin)
            b = ours.run(args, stdin)
        finally:
            up.close()
            ours.close()
        diag = check(a, b)
        return diag + show("upstream", a) + show("ours", b) if diag else ""
    return case


# ---- What differs, and how it is compared ----

def dominfo_fields(text):
    return [line.split(":")[0] + ":" for line in text.splitlines() if ":" in line]


def check_dominfo(a, b):
    """Field names and their order are upstream's.  Ours has no security
    driver and no "Messages:" API, so, as upstream's virsh does on a
    driver without them, it prints no such lines.  Values are compared
    where the two drivers agree (not OS type, CPUs, memory or CPU
    time)."""
    skip = {"Security model:", "Security DOI:", "Security label:", "Messages:",
            # upstream's test driver counts CPU time of a domain that does
            # not run; its QEMU driver, like ours, does not
            "CPU time:"}
    up = [f for f in dominfo_fields(a[0]) if f not in skip]
    ours = [f for f in dominfo_fields(b[0]) if f not in skip]
    if up != ours:
        return f"fields differ: {up} != {ours}\n"
    for key in ("Id:", "Name:", "UUID:", "State:", "Persistent:", "Autostart:",
                "Managed save:"):
        va = [line for line in a[0].splitlines() if line.startswith(key)]
        vb = [line for line in b[0].splitlines() if line.startswith(key)]
        if va != vb:
            return f"{key} differs\n"
    if (a[1], a[2]) != (b[1], b[2]):
        return "errors or exit status differ\n"
    for line in b[0].splitlines():
        if ":" not in line:
            continue
        if not re.fullmatch(r"[A-Z][A-Za-z ()]*: +\S.*", line) or line[15] != " ":
            return f"not a field line, value in column 17: {line!r}\n"
    return ""


def help_sections(text):
    sections = {}
    current = None
    for line in text.splitlines():
        if re.fullmatch(r"  [A-Z]+", line):
            current = line.strip()
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


# Commands whose options are all upstream's: their help is compared
# byte for byte.  The others take a subset (what this library
# supports); for them NAME and DESCRIPTION must match and every option
# line of ours must be upstream's.
HELP_IDENTICAL = ("event", "uri", "hostname", "version", "help", "quit", "exit", "connect",
                  "list", "dominfo", "domstate", "domid", "domname", "domuuid",
                  "destroy", "shutdown", "domxml-to-native", "define")
HELP_SUBSET = ("start", "create", "undefine", "dumpxml", "echo")


def check_help_subset(a, b):
    sa, sb = help_sections(a[0]), help_sections(b[0])
    for sec in ("NAME", "DESCRIPTION"):
        if sa.get(sec) != sb.get(sec):
            return f"{sec} differs\n"
    missing = [line for line in sb.get("OPTIONS", []) if line and line not in sa.get("OPTIONS", [])]
    if missing:
        return f"options upstream lacks: {missing}\n"
    synopsis = sb["SYNOPSIS"][0].split()
    for word in synopsis[1:]:
        if word not in sa["SYNOPSIS"][0].split():
            return f"synopsis word upstream lacks: {word}\n"
    return ""


def check_grouped_help(a, b):
    """Every line of ours is upstream's, in upstream's order, except
    our own command, stop."""
    up = a[0].splitlines()
    pos = 0
    for line in b[0].splitlines():
        if line.startswith("    stop "):
            continue
        try:
            pos = up.index(line, pos) if line else pos
        except ValueError:
            return f"not in upstream's help, or out of order: {line!r}\n"
    return ""


def check_usage(a, b):
    up = a[0].splitlines()
    for line in b[0].splitlines():
        if line.startswith("    stop "):
            continue
        if line not in up:
            return f"not in upstream's --help: {line!r}\n"
    return ""


def check_version(a, b):
    la, lb = a[0].splitlines(), b[0].splitlines()
    if la[:2] != lb[:2]:
        return "library lines differ\n"
    for x, y in zip(la[2:], lb[2:]):
        fa = re.sub(r"\b[A-Z]+ \d+\.\d+\.\d+", "DRV X.Y.Z", x)
        fb = re.sub(r"\b[A-Z]+ \d+\.\d+\.\d+", "DRV X.Y.Z", y)
        if fa != fb:
            return f"{x!r} and {y!r} differ in form\n"
    return "" if len(la) == len(lb) else "line counts differ\n"


def no_keepalive(res):
    """Upstream's client says it cannot set up keepalive on a local
    connection (-d); a library without RPC has nothing to say."""
    out, err, rc = res
    out = "".join(line for line in out.splitlines(True)
                  if line != "Failed to setup keepalive on connection\n")
    return out, err, rc


def headline(res):
    """Only virsh's own error line: the library's message after it is
    the driver's (upstream's test driver words some differently from
    its QEMU driver, whose words ours has)."""
    out, err, rc = res
    return out, err.split("\n")[0], rc


def timing(res):
    out, err, rc = res
    return re.sub(r"\(Time: \d+\.\d+ ms\)", "(Time: T ms)", out), err, rc


CASES = {
    # tables
    "list": compare(["list"]),
    "list --all": compare(["list", "--all"]),
    "list --all after destroy": compare(["destroy test; list --all"]),
    "list --inactive": compare(["destroy test; list --inactive"]),
    "list --name": compare(["list", "--name"]),
    "list --uuid": compare(["list", "--uuid"]),
    "list --id": compare(["list", "--id"]),
    "list --all --uuid --id --name": compare(["destroy test; list --all --uuid --id --name"]),
    "list --transient": compare(["list", "--transient"]),
    "list --persistent --state-running": compare(["list", "--persistent", "--state-running"]),
    "list --state-shutoff": compare(["list", "--state-shutoff"]),
    "list --table --title": compare(["list", "--table", "--title"]),
    "list two domains": compare(["define d.xml; list --all; start other; list; list --name"]),
    "list -q": compare(["-q", "list", "--all"]),
    # In a UTF-8 locale.  (Ours takes names as UTF-8 in any locale;
    # upstream's, in the C locale, shows each byte of a non-ASCII name
    # escaped, and wrongly, as \xff.)
    "list wide characters and escapes": compare(["define wide.xml; list --all --title; "
                                                 "list --all; list --name --all"],
                                                env={"LC_ALL": "C.UTF-8"}),
    "list --table --name": compare(["list", "--table", "--name"]),
    "list --table --uuid": compare(["list", "--table", "--uuid"]),
    "list --table --id": compare(["list", "--table", "--id"]),
    # lookups
    "domid by name": compare(["domid", "test"]),
    "domid by uuid": compare(["domid", UUID]),
    "domid of an inactive domain": compare(["destroy test; domid test"]),
    "domid by id fails": compare(["domid", "1"]),
    "domname by id": compare(["domname", "1"]),
    "domname by uuid": compare(["domname", UUID]),
    "domname by name fails": compare(["domname", "test"]),
    "domuuid by name": compare(["domuuid", "test"]),
    "domuuid by id": compare(["domuuid", "1"]),
    "domuuid by uuid fails": compare(["domuuid", UUID]),
    "unknown domain": compare(["dominfo", "nosuch"]),
    "start by id fails": compare(["destroy test; start 1"]),
    # states and life cycle
    "domstate": compare(["domstate", "test"]),
    "domstate after destroy": compare(["destroy test; domstate test --reason"]),
    "dominfo": custom(["dominfo", "test"], check_dominfo),
    "dominfo inactive": custom(["destroy test; dominfo test"], check_dominfo),
    "dominfo -q": custom(["-q", "dominfo", "1"], check_dominfo),
    "destroy": compare(["destroy", "test"]),
    "destroy by id": compare(["destroy", "1"]),
    "destroy by uuid": compare(["destroy", UUID]),
    "destroy -q": compare(["-q", "destroy", "test"]),
    "destroy inactive": compare(["destroy test; destroy test"]),
    "start": compare(["destroy test; start test"]),
    "start by uuid": compare(["destroy test; start " + UUID]),
    "start active": compare(["start", "test"]),
    "shutdown": compare(["shutdown", "test"]),
    "shutdown inactive": compare(["destroy test; shutdown test"], filt=headline),
    "shutdown --mode bogus": compare(["shutdown", "test", "--mode", "bogus"]),
    "shutdown --mode empty item": compare(["shutdown", "test", "--mode", "acpi,"]),
    "undefine running": compare(["undefine test; list --all --persistent; list --transient"]),
    "undefine inactive": compare(["destroy test; undefine " + UUID + "; list --all"]),
    "undefine --nvram --keep-nvram": compare(["undefine", "test", "--nvram", "--keep-nvram"]),
    "define": compare(["define d.xml; list --all"]),
    "create": compare(["create d.xml; list"]),
    "define missing file": compare(["define", "missing.xml"]),
    "define directory": compare(["define", "dir.xml"]),
    "define malformed XML": compare(["define", "bad.xml"]),
    "create missing file": compare(["create", "missing.xml"]),
    "read-only destroy": compare(["-r", "destroy", "test"]),
    "read-only undefine": compare(["-r", "undefine", "test"]),
    "read-only start": compare(["-r", "destroy test; start test"], filt=headline),
    "read-only define": compare(["-r", "define", "d.xml"]),
    "read-only create": compare(["-r", "create", "d.xml"]),
    "read-only shutdown": compare(["-r", "shutdown", "test"]),
    "read-only shutdown --mode": compare(["-r", "shutdown", "test", "--mode", "acpi"]),
    "read-only destroy --graceful": compare(["-r", "destroy", "test", "--graceful"]),
    "read-only start --paused": compare(["-r", "start", "test", "--paused"]),
    "read-only undefine --nvram": compare(["-r", "undefine", "test", "--nvram"]),
    "read-only define --validate": compare(["-r", "define", "d.xml", "--validate"]),
    "read-only create --paused": compare(["-r", "create", "d.xml", "--paused"]),
    "domxml-to-native without XML": compare(["domxml-to-native", "qemu-argv"]),
    "domxml-to-native --domain --xml": compare(["domxml-to-native", "x", "--domain", "test",
                                                "--xml", "d.xml"]),
    "domxml-to-native missing file": compare(["domxml-to-native", "qemu-argv", "missing.xml"]),
    # parsing
    "unknown command": compare(["bogus"]),
    "unknown option": compare(["list", "--bogus"]),
    "missing operand": compare(["dominfo"]),
    "unexpected data": compare(["dominfo", "test", "extra"]),
    "single dash": compare(["list", "-a"]),
    "option seen twice": compare(["dominfo", "test", "--domain", "test"]),
    "value for a flag": compare(["domstate", "test", "--reason=yes"]),
    "missing value": compare(["dominfo", "--domain"]),
    "value for a flag, again": compare(["version", "--daemon=1"]),
    "empty value": compare(["dominfo", ""]),
    "empty value in a string": compare(["dominfo --domain ''"]),
    "--": compare(["domstate", "--", "--reason"]),
    "option value starting with --": compare(["domstate", "--domain", "--reason"]),
    "destroy --help": compare(["destroy", "--help"]),
    "--help=x": compare(["destroy", "--help=x"]),
    "help ignores extras": compare(["help", "--bogus", "uri", "extra"]),
    "quotes and escapes": compare(["echo \"a b\"   'c  d' e\\ f \"g\\\"h\" 'i\\j'"]),
    "dangling backslash": compare(["echo a\\"]),
    "missing quote": compare(["echo \"a"]),
    "unclosed single quote": compare(["echo 'a"]),
    "comments": compare(["echo a # b; echo c"]),
    "quoted comment": compare(["\"#x\" a b; echo c"]),
    "argv comment": compare(["#x", "y"]),
    "semicolons": compare(["echo a; echo b;; echo c;"]),
    "semicolon in argv": compare(["echo", "a;", "b"]),
    "newline": compare(["echo a\necho b"]),
    "empty string": compare([""]),
    "blank string": compare([" "]),
    "error stops the line": compare(["destroy test; bogus"]),
    "last status wins": compare(["domid nosuch; echo ok"]),
    "echo --xml": compare(["echo", "--xml", "<a href=\"x\">&'"]),
    "echo --shell": compare(["echo", "--shell", "it's", "", "plain", "a b"]),
    "echo --err": compare(["echo", "--err", "e"]),
    "echo -q": compare(["-q", "echo", "a"]),
    # virsh's own options
    "-v": compare(["-v"]),
    "--version": compare(["--version"]),
    "--version=short": compare(["--version=short"]),
    "-q --version": compare(["-q", "--version"]),
    "-c without URI": compare(["-c"], uri=False),
    "--connect without URI": compare(["--connect"], uri=False),
    "-d without level": compare(["-d"], uri=False),
    "-d x": compare(["-d", "x", "uri"], uri=False),
    "unknown short option": compare(["-x"], uri=False),
    "unknown long option": compare(["--bogus"], uri=False),
    "--readonly=1": compare(["--readonly=1"], uri=False),
    "-d 0": compare(["-d", "0", "domstate test; domid " + UUID + "; dominfo 1 --domain x"],
                    filt=no_keepalive),
    "-d 1": compare(["-d", "1", "domstate", "test"], filt=no_keepalive),
    "-d 3": compare(["-d", "3", "domstate", "test"]),
    "-d 5": compare(["-d", "5", "domstate", "test"]),
    "-t": compare(["-t", "domstate test; echo x"], filt=timing),
    "-q -t": compare(["-q", "-t", "domstate", "test"], filt=timing),
    "-q": compare(["-q", "destroy test; start test; domstate test; define d.xml; undefine other"]),
    "version": custom(["version"], check_version),
    "version --daemon": custom(["version", "--daemon"], check_version),
    # the interactive shell
    "interactive": compare([], stdin=("domid test\nbogus\ndomstate test; domid nosuch\n\n"
                                      "quit\nuri\n")),
    "interactive at end of input": compare([], stdin="domid test\n"),
    "interactive -q": compare(["-q"], stdin="domid test\nexit\n"),
    "interactive -r": compare(["-r"], stdin="domid test\ndestroy test\n"),
    "interactive connect --readonly": compare([], stdin="connect --readonly\ndestroy test\n"),
    # event: the names, the errors, and a wait for nothing that times out
    "event --list": compare(["event", "--list"]),
    "event --list --domain --timeout": compare(["event", "--list", "--domain", "nosuch",
                                                 "--timeout", "0"]),
    "event without a type": compare(["event"]),
    "event --event bogus": compare(["event", "--event", "bogus", "--timeout", "0"]),
    "event exclusive options": compare(["event --all --event lifecycle; event --list --all; "
                                        "event --list --event reboot; event --all --bogus"]),
    "event bad timeouts": compare(["event --all --timeout 0; event --all --timeout -1; "
                                   "event --all --timeout abc; event --all --timeout 5x; "
                                   "event --all --timeout 0x10; event --all --timeout 2147484; "
                                   "event --all --timeout 4294967296"]),
    "event --domain nosuch": compare(["event", "--all", "--domain", "nosuch", "--timeout", "1"]),
    "event --all --timeout": compare(["event", "--all", "--timeout", "1"]),
    "event --loop, Ctrl-C": compare(["event", "--all", "--loop", "--timestamp"], interrupt=3),
    "event --event --domain --loop --timeout": compare(["event", "--event", "reboot", "--domain",
                                                        "test", "--loop", "--timeout", "1"]),
    # help
    "help groups": custom(["help"], check_grouped_help),
    "--help": custom(["--help"], check_usage),
    "help bogus": compare(["help", "bogus"]),
    "help ''": custom(["help", ""], check_grouped_help),
}
for cmd in HELP_IDENTICAL:
    CASES[f"help {cmd}"] = compare(["help", cmd])
for cmd in HELP_SUBSET:
    CASES[f"help {cmd} (a subset)"] = custom(["help", cmd], check_help_subset)
for group in ("domain", "monitor", "events", "host", "virsh"):
    CASES[f"help {group} (a subset)"] = custom(["help", group], check_grouped_help)


def main():
    if not os.access(UPSTREAM_VIRSH, os.X_OK):
        print(f"1..0 # SKIP {UPSTREAM_VIRSH} (libvirt-clients) is not installed")
        return 0
    become_subreaper()
    return run_cases({name: fn for name, fn in CASES.items()},
                     jobs=int(os.environ.get("VIRSH_TEST_JOBS", "4")))


if __name__ == "__main__":
    main_guard(main)
