/*
 * cmd_unittest.c - `chartc unittest [flags] CHART...`: runs helm-unittest
 * suites (tests/<name>_test.yaml) in-process with chartc's renderer.
 * Mirrors helm-unittest v1.1.0 cmd/helm-unittest/helm_unittest.go (flags),
 * pkg/unittest/test_runner.go (charts, suite discovery, subchart suites,
 * counting, summary), files.go (globs with filepathx "**"), results/ and
 * printer/ (the report) and formatter/junit_report_xml.go (-t JUnit) (MIT).
 *
 * Output is helm-unittest's report, then one closing line
 * "N passed, N failed" (tests); exit status 1 when anything failed.
 * -j N runs a chart's suites in N worker processes (fork), each suite
 * starting from the Kubernetes version helm-unittest would carry into it;
 * results are printed in suite order as a sequential run prints them.
 */
#define _GNU_SOURCE
#include "ut_int.h"
#include "chartc/codec.h"
#include "chartc/det.h"
#include "chartc/gostd.h"
#include "chartc/out.h"
#include "chartc/render.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int cc_unittest_main(int argc, char **argv);

/* ---- options ------------------------------------------------------------------ */

typedef struct StrList { const char **v; int n, cap; } StrList;

static void sl_add(StrList *l, const char *s)
{
    if (l->n == l->cap) {
        int nc = l->cap ? 2 * l->cap : 8;
        l->v = cc_grow(l->v, (size_t)l->cap * sizeof *l->v, (size_t)nc * sizeof *l->v);
        l->cap = nc;
    }
    l->v[l->n++] = s;
}

typedef struct Opts {
    int color, color_set, strict, update, with_sub, failfast, debug, skip_schema, help, jobs;
    StrList files, values, charts;
    const char *output_file, *output_type, *tests_path;
    const char *seed, *now;   /* --seed, --now (NULL: $CHARTC_SEED, $SOURCE_DATE_EPOCH) */
} Opts;

/* ---- the printer (printer/printer.go over fatih/color) ---------------------------- */

static int pr_color;

static void pr_style(Buf *b, const char *attrs, const char *s)
{
    if (pr_color) buf_printf(b, "\x1b[%sm%s\x1b[0m", attrs, s);
    else buf_puts(b, s);
}

static void pr_line(Buf *b, const char *s, int indent)
{
    for (int i = 0; i < indent; i++) buf_putc(b, '\t');
    buf_puts(b, s);
    buf_putc(b, '\n');
}

static const char *sty(const char *attrs, const char *s)
{
    Buf b = {0};
    pr_style(&b, attrs, s);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

#define DANGER "31"
#define DANGER_BG "41;37"
#define SUCCESS_BG "42;30"
#define WARNING "33"
#define WARNING_BG "43;30"
#define HIGHLIGHT "1"
#define FAINT "2"

/* ---- counting (test_runner.go) ----------------------------------------------------- */

typedef struct Count { unsigned passed, failed, errored, skipped; } Count;

static const char *count_str(const Count *c)
{
    Buf b = {0};
    if (c->failed) pr_style(&b, DANGER, cc_printf("%u failed, ", c->failed));
    if (c->errored) buf_printf(&b, "%u errored, ", c->errored);
    if (c->skipped) buf_printf(&b, "%u passed, %u skipped, %u total", c->passed, c->skipped, c->passed + c->failed + c->skipped);
    else buf_printf(&b, "%u passed, %u total", c->passed, c->passed + c->failed);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

typedef struct Runner {
    Opts *o;
    Buf out;                 /* the report (flushed as it grows) */
    Count charts, suites, tests, snaps;
    unsigned suites_snap_failed;
    UtSuiteResult **results; int nresults, capresults;   /* for the formatter */
    const char *kube_major, *kube_minor;
    const char **values_abs; int nvalues_abs;
} Runner;

static void rn_flush(Runner *r)
{
    out_write(r->out.p, r->out.len);
    r->out.len = 0;
    out_flush();
}

/* ---- the report (the results package) -------------------------------------------------------- */

static void print_job(Buf *b, const UtJobResult *j)
{
    if (j->passed) return;
    if (j->skipped) {
        Buf l = {0};
        pr_style(&l, HIGHLIGHT, "- ");
        pr_style(&l, WARNING_BG, "SKIPPED");
        pr_style(&l, WARNING, cc_printf(" '%s'", j->name));
        pr_line(b, buf_cstr(&l), 1);
        buf_free(&l);
        return;
    }
    if (j->exec_error) {
        pr_line(b, sty(HIGHLIGHT, cc_printf("- %s", j->name)), 1);
        pr_line(b, sty(HIGHLIGHT, cc_printf("Error: %s\n", j->exec_error)), 2);
        return;
    }
    pr_line(b, sty(DANGER, cc_printf("- %s\n", j->name)), 1);
    for (int i = 0; i < j->nasserts; i++) {
        const UtAssertResult *a = &j->asserts[i];
        if (a->passed) continue;
        pr_line(b, sty(DANGER, cc_printf("- asserts[%d]%s `%s` fail", a->index, a->not_ ? " NOT" : "", a->type)), 2);
        const char *p = a->info ? a->info : "", *end = p + a->ninfo;
        while (p < end) {
            const char *e = memchr(p, '\n', (size_t)(end - p));
            if (!e) e = end;
            pr_line(b, cc_strndup(p, (size_t)(e - p)), 3);
            p = e + 1;
        }
        pr_line(b, "", 0);
    }
}

static void print_suite(Buf *b, const UtSuiteResult *s)
{
    const char *label = s->skipped ? sty(WARNING_BG, " SKIP ") : s->passed ? sty(SUCCESS_BG, " PASS ")
                                                                           : sty(DANGER_BG, " FAIL ");
    const char *path = "";
    if (s->file && *s->file) {
        const char *sl = strrchr(s->file, '/');
        const char *dir = sl ? cc_strndup(s->file, (size_t)(sl - s->file)) : ".";
        path = cc_printf("%s%s", sty(FAINT, cc_printf("%s/", dir)), sl ? sl + 1 : s->file);
    }
    pr_line(b, cc_printf("%s %s\t%s", label, sty(HIGHLIGHT, s->name ? s->name : ""), path), 0);
    if (s->exec_error) {
        pr_line(b, sty(HIGHLIGHT, "- Execution Error: "), 1);
        pr_line(b, cc_printf("%s\n", s->exec_error), 2);
        return;
    }
    for (int i = 0; i < s->ntests; i++) print_job(b, &s->tests[i]);
}

/* handleSuiteResult */
static void handle_suite(Runner *r, UtSuiteResult *s)
{
    print_suite(&r->out, s);
    if (s->skipped) r->suites.skipped++;
    else if (s->passed) r->suites.passed++;
    else {
        r->suites.failed++;
        if (s->exec_error) r->suites.errored++;
        if (s->snap_failed) r->suites_snap_failed++;
    }
    r->snaps.failed += s->snap_failed;
    r->snaps.passed += s->snap_total - s->snap_failed;
    for (int i = 0; i < s->ntests; i++) {
        const UtJobResult *j = &s->tests[i];
        if (j->passed) r->tests.passed++;
        else if (j->skipped) r->tests.skipped++;
        else {
            r->tests.failed++;
            if (j->exec_error) r->tests.errored++;
        }
    }
    rn_flush(r);
}

static void suite_error(Runner *r, const char *file, const char *err)
{
    UtSuiteResult s = {0};
    s.file = file;
    s.name = "";
    s.exec_error = err;
    handle_suite(r, &s);
}

static void chart_errored(Runner *r, const char *err)
{
    Buf h = {0};
    buf_puts(&h, "\n### ");
    pr_style(&h, DANGER, "Error: ");
    buf_printf(&h, " %s\n", err);
    pr_line(&r->out, buf_cstr(&h), 0);
    buf_free(&h);
    r->charts.failed++;
    r->charts.errored++;
    rn_flush(r);
}

/* ---- globs (path/filepath.Glob, yargevad/filepathx) ------------------------------------- */

static int has_meta(const char *p) { return strpbrk(p, "*?[\\") != NULL; }

static int name_cmp(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* sorted entries of a directory (NULL if it is none) */
static const char **read_dir(const char *dir, int *n)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (!d) return NULL;
    StrList l = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) sl_add(&l, cc_strdup(e->d_name));
    closedir(d);
    if (l.n > 1) qsort(l.v, (size_t)l.n, sizeof *l.v, name_cmp);
    *n = l.n;
    return l.v ? l.v : cc_alloc(sizeof(char *));
}

/* filepath.Join(dir, name) for a clean name */
static const char *join2(const char *dir, const char *name)
{
    const char *j = cc_printf("%s/%s", dir, name);
    return go_path_clean(j, strlen(j));
}

static const char *go_glob(const char *pattern, StrList *out, int depth);

static const char *glob_dir(const char *dir, const char *pat, StrList *out)
{
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode)) return NULL;
    int n;
    const char **names = read_dir(dir, &n);
    for (int i = 0; i < n; i++) {
        int m = go_path_match(pat, names[i]);
        if (m < 0) return "syntax error in pattern";
        if (m) sl_add(out, join2(dir, names[i]));
    }
    return NULL;
}

