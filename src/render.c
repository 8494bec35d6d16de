/*
 * render.c - the render pipeline of `helm template`: load the chart, merge
 * values, build one render root per chart, parse every template into one
 * set, execute, split and sort the manifests, and print them.
 * Mirrors helm v4.1.4 pkg/cmd/install.go (runInstall), pkg/action/install.go
 * (RunWithContext), pkg/action/action.go (renderResources),
 * pkg/engine/engine.go (render, recAllTpls, sortTemplates,
 * cleanupParseError) and pkg/cmd/template.go (output, --show-only,
 * --output-dir); v3.17.3 differences per cc_helm_major.
 */
#define _GNU_SOURCE
#include "chartc/det.h"
#include "chartc/gostd.h"
#include "chartc/render.h"
#include "chartc/gofmt.h"
#include "chartc/out.h"
#include "chartc/semver.h"
#include "chartc/tmpl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

int cc_enable_dns;
const char *(*cc_lookup_fn)(void *ud, const char *api, const char *kind, const char *ns,
                            const char *name, Value *out);
void *cc_lookup_ud;

#define RD_DEBUG_HINT "\n\nUse --debug flag to render out invalid YAML"

/* ---- release name (pkg/chart/v2/util/validate_name.go) ------------------------ */

static int rd_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$, len <= 53 */
static int rd_valid_release_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 53) return 0;
    const char *p = s;
    for (;;) {
        const char *e = strchr(p, '.');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == 0 || !rd_alnum(p[0]) || !rd_alnum(p[l - 1])) return 0;
        for (size_t i = 0; i < l; i++)
            if (!rd_alnum(p[i]) && p[i] != '-') return 0;
        if (!e) return 1;
        p = e + 1;
    }
}

/* ---- templates of every chart (engine.go recAllTpls) ---------------------------- */

typedef struct Tpl {
    const char *name;      /* full path, e.g. c/charts/s/templates/x.yaml */
    const char *base;      /* <chart full path>/templates */
    const CFile *file;
    Map *root;             /* the chart's render map */
    int slashes;
} Tpl;

typedef struct TplVec { Tpl *v; int n, cap; } TplVec;

static void tv_push(TplVec *t, Tpl x)
{
    if (t->n == t->cap) {
        int nc = t->cap ? 2 * t->cap : 32;
        t->v = cc_grow(t->v, (size_t)t->cap * sizeof *t->v, (size_t)nc * sizeof *t->v);
        t->cap = nc;
    }
    t->v[t->n++] = x;
}

static const char *go_clean_s(const char *p) { return go_path_clean(p, strlen(p)); }

static const char *rd_fullpath(const Chart *c)
{
    return c->fullpath && *c->fullpath ? c->fullpath : c->name;
}

/* Build chart c's render map and collect its templates (and its
 * subcharts', recursively). Returns the render map. */
static int rd_starts_underscore(const char *path);

static Map *rd_collect(Chart *c, Value values, Value release, Value caps, TplVec *out,
                       RenderKeep keep, void *ud)
{
    Map *m = map_new(8);
    Map *subs = map_new((size_t)c->ndeps);
    map_setc(m, "Chart", chart_meta_value(c));
    map_setc(m, "Files", files_new(c->files, c->nfiles));
    map_setc(m, "Release", release);
    map_setc(m, "Capabilities", caps);
    if (values.t == VT_MAP) values.g = GT_VALUES;   /* Helm's Values type */
    map_setc(m, "Values", values);
    map_setc(m, "Subcharts", v_map(subs));
    /* path.Join(ChartFullPath(), ...): a chart named "." (v3 accepts it)
     * gives templates/x.yaml, one named ".." ../templates/x.yaml */
    const char *fp = rd_fullpath(c);
    const char *base = go_clean_s(cc_printf("%s/templates", fp));
    for (int i = 0; i < c->ntemplates; i++) {
        Tpl t = {0};
        t.name = go_clean_s(cc_printf("%s/%s", fp, c->templates[i].name));
        if (keep && !rd_starts_underscore(t.name) && !keep(t.name, ud)) continue;
        t.base = base;
        t.file = &c->templates[i];
        t.root = m;
        for (const char *p = t.name; *p; p++) t.slashes += *p == '/';
        tv_push(out, t);
    }
    for (int i = 0; i < c->ndeps; i++) {
        Chart *d = c->deps[i];
        Value dv = chart_scope_values(d, values);
        Map *dm = rd_collect(d, dv, release, caps, out, keep, ud);
        map_setc(subs, d->name, v_map(dm));
    }
    return m;
}

