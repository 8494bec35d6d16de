/*
 * fn_paths.c - base dir ext clean isAbs (Go path), their os* twins (Go
 * path/filepath, identical on Linux), urlParse and urlJoin (Go net/url).
 * Mirrors Masterminds/sprig v3.3.0 functions.go + url.go, Go src/path/path.go
 * and src/net/url/url.go (Parse, String, escape/unescape rules).
 */
#include <string.h>

#include "chartc/gostd.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/gonet.h"

/* ---- Go path ---------------------------------------------------------- */

static Value pa_clean(const char *p, size_t n)
{
    size_t m;
    const char *c = go_path_clean_n(p, n, &m);
    return v_str(c, m);
}


Value fn_path_clean(Exec *x, int argc, Value *argv) { return pa_clean(argv[0].u.s, argv[0].n); }

/* path.Base */
Value fn_path_base(Exec *x, int argc, Value *argv)
{
    const char *p = argv[0].u.s;
    size_t n = argv[0].n;
    if (n == 0) return v_cstr(".");
    while (n > 0 && p[n - 1] == '/') n--;
    if (n == 0) return v_cstr("/");
    size_t i = n;
    while (i > 0 && p[i - 1] != '/') i--;
    return v_strdup(p + i, n - i);
}

/* path.Dir: Clean of everything up to the last slash */
Value fn_path_dir(Exec *x, int argc, Value *argv)
{
    const char *p = argv[0].u.s;
    size_t i = argv[0].n;
    while (i > 0 && p[i - 1] != '/') i--;
    return pa_clean(p, i);
}

/* path.Ext */
Value fn_path_ext(Exec *x, int argc, Value *argv)
{
    const char *p = argv[0].u.s;
    for (size_t i = argv[0].n; i > 0 && p[i - 1] != '/'; i--)
        if (p[i - 1] == '.') return v_strdup(p + i - 1, argv[0].n - i + 1);
    return v_str("", 0);
}

Value fn_path_is_abs(Exec *x, int argc, Value *argv) { return v_bool(argv[0].n > 0 && argv[0].u.s[0] == '/'); }

/* ---- Go net/url ---------------------------------------------------------- */

enum { U_PATH = 1, U_PATH_SEGMENT, U_HOST, U_ZONE, U_USERPASS, U_QUERY, U_FRAGMENT };

static int u_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static int u_ishex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int u_unhex(unsigned char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* url.shouldEscape */
static int u_should_escape(unsigned char c, int mode)
{
    if (u_alnum(c)) return 0;
    if ((mode == U_HOST || mode == U_ZONE) && c && strchr("!$&'()*+,;=:[]<>\"", c)) return 0;
    if (c && strchr("-_.~", c)) return 0;
    if (c && strchr("$&+,/:;=?@", c)) {
        switch (mode) {
        case U_PATH_SEGMENT: return c == '/' || c == ';' || c == ',' || c == '?';
        case U_PATH: return c == '?';
        case U_USERPASS: return c == '@' || c == '/' || c == '?' || c == ':';
        case U_QUERY: return 1;
        case U_FRAGMENT: return 0;
        }
    }
    if (mode == U_FRAGMENT && c && strchr("!()*", c)) return 0;
    return 1;
}

/* url.escape */
static void u_escape(Buf *b, const char *s, size_t n, int mode)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (!u_should_escape(c, mode)) buf_putc(b, c);
        else if (c == ' ' && mode == U_QUERY) buf_putc(b, '+');
        else buf_printf(b, "%%%02X", c);
    }
}

