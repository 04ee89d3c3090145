#!/usr/bin/env bash
# The benchmark: raw QEMU, our libvirt and upstream libvirt 9.0.0, in
# one run on this machine.  Called by `./run bench` once the packages
# are installed and the tree is built:
#
#   bench/run-bench.sh BUILDDIR
#
# Upstream's daemons are started if they are not running (with what
# they need in a container: the libvirt-qemu user, QEMU run as root)
# and everything the bench changed is put back at the end.  Domains it
# creates are all named lvgbench-*; nothing else is touched.
#
# Knobs (environment): BENCH_RUNS (10: lifecycle and CPU runs),
# BENCH_RTT_CALLS (2000: calls timed per transport in tlsbench.py),
# BENCH_FROZEN_RUNS (3: GRACEFUL on a frozen QEMU; upstream takes ~26 s
# each), BENCH_ROUNDS (3: rounds of 20 parallel destroys), BENCH_COUNT
# (20), BENCH_OUT (BUILDDIR/bench: results.jsonl, results.md, chart.png,
# bench.log).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=$(cd "${1:?usage: run-bench.sh BUILDDIR}" && pwd)
runs=${BENCH_RUNS:-10}
frozen_runs=${BENCH_FROZEN_RUNS:-3}
rounds=${BENCH_ROUNDS:-3}
count=${BENCH_COUNT:-20}
out=${BENCH_OUT:-$builddir/bench}
client=$builddir/bench/benchclient
raw=$builddir/bench/rawqemu
upstream_uri=qemu:///system
upstream_log_dir=/var/log/libvirt/qemu
graceful_timeout=1
term_timeout=2

