/*
 * deps.c - dependency processing: the missing-dependency check, aliases
 * (with version constraints), tags and conditions, removal of disabled
 * subcharts, import-values, then the final coalescing of user values.
 * Mirrors helm v4.1.4 pkg/chart/v2/util/dependencies.go
 * (ProcessDependencies, the "merge" variant), pkg/action/dependency.go
 * CheckDependencies and pkg/chart/common/util/values.go ToRenderValues.
 */
#include <stdlib.h>
#include <string.h>
#include "chart_priv.h"
#include "values_priv.h"
#include "chartc/gostd.h"
#include "chartc/gofmt.h"
#include "chartc/semver.h"

static Value dep_field(Value d, const char *k)
{
    Value *p = d.t == VT_MAP ? map_getc(d.u.m, k) : NULL;
    return p ? *p : v_nil();
}
static const char *dep_str(Value d, const char *k)
{
    Value v = dep_field(d, k);
    return v.t == VT_STR ? v.u.s : "";
}
static Value meta_deps(const Chart *c)
{
    Value *p = map_getc(c->meta.u.m, "dependencies");
    return p && p->t == VT_LIST ? *p : v_nil();
}
static const char *chart_version(const Chart *c)
{
    Value *p = map_getc(c->meta.u.m, "version");
    return p && p->t == VT_STR ? p->u.s : "";
}

/* IsCompatibleRange(constraint, version) */
static int compatible(const char *constraint, const char *version)
{
    SemVer v;
    if (semver_parse(version, strlen(version), &v) != 0) return 0;
    return semver_match(constraint, &v, NULL) == 1;
}

/* CheckDependencies (root chart only) */
static const char *check_deps(const Chart *c)
{
    Value ds = meta_deps(c);
    if (ds.t != VT_LIST) return NULL;
    Buf miss = {0};
    int nmiss = 0;   /* a missing name may be "" */
    for (uint32_t i = 0; i < ds.u.l->len; i++) {
        const char *name = dep_str(ds.u.l->v[i], "name");
        int found = 0;
        for (int j = 0; j < c->ndeps && !found; j++) found = !strcmp(c->deps[j]->name, name);
        if (!found) {
            if (nmiss++) buf_puts(&miss, ", ");
            buf_puts(&miss, name);
        }
    }
    if (!nmiss) return NULL;
    const char *r = cc_printf("%s error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: %s",
                              cc_helm_major >= 4 ? "an" : "An", buf_cstr(&miss));
    buf_free(&miss);
    return r;
}

/* A copy of chart c with its own metadata (getAliasDependency). */
static Chart *chart_copy(const Chart *c)
{
    Chart *o = cc_alloc(sizeof *o);
    *o = *c;
    o->meta = v_deep_copy(c->meta);
    o->deps = cc_alloc((c->ndeps + 1) * sizeof *o->deps);
    for (int i = 0; i < c->ndeps; i++) {
        Chart *d = cc_alloc(sizeof *d);
        *d = *c->deps[i];
        o->deps[i] = d;
    }
    return o;
}

static Chart *alias_dependency(Chart *c, Value req)
{
    const char *name = dep_str(req, "name");
    for (int i = 0; i < c->ndeps; i++) {
        Chart *d = c->deps[i];
        if (strcmp(d->name, name) || !compatible(dep_str(req, "version"), chart_version(d))) continue;
        Chart *o = chart_copy(d);
        const char *alias = dep_str(req, "alias");
        if (*alias) {
            o->name = alias;
            map_setc(o->meta.u.m, "name", v_cstr(alias));
        }
        return o;
    }
    return NULL;
}

static void warn(const char *v3src, const char *v3msg, const char *v4msg, const char *const *kv)
{
    go_log(v3src, "WARN", v3msg, v4msg, kv);
}

