/*
 * manifest.c - splitting rendered files into documents, reading each
 * document's head, hooks, install-order sorting.
 * Mirrors helm v4.1.4 pkg/release/v1/util/manifest.go (SplitManifests),
 * manifest_sorter.go (SortManifests), kind_sorter.go (InstallOrder,
 * lessByKind); v3.17.3 pkg/releaseutil for the differences (no webhook
 * kinds, log format, SimpleHead type name). Also Go's strings.TrimSpace,
 * which these rely on.
 */
#include "chartc/render.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- strings.TrimSpace -------------------------------------------------- */

/* Decode one UTF-8 rune at s[0..n); *len gets its byte length. Invalid
 * sequences decode as U+FFFD of length 1 (Go's utf8.DecodeRune). */
static unsigned mf_rune(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    *len = 1;
    if (c < 0x80) return c;
    int k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (!k || c > 0xF4 || (size_t)k + 1 > n) return 0xFFFD;
    unsigned r = c & (0x3F >> k);
    for (int i = 1; i <= k; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0xFFFD;
        r = (r << 6) | (s[i] & 0x3F);
    }
    static const unsigned minr[] = {0, 0x80, 0x800, 0x10000};
    if (r < minr[k] || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0xFFFD;
    *len = (size_t)k + 1;
    return r;
}

/* unicode.IsSpace */
static int mf_is_space(unsigned r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return 1;
    }
    return r >= 0x2000 && r <= 0x200A;
}

/* Length of the white-space rune ending at s[n-1], 0 if none. */
static size_t mf_space_before(const unsigned char *s, size_t n)
{
    if (!n) return 0;
    if (s[n - 1] < 0x80) return mf_is_space(s[n - 1]) ? 1 : 0;
    size_t st = n - 1;
    while (st > 0 && n - st < 4 && (s[st] & 0xC0) == 0x80) st--;
    size_t len;
    unsigned r = mf_rune(s + st, n - st, &len);
    return (st + len == n && mf_is_space(r)) ? len : 0;
}

void go_trim_space(const char **sp, size_t *np)
{
    const unsigned char *s = (const unsigned char *)*sp;
    size_t n = *np;
    while (n) {
        size_t len;
        unsigned r = mf_rune(s, n, &len);
        if (!mf_is_space(r)) break;
        s += len; n -= len;
    }
    for (size_t k; n && (k = mf_space_before(s, n)); ) n -= k;
    *sp = (const char *)s;
    *np = n;
}

/* ---- SplitManifests ------------------------------------------------------ */

/* RE2 \s */
static int mf_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

/* Next match of (?:^|\s*\n)---\s* in s at or after pos (leftmost-first);
 * returns 1 and [*ms, *me) when found. */
static int mf_next_sep(const char *s, size_t n, size_t pos, size_t *ms, size_t *me)
{
    size_t q;
    if (pos == 0 && n >= 3 && memcmp(s, "---", 3) == 0) {
        *ms = 0; q = 0;
    } else {
        const char *p = s + pos;
        for (;;) {
            p = memchr(p, '\n', (size_t)(s + n - p));
            if (!p) return 0;
            if ((size_t)(s + n - p) >= 4 && memcmp(p + 1, "---", 3) == 0) break;
            p++;
        }
        q = (size_t)(p - s) + 1;
        size_t st = (size_t)(p - s);
        while (st > pos && mf_ws(s[st - 1])) st--;
        *ms = st;
    }
    size_t e = q + 3;
    while (e < n && mf_ws(s[e])) e++;
    *me = e;
    return 1;
}

int manifest_split(const char *s, size_t n, MDoc **out)
{
    go_trim_space(&s, &n);
    size_t cap = 8, cnt = 0;
    MDoc *d = cc_alloc(cap * sizeof *d);
    /* regexp.Split(s, -1), then empty pieces dropped and the rest trimmed */
    size_t beg = 0, end = 0, pos = 0, ms, me;
    int more = n > 0;
    while (more) {
        const char *ps = s + beg;
        size_t pn;
        if (mf_next_sep(s, n, pos, &ms, &me)) {
            end = ms;
            pn = end - beg;
            beg = pos = me;
        } else {
            more = 0;
            if (end == n) break;
            pn = n - beg;
        }
        if (!pn) continue;
        go_trim_space(&ps, &pn);
        if (cnt == cap) { d = cc_grow(d, cap * sizeof *d, 2 * cap * sizeof *d); cap *= 2; }
        d[cnt].s = ps; d[cnt].n = pn; cnt++;
    }
    *out = d;
    return (int)cnt;
}

/* ---- kind order ----------------------------------------------------------- */

static const char *const mf_install_order[] = {
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
    "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
    "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
    "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
    "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
    "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
    "APIService",
    /* v4 only: */
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
};
#define MF_NORDER (sizeof mf_install_order / sizeof mf_install_order[0])
#define MF_NORDER_V3 (MF_NORDER - 2)

