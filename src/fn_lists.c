/*
 * fn_lists.c - Sprig list functions: list tuple append push prepend first
 * last rest initial reverse uniq without has compact slice concat chunk
 * sortAlpha and their must* twins.
 * Mirrors sprig v3.3.0 list.go. Every function accepts any slice
 * (reflect Kind Slice/Array: []interface{}, []string, []byte); the non-must
 * variants panic with the must variant's error, which text/template
 * reports with the same text, so both share one C function.
 */
#include "fn_int.h"
#include "chartc/gostd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* the slice argument, or the sprig error "<prefix> <kind>" */
static Value need_slice(Exec *x, Value v, const char *what)
{
    const char *k = fn_kind_for_error(x, v);
    if (!fn_is_slice(v)) fn_error(x, "%s %s", what, k);
    return v;
}

/* copy of elements [a, b) of a slice as a fresh []interface{} */
static List *copy_range(Value v, uint32_t a, uint32_t b)
{
    List *l = list_new(b > a ? b - a + 1 : 1);
    for (uint32_t i = a; i < b; i++) list_push(l, fn_slice_at(v, i));
    return l;
}

Value fn_list(Exec *x, int argc, Value *argv)
{
    List *l = list_new((size_t)argc);
    for (int i = 0; i < argc; i++) list_push(l, argv[i]);
    return v_list(l);
}

Value fn_push(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot push on type");
    List *l = copy_range(v, 0, fn_slice_len(v));
    list_push(l, argv[1]);
    return v_list(l);
}

Value fn_prepend(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot prepend on type");
    uint32_t n = fn_slice_len(v);
    List *l = list_new(n + 1);
    list_push(l, argv[1]);
    for (uint32_t i = 0; i < n; i++) list_push(l, fn_slice_at(v, i));
    return v_list(l);
}

/* Go's int(float64) on amd64: NaN, infinities and out-of-range values
 * become the "integer indefinite" value INT64_MIN */
static int64_t go_float_to_int(double f)
{
    if (isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0) return INT64_MIN;
    return (int64_t)f;
}

/* chunk SIZE LIST: lists of SIZE elements, the last one shorter, as a
 * [][]interface{}. sprig computes the counts in float64, so a zero or
 * negative SIZE gives a count (or a chunk length) that makeslice rejects,
 * or an empty result when the count works out to 0. */
Value fn_chunk(Exec *x, int argc, Value *argv)
{
    int64_t size = argv[0].u.i;
    Value v = need_slice(x, argv[1], "Cannot chunk type");
    int64_t n = fn_slice_len(v);
    int64_t cs = go_float_to_int(go_floor((double)(n - 1) / (double)size) + 1);
    if (cs < 0) fn_error(x, "runtime error: makeslice: len out of range");
    List *l = list_new((size_t)cs);
    for (int64_t i = 0; i < cs; i++) {
        int64_t clen = size;
        if (i == cs - 1) {
            clen = go_float_to_int(go_floor(go_mod((double)n, (double)size)));
            if (clen == 0) clen = size;
        }
        if (clen < 0) fn_error(x, "runtime error: makeslice: len out of range");
        if (i * size + clen > n || i * size < 0)
            fn_error(x, "runtime error: index out of range [%lld] with length %lld",
                     (long long)(i * size < 0 ? i * size : n), (long long)n);
        list_push(l, v_list(copy_range(v, (uint32_t)(i * size), (uint32_t)(i * size + clen))));
    }
    Value r = v_list(l);
    r.g = GT_LISTSLICE;
    return r;
}

Value fn_last(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot find last on type");
    uint32_t n = fn_slice_len(v);
    return n ? fn_slice_at(v, n - 1) : v_nil();
}

Value fn_first(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot find first on type");
    return fn_slice_len(v) ? fn_slice_at(v, 0) : v_nil();
}

Value fn_rest(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot find rest on type");
    uint32_t n = fn_slice_len(v);
    return v_list(n ? copy_range(v, 1, n) : NULL);   /* empty: nil slice */
}

Value fn_initial(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot find initial on type");
    uint32_t n = fn_slice_len(v);
    return v_list(n ? copy_range(v, 0, n - 1) : NULL);   /* empty: nil slice */
}

