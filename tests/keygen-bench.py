#!/usr/bin/env python3
"""keygen-bench.py - CPU time (user+sys) of chartc and Helm v4 on the corpus cases whose
charts can generate keys (a file of the chart calls genCA, genPrivateKey,
genSelfSignedCert or genSignedCert), run interleaved, the median of N runs each.

usage: tests/keygen-bench.py [--chartc BIN] [--helm BIN] [--runs N] [-k SUBSTR]
Prints one line per case (chartc ms, helm ms, ratio) and the totals; a benchmark, not a test.
"""
import argparse, os, re, shlex, statistics, subprocess, sys

KEYFN = re.compile(rb'\b(genCA|genCAWithKey|genPrivateKey|genSelfSignedCert|genSelfSignedCertWithKey|genSignedCert|genSignedCertWithKey)\b')


def can_gen_keys(chart_dir, memo={}):
    if chart_dir not in memo:
        found = False
        for root, _, files in os.walk(chart_dir):
            for f in files:
                try:
                    with open(os.path.join(root, f), 'rb') as fh:
                        if KEYFN.search(fh.read()):
                            found = True
                            break
                except OSError:
                    pass
            if found:
                break
        memo[chart_dir] = found
    return memo[chart_dir]


def cpu(cmd, cwd, env):
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return ru.ru_utime + ru.ru_stime


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument('--chartc', default=os.path.join(top, 'chartc'))
    ap.add_argument('--helm', default=os.path.expanduser('~/.cache/chartc-helm/v4/helm'))
    ap.add_argument('--corpus', default=os.path.join(top, '..', 'shared', 'corpus'))
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('-k', action='append', default=[])
    o = ap.parse_args()
    corpus = os.path.abspath(o.corpus)
    rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(corpus, 'cases.tsv'))][1:]
    env = dict(os.environ, TZ='UTC', LANG='C', HOME='/tmp')
    tc = th = 0.0
    worst = (0, '')
    n = 0
    for r in rows:
        cid, args = r[0], shlex.split(r[1])
        if o.k and not any(k in cid for k in o.k):
            continue
        chart = next((a for a in args if a.startswith('charts/')), None)
        if not chart or not can_gen_keys(os.path.join(corpus, chart)):
            continue
        c, h = [], []
        for _ in range(o.runs):
            c.append(cpu([o.chartc, 'render'] + args, corpus, env))
            h.append(cpu([o.helm, 'template'] + args, corpus, env))
        mc, mh = statistics.median(c), statistics.median(h)
        tc, th, n = tc + mc, th + mh, n + 1
        worst = max(worst, (mc / mh if mh else 0, cid))
        print(f'{cid:70s} chartc {mc*1000:7.0f} ms  helm {mh*1000:7.0f} ms  ratio {mc/mh if mh else 0:5.2f}', flush=True)
    print(f'{n} key-generating cases: chartc {tc:.2f} s, helm {th:.2f} s CPU (ratio {tc/th if th else 0:.2f}); '
          f'slowest relative to Helm: {worst[1]} {worst[0]:.2f}')


if __name__ == '__main__':
    main()
