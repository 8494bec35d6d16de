/*
 * fn_regex.c - sprig's regex functions (regexMatch, regexFind, ...) with
 * Go's regexp syntax and semantics (src/regexp.c: a linear Pike VM).
 * Mirrors Masterminds/sprig v3.3.0 regex.go and Go src/regexp/regexp.go
 * (FindAll, Split, ReplaceAll, Expand, QuoteMeta).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/regexp.h"

#define RE_UNSET RX_UNSET

typedef struct GoRe { Rx *rx; const char *err; const char *src; size_t srclen; } GoRe;

/* regexp.Compile: err is set when the pattern is invalid. */
static GoRe *re_compile(const char *pat, size_t n)
{
    GoRe *g = cc_alloc(sizeof *g);
    g->rx = rx_compile(pat, n, &g->err);
    g->src = pat;
    g->srclen = n;
    return g;
}

/* One leftmost-first search from pos; ov gets nov offsets. */
static int re_exec(GoRe *g, const char *s, size_t n, size_t pos, size_t *ov, int nov)
{
    return rx_exec(g->rx, s, n, pos, ov, nov);
}

static int re_isalnum(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Width of the rune at s[pos] (0 at the end). */
static size_t re_width(const char *s, size_t n, size_t pos)
{
    size_t w = 0;
    if (pos < n) rx_rune(s + pos, n - pos, &w);
    return w;
}

/* Go allMatches: calls deliver for up to `lim` matches (lim < 0: all). */
typedef void (*ReDeliver)(void *ctx, const size_t *ov);
static void re_all(GoRe *g, const char *s, size_t n, long lim, ReDeliver deliver, void *ctx)
{
    size_t ov[2];
    if (lim < 0) lim = (long)n + 1;
    size_t pos = 0, prev_end = RE_UNSET;
    long i = 0;
    while (i < lim && pos <= n) {
        if (!re_exec(g, s, n, pos, ov, 2)) break;
        int accept = 1;
        if (ov[1] == pos) {
            if (ov[0] == prev_end) accept = 0;
            size_t w = re_width(s, n, pos);
            pos += w ? w : 1;
        } else {
            pos = ov[1];
        }
        prev_end = ov[1];
        if (accept) { deliver(ctx, ov); i++; }
    }
}

/* ---- Go's replacement template expansion ------------------------------ */

static int re_name_char(unsigned char c) { return re_isalnum(c) || c == '_' || c >= 0x80; }

/* Regexp.Expand of template t for match ov over src. */
static void re_expand(Buf *b, GoRe *g, const char *t, size_t tn, const char *src, const size_t *ov)
{
    size_t i = 0;
    while (i < tn) {
        const char *d = memchr(t + i, '$', tn - i);
        if (!d) break;
        buf_put(b, t + i, d - (t + i));
        i = d - t + 1;
        if (i < tn && t[i] == '$') { buf_putc(b, '$'); i++; continue; }
        /* extract name */
        size_t j = i;
        int brace = 0;
        if (j < tn && t[j] == '{') { brace = 1; j++; }
        size_t ns = j;
        while (j < tn && re_name_char((unsigned char)t[j])) j++;
        size_t nl = j - ns;
        if (nl == 0 || (brace && (j >= tn || t[j] != '}'))) { buf_putc(b, '$'); continue; }
        if (brace) j++;
        const char *name = t + ns;
        long num = 0;
        for (size_t k = 0; k < nl; k++) {
            if (name[k] < '0' || name[k] > '9' || num >= 100000000) { num = -1; break; }
            num = num * 10 + (name[k] - '0');
        }
        if (name[0] == '0' && nl > 1) num = -1;
        i = j;
        int grp = -1;
        if (num >= 0) {
            if (num <= rx_ncap(g->rx)) grp = (int)num;
        } else {
            for (int k = 1; k <= rx_ncap(g->rx); k++)
                if (strlen(rx_capname(g->rx, k)) == nl && memcmp(rx_capname(g->rx, k), name, nl) == 0 &&
                    ov[2 * k] != RE_UNSET) {
                    grp = k;
                    break;
                }
        }
        if (grp >= 0 && ov[2 * grp] != RE_UNSET) buf_put(b, src + ov[2 * grp], ov[2 * grp + 1] - ov[2 * grp]);
    }
    if (i < tn) buf_put(b, t + i, tn - i);
}

/* Regexp.ReplaceAllString / ReplaceAllLiteralString */
static Value re_replace_all(GoRe *g, Value src, Value repl, int literal)
{
    const char *s = src.u.s;
    size_t n = src.n, last = 0, pos = 0;
    /* Go ReplaceAllString: all groups only when the template has a '$' */
    int nov = !literal && memchr(repl.u.s, '$', repl.n) ? 2 * (rx_ncap(g->rx) + 1) : 2;
    size_t *ov = cc_alloc(nov * sizeof *ov);
    Buf b = {0};
    while (pos <= n) {
        if (!re_exec(g, s, n, pos, ov, nov)) break;
        buf_put(&b, s + last, ov[0] - last);
        if (ov[1] > last || ov[0] == 0) {
            if (literal) buf_put(&b, repl.u.s, repl.n);
            else re_expand(&b, g, repl.u.s, repl.n, s, ov);
        }
        last = ov[1];
        size_t w = re_width(s, n, pos);
        if (pos + w > ov[1]) pos += w;
        else if (pos + 1 > ov[1]) pos++;
        else pos = ov[1];
    }
    buf_put(&b, s + last, n - last);
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

/* ---- template functions (sprig regex.go) ------------------------------ */

static Value re_strlist(void) { Value v = v_newlist(0); v.g = GT_STRSLICE; return v; }
/* A nil []string (Go's FindAllString with no match, Split with n == 0):
 * prints [], toJson/toYaml give null. */
static Value re_nilstrlist(void) { Value v = v_list(NULL); v.g = GT_STRSLICE; return v; }

typedef struct { const char *s; List *l; } ReFindCtx;
static void re_collect(void *ctx, const size_t *ov)
{
    ReFindCtx *c = ctx;
    list_push(c->l, v_strdup(c->s + ov[0], ov[1] - ov[0]));
}

typedef struct { Buf pairs; } RePairs;
static void re_collect_pair(void *ctx, const size_t *ov)
{
    RePairs *c = ctx;
    buf_put(&c->pairs, ov, 2 * sizeof *ov);
}

/* Regexp.Split */
static Value re_split(GoRe *g, Value sv, long lim)
{
    if (lim == 0) return re_nilstrlist();
    Value out = re_strlist();
    const char *s = sv.u.s;
    size_t n = sv.n;
    if (g->srclen > 0 && n == 0) { list_push(out.u.l, v_str("", 0)); return out; }
    RePairs c = {{0}};
    re_all(g, s, n, lim, re_collect_pair, &c);
    const size_t *pairs = (const size_t *)c.pairs.p;
    size_t cnt = c.pairs.len / (2 * sizeof *pairs), beg = 0, end = 0;
    for (size_t k = 0; k < cnt; k++) {
        if (lim > 0 && (long)out.u.l->len == lim - 1) break;
        end = pairs[2 * k];
        if (pairs[2 * k + 1] != 0) list_push(out.u.l, v_strdup(s + beg, end - beg));
        beg = pairs[2 * k + 1];
    }
    buf_free(&c.pairs);
    if (end != n) list_push(out.u.l, v_strdup(s + beg, n - beg));
    return out;
}

/* Compile for a non-must function: a bad pattern is a panic in sprig
 * (regexp.MustCompile), which the template reports as
 * "regexp: Compile(`P`): <error>". */
static GoRe *re_must_compile(Exec *x, Value pat)
{
    GoRe *g = re_compile(pat.u.s, pat.n);
    if (g->err) {
        Buf q = {0};
        int backquote = 1;
        for (size_t k = 0, w; k < pat.n; k += w) {
            int32_t r = rx_rune(pat.u.s + k, pat.n - k, &w);
            if (r < 0 || r == '`' || r == 0xfeff || (r < ' ' && r != '\t') || r == 0x7f) backquote = 0;
        }
        if (backquote) buf_printf(&q, "`%.*s`", (int)pat.n, pat.u.s);
        else go_quote(&q, pat.u.s, pat.n, 0);
        const char *qs = buf_arena(&q);
        buf_free(&q);
        fn_error(x, "regexp: Compile(%s): %s", qs, g->err);
    }
    return g;
}

/* Compile for a must function: errors are returned as they are. */
static GoRe *re_checked(Exec *x, Value pat)
{
    GoRe *g = re_compile(pat.u.s, pat.n);
    if (g->err) fn_error(x, "%s", g->err);
    return g;
}

static Value re_do_find(GoRe *g, Value s)
{
    size_t ov[2];
    if (!re_exec(g, s.u.s, s.n, 0, ov, 2)) return v_str("", 0);
    return v_strdup(s.u.s + ov[0], ov[1] - ov[0]);
}

static Value re_do_find_all(GoRe *g, Value s, long lim)
{
    Value out = re_strlist();
    ReFindCtx c = {s.u.s, out.u.l};
    if (lim != 0) re_all(g, s.u.s, s.n, lim, re_collect, &c);
    return out.u.l->len ? out : re_nilstrlist();
}

static Value re_do_match(GoRe *g, Value s)
{
    return v_bool(re_exec(g, s.u.s, s.n, 0, NULL, 0));
}

/* regexMatch REGEX STRING: an invalid regex is simply false */
Value fn_regex_match(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_compile(argv[0].u.s, argv[0].n);
    if (g->err) return v_bool(0);
    return re_do_match(g, argv[1]);
}
Value fn_must_regex_match(Exec *x, int argc, Value *argv) { return re_do_match(re_checked(x, argv[0]), argv[1]); }

Value fn_regex_find(Exec *x, int argc, Value *argv) { return re_do_find(re_must_compile(x, argv[0]), argv[1]); }
Value fn_must_regex_find(Exec *x, int argc, Value *argv) { return re_do_find(re_checked(x, argv[0]), argv[1]); }

Value fn_regex_find_all(Exec *x, int argc, Value *argv)
{
    return re_do_find_all(re_must_compile(x, argv[0]), argv[1], (long)argv[2].u.i);
}
Value fn_must_regex_find_all(Exec *x, int argc, Value *argv)
{
    return re_do_find_all(re_checked(x, argv[0]), argv[1], (long)argv[2].u.i);
}

Value fn_regex_replace_all(Exec *x, int argc, Value *argv)
{
    return re_replace_all(re_must_compile(x, argv[0]), argv[1], argv[2], 0);
}
Value fn_must_regex_replace_all(Exec *x, int argc, Value *argv)
{
    return re_replace_all(re_checked(x, argv[0]), argv[1], argv[2], 0);
}
Value fn_regex_replace_all_literal(Exec *x, int argc, Value *argv)
{
    return re_replace_all(re_must_compile(x, argv[0]), argv[1], argv[2], 1);
}
Value fn_must_regex_replace_all_literal(Exec *x, int argc, Value *argv)
{
    return re_replace_all(re_checked(x, argv[0]), argv[1], argv[2], 1);
}

Value fn_regex_split(Exec *x, int argc, Value *argv)
{
    return re_split(re_must_compile(x, argv[0]), argv[1], (long)argv[2].u.i);
}
Value fn_must_regex_split(Exec *x, int argc, Value *argv)
{
    return re_split(re_checked(x, argv[0]), argv[1], (long)argv[2].u.i);
}

/* regexp.QuoteMeta */
Value fn_regex_quote_meta(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    for (size_t k = 0; k < argv[0].n; k++) {
        char c = argv[0].u.s[k];
        if (strchr("\\.+*?()|[]{}^$", c) && c) buf_putc(&b, '\\');
        buf_putc(&b, c);
    }
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

/* ---- for other modules (gostd.h) ---------------------------------------- */

const char *go_regexp_match(const char *pat, size_t pn, const char *s, size_t n, int *match, Value *sub)
{
    GoRe *g = re_compile(pat, pn);
    if (g->err) return cc_strdup(g->err);
    int ncap = rx_ncap(g->rx), nov = sub ? 2 * (ncap + 1) : 0;
    size_t *ov = cc_alloc((nov ? nov : 1) * sizeof *ov);
    *match = re_exec(g, s, n, 0, ov, nov);
    if (sub) {
        *sub = v_list(NULL);
        if (*match) {
            *sub = v_newlist((size_t)ncap + 1);
            for (int k = 0; k <= ncap; k++)
                list_push(sub->u.l, ov[2 * k] == RE_UNSET ? v_str("", 0)
                                                           : v_strdup(s + ov[2 * k], ov[2 * k + 1] - ov[2 * k]));
        }
    }
    return NULL;
}

char *go_regexp_quote_meta(const char *s, size_t n)
{
    Buf b = {0};
    for (size_t k = 0; k < n; k++) {
        if (s[k] && strchr("\\.+*?()|[]{}^$", s[k])) buf_putc(&b, '\\');
        buf_putc(&b, s[k]);
    }
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}