static const char *go_glob(const char *pattern, StrList *out, int depth)
{
    if (depth > 64 || go_path_match(pattern, "") < 0) return "syntax error in pattern";
    if (!has_meta(pattern)) {
        struct stat st;
        if (lstat(pattern, &st) == 0) sl_add(out, pattern);
        return NULL;
    }
    const char *sl = strrchr(pattern, '/');
    const char *dir = sl ? cc_strndup(pattern, (size_t)(sl - pattern) + 1) : "";
    const char *file = sl ? sl + 1 : pattern;
    /* cleanGlobPath */
    if (!*dir) dir = ".";
    else if (strcmp(dir, "/")) dir = cc_strndup(dir, strlen(dir) - 1);
    if (!has_meta(dir)) return glob_dir(dir, file, out);
    if (!strcmp(dir, pattern)) return "syntax error in pattern";
    StrList dirs = {0};
    const char *err = go_glob(dir, &dirs, depth + 1);
    for (int i = 0; !err && i < dirs.n; i++) err = glob_dir(dirs.v[i], file, out);
    return err;
}

/* filepath.Walk: root, then its tree in lexical order (no symlinks followed) */
static void walk(const char *root, StrList *out, int depth)
{
    sl_add(out, root);
    struct stat st;
    if (depth > 256 || lstat(root, &st) || !S_ISDIR(st.st_mode)) return;
    int n;
    const char **names = read_dir(root, &n);
    for (int i = 0; i < n; i++) walk(join2(root, names[i]), out, depth + 1);
}

/* filepathx.Glob */
static const char *glob_x(const char *pattern, StrList *out)
{
    if (!strstr(pattern, "**")) return go_glob(pattern, out, 0);
    StrList matches = {0};
    sl_add(&matches, "");
    for (const char *p = pattern;;) {
        const char *q = strstr(p, "**");
        const char *part = q ? cc_strndup(p, (size_t)(q - p)) : p;
        StrList hits = {0};
        Map *seen = map_new(16);
        for (int i = 0; i < matches.n; i++) {
            StrList paths = {0};
            const char *err = go_glob(cc_printf("%s%s", matches.v[i], part), &paths, 0);
            if (err) return err;
            for (int k = 0; k < paths.n; k++) {
                StrList w = {0};
                walk(paths.v[k], &w, 0);
                for (int x = 0; x < w.n; x++) {
                    if (map_getc(seen, w.v[x])) continue;
                    map_setc(seen, w.v[x], v_bool(1));
                    sl_add(&hits, w.v[x]);
                }
            }
        }
        matches = hits;
        if (!q) break;
        p = q + 2;
    }
    for (int i = 0; i < matches.n; i++) sl_add(out, matches.v[i]);
    return NULL;
}

