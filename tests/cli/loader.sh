# tests/cli/loader.sh - chart loading and values limits (sourced by
# tests/cli/run.sh, which provides cmp_case, mk, $chartc, $w and the
# pass/fail counters). Big charts are generated here, never committed.

# ok NAME CMD...: a plain check of ours (no Helm comparison)
ok() {
    n=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $n"; fi
}
# render_under_cap KB CHART: chartc renders CHART under ulimit -v KB
# (an ASan build reserves terabytes of shadow address space: no cap there,
# the render is still checked)
render_under_cap() {
    if ldd "$chartc" 2>/dev/null | grep -q libasan; then "$chartc" render "$2" >cap.out 2>cap.err && return 0
    else ( ulimit -v "$1"; "$chartc" render "$2" >cap.out 2>cap.err ) && return 0; fi
    head -3 cap.err; return 1
}

# --- memory linear in the number of chart files (issue 9 defect 1) ---
# 100,000 files in a .tgz: Helm v4 peaks at about 174 MB; chartc must stay
# under 300 MB of address space (it used to abort at 8 GB).
mk many; mkdir -p many/files
printf 'kind: ConfigMap\nn: {{ len .Files }}\n' > many/templates/cm.yaml
( cd many/files && seq 1 100000 | sed 's/^/f/' | xargs touch )
tar czf many.tgz many
ok "100k-file archive under 300 MB" render_under_cap 300000 many.tgz
ok "100k-file archive renders every file" grep -q '^n: 100000$' cap.out
rm -rf many many.tgz
# a 2,000,000-iteration loop that assigns an outer variable (issue 9
# defect 14): each iteration's scratch is released and until's list is sized
# once; it needed 400 MB of address space before, about 50 MB now
mk loopm
printf '{{- $x := 0 }}{{- range $i := until 2000000 }}{{- $x = add $x 1 }}{{- end }}\nn: {{ $x }}\n' > loopm/templates/t.yaml
ok "2e6-iteration assigning loop under 200 MB" render_under_cap 200000 loopm
ok "2e6-iteration assigning loop counts" grep -q '^n: 2000000$' cap.out
rm -rf loopm
# unseeded random functions read the kernel generator 4 KiB at a time, not
# one system call per character (randAlphaNum 10^7 took 21 s, Helm 4.8 s)
if command -v strace >/dev/null 2>&1; then
    mk rnd
    printf 'a: {{ randAlphaNum 100000 | len }} {{ randAscii 1000 | len }}\n' > rnd/templates/t.yaml
    few_getrandom() {
        # LeakSanitizer cannot run under ptrace: leaks are checked elsewhere
        ASAN_OPTIONS=detect_leaks=0 strace -f -c -e trace=getrandom -o rnd.trace "$chartc" render rnd >rnd.out 2>&1 || return 1
        grep -q '^a: 100000 1000$' rnd.out || return 1
        calls=$(awk '$NF == "getrandom" {print $4}' rnd.trace); [ "${calls:-0}" -lt 1000 ]
    }
    ok "randAlphaNum 100000: under 1000 getrandom calls" few_getrandom
    rm -rf rnd rnd.trace rnd.out
fi
# Local's zone table (read on first use of a zone abbreviation) lives on the
# heap: read inside a range iteration whose scratch is released, it was
# freed and the next lookup crashed. Helm v4 prints these lines under the
# same TZ.
if [ -f /usr/share/zoneinfo/America/Los_Angeles ]; then
    mk tzr
    printf '{{- range $i := until 3 }}\n# {{ toDate "2006-01-02 MST" "2020-01-02 PST" }} {{ $x := repeat 100000 "z" }}{{ $y := list $x $x }}\n{{- end }}\n# {{ toDate "2006-01-02 MST" "2020-07-02 PDT" }}\n' > tzr/templates/t.yaml
    tz_after_range() {
        TZ=America/Los_Angeles "$chartc" render tzr >tzr.out 2>&1 || { head -3 tzr.out; return 1; }
        [ "$(grep -c '^# 2020-01-02 00:00:00 -0800 PST $' tzr.out)" = 3 ] && grep -q '^# 2020-07-02 00:00:00 -0700 PDT$' tzr.out
    }
    ok "zone table read inside a released range iteration" tz_after_range
    rm -rf tzr tzr.out
