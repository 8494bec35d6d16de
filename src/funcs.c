/*
 * funcs.c - the one function registry table, built from the rows of every
 * src/fn_<family>.def (X-macro FN(name, cfunc, sig, doc, flags)).
 * Mirrors helm v4.1.4 pkg/engine/funcs.go funcMap() over sprig's
 * TxtFuncMap() plus text/template's builtins (go src/text/template/funcs.go).
 */
#include "chartc/func.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FN(name, fn, sig, doc, flags) Value fn(Exec *x, int argc, Value *argv);
#include "fn_builtin.def"
#include "fn_helm.def"
#include "fn_strings.def"
#include "fn_lists.def"
#include "fn_dicts.def"
#include "fn_flow.def"
#include "fn_conv.def"
#include "fn_math.def"
#include "fn_regex.def"
#include "fn_semver.def"
#include "fn_crypto.def"
#include "fn_encoding.def"
#include "fn_dates.def"
#include "fn_paths.def"
#include "fn_random.def"
#include "fn_yaml.def"
#include "fn_json.def"
#undef FN

#define FN(name, fn, sig, doc, flags) {name, fn, sig, doc, flags},
static const FuncDef table[] = {
#include "fn_builtin.def"
#include "fn_helm.def"
#include "fn_strings.def"
#include "fn_lists.def"
#include "fn_dicts.def"
#include "fn_flow.def"
#include "fn_conv.def"
#include "fn_math.def"
#include "fn_regex.def"
#include "fn_semver.def"
#include "fn_crypto.def"
#include "fn_encoding.def"
#include "fn_dates.def"
#include "fn_paths.def"
#include "fn_random.def"
#include "fn_yaml.def"
#include "fn_json.def"
    {NULL, NULL, NULL, NULL, 0},
};
#undef FN

#define NTABLE (sizeof table / sizeof table[0] - 1)
static const FuncDef *sorted[NTABLE + 1];
static size_t nsorted;

static int by_name(const void *a, const void *b)
{
    const FuncDef *x = *(const FuncDef *const *)a, *y = *(const FuncDef *const *)b;
    return strcmp(x->name, y->name);
}

const FuncDef *func_table(void) { return table; }

const char *func_sig_type(char c)
{
    switch (c) {
#define X(letter, name) case letter: return name;
    CC_SIG_TYPES(X)
#undef X
    }
    return "interface {}";
}

const FuncDef *func_lookup(const char *name, size_t n)
{
    if (!nsorted) {
        for (size_t i = 0; i < NTABLE; i++) sorted[nsorted++] = &table[i];
        qsort(sorted, nsorted, sizeof sorted[0], by_name);
    }
    size_t lo = 0, hi = nsorted;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *s = sorted[mid]->name;
        int c = strncmp(s, name, n);
        if (c == 0 && s[n]) c = 1;
        if (c < 0) lo = mid + 1;
        else if (c > 0) hi = mid;
        else {
            /* a v4-only row is invisible in v3; a later row of the same
             * name (Helm's override of sprig) wins: scan the equal run */
            const FuncDef *best = NULL;
            size_t s0 = mid;
            while (s0 > 0 && strcmp(sorted[s0 - 1]->name, sorted[mid]->name) == 0) s0--;
            for (size_t k = s0; k < nsorted && strcmp(sorted[k]->name, sorted[mid]->name) == 0; k++) {
                if ((sorted[k]->flags & FNF_V4) && cc_helm_major < 4) continue;
                if (!best || sorted[k] > best) best = sorted[k];
            }
            return best;
        }
    }
    return NULL;
}

static void default_hook(Exec *x, const char *msg)
{
    (void)x;
    fprintf(stderr, "chartc: %s\n", msg);
    abort();
}

FnErrorHook fn_error_hook = default_hook;

_Noreturn void fn_error(Exec *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = cc_vprintf(fmt, ap);
    va_end(ap);
    fn_error_hook(x, msg);
    abort();   /* hooks never return */
}
