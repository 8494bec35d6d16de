/*
 * gofmt.h - Go's fmt and strconv as templates see them (mirrors go src/fmt/print.go,
 * format.go, src/strconv/ftoa.go, quote.go).
 */
#ifndef CHARTC_GOFMT_H
#define CHARTC_GOFMT_H
#include "value.h"

void go_print(Buf *b, Value v);                          /* fmt.Sprint(v) (%v) */
void go_sprint(Buf *b, int argc, const Value *argv);     /* fmt.Sprint(args...) */
void go_sprintln(Buf *b, int argc, const Value *argv);   /* fmt.Sprintln(args...) */
void go_sprintf(Buf *b, const char *fmt, size_t fmtlen, int argc, const Value *argv);
/* strconv.FormatFloat(f, fmt, prec, bitsize): fmt in "eEfgGxXb", prec -1 = shortest */
void go_format_float(Buf *b, double f, char fmt, int prec, int bitsize);
/* strconv.Quote / QuoteToASCII */
void go_quote(Buf *b, const char *s, size_t n, int ascii_only);
/* strconv.Unquote of a Go string/raw-string/char literal; returns 0 on error */
int go_unquote(const char *s, size_t n, Buf *out);

#endif
