/*
 * fn_encoding.c - b64enc/b64dec/b32enc/b32dec and the hash functions
 * sha1sum/sha256sum/sha512sum/adler32sum.
 * Mirrors Masterminds/sprig v3.3.0 strings.go (base64/base32 helpers) and
 * crypto.go (sums), with Go's encoding/base64 and encoding/base32
 * StdEncoding decoders (newlines ignored, error offsets as
 * CorruptInputError computes them, non-strict trailing bits).
 */
#include <nettle/nettle-meta.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <string.h>

#include "chartc/func.h"
#include "chartc/gostd.h"

static const char b64_alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b32_alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static int enc_index(const char *alpha, unsigned char c)
{
    if (!c) return -1;
    const char *p = strchr(alpha, c);
    return p ? (int)(p - alpha) : -1;
}

static Value enc_result(Buf *b)
{
    Value v = v_buf(b);
    buf_free(b);
    return v;
}

/* b64enc: base64.StdEncoding.EncodeToString */
Value fn_b64enc(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    go_base64(&b, (const unsigned char *)argv[0].u.s, argv[0].n);
    return enc_result(&b);
}

/* base64.StdEncoding.DecodeString; returns NULL or the error text. */
static const char *enc_b64_decode(const char *src, size_t n, Buf *out)
{
    size_t si = 0;
    while (si < n) {
        unsigned char d[4] = {0};
        int dlen = 4, j;
        const char *err = NULL;
        for (j = 0; j < 4; j++) {
            if (si == n) {
                if (j == 0) return NULL;
                return cc_printf("illegal base64 data at input byte %zu", si - j);
            }
            unsigned char in = src[si++];
            int v = enc_index(b64_alpha, in);
            if (v >= 0) { d[j] = v; continue; }
            if (in == '\n' || in == '\r') { j--; continue; }
            if (in != '=') return cc_printf("illegal base64 data at input byte %zu", si - 1);
            if (j < 2) return cc_printf("illegal base64 data at input byte %zu", si - 1);
            if (j == 2) {
                while (si < n && (src[si] == '\n' || src[si] == '\r')) si++;
                if (si == n) return cc_printf("illegal base64 data at input byte %zu", n);
                if (src[si] != '=') return cc_printf("illegal base64 data at input byte %zu", si - 1);
                si++;
            }
            while (si < n && (src[si] == '\n' || src[si] == '\r')) si++;
            if (si < n) err = cc_printf("illegal base64 data at input byte %zu", si);
            dlen = j;
            break;
        }
        unsigned v = d[0] << 18 | d[1] << 12 | d[2] << 6 | d[3];
        if (dlen >= 2) buf_putc(out, (char)(v >> 16));
        if (dlen >= 3) buf_putc(out, (char)(v >> 8));
        if (dlen >= 4) buf_putc(out, (char)v);
        if (err) return err;
        if (dlen < 4) return NULL;
    }
    return NULL;
}

/* b64dec: the decoded string, or the decoder's error text */
Value fn_b64dec(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    const char *err = enc_b64_decode(argv[0].u.s, argv[0].n, &b);
    if (err) { buf_free(&b); return v_cstr(err); }
    return enc_result(&b);
}

/* b32enc: base32.StdEncoding.EncodeToString */
Value fn_b32enc(Exec *x, int argc, Value *argv)
{
    const unsigned char *s = (const unsigned char *)argv[0].u.s;
    size_t n = argv[0].n;
    Buf b = {0};
    for (size_t i = 0; i < n; i += 5) {
        unsigned char q[5] = {0};
        size_t k = n - i < 5 ? n - i : 5;
        memcpy(q, s + i, k);
        uint64_t v = (uint64_t)q[0] << 32 | (uint64_t)q[1] << 24 | (uint64_t)q[2] << 16 | (uint64_t)q[3] << 8 | q[4];
        static const int nchars[6] = {0, 2, 4, 5, 7, 8};
        for (int c = 0; c < 8; c++)
            buf_putc(&b, c < nchars[k] ? b32_alpha[v >> (35 - 5 * c) & 31] : '=');
    }
    return enc_result(&b);
}

