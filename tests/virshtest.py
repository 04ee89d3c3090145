#!/usr/bin/env python3
#
# virshtest.py: build/tools/virsh on real QEMU (TCG), through the
# embedded driver (qemu:///embed?root=TMP)
#
# Each scenario runs virsh commands in a fresh root and records a
# transcript: the command, its stdin, stdout ("1|"), stderr ("2|") and
# exit status ("=>").  The transcript is compared with
# tests/virshdata/SCENARIO.out (VIR_TEST_REGENERATE_OUTPUT=1 rewrites
# them; read every diff before committing it).  What varies from run to
# run is masked: the root (@ROOT@), process IDs, elapsed times, the host
# name and QEMU's version.  Scenarios run in parallel; each must leave
# no QEMU behind.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import fcntl
import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from virshtestutils import (BUILDDIR, QEMU, QEMU_CONF, SRCDIR, VIRSH, Failure,  # noqa: E402
                            cleanup_qemus, compare_golden, domain_xml, environ,
                            fail, main_guard, make_root, proc_stat, re,
                            remove_tree, render_stream, run_cases, shell_join, shell_quote,
                            wait_gone, become_subreaper)

DATADIR = os.path.join(SRCDIR, "virshdata")
ACPI_GUEST_IMG = os.environ.get("VIRSH_ACPI_GUEST",
                                os.path.join(BUILDDIR, "virsh-acpi-guest.img"))

FAULT_LIB = os.environ.get("VIRSH_FAULT_LIB", os.path.join(BUILDDIR, "libvirshfault.so"))

UUID_DEMO = "6695eb01-f6a4-8304-79aa-97f2502e193f"
UUID_ACPI = "3b7c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"


