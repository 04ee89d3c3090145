#!/usr/bin/python3
# report.py: the benchmark's table, goals, conformance table and chart
#
#   report.py [--no-chart] RESULTS.jsonl OUTDIR
#
# RESULTS.jsonl holds what rawqemu and benchclient printed (and the
# configuration lines run-bench.sh adds).  Writes OUTDIR/results.md
# (also printed) and OUTDIR/chart.png (python3-matplotlib).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import statistics
import sys
from pathlib import Path

PEERS = ("raw", "ours", "upstream")
PEER_TITLES = {"raw": "raw QEMU", "ours": "ours", "upstream": "upstream 9.0.0",
               "host": "machine"}


def load(path):
    samples, notes, rules, info, config = {}, {}, {}, {}, {}
    for line in Path(path).read_text().splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        peer, kind = rec["peer"], rec["kind"]
        if kind == "samples":
            samples.setdefault(peer, {})[rec["metric"]] = rec["samples"]
        elif kind == "note":
            notes.setdefault(peer, {})[rec["metric"]] = rec["text"]
        elif kind == "rule":
            rules.setdefault(peer, {})[rec["rule"]] = rec
        elif kind == "info":
            info.setdefault(peer, rec)
        elif kind == "config":
            config.setdefault(peer, {}).update(rec)
    return samples, notes, rules, info, config


def median(values):
    return statistics.median(values) if values else None


def fmt_num(v, unit):
    if v is None:
        return "n/a"
    if unit == "MiB":
        return f"{v:.1f}"
    if unit == "M":
        return f"{v:.2f}"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def cell(values, unit, scale=1.0):
    """median (min-max, n) of the samples, scaled."""
    if not values:
        return "n/a"
    vals = [v * scale for v in values]
    med = median(vals)
    if len(vals) == 1:
        return fmt_num(med, unit)
    return f"{fmt_num(med, unit)} ({fmt_num(min(vals), unit)}–{fmt_num(max(vals), unit)}, n={len(vals)})"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(r):
    if r is None:
        return "n/a"
    return f"{r:,.0f}x" if r >= 100 else f"{r:.1f}x" if r >= 10 else f"{r:.2f}x"


# (metric, title, unit, scale, what each peer's figure covers)
ROWS = [
    ("create_ms", "create: XML to running", "ms", 1.0),
    ("destroy_default_ms", "destroy DEFAULT (idle guest)", "ms", 1.0),
    ("destroy_graceful_ms", "destroy GRACEFUL (idle guest)", "ms", 1.0),
    ("parallel_destroy_ms", "20 domains destroyed in parallel, total", "ms", 1.0),
    ("graceful_overshoot_ms", "GRACEFUL on a frozen QEMU: return after the timeout", "ms", 1.0),
    ("virsh_list_running_ms", "`virsh list --all`, 20 defined and running", "ms", 1.0),
    ("virsh_list_defined_ms", "`virsh list --all`, 20 defined and shut off", "ms", 1.0),
    ("rss_kib", "resident memory hosting the driver, 20 running", "MiB", 1 / 1024),
    ("cpu_cycle_ms", "CPU time of the driver's processes per create+destroy", "ms", 1.0),
    ("instructions", "instructions per create+destroy, in our process", "M", 1e-6),
]


