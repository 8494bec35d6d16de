/*
 * helmignore.c - .helmignore rules and Go's filepath.Match.
 * Mirrors helm v4.1.4 pkg/ignore/rules.go (including its inverted `!`
 * negation) and go src/path/filepath/match.go (Unix separator '/').
 */
#define _GNU_SOURCE   /* memrchr */
#include <string.h>
#include "ignore_priv.h"
#include "chartc/value.h"

/* ---- filepath.Match ---------------------------------------------------- */

/* Decode one UTF-8 rune at s (n bytes left); invalid bytes decode as
 * U+FFFD of width 1, as Go does. */
static int pm_rune(const char *s, size_t n, unsigned *r)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) { *r = 0; return 0; }
    if (u[0] < 0x80) { *r = u[0]; return 1; }
    int len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
    if (len == 0 || (size_t)len > n) { *r = 0xFFFD; return 1; }
    unsigned v = u[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) { *r = 0xFFFD; return 1; }
        v = (v << 6) | (u[i] & 0x3F);
    }
    *r = v;
    return len;
}

/* getEsc: one escaped-or-plain rune of a class at *p; -1 = bad pattern
 * (also when nothing follows it: the class is not closed). */
static int pm_getesc(const char **p, const char *end, unsigned *r)
{
    if (*p >= end || **p == '-' || **p == ']') return -1;
    if (**p == '\\' && ++*p >= end) return -1;
    const unsigned char u = (unsigned char)**p;
    int w = pm_rune(*p, (size_t)(end - *p), r);
    if (*r == 0xFFFD && w == 1 && u >= 0x80) return -1;   /* invalid UTF-8 */
    *p += w;
    return *p >= end ? -1 : 0;
}

/* scanChunk: the stars before the next chunk (*star), the chunk [*cs,*ce)
 * up to the next star outside a class; returns the rest. */
static const char *pm_chunk(const char *p, const char *end, int *star, const char **cs, const char **ce)
{
    *star = 0;
    while (p < end && *p == '*') { p++; *star = 1; }
    int inrange = 0;
    const char *q = p;
    for (; q < end; q++) {
        if (*q == '\\') { if (q + 1 < end) q++; }
        else if (*q == '[') inrange = 1;
        else if (*q == ']') inrange = 0;
        else if (*q == '*' && !inrange) break;
    }
    *cs = p;
    *ce = q;
    return q;
}

/* matchChunk: the chunk (no stars) against the start of [s,se). Returns
 * 1 and sets *rest on a match, 0 on none, -1 for a bad pattern (checked
 * to the chunk's end even after the match failed, as Go does). */
static int pm_chunk_match(const char *c, const char *ce, const char *s, const char *se, const char **rest)
{
    int failed = 0;
    while (c < ce) {
        if (!failed && s >= se) failed = 1;
        if (*c == '[') {
            unsigned r = 0;
            if (!failed) s += pm_rune(s, (size_t)(se - s), &r);
            c++;
            int negated = 0, match = 0, nrange = 0;
            if (c < ce && *c == '^') { negated = 1; c++; }
            for (;;) {
                if (c < ce && *c == ']' && nrange > 0) { c++; break; }
                unsigned lo, hi;
                if (pm_getesc(&c, ce, &lo) < 0) return -1;
                hi = lo;
                if (*c == '-') {
                    c++;
                    if (pm_getesc(&c, ce, &hi) < 0) return -1;
                }
                if (lo <= r && r <= hi) match = 1;
                nrange++;
            }
            if (match == negated) failed = 1;
        } else if (*c == '?') {
            if (!failed) {
                unsigned r;
                if (*s == '/') failed = 1;
                s += pm_rune(s, (size_t)(se - s), &r);
            }
            c++;
        } else {
            if (*c == '\\' && ++c >= ce) return -1;
            if (!failed) {
                if (*c != *s) failed = 1;
                s++;
            }
            c++;
        }
    }
    if (failed) return 0;
    *rest = s;
    return 1;
}

