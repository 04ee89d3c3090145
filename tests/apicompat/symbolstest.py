#!/usr/bin/env python3
# symbolstest.py: our export list, and check-symbols.py itself
#
# - expected-symbols.txt names, for each symbol, the node Debian's
#   libvirt.so.0 exports it in;
# - src/libvirt_public.syms exports exactly those symbols in those nodes,
#   hides everything else, and chains its nodes as upstream does;
# - a library linked with src/libvirt_public.syms (stub bodies) passes
#   check-symbols.py, and a program linked against Debian's libvirt runs
#   with it in place of Debian's (and does not once a symbol is moved);
# - check-symbols.py fails, naming the culprit, on small libraries that
#   are wrong in one way each: a symbol in the wrong node, a leaked
#   internal symbol, no version script, nodes chained out of order, a
#   non-default version, a symbol the API subset needs but the library
#   lacks.
#
# Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import subprocess
import sys

import apicompat

CHECK = os.path.join(apicompat.HERE, "check-symbols.py")
EXPECTED = os.path.join(apicompat.HERE, "expected-symbols.txt")
SYMS = os.path.join(apicompat.TOP_SRCDIR, "src", "libvirt_public.syms")

sys.path.insert(0, apicompat.HERE)
check_symbols = __import__("check-symbols")
GENERATOR = os.path.join(apicompat.TOP_SRCDIR, "src", "libvirt-api.py")
TABLE = os.path.join(apicompat.TOP_SRCDIR, "src", "libvirt-api.txt")

# Three real symbols in three nodes: enough to get every rule wrong once.
SMALL_SOURCE = """
int virGetVersion(void) { return 0; }
int virConnectGetLibVersion(void) { return 0; }
int virDomainDestroyFlags(void) { return 0; }
void *virConnectAuthPtrDefault = 0;
int virGraceInternalHelper(void) { return 0; }
"""

SMALL_GOOD = """
LIBVIRT_0.0.3 { global: virGetVersion; local: *; };
LIBVIRT_0.4.0 { global: virConnectAuthPtrDefault; } LIBVIRT_0.0.3;
LIBVIRT_0.7.3 { global: virConnectGetLibVersion; } LIBVIRT_0.4.0;
LIBVIRT_0.9.4 { global: virDomainDestroyFlags; } LIBVIRT_0.7.3;
"""

SMALL_EXPECTED = """
virGetVersion LIBVIRT_0.0.3
virConnectAuthPtrDefault LIBVIRT_0.4.0
virConnectGetLibVersion LIBVIRT_0.7.3
virDomainDestroyFlags LIBVIRT_0.9.4
"""

