/*
 * fn_regex.c - sprig's regex functions (regexMatch, regexFind, ...) with
 * Go RE2 syntax and semantics on top of PCRE2.
 * Mirrors Masterminds/sprig v3.3.0 regex.go, Go src/regexp/regexp.go
 * (FindAll, Split, ReplaceAll, Expand, QuoteMeta) and
 * src/regexp/syntax/parse.go (what is accepted and the error texts).
 *
 * A Go pattern is parsed here the way regexp/syntax does (so invalid or
 * unsupported syntax fails with Go's message) and re-emitted as a PCRE2
 * pattern that means the same thing: \d \s \w spelt as ASCII classes,
 * named groups turned into plain groups (names are kept here), literals
 * escaped, assertions wrapped so they may be repeated. Both engines are
 * leftmost-first, so submatches agree.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"

/* ---- UTF-8 helpers ---------------------------------------------------- */

/* Decode one rune at s[0..n) (n > 0); invalid bytes give -1, width 1. */
static int32_t re_rune(const char *s, size_t n, size_t *w)
{
    const unsigned char *u = (const unsigned char *)s;
    int32_t c;
    size_t len;
    if (u[0] < 0x80) { *w = 1; return u[0]; }
    if (u[0] >= 0xc2 && u[0] <= 0xdf) { len = 2; c = u[0] & 0x1f; }
    else if (u[0] >= 0xe0 && u[0] <= 0xef) { len = 3; c = u[0] & 0x0f; }
    else if (u[0] >= 0xf0 && u[0] <= 0xf4) { len = 4; c = u[0] & 0x07; }
    else { *w = 1; return -1; }
    if (n < len) { *w = 1; return -1; }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80) { *w = 1; return -1; }
        c = (c << 6) | (u[i] & 0x3f);
    }
    if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (len == 4 && (c < 0x10000 || c > 0x10ffff))) {
        *w = 1;
        return -1;
    }
    *w = len;
    return c;
}

