/*
 * yaml_load.c - YAML in: what sigs.k8s.io/yaml.Unmarshal(data, &interface{})
 * gives. Mirrors kubernetes-sigs/yaml yaml.go (yamlToJSONTarget,
 * convertToJSONableObject) over its goyaml.v2 copy (decode.go parser/decoder,
 * resolve.go), then the encoding/json round trip (numbers -> float64).
 *
 * Two passes, like go-yaml: libyaml events build a node tree for the first
 * document (anchors resolved to nodes), then the tree is decoded into Values.
 * The plain block YAML of most texts is read into the same tree by
 * yaml_fast.c at a fraction of libyaml's cost; libyaml reads the rest.
 * Aliases are decoded afresh each time (Go gets independent copies through
 * JSON), with go-yaml v2.4's excessive-aliasing guard.
 */
#include "chartc/gostd.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "yaml_priv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define TAG_PFX "tag:yaml.org,2002:"
#define ERR_PFX "error converting YAML to JSON: "

/* ---- Go strconv.FormatFloat(f, 'g', -1, bits) ----------------------- */

/* shortest decimal digits of f (as float32 when bits == 32): fills dig,
 * returns the digit count, sets *exp (scientific exponent) and *neg */
static int shortest_digits(double f, int bits, char *dig, int *exp, int *neg)
{
    char tmp[64];
    go_shortest_e(tmp, sizeof tmp, f, bits);
    int nd = 0;
    const char *s = tmp;
    *neg = 0;
    if (*s == '-') { *neg = 1; s++; }
    for (; *s && *s != 'e'; s++) if (isdigit((unsigned char)*s)) dig[nd++] = *s;
    *exp = atoi(s + 1);
    while (nd > 1 && dig[nd - 1] == '0') nd--;
    return nd;
}

/* fixed notation of nd digits with point after dp digits */
static void put_fixed(Buf *b, const char *dig, int nd, int dp)
{
    if (dp <= 0) {
        buf_puts(b, "0.");
        for (int i = 0; i < -dp; i++) buf_putc(b, '0');
        buf_put(b, dig, (size_t)nd);
    } else {
        for (int i = 0; i < dp; i++) buf_putc(b, i < nd ? dig[i] : '0');
        if (nd > dp) { buf_putc(b, '.'); buf_put(b, dig + dp, (size_t)(nd - dp)); }
    }
}

void yaml_fmt_g(Buf *b, double f, int bits)
{
    if (isnan(f)) { buf_puts(b, "NaN"); return; }
    if (isinf(f)) { buf_puts(b, f > 0 ? "+Inf" : "-Inf"); return; }
    if (bits == 32) f = (float)f;
    if (f == 0) { buf_puts(b, signbit(f) ? "-0" : "0"); return; }
    char dig[40];
    int exp, neg;
    int nd = shortest_digits(f, bits, dig, &exp, &neg);
    if (neg) buf_putc(b, '-');
    if (exp < -4 || exp >= 6) {
        buf_putc(b, dig[0]);
        if (nd > 1) { buf_putc(b, '.'); buf_put(b, dig + 1, (size_t)nd - 1); }
        buf_printf(b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        return;
    }
    put_fixed(b, dig, nd, exp + 1);
}

void yaml_fmt_f(Buf *b, double f)
{
    if (f == 0) { buf_puts(b, signbit(f) ? "-0" : "0"); return; }
    char dig[40];
    int exp, neg;
    int nd = shortest_digits(f, 64, dig, &exp, &neg);
    if (neg) buf_putc(b, '-');
    put_fixed(b, dig, nd, exp + 1);
}

/* ---- resolve.go ----------------------------------------------------- */

typedef struct YWord { const char *s; unsigned char n; int kind, b; } YWord;
static const YWord yres_words[] = {
    {"y", 1, YR_BOOL, 1}, {"Y", 1, YR_BOOL, 1}, {"yes", 3, YR_BOOL, 1}, {"Yes", 3, YR_BOOL, 1},
    {"YES", 3, YR_BOOL, 1}, {"true", 4, YR_BOOL, 1}, {"True", 4, YR_BOOL, 1}, {"TRUE", 4, YR_BOOL, 1},
    {"on", 2, YR_BOOL, 1}, {"On", 2, YR_BOOL, 1}, {"ON", 2, YR_BOOL, 1},
    {"n", 1, YR_BOOL, 0}, {"N", 1, YR_BOOL, 0}, {"no", 2, YR_BOOL, 0}, {"No", 2, YR_BOOL, 0},
    {"NO", 2, YR_BOOL, 0}, {"false", 5, YR_BOOL, 0}, {"False", 5, YR_BOOL, 0}, {"FALSE", 5, YR_BOOL, 0},
    {"off", 3, YR_BOOL, 0}, {"Off", 3, YR_BOOL, 0}, {"OFF", 3, YR_BOOL, 0},
    {"", 0, YR_NULL, 0}, {"~", 1, YR_NULL, 0}, {"null", 4, YR_NULL, 0}, {"Null", 4, YR_NULL, 0},
    {"NULL", 4, YR_NULL, 0},
    {".nan", 4, YR_FLOAT, 0}, {".NaN", 4, YR_FLOAT, 0}, {".NAN", 4, YR_FLOAT, 0},
    {".inf", 4, YR_FLOAT, 1}, {".Inf", 4, YR_FLOAT, 1}, {".INF", 4, YR_FLOAT, 1},
    {"+.inf", 5, YR_FLOAT, 1}, {"+.Inf", 5, YR_FLOAT, 1}, {"+.INF", 5, YR_FLOAT, 1},
    {"-.inf", 5, YR_FLOAT, -1}, {"-.Inf", 5, YR_FLOAT, -1}, {"-.INF", 5, YR_FLOAT, -1},
};

/* The tag names resolve() knows (short names for messages). */
static const char *const yres_tagname[] = {
    [YR_STR] = "!!str", [YR_NULL] = "!!null", [YR_BOOL] = "!!bool", [YR_INT] = "!!int",
    [YR_UINT] = "!!int", [YR_FLOAT] = "!!float",
    [YR_TIME] = "!!timestamp", [YR_BINARY] = "!!binary",
};

static int digval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Go strconv.ParseUint(s, base, 64) on an unsigned digit string with the
 * base prefix already removed. Returns 0 ok, 1 syntax error, 2 range error;
 * *approx gets the value as a double even on overflow. */
static int parse_digits(const char *s, size_t n, int base, uint64_t *out, double *approx)
{
    if (n == 0) return 1;
    uint64_t v = 0;
    double d = 0;
    int range = 0;
    for (size_t i = 0; i < n; i++) {
        int c = digval((unsigned char)s[i]);
        if (c >= base) return 1;
        d = d * base + c;
        if (v > (UINT64_MAX - (uint64_t)c) / (uint64_t)base) range = 1;
        else v = v * (uint64_t)base + (uint64_t)c;
    }
    *out = v;
    *approx = d;
    return range ? 2 : 0;
}

/* Go strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) combined:
 * returns 0 with kind YR_INT/YR_UINT set, 1 syntax error, 2 range error. */
static int parse_go_int(const char *s, size_t n, YScalar *o)
{
    int neg = 0;
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; i++; }
    int base = 10;
    if (n - i >= 2 && s[i] == '0') {
        char c = (char)(s[i + 1] | 32);
        if (c == 'x') { base = 16; i += 2; }
        else if (c == 'o') { base = 8; i += 2; }
        else if (c == 'b') { base = 2; i += 2; }
        else { base = 8; i += 1; }
    }
    uint64_t u;
    double d;
    int r = parse_digits(s + i, n - i, base, &u, &d);
    if (r == 1) return 1;
    o->f = neg ? -d : d;
    if (r == 2) return 2;
    if (neg) {
        if (u > (uint64_t)INT64_MAX + 1) return 2;
        o->kind = YR_INT; o->i = (int64_t)(0 - u);
        return 0;
    }
    if (u <= (uint64_t)INT64_MAX) { o->kind = YR_INT; o->i = (int64_t)u; return 0; }
    if (s[0] == '+') return 2;    /* ParseUint rejects a sign */
    o->kind = YR_UINT; o->u = u;
    return 0;
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static int yaml_style_float(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (i < n && s[i] == '.') {
        i++;
        size_t k = i;
        while (i < n && isdigit((unsigned char)s[i])) i++;
        if (i == k) return 0;
    } else {
        size_t k = i;
        while (i < n && isdigit((unsigned char)s[i])) i++;
        if (i == k) return 0;
        if (i < n && s[i] == '.') { i++; while (i < n && isdigit((unsigned char)s[i])) i++; }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t k = i;
        while (i < n && isdigit((unsigned char)s[i])) i++;
        if (i == k) return 0;
    }
    return i == n;
}

/* Clinger's fast path: [+-]digits[.digits][e[+-]digits] with at most 15
 * significant digits and a power of ten up to 22 is one exact integer
 * times or divided by one exact power of ten, correctly rounded by the
 * one IEEE operation. 0 when the text is not of that kind. */
static int fast_float(const char *s, size_t n, double *out)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    int neg = 0, nd = 0, e = 0;
    uint64_t m = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    int dot = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && !dot) { dot = 1; continue; }
        if (c < '0' || c > '9') break;
        if (m == 0 && c == '0') { if (dot) e--; continue; }   /* leading zeros */
        if (++nd > 15) return 0;
        m = m * 10 + (uint64_t)(c - '0');
        if (dot) e--;
    }
    if (i < n) {
        if (s[i] != 'e' && s[i] != 'E') return 0;
        i++;
        int eneg = 0, ev = 0;
        if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        if (i == n) return 0;
        for (; i < n; i++) {
            if (s[i] < '0' || s[i] > '9' || ev > 1000) return 0;
            ev = ev * 10 + (s[i] - '0');
        }
        e += eneg ? -ev : ev;
    }
    double d = (double)m;
    if (m == 0) d = 0;
    else if (e < -22 || e > 22) return 0;
    else d = e < 0 ? d / p10[-e] : d * p10[e];
    *out = neg ? -d : d;
    return 1;
}