# name: (version script or None, extra source, extra --expected lines,
#        title of the case that must fail, text its diagnostics must hold)
BAD_LIBRARIES = {
    "wrong-node": (
        SMALL_GOOD.replace("virDomainDestroyFlags", "virNothing")
                  .replace("virGetVersion;", "virGetVersion; virDomainDestroyFlags;"),
        "", "",
        "puts every symbol in upstream's version node",
        "virDomainDestroyFlags@@LIBVIRT_0.0.3 (function): upstream exports "
        "virDomainDestroyFlags@@LIBVIRT_0.9.4 (function)"),
    "leak": (
        SMALL_GOOD.replace("virDomainDestroyFlags;",
                           "virDomainDestroyFlags; virGraceInternalHelper;"),
        "", "",
        "exports nothing upstream's public API lacks",
        "virGraceInternalHelper@@LIBVIRT_0.9.4 (function): not exported by "
        "upstream's public API"),
    "private-node": (
        SMALL_GOOD + "LIBVIRT_PRIVATE_9.0.0 { global: virDomainDestroyEnsureACL; };\n",
        "int virDomainDestroyEnsureACL(void) { return 0; }\n", "",
        "exports nothing upstream's public API lacks",
        "virDomainDestroyEnsureACL@@LIBVIRT_PRIVATE_9.0.0 (function): not exported by "
        "upstream's public API"),
    "unversioned": (
        None, "", "",
        "each in a version node",
        "virGetVersion: exported without a version node"),
    "wrong-data-kind": (
        SMALL_GOOD,
        "", "",
        "puts every symbol in upstream's version node",
        "virConnectAuthPtrDefault@@LIBVIRT_0.4.0 (function): upstream exports "
        "virConnectAuthPtrDefault@@LIBVIRT_0.4.0 (object)"),
    "chain-order": (
        SMALL_GOOD.replace("} LIBVIRT_0.7.3;", "} LIBVIRT_0.0.3;"),
        "", "",
        "defines its version nodes in upstream's chain",
        "LIBVIRT_0.9.4: inherits from LIBVIRT_0.0.3, expected LIBVIRT_0.7.3"),
    "unknown-node": (
        SMALL_GOOD + "LIBVIRT_0.0.4 { global: virGraceInternalHelper; } LIBVIRT_0.9.4;\n",
        "", "",
        "defines its version nodes in upstream's chain",
        "LIBVIRT_0.0.4: not one of upstream's public version nodes"),
    "old-version": (
        SMALL_GOOD,
        "__asm__(\".symver virGetVersionOld, virGetVersion@LIBVIRT_0.4.0\");\n"
        "int virGetVersionOld(void) { return 1; }\n", "",
        "exports nothing upstream's public API lacks",
        "virGetVersion@LIBVIRT_0.4.0 (function, not the default version): "
        "not exported by upstream's public API"),
    "node-order": (
        SMALL_GOOD.replace("LIBVIRT_0.7.3 { global: virConnectGetLibVersion; } LIBVIRT_0.4.0;\n"
                           "LIBVIRT_0.9.4 { global: virDomainDestroyFlags; } LIBVIRT_0.7.3;",
                           "LIBVIRT_0.9.4 { global: virDomainDestroyFlags; } LIBVIRT_0.4.0;\n"
                           "LIBVIRT_0.7.3 { global: virConnectGetLibVersion; } LIBVIRT_0.9.4;"),
        "", "",
        "defines its version nodes in upstream's chain",
        "version nodes are defined out of upstream's order: "
        "LIBVIRT_0.0.3 LIBVIRT_0.4.0 LIBVIRT_0.9.4 LIBVIRT_0.7.3"),
    "malformed-expected": (
        SMALL_GOOD, "", "virDomainDestroy\n",
        "could be compared",
        "expected \"SYMBOL NODE\", got 'virDomainDestroy'"),
    "duplicate-expected": (
        SMALL_GOOD, "", "virGetVersion LIBVIRT_0.0.3\n",
        "could be compared",
        "virGetVersion is listed twice"),
    "missing-expected": (
        SMALL_GOOD, "", "virDomainDestroy LIBVIRT_0.0.3\n",
        "exports all 5 symbols",
        "virDomainDestroy@@LIBVIRT_0.0.3: not exported"),
}


def build_library(scratch, name, source, script, soname=None):
    """Link @source into a shared library, with the version script
    @script (none if None); with @soname, the file is @name/@soname."""
    src = scratch.write(name + ".c", source)
    if soname:
        os.makedirs(os.path.join(scratch.path, name))
        lib = os.path.join(scratch.path, name, soname)
    else:
        lib = os.path.join(scratch.path, "lib%s.so" % name)
    argv = apicompat.compiler("CC", "gcc") + ["-shared", "-fPIC", "-o", lib, src]
    if soname:
        argv.append("-Wl,-soname," + soname)
    if script is not None:
        argv.append("-Wl,--version-script=" + scratch.write(name + ".syms", script))
    rc, out, err = apicompat.run(argv)
    if rc != 0:
        raise apicompat.CheckError("cannot link %s:\n%s" % (name, apicompat.indent(err)))
    return lib


def run_check(lib, expected=None):
    argv = [sys.executable, CHECK, lib]
    if expected:
        argv += ["--expected", expected]
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    return proc.returncode, proc.stdout


def parse_syms(path):
    """A GNU ld version script, read as [(node, parent, globals, locals)]."""
    with open(path) as f:
        text = re.sub(r"#[^\n]*", "", f.read())
    ret = []
    for m in re.finditer(r"([A-Za-z0-9_.]+)\s*\{(.*?)\}\s*([A-Za-z0-9_.]*)\s*;", text, re.S):
        node, body, parent = m.groups()
        scope = None
        names = {"global": [], "local": []}
        for word in re.findall(r"[^\s;]+:|[^\s;]+", body):
            if word.endswith(":"):
                scope = word[:-1]
            elif scope in names:
                names[scope].append(word)
            else:
                raise apicompat.CheckError("%s: %s: %r outside global:/local:" %
                                           (path, node, word))
        ret.append((node, parent or None, names["global"], names["local"]))
    leftover = re.sub(r"([A-Za-z0-9_.]+)\s*\{(.*?)\}\s*([A-Za-z0-9_.]*)\s*;", "", text,
                      flags=re.S)
    if leftover.strip():
        raise apicompat.CheckError("%s: cannot read %r" % (path, leftover.strip()[:40]))
    return ret


