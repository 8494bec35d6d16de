/*
 * fn_crypto.c - sprig's crypto functions: genPrivateKey, genCA*,
 * genSelfSignedCert*, genSignedCert*, buildCustomCert, derivePassword,
 * encryptAES/decryptAES, htpasswd, bcrypt.
 * Mirrors Masterminds/sprig v3.3.0 crypto.go with OpenSSL 3 (keys,
 * X.509, scrypt, AES) and libxcrypt (bcrypt $2a$, cost 10).
 * Certificates are `sprig.certificate` objects with .Cert and .Key.
 */
#define _GNU_SOURCE
#include <crypt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

#include "chartc/func.h"

Value fn_b64dec(Exec *x, int argc, Value *argv);   /* fn_encoding.c */

/* ---- bcrypt ------------------------------------------------------------- */

/* bcrypt.GenerateFromPassword(s, DefaultCost) */
static const char *cr_bcrypt(const char *pw, size_t n)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    struct crypt_data *d = cc_alloc(sizeof *d);
    /* bcrypt only reads the first 72 bytes; Go rejects longer passwords */
    if (n > 72) return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
    if (!crypt_gensalt_rn("$2a$", 10, NULL, 0, salt, sizeof salt)) return "failed to encrypt string with bcrypt";
    const char *h = crypt_r(cc_strndup(pw, n), salt, d);
    return h && h[0] == '$' ? cc_strdup(h) : "failed to encrypt string with bcrypt";
}

Value fn_bcrypt(Exec *x, int argc, Value *argv) { return v_cstr(cr_bcrypt(argv[0].u.s, argv[0].n)); }

/* htpasswd USER PASS -> "USER:<bcrypt>" */
Value fn_htpasswd(Exec *x, int argc, Value *argv)
{
    if (memchr(argv[0].u.s, ':', argv[0].n))
        return v_cstr(cc_printf("invalid username: %.*s", (int)argv[0].n, argv[0].u.s));
    return v_cstr(cc_printf("%.*s:%s", (int)argv[0].n, argv[0].u.s, cr_bcrypt(argv[1].u.s, argv[1].n)));
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
    if (t < 0) return v_cstr(cc_printf("cannot find password template %.*s", (int)type.n, type.u.s));
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
    if (pt.n == 0) return v_str("", 0);
    unsigned char key[32];
    cr_key32(key, argv[0]);
    size_t pad = 16 - pt.n % 16, cn = pt.n + pad;
    unsigned char *buf = cc_alloc(16 + cn);
    if (RAND_bytes(buf, 16) != 1) fn_error(x, "crypto/rand: failure");
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

typedef struct CrCert { const char *cert, *key; } CrCert;

static int cr_cert_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    CrCert *c = o->data;
    if (strcmp(name, "Cert") == 0) *out = v_cstr(c->cert);
    else if (strcmp(name, "Key") == 0) *out = v_cstr(c->key);
    else return 0;
    return 1;
}
static void cr_cert_print(Buf *b, Obj *o)
{
    CrCert *c = o->data;
    buf_printf(b, "{%s %s}", c->cert, c->key);
}
static Value cr_cert_data(Obj *o)
{
    CrCert *c = o->data;
    Value m = v_newmap(2);
    map_setc(m.u.m, "Cert", v_cstr(c->cert));
    map_setc(m.u.m, "Key", v_cstr(c->key));
    return m;
}
static const ObjType cr_cert_type = {"sprig.certificate", cr_cert_field, cr_cert_print, cr_cert_data};

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

static EVP_PKEY *cr_gen_dsa(void)
{
    EVP_PKEY *params = NULL, *key = NULL;
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
    if (pc && EVP_PKEY_paramgen_init(pc) > 0 && EVP_PKEY_CTX_set_dsa_paramgen_bits(pc, 2048) > 0 &&
        EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pc, 256) > 0 && EVP_PKEY_paramgen(pc, &params) > 0) {
        EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL);
        if (kc && EVP_PKEY_keygen_init(kc) > 0) EVP_PKEY_keygen(kc, &key);
        EVP_PKEY_CTX_free(kc);
    }
    EVP_PKEY_free(params);
    EVP_PKEY_CTX_free(pc);
    return key;
}

