#!/usr/bin/env python3
"""Benchmarks of chartc against `helm template` (issue 10), by CPU time.

usage: bench.py set    CHARTC HELM [--runs N]     the fixed set (make bench)
       bench.py corpus CHARTC HELM [--runs N] [--corpus DIR] [-k SUBSTR]
                                                   every corpus case (make bench-corpus)
       bench.py guard  CHARTC [--baseline FILE] [--update]
                                                   instruction-count regression guard

Times are CPU seconds (user + system of the process and its children, from
wait4's rusage), not wall-clock: the machine is shared. chartc and Helm runs
alternate (chartc, helm, chartc, helm, ...) so both see the same load; each
figure is the median of N runs (11 for the set, 3 for the corpus unless
--runs says), "x" is helm/chartc. Peak memory is the
peak RSS of one more run of each under GNU time (wait4's maxrss of a child
of Python counts Python's pages from before the exec). Generated inputs (a
200-template chart, a key-generating chart, a 10 MB values file) are
written to a temporary directory at start. After the rows come floors: the
same measurement of small static C programs doing only an unavoidable part
of the work (nothing at all; reading a chart's files and writing its
output; one bcrypt hash), which show where a target lies below what this
machine can do.

The corpus mode splits the cases as issue 10 does: key-generating when a
template of the chart or of a subchart (a directory or a .tgz under
charts/) calls genCA, genPrivateKey, genSelfSignedCert or genSignedCert,
key-free otherwise, and prints each part against the issue's targets
(key-free: x20 in total and x5 each; key-generating: none slower than Helm).

The guard counts instructions with valgrind (callgrind) for a few fixed
renders (no randomness, no keys) and compares them with tests/perf-baseline.tsv:
more than 10% above the baseline fails. Without valgrind it prints SKIP and
exits 0 (the skip is visible in the test summary). --update rewrites the
baseline: do it deliberately, when a change is worth its cost, and say so in
the commit message.
"""
import argparse, io, os, re, shlex, shutil, statistics, subprocess, sys, tarfile, tempfile, time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYFUNCS = re.compile(rb'\b(genCA|genPrivateKey|genSelfSignedCert|genSignedCert)\b')


