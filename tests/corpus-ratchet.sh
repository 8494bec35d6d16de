#!/bin/sh
# corpus-ratchet.sh - run ../shared/tools/corpus-check for Helm v4 and v3 and fail
# if fewer cases pass than recorded in tests/corpus-baseline ("v4 N" / "v3 N").
# Without ../shared (a user's clone) it skips with a message.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd); cd "$top"
shared=${CHARTC_SHARED:-$top/../shared}
check=$shared/tools/corpus-check
if [ ! -x "$check" ] || [ ! -d "$shared/corpus" ] || ! command -v python3 >/dev/null; then
    echo "corpus ratchet: ../shared/corpus not present, skipped"; exit 0
fi
rc=0
for v in v4 v3; do
    want=$(awk -v v=$v '$1==v{print $2}' tests/corpus-baseline)
    line=$("$check" --chartc ./chartc --corpus "$shared/corpus" --helm $v --timeout 60 | tail -1)
    got=$(echo "$line" | sed -n 's/.*: \([0-9][0-9]*\) passed.*/\1/p')
    echo "$line (baseline ${want:-0})"
    if [ "${got:-0}" -lt "${want:-0}" ]; then
        echo "corpus ratchet: $v fell from $want to $got passing cases" >&2; rc=1
    elif [ "${got:-0}" -gt "${want:-0}" ]; then
        echo "corpus ratchet: $v rose to $got: raise tests/corpus-baseline"
    fi
done
exit $rc