/* url.unescape: NULL or the error text */
static const char *u_unescape(const char *s, size_t n, int mode, Buf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '%') {
            if (i + 2 >= n || !u_ishex(s[i + 1]) || !u_ishex(s[i + 2])) {
                size_t k = n - i > 3 ? 3 : n - i;
                Buf q = {0};
                go_quote(&q, s + i, k, 0);
                const char *e = cc_printf("invalid URL escape %s", buf_cstr(&q));
                buf_free(&q);
                return e;
            }
            if (mode == U_HOST && u_unhex(s[i + 1]) < 8 && memcmp(s + i, "%25", 3) != 0) {
                Buf q = {0};
                go_quote(&q, s + i, 3, 0);
                const char *e = cc_printf("invalid URL escape %s", buf_cstr(&q));
                buf_free(&q);
                return e;
            }
            unsigned char v = (unsigned char)(u_unhex(s[i + 1]) << 4 | u_unhex(s[i + 2]));
            /* a zone may escape only bytes it could hold unescaped (or a space) */
            if (mode == U_ZONE && memcmp(s + i, "%25", 3) != 0 && v != ' ' && u_should_escape(v, U_HOST)) {
                Buf q = {0};
                go_quote(&q, s + i, 3, 0);
                const char *e = cc_printf("invalid URL escape %s", buf_cstr(&q));
                buf_free(&q);
                return e;
            }
            buf_putc(out, (char)v);
            i += 2;
            continue;
        }
        if ((mode == U_HOST || mode == U_ZONE) && c < 0x80 && u_should_escape(c, mode)) {
            Buf q = {0};
            go_quote(&q, s + i, 1, 0);
            const char *e = cc_printf("invalid character %s in host name", buf_cstr(&q));
            buf_free(&q);
            return e;
        }
        buf_putc(out, (char)c);
    }
    return NULL;
}

static int u_valid_port(const char *p, size_t n)
{
    if (n == 0) return 1;
    if (p[0] != ':') return 0;
    for (size_t i = 1; i < n; i++) if (p[i] < '0' || p[i] > '9') return 0;
    return 1;
}

typedef GoURL UrlParts;

static const char *u_str(Buf *b)
{
    const char *s = b->p ? buf_arena(b) : "";
    buf_free(b);
    return s;
}

static const char *u_memrchr(const char *s, size_t n, char c)
{
    while (n > 0) if (s[--n] == c) return s + n;
    return NULL;
}

/* Go's %q of s[0..n) (arena). */
static const char *u_q(const char *s, size_t n)
{
    Buf q = {0};
    go_quote(&q, s, n, 0);
    const char *r = buf_arena(&q);
    buf_free(&q);
    return r;
}

/* netip.parseAddrError text: ParseAddr("in"): msg[ (at "at")] */
static const char *ip_err(const char *in, size_t n, const char *msg, const char *at)
{
    if (at && *at) return cc_printf("ParseAddr(%s): %s (at %s)", u_q(in, n), msg, u_q(at, strlen(at)));
    return cc_printf("ParseAddr(%s): %s", u_q(in, n), msg);
}

/* netip.parseIPv4Fields over in[off..end): NULL or the error text */
static const char *ip_v4_fields(const char *in, size_t n, size_t off, size_t end)
{
    const char *s = in + off;
    size_t sn = end - off;
    int val = 0, pos = 0, dig = 0;
    for (size_t i = 0; i < sn; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (dig == 1 && val == 0) return ip_err(in, n, "IPv4 field has octet with leading zero", NULL);
            val = val * 10 + (s[i] - '0');
            dig++;
            if (val > 255) return ip_err(in, n, "IPv4 field has value >255", NULL);
        } else if (s[i] == '.') {
            if (i == 0 || i == sn - 1 || s[i - 1] == '.')
                return ip_err(in, n, "IPv4 field must have at least one digit", cc_strndup(s + i, sn - i));
            if (pos == 3) return ip_err(in, n, "IPv4 address too long", NULL);
            pos++;
            val = dig = 0;
        } else {
            return ip_err(in, n, "unexpected character", cc_strndup(s + i, sn - i));
        }
    }
    if (pos < 3) return ip_err(in, n, "IPv4 address too short", NULL);
    return NULL;
}

