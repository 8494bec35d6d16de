/*
 * fn_int.h - helpers shared by the Sprig core families (strings, lists,
 * dicts, flow, conversions, math); other families may include it too.
 * Mirrors spf13/cast v1.7.0 caste.go (ToInt64E, ToIntE, ToFloat64E) as
 * sprig v3.3.0 numeric.go uses them, and the bits of Go's unicode and
 * unicode/utf8 packages the string functions need.
 *
 * Conversions (implemented in fn_conv.c):
 */
#ifndef CHARTC_FN_INT_H
#define CHARTC_FN_INT_H
#include "chartc/func.h"
#include "chartc/value.h"

/* cast.ToInt64 / cast.ToInt (errors give 0): floats truncate, bools 0/1,
 * nil 0, strings via trimZeroDecimal + strconv.ParseInt(s, 0, 64). */
int64_t fn_toint64(Value v);
/* cast.ToFloat64: strings via strconv.ParseFloat, errors give 0. */
double fn_tofloat64(Value v);
/* strconv.ParseInt(s, base, 64) (base 0 = Go literal prefixes and '_');
 * returns 0 on syntax or range error (the Go error case). */
int fn_parse_int(const char *s, size_t n, int base, int64_t *out);
/* strconv.ParseFloat(s, 64); returns 0 on a syntax error. */
int fn_parse_float(const char *s, size_t n, double *out);

/* sprig strval: a Go string of any value (fn_strval) as (ptr, len). */
Value fn_str(Value v);

/* v itself, or the list data of a Go object whose kind is slice
 * (.Capabilities.APIVersions is a common.VersionSet). */
Value fn_slice_view(Value v);
/* reflect.TypeOf(v).Kind() is Slice or Array (lists, []string, []byte). */
int fn_is_slice(Value v);
/* Number of elements / element i of a slice value (fn_is_slice). */
uint32_t fn_slice_len(Value v);
Value fn_slice_at(Value v, uint32_t i);
/* reflect.Kind name of v's dynamic type, as in sprig's "Cannot ... on
 * type %s" messages (nil raises Go's nil-pointer runtime error). */
const char *fn_kind_for_error(Exec *x, Value v);

/* toToml's text of a time.Time (BurntSushi eElement: fromToml's local
 * kinds in their own layout, every other time RFC 3339 with nanoseconds);
 * returns 0 when v is no time.Time (implemented in toml.c). */
int fn_toml_time(Buf *b, Value v);

/* Unicode (implemented in fn_strings.c): Go unicode semantics. */
int fn_utf8_decode(const char *s, size_t n, uint32_t *r);  /* bytes used; RuneError on bad */
void fn_utf8_put(Buf *b, uint32_t r);                       /* utf8.AppendRune */
int fn_uisspace(uint32_t r);
int fn_uisupper(uint32_t r);
int fn_uislower(uint32_t r);
int fn_uisletter(uint32_t r);
int fn_uisdigit(uint32_t r);
uint32_t fn_utoupper(uint32_t r);
uint32_t fn_utolower(uint32_t r);

#endif