static int re_isalnum(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int re_unhex(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* ---- Go syntax -> PCRE2 ------------------------------------------------ */

typedef struct ReFrame {
    long maxprod;    /* largest nested {n,m} product among finished items */
    long lastprod;   /* product of the last item (the one a repeat applies to) */
    int has_operand; /* something a repeat can apply to */
    int capture;     /* group index, 0 if non-capturing */
} ReFrame;

typedef struct ReParse {
    const char *pat;
    size_t n;
    Buf out;
    ReFrame *fr;
    int depth, cap;
    int ncap;
    const char **names;   /* arena, index 1..ncap */
} ReParse;

static const char *re_err(const char *code, const char *s, size_t n)
{
    return cc_printf("error parsing regexp: %s: `%.*s`", code, (int)n, s);
}

#define ERR_ESCAPE "invalid escape sequence"
#define ERR_RANGE "invalid character class range"
#define ERR_PERL "invalid or unsupported Perl syntax"
#define ERR_NAMED "invalid named capture"
#define ERR_REPOP "invalid nested repetition operator"
#define ERR_REPSIZE "invalid repeat count"
#define ERR_MISSARG "missing argument to repetition operator"

static void re_emit_rune(Buf *b, int32_t c)
{
    if (c < 0x80 && re_isalnum(c)) buf_putc(b, (char)c);
    else buf_printf(b, "\\x{%x}", (unsigned)c);
}

static void re_push_frame(ReParse *p, int capture)
{
    if (p->depth == p->cap) {
        int nc = p->cap ? p->cap * 2 : 16;
        ReFrame *nf = cc_alloc(nc * sizeof *nf);
        if (p->depth) memcpy(nf, p->fr, p->depth * sizeof *nf);
        p->fr = nf;
        p->cap = nc;
    }
    ReFrame f = {1, 1, 0, capture};
    p->fr[p->depth++] = f;
}

/* A finished atom with nested repeat product `prod`. */
static void re_atom(ReParse *p, long prod)
{
    ReFrame *f = &p->fr[p->depth - 1];
    if (f->has_operand && f->lastprod > f->maxprod) f->maxprod = f->lastprod;
    f->lastprod = prod;
    f->has_operand = 1;
}

/* Go parseEscape: s[i] is the backslash. Sets *r and *end. */
static const char *re_escape(ReParse *p, size_t i, int32_t *r, size_t *end)
{
    const char *s = p->pat;
    size_t n = p->n, j = i + 1, w;
    if (j >= n) return re_err("trailing backslash at end of expression", "", 0);
    int32_t c = re_rune(s + j, n - j, &w);
    j += w;
    if (c >= 0 && c < 0x80 && !re_isalnum(c)) { *r = c; *end = j; return NULL; }
    switch (c) {
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (j >= n || s[j] < '0' || s[j] > '7') break;
        /* fallthrough */
    case '0': {
        int32_t v = c - '0';
        for (int k = 1; k < 3 && j < n && s[j] >= '0' && s[j] <= '7'; k++) v = v * 8 + (s[j++] - '0');
        *r = v; *end = j;
        return NULL;
    }
    case 'x': {
        if (j >= n) break;
        if (s[j] == '{') {
            j++;
            int32_t v = 0;
            int nhex = 0;
            for (;;) {
                if (j >= n) goto bad;
                int32_t d = re_rune(s + j, n - j, &w);
                j += w;
                if (d == '}') break;
                int h = re_unhex(d);
                if (h < 0) goto bad;
                v = v * 16 + h;
                if (v > 0x10ffff) goto bad;
                nhex++;
            }
            if (!nhex) goto bad;
            *r = v; *end = j;
            return NULL;
        }
        int x = re_unhex((unsigned char)s[j]);
        j += 1;
        int y = j < n ? re_unhex((unsigned char)s[j]) : -1;
        if (j < n) { re_rune(s + j, n - j, &w); j += w; }
        if (x < 0 || y < 0) break;
        *r = x * 16 + y; *end = j;
        return NULL;
    }
    case 'a': *r = '\a'; *end = j; return NULL;
    case 'f': *r = '\f'; *end = j; return NULL;
    case 'n': *r = '\n'; *end = j; return NULL;
    case 'r': *r = '\r'; *end = j; return NULL;
    case 't': *r = '\t'; *end = j; return NULL;
    case 'v': *r = '\v'; *end = j; return NULL;
    }
bad:
    return re_err(ERR_ESCAPE, s + i, j - i);
}

/* Perl class escapes \d \s \w (and negations) as PCRE2 class contents. */
static const char *re_perl_class(int c, int *neg)
{
    *neg = c == 'D' || c == 'S' || c == 'W';
    switch (c) {
    case 'd': case 'D': return "0-9";
    case 's': case 'S': return "\\t\\n\\f\\r ";
    case 'w': case 'W': return "0-9A-Za-z_";
    }
    return NULL;
}
/* Complements, for use inside a bracket class. */
static const char *re_perl_class_neg(int c)
{
    switch (c) {
    case 'D': return "\\x{0}-\\x{2f}\\x{3a}-\\x{10ffff}";
    case 'S': return "\\x{0}-\\x{8}\\x{b}\\x{e}-\\x{1f}\\x{21}-\\x{10ffff}";
    case 'W': return "\\x{0}-\\x{2f}\\x{3a}-\\x{40}\\x{5b}-\\x{5e}\\x{60}\\x{7b}-\\x{10ffff}";
    }
    return "";
}

/* Is \p{name} a Unicode class PCRE2 knows (Go's categories and scripts)? */
static int re_uclass_ok(const char *name, size_t n)
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(re_isalnum((unsigned char)name[i]) || name[i] == '_')) return 0;
    if (name[0] == 'X' && n == 3) return 0;   /* PCRE2-only Xan Xsp Xwd Xuc */
    char *pat = cc_printf("\\p{%.*s}", (int)n, name);
    int errc;
    PCRE2_SIZE erro;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &errc, &erro, NULL);
    if (!c) return 0;
    pcre2_code_free(c);
    return 1;
}

/* Go parseUnicodeClass at s[i] == '\\', s[i+1] in "pP": emits \p{..}/\P{..}
 * and sets *end; returns NULL or an error. */
