#!/usr/bin/env python3
"""gen-schemeta.py - values.schema.json metaschema cases from real Helm.

Both Helm versions check a chart's schema itself before they validate any
value: v4 (jsonschema v6) validates it against its draft's metaschema,
v3 (gojsonschema v1.2.0) parses it keyword by keyword. This script makes
schemas that give every draft keyword each wrong-typed or out-of-range
value (at the top and nested below properties, items and allOf, in each
draft), runs both Helm versions on them and writes what each printed to
testdata/schemeta/golden-v4.json and golden-v3.json (by case id; the cases
are made again by cases() here); tests/cli/schemeta.py compares chartc
with them.

Helm is run on charts of many subcharts (one case each, named qzNNNNN, with
values for it so that Helm validates it): Helm prints each subchart's error
after "qzNNNNN:" (in any order, the last one followed by the newline that
ends the whole error: that newline is dropped). Every chart runs twice per version; a case whose text
differs between the runs (Go map order decides the order of several
errors) is left out of the goldens and listed in testdata/schemeta/nondet.txt.

    python3 tests/gen-schemeta.py               # write the goldens
    python3 tests/gen-schemeta.py --compare     # chartc vs Helm, no goldens written
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
HDIR = os.environ.get("CHARTC_HELM_DIR", os.path.expanduser("~/.cache/chartc-helm"))
DEST = os.path.join(TOP, "testdata", "schemeta")
CHUNK = 150

DRAFTS = {
    "d2020": "",
    "d2019": '"$schema":"https://json-schema.org/draft/2019-09/schema",',
    "d7": '"$schema":"http://json-schema.org/draft-07/schema#",',
    "d6": '"$schema":"http://json-schema.org/draft-06/schema#",',
    "d4": '"$schema":"http://json-schema.org/draft-04/schema#",',
}

# every keyword of drafts 4 to 2020-12
KEYWORDS = [
    "$id", "id", "$schema", "$ref", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef",
    "$recursiveAnchor", "$vocabulary", "$comment", "$defs", "definitions",
    "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
    "maxProperties", "minProperties", "required", "dependentRequired", "dependencies",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items",
    "additionalItems", "contains", "properties", "patternProperties", "additionalProperties",
    "propertyNames", "unevaluatedItems", "unevaluatedProperties",
    "format", "contentEncoding", "contentMediaType", "contentSchema",
    "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
]

# wrong-typed and out-of-range values, as JSON text
VALUES = ['-1', '0', '1.5', '2.0', '1e400', '"x"', 'true', 'null', '[]', '{}', '[1]', '["a","a"]', '{"a":1}']
NESTED_VALUES = ['-1', '"x"', '{}', '[]', '1.5']

# values aimed at one keyword
EXTRA = {
    "type": ['"foo"', '["string","string"]', '["foo"]', '["string",1]', '"integer"', '["null","object"]'],
    "enum": ['[1,1]', '[1,"1"]'],
    "required": ['[1]', '["a",1]', '[""]'],
    "pattern": ['"("', '"\\\\p{Foo}"', '"a{2,1}"', '"(?<n>x)"'],
    "patternProperties": ['{"(":{}}', '{"^a":1}', '{"[":{},"^b":"x"}'],
    "properties": ['{"a":"x"}', '{"a":[]}', '{"a":null}'],
    "definitions": ['{"a":"x"}', '{"a":5}'],
    "$defs": ['{"a":"x"}', '{"a":5}'],
    "dependencies": ['{"a":"b"}', '{"a":[1]}', '{"a":1}', '{"a":["b","b"]}', '{"a":[]}'],
    "dependentRequired": ['{"a":"b"}', '{"a":[1]}', '{"a":["b","b"]}'],
    "dependentSchemas": ['{"a":"b"}', '{"a":1}'],
    "items": ['[1]', '[{}]', '[{},"x"]'],
    "prefixItems": ['[1]', '[{},"x"]'],
    "allOf": ['[1]', '[{},"x"]', '[{"type":"foo"}]'],
    "anyOf": ['[1]'],
    "oneOf": ['[1]'],
    "additionalProperties": ['"x"', '1'],
    "multipleOf": ['-2', '0.0', '-0.5', '1e-400'],
    "maxLength": ['1e400', '-0', '1.0', '-1.0', '3', '9223372036854775808', '1e10'],
    "minItems": ['-1.5', '1.0', '1e2'],
    "$schema": ['"x"', '"http://example.com/s"', '""'],
    "$id": ['"::"', '"#foo"', '"http://x/y#frag"', '"a b"', '"%zz"'],
    "$anchor": ['"1x"', '""', '"a b"', '"a-b"'],
    "$dynamicAnchor": ['"1x"'],
    "$ref": ['"::"', '5', '"#/$defs/%zz"'],
    "format": ['5', '"nope"'],
    "$vocabulary": ['{"x":1}', '{"x":true}', '{"https://e.com/v":"x"}'],
    "exclusiveMinimum": ['true', 'false'],
    "exclusiveMaximum": ['true'],
    "minimum": ['1e400', '-1e400', '"1"'],
    "const": ['{"a":[1]}'],
    "contentEncoding": ['1'],
    "examples": ['"x"', '{}'],
}

NESTED = {
    "properties": '"properties":{"a":{%s}}',
    "items": '"items":{%s}',
    "allOf": '"allOf":[{},{%s}]',
}


def cases():
    out = []
    seen = set()

    def add(cid, schema):
        if cid in seen:
            return
        seen.add(cid)
        out.append((cid, schema))

    for dn, pre in DRAFTS.items():
        top = dn in ("d2020", "d2019", "d7", "d4")
        for kw in KEYWORDS:
            vals = (VALUES if top else NESTED_VALUES) + EXTRA.get(kw, [])
            for i, v in enumerate(vals):
                body = '"%s":%s' % (kw, v)
                add("%s/top/%s/%s" % (dn, kw, v), "{%s%s}" % (pre, body))
                if dn in ("d2020", "d7") and (v in NESTED_VALUES or v in EXTRA.get(kw, [])):
                    for pn, tmpl in NESTED.items():
                        add("%s/%s/%s/%s" % (dn, pn, kw, v), "{%s%s}" % (pre, tmpl % body))
    return out


def mkchunk(root, chunk):
    """A parent chart with one subchart per case; returns its directory."""
    d = os.path.join(root, "p")
    if os.path.exists(d):
        subprocess.run(["rm", "-rf", d], check=True)
    os.makedirs(os.path.join(d, "templates"))
    os.makedirs(os.path.join(d, "charts"))
    with open(os.path.join(d, "Chart.yaml"), "w") as f:
        f.write("apiVersion: v2\nname: p\nversion: 0.1.0\n")
    vals = []
    for n, (cid, schema) in chunk:
        name = "qz%05d" % n
        sd = os.path.join(d, "charts", name)
        os.makedirs(sd)
        with open(os.path.join(sd, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: %s\nversion: 0.1.0\n" % name)
        with open(os.path.join(sd, "values.schema.json"), "w") as f:
            f.write(schema)
        vals.append("%s: {a: 1}\n" % name)
    with open(os.path.join(d, "values.yaml"), "w") as f:
        f.write("".join(vals))
    return d


def split(err):
    """{NNNNN: text} from one run's stderr"""
    r = {}
    if err.endswith("\n"):
        err = err[:-1]   # Helm's own newline after the whole error (its subcharts come in any order)
    parts = re.split(r"qz(\d{5}):\n", err)
    for i in range(1, len(parts), 2):
        r[int(parts[i])] = parts[i + 1]
    return r