/* GetFiles(chartPath, patterns, absolute) */
static const char *get_files(const char *chart_path, const StrList *pats, int absolute, StrList *out)
{
    const char *base = cc_printf("%s/", chart_path);
    for (int i = 0; i < pats->n; i++) {
        if (i && !strcmp(pats->v[i], pats->v[i - 1])) continue;   /* slices.Compact */
        const char *p = pats->v[i];
        if (p[0] == '/') { sl_add(out, p); continue; }
        const char *fp = strstr(p, base) ? p : join2(*chart_path ? chart_path : "/", p);
        if (!*chart_path && !strstr(p, base)) fp = join2("/", p);
        const char *err = glob_x(fp, out);
        if (err) return err;
    }
    if (absolute) {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, ".");
        for (int i = 0; i < out->n; i++)
            if (out->v[i][0] != '/') out->v[i] = join2(cwd, out->v[i]);
    }
    return NULL;
}

/* ---- suites of a chart (getV3TestSuites) ------------------------------------------------- */

typedef struct SuiteList { UtSuite **v; int n, cap; } SuiteList;

static void su_add(SuiteList *l, UtSuite *s)
{
    if (l->n == l->cap) {
        int nc = l->cap ? 2 * l->cap : 16;
        l->v = cc_grow(l->v, (size_t)l->cap * sizeof *l->v, (size_t)nc * sizeof *l->v);
        l->cap = nc;
    }
    l->v[l->n++] = s;
}

static Value vget(Value m, const char *k)
{
    Value *v = m.t == VT_MAP && m.u.m ? map_getc(m.u.m, k) : NULL;
    return v ? *v : v_nil();
}

/* evaluateConditionPath: only a bool false disables */
static int cond_enabled(const char *path, Value values)
{
    if (!*path) return 1;
    Value cur = values;
    for (const char *p = path;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (cur.t != VT_MAP) return 1;
        Value *nx = map_get(cur.u.m, p, n);
        if (!nx) return 1;
        if (!dot) return nx->t == VT_BOOL ? nx->u.b : 1;
        if (nx->t != VT_MAP) return 1;
        cur = *nx;
        p = dot + 1;
    }
}

/* isSubchartEnabled */
static int sub_enabled(const Chart *parent, const Chart *sub, Value values)
{
    Value deps = vget(parent->meta, "dependencies");
    const char *name = sub->name;
    Value *nm = sub->meta.t == VT_MAP ? map_getc(sub->meta.u.m, "name") : NULL;
    if (nm && nm->t == VT_STR) name = nm->u.s;
    for (uint32_t i = 0; deps.t == VT_LIST && i < deps.u.l->len; i++) {
        Value d = deps.u.l->v[i];
        Value alias = vget(d, "alias"), dn = vget(d, "name");
        const char *match = alias.t == VT_STR && alias.n ? alias.u.s : dn.t == VT_STR ? dn.u.s : "";
        if (strcmp(match, name)) continue;
        Value cond = vget(d, "condition");
        if (cond.t == VT_STR && cond.n) return cond_enabled(cond.u.s, values);
        Value tags = vget(d, "tags");
        if (tags.t == VT_LIST && tags.u.l->len) {
            Value tv = vget(values, "tags");
            if (tv.t != VT_MAP) return 1;
            for (uint32_t k = 0; k < tags.u.l->len; k++) {
                Value t = tags.u.l->v[k];
                if (t.t != VT_STR) continue;
                Value *x = map_get(tv.u.m, t.u.s, t.n);
                if (x && x->t == VT_BOOL && x->u.b) return 1;
            }
            return 0;
        }
        return 1;
    }
    return 1;
}

/* buildMergedValuesForChart */
static Value merged_values(Runner *r, const Chart *c, const char *chart_path)
{
    Value base = c->values.t == VT_MAP ? c->values : v_newmap(0);
    for (int i = 0; i < r->o->values.n; i++) {
        const char *vf = r->o->values.v[i];
        const char *p = vf[0] == '/' ? vf : join2(chart_path, vf);
        FILE *f = fopen(p, "rb");
        if (!f) return v_nil();
        Buf b = {0};
        char tmp[65536];
        size_t n;
        while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, n);
        fclose(f);
        Value docs;
        const char *err = yaml_load_v3(b.p ? b.p : "", b.len, &docs);
        buf_free(&b);
        if (err) return v_nil();
        Value v = docs.u.l->len ? docs.u.l->v[0] : v_nil();
        if (v.t != VT_MAP) continue;
        /* MergeTables(value, base): the file wins */
        Value dst = v_deep_copy(v);
        MAP_EACH(base.u.m, e) if (!map_get(dst.u.m, e->k, e->klen)) map_set(dst.u.m, e->k, e->klen, e->v);
        base = dst;
    }
    return base;
}

static const char *chart_display_name(const Chart *c)
{
    Value *n = c->meta.t == VT_MAP ? map_getc(c->meta.u.m, "name") : NULL;
    return n && n->t == VT_STR ? n->u.s : c->name;
}

/* getTestSuites + the subchart recursion; NULL or the error that stops
 * the chart (a suite file that does not parse). */
