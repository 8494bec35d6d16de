/*
 * swar.h - byte tests eight bytes at a time (SWAR: SIMD within a register),
 * for the scanners that skip plain text fast (json.c, yaml_fast.c,
 * yaml_emit.c, value.c, gostd.c).
 *
 * A word is loaded with its first byte in memory as its lowest byte, on
 * any machine, so that "after" below means both later in memory and more
 * significant. A test returns a mask flagging bytes by their high bit
 * (0x80). The exact tests (swar_high, swar_eq) flag exactly the bytes that
 * pass. swar_below and swar_outside borrow or carry from byte to byte:
 * they flag every byte that passes, but a borrow or carry out of a true
 * hit can also flag a byte after it that does not pass, never one before.
 * So they are exact for "does any byte pass?" and for the first flagged
 * byte (swar_first); a scanner that goes on past the first hit re-checks
 * the bytes after it one by one.
 */
#ifndef CHARTC_SWAR_H
#define CHARTC_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ull   /* SWAR_ONES * c: c in every byte */
#define SWAR_HIGH 0x8080808080808080ull   /* the high bit of every byte */

/* The eight bytes at p (any alignment), p[0] the lowest. */
static inline uint64_t swar_load(const void *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* The bytes >= 0x80. Exact. */
static inline uint64_t swar_high(uint64_t w) { return w & SWAR_HIGH; }

/* The bytes equal to c. Exact: they are the zero bytes of x; a byte's
 * low seven bits plus 0x7F set its high bit, never carrying out of it,
 * unless they are all zero, so a byte of x is zero when neither that sum
 * nor the byte itself has its high bit set. */
static inline uint64_t swar_eq(uint64_t w, unsigned char c)
{
    const uint64_t low7 = SWAR_ONES * 0x7F;
    uint64_t x = w ^ (SWAR_ONES * c);
    return ~(((x & low7) + low7) | x | low7);
}

/* The bytes below c (1 <= c < 0x80). Not exact after the first hit (see
 * the top). swar_below(w ^ SWAR_ONES * c, 1) flags the bytes equal to c
 * the same way, in fewer operations than swar_eq. */
static inline uint64_t swar_below(uint64_t w, unsigned char c)
{
    return (w - SWAR_ONES * c) & ~w & SWAR_HIGH;
}

/* The bytes outside [lo, hi) (0 <= lo < hi <= 0x80): below lo, from hi
 * up, and so every byte >= 0x80. Not exact after the first hit (see the
 * top): a byte below lo borrows from the byte after it, one >= 0x80 can
 * carry into it. */
static inline uint64_t swar_outside(uint64_t w, unsigned char lo, unsigned char hi)
{
    return (w | (w - SWAR_ONES * lo) | (w + SWAR_ONES * (0x80 - hi))) & SWAR_HIGH;
}

/* The index (0-7) of the first byte of m, in memory order, that is not
 * zero (a mask's first flagged byte); m is not 0. */
static inline int swar_first(uint64_t m) { return __builtin_ctzll(m) >> 3; }

#endif