/* Go strconv.ParseFloat for the forms reaching it; 0 on error (overflow). */
static int parse_float(const char *s, size_t n, double *out)
{
    if (fast_float(s, n, out)) return 1;
    char tmp[128];
    char *buf = n < sizeof tmp ? tmp : malloc(n + 1);
    if (!buf) cc_oom();
    memcpy(buf, s, n); buf[n] = 0;
    errno = 0;
    double d = strtod(buf, NULL);
    int ok = !(isinf(d) && errno == ERANGE);
    if (buf != tmp) free(buf);
    *out = d;
    return ok;
}

/* n decimal digits at s[*i] (1 or 2 when fixed==0, as Go's getnum) */
static int ts_num(const char *s, size_t n, size_t *i, int fixed, int *v)
{
    if (*i >= n || !isdigit((unsigned char)s[*i])) return 0;
    int x = s[(*i)++] - '0';
    if (*i < n && isdigit((unsigned char)s[*i])) x = x * 10 + (s[(*i)++] - '0');
    else if (fixed) return 0;
    *v = x;
    return 1;
}

/* parseTimestamp: Go time.Parse with go-yaml's four layouts. */
static int is_timestamp(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && isdigit((unsigned char)s[i])) i++;
    if (i != 4 || i == n || s[i] != '-') return 0;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int mon, day, h, m, sec;
    i++;
    if (!ts_num(s, n, &i, 0, &mon) || i >= n || s[i++] != '-' || !ts_num(s, n, &i, 0, &day)) return 0;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mon < 1 || mon > 12) return 0;
    int dim = mdays[mon - 1] + (mon == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
    if (day < 1 || day > dim) return 0;
    if (i == n) return 1;
    char sep = s[i++];
    if (sep != 'T' && sep != 't' && sep != ' ') return 0;
    if (!ts_num(s, n, &i, 0, &h) || i >= n || s[i++] != ':' || !ts_num(s, n, &i, 0, &m) ||
        i >= n || s[i++] != ':' || !ts_num(s, n, &i, 0, &sec))
        return 0;
    if (h > 23 || m > 59 || sec > 59) return 0;
    if (i + 1 < n && (s[i] == '.' || s[i] == ',') && isdigit((unsigned char)s[i + 1])) {
        i++;
        while (i < n && isdigit((unsigned char)s[i])) i++;
    }
    if (sep == ' ') return i == n;
    if (i < n && s[i] == 'Z') return i + 1 == n;
    if (n - i != 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':') return 0;
    for (size_t k = i + 1; k < n; k++) if (k != i + 3 && !isdigit((unsigned char)s[k])) return 0;
    return 1;
}

/* go-yaml v3's resolveMap: YAML 1.2 core words only (no y/n/yes/on...). */
static const YWord yres_words_v3[] = {
    {"true", 4, YR_BOOL, 1}, {"True", 4, YR_BOOL, 1}, {"TRUE", 4, YR_BOOL, 1},
    {"false", 5, YR_BOOL, 0}, {"False", 5, YR_BOOL, 0}, {"FALSE", 5, YR_BOOL, 0},
    {"", 0, YR_NULL, 0}, {"~", 1, YR_NULL, 0}, {"null", 4, YR_NULL, 0}, {"Null", 4, YR_NULL, 0},
    {"NULL", 4, YR_NULL, 0},
    {".nan", 4, YR_FLOAT, 0}, {".NaN", 4, YR_FLOAT, 0}, {".NAN", 4, YR_FLOAT, 0},
    {".inf", 4, YR_FLOAT, 1}, {".Inf", 4, YR_FLOAT, 1}, {".INF", 4, YR_FLOAT, 1},
    {"+.inf", 5, YR_FLOAT, 1}, {"+.Inf", 5, YR_FLOAT, 1}, {"+.INF", 5, YR_FLOAT, 1},
    {"-.inf", 5, YR_FLOAT, -1}, {"-.Inf", 5, YR_FLOAT, -1}, {"-.INF", 5, YR_FLOAT, -1},
};

/* resolve.go's hint of a non-empty plain scalar from its first byte:
 * 0 when it can only be a string. */
static int yres_hint(unsigned char c0)
{
    switch (c0) {
    case '+': case '-': return 'S';
    case 'y': case 'Y': case 'n': case 'N': case 't': case 'T': case 'f': case 'F':
    case 'o': case 'O': case '~': return 'M';
    case '.': return '.';
    default: return c0 >= '0' && c0 <= '9' ? 'D' : 0;
    }
}

/* resolve() for an untagged-or-resolvable scalar, ignoring the tag check;
 * v3 selects go-yaml v3's word table (its numeric rules are v2's). */
