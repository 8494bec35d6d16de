/*
 * fn_dicts.c - Sprig dict functions: dict get set unset hasKey pluck keys
 * pick omit merge mergeOverwrite mustMerge mustMergeOverwrite values
 * deepCopy mustDeepCopy dig.
 * Mirrors sprig v3.3.0 dict.go and, for merge, dario.cat/mergo v1.0.1
 * merge.go deepMerge on map[string]interface{} values. Go's map order is
 * random; keys and values here use byte-sorted key order (one of the
 * orders Helm can produce).
 */
#include "fn_int.h"

#include <string.h>

static Map *map_of(Value v) { return v.t == VT_MAP ? v.u.m : NULL; }

Value fn_dict(Exec *x, int argc, Value *argv)
{
    Map *m = map_new((size_t)(argc / 2 + 1));
    for (int i = 0; i < argc; i += 2) {
        Value k = fn_str(argv[i]);
        map_set(m, k.u.s, k.n, i + 1 < argc ? argv[i + 1] : v_cstr(""));
    }
    return v_map(m);
}

Value fn_get(Exec *x, int argc, Value *argv)
{
    Value *p = map_get(map_of(argv[0]), argv[1].u.s, argv[1].n);
    return p ? *p : v_cstr("");
}

Value fn_set(Exec *x, int argc, Value *argv)
{
    Map *m = map_of(argv[0]);
    if (!m) fn_error(x, "assignment to entry in nil map");
    map_set(m, argv[1].u.s, argv[1].n, argv[2]);
    return argv[0];
}

Value fn_unset(Exec *x, int argc, Value *argv)
{
    Map *m = map_of(argv[0]);
    if (m) map_del(m, argv[1].u.s, argv[1].n);
    return argv[0];
}

Value fn_haskey(Exec *x, int argc, Value *argv)
{
    return v_bool(map_get(map_of(argv[0]), argv[1].u.s, argv[1].n) != NULL);
}

Value fn_pluck(Exec *x, int argc, Value *argv)
{
    List *l = list_new((size_t)argc);
    for (int i = 1; i < argc; i++) {
        Value *p = map_get(map_of(argv[i]), argv[0].u.s, argv[0].n);
        if (p) list_push(l, *p);
    }
    return v_list(l);
}

Value fn_keys(Exec *x, int argc, Value *argv)
{
    List *l = list_new(8);
    for (int i = 0; i < argc; i++) {
        Map *m = map_of(argv[i]);
        if (!m || !m->len) continue;
        MapEnt **e = map_sorted(m, 0);
        for (uint32_t k = 0; k < m->len; k++) list_push(l, v_str(e[k]->k, e[k]->klen));
    }
    Value r = v_list(l);
    r.g = GT_STRSLICE;
    return r;
}

Value fn_values(Exec *x, int argc, Value *argv)
{
    Map *m = map_of(argv[0]);
    List *l = list_new(m ? m->len : 0);
    if (m && m->len) {
        MapEnt **e = map_sorted(m, 0);
        for (uint32_t k = 0; k < m->len; k++) list_push(l, e[k]->v);
    }
    return v_list(l);
}

Value fn_pick(Exec *x, int argc, Value *argv)
{
    Map *src = map_of(argv[0]), *m = map_new((size_t)argc);
    for (int i = 1; i < argc; i++) {
        Value *p = map_get(src, argv[i].u.s, argv[i].n);
        if (p) map_set(m, argv[i].u.s, argv[i].n, *p);
    }
    return v_map(m);
}

Value fn_omit(Exec *x, int argc, Value *argv)
{
    Map *src = map_of(argv[0]), *m = map_new(src ? src->len : 0);
    MAP_EACH(src, e) {
        int drop = 0;
        for (int i = 1; i < argc && !drop; i++)
            drop = argv[i].n == e->klen && memcmp(argv[i].u.s, e->k, e->klen) == 0;
        if (!drop) map_set(m, e->k, e->klen, e->v);
    }
    return v_map(m);
}

/* mergo deepMerge of map[string]interface{} src into dst (see the banner):
 * a dst key takes the src value when missing or empty (or always, with
 * overwrite); nested maps merge recursively in place; lists are never
 * merged; a nil src value only counts with overwrite. Like mergo, the
 * keys of src are taken before anything is written (src and dst may be
 * the same map, or share maps) and each value is read when its turn
 * comes. A (dst, src) pair met again on the path never ends in Go (its
 * stack overflows): that is an error here. */
/* A map[string]string in dst (a split result kept in a dict) merged with
 * a map[string]interface{}: wherever mergo would SetMapIndex one of its
 * values (a nil one with overwrite; any other with overwrite or where dst
 * lacks the key or holds ""), reflect panics, the value's static type
 * being interface {}. A list from src panics before that: mergo asks
 * whether the dst element is a nil slice (IsNil of a string), or, where
 * dst lacks the key, stores a new slice of the list's type. */
