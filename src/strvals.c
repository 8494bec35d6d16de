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
#include <strings.h>
#include "values_priv.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/regexp.h"

#define SV_MAX_INDEX 65536
#define SV_MAX_NEST 30

/* sentinel "errors" */
static const char SV_EOF[] = "EOF";
static const char SV_NOTLIST[] = "not a list";
/* fmt.Errorf("error parsing index: %w", io.EOF): v4's parse() stops on it
 * without an error (errors.Is(err, io.EOF)), v3's (err == io.EOF) fails */
static const char SV_INDEX_EOF[] = "error parsing index: EOF";

static const char *sv_index_err(const char *e)
{
    return e == SV_EOF ? SV_INDEX_EOF : cc_printf("error parsing index: %s", e);
}

typedef struct SvParser {
    const char *s, *end;   /* remaining input */
    int mode;
} SvParser;

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

/* fmt's %q of a []rune: ['a' 'b'] */
static const char *sv_q_runes(const char *s, size_t n)
{
    Buf b = {0};
    buf_putc(&b, '[');
    for (size_t i = 0, w; i < n; i += w) {
        int r = rx_rune(s + i, n - i, &w);
        Value v = v_int64(r < 0 ? 0xFFFD : r);
        if (i) buf_putc(&b, ' ');
        go_sprintf(&b, "%q", 2, 1, &v);
    }
    buf_putc(&b, ']');
    char *res = buf_arena(&b);
    buf_free(&b);
    return res;
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

/* A values file or --set-file path that is a URL with a scheme Helm has
 * a getter for (http, https, oci: pkg/cli/values/options.go readFile):
 * chartc has no network. */
const char *values_remote(const char *path)
{
    static const char *const remote[] = {"http:", "https:", "oci:", NULL};
    for (int i = 0; remote[i]; i++)
        if (!strncasecmp(path, remote[i], strlen(remote[i])))
            return cc_printf("remote values files are not supported (%s): chartc reads local files only", path);
    return NULL;
}

/* The value reader: typed, string, or file contents. */
static const char *sv_read(SvParser *t, const char *s, size_t n, Value *out)
{
    if (t->mode == SV_FILE) {
        char *path = cc_strndup(s, n);
        const char *rerr = values_remote(path);
        if (rerr) return rerr;
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

/* setIndex: grows the list with nils (in place, capacity doubling: Go makes
 * a new slice, and the only holder of the old one is the caller). */
static const char *sv_set_index(Value *list, long long i, Value v)
{
    if (i < 0) return cc_printf("negative %lld index not allowed", i);
    if (i > SV_MAX_INDEX)
        return cc_printf("index of %lld is greater than maximum supported index of %d", i, SV_MAX_INDEX);
    if (list->t != VT_LIST || !list->u.l) *list = v_newlist(i + 1);
    List *l = list->u.l;
    while (l->len <= (uint32_t)i) list_push(l, v_nil());
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
            e = cc_printf("strconv.Atoi: parsing %s: value out of range", go_quoted(s, n));
        }
    } else {
        e = cc_printf("strconv.Atoi: parsing %s: invalid syntax", go_quoted(s, n));
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

/*
 * One `key...=value` assignment: Helm's parser.key and parser.listItem call
 * each other once per '.' or '[i]' of the path, so `a[0][0]...[0]=1` nests
 * as deep as the argument is long (43,000 levels in a 128 KiB argument).
 * Here the descent is a loop and the work each Go call does after its
 * callee returns (storing the map or list it filled into its parent) is a
 * frame on an explicit stack, run in reverse on the way out.
 */
enum { SF_KEY_LIST, SF_KEY_MAP, SF_ITEM_LIST, SF_ITEM_MAP };

typedef struct SvFrame {
    int kind;
    Value data;              /* SF_KEY_*: the map the key is set in */
    const char *key;         /* SF_KEY_* */
    size_t kn;
    long long i;             /* SF_ITEM_*: the index in the parent's list */
    Value child;             /* the list (SF_*_LIST) or map (SF_*_MAP) below */
} SvFrame;

typedef struct SvStack { SvFrame *v; size_t n, cap; } SvStack;

static SvFrame *sv_push(SvStack *st, int kind)
{
    if (st->n == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 16;
        st->v = realloc(st->v, st->cap * sizeof *st->v);
        if (!st->v) cc_oom();
    }
    SvFrame *f = &st->v[st->n++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    return f;
}

/* Pushes the frame of key in map data, whose value is to be a list
 * (SF_KEY_LIST) or a map (SF_KEY_MAP): the one there, else a new one.
 * Returns Go's failed type assertion when the value there is of another
 * type. */
static const char *sv_push_key(SvStack *st, int kind, Value data, const char *key, size_t kn)
{
    int list = kind == SF_KEY_LIST;
    Value *ex = map_get(data.u.m, key, kn);
    if (ex && ex->t != (list ? VT_LIST : VT_MAP)) return sv_panic(*ex, list ? "[]interface {}" : "map[string]interface {}");
    SvFrame *f = sv_push(st, kind);
    f->data = data;
    f->key = key;
    f->kn = kn;
    f->child = ex ? *ex : list ? v_newlist(0) : v_newmap(4);
    return NULL;
}

/* key: `=` reached: the value for data[key] */
static const char *sv_key_value(SvParser *t, Value data, const char *key, size_t kn)
{
    int last;
    const char *e;
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

/* listItem: `=` reached: the value for list[i] */
static const char *sv_item_value(SvParser *t, Value *list, long long i)
{
    int last;
    const char *e;
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

/* parser.key on data for one assignment; NULL, SV_EOF or an error. */
static const char *sv_assign(SvParser *t, Value data, SvStack *st)
{
    const char *e = NULL;
    int nest = 0, last;
    long long i = 0;
    int in_item = 0;         /* 1: at listItem(top frame's child, i) */
    st->n = 0;
    for (;;) {
        if (!in_item) {                      /* ---- key ---- */
            Buf k = {0};
            e = sv_until(t, t->mode == SV_LITERAL ? "=[." : "=[,.", &k, &last);
            char *key = k.len ? buf_arena(&k) : "";
            size_t kn = k.len;
            buf_free(&k);
            if (e) {
                if (kn) e = cc_printf("key %s has no value", go_quoted(key, kn));
                break;
            }
            if (last == '[') {
                if ((e = sv_key_index(t, &i))) { e = sv_index_err(e); break; }
                if ((e = sv_push_key(st, SF_KEY_LIST, data, key, kn))) break;
                in_item = 1;
                continue;
            }
            if (last == '=') { e = sv_key_value(t, data, key, kn); break; }
            if (last == ',') {
                sv_set(data, key, kn, v_cstr(""));
                e = cc_printf("key %s has no value (cannot end with ,)", go_quoted(key, kn));
                break;
            }
            /* '.' */
            if (++nest > SV_MAX_NEST) {
                e = cc_printf("value name nested level is greater than maximum supported nested level of %d", SV_MAX_NEST);
                break;
            }
            if ((e = sv_push_key(st, SF_KEY_MAP, data, key, kn))) break;
            data = st->v[st->n - 1].child;
            continue;
        }
        /* ---- listItem(list, i): list is the top frame's child ---- */
        Value *list = &st->v[st->n - 1].child;
        if (i < 0) { e = cc_printf("negative %lld index not allowed", i); break; }
        Buf k = {0};
        e = sv_until(t, "[.=", &k, &last);
        if (k.len > 0) {
            e = cc_printf("unexpected data at end of array index: %s", sv_q_runes(k.p, k.len));
            buf_free(&k);
            break;
        }
        buf_free(&k);
        if (e) break;
        if (last == '=') { e = sv_item_value(t, list, i); break; }
        if (last == '[') {
            long long next;
            if ((e = sv_key_index(t, &next))) { e = sv_index_err(e); break; }
            Value cur = v_nil();
            if (list->t == VT_LIST && list->u.l && list->u.l->len > (uint64_t)i) {
                Value ex = list->u.l->v[i];
                if (ex.t != VT_NIL) {
                    if (ex.t != VT_LIST) { e = sv_panic(ex, "[]interface {}"); break; }
                    cur = ex;
                }
            }
            SvFrame *f = sv_push(st, SF_ITEM_LIST);
            f->i = i; f->child = cur;
            i = next;
            continue;
        }
        if (last == '.') {
            Value inner = v_newmap(4);
            if (list->t == VT_LIST && list->u.l && list->u.l->len > (uint64_t)i) {
                Value ex = list->u.l->v[i];
                if (ex.t == VT_MAP) inner = ex;
                else list->u.l->v[i] = inner;
            }
            SvFrame *f = sv_push(st, SF_ITEM_MAP);
            f->i = i; f->child = inner;
            data = inner;
            in_item = 0;
            continue;
        }
        e = cc_printf("parse error: unexpected token %d", last);
        break;
    }
    /* the way back up: what each key / listItem call does after its callee */
    while (st->n) {
        SvFrame f = st->v[--st->n];
        Value *parent = st->n ? &st->v[st->n - 1].child : NULL;
        switch (f.kind) {
        case SF_KEY_LIST:
            sv_set(f.data, f.key, f.kn, f.child);
            break;
        case SF_KEY_MAP:
            if (!e && f.child.u.m->len == 0) e = cc_printf("key map %s has no value", go_quoted(f.key, f.kn));
            if (f.child.u.m->len != 0) sv_set(f.data, f.key, f.kn, f.child);
            break;
        case SF_ITEM_LIST:
            if (e) break;
            if (f.child.t != VT_LIST) f.child = v_newlist(0);
            e = sv_set_index(parent, f.i, f.child);
            break;
        case SF_ITEM_MAP:
            if (!e) e = sv_set_index(parent, f.i, f.child);
            break;
        }
    }
    return e;
}

const char *strvals_parse_into(const char *s, Value dest, int mode)
{
    SvParser t = {s, s + strlen(s), mode};
    SvStack st = {0};
    const char *e;
    while (!(e = sv_assign(&t, dest, &st))) {}
    free(st.v);
    return e == SV_EOF || (e == SV_INDEX_EOF && cc_helm_major >= 4) ? NULL : e;
}
