/*
 * cmd_snapshot.c - `chartc snapshot [NAME] CHART [flags]`: render the chart
 * once per case, in this process, and compare each output with its golden
 * file; -u writes the goldens. A case is the chart's default values, or
 * one values file (by default each *.yaml of CHART/ci, the chart-testing
 * convention). The golden of a case is exactly what `chartc render` prints
 * for it (after masking), so a golden can be checked against Helm's own
 * output wherever Helm is deterministic.
 * No Helm counterpart: the command-line shape and the masking config
 * follow helm-chartsnap (`-u`, `-f FILE|DIR`, __snapshot__/<case>.snap,
 * dynamicFields); differences print as unified diffs per Kubernetes object.
 */
#define _GNU_SOURCE
#include "chartc/snapshot.h"
#include "chartc/codec.h"
#include "chartc/det.h"
#include "chartc/diff.h"
#include "chartc/explain.h"
#include "chartc/out.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SNAP_DIR "__snapshot__"
#define SNAP_EXT ".snap"
#define SNAP_DYNAMIC "###DYNAMIC_FIELD###"
#define SNAP_DYNAMIC_B64 "IyMjRFlOQU1JQ19GSUVMRCMjIw=="
#define SNAP_MAX_FILE (1u << 30)

/* ---- growable arrays (arena, doubling) -------------------------------------- */

#define VEC_PUSH(vec, x) do { \
        if ((vec).n == (vec).cap) { \
            int nc_ = (vec).cap ? 2 * (vec).cap : 8; \
            (vec).v = cc_grow((vec).v, sizeof *(vec).v * (size_t)(vec).cap, sizeof *(vec).v * (size_t)nc_); \
            (vec).cap = nc_; \
        } \
        (vec).v[(vec).n++] = (x); \
    } while (0)

/* ---- masks (helm-chartsnap dynamicFields) ------------------------------------ */

typedef struct MEntry {
    const char *api, *kind, *name;   /* NULL: any */
    int base64;
    YamlPath path;                   /* the JSON pointer, unescaped */
} MEntry;
struct SnapMasks { MEntry *v; int n, cap; };

static const char *sn_str_field(Value m, const char *k, const char **out)
{
    Value *f = map_getc(m.u.m, k);
    *out = NULL;
    if (!f || f->t == VT_NIL) return NULL;
    if (f->t != VT_STR) return k;
    *out = f->u.s;
    return NULL;
}

/* RFC 6901 JSON pointer "/a/b~1c" -> {"a", "b/c"}. */
static int sn_pointer(const char *p, const char ***seg)
{
    if (*p != '/') return -1;
    int n = 0;
    for (const char *q = p; *q; q++) n += *q == '/';
    const char **v = cc_alloc(sizeof *v * (size_t)n);
    int k = 0;
    for (const char *q = p + 1;; ) {
        const char *e = strchr(q, '/');
        size_t l = e ? (size_t)(e - q) : strlen(q);
        char *s = cc_alloc(l + 1), *o = s;
        for (size_t i = 0; i < l; i++) {
            if (q[i] == '~' && i + 1 < l && (q[i + 1] == '0' || q[i + 1] == '1')) {
                *o++ = q[i + 1] == '0' ? '~' : '/';
                i++;
            } else if (q[i] == '~') {
                return -1;
            } else {
                *o++ = q[i];
            }
        }
        v[k++] = s;
        if (!e) break;
        q = e + 1;
    }
    *seg = v;
    return k;
}

const char *snap_masks_add(SnapMasks **mp, Value config, const char *what)
{
    if (!*mp) *mp = cc_alloc(sizeof **mp);
    SnapMasks *m = *mp;
    if (config.t == VT_NIL) return NULL;
    if (config.t != VT_MAP) return cc_printf("%s: expected a map with dynamicFields", what);
    Value *df = map_getc(config.u.m, "dynamicFields");
    if (!df || df->t == VT_NIL) return NULL;
    if (df->t != VT_LIST) return cc_printf("%s: dynamicFields must be a list", what);
    for (uint32_t i = 0; df->u.l && i < df->u.l->len; i++) {
        Value e = df->u.l->v[i];
        if (e.t != VT_MAP) return cc_printf("%s: dynamicFields[%u] must be a map", what, i);
        MEntry x = {0};
        const char *bad;
        if ((bad = sn_str_field(e, "apiVersion", &x.api)) || (bad = sn_str_field(e, "kind", &x.kind)) ||
            (bad = sn_str_field(e, "name", &x.name)))
            return cc_printf("%s: dynamicFields[%u].%s must be a string", what, i, bad);
        Value *b64 = map_getc(e.u.m, "base64");
        if (b64 && b64->t != VT_NIL) {
            if (b64->t != VT_BOOL) return cc_printf("%s: dynamicFields[%u].base64 must be true or false", what, i);
            x.base64 = b64->u.b;
        }
        Value *jp = map_getc(e.u.m, "jsonPath");
        if (!jp || jp->t != VT_LIST || !jp->u.l || !jp->u.l->len)
            return cc_printf("%s: dynamicFields[%u].jsonPath must be a list of JSON pointers (/data/password)", what, i);
        for (uint32_t k = 0; k < jp->u.l->len; k++) {
            Value p = jp->u.l->v[k];
            MEntry y = x;
            if (p.t != VT_STR || (y.path.nseg = sn_pointer(p.u.s, &y.path.seg)) < 1)
                return cc_printf("%s: dynamicFields[%u].jsonPath[%u]: not a JSON pointer such as /data/password", what, i, k);
            VEC_PUSH(*m, y);
        }
    }
    return NULL;
}

