/*
 * glob.c - github.com/gobwas/glob v0.2.3 as Helm's .Files.Glob uses it
 * (glob.Compile(pattern, '/')). Mirrors syntax/lexer/lexer.go,
 * syntax/ast/parser.go, compiler/compiler.go and match/ (all files): the answer is
 * whatever the compiled matcher tree says, so this file builds the same
 * tree (common-part factoring of {a,b}, gluing into Row/EveryOf, the
 * Prefix/Suffix/Contains rewrites of BTree) and runs each matcher's Match
 * and Index as gobwas does, byte offsets and rune counts mixed as there.
 * One departure: a BTree remembers its answer for each substring of the
 * name, so nested stars cost a polynomial, not an exponential.
 */
#include "chartc/glob.h"
#include "chartc/regexp.h"
#include "chartc/value.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNE_ERROR 0xfffdu
#define GLOB_MAX_PATTERN 1024   /* bytes; longer patterns are refused, not guessed */

unsigned long long glob_steps;

/* utf8.DecodeRuneInString: (RuneError, 0) for "", (RuneError, 1) for a bad byte */
static uint32_t dec(const char *s, size_t n, size_t *w)
{
    if (!n) { *w = 0; return RUNE_ERROR; }
    int r = rx_rune(s, n, w);
    return r < 0 ? RUNE_ERROR : (uint32_t)r;
}

/* utf8.RuneLen for the runes a range loop yields (never invalid) */
static size_t runelen(uint32_t r) { return r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4; }

