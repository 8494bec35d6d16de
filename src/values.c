/*
 * values.c - values files, the --set family in Helm's fixed precedence,
 * and coalescing user values with chart defaults (globals, subchart
 * tables, null deletion, warnings).
 * Mirrors helm v4.1.4 pkg/chart/v2/loader/load.go (LoadValues, MergeMaps),
 * pkg/cli/values/options.go (MergeValues), pkg/chart/common/util/coalesce.go
 * and pkg/chart/common/values.go (Table, PathValue); v3.17.3
 * pkg/chartutil/coalesce.go where the two differ.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "values_priv.h"
#include "chartc/gostd.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/func.h"

/* ---- loading ------------------------------------------------------------- */

/* One YAML document into a map (sigs.k8s.io/yaml.Unmarshal into
 * map[string]interface{}). */
static const char *load_doc(const char *s, size_t n, Value *out)
{
    Value v;
    const char *err = yaml_load(s, n, &v);
    if (err) return err;
    if (v.t == VT_NIL) { *out = v_newmap(0); return NULL; }
    if (v.t != VT_MAP) {
        static const char *const kinds[] = {"null", "bool", "number", "number", "string", "array", "object", "object"};
        return cc_printf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type map[string]interface {}",
                         kinds[v.t]);
    }
    *out = v;
    return NULL;
}

/* k8s.io/apimachinery YAMLReader.Read: documents split on lines starting
 * with "---" (only spaces or a comment may follow). */
const char *values_load(const char *s, size_t n, Value *out)
{
    if (cc_helm_major == 3) return load_doc(s, n, out);
    ValuesAcc acc;
    values_acc_init(&acc);
    const char *doc = s, *p = s, *end = s + n;
    for (;;) {
        const char *line = p;
        const char *nl = p < end ? memchr(p, '\n', end - p) : NULL;
        const char *next = nl ? nl + 1 : end;
        int atend = p >= end;
        int sep = !atend && end - line >= 3 && memcmp(line, "---", 3) == 0;
        if (sep) {
            const char *r = line + 3, *re = nl ? nl : end;
            while (r < re && strchr(" \t\r\n\v\f", *r)) r++;
            while (re > r && strchr(" \t\r\n\v\f", re[-1])) re--;
            if (r < re && *r != '#') {
                values_acc_done(&acc);
                return cc_printf("error reading yaml document: invalid Yaml document separator: %.*s", (int)(re - r), r);
            }
        }
        if (sep || atend) {
            if (line > doc) {
                Value m;
                const char *err = load_doc(doc, line - doc, &m);
                if (err) { values_acc_done(&acc); return cc_printf("cannot unmarshal yaml document: %s", err); }
                values_acc_merge(&acc, m);
            }
            if (atend) break;
            doc = next;
        }
        p = next;
    }
    *out = acc.v;
    values_acc_done(&acc);
    return NULL;
}

/* Map pairs still to be walked, for the walks below: values nest 10000
 * levels (YAML, JSON) and more (--set), so no walk recurses on the C stack. */
typedef struct PairFrame { Map *d, *s; const char *key; uint32_t i; } PairFrame;
typedef struct PairStack { PairFrame *v; size_t n, cap; } PairStack;

static PairFrame *pair_push(PairStack *st, Map *d, Map *s, const char *key)
{
    if (st->n == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 16;
        st->v = realloc(st->v, st->cap * sizeof *st->v);
        if (!st->v) cc_oom();
    }
    PairFrame *f = &st->v[st->n++];
    *f = (PairFrame){d, s, key, 0};
    return f;
}

/* The next live entry of the top frame's source map, or NULL (frame popped). */
static MapEnt *pair_next(PairStack *st)
{
    PairFrame *f = &st->v[st->n - 1];
    while (f->i < f->s->n && !f->s->e[f->i].k) f->i++;
    if (f->i >= f->s->n) { st->n--; return NULL; }
    return &f->s->e[f->i++];
}

static Value copy_map(Value m)
{
    Value o = v_newmap(m.u.m->len);
    MAP_EACH(m.u.m, e) map_set(o.u.m, e->k, e->klen, e->v);
    return o;
}