/* base32.StdEncoding.DecodeString (input already stripped of newlines). */
static const char *enc_b32_decode(const char *src, size_t olen, Buf *out)
{
    size_t left = olen;
    const char *p = src;
    int end = 0;
    while (left > 0 && !end) {
        unsigned char d[8] = {0};
        int dlen = 8;
        for (int j = 0; j < 8;) {
            if (left == 0) return cc_printf("illegal base32 data at input byte %zu", olen - left - j);
            unsigned char in = *p++;
            left--;
            if (in == '=' && j >= 2 && left < 8) {
                if (left + j < 7) return cc_printf("illegal base32 data at input byte %zu", olen);
                for (int k = 0; k < 7 - j; k++)
                    if (left > (size_t)k && p[k] != '=')
                        return cc_printf("illegal base32 data at input byte %zu", olen - left + k - 1);
                dlen = j;
                end = 1;
                if (dlen == 1 || dlen == 3 || dlen == 6)
                    return cc_printf("illegal base32 data at input byte %zu", olen - left - 1);
                break;
            }
            int v = enc_index(b32_alpha, in);
            if (v < 0) return cc_printf("illegal base32 data at input byte %zu", olen - left - 1);
            d[j++] = v;
        }
        unsigned char o[5];
        o[4] = d[6] << 5 | d[7];
        o[3] = d[4] << 7 | d[5] << 2 | d[6] >> 3;
        o[2] = d[3] << 4 | d[4] >> 1;
        o[1] = d[1] << 6 | d[2] << 1 | d[3] >> 4;
        o[0] = d[0] << 3 | d[1] >> 2;
        static const int nbytes[9] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
        buf_put(out, o, nbytes[dlen]);
    }
    return NULL;
}

Value fn_b32dec(Exec *x, int argc, Value *argv)
{
    Buf s = {0}, b = {0};
    for (size_t i = 0; i < argv[0].n; i++)
        if (argv[0].u.s[i] != '\n' && argv[0].u.s[i] != '\r') buf_putc(&s, argv[0].u.s[i]);
    const char *err = enc_b32_decode(s.p ? s.p : "", s.len, &b);
    buf_free(&s);
    if (err) { buf_free(&b); return v_cstr(err); }
    return enc_result(&b);
}

/* Lowercase hex digest of s. Nettle, not OpenSSL's EVP: the first EVP
 * digest loads OpenSSL's providers, 5.2 M instructions, more than a whole
 * small render, for charts whose only crypto is a checksum annotation. */
static Value enc_hex(const unsigned char *h, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    char *o = cc_alloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        o[2 * i] = hex[h[i] >> 4];
        o[2 * i + 1] = hex[h[i] & 15];
    }
    return v_str(o, 2 * n);
}

/* The hex digest of s by nettle hash h (sha1, sha256 or sha512). */
static Value enc_digest(const struct nettle_hash *h, Value s)
{
    union { struct sha1_ctx a; struct sha256_ctx b; struct sha512_ctx c; } ctx;
    unsigned char d[SHA512_DIGEST_SIZE];
    h->init(&ctx);
    h->update(&ctx, s.n, (const uint8_t *)s.u.s);
    h->digest(&ctx, h->digest_size, d);
    return enc_hex(d, h->digest_size);
}

Value fn_sha1sum(Exec *x, int argc, Value *argv) { return enc_digest(&nettle_sha1, argv[0]); }
Value fn_sha256sum(Exec *x, int argc, Value *argv) { return enc_digest(&nettle_sha256, argv[0]); }
Value fn_sha512sum(Exec *x, int argc, Value *argv) { return enc_digest(&nettle_sha512, argv[0]); }

/* adler32sum: hash/adler32 checksum in decimal */
Value fn_adler32sum(Exec *x, int argc, Value *argv)
{
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < argv[0].n; i++) {
        a = (a + (unsigned char)argv[0].u.s[i]) % 65521;
        b = (b + a) % 65521;
    }
    return v_cstr(cc_printf("%u", b << 16 | a));
}
