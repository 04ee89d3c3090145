#!/usr/bin/env python3
# check-remote-fleet.py: does the fleet set-up in docs/remote.rst do
# what it says?
#
#   check-remote-fleet.py REMOTE.rst BUILDDIR
#
# Replays the page's blocks on three hosts and one managing machine,
# each a network namespace (host N at 10.77.N.2, the manager 10.77.N.1
# on each link, names in its /etc/hosts) and a mount namespace in which
# /etc/pki and the daemon's directories are private, so the commands
# run as written, as root, with the host's own files untouched.
#
#   .. fleet-run: ROLE...     the next literal block runs with bash -e
#                             on each ROLE (admin, client, hostN), in the
#                             admin's directory (where the files the page
#                             says to copy are), HOST set to the role
#   .. fleet-session: ROLE    "$ command" lines, run one by one; each
#                             must print the lines shown under it.  A
#                             client session runs twice: with Debian's
#                             virsh first in PATH, then with ours.
#
# Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HOSTS = ("host1", "host2", "host3")
# Private in every namespace: what the page writes, and what the
# system daemon keeps (its configuration, sockets, state).
PRIVATE = ("/etc/pki", "/usr/local/etc/libvirt-grace", "/run/libvirt-grace",
           "/var/local")


def blocks(lines):
    """[(kind, roles, block lines)] in the page's order."""
    out = []
    for i, line in enumerate(lines):
        m = re.match(r"\s*\.\. fleet-(run|session): (.*)$", line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() in ("", "::"):
            j += 1
        indent = len(lines[j]) - len(lines[j].lstrip())
        block = []
        while j < len(lines) and (not lines[j].strip() or
                                  len(lines[j]) - len(lines[j].lstrip()) >= indent):
            block.append(lines[j][indent:])
            j += 1
        while block and not block[-1].strip():
            block.pop()
        out.append((m.group(1), m.group(2).split(), block))
    return out


class Machine:
    """A network namespace with a process holding a private mount
    namespace; commands enter both."""

    def __init__(self, name, netns):
        self.name = name
        self.netns = netns
        mounts = "; ".join(f"mkdir -p {d} && mount -t tmpfs -o mode=0755 none {d}" for d in PRIVATE)
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", netns, "unshare", "--mount", "--propagation",
             "private", "sh", "-c", f"set -e; {mounts}; echo ready; exec sleep 100000"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline() != "ready\n":
            raise RuntimeError(f"{name}: the namespace did not come up")

    def run(self, script, cwd, env):
        return subprocess.run(["nsenter", "-t", str(self.proc.pid), "-m", "-n", "--",
                               "bash", "-e", "-c", f"cd {cwd}\n{script}"],
                              capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=120)

    def close(self):
        self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()


def sh(*argv):
    subprocess.run(argv, check=True, capture_output=True)


def main():
    page, builddir = sys.argv[1], os.path.abspath(sys.argv[2])
    with open(page) as f:
        steps = blocks(f.read().splitlines())
    if os.geteuid() != 0:
        print("1..0 # SKIP network and mount namespaces need root")
        return 0
    print(f"1..{len(steps)}")
    # Mount points the host may lack: made empty, removed at the end.
    made = [d for d in PRIVATE if not os.path.isdir(d)]
    for d in made:
        os.makedirs(d)

    tag = f"lvgdoc{os.getpid() % 100000}"
    client_ns = tag + "c"
    host_ns = {h: f"{tag}{h[-1]}" for h in HOSTS}
    etc = os.path.join("/etc/netns", client_ns)
    top = tempfile.mkdtemp(prefix="lvgfleetdoc-", dir="/tmp")
    os.chmod(top, 0o755)
    machines = {}
    failed = 0
    try:
        sh("ip", "netns", "add", client_ns)
        sh("ip", "-n", client_ns, "link", "set", "lo", "up")
        os.makedirs(etc, exist_ok=True)
        with open(os.path.join(etc, "hosts"), "w") as f:
            f.write("127.0.0.1 localhost\n")
            for n, h in enumerate(HOSTS, 1):
                ns = host_ns[h]
                sh("ip", "netns", "add", ns)
                sh("ip", "-n", ns, "link", "set", "lo", "up")
                sh("ip", "-n", client_ns, "link", "add", f"v{n}", "type", "veth",
                   "peer", "name", "eth0", "netns", ns)
                sh("ip", "-n", client_ns, "addr", "add", f"10.77.{n}.1/24", "dev", f"v{n}")
                sh("ip", "-n", ns, "addr", "add", f"10.77.{n}.2/24", "dev", "eth0")
                sh("ip", "-n", client_ns, "link", "set", f"v{n}", "up")
                sh("ip", "-n", ns, "link", "set", "eth0", "up")
                f.write(f"10.77.{n}.2 {h}\n")
        client = Machine("client", client_ns)
        machines = {"admin": client, "client": client}
        for h in HOSTS:
            machines[h] = Machine(h, host_ns[h])

        base = dict(os.environ, LC_ALL="C")
        for k in ("LD_LIBRARY_PATH", "LIBVIRT_DEFAULT_URI", "LIBVIRT_DEBUG"):
            base.pop(k, None)
        debian_path = "/usr/sbin:/usr/bin:/sbin:/bin"
        ours_path = f"{builddir}/tools:{builddir}/src:{debian_path}"

        for num, (kind, roles, block) in enumerate(steps, 1):
            diag = ""
            for role in roles:
                m = machines[role]
                env = dict(base, HOST=role,
                           PATH=ours_path if role.startswith("host") else debian_path)
                if kind == "run":
                    r = m.run("\n".join(block) + "\n", top, env)
                    if r.returncode != 0:
                        diag += f"{role}: exit {r.returncode}: {r.stderr}\n"
                    continue
                cmds = []
                for line in block:
                    if line.startswith("$ "):
                        cmds.append((line[2:], []))
                    elif cmds:
                        cmds[-1][1].append(line)
                for label, path in (("Debian's virsh", debian_path), ("our virsh", ours_path)):
                    for cmd, want in cmds:
                        r = m.run(cmd, top, dict(env, PATH=path))
                        want = "\n".join(want).rstrip()
                        got = r.stdout.rstrip()
                        if r.returncode != 0 or got != want:
                            diag += (f"{role}, {label}: $ {cmd}\n  exit {r.returncode}\n"
                                     f"  got:  {got!r}\n  want: {want!r}\n  {r.stderr}\n")
            title = f"{kind} on {' '.join(roles)}: {block[0][:60]}"
            if diag:
                failed += 1
                print(f"not ok {num} - {title}")
                for line in diag.rstrip().splitlines():
                    print(f"# {line}")
            else:
                print(f"ok {num} - {title}")
            sys.stdout.flush()
    finally:
        # Everything started in the namespaces (the daemons) ends with
        # them.
        for ns in [client_ns] + list(host_ns.values()):
            r = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True)
            for pid in r.stdout.split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except OSError:
                    pass
        for m in set(machines.values()):
            m.close()
        time.sleep(0.2)
        for ns in [client_ns] + list(host_ns.values()):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        shutil.rmtree(etc, ignore_errors=True)
        shutil.rmtree(top, ignore_errors=True)
        for d in reversed(made):
            try:
                os.rmdir(d)
            except OSError:
                pass
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