/* netip.ParseAddr (Go 1.25): NULL or the error text; *is4 for an IPv4. */
static const char *ip_parse(const char *in, size_t n, int *is4)
{
    *is4 = 0;
    size_t k;
    for (k = 0; k < n; k++) {
        if (in[k] == '.') {
            *is4 = 1;
            return ip_v4_fields(in, n, 0, n);
        }
        if (in[k] == ':') break;
        if (in[k] == '%') return ip_err(in, n, "missing IPv6 address", NULL);
    }
    if (k == n) return ip_err(in, n, "unable to parse IP", NULL);
    /* parseIPv6 */
    const char *pct = memchr(in, '%', n);
    size_t sn = pct ? (size_t)(pct - in) : n, zlen = pct ? n - sn - 1 : 0;
    if (pct && zlen == 0) return ip_err(in, n, "zone must be a non-empty string", NULL);
    const char *s = in;
    int ellipsis = -1, i = 0;
#define REST cc_strndup(s, sn)
    if (sn >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        s += 2, sn -= 2;
        if (sn == 0) return NULL;
    }
    while (i < 16) {
        size_t off = 0;
        unsigned acc = 0;
        for (; off < sn; off++) {
            char c = s[off];
            if (c >= '0' && c <= '9') acc = (acc << 4) + (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f') acc = (acc << 4) + (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') acc = (acc << 4) + (unsigned)(c - 'A' + 10);
            else break;
            if (off > 3) return ip_err(in, n, "each group must have 4 or less digits", REST);
            if (acc > 0xffff) return ip_err(in, n, "IPv6 field has value >=2^16", REST);
        }
        if (off == 0) return ip_err(in, n, "each colon-separated field must have at least one digit", REST);
        if (off < sn && s[off] == '.') {
            if (ellipsis < 0 && i != 12)
                return ip_err(in, n, "embedded IPv4 address must replace the final 2 fields of the address", REST);
            if (i + 4 > 16)
                return ip_err(in, n, "too many hex fields to fit an embedded IPv4 at the end of the address", REST);
            size_t end = n - (zlen ? zlen + 1 : 0);
            const char *e = ip_v4_fields(in, n, end - sn, end);
            if (e) return e;
            sn = 0;
            i += 4;
            break;
        }
        i += 2;
        s += off, sn -= off;
        if (sn == 0) break;
        if (s[0] != ':') return ip_err(in, n, "unexpected character, want colon", REST);
        if (sn == 1) return ip_err(in, n, "colon must be followed by more characters", REST);
        s++, sn--;
        if (s[0] == ':') {
            if (ellipsis >= 0) return ip_err(in, n, "multiple :: in address", REST);
            ellipsis = i;
            s++, sn--;
            if (sn == 0) break;
        }
    }
    if (sn != 0) return ip_err(in, n, "trailing garbage after address", REST);
#undef REST
    if (i < 16) {
        if (ellipsis < 0) return ip_err(in, n, "address string too short", NULL);
    } else if (ellipsis >= 0) {
        return ip_err(in, n, "the :: must expand to at least one field of zeros", NULL);
    }
    return NULL;
}

static const char *u_find(const char *s, size_t n, const char *pat, size_t pn)
{
    for (size_t i = 0; i + pn <= n; i++)
        if (memcmp(s + i, pat, pn) == 0) return s + i;
    return NULL;
}

/* url.parseHost (Go 1.25 for Helm v4: a bracketed host must be an IPv6
 * address and '[' may only open the host; Go 1.23 for Helm v3). */
