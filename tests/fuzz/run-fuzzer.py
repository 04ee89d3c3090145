#!/usr/bin/env python3
# Runs one libFuzzer target for a bounded time and reports it as TAP.
#
#   run-fuzzer.py --fuzzer BIN --name NAME --corpus DIR [--regress DIR]
#                 [--dict FILE] [--seeds DIR]... --workdir DIR
#
# The time comes from FUZZ_SECONDS (default 60).  libFuzzer starts from
# the seed corpus, the past findings (regress) and any extra seed
# directories, and writes what it discovers to WORKDIR/NAME/corpus, not
# to the source tree.  A finding (crash, leak, timeout, out of memory)
# fails the run and is kept in WORKDIR/NAME/findings: once fixed, copy
# it to tests/fuzz/regress/NAME/ so that every later run replays it.
# The figures (executions, coverage, findings) also go, as one JSON
# line, to $VIR_TEST_RELIAB_REPORT when that is set.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--fuzzer", required=True)
ap.add_argument("--name", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--regress")
ap.add_argument("--dict")
ap.add_argument("--seeds", action="append", default=[])
ap.add_argument("--workdir", required=True)
args = ap.parse_args()

seconds = int(os.environ.get("FUZZ_SECONDS", "60"))
work = os.path.join(args.workdir, args.name)
shutil.rmtree(work, ignore_errors=True)
corpus = os.path.join(work, "corpus")
findings = os.path.join(work, "findings")
os.makedirs(corpus)
os.makedirs(findings)

cmd = [args.fuzzer,
       f"-max_total_time={seconds}",
       "-timeout=10",
       "-rss_limit_mb=2048",
       "-max_len=65536",
       "-print_final_stats=1",
       f"-artifact_prefix={findings}/"]
if args.dict:
    cmd.append(f"-dict={args.dict}")
cmd.append(corpus)
for d in [args.corpus, args.regress] + args.seeds:
    if d and os.path.isdir(d):
        cmd.append(d)

env = dict(os.environ)
env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
env.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
start = time.monotonic()
log_path = os.path.join(work, "fuzzer.log")
with open(log_path, "w") as log:
    rc = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
elapsed = time.monotonic() - start
log = open(log_path, errors="replace").read()

def stat(name):
    m = re.search(r"stat::%s:\s*(\d+)" % name, log)
    return int(m.group(1)) if m else 0

execs = stat("number_of_executed_units")
cov = ft = corp = 0
for m in re.finditer(r"cov: (\d+) ft: (\d+) corp: (\d+)", log):
    cov, ft, corp = (int(x) for x in m.groups())
found = sorted(f for f in os.listdir(findings)
               if f.split("-")[0] in ("crash", "leak", "timeout", "oom"))
ok = rc == 0 and not found and execs > 0

figure = {
    "id": f"fuzz.{args.name}",
    "title": f"libFuzzer on {args.name}",
    "full": os.environ.get("VIR_TEST_RELIABILITY") == "full",
    "seconds": round(elapsed, 1),
    "executions": execs,
    "coverage": cov,
    "features": ft,
    "corpus": corp,
    "findings": len(found),
    "exit_status": rc,
}
report = os.environ.get("VIR_TEST_RELIAB_REPORT")
if report:
    with open(report, "a") as f:
        f.write(json.dumps(figure) + "\n")

print("1..1")
summary = (f"{args.name}: {execs} executions in {elapsed:.0f} s, "
           f"coverage {cov}, corpus {corp}, {len(found)} findings")
print(f"# figure {figure['id']}: " + " ".join(f"{k}={v}" for k, v in figure.items()
                                               if k not in ("id", "title")))
if ok:
    print(f"ok 1 - {summary}")
    sys.exit(0)
print(f"not ok 1 - {summary}")
for f in found:
    print(f"# finding: {os.path.join(findings, f)}")
print(f"# fuzzer exited with status {rc}; its log is {log_path}; the end of it:")
for line in log.splitlines()[-40:]:
    print(f"# {line}")
sys.exit(1)