/* The maps an accumulating merge made itself: only it holds them, so later
 * merges change them in place. Go's MergeMaps copies a and every map it
 * merges into; the garbage collector frees the copies, the arena does not:
 * copying on every merge kept every intermediate map, and 10,000 values
 * documents or -f files held 7 GB (Helm 60 MB). A document's own maps may
 * be shared (aliases), so they are still copied once, the first time
 * something merges into them. */
static int own_has(const ValuesAcc *a, const Map *m)
{
    if (!a->cap) return 0;
    size_t i = ((uintptr_t)m >> 4) * 0x9E3779B97F4A7C15u >> 20 & (a->cap - 1);
    for (; a->own[i]; i = (i + 1) & (a->cap - 1))
        if (a->own[i] == m) return 1;
    return 0;
}

static void own_add(ValuesAcc *a, Map *m)
{
    if (2 * (a->n + 1) > a->cap) {
        size_t oc = a->cap, nc = oc ? 2 * oc : 64;
        Map **old = a->own;
        a->own = calloc(nc, sizeof *a->own);
        if (!a->own) cc_oom();
        a->cap = nc; a->n = 0;
        for (size_t i = 0; i < oc; i++) if (old[i]) own_add(a, old[i]);
        free(old);
    }
    size_t i = ((uintptr_t)m >> 4) * 0x9E3779B97F4A7C15u >> 20 & (a->cap - 1);
    while (a->own[i]) i = (i + 1) & (a->cap - 1);
    a->own[i] = m; a->n++;
}

static Map *own_copy(ValuesAcc *a, Value m)
{
    Value c = copy_map(m);
    own_add(a, c.u.m);
    return c.u.m;
}

void values_acc_init(ValuesAcc *a)
{
    *a = (ValuesAcc){0};
    a->v = v_newmap(8);
    own_add(a, a->v.u.m);
}

void values_acc_done(ValuesAcc *a)
{
    free(a->own);
    a->own = NULL; a->n = a->cap = 0;
}

/* a->v = MergeMaps(a->v, b). Every caller passes a b it has just made and
 * drops (a loaded document, --set-json), so merged into nothing b is the
 * result itself, not a copy (on a big values file the copy of its top
 * level alone was 10 MiB); its top-level map is then the accumulator's. */
void values_acc_merge(ValuesAcc *a, Value b)
{
    if (!a->v.u.m->len && b.t == VT_MAP && b.g == GT_DEFAULT && b.u.m) {
        a->v = b;
        own_add(a, b.u.m);
        return;
    }
    if (b.t != VT_MAP || !b.u.m) return;
    PairStack st = {0};
    pair_push(&st, a->v.u.m, b.u.m, NULL);
    while (st.n) {
        MapEnt *e = pair_next(&st);
        if (!e) continue;
        Map *d = st.v[st.n - 1].d;
        if (e->v.t == VT_MAP) {
            Value *cur = map_get(d, e->k, e->klen);
            if (cur && cur->t == VT_MAP) {   /* MergeMaps(cur, v) */
                Map *m = cur->u.m;
                if (!m || !own_has(a, m)) {
                    m = own_copy(a, *cur);
                    map_set(d, e->k, e->klen, (Value){.t = VT_MAP, .g = cur->g, .u.m = m});
                }
                pair_push(&st, m, e->v.u.m, NULL);
                continue;
            }
        }
        map_set(d, e->k, e->klen, e->v);
    }
    free(st.v);
}

static const char *read_all(const char *path, Buf *b)
{
    const char *p = path;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    size_t n = strlen(p);
    while (n && strchr(" \t\r\n", p[n - 1])) n--;
    const char *err = values_remote(path);
    if (err) return err;
    FILE *f;
    if (n == 1 && p[0] == '-') f = stdin;
    else if (!(f = fopen(path, "rb")))
        return cc_printf("open %s: %s", path, errno == ENOENT ? "no such file or directory" : strerror(errno));
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(b, tmp, k);
    int bad = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) return cc_printf("read %s: is a directory", path);
    return NULL;
}

