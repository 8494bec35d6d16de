#!/bin/sh
# split.sh CASEFILE OUTDIR - turn each case of CASEFILE into OUTDIR/<id>/
# (chart/Chart.yaml, chart/templates/t.yaml, chart/values.yaml, flags).
# Case ids have "/" replaced by "__".
set -eu
awk -v out="$2" '
function flush() { if (id != "") { close(tf); close(vf); close(ff) } }
/^=== / {
    flush(); id = substr($0, 5); gsub(/\//, "__", id); d = out "/" id
    system("mkdir -p \"" d "/chart/templates\"")
    printf "apiVersion: v2\nname: c\nversion: 0.1.0\n" > (d "/chart/Chart.yaml"); close(d "/chart/Chart.yaml")
    tf = d "/chart/templates/t.yaml"; vf = d "/chart/values.yaml"; ff = d "/flags"
    printf "" > tf; printf "" > vf; printf "" > ff
    sect = ""; next
}
/^--- (values|flags|template)$/ && id != "" { sect = substr($0, 5); next }
id == "" { next }
sect == "values" { print > vf; next }
sect == "flags" { printf "%s ", $0 > ff; next }
sect == "template" { print > tf; next }
END { flush() }
' "$1"