def expected_problems(path):
    """What is wrong with the expected-symbols file at @path."""
    expected = check_symbols.read_expected(path)
    exported = apicompat.objdump_dynamic(apicompat.UPSTREAM_LIBRARY)
    problems = [] if expected else ["the file lists no symbol"]
    for name, node in sorted(expected.items()):
        info = exported.get(name)
        if info is None:
            problems.append("%s: upstream does not export it" % name)
        elif info[0] != node:
            problems.append("%s: listed in %s, upstream exports it in %s" %
                            (name, node, info[0]))
    return expected, problems


def syms_problems(path, expected):
    """What is wrong with the version script at @path, given @expected."""
    problems = []
    nodes = parse_syms(path)
    listed = {}
    for node, parent, globs, locs in nodes:
        for name in globs:
            if name in listed:
                problems.append("%s: exported in both %s and %s" % (name, listed[name], node))
            listed[name] = node
    for name in sorted(set(listed) | set(expected)):
        if name not in listed:
            problems.append("%s: not exported (expected in %s)" % (name, expected[name]))
        elif name not in expected:
            problems.append("%s: exported in %s but not in expected-symbols.txt" %
                            (name, listed[name]))
        elif listed[name] != expected[name]:
            problems.append("%s: exported in %s, expected in %s" %
                            (name, listed[name], expected[name]))
    for i, (node, parent, globs, locs) in enumerate(nodes):
        if i == 0 and locs != ["*"]:
            problems.append("%s: the first node must end with \"local: *;\"" % node)
        if i > 0 and locs:
            problems.append("%s: only the first node may have local:" % node)
        if any("*" in g or "?" in g for g in globs):
            problems.append("%s: exports by wildcard" % node)
    chain = [(node, parent) for node, parent, globs, locs in nodes]
    problems += check_symbols.check_chain(chain,
                                          apicompat.version_chain(apicompat.UPSTREAM_LIBRARY))
    return listed, nodes, problems


# A wrong copy of each file, and one problem each must be reported with.
BAD_EXPECTED = [
    ("virDomainDestroyFlags LIBVIRT_0.9.4", "virDomainDestroyFlags LIBVIRT_0.9.3",
     "virDomainDestroyFlags: listed in LIBVIRT_0.9.3, upstream exports it in LIBVIRT_0.9.4"),
    ("virGetVersion LIBVIRT_0.0.3", "virGetVersion LIBVIRT_0.0.3\nvirGraceHelper LIBVIRT_0.0.3",
     "virGraceHelper: upstream does not export it"),
]
BAD_SYMS = [
    ("        virDomainDestroyFlags;\n", "",
     "virDomainDestroyFlags: not exported (expected in LIBVIRT_0.9.4)"),
    ("        virDomainUndefineFlags;\n",
     "        virDomainUndefineFlags;\n        virDomainDestroy;\n",
     "virDomainDestroy: exported in both LIBVIRT_0.0.3 and LIBVIRT_0.9.4"),
    ("        virDomainUndefineFlags;\n",
     "        virDomainUndefineFlags;\n        virGraceHelper;\n",
     "virGraceHelper: exported in LIBVIRT_0.9.4 but not in expected-symbols.txt"),
    ("        virDomainDestroyFlags;\n",
     "        virDomain*;\n        virDomainDestroyFlags;\n",
     "LIBVIRT_0.9.4: exports by wildcard"),
    ("    local:\n        *;\n", "",
     "LIBVIRT_0.0.3: the first node must end with \"local: *;\""),
    ("        virDomainUndefineFlags;\n",
     "        virDomainUndefineFlags;\n    local:\n        virGraceHelper;\n",
     "LIBVIRT_0.9.4: only the first node may have local:"),
    ("} LIBVIRT_0.9.3;", "} LIBVIRT_0.9.2;",
     "LIBVIRT_0.9.4: inherits from LIBVIRT_0.9.2, expected LIBVIRT_0.9.3"),
    ("LIBVIRT_0.9.4 {\n    global:\n", "LIBVIRT_0.9.4 {\n",
     "LIBVIRT_0.9.4: 'virDomainBlockJobAbort' outside global:/local:"),
    ("} LIBVIRT_0.9.3;", "} LIBVIRT_0.9.3;\nLIBVIRT_0.9.5 global;",
     "cannot read 'LIBVIRT_0.9.5 global;'"),
]


