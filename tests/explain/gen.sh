#!/bin/sh
# gen.sh - (re)write the --explain goldens of tests/explain/cases.tsv from
# chartc itself: testdata/explain/golden/<id>.v<N>.err is the stderr of
# `chartc render ARGS --explain` emulating Helm vN. The part before the
# explanation is Helm's error text, which tests/explain/run.sh checks
# against Helm when it is installed.
#   CHARTC=./chartc sh tests/explain/gen.sh
set -eu
cd "$(dirname "$0")/../.."
chartc=${CHARTC:-./chartc}
mkdir -p testdata/explain/golden
while IFS="$(printf '\t')" read -r id args; do
    [ "$id" = id ] && continue
    for v in 4 3; do
        # shellcheck disable=SC2086
        env TZ=UTC LANG=C NO_COLOR= "$chartc" render $args --explain --helm-compat $v \
            >/dev/null 2>"testdata/explain/golden/$id.v$v.err" || true
    done
done <tests/explain/cases.tsv
