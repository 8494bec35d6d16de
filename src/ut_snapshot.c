/*
 * ut_snapshot.c - matchSnapshot's cache: tests/__snapshot__/<suite>.snap,
 * a YAML map of test name -> snapshot number -> the yaml.v3 encoding of
 * the value snapshotted.
 * Mirrors helm-unittest v1.1.0 pkg/unittest/snapshot/cache.go and
 * factory.go (MIT): comparison is of the exact text; a snapshot that does
 * not exist yet passes and is written; a failing one keeps its cached
 * text unless --update-snapshot; the file is rewritten only when a
 * snapshot was added, updated or vanished.
 */
#define _GNU_SOURCE
#include "ut_int.h"
#include "chartc/codec.h"
#include "chartc/gostd.h"
#include "chartc/out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct UtSnap {
    const char *path;
    int existed, updating;
    Map *cached;    /* test -> map("N" -> string) */
    Map *current;
    unsigned updated, inserted, count;
};

static int sn_mkdir_p(const char *dir)
{
    char *p = cc_strdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, 0755) && errno != EEXIST) return -1;
        *s = '/';
    }
    if (mkdir(p, 0755) && errno != EEXIST) return -1;
    return 0;
}

/* Go's os error text: "open PATH: no such file or directory" */
static const char *sn_errno(const char *op, const char *path)
{
    char *t = cc_strdup(strerror(errno));
    if (t[0] >= 'A' && t[0] <= 'Z') t[0] = (char)(t[0] - 'A' + 'a');
    return cc_printf("%s %s: %s", op, path, t);
}

/* a scalar as yaml.v3 decodes it into a string field */
static const char *sn_text(Value v)
{
    switch (v.t) {
    case VT_STR: return cc_strndup(v.u.s, v.n);
    case VT_NIL: return "";
    case VT_BOOL: return v.u.b ? "true" : "false";
    case VT_INT: return cc_printf("%lld", (long long)v.u.i);
    default: return NULL;
    }
}

const char *ut_snap_open(const char *suite_path, int updating, UtSnap **out)
{
    const char *slash = strrchr(suite_path, '/');
    const char *dir = slash ? cc_strndup(suite_path, (size_t)(slash - suite_path)) : ".";
    const char *base = slash ? slash + 1 : suite_path;
    const char *cdir = cc_printf("%s/__snapshot__", dir);
    struct stat st;
    if (stat(cdir, &st) != 0) {
        if (sn_mkdir_p(cdir)) return sn_errno("mkdir", cdir);
    } else if (!S_ISDIR(st.st_mode)) {
        return cc_printf("snapshot cache dir %s is not a directory", cdir);
    }
    UtSnap *s = cc_alloc(sizeof *s);
    s->path = cc_printf("%s/%s.snap", cdir, base);
    s->updating = updating;
    s->cached = map_new(8);
    s->current = map_new(8);
    *out = s;
    FILE *f = fopen(s->path, "rb");
    if (!f) {
        if (errno == ENOENT) return NULL;
        return sn_errno("open", s->path);
    }
    Buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, n);
    fclose(f);
    Value docs;
    const char *err = yaml_load_v3(b.p ? b.p : "", b.len, &docs);
    buf_free(&b);
    if (err) return err;
    Value top = docs.u.l->len ? docs.u.l->v[0] : v_nil();
    if (top.t == VT_MAP) {
        MAP_EACH(top.u.m, t) {
            Map *idx = map_new(4);
            if (t->v.t == VT_MAP) {
                MAP_EACH(t->v.u.m, e) {
                    const char *txt = sn_text(e->v);
                    if (!txt) return cc_printf("yaml: unmarshal errors:\n  cannot unmarshal snapshot %.*s of test %s into string",
                                               (int)e->klen, e->k, t->k);
                    map_set(idx, e->k, e->klen, v_cstr(txt));
                }
            } else if (t->v.t != VT_NIL) {
                return cc_printf("yaml: unmarshal errors:\n  cannot unmarshal the snapshots of test %s into map[uint]string", t->k);
            }
            map_set(s->cached, t->k, t->klen, v_map(idx));
        }
    } else if (top.t != VT_NIL) {
        return "yaml: unmarshal errors:\n  cannot unmarshal the snapshot file into map[string]map[uint]string";
    }
    s->existed = 1;
    return NULL;
}

static Value *sn_get(Map *m, const char *test, unsigned idx)
{
    Value *t = map_getc(m, test);
    if (!t || t->t != VT_MAP) return NULL;
    return map_getc(t->u.m, cc_printf("%u", idx));
}