/* sort.Reverse(byPathLen): more '/' first, then descending byte order. */
static int rd_tpl_order(const void *a, const void *b)
{
    const Tpl *x = a, *y = b;
    if (x->slashes != y->slashes) return y->slashes - x->slashes;
    return -strcmp(x->name, y->name);
}

/* engine.go cleanupParseError */
static const char *rd_parse_error(const char *file, const char *err)
{
    const char *first = strstr(err, ": ");
    if (!first) return cc_printf("parse error in (%s): %s", file, err);
    const char *loc = first + 2;
    const char *loc_end = strstr(loc, ": ");
    const char *last = first;
    for (const char *p = first; (p = strstr(p + 1, ": ")); ) last = p;
    size_t ll = loc_end ? (size_t)(loc_end - loc) : strlen(loc);
    return cc_printf("parse error at (%.*s): %s", (int)ll, loc, last + 2);
}

/* strings.ReplaceAll(out, "<no value>", "") into a fresh arena string. */
static char *rd_strip_no_value(const char *s, size_t n, size_t *outn)
{
    static const char pat[] = "<no value>";
    const size_t pl = sizeof pat - 1;
    char *r = cc_alloc(n + 1);
    size_t k = 0;
    const char *p = s, *e = s + n;
    while (p < e) {
        const char *q = memmem(p, (size_t)(e - p), pat, pl);
        if (!q) { memcpy(r + k, p, (size_t)(e - p)); k += (size_t)(e - p); break; }
        memcpy(r + k, p, (size_t)(q - p));
        k += (size_t)(q - p);
        p = q + pl;
    }
    r[k] = 0;
    *outn = k;
    return r;
}

static int rd_has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && memcmp(s + n - m, suf, m) == 0;
}

static int rd_starts_underscore(const char *path)
{
    const char *b = strrchr(path, '/');
    return (b ? b[1] : path[0]) == '_';
}

/* Parsed template files kept across renders (render_cache_new): each
 * file's own template set (or parse error), valid while its text is the
 * same bytes at the same address. */
typedef struct CachedTpl { const char *data; size_t len; TSet *ts; const char *err; } CachedTpl;
struct RenderCache { Map *idx; CachedTpl *v; int n, cap; };

RenderCache *render_cache_new(void)
{
    RenderCache *rc = cc_alloc(sizeof *rc);
    rc->idx = map_new(64);
    return rc;
}

/* tmpl_parse of one file into ts, through the cache when there is one.
 * The trees point into the file's data (it lives as long as the chart and
 * ends in a NUL, see chart.h) rather than into a copy of it. */
static const char *rd_parse(RenderCache *rc, TSet *ts, const Tpl *t)
{
    if (!rc) return tmpl_parse_shared(ts, t->name, t->file->data, t->file->len);
    Value *i = map_getc(rc->idx, t->name);
    CachedTpl *ct = i ? &rc->v[i->u.i] : NULL;
    if (!ct || ct->data != t->file->data || ct->len != t->file->len) {
        if (!ct) {
            if (rc->n == rc->cap) {
                int nc = rc->cap ? 2 * rc->cap : 64;
                rc->v = cc_grow(rc->v, (size_t)rc->cap * sizeof *rc->v, (size_t)nc * sizeof *rc->v);
                rc->cap = nc;
            }
            map_setc(rc->idx, t->name, v_int64(rc->n));
            ct = &rc->v[rc->n++];
        }
        ct->data = t->file->data;
        ct->len = t->file->len;
        ct->ts = tset_new();
        ct->err = tmpl_parse_shared(ct->ts, t->name, t->file->data, t->file->len);
    }
    if (ct->err) return ct->err;
    tset_merge(ts, ct->ts);
    return NULL;
}

/* engine.Render: returns NULL and the rendered files, or the error text.
 * keep (when not NULL) selects the non-partial templates to parse. */
