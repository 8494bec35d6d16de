/*
 * gostd.c - Go standard library pieces shared by several modules (see
 * gostd.h). Mirrors go src/path/path.go Clean, the invalid-UTF-8
 * handling of src/encoding/json/encode.go appendString and the encoder of
 * src/encoding/base64/base64.go (StdEncoding).
 */
#include "chartc/gostd.h"
#include "chartc/gofmt.h"
#include "chartc/swar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* path.Clean: the lexical rules of Rob Pike's "Lexical File Names in Plan 9". */
char *go_path_clean(const char *p, size_t n) { return go_path_clean_n(p, n, &n); }

char *go_path_clean_n(const char *p, size_t n, size_t *outn)
{
    if (n == 0) { *outn = 1; return cc_strdup("."); }
    int rooted = p[0] == '/';
    char *out = cc_alloc(n + 2);
    size_t w = 0, dotdot = 0, r = 0;
    if (rooted) { out[w++] = '/'; dotdot = 1; r = 1; }
    while (r < n) {
        if (p[r] == '/') { r++; continue; }
        if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) { r++; continue; }
        if (p[r] == '.' && r + 1 < n && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {               /* drop the last element */
                w--;
                while (w > dotdot && out[w] != '/') w--;
            } else if (!rooted) {           /* keep a leading .. */
                if (w > 0) out[w++] = '/';
                out[w++] = '.'; out[w++] = '.';
                dotdot = w;
            }
            continue;
        }
        if ((rooted && w != 1) || (!rooted && w != 0)) out[w++] = '/';
        while (r < n && p[r] != '/') out[w++] = p[r++];
    }
    if (w == 0) out[w++] = '.';
    out[w] = 0;
    *outn = w;
    return out;
}

/* Length of the valid UTF-8 sequence at s[i], or 0 (utf8.DecodeRune's
 * RuneError width-1 cases: bad lead, bad continuation, overlong,
 * surrogate, beyond U+10FFFF, truncated). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t i)
{
    unsigned c = s[i];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len <= 1) return len;
    if (i + len > n) return 0;
    uint32_t r = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len; k++) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        r = (r << 6) | (s[i + k] & 0x3F);
    }
    static const uint32_t minr[] = {0, 0, 0x80, 0x800, 0x10000};
    if (r < minr[len] || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0;
    return len;
}

const char *go_utf8_fix(const char *s, size_t n, size_t *outn)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {                          /* fast scan: usually valid */
        if (u[i] < 0x80) {                   /* ASCII, eight bytes at a time */
            while (i + 8 <= n && !swar_high(swar_load(u + i))) i += 8;
            while (i < n && u[i] < 0x80) i++;
            continue;
        }
        size_t len = utf8_seq(u, n, i);
        if (!len) break;
        i += len;
    }
    if (i == n) { *outn = n; return s; }
    Buf b = {0};
    buf_put(&b, s, i);
    while (i < n) {
        size_t len = utf8_seq(u, n, i);
        if (!len) { buf_puts(&b, "\xEF\xBF\xBD"); i++; continue; }
        buf_put(&b, s + i, len);
        i += len;
    }
    char *r = buf_arena(&b);
    *outn = b.len;
    buf_free(&b);
    return r;
}

/* ---- log.Printf (v3) / log/slog TextHandler (v4) -------------------------- */

/* slog TextHandler value: quoted with strconv.Quote when needed. */
static void log_val(Buf *b, const char *s)
{
    int need = !*s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == '"' || *p == '=' || *p == 0x7F || *p >= 0x80) need = 1;
    if (need) go_quote(b, s, strlen(s), 0);
    else buf_puts(b, s);
}

void go_log(const char *v3src, const char *level, const char *v3msg,
               const char *v4msg, const char *const *kv)
{
    Buf b = {0};
    if (cc_helm_major == 3) {
        buf_printf(&b, "%s: %s\n", v3src, v3msg);
    } else {
        buf_printf(&b, "level=%s msg=", level);
        log_val(&b, v4msg);
        for (int i = 0; kv && kv[i]; i += 2) {
            buf_printf(&b, " %s=", kv[i]);
            log_val(&b, kv[i + 1]);
        }
        buf_putc(&b, '\n');
    }
    fwrite(b.p, 1, b.len, stderr);
    buf_free(&b);
}

/* A decimal with k <= 15 significant digits that reads back as the double
 * d lies within half an ulp of d (relative 2^-53), far less than half the
 * spacing of 15-digit decimals (relative >= 5e-16), so d rounded to 15
 * digits is that decimal padded with zeros. One "%.14e" with its trailing
 * zeros dropped therefore gives the shortest digits whenever 15 or fewer
 * are enough; else 16, else 17 (the same result as trying 1, 2, ... 17
 * digits, at a fraction of the snprintf/strtod pairs). float32: digit by
 * digit, as (float)f need not be f. */
static int e_reads_back(const char *s, double f, int bits)
{
    return bits == 32 ? strtof(s, NULL) == (float)f : strtod(s, NULL) == f;
}

/* The common case without snprintf: f = m / 10^k exactly as IEEE division
 * rounds it, for the smallest k, with m < 2^53 of at most 15 significant
 * digits. Division of exact operands is correctly rounded, so m*10^-k reads
 * back as f; the smallest k gives the fewest digits; with 15 digits or
 * fewer no other decimal of that length reads back as f (see above). */