static const char *chart_suites(Runner *r, const char *chart_path, const char *route, const Chart *c,
                                Value merged, int have_merged, SuiteList *out)
{
    StrList files = {0};
    const char *err = get_files(chart_path, &r->o->files, 0, &files);
    if (err) return err;
    if (r->o->tests_path && *r->o->tests_path) {
        const char *tp = join2(chart_path, r->o->tests_path);
        struct stat st;
        if (stat(tp, &st) == 0) {
            UtSuite **rs;
            int nrs;
            err = ut_suites_render(tp, route, r->o->strict, r->values_abs, r->nvalues_abs, &rs, &nrs);
            if (err) return err;
            SuiteList tmp = {0};
            for (int i = 0; i < nrs; i++) su_add(&tmp, rs[i]);
            for (int i = 0; i < files.n; i++) {
                UtSuite **ss;
                int ns;
                err = ut_suites_parse(files.v[i], route, r->o->strict, r->values_abs, r->nvalues_abs, &ss, &ns);
                if (err) { suite_error(r, files.v[i], err); return err; }
                for (int k = 0; k < ns; k++) su_add(out, ss[k]);
            }
            for (int i = 0; i < tmp.n; i++) su_add(out, tmp.v[i]);
            goto subcharts;
        }
    }
    for (int i = 0; i < files.n; i++) {
        UtSuite **ss;
        int ns;
        err = ut_suites_parse(files.v[i], route, r->o->strict, r->values_abs, r->nvalues_abs, &ss, &ns);
        if (err) { suite_error(r, files.v[i], err); return err; }
        for (int k = 0; k < ns; k++) su_add(out, ss[k]);
    }
subcharts:
    if (!r->o->with_sub) return NULL;
    if (!have_merged) { merged = merged_values(r, c, chart_path); have_merged = 1; }
    for (int i = 0; i < c->ndeps; i++) {
        const Chart *sub = c->deps[i];
        if (merged.t == VT_MAP && !sub_enabled(c, sub, merged)) continue;
        const char *name = chart_display_name(sub);
        SuiteList sl = {0};
        const char *e = chart_suites(r, join2(chart_path, cc_printf("charts/%s", name)), cc_printf("%s/charts/%s", route, name),
                                     sub, merged, 1, &sl);
        if (e) {
            fprintf(stderr, "level=warning msg=\"Failed to get test suites for subchart %s: %s\"\n", name, e);
            continue;
        }
        for (int k = 0; k < sl.n; k++) su_add(out, sl.v[k]);
    }
    return NULL;
}

/* ---- worker processes (-j) ------------------------------------------------------------------ */

static void w_u32(Buf *b, uint32_t x) { buf_put(b, &x, sizeof x); }
static void w_str(Buf *b, const char *s)
{
    if (!s) { w_u32(b, UINT32_MAX); return; }
    uint32_t n = (uint32_t)strlen(s);
    w_u32(b, n);
    buf_put(b, s, n);
}

static void ser_suite(Buf *b, const UtSuiteResult *s)
{
    w_str(b, s->name); w_str(b, s->file);
    w_u32(b, (uint32_t)s->passed); w_u32(b, (uint32_t)s->skipped); w_u32(b, (uint32_t)s->fail_fast);
    w_str(b, s->exec_error);
    w_u32(b, s->snap_created); w_u32(b, s->snap_failed); w_u32(b, s->snap_total); w_u32(b, s->snap_vanished);
    w_u32(b, (uint32_t)s->ntests);
    for (int i = 0; i < s->ntests; i++) {
        const UtJobResult *j = &s->tests[i];
        w_str(b, j->name);
        w_u32(b, (uint32_t)j->passed); w_u32(b, (uint32_t)j->skipped);
        w_str(b, j->exec_error);
        buf_put(b, &j->seconds, sizeof j->seconds);
        w_u32(b, (uint32_t)j->nasserts);
        for (int k = 0; k < j->nasserts; k++) {
            const UtAssertResult *a = &j->asserts[k];
            w_u32(b, (uint32_t)a->index); w_str(b, a->type); w_u32(b, (uint32_t)a->not_);
            w_u32(b, (uint32_t)a->passed); w_u32(b, (uint32_t)a->skipped); w_str(b, a->skip_reason);
            w_u32(b, (uint32_t)a->ninfo);
            buf_put(b, a->info ? a->info : "", a->ninfo);
        }
    }
}

typedef struct Rd { const char *p, *e; int bad; } Rd;
static uint32_t r_u32(Rd *r)
{
    uint32_t x = 0;
    if (r->e - r->p < 4) { r->bad = 1; return 0; }
    memcpy(&x, r->p, 4);
    r->p += 4;
    return x;
}
static const char *r_str(Rd *r)
{
    uint32_t n = r_u32(r);
    if (n == UINT32_MAX) return NULL;
    if ((size_t)(r->e - r->p) < n) { r->bad = 1; return ""; }
    const char *s = cc_strndup(r->p, n);
    r->p += n;
    return s;
}

static void deser_suite(Rd *r, UtSuiteResult *s)
{
    memset(s, 0, sizeof *s);
    s->name = r_str(r); s->file = r_str(r);
    s->passed = (int)r_u32(r); s->skipped = (int)r_u32(r); s->fail_fast = (int)r_u32(r);
    s->exec_error = r_str(r);
    s->snap_created = r_u32(r); s->snap_failed = r_u32(r); s->snap_total = r_u32(r); s->snap_vanished = r_u32(r);
    uint32_t nt = r_u32(r);
    if (r->bad || nt > 1u << 24) { r->bad = 1; return; }
    s->tests = cc_alloc(((size_t)nt + 1) * sizeof *s->tests);
    for (uint32_t i = 0; i < nt && !r->bad; i++) {
        UtJobResult *j = &s->tests[s->ntests++];
        j->name = r_str(r);
        j->passed = (int)r_u32(r); j->skipped = (int)r_u32(r);
        j->exec_error = r_str(r);
        if (r->e - r->p < (long)sizeof j->seconds) { r->bad = 1; return; }
        memcpy(&j->seconds, r->p, sizeof j->seconds);
        r->p += sizeof j->seconds;
        uint32_t na = r_u32(r);
        if (r->bad || na > 1u << 24) { r->bad = 1; return; }
        j->asserts = cc_alloc(((size_t)na + 1) * sizeof *j->asserts);
        for (uint32_t k = 0; k < na && !r->bad; k++) {
            UtAssertResult *a = &j->asserts[j->nasserts++];
            a->index = (int)r_u32(r); a->type = r_str(r); a->not_ = (int)r_u32(r);
            a->passed = (int)r_u32(r); a->skipped = (int)r_u32(r); a->skip_reason = r_str(r);
            uint32_t n = r_u32(r);
            if ((size_t)(r->e - r->p) < n) { r->bad = 1; return; }
            a->info = cc_strndup(r->p, n);
            a->ninfo = n;
            r->p += n;
        }
    }
}

static void add_result(Runner *r, UtSuiteResult *s)
{
    if (r->nresults == r->capresults) {
        int nc = r->capresults ? 2 * r->capresults : 16;
        r->results = cc_grow(r->results, (size_t)r->capresults * sizeof *r->results, (size_t)nc * sizeof *r->results);
        r->capresults = nc;
    }
    UtSuiteResult *c = cc_alloc(sizeof *c);
    *c = *s;
    r->results[r->nresults++] = c;
}

