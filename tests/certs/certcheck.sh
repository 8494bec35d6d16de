#!/bin/sh
# certcheck.sh [CHARTC] - compare the certificates of genCA, genSelfSignedCert,
# genSignedCert (and their WithKey forms) made by real Helm v4.1.4 / v3.17.3
# and by chartc (default and --helm-compat 3): structure, string types,
# extensions (order, criticality, contents), key sizes, signature algorithm,
# validity period, and how the key identifiers are derived. Random parts
# (serial, key, signature, times) are masked. Prints diffs; exit 1 on any.
set -u
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
chartc=${1:-$top/chartc}
case "$chartc" in /*) ;; *) chartc=$(pwd)/$chartc ;; esac
helm=${CHARTC_HELM_DIR:-${HOME:-/tmp}/.cache/chartc-helm}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/c/templates" "$tmp/home"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$tmp/c/Chart.yaml"
cp "$here/certs.yaml" "$tmp/c/templates/t.yaml"
(cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC "$helm/v4/helm" template c ./c >o.h4 &&
    env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC "$helm/v3/helm" template c ./c >o.h3 &&
    TZ=UTC "$chartc" render c ./c >o.c4 && TZ=UTC "$chartc" render c ./c --helm-compat 3 >o.c3) || exit 2
# norm FILE: one normalized description per "name: base64(cert)" line
norm() {
    grep -E '^[a-z0-9]+: ' "$1" | while read -r k v; do
        echo "== $k"
        printf '%s' "$v" | base64 -d >"$tmp/x.pem"
        openssl asn1parse -i -in "$tmp/x.pem" | sed -E 's/^ *[0-9]+:d=/d=/; s/hl=[0-9]+ l= *[0-9]+ //' |
            grep -v -e 'BIT STRING' -e 'INTEGER *:[0-9A-F]\{16,\}' -e 'TIME' | sed -E 's/\[HEX DUMP\]:0414[0-9A-F]{40}$/KEYID/; s/\[HEX DUMP\]:30168014[0-9A-F]{40}$/AKEYID/'
        openssl x509 -in "$tmp/x.pem" -noout -text -certopt no_serial,no_validity,no_sigdump,no_pubkey |
            grep -E 'Public-Key|Signature Algorithm|critical|Key Usage|Constraints|Alternative|DNS|IP Address|Digital|TLS|CA:TRUE|CA:FALSE'
        nb=$(date -d "$(openssl x509 -in "$tmp/x.pem" -noout -startdate | cut -d= -f2)" +%s)
        na=$(date -d "$(openssl x509 -in "$tmp/x.pem" -noout -enddate | cut -d= -f2)" +%s)
        echo "validity $((na - nb))s"
        openssl x509 -in "$tmp/x.pem" -noout -pubkey >"$tmp/pub.pem"
        openssl pkey -pubin -in "$tmp/pub.pem" -noout -text | head -1
        ski=$(openssl x509 -in "$tmp/x.pem" -noout -ext subjectKeyIdentifier 2>/dev/null | tail -1 | tr -d ' :' | tr A-F a-f)
        if [ -n "$ski" ]; then
            # hash the subjectPublicKey BIT STRING contents (after the unused-bits byte)
            off=$(openssl asn1parse -in "$tmp/pub.pem" | grep 'BIT STRING' | tail -1 | cut -d: -f1 | tr -d ' ')
            hdr=$(openssl asn1parse -in "$tmp/pub.pem" | grep 'BIT STRING' | tail -1 | sed -E 's/.*hl= *([0-9]+).*/\1/')
            openssl pkey -pubin -in "$tmp/pub.pem" -outform DER 2>/dev/null | tail -c +$((off + hdr + 2)) >"$tmp/bits"
            s1=$(openssl dgst -sha1 -r "$tmp/bits" | cut -c1-40); s2=$(openssl dgst -sha256 -r "$tmp/bits" | cut -c1-40)
            if [ "$ski" = "$s1" ]; then echo "SKI sha1"; elif [ "$ski" = "$s2" ]; then echo "SKI sha256/20"; else echo "SKI other"; fi
        fi
    done
}
rc=0
for p in "h4 c4" "h3 c3"; do
    set -- $p
    norm "$tmp/o.$1" >"$tmp/n.$1"; norm "$tmp/o.$2" >"$tmp/n.$2"
    if diff "$tmp/n.$1" "$tmp/n.$2"; then echo "certcheck $1 vs $2: same ($(grep -c '^==' "$tmp/n.$1") certificates)"; else rc=1; fi
done
[ -n "${CERTCHECK_KEEP:-}" ] && cp "$tmp"/n.* "$tmp"/o.* "$CERTCHECK_KEEP"/
exit $rc
