#!/bin/sh
# bench.sh - chartc against `helm template` by CPU time (user+sys), chartc and
# Helm runs interleaved, medians, ratio (helm/chartc) and peak memory; see
# tests/bench.py for what is measured and how.
#   sh tests/bench.sh [./chartc] [--runs N]            the fixed set   (make bench)
#   sh tests/bench.sh --corpus [./chartc] [--runs N]   every corpus case (make bench-corpus)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mode=set
[ "${1:-}" = --corpus ] && { mode=corpus; shift; }
chartc=${1:-$top/chartc}; [ $# -gt 0 ] && shift
shared=${CHARTC_SHARED:-$top/../shared}
dest=${CHARTC_HELM_DIR:-${HOME:-/tmp}/.cache/chartc-helm}
[ -x "$dest/v4/helm" ] || "$shared/tools/get-helm" "$dest" >/dev/null
exec python3 "$top/tests/bench.py" "$mode" "$chartc" "$dest/v4/helm" --shared "$shared" "$@"
