#!/bin/bash
# gen-lint-goldens.sh [ID_SUBSTRING] - run real Helm v4.1.4 and v3.17.3 `helm lint`
# for every case of testdata/lint/cases.tsv and write what they printed to
# testdata/lint/v4|v3/<id>.out, .err, .rc. Columns: id, base (corpus: the
# corpus folder ../shared/corpus; top: this repository), args (split on
# blanks, run from base), and optionally the Helm versions to run ("4": only
# v4; app-template's schema has remote $refs that v3 fetches even with
# --skip-schema-validation, so its text depends on the network). Absolute paths of base are replaced by @BASE@.
# Each case runs three times; when the runs differ, or the output holds
# values.schema.json errors (both Helms list them in Go map order, which
# may happen to repeat), <id>.nondet is written and tests/cli/lint.sh
# compares sorted lines. Needs the Helm binaries ../shared/tools/get-helm installs.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$top/../shared/corpus" 2>/dev/null && pwd)
hdir=${CHARTC_HELM_DIR:-$HOME/.cache/chartc-helm}
filter=${1:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"
while IFS="$(printf '\t')" read -r id base args only; do
    [ "$id" = id ] && continue
    case "$id" in *"$filter"*) ;; *) continue ;; esac
    if [ "$base" = corpus ]; then dir=$corpus; else dir=$top; fi
    [ -n "$dir" ] || { echo "skip $id: no corpus"; continue; }
    for v in ${only:-4 3}; do
        g=$top/testdata/lint/v$v; mkdir -p "$g"
        rm -f "$g/$id.nondet"
        for run in 1 2 3; do
            # shellcheck disable=SC2086
            (cd "$dir" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC LANG=C \
                "$hdir/v$v/helm" lint $args >"$tmp/out$run" 2>"$tmp/err$run"; echo $? >"$tmp/rc$run")
            sed -i "s#$dir#@BASE@#g" "$tmp/out$run" "$tmp/err$run"
        done
        cp "$tmp/out1" "$g/$id.out"; cp "$tmp/err1" "$g/$id.err"; cp "$tmp/rc1" "$g/$id.rc"
        if grep -q "specifications of the schema\|^\[ERROR\] values.yaml: - " "$g/$id.out"; then
            echo "schema errors come in Go map order" >"$g/$id.nondet"
        fi
        for run in 2 3; do
            if ! cmp -s "$tmp/out1" "$tmp/out$run" || ! cmp -s "$tmp/err1" "$tmp/err$run"; then
                echo "Helm's output differs from run to run" >"$g/$id.nondet"
            fi
        done
    done
    echo "$id"
done <"$top/testdata/lint/cases.tsv"