static SnapMasks *sn_masks_copy(const SnapMasks *m)
{
    SnapMasks *c = cc_alloc(sizeof *c);
    for (int i = 0; m && i < m->n; i++) VEC_PUSH(*c, m->v[i]);
    return c;
}

/* ---- the documents of a rendered output -------------------------------------- */

typedef struct Seg {
    const char *s; size_t n;   /* the text, its "---" line included */
    int line;                  /* line number of its first line */
    const char *source, *kind, *api, *ns, *name;
    const char *key;           /* identity for matching golden and rendered */
    int partner;
} Seg;
typedef struct SegVec { Seg *v; int n, cap; } SegVec;

static int sn_is_sep(const char *l, size_t n)
{
    if (n < 3 || memcmp(l, "---", 3)) return 0;
    for (size_t i = 3; i < n; i++)
        if (l[i] != ' ' && l[i] != '\t' && l[i] != '\r') return 0;
    return 1;
}

static const char *sn_map_str(Value m, const char *k)
{
    Value *f = m.t == VT_MAP ? map_getc(m.u.m, k) : NULL;
    return f && f->t == VT_STR ? f->u.s : "";
}

/* Split at "---" lines; each piece gets its "# Source:" (or the previous
 * one's) and the kind/namespace/name of its YAML. */
static void sn_segments(const char *s, size_t n, SegVec *out)
{
    const char *source = "";
    size_t start = 0;
    int line = 1, start_line = 1;
    for (size_t i = 0; i <= n; ) {
        const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
        size_t e = nl ? (size_t)(nl - s) : n;
        if ((i == n || sn_is_sep(s + i, e - i)) && i > start) {
            Seg g = {0};
            g.s = s + start; g.n = i - start; g.line = start_line;
            VEC_PUSH(*out, g);
            start = i; start_line = line;
        }
        if (i == n) break;
        i = nl ? e + 1 : n;
        line++;
    }
    Map *seen = map_new(16);
    for (int k = 0; k < out->n; k++) {
        Seg *g = &out->v[k];
        const char *p = g->s, *e = g->s + g->n;
        const char *l2 = memchr(p, '\n', (size_t)(e - p));
        if (l2 && sn_is_sep(p, (size_t)(l2 - p)) && !strncmp(l2 + 1, "# Source: ", 10) && l2 + 11 <= e) {
            const char *se = memchr(l2 + 11, '\n', (size_t)(e - (l2 + 11)));
            source = cc_strndup(l2 + 11, (size_t)((se ? se : e) - (l2 + 11)));
        }
        g->source = source;
        Value v;
        g->kind = g->api = g->ns = g->name = "";
        if (!yaml_load(g->s, g->n, &v) && v.t == VT_MAP) {
            g->kind = sn_map_str(v, "kind");
            g->api = sn_map_str(v, "apiVersion");
            Value *md = map_getc(v.u.m, "metadata");
            if (md) {
                g->name = sn_map_str(*md, "name");
                g->ns = sn_map_str(*md, "namespace");
            }
        }
        const char *base = *g->name ? cc_printf("%s\037%s\037%s", g->kind, g->ns, g->name)
                                    : cc_printf("\037%s\037%s", g->source, g->kind);
        Value *c = map_getc(seen, base);
        int64_t occ = c ? c->u.i + 1 : 0;
        map_setc(seen, base, v_int64(occ));
        g->key = cc_printf("%s\037%lld", base, (long long)occ);
        g->partner = -1;
    }
}

