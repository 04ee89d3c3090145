#!/usr/bin/env python3
#
# remotefleettest.py: three virtqemud hosts, each in a network namespace
# of its own, managed over qemu+tls:// by one client program
# (python3-libvirt, on Debian's library and on ours): every host's
# domains listed, one domain on each stopped gracefully, in parallel;
# then one host's link goes down under a call, and keepalive ends that
# connection (client side and daemon side) within its bound while the
# other hosts go on answering.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import json

from remotenetutils import *

# Keepalive of the client (virConnectSetKeepAlive) and of the daemons
# (virtqemud.conf): a dead peer is declared after `count` unanswered
# PINGs, one per `interval` of silence: (count + 1) x interval of
# silence at most, upstream's rule.
KA_INTERVAL = 1
KA_COUNT = 2
KA_BOUND = (KA_COUNT + 1) * KA_INTERVAL
# What may come on top of the bound: the call in flight started up to a
# second before the link went down, scheduling on a shared machine.
KA_SLACK = 2.0

FLEET_CLIENT = r"""
import json, sys, threading, time
import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()

interval, count = int(sys.argv[1]), int(sys.argv[2])
hosts = sys.argv[3].split(",")
pki = sys.argv[4]
xmls = sys.argv[5].split(",")
report = {}

conns = []
for h in hosts:
    c = libvirt.open(f"qemu+tls://{h}/system?pkipath={pki}")
    if c.setKeepAlive(interval, count) != 0:
        raise SystemExit(f"{h}: keepalive not supported")
    conns.append(c)

# Start one domain on each host, then list every host's domains.
doms = []
for c, x in zip(conns, xmls):
    d = c.defineXML(open(x).read())
    d.create()
    doms.append(d)
report["listed"] = [sorted((d.name(), d.state()[0]) for d in c.listAllDomains())
                    for c in conns]

# Stop one domain on each host gracefully, all at once.
errors = []
def stop(d):
    try:
        d.destroyFlags(libvirt.VIR_DOMAIN_DESTROY_GRACEFUL)
    except libvirt.libvirtError as e:
        errors.append(str(e))
threads = [threading.Thread(target=stop, args=(d,)) for d in doms]
t0 = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
report["stop_errors"] = errors
report["after_stop"] = [d.state()[0] for d in doms]

# Host 2: calls one after another until its network goes away.
victim = doms[1]
result = {}
def hammer():
    n = 0
    while True:
        try:
            victim.state()
            n += 1
        except libvirt.libvirtError as e:
            result["code"] = e.get_error_code()
            result["message"] = e.get_error_message()
            result["at"] = time.monotonic()
            result["calls"] = n
            return
        if n == 20:
            print("calling", flush=True)
        time.sleep(0.01)
ht = threading.Thread(target=hammer, daemon=True)
ht.start()
if sys.stdin.readline() != "down\n":
    raise SystemExit("no word from the test")
down = time.monotonic()
ht.join(60)
report["stuck"] = ht.is_alive()
if not ht.is_alive():
    report["error"] = [result["code"], result["message"]]
    report["elapsed"] = result["at"] - down
report["alive"] = [c.isAlive() for c in conns]
report["lib"] = [l.split()[-1] for l in open("/proc/self/maps") if "libvirt.so" in l][0]
# The other hosts still answer.
report["others"] = [len(conns[i].listAllDomains()) for i in (0, 2)]
for i in (0, 2):
    doms[i].undefine()
print(json.dumps(report), flush=True)
"""


