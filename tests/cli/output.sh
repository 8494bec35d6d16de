#!/bin/bash
# tests/cli/output.sh - output that is never silently lost (issue 12, issue 9
# defects 12 and 13) and flag values that fail as Helm's do:
#  - stdout on a full disk (/dev/full), closed (>&-) or a pipe without a
#    reader with SIGPIPE ignored: an error and exit 1, for small and large
#    output, for render, functions, snapshot and unittest;
#  - --output-dir on a file size limit, a path through a file, a chart
#    named "..": Helm's error text (compared with real Helm where Helm
#    reports one), no partial or stray file, nothing outside the directory;
#  - malformed CSV values of -a/-f and --set 'a=2,b[0' forms, compared with
#    real Helm v4.1.4 and v3.17.3 (skipped without them).
# Usage: CHARTC=./chartc bash tests/cli/output.sh   (ends "N passed, N failed")
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=$(cd "$top" && realpath "${CHARTC:-./chartc}")
hdir=${CHARTC_HELM_DIR:-$HOME/.cache/chartc-helm}
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
cd "$w"; mkdir home; export HOME="$w/home" TZ=UTC LANG=C
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
have_helm=0; [ -x "$hdir/v4/helm" ] && [ -x "$hdir/v3/helm" ] && have_helm=1

mkdir -p c/templates c/tests
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' > c/Chart.yaml
printf 'kind: A\ndata: {{ .Values.x | default "s" }}\n' > c/templates/a.yaml
printf 'kind: B\n' > c/templates/b.yaml
printf 'suite: s\ntemplates: [templates/a.yaml]\ntests:\n  - it: works\n    asserts:\n      - isKind: {of: A}\n' > c/tests/a_test.yaml
big=$(head -c 20000 /dev/zero | tr '\0' x)   # far over stdio's 4 KiB buffer

# expect_err WHAT RC-FILE ERR-FILE TEXT: exit 1 and TEXT on stderr
expect_err() {
    if [ "$(cat "$2")" = 1 ] && grep -qF "$4" "$3"; then ok
    else bad "$1: rc $(cat "$2"), stderr: $(head -c 300 "$3")"; fi
}

# --- stdout: full disk, closed, broken pipe with SIGPIPE ignored -------------
full="Error: write /dev/stdout: no space left on device"
"$chartc" render c >/dev/full 2>e; echo $? >rc; expect_err "render small >/dev/full" rc e "$full"
"$chartc" render c --set x="$big" >/dev/full 2>e; echo $? >rc; expect_err "render large >/dev/full" rc e "$full"
"$chartc" functions >/dev/full 2>e; echo $? >rc; expect_err "functions >/dev/full" rc e "$full"
"$chartc" --help >/dev/full 2>e; echo $? >rc; expect_err "--help >/dev/full" rc e "$full"
"$chartc" unittest c >/dev/full 2>e; echo $? >rc; expect_err "unittest >/dev/full" rc e "$full"
"$chartc" lint c >/dev/full 2>e; echo $? >rc; expect_err "lint >/dev/full" rc e "$full"
[ "$(wc -l <e)" = 1 ] && ok || bad "lint >/dev/full: one error line expected: $(cat e)"
"$chartc" snapshot c -u >/dev/null 2>&1
"$chartc" snapshot c >/dev/full 2>e; echo $? >rc; expect_err "snapshot >/dev/full" rc e "$full"
"$chartc" render c >&- 2>e; echo $? >rc; expect_err "render, stdout closed" rc e "Error: write /dev/stdout: bad file descriptor"
"$chartc" render c --set x="$big" >&- 2>e; echo $? >rc; expect_err "render large, stdout closed" rc e "Error: write /dev/stdout: bad file descriptor"
# a closed stdout must not be taken over by a file chartc opens
"$chartc" render c --output-dir od >&- 2>e; echo $? >rc; expect_err "output-dir, stdout closed" rc e "bad file descriptor"
if grep -q wrote od/c/templates/a.yaml 2>/dev/null; then bad "stdout written into an output file"; else ok; fi
# a closed stdin reads as empty, as in Go (whose runtime reopens fds 0-2 on /dev/null)
"$chartc" render c -f - <&- >out 2>e && grep -q 'data: s' out && ok || bad "-f - with stdin closed: $(cat e)"
# a pipe whose only reader is gone (a FIFO opened read-write, then closed)
epipe() {
    rm -f fifo; mkfifo fifo
    exec 3<>fifo 4>fifo 3<&-
    (trap '' PIPE; exec "$chartc" "$@" >&4 2>e); echo $? >rc
    exec 4>&-
}
epipe render c; expect_err "render small, broken pipe, SIGPIPE ignored" rc e "Error: write /dev/stdout: broken pipe"
epipe render c --set x="$big"; expect_err "render large, broken pipe, SIGPIPE ignored" rc e "Error: write /dev/stdout: broken pipe"
epipe unittest c; expect_err "unittest, broken pipe, SIGPIPE ignored" rc e "Error: write /dev/stdout: broken pipe"
(trap '' PIPE; "$chartc" render c --set x="$big$big$big$big" | head -c1 >/dev/null; echo "${PIPESTATUS[0]}" >rc) 2>e
expect_err "render | head -c1, SIGPIPE ignored" rc e "Error: write /dev/stdout: broken pipe"
"$chartc" render c >ok.out 2>e && [ ! -s e ] && grep -q 'kind: A' ok.out && ok || bad "render to a file"

