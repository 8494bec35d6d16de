/*
 * funcs.c - the one function registry table, built from the rows of every
 * src/fn_<family>.def (X-macro FN(name, cfunc, sig, doc, flags)).
 * Mirrors helm v4.1.4 pkg/engine/funcs.go funcMap() over sprig's
 * TxtFuncMap() plus text/template's builtins (go src/text/template/funcs.go).
 */
#include "chartc/func.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* name -> row: an open-addressing hash table built on first use, holding
 * for each name the row Helm v4 sees and the row v3 sees (a later row of
 * the same name, Helm's override of sprig, wins; a v4-only row is
 * invisible in v3). The parser looks up every identifier it meets, and a
 * chart calls the same few functions over and over: in front of the table
 * a small cache keeps the row last found for a name's first and last byte
 * and length. Table and cache are one page of memory to fault in (a slot
 * holds row numbers + 1, 0: none). */
typedef struct Slot { uint16_t v4, v3; } Slot;
typedef struct Cached { const FuncDef *fn; uint32_t n; int major; } Cached;
#define NSLOT 512    /* a power of two, over twice NTABLE */
#define NCACHE 127
static struct {
    Slot slot[NSLOT];
    Cached cache[NCACHE];
    int built;
} lk __attribute__((aligned(4096)));

static uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* the slot of name[0:n]: its own, or the empty one where it would go */
static Slot *slot_for(const char *name, size_t n)
{
    for (uint32_t i = name_hash(name, n) & (NSLOT - 1);; i = (i + 1) & (NSLOT - 1)) {
        Slot *sl = &lk.slot[i];
        if (!sl->v4) return sl;
        const char *s = table[sl->v4 - 1].name;
        if (strncmp(s, name, n) == 0 && strnlen(s, n + 1) == n) return sl;
    }
}

static void build_slots(void)
{
    _Static_assert(NTABLE * 2 < NSLOT && NTABLE < UINT16_MAX, "NSLOT too small for the registry");
    _Static_assert(sizeof lk <= 4096, "the lookup tables fit in one page");
    for (size_t i = 0; i < NTABLE; i++) {
        Slot *sl = slot_for(table[i].name, strlen(table[i].name));
        sl->v4 = (uint16_t)(i + 1);
        if (!(table[i].flags & FNF_V4)) sl->v3 = (uint16_t)(i + 1);
    }
    lk.built = 1;
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
    Cached *c = NULL;
    if (n) {
        c = &lk.cache[((unsigned char)name[0] * 31u + (unsigned char)name[n - 1] * 7u + (unsigned)n) % NCACHE];
        if (c->fn && c->n == n && c->major == cc_helm_major && memcmp(c->fn->name, name, n) == 0) return c->fn;
    }
    if (!lk.built) build_slots();
    const Slot *sl = slot_for(name, n);
    unsigned row = cc_helm_major < 4 ? sl->v3 : sl->v4;
    if (!row) return NULL;
    if (c) *c = (Cached){&table[row - 1], (uint32_t)n, cc_helm_major};
    return &table[row - 1];
}

/* outside a template's execution: the message and exit status 1 */
static void default_hook(Exec *x, const char *msg)
{
    (void)x;
    fprintf(stderr, "Error: %s\n", msg);
    _exit(1);
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
