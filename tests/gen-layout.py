#!/usr/bin/env python3
"""Writes src/hot.ld, the linker script that puts the code and read-only
data that typical runs touch at the front of .text and .rodata.

usage: python3 tests/gen-layout.py [--corpus DIR] [--faults-only]   (from the top of the tree)

Why: on the VMs chartc runs on, the kernel maps a file-backed page fault
64 KiB around the faulting address, and each fault costs 10-15 us. Linked in
the usual order, the functions a render runs (ours, glibc's one-per-object
string and stdio routines, OpenSSL's and nettle's start-up code) lay spread
over the 4.5 MiB of .text and 0.8 MiB of .rodata, and a run faulted in a few
dozen windows. Listed first, they share a handful.

How: builds chartc without a layout (BUILD=build-layout HOTLD=), linked with
a map (-Map) that says which input section (object or archive member, and
section name: our objects are compiled with -ffunction-sections and
-fdata-sections, glibc has mostly one function per object) lies at which
address. Runs the fixed set below under valgrind --tool=lackey, which
reports every instruction and data address the program touches; an input
section of .text or .rodata with any address touched is hot. hot.ld names
the hot sections, in the order the runs first touch them, in two output
sections that INSERT places before .text and .rodata (GNU ld reads a -T
script with INSERT before its default script, so these names claim the
sections first). The build uses the committed hot.ld and never runs this
script; a section it names that no longer exists matches nothing.
"""
import argparse, bisect, json, os, re, shutil, subprocess, sys, tempfile

# The output sections whose hot input sections go first: code and
# read-only data (file-backed, faulted 64 KiB at a time), and the writable
# data (a fault per 4 KiB page written, or per page of .bss touched).
OUTS = ('.text', '.rodata', '.data.rel.ro', '.data', '.bss')
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = 'build-layout'

# The fixed set: start-up and --version, a one-template chart, the stalwart
# chart, and a large real chart from the shared corpus (when present).
TRIVIAL = {'Chart.yaml': 'apiVersion: v2\nname: trivial\nversion: 0.1.0\n',
           'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n'}


def runs(tmp, corpus):
    r = [(['--version'], TOP),
         (['render', 'rel', os.path.join(tmp, 'trivial')], TOP),
         (['render', 'stalwart', 'charts/stalwart', '--namespace', 'ns'], TOP)]
    if corpus and os.path.isdir(os.path.join(corpus, 'charts', 'kube-prometheus-stack')):
        r.append((['render', 'rel', 'charts/kube-prometheus-stack', '--namespace', 'ns'], corpus))
    else:
        print("gen.py: no corpus kube-prometheus-stack; profiling without it", file=sys.stderr)
    return r


def parse_map(path):
    """Input sections of OUTS (and of their .hot parts, reported as OUTS)
    from an ld -Map file: [(start, end, output, section, file)] sorted by
    start."""
    out, secs, pending = None, [], None
    started = False
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        if not started:
            started = line.startswith('Linker script and memory map')
            continue
        m = re.match(r'^(\.\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)', line)
        if m or re.match(r'^\.\S+\s*$', line):
            out = line.split()[0]
            if out.endswith('.hot') and out[:-4] in OUTS:
                out = out[:-4]
            pending = None
            continue
        if out not in OUTS:
            continue
        m = re.match(r'^ (\.\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+) (.+)$', line)
        g = m and m.groups()
        if not m and pending:
            m = re.match(r'^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+) (.+)$', line)
            g = m and (pending,) + m.groups()
        if g:
            start, size = int(g[1], 16), int(g[2], 16)
            if size:
                secs.append((start, start + size, out, g[0], g[3].strip()))
            pending = None
            continue
        m = re.match(r'^ (\.\S+)\s*$', line)
        pending = m.group(1) if m else None
    secs.sort()
    return secs


def pattern(sec, f):
    """A linker-script input section description for one input section."""
    m = re.match(r'^(.*)\((.+)\)$', f)
    if m:  # an archive member: /usr/lib/.../libc.a(strlen-evex.o)
        return f"*{os.path.basename(m.group(1))}:{m.group(2)}({sec})"
    return f"*/{os.path.basename(f)}({sec})"


