/*
 * fn_crypto.c - sprig's crypto functions: genPrivateKey, genCA*,
 * genSelfSignedCert*, genSignedCert*, buildCustomCert, derivePassword,
 * encryptAES/decryptAES, htpasswd, bcrypt.
 * Mirrors Masterminds/sprig v3.3.0 crypto.go with OpenSSL 3 (X.509,
 * scrypt, AES), GMP (key generation, as Go's crypto/rsa, crypto/ecdsa,
 * crypto/ed25519 and crypto/dsa draw keys) and libxcrypt (bcrypt $2a$,
 * cost 10). Every random byte comes from det.h (system randomness, or the
 * call's stream under --seed); the clock from det_now.
 * Certificates are `sprig.certificate` objects with .Cert and .Key.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <crypt.h>
#include <gmp.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

#include "chartc/det.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"

Value fn_b64dec(Exec *x, int argc, Value *argv);   /* fn_encoding.c */

/* ---- bcrypt ------------------------------------------------------------- */

/* bcrypt.GenerateFromPassword(s, DefaultCost): a 16-byte salt */
static const char *cr_bcrypt(const char *pw, size_t n)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    unsigned char rb[16];
    struct crypt_data *d = cc_alloc(sizeof *d);
    /* bcrypt only reads the first 72 bytes; Go rejects longer passwords */
    if (n > 72) return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
    det_bytes(rb, sizeof rb);
    if (!crypt_gensalt_rn("$2a$", 10, (const char *)rb, sizeof rb, salt, sizeof salt))
        return "failed to encrypt string with bcrypt";
    const char *h = crypt_r(cc_strndup(pw, n), salt, d);
    return h && h[0] == '$' ? cc_strdup(h) : "failed to encrypt string with bcrypt";
}

Value fn_bcrypt(Exec *x, int argc, Value *argv)
{
    det_call();
    return v_cstr(cr_bcrypt(argv[0].u.s, argv[0].n));
}

