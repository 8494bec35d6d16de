/*
 * fn_builtin.c - text/template's builtin functions: and or not len index
 * print printf println html js urlquery call eq ne lt le gt ge.
 * Mirrors go src/text/template/funcs.go (Go 1.25 for Helm v4; Go 1.23's
 * shorter "incompatible types for comparison" for v3). The executor
 * short-circuits and/or itself (FNF_LAZY); bi_and/bi_or here only see
 * already evaluated arguments.
 */
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "exec_int.h"

#include <string.h>

Value bi_and(Exec *x, int argc, Value *argv)
{
    for (int i = 0; i < argc - 1; i++)
        if (!v_truth(argv[i])) return argv[i];
    return argv[argc - 1];
}

Value bi_or(Exec *x, int argc, Value *argv)
{
    for (int i = 0; i < argc - 1; i++)
        if (v_truth(argv[i])) return argv[i];
    return argv[argc - 1];
}

Value bi_not(Exec *x, int argc, Value *argv) { return v_bool(!v_truth(argv[0])); }

/* Length of a value's data form for objects (VersionSet, Files). */
static int bi_obj_data(Value v, Value *out)
{
    if (v.t != VT_OBJ || !v.u.o || !v.u.o->type || !v.u.o->type->to_data) return 0;
    *out = v.u.o->type->to_data(v.u.o);
    return out->t == VT_LIST || (out->t == VT_MAP && out->g != GT_STRUCT);
}

Value bi_len(Exec *x, int argc, Value *argv)
{
    Value v = argv[0], d;
    switch (v.t) {
    case VT_NIL:
        if (exec_arg_iface(x, 0)) fn_error(x, "len of nil pointer");
        fn_error(x, "reflect: call of reflect.Value.Type on zero Value");
    case VT_STR: return v_goint(v.n);
    case VT_LIST: return v_goint(v.u.l ? v.u.l->len : 0); /* NULL: nil slice */
    case VT_MAP:
        if (v.g != GT_STRUCT) return v_goint(v.u.m ? v.u.m->len : 0);
        break;
    case VT_OBJ:
        if (bi_obj_data(v, &d)) return v_goint(d.t == VT_LIST ? (d.u.l ? d.u.l->len : 0) : (d.u.m ? d.u.m->len : 0));
        break;
    default: break;
    }
    /* Go's len indirects pointers first: *semver.Version is "semver.Version" */
    const char *t = v_gotype(v);
    fn_error(x, "len of type %s", v.t == VT_OBJ && t[0] == '*' ? t + 1 : t);
}

/* indexArg: an integer index within [0, len]. */
static int64_t bi_index_arg(Exec *x, Value idx, uint32_t len)
{
    if (idx.t == VT_NIL) fn_error(x, "cannot index slice/array with nil");
    if (idx.t != VT_INT) fn_error(x, "cannot index slice/array with type %s", v_gotype(idx));
    if (idx.u.i < 0 || idx.u.i > (int64_t)len) fn_error(x, "index out of range: %lld", (long long)idx.u.i);
    return idx.u.i;
}

Value bi_index(Exec *x, int argc, Value *argv)
{
    Value item = argv[0], d;
    if (item.t == VT_NIL) fn_error(x, "index of untyped nil");
    for (int i = 1; i < argc; i++) {
        Value idx = argv[i];
        if (item.t == VT_NIL) fn_error(x, "index of nil pointer");
        if (item.t == VT_OBJ && bi_obj_data(item, &d) && d.t == VT_LIST) item = d;
        switch (item.t) {
        case VT_LIST: {
            uint32_t n = item.u.l ? item.u.l->len : 0; /* NULL: nil slice */
            int64_t k = bi_index_arg(x, idx, n);
            if (k == n) fn_error(x, "reflect: slice index out of range");
            item = item.u.l->v[k];
            break;
        }
        case VT_STR: {
            int64_t k = bi_index_arg(x, idx, item.n);
            if (k == item.n)
                fn_error(x, item.g == GT_BYTES ? "reflect: slice index out of range"
                                               : "reflect: string index out of range");
            item = v_int64((unsigned char)item.u.s[k]);
            item.g = GT_UINT8;   /* reflect.Value.Index of a string is a byte */
            break;
        }
        case VT_MAP:
        case VT_OBJ: {
            if (item.t == VT_MAP && item.g == GT_STRUCT)
                fn_error(x, "can't index item of type %s", v_gotype(item));
            if (idx.t == VT_NIL) fn_error(x, "value is nil; should be of type string");
            if (!v_is_str(idx)) fn_error(x, "value has type %s; should be string", v_gotype(idx));
            const char *key = cc_strndup(idx.u.s, idx.n);
            if (item.t == VT_OBJ) {
                Value out = v_nil();
                if (!(item.u.o && item.u.o->type && item.u.o->type->field &&
                      item.u.o->type->field(x, item.u.o, key, 0, NULL, &out)))
                    fn_error(x, "can't index item of type %s", v_gotype(item));
                item = out;
                break;
            }
            Value *e = item.u.m ? map_get(item.u.m, idx.u.s, idx.n) : NULL;
            if (e) item = *e;
            else item = item.g == GT_STRMAP ? v_str("", 0) : v_nil();
            break;
        }
        default:
            fn_error(x, "can't index item of type %s", v_gotype(item));
        }
    }
    return item;
}