const char *values_merge_user(const ValueOpts *o, Value *out)
{
    ValuesAcc acc;
    values_acc_init(&acc);
    *out = acc.v;
    for (int i = 0; i < o->nfiles; i++) {
        Buf b = {0};
        const char *err = read_all(o->files[i], &b);
        if (err) { buf_free(&b); values_acc_done(&acc); return err; }
        Value m;
        err = values_load(b.p ? b.p : "", b.len, &m);
        buf_free(&b);
        if (err) { values_acc_done(&acc); return cc_printf("failed to parse %s: %s", o->files[i], err); }
        values_acc_merge(&acc, m);
    }
    for (int i = 0; i < o->nset_json; i++) {
        const char *v = o->set_json[i];
        const char *t = v;
        while (*t && strchr(" \t\r\n\v\f", *t)) t++;
        if (cc_helm_major >= 4 && *t == '{') {
            size_t n = strlen(t);
            while (n && strchr(" \t\r\n\v\f", t[n - 1])) n--;
            Value m;
            if (json_decode(t, n, &m) || (m.t != VT_MAP && m.t != VT_NIL)) {
                values_acc_done(&acc);
                return cc_printf("failed parsing --set-json data JSON: %s", v);
            }
            values_acc_merge(&acc, m);
        } else if (strvals_parse_into(v, acc.v, SV_JSON)) {
            values_acc_done(&acc);
            return cc_printf("failed parsing --set-json data %s", v);
        }
    }
    Value base = acc.v;
    values_acc_done(&acc);
    static const struct { int mode; const char *flag; } kinds[] = {
        {SV_TYPED, "--set"}, {SV_STRING, "--set-string"}, {SV_FILE, "--set-file"}, {SV_LITERAL, "--set-literal"},
    };
    for (int k = 0; k < 4; k++) {
        const char **args = k == 0 ? o->set : k == 1 ? o->set_string : k == 2 ? o->set_file : o->set_literal;
        int n = k == 0 ? o->nset : k == 1 ? o->nset_string : k == 2 ? o->nset_file : o->nset_literal;
        for (int i = 0; i < n; i++) {
            const char *err = strvals_parse_into(args[i], base, kinds[k].mode);
            if (err) return cc_printf("failed parsing %s data: %s", kinds[k].flag, err);
        }
    }
    *out = base;
    return NULL;
}

/* ---- Values.Table / PathValue --------------------------------------------- */

int values_table(Value v, const char *path, Value *out)
{
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (v.t != VT_MAP) return 0;
        Value *e = map_get(v.u.m, p, n);
        if (!e || e->t != VT_MAP) return 0;
        v = *e;
        if (!dot) break;
        p = dot + 1;
    }
    *out = v;
    return 1;
}

int values_path_value(Value v, const char *path, Value *out)
{
    if (!*path) return 0;
    const char *dot = strrchr(path, '.');
    Value t = v;
    const char *key = path;
    if (dot) {
        if (!values_table(v, cc_strndup(path, dot - path), &t)) return 0;
        key = dot + 1;
    }
    if (t.t != VT_MAP) return 0;
    Value *e = map_getc(t.u.m, key);
    if (!e || e->t == VT_MAP) return 0;
    *out = *e;
    return 1;
}

/* ---- methods of the Values type (values.go) ------------------------------- */

static int vm_istable(Value v) { return v.t == VT_MAP && (v.g == GT_DEFAULT || v.g == GT_VALUES); }

/* Values.Table: NULL and *out, or the key (arena) that is not a table. */
static const char *vm_table(Value v, const char *path, Value *out)
{
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        Value *e = v.u.m ? map_get(v.u.m, p, n) : NULL;
        if (!e || !vm_istable(*e)) return cc_strndup(p, n);
        v = *e;
        if (!dot) break;
        p = dot + 1;
    }
    *out = v;
    return NULL;
}

static const char *vm_quote(const char *s)
{
    Buf b = {0};
    go_quote(&b, s, strlen(s), 0);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static int vm_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    Value v = *(const Value *)o->data;
    if (!strcmp(name, "AsMap")) {
        v.g = GT_DEFAULT;
        *out = v.u.m && v.u.m->len ? v : v_newmap(0);   /* an empty Values gives a new map */
        return 1;
    }
    if (!strcmp(name, "YAML") || !strcmp(name, "Encode")) {
        if (!strcmp(name, "Encode"))   /* only nil reaches here: no template value is an io.Writer */
            fn_error(x, "runtime error: invalid memory address or nil pointer dereference");
        Buf b = {0};
        const char *err = yaml_dump(&b, v);
        if (err) { buf_free(&b); fn_error(x, "%s", err); }
        *out = v_buf(&b);
        buf_free(&b);
        return 1;
    }
    const char *path = cc_strndup(argv[0].u.s, argv[0].n);
    if (!strcmp(name, "Table")) {
        const char *bad = vm_table(v, path, out);
        if (bad) fn_error(x, "%s is not a table", vm_quote(bad));
        out->g = GT_VALUES;
        return 1;
    }
    /* PathValue */
    if (!*path) fn_error(x, "YAML path cannot be empty");
    const char *dot = strrchr(path, '.');
    const char *key = dot ? dot + 1 : path;
    Value t = v;
    if (dot && vm_table(v, cc_strndup(path, dot - path), &t)) fn_error(x, "%s is not a value", vm_quote(key));
    Value *e = t.u.m ? map_getc(t.u.m, key) : NULL;
    if (!e || (e->t == VT_MAP && e->g == GT_DEFAULT)) fn_error(x, "%s is not a value", vm_quote(key));
    *out = *e;
    return 1;
}