static void resolve_plain(const char *tag, const char *s, size_t n, YScalar *o, int v3)
{
    o->kind = YR_STR;
    int hint = n ? yres_hint((unsigned char)s[0]) : 'N';
    if (!hint || (*tag && strcmp(tag, TAG_PFX "str") == 0)) return;
    const YWord *words = v3 ? yres_words_v3 : yres_words;
    size_t nw = v3 ? sizeof yres_words_v3 / sizeof yres_words_v3[0] : sizeof yres_words / sizeof yres_words[0];
    for (size_t k = 0; hint != 'D' && n <= 5 && k < nw; k++) {
        if (words[k].n == n && (!n || words[k].s[0] == s[0]) && memcmp(words[k].s, s, n) == 0) {
            o->kind = words[k].kind;
            o->b = words[k].b;
            if (o->kind == YR_FLOAT) o->f = o->b ? o->b * INFINITY : NAN;
            return;
        }
    }
    if (hint == '.') {
        double d;
        if (yaml_style_float(s, n) && parse_float(s, n, &d)) { o->kind = YR_FLOAT; o->f = d; }
        return;
    }
    if (hint != 'D' && hint != 'S') return;
    if ((!*tag || strcmp(tag, TAG_PFX "timestamp") == 0) && is_timestamp(s, n)) {
        o->kind = YR_TIME;
        return;
    }
    /* delete every '_' */
    char tmp[128];
    char *p = n < sizeof tmp ? tmp : malloc(n + 1);
    if (!p) cc_oom();
    size_t m = 0;
    for (size_t k = 0; k < n; k++) if (s[k] != '_') p[m++] = s[k];
    p[m] = 0;
    int r = parse_go_int(p, m, o);
    if (r != 0) {
        double d;
        if (yaml_style_float(p, m) && parse_float(p, m, &d)) {
            o->kind = YR_FLOAT; o->f = d;
        } else if (m > 2 && p[0] == '0' && p[1] == 'b') {
            /* ParseInt(plain[2:], 2): may carry its own sign */
            uint64_t u; double a;
            size_t k = 2; int neg = 0;
            if (p[k] == '+' || p[k] == '-') { neg = p[k] == '-'; k++; }
            if (parse_digits(p + k, m - k, 2, &u, &a) == 0) {
                if (!neg && u > (uint64_t)INT64_MAX) { o->kind = YR_UINT; o->u = u; }
                else if (u <= (uint64_t)INT64_MAX + neg) { o->kind = YR_INT; o->i = neg ? (int64_t)(0 - u) : (int64_t)u; }
            }
        } else if (m > 3 && p[0] == '-' && p[1] == '0' && p[2] == 'b') {
            uint64_t u; double a;
            if (parse_digits(p + 3, m - 3, 2, &u, &a) == 0 && u <= (uint64_t)INT64_MAX + 1) {
                o->kind = YR_INT; o->i = (int64_t)(0 - u);
            }
        }
        /* anything else, integers beyond 64 bits included, stays a string:
         * go-yaml v2 has no big integers (an unquoted 40-hex-digit value or
         * a 320-digit decimal is a string in Helm) */
    }
    if (p != tmp) free(p);
}

static void resolve_tagged(const char *tag, const char *s, size_t n, YScalar *o, int v3)
{
    memset(o, 0, sizeof *o);
    static const char *const resolvable[] = {"", "str", "bool", "int", "float", "null", "timestamp"};
    int ok = !*tag;
    for (size_t k = 1; !ok && k < sizeof resolvable / sizeof resolvable[0]; k++)
        ok = strncmp(tag, TAG_PFX, sizeof TAG_PFX - 1) == 0 && strcmp(tag + sizeof TAG_PFX - 1, resolvable[k]) == 0;
    if (!ok) {
        o->kind = strcmp(tag, TAG_PFX "binary") == 0 ? YR_BINARY : YR_STR;
        return;
    }
    resolve_plain(tag, s, n, o, v3);
    if (!*tag) return;
    const char *want = tag + sizeof TAG_PFX - 1;
    const char *got = yres_tagname[o->kind] + 2;
    if (strcmp(want, got) == 0 || strcmp(want, "str") == 0) return;
    if (strcmp(want, "float") == 0 && o->kind == YR_INT) { o->kind = YR_FLOAT; o->f = (double)o->i; return; }
    o->err = cc_printf("cannot decode %s `%.*s` as a !!%s", yres_tagname[o->kind], (int)n, s, want);
    o->kind = YR_ERR;
}

void yaml_resolve(const char *tag, const char *s, size_t n, YScalar *o) { resolve_tagged(tag, s, n, o, 0); }

/* isBase60Float: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
int yaml_is_base60(const char *s, size_t n)
{
    size_t i = 0;
    if (!n || !memchr(s, ':', n)) return 0;
    if (s[i] == '+' || s[i] == '-') i++;
    if (i >= n || !isdigit((unsigned char)s[i])) return 0;
    while (i < n && (isdigit((unsigned char)s[i]) || s[i] == '_')) i++;
    int groups = 0;
    while (i < n && s[i] == ':') {
        i++;
        size_t k = i;
        while (i < n && isdigit((unsigned char)s[i]) && i - k < 2) i++;
        if (i == k) return 0;
        if (i - k == 2 && s[k] > '5') return 0;
        groups++;
    }
    if (!groups) return 0;
    if (i < n && s[i] == '.') { i++; while (i < n && (isdigit((unsigned char)s[i]) || s[i] == '_')) i++; }
    return i == n;
}

/* ---- pass 1: libyaml events -> node tree (decode.go parser) --------- */

typedef struct YLoad {
    yaml_parser_t p;
    jmp_buf jb;
    const char *err;
    /* anchors of the current document: name -> node index in `nodes` */
    Map *anchors;
    YNode **nodes;
    size_t nnodes, capnodes;
    /* decoder state */
    long decode_count, alias_count;
    int alias_depth;
    int typed;            /* keep integers as VT_INT (yaml_load_typed) */
    const char *key_err, *depth_err;
    int bad_float;        /* a NaN or an infinity was decoded: JSON cannot hold it */
    int v3;               /* go-yaml v3 decoding (yaml_load_v3) */
    Buf terrs;            /* v3 "unmarshal errors" lines */
    int utf8_ok;          /* the tree's text is valid UTF-8 (the fast reader's) */
    int bad_escape;       /* the parse failed on an escape libyaml lacks */
    size_t bad_escape_at; /* its character index */
} YLoad;

static _Noreturn void yl_fail(YLoad *L, const char *msg)
{
    L->err = msg;
    longjmp(L->jb, 1);
}

/* go-yaml's parser.fail(): libyaml problem with go-yaml's line convention */
static _Noreturn void yl_parse_fail(YLoad *L)
{
    long line = 0;
    if (L->v3 && L->p.context_mark.line != 0) {
        /* go-yaml v3 prefers the context mark */
        line = (long)L->p.context_mark.line;
        if (L->p.error == YAML_SCANNER_ERROR) line++;
    } else if (L->p.problem_mark.line != 0) {
        line = (long)L->p.problem_mark.line;
        if (L->p.error == YAML_SCANNER_ERROR) line++;
    } else if (L->p.context_mark.line != 0) {
        line = (long)L->p.context_mark.line;
    }
    const char *msg = L->p.problem ? L->p.problem : "unknown problem parsing YAML content";
    yl_fail(L, line ? cc_printf("yaml: line %ld: %s", line, msg) : cc_printf("yaml: %s", msg));
}

static void yl_next(YLoad *L, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&L->p, ev)) yl_parse_fail(L);
}

static YNode *yl_node(YLoad *L, int kind, const yaml_char_t *anchor)
{
    YNode *n = cc_alloc(sizeof *n);
    n->kind = (uint8_t)kind;
    n->tag = "";
    if (anchor) {
        if (L->nnodes == L->capnodes) {
            size_t nc = L->capnodes ? L->capnodes * 2 : 16;
            L->nodes = cc_grow(L->nodes, L->nnodes * sizeof *L->nodes, nc * sizeof *L->nodes);
            L->capnodes = nc;
        }
        L->nodes[L->nnodes] = n;
        map_setc(L->anchors, (const char *)anchor, v_int64((int64_t)L->nnodes));
        L->nnodes++;
    }
    return n;
}

