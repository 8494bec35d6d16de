/*
 * ut_assert.c - helm-unittest's assertions: how an assertion picks its
 * templates and documents (documentIndex, documentSelector) and each
 * validator's pass/fail rule and failure text.
 * Mirrors helm-unittest v1.1.0 pkg/unittest/assertion.go,
 * valueutils/documentselector.go and the validators package (MIT), with
 * pmezard/go-difflib's unified diff for the "Diff:" sections.
 *
 * A validator returns pass/fail and appends FailInfo lines to a Buf (one
 * per line); the runner prints them indented under the assertion title.
 * The quirks of the Go code are kept where they decide a verdict (a
 * skipped assertion resets a test's failure, a selector value of null
 * matches any document with the path, an empty failedTemplate passes).
 */
#include "ut_int.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- yaml.v3 values: type names, DeepEqual, encoding ---------------------- */

const char *ut_gotype(Value v)
{
    switch (v.t) {
    case VT_NIL: return "";
    case VT_BOOL: return "bool";
    case VT_INT: return v.g == GT_UINT ? "uint64" : v.g == GT_UINT8 ? "uint8" : v.g == GT_INT ? "int" : "int64";
    case VT_FLOAT: return "float64";
    case VT_STR: return "string";
    case VT_LIST: return "[]interface {}";
    case VT_MAP: return "map[string]interface {}";
    default: return v_gotype(v);
    }
}

int ut_deep_equal(Value a, Value b)
{
    if (a.t != b.t) return 0;
    switch (a.t) {
    case VT_NIL: return 1;
    case VT_BOOL: return a.u.b == b.u.b;
    case VT_INT: return strcmp(ut_gotype(a), ut_gotype(b)) == 0 && a.u.i == b.u.i;
    case VT_FLOAT: return a.u.f == b.u.f;
    case VT_STR: return a.n == b.n && memcmp(a.u.s, b.u.s, a.n) == 0;
    case VT_LIST: {
        uint32_t na = a.u.l ? a.u.l->len : 0, nb = b.u.l ? b.u.l->len : 0;
        if (na != nb || !a.u.l != !b.u.l) return 0;
        for (uint32_t i = 0; i < na; i++)
            if (!ut_deep_equal(a.u.l->v[i], b.u.l->v[i])) return 0;
        return 1;
    }
    case VT_MAP: {
        uint32_t na = a.u.m ? a.u.m->len : 0, nb = b.u.m ? b.u.m->len : 0;
        if (na != nb || !a.u.m != !b.u.m) return 0;
        MAP_EACH(a.u.m, e) {
            Value *o = map_get(b.u.m, e->k, e->klen);
            if (!o || !ut_deep_equal(e->v, *o)) return 0;
        }
        return 1;
    }
    default: return v_deep_equal(a, b);
    }
}

/* removeLeadingNewLines */
static Value ua_trim_nl(Value v, int depth)
{
    if (depth > 10000) return v;
    if (v.t == VT_STR) {
        uint32_t k = 0;
        while (k < v.n && v.u.s[k] == '\n') k++;
        return k ? v_str(v.u.s + k, v.n - k) : v;
    }
    if (v.t == VT_LIST && v.u.l) {
        Value o = v_newlist(v.u.l->len);
        for (uint32_t i = 0; i < v.u.l->len; i++) list_push(o.u.l, ua_trim_nl(v.u.l->v[i], depth + 1));
        return o;
    }
    if (v.t == VT_MAP && v.u.m) {
        Value o = v_newmap(v.u.m->len);
        MAP_EACH(v.u.m, e) map_set(o.u.m, e->k, e->klen, ua_trim_nl(e->v, depth + 1));
        return o;
    }
    return v;
}

const char *ut_yaml(Value v)
{
    Buf b = {0};
    const char *err = yaml_dump_pretty(&b, ua_trim_nl(v, 0));
    const char *r = err ? cc_printf("%s\n", err) : buf_arena(&b);
    buf_free(&b);
    return r;
}

static Value ua_list1(Value v)
{
    Value l = v_newlist(1);
    list_push(l.u.l, v);
    return l;
}

/* fmt.Sprintf("%v") */
static const char *ua_sprint(Value v)
{
    Buf b = {0};
    go_print(&b, v);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* uniformContent: %v, "(?m)[ ]+\r?\n" -> "\n", leading newlines trimmed */
static Value ua_uniform(Value v)
{
    const char *s = v.t == VT_STR ? v.u.s : ua_sprint(v);
    size_t n = v.t == VT_STR ? v.n : strlen(s);
    Buf b = {0};
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            size_t j = i;
            while (j < n && s[j] == ' ') j++;
            if (j < n && s[j] == '\n') { buf_putc(&b, '\n'); i = j + 1; continue; }
            if (j + 1 < n && s[j] == '\r' && s[j + 1] == '\n') { buf_putc(&b, '\n'); i = j + 2; continue; }
            buf_put(&b, s + i, j - i);
            i = j;
            continue;
        }
        buf_putc(&b, s[i++]);
    }
    size_t k = 0;
    while (k < b.len && b.p[k] == '\n') k++;
    Value r = v_strdup(b.p ? b.p + k : "", b.len - k);
    buf_free(&b);
    return r;
}

/* base64.StdEncoding.DecodeString (strict: no newlines) */
static int ua_b64(const char *s, size_t n, Value *out)
{
    if (n % 4) return 0;
    Buf b = {0};
    for (size_t i = 0; i < n; i += 4) {
        int q[4], pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = s[i + k];
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                  : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ? 62 : c == '/' ? 63 : -1;
            if (c == '=' && k >= 2 && i + 4 == n) { v = 0; pad++; }
            else if (v < 0 || pad) { buf_free(&b); return 0; }
            q[k] = v;
        }
        if (pad == 1 && s[i + 2] == '=') { buf_free(&b); return 0; }
        unsigned x = (unsigned)(q[0] << 18 | q[1] << 12 | q[2] << 6 | q[3]);
        buf_putc(&b, (char)(x >> 16));
        if (pad < 2) buf_putc(&b, (char)(x >> 8));
        if (pad < 1) buf_putc(&b, (char)x);
    }
    *out = v_strdup(b.p ? b.p : "", b.len);
    buf_free(&b);
    return 1;
}

/* ---- go-difflib unified diff (SequenceMatcher, context 1) --------------------- */

typedef struct DLine { const char *s; size_t n; } DLine;
typedef struct Match { long a, b, size; } Match;
typedef struct Op { char tag; long i1, i2, j1, j2; } Op;

/* SplitLines: SplitAfter "\n", then "\n" appended to the last piece */
static DLine *df_lines(const char *s, size_t n, long *count)
{
    long k = 1;
    for (size_t i = 0; i < n; i++) k += s[i] == '\n';
    DLine *l = cc_alloc((size_t)k * sizeof *l);
    long m = 0;
    size_t st = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') { l[m++] = (DLine){s + st, i + 1 - st}; st = i + 1; }
    l[m++] = (DLine){cc_printf("%.*s\n", (int)(n - st), s + st), n - st + 1};
    *count = m;
    return l;
}

static int dl_eq(DLine x, DLine y) { return x.n == y.n && memcmp(x.s, y.s, x.n) == 0; }

typedef struct DiffSM {
    DLine *a, *b;
    long na, nb;
    Map *b2j;      /* line -> list of indices in b (junk-free, popular removed) */
} DiffSM;

static void sm_init(DiffSM *m)
{
    m->b2j = map_new((size_t)m->nb);
    for (long j = 0; j < m->nb; j++) {
        Value *l = map_get(m->b2j, m->b[j].s, m->b[j].n);
        if (!l) { map_set(m->b2j, m->b[j].s, m->b[j].n, v_newlist(1)); l = map_get(m->b2j, m->b[j].s, m->b[j].n); }
        list_push(l->u.l, v_int64(j));
    }
    /* autojunk: popular lines of a b of 200+ lines */
    if (m->nb >= 200) {
        long ntest = m->nb / 100 + 1;
        MAP_EACH(m->b2j, e) if ((long)e->v.u.l->len > ntest) e->v.u.l->len = 0;
    }
}

