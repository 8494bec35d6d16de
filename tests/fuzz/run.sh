#!/bin/sh
# tests/fuzz/run.sh - run the libFuzzer harnesses built by `make fuzz`.
#   sh tests/fuzz/run.sh [SECONDS] [HARNESS...]     (default 60 s, all harnesses)
# For each harness: first replays every reproducer under tests/fuzz/regress/<h>/
# (they must all pass now), then fuzzes for SECONDS from the committed seeds
# (tests/fuzz/seeds/<h>/, read only) plus a working corpus in
# build-fuzz/corpus/<h>/. Findings land in build-fuzz/artifacts/<h>/, logs in
# build-fuzz/logs/<h>.log; tests/fuzz/<h>.dict is passed as -dict when present.
# Ends with one line per harness: executions, status.
# Environment: FUZZ_BUILD (default build-fuzz), FUZZ_ARGS (extra libFuzzer flags).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
[ $# -gt 0 ] && shift
B=${FUZZ_BUILD:-build-fuzz}
all="tmpl yaml yamlfast yamlemit json strvals archive printf glob regex schema"
list=${*:-$all}
summary=""
fail=0
for h in $list; do
    h=${h#fuzz_}
    bin=$B/fuzz_$h
    if [ ! -x "$bin" ]; then echo "missing $bin (run: make fuzz)" >&2; exit 2; fi
    case $h in
        tmpl|strvals|glob|regex|schema) maxlen=65536 ;;
        printf) maxlen=1024 ;;
        yamlemit) maxlen=4096 ;;
        archive) maxlen=65536 ;;
        *) maxlen=16384 ;;
    esac
    mkdir -p "$B/corpus/$h" "$B/artifacts/$h" "$B/logs"
    status=ok
    if [ -d "tests/fuzz/regress/fuzz_$h" ] && [ -n "$(ls "tests/fuzz/regress/fuzz_$h")" ]; then
        if ! "$bin" -timeout=60 -rss_limit_mb=4096 tests/fuzz/regress/fuzz_$h/* >"$B/logs/$h.regress.log" 2>&1; then
            echo "fuzz_$h: a regression reproducer fails, see $B/logs/$h.regress.log" >&2
            status=REGRESSION; fail=1
        fi
    fi
    dict=
    [ -f "tests/fuzz/$h.dict" ] && dict="-dict=tests/fuzz/$h.dict"
    [ "$h" = yamlfast ] && dict="-dict=tests/fuzz/yaml.dict"
    "$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=$maxlen $dict \
        -print_final_stats=1 -artifact_prefix="$B/artifacts/$h/" ${FUZZ_ARGS:-} \
        "$B/corpus/$h" "tests/fuzz/seeds/fuzz_$h" >"$B/logs/$h.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/logs/$h.log" | tail -1)
    [ $rc -ne 0 ] && { status="FINDING (rc $rc, see $B/logs/$h.log)"; fail=1; }
    summary="$summary
fuzz_$h: ${runs:-?} executions in ${secs}s: $status"
done
echo "$summary" | sed '/^$/d'
exit $fail