static void yl_add(YNode *parent, YNode *kid)
{
    if (parent->nkids == parent->cap) {
        uint32_t nc = parent->cap ? parent->cap * 2 : 4;
        parent->kids = cc_grow(parent->kids, parent->nkids * sizeof *parent->kids, nc * sizeof *parent->kids);
        parent->cap = nc;
    }
    parent->kids[parent->nkids++] = kid;
}

/* Reads the events of one document's content (after DOCUMENT-START) into a
 * tree, iteratively so deep nesting cannot exhaust the C stack. The event
 * structure is freed by the caller on every path (ev is owned by L). */
static YNode *yl_document(YLoad *L, yaml_event_t *ev)
{
    YNode *root = NULL;
    YNode **stack = NULL;
    size_t depth = 0, cap = 0;
    long nflow = 0, nblock = 0;   /* open flow / block collections */
    for (;;) {
        yl_next(L, ev);
        YNode *n = NULL;
        int open = 0;
        switch (ev->type) {
        case YAML_SCALAR_EVENT:
            n = yl_node(L, YN_SCALAR, ev->data.scalar.anchor);
            n->val = cc_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
            n->vlen = ev->data.scalar.length;
            n->implicit = (uint8_t)ev->data.scalar.plain_implicit;
            if (ev->data.scalar.tag) n->tag = cc_strdup((const char *)ev->data.scalar.tag);
            break;
        case YAML_ALIAS_EVENT: {
            const char *name = (const char *)ev->data.alias.anchor;
            Value *ix = map_getc(L->anchors, name);
            if (!ix) {
                const char *m = cc_printf("yaml: unknown anchor '%s' referenced", name);
                yaml_event_delete(ev);
                yl_fail(L, m);
            }
            n = yl_node(L, YN_ALIAS, NULL);
            n->val = cc_strdup(name);
            n->alias = L->nodes[ix->u.i];
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            int seq = ev->type == YAML_SEQUENCE_START_EVENT;
            int flow = seq ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                           : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
            long *lvl = flow ? &nflow : &nblock;
            if (++*lvl > 10000) {
                /* a scanner error: go-yaml prints line+1, or no line at all
                 * when the mark is on the first line */
                long line = (long)ev->start_mark.line;
                const char *m = line ? cc_printf("yaml: line %ld: exceeded max depth of 10000", line + 1)
                                     : "yaml: exceeded max depth of 10000";
                yaml_event_delete(ev);
                yl_fail(L, m);
            }
            n = yl_node(L, seq ? YN_SEQ : YN_MAP,
                        seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor);
            n->flow = (uint8_t)flow;
            open = 1;
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            if (stack[depth]->flow) nflow--; else nblock--;
            break;
        default:
            break;
        }
        if (n) n->line = (uint32_t)ev->start_mark.line + 1;
        yaml_event_delete(ev);
        if (n) {
            if (depth) yl_add(stack[depth - 1], n);
            else root = n;
            if (open) {
                if (depth == cap) {
                    size_t nc = cap ? cap * 2 : 16;
                    stack = cc_grow(stack, cap * sizeof *stack, nc * sizeof *stack);
                    cap = nc;
                }
                stack[depth++] = n;
            }
        }
        if (!depth && root) break;
    }
    yl_next(L, ev);   /* DOCUMENT-END */
    yaml_event_delete(ev);
    return root;
}

/* ---- pass 2: node tree -> Value (decode.go decoder + JSON step) ------ */

static Value yl_decode(YLoad *L, YNode *n, int depth);

/* Go %#v of a decoded key, for "invalid map key" / "unsupported map key". */
static void sharp_v(Buf *b, Value v)
{
    switch (v.t) {
    case VT_NIL: buf_puts(b, "interface {}(nil)"); break;
    case VT_BOOL: buf_puts(b, v.u.b ? "true" : "false"); break;
    case VT_FLOAT: yaml_fmt_g(b, v.u.f, 64); break;
    case VT_STR: buf_puts(b, go_quoted(v.u.s, v.n)); break;
    case VT_LIST:
        buf_puts(b, "[]interface {}{");
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            if (i) buf_puts(b, ", ");
            sharp_v(b, v.u.l->v[i]);
        }
        buf_putc(b, '}');
        break;
    case VT_MAP: {
        buf_puts(b, "map[interface {}]interface {}{");
        MapEnt **es = map_sorted(v.u.m, 0);
        for (uint32_t i = 0; i < v.u.m->len; i++) {
            if (i) buf_puts(b, ", ");
            sharp_v(b, v_str(es[i]->k, es[i]->klen));
            buf_putc(b, ':');
            sharp_v(b, es[i]->v);
        }
        buf_putc(b, '}');
        break;
    }
    default: buf_puts(b, "?"); break;
    }
}

static const char *sharp_str(Value v)
{
    Buf b = {0};
    sharp_v(&b, v);
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

/* go-yaml v2.4 decoder.unmarshal's allowedAliasRatio guard */
static void yl_count(YLoad *L)
{
    L->decode_count++;
    if (L->alias_depth > 0) L->alias_count++;
    if (L->alias_count > 100 && L->decode_count > 1000) {
        double allowed;
        if (L->decode_count <= 400000) allowed = 0.99;
        else if (L->decode_count >= 4000000) allowed = 0.10;
        else allowed = 0.99 - 0.89 * ((double)(L->decode_count - 400000) / 3600000.0);
        if ((double)L->alias_count / (double)L->decode_count > allowed)
            yl_fail(L, "yaml: document contains excessive aliasing");
    }
}


static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* base64.StdEncoding.DecodeString (newlines ignored); 0 on bad input */
static int b64_decode(const char *s, size_t n, Buf *out)
{
    int q[4], nq = 0, pad = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r') continue;
        if (c == '=') { if (nq < 2) return 0; pad++; q[nq++] = 0; }
        else {
            int v = b64val((unsigned char)c);
            if (v < 0 || pad) return 0;
            q[nq++] = v;
        }
        if (nq == 4) {
            unsigned x = (unsigned)(q[0] << 18 | q[1] << 12 | q[2] << 6 | q[3]);
            buf_putc(out, (char)(x >> 16));
            if (pad < 2) buf_putc(out, (char)(x >> 8));
            if (pad < 1) buf_putc(out, (char)x);
            nq = 0;
            if (pad) {
                /* only trailing newlines may follow the padding */
                for (size_t k = i + 1; k < n; k++) if (s[k] != '\n' && s[k] != '\r') return 0;
                return 1;
            }
        }
    }
    return nq == 0;
}

static Value yl_scalar(YLoad *L, YNode *n, YScalar *r)
{
    if (!*n->tag && !n->implicit) { r->kind = YR_STR; return v_str(n->val, n->vlen); }
    if (!*n->tag && n->vlen && !yres_hint((unsigned char)n->val[0])) {
        /* most plain scalars: a string by their first byte */
        memset(r, 0, sizeof *r);
        r->kind = YR_STR;
        if (L->utf8_ok) return v_str(n->val, n->vlen);
        size_t fn;
        const char *f = go_utf8_fix(n->val, n->vlen, &fn);
        return v_str(f, fn);
    }
    resolve_tagged(n->tag, n->val, n->vlen, r, L->v3);
    if (L->v3) {
        /* go-yaml v3 into interface{}: int, uint64, float64; timestamps
         * stay strings; an integer too big for uint64 (not of float form)
         * resolves as a string already */
        switch (r->kind) {
        case YR_INT: return v_goint(r->i);
        case YR_UINT: { Value v = v_int64((int64_t)r->u); v.g = GT_UINT; return v; }
        default: break;
        }
    }
    switch (r->kind) {
    case YR_ERR: yl_fail(L, cc_printf("yaml: %s", r->err));
    case YR_NULL: return v_nil();
    case YR_BOOL: return v_bool(r->b);
    case YR_INT: return L->typed ? v_int64(r->i) : v_float((double)r->i);
    case YR_UINT:
        if (L->typed) {
            Value u = v_int64((int64_t)r->u);
            u.g = GT_UINT;
            return u;
        }
        return v_float((double)r->u);
    case YR_FLOAT:
        return v_float(r->f);
    case YR_BINARY: {
        Buf b = {0};
        if (!b64_decode(n->val, n->vlen, &b)) {
            buf_free(&b);
            yl_fail(L, "yaml: !!binary value contains invalid base64 data");
        }
        size_t fn;
        const char *f = go_utf8_fix(b.p ? b.p : "", b.len, &fn);
        Value v = f == b.p ? v_strdup(b.p, b.len) : v_str(f, fn);
        buf_free(&b);
        return v;
    }
    default: {
        if (L->utf8_ok) return v_str(n->val, n->vlen);
        size_t fn;
        const char *f = go_utf8_fix(n->val, n->vlen, &fn);
        return v_str(f, fn);
    }
    }
}

