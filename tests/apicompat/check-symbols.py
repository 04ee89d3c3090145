#!/usr/bin/env python3
# check-symbols.py LIB: does LIB export upstream's public symbols, as upstream does?
#
# A program linked against Debian's libvirt.so.0 records, for every libvirt
# function it calls, the symbol version node it found it in (for example
# virDomainDestroyFlags@@LIBVIRT_0.9.4); the dynamic linker refuses to run
# it against a library that lacks that exact name and node.  So LIB must:
#   - export every symbol with a version node (objdump -T);
#   - export only symbols upstream exports in its public nodes: anything
#     else is an internal symbol leaking out (upstream's LIBVIRT_PRIVATE_*
#     nodes are internal too);
#   - put each in upstream's node, as the default version (@@), and of
#     the same kind (function or data);
#   - define its version nodes in upstream's order, each inheriting from
#     the one before it (objdump -p);
#   - with --expected FILE ("SYMBOL NODE" lines), export every symbol the
#     file lists, in the node it names;
#   - with --complete, export every public symbol upstream exports and
#     define every public version node upstream defines (the private
#     LIBVIRT_PRIVATE_* nodes excepted): the whole ABI.
#
# Prints TAP; exits non-zero when any case fails.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import os
import sys

import apicompat


def is_private(version):
    return version is not None and "PRIVATE" in version


def show(name, info):
    version, hidden, kind = info
    if version is None:
        return "%s (no version node)" % name
    if hidden:
        # objdump_dynamic() keys these as name@VERSION already.
        return "%s (%s, not the default version)" % (name, kind)
    return "%s@@%s (%s)" % (name, version, kind)


def read_expected(path):
    """The "SYMBOL NODE" lines of @path, as {symbol: node}."""
    ret = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if len(fields) != 2:
                raise apicompat.CheckError("%s:%d: expected \"SYMBOL NODE\", got %r" %
                                           (path, number, line))
            if fields[0] in ret:
                raise apicompat.CheckError("%s:%d: %s is listed twice" %
                                           (path, number, fields[0]))
            ret[fields[0]] = fields[1]
    return ret


def check_chain(chain, upstream_chain):
    """Problems with the version definitions @chain of the library."""
    order = [name for name, parent in upstream_chain if not is_private(name)]
    position = {name: i for i, name in enumerate(order)}
    problems = []
    known = [name for name, parent in chain if name in position]
    for name, parent in chain:
        if name not in position:
            problems.append("%s: not one of upstream's public version nodes" % name)
    # Ours must be a subsequence of upstream's chain, each node inheriting
    # from the nearest earlier node we define.
    previous = None
    for name in sorted(known, key=position.get):
        parent = dict(chain)[name]
        if parent != previous:
            problems.append("%s: inherits from %s, expected %s" %
                            (name, parent or "nothing", previous or "nothing"))
        previous = name
    listed = [name for name, parent in chain if name in position]
    if listed != sorted(listed, key=position.get):
        problems.append("version nodes are defined out of upstream's order: " +
                        " ".join(listed))
    return problems


def main():
    parser = argparse.ArgumentParser(description="Compare the symbols LIB exports "
                                     "with upstream libvirt's.")
    parser.add_argument("library", metavar="LIB")
    parser.add_argument("--reference", default=apicompat.UPSTREAM_LIBRARY,
                        help="upstream's library (default: %(default)s)")
    parser.add_argument("--expected", metavar="FILE",
                        help="\"SYMBOL NODE\" lines LIB must all export")
    parser.add_argument("--complete", action="store_true",
                        help="LIB must export all of upstream's public symbols and nodes")
    args = parser.parse_args()
    tap = apicompat.Tap()
    try:
        check(args, tap)
    except apicompat.CheckError as e:
        tap.result(False, "%s could be compared with %s" % (args.library, args.reference),
                   str(e).splitlines())
    return tap.finish()


def check(args, tap):
    for path in (args.library, args.reference):
        if not os.path.exists(path):
            raise apicompat.CheckError("%s does not exist" % path)
    ours = apicompat.objdump_dynamic(args.library)
    theirs = {name: info for name, info in apicompat.objdump_dynamic(args.reference).items()
              if info[0] is not None and not is_private(info[0])}
    lib = os.path.basename(args.library)

    unversioned = sorted(name for name, info in ours.items() if info[0] is None)
    tap.result(bool(ours) and not unversioned,
               "%s exports %d symbols, each in a version node" % (lib, len(ours)),
               ["%s: exported without a version node" % n for n in unversioned] or
               ["it exports nothing"])

    leaked = sorted(name for name in ours if name not in theirs)
    tap.result(not leaked, "%s exports nothing upstream's public API lacks" % lib,
               ["%s: not exported by upstream's public API" % show(n, ours[n])
                for n in leaked])

    misplaced = sorted(name for name in ours
                       if name in theirs and ours[name] != theirs[name])
    tap.result(not misplaced, "%s puts every symbol in upstream's version node" % lib,
               ["%s: upstream exports %s" % (show(n, ours[n]), show(n, theirs[n]))
                for n in misplaced])

    our_chain = apicompat.version_chain(args.library)
    their_chain = apicompat.version_chain(args.reference)
    if args.complete:
        missing = sorted(name for name in theirs if name not in ours)
        tap.result(not missing, "%s exports all %d public symbols of %s" %
                   (lib, len(theirs), os.path.basename(args.reference)),
                   ["%s: not exported" % show(n, theirs[n]) for n in missing])
        nodes = [name for name, parent in our_chain]
        missing = [name for name, parent in their_chain
                   if not is_private(name) and name not in nodes]
        tap.result(not missing, "%s defines all %d public version nodes of %s" %
                   (lib, len([n for n, p in their_chain if not is_private(n)]),
                    os.path.basename(args.reference)),
                   ["%s: not defined" % n for n in missing])
    problems = check_chain(our_chain, their_chain)
    tap.result(not problems, "%s defines its version nodes in upstream's chain" % lib,
               problems)

    if args.expected:
        expected = read_expected(args.expected)
        problems = []
        for name, node in sorted(expected.items()):
            if name not in ours:
                problems.append("%s@@%s: not exported" % (name, node))
            elif ours[name][0] != node or ours[name][1]:
                problems.append("%s@@%s: exported as %s" % (name, node, show(name, ours[name])))
        tap.result(not problems, "%s exports all %d symbols of %s" %
                   (lib, len(expected), os.path.basename(args.expected)), problems)


if __name__ == "__main__":
    sys.exit(main())