static const char *re_uclass(ReParse *p, size_t i, size_t *end, Buf *b)
{
    const char *s = p->pat;
    size_t n = p->n, j = i + 2, w;
    int neg = s[i + 1] == 'P';
    const char *name;
    size_t nn;
    if (j >= n) return re_err(ERR_RANGE, s + i, j - i);
    if (s[j] != '{') {
        re_rune(s + j, n - j, &w);
        name = s + j;
        nn = w;
        j += w;
    } else {
        const char *close = memchr(s + j, '}', n - j);
        if (!close) return re_err(ERR_RANGE, s + i, n - i);
        name = s + j + 1;
        nn = close - name;
        j = close - s + 1;
    }
    const char *nm = name;
    size_t nl = nn;
    if (nl && nm[0] == '^') { neg = !neg; nm++; nl--; }
    if (!re_uclass_ok(nm, nl)) return re_err(ERR_RANGE, s + i, j - i);
    buf_printf(b, "\\%c{%.*s}", neg ? 'P' : 'p', (int)nl, nm);
    *end = j;
    return NULL;
}

static const char *const re_posix[] = {
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
    "lower", "print", "punct", "space", "upper", "word", "xdigit",
};

/* Go parseClass: s[i] == '['. */
static const char *re_class(ReParse *p, size_t i, size_t *end)
{
    const char *s = p->pat;
    size_t n = p->n, j = i + 1, w;
    Buf *b = &p->out;
    buf_putc(b, '[');
    if (j < n && s[j] == '^') { buf_putc(b, '^'); j++; }
    int first = 1;
    while (j >= n || s[j] != ']' || first) {
        first = 0;
        if (j + 2 < n && s[j] == '[' && s[j + 1] == ':') {
            const char *close = NULL;
            for (size_t k = j + 2; k + 1 < n; k++)
                if (s[k] == ':' && s[k + 1] == ']') { close = s + k; break; }
            if (close) {
                const char *nm = s + j + 2;
                size_t nl = close - nm;
                int neg = nl && nm[0] == '^';
                size_t k;
                for (k = 0; k < sizeof re_posix / sizeof re_posix[0]; k++)
                    if (strlen(re_posix[k]) == nl - neg && memcmp(re_posix[k], nm + neg, nl - neg) == 0) break;
                if (k == sizeof re_posix / sizeof re_posix[0])
                    return re_err(ERR_RANGE, s + j, close + 2 - (s + j));
                buf_printf(b, "[:%s%s:]", neg ? "^" : "", re_posix[k]);
                j = close + 2 - s;
                continue;
            }
        }
        if (j + 1 < n && s[j] == '\\' && (s[j + 1] == 'p' || s[j + 1] == 'P')) {
            const char *err = re_uclass(p, j, &j, b);
            if (err) return err;
            continue;
        }
        if (j + 1 < n && s[j] == '\\') {
            int neg;
            const char *pc = re_perl_class((unsigned char)s[j + 1], &neg);
            if (pc) {
                buf_puts(b, neg ? re_perl_class_neg((unsigned char)s[j + 1]) : pc);
                j += 2;
                continue;
            }
        }
        /* single character or range */
        size_t rng = j;
        int32_t lo, hi;
        for (int k = 0; k < 2; k++) {
            int32_t c;
            if (j >= n) return re_err("missing closing ]", s + i, n - i);
            if (s[j] == '\\') {
                const char *err = re_escape(p, j, &c, &j);
                if (err) return err;
            } else {
                c = re_rune(s + j, n - j, &w);
                j += w;
            }
            if (k == 0) {
                lo = hi = c;
                if (!(j + 1 < n && s[j] == '-' && s[j + 1] != ']')) break;
                j++;
            } else {
                hi = c;
                if (hi < lo) return re_err(ERR_RANGE, s + rng, j - rng);
            }
        }
        re_emit_rune(b, lo);
        if (hi != lo) { buf_putc(b, '-'); re_emit_rune(b, hi); }
    }
    buf_putc(b, ']');
    *end = j + 1;
    return NULL;
}

/* Go parseInt for repeat counts: -1 if too big, 0 on failure (no digits
 * or a leading zero), else 1. */
