#!/bin/sh
# gen.sh - (re)write the snapshot test data with chartc itself:
#  - the goldens of every suite of tests/snapshot/suites.tsv (chartc
#    snapshot -u; tests/snapshot/run.sh checks those of the reference
#    charts against Helm's outputs, tests/snapshot/helm.tsv);
#  - the expected reports of tests/snapshot/failing.tsv
#    (testdata/snapshot/expected/<id>.out and .rc).
#   CHARTC=./chartc sh tests/snapshot/gen.sh
set -eu
cd "$(dirname "$0")/../.."
chartc=${CHARTC:-./chartc}
while IFS="$(printf '\t')" read -r suite args; do
    [ "$suite" = suite ] && continue
    case "$args" in
    *testdata/snapshot-charts/*) dir="" ;;
    *) dir="--snapshot-dir testdata/snapshot/$suite" ;;
    esac
    # shellcheck disable=SC2086
    env TZ=UTC LANG=C "$chartc" snapshot $args $dir -u --color never >/dev/null
done <tests/snapshot/suites.tsv
mkdir -p testdata/snapshot/expected
while IFS="$(printf '\t')" read -r id args; do
    [ "$id" = id ] && continue
    rc=0
    # shellcheck disable=SC2086
    env TZ=UTC LANG=C NO_COLOR= "$chartc" snapshot $args >"testdata/snapshot/expected/$id.out" 2>&1 || rc=$?
    echo "$rc" >"testdata/snapshot/expected/$id.rc"
done <tests/snapshot/failing.tsv
