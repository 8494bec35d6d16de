#!/bin/sh
# run.sh [CHARTC] - reproducible renders (--seed, --now; man/chartc.1 REPRODUCIBLE
# RENDERS) on tests/det/chart, which calls every random and clock function:
#   * the same bytes twice, and from CHARTC_SEED/SOURCE_DATE_EPOCH as from the flags;
#   * the bytes pinned in expected/seeded-v4.out and seeded-v3.out (gen.sh);
#   * the values that tests/det/ref.py computes from the man page's text;
#   * two calls differ; editing one template leaves the other templates' bytes alone;
#   * Helm's shapes (expected/helm-v*.out, lines Helm leaves random masked as in
#     corpus-check); the clock values; certificates: chains verified by openssl,
#     validity from --now, key types and sizes, key pairs matching;
#   * validity periods whose day count overflows Go's Duration (issue 9, defect 11);
#   * without flags, random as in Helm; bad --now and SOURCE_DATE_EPOCH rejected;
#   * with CHARTC_CERTCHECK=1, tests/certs/certcheck.sh (certificate structure and
#     validity periods against real Helm) when Helm is installed.
# Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
chartc=${1:-${CHARTC:-$top/chartc}}
case "$chartc" in /*) ;; *) chartc=$top/$chartc ;; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL det: $*"; }
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@"; then ok; else bad "$d"; fi
}
SEED=det-seed NOW=2024-01-02T03:04:05.5Z
NOW_S=1704164645
render() { # render OUT [args...]: the test chart as release "det", TZ=UTC
    o=$1; shift
    (cd "$here" && env TZ=UTC LANG=C "$chartc" render det ./chart "$@" >"$o" 2>"$o.err")
}
val() { # val FILE KEY: the value of "  KEY: value" (quotes and comment removed)
    sed -n "s/^  $2: //p" "$1" | head -1 | sed -E 's/ +# [0-9]+$//; s/^"(.*)"$/\1/'
}
have_py=0; command -v python3 >/dev/null 2>&1 && have_py=1
ref() { python3 "$here/ref.py" "$SEED" det "$@"; }

for v in 4 3; do
    compat=""; [ $v = 3 ] && compat="--helm-compat 3"
    # shellcheck disable=SC2086
    render "$tmp/a$v" --seed "$SEED" --now "$NOW" --set keys=true $compat; rc=$?
    check "v$v seeded render exits 0 ($(head -3 "$tmp/a$v.err"))" [ $rc = 0 ]
    # shellcheck disable=SC2086
    render "$tmp/b$v" --seed "$SEED" --now "$NOW" --set keys=true $compat
    check "v$v two seeded runs differ" cmp -s "$tmp/a$v" "$tmp/b$v"
    # shellcheck disable=SC2086
    (cd "$here" && env TZ=UTC CHARTC_SEED="$SEED" SOURCE_DATE_EPOCH=$NOW_S "$chartc" render det ./chart $compat) >"$tmp/e$v" 2>/dev/null
    # shellcheck disable=SC2086
    render "$tmp/w$v" --seed "$SEED" --now 2024-01-02T03:04:05Z $compat
    check "v$v CHARTC_SEED/SOURCE_DATE_EPOCH differ from --seed/--now" cmp -s "$tmp/w$v" "$tmp/e$v"
    # shellcheck disable=SC2086
    (cd "$here" && env TZ=UTC CHARTC_SEED=ignored SOURCE_DATE_EPOCH=1 "$chartc" render det ./chart --seed "$SEED" --now "$NOW" $compat) >"$tmp/f$v" 2>/dev/null
    # shellcheck disable=SC2086
    render "$tmp/g$v" --seed "$SEED" --now "$NOW" $compat
    check "v$v the environment wins over flags" cmp -s "$tmp/g$v" "$tmp/f$v"
    check "v$v SOURCE_DATE_EPOCH now" [ "$(val "$tmp/e$v" now)" = "2024-01-02 03:04:05 +0000 UTC m=+0.000000000" ]
    if ! cmp -s "$tmp/a$v" "$here/expected/seeded-v$v.out"; then
        bad "v$v seeded output differs from expected/seeded-v$v.out (the stream changed?)"
        diff "$here/expected/seeded-v$v.out" "$tmp/a$v" | head -6 | cut -c1-160
    else ok; fi

    # Helm's shapes: same lines except where Helm itself is random (same indentation and
    # key), and in clock.yaml, whose day-stable lines no fixed clock can match
    if [ -f "$here/expected/helm-v$v.out" ]; then
        if awk -v vf="$here/expected/helm-v$v.volatile" '
            function shape(l) { match(l, /^[ \t]*(- )?([^ \t:]+:)?/); return substr(l, 1, RLENGTH) }
            BEGIN { while ((getline l < vf) > 0) vol[l] = 1 }
            FNR == NR && /^---$/ { clock = 0 }
            FNR == NR && /^# Source: det\/templates\/clock.yaml$/ { clock = 1 }
            FNR == NR { a[FNR] = $0; n = FNR; if (clock) vol[FNR] = 1; next }
            { m = FNR; if (a[FNR] != $0 && !(FNR in vol && shape(a[FNR]) == shape($0))) { print "line " FNR ": " substr($0, 1, 100); bad = 1 } }
            END { if (m != n) { print "line count " m " vs " n; bad = 1 }; exit bad }' "$here/expected/helm-v$v.out" "$tmp/a$v"
        then ok; else bad "v$v seeded output does not have Helm's shape"; fi
    fi
done
a=$tmp/a4

# ---- values against the specification (ref.py) --------------------------------
if [ $have_py = 1 ]; then
    selftest() { python3 "$here/ref.py" --selftest >/dev/null; }
    check "ref.py ChaCha20 test vectors" selftest
    t=det/templates/random.yaml
    while read -r key call fn args; do
        got=$(val "$a" "$key"); [ "$fn" = randAscii ] && got=$(printf '%s' "$got" | base64 -d)
        # shellcheck disable=SC2086
        want=$(ref $t "$call" "$fn" $args)
        check "$key (call $call): got [$got], the specification gives [$want]" [ "$got" = "$want" ]
    done <<EOF
alnum1 0 randAlphaNum 16
alnum2 1 randAlphaNum 16
alpha 2 randAlpha 12
numeric 3 randNumeric 10
ascii 4 randAscii 24
bytes 5 randBytes 33
int 6 randInt 10 100000
int2 7 randInt -5 5
uuid 8 uuidv4
shuffle 9 shuffle abcdefghijklmnop
helper1 10 randAlphaNum 20
helper2 11 randAlphaNum 20
tpl 12 randNumeric 6
EOF
    check "bcrypt salt" [ "$(val "$a" bcrypt | cut -c8-29)" = "$(ref $t 13 bcryptsalt)" ]
    check "htpasswd salt" [ "$(val "$a" htpasswd | cut -c13-34)" = "$(ref $t 14 bcryptsalt)" ]
    check "encryptAES IV" [ "$(val "$a" aes | base64 -d | head -c 16 | od -An -tx1 | tr -d ' \n')" = "$(ref $t 15 bytes 16)" ]
    check "other.yaml a" [ "$(val "$a" a)" = "$(ref det/templates/other.yaml 0 randAlphaNum 8)" ]
    check "other.yaml b" [ "$(val "$a" b)" = "$(ref det/templates/other.yaml 1 uuidv4)" ]
    # keys.yaml: call 1 ecdsa, call 2 ed25519; certs.yaml: call 0 genCA (RSA p, q, then the serial)
    ecd=$(val "$a" ecdsa | base64 -d | openssl pkey -noout -text 2>/dev/null | sed -n '/^priv:/,/^pub:/p' | sed '1d;$d' | tr -d ' :\n')
    check "ecdsa private scalar" [ "$(python3 -c "print('%064x' % int('0$ecd', 16))")" = "$(ref det/templates/keys.yaml 1 ecdsa)" ]
    edk=$(val "$a" ed25519 | base64 -d | openssl pkey -outform DER 2>/dev/null | tail -c 32 | od -An -tx1 | tr -d ' \n')
    check "ed25519 seed" [ "$edk" = "$(ref det/templates/keys.yaml 2 ed25519)" ]
    val "$a" cakey | base64 -d >"$tmp/cakey.pem"
    pq=$(openssl rsa -in "$tmp/cakey.pem" -noout -text 2>/dev/null | python3 -c '
import re, sys
t = sys.stdin.read()
g = lambda n: int(re.search(n + r":\s*\n((?:\s+[0-9a-f:]+\n)+)", t).group(1).translate({58: None, 32: None, 10: None}), 16)
print("%x %x" % (g("prime1"), g("prime2")))')
    check "genCA RSA primes" [ "$pq" = "$(ref det/templates/certs.yaml 0 rsa 2048)" ]
    val "$a" ca | base64 -d >"$tmp/ca.pem"
    check "genCA serial" [ "$(openssl x509 -in "$tmp/ca.pem" -noout -serial | cut -d= -f2)" = "$(ref det/templates/certs.yaml 0 serial 2048)" ]
fi

# ---- two calls differ; one template's edit leaves the others alone ---------------
check "two randAlphaNum calls differ" [ "$(val "$a" alnum1)" != "$(val "$a" alnum2)" ]
check "two include calls differ" [ "$(val "$a" helper1)" != "$(val "$a" helper2)" ]
check "two bcrypt salts differ" [ "$(val "$a" bcrypt | cut -c8-29)" != "$(val "$a" htpasswd | cut -c13-34)" ]
check "uuidv4 in two templates differ" [ "$(val "$a" uuid)" != "$(val "$a" b)" ]
cp -r "$here/chart" "$tmp/chart2"
printf '{{- $x := randAlphaNum 5 }}\n' | cat - "$here/chart/templates/other.yaml" >"$tmp/chart2/templates/other.yaml"
printf 'extra: {{ randAlpha 4 | quote }}\n' >"$tmp/chart2/templates/added.yaml"
(cd "$tmp" && env TZ=UTC "$chartc" render det ./chart2 --seed "$SEED" --now "$NOW" >"$tmp/c2" 2>/dev/null)
doc() { awk -v s="# Source: $2" '/^---$/{p=0} $0==s{p=1} p' "$1"; }
for f in random certs clock; do
    check "editing other.yaml and adding a template changed $f.yaml" \
        [ "$(doc "$a" "det/templates/$f.yaml")" = "$(doc "$tmp/c2" "det/templates/$f.yaml")" ]
done
check "the edited template's values changed" [ "$(val "$a" a)" != "$(val "$tmp/c2" a)" ]
render "$tmp/r2" --seed other-seed --now "$NOW"
check "another seed gives other values" [ "$(val "$a" alnum1)" != "$(val "$tmp/r2" alnum1)" ]
(cd "$here" && env TZ=UTC "$chartc" render rel2 ./chart --seed "$SEED" --now "$NOW" >"$tmp/r3" 2>/dev/null)
check "another release gives other values" [ "$(val "$a" alnum1)" != "$(val "$tmp/r3" alnum1)" ]
check "helpers draw from the calling file" [ "$(val "$a" helper1)" != "$(val "$tmp/r3" helper1)" ]

# ---- the clock ---------------------------------------------------------------------
check "now" [ "$(val "$a" now)" = "2024-01-02 03:04:05.5 +0000 UTC m=+0.000000000" ]
check "date of now" [ "$(val "$a" rfc3339)" = "2024-01-02T03:04:05.500000000Z" ]
check "unixEpoch now" [ "$(val "$a" unix)" = "$NOW_S" ]
check "htmlDate now" [ "$(val "$a" html)" = "2024-01-02" ]
check "dateInZone now" [ "$(val "$a" zone)" = "2024-01-02 12:04 JST" ]
check "date of a float (the current time)" [ "$(val "$a" float)" = "2024-01-02 03:04:05" ]
check "dateModify now" [ "$(val "$a" modify)" = "01:34" ]
check "ago 2020-01-01" [ "$(val "$a" ago)" = "35091h4m6s" ]
check "ago now" [ "$(val "$a" agonow)" = "0s" ]
(cd "$here" && env TZ=Asia/Tokyo "$chartc" render det ./chart --now "$NOW" -s templates/clock.yaml >"$tmp/tz" 2>/dev/null)
check "TZ is the local zone" [ "$(val "$tmp/tz" now)" = "2024-01-02 12:04:05.5 +0900 JST m=+0.000000000" ]
(cd "$here" && env -u TZ "$chartc" render det ./chart --now "$NOW" -s templates/clock.yaml >"$tmp/notz" 2>/dev/null)
check "an unset TZ is UTC under --now" [ "$(val "$tmp/notz" now)" = "2024-01-02 03:04:05.5 +0000 UTC m=+0.000000000" ]
(cd "$here" && env TZ=UTC "$chartc" render det ./chart --now 2024-01-02T05:04:05.5+02:00 -s templates/clock.yaml >"$tmp/off" 2>/dev/null)
check "--now with an offset" [ "$(val "$tmp/off" now)" = "2024-01-02 03:04:05.5 +0000 UTC m=+0.000000000" ]

# ---- certificates --------------------------------------------------------------
at=$((NOW_S + 60))
for k in ca ecca edca leaf ecleaf ecleaf2 edleaf self selfk leafkey; do val "$a" $k | base64 -d >"$tmp/$k.pem"; done
verify() { openssl verify "$@" >/dev/null 2>&1; }
check "RSA chain verifies" verify -attime $at -CAfile "$tmp/ca.pem" "$tmp/leaf.pem"
check "ECDSA chain verifies (seeded nonce)" verify -attime $at -CAfile "$tmp/ecca.pem" "$tmp/ecleaf.pem" "$tmp/ecleaf2.pem"
check "Ed25519 chain verifies" verify -attime $at -CAfile "$tmp/edca.pem" "$tmp/edleaf.pem"
check "self-signed verifies" verify -attime $at -CAfile "$tmp/self.pem" "$tmp/self.pem"
check "self-signed with ECDSA key verifies" verify -attime $at -CAfile "$tmp/selfk.pem" "$tmp/selfk.pem"
check "not valid before --now" sh -c "! openssl verify -attime $((NOW_S - 1)) -CAfile '$tmp/ca.pem' '$tmp/leaf.pem' >/dev/null 2>&1"
check "expired after the validity" sh -c "! openssl verify -attime $((NOW_S + 91 * 86400)) -CAfile '$tmp/ca.pem' '$tmp/leaf.pem' >/dev/null 2>&1"
dates() { openssl x509 -in "$1" -noout -startdate -enddate | cut -d= -f2 | while read -r d; do date -u -d "$d" +%s; done | tr '\n' ' '; }
check "genCA validity" [ "$(dates "$tmp/ca.pem")" = "$NOW_S $((NOW_S + 365 * 86400)) " ]
check "genSignedCert validity" [ "$(dates "$tmp/leaf.pem")" = "$NOW_S $((NOW_S + 90 * 86400)) " ]
bits() { openssl x509 -in "$1" -noout -text | grep -m1 -E 'Public-Key|ED25519' | sed 's/^ *//'; }
check "genCA key RSA 2048" [ "$(bits "$tmp/ca.pem")" = "Public-Key: (2048 bit)" ]
check "ECDSA CA key P-256" [ "$(bits "$tmp/ecca.pem")" = "Public-Key: (256 bit)" ]
check "leaf key matches its certificate" [ "$(openssl x509 -in "$tmp/leaf.pem" -noout -pubkey)" = "$(openssl pkey -in "$tmp/leafkey.pem" -pubout)" ]
check "CA key matches its certificate" [ "$(openssl x509 -in "$tmp/ca.pem" -noout -pubkey)" = "$(openssl pkey -in "$tmp/cakey.pem" -pubout)" ]
for k in rsa ecdsa ed25519 dsa; do val "$a" $k | base64 -d >"$tmp/k-$k.pem"; done
check "genPrivateKey rsa: RSA 4096, consistent" sh -c "openssl rsa -in '$tmp/k-rsa.pem' -check -noout >/dev/null 2>&1 && openssl pkey -in '$tmp/k-rsa.pem' -noout -text | grep -q 'Private-Key: (4096 bit, 2 primes)' && head -1 '$tmp/k-rsa.pem' | grep -q 'BEGIN RSA PRIVATE KEY'"
check "genPrivateKey ecdsa: P-256 SEC1" sh -c "openssl pkey -in '$tmp/k-ecdsa.pem' -check -noout >/dev/null 2>&1 && openssl pkey -in '$tmp/k-ecdsa.pem' -noout -text | grep -q 'NIST CURVE: P-256' && head -1 '$tmp/k-ecdsa.pem' | grep -q 'BEGIN EC PRIVATE KEY'"
check "genPrivateKey ed25519: PKCS#8" sh -c "openssl pkey -in '$tmp/k-ed25519.pem' -noout -text | grep -q ED25519 && head -1 '$tmp/k-ed25519.pem' | grep -q 'BEGIN PRIVATE KEY'"
check "genPrivateKey dsa: 2048/256, consistent" sh -c "openssl pkey -in '$tmp/k-dsa.pem' -noout -text | grep -q 'Private-Key: (2048 bit)' && openssl dsa -in '$tmp/k-dsa.pem' -noout -text 2>/dev/null | awk '/^Q:/{q=1;next} /^G:/{q=0} q' | tr -d ' :\n' | grep -qE '^(00)?[89a-f][0-9a-f]{63}$' && openssl pkey -in '$tmp/k-dsa.pem' -pubout >/dev/null 2>&1 && head -1 '$tmp/k-dsa.pem' | grep -q 'BEGIN DSA PRIVATE KEY'"

