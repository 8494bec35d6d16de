/*
 * schema_format.c - the `format` keyword of values.schema.json.
 *
 * Helm v4: mirrors santhosh-tekuri/jsonschema v6.0 format.go (each
 * validator's rules and error texts; regex is regexp.Compile). Only strings
 * are checked. Whether `format` asserts at all (drafts 4 to 7) is decided
 * by schema.c.
 * Helm v3: mirrors xeipuuv/gojsonschema v1.2.0 format_checkers.go. It
 * always asserts; strings go to each checker, and numbers fail every format
 * it knows (v1.2.0 hands them over as a *big.Rat, and its checkers reject
 * whatever is not a string).
 *
 * The Go library pieces the validators call, mirrored here: time.Parse for
 * the fixed layouts they use (time/format.go parse, getnum, skip, quote),
 * strconv.Atoi (strconv/atoi.go), net/mail.ParseAddress of Go 1.23 (the Go
 * Helm v3 is built with: net/mail/message.go, with mime.WordDecoder.Decode
 * of mime/encodedword.go for display names), net.ParseIP (net/ip.go: netip
 * without a zone). url.Parse and netip.ParseAddr are fn_paths.c's
 * (gonet.h), regexp.Compile is regexp.c's.
 */
#include <stdio.h>
#include <string.h>

#include "chartc/gofmt.h"
#include "chartc/gonet.h"
#include "chartc/regexp.h"
#include "schema_format.h"

/* ---- small Go helpers ---------------------------------------------------- */

/* One rune of s[0..n) as `for range` decodes it (U+FFFD for a bad byte). */
static int sf_rune(const char *s, size_t n, size_t *w)
{
    int r = rx_rune(s, n, w);
    return r < 0 ? 0xFFFD : r;
}

