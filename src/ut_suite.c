/*
 * ut_suite.c - helm-unittest suites and test jobs: reading a suite file,
 * building each job's values, release, capabilities and chart overrides,
 * rendering only the templates the suite (or test) names, turning the
 * output (or the render error) into documents, and running the asserts.
 * Mirrors helm-unittest v1.1.0 pkg/unittest/test_suite.go, test_job.go,
 * deep_copy.go (template filtering), k8s_fake_client.go and
 * valueutils/valueutils.go (BuildValueOfSetPath) (MIT).
 *
 * Suites are read with go-yaml v3 rules (yaml_load_v3); struct fields
 * are matched as yaml.v3 does (lower-cased Go field names or their yaml
 * tags); --strict rejects unknown fields. Rendering goes through
 * render_templates() on a fresh clone of the chart per job.
 */
#define _GNU_SOURCE
#include "ut_int.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- the model ------------------------------------------------------------ */

typedef struct StrVec { const char **v; int n, cap; } StrVec;

static void sv_push(StrVec *s, const char *x)
{
    if (s->n == s->cap) {
        int nc = s->cap ? 2 * s->cap : 8;
        s->v = cc_grow(s->v, (size_t)s->cap * sizeof *s->v, (size_t)nc * sizeof *s->v);
        s->cap = nc;
    }
    s->v[s->n++] = x;
}

typedef struct Release { const char *name, *ns; long revision; int upgrade; } Release;
typedef struct ChartOv { const char *version, *app_version; } ChartOv;
typedef struct KubeProv { Value scheme; /* map */ Value objects; /* list */ } KubeProv;
typedef struct PostRender { const char *cmd; StrVec args; } PostRender;

typedef struct UtJob {
    const char *name;
    StrVec values;
    Value set;                    /* map (ordered) or nil */
    const char *template_;
    StrVec templates;
    int has_doc_index, doc_index;
    UtSelector *selector;         /* decoded straight from YAML: path may be "" */
    Release release;
    ChartOv chart;
    const char *major, *minor;    /* Capabilities after polishing */
    StrVec apis;
    int apis_nil;
    Value caps_fields;            /* the raw capabilities map */
    UtAssert **asserts; int nasserts;    /* entries may be NULL (null in YAML) */
    const char *skip_reason;
    KubeProv kube;
    PostRender post;
} UtJob;

struct UtSuite {
    const char *name;
    StrVec values;
    Value set;
    StrVec templates, exclude;
    int include_crds;
    Release release;
    ChartOv chart;
    const char *major, *minor;
    StrVec apis;
    KubeProv kube;
    PostRender post;
    UtJob **tests; int ntests;
    const char *file;             /* definitionFile (relative to the cwd) */
    const char *route;
    int from_render;
    const char *snapshot_id;
    const char *skip_reason, *min_version;
};

#define UT_PLUGIN_VERSION "1.1.0"

static const char *chart_meta_name(const Chart *c)
{
    Value *n = c->meta.t == VT_MAP ? map_getc(c->meta.u.m, "name") : NULL;
    return n && n->t == VT_STR ? n->u.s : c->name;
}


/* ---- yaml.v3 struct decoding ------------------------------------------------ */

typedef struct Dec { int strict; const char *err; } Dec;

static const char *d_kind(Value v)
{
    switch (v.t) {
    case VT_MAP: return "!!map";
    case VT_LIST: return "!!seq";
    case VT_STR: return "!!str";
    case VT_INT: return "!!int";
    case VT_FLOAT: return "!!float";
    case VT_BOOL: return "!!bool";
    default: return "!!null";
    }
}

static void d_fail(Dec *d, const char *msg)
{
    if (!d->err) d->err = cc_printf("yaml: unmarshal errors:\n  %s", msg);
}