def run_once(cmd, cwd, env):
    """CPU seconds and peak RSS (KiB) of one run; output discarded."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode, time.monotonic() - t0


def env_for(home):
    e = dict(os.environ, TZ='UTC', LANG='C', HOME=home)
    for k in ('HELM_NAMESPACE', 'KUBECONFIG'):
        e.pop(k, None)
    return e


def peak_kib(cmd, cwd, env):
    """Peak RSS (KiB) of one run, from GNU time: wait4's ru_maxrss of a
    child forked by Python counts Python's own pages before the exec."""
    if not os.path.exists('/usr/bin/time'):
        return 0
    with tempfile.NamedTemporaryFile('r', prefix='chartc-bench-rss-') as f:
        subprocess.run(['/usr/bin/time', '-f', '%M', '-o', f.name] + cmd, cwd=cwd, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        m = re.search(r'(\d+)\s*$', f.read())
        return int(m.group(1)) if m else 0


def compare(label, args, chartc, helm, cwd, env, runs, peaks=True):
    """Interleaved runs; returns (chartc median, helm median, peaks)."""
    c_t, h_t = [], []
    for _ in range(runs):
        t, m, rc, _ = run_once([chartc, 'render'] + args, cwd, env)
        c_t.append(t)
        t, m, rc2, _ = run_once([helm, 'template'] + args, cwd, env)
        h_t.append(t)
    c, h = statistics.median(c_t), statistics.median(h_t)
    c_m = peak_kib([chartc, 'render'] + args, cwd, env) if peaks else 0
    h_m = peak_kib([helm, 'template'] + args, cwd, env) if peaks else 0
    return c, h, c_m, h_m


def fmt_row(label, c, h, cm, hm):
    ratio = h / c if c > 0 else float('inf')
    return (f"{label:<34} chartc {c * 1000:9.2f} ms {cm / 1024:7.1f} MiB   "
            f"helm {h * 1000:9.2f} ms {hm / 1024:7.1f} MiB   x{ratio:6.1f}")


# ---- generated inputs ------------------------------------------------------

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def chart_yaml(name):
    return f"apiVersion: v2\nname: {name}\nversion: 0.1.0\n"


def gen_trivial(d):
    write(f"{d}/Chart.yaml", chart_yaml('trivial'))
    write(f"{d}/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n")


def gen_many(d, n):
    """n templates of a typical shape: helpers, labels, values, conditionals."""
    write(f"{d}/Chart.yaml", chart_yaml('many'))
    vals = ["image: {repository: nginx, tag: '1.25'}", "replicas: 2", "labels: {team: web, tier: front}",
            "resources: {limits: {cpu: 100m, memory: 128Mi}}", "env:"]
    vals += [f"  - {{name: VAR{i}, value: 'v{i}'}}" for i in range(20)]
    write(f"{d}/values.yaml", "\n".join(vals) + "\n")
    write(f"{d}/templates/_helpers.tpl", """{{- define "many.name" -}}{{ .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "many.labels" -}}
app.kubernetes.io/name: {{ include "many.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}
""")
    for i in range(n):
        write(f"{d}/templates/deploy{i:03d}.yaml", f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{{{ include "many.name" . }}}}-{i}
  labels:
    {{{{- include "many.labels" . | nindent 4 }}}}
spec:
  replicas: {{{{ .Values.replicas }}}}
  template:
    spec:
      containers:
        - name: c{i}
          image: "{{{{ .Values.image.repository }}}}:{{{{ .Values.image.tag }}}}"
          {{{{- with .Values.resources }}}}
          resources:
            {{{{- toYaml . | nindent 12 }}}}
          {{{{- end }}}}
          env:
          {{{{- range .Values.env }}}}
            - name: {{{{ .name }}}}
              value: {{{{ .value | quote }}}}
          {{{{- end }}}}
""")


def gen_keys(d):
    write(f"{d}/Chart.yaml", chart_yaml('keys'))
    write(f"{d}/templates/tls.yaml", """{{- $ca := genCA "bench-ca" 365 }}
{{- $cert := genSignedCert "bench" nil (list "bench.local") 365 $ca }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}-tls
data:
  ca.crt: {{ $ca.Cert | b64enc }}
  tls.crt: {{ $cert.Cert | b64enc }}
  tls.key: {{ $cert.Key | b64enc }}
""")


def gen_htpasswd(d):
    write(f"{d}/Chart.yaml", chart_yaml('htpasswd'))
    write(f"{d}/templates/auth.yaml", """apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}-auth
stringData:
  auth: {{ htpasswd "admin" "secret" | quote }}