Value bi_print(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    go_sprint(&b, argc, argv);
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

Value bi_printf(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    go_sprintf(&b, argv[0].u.s, argv[0].n, argc - 1, argv + 1);
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

Value bi_println(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    go_sprintln(&b, argc, argv);
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

/* evalArgs: the text of the arguments (a lone string as is; nil prints
 * as "<no value>", the rest as fmt.Sprint). */
static void bi_eval_args(Buf *b, int argc, Value *argv)
{
    if (argc == 1 && v_is_str(argv[0])) {
        buf_put(b, argv[0].u.s, argv[0].n);
        return;
    }
    Value *a = cc_alloc(sizeof(Value) * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++) a[i] = argv[i].t == VT_NIL ? v_cstr("<no value>") : argv[i];
    go_sprint(b, argc, a);
}

Value bi_html(Exec *x, int argc, Value *argv)
{
    Buf s = {0}, b = {0};
    bi_eval_args(&s, argc, argv);
    for (size_t i = 0; i < s.len; i++) {
        switch (s.p[i]) {
        case '"': buf_puts(&b, "&#34;"); break;
        case '\'': buf_puts(&b, "&#39;"); break;
        case '&': buf_puts(&b, "&amp;"); break;
        case '<': buf_puts(&b, "&lt;"); break;
        case '>': buf_puts(&b, "&gt;"); break;
        case '\0': buf_puts(&b, "\xEF\xBF\xBD"); break;
        default: buf_putc(&b, s.p[i]);
        }
    }
    Value r = v_buf(&b);
    buf_free(&s);
    buf_free(&b);
    return r;
}

/* utf8.DecodeRune: rune and width (RuneError, 1 on invalid input). */
static int bi_decode(const unsigned char *s, size_t n, int *w)
{
    unsigned c = s[0];
    int need, r;
    if (c < 0x80) { *w = 1; return (int)c; }
    if (c >= 0xC2 && c <= 0xDF) need = 1, r = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) need = 2, r = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) need = 3, r = c & 0x07;
    else { *w = 1; return 0xFFFD; }
    if ((size_t)need >= n) { *w = 1; return 0xFFFD; }
    for (int k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80) { *w = 1; return 0xFFFD; }
        r = (r << 6) | (s[k] & 0x3F);
    }
    if ((need == 2 && (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF))) || (need == 3 && (r < 0x10000 || r > 0x10FFFF))) {
        *w = 1;
        return 0xFFFD;
    }
    *w = need + 1;
    return r;
}

Value bi_js(Exec *x, int argc, Value *argv)
{
    static const char hex[] = "0123456789ABCDEF";
    Buf s = {0}, b = {0};
    bi_eval_args(&s, argc, argv);
    const unsigned char *p = (const unsigned char *)s.p;
    for (size_t i = 0; i < s.len;) {
        unsigned c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '\\': buf_puts(&b, "\\\\"); break;
            case '\'': buf_puts(&b, "\\'"); break;
            case '"': buf_puts(&b, "\\\""); break;
            case '<': buf_puts(&b, "\\u003C"); break;
            case '>': buf_puts(&b, "\\u003E"); break;
            case '&': buf_puts(&b, "\\u0026"); break;
            case '=': buf_puts(&b, "\\u003D"); break;
            default:
                if (c < ' ') {
                    buf_puts(&b, "\\u00");
                    buf_putc(&b, hex[c >> 4]);
                    buf_putc(&b, hex[c & 15]);
                } else {
                    buf_putc(&b, (char)c);
                }
            }
            i++;
            continue;
        }
        int w, r = bi_decode(p + i, s.len - i, &w);
        if (go_is_print((uint32_t)r)) buf_put(&b, p + i, (size_t)w);
        else buf_printf(&b, "\\u%04X", r);
        i += (size_t)w;
    }
    Value res = v_buf(&b);
    buf_free(&s);
    buf_free(&b);
    return res;
}

Value bi_urlquery(Exec *x, int argc, Value *argv)
{
    static const char hex[] = "0123456789ABCDEF";
    Buf s = {0}, b = {0};
    bi_eval_args(&s, argc, argv);
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~') {
            buf_putc(&b, (char)c);
        } else if (c == ' ') {
            buf_putc(&b, '+');
        } else {
            buf_putc(&b, '%');
            buf_putc(&b, hex[c >> 4]);
            buf_putc(&b, hex[c & 15]);
        }
    }
    Value r = v_buf(&b);
    buf_free(&s);
    buf_free(&b);
    return r;
}