static size_t enc(char *o, uint32_t r)
{
    if (r < 0x80) { o[0] = (char)r; return 1; }
    if (r < 0x800) { o[0] = (char)(0xc0 | r >> 6); o[1] = (char)(0x80 | (r & 0x3f)); return 2; }
    if (r < 0x10000) {
        o[0] = (char)(0xe0 | r >> 12); o[1] = (char)(0x80 | (r >> 6 & 0x3f)); o[2] = (char)(0x80 | (r & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | r >> 18); o[1] = (char)(0x80 | (r >> 12 & 0x3f));
    o[2] = (char)(0x80 | (r >> 6 & 0x3f)); o[3] = (char)(0x80 | (r & 0x3f));
    return 4;
}

static size_t runecount(const char *s, size_t n)
{
    size_t c = 0, w;
    for (size_t i = 0; i < n; i += w, c++) dec(s + i, n - i, &w);
    return c;
}

/* strings.Index / LastIndex (bytes) */
static long str_index(const char *s, size_t n, const char *t, size_t tn)
{
    if (!tn) return 0;
    for (size_t i = 0; i + tn <= n; i++)
        if (s[i] == t[0] && !memcmp(s + i, t, tn)) return (long)i;
    return -1;
}

static long str_lastindex(const char *s, size_t n, const char *t, size_t tn)
{
    if (!tn) return (long)n;
    for (size_t i = n >= tn ? n - tn + 1 : 0; i-- > 0;)
        if (!memcmp(s + i, t, tn)) return (long)i;
    return -1;
}

/* strings.IndexRune for a valid rune */
static long index_rune(const char *s, size_t n, uint32_t r)
{
    char b[4];
    return str_index(s, n, b, enc(b, r));
}

/* util/strings.IndexAnyRunes: the first separator in list order that occurs */
static long index_any(const char *s, size_t n, const uint32_t *rs, int nrs)
{
    for (int k = 0; k < nrs; k++) {
        long i = index_rune(s, n, rs[k]);
        if (i != -1) return i;
    }
    return -1;
}

static int rune_in(const uint32_t *rs, int nrs, uint32_t r)
{
    for (int k = 0; k < nrs; k++)
        if (rs[k] == r) return 1;
    return 0;
}

/* ---- lexer (syntax/lexer/lexer.go) ------------------------------------------ */

enum { T_EOF, T_TEXT, T_ANY, T_SUPER, T_SINGLE, T_NOT, T_SEP, T_ROPEN, T_RCLOSE, T_RLO, T_RHI, T_RBETWEEN,
       T_TOPEN, T_TCLOSE };
typedef struct Tok { int t; const char *s; size_t n; uint32_t r; } Tok;

typedef struct Lex {
    const char *d; size_t n, pos;
    int err, terms, has;
    uint32_t last; size_t lastw;
    Tok *tok; size_t nt, cap;
    char *scratch;      /* a Text token's runes, escapes removed */
} Lex;

static void lx_push(Lex *l, int t, const char *s, size_t n, uint32_t r)
{
    if (l->nt == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        l->tok = cc_grow(l->tok, l->nt * sizeof *l->tok, nc * sizeof *l->tok);
        l->cap = nc;
    }
    l->tok[l->nt++] = (Tok){t, s, n, r};
}

/* eof is rune 0, so a NUL ends the pattern as the end does */
static uint32_t lx_peek(Lex *l, size_t *w)
{
    if (l->pos == l->n) { *w = 0; return 0; }
    uint32_t r = dec(l->d + l->pos, l->n - l->pos, w);
    if (r == RUNE_ERROR) { l->err = 1; *w = 0; return 0; }   /* "could not read rune" */
    return r;
}

static uint32_t lx_read(Lex *l)
{
    if (l->has) { l->has = 0; l->pos += l->lastw; return l->last; }
    size_t w;
    uint32_t r = lx_peek(l, &w);
    l->pos += w;
    l->last = r; l->lastw = w;
    return r;
}

static void lx_unread(Lex *l)
{
    if (l->has) { l->err = 1; return; }
    l->pos -= l->lastw;
    l->has = 1;
}

static void lx_text(Lex *l, const char *breakers)
{
    char *data = l->scratch;
    size_t dn = 0;
    int escaped = 0;
    for (;;) {
        uint32_t r = lx_read(l);
        if (r == 0) break;
        if (!escaped) {
            if (r == '\\') { escaped = 1; continue; }
            if (r < 0x80 && strchr(breakers, (int)r)) { lx_unread(l); break; }
        }
        escaped = 0;
        dn += enc(data + dn, r);
    }
    if (dn) {
        char *t = cc_alloc(dn);
        memcpy(t, data, dn);
        lx_push(l, T_TEXT, t, dn, 0);
    }
}

static void lx_range(Lex *l)
{
    int wantHi = 0, wantClose = 0, seenNot = 0;
    for (;;) {
        uint32_t r = lx_read(l);
        if (r == 0) { l->err = 1; return; }                 /* "unexpected end of input" */
        if (wantClose) {
            if (r != ']') l->err = 1;                        /* "expected close range character" */
            else lx_push(l, T_RCLOSE, NULL, 0, r);
            return;
        }
        if (wantHi) { lx_push(l, T_RHI, NULL, 0, r); wantClose = 1; continue; }
        if (!seenNot && r == '!') { lx_push(l, T_NOT, NULL, 0, r); seenNot = 1; continue; }
        size_t w;
        if (lx_peek(l, &w) == '-') {
            l->pos += w;
            lx_push(l, T_RLO, NULL, 0, r);
            lx_push(l, T_RBETWEEN, NULL, 0, '-');
            wantHi = 1;
            continue;
        }
        lx_unread(l);
        lx_text(l, "]");
        wantClose = 1;
    }
}

static void lx_item(Lex *l)
{
    uint32_t r = lx_read(l);
    if (r == 0) lx_push(l, T_EOF, NULL, 0, 0);
    else if (r == '{') { l->terms++; lx_push(l, T_TOPEN, NULL, 0, r); }
    else if (r == ',' && l->terms > 0) lx_push(l, T_SEP, NULL, 0, r);
    else if (r == '}' && l->terms > 0) { lx_push(l, T_TCLOSE, NULL, 0, r); l->terms--; }
    else if (r == '[') { lx_push(l, T_ROPEN, NULL, 0, r); lx_range(l); }
    else if (r == '?') lx_push(l, T_SINGLE, NULL, 0, r);
    else if (r == '*') {
        if (lx_read(l) == '*') lx_push(l, T_SUPER, NULL, 0, r);
        else { lx_unread(l); lx_push(l, T_ANY, NULL, 0, r); }
    } else {
        lx_unread(l);
        lx_text(l, l->terms > 0 ? "?*[{}," : "?*[{");
    }
}

/* ---- AST and parser (syntax/ast) -------------------------------------------- */

enum { K_NOTHING, K_PATTERN, K_LIST, K_RANGE, K_TEXT, K_ANY, K_SUPER, K_SINGLE, K_ANYOF };
typedef struct Node {
    int kind, not;
    struct Node *parent, **kid;
    int nk, ck;
    const char *s; size_t n;     /* K_TEXT text, K_LIST chars */
    uint32_t lo, hi;             /* K_RANGE */
} Node;

static Node *nd_new(int kind)
{
    Node *n = cc_alloc(sizeof *n);
    n->kind = kind;
    return n;
}

static void nd_insert(Node *p, Node *c)
{
    if (p->nk == p->ck) {
        int nc = p->ck ? p->ck * 2 : 4;
        p->kid = cc_grow(p->kid, (size_t)p->nk * sizeof *p->kid, (size_t)nc * sizeof *p->kid);
        p->ck = nc;
    }
    p->kid[p->nk++] = c;
    c->parent = p;
}

/* Node.Equal (also what reflect.DeepEqual decides for appendIfUnique) */
static int nd_equal(const Node *a, const Node *b)
{
    if (a->kind != b->kind || a->nk != b->nk || a->not != b->not || a->lo != b->lo || a->hi != b->hi ||
        a->n != b->n || (a->n && memcmp(a->s, b->s, a->n)))
        return 0;
    for (int i = 0; i < a->nk; i++)
        if (!nd_equal(a->kid[i], b->kid[i])) return 0;
    return 1;
}

static Node *parse(const Tok *t)
{
    Node *root = nd_new(K_PATTERN), *tree = root;
    for (;; t++) {
        switch (t->t) {
        case T_EOF: return root;
        case T_TEXT: { Node *x = nd_new(K_TEXT); x->s = t->s; x->n = t->n; nd_insert(tree, x); break; }
        case T_ANY: nd_insert(tree, nd_new(K_ANY)); break;
        case T_SUPER: nd_insert(tree, nd_new(K_SUPER)); break;
        case T_SINGLE: nd_insert(tree, nd_new(K_SINGLE)); break;
        case T_TOPEN: {
            Node *a = nd_new(K_ANYOF), *p = nd_new(K_PATTERN);
            nd_insert(tree, a); nd_insert(a, p);
            tree = p;
            break;
        }
        case T_SEP: { Node *p = nd_new(K_PATTERN); nd_insert(tree->parent, p); tree = p; break; }
        case T_TCLOSE: tree = tree->parent->parent; break;
        case T_ROPEN: {                                      /* parserRange */
            int not = 0;
            uint32_t lo = 0, hi = 0;
            const char *chars = ""; size_t cn = 0;
            for (t++;; t++) {
                if (t->t == T_EOF) return NULL;              /* "unexpected end" */
                if (t->t == T_NOT) not = 1;
                else if (t->t == T_RLO) lo = t->r;
                else if (t->t == T_RHI) { hi = t->r; if (hi < lo) return NULL; }
                else if (t->t == T_TEXT) { chars = t->s; cn = t->n; }
                else if (t->t == T_RCLOSE) break;
            }
            int isRange = lo != 0 && hi != 0, isChars = cn != 0;
            if (isChars == isRange) return NULL;             /* "could not parse range" */
            Node *x = nd_new(isRange ? K_RANGE : K_LIST);
            x->not = not; x->lo = lo; x->hi = hi; x->s = chars; x->n = cn;
            nd_insert(tree, x);
            break;
        }
        default: return NULL;                                /* "unexpected token" */
        }
    }
}

/* ---- matchers (match/) ------------------------------------------------- */

enum { M_NOTHING, M_SUPER, M_ANY, M_SINGLE, M_TEXT, M_LIST, M_RANGE, M_ANYOF, M_EVERYOF, M_MIN, M_MAX,
       M_CONTAINS, M_PREFIX, M_SUFFIX, M_PREFIXANY, M_SUFFIXANY, M_PREFIXSUFFIX, M_ROW, M_BTREE };

typedef struct M {
    int k, not;
    const char *s, *s2; size_t n, n2;  /* Text, Prefix/Suffix/needle, PrefixSuffix second */
    const uint32_t *rs; int nrs;       /* List runes; separators */
    uint32_t lo, hi;                   /* Range */
    long lim;                          /* Min/Max limit, Text/Row rune length */
    struct M **m; int nm;              /* AnyOf, EveryOf, Row */
    struct M *v, *l, *r;               /* BTree */
    long vl, ll, rl, len;              /* BTree lengths (runes), fixed at construction */
    int id;                            /* BTree memo slot */
} M;

static const uint32_t slash[] = {'/'};

static M *mk(int k)
{
    M *m = cc_alloc(sizeof *m);
    m->k = k;
    return m;
}

static M *mk_text(const char *s, size_t n)
{
    M *m = mk(M_TEXT);
    m->s = s; m->n = n; m->lim = (long)runecount(s, n);
    return m;
}

static M *mk_str(int k, const char *s, size_t n, const char *s2, size_t n2)
{
    M *m = mk(k);
    m->s = s; m->n = n; m->s2 = s2; m->n2 = n2;
    return m;
}

static M *mk_list(int k, M **ms, int n)
{
    M *m = mk(k);
    m->m = cc_alloc((size_t)(n ? n : 1) * sizeof *m->m);
    memcpy(m->m, ms, (size_t)n * sizeof *ms);
    m->nm = n;
    return m;
}

/* Matcher.Len(), AnyOf's and EveryOf's as written (not what they mean) */
static long m_len(const M *m)
{
    switch (m->k) {
    case M_NOTHING: return 0;
    case M_TEXT: case M_ROW: return m->lim;
    case M_SINGLE: case M_LIST: case M_RANGE: return 1;
    case M_BTREE: return m->len;
    case M_EVERYOF: return m->nm ? -1 : 0;
    case M_ANYOF: {
        long l = -1;
        for (int i = 0; i < m->nm; i++) {
            long ml = m_len(m->m[i]);
            if (l == -1) { l = ml; continue; }
            if (ml == -1 || l != ml) return -1;
        }
        return l;
    }
    default: return -1;
    }
}

static M *mk_btree(M *v, M *l, M *r)
{
    M *m = mk(M_BTREE);
    int ok = 1;
    m->v = v; m->l = l; m->r = r;
    if ((m->vl = m_len(v)) == -1) ok = 0;
    if (l && (m->ll = m_len(l)) == -1) ok = 0;
    if (r && (m->rl = m_len(r)) == -1) ok = 0;
    m->len = ok ? m->ll + m->vl + m->rl : -1;
    return m;
}

/* ---- compiler (compiler/compiler.go) ------------------------------------------ */

typedef struct Comp { int depth, nid; } Comp;

static M *optimize(M *m)
{
    if (!m) return NULL;
    if (m->k == M_ANY && m->nrs == 0) return mk(M_SUPER);
    if (m->k == M_ANYOF) return m->nm == 1 ? m->m[0] : m;
    if (m->k == M_LIST) {
        if (!m->not && m->nrs == 1) {
            char *b = cc_alloc(4);
            return mk_text(b, enc(b, m->rs[0]));
        }
        return m;
    }
    if (m->k != M_BTREE) return m;
    M *c = mk(M_BTREE);
    *c = *m;
    c->l = optimize(m->l);
    c->r = optimize(m->r);
    if (c->v->k != M_TEXT) return c;
    const M *t = c->v, *L = c->l, *R = c->r;
    if (!L && !R) return mk_text(t->s, t->n);
    int lk = L ? L->k : -1, rk = R ? R->k : -1;
    if (lk == M_SUPER && rk == M_SUPER) return mk_str(M_CONTAINS, t->s, t->n, NULL, 0);
    if (lk == M_SUPER && !R) return mk_str(M_SUFFIX, t->s, t->n, NULL, 0);
    if (rk == M_SUPER && !L) return mk_str(M_PREFIX, t->s, t->n, NULL, 0);
    if (!L && rk == M_SUFFIX) return mk_str(M_PREFIXSUFFIX, t->s, t->n, R->s, R->n);
    if (!R && lk == M_PREFIX) return mk_str(M_PREFIXSUFFIX, L->s, L->n, t->s, t->n);
    if (!R && lk == M_ANY) { M *x = mk_str(M_SUFFIXANY, t->s, t->n, NULL, 0); x->rs = L->rs; x->nrs = L->nrs; return x; }
    if (!L && rk == M_ANY) { M *x = mk_str(M_PREFIXANY, t->s, t->n, NULL, 0); x->rs = R->rs; x->nrs = R->nrs; return x; }
    return c;
}

static int runes_eq(const uint32_t *a, int na, const uint32_t *b, int nb)
{
    return na == nb && (!na || !memcmp(a, b, (size_t)na * sizeof *a));
}

/* glueMatchersAsEvery; with make == 0 only says whether it would glue (and
 * the Len of the result) without building it. */
static M *glue_every(M **ms, int n, int make, long *len)
{
    if (n <= 1) return NULL;
    int hasAny = 0, hasSuper = 0, hasSingle = 0, min = 0;
    const uint32_t *sep0 = NULL; int nsep0 = 0;
    for (int i = 0; i < n; i++) {
        const M *m = ms[i];
        const uint32_t *sep; int nsep;
        switch (m->k) {
        case M_SUPER: sep = NULL; nsep = 0; hasSuper = 1; break;
        case M_ANY: sep = m->rs; nsep = m->nrs; hasAny = 1; break;
        case M_SINGLE: sep = m->rs; nsep = m->nrs; hasSingle = 1; min++; break;
        case M_LIST:
            if (!m->not) return NULL;
            sep = m->rs; nsep = m->nrs; hasSingle = 1; min++;
            break;
        default: return NULL;
        }
        if (i == 0) { sep0 = sep; nsep0 = nsep; }
        if (!runes_eq(sep, nsep, sep0, nsep0)) return NULL;
    }
    static M dummy;
    *len = -1;
    if (!make) return &dummy;
    if (hasSuper && !hasAny && !hasSingle) return mk(M_SUPER);
    if (hasAny && !hasSuper && !hasSingle) { M *a = mk(M_ANY); a->rs = sep0; a->nrs = nsep0; return a; }
    if ((hasAny || hasSuper) && min > 0 && nsep0 == 0) { M *a = mk(M_MIN); a->lim = min; return a; }
    M *parts[3]; int np = 0;
    if (min > 0) {
        parts[np] = mk(M_MIN); parts[np++]->lim = min;
        if (!hasAny && !hasSuper) { parts[np] = mk(M_MAX); parts[np++]->lim = min; }
    }
    if (nsep0 > 0) {
        char *b = cc_alloc((size_t)nsep0 * 4 + 1);
        size_t bn = 0;
        for (int i = 0; i < nsep0; i++) bn += enc(b + bn, sep0[i]);
        parts[np] = mk_str(M_CONTAINS, b, bn, NULL, 0);
        parts[np++]->not = 1;
    }
    return mk_list(M_EVERYOF, parts, np);
}

static M *glue_row(M **ms, int n, int make, long *len)
{
    if (n <= 1) return NULL;
    long l = 0;
    for (int i = 0; i < n; i++) {
        long ml = m_len(ms[i]);
        if (ml == -1) return NULL;
        l += ml;
    }
    static M dummy;
    *len = l;
    if (!make) return &dummy;
    M *r = mk_list(M_ROW, ms, n);
    r->lim = l;
    return r;
}

static M *glue(M **ms, int n, int make, long *len)
{
    M *m = glue_every(ms, n, make, len);
    return m ? m : glue_row(ms, n, make, len);
}

/* minimizeMatchers, its tail recursion as a loop; *n is updated */
static M **minimize(M **ms, int *n)
{
    for (;;) {
        int found = 0, left = 0, right = 0, count = 0;
        long dlen = 0;
        for (int l = 0; l < *n; l++)
            for (int r = *n; r > l; r--) {
                long gl;
                if (!glue(ms + l, r - l, 0, &gl)) continue;
                int swap = !found || (dlen > -1 && gl > -1 && gl > dlen) || count < r - l;
                if (swap) { found = 1; dlen = gl; left = l; right = r; count = r - l; }
            }
        if (!found) return ms;
        long gl;
        M *done = glue(ms + left, right - left, 1, &gl);
        int nn = left + 1 + (*n - right);
        M **next = cc_alloc((size_t)nn * sizeof *next);
        memcpy(next, ms, (size_t)left * sizeof *ms);
        next[left] = done;
        memcpy(next + left + 1, ms + right, (size_t)(*n - right) * sizeof *ms);
        if (nn == *n) { *n = nn; return next; }
        ms = next; *n = nn;
    }
}

static M *compile_matchers(Comp *c, M **ms, int n)
{
    if (n == 1) return ms[0];
    long gl;
    M *g = glue(ms, n, 1, &gl);
    if (g) return g;
    int idx = -1;
    long maxLen = -1;
    for (int i = 0; i < n; i++) {
        long l = m_len(ms[i]);
        if (l != -1 && l >= maxLen) { maxLen = l; idx = i; }
    }
    if (idx == -1) return mk_btree(ms[0], NULL, compile_matchers(c, ms + 1, n - 1));
    M *l = idx > 0 ? compile_matchers(c, ms, idx) : NULL;
    M *r = idx + 1 < n ? compile_matchers(c, ms + idx + 1, n - idx - 1) : NULL;
    return mk_btree(ms[idx], l, r);
}

static M *compile(Comp *c, Node *tree);

static M **compile_children(Comp *c, Node *tree)
{
    M **ms = cc_alloc((size_t)(tree->nk ? tree->nk : 1) * sizeof *ms);
    for (int i = 0; i < tree->nk; i++) ms[i] = optimize(compile(c, tree->kid[i]));
    return ms;
}

/* commonChildren: equal children from the left and from the right */
static void common(Node **nodes, int nn, Node ***cl, int *ncl, Node ***cr, int *ncr)
{
    *ncl = *ncr = 0;
    if (nn <= 1) return;
    int idx = -1, min = -1;
    for (int i = 0; i < nn; i++)
        if (idx == -1 || nodes[i]->nk < min) { min = nodes[i]->nk; idx = i; }
    Node *tree = nodes[idx];
    int tl = tree->nk, lastRight = tl, total = 0, bl = 0, br = 0;
    Node **right = cc_alloc((size_t)(tl ? tl : 1) * sizeof *right);
    *cl = cc_alloc((size_t)(tl ? tl : 1) * sizeof **cl);
    for (int i = 0, j = tl - 1; total < tl && j >= 0 && !(bl && br); i++, j--) {
        Node *tl_ = tree->kid[i], *tr = tree->kid[j];
        for (int k = 0; k < nn && !(bl && br); k++) {
            if (k == idx) continue;
            Node *rl = nodes[k]->kid[i], *rr = nodes[k]->kid[j + nodes[k]->nk - tl];
            bl = bl || !nd_equal(tl_, rl);
            br = br || (!bl && j <= i);
            br = br || !nd_equal(tr, rr);
        }
        if (!bl) { total++; (*cl)[(*ncl)++] = tl_; }
        if (!br) { total++; lastRight = j; right[j] = tr; }
    }
    *cr = right + lastRight;
    *ncr = tl - lastRight;
}

static Node *nd_pattern(Node **kids, int n)
{
    Node *p = nd_new(K_PATTERN);
    for (int i = 0; i < n; i++) nd_insert(p, kids[i]);
    return p;
}

/* minimizeTreeAnyOf: {xa,xb} as x{a,b}; NULL when nothing is common */
static Node *minimize_anyof(Node *tree)
{
    for (int i = 0; i < tree->nk; i++)
        if (tree->kid[i]->kind != K_PATTERN) return NULL;
    Node **cl, **cr;
    int ncl, ncr;
    common(tree->kid, tree->nk, &cl, &ncl, &cr, &ncr);
    if (!ncl && !ncr) return NULL;
    Node *res = nd_new(K_PATTERN);
    if (ncl) nd_insert(res, nd_pattern(cl, ncl));
    Node **any = cc_alloc((size_t)tree->nk * sizeof *any);
    int na = 0;
    for (int i = 0; i < tree->nk; i++) {
        Node *ch = tree->kid[i];
        int rn = ch->nk - ncl - ncr;
        Node *x = rn == 0 ? nd_new(K_NOTHING) : nd_pattern(ch->kid + ncl, rn);
        int dup = 0;
        for (int k = 0; k < na && !dup; k++) dup = nd_equal(any[k], x);
        if (!dup) any[na++] = x;
    }
    if (na == 1 && any[0]->kind != K_NOTHING) nd_insert(res, any[0]);
    else if (na > 1) {
        Node *a = nd_new(K_ANYOF);
        for (int k = 0; k < na; k++) nd_insert(a, any[k]);
        nd_insert(res, a);
    }
    if (ncr) nd_insert(res, nd_pattern(cr, ncr));
    return res;
}

static M *compile(Comp *c, Node *tree)
{
    M *m;
    if (++c->depth > 8 * GLOB_MAX_PATTERN) cc_oom();   /* unreachable: depth < 3 x pattern bytes */
    switch (tree->kind) {
    case K_ANYOF: {
        Node *n = minimize_anyof(tree);
        if (n) { m = compile(c, n); c->depth--; return m; }
        M **ms = compile_children(c, tree);
        m = mk_list(M_ANYOF, ms, tree->nk);
        c->depth--;
        return m;
    }
    case K_PATTERN: {
        if (!tree->nk) { m = mk(M_NOTHING); break; }
        int n = tree->nk;
        M **ms = minimize(compile_children(c, tree), &n);
        m = compile_matchers(c, ms, n);
        break;
    }
    case K_ANY: m = mk(M_ANY); m->rs = slash; m->nrs = 1; break;
    case K_SUPER: m = mk(M_SUPER); break;
    case K_SINGLE: m = mk(M_SINGLE); m->rs = slash; m->nrs = 1; break;
    case K_NOTHING: m = mk(M_NOTHING); break;
    case K_LIST: {
        uint32_t *rs = cc_alloc((tree->n + 1) * sizeof *rs);
        int nr = 0;
        size_t w;
        for (size_t i = 0; i < tree->n; i += w) rs[nr++] = dec(tree->s + i, tree->n - i, &w);
        m = mk(M_LIST); m->rs = rs; m->nrs = nr; m->not = tree->not;
        break;
    }
    case K_RANGE: m = mk(M_RANGE); m->lo = tree->lo; m->hi = tree->hi; m->not = tree->not; break;
    default: m = mk_text(tree->s, tree->n); break;
    }
    c->depth--;
    return optimize(m);
}

/* Gives every BTree a memo id (iteratively: the tree is a DAG of arena nodes). */
static int number(M *root)
{
    M **st = NULL;
    size_t sp = 0, cap = 0;
    int id = 0;
#define PUSH(x) do { if (x) { if (sp == cap) { size_t nc = cap ? cap * 2 : 32; st = cc_grow(st, sp * sizeof *st, nc * sizeof *st); cap = nc; } st[sp++] = (x); } } while (0)
    PUSH(root);
    while (sp) {
        M *m = st[--sp];
        if (m->k == M_BTREE) {
            if (m->id) continue;
            m->id = ++id;
            PUSH(m->v); PUSH(m->l); PUSH(m->r);
        }
        for (int i = 0; i < m->nm; i++) PUSH(m->m[i]);
    }
#undef PUSH
    return id;
}

struct Glob { M *root; int nid; };

Glob *glob_compile(const char *pat, size_t n, int *toolong)
{
    *toolong = 0;
    if (n > GLOB_MAX_PATTERN) { *toolong = 1; return NULL; }
    Lex l = {0};
    l.d = pat; l.n = n;
    l.scratch = cc_alloc(n + 1);
    while (!l.nt || l.tok[l.nt - 1].t != T_EOF) {
        lx_item(&l);
        if (l.err) return NULL;
    }
    if (l.err) return NULL;
    Node *ast = parse(l.tok);
    if (!ast) return NULL;
    Comp c = {0};
    Glob *g = cc_alloc(sizeof *g);
    g->root = compile(&c, ast);
    g->nid = number(g->root);
    return g;
}

/* ---- matching ------------------------------------------------------------- */

typedef struct Segs { size_t *p; size_t n, cap; } Segs;

static void seg_push(Segs *s, size_t v)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 16;
        size_t *p = realloc(s->p, nc * sizeof *p);
        if (!p) cc_oom();
        s->p = p; s->cap = nc;
    }
    s->p[s->n++] = v;
}