static Match sm_longest(DiffSM *m, long alo, long ahi, long blo, long bhi, long *old, long *nw,
                        long *to, long *tn)
{
    long besti = alo, bestj = blo, bestsize = 0, nto = 0;
    for (long i = alo; i < ahi; i++) {
        long ntn = 0;
        Value *idx = map_get(m->b2j, m->a[i].s, m->a[i].n);
        for (uint32_t q = 0; idx && q < idx->u.l->len; q++) {
            long j = (long)idx->u.l->v[q].u.i;
            if (j < blo) continue;
            if (j >= bhi) break;
            long k = (j > blo ? old[j - 1 - blo] : 0) + 1;
            nw[j - blo] = k;
            tn[ntn++] = j - blo;
            if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        for (long t = 0; t < nto; t++) old[to[t]] = 0;
        long *sw = old; old = nw; nw = sw;
        sw = to; to = tn; tn = sw;
        nto = ntn;
    }
    for (long t = 0; t < nto; t++) old[to[t]] = 0;
    while (besti > alo && bestj > blo && dl_eq(m->a[besti - 1], m->b[bestj - 1])) { besti--; bestj--; bestsize++; }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && dl_eq(m->a[besti + bestsize], m->b[bestj + bestsize])) bestsize++;
    return (Match){besti, bestj, bestsize};
}

typedef struct MVec { Match *v; long n, cap; } MVec;
static void mv_push(MVec *m, Match x)
{
    if (m->n == m->cap) {
        long nc = m->cap ? 2 * m->cap : 16;
        m->v = cc_grow(m->v, (size_t)m->cap * sizeof *m->v, (size_t)nc * sizeof *m->v);
        m->cap = nc;
    }
    m->v[m->n++] = x;
}

static int match_cmp(const void *x, const void *y)
{
    const Match *a = x, *b = y;
    return a->a != b->a ? (a->a < b->a ? -1 : 1) : a->b != b->b ? (a->b < b->b ? -1 : 1) : 0;
}

/* get_matching_blocks */
static MVec sm_blocks(DiffSM *m)
{
    MVec found = {0}, res = {0};
    size_t w = (size_t)m->nb + 1;
    long *bufs = calloc(4 * w, sizeof *bufs);
    if (!bufs) cc_oom();
    typedef struct Q { long alo, ahi, blo, bhi; } Q;
    long nq = 1, capq = 16;
    Q *qs = cc_alloc((size_t)capq * sizeof *qs);
    qs[0] = (Q){0, m->na, 0, m->nb};
    while (nq) {
        Q q = qs[--nq];
        Match x = sm_longest(m, q.alo, q.ahi, q.blo, q.bhi, bufs, bufs + w, bufs + 2 * w, bufs + 3 * w);
        if (!x.size) continue;
        mv_push(&found, x);
        if (nq + 2 > capq) { qs = cc_grow(qs, (size_t)capq * sizeof *qs, (size_t)capq * 2 * sizeof *qs); capq *= 2; }
        if (q.alo < x.a && q.blo < x.b) qs[nq++] = (Q){q.alo, x.a, q.blo, x.b};
        if (x.a + x.size < q.ahi && x.b + x.size < q.bhi) qs[nq++] = (Q){x.a + x.size, q.ahi, x.b + x.size, q.bhi};
    }
    free(bufs);
    if (found.n) qsort(found.v, (size_t)found.n, sizeof *found.v, match_cmp);
    long i1 = 0, j1 = 0, k1 = 0;
    for (long k = 0; k < found.n; k++) {
        Match x = found.v[k];
        if (i1 + k1 == x.a && j1 + k1 == x.b) { k1 += x.size; continue; }
        if (k1) mv_push(&res, (Match){i1, j1, k1});
        i1 = x.a; j1 = x.b; k1 = x.size;
    }
    if (k1) mv_push(&res, (Match){i1, j1, k1});
    mv_push(&res, (Match){m->na, m->nb, 0});
    return res;
}

/* formatRangeUnified */
static void df_range(Buf *o, long start, long stop)
{
    long beginning = start + 1, length = stop - start;
    if (length == 1) { buf_printf(o, "%ld", beginning); return; }
    if (length == 0) beginning--;
    buf_printf(o, "%ld,%ld", beginning, length);
}

static void df_group(Buf *o, const DiffSM *m, const Op *g, long ng)
{
    buf_puts(o, "@@ -");
    df_range(o, g[0].i1, g[ng - 1].i2);
    buf_puts(o, " +");
    df_range(o, g[0].j1, g[ng - 1].j2);
    buf_puts(o, " @@\n");
    for (long k = 0; k < ng; k++) {
        Op x = g[k];
        if (x.tag == 'e') {
            for (long q = x.i1; q < x.i2; q++) { buf_putc(o, ' '); buf_put(o, m->a[q].s, m->a[q].n); }
            continue;
        }
        if (x.tag == 'r' || x.tag == 'd')
            for (long q = x.i1; q < x.i2; q++) { buf_putc(o, '-'); buf_put(o, m->a[q].s, m->a[q].n); }
        if (x.tag == 'r' || x.tag == 'i')
            for (long q = x.j1; q < x.j2; q++) { buf_putc(o, '+'); buf_put(o, m->b[q].s, m->b[q].n); }
    }
}

/* difflib.GetUnifiedDiffString(A=exp lines, B=act lines, "Expected",
 * "Actual", context 1) */
static void ua_diff(Buf *o, const char *exp, const char *act)
{
    DiffSM m = {0};
    m.a = df_lines(exp, strlen(exp), &m.na);
    m.b = df_lines(act, strlen(act), &m.nb);
    sm_init(&m);
    MVec blocks = sm_blocks(&m);
    Op *ops = cc_alloc((size_t)(2 * blocks.n + 2) * sizeof *ops);
    long nops = 0, i = 0, j = 0;
    for (long k = 0; k < blocks.n; k++) {
        Match x = blocks.v[k];
        char tag = i < x.a && j < x.b ? 'r' : i < x.a ? 'd' : j < x.b ? 'i' : 0;
        if (tag) ops[nops++] = (Op){tag, i, x.a, j, x.b};
        i = x.a + x.size;
        j = x.b + x.size;
        if (x.size) ops[nops++] = (Op){'e', x.a, i, x.b, j};
    }
    if (!nops) ops[nops++] = (Op){'e', 0, 1, 0, 1};
    const long n = 1;
    if (ops[0].tag == 'e') {
        if (ops[0].i2 - n > ops[0].i1) ops[0].i1 = ops[0].i2 - n;
        if (ops[0].j2 - n > ops[0].j1) ops[0].j1 = ops[0].j2 - n;
    }
    Op *last = &ops[nops - 1];
    if (last->tag == 'e') {
        if (last->i1 + n < last->i2) last->i2 = last->i1 + n;
        if (last->j1 + n < last->j2) last->j2 = last->j1 + n;
    }
    Op *group = cc_alloc((size_t)(nops + 1) * sizeof *group);
    long ng = 0;
    int started = 0;
    for (long k = 0; k < nops; k++) {
        Op c = ops[k];
        if (c.tag == 'e' && c.i2 - c.i1 > 2 * n) {
            group[ng++] = (Op){'e', c.i1, c.i1 + n < c.i2 ? c.i1 + n : c.i2, c.j1, c.j1 + n < c.j2 ? c.j1 + n : c.j2};
            if (!started) { buf_puts(o, "--- Expected\n+++ Actual\n"); started = 1; }
            df_group(o, &m, group, ng);
            ng = 0;
            if (c.i2 - n > c.i1) c.i1 = c.i2 - n;
            if (c.j2 - n > c.j1) c.j1 = c.j2 - n;
        }
        group[ng++] = c;
    }
    if (ng && !(ng == 1 && group[0].tag == 'e')) {
        if (!started) buf_puts(o, "--- Expected\n+++ Actual\n");
        df_group(o, &m, group, ng);
    }
}