static const char *d_scalar_text(Value v)
{
    Buf b = {0};
    if (v.t == VT_STR) buf_put(&b, v.u.s, v.n);
    else if (v.t == VT_FLOAT) go_format_float(&b, v.u.f, 'g', -1, 64);
    else go_print(&b, v);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static void d_type_err(Dec *d, Value v, const char *gotype)
{
    if (v.t == VT_MAP || v.t == VT_LIST) d_fail(d, cc_printf("cannot unmarshal %s into %s", d_kind(v), gotype));
    else d_fail(d, cc_printf("cannot unmarshal %s `%s` into %s", d_kind(v), d_scalar_text(v), gotype));
}

/* Checks the keys of a struct mapping (strict mode). fields: NULL-terminated. */
static void d_known(Dec *d, Value m, const char *const *fields, const char *type)
{
    if (!d->strict || m.t != VT_MAP) return;
    MAP_EACH(m.u.m, e) {
        int ok = 0;
        for (const char *const *f = fields; *f && !ok; f++) ok = strlen(*f) == e->klen && !memcmp(*f, e->k, e->klen);
        if (!ok) d_fail(d, cc_printf("field %.*s not found in type %s", (int)e->klen, e->k, type));
    }
}

static Value d_get(Value m, const char *k)
{
    Value *v = m.t == VT_MAP && m.u.m ? map_getc(m.u.m, k) : NULL;
    return v ? *v : v_nil();
}

static const char *d_str(Dec *d, Value m, const char *k)
{
    Value v = d_get(m, k);
    if (v.t == VT_NIL) return "";
    if (v.t == VT_MAP || v.t == VT_LIST) { d_type_err(d, v, "string"); return ""; }
    return d_scalar_text(v);
}

static int d_bool(Dec *d, Value m, const char *k)
{
    Value v = d_get(m, k);
    if (v.t == VT_NIL) return 0;
    if (v.t != VT_BOOL) { d_type_err(d, v, "bool"); return 0; }
    return v.u.b;
}

static long d_int(Dec *d, Value m, const char *k)
{
    Value v = d_get(m, k);
    if (v.t == VT_NIL) return 0;
    if (v.t == VT_INT) return (long)v.u.i;
    if (v.t == VT_FLOAT && v.u.f == (double)(long)v.u.f) return (long)v.u.f;
    d_type_err(d, v, "int");
    return 0;
}

static void d_strs(Dec *d, Value m, const char *k, StrVec *out)
{
    Value v = d_get(m, k);
    if (v.t == VT_NIL) return;
    if (v.t != VT_LIST) { d_type_err(d, v, "[]string"); return; }
    for (uint32_t i = 0; i < v.u.l->len; i++) {
        Value x = v.u.l->v[i];
        if (x.t == VT_MAP || x.t == VT_LIST) { d_type_err(d, x, "string"); continue; }
        sv_push(out, x.t == VT_NIL ? "" : d_scalar_text(x));
    }
}

static Value d_map(Dec *d, Value m, const char *k, const char *gotype)
{
    Value v = d_get(m, k);
    if (v.t == VT_NIL || v.t == VT_MAP) return v;
    d_type_err(d, v, gotype);
    return v_nil();
}

static void d_release(Dec *d, Value m, Release *r)
{
    Value v = d_map(d, m, "release", "struct { Name string; Namespace string; Revision int; IsUpgrade bool \"yaml:\\\"upgrade\\\"\" }");
    d_known(d, v, (const char *const[]){"name", "namespace", "revision", "upgrade", NULL},
            "struct { Name string; Namespace string; Revision int; IsUpgrade bool \"yaml:\\\"upgrade\\\"\" }");
    r->name = d_str(d, v, "name");
    r->ns = d_str(d, v, "namespace");
    r->revision = d_int(d, v, "revision");
    r->upgrade = d_bool(d, v, "upgrade");
}

static void d_chart(Dec *d, Value m, ChartOv *c)
{
    const char *t = "struct { Version string; AppVersion string \"yaml:\\\"appVersion\\\"\" }";
    Value v = d_map(d, m, "chart", t);
    d_known(d, v, (const char *const[]){"version", "appVersion", NULL}, t);
    c->version = d_str(d, v, "version");
    c->app_version = d_str(d, v, "appVersion");
}

static void d_kube(Dec *d, Value m, KubeProv *k)
{
    Value v = d_map(d, m, "kubernetesProvider", "unittest.KubernetesFakeClientProvider");
    d_known(d, v, (const char *const[]){"scheme", "objects", NULL}, "unittest.KubernetesFakeClientProvider");
    k->scheme = d_map(d, v, "scheme", "map[string]unittest.KubernetesFakeKindProps");
    if (k->scheme.t == VT_MAP) {
        MAP_EACH(k->scheme.u.m, e) {
            if (e->v.t != VT_MAP && e->v.t != VT_NIL) { d_type_err(d, e->v, "unittest.KubernetesFakeKindProps"); continue; }
            d_known(d, e->v, (const char *const[]){"should_err", "gvr", "namespaced", NULL}, "unittest.KubernetesFakeKindProps");
            Value g = d_map(d, e->v, "gvr", "schema.GroupVersionResource");
            d_known(d, g, (const char *const[]){"group", "version", "resource", NULL}, "schema.GroupVersionResource");
            d_str(d, g, "group"); d_str(d, g, "version"); d_str(d, g, "resource");
            d_bool(d, e->v, "namespaced");
        }
    }
    Value o = d_get(v, "objects");
    if (o.t != VT_NIL && o.t != VT_LIST) { d_type_err(d, o, "[]map[string]interface {}"); o = v_nil(); }
    k->objects = o;
}

static void d_post(Dec *d, Value m, PostRender *p)
{
    Value v = d_map(d, m, "postRenderer", "unittest.PostRendererConfig");
    d_known(d, v, (const char *const[]){"cmd", "args", NULL}, "unittest.PostRendererConfig");
    p->cmd = d_str(d, v, "cmd");
    d_strs(d, v, "args", &p->args);
}

static void d_set(Dec *d, Value m, Value *out)
{
    *out = d_map(d, m, "set", "map[string]interface {}");
}

/* convertIToString: strings and ints only */
static const char *caps_str(Value v, int *ok)
{
    *ok = 1;
    if (v.t == VT_STR) return cc_strndup(v.u.s, v.n);
    if (v.t == VT_INT) return cc_printf("%lld", (long long)v.u.i);
    return "";
}

/* TestJob.SetCapabilities followed by polishCapabilitiesSettings */
static void job_polish_caps(UtJob *t, const UtSuite *s)
{
    Value f = t->caps_fields;
    int ok;
    t->major = "";
    t->minor = "";
    Value *x;
    if (f.t == VT_MAP && (x = map_getc(f.u.m, "majorVersion"))) t->major = caps_str(*x, &ok);
    if (f.t == VT_MAP && (x = map_getc(f.u.m, "minorVersion"))) t->minor = caps_str(*x, &ok);
    if (!*t->major) t->major = s->major;
    if (!*t->minor) t->minor = s->minor;
    t->apis.n = 0;
    t->apis_nil = 0;
    if (f.t == VT_MAP && (x = map_getc(f.u.m, "apiVersions"))) {
        if (x->t == VT_LIST) {
            for (uint32_t i = 0; i < x->u.l->len; i++)
                if (x->u.l->v[i].t == VT_STR) sv_push(&t->apis, cc_strndup(x->u.l->v[i].u.s, x->u.l->v[i].n));
        } else {
            t->apis_nil = 1;   /* key present but unset: no API versions at all */
        }
    }
    if (!t->apis_nil)
        for (int i = 0; i < s->apis.n; i++) sv_push(&t->apis, s->apis.v[i]);
}

static const char *d_job(Dec *d, Value m, UtJob **out)
{
    static const char *const fields[] = {"it", "values", "set", "template", "templates", "documentIndex",
        "documentindices", "documentSelector", "release", "chart", "capabilities", "asserts", "skip",
        "kubernetesProvider", "postRenderer", NULL};
    if (m.t == VT_NIL) { *out = NULL; return NULL; }
    if (m.t != VT_MAP) { d_type_err(d, m, "unittest.TestJob"); return NULL; }
    d_known(d, m, fields, "unittest.TestJob");
    UtJob *t = cc_alloc(sizeof *t);
    t->name = d_str(d, m, "it");
    d_strs(d, m, "values", &t->values);
    d_set(d, m, &t->set);
    t->template_ = d_str(d, m, "template");
    d_strs(d, m, "templates", &t->templates);
    Value di = d_get(m, "documentIndex");
    if (di.t != VT_NIL) { t->has_doc_index = 1; t->doc_index = (int)d_int(d, m, "documentIndex"); }
    Value sel = d_map(d, m, "documentSelector", "valueutils.DocumentSelector");
    if (sel.t == VT_MAP) {
        d_known(d, sel, (const char *const[]){"skipEmptyTemplates", "matchMany", "path", "value", NULL}, "valueutils.DocumentSelector");
        t->selector = cc_alloc(sizeof *t->selector);
        t->selector->path = d_str(d, sel, "path");
        t->selector->value = d_get(sel, "value");
        t->selector->match_many = d_bool(d, sel, "matchMany");
        t->selector->skip_empty = d_bool(d, sel, "skipEmptyTemplates");
    }
    d_release(d, m, &t->release);
    d_chart(d, m, &t->chart);
    t->caps_fields = d_map(d, m, "capabilities", "unittest.CapabilitiesFields");
    Value sk = d_map(d, m, "skip", "struct { Reason string \"yaml:\\\"reason\\\"\" }");
    d_known(d, sk, (const char *const[]){"reason", NULL}, "struct { Reason string \"yaml:\\\"reason\\\"\" }");
    t->skip_reason = d_str(d, sk, "reason");
    d_kube(d, m, &t->kube);
    d_post(d, m, &t->post);
    Value as = d_get(m, "asserts");
    if (as.t != VT_NIL && as.t != VT_LIST) d_type_err(d, as, "[]*unittest.Assertion");
    if (as.t == VT_LIST) {
        t->asserts = cc_alloc(((size_t)as.u.l->len + 1) * sizeof *t->asserts);
        for (uint32_t i = 0; i < as.u.l->len; i++) {
            Value a = as.u.l->v[i];
            if (a.t == VT_NIL) { t->asserts[t->nasserts++] = NULL; continue; }
            if (a.t != VT_MAP) { d_type_err(d, a, "map[string]interface {}"); continue; }
            UtAssert *x = cc_alloc(sizeof *x);
            const char *err = ut_assert_parse(a, x);
            if (err) { if (!d->err) d->err = err; continue; }
            t->asserts[t->nasserts++] = x;
        }
    }
    *out = t;
    return NULL;
}

/* semver comparison of plugin versions (VersionMeetsMinimum) */
static int version_meets(const char *cur, const char *min);

static const char *d_suite(Dec *d, Value m, UtSuite *s, int validate)
{
    static const char *const fields[] = {"suite", "values", "set", "templates", "excludeTemplates",
        "includeCrds", "release", "chart", "capabilities", "kubernetesProvider", "postRenderer", "tests",
        "snapshotId", "skip", NULL};
    if (m.t != VT_MAP) { d_type_err(d, m, "unittest.TestSuite"); return d->err; }
    d_known(d, m, fields, "unittest.TestSuite");
    s->name = d_str(d, m, "suite");
    d_strs(d, m, "values", &s->values);
    d_set(d, m, &s->set);
    d_strs(d, m, "templates", &s->templates);
    d_strs(d, m, "excludeTemplates", &s->exclude);
    s->include_crds = d_bool(d, m, "includeCrds");
    d_release(d, m, &s->release);
    d_chart(d, m, &s->chart);
    const char *ct = "struct { MajorVersion string \"yaml:\\\"majorVersion\\\"\"; MinorVersion string \"yaml:\\\"minorVersion\\\"\"; APIVersions []string \"yaml:\\\"apiVersions\\\"\" }";
    Value caps = d_map(d, m, "capabilities", ct);
    d_known(d, caps, (const char *const[]){"majorVersion", "minorVersion", "apiVersions", NULL}, ct);
    s->major = d_str(d, caps, "majorVersion");
    s->minor = d_str(d, caps, "minorVersion");
    d_strs(d, caps, "apiVersions", &s->apis);
    d_kube(d, m, &s->kube);
    d_post(d, m, &s->post);
    s->snapshot_id = d_str(d, m, "snapshotId");
    const char *skt = "struct { Reason string \"yaml:\\\"reason\\\"\"; MinimumVersion string \"yaml:\\\"minimumVersion\\\"\" }";
    Value sk = d_map(d, m, "skip", skt);
    d_known(d, sk, (const char *const[]){"reason", "minimumVersion", NULL}, skt);
    s->skip_reason = d_str(d, sk, "reason");
    s->min_version = d_str(d, sk, "minimumVersion");
    Value ts = d_get(m, "tests");
    if (ts.t != VT_NIL && ts.t != VT_LIST) d_type_err(d, ts, "[]*unittest.TestJob");
    if (ts.t == VT_LIST) {
        s->tests = cc_alloc(((size_t)ts.u.l->len + 1) * sizeof *s->tests);
        for (uint32_t i = 0; i < ts.u.l->len; i++) {
            UtJob *t = NULL;
            d_job(d, ts.u.l->v[i], &t);
            if (ts.u.l->v[i].t == VT_NIL || t) s->tests[s->ntests++] = t;
        }
    }
    if (d->err) return d->err;
    if (!validate) return NULL;
    /* validateTestSuite */
    if (!s->ntests) return "no tests found";
    if (s->from_render && !*s->name) return "helm chart based test suites must include `suite` field";
    if (*s->min_version && !version_meets(UT_PLUGIN_VERSION, s->min_version))
        s->skip_reason = cc_printf("Test suite requires minimum unittest plugin version %s, but current version is %s",
                                   s->min_version, UT_PLUGIN_VERSION);
    for (int i = 0; i < s->ntests; i++)
        if (!s->tests[i] || !s->tests[i]->nasserts) return "no asserts found";
    return NULL;
}

/* polishSkipSettings, polishChartSettings, polishCapabilitiesSettings */
static void suite_polish(UtSuite *s)
{
    int skipped = 0;
    for (int i = 0; i < s->ntests; i++) if (s->tests[i] && *s->tests[i]->skip_reason) skipped++;
    for (int i = 0; i < s->ntests; i++) {
        UtJob *t = s->tests[i];
        if (!t) continue;
        if (*s->skip_reason) t->skip_reason = s->skip_reason;
        if (!*t->chart.version) t->chart.version = s->chart.version;
        if (!*t->chart.app_version) t->chart.app_version = s->chart.app_version;
        job_polish_caps(t, s);
    }
    if (!*s->skip_reason && skipped > 0 && skipped == s->ntests) s->skip_reason = "all tests are skipped";
}

/* Masterminds semver NewVersion + Compare, enough for plugin versions */
static int parse_ver(const char *v, long p[3], const char **pre)
{
    if (*v == 'v') v++;
    char *e;
    for (int i = 0; i < 3; i++) {
        p[i] = 0;
        if (i && *v != '.') break;
        if (i) v++;
        if (*v < '0' || *v > '9') return 0;
        p[i] = strtol(v, &e, 10);
        v = e;
    }
    *pre = *v == '-' ? v + 1 : "";
    return *v == 0 || *v == '-' || *v == '+';
}

static int version_meets(const char *cur, const char *min)
{
    long a[3], b[3];
    const char *pa, *pb;
    if (!parse_ver(cur, a, &pa) || !parse_ver(min, b, &pb)) return 0;
    for (int i = 0; i < 3; i++) if (a[i] != b[i]) return a[i] > b[i];
    if (!*pa && *pb) return 1;
    if (*pa && !*pb) return 0;
    return strcmp(pa, pb) >= 0;
}

/* releaseutil's splitter (?:^|\s*\n)---\s* over a whole text: the pieces */
static void split_docs(const char *s, size_t n, StrVec *out)
{
    size_t start = 0, i = 0;
    /* a leading "---" also splits (^---) */
    while (i < n) {
        size_t sep_start = 0, sep_end = 0;
        int found = 0;
        if (i == 0 && n >= 3 && memcmp(s, "---", 3) == 0) {
            sep_start = 0;
            sep_end = 3;
            found = 1;
        } else {
            const char *q = memmem(s + i, n - i, "\n---", 4);
            if (q) {
                size_t nl = (size_t)(q - s);
                /* \s* before the newline (greedy, leftmost) */
                size_t b = nl;
                while (b > start && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' ||
                                     s[b - 1] == '\r' || s[b - 1] == '\f' || s[b - 1] == '\v')) b--;
                sep_start = b;
                sep_end = nl + 4;
                found = 1;
            }
        }
        if (!found) break;
        while (sep_end < n && (s[sep_end] == ' ' || s[sep_end] == '\t' || s[sep_end] == '\n' ||
                               s[sep_end] == '\r' || s[sep_end] == '\f' || s[sep_end] == '\v')) sep_end++;
        sv_push(out, cc_strndup(s + start, sep_start - start));
        start = i = sep_end;
        if (sep_end == sep_start) i++;
    }
    sv_push(out, cc_strndup(s + start, n - start));
}