def qemu_version():
    out = subprocess.run([QEMU, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"version (\d+\.\d+\.\d+)", out)
    return m.group(1) if m else "?"


QEMU_VERSION = qemu_version()
HOSTNAME = socket.gethostname()


class Scenario:
    """One scenario: a root, a transcript, and helpers."""

    def __init__(self, name, qemu_conf=QEMU_CONF):
        self.name = name
        self.root = make_root(qemu_conf)
        self.uri = f"qemu:///embed?root={self.root}"
        self.files = os.path.join(self.root, "files")
        self.transcript = []

    # -- recording --

    def note(self, text):
        self.transcript.append(f"# {text}\n")

    def normalize(self, text, hostname=False):
        text = text.replace(self.root, "@ROOT@")
        text = re.sub(r"\b(process|pid) \d+", r"\1 @PID@", text)
        text = re.sub(r"\[ *\d+\.\ds\]", "[@T@]", text)
        text = re.sub(r"\(Time: \d+\.\d+ ms\)", "(Time: @MS@ ms)", text)
        text = re.sub(r"(?m)^(CPU time: +)\d+\.\ds$", r"\1@CPU@s", text)
        text = re.sub(r"(?m)^(Running hypervisor: QEMU) " + re.escape(QEMU_VERSION) + "$",
                      r"\1 @QEMU_VERSION@", text)
        if hostname:
            text = re.sub(r"(?m)^" + re.escape(HOSTNAME) + "$", "@HOSTNAME@", text)
        return text

    def normalize_env(self, value):
        value = value.replace(self.root, "@ROOT@")
        return value.replace(FAULT_LIB, "@FAULT_LIB@")

    def record(self, argv, env, stdin, out, err, rc, hostname=False):
        shown = []
        for a in argv:
            shown.append(a.replace(self.uri, "@URI@").replace(self.root, "@ROOT@"))
        prefix = "".join(f"{k}={shell_quote(self.normalize_env(v))} "
                         for k, v in (env or {}).items())
        self.transcript.append(f"$ {prefix}virsh {shell_join(shown)}\n")
        if stdin is not None:
            self.transcript.append(render_stream("0", stdin))
        self.transcript.append(render_stream("1", self.normalize(out, hostname)))
        self.transcript.append(render_stream("2", self.normalize(err, hostname)))
        self.transcript.append(f"=> {rc}\n")

    # -- running --

    def argv(self, args, uri):
        return [VIRSH] + (["-c", self.uri] if uri else []) + list(args)

    def virsh(self, *args, uri=True, env=None, stdin=None, hostname=False,
              timeout=60):
        """Runs virsh (with -c URI unless uri=False), records it, and
        returns (stdout, stderr, exit status), not normalized."""
        argv = self.argv(args, uri)
        r = subprocess.run(argv, cwd=self.files, input=stdin, capture_output=True,
                           stdin=subprocess.DEVNULL if stdin is None else None,
                           text=True, env=environ(env), timeout=timeout)
        self.record(argv[1:], env, stdin, r.stdout, r.stderr, r.returncode, hostname)
        return r.stdout, r.stderr, r.returncode

    def quiet(self, *args):
        """Runs virsh without recording it; fails the scenario if it
        fails."""
        r = subprocess.run(self.argv(args, True), cwd=self.files, capture_output=True,
                           stdin=subprocess.DEVNULL, text=True, env=environ(), timeout=60)
        if r.returncode != 0:
            fail(f"virsh {shell_join(args)} failed: {r.stderr}")
        return r.stdout

    def spawn(self, *args):
        return subprocess.Popen(self.argv(args, True), cwd=self.files, text=True,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE,
                                env=environ())

    def virsh_tty(self, *args, timeout=30):
        """Runs virsh with its stdout on a terminal; returns what the
        terminal got and the exit status (the run is recorded with the
        countdown shown as <countdown>)."""
        master, slave = pty.openpty()
        proc = subprocess.Popen(self.argv(args, True), cwd=self.files, stdin=subprocess.DEVNULL,
                                stdout=slave, stderr=subprocess.PIPE, env=environ())
        os.close(slave)
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r, _, _ = select.select([master], [], [], 0.1)
            if r:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                continue
        os.close(master)
        err = proc.stderr.read().decode()
        proc.stderr.close()
        rc = proc.wait(timeout=timeout)
        raw = b"".join(chunks).decode().replace("\r\n", "\n")
        shown = re.sub(r"(\r\x1b\[K\[[^\r\n]*)+\r\x1b\[K", "<countdown>", raw)
        self.record(self.argv(args, True)[1:], None, None, shown, err, rc)
        return raw, rc

    # -- the domains --

    def write(self, name, content):
        path = os.path.join(self.files, name)
        with open(path, "w") as f:
            f.write(content)
        return path

    def demo_xml(self, name="demo", uuid=UUID_DEMO, **kw):
        return self.write(f"{name}.xml", domain_xml(name, uuid, **kw))

    def acpi_xml(self, name="acpi"):
        img = os.path.join(self.files, f"{name}.img")
        with open(ACPI_GUEST_IMG, "rb") as src, open(img, "wb") as dst:
            dst.write(src.read())
        devices = ("    <disk type='file' device='disk'>\n"
                   "      <driver name='qemu' type='raw'/>\n"
                   f"      <source file='{img}'/>\n"
                   "      <target dev='hda' bus='ide'/>\n"
                   "    </disk>\n"
                   "    <console type='file'>\n"
                   f"      <source path='{self.console(name)}'/>\n"
                   "      <target type='serial'/>\n"
                   "    </console>\n")
        return self.write(f"{name}.xml",
                          domain_xml(name, UUID_ACPI, extra_os="    <boot dev='hd'/>\n",
                                     features="  <features><acpi/></features>\n",
                                     devices=devices))

    def console(self, name):
        return os.path.join(self.files, f"{name}.console")

    def wait_console(self, name, what, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with open(self.console(name)) as f:
                    if what in f.read():
                        return
            except FileNotFoundError:
                pass
            time.sleep(0.01)
        fail(f"the guest of {name} did not say {what!r} within {timeout} s")

    def acpi_boot(self, *args, name="acpi", timeout=20.0):
        """Runs virsh @args (which start the ACPI guest), then waits
        until the guest listens for the power button (it says "R" on
        its console)."""
        try:
            os.unlink(self.console(name))
        except FileNotFoundError:
            pass
        self.virsh(*args)
        self.wait_console(name, "R", timeout)

    def wait_off(self, name, timeout=20.0):
        """Waits until the ACPI guest has powered off (it says "O" just
        before; QEMU acts on it within milliseconds)."""
        self.wait_console(name, "O", timeout)
        time.sleep(0.2)

    def pid(self, name):
        """QEMU's pid, as the domain's status file records it."""
        with open(os.path.join(self.root, "run", "qemu", f"{name}.xml")) as f:
            return int(re.search(r" pid='(\d+)'", f.read()).group(1))

    def check(self, cond, msg):
        if not cond:
            fail(f"{self.name}: {msg}")

    def run(self, body):
        try:
            body(self)
        finally:
            leaked = cleanup_qemus(self.root)
            remove_tree(self.root)
        if leaked:
            fail(f"QEMU left running by the scenario: {leaked}")
        return compare_golden(os.path.join(DATADIR, f"{self.name}.out"),
                              "".join(self.transcript))


# ---- Scenarios ----

def sc_connection(t):
    t.note("the connection: -c, --connect, the environment, read-only, connect")
    t.virsh("uri")
    t.virsh("--connect", t.uri, "uri", uri=False)
    t.virsh(f"--connect={t.uri}", "uri", uri=False)
    t.virsh("uri", uri=False, env={"LIBVIRT_DEFAULT_URI": t.uri})
    t.virsh("uri", uri=False, env={"VIRSH_DEFAULT_CONNECT_URI": t.uri})
    t.note("-c wins over the environment, VIRSH_DEFAULT_CONNECT_URI over LIBVIRT_DEFAULT_URI")
    t.virsh("uri", env={"LIBVIRT_DEFAULT_URI": "bogus:///x"})
    t.virsh("uri", uri=False, env={"VIRSH_DEFAULT_CONNECT_URI": t.uri,
                                   "LIBVIRT_DEFAULT_URI": "bogus:///x"})
    t.virsh("version")
    t.virsh("version", "--daemon")
    t.virsh("hostname", hostname=True)
    t.note("read-only: queries work, changes are refused")
    t.demo_xml()
    t.virsh("define", "demo.xml")
    t.virsh("-r", "list", "--all")
    t.virsh("-r", "start", "demo")
    t.virsh("-r", "define", "demo.xml")
    t.virsh("--readonly", "undefine", "demo")
    t.note("connect: to another URI, read-only, and a failed one that keeps the old")
    t.virsh("uri; connect qemu:///embed?root=/tmp/lvgsh-other-nonexistent-root; uri")
    t.virsh("connect --readonly; uri; start demo")
    t.virsh("connect bogus:///x; uri; list --all --name")
    t.virsh("connect --name ''")
    t.note("no usable connection at start-up")
    t.virsh("-c", "bogus:///x", "uri", uri=False)
    t.virsh("-c", "bogus:///x", uri=False)
    t.virsh("undefine", "demo")
    remove_tree("/tmp/lvgsh-other-nonexistent-root")


def sc_session_default(t):
    t.note("without -c or the environment, a non-root user gets qemu:///session")
    t.note("(root's qemu:///system: the case \"root's default connection\")")
    home = os.path.join(t.root, "home")
    os.makedirs(home)
    os.chmod(t.root, 0o755)
    os.chmod(t.files, 0o755)
    os.chown(home, 65534, 65534)
    env = environ({"HOME": home, "XDG_CONFIG_HOME": f"{home}/.config",
                   "XDG_CACHE_HOME": f"{home}/.cache",
                   "XDG_RUNTIME_DIR": f"{home}/run"})
    r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        VIRSH, "uri"], cwd=t.files, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL,
                       env=env, timeout=30)
    t.record(["uri"], {"USER": "nobody"}, None, r.stdout, r.stderr, r.returncode)
    # The library started the user's session daemon (VIRTQEMUD in the
    # test environment); it would leave by itself after its timeout.
    pidfile = f"{home}/run/libvirt-grace/virtqemud.pid"
    try:
        with open(pidfile) as f:
            pid = int(f.read())
    except OSError as e:
        fail(f"no session daemon was started: {e}")
    if proc_stat(pid) is None or os.stat(f"/proc/{pid}").st_uid != 65534:
        fail(f"the session daemon (pid {pid}) is not running as the user")
    os.kill(pid, signal.SIGTERM)
    if not wait_gone(pid, 10):
        fail(f"the session daemon (pid {pid}) ignored SIGTERM")


def sc_lifecycle(t):
    t.demo_xml()
    t.note("a persistent domain from definition to undefinition")
    t.virsh("define", "demo.xml")
    t.virsh("list", "--all")
    t.virsh("dominfo", "demo")
    t.virsh("domstate", "demo", "--reason")
    t.virsh("domid", "demo")
    t.virsh("start", "demo")
    t.virsh("start", "demo")
    t.virsh("list")
    t.virsh("dominfo", "1")
    t.virsh("domstate", UUID_DEMO)
    t.virsh("domstate", "--reason", "demo")
    t.virsh("dumpxml", "demo")
    t.virsh("dumpxml", "--inactive", "demo")
    t.virsh("dumpxml", "demo", "--security-info", "--update-cpu")
    t.virsh("dumpxml", "--migratable", "demo")
    t.note("a guest without an OS ignores the power button")
    t.virsh("shutdown", "demo")
    t.virsh("domstate", "demo", "--reason")
    t.virsh("shutdown", "demo", "--mode", "acpi")
    t.virsh("destroy", "demo")
    t.virsh("domstate", "demo", "--reason")
    t.virsh("destroy", "demo")
    t.virsh("shutdown", "demo")
    t.note("--mode signal: QEMU is told to quit")
    t.virsh("start", "demo")
    pid = t.pid("demo")
    t.virsh("shutdown", "demo", "--mode=signal")
    t.check(wait_gone(pid), "QEMU did not exit on shutdown --mode signal")
    t.virsh("domstate", "demo", "--reason")
    t.note("destroy --graceful, then --remove-logs")
    t.virsh("start", "demo")
    t.virsh("destroy", "--graceful", "demo")
    t.virsh("domstate", "--reason", "demo")
    log = os.path.join(t.root, "log", "qemu", "demo.log")
    t.check(os.path.exists(log), "no QEMU log before destroy --remove-logs")
    t.virsh("start demo; destroy demo --remove-logs --graceful")
    t.check(not os.path.exists(log), "destroy --remove-logs left the log")
    t.virsh("start", "--paused", "demo")
    t.virsh("domstate", "--reason", "demo")
    t.virsh("list", "--all")
    t.virsh("destroy", "demo")
    t.virsh("start", "demo", "--force-boot", "--bypass-cache")
    t.note("undefining a running domain makes it transient")
    t.virsh("undefine", "demo")
    t.virsh("dominfo", "demo")
    t.virsh("undefine", "demo")
    t.virsh("destroy", "demo")
    t.virsh("list", "--all")
    t.note("undefine's flags")
    t.virsh("define", "demo.xml")
    t.virsh("undefine", "demo", "--nvram", "--keep-nvram")
    t.virsh("undefine", "demo", "--tpm", "--keep-tpm")
    t.virsh("undefine", "demo", "--managed-save", "--snapshots-metadata",
            "--checkpoints-metadata", "--nvram", "--tpm")
    t.virsh("define", "--validate", "demo.xml")
    t.virsh("undefine", "--keep-nvram", "--keep-tpm", UUID_DEMO)
    t.virsh("list", "--all")