say() { printf '==> %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || { say "the bench runs upstream's system daemon: run it as root"; exit 1; }
[ -x "$client" ] || { say "$client is missing (is libvirt-dev installed?)"; exit 1; }

mkdir -p "$out"
results=$out/results.jsonl
log=$out/bench.log
: >"$results"
: >"$log"

# ---- upstream's daemons, and what to put back ------------------------
qemu_conf=/etc/libvirt/qemu.conf
restore=()

setup_upstream() {
  if ! id libvirt-qemu >/dev/null 2>&1; then
    getent group kvm >/dev/null || { groupadd -r kvm; restore+=("groupdel kvm"); }
    if ! getent group libvirt-qemu >/dev/null; then
      groupadd -r libvirt-qemu
      restore+=("groupdel libvirt-qemu")
    fi
    useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
    restore+=("userdel libvirt-qemu")
    say "added the libvirt-qemu user (removed at the end)"
  fi
  mkdir -p /var/log/libvirt /run/libvirt
  if ! pgrep -x libvirtd >/dev/null; then
    # Upstream runs QEMU as root without a security driver here (no
    # systemd, no AppArmor in a container).
    if ! grep -q '^user = "root"' "$qemu_conf" 2>/dev/null; then
      local backup
      backup=$(mktemp /tmp/lvgbench-qemu.conf.XXXXXX)
      if [ -f "$qemu_conf" ]; then
        cp -p "$qemu_conf" "$backup"
        restore+=("rm -f $backup" "cp -p $backup $qemu_conf")
      else
        restore+=("rm -f $backup" "rm -f $qemu_conf")
      fi
      printf 'user = "root"\ngroup = "root"\ndynamic_ownership = 0\nremember_owner = 0\nsecurity_driver = "none"\n' >>"$qemu_conf"
      say "configured $qemu_conf for the bench (restored at the end)"
    fi
    if ! pgrep -x virtlogd >/dev/null; then
      virtlogd -d
      restore+=("stop_daemon virtlogd")
    fi
    libvirtd -d
    restore+=("stop_daemon libvirtd")
    say "started libvirtd (stopped at the end)"
  fi
  for _ in $(seq 100); do
    virsh -c "$upstream_uri" version >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  say "upstream libvirtd does not answer on $upstream_uri"
  return 1
}

stop_daemon() {
  local pid
  pid=$(pgrep -x "$1") || return 0
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

our_root=
cleanup() {
  local rc=$?
  # What an interrupted run left: domains first, while the daemons run.
  if [ -n "$our_root" ]; then
    env LD_LIBRARY_PATH="$builddir/src" "$client" --peer ours "qemu:///embed?root=$our_root" cleanup >/dev/null 2>&1 || true
  fi
  "$client" --peer upstream "$upstream_uri" cleanup >/dev/null 2>&1 || true
  # Undo in reverse order of doing.
  for ((i = ${#restore[@]} - 1; i >= 0; i--)); do
    eval "${restore[$i]}" || true
  done
  rm -f "$upstream_log_dir"/lvgbench-*.log
  [ -n "$our_root" ] && rm -rf "$our_root"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- running the peers -----------------------------------------------
failed=0
# run LABEL COMMAND...: one measurement; its JSON lines go to the
# results, its progress to the log and the terminal.
run() {
  local label=$1
  shift
  say "$label"
  if ! "$@" >>"$results" 2> >(tee -a "$log" >&2); then
    say "FAILED: $label"
    failed=1
  fi
}

config() {
  printf '{"peer": "%s", "kind": "config", %s}\n' "$1" "$2" >>"$results"
}

setup_upstream
# Other work on the machine shows in every figure: record the load.
config host "\"cpus\": $(nproc), \"load_before\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"qemu\": \"$(qemu-system-x86_64 --version | head -1)\""

# Ours: an embedded driver in a fresh root, with a 1 s graceful timeout
# (the precision figure) and a 2 s SIGTERM timeout (so that the DEFAULT
# destroy of a frozen QEMU in the contract run is quick).
our_root=$(mktemp -d /tmp/lvgbench-XXXXXX)
mkdir -p "$our_root/etc"
printf 'destroy_graceful_timeout = %s\ndestroy_term_timeout = %s\n' \
  "$graceful_timeout" "$term_timeout" >"$our_root/etc/qemu.conf"
our_uri="qemu:///embed?root=$our_root"
ours=(env LD_LIBRARY_PATH="$builddir/src" "$client" --peer ours)
upstream=("$client" --peer upstream)
config ours "\"graceful_timeout_s\": $graceful_timeout, \"term_timeout_s\": $term_timeout"
config upstream '"graceful_timeout_s": 15, "term_timeout_s": 10'

our_virsh=()
upstream_virsh=(--virsh "$(command -v virsh)")
if [ -x "$builddir/tools/virsh" ]; then
  our_virsh=(--virsh "$builddir/tools/virsh")
else
  printf '{"peer": "ours", "kind": "note", "metric": "virsh", "text": "%s"}\n' \
    "no virsh in this build yet (issue 4): its list --all is not measured" >>"$results"
fi

run "raw QEMU: create and SIGTERM, $runs runs" "$raw" --runs "$runs" lifecycle
run "ours: create, destroy, graceful destroy, $runs runs" "${ours[@]}" --runs "$runs" "$our_uri" lifecycle
run "upstream: create, destroy, graceful destroy, $runs runs" "${upstream[@]}" --runs "$runs" "$upstream_uri" lifecycle

run "ours: GRACEFUL on a frozen QEMU, $frozen_runs runs" "${ours[@]}" --runs "$frozen_runs" --nominal "$graceful_timeout" "$our_uri" frozen
run "upstream: GRACEFUL on a frozen QEMU, $frozen_runs runs (about 26 s each)" "${upstream[@]}" --runs "$frozen_runs" --nominal 15 "$upstream_uri" frozen

run "raw QEMU: $count QEMUs sent SIGTERM at once, $rounds rounds" "$raw" --runs "$rounds" --count "$count" parallel
run "ours: $count domains destroyed in parallel, memory, virsh, $rounds rounds" "${ours[@]}" --runs "$rounds" --count "$count" "${our_virsh[@]}" "$our_uri" parallel
run "upstream: $count domains destroyed in parallel, memory, virsh, $rounds rounds" "${upstream[@]}" --runs "$rounds" --count "$count" "${upstream_virsh[@]}" --daemon libvirtd --daemon virtlogd "$upstream_uri" parallel

run "ours: CPU time per create+destroy, $runs runs" "${ours[@]}" --runs "$runs" "$our_uri" cpu
run "upstream: CPU time per create+destroy, $runs runs" "${upstream[@]}" --runs "$runs" --daemon libvirtd --daemon virtlogd "$upstream_uri" cpu
run "ours: instructions per create+destroy (single-stepped: about 2 minutes)" \
  env LD_LIBRARY_PATH="$builddir/src" "$builddir/bench/inscount" --peer ours -- \
  "$client" --peer ours "$our_uri" cycle

# Through the daemons (issue 13), with Debian's virsh and python3-libvirt
# on both sides: our virtqemud on a root of its own, upstream's libvirtd.
daemon_root=$(mktemp -d /tmp/lvgbench-d-XXXXXX)
mkdir -p "$daemon_root/etc"
cp "$our_root/etc/qemu.conf" "$daemon_root/etc/"
"$builddir/src/virtqemud" --root "$daemon_root" --daemon --pid-file "$daemon_root/virtqemud.pid"
daemon_uri="qemu+unix:///system?socket=$daemon_root/run/virtqemud-sock"
# Undone in reverse: the domains an interrupted run left, the daemon
# (guests outlive it by design), its root.
restore+=("rm -rf $daemon_root" "kill \$(cat $daemon_root/virtqemud.pid)"
          "$client --peer ours '$daemon_uri' cleanup >/dev/null 2>&1")
config ours "\"daemon_uri\": \"$daemon_uri\""
run "ours through virtqemud: virsh destroy, virsh list, memory, $count parallel destroys" \
  /usr/bin/python3 "$top/bench/daemonbench.py" --peer ours --daemon virtqemud \
  --runs "$runs" --count "$count" "$daemon_uri"
run "upstream through libvirtd: the same" \
  /usr/bin/python3 "$top/bench/daemonbench.py" --peer upstream --daemon libvirtd \
  --daemon virtlogd --runs "$runs" --count "$count" "$upstream_uri"

# One call's round trip over each transport (issue 16): UNIX socket and
# TLS on loopback, our virtqemud and upstream's libvirtd each started
# with --listen and test certificates by the script itself.
run "round trips of get-state over UNIX and TLS, ours and upstream" \
  /usr/bin/python3 "$top/bench/tlsbench.py" --calls "${BENCH_RTT_CALLS:-2000}" "$builddir"

# Host shutdown (issue 14): COUNT tiny guests that obey ACPI, stopped
# by SIGTERM to a virtqemud with auto_shutdown_* set.
run "ours: host shutdown of $count guests through virtqemud" \
  /usr/bin/python3 "$top/bench/hostshutdownbench.py" --virtqemud "$builddir/src/virtqemud" \
  --tinyguest "$builddir/tinyguest" --count "$count"
run "upstream: the same guests stopped by Debian's libvirt-guests.sh, same settings" \
  /usr/bin/python3 "$top/bench/hostshutdownbench.py" --virtqemud "$builddir/src/virtqemud" \
  --tinyguest "$builddir/tinyguest" --count "$count" --libvirt-guests
printf '{"peer": "upstream", "kind": "note", "metric": "hostshutdown", "text": "%s"}\n' \
  "Debian's libvirt 9.0 has no host shutdown in its daemon: its libvirt-guests.sh (ON_SHUTDOWN=shutdown, PARALLEL_SHUTDOWN=$count, the same wait) stops the same guests on our virtqemud as a client, from outside; it has no graceful-destroy stage" >>"$results"

run "ours: the destroy contract" "${ours[@]}" --log-dir "$our_root/log/qemu" "$our_uri" conform
run "upstream: the destroy contract (about 70 s)" "${upstream[@]}" --log-dir "$upstream_log_dir" "$upstream_uri" conform

config host "\"load_after\": \"$(cut -d' ' -f1-3 /proc/loadavg)\""
say "report"
/usr/bin/python3 "$top/bench/report.py" "$results" "$out" || failed=1
exit $failed