static const char *ua_diff_str(const char *exp, const char *act)
{
    Buf b = {0};
    ua_diff(&b, exp, act);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* ---- FailInfo formatting (validators/common.go) --------------------------------- */

/* setFailFormat */
static const char *ua_fmt(int not_, int path, int actual, int diff, const char *custom)
{
    Buf b = {0};
    if (path) buf_puts(&b, "Path:%s");
    buf_printf(&b, "\nExpected%s%s:\n%%s\n", not_ ? " NOT" : "", custom);
    if (actual) buf_puts(&b, "Actual:\n%s\n");
    if (diff) buf_puts(&b, "Diff:\n%s\n");
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

#define UA_ERRFMT "\nError:\n%s\n"

static int ua_trimset(char c) { return c == '\t' || c == '\n' || c == ' '; }

/* splitInfof: each replacement indented by a tab, the format trimmed,
 * the result split into lines; DocumentIndex / ValuesIndex lines first. */
static void ua_info(Buf *info, const char *fmt, int mi, int vi, int nrep, const char *const *rep)
{
    if (mi >= 0) buf_printf(info, "DocumentIndex:\t%d\n", mi);
    if (vi >= 0) buf_printf(info, "ValuesIndex:\t%d\n", vi);
    size_t fl = strlen(fmt);
    size_t fs = 0;
    while (fs < fl && ua_trimset(fmt[fs])) fs++;
    while (fl > fs && ua_trimset(fmt[fl - 1])) fl--;
    Buf out = {0};
    int k = 0;
    for (size_t i = fs; i < fl; i++) {
        if (fmt[i] == '%' && i + 1 < fl && fmt[i + 1] == 's') {
            i++;
            if (k >= nrep) { buf_puts(&out, "%!s(MISSING)"); continue; }
            const char *r = rep[k++];
            Buf t = {0};
            for (const char *p = r; *p; p++) {
                buf_putc(&t, *p);
                if (*p == '\n') buf_putc(&t, '\t');
            }
            size_t a = 0, z = t.len;
            while (a < z && ua_trimset(t.p[a])) a++;
            while (z > a && ua_trimset(t.p[z - 1])) z--;
            buf_putc(&out, '\t');
            buf_put(&out, t.p ? t.p + a : "", z - a);
            buf_free(&t);
            continue;
        }
        buf_putc(&out, fmt[i]);
    }
    buf_put(info, out.p ? out.p : "", out.len);
    buf_putc(info, '\n');
    buf_free(&out);
}

#define INFO(info, fmt, mi, vi, ...) \
    ua_info(info, fmt, mi, vi, (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)), \
            (const char *const[]){__VA_ARGS__})

/* ---- assertion parameters (mapstructure.Decode into the validator) -------------- */

typedef struct PCtx { Value params; const char *err; } PCtx;

/* mapstructure field lookup: exact name, else case-insensitive */
static Value *pp_get(PCtx *p, const char *field)
{
    if (p->params.t != VT_MAP || !p->params.u.m) return NULL;
    Value *v = map_getc(p->params.u.m, field);
    if (v) return v;
    MAP_EACH(p->params.u.m, e)
        if (e->klen == strlen(field) && !strncasecmp(e->k, field, e->klen)) return &e->v;
    return NULL;
}

static void pp_type_err(PCtx *p, const char *field, const char *want, Value v)
{
    if (p->err) return;
    p->err = cc_printf("1 error(s) decoding:\n\n* '%s' expected type '%s', got unconvertible type '%s', value: '%s'",
                       field, want, ut_gotype(v), ua_sprint(v));
}

static const char *pp_str(PCtx *p, const char *field)
{
    Value *v = pp_get(p, field);
    if (!v || v->t == VT_NIL) return "";
    if (v->t != VT_STR) { pp_type_err(p, field, "string", *v); return ""; }
    return cc_strndup(v->u.s, v->n);
}

static int pp_bool(PCtx *p, const char *field)
{
    Value *v = pp_get(p, field);
    if (!v || v->t == VT_NIL) return 0;
    if (v->t != VT_BOOL) { pp_type_err(p, field, "bool", *v); return 0; }
    return v->u.b;
}

/* int or *int: returns 1 when set */
static int pp_int(PCtx *p, const char *field, long *out)
{
    Value *v = pp_get(p, field);
    if (!v || v->t == VT_NIL) return 0;
    if (v->t == VT_INT) { *out = (long)v->u.i; return 1; }
    if (v->t == VT_FLOAT) { *out = (long)v->u.f; return 1; }
    pp_type_err(p, field, "int", *v);
    return 0;
}

static Value pp_any(PCtx *p, const char *field)
{
    Value *v = pp_get(p, field);
    return v ? *v : v_nil();
}

/* ---- the assertion types ----------------------------------------------------------- */

enum UtKind { K_SNAPSHOT, K_SNAPSHOT_RAW, K_EQUAL, K_GE, K_LE, K_EQUAL_RAW, K_EXISTS, K_MATCH_REGEX,
              K_MATCH_REGEX_RAW, K_CONTAINS, K_IS_KIND, K_IS_APIVERSION, K_HAS_DOCS, K_IS_SUBSET,
              K_NULL_OR_EMPTY, K_FAILED_TEMPLATE, K_CONTAINS_DOC, K_LENGTH_EQUAL, K_IS_TYPE };

static const struct { const char *name; int kind, antonym, need_render; } ua_types[] = {
    {"matchSnapshot", K_SNAPSHOT, 0, 1}, {"matchSnapshotRaw", K_SNAPSHOT_RAW, 0, 1},
    {"equal", K_EQUAL, 0, 1}, {"notEqual", K_EQUAL, 1, 1},
    {"greaterOrEqual", K_GE, 0, 1}, {"notGreaterOrEqual", K_GE, 1, 1},
    {"lessOrEqual", K_LE, 0, 1}, {"notLessOrEqual", K_LE, 1, 1},
    {"equalRaw", K_EQUAL_RAW, 0, 1}, {"notEqualRaw", K_EQUAL_RAW, 1, 1},
    {"exists", K_EXISTS, 0, 1}, {"notExists", K_EXISTS, 1, 1},
    {"matchRegex", K_MATCH_REGEX, 0, 1}, {"notMatchRegex", K_MATCH_REGEX, 1, 1},
    {"matchRegexRaw", K_MATCH_REGEX_RAW, 0, 1}, {"notMatchRegexRaw", K_MATCH_REGEX_RAW, 1, 1},
    {"contains", K_CONTAINS, 0, 1}, {"notContains", K_CONTAINS, 1, 1},
    {"isKind", K_IS_KIND, 0, 1}, {"isAPIVersion", K_IS_APIVERSION, 0, 1},
    {"hasDocuments", K_HAS_DOCS, 0, 1},
    {"isSubset", K_IS_SUBSET, 0, 1}, {"isNotSubset", K_IS_SUBSET, 1, 1},
    {"isNullOrEmpty", K_NULL_OR_EMPTY, 0, 1}, {"isNotNullOrEmpty", K_NULL_OR_EMPTY, 1, 1},
    {"failedTemplate", K_FAILED_TEMPLATE, 0, 0}, {"notFailedTemplate", K_FAILED_TEMPLATE, 1, 1},
    {"containsDocument", K_CONTAINS_DOC, 0, 1},
    {"lengthEqual", K_LENGTH_EQUAL, 0, 1}, {"notLengthEqual", K_LENGTH_EQUAL, 1, 1},
    {"isNull", K_EXISTS, 1, 1}, {"isNotNull", K_EXISTS, 0, 1},
    {"isEmpty", K_NULL_OR_EMPTY, 0, 1}, {"isNotEmpty", K_NULL_OR_EMPTY, 1, 1},
    {"isType", K_IS_TYPE, 0, 1}, {"isNotType", K_IS_TYPE, 1, 1},
};
#define UA_NTYPES (sizeof ua_types / sizeof ua_types[0])

/* Checks the parameters decode into the validator's fields (as
 * mapstructure would when the suite is loaded). */
static const char *ua_check_params(UtAssert *a)
{
    PCtx p = {a->params, NULL};
    if (a->params.t != VT_MAP && a->params.t != VT_NIL)
        return cc_printf("'' expected a map, got '%s'", v_kind(a->params));
    long n;
    switch (a->kind) {
    case K_SNAPSHOT: {
        pp_str(&p, "path");
        Value *m = pp_get(&p, "matchRegex"), *nm = pp_get(&p, "notMatchRegex");
        PCtx q = {m ? *m : v_nil(), NULL};
        pp_str(&q, "pattern");
        PCtx r = {nm ? *nm : v_nil(), NULL};
        pp_str(&r, "pattern");
        return p.err ? p.err : q.err ? q.err : r.err;
    }
    case K_EQUAL: pp_str(&p, "path"); pp_bool(&p, "decodeBase64"); break;
    case K_GE: case K_LE: case K_EXISTS: case K_NULL_OR_EMPTY: pp_str(&p, "path"); break;
    case K_EQUAL_RAW: pp_str(&p, "value"); break;
    case K_MATCH_REGEX: pp_str(&p, "path"); pp_str(&p, "pattern"); pp_bool(&p, "decodeBase64"); break;
    case K_MATCH_REGEX_RAW: pp_str(&p, "pattern"); break;
    case K_CONTAINS: pp_str(&p, "path"); pp_int(&p, "count", &n); pp_bool(&p, "any"); break;
    case K_IS_KIND: case K_IS_APIVERSION: pp_str(&p, "of"); break;
    case K_HAS_DOCS: pp_int(&p, "count", &n); pp_bool(&p, "filterAware"); break;
    case K_IS_SUBSET: pp_str(&p, "path"); break;
    case K_FAILED_TEMPLATE: pp_str(&p, "errorMessage"); pp_str(&p, "errorPattern"); break;
    case K_CONTAINS_DOC:
        pp_str(&p, "kind"); pp_str(&p, "apiVersion"); pp_str(&p, "name"); pp_str(&p, "namespace");
        pp_bool(&p, "any");
        break;
    case K_LENGTH_EQUAL: {
        pp_str(&p, "path");
        pp_int(&p, "count", &n);
        Value *ps = pp_get(&p, "paths");
        if (ps && ps->t == VT_LIST) {
            for (uint32_t i = 0; i < ps->u.l->len; i++)
                if (ps->u.l->v[i].t != VT_STR) pp_type_err(&p, cc_printf("paths[%u]", i), "string", ps->u.l->v[i]);
        } else if (ps && ps->t != VT_NIL) {
            pp_type_err(&p, "paths", "[]string", *ps);
        }
        break;
    }
    case K_IS_TYPE: pp_str(&p, "path"); pp_str(&p, "type"); break;
    default: break;
    }
    return p.err;
}


/* ---- validators -------------------------------------------------------------------- */

typedef struct VCtx {
    Value docs;          /* every document of the template */
    Value sel;           /* the selected ones (getManifests) */
    int neg;             /* Not != antonym */
    const char *render_err;
    int fail_fast;
    UtRender *r;
} VCtx;

static uint32_t vc_len(Value l) { return l.t == VT_LIST && l.u.l ? l.u.l->len : 0; }
static Value vc_at(Value l, uint32_t i) { return l.u.l->v[i]; }

/* determineSuccess */
static int ds(long idx, int orig, int now) { return idx == 0 ? now : orig && now; }

static const char *v_path(PCtx *p) { return pp_str(p, "path"); }

/* GetValueOfSetPath on a document */
static const char *vc_path(Value doc, const char *path, Value *out) { return ut_path_get(doc, path, out); }

/* A verdict on one manifest or one value, combined into the assertion's
 * with determineSuccess; 0 and 1 are a plain fail and pass. The flags keep
 * what some Go loops do otherwise: the item does not count (V_SKIP);
 * fail-fast does not stop the loop at it, only at the next item without
 * the flag (V_GO_ON); it stops the loop, fail-fast or not (V_STOP). */
enum { V_FAIL = 0, V_PASS = 1, V_SKIP = 2, V_GO_ON = 4, V_STOP = 8 };

/* Combines verdict v on item idx into *ok; 1 when the loop stops there. */
static int ua_verdict(int *ok, long idx, int v, int fail_fast)
{
    if (v & V_SKIP) return 0;
    *ok = ds(idx, *ok, v & V_PASS);
    return (v & V_STOP) || (!(v & V_GO_ON) && !*ok && fail_fast);
}

/* What a manifest without a value at the path reports. */
enum { UNK_PLAIN, UNK_QUOTED, UNK_NONE };

/* An assertion's parameters as its checks read them (the fields of the
 * helm-unittest validator) and the checks: of one selected manifest (doc:
 * ua_values for the validators of values at a path) and of one value there
 * (check); the failure message for an actual value (fail), which also
 * reports a non-negated assertion with no manifest selected, as the actual
 * "no manifest found", unless none reports that otherwise. */
typedef struct Chk Chk;
typedef int (*ChkFn)(Chk *k, VCtx *c, Buf *info, Value v, int mi, int vi);
typedef void (*ChkFail)(Chk *k, Buf *info, Value act, int mi, int vi, int neg);
struct Chk {
    const char *path, *pattern, *not_pattern, *type, *of, *msg, *text;
    const char *field, *custom; /* isKind/isAPIVersion's field; the message's own words (exists: its format) */
    Value want;                 /* value or content */
    Value paths;                /* lengthEqual's paths */
    int b64, any, greater, has_count, unknown;
    long count;
    const char *doc_err;        /* reported by each manifest whose path evaluated (a bad pattern) */
    PCtx *p;                    /* containsDocument: the parameters it reads per manifest */
    long alen;                  /* lengthEqual: the length of the last array checked */
    int found;                  /* containsDocument: a manifest matched with `any` */
    ChkFn doc, check;
    ChkFail fail;
    void (*none)(Chk *k, Buf *info);
};

/* The loop of every validator over the selected manifests; with none
 * selected, a negated assertion passes and another fails. */
static int ua_docs(Chk *k, VCtx *c, Buf *info)
{
    uint32_t n = vc_len(c->sel);
    int ok = 0;
    for (uint32_t mi = 0; mi < n; mi++)
        if (ua_verdict(&ok, mi, k->doc(k, c, info, vc_at(c->sel, mi), (int)mi, -1), c->fail_fast)) break;
    if (!n && !c->neg) {
        if (k->none) k->none(k, info);
        else k->fail(k, info, v_cstr("no manifest found"), -1, -1, 0);
    } else if (!n) {
        ok = 1;
    }
    return ok;
}

/* One manifest of a validator of the values at a path: the path evaluated
 * (its error fails the manifest, and so does no value unless negated), then
 * the verdict on each value combined. */
static int ua_values(Chk *k, VCtx *c, Buf *info, Value doc, int mi, int vi)
{
    Value acts;
    const char *err = vc_path(doc, k->path, &acts);
    if (err) { INFO(info, UA_ERRFMT, mi, -1, err); return V_FAIL; }
    if (k->doc_err) { INFO(info, UA_ERRFMT, -1, -1, k->doc_err); return V_FAIL; }
    if (!vc_len(acts) && !c->neg && k->unknown != UNK_NONE) {
        INFO(info, UA_ERRFMT, mi, -1, cc_printf(k->unknown == UNK_QUOTED ? "unknown path '%s'" : "unknown path %s", k->path));
        return V_FAIL;
    }
    int ok = !vc_len(acts) && c->neg;
    for (uint32_t ai = 0; ai < vc_len(acts); ai++)
        if (ua_verdict(&ok, ai, k->check(k, c, info, vc_at(acts, ai), mi, (int)ai), c->fail_fast)) break;
    return ok;
}

/* the Chk of a validator of the values at its path */
static Chk ua_path_chk(PCtx *p, ChkFn check, ChkFail fail)
{
    Chk k = {.path = v_path(p), .doc = ua_values, .check = check, .fail = fail};
    return k;
}

/* decodeBase64 of a string value; 0 after reporting that it cannot */
static int ua_decode(Value *a, int b64, Buf *info, int mi, int vi)
{
    Value d;
    if (!b64) return 1;
    if (!ua_b64(a->u.s, a->n, &d)) {
        INFO(info, UA_ERRFMT, mi, vi, cc_printf("unable to decode base64 expected content %.*s", (int)a->n, a->u.s));
        return 0;
    }
    *a = d;
    return 1;
}

/* EqualValidator */
static void eq_fail(Chk *k, Buf *info, Value act, int mi, int vi, int neg)
{
    const char *e = ut_yaml(k->want), *a = ut_yaml(act);
    if (neg) INFO(info, ua_fmt(1, 1, 0, 0, " to equal"), mi, vi, k->path, e);
    else INFO(info, ua_fmt(0, 1, 1, 1, " to equal"), mi, vi, k->path, e, a, ua_diff_str(e, a));
}

static int eq_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    if (a.t == VT_STR) {
        if (!ua_decode(&a, k->b64, info, mi, vi)) return V_FAIL;
        a = ua_uniform(a);
    }
    if (ut_deep_equal(k->want, a) != c->neg) return V_PASS;
    eq_fail(k, info, a, mi, vi, c->neg);
    return V_FAIL;
}