static int mf_rank(const char *k)
{
    size_t n = cc_helm_major >= 4 ? MF_NORDER : MF_NORDER_V3;
    for (size_t i = 0; i < n; i++)
        if (strcmp(k, mf_install_order[i]) == 0) return (int)i;
    return -1;
}

int manifest_kind_less(const char *a, const char *b)
{
    int ra = mf_rank(a), rb = mf_rank(b);
    if (ra < 0 && rb < 0) return strcmp(a, b) < 0;
    if (ra < 0) return 0;
    if (rb < 0) return 1;
    return ra < rb;
}

/* Stable merge sort of manifests by kind (sort.SliceStable). */
static void mf_sort_by_kind(Manifest *m, int n)
{
    if (n < 2) return;
    int *rank = malloc((size_t)n * sizeof *rank);
    Manifest *tmp = malloc((size_t)n * sizeof *tmp);
    if (!rank || !tmp) cc_oom();
    /* ranks computed once; unknown kinds compare by name */
    for (int i = 0; i < n; i++) rank[i] = mf_rank(m[i].kind);
    Manifest *src = m, *dst = tmp;
    int *rsrc = rank, *rtmp = malloc((size_t)n * sizeof *rtmp), *rdst = rtmp;
    if (!rtmp) cc_oom();
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                int ri = rsrc[i], rj = rsrc[j], less;
                if (ri < 0 && rj < 0) less = strcmp(src[j].kind, src[i].kind) < 0;
                else if (rj < 0) less = 0;
                else if (ri < 0) less = 1;
                else less = rj < ri;
                if (less) { dst[k] = src[j]; rdst[k++] = rsrc[j++]; }
                else { dst[k] = src[i]; rdst[k++] = rsrc[i++]; }
            }
            while (i < mid) { dst[k] = src[i]; rdst[k++] = rsrc[i++]; }
            while (j < hi) { dst[k] = src[j]; rdst[k++] = rsrc[j++]; }
        }
        Manifest *t = src; src = dst; dst = t;
        int *rt = rsrc; rsrc = rdst; rdst = rt;
    }
    if (src != m) memcpy(m, src, (size_t)n * sizeof *m);
    free(tmp); free(rank); free(rtmp);
}

/* ---- document heads -------------------------------------------------------- */


/* A YAML value decoded into a Go string field (sigs.k8s.io/yaml converts
 * scalars to strings for string targets). Returns the JSON kind name on a
 * type mismatch, NULL on success. */
static const char *mf_as_string(Value v, const char **out)
{
    switch (v.t) {
    case VT_NIL: *out = ""; return NULL;
    case VT_STR: *out = cc_strndup(v.u.s, v.n); return NULL;
    case VT_BOOL: case VT_INT: case VT_FLOAT: {
        Buf b = {0};
        go_print(&b, v);
        *out = buf_arena(&b);
        buf_free(&b);
        return NULL;
    }
    default: return v_json_kind(v);
    }
}

typedef struct Head { const char *kind; Map *ann; } Head;

static const char *mf_head(const char *doc, size_t n, Head *h)
{
    Value v;
    /* SimpleHead: of metadata only its name and annotations */
    static const char *const keys[] = {"apiVersion", "kind", "metadata/name", "metadata/annotations"};
    const char *err = yaml_load_keys(doc, n, keys, 4, &v);
    if (err) return err;
    h->kind = ""; h->ann = NULL;
    const char *tyname = cc_helm_major >= 4 ? "util.SimpleHead" : "releaseutil.SimpleHead";
    const char *pre = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal";
    if (v.t == VT_NIL) return NULL;
    if (v.t != VT_MAP)
        return cc_printf("%s %s into Go value of type %s", pre, v_json_kind(v), tyname);
    /* json.Unmarshal reports the first type error in (sorted) key order */
    const char *first = NULL, *s, *bad;
    Value *f;
    if ((f = map_getc(v.u.m, "apiVersion")) && (bad = mf_as_string(*f, &s)))
        first = cc_printf("%s %s into Go struct field SimpleHead.apiVersion of type string", pre, bad);
    if ((f = map_getc(v.u.m, "kind")) && (bad = mf_as_string(*f, &s))) {
        if (!first) first = cc_printf("%s %s into Go struct field SimpleHead.kind of type string", pre, bad);
    } else if (f) h->kind = s;
    if ((f = map_getc(v.u.m, "metadata")) && f->t != VT_NIL) {
        if (f->t != VT_MAP) {
            if (!first)
                first = cc_printf("%s %s into Go struct field SimpleHead.metadata of type struct { Name string "
                                  "\"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }",
                                  pre, v_json_kind(*f));
        } else {
            Map *md = f->u.m;
            Value *a = map_getc(md, "annotations");
            if (a && a->t != VT_NIL) {
                if (a->t != VT_MAP) {
                    if (!first)
                        first = cc_printf("%s %s into Go struct field .metadata.annotations of type map[string]string",
                                          pre, v_json_kind(*a));
                } else {
                    Map *ann = map_new(a->u.m->len);
                    MapEnt **es = map_sorted(a->u.m, 0);
                    for (uint32_t i = 0; i < a->u.m->len; i++) {
                        if ((bad = mf_as_string(es[i]->v, &s))) {
                            if (!first)
                                first = cc_printf("%s %s into Go struct field .metadata.annotations of type string", pre, bad);
                        } else {
                            map_set(ann, es[i]->k, es[i]->klen, v_cstr(s));
                        }
                    }
                    h->ann = ann;
                }
            }
            Value *nm = map_getc(md, "name");
            if (nm && (bad = mf_as_string(*nm, &s)) && !first)
                first = cc_printf("%s %s into Go struct field .metadata.name of type string", pre, bad);
        }
    }
    return first;
}