/* filepath.Match: chunks between stars are matched at the leftmost place
 * they fit (each star may skip bytes but not '/'), so the work is at
 * most the pattern length times the name length - no backtracking.
 * Returns 1/0, -1 for a bad pattern. */
static int pm_match(const char *p, const char *pe, const char *s, const char *se)
{
    while (p < pe) {
        int star;
        const char *cs, *ce, *t = NULL;
        p = pm_chunk(p, pe, &star, &cs, &ce);
        if (star && cs == ce) return memchr(s, '/', (size_t)(se - s)) ? 0 : 1;
        int ok = pm_chunk_match(cs, ce, s, se, &t);
        if (ok == 1 && (t == se || p < pe)) { s = t; continue; }
        if (ok < 0) return -1;
        int found = 0;
        if (star) {
            for (const char *i = s; i < se && *i != '/'; i++) {
                ok = pm_chunk_match(cs, ce, i + 1, se, &t);
                if (ok == 1) {
                    if (p == pe && t != se) continue;   /* the last chunk must end the name */
                    s = t;
                    found = 1;
                    break;
                }
                if (ok < 0) return -1;
            }
        }
        if (found) continue;
        /* no match: the rest of the pattern must still be well formed */
        while (p < pe) {
            p = pm_chunk(p, pe, &star, &cs, &ce);
            if (pm_chunk_match(cs, ce, se, se, &t) < 0) return -1;
        }
        return 0;
    }
    return s == se;
}

int go_path_match(const char *pat, const char *name)
{
    return pm_match(pat, pat + strlen(pat), name, name + strlen(name));
}

/* ---- rules -------------------------------------------------------------- */

enum { IG_ANCHORED, IG_PATH, IG_BASE };
/* A rule, with what a matching name must begin and end with: the literal
 * text before its first and after its last meta character (a rule without
 * any is matched by plain comparison). Most names fail one of these
 * checks, and filepath.Match runs only for the rest; a rule that is just
 * prefix*suffix (most are: *.swp, *~) needs no filepath.Match at all. */
typedef struct IgPattern {
    const char *rule;
    size_t len, pre, suf;   /* rule length; literal prefix, suffix lengths */
    int kind, negate, mustdir, literal, simple;
} IgPattern;

static int ig_meta(char c) { return c == '*' || c == '?' || c == '[' || c == '\\'; }

/* Fill in the literal prefix and suffix of p->rule. A suffix counts only
 * after a star outside a class (what precedes it may then be anything):
 * after '?' or ']' the text is still literal, but scanning back to find
 * whether a ']' closes a class is not worth it. */
static void ig_literals(IgPattern *p)
{
    const char *r = p->rule;
    size_t n = strlen(r), i = 0;
    p->len = n;
    while (i < n && !ig_meta(r[i])) i++;
    p->pre = i;
    p->literal = i == n;
    p->suf = 0;
    if (p->literal) return;
    size_t j = n;
    while (j > 0 && !ig_meta(r[j - 1])) j--;
    /* r[j-1] is a meta character: a star not escaped and not in a class */
    if (j > 0 && r[j - 1] == '*' && !memchr(r, '[', j) && !memchr(r, '\\', j)) p->suf = n - j;
    p->simple = r[i] == '*' && i + 1 == j;
}
struct IgnoreRules { IgPattern *p; int n, cap; };

IgnoreRules *ignore_empty(void) { return cc_alloc(sizeof(IgnoreRules)); }

