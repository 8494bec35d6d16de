#!/bin/sh
# run.sh - functional tests of `chartc unittest` on tests/unittest/chart
# (chartc's own chart and suites). The suites in tests/ cover every
# assertion type in its passing form and must all pass; tests_failed/ has
# one failing test per assertion type (and per way a test errors) and
# every test must fail. A broken copy of the chart must fail exactly the
# tests that check what was broken, with a snapshot diff; -u must then
# rewrite the snapshot; -j 2 must print what a sequential run prints;
# -o FILE -t JUnit must write one <testcase> per test; changed notes must
# fail matchSnapshotRaw; --seed/--now must make random values and the clock
# something a suite can assert on.
#   CHARTC=./chartc sh tests/unittest/run.sh      (ends "N passed, N failed")
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=${CHARTC:-./chartc}
case $chartc in /*) ;; *) chartc=$top/$chartc ;; esac
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -R "$top/tests/unittest/chart" "$tmp/chart"
cd "$tmp" || exit 1

check() { # $1 name, $2 condition result (0 ok)
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL unittest: $1"; fi
}
last() { tail -1 "$1"; }

"$chartc" unittest --color=false chart >out1 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(last out1)" = "12 passed, 0 failed" ]; check "passing suites" $?
[ $rc -eq 0 ] || head -60 out1

"$chartc" unittest --color=false -f 'tests_failed/*_test.yaml' chart >out2 2>&1; rc=$?
[ $rc -eq 1 ] && [ "$(last out2)" = "0 passed, 39 failed" ]; check "failing suites" $?
[ $rc -eq 1 ] || head -60 out2

# the snapshots committed with the chart were not rewritten
diff -r "$top/tests/unittest/chart/tests/__snapshot__" chart/tests/__snapshot__ >/dev/null; check "snapshot files unchanged" $?

"$chartc" unittest --color=false -j 2 chart >out3 2>&1
grep -v '^Time:' out1 >a; grep -v '^Time:' out3 >b
cmp -s a b; check "-j 2 prints the sequential report" $?

"$chartc" unittest --color=false -f 'tests_failed/*_test.yaml' -o junit/report.xml -t JUnit chart >/dev/null 2>&1
[ "$(grep -c '<testcase ' junit/report.xml)" = 39 ] && [ "$(grep -c '<failure message="Failed"' junit/report.xml)" = 37 ] &&
    [ "$(grep -c '<error message="Error"' junit/report.xml)" = 2 ]; check "JUnit report" $?

# a broken chart: the replica count no longer comes from the values
sed 's/replicas: {{ .Values.replicas }}/replicas: 3/' chart/templates/deployment.yaml >d && mv d chart/templates/deployment.yaml
"$chartc" unittest --color=false chart >out4 2>&1; rc=$?
[ $rc -eq 1 ] && [ "$(last out4)" = "9 passed, 3 failed" ] &&
    grep -q "^	- renders with the defaults of helm-unittest and the suite" out4 &&
    grep -q "^	- takes set, values files, release, capabilities and chart overrides" out4 &&
    grep -q "^				-  replicas: 2" out4 && grep -q "^				+  replicas: 3" out4 &&
    grep -q "^Snapshot Summary: 1 snapshot failed in 1 test suite" out4; check "broken chart fails the right tests" $?
"$chartc" unittest --color=false -u chart >out5 2>&1; rc=$?
[ $rc -eq 1 ] && [ "$(last out5)" = "10 passed, 2 failed" ] && grep -q "^      replicas: 3" chart/tests/__snapshot__/snapshot_test.yaml.snap
check "--update-snapshot rewrites the snapshot" $?

# --seed/--now reach the suites: a template of random values and the clock,
# rendered by `chartc render` with the same seed, release and template name,
# gives the values a suite can then assert on; without the seed, or with
# another, the test fails
mkdir seeded; cp -R chart/Chart.yaml seeded/; mkdir seeded/templates seeded/tests
printf 'kind: ConfigMap\ndata:\n  pass: {{ randAlphaNum 24 | quote }}\n  id: {{ uuidv4 | quote }}\n  at: {{ now | date "2006-01-02T15:04:05" | quote }}\n' >seeded/templates/random.yaml
"$chartc" render rel seeded --seed s1 --now 2030-01-02T03:04:05Z >r.yaml 2>&1
pw=$(sed -n 's/^  pass: //p' r.yaml); id=$(sed -n 's/^  id: //p' r.yaml)
printf 'suite: seeded\ntemplates: [random.yaml]\nrelease: {name: rel}\ntests:\n  - it: asserts on random values\n    asserts:\n      - equal: {path: data.pass, value: %s}\n      - equal: {path: data.id, value: %s}\n      - equal: {path: data.at, value: "2030-01-02T03:04:05"}\n' "$pw" "$id" >seeded/tests/random_test.yaml
"$chartc" unittest --color=false --seed s1 --now 2030-01-02T03:04:05Z seeded >out7 2>&1; rc1=$?
"$chartc" unittest --color=false --seed s2 --now 2030-01-02T03:04:05Z seeded >out8 2>&1; rc2=$?
"$chartc" unittest --color=false seeded >out9 2>&1; rc3=$?
CHARTC_SEED=s1 SOURCE_DATE_EPOCH=1893553445 "$chartc" unittest --color=false seeded >out10 2>&1; rc4=$?
[ ${#pw} = 26 ] && [ $rc1 -eq 0 ] && [ "$(last out7)" = "1 passed, 0 failed" ] && [ $rc2 -eq 1 ] && [ $rc3 -eq 1 ] &&
    [ $rc4 -eq 0 ]; check "--seed and --now (and their environment variables) reach the suites" $?
[ $rc1 -eq 0 ] || { cat r.yaml; head -30 out7; }

# matchSnapshotRaw fails on changed notes, with the diff of the raw text
cp -R "$top/tests/unittest/chart" notes
sed 's/^Thank you/Thanks/' notes/templates/NOTES.txt >n && mv n notes/templates/NOTES.txt
"$chartc" unittest --color=false -f tests/notes_test.yaml notes >out11 2>&1; rc=$?
[ $rc -eq 1 ] && [ "$(last out11)" = "0 passed, 1 failed" ] && grep -q '`matchSnapshotRaw` fail' out11 &&
    grep -q "^				-  Thank you for installing utdemo." out11 && grep -q "^				+  Thanks for installing utdemo." out11 && grep -q "^Snapshot Summary: 1 snapshot failed" out11
check "matchSnapshotRaw fails on changed text" $?
[ $rc -eq 1 ] || head -60 out11

# what public suites rely on where helm-unittest releases differ (chartc
# follows today's): snapshots and `equal` drop a string's leading newlines
# (removeLeadingNewLines since 1.0.3: community-charts' cloudflared), isNull
# is notExists, so a key written as null fails it (Cray-HPE's cray-service),
# and a suite's templates are all that is rendered besides partials, so an
# include of another template fails (opencost's deployment; a test's own
# templates select documents only)
mkdir -p pub/templates pub/tests
printf 'apiVersion: v2\nname: pub\nversion: 0.1.0\n' >pub/Chart.yaml
printf 'kind: ConfigMap\ndata:\n  conf: |\n\n    a: 1\nspec:\n  rollingUpdate: null\n' >pub/templates/cm.yaml
printf 'kind: ConfigMap\nmetadata:\n  name: other\n' >pub/templates/other.yaml
printf 'kind: Deployment\nmetadata:\n  annotations:\n    sum: {{ include (print $.Template.BasePath "/other.yaml") . | sha256sum }}\n' >pub/templates/sum.yaml
cat >pub/tests/pub_test.yaml <<'EOT'
suite: public suites
templates: [cm.yaml]
tests:
  - it: snapshot
    asserts:
      - matchSnapshot: {path: data}
  - it: equal
    asserts:
      - equal: {path: data.conf, value: "a: 1\n"}
      - exists: {path: spec.rollingUpdate}
  - it: null is there
    asserts:
      - isNull: {path: spec.rollingUpdate}
EOT
cat >pub/tests/sum_test.yaml <<'EOT'
suite: includes
templates: [sum.yaml]
tests:
  - it: alone
    asserts:
      - exists: {path: metadata.annotations.sum}
EOT
cat >pub/tests/sum2_test.yaml <<'EOT'
suite: includes, what the test names is not filtered
templates: [sum.yaml, other.yaml]
tests:
  - it: with the included template
    asserts:
      - exists: {path: metadata.annotations.sum}
        template: sum.yaml
EOT
cat >pub/tests/sum3_test.yaml <<'EOT'
suite: includes, a test's templates render everything
tests:
  - it: the test's templates
    templates: [sum.yaml]
    asserts:
      - exists: {path: metadata.annotations.sum}
EOT
"$chartc" unittest --color=false pub >out12 2>&1; rc=$?
snap=pub/tests/__snapshot__/pub_test.yaml.snap
[ $rc -eq 1 ] && [ "$(last out12)" = "4 passed, 2 failed" ] &&
    [ "$(sed -n '/^ *conf: |$/{n;p;}' "$snap")" = "      a: 1" ] &&
    grep -q '^			Path:	spec.rollingUpdate expected to NOT exists$' out12 &&
    grep -q 'no template "pub/templates/other.yaml" associated with template "gotpl"' out12
check "leading newlines, isNull on null, includes of templates the suite leaves out" $?
[ $rc -eq 1 ] || head -60 out12

# bad input: a suite that is not YAML stops the chart with the parse error
printf 'suite: [\n' >chart/tests/bad_test.yaml
"$chartc" unittest --color=false chart >out6 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "^### Error:  yaml: line 1: did not find expected node content" out6; check "unparsable suite" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