# The same figures through the daemons (daemonbench.py).
WIRE_ROWS = [
    ("wire_virsh_floor_ms", "Debian's `virsh uri` on test:///default (the floor: no daemon)", "ms", 1.0),
    ("wire_virsh_destroy_ms", "Debian's `virsh destroy`, idle guest (whole command)", "ms", 1.0),
    ("wire_virsh_list_running_ms", "Debian's `virsh list --all`, 20 running", "ms", 1.0),
    ("wire_rss_kib", "daemon resident memory, 20 running", "MiB", 1 / 1024),
    ("wire_parallel_destroy_ms", "20 destroyed in parallel (python3-libvirt, a connection each)", "ms", 1.0),
    ("wire_event_latency_ms", "QEMU's exit (killed) to STOPPED in python3-libvirt's callback", "ms", 1.0),
    ("wire_event_kill_ms", "the same from the kill(): QEMU's own exit included", "ms", 1.0),
    ("hostshutdown_ms", "host shutdown of 20 guests that obey ACPI (ours: SIGTERM to the daemon's exit; upstream: libvirt-guests.sh stop)", "ms", 1.0),
    ("rtt_state_unix_us", "get-state round trip, running guest, UNIX socket (python3-libvirt)", "µs", 1.0),
    ("rtt_state_tls_us", "get-state round trip, running guest, qemu+tls on loopback", "µs", 1.0),
    ("rtt_version_unix_us", "get-lib-version round trip (transport alone), UNIX socket", "µs", 1.0),
    ("rtt_version_tls_us", "get-lib-version round trip (transport alone), qemu+tls on loopback", "µs", 1.0),
]