/* Rules.parseRule */
static const char *ig_rule(IgnoreRules *r, const char *line, size_t n)
{
    while (n && strchr(" \t\r\n\v\f", line[0])) { line++; n--; }
    while (n && strchr(" \t\r\n\v\f", line[n - 1])) n--;
    if (n == 0 || line[0] == '#') return NULL;
    char *rule = cc_strndup(line, n);
    if (strstr(rule, "**")) return "double-star (**) syntax is not supported";
    if (go_path_match(rule, "abc") < 0) return "syntax error in pattern";
    IgPattern p = {0};
    if (rule[0] == '!') { p.negate = 1; rule++; }
    size_t len = strlen(rule);
    if (len && rule[len - 1] == '/') { p.mustdir = 1; rule[--len] = 0; }
    if (rule[0] == '/') { p.kind = IG_ANCHORED; rule++; }
    else p.kind = strchr(rule, '/') ? IG_PATH : IG_BASE;
    p.rule = rule;
    ig_literals(&p);
    if (r->n == r->cap) {
        int nc = r->cap ? r->cap * 2 : 8;
        r->p = cc_grow(r->p, r->cap * sizeof *r->p, nc * sizeof *r->p);
        r->cap = nc;
    }
    r->p[r->n++] = p;
    return NULL;
}

/* Rules reads the file with a bufio.Scanner: a line (a '\r' before its
 * newline and the first line's BOM included) must fit in the scanner's
 * 64 KiB buffer, or the scan stops with its error. */
#define IG_MAX_LINE 65535

const char *ignore_parse(const char *s, size_t n, IgnoreRules **out)
{
    IgnoreRules *r = ignore_empty();
    *out = r;
    size_t bom = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    s += bom; n -= bom;
    while (n > 0) {
        const char *nl = memchr(s, '\n', n);
        size_t len = nl ? (size_t)(nl - s) : n;
        if (len + bom > IG_MAX_LINE) return "bufio.Scanner: token too long";
        bom = 0;
        const char *err = ig_rule(r, s, len);
        if (err) return err;
        if (!nl) break;
        s = nl + 1; n -= len + 1;
    }
    return NULL;
}

void ignore_add_defaults(IgnoreRules *r)
{
    ig_rule(r, "templates/.?*", 13);
}

/* filepath.Match of the whole rule, out of line: few names get this far */
static __attribute__((noinline)) int ig_full(const IgPattern *p, const char *name, size_t n)
{
    return pm_match(p->rule, p->rule + p->len, name, name + n) == 1;
}

/* Whether name[0..n) matches p (no negation, no directory test). Inlined
 * in the loop over the rules: most rules fail on a byte or two. */
static inline __attribute__((always_inline)) int ig_one(const IgPattern *p, const char *name, size_t n)
{
    const char *r = p->rule;
    if (p->literal) return n == p->len && (n == 0 || (name[0] == r[0] && memcmp(r, name, n) == 0));
    if (n < p->pre + p->suf) return 0;
    if (p->pre && (name[0] != r[0] || memcmp(r, name, p->pre) != 0)) return 0;
    if (p->suf && (name[n - 1] != r[p->len - 1] || memcmp(r + p->len - p->suf, name + n - p->suf, p->suf) != 0))
        return 0;
    /* the star matches what lies between unless that holds a '/' */
    if (p->simple) return !memchr(name + p->pre, '/', n - p->pre - p->suf);
    return ig_full(p, name, n);
}

/* Rules.Ignore of the chart-relative path[0..plen) */
int ignore_match_n(const IgnoreRules *r, const char *path, size_t plen, int isdir)
{
    if (!r || !plen || (path[0] == '.' && (plen == 1 || (plen == 2 && path[1] == '/')))) return 0;
    /* filepath.Base: the walk's paths never end in '/' */
    const char *sl = memrchr(path, '/', plen);
    const char *base = sl ? sl + 1 : path;
    size_t blen = plen - (size_t)(base - path);
    for (int i = 0; i < r->n; i++) {
        const IgPattern *p = &r->p[i];
        if (p->mustdir && !isdir) {
            if (p->negate) return 1;
            continue;
        }
        int m = p->kind == IG_BASE ? ig_one(p, base, blen) : ig_one(p, path, plen);
        if (m != p->negate) return 1;
    }
    return 0;
}

int ignore_match(const IgnoreRules *r, const char *path, int isdir)
{
    return ignore_match_n(r, path, strlen(path), isdir);
}
