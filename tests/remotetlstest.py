#!/usr/bin/env python3
#
# remotetlstest.py: virtqemud over the network, as managers reach it:
# qemu+tls:// (a daemon in a network namespace of its own, certificates
# made here with certtool) and qemu+ssh:// (an sshd on loopback with a
# test key), driven by Debian's virsh and python3-libvirt and by ours.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import socket
import ssl
import struct

from remotenetutils import *

ALLOWED_DN = 'tls_allowed_dn_list = ["C=GB,O=Grace,CN=client*"]\n'

PY_LIFECYCLE = """
import libvirt, sys
conn = libvirt.open(sys.argv[1])
dom = conn.defineXML(open(sys.argv[2]).read())
dom.create()
print(dom.state()[0])
dom.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL)
print(dom.state()[0])
dom.undefine()
print(sorted(d.name() for d in conn.listAllDomains()))
conn.close()
"""

PY_OPEN_ERROR = """
import libvirt, sys
libvirt.registerErrorHandler(lambda *a: None, None)
try:
    libvirt.open(sys.argv[1])
    print("opened")
except libvirt.libvirtError as e:
    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())
"""

# A TCP relay that keeps the first bytes each client sent, run inside a
# namespace: argv = listen address, port, target port, log file.
RECORDER = """
import socket, sys, threading
lsock = socket.socket()
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lsock.bind((sys.argv[1], int(sys.argv[2])))
lsock.listen(8)
print("ready", flush=True)
def pump(a, b, first):
    logged = not first
    while True:
        data = a.recv(65536)
        if not data:
            try: b.shutdown(socket.SHUT_WR)
            except OSError: pass
            return
        if not logged:
            with open(sys.argv[4], "a") as f:
                f.write(data[:8].hex() + "\\n")
            logged = True
        b.sendall(data)
while True:
    c, _ = lsock.accept()
    s = socket.create_connection(("127.0.0.1", int(sys.argv[3])))
    threading.Thread(target=pump, args=(c, s, True), daemon=True).start()
    threading.Thread(target=pump, args=(s, c, False), daemon=True).start()
"""


class Fixture:
    pass


F = Fixture()


def client_run(argv, timeout=90):
    r = subprocess.run(F.net.in_client(argv), capture_output=True, text=True,
                       env=environ(), stdin=subprocess.DEVNULL, timeout=timeout)
    return r.stdout, r.stderr, r.returncode


def tls_uri(pki, host="host1", port=None, query=""):
    hp = host + (f":{port}" if port else "")
    return f"qemu+tls://{hp}/system?pkipath={pki}{'&' + query if query else ''}"


def lifecycle(prog, uri, d, name, run_fn=client_run):
    """define, start, domstate, destroy --graceful, domstate, undefine
    through @prog; returns a diagnostic."""
    xml = d.domain(name)
    out = ""
    steps = [(["define", xml], f"Domain '{name}' defined from {xml}\n\n"),
             (["start", name], f"Domain '{name}' started\n\n"),
             (["domstate", name], "running\n\n"),
             (["destroy", "--graceful", name], f"Domain '{name}' destroyed\n\n"),
             (["domstate", name], "shut off\n\n"),
             (["undefine", name], f"Domain '{name}' has been undefined\n\n")]
    for args, want in steps:
        o, e, rc = run_fn([prog, "-c", uri] + args)
        if rc != 0 or o != want:
            out += f"{os.path.basename(prog)} {' '.join(args)}: exit {rc}, {o!r} {e!r}\n"
            break
        if args[0] == "start":
            find_qemu(d.root, name)
    return out


def case_tls_lifecycle(prog, name):
    def case():
        return lifecycle(prog, tls_uri(F.pki_good), F.d1, name)
    return case


def case_tls_python():
    xml = F.d1.domain("tlspy")
    o, e, rc = client_run([DEBIAN_PYTHON, "-c", PY_LIFECYCLE, tls_uri(F.pki_good), xml])
    if rc != 0 or not o.startswith("1\n5\n") or "'tlspy'" in o:
        return f"python3-libvirt over TLS: exit {rc}: {o!r} {e!r}"
    return ""