/* htpasswd USER PASS -> "USER:<bcrypt>" */
Value fn_htpasswd(Exec *x, int argc, Value *argv)
{
    det_call();
    Buf b = {0};   /* the user's bytes as they are (a NUL too, which %.*s would end at) */
    if (memchr(argv[0].u.s, ':', argv[0].n)) {
        buf_puts(&b, "invalid username: ");
        buf_put(&b, argv[0].u.s, argv[0].n);
    } else {
        buf_put(&b, argv[0].u.s, argv[0].n);
        buf_putc(&b, ':');
        buf_puts(&b, cr_bcrypt(argv[1].u.s, argv[1].n));
    }
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

/* ---- derivePassword (Master Password algorithm) ------------------------- */

static const struct { const char *type; const char *tmpl[21]; } cr_templates[] = {
    {"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
    {"long", {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
              "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
              "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
              "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
              "CvccCvcvCvccno"}},
    {"medium", {"CvcnoCvc", "CvcCvcno"}},
    {"short", {"Cvcn"}},
    {"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
    {"pin", {"nnnn"}},
};

static const char *cr_template_chars(char c)
{
    switch (c) {
    case 'V': return "AEIOU";
    case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v': return "aeiou";
    case 'c': return "bcdfghjklmnpqrstvwxyz";
    case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n': return "0123456789";
    case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
    case 'x': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
    }
    return "";
}

static void cr_put_u32(Buf *b, uint32_t v)
{
    unsigned char be[4] = {v >> 24, v >> 16, v >> 8, v};
    buf_put(b, be, 4);
}

/* derivePassword COUNTER TYPE PASSWORD USER SITE */
Value fn_derive_password(Exec *x, int argc, Value *argv)
{
    uint32_t counter = (uint32_t)argv[0].u.i;
    Value type = argv[1], pw = argv[2], user = argv[3], site = argv[4];
    int t = -1;
    for (size_t i = 0; i < sizeof cr_templates / sizeof cr_templates[0]; i++)
        if (strlen(cr_templates[i].type) == type.n && memcmp(cr_templates[i].type, type.u.s, type.n) == 0) t = (int)i;
    if (t < 0) {
        Buf b = {0};
        buf_puts(&b, "cannot find password template ");
        buf_put(&b, type.u.s, type.n);
        Value r = v_buf(&b);
        buf_free(&b);
        return r;
    }
    static const char seed[] = "com.lyndir.masterpassword";
    Buf salt = {0};
    buf_puts(&salt, seed);
    cr_put_u32(&salt, (uint32_t)user.n);
    buf_put(&salt, user.u.s, user.n);
    unsigned char key[64];
    if (EVP_PBE_scrypt(pw.u.s, pw.n, (const unsigned char *)salt.p, salt.len, 32768, 8, 2,
                       (uint64_t)256 << 20, key, sizeof key) != 1) {
        buf_free(&salt);
        return v_cstr("failed to derive password");
    }
    salt.len = strlen(seed);
    cr_put_u32(&salt, (uint32_t)site.n);
    buf_put(&salt, site.u.s, site.n);
    cr_put_u32(&salt, counter);
    unsigned char mac[32];
    unsigned int maclen = 0;
    HMAC(EVP_sha256(), key, sizeof key, (const unsigned char *)salt.p, salt.len, mac, &maclen);
    buf_free(&salt);
    int ntmpl = 0;
    while (ntmpl < 21 && cr_templates[t].tmpl[ntmpl]) ntmpl++;
    const char *tmpl = cr_templates[t].tmpl[mac[0] % ntmpl];
    size_t tn = strlen(tmpl);
    char *out = cc_alloc(tn + 1);
    for (size_t i = 0; i < tn; i++) {
        const char *chars = cr_template_chars(tmpl[i]);
        out[i] = chars[mac[i + 1] % strlen(chars)];
    }
    return v_str(out, tn);
}

/* ---- AES ---------------------------------------------------------------- */

static void cr_key32(unsigned char key[32], Value pw)
{
    memset(key, 0, 32);
    memcpy(key, pw.u.s, pw.n < 32 ? pw.n : 32);
}

static Value cr_b64(const unsigned char *p, size_t n)
{
    Buf b = {0};
    buf_reserve(&b, 4 * ((n + 2) / 3) + 1);
    int len = EVP_EncodeBlock((unsigned char *)b.p, p, (int)n);
    b.len = len;
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

/* encryptAES KEY TEXT: base64(IV || AES-256-CBC(PKCS#7(TEXT))) */
Value fn_encrypt_aes(Exec *x, int argc, Value *argv)
{
    Value pt = argv[1];
    det_call();
    if (pt.n == 0) return v_str("", 0);
    unsigned char key[32];
    cr_key32(key, argv[0]);
    size_t pad = 16 - pt.n % 16, cn = pt.n + pad;
    unsigned char *buf = cc_alloc(16 + cn);
    det_bytes(buf, 16);   /* the IV */
    unsigned char *content = cc_alloc(cn);
    memcpy(content, pt.u.s, pt.n);
    memset(content + pt.n, (int)pad, pad);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int outl = 0;
    EVP_EncryptInit_ex(c, EVP_aes_256_cbc(), NULL, key, buf);
    EVP_CIPHER_CTX_set_padding(c, 0);
    EVP_EncryptUpdate(c, buf + 16, &outl, content, (int)cn);
    EVP_CIPHER_CTX_free(c);
    return cr_b64(buf, 16 + cn);
}

/* decryptAES KEY BASE64 */
Value fn_decrypt_aes(Exec *x, int argc, Value *argv)
{
    Value in = argv[1];
    if (in.n == 0) return v_str("", 0);
    unsigned char key[32];
    cr_key32(key, argv[0]);
    Value dec = fn_b64dec(x, 1, &in);
    /* b64dec gives the error text itself on bad input */
    if (dec.n >= 26 && memcmp(dec.u.s, "illegal base64 data at input byte ", 34 < dec.n ? 34 : dec.n) == 0)
        fn_error(x, "%.*s", (int)dec.n, dec.u.s);
    size_t n = dec.n;
    if (n < 16) fn_error(x, "runtime error: slice bounds out of range [:16] with capacity %zu", n);
    if ((n - 16) % 16) fn_error(x, "crypto/cipher: input not full blocks");
    if (n == 16) fn_error(x, "runtime error: index out of range [-1]");
    const unsigned char *p = (const unsigned char *)dec.u.s;
    unsigned char *out = cc_alloc(n);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int outl = 0;
    EVP_DecryptInit_ex(c, EVP_aes_256_cbc(), NULL, key, p);
    EVP_CIPHER_CTX_set_padding(c, 0);
    EVP_DecryptUpdate(c, out, &outl, p + 16, (int)(n - 16));
    EVP_CIPHER_CTX_free(c);
    size_t m = n - 16, padn = out[m - 1];
    if (padn > m) fn_error(x, "runtime error: slice bounds out of range [:%lld]", (long long)m - (long long)padn);
    return v_strdup((const char *)out, m - padn);
}

/* ---- keys and certificates ------------------------------------------------ */
/* Go's encoding/pem, crypto/x509 (CreateCertificate, ParseCertificate and
 * the private key parsers) as sprig uses them: same extensions in the same
 * order and encodings, same checks and error texts. */

typedef struct CrCert { const char *cert, *key; } CrCert;

static int cr_cert_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    CrCert *c = o->data;
    if (strcmp(name, "Cert") == 0) *out = v_cstr(c->cert);
    else if (strcmp(name, "Key") == 0) *out = v_cstr(c->key);
    else return 0;
    return 1;
}
static Value cr_cert_data(Obj *o)
{
    CrCert *c = o->data;
    Value m = v_newmap(2);
    m.g = GT_STRUCT;   /* struct { Cert, Key string } */
    map_setc(m.u.m, "Cert", v_cstr(c->cert));
    map_setc(m.u.m, "Key", v_cstr(c->key));
    return m;
}
/* fields only, no String() */
static const char *cr_cert_method_sig(Obj *o, const char *name) { return NULL; }
static Value cr_cert_fields(Obj *o) { return cr_cert_data(o); }
static const ObjType cr_cert_type = {"sprig.certificate", cr_cert_field, NULL, cr_cert_data,
                                     cr_cert_method_sig, cr_cert_fields, 0};

static Value cr_cert_value(const char *cert, const char *key)
{
    CrCert *c = cc_alloc(sizeof *c);
    c->cert = cert;
    c->key = key;
    return v_newobj(&cr_cert_type, c);
}

static const char *cr_bio_str(BIO *b)
{
    char *p = NULL;
    long n = BIO_get_mem_data(b, &p);
    const char *s = cc_strndup(p ? p : "", n > 0 ? (size_t)n : 0);
    BIO_free(b);
    return s;
}

/* pemBlockForKey: PKCS#1 RSA, SEC1 EC, DSA "traditional", else PKCS#8 */
static const char *cr_key_pem(EVP_PKEY *k)
{
    BIO *b = BIO_new(BIO_s_mem());
    int id = EVP_PKEY_get_base_id(k);
    if (id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_DSA)
        PEM_write_bio_PrivateKey_traditional(b, k, NULL, NULL, 0, NULL, NULL);
    else
        PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
    return cr_bio_str(b);
}

/* ---- key generation ----
 * Keys are drawn as Go draws them (crypto/internal/fips140/rsa keygen.go,
 * fips140/ecdsa randomPoint, ed25519.GenerateKey, crypto/dsa), with the
 * arithmetic in GMP, and handed to OpenSSL finished (EVP_PKEY_fromdata) for
 * PEM output and signing. OpenSSL's own generators would draw from OpenSSL's
 * generator in an order that is not specified (and EVP_RSA_gen is 3-5x
 * slower than this: 2048 bits 192 ms vs 36 ms, 4096 bits 1.7 s vs 0.6 s). */

/* A GMP integer as an OpenSSL BIGNUM. */
static BIGNUM *cr_bn(const mpz_t v)
{
    size_t len = (mpz_sizeinbase(v, 2) + 7) / 8, got = 0;
    unsigned char *b = cc_alloc(len + 1);
    mpz_export(b, &got, 1, 1, 0, 0, v);
    BIGNUM *r = BN_bin2bn(b, (int)got, NULL);
    OPENSSL_cleanse(b, len + 1);
    if (!r) cc_oom();
    return r;
}

/* EVP_PKEY_fromdata of a key pair; frees the builder. NULL on failure. */
static EVP_PKEY *cr_fromdata(const char *type, OSSL_PARAM_BLD *bld)
{
    EVP_PKEY *k = NULL;
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_KEYPAIR, params) <= 0)
        k = NULL;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    return k;
}

/* Prime test of a random candidate: GMP's trial division and Baillie-PSW
 * (plus Miller-Rabin rounds). No composite is known to pass Baillie-PSW, so
 * "the first candidate that is prime" does not depend on the test. */
static int cr_prime(const mpz_t c) { return mpz_probab_prime_p(c, 25) != 0; }

/* randomPrime: ceil(bits/8) bytes, big-endian, the first shifted right by
 * the excess bits, the top two bits of `bits` and the lowest bit set; the
 * first prime candidate wins. */
static void cr_rsa_prime(mpz_t p, int bits)
{
    size_t nb = ((size_t)bits + 7) / 8;
    int excess = (int)(nb * 8) - bits;
    unsigned char *b = cc_alloc(nb);
    for (;;) {
        det_bytes(b, nb);
        if (excess) b[0] >>= excess;
        if (excess < 7) b[0] |= 0xc0 >> excess;
        else { b[0] |= 0x01; b[1] |= 0x80; }
        b[nb - 1] |= 1;
        mpz_import(p, nb, 1, 1, 0, 0, b);
        if (cr_prime(p)) break;
    }
    OPENSSL_cleanse(b, nb);
}

/* rsa.GenerateKey(rand, bits): p of (bits+1)/2 bits, then q of bits/2; both
 * drawn again while gcd(65537, (p-1)(q-1)) != 1 or |p-q| <= 2^(bits/2-100);
 * d = 65537^-1 mod (p-1)(q-1). */
static EVP_PKEY *cr_gen_rsa(int bits)
{
    mpz_t p, q, n, e, d, p1, q1, phi, t, lim, dp, dq, qi;
    mpz_inits(p, q, n, e, d, p1, q1, phi, t, lim, dp, dq, qi, NULL);
    mpz_set_ui(e, 65537);
    mpz_setbit(lim, (mp_bitcnt_t)(bits / 2 - 100));
    for (;;) {
        cr_rsa_prime(p, (bits + 1) / 2);
        cr_rsa_prime(q, bits / 2);
        mpz_sub_ui(p1, p, 1);
        mpz_sub_ui(q1, q, 1);
        mpz_mul(phi, p1, q1);
        if (!mpz_invert(d, e, phi)) continue;
        mpz_sub(t, p, q);
        mpz_abs(t, t);
        if (mpz_cmp(t, lim) > 0) break;
    }
    mpz_mul(n, p, q);
    mpz_mod(dp, d, p1);
    mpz_mod(dq, d, q1);
    mpz_invert(qi, q, p);
    BIGNUM *bn[8] = {cr_bn(n), cr_bn(e), cr_bn(d), cr_bn(p), cr_bn(q), cr_bn(dp), cr_bn(dq), cr_bn(qi)};
    static const char *const names[8] = {
        OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, OSSL_PKEY_PARAM_RSA_D, OSSL_PKEY_PARAM_RSA_FACTOR1,
        OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
        OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    if (!bld) cc_oom();
    for (int i = 0; i < 8; i++) OSSL_PARAM_BLD_push_BN(bld, names[i], bn[i]);
    EVP_PKEY *k = cr_fromdata("RSA", bld);
    for (int i = 0; i < 8; i++) BN_clear_free(bn[i]);
    mpz_clears(p, q, n, e, d, p1, q1, phi, t, lim, dp, dq, qi, NULL);
    return k;
}

/* A scalar in [1, n): BN_num_bytes(n) bytes, big-endian, the first shifted
 * right by the excess bits; drawn again while 0 or >= n (Go's randomPoint). */
static BIGNUM *cr_scalar(const BIGNUM *n)
{
    int nb = BN_num_bytes(n), excess = nb * 8 - BN_num_bits(n);
    unsigned char *b = cc_alloc((size_t)nb);
    BIGNUM *k = BN_new();
    if (!k) cc_oom();
    for (;;) {
        det_bytes(b, (size_t)nb);
        if (excess) b[0] >>= excess;
        BN_bin2bn(b, nb, k);
        if (!BN_is_zero(k) && BN_cmp(k, n) < 0) break;
    }
    OPENSSL_cleanse(b, (size_t)nb);
    return k;
}

/* ecdsa.GenerateKey(curve, rand): d = the scalar, public point d*G. */
static EVP_PKEY *cr_gen_ec(const char *curve)
{
    EC_GROUP *g = EC_GROUP_new_by_curve_name(OBJ_sn2nid(curve));
    if (!g) return NULL;
    BIGNUM *d = cr_scalar(EC_GROUP_get0_order(g));
    EC_POINT *pt = EC_POINT_new(g);
    unsigned char pub[1 + 2 * 66];
    size_t pn = 0;
    EVP_PKEY *k = NULL;
    if (pt && EC_POINT_mul(g, pt, d, NULL, NULL, NULL) &&
        (pn = EC_POINT_point2oct(g, pt, POINT_CONVERSION_UNCOMPRESSED, pub, sizeof pub, NULL)) > 0) {
        OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
        if (!bld) cc_oom();
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, curve, 0);
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, pn);
        k = cr_fromdata("EC", bld);
    }
    EC_POINT_free(pt);
    BN_clear_free(d);
    EC_GROUP_free(g);
    return k;
}

