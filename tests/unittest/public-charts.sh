#!/bin/sh
# public-charts.sh - run the helm-unittest suites that public chart
# repositories ship with `chartc unittest`, and compare each chart's
# verdict with upstream's. Nothing of these repositories is committed:
# MIRRORS is a directory of git checkouts or bare git directories named
# owner+name/repo, as the `fetch` tool leaves them (/work/.mirror); each is
# exported (HEAD) to a temporary directory first.
#   CHARTC=./chartc MIRRORS=/work/.mirror [RESULTS=FILE] sh tests/unittest/public-charts.sh [NAME_SUBSTRING]
# Prints one line per chart (suites, tests, failing tests against the
# prediction, CPU and wall time) and ends with "N passed, N failed": a chart
# passes when exactly the tests upstream fails fail (none, for the
# repositories whose CI runs the suites) and its snapshot files, deleted,
# come back byte for byte from `chartc unittest -u`. With RESULTS=FILE it also writes
# the Markdown table of tests/unittest/RESULTS.md, including a row for
# helm-unittest's own runner tests (upstream-selftest.py) when its mirror is
# there.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=${CHARTC:-./chartc}
case $chartc in /*) ;; *) chartc=$top/$chartc ;; esac
mirrors=${MIRRORS:-/work/.mirror}
results=${RESULTS:-}
filter=${1:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
: >"$tmp/rows"

# repository | chart directory, then ";"-separated paths outside it that the
# suites read (exported too) | flags, as the repository's CI runs helm
# unittest | dependencies its CI fetches with `helm dependency build`:
# name=owner/repo@commit:path,... exported from those mirrors and packed as
# charts/name.tgz, as `helm dependency build` leaves them (so their own
# suites are not run) | upstream's verdict: "ci" (its CI runs these suites,
# as the flags say, and passes: every test passes), "noci: why" (no CI runs
# them: every test is taken to pass), "env N: why" (CI passes, but N tests
# need a program this machine lacks) or "fails N[/S]: the tests and why"
# (broken upstream: N tests fail under today's helm-unittest, read off its
# validators, and S of the snapshot files are stale, so -u rewrites them)
cat >"$tmp/list" <<'LIST'
traefik/traefik-helm-chart|traefik|||ci
traefik/traefik-helm-chart|hub-manager|||ci
jenkinsci/helm-charts|charts/jenkins|--strict -f unittests/*.yaml||ci
fluxcd-community/helm-charts|charts/flux2|--file tests/*.yaml --file tests/**/*.yaml||ci
fluxcd-community/helm-charts|charts/flux2-multi-tenancy|--file tests/*.yaml --file tests/**/*.yaml||ci
fluxcd-community/helm-charts|charts/flux2-sync|--file tests/*.yaml --file tests/**/*.yaml||ci
fluxcd-community/helm-charts|charts/flux2-notification|--file tests/*.yaml --file tests/**/*.yaml||ci
lensesio/k2k-helm-charts|.|||ci
CircleCI-Public/container-runner-helm-chart|.|-f tests/**/*_test.yaml||ci
redpanda-data/redpanda-connect-helm-chart|.|||ci
apache/tika-helm|.|||ci
loft-sh/vcluster|chart|||ci
hackthebox/typesense-helm|.|||ci
kentik/kagent-helm|.|||ci
itential/iag5-helm|charts/iag5|--strict||ci
evertrust/horizon-helm|.|-v tests/values.yaml|common=bitnami/charts@5ba89c5afc:bitnami/common|ci
xwiki-contrib/xwiki-helm|charts/xwiki||common=bitnami/charts@5ba89c5afc:bitnami/common,mysql=bitnami/charts@6070eb2d51:bitnami/mysql,mariadb=bitnami/charts@0d7c80d002:bitnami/mariadb,postgresql=bitnami/charts@7aac5fd297:bitnami/postgresql|noci: its CI lints and installs only
kubernetes-sigs/external-dns|charts/external-dns|-f tests/*_test.yaml||ci
kubernetes/ingress-nginx|charts/ingress-nginx|--file tests/**/*_test.yaml||ci
stakater/Reloader|deployments/kubernetes/chart/reloader|||ci
stakater/application|application|||ci
m00nwtchr/kanidm-helm-chart|.|||fails 2: statefulset_test.yaml "should set sane defaults" and "should set basic user inputs" look for volumes under containers[0] (they are in the pod spec) and expect no volumeClaimTemplates, which the template always writes; no CI
IMIO/helm-plone|.|||fails 4: memcached_test.yaml and solr_test.yaml assert kind, image and resources on every document of templates whose first document is a Service; their CI lints and installs only
grafana/k8s-monitoring-helm|charts/k8s-monitoring|--failfast --with-subchart=false||fails 1/4: feature_cluster_events_test.yaml "renders the config to gather Kubernetes Cluster Events", where --failfast stops: its snapshot predates Release 4.4 (57764b9a1), which stopped alloy-config.yaml writing a blank line per feature whose config is empty; without --failfast 7 tests of 4 suites fail so
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-annotation-autodiscovery|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-application-observability|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-auto-instrumentation|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-cluster-events|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-cluster-metrics|||fails 6/5: the matchSnapshot tests of alternative-discovery, custom_rules, default, kube-state-metrics and metrics_tuning: their snapshots predate 49b7f38a5, which added container_pressure_.* to the cAdvisor drop lists
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-cost-metrics|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-host-metrics|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-integrations|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-node-logs|||fails 4/4: every matchSnapshot test: the snapshots predate 95faa3aca, which added the journald priority_keyword rule and stages without regenerating them
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-pod-logs-objects|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-pod-logs-via-kubernetes-api|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-pod-logs-via-loki|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-pod-logs-via-opentelemetry|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-profiles-receiver|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-profiling|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-prometheus-operator-objects|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/feature-windows-event-logs|||ci
grafana/k8s-monitoring-helm|charts/k8s-monitoring/charts/telemetry-services|||ci
temporalio/helm-charts|charts/temporal|||ci
temporalio/helm-charts|charts/temporal-proxy|||ci
kubernetes-sigs/descheduler|charts/descheduler|--strict -d||ci
signalfx/splunk-otel-collector-chart|helm-charts/splunk-otel-collector;unittests|--strict -f ../../unittests/*.yaml|operator=open-telemetry/opentelemetry-helm-charts@21b66f9748:charts/opentelemetry-operator,obi=open-telemetry/opentelemetry-helm-charts@8b77b9a7b7:charts/opentelemetry-ebpf-instrumentation,targetallocator=open-telemetry/opentelemetry-helm-charts@34797a52f3:charts/opentelemetry-target-allocator|env 7: resource_detection_test.yaml's seven "GUARD" tests post-render with mikefarah's Go yq, not on this machine
concourse/concourse-chart|.|-f test/unittest/*/*.yaml||noci: one suite, no CI runs it
newrelic/helm-charts|charts/agent-control-bootstrap||common-library=newrelic/helm-charts@9531c3379b:library/common-library|ci
newrelic/helm-charts|charts/agent-control-cd||flux2=fluxcd-community/helm-charts@26dde5d40f:charts/flux2|ci
newrelic/helm-charts|charts/agent-control-deployment||common-library=newrelic/helm-charts@9531c3379b:library/common-library|ci
newrelic/helm-charts|charts/newrelic-logging||common-library=newrelic/helm-charts@9531c3379b:library/common-library|ci
newrelic/helm-charts|charts/nr-ebpf-agent||common-library=newrelic/helm-charts@9531c3379b:library/common-library|ci
newrelic/helm-charts|charts/nr-k8s-otel-collector||common-library=newrelic/helm-charts@9531c3379b:library/common-library,kube-state-metrics=prometheus-community/helm-charts@3510bbc1c7:charts/kube-state-metrics|ci
newrelic/helm-charts|library/CHART-TEMPLATE||common-library=newrelic/helm-charts@587cc94b78:library/common-library|ci
gravitee-io/helm-charts|cockpit|-f tests/**/*.yaml||ci
gravitee-io/helm-charts|designer|-f tests/**/*.yaml||noci: its CI runs cockpit's suites only
gravitee-io/helm-charts|ae|-f tests/**/*.yaml||fails 13: no CI runs them; configmap_test.yaml's three tests use the old path form data.[gravitee.yml] (yaml-jsonpath: "child name missing"), nine isEmpty/equal asserts name fields the templates no longer write ("unknown path"), deployment_test.yaml expects a checksum/config of an older engine-configmap.yaml
community-charts/helm-charts|charts/actualbudget|--strict --file unittests/**/*.yaml||ci
community-charts/helm-charts|charts/cloudflared|--strict --file unittests/**/*.yaml||fails 3/2: configmap_test.yaml and deployment_test.yaml snapshot config.yaml with its leading newline, as helm-unittest 0.8.2 (their CI's) wrote it; since 1.0.3 snapshots trim leading newlines
community-charts/helm-charts|charts/drone|--strict --file unittests/**/*.yaml||ci
community-charts/helm-charts|charts/pypiserver|--strict --file unittests/**/*.yaml||ci
PrefectHQ/prefect-helm|charts/prefect-server||common=bitnami/charts@5165628ae0:bitnami/common,postgresql=bitnami/charts@d278c2b679:bitnami/postgresql,redis=bitnami/charts@5165628ae0:bitnami/redis|noci: its CI passes with bitnami common 2.41.0 and redis 28.0.5, which bitnami/charts no longer holds; common 2.31.10 and redis 23.1.1 stand in
PrefectHQ/prefect-helm|charts/prefect-worker||common=bitnami/charts@5165628ae0:bitnami/common|noci: common 2.31.10 stands in for 2.41.0, as above
PrefectHQ/prefect-helm|charts/prometheus-prefect-exporter||common=bitnami/charts@5165628ae0:bitnami/common|fails 1: exporter_test.yaml "Should reject non-string pod labels" matches gojsonschema's text, which helm-unittest 1.0.0 (its CI's, on Helm 3.18) prints; since 1.0.3 (Helm 3.19) the schema errors are jsonschema/v6's
langfuse/langfuse-k8s|charts/langfuse;examples||postgres=groundhog2k/helm-charts@31ebcc1cd4:charts/postgres,valkey=valkey-io/valkey-helm@c179c973ac:valkey,seaweedfs=seaweedfs/seaweedfs@73fc9e3833:k8s/charts/seaweedfs|ci
valkey-io/valkey-helm|valkey|||ci
valkey-io/valkey-helm|valkey-operator|||ci
valkey-io/valkey-helm|valkey-resources|||ci
elastic/cloud-on-k8s|deploy/eck-operator|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-agent|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-apm-server|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-autoops-agent-policy|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-beats|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-elasticsearch|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-enterprise-search|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-fleet-server|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-kibana|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-logstash|-f templates/tests/*.yaml --with-subchart=false||ci
elastic/cloud-on-k8s|deploy/eck-stack/charts/eck-package-registry|-f templates/tests/*.yaml --with-subchart=false||ci
Dynatrace/dynatrace-operator|config/helm/chart/default|-f ./tests/*/*/*/*.yaml -f ./tests/*/*/*.yaml -f ./tests/*/*.yaml -f ./tests/*.yaml||ci
grafana-community/helm-charts|charts/grafana|--strict --file tests/**/*.yaml||ci
grafana-community/helm-charts|charts/loki|--strict --file tests/**/*.yaml|minio=minio/minio@43a7402968:helm/minio,rollout-operator=grafana/helm-charts@181da6d33c:charts/rollout-operator|ci
grafana-community/helm-charts|charts/tempo-distributed|--strict --file tests/**/*.yaml|grafana-agent-operator=grafana/helm-charts@cdc83be4fa:charts/agent-operator,rollout-operator=grafana/helm-charts@181da6d33c:charts/rollout-operator|ci
cyberark/conjur-k8s-csi-provider|helm/conjur-k8s-csi-provider|||ci
Cray-HPE/base-charts|kubernetes/cray-service|||fails 2: deployment-update-strategy_test.yaml's two Recreate tests assert isNull on spec.strategy.rollingUpdate, which the template writes as null; isNull has been notExists (present counts, null or not) since helm-unittest 0.3.2; its Makefile runs quintush's older image
Cray-HPE/base-charts|kubernetes/cray-jobs|||ci
Cray-HPE/base-charts|kubernetes/cray-postgresql|||ci
zapier/kubechecks|charts/kubechecks|||fails 1: deployment_test.yaml "should allow arbitrary annotations" expects the checksum/config of chart version 0.5.6; b386cc3 bumped the chart to 3.0.0 (its helm.sh/chart label is in the ConfigMap) without updating it
zapier/kubechecks|charts/kubechecks-rbac|||ci
pando85/kaniop|charts/kaniop|||ci
opencost/opencost-helm-chart|charts/opencost|-f tests/plugins_test.yaml||ci
VictoriaMetrics/helm-charts|charts/victoria-logs-collector||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-logs-mcp||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-logs-multilevel||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-metrics-agent||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-metrics-alert||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-metrics-cluster||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-metrics-mcp||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-metrics-operator||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-metrics-single||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-traces-cluster||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|charts/victoria-traces-single||victoria-metrics-common=VictoriaMetrics/helm-charts@2c39e071ea:charts/victoria-metrics-common|ci
VictoriaMetrics/helm-charts|test-charts/victoria-metrics-common||victoria-metrics-common=VictoriaMetrics/helm-charts@5823471ac2:charts/victoria-metrics-common|ci
kubescape/helm-charts|charts/kubescape-operator|||ci
kubewarden/helm-charts|charts/admission-controller|||ci
kubewarden/helm-charts|charts/kubewarden-controller|||ci
kubewarden/helm-charts|charts/kubewarden-crds|||ci
kubewarden/helm-charts|charts/kubewarden-defaults|||ci
LIST