def refused_both(uri, want, what):
    """Debian's virsh and ours, refused with the same words; Debian's
    python3-libvirt gives the code and domain."""
    out = ""
    msgs = []
    for prog in (UPSTREAM_VIRSH, VIRSH):
        o, e, rc = client_run([prog, "-c", uri, "list", "--all"])
        if rc == 0 or want not in e:
            out += f"{what}: {os.path.basename(prog)}: exit {rc} {o!r} {e!r}, wanted {want!r}\n"
        # Only the errors: Debian's virsh also prints the library's
        # warnings (the reason a certificate failed) on stderr.
        msgs.append([line for line in e.splitlines() if line.startswith("error:")])
    if not out and msgs[0] != msgs[1]:
        out += f"{what}: Debian's virsh said {msgs[0]!r}, ours {msgs[1]!r}\n"
    return out


def daemon_domains(d):
    o, e, rc = virsh(VIRSH, d.uri, "list", "--all", "--name")
    if rc != 0:
        fail(f"local list: {e}")
    return o.split()


def case_dn_refused():
    """A certificate our CA signed, but a DN the list leaves out: the
    connection ends before any procedure runs."""
    xml = F.d1.domain("intruder1")
    out = refused_both(tls_uri(F.pki_intruder), "Unable to read TLS confirmation: Input/output error",
                       "DN not allowed")
    o, e, rc = client_run([VIRSH, "-c", tls_uri(F.pki_intruder), "define", xml])
    if rc == 0:
        out += f"define by a refused DN succeeded: {o!r}\n"
    o, _, _ = client_run([DEBIAN_PYTHON, "-c", PY_OPEN_ERROR, tls_uri(F.pki_intruder)])
    if o != "38 7 Unable to read TLS confirmation: Input/output error\n":
        out += f"python3-libvirt: {o!r}\n"
    if "intruder1" in daemon_domains(F.d1):
        out += "the refused client's define ran\n"
    if "Failed ACL check for client DN 'C=GB,O=Grace,CN=intruder'" not in F.d1.log_text():
        out += "the daemon's log does not name the refused DN\n"
    return out


def case_wrong_ca():
    """A client whose CA did not sign the daemon's certificate refuses
    the daemon; a client certificate from another CA is refused by the
    daemon (checked with a bare TLS client, since libvirt's clients
    check their own certificate first)."""
    out = refused_both(tls_uri(F.pki_otherca),
                       "authentication failed: Failed to verify peer's certificate",
                       "wrong CA")
    got = raw_tls_confirm(F.pki_foreign)
    if got != b"":
        out += f"a client certificate of another CA got {got!r} from the daemon\n"
    got = raw_tls_confirm(F.pki_good)
    if got != b"\x01":
        out += f"the good certificate over a bare TLS client got {got!r}\n"
    return out


def case_expired():
    """An expired client certificate: refused by the client itself
    (upstream's sanity check) and by the daemon."""
    out = refused_both(tls_uri(F.pki_expired), "has expired", "expired certificate")
    got = raw_tls_confirm(F.pki_expired)
    if got != b"":
        out += f"an expired client certificate got {got!r} from the daemon\n"
    return out


RAW_TLS = """
import socket, ssl, sys
pki = sys.argv[1]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.load_verify_locations(pki + "/cacert.pem")
ctx.load_cert_chain(pki + "/clientcert.pem", pki + "/clientkey.pem")
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
s = ctx.wrap_socket(socket.create_connection(("host1", 16514), 10), server_hostname="host1")
s.settimeout(10)
try:
    data = s.recv(1)
except (ssl.SSLError, OSError) as e:
    data = b""
print(data.hex())
"""


def raw_tls_confirm(pki):
    """What the daemon sends first to a bare TLS client with @pki's
    certificate: b"\\x01" when it lets it in, b"" when it hangs up."""
    o, e, rc = client_run([DEBIAN_PYTHON, "-c", RAW_TLS, pki])
    if rc != 0:
        fail(f"bare TLS client: {e}")
    return bytes.fromhex(o.strip())