/* One worker process: runs suites idx[0..n) (one snapshot file's) and
 * writes their results to fd. Never returns. */
static _Noreturn void worker(UtChartCtx *base, SuiteList *suites, const int *idx, int n,
                             const char **maj, const char **min, int fd)
{
    Buf b = {0};
    for (int k = 0; k < n; k++) {
        int i = idx[k];
        UtChartCtx ctx = *base;
        ctx.kube_major = maj[i];
        ctx.kube_minor = min[i];
        UtSuiteResult sr;
        ut_suite_run(suites->v[i], &ctx, &sr);
        w_u32(&b, (uint32_t)i);
        ser_suite(&b, &sr);
        if (!sr.passed && sr.fail_fast) break;
    }
    size_t off = 0;
    while (off < b.len) {
        ssize_t w = write(fd, b.p + off, b.len - off);
        if (w < 0) { if (errno == EINTR) continue; _exit(2); }
        off += (size_t)w;
    }
    _exit(0);
}

typedef struct Work { int *idx; int n; pid_t pid; int fd; Buf in; } Work;

/* Runs the suites of a chart, each snapshot file's suites in a process of
 * their own (so a suite's memory is returned when it ends and a crash
 * stays in it), at most `jobs` at once, and hands the results to
 * handle_suite in suite order. Every suite starts from the Kubernetes
 * version helm-unittest would carry into it. Returns 0 when --failfast
 * stopped the run; *passed is the chart's verdict. */
static int run_suites(Runner *rn, UtChartCtx *base, SuiteList *suites, int jobs, int *passed)
{
    int n = suites->n;
    const char **maj = cc_alloc(((size_t)n + 1) * sizeof *maj), **min = cc_alloc(((size_t)n + 1) * sizeof *min);
    const char *cm = base->kube_major, *cn = base->kube_minor;
    for (int i = 0; i < n; i++) {
        maj[i] = cm;
        min[i] = cn;
        ut_suite_kube_after(suites->v[i], &cm, &cn);
    }
    rn->kube_major = cm;
    rn->kube_minor = cn;
    /* groups: suites sharing a snapshot file, in order of appearance */
    Work *w = cc_alloc(((size_t)n + 1) * sizeof *w);
    int nw = 0;
    Map *grp = map_new((size_t)n + 1);
    for (int i = 0; i < n; i++) {
        const char *key = ut_suite_snapshot_url(suites->v[i]);
        Value *g = map_getc(grp, key);
        int k = g ? (int)g->u.i : nw;
        if (!g) {
            map_setc(grp, key, v_int64(nw));
            w[nw].idx = cc_alloc(((size_t)n + 1) * sizeof(int));
            w[nw].pid = 0;
            w[nw].fd = -1;
            nw++;
        }
        w[k].idx[w[k].n++] = i;
    }
    UtSuiteResult *res = cc_alloc(((size_t)n + 1) * sizeof *res);
    int *have = cc_alloc(((size_t)n + 1) * sizeof *have);
    int next_group = 0, active = 0, next_print = 0, stop = 0;
    *passed = 1;
    while (!stop && (next_group < nw || active)) {
        while (!stop && active < jobs && next_group < nw) {
            Work *x = &w[next_group++];
            int p[2];
            out_flush();
            fflush(stderr);
            pid_t pid = -1;
            if (!pipe(p)) {
                pid = fork();
                if (pid == 0) { close(p[0]); worker(base, suites, x->idx, x->n, maj, min, p[1]); }
                close(p[1]);
                if (pid < 0) close(p[0]);
            }
            if (pid < 0) {   /* no process: run here */
                for (int k = 0; k < x->n; k++) {
                    UtChartCtx ctx = *base;
                    ctx.kube_major = maj[x->idx[k]];
                    ctx.kube_minor = min[x->idx[k]];
                    ut_suite_run(suites->v[x->idx[k]], &ctx, &res[x->idx[k]]);
                    have[x->idx[k]] = 1;
                }
                x->pid = -1;
                continue;
            }
            x->pid = pid;
            x->fd = p[0];
            active++;
        }
        if (active) {
            struct pollfd *pf = cc_alloc((size_t)active * sizeof *pf);
            int np = 0;
            for (int k = 0; k < next_group; k++) if (w[k].fd >= 0) pf[np++] = (struct pollfd){w[k].fd, POLLIN, 0};
            if (poll(pf, (nfds_t)np, -1) < 0 && errno != EINTR) break;
            for (int q = 0; q < np; q++) {
                if (!pf[q].revents) continue;
                Work *x = NULL;
                for (int k = 0; k < next_group; k++) if (w[k].fd == pf[q].fd) x = &w[k];
                char tmp[65536];
                ssize_t got = read(x->fd, tmp, sizeof tmp);
                if (got > 0) { buf_put(&x->in, tmp, (size_t)got); continue; }
                if (got < 0 && errno == EINTR) continue;
                close(x->fd);
                x->fd = -1;
                active--;
                int st = 0;
                while (waitpid(x->pid, &st, 0) < 0 && errno == EINTR) {}
                Rd r = {x->in.p, x->in.p + x->in.len, 0};
                while (r.p < r.e && !r.bad) {
                    uint32_t i = r_u32(&r);
                    if (i >= (uint32_t)n) break;
                    deser_suite(&r, &res[i]);
                    if (!r.bad) have[i] = 1;
                }
                buf_free(&x->in);
                for (int k = 0; k < x->n; k++) {
                    int i = x->idx[k];
                    if (have[i]) continue;
                    /* a suite after a --failfast stop has no result; a crash leaves an error */
                    if (base->fail_fast && k > 0 && have[x->idx[k - 1]] && !res[x->idx[k - 1]].passed) break;
                    memset(&res[i], 0, sizeof res[i]);
                    res[i].name = "";
                    res[i].file = ut_suite_file(suites->v[i]);
                    res[i].exec_error = WIFSIGNALED(st) ? cc_printf("suite process killed by signal %d", WTERMSIG(st))
                                                        : "suite process failed";
                    have[i] = 1;
                }
            }
        }
        /* print what is ready, in suite order */
        while (!stop && next_print < n && have[next_print]) {
            UtSuiteResult *sr = &res[next_print++];
            *passed = *passed && sr->passed;
            handle_suite(rn, sr);
            add_result(rn, sr);
            if (!*passed && sr->fail_fast) stop = 1;
        }
    }
    /* stopped: let the running workers finish (their snapshots are written), unreported */
    for (int k = 0; k < next_group; k++) {
        if (w[k].fd < 0) continue;
        char tmp[65536];
        while (read(w[k].fd, tmp, sizeof tmp) > 0) {}
        close(w[k].fd);
        int st;
        while (waitpid(w[k].pid, &st, 0) < 0 && errno == EINTR) {}
    }
    return !stop;
}

