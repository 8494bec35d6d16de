/*
 * fn_math.c - Sprig arithmetic: add add1 sub mul div mod max biggest min
 * (int64 via cast.ToInt64), addf add1f subf mulf divf (shopspring/decimal),
 * maxf minf floor ceil round, until untilStep seq.
 * Mirrors sprig v3.3.0 numeric.go and functions.go (arithmetic rows),
 * shopspring/decimal v1.4.0 (NewFromFloat, Add, Sub, Mul, DivRound with
 * DivisionPrecision 16, Float64) and Go's math.Max/Min.
 *
 * Decimals are exact: coefficient (OpenSSL BIGNUM) times 10^exponent.
 */
#include "fn_int.h"
#include "chartc/gostd.h"

#include <math.h>
#include <openssl/bn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- integer arithmetic (Go int64 wraps around) ------------------------ */

static int64_t wrap_add(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wrap_mul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

Value fn_add1(Exec *x, int argc, Value *argv) { return v_int64(wrap_add(fn_toint64(argv[0]), 1)); }

Value fn_add(Exec *x, int argc, Value *argv)
{
    int64_t a = 0;
    for (int i = 0; i < argc; i++) a = wrap_add(a, fn_toint64(argv[i]));
    return v_int64(a);
}

Value fn_sub(Exec *x, int argc, Value *argv)
{
    return v_int64((int64_t)((uint64_t)fn_toint64(argv[0]) - (uint64_t)fn_toint64(argv[1])));
}

Value fn_mul(Exec *x, int argc, Value *argv)
{
    int64_t a = fn_toint64(argv[0]);
    for (int i = 1; i < argc; i++) a = wrap_mul(a, fn_toint64(argv[i]));
    return v_int64(a);
}

Value fn_div(Exec *x, int argc, Value *argv)
{
    int64_t a = fn_toint64(argv[0]), b = fn_toint64(argv[1]);
    if (b == 0) fn_error(x, "runtime error: integer divide by zero");
    if (b == -1) return v_int64((int64_t)(0 - (uint64_t)a));
    return v_int64(a / b);
}

Value fn_mod(Exec *x, int argc, Value *argv)
{
    int64_t a = fn_toint64(argv[0]), b = fn_toint64(argv[1]);
    if (b == 0) fn_error(x, "runtime error: integer divide by zero");
    if (b == -1) return v_int64(0);
    return v_int64(a % b);
}

Value fn_max(Exec *x, int argc, Value *argv)
{
    int64_t a = fn_toint64(argv[0]);
    for (int i = 1; i < argc; i++) { int64_t b = fn_toint64(argv[i]); if (b > a) a = b; }
    return v_int64(a);
}

Value fn_min(Exec *x, int argc, Value *argv)
{
    int64_t a = fn_toint64(argv[0]);
    for (int i = 1; i < argc; i++) { int64_t b = fn_toint64(argv[i]); if (b < a) a = b; }
    return v_int64(a);
}

/* ---- float functions ---------------------------------------------------- */

/* Go math.Max / math.Min (Inf wins over NaN; signed zeros) */
static double go_max(double a, double b)
{
    if (isinf(a) && a > 0) return a;
    if (isinf(b) && b > 0) return b;
    if (isnan(a) || isnan(b)) return NAN;
    if (a == 0 && a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

static double go_min(double a, double b)
{
    if (isinf(a) && a < 0) return a;
    if (isinf(b) && b < 0) return b;
    if (isnan(a) || isnan(b)) return NAN;
    if (a == 0 && a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}

Value fn_maxf(Exec *x, int argc, Value *argv)
{
    double a = fn_tofloat64(argv[0]);
    for (int i = 1; i < argc; i++) a = go_max(a, fn_tofloat64(argv[i]));
    return v_float(a);
}

Value fn_minf(Exec *x, int argc, Value *argv)
{
    double a = fn_tofloat64(argv[0]);
    for (int i = 1; i < argc; i++) a = go_min(a, fn_tofloat64(argv[i]));
    return v_float(a);
}

Value fn_floor(Exec *x, int argc, Value *argv) { return v_float(go_floor(fn_tofloat64(argv[0]))); }
Value fn_ceil(Exec *x, int argc, Value *argv) { return v_float(go_ceil(fn_tofloat64(argv[0]))); }

/* round X PLACES [ON=.5]: ceil when the fraction of X*10^PLACES >= ON */
Value fn_round(Exec *x, int argc, Value *argv)
{
    double on = argc > 2 ? argv[2].u.f : .5;
    double val = fn_tofloat64(argv[0]);
    double pw = go_pow(10, (double)argv[1].u.i);
    double digit = pw * val, ip;
    double frac = isinf(digit) ? 0 : modf(digit, &ip);
    double r = frac >= on ? go_ceil(digit) : go_floor(digit);
    return v_float(r / pw);
}

/* ---- exact decimals --------------------------------------------------- */

typedef struct { BIGNUM *c; int e; } Dec;   /* c * 10^e */

static BN_CTX *bnctx(void)
{
    static BN_CTX *ctx;
    if (!ctx) ctx = BN_CTX_new();
    if (!ctx) cc_oom();
    return ctx;
}

static void dec_free(Dec *d) { BN_free(d->c); d->c = NULL; }

/* c *= 10^k, k >= 0 */
static void scale(BIGNUM *c, int k)
{
    if (k <= 0) return;
    BIGNUM *t = BN_new(), *ten = BN_new(), *p = BN_new();
    BN_set_word(ten, 10);
    BN_set_word(t, (BN_ULONG)k);
    BN_exp(p, ten, t, bnctx());
    BN_mul(c, c, p, bnctx());
    BN_free(t); BN_free(ten); BN_free(p);
}

/* decimal.NewFromFloat: the shortest decimal that round-trips */
static Dec dec_from_float(Exec *x, double f)
{
    if (isnan(f) || isinf(f)) fn_error(x, "Cannot create a Decimal from %s", isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
    char s[64];
    go_shortest_e(s, sizeof s, f, 64);
    /* s = [-]D[.DDD]e[+-]XX */
    char digits[64];
    int nd = 0, neg = 0;
    const char *q = s;
    if (*q == '-') { neg = 1; q++; }
    for (; *q && *q != 'e'; q++) if (*q >= '0' && *q <= '9') digits[nd++] = *q;
    digits[nd] = 0;
    int ex = atoi(q + 1);
    Dec d = {BN_new(), ex - (nd - 1)};
    BN_dec2bn(&d.c, digits);
    if (neg) BN_set_negative(d.c, 1);
    return d;
}

/* bring a and b to the same (smaller) exponent */
static void align(Dec *a, Dec *b)
{
    if (a->e > b->e) { scale(a->c, a->e - b->e); a->e = b->e; }
    else if (b->e > a->e) { scale(b->c, b->e - a->e); b->e = a->e; }
}

static void dec_add(Dec *a, Dec *b, int subtract)
{
    align(a, b);
    if (subtract) BN_sub(a->c, a->c, b->c);
    else BN_add(a->c, a->c, b->c);
}

static void dec_mul(Dec *a, Dec *b)
{
    BN_mul(a->c, a->c, b->c, bnctx());
    a->e += b->e;
}

/* DivRound(b, 16): quotient to 16 decimal places, half away from zero */
static void dec_div(Exec *x, Dec *a, Dec *b)
{
    if (BN_is_zero(b->c)) { dec_free(a); dec_free(b); fn_error(x, "decimal division by 0"); }
    enum { PREC = 16 };
    BIGNUM *n = BN_dup(a->c), *d = BN_dup(b->c), *q = BN_new(), *r = BN_new();
    int k = a->e - b->e + PREC;   /* a/b * 10^PREC = n * 10^k / d */
    if (k >= 0) scale(n, k);
    else scale(d, -k);
    BN_div(q, r, n, d, bnctx());  /* truncated toward zero, r has n's sign */
    BN_set_negative(r, 0);
    BN_lshift1(r, r);
    BN_set_negative(d, 0);
    if (BN_cmp(r, d) >= 0) {
        int neg = BN_is_negative(a->c) != BN_is_negative(b->c);
        if (neg) BN_sub_word(q, 1);
        else BN_add_word(q, 1);
    }
    BN_free(a->c);
    a->c = q;
    a->e = -PREC;
    BN_free(n); BN_free(d); BN_free(r);
}

/* Decimal.Float64: the float64 nearest to the exact value */
static double dec_float(Dec *d)
{
    char *s = BN_bn2dec(d->c);
    char *t = cc_printf("%se%d", s, d->e);
    OPENSSL_free(s);
    return strtod(t, NULL);
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV };

/* sprig execDecimalOp: fold the operands left to right */
static Value decimal_fold(Exec *x, Value first, int argc, Value *argv, int op)
{
    Dec acc = dec_from_float(x, fn_tofloat64(first));
    for (int i = 0; i < argc; i++) {
        double f = fn_tofloat64(argv[i]);
        if (isnan(f) || isinf(f)) dec_free(&acc);
        Dec b = dec_from_float(x, f);
        switch (op) {
        case OP_ADD: dec_add(&acc, &b, 0); break;
        case OP_SUB: dec_add(&acc, &b, 1); break;
        case OP_MUL: dec_mul(&acc, &b); break;
        case OP_DIV: dec_div(x, &acc, &b); break;
        }
        dec_free(&b);
    }
    double r = dec_float(&acc);
    dec_free(&acc);
    return v_float(r);
}

Value fn_add1f(Exec *x, int argc, Value *argv)
{
    Value one = v_goint(1);
    return decimal_fold(x, argv[0], 1, &one, OP_ADD);
}

Value fn_addf(Exec *x, int argc, Value *argv) { return decimal_fold(x, v_float(0), argc, argv, OP_ADD); }
Value fn_subf(Exec *x, int argc, Value *argv) { return decimal_fold(x, argv[0], argc - 1, argv + 1, OP_SUB); }
Value fn_mulf(Exec *x, int argc, Value *argv) { return decimal_fold(x, argv[0], argc - 1, argv + 1, OP_MUL); }
Value fn_divf(Exec *x, int argc, Value *argv) { return decimal_fold(x, argv[0], argc - 1, argv + 1, OP_DIV); }

/* ---- sequences ---------------------------------------------------------- */

/* untilStep START STOP STEP as a list of Go ints. Go's int addition wraps:
 * a step past the end of int64 comes back from the other side and the
 * loop goes on (untilStep 0 9e18 4e18 has 53 elements, and a loop that
 * never gets past STOP again ends only in Go's out of memory); capped at
 * 2^26 elements to keep memory sane. */

static List *until_step(Exec *x, int64_t start, int64_t stop, int64_t step)
{
    /* sized once: doubling a 2e7-element list left 1 GB of old copies */
    uint64_t span = stop < start ? (uint64_t)start - (uint64_t)stop : (uint64_t)stop - (uint64_t)start;
    uint64_t mag = step < 0 ? -(uint64_t)step : (uint64_t)step;
    uint64_t count = mag && (stop < start) == (step < 0) ? (span - 1) / mag + 1 : 0;
    List *l = list_new(span && count < (1u << 26) ? count : 0);
    if (stop < start) {
        if (step >= 0) return l;
        for (int64_t i = start; i > stop; i = wrap_add(i, step)) {
            if (l->len >= (1u << 26)) fn_error(x, "runtime error: out of memory");
            list_push(l, v_goint(i));
        }
        return l;
    }
    if (step <= 0) return l;
    for (int64_t i = start; i < stop; i = wrap_add(i, step)) {
        if (l->len >= (1u << 26)) fn_error(x, "runtime error: out of memory");
        list_push(l, v_goint(i));
    }
    return l;
}

static Value int_slice(List *l)
{
    Value r = v_list(l);
    r.g = GT_INTSLICE;
    return r;
}

Value fn_until(Exec *x, int argc, Value *argv)
{
    int64_t n = argv[0].u.i;
    return int_slice(until_step(x, 0, n, n < 0 ? -1 : 1));
}

Value fn_untilstep(Exec *x, int argc, Value *argv)
{
    return int_slice(until_step(x, argv[0].u.i, argv[1].u.i, argv[2].u.i));
}

static Value join_ints(List *l)
{
    Buf b = {0};
    for (uint32_t i = 0; i < l->len; i++) buf_printf(&b, i ? " %lld" : "%lld", (long long)l->v[i].u.i);
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

/* seq [START [STEP]] END: inclusive, counting down when END < START */
Value fn_seq(Exec *x, int argc, Value *argv)
{
    int64_t start, end, step, inc = 1;
    switch (argc) {
    case 1:
        start = 1; end = argv[0].u.i;
        if (end < start) inc = -1;
        return join_ints(until_step(x, start, wrap_add(end, inc), inc));
    case 2:
        start = argv[0].u.i; end = argv[1].u.i;
        step = end < start ? -1 : 1;
        return join_ints(until_step(x, start, wrap_add(end, step), step));
    case 3:
        start = argv[0].u.i; step = argv[1].u.i; end = argv[2].u.i;
        if (end < start) {
            inc = -1;
            if (step > 0) return v_cstr("");
        }
        return join_ints(until_step(x, start, wrap_add(end, inc), step));
    default:
        return v_cstr("");
    }
}
