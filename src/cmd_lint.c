/*
 * cmd_lint.c - `chartc lint PATH... [flags]`: Helm's chart linter, its
 * messages, summary line and exit status.
 * Mirrors helm v4.1.4 pkg/cmd/lint.go, pkg/action/lint.go,
 * pkg/chart/v2/lint/lint.go, pkg/chart/v2/lint/support/message.go and
 * pkg/chart/v2/lint/rules/{chartfile,values,template,dependencies,crds,
 * deprecations}.go (v3.17.3: cmd/helm/lint.go, pkg/lint/... per
 * cc_helm_major), with k8s.io/apimachinery's name validation and
 * YAMLOrJSONDecoder and k8s.io/apiserver's deprecation texts. The API
 * lifecycle data is src/lint_lifecycle.def (tests/gen-lint-lifecycle.py).
 * Templates are rendered by render_templates in lint mode (cc_lint_mode).
 */
#define _GNU_SOURCE
#define _XOPEN_SOURCE_EXTENDED 1
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/lint.h"
#include "chartc/out.h"
#include "chartc/render.h"
#include "chartc/semver.h"
#include "archive_priv.h"
#include "values_priv.h"

#include <errno.h>
#include <ftw.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- messages (support/message.go) ----------------------------------------- */

enum { SEV_UNKNOWN, SEV_INFO, SEV_WARNING, SEV_ERROR };
static const char *const lt_sev[] = {"UNKNOWN", "INFO", "WARNING", "ERROR"};

typedef struct LMsg { int sev; const char *path, *err; } LMsg;
typedef struct Linter { LMsg *v; int n, cap; const char *dir; } Linter;

/* RunLinterRule: records err (when not NULL); returns 1 when it passed. */
static int lt_rule(Linter *l, int sev, const char *path, const char *err)
{
    if (!err) return 1;
    if (l->n == l->cap) {
        int nc = l->cap ? 2 * l->cap : 16;
        l->v = cc_grow(l->v, (size_t)l->cap * sizeof *l->v, (size_t)nc * sizeof *l->v);
        l->cap = nc;
    }
    l->v[l->n++] = (LMsg){sev, path, err};
    return 0;
}

/* ---- small Go helpers ---------------------------------------------------------- */

/* filepath.Ext */
static const char *lt_ext(const char *p)
{
    for (const char *e = p + strlen(p); e > p; e--) {
        if (e[-1] == '/') break;
        if (e[-1] == '.') return e - 1;
    }
    return "";
}

static int lt_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !memcmp(s + n - m, suf, m);
}

static const char *lt_errno(int e)
{
    char *t = cc_strdup(strerror(e));
    if (t[0] >= 'A' && t[0] <= 'Z') t[0] = (char)(t[0] - 'A' + 'a');
    return t;
}

/* filepath.Abs: the working directory ($PWD when it names it) joined and cleaned. */
static const char *lt_abs(const char *p)
{
    if (p[0] == '/') return go_path_clean(p, strlen(p));
    const char *wd = getenv("PWD");
    struct stat a, b;
    char buf[4096];
    if (!wd || wd[0] != '/' || stat(wd, &a) || stat(".", &b) || a.st_ino != b.st_ino || a.st_dev != b.st_dev)
        wd = getcwd(buf, sizeof buf) ? buf : "/";
    const char *j = cc_printf("%s/%s", wd, p);
    return go_path_clean(j, strlen(j));
}

static int lt_read(const char *path, const char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    Buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, k);
    int bad = ferror(f);
    fclose(f);
    if (bad) { buf_free(&b); return -1; }
    *len = b.len;
    *data = b.len ? buf_arena(&b) : "";
    buf_free(&b);
    return 0;
}

static const char *lt_mstr(Value m, const char *k)
{
    Value *v = m.t == VT_MAP ? map_getc(m.u.m, k) : NULL;
    return v && v->t == VT_STR ? cc_strndup(v->u.s, v->n) : "";
}

/* %T of a value decoded by encoding/json into interface{} */
static const char *lt_json_gotype(Value v)
{
    switch (v.t) {
    case VT_NIL: return "<nil>";
    case VT_BOOL: return "bool";
    case VT_INT: case VT_FLOAT: return "float64";
    case VT_STR: return "string";
    case VT_LIST: return "[]interface {}";
    default: return "map[string]interface {}";
    }
}

/* ---- Chart.yaml (rules/chartfile.go) -------------------------------------------- */

/* A rough govalidator.IsRequestURL: url.ParseRequestURI with a scheme. */
static int lt_is_request_url(const char *s)
{
    const char *p = s;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.') p++;
    if (*p != ':') return 0;
    for (const char *q = s; *q; q++)
        if ((unsigned char)*q < 0x20 || *q == 0x7f || *q == ' ') return 0;
    return 1;
}

/* A rough govalidator.IsEmail: local@domain, the domain two or more
 * labels of letters, digits and '-' (not first or last). */
static int lt_is_email(const char *s)
{
    const char *at = strrchr(s, '@');
    if (!at || at == s || strchr(s, ' ')) return 0;
    const char *p = at + 1;
    int labels = 0;
    for (;;) {
        const char *e = strchr(p, '.');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (!n || n > 63 || p[0] == '-' || p[n - 1] == '-') return 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                return 0;
        }
        labels++;
        if (!e) break;
        p = e + 1;
    }
    return labels >= 2;
}

/* govalidator.IsURL, roughly: a host with a dot or localhost, optional scheme. */
static int lt_is_url(const char *s)
{
    if (!*s || strlen(s) >= 2083 || strchr(s, ' ')) return 0;
    const char *h = strstr(s, "://");
    h = h ? h + 3 : s;
    size_t n = strcspn(h, "/?#:");
    if (!n) return 0;
    return memchr(h, '.', n) != NULL || (n == 9 && !strncmp(h, "localhost", 9));
}

/* semver.StrictNewVersion */
static int lt_strict_semver(const char *s)
{
    const char *p = s;
    for (int part = 0; part < 3; part++) {
        if (part && *p++ != '.') return 0;
        if (!(*p >= '0' && *p <= '9')) return 0;
        if (*p == '0' && p[1] >= '0' && p[1] <= '9') return 0;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p == '-' || *p == '+') {
        SemVer v;
        return semver_parse(s, strlen(s), &v) == 0;
    }
    return *p == 0;
}

/* json DisallowUnknownFields over the Chart.yaml map: the first key (in
 * sorted order, depth first) that matches no field of chart.Metadata. */
static const char *lt_unknown_field(Value m, const char *const *known, int level)
{
    static const char *const maint[] = {"name", "email", "url", NULL};
    static const char *const dep[] = {"name", "version", "repository", "condition", "tags", "enabled",
                                      "import-values", "alias", NULL};
    if (m.t != VT_MAP) return NULL;
    MapEnt **es = map_sorted(m.u.m, 0);
    for (uint32_t i = 0; i < m.u.m->len; i++) {
        const char *k = es[i]->k;
        const char *f = NULL;
        for (int j = 0; known[j]; j++) if (!strcasecmp(known[j], k)) { f = known[j]; break; }
        if (!f) return cc_printf("json: unknown field %s", go_quoted(k, es[i]->klen));
        if (level == 0 && (!strcmp(f, "maintainers") || !strcmp(f, "dependencies")) && es[i]->v.t == VT_LIST) {
            List *l = es[i]->v.u.l;
            for (uint32_t j = 0; j < l->len; j++) {
                const char *e = lt_unknown_field(l->v[j], !strcmp(f, "maintainers") ? maint : dep, 1);
                if (e) return e;
            }
        }
    }
    return NULL;
}