/* ed25519.GenerateKey(rand): the 32-byte seed */
static EVP_PKEY *cr_gen_ed25519(void)
{
    unsigned char seed[32];
    det_bytes(seed, sizeof seed);
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, sizeof seed);
    OPENSSL_cleanse(seed, sizeof seed);
    return k;
}

/* dsa.GenerateParameters(L2048N256) then dsa.GenerateKey: q from 32 bytes
 * (top and low bits set) until prime; then up to 4*2048 times p from 256
 * bytes (top and low bits set) minus (p mod q) - 1, kept when it has 2048
 * bits and is prime; else a new q. g = h^((p-1)/q) mod p for h = 2, 3, ...
 * until g != 1; x from 32 bytes until 0 < x < q; y = g^x mod p. */
static EVP_PKEY *cr_gen_dsa(void)
{
    enum { L = 2048, N = 256 };
    unsigned char qb[N / 8], pb[L / 8];
    mpz_t p, q, r, g, h, e, x, y;
    mpz_inits(p, q, r, g, h, e, x, y, NULL);
    for (int found = 0; !found;) {
        det_bytes(qb, sizeof qb);
        qb[sizeof qb - 1] |= 1;
        qb[0] |= 0x80;
        mpz_import(q, sizeof qb, 1, 1, 0, 0, qb);
        if (!cr_prime(q)) continue;
        for (int i = 0; i < 4 * L && !found; i++) {
            det_bytes(pb, sizeof pb);
            pb[sizeof pb - 1] |= 1;
            pb[0] |= 0x80;
            mpz_import(p, sizeof pb, 1, 1, 0, 0, pb);
            mpz_mod(r, p, q);
            mpz_sub_ui(r, r, 1);
            mpz_sub(p, p, r);
            found = mpz_sizeinbase(p, 2) >= L && cr_prime(p);
        }
    }
    mpz_sub_ui(e, p, 1);
    mpz_divexact(e, e, q);
    for (mpz_set_ui(h, 2);; mpz_add_ui(h, h, 1)) {
        mpz_powm(g, h, e, p);
        if (mpz_cmp_ui(g, 1) != 0) break;
    }
    do {
        det_bytes(qb, sizeof qb);
        mpz_import(x, sizeof qb, 1, 1, 0, 0, qb);
    } while (mpz_sgn(x) == 0 || mpz_cmp(x, q) >= 0);
    OPENSSL_cleanse(qb, sizeof qb);
    mpz_powm(y, g, x, p);
    BIGNUM *bn[5] = {cr_bn(p), cr_bn(q), cr_bn(g), cr_bn(y), cr_bn(x)};
    static const char *const names[5] = {OSSL_PKEY_PARAM_FFC_P, OSSL_PKEY_PARAM_FFC_Q, OSSL_PKEY_PARAM_FFC_G,
                                         OSSL_PKEY_PARAM_PUB_KEY, OSSL_PKEY_PARAM_PRIV_KEY};
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    if (!bld) cc_oom();
    for (int i = 0; i < 5; i++) OSSL_PARAM_BLD_push_BN(bld, names[i], bn[i]);
    EVP_PKEY *k = cr_fromdata("DSA", bld);
    for (int i = 0; i < 5; i++) BN_clear_free(bn[i]);
    mpz_clears(p, q, r, g, h, e, x, y, NULL);
    return k;
}