static int blank(const char *s)
{
    for (; *s; s++) if (!strchr(" \t\n\r\v\f", *s)) return 0;
    return 1;
}

static const char *read_file(const char *path, Buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        char *t = cc_strdup(strerror(errno));
        if (t[0] >= 'A' && t[0] <= 'Z') t[0] = (char)(t[0] - 'A' + 'a');
        return cc_printf("open %s: %s", path, t);
    }
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(b, tmp, n);
    fclose(f);
    return NULL;
}

/* filepath.Rel(cwd, Abs(path)) for a path under the cwd: path cleaned */
static const char *rel_path(const char *p)
{
    const char *c = go_path_clean(p, strlen(p));
    if (c[0] != '/') return c;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return c;
    size_t n = strlen(cwd);
    if (!strncmp(c, cwd, n) && c[n] == '/') return c + n + 1;
    /* outside the cwd: ../ steps */
    const char *a = cwd, *b = c;
    size_t common = 0, k = 0;
    while (a[k] && b[k] && a[k] == b[k]) { if (a[k] == '/') common = k; k++; }
    if (!a[k] && b[k] == '/') common = k;
    Buf o = {0};
    for (const char *q = a + common; *q; q++) if (*q == '/') buf_puts(&o, "../");
    buf_puts(&o, b + common + 1);
    char *r = buf_arena(&o);
    buf_free(&o);
    return r;
}

/* YmlEscapeHandlers.Escape: every odd run of backslashes gets one more
 * (NULL when the text has no backslash and no regexp metacharacter) */
