#!/bin/sh
# run.sh [FILTER] - render every conformance case with chartc (CHARTC, default
# ./chartc) for Helm v4 and, with --helm-compat 3, v3; compare with expected/.
# Prints failures and "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
chartc=${CHARTC:-$top/chartc}
case "$chartc" in /*) ;; *) chartc=$top/$chartc ;; esac
filter=${1:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/cases"
for f in "$here"/*.cases; do [ -f "$f" ] && sh "$here/split.sh" "$f" "$tmp/cases" "$filter"; done
export TZ=UTC LANG=C
pass=0; fail=0
for d in "$tmp"/cases/*/; do
    [ -d "$d" ] || continue
    id=$(basename "$d")
    case "$id" in *"$filter"*) ;; *) continue ;; esac
    for v in 4 3; do
        e="$here/expected/v$v/$id"
        [ -f "$e.rc" ] || continue
        compat=""; [ $v = 3 ] && compat="--helm-compat 3"
        flags=""; read -r flags <"$d/flags" || :
        # shellcheck disable=SC2086
        (cd "$d" && exec "$chartc" render c ./chart $flags $compat >"$tmp/out" 2>"$tmp/err"); rc=$?
        read -r want <"$e.rc"; why=""
        if [ "$want" != 0 ]; then
            if [ $rc = 0 ]; then why="helm failed, chartc succeeded"
            elif [ "$(grep -a -m1 '^Error:' "$tmp/err")" != "$(grep -a -m1 '^Error:' "$e.err")" ]; then
                why="want [$(grep -a -m1 '^Error:' "$e.err")] got [$(grep -a -m1 '^Error:' "$tmp/err")]"
            fi
        elif [ $rc != 0 ]; then why="exit $rc: $(head -c 300 "$tmp/err")"
        elif ! cmp -s "$tmp/out" "$e.out"; then why="stdout: $(diff "$e.out" "$tmp/out" | head -6 | tr '\n' '|')"
        fi
        if [ -z "$why" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL conformance v$v $id: $why"; fi
    done
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