/* Map key -> JSON object key (convertToJSONableObject). Sets *ks and *kl, or
 * returns the type name for "unsupported map key" (key left unset). */
/* A scalar key (after aliases); non-scalar keys fail in yl_decode. */
static const char *yl_key(YLoad *L, YNode *kn, const char **ks, size_t *kl)
{
    YNode *t = kn;
    while (t->kind == YN_ALIAS) t = t->alias;
    yl_count(L);
    if (kn->kind == YN_ALIAS) {
        if (kn->active) yl_fail(L, cc_printf("yaml: anchor '%s' value contains itself", kn->val));
        L->alias_depth++;
        yl_count(L);
        L->alias_depth--;
    }
    YScalar r;
    Value k = yl_scalar(L, t, &r);
    Buf b = {0};
    switch (r.kind) {
    case YR_STR: case YR_TIME: case YR_BINARY: *ks = k.u.s; *kl = k.n; return NULL;
    case YR_BOOL: *ks = r.b ? "true" : "false"; *kl = strlen(*ks); return NULL;
    case YR_INT: buf_printf(&b, "%lld", (long long)r.i); break;
    case YR_FLOAT:
        if (isinf(r.f)) buf_puts(&b, r.f > 0 ? ".inf" : "-.inf");
        else if (isnan(r.f)) buf_puts(&b, ".nan");
        else yaml_fmt_g(&b, r.f, 32);
        break;
    case YR_NULL: return "%!s(<nil>)";
    case YR_UINT: return "uint64";
    default: return "*big.Int";
    }
    *ks = buf_arena(&b);
    *kl = b.len;
    buf_free(&b);
    return NULL;
}

/* Records sigs.k8s.io/yaml's "unsupported map key" error (reported only if
 * go-yaml itself found nothing wrong, as in Go). */
static void yl_key_err(YLoad *L, const char *type, YNode *kn, Value val)
{
    if (L->key_err) return;
    while (kn->kind == YN_ALIAS) kn = kn->alias;
    Buf e = {0};
    buf_printf(&e, "unsupported map key of type: %s, key: ", type);
    if (type[0] == '%') buf_puts(&e, "<nil>");
    else if (type[0] == 'u') {
        YScalar r;
        yaml_resolve(kn->tag, kn->val, kn->vlen, &r);
        buf_printf(&e, "0x%llx", (unsigned long long)r.u);
    } else buf_put(&e, kn->val, kn->vlen);
    buf_puts(&e, ", value: ");
    if (val.t == VT_NIL) buf_puts(&e, "<nil>");
    else sharp_v(&e, val);
    L->key_err = buf_arena(&e);
    buf_free(&e);
}

static int is_merge_key(YNode *k)
{
    return k->kind == YN_SCALAR && k->vlen == 2 && memcmp(k->val, "<<", 2) == 0 &&
           (k->implicit || strcmp(k->tag, TAG_PFX "merge") == 0);
}

static _Noreturn void want_map(YLoad *L)
{
    yl_fail(L, "yaml: map merge requires map or sequence of maps as the value");
}

/*
 * decoder.unmarshal as a loop: go-yaml recurses once per nesting level
 * (sequences, mappings, aliases, merge keys); documents may nest 10000
 * levels, more than a small C stack holds, so each call that is still
 * running is a frame on an explicit stack (arena memory: yl_fail jumps
 * out) and values flow back through `ret`. The visiting order, counts
 * and errors are those of the recursive definition.
 */
enum { YF_SEQ, YF_MAP, YF_ALIAS, YF_KEYERR, YF_MERGE_SEQ };

typedef struct YFrame {
    uint8_t kind;
    uint8_t stmt;           /* YF_MAP merged into another map: no value */
    int depth;
    YNode *n;
    uint32_t i;             /* next kid (YF_MERGE_SEQ: counts down) */
    Value acc;              /* the list or map being filled */
    YNode *k;               /* YF_MAP: key of the pair being decoded */
    const char *ks, *bad;
    size_t kl;
} YFrame;

typedef struct YStack { YFrame *v; size_t n, cap; } YStack;

static YFrame *yf_push(YStack *st, int kind, YNode *n, int depth)
{
    if (st->n == st->cap) {
        size_t nc = st->cap ? 2 * st->cap : 32;
        st->v = cc_grow(st->v, st->cap * sizeof *st->v, nc * sizeof *st->v);
        st->cap = nc;
    }
    YFrame *f = &st->v[st->n++];
    memset(f, 0, sizeof *f);
    f->kind = (uint8_t)kind;
    f->n = n;
    f->depth = depth;
    return f;
}

/* Start decoding n: 1 with *ret set when it needs no frame of its own
 * (scalars, the depth limit, an alias of a scalar), else 0. */
static int yl_enter(YLoad *L, YStack *st, YNode *n, int depth, Value *ret)
{
    yl_count(L);
    switch (n->kind) {
    case YN_SCALAR: {
        YScalar r;
        Value v = yl_scalar(L, n, &r);
        if (v.t == VT_FLOAT && (isinf(v.u.f) || isnan(v.u.f)))
            L->bad_float = 1;   /* json.Marshal fails: which one it names is found after decoding */
        *ret = v;
        return 1;
    }
    case YN_ALIAS:
        if (n->active) yl_fail(L, cc_printf("yaml: anchor '%s' value contains itself", n->val));
        n->active = 1; L->alias_depth++;
        yf_push(st, YF_ALIAS, n, depth);
        return yl_enter(L, st, n->alias, depth, ret);   /* an anchor is never an alias */
    default:
        /* encoding/json.Unmarshal refuses more than 10000 nested levels */
        if (depth >= 10000) {
            if (!L->depth_err) L->depth_err = n->kind == YN_SEQ ? "[" : "{";
            *ret = v_nil();
            return 1;
        }
        yf_push(st, n->kind == YN_SEQ ? YF_SEQ : YF_MAP, n, depth)->acc =
            n->kind == YN_SEQ ? v_list(list_new(n->nkids)) : v_map(map_new(n->nkids / 2));
        return 0;
    }
}

/* decoder.merge of v into m (v2 semantics: merged keys simply set, in order) */
static void yl_merge(YLoad *L, YStack *st, YNode *v, Value m, int depth)
{
    switch (v->kind) {
    case YN_MAP:
        yl_count(L);
        yf_push(st, YF_MAP, v, depth)->acc = m;
        st->v[st->n - 1].stmt = 1;
        break;
    case YN_ALIAS:
        if (v->alias->kind != YN_MAP) want_map(L);
        if (v->active) yl_fail(L, cc_printf("yaml: anchor '%s' value contains itself", v->val));
        yl_count(L);
        v->active = 1; L->alias_depth++;
        yl_count(L);
        yf_push(st, YF_ALIAS, v, depth);
        yf_push(st, YF_MAP, v->alias, depth)->acc = m;
        st->v[st->n - 1].stmt = 1;
        break;
    case YN_SEQ:
        yf_push(st, YF_MERGE_SEQ, v, depth)->acc = m;
        st->v[st->n - 1].i = v->nkids;
        break;
    default:
        want_map(L);
    }
}

