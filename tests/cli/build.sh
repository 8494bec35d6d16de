#!/bin/bash
# tests/cli/build.sh - chartc builds and installs like a good Unix tool (issue 12):
#  - the user's CFLAGS/CPPFLAGS/LDFLAGS add to the required flags (make -n);
#  - no pkg-config noise, no json-c anywhere (Makefile, objects, README, .ci/run);
#  - make install / install-helm-link / uninstall with DESTDIR and PREFIX;
#  - bash and zsh completion load, and name every long flag of src/cli.c;
#  - man/chartc.1 names every long flag, subcommand and environment variable;
#  - chartc --version: one version, the git commit from a checkout, none without git;
#  - the default link is not a PIE and fully static, or, linked with a shared libc
#    (LINK=static), chartc does not load libm (start-up cost, issue 10);
#  - make static: a binary with no dynamic dependencies that runs in an empty root,
#    linked without warnings (glibc's NSS and dlopen kept out: src/static_link.c).
# Usage: CHARTC=./chartc bash tests/cli/build.sh   (ends "N passed, N failed")
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
chartc=$(cd "$top" && realpath "${CHARTC:-./chartc}")
build=${BUILD:-build}
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
cd "$top"
unset MAKEFLAGS MFLAGS   # a plain make, also under `make test`
mk() { make --no-print-directory BUILD="$build" "$@"; }
target=chartc; [ "$build" = build ] || target=$build/chartc   # the Makefile's BIN

# --- flags ---------------------------------------------------------------------
pkgcf=$(pkg-config --cflags yaml-0.1 libpcre2-8 libcrypto nettle zlib gmp)
line=$(mk -n -B CFLAGS=-O0 "$build/out.o" 2>"$w/err" | grep ' -c ')
check "CFLAGS=-O0 keeps -Iinclude: $line" grep -q -- '-Iinclude .*-O0' <<<"$line"
check "CFLAGS=-O0 keeps pkg-config flags" grep -qF -- "${pkgcf:--std=gnu11}" <<<"$line"
line=$(mk -n -B CFLAGS+=-DCC_X CPPFLAGS=-DCC_Y "$build/out.o" 2>>"$w/err" | grep ' -c ')
check "CFLAGS+= and CPPFLAGS: $line" grep -q -- '-Iinclude .*-DCC_Y.*-DCC_X' <<<"$line"
line=$(mk -n -B LDFLAGS=-Wl,-O1 LDLIBS=-lrt "$target" 2>>"$w/err" | grep " -o $target ")
check "LDFLAGS/LDLIBS added to the libraries" grep -q -- '-Wl,-O1 .*-lyaml.*-lrt' <<<"$line"
mk -n -B LINK=dynamic "$target" >/dev/null 2>>"$w/err"
check "no make/pkg-config messages: $(head -3 "$w/err")" test ! -s "$w/err"

# --- json-c: not linked, not installed, explained -------------------------------
check "a link line" eval 'mk -n -B "$target" 2>/dev/null | grep -q " -o $target .*-lyaml"'
check "json-c in a link line" eval '! mk -n -B "$target" 2>/dev/null | grep -q json-c'
check "json-c symbols used by an object" eval '! nm -u "$build"/*.o 2>/dev/null | grep -qE " (json_object|json_tokener)_"'
check "json-c in .ci/run or the README's apt line" eval '! grep -q libjson-c-dev .ci/run README.md'
check "README says why json-c is not linked" grep -q 'json-c.*does not link it\|does not link it.*json-c' README.md
check "README's set-up line runs apt-get update" grep -q '^    apt-get update && apt-get install' README.md
for p in $(grep -o 'lib[a-z0-9-]*-dev\|nettle-dev' README.md | sort -u); do
    check ".ci/run installs $p like the README" grep -q -- "$p" .ci/run
done

