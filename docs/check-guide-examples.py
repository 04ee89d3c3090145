#!/usr/bin/env python3
# check-guide-examples.py: do the C examples of a guide build?
#
#   check-guide-examples.py GUIDE.rst INCLUDEDIR LIBRARY
#
# Each ".. code-block:: c" of GUIDE.rst is compiled as a program with
# the project's warnings as errors, against the headers in INCLUDEDIR,
# and linked with LIBRARY (libvirt.so.0 of the build tree).  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shlex
import subprocess
import sys
import tempfile


def examples(text):
    """The bodies of the guide's C code blocks, unindented."""
    found = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if re.match(r"^\.\. code-block:: c\s*$", lines[i]):
            i += 1
            body = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
                body.append(lines[i][4:])
                i += 1
            found.append("\n".join(body).strip() + "\n")
        else:
            i += 1
    return found


def main():
    guide, includedir, library = sys.argv[1:4]
    with open(guide, encoding="utf-8") as f:
        blocks = examples(f.read())
    cc = shlex.split(os.environ.get("CC", "cc"))
    n = 0
    failed = 0
    if not blocks:
        n += 1
        failed += 1
        print("not ok 1 - %s has C examples" % os.path.basename(guide))
    with tempfile.TemporaryDirectory(prefix="guide-examples-") as tmp:
        for i, code in enumerate(blocks, 1):
            src = os.path.join(tmp, "example%d.c" % i)
            with open(src, "w") as f:
                f.write(code)
            cmd = cc + ["-std=gnu11", "-Wall", "-Wextra", "-Werror",
                        "-I", includedir, "-o", os.path.join(tmp, "example%d" % i),
                        src, library]
            proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            n += 1
            first = code.splitlines()[0]
            if proc.returncode == 0:
                print("ok %d - C example %d (%s) builds" % (n, i, first))
            else:
                failed += 1
                print("not ok %d - C example %d (%s) builds" % (n, i, first))
                for line in proc.stdout.splitlines():
                    print("# " + line)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
