# tests/cli/dropin/cases.sh - the `helm` command lines of the drop-in tests,
# sourced by tests/cli/gen-dropin.sh (runs real Helm v4.1.4 and v3.17.3,
# writes golden/v4, golden/v3) and tests/cli/dropin.sh (runs chartc as
# `helm` and compares). Each line:
#   c  ID [VAR=value ...] [CWD=dir] -- ARGS   stdout, stderr and exit status
#   cs ID ... -- ARGS                         stdout and exit status only
#                                             (Helm's stderr has timestamps)
#   c4 ID ... -- ARGS                         as c for v4, cs for v3
# Every case runs in a fresh copy of charts/ (plus v.yaml and s1.tgz),
# with HOME and the working directory's path replaced by @W@ in the output.

# --- version, in every form tools parse ---
c version -- version
c version_short -- version --short
c version_c -- version -c
c version_client_short -- version --client --short
c version_tpl -- version --template '{{.Version}}'
c version_tpl_fields -- version --template '{{.GitCommit}} {{.GoVersion}} {{.GitTreeState}}'
c version_tpl_bad -- version --template '{{'
c version_tpl_dot -- version --template '{{.}}'
c version_tpl_nofield -- version --template 'a{{.Nope}}'
c version_tpl_kube -- version --template '{{.KubeClientVersion}}'
c version_tpl_printf -- version --template '{{printf "%v|%s" .Version .GitCommit}}'
c version_arg -- version extra
c version_debug -- --debug version --short
c version_short_false -- version --short=false

# --- global flags before and after the command, HELM_* variables ---
c globals_before -- --kube-context X --kubeconfig /nonexist --kube-apiserver http://x --kube-token t --kube-as-user u --kube-as-group g --kube-ca-file /no --kube-tls-server-name s --kube-insecure-skip-tls-verify --registry-config /no --repository-config /no --repository-cache /no --burst-limit 5 --qps 3 -n zz template c
c globals_after -- template c --kube-context X --kubeconfig /nonexist --kube-apiserver http://x --kube-token t --kube-as-user u --kube-as-group g --kube-ca-file /no --kube-tls-server-name s --kube-insecure-skip-tls-verify --registry-config /no --repository-config /no --repository-cache /no --burst-limit 5 --qps 3 --namespace zz
c globals_eq -- --kube-context=X -nzz template rel c
c content_cache -- --content-cache /x template c
c color -- template c --color never
c burst_bad -- template c --burst-limit abc
c qps_bad -- --qps abc template c
c ns_env HELM_NAMESPACE=envns -- template c
c ns_env_flag HELM_NAMESPACE=envns -- template c -n flagns
c unknown_flag_before -- --bogus template c
c unknown_flag_eq -- --bogus=1 template c
c ns_needs_arg -- -n
c debug_env_yaml HELM_DEBUG=false -- template e

# --- unknown commands, help ---
c unknown_cmd -- bogus
c unknown_typo -- templte
c unknown_s -- s

# --- show ---
c show_chart_s1 -- show chart s1
c show_chart_s2 -- show chart s2
c show_chart_s3 -- show chart s3
c show_values_s1 -- show values s1
c show_values_s2 -- show values s2
c show_values_s3 -- show values s3
c show_readme_s1 -- show readme s1
c show_readme_s2 -- show readme s2
c show_readme_s3 -- show readme s3
c show_crds_s1 -- show crds s1
c show_crds_s3 -- show crds s3
c show_all_s1 -- show all s1
c show_all_s2 -- show all s2
c show_all_s3 -- show all s3
c show_tgz -- show all s1.tgz
c show_inspect -- inspect values s1
c show_noarg -- show chart
c show_twoargs -- show chart s1 s2
c show_missing -- show values ./nonexist
c show_flags_before -- -n x show --kube-context=y chart s2
c show_version_flag -- show chart s2 --version 1.0.0
c show_verify_dir -- show chart s2 --verify
c show_values_jsonpath_chart -- show chart s2 --jsonpath '{.a}'
c show_jp_scalars -- show values jp --jsonpath 'f={.f} b={.b} z={.z} s={.s} n={.false}'
c show_jp_composite -- show values jp --jsonpath '{.m}|{.l}|{.m.x[1]}|{.m.*}'
c show_jp_index -- show values jp --jsonpath '{.l[*]}|{.l[-1]}|{.m.x[0]}'
c show_jp_out_of_range -- show values jp --jsonpath 'a{.l[9]}b'
c show_jp_missing -- show values jp --jsonpath 'x{.l[0]}{.nope.deeper}y'
c show_jp_root -- show values jp --jsonpath '{}'
c show_jp_unclosed -- show values jp --jsonpath '{.f'
c show_jp_plain -- show values jp --jsonpath plain

