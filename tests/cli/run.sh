#!/bin/bash
# tests/cli/run.sh - differential tests of the render pipeline and the CLI
# (framing, splitting, hooks, kind order, CRDs, --show-only, --output-dir,
# release names, flag errors, error selection, .Capabilities/.Files/.Release):
# each case runs real Helm v4.1.4 and v3.17.3 and `chartc render` (with
# --helm-compat 3 for v3) and compares stdout, stderr and exit code.
# Needs the Helm binaries that ../shared/tools/get-helm installs; skips
# without them. Usage: CHARTC=./chartc bash tests/cli/run.sh
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=$(cd "$top" && realpath "${CHARTC:-./chartc}")
hdir=${CHARTC_HELM_DIR:-$HOME/.cache/chartc-helm}
if [ ! -x "$hdir/v4/helm" ] || [ ! -x "$hdir/v3/helm" ]; then
    echo "tests/cli: Helm binaries not found in $hdir, skipped"; echo "0 passed, 0 failed"; exit 0
fi
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
cd "$w"; mkdir home
pass=0; fail=0
mk() { mkdir -p "$1/templates"; printf 'apiVersion: v2\nname: %s\nversion: 0.1.0\n%s' "$1" "${2:-}" > "$1/Chart.yaml"; }

# cmp_case ARGS...: stdout, stderr, rc must match for both Helm versions
cmp_case() {
    for v in 4 3; do
        c=(); [ $v = 3 ] && c=(--helm-compat 3)
        env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$hdir/v$v/helm" template "$@" >h.out 2>h.err; hrc=$?
        env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$chartc" render "${c[@]}" "$@" >c.out 2>c.err; crc=$?
        if cmp -s h.out c.out && cmp -s h.err c.err && [ $hrc = $crc ]; then pass=$((pass + 1))
        else fail=$((fail + 1)); echo "FAIL v$v: $*"; diff h.out c.out | head -8; diff h.err c.err | head -4; fi
    done
}
# cmp_dir ARGS...: the same with --output-dir, comparing the written trees too
cmp_dir() {
    for v in 4 3; do
        c=(); [ $v = 3 ] && c=(--helm-compat 3)
        rm -rf oh oc; mkdir oh oc
        env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$hdir/v$v/helm" template "$@" --output-dir oh >h.out 2>h.err; echo $? >>h.out
        env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$chartc" render "${c[@]}" "$@" --output-dir oc >c.out 2>c.err; echo $? >>c.out
        sed -i 's#^wrote oc/#wrote oh/#' c.out
        if cmp -s h.out c.out && cmp -s h.err c.err && diff -r oh oc >/dev/null; then pass=$((pass + 1))
        else fail=$((fail + 1)); echo "FAIL v$v (output-dir): $*"; diff h.out c.out | head -8; diff -r oh oc | head -8; fi
    done
}