typedef struct Memo { uint64_t key; uint32_t gen; uint8_t val; } Memo;

typedef struct Ctx {
    const char *base;
    const char *panic;
    Memo *memo; size_t mcap, mn;
    uint32_t gen;
} Ctx;

static Ctx ctx_g;   /* the memo table lives across names (generation-stamped) */

static int match(Ctx *c, const M *m, const char *s, size_t n);
static long mindex(Ctx *c, const M *m, const char *s, size_t n, Segs *out);

static void panic_slice(Ctx *c, size_t hi, size_t len)
{
    if (!c->panic) c->panic = cc_printf("runtime error: slice bounds out of range [:%zu] with length %zu", hi, len);
}

static Memo *memo_slot(Ctx *c, uint64_t key)
{
    size_t mask = c->mcap - 1, i = (size_t)(key * 0x9e3779b97f4a7c15ull >> 20) & mask;
    while (c->memo[i].gen == c->gen && c->memo[i].key != key) i = (i + 1) & mask;
    return &c->memo[i];
}

static int memo_get(Ctx *c, uint64_t key, int *val)
{
    if (!c->mcap) return 0;
    Memo *e = memo_slot(c, key);
    if (e->gen != c->gen) return 0;
    *val = e->val;
    return 1;
}

static void memo_put(Ctx *c, uint64_t key, int val)
{
    if (2 * (c->mn + 1) > c->mcap) {
        size_t oc = c->mcap, nc = oc ? oc * 2 : 1024;
        Memo *old = c->memo;
        c->memo = calloc(nc, sizeof *c->memo);
        if (!c->memo) cc_oom();
        c->mcap = nc;
        for (size_t i = 0; i < oc; i++)
            if (old[i].gen == c->gen) *memo_slot(c, old[i].key) = old[i];
        free(old);
    }
    Memo *e = memo_slot(c, key);
    if (e->gen != c->gen) c->mn++;
    e->key = key; e->gen = c->gen; e->val = (uint8_t)val;
}