/* genPrivateKey TYPE */
Value fn_gen_private_key(Exec *x, int argc, Value *argv)
{
    const char *t = cc_strndup(argv[0].u.s, argv[0].n);
    EVP_PKEY *k = NULL;
    det_call();
    if (!*t || strcmp(t, "rsa") == 0) k = cr_gen_rsa(4096);
    else if (strcmp(t, "ecdsa") == 0) k = cr_gen_ec("prime256v1");
    else if (strcmp(t, "ed25519") == 0) k = cr_gen_ed25519();
    else if (strcmp(t, "dsa") == 0) k = cr_gen_dsa();
    else return v_cstr(cc_printf("Unknown type %s", t));
    if (!k) return v_cstr("failed to generate private key");
    const char *pem = cr_key_pem(k);
    EVP_PKEY_free(k);
    return v_cstr(pem);
}

/* Go base64.StdEncoding.Decode (padding required); 0 on illegal data. */
static int cr_b64_decode(const char *s, size_t n, unsigned char **out, size_t *outn)
{
    unsigned char *o = cc_alloc(n / 4 * 3 + 3);
    size_t k = 0, i = 0;
    while (i < n) {
        int q[4], nq = 0, pad = 0;
        while (nq < 4 && i < n) {
            char c = s[i++];
            if (c == '\r' || c == '\n') continue;
            int v;
            if (c >= 'A' && c <= 'Z') v = c - 'A';
            else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
            else if (c >= '0' && c <= '9') v = c - '0' + 52;
            else if (c == '+') v = 62;
            else if (c == '/') v = 63;
            else if (c == '=' && nq >= 2) { v = 0; pad++; }
            else return 0;
            if (pad && c != '=') return 0;
            q[nq++] = v;
        }
        if (nq == 0) break;
        if (nq < 4) return 0;
        unsigned v = (unsigned)q[0] << 18 | (unsigned)q[1] << 12 | (unsigned)q[2] << 6 | (unsigned)q[3];
        o[k++] = (unsigned char)(v >> 16);
        if (pad < 2) o[k++] = (unsigned char)(v >> 8);
        if (pad < 1) o[k++] = (unsigned char)v;
        if (pad) {   /* nothing but newlines may follow the padding */
            for (; i < n; i++)
                if (s[i] != '\r' && s[i] != '\n') return 0;
        }
    }
    *out = o;
    *outn = k;
    return 1;
}

/* getLine: up to '\n', trailing " \t\r" trimmed. */
static size_t cr_getline(const char *s, size_t n, size_t *linelen)
{
    const char *nl = memchr(s, '\n', n);
    size_t l = nl ? (size_t)(nl - s) : n, next = nl ? l + 1 : n;
    while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\r')) l--;
    *linelen = l;
    return next;
}

typedef struct CrPem { const char *type; unsigned char *der; size_t n; } CrPem;

/* Go pem.Decode: the first well-formed block; 0 if there is none. */
static int cr_pem_decode(const char *data, size_t n, CrPem *out)
{
    const char *rest = data;
    size_t rn = n;
    for (;;) {
        if (rn >= 11 && memcmp(rest, "-----BEGIN ", 11) == 0) { rest += 11; rn -= 11; }
        else {
            const char *p = memmem(rest, rn, "\n-----BEGIN ", 12);
            if (!p) return 0;
            rn -= (size_t)(p + 12 - rest);
            rest = p + 12;
        }
        size_t tl, adv = cr_getline(rest, rn, &tl);
        const char *type = rest;
        rest += adv; rn -= adv;
        if (tl < 5 || memcmp(type + tl - 5, "-----", 5) != 0) continue;
        tl -= 5;
        int headers = 0, bad = 0;
        for (;;) {   /* headers: "Key: value" lines */
            if (rn == 0) return 0;
            size_t ll, nx = cr_getline(rest, rn, &ll);
            if (!memchr(rest, ':', ll)) break;
            headers = 1;
            rest += nx; rn -= nx;
        }
        (void)bad;
        size_t endi, trail;
        if (!headers && rn >= 9 && memcmp(rest, "-----END ", 9) == 0) { endi = 0; trail = 9; }
        else {
            const char *e = memmem(rest, rn, "\n-----END ", 10);
            if (!e) continue;
            endi = (size_t)(e - rest);
            trail = endi + 10;
        }
        if (rn - trail < tl + 5) continue;
        const char *et = rest + trail;
        if (memcmp(et, type, tl) != 0 || memcmp(et + tl, "-----", 5) != 0) continue;
        size_t ll;
        cr_getline(et + tl + 5, rn - trail - tl - 5, &ll);
        if (ll != 0) continue;
        Buf b = {0};
        for (size_t i = 0; i < endi; i++)
            if (rest[i] != ' ' && rest[i] != '\t') buf_putc(&b, rest[i]);
        unsigned char *der = NULL;
        size_t dn = 0;
        int ok = cr_b64_decode(b.p ? b.p : "", b.len, &der, &dn);
        buf_free(&b);
        if (!ok) continue;
        out->type = cc_strndup(type, tl);
        out->der = der;
        out->n = dn;
        return 1;
    }
}

