#!/usr/bin/env python3
# pocheck.py: is the message catalogue complete and current?
#
#   pocheck.py SRCDIR
#
# Checks, printing TAP:
#   - every file under src/ and tools/ that marks messages for
#     translation (_() or N_()) is listed in po/POTFILES.in, and every
#     file listed exists;
#   - po/libvirt-grace.pot holds exactly the messages xgettext finds in
#     those files now (if not: `ninja -C build libvirt-grace-pot`);
#   - each language in po/LINGUAS has a .po that holds exactly the
#     template's messages (if not: `ninja -C build libvirt-grace-update-po`),
#     passes msgfmt --check, and translates every message, none fuzzy.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import glob
import os
import re
import subprocess
import sys
import tempfile

PACKAGE = "libvirt-grace"
# The languages the project promises.
REQUIRED_LANGUAGES = ["de", "fr"]

n = 0
failed = 0


def result(ok, name, details=()):
    global n, failed
    n += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
    if not ok:
        failed += 1
        for d in details:
            for line in str(d).splitlines():
                print("# " + line)
    sys.stdout.flush()
    return ok


def msgids(path):
    """The msgids of a .po or .pot file (not the header, not obsolete
    entries), or None if msgcat cannot read it."""
    proc = subprocess.run(["msgcat", "--no-wrap", "--no-location",
                           "--sort-output", path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        return None
    ids = set()
    cur = None
    for line in proc.stdout.splitlines():
        m = re.match(r'^msgid "(.*)"$', line)
        if m:
            cur = m.group(1)
            continue
        m = re.match(r'^"(.*)"$', line)
        if m and cur is not None:
            cur += m.group(1)
            continue
        if cur is not None:
            if cur:
                ids.add(cur)
            cur = None
    return ids


def obsolete_entries(path):
    with open(path, encoding="utf-8") as f:
        return sum(1 for line in f if line.startswith("#~ msgid"))


def main():
    srcdir = sys.argv[1]
    podir = os.path.join(srcdir, "po")

    with open(os.path.join(podir, "POTFILES.in")) as f:
        listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    marking = []
    for path in sorted(glob.glob(os.path.join(srcdir, "src", "**", "*.[ch]"), recursive=True) +
                       glob.glob(os.path.join(srcdir, "tools", "**", "*.[ch]"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            if re.search(r"\bN?_\(\s*\"", f.read()):
                marking.append(os.path.relpath(path, srcdir))
    unlisted = [p for p in marking if p not in listed]
    absent = [p for p in listed if not os.path.exists(os.path.join(srcdir, p))]
    result(marking and not unlisted and not absent,
           "POTFILES.in lists the %d files that mark messages" % len(marking),
           ["not listed: " + p for p in unlisted] + ["listed but absent: " + p for p in absent])

    pot = os.path.join(podir, PACKAGE + ".pot")
    with tempfile.TemporaryDirectory(prefix="pocheck-") as tmp:
        fresh = os.path.join(tmp, "fresh.pot")
        proc = subprocess.run(["xgettext", "--keyword=_", "--keyword=N_",
                               "--from-code=UTF-8", "--language=C", "--add-comments",
                               "--directory=" + srcdir, "--output=" + fresh] + listed,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if not result(proc.returncode == 0, "xgettext reads the listed files", [proc.stderr]):
            print("1..%d" % n)
            return 1
        now = msgids(fresh) or set()
    template = msgids(pot) or set()
    result(template and template == now,
           "the template holds the %d messages of the sources "
           "(else: ninja -C build %s-pot)" % (len(now), PACKAGE),
           ["not in the template: %s" % m for m in sorted(now - template)] +
           ["no longer in the sources: %s" % m for m in sorted(template - now)])

    with open(os.path.join(podir, "LINGUAS")) as f:
        linguas = [w for l in f for w in l.split("#")[0].split()]
    result(all(l in linguas for l in REQUIRED_LANGUAGES),
           "LINGUAS lists %s" % ", ".join(REQUIRED_LANGUAGES), ["LINGUAS: %s" % linguas])

    for lang in linguas:
        path = os.path.join(podir, lang + ".po")
        if not result(os.path.exists(path), "%s.po exists" % lang):
            continue
        ids = msgids(path) or set()
        stale = obsolete_entries(path)
        result(ids == template and not stale,
               "%s.po holds the template's messages "
               "(else: ninja -C build %s-update-po)" % (lang, PACKAGE),
               ["missing: %s" % m for m in sorted(template - ids)] +
               ["not in the template: %s" % m for m in sorted(ids - template)] +
               (["%d obsolete entries" % stale] if stale else []))
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=dict(os.environ, LC_ALL="C"))
        stats = proc.stderr.strip()
        complete = re.fullmatch(r"(\d+) translated messages?\.", stats.splitlines()[-1]
                                if stats else "")
        result(proc.returncode == 0 and complete and int(complete.group(1)) == len(template),
               "%s.po passes msgfmt --check and translates all %d messages"
               % (lang, len(template)), [stats])

    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