def main():
    args = sys.argv[1:]
    draw = "--no-chart" not in args
    results, outdir = [a for a in args if a != "--no-chart"]
    outdir = Path(outdir)
    samples, notes, rules, info, config = load(results)
    get = lambda peer, metric: samples.get(peer, {}).get(metric)
    med = lambda peer, metric: median(get(peer, metric) or [])
    out = []
    w = out.append

    w("# libvirt-grace vs upstream libvirt 9.0.0 vs raw QEMU\n")
    for peer in ("ours", "upstream"):
        i = info.get(peer)
        if i:
            w(f"- {PEER_TITLES[peer]}: `{i['uri']}`, library `{i['library']}`")
    for peer, c in config.items():
        items = ", ".join(f"{k} {v}" for k, v in c.items() if k not in ("peer", "kind"))
        w(f"- {PEER_TITLES.get(peer, peer)} settings: {items}")
    w("- figures: median (min–max, n runs); idle TCG guest, 128 MiB, no disk\n")

    w("| figure | unit | raw QEMU | ours | upstream 9.0.0 | upstream / ours | ours / raw |")
    w("| --- | --- | --- | --- | --- | --- | --- |")
    for metric, title, unit, scale in ROWS:
        cells = [cell(get(p, metric), unit, scale) for p in PEERS]
        up_ours = ratio(med("upstream", metric), med("ours", metric))
        ours_raw = ratio(med("ours", metric), med("raw", metric))
        if metric == "graceful_overshoot_ms":
            up_ours = ours_raw = None
        w(f"| {title} | {unit} | " + " | ".join(cells) +
          f" | {fmt_ratio(up_ours)} | {fmt_ratio(ours_raw)} |")
    w("")

    # What the rows cover, and what happened on the frozen QEMU.
    for peer in ("ours", "upstream"):
        text = notes.get(peer, {}).get("graceful_frozen_outcome")
        if text:
            nominal = config.get(peer, {}).get("graceful_timeout_s", "?")
            w(f"- GRACEFUL on a frozen QEMU, {PEER_TITLES[peer]} (timeout {nominal} s): {text}")
    for peer, metric, label in (("ours", "rss_client_kib", "the client (the driver runs in it)"),
                                ("upstream", "rss_client_kib", "the client"),
                                ("upstream", "rss_libvirtd_kib", "libvirtd"),
                                ("upstream", "rss_virtlogd_kib", "virtlogd (not in the total)")):
        if get(peer, metric):
            w(f"- resident memory, {PEER_TITLES[peer]}, {label}: {cell(get(peer, metric), 'MiB', 1 / 1024)} MiB")
    for peer, metric, label in (("ours", "cpu_cycle_client_ms", "the client (the driver runs in it)"),
                                ("upstream", "cpu_cycle_client_ms", "the client"),
                                ("upstream", "cpu_cycle_libvirtd_ms", "libvirtd"),
                                ("upstream", "cpu_cycle_virtlogd_ms", "virtlogd")):
        if get(peer, metric):
            w(f"- CPU time per cycle, {PEER_TITLES[peer]}, {label}: {cell(get(peer, metric), 'ms')} ms")
    for peer in PEERS:
        for key, text in notes.get(peer, {}).items():
            if key != "graceful_frozen_outcome":
                w(f"- {PEER_TITLES[peer]}, {key}: {text}")
    w("")

    # The goals of issue 6.
    w("## Goals\n")
    w("| goal | measured | met |")
    w("| --- | --- | --- |")
    goals = []
    r = ratio(med("upstream", "destroy_default_ms"), med("ours", "destroy_default_ms"))
    goals.append(("destroy >= 30x faster than upstream", fmt_ratio(r), r is not None and r >= 30))
    r = ratio(med("ours", "destroy_default_ms"), med("raw", "destroy_default_ms"))
    goals.append(("destroy within 3x of raw", fmt_ratio(r), r is not None and r <= 3))
    r = ratio(med("upstream", "create_ms"), med("ours", "create_ms"))
    goals.append(("create >= 4x faster than upstream", fmt_ratio(r), r is not None and r >= 4))
    r = ratio(med("ours", "create_ms"), med("raw", "create_ms"))
    goals.append(("create within 2x of raw", fmt_ratio(r), r is not None and r <= 2))
    r = ratio(med("upstream", "parallel_destroy_ms"), med("ours", "parallel_destroy_ms"))
    goals.append(("parallel destroy of 20 >= 10x faster", fmt_ratio(r), r is not None and r >= 10))
    over = get("ours", "graceful_overshoot_ms")
    worst = max(abs(v) for v in over) if over else None
    goals.append(("graceful timeout precise to 50 ms",
                  f"worst {fmt_num(worst, 'ms')} ms after the timeout" if over else "n/a",
                  worst is not None and worst <= 50))
    for goal, measured, met in goals:
        w(f"| {goal} | {measured} | {'yes' if met else 'NO'} |")
    w("")

    # Through the daemons, with Debian's client binaries (issue 13).
    if get("ours", "wire_virsh_destroy_ms") or get("ours", "rtt_state_unix_us"):
        w("## Through the daemon: virtqemud and libvirtd, Debian's virsh and python3-libvirt\n")
        w("| figure | ours (virtqemud) | upstream 9.0.0 (libvirtd) | upstream / ours |")
        w("| --- | --- | --- | --- |")
        for metric, title, unit, scale in WIRE_ROWS:
            a, b = get("ours", metric), get("upstream", metric)
            r = ratio(median([v * scale for v in b]) if b else None,
                      median([v * scale for v in a]) if a else None)
            w(f"| {title} | {cell(a, unit, scale)} | {cell(b, unit, scale)} | {fmt_ratio(r)} |")
        w("")
        w("| goal (issue 13) | measured | met |")
        w("| --- | --- | --- |")
        wgoals = []
        v = med("ours", "wire_virsh_destroy_ms")
        wgoals.append(("Debian's `virsh destroy` of an idle guest <= 30 ms",
                       f"{fmt_num(v, 'ms')} ms", v is not None and v <= 30))
        r = ratio(med("ours", "wire_virsh_list_running_ms"), med("upstream", "wire_virsh_list_running_ms"))
        wgoals.append(("`virsh list --all`, 20 running, <= half of upstream's",
                       fmt_ratio(r), r is not None and r <= 0.5))
        v = med("ours", "wire_rss_kib")
        wgoals.append(("daemon RSS, 20 running, <= 15 MiB",
                       f"{fmt_num(v / 1024 if v else None, 'MiB')} MiB", v is not None and v <= 15 * 1024))
        v = med("ours", "wire_parallel_destroy_ms")
        wgoals.append(("20 parallel destroys through the daemon <= 0.4 s",
                       f"{fmt_num(v, 'ms')} ms", v is not None and v <= 400))
        v = med("ours", "wire_event_latency_ms")
        wgoals.append(("event at the client within 20 ms of QEMU's exit (issue 14)",
                       f"{fmt_num(v, 'ms')} ms", v is not None and v <= 20))
        for goal, measured, met in wgoals:
            w(f"| {goal} | {measured} | {'yes' if met else 'NO'} |")
        w("")
        goals += wgoals

    # The contract.
    w("## Contract conformance (STOP-SEMANTICS.md, as an API caller sees it)\n")
    w("| rule | upstream 9.0.0 | ours |")
    w("| --- | --- | --- |")
    order = list(rules.get("ours", {}).keys()) or list(rules.get("upstream", {}).keys())
    for name in order:
        rec = rules.get("ours", {}).get(name) or rules.get("upstream", {}).get(name)
        row = [rec["title"].replace("|", "\\|")]
        for peer in ("upstream", "ours"):
            r = rules.get(peer, {}).get(name)
            if not r:
                row.append("not run")
            else:
                detail = r["detail"].replace("|", "\\|")
                row.append(f"**{'pass' if r['pass'] else 'FAIL'}**: {detail}")
        w("| " + " | ".join(row) + " |")
    w("")

    text = "\n".join(out)
    (outdir / "results.md").write_text(text)
    print(text)
    if draw:
        chart(samples, outdir / "chart.png")
        print(f"\nwritten: {outdir / 'results.md'}, {outdir / 'chart.png'}")
    return 0 if all(met for _, _, met in goals) else 1