# ---- issue 9 defect 11: days past Go's Duration range ------------------------------
# Go: NotAfter = now + (86400e9 * days wrapped to int64) ns; whole seconds kept
for d in 3000000 106752 2932897 -800000 10000000000 3650000; do
    printf 'c: {{ (genCA "x" %s).Cert | b64enc }}\n' "$d" >"$tmp/chart2/templates/added.yaml"
    (cd "$tmp" && env TZ=UTC "$chartc" render det ./chart2 --now "$NOW" -s templates/added.yaml >"$tmp/far" 2>&1)
    sed -n 's/^c: //p' "$tmp/far" | base64 -d >"$tmp/far.pem" 2>/dev/null
    if [ $have_py = 1 ]; then
        want=$(python3 -c "
d = ($d * 86400 * 10**9) % 2**64
d = d - 2**64 if d >= 2**63 else d
print(($NOW_S * 10**9 + 500000000 + d) // 10**9)")
        check "genCA $d days: notAfter $want" [ "$(dates "$tmp/far.pem")" = "$NOW_S $want " ]
    else
        check "genCA $d days parses" openssl x509 -in "$tmp/far.pem" -noout
    fi
done
printf 'c: {{ (genCA "x" 365).Cert | b64enc }}\n' >"$tmp/chart2/templates/added.yaml"
(cd "$tmp" && "$chartc" render det ./chart2 --now 9999-12-01T00:00:00Z -s templates/added.yaml >/dev/null 2>"$tmp/err"); rc=$?
r=1; [ $rc = 1 ] && grep -q 'error calling genCA: error creating certificate: asn1: structure error: cannot represent time as GeneralizedTime' "$tmp/err" && r=0
check "a validity past year 9999 is Go's asn1 error" [ $r = 0 ]

# ---- without flags: random, as in Helm; bad flags ------------------------------
render "$tmp/u1"; render "$tmp/u2"
check "unseeded renders differ" [ "$(val "$tmp/u1" alnum1)" != "$(val "$tmp/u2" alnum1)" ]
check "unseeded uuids differ" [ "$(val "$tmp/u1" uuid)" != "$(val "$tmp/u2" uuid)" ]
check "unseeded now is the real clock" [ "$(val "$tmp/u1" unix)" -gt 1735689600 ]
render "$tmp/x" --now 2024-01-02; rc=$?
r=1; [ $rc = 1 ] && grep -q '^Error: invalid argument "2024-01-02" for "--now" flag: want an RFC 3339 time' "$tmp/x.err" && r=0
check "bad --now" [ $r = 0 ]
(cd "$here" && env SOURCE_DATE_EPOCH=soon "$chartc" render det ./chart >/dev/null 2>"$tmp/x.err"); rc=$?
r=1; [ $rc = 1 ] && grep -q '^Error: invalid SOURCE_DATE_EPOCH "soon"' "$tmp/x.err" && r=0
check "bad SOURCE_DATE_EPOCH" [ $r = 0 ]
check "empty output on error" [ ! -s "$tmp/x" ]

# ---- certificate structure against real Helm (about a CPU minute: CI sets it) ---------
helm=${CHARTC_HELM_DIR:-${HOME:-/tmp}/.cache/chartc-helm}
if [ -n "${CHARTC_CERTCHECK:-}" ] && [ -x "$helm/v4/helm" ] && [ -x "$helm/v3/helm" ]; then
    if sh "$top/tests/certs/certcheck.sh" "$chartc" >"$tmp/cc" 2>&1; then ok; else bad "certcheck.sh"; head -20 "$tmp/cc"; fi
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
