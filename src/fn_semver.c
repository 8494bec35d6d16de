/*
 * fn_semver.c - semantic versions and constraints: the `semver` and
 * `semverCompare` template functions and the C API in chartc/semver.h.
 * Mirrors Masterminds/semver version.go + constraints.go (v3.4.0 for Helm
 * v4, v3.3.0 for Helm v3; the differences are error capitalisation and the
 * prerelease rule: v4 lets a prerelease version match when any constraint
 * of its AND-group has a prerelease, v3 only per constraint) and
 * Masterminds/sprig v3.3.0 semver.go.
 *
 * Constraint grammar is matched with Go's regexp semantics (regexp.c,
 * linear, never giving up on a long input) using the same regular
 * languages Masterminds uses, so odd inputs fail the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/func.h"
#include "chartc/regexp.h"
#include "chartc/semver.h"

#define V4 (cc_helm_major != 3)

/* Error texts: Helm v4 (semver 3.4) first, Helm v3 (semver 3.3) second. */
#define E_INVALID        (V4 ? "invalid semantic version" : "Invalid Semantic Version")
#define E_SEG_ZERO       (V4 ? "version segment starts with 0" : "Version segment starts with 0")
#define E_PARSE_SEG      (V4 ? "error parsing version segment" : "Error parsing version segment")
#define E_CONS_PARSER    (V4 ? "constraint parser error" : "constraint Parser Error")
#define E_INVALID_PRE    (V4 ? "invalid prerelease string" : "Invalid Prerelease string")

/* ---- versions ------------------------------------------------------- */

