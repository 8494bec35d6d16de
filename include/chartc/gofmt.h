/*
 * gofmt.h - Go's fmt and strconv as templates see them (mirrors go src/fmt/print.go,
 * format.go, src/strconv/ftoa.go, quote.go).
 */
#ifndef CHARTC_GOFMT_H
#define CHARTC_GOFMT_H
#include "value.h"

/* A time.Time's Go fields {wall uint64, ext int64, loc *time.Location}, for
 * the fmt verbs that print the struct (%d, bad verbs): loc is GO_LOC_UTC
 * (nil), GO_LOC_LOCAL (&time.localLoc, a fixed address in each Helm binary)
 * or GO_LOC_OTHER (a heap address: a stand-in). mono: the monotonic reading
 * in nanoseconds when the time has one (now), else -1. */
enum { GO_LOC_UTC, GO_LOC_LOCAL, GO_LOC_OTHER };
Value go_time_fields(int64_t unix_sec, int32_t nsec, int loc, int64_t mono);
/* Time.GoString: time.Date(2001, time.December, 14, 1, 2, 3, 0, time.UTC);
 * the date and clock are those of the time's own zone; lname is the name
 * of a GO_LOC_OTHER location. */
void go_time_gostring(Buf *b, int64_t local_sec, int32_t nsec, int loc, const char *lname);
void go_print(Buf *b, Value v);                          /* fmt.Sprint(v) (%v) */
void go_sprint(Buf *b, int argc, const Value *argv);     /* fmt.Sprint(args...) */
void go_sprintln(Buf *b, int argc, const Value *argv);   /* fmt.Sprintln(args...) */
void go_sprintf(Buf *b, const char *fmt, size_t fmtlen, int argc, const Value *argv);
/* strconv.FormatFloat(f, fmt, prec, bitsize): fmt in "eEfgGxXb", prec -1 = shortest */
void go_format_float(Buf *b, double f, char fmt, int prec, int bitsize);
/* strconv.IsPrint (= unicode.IsPrint): categories L, M, N, P, S and U+0020 */
int go_is_print(uint32_t r);
/* strconv.Quote / QuoteToASCII */
void go_quote(Buf *b, const char *s, size_t n, int ascii_only);
/* strconv.Quote(s) as an arena string */
const char *go_quoted(const char *s, size_t n);
static inline const char *go_quoted_cstr(const char *s) { return go_quoted(s, strlen(s)); }
/* Go time.quote (time.Parse errors): non-ASCII and control bytes as \xNN */
const char *go_time_quoted(const char *s, size_t n);
/* strconv.Unquote of a Go string/raw-string/char literal; returns 0 on error */
int go_unquote(const char *s, size_t n, Buf *out);

#endif
