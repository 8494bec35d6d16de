#!/bin/sh
# public-charts.sh - run the helm-unittest suites that public chart
# repositories ship (and that pass in their CI) with `chartc unittest`.
# Nothing of these repositories is committed: MIRRORS is a directory of
# git checkouts or bare git directories named owner+name/repo, as the
# `fetch` tool leaves them (/work/.mirror); each is exported (HEAD) to a
# temporary directory first.
#   CHARTC=./chartc MIRRORS=/work/.mirror sh tests/unittest/public-charts.sh [NAME_SUBSTRING]
# Prints one line per chart (suites, tests, time) and ends with
# "N passed, N failed": a chart passes when every suite passes, as in
# upstream CI.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=${CHARTC:-./chartc}
case $chartc in /*) ;; *) chartc=$top/$chartc ;; esac
mirrors=${MIRRORS:-/work/.mirror}
filter=${1:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0

# repository | chart directory | flags, as the repository's CI runs helm
# unittest | dependencies its CI fetches with `helm dependency build`:
# name=owner/repo@commit:path,... exported from those mirrors into charts/
cat >"$tmp/list" <<'LIST'
traefik/traefik-helm-chart|traefik||
traefik/traefik-helm-chart|hub-manager||
jenkinsci/helm-charts|charts/jenkins|--strict -f unittests/*.yaml|
fluxcd-community/helm-charts|charts/flux2|--file tests/*.yaml --file tests/**/*.yaml|
fluxcd-community/helm-charts|charts/flux2-multi-tenancy|--file tests/*.yaml --file tests/**/*.yaml|
fluxcd-community/helm-charts|charts/flux2-sync|--file tests/*.yaml --file tests/**/*.yaml|
fluxcd-community/helm-charts|charts/flux2-notification|--file tests/*.yaml --file tests/**/*.yaml|
lensesio/k2k-helm-charts|.||
CircleCI-Public/container-runner-helm-chart|.||
redpanda-data/redpanda-connect-helm-chart|.||
apache/tika-helm|.||
loft-sh/vcluster|chart||
hackthebox/typesense-helm|.||
kentik/kagent-helm|.||
itential/iag5-helm|charts/iag5|--strict|
m00nwtchr/kanidm-helm-chart|.||
evertrust/horizon-helm|.|-v tests/values.yaml|common=bitnami/charts@5ba89c5afc:bitnami/common
xwiki-contrib/xwiki-helm|charts/xwiki||common=bitnami/charts@5ba89c5afc:bitnami/common,mysql=bitnami/charts@6070eb2d51:bitnami/mysql,mariadb=bitnami/charts@0d7c80d002:bitnami/mariadb,postgresql=bitnami/charts@7aac5fd297:bitnami/postgresql
LIST

while IFS='|' read -r repo chart flags deps; do
    case "$repo $chart" in *"$filter"*) ;; *) continue ;; esac
    src="$mirrors/$(echo "$repo" | tr / +)/repo"
    if [ ! -d "$src" ]; then echo "skip $repo (no mirror at $src)"; continue; fi
    dir="$tmp/$(echo "$repo" | tr / +)"
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        if [ -d "$src/.git" ] || [ -f "$src/Chart.yaml" ]; then cp -R "$src/." "$dir"
        else git --git-dir "$src" archive HEAD | tar -x -C "$dir" 2>/dev/null; fi
    fi
    commit=$(git --git-dir "$src" rev-parse --short HEAD 2>/dev/null || echo "?")
    for d in $(echo "$deps" | tr , ' '); do
        name=${d%%=*}; rest=${d#*=}; drepo=${rest%%@*}; rest=${rest#*@}; dcommit=${rest%%:*}; dpath=${rest#*:}
        dsrc="$mirrors/$(echo "$drepo" | tr / +)/repo"
        if [ ! -d "$dir/$chart/charts/$name" ]; then
            mkdir -p "$dir/$chart/charts/$name"
            git --git-dir "$dsrc" archive "$dcommit" "$dpath" | tar -x -C "$dir/$chart/charts/$name" --strip-components="$(echo "$dpath" | tr / '\n' | grep -c .)"
        fi
    done
    # shellcheck disable=SC2086
    timer=""; [ -x /usr/bin/time ] && timer="/usr/bin/time -o $tmp/cpu -f %U+%S"
    (cd "$dir/$chart" && set -f && $timer "$chartc" unittest --color=false $flags . >"$tmp/out" 2>&1); rc=$?
    cpu=$(cat "$tmp/cpu" 2>/dev/null | tail -1)
    suites=$(sed -n 's/^Test Suites: //p' "$tmp/out")
    tests=$(sed -n 's/^Tests: *//p' "$tmp/out")
    secs=$(sed -n 's/^Time: *//p' "$tmp/out")
    if [ $rc -eq 0 ]; then pass=$((pass + 1)); v=ok; else fail=$((fail + 1)); v=FAIL; fi
    printf '%-4s %s@%s %s: suites: %s; tests: %s; time: %s (cpu %ss)\n' "$v" "$repo" "$commit" "$chart" "$suites" "$tests" "$secs" "$cpu"
    [ $rc -eq 0 ] || grep -v '^ PASS ' "$tmp/out" | head -${SHOW:-40}
done <"$tmp/list"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
