/*
 * fn_yaml.c - Helm's YAML template functions (mirrors helm v4.1.4
 * pkg/engine/funcs.go toYAML, mustToYAML, toYAMLPretty, fromYAML,
 * fromYAMLArray). The codecs themselves live in yaml_load.c / yaml_emit.c.
 */
#include "chartc/codec.h"
#include "chartc/func.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fn_int.h"
#include "yaml_priv.h"

/* strings.TrimSuffix(s, "\n") of a Buf, as an arena string */
static Value yaml_result(Buf *b)
{
    if (b->len && b->p[b->len - 1] == '\n') b->len--;
    Value v = v_buf(b);
    buf_free(b);
    return v;
}

Value fn_to_yaml(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    const char *err = yaml_dump(&b, argv[0]);
    if (err) {
        buf_free(&b);
        if (vw_fatal(err)) fn_error(x, "%s", err);   /* Go's stack overflows */
        return v_str("", 0);
    }
    return yaml_result(&b);
}

Value fn_must_to_yaml(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    const char *err = yaml_dump(&b, argv[0]);
    if (err) { buf_free(&b); fn_error(x, "%s", err); }
    return yaml_result(&b);
}

Value fn_to_yaml_pretty(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    const char *err = yaml_dump_pretty(&b, argv[0]);
    if (err) {
        buf_free(&b);
        if (vw_fatal(err)) fn_error(x, "%s", err);
        return v_str("", 0);
    }
    return yaml_result(&b);
}

/* encoding/json's name for the JSON kind of a decoded value */
static const char *json_kind(Value v)
{
    switch (v.t) {
    case VT_LIST: return "array";
    case VT_MAP: return "object";
    case VT_STR: return "string";
    case VT_BOOL: return "bool";
    default: return "number";
    }
}

/* sigs.k8s.io/yaml.Unmarshal into a map[string]interface{} or []interface{}
 * target: returns NULL and sets *out, or the error text. */
static const char *yaml_unmarshal_as(Value s, int want, Value *out)
{
    Value v;
    const char *err = yaml_load(s.u.s, s.n, &v);
    if (err) return err;
    if (v.t == VT_NIL) { *out = want == VT_MAP ? v_newmap(0) : v_newlist(0); return NULL; }
    if (v.t != want)
        return cc_printf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type %s",
                         json_kind(v), want == VT_MAP ? "map[string]interface {}" : "[]interface {}");
    *out = v;
    return NULL;
}

Value fn_from_yaml(Exec *x, int argc, Value *argv)
{
    Value m;
    const char *err = yaml_unmarshal_as(argv[0], VT_MAP, &m);
    if (err) {
        m = v_newmap(1);
        map_setc(m.u.m, "Error", v_cstr(err));
    }
    return m;
}

Value fn_from_yaml_array(Exec *x, int argc, Value *argv)
{
    Value l;
    const char *err = yaml_unmarshal_as(argv[0], VT_LIST, &l);
    if (err) {
        l = v_newlist(1);
        list_push(l.u.l, v_cstr(err));
    }
    return l;
}

/* ---- toToml: BurntSushi/toml Encoder (v1.6.0 in Helm 4, v1.4.0 in 3) ---- */

typedef struct TKey { const char *s; size_t n; } TKey;
typedef struct Toml {
    Buf *b;
    int written;         /* Encoder.hasWritten */
    const char *err;
    TKey *key;           /* the table path (arena, grown by doubling) */
    int nkey, capkey;
    VWalk w;             /* BurntSushi has no cycle check (Go's stack overflows) */
} Toml;

enum { TT_NIL, TT_SCALAR, TT_ARRAY, TT_TABLE, TT_TABLES };

/* the data form of Go objects; a time.Time stays itself (a TOML datetime) */
static Value toml_data(Value v)
{
    while (v.t == VT_OBJ && strcmp(v.u.o->type->gotype, "time.Time") != 0)
        v = v.u.o->type->to_data ? v.u.o->type->to_data(v.u.o) : v_nil();
    return v;
}

static void tw(Toml *T, const char *s, size_t n) { buf_put(T->b, s, n); T->written = 1; }
static void tws(Toml *T, const char *s) { tw(T, s, strlen(s)); }
static void tnl(Toml *T) { if (T->written) tws(T, "\n"); }
static void tindent(Toml *T, int n) { for (int i = 0; i < n; i++) tws(T, "  "); }