static int sv_isdigit(int c) { return c >= '0' && c <= '9'; }
static int sv_isident(int c)
{
    return sv_isdigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* strconv.ParseUint(s, 10, 64) on an all-digit span; 0 on overflow. */
static int sv_parse_uint(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        if (!sv_isdigit((unsigned char)s[i])) return 0;
        unsigned d = s[i] - '0';
        if (v > (UINT64_MAX - d) / 10) return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

/* Scan ident(.ident)* from s[*i]; returns 0 if nothing valid is there. */
static int sv_scan_idents(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    for (;;) {
        size_t st = j;
        while (j < n && sv_isident((unsigned char)s[j])) j++;
        if (j == st) return 0;
        if (j < n && s[j] == '.') { j++; continue; }
        break;
    }
    *i = j;
    return 1;
}

static const char *sv_seg_error(const char *s, size_t n)
{
    return cc_printf("%s: strconv.ParseUint: parsing \"%.*s\": value out of range",
                     E_PARSE_SEG, (int)n, s);
}

const char *semver_new(const char *s, size_t n, SemVer *out)
{
    size_t i = 0, seg[3][2] = {{0, 0}, {0, 0}, {0, 0}}, pre0 = 0, pre1 = 0, m0 = 0, m1 = 0;
    int nseg = 0;
    if (i < n && s[i] == 'v') i++;
    while (nseg < 3) {
        size_t st = i;
        if (nseg > 0) {
            if (i >= n || s[i] != '.' || i + 1 >= n || !sv_isdigit((unsigned char)s[i + 1])) break;
            st = ++i;
        }
        while (i < n && sv_isdigit((unsigned char)s[i])) i++;
        if (i == st) return E_INVALID;
        seg[nseg][0] = st; seg[nseg][1] = i; nseg++;
    }
    if (i < n && s[i] == '-') {
        pre0 = ++i;
        if (!sv_scan_idents(s, n, &i)) return E_INVALID;
        pre1 = i;
    }
    if (i < n && s[i] == '+') {
        m0 = ++i;
        if (!sv_scan_idents(s, n, &i)) return E_INVALID;
        m1 = i;
    }
    if (i != n) return E_INVALID;

    SemVer v = {0};
    uint64_t *dst[3] = {&v.major, &v.minor, &v.patch};
    for (int k = 0; k < nseg; k++)
        if (!sv_parse_uint(s + seg[k][0], seg[k][1] - seg[k][0], dst[k]))
            return sv_seg_error(s + seg[k][0], seg[k][1] - seg[k][0]);
    /* validatePrerelease: numeric identifiers may not have leading zeros */
    for (size_t p = pre0; p < pre1;) {
        size_t e = p;
        int alldig = 1;
        while (e < pre1 && s[e] != '.') { if (!sv_isdigit((unsigned char)s[e])) alldig = 0; e++; }
        if (alldig && e - p > 1 && s[p] == '0') return E_SEG_ZERO;
        p = e + 1;
    }
    v.pre = pre1 > pre0 ? cc_strndup(s + pre0, pre1 - pre0) : "";
    v.meta = m1 > m0 ? cc_strndup(s + m0, m1 - m0) : "";
    v.orig = cc_strndup(s, n);
    *out = v;
    return NULL;
}

int semver_parse(const char *s, size_t n, SemVer *out)
{
    return semver_new(s, n, out) ? -1 : 0;
}

static int sv_cmp_u(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

/* comparePrePart: numeric identifiers compare as numbers and sort before
 * alphanumeric ones; "" (missing) sorts first. */
static int sv_cmp_prepart(const char *s, size_t sn, const char *o, size_t on)
{
    if (sn == on && memcmp(s, o, sn) == 0) return 0;
    if (sn == 0) return -1;
    if (on == 0) return 1;
    uint64_t si = 0, oi = 0;
    int sok = sv_parse_uint(s, sn, &si), ook = sv_parse_uint(o, on, &oi);
    if (!sok && !ook) {
        int c = memcmp(s, o, sn < on ? sn : on);
        if (c == 0) c = sn < on ? -1 : 1;
        return c > 0 ? 1 : -1;
    }
    if (!ook) return -1;
    if (!sok) return 1;
    return si > oi ? 1 : -1;
}

static int sv_cmp_pre(const char *a, const char *b)
{
    for (;;) {
        const char *ae = strchr(a, '.'), *be = strchr(b, '.');
        size_t an = ae ? (size_t)(ae - a) : strlen(a), bn = be ? (size_t)(be - b) : strlen(b);
        int d = sv_cmp_prepart(a, an, b, bn);
        if (d) return d;
        if (!ae && !be) return 0;
        a = ae ? ae + 1 : a + an;
        b = be ? be + 1 : b + bn;
    }
}

int semver_compare(const SemVer *a, const SemVer *b)
{
    int d;
    if ((d = sv_cmp_u(a->major, b->major))) return d;
    if ((d = sv_cmp_u(a->minor, b->minor))) return d;
    if ((d = sv_cmp_u(a->patch, b->patch))) return d;
    if (!*a->pre && !*b->pre) return 0;
    if (!*a->pre) return 1;
    if (!*b->pre) return -1;
    return sv_cmp_pre(a->pre, b->pre);
}

void semver_string(Buf *b, const SemVer *v)
{
    buf_printf(b, "%llu.%llu.%llu", (unsigned long long)v->major,
               (unsigned long long)v->minor, (unsigned long long)v->patch);
    if (*v->pre) buf_printf(b, "-%s", v->pre);
    if (*v->meta) buf_printf(b, "+%s", v->meta);
}

/* ---- constraints ---------------------------------------------------- */

/* The regular languages of constraints.go (\s spelt as Go's [\t\n\f\r ]). */
#define SV_WS "[\\t\\n\\f\\r ]"
#define SV_NUMX "[0-9|x|X|\\*]+"
#define SV_IDS "[0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*"
#define SV_CV "v?(" SV_NUMX ")(\\." SV_NUMX ")?(\\." SV_NUMX ")?(-(" SV_IDS "))?(\\+(" SV_IDS "))?"
#define SV_OPS "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^"

enum { RE_ONE, RE_RANGE, RE_FIND, RE_VALID, RE_N };
static const char *const sv_patterns[RE_N] = {
    [RE_ONE] = "^" SV_WS "*(" SV_OPS ")" SV_WS "*(" SV_CV ")" SV_WS "*$",
    [RE_RANGE] = SV_WS "*(" SV_CV ")" SV_WS "+-" SV_WS "+(" SV_CV ")" SV_WS "*",
    [RE_FIND] = "(" SV_OPS ")" SV_WS "*(" SV_CV ")",
    [RE_VALID] = "^(" SV_WS "*(" SV_OPS ")" SV_WS "*(" SV_CV ")" SV_WS "*)((?:" SV_WS "+|," SV_WS
                 "*)(" SV_OPS ")" SV_WS "*(" SV_CV ")" SV_WS "*)*$",
};
/* Match pattern `which` against s[start..n) as Go's FindStringSubmatchIndex;
 * fills ov[0..nov) (pairs, RX_UNSET for groups that did not take part) and
 * returns 1 on a match. */
static int sv_exec(int which, const char *s, size_t n, size_t start, size_t *ov, int nov)
{
    const char *err = NULL;
    Rx *re = rx_compile(sv_patterns[which], strlen(sv_patterns[which]), &err);
    if (!re) {
        fprintf(stderr, "chartc: internal semver regex %d: %s\n", which, err);
        abort();
    }
    int all = 2 * (rx_ncap(re) + 1);
    size_t *o = cc_alloc((size_t)all * sizeof *o);
    if (!rx_exec(re, s, n, start, o, all)) return 0;
    for (int i = 0; i < nov; i++) ov[i] = i < all ? o[i] : RX_UNSET;
    return 1;
}

#define SV_GROUP_LEN(ov, g) ((ov)[2 * (g)] == RX_UNSET ? 0 : (ov)[2 * (g) + 1] - (ov)[2 * (g)])
#define SV_GROUP(s, ov, g) ((ov)[2 * (g)] == RX_UNSET ? "" : (s) + (ov)[2 * (g)])

typedef struct SvCons {
    SemVer con;
    const char *orig;    /* the version text as written */
    char op[3];          /* "", "=", "!=", ">", ... */
    int dirty, minor_dirty, patch_dirty;
} SvCons;

typedef struct SvGroup { SvCons *c; int n; int has_pre; } SvGroup;
typedef struct SvConstraints { SvGroup *g; int n; } SvConstraints;

static int sv_isx(const char *s, size_t n)
{
    return n == 1 && (*s == 'x' || *s == 'X' || *s == '*');
}

/* rewriteRange: "A - B" becomes ">= A, <= B " (first occurrence of each
 * match text, in order). */
static char *sv_rewrite_range(const char *c)
{
    size_t n = strlen(c), pos = 0, ov[2 * 22];
    char *o = cc_strdup(c);
    while (pos <= n && sv_exec(RE_RANGE, c, n, pos, ov, 2 * 22)) {
        const char *whole = c + ov[0];
        size_t wn = ov[1] - ov[0];
        char *hit = NULL;
        /* strings.Replace(o, whole, t, 1) */
        size_t on = strlen(o);
        for (size_t i = 0; i + wn <= on; i++)
            if (memcmp(o + i, whole, wn) == 0) { hit = o + i; break; }
        if (hit)
            o = cc_printf("%.*s>= %.*s, <= %.*s %s", (int)(hit - o), o,
                          (int)SV_GROUP_LEN(ov, 1), SV_GROUP(c, ov, 1),
                          (int)SV_GROUP_LEN(ov, 11), SV_GROUP(c, ov, 11), hit + wn);
        pos = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
    }
    return o;
}

/* parseConstraint on one found "op version" text. */
static const char *sv_parse_one(const char *s, size_t n, SvCons *out)
{
    size_t ov[2 * 12];
    if (!sv_exec(RE_ONE, s, n, 0, ov, 2 * 12))
        return cc_printf("improper constraint: %.*s", (int)n, s);
    SvCons c = {0};
    memcpy(c.op, SV_GROUP(s, ov, 1), SV_GROUP_LEN(ov, 1));
    c.orig = cc_strndup(SV_GROUP(s, ov, 2), SV_GROUP_LEN(ov, 2));
    const char *m3 = SV_GROUP(s, ov, 3), *m4 = SV_GROUP(s, ov, 4), *m5 = SV_GROUP(s, ov, 5);
    size_t n3 = SV_GROUP_LEN(ov, 3), n4 = SV_GROUP_LEN(ov, 4), n5 = SV_GROUP_LEN(ov, 5);
    int n6 = (int)SV_GROUP_LEN(ov, 6);
    const char *m6 = SV_GROUP(s, ov, 6);
    const char *ver = c.orig;
    if (sv_isx(m3, n3) || n3 == 0) {
        ver = cc_printf("0.0.0%.*s", n6, m6);
        c.dirty = 1;
    } else if (n4 == 0 || sv_isx(m4 + 1, n4 - 1)) {
        c.minor_dirty = c.dirty = 1;
        ver = cc_printf("%.*s.0.0%.*s", (int)n3, m3, n6, m6);
    } else if (n5 == 0 || sv_isx(m5 + 1, n5 - 1)) {
        c.patch_dirty = c.dirty = 1;
        ver = cc_printf("%.*s%.*s.0%.*s", (int)n3, m3, (int)n4, m4, n6, m6);
    }
    if (semver_new(ver, strlen(ver), &c.con)) return E_CONS_PARSER;
    *out = c;
    return NULL;
}

/* semver.NewConstraint */
static const char *sv_constraints_new(const char *text, SvConstraints *out)
{
    char *c = sv_rewrite_range(text);
    int nor = 1;
    for (const char *p = c; (p = strstr(p, "||")); p += 2) nor++;
    out->g = cc_alloc(nor * sizeof *out->g);
    out->n = nor;
    const char *part = c;
    for (int k = 0; k < nor; k++) {
        const char *end = strstr(part, "||");
        size_t pn = end ? (size_t)(end - part) : strlen(part);
        size_t ov[2 * 40];
        if (!sv_exec(RE_VALID, part, pn, 0, ov, 2 * 40))
            return cc_printf("improper constraint: %.*s", (int)pn, part);
        SvGroup *g = &out->g[k];
        size_t pos = 0;
        while (pos < pn && sv_exec(RE_FIND, part, pn, pos, ov, 2 * 12)) {
            if (!(g->n & (g->n - 1))) g->c = cc_grow(g->c, g->n * sizeof *g->c, (g->n ? 2 * g->n : 1) * sizeof *g->c);
            const char *err = sv_parse_one(part + ov[0], ov[1] - ov[0], &g->c[g->n]);
            if (err) return err;
            if (*g->c[g->n].con.pre) g->has_pre = 1;
            g->n++;
            pos = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
        }
        part = end ? end + 2 : part + pn;
    }
    return NULL;
}

/* ~ : patch-level changes (or minor-level with a dirty minor). */
static int sv_tilde(const SemVer *v, const SvCons *c)
{
    if (semver_compare(v, &c->con) < 0) return 0;
    if (!c->con.major && !c->con.minor && !c->con.patch && !c->minor_dirty && !c->patch_dirty)
        return 1;
    if (v->major != c->con.major) return 0;
    if (v->minor != c->con.minor && !c->minor_dirty) return 0;
    return 1;
}

static int sv_check_one(const SemVer *v, const SvCons *c, int include_pre)
{
    const char *op = c->op;
    const SemVer *k = &c->con;
    int isne = strcmp(op, "!=") == 0;
    /* the prerelease gate (v3 skips it for a clean "!=") */
    if (*v->pre) {
        if (V4 ? !include_pre : (!*k->pre && (!isne || c->dirty))) return 0;
    }
    if (!*op || strcmp(op, "=") == 0) {
        if (c->dirty) return sv_tilde(v, c);
        return semver_compare(v, k) == 0;
    }
    if (isne) {
        if (c->dirty) {
            if (k->major != v->major) return 1;
            if (k->minor != v->minor && !c->minor_dirty) return 1;
            if (c->minor_dirty) return 0;
            if (k->patch != v->patch && !c->patch_dirty) return 1;
            if (c->patch_dirty) {
                if (*v->pre || *k->pre) return sv_cmp_pre(v->pre, k->pre) != 0;
                return 0;
            }
        }
        return semver_compare(v, k) != 0;
    }
    if (strcmp(op, ">") == 0) {
        if (!c->dirty) return semver_compare(v, k) == 1;
        if (v->major > k->major) return 1;
        if (v->major < k->major) return 0;
        if (c->minor_dirty) return 0;
        if (c->patch_dirty) return v->minor > k->minor;
        return semver_compare(v, k) == 1;
    }
    if (strcmp(op, "<") == 0) return semver_compare(v, k) < 0;
    if (strcmp(op, ">=") == 0 || strcmp(op, "=>") == 0) return semver_compare(v, k) >= 0;
    if (strcmp(op, "<=") == 0 || strcmp(op, "=<") == 0) {
        if (!c->dirty) return semver_compare(v, k) <= 0;
        if (v->major > k->major) return 0;
        if (v->major == k->major && v->minor > k->minor && !c->minor_dirty) return 0;
        return 1;
    }
    if (op[0] == '~') return sv_tilde(v, c);
    /* ^ */
    if (semver_compare(v, k) < 0) return 0;
    if (k->major > 0 || c->minor_dirty) return v->major == k->major;
    if (v->major > 0) return 0;
    if (k->minor > 0 || c->patch_dirty) return v->minor == k->minor;
    if (v->minor > 0) return 0;
    return k->patch == v->patch;
}

static int sv_check(const SvConstraints *cs, const SemVer *v)
{
    for (int i = 0; i < cs->n; i++) {
        int ok = 1;
        for (int j = 0; j < cs->g[i].n && ok; j++)
            ok = sv_check_one(v, &cs->g[i].c[j], cs->g[i].has_pre);
        if (ok) return 1;
    }
    return 0;
}

/* Charts ask the same semverCompare over and over (one constraint per
 * API version, against the one cluster version), and dependency
 * conditions the same semver_match: answers are remembered on the heap,
 * by constraint and version (the text given to semverCompare, or the
 * fields of a parsed one: `kind` tells them apart), up to SV_MEMO of
 * them. */
enum { SVK_TEXT, SVK_PARSED };
typedef struct SvMemo { char *key; size_t cn, vn; int major, kind; int answer; char *err; } SvMemo;
#define SV_MEMO 256   /* a power of two */
static SvMemo sv_memo[SV_MEMO];
static int sv_memo_used;

static SvMemo *sv_memo_slot(int kind, const char *c, size_t cn, const char *v, size_t vn, int *found)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < cn; i++) h = (h ^ (unsigned char)c[i]) * 16777619u;
    h = (h ^ 0xFF) * 16777619u;
    for (size_t i = 0; i < vn; i++) h = (h ^ (unsigned char)v[i]) * 16777619u;
    for (uint32_t i = h & (SV_MEMO - 1);; i = (i + 1) & (SV_MEMO - 1)) {
        SvMemo *m = &sv_memo[i];
        *found = m->key && m->cn == cn && m->vn == vn && m->major == cc_helm_major && m->kind == kind &&
                 memcmp(m->key, c, cn) == 0 && memcmp(m->key + cn, v, vn) == 0;
        if (!m->key || *found) return m;
    }
}

/* Remember answer/err for the slot m (not found): heap copies, while
 * there is room. */
static void sv_memo_keep(SvMemo *m, int kind, const char *c, size_t cn, const char *v, size_t vn, int answer,
                         const char *err)
{
    if (sv_memo_used >= SV_MEMO / 2) return;
    char *key = malloc(cn + vn + 1), *e = err ? strdup(err) : NULL;
    if (!key || (err && !e)) {
        free(key);
        free(e);
        return;
    }
    memcpy(key, c, cn);
    memcpy(key + cn, v, vn);
    *m = (SvMemo){key, cn, vn, cc_helm_major, kind, answer, e};
    sv_memo_used++;
}

int semver_match(const char *constraint, const SemVer *v, const char **err)
{
    /* what sv_check reads of the version */
    const char *vk = cc_printf("%llu.%llu.%llu-%s", (unsigned long long)v->major, (unsigned long long)v->minor,
                               (unsigned long long)v->patch, v->pre);
    size_t cn = strlen(constraint), vn = strlen(vk);
    int found;
    SvMemo *m = sv_memo_slot(SVK_PARSED, constraint, cn, vk, vn, &found);
    if (found) {
        if (err) *err = m->err;
        return m->err ? -1 : m->answer;
    }
    SvConstraints cs;
    const char *e = sv_constraints_new(constraint, &cs);
    int answer = e ? -1 : sv_check(&cs, v);
    sv_memo_keep(m, SVK_PARSED, constraint, cn, vk, vn, answer, e);
    if (err) *err = e;
    return answer;
}

/* ---- *semver.Version objects --------------------------------------- */

static int sv_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out);
static void sv_print(Buf *b, Obj *o) { semver_string(b, o->data); }
static Value sv_to_data(Obj *o)
{
    Buf b = {0};
    semver_string(&b, o->data);
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

/* *semver.Version (from `semver`) and semver.Version (IncMajor ... results,
 * which lack the pointer-receiver methods). */
static const char *sv_method_sig(Obj *o, const char *name);
static Value sv_go_fields(Obj *o);
static Value sv_zero_copy(Obj *o);
static const ObjType sv_ptr_type = {"*semver.Version", sv_field, sv_print, sv_to_data, sv_method_sig,
                                    sv_go_fields, 0, sv_zero_copy};
static const ObjType sv_val_type = {"semver.Version", sv_field, sv_print, sv_to_data, sv_method_sig,
                                    sv_go_fields, 0, sv_zero_copy};

/* copystructure copies exported fields only; Version has none, so
 * deepCopy gives a zero Version (0.0.0) of the same type. */
static Value sv_zero_copy(Obj *o)
{
    SemVer *z = cc_alloc(sizeof *z);
    z->pre = z->meta = z->orig = "";
    return v_newobj(o->type, z);
}

/* struct Version { major, minor, patch uint64; pre, metadata, original string } */
static Value sv_go_fields(Obj *o)
{
    const SemVer *v = o->data;
    Value m = v_newmap(6);
    m.g = GT_STRUCT;
    Value n = v_int64((int64_t)v->major);
    n.g = GT_UINT;
    map_setc(m.u.m, "major", n);
    n.u.i = (int64_t)v->minor;
    map_setc(m.u.m, "minor", n);
    n.u.i = (int64_t)v->patch;
    map_setc(m.u.m, "patch", n);
    map_setc(m.u.m, "pre", v_cstr(v->pre));
    map_setc(m.u.m, "metadata", v_cstr(v->meta));
    map_setc(m.u.m, "original", v_cstr(v->orig));
    return m;
}

Value semver_value(const SemVer *v)
{
    SemVer *p = cc_alloc(sizeof *p);
    *p = *v;
    return v_newobj(&sv_ptr_type, p);
}

static Value sv_value_copy(const SemVer *v)
{
    SemVer *p = cc_alloc(sizeof *p);
    *p = *v;
    return v_newobj(&sv_val_type, p);
}

static const char *sv_str(const SemVer *v)
{
    Buf b = {0};
    semver_string(&b, v);
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

/* Version after IncX/SetX: Original becomes the v prefix + String(). */
static Value sv_next(const SemVer *from, SemVer nv)
{
    nv.orig = cc_printf("%s%s", from->orig[0] == 'v' ? "v" : "", sv_str(&nv));
    return sv_value_copy(&nv);
}

static void sv_want_args(Exec *x, const char *name, int argc, int want)
{
    if (argc != want) fn_error(x, "wrong number of args for %s: want %d got %d", name, want, argc);
}

static const SemVer *sv_arg(Exec *x, Value a)
{
    /* nil becomes a nil *Version, which the method dereferences */
    if (a.t == VT_NIL) fn_error(x, "runtime error: invalid memory address or nil pointer dereference");
    if (a.t != VT_OBJ || a.u.o->type != &sv_ptr_type) {
        Buf b = {0};
        Value s = fn_strval(a);
        if (v_is_str(a)) buf_printf(&b, "\"%.*s\"", (int)s.n, s.u.s);
        else buf_put(&b, s.u.s, s.n);
        char *t = buf_arena(&b);
        buf_free(&b);
        fn_error(x, "can't handle %s for arg of type *semver.Version", t);
    }
    return a.u.o->data;
}

enum { SVM_MAJOR, SVM_MINOR, SVM_PATCH, SVM_PRE, SVM_META, SVM_STRING, SVM_ORIGINAL,
       SVM_INCPATCH, SVM_INCMINOR, SVM_INCMAJOR, SVM_SETPRE, SVM_SETMETA,
       SVM_MARSHALJSON, SVM_MARSHALTEXT, SVM_VALUE,
       SVM_COMPARE, SVM_LT, SVM_LE, SVM_GT, SVM_GE, SVM_EQ };
static const struct { const char *name; int id, nargs, ptr_only; } sv_methods[] = {
    {"Major", SVM_MAJOR, 0, 0}, {"Minor", SVM_MINOR, 0, 0}, {"Patch", SVM_PATCH, 0, 0},
    {"Prerelease", SVM_PRE, 0, 0}, {"Metadata", SVM_META, 0, 0}, {"String", SVM_STRING, 0, 0},
    {"Original", SVM_ORIGINAL, 0, 1}, {"IncPatch", SVM_INCPATCH, 0, 0},
    {"IncMinor", SVM_INCMINOR, 0, 0}, {"IncMajor", SVM_INCMAJOR, 0, 0},
    {"SetPrerelease", SVM_SETPRE, 1, 0}, {"SetMetadata", SVM_SETMETA, 1, 0},
    {"MarshalJSON", SVM_MARSHALJSON, 0, 0}, {"MarshalText", SVM_MARSHALTEXT, 0, 0},
    {"Value", SVM_VALUE, 0, 0}, {"Compare", SVM_COMPARE, 1, 1}, {"LessThan", SVM_LT, 1, 1},
    {"LessThanEqual", SVM_LE, 1, 1}, {"GreaterThan", SVM_GT, 1, 1},
    {"GreaterThanEqual", SVM_GE, 1, 1}, {"Equal", SVM_EQ, 1, 1},
};

static int sv_method(Obj *o, const char *name)
{
    size_t i, nm = sizeof sv_methods / sizeof sv_methods[0];
    for (i = 0; i < nm; i++) if (strcmp(sv_methods[i].name, name) == 0) break;
    if (i == nm || (sv_methods[i].ptr_only && o->type != &sv_ptr_type)) return -1;
    return (int)i;
}

/* Go parameter types of the methods (func.h sig letters) */
static const char *sv_method_sig(Obj *o, const char *name)
{
    int i = sv_method(o, name);
    if (i < 0) return NULL;
    if (sv_methods[i].nargs == 0) return "";
    return sv_methods[i].id == SVM_SETPRE || sv_methods[i].id == SVM_SETMETA ? "s" : "V";
}

static int sv_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    const SemVer *v = o->data;
    size_t i, nm = sizeof sv_methods / sizeof sv_methods[0];
    for (i = 0; i < nm; i++) if (strcmp(sv_methods[i].name, name) == 0) break;
    if (i == nm || (sv_methods[i].ptr_only && o->type != &sv_ptr_type)) return 0;
    sv_want_args(x, name, argc, sv_methods[i].nargs);
    SemVer nv = *v;
    switch (sv_methods[i].id) {
    case SVM_MAJOR: *out = v_int64((int64_t)v->major); out->g = GT_UINT; break;
    case SVM_MINOR: *out = v_int64((int64_t)v->minor); out->g = GT_UINT; break;
    case SVM_PATCH: *out = v_int64((int64_t)v->patch); out->g = GT_UINT; break;
    case SVM_PRE: *out = v_cstr(v->pre); break;
    case SVM_META: *out = v_cstr(v->meta); break;
    case SVM_STRING: case SVM_VALUE: *out = v_cstr(sv_str(v)); break;
    case SVM_ORIGINAL: *out = v_cstr(v->orig); break;
    case SVM_INCPATCH:
        if (!*v->pre) nv.patch++;
        nv.pre = nv.meta = "";
        *out = sv_next(v, nv);
        break;
    case SVM_INCMINOR:
        nv.minor++; nv.patch = 0; nv.pre = nv.meta = "";
        *out = sv_next(v, nv);
        break;
    case SVM_INCMAJOR:
        nv.major++; nv.minor = nv.patch = 0; nv.pre = nv.meta = "";
        *out = sv_next(v, nv);
        break;
    case SVM_SETPRE: case SVM_SETMETA: {
        Value a = argv[0];
        if (!v_is_str(a)) fn_error(x, "wrong type for value; expected string; got %s", v_gotype(a));
        SemVer chk;
        const char *t = cc_strndup(a.u.s, a.n);
        if (a.n) {
            /* validate through the parser: "0.0.0-<pre>" / "0.0.0+<meta>" */
            int pre = sv_methods[i].id == SVM_SETPRE;
            const char *probe = cc_printf("0.0.0%c%s", pre ? '-' : '+', t);
            const char *err = semver_new(probe, strlen(probe), &chk);
            if (err && pre && strcmp(err, E_SEG_ZERO) != 0) err = E_INVALID_PRE;
            if (err && !pre) err = V4 ? "invalid metadata string" : "Invalid Metadata string";
            if (err) fn_error(x, "%s", err);
        }
        if (sv_methods[i].id == SVM_SETPRE) nv.pre = t; else nv.meta = t;
        *out = sv_next(v, nv);
        break;
    }
    case SVM_MARSHALJSON: {
        Value s = v_cstr(cc_printf("\"%s\"", sv_str(v)));
        s.g = GT_BYTES;
        *out = s;
        break;
    }
    case SVM_MARSHALTEXT: {
        Value s = v_cstr(sv_str(v));
        s.g = GT_BYTES;
        *out = s;
        break;
    }
    default: {
        int c = semver_compare(v, sv_arg(x, argv[0]));
        switch (sv_methods[i].id) {
        case SVM_COMPARE: *out = v_goint(c); break;
        case SVM_LT: *out = v_bool(c < 0); break;
        case SVM_LE: *out = v_bool(c <= 0); break;
        case SVM_GT: *out = v_bool(c > 0); break;
        case SVM_GE: *out = v_bool(c >= 0); break;
        default: *out = v_bool(c == 0); break;
        }
    }
    }
    return 1;
}

/* ---- template functions (sprig semver.go) ---------------------------- */

/* semver VERSION -> *semver.Version */
Value fn_semver(Exec *x, int argc, Value *argv)
{
    SemVer v;
    const char *err = semver_new(argv[0].u.s, argv[0].n, &v);
    if (err) fn_error(x, "%s", err);
    return semver_value(&v);
}

/* semverCompare CONSTRAINT VERSION -> bool (constraint parsed first) */
Value fn_semver_compare(Exec *x, int argc, Value *argv)
{
    const char *cs_text = argv[0].u.s, *v_text = argv[1].u.s;
    size_t cn = argv[0].n, vn = argv[1].n;
    int found;
    SvMemo *m = sv_memo_slot(SVK_TEXT, cs_text, cn, v_text, vn, &found);
    if (found) {
        if (m->err) fn_error(x, "%s", m->err);
        return v_bool(m->answer);
    }
    SvConstraints cs;
    SemVer v;
    const char *c = cc_strndup(cs_text, cn);
    const char *err = sv_constraints_new(c, &cs);
    if (!err) err = semver_new(v_text, vn, &v);
    int answer = err ? 0 : sv_check(&cs, &v);
    sv_memo_keep(m, SVK_TEXT, cs_text, cn, v_text, vn, answer, err);
    if (err) fn_error(x, "%s", err);
    return v_bool(answer);
}