def touched(binary, args, cwd, env, lo, hi):
    """Distinct 16-byte granules in [lo, hi) that one run touches, in order."""
    cmd = ['valgrind', '--tool=lackey', '--trace-mem=yes', '--log-fd=2', binary] + args
    seen, order = set(), []
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pat = re.compile(rb'^[ ILSM]+ ([0-9a-fA-F]+),', re.M)
    with p.stderr as f:
        rest = b''
        while True:
            chunk = f.read(1 << 22)
            if not chunk:
                break
            chunk = rest + chunk
            cut = chunk.rfind(b'\n') + 1
            rest = chunk[cut:]
            for a in pat.findall(chunk, 0, cut):
                g = int(a, 16) >> 4
                if g not in seen:
                    seen.add(g)
                    if lo <= g << 4 < hi:
                        order.append(g << 4)
    p.wait()
    return order


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', default=os.path.join(TOP, '..', 'shared', 'corpus'))
    ap.add_argument('--reuse', help='keep the traces in this file and reuse them (same build only)')
    ap.add_argument('--faults-only', action='store_true',
                    help='keep src/hot.ld and run only the page-fault pass over it (after small code changes)')
    a = ap.parse_args()
    if a.faults_only:
        return faults_only(a)
    mapfile = os.path.join(TOP, BUILD, 'chartc.map')
    subprocess.run(['make', '-C', TOP, f'BUILD={BUILD}', 'HOTLD=', f'LDFLAGS=-Wl,-Map={mapfile}',
                    f'{BUILD}/chartc'], check=True, stdout=subprocess.DEVNULL)
    binary = os.path.join(TOP, BUILD, 'chartc')
    secs = parse_map(mapfile)
    starts = [s[0] for s in secs]
    lo, hi = secs[0][0], max(s[1] for s in secs)
    tmp = tempfile.mkdtemp(prefix='chartc-layout-')
    for name, text in TRIVIAL.items():
        os.makedirs(os.path.dirname(os.path.join(tmp, 'trivial', name)), exist_ok=True)
        with open(os.path.join(tmp, 'trivial', name), 'w') as f:
            f.write(text)
    home = os.path.join(tmp, 'home')
    os.makedirs(home)
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': home, 'LANG': 'C', 'TZ': 'UTC'}
    hot = {out: [] for out in OUTS}
    done = set()
    traces = []
    if a.reuse and os.path.exists(a.reuse):
        traces = json.load(open(a.reuse))
    else:
        traces = [touched(binary, args, cwd, env, lo, hi) for args, cwd in runs(tmp, a.corpus)]
        if a.reuse:
            json.dump(traces, open(a.reuse, 'w'))
    for trace in traces:
        for addr in trace:
            i = bisect.bisect_right(starts, addr) - 1
            if i < 0 or addr >= secs[i][1] or i in done:
                continue
            done.add(i)
            _, _, out, sec, f = secs[i]
            hot[out].append(pattern(sec, f))
    # glibc picks a string function's variant (strlen-avx2.o, strlen-evex.o,
    # ...) by CPUID when the program starts; valgrind's CPU has no AVX-512,
    # so its runs never touch the -evex and -avx512 variants that machines
    # with AVX-512 run. Those of each hot function go with it (not the
    # -rtm and -no-vzeroupper ones, for CPUs with TSX or Xeon Phi).
    stems = set()
    for p in hot['.text']:
        m = re.match(r'^\*libc\.a:([a-z_0-9]+)-(avx|sse|ssse|evex)', p)
        if m:
            stems.add(m.group(1))
    for _, _, out, sec, f in secs:
        m = re.match(r'^.*/libc\.a\(([a-z_0-9]+)-(evex|avx512)[-a-z0-9_]*\.o\)$', f)
        if out == '.text' and m and m.group(1) in stems and not re.search(r'rtm|no-vzeroupper', f):
            hot['.text'].append(pattern(sec, f))
    added = fault_pass(hot, tmp, a.corpus, env)
    subprocess.run(['rm', '-rf', tmp])
    write_ld(os.path.join(TOP, 'src', 'hot.ld'), hot)
    print("src/hot.ld:", ", ".join(f"{len(set(hot[o]))} {o}" for o in OUTS), "input sections",
          f"({added} found by the page-fault pass)")