# --- a chart with hooks, CRDs, NOTES, odd splits, unknown kinds ---
mk ca; mkdir -p ca/crds/sub ca/templates/sub
printf 'kind: CustomResourceDefinition\nmetadata:\n  name: x\n' > ca/crds/c1.yaml
printf 'kind: CRD2\n' > ca/crds/sub/c2.YML; printf 'notcrd' > ca/crds/readme.txt
printf 'kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-weight: "5"\n---\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n---\nkind: ConfigMap\nmetadata:\n  annotations:\n    "helm.sh/hook": pre-install, Pre-Upgrade\n    helm.sh/hook-weight: "-5"\n---\nkind: Secret\nmetadata:\n  annotations:\n    helm.sh/hook: bogus\n' > ca/templates/hooks.yaml
printf 'kind: Zebra\n---\nkind: Aardvark\n---\n# only comment\n---\nkind: Deployment\n---\nkind: MutatingWebhookConfiguration\n---\nkind: Namespace\n' > ca/templates/kinds.yaml
printf 'A: 1\n---\n\n---\nkind: B\n' > ca/templates/empty.yaml
printf 'notes {{ .Release.Name }}' > ca/templates/NOTES.txt
printf 'kind: FromTxt\n' > ca/templates/foo.txt
printf '   \n' > ca/templates/blank.yaml
printf '{{ define "x" }}hi{{ end }}' > ca/templates/_h.tpl
printf 'kind: Service\nx: <no value>\n' > ca/templates/sub/s.yaml
mk cb                                   # empty chart
mk cc; printf 'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n' > cc/templates/h.yaml
cmp_case ca; cmp_case ca --include-crds; cmp_case ca --skip-tests; cmp_case ca --no-hooks
cmp_case cb; cmp_case cc; cmp_case ca -s templates/kinds.yaml; cmp_case ca -s 'templates/*' --include-crds
cmp_case ca -s crds/c1.yaml --include-crds; cmp_case ca -s nope; cmp_case ca -s templates/empty.yaml
cmp_case ca --is-upgrade -n foo; cmp_case myrel ca
cmp_dir ca; cmp_dir ca --include-crds; cmp_dir ca --release-name; cmp_dir rel ca --release-name --include-crds; cmp_dir cc

# --- built-in objects ---
mk cp; mkdir -p cp/conf cp/charts/sub/templates
printf 'apiVersion: v2\nname: sub\nversion: 0.2.0\n' > cp/charts/sub/Chart.yaml
printf 'line1\nline2\n' > cp/conf/a.txt; printf 'B\r\nx' > cp/conf/b.txt; printf '\n\n' > cp/conf/nl.txt
: > cp/conf/empty.txt; printf 'hi' > cp/README.md; printf 'sub: {v: 1}\nx: 2\n' > cp/values.yaml
cat > cp/templates/t.yaml <<'T'
# {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }}
# {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }} {{ len .Capabilities.APIVersions }}
# {{ .Capabilities.HelmVersion }} {{ .Capabilities.HelmVersion.Version }}
# {{ toJson .Capabilities.KubeVersion }} {{ toJson .Capabilities.HelmVersion }}
# {{ .Release }} {{ printf "%T" .Release.Revision }} {{ .Template }}
# {{ .Files.Get "conf/a.txt" | quote }} {{ .Files.GetBytes "README.md" }} {{ .Files.Get "nope" | quote }}
# {{ .Files.Lines "conf/a.txt" }} {{ .Files.Lines "conf/nl.txt" | len }} {{ .Files.Lines "nope" }}
# {{ range $k, $v := .Files }}{{ $k }},{{ end }}
# {{ range $k, $v := .Files.Glob "conf/*.txt" }}{{ $k }},{{ end }} {{ if .Files.Glob "nomatch/*" }}yes{{ else }}no{{ end }}
# {{ range $k, $v := .Files.Glob "{conf,READ}*/**" }}{{ $k }},{{ end }} | {{ range $k, $v := .Files.Glob "[" }}{{ $k }},{{ end }}
# {{ index .Files "README.md" }} {{ .Files.nokey }}
# {{ .Subcharts.sub.Values.v }} {{ .Subcharts.sub.Chart.Name }} {{ .Values.x }}
cfg: |
{{ (.Files.Glob "conf/*.txt").AsConfig | indent 2 }}
sec: |
{{ (.Files.Glob "conf/[ab].txt").AsSecrets | indent 2 }}
T
printf '# {{ .Template.Name }} {{ .Template.BasePath }} {{ .Values.v }} {{ .Chart.IsRoot }}\n' > cp/charts/sub/templates/s.yaml
cmp_case cp; cmp_case cp --kube-version 1.28.3-gke.100 -a foo/v1,bar/v2 -a x/y; cmp_case cp --kube-version v1.29
cmp_case cp --kube-version 1; cmp_case cp --kube-version abc

