#!/usr/bin/env python3
# check-reference.py: is the API reference complete, and made from our
# doc comments?
#
#   check-reference.py DOCBUILDDIR PUBLIC_SYMS SOURCE...
#
# DOCBUILDDIR is where gtk-doc ran (docs/reference in the build tree),
# PUBLIC_SYMS the library's export list, SOURCE the files implementing
# the public API.  Checks, printing TAP:
#   - every symbol libvirt.so.0 exports has an entry in the HTML;
#   - every declaration in the public headers is documented, with every
#     parameter, member and value (gtk-doc's own bookkeeping), and no
#     doc comment names a parameter that does not exist;
#   - every section of the reference has its descriptions;
#   - the description of each function documented in SOURCE appears,
#     word for word, in the HTML: the reference is generated from the
#     comments, not written beside them.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import glob
import html
import os
import re
import sys

MODULE = "libvirt-grace"


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, name, details=()):
        self.n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, name))
        if not ok:
            self.failed += 1
            for d in details:
                print("# " + d)
        return ok

    def finish(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def exported_symbols(syms_path):
    """The names in a linker version script's global: lists."""
    names = []
    for line in read(syms_path).splitlines():
        m = re.match(r"^\s+(vir\w+);", line)
        if m:
            names.append(m.group(1))
    return names


def header_declarations(builddir):
    """Every symbol gtk-doc found in the public headers, by section."""
    decls = {}
    section = None
    for line in read(os.path.join(builddir, MODULE + "-decl-list.txt")).splitlines():
        m = re.match(r"^<FILE>(.*)</FILE>$", line)
        if m:
            section = m.group(1)
            decls[section] = []
        elif line and not line.startswith("<") and section:
            decls[section].append(line)
    return decls


def undocumented(builddir):
    """Symbols gtk-doc counts as undocumented or incomplete, with the
    missing parts gtk-doc names in parentheses."""
    missing = {}
    text = read(os.path.join(builddir, MODULE + "-undocumented.txt"))
    for line in text.splitlines()[4:]:
        m = re.match(r"^(\S+)(?: \((.*)\))?$", line)
        if m:
            missing[m.group(1)] = m.group(2) or "no description"
    return missing


def squeeze(text):
    """@text without white space: markup adds spaces around the words it
    marks, so texts are compared without any."""
    return "".join(text.split())


def html_text(builddir):
    """The reference's HTML as plain text without white space, and the
    set of anchors it defines."""
    texts = []
    anchors = set()
    for path in sorted(glob.glob(os.path.join(builddir, "html", "*.html"))):
        page = read(path)
        anchors.update(re.findall(r'(?:name|id)="([^"]+)"', page))
        plain = html.unescape(re.sub(r"<[^>]+>", " ", page))
        texts.append(squeeze(plain))
    return "".join(texts), anchors


def doc_descriptions(source):
    """(name, first sentence of the description) for each doc comment
    in @source that documents a function and has a description."""
    found = []
    for m in re.finditer(r"^/\*\*\n \* (\w+):\n(.*?)^ \*/\n", read(source), re.M | re.S):
        name, body = m.group(1), m.group(2)
        lines = [l[3:] if l.startswith(" * ") else "" for l in body.splitlines()]
        paras, cur = [], []
        for l in lines:
            if l.strip():
                cur.append(l.strip())
            elif cur:
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        desc = [p for p in paras if not p.startswith("@") and not p.startswith("Returns:")]
        if not desc:
            continue
        first = re.split(r"(?<=[.:])\s", desc[0])[0]
        first = re.sub(r"@(\w+)", r"\1", first)
        found.append((name, first))
    return found


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    builddir, syms_path, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    tap = Tap()

    text, anchors = html_text(builddir)
    if not tap.result(bool(anchors), "the HTML reference exists",
                      ["no HTML under %s/html" % builddir]):
        return tap.finish()

    exported = exported_symbols(syms_path)
    absent = [s for s in exported if s not in anchors]
    tap.result(exported and not absent,
               "each of the %d exported symbols has an entry" % len(exported),
               ["no entry for %s" % s for s in absent] or ["no exported symbols found"])

    decls = header_declarations(builddir)
    missing = undocumented(builddir)
    public = [s for syms in decls.values() for s in syms]
    gaps = ["%s: %s" % (s, missing[s]) for s in public if s in missing]
    tap.result(public and not gaps,
               "each of the %d public declarations is fully documented" % len(public),
               gaps)

    unused = read(os.path.join(builddir, MODULE + "-unused.txt")).split()
    tap.result(not unused, "no doc comment documents something that does not exist",
               ["unused: %s" % u for u in unused])

    nodesc = ["%s: %s" % (sec, part)
              for sec, syms in decls.items() if syms
              for part in ("short_description", "long_description")
              if "%s:%s" % (sec, part) in missing]
    tap.result(not nodesc, "each section of the reference is described", nodesc)

    for source in sources:
        descs = doc_descriptions(source)
        absent = ["%s: \"%s\"" % (name, first) for name, first in descs
                  if name in anchors and squeeze(first) not in text]
        ours = [name for name, _ in descs if name in anchors]
        tap.result(ours and not absent,
                   "the reference shows the descriptions of the %d public functions of %s"
                   % (len(ours), os.path.basename(source)),
                   absent or ["no documented public function found"])

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