/* ---- go-yaml v3 mappings (decode.go mapping/merge) ------------------ */

/* The text go-yaml v3 gives a map key decoded into map[string]interface{}:
 * the scalar as written (an alias: its target's). */
static void v3_key(YNode *k, const char **ks, size_t *kl)
{
    while (k->kind == YN_ALIAS) k = k->alias;
    *ks = k->kind == YN_SCALAR ? k->val : "";
    *kl = k->kind == YN_SCALAR ? k->vlen : 0;
}

static void yl_mapping_v3(YLoad *L, YNode *n, Map *m, int depth, Map *merged);

static void v3_merge_one(YLoad *L, YNode *v, Map *m, int depth, Map *merged)
{
    YNode *t = v;
    if (v->kind == YN_ALIAS) {
        if (v->alias->kind != YN_MAP) want_map(L);
        if (v->active) yl_fail(L, cc_printf("yaml: anchor '%s' value contains itself", v->val));
        v->active = 1; L->alias_depth++;
        yl_count(L);
        yl_mapping_v3(L, v->alias, m, depth, merged);
        v->active = 0; L->alias_depth--;
        return;
    }
    if (t->kind != YN_MAP) want_map(L);
    yl_count(L);
    yl_mapping_v3(L, t, m, depth, merged);
}

/* v3: keys written in the mapping win over merged ones; among merged
 * sources (a sequence) the first one giving a key wins. `merged` (when
 * not NULL) holds the keys already present: those are skipped. Duplicate
 * keys are reported like go-yaml v3's uniqueKeys check. */
static void yl_mapping_v3(YLoad *L, YNode *n, Map *m, int depth, Map *merged)
{
    if (n->nkids > 2) {
        Map *seen = map_new(n->nkids / 2);
        for (uint32_t i = 0; i + 1 < n->nkids; i += 2) {
            YNode *k = n->kids[i];
            const char *ks = k->val ? k->val : "";
            size_t kl = k->val ? k->vlen : 0;
            Value *prev = map_get(seen, ks, kl);
            if (!prev) {
                map_set(seen, ks, kl, v_int64(((int64_t)k->line << 8) | k->kind));
            } else if ((prev->u.i & 0xff) == k->kind) {
                Buf q = {0};
                go_quote(&q, ks, kl, 0);
                buf_printf(&L->terrs, "\n  line %u: mapping key %s already defined at line %lld",
                           k->line, buf_cstr(&q), (long long)(prev->u.i >> 8));
                buf_free(&q);
            }
        }
    }
    YNode *merge = NULL;
    for (uint32_t i = 0; i + 1 < n->nkids; i += 2) {
        YNode *k = n->kids[i], *v = n->kids[i + 1];
        if (is_merge_key(k)) { merge = v; continue; }
        const char *ks;
        size_t kl;
        yl_count(L);
        v3_key(k, &ks, &kl);
        if (merged) {
            if (map_get(merged, ks, kl)) continue;
            map_set(merged, ks, kl, v_bool(1));
        }
        map_set(m, ks, kl, yl_decode(L, v, depth + 1));
    }
    if (!merge) return;
    Map *keys = merged;
    if (!keys) {
        keys = map_new(n->nkids / 2 + 1);
        for (uint32_t i = 0; i + 1 < n->nkids; i += 2) {
            const char *ks;
            size_t kl;
            v3_key(n->kids[i], &ks, &kl);
            map_set(keys, ks, kl, v_bool(1));
        }
    }
    if (merge->kind == YN_SEQ) {
        for (uint32_t i = 0; i < merge->nkids; i++) v3_merge_one(L, merge->kids[i], m, depth, keys);
    } else {
        v3_merge_one(L, merge, m, depth, keys);
    }
}

/* go-yaml v3 decoding (yaml_load_v3, helm-unittest suites) */
static Value yl_decode_v3(YLoad *L, YNode *n, int depth)
{
    yl_count(L);
    switch (n->kind) {
    case YN_SCALAR: { YScalar r; return yl_scalar(L, n, &r); }
    case YN_ALIAS: {
        if (n->active) yl_fail(L, cc_printf("yaml: anchor '%s' value contains itself", n->val));
        n->active = 1; L->alias_depth++;
        Value v = yl_decode(L, n->alias, depth);
        n->active = 0; L->alias_depth--;
        return v;
    }
    case YN_SEQ: {
        List *l = list_new(n->nkids);
        for (uint32_t i = 0; i < n->nkids; i++) list_push(l, yl_decode(L, n->kids[i], depth + 1));
        return v_list(l);
    }
    default: {
        Map *m = map_new(n->nkids / 2);
        yl_mapping_v3(L, n, m, depth, NULL);
        return v_map(m);
    }
    }
}

static Value yl_decode(YLoad *L, YNode *root, int depth)
{
    if (L->v3) return yl_decode_v3(L, root, depth);
    YStack st = {0};
    Value ret = v_nil();
    int have = yl_enter(L, &st, root, depth, &ret);
    while (st.n) {
        YFrame *f = &st.v[st.n - 1];
        switch (f->kind) {
        case YF_ALIAS:               /* its target is done: ret passes through */
            f->n->active = 0; L->alias_depth--;
            st.n--;
            break;
        case YF_KEYERR:
            yl_fail(L, cc_printf("yaml: invalid map key: %s", sharp_str(ret)));
        case YF_SEQ:
            if (have) { list_push(f->acc.u.l, ret); have = 0; }
            if (f->i < f->n->nkids) {
                YNode *k = f->n->kids[f->i++];
                have = yl_enter(L, &st, k, f->depth + 1, &ret);
            } else {
                ret = f->acc; have = 1;
                st.n--;
            }
            break;
        case YF_MAP:
            if (have) {                /* the value of the pair before i */
                if (f->bad) yl_key_err(L, f->bad, f->k, ret);
                else map_set(f->acc.u.m, f->ks, f->kl, ret);
                have = 0;
            }
            if (f->i + 1 < f->n->nkids) {
                YNode *k = f->n->kids[f->i], *v = f->n->kids[f->i + 1];
                int d = f->depth;
                f->i += 2;
                if (is_merge_key(k)) { yl_merge(L, &st, v, f->acc, d); break; }
                YNode *t = k;
                while (t->kind == YN_ALIAS) t = t->alias;
                if (t->kind != YN_SCALAR) {    /* decoded for the message, then fail */
                    yf_push(&st, YF_KEYERR, k, d);
                    have = yl_enter(L, &st, k, d + 1, &ret);
                    break;
                }
                f->k = k;
                f->bad = yl_key(L, k, &f->ks, &f->kl);   /* key first, as go-yaml */
                have = yl_enter(L, &st, v, d + 1, &ret);
            } else {
                if (!f->stmt) { ret = f->acc; have = 1; }
                st.n--;
            }
            break;
        case YF_MERGE_SEQ:           /* the maps of a merged sequence, last first */
            if (!f->i) { st.n--; break; }
            YNode *k = f->n->kids[--f->i];
            if (k->kind == YN_ALIAS ? k->alias->kind != YN_MAP : k->kind != YN_MAP) want_map(L);
            yl_merge(L, &st, k, f->acc, f->depth);
            break;
        }
    }
    return ret;
}

