#!/bin/bash
# tests/cli/dropin.sh - chartc as `helm` (a symlink named helm in a temp
# dir, with CHARTC_HELM_COMPAT=3 for v3) on every case of
# tests/cli/dropin/cases.sh, compared with the goldens that
# tests/cli/gen-dropin.sh took from real Helm v4.1.4 and v3.17.3: stdout,
# stderr and exit status (cs cases: stdout and exit status). Then chartc's
# own behaviours where Helm would need a network. Ends "N passed, N failed".
#   CHARTC=./chartc bash tests/cli/dropin.sh
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=$(cd "$top" && realpath "${CHARTC:-./chartc}")
d=$top/tests/cli/dropin
. "$d/run-case.sh"
mkdir -p "$w/bin"; ln -s "$chartc" "$w/bin/helm"
tool=$w/bin/helm
pass=0; fail=0
for v in 4 3; do
    g=$d/golden/v$v
    tool_env=(CHARTC_HELM_COMPAT=$v)
    c() {
        run_case "$@"
        if cmp -s "$w/o.out" "$g/$id.out" && [ "$rc" = "$(cat "$g/$id.rc")" ] &&
           { [ ! -f "$g/$id.err" ] || cmp -s "$w/o.err" "$g/$id.err"; }; then pass=$((pass + 1))
        else
            fail=$((fail + 1)); echo "FAIL v$v $id (rc $rc, helm $(cat "$g/$id.rc"))"
            diff "$g/$id.out" "$w/o.out" | head -8
            [ -f "$g/$id.err" ] && diff "$g/$id.err" "$w/o.err" | head -6
        fi
    }
    cs() { c "$@"; }
    c4() { c "$@"; }
    . "$d/cases.sh"
done

# --- chartc's own answers where Helm needs a network or a cluster ---------
tool_env=()
# want ID PATTERN [VAR=value ...] [CWD=dir] -- ARGS: exit 1, PATTERN in stderr
want() {
    local pat=$2 n=$1; shift 2
    run_case "$n" "$@"
    if [ "$rc" = 1 ] && grep -q -- "$pat" "$w/o.err" && [ ! -s "$w/o.out" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL $n: rc $rc"; cat "$w/o.err" | head -3; fi
}
want values_url 'remote values files are not supported (https://example.com/v.yaml)' -- template c -f https://example.com/v.yaml
want values_oci 'remote values files are not supported (oci://r/v)' -- template c --values oci://r/v
want set_file_url 'remote values files are not supported (http://x/f)' -- template c --set-file a=http://x/f
want compat_bad 'invalid CHARTC_HELM_COMPAT "5"' CHARTC_HELM_COMPAT=5 -- version
want install 'helm install" is not supported by chartc' -- install r c
want dep_remote 'dependency "nginx" needs chart repository "https://charts.example.com"' -- dependency update dr
want dep_remote_build 'dependency "nginx" needs chart repository' -- dependency build dr
want dep_remote_template 'dependency "nginx" needs chart repository' -- template dr --dependency-update
want diff_validate '--validate needs a Kubernetes cluster' -- template r c --validate
# chartc helm ARGS is the same as helm ARGS
run_case chartc_helm -- version --short; a=$(cat "$w/o.out")
tool=$chartc; run_case chartc_helm2 -- helm version --short; tool=$w/bin/helm
if [ -n "$a" ] && [ "$a" = "$(cat "$w/o.out")" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL chartc helm version"; fi
# `chartc help template` prints the render help (as `chartc render --help`)
if [ "$("$chartc" help template)" = "$("$chartc" render --help)" ] && "$chartc" render --help | grep -q -- --show-only
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL chartc help template"; fi
# `helm help template` and `helm template --help`: the render help
if [ "$("$w/bin/helm" help template)" = "$("$chartc" render --help)" ] &&
   [ "$("$w/bin/helm" template --help)" = "$("$chartc" render --help)" ]
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL helm help template"; fi
# an unknown chartc command says where the usage is, as cobra does
tool=$chartc; want chartc_unknown "Run 'chartc --help' for usage." -- bogus; tool=$w/bin/helm
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