# --- template --debug: the invalid YAML before the error; v4's debug log ---
c4 debug_yaml_log -- template e --debug
c4 debug_log_ok -- template rel ./c --debug
c4 debug_log_deps -- template d --debug
c4 debug_log_missing -- template ./nonexist --debug
cs debug_yaml -- template e --debug
cs debug_yaml_env HELM_DEBUG=1 -- template e
cs debug_yaml_show -- template e --debug -s templates/t.yaml
cs debug_yaml_show_missing -- template e --debug -s templates/nope.yaml
cs debug_ok -- template c --debug -n d

# --- the command lines tools run -------------------------------------------
# kustomize helmCharts (api/internal/builtins/HelmChartInflationGenerator.go)
c kustomize_version HELM_CONFIG_HOME=@W@/kh HELM_CACHE_HOME=@W@/kh/.cache HELM_DATA_HOME=@W@/kh/.data -- version -c --short
c kustomize_template HELM_CONFIG_HOME=@W@/kh HELM_CACHE_HOME=@W@/kh/.cache HELM_DATA_HOME=@W@/kh/.data -- template myrel --namespace kns @W@/c --values @W@/v.yaml --include-crds --no-hooks
# helm-diff (cmd/helm3.go: compatibleHelm3Version, template)
c helmdiff_version -- version
c helmdiff_template -- template myrel c --namespace dns --values v.yaml --set v=set --is-upgrade --disable-openapi-validation
c helmdiff_template2 -- template myrel c --devel --no-hooks --namespace dns --set-string v=str --values v.yaml
# helmfile (pkg/helmexec/exec.go: GetHelmVersion, exec's --kubeconfig/--kube-context prefix)
c helmfile_version -- version --client --short
c helmfile_template -- --kubeconfig /nonexist --kube-context ctx template myrel c --namespace hns --values v.yaml --skip-tests --include-crds
c helmfile_show -- --kubeconfig /nonexist --kube-context ctx show chart s1
# Argo CD repo server (util/helm/cmd.go: template, show values, show chart)
c argocd_template CWD=c -- template . --name-template myapp --namespace ans --kube-version 1.29 --set v=argo --values ../v.yaml --api-versions batch/v1 --api-versions apps/v1/Deployment --include-crds --skip-tests
c argocd_template_schema CWD=c -- template . --name-template myapp --namespace ans --kube-version v1.30.2 --include-crds --skip-schema-validation
c argocd_show_values -- show values ./s1
c argocd_show_chart CWD=s1 -- show chart .
# helm-chartsnap (pkg/charts/helm.go: HELM_DEBUG=false, template RELEASE CHART --namespace=NS --values=FILE ARGS)
c chartsnap_template HELM_DEBUG=false -- template chartsnap c --namespace=snapns --values=v.yaml
c chartsnap_template_args HELM_DEBUG=false -- template chartsnap c --namespace=snapns --values=v.yaml --skip-tests --set v=x

# --- dependency list|build|update (file:// and charts/ only) ---
c dep_list_d -- dependency list d
c dep_list_statuses -- dependency list dl
c dep_list_nodeps -- dependency list s2
c dep_list_default CWD=d -- dependency list
c dep_list_two -- dependency list d s2
c dep_list_width -- dependency list d --max-col-width 6
c dep_update_d TREE=d -- dependency update d
c dep_up_alias TREE=d -- dep up d
c dep_build_nolock TREE=d -- dependency build d
c dep_build_locked PRE="dependency update d" TREE=d -- dependency build d
c dep_update_again PRE="dependency update d" TREE=d -- dependency update d
c dep_build_outofsync TREE=dlock -- dependency build dlock
c dep_update_badver TREE=dbad -- dependency update dbad
c dep_update_badconst -- dependency update dconst
c dep_update_missingdir -- dependency update dmiss
c dep_update_tgz -- dependency update s1.tgz
c dep_update_nonexist -- dependency build nonexist
c dep_update_nodeps TREE=s2 -- dependency update s2
c dep_template_update TREE=d -- template d --dependency-update
c dep_template_present PRE="dependency build d" -- template rel d --dependency-update
c dep_template_missing -- template d
# helmfile (BuildDeps, UpdateDeps), Argo CD (dependencyBuild in the chart directory)
c helmfile_dep_build TREE=d -- --kubeconfig /nonexist --kube-context ctx dependency build d --skip-refresh
c helmfile_dep_update TREE=d -- --kubeconfig /nonexist --kube-context ctx dependency update d
c argocd_dep_build CWD=d TREE=. -- dependency build
# a library chart dependency (packaged with all its templates), then rendered
c dep_update_library TREE=dlib -- dependency update dlib
c dep_template_library -- template dlib --dependency-update
