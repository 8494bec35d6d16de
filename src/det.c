/*
 * det.c - reproducible renders: the seeded random streams and the fixed
 * clock behind --seed/CHARTC_SEED and --now/SOURCE_DATE_EPOCH (det.h).
 * No Helm counterpart: Helm draws from Go's crypto/rand and math/rand and
 * reads time.Now(); this module stands in for all three.
 *
 * The stream (man/chartc.1, REPRODUCIBLE RENDERS; changing it changes every
 * seeded golden, so it is versioned by the "chartc-seed-v1" label):
 *   K    = HMAC-SHA256(key = seed, data = "chartc-seed-v1" 0x00 release 0x00 template)
 *   call i of the template (i = 0, 1, ...) reads the ChaCha20 keystream
 *   (RFC 8439) of key K, nonce = 4 zero bytes || i as 64-bit big-endian,
 *   block counter from 0.
 * Outside any template (a --name-template) release and template are "".
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "chartc/det.h"
#include "chartc/gostd.h"
#include "chartc/value.h"

#define DET_LABEL "chartc-seed-v1"
#define DET_CHUNK 512   /* keystream bytes made at a time (8 blocks) */

static struct {
    int seeded;
    unsigned char *seed;           /* malloc'd: outlives the arenas */
    size_t seedn;
    unsigned char key[32];         /* K of the current template */
    uint64_t calls;                /* calls begun in the current template */
    uint64_t call;                 /* the current call's index */
    uint32_t block;                /* next ChaCha20 block of the current call */
    unsigned char ks[DET_CHUNK];
    size_t kpos, klen;
    EVP_CIPHER_CTX *cc;
    int fixed;                     /* the clock is fixed */
    int64_t sec;
    int32_t nsec;
} det;

static void det_fatal(const char *what)
{
    fprintf(stderr, "chartc: %s\n", what);
    abort();
}

void det_template(const char *release, const char *name)
{
    det.calls = 0;
    det.call = 0;
    det.block = 0;
    det.kpos = det.klen = 0;
    if (!det.seeded) return;
    size_t rl = strlen(release), nl = strlen(name), ll = sizeof DET_LABEL;   /* label with its NUL */
    unsigned char *msg = malloc(ll + rl + 1 + nl);
    if (!msg) cc_oom();
    memcpy(msg, DET_LABEL, ll);
    memcpy(msg + ll, release, rl);
    msg[ll + rl] = 0;
    memcpy(msg + ll + rl + 1, name, nl);
    unsigned int kl = 0;
    if (!HMAC(EVP_sha256(), det.seed, (int)det.seedn, msg, ll + rl + 1 + nl, det.key, &kl) || kl != 32)
        det_fatal("HMAC-SHA256 failed");
    free(msg);
}

int det_seeded(void) { return det.seeded; }

void det_call(void)
{
    det.call = det.calls++;
    det.block = 0;
    det.kpos = det.klen = 0;
}

/* The next DET_CHUNK keystream bytes of the current call. */
static void det_refill(void)
{
    static const unsigned char zero[DET_CHUNK];
    unsigned char iv[16] = {0};
    /* OpenSSL's ChaCha20 IV: 32-bit little-endian block counter, then the nonce */
    for (int i = 0; i < 4; i++) iv[i] = (unsigned char)(det.block >> (8 * i));
    for (int i = 0; i < 8; i++) iv[8 + i] = (unsigned char)(det.call >> (56 - 8 * i));
    if (!det.cc && !(det.cc = EVP_CIPHER_CTX_new())) cc_oom();
    int n = 0;
    if (EVP_EncryptInit_ex(det.cc, EVP_chacha20(), NULL, det.key, iv) != 1 ||
        EVP_EncryptUpdate(det.cc, det.ks, &n, zero, DET_CHUNK) != 1 || n != DET_CHUNK)
        det_fatal("ChaCha20 failed");
    det.block += DET_CHUNK / 64;
    det.kpos = 0;
    det.klen = DET_CHUNK;
}

void det_bytes(void *p, size_t n)
{
    unsigned char *o = p;
    if (!det.seeded) {
        /* the kernel's generator, as Go's crypto/rand reads it (RAND_bytes
         * would load OpenSSL's providers first: 5 M instructions), read
         * 4 KiB at a time: randAlphaNum takes 8 bytes per character, and a
         * system call for each made 10^7 characters take 21 s (Helm 4.8 s) */
        static unsigned char pool[4096];
        static size_t ppos = sizeof pool;
        while (n) {
            if (ppos == sizeof pool) {
                size_t got = 0;
                while (got < sizeof pool) {
                    ssize_t k = getrandom(pool + got, sizeof pool - got, 0);
                    if (k < 0 && errno == EINTR) continue;
                    if (k <= 0) det_fatal("the system random source failed");
                    got += (size_t)k;
                }
                ppos = 0;
            }
            size_t k = sizeof pool - ppos < n ? sizeof pool - ppos : n;
            memcpy(o, pool + ppos, k);
            memset(pool + ppos, 0, k);   /* handed-out bytes do not stay behind */
            ppos += k;
            o += k;
            n -= k;
        }
        return;
    }
    while (n) {
        if (det.kpos == det.klen) det_refill();
        size_t k = det.klen - det.kpos < n ? det.klen - det.kpos : n;
        memcpy(o, det.ks + det.kpos, k);
        det.kpos += k;
        o += k;
        n -= k;
    }
}

