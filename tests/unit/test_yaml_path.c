/* test_yaml_path.c - yaml_locate: byte ranges, lines and columns of
 * paths in block and flow YAML, sequences, UTF-8 before the node, keys
 * that are collections (never matched), only the first document. */
#include "chartc/codec.h"
#include "harness.h"

typedef struct Got { int k, line, col; char text[64]; } Got;
typedef struct Acc { const char *s; Got v[8]; int n; } Acc;

static void found(void *ctx, int k, size_t start, size_t end, int line, int col)
{
    Acc *a = ctx;
    Got *g = &a->v[a->n++];
    g->k = k; g->line = line; g->col = col;
    size_t n = end - start < 63 ? end - start : 63;
    memcpy(g->text, a->s + start, n);
    g->text[n] = 0;
}

static Acc run(const char *s, const char *p0, const char *p1)
{
    static const char *segs[2][4];
    YamlPath paths[2];
    const char *src[2] = {p0, p1};
    int np = 0;
    for (int i = 0; i < 2 && src[i]; i++) {
        int n = 0;
        for (const char *q = src[i]; *q; ) {
            const char *e = strchr(q, '/');
            size_t l = e ? (size_t)(e - q) : strlen(q);
            segs[i][n++] = cc_strndup(q, l);
            q += l + (e != NULL);
        }
        paths[np].seg = segs[i];
        paths[np++].nseg = n;
    }
    Acc a;
    memset(&a, 0, sizeof a);
    a.s = s;
    yaml_locate(s, strlen(s), paths, np, found, &a);
    return a;
}

TEST(locate_scalars_and_sequences)
{
    Acc a = run("a:\n  b: 1\n  list:\n    - x\n    - yy\nc: [1, {d: 2}]\n", "a/list/1", "c/1/d");
    CHECK_INT(a.n, 2);
    CHECK_INT(a.v[0].k, 0); CHECK_INT(a.v[0].line, 5); CHECK_INT(a.v[0].col, 6); CHECK_STR(a.v[0].text, "yy");
    CHECK_INT(a.v[1].k, 1); CHECK_INT(a.v[1].line, 6); CHECK_INT(a.v[1].col, 11); CHECK_STR(a.v[1].text, "2");
}

TEST(locate_collection_and_utf8)
{
    Acc a = run("ünï: {x: 1}\nzz: ä\nm:\n  k: v\n", "zz", "m");
    CHECK_INT(a.n, 2);
    CHECK_STR(a.v[0].text, "ä"); CHECK_INT(a.v[0].col, 4); CHECK_INT(a.v[0].line, 2);
    CHECK_INT(a.v[1].k, 1); CHECK_INT(a.v[1].line, 4); CHECK(!strncmp(a.v[1].text, "k: v", 4));
}

TEST(locate_not_in_keys_nor_second_document)
{
    Acc a = run("? {a: 1}\n: 2\nb: 3\n---\nc: 4\n", "a", "c");
    CHECK_INT(a.n, 0);
    a = run("a: [unclosed\nb: 1\n", "b", NULL);
    CHECK_INT(a.n, 0);
}

TEST_MAIN()