def sc_transient(t):
    t.demo_xml()
    t.note("create: a transient domain, gone once stopped")
    t.virsh("create", "demo.xml")
    t.virsh("create", "demo.xml")
    t.virsh("list", "--transient")
    t.virsh("list", "--persistent", "--all")
    t.virsh("dominfo", "demo")
    t.virsh("undefine", "demo")
    t.virsh("destroy", "demo")
    t.virsh("list", "--all")
    t.virsh("domstate", "demo")
    t.virsh("create", "--paused", "demo.xml")
    t.virsh("list")
    t.virsh("destroy", "demo")
    t.note("defining a running transient domain makes it persistent")
    t.virsh("create", "demo.xml")
    t.virsh("define", "demo.xml")
    t.virsh("dominfo", "demo")
    t.virsh("destroy", "demo")
    t.virsh("list", "--all")
    t.virsh("undefine", "demo")


def sc_list(t):
    t.note("a running, a paused, a shut-off and a transient domain")
    t.demo_xml("alpha", "11111111-1111-4111-8111-111111111111", title="The first")
    t.demo_xml("Bravo", "22222222-2222-4222-8222-222222222222")
    t.demo_xml("charlie", "33333333-3333-4333-8333-333333333333")
    t.demo_xml("delta", "44444444-4444-4444-8444-444444444444")
    t.demo_xml("another-rather-long-domain-name", "55555555-5555-4555-8555-555555555555")
    t.quiet("define alpha.xml; define Bravo.xml; define charlie.xml; "
            "define another-rather-long-domain-name.xml")
    t.quiet("start charlie; start --paused alpha; create delta.xml")
    t.virsh("list")
    t.virsh("list", "--all")
    t.virsh("list", "--inactive")
    for opt in ("--persistent", "--transient", "--state-running", "--state-paused",
                "--state-shutoff", "--state-other", "--autostart", "--no-autostart",
                "--with-snapshot", "--without-snapshot", "--with-checkpoint",
                "--without-checkpoint", "--with-managed-save", "--without-managed-save"):
        t.virsh("list", "--all", "--name", opt)
    t.virsh("list", "--state-running", "--state-paused")
    t.virsh("list", "--state-running", "--state-shutoff")
    t.virsh("list", "--inactive", "--persistent", "--state-shutoff")
    t.note("what each line shows")
    t.virsh("list", "--all", "--name")
    t.virsh("list", "--all", "--uuid")
    t.virsh("list", "--all", "--id")
    t.virsh("list", "--id")
    t.virsh("list", "--all", "--name", "--uuid")
    t.virsh("list", "--all", "--name", "--id")
    t.virsh("list", "--all", "--uuid", "--id", "--name")
    t.virsh("list", "--all", "--table", "--title")
    t.virsh("list", "--all", "--title", "--name")
    t.virsh("list", "--all", "--managed-save")
    t.virsh("-q", "list", "--all")
    t.note("names and titles: wide characters take two columns, control characters show escaped")
    t.demo_xml("日本-ünï", "66666666-6666-4666-8666-666666666666", title="a\ttab 表")
    t.quiet("define 日本-ünï.xml")
    t.virsh("list", "--all", "--title")
    t.quiet("undefine 日本-ünï")
    t.virsh("list", "--all", "--table", "--name")
    t.virsh("list", "--all", "--table", "--uuid")
    t.virsh("list", "--table", "--id")
    t.quiet("destroy delta; destroy alpha; destroy charlie")
    t.quiet("undefine alpha; undefine Bravo; undefine charlie; "
            "undefine another-rather-long-domain-name")
    t.virsh("list", "--all")


def sc_lookup(t):
    t.note("a domain argument is an ID, then a UUID, then a name")
    t.demo_xml("demo", UUID_DEMO)
    t.demo_xml("1", "77777777-7777-4777-8777-777777777777")
    t.demo_xml("88888888-8888-4888-8888-888888888888", "99999999-9999-4999-8999-999999999999")
    t.quiet("define demo.xml; define 1.xml; define 88888888-8888-4888-8888-888888888888.xml")
    t.quiet("start demo")
    t.virsh("list", "--all")
    t.virsh("domname", "1")
    t.virsh("domname", UUID_DEMO)
    t.virsh("domname", "demo")
    t.virsh("domid", "demo")
    t.virsh("domid", UUID_DEMO)
    t.virsh("domuuid", "demo")
    t.virsh("domuuid", UUID_DEMO)
    t.note("'1' is demo's ID before it is the name of the other domain")
    t.virsh("domuuid", "1")
    t.virsh("dominfo", "1")
    t.note("... except where IDs do not count: domid, and start (inactive domains have none)")
    t.virsh("domid", "1")
    t.virsh("start", "1")
    t.virsh("domid", "1")
    t.virsh("domname", "2")
    t.note("a name that looks like a UUID")
    t.virsh("domuuid", "88888888-8888-4888-8888-888888888888")
    t.virsh("dominfo", "88888888-8888-4888-8888-888888888888")
    t.virsh("domname", "99999999-9999-4999-8999-999999999999")
    t.virsh("domid", "88888888-8888-4888-8888-888888888888")
    t.note("what finds nothing")
    t.virsh("dominfo", "nosuch")
    t.virsh("dominfo", "-1")
    t.virsh("dominfo", "99999999999")
    t.virsh("dominfo", "3")
    t.virsh("domname", "12345678-1234-1234-1234-123456789abc")
    t.virsh("domname", "not-a-uuid-but-36-characters-long-xx")
    t.quiet("destroy demo; destroy 1")
    t.quiet("undefine demo; undefine 1; undefine 88888888-8888-4888-8888-888888888888")