Value bi_call(Exec *x, int argc, Value *argv)
{
    if (argv[0].t == VT_NIL) fn_error(x, "call of nil");
    fn_error(x, "non-function %s of type %s", exec_arg_text(x, 0), v_gotype(argv[0]));
}

/* ---- comparisons ----------------------------------------------------- */

enum { K_INVALID, K_BOOL, K_INT, K_FLOAT, K_COMPLEX, K_STRING };

static int bi_kind(Value v)
{
    switch (v.t) {
    case VT_BOOL: return K_BOOL;
    case VT_INT: return K_INT;
    case VT_FLOAT: return v.g == GT_COMPLEX ? K_COMPLEX : K_FLOAT;
    case VT_STR: return v_is_str(v) ? K_STRING : K_INVALID;
    default: return K_INVALID;
    }
}

static _Noreturn void bi_incompatible(Exec *x, Value a, Value b)
{
    if (cc_helm_major >= 4)
        fn_error(x, "incompatible types for comparison: %s and %s", v_gotype(a), v_gotype(b));
    fn_error(x, "incompatible types for comparison");
}

static const char *bi_fmt(const char *verb, Value v)
{
    Buf b = {0};
    go_sprintf(&b, verb, strlen(verb), 1, &v);
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

static int bi_same_type(Value a, Value b) { return a.t == b.t && a.g == b.g; }

static int bi_str_cmp(Value a, Value b)
{
    size_t n = a.n < b.n ? a.n : b.n;
    int c = memcmp(a.u.s, b.u.s, n);
    if (c) return c;
    return a.n < b.n ? -1 : a.n > b.n;
}

/* eq for one pair (Go's loop body). */
static int bi_eq1(Exec *x, Value a, Value b)
{
    int k1 = bi_kind(a), k2 = bi_kind(b);
    if (k1 != k2) {
        if (a.t != VT_NIL && b.t != VT_NIL) bi_incompatible(x, a, b);
        return 0;
    }
    switch (k1) {
    case K_BOOL: return a.u.b == b.u.b;
    case K_INT: return a.u.i == b.u.i;
    case K_FLOAT: return a.u.f == b.u.f;
    case K_COMPLEX: return a.u.f == b.u.f && v_imag(a) == v_imag(b);
    case K_STRING: return bi_str_cmp(a, b) == 0;
    default: break;
    }
    if (a.t != VT_NIL && b.t != VT_NIL && !bi_same_type(a, b))
        fn_error(x, "non-comparable types %s: %s, %s: %s", bi_fmt("%s", a), v_gotype(a), v_gotype(b),
                 bi_fmt("%v", b));
    if (a.t == VT_NIL || b.t == VT_NIL) return a.t == b.t;
    if (a.t == VT_OBJ) return a.u.o == b.u.o;
    fn_error(x, "non-comparable type %s: %s", bi_fmt("%s", b), v_gotype(b));
}

static int bi_eq_all(Exec *x, int argc, Value *argv)
{
    if (argc < 2) fn_error(x, "missing argument for comparison");
    for (int i = 1; i < argc; i++)
        if (bi_eq1(x, argv[0], argv[i])) return 1;
    return 0;
}

static int bi_less(Exec *x, Value a, Value b)
{
    int k1 = bi_kind(a), k2 = bi_kind(b);
    if (k1 == K_INVALID || k2 == K_INVALID) fn_error(x, "invalid type for comparison");
    if (k1 != k2) bi_incompatible(x, a, b);
    switch (k1) {
    case K_INT: return a.u.i < b.u.i;
    case K_FLOAT: return a.u.f < b.u.f;
    case K_STRING: return bi_str_cmp(a, b) < 0;
    default: fn_error(x, "invalid type for comparison");
    }
}

Value bi_eq(Exec *x, int argc, Value *argv) { return v_bool(bi_eq_all(x, argc, argv)); }
Value bi_ne(Exec *x, int argc, Value *argv) { return v_bool(!bi_eq_all(x, argc, argv)); }
Value bi_lt(Exec *x, int argc, Value *argv) { return v_bool(bi_less(x, argv[0], argv[1])); }
Value bi_le(Exec *x, int argc, Value *argv)
{
    return v_bool(bi_less(x, argv[0], argv[1]) || bi_eq_all(x, argc, argv));
}
Value bi_gt(Exec *x, int argc, Value *argv)
{
    return v_bool(!(bi_less(x, argv[0], argv[1]) || bi_eq_all(x, argc, argv)));
}
Value bi_ge(Exec *x, int argc, Value *argv) { return v_bool(!bi_less(x, argv[0], argv[1])); }