static int cr_go_curve(EVP_PKEY *k)
{
    char name[64] = "";
    size_t nl = 0;
    if (!EVP_PKEY_get_utf8_string_param(k, "group", name, sizeof name, &nl)) return 0;
    return strcmp(name, "prime256v1") == 0 || strcmp(name, "secp384r1") == 0 || strcmp(name, "secp521r1") == 0 ||
           strcmp(name, "secp224r1") == 0;
}

/* A PKCS#1 / SEC1 / DSA "type-specific" DER key only (d2i_PrivateKey
 * would also take PKCS#8, which Go's parsers reject). */
/* The tag of the second element of the outer SEQUENCE: INTEGER for
 * PKCS#1 and DSA, OCTET STRING for SEC1, SEQUENCE for PKCS#8. */
static int cr_der_tag2(const unsigned char *der, size_t n)
{
    if (n < 2 || der[0] != 0x30) return -1;
    size_t i = 2;
    if (der[1] & 0x80) i += der[1] & 0x7f;
    if (i + 2 > n || der[i] != 0x02) return -1;
    size_t l = der[i + 1];
    if (l & 0x80) return -1;   /* a version INTEGER is short */
    i += 2 + l;
    return i < n ? der[i] : -1;
}

static EVP_PKEY *cr_d2i(int type, const unsigned char *der, size_t n)
{
    if (cr_der_tag2(der, n) != (type == EVP_PKEY_EC ? 0x04 : 0x02)) return NULL;
    const char *kt = type == EVP_PKEY_RSA ? "RSA" : type == EVP_PKEY_EC ? "EC" : "DSA";
    EVP_PKEY *k = NULL;
    OSSL_DECODER_CTX *d = OSSL_DECODER_CTX_new_for_pkey(&k, "DER", "type-specific", kt, EVP_PKEY_KEYPAIR, NULL, NULL);
    const unsigned char *p = der;
    size_t left = n;
    if (d && !OSSL_DECODER_from_data(d, &p, &left)) { EVP_PKEY_free(k); k = NULL; }
    OSSL_DECODER_CTX_free(d);
    return k;
}

static int cr_looks(int type, const unsigned char *der, size_t n)
{
    const unsigned char *p = der;
    EVP_PKEY *k = NULL;
    if (type == 8) {
        if (cr_der_tag2(der, n) != 0x30) return 0;
        PKCS8_PRIV_KEY_INFO *i = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)n);
        PKCS8_PRIV_KEY_INFO_free(i);
        return i != NULL;
    }
    k = cr_d2i(type, p, n);
    EVP_PKEY_free(k);
    return k != NULL;
}

/* parsePrivateKeyPEM; NULL with *err set on failure. */
static EVP_PKEY *cr_parse_key(const char *pem, size_t n, const char **err)
{
    CrPem b;
    if (!cr_pem_decode(pem, n, &b)) { *err = "no PEM data in input"; return NULL; }
    const unsigned char *p = b.der;
    size_t tl = strlen(b.type);
    EVP_PKEY *k = NULL;
    if (strcmp(b.type, "PRIVATE KEY") == 0) {
        PKCS8_PRIV_KEY_INFO *i = cr_der_tag2(b.der, b.n) == 0x30 ? d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)b.n) : NULL;
        if (!i) {
            if (cr_looks(EVP_PKEY_RSA, b.der, b.n))
                *err = "decoding PEM as PKCS#8: x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)";
            else if (cr_looks(EVP_PKEY_EC, b.der, b.n))
                *err = "decoding PEM as PKCS#8: x509: failed to parse private key (use ParseECPrivateKey instead for this key format)";
            else *err = "decoding PEM as PKCS#8: asn1: structure error";
            return NULL;
        }
        const ASN1_OBJECT *alg = NULL;
        PKCS8_pkey_get0(&alg, NULL, NULL, NULL, i);
        int nid = OBJ_obj2nid(alg);
        if (nid != NID_rsaEncryption && nid != NID_X9_62_id_ecPublicKey && nid != NID_ED25519 && nid != NID_X25519) {
            char oid[128];
            OBJ_obj2txt(oid, sizeof oid, alg, 1);
            *err = cc_printf("decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown algorithm: %s", oid);
            PKCS8_PRIV_KEY_INFO_free(i);
            return NULL;
        }
        k = EVP_PKCS82PKEY(i);
        PKCS8_PRIV_KEY_INFO_free(i);
        if (k && nid == NID_X9_62_id_ecPublicKey && !cr_go_curve(k)) {
            EVP_PKEY_free(k);
            *err = "decoding PEM as PKCS#8: x509: failed to parse EC private key embedded in PKCS#8: x509: unknown elliptic curve";
            return NULL;
        }
        if (!k) *err = "decoding PEM as PKCS#8: x509: failed to parse private key";
        return k;
    }
    if (tl < 12 || strcmp(b.type + tl - 12, " PRIVATE KEY") != 0) {
        *err = cc_printf("no private key data in PEM block of type %s", b.type);
        return NULL;
    }
    const char *kind = cc_strndup(b.type, tl - 12);
    if (strcmp(kind, "RSA") == 0) {
        k = cr_d2i(EVP_PKEY_RSA, b.der, b.n);
        if (!k) {
            if (cr_looks(EVP_PKEY_EC, b.der, b.n))
                *err = "parsing RSA private key from PEM: x509: failed to parse private key (use ParseECPrivateKey instead for this key format)";
            else if (cr_looks(8, b.der, b.n))
                *err = "parsing RSA private key from PEM: x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)";
            else *err = "parsing RSA private key from PEM: asn1: structure error";
        }
    } else if (strcmp(kind, "EC") == 0) {
        k = cr_d2i(EVP_PKEY_EC, b.der, b.n);
        if (!k) {
            if (cr_looks(8, b.der, b.n))
                *err = "parsing EC private key from PEM: x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)";
            else if (cr_looks(EVP_PKEY_RSA, b.der, b.n))
                *err = "parsing EC private key from PEM: x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)";
            else *err = "parsing EC private key from PEM: x509: failed to parse EC private key: asn1: structure error";
        } else if (!cr_go_curve(k)) {
            EVP_PKEY_free(k);
            k = NULL;
            *err = "parsing EC private key from PEM: x509: unknown elliptic curve";
        }
    } else if (strcmp(kind, "DSA") == 0) {
        k = cr_d2i(EVP_PKEY_DSA, b.der, b.n);
        if (!k) *err = "parsing DSA private key from PEM: asn1: structure error";
    } else {
        *err = cc_printf("invalid private key type %s", b.type);
    }
    return k;
}