/* genPrivateKey TYPE */
Value fn_gen_private_key(Exec *x, int argc, Value *argv)
{
    const char *t = cc_strndup(argv[0].u.s, argv[0].n);
    EVP_PKEY *k = NULL;
    if (!*t || strcmp(t, "rsa") == 0) k = EVP_RSA_gen(4096);
    else if (strcmp(t, "ecdsa") == 0) k = EVP_EC_gen("P-256");
    else if (strcmp(t, "ed25519") == 0) k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    else if (strcmp(t, "dsa") == 0) k = cr_gen_dsa();
    else return v_cstr(cc_printf("Unknown type %s", t));
    if (!k) return v_cstr("failed to generate private key");
    const char *pem = cr_key_pem(k);
    EVP_PKEY_free(k);
    return v_cstr(pem);
}

/* parsePrivateKeyPEM; returns NULL with *err set on failure. */
static EVP_PKEY *cr_parse_key(const char *pem, size_t n, const char **err)
{
    if (!memmem(pem, n, "-----BEGIN ", 11)) { *err = "no PEM data in input"; return NULL; }
    BIO *b = BIO_new_mem_buf(pem, (int)n);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    BIO_free(b);
    if (!k) *err = "no private key data in PEM block";
    return k;
}

/* Go x509.CreateCertificate of the sprig template; NULL + *err on failure. */
static int cr_add_ext(X509 *c, X509 *issuer, int nid, const char *val)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, c, NULL, NULL, 0);
    X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, nid, val);
    if (!e) return 0;
    X509_add_ext(c, e, -1);
    X509_EXTENSION_free(e);
    return 1;
}

static const char *cr_make_cert(Exec *x, const char *cn, Value ips, Value dns, int64_t days, int is_ca,
                                EVP_PKEY *key, X509 *parent, EVP_PKEY *signer)
{
    X509 *c = X509_new();
    X509_set_version(c, 2);
    /* serial: random in [0, 2^128) */
    unsigned char rnd[16];
    RAND_bytes(rnd, sizeof rnd);
    BIGNUM *bn = BN_bin2bn(rnd, sizeof rnd, NULL);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(c));
    BN_free(bn);
    X509_NAME *name = X509_NAME_new();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
    X509_set_subject_name(c, name);
    X509_set_issuer_name(c, parent ? X509_get_subject_name(parent) : name);
    X509_NAME_free(name);
    time_t now = time(NULL);
    X509_time_adj_ex(X509_getm_notBefore(c), 0, 0, &now);
    X509_time_adj_ex(X509_getm_notAfter(c), (int)days, 0, &now);
    X509_set_pubkey(c, key);
    X509 *iss = parent ? parent : c;
    cr_add_ext(c, iss, NID_key_usage,
               is_ca ? "critical,digitalSignature,keyEncipherment,keyCertSign" : "critical,digitalSignature,keyEncipherment");
    cr_add_ext(c, iss, NID_ext_key_usage, "serverAuth,clientAuth");
    cr_add_ext(c, iss, NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    if (is_ca) cr_add_ext(c, iss, NID_subject_key_identifier, "hash");
    if (parent && X509_get0_subject_key_id(parent)) cr_add_ext(c, iss, NID_authority_key_identifier, "keyid:always");
    Buf san = {0};
    if (dns.t == VT_LIST)
        for (uint32_t i = 0; i < dns.u.l->len; i++) {
            Value d = dns.u.l->v[i];
            if (!v_is_str(d)) {
                buf_free(&san);
                X509_free(c);
                Value sv = fn_strval(d);
                return cc_printf("error processing alternate dns name: %.*s is not a string", (int)sv.n, sv.u.s);
            }
            buf_printf(&san, "%sDNS:%.*s", san.len ? "," : "", (int)d.n, d.u.s);
        }
    if (ips.t == VT_LIST)
        for (uint32_t i = 0; i < ips.u.l->len; i++) {
            Value d = ips.u.l->v[i];
            if (!v_is_str(d)) {
                buf_free(&san);
                X509_free(c);
                Value sv = fn_strval(d);
                return cc_printf("error parsing ip: %.*s is not a string", (int)sv.n, sv.u.s);
            }
            ASN1_OCTET_STRING *ip = a2i_IPADDRESS(cc_strndup(d.u.s, d.n));
            if (!ip) {
                buf_free(&san);
                X509_free(c);
                return cc_printf("error parsing ip: %.*s", (int)d.n, d.u.s);
            }
            ASN1_OCTET_STRING_free(ip);
            buf_printf(&san, "%sIP:%.*s", san.len ? "," : "", (int)d.n, d.u.s);
        }
    if (san.len) cr_add_ext(c, iss, NID_subject_alt_name, buf_cstr(&san));
    buf_free(&san);
    int id = EVP_PKEY_get_base_id(signer);
    const EVP_MD *md = (id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448) ? NULL : EVP_sha256();
    if (!X509_sign(c, signer, md)) {
        X509_free(c);
        return "error creating certificate";
    }
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(b, c);
    X509_free(c);
    return cr_bio_str(b);
}