/* ---- top-level keys only (yaml_load_keys) ---------------------------- */

/* A scalar of the fast reader decoded as a value: only the words .inf,
 * .nan and their signed and capitalised forms resolve to what JSON cannot
 * hold (an overflowing float is a string). */
int yaml_clean_scalar(const YNode *n)
{
    if (*n->tag) return 0;
    if (!n->implicit || n->vlen < 4 || n->vlen > 5) return 1;
    char c = n->val[0];
    if (c != '.' && c != '+' && c != '-') return 1;
    YScalar r;
    resolve_tagged("", n->val, n->vlen, &r, 0);
    return r.kind != YR_FLOAT || (!isinf(r.f) && !isnan(r.f));
}

/* A mapping key of the fast reader: null and uint64 keys are errors, a
 * merge key changes what the map holds. Only the null words (empty, ~,
 * null, Null, NULL) and numbers (a digit or a sign first) need resolving. */
int yaml_clean_key(const YNode *k)
{
    if (k->kind != YN_SCALAR || *k->tag || is_merge_key((YNode *)k)) return 0;
    if (!k->implicit) return 1;
    if (!k->vlen) return 0;
    char c = k->val[0];
    if (k->vlen == 1 && c == '~') return 0;
    if (k->vlen == 4 && (c == 'n' || c == 'N'))
        return memcmp(k->val, "null", 4) && memcmp(k->val, "Null", 4) && memcmp(k->val, "NULL", 4);
    if (!(c >= '0' && c <= '9') && c != '+' && c != '-') return 1;
    YScalar r;
    resolve_tagged("", k->val, k->vlen, &r, 0);
    return r.kind != YR_NULL && r.kind != YR_UINT && r.kind != YR_ERR;
}

/* Would yl_decode go through n without an error and without a merge key
 * (which changes what a map holds)? Every scalar is resolved as it
 * would be, nothing is built. For trees of the fast reader (no tags, no
 * aliases, at most YF_MAX_DEPTH levels): anything else answers no. */
static int yl_clean(YNode *n, int depth)
{
    if (depth > 1000) return 0;
    switch (n->kind) {
    case YN_SCALAR:
        return yaml_clean_scalar(n);
    case YN_SEQ:
        for (uint32_t i = 0; i < n->nkids; i++)
            if (!yl_clean(n->kids[i], depth + 1)) return 0;
        return 1;
    case YN_MAP:
        for (uint32_t i = 0; i + 1 < n->nkids; i += 2) {
            if (!yaml_clean_key(n->kids[i])) return 0;
            if (!yl_clean(n->kids[i + 1], depth + 1)) return 0;
        }
        return 1;
    default:
        return 0;
    }
}

/* The top-level mapping of a clean tree with only the values of `keys`
 * decoded (the last pair of a key wins, as in map_set); a "key/sub" path
 * keeps key (the fast reader's keys mode left only sub in its mapping). */
static Value yl_decode_keys(YLoad *L, YNode *root, const char *const *keys, int nkeys)
{
    Map *m = map_new(nkeys);
    for (uint32_t i = 0; i + 1 < root->nkids; i += 2) {
        YNode *k = root->kids[i];
        for (int j = 0; j < nkeys; j++) {
            const char *sl = strchr(keys[j], '/');
            size_t n = sl ? (size_t)(sl - keys[j]) : strlen(keys[j]);
            if (k->vlen != n || memcmp(k->val, keys[j], n) != 0) continue;
            /* a plain key of the same text resolves to that string unless
             * it is a bool, null or number word: none of the keys asked */
            map_set(m, k->val, k->vlen, yl_decode(L, root->kids[i + 1], 1));
            break;
        }
    }
    return v_map(m);
}

/* ---- entry points --------------------------------------------------- */

/* Loads one YAML text (its first document) as sigs.k8s.io/yaml.Unmarshal;
 * with keys, a mapping the fast reader read whole and yl_clean accepts is
 * decoded only at those keys (yaml_load_keys). */
/* json.Marshal's error for the first NaN or infinity in its order (map
 * keys sorted bytewise, list items in order), on an explicit stack. */
static const char *yl_first_bad_float(Value root)
{
    typedef struct { Value v; MapEnt **es; uint32_t i; } Fr;
    Fr *st = NULL;
    size_t n = 0, cap = 0;
    Value v = root;
    for (;;) {
        if (v.t == VT_FLOAT && (isnan(v.u.f) || isinf(v.u.f)))
            return isnan(v.u.f) ? "json: unsupported value: NaN"
                 : v.u.f > 0 ? "json: unsupported value: +Inf" : "json: unsupported value: -Inf";
        if ((v.t == VT_LIST && v.u.l && v.u.l->len) || (v.t == VT_MAP && v.u.m && v.u.m->len)) {
            if (n == cap) {
                size_t nc = cap ? 2 * cap : 16;
                st = cc_grow(st, cap * sizeof *st, nc * sizeof *st);
                cap = nc;
            }
            st[n++] = (Fr){v, v.t == VT_MAP ? map_sorted(v.u.m, 0) : NULL, 0};
        }
        for (;;) {
            if (!n) return "json: unsupported value";   /* not reached: a bad float was decoded */
            Fr *f = &st[n - 1];
            uint32_t len = f->v.t == VT_LIST ? f->v.u.l->len : f->v.u.m->len;
            if (f->i < len) {
                v = f->v.t == VT_LIST ? f->v.u.l->v[f->i] : f->es[f->i]->v;
                f->i++;
                break;
            }
            n--;
        }
    }
}

/* The first document of s through libyaml: its node tree in *root (NULL:
 * no document) or go-yaml's error message. */
static const char *yl_parse(YLoad *L, const char *s, size_t n, YNode **root)
{
    yaml_event_t ev;
    memset(&ev, 0, sizeof ev);
    *root = NULL;
    L->nnodes = 0;
    L->anchors = map_new(0);
    if (!yaml_parser_initialize(&L->p)) cc_oom();
    yaml_parser_set_input_string(&L->p, (const unsigned char *)s, n);
    if (setjmp(L->jb)) {
        L->bad_escape = L->p.error == YAML_SCANNER_ERROR && L->p.problem &&
                        !strcmp(L->p.problem, "found unknown escape character");
        L->bad_escape_at = L->p.problem_mark.index;
        yaml_parser_delete(&L->p);
        return L->err;
    }
    yl_next(L, &ev);          /* STREAM-START */
    yaml_event_delete(&ev);
    yl_next(L, &ev);
    int type = ev.type;
    yaml_event_delete(&ev);
    if (type == YAML_DOCUMENT_START_EVENT) *root = yl_document(L, &ev);
    yaml_parser_delete(&L->p);
    return NULL;
}

/* go-yaml reads "\'" in a double-quoted scalar as a quote; libyaml rejects
 * it. When that was libyaml's error, the scalar holding it (from that
 * backslash to its closing quote) is rewritten with "\x27" for each "\'"
 * into *fix, *s and *n then name the new text and 1 is returned, for another
 * try (at most YL_ESCAPE_FIXES scalars: each try reads the text again).
 * libyaml's mark counts characters, the BOM not included; go-yaml's
 * messages name only lines, which the rewrite keeps. */