/* ---- x509.CreateCertificate ---- */

/* encoding/asn1 isPrintable for marshalling (no '*', no '&') */
static int cr_printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(" '()+,-./:=?", c)) || !c)
            return 0;
    }
    return 1;
}

/* net.ParseIP then To4: 4 or 16 bytes in ip; 0 if not an address. */
static int cr_parse_ip(const char *s, unsigned char ip[16])
{
    if (inet_pton(AF_INET, s, ip) == 1) return 4;
    if (strchr(s, '%') || inet_pton(AF_INET6, s, ip) != 1) return 0;
    static const unsigned char v4pre[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(ip, v4pre, 12) == 0) { memmove(ip, ip + 12, 4); return 4; }
    return 16;
}

static int cr_add_ext(X509 *c, int nid, const char *val)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, NULL, c, NULL, NULL, 0);
    X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, nid, val);
    if (!e) return 0;
    X509_add_ext(c, e, -1);
    X509_EXTENSION_free(e);
    return 1;
}

static int cr_der_eq(const X509_NAME *a, const X509_NAME *b)
{
    unsigned char *da = NULL, *db = NULL;
    int na = i2d_X509_NAME(a, &da), nb = i2d_X509_NAME(b, &db);
    int eq = na == nb && na >= 0 && memcmp(da, db, (size_t)na) == 0;
    OPENSSL_free(da);
    OPENSSL_free(db);
    return eq;
}

/* Under --seed: X509_sign's ECDSA nonce came from OpenSSL's generator;
 * sign the TBS again with k drawn from the call's stream as cr_scalar draws
 * (again while r or s is 0) and replace the signature. RSA (PKCS#1 v1.5) and
 * Ed25519 signatures are deterministic already. */
static int cr_ecdsa_resign(X509 *c, EVP_PKEY *signer, const EVP_MD *md)
{
    char curve[64] = "";
    unsigned char *tbs = NULL, *der = NULL, h[EVP_MAX_MD_SIZE];
    unsigned int hn = 0;
    int tn = i2d_re_X509_tbs(c, &tbs), ok = 0, dn = 0;
    BIGNUM *d = NULL, *e = NULL, *k = NULL, *kinv = BN_new(), *r = BN_new(), *sv = BN_new(), *t = BN_new();
    BN_CTX *bc = BN_CTX_new();
    EC_GROUP *g = NULL;
    EC_POINT *R = NULL;
    ECDSA_SIG *sig = NULL;
    if (tn <= 0 || !kinv || !r || !sv || !t || !bc || !EVP_Digest(tbs, (size_t)tn, h, &hn, md, NULL) ||
        !EVP_PKEY_get_bn_param(signer, OSSL_PKEY_PARAM_PRIV_KEY, &d) ||
        !EVP_PKEY_get_utf8_string_param(signer, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, NULL) ||
        !(g = EC_GROUP_new_by_curve_name(OBJ_sn2nid(curve))) || !(R = EC_POINT_new(g)))
        goto out;
    const BIGNUM *n = EC_GROUP_get0_order(g);
    /* the hash's leftmost bits, as many as the order has */
    if (!(e = BN_bin2bn(h, (int)hn, NULL)) || ((int)hn * 8 > BN_num_bits(n) && !BN_rshift(e, e, (int)hn * 8 - BN_num_bits(n))))
        goto out;
    for (;;) {
        BN_free(k);
        k = cr_scalar(n);
        if (!EC_POINT_mul(g, R, k, NULL, NULL, bc) || !EC_POINT_get_affine_coordinates(g, R, t, NULL, bc) ||
            !BN_nnmod(r, t, n, bc))
            goto out;
        if (BN_is_zero(r)) continue;
        /* s = k^-1 (e + r d) mod n */
        if (!BN_mod_mul(t, r, d, n, bc) || !BN_mod_add(t, t, e, n, bc) || !BN_mod_inverse(kinv, k, n, bc) ||
            !BN_mod_mul(sv, kinv, t, n, bc))
            goto out;
        if (!BN_is_zero(sv)) break;
    }
    if (!(sig = ECDSA_SIG_new()) || !ECDSA_SIG_set0(sig, r, sv)) goto out;
    r = sv = NULL;   /* owned by sig */
    if ((dn = i2d_ECDSA_SIG(sig, &der)) <= 0) goto out;
    const ASN1_BIT_STRING *psig = NULL;
    X509_get0_signature(&psig, NULL, c);
    /* the signature BIT STRING X509_sign made (no unused bits): its bytes only */
    ok = psig && ASN1_BIT_STRING_set((ASN1_BIT_STRING *)psig, der, dn);
out:
    OPENSSL_free(tbs);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    EC_POINT_free(R);
    EC_GROUP_free(g);
    BN_CTX_free(bc);
    BN_clear_free(d);
    BN_clear_free(k);
    BN_clear_free(kinv);
    BN_free(e);
    BN_free(r);
    BN_free(sv);
    BN_free(t);
    return ok;
}

/* The certificate template of sprig's getBaseCertTemplate, signed with
 * x509.CreateCertificate. Returns the PEM or NULL with *err (arena). */
