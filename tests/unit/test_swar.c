/* test_swar.c - the eight-bytes-at-a-time byte tests (include/chartc/swar.h)
 * against byte-by-byte answers, over words made of bytes at and around
 * every boundary the tests have (so borrows and carries happen often):
 * the exact tests flag exactly the passing bytes; the borrowing ones flag
 * every passing byte, nothing before the first, nothing at all when no
 * byte passes, and swar_first finds the first. */
#include "chartc/swar.h"
#include "harness.h"

#include <stdint.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A word of bytes near c1 or c2, 0x00, 0x7F, 0x80, 0xFF, or random. */
static uint64_t word_near(unsigned c1, unsigned c2)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++) {
        uint64_t r = next();
        unsigned base;
        switch (r % 6) {
        case 0: base = c1; break;
        case 1: base = c2; break;
        case 2: base = 0x00; break;
        case 3: base = 0x7F; break;
        case 4: base = 0x80; break;
        default: base = (unsigned)(r >> 8); break;
        }
        b[i] = (unsigned char)(base + (unsigned)((r >> 16) % 3) - 1);   /* base - 1, base, base + 1 */
    }
    return swar_load(b);
}

static unsigned byte_at(uint64_t w, int i) { return (unsigned)(w >> (8 * i)) & 0xFF; }

/* m flags exactly the bytes of w that pass */
static int exact(uint64_t w, uint64_t m, int (*pass)(unsigned, unsigned, unsigned), unsigned a, unsigned b)
{
    uint64_t want = 0;
    for (int i = 0; i < 8; i++)
        if (pass(byte_at(w, i), a, b)) want |= (uint64_t)0x80 << (8 * i);
    return m == want;
}

/* m flags no bits but high ones, every byte that passes, none before the
 * first that does, and swar_first finds that one */
static int up_to_first(uint64_t w, uint64_t m, int (*pass)(unsigned, unsigned, unsigned), unsigned a, unsigned b)
{
    int first = -1;
    if (m & ~SWAR_HIGH) return 0;
    for (int i = 0; i < 8; i++) {
        int p = pass(byte_at(w, i), a, b), flagged = (int)(m >> (8 * i + 7)) & 1;
        if (p && first < 0) first = i;
        if (p && !flagged) return 0;
        if (!p && flagged && first < 0) return 0;
    }
    return first < 0 ? m == 0 : swar_first(m) == first;
}

static int is_high(unsigned x, unsigned a, unsigned b) { return x >= 0x80; }
static int is_eq(unsigned x, unsigned c, unsigned b) { return x == c; }
static int is_below(unsigned x, unsigned c, unsigned b) { return x < c; }
static int is_outside(unsigned x, unsigned lo, unsigned hi) { return x < lo || x >= hi; }

#define WORDS 3000

TEST(load_is_in_memory_order)
{
    const char s[] = "\x01\x02\x03\x04\x05\x06\x07\x08\x09";
    CHECK(swar_load(s) == 0x0807060504030201ull);
    CHECK(swar_load(s + 1) == 0x0908070605040302ull);
    CHECK_INT(swar_first(0x0000000000008000ull), 1);
    CHECK_INT(swar_first(0x8000000000000000ull), 7);
    CHECK_INT(swar_first(0x0000000000200100ull), 1);   /* any nonzero byte */
}

TEST(high_and_eq_are_exact)
{
    int bad = 0;
    for (unsigned c = 0; c < 256; c++)
        for (int k = 0; k < WORDS; k++) {
            uint64_t w = word_near(c, c ^ 0x80);
            bad += !exact(w, swar_high(w), is_high, 0, 0);
            bad += !exact(w, swar_eq(w, (unsigned char)c), is_eq, c, 0);
        }
    CHECK_INT(bad, 0);
}

TEST(below_is_exact_up_to_the_first)
{
    int bad = 0;
    for (unsigned c = 1; c < 0x80; c++)
        for (int k = 0; k < WORDS; k++) {
            uint64_t w = word_near(c, 0);
            bad += !up_to_first(w, swar_below(w, (unsigned char)c), is_below, c, 0);
            /* equality through a zero test */
            bad += !up_to_first(w, swar_below(w ^ (SWAR_ONES * c), 1), is_eq, c, 0);
        }
    CHECK_INT(bad, 0);
}

TEST(outside_is_exact_up_to_the_first)
{
    int bad = 0;
    for (unsigned lo = 0; lo < 0x80; lo += 3)
        for (unsigned hi = lo + 1; hi <= 0x80; hi += 5)
            for (int k = 0; k < WORDS / 10; k++) {
                uint64_t w = word_near(lo, hi);
                bad += !up_to_first(w, swar_outside(w, (unsigned char)lo, (unsigned char)hi), is_outside, lo, hi);
            }
    /* the ranges the scanners use */
    static const unsigned r[][2] = {{0x20, 0x7F}, {0, 0x7F}, {0x20, 0x80}, {0, 0x80}};
    for (int j = 0; j < 4; j++)
        for (int k = 0; k < WORDS * 10; k++) {
            uint64_t w = word_near(r[j][0], r[j][1]);
            bad += !up_to_first(w, swar_outside(w, (unsigned char)r[j][0], (unsigned char)r[j][1]), is_outside, r[j][0], r[j][1]);
        }
    CHECK_INT(bad, 0);
}

TEST(borrows_do_flag_after_a_hit)
{
    /* 0x1F then 0x20: the space is flagged through the borrow (the reason
     * the scanners re-check past the first hit) */
    const char s[] = "\x1f\x20\x41\x41\x41\x41\x41\x41";
    CHECK(swar_below(swar_load(s), 0x20) == 0x8080);
    CHECK(swar_outside(swar_load(s), 0x20, 0x7F) == 0x8080);
    CHECK(swar_eq(swar_load(s), 0x20) == 0x8000);
}

TEST_MAIN()