/* "Deployment ns/name (chart/templates/x.yaml)" */
static const char *sn_title(const Seg *g)
{
    const char *what = *g->kind ? g->kind : "document";
    const char *src = *g->source ? cc_printf(" (%s)", g->source) : "";
    if (!*g->name) return cc_printf("%s%s", what, src);
    if (*g->ns) return cc_printf("%s %s/%s%s", what, g->ns, g->name, src);
    return cc_printf("%s %s%s", what, g->name, src);
}

/* ---- masking a rendered output ------------------------------------------------- */

typedef struct MRange { size_t s, e; int base64; } MRange;
typedef struct RangeVec { MRange *v; int n, cap; } RangeVec;
typedef struct MaskCtx { RangeVec *out; const MEntry **ents; } MaskCtx;

static void sn_found(void *ctx, int k, size_t start, size_t end, int line, int col)
{
    MaskCtx *c = ctx;
    MRange r = {start, end, c->ents[k]->base64};
    VEC_PUSH(*c->out, r);
}

static int sn_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int sn_range_cmp(const void *a, const void *b)
{
    const MRange *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* Replace the ranges of one document: the value becomes
 * " '###DYNAMIC_FIELD###'" right after its key's ':' (or '-', ',', '['),
 * so a block value turns into a flow scalar on the key's line. */
static void sn_mask_doc(Buf *b, const char *s, size_t n, RangeVec *r)
{
    qsort(r->v, (size_t)r->n, sizeof *r->v, sn_range_cmp);
    size_t at = 0;
    for (int i = 0; i < r->n; i++) {
        size_t rs = r->v[i].s, re = r->v[i].e;
        if (rs < at || re > n || re < rs) continue;   /* inside an earlier range */
        while (re > rs && sn_ws(s[re - 1])) re--;
        size_t ks = rs;
        while (ks > at && sn_ws(s[ks - 1])) ks--;
        const char *lead = "";
        if (ks > at && strchr(":-,[{?", s[ks - 1])) lead = " ";
        else ks = rs;
        buf_put(b, s + at, ks - at);
        buf_puts(b, lead);
        buf_puts(b, r->v[i].base64 ? SNAP_DYNAMIC_B64 : "'" SNAP_DYNAMIC "'");
        at = re;
    }
    buf_put(b, s + at, n - at);
}

const char *snap_mask_apply(const SnapMasks *m, const char *s, size_t n, size_t *outn)
{
    *outn = n;
    if (!m || !m->n) return s;
    SegVec segs = {0};
    sn_segments(s, n, &segs);
    Buf b = {0};
    int changed = 0;
    const MEntry **ents = cc_alloc(sizeof *ents * (size_t)m->n);
    for (int k = 0; k < segs.n; k++) {
        Seg *g = &segs.v[k];
        int ne = 0;
        for (int i = 0; i < m->n; i++) {
            const MEntry *e = &m->v[i];
            if ((e->kind && strcmp(e->kind, g->kind)) || (e->api && strcmp(e->api, g->api)) ||
                (e->name && strcmp(e->name, g->name)))
                continue;
            ents[ne++] = e;
        }
        RangeVec r = {0};
        if (ne) {
            YamlPath *paths = cc_alloc(sizeof *paths * (size_t)ne);
            for (int i = 0; i < ne; i++) paths[i] = ents[i]->path;
            MaskCtx mc = {&r, ents};
            yaml_locate(g->s, g->n, paths, ne, sn_found, &mc);
        }
        if (r.n) { sn_mask_doc(&b, g->s, g->n, &r); changed = 1; }
        else buf_put(&b, g->s, g->n);
    }
    if (!changed) { buf_free(&b); return s; }
    char *res = buf_arena(&b);
    *outn = b.len;
    buf_free(&b);
    return res;
}

/* ---- the command ------------------------------------------------------------------ */

typedef struct Case {
    const char *name;     /* "default" or the values file as given */
    const char *values;   /* NULL: the chart's defaults */
    const char *golden;   /* path of its golden file */
} Case;
typedef struct CaseVec { Case *v; int n, cap; } CaseVec;
typedef struct StrVec { const char **v; int n, cap; } StrVec;

/* Goldens must not change from run to run or machine to machine: every
 * case renders with a fixed seed and clock unless --seed/--now say
 * otherwise. CHARTC_SEED and SOURCE_DATE_EPOCH are deliberately ignored
 * here (a build environment that sets SOURCE_DATE_EPOCH must not change
 * the goldens). */
#define SNAP_SEED "chartc-snapshot"
#define SNAP_NOW  "2000-01-01T00:00:00Z"

typedef struct Snap {
    int update, explain, color, context;
    const char *dir, *mask_file;
    const char *seed, *now;   /* --seed, --now (default SNAP_SEED, SNAP_NOW) */
    StrVec inputs;        /* -f arguments */
    StrVec rest;          /* arguments for the render parser */
    RenderOpts base;
    SnapMasks *masks;
    CaseVec cases;
    int passed, failed, stale;
} Snap;

static const char snap_help[] =
    "Render a chart for each test case and compare it with its golden file (snapshot testing).\n"
    "\n"
    "Usage:\n"
    "  chartc snapshot [NAME] CHART [flags] [render flags]\n"
    "\n"
    "Cases are the chart's default values plus every CHART/ci/*.yaml file, or the values\n"
    "files given with -f (a directory gives each of its *.yaml/*.yml files). The golden of\n"
    "case FILE is <snapshot-dir>/FILE.snap (default.snap for the default values) and holds\n"
    "what `chartc render` prints for it. Any `chartc render` flag (--set, -n, --kube-version,\n"
    "-a, --skip-tests, ...) applies to every case.\n"
    "\n"
    "Flags:\n"
    "  -f, --values PATH         a values file or a directory of them: one case each (repeatable)\n"
    "  -u, --update              write the goldens (new and changed ones) and remove stale ones\n"
    "                            (goldens of no case, when no -f names a single file)\n"
    "      --snapshot-dir DIR    where the goldens are (default CHART/" SNAP_DIR ")\n"
    "      --mask FILE           fields to mask: a dynamicFields list of kind/apiVersion/name/\n"
    "                            jsonPath entries (default CHART/.chartsnap.yaml when present)\n"
    "  -N, --context N           lines of context in diffs (default 3)\n"
    "      --explain=false       no source excerpts after render errors\n"
    "      --color WHEN          auto (default: on a terminal unless NO_COLOR), always, never\n"
    "      --seed STRING         seed of the random functions (default \"" SNAP_SEED "\")\n"
    "      --now TIME            the clock, RFC 3339 (default " SNAP_NOW ")\n"
    "  -h, --help                this help\n"
    "\n"
    "Random functions and the clock are deterministic (see REPRODUCIBLE RENDERS in\n"
    "chartc(1)); $CHARTC_SEED and $SOURCE_DATE_EPOCH are ignored.\n"
    "\n"
    "Exit status 0 when every case matches its golden, 1 otherwise. The last line of the\n"
    "report is \"N passed, N failed\".\n";

static int sn_flag_value(const char *a, const char *lng, char shrt, int argc, char **argv, int *i, const char **v)
{
    size_t l = strlen(lng);
    if (!strncmp(a, "--", 2) && !strncmp(a + 2, lng, l)) {
        if (a[2 + l] == '=') { *v = a + 3 + l; return 1; }
        if (a[2 + l] == 0) { *v = *i + 1 < argc ? argv[++*i] : NULL; return 1; }
        return 0;
    }
    if (shrt && a[0] == '-' && a[1] == shrt) {
        if (a[2] == '=') { *v = a + 3; return 1; }
        if (a[2]) { *v = a + 2; return 1; }
        *v = *i + 1 < argc ? argv[++*i] : NULL;
        return 1;
    }
    return 0;
}

static int sn_flag_bool(const char *a, const char *lng, char shrt, int *out, const char **err)
{
    size_t l = strlen(lng);
    if (shrt && a[0] == '-' && a[1] == shrt && !a[2]) { *out = 1; return 1; }
    if (strncmp(a, "--", 2) || strncmp(a + 2, lng, l)) return 0;
    const char *v = a + 2 + l;
    if (!*v) { *out = 1; return 1; }
    if (*v != '=') return 0;
    v++;
    if (!strcmp(v, "true") || !strcmp(v, "1")) *out = 1;
    else if (!strcmp(v, "false") || !strcmp(v, "0")) *out = 0;
    else *err = cc_printf("invalid argument \"%s\" for \"--%s\" flag", v, lng);
    return 1;
}

/* Take snapshot's own flags out of argv; the rest goes to the render
 * parser. */
static const char *sn_args(Snap *S, int argc, char **argv, int *help)
{
    const char *color = "auto";
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = NULL, *err = NULL;
        if (!strcmp(a, "--")) {
            for (; i < argc; i++) VEC_PUSH(S->rest, argv[i]);
            break;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { *help = 1; return NULL; }
        if (sn_flag_bool(a, "update", 'u', &S->update, &err) || sn_flag_bool(a, "explain", 0, &S->explain, &err)) {
            if (err) return err;
            continue;
        }
        if (sn_flag_value(a, "values", 'f', argc, argv, &i, &v)) {
            if (!v) return "flag needs an argument: --values";
            /* comma-separated like `render -f` */
            for (const char *p = v; *p; ) {
                const char *c = strchr(p, ',');
                size_t l = c ? (size_t)(c - p) : strlen(p);
                if (l) VEC_PUSH(S->inputs, cc_strndup(p, l));
                p += l + (c != NULL);
            }
            continue;
        }
        if (sn_flag_value(a, "snapshot-dir", 0, argc, argv, &i, &v)) {
            if (!v || !*v) return "flag needs an argument: --snapshot-dir";
            S->dir = v;
            continue;
        }
        if (sn_flag_value(a, "seed", 0, argc, argv, &i, &v)) {
            if (!v) return "flag needs an argument: --seed";
            S->seed = v;
            continue;
        }
        if (sn_flag_value(a, "now", 0, argc, argv, &i, &v)) {
            if (!v) return "flag needs an argument: --now";
            S->now = v;
            continue;
        }
        if (sn_flag_value(a, "mask", 0, argc, argv, &i, &v)) {
            if (!v || !*v) return "flag needs an argument: --mask";
            S->mask_file = v;
            continue;
        }
        if (sn_flag_value(a, "context", 'N', argc, argv, &i, &v)) {
            char *end;
            long n = v ? strtol(v, &end, 10) : -1;
            if (!v || !*v || *end || n < 0 || n > 100000)
                return cc_printf("invalid argument \"%s\" for \"-N, --context\" flag", v ? v : "");
            S->context = (int)n;
            continue;
        }
        if (sn_flag_value(a, "color", 0, argc, argv, &i, &v)) {
            if (!v) return "flag needs an argument: --color";
            color = v;
            continue;
        }
        VEC_PUSH(S->rest, argv[i]);
    }
    if (!strcmp(color, "always")) S->color = 1;
    else if (!strcmp(color, "never")) S->color = 0;
    else if (!strcmp(color, "auto")) S->color = explain_use_color(1);
    else return cc_printf("invalid argument \"%s\" for \"--color\" flag: must be auto, always or never", color);
    return NULL;
}

static int sn_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int sn_strcmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int sn_has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !memcmp(s + n - m, suf, m);
}

/* The regular files of dir named *.yaml or *.yml, sorted, as "dir/name". */
static const char *sn_list_values(const char *dir, StrVec *out)
{
    DIR *d = opendir(dir);
    if (!d) return cc_printf("open %s: %s", dir, strerror(errno));
    StrVec names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !(sn_has_suffix(de->d_name, ".yaml") || sn_has_suffix(de->d_name, ".yml"))) continue;
        const char *p = cc_printf("%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) VEC_PUSH(names, p);
    }
    closedir(d);
    if (names.n) qsort(names.v, (size_t)names.n, sizeof *names.v, sn_strcmp);
    for (int i = 0; i < names.n; i++) VEC_PUSH(*out, names.v[i]);
    return NULL;
}

