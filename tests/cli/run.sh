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

echo "tests/cli: $pass passed, $fail failed"
[ $fail = 0 ]