static int lt_line_cmp(const void *a, const void *b)
{
    long x = atol(*(const char *const *)a + 8), y = atol(*(const char *const *)b + 8);
    return (x > y) - (x < y);
}

/* go-yaml v2 UnmarshalStrict's duplicate keys ("yaml: unmarshal errors:\n
 *   line 3: key \"name\" already set in map"), found with the v3 loader's
 * uniqueKeys check and reworded; NULL when there are none. */
static const char *lt_duplicate_keys(const char *data, size_t len)
{
    Value docs;
    const char *e = yaml_load_v3(data, len, &docs);
    if (!e || strncmp(e, "yaml: unmarshal errors:", 23)) return NULL;
    const char **lines = NULL;
    int n = 0, cap = 0;
    for (const char *p = strstr(e, "\n  line "); p; p = strstr(p + 1, "\n  line ")) {
        const char *mk = strstr(p, ": mapping key ");
        const char *ad = mk ? strstr(mk, " already defined at line ") : NULL;
        const char *nx = strstr(p + 1, "\n  line ");
        if (!mk || !ad || (nx && ad > nx)) continue;
        if (n == cap) {
            int nc = cap ? 2 * cap : 8;
            lines = cc_grow(lines, (size_t)cap * sizeof *lines, (size_t)nc * sizeof *lines);
            cap = nc;
        }
        lines[n++] = cc_printf("%.*s: key %.*s already set in map", (int)(mk - p), p, (int)(ad - (mk + 14)), mk + 14);
    }
    /* v2 decodes depth first: its errors come in line order */
    if (n) qsort(lines, (size_t)n, sizeof *lines, lt_line_cmp);
    Buf b = {0};
    buf_puts(&b, "yaml: unmarshal errors:");
    for (int i = 0; i < n; i++) buf_puts(&b, lines[i]);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static void lt_chartfile(Linter *l)
{
    static const char *const mdkeys[] = {"name", "home", "sources", "version", "description", "keywords",
                                         "maintainers", "icon", "apiVersion", "condition", "tags",
                                         "appVersion", "deprecated", "annotations", "kubeVersion",
                                         "dependencies", "type", NULL};
    const char *f = "Chart.yaml";
    const char *path = cc_printf("%s/Chart.yaml", l->dir);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) lt_rule(l, SEV_ERROR, f, "should be a file, not a directory");
    const char *data;
    size_t len;
    Value md;
    const char *err;
    if (lt_read(path, &data, &len))
        err = cc_printf("read %s: %s", path, lt_errno(errno));
    else
        err = chart_decode_metadata(data, len, &md);
    if (!lt_rule(l, SEV_ERROR, f, err ? cc_printf("unable to parse YAML\n\t%s", err) : NULL)) return;
    Value raw = v_nil();
    if (yaml_load(data, len, &raw) || raw.t != VT_MAP) raw = v_nil();
    if (cc_helm_major >= 4) {
        const char *e = lt_duplicate_keys(data, len);
        if (e) e = cc_printf("error converting YAML to JSON: %s", e);
        else if ((e = lt_unknown_field(raw, mdkeys, 0)))
            e = cc_printf("error unmarshaling JSON: while decoding JSON: %s", e);
        lt_rule(l, SEV_WARNING, f, e ? cc_printf("failed to strictly parse chart metadata file\n\t%s", e) : NULL);
    }
    const char *name = lt_mstr(md, "name");
    const char *nerr = NULL;
    if (!*name) nerr = "name is required";
    else {
        /* filepath.Base */
        size_t n = strlen(name);
        while (n > 1 && name[n - 1] == '/') n--;
        const char *b = name;
        for (size_t i = 0; i < n; i++) if (name[i] == '/' && i + 1 < n) b = name + i + 1;
        size_t bl = (size_t)(name + n - b);
        if (bl != strlen(name) || memcmp(b, name, bl)) nerr = cc_printf("chart name %s is invalid", go_quoted(name, strlen(name)));
    }
    lt_rule(l, SEV_ERROR, f, nerr);
    const char *api = lt_mstr(md, "apiVersion");
    if (!*api) lt_rule(l, SEV_ERROR, f, "apiVersion is required. The value must be either \"v1\" or \"v2\"");
    else if (strcmp(api, "v1") && strcmp(api, "v2"))
        lt_rule(l, SEV_ERROR, f, cc_printf("apiVersion '%s' is not valid. The value must be either \"v1\" or \"v2\"", api));
    static const char *const typed[] = {"version", "appVersion"};
    const char *version = lt_mstr(md, "version");
    for (int i = 0; i < 2; i++) {
        Value *v = raw.t == VT_MAP ? map_getc(raw.u.m, typed[i]) : NULL;
        if (v && v->t != VT_STR)
            lt_rule(l, SEV_ERROR, f, cc_printf("%s should be of type string but it's of type %s", typed[i],
                                               lt_json_gotype(*v)));
        if (i == 0) {
            SemVer sv;
            if (!*version) lt_rule(l, SEV_ERROR, f, "version is required");
            else if (semver_parse(version, strlen(version), &sv))
                lt_rule(l, SEV_ERROR, f, cc_printf("version '%s' is not a valid SemVer", version));
        }
    }
    Value *mt = map_getc(md.u.m, "maintainers");
    if (mt && mt->t == VT_LIST) {
        for (uint32_t i = 0; i < mt->u.l->len; i++) {
            Value e = mt->u.l->v[i];
            const char *me = NULL;
            if (e.t != VT_MAP) me = "a maintainer entry is empty";
            else {
                const char *mn = lt_mstr(e, "name"), *em = lt_mstr(e, "email"), *u = lt_mstr(e, "url");
                if (!*mn) me = "each maintainer requires a name";
                else if (*em && !lt_is_email(em)) me = cc_printf("invalid email '%s' for maintainer '%s'", em, mn);
                else if (*u && !lt_is_url(u)) me = cc_printf("invalid url '%s' for maintainer '%s'", u, mn);
            }
            if (me) { lt_rule(l, SEV_ERROR, f, me); break; }
        }
    }
    Value *src = map_getc(md.u.m, "sources");
    if (src && src->t == VT_LIST) {
        for (uint32_t i = 0; i < src->u.l->len; i++) {
            Value e = src->u.l->v[i];
            const char *s = e.t == VT_STR ? cc_strndup(e.u.s, e.n) : "";
            if (!*s || !lt_is_request_url(s)) {
                lt_rule(l, SEV_ERROR, f, cc_printf("invalid source URL '%s'", s));
                break;
            }
        }
    }
    const char *icon = lt_mstr(md, "icon");
    if (!*icon) lt_rule(l, SEV_INFO, f, "icon is recommended");
    if (*icon && !lt_is_request_url(icon)) lt_rule(l, SEV_ERROR, f, cc_printf("invalid icon URL '%s'", icon));
    if (*lt_mstr(md, "type") && strcmp(api, "v2"))
        lt_rule(l, SEV_ERROR, f, cc_printf("chart type is not valid in apiVersion '%s'. It is valid in apiVersion 'v2'", api));
    Value *deps = map_getc(md.u.m, "dependencies");
    if (deps && deps->t == VT_LIST && deps->u.l->len && strcmp(api, "v2"))
        lt_rule(l, SEV_ERROR, f, cc_printf("dependencies are not valid in the Chart file with apiVersion '%s'. "
                                           "They are valid in apiVersion 'v2'", api));
    if (cc_helm_major >= 4 && !lt_strict_semver(version))
        lt_rule(l, SEV_WARNING, f, cc_printf("version '%s' is not a valid SemVerV2", version));
}


