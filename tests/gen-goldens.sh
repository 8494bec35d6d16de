#!/bin/sh
# gen-goldens.sh - produce testdata/golden/{v4,v3}/<id>.{out,err,rc} by running
# real Helm (v4.1.4 and v3.17.3, installed by ../shared/tools/get-helm) on every
# case of testdata/cases.tsv. Goldens are never edited by hand: change a case or
# its values file, then rerun this script and commit its output.
#
#   sh tests/gen-goldens.sh [ID_SUBSTRING]
#
# Each case is run twice; lines that differ between the two runs (random
# passwords, certificates) are listed in <id>.volatile so that tests compare
# only their indentation and key.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${CHARTC_SHARED:-$top/../shared}
dest=${CHARTC_HELM_DIR:-${HOME:-/tmp}/.cache/chartc-helm}
[ -x "$dest/v4/helm" ] && [ -x "$dest/v3/helm" ] || "$shared/tools/get-helm" "$dest" >/dev/null
filter=${1:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"
cd "$top"
tail -n +2 testdata/cases.tsv | while IFS="$(printf '\t')" read -r id args; do
    case "$id" in *"$filter"*) ;; *) continue ;; esac
    for v in 4 3; do
        out=testdata/golden/v$v; mkdir -p "$out"
        for run in 1 2; do
            # shellcheck disable=SC2086
            env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC LANG=C \
                "$dest/v$v/helm" template $args >"$tmp/out$run" 2>"$tmp/err$run" && rc=0 || rc=$?
        done
        cp "$tmp/out1" "$out/$id.out"; cp "$tmp/err1" "$out/$id.err"; echo "$rc" >"$out/$id.rc"
        if cmp -s "$tmp/out1" "$tmp/out2"; then rm -f "$out/$id.volatile"
        else diff "$tmp/out1" "$tmp/out2" | sed -n 's/^\([0-9][0-9]*\)[,c].*/\1/p' >"$out/$id.volatile" || true
        fi
    done
    echo "$id"
done