def case_wire_first_bytes():
    """The client speaks first, and its first bytes are a TLS
    ClientHello: nothing of libvirt's goes out before the handshake."""
    log = os.path.join(F.top, "recorder.log")
    rec = subprocess.Popen(["ip", "netns", "exec", F.net.hosts[0], DEBIAN_PYTHON, "-c",
                            RECORDER, Netns.ip(1), "16600", "16514", log],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    out = ""
    try:
        if rec.stdout.readline() != "ready\n":
            return "the recorder did not start"
        for prog in (UPSTREAM_VIRSH, VIRSH):
            o, e, rc = client_run([prog, "-c", tls_uri(F.pki_good, port=16600), "uri"])
            if rc != 0:
                out += f"{os.path.basename(prog)} through the recorder: {e}\n"
        with open(log) as f:
            firsts = f.read().split()
        if len(firsts) != 2:
            out += f"recorded {firsts}\n"
        for hexdata in firsts:
            b = bytes.fromhex(hexdata)
            # Record type 22 (handshake), version 3.x, then message
            # type 1 (ClientHello).
            if b[0] != 0x16 or b[1] != 0x03 or b[5] != 0x01:
                out += f"first bytes {hexdata}: not a TLS ClientHello\n"
    finally:
        rec.kill()
        rec.wait()
        rec.stdout.close()
    return out


def case_no_listen():
    """Without --listen nothing listens on the network, whatever the
    configuration says (as upstream)."""
    d = NetDaemon(F.net.hosts[2], tls=F.tls3, listen=False,
                  conf="listen_tls = 1\n")
    try:
        d.start()
        r = run(["ip", "netns", "exec", F.net.hosts[2], "ss", "-Hltn"])
        if ":16514" in r.stdout:
            return f"a TCP port is open without --listen: {r.stdout}"
        return ""
    finally:
        d.close()


def case_plain_tcp_refused():
    """Plain TCP only with authentication: listen_tcp without it stops
    the daemon at start, saying why; so do TLS files that are missing."""
    out = ""
    confs = [
        ("listen_tcp = 1\nauth_tcp = \"none\"\nlisten_tls = 0\n",
         "listen_tcp = 1 with auth_tcp = \"none\" would let anyone who reaches the port manage every guest: refusing to start; use listen_tls"),
        ("listen_tcp = 1\nlisten_tls = 0\n",
         "listen_tcp = 1 needs auth_tcp = \"sasl\", which this daemon does not offer: refusing to serve plain TCP; use listen_tls"),
        ("listen_tcp = 0\nlisten_tls = 0\n",
         "--listen given, but both listen_tls and listen_tcp are off"),
        ("auth_tls = \"sasl\"\n",
         "auth_tls = \"sasl\" is not offered by this daemon"),
        ("auth_tcp = \"kerberos\"\n",
         "auth_tcp must be \"none\", \"sasl\" or \"polkit\", not \"kerberos\""),
    ]
    for conf, want in confs:
        d = NetDaemon(F.net.hosts[2], tls=F.tls3, conf=conf)
        try:
            d.start(wait=False)
            rc = d.proc.wait(20)
            text = d.log_text()
            if rc != 1 or want not in text:
                out += f"{conf!r}: exit {rc}, {text!r}\n"
        finally:
            d.close()
    # The daemon's certificate missing: named at start.
    d = NetDaemon(F.net.hosts[2], tls=(F.tls3[0], "/nonexistent/servercert.pem", F.tls3[2]))
    try:
        d.start(wait=False)
        rc = d.proc.wait(20)
        if rc != 1 or "Cannot read certificate '/nonexistent/servercert.pem'" not in d.log_text():
            out += f"missing server certificate: exit {rc}, {d.log_text()!r}\n"
    finally:
        d.close()
    return out


def case_ssh_lifecycle(prog, name, query=""):
    def case():
        return lifecycle(prog, F.sshd.uri(query), F.dssh, name, run_fn=local_run)
    return case


def local_run(argv, timeout=90):
    r = subprocess.run(argv, capture_output=True, text=True, env=environ(),
                       stdin=subprocess.DEVNULL, timeout=timeout)
    return r.stdout, r.stderr, r.returncode


def case_ssh_readonly():
    """virsh -r over ssh: the helper's read-only socket; changes are
    refused by the daemon as for a local read-only client."""
    out = ""
    for prog in (UPSTREAM_VIRSH, VIRSH):
        o, e, rc = local_run([prog, "-r", "-c", F.sshd.uri(), "define",
                              F.dssh.domain("sshro")])
        if rc == 0 or "read only access prevents" not in e.lower() and \
                "read-only" not in e.lower():
            out += f"{os.path.basename(prog)} -r define: exit {rc} {o!r} {e!r}\n"
        o, e, rc = local_run([prog, "-r", "-c", F.sshd.uri(), "list", "--all"])
        if rc != 0:
            out += f"{os.path.basename(prog)} -r list: {e}\n"
    return out


def case_ssh_refused():
    """A key the host does not know: both clients fail, and say what ssh
    said."""
    bad = os.path.join(F.top, "badkey")
    run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", bad])
    uri = F.sshd.uri().replace(f"keyfile={F.sshd.key}", f"keyfile={bad}")
    out = ""
    for prog in (UPSTREAM_VIRSH, VIRSH):
        o, e, rc = local_run([prog, "-c", uri, "list"])
        if rc == 0 or "Permission denied" not in e:
            out += f"{os.path.basename(prog)} with a bad key: exit {rc} {e!r}\n"
    return out


def case_ssh_helper_errors():
    """Our virt-ssh-helper: a URI its host does not serve, and a daemon
    that is not there, are errors on stderr with exit status 1."""
    out = ""
    for args, want in ((["xen:///system"], "unsupported URI 'xen:///system'"),
                       (["qemu://otherhost/system"], "unsupported URI"),
                       (["qemu:///embed"], "unsupported URI")):
        r = subprocess.run([SSH_HELPER] + args, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, env=environ())
        if r.returncode != 1 or want not in r.stderr:
            out += f"virt-ssh-helper {args}: exit {r.returncode} {r.stderr!r}\n"
    r = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                        f"mount -t tmpfs none /run/libvirt-grace && exec {SSH_HELPER} qemu:///system"],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL, env=environ())
    if r.returncode != 1 or "Failed to connect socket to '/run/libvirt-grace/virtqemud-sock'" not in r.stderr:
        out += f"virt-ssh-helper without a daemon: exit {r.returncode} {r.stderr!r}\n"
    return out