/* 8 bytes as a big-endian r; r < L = (2^64-1) - ((2^64-1) mod n) gives
 * r mod n, else 8 more bytes. */
uint64_t det_below(uint64_t n)
{
    uint64_t lim = UINT64_MAX - UINT64_MAX % n;
    for (;;) {
        unsigned char b[8];
        det_bytes(b, 8);
        uint64_t r = 0;
        for (int i = 0; i < 8; i++) r = r << 8 | b[i];
        if (r < lim) return r % n;
    }
}

/* ---- the clock ----------------------------------------------------------- */

int det_now(int64_t *sec, int32_t *nsec)
{
    if (det.fixed) {
        *sec = det.sec;
        *nsec = det.nsec;
        return 1;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *sec = ts.tv_sec;
    *nsec = (int32_t)ts.tv_nsec;
    return 0;
}

int det_clock_fixed(void) { return det.fixed; }

static int det_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM) */
const char *det_parse_rfc3339(const char *s, int64_t *sec, int32_t *nsec)
{
    const char *bad = "want an RFC 3339 time, such as 2024-01-02T15:04:05Z";
    int Y, M, D, h, mi, se, oh = 0, om = 0;
    size_t n = strlen(s);
    if (n < 20 || !det_digits(s, 4, &Y) || s[4] != '-' || !det_digits(s + 5, 2, &M) || s[7] != '-' ||
        !det_digits(s + 8, 2, &D) || (s[10] != 'T' && s[10] != 't') || !det_digits(s + 11, 2, &h) ||
        s[13] != ':' || !det_digits(s + 14, 2, &mi) || s[16] != ':' || !det_digits(s + 17, 2, &se))
        return bad;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
    if (M < 1 || M > 12 || D < 1 || D > mdays[M - 1] || (M == 2 && D == 29 && !leap) || h > 23 || mi > 59 || se > 59)
        return bad;
    const char *p = s + 19;
    int32_t frac = 0;
    if (*p == '.') {
        int k = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, k++)
            if (k < 9) frac = frac * 10 + (*p - '0');
        if (k == 0) return bad;
        for (; k < 9; k++) frac *= 10;
    }
    int sign = 0;
    if ((*p == 'Z' || *p == 'z') && !p[1]) sign = 0;
    else if ((*p == '+' || *p == '-') && strlen(p) == 6 && det_digits(p + 1, 2, &oh) && p[3] == ':' &&
             det_digits(p + 4, 2, &om) && oh <= 23 && om <= 59)
        sign = *p == '-' ? -1 : 1;
    else return bad;
    *sec = go_days_from_civil(Y, M, D) * 86400 + h * 3600 + mi * 60 + se - sign * (oh * 3600 + om * 60);
    *nsec = frac;
    return NULL;
}

/* ---- configuration ------------------------------------------------------------- */

const char *det_set(const char *seed, const char *now)
{
    int64_t sec = 0;
    int32_t nsec = 0;
    if (now && *now) {
        const char *err = det_parse_rfc3339(now, &sec, &nsec);
        if (err) return cc_printf("invalid time \"%s\": %s", now, err);
    }
    det.fixed = now && *now;
    det.sec = sec;
    det.nsec = nsec;
    free(det.seed);
    det.seed = NULL;
    det.seedn = 0;
    det.seeded = seed && *seed;
    if (det.seeded) {
        det.seedn = strlen(seed);
        if (!(det.seed = malloc(det.seedn))) cc_oom();
        memcpy(det.seed, seed, det.seedn);
    }
    det_template("", "");
    return NULL;
}

const char *det_configure(const char *seed_flag, const char *now_flag)
{
    const char *seed = seed_flag ? seed_flag : getenv("CHARTC_SEED");
    if (now_flag) {
        int64_t sec;
        int32_t nsec;
        const char *err = det_parse_rfc3339(now_flag, &sec, &nsec);
        if (err) return cc_printf("invalid argument \"%s\" for \"--now\" flag: %s", now_flag, err);
        return det_set(seed, now_flag);
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    const char *err = det_set(seed, NULL);
    if (err || !sde || !*sde) return err;
    /* the reproducible-builds convention: decimal Unix seconds */
    char *end;
    long long v = strtoll(sde, &end, 10);
    if (*end || sde[0] < '0' || sde[0] > '9' || v < 0 || v > 253402300799LL)
        return cc_printf("invalid SOURCE_DATE_EPOCH \"%s\": want Unix seconds, such as 1704067200", sde);
    det.fixed = 1;
    det.sec = v;
    det.nsec = 0;
    return NULL;
}
