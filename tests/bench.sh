#!/bin/sh
# bench.sh - time `chartc render` against `helm template` on the same charts in
# one run (hyperfine), and print chartc's speed-up for each.
#   sh tests/bench.sh [./chartc]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd); cd "$top"
chartc=${1:-./chartc}
shared=${CHARTC_SHARED:-$top/../shared}
dest=${CHARTC_HELM_DIR:-${HOME:-/tmp}/.cache/chartc-helm}
[ -x "$dest/v4/helm" ] || "$shared/tools/get-helm" "$dest" >/dev/null
command -v hyperfine >/dev/null || { echo "bench: hyperfine is required (apt-get install hyperfine)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"
run() { # label, args...
    label=$1; shift
    HOME="$tmp/home" hyperfine -N -w 3 -m 20 --export-json "$tmp/r.json" \
        -n chartc "$chartc render $*" -n helm "$dest/v4/helm template $*" >/dev/null
    python3 - "$tmp/r.json" "$label" <<'PY' 2>/dev/null || awk 'END{}' /dev/null
import json, sys
r = {x['command']: x['mean'] for x in json.load(open(sys.argv[1]))['results']}
print(f"{sys.argv[2]:<34} chartc {r['chartc']*1000:8.2f} ms   helm {r['helm']*1000:8.2f} ms   x{r['helm']/r['chartc']:6.1f}")
PY
}
run "stalwart (defaults)" stalwart charts/stalwart
run "stalwart (ingress+tls)" stalwart charts/stalwart -f testdata/values/stalwart/ingress-tls.yaml
run "stalwart-legacy" stalwart charts/stalwart-legacy
if [ -d "$shared/corpus/charts/kube-prometheus-stack" ]; then
    run "kube-prometheus-stack (corpus)" kps "$shared/corpus/charts/kube-prometheus-stack"
    run "bitnami-postgresql (corpus)" pg "$shared/corpus/charts/bitnami-postgresql"
fi
