/*
 * schema.c - values.schema.json validation of the root chart and every
 * enabled subchart, with the keywords charts use (type, properties,
 * required, additionalProperties, patternProperties, enum, const, numeric
 * and length bounds, pattern, items, uniqueItems, allOf/anyOf/oneOf/not,
 * local $ref with definitions/$defs).
 * Mirrors helm v4.1.4 pkg/chart/common/util/jsonschema.go and the message
 * texts of santhosh-tekuri/jsonschema v6 (kind/kind.go); for Helm v3 the
 * gojsonschema line form "- <field>: <description>" for the common kinds.
 * The schema itself is checked first: v4 validates it against its draft's
 * metaschema (schema_meta.c) with this same validator, v3 reads it as
 * gojsonschema v1.2.0's parseSchema does (s_parse_v3, schema.go).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chartc/chart.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/regexp.h"
#include "schema_format.h"
#include "schema_meta.h"

typedef struct SErr {
    const char *loc;     /* v4: JSON pointer; v3: dotted field */
    const char *msg;
    int depth;
    int group;           /* v4: a Group of the causes below it (not a $ref's) */
} SErr;

/* An open-addressing map from addresses to values (a $ref's text to its
 * target; v3: the schemas read) */
typedef struct PtrMap { const void **k; Value *v; size_t cap, n; } PtrMap;

static size_t pm_slot(const PtrMap *p, const void *k)
{
    size_t j = (size_t)(((uintptr_t)k >> 3) * 0x9E3779B97F4A7C15ull >> 20) & (p->cap - 1);
    while (p->k[j] && p->k[j] != k) j = (j + 1) & (p->cap - 1);
    return j;
}

static Value *pm_get(const PtrMap *p, const void *k)
{
    if (!p->cap) return NULL;
    size_t j = pm_slot(p, k);
    return p->k[j] ? &p->v[j] : NULL;
}

static void pm_put(PtrMap *p, const void *k, Value v)
{
    if ((p->n + 1) * 2 > p->cap) {   /* keep it at most half full */
        PtrMap o = *p;
        p->cap = o.cap ? o.cap * 2 : 64;
        p->k = cc_alloc(p->cap * sizeof *p->k);
        p->v = cc_alloc(p->cap * sizeof *p->v);
        p->n = 0;
        for (size_t i = 0; i < o.cap; i++)
            if (o.k[i]) pm_put(p, o.k[i], o.v[i]);
    }
    size_t j = pm_slot(p, k);
    if (!p->k[j]) { p->k[j] = k; p->n++; }
    p->v[j] = v;
}

typedef struct SCtx {
    Value root;          /* whole schema document, for $ref */
    SErr *e; int n, cap;
    const char *load_err;   /* a $ref that cannot be loaded (remote) */
    PtrMap *refs;           /* shared: local $refs resolved, by their text's address;
                               with meta also the metaschema's SKeys, by their map's */
    const char **fatal;     /* shared: stops the whole validation (v3 cycle, depth) */
    const char *refptr;     /* the target location of the $ref being followed */
    int *nest;              /* shared: nested s_validate calls */
    int draft;              /* s_draft of root: v3 0 (hybrid), 4, 6, 7; v4 4, 6, 7, 2019, 2020 */
    int score;              /* v3: gojsonschema's Result.score of this validation */
    int tscore;             /* v3: the score of the last s_try */
    int meta;               /* v4: a schema validated against its metaschema (formats asserted in every draft) */
} SCtx;

/* The keyword path from one schema to a subschema it applies: "/$ref",
 * "/items", "/properties/<key>", "/allOf/<idx>"; all-NULL at the root.
 * Made into text only for a message. */
typedef struct SSeg {
    const char *kw;         /* NULL at the root */
    const char *key;        /* a property or definition name, or NULL */
    int idx;                /* a list index, or -1 */
} SSeg;
#define SEG(kw) ((SSeg){kw, NULL, -1})

/* jsonschema v6's scope chain: the schemas being validated, innermost
 * first. A schema entered again for the same value (same vid) with no
 * value consumed in between is a $ref cycle. */
typedef struct SScope {
    const Map *sch;
    SSeg seg;               /* from the enclosing scope */
    const char *refptr;     /* a "/$ref" scope: its target's location (JSON pointer), else NULL */
    int vid;                /* depth of the value validated */
    const struct SScope *up;
    struct SUneval *ue;     /* v4 2019-09 on: what this schema has left unevaluated */
} SScope;

/* jsonschema v6's uneval: the properties (by entry slot in the value's
 * map) or items of the value that neither the schema nor an in-place
 * subschema that passed ($ref, allOf, anyOf, oneOf, not, if/then/else,
 * dependentSchemas) has evaluated, for unevaluatedProperties/Items. Kept
 * only while the schema or its caller needs it (on); one not kept counts
 * as having evaluated everything when merged into its caller's. */
typedef struct SUneval {
    uint8_t *left;          /* 1: not evaluated yet */
    uint32_t n, cnt;        /* slots, how many are left */
    int on;
} SUneval;

/* A value's location, innermost last: a property name or a list index
 * below the location up (NULL: the root). Made into text (s_loc) only
 * when an error is recorded. */
typedef struct SLoc {
    const struct SLoc *up;
    const char *key;        /* NUL-terminated; NULL for a list index */
    uint32_t idx;
} SLoc;

/* The keywords validation looks at. s_keys finds those a schema has in
 * one pass over its entries (by the hash each map entry keeps) instead of
 * a lookup per keyword. */
#define S_KEYWORDS(X) \
    X(K_REF, "$ref") X(K_TYPE, "type") X(K_ENUM, "enum") X(K_CONST, "const") \
    X(K_MINIMUM, "minimum") X(K_MAXIMUM, "maximum") X(K_EXMIN, "exclusiveMinimum") \
    X(K_EXMAX, "exclusiveMaximum") X(K_MULTIPLEOF, "multipleOf") X(K_MINLENGTH, "minLength") \
    X(K_MAXLENGTH, "maxLength") X(K_PATTERN, "pattern") X(K_MINITEMS, "minItems") X(K_MAXITEMS, "maxItems") \
    X(K_UNIQUEITEMS, "uniqueItems") X(K_ITEMS, "items") X(K_CONTAINS, "contains") \
    X(K_MINCONTAINS, "minContains") X(K_MAXCONTAINS, "maxContains") X(K_REQUIRED, "required") \
    X(K_MINPROPS, "minProperties") X(K_MAXPROPS, "maxProperties") X(K_DEPENDENCIES, "dependencies") \
    X(K_DEPREQUIRED, "dependentRequired") X(K_DEPSCHEMAS, "dependentSchemas") \
    X(K_PROPNAMES, "propertyNames") X(K_PROPERTIES, "properties") X(K_PATTERNPROPS, "patternProperties") \
    X(K_ADDLPROPS, "additionalProperties") X(K_ALLOF, "allOf") X(K_ANYOF, "anyOf") X(K_ONEOF, "oneOf") \
    X(K_NOT, "not") X(K_IF, "if") X(K_THEN, "then") X(K_ELSE, "else") X(K_ADDLITEMS, "additionalItems") \
    X(K_UNEVALPROPS, "unevaluatedProperties") X(K_UNEVALITEMS, "unevaluatedItems") \
    X(K_PREFIXITEMS, "prefixItems") X(K_DEFS, "$defs") X(K_DEFINITIONS, "definitions") \
    X(K_RECREF, "$recursiveRef") X(K_DYNREF, "$dynamicRef") X(K_FORMAT, "format") \
    X(K_TITLE, "title") X(K_DESCRIPTION, "description") X(K_ID, "id") X(K_DOLLAR_ID, "$id")
#define S_KW_ENUM(id, name) id,
enum { S_KEYWORDS(S_KW_ENUM) K_COUNT };
#undef S_KW_ENUM
#define S_KW_NAME(id, name) name,
static const char *const kw_name[K_COUNT] = { S_KEYWORDS(S_KW_NAME) };
#undef S_KW_NAME

typedef struct SKeys {
    uint64_t has;           /* bit per keyword present */
    const Map *m;
    uint32_t at[K_COUNT];   /* its entry in m->e */
} SKeys;

enum { KW_SLOTS = 128 };
static uint32_t kw_hash[K_COUNT], kw_len[K_COUNT];
static uint8_t kw_slot[KW_SLOTS];   /* open addressing by hash: keyword + 1, 0 empty */

static void s_keys_init(void)
{
    static int done;
    if (done) return;
    done = 1;
    for (int i = 0; i < K_COUNT; i++) {
        kw_len[i] = (uint32_t)strlen(kw_name[i]);
        kw_hash[i] = map_hash(kw_name[i], kw_len[i]);
        uint32_t j = kw_hash[i] & (KW_SLOTS - 1);
        while (kw_slot[j]) j = (j + 1) & (KW_SLOTS - 1);
        kw_slot[j] = (uint8_t)(i + 1);
    }
}

static void s_keys(Value s, SKeys *k)
{
    k->has = 0;
    k->m = s.t == VT_MAP ? s.u.m : NULL;
    if (!k->m) return;
    MAP_EACH(k->m, e) {
        for (uint32_t j = e->hash & (KW_SLOTS - 1); kw_slot[j]; j = (j + 1) & (KW_SLOTS - 1)) {
            int id = kw_slot[j] - 1;
            if (kw_hash[id] != e->hash || kw_len[id] != e->klen || memcmp(kw_name[id], e->k, e->klen)) continue;
            k->has |= 1ull << id;
            k->at[id] = (uint32_t)(e - k->m->e);
            break;
        }
    }
}

static inline int kw_has(const SKeys *k, int id) { return (int)(k->has >> id & 1); }
static inline Value kw(const SKeys *k, int id) { return kw_has(k, id) ? k->m->e[k->at[id]].v : v_nil(); }

static void s_add(SCtx *x, const char *loc, int depth, const char *msg)
{
    if (x->n == x->cap) {
        int nc = x->cap ? x->cap * 2 : 16;
        x->e = cc_grow(x->e, x->cap * sizeof *x->e, nc * sizeof *x->e);
        x->cap = nc;
    }
    x->e[x->n].loc = loc;
    x->e[x->n].msg = msg;
    x->e[x->n].depth = depth;
    x->e[x->n].group = 0;
    x->n++;
    x->score -= 2;          /* Result.addInternalError */
}

static Value s_get(Value s, const char *k)
{
    Value *p = s.t == VT_MAP ? map_getc(s.u.m, k) : NULL;
    return p ? *p : v_nil();
}

/* v4 reads a schema's numbers as json.Number, exactly: one beyond
 * float64's range (decoded to an infinity) is a whole number */
static int is_integer(Value v)
{
    return v.t == VT_INT || (v.t == VT_FLOAT && (isfinite(v.u.f) ? v.u.f == go_floor(v.u.f) : cc_helm_major > 3));
}
static double num(Value v) { return v.t == VT_INT ? (double)v.u.i : v.u.f; }
static int is_num(Value v) { return v.t == VT_INT || v.t == VT_FLOAT; }

static const char *json_type(Value v)
{
    switch (v.t) {
    case VT_NIL: return "null";
    case VT_BOOL: return "boolean";
    case VT_INT: case VT_FLOAT: return "number";
    case VT_STR: return "string";
    case VT_LIST: return "array";
    default: return "object";
    }
}

static int type_ok(Value v, const char *t)
{
    switch (v.t) {   /* the type names v can satisfy */
    case VT_NIL: return !strcmp(t, "null");
    case VT_BOOL: return !strcmp(t, "boolean");
    case VT_INT: case VT_FLOAT: return !strcmp(t, "number") || (!strcmp(t, "integer") && is_integer(v));
    case VT_STR: return !strcmp(t, "string");
    case VT_LIST: return !strcmp(t, "array");
    default: return !strcmp(t, "object");
    }
}

/* jsonschema v6 kind.go quote(): Go %q, then every `\"` in that text
 * (even one whose backslash ends an escaped backslash, as in "x\\")
 * made `"` and every `'` made `\'`, the outer quotes swapped for '. */
static const char *v6_quote(const char *s, size_t n)
{
    Buf q = {0}, u = {0}, b = {0};
    go_quote(&q, s, n, 0);
    for (size_t i = 0; i < q.len; i++) {
        if (q.p[i] == '\\' && i + 1 < q.len && q.p[i + 1] == '"') { buf_putc(&u, '"'); i++; }
        else buf_putc(&u, q.p[i]);
    }
    buf_putc(&b, '\'');
    for (size_t i = 1; i + 1 < u.len; i++) {
        if (u.p[i] == '\'') buf_puts(&b, "\\'");
        else buf_putc(&b, u.p[i]);
    }
    buf_free(&u);
    buf_putc(&b, '\'');
    char *r = buf_arena(&b);
    buf_free(&q); buf_free(&b);
    return r;
}

