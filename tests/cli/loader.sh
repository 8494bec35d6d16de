# tests/cli/loader.sh - chart loading and values limits (sourced by
# tests/cli/run.sh, which provides cmp_case, mk, $chartc, $w and the
# pass/fail counters). Big charts are generated here, never committed.

# ok NAME CMD...: a plain check of ours (no Helm comparison)
ok() {
    n=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $n"; fi
}
# render_under_cap KB CHART: chartc renders CHART under ulimit -v KB
render_under_cap() {
    ( ulimit -v "$1"; "$chartc" render "$2" >cap.out 2>cap.err ) || { head -3 cap.err; return 1; }
}

# --- memory linear in the number of chart files (issue 9 defect 1) ---
# 100,000 files in a .tgz: Helm v4 peaks at about 174 MB; chartc must stay
# under 300 MB of address space (it used to abort at 8 GB).
mk many; mkdir -p many/files
printf 'kind: ConfigMap\nn: {{ len .Files }}\n' > many/templates/cm.yaml
( cd many/files && seq 1 100000 | sed 's/^/f/' | xargs touch )
tar czf many.tgz many
ok "100k-file archive under 300 MB" render_under_cap 300000 many.tgz
ok "100k-file archive renders every file" grep -q '^n: 100000$' cap.out
rm -rf many many.tgz
# 10,000 templates in a directory (was 1.23 GB)
mk tens; ( cd tens/templates && seq 1 10000 | while read -r i; do printf 'kind: ConfigMap\nmetadata:\n  name: c%s\n' "$i" > "t$i.yaml"; done )
ok "10k-template directory under 300 MB" render_under_cap 300000 tens
ok "10k-template directory renders every template" [ "$(grep -c '^kind: ConfigMap' cap.out)" = 10000 ]
rm -rf tens

# --- archives whose gzip header is invalid: Helm v4 names the archive's
# absolute path, so these are compared here rather than as goldens ---
for a in gz-flags-bad-hcrc gz-name-512; do
    cp "$top/testdata/charts/arc-$a.tgz" "arc-$a.tgz"; cmp_case "arc-$a.tgz"
done
