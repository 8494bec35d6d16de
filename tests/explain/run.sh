#!/bin/sh
# run.sh - `chartc render --explain` on the cases of tests/explain/cases.tsv
# (template, tpl, required, parse, rendered-YAML and values errors), for
# Helm v4 and v3 emulation:
#  - stderr equals testdata/explain/golden/<id>.v<N>.err (tests/explain/gen.sh);
#  - an "error:" line follows the error text;
#  - stdout and exit code are those of the same render without --explain,
#    whose stderr is a prefix of the --explain one (the error text is kept);
#  - with Helm installed, Helm's first "Error:" line is chartc's.
# Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
chartc=${CHARTC:-./chartc}
filter=${1:-}
hdir=${CHARTC_HELM_DIR:-$HOME/.cache/chartc-helm}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
while IFS="$(printf '\t')" read -r id args; do
    [ "$id" = id ] && continue
    case "explain-$id" in *"$filter"*) ;; *) continue ;; esac
    for v in 4 3; do
        why=""
        # shellcheck disable=SC2086
        env TZ=UTC LANG=C NO_COLOR= "$chartc" render $args --explain --helm-compat $v >"$tmp/o1" 2>"$tmp/e1"; rc1=$?
        # shellcheck disable=SC2086
        env TZ=UTC LANG=C NO_COLOR= "$chartc" render $args --helm-compat $v >"$tmp/o2" 2>"$tmp/e2"; rc2=$?
        g=testdata/explain/golden/$id.v$v.err
        if ! cmp -s "$tmp/e1" "$g"; then why="stderr differs from $g"
        elif [ $rc1 -ne $rc2 ] || [ $rc1 -eq 0 ]; then why="exit $rc1 with --explain, $rc2 without"
        elif ! cmp -s "$tmp/o1" "$tmp/o2"; then why="stdout changed by --explain"
        elif [ "$(head -c "$(wc -c <"$tmp/e2")" "$tmp/e1")" != "$(cat "$tmp/e2")" ]; then why="error text changed by --explain"
        elif ! grep -q ': error: ' "$tmp/e1"; then why="no explanation"
        elif [ -x "$hdir/v$v/helm" ]; then
            # shellcheck disable=SC2086
            env -i PATH=/usr/bin:/bin HOME="$tmp" TZ=UTC LANG=C "$hdir/v$v/helm" template $args >/dev/null 2>"$tmp/h"
            if [ "$(grep -a -m1 '^Error:' "$tmp/h")" != "$(grep -a -m1 '^Error:' "$tmp/e1")" ]; then
                why="first error line differs from Helm's: $(grep -a -m1 '^Error:' "$tmp/h")"
            fi
        fi
        if [ -z "$why" ]; then pass=$((pass + 1))
        else fail=$((fail + 1)); echo "FAIL explain v$v $id: $why"; diff "$g" "$tmp/e1" | head -10; fi
    done
done <tests/explain/cases.tsv
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
