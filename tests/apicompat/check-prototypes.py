#!/usr/bin/env python3
# check-prototypes.py: do our declarations have upstream's types?
#
# For every function, variable and typedef our public headers declare, a
# generated file that includes Debian's headers spells our type and asks
# the compiler whether upstream's declaration of the same name has a
# compatible type:
#
#   _Static_assert(__builtin_types_compatible_p(__typeof__(virFoo),
#                  int (virConnectPtr conn, unsigned int flags)), "virFoo");
#
# That is the check a function pointer assignment makes, without the
# pointer.  Each assertion is on a line of its own, so a compiler error
# names the declaration.  The same file is compiled against our headers
# first, which it must pass, to prove that the spelled types are right.
#
# Prints TAP: one case per header of ours.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys

import apicompat


def main():
    parser = apicompat.common_arguments(__doc__)
    args = parser.parse_args()
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    try:
        check(args, tap, scratch)
    except apicompat.CheckError as e:
        tap.result(False, "declarations could be compared", str(e).splitlines())
    finally:
        scratch.cleanup()
    return tap.finish()


def assertion(name, kind, typetext):
    if kind == "typedef" and typetext is None:
        # An anonymous enum: all we can ask is that the name is a type.
        return "typedef %s apicompat_%s;" % (name, name)
    if kind == "typedef":
        subject = name
    else:
        subject = "__typeof__(%s)" % name
    return "_Static_assert(__builtin_types_compatible_p(%s, %s), \"%s\");" % (
        subject, typetext, name)


def check(args, tap, scratch):
    headers, common_headers = apicompat.header_sets(args.ours, args.theirs)
    ours = apicompat.declarations(args.ours, headers)
    theirs = apicompat.declarations(args.theirs, common_headers)
    includes = apicompat.include_lines(common_headers)

    wanted = []   # (name, kind, our type text, upstream has it)
    for kind, ours_table, theirs_table in (
            ("function", ours.functions, theirs.functions),
            ("variable", ours.variables, theirs.variables),
            ("typedef", ours.typedefs, theirs.typedefs)):
        for name, typetext in ours_table.items():
            wanted.append((name, kind, typetext, name in theirs_table))

    lines = [(name, assertion(name, kind, typetext))
             for name, kind, typetext, present in wanted if present]
    own_failures, own_other = apicompat.compile_lines(scratch, "decls-ours", includes,
                                                      lines, args.ours)
    if own_failures or own_other:
        raise apicompat.CheckError(
            "our declarations do not check against our own headers "
            "(a bug in the header parser): " + ", ".join(sorted(own_failures)) +
            apicompat.indent("\n".join(own_other)))
    failures, other = apicompat.compile_lines(scratch, "decls-theirs", includes,
                                              lines, args.theirs)
    if other:
        raise apicompat.CheckError("the declaration probe does not compile against "
                                   "upstream's headers:\n" + apicompat.indent("\n".join(other)))

    per_header = {}
    for name, kind, typetext, present in wanted:
        header = os.path.basename(ours.files[name])
        problems = per_header.setdefault(header, [[], 0])
        problems[1] += 1
        if not present:
            problems[0].append("%s: upstream declares no %s of that name" % (name, kind))
        elif name in failures:
            shown = typetext if typetext is not None else "an enum"
            problems[0].append("%s: upstream's %s is not compatible with ours, %s" %
                               (name, kind, shown))
    for header in sorted(per_header):
        problems, count = per_header[header]
        if problems:
            title = "%s: %d of %d declarations differ from upstream" % (
                header, len(problems), count)
        else:
            title = "%s: %d declarations have upstream's types" % (header, count)
        tap.result(not problems, title, sorted(problems))


if __name__ == "__main__":
    sys.exit(main())