# --- errors ---
mk ce; mkdir -p ce/templates/sub
printf '{{ .Values.a.b.c }}' > ce/templates/a.yaml; printf '{{ .Values.a.b.c }}' > ce/templates/z.yaml
printf '{{ fail "boom" }}' > ce/templates/sub/s.yaml
cmp_case ce; rm ce/templates/sub/s.yaml; cmp_case ce
printf '{{ if }}' > ce/templates/b.yaml; printf 'a: {{ .x\n' > ce/templates/a.yaml; cmp_case ce
mk cf 'kubeVersion: ">=1.40.0"
deprecated: true
'; printf 'kind: A\n' > cf/templates/t.yaml
cmp_case cf; cmp_case cf --kube-version 1.41.0-rc.1
mk cg 'type: library
'; cmp_case cg
# Chart.yaml dependencies: a missing one named "" still fails; Go's type
# names in decode errors (chart/v2's in v4, chart's in v3)
mk cd 'dependencies:
  - name: ""
'; cmp_case cd
mk cd 'dependencies:
  - 1
'; cmp_case cd
mk cd 'maintainers: {}
'; cmp_case cd
mk ch; printf 'a: b\n  c: d\n' > ch/templates/t.yaml; cmp_case ch
printf 'kind: A\n' > ch/templates/t.yaml; printf 'x: {{ .Values.nope.x }}' > ch/templates/NOTES.txt; cmp_case ch
mk ci; printf 'just a string\n' > ci/templates/s.yaml; cmp_case ci
printf 'kind: {a: 1}\n' > ci/templates/s.yaml; cmp_case ci
printf 'kind: A\nmetadata:\n  annotations: 5\n' > ci/templates/s.yaml; cmp_case ci

# --- command line ---
cmp_case; cmp_case cb --bogus; cmp_case cb -x; cmp_case cb -n; cmp_case cb --include-crds=x
cmp_case a b c; cmp_case UPPER cb; cmp_case cb --generate-name foo; cmp_case cb --dry-run=none
cmp_case cb -a a,b -gn; cmp_case cb --namespace; cmp_case --namespace=x cb -nfoo --is-upgrade=false
cmp_case ./nonexist; cmp_case nonexist
# --labels is pflag's StringToString: checked although unused
for l in x , a=b a=b,c a=1,b=2 a=b=c 'a="b=c"' a=1,b,c=2 a=1,,b=2 '"a=b"'; do cmp_case cb --labels "$l"; done
cmp_case cb -l x; cmp_case cb -lx=y
# --color (v4 only): checked first of all, reported through Helm's logger
cmp_case cb --color x; cmp_case cb --color=; cmp_case cb --color x --colour never; cmp_case --color x
cmp_case cb --colour 'a"b' -h; cmp_case cb --color always