const char *values_method_sig(const char *name, size_t len)
{
#define IS(m) (len == sizeof m - 1 && memcmp(name, m, sizeof m - 1) == 0)
    switch (name[0]) {   /* most field names are no method: one compare tells */
    case 'A': if (IS("AsMap")) return ""; break;
    case 'E': if (IS("Encode")) return "W"; break;
    case 'P': if (IS("PathValue")) return "s"; break;
    case 'T': if (IS("Table")) return "s"; break;
    case 'Y': if (IS("YAML")) return ""; break;
    }
#undef IS
    return NULL;
}

static const char *vm_method_sig(Obj *o, const char *name) { return values_method_sig(name, strlen(name)); }

static Value vm_data(Obj *o) { return *(const Value *)o->data; }

const ObjType values_method_type = {"common.Values", vm_field, NULL, vm_data, vm_method_sig, NULL, 0};

/* ---- coalescing ------------------------------------------------------------- */

/* Go's full keys ("root.sub.a.b") name a warning's place; building one
 * for every table walked cost O(depth) bytes each, O(N^2) per coalesce of
 * a chain of N subcharts. Here a key is a chain of parts (on the C stack
 * or the walk's frames), spelled out only for a warning. */
typedef struct Pfx { const struct Pfx *up; const char *k; } Pfx;

/* concatPrefix folded over the parts, outermost first */
static void pfx_put(Buf *b, const Pfx *p)
{
    size_t n = 0;
    for (const Pfx *q = p; q; q = q->up) n++;
    const char **ks = malloc((n ? n : 1) * sizeof *ks);
    if (!ks) cc_oom();
    for (const Pfx *q = p; q; q = q->up) ks[--n] = q->k;
    for (const Pfx *q = p; q; q = q->up, n++) {
        if (b->len) buf_putc(b, '.');
        buf_puts(b, ks[n]);
    }
    free(ks);
}

