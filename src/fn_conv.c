/*
 * fn_conv.c - conversions and type inspection: int int64 float64 atoi
 * toDecimal toString toStrings typeOf typeIs typeIsLike kindOf kindIs
 * deepEqual, plus the shared cast helpers of fn_int.h.
 * Mirrors spf13/cast v1.7.0 caste.go, Go strconv/atoi.go + atof.go (syntax
 * only), and sprig v3.3.0 numeric.go, strings.go (strval, strslice),
 * reflect.go.
 */
#include "fn_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- strconv ------------------------------------------------------- */

static int lower(int c) { return c | 0x20; }

/* strconv underscoreOK: '_' only between digits (a base prefix counts as a
 * digit), never leading or trailing. */
static int underscore_ok(const char *s, size_t n)
{
    char saw = '^';
    size_t i = 0;
    int hex = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+')) { s++; n--; }
    if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
        i = 2; saw = '0'; hex = lower(s[1]) == 'x';
    }
    for (; i < n; i++) {
        int c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) { saw = '0'; continue; }
        if (c == '_') {
            if (saw != '0') return 0;
            saw = '_';
            continue;
        }
        if (saw == '_') return 0;
        saw = '!';
    }
    return saw != '_';
}

static int digit_val(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    return 99;
}

int fn_parse_int(const char *s, size_t n, int base, int64_t *out)
{
    const char *s0 = s;
    size_t n0 = n;
    *out = 0;
    if (!n) return 0;
    int neg = 0;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; s++; n--; }
    if (!n) return 0;
    int base0 = base == 0;
    if (base0) {
        base = 10;
        if (s[0] == '0') {
            if (n >= 3 && lower(s[1]) == 'b') { base = 2; s += 2; n -= 2; }
            else if (n >= 3 && lower(s[1]) == 'o') { base = 8; s += 2; n -= 2; }
            else if (n >= 3 && lower(s[1]) == 'x') { base = 16; s += 2; n -= 2; }
            else { base = 8; s++; n--; }
        }
    }
    uint64_t v = 0, cutoff = UINT64_MAX / (uint64_t)base + 1;
    int range = 0, unders = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '_' && base0) { unders = 1; continue; }
        int d = digit_val(c);
        if (d >= base) return 0;
        if (range) continue;
        if (v >= cutoff) { range = 1; continue; }
        v *= (uint64_t)base;
        uint64_t nv = v + (uint64_t)d;
        if (nv < v) { range = 1; continue; }
        v = nv;
    }
    if (unders && !underscore_ok(s0, n0)) return 0;
    uint64_t lim = neg ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
    if (range || v > lim) {
        *out = neg ? INT64_MIN : INT64_MAX;
        return -1;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 1;
}

static int ieq(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n != k) return 0;
    for (size_t i = 0; i < n; i++) if (lower((unsigned char)s[i]) != w[i]) return 0;
    return 1;
}

/* Go's float syntax (atof.go readFloat + special): decimal or hex mantissa,
 * optional exponent (mandatory 'p' for hex), underscores per underscoreOK,
 * inf/infinity/nan. Builds a cleaned copy for strtod. */