fi
# loops that keep growing a value: only the live value is kept, not every
# intermediate one (10,000 appends held 834 MB, 20,000 printf
# concatenations 842 MB; Helm v4 64 MB and 72 MB)
mk grow
printf '{{- $l := list }}{{ range $i := until 10000 }}{{ $l = append $l $i }}{{ end }}a: {{ len $l }}\n{{- $s := "" }}{{ range $i := until 20000 }}{{ $s = printf "%%s%%d" $s $i }}{{ end }}\nb: {{ len $s }}\n' > grow/templates/t.yaml
ok "growing list and string in loops under 200 MB" render_under_cap 200000 grow
ok "growing list and string in loops: values" sh -c 'grep -q "^a: 10000$" cap.out && grep -q "^b: 88890$" cap.out'
rm -rf grow
# values merged document after document: each merge changes the maps it
# made in place (10,000 documents of one values.yaml held 6.9 GB and ran
# out of memory; 3,000 -f files 641 MB; Helm v4 60 MB and 52 MB)
mk mdoc; printf 'n: {{ len .Values }} {{ len .Values.a }}\n' > mdoc/templates/t.yaml
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "k%d: 1\na:\n  k%d: 1\n---\n", i, i }' > mdoc/values.yaml
ok "10k-document values.yaml under 150 MB" render_under_cap 150000 mdoc
ok "10k-document values.yaml merges every document" grep -q '^n: 10001 10000$' cap.out
rm -f mdoc/values.yaml; mkdir mdoc/v; fargs=()
for i in $(seq 1 3000); do printf 'k%d: 1\na:\n  k%d: 1\n' $i $i > mdoc/v/$i.yaml; fargs+=(-f mdoc/v/$i.yaml); done
render_f_under_cap() {
    if ldd "$chartc" 2>/dev/null | grep -q libasan; then "$chartc" render mdoc "${fargs[@]}" >cap.out 2>cap.err && return 0
    else ( ulimit -v "$1"; "$chartc" render mdoc "${fargs[@]}" >cap.out 2>cap.err ) && return 0; fi
    head -3 cap.err; return 1
}
ok "3,000 -f files under 150 MB" render_f_under_cap 150000
ok "3,000 -f files merge every file" grep -q '^n: 3001 3000$' cap.out
rm -rf mdoc
# 10,000 templates in a directory (was 1.23 GB)
mk tens; ( cd tens/templates && seq 1 10000 | while read -r i; do printf 'kind: ConfigMap\nmetadata:\n  name: c%s\n' "$i" > "t$i.yaml"; done )
ok "10k-template directory under 300 MB" render_under_cap 300000 tens
ok "10k-template directory renders every template" [ "$(grep -c '^kind: ConfigMap' cap.out)" = 10000 ]
rm -rf tens

# --- archives whose gzip header is invalid: Helm v4 names the archive's
# absolute path, so these are compared here rather than as goldens ---
for a in gz-flags-bad-hcrc gz-name-512; do
    cp "$top/testdata/charts/arc-$a.tgz" "arc-$a.tgz"; cmp_case "arc-$a.tgz"
done