static const char *cr_make_cert(const char *cn, size_t cnn, Value ips, Value dns, int64_t days, int is_ca,
                                EVP_PKEY *key, X509 *parent, EVP_PKEY *signer, const char **err)
{
    int sid = EVP_PKEY_get_base_id(signer), kid = EVP_PKEY_get_base_id(key);
    if (sid != EVP_PKEY_RSA && sid != EVP_PKEY_EC && sid != EVP_PKEY_ED25519) {
        *err = "error creating certificate: x509: certificate private key does not implement crypto.Signer";
        return NULL;
    }
    if (kid != EVP_PKEY_RSA && kid != EVP_PKEY_EC && kid != EVP_PKEY_ED25519 && kid != EVP_PKEY_X25519) {
        *err = kid == EVP_PKEY_DSA ? "error creating certificate: x509: unsupported public key type: *dsa.PublicKey"
                                   : "error creating certificate: x509: unsupported public key type";
        return NULL;
    }
    if (parent) {
        EVP_PKEY *pp = X509_get0_pubkey(parent);
        if (pp && EVP_PKEY_eq(pp, signer) != 1) {
            *err = "error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey";
            return NULL;
        }
    }
    uint32_t nd = dns.t == VT_LIST && dns.u.l ? dns.u.l->len : 0, ni = ips.t == VT_LIST && ips.u.l ? ips.u.l->len : 0;
    for (uint32_t i = 0; i < nd; i++) {
        Value d = dns.u.l->v[i];
        for (uint32_t k = 0; k < d.n; k++)
            if ((unsigned char)d.u.s[k] >= 0x80) {
                *err = cc_printf("error creating certificate: x509: %s cannot be encoded as an IA5String",
                                 go_quoted(d.u.s, d.n));
                return NULL;
            }
    }

    X509 *c = X509_new();
    X509_set_version(c, 2);
    /* serial: rand.Int in [0, 2^128): 16 bytes, big-endian */
    unsigned char rnd[16];
    det_bytes(rnd, sizeof rnd);
    BIGNUM *bn = BN_bin2bn(rnd, sizeof rnd, NULL);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(c));
    BN_free(bn);
    /* subject: CN only when set; PrintableString when the text allows it */
    X509_NAME *name = X509_NAME_new();
    if (cnn)
        X509_NAME_add_entry_by_NID(name, NID_commonName, cr_printable(cn, cnn) ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING,
                                   (const unsigned char *)cn, (int)cnn, -1, 0);
    X509_set_subject_name(c, name);
    X509_set_issuer_name(c, parent ? X509_get_subject_name(parent) : name);
    int subject_empty = cnn == 0;
    int self_issued = !parent || cr_der_eq(X509_get_subject_name(parent), name);
    X509_NAME_free(name);
    /* NotBefore time.Now(), NotAfter time.Now().Add(time.Hour * 24 *
     * time.Duration(days)): the Duration wraps around int64 as Go's does, so
     * the end stays within 292 years of now; x509 encodes whole seconds */
    int64_t sec;
    int32_t nsec;
    det_now(&sec, &nsec);
    int64_t dur = (int64_t)((uint64_t)86400000000000 * (uint64_t)days);
    __int128 end = (__int128)sec * 1000000000 + nsec + dur;
    int64_t end_sec = (int64_t)(end >= 0 ? end / 1000000000 : -((-end + 999999999) / 1000000000));
    /* encoding/asn1 has no time outside years 0..9999 (reachable with --now) */
    if (end_sec < -62167219200LL || end_sec >= 253402300800LL || !ASN1_TIME_set(X509_getm_notBefore(c), (time_t)sec) ||
        !ASN1_TIME_set(X509_getm_notAfter(c), (time_t)end_sec)) {
        X509_free(c);
        *err = "error creating certificate: asn1: structure error: cannot represent time as GeneralizedTime";
        return NULL;
    }
    X509_set_pubkey(c, key);
    /* extensions in buildCertExtensions order */
    cr_add_ext(c, NID_key_usage,
               is_ca ? "critical,digitalSignature,keyEncipherment,keyCertSign" : "critical,digitalSignature,keyEncipherment");
    cr_add_ext(c, NID_ext_key_usage, "serverAuth,clientAuth");
    cr_add_ext(c, NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    if (is_ca) {
        /* Go 1.25 (Helm 4): SHA-256 truncated to 20 bytes; before: SHA-1 */
        const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(c);
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int mdn = 0;
        EVP_Digest(bits->data, (size_t)bits->length, md, &mdn, cc_helm_major >= 4 ? EVP_sha256() : EVP_sha1(), NULL);
        ASN1_OCTET_STRING *ski = ASN1_OCTET_STRING_new();
        ASN1_OCTET_STRING_set(ski, md, 20);
        X509_add1_ext_i2d(c, NID_subject_key_identifier, ski, 0, X509V3_ADD_APPEND);
        ASN1_OCTET_STRING_free(ski);
    }
    const ASN1_OCTET_STRING *pski = parent ? X509_get0_subject_key_id(parent) : NULL;
    if (!self_issued && pski && pski->length > 0) {
        AUTHORITY_KEYID *aki = AUTHORITY_KEYID_new();
        aki->keyid = ASN1_OCTET_STRING_dup(pski);
        X509_add1_ext_i2d(c, NID_authority_key_identifier, aki, 0, X509V3_ADD_APPEND);
        AUTHORITY_KEYID_free(aki);
    }
    if (nd || ni) {
        GENERAL_NAMES *gens = sk_GENERAL_NAME_new_null();
        for (uint32_t i = 0; i < nd; i++) {
            Value d = dns.u.l->v[i];
            GENERAL_NAME *g = GENERAL_NAME_new();
            ASN1_IA5STRING *s = ASN1_IA5STRING_new();
            ASN1_STRING_set(s, d.u.s, (int)d.n);
            GENERAL_NAME_set0_value(g, GEN_DNS, s);
            sk_GENERAL_NAME_push(gens, g);
        }
        for (uint32_t i = 0; i < ni; i++) {
            Value d = ips.u.l->v[i];
            unsigned char ip[16];
            int n = cr_parse_ip(cc_strndup(d.u.s, d.n), ip);
            GENERAL_NAME *g = GENERAL_NAME_new();
            ASN1_OCTET_STRING *s = ASN1_OCTET_STRING_new();
            ASN1_OCTET_STRING_set(s, ip, n);
            GENERAL_NAME_set0_value(g, GEN_IPADD, s);
            sk_GENERAL_NAME_push(gens, g);
        }
        X509_add1_ext_i2d(c, NID_subject_alt_name, gens, subject_empty, X509V3_ADD_APPEND);
        GENERAL_NAMES_free(gens);
    }
    const EVP_MD *md = EVP_sha256();
    if (sid == EVP_PKEY_ED25519) md = NULL;
    else if (sid == EVP_PKEY_EC) {
        int bits = EVP_PKEY_get_bits(signer);
        md = bits > 384 ? EVP_sha512() : bits > 256 ? EVP_sha384() : EVP_sha256();
    }
    if (!X509_sign(c, signer, md) || (det_seeded() && sid == EVP_PKEY_EC && !cr_ecdsa_resign(c, signer, md))) {
        X509_free(c);
        *err = "error creating certificate";
        return NULL;
    }
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(b, c);
    X509_free(c);
    return cr_bio_str(b);
}