# --- install / uninstall ----------------------------------------------------------
bin=$(realpath --relative-to="$top" "$chartc")
d=$w/root
mk -s -o "$bin" BIN="$bin" install-helm-link DESTDIR="$d" PREFIX=/usr >"$w/inst" 2>&1 || bad "make install: $(cat "$w/inst")"
for f in usr/bin/chartc usr/share/man/man1/chartc.1 usr/share/man/man7/chartc-functions.7 \
         usr/share/bash-completion/completions/chartc usr/share/zsh/site-functions/_chartc; do
    check "installed $f" test -s "$d/$f"
done
check "installed binary runs" eval '"$d/usr/bin/chartc" --version | grep -q "^chartc "'
check "helm link" test "$(readlink "$d/usr/bin/helm")" = chartc
mk -s uninstall DESTDIR="$d" PREFIX=/usr >"$w/inst" 2>&1 || bad "make uninstall: $(cat "$w/inst")"
check "uninstall left $(find "$d" -type f -o -type l)" test -z "$(find "$d" -type f -o -type l)"
# a helm that is not ours stays
mkdir -p "$d/usr/bin"; echo '#!/bin/sh' >"$d/usr/bin/helm"
mk -s uninstall DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
check "uninstall removed a helm that is not a link to chartc" test -f "$d/usr/bin/helm"

# --- completion ------------------------------------------------------------------
check "bash completion loads" eval 'bash -c "source completion/chartc.bash; complete -p chartc" 2>&1 | grep -q "complete -F _chartc chartc"'
out=$(bash -c 'source completion/chartc.bash; COMP_WORDS=(chartc render --inc); COMP_CWORD=2; _chartc; echo "${COMPREPLY[@]}"')
check "bash completes --inc to --include-crds ($out)" test "$out" = --include-crds
out=$(bash -c 'source completion/chartc.bash; COMP_WORDS=(chartc sn); COMP_CWORD=1; _chartc; echo "${COMPREPLY[@]}"')
check "bash completes sn to snapshot ($out)" test "$out" = snapshot
if command -v zsh >/dev/null 2>&1; then
    check "zsh completion parses" zsh -n completion/_chartc
    out=$(zsh -f -c 'fpath=(completion $fpath); autoload -Uz compinit; compinit -u -D; echo ${_comps[chartc]}' 2>&1)
    check "zsh compinit registers _chartc ($out)" test "$out" = _chartc
else
    echo "SKIP zsh completion: no zsh"
fi
flags=$(sed -n '/static const FlagDef cli_flags/,/^};/p' src/cli.c | grep -o '{"[a-z-]*"' | tr -d '{"')
check "flag table found" test "$(echo "$flags" | wc -w)" -gt 40
man=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' man/chartc.1)
for f in $flags; do
    grep -q -- "--$f\b" completion/chartc.bash && ok || bad "bash completion lacks --$f"
    grep -q -- "--$f\b" completion/_chartc && ok || bad "zsh completion lacks --$f"
    grep -q -- "--$f\b" <<<"$man" && ok || bad "man page lacks --$f"
done
for f in $(grep -o '{"[a-zA-Z-]*", ' src/cmd_unittest.c | tr -d '{", '); do
    grep -q -- "--$f\b" completion/chartc.bash && ok || bad "bash completion lacks unittest --$f"
    grep -q -- "--$f\b" <<<"$man" && ok || bad "man page lacks unittest --$f"
done
for c in render template snapshot unittest functions version help; do
    grep -q "^\.B.* $c\b\|^\.B $c\b\|^\.BR $c\b" man/chartc.1 && ok || bad "man page lacks the $c command"
done
for v in CHARTC_HELM_COMPAT CHARTC_SEED SOURCE_DATE_EPOCH HELM_NAMESPACE NO_COLOR TZ; do
    grep -q "^\.B $v$" man/chartc.1 && ok || bad "man page ENVIRONMENT lacks $v"
done
for sec in "EXIT STATUS" ENVIRONMENT "NOT SUPPORTED" OUTPUT COMMANDS; do
    grep -q "^\.SH $sec$" man/chartc.1 && ok || bad "man page lacks section $sec"
done
if command -v man >/dev/null 2>&1; then
    warn=$(MANWIDTH=80 man -l man/chartc.1 2>&1 >/dev/null)
    check "man page formats without warnings: $warn" test -z "$warn"