/* ---- values.yaml (rules/values.go) -------------------------------------------------- */

static void lt_values(Linter *l, Value overrides, int skip_schema)
{
    const char *f = "values.yaml";
    const char *path = cc_printf("%s/values.yaml", l->dir);
    struct stat st;
    if (!lt_rule(l, SEV_INFO, f, stat(path, &st) ? "file does not exist" : NULL)) return;
    const char *data;
    size_t len;
    Value vals;
    const char *err;
    if (lt_read(path, &data, &len)) err = cc_printf("read %s: %s", path, lt_errno(errno));
    else if (!(err = yaml_load(data, len, &vals)) && vals.t != VT_MAP && vals.t != VT_NIL)
        /* common.ReadValuesFile: one document into a Values map */
        err = cc_printf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type %s",
                        v_json_kind(vals), cc_helm_major >= 4 ? "common.Values" : "chartutil.Values");
    if (!err && vals.t != VT_MAP) vals = v_newmap(0);
    if (err) { lt_rule(l, SEV_ERROR, f, cc_printf("unable to parse YAML: %s", err)); return; }
    const char *spath = cc_printf("%s/values.schema.json", l->dir);
    const char *sdata;
    size_t slen;
    if (lt_read(spath, &sdata, &slen) || !slen) return;
    if (skip_schema && cc_helm_major >= 4) return;
    Value co = values_coalesce_tables(v_newmap(8), overrides.t == VT_MAP ? v_deep_copy(overrides) : v_newmap(0), 0);
    co = values_coalesce_tables(co, vals, 0);
    Chart tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.schema = sdata;
    tmp.schema_len = slen;
    lt_rule(l, SEV_ERROR, f, chart_validate_values(&tmp, co));
}

/* ---- YAML documents (apimachinery util/yaml YAMLOrJSONDecoder) ------------------- */

typedef struct Doc { const char *s; size_t n; const char *err; } Doc;

/* YAMLReader.Read over text: documents split at "---" lines. Returns the
 * number of documents; a bad separator ends the list with an error doc. */
static void lt_doc_push(Doc **d, int *k, int *cap, Doc x)
{
    if (*k == *cap) {
        *d = cc_grow(*d, (size_t)*cap * sizeof **d, (size_t)*cap * 2 * sizeof **d);
        *cap *= 2;
    }
    (*d)[(*k)++] = x;
}

static int lt_docs(const char *s, size_t n, Doc **out)
{
    int cap = 8, k = 0, have = 0;
    Doc *d = cc_alloc((size_t)cap * sizeof *d);
    size_t pos = 0, bstart = 0;
    while (pos < n) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t le = nl ? (size_t)(nl - s) + 1 : n;
        if (le - pos >= 3 && !memcmp(s + pos, "---", 3)) {
            const char *ts = s + pos + 3;
            size_t tl = le - pos - 3;
            go_trim_space(&ts, &tl);
            if (tl && ts[0] != '#') {
                lt_doc_push(&d, &k, &cap, (Doc){NULL, 0, cc_printf("invalid Yaml document separator: %.*s", (int)tl, ts)});
                break;
            }
            if (have) lt_doc_push(&d, &k, &cap, (Doc){s + bstart, pos - bstart, NULL});
            have = 0;
            pos = le;
            continue;
        }
        if (!have) { bstart = pos; have = 1; }
        pos = le;
    }
    if (have && (!k || !d[k - 1].err)) lt_doc_push(&d, &k, &cap, (Doc){s + bstart, n - bstart, NULL});
    *out = d;
    return k;
}

typedef struct K8s { const char *api, *kind, *name, *ns; } K8s;


/* A scalar bound for a Go string field (sigs.k8s.io/yaml gives its text). */
static int lt_scalar(Value v, const char **out)
{
    Buf b = {0};
    switch (v.t) {
    case VT_NIL: *out = ""; return 1;
    case VT_STR: *out = cc_strndup(v.u.s, v.n); return 1;
    case VT_BOOL: case VT_INT: case VT_FLOAT:
        go_print(&b, v);
        *out = buf_arena(&b);
        buf_free(&b);
        return 1;
    default: return 0;
    }
}

/* sigs.k8s.io/yaml.Unmarshal of one document into *k8sYamlStruct.
 * Returns NULL and *nil (document is null) or *k, or the error text. */
static const char *lt_k8s(const char *s, size_t n, K8s *k, int *nil)
{
    Value v;
    const char *err = yaml_load(s, n, &v);
    if (err) return err;
    memset(k, 0, sizeof *k);
    k->api = k->kind = k->name = k->ns = "";
    *nil = v.t == VT_NIL;
    if (*nil) return NULL;
    const char *st = cc_helm_major >= 4 ? "k8sYamlStruct" : "K8sYamlStruct";
    const char *pre = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal";
    if (v.t != VT_MAP) return cc_printf("%s %s into Go value of type rules.%s", pre, v_json_kind(v), st);
    const char *first = NULL;
    MapEnt **es = map_sorted(v.u.m, 0);
    for (uint32_t i = 0; i < v.u.m->len; i++) {
        const char *key = es[i]->k;
        Value f = es[i]->v;
        if (!strcasecmp(key, "apiVersion")) {
            if (!lt_scalar(f, &k->api) && !first)
                first = cc_printf("%s %s into Go struct field %s.apiVersion of type string", pre, v_json_kind(f), st);
        } else if (!strcasecmp(key, "kind")) {
            if (!lt_scalar(f, &k->kind) && !first)
                first = cc_printf("%s %s into Go struct field %s.Kind of type string", pre, v_json_kind(f), st);
        } else if (!strcasecmp(key, "metadata") && f.t != VT_NIL) {
            if (f.t != VT_MAP) {
                if (!first)
                    first = cc_printf("%s %s into Go struct field %s.Metadata of type rules.k8sYamlMetadata", pre,
                                      v_json_kind(f), st);
                continue;
            }
            MapEnt **ms = map_sorted(f.u.m, 0);
            for (uint32_t j = 0; j < f.u.m->len; j++) {
                const char **dst = !strcasecmp(ms[j]->k, "name") ? &k->name
                                 : !strcasecmp(ms[j]->k, "namespace") ? &k->ns : NULL;
                if (dst && !lt_scalar(ms[j]->v, dst) && !first)
                    first = cc_printf("%s %s into Go struct field %s.Metadata.%s of type string", pre,
                                      v_json_kind(ms[j]->v), "k8sYamlMetadata",
                                      dst == &k->name ? "Name" : "Namespace");
            }
        }
    }
    return first;
}

/* ---- k8s name validation (apimachinery api/validation) ----------------------------- */

