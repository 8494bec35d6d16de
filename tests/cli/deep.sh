#!/bin/bash
# tests/cli/deep.sh - runtime limits of the executor. Nesting that exhausts the
# C stack ends in a clear error,
# never a crash (issue 9, defects 8 and 9): runaway tpl recursion (Helm has no
# limit and dies of Go's stack overflow), template/include/tpl mutual
# recursion, deep control structures and parenthesized pipelines, with the
# normal deep stack and with the small stack left when `ulimit -v` prevents
# the big-stack thread (then the main stack, sized by `ulimit -s`, is used).
# Usage: CHARTC=./chartc bash tests/cli/deep.sh   (ends "N passed, N failed")
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=$(cd "$top" && realpath "${CHARTC:-./chartc}")
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
cd "$w"
pass=0; fail=0
mk() { # mk DIR VALUES < template
    mkdir -p "$1/templates"; printf 'apiVersion: v2\nname: %s\nversion: 0.1.0\n' "$1" > "$1/Chart.yaml"
    printf '%s' "$2" > "$1/values.yaml"; cat > "$1/templates/t.yaml"
}
# expect LIMITS CHART PATTERN [ok]: exit 1, nothing on stdout, PATTERN in the
# error (under a tight `ulimit -v`, running out of memory is a clean end as
# well; with `ok`, so is success when the stack obtained was deep enough)
expect() {
    lim=$1 chart=$2 pat=$3
    { (eval "$lim"; exec "$chartc" render x "$chart") >out 2>err; rc=$?; } 2>/dev/null
    if [ "${4:-}" = ok ] && [ $rc = 0 ]; then pass=$((pass + 1))
    elif { [ $rc = 1 ] && grep -q -- "$pat" err; } && [ ! -s out ]; then pass=$((pass + 1))
    elif [ "$lim" != : ] && [ $rc = 2 ] && [ ! -s out ] && grep -qx 'chartc: out of memory' err; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL deep ($lim) $chart: rc=$rc, want 1 and /$pat/"; head -c 300 err; echo; fi
    [ -n "${DEEP_VERBOSE:-}" ] && echo "($lim) $chart: rc=$rc $(head -c 150 err | tr '\n' ' ')"
}
echo '{{ tpl .Values.x . }}' | mk tpl 'x: "{{ tpl .Values.x . }}"'
echo '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}' | mk tmpl ''
echo '{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ tpl "{{ template \"c\" . }}" . }}{{ end }}{{ define "c" }}{{ include "a" . }}{{ end }}{{ include "a" . }}' | mk mix ''
python3 -c 'print("a: " + "{{ if 1 }}" * 19000 + "x" + "{{ end }}" * 19000)' | mk ifs ''
python3 -c 'print("a: {{ " + "(" * 9000 + "1" + ")" * 9000 + " }}")' | mk parens ''

# nesting Helm renders (Go grows its stack to 512 MiB: about 520,000 nested
# ifs, 1,080,000 else-ifs, 444,000 parentheses in v3; see tmpl_parse.c):
# past chartc's old count limits (20,000 controls, 100,000 parentheses in
# v3), and nested ranges in linear time (their bodies' escape analysis
# was quadratic: 20,000 took 43 s)
renders() { # renders CHART WANT [flags]: exit 0 and WANT as the last line
    chart=$1 want=$2; shift 2
    "$chartc" render x "$chart" "$@" >out 2>err; rc=$?
    if [ $rc = 0 ] && [ "$(tail -n 1 out)" = "$want" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL deep: $chart $*: rc=$rc, want '$want'"; head -c 300 err; tail -c 100 out; echo; fi
}
n=30000
for open in '{{ if 1 }}' '{{ with 1 }}' '{{ range list 1 }}' '{{ if 1 }}{{ with 2 }}{{ range list 3 }}'; do
    python3 -c "import sys; print('a: ' + sys.argv[1] * $n + 'x' + '{{ end }}' * ($n * sys.argv[1].count('{{')))" "$open" | mk nest ''
    renders nest 'a: x'
done
python3 -c "print('a: {{ if 0 }}' + '{{ else if 0 }}' * $n + '{{ else }}x{{ end }}')" | mk elif ''
renders elif 'a: x'
python3 -c "print('a: {{ with 0 }}' + '{{ else with 0 }}' * $n + '{{ else }}x{{ end }}')" | mk elif ''
renders elif 'a: x'
echo 'a: {{ tpl (print "{{ " (repeat 120000 "(") "1" (repeat 120000 ")") " }}") . }}' | mk parens3 ''
renders parens3 'a: 1' --helm-compat 3

# the deep stack: Go's own limits where Go has them
expect : tmpl 'exceeded maximum template depth (100000)'
expect : mix 'nested reference name'

# the smallest address-space limit chartc starts under: no big-stack thread
# (or a small one), so the limits come from the stack actually obtained
small=
if ldd "$chartc" 2>/dev/null | grep -q libasan; then
    echo "tests/cli/deep: ulimit -v cases skipped under AddressSanitizer"
else
    for v in 40000 50000 60000 80000 100000 150000; do
        if (ulimit -v $v; "$chartc" --version) >/dev/null 2>&1; then small=$v; break; fi
    done
fi
if [ -n "$small" ]; then
    for lim in "ulimit -v $small" "ulimit -s 1024; ulimit -v $small" "ulimit -s 256; ulimit -v $small" \
               "ulimit -v $((small + 70000))"; do
        for c in tpl tmpl mix; do expect "$lim" $c 'template nesting too deep\|exceeded maximum template depth\|nested reference name'; done
        expect "$lim" ifs 'template nesting too deep' ok
        expect "$lim" parens 'template nesting too deep' ok
    done
fi
# per-iteration scratch is released: bounded memory for a long loop
printf 'a: {{ range $i := until 2000000 }}{{ $x := printf "%%d-%%s" $i "abc" }}{{ if eq (len $x) 3 }}{{ $x }}{{ end }}{{ end }}\n' | mk loop ''
if [ -n "$small" ]; then
    (ulimit -v 200000; exec "$chartc" render x loop) >out 2>err; rc=$?
    if [ $rc = 0 ] && grep -qx 'a:' out; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL deep: 2e6-iteration range under ulimit -v 200000: rc=$rc"; head -c 300 err; fi
fi
echo "$pass passed, $fail failed"
