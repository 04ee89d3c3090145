#!/usr/bin/python3
# tlsbench.py: the round trip of one call over each transport, ours and
# upstream's
#
#   tlsbench.py [--calls N] BUILDDIR
#
# Starts, each on a root of its own and on loopback only, our virtqemud
# (--listen) and upstream's libvirtd 9.0 (--listen, in a mount namespace
# so that the host's libvirtd is left alone), both with TLS certificates
# made here with certtool, one running guest on each.  Then Debian's
# python3-libvirt (the same client code for both daemons) calls
# virDomainGetState N times on one connection per transport and times
# each call:
#
#   rtt_state_unix_us   over the daemon's UNIX socket
#   rtt_state_tls_us    over qemu+tls://127.0.0.1 (TCP loopback, GnuTLS)
#
# and, to tell the transport's share from the driver's, the same for
# virConnectGetLibVersion (rtt_version_*_us), which no driver work
# stands behind.
#
# Prints JSON lines for report.py; progress goes to stderr.  Everything
# is removed at the end.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import libvirt

EMULATOR = "/usr/bin/qemu-system-x86_64"
CERTTOOL = "/usr/bin/certtool"

UPSTREAM_SCRIPT = r"""
set -e
D=$1
cp -a /etc/libvirt/. "$D/etc/"
rm -f "$D"/etc/qemu/*.xml "$D"/etc/qemu/autostart/*.xml
printf 'user = "root"\ngroup = "root"\ndynamic_ownership = 0\nremember_owner = 0\nsecurity_driver = "none"\nstdio_handler = "file"\n' >> "$D/etc/qemu.conf"
printf 'unix_sock_dir = "%s/sock"\nauth_unix_rw = "none"\nauth_unix_ro = "none"\n' "$D" >> "$D/etc/libvirtd.conf"
printf 'listen_tls = 1\nlisten_tcp = 0\nlisten_addr = "127.0.0.1"\ntls_port = "%s"\n' "$2" >> "$D/etc/libvirtd.conf"
printf 'ca_file = "%s/pki/cacert.pem"\ncert_file = "%s/pki/servercert.pem"\nkey_file = "%s/pki/serverkey.pem"\n' "$D" "$D" "$D" >> "$D/etc/libvirtd.conf"
for d in /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt; do
    mkdir -p "$d"
    mount -t tmpfs none "$d"
done
mount --bind "$D/etc" /etc/libvirt
exec /usr/sbin/libvirtd --listen -f /etc/libvirt/libvirtd.conf -p "$D/libvirtd.pid"
"""


def log(msg):
    print(f"[tlsbench] {msg}", file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def certtool(*args):
    subprocess.run([CERTTOOL] + list(args), check=True, capture_output=True)


def make_pki(top):
    """cacert.pem, servercert.pem / serverkey.pem for 127.0.0.1, and a
    client pkipath directory; returns (server dir, client dir)."""
    d = os.path.join(top, "pki")
    os.makedirs(d)
    p = lambda name: os.path.join(d, name)
    with open(p("ca.info"), "w") as f:
        f.write("cn = tlsbench CA\nca\ncert_signing_key\nexpiration_days = 2\n")
    with open(p("server.info"), "w") as f:
        f.write("cn = localhost\ndns_name = localhost\nip_address = 127.0.0.1\n"
                "tls_www_server\nencryption_key\nsigning_key\nexpiration_days = 2\n")
    with open(p("client.info"), "w") as f:
        f.write("country = GB\norganization = Grace\ncn = bench\ntls_www_client\n"
                "encryption_key\nsigning_key\nexpiration_days = 2\n")
    for key in ("cakey.pem", "serverkey.pem", "clientkey.pem"):
        certtool("--generate-privkey", "--outfile", p(key))
    certtool("--generate-self-signed", "--load-privkey", p("cakey.pem"),
             "--template", p("ca.info"), "--outfile", p("cacert.pem"))
    for who in ("server", "client"):
        certtool("--generate-certificate", "--load-privkey", p(f"{who}key.pem"),
                 "--load-ca-certificate", p("cacert.pem"), "--load-ca-privkey",
                 p("cakey.pem"), "--template", p(f"{who}.info"),
                 "--outfile", p(f"{who}cert.pem"))
    client = os.path.join(top, "clientpki")
    os.makedirs(client)
    for name in ("cacert.pem", "clientcert.pem", "clientkey.pem"):
        shutil.copy(p(name), client)
    return d, client


def wait_open(uri, proc, what):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited {proc.returncode}")
        try:
            return libvirt.open(uri)
        except libvirt.libvirtError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer on {uri}")


def start_guest(conn, name):
    xml = (f"<domain type='qemu'><name>{name}</name><uuid>{uuid.uuid4()}</uuid>"
           f"<memory unit='MiB'>128</memory><vcpu>1</vcpu>"
           f"<os><type arch='x86_64' machine='pc'>hvm</type></os>"
           f"<devices><emulator>{EMULATOR}</emulator>"
           f"<memballoon model='none'/></devices></domain>")
    return conn.createXML(xml, 0)


def round_trips(uri, name, calls):
    """Microseconds of each of @calls virDomainGetState on one
    connection, after a warm-up; then as many virConnectGetLibVersion
    (a call no driver work stands behind: the transport alone)."""
    conn = libvirt.open(uri)
    try:
        dom = conn.lookupByName(name)
        result = {}
        for what, fn in (("state", dom.state), ("version", conn.getLibVersion)):
            for _ in range(50):
                fn()
            samples = []
            for _ in range(calls):
                t0 = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - t0) * 1e6)
            result[what] = samples
        return result
    finally:
        conn.close()


