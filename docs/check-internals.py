#!/usr/bin/env python3
#
# check-internals.py: every function and file docs/internals.rst names
# exists in the sources
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#

import os
import re
import sys

doc, srcdir = sys.argv[1], sys.argv[2]
with open(doc) as f:
    text = f.read()

sources = {}
for dirpath, _, files in os.walk(srcdir):
    for name in files:
        if name.endswith((".c", ".h")):
            with open(os.path.join(dirpath, name), errors="replace") as f:
                sources[os.path.relpath(os.path.join(dirpath, name), srcdir)] = f.read()
code = "\n".join(sources.values())

names = sorted(set(re.findall(r"``((?:qemu|vir)[A-Z]\w+)``", text)))
files = sorted(set(re.findall(r"``src/([\w/]+\.[ch])``", text)))
cases = [(f"{n} exists", re.search(r"\b%s\b" % re.escape(n), code) is not None)
         for n in names]
cases += [(f"src/{p} exists", p in sources) for p in files]
print(f"1..{len(cases)}")
failed = 0
for i, (title, ok) in enumerate(cases, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {title}")
    failed += not ok
sys.exit(1 if failed else 0)
