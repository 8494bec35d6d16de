#!/bin/sh
# split.sh CASEFILE OUTDIR [FILTER] - turn each case of CASEFILE whose id
# contains FILTER into OUTDIR/<id>/ (chart/Chart.yaml, chart/templates/t.yaml,
# chart/values.yaml, flags). Case ids have "/" replaced by "__". A
# "--- files" section lists extra chart files, one path a line; each file
# holds its own path and a newline.
# The directories are made by one mkdir, not one per case (the suite splits
# every case file on each run).
set -eu
awk -v out="$2" -v f="${3:-}" '/^=== / { id = substr($0, 5); gsub(/\//, "__", id); sect = ""
    if (index(id, f)) print out "/" id "/chart/templates"; else id = ""; next }
/^--- / { sect = substr($0, 5); next }
sect == "files" && id != "" && /\// { d = $0; sub(/\/[^\/]*$/, "", d); print out "/" id "/chart/" d }
' "$1" | sort -u | xargs -r -d '\n' mkdir -p
awk -v out="$2" -v f="${3:-}" '
function flush() { if (id != "") { close(tf); close(vf); close(ff) } }
/^=== / {
    flush(); id = substr($0, 5); gsub(/\//, "__", id); d = out "/" id
    if (!index(id, f)) { id = ""; next }
    printf "apiVersion: v2\nname: c\nversion: 0.1.0\n" > (d "/chart/Chart.yaml"); close(d "/chart/Chart.yaml")
    tf = d "/chart/templates/t.yaml"; vf = d "/chart/values.yaml"; ff = d "/flags"
    printf "" > tf; printf "" > vf; printf "" > ff
    sect = ""; next
}
/^--- (values|flags|template|files)$/ && id != "" { sect = substr($0, 5); next }
id == "" { next }
sect == "values" { print > vf; next }
sect == "flags" { printf "%s ", $0 > ff; next }
sect == "template" { print > tf; next }
sect == "files" { p = d "/chart/" $0; print > p; close(p); next }
END { flush() }
' "$1"