# --- chart model (w6): values from stdin, env compat, paths Helm names absolutely ---
# cmp_stdin INPUT ARGS...: cmp_case with INPUT on stdin (for -f -)
cmp_stdin() {
    in=$1; shift
    for v in 4 3; do
        c=(); [ $v = 3 ] && c=(--helm-compat 3)
        printf '%s' "$in" | env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$hdir/v$v/helm" template "$@" >h.out 2>h.err; hrc=$?
        printf '%s' "$in" | env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$chartc" render "${c[@]}" "$@" >c.out 2>c.err; crc=$?
        if cmp -s h.out c.out && cmp -s h.err c.err && [ $hrc = $crc ]; then pass=$((pass + 1))
        else fail=$((fail + 1)); echo "FAIL v$v (stdin): $*"; diff h.out c.out | head -8; diff h.err c.err | head -4; fi
    done
}
mk mv; printf 'a: default\nb: default\n' > mv/values.yaml
printf 'a: {{ .Values.a }}\nb: {{ .Values.b }}\nc: {{ .Values.c }}\n' > mv/templates/v.yaml
printf 'b: file\n' > mv-file.yaml
cmp_stdin 'a: stdin
c: 3
' mv -f -
cmp_stdin 'a: stdin' mv -f mv-file.yaml -f - --set c=set
cmp_stdin 'a: [unclosed' mv --values=-
cmp_stdin '' mv -f -
# CHARTC_HELM_COMPAT=3 selects v3 behaviour like --helm-compat 3
env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "$hdir/v3/helm" template Bad_Name mv >h.out 2>h.err; hrc=$?
env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C CHARTC_HELM_COMPAT=3 "$chartc" render Bad_Name mv >c.out 2>c.err; crc=$?
if cmp -s h.out c.out && cmp -s h.err c.err && [ $hrc = $crc ]; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL CHARTC_HELM_COMPAT=3"; diff h.err c.err | head -4; fi
# archives and paths whose errors name the absolute path
printf 'not gzip' > notgz.tgz; : > empty.tgz; printf 'a: b\n' > vals.yaml
head -c 600 /dev/zero | tr '\0' 'x' > text.tgz
cmp_case notgz.tgz; cmp_case empty.tgz; cmp_case text.tgz; cmp_case vals.yaml; cmp_case home
mkdir -p ab/charts; printf 'apiVersion: v2\nname: ab\nversion: 0.1.0\n' > ab/Chart.yaml
printf 'not gzip at all' > ab/charts/s.tgz; tar czf ab.tgz ab; cmp_case ab.tgz; rm -rf ab
# symlinks: followed with an INFO/log line naming both paths; dangling ones fail
mk sl; mkdir -p sl/real; printf 'x: 1\n' > sl/real/f.yaml
ln -s real/f.yaml sl/link.yaml; ln -s real sl/linkdir
printf 'files: {{ range $k, $v := .Files }}{{ $k }},{{ end }}\n' > sl/templates/t.yaml
cmp_case sl; ln -s nowhere sl/dangling; cmp_case sl
# values.schema.json: one error at a time (Helm's order of several is random)
mk sc; printf '{}' > sc/values.yaml
sch() { printf '%s' "$1" > sc/values.schema.json; printf '%s\n' "$2" > sc/values.yaml; cmp_case sc; }
sch '{"properties":{"a":{"minimum":1.5}}}' 'a: 1'
sch '{"properties":{"a":{"exclusiveMaximum":1e3}}}' 'a: 1000'
sch '{"properties":{"a":{"maximum":-1e300}}}' 'a: -12345.678'
sch '{"properties":{"a":{"multipleOf":0.5}}}' 'a: 1.2'
sch '{"properties":{"a":{"minLength":3}}}' 'a: ab'
sch '{"properties":{"a":{"maxItems":1}}}' 'a: [1, 2]'
sch '{"properties":{"a":{"uniqueItems":true}}}' 'a: [1, 2, 2]'
sch '{"properties":{"a":{"pattern":"^x"}}}' 'a: ab'
sch '{"properties":{"a":{"enum":[1, "x", null, true, 1.5, "<a>", "it'"'"'s"]}}}' 'a: ab'
sch '{"properties":{"a":{"enum":[[1],2]}}}' 'a: 3'
sch '{"properties":{"a":{"const":{"k":1}}}}' 'a: ab'
sch '{"properties":{"a":false}}' 'a: ab'
sch '{"properties":{"a":{"not":{"type":"string"}}}}' 'a: ab'
sch '{"properties":{"a":{"anyOf":[{"type":"integer"},{"minLength":5}]}}}' 'a: ab'
sch '{"properties":{"a":{"oneOf":[{"type":"string"},{"minLength":1}]}}}' 'a: ab'
sch '{"properties":{"a":{"allOf":[{"type":"string"},{"minLength":5}]}}}' 'a: ab'
sch '{"properties":{"a":{"minProperties":2}}}' 'a: {x: 1}'
sch '{"properties":{"a":{"dependencies":{"x":["y"]}}}}' 'a: {x: 1}'
sch '{"properties":{"a":{"propertyNames":{"maxLength":1}}}}' 'a: {xyz: 1}'
sch '{"properties":{"a":{"contains":{"type":"string"}}}}' 'a: [1, 2]'
sch '{"properties":{"a":{"if":{"type":"string"},"then":{"minLength":5}}}}' 'a: ab'
# the schema file is read with a json.Decoder: its own end-of-input errors;
# v4 rejects anything but space after the value, v3 ignores it; a schema
# that is not an object or a boolean fails the metaschema
for t in '' '   ' '{"a":' '{"a":1' 'nul' '1' '"s"' '[1]' 'null' '-' '"ab' '{}x' '{},' '{}{}' '{} {"a":1}' '1x' 'true]' '"s"x' '{} ]' '[1,{"a":"]"}] x' $'{}  \n '; do
    sch "$t" 'a: 1'