def sc_event(t):
    t.note("event: the names, upstream's errors, and a wait that times out")
    t.virsh("event", "--list")
    t.virsh("event", "--list", "--domain", "nosuch", "--timeout", "0")
    t.virsh("event")
    t.virsh("event", "--event", "bogus")
    t.virsh("event", "--event", "bogus", "--timeout", "0")
    t.virsh("event", "--all", "--event", "lifecycle")
    t.virsh("event", "--list", "--all")
    t.virsh("event", "--list", "--event", "reboot")
    t.virsh("event", "--all", "--bogus")
    for bad in ("0", "-1", "abc", "5x", "0x10", "2147484", "4294967296"):
        t.virsh("event", "--all", "--timeout", bad)
    t.virsh("event", "--all", "--domain", "nosuch", "--timeout", "1")
    t.note("nothing happens: the wait times out and, as upstream, fails")
    t.virsh("event", "--all", "--timeout", "1")
    t.demo_xml("demo", UUID_DEMO)
    t.quiet("define demo.xml")
    t.virsh("event", "--event", "lifecycle", "--domain", "demo", "--loop", "--timeout", "1")
    t.quiet("undefine demo")


def sc_parse(t):
    t.note("how command lines are parsed")
    t.virsh("bogus")
    t.virsh("list", "--bogus")
    t.virsh("list", "-a")
    t.virsh("list", "---x")
    t.virsh("list", "--1")
    t.virsh("dominfo")
    t.virsh("dominfo", "a", "b")
    t.virsh("dominfo", "--domain")
    t.virsh("dominfo", "--domain", "x", "--domain", "y")
    t.virsh("dominfo", "x", "--domain", "y")
    t.virsh("domstate", "x", "--reason=yes")
    t.virsh("domstate", "x", "--reason", "--reason")
    t.virsh("domstate", "--domain", "--reason")
    t.virsh("domstate", "--", "--reason")
    t.virsh("dominfo", "")
    t.virsh("dominfo --domain ''")
    t.virsh("shutdown", "x", "--mode")
    t.virsh("shutdown", "x", "--mode", "")
    t.virsh("echo", "--", "--a", "--b")
    t.virsh("echo a --shell b")
    t.note("one string: quotes, escapes, comments and ';'")
    t.virsh("echo \"a b\"   'c  d' e\\ f \"g\\\"h\" 'i\\j'")
    t.virsh("echo a\\")
    t.virsh("echo \"a")
    t.virsh("echo 'a")
    t.virsh("echo a\\\nb")
    t.virsh("echo \\\n x \\\n")
    t.virsh("echo a # b c")
    t.virsh("# only a comment")
    t.virsh("echo a; echo b;; echo c;")
    t.virsh("echo a\necho b")
    t.virsh("")
    t.virsh(" ")
    t.virsh("echo", "a;", "b")
    t.note("a quoted word may start with '#': as a command name it is a comment")
    t.virsh("\"#x\" a b; echo c")
    t.virsh("\"#x\" a \"b")
    t.virsh("#x", "y")
    t.note("a parse error anywhere stops the whole line before it runs")
    t.demo_xml()
    t.virsh("define demo.xml; bogus")
    t.virsh("define demo.xml; list --bogus")
    t.virsh("list", "--all")
    t.note("the exit status is the last command's")
    t.virsh("domid nosuch; echo ok")
    t.virsh("echo ok; domid nosuch")
    t.note("echo")
    t.virsh("echo", "--xml", "<a href=\"x\">&'")
    t.virsh("echo", "--shell", "it's", "", "plain", "a b")
    t.virsh("echo", "--err", "to stderr")
    t.virsh("echo")
    t.virsh("echo", "--string", "s", "t")
    t.virsh("-q", "echo", "a")


def sc_input_errors(t):
    t.note("bad input changes nothing")
    t.demo_xml()
    t.write("bad.xml", "<domain")
    t.write("empty.xml", "")
    t.write("noname.xml", "<domain type='qemu'><memory>65536</memory></domain>\n")
    with open(os.path.join(t.files, "big.xml"), "wb") as f:
        f.truncate(11 * 1024 * 1024)
    os.makedirs(os.path.join(t.files, "dir.xml"))
    for f in ("missing.xml", "dir.xml", "bad.xml", "empty.xml", "noname.xml", "big.xml"):
        t.virsh("define", f)
        t.virsh("create", f)
    t.virsh("define", "")
    t.virsh("define")
    t.virsh("create", "--file")
    t.virsh("list", "--all")
    t.note("unknown domains")
    for cmd in ("dominfo", "domstate", "dumpxml", "start", "destroy", "shutdown",
                "undefine", "domid", "domname", "domuuid", "stop"):
        t.virsh(cmd, "nosuch")
    t.note("operations that do not fit the state")
    t.virsh("define", "demo.xml")
    t.virsh("destroy", "demo")
    t.virsh("destroy", "--graceful", "demo")
    t.virsh("shutdown", "demo")
    t.virsh("shutdown", "demo", "--mode", "agent")
    t.virsh("shutdown", "demo", "--mode", "bogus")
    t.virsh("shutdown", "demo", "--mode", "acpi,")
    t.virsh("start", "demo")
    t.virsh("shutdown", "demo", "--mode", "agent")
    t.virsh("shutdown", "demo", "--mode", "initctl")
    t.virsh("shutdown", "demo", "--mode", "paravirt")
    t.virsh("shutdown", "demo", "--mode", "acpi,signal")
    t.virsh("domstate", "demo")
    t.virsh("undefine", "demo", "--nvram", "--keep-nvram")
    t.virsh("domstate", "demo")
    t.quiet("destroy demo")
    t.virsh("undefine", "demo")


def sc_xml_to_native(t):
    t.demo_xml()
    t.note("the QEMU command line a domain would run with")
    t.virsh("domxml-to-native", "qemu-argv", "demo.xml")
    t.virsh("domxml-to-native", "qemu-argv", "--xml", "demo.xml")
    t.virsh("domxml-to-native", "--format", "qemu-argv", "--xml=demo.xml")
    t.virsh("define", "demo.xml")
    t.virsh("domxml-to-native", "qemu-argv", "--domain", "demo")
    t.note("errors")
    t.virsh("domxml-to-native")
    t.virsh("domxml-to-native", "qemu-argv")
    t.virsh("domxml-to-native", "qemu-argv", "--domain", "demo", "--xml", "demo.xml")
    t.virsh("domxml-to-native", "qemu-argv", "--domain", "nosuch")
    t.virsh("domxml-to-native", "qemu-argv", "demo")
    t.virsh("domxml-to-native", "bogus", "demo.xml")
    t.virsh("domxml-to-native", "qemu-argv", "demo.xml", "extra")
    t.virsh("domxml-to-native", "", "demo.xml")
    t.virsh("domxml-to-native", "qemu-argv", "--xml", "")
    t.write("bad.xml", "<domain")
    t.virsh("domxml-to-native", "qemu-argv", "bad.xml")
    t.virsh("undefine", "demo")