static const char *u_parse_host(const char *h, size_t n, const char **out)
{
    Buf b = {0};
    const char *err = NULL;
    const char *lb = u_memrchr(h, n, '[');
    if (cc_helm_major >= 4 && lb && lb > h) return "invalid IP-literal";
    if (n > 0 && h[0] == '[') {
        const char *rb = u_memrchr(h, n, ']');
        if (!rb) return "missing ']' in host";
        size_t cp = rb + 1 - h;
        if (!u_valid_port(h + cp, n - cp)) return cc_printf("invalid port %s after host", u_q(h + cp, n - cp));
        /* an IPv6 zone ("[fe80::1%25en0]") is unescaped by its own rules */
        const char *zone = u_find(h, rb - h, "%25", 3);
        if (cc_helm_major >= 4) {
            const char *hn = h + 1;
            if (zone) {
                err = u_unescape(hn, zone - hn, U_HOST, &b);
                if (!err) err = u_unescape(zone, rb - zone, U_ZONE, &b);
            } else {
                err = u_unescape(hn, rb - hn, U_HOST, &b);
            }
            if (!err) {
                int is4;
                const char *un = b.p ? b.p : "";
                const char *e = ip_parse(un, b.len, &is4);
                if (e) err = cc_printf("invalid host: %s", e);
                else if (is4) err = "invalid IP-literal";
            }
            if (err) { buf_free(&b); return err; }
            Buf r = {0};
            buf_putc(&r, '[');
            buf_put(&r, b.p ? b.p : "", b.len);
            buf_putc(&r, ']');
            buf_put(&r, h + cp, n - cp);
            buf_free(&b);
            *out = u_str(&r);
            return NULL;
        }
        if (zone) {
            err = u_unescape(h, zone - h, U_HOST, &b);
            if (!err) err = u_unescape(zone, rb - zone, U_ZONE, &b);
            if (!err) err = u_unescape(rb, n - (rb - h), U_HOST, &b);
            if (err) { buf_free(&b); return err; }
            *out = u_str(&b);
            return NULL;
        }
    } else {
        const char *colon = u_memrchr(h, n, ':');
        if (colon && !u_valid_port(colon, n - (colon - h)))
            return cc_printf("invalid port %s after host", u_q(colon, n - (colon - h)));
    }
    err = u_unescape(h, n, U_HOST, &b);
    if (err) { buf_free(&b); return err; }
    *out = u_str(&b);
    return NULL;
}

static int u_valid_userinfo(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (u_alnum(c)) continue;
        if (c && strchr("-._:~!$&'()*+,;=%@", c)) continue;
        return 0;
    }
    return 1;
}

