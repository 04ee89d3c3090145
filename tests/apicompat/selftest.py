#!/usr/bin/env python3
# selftest.py: do the header checks catch what they are meant to catch?
#
# Runs each header check against deliberately wrong header trees under
# data/ and compares what it reports with a golden file beside them:
#   data/mismatch/     wrong values, layouts and types (check-values,
#                      check-layout, check-prototypes)
#   data/unhygienic/   headers that do not stand alone (check-hygiene),
#                      and that cannot even be preprocessed (the others)
# plus an include directory without libvirt/ headers at all.  Each run
# must fail; lines the compiler wrote (indented by the checks) are left
# out of the comparison, so that only our own findings are pinned.
#
# VIR_TEST_REGENERATE_OUTPUT=1 rewrites the golden files; read the diff
# before committing it.
#
# Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import difflib
import os
import re
import subprocess
import sys

import apicompat

DATA = os.path.join(apicompat.HERE, "data")

# (check, include directory under data/ or a special one, golden file)
CASES = [
    ("check-values.py", "mismatch", "mismatch-values.out"),
    ("check-layout.py", "mismatch", "mismatch-layout.out"),
    ("check-prototypes.py", "mismatch", "mismatch-prototypes.out"),
    ("check-hygiene.py", "unhygienic", "unhygienic-hygiene.out"),
    ("check-values.py", "unhygienic", "unhygienic-values.out"),
    ("check-layout.py", "unhygienic", "unhygienic-layout.out"),
    ("check-prototypes.py", "unhygienic", "unhygienic-prototypes.out"),
    ("check-values.py", "@nolibvirt", "nolibvirt-values.out"),
    ("check-hygiene.py", "@subonly", "subonly-hygiene.out"),
]


# Headers the parser must refuse rather than misread, and the check that
# reads them: (check, libvirt.h text, what it must say).
PARSER_CASES = [
    ("check-prototypes.py", "int virFoo(void) @;\n", "cannot read '@;'"),
    ("check-prototypes.py", "int virFoo(void;\n", "declaration never ends: int virFoo(void;"),
    ("check-prototypes.py", "enum { = 3 };\n", "unexpected '=' in an enum"),
    ("check-layout.py", "struct _virFoo { struct { int a; }; };\n", "anonymous member"),
    ("check-layout.py", "struct _virFoo { int; };\n", "cannot find the field name in 'int'"),
    ("check-values.py", "# define VIR_UUID_BUFLEN (16 +)\n",
     "cannot build the values-ours probe against"),
]


def normalize(text, replacements):
    lines = []
    for line in text.splitlines():
        if line.startswith("#   "):
            continue
        for old, new in replacements:
            line = line.replace(old, new)
        line = re.sub(r"/tmp/apicompat-[^/\s]+", "@TMP@", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def special_dir(scratch, name):
    """An include directory built here: @nolibvirt has no libvirt/
    directory, @subonly only a header applications may not include."""
    path = os.path.join(scratch.path, name[1:])
    os.makedirs(path)
    if name == "@subonly":
        os.makedirs(os.path.join(path, "libvirt"))
        scratch.write(os.path.join(name[1:], "libvirt", "libvirt-sub.h"),
                      "#error \"Include <libvirt/libvirt.h> rather than this file\"\n")
    return path


def run_case(tap, scratch, check, incdir, golden):
    if incdir.startswith("@"):
        path = special_dir(scratch, incdir)
    else:
        path = os.path.join(DATA, incdir)
    proc = subprocess.run([sys.executable, os.path.join(apicompat.HERE, check),
                           "--ours", path],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    actual = normalize(proc.stdout, [(path, "@" + incdir.lstrip("@")), (DATA, "@DATA@")])
    golden_path = os.path.join(DATA, golden)
    title = "%s on %s reports what %s says" % (check, incdir.lstrip("@"), golden)
    if os.environ.get("VIR_TEST_REGENERATE_OUTPUT") == "1":
        with open(golden_path, "w") as f:
            f.write(actual)
    try:
        with open(golden_path) as f:
            expected = f.read()
    except OSError as e:
        tap.result(False, title, ["cannot read %s: %s" % (golden_path, e.strerror)])
        return
    diags = []
    if proc.returncode == 0:
        diags.append("%s succeeded; it must fail" % check)
    if actual != expected:
        diags.extend(l.rstrip("\n") for l in
                     difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                          golden, "actual"))
    tap.result(not diags, title, diags)


def run_parser_case(tap, scratch, index, check, text, want):
    incdir = os.path.join(scratch.path, "parser%d" % index)
    os.makedirs(os.path.join(incdir, "libvirt"))
    scratch.write(os.path.join(incdir, "libvirt", "libvirt.h"), text)
    proc = subprocess.run([sys.executable, os.path.join(apicompat.HERE, check),
                           "--ours", incdir],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    found = proc.returncode != 0 and any(
        l.startswith("# ") and want in l for l in proc.stdout.splitlines())
    tap.result(found, "%s refuses %r: %s" % (check, text.strip(), want),
               ["wanted a failure saying %r; got (exit %d):" % (want, proc.returncode)] +
               proc.stdout.splitlines())


def main():
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    try:
        used = set()
        for check, incdir, golden in CASES:
            run_case(tap, scratch, check, incdir, golden)
            used.add(golden)
        for i, (check, text, want) in enumerate(PARSER_CASES):
            run_parser_case(tap, scratch, i, check, text, want)
        orphans = sorted(n for n in os.listdir(DATA)
                         if n.endswith(".out") and n not in used)
        tap.result(not orphans, "every golden file in data/ belongs to a case",
                   ["%s: orphaned" % n for n in orphans])
    finally:
        scratch.cleanup()
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