static int v_equal(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, eq_check, eq_fail);
    k.want = pp_any(p, "value");
    k.b64 = pp_bool(p, "decodeBase64");
    return ua_docs(&k, c, info);
}

/* operatorValidator (greaterOrEqual / lessOrEqual) */
static int op_cmp_values(Value exp, Value act, int greater, int neg, const char **msg)
{
    const char *es = ua_sprint(exp), *as = ua_sprint(act);
    int res;
    const char *ct = greater ? "greater" : "less";
    if (exp.t == VT_STR) {
        int c = act.n == exp.n ? memcmp(act.u.s, exp.u.s, act.n) : 0;
        if (act.n != exp.n) {
            size_t m = act.n < exp.n ? act.n : exp.n;
            c = memcmp(act.u.s, exp.u.s, m);
            if (!c) c = act.n < exp.n ? -1 : 1;
        }
        res = (greater && c >= 0) || ((!greater && c <= 0) == neg);
    } else if (exp.t == VT_INT) {
        res = (greater && act.u.i >= exp.u.i) || ((!greater && act.u.i <= exp.u.i) == neg);
    } else if (exp.t == VT_FLOAT) {
        res = (greater && act.u.f >= exp.u.f) || ((!greater && act.u.f <= exp.u.f) == neg);
    } else {
        *msg = cc_printf("unsupported type '%s'", exp.t == VT_NIL ? "<nil>" : ut_gotype(exp));
        return 0;
    }
    if (!res) { *msg = cc_printf("the actual '%s' is not %s or equal to the expected '%s'", as, ct, es); return 0; }
    return 1;
}