static const char *json_text(Value v)
{
    Buf b = {0};
    json_encode(&b, v, 0);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* v6 display() (v4) or the JSON text gojsonschema shows (v3). */
static const char *disp(Value v)
{
    if (cc_helm_major == 3) return json_text(v);
    if (v.t == VT_STR) return v6_quote(v.u.s, v.n);
    if (v.t == VT_LIST || v.t == VT_MAP) return "value";
    if (v.t == VT_NIL) return "<nil>";
    return json_text(v);
}

static int is_composite(Value v) { return v.t == VT_LIST || v.t == VT_MAP; }

/* A bound or value in a number message: v4 prints a float64 through an
 * x/text message.Printer (digit grouping, "1×10⁰⁶"); v3 prints a
 * big.Float with %v, which is Go's shortest %g. */
static const char *fmt_num(Value v)
{
    double f = v.t == VT_INT ? (double)v.u.i : v.u.f;
    if (isinf(f) && cc_helm_major > 3) return f > 0 ? "∞" : "-∞";   /* x/text's float64 */
    Buf g = {0};
    go_format_float(&g, f, 'g', -1, 64);
    const char *t = buf_cstr(&g);
    if (cc_helm_major == 3) { char *r = buf_arena(&g); buf_free(&g); return r; }
    static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    Buf b = {0};
    const char *e = strchr(t, 'e');
    if (e) {
        buf_put(&b, t, e - t);
        buf_puts(&b, "×10");
        const char *p = e + 1;
        if (*p == '-') buf_puts(&b, "⁻");
        if (*p == '-' || *p == '+') p++;
        for (; *p >= '0' && *p <= '9'; p++) buf_puts(&b, sup[*p - '0']);
    } else {
        const char *p = t;
        if (*p == '-') buf_putc(&b, *p++);
        size_t ni = strcspn(p, ".");
        for (size_t i = 0; i < ni; i++) {
            if (i && (ni - i) % 3 == 0) buf_putc(&b, ',');
            buf_putc(&b, p[i]);
        }
        buf_puts(&b, p + ni);
    }
    char *r = buf_arena(&b);
    buf_free(&b); buf_free(&g);
    return r;
}

/* JSON pointer token escaping (~0, ~1) */
static const char *ptr_esc(const char *k)
{
    if (!strpbrk(k, "~/")) return k;
    Buf b = {0};
    for (const char *p = k; *p; p++) {
        if (*p == '~') buf_puts(&b, "~0");
        else if (*p == '/') buf_puts(&b, "~1");
        else buf_putc(&b, *p);
    }
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* The text of a value's location: v4 a JSON pointer ("/a/0"), v3
 * gojsonschema's field ("a.0", a name joined with no dot while the text
 * before it is empty). */
static const char *s_loc(const SLoc *l)
{
    if (!l) return "";
    const SLoc *stk[64], **chain = stk;
    size_t n = 0;
    for (const SLoc *p = l; p; p = p->up) n++;
    if (n > 64) chain = cc_alloc(n * sizeof *chain);
    size_t i = n;
    for (const SLoc *p = l; p; p = p->up) chain[--i] = p;
    int v3 = cc_helm_major == 3;
    Buf b = {0};
    char num[16];
    for (i = 0; i < n; i++) {
        const char *k = chain[i]->key;
        if (!k) { snprintf(num, sizeof num, "%u", chain[i]->idx); k = num; }
        if (!v3) { buf_putc(&b, '/'); buf_puts(&b, ptr_esc(k)); }
        else { if (b.len) buf_putc(&b, '.'); buf_puts(&b, k); }
    }
    char *r = b.len ? buf_arena(&b) : "";
    buf_free(&b);
    return r;
}

/* v3's field name: the location, "(root)" for none */
static const char *s_field(const SLoc *l)
{
    const char *r = s_loc(l);
    return *r ? r : "(root)";
}

/* Both validators compile `pattern` with Go's regexp (an unanchored
 * search); invalid patterns were refused before validation (s_parse_v3, s_check_meta). */
static int regex_match(const char *pat, const char *s, size_t n)
{
    const char *err;
    Rx *re = rx_compile(pat, strlen(pat), &err);
    return re && rx_exec(re, s, n, 0, NULL, 0);
}

/* Keywords whose value is a schema, a list of schemas or a map of them. */
static const int s_sub_one[] = {K_ADDLPROPS, K_ITEMS, K_CONTAINS, K_ADDLITEMS, K_NOT, K_IF, K_THEN, K_ELSE,
                                K_PROPNAMES, K_UNEVALPROPS, K_UNEVALITEMS};
static const int s_sub_list[] = {K_ALLOF, K_ANYOF, K_ONEOF, K_PREFIXITEMS, K_ITEMS};
static const int s_sub_map[] = {K_PROPERTIES, K_PATTERNPROPS, K_DEFS, K_DEFINITIONS, K_DEPSCHEMAS, K_DEPENDENCIES};

/* "/kw", "/kw/<key>" or "/kw/<idx>" (tokens ~0/~1-escaped) onto b */
static void seg_put(Buf *b, SSeg g)
{
    if (!g.kw) return;
    buf_putc(b, '/');
    buf_puts(b, g.kw);
    if (g.key) { buf_putc(b, '/'); buf_puts(b, ptr_esc(g.key)); }
    if (g.idx >= 0) buf_printf(b, "/%d", g.idx);
}

static int s_draft(Value root);
static const char *ref_walk(Value root, const char *ref, Value *out);

/* v3: gojsonschema v1.2.0's parseSchema, which reads a schema keyword by
 * keyword in a fixed order (a subschema met on the way is read before
 * the next keyword) and stops at the first keyword it refuses. Each step
 * of that order is a row: the keyword, how it is checked (P3_*), the
 * draft it needs (0: every draft), and a second name some checks use. */
enum {
    P3_ID, P3_DEFS, P3_STR, P3_REF, P3_TYPE, P3_PROPS, P3_ADDL, P3_PATPROPS, P3_PROPNAMES, P3_DEPS,
    P3_ITEMS, P3_MULTOF, P3_NUM, P3_EXCL, P3_INT, P3_INTPAIR, P3_PATTERN, P3_FORMAT, P3_REQUIRED,
    P3_BOOL, P3_CONTAINS, P3_ENUM, P3_SUBLIST, P3_SUB
};
typedef struct P3Step { int8_t kid, kind, since, aux; } P3Step;
static const P3Step p3_steps[] = {
    {K_COUNT, P3_ID, 0, -1}, {K_DEFINITIONS, P3_DEFS, 0, -1},
    {K_TITLE, P3_STR, 0, -1}, {K_DESCRIPTION, P3_STR, 0, -1}, {K_REF, P3_REF, 0, -1},
    {K_TYPE, P3_TYPE, 0, -1}, {K_PROPERTIES, P3_PROPS, 0, -1},
    {K_ADDLPROPS, P3_ADDL, 0, -1}, {K_PATTERNPROPS, P3_PATPROPS, 0, -1},
    {K_PROPNAMES, P3_PROPNAMES, 6, -1}, {K_DEPENDENCIES, P3_DEPS, 0, -1},
    {K_ITEMS, P3_ITEMS, 0, -1}, {K_ADDLITEMS, P3_ADDL, 0, -1},
    {K_MULTIPLEOF, P3_MULTOF, 0, -1}, {K_MINIMUM, P3_NUM, 0, -1},
    {K_EXMIN, P3_EXCL, 0, K_MINIMUM}, {K_MAXIMUM, P3_NUM, 0, -1},
    {K_EXMAX, P3_EXCL, 0, K_MAXIMUM},
    {K_MINLENGTH, P3_INT, 0, -1}, {K_MAXLENGTH, P3_INT, 0, -1}, {K_MINLENGTH, P3_INTPAIR, 0, K_MAXLENGTH},
    {K_PATTERN, P3_PATTERN, 0, -1}, {K_FORMAT, P3_FORMAT, 0, -1},
    {K_MINPROPS, P3_INT, 0, -1}, {K_MAXPROPS, P3_INT, 0, -1},
    {K_MINPROPS, P3_INTPAIR, 0, K_MAXPROPS}, {K_REQUIRED, P3_REQUIRED, 0, -1},
    {K_MINITEMS, P3_INT, 0, -1}, {K_MAXITEMS, P3_INT, 0, -1}, {K_UNIQUEITEMS, P3_BOOL, 0, -1},
    {K_CONTAINS, P3_CONTAINS, 6, -1}, {K_CONST, P3_ENUM, 6, -1}, {K_ENUM, P3_ENUM, 0, -1},
    {K_ONEOF, P3_SUBLIST, 0, K_ONEOF}, {K_ANYOF, P3_SUBLIST, 0, K_ANYOF}, {K_ALLOF, P3_SUBLIST, 0, K_ANYOF},
    {K_NOT, P3_SUB, 0, -1}, {K_IF, P3_SUB, 7, -1}, {K_THEN, P3_SUB, 7, -1}, {K_ELSE, P3_SUB, 7, -1},
};
enum { P3_NSTEPS = sizeof p3_steps / sizeof *p3_steps };

static const char P3_PARSE_ERR[] = "Expected: valid schema, given: Invalid JSON";
static const char P3_STOP[] = "";   /* a $ref s_compile reports: stop reading */

/* A schema being read: the step it is at and the entry or item of that
 * step's keyword it has come to */
typedef struct P3Frame { Value s; uint16_t step; uint32_t i; SKeys k; } P3Frame;

/* json.Unmarshal without UseNumber, then Marshal: numbers compare by value */
static int p3_same(Value a, Value b)
{
    return v_deep_equal(a, b) || (is_num(a) && is_num(b) && num(a) == num(b));
}

/* Go's url.Parse error for a reference ($ref, an id), or NULL */
static const char *url_err(Value v)
{
    const char *why = sf_v6_check("uri-reference", v.u.s, v.n);
    return why && !strncmp(why, "parse ", 6) ? why : NULL;
}

/* mustBeInteger: a json.Number whose Int64 succeeds (an int64 literal) */
static const char *p3_int(Value v, const char *kw)
{
    if (v.t != VT_INT) return cc_printf("%s must be of an integer", kw);
    if (v.u.i < 0) return cc_printf("%s must be greater than or equal to 0", kw);
    return NULL;
}

/* One step of schema f->s (a map): NULL to go on, the error, P3_STOP, or
 * *child set to a subschema to read first (the step runs again after it). */
static const char *p3_step(P3Frame *f, int d, Value root, Value *child, int *got, Map *refs_seen)
{
#define P3_CHILD(x) (*child = (x), *got = 1)
    const P3Step *st = &p3_steps[f->step];
    const SKeys *k = &f->k;
    int hybrid = !d;
    if (st->since && !hybrid && d < st->since) return NULL;
    if (st->kind == P3_ID) {
        int key = d == 4 || (hybrid && kw_has(k, K_ID)) ? K_ID : K_DOLLAR_ID;
        Value id = kw(k, key);
        if (kw_has(k, key) && id.t != VT_STR) return cc_printf("Invalid type. Expected: string, given: %s", kw_name[key]);
        return id.t == VT_STR ? url_err(id) : NULL;
    }
    if (!kw_has(k, st->kid)) return NULL;
    Value v = kw(k, st->kid);
    const char *name = kw_name[st->kid], *aux = st->aux >= 0 ? kw_name[st->aux] : NULL;
    int sub_ok = v.t == VT_MAP || v.t == VT_BOOL;
    switch (st->kind) {
    case P3_DEFS:
        if (v.t == VT_BOOL) return "unable to validate schema: interface conversion: interface {} is bool, not map[string]interface {}";
        if (v.t != VT_MAP) return "Invalid type. Expected: array of schemas, given: definitions";
        for (; f->i < v.u.m->n; f->i++) {
            MapEnt *e = &v.u.m->e[f->i];
            if (!e->k) continue;
            if (e->v.t != VT_MAP && e->v.t != VT_BOOL) return "Invalid type. Expected: array of schemas, given: definitions";
            P3_CHILD(e->v); f->i++; return NULL;
        }
        return NULL;
    case P3_STR:
        return v.t != VT_STR ? cc_printf("Invalid type. Expected: string, given: %s", name) : NULL;
    case P3_REF: {
        if (v.t != VT_STR) return "Invalid type. Expected: string, given: $ref";
        if (url_err(v)) return url_err(v);
        if (f->i) { f->step = P3_NSTEPS - 1; return NULL; }   /* its target read: the rest is skipped */
        if (v.u.s[0] != '#') return P3_STOP;
        /* a reference read before: go on with the siblings */
        if (map_get(refs_seen, v.u.s, v.n)) return NULL;
        map_set(refs_seen, v.u.s, v.n, v_bool(1));
        Value t;
        if (ref_walk(root, v.u.s, &t)) return P3_STOP;
        f->i = 1;
        P3_CHILD(t);
        return NULL;
    }
    case P3_TYPE: {
        static const char *const types[] = {"array", "boolean", "integer", "number", "null", "object", "string"};
        if (v.t != VT_STR && v.t != VT_LIST) return "Invalid type. Expected: string/array of strings, given: type";
        uint32_t n = v.t == VT_STR ? 1 : v.u.l->len;
        for (uint32_t i = 0; i < n; i++) {
            Value t = v.t == VT_STR ? v : v.u.l->v[i];
            /* a json.Number is of kind string, then no string (a panic Helm recovers) */
            if (is_num(t)) return "unable to validate schema: interface conversion: interface {} is json.Number, not string";
            if (t.t != VT_STR) return "Invalid type. Expected: string/array of strings, given: type";
            int ok = 0;
            for (size_t k = 0; k < sizeof types / sizeof *types; k++) ok |= !strcmp(t.u.s, types[k]);
            if (!ok)
                return cc_printf("has a primitive type that is NOT VALID -- given: /%s/ Expected valid values "
                                 "are:[array boolean integer number null object string]", t.u.s);
            for (uint32_t j = 0; j < i; j++)
                if (!strcmp(v.u.l->v[j].u.s, t.u.s)) return cc_printf("%s type is duplicated", t.u.s);
        }
        return NULL;
    }
    case P3_PROPS: case P3_PATPROPS: case P3_DEPS:
        if (v.t != VT_MAP)
            return st->kind == P3_PROPS ? "properties must be of type object"
                 : st->kind == P3_DEPS ? "dependencies must be of type object"
                 : "Invalid type. Expected: valid schema, given: patternProperties";
        for (; f->i < v.u.m->n; f->i++) {
            MapEnt *e = &v.u.m->e[f->i];
            const char *rerr;
            if (!e->k) continue;
            if (st->kind == P3_PATPROPS && !rx_compile(e->k, e->klen, &rerr))
                return cc_printf("Invalid regex pattern '%s'", e->k);
            if (st->kind == P3_DEPS && e->v.t == VT_LIST) {
                for (uint32_t j = 0; j < e->v.u.l->len; j++)
                    if (e->v.u.l->v[j].t != VT_STR) return "dependency must be of type schema or array of strings";
                continue;
            }
            if (st->kind == P3_DEPS && e->v.t != VT_MAP && e->v.t != VT_BOOL)
                return "dependency must be of type schema or array of strings";
            P3_CHILD(e->v); f->i++; return NULL;
        }
        return NULL;
    case P3_ADDL:
        if (v.t == VT_BOOL) return NULL;
        if (v.t != VT_MAP) return cc_printf("Invalid type. Expected: boolean/valid schema, given: %s", name);
        if (!f->i++) P3_CHILD(v);
        return NULL;
    case P3_PROPNAMES:
        if (!sub_ok) return "Invalid type. Expected: valid schema, given: patternProperties";
        if (!f->i++) P3_CHILD(v);
        return NULL;
    case P3_ITEMS:
        if (v.t == VT_LIST) {
            if (f->i >= v.u.l->len) return NULL;
            Value it = v.u.l->v[f->i++];
            if (it.t != VT_MAP && it.t != VT_BOOL) return "Invalid type. Expected: valid schema/array of schemas, given: items";
            P3_CHILD(it);
            return NULL;
        }
        if (!sub_ok) return "Invalid type. Expected: valid schema/array of schemas, given: items";
        if (!f->i++) P3_CHILD(v);
        return NULL;
    case P3_MULTOF:
        if (!is_num(v)) return "Invalid type. Expected: number, given: multipleOf";
        return num(v) <= 0 ? "multipleOf must be strictly greater than 0" : NULL;
    case P3_NUM:
        return !is_num(v) ? cc_printf("%s must be of a number", name) : NULL;
    case P3_EXCL: {
        int has_bound = kw_has(k, st->aux);
        if (d == 4 || (hybrid && v.t == VT_BOOL)) {
            if (v.t != VT_BOOL) return cc_printf("Invalid type. Expected: boolean, given: %s", name);
            return has_bound ? NULL : cc_printf("%s cannot be used without %s", name, aux);
        }
        return is_num(v) ? NULL : cc_printf("Invalid type. Expected: %s, given: %s", hybrid ? "boolean/number" : "number", name);
    }
    case P3_INT:
        return p3_int(v, name);
    case P3_INTPAIR: {
        Value mx = kw(k, st->aux);
        if (v.t == VT_INT && mx.t == VT_INT && v.u.i > mx.u.i)
            return cc_printf("%s cannot be greater than %s", name, aux);
        return NULL;
    }
    case P3_PATTERN: {
        const char *rerr;
        if (v.t != VT_STR) return "pattern must be of a string";
        return rx_compile(v.u.s, v.n, &rerr) ? NULL : "pattern must be a valid regex";
    }
    case P3_FORMAT:
        return v.t != VT_STR ? "format must be of type string" : NULL;
    case P3_REQUIRED:
        if (v.t != VT_LIST) return "required must be of an array";
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            Value r = v.u.l->v[i];
            if (r.t != VT_STR) return "required items must be string";
            for (uint32_t j = 0; j < i; j++)
                if (!strcmp(v.u.l->v[j].u.s, r.u.s)) return "required items must be unique";
        }
        return NULL;
    case P3_BOOL:
        return v.t != VT_BOOL ? cc_printf("%s must be of a boolean", name) : NULL;
    case P3_CONTAINS:
        if (!f->i++) P3_CHILD(v);
        return NULL;
    case P3_ENUM:
        if (st->kid == K_CONST) return NULL;
        if (v.t != VT_LIST) return "enum must be of an array";
        for (uint32_t i = 0; i < v.u.l->len; i++)
            for (uint32_t j = 0; j < i; j++)
                if (p3_same(v.u.l->v[j], v.u.l->v[i])) return "enum items must be unique";
        return NULL;
    case P3_SUBLIST:
        if (v.t != VT_LIST) return cc_printf("%s must be of an array", aux);
        if (f->i < v.u.l->len) P3_CHILD(v.u.l->v[f->i++]);
        return NULL;
    case P3_SUB:
        if (!sub_ok) return cc_printf("%s must be of an object", name);
        if (!f->i++) P3_CHILD(v);
        return NULL;
    }
    return NULL;
#undef P3_CHILD
}