static void merge_into_strmap(Value dst, Map *src, int overwrite)
{
    MAP_EACH(src, e) {
        Value *dp = dst.u.m ? map_get(dst.u.m, e->k, e->klen) : NULL;
        if (fn_is_slice(e->v)) {
            if (dp) fn_error(NULL, "reflect: call of reflect.Value.IsNil on string Value");
            fn_error(NULL, "reflect.Value.SetMapIndex: value of type %s is not assignable to type string",
                     v_gotype(e->v));
        }
        if (e->v.t == VT_NIL ? overwrite : (overwrite || !dp || v_empty(*dp)))
            fn_error(NULL, "reflect.Value.SetMapIndex: value of type interface {} is not assignable to type string");
    }
}

static void merge_map(VWalk *w, Map *dst, Map *src, int overwrite)
{
    int rc = vw_enter_pair(w, dst, src);
    if (rc) fn_error(NULL, "%s", vw_message(rc, v_map(src)));
    uint32_t nk = src->len, k = 0;
    MapEnt *keys = nk ? cc_alloc(nk * sizeof *keys) : NULL;
    MAP_EACH(src, e) keys[k++] = *e;
    for (k = 0; k < nk; k++) {
        const MapEnt *se = &keys[k];
        Value *sp = map_get(src, se->k, se->klen);
        if (!sp) continue;   /* deleted by an earlier step */
        Value sv = *sp;
        Value *dp = map_get(dst, se->k, se->klen);
        int had = dp != NULL;
        Value dv = had ? *dp : v_nil();
        if (sv.t == VT_NIL) {
            if (overwrite) map_set(dst, se->k, se->klen, sv);
            continue;
        }
        if (sv.t == VT_MAP) {
            if (had && dv.t == VT_MAP && dv.g == GT_STRMAP && sv.g != GT_STRMAP && sv.u.m)
                merge_into_strmap(dv, sv.u.m, overwrite);
            if (had && dv.t == VT_MAP && dv.u.m && sv.u.m) merge_map(w, dv.u.m, sv.u.m, overwrite);
        } else if (fn_is_slice(sv)) {
            Value ds = (!had || dv.t == VT_NIL) ? v_newlist(0) : dv;
            if (overwrite || dst->len == 0) ds = sv;
            map_set(dst, se->k, se->klen, ds);
        }
        if (had && !v_empty(dv)) {
            if (fn_is_slice(sv)) continue;
            if (sv.t == VT_MAP && dv.t == VT_MAP) continue;
        }
        if (overwrite || !had || v_empty(dv)) map_set(dst, se->k, se->klen, sv);
    }
    vw_leave_pair(w, dst, src);
}

static Value merge_all(int argc, Value *argv, int overwrite)
{
    Value dst = argv[0];
    for (int i = 1; i < argc; i++) {
        Map *s = map_of(argv[i]);
        if (!s) continue;
        if (!map_of(dst)) dst = v_newmap(s->len);
        VWalk w = {0};
        merge_map(&w, dst.u.m, s, overwrite);
    }
    if (dst.t != VT_MAP) dst = v_newmap(0);
    return dst;
}

Value fn_merge(Exec *x, int argc, Value *argv) { return merge_all(argc, argv, 0); }
Value fn_mergeoverwrite(Exec *x, int argc, Value *argv) { return merge_all(argc, argv, 1); }

/* copystructure.Copy; a nil argument panics inside reflect */
Value fn_deepcopy(Exec *x, int argc, Value *argv)
{
    if (argv[0].t == VT_NIL) fn_error(x, "reflect: call of reflect.Value.Type on zero Value");
    return v_deep_copy(argv[0]);
}

static const char *must_be(Exec *x, Value v, int want_map)
{
    const char *t = v_gotype(v);
    if (want_map ? !(v.t == VT_MAP && v.g == GT_DEFAULT) : !v_is_str(v))
        fn_error(x, "interface conversion: interface {} is %s, not %s", v.t == VT_NIL ? "nil" : t,
                 want_map ? "map[string]interface {}" : "string");
    return t;
}

/* dig K1 K2 ... DEFAULT DICT: walk nested maps, DEFAULT when a key is missing */
Value fn_dig(Exec *x, int argc, Value *argv)
{
    if (argc < 3) fn_error(x, "dig needs at least three arguments");
    Value d = argv[argc - 1], def = argv[argc - 2];
    must_be(x, d, 1);
    int nk = argc - 2;
    for (int i = 0; i < nk; i++) must_be(x, argv[i], 0);
    for (int i = 0; i < nk; i++) {
        Value *p = map_get(d.u.m, argv[i].u.s, argv[i].n);
        if (!p) return def;
        if (i == nk - 1) return *p;
        must_be(x, *p, 1);
        d = *p;
    }
    return def;
}
