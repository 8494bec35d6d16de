/*
 * json.c - Go encoding/json as the toJson/fromJson family sees it:
 * Marshal / MarshalIndent / Encoder.SetEscapeHTML(false) of Values, and
 * Unmarshal into interface{} with Go's syntax-error texts.
 * Mirrors go src/encoding/json/encode.go, indent.go, scanner.go, decode.go.
 */
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/swar.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- encoding ------------------------------------------------------- */

static const char jhex[] = "0123456789abcdef";

/* Decode one UTF-8 sequence the way utf8.DecodeRune does; returns its
 * width, or 0 for an invalid byte. */
static int js_utf8_width(const unsigned char *s, size_t n, uint32_t *r)
{
    unsigned c = s[0];
    int w;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { w = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { w = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { w = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if ((size_t)w > n) return 0;
    for (int i = 1; i < w; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *r = v;
    return w;
}

/* encode.go appendString */
static void js_string(Buf *b, const char *str, size_t n, int html)
{
    const unsigned char *s = (const unsigned char *)str;
    buf_putc(b, '"');
    size_t start = 0, i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            int safe = c >= 0x20 && c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&'));
            if (safe) { i++; continue; }
            buf_put(b, str + start, i - start);
            switch (c) {
            case '\\': case '"': buf_putc(b, '\\'); buf_putc(b, (char)c); break;
            case '\b': buf_puts(b, "\\b"); break;
            case '\f': buf_puts(b, "\\f"); break;
            case '\n': buf_puts(b, "\\n"); break;
            case '\r': buf_puts(b, "\\r"); break;
            case '\t': buf_puts(b, "\\t"); break;
            default:
                buf_puts(b, "\\u00");
                buf_putc(b, jhex[c >> 4]);
                buf_putc(b, jhex[c & 0xF]);
            }
            start = ++i;
            continue;
        }
        uint32_t r = 0;
        int w = js_utf8_width(s + i, n - i, &r);
        if (!w) {
            buf_put(b, str + start, i - start);
            buf_puts(b, "\\ufffd");
            start = ++i;
            continue;
        }
        if (r == 0x2028 || r == 0x2029) {
            buf_put(b, str + start, i - start);
            buf_puts(b, r == 0x2028 ? "\\u2028" : "\\u2029");
            i += (size_t)w;
            start = i;
            continue;
        }
        i += (size_t)w;
    }
    buf_put(b, str + start, n - start);
    buf_putc(b, '"');
}

/* encode.go floatEncoder (64-bit) */
static const char *js_float(Buf *b, double f)
{
    if (isnan(f)) return "json: unsupported value: NaN";
    if (isinf(f)) return f > 0 ? "json: unsupported value: +Inf" : "json: unsupported value: -Inf";
    double a = fabs(f);
    char fmt = 'f';
    if (a != 0 && (a < 1e-6 || a >= 1e21)) fmt = 'e';
    size_t at = b->len;
    go_format_float(b, f, fmt, -1, 64);
    if (fmt == 'e') {
        size_t n = b->len - at;
        char *p = b->p + at;
        if (n >= 4 && p[n - 4] == 'e' && p[n - 3] == '-' && p[n - 2] == '0') {
            p[n - 2] = p[n - 1];
            b->len--;
        }
    }
    return NULL;
}

static void js_base64(Buf *b, const unsigned char *s, size_t n)
{
    buf_putc(b, '"');
    go_base64(b, s, n);
    buf_putc(b, '"');
}

typedef struct JEnc { Buf *b; int html, indent, depth; VWalk w; } JEnc;

/* encode.go: past startDetectingCyclesAfter nested maps and slices, one
 * already on the path is "encountered a cycle via <type>" (vw_enter counts
 * the levels the way ptrLevel does). */
static const char *js_enter(JEnc *e, Value v)
{
    int rc = vw_enter(&e->w, v);
    if (rc == VW_CYCLE) return cc_printf("json: unsupported value: encountered a cycle via %s", v_gotype(v));
    return rc ? vw_too_deep : NULL;
}

static void js_newline(JEnc *e)
{
    buf_putc(e->b, '\n');
    for (int i = 0; i < e->depth; i++) buf_puts(e->b, "  ");
}

static const char *js_value(JEnc *e, Value v)
{
    Buf *b = e->b;
    const char *err;
    switch (v.t) {
    case VT_NIL: buf_puts(b, "null"); return NULL;
    case VT_BOOL: buf_puts(b, v.u.b ? "true" : "false"); return NULL;
    case VT_INT: buf_printf(b, "%lld", (long long)v.u.i); return NULL;
    case VT_FLOAT: return js_float(b, v.u.f);
    case VT_STR:
        if (v.g == GT_BYTES) js_base64(b, (const unsigned char *)v.u.s, v.n);
        else js_string(b, v.u.s, v.n, e->html);
        return NULL;
    case VT_LIST: {
        List *l = v.u.l;
        if (!l) { buf_puts(b, "null"); return NULL; }
        if ((err = js_enter(e, v))) return err;
        buf_putc(b, '[');
        if (l->len) {
            e->depth++;
            for (uint32_t i = 0; i < l->len; i++) {
                if (i) buf_putc(b, ',');
                if (e->indent) js_newline(e);
                if ((err = js_value(e, l->v[i]))) return err;
            }
            e->depth--;
            if (e->indent) js_newline(e);
        }
        buf_putc(b, ']');
        vw_leave(&e->w, v);
        return NULL;
    }
    case VT_MAP: {
        Map *m = v.u.m;
        if (!m) { buf_puts(b, "null"); return NULL; }
        if ((err = js_enter(e, v))) return err;
        buf_putc(b, '{');
        if (m->len) {
            /* a Go struct keeps its field order; maps sort keys byte-wise */
            MapEnt **es;
            if (v.g == GT_STRUCT) {
                es = cc_alloc(m->len * sizeof *es);
                uint32_t k = 0;
                MAP_EACH(m, ent) es[k++] = ent;
            } else {
                es = map_sorted(m, 0);
            }
            e->depth++;
            for (uint32_t i = 0; i < m->len; i++) {
                if (i) buf_putc(b, ',');
                if (e->indent) js_newline(e);
                js_string(b, es[i]->k, es[i]->klen, e->html);
                buf_putc(b, ':');
                if (e->indent) buf_putc(b, ' ');
                if ((err = js_value(e, es[i]->v))) return err;
            }
            e->depth--;
            if (e->indent) js_newline(e);
        }
        buf_putc(b, '}');
        vw_leave(&e->w, v);
        return NULL;
    }
    case VT_OBJ: {
        Obj *o = v.u.o;
        if (!o->type->to_data) { buf_puts(b, "null"); return NULL; }
        return js_value(e, o->type->to_data(o));
    }
    }
    buf_puts(b, "null");
    return NULL;
}

const char *json_encode(Buf *b, Value v, int flags)
{
    JEnc e = {b, !(flags & JSON_NO_HTML_ESCAPE), !!(flags & JSON_INDENT), 0, {0}};
    if (flags & JSON_VIA_POINTER) e.w.depth = 1;   /* ptrEncoder's ptrLevel++ */
    size_t at = b->len;
    const char *err = js_value(&e, v);
    if (err) b->len = at;   /* Go returns no partial output */
    return err;
}

/* ---- decoding: the scanner (syntax check with Go's messages) --------- */

enum { PS_OBJ_KEY, PS_OBJ_VALUE, PS_ARR_VALUE };
#define JS_MAX_DEPTH 10000

/* Scanner states */
enum {
    S_BEGIN_VALUE, S_BEGIN_VALUE_OR_EMPTY, S_BEGIN_STRING_OR_EMPTY, S_BEGIN_STRING,
    S_END_VALUE, S_END_TOP, S_IN_STRING, S_IN_STRING_ESC, S_ESC_U1, S_ESC_U2, S_ESC_U3, S_ESC_U4,
    S_NEG, S_1, S_0, S_DOT, S_DOT0, S_E, S_ESIGN, S_E0,
    S_LIT,     /* inside true/false/null: lit points at the remaining letters */
    S_ERROR,
};

typedef struct JScan {
    int state;
    unsigned char *stack;
    size_t depth, cap;
    const char *lit, *litname;
    char *err;
} JScan;

/* scanner.go quoteChar */
static const char *js_quote_char(unsigned char c)
{
    if (c == '\'') return "'\\''";
    if (c == '"') return "'\"'";
    Buf t = {0}, q = {0};
    char u[4];
    int n;
    if (c < 0x80) { u[0] = (char)c; n = 1; }
    else { u[0] = (char)(0xC0 | c >> 6); u[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
    go_quote(&q, u, (size_t)n, 0);
    buf_putc(&t, '\'');
    buf_put(&t, q.p + 1, q.len - 2);
    buf_putc(&t, '\'');
    char *r = buf_arena(&t);
    buf_free(&t);
    buf_free(&q);
    return r;
}

static void js_error(JScan *s, unsigned char c, const char *ctx)
{
    s->state = S_ERROR;
    s->err = cc_printf("invalid character %s %s", js_quote_char(c), ctx);
}

static int js_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void js_push(JScan *s, unsigned char c, int ps)
{
    if (s->depth == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        s->stack = cc_grow(s->stack, s->cap, nc);
        s->cap = nc;
    }
    s->stack[s->depth++] = (unsigned char)ps;
    if (s->depth > JS_MAX_DEPTH) js_error(s, c, "exceeded max depth");
}

static void js_step(JScan *s, unsigned char c);

static void js_begin_value(JScan *s, unsigned char c)
{
    if (js_ws(c)) { s->state = S_BEGIN_VALUE; return; }
    switch (c) {
    case '{': s->state = S_BEGIN_STRING_OR_EMPTY; js_push(s, c, PS_OBJ_KEY); return;
    case '[': s->state = S_BEGIN_VALUE_OR_EMPTY; js_push(s, c, PS_ARR_VALUE); return;
    case '"': s->state = S_IN_STRING; return;
    case '-': s->state = S_NEG; return;
    case '0': s->state = S_0; return;
    case 't': s->state = S_LIT; s->lit = "rue"; s->litname = "true"; return;
    case 'f': s->state = S_LIT; s->lit = "alse"; s->litname = "false"; return;
    case 'n': s->state = S_LIT; s->lit = "ull"; s->litname = "null"; return;
    }
    if (c >= '1' && c <= '9') { s->state = S_1; return; }
    js_error(s, c, "looking for beginning of value");
}

static void js_end_value(JScan *s, unsigned char c)
{
    if (s->depth == 0) { s->state = S_END_TOP; js_step(s, c); return; }
    if (js_ws(c)) { s->state = S_END_VALUE; return; }
    unsigned char *ps = &s->stack[s->depth - 1];
    switch (*ps) {
    case PS_OBJ_KEY:
        if (c == ':') { *ps = PS_OBJ_VALUE; s->state = S_BEGIN_VALUE; return; }
        js_error(s, c, "after object key");
        return;
    case PS_OBJ_VALUE:
        if (c == ',') { *ps = PS_OBJ_KEY; s->state = S_BEGIN_STRING; return; }
        if (c == '}') { s->depth--; s->state = S_END_VALUE; return; }
        js_error(s, c, "after object key:value pair");
        return;
    default:
        if (c == ',') { s->state = S_BEGIN_VALUE; return; }
        if (c == ']') { s->depth--; s->state = S_END_VALUE; return; }
        js_error(s, c, "after array element");
        return;
    }
}

static int js_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int js_hex(unsigned char c) { return js_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static void js_step(JScan *s, unsigned char c)
{
    switch (s->state) {
    case S_BEGIN_VALUE: js_begin_value(s, c); return;
    case S_BEGIN_VALUE_OR_EMPTY:
        if (js_ws(c)) return;
        if (c == ']') { js_end_value(s, c); return; }
        js_begin_value(s, c);
        return;
    case S_BEGIN_STRING_OR_EMPTY:
        if (js_ws(c)) return;
        if (c == '}') { s->stack[s->depth - 1] = PS_OBJ_VALUE; js_end_value(s, c); return; }
        /* fall through */
    case S_BEGIN_STRING:
        if (js_ws(c)) { s->state = S_BEGIN_STRING; return; }
        if (c == '"') { s->state = S_IN_STRING; return; }
        js_error(s, c, "looking for beginning of object key string");
        return;
    case S_END_VALUE: js_end_value(s, c); return;
    case S_END_TOP:
        if (!js_ws(c)) js_error(s, c, "after top-level value");
        return;
    case S_IN_STRING:
        if (c == '"') { s->state = S_END_VALUE; return; }
        if (c == '\\') { s->state = S_IN_STRING_ESC; return; }
        if (c < 0x20) js_error(s, c, "in string literal");
        return;
    case S_IN_STRING_ESC:
        if (strchr("bfnrt\\/\"", c) && c) { s->state = S_IN_STRING; return; }
        if (c == 'u') { s->state = S_ESC_U1; return; }
        js_error(s, c, "in string escape code");
        return;
    case S_ESC_U1: case S_ESC_U2: case S_ESC_U3: case S_ESC_U4:
        if (!js_hex(c)) { js_error(s, c, "in \\u hexadecimal character escape"); return; }
        s->state = s->state == S_ESC_U4 ? S_IN_STRING : s->state + 1;
        return;
    case S_NEG:
        if (c == '0') { s->state = S_0; return; }
        if (c >= '1' && c <= '9') { s->state = S_1; return; }
        js_error(s, c, "in numeric literal");
        return;
    case S_1:
        if (js_digit(c)) return;
        /* fall through */
    case S_0:
        if (c == '.') { s->state = S_DOT; return; }
        if (c == 'e' || c == 'E') { s->state = S_E; return; }
        js_end_value(s, c);
        return;
    case S_DOT:
        if (js_digit(c)) { s->state = S_DOT0; return; }
        js_error(s, c, "after decimal point in numeric literal");
        return;
    case S_DOT0:
        if (js_digit(c)) return;
        if (c == 'e' || c == 'E') { s->state = S_E; return; }
        js_end_value(s, c);
        return;
    case S_E:
        if (c == '+' || c == '-') { s->state = S_ESIGN; return; }
        /* fall through */
    case S_ESIGN:
        if (js_digit(c)) { s->state = S_E0; return; }
        js_error(s, c, "in exponent of numeric literal");
        return;
    case S_E0:
        if (js_digit(c)) return;
        js_end_value(s, c);
        return;
    case S_LIT:
        if (c == (unsigned char)*s->lit) {
            s->lit++;
            if (!*s->lit) s->state = S_END_VALUE;
            return;
        }
        js_error(s, c, cc_printf("in literal %s (expecting %s)", s->litname, js_quote_char((unsigned char)*s->lit)));
        return;
    }
}

/* scanner.go checkValid: NULL or the syntax error text */
static const char *js_check(const char *p, size_t n)
{
    JScan s = {0};
    s.state = S_BEGIN_VALUE;
    for (size_t i = 0; i < n; i++) {
        js_step(&s, (unsigned char)p[i]);
        if (s.state == S_ERROR) return s.err;
    }
    if (s.state == S_END_TOP) return NULL;
    js_step(&s, ' ');
    if (s.state == S_END_TOP) return NULL;
    if (s.state == S_ERROR) return s.err;
    return "unexpected end of JSON input";
}

const char *json_check(const char *s, size_t n) { return js_check(s, n); }

/* ---- decoding: building the value from validated text ---------------- */

/* Bytes that stand for themselves inside a string literal: printable
 * ASCII but the quote and the backslash. */
static const unsigned char js_plain[256] = {
    [0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7f] = 1,   /* not '"' (0x22), '\\' (0x5c) */
};

/* Past the plain bytes (js_plain) at p. The text must hold a non-plain
 * byte before or at end (a quote of validated input, the copy's NUL). */
static inline const char *js_skip_plain(const char *p, const char *end)
{
    while (end - p >= 8) {
        /* a byte >= 0x80, < 0x20, '"' or '\\': the first flagged is exact */
        uint64_t w = swar_load(p);
        uint64_t m = swar_high(w) | swar_below(w, 0x20) | swar_below(w ^ SWAR_ONES * '"', 1) |
                     swar_below(w ^ SWAR_ONES * '\\', 1);
        if (m) return p + swar_first(m);
        p += 8;
    }
    while (js_plain[(unsigned char)*p]) p++;
    return p;
}

typedef struct JDec { const char *p, *end; const char *err; } JDec;

static void jd_ws(JDec *d) { while (d->p < d->end && js_ws((unsigned char)*d->p)) d->p++; }

static int jd_hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

static void jd_put_rune(Buf *b, uint32_t r)
{
    char o[4];
    int n;
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    if (r < 0x80) { o[0] = (char)r; n = 1; }
    else if (r < 0x800) { o[0] = (char)(0xC0 | r >> 6); o[1] = (char)(0x80 | (r & 0x3F)); n = 2; }
    else if (r < 0x10000) {
        o[0] = (char)(0xE0 | r >> 12); o[1] = (char)(0x80 | ((r >> 6) & 0x3F)); o[2] = (char)(0x80 | (r & 0x3F)); n = 3;
    } else {
        o[0] = (char)(0xF0 | r >> 18); o[1] = (char)(0x80 | ((r >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((r >> 6) & 0x3F)); o[3] = (char)(0x80 | (r & 0x3F)); n = 4;
    }
    buf_put(b, o, (size_t)n);
}

/* decode.go unquote of the validated literal whose opening quote is at p:
 * escapes, surrogate pairs, invalid UTF-8 -> U+FFFD. Plain runs are
 * copied whole. Returns the text in an arena copy and sets *after past
 * the closing quote. */
static Value jd_unquote(const char *p, const char *end, const char **after)
{
    p++;
    Buf b = {0};
    for (;;) {
        const char *run = p;
        p = js_skip_plain(p, end);
        buf_put(&b, run, (size_t)(p - run));
        unsigned char c = (unsigned char)*p;
        if (c == '"') break;
        if (c == '\\') {
            char e = p[1];
            p += 2;
            switch (e) {
            case 'b': buf_putc(&b, '\b'); break;
            case 'f': buf_putc(&b, '\f'); break;
            case 'n': buf_putc(&b, '\n'); break;
            case 'r': buf_putc(&b, '\r'); break;
            case 't': buf_putc(&b, '\t'); break;
            case 'u': {
                uint32_t r = (uint32_t)jd_hex4(p);
                p += 4;
                if (r >= 0xD800 && r < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
                    uint32_t r2 = (uint32_t)jd_hex4(p + 2);
                    if (r2 >= 0xDC00 && r2 < 0xE000) {
                        r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                        p += 6;
                    } else {
                        r = 0xFFFD;
                    }
                }
                jd_put_rune(&b, r);
                break;
            }
            default: buf_putc(&b, e); break;
            }
            continue;
        }
        uint32_t r;
        int w = js_utf8_width((const unsigned char *)p, (size_t)(end - p), &r);
        if (!w) { buf_puts(&b, "\xef\xbf\xbd"); p++; continue; }
        buf_put(&b, p, (size_t)w);
        p += w;
    }
    *after = p + 1;
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

static Value jd_string(JDec *d) { return jd_unquote(d->p, d->end, &d->p); }

/* json_decode_numbers is running: overflow gives an infinity, underflow
 * of a number that is not zero the least float64, an integer literal
 * within int64 an int64 */
static int jd_keep_inf;

/* A number's float64 from its validated text [s, e): integers of up to
 * 15 digits are exact in a double; the rest go through strtod, correctly
 * rounded like strconv.ParseFloat. Overflow is decode.go's
 * UnmarshalTypeError (the first one is kept in *err). */
static Value jd_float(const char *s, const char *e, const char **err)
{
    size_t n = (size_t)(e - s);
    const char *q = s + (*s == '-');
    if (jd_keep_inf && !memchr(s, '.', n) && !memchr(s, 'e', n) && !memchr(s, 'E', n) && n < 21) {
        /* json.Number's Int64: an integer literal within int64 */
        char buf[24];
        memcpy(buf, s, n);
        buf[n] = 0;
        errno = 0;
        long long i = strtoll(buf, NULL, 10);
        if (!errno) return v_int64(i);
    }
    if (n - (size_t)(q - s) <= 15) {
        uint64_t u = 0;
        const char *t = q;
        while (t < e && *t >= '0' && *t <= '9') u = u * 10 + (uint64_t)(*t++ - '0');
        if (t == e) return v_float(*s == '-' ? -(double)u : (double)u);
    }
    char small[64], *t = n < sizeof small ? small : cc_alloc(n + 1);
    memcpy(t, s, n);
    t[n] = 0;
    double f = strtod(t, NULL);
    const char *nz = f == 0 && jd_keep_inf ? strpbrk(t, "123456789") : NULL;
    if (nz && nz < t + strcspn(t, "eE")) {
        /* below float64's least: json.Number keeps it above zero */
        f = *s == '-' ? -4.9406564584124654e-324 : 4.9406564584124654e-324;
    }
    if (isinf(f) && !jd_keep_inf) {
        if (!*err) *err = cc_printf("json: cannot unmarshal number %s into Go value of type float64", t);
        return v_nil();
    }
    return v_float(f);
}

static Value jd_number(JDec *d)
{
    const char *s = d->p;
    while (d->p < d->end && strchr("0123456789+-.eE", *d->p) && *d->p) d->p++;
    return jd_float(s, d->p, &d->err);
}

/* Iterative builder over validated input (nesting up to 10000 deep). */
typedef struct JFrame { Value c; Value key; } JFrame;

static Value jd_value(JDec *d)
{
    JFrame *st = NULL;
    size_t depth = 0, cap = 0;
    Value result = v_nil();
    for (;;) {
        jd_ws(d);
        Value v;
        int opened = 0;
        char c = *d->p;
        if (c == '{' || c == '[') {
            d->p++;
            if (depth == cap) {
                size_t nc = cap ? cap * 2 : 16;
                st = cc_grow(st, cap * sizeof *st, nc * sizeof *st);
                cap = nc;
            }
            st[depth].c = c == '{' ? v_newmap(0) : v_newlist(0);
            st[depth].key = v_nil();
            depth++;
            opened = 1;
        } else if (c == '"') v = jd_string(d);
        else if (c == 't') { v = v_bool(1); d->p += 4; }
        else if (c == 'f') { v = v_bool(0); d->p += 5; }
        else if (c == 'n') { v = v_nil(); d->p += 4; }
        else v = jd_number(d);
        if (opened) {
            jd_ws(d);
            JFrame *f = &st[depth - 1];
            if (f->c.t == VT_MAP && *d->p == '"') {
                f->key = jd_string(d);
                jd_ws(d);
                d->p++;   /* ':' */
                continue;
            }
            if (f->c.t == VT_LIST && *d->p != ']') continue;
            d->p++;      /* empty '}' or ']' */
            v = f->c;
            depth--;
        }
        /* store v into the enclosing container, closing as many as end here */
        for (;;) {
            if (!depth) { result = v; goto done; }
            JFrame *f = &st[depth - 1];
            if (f->c.t == VT_MAP) map_set(f->c.u.m, f->key.u.s, f->key.n, v);
            else list_push(f->c.u.l, v);
            jd_ws(d);
            if (*d->p == ',') {
                d->p++;
                if (f->c.t == VT_MAP) {
                    jd_ws(d);
                    f->key = jd_string(d);
                    jd_ws(d);
                    d->p++;   /* ':' */
                }
                break;
            }
            d->p++;   /* '}' or ']' */
            v = f->c;
            depth--;
        }
    }
done:
    return result;
}

/* ---- decoding: the fast path ----------------------------------------- */

/* One pass that checks the grammar as it builds the value, over an arena
 * copy of the text (NUL after its end). Anything it does not accept, or
 * nesting near the scanner's limit, makes it give up (returns 0); the
 * caller then runs the scanner for Go's exact message and the builder
 * above. So it must accept nothing that checkValid rejects; what it gives
 * up on it need not be wrong about. Plain string literals (no escape,
 * valid UTF-8) become strings in place: their closing quote is overwritten
 * with the NUL that ends them. A container's members wait on one shared
 * stack until it closes, then fill a map or list made at its final size. */
typedef struct JFEnt { const char *k; size_t kn; Value v; } JFEnt;
typedef struct JFFrame { size_t first; int obj; } JFFrame;

/* Skip JSON whitespace; 0 at the end of the text. Indentation is eaten
 * eight spaces at a time (the copy's NUL stops the byte loop). */
static int jf_ws_skip(const char **pp, const char *end)
{
    const char *p = *pp;
    for (;;) {
        if (*p == ' ') {
            while (end - p >= 8) {
                uint64_t w = swar_load(p) ^ (SWAR_ONES * ' ');
                if (w) { p += swar_first(w); break; }   /* the first byte that is not a space */
                p += 8;
            }
            while (*p == ' ') p++;
        } else if (*p == '\n' || *p == '\t' || *p == '\r') {
            p++;
        } else {
            break;
        }
    }
    *pp = p;
    return p < end;
}

/* The literal whose opening quote is at *pp (checked): its text in *s and *n,
 * in place when plain (then NUL-terminated if term) or decoded into the
 * arena. 0 when it is not a valid literal. */
static int jf_string(char **pp, const char *end, const char **s, size_t *n, int term)
{
    char *start = *pp + 1, *p = start;
    for (;;) {
        p = (char *)js_skip_plain(p, end);
        if (p >= end) return 0;
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            *s = start;
            *n = (size_t)(p - start);
            if (term) *p = 0;
            *pp = p + 1;
            return 1;
        }
        if (c < 0x80) break;    /* '\\' or a control character */
        uint32_t r;
        int w = js_utf8_width((const unsigned char *)p, (size_t)(end - p), &r);
        if (!w) break;
        p += w;
    }
    /* not plain: check the rest the way the scanner does, then unquote */
    for (;;) {
        if (p >= end) return 0;
        unsigned char c = (unsigned char)*p;
        if (c == '"') break;
        if (c < 0x20) return 0;
        if (c != '\\') { p++; continue; }
        if (end - p < 2) return 0;
        c = (unsigned char)p[1];
        if (c == 'u') {
            if (end - p < 6) return 0;
            for (int i = 2; i < 6; i++) if (!js_hex((unsigned char)p[i])) return 0;
            p += 6;
        } else if (c && strchr("bfnrt\\/\"", c)) {
            p += 2;
        } else {
            return 0;
        }
    }
    const char *after;
    Value v = jd_unquote(*pp, end, &after);
    *s = v.u.s;
    *n = v.n;
    *pp = (char *)after;
    return 1;
}

/* "key" ':' after an object's '{' or ',' (whitespace around it) into e */
static int jf_key(char **pp, const char *end, JFEnt *e)
{
    const char *cp = *pp;
    if (!jf_ws_skip(&cp, end) || *cp != '"') return 0;
    char *p = (char *)cp;
    if (!jf_string(&p, end, &e->k, &e->kn, 0)) return 0;
    cp = p;
    if (!jf_ws_skip(&cp, end) || *cp != ':') return 0;
    *pp = (char *)cp + 1;
    return 1;
}

static int jf_decode(char *p, const char *end, Value *out, const char **err)
{
    JFFrame *st = NULL;
    JFEnt *es = NULL;
    size_t depth = 0, cap = 0, ne = 0, ecap = 0;
    const char *cp;
#define JF_ENT() do { if (ne == ecap) { size_t nc_ = ecap ? ecap * 2 : 64; \
        es = cc_grow(es, ecap * sizeof *es, nc_ * sizeof *es); ecap = nc_; } } while (0)
    for (;;) {
        Value v;
        cp = p;
        if (!jf_ws_skip(&cp, end)) return 0;
        p = (char *)cp;
        switch (*p) {
        case '{': case '[': {
            if (depth == JS_MAX_DEPTH) return 0;   /* the scanner's limit is near: its message */
            if (depth == cap) {
                size_t nc = cap ? cap * 2 : 16;
                st = cc_grow(st, cap * sizeof *st, nc * sizeof *st);
                cap = nc;
            }
            int obj = *p++ == '{';
            JF_ENT();           /* es[ne]: this container's own place in its parent */
            st[depth++] = (JFFrame){++ne, obj};
            cp = p;
            if (!jf_ws_skip(&cp, end)) return 0;
            p = (char *)cp;
            if (*p == (obj ? '}' : ']')) {
                p++;
                v = obj ? v_newmap(0) : v_newlist(0);
                ne--;
                depth--;
                break;
            }
            JF_ENT();
            if (obj && !jf_key(&p, end, &es[ne])) return 0;
            continue;
        }
        case '"': {
            const char *s;
            size_t n;
            if (!jf_string(&p, end, &s, &n, 1)) return 0;
            v = v_str(s, n);
            break;
        }
        case 't':
            if (end - p < 4 || memcmp(p, "true", 4)) return 0;
            v = v_bool(1); p += 4;
            break;
        case 'f':
            if (end - p < 5 || memcmp(p, "false", 5)) return 0;
            v = v_bool(0); p += 5;
            break;
        case 'n':
            if (end - p < 4 || memcmp(p, "null", 4)) return 0;
            v = v_nil(); p += 4;
            break;
        default: {
            /* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
            char *s = p;
            if (*p == '-') p++;
            if (p < end && *p == '0') p++;
            else if (p < end && *p >= '1' && *p <= '9') while (p < end && js_digit((unsigned char)*p)) p++;
            else return 0;
            if (p < end && *p == '.') {
                p++;
                if (p >= end || !js_digit((unsigned char)*p)) return 0;
                while (p < end && js_digit((unsigned char)*p)) p++;
            }
            if (p < end && (*p == 'e' || *p == 'E')) {
                p++;
                if (p < end && (*p == '+' || *p == '-')) p++;
                if (p >= end || !js_digit((unsigned char)*p)) return 0;
                while (p < end && js_digit((unsigned char)*p)) p++;
            }
            v = jd_float(s, p, err);
            break;
        }
        }
        /* v goes to es[ne] (its key already there); close as many
         * containers as end here */
        for (;;) {
            cp = p;
            int more = jf_ws_skip(&cp, end);
            p = (char *)cp;
            if (!depth) {
                if (more) return 0;
                *out = v;
                return 1;
            }
            if (!more) return 0;
            JFFrame *f = &st[depth - 1];
            es[ne++].v = v;
            if (*p == ',') {
                p++;
                JF_ENT();
                if (f->obj && !jf_key(&p, end, &es[ne])) return 0;
                break;
            }
            if (*p != (f->obj ? '}' : ']')) return 0;
            p++;
            size_t k = ne - f->first;
            JFEnt *m = es + f->first;
            if (f->obj) {
                v = v_newmap(k);
                for (size_t i = 0; i < k; i++) map_set(v.u.m, m[i].k, m[i].kn, m[i].v);   /* a repeated key: the last wins */
            } else {
                v = v_newlist(k);
                for (size_t i = 0; i < k; i++) v.u.l->v[i] = m[i].v;
                v.u.l->len = (uint32_t)k;
            }
            ne = f->first - 1;
            depth--;
        }
    }
#undef JF_ENT
}

const char *json_decode(const char *s, size_t n, Value *out)
{
    *out = v_nil();
    /* the copy ends in a NUL, so string scans stop at the end */
    char *t = cc_strndup(s, n);
    const char *err = NULL;
    if (jf_decode(t, t + n, out, &err)) return err;
    *out = v_nil();
    err = js_check(s, n);
    if (err) return err;
    t = cc_strndup(s, n);
    JDec d = {t, t + n, NULL};
    *out = jd_value(&d);
    return d.err;
}

const char *json_decode_numbers(const char *s, size_t n, Value *out)
{
    jd_keep_inf = 1;
    const char *err = json_decode(s, n, out);
    jd_keep_inf = 0;
    return err;
}