/* gojsonschema's NewSchema for Helm v3: the $schema, then parseSchema of
 * the whole document, depth first on an explicit stack. A schema reached
 * again (through a $ref) is not read twice. The first error, or NULL. */
static const char *s_parse_v3(Value root)
{
    if (root.t != VT_MAP && root.t != VT_BOOL) return "schema is invalid";
    Value *sv = root.t == VT_MAP ? map_getc(root.u.m, "$schema") : NULL;
    if (sv && sv->t != VT_STR) return "$schema must be of type string";
    int d = s_draft(root);
    size_t n = 0, cap = 64;
    P3Frame *st = cc_alloc(cap * sizeof *st);
    Map *refs = map_new(8);   /* $refs followed */
    PtrMap seen = {0};        /* schemas read */
    Value c = root;
    int got = 1;
    for (;;) {
        if (got) {
            /* parseSchema's start: a boolean (draft-06 on) is a schema,
             * anything else but an object is not */
            got = 0;
            if (c.t == VT_BOOL && (!d || d >= 6)) continue;
            if (c.t != VT_MAP) return P3_PARSE_ERR;
            if (pm_get(&seen, c.u.m)) continue;
            pm_put(&seen, c.u.m, v_bool(1));
            if (n == cap) { st = cc_grow(st, cap * sizeof *st, 2 * cap * sizeof *st); cap *= 2; }
            st[n].s = c;
            st[n].step = 0;
            st[n].i = 0;
            s_keys(c, &st[n].k);
            n++;
        }
        if (!n) return NULL;
        P3Frame *f = &st[n - 1];
        if (f->step >= P3_NSTEPS) { n--; continue; }
        const char *err = p3_step(f, d, root, &c, &got, refs);
        if (err) return err == P3_STOP ? NULL : err;
        if (!got) { f->step++; f->i = 0; }
    }
}

/* map_sorted(m, 0) (keys in byte order), by insertion for the few keys
 * a values map usually has */
static MapEnt **s_sorted(const Map *m)
{
    if (m->len > 16) return map_sorted(m, 0);
    MapEnt **r = cc_alloc((m->len ? m->len : 1) * sizeof *r);
    uint32_t n = 0;
    MAP_EACH(m, e) {
        uint32_t i = n++;
        for (; i > 0; i--) {
            const MapEnt *p = r[i - 1];
            size_t k = p->klen < e->klen ? p->klen : e->klen;
            int c = memcmp(p->k, e->k, k);
            if (c < 0 || (c == 0 && p->klen <= e->klen)) break;
            r[i] = r[i - 1];
        }
        r[i] = e;
    }
    return r;
}

static size_t rune_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

static void s_validate(SCtx *x, Value s, Value v, const SLoc *loc, int depth,
                       const SScope *up, SSeg seg, int vid);

/* The keyword paths of the scopes from sc up to (not including) stop,
 * outermost first, onto b */
static void scope_segs(Buf *b, const SScope *sc, const SScope *stop)
{
    int n = 0;
    for (const SScope *p = sc; p != stop; p = p->up) n++;
    const SScope **chain = cc_alloc((size_t)(n ? n : 1) * sizeof *chain);
    int i = n;
    for (const SScope *p = sc; p != stop; p = p->up) chain[--i] = p;
    for (i = 0; i < n; i++) seg_put(b, chain[i]->seg);
}

/* scope.kwLoc: the keyword path from the root schema to sc */
static const char *kw_loc(const SScope *sc)
{
    Buf b = {0};
    scope_segs(&b, sc, NULL);
    char *r = b.len ? buf_arena(&b) : "";
    buf_free(&b);
    return r;
}

/* The location of sc's schema (JSON pointer): the target of the nearest
 * $ref followed, or the root, and the keyword path from there. */
static const char *scope_ptr(const SScope *sc)
{
    const SScope *base = sc;
    while (base && !base->refptr) base = base->up;
    Buf b = {0};
    if (base) buf_puts(&b, base->refptr);
    scope_segs(&b, sc, base);
    char *r = b.len ? buf_arena(&b) : "";
    buf_free(&b);
    return r;
}

/* Validate into a scratch list; returns the number of errors. */
static int s_try(SCtx *x, Value s, Value v, const SLoc *loc, int depth, SErr **errs,
                 const SScope *up, SSeg seg, int vid)
{
    SCtx y = *x;
    y.e = NULL; y.n = y.cap = 0;
    y.score = 0;
    s_validate(&y, s, v, loc, depth, up, seg, vid);
    *errs = y.e;
    x->tscore = y.score;
    return y.n;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The draft a schema document is read as, from its $schema. v3
 * (gojsonschema): 4, 6, 7 by the draft's exact URL (a trailing '#'
 * allowed), else 0 for its "hybrid" default, which reads the keywords of
 * all three. v4 (jsonschema v6 draftFromURL, then getDraft): a draft's
 * URL, without "http://" or "https://" and with an empty fragment or none;
 * else, with any fragment dropped, a metaschema v6 embeds (a draft's schema
 * or one of its meta/ vocabulary schemas: the draft it names); 2020 when
 * absent or other (a metaschema of its own, which would be fetched, and
 * the vocabularies a metaschema lists, are not looked at). */
static int v6_draft_of(const char *u, size_t len);

static int s_draft(Value root)
{
    Value ver = s_get(root, "$schema");
    if (ver.t != VT_STR) return cc_helm_major == 3 ? 0 : 2020;
    const char *u = ver.u.s;
    if (cc_helm_major == 3) {
        size_t n = ver.n;
        if (n && u[n - 1] == '#') n--;
        static const char pre[] = "http://json-schema.org/draft-0";
        if (n == sizeof pre - 1 + 8 && !memcmp(u, pre, sizeof pre - 1) && !memcmp(u + n - 7, "/schema", 7) &&
            (u[sizeof pre - 1] == '4' || u[sizeof pre - 1] == '6' || u[sizeof pre - 1] == '7'))
            return u[sizeof pre - 1] - '0';
        return 0;
    }
    int d = v6_draft_of(u, ver.n);
    return d ? d : 2020;
}