def chart(samples, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = [("create_ms", "create"), ("destroy_default_ms", "destroy"),
               ("destroy_graceful_ms", "destroy\nGRACEFUL"),
               ("parallel_destroy_ms", "20 destroyed\nin parallel")]
    colors = {"raw": "#999999", "ours": "#2a7ab9", "upstream": "#d9822b"}
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 5), gridspec_kw={"width_ratios": [3, 1]})
    width = 0.27
    for k, peer in enumerate(PEERS):
        xs, meds, lo, hi = [], [], [], []
        for j, (metric, _) in enumerate(metrics):
            vals = samples.get(peer, {}).get(metric)
            if not vals:
                continue
            m = median(vals)
            xs.append(j + (k - 1) * width)
            meds.append(m)
            lo.append(m - min(vals))
            hi.append(max(vals) - m)
        bars = ax.bar(xs, meds, width, yerr=[lo, hi], capsize=3, color=colors[peer],
                      label=PEER_TITLES[peer])
        for b, m, h in zip(bars, meds, hi):
            ax.annotate(fmt_num(m, "ms"), (b.get_x() + b.get_width() / 2, m + h),
                        ha="center", va="bottom", fontsize=7, xytext=(0, 2),
                        textcoords="offset points")
    ax.set_yscale("log")
    ax.set_xticks(range(len(metrics)), [t for _, t in metrics])
    ax.set_ylabel("milliseconds (log scale), median, bars min–max")
    ax.set_title("Idle TCG guest, 128 MiB")
    ax.legend()
    ax.grid(axis="y", which="both", alpha=0.3)

    peers = [p for p in ("ours", "upstream") if samples.get(p, {}).get("rss_kib")]
    vals = [median(samples[p]["rss_kib"]) / 1024 for p in peers]
    bars = ax2.bar([PEER_TITLES[p] for p in peers], vals, color=[colors[p] for p in peers])
    for b, v in zip(bars, vals):
        ax2.annotate(f"{v:.1f}", (b.get_x() + b.get_width() / 2, v), ha="center",
                     va="bottom", fontsize=8)
    ax2.set_ylabel("MiB")
    ax2.set_title("RSS hosting the driver,\n20 running domains")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    sys.exit(main())
