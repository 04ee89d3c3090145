#!/usr/bin/env bash
# The demo: for now, the XML-to-argv translation of a sample domain.
set -euo pipefail
builddir=${1:?usage: demo.sh BUILDDIR}
echo "The demo needs the domain XML and argv translation (issue 2); it is not built yet." >&2
exit 1