static const char *sn_base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static const char *sn_add_case(Snap *S, const char *name, const char *values)
{
    const char *file = values ? cc_printf("%s" SNAP_EXT, sn_base(values)) : "default" SNAP_EXT;
    const char *golden = cc_printf("%s/%s", S->dir, file);
    for (int i = 0; i < S->cases.n; i++)
        if (!strcmp(S->cases.v[i].golden, golden))
            return cc_printf("cases %s and %s would share the golden %s: rename one", S->cases.v[i].name, name, golden);
    Case c = {name, values, golden};
    VEC_PUSH(S->cases, c);
    return NULL;
}

static const char *sn_cases(Snap *S)
{
    const char *chart = S->base.chart_path, *err;
    if (!S->inputs.n) {
        if ((err = sn_add_case(S, "default", NULL))) return err;
        const char *ci = cc_printf("%s/ci", chart);
        if (sn_is_dir(chart) && sn_is_dir(ci)) {
            StrVec files = {0};
            if ((err = sn_list_values(ci, &files))) return err;
            for (int i = 0; i < files.n; i++)
                if ((err = sn_add_case(S, files.v[i], files.v[i]))) return err;
        }
        return NULL;
    }
    for (int i = 0; i < S->inputs.n; i++) {
        const char *in = S->inputs.v[i];
        if (sn_is_dir(in)) {
            StrVec files = {0};
            if ((err = sn_list_values(in, &files))) return err;
            if (!files.n) return cc_printf("%s: no *.yaml or *.yml values files", in);
            for (int k = 0; k < files.n; k++)
                if ((err = sn_add_case(S, files.v[k], files.v[k]))) return err;
        } else {
            if ((err = sn_add_case(S, in, in))) return err;
        }
    }
    return NULL;
}

