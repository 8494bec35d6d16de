#!/bin/bash
# tests/cli/lint.sh - `chartc lint` against Helm's own output: every case of
# testdata/lint/cases.tsv (goldens written by tests/gen-lint-goldens.sh from
# real Helm v4.1.4 and v3.17.3) must print the same stdout and stderr and
# exit with the same status (v3 with --helm-compat 3). Cases whose base is
# the corpus are skipped when ../shared/corpus is absent; <id>.nondet cases
# compare sorted lines. Usage: CHARTC=./chartc bash tests/cli/lint.sh [ID]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=$(cd "$top" && realpath "${CHARTC:-./chartc}")
corpus=$(cd "$top/../shared/corpus" 2>/dev/null && pwd)
filter=${1:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"
pass=0; fail=0; skip=0
while IFS="$(printf '\t')" read -r id base args only; do
    [ "$id" = id ] && continue
    case "$id" in *"$filter"*) ;; *) continue ;; esac
    if [ "$base" = corpus ]; then dir=$corpus; else dir=$top; fi
    [ -n "$dir" ] || { skip=$((skip + 1)); continue; }
    for v in ${only:-4 3}; do
        g=$top/testdata/lint/v$v
        [ -f "$g/$id.rc" ] || continue
        c=""; [ $v = 3 ] && c="--helm-compat 3"
        # shellcheck disable=SC2086
        (cd "$dir" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC LANG=C \
            "$chartc" lint $args $c >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc")
        sed -i "s#$dir#@BASE@#g" "$tmp/out" "$tmp/err"
        if [ -f "$g/$id.nondet" ]; then
            # a message's first schema error shares its line with "[ERROR] path: "
            split() { sed 's/^\(\[[A-Z]*\] [^:]*: \)\(- \)/\1\n\2/' "$1" | sort; }
            for f in out err; do split "$tmp/$f" >"$tmp/$f.s"; split "$g/$id.$f" >"$tmp/g$f.s"; done
            same() { cmp -s "$tmp/$1.s" "$tmp/g$1.s"; }
        else
            same() { cmp -s "$tmp/$1" "$g/$id.$1"; }
        fi
        if same out && same err && cmp -s "$tmp/rc" "$g/$id.rc"; then pass=$((pass + 1))
        else
            fail=$((fail + 1)); echo "FAIL v$v $id: chartc lint $args"
            diff "$g/$id.out" "$tmp/out" | head -8; diff "$g/$id.err" "$tmp/err" | head -4
            cmp -s "$tmp/rc" "$g/$id.rc" || echo "exit $(cat "$tmp/rc"), Helm $(cat "$g/$id.rc")"
        fi
    done
done <"$top/testdata/lint/cases.tsv"
# A remote $ref that cannot be loaded: its error is printed as is, the next
# chart's name follows on the same line ("...no such hostcommon:"), in lint's
# messages as in render's (Helm's corpus golden; the URL and the network
# error text are masked).
if [ -n "$corpus" ] && [ -z "$filter" ]; then
    norm() { sed -E 's/^(failing loading |Get )"[^"]*": .*(no such host|remote schemas)/\1@/'; }
    for v in 4 3; do
        c=""; [ $v = 3 ] && c="--helm-compat 3"
        # shellcheck disable=SC2086
        (cd "$corpus" && "$chartc" render rel charts/app-template --namespace ns $c 2>&1 | norm >"$tmp/rr")
        if norm <"$corpus/golden/v$v/app-template__default.err" | cmp -s - "$tmp/rr"; then pass=$((pass + 1))
        else fail=$((fail + 1)); echo "FAIL v$v remote \$ref error framing"; norm <"$corpus/golden/v$v/app-template__default.err" | diff - "$tmp/rr" | head -6; fi
    done
fi
[ $skip -gt 0 ] && echo "lint: $skip corpus cases skipped (../shared/corpus absent)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