static const char *pfx_str(const Pfx *p)
{
    Buf b = {0};
    pfx_put(&b, p);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static void co_warn(int v3line, const char *msg)
{
    go_log(cc_printf("coalesce.go:%d", v3line), "INFO", msg, msg, NULL);
}

static const char *co_fmt_v(Value v)
{
    Buf b = {0};
    go_print(&b, v);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* The full key of entry k of the top frame: the base, each frame's key
 * (frame i's table is entry key of frame i-1), then k. */
static const char *co_fullkey(const PairStack *st, const Pfx *base, const char *k)
{
    Buf b = {0};
    pfx_put(&b, base);
    for (size_t i = 1; i <= st->n; i++) {
        const char *part = i < st->n ? st->v[i].key : k;
        if (b.len) buf_putc(&b, '.');
        buf_puts(&b, part);
    }
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* coalesceTablesFullKey: dst is authoritative. Depth-first over the
 * tables both sides have (warnings in Go's order), on an explicit stack.
 * Go v4 first sets src[key] = nil for every key nil in dst: what that
 * does is read off here instead, so src is never changed: such a key, in
 * src with a non-nil value, is deleted from dst (unless merging), and
 * otherwise left alone (v3 warns when src has a table there). src_owned: src's maps may become dst's (Go moves
 * them); else what dst takes from src is a deep copy (src is a chart's
 * own values, which Go copies first). */
static Value co_tables(Value dst, Value src, const Pfx *base, int merge, int src_owned)
{
    if (src.t != VT_MAP) return dst;
    if (dst.t != VT_MAP) return src_owned ? src : v_deep_copy(src);
    PairStack st = {0};
    pair_push(&st, dst.u.m, src.u.m, NULL);
    while (st.n) {
        MapEnt *e = pair_next(&st);
        if (!e) continue;
        Map *d = st.v[st.n - 1].d;
        Value *dv = map_get(d, e->k, e->klen);
        if (dv && dv->t == VT_NIL) {
            if (!merge && (cc_helm_major < 4 || e->v.t != VT_NIL)) map_del(d, e->k, e->klen);
            else if (cc_helm_major < 4 && e->v.t == VT_MAP)
                co_warn(298, cc_printf("warning: cannot overwrite table with non table for %s (%s)",
                                       co_fullkey(&st, base, e->k), co_fmt_v(e->v)));
        } else if (!dv) {
            map_set(d, e->k, e->klen, src_owned ? e->v : v_deep_copy(e->v));
        } else if (e->v.t == VT_MAP) {
            if (dv->t == VT_MAP) pair_push(&st, dv->u.m, e->v.u.m, e->k);
            else co_warn(298, cc_printf("warning: cannot overwrite table with non table for %s (%s)",
                                        co_fullkey(&st, base, e->k), co_fmt_v(e->v)));
        } else if (dv->t == VT_MAP && e->v.t != VT_NIL) {
            co_warn(301, cc_printf("warning: destination for %s is a table. Ignoring non-table value (%s)",
                                   co_fullkey(&st, base, e->k), co_fmt_v(e->v)));
        }
    }
    free(st.v);
    return dst;
}

Value values_coalesce_tables(Value dst, Value src, int merge)
{
    return co_tables(dst, src, NULL, merge, 1);
}

static int child_chart_merge(const Chart *c, const char *key, int merge)
{
    for (int i = 0; i < c->ndeps; i++)
        if (!strcmp(c->deps[i]->name, key)) return 1;
    return merge;
}

/* coalesceValues: chart defaults into v (v wins). Go walks a deep copy of
 * the chart's values; here only what v takes from them is copied (after
 * import-values a chart's values hold its whole subtree's, and copying
 * them all at every level of a chain was O(N^3)). */
static void co_values(const Chart *c, Value v, const Pfx *prefix, int merge)
{
    Pfx sub = {prefix, c->name};
    Value vc = c->values;
    if (vc.t != VT_MAP) return;
    MAP_EACH(vc.u.m, e) {
        Value *uv = map_get(v.u.m, e->k, e->klen);
        if (uv) {
            if (uv->t == VT_NIL && !merge) {
                map_del(v.u.m, e->k, e->klen);
            } else if (uv->t == VT_MAP) {
                if (e->v.t != VT_MAP) {
                    if (e->v.t != VT_NIL)
                        co_warn(237, cc_printf("warning: skipped value for %s.%s: Not a table.", pfx_str(&sub), e->k));
                } else {
                    int m = child_chart_merge(c, e->k, merge);
                    Pfx at = {&sub, e->k};
                    co_tables(*uv, e->v, &at, m, 0);
                }
            }
        } else {
            map_set(v.u.m, e->k, e->klen, v_deep_copy(e->v));
        }
    }
}

/* coalesceGlobals: the parent's globals (src) into the child's (dest).
 * Its shallow copies leave maps under two globals at once (as in Go, where
 * a change through one shows through the other); sh, when given, records
 * the copies for values_unshare. */
static void co_globals(Value dest, Value src, const Pfx *prefix, ValuesShared *sh)
{
    Value dg, sg;
    Value *p = map_getc(dest.u.m, "global");
    if (!p) dg = v_newmap(4);
    else if (p->t != VT_MAP) { co_warn(138, "warning: skipping globals because destination global is not a table."); return; }
    else dg = *p;
    p = map_getc(src.u.m, "global");
    if (!p) sg = v_newmap(0);
    else if (p->t != VT_MAP) { co_warn(145, "warning: skipping globals because source global is not a table."); return; }
    else sg = *p;
    MAP_EACH(sg.u.m, e) {
        Value *dv = map_get(dg.u.m, e->k, e->klen);
        if (e->v.t == VT_MAP) {
            Value vv = copy_map(e->v);
            if (sh) {
                if (sh->n == sh->cap) {
                    sh->cap = sh->cap ? 2 * sh->cap : 16;
                    if (!(sh->v = realloc(sh->v, sh->cap * sizeof *sh->v))) cc_oom();
                }
                sh->v[sh->n++] = vv.u.m;
            }
            if (!dv) {
                map_set(dg.u.m, e->k, e->klen, vv);
            } else if (dv->t != VT_MAP) {
                Buf q = {0};
                go_quote(&q, e->k, e->klen, 0);
                co_warn(161, cc_printf("Conflict: cannot merge map onto non-map for %s. Skipping.", buf_cstr(&q)));
                buf_free(&q);
            } else {
                Pfx at = {prefix, e->k};
                co_tables(vv, *dv, &at, 1, 1);
                map_set(dg.u.m, e->k, e->klen, vv);
            }
        } else if (dv && dv->t == VT_MAP) {
            co_warn(175, cc_printf("key %s is table. Skipping", e->k));
        } else {
            map_set(dg.u.m, e->k, e->klen, e->v);
        }
    }
    map_setc(dest.u.m, "global", dg);
}

static const char *co_chart(const Chart *c, Value dest, const Pfx *prefix, int merge, ValuesShared *sh);

static const char *co_deps(const Chart *c, Value dest, const Pfx *prefix, int merge, ValuesShared *sh)
{
    Pfx sub_prefix = {prefix, c->name};
    for (int i = 0; i < c->ndeps; i++) {
        const Chart *sub = c->deps[i];
        Value *cv = map_getc(dest.u.m, sub->name);
        if (!cv) {
            map_setc(dest.u.m, sub->name, v_newmap(4));
        } else if (cv->t != VT_MAP) {
            Buf b = {0};
            go_sprintf(&b, "%t", 2, 1, cv);
            const char *r = cc_printf("type mismatch on %s: %s", sub->name, buf_cstr(&b));
            buf_free(&b);
            return r;
        }
        Value dv = *map_getc(dest.u.m, sub->name);
        co_globals(dv, dest, &sub_prefix, sh);
        const char *err = co_chart(sub, dv, &sub_prefix, merge, sh);
        if (err) return err;
    }
    return NULL;
}

static const char *co_chart(const Chart *c, Value dest, const Pfx *prefix, int merge, ValuesShared *sh)
{
    co_values(c, dest, prefix, merge);
    return co_deps(c, dest, prefix, merge, sh);
}

const char *values_coalesce_sh(Chart *c, Value vals, int merge, ValuesShared *sh, Value *out)
{
    Value v = vals.t == VT_MAP ? v_deep_copy(vals) : v_newmap(8);
    *out = v;
    return co_chart(c, v, NULL, merge, sh);
}

const char *values_coalesce(Chart *c, Value vals, int merge, Value *out)
{
    return values_coalesce_sh(c, vals, merge, NULL, out);
}

/* values_coalesce for values the caller hands over: Helm's copy of them
 * (copystructure.Copy) only keeps the caller's map unchanged, so here the
 * chart's values are coalesced into vals itself. */
const char *values_coalesce_owned_sh(Chart *c, Value vals, int merge, ValuesShared *sh, Value *out)
{
    if (vals.t != VT_MAP || !vals.u.m) return values_coalesce_sh(c, vals, merge, sh, out);
    *out = vals;
    return co_chart(c, vals, NULL, merge, sh);
}

const char *values_coalesce_owned(Chart *c, Value vals, int merge, Value *out)
{
    return values_coalesce_owned_sh(c, vals, merge, NULL, out);
}

/* Go's copystructure.Copy makes a tree again of what a coalesce shared:
 * here only the maps under the recorded shallow copies are copied (every
 * other map of a coalesce's result is reached along one path), so handing
 * a result on costs what its globals hold, not what all of it holds. */
void values_unshare(ValuesShared *sh)
{
    for (size_t i = 0; i < sh->n; i++)
        MAP_EACH(sh->v[i], e)
            if (e->v.t == VT_MAP && e->v.u.m) e->v = v_deep_copy(e->v);
    free(sh->v);
    *sh = (ValuesShared){0};
}

Value chart_scope_values(const Chart *c, Value parent_values)
{
    if (parent_values.t == VT_MAP) {
        Value *p = map_getc(parent_values.u.m, c->name);
        if (p && p->t == VT_MAP) return *p;
    }
    return v_newmap(0);
}