/* ---- hooks ------------------------------------------------------------------ */

static const char *const mf_events[] = {
    "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade",
    "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success",
};

/* slog TextHandler: quote a value when empty or containing space, '=', '"'
 * or a non-printable character. */
void slog_value(Buf *b, const char *s)
{
    int q = !*s;
    for (const unsigned char *p = (const unsigned char *)s; *p && !q; p++)
        if (*p <= ' ' || *p == '=' || *p == '"' || *p == 0x7f) q = 1;
    if (q) go_quote(b, s, strlen(s), 0);
    else buf_puts(b, s);
}

/* Classify the hook annotation `hv`: returns 1 for a known hook (sets
 * *is_test), 0 when some event is unknown (the document is dropped). */
static int mf_hook_events(const char *hv, int *is_test)
{
    *is_test = 0;
    const char *p = hv;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        const char *t = p;
        go_trim_space(&t, &n);
        char *ev = cc_strndup(t, n);
        for (char *q = ev; *q; q++) if (*q >= 'A' && *q <= 'Z') *q += 32;
        size_t i;
        for (i = 0; i < sizeof mf_events / sizeof mf_events[0]; i++)
            if (strcmp(ev, mf_events[i]) == 0) break;
        if (i == sizeof mf_events / sizeof mf_events[0]) return 0;
        if (i >= 8) *is_test = 1;
        if (!c) return 1;
        p = c + 1;
    }
}

static int mf_by_path(const void *a, const void *b)
{
    return strcmp(((const RenderedFile *)a)->path, ((const RenderedFile *)b)->path);
}

static const char *mf_base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

typedef struct MVec { Manifest *v; int n, cap; } MVec;
static void mv_push(MVec *m, Manifest x)
{
    if (m->n == m->cap) {
        int nc = m->cap ? 2 * m->cap : 16;
        m->v = cc_grow(m->v, (size_t)m->cap * sizeof *m->v, (size_t)nc * sizeof *m->v);
        m->cap = nc;
    }
    m->v[m->n++] = x;
}

const char *manifest_sort(RenderedFile *files, int nfiles,
                          Manifest **generic, int *ngeneric,
                          Manifest **hooks, int *nhooks)
{
    qsort(files, (size_t)nfiles, sizeof *files, mf_by_path);
    MVec g = {0}, h = {0};
    for (int i = 0; i < nfiles; i++) {
        RenderedFile *f = &files[i];
        if (mf_base(f->path)[0] == '_') continue;
        const char *s = f->data; size_t n = f->len;
        go_trim_space(&s, &n);
        if (!n) continue;
        MDoc *docs;
        int nd = manifest_split(f->data, f->len, &docs);
        for (int k = 0; k < nd; k++) {
            Head hd;
            const char *err = mf_head(docs[k].s, docs[k].n, &hd);
            if (err) return cc_printf("YAML parse error on %s: %s", f->path, err);
            Manifest m = {f->path, docs[k].s, docs[k].n, hd.kind, 0};
            Value *hv = hd.ann && hd.ann->len ? map_getc(hd.ann, "helm.sh/hook") : NULL;
            if (!hv) { mv_push(&g, m); continue; }
            const char *hs = hv->t == VT_STR ? hv->u.s : "";
            if (!mf_hook_events(hs, &m.is_test)) {
                Buf b = {0};
                if (cc_helm_major >= 4) {
                    buf_puts(&b, "level=INFO msg=\"skipping unknown hooks\" hookTypes=");
                    slog_value(&b, hs);
                } else {
                    buf_puts(&b, "manifest_sorter.go:190: info: skipping unknown hook: ");
                    go_quote(&b, hs, strlen(hs), 0);
                }
                buf_putc(&b, '\n');
                fwrite(b.p, 1, b.len, stderr);
                buf_free(&b);
                continue;
            }
            mv_push(&h, m);
        }
    }
    mf_sort_by_kind(g.v, g.n);
    mf_sort_by_kind(h.v, h.n);
    *generic = g.v; *ngeneric = g.n;
    *hooks = h.v; *nhooks = h.n;
    return NULL;
}
