#!/usr/bin/env python3
# check-hygiene.py: can applications include our public headers as they are?
#
# For each header an application may include directly:
#   - a C file that includes it (twice) compiles with
#     -std=c99 -Wall -Wextra -pedantic -Werror -Wstrict-prototypes,
#     with and without VIR_ENUM_SENTINELS;
#   - a C++ file that includes it and takes the address of every function
#     and variable it declares compiles with -Wall -Wextra -pedantic
#     -Werror, and the object refers to each by its plain C name, i.e. the
#     declarations have C linkage;
#   - it pulls in no libvirt/ header from outside our tree (which would
#     happen silently if ours included a header we do not ship).
# Each sub-header (one only libvirt.h may include) must refuse to be
# included on its own, as upstream's do.
#
# Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import sys

import apicompat

QUIET = ["-fno-diagnostics-show-caret"]
C_FLAGS = ["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror",
           "-Wstrict-prototypes"]
CXX_FLAGS = ["-Wall", "-Wextra", "-pedantic", "-Werror"]


def main():
    parser = apicompat.common_arguments(__doc__)
    args = parser.parse_args()
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    try:
        check(args, tap, scratch)
    except apicompat.CheckError as e:
        tap.result(False, "header hygiene could be checked", str(e).splitlines())
    finally:
        scratch.cleanup()
    return tap.finish()


def first_lines(text, count=4):
    """The start of a compiler's complaint, indented to set it apart from
    our own words."""
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return ["  " + l for l in lines[:count]]


def check(args, tap, scratch):
    public = apicompat.public_headers(args.ours)
    if not tap.result(bool(public), "our include directory has public headers",
                      ["no header in %s/libvirt may be included directly" % args.ours]):
        return
    cc = apicompat.compiler("CC", "gcc")
    cxx = apicompat.compiler("CXX", "g++")
    ours_root = os.path.join(os.path.realpath(args.ours), "libvirt") + os.sep

    for header in public:
        # ISO C wants a declaration in every file; a header may have none.
        src = scratch.write("c-" + header + ".c",
                            "#include <libvirt/%s>\n#include <libvirt/%s>\n"
                            "typedef int apicompat_nonempty;\n" % (header, header))
        problems = []
        for defines in ([], ["-DVIR_ENUM_SENTINELS"]):
            rc, out, err = apicompat.run(cc + C_FLAGS + defines + QUIET +
                                         ["-fsyntax-only", "-I", args.ours, src])
            if rc != 0:
                problems.append("with %s:" % " ".join(C_FLAGS + defines))
                problems.extend(first_lines(err))
        tap.result(not problems, "%s: compiles alone as strict C99" % header, problems)

        problems = []
        rc, out, err = apicompat.run(cc + QUIET + ["-M", "-I", args.ours, src])
        if rc != 0:
            problems.extend(first_lines(err))
        deps = out.replace("\\\n", " ").split(":", 1)[-1].split()
        for dep in deps:
            path = os.path.realpath(dep)
            if "/libvirt/" in path and not path.startswith(ours_root):
                problems.append("pulls in %s" % path)
        tap.result(not problems, "%s: includes no libvirt header from outside our tree" %
                   header, problems)

        try:
            decls = apicompat.declarations(args.ours, [header])
        except apicompat.CheckError as e:
            tap.result(False, "%s: compiles as C++" % header,
                       ["its declarations cannot be listed:"] + first_lines(str(e)))
            continue
        names = sorted(list(decls.functions) + list(decls.variables))
        text = "#include <libvirt/%s>\n" % header
        for i, name in enumerate(names):
            text += "decltype(&%s) apicompat_ref%d = &%s;\n" % (name, i, name)
        src = scratch.write("cxx-" + header + ".cc", text)
        obj = os.path.join(scratch.path, "cxx-" + header + ".o")
        rc, out, err = apicompat.run(cxx + CXX_FLAGS + QUIET +
                                     ["-std=c++11", "-c", "-I", args.ours, "-o", obj, src])
        if rc != 0:
            tap.result(False, "%s: compiles as C++" % header, first_lines(err))
            continue
        rc, out, err = apicompat.run(["nm", "-u", obj])
        if rc != 0:
            raise apicompat.CheckError("nm -u %s failed: %s" % (obj, err.strip()))
        undefined = {line.split()[-1] for line in out.splitlines() if line.strip()}
        problems = ["%s: has C++ linkage" % name for name in names if name not in undefined]
        if not names:
            problems.append("declares no function or variable to check")
        tap.result(not problems, "%s: compiles as C++ and gives its %d functions and "
                   "variables C linkage" % (header, len(names)), problems)

    for header in apicompat.all_headers(args.ours):
        if header in public:
            continue
        src = scratch.write("sub-" + header + ".c", "#include <libvirt/%s>\n" % header)
        rc, out, err = apicompat.run(cc + ["-fsyntax-only", "-I", args.ours, src])
        refused = rc != 0 and re.search(r"#error|error: #error", err) is not None
        tap.result(refused, "%s: refuses to be included without libvirt.h" % header,
                   [] if refused else ["it compiled, or failed without its #error"])


if __name__ == "__main__":
    sys.exit(main())
