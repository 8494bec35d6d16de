#!/usr/bin/env python3
"""tests/cli/schemeta.py - chartc's checks of values.schema.json itself
(the metaschema, v3's schema parser) against what real Helm v4.1.4 and
v3.17.3 printed for the same schemas: testdata/schemeta, written by
tests/gen-schemeta.py (whose cases() makes the cases). Each case is one subchart's schema; charts of many
subcharts are rendered as the generator rendered them with Helm, and each
subchart's error text (after "qzNNNNN:") must be Helm's byte for byte.

    CHARTC=./chartc python3 tests/cli/schemeta.py [-v] [--update-known] [ID_SUBSTRING]

testdata/schemeta/known.txt lists the cases ("v4 ID") chartc does not
match yet: they are counted apart, not as failures; one of them that
matches now fails the run until --update-known rewrites the list (a
ratchet: the list only shrinks by hand-checked progress).
Ends with "N passed, N failed" (per version with -v, and the failures).
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(TOP, "testdata", "schemeta")
CHUNK = 150


def main():
    args = [a for a in sys.argv[1:] if a not in ("-v", "--update-known")]
    verbose = "-v" in sys.argv
    update = "--update-known" in sys.argv
    kpath = os.path.join(DATA, "known.txt")
    known = set(open(kpath).read().split("\n")) if os.path.exists(kpath) else set()
    still = []
    filt = args[0] if args else ""
    chartc = os.path.realpath(os.path.join(TOP, os.environ.get("CHARTC", "./chartc")))
    spec = importlib.util.spec_from_file_location("gen", os.path.join(TOP, "tests", "gen-schemeta.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    cases = gen.cases()
    gold = {}
    for v in (4, 3):
        with open(os.path.join(DATA, "golden-v%d.json" % v)) as f:
            gold[v] = json.load(f)
    numbered = [(n, c) for n, c in enumerate(cases) if filt in c[0]]
    tmp = tempfile.mkdtemp()
    env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TZ": "UTC", "LANG": "C"}
    npass = {4: 0, 3: 0}
    nfail = {4: 0, 3: 0}
    nknown = {4: 0, 3: 0}
    shown = 0
    try:
        for k in range(0, len(numbered), CHUNK):
            chunk = numbered[k:k + CHUNK]
            d = gen.mkchunk(tmp, chunk)
            for v in (4, 3):
                cmd = [chartc, "render", d] + (["--helm-compat", "3"] if v == 3 else [])
                p = subprocess.run(cmd, env=env, capture_output=True)
                got = gen.split(p.stderr.decode("utf-8", "surrogateescape"))
                for n, (cid, schema) in chunk:
                    if cid not in gold[v]:
                        continue   # nondeterministic in Helm
                    want = gold[v][cid]
                    key = "v%d %s" % (v, cid)
                    if got.get(n, "") == want:
                        if key in known and not update:
                            nfail[v] += 1
                            print("NOW PASSES (run with --update-known): %s" % key)
                        else:
                            npass[v] += 1
                    elif key in known or update:
                        nknown[v] += 1
                        still.append(key)
                    else:
                        nfail[v] += 1
                        if verbose or shown < 20:
                            shown += 1
                            print("FAIL v%d %s %s\n  helm:   %r\n  chartc: %r" % (v, cid, schema, want[:400],
                                                                             got.get(n, "")[:400]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if update and not filt:
        with open(kpath, "w") as f:
            f.write("".join(k + "\n" for k in sorted(still)))
    for v in (4, 3):
        print("v%d: %d match Helm, %d known differences (known.txt), %d failed" % (v, npass[v], nknown[v], nfail[v]))
    print("%d passed, %d failed" % (npass[4] + npass[3], nfail[4] + nfail[3]))
    sys.exit(1 if nfail[4] + nfail[3] else 0)


if __name__ == "__main__":
    main()