# --- --output-dir ---------------------------------------------------------------
# a file size limit (a full disk): the error, the old file intact, no temporary left
mkdir -p o/c/templates; echo old > o/c/templates/a.yaml
(ulimit -f 1; trap '' XFSZ; exec "$chartc" render c --set x="$big" --output-dir o >out 2>e); echo $? >rc
expect_err "output-dir over the file size limit" rc e "Error: write o/c/templates/a.yaml: file too large"
[ "$(cat o/c/templates/a.yaml)" = old ] && ok || bad "a failed write replaced the existing file"
[ "$(ls -A o/c/templates)" = a.yaml ] && ok || bad "files left behind: $(ls -A o/c/templates)"
[ ! -s out ] && ok || bad "wrote lines printed for files not written: $(cat out)"
# the last file fails: the files before it are written whole and reported
printf 'kind: Z\ndata: {{ .Values.y }}\n' > c/templates/z.yaml
rm -rf o; (ulimit -f 4; trap '' XFSZ; exec "$chartc" render c --set y="$big" --output-dir o >out 2>e); echo $? >rc
rm c/templates/z.yaml
expect_err "last file over the limit" rc e "Error: write o/c/templates/z.yaml: file too large"
[ "$(ls -A o/c/templates | tr '\n' ' ')" = "a.yaml b.yaml " ] && ok || bad "last file: left $(ls -A o/c/templates)"
[ "$(cat out)" = "$(printf 'wrote o/c/templates/a.yaml\nwrote o/c/templates/b.yaml')" ] && ok || bad "last file: stdout $(cat out)"
# JUnit report of unittest
{ (ulimit -f 0; trap '' XFSZ; exec "$chartc" unittest c -t JUnit -o j/r.xml 2>e); echo $? >rc; } | cat >out
[ "$(cat rc)" = 1 ] && grep -q 'write j/r.xml: file too large' out && [ -z "$(ls -A j 2>/dev/null)" ] && ok \
    || bad "unittest JUnit over the size limit: rc $(cat rc), $(ls -A j)"
# snapshot goldens and helm-unittest snapshots: never a partial file
{ (ulimit -f 0; trap '' XFSZ; exec "$chartc" snapshot c -u --snapshot-dir sd 2>&1); echo $? >rc; } | cat >out
[ "$(cat rc)" = 1 ] && grep -q 'write sd/default.snap: file too large' out && [ -z "$(ls -A sd)" ] && ok \
    || bad "snapshot -u over the size limit: rc $(cat rc), $(cat out), left $(ls -A sd)"
printf 'suite: m\ntemplates: [templates/a.yaml]\ntests:\n  - it: snaps\n    asserts:\n      - matchSnapshot: {}\n' > c/tests/m_test.yaml
{ (ulimit -f 0; trap '' XFSZ; exec "$chartc" unittest c 2>&1); echo $? >rc; } | cat >out
rm c/tests/m_test.yaml
[ "$(cat rc)" = 1 ] && grep -q 'write c/tests/__snapshot__/m_test.yaml.snap: file too large' out && [ -z "$(ls -A c/tests/__snapshot__)" ] && ok \
    || bad "unittest snapshot over the size limit: rc $(cat rc), $(grep -a write out), left $(ls -A c/tests/__snapshot__)"