static int re_repeat_int(const char *s, size_t n, size_t *j, long *v)
{
    if (*j >= n || s[*j] < '0' || s[*j] > '9') return 0;
    if (*j + 1 < n && s[*j] == '0' && s[*j + 1] >= '0' && s[*j + 1] <= '9') return 0;
    long x = 0;
    while (*j < n && s[*j] >= '0' && s[*j] <= '9') {
        if (x >= 100000000) x = -1;
        else if (x >= 0) x = x * 10 + (s[*j] - '0');
        (*j)++;
    }
    *v = x;
    return 1;
}

/* Go parseRepeat at s[i] == '{': 1 and min/max/end if it is a repeat. */
static int re_parse_repeat(const char *s, size_t n, size_t i, long *min, long *max, size_t *end)
{
    size_t j = i + 1;
    if (!re_repeat_int(s, n, &j, min)) return 0;
    if (j >= n) return 0;
    if (s[j] == ',') {
        j++;
        if (j >= n) return 0;
        if (s[j] == '}') *max = -1;
        else if (!re_repeat_int(s, n, &j, max)) return 0;
        else if (*max < 0) *min = -1;   /* too big: reported as invalid */
    } else {
        *max = *min;
    }
    if (j >= n || s[j] != '}') return 0;
    *end = j + 1;
    return 1;
}

