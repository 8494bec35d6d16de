/*
 * fuzz_regex.c - sprig's regex functions (fn_regex.c: Go RE2 syntax and
 * semantics) through the executor, as a template calls them.
 *
 * Input: PATTERN NUL SUBJECT [NUL REPLACEMENT]. Each function runs in its
 * own template so that an invalid pattern (a template error, as in Helm)
 * does not hide the others. Matching must stay linear in pattern x
 * subject and must never give up silently (libFuzzer -timeout and the
 * sanitizers are the oracles).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX 65536

static const char *const fz_calls[] = {
    "{{ regexMatch .Values.p .Values.s }}",
    "{{ regexFind .Values.p .Values.s }}",
    "{{ regexFindAll .Values.p .Values.s -1 | toJson }}",
    "{{ regexFindAll .Values.p .Values.s 3 | toJson }}",
    "{{ regexReplaceAll .Values.p .Values.s .Values.r }}",
    "{{ regexReplaceAllLiteral .Values.p .Values.s .Values.r }}",
    "{{ regexSplit .Values.p .Values.s -1 | toJson }}",
    "{{ regexSplit .Values.p .Values.s 2 | toJson }}",
    "{{ mustRegexMatch .Values.p .Values.s }}",
    "{{ regexQuoteMeta .Values.s }}",
    NULL,
};

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
    char *f[3] = {0};
    int k = fz_fields(s, n, f, 3);
    Value vals = v_newmap(3);
    map_setc(vals.u.m, "p", v_cstr(f[0]));
    map_setc(vals.u.m, "s", v_cstr(k > 1 ? f[1] : ""));
    map_setc(vals.u.m, "r", v_cstr(k > 2 ? f[2] : "<$1${name}$0>"));
    Value root = v_newmap(1);
    map_setc(root.u.m, "Values", vals);
    for (int i = 0; fz_calls[i]; i++) fz_run(fz_calls[i], root);
    free(s);
    cc_arena_free_all();
    return 0;
}