int fn_parse_float(const char *s, size_t n, double *out)
{
    *out = 0;
    if (!n) return 0;
    size_t i = 0;
    int neg = 0;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i++; }
    if (ieq(s + i, n - i, "inf") || ieq(s + i, n - i, "infinity")) { *out = neg ? -INFINITY : INFINITY; return 1; }
    if (i == 0 && ieq(s, n, "nan")) { *out = NAN; return 1; }
    Buf b = {0};
    if (neg) buf_putc(&b, '-');
    int hex = 0, digits = 0, unders = 0, dot = 0;
    if (n - i >= 2 && s[i] == '0' && lower(s[i + 1]) == 'x') { hex = 1; buf_puts(&b, "0x"); i += 2; }
    for (; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '_') { unders = 1; continue; }
        if (c == '.') { if (dot) break; dot = 1; buf_putc(&b, '.'); continue; }
        if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) { digits++; buf_putc(&b, (char)c); continue; }
        break;
    }
    int ok = digits > 0;
    if (ok && i < n && lower((unsigned char)s[i]) == (hex ? 'p' : 'e')) {
        buf_putc(&b, hex ? 'p' : 'e');
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) buf_putc(&b, s[i++]);
        int ed = 0;
        for (; i < n; i++) {
            int c = (unsigned char)s[i];
            if (c == '_') { unders = 1; continue; }
            if (c < '0' || c > '9') break;
            buf_putc(&b, (char)c); ed++;
        }
        if (!ed) ok = 0;
    } else if (hex) {
        ok = 0;
    }
    if (i != n) ok = 0;
    if (ok && unders && !underscore_ok(s, n)) ok = 0;
    if (ok) {
        errno = 0;
        double d = strtod(buf_cstr(&b), NULL);
        if (isinf(d)) ok = 0;   /* Go: ErrRange, cast gives 0 */
        else *out = d;
    }
    buf_free(&b);
    return ok;
}

/* ---- cast ---------------------------------------------------------- */

static int64_t float_to_int64(double f)
{
    /* Go's int64(f) on amd64: out-of-range and NaN give INT64_MIN */
    if (isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0) return INT64_MIN;
    return (int64_t)f;
}

/* cast trimZeroDecimal: "1.00" -> "1"; anything else unchanged */
static size_t trim_zero_decimal(const char *s, size_t n)
{
    int zero = 0;
    for (size_t i = n; i > 0; i--) {
        if (s[i - 1] == '.') { if (zero) return i - 1; return n; }
        if (s[i - 1] != '0') return n;
        zero = 1;
    }
    return n;
}

int64_t fn_toint64(Value v)
{
    switch (v.t) {
    case VT_INT: return v.u.i;
    case VT_FLOAT: return float_to_int64(v.u.f);
    case VT_BOOL: return v.u.b;
    case VT_STR: {
        if (v.g == GT_BYTES) return 0;
        int64_t r;
        return fn_parse_int(v.u.s, trim_zero_decimal(v.u.s, v.n), 0, &r) == 1 ? r : 0;
    }
    default: v_require_printable(v); return 0;   /* cast formats the value in its error */
    }
}

double fn_tofloat64(Value v)
{
    switch (v.t) {
    case VT_INT: return (double)v.u.i;
    case VT_FLOAT: return v.u.f;
    case VT_BOOL: return v.u.b;
    case VT_STR: {
        if (v.g == GT_BYTES) return 0;
        double d;
        return fn_parse_float(v.u.s, v.n, &d) ? d : 0;
    }
    default: v_require_printable(v); return 0;
    }
}

Value fn_str(Value v)
{
    if (v_is_str(v)) return v;
    if (v.t == VT_STR) { Value r = v; r.g = GT_DEFAULT; return r; }  /* []byte -> string */
    return fn_strval(v);
}

/* Go objects whose kind is slice (common.VersionSet) expose their list data */
Value fn_slice_view(Value v)
{
    if (v.t == VT_OBJ && v.u.o->type->to_data) {
        Value d = v.u.o->type->to_data(v.u.o);
        if (d.t == VT_LIST) return d;
    }
    return v;
}

int fn_is_slice(Value v)
{
    v = fn_slice_view(v);
    return v.t == VT_LIST || (v.t == VT_STR && v.g == GT_BYTES);
}

uint32_t fn_slice_len(Value v)
{
    v = fn_slice_view(v);
    if (v.t == VT_LIST) return v.u.l ? v.u.l->len : 0;
    if (v.t == VT_STR) return v.n;
    return 0;
}

Value fn_slice_at(Value v, uint32_t i)
{
    v = fn_slice_view(v);
    if (v.t == VT_LIST) return v.u.l->v[i];
    return v_goint((unsigned char)v.u.s[i]);   /* a uint8 of a []byte */
}

