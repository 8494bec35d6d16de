#!/bin/bash
# tests/cli/gen-dropin.sh - write the goldens of tests/cli/dropin.sh by
# running real Helm v4.1.4 and v3.17.3 on every case of
# tests/cli/dropin/cases.sh (golden/v4/ID.{out,err,rc}, golden/v3/...).
# Needs the Helm binaries of ../shared/tools/get-helm.
#   bash tests/cli/gen-dropin.sh [ID_SUBSTRING]   (only the matching cases)
set -u
filter=${1:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
hdir=${CHARTC_HELM_DIR:-$HOME/.cache/chartc-helm}
d=$top/tests/cli/dropin
for v in 4 3; do [ -x "$hdir/v$v/helm" ] || { echo "no Helm v$v in $hdir"; exit 1; }; done
. "$d/run-case.sh"
tool_env=()
for v in 4 3; do
    tool=$hdir/v$v/helm
    g=$d/golden/v$v; [ -z "$filter" ] && rm -rf "$g"; mkdir -p "$g"
    c() { case $1 in *"$filter"*) ;; *) return ;; esac
          run_case "$@"; cp "$w/o.out" "$g/$id.out"; cp "$w/o.err" "$g/$id.err"; echo "$rc" >"$g/$id.rc"; }
    cs() { case $1 in *"$filter"*) c "$@"; rm -f "$g/$id.err" ;; esac; }
    c4() { if [ "$v" = 4 ]; then c "$@"; else cs "$@"; fi; }
    . "$d/cases.sh"
done
echo "wrote $(ls "$d/golden/v4" | grep -c '\.rc$') cases per version"
