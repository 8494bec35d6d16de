/* test_diff.c - diff.c: hunk format, and on random texts that the hunks
 * turn a into b and (below the cost bound) are minimal (an LCS check). */
#include "chartc/diff.h"
#include "harness.h"

#include <stdlib.h>

static const char *ud(const char *a, const char *b, int ctx, long *changes)
{
    Buf out = {0};
    DiffText ta = {a, strlen(a)}, tb = {b, strlen(b)};
    long c = diff_unified(&out, ta, 1, tb, 1, ctx, 0);
    if (changes) *changes = c;
    char *s = buf_arena(&out);
    buf_free(&out);
    return s;
}

TEST(diff_equal)
{
    long c;
    CHECK_STR(ud("a\nb\n", "a\nb\n", 3, &c), "");
    CHECK_INT(c, 0);
    CHECK_STR(ud("", "", 3, &c), "");
}

TEST(diff_change_middle)
{
    long c;
    CHECK_STR(ud("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n", 3, &c),
              "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n");
    CHECK_INT(c, 2);
}

TEST(diff_insert_top_delete_end)
{
    CHECK_STR(ud("a\nb\n", "x\na\nb\n", 1, NULL), "@@ -1 +1,2 @@\n+x\n a\n");
    CHECK_STR(ud("a\nb\n", "x\na\nb\n", 0, NULL), "@@ -0,0 +1 @@\n+x\n");
    CHECK_STR(ud("a\nb\nc\n", "a\nb\n", 1, NULL), "@@ -2,2 +2 @@\n b\n-c\n");
    CHECK_STR(ud("", "a\n", 3, NULL), "@@ -0,0 +1 @@\n+a\n");
    CHECK_STR(ud("a\n", "", 3, NULL), "@@ -1 +0,0 @@\n-a\n");
}

