#!/bin/sh
# run.sh - chartc's test suite: every unit-test binary, then every golden case of
# testdata/cases.tsv against Helm v4 goldens and, with --helm-compat 3, against
# Helm v3 goldens. Ends with the line "N passed, N failed".
#   CHARTC=./chartc BUILD=build sh tests/run.sh [ID_SUBSTRING]
# A golden case passes when chartc's stdout equals Helm's byte for byte (lines
# listed in <id>.volatile need only the same indentation and key), or, when
# Helm failed, when chartc fails too with the same first "Error:" line.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
chartc=${CHARTC:-./chartc}
build=${BUILD:-build}
filter=${1:-}
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# --- unit tests -----------------------------------------------------------
if [ -z "$filter" ]; then
for t in "$build"/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$tmp/unit.out" 2>"$tmp/unit.err"; rc=$?
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$tmp/unit.out" | tail -1)
    p=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p'); p=${p:-0}
    f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p'); f=${f:-0}
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed
    pass=$((pass + p)); fail=$((fail + f))
    if [ "$f" -ne 0 ]; then echo "FAIL unit $(basename "$t") (rc=$rc)"; head -40 "$tmp/unit.err"; fi
done
fi

# --- fuzz harnesses replay their seeds and reproducers (tests/fuzz/replay.c) -
if [ -z "$filter" ]; then
for r in "$build"/replay_*; do
    [ -x "$r" ] || continue
    h=fuzz_${r##*/replay_}
    set -- tests/fuzz/seeds/$h/* tests/fuzz/regress/$h/*
    files=""; for f in "$@"; do [ -f "$f" ] && files="$files $f"; done
    # shellcheck disable=SC2086
    if "$r" $files >"$tmp/replay.out" 2>"$tmp/replay.err"; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL $h replay of its seeds and reproducers"; tail -20 "$tmp/replay.err"; fi
done
fi

# --- the function reference is generated from the registry (make man) -----
if [ -z "$filter" ]; then
    if "$chartc" functions --man | cmp -s - man/chartc-functions.7; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL man/chartc-functions.7 differs from 'chartc functions --man' (run make man)"; fi
fi

# --- golden cases ---------------------------------------------------------
first_error() { grep -a -m1 '^Error:' "$1" 2>/dev/null; }
shape() { # indentation and key of each line, for volatile comparison
    sed -E 's/^([[:space:]]*(- )?)([^[:space:]:]+:)?.*/\1\3/' "$1"
}
check_case() { # $1 id, $2 args, $3 version
    id=$1; args=$2; v=$3; g=testdata/golden/v$v
    [ -f "$g/$id.rc" ] || return 0
    compat=""; [ "$v" = 3 ] && compat="--helm-compat 3"
    # shellcheck disable=SC2086
    env TZ=UTC LANG=C "$chartc" render $args $compat >"$tmp/out" 2>"$tmp/err"; rc=$?
    grc=$(cat "$g/$id.rc")
    why=""
    if [ "$grc" != 0 ]; then
        if [ $rc -eq 0 ]; then why="helm failed but chartc exited 0"
        elif [ "$(first_error "$tmp/err")" != "$(first_error "$g/$id.err")" ]; then
            why="error: want [$(first_error "$g/$id.err")] got [$(first_error "$tmp/err")]"
        fi
    elif [ $rc -ne 0 ]; then why="exit $rc: $(head -3 "$tmp/err")"
    elif ! cmp -s "$tmp/out" "$g/$id.out"; then
        if [ -f "$g/$id.volatile" ] && [ "$(wc -l <"$tmp/out")" = "$(wc -l <"$g/$id.out")" ]; then
            shape "$tmp/out" >"$tmp/s1"; shape "$g/$id.out" >"$tmp/s2"
            # non-volatile lines must be equal, volatile ones only in shape
            if ! awk -v vf="$g/$id.volatile" 'BEGIN{while((getline l < vf)>0) vol[l]=1}
                FNR==NR{a[FNR]=$0; next} { if (!(FNR in vol) && a[FNR]!=$0) bad=1 } END{exit bad}' \
                "$tmp/out" "$g/$id.out" || ! cmp -s "$tmp/s1" "$tmp/s2"; then
                why="stdout differs"
            fi
        else why="stdout differs"
        fi
    fi
    if [ -z "$why" ]; then pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL v$v $id: $why"
        [ "$why" = "stdout differs" ] && diff "$g/$id.out" "$tmp/out" | head -10
    fi
}
while IFS="$(printf '\t')" read -r id args; do
    [ "$id" = id ] && continue
    case "$id" in *"$filter"*) ;; *) continue ;; esac
    check_case "$id" "$args" 4
    check_case "$id" "$args" 3
done <testdata/cases.tsv

# --- sub-suites, each ending with its own "N passed, N failed" line --------
# suite NAME LINES RUNNER SCRIPT: runs it, shows up to LINES of what it printed
# besides "ok" lines and its count, and adds its count (no count line: 1 failed)
suite() {
    name=$1; lines=$2; shift 2
    CHARTC="$chartc" "$@" >"$tmp/$name.out" 2>&1
    grep -v 'passed, .* failed$' "$tmp/$name.out" | grep -v '^ok' | head -"$lines"
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed$' "$tmp/$name.out" | tail -1)
    p=$(echo "$line" | sed -n 's/^\(.* \)\{0,1\}\([0-9][0-9]*\) passed.*/\2/p')
    f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed$/\1/p')
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
}
suite conformance 100000 sh tests/conformance/run.sh "$filter"   # (tests/conformance)
# chartc snapshot, --explain, --seed/--now
for t in snapshot explain det; do
    case "$t" in *"$filter"*) suite "$t" 40 sh "tests/$t/run.sh" ;; esac
done
if [ -z "$filter" ]; then
    suite unittest 60 sh tests/unittest/run.sh     # chartc unittest on its own chart and suites
fi
if command -v bash >/dev/null 2>&1 && [ -z "$filter" ]; then
    suite cli 40 bash tests/cli/run.sh             # CLI checks against real Helm side by side
    suite dropin 40 bash tests/cli/dropin.sh       # chartc as `helm` against goldens (tests/cli/gen-dropin.sh)
    suite lint 40 bash tests/cli/lint.sh           # chartc lint against Helm's lint goldens (testdata/lint)
    suite schemeta 40 python3 tests/cli/schemeta.py  # schema checks of values.schema.json itself vs Helm goldens (tests/gen-schemeta.py)
    suite deep 20 bash tests/cli/deep.sh           # nesting that exhausts the C stack: errors, never crashes
    suite output 40 bash tests/cli/output.sh       # output never silently lost, flag values as Helm reads them
    suite build 40 bash tests/cli/build.sh         # build, install, completion, man page, version
fi

# --- instruction counts of fixed renders against tests/perf-baseline.tsv ----
if [ -z "$filter" ]; then
    if ldd "$chartc" 2>/dev/null | grep -q 'libasan\|libubsan'; then
        echo "SKIP perf guard: sanitizer build (instruction counts not comparable)"
    else
        python3 tests/bench.py guard "$chartc" >"$tmp/guard.out" 2>&1; rc=$?
        grep -v '^ok ' "$tmp/guard.out"
        if grep -q '^SKIP' "$tmp/guard.out"; then :
        elif [ $rc -eq 0 ]; then pass=$((pass + 1))
        else fail=$((fail + 1)); fi
    fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
