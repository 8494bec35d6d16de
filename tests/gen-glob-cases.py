#!/usr/bin/env python3
"""gen-glob-cases.py - .Files.Glob conformance cases from real Helm.

Helm's .Files.Glob is github.com/gobwas/glob v0.2.3 (separator '/'), whose
compiled matchers have quirks (Row, BTree, Suffix... on UTF-8, {a,b}
factoring, panics). This script makes hand-picked and random patterns,
asks real Helm v4 which of a fixed set of file names each one matches
(patterns that make Helm fail become cases of their own), and writes
tests/conformance/glob.cases; then run `sh tests/conformance/gen.sh glob/`
for the expected outputs of both Helm versions.

    python3 tests/gen-glob-cases.py             # write glob.cases (+ gen.sh)
    python3 tests/gen-glob-cases.py --compare N [SEED]
                                                # N random patterns: Helm v4
                                                # vs ./chartc, print differences
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
HELM = os.path.join(os.environ.get("CHARTC_HELM_DIR", os.path.expanduser("~/.cache/chartc-helm")), "v%s/helm")

# chart-relative file names: ASCII, UTF-8, dots, slashes, glob characters
FILES = [
    "a", "b", "ab", "abc", "aab", "a.b", "a.txt", "b.txt", "ab.txt", "x.yaml", ".hidden", "a,b", "{a}",
    "{a,b}", "[a]", "a*b", "a?b", "a\\b", "a b", "-a", "a-b", "!a", "^a", "a]b", "aa", "aaa",
    "é", "éa", "aé", "xé", "xéy", "éé", "ç", "日本", "日本.txt", "aéb", "a日b",
    "conf/a.conf", "conf/b.conf", "conf/sub/c.conf", "conf/é.conf", "conf/.d", "x/y/z", "x/a", "x/ab",
    "dir.d/f", "d1/b/c/d.txt", "a.bd/c", "files/config.json", "files/x.y.z", "éd/a", "aéd/b",
    # invalid UTF-8 (bytes as surrogate escapes): Go decodes each bad byte as U+FFFD of width 1
    "a\udcff", "\udcffb", "x\udcc3", "a\udce2\udc82", "\udcc3\udca9\udcff",
]

HAND = [
    "*", "**", "?", "*/*", "**/*", "*/**", "**.txt", "*.txt", "*.*", "conf/*", "conf/**", "conf/*.conf",
    "conf/**.conf", "conf/*/*", "{a,b}", "{a,b}*", "*{a,b}", "{a,b}.txt", "{*.txt,conf/*}", "{a,{b,ab}}",
    "{{a,b},c}", "{a,ab}{,.txt}", "{}", "{,}", "{a,}", "{,a}", "{a", "{a,b", "a{", "*{", "{a,b}{", "{a}{",
    "ab{", "a}", "}", "a,b", "{a\\,b}", "\\{a\\}", "\\*", "a\\*b", "a\\", "\\", "[a]", "[ab]", "[!a]", "[^a]",
    "[a-c]", "[!a-c]", "[a-]", "[-a]", "[a", "[", "[]", "[!]", "[]a]", "[\\]]", "[a-zA-Z]", "[é]", "[!é]",
    "[a-é]", "[é-日]", "?", "??", "???", "?é", "é?", "*é", "é*", "*é*", "?a", "a?", "*a?", "*?a", "*é?",
    "*?é", "x??", "*x??", "?*", "*?", "?*?", "**?", "?**", "*??*", "[!a][!a]", "[!ab][!ab]", "[!/]*",
    "*[!/]", "a*a", "a**a", "a*b*c", "*a*a*a*a*a*a*a*a*b", "**a**", "*a*", "a*", "*a", "a**", "**a",
    "a/*", "*/a", "*/b", "x/*", "x/**", "**/a", "**/*.conf", "*/*/*", "?/?", "?/*", "*.{txt,yaml}",
    "{conf,x}/*", "{conf,x}/**", "conf/{a,b}.conf", "conf/[ab].conf", "conf/?.conf", "{a,b}{a,b}",
    "{a*,b*}", "{*a,*b}", "{?,a}", "{?,*}", "{*,a}b", "a*{?,b}", "{ab?c,ab?d}", "{a?,b?}", "{a.b,a.txt}",
    "日*", "*本", "日?", "?本", "[日]本", "{é,ç}", "*{é,ç}", "a.b/*", "*.b/*", "files/*.json",
    "files/**", "files/*.*.*", "*x*y*", "*.*.*", "**.*", ".*", "*.", ".hidden", "*hidden",
    "\\[a\\]", "[[]a]", "[!!]a", "a[!b]", "a[b-]", "[a-b-c]", "{[a],b}", "{[ab],c}*", "?{a,b}",
    "*?{a,b}", "{a,b}?", "{a,b}*?", "*{}", "{}*", "?{}", "{}?", "a{}", "{}a", "a{,}", "{,}a",
]

PIECES = ["a", "b", "c", "x", "y", "é", "ç", "日", ".", "/", "*", "**", "?", "txt", "conf", "ab", ",", "-",
          "!", "^", "]", "\\", "[a]", "[!a]", "[a-c]", "[é]", "[!é]", "{", "}", "{a,b}", "{*,a}", "{?,b}",
          "{,a}", "{}", "[", "{a,{b,c}}"]


def rand_pattern(rng):
    """A random pattern: mostly well-formed shapes, some broken ones."""
    n = rng.randint(1, 7)
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.15:
            k = rng.randint(2, 3)
            alts = ["".join(rng.choice(PIECES[:18]) for _ in range(rng.randint(0, 3))) for _ in range(k)]
            out.append("{" + ",".join(alts) + "}")
        elif r < 0.25:
            out.append(rng.choice(["[ab]", "[!b]", "[a-c]", "[!x-z]", "[é]", "[!é]", "[.]", "[/]", "[!/]", "[日本]"]))
        else:
            out.append(rng.choice(PIECES))
    return "".join(out)


QUIRKY = ["é", "?", "*", "**", "a", "b", "é?", "?é", "[!é]", "[é]", "[!a]", "[!ab]", "[a-é]", "{é,ç}",
          "{?,é}", "{a,b}", "{*,a}", "{a*,b}", "{,a}", "{}", "{a,{b,}}", "{?a,?b}", "{a?,b?}", "{ab,ac}",
          "/", ".", "日", "t", "x", "\\*", "\\?", "[ab][ab]", "[!/]", "{**,a}", "{a,**}"]


def rand_quirky(rng):
    """Short patterns built from the shapes gobwas compiles unusually:
    rows of one-rune matchers next to UTF-8, alternatives of unequal
    length, negated lists side by side, stars around fixed parts."""
    return "".join(rng.choice(QUIRKY) for _ in range(rng.randint(1, 5)))


def make_chart(d, template):
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, "templates"))
    with open(os.path.join(d, "Chart.yaml"), "w") as f:
        f.write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
    open(os.path.join(d, "values.yaml"), "w").close()
    for name in FILES:
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(name + "\n")
    with open(os.path.join(d, "templates", "t.yaml"), "w", encoding="utf-8") as f:
        f.write(template)


def template(patterns):
    lst = " ".join("`%s`" % p for p in patterns)
    return ("{{- range $p := list %s }}\n# {{ printf \"%%q\" $p }}:{{ range $k, $_ := $.Files.Glob $p }} "
            "{{ printf \"%%q\" $k }}{{ end }}\n{{- end }}\n" % lst)


def run(cmd, cwd, home):
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "TZ": "UTC", "LANG": "C"}
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def helm(tmp, patterns, v="4"):
    make_chart(os.path.join(tmp, "chart"), template(patterns))
    return run([HELM % v, "template", "c", "./chart"], tmp, os.path.join(tmp, "home"))


def chartc(tmp, patterns, v="4"):
    make_chart(os.path.join(tmp, "chart"), template(patterns))
    compat = ["--helm-compat", "3"] if v == "3" else []
    return run([os.environ.get("CHARTC", os.path.join(TOP, "chartc")), "render", "c", "./chart"] + compat, tmp, os.path.join(tmp, "home"))


def usable(p):
    return "`" not in p and "\n" not in p


def split_errors(tmp, patterns):
    """(ok, failing) patterns: failing ones make Helm fail alone."""
    rc, _, _ = helm(tmp, patterns)
    if rc == 0:
        return patterns, []
    if len(patterns) == 1:
        return [], patterns
    h = len(patterns) // 2
    a, b = split_errors(tmp, patterns[:h]), split_errors(tmp, patterns[h:])
    return a[0] + b[0], a[1] + b[1]


def case(name, patterns):
    files = "\n".join(FILES)
    return "=== glob/%s\n--- files\n%s\n--- template\n%s" % (name, files, template(patterns))


def write_cases(tmp):
    rng = random.Random(9)
    pats, seen = [], set()
    for p in HAND + [rand_pattern(rng) for _ in range(500)] + [rand_quirky(rng) for _ in range(400)]:
        if usable(p) and p not in seen:
            seen.add(p)
            pats.append(p)
    ok, bad = [], []
    for i in range(0, len(pats), 40):
        a, b = split_errors(tmp, pats[i:i + 40])
        ok += a
        bad += b
    # a failing pattern's message may name whichever file Go's map order
    # reached first: keep only those whose message is stable
    stable = []
    for p in bad:
        errs = {helm(tmp, [p])[2] for _ in range(3)}
        if len(errs) == 1:
            stable.append(p)
    out = ["# .Files.Glob (gobwas/glob v0.2.3) over a fixed file set; generated by",
           "# tests/gen-glob-cases.py from real Helm: do not edit by hand.", ""]
    for i in range(0, len(ok), 40):
        out.append(case("match%02d" % (i // 40), ok[i:i + 40]))
    for i, p in enumerate(stable):
        out.append(case("panic%02d" % i, [p]))
    out.append(case("asconfig", []).replace(
        template([]), '{{ (.Files.Glob "conf/**").AsConfig }}\n---\n{{ (.Files.Glob "{a,b}*.txt").AsSecrets }}\n'))
    with open(os.path.join(HERE, "conformance", "glob.cases"), "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\n".join(out))
    print("%d patterns: %d in match cases, %d fail in Helm (%d with a stable message)"
          % (len(pats), len(ok), len(bad), len(stable)))


def compare(tmp, n, seed):
    rng = random.Random(seed)
    pats = [p for p in ((rand_pattern if i % 2 else rand_quirky)(rng) for i in range(n)) if usable(p)]
    diffs = same = 0
    for i in range(0, len(pats), 50):
        ok, bad = split_errors(tmp, pats[i:i + 50])
        for group in [ok] + [[p] for p in bad]:
            if not group:
                continue
            for v in "43":
                h, c = helm(tmp, group, v), chartc(tmp, group, v)
                hl = h[1].splitlines() if h[0] == 0 else [h[2].splitlines()[0]]
                cl = c[1].splitlines() if c[0] == 0 else [c[2].splitlines()[0]]
                if h[0] != 0:   # the failing file may differ (Go map order): compare the error kind
                    hl = [l.split(" [")[0] for l in hl]
                    cl = [l.split(" [")[0] for l in cl]
                if hl == cl:
                    same += len(group)
                    continue
                for a, b in zip(hl, cl):
                    if a != b:
                        diffs += 1
                        print("v%s helm:   %s\nv%s chartc: %s" % (v, a, v, b))
                if len(hl) != len(cl):
                    diffs += 1
                    print("v%s line counts differ: %d vs %d" % (v, len(hl), len(cl)))
    print("%d pattern runs agree, %d differences" % (same, diffs))
    return diffs


def main():
    tmp = tempfile.mkdtemp()
    os.makedirs(os.path.join(tmp, "home"))
    try:
        if len(sys.argv) > 1 and sys.argv[1] == "--compare":
            n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
            seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
            sys.exit(1 if compare(tmp, n, seed) else 0)
        write_cases(tmp)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
