#!/bin/sh
# gen.sh [FILTER] - expected outputs of every conformance case, from real Helm.
set -eu
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
shared=${CHARTC_SHARED:-$top/../shared}
dest=${CHARTC_HELM_DIR:-${HOME:-/tmp}/.cache/chartc-helm}
[ -x "$dest/v4/helm" ] && [ -x "$dest/v3/helm" ] || "$shared/tools/get-helm" "$dest" >/dev/null
filter=${1:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/cases"
for f in "$here"/*.cases; do sh "$here/split.sh" "$f" "$tmp/cases"; done
n=0
for d in "$tmp"/cases/*/; do
    id=$(basename "$d")
    case "$id" in *"$filter"*) ;; *) continue ;; esac
    for v in 4 3; do
        o="$here/expected/v$v"; mkdir -p "$o"
        # shellcheck disable=SC2046
        (cd "$d" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC LANG=C \
            "$dest/v$v/helm" template c ./chart $(cat flags) >"$o/$id.out" 2>"$o/$id.err") && rc=0 || rc=$?
        echo $rc >"$o/$id.rc"
    done
    n=$((n + 1))
done
echo "$n cases"
