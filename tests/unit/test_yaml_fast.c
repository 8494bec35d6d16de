/* test_yaml_fast.c - the fast YAML reader (yaml_fast.c) against libyaml:
 * for every YAML text we have (chart files, values, every document of the
 * golden outputs, and hand-made edge cases), whenever the fast reader takes
 * a text, yaml_load must give exactly what libyaml's path gives (same
 * values, same key order, same Go types, same error), and the fast reader
 * must take most of the real-world texts (else it is not worth having). */
#define _GNU_SOURCE
#include "../../src/yaml_priv.h"
#include "chartc/render.h"
#include "chartc/value.h"
#include "harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int same(Value a, Value b)
{
    if (a.t != b.t || a.g != b.g) return 0;
    switch (a.t) {
    case VT_NIL: return 1;
    case VT_BOOL: return a.u.b == b.u.b;
    case VT_INT: return a.u.i == b.u.i;
    case VT_FLOAT: return a.u.f == b.u.f || (a.u.f != a.u.f && b.u.f != b.u.f);
    case VT_STR: return a.n == b.n && memcmp(a.u.s, b.u.s, a.n) == 0;
    case VT_LIST:
        if (!a.u.l || !b.u.l) return a.u.l == b.u.l;
        if (a.u.l->len != b.u.l->len) return 0;
        for (uint32_t i = 0; i < a.u.l->len; i++)
            if (!same(a.u.l->v[i], b.u.l->v[i])) return 0;
        return 1;
    case VT_MAP: {
        if (!a.u.m || !b.u.m) return a.u.m == b.u.m;
        if (a.u.m->len != b.u.m->len) return 0;
        MapEnt *x = a.u.m->e, *xe = x + a.u.m->n, *y = b.u.m->e, *ye = y + b.u.m->n;
        for (;;) {
            while (x < xe && !x->k) x++;
            while (y < ye && !y->k) y++;
            if (x == xe || y == ye) return x == xe && y == ye;
            if (x->klen != y->klen || memcmp(x->k, y->k, x->klen) || !same(x->v, y->v)) return 0;
            x++; y++;
        }
    }
    default: return 0;
    }
}

static int ntexts, nfast, nbad;

static void compare(const char *what, const char *s, size_t n)
{
    YNode *root;
    CcMark m = cc_arena_mark();
    int fast = yaml_fast_read(s, n, &root, NULL);
    ntexts++;
    if (fast) {
        nfast++;
        Value a, b;
        const char *ea = yaml_load_with(s, n, &a, 1), *eb = yaml_load_with(s, n, &b, 0);
        int ok = (ea == NULL) == (eb == NULL) && (ea ? strcmp(ea, eb) == 0 : same(a, b));
        if (!ok && nbad++ < 10) {
            fprintf(stderr, "  fast reader differs from libyaml on %s (fast: %s, libyaml: %s):\n%.*s\n---\n",
                    what, ea ? ea : "ok", eb ? eb : "ok", (int)(n > 600 ? 600 : n), s);
            CHECK(!"fast reader differs");
        }
    }
    cc_arena_release(m);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, k);
    fclose(f);
    *n = b.len;
    char *s = malloc(b.len + 1);   /* a Buf's memory is freed by buf_free only */
    if (s) { if (b.len) memcpy(s, b.p, b.len); s[b.len] = 0; }
    buf_free(&b);
    return s;
}

static int ends(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* every .yaml/.yml file under dir; documents of every .out file (as the
 * manifest splitter cuts them) */
static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *p = NULL;
        if (asprintf(&p, "%s/%s", dir, e->d_name) < 0) continue;
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) walk(p);
        else if (ends(p, ".yaml") || ends(p, ".yml")) {
            size_t n;
            char *s = slurp(p, &n);
            if (s && !strstr(p, "/templates/")) compare(p, s, n);
            free(s);
        } else if (ends(p, ".out")) {
            size_t n;
            char *s = slurp(p, &n);
            if (s) {
                CcMark m = cc_arena_mark();
                MDoc *docs;
                int nd = manifest_split(s, n, &docs);
                for (int i = 0; i < nd; i++) compare(p, docs[i].s, docs[i].n);
                cc_arena_release(m);
            }
            free(s);
        }
        free(p);
    }
    closedir(d);
}

TEST(real_world_texts)
{
    walk("charts");
    walk("testdata");
    walk("tests/conformance/expected");
    walk("../shared/corpus");   /* when the corpus is at hand */
    fprintf(stderr, "  %d texts, %d read by the fast reader\n", ntexts, nfast);
    CHECK(ntexts > 100);
    CHECK(nfast * 10 >= ntexts * 7);
}

