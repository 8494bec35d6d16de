/*
 * regexp.h - Go's regexp (RE2 syntax, leftmost-first semantics) in linear
 * time: a parser with Go's error texts, a Thompson-NFA program and a Pike VM.
 * Mirrors Go src/regexp/syntax (parse.go, compile.go, prog.go) and
 * src/regexp/exec.go. Used by the regex template functions and by
 * values.schema.json `pattern`.
 */
#ifndef CHARTC_REGEXP_H
#define CHARTC_REGEXP_H

#include <stddef.h>

typedef struct Rx Rx;

#define RX_UNSET ((size_t)-1)

/* regexp.Compile of pat[0..n): the compiled regex (owned by a cache of
 * recent patterns; valid until the next rx_compile) or NULL with *err set
 * to Go's "error parsing regexp: ..." text (arena). Unicode class names
 * follow cc_helm_major (Go 1.25 for v4, Go 1.23 for v3). */
Rx *rx_compile(const char *pat, size_t n, const char **err);

int rx_ncap(const Rx *re);                 /* number of groups, without group 0 */
const char *rx_capname(const Rx *re, int k); /* "" for unnamed groups */

/* The leftmost-first match in s[0..n) at or after pos (Go doExecute).
 * nov is 0 (only whether it matches), 2 (group 0) or 2 * (ncap + 1);
 * ov[0..nov) gets byte offsets, RX_UNSET for groups that did not take
 * part. Time O(program x (n - pos)), memory O(program x nov). */
int rx_exec(Rx *re, const char *s, size_t n, size_t pos, size_t *ov, int nov);

/* Decode one rune of s[0..n) (n > 0) as Go's utf8.DecodeRune does, but an
 * invalid byte gives -1 (Go: U+FFFD) with width 1. */
int rx_rune(const char *s, size_t n, size_t *w);

/* Work done by the VM since start (thread steps plus instructions
 * visited), for tests that check linearity without timing. */
extern unsigned long long rx_vm_steps;

#endif
