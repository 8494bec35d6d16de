/*
 * strvals.c - the --set / --set-string / --set-file / --set-json /
 * --set-literal grammar. Mirrors helm v4.1.4 pkg/strvals/parser.go and
 * literal_parser.go, including the panics recovered as
 * "unable to parse key: interface conversion: ...".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "values_priv.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"

#define SV_MAX_INDEX 65536
#define SV_MAX_NEST 30

/* sentinel "errors" */
static const char SV_EOF[] = "EOF";
static const char SV_NOTLIST[] = "not a list";

typedef struct SvParser {
    const char *s, *end;   /* remaining input */
    int mode;
} SvParser;

static const char *sv_q(const char *s, size_t n)
{
    Buf b = {0};
    go_quote(&b, s, n, 0);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* runesUntil: read up to a stop byte, `\` escaping (not in literal mode).
 * Returns SV_EOF at end of input; *last = the stop char. */
static const char *sv_until(SvParser *t, const char *stop, Buf *out, int *last)
{
    int esc = t->mode != SV_LITERAL;
    *last = 0;
    while (t->s < t->end) {
        char c = *t->s++;
        if (c && strchr(stop, c)) { *last = c; return NULL; }
        if (c == '\\' && esc) {
            if (t->s >= t->end) return SV_EOF;
            c = *t->s++;
        }
        buf_putc(out, c);
    }
    return SV_EOF;
}

static const char *type_name(Value v)
{
    return v.t == VT_NIL ? "nil" : v_gotype(v);
}

static const char *sv_panic(Value have, const char *want)
{
    return cc_printf("unable to parse key: interface conversion: interface {} is %s, not %s",
                     type_name(have), want);
}

/* typedVal */
static Value sv_typed(const char *s, size_t n, int st)
{
    if (st) return v_strdup(s, n);
    if (n == 4 && !strncasecmp(s, "true", 4)) return v_bool(1);
    if (n == 5 && !strncasecmp(s, "false", 5)) return v_bool(0);
    if (n == 4 && !strncasecmp(s, "null", 4)) return v_nil();
    if (n == 1 && s[0] == '0') return v_int64(0);
    if (n && s[0] != '0') {
        /* strconv.ParseInt(s, 10, 64): optional sign, digits only */
        size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
        int ok = i < n;
        for (size_t j = i; j < n; j++) if (s[j] < '0' || s[j] > '9') { ok = 0; break; }
        if (ok) {
            char *tmp = cc_strndup(s, n);
            errno = 0;
            long long v = strtoll(tmp, NULL, 10);
            if (errno == 0) return v_int64(v);
        }
    }
    return v_strdup(s, n);
}

/* The value reader: typed, string, or file contents. */
static const char *sv_read(SvParser *t, const char *s, size_t n, Value *out)
{
    if (t->mode == SV_FILE) {
        char *path = cc_strndup(s, n);
        const char *p = path;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        FILE *f = NULL;
        int isstdin = !strcmp(p, "-") || (p[0] == '-' && strspn(p + 1, " \t\r\n") == strlen(p + 1));
        if (isstdin) f = stdin;
        else f = fopen(path, "rb");
        if (!f) return cc_printf("open %s: %s", path, errno == ENOENT ? "no such file or directory" : strerror(errno));
        Buf b = {0};
        char tmp[65536];
        size_t k;
        while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, k);
        int bad = ferror(f);
        if (f != stdin) fclose(f);
        if (bad) { buf_free(&b); return cc_printf("read %s: is a directory", path); }
        *out = v_buf(&b);
        buf_free(&b);
        return NULL;
    }
    *out = sv_typed(s, n, t->mode == SV_STRING);
    return NULL;
}

static void sv_set(Value data, const char *k, size_t kn, Value v)
{
    if (kn == 0) return;
    map_set(data.u.m, k, kn, v);
}

/* setIndex: grows the list with nils; returns the (possibly new) list. */
static const char *sv_set_index(Value *list, long long i, Value v)
{
    if (i < 0) return cc_printf("negative %lld index not allowed", i);
    if (i > SV_MAX_INDEX)
        return cc_printf("index of %lld is greater than maximum supported index of %d", i, SV_MAX_INDEX);
    if (list->t != VT_LIST) *list = v_newlist(i + 1);
    List *l = list->u.l;
    if (l->len <= (uint32_t)i) {
        List *nl = list_new(i + 1);
        for (uint32_t j = 0; j < l->len; j++) list_push(nl, l->v[j]);
        while (nl->len <= (uint32_t)i) list_push(nl, v_nil());
        *list = v_list(nl);
        l = nl;
    }
    l->v[i] = v;
    return NULL;
}

/* keyIndex: strconv.Atoi of the text up to ']' */
static const char *sv_key_index(SvParser *t, long long *out)
{
    Buf b = {0};
    int last;
    const char *e = sv_until(t, "]", &b, &last);
    if (e) { buf_free(&b); return e; }
    const char *s = buf_cstr(&b);
    size_t n = b.len, i = (n && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    int ok = i < n;
    for (size_t j = i; j < n; j++) if (s[j] < '0' || s[j] > '9') { ok = 0; break; }
    if (ok) {
        errno = 0;
        *out = strtoll(s, NULL, 10);
        if (errno) {
            e = cc_printf("strconv.Atoi: parsing %s: value out of range", sv_q(s, n));
        }
    } else {
        e = cc_printf("strconv.Atoi: parsing %s: invalid syntax", sv_q(s, n));
    }
    buf_free(&b);
    return e;
}

/* emptyVal: skip spaces; true at end or ',' */
static int sv_empty_val(SvParser *t)
{
    while (t->s < t->end) {
        char c = *t->s;
        if (c == ',') { t->s++; return 1; }
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')) return 0;
        t->s++;
    }
    return 1;
}

/* Length of the first JSON value at s (after leading space), as
 * json.Decoder.InputOffset would report; 0 if unterminated. */
static size_t sv_json_len(const char *s, const char *end)
{
    const char *p = s;
    while (p < end && strchr(" \t\r\n", *p)) p++;
    if (p >= end) return 0;
    int depth = 0;
    do {
        char c = *p;
        if (c == '"') {
            p++;
            while (p < end && *p != '"') { if (*p == '\\') p++; p++; }
            if (p >= end) return 0;
            p++;
        } else if (c == '{' || c == '[') { depth++; p++; }
        else if (c == '}' || c == ']') { depth--; p++; }
        else if (c == ',' || c == ':' || strchr(" \t\r\n", c)) { p++; }
        else {
            while (p < end && !strchr(",:{}[]\" \t\r\n", *p)) p++;
        }
        if (depth < 0) return 0;
    } while (depth > 0 && p < end);
    if (depth) return 0;
    return p - s;
}

static const char *sv_json_val(SvParser *t, Value *out)
{
    size_t n = sv_json_len(t->s, t->end);
    if (n == 0) return "unexpected EOF";
    const char *err = json_decode(t->s, n, out);
    if (err) return err;
    t->s += n;
    return NULL;
}

/* valList: `{a,b}`; SV_NOTLIST when the value does not start with '{'. */
static const char *sv_val_list(SvParser *t, Value *out)
{
    if (t->s >= t->end) return SV_EOF;
    if (*t->s != '{') return SV_NOTLIST;
    t->s++;
    Value list = v_newlist(4);
    *out = list;
    for (;;) {
        Buf b = {0};
        int last;
        const char *e = sv_until(t, ",}", &b, &last);
        if (e) { buf_free(&b); return "list must terminate with '}'"; }
        Value v;
        e = sv_read(t, b.p ? b.p : "", b.len, &v);
        buf_free(&b);
        if (last == '}') {
            if (t->s < t->end && *t->s == ',') t->s++;
            list_push(list.u.l, v);
            return e;
        }
        if (e) return e;
        list_push(list.u.l, v);
    }
}

static const char *sv_key(SvParser *t, Value data, int nest);

static const char *sv_list_item(SvParser *t, Value *list, long long i, int nest)
{
    if (i < 0) return cc_printf("negative %lld index not allowed", i);
    Buf k = {0};
    int last;
    const char *e = sv_until(t, t->mode == SV_LITERAL ? "[.=" : "[.=", &k, &last);
    if (k.len > 0) {
        const char *r = cc_printf("unexpected data at end of array index: %s", sv_q(k.p, k.len));
        buf_free(&k);
        return r;
    }
    buf_free(&k);
    if (e) return e;
    if (last == '=') {
        if (t->mode == SV_LITERAL) {
            Value v = v_strdup(t->s, t->end - t->s);
            t->s = t->end;
            return sv_set_index(list, i, v);
        }
        if (t->mode == SV_JSON) {
            if (sv_empty_val(t)) return sv_set_index(list, i, v_nil());
            Value jv;
            if ((e = sv_json_val(t, &jv))) return e;
            if ((e = sv_set_index(list, i, jv))) return e;
            sv_empty_val(t);
            return NULL;
        }
        Value vl;
        e = sv_val_list(t, &vl);
        if (!e) return sv_set_index(list, i, vl);
        if (e == SV_EOF) return sv_set_index(list, i, v_cstr(""));
        if (e != SV_NOTLIST) return e;
        Buf b = {0};
        sv_until(t, ",", &b, &last);
        Value v;
        e = sv_read(t, b.p ? b.p : "", b.len, &v);
        buf_free(&b);
        if (e) return e;
        return sv_set_index(list, i, v);
    }
    if (last == '[') {
        long long next;
        if ((e = sv_key_index(t, &next))) return cc_printf("error parsing index: %s", e);
        Value cur = v_nil();
        if (list->t == VT_LIST && list->u.l->len > (uint64_t)i) {
            Value ex = list->u.l->v[i];
            if (ex.t != VT_NIL) {
                if (ex.t != VT_LIST) return sv_panic(ex, "[]interface {}");
                cur = ex;
            }
        }
        if ((e = sv_list_item(t, &cur, next, nest))) return e;
        if (cur.t != VT_LIST) cur = v_newlist(0);
        return sv_set_index(list, i, cur);
    }
    if (last == '.') {
        Value inner = v_newmap(4);
        if (list->t == VT_LIST && list->u.l->len > (uint64_t)i) {
            Value ex = list->u.l->v[i];
            if (ex.t == VT_MAP) inner = ex;
            else list->u.l->v[i] = inner;
        }
        if ((e = sv_key(t, inner, nest))) return e;
        return sv_set_index(list, i, inner);
    }
    return cc_printf("parse error: unexpected token %d", last);
}

static const char *sv_key(SvParser *t, Value data, int nest)
{
    Buf k = {0};
    int last;
    const char *e = sv_until(t, t->mode == SV_LITERAL ? "=[." : "=[,.", &k, &last);
    char *key = k.len ? buf_arena(&k) : "";
    size_t kn = k.len;
    buf_free(&k);
    if (e) {
        if (kn == 0) return e;
        return cc_printf("key %s has no value", sv_q(key, kn));
    }
    if (last == '[') {
        long long i;
        if ((e = sv_key_index(t, &i))) return cc_printf("error parsing index: %s", e);
        Value list = v_newlist(0);
        Value *ex = map_get(data.u.m, key, kn);
        if (ex) {
            if (ex->t != VT_LIST) return sv_panic(*ex, "[]interface {}");
            list = *ex;
        }
        e = sv_list_item(t, &list, i, nest);
        sv_set(data, key, kn, list);
        return e;
    }
    if (last == '=') {
        if (t->mode == SV_LITERAL) {
            sv_set(data, key, kn, v_strdup(t->s, t->end - t->s));
            t->s = t->end;
            return NULL;
        }
        if (t->mode == SV_JSON) {
            if (sv_empty_val(t)) { sv_set(data, key, kn, v_nil()); return NULL; }
            Value jv;
            if ((e = sv_json_val(t, &jv))) return e;
            sv_set(data, key, kn, jv);
            sv_empty_val(t);
            return NULL;
        }
        Value vl;
        e = sv_val_list(t, &vl);
        if (!e) { sv_set(data, key, kn, vl); return NULL; }
        if (e == SV_EOF) { sv_set(data, key, kn, v_cstr("")); return e; }
        if (e != SV_NOTLIST) return e;
        Buf b = {0};
        sv_until(t, ",", &b, &last);
        Value v;
        e = sv_read(t, b.p ? b.p : "", b.len, &v);
        buf_free(&b);
        if (!e) sv_set(data, key, kn, v);
        return e;
    }
    if (last == ',') {
        sv_set(data, key, kn, v_cstr(""));
        return cc_printf("key %s has no value (cannot end with ,)", sv_q(key, kn));
    }
    /* '.' */
    if (++nest > SV_MAX_NEST)
        return cc_printf("value name nested level is greater than maximum supported nested level of %d", SV_MAX_NEST);
    Value inner = v_newmap(4);
    Value *ex = map_get(data.u.m, key, kn);
    if (ex) {
        if (ex->t != VT_MAP) return sv_panic(*ex, "map[string]interface {}");
        inner = *ex;
    }
    e = sv_key(t, inner, nest);
    if (!e && inner.u.m->len == 0) return cc_printf("key map %s has no value", sv_q(key, kn));
    if (inner.u.m->len != 0) sv_set(data, key, kn, inner);
    return e;
}

const char *strvals_parse_into(const char *s, Value dest, int mode)
{
    SvParser t = {s, s + strlen(s), mode};
    for (;;) {
        const char *e = sv_key(&t, dest, 0);
        if (!e) continue;
        if (e == SV_EOF) return NULL;
        return e;
    }
}
