#!/bin/sh
# corpus.sh [CHARTC] - issue 11's done-criterion for reproducible renders, on the render
# corpus (../shared/corpus, including the cases Helm leaves random: *.volatile):
#   1. under --seed and --now every case renders byte-identically (stdout, stderr, exit
#      code) in two separate runs, for Helm v4 and (--helm-compat 3) v3;
#   2. corpus-check, with the seed and clock given through CHARTC_SEED and
#      SOURCE_DATE_EPOCH, still passes every case: seeded values keep Helm's shapes
#      (corpus-check compares the lines Helm leaves random by indentation and key).
# Not part of make test (minutes of CPU); prints "N passed, N failed" (one per case and
# version in 1, one per version in 2).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=${1:-$top/chartc}
case "$chartc" in /*) ;; *) chartc=$top/$chartc ;; esac
shared=${CHARTC_SHARED:-$top/../shared}
corpus=$shared/corpus
[ -f "$corpus/cases.tsv" ] || { echo "det corpus: $corpus not present, skipped"; exit 0; }
SEED=${DET_SEED:-corpus-seed} NOW=${DET_NOW:-2024-06-01T12:00:00Z} EPOCH=1717243200
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
cd "$corpus"
tail -n +2 cases.tsv | cut -f1,2 >"$tmp/cases"
for v in 4 3; do
    compat=""; [ $v = 3 ] && compat="--helm-compat 3"
    while IFS="$(printf '\t')" read -r id args; do
        for run in 1 2; do
            # shellcheck disable=SC2086
            eval "set -- $args"
            env TZ=UTC LANG=C "$chartc" render "$@" $compat --seed "$SEED" --now "$NOW" \
                >"$tmp/out$run" 2>"$tmp/err$run"
            echo $? >"$tmp/rc$run"
        done
        if cmp -s "$tmp/out1" "$tmp/out2" && cmp -s "$tmp/err1" "$tmp/err2" && cmp -s "$tmp/rc1" "$tmp/rc2"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1)); echo "FAIL det corpus v$v $id: two seeded runs differ"
            diff "$tmp/out1" "$tmp/out2" | head -4 | cut -c1-160
        fi
    done <"$tmp/cases"
    echo "v$v: two seeded runs compared ($pass passed, $fail failed so far)"
done
for v in v4 v3; do
    line=$(env CHARTC_SEED="$SEED" SOURCE_DATE_EPOCH=$EPOCH "$shared/tools/corpus-check" --chartc "$chartc" \
        --corpus "$corpus" --helm $v --jobs 2 --list-failures 2>&1 | tee "$tmp/check" | tail -1)
    echo "seeded $line"
    total=$(($(wc -l <"$tmp/cases")))
    if echo "$line" | grep -q ": $total passed, 0 failed"; then pass=$((pass + 1))
    else fail=$((fail + 1)); grep -v 'passed' "$tmp/check" | head -20; fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