def sc_options(t):
    t.note("virsh's own options")
    t.virsh("-h", uri=False)
    t.virsh("--help", uri=False)
    t.virsh("-v", uri=False)
    t.virsh("--version", uri=False)
    t.virsh("--version=short", uri=False)
    t.virsh("--version=long", uri=False)
    t.virsh("-V", uri=False)
    t.virsh("-q", "--version", uri=False)
    t.virsh("-c", uri=False)
    t.virsh("--connect", uri=False)
    t.virsh("-d", uri=False)
    t.virsh("-x", uri=False)
    t.virsh("--bogus", uri=False)
    t.virsh("--readonly=1", "uri")
    t.virsh("--", "uri")
    t.note("-q leaves out what only people read")
    t.demo_xml()
    t.virsh("-q", "define demo.xml; start demo; list; destroy demo; undefine demo; uri")
    t.virsh("--quiet", "help", "uri")
    t.note("-t: timing")
    t.virsh("-t", "uri; echo x")
    t.virsh("--timing", "-q", "uri")
    t.note("-d: debug messages, on stdout")
    t.virsh("-d", "0", "domstate demo; domid " + UUID_DEMO)
    t.virsh("-d", "1", "domstate", "demo")
    t.virsh("--debug=2", "domstate", "demo")
    t.virsh("-d", "4", "domstate", "demo")
    t.virsh("-d", "5", "uri")
    t.virsh("-d", "x", "uri")
    t.virsh("-d", "0", "define demo.xml; start demo; dominfo 1; domid " + UUID_DEMO +
            "; destroy demo; undefine demo")
    t.virsh("uri", env={"VIRSH_DEBUG": "1"})
    t.virsh("-d", "4", "uri", env={"VIRSH_DEBUG": "1"})
    t.virsh("uri", env={"VIRSH_DEBUG": "nope"})
    t.virsh("uri", env={"VIRSH_DEBUG": "5"})


def sc_interactive(t):
    t.note("no command: the interactive shell (here reading a pipe)")
    t.demo_xml()
    t.virsh(stdin="uri\ndefine demo.xml\nbogus\nlist --all; domid nosuch\n\nquit\nuri\n")
    t.virsh(stdin="uri\n")
    t.virsh("-q", stdin="uri\nexit\n")
    t.virsh("-r", stdin="uri\nundefine demo\n")
    t.virsh(stdin="connect --readonly\nundefine demo\nconnect\nundefine demo\n")
    history = os.path.join(t.root, "home", ".cache", "libvirt-grace", "virsh", "history")
    t.virsh(stdin="echo one\necho two\n",
            env={"XDG_CACHE_HOME": os.path.join(t.root, "home", ".cache")})
    with open(history) as f:
        t.check(f.read() == "echo one\necho two\n", "the history file lacks the lines typed")
    t.virsh(stdin="echo three\n",
            env={"XDG_CACHE_HOME": os.path.join(t.root, "home", ".cache"),
                 "VIRSH_HISTSIZE": "2"})
    with open(history) as f:
        t.check(f.read() == "echo two\necho three\n", "VIRSH_HISTSIZE was not applied")
    t.virsh(stdin="echo x\n", env={"XDG_CACHE_HOME": os.path.join(t.root, "home", ".cache"),
                                   "VIRSH_HISTSIZE": "lots"})
    t.write("not-a-dir", "")
    t.virsh(stdin="echo x\n", env={"XDG_CACHE_HOME": os.path.join(t.files, "not-a-dir")})


def sc_help(t):
    t.note("help")
    t.virsh("help")
    for group in ("domain", "monitor", "host", "virsh"):
        t.virsh("help", group)
    t.virsh("help", "bogus")
    t.virsh("help", "")
    t.virsh("help", "--command")
    t.virsh("help", "--bogus", "uri", "extra")
    out, _, _ = t.virsh("help")
    commands = re.findall(r"(?m)^    (\S+) ", out)
    t.check(len(commands) >= 20, f"help lists too few commands: {commands}")
    for cmd in commands:
        t.virsh("help", cmd)
    t.virsh("destroy", "--help")
    t.virsh("destroy", "x", "--help")
    t.virsh("destroy", "--help=x")


def sc_stop_acpi(t):
    t.note("stop on a guest that obeys the power button (tests/virsh-acpi-guest.S)")
    t.acpi_xml()
    t.virsh("define", "acpi.xml")
    t.acpi_boot("start", "acpi")
    pid = t.pid("acpi")
    t.virsh("stop", "acpi")
    t.check(wait_gone(pid), "QEMU still runs after stop")
    t.virsh("domstate", "--reason", "acpi")
    t.virsh("stop", "acpi")
    t.note("a transient one vanishes once off")
    t.virsh("undefine", "acpi")
    t.acpi_boot("create", "acpi.xml")
    pid = t.pid("acpi")
    t.virsh("stop", "--timeout", "5", "acpi")
    t.check(wait_gone(pid), "QEMU still runs after stop")
    t.virsh("list", "--all")
    t.note("shutdown alone, then the guest is seen off")
    t.acpi_boot("create", "acpi.xml")
    t.virsh("list", "--all")
    t.virsh("shutdown", "acpi")
    t.wait_off("acpi")
    t.note("the guest powered off: the next look at its state finds it off, and gone")
    t.virsh("list", "--all")
    t.virsh("domstate", "acpi")
    t.note("the same for a persistent domain")
    t.acpi_boot("define acpi.xml; start acpi")
    t.virsh("list", "--all")
    t.virsh("shutdown", "acpi")
    t.wait_off("acpi")
    t.virsh("list", "--all")
    t.virsh("domstate", "--reason", "acpi")
    t.quiet("undefine acpi")


def sc_stop_noos(t):
    t.note("stop on a guest without an OS: it ignores the power button")
    t.demo_xml()
    t.virsh("define", "demo.xml")
    t.virsh("start", "demo")
    pid = t.pid("demo")
    t.virsh("stop", "demo", "--timeout", "0.3")
    t.check(wait_gone(pid), "QEMU still runs after stop")
    t.virsh("domstate", "demo", "--reason")
    t.note("--force changes nothing when SIGTERM is enough")
    t.virsh("start", "demo")
    t.virsh("stop", "demo", "--timeout=0", "--force")
    t.virsh("domstate", "demo", "--reason")
    t.note("a paused guest cannot act on the button: straight to the graceful destroy")
    t.virsh("start", "--paused", "demo")
    t.virsh("stop", "demo")
    t.virsh("stop", "demo")
    t.note("-q: only errors")
    t.virsh("start", "demo")
    t.virsh("-q", "stop", "--timeout", "0", "demo")
    t.note("read-only: every step is refused; the domain stays up")
    t.virsh("start", "demo")
    t.virsh("-r", "stop", "--timeout", "0", "demo")
    t.virsh("-r", "stop", "--timeout", "0", "--force", "demo")
    t.virsh("domstate", "demo")
    t.quiet("destroy demo")
    t.note("usage errors exit 2")
    t.virsh("stop")
    t.virsh("stop", "--bogus")
    t.virsh("stop", "demo", "extra")
    t.virsh("stop", "demo", "--timeout")
    t.virsh("stop", "")
    for bad in ("abc", "-1", "", "1e12", "nan", "inf", "2s"):
        t.virsh("stop", "demo", "--timeout", bad)
    t.virsh("stop", "demo", "--force=yes")
    t.virsh("stop", "nosuch")
    t.virsh("stop demo --bogus; echo not reached")
    t.note("a parse error after a stop is not the stop's: exit 1")
    t.virsh("stop demo; bogus")
    t.virsh("stop demo; echo --bogus")
    t.virsh("echo first; stop demo --timeout x")
    t.virsh("undefine", "demo")