/* ---- a chart ---------------------------------------------------------------------------------- */


/* returns 0 when failfast stopped the run */
static int run_chart(Runner *r, const char *chart_path, int *all_passed)
{
    Chart *c = NULL;
    const char *err = chart_load(chart_path, &c);
    if (err) {
        chart_errored(r, err);
        *all_passed = 0;
        return !r->o->failfast;
    }
    SuiteList suites = {0};
    err = chart_suites(r, chart_path, chart_display_name(c), c, v_nil(), 0, &suites);
    if (err) {
        chart_errored(r, err);
        *all_passed = 0;
        return !r->o->failfast;
    }
    Buf h = {0};
    buf_printf(&h, "\n### Chart [ %s ] %s\n", sty(HIGHLIGHT, chart_display_name(c)), sty(FAINT, chart_path));
    pr_line(&r->out, buf_cstr(&h), 0);
    buf_free(&h);
    rn_flush(r);

    UtChartCtx ctx = {0};
    ctx.chart = c;
    ctx.cache = render_cache_new();
    chart_schema_decode(c);
    ctx.fail_fast = r->o->failfast;
    ctx.skip_schema = r->o->skip_schema;
    ctx.update_snapshot = r->o->update;
    ctx.kube_major = r->kube_major;
    ctx.kube_minor = r->kube_minor;
    int passed = 1;
    int jobs = r->o->failfast ? 1 : r->o->jobs;
    int go_on = run_suites(r, &ctx, &suites, jobs, &passed);
    if (passed) r->charts.passed++;
    else r->charts.failed++;
    *all_passed = *all_passed && passed;
    return go_on;
}

/* ---- JUnit (formatter/junit_report_xml.go) ------------------------------------------------------ */

/* encoding/xml escapeText (newlines escaped) */
static void xml_esc(Buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '"': buf_puts(b, "&#34;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '\t': buf_puts(b, "&#x9;"); break;
        case '\n': buf_puts(b, "&#xA;"); break;
        case '\r': buf_puts(b, "&#xD;"); break;
        default:
            if ((unsigned char)*s < 0x20) buf_puts(b, "\xef\xbf\xbd");
            else buf_putc(b, *s);
        }
    }
}

/* TestJobResult.StringifyToXmlAttribute */
static const char *job_stringify(const UtJobResult *j)
{
    Buf b = {0};
    if (j->skipped) buf_printf(&b, "SKIPPED '%s' \n", j->name);
    if (j->exec_error) buf_printf(&b, "%s\n", j->exec_error);
    for (int i = 0; i < j->nasserts; i++) {
        const UtAssertResult *a = &j->asserts[i];
        buf_printf(&b, "\t\t - asserts[%d]%s `%s` fail \n", a->index, a->not_ ? " NOT" : "", a->type);
        if (a->skipped) buf_printf(&b, "\t\t\t %s \n", a->skip_reason ? a->skip_reason : "");
        else {
            const char *p = a->info ? a->info : "", *end = p + a->ninfo;
            while (p < end) {
                const char *e = memchr(p, '\n', (size_t)(end - p));
                if (!e) e = end;
                buf_printf(&b, "\t\t\t %.*s \n", (int)(e - p), p);
                p = e + 1;
            }
        }
    }
    Buf o = {0};
    for (size_t i = 0; i < b.len; i++) {
        if (b.p[i] == '\n') buf_putc(&o, ',');
        else if (b.p[i] != '\t') buf_putc(&o, b.p[i]);
    }
    buf_free(&b);
    char *r = buf_arena(&o);
    buf_free(&o);
    return r;
}

static const char *write_junit(Runner *r, const char *file)
{
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    char ts[32];
    time_t now = time(NULL);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", localtime(&now));
    Buf b = {0};
    buf_puts(&b, "<testsuites>");
    for (int i = 0; i < r->nresults; i++) {
        const UtSuiteResult *s = r->results[i];
        double total = 0;
        int failures = 0, errors = 0;
        for (int k = 0; k < s->ntests; k++) {
            const UtJobResult *j = &s->tests[k];
            total += j->seconds;
            if (!j->skipped && !j->passed) { if (j->exec_error) errors++; else failures++; }
        }
        buf_printf(&b, "\n\t<testsuite id=\"%d\" tests=\"%d\" failures=\"%d\" errors=\"%d\" package=\"\" time=\"%.3f\" name=\"",
                   i, s->ntests, failures, errors, total);
        xml_esc(&b, s->name ? s->name : "");
        buf_printf(&b, "\" timestamp=\"%s\" hostname=\"", ts);
        xml_esc(&b, host);
        buf_puts(&b, "\">\n\t\t<properties>\n\t\t\t<property name=\"helm-unittest.version\" value=\"1.6\"></property>\n\t\t</properties>");
        const char *cls = s->name ? s->name : "";
        const char *sl = strrchr(cls, '/');
        if (sl) cls = sl + 1;
        for (int k = 0; k < s->ntests; k++) {
            const UtJobResult *j = &s->tests[k];
            buf_puts(&b, "\n\t\t<testcase classname=\"");
            xml_esc(&b, cls);
            buf_puts(&b, "\" name=\"");
            xml_esc(&b, j->name ? j->name : "");
            buf_printf(&b, "\" time=\"%.3f\">", j->seconds);
            int inner = 0;
            if (!j->skipped && !j->passed && j->exec_error) {
                buf_puts(&b, "\n\t\t\t<error message=\"Error\" type=\"\">");
                xml_esc(&b, j->exec_error);
                buf_puts(&b, "</error>");
                inner = 1;
            }
            if (j->skipped) {
                buf_puts(&b, "\n\t\t\t<skipped message=\"");
                xml_esc(&b, job_stringify(j));
                buf_puts(&b, "\"></skipped>");
                inner = 1;
            }
            if (!j->skipped && !j->passed && !j->exec_error) {
                buf_puts(&b, "\n\t\t\t<failure message=\"Failed\" type=\"\">");
                xml_esc(&b, job_stringify(j));
                buf_puts(&b, "</failure>");
                inner = 1;
            }
            buf_puts(&b, inner ? "\n\t\t</testcase>" : "</testcase>");
        }
        buf_puts(&b, "\n\t</testsuite>");
    }
    buf_puts(&b, r->nresults ? "\n</testsuites>\n" : "</testsuites>\n");
    /* the directory is created as helm-unittest does, the file replaced atomically */
    const char *sl = strrchr(file, '/');
    if (sl && sl != file) {
        char *dir = cc_strndup(file, (size_t)(sl - file));
        for (char *p = dir + 1; *p; p++) { if (*p == '/') { *p = 0; mkdir(dir, 0777); *p = '/'; } }
        mkdir(dir, 0777);
    }
    const char *err = out_file_replace(file, b.p ? b.p : "", b.len);
    buf_free(&b);
    return err;
}