#define YL_ESCAPE_FIXES 64
static int yl_go_escape(YLoad *L, const char **s, size_t *n, Buf *fix)
{
    if (!L->bad_escape) return 0;
    const unsigned char *u = (const unsigned char *)*s;
    size_t i = *n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    for (size_t ch = 0; ch < L->bad_escape_at && i < *n; ch++) {
        i++;
        while (i < *n && (u[i] & 0xC0) == 0x80) i++;
    }
    if (i + 1 >= *n || u[i] != '\\' || u[i + 1] != '\'') return 0;
    Buf b = {0};
    buf_put(&b, *s, i);
    while (i < *n && u[i] != '"') {
        if (u[i] == '\\' && i + 1 < *n) {
            if (u[i + 1] == '\'') buf_puts(&b, "\\x27");
            else buf_put(&b, *s + i, 2);
            i += 2;
            continue;
        }
        buf_putc(&b, (char)u[i++]);
    }
    buf_put(&b, *s + i, *n - i);
    buf_free(fix);
    *fix = b;
    *s = fix->p;
    *n = fix->len;
    return 1;
}

static const char *yl_load_keys(const char *s, size_t n, Value *out, int typed, int use_fast,
                                const char *const *keys, int nkeys)
{
    YLoad L;
    memset(&L, 0, sizeof L);
    L.typed = typed;
    yaml_event_t ev;
    memset(&ev, 0, sizeof ev);
    *out = v_nil();
    if (n == 0) { s = "\n"; n = 1; }
    YNode *volatile root = NULL;
    YNode *fast;
    YFMem *fmem = NULL;   /* the fast reader's nodes, freed once decoded */
    volatile int from_fast = 0;
    /* keys mode: the fast reader keeps only the pairs of `keys` of a
     * block mapping (reduced), decoded at the keys when clean; else the
     * text is read again, whole */
    int reduced = 0, tried = 0;
    volatile int clean = 0;
    if (keys && !typed && use_fast) {
        tried = 1;
        if (yaml_fast_read_keys(s, n, keys, nkeys, &fast, &fmem, &reduced)) {
            if (!reduced || (reduced == 1 && (clean = yl_clean(fast, 0)))) {
                root = fast;
                from_fast = 1;
            } else {
                yaml_fast_free(fmem);
                fmem = NULL;
                tried = 0;
            }
        }
    }
    if (from_fast) {
    } else if (use_fast && !tried && yaml_fast_read(s, n, &fast, &fmem)) {
        root = fast;
        from_fast = 1;
    } else {
        Buf fix = {0};
        const char *err;
        YNode *r;
        for (int tries = 0;; tries++) {
            err = yl_parse(&L, s, n, &r);
            if (!err || tries == YL_ESCAPE_FIXES || !yl_go_escape(&L, &s, &n, &fix)) break;
        }
        buf_free(&fix);
        if (err) return cc_printf(ERR_PFX "%s", err);
        root = r;
    }
    if (!root) {
        yaml_fast_free(fmem);
        return NULL;
    }
    /* yl_fail from here on must not touch the parser again */
    if (setjmp(L.jb)) {
        yaml_fast_free(fmem);
        return cc_printf(ERR_PFX "%s", L.err);
    }
    L.decode_count++;          /* the document node */
    /* the fast reader takes only valid UTF-8 and makes nothing else (its
     * escapes give none of what Go would replace) */
    L.utf8_ok = from_fast;
    if (keys && from_fast && root->kind == YN_MAP && !typed && (clean || yl_clean(root, 0))) {
        *out = yl_decode_keys(&L, root, keys, nkeys);
        yaml_fast_free(fmem);
        return NULL;
    }
    Value v = yl_decode(&L, root, 0);
    yaml_fast_free(fmem);
    if (L.key_err) return cc_printf(ERR_PFX "%s", L.key_err);
    if (L.bad_float) return cc_printf(ERR_PFX "%s", yl_first_bad_float(v));
    if (L.depth_err)
        return cc_printf("error unmarshaling JSON: while decoding JSON: invalid character '%s' exceeded max depth", L.depth_err);
    *out = v;
    return NULL;
}

static const char *yl_load(const char *s, size_t n, Value *out, int typed, int use_fast)
{
    return yl_load_keys(s, n, out, typed, use_fast, NULL, 0);
}

const char *yaml_load(const char *s, size_t n, Value *out) { return yl_load(s, n, out, 0, 1); }
const char *yaml_load_keys(const char *s, size_t n, const char *const *keys, int nkeys, Value *out)
{
    return yl_load_keys(s, n, out, 0, 1, keys, nkeys);
}
const char *yaml_load_typed(const char *s, size_t n, Value *out) { return yl_load(s, n, out, 1, 1); }
const char *yaml_load_with(const char *s, size_t n, Value *out, int use_fast) { return yl_load(s, n, out, 0, use_fast); }

/* k8s.io/apimachinery YAMLReader: split at lines beginning with "---"
 * (only spaces or a comment may follow), then yaml_load each chunk. */
const char *yaml_load_all(const char *s, size_t n, Value *out)
{
    List *docs = list_new(0);
    *out = v_list(docs);
    Buf chunk = {0};
    size_t i = 0;
    const char *err = NULL;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n') e++;
        size_t le = e;                       /* line without "\n" / "\r\n" */
        if (le > i && s[le - 1] == '\r') le--;
        size_t next = e < n ? e + 1 : e;
        if (le - i >= 3 && memcmp(s + i, "---", 3) == 0) {
            size_t k = i + 3;
            while (k < le && isspace((unsigned char)s[k])) k++;
            if (k < le && s[k] != '#') {
                size_t ke = le;
                while (ke > k && isspace((unsigned char)s[ke - 1])) ke--;
                err = cc_printf("invalid Yaml document separator: %.*s", (int)(ke - k), s + k);
                break;
            }
            if (chunk.len) {
                Value v;
                if ((err = yaml_load(chunk.p, chunk.len, &v))) break;
                list_push(docs, v);
                chunk.len = 0;
            }
            i = next;
            continue;
        }
        buf_put(&chunk, s + i, le - i);
        buf_putc(&chunk, '\n');
        i = next;
    }
    if (!err && chunk.len) {
        Value v;
        if (!(err = yaml_load(chunk.p, chunk.len, &v))) list_push(docs, v);
    }
    buf_free(&chunk);
    return err;
}

/* go-yaml v3 Decoder.Decode into interface{} for every document of the
 * stream (yaml.v3 as helm-unittest reads suites, values and manifests):
 * ints are Go ints, floats float64, timestamps strings, YAML 1.2 booleans
 * only; merge keys never override keys written in the mapping; duplicate
 * keys are an error. *out is the list of the documents' values (nil for an
 * empty document). */
const char *yaml_load_v3(const char *s, size_t n, Value *out)
{
    YLoad L;
    memset(&L, 0, sizeof L);
    L.v3 = 1;
    yaml_event_t ev;
    memset(&ev, 0, sizeof ev);
    List *docs = list_new(1);
    *out = v_list(docs);
    if (!yaml_parser_initialize(&L.p)) cc_oom();
    yaml_parser_set_input_string(&L.p, (const unsigned char *)s, n);
    if (setjmp(L.jb)) {
        yaml_parser_delete(&L.p);
        buf_free(&L.terrs);
        return L.err;
    }
    yl_next(&L, &ev);          /* STREAM-START */
    yaml_event_delete(&ev);
    for (;;) {
        yl_next(&L, &ev);
        int type = ev.type;
        yaml_event_delete(&ev);
        if (type != YAML_DOCUMENT_START_EVENT) break;
        L.anchors = map_new(0);
        L.nnodes = 0;
        YNode *root = yl_document(&L, &ev);
        L.decode_count = L.alias_count = 0;
        L.decode_count++;
        list_push(docs, root ? yl_decode(&L, root, 0) : v_nil());
        if (L.terrs.len) {
            const char *e = cc_printf("yaml: unmarshal errors:%s", buf_cstr(&L.terrs));
            yaml_parser_delete(&L.p);
            buf_free(&L.terrs);
            return e;
        }
    }
    yaml_parser_delete(&L.p);
    return NULL;
}