/* Translate Go pattern pat[0..n) into p->out. */
static const char *re_translate(ReParse *p)
{
    const char *s = p->pat;
    size_t n = p->n, i = 0, w;
    long last_repeat = -1;   /* start of the previous token if it was a repeat */
    for (size_t k = 0; k < n; k += w)
        if (re_rune(s + k, n - k, &w) < 0) return re_err("invalid UTF-8", s + k, n - k);
    re_push_frame(p, 0);
    while (i < n) {
        long repeat = -1;
        char c = s[i];
        switch (c) {
        case '(':
            if (i + 1 < n && s[i + 1] == '?') {
                size_t j = i + 2;
                if ((j + 1 < n && s[j] == 'P' && s[j + 1] == '<') || (j < n && s[j] == '<')) {
                    size_t st = s[j] == 'P' ? j + 2 : j + 1;
                    const char *gt = memchr(s + st, '>', n - st);
                    if (!gt) return re_err(ERR_NAMED, s + i, n - i);
                    size_t nl = gt - (s + st);
                    int ok = nl > 0;
                    for (size_t k = 0; k < nl; k++)
                        if (!(re_isalnum((unsigned char)s[st + k]) || s[st + k] == '_')) ok = 0;
                    if (!ok) return re_err(ERR_NAMED, s + i, gt + 1 - (s + i));
                    p->ncap++;
                    p->names = cc_grow(p->names, p->ncap * sizeof *p->names, (p->ncap + 1) * sizeof *p->names);
                    p->names[p->ncap] = cc_strndup(s + st, nl);
                    re_push_frame(p, p->ncap);
                    buf_putc(&p->out, '(');
                    i = gt + 1 - s;
                    break;
                }
                /* flags: (?imsU-imsU) or (?imsU-imsU:re) */
                int sign = 1, saw = 0;
                size_t fs = j;
                for (;;) {
                    if (j >= n) return re_err(ERR_PERL, s + i, n - i);
                    int32_t fc = re_rune(s + j, n - j, &w);
                    j += w;
                    if (fc == 'i' || fc == 'm' || fc == 's' || fc == 'U') { saw = 1; continue; }
                    if (fc == '-') {
                        if (sign < 0) return re_err(ERR_PERL, s + i, j - i);
                        sign = -1; saw = 0;
                        continue;
                    }
                    if (fc == ':' || fc == ')') {
                        if (sign < 0 && !saw) return re_err(ERR_PERL, s + i, j - i);
                        size_t fl = j - 1 - fs;
                        if (fc == ':') {
                            re_push_frame(p, 0);
                            buf_printf(&p->out, "(?%.*s:", (int)fl, s + fs);
                        } else if (fl) {
                            buf_printf(&p->out, "(?%.*s)", (int)fl, s + fs);
                        }
                        break;
                    }
                    return re_err(ERR_PERL, s + i, j - i);
                }
                i = j;
                break;
            }
            p->ncap++;
            p->names = cc_grow(p->names, p->ncap * sizeof *p->names, (p->ncap + 1) * sizeof *p->names);
            p->names[p->ncap] = "";
            re_push_frame(p, p->ncap);
            buf_putc(&p->out, '(');
            i++;
            break;
        case ')': {
            if (p->depth <= 1) return re_err("unexpected )", s, n);
            ReFrame *f = &p->fr[p->depth - 1];
            long prod = f->maxprod;
            if (f->has_operand && f->lastprod > prod) prod = f->lastprod;
            p->depth--;
            buf_putc(&p->out, ')');
            re_atom(p, prod);
            i++;
            break;
        }
        case '|':
            {
                ReFrame *f = &p->fr[p->depth - 1];
                if (f->has_operand && f->lastprod > f->maxprod) f->maxprod = f->lastprod;
                f->has_operand = 0;
                f->lastprod = 1;
            }
            buf_putc(&p->out, '|');
            i++;
            break;
        case '^': buf_puts(&p->out, "(?:^)"); re_atom(p, 1); i++; break;
        case '$': buf_puts(&p->out, "(?:$)"); re_atom(p, 1); i++; break;
        case '.': buf_putc(&p->out, '.'); re_atom(p, 1); i++; break;
        case '[': {
            const char *err = re_class(p, i, &i);
            if (err) return err;
            re_atom(p, 1);
            break;
        }
        case '*': case '+': case '?': case '{': {
            long min = 0, max = -1;
            size_t after;
            if (c == '{') {
                if (!re_parse_repeat(s, n, i, &min, &max, &after)) {
                    buf_puts(&p->out, "\\{");
                    re_atom(p, 1);
                    i++;
                    break;
                }
                if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max))
                    return re_err(ERR_REPSIZE, s + i, after - i);
            } else {
                after = i + 1;
                if (c == '+') min = 1;
                if (c == '?') max = 1;
            }
            size_t opend = after;
            if (after < n && s[after] == '?') after++;
            if (last_repeat >= 0) return re_err(ERR_REPOP, s + last_repeat, after - last_repeat);
            ReFrame *f = &p->fr[p->depth - 1];
            if (!f->has_operand) return re_err(ERR_MISSARG, s + i, after - i);
            if (c == '{') {
                long m = max >= 0 ? max : min;
                long prod = m == 0 ? 1 : m * f->lastprod;
                if ((min >= 2 || max >= 2) && m != 0 && (m > 1000 || prod > 1000))
                    return re_err(ERR_REPSIZE, s + i, opend - i);
                f->lastprod = prod;
                if (max < 0) buf_printf(&p->out, "{%ld,}", min);
                else if (max == min) buf_printf(&p->out, "{%ld}", min);
                else buf_printf(&p->out, "{%ld,%ld}", min, max);
            } else {
                buf_putc(&p->out, c);
            }
            if (after > opend) buf_putc(&p->out, '?');
            repeat = i;
            i = after;
            break;
        }
        case '\\': {
            if (i + 1 < n) {
                char e = s[i + 1];
                if (e == 'A' || e == 'z' || e == 'b' || e == 'B') {
                    buf_printf(&p->out, "(?:\\%c)", e);
                    re_atom(p, 1);
                    i += 2;
                    break;
                }
                if (e == 'Q') {
                    size_t j = i + 2, stop = n, resume = n;
                    for (size_t k = j; k + 1 < n; k++)
                        if (s[k] == '\\' && s[k + 1] == 'E') { stop = k; resume = k + 2; break; }
                    while (j < stop) {
                        int32_t r = re_rune(s + j, stop - j, &w);
                        if (r < 0x80) re_emit_rune(&p->out, r);
                        else buf_put(&p->out, s + j, w);
                        re_atom(p, 1);
                        j += w;
                    }
                    i = resume;
                    break;
                }
                if (e == 'p' || e == 'P') {
                    const char *err = re_uclass(p, i, &i, &p->out);
                    if (err) return err;
                    re_atom(p, 1);
                    break;
                }
                int neg;
                const char *pc = re_perl_class((unsigned char)e, &neg);
                if (pc) {
                    buf_printf(&p->out, "[%s%s]", neg ? "^" : "", pc);
                    re_atom(p, 1);
                    i += 2;
                    break;
                }
            }
            int32_t r;
            const char *err = re_escape(p, i, &r, &i);
            if (err) return err;
            re_emit_rune(&p->out, r);
            re_atom(p, 1);
            break;
        }
        default: {
            int32_t r = re_rune(s + i, n - i, &w);
            if (r < 0x80) re_emit_rune(&p->out, r);
            else buf_put(&p->out, s + i, w);
            re_atom(p, 1);
            i += w;
        }
        }
        last_repeat = repeat;
    }
    if (p->depth > 1) return re_err("missing closing )", s, n);
    return NULL;
}