static int op_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    const char *at = ut_gotype(a), *et = ut_gotype(k->want);
    if (strcmp(at, et) != 0) {
        INFO(info, UA_ERRFMT, mi, vi,
             cc_printf("actual '%s' and expected '%s' types do not match", *at ? at : "<nil>", *et ? et : "<nil>"));
        return V_SKIP;
    }
    const char *msg = NULL;
    int sok = op_cmp_values(k->want, a, k->greater, !c->neg, &msg);
    if (msg) INFO(info, ua_fmt(c->neg, 1, 0, 0, k->custom), mi, vi, k->path, msg);
    return sok;
}

static void op_none(Chk *k, Buf *info) { INFO(info, ua_fmt(0, 1, 0, 0, k->custom), -1, -1, k->path, "no manifests found"); }

static int v_operator(PCtx *p, VCtx *c, Buf *info, int greater)
{
    Chk k = ua_path_chk(p, op_check, NULL);
    k.none = op_none;
    k.unknown = UNK_QUOTED;
    k.greater = greater;
    k.want = pp_any(p, "value");
    k.custom = cc_printf(" to be %s then or equal to, got", greater ? "greater" : "less");
    return ua_docs(&k, c, info);
}

/* ExistsValidator: a manifest without the path fails, but fail-fast goes on */
static int ex_doc(Chk *k, VCtx *c, Buf *info, Value doc, int mi, int vi)
{
    Value acts;
    const char *err = vc_path(doc, k->path, &acts);
    if (err) { INFO(info, UA_ERRFMT, mi, -1, err); return V_FAIL; }
    if ((vc_len(acts) > 0) != c->neg) return V_PASS | V_GO_ON;
    INFO(info, k->custom, mi, -1, k->path);
    return V_FAIL | V_GO_ON;
}

static void ex_none(Chk *k, Buf *info) { INFO(info, k->custom, -1, -1, k->path); }

static int v_exists(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = {.doc = ex_doc, .none = ex_none};
    k.path = v_path(p);
    k.custom = c->neg ? "Path:%s expected to NOT exists" : "Path:%s expected to exists";
    return ua_docs(&k, c, info);
}

/* MatchRegexValidator */
static void mr_fail(Chk *k, Buf *info, Value act, int mi, int vi, int neg)
{
    INFO(info, ua_fmt(neg, 1, 1, 0, " to match"), mi, vi, k->path, k->pattern, cc_strndup(act.u.s, act.n));
}

static int mr_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    int m;
    if (a.t != VT_STR) {
        INFO(info, UA_ERRFMT, mi, vi, cc_printf("expect '%s' to be a string, got:\n%s", k->path, ut_yaml(a)));
        return V_FAIL;
    }
    if (!ua_decode(&a, k->b64, info, mi, vi)) return V_FAIL;
    go_regexp_match(k->pattern, strlen(k->pattern), a.u.s, a.n, &m, NULL);
    if (m != c->neg) return V_PASS;
    mr_fail(k, info, a, mi, vi, c->neg);
    return V_FAIL;
}

static int v_match_regex(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, mr_check, mr_fail);
    int m;
    k.pattern = pp_str(p, "pattern");
    k.b64 = pp_bool(p, "decodeBase64");
    if (!*k.pattern) { INFO(info, UA_ERRFMT, -1, -1, "expected field 'pattern' to be filled"); return 0; }
    k.doc_err = go_regexp_match(k.pattern, strlen(k.pattern), "", 0, &m, NULL);
    return ua_docs(&k, c, info);
}

static Value vc_raw(Value doc)
{
    Value *r = doc.t == VT_MAP && doc.u.m ? map_getc(doc.u.m, "raw") : NULL;
    return ua_uniform(r ? *r : v_nil());
}

/* MatchRegexRawValidator: a bad pattern ends the assertion */
static void mrr_fail(Chk *k, Buf *info, Value act, int mi, int vi, int neg)
{
    INFO(info, ua_fmt(neg, 0, 1, 0, " to match"), mi, vi, k->pattern, act.u.s);
}

static int mrr_doc(Chk *k, VCtx *c, Buf *info, Value doc, int mi, int vi)
{
    Value a = vc_raw(doc);
    int m;
    const char *err = go_regexp_match(k->pattern, strlen(k->pattern), a.u.s, a.n, &m, NULL);
    if (err) { INFO(info, UA_ERRFMT, -1, -1, err); return V_FAIL | V_STOP; }
    if (m != c->neg) return V_PASS;
    mrr_fail(k, info, a, -1, -1, c->neg);
    return V_FAIL;
}

static int v_match_regex_raw(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = {.doc = mrr_doc, .fail = mrr_fail};
    k.pattern = pp_str(p, "pattern");
    if (!*k.pattern) { INFO(info, UA_ERRFMT, -1, -1, "expected field 'pattern' to be filled"); return 0; }
    return ua_docs(&k, c, info);
}

/* EqualRawValidator */
static void er_fail(Chk *k, Buf *info, Value act, int mi, int vi, int neg)
{
    const char *e = ut_yaml(v_cstr(k->text)), *a = ut_yaml(act);
    if (neg) INFO(info, ua_fmt(1, 0, 0, 0, " to equal"), mi, vi, e);
    else INFO(info, ua_fmt(0, 0, 1, 1, " to equal"), mi, vi, e, a, ua_diff_str(e, a));
}

static int er_doc(Chk *k, VCtx *c, Buf *info, Value doc, int mi, int vi)
{
    Value a = vc_raw(doc);
    if ((strlen(k->text) == a.n && !memcmp(k->text, a.u.s, a.n)) != c->neg) return V_PASS;
    er_fail(k, info, a, -1, -1, c->neg);
    return V_FAIL;
}

static int v_equal_raw(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = {.doc = er_doc, .fail = er_fail};
    k.text = pp_str(p, "value");
    return ua_docs(&k, c, info);
}

/* validateSubset */
static int vc_subset(Value actual, Value content)
{
    MAP_EACH(content.u.m, e) {
        Value *a = map_get(actual.u.m, e->k, e->klen);
        if (!ut_deep_equal(a ? *a : v_nil(), e->v)) return 0;
    }
    return 1;
}

/* ContainsValidator and IsSubsetValidator: contains shows its content as a
 * list of one */
static void ct_fail(Buf *info, const char *path, Value content, Value act, int mi, int vi, int neg)
{
    INFO(info, ua_fmt(neg, 1, 1, 0, " to contain"), mi, vi, path, ut_yaml(content), ut_yaml(act));
}

static int ct_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    if (a.t != VT_LIST) {
        INFO(info, UA_ERRFMT, mi, vi, cc_printf("expect '%s' to be an array, got:\n%s", k->path, ut_yaml(a)));
        return V_FAIL;
    }
    int found = 0;
    long fc = 0;
    for (uint32_t i = 0; i < vc_len(a); i++) {
        Value ele = vc_at(a, i);
        int is_array = 0;
        if (k->any) {
            if (ele.t == VT_MAP && k->want.t == VT_MAP) {
                if (vc_subset(ele, k->want)) { found = 1; fc++; }
            } else {
                is_array = 1;
            }
        }
        if ((!k->any || is_array) && ut_deep_equal(ele, k->want)) { found = 1; fc++; }
    }
    if (k->has_count ? (found && k->count == fc) != c->neg : found != c->neg) return V_PASS;
    if (!k->has_count || !found) ct_fail(info, k->path, ua_list1(k->want), a, mi, vi, c->neg);
    else
        INFO(info, UA_ERRFMT, mi, vi,
             cc_printf("expect count %ld in '%s' to be in array, got %ld:\n%s", k->count, k->path, fc, ut_yaml(a)));
    return V_FAIL;
}

static void ct_none(Chk *k, Buf *info) { ct_fail(info, k->path, ua_list1(k->want), v_cstr("no manifest found"), 0, -1, 0); }

static int v_contains(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, ct_check, NULL);
    k.none = ct_none;
    k.want = pp_any(p, "content");
    k.has_count = pp_int(p, "count", &k.count);
    k.any = pp_bool(p, "any");
    return ua_docs(&k, c, info);
}

/* IsSubsetValidator: a value that is not a map fails, but fail-fast stops
 * only at the next map */
static void is_fail(Chk *k, Buf *info, Value act, int mi, int vi, int neg)
{
    ct_fail(info, k->path, k->want, act, mi, vi, neg);
}

static int is_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    if (a.t != VT_MAP || k->want.t != VT_MAP) {
        INFO(info, UA_ERRFMT, mi, vi, cc_printf("expect '%s' to be an object, got:\n%s", k->path, ut_yaml(a)));
        return V_FAIL | V_GO_ON;
    }
    if (vc_subset(a, k->want) != c->neg) return V_PASS;
    is_fail(k, info, a, mi, vi, c->neg);
    return V_FAIL;
}

static int v_is_subset(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, is_check, is_fail);
    k.want = pp_any(p, "content");
    return ua_docs(&k, c, info);
}