static void process_tags(Value reqs, Value cvals)
{
    Value vt;
    if (!values_table(cvals, "tags", &vt)) return;
    for (uint32_t i = 0; i < reqs.u.l->len; i++) {
        Value r = reqs.u.l->v[i];
        Value tags = dep_field(r, "tags");
        int has_true = 0, has_false = 0;
        for (uint32_t j = 0; tags.t == VT_LIST && j < tags.u.l->len; j++) {
            Value k = tags.u.l->v[j];
            if (k.t != VT_STR) continue;
            Value *b = map_get(vt.u.m, k.u.s, k.n);
            if (!b) continue;
            if (b->t == VT_BOOL) {
                if (b->u.b) has_true = 1; else has_false = 1;
            } else {
                const char *kv[] = {"tag", k.u.s, "chart", dep_str(r, "name"), NULL};
                warn("dependencies.go:94",
                     cc_printf("Warning: Tag '%s' for chart %s returned non-bool value", k.u.s, dep_str(r, "name")),
                     "returned non-bool value", kv);
            }
        }
        if (!has_true && has_false) map_setc(r.u.m, "enabled", v_bool(0));
        else map_setc(r.u.m, "enabled", v_bool(1));
    }
}

static void process_conditions(Value reqs, Value cvals, const char *cpath)
{
    for (uint32_t i = 0; i < reqs.u.l->len; i++) {
        Value r = reqs.u.l->v[i];
        const char *cond = dep_str(r, "condition");
        while (*cond == ' ' || *cond == '\t' || *cond == '\n' || *cond == '\r') cond++;
        size_t cl = strlen(cond);
        while (cl && strchr(" \t\r\n\v\f", cond[cl - 1])) cl--;
        const char *p = cond, *end = cond + cl;
        while (p <= end && cl) {
            const char *comma = memchr(p, ',', end - p);
            const char *ce = comma ? comma : end;
            if (ce > p) {
                const char *c = cc_strndup(p, ce - p);
                Value vv;
                if (values_path_value(cvals, cc_printf("%s%s", cpath, c), &vv)) {
                    if (vv.t == VT_BOOL) {
                        map_setc(r.u.m, "enabled", vv);
                        break;
                    }
                    const char *kv[] = {"path", c, "chart", dep_str(r, "name"), NULL};
                    warn("dependencies.go:63",
                         cc_printf("Warning: Condition path '%s' for chart %s returned non-bool value", c, dep_str(r, "name")),
                         "returned non-bool value", kv);
                }
            }
            if (!comma) break;
            p = comma + 1;
        }
    }
}

/* processDependencyEnabled. Go coalesces a copy of v for every chart
 * that lists dependencies; v is the parent's coalesced values, so on a
 * chain of N subcharts the copies alone held O(N^3) entries (11.5 GB at
 * N=300). The parent gives its values up to its last child (vsh non-NULL:
 * what v's globals share): that child coalesces into v itself, made a
 * tree again first (values_unshare). */