def sc_stop_frozen(t):
    t.note("stop on a frozen QEMU (SIGSTOP): it cannot act on SIGTERM")
    t.demo_xml()
    t.virsh("define", "demo.xml")
    t.virsh("start", "demo")
    pid = t.pid("demo")
    os.kill(pid, signal.SIGSTOP)
    t.virsh("stop", "demo", "--timeout", "0.3")
    st = proc_stat(pid)
    t.check(st is not None and st[1] == "T", f"QEMU is no longer stopped: {st}")
    t.virsh("domstate", "demo", "--reason")
    t.virsh("shutdown", "demo")
    t.virsh("destroy", "--graceful", "demo")
    t.note("--force: SIGKILL, as the operator asked")
    t.virsh("stop", "demo", "--timeout", "0.3", "--force")
    t.check(wait_gone(pid), "QEMU still runs after stop --force")
    t.virsh("domstate", "demo", "--reason")
    t.virsh("undefine", "demo")


def sc_stop_interrupt(t):
    t.note("Ctrl-C while stop waits leaves the domain as it is")
    t.demo_xml()
    t.quiet("define demo.xml; start demo")
    pid = t.pid("demo")
    args = ("stop", "demo", "--timeout", "30", "--force")
    proc = t.spawn(*args)
    before = []
    line = proc.stdout.readline()
    while line:
        before.append(line)
        if "Waiting up to" in line:
            break
        line = proc.stdout.readline()
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    rc = proc.returncode
    t.record(t.argv(args, True)[1:], None, None, "".join(before) + out, err, rc)
    t.check(rc == 1, f"interrupted stop exited {rc}")
    st = proc_stat(pid)
    t.check(st is not None and st[1] not in ("Z", "X"), "QEMU died")
    t.virsh("domstate", "demo", "--reason")
    t.quiet("destroy demo; undefine demo")


def sc_stop_tty(t):
    t.note("on a terminal, stop counts down while it waits")
    t.demo_xml()
    t.quiet("define demo.xml; start demo")
    raw, rc = t.virsh_tty("stop", "demo", "--timeout", "0.5")
    t.check(rc == 0, f"stop exited {rc}")
    countdown = r"\r\x1b\[K\[ *0\.\ds\] Waiting for domain 'demo' to shut off: 1 s left"
    t.check(re.search(countdown, raw), f"no countdown in {raw!r}")
    t.quiet("undefine demo")


def sc_stop_busy(t):
    t.note("another client holds the domain's job lock the whole time")
    t.demo_xml()
    t.quiet("define demo.xml; start demo")
    pid = t.pid("demo")
    lock = open(os.path.join(t.root, "run", "qemu", "demo.lock"), "a")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        t.virsh("stop", "demo", "--timeout", "0")
    finally:
        lock.close()
    t.check(wait_gone(pid), "QEMU still runs")
    t.virsh("domstate", "demo", "--reason")
    t.virsh("undefine", "demo")


def sc_faults(t):
    t.note("API calls made to fail (tests/virshfault.c): what virsh says then")
    t.demo_xml()
    t.quiet("define demo.xml")
    def faulty(faults, *args):
        t.virsh(*args, env={"LD_PRELOAD": FAULT_LIB, "VIRSH_FAULTS": faults})

    faulty("virInitialize", "uri")
    faulty("virConnectClose", "uri")
    faulty("virConnectGetHostname", "hostname")
    faulty("virConnectGetURI", "uri")
    faulty("virConnectGetType", "version")
    faulty("virGetVersion", "version")
    faulty("virConnectGetVersion", "version")
    faulty("virConnectGetVersion:zero", "version")
    faulty("virConnectGetLibVersion", "version", "--daemon")
    faulty("virConnectListAllDomains", "list")
    faulty("virDomainGetState", "list", "--all")
    faulty("virDomainGetState", "domstate", "demo")
    faulty("virDomainGetUUIDString", "list", "--all", "--uuid")
    faulty("virDomainGetUUIDString", "domuuid", "demo")
    faulty("virDomainGetXMLDesc", "list", "--all", "--title")
    faulty("virDomainGetXMLDesc", "dumpxml", "demo")
    faulty("virDomainGetXMLDesc", "domxml-to-native", "qemu-argv", "--domain", "demo")
    faulty("virDomainGetInfo,virDomainGetOSType,virDomainGetUUIDString,"
           "virDomainIsPersistent,virDomainGetAutostart", "dominfo", "demo")
    faulty("virDomainGetInfo:nolimit", "dominfo", "demo")
    t.note("stop when the state cannot be read: it goes on, and the steps say what is wrong")
    t.quiet("start demo")
    faulty("virDomainGetState", "stop", "demo", "--timeout", "0.2")
    t.virsh("domstate", "demo", "--reason")
    t.quiet("undefine demo")


def pending_signals(pid):
    """The signals pending for a process (thread and process queues)."""
    mask = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("SigPnd:", "ShdPnd:")):
                mask |= int(line.split()[1], 16)
    return {sig for sig in range(1, 65) if mask & (1 << (sig - 1))}