static int shortest_small(char *buf, size_t size, double f)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
                                 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double a = fabs(f);
    if (!(a >= 1e-7 && a < 9007199254740992.0)) return 0;
    for (int k = 0; k <= 22; k++) {
        double v = a * p10[k];
        if (v >= 9007199254740992.0) return 0;
        double m = go_round_even(v);
        if (m / p10[k] != a) continue;
        char d[24], t[24];
        int nd = 0, tn = 0;
        for (uint64_t u = (uint64_t)m; u || !tn; u /= 10) t[tn++] = (char)('0' + u % 10);
        while (tn) d[nd++] = t[--tn];
        int ex = nd - 1 - k;
        while (nd > 1 && d[nd - 1] == '0') nd--;
        if (nd > 15) return 0;
        char *o = buf;
        if (f < 0) *o++ = '-';
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        int w = snprintf(o, size - (size_t)(o - buf), "e%c%02d", ex < 0 ? '-' : '+', ex < 0 ? -ex : ex);
        return (int)(o - buf) + w;
    }
    return 0;
}

int go_shortest_e(char *buf, size_t size, double f, int bits)
{
    int n = 0, p = 0;
    if (bits == 64 && isnormal(f) && (n = shortest_small(buf, size, f))) return n;
    if (bits == 64 && isnormal(f)) {   /* subnormals have fewer digits of precision */
        n = snprintf(buf, size, "%.14e", f);
        if (e_reads_back(buf, f, bits)) {
            char *e = strchr(buf, 'e'), *z = e;
            while (z[-1] == '0') z--;
            if (z[-1] == '.') z--;
            memmove(z, e, strlen(e) + 1);
            return (int)strlen(buf);
        }
        p = 15;
    }
    for (; p < 17; p++) {
        n = snprintf(buf, size, "%.*e", p, f);
        if (e_reads_back(buf, f, bits)) break;
    }
    return n;
}

void go_base64(Buf *b, const unsigned char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
        char q[4] = {tab[v >> 18 & 63], tab[v >> 12 & 63], i + 1 < n ? tab[v >> 6 & 63] : '=',
                     i + 2 < n ? tab[v & 63] : '='};
        buf_put(b, q, 4);
    }
}

int64_t go_days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* ---- package math (see gostd.h) --------------------------------------- */

#define TWO52 4503599627370496.0   /* from 2^52 on, every double is an integer */

double go_floor(double x)
{
    if (!(fabs(x) < TWO52)) return x;   /* integral, ±Inf or NaN */
    double t = (double)(int64_t)x;      /* toward zero, exact */
    if (t > x) t -= 1;
    return t == 0 ? copysign(0.0, x) : t;   /* floor(-0.0) is -0.0, floor(-0.5) is -1 */
}

double go_ceil(double x) { return -go_floor(-x); }

double go_round_even(double x)
{
    double a = fabs(x);
    if (!(a < TWO52)) return x;
    /* a + 2^52 lies where the spacing of doubles is 1: the addition rounds
     * a to an integer, halves to even (the default rounding, as in Go) */
    return copysign((a + TWO52) - TWO52, x);
}

/* The remainder by repeated exact subtraction of y scaled to r's binade:
 * every step is exact, so the result is fmod's. */
double go_mod(double x, double y)
{
    if (y == 0 || isinf(x) || isnan(x) || isnan(y)) return NAN;
    y = fabs(y);
    int ye, re;
    double yf = frexp(y, &ye);
    double r = x < 0 ? -x : x;   /* -0.0 stays -0.0 */
    while (r >= y) {
        double rf = frexp(r, &re);
        if (rf < yf) re--;
        r -= ldexp(y, re - ye);
    }
    return x < 0 ? -r : r;
}

/* y is odd: an integer below 2^53 (above it every double is even) */
static int pow_odd(double y)
{
    if (!(fabs(y) < 2 * TWO52)) return 0;
    double i;
    return modf(y, &i) == 0 && ((int64_t)i & 1);
}

double go_pow(double x, double y)
{
    if (y == 0 || x == 1) return 1;
    if (y == 1) return x;
    if (isnan(x) || isnan(y)) return NAN;
    if (x == 0) {
        int neg_odd = signbit(x) && pow_odd(y);
        if (y < 0) return neg_odd ? -INFINITY : INFINITY;
        return neg_odd ? x : 0;
    }
    if (isinf(y)) {
        if (x == -1) return 1;
        return (fabs(x) < 1) == (y > 0) ? 0 : INFINITY;
    }
    if (isinf(x)) {
        if (x < 0) return go_pow(1 / x, -y);   /* as Pow(-0, -y) */
        return y < 0 ? 0 : INFINITY;
    }
    double yi, yf = modf(fabs(y), &yi);
    if (yf != 0) return NAN;   /* not integral: outside what go_pow offers (Go: exp(yf*log x)) */
    if (yi >= 9223372036854775808.0) {   /* even, overflows or underflows unless x is -1 */
        if (x == -1) return 1;
        return (fabs(x) < 1) == (y > 0) ? 0 : INFINITY;
    }
    /* x^yi = a * 2^ae, multiplying in x's fraction squared once per bit of
     * yi, each square brought back into [0.5, 1) */
    double a = 1, f;
    int fe, ae = 0;
    f = frexp(x, &fe);
    for (int64_t i = (int64_t)yi; i != 0; i >>= 1) {
        if (fe < -(1 << 12) || fe > (1 << 12)) {   /* overflow or underflow certain: ldexp's */
            ae += fe;
            break;
        }
        if (i & 1) { a *= f; ae += fe; }
        f *= f;
        fe <<= 1;
        if (f < .5) { f += f; fe--; }
    }
    if (y < 0) { a = 1 / a; ae = -ae; }
    return ldexp(a, ae);
}