def read_ld(path):
    """The input section lists of a hot.ld written by write_ld."""
    hot, out = {o: [] for o in OUTS}, None
    for line in open(path):
        m = re.match(r'^  (\.\S+)\.hot :', line)
        if m:
            out = m.group(1)
        elif out and re.match(r'^    \S+\(\S+\)$', line):
            hot[out].append(line.strip())
        elif line.startswith('INSERT'):
            out = None
    return hot


def faults_only(a):
    path = os.path.join(TOP, 'src', 'hot.ld')
    hot = read_ld(path)
    tmp = tempfile.mkdtemp(prefix='chartc-layout-')
    for name, text in TRIVIAL.items():
        os.makedirs(os.path.dirname(os.path.join(tmp, 'trivial', name)), exist_ok=True)
        with open(os.path.join(tmp, 'trivial', name), 'w') as f:
            f.write(text)
    os.makedirs(os.path.join(tmp, 'home'))
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': os.path.join(tmp, 'home'), 'LANG': 'C', 'TZ': 'UTC'}
    added = fault_pass(hot, tmp, a.corpus, env)
    subprocess.run(['rm', '-rf', tmp])
    write_ld(path, hot)
    print(f"src/hot.ld: {added} input sections added by the page-fault pass")


def write_ld(path, hot):
    with open(path, 'w') as f:
        f.write("/* Generated by tests/gen-layout.py (the code and data that --version, a\n"
                "   one-template chart, charts/stalwart and kube-prometheus-stack touch, in the\n"
                "   order they first touch it, then what their page faults found); do not\n"
                "   edit. The Makefile links with it. */\n"
                )
        for out in OUTS:
            seen = set()
            f.write(f"SECTIONS\n{{\n  {out}.hot :\n  {{\n")
            for p in hot[out]:
                if p not in seen:
                    seen.add(p)
                    f.write(f"    {p}\n")
            f.write(f"  }}\n}}\nINSERT {'AFTER' if out == '.rodata' else 'BEFORE'} {out};\n")


def faults(binary, args, cwd, env):
    """Addresses of the page faults of one run (perf record -e page-faults)."""
    data = os.path.join(tempfile.gettempdir(), f"chartc-layout-{os.getpid()}.perf")
    try:
        subprocess.run(['perf', 'record', '-q', '-o', data, '-e', 'page-faults', '-c', '1', '-d', '--',
                        binary] + args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = subprocess.run(['perf', 'script', '-i', data, '-F', 'addr'], capture_output=True, text=True).stdout
        return [int(x, 16) for x in out.split()]
    finally:
        if os.path.exists(data):
            os.unlink(data)


def fault_pass(hot, tmp, corpus, env, rounds=4):
    """What valgrind cannot show: code that runs only on the real CPU
    (glibc's vDSO set-up, which valgrind's start-up skips; Nettle's SHA-NI
    code, for a CPU valgrind does not emulate) and data it touches. Links
    with the layout so far, runs the fixed set under perf, and adds every
    input section of OUTS (outside the hot ones) that a run faults in, till
    none is left (a fault shows the first page touched of a 64 KiB window,
    so each round can find more). Needs perf; without it, does nothing."""
    if not shutil.which('perf'):
        print("gen-layout.py: no perf; no page-fault pass", file=sys.stderr)
        return 0
    ld = os.path.join(TOP, BUILD, 'hot-pass.ld')
    mapfile = os.path.join(TOP, BUILD, 'chartc-pass.map')
    binary = os.path.join(TOP, BUILD, 'chartc')
    added = 0
    for _ in range(rounds):
        write_ld(ld, hot)
        subprocess.run(['make', '-C', TOP, f'BUILD={BUILD}', f'HOTLD={ld}', f'LDFLAGS=-Wl,-Map={mapfile}',
                        f'{BUILD}/chartc'], check=True, stdout=subprocess.DEVNULL)
        secs = parse_map(mapfile)
        starts = [s[0] for s in secs]
        have = {o: set(hot[o]) for o in OUTS}
        new = 0
        for args, cwd in runs(tmp, corpus):
            for addr in faults(binary, args, cwd, env):
                i = bisect.bisect_right(starts, addr) - 1
                if i < 0 or addr >= secs[i][1]:
                    continue
                _, _, out, sec, f = secs[i]
                p = pattern(sec, f)
                if p not in have[out]:
                    have[out].add(p)
                    hot[out].append(p)
                    new += 1
        added += new
        if not new:
            break
    return added


if __name__ == '__main__':
    main()
