#!/bin/sh
# run.sh - tests of `chartc snapshot` (tests/snapshot/gen.sh writes the data):
#  - every suite of suites.tsv passes against its committed goldens (the
#    reference charts, a chart with ci/ cases and goldens in its own
#    __snapshot__, a chart with random values under masks);
#  - the goldens listed in helm.tsv equal Helm v4's output for the same
#    release, chart, values and flags (testdata/golden/v4/<id>.out);
#  - each failing.tsv run prints exactly testdata/snapshot/expected/<id>.out
#    (per-object diffs, render errors with --explain, missing goldens,
#    colours) with the expected exit code;
#  - -u creates, keeps and rewrites goldens, and stale goldens are reported,
#    then removed by -u.
# Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
chartc=$(realpath "${CHARTC:-./chartc}")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL snapshot $*"; }

while IFS="$(printf '\t')" read -r suite args; do
    [ "$suite" = suite ] && continue
    case "$args" in
    *testdata/snapshot-charts/*) dir="" ;;
    *) dir="--snapshot-dir testdata/snapshot/$suite" ;;
    esac
    for round in 1 2; do   # twice: random values must stay masked
        # shellcheck disable=SC2086
        env TZ=UTC LANG=C "$chartc" snapshot $args $dir >"$tmp/out" 2>&1; rc=$?
        if [ $rc -eq 0 ] && tail -1 "$tmp/out" | grep -q '^[1-9][0-9]* passed, 0 failed$' && ! grep -q '^stale' "$tmp/out"; then ok
        else bad "suite $suite (round $round, exit $rc)"; head -20 "$tmp/out"; fi
    done
done <tests/snapshot/suites.tsv

while IFS="$(printf '\t')" read -r golden id; do
    [ "$golden" = golden ] && continue
    if cmp -s "$golden" "testdata/golden/v4/$id.out"; then ok
    else bad "$golden differs from Helm's testdata/golden/v4/$id.out"; diff "testdata/golden/v4/$id.out" "$golden" | head -5; fi
done <tests/snapshot/helm.tsv

while IFS="$(printf '\t')" read -r id args; do
    [ "$id" = id ] && continue
    # shellcheck disable=SC2086
    env TZ=UTC LANG=C NO_COLOR= "$chartc" snapshot $args >"$tmp/out" 2>&1; rc=$?
    if cmp -s "$tmp/out" "testdata/snapshot/expected/$id.out" && [ "$rc" = "$(cat "testdata/snapshot/expected/$id.rc")" ]; then ok
    else bad "failing case $id (exit $rc)"; diff "testdata/snapshot/expected/$id.out" "$tmp/out" | head -10; fi
done <tests/snapshot/failing.tsv

# NO_COLOR wins over nothing, --color always over NO_COLOR
env NO_COLOR=1 "$chartc" snapshot r testdata/snapshot-charts/objects --set a.value=2 >"$tmp/out" 2>&1
if grep -q "$(printf '\033')" "$tmp/out"; then bad "colours without a terminal"; else ok; fi
env NO_COLOR=1 "$chartc" snapshot r testdata/snapshot-charts/objects --set a.value=2 --color always >"$tmp/out" 2>&1
if grep -q "$(printf '\033')\[31m-" "$tmp/out"; then ok; else bad "--color always"; fi

# deterministic by default: the random chart's golden (checked twice above)
# holds under the environment's seed and clock, and fails under another seed
env CHARTC_SEED=x SOURCE_DATE_EPOCH=5 "$chartc" snapshot r testdata/snapshot-charts/random >"$tmp/out" 2>&1
if [ $? -eq 0 ]; then ok; else bad "CHARTC_SEED/SOURCE_DATE_EPOCH changed the random chart's render"; head -5 "$tmp/out"; fi
"$chartc" snapshot r testdata/snapshot-charts/random --seed other >"$tmp/out" 2>&1
if [ $? -eq 1 ] && grep -q '^-  password: ' "$tmp/out" && tail -1 "$tmp/out" | grep -qx '0 passed, 1 failed'; then ok; else bad "--seed other"; head -5 "$tmp/out"; fi
"$chartc" snapshot r testdata/snapshot-charts/random --now 2001-01-01T00:00:00Z >"$tmp/out" 2>&1
if [ $? -eq 1 ] && grep -q '^+    rendered-at: "2001-01-01T00:00:00Z"' "$tmp/out"; then ok; else bad "--now"; head -5 "$tmp/out"; fi

# the update cycle on a copy
cp -r testdata/snapshot-charts/objects "$tmp/c"; rm -rf "$tmp/c/__snapshot__"
( cd "$tmp"
  "$chartc" snapshot r c >out1 2>&1; echo "$?" >rc1
  "$chartc" snapshot r c -u >out2 2>&1; echo "$?" >rc2
  "$chartc" snapshot r c >out3 2>&1; echo "$?" >rc3
  cp c/__snapshot__/default.snap c/__snapshot__/gone.yaml.snap
  "$chartc" snapshot r c >out4 2>&1; echo "$?" >rc4
  "$chartc" snapshot r c -f c/ci/three-items.yaml >out5 2>&1; echo "$?" >rc5
  "$chartc" snapshot r c -u --set a.value=9 >out6 2>&1; echo "$?" >rc6
  "$chartc" snapshot r c --set a.value=9 >out7 2>&1; echo "$?" >rc7 )
t=$tmp
if [ "$(cat $t/rc1)" = 1 ] && grep -q '^FAIL default: no golden c/__snapshot__/default.snap' $t/out1 && tail -1 $t/out1 | grep -qx '0 passed, 2 failed'; then ok; else bad "missing goldens"; cat $t/out1; fi
if [ "$(cat $t/rc2)" = 0 ] && grep -q '^created default: c/__snapshot__/default.snap' $t/out2 && [ -f $t/c/__snapshot__/three-items.yaml.snap ]; then ok; else bad "-u creates"; cat $t/out2; fi
if [ "$(cat $t/rc3)" = 0 ] && tail -1 $t/out3 | grep -qx '2 passed, 0 failed'; then ok; else bad "pass after -u"; cat $t/out3; fi
if [ "$(cat $t/rc4)" = 0 ] && grep -qx 'stale c/__snapshot__/gone.yaml.snap: no case renders it (chartc snapshot -u removes it)' $t/out4; then ok; else bad "stale report"; cat $t/out4; fi
if [ "$(cat $t/rc5)" = 0 ] && ! grep -q stale $t/out5 && tail -1 $t/out5 | grep -qx '1 passed, 0 failed'; then ok; else bad "a single -f file is a subset run"; cat $t/out5; fi
if [ "$(cat $t/rc6)" = 0 ] && grep -qx 'removed stale c/__snapshot__/gone.yaml.snap' $t/out6 && grep -q '^updated default' $t/out6 && [ ! -f $t/c/__snapshot__/gone.yaml.snap ]; then ok; else bad "-u rewrites and removes stale"; cat $t/out6; fi
if [ "$(cat $t/rc7)" = 0 ] && grep -q 'value: "9"' $t/c/__snapshot__/default.snap && ! ls $t/c/__snapshot__ | grep -q tmp; then ok; else bad "rewritten golden"; cat $t/out7; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
