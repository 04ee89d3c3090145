#!/usr/bin/env bash
# The demo: a domain's QEMU command line, then a start and a graceful
# stop on real QEMU, on the embedded driver (nothing outside DIR is
# touched).
#
#   tools/demo.sh BUILDDIR [DIR]
set -euo pipefail
builddir=${1:?usage: demo.sh BUILDDIR [DIR]}
root=${2:-$(mktemp -d /tmp/libvirt-grace-demo-XXXXXX)}
uri="qemu:///embed?root=$root"

echo "Embedded driver rooted at $root"
echo "URI: $uri"
echo
exec "$builddir/examples/graceful-stop" "$uri"