rm -rf c/tests/__snapshot__
# a chart named "..": Helm v3 writes outside the output directory; chartc refuses in both modes
mkdir -p dd/templates; printf 'apiVersion: v2\nname: ..\nversion: 0.1.0\n' > dd/Chart.yaml; printf 'kind: A\n' > dd/templates/a.yaml
for v in 3 4; do
    rm -rf out3; mkdir -p out3/sub
    "$chartc" render --helm-compat $v dd --output-dir out3/sub >out 2>e; echo $? >rc
    [ -z "$(find out3 -type f)" ] && ok || bad "v$v: chart '..' wrote $(find out3 -type f)"
    if [ $v = 3 ]; then expect_err "v3 chart named '..'" rc e "refusing to write out3/sub/../templates/a.yaml: the path leaves the output directory out3/sub"
    else expect_err "v4 chart named '..'" rc e 'chart.metadata.name ".." is not allowed'; fi
done

# compare ARGS...: stdout, stderr and status of helm template and chartc render, v4 and v3
compare() {
    for v in 4 3; do
        c=(); [ $v = 3 ] && c=(--helm-compat 3)
        rm -rf oh oc
        "$hdir/v$v/helm" template "$@" >h.out 2>h.err; echo $? >>h.out
        "$chartc" render "${c[@]}" "$@" >c.out 2>c.err; echo $? >>c.out
        sed -i 's#\boc/#oh/#g' c.out c.err
        if cmp -s h.out c.out && cmp -s h.err c.err; then ok
        else bad "v$v: $(printf '%q ' "$@")"; diff h.out c.out | head -6; diff h.err c.err | head -4; fi
    done
}
if [ $have_helm = 1 ]; then
    # --output-dir errors Helm reports
    touch file; compare c --output-dir file
    (ulimit -f 1; trap '' XFSZ; rm -rf oh; "$hdir/v4/helm" template c --set x="$big" --output-dir oh >h.out 2>h.err; echo $? >>h.out
     rm -rf oc; "$chartc" render c --set x="$big" --output-dir oc >c.out 2>c.err; echo $? >>c.out)
    sed -i 's#\boc/#oh/#g' c.out c.err
    cmp -s h.out c.out && cmp -s h.err c.err && ok || { bad "output-dir file size limit vs helm"; diff h.err c.err; }
    # a chart named "." (v3 accepts it) and a subchart named ".": paths are path.Join'ed
    mkdir -p dot/templates dot/crds dot/charts/s/templates
    printf 'apiVersion: v2\nname: "."\nversion: 0.1.0\n' > dot/Chart.yaml
    printf 'apiVersion: v2\nname: "."\nversion: 0.1.0\n' > dot/charts/s/Chart.yaml
    printf 'kind: A\nx: {{ .Template.Name }} {{ .Template.BasePath }}\n' | tee dot/templates/a.yaml > dot/charts/s/templates/b.yaml
    printf 'kind: CustomResourceDefinition\n' > dot/crds/c.yaml
    compare dot --include-crds; compare dot -s templates/a.yaml; rm -rf od; compare dot --output-dir od
    # CSV values of string-slice flags (pflag readAsCSV = encoding/csv)
    printf 'kind: A\napis: {{ range .Capabilities.APIVersions }}{{ if not (contains "/" .) }}{{ . | quote }} {{ end }}{{ end }}\n' > c/templates/api.yaml
    for a in 'x"y' '"x"y' '"x' 'a,"b' '"a""b",c' 'a,,b' ' "a"' '"a" ' 'a"' $'"a\nb"' $'a\nb,"c\nd' ',' \
             '"",""' '"a"b"' 'a,b"c"' '"a,b' $'\n' $'\r\n' $'\n\na,"b\nc' $'a\r' $'"a\r\nb"' $'"a\nb' \
             $'x,"a\n\nb"c' 'é"' $'\n\nq,r\n' '"a",b' $'"a"\r' '"' '""' '"""'; do
        compare c -s templates/api.yaml -a "$a"
    done
    compare c -f 'x"y'; compare c --values '"a'; compare c --debug='x"'
    # bundled shorthands: pflag names the ones not yet read
    for a in -gx -gzx -xg -gnx; do compare c $a; done
    # --set forms whose index ends the input: v4 stops quietly, v3 fails
    printf 'kind: A\nv: {{ toJson .Values }}\n' > c/templates/v.yaml
    for a in 'a=2,b[0' 'b[0' 'a=1,b[' 'b[0]=1,c[1' 'b[0][1' 'x[0].y[1' 'a=1,b[0\' 'b[0]x' 'b[0]xé\,y'; do
        for f in --set --set-string --set-literal --set-json --set-file; do compare c -s templates/v.yaml $f "$a"; done
    done
else
    echo "tests/cli/output.sh: Helm binaries not found in $hdir, comparisons skipped"
fi
echo "tests/cli/output.sh: $pass passed, $fail failed"