static int cmp_str(const void *a, const void *b)
{
    const Value *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->u.s, y->u.s, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* sortAlpha: toStrings + byte-order sort; a non-slice gives [strval x].
 * A []string is sorted in place and returned (a nil one stays nil), as
 * sort.StringSlice(strslice(x)).Sort() does. */
Value fn_sortalpha(Exec *x, int argc, Value *argv)
{
    Value v = argv[0];
    Value r;
    if (fn_is_slice(v)) {
        Value fn_tostrings(Exec *, int, Value *);
        r = fn_tostrings(x, 1, &v);
        if (r.u.l && r.u.l->len > 1) qsort(r.u.l->v, r.u.l->len, sizeof(Value), cmp_str);
    } else {
        List *l = list_new(1);
        list_push(l, fn_str(v));
        r = v_list(l);
    }
    r.g = GT_STRSLICE;
    return r;
}

Value fn_reverse(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot find reverse on type");
    uint32_t n = fn_slice_len(v);
    List *l = list_new(n);
    for (uint32_t i = n; i > 0; i--) list_push(l, fn_slice_at(v, i - 1));
    return v_list(l);
}

Value fn_compact(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot compact on type");
    uint32_t n = fn_slice_len(v);
    List *l = list_new(n);
    for (uint32_t i = 0; i < n; i++) {
        Value e = fn_slice_at(v, i);
        if (!v_empty(e)) list_push(l, e);
    }
    return v_list(l);
}

static int in_list(const Value *h, uint32_t n, Value needle)
{
    for (uint32_t i = 0; i < n; i++) if (v_deep_equal(needle, h[i])) return 1;
    return 0;
}

Value fn_uniq(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot find uniq on type");
    uint32_t n = fn_slice_len(v);
    List *l = list_new(n);
    for (uint32_t i = 0; i < n; i++) {
        Value e = fn_slice_at(v, i);
        if (!in_list(l->v, l->len, e)) list_push(l, e);
    }
    return v_list(l);
}

Value fn_without(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "Cannot find without on type");
    uint32_t n = fn_slice_len(v);
    List *l = list_new(n);
    for (uint32_t i = 0; i < n; i++) {
        Value e = fn_slice_at(v, i);
        if (!in_list(argv + 1, (uint32_t)(argc - 1), e)) list_push(l, e);
    }
    return v_list(l);
}

Value fn_has(Exec *x, int argc, Value *argv)
{
    Value h = argv[1];
    if (h.t == VT_NIL) return v_bool(0);
    need_slice(x, h, "Cannot find has on type");
    uint32_t n = fn_slice_len(h);
    for (uint32_t i = 0; i < n; i++)
        if (v_deep_equal(argv[0], fn_slice_at(h, i))) return v_bool(1);
    return v_bool(0);
}

/* slice LIST [START [END]]: reflect Value.Slice keeps the slice's type */
Value fn_slice(Exec *x, int argc, Value *argv)
{
    Value v = need_slice(x, argv[0], "list should be type of slice or array but");
    int64_t n = fn_slice_len(v);
    if (!n) return v_nil();
    int64_t a = argc > 1 ? fn_toint64(argv[1]) : 0;
    int64_t b = argc > 2 ? fn_toint64(argv[2]) : n;
    if (a < 0 || b < a || b > n) fn_error(x, "reflect.Value.Slice: slice index out of bounds");
    if (v.t == VT_STR) { Value r = v_str(v.u.s + a, (size_t)(b - a)); r.g = v.g; return r; }
    Value r = v_list(copy_range(v, (uint32_t)a, (uint32_t)b));
    r.g = v.g;
    return r;
}

/* concat: a nil slice until some element is appended */
Value fn_concat(Exec *x, int argc, Value *argv)
{
    List *l = NULL;
    for (int i = 0; i < argc; i++) {
        Value v = argv[i];
        const char *k = fn_kind_for_error(x, v);
        if (!fn_is_slice(v)) fn_error(x, "Cannot concat type %s as list", k);
        uint32_t n = fn_slice_len(v);
        for (uint32_t j = 0; j < n; j++) {
            if (!l) l = list_new(n);
            list_push(l, fn_slice_at(v, j));
        }
    }
    return v_list(l);
}
