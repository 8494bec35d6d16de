/*
 * gostd.h - small pieces of Go's standard library that several modules need
 * byte-exact: path.Clean, the U+FFFD repair of invalid UTF-8 that
 * encoding/json (and so every YAML/JSON round trip in Helm) applies,
 * base64, the day count of a calendar date, the digits of strconv's
 * shortest float formatting, and a few functions of package math.
 */
#ifndef CHARTC_GOSTD_H
#define CHARTC_GOSTD_H
#include "value.h"

/* path.Clean of p[0:n]; arena string, NUL-terminated. */
char *go_path_clean(const char *p, size_t n);
char *go_path_clean_n(const char *p, size_t n, size_t *outn);   /* its length too (NUL bytes kept) */

/* base64.StdEncoding.Encode of s[0:n], appended to b. */
void go_base64(Buf *b, const unsigned char *s, size_t n);

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, as time.Date counts
 * them): m from 1 to 12, d any day of the month or past it. */
int64_t go_days_from_civil(int64_t y, int64_t m, int64_t d);

/* s[0:n] with every byte that does not start a valid UTF-8 sequence
 * replaced by U+FFFD (encoding/json's rule). Returns s itself when it is
 * valid, else an arena copy; *outn gets the length. */
const char *go_utf8_fix(const char *s, size_t n, size_t *outn);

/* Go regexp (RE2 syntax, leftmost-first) on s[0:n] with the compiled
 * pattern cached: returns NULL and sets *match as MatchString does (and,
 * when sub is not NULL, *sub to FindStringSubmatch's list: "" for groups
 * that did not take part, a nil list when there is no match), or the
 * regexp.Compile error text ("error parsing regexp: ..."). */
const char *go_regexp_match(const char *pat, size_t pn, const char *s, size_t n, int *match, Value *sub);
/* regexp.QuoteMeta (arena string). */
char *go_regexp_quote_meta(const char *s, size_t n);

/* A log line on stderr in the active Helm version's format: v3's log.Printf
 * ("file.go:NN: msg", v3src is the Lshortfile prefix), v4's slog text
 * ("level=L msg=... k=v"); kv is a NULL-terminated key, value list. */
void go_log(const char *v3src, const char *level, const char *v3msg,
            const char *v4msg, const char *const *kv);

/* snprintf "%.*e" of f with the fewest digits that read back as f (as
 * (float)f when bits == 32): the digits strconv.FormatFloat(f, 'e', -1,
 * bits) prints. Writes buf (64 bytes is enough), returns its length. */
int go_shortest_e(char *buf, size_t size, double f, int bits);

/* The float64 operations of Go's math package that chartc needs, without
 * libm: chartc does not link libm.so, whose loading and relocation cost 9
 * page faults at every start (a tenth of `chartc --version`). go_floor,
 * go_ceil, go_mod (math.Mod) and go_round_even (math.RoundToEven) are exact, so any
 * correct implementation agrees with Go's. go_pow is math.Pow for an
 * integral y only (sprig's round calls math.Pow(10, places)): Go raises x
 * to yi by repeated squaring of frexp(x)'s fraction, whose roundings differ
 * from a correctly rounded pow (Go's Pow(10, 300) is 1.0000000000000006e300);
 * go_pow repeats Go's steps so the roundings are the same. */
double go_floor(double x);
double go_ceil(double x);
double go_mod(double x, double y);
double go_round_even(double x);
double go_pow(double x, double y);   /* y integral (or ±Inf, NaN) */

/* runtime.makeslice refuses a slice of more than maxAlloc bytes (1 << 48 on
 * linux/amd64): "runtime error: makeslice: len out of range". */
#define GO_MAX_ALLOC ((uint64_t)1 << 48)
#define GO_MAKESLICE_OK(n, elem) ((n) >= 0 && (uint64_t)(n) <= GO_MAX_ALLOC / (elem))

#endif