static int lt_lal(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? on [s, s+n); first_alpha: [a-z] first */
static int lt_label(const char *s, size_t n, int first_alpha)
{
    if (!n) return 0;
    if (first_alpha ? !(s[0] >= 'a' && s[0] <= 'z') : !lt_lal(s[0])) return 0;
    if (!lt_lal(s[n - 1])) return 0;
    for (size_t i = 0; i < n; i++) if (!lt_lal(s[i]) && s[i] != '-') return 0;
    return 1;
}

static int lt_subdomain(const char *s)
{
    const char *p = s;
    for (;;) {
        const char *e = strchr(p, '.');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (!lt_label(p, l, 0)) return 0;
        if (!e) return 1;
        p = e + 1;
    }
}

typedef struct Errs { const char *v[4]; int n; } Errs;

static void lt_dns_subdomain(const char *s, Errs *e)
{
    if (strlen(s) > 253) e->v[e->n++] = "must be no more than 253 characters";
    if (!lt_subdomain(s))
        e->v[e->n++] = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                       "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                       "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
}

static void lt_dns1123_label(const char *s, Errs *e)
{
    if (strlen(s) > 63) e->v[e->n++] = "must be no more than 63 characters";
    if (!lt_label(s, strlen(s), 0)) {
        if (lt_subdomain(s)) e->v[e->n++] = "must not contain dots";
        else e->v[e->n++] = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
                            "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
                            "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    }
}

static void lt_dns1035_label(const char *s, Errs *e)
{
    if (strlen(s) > 63) e->v[e->n++] = "must be no more than 63 characters";
    if (!lt_label(s, strlen(s), 1))
        e->v[e->n++] = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                       "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                       "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
}

static void lt_path_segment(const char *s, Errs *e)
{
    if (!strcmp(s, ".") || !strcmp(s, "..")) { e->v[e->n++] = cc_printf("may not be '%s'", s); return; }
    if (strchr(s, '/')) e->v[e->n++] = "may not contain '/'";
    if (strchr(s, '%')) e->v[e->n++] = "may not contain '%'";
}

static const char *lt_metadata_name(const K8s *k)
{
    char kind[64];
    size_t n = strlen(k->kind);
    if (n >= sizeof kind) n = sizeof kind - 1;
    for (size_t i = 0; i < n; i++) kind[i] = (char)((k->kind[i] >= 'A' && k->kind[i] <= 'Z') ? k->kind[i] + 32 : k->kind[i]);
    kind[n] = 0;
    if (strlen(k->kind) >= sizeof kind) kind[0] = 0;
    Errs e = {{0}, 0};
    if (!strcmp(kind, "service")) lt_dns1035_label(k->name, &e);
    else if (!strcmp(kind, "namespace")) lt_dns1123_label(k->name, &e);
    else if (!strcmp(kind, "certificatesigningrequest")) ;
    else if (!strcmp(kind, "role") || !strcmp(kind, "clusterrole") || !strcmp(kind, "rolebinding") ||
             !strcmp(kind, "clusterrolebinding")) lt_path_segment(k->name, &e);
    else lt_dns_subdomain(k->name, &e);
    if (!e.n) return NULL;
    const char *q = go_quoted(k->name, strlen(k->name));
    Buf b = {0};
    buf_printf(&b, "object name does not conform to Kubernetes naming requirements: %s: ", q);
    if (e.n > 1) buf_putc(&b, '[');
    for (int i = 0; i < e.n; i++) {
        if (i) buf_puts(&b, ", ");
        buf_printf(&b, "metadata.name: Invalid value: %s: %s", q, e.v[i]);
    }
    if (e.n > 1) buf_putc(&b, ']');
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* ---- deprecations (rules/deprecations.go, apiserver deprecation.go) ------------------ */

typedef struct Lifecycle {
    int helm;
    const char *group, *version, *kind;
    int dmaj, dmin, rmaj, rmin;
    const char *rgroup, *rversion, *rkind;
} Lifecycle;

static const Lifecycle lt_lifecycle[] = {
#define LC(h, g, v, k, a, b, c, d, rg, rv, rk) {h, g, v, k, a, b, c, d, rg, rv, rk},
#include "lint_lifecycle.def"
#undef LC
};

static const char *lt_gv(const char *g, const char *v)
{
    return *g ? cc_printf("%s/%s", g, v) : v;
}

static const char *lt_deprecated(const K8s *k, const char *kmajor, const char *kminor)
{
    if (!*k->api || !*k->kind) return NULL;
    /* schema.ParseGroupVersion */
    const char *group = "", *version = k->api;
    const char *sl = strchr(k->api, '/');
    if (sl) {
        if (strchr(sl + 1, '/')) return NULL;
        group = cc_strndup(k->api, (size_t)(sl - k->api));
        version = sl + 1;
    }
    const Lifecycle *lc = NULL;
    for (size_t i = 0; i < sizeof lt_lifecycle / sizeof lt_lifecycle[0]; i++) {
        const Lifecycle *x = &lt_lifecycle[i];
        if (x->helm == (cc_helm_major >= 4 ? 4 : 3) && !strcmp(x->group, group) && !strcmp(x->version, version) &&
            !strcmp(x->kind, k->kind)) { lc = x; break; }
    }
    if (!lc) return NULL;
    char *e1, *e2;
    long maj = strtol(kmajor, &e1, 10), min = strtol(kminor, &e2, 10);
    if (!*kmajor || *e1) return cc_printf("strconv.Atoi: parsing %s: invalid syntax", go_quoted(kmajor, strlen(kmajor)));
    if (!*kminor || *e2) return cc_printf("strconv.Atoi: parsing %s: invalid syntax", go_quoted(kminor, strlen(kminor)));
    if (lc->dmaj == 0 && lc->dmin == 0) return NULL;
    if (!(maj == 0 && min == 0)) {
        if (lc->dmaj > maj) return NULL;
        if (lc->dmaj == maj && lc->dmin > min) return NULL;
    }
    Buf b = {0};
    buf_printf(&b, "%s %s is deprecated in v%d.%d+", lt_gv(group, version), k->kind, lc->dmaj, lc->dmin);
    if (lc->rmaj || lc->rmin) buf_printf(&b, ", unavailable in v%d.%d+", lc->rmaj, lc->rmin);
    if (*lc->rgroup || *lc->rversion || *lc->rkind)
        buf_printf(&b, "; use %s %s", lt_gv(lc->rgroup, lc->rversion), lc->rkind);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* ---- templates (rules/template.go) --------------------------------------------------- */

typedef struct LintOpts {
    const char *namespace_;
    const char *kube_version;   /* NULL: defaults */
    int skip_schema, strict, quiet, with_subcharts;
    Value vals;
} LintOpts;

static const char *lt_top_indent(const char *s, size_t n)
{
    size_t pos = 0;
    while (pos < n) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t le = nl ? (size_t)(nl - s) : n;
        size_t ll = le - pos;
        if (ll && s[pos + ll - 1] == '\r') ll--;
        const char *t = s + pos;
        size_t tl = ll;
        go_trim_space(&t, &tl);
        if (tl) {
            if (s[pos] == ' ' || s[pos] == '\t')
                return cc_printf("document starts with an illegal indent: %s, which may cause parsing problems",
                                 go_quoted(s + pos, ll));
            return NULL;
        }
        pos = nl ? le + 1 : n;
    }
    return NULL;
}

/* v3's regexp checks of the template source */
static int lt_crd_hook(const char *s, size_t n)
{
    /* "?helm\.sh/hook"?:\s+crd-install */
    for (const char *p = s; (p = memmem(p, (size_t)(s + n - p), "helm.sh/hook", 12)); p++) {
        const char *q = p + 12;
        if (q < s + n && *q == '"') q++;
        if (q >= s + n || *q != ':') continue;
        q++;
        const char *w = q;
        while (q < s + n && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f' || *q == '\v')) q++;
        if (q > w && (size_t)(s + n - q) >= 11 && !memcmp(q, "crd-install", 11)) return 1;
    }
    return 0;
}

static int lt_list_policy(const char *s, size_t n)
{
    Value v;
    if (yaml_load(s, n, &v) || v.t != VT_MAP) return 0;
    Value *items = map_getc(v.u.m, "items");
    if (!items) {
        MAP_EACH(v.u.m, e) if (!strcasecmp(e->k, "items")) items = &e->v;
    }
    if (!items || items->t != VT_LIST) return 0;
    for (uint32_t i = 0; i < items->u.l->len; i++) {
        Value it = items->u.l->v[i];
        Value *md = it.t == VT_MAP ? map_getc(it.u.m, "metadata") : NULL;
        Value *an = md && md->t == VT_MAP ? map_getc(md->u.m, "annotations") : NULL;
        if (an && an->t == VT_MAP && map_getc(an->u.m, "helm.sh/resource-policy")) return 1;
    }
    return 0;
}

static void lt_templates(Linter *l, const LintOpts *o)
{
    const char *td = "templates/";
    const char *tpath = cc_printf("%s/templates", l->dir);
    struct stat st;
    int sr = stat(tpath, &st);
    if (cc_helm_major >= 4) {
        if (!lt_rule(l, SEV_WARNING, td, sr && errno == ENOENT ? "directory does not exist" : NULL)) return;
        if (!lt_rule(l, SEV_ERROR, td, sr ? cc_printf("stat %s: %s", tpath, lt_errno(errno))
                                         : !S_ISDIR(st.st_mode) ? "not a directory" : NULL)) return;
    } else {
        if (!lt_rule(l, SEV_WARNING, td, !sr && !S_ISDIR(st.st_mode) ? "not a directory" : NULL)) return;
    }
    Chart *c;
    if (!lt_rule(l, SEV_ERROR, td, chart_load_v2(l->dir, &c))) return;
    Value caps;
    if (caps_new(o->kube_version, NULL, 0, &caps)) return;
    Value values;
    if (chart_process_deps(c, o->vals, &values)) return;
    /* ToRenderValues coalesces the coalesced values once more: a null
     * left by the first pass now deletes its key */
    if (values_coalesce(c, values, 0, &values)) return;
    if (!o->skip_schema) {
        const char *e = chart_validate_schema(c, values);
        if (e) { lt_rule(l, SEV_ERROR, td, e); return; }
    }
    Value release = v_newmap(6);
    map_setc(release.u.m, "Name", v_cstr("test-release"));
    map_setc(release.u.m, "Namespace", v_cstr(o->namespace_));
    map_setc(release.u.m, "IsUpgrade", v_bool(0));
    map_setc(release.u.m, "IsInstall", v_bool(0));
    map_setc(release.u.m, "Revision", v_goint(0));
    map_setc(release.u.m, "Service", v_cstr("Helm"));
    RenderedFile *files = NULL;
    int nfiles = 0;
    cc_lint_mode = 1;
    const char *err = render_templates(c, values, release, caps, NULL, NULL, NULL, &files, &nfiles);
    cc_lint_mode = 0;
    if (!lt_rule(l, SEV_ERROR, td, err)) return;
    Map *rendered = map_new((size_t)nfiles + 1);
    for (int i = 0; i < nfiles; i++) map_setc(rendered, files[i].path, v_int64(i));
    /* kube version for deprecations: the given one or the default */
    const char *kvs = caps_kube_string(caps);
    if (*kvs == 'v') kvs++;
    size_t nmaj = strcspn(kvs, ".");
    const char *kmaj = cc_strndup(kvs, nmaj);
    const char *kmin = kvs[nmaj] ? cc_strndup(kvs + nmaj + 1, strcspn(kvs + nmaj + 1, ".")) : "";
    for (int i = 0; i < c->ntemplates; i++) {
        const CFile *t = &c->templates[i];
        const char *fn = t->name;
        const char *ext = lt_ext(fn);
        if (strcmp(ext, ".yaml") && strcmp(ext, ".yml") && strcmp(ext, ".tpl") && strcmp(ext, ".txt"))
            lt_rule(l, SEV_ERROR, fn, cc_printf("file extension '%s' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt", ext));
        if (cc_helm_major < 4) {
            if (lt_crd_hook(t->data, t->len))
                lt_rule(l, SEV_WARNING, fn, "manifest is a crd-install hook. This hook is no longer supported in v3 "
                                            "and all CRDs should also exist the crds/ directory at the top level of the chart");
            if (t->len >= 13 && memmem(t->data, t->len, ".Release.Time", 13))
                lt_rule(l, SEV_ERROR, fn, ".Release.Time has been removed in v3, please replace with the `now` function in your templates");
            if (strcmp(ext, ".yaml")) continue;
        } else if (strcasecmp(ext, ".yaml") && strcasecmp(ext, ".yml")) continue;
        Value *ix = map_getc(rendered, cc_printf("%s/%s", c->name, fn));
        if (!ix) continue;
        const RenderedFile *rf = &files[ix->u.i];
        const char *ts = rf->data;
        size_t tn = rf->len;
        go_trim_space(&ts, &tn);
        if (!tn) continue;
        lt_rule(l, SEV_WARNING, fn, lt_top_indent(rf->data, rf->len));
        Doc *docs;
        int nd = lt_docs(rf->data, rf->len, &docs);
        for (int d = 0; d < nd; d++) {
            if (docs[d].err) { lt_rule(l, SEV_ERROR, fn, cc_printf("unable to parse YAML: %s", docs[d].err)); return; }
            K8s k;
            int nil;
            const char *ye = lt_k8s(docs[d].s, docs[d].n, &k, &nil);
            if (!lt_rule(l, SEV_ERROR, fn, ye ? cc_printf("unable to parse YAML: %s", ye) : NULL)) return;
            if (nil) continue;
            lt_rule(l, SEV_WARNING, fn, lt_metadata_name(&k));
            lt_rule(l, SEV_WARNING, fn, lt_deprecated(&k, kmaj, kmin));
            if (!strcmp(k.kind, "Deployment") || !strcmp(k.kind, "ReplicaSet") || !strcmp(k.kind, "DaemonSet") ||
                !strcmp(k.kind, "StatefulSet")) {
                if (!memmem(rf->data, rf->len, "matchLabels", 11) && !memmem(rf->data, rf->len, "matchExpressions", 16))
                    lt_rule(l, SEV_ERROR, fn, cc_printf("a %s must contain matchLabels or matchExpressions, and %s does not",
                                                        k.kind, go_quoted(k.name, strlen(k.name))));
            }
            if (!strcmp(k.kind, "List") && lt_list_policy(rf->data, rf->len))
                lt_rule(l, SEV_ERROR, fn, cc_helm_major >= 4 ? "annotation 'helm.sh/resource-policy' within List objects are ignored"
                                                             : "Annotation 'helm.sh/resource-policy' within List objects are ignored");
        }
    }
}

/* ---- dependencies (rules/dependencies.go) ---------------------------------------------- */

static void lt_dependencies(Linter *l)
{
    Chart *c;
    const char *err = chart_load_v2(l->dir, &c);
    if (!lt_rule(l, SEV_ERROR, "", err ? cc_printf("unable to load chart\n\t%s", err) : NULL)) return;
    Value *dl = map_getc(c->meta.u.m, "dependencies");
    List *decl = dl && dl->t == VT_LIST ? dl->u.l : NULL;
    int nd = decl ? (int)decl->len : 0;
    Buf miss = {0}, shadow = {0}, absent = {0};
    for (int i = 0; i < c->ndeps; i++) {
        int found = 0;
        for (int j = 0; j < nd && !found; j++) found = !strcmp(lt_mstr(decl->v[j], "name"), c->deps[i]->name);
        if (!found) buf_printf(&miss, "%s%s", miss.len ? "," : "", c->deps[i]->name);
    }
    Map *seen = map_new(8);
    for (int j = 0; j < nd; j++) {
        const char *key = lt_mstr(decl->v[j], "alias");
        if (!*key) key = lt_mstr(decl->v[j], "name");
        if (map_getc(seen, key)) buf_printf(&shadow, "%s%s", shadow.len ? "," : "", key);
        map_setc(seen, key, v_bool(1));
    }
    for (int j = 0; j < nd; j++) {
        const char *name = lt_mstr(decl->v[j], "name");
        int found = 0;
        for (int i = 0; i < c->ndeps && !found; i++) found = !strcmp(c->deps[i]->name, name);
        if (!found) buf_printf(&absent, "%s%s", absent.len ? "," : "", name);
    }
    if (miss.len) lt_rule(l, SEV_ERROR, l->dir, cc_printf("chart metadata is missing these dependencies: %s", buf_cstr(&miss)));
    if (shadow.len) lt_rule(l, SEV_ERROR, l->dir, cc_printf("multiple dependencies with name or alias: %s", buf_cstr(&shadow)));
    if (absent.len) lt_rule(l, SEV_WARNING, l->dir, cc_printf("chart directory is missing these dependencies: %s", buf_cstr(&absent)));
    buf_free(&miss); buf_free(&shadow); buf_free(&absent);
}

/* ---- crds (rules/crds.go, v4) ------------------------------------------------------------- */

static int lt_manifest_ext(const char *name)
{
    const char *e = lt_ext(name);
    return !strcasecmp(e, ".yaml") || !strcasecmp(e, ".yml") || !strcasecmp(e, ".json");
}

static int lt_crd_files(Linter *l, const Chart *c)
{
    for (int i = 0; i < c->nfiles; i++) {
        const CFile *f = &c->files[i];
        if (strncmp(f->name, "crds/", 5) || !lt_manifest_ext(f->name)) continue;
        Doc *docs;
        int nd = lt_docs(f->data ? f->data : "", f->len, &docs);
        for (int d = 0; d < nd; d++) {
            if (docs[d].err) { lt_rule(l, SEV_ERROR, f->name, cc_printf("unable to parse YAML: %s", docs[d].err)); return 0; }
            K8s k;
            int nil;
            const char *ye = lt_k8s(docs[d].s, docs[d].n, &k, &nil);
            if (!lt_rule(l, SEV_ERROR, f->name, ye ? cc_printf("unable to parse YAML: %s", ye) : NULL)) return 0;
            if (nil) continue;
            if (strncmp(k.api, "apiextensions.k8s.io", 20))
                lt_rule(l, SEV_ERROR, f->name, "apiVersion is not in 'apiextensions.k8s.io'");
            if (strcmp(k.kind, "CustomResourceDefinition"))
                lt_rule(l, SEV_ERROR, f->name, "object kind is not 'CustomResourceDefinition'");
        }
    }
    for (int i = 0; i < c->ndeps; i++) if (!lt_crd_files(l, c->deps[i])) return 0;
    return 1;
}

static void lt_crds(Linter *l)
{
    const char *p = cc_printf("%s/crds", l->dir);
    struct stat st;
    if (stat(p, &st) && errno == ENOENT) return;
    if (!lt_rule(l, SEV_ERROR, "crds/", stat(p, &st) ? cc_printf("stat %s: %s", p, lt_errno(errno))
                                                    : !S_ISDIR(st.st_mode) ? "not a directory" : NULL)) return;
    Chart *c;
    if (!lt_rule(l, SEV_ERROR, "crds/", chart_load_v2(l->dir, &c))) return;
    lt_crd_files(l, c);
}

/* ---- one chart (action/lint.go lintChart, lint.go RunAll) ---------------------------------- */

static int lt_rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(p);
}

/* os.RemoveAll */
static void lt_remove_all(const char *dir)
{
    nftw(dir, lt_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int lt_mkdir_all(char *p)
{
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        int bad = mkdir(p, 0755) && errno != EEXIST;
        *s = '/';
        if (bad) return -1;
    }
    return mkdir(p, 0755) && errno != EEXIST ? -1 : 0;
}

/* action/lint.go: a .tgz is expanded (chartutil.Expand) into a fresh
 * temporary directory, *tmp, and linted there as *dir. */
static const char *lt_expand(const char *path, const char **tmp, const char **dir)
{
    const char *data;
    size_t len;
    if (lt_read(path, &data, &len)) return cc_printf("unable to open tarball: open %s: %s", path, lt_errno(errno));
    FileList fl = {0};
    const char *err = archive_load_files(data, len, &fl);
    if (err) return cc_printf("unable to extract tarball: %s", err);
    const char *name = "";
    for (int i = 0; i < fl.n; i++) {
        Value md;
        if (!strcmp(fl.v[i].name, "Chart.yaml") && !chart_decode_metadata(fl.v[i].data, fl.v[i].len, &md))
            name = lt_mstr(md, "name");
    }
    if (!*name) return "unable to extract tarball: chart name not specified";
    const char *td = getenv("TMPDIR");
    char *t = cc_strdup(cc_printf("%s/helm-lintXXXXXX", td && *td ? td : "/tmp"));
    if (!mkdtemp(t)) return cc_printf("unable to create temp dir to extract tarball: %s", lt_errno(errno));
    *tmp = t;
    const char *cd = cc_printf("%s/%s", t, name);
    for (int i = 0; i < fl.n; i++) {
        char *out = cc_strdup(cc_printf("%s/%s", cd, fl.v[i].name));
        char *sl = strrchr(out, '/');
        *sl = 0;
        if (lt_mkdir_all(out)) return cc_printf("unable to extract tarball: mkdir %s: %s", out, lt_errno(errno));
        *sl = '/';
        FILE *f = fopen(out, "wb");
        if (!f) return cc_printf("unable to extract tarball: open %s: %s", out, lt_errno(errno));
        int bad = fl.v[i].len && fwrite(fl.v[i].data, 1, fl.v[i].len, f) != fl.v[i].len;
        if (fclose(f) || bad) return cc_printf("unable to extract tarball: write %s: %s", out, lt_errno(errno));
    }
    *dir = cd;
    return NULL;
}

/* Returns NULL and the linter's messages, or the error that stopped it. */
static const char *lt_chart(const char *path, const LintOpts *o, Linter *l)
{
    memset(l, 0, sizeof *l);
    if (lt_suffix(path, ".tgz") || lt_suffix(path, ".tar.gz")) {
        const char *tmp = NULL, *err = lt_expand(path, &tmp, &path);
        if (!err) err = lt_chart(path, o, l);
        if (tmp) lt_remove_all(tmp);
        return err;
    }
    const char *cy = cc_printf("%s/Chart.yaml", path);
    struct stat st;
    if (stat(cy, &st))
        return cc_printf("unable to check Chart.yaml file in chart: stat %s: %s", go_path_clean(cy, strlen(cy)), lt_errno(errno));
    l->dir = lt_abs(path);
    lt_chartfile(l);
    lt_values(l, o->vals, o->skip_schema);
    lt_templates(l, o);
    lt_dependencies(l);
    if (cc_helm_major >= 4) lt_crds(l);
    return NULL;
}

/* ---- the command (cmd/lint.go) --------------------------------------------------------------- */

typedef struct SL { const char **v; int n, cap; } SL;

static void sl_add(SL *l, const char *s)
{
    if (l->n == l->cap) {
        int nc = l->cap ? 2 * l->cap : 8;
        l->v = cc_grow(l->v, (size_t)l->cap * sizeof *l->v, (size_t)nc * sizeof *l->v);
        l->cap = nc;
    }
    l->v[l->n++] = s;
}

static int lt_name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* filepath.Walk(root): directories holding Chart.yaml, and .tgz/.tar.gz
 * files, in lexical walk order (an explicit stack, no recursion). */
static void lt_walk_subcharts(const char *root, SL *paths)
{
    SL stack = {0};
    sl_add(&stack, root);
    while (stack.n) {
        const char *p = stack.v[--stack.n];
        struct stat st;
        if (lstat(p, &st)) continue;
        const char *base = strrchr(p, '/');
        base = base ? base + 1 : p;
        if (!strcmp(base, "Chart.yaml")) {
            const char *sl = strrchr(p, '/');
            sl_add(paths, sl ? cc_strndup(p, (size_t)(sl - p)) : ".");
        } else if (lt_suffix(p, ".tgz") || lt_suffix(p, ".tar.gz")) {
            sl_add(paths, p);
        }
        if (!S_ISDIR(st.st_mode)) continue;
        DIR *d = opendir(p);
        if (!d) continue;
        SL names = {0};
        struct dirent *de;
        while ((de = readdir(d))) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
            sl_add(&names, cc_strdup(de->d_name));
        }
        closedir(d);
        if (names.n) qsort(names.v, (size_t)names.n, sizeof *names.v, lt_name_cmp);
        for (int i = names.n - 1; i >= 0; i--) sl_add(&stack, cc_printf("%s/%s", p, names.v[i]));
    }
}

static const char lt_help[] =
    "\n"
    "This command takes a path to a chart and runs a series of tests to verify that\n"
    "the chart is well-formed.\n"
    "\n"
    "If the linter encounters things that will cause the chart to fail installation,\n"
    "it will emit [ERROR] messages. If it encounters issues that break with convention\n"
    "or recommendation, it will emit [WARNING] messages.\n"
    "\n"
    "Usage:\n"
    "  chartc lint PATH [flags]\n"
    "\n"
    "Flags:\n"
    "  -h, --help                     help for lint\n"
    "      --kube-version string      Kubernetes version used for capabilities and deprecation checks\n"
    "  -n, --namespace string         namespace (default $HELM_NAMESPACE, else \"default\")\n"
    "      --quiet                    print only warnings and errors\n"
    "      --set stringArray          set values on the command line (key1=val1,key2=val2)\n"
    "      --set-file stringArray     set values from respective files (key1=path1,key2=path2)\n"
    "      --set-json stringArray     set JSON values on the command line\n"
    "      --set-literal stringArray  set a literal STRING value on the command line\n"
    "      --set-string stringArray   set STRING values on the command line\n"
    "      --skip-schema-validation   if set, disables JSON schema validation\n"
    "      --strict                   fail on lint warnings\n"
    "  -f, --values strings           specify values in a YAML file (can specify multiple)\n"
    "      --with-subcharts           lint dependent charts\n"
    "      --helm-compat 3|4          emulate Helm v3.17.3 (3) or v4.1.4 (4, default)\n";

static int lt_bool(const char *v, int *out)
{
    static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True", NULL};
    static const char *const f[] = {"0", "f", "F", "FALSE", "false", "False", NULL};
    for (int i = 0; t[i]; i++) if (!strcmp(v, t[i])) { *out = 1; return 0; }
    for (int i = 0; f[i]; i++) if (!strcmp(v, f[i])) { *out = 0; return 0; }
    return -1;
}

enum { LF_BOOL, LF_STR, LF_SLICE, LF_ARRAY };
typedef struct LFlag { const char *name; char sh; int kind; int id; } LFlag;
enum { O_STRICT, O_SUBCHARTS, O_QUIET, O_SKIP, O_KUBE, O_VALUES, O_SET, O_SET_STRING, O_SET_JSON,
       O_SET_FILE, O_SET_LITERAL, O_NS, O_HELP, O_DEBUG, O_COMPAT, O_IGNORE_STR, O_IGNORE_BOOL };

static const LFlag lt_flags[] = {
    {"strict", 0, LF_BOOL, O_STRICT}, {"with-subcharts", 0, LF_BOOL, O_SUBCHARTS},
    {"quiet", 0, LF_BOOL, O_QUIET}, {"skip-schema-validation", 0, LF_BOOL, O_SKIP},
    {"kube-version", 0, LF_STR, O_KUBE}, {"values", 'f', LF_SLICE, O_VALUES},
    {"set", 0, LF_ARRAY, O_SET}, {"set-string", 0, LF_ARRAY, O_SET_STRING},
    {"set-json", 0, LF_ARRAY, O_SET_JSON}, {"set-file", 0, LF_ARRAY, O_SET_FILE},
    {"set-literal", 0, LF_ARRAY, O_SET_LITERAL}, {"namespace", 'n', LF_STR, O_NS},
    {"help", 'h', LF_BOOL, O_HELP}, {"debug", 0, LF_BOOL, O_DEBUG}, {"helm-compat", 0, LF_STR, O_COMPAT},
    /* Helm's global flags: accepted, no effect on linting */
    {"kube-context", 0, LF_STR, O_IGNORE_STR}, {"kubeconfig", 0, LF_STR, O_IGNORE_STR},
    {"kube-apiserver", 0, LF_STR, O_IGNORE_STR}, {"kube-token", 0, LF_STR, O_IGNORE_STR},
    {"kube-as-user", 0, LF_STR, O_IGNORE_STR}, {"kube-as-group", 0, LF_ARRAY, O_IGNORE_STR},
    {"kube-ca-file", 0, LF_STR, O_IGNORE_STR}, {"kube-tls-server-name", 0, LF_STR, O_IGNORE_STR},
    {"kube-insecure-skip-tls-verify", 0, LF_BOOL, O_IGNORE_BOOL},
    {"registry-config", 0, LF_STR, O_IGNORE_STR}, {"repository-config", 0, LF_STR, O_IGNORE_STR},
    {"repository-cache", 0, LF_STR, O_IGNORE_STR}, {"burst-limit", 0, LF_STR, O_IGNORE_STR},
    {"qps", 0, LF_STR, O_IGNORE_STR}, {"content-cache", 0, LF_STR, O_IGNORE_STR},
    {"color", 0, LF_STR, O_IGNORE_STR}, {"colour", 0, LF_STR, O_IGNORE_STR},
};
#define LT_NFLAGS (sizeof lt_flags / sizeof lt_flags[0])

typedef struct LCli {
    int b[O_IGNORE_BOOL + 1];
    const char *kube, *ns;
    SL values, set, set_string, set_json, set_file, set_literal, args;
} LCli;

static const char *lt_set(LCli *c, const LFlag *f, const char *v)
{
    const char *shown = f->sh ? cc_printf("-%c, --%s", f->sh, f->name) : cc_printf("--%s", f->name);
    switch (f->kind) {
    case LF_BOOL: {
        int b;
        if (lt_bool(v, &b))
            return cc_printf("invalid argument \"%s\" for \"%s\" flag: strconv.ParseBool: parsing \"%s\": invalid syntax", v, shown, v);
        c->b[f->id] = b;
        return NULL;
    }
    case LF_STR:
        if (f->id == O_KUBE) c->kube = v;
        else if (f->id == O_NS) c->ns = v;
        else if (f->id == O_COMPAT && strcmp(v, "3") && strcmp(v, "4"))
            return cc_printf("invalid argument \"%s\" for \"--helm-compat\" flag: must be 3 or 4", v);
        return NULL;
    case LF_SLICE: {
        /* pflag StringSlice: one CSV record */
        if (!*v) return NULL;
        const char *p = v;
        for (;;) {
            Buf b = {0};
            if (*p == '"') {
                p++;
                for (;;) {
                    if (!*p) { buf_free(&b); return cc_printf("invalid argument \"%s\" for \"%s\" flag: extraneous or missing \" in quoted-field", v, shown); }
                    if (*p == '"') { if (p[1] == '"') { buf_putc(&b, '"'); p += 2; continue; } p++; break; }
                    buf_putc(&b, *p++);
                }
                if (*p && *p != ',') { buf_free(&b); return cc_printf("invalid argument \"%s\" for \"%s\" flag: extraneous or missing \" in quoted-field", v, shown); }
            } else {
                while (*p && *p != ',') buf_putc(&b, *p++);
            }
            sl_add(&c->values, buf_arena(&b));
            buf_free(&b);
            if (!*p) break;
            p++;
        }
        return NULL;
    }
    case LF_ARRAY: {
        SL *l = f->id == O_SET ? &c->set : f->id == O_SET_STRING ? &c->set_string : f->id == O_SET_JSON ? &c->set_json
              : f->id == O_SET_FILE ? &c->set_file : f->id == O_SET_LITERAL ? &c->set_literal : NULL;
        if (l) sl_add(l, v);
        return NULL;
    }
    }
    return NULL;
}

static const char *lt_parse(LCli *c, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) { sl_add(&c->args, a); continue; }
        if (!strcmp(a, "--")) { for (i++; i < argc; i++) sl_add(&c->args, argv[i]); break; }
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const LFlag *f = NULL;
            for (size_t k = 0; k < LT_NFLAGS; k++)
                if (strlen(lt_flags[k].name) == n && !memcmp(lt_flags[k].name, name, n)) f = &lt_flags[k];
            if (!f) return cc_printf("unknown flag: --%.*s", (int)n, name);
            const char *v;
            if (eq) v = eq + 1;
            else if (f->kind == LF_BOOL) v = "true";
            else if (i + 1 < argc) v = argv[++i];
            else return cc_printf("flag needs an argument: --%s", f->name);
            const char *e = lt_set(c, f, v);
            if (e) return e;
            continue;
        }
        for (const char *s = a + 1; *s;) {
            const LFlag *f = NULL;
            for (size_t k = 0; k < LT_NFLAGS; k++) if (lt_flags[k].sh == *s) f = &lt_flags[k];
            if (!f) return cc_printf("unknown shorthand flag: '%c' in %s", *s, a);
            const char *v;
            if (s[1] == '=') { v = s + 2; s += strlen(s); }
            else if (f->kind == LF_BOOL) { v = "true"; s++; }
            else if (s[1]) { v = s + 1; s += strlen(s); }
            else if (i + 1 < argc) { v = argv[++i]; s++; }
            else return cc_printf("flag needs an argument: '%c' in -%c", *s, *s);
            const char *e = lt_set(c, f, v);
            if (e) return e;
        }
    }
    return NULL;
}