TEST(diff_no_newline)
{
    CHECK_STR(ud("a\nb", "a\nb\n", 3, NULL),
              "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST(diff_hunks_merge_or_split)
{
    /* changes 6 lines apart: one hunk with context 3 (gap <= 6), two with 2 */
    const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
    const char *b = "1\nX\n3\n4\n5\n6\n7\n8\nY\n10\n";
    CHECK_STR(ud(a, b, 3, NULL), "@@ -1,10 +1,10 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+Y\n 10\n");
    CHECK_STR(ud(a, b, 2, NULL), "@@ -1,4 +1,4 @@\n 1\n-2\n+X\n 3\n 4\n@@ -7,4 +7,4 @@\n 7\n 8\n-9\n+Y\n 10\n");
    CHECK_STR(ud(a, b, 0, NULL), "@@ -2 +2 @@\n-2\n+X\n@@ -9 +9 @@\n-9\n+Y\n");
}

TEST(diff_line_numbers_offset)
{
    Buf out = {0};
    DiffText ta = {"a\nb\n", 4}, tb = {"a\nc\n", 4};
    diff_unified(&out, ta, 100, tb, 7, 1, 0);
    CHECK_STR(buf_cstr(&out), "@@ -100,2 +7,2 @@\n a\n-b\n+c\n");
    buf_free(&out);
}

/* Apply unified hunks to a; NULL when they do not fit. */
static char *apply(const char *a, const char *d)
{
    Buf r = {0};
    const char *ap = a;
    int aline = 1;
    const char *p = d;
    while (*p) {
        int l1, s1 = 1, l2, s2 = 1;
        if (sscanf(p, "@@ -%d,%d +%d,%d @@", &l1, &s1, &l2, &s2) != 4) {
            s1 = s2 = 1;
            if (sscanf(p, "@@ -%d +%d,%d @@", &l1, &l2, &s2) == 3) s1 = 1;
            else if (sscanf(p, "@@ -%d,%d +%d @@", &l1, &s1, &l2) == 3) s2 = 1;
            else if (sscanf(p, "@@ -%d +%d @@", &l1, &l2) != 2) { buf_free(&r); return NULL; }
        }
        int first = s1 ? l1 : l1 + 1;
        while (aline < first) {
            const char *e = strchr(ap, '\n');
            size_t n = e ? (size_t)(e - ap) + 1 : strlen(ap);
            buf_put(&r, ap, n); ap += n; aline++;
        }
        p = strchr(p, '\n') + 1;
        while (*p && *p != '@') {
            const char *e = strchr(p, '\n');
            size_t n = (size_t)(e - p);
            if (*p == '\\') {   /* the previous line had no newline */
                if (r.len && r.p[r.len - 1] == '\n' && p[-2] != '-') r.len--;
                p = e + 1;
                continue;
            }
            const char *al = ap;
            const char *ae = strchr(ap, '\n');
            size_t an = ae ? (size_t)(ae - ap) : strlen(ap);
            if (*p == ' ' || *p == '-') {
                if (an != n - 1 || memcmp(al, p + 1, an)) { buf_free(&r); return NULL; }
                if (*p == ' ') buf_put(&r, ap, an + (ae != NULL));
                ap += an + (ae != NULL); aline++;
            } else {
                buf_put(&r, p + 1, n - 1); buf_putc(&r, '\n');
            }
            p = e + 1;
        }
    }
    buf_puts(&r, ap);
    char *s = buf_arena(&r);
    buf_free(&r);
    return s;
}

static long lcs(const char **x, int n, const char **y, int m)
{
    long *t = calloc((size_t)(n + 1) * (size_t)(m + 1), sizeof *t);
    for (int i = n - 1; i >= 0; i--)
        for (int j = m - 1; j >= 0; j--)
            t[i * (m + 1) + j] = !strcmp(x[i], y[j]) ? 1 + t[(i + 1) * (m + 1) + j + 1]
                : (t[(i + 1) * (m + 1) + j] > t[i * (m + 1) + j + 1] ? t[(i + 1) * (m + 1) + j] : t[i * (m + 1) + j + 1]);
    long r = t[0];
    free(t);
    return r;
}

static unsigned rnd_state = 12345;
static unsigned rnd(void) { rnd_state = rnd_state * 1103515245u + 12345u; return (rnd_state >> 16) & 0x7fff; }

static char *rand_text(int n, int alpha, const char **lines)
{
    static const char *words[] = {"a\n", "b\n", "c\n", "d\n", "e\n", "f\n", "g\n", "h\n"};
    Buf b = {0};
    for (int i = 0; i < n; i++) { lines[i] = words[rnd() % alpha]; buf_puts(&b, lines[i]); }
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

TEST(diff_random_small_minimal)
{
    const char *la[60], *lb[60];
    int bad = 0;
    for (int it = 0; it < 400 && !bad; it++) {
        int n = (int)(rnd() % 40), m = (int)(rnd() % 40), alpha = 2 + (int)(rnd() % 5);
        char *a = rand_text(n, alpha, la), *b = rand_text(m, alpha, lb);
        long c;
        const char *d = ud(a, b, (int)(rnd() % 4), &c);
        char *got = apply(a, d);
        if (!got || strcmp(got, b)) { fprintf(stderr, "  apply failed:\n%s---\n%s---\n%s", a, b, d); bad = 1; }
        if (c != n + m - 2 * lcs(la, n, lb, m)) { fprintf(stderr, "  not minimal: %ld\n", c); bad = 1; }
    }
    CHECK(!bad);
}

/* Big unrelated texts pass the cost bound: still a correct diff. */
TEST(diff_random_large_bounded)
{
    static const char *la[20000], *lb[20000];
    char *a = rand_text(20000, 8, la), *b = rand_text(19000, 8, lb);
    const char *d = ud(a, b, 3, NULL);
    char *got = apply(a, d);
    CHECK(got && !strcmp(got, b));
}

TEST_MAIN()
