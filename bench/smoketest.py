#!/usr/bin/env python3
# smoketest.py: the benchmark's programs work, against our library
#
#   smoketest.py BUILDDIR
#
# The benchmark itself (./run bench) is not part of the test suite; this
# makes sure its pieces keep working: the client built against Debian's
# libvirt-dev runs against our build/src/libvirt.so.0 (one create and
# destroy of each kind), every contract rule it checks passes on ours,
# the raw QEMU measure runs, and the report renders what they print.
# Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

builddir = Path(sys.argv[1]).resolve()
srcdir = Path(__file__).resolve().parent
client = builddir / "bench" / "benchclient"
raw = builddir / "bench" / "rawqemu"
# Unique to this run: the client finds a domain's QEMU by its name among
# all processes, and two runs at once (two build trees on one machine)
# must not find each other's.
prefix = f"lvgbsmoke{os.getpid()}-"
cases = []


def case(name):
    def wrap(fn):
        cases.append((name, fn))
        return fn
    return wrap


def records(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def run(cmd, env=None, timeout=120):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                       env=env, timeout=timeout)
    if p.returncode != 0:
        raise AssertionError(f"{cmd[0]} exited {p.returncode}: {p.stderr[-2000:]}")
    return records(p.stdout)


def samples(recs, metric):
    for r in recs:
        if r["kind"] == "samples" and r["metric"] == metric:
            return r["samples"]
    raise AssertionError(f"no {metric} in {recs}")


root = Path(tempfile.mkdtemp(prefix="lvgbs-", dir="/tmp"))
(root / "etc").mkdir()
(root / "etc" / "qemu.conf").write_text(
    "destroy_graceful_timeout = 0.3\ndestroy_term_timeout = 0.5\n")
uri = f"qemu:///embed?root={root}"
ours_env = dict(os.environ, LD_LIBRARY_PATH=str(builddir / "src"))
ours = [client, "--peer", "ours", "--prefix", prefix]
results = []


@case("the client built on Debian's libvirt-dev runs on our library")
def test_lifecycle():
    recs = run(ours + ["--runs", "1", uri, "lifecycle"], env=ours_env)
    info = recs[0]
    lib = Path(info["library"]).resolve()
    assert lib == (builddir / "src" / "libvirt.so.0").resolve(), f"loaded {lib}"
    assert info["libvirt_version"] == 9000000, info
    for metric in ("create_ms", "destroy_default_ms", "destroy_graceful_ms"):
        got = samples(recs, metric)
        assert len(got) >= 1 and all(0 < v < 30000 for v in got), (metric, got)
    results.extend(recs)


@case("without LD_LIBRARY_PATH the same binary uses Debian's library")
def test_debian_link():
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    p = subprocess.run(["ldd", str(client)], capture_output=True, text=True, check=True,
                       env=env)
    line = next(l for l in p.stdout.splitlines() if "libvirt.so.0" in l)
    assert str(builddir) not in line, line


@case("every contract rule the client checks passes on ours")
def test_conform():
    recs = run(ours + ["--log-dir", root / "log" / "qemu", uri, "conform"], env=ours_env)
    rules = [r for r in recs if r["kind"] == "rule"]
    assert len(rules) >= 10, rules
    failed = [f"{r['rule']}: {r['detail']}" for r in rules if not r["pass"]]
    assert not failed, "; ".join(failed)
    results.extend(recs)


@case("GRACEFUL on a frozen QEMU returns right after the timeout")
def test_frozen():
    # The goal is 50 ms (the bench measures it); a loaded test machine
    # gets some slack, not enough for a second wait or a polling tick.
    recs = run(ours + ["--runs", "1", "--nominal", "0.3", uri, "frozen"], env=ours_env)
    over = samples(recs, "graceful_overshoot_ms")
    assert all(0 <= v <= 150 for v in over), over
    results.extend(recs)


@case("the raw QEMU measure runs")
def test_raw():
    recs = run([raw, "--runs", "1", "lifecycle"])
    assert all(0 < v < 30000 for v in samples(recs, "create_ms"))
    assert all(0 < v < 30000 for v in samples(recs, "destroy_default_ms"))
    results.extend(recs)


@case("the report renders the results, conformance table included")
def test_report():
    out = root / "report"
    out.mkdir()
    data = out / "results.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in results))
    p = subprocess.run([sys.executable, srcdir / "report.py", "--no-chart", data, out],
                       capture_output=True, text=True)
    text = (out / "results.md").read_text()
    assert "| create: XML to running | ms |" in text, text
    assert "**pass**: rc -1, VIR_ERR_INVALID_ARG (8)" in text, text
    assert "| destroy >= 30x faster than upstream | n/a | NO |" in text, text
    # Goals cannot be met without upstream's figures: exit status 1.
    assert p.returncode == 1, p.stderr


@case("no QEMU is left behind")
def test_leftovers():
    left = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(a.startswith(b"guest=" + prefix.encode()) for a in cmdline):
            left.append(proc.name)
    assert not left, f"QEMU processes left: {left}"


def main():
    print(f"1..{len(cases)}")
    failed = 0
    for i, (name, fn) in enumerate(cases, 1):
        try:
            fn()
            print(f"ok {i} - {name}")
        except Exception as e:  # report every failure as a test case
            failed += 1
            print(f"not ok {i} - {name}")
            for line in str(e).splitlines():
                print(f"# {line}")
    shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
