/*
 * yaml_priv.h - internals shared by yaml_load.c and yaml_emit.c (not a
 * public interface): go-yaml v2's plain-scalar resolution (resolve.go) and
 * Go's strconv 'g' shortest float formatting used by both directions.
 */
#ifndef CHARTC_YAML_PRIV_H
#define CHARTC_YAML_PRIV_H
#include "chartc/value.h"

/* What go-yaml v2 resolve() makes of a scalar (tag given or implicit). */
enum YRes {
    YR_STR, YR_NULL, YR_BOOL, YR_INT, YR_UINT, YR_FLOAT, YR_TIME,
    YR_BINARY, YR_ERR,
};
typedef struct YScalar {
    int kind;          /* enum YRes */
    int b;             /* YR_BOOL */
    int64_t i;         /* YR_INT */
    uint64_t u;        /* YR_UINT */
    double f;          /* YR_FLOAT */
    const char *err;   /* YR_ERR: "cannot decode !!x `v` as a !!y" */
} YScalar;

/* resolve(tag, s): tag is a long tag ("tag:yaml.org,2002:int"), "" for an
 * untagged plain scalar. */
void yaml_resolve(const char *tag, const char *s, size_t n, YScalar *out);
/* go-yaml v2 encode.go isBase60Float */
int yaml_is_base60(const char *s, size_t n);
/* strconv.FormatFloat(f, 'g', -1, bits) (bits 32 or 64) */
void yaml_fmt_g(Buf *b, double f, int bits);
/* strconv.FormatFloat(f, 'f', -1, 64) (finite f) */
void yaml_fmt_f(Buf *b, double f);

#endif