fi

# --- version ---------------------------------------------------------------------
v=$(sed -n 's/^CHARTC_VERSION *= *//p' Makefile)
check "one version string ($v) in the sources" test "$(grep -rl "\"$v\"" src include | wc -l)" = 0
got=$("$chartc" --version)
if git -C "$top" rev-parse --short HEAD >/dev/null 2>&1 && [ "$(git -C "$top" rev-parse --show-toplevel)" = "$top" ]; then
    check "--version from git: $got" eval '[[ "$got" =~ ^chartc\ $v\ \([0-9a-f]{7,}\)\ \(emulating\ helm\ v4\.1\.4\)$ ]]'
fi
mkdir "$w/tar"
make --no-print-directory -f "$top/Makefile" -C "$w/tar" BUILD=build build/version.h >/dev/null 2>&1
check "version.h without git: $(cat "$w/tar/build/version.h" 2>/dev/null)" \
    grep -q "^#define CHARTC_VERSION \"$v\"$" "$w/tar/build/version.h"

# --- start-up cost: no PIE relocations, no libm ------------------------------------
if ldd "$chartc" 2>/dev/null | grep -q 'libasan\|libubsan'; then
    echo "SKIP start-up link checks: sanitizer build"
else
    hdr=$(readelf -hd "$chartc" 2>&1)
    check "the default link is position-dependent (Makefile PIE)" eval 'mk -n -B "$target" 2>/dev/null | grep -q " -no-pie .* -o $target "'
    check "the default link is fully static (Makefile LINK)" eval 'mk -n -B "$target" 2>/dev/null | grep -q " -o $target .* -static "'
    # libm is loaded only for a function libc lacks, and only floor, ceil or
    # trunc, which GCC expands inline when it optimises (not at -O0)
    libc=$(ldd "$chartc" 2>/dev/null | awk '/libc\.so/ {print $3}')
    if [ -n "$libc" ]; then   # linked with a shared libc (LINK=static or dynamic)
        libm_fns=$(comm -23 <(nm -D --undefined-only "$chartc" | awk '$1 == "U" {sub(/@.*/, "", $2); print $2}' | sort -u) \
                            <(nm -D --defined-only "$libc" | awk '{sub(/@.*/, "", $3); print $3}' | sort -u) |
                   grep -vxE 'floor|ceil|trunc' | tr '\n' ' ') || libm_fns=
        check "chartc needs no libm function but floor/ceil/trunc (src/gostd.c): $libm_fns" test -z "$libm_fns"
        if ! nm -D --undefined-only "$chartc" | grep -qwE 'floor|ceil|trunc'; then
            check "chartc does not load libm" eval '! grep -q "NEEDED.*libm\." <<<"$hdr"'
        fi
    fi
fi

# --- a fully static binary --------------------------------------------------------
if ldd "$chartc" 2>/dev/null | grep -q 'libasan\|libubsan'; then
    echo "SKIP make static: sanitizer build"
else
    mk -s -o "$bin" BIN="$bin" static >"$w/st" 2>&1 || bad "make static: $(head -3 "$w/st")"
    check "make static links without warnings: $(head -3 "$w/st")" eval '! grep -qi "warning" "$w/st"'
    check "chartc-static has no dynamic dependencies" eval 'ldd chartc-static 2>&1 | grep -q "not a dynamic executable"'
    mkdir -p "$w/empty/c/templates"; cp chartc-static "$w/empty/chartc"
    printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$w/empty/c/Chart.yaml"
    printf 'kind: A\nn: {{ .Release.Name | sha256sum | trunc 8 }}\n' >"$w/empty/c/templates/a.yaml"
    if chroot "$w/empty" /chartc --version >/dev/null 2>&1; then
        out=$(chroot "$w/empty" /chartc render r /c 2>&1)
        check "static binary renders in an empty root: $out" grep -q '^n: ' <<<"$out"
    else
        echo "SKIP static binary in an empty root: chroot not permitted"
    fi
fi
echo "tests/cli/build.sh: $pass passed, $fail failed"