static const char *sn_read(const char *path, size_t *len, int *missing)
{
    struct stat st;
    *missing = 0;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT) { *missing = 1; return NULL; }
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (size_t)st.st_size > SNAP_MAX_FILE) return NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = cc_alloc((size_t)st.st_size + 1);
    size_t n = fread(s, 1, (size_t)st.st_size, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) return NULL;
    *len = n;
    return s;
}

static const char *sn_mkdir_all(const char *dir)
{
    char *p = cc_strdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, 0755) && errno != EEXIST) return cc_printf("mkdir %s: %s", p, strerror(errno));
        *s = '/';
    }
    if (mkdir(p, 0755) && errno != EEXIST) return cc_printf("mkdir %s: %s", p, strerror(errno));
    return NULL;
}

/* Write through a temporary file and rename: never a partial golden. */
static const char *sn_write(const char *path, const char *s, size_t n)
{
    return out_file_replace(path, s, n);
}

static void sn_c(Snap *S, Buf *b, const char *code)
{
    if (S->color) buf_puts(b, code);
}

/* One object's diff: "--- changed: TITLE" then the hunks. An object
 * missing on one side is numbered there from `at`, the line after the
 * counterpart of the object before it. */
static void sn_obj_diff(Snap *S, Buf *b, const char *what, const Seg *g, const Seg *a, int at)
{
    sn_c(S, b, DIFF_BOLD);
    buf_printf(b, "--- %s: %s", what, sn_title(a ? a : g));
    sn_c(S, b, DIFF_RESET);
    buf_putc(b, '\n');
    DiffText ta = {g ? g->s : "", g ? g->n : 0}, tb = {a ? a->s : "", a ? a->n : 0};
    diff_unified(b, ta, g ? g->line : at, tb, a ? a->line : at, S->context, S->color);
}