/* tomlTypeOfGo, with isTableArray's refusal of nil elements */
static int toml_type(Toml *T, Value v)
{
    v = toml_data(v);
    switch (v.t) {
    case VT_NIL: return TT_NIL;
    case VT_MAP: return TT_TABLE;
    case VT_LIST: {
        if (!v.u.l || !v.u.l->len) return TT_ARRAY;
        int all = 1;
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            int t = toml_type(T, v.u.l->v[i]);
            if (t == TT_NIL) { if (!T->err) T->err = "toml: cannot encode array with nil element"; return TT_ARRAY; }
            if (t != TT_TABLE) all = 0;
        }
        return all ? TT_TABLES : TT_ARRAY;
    }
    case VT_STR: return v.g == GT_BYTES ? TT_ARRAY : TT_SCALAR;
    default: return TT_SCALAR;
    }
}

static void toml_quote(Toml *T, const char *s, size_t n)
{
    Buf q = {0};
    buf_putc(&q, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        static const char esc[] = {['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r'};
        if (c == '"' || c == '\\') { buf_putc(&q, '\\'); buf_putc(&q, (char)c); }
        else if (c < sizeof esc && esc[c]) { buf_putc(&q, '\\'); buf_putc(&q, esc[c]); }
        else if (c < 0x20 || c == 0x7F) buf_printf(&q, "\\u%04x", c);
        else buf_putc(&q, (char)c);
    }
    buf_putc(&q, '"');
    tw(T, q.p, q.len);
    buf_free(&q);
}

static void toml_keypart(Toml *T, const char *s, size_t n)
{
    int bare = n > 0;
    for (size_t i = 0; i < n && bare; i++) {
        char c = s[i];
        bare = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
    if (bare) tw(T, s, n);
    else toml_quote(T, s, n);
}

static void toml_keystr(Toml *T)
{
    for (int i = 0; i < T->nkey; i++) {
        if (i) tws(T, ".");
        toml_keypart(T, T->key[i].s, T->key[i].n);
    }
}

static void toml_map(Toml *T, Value v, int inline_);

static void toml_element(Toml *T, Value v)
{
    v = toml_data(v);
    char tmp[64];
    switch (v.t) {
    case VT_BOOL: tws(T, v.u.b ? "true" : "false"); break;
    case VT_INT: snprintf(tmp, sizeof tmp, "%lld", (long long)v.u.i); tws(T, tmp); break;
    case VT_FLOAT: {
        double f = v.u.f;
        if (isnan(f) || isinf(f)) { tws(T, signbit(f) ? "-" : ""); tws(T, isnan(f) ? "nan" : "inf"); break; }
        Buf b = {0};
        if (cc_helm_major >= 4) yaml_fmt_g(&b, f, 64); else yaml_fmt_f(&b, f);
        const char *s = buf_cstr(&b);
        tws(T, s);
        if (!strchr(s, '.') && !strchr(s, 'e')) tws(T, ".0");
        buf_free(&b);
        break;
    }
    case VT_STR:
        if (v.g == GT_BYTES) {
            tws(T, "[");
            for (uint32_t i = 0; i < v.n; i++) {
                snprintf(tmp, sizeof tmp, "%s%u", i ? ", " : "", (unsigned char)v.u.s[i]);
                tws(T, tmp);
            }
            tws(T, "]");
        } else toml_quote(T, v.u.s, v.n);
        break;
    case VT_LIST:
        tws(T, "[");
        for (uint32_t i = 0; v.u.l && i < v.u.l->len; i++) {
            if (toml_data(v.u.l->v[i]).t == VT_NIL) {
                if (!T->err) T->err = "toml: cannot encode array with nil element";
                return;
            }
            toml_element(T, v.u.l->v[i]);
            if (i + 1 != v.u.l->len) tws(T, ", ");
        }
        tws(T, "]");
        break;
    case VT_MAP: toml_map(T, v, 1); break;
    case VT_OBJ: {
        Buf b = {0};
        fn_toml_time(&b, v);
        tw(T, b.p, b.len);
        buf_free(&b);
        break;
    }
    default:
        if (!T->err) T->err = "toml: cannot encode a nil value";
    }
}

static void toml_kv(Toml *T, Value v, int inline_)
{
    if (T->nkey == 0) { toml_element(T, v); return; }
    tindent(T, inline_ ? 0 : T->nkey - 1);
    toml_keypart(T, T->key[T->nkey - 1].s, T->key[T->nkey - 1].n);
    tws(T, " = ");
    toml_element(T, v);
    if (!inline_) tnl(T);
}

static void toml_encode(Toml *T, Value v);

static void toml_push(Toml *T, const char *s, size_t n)
{
    if (T->nkey == T->capkey) {
        int nc = T->capkey ? T->capkey * 2 : 16;
        T->key = cc_grow(T->key, (size_t)T->capkey * sizeof *T->key, (size_t)nc * sizeof *T->key);
        T->capkey = nc;
    }
    T->key[T->nkey].s = s;
    T->key[T->nkey].n = n;
    T->nkey++;
}

static void toml_map_in(Toml *T, Value v, int inline_);

/* Encoder.eMap: plain keys first, then tables, each group sorted. Every
 * nested table and inline table comes through here. */
static void toml_map(Toml *T, Value v, int inline_)
{
    int rc = vw_enter(&T->w, v);
    if (rc) { if (!T->err) T->err = vw_message(rc, v); return; }
    toml_map_in(T, v, inline_);
    if (!T->err) vw_leave(&T->w, v);
}

static void toml_map_in(Toml *T, Value v, int inline_)
{
    uint32_t n = v.u.m ? v.u.m->len : 0;
    MapEnt **es = map_sorted(v.u.m, 0);
    MapEnt **direct = cc_alloc((n + 1) * sizeof *direct), **sub = cc_alloc((n + 1) * sizeof *sub);
    uint32_t nd = 0, ns = 0;
    for (uint32_t i = 0; i < n; i++) {
        int t = toml_type(T, es[i]->v);
        if (t == TT_TABLE || t == TT_TABLES) sub[ns++] = es[i];
        else direct[nd++] = es[i];
    }
    if (T->err) return;
    if (inline_) tws(T, "{");
    for (int g = 0; g < 2 && !T->err; g++) {
        MapEnt **ks = g ? sub : direct;
        uint32_t nk = g ? ns : nd;
        int trail = !g && ns > 0;
        for (uint32_t i = 0; i < nk && !T->err; i++) {
            Value ev = toml_data(ks[i]->v);
            /* encode.go isNil: nil interfaces, slices and maps are left out */
            if (ev.t == VT_NIL || (ev.t == VT_LIST && !ev.u.l) || (ev.t == VT_MAP && !ev.u.m)) continue;
            if (inline_) {
                /* writeKeyValue(Key{k}, ...): a key path of its own, the
                 * enclosing one left as it was */
                TKey *okey = T->key;
                int onkey = T->nkey, ocap = T->capkey;
                T->key = NULL;
                T->nkey = T->capkey = 0;
                toml_push(T, ks[i]->k, ks[i]->klen);
                toml_kv(T, ev, 1);
                T->key = okey;
                T->nkey = onkey;
                T->capkey = ocap;
                if (trail || i != nk - 1) tws(T, ", ");
            } else {
                toml_push(T, ks[i]->k, ks[i]->klen);
                toml_encode(T, ev);
                T->nkey--;
            }
        }
    }
    if (inline_) tws(T, "}");
}

static void toml_encode(Toml *T, Value v)
{
    if (T->err) return;
    v = toml_data(v);
    int t = toml_type(T, v);
    if (T->err) return;
    switch (t) {
    case TT_NIL: return;
    case TT_SCALAR: case TT_ARRAY: toml_kv(T, v, 0); return;
    case TT_TABLES:
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            Value e = toml_data(v.u.l->v[i]);
            tnl(T);
            tindent(T, T->nkey - 1);
            tws(T, "[[");
            toml_keystr(T);
            tws(T, "]]");
            tnl(T);
            toml_map(T, e, 0);
        }
        return;
    default:
        if (T->nkey == 1) tnl(T);
        if (T->nkey > 0) {
            tindent(T, T->nkey - 1);
            tws(T, "[");
            toml_keystr(T);
            tws(T, "]");
            tnl(T);
        }
        toml_map(T, v, 0);
    }
}

Value fn_to_toml(Exec *x, int argc, Value *argv)
{
    if (toml_data(argv[0]).t == VT_NIL) fn_error(x, "reflect: call of reflect.Value.Type on zero Value");
    Buf b = {0};
    Toml T;
    memset(&T, 0, sizeof T);
    T.b = &b;
    toml_encode(&T, argv[0]);
    if (T.err) {
        buf_free(&b);
        if (vw_fatal(T.err)) fn_error(x, "%s", T.err);
        return v_cstr(T.err);
    }
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}