""")


def gen_big_values(d, mib):
    """A values file of about `mib` MiB (d + '.values.yaml', given with -f:
    files in a chart are limited to 5 MiB) printed back through toYaml."""
    write(f"{d}/Chart.yaml", chart_yaml('bigvalues'))
    write(f"{d}/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n"
          "  all: |\n    {{- toYaml .Values | nindent 4 }}\n")
    lines, size, i = [], 0, 0
    while size < mib << 20:
        s = (f"item{i:07d}:\n  name: service-{i}\n  enabled: {str(i % 2 == 0).lower()}\n"
             f"  port: {8000 + i % 1000}\n  ratio: {i / 7:.4f}\n  tags: [a{i % 10}, b{i % 7}]\n"
             f"  description: \"text with spaces and a number {i}\"\n")
        lines.append(s); size += len(s); i += 1
    write(f"{d}.values.yaml", "".join(lines))


# ---- modes -------------------------------------------------------------------

def fixed_set(tmp, shared):
    gen_trivial(f"{tmp}/trivial")
    gen_many(f"{tmp}/many", 200)
    gen_keys(f"{tmp}/keys")
    gen_htpasswd(f"{tmp}/htpasswd")
    gen_big_values(f"{tmp}/big", 10)
    corpus = os.path.join(shared, 'corpus', 'charts')
    sets = [("trivial chart", ['rel', f"{tmp}/trivial"]),
            ("stalwart (default)", ['stalwart', os.path.join(TOP, 'charts', 'stalwart'), '--namespace', 'ns'])]
    kps = os.path.join(corpus, 'kube-prometheus-stack')
    if os.path.isdir(kps):
        sets.append(("kube-prometheus-stack (default)", ['rel', kps, '--namespace', 'ns']))
    sets += [("200 templates (generated)", ['rel', f"{tmp}/many"]),
             ("genCA + genSignedCert (generated)", ['rel', f"{tmp}/keys"]),
             ("htpasswd, bcrypt 10 (generated)", ['rel', f"{tmp}/htpasswd"]),
             ("10 MB values through toYaml", ['rel', f"{tmp}/big", '-f', f"{tmp}/big.values.yaml"])]
    return sets


# ---- floors -------------------------------------------------------------------

FLOOR_C = r"""
#include <crypt.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static char buf[1 << 20];
static void walk(const char *d)   /* read every file under d */
{
    DIR *dp = opendir(d);
    struct dirent *e;
    if (!dp) return;
    while ((e = readdir(dp))) {
        char p[4096];
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(p, sizeof p, "%s/%s", d, e->d_name);
        if (e->d_type == DT_DIR) { walk(p); continue; }
        int fd = open(p, O_RDONLY);
        if (fd < 0) continue;
        while (read(fd, buf, sizeof buf) > 0) {}
        close(fd);
    }
    closedir(dp);
}
int main(int argc, char **argv)
{
    if (argc == 2) {   /* one bcrypt hash at htpasswd's cost */
        const char *h = crypt(argv[1], "$2a$10$abcdefghijklmnopqrstuu");
        return !h || strncmp(h, "$2a$10$", 7);
    }
    if (argc == 3) {   /* the chart's files read, the output written */
        walk(argv[1]);
        int fd = open(argv[2], O_RDONLY);
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0) if (write(1, buf, (size_t)n) != n) return 1;
    }
    return 0;   /* argc 1: nothing but the process */
}
"""


def floors(tmp, sets, chartc, env, runs):
    """The CPU time of programs that do only an unavoidable part of the
    work, measured as the rows are: a static C program that does nothing
    (the process: exec, the C library's start-up, exit), one that reads a
    chart's files and writes that chart's output (the issue's "floor" for
    kube-prometheus-stack), and one bcrypt hash at htpasswd's cost 10.
    Where a row's target is below its floor on this machine, the floor
    says so. Skipped without a C compiler that links statically."""
    src, exe = f"{tmp}/floor.c", f"{tmp}/floor"
    write(src, FLOOR_C)
    cc = os.environ.get('CC', 'cc')
    r = subprocess.run([cc, '-O2', '-static', '-o', exe, src, '-lcrypt'], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"floors: skipped ({cc} -static failed: {r.stderr.strip()[:200]})")
        return
    med = lambda cmd: statistics.median(run_once(cmd, tmp, env)[0] for _ in range(max(runs, 11)))
    print("floors: the same measurement of programs doing only part of the work")
    print(f"  {'a static C program doing nothing':<58} {med([exe]) * 1000:9.2f} ms")
    for label, args in sets:
        if 'stalwart' not in label and 'kube-prometheus' not in label:
            continue
        out = f"{tmp}/floor.out"
        with open(out, 'wb') as f:
            subprocess.run([chartc, 'render'] + args, cwd=tmp, env=env, stdout=f, stderr=subprocess.DEVNULL)
        chart = next(x for x in args if os.path.isdir(x))
        print(f"  {label.split(' (')[0] + ': its files read, its output written':<58} "
              f"{med([exe, chart, out]) * 1000:9.2f} ms")
    print(f"  {'one bcrypt hash at cost 10 (libxcrypt, as htpasswd)':<58} {med([exe, 'secret']) * 1000:9.2f} ms")


def mode_set(a):
    tmp = tempfile.mkdtemp(prefix='chartc-bench-')
    try:
        home = os.path.join(tmp, 'home'); os.makedirs(home)
        env = env_for(home)
        print(f"CPU time (user+sys), median of {a.runs} interleaved runs; x = helm / chartc")
        sets = fixed_set(tmp, a.shared)
        for label, args in sets:
            runs = a.runs if 'MB values' not in label else max(1, min(a.runs, 3))
            c, h, cm, hm = compare(label, args, a.chartc, a.helm, tmp, env, runs)
            print(fmt_row(label, c, h, cm, hm), flush=True)
        ts = [run_once([a.chartc, '--version'], tmp, env)[0] for _ in range(max(a.runs, 11))]
        m = peak_kib([a.chartc, '--version'], tmp, env)
        print(f"{'chartc --version':<34} chartc {statistics.median(ts) * 1000:9.2f} ms {m / 1024:7.1f} MiB"
              f"   (best {min(ts) * 1000:.2f} ms)")
        floors(tmp, sets, a.chartc, env, a.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def chart_templates(chart_dir):
    """The bytes of every template Helm would load for the chart in
    chart_dir: each file under its templates/ (any name: Helm reads them
    all), then the same for each subchart under charts/, a directory or a
    packaged .tgz."""
    out = []
    tdir = os.path.join(chart_dir, 'templates')
    for root, _, files in os.walk(tdir):
        for f in files:
            with open(os.path.join(root, f), 'rb') as fh:
                out.append(fh.read())
    sub = os.path.join(chart_dir, 'charts')
    if os.path.isdir(sub):
        for e in sorted(os.listdir(sub)):
            p = os.path.join(sub, e)
            if os.path.isfile(os.path.join(p, 'Chart.yaml')):
                out += chart_templates(p)
            elif e.endswith(('.tgz', '.tar.gz')) and os.path.isfile(p):
                out += archive_templates(path=p)
    return out


def archive_templates(path=None, data=None):
    """chart_templates of a packaged chart (a file, or its bytes): the
    files under <top>/templates/, <top>/charts/<sub>/templates/ and so on,
    and those of the packaged subcharts in a charts/ directory."""
    out = []
    try:
        with tarfile.open(path, 'r:*', fileobj=io.BytesIO(data) if data is not None else None) as tf:
            for m in tf.getmembers():
                if not m.isfile():
                    continue
                parts = m.name.split('/')[1:]            # below the chart's top directory
                while len(parts) > 2 and parts[0] == 'charts':
                    if parts[1].endswith(('.tgz', '.tar.gz')):
                        break
                    parts = parts[2:]                     # into a subchart's directory
                if len(parts) > 1 and parts[0] == 'templates':
                    out.append(tf.extractfile(m).read())
                elif len(parts) == 2 and parts[0] == 'charts' and parts[1].endswith(('.tgz', '.tar.gz')):
                    out += archive_templates(data=tf.extractfile(m).read())
    except (tarfile.TarError, OSError, EOFError):
        pass
    return out


def can_make_keys(chart_path, cache):
    """Whether the chart (with its subcharts) calls one of the functions
    that generate a key (genCA, genPrivateKey, genSelfSignedCert,
    genSignedCert: issue 10's "cases that generate keys"); the *WithKey
    variants take the key they are given."""
    if chart_path not in cache:
        if os.path.isdir(chart_path):
            tmpls = chart_templates(chart_path)
        else:
            tmpls = archive_templates(path=chart_path)
        cache[chart_path] = any(KEYFUNCS.search(t) for t in tmpls)
    return cache[chart_path]


def mode_corpus(a):
    corpus = a.corpus or os.path.join(a.shared, 'corpus')
    cases = []
    with open(os.path.join(corpus, 'cases.tsv')) as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if cols[0] == 'id' or len(cols) < 2:
                continue
            if a.k and not any(k in cols[0] for k in a.k):
                continue
            cases.append((cols[0], shlex.split(cols[1])))
    home = tempfile.mkdtemp(prefix='chartc-bench-home-')
    env = env_for(home)
    cache, rows = {}, []
    try:
        for i, (cid, args) in enumerate(cases, 1):
            chart = next((x for x in args[1:] if x.startswith('charts/')), '')
            keys = can_make_keys(os.path.join(corpus, chart), cache) if chart else False
            c, h, cm, hm = compare(cid, args, a.chartc, a.helm, corpus, env, a.runs, peaks=a.verbose)
            rows.append((cid, keys, c, h))
            if a.verbose:
                print(fmt_row(cid[:34], c, h, cm, hm), flush=True)
            elif i % 25 == 0:
                print(f"  {i}/{len(cases)} cases", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"corpus: {len(rows)} cases, CPU time (user+sys), median of {a.runs} interleaved run(s) each; "
          f"x = helm / chartc")
    summary_corpus(rows)


def summary_corpus(rows):
    """Issue 10's targets: the cases that generate no key at least 20x
    faster than Helm in total and each at least 5x; the key-generating
    cases (RSA key generation dominates both sides) none slower than Helm
    and at least as fast in total."""
    targets = {False: (20.0, 5.0), True: (1.0, 1.0)}
    for name, sel in (("key-free", False), ("key-generating", True)):
        part = [r for r in rows if r[1] == sel]
        if not part:
            continue
        total_t, each_t = targets[sel]
        ct, ht = sum(r[2] for r in part), sum(r[3] for r in part)
        ratios = sorted(((r[3] / r[2] if r[2] > 0 else float('inf')), r[0]) for r in part)
        total = ht / ct if ct > 0 else float('inf')
        below = [(x, cid) for x, cid in ratios if x < each_t]
        ok = lambda c: "ok" if c else "MISSED"
        print(f"{name:<15} {len(part):4d} cases  chartc {ct:8.3f} s  helm {ht:8.3f} s  "
              f"total x{total:6.1f} (target >= {total_t:g}: {ok(total >= total_t)})  "
              f"median x{statistics.median(x for x, _ in ratios):6.1f}  "
              f"worst x{ratios[0][0]:5.1f} ({ratios[0][1]})  "
              f"below x{each_t:g}: {len(below)} (target 0: {ok(not below)})")
        for x, cid in below[:10]:
            print(f"    x{x:5.1f}  {cid}")


def callgrind_count(cmd, cwd, env):
    out = tempfile.mktemp(prefix='chartc-cg-')
    try:
        p = subprocess.run(['valgrind', '--tool=callgrind', f'--callgrind-out-file={out}'] + cmd,
                           cwd=cwd, env=env, capture_output=True, text=True)
        m = re.search(r'Collected : (\d+)', p.stderr)
        if p.returncode != 0 or not m:
            raise SystemExit(f"guard: {' '.join(cmd)} failed under valgrind:\n{p.stderr[-2000:]}")
        return int(m.group(1))
    finally:
        if os.path.exists(out):
            os.unlink(out)


def mode_guard(a):
    baseline = a.baseline or os.path.join(TOP, 'tests', 'perf-baseline.tsv')
    if not shutil.which('valgrind'):
        print("SKIP perf guard: valgrind is not installed (instruction counts not checked)")
        return 0
    tmp = tempfile.mkdtemp(prefix='chartc-guard-')
    try:
        gen_trivial(f"{tmp}/trivial")
        gen_many(f"{tmp}/many", 40)
        gen_big_values(f"{tmp}/big", 1)
        home = os.path.join(tmp, 'home'); os.makedirs(home)
        env = env_for(home)
        renders = [("version", ['--version']),
                   ("trivial", ['render', 'rel', f"{tmp}/trivial"]),
                   ("stalwart", ['render', 'stalwart', os.path.join(TOP, 'charts', 'stalwart'), '--namespace', 'ns']),
                   ("many40", ['render', 'rel', f"{tmp}/many"]),
                   ("values1mb", ['render', 'rel', f"{tmp}/big", '-f', f"{tmp}/big.values.yaml"])]
        counts = {name: callgrind_count([a.chartc] + args, tmp, env) for name, args in renders}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if a.update:
        with open(baseline, 'w') as f:
            f.write("# instruction counts (valgrind --tool=callgrind) of fixed renders; "
                    "python3 tests/bench.py guard ./chartc --update\n")
            for name, n in counts.items():
                f.write(f"{name}\t{n}\n")
        print(f"wrote {baseline}")
        return 0
    base = {}
    with open(baseline) as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            k, v = line.split('\t')
            base[k] = int(v)
    bad = 0
    for name, n in counts.items():
        b = base.get(name)
        if b is None:
            print(f"FAIL perf guard {name}: not in {os.path.relpath(baseline, TOP)} (run with --update)")
            bad += 1
            continue
        grow = (n - b) / b
        status = "ok" if grow <= 0.10 else "FAIL"
        print(f"{status} perf guard {name}: {n:,} instructions, baseline {b:,} ({grow:+.1%})")
        bad += status == "FAIL"
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('mode', choices=['set', 'corpus', 'guard'])
    ap.add_argument('chartc')
    ap.add_argument('helm', nargs='?')
    ap.add_argument('--runs', type=int, default=None)
    ap.add_argument('--corpus')
    ap.add_argument('--shared', default=os.environ.get('CHARTC_SHARED', os.path.join(TOP, '..', 'shared')))
    ap.add_argument('-k', action='append')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--baseline')
    ap.add_argument('--update', action='store_true')
    a = ap.parse_args()
    a.chartc = os.path.abspath(a.chartc)
    if a.mode == 'guard':
        sys.exit(mode_guard(a))
    if not a.helm:
        ap.error('the helm binary is required')
    a.runs = a.runs or (11 if a.mode == 'set' else 3)
    (mode_set if a.mode == 'set' else mode_corpus)(a)


if __name__ == '__main__':
    main()