/* IsNullOrEmptyValidator */
static int vc_empty(Value v)
{
    switch (v.t) {
    case VT_NIL: return 1;
    case VT_LIST: return vc_len(v) == 0;
    case VT_MAP: return !v.u.m || v.u.m->len == 0;
    case VT_STR: return v.n == 0;
    case VT_INT: return v.u.i == 0;
    case VT_FLOAT: return v.u.f == 0;
    case VT_BOOL: return !v.u.b;
    default: return 0;
    }
}

static void ne_fail(Chk *k, Buf *info, Value act, int mi, int vi, int neg)
{
    INFO(info, ua_fmt(neg, 1, 0, 0, " to be null or empty, got"), mi, vi, k->path, ut_yaml(act));
}

static int ne_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    if (vc_empty(a) != c->neg) return V_PASS;
    ne_fail(k, info, a, mi, vi, c->neg);
    return V_FAIL;
}

static int v_null_or_empty(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, ne_check, ne_fail);
    return ua_docs(&k, c, info);
}

/* IsTypeValidator */
static void it_fail(Chk *k, Buf *info, const char *act, int mi, int vi, int neg)
{
    INFO(info, ua_fmt(neg, 1, 1, 0, " to be of type"), mi, vi, k->path, k->type, act);
}

static int it_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    const char *at = ut_gotype(a);
    if ((strcmp(at, k->type) == 0) != c->neg) return V_PASS;
    it_fail(k, info, at, mi, vi, c->neg);
    return V_FAIL;
}

static void it_none(Chk *k, Buf *info) { it_fail(k, info, "no manifest found", -1, -1, 0); }

static int v_is_type(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, it_check, NULL);
    k.none = it_none;
    k.type = pp_str(p, "type");
    return ua_docs(&k, c, info);
}

/* IsKindValidator / IsAPIVersionValidator */
static void if_fail(Chk *k, Buf *info, Value act, int mi, int vi, int neg)
{
    if (neg) INFO(info, ua_fmt(1, 0, 0, 0, k->custom), mi, vi, k->of);
    else INFO(info, ua_fmt(0, 0, 1, 0, k->custom), mi, vi, k->of, ut_yaml(act));
}

static int if_doc(Chk *k, VCtx *c, Buf *info, Value d, int mi, int vi)
{
    Value *f = d.t == VT_MAP && d.u.m ? map_getc(d.u.m, k->field) : NULL;
    if ((f && f->t == VT_STR && strlen(k->of) == f->n && !memcmp(k->of, f->u.s, f->n)) != c->neg) return V_PASS;
    if_fail(k, info, f ? *f : v_nil(), mi, -1, c->neg);
    return V_FAIL;
}

static int v_is_field(PCtx *p, VCtx *c, Buf *info, const char *field, const char *custom)
{
    Chk k = {.doc = if_doc, .fail = if_fail, .field = field, .custom = custom};
    k.of = pp_str(p, "of");
    return ua_docs(&k, c, info);
}

/* HasDocumentsValidator */
static int v_has_docs(PCtx *p, VCtx *c, Buf *info)
{
    long count = 0;
    pp_int(p, "count", &count);
    long len = pp_bool(p, "filterAware") ? vc_len(c->sel) : vc_len(c->docs);
    if ((len == count) != c->neg) return 1;
    const char *e = cc_printf("%ld", count), *a = cc_printf("%ld", len);
    if (c->neg) INFO(info, ua_fmt(1, 0, 0, 0, " documents count to be"), -1, -1, e);
    else INFO(info, ua_fmt(0, 0, 1, 0, " documents count to be"), -1, -1, e, a);
    return 0;
}

/* LengthEqualDocumentsValidator: a value that is not an array is skipped
 * when no count is set; no value at a path is no error */
static int le_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    if (a.t != VT_LIST && !k->has_count) {
        INFO(info, UA_ERRFMT, mi, vi, cc_printf("%s is not array", k->path));
        return V_SKIP;
    }
    k->alen = a.t == VT_LIST ? vc_len(a) : 0;
    if (!k->has_count || (k->alen == k->count) != c->neg) return V_PASS;
    INFO(info, ua_fmt(c->neg, 1, 1, 0, " to match count"), mi, -1, k->path, cc_printf("%ld", k->count), cc_printf("%ld", k->alen));
    return V_FAIL;
}

/* multiple mode: every path, then all their lengths equal (sorted paths) */
static int le_paths(Chk *k, VCtx *c, Buf *info, Value doc, int mi, int vi)
{
    Map *counts = map_new(vc_len(k->paths));
    int all = 1;
    Buf errs = {0};
    for (uint32_t i = 0; i < vc_len(k->paths); i++) {
        Buf one = {0};
        k->path = cc_strndup(vc_at(k->paths, i).u.s, vc_at(k->paths, i).n);
        k->alen = 0;
        int sok = ua_values(k, c, &one, doc, mi, -1);
        map_setc(counts, k->path, v_int64(k->alen));
        if (!sok) { buf_put(&errs, one.p, one.len); all = 0; }
        buf_free(&one);
    }
    if (!all) {
        buf_put(info, errs.p, errs.len);
        buf_free(&errs);
        return V_FAIL;
    }
    buf_free(&errs);
    MapEnt **es = map_sorted(counts, 0);
    long first = -1;
    for (uint32_t i = 0; i < counts->len; i++) {
        long v = es[i]->v.u.i;
        if (first == -1) first = v;
        else if ((first == v) == c->neg) {
            INFO(info, ua_fmt(c->neg, 1, 1, 0, " to match count"), mi, -1, es[i]->k, "-1", cc_printf("%ld", v));
            return V_FAIL;
        }
    }
    return first != -1;
}

static void le_none(Chk *k, Buf *info) { INFO(info, ua_fmt(0, 1, 1, 0, " to match count"), -1, -1, "", "", "no manifest found"); }

static int v_length_equal(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, le_check, NULL);
    k.none = le_none;
    k.unknown = UNK_NONE;
    k.has_count = pp_int(p, "count", &k.count);
    Value *ps = pp_get(p, "paths");
    k.paths = ps && ps->t == VT_LIST ? *ps : v_nil();
    if (*k.path && (!k.has_count || k.count < 0)) { INFO(info, UA_ERRFMT, -1, -1, "'count' field must be set if 'path' is used"); return 0; }
    if (*k.path && vc_len(k.paths)) { INFO(info, UA_ERRFMT, -1, -1, "'paths' couldn't be used with 'path'"); return 0; }
    if (!*k.path) k.doc = le_paths;
    return ua_docs(&k, c, info);
}

/* FailedTemplateValidator */
static const char *ft_compile(const char *pat, int *m, const char *s, size_t n)
{
    const char *err = go_regexp_match(pat, strlen(pat), s, n, m, NULL);
    if (err) {
        const char *q = go_regexp_quote_meta(pat, strlen(pat));
        err = go_regexp_match(q, strlen(q), s, n, m, NULL);
    }
    return err;
}

static void ft_fail(Buf *info, const char *msg, int pattern, Value actual, int mi, int vi, int neg)
{
    const char *custom = pattern ? " to match" : " to equal";
    if (neg) INFO(info, ua_fmt(1, 0, 0, 0, custom), mi, vi, msg);
    else INFO(info, ua_fmt(0, 0, 1, 0, custom), mi, vi, msg, actual.t == VT_STR ? cc_strndup(actual.u.s, actual.n) : ua_sprint(actual));
}

static int ft_pattern(const char *pat, Value actual, int mi, int vi, VCtx *c, Buf *info)
{
    int m = 0;
    const char *err = ft_compile(pat, &m, "", 0);
    if (err) { INFO(info, UA_ERRFMT, -1, -1, err); return 0; }
    if (actual.t == VT_NIL) return 1;
    const char *s = actual.t == VT_STR ? actual.u.s : ua_sprint(actual);
    size_t sn = actual.t == VT_STR ? actual.n : strlen(s);
    ft_compile(pat, &m, s, sn);
    if (m != c->neg) return 1;
    /* metacharacters: retry with the pattern quoted */
    int meta = 0;
    for (const char *q = pat; *q; q++) if (strchr("\\.+*?()|[]{}^$", *q)) meta = 1;
    if (meta) {
        const char *q = go_regexp_quote_meta(pat, strlen(pat));
        go_regexp_match(q, strlen(q), s, sn, &m, NULL);
        if (m != c->neg) return 1;
    }
    ft_fail(info, pat, 1, actual, mi, vi, c->neg);
    return 0;
}

static int ft_message(const char *msg, Value actual, int mi, int vi, VCtx *c, Buf *info)
{
    int eq = actual.t == VT_STR && strlen(msg) == actual.n && !memcmp(msg, actual.u.s, actual.n);
    if (eq == c->neg) { ft_fail(info, msg, 0, actual, mi, vi, c->neg); return 0; }
    return 1;
}

