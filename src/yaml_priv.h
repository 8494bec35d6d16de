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

/* The node tree of one document, read by libyaml (yaml_load.c) or by the
 * fast reader (yaml_fast.c). */
enum { YN_SCALAR, YN_SEQ, YN_MAP, YN_ALIAS };

typedef struct YNode {
    uint8_t kind;
    uint8_t implicit;     /* plain_implicit of the scalar event */
    uint8_t active;       /* alias being expanded (self-reference guard) */
    uint8_t flow;         /* flow-style collection */
    uint32_t line;        /* 1-based line of the node's start (v3 messages; libyaml pass only) */
    const char *tag;      /* "" when none */
    const char *val;      /* scalar text (NUL-terminated), alias/anchor name */
    size_t vlen;
    struct YNode **kids;
    uint32_t nkids, cap;
    struct YNode *alias;
} YNode;

/* yaml_fast.c: the first document of s as a node tree (*root NULL when
 * there is none), or 0 when the text is not in the plain block subset it
 * reads and libyaml must read it (errors included). With mem, the nodes
 * and child arrays (not the scalars' text, which lives in the arena) are
 * in *mem until yaml_fast_free(*mem); with mem NULL, in the arena. */
typedef struct YFMem YFMem;
int yaml_fast_read(const char *s, size_t n, YNode **root, YFMem **mem);
void yaml_fast_free(YFMem *mem);
/* keys mode: as yaml_fast_read, but when the document is a block mapping
 * (*reduced then 1 or 2) only its pairs whose key is one of `keys` are in
 * the tree; the values of the others are read all the same (the same text
 * is taken or given up) and only checked with yaml_clean_scalar and
 * yaml_clean_key: *reduced is 2 when one of those failed. A key
 * "key/sub" keeps key, and of its value, when a block mapping, only the
 * pairs of the subkeys named so (unless key is also named whole). */
int yaml_fast_read_keys(const char *s, size_t n, const char *const *keys, int nkeys,
                        YNode **root, YFMem **mem, int *reduced);
/* yaml_load.c: would decoding this scalar of the fast reader (no tag) as a
 * value, or as a mapping key, go through without an error and give
 * something JSON can hold (yl_clean's test)? */
int yaml_clean_scalar(const YNode *n);
int yaml_clean_key(const YNode *k);
/* yaml_load, with (use_fast 1) or without the fast reader (tests compare). */
const char *yaml_load_with(const char *s, size_t n, Value *out, int use_fast);

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