const char *fn_kind_for_error(Exec *x, Value v)
{
    if (v.t == VT_NIL) fn_error(x, "runtime error: invalid memory address or nil pointer dereference");
    if (fn_slice_view(v).t == VT_LIST) return "slice";
    return v_kind(v);
}

/* ---- functions ------------------------------------------------------ */

Value fn_int(Exec *x, int argc, Value *argv) { return v_goint(fn_toint64(argv[0])); }
Value fn_int64(Exec *x, int argc, Value *argv) { return v_int64(fn_toint64(argv[0])); }
Value fn_float64(Exec *x, int argc, Value *argv) { return v_float(fn_tofloat64(argv[0])); }

/* atoi: strconv.Atoi, errors ignored (a range error keeps the clamped value) */
Value fn_atoi(Exec *x, int argc, Value *argv)
{
    int64_t r;
    fn_parse_int(argv[0].u.s, argv[0].n, 10, &r);
    return v_goint(r);
}

/* toDecimal: strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on error */
Value fn_todecimal(Exec *x, int argc, Value *argv)
{
    Value s = fn_strval(argv[0]);
    int64_t r;
    if (fn_parse_int(s.u.s, s.n, 8, &r) != 1) r = 0;
    return v_int64(r);
}

Value fn_tostring(Exec *x, int argc, Value *argv) { return fn_str(argv[0]); }

/* strslice: []string kept, other slices stringified without nils, nil ->
 * [], anything else a one-element list */
Value fn_tostrings(Exec *x, int argc, Value *argv)
{
    Value v = argv[0];
    if (v.t == VT_LIST && v.g == GT_STRSLICE) return v;
    List *l;
    if (fn_is_slice(v)) {
        uint32_t n = fn_slice_len(v);
        l = list_new(n);
        for (uint32_t i = 0; i < n; i++) {
            Value e = fn_slice_at(v, i);
            if (e.t != VT_NIL) list_push(l, fn_str(e));
        }
    } else {
        l = list_new(1);
        if (v.t != VT_NIL) list_push(l, fn_str(v));
    }
    Value r = v_list(l);
    r.g = GT_STRSLICE;
    return r;
}

Value fn_typeof(Exec *x, int argc, Value *argv) { return v_cstr(v_gotype(argv[0])); }
/* Go objects whose named type is not a struct: reflect Kind by %T */
static const struct { const char *gotype, *kind; } conv_obj_kinds[] = {
    {"engine.files", "map"},   /* type files map[string][]byte */
};

/* reflect Kind name; Go objects of slice kind (VersionSet) say "slice" */
static const char *kind_of(Value v)
{
    if (v.t != VT_OBJ) return v_kind(v);
    if (fn_slice_view(v).t == VT_LIST) return "slice";
    for (size_t i = 0; i < sizeof conv_obj_kinds / sizeof conv_obj_kinds[0]; i++)
        if (!strcmp(v.u.o->type->gotype, conv_obj_kinds[i].gotype)) return conv_obj_kinds[i].kind;
    return v_kind(v);
}

Value fn_kindof(Exec *x, int argc, Value *argv) { return v_cstr(kind_of(argv[0])); }

static int str_is(Value s, const char *t)
{
    size_t n = strlen(t);
    return s.n == n && memcmp(s.u.s, t, n) == 0;
}

Value fn_typeis(Exec *x, int argc, Value *argv) { return v_bool(str_is(argv[0], v_gotype(argv[1]))); }
Value fn_kindis(Exec *x, int argc, Value *argv) { return v_bool(str_is(argv[0], kind_of(argv[1]))); }

Value fn_typeislike(Exec *x, int argc, Value *argv)
{
    const char *t = v_gotype(argv[1]);
    return v_bool(str_is(argv[0], t) || (t[0] == '*' && str_is(argv[0], t + 1)));
}

Value fn_deepequal(Exec *x, int argc, Value *argv) { return v_bool(v_deep_equal(argv[0], argv[1])); }
