/*
 * fuzz_yamlfast.c - the fast YAML reader (src/yaml_fast.c) against libyaml:
 * whenever the fast reader takes a text, yaml_load must give what the
 * libyaml path gives (same values in the same key order, same Go types,
 * same error); a difference aborts; and yaml_load_keys (keys mode) at a
 * few keys, for every text, against the libyaml path. Seeds:
 * tests/fuzz/seeds/fuzz_yaml.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/yaml_priv.h"
#include "chartc/codec.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX (64 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    return 0;
}

static int fz_same(Value a, Value b)
{
    if (a.t != b.t || a.g != b.g) return 0;
    switch (a.t) {
    case VT_NIL: return 1;
    case VT_BOOL: return a.u.b == b.u.b;
    case VT_INT: return a.u.i == b.u.i;
    case VT_FLOAT: return a.u.f == b.u.f || (a.u.f != a.u.f && b.u.f != b.u.f);
    case VT_STR: return a.n == b.n && memcmp(a.u.s, b.u.s, a.n) == 0;
    case VT_LIST:
        if (!a.u.l || !b.u.l) return a.u.l == b.u.l;
        if (a.u.l->len != b.u.l->len) return 0;
        for (uint32_t i = 0; i < a.u.l->len; i++)
            if (!fz_same(a.u.l->v[i], b.u.l->v[i])) return 0;
        return 1;
    case VT_MAP: {
        if (!a.u.m || !b.u.m) return a.u.m == b.u.m;
        if (a.u.m->len != b.u.m->len) return 0;
        if (!a.u.m->len) return 1;   /* an empty map may have no entry array */
        MapEnt *x = a.u.m->e, *xe = x + a.u.m->n, *y = b.u.m->e, *ye = y + b.u.m->n;
        for (;;) {
            while (x < xe && !x->k) x++;
            while (y < ye && !y->k) y++;
            if (x == xe || y == ye) return x == xe && y == ye;
            if (x->klen != y->klen || memcmp(x->k, y->k, x->klen) || !fz_same(x->v, y->v)) return 0;
            x++; y++;
        }
    }
    default: return 0;
    }
}

/* yaml_load_keys (the fast reader's keys mode) against the whole text
 * through libyaml: the same error, and where both give a mapping the
 * same values at the keys (the rest may be left out). */
static void fz_keys(const char *s, size_t n, const char *const *keys, int nkeys)
{
    Value a, b;
    const char *ea = yaml_load_keys(s, n, keys, nkeys, &a), *eb = yaml_load_with(s, n, &b, 0);
    int same = (ea == NULL) == (eb == NULL);
    if (same && ea) same = strcmp(ea, eb) == 0;
    else if (same && (a.t != VT_MAP || b.t != VT_MAP)) same = fz_same(a, b);
    else if (same) {
        for (int i = 0; i < nkeys; i++) {
            /* "key/sub": the value at key, or where both are mappings at sub */
            const char *sl = strchr(keys[i], '/');
            size_t kn = sl ? (size_t)(sl - keys[i]) : strlen(keys[i]);
            Value *x = map_get(a.u.m, keys[i], kn), *y = map_get(b.u.m, keys[i], kn);
            if ((x == NULL) != (y == NULL)) same = 0;
            else if (x && sl && x->t == VT_MAP && y->t == VT_MAP) {
                x = map_getc(x->u.m, sl + 1);
                y = map_getc(y->u.m, sl + 1);
                if ((x == NULL) != (y == NULL) || (x && !fz_same(*x, *y))) same = 0;
            } else if (x && !fz_same(*x, *y)) same = 0;
        }
    }
    if (!same) {
        fprintf(stdout, "keys mode differs from libyaml (keys: %s, libyaml: %s)\n", ea ? ea : "ok", eb ? eb : "ok");
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    size_t n;
    char *s = fz_text(data, size, &n);
    YNode *root;
    if (yaml_fast_read(s, n, &root, NULL)) {
        Value a, b;
        const char *ea = yaml_load_with(s, n, &a, 1), *eb = yaml_load_with(s, n, &b, 0);
        if ((ea == NULL) != (eb == NULL) || (ea ? strcmp(ea, eb) != 0 : !fz_same(a, b))) {
            fprintf(stdout, "fast reader differs from libyaml (fast: %s, libyaml: %s)\n", ea ? ea : "ok",
                    eb ? eb : "ok");
            abort();
        }
    }
    static const char *const head[] = {"apiVersion", "kind", "metadata/name", "metadata/annotations"};
    fz_keys(s, n, head, 4);
    static const char *const some[] = {"a/b", "a/c", "k", "q"};
    fz_keys(s, n, some, 4);
    static const char *const whole[] = {"a/b", "a", "metadata"};
    fz_keys(s, n, whole, 3);
    free(s);
    cc_arena_free_all();
    return 0;
}
