/*
 * fuzz_common.h - shared helpers for the libFuzzer harnesses in tests/fuzz/
 * (STYLE.md habit 8; the shape follows jq's tests/jq_fuzz_*.c).
 *
 * Every harness links the library objects (everything but src/main.c) and
 * ends each iteration with cc_arena_free_all(): the arena only grows
 * otherwise, and the function is safe to call repeatedly (value.c leaves
 * the arena empty and the next cc_alloc starts a fresh block).
 *
 * Input conventions shared by the harnesses:
 *   - a trailing byte 0x03 selects Helm v3 behaviour (cc_helm_major = 3)
 *     and is removed; anything else runs as Helm v4;
 *   - inputs are copied into a NUL-terminated heap buffer so that ASan
 *     catches reads past the end (the library takes (ptr, len) and many
 *     paths also rely on a terminating NUL after arena strings).
 */
#ifndef CHARTC_FUZZ_COMMON_H
#define CHARTC_FUZZ_COMMON_H
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chartc/value.h"

/* Copy data into a fresh NUL-terminated heap buffer (free() it), choosing
 * the Helm major version from the trailing byte. *n is the text length. */
static inline char *fz_text(const uint8_t *data, size_t size, size_t *n)
{
    cc_helm_major = 4;
    if (size && data[size - 1] == 3) { cc_helm_major = 3; size--; }
    char *s = malloc(size + 1);
    if (!s) abort();
    if (size) memcpy(s, data, size);
    s[size] = 0;
    *n = size;
    return s;
}

/* Warnings the library logs go to stderr; keep them out of the fuzzer's
 * output unless CHARTC_FUZZ_VERBOSE is set. Sanitizer reports still go to
 * stderr because only the library's stdio stream is redirected. */
static inline void fz_quiet_stderr(void)
{
    if (getenv("CHARTC_FUZZ_VERBOSE")) return;
    static int done;
    if (done) return;
    done = 1;
    FILE *f = fopen("/dev/null", "w");
    if (f) stderr = f;
}

#endif