def sc_stop_interrupt_steps(t):
    t.note("Ctrl-C during each step acts at once, says what was done, and does nothing more")
    t.note("(qemu.conf: the default 15 s graceful, 10 s term and 30 s job timeouts)")
    t.demo_xml()
    t.quiet("define demo.xml; start demo")
    pid = t.pid("demo")

    def interrupt_after(marker, *args):
        """Runs virsh, sends SIGINT once MARKER is printed, records the
        run; returns the exit status and how long virsh took to end
        after the signal."""
        proc = t.spawn(*args)
        before = []
        line = proc.stdout.readline()
        while line:
            before.append(line)
            if marker in line:
                break
            line = proc.stdout.readline()
        time.sleep(0.3)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
        t.record(t.argv(args, True)[1:], None, None, "".join(before) + out, err,
                 proc.returncode)
        return proc.returncode, took

    def acted_at_once(took):
        # A timeout behaviour: the step it cut short lasts 10-30 s.
        t.check(took < 1.0, f"virsh took {took:.2f} s to act on Ctrl-C")

    t.note("during the wait: the guest ignores the power button")
    rc, took = interrupt_after("Waiting up to", "stop", "demo", "--timeout", "30", "--force")
    t.check(rc == 1, f"stop exited {rc}")
    acted_at_once(took)
    st = proc_stat(pid)
    t.check(st is not None and st[1] not in ("Z", "X", "T"), f"QEMU changed: {st}")
    t.check(not pending_signals(pid) & {signal.SIGTERM, signal.SIGKILL},
            "QEMU was sent a signal")
    t.virsh("domstate", "demo", "--reason")

    t.note("during the shutdown request (another client holds the job lock)")
    lock = open(os.path.join(t.root, "run", "qemu", "demo.lock"), "a")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        rc, took = interrupt_after("Shutting down", "stop", "demo", "--timeout", "0", "--force")
    finally:
        lock.close()
    t.check(rc == 1, f"stop exited {rc}")
    acted_at_once(took)
    st = proc_stat(pid)
    t.check(st is not None and st[1] not in ("Z", "X", "T"), f"QEMU changed: {st}")
    t.virsh("domstate", "demo", "--reason")

    t.note("during the graceful destroy of a frozen QEMU: SIGTERM pending, never SIGKILL")
    os.kill(pid, signal.SIGSTOP)
    rc, took = interrupt_after("gracefully", "stop", "demo", "--timeout", "0", "--force")
    t.check(rc == 1, f"stop exited {rc}")
    acted_at_once(took)
    time.sleep(0.5)
    st = proc_stat(pid)
    t.check(st is not None and st[1] == "T", f"QEMU is no longer stopped: {st}")
    t.check(signal.SIGTERM in pending_signals(pid), "no SIGTERM pending for QEMU")
    t.virsh("domstate", "demo", "--reason")

    t.note("during the forced destroy (frozen QEMU, 10 s before SIGKILL): no SIGKILL comes")
    with open(os.path.join(t.root, "etc", "qemu.conf"), "w") as f:
        f.write("destroy_graceful_timeout = 0.2\n")
    rc, took = interrupt_after("SIGKILL if SIGTERM", "stop", "demo", "--timeout", "0", "--force")
    t.check(rc == 1, f"stop exited {rc}")
    acted_at_once(took)
    time.sleep(0.5)
    st = proc_stat(pid)
    t.check(st is not None and st[1] == "T", f"QEMU is no longer stopped: {st}")
    t.check(signal.SIGKILL not in pending_signals(pid), "QEMU was sent SIGKILL")
    t.note("the pending SIGTERM acts once QEMU runs again")
    os.kill(pid, signal.SIGCONT)
    t.check(wait_gone(pid), "QEMU did not exit on its pending SIGTERM")
    t.virsh("domstate", "demo", "--reason")
    t.quiet("undefine demo")


SCENARIOS = {
    "connection": sc_connection,
    "session-default": sc_session_default,
    "lifecycle": sc_lifecycle,
    "transient": sc_transient,
    "list": sc_list,
    "lookup": sc_lookup,
    "event": sc_event,
    "parse": sc_parse,
    "input-errors": sc_input_errors,
    "xml-to-native": sc_xml_to_native,
    "options": sc_options,
    "interactive": sc_interactive,
    "help": sc_help,
    "stop-acpi": sc_stop_acpi,
    "stop-noos": sc_stop_noos,
    "stop-frozen": sc_stop_frozen,
    "stop-interrupt": sc_stop_interrupt,
    "stop-tty": sc_stop_tty,
    "stop-busy": sc_stop_busy,
    "stop-interrupt-steps": sc_stop_interrupt_steps,
    "faults": sc_faults,
}

# Scenarios that need other timeouts than QEMU_CONF's.
SCENARIO_CONF = {
    # The defaults: Ctrl-C must act long before any of them runs out.
    "stop-interrupt-steps": "",
}


def check_manpage():
    """docs/manpages/virsh.rst documents every command and option that
    virsh's help lists, and every global option."""
    with open(os.path.join(SRCDIR, "..", "docs", "manpages", "virsh.rst")) as f:
        rst = f.read()
    env = environ()
    missing = []
    usage = subprocess.run([VIRSH, "-h"], env=env, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL).stdout
    for opt in re.findall(r"(?m)^ +(?:(-\w) \| )?(--[\w-]+)|^ +(-\w) ", usage):
        for o in opt:
            if o and f"``{o}" not in rst:
                missing.append(o)
    root = make_root(None)
    try:
        uri = f"qemu:///embed?root={root}"
        groups = subprocess.run([VIRSH, "-c", uri, "help"], env=env, capture_output=True,
                                stdin=subprocess.DEVNULL, text=True).stdout
        for cmd in re.findall(r"(?m)^    (\S+) ", groups):
            if not re.search(r"(?m)^``" + re.escape(cmd) + r"``|^" + re.escape(cmd) + r"\n~", rst):
                missing.append(cmd)
            text = subprocess.run([VIRSH, "-c", uri, "help", cmd], env=env,
                                  stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True).stdout
            for opt in re.findall(r"(?m)^    \[?(--[\w-]+)", text):
                if f"``{opt}``" not in rst and f"``{opt} " not in rst:
                    missing.append(f"{cmd} {opt}")
    finally:
        remove_tree(root)
    return ("not in docs/manpages/virsh.rst: " + ", ".join(missing)) if missing else ""


def check_layering():
    """tools/ is a client of the public API: its sources include only
    their own headers, internal.h (glib, config.h and the public
    headers) and system headers, and the virsh binary calls only symbols
    that libvirt.so.0 exports (src/libvirt_public.syms)."""
    problems = []
    tools = os.path.join(SRCDIR, "..", "tools")
    own = {f for f in os.listdir(tools) if f.endswith(".h")} | {"internal.h"}
    for name in sorted(os.listdir(tools)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(tools, name)) as f:
            for inc in re.findall(r'(?m)^#\s*include\s+"([^"]+)"', f.read()):
                if inc not in own:
                    problems.append(f"tools/{name} includes \"{inc}\"")
    with open(os.path.join(SRCDIR, "..", "src", "libvirt_public.syms")) as f:
        public = set(re.findall(r"(?m)^\s+(vir\w+);", f.read()))
    undefined = subprocess.run(["nm", "-D", "--undefined-only", VIRSH], capture_output=True,
                               text=True, check=True).stdout
    for sym in re.findall(r"\bU (vir\w+)", undefined):
        if sym not in public:
            problems.append(f"virsh calls {sym}, which is not public")
    if not re.search(r"\bU virConnectOpenAuth\b", undefined):
        problems.append("virsh does not take the API from libvirt.so (no virConnectOpenAuth)")
    return "\n".join(problems)