# --- a chain of subcharts, each listing the next with a condition, tags
# and import-values: every level's values were copied at every level below
# (11.5 GB at depth 300, Helm 1.7 GB at 200). gen_chain DIR N FULL: at each
# level values, a condition, tags, import-values; FULL adds globals nested
# at every level (coalesceGlobals' shared maps) and prints all values ---
gen_chain() {
    python3 - "$@" <<'PY'
import os, sys
d, n, full = sys.argv[1], int(sys.argv[2]), sys.argv[3] == 'full'
p = d
for i in range(n + 1):
    os.makedirs(p + '/templates')
    cy = 'apiVersion: v2\nname: d%d\nversion: 0.1.0\n' % i
    if i < n:
        cy += ('dependencies:\n- name: d%d\n  version: 0.1.0\n  condition: d%d.enabled\n  tags: [t%d]\n'
               '  import-values:\n  - child: exports.e\n    parent: imp%d\n  - child: global\n    parent: ig\n'
               % (i + 1, i + 1, i % 3, i % 2))
    open(p + '/Chart.yaml', 'w').write(cy)
    v = 'd%d:\n  enabled: %s\n  x: {a: %d}\nexports:\n  e: {v%d: %d}\n' % (i + 1, 'false' if full and i in (4, 9) else 'true', i, i % 4, i)
    if full:
        v += 'global:\n  g:\n    l%d: {k: %d}\n    s: {t%d: %d}\n  n%d: %d\ntags:\n  t%d: true\n' % (i, i, i % 2, i, i, i, (i + 1) % 3)
    elif i == 0:
        v += 'global:\n  g: {a: {k: 1}, b: 2}\ntags:\n  t0: true\n'
    open(p + '/values.yaml', 'w').write(v)
    t = '{{ toYaml .Values | nindent 2 }}' if full else '{{ list .Values.x .Values.global .Values.imp0 .Values.ig | toJson | quote }}'
    open(p + '/templates/t.yaml', 'w').write('---\nc%d: %s\n' % (i, t))
    p += '/charts/d%d' % (i + 1)
PY
}
gen_chain dchain 12 full
cmp_case dchain
cmp_case dchain --set d1.d2.d3.d4.d5.enabled=true --set d1.d2.x.a=5 --set global.g.top.z=1 --set tags.t2=false
# (not also --set d1.exports=null: Helm v3 then prints its "cannot overwrite table" warning
# in some runs and not in others, by Go's map order: 2 of 6 runs differed)
cmp_case dchain --set d1.d2.d3.d4.d5.enabled=true --set d1.d2.d3.d4.d5.d6.d7.global.g.l6=null
rm -rf dchain; gen_chain dchain 6 small; cmp_case dchain; rm -rf dchain
gen_chain dchain 300 small
ok "depth-300 subchart chain under 600 MB" render_under_cap 600000 dchain
ok "depth-300 subchart chain renders every level" [ "$(grep -c '^c[0-9]' cap.out)" = 301 ]
rm -rf dchain

# --- values nested past any C stack (issue 9 defect 7) ---
# render_small_stack KB ARGS...: chartc renders under ulimit -s KB, printing
# what it printed with the default stack (c.out of the cmp_case before)
render_small_stack() {
    kb=$1; shift
    ( ulimit -s "$kb"; "$chartc" render "$@" >ss.out 2>ss.err ) && cmp -s ss.out c.out || { head -3 ss.err; return 1; }
}
# cmp_v4 ARGS...: cmp_case for Helm v4 only
cmp_v4() {
    env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$hdir/v4/helm" template "$@" >h.out 2>h.err; hrc=$?
    env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$chartc" render "$@" >c.out 2>c.err; crc=$?
    if cmp -s h.out c.out && cmp -s h.err c.err && [ $hrc = $crc ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); a="$*"; echo "FAIL v4: ${a:0:100}"; diff h.err c.err | head -4; fi
}
mk deep
printf 'x: {{ .Values.a | toJson | len }} {{ printf "%%v" .Values.a | len }} {{ .Values.a | toYaml | len }}\n' > deep/templates/t.yaml
deep_set="a$(printf '%43000s' '' | sed 's/ /[0]/g')=1"     # 43,000 levels, 129 KB
cmp_v4 deep --set "$deep_set"           # (Helm v3 takes a minute on it)
ok "43,000-level --set under a 1 MiB stack" render_small_stack 1024 deep --set "$deep_set"
# a values file at go-yaml's limit (9,999 levels; 10,000 is Helm's depth error)
python3 -c "print('a: ' + '[' * 9999 + ']' * 9999)" > deep/values.yaml
cmp_case deep
ok "9,999-level values.yaml under a 256 KiB stack" render_small_stack 256 deep
python3 -c "print('a: ' + '[' * 10000 + ']' * 10000)" > deep/values.yaml; cmp_case deep
rm -rf deep

