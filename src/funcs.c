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
#include "fn_all.def"
#undef FN

#define FN(name, fn, sig, doc, flags) {name, fn, sig, doc, flags},
static const FuncDef table[] = {
#include "fn_all.def"
    {NULL, NULL, NULL, NULL, 0},
};
#undef FN

#define NTABLE (sizeof table / sizeof table[0] - 1)

/* Each name's hash, computed by the compiler (NAME_HASH over the string
 * literal; name_hash is the same function at run time): building the
 * lookup table then reads neither a name nor its length, and it costs
 * about 2,000 instructions where hashing every name at start cost 30,000
 * (a tenth of a small render's template work). The hash is
 * n * HASH_LEN + the sum of byte i * HASH_MUL^i, mod 2^32, over at most
 * HASHED_MAX bytes (every name is shorter: asserted below). */
#define HASH_MUL 0x01000193u
#define HASH_LEN 0x9E3779B1u
#define HASHED_MAX 32
#define PW0 1u
#define PW1 (PW0 * HASH_MUL)
#define PW2 (PW1 * HASH_MUL)
#define PW3 (PW2 * HASH_MUL)
#define PW4 (PW3 * HASH_MUL)
#define PW5 (PW4 * HASH_MUL)
#define PW6 (PW5 * HASH_MUL)
#define PW7 (PW6 * HASH_MUL)
#define PW8 (PW7 * HASH_MUL)
#define PW9 (PW8 * HASH_MUL)
#define PW10 (PW9 * HASH_MUL)
#define PW11 (PW10 * HASH_MUL)
#define PW12 (PW11 * HASH_MUL)
#define PW13 (PW12 * HASH_MUL)
#define PW14 (PW13 * HASH_MUL)
#define PW15 (PW14 * HASH_MUL)
#define PW16 (PW15 * HASH_MUL)
#define PW17 (PW16 * HASH_MUL)
#define PW18 (PW17 * HASH_MUL)
#define PW19 (PW18 * HASH_MUL)
#define PW20 (PW19 * HASH_MUL)
#define PW21 (PW20 * HASH_MUL)
#define PW22 (PW21 * HASH_MUL)
#define PW23 (PW22 * HASH_MUL)
#define PW24 (PW23 * HASH_MUL)
#define PW25 (PW24 * HASH_MUL)
#define PW26 (PW25 * HASH_MUL)
#define PW27 (PW26 * HASH_MUL)
#define PW28 (PW27 * HASH_MUL)
#define PW29 (PW28 * HASH_MUL)
#define PW30 (PW29 * HASH_MUL)
#define PW31 (PW30 * HASH_MUL)
/* byte i of the literal s times HASH_MUL^i, 0 past its end */
#define HB(s, i) ((i) < sizeof(s) - 1 ? (uint32_t)(unsigned char)(s)[(i) < sizeof(s) - 1 ? (i) : 0] * PW##i : 0u)
#define NAME_HASH(s)                                                                                   \
    ((uint32_t)(sizeof(s) - 1) * HASH_LEN + HB(s, 0) + HB(s, 1) + HB(s, 2) + HB(s, 3) + HB(s, 4) +   \
     HB(s, 5) + HB(s, 6) + HB(s, 7) + HB(s, 8) + HB(s, 9) + HB(s, 10) + HB(s, 11) + HB(s, 12) +         \
     HB(s, 13) + HB(s, 14) + HB(s, 15) + HB(s, 16) + HB(s, 17) + HB(s, 18) + HB(s, 19) + HB(s, 20) +    \
     HB(s, 21) + HB(s, 22) + HB(s, 23) + HB(s, 24) + HB(s, 25) + HB(s, 26) + HB(s, 27) + HB(s, 28) +    \
     HB(s, 29) + HB(s, 30) + HB(s, 31))

#define FN(name, fn, sig, doc, flags) NAME_HASH(name),
static const uint32_t table_hash[] = {
#include "fn_all.def"
};
#undef FN
#define FN(name, fn, sig, doc, flags) _Static_assert(sizeof(name) - 1 < HASHED_MAX, "NAME_HASH: name too long: " name);
#include "fn_all.def"
#undef FN
_Static_assert(sizeof table_hash / sizeof table_hash[0] == NTABLE, "one hash a row");

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

/* NAME_HASH of name[0:n] (a name of HASHED_MAX bytes or more matches no row) */
static uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = (uint32_t)n * HASH_LEN, pw = 1;
    for (size_t i = 0; i < n && i < HASHED_MAX; i++, pw *= HASH_MUL) h += (unsigned char)s[i] * pw;
    return h;
}

/* where the walk for hash h starts: the mixed hash's top bits */
static uint32_t slot_home(uint32_t h)
{
    return ((h ^ (h >> 16)) * 0x85EBCA6Bu) >> 23;
}

/* the slot of name[0:n] with hash h: its own, or the empty one where it
 * would go; a name is compared only where the hashes are equal */
static Slot *slot_for(const char *name, size_t n, uint32_t h)
{
    for (uint32_t i = slot_home(h);; i = (i + 1) & (NSLOT - 1)) {
        Slot *sl = &lk.slot[i];
        if (!sl->v4) return sl;
        if (table_hash[sl->v4 - 1] != h) continue;
        const char *s = table[sl->v4 - 1].name;
        if (strncmp(s, name, n) == 0 && strnlen(s, n + 1) == n) return sl;
    }
}

static void build_slots(void)
{
    _Static_assert(NTABLE * 2 < NSLOT && NTABLE < UINT16_MAX, "NSLOT too small for the registry");
    _Static_assert(NSLOT == 1u << (32 - 23), "slot_for's index takes the mix's top bits");
    _Static_assert(sizeof lk <= 4096, "the lookup tables fit in one page");
    for (size_t i = 0; i < NTABLE; i++) {
        uint32_t h = table_hash[i];
        Slot *sl;
        for (uint32_t k = slot_home(h);; k = (k + 1) & (NSLOT - 1)) {   /* slot_for's walk, names known */
            sl = &lk.slot[k];
            if (!sl->v4 || (table_hash[sl->v4 - 1] == h && !strcmp(table[sl->v4 - 1].name, table[i].name))) break;
        }
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
    const Slot *sl = slot_for(name, n, name_hash(name, n));
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