/* ---- compiled regexes (cached by pattern text) ------------------------- */

typedef struct GoRe {
    char *src;             /* heap copy of the pattern (cache key) */
    size_t srclen;
    pcre2_code *code;
    pcre2_match_data *md;
    int ncap;
    char **names;          /* heap, [ncap + 1] */
    char *err;             /* heap: Go's error text, when the pattern is invalid */
    int limit;             /* the last search hit a PCRE2 resource limit */
} GoRe;

#define RE_CACHE 64
static GoRe re_cache[RE_CACHE];
static unsigned re_cache_next;

static void re_cache_clear(GoRe *g)
{
    free(g->src);
    if (g->code) pcre2_code_free(g->code);
    if (g->md) pcre2_match_data_free(g->md);
    if (g->names) for (int i = 0; i <= g->ncap; i++) free(g->names[i]);
    free(g->names);
    free(g->err);
    memset(g, 0, sizeof *g);
}

static char *re_heapdup(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (!d) cc_oom();
    memcpy(d, s, n + 1);
    return d;
}

/* regexp.Compile: the compiled regex, or one whose err is set. */
static GoRe *re_compile(const char *pat, size_t n)
{
    for (int k = 0; k < RE_CACHE; k++)
        if (re_cache[k].src && re_cache[k].srclen == n && memcmp(re_cache[k].src, pat, n) == 0)
            return &re_cache[k];
    GoRe *g = &re_cache[re_cache_next++ % RE_CACHE];
    re_cache_clear(g);
    g->src = malloc(n + 1);
    if (!g->src) cc_oom();
    memcpy(g->src, pat, n);
    g->src[n] = 0;
    g->srclen = n;

    ReParse p = {0};
    p.pat = pat;
    p.n = n;
    const char *err = re_translate(&p);
    if (!err) {
        int errc;
        PCRE2_SIZE erro;
        pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
        pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
        g->code = pcre2_compile((PCRE2_SPTR)buf_cstr(&p.out), p.out.len,
                                PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_CIRCUMFLEX, &errc, &erro, cc);
        pcre2_compile_context_free(cc);
        if (!g->code) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errc, msg, sizeof msg);
            err = cc_printf("error parsing regexp: %s: `%.*s`", (char *)msg, (int)n, pat);
        }
    }
    buf_free(&p.out);
    if (err) {
        g->err = re_heapdup(err);
        return g;
    }
    pcre2_jit_compile(g->code, PCRE2_JIT_COMPLETE);   /* when JIT is unavailable, the interpreter runs */
    g->md = pcre2_match_data_create_from_pattern(g->code, NULL);
    g->ncap = p.ncap;
    g->names = calloc(p.ncap + 1, sizeof *g->names);
    if (!g->names) cc_oom();
    g->names[0] = re_heapdup("");
    for (int k = 1; k <= p.ncap; k++) g->names[k] = re_heapdup(p.names[k]);
    return g;
}

#define RE_UNSET ((size_t)-1)

/* The subject of a search. Go decodes each invalid UTF-8 byte as U+FFFD
 * (width 1), which `.`, `[^a]` or `\x{FFFD}` match; PCRE2 never matches
 * invalid bytes, so such a subject is searched as a copy where each
 * invalid byte is U+FFFD, offsets mapped back (fwd: original -> copy,
 * back: copy -> original; both arena). */
typedef struct ReSubj {
    const char *s;
    size_t n;
    char *san;       /* NULL: s is valid UTF-8 and searched as it is */
    size_t sn;
    size_t *fwd, *back;
} ReSubj;