/* v6 draftFromURL and its embedded metaschemas: the draft a $schema URL
 * names, or 0 for another URL (a metaschema v6 would load) */
static int v6_draft_of(const char *u, size_t len)
{
    const char *hash = memchr(u, '#', len);
    size_t n = hash ? (size_t)(hash - u) : len;
    if (n >= 7 && !memcmp(u, "http://", 7)) u += 7, n -= 7;
    else if (n >= 8 && !memcmp(u, "https://", 8)) u += 8, n -= 8;
    else return 0;
    static const char host[] = "json-schema.org/";
    if (n < sizeof host - 1 || memcmp(u, host, sizeof host - 1)) return 0;
    u += sizeof host - 1, n -= sizeof host - 1;
    static const struct { const char *path; int prefix, draft; } drafts[] = {
        {"schema", 0, 2020}, {"draft/2020-12/schema", 0, 2020}, {"draft/2019-09/schema", 0, 2019},
        {"draft-07/schema", 0, 7}, {"draft-06/schema", 0, 6}, {"draft-04/schema", 0, 4},
        {"draft/2020-12/meta/", 1, 2020}, {"draft/2019-09/meta/", 1, 2019},
    };
    for (size_t i = 0; i < sizeof drafts / sizeof *drafts; i++) {
        size_t pl = strlen(drafts[i].path);
        if (drafts[i].prefix ? n > pl && !memcmp(drafts[i].path, u, pl) : pl == n && !memcmp(drafts[i].path, u, n))
            return drafts[i].draft;
    }
    return 0;
}

/* The schema a plain-name fragment ("#foo") names, or nil. v4 (jsonschema
 * v6 collectAnchors): "$anchor" (2019-09 on; 2020-12 also
 * "$dynamicAnchor"), before 2019-09 an id ("id" in draft-04, else "$id")
 * that is a fragment, on a schema without $ref; only the subschemas of the
 * root's resource (not below another $id) are searched. v3 (gojsonschema's
 * schema pool): an "id" (or else "$id") "#foo" anywhere in the document
 * but inside const and enum. */
static Value anchor_find(Value root, const char *name)
{
    int v3 = cc_helm_major == 3, d = s_draft(root);
    size_t n = 0, cap = 32;
    Value *st = cc_alloc(cap * sizeof *st);
    SKeys k;
#define APUSH(v_) do { if ((v_).t == VT_MAP || (v3 && (v_).t == VT_LIST)) { \
        if (n == cap) { st = cc_grow(st, cap * sizeof *st, 2 * cap * sizeof *st); cap *= 2; } \
        st[n++] = (v_); } } while (0)
    APUSH(root);
    while (n) {
        Value s = st[--n];
        if (s.t == VT_LIST) {
            for (uint32_t i = 0; i < s.u.l->len; i++) APUSH(s.u.l->v[i]);
            continue;
        }
        if (v3) {
            Value id = s_get(s, "id");
            if (!map_getc(s.u.m, "id")) id = s_get(s, "$id");
            if (id.t == VT_STR && id.u.s[0] == '#' && !strcmp(id.u.s + 1, name)) return s;
            MAP_EACH(s.u.m, e)
                if (strcmp(e->k, "const") && strcmp(e->k, "enum")) APUSH(e->v);
            continue;
        }
        Value id = d >= 2019 || !map_getc(s.u.m, "$ref") ? s_get(s, d == 4 ? "id" : "$id") : v_nil();
        if (d >= 2019) {
            Value a = s_get(s, "$anchor"), da = d == 2020 ? s_get(s, "$dynamicAnchor") : v_nil();
            if ((a.t == VT_STR && !strcmp(a.u.s, name)) || (da.t == VT_STR && !strcmp(da.u.s, name))) return s;
        } else if (id.t == VT_STR && id.u.s[0] == '#' && !strcmp(id.u.s + 1, name)) {
            return s;
        }
        if (s.u.m != root.u.m && id.t == VT_STR && id.n && id.u.s[0] != '#') continue;   /* another resource */
        s_keys(s, &k);
        for (size_t j = 0; j < sizeof s_sub_one / sizeof *s_sub_one; j++) APUSH(kw(&k, s_sub_one[j]));
        for (size_t j = 0; j < sizeof s_sub_list / sizeof *s_sub_list; j++) {
            Value c = kw(&k, s_sub_list[j]);
            if (c.t == VT_LIST) for (uint32_t i = 0; i < c.u.l->len; i++) APUSH(c.u.l->v[i]);
        }
        for (size_t j = 0; j < sizeof s_sub_map / sizeof *s_sub_map; j++) {
            if (d < 2019 && s_sub_map[j] == K_DEFS) continue;
            Value c = kw(&k, s_sub_map[j]);
            if (c.t == VT_MAP) MAP_EACH(c.u.m, e) APUSH(e->v);
        }
    }
#undef APUSH
    return v_nil();
}

/* The value at a local reference "#/a/b" (fragment percent-decoded, tokens
 * ~1/~0-unescaped): NULL and *out, or the error Helm reports when the
 * pointer leads nowhere (v4: jsonschema v6; v3: gojsonpointer's first
 * failing token). */
static const char *ref_walk(Value root, const char *ref, Value *out)
{
    const char *frag = ref + 1;
    Buf d = {0};
    for (const char *p = frag; *p; p++) {
        int h, l;
        if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) { buf_putc(&d, (char)(h << 4 | l)); p += 2; }
        else buf_putc(&d, *p);
    }
    const char *nf = cc_printf("json-pointer in \"file:///values.schema.json#%s\" not found", frag);
    const char *p = buf_cstr(&d), *err = NULL;
    Value cur = root;
    int v3 = cc_helm_major == 3;
    if (*p && *p != '/') {      /* a plain-name fragment: an anchor ($anchor / $id "#name") */
        Value a = anchor_find(root, p);
        buf_free(&d);
        if (a.t != VT_NIL) { *out = a; return NULL; }
        /* v3 reads a name it cannot find as a JSON pointer without its
         * leading "/": the whole document */
        *out = v3 ? root : v_nil();
        return v3 ? NULL : cc_printf("anchor in \"file:///values.schema.json#%s\" not found in schema \"file:///values.schema.json\"", frag);
    }
    while (!err && *p == '/') {
        p++;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        Buf k = {0};
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '~' && i + 1 < n && (p[i + 1] == '0' || p[i + 1] == '1')) {
                buf_putc(&k, p[i + 1] == '1' ? '/' : '~');
                i++;
            } else {
                if (p[i] == '~' && !v3 && !err)          /* v6: an invalid escape */
                    err = cc_printf("invalid json-pointer \"file:///values.schema.json#%s\"", frag);
                buf_putc(&k, p[i]);
            }
        }
        const char *tok = buf_cstr(&k);
        if (err) {
        } else if (cur.t == VT_MAP) {
            Value *q = map_get(cur.u.m, tok, k.len);
            if (q) cur = *q;
            else err = v3 ? cc_printf("Object has no key '%s'", tok) : nf;
        } else if (cur.t == VT_LIST) {
            uint32_t len = cur.u.l->len;
            char *end;
            errno = 0;
            long long idx = strtoll(tok, &end, 10);
            int syntax = !k.len || *end || errno || strchr(" \t\n\v\f\r", tok[0]);
            if (v3) {                                   /* strconv.Atoi */
                if (syntax) err = cc_printf("Invalid array index '%s'", tok);
                else if (idx < 0 || idx >= (long long)len) err = cc_printf("Out of bound array[0,%u] index '%lld'", len, idx);
            } else if (syntax || tok[0] == '+' || tok[0] == '-' || (tok[0] == '0' && k.len > 1) || idx >= (long long)len) {
                err = nf;
            }
            if (!err) cur = cur.u.l->v[idx];
        } else {
            err = v3 ? cc_printf("Invalid token reference '%s'", tok) : nf;
        }
        buf_free(&k);
        p += n;
    }
    buf_free(&d);
    *out = err ? v_nil() : cur;
    return err;
}

static Value s_resolve(SCtx *x, const char *ref)
{
    if (ref[0] != '#') {
        /* A remote document: Helm fetches it over the network; chartc has
         * none, so the schema fails to load, as Helm's does offline. */
        if (!x->load_err) {
            const char *url = ref;
            Value id = x->root.t == VT_MAP ? s_get(x->root, "$id") : v_nil();
            if (!strstr(ref, "://") && v_is_str(id)) {
                const char *slash = memrchr(id.u.s, '/', id.n);
                url = cc_printf("%.*s%s", slash ? (int)(slash - id.u.s + 1) : 0, id.u.s, ref);
            }
            x->load_err = cc_helm_major == 3
                ? cc_printf("Get \"%s\": chartc does not fetch remote schemas", url)
                : cc_printf("failing loading \"%s\": chartc does not fetch remote schemas", url);
        }
        return v_bool(1);
    }
    Value t, *c = x->refs ? pm_get(x->refs, ref) : NULL;
    if (c) return *c;
    ref_walk(x->root, ref, &t);   /* s_compile has checked it resolves */
    if (x->refs) pm_put(x->refs, ref, t);
    return t;
}

/* Compiling the schema (v6 Compiler / gojsonschema NewSchema): every
 * subschema a validation could enter, and every $ref target, must load;
 * the first that does not is the chart's error. Iterative: schemas nest
 * (and refer to each other) without bound. */
static const char *s_compile(SCtx *x)
{
    static const int one_v4[] = {K_ADDLPROPS, K_CONTAINS, K_PROPNAMES, K_NOT, K_IF, K_UNEVALPROPS, K_UNEVALITEMS,
                                 K_ITEMS, K_ADDLITEMS, -1};
    static const int one_v3[] = {K_ADDLPROPS, K_CONTAINS, K_PROPNAMES, K_NOT, K_IF, K_THEN, K_ELSE, K_ITEMS,
                                 K_ADDLITEMS, -1};
    static const int map_v4[] = {K_PROPERTIES, K_PATTERNPROPS, K_DEPENDENCIES, K_DEPSCHEMAS, -1};
    static const int map_v3[] = {K_PROPERTIES, K_PATTERNPROPS, K_DEPENDENCIES, K_DEFINITIONS, -1};
    static const int list_v4[] = {K_ALLOF, K_ANYOF, K_ONEOF, K_PREFIXITEMS, K_ITEMS, -1};
    static const int list_v3[] = {K_ALLOF, K_ANYOF, K_ONEOF, K_ITEMS, -1};
    int v3 = cc_helm_major == 3;
    /* the schemas seen: an open-addressing set of their maps */
    size_t scap = 256, sn = 0;
    const Map **seen = cc_alloc(scap * sizeof *seen);
    Value *st = NULL;
    size_t n = 0, cap = 0;
    SKeys k;
#define PUSH(v) do { if ((v).t == VT_MAP) { \
        if (n == cap) { size_t nc = cap ? 2 * cap : 32; st = cc_grow(st, cap * sizeof *st, nc * sizeof *st); cap = nc; } \
        st[n++] = (v); } } while (0)
    PUSH(x->root);
    while (n) {
        Value s = st[--n];
        size_t h = ((uintptr_t)s.u.m >> 4) * 0x9E3779B97F4A7C15ull >> 20, j;
        for (j = h & (scap - 1); seen[j] && seen[j] != s.u.m; j = (j + 1) & (scap - 1)) {}
        if (seen[j]) continue;
        seen[j] = s.u.m;
        if (++sn * 2 > scap) {   /* keep it at most half full */
            const Map **old = seen;
            size_t oc = scap;
            scap *= 2;
            seen = cc_alloc(scap * sizeof *seen);
            for (size_t i = 0; i < oc; i++) {
                if (!old[i]) continue;
                size_t g = ((uintptr_t)old[i] >> 4) * 0x9E3779B97F4A7C15ull >> 20;
                for (j = g & (scap - 1); seen[j]; j = (j + 1) & (scap - 1)) {}
                seen[j] = old[i];
            }
        }
        s_keys(s, &k);
        Value ref = kw(&k, K_REF);
        if (ref.t == VT_STR) {
            if (!v3 && url_err(ref)) return cc_printf("error in parsing \"%s\": %s", ref.u.s, url_err(ref));
            if (ref.u.s[0] != '#') {
                s_resolve(x, ref.u.s);
                return x->load_err;   /* as is: Helm prints "...no such hostcommon:" */
            }
            Value t;
            const char *err = ref_walk(x->root, ref.u.s, &t);
            if (err) return err;      /* a compile error: no newline after it */
            PUSH(t);
        }
        for (int id = K_RECREF; !v3 && id <= K_DYNREF && x->draft >= (id == K_RECREF ? 2019 : 2020); id++) {
            Value r = kw(&k, id), t;
            if (r.t != VT_STR) continue;
            if (r.u.s[0] != '#') { s_resolve(x, r.u.s); return x->load_err; }
            const char *err = ref_walk(x->root, r.u.s, &t);
            if (err) return err;
            PUSH(t);
        }
        for (const int *id = v3 ? one_v3 : one_v4; *id >= 0; id++) {
            Value c = kw(&k, *id);
            PUSH(c);
            if (!v3 && *id == K_IF && c.t != VT_NIL) {   /* v6: then/else only with an if */
                Value t = kw(&k, K_THEN), e = kw(&k, K_ELSE);
                PUSH(t);
                PUSH(e);
            }
        }
        for (const int *id = v3 ? map_v3 : map_v4; *id >= 0; id++) {
            Value m = kw(&k, *id);
            if (m.t == VT_MAP) MAP_EACH(m.u.m, e) PUSH(e->v);
        }
        for (const int *id = v3 ? list_v3 : list_v4; *id >= 0; id++) {
            Value l = kw(&k, *id);
            if (l.t == VT_LIST) for (uint32_t i = 0; i < l.u.l->len; i++) PUSH(l.u.l->v[i]);
        }
    }
