#!/usr/bin/env python3
# compare-probe.py LIBDIR: do our entry points check their arguments as
# Debian's do?
#
# Builds the program gen-probe.py writes against Debian's libvirt-dev
# and runs it twice: on Debian's libvirt.so.0 with test:///default, and,
# unchanged, on ours (LD_LIBRARY_PATH=LIBDIR) with a fresh
# qemu:///embed root holding one defined domain.  For every function and
# every probe both runs made (a handle NULL, a pointer NULL, an integer
# negative or zero, all flag bits, a read-only connection, ...):
#   - where Debian's entry point refused the call itself (a bad handle,
#     a read-only connection, a bad argument), ours must refuse it with
#     the same code, error domain and message;
#   - where Debian's reported that its driver lacks the call, ours may
#     say the same or go on to its driver;
#   - where Debian's reached its driver (test:///default), ours must not
#     refuse the call at the entry point;
#   - ours never crashes (Debian's does on a few NULL pointers it does
#     not check; those probes are only required not to crash ours), except
#     where the probe hands a *Free function memory no call allocated.
# Prints TAP: one case per header of Debian's.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile

import apicompat

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
gen_probe = __import__("gen-probe")

# Codes an entry point reports when it refuses a call before reaching a
# driver: the bad-handle codes, read-only denial, and (from the entry
# point's own error domain) invalid arguments.
HANDLE_CODES = {6, 7, 36, 46, 47, 52, 58, 61, 65, 71, 73, 100, 102, 105}
OPERATION_DENIED = 29
INVALID_ARG = 8
NO_SUPPORT = 3

DOMAIN_XML = """<domain type='qemu'>
  <name>probe</name>
  <uuid>5e1a7c3d-2b9f-4e60-8a41-c7d2f0b93e18</uuid>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><memballoon model='none'/></devices>
</domain>
"""


def parse(text):
    """{(function, probe): (kind, code, domain, message)}."""
    ret = {}
    for line in text.splitlines():
        m = re.match(r"^(\w+) ([^:]+): (.*)$", line)
        if not m:
            continue
        func, probe, res = m.groups()
        e = re.match(r"^error (-?\d+) (-?\d+) (.*)$", res)
        if e:
            ret[(func, probe)] = ("error", int(e.group(1)), int(e.group(2)), e.group(3))
        else:
            ret[(func, probe)] = (res, None, None, None)
    return ret


def refused(result, func):
    """Whether @result is an entry point refusing the call (not counting
    a missing driver member): a bad handle, a read-only connection, or
    one of the argument messages entry points use."""
    kind, code, domain, message = result
    if kind != "error":
        return False
    if code in HANDLE_CODES or code == OPERATION_DENIED:
        return True
    if code != INVALID_ARG:
        return False
    return bool(re.search(r" in %s must " % func, message) or
                "are mutually exclusive" in message or message == "Invalid UUID")


def compare(func, probe, theirs, ours):
    """A problem, or None."""
    if (func.endswith("Free") or func == "virFreeError") and probe in ("rw", "ro"):
        # The probe hands a release function memory no library call
        # allocated: undefined for any implementation.
        return None
    if ours[0] in ("crash", "timeout", "exit"):
        return "%s %s: ours ended with %s (theirs: %s)" % (func, probe, ours[0], show(theirs))
    if theirs[0] in ("crash", "timeout", "exit"):
        return None
    if refused(theirs, func):
        if ours != theirs:
            return "%s %s: ours %s, theirs %s" % (func, probe, show(ours), show(theirs))
        return None
    if refused(ours, func):
        return "%s %s: ours refuses (%s), theirs went on (%s)" % (
            func, probe, show(ours), show(theirs))
    return None


def show(result):
    kind, code, domain, message = result
    if kind != "error":
        return kind
    return "[%d/%d] %r" % (code, domain, message)


def run_probe(exe, uri, env, extra=()):
    proc = subprocess.run([exe, uri] + list(extra), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=600)
    if proc.returncode != 0:
        raise apicompat.CheckError("the probe failed on %s:\n%s" %
                                   (uri, apicompat.indent(proc.stderr)))
    return proc.stdout


def main():
    if len(sys.argv) != 2:
        print("usage: compare-probe.py LIBDIR", file=sys.stderr)
        return 2
    libdir = os.path.abspath(sys.argv[1])
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    root = tempfile.mkdtemp(prefix="lvgprobe-", dir="/tmp")
    try:
        src = os.path.join(scratch.path, "probe.c")
        subprocess.run([sys.executable, os.path.join(HERE, "gen-probe.py"), src], check=True)
        exe = os.path.join(scratch.path, "probe")
        rc, out, err = apicompat.run(apicompat.compiler("CC", "gcc") +
                                     ["-std=gnu11", "-w", "-o", exe, src, "-lvirt"])
        if rc != 0:
            raise apicompat.CheckError("cannot build the probe:\n" + apicompat.indent(err))
        env = dict(os.environ)
        for k in ("LD_LIBRARY_PATH", "LIBVIRT_DEFAULT_URI", "LIBVIRT_DEBUG"):
            env.pop(k, None)
        theirs = parse(run_probe(exe, "test:///default", env))
        xml = scratch.write("domain.xml", DOMAIN_XML)
        env["LD_LIBRARY_PATH"] = libdir
        ours = parse(run_probe(exe, "qemu:///embed?root=" + root, env, [xml]))

        decls = apicompat.declarations(apicompat.UPSTREAM_INCLUDE, ["libvirt.h", "virterror.h"])
        per_header = {}
        for (func, probe), res in sorted(theirs.items()):
            header = os.path.basename(decls.files.get(func, "other"))
            entry = per_header.setdefault(header, [0, []])
            if (func, probe) not in ours:
                continue
            entry[0] += 1
            problem = compare(func, probe, res, ours[(func, probe)])
            if problem:
                entry[1].append(problem)
        for (func, probe), res in sorted(ours.items()):
            if res[0] in ("crash", "timeout") and (func, probe) not in theirs:
                header = os.path.basename(decls.files.get(func, "other"))
                per_header.setdefault(header, [0, []])[1].append(
                    "%s %s: ours ended with %s" % (func, probe, res[0]))
        for header in sorted(per_header):
            count, problems = per_header[header]
            tap.result(count > 0 and not problems,
                       "%s: %d probes, our entry points answer as Debian's" % (header, count),
                       problems or ["no probe could be compared"])
    except (apicompat.CheckError, subprocess.SubprocessError) as e:
        tap.result(False, "the probes could run", str(e).splitlines())
    finally:
        scratch.cleanup()
        shutil.rmtree(root, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