/* Common driver: key (NULL: new RSA-2048), optional CA object. */
static Value cr_gen(Exec *x, const char *cn, Value ips, Value dns, int64_t days, int is_ca,
                    const Value *keypem, const Value *ca)
{
    const char *err = NULL;
    EVP_PKEY *key;
    if (keypem) {
        key = cr_parse_key(keypem->u.s, keypem->n, &err);
        if (!key) fn_error(x, "parsing private key: %s", err);
    } else {
        key = EVP_RSA_gen(2048);
        if (!key) fn_error(x, "error generating rsa key");
    }
    X509 *parent = NULL;
    EVP_PKEY *signer = key;
    if (ca) {
        if (ca->t != VT_OBJ || ca->u.o->type != &cr_cert_type) {
            EVP_PKEY_free(key);
            fn_error(x, "wrong type for value; expected sprig.certificate; got %s", v_gotype(*ca));
        }
        CrCert *cc = ca->u.o->data;
        BIO *b = BIO_new_mem_buf(cc->cert, -1);
        parent = PEM_read_bio_X509(b, NULL, NULL, NULL);
        BIO_free(b);
        if (!parent) { EVP_PKEY_free(key); fn_error(x, "unable to decode certificate"); }
        signer = cr_parse_key(cc->key, strlen(cc->key), &err);
        if (!signer) {
            X509_free(parent);
            EVP_PKEY_free(key);
            fn_error(x, "error parsing private key: %s", err);
        }
    }
    const char *cert = cr_make_cert(x, cn, ips, dns, days, is_ca, key, parent, signer);
    const char *kp = cr_key_pem(key);
    if (signer != key) EVP_PKEY_free(signer);
    X509_free(parent);
    EVP_PKEY_free(key);
    if (strncmp(cert, "-----", 5) != 0) fn_error(x, "%s", cert);
    return cr_cert_value(cert, kp);
}

#define CN(v) cc_strndup((v).u.s, (v).n)

Value fn_gen_ca(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, CN(argv[0]), v_nil(), v_nil(), argv[1].u.i, 1, NULL, NULL);
}
Value fn_gen_ca_with_key(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, CN(argv[0]), v_nil(), v_nil(), argv[1].u.i, 1, &argv[2], NULL);
}
Value fn_gen_self_signed_cert(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, CN(argv[0]), argv[1], argv[2], argv[3].u.i, 0, NULL, NULL);
}
Value fn_gen_self_signed_cert_with_key(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, CN(argv[0]), argv[1], argv[2], argv[3].u.i, 0, &argv[4], NULL);
}
Value fn_gen_signed_cert(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, CN(argv[0]), argv[1], argv[2], argv[3].u.i, 0, NULL, &argv[4]);
}
Value fn_gen_signed_cert_with_key(Exec *x, int argc, Value *argv)
{
    return cr_gen(x, CN(argv[0]), argv[1], argv[2], argv[3].u.i, 0, &argv[5], &argv[4]);
}

/* buildCustomCert B64CERT B64KEY */
Value fn_build_custom_cert(Exec *x, int argc, Value *argv)
{
    Value cert = fn_b64dec(x, 1, &argv[0]), key = fn_b64dec(x, 1, &argv[1]);
    if (cert.n >= 7 && memcmp(cert.u.s, "illegal", 7) == 0) fn_error(x, "unable to decode base64 certificate");
    if (key.n >= 7 && memcmp(key.u.s, "illegal", 7) == 0) fn_error(x, "unable to decode base64 private key");
    BIO *b = BIO_new_mem_buf(cert.u.s, (int)cert.n);
    X509 *c = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    if (!c) fn_error(x, "unable to decode certificate");
    X509_free(c);
    const char *err = NULL;
    EVP_PKEY *k = cr_parse_key(key.u.s, key.n, &err);
    if (!k) fn_error(x, "error parsing private key: %s", err);
    EVP_PKEY_free(k);
    return cr_cert_value(cc_strndup(cert.u.s, cert.n), cc_strndup(key.u.s, key.n));
}