/* Row.matchAll: each matcher gets its Len() runes, the last one cut to its
 * first byte (s[idx:idx+next+1]); a zero-length matcher at the end panics. */
static int row_all(Ctx *c, const M *m, const char *s, size_t n)
{
    size_t idx = 0;
    for (int k = 0; k < m->nm; k++) {
        long length = m_len(m->m[k]);
        size_t next = 0, w;
        long i = 0;
        for (size_t p = 0; p < n - idx; p += w) {
            dec(s + idx + p, n - idx - p, &w);
            next = p; i++;
            if (i == length) break;
        }
        if (i < length) return 0;
        if (idx + next + 1 > n) { panic_slice(c, idx + next + 1, n); return 0; }
        if (!match(c, m->m[k], s + idx, next + 1)) return 0;
        idx += next + 1;
    }
    return 1;
}

static int btree_match(Ctx *c, const M *m, const char *s, size_t n)
{
    size_t inputLen = n, offset = 0, limit = n;
    if (m->len != -1 && m->len > (long)inputLen) return 0;
    if (m->ll >= 0) offset = (size_t)m->ll;
    if (m->rl >= 0) {
        if ((long)inputLen < m->rl) return 0;
        limit = inputLen - (size_t)m->rl;
    }
    Segs sg = {0};
    int ok = 0;
    while (offset < limit && !c->panic) {
        sg.n = 0;
        long index = mindex(c, m->v, s + offset, limit - offset, &sg);
        if (index == -1) break;
        size_t at = offset + (size_t)index;
        int left = m->l ? match(c, m->l, s, at) : at == 0;
        if (left)
            for (size_t i = sg.n; i-- > 0 && !c->panic;) {
                size_t e = at + sg.p[i];
                const char *r = inputLen <= e ? s + inputLen : s + e;
                size_t rn = inputLen <= e ? 0 : inputLen - e;
                if (m->r ? match(c, m->r, r, rn) : rn == 0) { ok = 1; goto out; }
            }
        size_t step;
        dec(s + at, n - at, &step);
        if (!step) break;
        offset = at + step;
    }
out:
    free(sg.p);
    return ok;
}

