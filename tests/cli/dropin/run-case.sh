# tests/cli/dropin/run-case.sh - run_case ID [VAR=value ...] [CWD=dir] -- ARGS:
# runs `$tool ARGS` with the variables $tool_env (real Helm, or chartc as
# helm with CHARTC_HELM_COMPAT) in a fresh copy of
# charts/ under $w/w with a clean environment; leaves $w/o.out, $w/o.err
# (the work directory's path shown as @W@) and $rc; sets $id.
# Sourced by tests/cli/gen-dropin.sh and tests/cli/dropin.sh.
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
run_case() {
    id=$1; shift
    local envs=() cwd=. a
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        a=${1//@W@/$w/w}
        case $a in CWD=*) cwd=${a#CWD=} ;; *) envs+=("$a") ;; esac
        shift
    done
    shift
    local args=()
    for a in "$@"; do args+=("${a//@W@/$w/w}"); done
    rm -rf "$w/w" "$w/home"; mkdir -p "$w/home"
    cp -r "$d/charts" "$w/w"; cp "$d/v.yaml" "$w/w/"
    ( cd "$w/w" && tar czf s1.tgz s1 )
    ( cd "$w/w/$cwd" && env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "${tool_env[@]}" \
        "${envs[@]}" "$tool" "${args[@]}" >"$w/o.out" 2>"$w/o.err" ); rc=$?
    sed -i "s#$w/w#@W@#g; s#$w/home#@H@#g" "$w/o.out" "$w/o.err"
}