/* url.Parse (without the "parse %q: " wrapping). */
static const char *u_parse(const char *raw, size_t rn, UrlParts *u)
{
    memset(u, 0, sizeof *u);
    u->scheme = u->opaque = u->host = u->path = u->raw_path = u->query = u->fragment = u->user = "";
    const char *hash = memchr(raw, '#', rn);
    size_t n = hash ? (size_t)(hash - raw) : rn;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)raw[i] < 0x20 || raw[i] == 0x7f) return "net/url: invalid control character in URL";
    const char *rest = raw;
    size_t restn = n;
    if (n == 1 && raw[0] == '*') { u->path = "*"; goto frag; }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = raw[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0) break;
            continue;
        }
        if (c == ':') {
            if (i == 0) return "missing protocol scheme";
            char *sc = cc_strndup(raw, i);
            for (char *q = sc; *q; q++) if (*q >= 'A' && *q <= 'Z') *q += 32;
            u->scheme = sc;
            rest = raw + i + 1;
            restn = n - i - 1;
        }
        break;
    }
    {
        const char *qm = memchr(rest, '?', restn);
        if (qm) {
            u->query = cc_strndup(qm + 1, restn - (qm + 1 - rest));
            restn = qm - rest;
        }
    }
    if (restn == 0 || rest[0] != '/') {
        if (*u->scheme) { u->opaque = cc_strndup(rest, restn); goto frag; }
        const char *sl = memchr(rest, '/', restn);
        size_t segn = sl ? (size_t)(sl - rest) : restn;
        if (memchr(rest, ':', segn)) return "first path segment in URL cannot contain colon";
    }
    if ((*u->scheme || !(restn >= 3 && memcmp(rest, "///", 3) == 0)) && restn >= 2 && rest[0] == '/' && rest[1] == '/') {
        const char *auth = rest + 2;
        size_t an = restn - 2;
        const char *sl = memchr(auth, '/', an);
        rest = sl ? sl : auth + an;
        restn = sl ? an - (sl - auth) : 0;
        if (sl) an = sl - auth;
        const char *at = u_memrchr(auth, an, '@');
        const char *err;
        if (!at) {
            err = u_parse_host(auth, an, &u->host);
            if (err) return err;
        } else {
            err = u_parse_host(at + 1, an - (at + 1 - auth), &u->host);
            if (err) return err;
            size_t un = at - auth;
            if (!u_valid_userinfo(auth, un)) return "net/url: invalid userinfo";
            const char *colon = memchr(auth, ':', un);
            Buf b = {0};
            err = u_unescape(auth, colon ? (size_t)(colon - auth) : un, U_USERPASS, &b);
            if (err) { buf_free(&b); return err; }
            const char *name = u_str(&b);
            Buf ub = {0};
            u_escape(&ub, name, strlen(name), U_USERPASS);
            if (colon) {
                err = u_unescape(colon + 1, un - (colon + 1 - auth), U_USERPASS, &b);
                if (err) { buf_free(&b); buf_free(&ub); return err; }
                const char *pw = u_str(&b);
                buf_putc(&ub, ':');
                u_escape(&ub, pw, strlen(pw), U_USERPASS);
            }
            u->user = u_str(&ub);
            u->has_user = 1;
        }
    }
    {
        Buf b = {0};
        const char *err = u_unescape(rest, restn, U_PATH, &b);
        if (err) { buf_free(&b); return err; }
        u->path = u_str(&b);
        /* URL.setPath: RawPath keeps the text when escaping Path differs from it */
        Buf e = {0};
        u_escape(&e, u->path, strlen(u->path), U_PATH);
        if (e.len != restn || memcmp(e.p ? e.p : "", rest, restn)) u->raw_path = cc_strndup(rest, restn);
        buf_free(&e);
    }
frag:
    if (hash) {
        Buf b = {0};
        const char *err = u_unescape(hash + 1, rn - n - 1, U_FRAGMENT, &b);
        if (err) { buf_free(&b); return err; }
        u->fragment = u_str(&b);
    }
    return NULL;
}

/* URL.Hostname */
static const char *u_hostname(const char *h)
{
    size_t n = strlen(h);
    const char *colon = u_memrchr(h, n, ':');
    if (colon && u_valid_port(colon, n - (colon - h))) n = colon - h;
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') return cc_strndup(h + 1, n - 2);
    return cc_strndup(h, n);
}

const char *go_url_parse(const char *s, size_t n, GoURL *u)
{
    const char *err = u_parse(s, n, u);
    if (!err) return NULL;
    /* url.Parse cuts the fragment off first: an error in the rest quotes
     * the URL without it, one in the fragment the whole URL */
    const char *hash = memchr(s, '#', n);
    GoURL pre;
    size_t qn = hash && u_parse(s, (size_t)(hash - s), &pre) ? (size_t)(hash - s) : n;
    return cc_printf("parse %s: %s", u_q(s, qn), err);
}

const char *go_url_hostname(const char *host) { return u_hostname(host); }

const char *go_netip_parse(const char *s, size_t n, int *is4) { return ip_parse(s, n, is4); }