#undef PUSH
    return NULL;
}

static const char *join_quoted(Value list)
{
    Buf b = {0};
    for (uint32_t i = 0; i < list.u.l->len; i++) {
        if (i) buf_puts(&b, ", ");
        buf_puts(&b, disp(list.u.l->v[i]));
    }
    char *r = b.len ? buf_arena(&b) : "";
    buf_free(&b);
    return r;
}

/* unevalFrom: what schema k leaves to evaluate of v, before it runs. A
 * schema with additionalProperties evaluates every property; one with
 * items (a schema, or before 2020-12 a list with additionalItems) every
 * item, a prefixItems (2020-12) or items list the first ones. */
static void ue_from(SUneval *ue, const SCtx *x, const SKeys *k, Value v, int caller_needs)
{
    uint32_t from = 0, n;
    if (v.t == VT_MAP) {
        if (kw_has(k, K_ADDLPROPS) || (!caller_needs && !kw_has(k, K_UNEVALPROPS))) return;
        n = v.u.m->n;
    } else if (v.t == VT_LIST) {
        Value items = kw(k, K_ITEMS), list = x->draft >= 2020 ? kw(k, K_PREFIXITEMS) : items;
        if (x->draft >= 2020 ? kw_has(k, K_ITEMS) : items.t != VT_NIL && (items.t != VT_LIST || kw_has(k, K_ADDLITEMS)))
            return;
        if (!caller_needs && !kw_has(k, K_UNEVALITEMS)) return;
        if (list.t == VT_LIST) from = list.u.l->len;
        n = v.u.l->len;
        if (from >= n) return;
    } else {
        return;
    }
    ue->on = 1;
    ue->n = n;
    ue->left = cc_alloc(n ? n : 1);
    for (uint32_t i = from; i < n; i++)
        if (v.t == VT_LIST || v.u.m->e[i].k) { ue->left[i] = 1; ue->cnt++; }
}

/* Whether the draft validated has the keywords draft d added (v3's
 * hybrid default has all) */
static int s_since(const SCtx *x, int d) { return !x->draft || x->draft >= d; }

static void ue_del(SUneval *ue, uint32_t i)
{
    if (ue && ue->on && i < ue->n && ue->left[i]) { ue->left[i] = 0; ue->cnt--; }
}

static int ue_needed(const SUneval *ue) { return ue && ue->on && ue->cnt; }

/* Errors of a sub-validation taken over as they are (mergeErrors: they
 * cost no score here; v3 adds the sub-validation's score itself). */
static void s_merge(SCtx *x, const SErr *e, int n)
{
    for (int j = 0; j < n; j++) s_add(x, e[j].loc, e[j].depth, e[j].msg);
    x->score += 2 * n;
}

/* s_merge at depth */
static void s_merge_at(SCtx *x, const SErr *e, int n, int depth)
{
    for (int j = 0; j < n; j++) s_add(x, e[j].loc, depth, e[j].msg);
    x->score += 2 * n;
}

/* allOf / anyOf / oneOf. v4 (jsonschema v6): one line naming the keyword,
 * the subschemas' errors nested below it. v3 (gojsonschema): allOf merges
 * every error then adds its line; anyOf and oneOf add their line and the
 * errors of the failed subschema with the highest Result.score. anyOf
 * stops at the first subschema that matches (v3 always, v4 unless
 * unevaluated* still needs the rest), before any score is kept. */
static void s_combinator(SCtx *x, Value subs, Value v, const SLoc *loc, int depth, int kid,
                         const SScope *sc)
{
    if (subs.t != VT_LIST) return;
    if (cc_helm_major == 3 && !subs.u.l->len) return;   /* gojsonschema: an empty list is no constraint */
    const char *kwn = kw_name[kid];
    int matched = 0, first = -1, second = -1, best_n = -1, best_sc = 0, sum_sc = 0;
    SErr *best = NULL;
    SCtx all = *x;
    all.e = NULL; all.n = all.cap = 0;
    for (uint32_t i = 0; i < subs.u.l->len; i++) {
        /* anyOf stops at a match (v6: unless uneval still needs the rest) */
        if (kid == K_ANYOF && matched && (cc_helm_major == 3 || !ue_needed(sc->ue))) break;
        SErr *errs;
        int n = s_try(x, subs.u.l->v[i], v, loc, depth + 1, &errs, sc, (SSeg){kwn, NULL, (int)i}, sc->vid);
        if (n == 0) {
            matched++;
            if (first < 0) first = i; else if (second < 0) second = i;
        } else {
            s_merge(&all, errs, n);
            /* v3 keeps the failed subschema with the highest score (the first of equals) */
            if (best_n < 0 || x->tscore > best_sc) { best = errs; best_n = n; best_sc = x->tscore; }
        }
        sum_sc += x->tscore;
    }
    int v3 = cc_helm_major == 3;
    if (kid == K_ALLOF) {
        if (v3) x->score += sum_sc;   /* mergeErrors of every result */
        if (!all.n) return;
        if (v3) {
            s_merge_at(x, all.e, all.n, depth);
            s_add(x, s_loc(loc), depth, "Must validate all the schemas (allOf)");
        } else {
            s_add(x, s_loc(loc), depth, "'allOf' failed");
            s_merge(x, all.e, all.n);
        }
    } else if (kid == K_ANYOF) {
        if (matched) return;
        if (v3) {
            s_add(x, s_loc(loc), depth, "Must validate at least one schema (anyOf)");
            s_merge_at(x, best, best_n, depth);
            x->score += best_sc;
        } else {
            s_add(x, s_loc(loc), depth, "'anyOf' failed");
            s_merge(x, all.e, all.n);
        }
    } else if (!matched) {
        if (v3) {
            s_add(x, s_loc(loc), depth, "Must validate one and only one schema (oneOf)");
            s_merge_at(x, best, best_n, depth);
            x->score += best_sc;
        } else {
            s_add(x, s_loc(loc), depth, "'oneOf' failed, none matched");
            s_merge(x, all.e, all.n);
        }
    } else if (matched > 1) {
        s_add(x, s_loc(loc), depth, v3 ? "Must validate one and only one schema (oneOf)"
                                : cc_printf("'oneOf' failed, subschemas %d, %d matched", first, second));
    }
}


/* "properties 'y', 'z' required, if 'x' exists" (v4) / "Has a dependency
 * on y" per missing one (v3). */
static void s_dep_required(SCtx *x, Value deps, Value v, const SLoc *loc, int depth, int kid,
                           const SScope *sc)
{
    MAP_EACH(deps.u.m, d) {
        if (!map_get(v.u.m, d->k, d->klen)) continue;
        if (d->v.t == VT_LIST) {
            Value miss = v_newlist(2);
            for (uint32_t i = 0; i < d->v.u.l->len; i++) {
                Value r = d->v.u.l->v[i];
                if (r.t == VT_STR && !map_get(v.u.m, r.u.s, r.n)) list_push(miss.u.l, r);
            }
            if (!miss.u.l->len) continue;
            if (cc_helm_major == 3) {
                for (uint32_t i = 0; i < miss.u.l->len; i++)
                    s_add(x, s_field(loc), depth, cc_printf("Has a dependency on %s", miss.u.l->v[i].u.s));
            } else {
                s_add(x, s_loc(loc), depth, cc_printf("properties %s required, if %s exists",
                                               join_quoted(miss), v6_quote(d->k, d->klen)));
            }
        } else if (d->v.t == VT_MAP || d->v.t == VT_BOOL) {
            s_validate(x, d->v, v, loc, depth, sc, (SSeg){kw_name[kid], d->k, -1}, sc->vid);
        }
    }
}

static void s_body(SCtx *x, const SKeys *k, Value v, const SLoc *loc, int depth, const SScope *sc);

/* validator.validate: s against v. up/seg/vid place the call in the
 * scope chain (seg "/$ref" is a reference jump, to the location x->refptr). */
static void s_validate_body(SCtx *x, Value s, Value v, const SLoc *loc, int depth,
                            const SScope *up, SSeg seg, int vid);

/* One schema evaluation. v4 (jsonschema v6 validator.validate): when it
 * yields more than one error, they become the causes of one "validation
 * failed" error at its location: a Group, or for a $ref a Reference that
 * takes the Group's causes (its text is the same). Schema.Validate
 * flattens the root's Group, and a Group passed up alone to the root
 * (s_unwrap_root). */
static void s_validate(SCtx *x, Value s, Value v, const SLoc *loc, int depth,
                       const SScope *up, SSeg seg, int vid)
{
    int start = x->n;
    s_validate_body(x, s, v, loc, depth, up, seg, vid);
    if (cc_helm_major < 4 || !up) return;
    int top = 0, first = -1;
    for (int i = start; i < x->n; i++)
        if (x->e[i].depth == depth && !top++) first = i;
    int ref = seg.kw == kw_name[K_REF] || seg.kw == kw_name[K_RECREF] || seg.kw == kw_name[K_DYNREF];
    if (top == 1 && ref && x->e[first].group) {
        /* a Reference takes the causes of its target's one Group, at its own location */
        x->e[first].loc = s_loc(loc);
        x->e[first].group = 0;
    }
    if (top < 2) return;
    s_add(x, s_loc(loc), depth, "validation failed");
    x->e[x->n - 1].group = !ref;
    SErr g = x->e[x->n - 1];
    memmove(&x->e[start + 1], &x->e[start], (size_t)(x->n - 1 - start) * sizeof *x->e);
    x->e[start] = g;
    for (int i = start + 1; i < x->n; i++) x->e[i].depth++;
}

static void s_validate_body(SCtx *x, Value s, Value v, const SLoc *loc, int depth,
                            const SScope *up, SSeg seg, int vid)
{
    if (*x->fatal) return;
    int start = x->n;
    if (s.t == VT_BOOL) {
        if (!s.u.b) s_add(x, s_loc(loc), depth, cc_helm_major == 3 ? "False always fails validation" : "false schema");
        return;
    }
    if (s.t != VT_MAP) return;
    SScope me = {s.u.m, seg, NULL, vid, up};
    if (up && (seg.kw == kw_name[K_REF] || seg.kw == kw_name[K_RECREF] || seg.kw == kw_name[K_DYNREF]) && !seg.key &&
        seg.idx < 0) me.refptr = x->refptr;
    for (const SScope *p = up; p && p->vid == vid; p = p->up) {
        if (p->sch != me.sch) continue;
        const char *m = cc_printf("both %s and %s resolve to \"file:///values.schema.json#%s\" causing reference cycle",
                                  kw_loc(&me), kw_loc(p), scope_ptr(&me));
        /* v3's gojsonschema recurses until Go's stack overflows */
        if (cc_helm_major == 3) *x->fatal = cc_printf("%s (Helm v3 overflows its stack on this schema)\n", m);
        else s_add(x, s_loc(loc), depth, m);
        return;
    }
    if (cc_stack_low()) {
        *x->fatal = cc_printf("values.schema.json: validation nested deeper than %d levels\n", *x->nest);
        return;
    }
    ++*x->nest;
    SKeys kbuf, *kp = &kbuf;
    /* the metaschema's few schemas are met again for every subschema
     * checked: their keywords are found once */
    Value *kc = x->meta ? pm_get(x->refs, s.u.m) : NULL;
    if (kc) kp = (SKeys *)kc->u.s;
    else {
        if (x->meta) kp = cc_alloc(sizeof *kp);
        s_keys(s, kp);
        if (x->meta) { Value h = v_nil(); h.u.s = (const char *)kp; pm_put(x->refs, s.u.m, h); }
    }
    /* an in-place subschema (same value) that passes merges what it has
     * evaluated into its caller's uneval */
    SUneval ue = {0}, *caller = up && up->vid == vid ? up->ue : NULL;
    if (cc_helm_major > 3 && x->draft >= 2019) ue_from(&ue, x, kp, v, ue_needed(caller));
    me.ue = &ue;
    s_body(x, kp, v, loc, depth, &me);
    if (caller && caller->on && x->n == start)
        for (uint32_t i = 0; i < caller->n; i++)
            if (caller->left[i] && !(ue.on && ue.left[i])) ue_del(caller, i);
    --*x->nest;
}