static const char *escape_backslashes(const char *text)
{
    if (!strchr(text, '\\') && !strpbrk(text, ".+*?()|[]{}^$")) return NULL;
    Buf b = {0};
    for (const char *p = text; *p;) {
        if (*p != '\\') { buf_putc(&b, *p++); continue; }
        size_t n = 0;
        while (p[n] == '\\') n++;
        for (size_t k = 0; k < n + (n % 2); k++) buf_putc(&b, '\\');
        p += n;
    }
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static const char *parse_part(const char *file, const char *route, int strict, const char *text,
                              const char **vf, int nvf, int from_render, UtSuite **out)
{
    *out = NULL;
    Value docs;
    const char *err = yaml_load_v3(text, strlen(text), &docs);
    UtSuite *s = cc_alloc(sizeof *s);
    s->route = route;
    s->from_render = from_render;
    s->file = rel_path(file);
    s->skip_reason = "";
    s->snapshot_id = "";
    if (err && strstr(err, "unknown escape character")) {
        /* createTestSuite retries with lone backslashes doubled (for
         * patterns like "\.") and then takes the suite unvalidated,
         * without the --values files */
        const char *esc = escape_backslashes(text);
        if (esc && !yaml_load_v3(esc, strlen(esc), &docs)) {
            *out = s;
            if (!docs.u.l->len || docs.u.l->v[0].t != VT_MAP) return NULL;
            Dec d = {0, NULL};
            return d_suite(&d, docs.u.l->v[0], s, 0);
        }
    }
    if (err) { *out = s; return err; }
    if (!docs.u.l->len) return NULL;   /* EOF: not a suite */
    if (docs.u.l->v[0].t == VT_NIL) { *out = s; return "no tests found"; }
    Dec d = {strict, NULL};
    err = d_suite(&d, docs.u.l->v[0], s, 1);
    *out = s;
    if (err) return err;
    for (int i = 0; i < nvf; i++) sv_push(&s->values, vf[i]);
    return NULL;
}

const char *ut_suites_parse(const char *file, const char *route, int strict,
                            const char **values_files, int nvalues_files,
                            UtSuite ***out, int *nout)
{
    *out = NULL;
    *nout = 0;
    Buf b = {0};
    const char *err = read_file(file, &b);
    if (err) { buf_free(&b); return err; }
    StrVec parts = {0};
    split_docs(buf_cstr(&b), b.len, &parts);
    buf_free(&b);
    UtSuite **res = cc_alloc(((size_t)parts.n + 1) * sizeof *res);
    int n = 0;
    for (int i = 0; i < parts.n; i++) {
        if (blank(parts.v[i])) continue;
        UtSuite *s;
        err = parse_part(file, route, strict, parts.v[i], values_files, nvalues_files, 0, &s);
        if (s && (s->ntests || err)) {
            if (!err) suite_polish(s);
            res[n++] = s;
        }
        if (err) break;
    }
    *out = res;
    *nout = n;
    return err;
}

static int rf_cmp(const void *a, const void *b)
{
    return strcmp(((const RenderedFile *)a)->path, ((const RenderedFile *)b)->path);
}

/* RenderTestSuiteFiles: the chart at dir rendered (release
 * TEST-SUITE-RELEASE, revision 1), each output document one suite whose
 * snapshots go to <file>_<snapshotId or document number>.snap. */
const char *ut_suites_render(const char *dir, const char *route, int strict,
                             const char **values_files, int nvalues_files,
                             UtSuite ***out, int *nout)
{
    *out = NULL;
    *nout = 0;
    struct stat st;
    const char *cy = cc_printf("%s/Chart.yaml", dir);
    if (stat(cy, &st)) return cc_printf("stat %s: no such file or directory", cy);
    Chart *c;
    const char *err = chart_load(dir, &c);
    if (err) return err;
    Value vals;
    if ((err = chart_process_deps(c, v_newmap(0), &vals))) return err;
    Value release = v_newmap(6);
    map_setc(release.u.m, "Name", v_cstr("TEST-SUITE-RELEASE"));
    map_setc(release.u.m, "Namespace", v_cstr("NAMESPACE"));
    map_setc(release.u.m, "IsUpgrade", v_bool(0));
    map_setc(release.u.m, "IsInstall", v_bool(0));
    map_setc(release.u.m, "Revision", v_goint(1));
    map_setc(release.u.m, "Service", v_cstr("Helm"));
    Value caps = caps_make("v1.20.0", "1", "20", NULL, -1);
    RenderedFile *files;
    int nfiles;
    if ((err = render_templates(c, vals, release, caps, NULL, NULL, NULL, &files, &nfiles))) return err;
    if (nfiles > 1) qsort(files, (size_t)nfiles, sizeof *files, rf_cmp);
    Buf errs = {0};
    UtSuite **res = cc_alloc(16 * sizeof *res);
    int n = 0, cap = 16;
    const char *cname = chart_meta_name(c);
    for (int i = 0; i < nfiles; i++) {
        const char *tn = files[i].path;
        if (blank(files[i].data)) {
            buf_printf(&errs, "%stest suite template (%s) file did not render a manifest", errs.len ? "\n" : "", tn);
            continue;
        }
        const char *rest = strstr(tn, cname);
        const char *rel = rest ? cc_printf("%.*s%s", (int)(rest - tn), tn, rest + strlen(cname)) : tn;
        const char *abs = cc_printf("%s/%s", dir, rel);
        abs = go_path_clean(abs, strlen(abs));
        StrVec parts = {0};
        split_docs(files[i].data, strlen(files[i].data), &parts);
        int before = n, real = -1;
        Buf sub = {0};
        for (int k = 0; k < parts.n; k++) {
            if (blank(parts.v[k])) continue;
            real++;
            UtSuite *s;
            const char *e = parse_part(abs, route, strict, parts.v[k], values_files, nvalues_files, 1, &s);
            if (e || !s) {
                buf_printf(&sub, "%schart %d error: %s", sub.len ? "\n" : "", k, e ? e : "EOF");
                continue;
            }
            suite_polish(s);
            if (!*s->snapshot_id) s->snapshot_id = cc_printf("%d", real);
            if (n == cap) { res = cc_grow(res, (size_t)cap * sizeof *res, (size_t)cap * 2 * sizeof *res); cap *= 2; }
            res[n++] = s;
        }
        if (sub.len) buf_printf(&errs, "%stest suite template (%s) error: %s", errs.len ? "\n" : "", tn, buf_cstr(&sub));
        buf_free(&sub);
        if (before == n)
            buf_printf(&errs, "%stest suite template (%s) file did not render a manifest", errs.len ? "\n" : "", tn);
    }
    if (errs.len) {
        const char *e = buf_arena(&errs);
        buf_free(&errs);
        return e;
    }
    *out = res;
    *nout = n;
    return NULL;
}

const char *ut_suite_snapshot_url(const UtSuite *s)
{
    return *s->snapshot_id ? cc_printf("%s_%s", s->file, s->snapshot_id) : s->file;
}

const char *ut_suite_file(const UtSuite *s) { return s->file; }

/* ---- values (getUserValues) ------------------------------------------------------ */

/* chartutil.MergeTables(dst, src): src fills what dst lacks */
static void merge_tables(Value dst, Value src, int depth)
{
    if (depth > 10000 || src.t != VT_MAP || !src.u.m) return;
    MAP_EACH(src.u.m, e) {
        Value *dv = map_get(dst.u.m, e->k, e->klen);
        if (!dv) { map_set(dst.u.m, e->k, e->klen, e->v); continue; }
        if (dv->t == VT_MAP && e->v.t == VT_MAP) merge_tables(*dv, e->v, depth + 1);
    }
}

/* scopeValuesWithRoutes */
static Value scope_values(const StrVec *routes, int nroutes, Value v)
{
    while (nroutes > 1) {
        Value nv = v_newmap(2);
        Value *g = v.t == VT_MAP && v.u.m ? map_getc(v.u.m, "global") : NULL;
        if (g) map_setc(nv.u.m, "global", *g);
        map_setc(nv.u.m, routes->v[nroutes - 1], v);
        v = nv;
        nroutes--;
    }
    return v;
}

/* spliteChartRoutes: every other element of the route */
static void split_routes(const char *route, StrVec *out)
{
    int k = 0;
    for (const char *p = route;; k++) {
        const char *sl = strchr(p, '/');
        size_t n = sl ? (size_t)(sl - p) : strlen(p);
        if (k % 2 == 0) sv_push(out, cc_strndup(p, n));
        if (!sl) break;
        p = sl + 1;
    }
}

/* BuildValueOfSetPath: helm-unittest's own --set-like path syntax */
static const char *build_set_path(Value val, const char *path, Value *out)
{
    if (!*path) return "set path is empty";
    /* cursors: keys (strings) and indices (ints) */
    typedef struct Cur { int is_idx; long idx; const char *key; } Cur;
    Cur *cur = cc_alloc((strlen(path) + 2) * sizeof *cur);
    int nc = 0;
    enum { EKEY, EIDX, EDENOT, EESC } st = EKEY;
    Buf esc = {0};
    const char *p = path;
    for (;;) {
        /* runesUntil the stop set . [ ] , { } = */
        const char *q = p;
        while (*q && !strchr(".[],{}=", *q)) q++;
        char last = *q;
        size_t kn = (size_t)(q - p);
        if (last == ',' || last == '{' || last == '}' || last == '=') {
            buf_free(&esc);
            return cc_printf("invalid token found %c", last);
        }
        if (!last) {   /* EOF */
            buf_free(&esc);
            if (kn && st == EKEY) { cur[nc++] = (Cur){0, 0, cc_strndup(p, kn)}; break; }
            if (!kn && st == EDENOT) break;
            return "unexpected end of";
        }
        switch (st) {
        case EIDX: {
            if (last != ']') { buf_free(&esc); return "missing index value"; }
            char *e;
            const char *ks = cc_strndup(p, kn);
            long idx = strtol(ks, &e, 10);
            if (!kn || *e) { buf_free(&esc); return cc_printf("strconv.Atoi: parsing %s: invalid syntax", ks); }
            cur[nc++] = (Cur){1, idx, NULL};
            st = EDENOT;
            break;
        }
        case EDENOT:
            if (last == '.') st = EKEY;
            else if (last == '[') st = EIDX;
            else { buf_free(&esc); return cc_printf("invalid denotation token %c", last); }
            break;
        case EKEY:
            if (last == '.') { cur[nc++] = (Cur){0, 0, cc_strndup(p, kn)}; st = EKEY; }
            else if (last == '[') {
                if (!kn) { esc.len = 0; st = EESC; }
                else { cur[nc++] = (Cur){0, 0, cc_strndup(p, kn)}; st = EIDX; }
            } else { buf_free(&esc); return cc_printf("invalid key %c", last); }
            break;
        case EESC:
            if (last == '.') { buf_put(&esc, p, kn); buf_putc(&esc, '.'); }
            else if (last == ']') {
                buf_put(&esc, p, kn);
                cur[nc++] = (Cur){0, 0, buf_arena(&esc)};
                st = EDENOT;
            } else { buf_free(&esc); return cc_printf("invalid escaping token %c", last); }
            break;
        }
        p = q + 1;
    }
    /* getBuildedData */
    Value root = v_newmap(1), current = root;
    for (int i = 0; i < nc; i++) {
        Value next;
        if (i == nc - 1) next = val;
        else if (cur[i + 1].is_idx) {
            if (cur[i + 1].idx < 0 || cur[i + 1].idx > 100000) return "index out of range";
            next = v_newlist((size_t)cur[i + 1].idx + 1);
            for (long k = 0; k <= cur[i + 1].idx; k++) list_push(next.u.l, v_nil());
        } else next = v_newmap(1);
        if (!cur[i].is_idx) {
            if (current.t != VT_MAP) return "index out of range";
            map_setc(current.u.m, cur[i].key, next);
        } else {
            if (current.t != VT_LIST || cur[i].idx < 0 || cur[i].idx >= (long)current.u.l->len) return "index out of range";
            current.u.l->v[cur[i].idx] = next;
        }
        current = next;
    }
    *out = root;
    return NULL;
}

/* The YAML -> JSON -> YAML round trip of helm-unittest's user values:
 * numbers become float64; NaN/Inf cannot be marshalled. */
static const char *json_norm(Value v, Value *out, int depth)
{
    if (depth > 10000) return "json: unsupported value: encountered a cycle";
    switch (v.t) {
    case VT_INT:
        *out = v_float(v.g == GT_UINT ? (double)(uint64_t)v.u.i : (double)v.u.i);
        return NULL;
    case VT_FLOAT:
        if (v.u.f != v.u.f) return "json: unsupported value: NaN";
        if (v.u.f > 1.7976931348623157e308) return "json: unsupported value: +Inf";
        if (v.u.f < -1.7976931348623157e308) return "json: unsupported value: -Inf";
        *out = v;
        return NULL;
    case VT_LIST: {
        Value l = v_newlist(v.u.l ? v.u.l->len : 0);
        for (uint32_t i = 0; v.u.l && i < v.u.l->len; i++) {
            Value x;
            const char *e = json_norm(v.u.l->v[i], &x, depth + 1);
            if (e) return e;
            list_push(l.u.l, x);
        }
        *out = l;
        return NULL;
    }
    case VT_MAP: {
        Value m = v_newmap(v.u.m ? v.u.m->len : 0);
        MAP_EACH(v.u.m, e) {
            Value x;
            const char *er = json_norm(e->v, &x, depth + 1);
            if (er) return er;
            map_set(m.u.m, e->k, e->klen, x);
        }
        *out = m;
        return NULL;
    }
    default:
        *out = v;
        return NULL;
    }
}

static const char *dir_of(const char *f)
{
    const char *sl = strrchr(f, '/');
    return sl ? cc_strndup(f, (size_t)(sl - f)) : ".";
}

static const char *user_values(const UtJob *t, const UtSuite *s, const StrVec *values, Value *out)
{
    Value base = v_newmap(8);
    StrVec routes = {0};
    split_routes(s->route, &routes);
    for (int i = 0; i < values->n; i++) {
        const char *sp = values->v[i];
        const char *path = sp;
        if (sp[0] != '/') {
            const char *j = cc_printf("%s/%s", dir_of(s->file), sp);
            path = go_path_clean(j, strlen(j));
        }
        Buf b = {0};
        const char *err = read_file(path, &b);
        if (err) { buf_free(&b); return err; }
        Value docs;
        err = yaml_load_v3(b.p ? b.p : "", b.len, &docs);
        buf_free(&b);
        if (err) return cc_printf("failed to parse %s: %s", sp, err);
        Value v = docs.u.l->len ? docs.u.l->v[0] : v_nil();
        if (v.t == VT_NIL) v = v_newmap(0);
        if (v.t != VT_MAP)
            return cc_printf("failed to parse %s: yaml: unmarshal errors:\n  line 1: cannot unmarshal %s into map[string]interface {}",
                             sp, d_kind(v));
        Value scoped = scope_values(&routes, routes.n, v);
        merge_tables(scoped, base, 0);
        base = scoped;
    }
    Value sets[2] = {s->set, t->set};
    for (int k = 0; k < 2; k++) {
        if (sets[k].t != VT_MAP) continue;
        MAP_EACH(sets[k].u.m, e) {
            Value m;
            const char *err = build_set_path(v_deep_copy(e->v), cc_strndup(e->k, e->klen), &m);
            if (err) return err;
            Value scoped = scope_values(&routes, routes.n, m);
            merge_tables(scoped, base, 0);
            base = scoped;
        }
    }
    return json_norm(base, out, 0);
}

/* ---- which templates (deep_copy.go filterV3Templates) ------------------------------ */

/* getTemplateFileName */
static const char *tpl_file_name(const char *f)
{
    if (!strncmp(f, "templates", 9) || !strncmp(f, "charts", 6) || !strncmp(f, "crds", 4) || !strncmp(f, "**", 2))
        return f;
    const char *j = cc_printf("templates/%s", f);
    return go_path_clean(j, strlen(j));
}

/* filepath.Join(route, getTemplateFileName(f)) */
static const char *tpl_full(const char *route, const char *f)
{
    const char *j = cc_printf("%s/%s", route, tpl_file_name(f));
    return go_path_clean(j, strlen(j));
}

static int tpl_class(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' ||
           c == '/' || c == '.';
}

/* getTemplateFileNamePattern matched (unanchored) against name: the
 * pattern is literal text where "**" is [class]+ and "*" is [class]*.
 * Token i: 'L' literal byte, 'C' one class byte, 'S' class star. */
static int tpl_match(const char *pat, const char *name)
{
    size_t pl = strlen(pat);
    char *kind = cc_alloc(2 * pl + 1), *lit = cc_alloc(2 * pl + 1);
    size_t nt = 0;
    for (size_t i = 0; i < pl;) {
        if (pat[i] == '*' && pat[i + 1] == '*') { kind[nt] = 'C'; nt++; kind[nt++] = 'S'; i += 2; continue; }
        if (pat[i] == '*') { kind[nt++] = 'S'; i++; continue; }
        kind[nt] = 'L';
        lit[nt++] = pat[i++];
    }
    unsigned char *cur = cc_alloc(nt + 1), *nxt = cc_alloc(nt + 1);
    size_t nn = strlen(name);
    for (size_t pos = 0;; pos++) {
        cur[0] = 1;   /* unanchored: a match may start anywhere */
        for (size_t i = 0; i < nt; i++)   /* epsilon: a star may match nothing */
            if (cur[i] && kind[i] == 'S') cur[i + 1] = 1;
        if (cur[nt]) return 1;
        if (pos == nn) return 0;
        char c = name[pos];
        memset(nxt, 0, nt + 1);
        for (size_t i = 0; i < nt; i++) {
            if (!cur[i]) continue;
            if (kind[i] == 'L' && lit[i] == c) nxt[i + 1] = 1;
            else if (kind[i] == 'C' && tpl_class(c)) nxt[i + 1] = 1;
            else if (kind[i] == 'S' && tpl_class(c)) nxt[i] = 1;
        }
        unsigned char *sw = cur; cur = nxt; nxt = sw;
    }
}

typedef struct Keep { const char **assert_pats; int na; const char **skip_pats; int ns; } Keep;

static int keep_tpl(const char *name, void *ud)
{
    const Keep *k = ud;
    int in = 0;
    for (int i = 0; i < k->na && !in; i++) in = tpl_match(k->assert_pats[i], name);
    if (!in) return 0;
    for (int i = 0; i < k->ns; i++) if (tpl_match(k->skip_pats[i], name)) return 0;
    return 1;
}

/* ---- the fake cluster (k8s_fake_client.go over client-go's fake dynamic client) ---- */

typedef struct Fake { Value scheme, objects; } Fake;

/* meta.UnsafeGuessKindToResource */
static const char *guess_resource(const char *kind)
{
    char *s = cc_strdup(kind);
    for (char *p = s; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    size_t n = strlen(s);
    if (!n) return "";
    if (n >= 9 && !strcmp(s + n - 9, "endpoints")) return s;
    if (s[n - 1] == 's') return cc_printf("%ses", s);
    if (s[n - 1] == 'y') return cc_printf("%.*sies", (int)(n - 1), s);
    return cc_printf("%ss", s);
}

static const char *str_field(Value m, const char *k)
{
    Value v = d_get(m, k);
    return v.t == VT_STR ? cc_strndup(v.u.s, v.n) : "";
}

/* group and version of an apiVersion */
static void split_gv(const char *api, const char **g, const char **v)
{
    const char *sl = strchr(api, '/');
    if (!sl) { *g = ""; *v = api; return; }
    *g = cc_strndup(api, (size_t)(sl - api));
    *v = sl + 1;
}

static int obj_cmp(const void *a, const void *b)
{
    const Value *x = a, *y = b;
    Value mx = d_get(*x, "metadata"), my = d_get(*y, "metadata");
    int c = strcmp(str_field(mx, "namespace"), str_field(my, "namespace"));
    return c ? c : strcmp(str_field(mx, "name"), str_field(my, "name"));
}

static const char *fake_lookup(void *ud, const char *api, const char *kind, const char *ns, const char *name, Value *out)
{
    const Fake *f = ud;
    const char *j = cc_printf("%s/%s", api, kind);
    const char *key = go_path_clean(j, strlen(j));
    Value props = d_get(f->scheme, key);
    Value gvr = d_get(props, "gvr");
    const char *g = str_field(gvr, "group"), *v = str_field(gvr, "version"), *r = str_field(gvr, "resource");
    Value nsd = d_get(props, "namespaced");
    int namespaced = nsd.t == VT_BOOL && nsd.u.b;
    const char *want_ns = namespaced && *ns ? ns : "";
    int all_ns = !(namespaced && *ns);
    Value list = v_newlist(4);
    const char *list_kind = NULL;
    for (uint32_t i = 0; f->objects.t == VT_LIST && i < f->objects.u.l->len; i++) {
        Value o = f->objects.u.l->v[i];
        const char *og, *ov;
        split_gv(str_field(o, "apiVersion"), &og, &ov);
        const char *ok = str_field(o, "kind");
        if (strcmp(og, g) || strcmp(ov, v) || strcmp(guess_resource(ok), r)) continue;
        list_kind = cc_printf("%sList", ok);
        Value md = d_get(o, "metadata");
        const char *ons = str_field(md, "namespace");
        if (*name) {
            if (!strcmp(ons, want_ns) && !strcmp(str_field(md, "name"), name)) { *out = v_deep_copy(o); return NULL; }
            continue;
        }
        if (all_ns || !strcmp(ons, want_ns)) list_push(list.u.l, v_deep_copy(o));
    }
    if (*name) { *out = v_newmap(0); return NULL; }
    if (!list_kind) { *out = v_newmap(0); return NULL; }
    if (list.u.l->len > 1) qsort(list.u.l->v, list.u.l->len, sizeof(Value), obj_cmp);
    Value m = v_newmap(4);
    map_setc(m.u.m, "apiVersion", v_cstr(*g ? cc_printf("%s/%s", g, v) : v));
    map_setc(m.u.m, "items", list);
    map_setc(m.u.m, "kind", v_cstr(list_kind));
    Value md = v_newmap(2);
    map_setc(md.u.m, "continue", v_cstr(""));
    map_setc(md.u.m, "resourceVersion", v_cstr(""));
    map_setc(m.u.m, "metadata", md);
    *out = m;
    return NULL;
}

/* ---- output to documents (parseYamlFile & co) ------------------------------------ */

/* parseYamlFile: "---" separators normalised, every non-empty mapping */
static const char *parse_yaml_docs(const char *s, size_t n, Value *out)
{
    StrVec parts = {0};
    split_docs(s, n, &parts);
    Buf b = {0};
    for (int i = 0; i < parts.n; i++) {
        if (i) buf_puts(&b, "\n---\n");
        buf_puts(&b, parts.v[i]);
    }
    Value docs;
    const char *err = yaml_load_v3(b.p ? b.p : "", b.len, &docs);
    buf_free(&b);
    if (err) return err;
    *out = v_newlist(docs.u.l->len);
    for (uint32_t i = 0; i < docs.u.l->len; i++) {
        Value d = docs.u.l->v[i];
        if (d.t == VT_NIL) continue;
        if (d.t != VT_MAP)
            return cc_printf("yaml: unmarshal errors:\n  cannot unmarshal %s%s%s into map[string]interface {}", d_kind(d),
                             d.t == VT_LIST ? "" : " `", d.t == VT_LIST ? "" : cc_printf("%s`", d_scalar_text(d)));
        if (d.u.m && d.u.m->len) list_push(out->u.l, d);
    }
    return NULL;
}

static Value raw_doc(const char *s)
{
    Value m = v_newmap(1);
    map_setc(m.u.m, "raw", v_cstr(s));
    Value l = v_newlist(1);
    list_push(l.u.l, m);
    return l;
}

static const char *ext_of(const char *name)
{
    const char *sl = strrchr(name, '/'), *dot = strrchr(name, '.');
    return dot && (!sl || dot > sl) ? dot : "";
}

/* parseRenderError: the regexp (?msU)^(?:.+: |.+ \()(?:(.+):\d+:\d+).+(?:.+>)*: (.+)$ */
static int parse_render_error(const char *msg, const char **file, const char **content)
{
    static const char pat[] = "(?msU)^(?:.+: |.+ \\()(?:(.+):\\d+:\\d+).+(?:.+>)*: (.+)$";
    int m = 0;
    Value sub;
    *file = "";
    *content = "";
    if (go_regexp_match(pat, sizeof pat - 1, msg, strlen(msg), &m, &sub) || !m || sub.u.l->len != 3) return 0;
    *file = cc_strndup(sub.u.l->v[1].u.s, sub.u.l->v[1].n);
    const char *nl = strchr(msg, '\n');
    *content = nl ? nl + 1 : cc_strndup(sub.u.l->v[2].u.s, sub.u.l->v[2].n);
    return 1;
}

/* ---- a test job (TestJob.RunV3) -------------------------------------------------- */

typedef struct OutFile { const char *name, *data; int from_error; } OutFile;
typedef struct OutVec { OutFile *v; int n, cap; } OutVec;

static void ov_put(OutVec *o, const char *name, const char *data, int from_error)
{
    for (int i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].name, name)) { o->v[i] = (OutFile){name, data, from_error}; return; }
    if (o->n == o->cap) {
        int nc = o->cap ? 2 * o->cap : 16;
        o->v = cc_grow(o->v, (size_t)o->cap * sizeof *o->v, (size_t)nc * sizeof *o->v);
        o->cap = nc;
    }
    o->v[o->n++] = (OutFile){name, data, from_error};
}


