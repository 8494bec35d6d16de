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
 *     and is removed; anything else runs as Helm v4 (CHARTC_FUZZ_HELM=3 in
 *     the environment makes every input run as Helm v3);
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

#include "chartc/tmpl.h"
#include "chartc/value.h"

/* Set cc_helm_major for this input; returns the size without the
 * trailing 0x03 marker when there is one. */
static inline size_t fz_major(const uint8_t *data, size_t size)
{
    static int forced = -1;
    if (forced < 0) forced = getenv("CHARTC_FUZZ_HELM") && atoi(getenv("CHARTC_FUZZ_HELM")) == 3;
    cc_helm_major = forced ? 3 : 4;
    if (size && data[size - 1] == 3) { cc_helm_major = 3; size--; }
    return size;
}

/* Copy data into a fresh NUL-terminated heap buffer (free() it), choosing
 * the Helm major version (fz_major). *n is the text length. */
static inline char *fz_text(const uint8_t *data, size_t size, size_t *n)
{
    size = fz_major(data, size);
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

/* Split s[0..n) at NUL bytes into at most max fields; returns the count.
 * Fields point into s (which fz_text NUL-terminated). */
static inline int fz_fields(char *s, size_t n, char **f, int max)
{
    int k = 0;
    for (char *p = s; p <= s + n && k < max; p += strlen(p) + 1) f[k++] = p;
    return k;
}

/* Parse and run one template over root; errors are read (so their text is
 * built) and dropped. */
static inline void fz_run(const char *text, Value root)
{
    TSet *ts = tset_new();
    if (tmpl_parse(ts, "c/templates/t.yaml", text, strlen(text))) return;
    Buf out = {0};
    TmplError *e = tmpl_exec(ts, "c/templates/t.yaml", root, &out);
    if (e) (void)tmpl_error_text(e);
    buf_free(&out);
}

#endif