static const char *process_enabled(Chart *c, Value v, const char *path, ValuesShared *vsh)
{
    Value reqs = meta_deps(c);
    if (reqs.t != VT_LIST) return NULL;
    Chart **nd = cc_alloc((c->ndeps + reqs.u.l->len + 1) * sizeof *nd);
    int nn = 0;
    for (int i = 0; i < c->ndeps; i++) {
        Chart *ex = c->deps[i];
        int matched = 0;
        for (uint32_t j = 0; j < reqs.u.l->len && !matched; j++) {
            Value r = reqs.u.l->v[j];
            matched = !strcmp(ex->name, dep_str(r, "name")) && compatible(dep_str(r, "version"), chart_version(ex));
        }
        if (!matched) nd[nn++] = ex;
    }
    for (uint32_t j = 0; j < reqs.u.l->len; j++) {
        Value r = reqs.u.l->v[j];
        if (r.t != VT_MAP) continue;
        Chart *a = alias_dependency(c, r);
        if (a) nd[nn++] = a;
        const char *alias = dep_str(r, "alias");
        if (*alias) map_setc(r.u.m, "name", v_cstr(alias));
    }
    c->deps = nd;
    c->ndeps = nn;
    for (int i = 0; i < nn; i++) nd[i]->parent = c;
    for (uint32_t j = 0; j < reqs.u.l->len; j++)
        if (reqs.u.l->v[j].t == VT_MAP) map_setc(reqs.u.l->v[j].u.m, "enabled", v_bool(1));
    Value cvals;
    ValuesShared sh = {0};
    if (vsh) values_unshare(vsh);
    const char *err = vsh ? values_coalesce_owned_sh(c, v, 0, &sh, &cvals) : values_coalesce_sh(c, v, 0, &sh, &cvals);
    if (err) { free(sh.v); return err; }
    process_tags(reqs, cvals);
    process_conditions(reqs, cvals, path);
    /* remove disabled charts and their metadata entries */
    Map *rm = map_new(4);
    for (uint32_t j = 0; j < reqs.u.l->len; j++) {
        Value r = reqs.u.l->v[j];
        Value en = dep_field(r, "enabled");
        if (en.t == VT_BOOL && !en.u.b) map_setc(rm, dep_str(r, "name"), v_bool(1));
    }
    int k = 0;
    for (int i = 0; i < nn; i++)
        if (!map_getc(rm, nd[i]->name)) nd[k++] = nd[i];
    c->ndeps = k;
    Value keep = v_newlist(reqs.u.l->len);
    for (uint32_t j = 0; j < reqs.u.l->len; j++)
        if (!map_getc(rm, dep_str(reqs.u.l->v[j], "name"))) list_push(keep.u.l, reqs.u.l->v[j]);
    for (int i = 0; i < c->ndeps; i++) {
        Chart *t = c->deps[i];
        err = process_enabled(t, cvals, cc_printf("%s%s.", path, t->name), i == c->ndeps - 1 ? &sh : NULL);
        if (err) { free(sh.v); return err; }
    }
    free(sh.v);   /* the last child took it over, or nothing needs it */
    map_setc(c->meta.u.m, "dependencies", keep);
    return NULL;
}

static Value path_to_map(const char *path, Value data)
{
    if (!strcmp(path, ".")) return data;
    /* set(parsePath(path), data): nested maps, innermost holds data */
    Value cur = data;
    const char *end = path + strlen(path);
    while (1) {
        const char *dot = end;
        while (dot > path && dot[-1] != '.') dot--;
        Value m = v_newmap(1);
        map_set(m.u.m, dot, end - dot, cur);
        cur = m;
        if (dot == path) break;
        end = dot - 1;
    }
    return cur;
}

