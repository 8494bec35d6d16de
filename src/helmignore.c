/*
 * helmignore.c - .helmignore rules and Go's filepath.Match.
 * Mirrors helm v4.1.4 pkg/ignore/rules.go (including its inverted `!`
 * negation) and go src/path/filepath/match.go (Unix separator '/').
 */
#include <string.h>
#include "chart_priv.h"

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

/* One escaped-or-plain character inside [...]; -1 = bad pattern. */
static int pm_getesc(const char **p, const char *end, unsigned *r)
{
    if (*p >= end || **p == '-' || **p == ']') return -1;
    if (**p == '\\') {
        (*p)++;
        if (*p >= end) return -1;
    }
    int w = pm_rune(*p, end - *p, r);
    *p += w;
    return 0;
}

/* Match a character class starting after '['; *p advanced past ']'.
 * Returns 1/0 match, -1 bad pattern. */
static int pm_class(const char **p, const char *end, unsigned c)
{
    int negated = 0, match = 0, nrange = 0;
    if (*p < end && **p == '^') { negated = 1; (*p)++; }
    for (;;) {
        if (*p < end && **p == ']' && nrange > 0) { (*p)++; break; }
        unsigned lo, hi;
        if (pm_getesc(p, end, &lo) < 0) return -1;
        hi = lo;
        if (*p < end && **p == '-') {
            (*p)++;
            if (pm_getesc(p, end, &hi) < 0) return -1;
        }
        if (lo <= c && c <= hi) match = 1;
        nrange++;
    }
    return match != negated;
}

/* Validate the remainder of a pattern (Go reports ErrBadPattern even when
 * the name already failed to match). */
static int pm_valid(const char *p, const char *end)
{
    while (p < end) {
        if (*p == '\\') { if (++p >= end) return 0; p++; continue; }
        if (*p == '[') {
            p++;
            if (pm_class(&p, end, 0) < 0) return 0;
            continue;
        }
        p++;
    }
    return 1;
}

static int pm_match(const char *p, const char *pe, const char *s, const char *se)
{
    while (p < pe) {
        if (*p == '*') {
            while (p < pe && *p == '*') p++;
            if (p == pe) return memchr(s, '/', se - s) ? 0 : 1;
            for (const char *t = s; ; ) {
                int r = pm_match(p, pe, t, se);
                if (r != 0) return r;
                if (t >= se || *t == '/') break;
                unsigned c;
                t += pm_rune(t, se - t, &c);
            }
            return pm_valid(p, pe) ? 0 : -1;
        }
        if (s >= se) return pm_valid(p, pe) ? 0 : -1;
        unsigned c;
        int w = pm_rune(s, se - s, &c);
        if (*p == '?') {
            if (c == '/') return pm_valid(p + 1, pe) ? 0 : -1;
            p++; s += w; continue;
        }
        if (*p == '[') {
            p++;
            int m = pm_class(&p, pe, c);
            if (m < 0) return -1;
            if (!m) return pm_valid(p, pe) ? 0 : -1;
            s += w; continue;
        }
        if (*p == '\\') {
            p++;
            if (p >= pe) return -1;
        }
        unsigned pc;
        int pw = pm_rune(p, pe - p, &pc);
        if (pc != c) return pm_valid(p + pw, pe) ? 0 : -1;
        p += pw; s += w;
    }
    return s == se;
}

int go_path_match(const char *pat, const char *name)
{
    return pm_match(pat, pat + strlen(pat), name, name + strlen(name));
}

/* ---- rules -------------------------------------------------------------- */

enum { IG_ANCHORED, IG_PATH, IG_BASE };
typedef struct IgPattern { const char *rule; int kind, negate, mustdir; } IgPattern;
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
    if (r->n == r->cap) {
        int nc = r->cap ? r->cap * 2 : 8;
        r->p = cc_grow(r->p, r->cap * sizeof *r->p, nc * sizeof *r->p);
        r->cap = nc;
    }
    r->p[r->n++] = p;
    return NULL;
}

const char *ignore_parse(const char *s, size_t n, IgnoreRules **out)
{
    IgnoreRules *r = ignore_empty();
    *out = r;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { s += 3; n -= 3; }
    while (n > 0) {
        const char *nl = memchr(s, '\n', n);
        size_t len = nl ? (size_t)(nl - s) : n;
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

static int ig_one(const IgPattern *p, const char *path)
{
    const char *name = path;
    if (p->kind == IG_BASE) {
        /* filepath.Base: last element after trimming trailing slashes */
        const char *sl = strrchr(path, '/');
        if (sl) name = sl + 1;
    }
    return go_path_match(p->rule, name) == 1;
}

/* Rules.Ignore */
int ignore_match(const IgnoreRules *r, const char *path, int isdir)
{
    if (!r || !path[0] || !strcmp(path, ".") || !strcmp(path, "./")) return 0;
    for (int i = 0; i < r->n; i++) {
        const IgPattern *p = &r->p[i];
        if (p->negate) {
            if (p->mustdir && !isdir) return 1;
            if (!ig_one(p, path)) return 1;
            continue;
        }
        if (p->mustdir && !isdir) continue;
        if (ig_one(p, path)) return 1;
    }
    return 0;
}