while IFS='|' read -r repo chart flags deps verdict; do
    case "$repo $chart" in *"$filter"*) ;; *) continue ;; esac
    src="$mirrors/$(echo "$repo" | tr / +)/repo"
    if [ ! -d "$src" ]; then echo "skip $repo (no mirror at $src)"; continue; fi
    dir="$tmp/$(echo "$repo" | tr / +)"
    extra=$(echo "$chart" | cut -s -d';' -f2- | tr ';' ' '); chart=${chart%%;*}
    if [ ! -d "$dir/$chart" ]; then
        mkdir -p "$dir"
        if [ -d "$src/.git" ] || [ -f "$src/Chart.yaml" ]; then cp -R "$src/." "$dir"
        elif [ "$chart" = . ]; then git --git-dir "$src" archive HEAD | tar -x -C "$dir"
        else git --git-dir "$src" archive HEAD "$chart" $extra 2>/dev/null | tar -x -C "$dir"; fi
    fi
    commit=$(git --git-dir "$src" rev-parse --short=10 HEAD 2>/dev/null || echo "?")
    for d in $(echo "$deps" | tr , ' '); do
        name=${d%%=*}; rest=${d#*=}; drepo=${rest%%@*}; rest=${rest#*@}; dcommit=${rest%%:*}; dpath=${rest#*:}
        dsrc="$mirrors/$(echo "$drepo" | tr / +)/repo"
        if [ ! -f "$dir/$chart/charts/$name.tgz" ]; then
            rm -rf "$tmp/dep"; mkdir -p "$tmp/dep/$name" "$dir/$chart/charts"
            git --git-dir "$dsrc" archive "$dcommit" "$dpath" | tar -x -C "$tmp/dep/$name" --strip-components="$(echo "$dpath" | tr / '\n' | grep -c .)"
            tar -czf "$dir/$chart/charts/$name.tgz" -C "$tmp/dep" "$name"
        fi
    done
    rm -f "$tmp/cpu"
    # shellcheck disable=SC2086
    (cd "$dir/$chart" && set -f && /usr/bin/time -o "$tmp/cpu" -f '%U %S %e' "$chartc" unittest --color=false $flags . >"$tmp/out" 2>&1)
    set -- $(tail -1 "$tmp/cpu" 2>/dev/null) "?" "?" "?"
    user=$1; sys=$2; wall=$3
    suites=$(sed -n 's/^Test Suites: //p' "$tmp/out")
    tests=$(sed -n 's/^Tests: *//p' "$tmp/out")
    count() { echo "$1" | grep -o "[0-9]* $2" | cut -d' ' -f1; }
    nsuites=$(count "$suites" total); ntests=$(count "$tests" total)
    npass=$(count "$tests" passed); nfail=$(count "$tests" failed)
    case $verdict in
        ci) want=0; upstream="passes (CI runs the suites)" ;;
        noci*) want=0; upstream="taken to pass (${verdict#*: })" ;;
        env*) want=$(echo "$verdict" | sed 's/^env \([0-9]*\):.*/\1/'); upstream="passes (CI runs the suites); $want fail here (${verdict#*: })" ;;
        fails*) want=$(echo "$verdict" | sed 's/^fails \([0-9]*\).*/\1/'); upstream="$want tests fail (${verdict#*: })" ;;
    esac
    stale=$(echo "$verdict" | sed -n 's/^fails [0-9]*\/\([0-9]*\):.*/\1/p'); stale=${stale:-0}
    # the reverse direction: the snapshot files (written by helm-unittest)
    # deleted and written again by `chartc unittest -u` must come back byte
    # for byte
    # (with --with-subchart=false the subcharts' suites do not run)
    case " $flags " in *" --with-subchart=false "*) prune="-path ./charts -prune -o" ;; *) prune= ;; esac
    snaps=$(cd "$dir/$chart" && find . $prune -name '*.snap' -print | sort)
    nsnap=0; nsame=0
    if [ -n "$snaps" ]; then
        rm -rf "$tmp/snaps"; mkdir "$tmp/snaps"
        (cd "$dir/$chart" && tar -cf - $snaps | tar -x -C "$tmp/snaps" && rm -f $snaps)
        (cd "$dir/$chart" && set -f && "$chartc" unittest --color=false -u $flags . >/dev/null 2>&1)
        for f in $snaps; do
            nsnap=$((nsnap + 1))
            if cmp -s "$tmp/snaps/$f" "$dir/$chart/$f"; then nsame=$((nsame + 1))
            # a file without entries ("{}", left by an update that removed the
            # last snapshot) is not written from nothing, by either tool
            elif [ ! -e "$dir/$chart/$f" ] && [ "$(cat "$tmp/snaps/$f")" = "{}" ]; then nsame=$((nsame + 1))
            else echo "snapshot differs after -u: $f"; fi
        done
    fi
    if [ "${nfail:-0}" -eq "$want" ] && [ -n "$ntests" ] && [ $((nsnap - nsame)) -eq "$stale" ]; then pass=$((pass + 1)); v=ok; same=yes; else fail=$((fail + 1)); v=FAIL; same=NO; fi
    printf '%-4s %s@%s %s: suites: %s; tests: %s; upstream fails %s; snapshot files rewritten identical %s/%s; cpu %s+%ss, wall %ss\n' \
        "$v" "$repo" "$commit" "$chart" "$suites" "$tests" "$want" "$nsame" "$nsnap" "$user" "$sys" "$wall"
    if [ "${nfail:-0}" -ne 0 ] || [ $v = FAIL ]; then grep -v '^ PASS ' "$tmp/out" | head -"${SHOW:-40}"; fi
    snapcell="-"; [ $nsnap -gt 0 ] && snapcell="$nsame/$nsnap"
    printf '| %s@%s | %s | %s | %s | %s passed, %s failed | %s | %s | %s | %s+%s s | %s s |\n' \
        "$repo" "$commit" "$chart" "$nsuites" "$ntests" "${npass:-0}" "${nfail:-0}" "$upstream" "$same" "$snapcell" "$user" "$sys" "$wall" >>"$tmp/rows"