static void crd_files(const Chart *c, OutVec *out)
{
    const char *fp = c->fullpath && *c->fullpath ? c->fullpath : c->name;
    for (int i = 0; i < c->nfiles; i++) {
        const CFile *f = &c->files[i];
        if (strncmp(f->name, "crds/", 5) != 0) continue;
        const char *e = ext_of(f->name);
        if (strcasecmp(e, ".yaml") && strcasecmp(e, ".yml") && strcasecmp(e, ".json")) continue;
        ov_put(out, cc_printf("%s/%s", fp, f->name), cc_strndup(f->data ? f->data : "", f->len), 0);
    }
    for (int i = 0; i < c->ndeps; i++) crd_files(c->deps[i], out);
}

static void set_meta(Chart *c, const char *k, const char *v)
{
    if (*v && c->meta.t == VT_MAP) map_setc(c->meta.u.m, k, v_cstr(v));
}

/* release name check (chartutil.ValidateReleaseName) */
static int valid_release(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 53) return 0;
    for (const char *p = s;;) {
        const char *e = strchr(p, '.');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (!l) return 0;
        for (size_t i = 0; i < l; i++) {
            char c = p[i];
            int an = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!an && !(c == '-' && i > 0 && i + 1 < l)) return 0;
        }
        if (!e) return 1;
        p = e + 1;
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs argv with `in` on its stdin; stdout and stderr collected. Returns
 * the exit status (-1: could not run). */