/* getNetIPs / getAlternateDNSStrs checks; NULL or the error. */
static const char *cr_check_names(Value ips, Value dns)
{
    if (ips.t == VT_LIST && ips.u.l)
        for (uint32_t i = 0; i < ips.u.l->len; i++) {
            Value d = ips.u.l->v[i];
            if (!v_is_str(d)) {
                Value sv = fn_strval(d);
                return cc_printf("error parsing ip: %.*s is not a string", (int)sv.n, sv.u.s);
            }
            unsigned char ip[16];
            if (!cr_parse_ip(cc_strndup(d.u.s, d.n), ip)) return cc_printf("error parsing ip: %.*s", (int)d.n, d.u.s);
        }
    if (dns.t == VT_LIST && dns.u.l)
        for (uint32_t i = 0; i < dns.u.l->len; i++) {
            Value d = dns.u.l->v[i];
            if (!v_is_str(d)) {
                Value sv = fn_strval(d);
                return cc_printf("error processing alternate dns name: %.*s is not a string", (int)sv.n, sv.u.s);
            }
        }
    return NULL;
}

/* x509.ParseCertificate of the first PEM block; NULL + *err. */
static X509 *cr_parse_cert(const char *pem, size_t n, const char *what, const char **err)
{
    CrPem b;
    if (!cr_pem_decode(pem, n, &b)) { *err = "unable to decode certificate"; return NULL; }
    const unsigned char *p = b.der;
    X509 *c = d2i_X509(NULL, &p, (long)b.n);
    if (c && p != b.der + b.n) {
        X509_free(c);
        *err = cc_printf("error parsing certificate: %s: x509: trailing data", what);
        return NULL;
    }
    if (!c) *err = cc_printf("error parsing certificate: %s: x509: malformed certificate", what);
    return c;
}

/* Common driver: key (NULL: new RSA-2048), optional CA object. Returns
 * the certificate or NULL with *err; frees everything it made. */
static const char *cr_gen_do(const char *cn, size_t cnn, Value ips, Value dns, int64_t days, int is_ca,
                             const Value *keypem, const Value *ca, const char **keyout, const char **err)
{
    EVP_PKEY *key = NULL, *signer = NULL;
    X509 *parent = NULL;
    const char *cert = NULL, *e = NULL;
    if (keypem) {
        key = cr_parse_key(keypem->u.s, keypem->n, &e);
        if (!key) { *err = cc_printf("parsing private key: %s", e); return NULL; }
    } else {
        key = cr_gen_rsa(2048);
        if (!key) { *err = "error generating rsa key"; return NULL; }
    }
    if (ca) {
        CrCert *cc = ca->u.o->data;
        parent = cr_parse_cert(cc->cert, strlen(cc->cert), "decodedSignerCert.Bytes", err);
        if (!parent) goto out;
        signer = cr_parse_key(cc->key, strlen(cc->key), &e);
        if (!signer) { *err = cc_printf("error parsing private key: %s", e); goto out; }
    }
    if ((*err = cr_check_names(ips, dns))) goto out;
    cert = cr_make_cert(cn, cnn, ips, dns, days, is_ca, key, parent, signer ? signer : key, err);
    if (cert) *keyout = cr_key_pem(key);
out:
    EVP_PKEY_free(signer);
    X509_free(parent);
    EVP_PKEY_free(key);
    return cert;
}

static Value cr_gen(Exec *x, Value cn, Value ips, Value dns, int64_t days, int is_ca, const Value *keypem,
                    const Value *ca)
{
    det_call();
    if (ca && (ca->t != VT_OBJ || ca->u.o->type != &cr_cert_type))
        fn_error(x, "wrong type for value; expected sprig.certificate; got %s", v_gotype(*ca));
    const char *err = NULL, *key = NULL;
    const char *cert = cr_gen_do(cn.u.s, cn.n, ips, dns, days, is_ca, keypem, ca, &key, &err);
    if (!cert) fn_error(x, "%s", err);
    return cr_cert_value(cert, key);
}

Value fn_gen_ca(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, argv[0], v_nil(), v_nil(), argv[1].u.i, 1, NULL, NULL);
}
Value fn_gen_ca_with_key(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, argv[0], v_nil(), v_nil(), argv[1].u.i, 1, &argv[2], NULL);
}
Value fn_gen_self_signed_cert(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, argv[0], argv[1], argv[2], argv[3].u.i, 0, NULL, NULL);
}
Value fn_gen_self_signed_cert_with_key(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, argv[0], argv[1], argv[2], argv[3].u.i, 0, &argv[4], NULL);
}
Value fn_gen_signed_cert(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, argv[0], argv[1], argv[2], argv[3].u.i, 0, NULL, &argv[4]);
}
Value fn_gen_signed_cert_with_key(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, argv[0], argv[1], argv[2], argv[3].u.i, 0, &argv[5], &argv[4]);
}

/* buildCustomCert B64CERT B64KEY */
Value fn_build_custom_cert(Exec *x, int argc, Value *argv)
{
    unsigned char *cert, *key;
    size_t cn, kn;
    if (!cr_b64_decode(argv[0].u.s, argv[0].n, &cert, &cn)) fn_error(x, "unable to decode base64 certificate");
    if (!cr_b64_decode(argv[1].u.s, argv[1].n, &key, &kn)) fn_error(x, "unable to decode base64 private key");
    const char *err = NULL;
    X509 *c = cr_parse_cert((const char *)cert, cn, "decodedCert.Bytes", &err);
    if (!c) fn_error(x, "%s", err);
    X509_free(c);
    EVP_PKEY *k = cr_parse_key((const char *)key, kn, &err);
    if (!k) fn_error(x, "error parsing private key: %s", err);
    EVP_PKEY_free(k);
    return cr_cert_value(cc_strndup((const char *)cert, cn), cc_strndup((const char *)key, kn));
}