static int match(Ctx *c, const M *m, const char *s, size_t n)
{
    size_t w;
    uint32_t r;
    if (c->panic) return 0;
    glob_steps++;
    switch (m->k) {
    case M_NOTHING: return n == 0;
    case M_SUPER: return 1;
    case M_ANY: return index_any(s, n, m->rs, m->nrs) == -1;
    case M_SINGLE: r = dec(s, n, &w); return n <= w && !rune_in(m->rs, m->nrs, r);
    case M_LIST: r = dec(s, n, &w); return n <= w && rune_in(m->rs, m->nrs, r) == !m->not;
    case M_RANGE: r = dec(s, n, &w); return n <= w && (r >= m->lo && r <= m->hi) == !m->not;
    case M_TEXT: return n == m->n && !memcmp(s, m->s, n);
    case M_ANYOF:
        for (int i = 0; i < m->nm; i++)
            if (match(c, m->m[i], s, n)) return 1;
        return 0;
    case M_EVERYOF:
        for (int i = 0; i < m->nm; i++)
            if (!match(c, m->m[i], s, n)) return 0;
        return 1;
    case M_MIN: {
        long l = 0;
        for (size_t i = 0; i < n; i += w) { dec(s + i, n - i, &w); if (++l >= m->lim) return 1; }
        return 0;
    }
    case M_MAX: {
        long l = 0;
        for (size_t i = 0; i < n; i += w) { dec(s + i, n - i, &w); if (++l > m->lim) return 0; }
        return 1;
    }
    case M_CONTAINS: return (str_index(s, n, m->s, m->n) != -1) != m->not;
    case M_PREFIX: return n >= m->n && !memcmp(s, m->s, m->n);
    case M_SUFFIX: return n >= m->n && !memcmp(s + n - m->n, m->s, m->n);
    case M_PREFIXANY: return n >= m->n && !memcmp(s, m->s, m->n) && index_any(s + m->n, n - m->n, m->rs, m->nrs) == -1;
    case M_SUFFIXANY: return n >= m->n && !memcmp(s + n - m->n, m->s, m->n) && index_any(s, n - m->n, m->rs, m->nrs) == -1;
    case M_PREFIXSUFFIX:
        return n >= m->n && !memcmp(s, m->s, m->n) && n >= m->n2 && !memcmp(s + n - m->n2, m->s2, m->n2);
    case M_ROW: {
        long i = 0;
        for (size_t p = 0; p < n; p += w) { dec(s + p, n - p, &w); if (++i > m->lim) return 0; }
        return i == m->lim && row_all(c, m, s, n);
    }
    case M_BTREE: {
        uint64_t key = (uint64_t)m->id << 48 ^ (uint64_t)(s - c->base) << 24 ^ (uint64_t)n;
        int v;
        if (memo_get(c, key, &v)) return v;
        v = btree_match(c, m, s, n);
        if (!c->panic) memo_put(c, key, v);
        return v;
    }
    }
    return 0;
}

