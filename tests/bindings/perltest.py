#!/usr/bin/env python3
# perltest.py: runs perltest.pl (Debian's Sys::Virt on our library) in a
# root of its own, as the subreaper of its QEMUs, and checks that none
# is left behind.  Prints TAP (perltest.pl's cases, then its own).
#
#   perltest.py LIBDIR
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bindingutils as bu  # noqa: E402


def main():
    libdir = os.path.abspath(sys.argv[1])
    env = bu.Environment()
    try:
        penv = dict(os.environ, LD_LIBRARY_PATH=libdir)
        for k in ("LD_PRELOAD", "LIBVIRT_DEFAULT_URI", "PERL5LIB"):
            penv.pop(k, None)
        # A library built with ASan (./run sanitize) needs its runtime
        # loaded first in a program that was not built with it; perl's
        # own allocations are not ours to check.
        asan = bu.sanitizer_runtime(os.path.join(libdir, "libvirt.so.0"))
        if asan:
            penv["LD_PRELOAD"] = asan
            penv["ASAN_OPTIONS"] = penv.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
        proc = subprocess.run(["/usr/bin/perl", os.path.join(HERE, "perltest.pl"),
                               env.root, bu.UUIDS[2]],
                              env=penv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, timeout=240)
        out = proc.stdout
        rc = proc.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or "") + "\n# perltest.pl timed out\n"
        rc = 1
    finally:
        leftovers = env.cleanup()
    count = 0
    for line in out.splitlines():
        if re.match(r"^1\.\.\d+$", line):
            continue
        m = re.match(r"^(ok|not ok) \d+ (.*)$", line)
        if m:
            count += 1
            print("%s %d %s" % (m.group(1), count, m.group(2)))
        else:
            print(line if line.startswith("#") else "# " + line)
    count += 1
    print("%s %d - perltest.pl exited 0" % ("ok" if rc == 0 else "not ok", count))
    count += 1
    print("%s %d - no QEMU left behind" % ("not ok" if leftovers else "ok", count))
    for pid in leftovers:
        print("# pid %d" % pid)
    print("1..%d" % count)
    return 1 if rc != 0 or leftovers else 0


if __name__ == "__main__":
    sys.exit(main())