def fleet_case(our_library):
    def case():
        net = Netns(3, tag="o" if our_library else "d")
        top = tempfile.mkdtemp(prefix="lvgfleet-", dir="/tmp")
        daemons = []
        out = ""
        try:
            ca = PKI(top)
            pki = ca.client("client1")
            conf = (f"keepalive_interval = {KA_INTERVAL}\n"
                    f"keepalive_count = {KA_COUNT}\n")
            for n in (1, 2, 3):
                daemons.append(NetDaemon(net.hosts[n - 1],
                                         tls=ca.server(f"host{n}", Netns.ip(n)),
                                         conf=conf).start())
            xmls = [d.domain(f"fleet{n}") for n, d in enumerate(daemons, 1)]
            env = environ()
            if our_library:
                env["LD_LIBRARY_PATH"] = os.path.join(BUILDDIR, "..", "src")
            client = subprocess.Popen(
                net.in_client([DEBIAN_PYTHON, "-c", FLEET_CLIENT, str(KA_INTERVAL),
                               str(KA_COUNT), "host1,host2,host3", pki, ",".join(xmls)]),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, env=env)
            try:
                line = client.stdout.readline()
                if line != "calling\n":
                    client.kill()
                    return f"the client program: {line!r} {client.stderr.read()!r}"
                net.link(2, False)
                down = time.monotonic()
                client.stdin.write("down\n")
                client.stdin.flush()
                o, e = client.communicate(timeout=60)
            finally:
                if client.poll() is None:
                    client.kill()
                    client.wait()
            if client.returncode != 0:
                return f"the client program: exit {client.returncode}: {e}"
            r = json.loads(o)
            want_lib = os.path.realpath(os.path.join(BUILDDIR, "..", "src")) \
                if our_library else "/usr/lib/x86_64-linux-gnu"
            if os.path.dirname(r["lib"]) != want_lib:
                out += f"the client program ran on {r['lib']}, not a library in {want_lib}\n"
            sys.stderr.write(f"keepalive error after {r.get('elapsed', -1):.2f} s "
                             f"(bound {KA_BOUND} s)\n")
            want_list = [[[f"fleet{n}", 1]] for n in (1, 2, 3)]
            if r["listed"] != want_list:
                out += f"listed {r['listed']}, wanted {want_list}\n"
            if r["stop_errors"] or r["after_stop"] != [5, 5, 5]:
                out += f"graceful stops: {r['stop_errors']} states {r['after_stop']}\n"
            if r["stuck"]:
                return out + "the call to the host that went away never returned\n"
            code, msg = r["error"]
            if code != 1 or msg != "internal error: connection closed due to keepalive timeout":
                out += f"host 2's call failed with {code} {msg!r}\n"
            if r["elapsed"] > KA_BOUND + KA_SLACK:
                out += (f"keepalive took {r['elapsed']:.1f} s, bound "
                        f"{KA_BOUND} s + {KA_SLACK} s\n")
            if r["alive"] != [True, False, True]:
                out += f"isAlive: {r['alive']}\n"
            if r["others"] != [1, 1]:
                out += f"hosts 1 and 3 after host 2 went away: {r['others']}\n"
            # The daemon's side: the client went silent with the link,
            # and host 2's daemon dropped it within the same bound.
            deadline = down + KA_BOUND + KA_SLACK + 1
            while time.monotonic() < deadline and \
                    "keepalive timeout" not in daemons[1].log_text():
                time.sleep(0.1)
            if "keepalive timeout" not in daemons[1].log_text():
                out += "host 2's daemon did not drop the silent client\n"
            for d in (daemons[0], daemons[2]):
                if "keepalive timeout" in d.log_text():
                    out += "a daemon whose client is alive dropped it\n"
            # The stopped guests' QEMUs are gone.
            for n, d in enumerate(daemons, 1):
                if cleanup_qemus(d.root):
                    out += f"host {n}: QEMU left after the graceful stop\n"
        finally:
            for d in daemons:
                d.close()
            net.close()
            remove_tree(top)
        return out
    return case


def main():
    become_subreaper()
    for prog in (VIRTQEMUD, CERTTOOL, DEBIAN_PYTHON):
        if not os.access(prog, os.X_OK):
            print(f"Bail out! {prog} is missing")
            return 1
    if os.geteuid() != 0:
        print("1..0 # SKIP network namespaces need root")
        return 0
    cases = {
        "three hosts from one python3-libvirt program (Debian's library)": fleet_case(False),
        "three hosts from one python3-libvirt program (our library)": fleet_case(True),
    }
    return run_cases(cases, jobs=2)


if __name__ == "__main__":
    main_guard(main)