/* processImportValues (merge variant) */
static const char *process_imports(Chart *c)
{
    Value reqs = meta_deps(c);
    if (reqs.t != VT_LIST) return NULL;
    Value cvals;
    ValuesShared sh = {0};
    const char *err = values_coalesce_sh(c, v_nil(), 1, &sh, &cvals);
    if (err) { free(sh.v); return err; }
    Value b = v_newmap(4);
    for (uint32_t j = 0; j < reqs.u.l->len; j++) {
        Value r = reqs.u.l->v[j];
        if (r.t != VT_MAP) continue;
        Value ivs = dep_field(r, "import-values");
        if (ivs.t != VT_LIST) continue;
        Value outiv = v_newlist(ivs.u.l->len);
        const char *rname = dep_str(r, "name");
        for (uint32_t i = 0; i < ivs.u.l->len; i++) {
            Value iv = ivs.u.l->v[i];
            const char *child, *parent;
            int is_map = iv.t == VT_MAP;
            if (is_map) {
                Buf cb = {0}, pb = {0};
                Value *cv = map_getc(iv.u.m, "child"), *pv = map_getc(iv.u.m, "parent");
                go_print(&cb, cv ? *cv : v_nil());
                go_print(&pb, pv ? *pv : v_nil());
                child = buf_arena(&cb); parent = buf_arena(&pb);
                buf_free(&cb); buf_free(&pb);
            } else if (iv.t == VT_STR) {
                child = cc_printf("exports.%s", iv.u.s);
                parent = ".";
            } else {
                continue;
            }
            Value e = v_newmap(2);
            e.g = GT_STRMAP;
            map_setc(e.u.m, "child", v_cstr(child));
            map_setc(e.u.m, "parent", v_cstr(parent));
            list_push(outiv.u.l, e);
            Value vv;
            const char *tpath = cc_printf("%s.%s", rname, child);
            if (!values_table(cvals, tpath, &vv)) {
                /* ErrNoTable names the first missing path element */
                const char *miss = tpath;
                Value t = cvals;
                for (const char *p = tpath;;) {
                    const char *dot = strchr(p, '.');
                    size_t n = dot ? (size_t)(dot - p) : strlen(p);
                    Value *x = t.t == VT_MAP ? map_get(t.u.m, p, n) : NULL;
                    if (!x || x->t != VT_MAP) { miss = cc_strndup(p, n); break; }
                    t = *x;
                    if (!dot) break;
                    p = dot + 1;
                }
                Buf q = {0};
                go_quote(&q, miss, strlen(miss), 0);
                const char *e2 = cc_printf("%s is not a table", buf_cstr(&q));
                buf_free(&q);
                if (is_map) {
                    const char *kv[] = {"chart", rname, "error", e2, NULL};
                    warn("dependencies.go:269", cc_printf("Warning: ImportValues missing table from chart %s: %s", rname, e2),
                         "ImportValues missing table from chart", kv);
                } else {
                    const char *kv[] = {"error", e2, NULL};
                    warn("dependencies.go:286", cc_printf("Warning: ImportValues missing table: %s", e2),
                         "ImportValues missing table", kv);
                }
                continue;
            }
            b = values_coalesce_tables(b, is_map ? path_to_map(parent, v_deep_copy(vv)) : v_deep_copy(vv), 1);
        }
        map_setc(r.u.m, "import-values", outiv);
    }
    values_unshare(&sh);   /* Go: deepCopyMap(cvals) */
    c->values = values_coalesce_tables(cvals, b, 1);
    return NULL;
}

static const char *process_import_values(Chart *c)
{
    for (int i = 0; i < c->ndeps; i++) {
        const char *err = process_import_values(c->deps[i]);
        if (err) return err;
    }
    return process_imports(c);
}

/* owned: user is the caller's to give up (chart_process), so the final
 * coalesce needs no copy of it. */
static const char *process(Chart *c, Value user, Value *values, int check, int owned)
{
    const char *err = check ? check_deps(c) : NULL;
    if (err) return err;
    if (user.t != VT_MAP) user = v_newmap(0);
    if (!(err = process_enabled(c, user, "", NULL))) err = process_import_values(c);
    if (err) {
        if (cc_helm_major == 3) return err;
        const char *kv[] = {"error", err, NULL};
        go_log("", "ERROR", "", "chart dependencies processing failed", kv);
        return cc_printf("chart dependencies processing failed: %s", err);
    }
    chart_fix_paths(c, NULL);
    return owned ? values_coalesce_owned(c, user, 0, values) : values_coalesce(c, user, 0, values);
}

const char *chart_process(Chart *c, Value user, Value *values) { return process(c, user, values, 1, 1); }

const char *chart_process_deps(Chart *c, Value user, Value *values) { return process(c, user, values, 0, 0); }

Chart *chart_clone(const Chart *c)
{
    Chart *o = cc_alloc(sizeof *o);
    *o = *c;
    o->meta = v_deep_copy(c->meta);
    o->values = v_deep_copy(c->values);
    o->deps = cc_alloc(((size_t)c->ndeps + 1) * sizeof *o->deps);
    for (int i = 0; i < c->ndeps; i++) {
        o->deps[i] = chart_clone(c->deps[i]);
        o->deps[i]->parent = o;
    }
    return o;
}