/* The line after segment x. */
static int sn_end_line(const Seg *x)
{
    int l = x->line;
    for (size_t i = 0; i < x->n; i++) l += x->s[i] == '\n';
    return l;
}

/* Where an object of side v that has no partner would sit on the other
 * side w: after the partner of the nearest earlier paired object. */
static int sn_insert_line(const SegVec *v, const SegVec *w, int i)
{
    for (int k = i - 1; k >= 0; k--)
        if (v->v[k].partner >= 0) return sn_end_line(&w->v[v->v[k].partner]);
    return 1;
}

/* The per-object report of golden g vs rendered r; returns its summary. */
static const char *sn_report(Snap *S, Buf *b, const char *g, size_t gn, const char *r, size_t rn)
{
    SegVec gs = {0}, rs = {0};
    sn_segments(g, gn, &gs);
    sn_segments(r, rn, &rs);
    Map *idx = map_new((size_t)gs.n + 1);
    for (int i = 0; i < gs.n; i++) map_setc(idx, gs.v[i].key, v_int64(i));
    for (int i = 0; i < rs.n; i++) {
        Value *v = map_getc(idx, rs.v[i].key);
        if (v && gs.v[v->u.i].partner < 0) {
            rs.v[i].partner = (int)v->u.i;
            gs.v[v->u.i].partner = i;
        }
    }
    int changed = 0, added = 0, removed = 0;
    for (int i = 0; i < gs.n; i++) {
        Seg *x = &gs.v[i];
        if (x->partner < 0) {
            sn_obj_diff(S, b, "removed", x, NULL, sn_insert_line(&gs, &rs, i));
            removed++;
            continue;
        }
        Seg *y = &rs.v[x->partner];
        if (x->n != y->n || memcmp(x->s, y->s, x->n)) { sn_obj_diff(S, b, "changed", x, y, 0); changed++; }
    }
    for (int i = 0; i < rs.n; i++)
        if (rs.v[i].partner < 0) { sn_obj_diff(S, b, "added", NULL, &rs.v[i], sn_insert_line(&rs, &gs, i)); added++; }
    if (!changed && !added && !removed) {
        /* same objects, other order or framing */
        sn_c(S, b, DIFF_BOLD);
        buf_puts(b, "--- reordered: the same objects in another order\n");
        sn_c(S, b, DIFF_RESET);
        diff_unified(b, (DiffText){g, gn}, 1, (DiffText){r, rn}, 1, S->context, S->color);
        return "objects reordered";
    }
    Buf s = {0};
    if (changed) buf_printf(&s, "%d changed", changed);
    if (added) buf_printf(&s, "%s%d added", s.len ? ", " : "", added);
    if (removed) buf_printf(&s, "%s%d removed", s.len ? ", " : "", removed);
    const char *res = buf_arena(&s);
    buf_free(&s);
    return res;
}