def run(cmd, home):
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "TZ": "UTC", "LANG": "C"}
    p = subprocess.run(cmd, env=env, capture_output=True)
    return p.stderr.decode("utf-8", "surrogateescape")


def main():
    compare = "--compare" in sys.argv
    cs = cases()
    numbered = list(enumerate(cs))
    tmp = tempfile.mkdtemp()
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    res = {4: {}, 3: {}}
    nondet = []
    chartc = os.path.join(TOP, "chartc")
    for k in range(0, len(numbered), CHUNK):
        chunk = numbered[k:k + CHUNK]
        d = mkchunk(tmp, chunk)
        for v in (4, 3):
            helm = os.path.join(HDIR, "v%d" % v, "helm")
            a = split(run(["nice", helm, "template", d], home))
            b = split(run(["nice", helm, "template", d], home))
            c = None
            if compare:
                c = split(run([chartc, "render", d] + (["--helm-compat", "3"] if v == 3 else []), home))
            for n, (cid, _) in chunk:
                ta, tb = a.get(n, ""), b.get(n, "")
                if ta != tb:
                    nondet.append("v%d %s" % (v, cid))
                    continue
                res[v][cid] = ta
                if compare and c.get(n, "") != ta:
                    print("DIFF v%d %s\n  helm:   %r\n  chartc: %r" % (v, cid, ta[:300], c.get(n, "")[:300]))
        sys.stderr.write("%d/%d\n" % (k + len(chunk), len(cs)))
    subprocess.run(["rm", "-rf", tmp])
    if compare:
        return
    os.makedirs(DEST, exist_ok=True)
    for v in (4, 3):
        with open(os.path.join(DEST, "golden-v%d.json" % v), "w") as f:
            json.dump(res[v], f, indent=0, ensure_ascii=False, sort_keys=True)
            f.write("\n")
    with open(os.path.join(DEST, "nondet.txt"), "w") as f:
        f.write("".join(x + "\n" for x in nondet))
    print("%d cases, %d nondeterministic" % (len(cs), len(nondet)))


if __name__ == "__main__":
    main()
