/*
 * fn_random.c - random strings and numbers: randAlpha randAlphaNum
 * randAscii randNumeric randBytes randInt uuidv4 shuffle.
 * Mirrors Masterminds/sprig v3.3.0 functions.go + crypto.go (randBytes,
 * uuidv4), Masterminds/goutils cryptorandomstringutils.go (alphabets,
 * negative counts give ""), huandu/xstrings Shuffle (runes permuted).
 * Randomness comes from det.h: the system's, or under --seed the call's
 * stream (each function below starts one call; man/chartc.1 documents
 * what each draws).
 */
#include <string.h>

#include "chartc/det.h"
#include "chartc/gostd.h"
#include "chartc/func.h"

/* one uniform pick per character */
static Value rnd_string(Exec *x, int64_t count, const char *alphabet)
{
    det_call();
    if (count <= 0) return v_str("", 0);
    if (!GO_MAKESLICE_OK(count, 4)) fn_error(x, "runtime error: makeslice: len out of range");   /* []rune */
    size_t an = strlen(alphabet);
    char *s = cc_alloc((size_t)count + 1);
    for (int64_t i = 0; i < count; i++) s[i] = alphabet[det_below(an)];
    return v_str(s, (size_t)count);
}

#define RND_LOWER "abcdefghijklmnopqrstuvwxyz"
#define RND_UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define RND_DIGITS "0123456789"

Value fn_rand_alpha(Exec *x, int argc, Value *argv) { return rnd_string(x, argv[0].u.i, RND_LOWER RND_UPPER); }
Value fn_rand_alnum(Exec *x, int argc, Value *argv) { return rnd_string(x, argv[0].u.i, RND_LOWER RND_UPPER RND_DIGITS); }
Value fn_rand_numeric(Exec *x, int argc, Value *argv) { return rnd_string(x, argv[0].u.i, RND_DIGITS); }

/* randAscii: printable ASCII 32..126 */
Value fn_rand_ascii(Exec *x, int argc, Value *argv)
{
    char set[96];
    for (int c = 32; c <= 126; c++) set[c - 32] = (char)c;
    set[95] = 0;
    return rnd_string(x, argv[0].u.i, set);
}

/* randBytes N: base64 of N random bytes */
Value fn_rand_bytes(Exec *x, int argc, Value *argv)
{
    int64_t n = argv[0].u.i;
    det_call();
    if (!GO_MAKESLICE_OK(n, 1)) fn_error(x, "runtime error: makeslice: len out of range");
    unsigned char *buf = cc_alloc((size_t)n + 1);
    det_bytes(buf, (size_t)n);
    Buf b = {0};
    go_base64(&b, buf, (size_t)n);
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

/* randInt MIN MAX: rand.Intn(max-min) + min */
Value fn_rand_int(Exec *x, int argc, Value *argv)
{
    int64_t lo = argv[0].u.i, hi = argv[1].u.i;
    int64_t span = (int64_t)((uint64_t)hi - (uint64_t)lo);   /* Go's wrapping max-min */
    det_call();
    if (span <= 0) fn_error(x, "invalid argument to Intn");
    return v_goint((int64_t)((uint64_t)lo + det_below((uint64_t)span)));
}

/* uuidv4: random (version 4, RFC 4122 variant) UUID text */
Value fn_uuidv4(Exec *x, int argc, Value *argv)
{
    unsigned char u[16];
    det_call();
    det_bytes(u, sizeof u);
    u[6] = (u[6] & 0x0f) | 0x40;
    u[8] = (u[8] & 0x3f) | 0x80;
    Buf b = {0};
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) buf_putc(&b, '-');
        buf_printf(&b, "%02x", u[i]);
    }
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

/* shuffle: the string's runes (UTF-8 sequences) in random order */
Value fn_shuffle(Exec *x, int argc, Value *argv)
{
    const char *s = argv[0].u.s;
    size_t n = argv[0].n, cnt = 0;
    det_call();
    if (n == 0) return v_str("", 0);
    size_t *st = cc_alloc((n + 1) * sizeof *st);
    for (size_t i = 0; i < n;) {
        st[cnt++] = i;
        unsigned char c = s[i];
        size_t w = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        for (size_t k = 1; k < w; k++)
            if (i + k >= n || ((unsigned char)s[i + k] & 0xc0) != 0x80) { w = k; break; }
        i += w;
    }
    st[cnt] = n;
    size_t *ord = cc_alloc(cnt * sizeof *ord);
    for (size_t i = 0; i < cnt; i++) ord[i] = i;
    for (size_t i = cnt - 1; i > 0; i--) {
        size_t j = det_below(i + 1), t = ord[i];
        ord[i] = ord[j];
        ord[j] = t;
    }
    char *out = cc_alloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < cnt; i++) {
        size_t a = st[ord[i]], e = st[ord[i] + 1];
        memcpy(out + o, s + a, e - a);
        o += e - a;
    }
    return v_str(out, o);
}
