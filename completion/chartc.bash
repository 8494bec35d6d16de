# bash completion for chartc (installed as share/bash-completion/completions/chartc)
# Subcommands, their flags, and file names where a flag takes a path.
# tests/cli/build.sh checks that every long flag of src/cli.c's table is here.

_chartc_render_flags="--api-versions --values --set --set-string --set-json --set-file
 --set-literal --show-only --namespace --kube-version --output-dir --name-template --dry-run
 --generate-name --include-crds --skip-crds --skip-tests --no-hooks --is-upgrade --release-name
 --skip-schema-validation --validate --enable-dns --debug --help --helm-compat --explain --seed
 --now --create-namespace --devel --disable-openapi-validation --force-conflicts --force-replace
 --hide-notes --render-subchart-notes --replace --rollback-on-failure --atomic --server-side
 --take-ownership --wait-for-jobs --description --labels --timeout --wait --post-renderer-args
 --burst-limit --color --colour --content-cache --kube-apiserver --kube-as-group --kube-as-user
 --kube-ca-file --kube-context --kube-insecure-skip-tls-verify --kube-tls-server-name
 --kube-token --kubeconfig --qps --registry-config --repository-cache --repository-config
 --keyring --repo --version --username --password --ca-file --cert-file --key-file
 --post-renderer --dependency-update --insecure-skip-tls-verify --pass-credentials --plain-http
 --verify"
_chartc_snapshot_flags="--values --update --snapshot-dir --mask --context --explain --color
 --seed --now --help"
_chartc_lint_flags="--strict --with-subcharts --quiet --skip-schema-validation --kube-version
 --values --set --set-string --set-json --set-file --set-literal --namespace --help --debug
 --helm-compat"
_chartc_unittest_flags="--color --strict --file --values --update-snapshot --with-subchart
 --output-file --output-type --chart-tests-path --failfast --debugPlugin
 --skip-schema-validation --jobs --help --seed --now --helm-compat"

_chartc()
{
    local cur prev cmd i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac
    done
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version --helm-compat" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "render template snapshot unittest functions version help helm lint" -- "$cur"))
        fi
        return 0
    fi
    case $prev in
        -f|--values|--set-file|--output-dir|--snapshot-dir|--mask|-o|--output-file|--file|-v|--ca-file|--cert-file|--key-file|--kubeconfig)
            COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return 0 ;;
        --helm-compat) COMPREPLY=($(compgen -W "3 4" -- "$cur")); return 0 ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return 0 ;;
        -t|--output-type) COMPREPLY=($(compgen -W "JUnit" -- "$cur")); return 0 ;;
    esac
    local flags
    case $cmd in
        render|template) flags=$_chartc_render_flags ;;
        snapshot) flags="$_chartc_snapshot_flags $_chartc_render_flags" ;;
        unittest) flags=$_chartc_unittest_flags ;;
        lint) flags=$_chartc_lint_flags ;;
        functions) flags="--man" ;;
        help) COMPREPLY=($(compgen -W "render template snapshot unittest functions" -- "$cur")); return 0 ;;
        *) flags= ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null
    fi
    return 0
}
complete -F _chartc chartc
