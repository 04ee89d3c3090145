#!/usr/bin/env bash
# The demo: the operator's path with virsh, on real QEMU, through the
# embedded driver (nothing outside DIR is touched): define a domain, see
# the QEMU command line it maps to, start it, list it, stop it with a
# graceful destroy (SIGTERM only) and read why it is off; then the same
# with "virsh stop", which escalates from the power button to the
# graceful destroy by itself.
#
#   tools/demo.sh BUILDDIR [DIR]
set -euo pipefail
builddir=${1:?usage: demo.sh BUILDDIR [DIR]}
root=${2:-$(mktemp -d /tmp/libvirt-grace-demo-XXXXXX)}
uri="qemu:///embed?root=$root"
virsh="$builddir/tools/virsh"

# A small diskless guest: it has no OS, so it ignores the power button.
cat >"$root/demo.xml" <<'EOF'
<domain type='qemu'>
  <name>demo</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <features><acpi/></features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/>
  </devices>
</domain>
EOF

run() {
  printf '$ virsh %s\n' "$*"
  "$virsh" -c "$uri" "$@"
}

# Whatever happens, leave no QEMU behind.
cleanup() {
  "$virsh" -q -c "$uri" destroy demo >/dev/null 2>&1 || true
  "$virsh" -q -c "$uri" undefine demo >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "Embedded driver rooted at $root"
echo "URI: $uri"
echo
cd "$root"
run define demo.xml
run domxml-to-native qemu-argv demo.xml
echo
run start demo
run list --all
run destroy --graceful demo
run domstate --reason demo
echo "# the same stop in one command: ACPI power button first, then the graceful destroy"
run start demo
run stop demo --timeout 2
run domstate --reason demo
run undefine demo