static int run_cmd(const char *path, char **argv, const char *in, size_t inn, Buf *out, Buf *errb)
{
    int pin[2], pout[2], perr[2];
    if (pipe(pin)) return -1;
    if (pipe(pout)) { close(pin[0]); close(pin[1]); return -1; }
    if (pipe(perr)) { close(pin[0]); close(pin[1]); close(pout[0]); close(pout[1]); return -1; }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
    posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
    posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
    int fds[6] = {pin[0], pin[1], pout[0], pout[1], perr[0], perr[1]};
    for (int i = 0; i < 6; i++) posix_spawn_file_actions_addclose(&fa, fds[i]);
    pid_t pid;
    extern char **environ;
    int rc = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pin[0]); close(pout[1]); close(perr[1]);
    if (rc) { close(pin[1]); close(pout[0]); close(perr[0]); return -1; }
    signal(SIGPIPE, SIG_IGN);
    size_t off = 0;
    int win = pin[1], rout = pout[0], rerr = perr[0];
    if (inn == 0) { close(win); win = -1; }
    while (win >= 0 || rout >= 0 || rerr >= 0) {
        struct pollfd p[3];
        int np = 0;
        if (win >= 0) p[np++] = (struct pollfd){win, POLLOUT, 0};
        if (rout >= 0) p[np++] = (struct pollfd){rout, POLLIN, 0};
        if (rerr >= 0) p[np++] = (struct pollfd){rerr, POLLIN, 0};
        if (poll(p, (nfds_t)np, -1) < 0) { if (errno == EINTR) continue; break; }
        for (int i = 0; i < np; i++) {
            if (!p[i].revents) continue;
            if (p[i].fd == win) {
                ssize_t w = write(win, in + off, inn - off);
                if (w > 0) off += (size_t)w;
                if (w < 0 || off == inn) { close(win); win = -1; }
            } else {
                char tmp[65536];
                ssize_t r = read(p[i].fd, tmp, sizeof tmp);
                if (r > 0) buf_put(p[i].fd == rout ? out : errb, tmp, (size_t)r);
                else if (p[i].fd == rout) { close(rout); rout = -1; }
                else { close(rerr); rerr = -1; }
            }
        }
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* exec.LookPath */
static const char *look_path(const char *cmd)
{
    if (strchr(cmd, '/')) return access(cmd, X_OK) == 0 ? cmd : NULL;
    const char *path = getenv("PATH");
    if (!path) return NULL;
    for (const char *p = path;;) {
        const char *c = strchr(p, ':');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        const char *f = cc_printf("%.*s/%s", (int)n, n ? p : ".", cmd);
        struct stat st;
        if (stat(f, &st) == 0 && S_ISREG(st.st_mode) && access(f, X_OK) == 0) return f;
        if (!c) return NULL;
        p = c + 1;
    }
}

static int out_cmp(const void *a, const void *b) { return strcmp(((const OutFile *)a)->name, ((const OutFile *)b)->name); }

/* postRender: MergeAndPostRender through Helm's exec post-renderer, then
 * SplitManifests at the "#### file:" markers. Returns 1, or 0 and *err. */
static int ut_post_render(const char *cmd, const StrVec *args, OutVec *files, const char **err)
{
    const char *bin = look_path(cmd);
    if (!bin) {
        *err = cc_printf("unable to find binary at %s: exec: \"%s\": executable file not found in $PATH", cmd, cmd);
        return 0;
    }
    if (files->n > 1) qsort(files->v, (size_t)files->n, sizeof *files->v, out_cmp);
    Buf in = {0};
    for (int i = 0; i < files->n; i++) {
        buf_printf(&in, "---\n#### file: %s\n", files->v[i].name);
        const char *d = files->v[i].data;
        size_t n = strlen(d);
        while (n && strchr(" \t\n\r\v\f", *d)) { d++; n--; }
        while (n && strchr(" \t\n\r\v\f", d[n - 1])) n--;
        buf_put(&in, d, n);
        buf_putc(&in, '\n');
    }
    char **argv = cc_alloc(((size_t)args->n + 2) * sizeof *argv);
    argv[0] = (char *)bin;
    for (int i = 0; i < args->n; i++) argv[i + 1] = (char *)args->v[i];
    Buf out = {0}, eb = {0};
    int rc = run_cmd(bin, argv, in.p ? in.p : "", in.len, &out, &eb);
    buf_free(&in);
    if (rc != 0) {
        *err = cc_printf("post-render failed: error while running command %s. error output:\n%s: %s", bin,
                         buf_cstr(&eb), rc < 0 ? "fork/exec failed" : cc_printf("exit status %d", rc));
        buf_free(&out); buf_free(&eb);
        return 0;
    }
    buf_free(&eb);
    const char *o = buf_cstr(&out);
    int empty = 1;
    for (const char *p = o; *p && empty; p++) if (!strchr(" \t\n\r\v\f", *p)) empty = 0;
    if (empty) {
        *err = cc_printf("post-render failed: post-renderer \"%s\" produced empty output", bin);
        buf_free(&out);
        return 0;
    }
    /* SplitManifests */
    OutVec res = {0};
    static const char sep[] = "---\n#### file:";
    const char *p = o, *end = o + out.len;
    while (p < end) {
        const char *nx = p + 1 < end ? memmem(p + 1, (size_t)(end - p - 1), sep, sizeof sep - 1) : NULL;
        const char *be = nx ? nx : end;
        const char *m = memmem(p, (size_t)(be - p), "#### file: ", 11);
        if (m) {
            const char *ke = m + 11;
            while (ke < be && *ke != '\n') ke++;
            const char *key = cc_strndup(m + 11, (size_t)(ke - m - 11));
            const char *prefix = cc_printf("---\n#### file: %s\n", key);
            size_t pl = strlen(prefix);
            const char *body = p;
            if ((size_t)(be - p) >= pl && !memcmp(p, prefix, pl)) body = p + pl;
            ov_put(&res, key, cc_strndup(body, (size_t)(be - body)), 0);
        }
        p = be;
    }
    if (!res.n) ov_put(&res, "manifest.yaml", cc_strndup(o, out.len), 0);
    buf_free(&out);
    *files = res;
    return 1;
}

static void job_run(UtJob *t, UtSuite *s, UtChartCtx *ctx, UtSnap *snap, UtJobResult *res)
{
    double t0 = now_s();
    memset(res, 0, sizeof *res);
    res->name = t->name;
    int need_render = 1;
    for (int i = 0; i < t->nasserts; i++) if (t->asserts[i]) need_render = need_render && t->asserts[i]->need_render;

    /* polishTestJobsPathInfo */
    Release rel = t->release;
    if (!*rel.name) rel.name = s->release.name;
    if (!*rel.ns) rel.ns = s->release.ns;
    if (!rel.revision) rel.revision = s->release.revision;
    rel.upgrade = rel.upgrade || s->release.upgrade;
    job_polish_caps(t, s);
    StrVec values = {0};
    for (int i = 0; i < s->values.n; i++) sv_push(&values, s->values.v[i]);
    for (int i = 0; i < t->values.n; i++) sv_push(&values, t->values.v[i]);
    Value objects = v_newlist(4), scheme = v_newmap(4);
    if (t->kube.objects.t == VT_LIST) for (uint32_t i = 0; i < t->kube.objects.u.l->len; i++) list_push(objects.u.l, t->kube.objects.u.l->v[i]);
    if (s->kube.objects.t == VT_LIST) for (uint32_t i = 0; i < s->kube.objects.u.l->len; i++) list_push(objects.u.l, s->kube.objects.u.l->v[i]);
    if (t->kube.scheme.t == VT_MAP) MAP_EACH(t->kube.scheme.u.m, e) map_set(scheme.u.m, e->k, e->klen, e->v);
    if (s->kube.scheme.t == VT_MAP) MAP_EACH(s->kube.scheme.u.m, e) map_set(scheme.u.m, e->k, e->klen, e->v);
    const char **assert_pats = NULL;
    int nassert_pats = 0;

    Value user;
    const char *err = user_values(t, s, &values, &user);
    if (err) { res->exec_error = err; res->seconds = now_s() - t0; return; }

    /* renderV3Chart */
    OutVec outs = {0};
    int render_ok = 0;
    const char *render_err = NULL;
    Chart *c = chart_clone(ctx->chart);
    const char *chart_name = chart_meta_name(ctx->chart);
    const char *route = *s->route ? s->route : chart_name;
    if (*rel.name && !valid_release(rel.name)) {
        render_err = "invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53";
    } else {
        Value vals;
        render_err = chart_process_deps(c, user, &vals);
        if (!render_err) {
            /* capabilitiesV3: the KubeVersion default is shared (see UtChartCtx) */
            if (*t->major) ctx->kube_major = t->major;
            if (*t->minor) ctx->kube_minor = t->minor;
            Value caps = caps_make(cc_printf("v%s.%s.0", ctx->kube_major, ctx->kube_minor), ctx->kube_major,
                                   ctx->kube_minor, t->apis.v, t->apis.n);
            if (!ctx->skip_schema) {
                /* Helm v3.20 validates with the jsonschema library Helm v4 uses */
                int major = cc_helm_major;
                cc_helm_major = 4;
                render_err = chart_validate_schema(c, vals);
                cc_helm_major = major;
            }
            if (!render_err) {
                StrVec defaults = s->templates;
                if (!defaults.n) { defaults = (StrVec){0}; sv_push(&defaults, "**"); }
                assert_pats = cc_alloc(((size_t)defaults.n + 1) * sizeof *assert_pats);
                for (int i = 0; i < defaults.n; i++) assert_pats[nassert_pats++] = tpl_full(route, defaults.v[i]);
                const char **skip_pats = cc_alloc(((size_t)s->exclude.n + 1) * sizeof *skip_pats);
                for (int i = 0; i < s->exclude.n; i++) skip_pats[i] = tpl_full(route, s->exclude.v[i]);
                Keep keep = {assert_pats, nassert_pats, skip_pats, s->exclude.n};
                /* ModifyChartMetadata: the chart and its direct dependencies */
                set_meta(c, "version", t->chart.version);
                set_meta(c, "appVersion", t->chart.app_version);
                for (int i = 0; i < c->ndeps; i++) {
                    set_meta(c->deps[i], "version", t->chart.version);
                    set_meta(c->deps[i], "appVersion", t->chart.app_version);
                }
                Value release = v_newmap(6);
                map_setc(release.u.m, "Name", v_cstr(*rel.name ? rel.name : "RELEASE-NAME"));
                map_setc(release.u.m, "Namespace", v_cstr(*rel.ns ? rel.ns : "NAMESPACE"));
                map_setc(release.u.m, "IsUpgrade", v_bool(rel.upgrade));
                map_setc(release.u.m, "IsInstall", v_bool(!rel.upgrade));
                map_setc(release.u.m, "Revision", v_goint(rel.revision));
                map_setc(release.u.m, "Service", v_cstr("Helm"));
                Fake fake = {scheme, objects};
                if (objects.u.l->len) { cc_lookup_fn = fake_lookup; cc_lookup_ud = &fake; }
                RenderedFile *files = NULL;
                int nfiles = 0;
                render_err = render_templates(c, vals, release, caps, keep_tpl, &keep, ctx->cache, &files, &nfiles);
                cc_lookup_fn = NULL;
                cc_lookup_ud = NULL;
                if (!render_err) {
                    render_ok = 1;
                    for (int i = 0; i < nfiles; i++) ov_put(&outs, files[i].path, files[i].data, 0);
                } else if (!need_render) {
                    /* translateErrorToOutputFiles */
                    const char *file, *content;
                    if (parse_render_error(render_err, &file, &content)) {
                        const char *base = strrchr(file, '/');
                        base = base ? base + 1 : file;
                        Value m = v_newmap(1);
                        map_setc(m.u.m, "raw", v_cstr(content));
                        const char *y = ut_yaml(m);
                        if (base[0] == '_') {
                            for (int i = 0; i < defaults.n; i++) ov_put(&outs, tpl_full(route, defaults.v[i]), y, 1);
                        } else {
                            ov_put(&outs, file, y, 1);
                        }
                        render_err = NULL;
                    }
                }
            }
        }
    }
    if (render_err) res->exec_error = render_err;

    /* postRender */
    PostRender *post = *t->post.cmd ? &t->post : *s->post.cmd ? &s->post : NULL;
    int did_post = 0;
    if (post) {
        const char *perr = NULL;
        did_post = 1;
        if (!ut_post_render(post->cmd, &post->args, &outs, &perr)) {
            res->exec_error = perr;
            res->seconds = now_s() - t0;
            return;
        }
    }

    /* parseManifestsFromOutputOfFiles */
    UtRender r = {0};
    r.files = cc_alloc(((size_t)outs.n + 64) * sizeof *r.files);
    int capf = outs.n + 64;
    if (s->include_crds) {
        OutVec crds = {0};
        crd_files(c, &crds);
        for (int i = 0; i < crds.n; i++) {
            Value docs;
            err = parse_yaml_docs(crds.v[i].data, strlen(crds.v[i].data), &docs);
            if (err) { res->exec_error = err; res->seconds = now_s() - t0; return; }
            if (r.nfiles == capf) { r.files = cc_grow(r.files, (size_t)capf * sizeof *r.files, (size_t)capf * 2 * sizeof *r.files); capf *= 2; }
            r.files[r.nfiles++] = (UtDocs){crds.v[i].name, docs};
        }
    }
    for (int i = 0; i < outs.n; i++) {
        const char *name = outs.v[i].name;
        if (strncmp(name, chart_name, strlen(chart_name)) != 0) {
            const char *j = cc_printf("%s/%s", chart_name, name);
            name = go_path_clean(j, strlen(j));
        }
        const char *e = render_ok ? ext_of(name) : ".yaml";
        Value docs;
        if (!strcmp(e, ".yaml") || !strcmp(e, ".yml") || !strcmp(e, ".tpl")) {
            err = parse_yaml_docs(outs.v[i].data, strlen(outs.v[i].data), &docs);
            if (err) { res->exec_error = err; res->seconds = now_s() - t0; return; }
        } else if (!strcmp(e, ".txt")) {
            docs = raw_doc(outs.v[i].data);
        } else {
            continue;
        }
        int k;
        for (k = 0; k < r.nfiles; k++) if (!strcmp(r.files[k].name, name)) break;
        if (k == r.nfiles) {
            if (r.nfiles == capf) { r.files = cc_grow(r.files, (size_t)capf * sizeof *r.files, (size_t)capf * 2 * sizeof *r.files); capf *= 2; }
            r.nfiles++;
        }
        r.files[k] = (UtDocs){name, docs};
    }

    /* polishAssertionsTemplate */
    int reset = 0;
    StrVec defaults = s->templates;
    if (!defaults.n) reset = 1;
    for (int i = 0; i < defaults.n; i++) if (strchr(defaults.v[i], '*')) reset = 1;
    for (int i = 0; i < t->nasserts; i++) {
        UtAssert *a = t->asserts[i];
        if (!a) continue;
        int doc_index = a->doc_index;
        if (t->has_doc_index) doc_index = t->doc_index;
        UtAssert *ax = a;   /* per-job fields live on the shared assertion, as in Go */
        ax->doc_index = doc_index;
        if (!ax->selector) ax->selector = t->selector;
        StrVec list = {0};
        int prefixed = 0;
        if (*a->template_) sv_push(&list, a->template_);
        else if (t->templates.n) list = t->templates;
        else if (*t->template_) sv_push(&list, t->template_);
        else if (reset) {
            for (int k = 0; k < outs.n; k++) sv_push(&list, outs.v[k].name);
            if (s->include_crds) {
                OutVec crds = {0};
                crd_files(c, &crds);
                for (int k = 0; k < crds.n; k++) sv_push(&list, crds.v[k].name);
            }
            prefixed = 1;
        } else {
            list = defaults;
        }
        ax->templates = cc_alloc(((size_t)list.n + 1) * sizeof *ax->templates);
        ax->ntemplates = 0;
        for (int k = 0; k < list.n; k++)
            ax->templates[ax->ntemplates++] = prefixed ? list.v[k] : tpl_full(route, list.v[k]);
    }
    if (did_post && r.nfiles == 1 && strlen(r.files[0].name) >= 13 &&
        !strcmp(r.files[0].name + strlen(r.files[0].name) - 13, "manifest.yaml")) {
        for (int i = 0; i < t->nasserts; i++) {
            if (!t->asserts[i]) continue;
            t->asserts[i]->template_ = r.files[0].name;
            t->asserts[i]->templates = cc_alloc(sizeof(char *));
            t->asserts[i]->templates[0] = r.files[0].name;
            t->asserts[i]->ntemplates = 1;
        }
    }

    /* runAssertions */
    r.render_ok = render_ok;
    r.render_err = render_ok ? NULL : render_err;
    r.fail_fast = ctx->fail_fast;
    r.skip_empty = t->selector && t->selector->skip_empty;
    r.snap = snap;
    r.test_name = t->name;
    res->asserts = cc_alloc(((size_t)t->nasserts + 1) * sizeof *res->asserts);
    int pass = 0;
    for (int i = 0; i < t->nasserts; i++) {
        UtAssert *a = t->asserts[i];
        if (!a) continue;
        UtAssertResult *ar = &res->asserts[res->nasserts++];
        ut_assert_run(a, &r, ar);
        ar->index = i;
        ar->type = a->type;
        ar->not_ = a->not_;
        if (ar->skipped) pass = 1;
        if (i == 0) pass = ar->passed;
        pass = pass && ar->passed;
        if (!pass && ctx->fail_fast) break;
    }
    res->passed = pass;
    if (res->nasserts) {
        res->skipped = 1;
        for (int i = 0; i < res->nasserts; i++) if (!res->asserts[i].skipped) res->skipped = 0;
    }
    res->seconds = now_s() - t0;
}

/* ---- a suite (TestSuite.RunV3) ----------------------------------------------- */

void ut_suite_run(UtSuite *s, UtChartCtx *ctx, UtSuiteResult *out)
{
    memset(out, 0, sizeof *out);
    out->name = s->name;
    out->file = s->file;
    UtSnap *snap = NULL;
    const char *err = ut_snap_open(ut_suite_snapshot_url(s), ctx->update_snapshot, &snap);
    if (err) { out->exec_error = err; return; }
    out->tests = cc_alloc(((size_t)s->ntests + 1) * sizeof *out->tests);
    int pass = 0, skipped = 0;
    for (int i = 0; i < s->ntests; i++) {
        UtJob *t = s->tests[i];
        UtJobResult *jr = &out->tests[out->ntests++];
        memset(jr, 0, sizeof *jr);
        jr->name = t ? t->name : "";
        if (!t || *t->skip_reason) {
            jr->skipped = 1;
            skipped++;
            if (i == 0) pass = 1;
        } else {
            job_run(t, s, ctx, snap, jr);
            if (i == 0) pass = jr->passed;
            pass = pass && jr->passed;
        }
        if (!pass && ctx->fail_fast) { out->fail_fast = 1; break; }
    }
    out->passed = pass;
    out->skipped = skipped == s->ntests;
    ut_snap_counts(snap, &out->snap_created, &out->snap_failed, &out->snap_total, &out->snap_vanished);
    if ((err = ut_snap_store(snap))) {
        /* reported as a failed suite of its own by the caller */
        out->exec_error = err;
        out->passed = 0;
    }
}

void ut_suite_kube_after(const UtSuite *s, const char **major, const char **minor)
{
    for (int i = 0; i < s->ntests; i++) {
        UtJob *t = s->tests[i];
        if (!t || *t->skip_reason) continue;
        const char *rn = *t->release.name ? t->release.name : s->release.name;
        if (*rn && !valid_release(rn)) continue;
        job_polish_caps(t, s);
        if (*t->major) *major = t->major;
        if (*t->minor) *minor = t->minor;
    }
}
