#!/bin/sh
# gen.sh [CHARTC] - the expected outputs of tests/det/run.sh:
#   expected/helm-v4.out, helm-v3.out: real Helm's output of tests/det/chart, and
#     helm-v*.volatile: the lines that differ between two Helm runs (corpus-check's rule);
#   expected/seeded-v4.out, seeded-v3.out: chartc's bytes under --seed det-seed and
#     --now 2024-01-02T03:04:05.5Z, pinning the stream of man/chartc.1 (REPRODUCIBLE
#     RENDERS); run.sh also checks these values against tests/det/ref.py. Regenerate
#     them only with a change that announces a new stream.
set -eu
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
chartc=${1:-$top/chartc}
case "$chartc" in /*) ;; *) chartc=$top/$chartc ;; esac
helm=${CHARTC_HELM_DIR:-${HOME:-/tmp}/.cache/chartc-helm}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$here/expected" "$tmp/home"
cd "$here"
only="--set keys=true"
for v in 4 3; do
    # shellcheck disable=SC2086
    for run in 1 2; do
        env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC LANG=C "$helm/v$v/helm" template det ./chart $only >"$tmp/h$run"
    done
    cp "$tmp/h1" "expected/helm-v$v.out"
    awk 'FNR==NR{a[FNR]=$0; next} a[FNR]!=$0{print FNR}' "$tmp/h1" "$tmp/h2" >"expected/helm-v$v.volatile"
    compat=""; [ $v = 3 ] && compat="--helm-compat 3"
    # shellcheck disable=SC2086
    env TZ=UTC LANG=C "$chartc" render det ./chart --seed det-seed --now 2024-01-02T03:04:05.5Z --set keys=true $compat >"expected/seeded-v$v.out"
done
wc -l expected/*
