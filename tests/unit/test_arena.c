/* test_arena.c - arena marks: cc_arena_release frees what was allocated after
 * its mark, memory handed out again is zero, the complex128 side table is
 * truncated, and a whole render can be repeated in one process with a
 * release in between (what snapshot/unittest commands do); cc_map maps
 * exactly what it is asked for, its whole 2 MiB on a 2 MiB boundary. */
#define _GNU_SOURCE
#include "chartc/render.h"
#include "chartc/value.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i]) return 0;
    return 1;
}

TEST(release_reuses_and_zeroes)
{
    char *keep = cc_strdup("kept");
    CcMark m = cc_arena_mark();
    unsigned char *a = cc_alloc(100);
    memset(a, 0xAB, 100);
    unsigned char *big = cc_alloc(3u << 20);   /* a block of its own */
    memset(big, 0xCD, 3u << 20);
    for (int i = 0; i < 3000; i++) memset(cc_alloc(1000), 0xEF, 1000);   /* spans blocks */
    cc_arena_release(m);
    unsigned char *b = cc_alloc(100);
    CHECK(b == a);                       /* the same memory again ... */
    CHECK(all_zero(b, 100));             /* ... zeroed */
    for (int i = 0; i < 3000; i++) {
        unsigned char *c = cc_alloc(1000);
        if (!all_zero(c, 1000)) { CHECK(!"reused memory not zero"); break; }
    }
    CHECK_STR(keep, "kept");
}

/* Reused memory is cleared ahead of the allocation that needs it (so
 * the inline bump serves the next ones): small allocations of mixed sizes
 * and an in-place grow over old data all come back zero, up to and past
 * where the old data ended. */
TEST(clear_ahead_after_release)
{
    CcMark m = cc_arena_mark();
    for (int i = 0; i < 4000; i++) {
        size_t n = 8 + (size_t)(i * 37 % 300);
        memset(cc_alloc(n), 0xFF, n);
    }
    cc_arena_release(m);
    for (int i = 0; i < 6000; i++) {
        size_t n = 8 + (size_t)(i * 53 % 500);
        unsigned char *p = cc_alloc(n);
        if (!all_zero(p, n)) { CHECK(!"cleared-ahead memory not zero"); break; }
        memset(p, 0x11, n);
        if (i % 97 == 0) {
            unsigned char *g = cc_grow(p, n, n + 3000);
            if (!all_zero(g + n, 3000)) { CHECK(!"grown memory not zero"); break; }
            memset(g, 0x22, n + 3000);
        }
    }
    cc_arena_release(m);
    unsigned char *q = cc_alloc(5000);
    CHECK(all_zero(q, 5000));
    cc_arena_release(m);
}

TEST(nested_marks)
{
    CcMark outer = cc_arena_mark();
    char *x = cc_strdup("outer");
    CcMark inner = cc_arena_mark();
    char *y = cc_strdup("inner");
    CHECK_STR(y, "inner");
    cc_arena_release(inner);
    CHECK_STR(x, "outer");
    char *z = cc_strdup("again");
    CHECK(z == y);
    cc_arena_release(outer);
    CHECK(cc_strdup("o") == x);
}

TEST(grow_in_place_and_copy)
{
    CcMark m = cc_arena_mark();
    int *v = cc_alloc(4 * sizeof *v);
    for (int i = 0; i < 4; i++) v[i] = i;
    int *w = cc_grow(v, 4 * sizeof *v, 64 * sizeof *v);
    CHECK(w == v);                       /* newest allocation: grown in place */
    CHECK(all_zero((unsigned char *)(w + 4), 60 * sizeof *w));
    (void)cc_alloc(8);
    int *u = cc_grow(w, 64 * sizeof *w, 128 * sizeof *w);
    CHECK(u != w);                       /* no longer the newest: copied */
    CHECK_INT(u[3], 3);
    CHECK(all_zero((unsigned char *)(u + 64), 64 * sizeof *u));
    cc_arena_release(m);
}

TEST(complex_side_table)
{
    Value a = v_complex(1, 2);
    CcMark m = cc_arena_mark();
    for (int i = 0; i < 100; i++) (void)v_complex(0, i + 1);
    cc_arena_release(m);
    Value b = v_complex(3, 4);
    CHECK(v_imag(a) == 2);
    CHECK(v_imag(b) == 4);
    CHECK_INT(b.n, a.n + 1);             /* the table was truncated at the mark */
}

/* Rendering the same chart twice with everything released in between
 * gives the same bytes (run under check-asan, a cache or global left
 * pointing into released memory is reported). */