def check_completion():
    """The interactive shell on a terminal completes command names, and
    a command's option names; nothing else."""
    root = make_root()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "dumb", "XDG_CACHE_HOME": os.path.join(root, "cache")})
        os.execv(VIRSH, [VIRSH, "-c", f"qemu:///embed?root={root}"])

    def talk(data, until):
        os.write(fd, data)
        out = b""
        deadline = time.monotonic() + 10
        while until not in out and time.monotonic() < deadline:
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    break
        return out.decode(errors="replace")

    problems = []
    try:
        talk(b"", b"virsh # ")
        checks = [
            (b"domst\t--rea\t\n", "virsh # ", ["domstate --reason ",
                                               "command 'domstate' requires <domain> option"]),
            (b"echo x; hostn\t\n", "virsh # ", ["hostname ", "x\r\n" + HOSTNAME]),
            (b"dom\t\t", "virsh # dom", ["domid", "domname", "domuuid", "dominfo",
                                          "domstate", "domxml-to-native"]),
            (b"\x15bogus --x\t\n", "virsh # ", ["bogus --x\a",
                                                  "unknown command: 'bogus'"]),
            (b"echo ab\t\n", "virsh # ", ["echo ab\a", "ab\r\n"]),
            (b"list --state-r\t\n", "virsh # ", ["list --state-running "]),
        ]
        for data, until, wanted in checks:
            out = talk(data, until.encode())
            for w in wanted:
                if w not in out:
                    problems.append(f"after {data!r}: no {w!r} in {out!r}")
        talk(b"\x15quit\n", b"\n\n")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        remove_tree(root)
    if status != 0:
        problems.append(f"virsh exited with status {status}")
    return "\n".join(problems)


VIRTQEMUD = os.environ.get("VIRTQEMUD", os.path.join(BUILDDIR, "..", "src", "virtqemud"))


def check_system_default():
    """Root without -c or the environment gets qemu:///system.  Run in a
    private mount namespace with empty file systems over the system
    instance's directories, so that the host's are not touched."""
    with open(os.path.join(BUILDDIR, "..", "config.h")) as f:
        config = f.read()
    mounts = []
    for var in ("SYSCONFDIR", "LOCALSTATEDIR", "RUNSTATEDIR"):
        path = re.search(r'#define %s "([^"]+)"' % var, config).group(1)
        if not os.path.isdir(path) or path in ("/", "/usr", "/var", "/etc"):
            return f"# SKIP {var} {path} cannot be hidden behind a tmpfs"
        mounts.append(path)
    script = "".join(f"mount -t tmpfs none {shell_quote(m)} && " for m in mounts)
    # qemu:///system is the system daemon's: start one on the empty
    # directories; it leaves by itself 30 s after its last client (a
    # shorter idle time can end it before a slow virsh has connected).
    script += f"{shell_quote(VIRTQEMUD)} --daemon --timeout 30 && "
    script += f"exec {shell_quote(VIRSH)} 'uri; list --all'"
    if os.geteuid() != 0:
        return "# SKIP not root"
    r = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                       env=environ(), capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    if r.returncode != 0 and "mount" in r.stderr:
        return f"# SKIP cannot mount in a private namespace: {r.stderr.strip()}"
    expected = " Id   Name   State\n--------------------\n\n"
    if (r.stdout, r.stderr, r.returncode) != ("qemu:///system\n\n" + expected, "", 0):
        return f"got {(r.stdout, r.stderr, r.returncode)!r}"
    return ""


def check_session_runtime_dir():
    """qemu:///session keeps runtime state under XDG_RUNTIME_DIR.  When
    that changes (a new login), a domain whose QEMU runs looks shut off
    there, but starting it again must fail: never a second QEMU on the
    same disks."""
    root = make_root()
    home = os.path.join(root, "home")
    base = {"HOME": home, "XDG_CONFIG_HOME": f"{home}/.config",
            "XDG_CACHE_HOME": f"{home}/.cache"}
    xml = os.path.join(root, "sess.xml")
    txml = os.path.join(root, "tsess.xml")
    with open(xml, "w") as f:
        f.write(domain_xml("sess", "7d1c3c55-0b7e-4f0a-9a57-5e8d1d6e5b21"))

    def virsh(rundir, *args):
        env = environ(dict(base, XDG_RUNTIME_DIR=os.path.join(home, rundir)))
        return subprocess.run([VIRSH, "-c", "qemu:///session"] + list(args), env=env,
                              capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)

    def qemus(name="sess"):
        count = 0
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    argv = f.read().split(b"\0")
            except OSError:
                continue
            if (f"guest={name},debug-threads=on".encode() in argv and
                    any(home.encode() in a for a in argv)):
                count += 1
        return count

    for d in ("run-a", "run-b"):
        os.makedirs(os.path.join(home, d), mode=0o700)
    steps = [virsh("run-a", "define", xml), virsh("run-a", "start", "sess")]
    if any(r.returncode != 0 for r in steps):
        return f"cannot start: {[r.stderr for r in steps]!r}"
    try:
        other = virsh("run-b", "start", "sess")
        if other.returncode == 0 or "is already running" not in other.stderr:
            return f"a second start was not refused: {(other.stdout, other.stderr)!r}"
        if qemus() != 1:
            return f"{qemus()} QEMU processes run for the domain"
        # A transient domain of the same kind: created again from the
        # other runtime directory, it must be refused the same way.
        with open(txml, "w") as f:
            f.write(domain_xml("tsess", "0f5e1c7a-6d2b-4c8e-b1a3-2e4d6f8a9c10"))
        first = virsh("run-a", "create", txml)
        second = virsh("run-b", "create", txml)
        if first.returncode != 0:
            return f"cannot create: {first.stderr!r}"
        if second.returncode == 0 or "is already running" not in second.stderr:
            return f"a second create was not refused: {(second.stdout, second.stderr)!r}"
        if qemus("tsess") != 1:
            return f"{qemus('tsess')} QEMU processes run for the transient domain"
    finally:
        virsh("run-a", "destroy", "sess")
        virsh("run-a", "destroy", "tsess")
    again = virsh("run-b", "start", "sess")
    if again.returncode != 0:
        return f"the domain cannot start once its QEMU is gone: {again.stderr!r}"
    virsh("run-b", "destroy", "sess")
    virsh("run-b", "undefine", "sess")
    # qemu:///session went to a session daemon per runtime directory,
    # started by the library; they would leave after their timeout.
    for d in ("run-a", "run-b"):
        try:
            with open(os.path.join(home, d, "libvirt-grace", "virtqemud.pid")) as f:
                pid = int(f.read())
        except (OSError, ValueError):
            return f"no session daemon served {d}"
        os.kill(pid, signal.SIGTERM)
        if not wait_gone(pid, 10):
            return f"the session daemon of {d} ignored SIGTERM"
    return ""


def check_orphans():
    names = {f"{n}.out" for n in SCENARIOS}
    orphans = sorted(f for f in os.listdir(DATADIR)
                     if f.endswith(".out") and f not in names)
    if orphans:
        return "golden files without a scenario: " + ", ".join(orphans)
    return ""


def main():
    become_subreaper()
    cases = {f"scenario {name}":
             (lambda n=name, fn=fn: Scenario(n, SCENARIO_CONF.get(n, QEMU_CONF)).run(fn))
             for name, fn in SCENARIOS.items()}
    cases["no orphaned golden files"] = check_orphans
    cases["the man page documents every command and option"] = check_manpage
    cases["virsh is built on the public API only"] = check_layering
    cases["line editing completes command and option names"] = check_completion
    cases["root's default connection is qemu:///system"] = check_system_default
    cases["a changed XDG_RUNTIME_DIR cannot start a second QEMU"] = check_session_runtime_dir
    return run_cases(cases, jobs=int(os.environ.get("VIRSH_TEST_JOBS", "4")))


if __name__ == "__main__":
    main_guard(main)
