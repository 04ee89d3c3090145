#!/usr/bin/env python3
"""The TEST_ASSERT* macros of tests/testutils.h, checked from outside.

Runs the fixture program testassertfixture (argv[1]) and reads its TAP:
every case of the fixture but "pass-all" must fail, with a comment
naming testassertfixture.c and the line marked "fails: TITLE" in its
source, the expression as written and the values compared; its cleanup
must run and the code after the assertion must not.  "pass-all" uses
every macro on values that hold and must pass.  The fixture as a whole
must exit with a failure.

SPDX-License-Identifier: LGPL-2.1-or-later
"""

import os
import re
import subprocess
import sys

# title: the text that must follow "assertion failed: "
EXPECT = {
    "assert": "three == 4",
    "msg": "what == NULL: widget is 7",
    "fail": "gave up after 5 tries",
    "eq-int": "got + (calls++ * 0) == 42: 41 == 42",
    "cmp-int": "big >= 0: -5000000000 >= 0",
    "eq-hex": "mask == 1ULL << 14: 0x4100 == 0x4000",
    "cmp-double": "elapsed < 0.9: 1.250 < 0.900",
    "eq-str": 'name == "beta": "alpha" != "beta"',
    "eq-str-null": 'none == "beta": "<null>" != "beta"',
    "contains": 'text contains "reason=": "pid=12 name=x" lacks "reason="',
    "lacks": 'text lacks "pid=": "pid=12 name=x" contains "pid="',
    "ok": "testReturnFailure(): returned -1: operation failed: could not frob knob",
    "fails": 'g_strcmp0("a", "a"): succeeded (returned 0), expected a failure',
    "nonnull": "nothing: NULL: no error",
    "error-none": "error VIR_ERR_NO_DOMAIN [42/-1] '<null>...': no error reported",
    "error-code": ("error VIR_ERR_NO_DOMAIN [42/-1] '<null>...': got [9/10] "
                   "'operation failed: could not frob knob'"),
    "error-domain": ("error VIR_ERR_OPERATION_FAILED [9/0] '<null>...': got [9/10] "
                     "'operation failed: could not frob knob'"),
    "error-prefix": ("error VIR_ERR_OPERATION_FAILED [9/10] 'operation failed: "
                     "could not twist...': got [9/10] "
                     "'operation failed: could not frob knob'"),
    "exited": "status: killed by signal 9, expected exited 0",
    "killed": "status: exited 3, expected killed by signal 15",
}

results = []


def check(ok, title, *diag):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), title))
    if not ok:
        for d in diag:
            for line in str(d).splitlines():
                print("# " + line)


def main():
    fixture = sys.argv[1]
    source = os.path.join(os.environ["abs_srcdir"], "testassertfixture.c")
    lines = {}
    with open(source) as f:
        for n, line in enumerate(f, 1):
            m = re.search(r"/\* fails: (\S+) \*/", line)
            if m:
                lines[m.group(1)] = n
    check(sorted(lines) == sorted(EXPECT), "every failing case has one marked line",
          sorted(lines), sorted(EXPECT))

    env = dict(os.environ)
    env.pop("VIR_TEST_ONLY", None)
    proc = subprocess.run([fixture], capture_output=True, text=True, env=env,
                          timeout=60)
    out = proc.stdout
    check(proc.returncode == 1, "the fixture exits with a failure",
          "exit status %d" % proc.returncode, out)

    # Split the TAP into cases: the comments printed by a case come
    # before its "ok"/"not ok" line; the harness's "last error:" line
    # comes right after a failing one.
    cases = {}
    pending = []
    last = None
    for line in out.splitlines():
        m = re.match(r"(ok|not ok) \d+ - (\S+)$", line)
        if m:
            last = m.group(2)
            cases[last] = (m.group(1), pending)
            pending = []
        elif line.startswith("# last error: ") and not pending and last:
            cases[last][1].append(line[2:])
        elif line.startswith("# "):
            pending.append(line[2:])

    for title, text in EXPECT.items():
        status, diag = cases.get(title, (None, []))
        check(status == "not ok", "%s: the case fails" % title, status, *diag)
        want = "testassertfixture.c:%d: assertion failed: %s" % (lines.get(title, 0), text)
        hits = [d for d in diag if re.search(r"(^|/)" + re.escape(want) + "$", d)]
        check(len(hits) == 1 and diag.index(hits[0]) == 0,
              "%s: reports file:line, expression and values first" % title,
              "wanted: " + want, *diag)
        check(("cleanup of %s" % title) in diag, "%s: goes to cleanup" % title, *diag)
        check(not any("ran past" in d for d in diag),
              "%s: nothing after the assertion runs" % title, *diag)
    check(not any("evaluated" in d for d in cases.get("eq-int", (None, []))[1]),
          "eq-int: each argument is evaluated once", *cases.get("eq-int", (None, []))[1])

    status, diag = cases.get("pass-all", (None, []))
    check(status == "ok" and not diag, "pass-all: every macro that holds lets the case pass",
          status, *diag)

    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