# --- values.schema.json $ref cycles (issue 9 defect 14): Helm v4 reports
# jsonschema's "reference cycle" error; Helm v3 overflows its stack, where
# chartc reports the same cycle instead (a plain check of ours) ---
v3_cycle() {
    "$chartc" render --helm-compat 3 "$@" >c.out 2>c.err
    [ $? = 1 ] && [ ! -s c.out ] && grep -q 'causing reference cycle (Helm v3 overflows its stack on this schema)$' c.err
}
mk cy; printf 'x: {{ .Values.x }}\n' > cy/templates/t.yaml; printf 'x: 1\n' > cy/values.yaml
for s in '{"$ref": "#"}' '{"allOf": [{"$ref": "#"}]}' '{"not": {"$ref": "#"}}' \
         '{"properties": {"x": {"$ref": "#/properties/x"}}}' \
         '{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "properties": {"x": {"$ref": "#/definitions/a"}}}' \
         '{"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/a"}}}'; do
    printf '%s' "$s" > cy/values.schema.json
    cmp_v4 cy; ok "v3 reference cycle: $s" v3_cycle cy
done
# recursion that consumes the values is no cycle; cycles never entered are none
printf 'c: {c: {c: {x: 1}}}\nl: [[[1]]]\n' > cy/values.yaml
for s in '{"properties": {"c": {"$ref": "#"}, "l": {"items": {"$ref": "#/properties/l"}}, "x": {"type": "string"}}}' \
         '{"definitions": {"a": {"$ref": "#/definitions/a"}}}' '{"properties": {"y": {"$ref": "#/properties/y"}}}'; do
    printf '%s' "$s" > cy/values.schema.json; cmp_case cy
done
# local $ref targets are resolved when the schema compiles, with Helm's errors
for s in '{"properties": {"y": {"$ref": "#/nope"}}}' '{"properties": {"x": {"$ref": "#foo"}}, "required": ["zz"]}' \
         '{"properties": {"x": {"$ref": "#/definitions/a~2b"}}, "definitions": {"a~2b": {}}}' \
         '{"properties": {"x": {"$ref": "#/definitions/a%20b"}}, "definitions": {"a b": {"type": "string"}}}' \
         '{"properties": {"x": {"$ref": "#/definitions/a", "type": "string"}}, "definitions": {"a": {}}}'; do
    printf '%s' "$s" > cy/values.schema.json; cmp_case cy
done
rm -rf cy
# a string longer than Value.n can hold is an error up front, never a
# length wrapped modulo 2^32 (repeat 3e9 "xx" printed 1705032704)
mk big4g
printf 'a: {{ repeat 3000000000 "xx" | len }}\nb: {{ indent 5000000000 "x" | len }}\n' > big4g/templates/t.yaml
too_long() {
    "$chartc" render big4g >big4g.out 2>big4g.err; rc=$?
    [ $rc = 1 ] && [ ! -s big4g.out ] && grep -q "a string of 6000000000 bytes: longer than chartc's limit of 4 GiB - 1" big4g.err
}
ok "repeat past 4 GiB: an error, not a wrapped length" too_long
rm -rf big4g big4g.out big4g.err