/* ---- flags (cobra/pflag conventions) ---------------------------------------------------------- */

static const char ut_help[] =
    "Run helm-unittest suites (tests/*_test.yaml) against charts, in-process.\n"
    "\n"
    "Usage:\n"
    "  chartc unittest [flags] CHART [...]\n"
    "\n"
    "Flags:\n"
    "      --chart-tests-path string   a chart of test suites (relative to the chart) rendered into suites\n"
    "      --color                     colored output even when stdout is not a terminal\n"
    "  -d, --debugPlugin               accepted (helm-unittest's verbose logging)\n"
    "  -q, --failfast                  stop at the first failing test\n"
    "  -f, --file stringArray          glob paths of suite files (default tests/*_test.yaml); ** allowed\n"
    "  -h, --help                      help for unittest\n"
    "  -j, --jobs int                  run each chart's suites in N processes (default 1)\n"
    "      --now string                fixed clock of now, ago and certificates (RFC 3339; else $SOURCE_DATE_EPOCH)\n"
    "  -o, --output-file string        write the results to this file (see --output-type)\n"
    "  -t, --output-type string        JUnit (default XUnit in helm-unittest: chartc writes JUnit)\n"
    "      --seed string               seed of the random functions, so suites can assert on their values (else $CHARTC_SEED)\n"
    "      --skip-schema-validation    do not validate values against values.schema.json\n"
    "      --strict                    reject unknown fields in suite files\n"
    "  -u, --update-snapshot           rewrite snapshots that do not match\n"
    "  -v, --values stringArray        values files (or globs) applied to every suite\n"
    "  -s, --with-subchart             also run the suites of charts under charts/ (default true)\n";

typedef struct UFlag { const char *name; char sh; int kind; size_t off; } UFlag;
enum { UF_BOOL, UF_STR, UF_ARR, UF_INT };
#define UO(f) offsetof(Opts, f)
static const UFlag ut_flags[] = {
    {"color", 0, UF_BOOL, UO(color)}, {"strict", 0, UF_BOOL, UO(strict)},
    {"file", 'f', UF_ARR, UO(files)}, {"values", 'v', UF_ARR, UO(values)},
    {"update-snapshot", 'u', UF_BOOL, UO(update)}, {"with-subchart", 's', UF_BOOL, UO(with_sub)},
    {"output-file", 'o', UF_STR, UO(output_file)}, {"output-type", 't', UF_STR, UO(output_type)},
    {"chart-tests-path", 0, UF_STR, UO(tests_path)}, {"failfast", 'q', UF_BOOL, UO(failfast)},
    {"debugPlugin", 'd', UF_BOOL, UO(debug)}, {"skip-schema-validation", 0, UF_BOOL, UO(skip_schema)},
    {"jobs", 'j', UF_INT, UO(jobs)}, {"help", 'h', UF_BOOL, UO(help)},
    {"seed", 0, UF_STR, UO(seed)}, {"now", 0, UF_STR, UO(now)},
    {"helm-compat", 0, UF_STR, (size_t)-1},
};
#define UT_NFLAGS (sizeof ut_flags / sizeof ut_flags[0])

static const char *uf_set(Opts *o, const UFlag *f, const char *v)
{
    if (f->off == (size_t)-1) return NULL;
    void *p = (char *)o + f->off;
    switch (f->kind) {
    case UF_BOOL: {
        static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True", NULL};
        static const char *const fa[] = {"0", "f", "F", "FALSE", "false", "False", NULL};
        for (int i = 0; t[i]; i++) if (!strcmp(v, t[i])) { *(int *)p = 1; goto done; }
        for (int i = 0; fa[i]; i++) if (!strcmp(v, fa[i])) { *(int *)p = 0; goto done; }
        return cc_printf("invalid argument \"%s\" for \"%s%s--%s\" flag: strconv.ParseBool: parsing \"%s\": invalid syntax",
                         v, f->sh ? cc_printf("-%c", f->sh) : "", f->sh ? ", " : "", f->name, v);
    done:
        if (!strcmp(f->name, "color")) o->color_set = 1;
        return NULL;
    }
    case UF_STR: *(const char **)p = v; return NULL;
    case UF_ARR: sl_add(p, v); return NULL;
    case UF_INT: {
        char *e;
        long x = strtol(v, &e, 10);
        if (!*v || *e || x < 1 || x > 1024)
            return cc_printf("invalid argument \"%s\" for \"-j, --jobs\" flag: want a number from 1 to 1024", v);
        *(int *)p = (int)x;
        return NULL;
    }
    }
    return NULL;
}