/* Runs the lint command; prints and returns the exit status. */
static int lt_main(int argc, char **argv, Buf *out, const char **errp)
{
    LCli c;
    memset(&c, 0, sizeof c);
    const char *err = lt_parse(&c, argc, argv);
    if (err) { *errp = err; return 1; }
    if (c.b[O_HELP]) { buf_puts(out, lt_help + 1); return 0; }
    if (c.args.n == 0) {
        if (cc_helm_major >= 4) {
            *errp = "\"helm lint\" requires at least 1 argument\n\nUsage:  helm lint PATH [flags]";
            return 1;
        }
        sl_add(&c.args, ".");
    }
    LintOpts o;
    memset(&o, 0, sizeof o);
    o.strict = c.b[O_STRICT];
    o.quiet = c.b[O_QUIET];
    o.with_subcharts = c.b[O_SUBCHARTS];
    o.skip_schema = c.b[O_SKIP];
    if (c.kube && *c.kube) {
        Value tmp;
        if ((err = caps_new(c.kube, NULL, 0, &tmp))) { *errp = err; return 1; }
        o.kube_version = c.kube;
    }
    SL paths = {0};
    for (int i = 0; i < c.args.n; i++) sl_add(&paths, c.args.v[i]);
    if (o.with_subcharts) {
        int n = paths.n;
        for (int i = 0; i < n; i++) {
            const char *j = cc_printf("%s/charts", paths.v[i]);
            lt_walk_subcharts(go_path_clean(j, strlen(j)), &paths);
        }
    }
    const char *ns = c.ns;
    if (!ns || !*ns) ns = getenv("HELM_NAMESPACE");
    o.namespace_ = ns && *ns ? ns : "default";
    ValueOpts vo;
    memset(&vo, 0, sizeof vo);
    vo.files = c.values.v; vo.nfiles = c.values.n;
    vo.set = c.set.v; vo.nset = c.set.n;
    vo.set_string = c.set_string.v; vo.nset_string = c.set_string.n;
    vo.set_json = c.set_json.v; vo.nset_json = c.set_json.n;
    vo.set_file = c.set_file.v; vo.nset_file = c.set_file.n;
    vo.set_literal = c.set_literal.v; vo.nset_literal = c.set_literal.n;
    if ((err = values_merge_user(&vo, &o.vals))) { *errp = err; return 1; }

    int failed = 0, warned = 0;
    int lowest = o.strict ? SEV_WARNING : SEV_ERROR;
    for (int i = 0; i < paths.n; i++) {
        Linter l;
        const char *fatal = lt_chart(paths.v[i], &o, &l);
        int nerr = fatal ? 1 : 0, loud = fatal != NULL;
        for (int k = 0; k < l.n; k++) {
            if (l.v[k].sev >= lowest) nerr++;
            if (l.v[k].sev > SEV_INFO) loud = 1;
        }
        if (loud) warned++;
        if (o.quiet && !loud) continue;
        buf_printf(out, "==> Linting %s\n", paths.v[i]);
        if (!l.n && fatal) buf_printf(out, "Error %s\n", fatal);
        for (int k = 0; k < l.n; k++)
            if (!o.quiet || l.v[k].sev > SEV_INFO)
                buf_printf(out, "[%s] %s: %s\n", lt_sev[l.v[k].sev], l.v[k].path, l.v[k].err);
        if (nerr) failed++;
        buf_putc(out, '\n');
    }
    const char *summary = cc_printf("%d chart(s) linted, %d chart(s) failed", paths.n, failed);
    if (failed) { *errp = summary; return 1; }
    if (!o.quiet || warned) buf_printf(out, "%s\n", summary);
    return 0;
}

int cmd_lint(int argc, char **argv)
{
    Buf out = {0};
    const char *err = NULL;
    int rc = lt_main(argc, argv, &out, &err);
    out_write(out.p, out.len);   /* a failed write is reported by cc_cli_main (out_close) */
    buf_free(&out);
    if (err) {
        fprintf(stderr, "Error: %s\n", err);
        rc = rc ? rc : 1;
    }
    return rc;
}