/* appendMerge: the sorted union of two sorted lists */
static void seg_merge(Segs *t, const Segs *sub)
{
    Segs o = {0};
    size_t x = 0, y = 0;
    while (x < t->n || y < sub->n) {
        if (x >= t->n) { seg_push(&o, sub->p[y++]); continue; }
        if (y >= sub->n) { seg_push(&o, t->p[x++]); continue; }
        if (t->p[x] == sub->p[y]) { seg_push(&o, t->p[x]); x++; y++; }
        else if (t->p[x] < sub->p[y]) seg_push(&o, t->p[x++]);
        else seg_push(&o, sub->p[y++]);
    }
    free(t->p);
    *t = o;
}

/* every rune start of s[0..n) plus off, then n + off */
static void seg_runes(Segs *out, const char *s, size_t n, size_t off, int withend)
{
    size_t w;
    for (size_t i = 0; i < n; i += w) { dec(s + i, n - i, &w); seg_push(out, off + i); }
    if (withend) seg_push(out, off + n);
}

/* Matcher.Index(s): the first position and the lengths matched there. */
static long mindex(Ctx *c, const M *m, const char *s, size_t n, Segs *out)
{
    size_t w;
    uint32_t r;
    if (c->panic) return -1;
    glob_steps++;
    switch (m->k) {
    case M_NOTHING: seg_push(out, 0); return 0;
    case M_SUPER: seg_runes(out, s, n, 0, 1); return 0;
    case M_ANY: {
        long f = index_any(s, n, m->rs, m->nrs);
        if (f == 0) { seg_push(out, 0); return 0; }
        if (f > 0) n = (size_t)f;
        seg_runes(out, s, n, 0, 1);
        return 0;
    }
    case M_SINGLE: case M_LIST: case M_RANGE:
        for (size_t i = 0; i < n; i += w) {
            r = dec(s + i, n - i, &w);
            int hit = m->k == M_SINGLE ? !rune_in(m->rs, m->nrs, r)
                    : m->k == M_LIST ? m->not == !rune_in(m->rs, m->nrs, r)
                    : m->not != (r >= m->lo && r <= m->hi);
            if (hit) { seg_push(out, runelen(r)); return (long)i; }
        }
        return -1;
    case M_TEXT: {
        long i = str_index(s, n, m->s, m->n);
        if (i != -1) seg_push(out, m->n);
        return i;
    }
    case M_ROW:
        for (size_t i = 0; i < n; i += w) {
            dec(s + i, n - i, &w);
            if ((long)(n - i) < m->lim) break;
            if (row_all(c, m, s + i, n - i)) { seg_push(out, (size_t)m->lim); return (long)i; }
            if (c->panic) return -1;
        }
        return -1;
    case M_ANYOF: {
        long index = -1;
        Segs sub = {0};
        for (int k = 0; k < m->nm && !c->panic; k++) {
            sub.n = 0;
            long idx = mindex(c, m->m[k], s, n, &sub);
            if (idx == -1) continue;
            if (index == -1 || idx < index) {
                index = idx;
                out->n = 0;
                for (size_t j = 0; j < sub.n; j++) seg_push(out, sub.p[j]);
                continue;
            }
            if (idx > index) continue;
            seg_merge(out, &sub);
        }
        free(sub.p);
        return index;
    }
    case M_EVERYOF: {
        size_t index = 0, offset = 0;
        Segs cur = {0}, seg = {0}, next = {0};
        long ret = -1;
        const char *sub = s; size_t subn = n;
        for (int k = 0; k < m->nm; k++) {
            seg.n = 0;
            long idx = mindex(c, m->m[k], sub, subn, &seg);
            if (idx == -1) goto every_out;
            if (k == 0) { for (size_t j = 0; j < seg.n; j++) seg_push(&cur, seg.p[j]); }
            else {
                next.n = 0;
                long delta = (long)index - (idx + (long)offset);
                for (size_t a = 0; a < cur.n; a++)
                    for (size_t b = 0; b < seg.n; b++)
                        if ((long)cur.p[a] + delta == (long)seg.p[b]) seg_push(&next, seg.p[b]);
                if (!next.n) goto every_out;
                cur.n = 0;
                for (size_t j = 0; j < next.n; j++) seg_push(&cur, next.p[j]);
            }
            index = (size_t)idx + offset;
            sub = s + index; subn = n - index;
            offset += (size_t)idx;
        }
        for (size_t j = 0; j < cur.n; j++) seg_push(out, cur.p[j]);
        ret = (long)index;
    every_out:
        free(cur.p); free(seg.p); free(next.p);
        return ret;
    }
    case M_MIN: {
        long count = 0;
        if ((long)n - m->lim + 1 <= 0) return -1;
        for (size_t i = 0; i < n; i += w) {
            r = dec(s + i, n - i, &w);
            if (++count >= m->lim) seg_push(out, i + runelen(r));
        }
        return out->n ? 0 : -1;
    }
    case M_MAX: {
        long count = 0;
        seg_push(out, 0);
        for (size_t i = 0; i < n; i += w) {
            r = dec(s + i, n - i, &w);
            if (++count > m->lim) break;
            seg_push(out, i + runelen(r));
        }
        return 0;
    }
    case M_CONTAINS: {
        size_t offset = 0;
        long idx = str_index(s, n, m->s, m->n);
        if (!m->not) {
            if (idx == -1) return -1;
            offset = (size_t)idx + m->n;
            if (n <= offset) { seg_push(out, offset); return 0; }
            s += offset; n -= offset;
        } else if (idx != -1) n = (size_t)idx;
        seg_runes(out, s, n, offset, 1);
        return 0;
    }
    case M_PREFIX: case M_PREFIXANY: {
        long idx = str_index(s, n, m->s, m->n);
        if (idx == -1) return -1;
        const char *sub = s + idx + m->n;
        size_t subn = n - (size_t)idx - m->n;
        if (m->k == M_PREFIXANY) {
            long i = index_any(sub, subn, m->rs, m->nrs);
            if (i > -1) subn = (size_t)i;
        }
        seg_push(out, m->n);
        for (size_t i = 0; i < subn; i += w) {
            r = dec(sub + i, subn - i, &w);
            seg_push(out, m->n + i + runelen(r));
        }
        return idx;
    }
    case M_SUFFIX: {
        long idx = str_index(s, n, m->s, m->n);
        if (idx == -1) return -1;
        seg_push(out, (size_t)idx + m->n);
        return 0;
    }
    case M_SUFFIXANY: {
        long idx = str_index(s, n, m->s, m->n);
        if (idx == -1) return -1;
        long i = -1;   /* LastIndexAnyRunes: separators are ASCII ('/') */
        for (int k = 0; k < m->nrs && i == -1; k++)
            for (long j = idx; j-- > 0;)
                if ((unsigned char)s[j] == m->rs[k]) { i = j; break; }
        i++;
        seg_push(out, (size_t)(idx + (long)m->n - i));
        return i;
    }
    case M_PREFIXSUFFIX: {
        long pi = str_index(s, n, m->s, m->n);
        if (pi == -1) return -1;
        if (m->n2 == 0) { seg_push(out, n - (size_t)pi); return pi; }
        if ((long)n - pi <= 0) return -1;
        const char *sub = s + pi;
        size_t subn = n - (size_t)pi;
        for (;;) {
            long si = str_lastindex(sub, subn, m->s2, m->n2);
            if (si == -1) break;
            seg_push(out, (size_t)si + m->n2);
            subn = (size_t)si;
        }
        if (!out->n) return -1;
        for (size_t a = 0, b = out->n - 1; a < b; a++, b--) { size_t t = out->p[a]; out->p[a] = out->p[b]; out->p[b] = t; }
        return pi;
    }
    case M_BTREE: return -1;
    }
    return -1;
}

int glob_match(Glob *g, const char *s, size_t n, const char **panic)
{
    Ctx *c = &ctx_g;
    c->base = s;
    c->panic = NULL;
    c->mn = 0;
    if (++c->gen == 0) { memset(c->memo, 0, c->mcap * sizeof *c->memo); c->gen = 1; }
    glob_steps = 0;
    int r = match(c, g->root, s, n);
    if (c->panic) { *panic = c->panic; return -1; }
    return r;
}