/* $ref: its target validates v; 1 when it replaces its siblings (v3, and
 * v4 before 2019-09) */
static int s_ref(SCtx *x, const SKeys *sk, Value v, const SLoc *loc, int depth, const SScope *sc)
{
    Value ref = kw(sk, K_REF);
    if (ref.t != VT_STR) return 0;
    Value t = s_resolve(x, ref.u.s);
    x->refptr = ref.u.s[0] == '#' ? ref.u.s + 1 : "";
    s_validate(x, t, v, loc, depth, sc, SEG(kw_name[K_REF]), sc->vid);
    return cc_helm_major == 3 || x->draft < 2019;
}

static void s_body(SCtx *x, const SKeys *sk, Value v, const SLoc *loc, int depth, const SScope *sc)
{
    int v3 = cc_helm_major == 3;
    int vid = sc->vid;
    /* v3 (gojsonschema) follows $ref first, v4 (jsonschema v6) after
     * type, const, enum and format */
    if (v3 && s_ref(x, sk, v, loc, depth, sc)) return;
    /* type */
    Value ty = kw(sk, K_TYPE);
    /* gojsonschema: an empty type list is no constraint */
    if (ty.t == VT_STR || (ty.t == VT_LIST && (!v3 || ty.u.l->len))) {
        int ok = 0;
        if (ty.t == VT_STR) ok = type_ok(v, ty.u.s);
        else
            for (uint32_t i = 0; i < ty.u.l->len && !ok; i++)
                ok = ty.u.l->v[i].t == VT_STR && type_ok(v, ty.u.l->v[i].u.s);
        if (!ok) {
            /* the types wanted, as each validator lists them */
            Buf want = {0};
            if (ty.t == VT_STR) buf_puts(&want, ty.u.s);
            else if (v3) {
                /* gojsonschema's jsonSchemaType.String(): the schema's order,
                 * "[a,b]" for more than one */
                int n = 0;
                for (uint32_t i = 0; i < ty.u.l->len; i++) {
                    Value t = ty.u.l->v[i];
                    if (t.t != VT_STR) continue;
                    if (n++) buf_putc(&want, ',');
                    buf_puts(&want, t.u.s);
                }
                if (n > 1) {
                    const char *list = cc_printf("[%s]", buf_cstr(&want));
                    want.len = 0;
                    buf_puts(&want, list);
                }
            } else {
                /* jsonschema/v6 Types.ToStrings(): a set, listed in its fixed order */
                static const char *const order[] = {"null", "boolean", "number", "integer", "string", "array", "object"};
                for (size_t k = 0; k < sizeof order / sizeof *order; k++)
                    for (uint32_t i = 0; i < ty.u.l->len; i++) {
                        Value t = ty.u.l->v[i];
                        if (t.t != VT_STR || strcmp(t.u.s, order[k]) != 0) continue;
                        if (want.len) buf_puts(&want, " or ");
                        buf_puts(&want, t.u.s);
                        break;
                    }
            }
            const char *got = json_type(v);
            if (v3 && is_integer(v)) got = "integer";
            s_add(x, s_loc(loc), depth, v3
                  ? cc_printf("Invalid type. Expected: %s, given: %s", buf_cstr(&want), got)
                  : cc_printf("got %s, want %s", got, buf_cstr(&want)));
            buf_free(&want);
            return;
        }
    }
    /* v4 (jsonschema v6): const, enum, then format; a failure ends this
     * schema's validation with that one error */
    if (!v3 && kw_has(sk, K_CONST) && s_since(x, 6)) {
        Value cs = kw(sk, K_CONST);
        if (!v_deep_equal(cs, v) && !(is_num(cs) && is_num(v) && num(cs) == num(v))) {
            s_add(x, s_loc(loc), depth, is_composite(cs) ? "'const' failed" : cc_printf("value must be %s", disp(cs)));
            return;
        }
    }
    Value en = kw(sk, K_ENUM);
    if (en.t == VT_LIST && (!v3 || en.u.l->len)) {   /* v3: an empty enum is no constraint */
        int ok = 0, prim = 1;
        for (uint32_t i = 0; i < en.u.l->len; i++) {
            Value a = en.u.l->v[i];
            if (is_composite(a)) prim = 0;
            if (v_deep_equal(a, v) || (is_num(a) && is_num(v) && num(a) == num(v))) ok = 1;
        }
        if (!ok) {
            s_add(x, s_loc(loc), depth, v3
                  ? cc_printf("%s must be one of the following: %s", s_field(loc), join_quoted(en))
                  : !prim ? "'enum' failed"
                  : en.u.l->len == 1 ? cc_printf("value must be %s", disp(en.u.l->v[0]))
                  : cc_printf("value must be one of %s", join_quoted(en)));
            if (!v3) return;
        }
    }
    /* v4 asserts format for drafts 4 to 7 only, on strings */
    Value fmt = kw(sk, K_FORMAT);
    if (!v3 && fmt.t == VT_STR && v.t == VT_STR && (x->draft < 2019 || x->meta)) {
        const char *why = sf_v6_check(fmt.u.s, v.u.s, v.n);
        if (why) {
            s_add(x, s_loc(loc), depth, cc_printf("%s is not valid %s: %s", disp(v), fmt.u.s, why));
            return;
        }
    }
    if (!v3 && s_ref(x, sk, v, loc, depth, sc)) return;
    if (v3 && kw_has(sk, K_CONST) && s_since(x, 6)) {
        Value cs = kw(sk, K_CONST);
        if (!v_deep_equal(cs, v) && !(is_num(cs) && is_num(v) && num(cs) == num(v)))
            s_add(x, s_loc(loc), depth, cc_printf("%s does not match: %s", s_field(loc), json_text(cs)));
    }
    if (is_num(v)) {
        static const char *const kws[] = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"};
        static const char *const v3m[] = {"Must be greater than or equal to %s", "Must be less than or equal to %s",
                                          "Must be greater than %s", "Must be less than %s"};
        for (int k = 0; k < 4; k++) {
            static const int kid[] = {K_MINIMUM, K_MAXIMUM, K_EXMIN, K_EXMAX};
            Value lim = kw(sk, kid[k]);
            /* draft-04's boolean exclusiveMinimum/Maximum: true makes the
             * bound beside it exclusive (both validators read it so) */
            Value ex = kw(sk, kid[k | 2]);
            if (ex.t == VT_BOOL) lim = (k < 2) == !ex.u.b ? kw(sk, kid[k & 1]) : v_nil();
            if (!is_num(lim)) continue;
            double a = num(v), b = num(lim);
            int bad = k == 0 ? a < b : k == 1 ? a > b : k == 2 ? a <= b : a >= b;
            if (bad) s_add(x, s_loc(loc), depth, v3 ? cc_printf(v3m[k], fmt_num(lim))
                           : cc_printf("%s: got %s, want %s", kws[k], fmt_num(v), fmt_num(lim)));
        }
        Value mo = kw(sk, K_MULTIPLEOF);
        if (is_num(mo) && num(mo) != 0) {
            double q = num(v) / num(mo);
            if (q != go_floor(q)) s_add(x, s_loc(loc), depth, v3 ? cc_printf("Must be a multiple of %s", fmt_num(mo))
                                     : cc_printf("multipleOf: got %s, want %s", fmt_num(v), fmt_num(mo)));
        }
        /* gojsonschema v1.2.0 checks a number's format too, and every
         * format it knows refuses a number */
        if (v3 && fmt.t == VT_STR && !sf_v3_check(fmt.u.s, v))
            s_add(x, s_field(loc), depth, cc_printf("Does not match format '%s'", fmt.u.s));
    }
    if (v.t == VT_STR) {
        size_t len = rune_count(v.u.s, v.n);
        Value mn = kw(sk, K_MINLENGTH), mx = kw(sk, K_MAXLENGTH);
        if (is_num(mn) && len < num(mn))
            s_add(x, s_loc(loc), depth, v3 ? cc_printf("String length must be greater than or equal to %s", fmt_num(mn))
                                 : cc_printf("minLength: got %zu, want %s", len, fmt_num(mn)));
        if (is_num(mx) && len > num(mx))
            s_add(x, s_loc(loc), depth, v3 ? cc_printf("String length must be less than or equal to %s", fmt_num(mx))
                                 : cc_printf("maxLength: got %zu, want %s", len, fmt_num(mx)));
        Value pat = kw(sk, K_PATTERN);
        if (pat.t == VT_STR && !regex_match(pat.u.s, v.u.s, v.n))
            s_add(x, s_loc(loc), depth, v3 ? cc_printf("Does not match pattern '%s'", pat.u.s)
                                 : cc_printf("%s does not match pattern %s", disp(v), disp(pat)));
        if (v3 && fmt.t == VT_STR && !sf_v3_check(fmt.u.s, v))
            s_add(x, s_field(loc), depth, cc_printf("Does not match format '%s'", fmt.u.s));
    }
    if (v.t == VT_LIST) {
        uint32_t n = v.u.l->len;
        Value mn = kw(sk, K_MINITEMS), mx = kw(sk, K_MAXITEMS);
        if (is_num(mn) && n < num(mn))
            s_add(x, s_loc(loc), depth, v3 ? cc_printf("Array must have at least %s items", fmt_num(mn))
                                 : cc_printf("minItems: got %u, want %s", n, fmt_num(mn)));
        if (is_num(mx) && n > num(mx))
            s_add(x, s_loc(loc), depth, v3 ? cc_printf("Array must have at most %s items", fmt_num(mx))
                                 : cc_printf("maxItems: got %u, want %s", n, fmt_num(mx)));
        Value un = kw(sk, K_UNIQUEITEMS);
        if (un.t == VT_BOOL && un.u.b && v3) {
            /* gojsonschema: every item equal to an earlier one, with the
             * last such earlier index */
            for (uint32_t j = 1; j < n; j++)
                for (uint32_t i = j; i-- > 0;)
                    if (v_deep_equal(v.u.l->v[i], v.u.l->v[j])) {
                        s_add(x, s_loc(loc), depth, cc_printf("array items[%u,%u] must be unique", i, j));
                        break;
                    }
        } else if (un.t == VT_BOOL && un.u.b) {
            int done = 0;
            for (uint32_t i = 0; i < n && !done; i++)
                for (uint32_t j = i + 1; j < n && !done; j++)
                    if (v_deep_equal(v.u.l->v[i], v.u.l->v[j])) {
                        s_add(x, s_loc(loc), depth, cc_printf("items at %u and %u are equal", i, j));
                        done = 1;
                    }
        }
        /* items: 2020-12 prefixItems and items for the rest; before it
         * items as one schema, or a list with additionalItems for the
         * rest. v6 numbers the rest's locations from 0 (its
         * arr[evaluated:] loop index); gojsonschema does not. */
        Value items = kw(sk, K_ITEMS), pre = kw(sk, K_PREFIXITEMS), addl = kw(sk, K_ADDLITEMS);
        int d20 = !v3 && x->draft >= 2020;
        Value list = d20 ? pre : items;
        uint32_t done = 0;
        if (list.t == VT_LIST) {
            for (; done < n && done < list.u.l->len; done++) {
                SLoc il = {loc, NULL, done};
                s_validate(x, list.u.l->v[done], v.u.l->v[done], &il, depth, sc,
                           (SSeg){d20 ? "prefixItems" : "items", NULL, (int)done}, vid + 1);
            }
            if (!d20) items = addl.t == VT_MAP ? addl : v_nil();
        } else if (!d20) {
            addl = v_nil();
        }
        if (!d20 && list.t == VT_LIST && addl.t == VT_BOOL && !addl.u.b && done < n)
            s_add(x, s_loc(loc), depth, v3 ? "No additional items allowed on array"
                                 : cc_printf("last %u additionalItem(s) not allowed", n - done));
        if (items.t == VT_MAP || items.t == VT_BOOL)
            for (uint32_t i = done; i < n; i++) {
                SLoc il = {loc, NULL, v3 ? i : i - done};
                s_validate(x, items, v.u.l->v[i], &il, depth, sc,
                           SEG(list.t == VT_LIST && !d20 ? "additionalItems" : "items"), vid + 1);
            }
        Value ct = kw(sk, K_CONTAINS);
        if ((ct.t == VT_MAP || ct.t == VT_BOOL) && s_since(x, 6)) {
            /* minContains/maxContains are 2019-09 keywords: v6 only */
            int d19 = !v3 && x->draft >= 2019;
            Value mnc = d19 ? kw(sk, K_MINCONTAINS) : v_nil(), mxc = d19 ? kw(sk, K_MAXCONTAINS) : v_nil();
            double want_min = is_num(mnc) ? num(mnc) : 1;
            SCtx fails = *x;
            fails.e = NULL; fails.n = fails.cap = 0;
            Buf at = {0};
            uint32_t nm = 0;
            int best_sc = 0, have = 0;
            for (uint32_t i = 0; i < n; i++) {
                SErr *errs;
                SLoc il = {loc, NULL, i};
                int k = s_try(x, ct, v.u.l->v[i], &il, depth + 1, &errs, sc, SEG("contains"), vid + 1);
                if (!k) {
                    if (nm++) buf_putc(&at, ' ');
                    buf_printf(&at, "%u", i);
                    if (x->draft >= 2020) ue_del(sc->ue, i);
                    continue;
                }
                if (!v3) { s_merge(&fails, errs, k); continue; }
                /* v3 keeps the best-scoring item's errors */
                if (!have || x->tscore > best_sc) { fails.n = 0; s_merge(&fails, errs, k); best_sc = x->tscore; have = 1; }
            }
            if (nm < want_min) {
                if (v3) {
                    s_add(x, s_loc(loc), depth, "At least one of the items must match");
                    s_merge_at(x, fails.e, fails.n, depth);
                    x->score += best_sc;
                } else {
                    s_add(x, s_loc(loc), depth, !is_num(mnc) ? "no items match contains schema"
                          : !nm ? cc_printf("min %s items required to match contains schema, but none matched", json_text(mnc))
                          : cc_printf("min %s items required to match contains schema, but matched %u items at %s",
                                      json_text(mnc), nm, buf_cstr(&at)));
                    s_merge(x, fails.e, fails.n);
                }
            } else if (is_num(mxc) && nm > num(mxc)) {
                s_add(x, s_loc(loc), depth, cc_printf("max %s items required to match contains schema, but matched %u items at %s",
                                               json_text(mxc), nm, buf_cstr(&at)));
            }
            buf_free(&at);
        }
    }
    if (v.t == VT_MAP) {
        /* the object keywords in each validator's order */
        enum { O_END, O_REQ, O_MINMAX, O_DEPS, O_PROPS, O_PN, O_DEPSCH, O_DEPREQ };
        static const int ord3[] = {O_REQ, O_MINMAX, O_DEPS, O_PN, O_PROPS, O_END};
        static const int ord4[] = {O_MINMAX, O_REQ, O_DEPS, O_PROPS, O_PN, O_DEPSCH, O_DEPREQ, O_END};
        for (const int *o = v3 ? ord3 : ord4; *o; o++) switch (*o) {
        case O_REQ: {
            Value req = kw(sk, K_REQUIRED);
            if (req.t == VT_LIST) {
                Value miss = v_newlist(4);
                for (uint32_t i = 0; i < req.u.l->len; i++) {
                    Value r = req.u.l->v[i];
                    if (r.t == VT_STR && !map_get(v.u.m, r.u.s, r.n)) list_push(miss.u.l, r);
                    else x->score++;   /* v3: a present required property */
                }
                if (miss.u.l->len && v3) {
                    for (uint32_t i = 0; i < miss.u.l->len; i++)
                        s_add(x, s_field(loc), depth, cc_printf("%s is required", miss.u.l->v[i].u.s));
                } else if (miss.u.l->len == 1) {
                    s_add(x, s_loc(loc), depth, cc_printf("missing property %s", disp(miss.u.l->v[0])));
                } else if (miss.u.l->len) {
                    s_add(x, s_loc(loc), depth, cc_printf("missing properties %s", join_quoted(miss)));
                }
            }
            break;
        }
        case O_MINMAX: {
            Value mnp = kw(sk, K_MINPROPS), mxp = kw(sk, K_MAXPROPS);
            if (is_num(mnp) && v.u.m->len < num(mnp))
                s_add(x, s_loc(loc), depth, v3 ? cc_printf("Must have at least %s properties", fmt_num(mnp))
                                     : cc_printf("minProperties: got %u, want %s", v.u.m->len, fmt_num(mnp)));
            if (is_num(mxp) && v.u.m->len > num(mxp))
                s_add(x, s_loc(loc), depth, v3 ? cc_printf("Must have at most %s properties", fmt_num(mxp))
                                     : cc_printf("maxProperties: got %u, want %s", v.u.m->len, fmt_num(mxp)));
            break;
        }
        case O_DEPS: {
            Value deps = kw(sk, K_DEPENDENCIES);
            if (deps.t == VT_MAP) s_dep_required(x, deps, v, loc, depth, K_DEPENDENCIES, sc);
            break;
        }
        case O_DEPSCH: case O_DEPREQ: {   /* 2019-09 keywords */
            Value dd = kw(sk, *o == O_DEPSCH ? K_DEPSCHEMAS : K_DEPREQUIRED);
            if (x->draft >= 2019 && dd.t == VT_MAP)
                s_dep_required(x, dd, v, loc, depth, *o == O_DEPSCH ? K_DEPSCHEMAS : K_DEPREQUIRED, sc);
            break;
        }
        case O_PN: {
            Value pn = kw(sk, K_PROPNAMES);
            if ((pn.t == VT_MAP || pn.t == VT_BOOL) && s_since(x, 6)) {
                MapEnt **ks = s_sorted(v.u.m);
                for (uint32_t i = 0; i < v.u.m->len; i++) {
                    SErr *errs;
                    /* v6 reports a property name at the empty location */
                    const SLoc *nl = v3 ? loc : NULL;
                    int k = s_try(x, pn, v_str(ks[i]->k, ks[i]->klen), nl, depth + 1, &errs, sc, SEG("propertyNames"), vid + 1);
                    if (!k) continue;
                    if (v3) {
                        int sub = x->tscore;
                        s_add(x, s_field(loc), depth, cc_printf("Property name of \"%s\" does not match", ks[i]->k));
                        for (int j = 0; j < k; j++) s_add(x, s_field(loc), depth, errs[j].msg);
                        x->score += 2 * k + sub;
                    } else {
                        s_add(x, "", depth, cc_printf("invalid propertyName %s", v6_quote(ks[i]->k, ks[i]->klen)));
                        s_merge(x, errs, k);
                    }
                }
            }
            break;
        }
        case O_PROPS: {
            Value props = kw(sk, K_PROPERTIES), pprops = kw(sk, K_PATTERNPROPS);
            Value addl = kw(sk, K_ADDLPROPS);
            MapEnt **keys = s_sorted(v.u.m);
            Value extra = v_newlist(4);
            for (uint32_t i = 0; i < v.u.m->len; i++) {
                MapEnt *e = keys[i];
                int known = 0;
                SLoc cl = {loc, e->k, 0};
                Value *ps = props.t == VT_MAP ? map_get(props.u.m, e->k, e->klen) : NULL;
                if (ps) { known = 1; s_validate(x, *ps, e->v, &cl, depth, sc, (SSeg){"properties", e->k, -1}, vid + 1); }
                int pmatch = 0;
                if (pprops.t == VT_MAP)
                    MAP_EACH(pprops.u.m, pe)
                        if (regex_match(pe->k, e->k, e->klen)) {
                            known = pmatch = 1;
                            s_validate(x, pe->v, e->v, &cl, depth, sc, (SSeg){"patternProperties", pe->k, -1}, vid + 1);
                        }
                if (known) ue_del(sc->ue, (uint32_t)(e - v.u.m->e));
                x->score += pmatch;   /* v3: validatePatternProperty ran to its end */
                if (!known) {
                    if (addl.t == VT_BOOL && !addl.u.b) list_push(extra.u.l, v_str(e->k, e->klen));
                    else if (addl.t == VT_MAP) s_validate(x, addl, e->v, &cl, depth, sc, SEG("additionalProperties"), vid + 1);
                }
            }
            if (extra.u.l->len) {
                if (v3) {
                    for (uint32_t i = 0; i < extra.u.l->len; i++)
                        s_add(x, s_field(loc), depth, cc_printf("Additional property %s is not allowed", extra.u.l->v[i].u.s));
                } else {
                    s_add(x, s_loc(loc), depth, cc_printf("additional properties %s not allowed", join_quoted(extra)));
                }
            }
            break;
        }
        }
    }
    /* $recursiveRef (2019-09 on), $dynamicRef (2020-12): within the one
     * resource of a values schema both land on their target (v6
     * validateRefs), a $recursiveAnchor target with a $recursiveAnchor
     * root on the root */
    for (int id = K_RECREF; !v3 && id <= K_DYNREF && x->draft >= (id == K_RECREF ? 2019 : 2020); id++) {
        Value r = kw(sk, id);
        if (r.t != VT_STR) continue;
        Value t = s_resolve(x, r.u.s);
        Value ra = s_get(t, "$recursiveAnchor"), rr = s_get(x->root, "$recursiveAnchor");
        if (id == K_RECREF && ra.t == VT_BOOL && ra.u.b && rr.t == VT_BOOL && rr.u.b) t = x->root;
        x->refptr = r.u.s[0] == '#' ? r.u.s + 1 : "";
        s_validate(x, t, v, loc, depth, sc, SEG(kw_name[id]), vid);
    }
    s_combinator(x, kw(sk, K_ALLOF), v, loc, depth, K_ALLOF, sc);
    s_combinator(x, kw(sk, K_ANYOF), v, loc, depth, K_ANYOF, sc);
    s_combinator(x, kw(sk, K_ONEOF), v, loc, depth, K_ONEOF, sc);
    Value nt = kw(sk, K_NOT);
    if (nt.t == VT_MAP || nt.t == VT_BOOL) {
        SErr *errs;
        if (s_try(x, nt, v, loc, depth + 1, &errs, sc, SEG("not"), vid) == 0)
            s_add(x, s_loc(loc), depth, v3 ? "Must not validate the schema (not)" : "'not' failed");
    }
    /* v3's score for the steps that ran to their end: validateSchema,
     * validateCommon, validateRecursive, and the one for v's type
     * (validateNumber/String/Array/Object; none for null or a boolean) */
    if (v3) x->score += 3 + (v.t != VT_NIL && v.t != VT_BOOL);
    /* if / then / else: v6 reports the branch's errors as they are */
    Value sif = kw(sk, K_IF);
    if ((sif.t == VT_MAP || sif.t == VT_BOOL) && s_since(x, 7)) {
        SErr *errs;
        int ok = s_try(x, sif, v, loc, depth, &errs, sc, SEG("if"), vid) == 0;
        Value br = kw(sk, ok ? K_THEN : K_ELSE);
        if (br.t == VT_MAP || br.t == VT_BOOL) {
            int k = s_try(x, br, v, loc, depth, &errs, sc, SEG(ok ? "then" : "else"), vid);
            int sub = x->tscore;
            if (k && v3) {
                s_add(x, s_loc(loc), depth, ok ? "Must validate \"then\" as \"if\" was valid"
                                               : "Must validate \"else\" as \"if\" was not valid");
                x->score += sub;
            }
            s_merge(x, errs, k);
        }
    }
    /* unevaluatedProperties / unevaluatedItems (2019-09 on): what is left
     * now; after them everything counts as evaluated */
    SUneval *ue = sc->ue;
    if (ue && ue->on) {
        int kid = v.t == VT_MAP ? K_UNEVALPROPS : K_UNEVALITEMS;
        Value us = kw(sk, kid);
        if (us.t == VT_MAP || us.t == VT_BOOL) {
            if (v.t == VT_MAP) {
                MapEnt **ks = s_sorted(v.u.m);
                for (uint32_t i = 0; i < v.u.m->len; i++) {
                    if (!ue->left[ks[i] - v.u.m->e]) continue;
                    SLoc cl = {loc, ks[i]->k, 0};
                    s_validate(x, us, ks[i]->v, &cl, depth, sc, SEG(kw_name[kid]), vid + 1);
                }
            } else {
                for (uint32_t i = 0; i < ue->n; i++) {
                    if (!ue->left[i]) continue;
                    SLoc il = {loc, NULL, i};
                    s_validate(x, us, v.u.l->v[i], &il, depth, sc, SEG(kw_name[kid]), vid + 1);
                }
            }
            ue->on = 0;
        }
    }
}