static void sn_set(Map *m, const char *test, unsigned idx, const char *snap)
{
    Value *t = map_getc(m, test);
    if (!t) {
        map_setc(m, test, v_newmap(4));
        t = map_getc(m, test);
    }
    map_setc(t->u.m, cc_printf("%u", idx), v_cstr(snap));
}

void ut_snap_compare(UtSnap *s, const char *test, unsigned idx, Value content,
                     const char *match, const char *notmatch, UtSnapResult *r)
{
    memset(r, 0, sizeof *r);
    s->count++;
    Value *c = sn_get(s->cached, test, idx);
    if (!c) s->inserted++;
    const char *fresh = ut_yaml(content);
    int ok = 1;
    /* patterns are trimmed of surrounding white space */
    const char *pats[2] = {match, notmatch};
    for (int i = 0; i < 2; i++) {
        if (!pats[i]) continue;
        const char *p = pats[i];
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f') p++;
        size_t n = strlen(p);
        while (n && strchr(" \t\n\r\v\f", p[n - 1])) n--;
        pats[i] = n ? cc_strndup(p, n) : NULL;
    }
    if (pats[0] || pats[1]) {
        int m = 0;
        if (pats[0]) {
            const char *e = go_regexp_match(pats[0], strlen(pats[0]), fresh, strlen(fresh), &m, NULL);
            if (e) r->err = cc_printf("failed to compile regex pattern %s: %s", pats[0], e);
            ok = m;
            if (!ok) r->msg = cc_printf(" pattern '%s' not found in snapshot", pats[0]);
        }
        if (pats[1] && ok) {
            const char *e = go_regexp_match(pats[1], strlen(pats[1]), fresh, strlen(fresh), &m, NULL);
            if (e) r->err = cc_printf("failed to compile regex pattern %s: %s", pats[1], e);
            if (m) {
                ok = 0;
                r->msg = cc_printf(" pattern '%s' should not be in snapshot", pats[1]);
            }
        }
    } else if (c && strcmp(fresh, c->u.s) != 0) {
        ok = 0;
        s->updated++;
    }
    sn_set(s->current, test, idx, s->updating || !c ? fresh : c->u.s);
    r->passed = s->updating || ok;
    r->index = idx;
    r->cached = c ? c->u.s : "";
    r->fresh = fresh;
}

static unsigned sn_vanished(const UtSnap *s)
{
    unsigned n = 0;
    MAP_EACH(s->cached, t) {
        Value *cur = map_get(s->current, t->k, t->klen);
        MAP_EACH(t->v.u.m, e)
            if (!cur || !map_get(cur->u.m, e->k, e->klen)) n++;
    }
    return n;
}

/* The file text: the yaml.v3 encoding of map[string]map[uint]string. */
static const char *sn_encode(const UtSnap *s)
{
    Buf b = {0};
    yaml_dump_pretty(&b, v_map(s->current));
    /* the snapshot numbers are uints: unquote the "N": keys of depth 1 */
    Buf o = {0};
    const char *p = buf_cstr(&b), *e = p + b.len;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        size_t ln = nl ? (size_t)(nl - p) + 1 : (size_t)(e - p);
        if (ln > 4 && p[0] == ' ' && p[1] == ' ' && p[2] == '"') {
            size_t k = 3;
            while (k < ln && p[k] >= '0' && p[k] <= '9') k++;
            if (k > 3 && k + 1 < ln && p[k] == '"' && p[k + 1] == ':') {
                buf_put(&o, "  ", 2);
                buf_put(&o, p + 3, k - 3);
                buf_put(&o, p + k + 1, ln - k - 1);
                p += ln;
                continue;
            }
        }
        buf_put(&o, p, ln);
        p += ln;
    }
    char *r = buf_arena(&o);
    buf_free(&o);
    buf_free(&b);
    return r;
}

const char *ut_snap_store(UtSnap *s)
{
    unsigned vanished = sn_vanished(s);
    int changed = s->updated || s->inserted || vanished;
    if (!changed) return NULL;
    if (!(s->updating || s->inserted || vanished)) return NULL;
    const char *text = sn_encode(s);
    const char *err = out_file_replace(s->path, text, strlen(text));   /* never a partial file */
    if (err) return err;
    s->existed = 1;
    return NULL;
}

void ut_snap_counts(const UtSnap *s, unsigned *created, unsigned *failed, unsigned *total,
                    unsigned *vanished)
{
    *created = s->inserted;
    *failed = s->updating ? 0 : s->updated;
    *total = s->count;
    *vanished = sn_vanished(s);
}
