#!/usr/bin/env python3
# check-values.py: do our enum constants and macros have upstream's values?
#
# Every enum constant and every object-like VIR_* / LIBVIR_* macro our
# public headers declare must exist in Debian's libvirt headers with the
# same value (and, for a macro, the same integer width and signedness, or
# the same string).  One generated program prints NAME=VALUE for each; it
# is built once against our headers and once against upstream's, with
# VIR_ENUM_SENTINELS defined so that the _LAST sentinels are compared too.
#
# Prints TAP: one case per header of ours.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import sys

import apicompat

PROLOGUE = r"""
#include <stdio.h>
#include <string.h>
%(includes)s
static void
num(const char *name, int neg, unsigned long long mag, size_t size, int issigned)
{
    printf("%%s=%%s%%llu %%s%%zu\n", name, neg ? "-" : "", mag,
           issigned ? "int" : "uint", size * 8);
}
static void
str(const char *name, const char *value)
{
    printf("%%s=\"", name);
    for (; *value; value++) {
        if (*value >= 0x20 && *value < 0x7f && *value != '"' && *value != '\\')
            putchar(*value);
        else
            printf("\\x%%02x", (unsigned char) *value);
    }
    printf("\"\n");
}
#define NUM(n) num(#n, (n) < 0, (n) < 0 ? 0ULL - (unsigned long long)(n) : \
                   (unsigned long long)(n), sizeof(n), ((n) * 0 - 1) < 0)
#define CONST(n) printf("%%s=%%lld\n", #n, (long long)(n))
#define STR(n) str(#n, n)
int main(void)
{
"""

NAME_RE = re.compile(r"^(VIR|LIBVIR)_")


def main():
    parser = apicompat.common_arguments(__doc__)
    args = parser.parse_args()
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    try:
        check(args, tap, scratch)
    except apicompat.CheckError as e:
        tap.result(False, "enum constants and macros could be compared",
                   str(e).splitlines())
    finally:
        scratch.cleanup()
    return tap.finish()


def check(args, tap, scratch):
    headers, common_headers = apicompat.header_sets(args.ours, args.theirs)
    tap.result(headers == common_headers, "upstream has every header we publish",
               ["libvirt/%s: not installed by upstream" % h
                for h in headers if h not in common_headers])

    ours = apicompat.declarations(args.ours, headers)
    theirs = apicompat.declarations(args.theirs, common_headers)

    # What to print, and how: enum constants are ints; macros are
    # classified by their expansion.
    numeric = set(ours.constants)
    kinds = {}
    for name in ours.constants:
        kinds[name] = "const"
    pending = [m for m in ours.macros.values() if NAME_RE.match(m.name)]
    changed = True
    while changed:
        changed = False
        for m in list(pending):
            kind = apicompat.macro_kind(m, numeric)
            if kind:
                kinds[m.name] = kind
                if kind == "int":
                    numeric.add(m.name)
                pending.remove(m)
                changed = True
    skipped = sorted(m.name for m in pending)

    upstream_names = set(theirs.constants) | set(theirs.macros)
    common = sorted(n for n in kinds if n in upstream_names)
    body = ""
    for name in common:
        body += {"const": "    CONST(%s);\n", "int": "    NUM(%s);\n",
                 "string": "    STR(%s);\n"}[kinds[name]] % name
    body += "    return 0;\n}\n"
    source = PROLOGUE % {"includes": apicompat.include_lines(common_headers)} + body

    flags = ["-DVIR_ENUM_SENTINELS"]
    values_ours = parse_output(apicompat.compile_and_run(
        scratch, "values-ours", source, args.ours, flags))
    values_theirs = parse_output(apicompat.compile_and_run(
        scratch, "values-theirs", source, args.theirs, flags))

    files = {}
    for name in kinds:
        where = ours.macros[name].file if name in ours.macros else ours.files[name]
        files.setdefault(os.path.basename(where), []).append(name)

    for header in sorted(files):
        problems = []
        names = sorted(files[header])
        for name in names:
            if name not in upstream_names:
                problems.append("%s: upstream's headers do not declare it" % name)
            elif values_ours.get(name) != values_theirs.get(name):
                problems.append("%s: ours is %s, upstream's is %s" %
                                (name, values_ours.get(name), values_theirs.get(name)))
        if problems:
            title = "%s: %d of %d constants differ from upstream" % (
                header, len(problems), len(names))
        else:
            title = "%s: %d constants have upstream's values" % (header, len(names))
        tap.result(not problems, title, problems)
    if skipped:
        tap.diag("not compared (neither integer nor string): " + ", ".join(skipped))


def parse_output(text):
    ret = {}
    for line in text.splitlines():
        name, _, value = line.partition("=")
        ret[name] = value
    return ret


if __name__ == "__main__":
    sys.exit(main())