static void sn_flush(Snap *S, Buf *b)
{
    out_write(b->p, b->len);
    out_flush();
    b->len = 0;
}

static void sn_status(Snap *S, Buf *b, int ok, const char *word, const char *name, const char *detail)
{
    sn_c(S, b, ok ? DIFF_GREEN : DIFF_RED);
    buf_puts(b, word);
    sn_c(S, b, DIFF_RESET);
    buf_printf(b, " %s", name);
    if (detail && *detail) buf_printf(b, ": %s", detail);
    buf_putc(b, '\n');
}

/* The masks of one case: the global ones plus its values file's
 * testSpec.dynamicFields (helm-chartsnap's per-file form). */
static const char *sn_case_masks(Snap *S, const Case *c, SnapMasks **out)
{
    *out = S->masks;
    if (!c->values) return NULL;
    size_t n;
    int missing;
    const char *s = sn_read(c->values, &n, &missing);
    Value v;
    if (!s || yaml_load(s, n, &v) || v.t != VT_MAP) return NULL;   /* render reports it */
    Value *ts = map_getc(v.u.m, "testSpec");
    if (!ts || ts->t != VT_MAP || !map_getc(ts->u.m, "dynamicFields")) return NULL;
    SnapMasks *m = sn_masks_copy(S->masks);
    const char *err = snap_masks_add(&m, *ts, cc_printf("%s: testSpec", c->values));
    if (err) return err;
    *out = m;
    return NULL;
}

static void sn_run_case(Snap *S, const Case *c)
{
    Buf b = {0};
    RenderOpts o = S->base;
    RenderDiag diag;
    memset(&diag, 0, sizeof diag);
    o.diag = &diag;
    if (c->values) {
        o.values.files = cc_alloc(sizeof *o.values.files);
        o.values.files[0] = c->values;
        o.values.nfiles = 1;
    }
    SnapMasks *masks;
    const char *err = sn_case_masks(S, c, &masks);
    if (err) {
        sn_status(S, &b, 0, "FAIL", c->name, err);
        S->failed++;
        sn_flush(S, &b);
        buf_free(&b);
        return;
    }
    Buf out = {0};
    err = render_run(&o, &out);
    if (err) {
        sn_status(S, &b, 0, "FAIL", c->name, "render failed");
        buf_printf(&b, "Error: %s\n", err);
        if (S->explain) explain_error(&b, err, &o, &diag, S->color);
        S->failed++;
        buf_free(&out);
        sn_flush(S, &b);
        buf_free(&b);
        return;
    }
    size_t rn;
    const char *r = snap_mask_apply(masks, out.p ? out.p : "", out.len, &rn);
    size_t gn = 0;
    int missing;
    const char *g = sn_read(c->golden, &gn, &missing);
    int same = g && gn == rn && !memcmp(g, r, rn);
    if (S->update) {
        if (same) {
            sn_status(S, &b, 1, "ok", c->name, NULL);
            S->passed++;
        } else if ((err = sn_write(c->golden, r, rn))) {
            sn_status(S, &b, 0, "FAIL", c->name, err);
            S->failed++;
        } else {
            sn_status(S, &b, 1, g ? "updated" : "created", c->name, c->golden);
            S->passed++;
        }
    } else if (same) {
        sn_status(S, &b, 1, "PASS", c->name, NULL);
        S->passed++;
    } else if (!g) {
        sn_status(S, &b, 0, "FAIL", c->name,
                  missing ? cc_printf("no golden %s (chartc snapshot -u writes it)", c->golden)
                          : cc_printf("cannot read %s: %s", c->golden, strerror(errno)));
        S->failed++;
    } else {
        Buf d = {0};
        const char *sum = sn_report(S, &d, g, gn, r, rn);
        sn_status(S, &b, 0, "FAIL", c->name, cc_printf("%s differs (%s)", c->golden, sum));
        buf_put(&b, d.p ? d.p : "", d.len);
        buf_free(&d);
        S->failed++;
    }
    buf_free(&out);
    sn_flush(S, &b);
    buf_free(&b);
}