TEST(edge_cases)
{
    static const char *const cases[] = {
        "", "\n", "# c\n", "---\n", "--- # c\n", "---\na: 1\n", "a: 1\n---\nb: 2\n", "...\n",
        "a", "a\n", "a\nb\n", "'a'", "\"a\\tb\\u00e9\\x41\\U0001F600\"\n", "\"\\q\"", "'it''s'\n",
        "a: 1\nb:\n  c: [1, 'x', \"y\", {d: e}]\n  f: {}\n  g: []\n",
        "a:\n- 1\n- - 2\n  - 3\n-\n- x: 1\n  y: 2\nb: c\n",
        "- a\n-\n  b\n- c: |\n    lit\n     more\n\n  d: >-\n    folded\n    text\n\n    para\n",
        "a: |+\n  keep\n\n\nb: |-\n  strip\n\n", "a: |2\n   two\n", "a: >\n\n  x\n\n\n", "a: |\n",
        "a: |\n  x\n b: 1\n", "a: 1\n b: 2\n", "a: 1\n  b: 2\n", "a:\n  b: 1\n c: 2\n",
        "a: b: c\n", "a: - b\n", "- a: 1\n - b\n", "a: 1 # c\nb: 'x' # c\nc: \"y\"#c\n",
        "a: x #y\n  z\n", "a: x\n\n  z\n", "a: x\n  # c\n", "a: x\n  # c\n  y\n",
        "key with spaces  : v  \n", "\"q\": 1\n'r' : 2\n", "? a\n: b\n", "&x a: *x\n", "a: !!str 1\n",
        "a: [1, 2,]\n", "a: [1\n, 2]\n", "a: {b: 1, c}\n", "a: [b: 1]\n", "a: {\"b\":1}\n", "a: [a:b, c]\n",
        "a: 0x1F\nb: 1e3\nc: .inf\nd: ~\ne: null\nf: yes\ng: 2001-12-14\nh: 1_000\ni: 0o17\n",
        "<<: {a: 1}\nb: 2\n", "a: 1\na: 2\n", "1: a\n2.5: b\ntrue: c\n", "~: a\n", "a\tb: 1\n",
        "a: 'b\n  c'\n", "a: \"b\n  c\"\n", "a: b\r\n", "a: \xc3\xa9\n", "a: \xff\n", "a: \x01\n",
        "  a: 1\n  b: 2\n", "  a: 1\nb: 2\n", "-1: x\n", "a: -1\nb: - c\n", "a: -\n", "- - - x\n",
        "a:\n-  x\n-   y: 1\n    z: 2\n", "a:#b\n", "a :b\n", ":a: 1\n", "?a: 1\n", "a: @x\n", "a: `x\n",
        "a: |\n  x\n\n  y\n   z\n", "a: >\n  x\n   y\n  z\n\n  w\n", "a: |-\n\n\n  x\n", "a: |\n  \n    x\n",
        "- |\n x\n- >+\n y\n\n", "a: 'x' y\n", "[a, b]\n", "{a: b}\n", "[a]: b\n", "a: [x] y\n",
        /* control characters at every place of an 8-byte word (the
         * printable-ASCII test looks at words) */
        "abcdefgh: ijklmno\x01\n", "abcdefgh: i\x7fjklmnop\n", "abcdefgh: ijklmnop\tq\n",
        "a: bcdefghijklmn\x1f\n", "a: bcdefghijklmnopqrstuvw\x0b\n", "\x7f" "2345678: x\n",
        "a: bcdefgh\xc3\xa9ijklmnop\x02\n", "a: 1234567\r\n", "a: 12345678\x85\n",
        /* quoted scalars over several lines: folding, escaped breaks,
         * blanks at line ends and starts, lines too little indented,
         * document markers, a key over two lines */
        "a: 'x  \n   y'\n", "a: \"x  \n\n \n  y \"\n", "a: 'x\n\n\n  y\n  '\n", "a: \"x\\\n  y\"\n",
        "a: \"x\\\n\n  y\\\n\"\n", "a: \"x\\ \n  y\"\n", "a: 'it''s\n  ''q'''\n", "a: \"\\t\n \\ y\"\n",
        "a: 'x\ny'\n", "a:\n  b: 'x\n  y'\n", "a:\n  b: 'x\n   y'\n  c: 1\n", "- 'x\n  y'\n- \"z\n\n  w\"\n",
        "'x\n y'\n", "'x\ny'\n", "a: 'x\n---\n'\n", "a: 'x\n ---\n  y'\n", "a: 'x\n...'\n", "a: 'x\n",
        "a: 'x\n  y' z\n", "a: 'x\n  y' # c\nb: 1\n", "'a\n b': 1\n", "a: ['x\n  y']\n", "a: \"x\\\n\"\n",
        "a: 'x\n  y'\n  b: 1\n", "a: 'x\n  #y'\n", "a: \"x\n  \\\"y\"\n", "a: 'x \n\n'\n", "a: 'x\n  y':\n",
        "- a: 'x\n    y'\n  b: \"p\n\n    q \\\n   r\"\n", "a: \"\\\n  x\"\n", "a: ' \n  x'\n", "a: '\n\n  x'\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) compare(cases[i], cases[i], strlen(cases[i]));
}

TEST_MAIN()