# --- big chart files are mapped rather than read (chart.c read_file):
# contents and BOMs of mapped files, sizes around a page boundary (a file
# that fills its last page is read), a mapped values.yaml, CRD, Chart.yaml
# and subchart archive, and a mapped template whose parse runs to its
# end (the lexer stops at the NUL after the text, here the last byte of
# a page) ---
mk bigf; mkdir -p bigf/files bigf/crds bigf/charts bigf/sub/templates
python3 - <<'P'
import random
r = random.Random(7)
def text(n, bom=False):
    s = ''.join('line %d %s\n' % (i, 'x' * (i % 61)) for i in range(n // 8))
    return (('\ufeff' if bom else '') + s).encode()[:n]
for name, n, bom in [('bom.txt', 70000, True), ('page.txt', 65536, False), ('page1.txt', 65537, False),
                     ('tail.txt', 69631, False), ('small.txt', 100, True)]:
    open('bigf/files/' + name, 'wb').write(text(n, bom))
open('bigf/values.yaml', 'wb').write('\ufeff'.encode() + ''.join('k%d: v%d\n' % (i, i) for i in range(9000)).encode())
open('bigf/Chart.yaml', 'ab').write(''.join('# %d %s\n' % (i, 'c' * 50) for i in range(1500)).encode())
open('bigf/crds/big.yaml', 'wb').write(('kind: CustomResourceDefinition\nmetadata:\n  name: big\nspec:\n'
    + ''.join('  f%d: %s\n' % (i, 'y' * 40) for i in range(1600))).encode())
open('bigf/templates/big.yaml', 'wb').write(('kind: ConfigMap\ndata:\n'
    + ''.join('  k%d: {{ .Values.k%d | quote }}\n' % (i, i) for i in range(2500))).encode())
open('bigf/sub/Chart.yaml', 'w').write('apiVersion: v2\nname: sub\nversion: 0.1.0\n')
open('bigf/sub/blob.bin', 'wb').write(bytes(r.getrandbits(8) for _ in range(100000)))
open('bigf/sub/templates/t.yaml', 'w').write('sub: {{ .Files.Get "blob.bin" | sha256sum }}\n')
P
cat > bigf/templates/files.yaml <<'T'
kind: Files
data:
{{- range $k, $v := .Files }}
  {{ $k }}: {{ len $v }} {{ toString $v | sha256sum }}
{{- end }}
  lines: {{ len (.Files.Lines "files/tail.txt") }} {{ .Values.k8999 }} {{ len .Values }}
T
tar czf bigf/charts/sub.tgz -C bigf sub; rm -rf bigf/sub
cmp_case bigf; cmp_case bigf --include-crds
# a mapped template ending inside a quoted string, at a page's last byte
mk bige; python3 -c "
s = 'a: ' + 'z' * 69620 + '\n{{ \"abc'
open('bige/templates/end.yaml', 'w').write(s); assert len(s) == 69631"
cmp_case bige
# a file of 5 MiB loads (mapped), one byte more is Helm's size error
mk bigm; head -c 5242880 /dev/zero | tr '\0' 'q' > bigm/five.txt
printf 'n: {{ len (.Files.Get "five.txt") }}\n' > bigm/templates/t.yaml
cmp_case bigm; printf 'q' >> bigm/five.txt; cmp_case bigm
rm -rf bigf bige bigm
# a mapped file truncated after load, before a template reads it: an
# error and exit 1, not a crash (SIGBUS); the file is cut once the
# process has it mapped (/proc/PID/maps), while the template still loops
truncated_while_mapped() {
    mk bigt; head -c 300000 /dev/zero | tr '\0' 'a' > bigt/big.txt
    printf 'a: {{ range until 30000000 }}{{ end }}{{ .Files.Get "big.txt" | sha256sum }}\n' > bigt/templates/t.yaml
    "$chartc" render bigt > bigt.out 2> bigt.err & p=$!
    i=0
    while [ $i -lt 2000 ] && ! grep -q bigt/big.txt /proc/$p/maps 2>/dev/null; do sleep 0.01; i=$((i + 1)); done
    : > bigt/big.txt
    wait $p; r=$?
    [ $r = 1 ] && [ ! -s bigt.out ] && grep -q 'Error: a chart file was truncated while chartc was reading it' bigt.err
}
ok "a mapped file truncated after load: error, exit 1" truncated_while_mapped
rm -rf bigt bigt.out bigt.err
# --- the directory walk (issue 10): relative lookups, listing types, text
# read once; each case against Helm ---
mk wk; printf 'f: {{ range $k, $v := .Files }}{{ $k }}={{ len $v }},{{ end }}\nt: {{ range .Template.BasePath | list }}{{ . }}{{ end }}\n' > wk/templates/t.yaml
mkdir -p wk/a/b wk/skip/x wk/keep wk/templates/sub wk/d
printf 'x\n' > wk/a/b/c.txt; printf 'y\n' > wk/skip/x/y.txt; printf 'z\n' > wk/keep/z.md
printf 'k: v\n' > wk/templates/sub/s.yaml; printf 'q' > wk/a/q.swp; printf 'r' > wk/a/b/r.swp
printf 'k' > wk/keep/OWNERS; printf 'w' > wk/d/w.tmpl; printf 'o' > wk/a/ob.txt; printf 'n' > wk/templates/.hidden
printf '# rules of every kind\nskip/\n*.swp\nOWNERS\n/d/*.tmpl\na/o*.txt\nkeep/*.md\n' > wk/.helmignore
cmp_case wk
# Helm's negation ignores what does not match
printf '*.swp\n!Chart.yaml\n' > wk/.helmignore; cmp_case wk
# a pattern with a star before a '/': the star does not cross it
printf 'a/*.txt\n*/b/*\n' > wk/.helmignore; cmp_case wk
printf '[ab]*/b\n?/b/c.txt\n' > wk/.helmignore; cmp_case wk
# .helmignore ignoring itself, Chart.yaml (read first for v4's detection)
printf '.helmignore\n' > wk/.helmignore; cmp_case wk
printf 'Chart.yaml\n' > wk/.helmignore; cmp_case wk
printf 'Chart.yaml/\n' > wk/.helmignore; cmp_case wk
# a line longer than bufio.Scanner's 64 KiB buffer ends the scan with its
# error ('\r' and the first line's BOM count); one byte shorter is a rule
a_s() { head -c "$1" /dev/zero | tr '\0' a; }
for n in 65534 65535 65536; do { printf '*.swp\n'; a_s $n; printf '\n'; } > wk/.helmignore; cmp_case wk; done
{ printf '*.swp\n'; a_s 65534; printf '\r\n'; } > wk/.helmignore; cmp_case wk
{ printf '\357\273\277'; a_s 65533; printf '\n*.swp\n'; } > wk/.helmignore; cmp_case wk
{ printf '*.swp\n'; a_s 65535; } > wk/.helmignore; cmp_case wk
: > wk/.helmignore
# Chart.yaml and .helmignore as symbolic links, a BOM on both
mv wk/Chart.yaml wk/real-chart.yaml; ln -s real-chart.yaml wk/Chart.yaml
printf '\357\273\277*.swp\n' > wk/real-ignore; ln -sf real-ignore wk/.helmignore
cmp_case wk
rm wk/Chart.yaml; printf '\357\273\277apiVersion: v2\nname: wk\nversion: 0.1.0\n' > wk/Chart.yaml; cmp_case wk
# .helmignore a directory, a dangling link, a FIFO elsewhere
rm wk/.helmignore; mkdir wk/.helmignore; cmp_case wk; rmdir wk/.helmignore
ln -s nowhere wk/.helmignore; cmp_case wk; rm wk/.helmignore
mkfifo wk/a/b/fifo; cmp_case wk
printf 'fifo\n' > wk/.helmignore; cmp_case wk; rm wk/a/b/fifo
# deeper than the walk keeps directories open, and below a symlinked
# directory (looked up by path there), with ignore rules on the way
d=wk/deep; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do d=$d/l$i; done
mkdir -p "$d/m"; printf 'deep\n' > "$d/f.txt"; printf 's' > "$d/m/g.swp"; printf 's' > "$d/m/h.txt"
ln -s deep/l1/l2 wk/lnk
printf '*.swp\nl19/\n' > wk/.helmignore; cmp_case wk
printf '*.swp\nm/\n' > wk/.helmignore; cmp_case wk
rm -rf wk
# symbolic links that do not resolve, resolved as filepath.EvalSymlinks
# does (a component at a time, 255 links at most): a loop, a target whose
# first missing component is named, a file in the middle of a target, a
# link to its own directory (41 levels down the kernel refuses the path),
# a chain of 50 links, targets through "..", "." and an absolute path
mkdir sy; (cd sy && mk c); echo 'n: {{ len .Files }}' > sy/c/templates/t.yaml
ln -s l2 sy/c/l1; ln -s l1 sy/c/l2; cmp_case sy/c; rm sy/c/l1 sy/c/l2
ln -s /nonexistent-chartc/a/b sy/c/d; cmp_case sy/c; rm sy/c/d
ln -s ../x/y/z sy/c/d; cmp_case sy/c; rm sy/c/d
echo f > sy/f; ln -s ../f/g sy/c/d; cmp_case sy/c; rm sy/c/d
ln -s . sy/c/templates/me; cmp_case sy/c; rm sy/c/templates/me
echo hi > sy/c0; for i in $(seq 1 50); do ln -s c$((i - 1)) sy/c$i; done; ln -s ../c50 sy/c/chain; cmp_case sy/c; rm sy/c/chain
mkdir -p sy/r/s; echo a > sy/r/s/x; ln -s ../r/../r/./s sy/c/mid; ln -s "$w/sy/r" sy/c/abs; cmp_case sy/c
rm -rf sy
