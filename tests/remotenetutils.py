#
# remotenetutils.py: what the network transport tests share: a PKI made
# with certtool, network namespaces joined by veth pairs, virtqemud
# listening inside one, an sshd on loopback with a test key
#
# Nothing here touches the host's network: every address lives in
# namespaces the test creates and deletes.  The only files outside a
# temporary directory are /etc/netns/NAME/hosts (which "ip netns exec"
# mounts over /etc/hosts for that namespace alone), removed afterwards.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import socket
import uuid as uuidmod

from virshtestutils import *
from remotedaemontest import Daemon, VIRTQEMUD, find_qemu, virsh

DEBIAN_PYTHON = "/usr/bin/python3"
CERTTOOL = "/usr/bin/certtool"
SSHD = "/usr/sbin/sshd"
SSH_HELPER = os.environ.get("VIRT_SSH_HELPER",
                            os.path.join(BUILDDIR, "..", "src", "virt-ssh-helper"))


def run(argv, timeout=60, check=True, **kw):
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                       stdin=subprocess.DEVNULL, env=kw.pop("env", environ()), **kw)
    if check and r.returncode != 0:
        fail(f"{' '.join(argv)}: exit {r.returncode}: {r.stderr}")
    return r


class PKI:
    """A CA, and certificates it (or another CA) signs, made with
    certtool in a directory of their own."""

    def __init__(self, top, name="ca"):
        self.dir = os.path.join(top, name)
        os.makedirs(self.dir)
        self.cakey = self._key("cakey.pem")
        self.cacert = os.path.join(self.dir, "cacert.pem")
        self._template("ca.info", f"cn = Grace test CA {name}\nca\ncert_signing_key\n"
                                  "expiration_days = 30\n")
        run([CERTTOOL, "--generate-self-signed", "--load-privkey", self.cakey,
             "--template", os.path.join(self.dir, "ca.info"),
             "--outfile", self.cacert])

    def _key(self, name):
        path = os.path.join(self.dir, name)
        run([CERTTOOL, "--generate-privkey", "--key-type", "rsa", "--bits", "2048",
             "--outfile", path])
        return path

    def _template(self, name, text):
        with open(os.path.join(self.dir, name), "w") as f:
            f.write(text)

    def _sign(self, stem, template):
        key = self._key(stem + "key.pem")
        cert = os.path.join(self.dir, stem + "cert.pem")
        self._template(stem + ".info", template)
        run([CERTTOOL, "--generate-certificate", "--load-privkey", key,
             "--load-ca-certificate", self.cacert, "--load-ca-privkey", self.cakey,
             "--template", os.path.join(self.dir, stem + ".info"), "--outfile", cert])
        return cert, key

    def server(self, host, ip, expired=False):
        """servercert.pem / serverkey.pem for @host at @ip: files
        (cacert, cert, key)."""
        self.serial = getattr(self, "serial", 0) + 1
        cert, key = self._sign(f"server-{host}-{self.serial}-",
                               f"organization = Grace\ncn = {host}\ndns_name = {host}\n"
                               f"ip_address = {ip}\ntls_www_server\nencryption_key\n"
                               f"signing_key\n{self._dates(expired)}")
        return self.cacert, cert, key

    @staticmethod
    def _dates(expired):
        if expired:
            return ('activation_date = "2020-01-01 00:00:00 UTC"\n'
                    'expiration_date = "2020-02-01 00:00:00 UTC"\n')
        return "expiration_days = 30\n"

    def revoke(self, cert):
        """A CRL of this CA that revokes @cert; returns its path."""
        crl = os.path.join(self.dir, "cacrl.pem")
        self._template("crl.info", "crl_next_update = 30\ncrl_number = 1\n")
        run([CERTTOOL, "--generate-crl", "--load-ca-privkey", self.cakey,
             "--load-ca-certificate", self.cacert, "--load-certificate", cert,
             "--template", os.path.join(self.dir, "crl.info"), "--outfile", crl])
        return crl

    def client(self, cn, expired=False, trust=None):
        """A pkipath directory for a client named @cn: cacert.pem (this
        CA's, or @trust's), clientcert.pem, clientkey.pem."""
        dates = self._dates(expired)
        cert, key = self._sign(f"client-{cn}-",
                               f"country = GB\norganization = Grace\ncn = {cn}\n"
                               f"tls_www_client\nencryption_key\nsigning_key\n{dates}")
        pki = os.path.join(self.dir, f"pki-{cn}")
        os.makedirs(pki)
        shutil.copy(trust.cacert if trust else self.cacert, os.path.join(pki, "cacert.pem"))
        shutil.copy(cert, os.path.join(pki, "clientcert.pem"))
        shutil.copy(key, os.path.join(pki, "clientkey.pem"))
        return pki