done <"$tmp/list"

# helm-unittest's own test charts, through its runner tests
hu="$mirrors/helm-unittest+helm-unittest/repo"
if [ -d "$hu" ] && case "helm-unittest" in *"$filter"*) true ;; *) false ;; esac; then
    python3 "$top/tests/unittest/upstream-selftest.py" --repo "$hu" --chartc "$chartc" >"$tmp/self" 2>&1; rc=$?
    sum=$(sed -n 's/^summary: //p' "$tmp/self"); res=$(tail -1 "$tmp/self")
    cases=$(echo "$sum" | sed 's/cases \([0-9]*\),.*/\1/'); s=$(echo "$sum" | sed 's/.*suites \([0-9]*\),.*/\1/')
    t=$(echo "$sum" | sed 's/.*tests \([0-9]*\),.*/\1/'); cpu=$(echo "$sum" | sed 's/.*cpu \([0-9.]*\)+\([0-9.]*\)s/\1+\2/')
    if [ $rc -eq 0 ]; then pass=$((pass + 1)); v=ok; same=yes; else fail=$((fail + 1)); v=FAIL; same=NO; fi
    printf '%-4s helm-unittest/helm-unittest@%s test/data: %s runner tests (%s); suites %s, tests %s; cpu %ss\n' \
        "$v" "$(git --git-dir "$hu" rev-parse --short=10 HEAD)" "$cases" "$res" "$s" "$t" "$cpu"
    [ $rc -eq 0 ] || grep -v '^ok ' "$tmp/self"
    printf '| helm-unittest/helm-unittest@%s | test/data/v3 (%s TestV3Runner* tests) | %s | %s | %s of the runner tests give its verdict and report | the expected verdicts and reports (.snapshots) | %s | - | %s s | |\n' \
        "$(git --git-dir "$hu" rev-parse --short=10 HEAD)" "$cases" "$s" "$t" "$res" "$same" "$cpu" >>"$tmp/rows"