done
# several errors in a fixed order (array items): a Group passed up alone to
# the root is flattened, a $ref's Reference is not
sch '{"properties":{"a":{"items":{"type":"string"}}}}' 'a: [1, 2]'
sch '{"properties":{"a":{"items":{"items":{"type":"string"}}}}}' 'a: [[1, 2]]'
sch '{"$defs":{"s":{"items":{"type":"string"}}},"properties":{"a":{"$ref":"#/$defs/s"}}}' 'a: [1, 2]'
sch '{"properties":{"a":{"items":{"type":"string"}},"b":{"type":"string"}}}' 'a: [1, 2]'
sch '{"required":["q"],"additionalProperties":false}' '{}'
sch '{"properties":{"a":{"items":{"type":"string"}}}}' 'a: [x, 1]'
# locations are made only for errors: escaped keys, list indexes, empty keys, nesting
sch '{"properties":{"a/b":{"properties":{"c~d":{"items":{"type":"string"}}}}}}' 'a/b: {c~d: [x, 1]}'
sch '{"properties":{"e":{"properties":{"x":{"properties":{"":{"type":"string"}}}}}}}' 'e: {x: {"": 1}}'
sch '{"patternProperties":{"^p":{"additionalProperties":{"type":"integer"}}}}' 'pa: {q: x}'
sch '{"properties":{"a":{"items":{"items":{"required":["z"]}}}}}' 'a: [[{z: 1}, {z: 1}], [{z: 1}, {y: 1}]]'
sch '{"properties":{"a":{"$ref":"#/definitions/d"}},"definitions":{"d":{"properties":{"b":{"enum":[1,2]}}}}}' 'a: {b: 3}'
# keywords by draft: draft-04's boolean exclusiveMinimum/Maximum (v3 reads them with no $schema too)
d4='"$schema":"http://json-schema.org/draft-04/schema#",'
sch "{$d4"'"properties":{"a":{"maximum":1,"exclusiveMaximum":true}}}' 'a: 1.5'
sch "{$d4"'"properties":{"a":{"maximum":1.5,"exclusiveMaximum":true}}}' 'a: 1.5'
sch "{$d4"'"properties":{"a":{"minimum":1.5,"exclusiveMinimum":true}}}' 'a: 1.5'
sch "{$d4"'"properties":{"a":{"minimum":1,"maximum":1.5,"exclusiveMinimum":true,"exclusiveMaximum":false}}}' 'a: 1.5'
# ... and of the wrong type: the metaschema (v4) or gojsonschema's parser (v3) rejects the schema
sch '{"properties":{"a":{"maximum":1,"exclusiveMaximum":true}}}' 'a: 1.5'
sch '{"properties":{"a":{"exclusiveMaximum":true}}}' 'a: 1.5'
sch '{"properties":{"a":{"exclusiveMaximum":"x"}}}' 'a: 1.5'
sch "{$d4"'"properties":{"a":{"maximum":1,"exclusiveMaximum":3}}}' 'a: 1.5'
sch '{"$schema":"http://json-schema.org/draft-06/schema#","properties":{"a":{"minimum":1,"exclusiveMinimum":true}}}' 'a: 1.5'
sch '{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"a":{"minimum":1,"exclusiveMinimum":true}}}' 'a: 1.5'
sch '{"definitions":{"a":{"minimum":1,"exclusiveMinimum":true}}}' 'a: 1.5'
sch '{"properties":{"a":{"items":[{"type":"string"}]}}}' 'a: [x]'
sch '{"$schema":"http://json-schema.org/draft-04/schema#","properties":{"a":{"pattern":"("}}}' 'a: x'
# anchors: $anchor (2019-09 on), a fragment id before it (v3: "id" or "$id" in any draft)
d7='"$schema":"http://json-schema.org/draft-07/schema#",'
sch '{"$defs":{"x":{"$anchor":"foo","type":"string"}},"properties":{"a":{"$ref":"#foo"}}}' 'a: 1'
sch "{$d7"'"definitions":{"x":{"$anchor":"foo","type":"string"}},"properties":{"a":{"$ref":"#foo"}}}' 'a: 1'
sch "{$d7"'"definitions":{"x":{"$id":"#foo","type":"string"}},"properties":{"a":{"$ref":"#foo"}}}' 'a: 1'
sch "{$d4"'"definitions":{"x":{"id":"#foo","type":"string"}},"properties":{"a":{"$ref":"#foo"}}}' 'a: 1'
sch "{$d7"'"definitions":{"x":{"$id":"#foo","$ref":"#/definitions/y"},"y":{"type":"string"}},"properties":{"a":{"$ref":"#foo"}}}' 'a: 1'
sch '{"type":"object","properties":{"a":{"$ref":"#nope"}}}' 'a: 1'
sch '{"anyOf":[{"minimum":5},{"allOf":[{"$ref":"#nope"}]}]}' 'a: 1'
# $dynamicRef (2020-12) and $recursiveRef (2019-09 on): their target, a Reference like $ref's
sch '{"$defs":{"x":{"type":"string"}},"properties":{"a":{"$dynamicRef":"#/$defs/x"}}}' 'a: 1'
sch '{"$defs":{"x":{"$dynamicAnchor":"foo","type":"string"}},"properties":{"a":{"$dynamicRef":"#foo"}}}' 'a: 1'
sch '{"$defs":{"x":{"items":{"type":"string"}}},"properties":{"a":{"$dynamicRef":"#/$defs/x"}}}' 'a: [1, 2]'
sch '{"$schema":"https://json-schema.org/draft/2019-09/schema","$recursiveAnchor":true,"type":"object","properties":{"a":{"$recursiveRef":"#"}}}' 'a: {a: 1}'
sch '{"$schema":"https://json-schema.org/draft/2019-09/schema","$defs":{"x":{"type":"string"}},"properties":{"a":{"$dynamicRef":"#/$defs/x"}}}' 'a: 1'
sch '{"properties":{"a":{"$dynamicRef":"#/$defs/nope"}}}' 'a: 1'
# arrays: 2020-12 prefixItems + items (v6 numbers the rest from 0), items lists + additionalItems before it
sch '{"properties":{"a":{"prefixItems":[{"type":"string"}]}}}' 'a: [1, 2]'
sch '{"properties":{"a":{"prefixItems":[{"type":"string"}],"items":{"type":"string"}}}}' 'a: [x, y, 3]'
sch "{$d7"'"properties":{"a":{"items":[{"type":"string"}],"additionalItems":{"type":"string"}}}}' 'a: [x, y, 3]'
sch "{$d7"'"properties":{"a":{"items":[{"type":"string"}],"additionalItems":false}}}' 'a: [x, y, 3]'
sch "{$d7"'"properties":{"a":{"items":{"type":"string"},"additionalItems":false}}}' 'a: [x, y]'
sch '{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"a":{"prefixItems":[{"type":"string"}]}}}' 'a: [1]'
# drafts before 2019-09: $ref replaces its siblings; no minContains, dependentRequired
sch "{$d7"'"definitions":{"i":{"type":"integer"}},"properties":{"a":{"$ref":"#/definitions/i","minimum":5}}}' 'a: 1'
sch "{$d7"'"properties":{"a":{"contains":{"type":"string"},"minContains":2,"dependentRequired":{"a":["b"]}}}}' 'a: [1, x]'
sch "{$d4"'"properties":{"a":{"const":1,"contains":{"type":"string"},"propertyNames":{"maxLength":0},"if":true,"then":false}}}' 'a: 2'
sch "{$d4"'"properties":{"a":{"contains":{"type":"string"}}}}' 'a: [2]'
sch "{$d4"'"properties":{"a":{"propertyNames":{"maxLength":0}}}}' 'a: {b: 1}'
sch '{"$schema":"http://json-schema.org/draft-06/schema#","properties":{"a":{"if":{"type":"integer"},"then":{"minimum":5}}}}' 'a: 2'
# unevaluatedProperties/Items (2019-09 on): what the schema and its in-place subschemas that passed evaluated
sch '{"properties":{"a":{"properties":{"b":{}},"unevaluatedProperties":false}}}' 'a: {b: 1, z: 2}'
sch '{"properties":{"a":{"prefixItems":[{}],"unevaluatedItems":false}}}' 'a: [1, 2]'
sch '{"properties":{"a":{"allOf":[{"properties":{"b":{"type":"string"}}}],"unevaluatedProperties":false}}}' 'a: {b: 1}'
sch '{"properties":{"a":{"anyOf":[{"properties":{"b":{"type":"string"}}},{"properties":{"c":{}}}],"unevaluatedProperties":false}}}' 'a: {b: 1, c: 2}'
sch '{"properties":{"a":{"if":{"properties":{"b":{"const":1}}},"then":{"properties":{"c":{}}},"else":{"properties":{"d":{}}},"unevaluatedProperties":false}}}' 'a: {b: 1, c: 2, d: 3}'
sch '{"properties":{"a":{"not":{"properties":{"z":{"type":"string"}}},"unevaluatedProperties":false}}}' 'a: {z: 1}'
sch '{"$defs":{"d":{"properties":{"b":{}}}},"properties":{"a":{"$ref":"#/$defs/d","unevaluatedProperties":{"type":"string"}}}}' 'a: {b: 1, z: 2}'
sch '{"properties":{"a":{"dependentSchemas":{"b":{"properties":{"c":{}}}},"unevaluatedProperties":false}}}' 'a: {b: 1, c: 2}'
sch '{"properties":{"a":{"contains":{"type":"string"},"unevaluatedItems":false}}}' 'a: [x, 1, z]'
sch '{"properties":{"a":{"allOf":[{"prefixItems":[{},{}]}],"unevaluatedItems":{"type":"string"}}}}' 'a: [1, 2, 3]'
sch '{"properties":{"a":{"allOf":[{"additionalProperties":true}],"unevaluatedProperties":false}}}' 'a: {b: 1}'
sch '{"properties":{"a":{"allOf":[true],"unevaluatedProperties":false}}}' 'a: {b: 1}'
sch '{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"a":{"allOf":[{"items":[{}]}],"unevaluatedItems":false}}}' 'a: [1, 2]'
sch "{$d7"'"properties":{"a":{"properties":{"b":{}},"unevaluatedProperties":false}}}' 'a: {b: 1, z: 2}'
sch '{"properties":{"a":{"$ref":"#/$defs/n"}},"$defs":{"n":{"properties":{"x":{"$ref":"#/$defs/n"}},"unevaluatedProperties":false}}}' 'a: {x: {x: {q: 1}}}'
# format: v4 asserts it for drafts 4-7 only (v6 format.go texts), v3 always (gojsonschema v1.2.0)
sch "{$d7"'"properties":{"a":{"format":"email"}}}' 'a: x'
sch '{"properties":{"a":{"format":"ipv4"}}}' 'a: 1.2.3'
sch '{"$schema":"http://json-schema.org/draft-04/schema","properties":{"a":{"format":"ipv4"}}}' 'a: 1.2.03.4'
sch '{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"a":{"format":"ipv4"}}}' 'a: x'
sch "{$d7"'"properties":{"a":{"format":"ipv6"}}}' 'a: "1::2::3"'
sch "{$d7"'"properties":{"a":{"format":"date-time"}}}' 'a: "2021-02-29T10:00:00Z"'
sch "{$d7"'"properties":{"a":{"format":"time"}}}' 'a: "12:00:60Z"'
sch "{$d7"'"properties":{"a":{"format":"uri"}}}' 'a: /relative'
sch "{$d7"'"properties":{"a":{"format":"uri-reference"}}}' 'a: "http://[::1/"'
sch "{$d7"'"properties":{"a":{"format":"uri-template"}}}' 'a: "http://x/{a{b}}"'
sch "{$d7"'"properties":{"a":{"format":"hostname"}}}' 'a: a_b.com'
sch "{$d7"'"properties":{"a":{"format":"email"}}}' 'a: Name <n@x.org>'
sch "{$d7"'"properties":{"a":{"format":"json-pointer"}}}' 'a: x\'
sch "{$d7"'"properties":{"a":{"format":"duration"}}}' 'a: P1H'
sch "{$d7"'"properties":{"a":{"format":"semver"}}}' 'a: 1.02.3'
sch "{$d7"'"properties":{"a":{"format":"regex"}}}' 'a: (x'
sch "{$d7"'"properties":{"a":{"format":"uuid"}}}' 'a: ABCDEF01-2345-6789-ABCD-EF0123456789'
sch "{$d7"'"properties":{"a":{"format":"date"}}}' 'a: 5'
sch "{$d7"'"properties":{"a":{"format":"email","minLength":5}}}' 'a: x'
sch "{$d7"'"properties":{"a":{"$ref":"#/definitions/s","minLength":5}},"definitions":{"s":{"type":"string"}}}' 'a: x'
sch '{"properties":{"a":{"enum":["x"],"const":"y"}}}' 'a: x'
sch '{"properties":{"a":{"format":5}}}' 'a: x'
# v3 keeps the errors of the failed subschema with the best gojsonschema score
sch '{"properties":{"k":{"oneOf":[{"propertyNames":{"pattern":"^[ac]"}},{"properties":{"a":{"oneOf":[{"propertyNames":{"pattern":"^[ac]"}},{"dependentRequired":{"a":["z"]}}]}}}]}}}' 'k: {a: [1], d: null}'
sch '{"anyOf":[{"required":["a","b"],"minProperties":9},{"required":["a","q"],"properties":{"a":{"type":"string"}}}]}' 'a: 1
b: 2'
# draft-07 has no dependentRequired (v6 ignores it)
sch "{$d7"'"dependentRequired":{"a":["z"]}}' 'a: 1'
# v3 reports each item equal to an earlier one (in item order), v4 the first pair
sch '{"properties":{"a":{"uniqueItems":true}}}' 'a: [1, 2, 1, 2, 1]'
sch "{$d7"'"properties":{"a":{"properties":{"b":{"format":null}}}}}' 'a: x'
# --output-dir with subcharts, CRDs and --release-name
mk od; mkdir -p od/charts/s/templates od/crds; printf 'apiVersion: v2\nname: s\nversion: 0.1.0\n' > od/charts/s/Chart.yaml
printf 'kind: S\n' > od/charts/s/templates/s.yaml; printf 'kind: R\n---\nkind: R2\n' > od/templates/r.yaml
printf 'kind: CustomResourceDefinition\n' > od/crds/c.yaml
cmp_dir od --include-crds; cmp_dir rel od --release-name

. "$top/tests/cli/loader.sh"

echo "tests/cli: $pass passed, $fail failed"
[ $fail = 0 ]