class Netns:
    """A client namespace and @hosts host namespaces, each host joined
    to the client by a veth pair: host N is 10.77.N.2 ("hostN" in the
    client's /etc/hosts), the client 10.77.N.1 on that link."""

    def __init__(self, hosts, tag=""):
        base = f"lvg{os.getpid() % 100000}{tag}"
        self.client = f"{base}c"
        self.hosts = [f"{base}h{n}" for n in range(1, hosts + 1)]
        self.etc = os.path.join("/etc/netns", self.client)
        try:
            run(["ip", "netns", "add", self.client])
            run(["ip", "-n", self.client, "link", "set", "lo", "up"])
            for n, ns in enumerate(self.hosts, 1):
                run(["ip", "netns", "add", ns])
                run(["ip", "-n", ns, "link", "set", "lo", "up"])
                run(["ip", "-n", self.client, "link", "add", f"v{n}", "type", "veth",
                     "peer", "name", "eth0", "netns", ns])
                run(["ip", "-n", self.client, "addr", "add", f"10.77.{n}.1/24",
                     "dev", f"v{n}"])
                run(["ip", "-n", ns, "addr", "add", f"10.77.{n}.2/24", "dev", "eth0"])
                run(["ip", "-n", self.client, "link", "set", f"v{n}", "up"])
                run(["ip", "-n", ns, "link", "set", "eth0", "up"])
            os.makedirs(self.etc, exist_ok=True)
            with open(os.path.join(self.etc, "hosts"), "w") as f:
                f.write("127.0.0.1 localhost\n")
                for n in range(1, hosts + 1):
                    f.write(f"10.77.{n}.2 host{n} alias{n}\n")
        except BaseException:
            self.close()
            raise

    @staticmethod
    def ip(n):
        return f"10.77.{n}.2"

    def link(self, n, up):
        """Sets host @n's link up or down, from the host's side: its
        packets stop, nothing says goodbye."""
        run(["ip", "-n", self.hosts[n - 1], "link", "set", "eth0",
             "up" if up else "down"])

    def in_client(self, argv):
        return ["ip", "netns", "exec", self.client] + list(argv)

    def close(self):
        for ns in [self.client] + self.hosts:
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        remove_tree(self.etc)


class NetDaemon(Daemon):
    """virtqemud in namespace @netns (None: this one), with --listen and
    the TLS files of @tls = (cacert, cert, key)."""

    def __init__(self, netns=None, tls=None, conf="", listen=True):
        super().__init__()
        self.netns = netns
        self.listen = listen
        text = conf
        if tls:
            text += (f'ca_file = "{tls[0]}"\ncert_file = "{tls[1]}"\n'
                     f'key_file = "{tls[2]}"\n')
        self.conf = text

    def start(self, extra=(), wait=True):
        argv = [VIRTQEMUD, "--root", self.root, "--verbose"]
        if self.listen:
            argv.append("--listen")
        argv += list(extra)
        if self.netns:
            argv = ["ip", "netns", "exec", self.netns] + argv
        with open(os.path.join(self.root, "etc", "virtqemud.conf"), "w") as f:
            f.write(self.conf)
        self.log = os.path.join(self.root, "daemon.log")
        self.logf = open(self.log, "w")
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=self.logf,
                                     text=True, env=environ())
        if not wait:
            return self
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail(f"virtqemud exited {self.proc.returncode}: {self.log_text()}")
            if "listening on" in self.log_text():
                return self
            time.sleep(0.05)
        fail("virtqemud did not listen within 20 s")

    def log_text(self):
        with open(self.log) as f:
            return f.read()

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        rc = self.proc.returncode if self.proc else 0
        if self.proc:
            self.proc.stdout.close()
            self.logf.close()
        self.proc = None
        return rc

    def domain(self, name):
        """A domain's XML file; the name is also its QEMU's marker."""
        return self.xml(name, str(uuidmod.uuid4()))


class Sshd:
    """sshd on 127.0.0.1:@port, for root with a test key only, in a mount
    namespace of its own where /run/libvirt-grace is @rundir (where a
    daemon's sockets are) and virt-ssh-helper in PATH is ours."""

    def __init__(self, top, rundir, port):
        self.dir = os.path.join(top, "ssh")
        os.makedirs(self.dir)
        self.port = port
        self.key = os.path.join(self.dir, "id")
        hostkey = os.path.join(self.dir, "hostkey")
        for path in (self.key, hostkey):
            run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path])
        shutil.copy(self.key + ".pub", os.path.join(self.dir, "authorized_keys"))
        config = os.path.join(self.dir, "sshd_config")
        with open(config, "w") as f:
            f.write(f"Port {port}\nListenAddress 127.0.0.1\nHostKey {hostkey}\n"
                    f"AuthorizedKeysFile {self.dir}/authorized_keys\n"
                    "PermitRootLogin prohibit-password\nPasswordAuthentication no\n"
                    "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
                    f"PidFile {self.dir}/sshd.pid\nLogLevel ERROR\n")
        # The client side: a wrapper that keeps ssh's host keys in the
        # test directory (URI parameter command=).
        self.known = os.path.join(self.dir, "known_hosts")
        self.wrapper = os.path.join(self.dir, "ssh")
        with open(self.wrapper, "w") as f:
            f.write("#!/bin/sh\n"
                    f"exec ssh -o UserKnownHostsFile={self.known} "
                    "-o StrictHostKeyChecking=accept-new -o BatchMode=yes "
                    "-o LogLevel=ERROR \"$@\"\n")
        os.chmod(self.wrapper, 0o755)
        os.makedirs("/run/sshd", exist_ok=True)
        target = "/run/libvirt-grace"
        os.makedirs(target, exist_ok=True)
        script = (f"set -e; mount --bind {shlex.quote(rundir)} {target}; "
                  f"mount --bind {shlex.quote(os.path.realpath(SSH_HELPER))} "
                  "/usr/bin/virt-ssh-helper; "
                  f"exec {SSHD} -D -e -f {shlex.quote(config)}")
        self.proc = subprocess.Popen(["unshare", "--mount", "--propagation", "private",
                                      "sh", "-c", script],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail(f"sshd exited {self.proc.returncode}: {self.proc.stderr.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                return
            except OSError:
                time.sleep(0.05)
        fail("sshd did not listen within 10 s")

    def uri(self, query="", user="root", path="/system"):
        q = f"keyfile={self.key}&command={self.wrapper}"
        return f"qemu+ssh://{user}@127.0.0.1:{self.port}{path}?{q}{'&' + query if query else ''}"

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
