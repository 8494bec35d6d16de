/*
 * schema_format.h - the `format` keyword of values.schema.json, as each
 * Helm version's validator checks it (src/schema_format.c).
 */
#ifndef CHARTC_SCHEMA_FORMAT_H
#define CHARTC_SCHEMA_FORMAT_H
#include "chartc/value.h"

/* Helm v4 (jsonschema v6): NULL when the string s[0..n) is valid for
 * format fmt or fmt is a format v6 does not know; else the reason, the
 * text after "<value> is not valid <fmt>: ". */
const char *sf_v6_check(const char *fmt, const char *s, size_t n);

/* Helm v3 (gojsonschema v1.2.0): whether v passes `"format": fmt`. */
int sf_v3_check(const char *fmt, Value v);

#endif