/* one error, or the raw text of one manifest */
static int ft_check(Chk *k, VCtx *c, Buf *info, Value actual, int mi, int vi)
{
    if (*k->pattern) return ft_pattern(k->pattern, actual, mi, vi, c, info);
    if (*k->msg) return ft_message(k->msg, actual, mi, vi, c, info);
    return V_PASS;
}

static int ft_doc(Chk *k, VCtx *c, Buf *info, Value d, int mi, int vi)
{
    Value *rp = d.t == VT_MAP && d.u.m ? map_getc(d.u.m, "raw") : NULL;
    return ft_check(k, c, info, rp ? *rp : v_nil(), mi, vi);
}

static void ft_none(Chk *k, Buf *info)
{
    ft_fail(info, *k->msg ? k->msg : k->pattern, *k->pattern && !*k->msg, v_cstr("No failed document"), -1, -1, 0);
}

static int v_failed_template(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = {.doc = ft_doc, .none = ft_none};
    k.msg = pp_str(p, "errorMessage");
    k.pattern = pp_str(p, "errorPattern");
    if (*k.msg && *k.pattern) {
        INFO(info, UA_ERRFMT, -1, -1, "single attribute 'errorMessage' or 'errorPattern' supported at the same time");
        return 0;
    }
    if (c->render_err) return ft_check(&k, c, info, v_cstr(c->render_err), -1, -1);
    return ua_docs(&k, c, info);
}

/* ContainsDocumentValidator */
static int cd_match(PCtx *p, Value doc)
{
    const char *kind = pp_str(p, "kind"), *api = pp_str(p, "apiVersion");
    const char *name = pp_str(p, "name"), *ns = pp_str(p, "namespace");
    Value *k = doc.t == VT_MAP && doc.u.m ? map_getc(doc.u.m, "kind") : NULL;
    if (k && k->t == VT_STR && !(strlen(kind) == k->n && !memcmp(kind, k->u.s, k->n))) return 0;
    Value *a = doc.t == VT_MAP && doc.u.m ? map_getc(doc.u.m, "apiVersion") : NULL;
    if (a && a->t == VT_STR && !(strlen(api) == a->n && !memcmp(api, a->u.s, a->n))) return 0;
    const char *want[2] = {name, ns}, *paths[2] = {"metadata.name", "metadata.namespace"};
    for (int i = 0; i < 2; i++) {
        if (!*want[i]) continue;
        Value acts;
        if (ut_path_get(doc, paths[i], &acts) || !vc_len(acts)) return 0;
        Value x = vc_at(acts, 0);
        if (!(x.t == VT_STR && strlen(want[i]) == x.n && !memcmp(want[i], x.u.s, x.n))) return 0;
    }
    return 1;
}

static void cd_fail(PCtx *p, Buf *info, int mi, int neg)
{
    Buf b = {0};
    buf_printf(&b, "Kind = %s, apiVersion = %s", pp_str(p, "kind"), pp_str(p, "apiVersion"));
    if (*pp_str(p, "name")) buf_printf(&b, ", Name = %s", pp_str(p, "name"));
    if (*pp_str(p, "namespace")) buf_printf(&b, ", Namespace = %s", pp_str(p, "namespace"));
    INFO(info, ua_fmt(neg, 0, 0, 0, " to contain document"), mi, -1, buf_cstr(&b));
    buf_free(&b);
}

/* with `any`, a matching manifest passes the assertion, whatever failed
 * before it */
static int cd_doc(Chk *k, VCtx *c, Buf *info, Value doc, int mi, int vi)
{
    if (cd_match(k->p, doc) == c->neg) {
        cd_fail(k->p, info, mi, c->neg);
        return V_FAIL;
    }
    if (k->any == c->neg) return V_PASS;
    k->found = 1;
    return V_PASS | V_STOP;
}

static void cd_none(Chk *k, Buf *info) { cd_fail(k->p, info, 0, 0); }

static int v_contains_doc(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = {.doc = cd_doc, .none = cd_none, .p = p};
    k.any = pp_bool(p, "any");
    int ok = ua_docs(&k, c, info);
    if (!k.found) return ok;
    info->len = 0;
    return 1;
}

/* MatchSnapshotValidator / MatchSnapshotRawValidator */
static void sn_fail(Buf *info, const char *path, UtSnapResult *r, int mi, int vi, int neg, int raw)
{
    if (r->msg && *r->msg) {
        INFO(info, ua_fmt(neg, 0, 0, 0, r->msg), mi, vi, r->cached);
        return;
    }
    const char *msg = cc_printf(" to match snapshot %u", r->index);
    const char *show = neg ? r->cached : ua_diff_str(r->cached, r->fresh);
    if (raw) INFO(info, ua_fmt(neg, 0, 0, 0, msg), -1, -1, show);
    else INFO(info, ua_fmt(neg, 1, 0, 0, msg), mi, vi, path, show);
}

static UtSnapResult sn_compare(VCtx *c, Value content, const char *match, const char *notmatch)
{
    UtSnapResult r;
    c->r->snap_counter++;
    ut_snap_compare(c->r->snap, c->r->test_name, c->r->snap_counter, content, match, notmatch, &r);
    return r;
}

static int sn_check(Chk *k, VCtx *c, Buf *info, Value a, int mi, int vi)
{
    UtSnapResult r = sn_compare(c, a, *k->pattern ? k->pattern : NULL, *k->not_pattern ? k->not_pattern : NULL);
    if (r.err) { INFO(info, UA_ERRFMT, mi, vi, "<nil>"); return V_FAIL | V_STOP; }
    if (r.passed != c->neg) return V_PASS;
    sn_fail(info, k->path, &r, mi, vi, c->neg, 0);
    return V_FAIL;
}

/* with no manifest selected, a snapshot passes unless negated */
static int v_snapshot(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = ua_path_chk(p, sn_check, NULL);
    Value *mr = pp_get(p, "matchRegex"), *nmr = pp_get(p, "notMatchRegex");
    PCtx q1 = {mr ? *mr : v_nil(), NULL}, q2 = {nmr ? *nmr : v_nil(), NULL};
    k.pattern = pp_str(&q1, "pattern");
    k.not_pattern = pp_str(&q2, "pattern");
    return vc_len(c->sel) ? ua_docs(&k, c, info) : !c->neg;
}

static int snr_doc(Chk *k, VCtx *c, Buf *info, Value doc, int mi, int vi)
{
    UtSnapResult r = sn_compare(c, vc_raw(doc), NULL, NULL);
    if (r.passed != c->neg) return V_PASS;
    sn_fail(info, "", &r, -1, -1, c->neg, 1);
    return V_FAIL;
}

static int v_snapshot_raw(PCtx *p, VCtx *c, Buf *info)
{
    Chk k = {.doc = snr_doc};
    return vc_len(c->sel) ? ua_docs(&k, c, info) : !c->neg;
}

static int ua_validate(UtAssert *a, VCtx *c, Buf *info)
{
    PCtx p = {a->params, NULL};
    switch (a->kind) {
    case K_SNAPSHOT: return v_snapshot(&p, c, info);
    case K_SNAPSHOT_RAW: return v_snapshot_raw(&p, c, info);
    case K_EQUAL: return v_equal(&p, c, info);
    case K_GE: return v_operator(&p, c, info, 1);
    case K_LE: return v_operator(&p, c, info, 0);
    case K_EQUAL_RAW: return v_equal_raw(&p, c, info);
    case K_EXISTS: return v_exists(&p, c, info);
    case K_MATCH_REGEX: return v_match_regex(&p, c, info);
    case K_MATCH_REGEX_RAW: return v_match_regex_raw(&p, c, info);
    case K_CONTAINS: return v_contains(&p, c, info);
    case K_IS_KIND: return v_is_field(&p, c, info, "kind", " to be kind");
    case K_IS_APIVERSION: return v_is_field(&p, c, info, "apiVersion", " to be apiVersion");
    case K_HAS_DOCS: return v_has_docs(&p, c, info);
    case K_IS_SUBSET: return v_is_subset(&p, c, info);
    case K_NULL_OR_EMPTY: return v_null_or_empty(&p, c, info);
    case K_FAILED_TEMPLATE: return v_failed_template(&p, c, info);
    case K_CONTAINS_DOC: return v_contains_doc(&p, c, info);
    case K_LENGTH_EQUAL: return v_length_equal(&p, c, info);
    case K_IS_TYPE: return v_is_type(&p, c, info);
    }
    return 0;
}

/* ---- document selection (documentselector.go, assertion.go) -------------------- */