/* fmt's %q of a rune: 'x' with strconv.QuoteRune's escapes */
static const char *sf_qrune(int r)
{
    Buf b = {0};
    Value v = v_int64(r);
    go_sprintf(&b, "%q", 2, 1, &v);
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

static int sf_has(const char *s, size_t n, char c) { return memchr(s, c, n) != NULL; }
static int hexd(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static int hexv(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

/* strconv.Atoi: NULL and *out, or its error text (64-bit int). */
static const char *sf_atoi(const char *s, size_t n, long long *out)
{
    const char *syn = cc_printf("strconv.Atoi: parsing %s: invalid syntax", go_quoted(s, n));
    size_t i = 0;
    int neg = 0;
    if (n && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; i = 1; }
    if (i == n) return syn;
    unsigned long long v = 0, cut = (unsigned long long)1 << 63;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return syn;
        /* ParseUint stops at the first digit that overflows uint64 */
        if (v >= ((unsigned long long)-1) / 10 + 1) return cc_printf("strconv.Atoi: parsing %s: value out of range", go_quoted(s, n));
        unsigned long long v1 = v * 10 + (unsigned long long)(s[i] - '0');
        if (v1 < v * 10) return cc_printf("strconv.Atoi: parsing %s: value out of range", go_quoted(s, n));
        v = v1;
    }
    if ((!neg && v >= cut) || (neg && v > cut)) return cc_printf("strconv.Atoi: parsing %s: value out of range", go_quoted(s, n));
    *out = neg ? -(long long)v : (long long)v;
    return NULL;
}

/* ---- time.Parse over fixed layouts ------------------------------------ */

enum { TL_LIT, TL_YEAR, TL_MON, TL_DAY, TL_HOUR, TL_MIN, TL_SEC, TL_FRAC9, TL_TZ, TL_END };
typedef struct TElem { int kind; const char *text; } TElem;

static const TElem tl_date[] = {{TL_YEAR, "2006"}, {TL_LIT, "-"}, {TL_MON, "01"}, {TL_LIT, "-"}, {TL_DAY, "02"}, {TL_END, NULL}};
static const TElem tl_clock[] = {{TL_HOUR, "15"}, {TL_LIT, ":"}, {TL_MIN, "04"}, {TL_LIT, ":"}, {TL_SEC, "05"}, {TL_END, NULL}};
static const TElem tl_clockz[] = {{TL_HOUR, "15"}, {TL_LIT, ":"}, {TL_MIN, "04"}, {TL_LIT, ":"}, {TL_SEC, "05"},
                                  {TL_TZ, "Z07:00"}, {TL_END, NULL}};
static const TElem tl_rfc3339[] = {{TL_YEAR, "2006"}, {TL_LIT, "-"}, {TL_MON, "01"}, {TL_LIT, "-"}, {TL_DAY, "02"},
                                   {TL_LIT, "T"}, {TL_HOUR, "15"}, {TL_LIT, ":"}, {TL_MIN, "04"}, {TL_LIT, ":"},
                                   {TL_SEC, "05"}, {TL_TZ, "Z07:00"}, {TL_END, NULL}};
static const TElem tl_rfc3339nano[] = {{TL_YEAR, "2006"}, {TL_LIT, "-"}, {TL_MON, "01"}, {TL_LIT, "-"}, {TL_DAY, "02"},
                                       {TL_LIT, "T"}, {TL_HOUR, "15"}, {TL_LIT, ":"}, {TL_MIN, "04"}, {TL_LIT, ":"},
                                       {TL_SEC, "05"}, {TL_FRAC9, ".999999999"}, {TL_TZ, "Z07:00"}, {TL_END, NULL}};


static int t_digit(const char *v, size_t n, size_t i) { return i < n && v[i] >= '0' && v[i] <= '9'; }

/* time.getnum: one or two digits (two when fixed); -1 when bad */
static int t_getnum(const char **v, size_t *n, int fixed)
{
    if (!t_digit(*v, *n, 0)) return -1;
    if (!t_digit(*v, *n, 1)) {
        if (fixed) return -1;
        int r = (*v)[0] - '0';
        (*v)++, (*n)--;
        return r;
    }
    int r = ((*v)[0] - '0') * 10 + (*v)[1] - '0';
    *v += 2, *n -= 2;
    return r;
}

static int t_leap(long y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

/* time.Parse(layout, value) for the layouts above: NULL or Go's error. */
static const char *t_parse(const TElem *lay, const char *layout, const char *value, size_t valn)
{
    const char *v = value;
    size_t vn = valn;
    long year = 0;
    int mon = -1, day = -1;
    for (const TElem *e = lay;; e++) {
        if (e->kind == TL_END) {
            if (vn) return cc_printf("parsing time %s: extra text: %s", go_time_quoted(value, valn), go_time_quoted(v, vn));
            break;
        }
        if (e->kind == TL_LIT) {
            if (!vn || *v != e->text[0])
                return cc_printf("parsing time %s as %s: cannot parse %s as %s", go_time_quoted(value, valn), go_time_quoted(layout, strlen(layout)),
                                 go_time_quoted(v, vn), go_time_quoted(e->text, strlen(e->text)));
            v++, vn--;
            continue;
        }
        const char *hold = v, *range = NULL;
        size_t holdn = vn;
        int ok = 1, x;
        switch (e->kind) {
        case TL_YEAR:
            if (vn < 4 || !t_digit(v, vn, 0)) { ok = 0; break; }
            for (int i = 0; i < 4; i++) if (!t_digit(v, vn, i)) ok = 0;
            if (ok) year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + v[3] - '0';
            v += 4, vn -= 4;
            break;
        case TL_MON:
            x = t_getnum(&v, &vn, 1);
            if (x < 0) ok = 0;
            else if (x <= 0 || x > 12) range = "month";
            mon = x;
            break;
        case TL_DAY:
            x = t_getnum(&v, &vn, 1);
            if (x < 0) ok = 0;
            day = x;
            break;
        case TL_HOUR:
            x = t_getnum(&v, &vn, 0);
            if (x < 0) ok = 0;
            else if (x >= 24) range = "hour";
            break;
        case TL_MIN:
            x = t_getnum(&v, &vn, 1);
            if (x < 0) ok = 0;
            else if (x >= 60) range = "minute";
            break;
        case TL_SEC:
            x = t_getnum(&v, &vn, 1);
            if (x < 0) { ok = 0; break; }
            if (x >= 60) { range = "second"; break; }
            /* a fraction the layout has no place for */
            if (vn >= 2 && (v[0] == '.' || v[0] == ',') && t_digit(v, vn, 1) && e[1].kind != TL_FRAC9) {
                size_t k = 2;
                while (t_digit(v, vn, k)) k++;
                v += k, vn -= k;
            }
            break;
        case TL_FRAC9:
            if (vn < 2 || (v[0] != '.' && v[0] != ',') || !t_digit(v, vn, 1)) break;
            {
                size_t k = 1;
                while (t_digit(v, vn, k)) k++;
                v += k, vn -= k;
            }
            break;
        case TL_TZ: {
            if (vn && v[0] == 'Z') { v++, vn--; break; }
            if (vn < 6 || v[3] != ':') { ok = 0; break; }
            const char *h = v + 1, *m = v + 4;
            size_t two = 2;
            int hr = t_getnum(&h, &two, 1);
            two = 2;
            int mm = hr < 0 ? 0 : t_getnum(&m, &two, 1);
            if (hr < 0 || mm < 0) ok = 0;
            if (hr > 24) range = "time zone offset hour";
            if (mm > 60) range = "time zone offset minute";
            if (v[0] != '+' && v[0] != '-') ok = 0;
            v += 6, vn -= 6;
            break;
        }
        }
        if (range) return cc_printf("parsing time %s: %s out of range", go_time_quoted(value, valn), range);
        if (!ok)
            return cc_printf("parsing time %s as %s: cannot parse %s as %s", go_time_quoted(value, valn), go_time_quoted(layout, strlen(layout)),
                             go_time_quoted(hold, holdn), go_time_quoted(e->text, strlen(e->text)));
    }
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mon < 0) mon = 1;
    if (day < 0) day = 1;
    if (day < 1 || day > mdays[mon - 1] + (mon == 2 && t_leap(year)))
        return cc_printf("parsing time %s: day out of range", go_time_quoted(value, valn));
    return NULL;
}

/* ---- jsonschema v6 (Helm v4) ---------------------------------------------- */

static const char *v6_ipv4(const char *s, size_t n)
{
    int groups = 1;
    for (size_t i = 0; i < n; i++) groups += s[i] == '.';
    if (groups != 4) return "expected four decimals";
    for (size_t i = 0; i <= n;) {
        const char *dot = memchr(s + i, '.', n - i);
        size_t gl = (dot ? (size_t)(dot - s) : n) - i;
        const char *g = s + i;
        if (gl > 1 && g[0] == '0') return "leading zeros";
        long long v;
        const char *err = sf_atoi(g, gl, &v);
        if (err) return err;
        if (v < 0 || v > 255) return "decimal must be between 0 and 255";
        i += gl + 1;
    }
    return NULL;
}

static const char *v6_ipv6(const char *s, size_t n)
{
    if (!sf_has(s, n, ':')) return "missing colon";
    int is4;
    const char *err = go_netip_parse(s, n, &is4);
    if (err) return err;
    if (!is4 && sf_has(s, n, '%')) return "zone id is not a part of ipv6 address";
    return NULL;
}

static const char *v6_hostname(const char *s, size_t n)
{
    if (n && s[n - 1] == '.') n--;
    if (n > 253) return "more than 253 characters long";
    for (size_t i = 0; i <= n;) {
        const char *dot = memchr(s + i, '.', n - i);
        size_t ll = (dot ? (size_t)(dot - s) : n) - i;
        const char *l = s + i;
        if (ll < 1 || ll > 63) return "label must be 1 to 63 characters long";
        if (l[0] == '-') return "label starts with hyphen";
        if (l[ll - 1] == '-') return "label ends with hyphen";
        for (size_t k = 0; k < ll;) {
            size_t w;
            int r = sf_rune(l + k, ll - k, &w);
            if (!((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '-'))
                return cc_printf("invalid character %s", sf_qrune(r));
            k += w;
        }
        i += ll + 1;
    }
    return NULL;
}

static const char *v6_email(const char *s, size_t n)
{
    if (n > 254) return "more than 255 characters long";
    const char *at = NULL;
    for (size_t i = n; i > 0; i--) if (s[i - 1] == '@') { at = s + i - 1; break; }
    if (!at) return "missing @";
    const char *local = s, *dom = at + 1;
    size_t ln = (size_t)(at - s), dn = n - ln - 1;
    if (ln > 64) return "local part more than 64 characters long";
    if (ln > 1 && local[0] == '"') {
        /* quoted (v6 checks the opening quote twice and never the closing one) */
        if (memchr(local + 1, '\\', ln - 2) || memchr(local + 1, '"', ln - 2))
            return "backslash and quote are not allowed within quoted local part";
    } else {
        if (ln && local[0] == '.') return "starts with dot";
        if (ln && local[ln - 1] == '.') return "ends with dot";
        for (size_t i = 0; i + 1 < ln; i++) if (local[i] == '.' && local[i + 1] == '.') return "consecutive dots";
        for (size_t i = 0; i < ln;) {
            size_t w;
            int r = sf_rune(local + i, ln - i, &w);
            if (!((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') ||
                  (r < 0x80 && r && strchr(".!#$%&'*+-/=?^_`{|}~", r))))
                return cc_printf("invalid character %s", sf_qrune(r));
            i += w;
        }
    }
    if (dn && dom[0] == '[' && dom[dn - 1] == ']' && dn >= 2) {
        const char *in = dom + 1, *err;
        size_t inn = dn - 2;
        if (inn >= 5 && memcmp(in, "IPv6:", 5) == 0) {
            if ((err = v6_ipv6(in + 5, inn - 5))) return cc_printf("invalid ipv6 address: %s", err);
            return NULL;
        }
        if ((err = v6_ipv4(in, inn))) return cc_printf("invalid ipv4 address: %s", err);
        return NULL;
    }
    const char *err = v6_hostname(dom, dn);
    return err ? cc_printf("invalid domain: %s", err) : NULL;
}

/* strings.SplitN(s, ":", k) into tok (k pieces at most); returns the count */
static int split_n(const char *s, size_t n, int k, const char **tok, size_t *tn)
{
    int c = 0;
    while (c < k - 1) {
        const char *p = memchr(s, ':', n);
        if (!p) break;
        tok[c] = s; tn[c] = (size_t)(p - s); c++;
        n -= (size_t)(p - s) + 1; s = p + 1;
    }
    tok[c] = s; tn[c] = n;
    return c + 1;
}

static const char *v6_time(const char *str, size_t n)
{
    if (n < 9) return "less than 9 characters long";
    if (str[2] != ':' || str[5] != ':') return "missing colon in correct place";
    const char *tok[3];
    size_t tn[3];
    long long hms[3];
    int c = split_n(str, 8, 3, tok, tn);
    for (int i = 0; i < c; i++) {
        if (sf_atoi(tok[i], tn[i], &hms[i])) return "invalid hour/min/sec";
        if (hms[i] < 0) return "non-positive hour/min/sec";
    }
    if (c != 3) return "missing hour/min/sec";
    long long h = hms[0], m = hms[1], sec = hms[2];
    if (h > 23 || m > 59 || sec > 60) return "hour/min/sec out of range";
    str += 8, n -= 8;
    if (n && str[0] == '.') {
        size_t d = 0;
        while (d + 1 < n && str[1 + d] >= '0' && str[1 + d] <= '9') d++;
        if (!d) return "no digits in second fraction";
        str += 1 + d, n -= 1 + d;
    }
    if (!(n == 1 && (str[0] == 'z' || str[0] == 'Z'))) {
        if (n != 6) return "offset must be 6 characters long";
        int sign;
        if (str[0] == '+') sign = -1;
        else if (str[0] == '-') sign = 1;
        else return "offset must begin with plus/minus";
        str++, n--;
        if (str[2] != ':') return "missing colon in offset in correct place";
        long long zhm[2];
        c = split_n(str, n, 2, tok, tn);
        for (int i = 0; i < c; i++) {
            if (sf_atoi(tok[i], tn[i], &zhm[i])) return "invalid hour/min in offset";
            if (zhm[i] < 0) return "non-positive hour/min in offset";
        }
        if (zhm[0] > 23 || zhm[1] > 59) return "hour/min in offset out of range";
        long long hm = h * 60 + m + sign * (zhm[0] * 60 + zhm[1]);
        if (hm < 0) hm += 24 * 60;
        h = hm / 60, m = hm % 60;
    }
    if (sec >= 60 && (h != 23 || m != 59)) return "invalid leap second";
    return NULL;
}

static const char *v6_date(const char *s, size_t n) { return t_parse(tl_date, "2006-01-02", s, n); }

static const char *v6_date_time(const char *s, size_t n)
{
    if (n < 20) return "less than 20 characters long";
    if (s[10] != 't' && s[10] != 'T') return "11th character must be t or T";
    const char *err = v6_date(s, 10);
    if (err) return cc_printf("invalid date element: %s", err);
    if ((err = v6_time(s + 11, n - 11))) return cc_printf("invalid time element: %s", err);
    return NULL;
}

static const char *v6_duration(const char *s, size_t n)
{
    if (!n || s[0] != 'P') return "must start with P";
    s++, n--;
    if (!n) return "nothing after P";
    if (s[n - 1] == 'W') {
        if (n == 1) return "no number in week";
        for (size_t i = 0; i + 1 < n; i++) if (s[i] < '0' || s[i] > '9') return "invalid week";
        return NULL;
    }
    static const char *const all[] = {"YMD", "HMS"};
    int part = 0;
    for (size_t i = 0; i <= n; part++) {
        const char *t = memchr(s + i, 'T', n - i);
        size_t pn = (t ? (size_t)(t - s) : n) - i;
        const char *p = s + i;
        i += pn + 1;
        if (part != 0 && pn == 0) return "no time elements";
        if (part >= 2) return "more than one T";
        const char *units = all[part];
        while (pn) {
            size_t d = 0;
            while (d < pn && p[d] >= '0' && p[d] <= '9') d++;
            if (!d) return "missing number";
            p += d, pn -= d;
            if (!pn) return "missing unit";
            unsigned char u = (unsigned char)p[0];
            const char *j = u ? strchr(units, u) : NULL;
            if (!j) {
                if (u && strchr(all[part], u)) return cc_printf("unit %s out of order", sf_qrune(u));
                return cc_printf("invalid unit %s", sf_qrune(u));
            }
            units = j + 1;
            p++, pn--;
        }
    }
    return NULL;
}

static const char *v6_period(const char *s, size_t n)
{
    const char *sl = memchr(s, '/', n);
    if (!sl) return "missing slash";
    const char *a = s, *b = sl + 1, *err;
    size_t an = (size_t)(sl - s), bn = n - an - 1;
    if (an && a[0] == 'P') {
        if ((err = v6_duration(a, an))) return cc_printf("invalid start duration: %s", err);
        if ((err = v6_date_time(b, bn))) return cc_printf("invalid end date-time: %s", err);
    } else {
        if ((err = v6_date_time(a, an))) return cc_printf("invalid start date-time: %s", err);
        if (bn && b[0] == 'P') {
            if ((err = v6_duration(b, bn))) return cc_printf("invalid end duration: %s", err);
        } else if ((err = v6_date_time(b, bn))) {
            return cc_printf("invalid end date-time: %s", err);
        }
    }
    return NULL;
}

static const char *v6_json_pointer(const char *s, size_t n)
{
    if (!n) return NULL;
    if (s[0] != '/') return "not starting with /";
    for (size_t i = 1; i < n; i++) {
        if (s[i] != '~') continue;
        if (i + 1 >= n || (s[i + 1] != '0' && s[i + 1] != '1')) return "~ must be followed by 0 or 1";
        i++;
    }
    return NULL;
}

static const char *v6_rel_json_pointer(const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9') d++;
    if (!d) return "must start with non-negative integer";
    if (d > 1 && s[0] == '0') return "starts with zero";
    if (n - d == 1 && s[d] == '#') return NULL;
    return v6_json_pointer(s + d, n - d);
}

static const char *v6_uuid(const char *s, size_t n)
{
    static const size_t want[] = {8, 4, 4, 4, 12};
    int groups = 1;
    for (size_t i = 0; i < n; i++) groups += s[i] == '-';
    if (groups != 5) return "must have 5 elements";
    size_t i = 0;
    for (int g = 0; g < 5; g++) {
        const char *dash = memchr(s + i, '-', n - i);
        size_t gl = (dash ? (size_t)(dash - s) : n) - i;
        if (gl != want[g]) return cc_printf("element %d must be %zu characters long", g + 1, want[g]);
        for (size_t k = 0; k < gl;) {
            size_t w;
            int r = sf_rune(s + i + k, gl - k, &w);
            if (!((r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F')))
                return cc_printf("non-hex character %s", sf_qrune(r));
            k += w;
        }
        i += gl + 1;
    }
    return NULL;
}

/* v6 parseURL: url.Parse, and an IPv6 host must be bracketed and valid */
static const char *v6_parse_url(const char *s, size_t n, GoURL *u)
{
    const char *err = go_url_parse(s, n, u);
    if (err) return err;
    const char *hn = go_url_hostname(u->host);
    if (strchr(hn, ':')) {
        if (!strchr(u->host, '[') || !strchr(u->host, ']')) return "ipv6 address not enclosed in brackets";
        if ((err = v6_ipv6(hn, strlen(hn)))) return cc_printf("invalid ipv6 address: %s", err);
    }
    return NULL;
}

static const char *v6_uri(const char *s, size_t n)
{
    GoURL u;
    const char *err = v6_parse_url(s, n, &u);
    if (err) return err;
    return *u.scheme ? NULL : "relative url";
}

static const char *v6_uri_reference(const char *s, size_t n)
{
    if (sf_has(s, n, '\\')) return "contains \\";
    GoURL u;
    return v6_parse_url(s, n, &u);
}

static const char *v6_uri_template(const char *s, size_t n)
{
    GoURL u;
    const char *err = v6_parse_url(s, n, &u);
    if (err) return err;
    /* each segment of RawPath, percent-decoded: braces alternate { } */
    const char *p = u.raw_path;
    for (;;) {
        const char *sl = strchr(p, '/');
        size_t tn = sl ? (size_t)(sl - p) : strlen(p);
        int want = 1;
        for (size_t i = 0; i < tn; i++) {
            char c = p[i];
            if (c == '%' && i + 2 < tn && hexd(p[i + 1]) && hexd(p[i + 2])) {   /* url.PathUnescape */
                c = (char)(hexv(p[i + 1]) << 4 | hexv(p[i + 2]));
                i += 2;
            }
            if (c != '{' && c != '}') continue;
            if ((c == '{') != want) return "nested curly braces";
            want = !want;
        }
        if (!want) return "no matching closing brace";
        if (!sl) break;
        p = sl + 1;
    }
    return NULL;
}

static const char *v6_semver(const char *s, size_t n)
{
    const char *plus = memchr(s, '+', n);
    if (plus) {
        const char *b = plus + 1;
        size_t bn = n - (size_t)(b - s);
        if (!bn) return "build is empty";
        for (size_t i = 0; i <= bn;) {
            const char *dot = memchr(b + i, '.', bn - i);
            size_t il = (dot ? (size_t)(dot - b) : bn) - i;
            if (!il) return "build identifier is empty";
            for (size_t k = 0; k < il;) {
                size_t w;
                int r = sf_rune(b + i + k, il - k, &w);
                if (!((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '-'))
                    return cc_printf("invalid character %s in build identifier", sf_qrune(r));
                k += w;
            }
            i += il + 1;
        }
        n = (size_t)(plus - s);
    }
    const char *dash = memchr(s, '-', n);
    if (dash) {
        const char *b = dash + 1;
        size_t bn = n - (size_t)(b - s);
        for (size_t i = 0; i <= bn;) {
            const char *dot = memchr(b + i, '.', bn - i);
            size_t il = (dot ? (size_t)(dot - b) : bn) - i;
            if (!il) return "pre-release identifier is empty";
            int digits = 1;
            for (size_t k = 0; k < il;) {
                size_t w;
                int r = sf_rune(b + i + k, il - k, &w);
                if (r >= '0' && r <= '9') {}
                else if ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '-') digits = 0;
                else return cc_printf("invalid character %s in pre-release identifier", sf_qrune(r));
                k += w;
            }
            if (digits && il > 1 && b[i] == '0') return "pre-release numeric identifier starts with zero";
            i += il + 1;
        }
        n = (size_t)(dash - s);
    }
    static const char *const names[] = {"major", "minor", "patch"};
    int parts = 1;
    for (size_t i = 0; i < n; i++) parts += s[i] == '.';
    if (parts != 3) return "versionCore must have 3 numbers separated by dot";
    for (int p = 0, i = 0; p < 3; p++) {
        const char *dot = memchr(s + i, '.', n - i);
        size_t vl = (dot ? (size_t)(dot - s) : n) - i;
        const char *v = s + i;
        if (!vl) return cc_printf("%s is empty", names[p]);
        if (vl > 1 && v[0] == '0') return cc_printf("%s starts with zero", names[p]);
        for (size_t k = 0; k < vl; k++) if (v[k] < '0' || v[k] > '9') return cc_printf("%s contains non-digit", names[p]);
        i += (int)vl + 1;
    }
    return NULL;
}

static const char *v6_regex(const char *s, size_t n)
{
    const char *err = NULL;
    return rx_compile(s, n, &err) ? NULL : err;
}

typedef const char *(*V6Check)(const char *s, size_t n);
static const struct { const char *name; V6Check fn; } v6_formats[] = {
    {"json-pointer", v6_json_pointer}, {"relative-json-pointer", v6_rel_json_pointer}, {"uuid", v6_uuid},
    {"duration", v6_duration}, {"period", v6_period}, {"ipv4", v6_ipv4}, {"ipv6", v6_ipv6},
    {"hostname", v6_hostname}, {"email", v6_email}, {"date", v6_date}, {"time", v6_time},
    {"date-time", v6_date_time}, {"uri", v6_uri}, {"iri", v6_uri}, {"uri-reference", v6_uri_reference},
    {"iri-reference", v6_uri_reference}, {"uri-template", v6_uri_template}, {"semver", v6_semver},
    {"regex", v6_regex},
};

const char *sf_v6_check(const char *fmt, const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof v6_formats / sizeof *v6_formats; i++)
        if (strcmp(v6_formats[i].name, fmt) == 0) return v6_formats[i].fn(s, n);
    return NULL;
}

/* ---- net/mail.ParseAddress (Go 1.23), for gojsonschema's email -------- */

typedef struct MP { const char *s; size_t n; } MP;

static void mp_adv(MP *p, size_t k) { p->s += k; p->n -= k; }
static void mp_skip_space(MP *p) { while (p->n && (p->s[0] == ' ' || p->s[0] == '\t')) mp_adv(p, 1); }
static int mp_consume(MP *p, char c)
{
    if (!p->n || p->s[0] != c) return 0;
    mp_adv(p, 1);
    return 1;
}

static int m_vchar(int r) { return (r >= '!' && r <= '~') || r >= 0x80; }
static int m_wsp(int r) { return r == ' ' || r == '\t'; }
static int m_atext(int r, int dot)
{
    if (r == '.') return dot;
    if (r < 0x80 && r && strchr("()<>[]:;@\\,\"", r)) return 0;
    return m_vchar(r);
}
static int m_qtext(int r) { return r != '\\' && r != '"' && m_vchar(r); }
static int m_dtext(int r) { return r != '[' && r != ']' && r != '\\' && m_vchar(r); }

/* consumeComment ('(' consumed): whether it closes; the text into *c */
static int mp_comment(MP *p, Buf *c)
{
    int depth = 1;
    while (p->n && depth) {
        if (p->s[0] == '\\' && p->n > 1) mp_adv(p, 1);
        else if (p->s[0] == '(') depth++;
        else if (p->s[0] == ')') depth--;
        if (depth > 0 && c) buf_putc(c, p->s[0]);
        mp_adv(p, 1);
    }
    return depth == 0;
}

static int mp_skip_cfws(MP *p)
{
    mp_skip_space(p);
    while (mp_consume(p, '(')) {
        if (!mp_comment(p, NULL)) return 0;
        mp_skip_space(p);
    }
    return 1;
}

/* consumeQuotedString: 1 and the unquoted rune count in *len, or 0 */
static int mp_quoted(MP *p, size_t *len)
{
    size_t i = 1, cnt = 0;
    int esc = 0;
    for (;;) {
        if (i >= p->n) return 0;
        size_t w;
        int r = rx_rune(p->s + i, p->n - i, &w);
        if (r < 0) return 0;
        if (esc) {
            if (!m_vchar(r) && !m_wsp(r)) return 0;
            cnt++;
            esc = 0;
        } else if (m_qtext(r) || m_wsp(r)) {
            cnt++;
        } else if (r == '"') {
            break;
        } else if (r == '\\') {
            esc = 1;
        } else {
            return 0;
        }
        i += w;
    }
    mp_adv(p, i + 1);
    *len = cnt;
    return 1;
}

/* consumeAtom: 1 and the atom, or 0 */
static int mp_atom(MP *p, int dot, int permissive, const char **a, size_t *an)
{
    size_t i = 0;
    while (i < p->n) {
        size_t w;
        int r = rx_rune(p->s + i, p->n - i, &w);
        if (r < 0) return 0;
        if (!m_atext(r, dot)) break;
        i += w;
    }
    if (!i) return 0;
    const char *s = p->s;
    mp_adv(p, i);
    if (!permissive) {
        if (s[0] == '.' || s[i - 1] == '.') return 0;
        for (size_t k = 0; k + 1 < i; k++) if (s[k] == '.' && s[k + 1] == '.') return 0;
    }
    *a = s, *an = i;
    return 1;
}

/* net.ParseIP: netip without a zone */
static int go_parse_ip(const char *s, size_t n)
{
    int is4;
    if (go_netip_parse(s, n, &is4)) return 0;
    return is4 || !sf_has(s, n, '%');
}

static int mp_domain_literal(MP *p)
{
    if (!mp_consume(p, '[')) return 0;
    const char *d = p->s;
    size_t dn = 0;
    for (;;) {
        if (!p->n) return 0;
        if (p->s[0] == ']') break;
        size_t w;
        int r = rx_rune(p->s, p->n, &w);
        if (r < 0 || !m_dtext(r)) return 0;
        dn += w;
        mp_adv(p, w);
    }
    mp_adv(p, 1);
    return go_parse_ip(d, dn);
}

/* consumeAddrSpec; the parser is left as it was when it fails */
static int mp_addr_spec(MP *p)
{
    MP orig = *p;
    const char *a;
    size_t an, qn;
    mp_skip_space(p);
    int ok = p->n > 0;
    if (ok && p->s[0] == '"') ok = mp_quoted(p, &qn) && qn > 0;
    else if (ok) ok = mp_atom(p, 1, 0, &a, &an);
    ok = ok && mp_consume(p, '@');
    if (ok) { mp_skip_space(p); ok = p->n > 0; }
    if (ok && p->s[0] == '[') ok = mp_domain_literal(p);
    else if (ok) ok = mp_atom(p, 1, 0, &a, &an);
    if (!ok) *p = orig;
    return ok;
}

static int b64_val(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}


/* decodeRFC2047Word's error: a well-formed encoded-word whose charset
 * mime.WordDecoder cannot convert (all others are ignored or decoded) */
static int mp_word_error(const char *w, size_t n)
{
    int q = 0;
    for (size_t i = 0; i < n; i++) q += w[i] == '?';
    if (n < 8 || memcmp(w, "=?", 2) || memcmp(w + n - 2, "?=", 2) || q != 4) return 0;
    const char *cs = w + 2, *q1 = memchr(cs, '?', n - 2);
    size_t csn = (size_t)(q1 - cs);
    if (!csn) return 0;
    const char *enc = q1 + 1, *q2 = memchr(enc, '?', (size_t)(w + n - enc));
    if (q2 - enc != 1) return 0;
    const char *t = q2 + 1;
    size_t tn = (size_t)(w + n - 2 - t);
    char e = enc[0];
    if (e == 'B' || e == 'b') {
        /* base64.StdEncoding: whole quanta, at most two '=' at the end */
        if (tn % 4) return 0;
        size_t pad = 0;
        while (pad < tn && pad < 2 && t[tn - 1 - pad] == '=') pad++;
        for (size_t i = 0; i < tn - pad; i++) if (!b64_val(t[i])) return 0;
    } else if (e == 'Q' || e == 'q') {
        for (size_t i = 0; i < tn; i++) {
            char c = t[i];
            if (c == '=') {
                if (i + 2 >= tn || !hexd(t[i + 1]) || !hexd(t[i + 2])) return 0;
                i += 2;
            } else if (!((c >= ' ' && c <= '~') || c == '\n' || c == '\r' || c == '\t')) {
                return 0;
            }
        }
    } else {
        return 0;
    }
    static const char *const known[] = {"utf-8", "iso-8859-1", "us-ascii"};
    for (size_t k = 0; k < 3; k++)
        if (strlen(known[k]) == csn && strncasecmp(known[k], cs, csn) == 0) return 0;
    return 1;
}

/* consumePhrase */
static int mp_phrase(MP *p)
{
    int words = 0, err = 0;
    for (;;) {
        if (words && !mp_skip_cfws(p)) return 0;
        mp_skip_space(p);
        if (!p->n) break;
        if (p->s[0] == '"') {
            size_t qn;
            err = !mp_quoted(p, &qn);
        } else {
            const char *a;
            size_t an;
            err = !mp_atom(p, 1, 1, &a, &an) || mp_word_error(a, an);
        }
        if (err) break;
        words++;
    }
    return !(err && !words);
}

static int mp_address(MP *p, int group, int *count);

static int mp_group_list(MP *p, int *count)
{
    *count = 0;
    mp_skip_space(p);
    if (mp_consume(p, ';')) return mp_skip_cfws(p);
    for (;;) {
        int c;
        mp_skip_space(p);
        if (!mp_address(p, 0, &c)) return 0;
        *count += c;
        if (!mp_skip_cfws(p)) return 0;
        if (mp_consume(p, ';')) return mp_skip_cfws(p);
        if (!mp_consume(p, ',')) return 0;
    }
}

/* parseAddress: 1 and the number of addresses, or 0 */
static int mp_address(MP *p, int group, int *count)
{
    *count = 1;
    mp_skip_space(p);
    if (!p->n) return 0;
    if (mp_addr_spec(p)) {
        mp_skip_space(p);
        if (p->n && p->s[0] == '(') {
            /* consumeDisplayNameComment */
            mp_adv(p, 1);
            Buf c = {0};
            int ok = mp_comment(p, &c);
            const char *t = c.p ? c.p : "";
            for (size_t i = 0; ok && i < c.len;) {
                while (i < c.len && (t[i] == ' ' || t[i] == '\t')) i++;
                size_t j = i;
                while (j < c.len && t[j] != ' ' && t[j] != '\t') j++;
                if (j > i && mp_word_error(t + i, j - i)) ok = 0;
                i = j;
            }
            buf_free(&c);
            return ok;
        }
        return 1;
    }
    if (p->s[0] != '<' && !mp_phrase(p)) return 0;
    mp_skip_space(p);
    if (group && mp_consume(p, ':')) return mp_group_list(p, count);
    if (!mp_consume(p, '<')) return 0;
    if (!mp_addr_spec(p)) return 0;
    return mp_consume(p, '>');
}

static int go_parse_address(const char *s, size_t n)
{
    MP p = {s, n};
    int c;
    if (!mp_address(&p, 1, &c)) return 0;
    if (!mp_skip_cfws(&p) || p.n) return 0;
    return c == 1;
}

/* ---- gojsonschema v1.2.0 (Helm v3) ------------------------------------- */

static int v3_hostname(const char *s, size_t n)
{
    /* ^(label)(\.label)*$, label [a-zA-Z0-9] or [a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9] */
    if (n >= 256) return 0;
    for (size_t i = 0; i <= n;) {
        const char *dot = memchr(s + i, '.', n - i);
        size_t ll = (dot ? (size_t)(dot - s) : n) - i;
        const char *l = s + i;
        if (ll < 1 || ll > 63) return 0;
        for (size_t k = 0; k < ll; k++) {
            char c = l[k];
            int an = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!an && !(c == '-' && k > 0 && k + 1 < ll)) return 0;
        }
        i += ll + 1;
    }
    return 1;
}

static int v3_uuid(const char *s, size_t n)
{
    static const size_t at[] = {8, 13, 18, 23};
    if (n != 36) return 0;
    for (size_t i = 0, d = 0; i < n; i++) {
        if (d < 4 && i == at[d]) { if (s[i] != '-') return 0; d++; continue; }
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    }
    return 1;
}

/* ^(?:/(?:[^~/]|~0|~1)*)*$ */
static int v3_json_pointer(const char *s, size_t n)
{
    if (n && s[0] != '/') return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '~' && (i + 1 >= n || (s[i + 1] != '0' && s[i + 1] != '1'))) return 0;
    return 1;
}

/* ^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$ */
static int v3_rel_json_pointer(const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9') d++;
    if (!d || (d > 1 && s[0] == '0')) return 0;
    if (n - d == 1 && s[d] == '#') return 1;
    return v3_json_pointer(s + d, n - d);
}

/* ^([^{]*({[^}]*})?)*$: every '{' closed by a later '}' */
static int v3_template_braces(const char *p)
{
    for (; *p; p++) {
        if (*p != '{') continue;
        p = strchr(p, '}');
        if (!p) return 0;
    }
    return 1;
}

static int v3_string(const char *fmt, const char *s, size_t n, int *known)
{
    GoURL u;
    *known = 1;
    if (!strcmp(fmt, "email") || !strcmp(fmt, "idn-email")) return go_parse_address(s, n);
    if (!strcmp(fmt, "ipv4")) return go_parse_ip(s, n) && sf_has(s, n, '.');
    if (!strcmp(fmt, "ipv6")) return go_parse_ip(s, n) && sf_has(s, n, ':');
    if (!strcmp(fmt, "date-time"))
        return !t_parse(tl_clock, "15:04:05", s, n) || !t_parse(tl_clockz, "15:04:05Z07:00", s, n) ||
               !t_parse(tl_date, "2006-01-02", s, n) || !t_parse(tl_rfc3339, "2006-01-02T15:04:05Z07:00", s, n) ||
               !t_parse(tl_rfc3339nano, "2006-01-02T15:04:05.999999999Z07:00", s, n);
    if (!strcmp(fmt, "date")) return !t_parse(tl_date, "2006-01-02", s, n);
    if (!strcmp(fmt, "time")) return !t_parse(tl_clockz, "15:04:05Z07:00", s, n) || !t_parse(tl_clock, "15:04:05", s, n);
    if (!strcmp(fmt, "uri") || !strcmp(fmt, "iri"))
        return !go_url_parse(s, n, &u) && *u.scheme && !sf_has(s, n, '\\');
    if (!strcmp(fmt, "uri-reference") || !strcmp(fmt, "iri-reference"))
        return !go_url_parse(s, n, &u) && !sf_has(s, n, '\\');
    if (!strcmp(fmt, "uri-template"))
        return !go_url_parse(s, n, &u) && !sf_has(s, n, '\\') && v3_template_braces(u.path);
    if (!strcmp(fmt, "hostname")) return v3_hostname(s, n);
    if (!strcmp(fmt, "uuid")) return v3_uuid(s, n);
    if (!strcmp(fmt, "regex")) {
        const char *err;
        return !n || rx_compile(s, n, &err) != NULL;
    }
    if (!strcmp(fmt, "json-pointer")) return v3_json_pointer(s, n);
    if (!strcmp(fmt, "relative-json-pointer")) return v3_rel_json_pointer(s, n);
    *known = 0;
    return 1;
}

int sf_v3_check(const char *fmt, Value v)
{
    int known;
    if (v.t == VT_STR) return v3_string(fmt, v.u.s, v.n, &known);
    if (v.t != VT_INT && v.t != VT_FLOAT) return 1;
    v3_string(fmt, "", 0, &known);
    return !known;
}