static const char *rd_engine(Chart *c, Value values, Value release, Value caps, RenderKeep keep,
                             void *ud, RenderCache *rc, RenderedFile **files, int *nfiles, RenderDiag *diag)
{
    TplVec tv = {0};
    rd_collect(c, values, release, caps, &tv, keep, ud);
    if (tv.n) qsort(tv.v, (size_t)tv.n, sizeof *tv.v, rd_tpl_order);
    TSet *ts = tset_new();
    for (int i = 0; i < tv.n; i++) {
        const char *err = rd_parse(rc, ts, &tv.v[i]);
        if (err) {
            if (diag) {
                diag->parse_name = tv.v[i].name;
                diag->parse_src = tv.v[i].file->data;
                diag->parse_len = tv.v[i].file->len;
            }
            return rd_parse_error(tv.v[i].name, err);
        }
    }
    RenderedFile *rf = cc_alloc((size_t)(tv.n ? tv.n : 1) * sizeof *rf);
    int n = 0;
    const Value *rn = map_getc(release.u.m, "Name");   /* read before a template can set it */
    const char *relname = rn && rn->t == VT_STR ? cc_strndup(rn->u.s, rn->n) : "";
    Buf out = {0};
    for (int i = 0; i < tv.n; i++) {
        Tpl *t = &tv.v[i];
        if (rd_starts_underscore(t->name)) continue;
        Map *tm = map_new(2);
        map_setc(tm, "Name", v_cstr(t->name));
        map_setc(tm, "BasePath", v_cstr(t->base));
        { Value tv = v_map(tm); tv.g = GT_VALUES; map_setc(t->root, "Template", tv); }   /* a Values map in Helm */
        out.len = 0;
        Value top = v_map(t->root);
        top.g = GT_VALUES;   /* Helm executes each template with a Values map as dot */
        det_template(relname, t->name);   /* its own random stream under --seed */
        TmplError *e = tmpl_exec(ts, t->name, top, &out);
        if (e) {
            buf_free(&out);
            if (diag) diag->exec = e;
            return tmpl_error_text(e);
        }
        size_t len;
        char *data = rd_strip_no_value(out.p ? out.p : "", out.len, &len);
        rf[n].path = t->name; rf[n].data = data; rf[n].len = len;
        n++;
    }
    buf_free(&out);
    *files = rf;
    *nfiles = n;
    return NULL;
}

const char *render_templates(Chart *c, Value values, Value release, Value caps, RenderKeep keep,
                             void *ud, RenderCache *cache, RenderedFile **files, int *nfiles)
{
    return rd_engine(c, values, release, caps, keep, ud, cache, files, nfiles, NULL);
}

/* ---- CRDs (chart.CRDObjects) ------------------------------------------------------ */

typedef struct Crd { const char *path; const char *data; size_t len; } Crd;
typedef struct CrdVec { Crd *v; int n, cap; } CrdVec;

static int rd_manifest_ext(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(name, '.');
    if (!dot || (slash && dot < slash)) return 0;
    return !strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml") || !strcasecmp(dot, ".json");
}

static void rd_crds(const Chart *c, CrdVec *cv)
{
    for (int i = 0; i < c->nfiles; i++) {
        const CFile *f = &c->files[i];
        if (strncmp(f->name, "crds/", 5) != 0 || !rd_manifest_ext(f->name)) continue;
        if (cv->n == cv->cap) {
            int nc = cv->cap ? 2 * cv->cap : 8;
            cv->v = cc_grow(cv->v, (size_t)cv->cap * sizeof *cv->v, (size_t)nc * sizeof *cv->v);
            cv->cap = nc;
        }
        cv->v[cv->n++] = (Crd){go_clean_s(cc_printf("%s/%s", rd_fullpath(c), f->name)), f->data ? f->data : "", f->len};
    }
    for (int i = 0; i < c->ndeps; i++) rd_crds(c->deps[i], cv);
}

/* ---- --output-dir writes (deferred until the render succeeded) ------------------------ */

typedef struct Write {
    const char *file;   /* the path Helm prints: output dir + "/" + rel */
    const char *rel;    /* relative to the output dir ([release name/]template path) */
    const char *src; const char *data; size_t len; int mode;
} Write;
enum { W_CREATE, W_APPEND_IF_WRITTEN, W_APPEND_IF_EXISTS };
typedef struct WriteVec { Write *v; int n, cap; } WriteVec;