/* isMatchingSelector */
static const char *ds_matches(const UtSelector *s, Value doc, int *m)
{
    Value vals;
    *m = 0;
    const char *err = ut_path_get(doc, s->path, &vals);
    if (err) return err;
    for (uint32_t i = 0; i < vc_len(vals); i++)
        if (s->value.t == VT_NIL || ut_deep_equal(s->value, vc_at(vals, i))) { *m = 1; break; }
    return NULL;
}

/* DocumentSelector.SelectDocuments over the templates (files[i].docs may
 * be nil): the selected documents per template, or the error. */
static const char *ds_select(const UtSelector *s, UtDocs *in, int n, UtDocs *out, int *nout)
{
    long total = 0;
    *nout = 0;
    for (int t = 0; t < n; t++) {
        Value sel = v_newlist(1);
        const char *err = NULL;
        for (uint32_t i = 0; i < vc_len(in[t].docs); i++) {
            int m;
            if ((err = ds_matches(s, vc_at(in[t].docs, i), &m))) break;
            if (!m) continue;
            if (!s->match_many && vc_len(sel) > 0) { err = "multiple indexes found"; break; }
            list_push(sel.u.l, vc_at(in[t].docs, i));
        }
        if (!err && !s->skip_empty && !vc_len(sel)) err = "document not found";
        total += vc_len(sel);
        if (err) return err;
        if (!s->match_many && total > 1) return "multiple indexes found";
        if (vc_len(sel) > 0 || !s->skip_empty) out[(*nout)++] = (UtDocs){in[t].name, sel};
    }
    return NULL;
}

static int docs_cmp(const void *a, const void *b)
{
    return strcmp(((const UtDocs *)a)->name, ((const UtDocs *)b)->name);
}

static UtDocs *ua_find(UtRender *r, const char *name)
{
    for (int i = 0; i < r->nfiles; i++)
        if (!strcmp(r->files[i].name, name)) return &r->files[i];
    return NULL;
}

static void ua_run(UtAssert *a, UtRender *r, UtAssertResult *out, Buf *info);

void ut_assert_run(UtAssert *a, UtRender *r, UtAssertResult *out)
{
    Buf info = {0};
    memset(out, 0, sizeof *out);
    ua_run(a, r, out, &info);
    out->info = buf_arena(&info);
    out->ninfo = info.len;
    buf_free(&info);
}

static void ua_run(UtAssert *a, UtRender *r, UtAssertResult *out, Buf *info)
{
    /* getDocumentsByDefaultTemplates: a map, so each name once */
    UtDocs *tpl = cc_alloc(((size_t)a->ntemplates + 1) * sizeof *tpl);
    int nt = 0;
    for (int i = 0; i < a->ntemplates; i++) {
        int dup = 0;
        for (int k = 0; k < nt; k++) dup |= !strcmp(tpl[k].name, a->templates[i]);
        if (dup) continue;
        UtDocs *f = ua_find(r, a->templates[i]);
        tpl[nt++] = (UtDocs){a->templates[i], f ? f->docs : v_nil()};
    }
    UtDocs *sel = cc_alloc(((size_t)nt + 1) * sizeof *sel);
    int ns = 0;
    const char *ierr = NULL;
    if (a->selector && *a->selector->path) {
        ierr = ds_select(a->selector, tpl, nt, sel, &ns);
    } else if (a->doc_index != -1) {
        for (int t = 0; t < nt && !ierr; t++) {
            if (a->doc_index >= (int)vc_len(tpl[t].docs) || a->doc_index < 0) {
                ierr = cc_printf("document index %d is out of range", a->doc_index);
                break;
            }
            sel[ns++] = (UtDocs){tpl[t].name, ua_list1(vc_at(tpl[t].docs, (uint32_t)a->doc_index))};
        }
    } else {
        memcpy(sel, tpl, (size_t)nt * sizeof *sel);
        ns = nt;
    }
    if (ierr) {
        out->passed = 0;
        buf_printf(info, "Error:\n%s\n", ierr);
        return;
    }
    if (ns > 1) qsort(sel, (size_t)ns, sizeof *sel, docs_cmp);
    if (r->skip_empty && ns == 0) {
        out->skipped = 1;
        out->passed = 1;
        out->skip_reason = "skipped as 'documentSelector.skipEmptyTemplates: true' and 'selectedTemplates: empty'";
        return;
    }
    VCtx c = {v_nil(), v_nil(), a->not_ != a->antonym, r->render_err, r->fail_fast, r};
    if (ns == 0) {
        if (a->need_render != r->render_ok) {
            buf_puts(info, "Error: rendered manifest is empty\n");
            out->passed = 0;
        } else {
            out->passed = ua_validate(a, &c, info);
        }
        return;
    }
    int passed = 0;
    for (int t = 0; t < ns; t++) {
        UtDocs *f = ua_find(r, sel[t].name);
        Buf one = {0};
        int add = 1, ok;
        if (!f && a->need_render) {
            add = 0;
            buf_printf(&one, "Error:\n\ttemplate \"%s\" not exists or not selected in test suite\n", sel[t].name);
            ok = 0;
        } else if (a->need_render != r->render_ok) {
            Value d0 = f && vc_len(f->docs) ? vc_at(f->docs, 0) : v_nil();
            Value *raw = d0.t == VT_MAP && d0.u.m ? map_getc(d0.u.m, "raw") : NULL;
            if (f && vc_len(f->docs)) buf_printf(&one, "Error: Invalid rendering: %s\n", ua_sprint(raw ? *raw : v_nil()));
            else buf_puts(&one, "Error: rendered manifest is empty\n");
            ok = 0;
        } else {
            c.docs = f ? f->docs : v_nil();
            c.sel = sel[t].docs;
            ok = ua_validate(a, &c, &one);
        }
        if (!ok) {
            if (add) buf_printf(info, "Template:\t%s\n", sel[t].name);
            buf_put(info, one.p, one.len);
        }
        buf_free(&one);
        passed = t == 0 ? ok : passed && ok;
    }
    out->passed = passed;
}

/* ---- parsing (Assertion.UnmarshalYAML) --------------------------------------------- */

const char *ut_selector_parse(Value v, UtSelector **out);

const char *ut_assert_parse(Value def, UtAssert *a)
{
    memset(a, 0, sizeof *a);
    a->doc_index = -1;
    a->template_ = "";
    if (def.t != VT_MAP || !def.u.m) return "no assertion type defined";
    Value *x;
    if ((x = map_getc(def.u.m, "documentIndex")) && x->t == VT_INT) a->doc_index = (int)x->u.i;
    if ((x = map_getc(def.u.m, "not")) && x->t == VT_BOOL) a->not_ = x->u.b;
    if ((x = map_getc(def.u.m, "template")) && x->t == VT_STR) a->template_ = cc_strndup(x->u.s, x->n);
    if ((x = map_getc(def.u.m, "documentSelector")) && x->t == VT_MAP) {
        const char *err = ut_selector_parse(*x, &a->selector);
        if (err) return err;
    }
    int found = 0;
    for (size_t i = 0; i < UA_NTYPES; i++) {
        Value *p = map_getc(def.u.m, ua_types[i].name);
        if (!p) continue;
        if (found) return cc_printf("assertion type `%s` and `%s` is declared duplicately", a->type, ua_types[i].name);
        found = 1;
        a->type = ua_types[i].name;
        a->kind = ua_types[i].kind;
        a->antonym = ua_types[i].antonym;
        a->need_render = ua_types[i].need_render;
        a->params = *p;
        const char *err = ua_check_params(a);
        if (err) return err;
    }
    if (found) return NULL;
    MAP_EACH(def.u.m, e) {
        if ((e->klen == 8 && !memcmp(e->k, "template", 8)) || (e->klen == 13 && !memcmp(e->k, "documentIndex", 13)) ||
            (e->klen == 3 && !memcmp(e->k, "not", 3)))
            continue;
        return cc_printf("Assertion type `%.*s` is invalid", (int)e->klen, e->k);
    }
    return "no assertion type defined";
}

/* valueutils.NewDocumentSelector */
const char *ut_selector_parse(Value v, UtSelector **out)
{
    Value *p = v.t == VT_MAP && v.u.m ? map_getc(v.u.m, "path") : NULL;
    if (!p || p->t != VT_STR) return "empty 'documentSelector.path' not supported";
    UtSelector *s = cc_alloc(sizeof *s);
    s->path = cc_strndup(p->u.s, p->n);
    Value *x = map_getc(v.u.m, "value");
    s->value = x ? *x : v_nil();
    x = map_getc(v.u.m, "matchMany");
    s->match_many = x && x->t == VT_BOOL && x->u.b;
    x = map_getc(v.u.m, "skipEmptyTemplates");
    s->skip_empty = x && x->t == VT_BOOL && x->u.b;
    *out = s;
    return NULL;
}