FAKE_DAEMON = """
import socket, ssl, sys, threading
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
ctx.load_verify_locations(sys.argv[1])
ctx.verify_mode = ssl.CERT_OPTIONAL
# No TLS 1.3 session tickets (libvirt daemons send none): the first
# record after the handshake is the verdict byte.
ctx.num_tickets = 0
lsock = socket.socket()
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lsock.bind(("0.0.0.0", 16515))
lsock.listen(8)
print("ready", flush=True)
def serve(c):
    try:
        s = ctx.wrap_socket(c, server_side=True)
        s.sendall(b"\\x02")
        s.recv(1)
    except (OSError, ssl.SSLError):
        pass
while True:
    c, _ = lsock.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"""


# A TLS terminator in front of the daemon, as some sites put stunnel or
# haproxy: Python's TLS server, which sends TLS 1.3 session tickets
# after the handshake (libvirt's daemons send none), confirms with the
# byte, then relays to the daemon's UNIX socket.
TERMINATOR = """
import socket, ssl, sys, threading
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
ctx.load_verify_locations(sys.argv[1])
ctx.verify_mode = ssl.CERT_REQUIRED
lsock = socket.socket()
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lsock.bind(("0.0.0.0", 16516))
lsock.listen(8)
print("ready", flush=True)
def pump(a, b):
    try:
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    except (OSError, ssl.SSLError):
        pass
    for s in (a, b):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
def serve(c):
    try:
        s = ctx.wrap_socket(c, server_side=True)
        s.sendall(b"\\x01")
    except (OSError, ssl.SSLError):
        return
    u = socket.socket(socket.AF_UNIX)
    u.connect(sys.argv[4])
    threading.Thread(target=pump, args=(u, s), daemon=True).start()
    pump(s, u)
while True:
    c, _ = lsock.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"""