static void wv_push(WriteVec *w, Write x)
{
    if (w->n == w->cap) {
        int nc = w->cap ? 2 * w->cap : 16;
        w->v = cc_grow(w->v, (size_t)w->cap * sizeof *w->v, (size_t)nc * sizeof *w->v);
        w->cap = nc;
    }
    w->v[w->n++] = x;
}


/* ensureDirectoryForFile: os.Stat, then os.MkdirAll (top down). */
static const char *rd_mkdir_all(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) return S_ISDIR(st.st_mode) ? NULL : cc_printf("mkdir %s: not a directory", dir);
    if (errno != ENOENT) return cc_printf("stat %s: %s", dir, out_errno_text(errno));
    char *p = cc_strdup(dir);
    for (char *s = p + 1; ; s++) {
        if (*s && *s != '/') continue;
        char c = *s;
        *s = 0;
        if (mkdir(p, 0755) && !(errno == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
            return cc_printf("mkdir %s: %s", p, out_errno_text(errno == EEXIST ? ENOTDIR : errno));
        if (!c) return NULL;
        *s = c;
    }
}

/* The existing file at path appended to b (a hook written onto a file
 * left by an earlier run); nothing when it does not exist. */
static const char *rd_read_existing(const char *path, Buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return errno == ENOENT ? NULL : cc_printf("open %s: %s", path, out_errno_text(errno));
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    return bad ? cc_printf("read %s: %s", path, out_errno_text(EIO)) : NULL;
}

/* A template's path relative to the output directory. */
static const char *rd_rel(const RenderOpts *o, const char *path)
{
    return o->use_release_name ? cc_printf("%s/%s", o->release_name, path) : path;
}

typedef struct OutFile { const char *file; Buf text; int first; } OutFile;

/* Perform the writes of Helm's writeToFile calls (create, or append to a
 * file written before), leaving the same files, but each file written
 * once, through a temporary file renamed into place: a failure (a full
 * disk, a file size limit) leaves no partial file. "wrote <file>" lines go
 * to out, on a failure those Helm prints before it. A path that leaves the
 * output directory (Helm v3 accepts a chart named "..") is refused before
 * anything is written. */
static const char *rd_do_writes(const char *dir, const WriteVec *w, Buf *out)
{
    for (int i = 0; i < w->n; i++) {
        const char *r = go_clean_s(w->v[i].rel);
        if (!strcmp(r, "..") || !strncmp(r, "../", 3) || r[0] == '/')
            return cc_printf("refusing to write %s: the path leaves the output directory %s",
                             w->v[i].file, dir);
    }
    OutFile *fv = cc_alloc((size_t)(w->n ? w->n : 1) * sizeof *fv);
    int nf = 0;
    Map *idx = map_new(16);
    const char *err = NULL;
    for (int i = 0; i < w->n && !err; i++) {
        const Write *x = &w->v[i];
        const char *key = go_clean_s(x->file);
        Value *at = map_getc(idx, key);
        OutFile *f;
        if (!at) {
            f = &fv[nf];
            *f = (OutFile){x->file, {0}, i};
            map_setc(idx, key, v_int64(nf++));
            if (x->mode != W_CREATE) err = rd_read_existing(x->file, &f->text);
        } else {
            f = &fv[at->u.i];
            if (x->mode == W_CREATE) f->text.len = 0;
        }
        buf_printf(&f->text, "---\n# Source: %s\n", x->src);
        buf_put(&f->text, x->data, x->len);
        buf_putc(&f->text, '\n');
    }
    int done = w->n;
    for (int k = 0; k < nf && !err; k++) {
        const char *d = cc_strdup(fv[k].file);
        char *sl = strrchr(d, '/');
        if (sl && sl != d) { *sl = 0; err = rd_mkdir_all(d); }
        if (!err) err = out_file_replace(fv[k].file, fv[k].text.p ? fv[k].text.p : "", fv[k].text.len);
        if (err) done = fv[k].first;
    }
    for (int k = 0; k < nf; k++) buf_free(&fv[k].text);
    if (err && done == w->n) done = 0;   /* failed before writing anything */
    for (int i = 0; i < done; i++) buf_printf(out, "wrote %s\n", w->v[i].file);
    return err;
}

/* ---- --show-only ----------------------------------------------------------------- */

static const char *rd_show_only(const RenderOpts *o, const char *text, size_t n, Buf *out)
{
    MDoc *docs;
    int nd = manifest_split(text, n, &docs);
    Buf sel = {0};
    for (int a = 0; a < o->nshow_only; a++) {
        const char *f = o->show_only[a];
        int missing = 1;
        for (int i = 0; i < nd; i++) {
            /* # Source: [^/]+/(.+) (leftmost; '.' stops at newline) */
            const char *d = docs[i].s, *de = d + docs[i].n, *m = NULL;
            for (const char *p = d; p < de && !m; p++) {
                p = memmem(p, (size_t)(de - p), "# Source: ", 10);
                if (!p) break;
                const char *r = p + 10;   /* [^/]+ (may cross newlines) */
                while (r < de && *r != '/') r++;
                if (r > p + 10 && r + 1 < de && r[1] != '\n') m = r + 1;
            }
            if (!m) continue;
            const char *me = m;
            while (me < de && *me != '\n') me++;
            char *name = cc_strndup(m, (size_t)(me - m));
            if (go_path_match(f, name) != 1) continue;
            buf_puts(&sel, "---\n");
            buf_put(&sel, docs[i].s, docs[i].n);
            buf_putc(&sel, '\n');
            missing = 0;
        }
        if (missing) {
            buf_free(&sel);
            return cc_printf("could not find template %s in chart", f);
        }
    }
    buf_put(out, sel.p ? sel.p : "", sel.len);
    buf_free(&sel);
    return NULL;
}

/* ---- the pipeline ----------------------------------------------------------------- */

static int rd_meta_bool(const Chart *c, const char *k)
{
    Value *v = c->meta.t == VT_MAP ? map_getc(c->meta.u.m, k) : NULL;
    return v && v->t == VT_BOOL && v->u.b;
}

static const char *rd_meta_str(const Chart *c, const char *k)
{
    Value *v = c->meta.t == VT_MAP ? map_getc(c->meta.u.m, k) : NULL;
    return v && v->t == VT_STR ? v->u.s : "";
}

static int rd_file_cmp(const void *a, const void *b)
{
    return strcmp(((const RenderedFile *)a)->path, ((const RenderedFile *)b)->path);
}

/* renderResources after a YAML error, as template.go prints it with
 * --debug: every non-blank rendered file as "---\n# Source: path\ncontent"
 * (Go map order there, path order here), trimmed, then --show-only. */
static const char *rd_debug_dump(const RenderOpts *o, RenderedFile *files, int nfiles, Buf *out)
{
    qsort(files, (size_t)nfiles, sizeof *files, rd_file_cmp);
    Buf d = {0};
    for (int i = 0; i < nfiles; i++) {
        const char *s = files[i].data;
        size_t n = files[i].len;
        go_trim_space(&s, &n);
        if (!n) continue;
        buf_printf(&d, "---\n# Source: %s\n", files[i].path);
        buf_put(&d, files[i].data, files[i].len);
        buf_putc(&d, '\n');
    }
    const char *ms = d.p ? d.p : "";
    size_t mn = d.len;
    go_trim_space(&ms, &mn);
    Buf man = {0};
    buf_put(&man, ms, mn);
    buf_putc(&man, '\n');
    buf_free(&d);
    const char *err = NULL;
    if (o->nshow_only) err = rd_show_only(o, man.p, man.len, out);
    else buf_put(out, man.p, man.len);
    buf_free(&man);
    return err;
}

/* Every dependency of Chart.yaml has its chart in charts/ (the
 * condition of action.CheckDependencies). */
static int rd_deps_present(const Chart *c)
{
    Value *p = map_getc(c->meta.u.m, "dependencies");
    if (!p || p->t != VT_LIST) return 1;
    for (uint32_t i = 0; i < p->u.l->len; i++) {
        Value d = p->u.l->v[i];
        Value *n = d.t == VT_MAP ? map_getc(d.u.m, "name") : NULL;
        int found = 0;
        for (int j = 0; j < c->ndeps && !found; j++)
            found = n && n->t == VT_STR && !strcmp(c->deps[j]->name, n->u.s);
        if (!found) return 0;
    }
    return 1;
}

/* slog.Debug("Chart path", "path", filepath.Abs(TrimSpace(path))) */
static void rd_log_path(const char *path)
{
    while (*path && strchr(" \t\r\n\v\f", *path)) path++;
    size_t n = strlen(path);
    while (n && strchr(" \t\r\n\v\f", path[n - 1])) n--;
    const char *p = cc_strndup(path, n);
    if (*p != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd)) p = cc_printf("%s/%s", cwd, p);
    }
    Buf b = {0};
    buf_puts(&b, "level=DEBUG msg=\"Chart path\" path=");
    slog_value(&b, go_path_clean(p, strlen(p)));
    buf_putc(&b, '\n');
    fwrite(b.p, 1, b.len, stderr);
    buf_free(&b);
}