def test_files(tap, scratch):
    expected, problems = expected_problems(EXPECTED)
    tap.result(not problems,
               "expected-symbols.txt: %d symbols, each in upstream's node" % len(expected),
               problems)
    listed, nodes, problems = syms_problems(SYMS, expected)
    tap.result(not problems, "libvirt_public.syms: %d symbols in %d nodes, as expected" %
               (len(listed), len(nodes)), problems)

    with open(EXPECTED) as f:
        expected_text = f.read()
    with open(SYMS) as f:
        syms_text = f.read()
    for i, (old, new, want) in enumerate(BAD_EXPECTED):
        path = scratch.write("bad-expected-%d.txt" % i, expected_text.replace(old, new, 1))
        problems = expected_problems(path)[1]
        tap.result(want in problems, "a wrong expected-symbols.txt is caught: %s" % want,
                   ["reported instead:"] + problems)
    for i, (old, new, want) in enumerate(BAD_SYMS):
        if old not in syms_text:
            tap.result(False, "a wrong libvirt_public.syms is caught: %s" % want,
                       ["libvirt_public.syms has no %r to change" % old])
            continue
        path = scratch.write("bad-%d.syms" % i, syms_text.replace(old, new, 1))
        try:
            problems = syms_problems(path, expected)[2]
        except apicompat.CheckError as e:
            problems = [str(e).replace(path + ": ", "")]
        tap.result(want in problems, "a wrong libvirt_public.syms is caught: %s" % want,
                   ["reported instead:"] + problems)
    return expected


def run_generator(table=None):
    argv = [sys.executable, GENERATOR, "--check"]
    if table:
        argv += ["--table", table]
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    return proc.returncode, proc.stdout


# Wrong tables, and what the generator must say about each.
BAD_TABLES = [
    ("virDomainDestroyFlags                        LIBVIRT_0.9.4",
     "virDomainDestroyFlags                        LIBVIRT_0.9.3",
     "stale generated files"),
    ("virDomainDestroyFlags                        LIBVIRT_0.9.4",
     "virDomainDestroyFlags                        LIBVIRT_0.9.99",
     "unknown version nodes: LIBVIRT_0.9.99"),
    ("virDomainDestroyFlags ", "virDomainDestroyFlagz ",
     "virDomainDestroyFlagz: our headers do not declare it"),
    ("virDomainSuspend ", "# virDomainSuspend ",
     "declared but not in the table: virDomainSuspend"),
]


def test_generator(tap, scratch, expected):
    """The generated files are what src/libvirt-api.py writes from the
    table, and it refuses tables that disagree with upstream or with
    our headers."""
    rc, out = run_generator()
    tap.result(rc == 0, "the files generated from src/libvirt-api.txt are up to date",
               out.splitlines())
    with open(TABLE) as f:
        table = f.read()
    for i, (old, new, want) in enumerate(BAD_TABLES):
        if old not in table:
            tap.result(False, "a wrong table is caught: %s" % want,
                       ["the table has no %r to change" % old])
            continue
        path = scratch.write("bad-table-%d.txt" % i, table.replace(old, new, 1))
        rc, out = run_generator(path)
        tap.result(rc != 0 and want in out, "a wrong table is caught: %s" % want,
                   ["exit %d:" % rc] + out.splitlines())


def stub_source(expected):
    """A C file defining every symbol of @expected, with the kind
    (function or data) upstream gives it."""
    exported = apicompat.objdump_dynamic(apicompat.UPSTREAM_LIBRARY)
    source = ""
    for name in sorted(expected):
        if exported.get(name, (None, None, "function"))[2] == "object":
            source += "void *%s = 0;\n" % name
        else:
            source += "void %s(void) {}\n" % name
    return source