/* Validation recurses once per nesting level of the values (43,000 for
 * the deepest --set lists): like template execution it runs on the deep
 * stack (cc_run_deep: directly, as a render already runs there), and
 * stops with an error where that stack runs low. */
typedef struct SJob { SCtx *x; Value s, values; } SJob;

static void s_job(void *p)
{
    SJob *j = p;
    s_validate(j->x, j->s, j->values, NULL, 0, NULL, SEG(NULL), 0);
}

/* Schema.Validate: when the root's one error is a Group (of errors at one
 * location below it, passed up alone), its causes are the errors. */
static void s_unwrap_root(SCtx *x)
{
    if (cc_helm_major < 4 || !x->n || !x->e[0].group) return;
    for (int i = 1; i < x->n; i++)
        if (x->e[i].depth <= x->e[0].depth) return;
    memmove(&x->e[0], &x->e[1], (size_t)(x->n - 1) * sizeof *x->e);
    x->n--;
    for (int i = 0; i < x->n; i++) x->e[i].depth--;
}

static void s_run(SCtx *x, Value s, Value values)
{
    SJob job = {x, s, values};
    cc_run_deep(s_job, &job);
    s_unwrap_root(x);
}

static int js_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* The end of the JSON value at s[i..n), which json_decode has found
 * complete and valid: where a json.Decoder stops reading. */
