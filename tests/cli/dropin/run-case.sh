# tests/cli/dropin/run-case.sh - run_case ID [VAR=value ...] [CWD=dir]
# [PRE="args"] [TREE=chart] -- ARGS:
# runs `$tool ARGS` with the variables $tool_env (real Helm, or chartc as
# helm with CHARTC_HELM_COMPAT) in a fresh copy of
# charts/ under $w/w with a clean environment; leaves $w/o.out, $w/o.err
# (the work directory's path shown as @W@) and $rc; sets $id. PRE runs
# the tool with those (space-separated) arguments first; TREE appends to
# o.out what the command left in chart's charts/ and Chart.lock: every file,
# each archive's entries in order with their contents' checksums, the lock
# without its `generated:` time.
# Sourced by tests/cli/gen-dropin.sh and tests/cli/dropin.sh.
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
run_case() {
    id=$1; shift
    local envs=() cwd=. a pre= tree=
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        a=${1//@W@/$w/w}
        case $a in CWD=*) cwd=${a#CWD=} ;; PRE=*) pre=${a#PRE=} ;; TREE=*) tree=${a#TREE=} ;;
                   *) envs+=("$a") ;; esac
        shift
    done
    shift
    local args=()
    for a in "$@"; do args+=("${a//@W@/$w/w}"); done
    rm -rf "$w/w" "$w/home"; mkdir -p "$w/home"
    cp -r "$d/charts" "$w/w"; cp "$d/v.yaml" "$w/w/"
    ( cd "$w/w" && tar czf s1.tgz s1 )
    # shellcheck disable=SC2086
    [ -n "$pre" ] && ( cd "$w/w/$cwd" && env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C \
        "${tool_env[@]}" "$tool" $pre >/dev/null 2>&1 )
    ( cd "$w/w/$cwd" && env -i PATH=/usr/bin:/bin HOME="$w/home" TZ=UTC LANG=C "${tool_env[@]}" \
        "${envs[@]}" "$tool" "${args[@]}" >"$w/o.out" 2>"$w/o.err" ); rc=$?
    [ -n "$tree" ] && tree_dump "$w/w/$tree" >>"$w/o.out"
    sed -i "s#$w/w#@W@#g; s#$w/home#@H@#g" "$w/o.out" "$w/o.err"
}
tree_dump() {
    echo "== tree"
    ( cd "$1" && find charts -type f 2>/dev/null | LC_ALL=C sort ) | while read -r f; do
        echo "$f"
        case $f in *.tgz)
            tar tzf "$1/$f" 2>/dev/null | while read -r e; do
                echo "  $e $(tar xzOf "$1/$f" "$e" | md5sum | cut -c1-8)"; done ;;
        esac
    done
    [ -f "$1/Chart.lock" ] && grep -v '^generated: ' "$1/Chart.lock"
    return 0
}