static void re_subj(ReSubj *u, const char *s, size_t n)
{
    memset(u, 0, sizeof *u);
    u->s = s;
    u->n = n;
    size_t bad = 0, w;
    for (size_t i = 0; i < n; i += w)
        if (re_rune(s + i, n - i, &w) < 0) bad++;
    if (!bad) return;
    u->sn = n + 2 * bad;
    u->san = cc_alloc(u->sn + 1);
    u->fwd = cc_alloc((n + 1) * sizeof *u->fwd);
    u->back = cc_alloc((u->sn + 1) * sizeof *u->back);
    size_t j = 0;
    for (size_t i = 0; i < n; i += w) {
        int32_t r = re_rune(s + i, n - i, &w);
        if (r < 0) {
            u->fwd[i] = j;
            for (int k = 0; k < 3; k++) u->back[j + k] = i;
            memcpy(u->san + j, "\xef\xbf\xbd", 3);
            j += 3;
        } else {
            for (size_t k = 0; k < w; k++) {
                u->fwd[i + k] = j + k;
                u->back[j + k] = i + k;
            }
            memcpy(u->san + j, s + i, w);
            j += w;
        }
    }
    u->fwd[n] = j;
    u->back[j] = n;
}

/* The match context: a JIT stack big enough for deep patterns. */
static pcre2_match_context *re_mctx(void)
{
    static pcre2_match_context *mc;
    if (!mc) {
        mc = pcre2_match_context_create(NULL);
        if (!mc) cc_oom();
        pcre2_jit_stack *js = pcre2_jit_stack_create(32 << 10, 64 << 20, NULL);
        if (js) pcre2_jit_stack_assign(mc, NULL, js);
    }
    return mc;
}

/* Leftmost-first match in the subject starting at pos (an offset of the
 * original string); fills ov[2*(ncap+1)] with original offsets. The
 * subject is valid UTF-8 (re_subj), so PCRE2 need not check it again on
 * every call (that check made find-all and replace-all quadratic). When
 * PCRE2 gives up (match, depth or heap limit, JIT stack), g->limit is set
 * and 0 returned: callers raise it, never reading it as "no match". */
static int re_exec(GoRe *g, const ReSubj *u, size_t pos, size_t *ov)
{
    int rc = u->san ? pcre2_match(g->code, (PCRE2_SPTR)u->san, u->sn, u->fwd[pos], PCRE2_NO_UTF_CHECK, g->md, re_mctx())
                    : pcre2_match(g->code, (PCRE2_SPTR)u->s, u->n, pos, PCRE2_NO_UTF_CHECK, g->md, re_mctx());
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) g->limit = 1;
    if (rc <= 0) return 0;
    PCRE2_SIZE *o = pcre2_get_ovector_pointer(g->md);
    uint32_t cnt = pcre2_get_ovector_count(g->md);
    for (int k = 0; k <= g->ncap; k++) {
        if ((uint32_t)k < cnt && k < rc && o[2 * k] != PCRE2_UNSET) {
            ov[2 * k] = u->san ? u->back[o[2 * k]] : o[2 * k];
            ov[2 * k + 1] = u->san ? u->back[o[2 * k + 1]] : o[2 * k + 1];
        } else {
            ov[2 * k] = ov[2 * k + 1] = RE_UNSET;
        }
    }
    return 1;
}

/* Width of the rune at s[pos] (0 at the end). */
static size_t re_width(const char *s, size_t n, size_t pos)
{
    size_t w = 0;
    if (pos < n) re_rune(s + pos, n - pos, &w);
    return w;
}