/* urlParse URL -> dict of its parts */
Value fn_url_parse(Exec *x, int argc, Value *argv)
{
    UrlParts u;
    const char *err = u_parse(argv[0].u.s, argv[0].n, &u);
    if (err) {
        /* url.Parse cuts the fragment off first: an error in the rest
         * quotes the URL without it, one in the fragment the whole URL */
        size_t qn = argv[0].n;
        const char *hash = memchr(argv[0].u.s, '#', qn);
        UrlParts pre;
        if (hash && u_parse(argv[0].u.s, (size_t)(hash - argv[0].u.s), &pre)) qn = (size_t)(hash - argv[0].u.s);
        Buf q = {0};
        go_quote(&q, argv[0].u.s, qn, 0);
        const char *qs = buf_arena(&q);
        buf_free(&q);
        fn_error(x, "unable to parse url: parse %s: %s", qs, err);
    }
    Value m = v_newmap(8);
    map_setc(m.u.m, "scheme", v_cstr(u.scheme));
    map_setc(m.u.m, "host", v_cstr(u.host));
    map_setc(m.u.m, "hostname", v_cstr(u_hostname(u.host)));
    map_setc(m.u.m, "path", v_cstr(u.path));
    map_setc(m.u.m, "query", v_cstr(u.query));
    map_setc(m.u.m, "opaque", v_cstr(u.opaque));
    map_setc(m.u.m, "fragment", v_cstr(u.fragment));
    map_setc(m.u.m, "userinfo", v_cstr(u.user));
    return m;
}

/* sprig dictGetOrEmpty: a present key must hold a string */
static const char *u_get(Exec *x, Map *m, const char *key)
{
    Value *v = m ? map_getc(m, key) : NULL;
    if (!v) return "";
    /* a nil value: reflect.TypeOf(nil).Kind() is a nil-pointer panic */
    if (v->t == VT_NIL) fn_error(x, "runtime error: invalid memory address or nil pointer dereference");
    if (!v_is_str(*v)) {
        const char *k = v->t == VT_INT && v->g == GT_INT ? "int" : v_kind(*v);
        fn_error(x, "unable to parse %s key, must be of type string, but %s found", key, k);
    }
    return cc_strndup(v->u.s, v->n);
}

/* urlJoin DICT -> URL.String() of the parts */
Value fn_url_join(Exec *x, int argc, Value *argv)
{
    Map *m = argv[0].t == VT_MAP ? argv[0].u.m : NULL;
    const char *scheme = u_get(x, m, "scheme"), *host = u_get(x, m, "host");
    const char *path = u_get(x, m, "path"), *query = u_get(x, m, "query");
    const char *opaque = u_get(x, m, "opaque"), *fragment = u_get(x, m, "fragment");
    const char *userinfo = u_get(x, m, "userinfo");
    const char *user = NULL;
    if (*userinfo) {
        const char *raw = cc_printf("proto://%s@host", userinfo);
        UrlParts t;
        const char *err = u_parse(raw, strlen(raw), &t);
        if (err) {
            Buf q = {0};
            go_quote(&q, raw, strlen(raw), 0);
            const char *qs = buf_arena(&q);
            buf_free(&q);
            fn_error(x, "unable to parse userinfo in dict: parse %s: %s", qs, err);
        }
        user = t.has_user ? t.user : NULL;
    }
    Buf b = {0};
    if (*scheme) { buf_puts(&b, scheme); buf_putc(&b, ':'); }
    if (*opaque) {
        buf_puts(&b, opaque);
    } else {
        if (*scheme || *host || user) {
            if (*host || *path || user) buf_puts(&b, "//");
            if (user) { buf_puts(&b, user); buf_putc(&b, '@'); }
            if (*host) u_escape(&b, host, strlen(host), U_HOST);
        }
        Buf pb = {0};
        if (strcmp(path, "*") == 0) buf_putc(&pb, '*');
        else u_escape(&pb, path, strlen(path), U_PATH);
        const char *ep = pb.p ? buf_cstr(&pb) : "";
        if (*ep && ep[0] != '/' && *host) buf_putc(&b, '/');
        if (b.len == 0) {
            const char *sl = strchr(ep, '/');
            size_t segn = sl ? (size_t)(sl - ep) : strlen(ep);
            if (memchr(ep, ':', segn)) buf_puts(&b, "./");
        }
        buf_puts(&b, ep);
        buf_free(&pb);
    }
    if (*query) { buf_putc(&b, '?'); buf_puts(&b, query); }
    if (*fragment) { buf_putc(&b, '#'); u_escape(&b, fragment, strlen(fragment), U_FRAGMENT); }
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}
