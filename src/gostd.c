/*
 * gostd.c - Go standard library pieces shared by several modules (see
 * gostd.h). Mirrors go src/path/path.go Clean and the invalid-UTF-8
 * handling of src/encoding/json/encode.go appendString.
 */
#include "chartc/gostd.h"
#include "chartc/gofmt.h"

#include <stdio.h>
#include <string.h>

/* path.Clean: the lexical rules of Rob Pike's "Lexical File Names in Plan 9". */
char *go_path_clean(const char *p, size_t n)
{
    if (n == 0) return cc_strdup(".");
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