const char *render_run(const RenderOpts *o, Buf *out)
{
    const char *err;
    Value caps;
    if ((err = caps_new(o->kube_version, o->api_versions, o->napi_versions, &caps))) return err;

    /* runInstall: locate chart, merge values, load (v4 logs each step
     * with --debug; v3's log lines carry timestamps and are not written) */
    int log = o->debug && cc_helm_major >= 4;
    if (log) fputs("level=DEBUG msg=\"Original chart version\" version=\"\"\n", stderr);
    Chart *c = NULL;
    Value user = v_nil();
    struct stat st;
    int found = stat(o->chart_path, &st) == 0;
    if (!found && (err = chart_load(o->chart_path, &c))) return err;
    if (log) rd_log_path(o->chart_path);
    if ((err = values_merge_user(&o->values, &user))) return err;
    if (!c && (err = found ? chart_load_stat(o->chart_path, &st, &c) : chart_load(o->chart_path, &c))) return err;
    if (log && rd_deps_present(c)) {   /* logged after CheckDependencies */
        Buf b = {0};
        buf_puts(&b, "level=DEBUG msg=\"number of dependencies in the chart\" chart=");
        slog_value(&b, c->name);
        buf_printf(&b, " dependencies=%d\n", c->ndeps);
        fwrite(b.p, 1, b.len, stderr);
        buf_free(&b);
    }
    if (c->is_library || !strcmp(rd_meta_str(c, "type"), "library"))
        return "library charts are not installable";
    if (rd_meta_bool(c, "deprecated"))
        fputs(cc_helm_major >= 4 ? "level=WARN msg=\"this chart is deprecated\"\n"
                                 : "WARNING: This chart is deprecated\n", stderr);

    /* Install.RunWithContext */
    if (!rd_valid_release_name(o->release_name)) {
        const char *msg = cc_printf("release name \"%s\": invalid release name, must match regex "
                                    "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ "
                                    "and the length must not be longer than 53", o->release_name);
        if (cc_helm_major < 4) return msg;
        Buf b = {0};
        buf_puts(&b, "level=ERROR msg=\"release name check failed\" error=");
        slog_value(&b, msg);
        buf_putc(&b, '\n');
        fwrite(b.p, 1, b.len, stderr);
        buf_free(&b);
        return cc_printf("release name check failed: %s", msg);
    }
    Value values;
    if ((err = chart_process(c, user, &values))) return err;
    if (!o->skip_schema && (err = chart_validate_schema(c, values))) return err;

    Value release = v_newmap(6);
    map_setc(release.u.m, "Name", v_cstr(o->release_name));
    map_setc(release.u.m, "Namespace", v_cstr(o->namespace_));
    map_setc(release.u.m, "IsInstall", v_bool(!o->is_upgrade));
    map_setc(release.u.m, "IsUpgrade", v_bool(o->is_upgrade));
    map_setc(release.u.m, "Revision", v_goint(1));
    map_setc(release.u.m, "Service", v_cstr("Helm"));

    /* errors from here on follow release creation (template.go adds the hint) */
    const char *hint = o->debug ? "" : RD_DEBUG_HINT;

    /* renderResources: kubeVersion constraint, then the engine */
    const char *kvc = rd_meta_str(c, "kubeVersion");
    if (*kvc) {
        const char *kv = caps_kube_string(caps);
        SemVer sv;
        int ok = semver_parse(kv, strlen(kv), &sv) == 0 && semver_match(kvc, &sv, NULL) == 1;
        if (!ok)
            return cc_printf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s%s",
                             kvc, kv, hint);
    }
    RenderedFile *files = NULL;
    int nfiles = 0;
    if ((err = rd_engine(c, values, release, caps, NULL, NULL, NULL, &files, &nfiles, o->diag)))
        return cc_printf("%s%s", err, hint);
    int keep = 0;
    for (int i = 0; i < nfiles; i++)
        if (!rd_has_suffix(files[i].path, "NOTES.txt")) files[keep++] = files[i];
    nfiles = keep;
    Manifest *gen, *hooks;
    int ngen, nhooks;
    if ((err = manifest_sort(files, nfiles, &gen, &ngen, &hooks, &nhooks))) {
        if (o->diag) { o->diag->files = files; o->diag->nfiles = nfiles; }
        if (o->debug) {
            const char *e2 = rd_debug_dump(o, files, nfiles, out);
            if (e2) { out->len = 0; return e2; }
        }
        return cc_printf("%s%s", err, hint);
    }

    /* rel.Manifest (or the --output-dir writes) */
    Buf man = {0};
    WriteVec wv = {0};
    const char *dir = o->output_dir;
    const char *mdir = dir && o->use_release_name ? go_clean_s(cc_printf("%s/%s", dir, o->release_name)) : dir;
    if (o->include_crds) {
        CrdVec cv = {0};
        rd_crds(c, &cv);
        for (int i = 0; i < cv.n; i++) {
            if (!dir) {
                buf_printf(&man, "---\n# Source: %s\n", cv.v[i].path);
                buf_put(&man, cv.v[i].data, cv.v[i].len);
                buf_putc(&man, '\n');
            } else {
                wv_push(&wv, (Write){cc_printf("%s/%s", dir, cv.v[i].path), cv.v[i].path, cv.v[i].path,
                                     cv.v[i].data, cv.v[i].len, W_CREATE});
            }
        }
    }
    Map *written = map_new(16);
    for (int i = 0; i < ngen; i++) {
        if (!dir) {
            buf_printf(&man, "---\n# Source: %s\n", gen[i].path);
            buf_put(&man, gen[i].content, gen[i].len);
            buf_putc(&man, '\n');
        } else {
            int again = map_getc(written, gen[i].path) != NULL;
            map_setc(written, gen[i].path, v_bool(1));
            wv_push(&wv, (Write){cc_printf("%s/%s", mdir, gen[i].path), rd_rel(o, gen[i].path), gen[i].path,
                                 gen[i].content, gen[i].len, again ? W_APPEND_IF_WRITTEN : W_CREATE});
        }
    }

    /* template.go: TrimSpace(rel.Manifest) + "\n", then hooks (trimmed
     * in place: the manifest buffer becomes the result) */
    const char *ms = man.p ? man.p : "";
    size_t mn = man.len;
    go_trim_space(&ms, &mn);
    if (mn && ms != man.p) memmove(man.p, ms, mn);
    man.len = mn;
    buf_putc(&man, '\n');
    Buf res = man;
    if (!o->no_hooks) {
        Map *hw = map_new(8);
        for (int i = 0; i < nhooks; i++) {
            if (o->skip_tests && hooks[i].is_test) continue;
            if (!dir) {
                buf_printf(&res, "---\n# Source: %s\n", hooks[i].path);
                buf_put(&res, hooks[i].content, hooks[i].len);
                buf_putc(&res, '\n');
            } else {
                int again = map_getc(hw, hooks[i].path) != NULL;
                map_setc(hw, hooks[i].path, v_bool(1));
                wv_push(&wv, (Write){cc_printf("%s/%s", mdir, hooks[i].path), rd_rel(o, hooks[i].path), hooks[i].path,
                                     hooks[i].content, hooks[i].len,
                                     again ? W_APPEND_IF_WRITTEN : W_APPEND_IF_EXISTS});
            }
        }
    }
    Buf final = {0};
    if (o->nshow_only) {
        err = rd_show_only(o, res.p, res.len, &final);
        buf_free(&res);
    } else {
        final = res;
    }
    if (!err && wv.n) {
        Buf wrote = {0};
        err = rd_do_writes(dir, &wv, &wrote);
        buf_put(out, wrote.p ? wrote.p : "", wrote.len);
        buf_free(&wrote);
        if (err) err = cc_printf("%s%s", err, hint);
    }
    if (!err && !out->len) {   /* hand the buffer over */
        buf_free(out);
        *out = final;
        final = (Buf){0};
    }
    if (!err) buf_put(out, final.p ? final.p : "", final.len);
    buf_free(&final);
    return err;
}