/* Go allMatches: calls deliver for up to `lim` matches (lim < 0: all). */
typedef void (*ReDeliver)(void *ctx, const size_t *ov);
static void re_all(GoRe *g, const char *s, size_t n, long lim, ReDeliver deliver, void *ctx)
{
    size_t *ov = cc_alloc(2 * (g->ncap + 1) * sizeof *ov);
    if (lim < 0) lim = (long)n + 1;
    size_t pos = 0, prev_end = RE_UNSET;
    long i = 0;
    ReSubj u;
    re_subj(&u, s, n);
    while (i < lim && pos <= n) {
        if (!re_exec(g, &u, pos, ov)) break;
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
            if (num <= g->ncap) grp = (int)num;
        } else {
            for (int k = 1; k <= g->ncap; k++)
                if (strlen(g->names[k]) == nl && memcmp(g->names[k], name, nl) == 0 && ov[2 * k] != RE_UNSET) {
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
    size_t *ov = cc_alloc(2 * (g->ncap + 1) * sizeof *ov);
    Buf b = {0};
    ReSubj u;
    re_subj(&u, s, n);
    while (pos <= n) {
        if (!re_exec(g, &u, pos, ov)) break;
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
            int32_t r = re_rune(pat.u.s + k, pat.n - k, &w);
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
    size_t *ov = cc_alloc(2 * (g->ncap + 1) * sizeof *ov);
    ReSubj u;
    re_subj(&u, s.u.s, s.n);
    if (!re_exec(g, &u, 0, ov)) return v_str("", 0);
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
    size_t *ov = cc_alloc(2 * (g->ncap + 1) * sizeof *ov);
    ReSubj u;
    re_subj(&u, s.u.s, s.n);
    return v_bool(re_exec(g, &u, 0, ov));
}

/* A search PCRE2 gave up on: Go's RE2 never gives up, so this must not
 * read as "no match". */
static Value re_done(Exec *x, GoRe *g, Value v)
{
    if (g->limit) {
        g->limit = 0;
        fn_error(x, "regexp: the match needs more backtracking than PCRE2 allows (Go's RE2 has no such limit): `%s`",
                 g->src);
    }
    return v;
}

/* regexMatch REGEX STRING: an invalid regex is simply false */
Value fn_regex_match(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_compile(argv[0].u.s, argv[0].n);
    if (g->err) return v_bool(0);
    return re_done(x, g, re_do_match(g, argv[1]));
}
Value fn_must_regex_match(Exec *x, int argc, Value *argv) { GoRe *g = re_checked(x, argv[0]);
    return re_done(x, g, re_do_match(g, argv[1])); }

Value fn_regex_find(Exec *x, int argc, Value *argv) { GoRe *g = re_must_compile(x, argv[0]);
    return re_done(x, g, re_do_find(g, argv[1])); }
Value fn_must_regex_find(Exec *x, int argc, Value *argv) { GoRe *g = re_checked(x, argv[0]);
    return re_done(x, g, re_do_find(g, argv[1])); }

Value fn_regex_find_all(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_must_compile(x, argv[0]);
    return re_done(x, g, re_do_find_all(g, argv[1], (long)argv[2].u.i));
}
Value fn_must_regex_find_all(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_checked(x, argv[0]);
    return re_done(x, g, re_do_find_all(g, argv[1], (long)argv[2].u.i));
}

Value fn_regex_replace_all(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_must_compile(x, argv[0]);
    return re_done(x, g, re_replace_all(g, argv[1], argv[2], 0));
}
Value fn_must_regex_replace_all(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_checked(x, argv[0]);
    return re_done(x, g, re_replace_all(g, argv[1], argv[2], 0));
}
Value fn_regex_replace_all_literal(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_must_compile(x, argv[0]);
    return re_done(x, g, re_replace_all(g, argv[1], argv[2], 1));
}
Value fn_must_regex_replace_all_literal(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_checked(x, argv[0]);
    return re_done(x, g, re_replace_all(g, argv[1], argv[2], 1));
}

Value fn_regex_split(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_must_compile(x, argv[0]);
    return re_done(x, g, re_split(g, argv[1], (long)argv[2].u.i));
}
Value fn_must_regex_split(Exec *x, int argc, Value *argv)
{
    GoRe *g = re_checked(x, argv[0]);
    return re_done(x, g, re_split(g, argv[1], (long)argv[2].u.i));
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
    size_t *ov = cc_alloc(2 * (g->ncap + 1) * sizeof *ov);
    ReSubj u;
    re_subj(&u, s, n);
    *match = re_exec(g, &u, 0, ov);
    if (sub) {
        *sub = v_list(NULL);
        if (*match) {
            *sub = v_newlist((size_t)g->ncap + 1);
            for (int k = 0; k <= g->ncap; k++)
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