def case_tls_terminator():
    """Our client reads past TLS 1.3 session tickets (Debian's fails on
    them with "Resource temporarily unavailable": the record is read as
    the confirmation)."""
    term = subprocess.Popen(["ip", "netns", "exec", F.net.hosts[0], DEBIAN_PYTHON, "-c",
                             TERMINATOR, F.tls1[0], F.tls1[1], F.tls1[2], F.d1.rw],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    out = ""
    try:
        if term.stdout.readline() != "ready\n":
            return "the terminator did not start"
        o, e, rc = client_run([VIRSH, "-c", tls_uri(F.pki_good, port=16516), "list", "--all"])
        if rc != 0 or "Id   Name" not in o:
            out += f"our virsh through a terminator that sends tickets: exit {rc} {e!r}\n"
    finally:
        term.kill()
        term.wait()
        term.stdout.close()
    return out


def case_connect_errors():
    """Nothing listening, a name that does not resolve, a certificate
    naming another host, a pkipath without a CA: the same words from
    Debian's virsh and ours."""
    out = refused_both(tls_uri(F.pki_good, port=1),
                       "unable to connect to server at 'host1:1': Connection refused",
                       "nothing listening")
    out += refused_both(tls_uri(F.pki_good, host="nosuchhost.invalid"),
                        "Unable to resolve address 'nosuchhost.invalid' service '16514'",
                        "unresolvable host")
    # host1's address under another name: the certificate names host1.
    out += refused_both(tls_uri(F.pki_good, host="alias1"),
                        "authentication failed: Failed to verify peer's certificate",
                        "certificate of another host")
    # A daemon that completes the handshake, then answers the client's
    # certificate with anything but the confirmation byte.
    fake = subprocess.Popen(["ip", "netns", "exec", F.net.hosts[2], DEBIAN_PYTHON, "-c",
                             FAKE_DAEMON, F.tls3[0], F.tls3[1], F.tls3[2]],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        if fake.stdout.readline() != "ready\n":
            out += "the fake daemon did not start\n"
        else:
            out += refused_both(tls_uri(F.pki_good, host="host3", port=16515),
                                "server verification (of our certificate or IP address) failed",
                                "a daemon that does not confirm")
    finally:
        fake.kill()
        fake.wait()
        fake.stdout.close()
    empty = os.path.join(F.top, "emptypki")
    os.makedirs(empty, exist_ok=True)
    out += refused_both(tls_uri(empty), f"Cannot read CA certificate '{empty}/cacert.pem'",
                        "no CA file")
    return out


def case_tls_readonly():
    """virsh -r over TLS: the daemon opens a read-only connection."""
    out = ""
    xml = F.d1.domain("tlsro")
    for prog in (UPSTREAM_VIRSH, VIRSH):
        o, e, rc = client_run([prog, "-r", "-c", tls_uri(F.pki_good), "define", xml])
        if rc == 0 or "read only access prevents virDomainDefineXML" not in e:
            out += f"{os.path.basename(prog)} -r define over TLS: exit {rc} {o!r} {e!r}\n"
    if "tlsro" in daemon_domains(F.d1):
        out += "a read-only TLS client defined a domain\n"
    return out


GARBAGE = """
import socket, struct, sys
s = socket.create_connection(("host1", 16514), 10)
s.settimeout(10)
# A libvirt frame (AUTH_LIST) where a TLS ClientHello belongs.
s.sendall(struct.pack(">IIIiiIi", 28, 0x20008086, 1, 66, 0, 0, 0))
try:
    data = s.recv(4096)
except OSError:
    data = b""
# Whatever TLS says back (an alert at most), never a libvirt reply.
print("reply" if len(data) >= 28 and data[4:8] == bytes.fromhex("20008086") else "refused")
"""


def case_plain_frames_on_tls_port():
    """Plain libvirt frames sent to the TLS port get no answer but a TLS
    alert and a closed connection; the daemon goes on serving."""
    o, e, rc = client_run([DEBIAN_PYTHON, "-c", GARBAGE])
    if rc != 0 or o != "refused\n":
        return f"plain frames on the TLS port: exit {rc} {o!r} {e!r}"
    o, e, rc = client_run([VIRSH, "-c", tls_uri(F.pki_good), "uri"])
    if rc != 0:
        return f"the daemon after plain frames: {e}"
    return ""


def case_revoked():
    """A client certificate the CA revoked (crl_file) is refused; the
    daemon's own certificate broken in each way is named at start."""
    out = ""
    d = NetDaemon(F.net.hosts[1], tls=F.tls2,
                  conf=f'crl_file = "{F.crl}"\n')
    try:
        d.start()
        o, e, rc = client_run([VIRSH, "-c", tls_uri(F.pki_revoked, host="host2"), "uri"])
        if rc == 0 or "Unable to read TLS confirmation" not in e:
            out += f"revoked certificate: exit {rc} {e!r}\n"
        if "The certificate has been revoked." not in d.log_text():
            out += f"the daemon's log does not say revoked: {d.log_text()[-500:]!r}\n"
        o, e, rc = client_run([VIRSH, "-c", tls_uri(F.pki_good, host="host2"), "uri"])
        if rc != 0:
            out += f"a good certificate with a CRL in place: {e}\n"
    finally:
        d.close()
    garbage = os.path.join(F.top, "garbage.pem")
    with open(garbage, "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    for tls, want in (
            ((F.tls2[0], F.tls2[1], "/nonexistent/key.pem"),
             "Cannot read private key '/nonexistent/key.pem'"),
            ((F.tls2[0], F.tls_expired[1], F.tls_expired[2]),
             f"The server certificate {F.tls_expired[1]} has expired"),
            ((F.tls2[0], F.tls_foreign[1], F.tls_foreign[2]),
             f"Our own certificate {F.tls_foreign[1]} failed validation against {F.tls2[0]}: The certificate hasn't got a known issuer."),
            ((F.tls2[0], garbage, F.tls2[2]), f"Unable to import certificate {garbage}: "),
            (("/nonexistent/ca.pem", F.tls2[1], F.tls2[2]),
             "Cannot read CA certificate '/nonexistent/ca.pem'")):
        d = NetDaemon(F.net.hosts[1], tls=tls)
        try:
            d.start(wait=False)
            rc = d.proc.wait(20)
            if rc != 1 or want not in d.log_text():
                out += f"{tls}: exit {rc}, {d.log_text()[-400:]!r}, wanted {want!r}\n"
        finally:
            d.close()
    d = NetDaemon(F.net.hosts[1], tls=F.tls2, conf=f'crl_file = "{garbage}"\n')
    try:
        d.start(wait=False)
        rc = d.proc.wait(20)
        if rc != 1 or "Unable to set x509 certificate revocation list" not in d.log_text():
            out += f"a broken CRL: exit {rc}, {d.log_text()[-400:]!r}\n"
    finally:
        d.close()
    return out


def case_uri_params():
    """Bad URI parameters are refused before anything is dialled."""
    out = ""
    for uri, want in ((tls_uri(F.pki_good, query="no_verify=yes"),
                       "Query parameter 'no_verify' has unexpected value 'yes' (should be 0 or 1)"),
                      ("qemu+tls://host1/other", "unexpected QEMU URI path '/other'"),
                      ("qemu+tcp://host1/system", "transport 'tcp' is not supported"),
                      (F.sshd.uri("socket=/run/it's"),
                       "a qemu+ssh URI must not contain a single quote")):
        o, e, rc = client_run([VIRSH, "-c", uri, "uri"])
        if rc == 0 or want not in e:
            out += f"{uri}: exit {rc} {e!r}\n"
    # no_verify=1: a daemon certificate our CA did not sign is let
    # through (our own certificate must still be good for the daemon).
    o, e, rc = client_run([VIRSH, "-c", tls_uri(F.pki_otherca_ownok, query="no_verify=1"), "uri"])
    if rc != 0:
        out += f"no_verify=1: {e}\n"
    return out


def main():
    become_subreaper()
    for prog in (UPSTREAM_VIRSH, VIRTQEMUD, CERTTOOL, SSHD, DEBIAN_PYTHON, SSH_HELPER):
        if not os.access(prog, os.X_OK):
            print(f"Bail out! {prog} is missing")
            return 1
    if os.geteuid() != 0:
        print("1..0 # SKIP network namespaces and sshd need root")
        return 0
    F.top = tempfile.mkdtemp(prefix="lvgtls-", dir="/tmp")
    F.net = None
    F.d1 = F.dssh = F.sshd = None
    try:
        ca = PKI(F.top, "ca")
        other = PKI(F.top, "other")
        F.tls1 = ca.server("host1", Netns.ip(1))
        F.tls2 = ca.server("host2", Netns.ip(2))
        F.tls3 = ca.server("host3", Netns.ip(3))
        F.tls_expired = ca.server("host2", Netns.ip(2), expired=True)
        F.tls_foreign = other.server("host2", Netns.ip(2))
        F.pki_revoked = ca.client("client-revoked")
        F.crl = ca.revoke(os.path.join(F.pki_revoked, "clientcert.pem"))
        F.pki_good = ca.client("client1")
        F.pki_intruder = ca.client("intruder")
        F.pki_expired = ca.client("client-old", expired=True)
        F.pki_otherca = other.client("client1")
        F.pki_foreign = other.client("client-foreign", trust=ca)
        F.pki_otherca_ownok = ca.client("client-nv", trust=ca)
        # no_verify: trusts the other CA for the daemon, but its own
        # certificate (ours) must pass the sanity check against that
        # CA file; keep both CAs in it.
        with open(os.path.join(F.pki_otherca_ownok, "cacert.pem"), "a") as f:
            with open(other.cacert) as o:
                f.write(o.read())
        F.net = Netns(3)
        F.d1 = NetDaemon(F.net.hosts[0], tls=F.tls1, conf=ALLOWED_DN).start()
        F.dssh = NetDaemon(listen=False)
        F.dssh.conf = f'unix_sock_dir = "{F.dssh.root}/sock"\n'
        F.dssh.rw = os.path.join(F.dssh.root, "sock", "virtqemud-sock")
        F.dssh.uri = f"qemu+unix:///system?socket={F.dssh.rw}"
        os.makedirs(os.path.join(F.dssh.root, "sock"))
        F.dssh.start()
        F.sshd = Sshd(F.top, os.path.join(F.dssh.root, "sock"), free_port())

        cases = {
            "Debian's virsh over qemu+tls: define, start, destroy --graceful, undefine":
                case_tls_lifecycle(UPSTREAM_VIRSH, "tlsdeb"),
            "our virsh over qemu+tls: the same": case_tls_lifecycle(VIRSH, "tlsours"),
            "python3-libvirt over qemu+tls: the same": case_tls_python,
            "a DN not in tls_allowed_dn_list is refused before any procedure": case_dn_refused,
            "wrong CA refused, both ways": case_wrong_ca,
            "an expired client certificate is refused": case_expired,
            "the client's first bytes are a TLS ClientHello (Debian's virsh and ours)":
                case_wire_first_bytes,
            "no network listener without --listen": case_no_listen,
            "plain TCP without authentication refused at start; bad TLS settings named":
                case_plain_tcp_refused,
            "URI parameters: no_verify, bad values, unknown transports": case_uri_params,
            "connection errors: nothing listening, no such host, another host's certificate, no CA":
                case_connect_errors,
            "virsh -r over qemu+tls is read-only": case_tls_readonly,
            "our client reads past TLS 1.3 session tickets (a TLS terminator in front)":
                case_tls_terminator,
            "plain frames on the TLS port are refused, the daemon goes on": case_plain_frames_on_tls_port,
            "a revoked client certificate (crl_file); broken daemon credentials named at start":
                case_revoked,
            "Debian's virsh over qemu+ssh (our virt-ssh-helper on the far end)":
                case_ssh_lifecycle(UPSTREAM_VIRSH, "sshdeb"),
            "our virsh over qemu+ssh": case_ssh_lifecycle(VIRSH, "sshours"),
            "our virsh over qemu+ssh with socket= and netcat= (nc on the far end)":
                case_ssh_lifecycle(VIRSH, "sshnc",
                                   "socket=/run/libvirt-grace/virtqemud-sock&netcat=nc"),
            "Debian's virsh over qemu+ssh with socket= and netcat=":
                case_ssh_lifecycle(UPSTREAM_VIRSH, "sshncdeb",
                                   "socket=/run/libvirt-grace/virtqemud-sock&netcat=nc"),
            "virsh -r over qemu+ssh is read-only": case_ssh_readonly,
            "qemu+ssh with a key the host refuses": case_ssh_refused,
            "virt-ssh-helper's own errors": case_ssh_helper_errors,
        }
        return run_cases(cases, jobs=3)
    finally:
        for obj in (F.sshd, F.d1, F.dssh):
            if obj is not None:
                obj.close()
        if F.net is not None:
            F.net.close()
        remove_tree(F.top)


if __name__ == "__main__":
    main_guard(main)