fi

if [ -n "$results" ]; then
    {
        echo "# chartc unittest on public helm-unittest suites"
        echo
        echo "Written by \`RESULTS=tests/unittest/RESULTS.md sh tests/unittest/public-charts.sh\`"
        echo "($(date -u +%Y-%m-%d))."
        echo "Each repository is the stored snapshot of its default branch; its suites run as its CI runs"
        echo "them (flags and fetched dependencies in the script). *Upstream* is helm-unittest's verdict:"
        echo "repositories whose CI runs the suites pass them; where no CI runs them, the failing tests"
        echo "were read off helm-unittest's validators. *Same* is yes when chartc fails exactly that many"
        echo "tests. *Snapshots*: of the repository's snapshot files (helm-unittest's), how many"
        echo "\`chartc unittest -u\` writes again byte for byte after they are deleted. CPU is the"
        echo "user+system time of \`chartc unittest\` (the suites of a snapshot file run in a process of"
        echo "their own), wall the elapsed time, on a shared 2-core machine."
        echo
        echo "| Repository | Chart | Suites | Tests | chartc | Upstream | Same | Snapshots | CPU | Wall |"
        echo "| --- | --- | ---: | ---: | --- | --- | --- | ---: | ---: | ---: |"
        cat "$tmp/rows"
        echo
        echo "$pass passed, $fail failed"
        echo
        echo "Not run: helm-unittest's TestV3RunnerOkWithPassedTestsDifferentFormatter (SonarQube XML"
        echo "output; chartc writes JUnit) and TestV3RunnerOkWithPostRenderer (its post-renderer is"
        echo "mikefarah's Go yq, not on this machine). Fetched but not listed: harness/helm-charts (its"
        echo "suites test a chart the repository does not hold), steadforce/forecastle-deployment (no"
        echo "suites in the repository), helmfile/helmfile (one suite, a fixture of its integration"
        echo "tests), external-secrets/external-secrets (its CI first generates templates/crds with"
        echo "mikefarah's yq; without them chartc passes 262 of 268 tests: 5 read the generated CRDs and"
        echo "rbac_test.yaml's snapshot predates two resources rbac.yaml has listed since June, which"
        echo "helm-unittest fails as well) and bjw-s-labs/helm-charts (its common library's suites were"
        echo "written for helm-unittest on Helm 3.17's gojsonschema, which reads \$ref"
        echo "file://../values.schema.json from the working directory; today's helm-unittest, on"
        echo "Helm 3.20's jsonschema/v6, fails to load that schema, and so does chartc),"
        echo "PostHog/charts-clickhouse (its CI runs quintush's helm-unittest 0.2.8 with --helm3, a flag"
        echo "gone since 0.3.0; without it error-on-invalid-values.yaml's tests with \`asserts: []\` make"
        echo "today's helm-unittest reject the chart, as chartc does), kubewarden's sbomscanner (its suites"
        echo "are in subfolders the default glob its CI uses does not reach), VictoriaMetrics'"
        echo "victoria-logs-cluster/-single, -distributed and k8s-stack (dependencies from repositories not"
        echo "fetched) and, without helm-unittest suites in their snapshots, CAAPIM/apim-charts,"
        echo "deliveryhero/helm-charts, kedacore/charts, oauth2-proxy/manifests, netbox-community/netbox-chart,"
        echo "kyverno/policy-reporter, neuvector/neuvector-helm, k8up-io/k8up, SonarSource/helm-chart-sonarqube,"
        echo "kubernetes/dashboard and pascaliske/helm-charts."
    } >"$results"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
