/*
 * fuzz_glob.c - the three glob matchers a chart's files meet: Go's
 * path/filepath.Match (go_path_match: --show-only and .helmignore lines),
 * the .helmignore rule set (ignore_parse, ignore_match; Helm's
 * pkg/ignore/rules.go) and .Files.Glob (gobwas/glob through the executor).
 *
 * Input: PATTERN NUL NAME NUL NAME ... (at most 16 names). The pattern is
 * matched against every name by each matcher; it is also read as a whole
 * .helmignore file (its lines are rules). Every matcher must be linear in
 * pattern x name: a slow input is a finding (libFuzzer -timeout).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/chart_priv.h"
#include "../../src/ignore_priv.h"
#include "chartc/render.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX 65536
#define FZ_NAMES 16

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    size_t n;
    char *s = fz_text(data, size, &n);
    char *f[FZ_NAMES + 1];
    int k = fz_fields(s, n, f, FZ_NAMES + 1);
    const char *pat = f[0];

    IgnoreRules *rules = NULL;
    if (ignore_parse(pat, strlen(pat), &rules)) rules = NULL;
    CFile files[FZ_NAMES];
    for (int i = 1; i < k; i++) {
        (void)go_path_match(pat, f[i]);
        if (rules) {
            (void)ignore_match(rules, f[i], 0);
            (void)ignore_match(rules, f[i], 1);
        }
        files[i - 1] = (CFile){f[i], "x", 1};
    }

    Value vals = v_newmap(1);
    map_setc(vals.u.m, "p", v_cstr(pat));
    Value root = v_newmap(2);
    map_setc(root.u.m, "Values", vals);
    map_setc(root.u.m, "Files", files_new(files, k - 1));
    fz_run("{{ range $k, $v := .Files.Glob .Values.p }}{{ $k }}\n{{ end }}"
           "{{ .Files.Glob .Values.p | len }}", root);
    free(s);
    cc_arena_free_all();
    return 0;
}
