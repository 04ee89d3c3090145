#!/usr/bin/env python3
# build-reference.py: run gtk-doc's tools, one after the other, to make
# the HTML API reference.
#
#   build-reference.py MODULE MAIN_XML OUTDIR SCAN_DIR... -- SOURCE_DIR...
#
# Declarations come from the headers in each SCAN_DIR; doc comments from
# SCAN_DIRs and SOURCE_DIRs (the doc_ignore list below names what under
# a SOURCE_DIR holds no public API).  OUTDIR receives gtk-doc's working
# files and html/, which is replaced as a whole.
#
# meson's gnome.gtkdoc() does the same, but its target is always out of
# date (every `ninja` runs gtk-doc again) and `meson install` builds the
# reference once more; this target is rebuilt only when its inputs
# change.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shutil
import subprocess
import sys

# Under a SOURCE_DIR: parts that implement no public API.
doc_ignore = ["qemu", "conf"]

# Attributes on declarations that gtk-doc must look through.
decorators = ["VIR_DEPRECATED", "VIR_EXPORT_VAR"]


# gtk-doc's parser takes one type modifier: it cannot read the
# "unsigned long long cpuTime" member of virDomainInfo, which the
# struct's description covers instead.  Its complaint is not news.
known_noise = re.compile(r'Cannot parse struct field: "long cpuTime"')


def run(cmd, cwd):
    """Runs a gtk-doc tool; its warnings go to our stderr, a failure
    ends the build."""
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout.splitlines():
        if not known_noise.search(line):
            print(line, file=sys.stderr)
    if proc.returncode != 0:
        sys.exit("%s failed with status %d" % (cmd[0], proc.returncode))


def main():
    args = sys.argv[1:]
    if len(args) < 4 or "--" not in args:
        sys.exit("usage: build-reference.py MODULE MAIN_XML OUTDIR SCAN_DIR... -- SOURCE_DIR...")
    sep = args.index("--")
    module, main_xml, outdir = args[0], args[1], os.path.abspath(args[2])
    scan_dirs = [os.path.abspath(d) for d in args[3:sep]]
    source_dirs = [os.path.abspath(d) for d in args[sep + 1:]]
    main_name = os.path.basename(main_xml)
    htmldir = os.path.join(outdir, "html")

    os.makedirs(outdir, exist_ok=True)
    shutil.copyfile(main_xml, os.path.join(outdir, main_name))
    # gtkdoc-scan writes the sections file only when there is none: one
    # left from an earlier build would hide the sections added since.
    for stale in ("-sections.txt", "-decl-list.txt", "-decl.txt"):
        path = os.path.join(outdir, module + stale)
        if os.path.exists(path):
            os.unlink(path)

    run(["gtkdoc-scan", "--module=" + module,
         "--ignore-decorators=" + "|".join(decorators),
         "--output-dir=" + outdir]
        + ["--source-dir=" + d for d in scan_dirs], outdir)
    run(["gtkdoc-mkdb", "--module=" + module, "--output-format=xml",
         "--xml-mode", "--main-sgml-file=" + main_name,
         "--ignore-files=" + " ".join(doc_ignore)]
        + ["--source-dir=" + d for d in scan_dirs + source_dirs], outdir)

    shutil.rmtree(htmldir, ignore_errors=True)
    os.makedirs(htmldir)
    run(["gtkdoc-mkhtml", "--path=" + os.pathsep.join(
            [os.path.dirname(os.path.abspath(main_xml)), outdir]),
         module, os.path.join("..", main_name)], htmldir)
    run(["gtkdoc-fixxref", "--module=" + module, "--module-dir=html"], outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