def test_public_library(tap, scratch, expected):
    source = stub_source(expected) + "void virGraceNotExported(void) {}\n"
    with open(SYMS) as f:
        lib = build_library(scratch, "public", source, f.read(), soname="libvirt.so.0")
    rc, out = run_check(lib, EXPECTED)
    tap.result(rc == 0 and "not ok" not in out,
               "a library linked with libvirt_public.syms passes check-symbols.py",
               out.splitlines())
    return lib


def build_client(scratch, expected):
    """A program built against Debian's libvirt-dev that refers to every
    symbol of @expected, so that loading it resolves them all."""
    text = "#include <libvirt/libvirt.h>\n#include <libvirt/virterror.h>\n"
    text += "static void *volatile refs[] = {\n"
    text += "".join("    (void *) &%s,\n" % name for name in sorted(expected))
    text += "};\nint main(void) { return refs[0] == 0; }\n"
    src = scratch.write("client.c", text)
    exe = os.path.join(scratch.path, "client")
    rc, out, err = apicompat.run(apicompat.compiler("CC", "gcc") +
                                 ["-w", "-o", exe, src, "-lvirt"])
    if rc != 0:
        raise apicompat.CheckError("cannot build a client of Debian's libvirt:\n" +
                                   apicompat.indent(err))
    return exe


def run_client(exe, lib):
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(lib), LD_BIND_NOW="1")
    proc = subprocess.run([exe], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    return proc.returncode, proc.stdout


def test_client(tap, scratch, expected, lib):
    exe = build_client(scratch, expected)
    rc, out = run_client(exe, lib)
    tap.result(rc == 0, "a program linked against Debian's libvirt loads with our "
               "libvirt_public.syms library in its place", out.splitlines())

    # The same with one symbol moved to an older node: the dynamic linker
    # must refuse, which is what the checks above exist to prevent.
    with open(SYMS) as f:
        script = f.read()
    moved = script.replace("        virDomainDestroyFlags;\n", "", 1)
    moved = moved.replace("        virDomainDestroy;\n",
                          "        virDomainDestroy;\n        virDomainDestroyFlags;\n", 1)
    bad = build_library(scratch, "misplaced", stub_source(expected), moved,
                        soname="libvirt.so.0")
    rc, out = run_client(exe, bad)
    tap.result(rc != 0 and "virDomainDestroyFlags" in out and "LIBVIRT_0.9.4" in out,
               "that program does not load when virDomainDestroyFlags is in the wrong node",
               ["exit %d:" % rc] + out.splitlines())


def test_bad_library(tap, scratch, name, spec):
    script, extra, extra_expected, title, diag = spec
    source = SMALL_SOURCE + extra
    if name == "wrong-data-kind":
        source = source.replace("void *virConnectAuthPtrDefault = 0;",
                                "void virConnectAuthPtrDefault(void) {}")
    lib = build_library(scratch, name, source, script)
    expected = scratch.write(name + ".expected", SMALL_EXPECTED + extra_expected)
    rc, out = run_check(lib, expected)
    failed_titles = [l for l in out.splitlines() if l.startswith("not ok")]
    ok = (rc != 0 and any(title in t for t in failed_titles) and
          any(l.startswith("# ") and l.endswith(diag) for l in out.splitlines()))
    tap.result(ok, "check-symbols.py rejects a library with a %s problem" % name,
               ["wanted a failing case %r saying %r; got (exit %d):" % (title, diag, rc)] +
               out.splitlines())


def main():
    tap = apicompat.Tap()
    scratch = apicompat.Scratch()
    try:
        expected = test_files(tap, scratch)
        test_generator(tap, scratch, expected)
        lib = test_public_library(tap, scratch, expected)
        test_client(tap, scratch, expected, lib)
        lib = build_library(scratch, "small", SMALL_SOURCE,
                            SMALL_GOOD)
        expected_small = scratch.write("small.expected", SMALL_EXPECTED)
        rc, out = run_check(lib, expected_small)
        tap.result(rc == 0, "check-symbols.py accepts a small correct library",
                   out.splitlines())
        for name, spec in BAD_LIBRARIES.items():
            test_bad_library(tap, scratch, name, spec)
        rc, out = run_check(os.path.join(scratch.path, "missing.so"))
        tap.result(rc != 0 and "missing.so does not exist" in out,
                   "check-symbols.py fails on a library that does not exist", out.splitlines())
    except apicompat.CheckError as e:
        tap.result(False, "the symbol checks could run", str(e).splitlines())
    finally:
        scratch.cleanup()
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
