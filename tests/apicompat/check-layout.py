#!/usr/bin/env python3
# check-layout.py: are the structs we publish laid out as upstream's?
#
# Applications allocate virDomainInfo, read virError and fill in
# virConnectAuth themselves, so each struct our headers define must have
# upstream's fields, in upstream's places: the same size and alignment,
# and for every field the same offset, size and type.  Sizes and offsets
# come from one generated program built against each header tree; the
# field types from a file that spells each of our field types and asks
# the compiler, with upstream's headers, whether upstream's field has a
# compatible type.
#
# Prints TAP: one case per struct.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import apicompat

PROLOGUE = """
#include <stddef.h>
#include <stdio.h>
%(includes)s
#define STRUCT(s) printf("%%s: size %%zu, alignment %%zu\\n", #s, \\
                         sizeof(struct s), _Alignof(struct s))
#define FIELD(s, f) printf("%%s.%%s: offset %%zu, size %%zu\\n", #s, #f, \\
                           offsetof(struct s, f), sizeof(((struct s *) 0)->f))
int main(void)
{
"""


def main():
    parser = apicompat.common_arguments(__doc__)
    args = parser.parse_args()
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    try:
        check(args, tap, scratch)
    except apicompat.CheckError as e:
        tap.result(False, "struct layouts could be compared", str(e).splitlines())
    finally:
        scratch.cleanup()
    return tap.finish()


def check(args, tap, scratch):
    headers, common_headers = apicompat.header_sets(args.ours, args.theirs)
    ours = apicompat.declarations(args.ours, headers)
    theirs = apicompat.declarations(args.theirs, common_headers)
    includes = apicompat.include_lines(common_headers)

    # Print the layout of what both sides have; what only one side has
    # is reported by name below.
    body = ""
    for tag in sorted(ours.structs):
        if tag not in theirs.structs:
            continue
        upstream_fields = {f.name for f in theirs.structs[tag]}
        body += "    STRUCT(%s);\n" % tag
        for field in ours.structs[tag]:
            if field.name in upstream_fields:
                body += "    FIELD(%s, %s);\n" % (tag, field.name)
    source = PROLOGUE % {"includes": includes} + body + "    return 0;\n}\n"
    layout_ours = parse_output(apicompat.compile_and_run(
        scratch, "layout-ours", source, args.ours))
    layout_theirs = parse_output(apicompat.compile_and_run(
        scratch, "layout-theirs", source, args.theirs))

    # Our spelling of each field's type, checked against upstream's field.
    lines = []
    for tag in sorted(ours.structs):
        if tag not in theirs.structs:
            continue
        upstream_fields = {f.name for f in theirs.structs[tag]}
        for field in ours.structs[tag]:
            if field.name in upstream_fields and field.typetext is not None:
                lines.append(("%s.%s" % (tag, field.name),
                              "_Static_assert(__builtin_types_compatible_p("
                              "__typeof__(((struct %s *) 0)->%s), %s), \"%s.%s\");" %
                              (tag, field.name, field.typetext, tag, field.name)))
    failures, other = apicompat.compile_lines(scratch, "fieldtypes-theirs", includes,
                                              lines, args.theirs)
    if other:
        raise apicompat.CheckError("the field type probe does not compile:\n" +
                                   apicompat.indent("\n".join(other)))
    own_failures, own_other = apicompat.compile_lines(scratch, "fieldtypes-ours", includes,
                                                      lines, args.ours)
    if own_failures or own_other:
        raise apicompat.CheckError(
            "our own field types do not check against our own headers "
            "(a bug in the header parser): " +
            ", ".join(sorted(own_failures)) + apicompat.indent("\n".join(own_other)))

    for tag in sorted(ours.structs):
        problems = []
        if tag not in theirs.structs:
            tap.result(False, "struct %s: upstream does not define it" % tag)
            continue
        ours_fields = [f.name for f in ours.structs[tag]]
        their_fields = [f.name for f in theirs.structs[tag]]
        for name in ours_fields:
            if name not in their_fields:
                problems.append("%s: upstream has no such field" % name)
        for name in their_fields:
            if name not in ours_fields:
                problems.append("%s: upstream's field is missing" % name)
        keys = [tag] + ["%s.%s" % (tag, f) for f in ours_fields if f in their_fields]
        for key in keys:
            if layout_ours.get(key) != layout_theirs.get(key):
                problems.append("%s: ours has %s, upstream's has %s" %
                                (key, layout_ours.get(key), layout_theirs.get(key)))
            if key in failures:
                problems.append("%s: its type is not compatible with upstream's" % key)
        if problems:
            title = "struct %s: differs from upstream's" % tag
        else:
            title = "struct %s: %s, %d fields, as upstream's" % (
                tag, layout_ours[tag], len(ours_fields))
        tap.result(not problems, title, problems)


def parse_output(text):
    ret = {}
    for line in text.splitlines():
        key, _, value = line.partition(": ")
        ret[key] = value
    return ret


if __name__ == "__main__":
    sys.exit(main())