def emit(peer, metric, samples):
    print(json.dumps({"peer": peer, "kind": "samples", "metric": metric,
                      "unit": "us", "samples": [round(s, 1) for s in samples]}),
          flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("builddir")
    args = ap.parse_args()
    libvirt.registerErrorHandler(lambda *a: None, None)

    top = tempfile.mkdtemp(prefix="lvgbench-tls-", dir="/tmp")
    procs = []
    try:
        serverpki, clientpki = make_pki(top)

        # Ours.
        root = os.path.join(top, "ours")
        os.makedirs(os.path.join(root, "etc"))
        port_ours = free_port()
        with open(os.path.join(root, "etc", "virtqemud.conf"), "w") as f:
            f.write(f'listen_addr = "127.0.0.1"\ntls_port = "{port_ours}"\n'
                    f'ca_file = "{serverpki}/cacert.pem"\n'
                    f'cert_file = "{serverpki}/servercert.pem"\n'
                    f'key_file = "{serverpki}/serverkey.pem"\n')
        ours = subprocess.Popen([os.path.join(args.builddir, "src", "virtqemud"),
                                 "--root", root, "--listen"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        procs.append(ours)
        ours_unix = f"qemu+unix:///system?socket={root}/run/virtqemud-sock"
        ours_tls = f"qemu+tls://127.0.0.1:{port_ours}/system?pkipath={clientpki}"

        # Upstream's, in a mount namespace of its own.
        up = os.path.join(top, "upstream")
        os.makedirs(os.path.join(up, "etc"))
        os.makedirs(os.path.join(up, "sock"))
        shutil.copytree(serverpki, os.path.join(up, "pki"))
        port_up = free_port()
        upstream = subprocess.Popen(["unshare", "--mount", "--propagation", "private",
                                     "sh", "-c", UPSTREAM_SCRIPT, "sh", up, str(port_up)],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        procs.append(upstream)
        up_unix = f"qemu+unix:///system?socket={up}/sock/libvirt-sock"
        up_tls = f"qemu+tls://127.0.0.1:{port_up}/system?pkipath={clientpki}"

        for peer, proc, unix_uri, tls_uri in (("ours", ours, ours_unix, ours_tls),
                                              ("upstream", upstream, up_unix, up_tls)):
            conn = wait_open(unix_uri, proc, peer)
            name = f"lvgbench-tls-{peer}"
            dom = start_guest(conn, name)
            try:
                for transport, uri in (("unix", unix_uri), ("tls", tls_uri)):
                    log(f"{peer}: {args.calls} get-state and get-version calls "
                        f"over {uri.split(':')[0]}")
                    samples = round_trips(uri, name, args.calls)
                    emit(peer, f"rtt_state_{transport}_us", samples["state"])
                    emit(peer, f"rtt_version_{transport}_us", samples["version"])
            finally:
                dom.destroy()
                conn.close()
        return 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                if proc is procs[-1] and os.path.exists(os.path.join(top, "upstream", "libvirtd.pid")):
                    with open(os.path.join(top, "upstream", "libvirtd.pid")) as f:
                        try:
                            os.kill(int(f.read()), signal.SIGTERM)
                        except (OSError, ValueError):
                            proc.terminate()
                else:
                    proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
