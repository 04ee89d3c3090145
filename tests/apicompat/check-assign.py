#!/usr/bin/env python3
# check-assign.py LIB: can each public function of Debian's libvirt be
# taken, from our headers and our library, as a pointer of the type
# Debian's header declares?
#
# Generates one C file that includes our headers and, for every
# function Debian's libvirt.h and virterror.h declare, spells Debian's
# type and assigns our function to a pointer of it:
#
#   typedef int apicompat_t42(virDomainPtr dom, const char *disk, ...);
#   apicompat_t42 *apicompat_p42 = virDomainBlockResize;
#
# compiled with incompatible pointer types as errors, then linked with
# LIB and run, so that every function must be declared by us with
# Debian's type and defined by LIB.  The same for the exported variable.
# Prints TAP: one case per header of Debian's, one for the link.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys

import apicompat


def main():
    parser = apicompat.common_arguments(__doc__)
    parser.add_argument("library", metavar="LIB")
    args = parser.parse_args()
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    try:
        check(args, tap, scratch)
    except apicompat.CheckError as e:
        tap.result(False, "the functions could be assigned", str(e).splitlines())
    finally:
        scratch.cleanup()
    return tap.finish()


def check(args, tap, scratch):
    theirs = apicompat.declarations(args.theirs, ["libvirt.h", "virterror.h"])
    exported = apicompat.objdump_dynamic(apicompat.UPSTREAM_LIBRARY)
    names = sorted(n for n in theirs.functions
                   if n in exported and "PRIVATE" not in (exported[n][0] or ""))
    prologue = ("#include <libvirt/libvirt.h>\n#include <libvirt/virterror.h>\n"
                "#include <stdio.h>\n")
    first = prologue.count("\n") + 1
    lines = []
    keys = {}
    for i, name in enumerate(names):
        ftype = theirs.functions[name]
        ret, _, rest = ftype.partition(" (")
        if not rest:
            ret, _, rest = ftype.partition("(")
        decl = "typedef %s apicompat_t%d(%s;" % (ret, i, rest)
        keys[first + len(lines)] = name
        lines.append(decl + " apicompat_t%d *apicompat_p%d = %s;" % (i, i, name))
    variables = sorted(n for n in theirs.variables if n in exported)
    for i, name in enumerate(variables):
        keys[first + len(lines)] = name
        lines.append("__typeof__(%s) *apicompat_v%d = &%s;" % (name, i, name))
    body = "int main(void)\n{\n    int missing = 0;\n"
    for i, name in enumerate(names):
        body += "    missing += apicompat_p%d == 0;\n" % i
    body += "    printf(\"%d\\n\", missing);\n    return missing != 0;\n}\n"
    src = scratch.write("assign.c", prologue + "\n".join(lines) + "\n" + body)

    argv = apicompat.compiler("CC", "gcc") + [
        "-std=gnu11", "-c", "-Werror=incompatible-pointer-types",
        "-Werror=implicit-function-declaration", "-Wno-deprecated-declarations",
        "-fno-diagnostics-show-caret", "-I", args.ours, "-o",
        os.path.join(scratch.path, "assign.o"), src]
    rc, out, err = apicompat.run(argv)
    failures = {}
    other = []
    for line in err.splitlines():
        m = apicompat._DIAG_RE.match(line)
        if not m:
            continue
        key = keys.get(int(m.group(1)))
        if key is None:
            other.append(line)
        else:
            failures.setdefault(key, []).append(m.group(2))
    if rc != 0 and not failures:
        raise apicompat.CheckError("the assignment probe does not compile:\n" +
                                   apicompat.indent(err))

    per_header = {}
    for name in names + variables:
        header = os.path.basename(theirs.files[name])
        per_header.setdefault(header, []).append(name)
    for header in sorted(per_header):
        bad = ["%s: %s" % (n, "; ".join(failures[n])) for n in per_header[header]
               if n in failures]
        tap.result(not bad, "%s: our %d functions and variables take Debian's types" %
                   (header, len(per_header[header])), bad)
    if rc != 0:
        return

    exe = os.path.join(scratch.path, "assign")
    rc, out, err = apicompat.run(apicompat.compiler("CC", "gcc") + [
        "-o", exe, os.path.join(scratch.path, "assign.o"), os.path.abspath(args.library)])
    if rc == 0:
        env_lib = os.path.dirname(os.path.abspath(args.library))
        rc, out, err = apicompat.run(["env", "LD_LIBRARY_PATH=" + env_lib, "LD_BIND_NOW=1", exe])
    tap.result(rc == 0, "all %d functions link against %s and resolve at load time" %
               (len(names), os.path.basename(args.library)),
               (out + err).splitlines())


if __name__ == "__main__":
    sys.exit(main())