/* Golden files of the directory that no case produces. */
static void sn_stale(Snap *S)
{
    DIR *d = opendir(S->dir);
    if (!d) return;
    StrVec stale = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!sn_has_suffix(de->d_name, SNAP_EXT)) continue;
        const char *p = cc_printf("%s/%s", S->dir, de->d_name);
        /* default.snap belongs to runs of the default case (no -f) */
        int used = S->inputs.n && !strcmp(de->d_name, "default" SNAP_EXT);
        for (int i = 0; i < S->cases.n && !used; i++) used = !strcmp(S->cases.v[i].golden, p);
        if (!used) VEC_PUSH(stale, p);
    }
    closedir(d);
    if (stale.n) qsort(stale.v, (size_t)stale.n, sizeof *stale.v, sn_strcmp);
    Buf b = {0};
    for (int i = 0; i < stale.n; i++) {
        if (S->update) {
            if (unlink(stale.v[i]) == 0) buf_printf(&b, "removed stale %s\n", stale.v[i]);
            else buf_printf(&b, "stale %s: cannot remove: %s\n", stale.v[i], strerror(errno));
        } else {
            buf_printf(&b, "stale %s: no case renders it (chartc snapshot -u removes it)\n", stale.v[i]);
        }
        S->stale++;
    }
    sn_flush(S, &b);
    buf_free(&b);
}

static const char *sn_load_masks(Snap *S)
{
    const char *file = S->mask_file;
    if (!file) {
        const char *def = cc_printf("%s/.chartsnap.yaml", S->base.chart_path);
        struct stat st;
        if (sn_is_dir(S->base.chart_path) && stat(def, &st) == 0) file = def;
    }
    if (!file) return NULL;
    size_t n;
    int missing;
    const char *s = sn_read(file, &n, &missing);
    if (!s) return cc_printf("cannot read mask file %s%s", file, missing ? ": no such file" : "");
    Value v;
    const char *err = yaml_load(s, n, &v);
    if (err) return cc_printf("%s: %s", file, err);
    if (v.t != VT_MAP || !map_getc(v.u.m, "dynamicFields"))
        return cc_printf("%s: no dynamicFields list (entries of kind, apiVersion, name, jsonPath, base64)", file);
    return snap_masks_add(&S->masks, v, file);
}

int cmd_snapshot(int argc, char **argv, RenderArgsFn parse, const char **err)
{
    Snap S;
    memset(&S, 0, sizeof S);
    S.explain = 1;
    S.context = 3;
    int help = 0;
    if ((*err = sn_args(&S, argc, argv, &help))) return 1;
    if (help) { out_puts(snap_help); return 0; }
    int rhelp = 0, rexplain = 0;
    if ((*err = parse(S.rest.n, (char **)S.rest.v, &S.base, &rhelp, &rexplain))) {
        if (!strncmp(*err, "\"helm template\" requires", 24))
            *err = "\"chartc snapshot\" requires at least 1 argument\n\nUsage:  chartc snapshot [NAME] CHART [flags]";
        return 1;
    }
    if (rhelp) { out_puts(snap_help); return 0; }
    /* after the render parser, which applied the environment's seed */
    if ((*err = det_set(S.seed && *S.seed ? S.seed : SNAP_SEED, S.now && *S.now ? S.now : SNAP_NOW))) return 1;
    if (S.base.output_dir) { *err = "--output-dir cannot be used with snapshot"; return 1; }
    if (S.base.values.nfiles) { *err = "internal: values files reached the render options"; return 1; }
    if (!S.dir) {
        const char *cp = S.base.chart_path;
        if (sn_is_dir(cp)) S.dir = cc_printf("%s/" SNAP_DIR, cp);
        else {
            const char *sl = strrchr(cp, '/');
            S.dir = sl ? cc_printf("%.*s/" SNAP_DIR, (int)(sl - cp), cp) : SNAP_DIR;
        }
    }
    if ((*err = sn_load_masks(&S))) return 1;
    if ((*err = sn_cases(&S))) return 1;
    if (S.update && (*err = sn_mkdir_all(S.dir))) return 1;
    for (int i = 0; i < S.cases.n; i++) sn_run_case(&S, &S.cases.v[i]);
    /* a run that names single values files covers a subset of the
     * cases: the other goldens are not stale */
    int complete = 1;
    for (int i = 0; i < S.inputs.n; i++) complete &= sn_is_dir(S.inputs.v[i]);
    if (complete) sn_stale(&S);
    out_puts(cc_printf("%d passed, %d failed\n", S.passed, S.failed));
    out_flush();
    return S.failed ? 1 : 0;
}