static const char *uf_parse(Opts *o, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) { sl_add(&o->charts, a); continue; }
        if (!strcmp(a, "--")) { for (i++; i < argc; i++) sl_add(&o->charts, argv[i]); break; }
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const UFlag *f = NULL;
            for (size_t k = 0; k < UT_NFLAGS; k++)
                if (strlen(ut_flags[k].name) == n && !memcmp(ut_flags[k].name, name, n)) f = &ut_flags[k];
            if (!f) return cc_printf("unknown flag: --%.*s", (int)n, name);
            const char *v;
            if (eq) v = eq + 1;
            else if (f->kind == UF_BOOL) v = "true";
            else if (i + 1 < argc) v = argv[++i];
            else return cc_printf("flag needs an argument: --%s", f->name);
            const char *e = uf_set(o, f, v);
            if (e) return e;
            continue;
        }
        for (const char *s = a + 1; *s;) {
            const UFlag *f = NULL;
            for (size_t k = 0; k < UT_NFLAGS; k++) if (ut_flags[k].sh == *s) f = &ut_flags[k];
            if (!f) return cc_printf("unknown shorthand flag: '%c' in %s", *s, a);
            const char *v;
            if (s[1] == '=') { v = s + 2; s += strlen(s); }
            else if (f->kind == UF_BOOL) { v = "true"; s++; }
            else if (s[1]) { v = s + 1; s += strlen(s); }
            else if (i + 1 < argc) { v = argv[++i]; s++; }
            else return cc_printf("flag needs an argument: '%c' in -%c", *s, *s);
            const char *e = uf_set(o, f, v);
            if (e) return e;
        }
    }
    return NULL;
}

/* n units of 10^-digits as Go prints them: "12", "12.5" */
static void dur_num(Buf *b, long long n, long long unit, int digits)
{
    buf_printf(b, "%lld", n / unit);
    long long frac = n % unit;
    if (!frac) return;
    char f[16];
    snprintf(f, sizeof f, "%0*lld", digits, frac);
    size_t k = strlen(f);
    while (k && f[k - 1] == '0') k--;
    buf_printf(b, ".%.*s", (int)k, f);
}

/* Go time.Duration.String() */
static const char *go_duration(double secs)
{
    long long ns = (long long)(secs * 1e9);
    Buf b = {0};
    if (ns < 1000) buf_printf(&b, "%lldns", ns);
    else if (ns < 1000000) { dur_num(&b, ns, 1000, 3); buf_puts(&b, "\xc2\xb5s"); }
    else if (ns < 1000000000) { dur_num(&b, ns, 1000000, 6); buf_puts(&b, "ms"); }
    else {
        long long h = ns / 3600000000000LL, m = ns / 60000000000LL % 60;
        if (h) buf_printf(&b, "%lldh", h);
        if (h || m) buf_printf(&b, "%lldm", m);
        dur_num(&b, ns % 60000000000LL, 1000000000, 9);
        buf_putc(&b, 's');
    }
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

int cc_unittest_main(int argc, char **argv)
{
    Opts o = {0};
    o.with_sub = 1;
    o.jobs = 1;
    o.output_type = "XUnit";
    const char *err = uf_parse(&o, argc, argv);
    if (err) {
        fprintf(stderr, "Error: %s\n", err);
        return 1;
    }
    if (o.help) { out_puts(ut_help); return 0; }
    if (!o.charts.n) {
        fprintf(stderr, "Error: requires at least 1 arg(s), only received 0\n");
        return 1;
    }
    if (o.output_file && *o.output_file && strcasecmp(o.output_type, "junit") != 0) {
        fprintf(stderr, "Error: output type %s is not supported: chartc writes -t JUnit\n", o.output_type);
        return 1;
    }
    /* helm-unittest renders with the Helm v3 library */
    cc_helm_major = 3;
    /* reproducible random functions and clock, as `chartc render` takes them
     * (det.h); every test job's templates draw from streams of their own */
    if ((err = det_configure(o.seed, o.now))) {
        fprintf(stderr, "Error: %s\n", err);
        return 1;
    }
    const char *term = getenv("TERM");
    pr_color = o.color_set ? o.color : isatty(1) && !(term && !strcmp(term, "dumb"));
    if (!o.files.n) sl_add(&o.files, "tests/*_test.yaml");

    Runner r = {0};
    r.o = &o;
    r.kube_major = "1";
    r.kube_minor = "20";
    StrList vabs = {0};
    if ((err = get_files("", &o.values, 1, &vabs))) {
        fprintf(stderr, "Error: %s\n", err);
        return 1;
    }
    r.values_abs = vabs.v;
    r.nvalues_abs = vabs.n;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int all = 1;
    for (int i = 0; i < o.charts.n; i++)
        if (!run_chart(&r, o.charts.v[i], &all)) break;
    if (o.output_file && *o.output_file) {
        const char *e = write_junit(&r, o.output_file);
        if (e) { chart_errored(&r, e); all = 0; }   /* a lost report fails the run */
    }
    if (r.snaps.failed) {
        Buf s = {0};
        buf_puts(&s, "\nSnapshot Summary: ");
        pr_style(&s, DANGER, cc_printf("%u snapshot failed", r.snaps.failed));
        buf_printf(&s, " in %u test suite.", r.suites_snap_failed);
        pr_style(&s, FAINT, " Check changes and use `-u` to update snapshot.");
        pr_line(&r.out, buf_cstr(&s), 0);
        buf_free(&s);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    Buf s = {0};
    buf_printf(&s, "\nCharts:      %s\nTest Suites: %s\nTests:       %s\nSnapshot:    %s\nTime:        %s\n",
               count_str(&r.charts), count_str(&r.suites), count_str(&r.tests), count_str(&r.snaps), go_duration(secs));
    pr_line(&r.out, buf_cstr(&s), 0);
    buf_free(&s);
    buf_printf(&r.out, "%u passed, %u failed\n", r.tests.passed, r.tests.failed);
    rn_flush(&r);
    buf_free(&r.out);
    return all ? 0 : 1;
}