static const char *render_once(const char *chart, Buf *out)
{
    RenderOpts o;
    memset(&o, 0, sizeof o);
    o.release_name = "rel";
    o.chart_path = chart;
    o.namespace_ = "ns";
    CcMark m = cc_arena_mark();
    const char *err = render_run(&o, out);
    const char *e = err ? strdup(err) : NULL;
    cc_arena_release(m);
    return e;
}

/* A chart whose templates go through the caches: regexes, semver
 * constraints, Unicode classes, tpl, complex numbers, include. */
static const char *write_chart(char *dir)
{
    static const char *files[][2] = {
        {"Chart.yaml", "apiVersion: v2\nname: t\nversion: 1.2.3\n"},
        {"values.yaml", "name: Wörld\nitems: [b, a, c]\nt: '{{ .Values.name | upper }}'\n"},
        {"templates/_h.tpl", "{{- define \"h.x\" -}}x-{{ . }}{{- end -}}\n"},
        {"templates/cm.yaml",
         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"h.x\" .Release.Name }}\ndata:\n"
         "  re: {{ regexReplaceAll \"[aeiou]\" \"banana\" \"_\" | quote }}\n"
         "  find: {{ regexFindAll \"\\\\p{Lu}\" .Values.name -1 | toJson | quote }}\n"
         "  sv: {{ semverCompare \">=1.0.0-0\" .Chart.Version | quote }}\n"
         "  tpl: {{ tpl .Values.t . | quote }}\n"
         "  c: {{ 1+2i | printf \"%v\" | quote }}\n"
         "  y: {{ .Values.items | sortAlpha | toYaml | fromYamlArray | toJson | quote }}\n"
         "  t: {{ trunc 3 (title .Values.name) | quote }}\n"},
    };
    snprintf(dir, 64, "/tmp/chartc-arena-XXXXXX");
    if (!mkdtemp(dir)) return NULL;
    char p[128];
    snprintf(p, sizeof p, "%s/templates", dir);
    mkdir(p, 0755);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i][0]);
        FILE *f = fopen(p, "w");
        if (!f) return NULL;
        fputs(files[i][1], f);
        fclose(f);
    }
    return dir;
}

TEST(render_twice)
{
    char dir[64];
    CHECK(write_chart(dir));
    const char *charts[] = {dir, "charts/stalwart"};
    for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
        Buf a = {0}, b = {0};
        const char *e1 = render_once(charts[i], &a);
        const char *e2 = render_once(charts[i], &b);
        if (e1) fprintf(stderr, "  %s: %s\n", charts[i], e1);
        CHECK(!e1 && !e2);
        CHECK(a.len > 0);
        CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
        if (i == 0) CHECK(a.p && memmem(a.p, a.len, "b_n_n_", 6) && memmem(a.p, a.len, "(1+2i)", 6));
        buf_free(&a);
        buf_free(&b);
    }
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* bytes mapped in all (from /proc/self/maps, read with no allocation) */
static size_t mapped_total(void)
{
    static char buf[1 << 18];
    int fd = open("/proc/self/maps", O_RDONLY);
    size_t len = 0, total = 0;
    ssize_t r;
    if (fd < 0) return 0;
    while (len < sizeof buf - 1 && (r = read(fd, buf + len, sizeof buf - 1 - len)) > 0) len += (size_t)r;
    close(fd);
    buf[len] = 0;
    for (char *l = buf; *l; ) {
        char *e;
        unsigned long long a = strtoull(l, &e, 16), b = strtoull(e + 1, NULL, 16);
        total += (size_t)(b - a);
        l = strchr(l, '\n');
        if (!l) break;
        l++;
    }
    return total;
}

TEST(map_exact_and_aligned)
{
    static const size_t sizes[] = {4096, 300u << 10, 2u << 20, (2u << 20) + 4096, (5u << 20) + (12u << 10), 6u << 20};
    for (int flags = 0; flags <= (CC_MAP_HUGE | CC_MAP_POPULATE_SMALL); flags++) {
        if ((flags & CC_MAP_POPULATE) && (flags & CC_MAP_POPULATE_SMALL)) continue;
        for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
            size_t n = sizes[i], before = mapped_total();
            unsigned char *p = cc_map(n, flags);
            CHECK(p != NULL);
            CHECK(mapped_total() - before == n);   /* nothing kept past the end or before the start */
            if (!p) continue;
            if ((flags & CC_MAP_HUGE) && n >= (2u << 20)) CHECK(((uintptr_t)p & ((2u << 20) - 1)) == 0);
            CHECK(all_zero(p, n));
            memset(p, 0x5A, n);
            munmap(p, n);
        }
    }
}

TEST_MAIN()