static size_t js_value_end(const char *s, size_t n, size_t i)
{
    while (i < n && js_space(s[i])) i++;
    if (i >= n) return n;
    char c = s[i];
    if (c == '{' || c == '[' || c == '"') {
        int depth = 0, str = 0;
        for (; i < n; i++) {
            char d = s[i];
            if (str) {
                if (d == '\\') i++;
                else if (d == '"') { str = 0; if (!depth) return i + 1; }
            } else if (d == '"') str = 1;
            else if (d == '{' || d == '[') depth++;
            else if ((d == '}' || d == ']') && --depth == 0) return i + 1;
        }
        return n;
    }
    if (c == 't' || c == 'n') return i + 4 < n ? i + 4 : n;
    if (c == 'f') return i + 5 < n ? i + 5 : n;
    /* a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    if (i < n && s[i] == '-') i++;
    if (i < n && s[i] == '0') i++;
    else while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {}
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-')) j++;
        if (j < n && s[j] >= '0' && s[j] <= '9')
            for (i = j; i < n && s[i] >= '0' && s[i] <= '9'; i++) {}
    }
    return i;
}

/* The schema file as both validators read it: a json.Decoder takes one
 * value (UseNumber), so the input's end is "EOF" before any value and
 * "unexpected EOF" inside one (encoding/json's Unmarshal says "unexpected
 * end of JSON input", or names the space it supposes after a cut
 * literal). After the value, v4's loader (jsonschema.UnmarshalJSON) wants
 * only space; v3's (gojsonschema) ignores what follows. */
static const char SJ_EOF[] = "EOF", SJ_UNEXPECTED_EOF[] = "unexpected EOF",
                  SJ_AFTER_TOP[] = "invalid character after top-level value";

static const char *schema_json_decode(const char *s, size_t n, Value *out)
{
    size_t i = 0;
    while (i < n && js_space(s[i])) i++;
    if (i == n) return SJ_EOF;
    const char *err = json_decode_numbers(s, n, out);
    if (!err) return NULL;
    if (strstr(err, "after top-level value")) {
        size_t end = js_value_end(s, n, 0);
        const char *e2 = json_decode_numbers(s, end, out);
        if (e2) return err;   /* not a value and a rest after all: as found */
        return cc_helm_major == 3 ? NULL : SJ_AFTER_TOP;
    }
    /* did the input end first? the same text with a byte that cannot
     * continue anything after it fails at that byte instead */
    char *t = cc_alloc(n + 2);
    memcpy(t, s, n);
    t[n] = '\x01';
    Value dummy;
    const char *e3 = json_decode_numbers(t, n + 1, &dummy);
    if (e3 && strstr(e3, "'\\x01'")) return SJ_UNEXPECTED_EOF;
    return err;
}

/* A schema met walking the document: its parent's entry and the keyword
 * path from there (its location is made from them only for a message). */
typedef struct SWalk { Value s; int parent; SSeg seg; } SWalk;

/* The JSON pointer of walk entry i */
static const char *walk_ptr(const SWalk *w, int i)
{
    Buf b = {0};
    int n = 0;
    for (int k = i; k >= 0; k = w[k].parent) n++;
    int *chain = cc_alloc((size_t)(n ? n : 1) * sizeof *chain), c = n;
    for (int k = i; k >= 0; k = w[k].parent) chain[--c] = k;
    for (c = 0; c < n; c++) seg_put(&b, w[chain[c]].seg);
    char *r = b.len ? buf_arena(&b) : "";
    buf_free(&b);
    return r;
}

/* v4 (jsonschema v6 loading the document's resources, before the
 * metaschema check): a $schema that names no draft is a metaschema to
 * load; an id that is not a URL reference cannot be parsed. The first
 * such error, or NULL. */
static const char *s_check_resources(Value root)
{
    int d = s_draft(root), n = 0, cap = 64;
    SWalk *w = cc_alloc((size_t)cap * sizeof *w);
    SKeys k;
    w[n++] = (SWalk){root, -1, SEG(NULL)};
    for (int i = 0; i < n; i++) {
        Value s = w[i].s;
        if (s.t != VT_MAP) continue;
        Value sv = s_get(s, "$schema");
        if (sv.t == VT_STR && !v6_draft_of(sv.u.s, sv.n)) {
            const char *colon = memchr(sv.u.s, ':', sv.n);
            return colon && colon > sv.u.s
                ? cc_printf("failing loading \"%s\": chartc does not fetch remote schemas", sv.u.s)
                : cc_printf("failing loading \"%s\": no URLLoader registered for \"%s\"", sv.u.s, sv.u.s);
        }
        Value id = s_get(s, d == 4 ? "id" : "$id");
        if (id.t == VT_STR && sf_v6_check("uri-reference", id.u.s, id.n))
            return cc_printf("error in parsing id at \"file:///values.schema.json#%s\"", walk_ptr(w, i));
        s_keys(s, &k);
#define S_PUSH(v, kw_, key_, idx_) do { \
            if (n == cap) { w = cc_grow(w, (size_t)cap * sizeof *w, (size_t)cap * 2 * sizeof *w); cap *= 2; } \
            w[n++] = (SWalk){v, i, {kw_, key_, idx_}}; } while (0)
        for (size_t j = 0; j < sizeof s_sub_one / sizeof *s_sub_one; j++) {
            Value c = kw(&k, s_sub_one[j]);
            if (c.t == VT_MAP) S_PUSH(c, kw_name[s_sub_one[j]], NULL, -1);
        }
        for (size_t j = 0; j < sizeof s_sub_list / sizeof *s_sub_list; j++) {
            Value c = kw(&k, s_sub_list[j]);
            if (c.t == VT_LIST)
                for (uint32_t e = 0; e < c.u.l->len; e++) S_PUSH(c.u.l->v[e], kw_name[s_sub_list[j]], NULL, (int)e);
        }
        for (size_t j = 0; j < sizeof s_sub_map / sizeof *s_sub_map; j++) {
            Value c = kw(&k, s_sub_map[j]);
            if (c.t == VT_MAP)
                MAP_EACH(c.u.m, e) S_PUSH(e->v, kw_name[s_sub_map[j]], e->k, -1);
        }
#undef S_PUSH
    }
    return NULL;
}

/* v4 (jsonschema v6 roots.validate): the schema, as an instance, against
 * the metaschema of its draft (schema_meta.c), formats asserted; the
 * error text, or NULL when it is valid. */
static const char *s_check_meta(Value s)
{
    const char *url, *text = sm_metaschema(s_draft(s), &url), *fatal = NULL;
    Value meta;
    if (json_decode(text, strlen(text), &meta)) abort();   /* fixed text */
    int nest = 0;
    SCtx m = {0};
    m.root = meta;
    m.draft = s_draft(s);
    m.meta = 1;
    PtrMap refs = {0};
    m.refs = &refs;
    m.fatal = &fatal;
    m.nest = &nest;
    s_run(&m, meta, s);
    if (fatal) return fatal;
    if (!m.n) return NULL;
    Buf b = {0};
    buf_printf(&b, "\"file:///values.schema.json#\" is not valid against metaschema: jsonschema validation failed with '%s'", url);
    for (int i = 0; i < m.n; i++) {
        buf_putc(&b, '\n');
        for (int d = 0; d < m.e[i].depth; d++) buf_puts(&b, "  ");
        buf_printf(&b, "- at '%s': %s", m.e[i].loc, m.e[i].msg);
    }
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* Errors of one chart's schema; "" if valid. */
void chart_schema_decode(Chart *c)
{
    if (c->schema && !c->schema_decoded) {
        c->schema_derr = schema_json_decode(c->schema, c->schema_len, &c->schema_doc);
        c->schema_decoded = 1;
    }
    for (int i = 0; i < c->ndeps; i++) chart_schema_decode(c->deps[i]);
}

static const char *validate_single(const Chart *c, Value values)
{
    Value s = c->schema_doc;
    const char *err = c->schema_decoded ? c->schema_derr : schema_json_decode(c->schema, c->schema_len, &s);
    /* a syntax error ends with a newline in Helm's text, the Decoder's own
     * errors do not */
    if (err) return err == SJ_EOF || err == SJ_UNEXPECTED_EOF || err == SJ_AFTER_TOP ? err : cc_printf("%s\n", err);
    s_keys_init();
    if (cc_helm_major == 3 && s.t != VT_MAP && s.t != VT_BOOL) return "schema is invalid";
    const char *perr = cc_helm_major == 3 ? s_parse_v3(s) : s_check_resources(s);
    if (!perr && cc_helm_major > 3) perr = s_check_meta(s);
    if (perr) return perr;
    const char *fatal = NULL;
    int nest = 0;
    SCtx x = {0};
    x.root = s;
    x.draft = s_draft(s);
    PtrMap refs = {0};
    x.refs = &refs;
    x.fatal = &fatal;
    x.nest = &nest;
    if ((err = s_compile(&x))) return err;
    s_run(&x, s, values);
    if (fatal) return fatal;
    if (x.load_err) return x.load_err;   /* returned as is: no newline (Helm: "...no such hostcommon:") */
    if (!x.n) return "";
    Buf b = {0};
    for (int i = 0; i < x.n; i++) {
        if (cc_helm_major == 3) {
            buf_printf(&b, "- %s: %s\n", *x.e[i].loc ? x.e[i].loc : "(root)", x.e[i].msg);
        } else {
            for (int d = 0; d < x.e[i].depth; d++) buf_puts(&b, "  ");
            buf_printf(&b, "- at '%s': %s\n", x.e[i].loc, x.e[i].msg);
        }
    }
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

const char *chart_validate_values(const Chart *c, Value values)
{
    if (!c->schema) return NULL;
    const char *e = validate_single(c, values);
    return *e ? e : NULL;
}

static void validate_chart(const Chart *c, Value values, Buf *out)
{
    if (c->schema) {
        const char *e = validate_single(c, values);
        if (*e) buf_printf(out, "%s:\n%s", c->name, e);
    }
    for (int i = 0; i < c->ndeps; i++) {
        const Chart *sub = c->deps[i];
        Value *raw = values.t == VT_MAP ? map_getc(values.u.m, sub->name) : NULL;
        if (!raw || raw->t == VT_NIL) continue;
        if (raw->t != VT_MAP) {
            buf_printf(out, "%s:\ninvalid type for values: expected object (map), got %s\n", sub->name, v_gotype(*raw));
            continue;
        }
        validate_chart(sub, *raw, out);
    }
}

const char *chart_validate_schema(const Chart *c, Value values)
{
    Buf b = {0};
    validate_chart(c, values, &b);
    if (!b.len) { buf_free(&b); return NULL; }
    const char *r = cc_printf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s", buf_cstr(&b));
    buf_free(&b);
    return r;
}
