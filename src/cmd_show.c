/*
 * cmd_show.c - `helm show chart|values|readme|crds|all CHART` (alias
 * `inspect`) for local chart directories and archives.
 * Mirrors helm v4.1.4 pkg/cmd/show.go and pkg/action/show.go (Show.Run,
 * findReadme, Chart.CRDObjects), with v3.17.3's CRD separators.
 */
#include "chartc/chart.h"
#include "chartc/codec.h"
#include "chartc/dropin.h"
#include "chartc/gofmt.h"
#include "helm_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Flags of every show subcommand (addShowFlags + addChartPathOptionsFlags). */
static const HFlag show_flags[] = {
    {"ca-file", 0, HF_STR, 0}, {"cert-file", 0, HF_STR, 0}, {"devel", 0, HF_BOOL, 0},
    {"insecure-skip-tls-verify", 0, HF_BOOL, 0}, {"key-file", 0, HF_STR, 0},
    {"keyring", 0, HF_STR, 0}, {"pass-credentials", 0, HF_BOOL, 0}, {"password", 0, HF_STR, 0},
    {"plain-http", 0, HF_BOOL, 0}, {"repo", 0, HF_STR, 0}, {"username", 0, HF_STR, 0},
    {"verify", 0, HF_BOOL, 0}, {"version", 0, HF_STR, 0},
    {"jsonpath", 0, HF_STR, 0},   /* show values only (checked below) */
    {NULL, 0, 0, 0},
};
enum { SF_REPO = 9, SF_VERIFY = 11, SF_JSONPATH = 13 };

/* encoding/json of a Metadata-shaped map: every field omitempty except a
 * dependency's name and repository (sigs.k8s.io/yaml.Marshal goes through
 * JSON first). */
static Value show_omitempty(Value m, int dep)
{
    Value o = v_newmap(16);
    MAP_EACH(m.u.m, ent) {
        const char *k = ent->k;
        Value v = ent->v;
        int keep = dep && (!strcmp(k, "name") || !strcmp(k, "repository"));
        if (!keep && v_empty(v)) continue;
        if (v.t == VT_LIST && (!strcmp(k, "maintainers") || !strcmp(k, "dependencies")) && !dep) {
            Value l = v_newlist(v.u.l->len);
            for (uint32_t j = 0; j < v.u.l->len; j++) {
                Value e = v.u.l->v[j];
                list_push(l.u.l, e.t == VT_MAP ? show_omitempty(e, !strcmp(k, "dependencies")) : e);
            }
            v = l;
        }
        map_setc(o.u.m, k, v);
    }
    return o;
}

/* Chart.CRDObjects: the crds/ files ending .yaml, .yml or .json of the chart, then of its
 * subcharts, depth first. */
static void show_crds(const Chart *c, Buf *out, int *first, int all)
{
    for (int i = 0; i < c->nfiles; i++) {
        const CFile *f = &c->files[i];
        if (strncmp(f->name, "crds/", 5)) continue;
        const char *dot = strrchr(f->name, '.');
        if (!dot || strchr(dot, '/') || (strcmp(dot, ".yaml") && strcmp(dot, ".yml") && strcmp(dot, ".json")))
            continue;
        int dashes = f->len >= 3 && !memcmp(f->data, "---", 3);
        if (cc_helm_major >= 4 ? !dashes : (all && *first && !dashes)) buf_puts(out, "---\n");
        *first = 0;
        buf_put(out, f->data, f->len);
        buf_putc(out, '\n');
    }
    for (int i = 0; i < c->ndeps; i++) show_crds(c->deps[i], out, first, all);
}

/* One result of a JSONPath field: evalToText (strings as they are, null,
 * other scalars as fmt.Print, maps and lists as compact JSON). */
static void show_jp_text(Buf *b, Value v)
{
    if (v.t == VT_STR) buf_put(b, v.u.s, v.n);
    else if (v.t == VT_NIL) buf_puts(b, "null");
    else if (v.t == VT_MAP || v.t == VT_LIST) (void)json_encode(b, v, 0);
    else go_print(b, v);
}

/* printers.JSONPathPrinter over the chart's values, for the paths chartc
 * supports: text with {.a.b}, {.a[N]} (N < 0 from the end), {.a[*]},
 * {.a.*}; a field that finds nothing (missing key, index out of range)
 * makes the whole output empty, as Helm prints it. */
static const char *show_jsonpath(const char *tpl, Value values, Buf *out)
{
    size_t start = out->len;
    const char *p = tpl;
    while (*p) {
        const char *o = strchr(p, '{');
        if (!o) { buf_puts(out, p); break; }
        buf_put(out, p, (size_t)(o - p));
        const char *e = strchr(o, '}');
        if (!e) return cc_printf("error parsing jsonpath %s: unclosed action", tpl);
        Value *cur = cc_alloc(sizeof *cur);
        cur[0] = values;
        int n = 1;
        const char *q = o + 1;
        while (q < e) {
            Value *next = NULL;
            int nn = 0;
            if (*q == '.' && q[1] == '*') {
                q += 2;
                for (int i = 0; i < n; i++) {
                    if (cur[i].t != VT_MAP) continue;
                    MapEnt **ents = map_sorted(cur[i].u.m, 0);
                    for (uint32_t k = 0; k < cur[i].u.m->len; k++) {
                        next = cc_grow(next, nn * sizeof *next, (nn + 1) * sizeof *next);
                        next[nn++] = ents[k]->v;
                    }
                }
            } else if (*q == '.') {
                const char *s = ++q;
                while (q < e && *q != '.' && *q != '[') q++;
                if (q == s && q == e) { if (n == 1 && o + 2 == e) break; }
                const char *key = cc_strndup(s, (size_t)(q - s));
                if (!*key || strchr(key, ' ') || strchr(key, '@') || strchr(key, '?'))
                    return cc_printf("--jsonpath %s is not supported by chartc (only {.a.b}, {.a[N]}, {.a[*]} paths)", tpl);
                for (int i = 0; i < n; i++) {
                    Value *v = cur[i].t == VT_MAP ? map_getc(cur[i].u.m, key) : NULL;
                    if (!v) continue;
                    next = cc_grow(next, nn * sizeof *next, (nn + 1) * sizeof *next);
                    next[nn++] = *v;
                }
            } else if (*q == '[') {
                const char *c = strchr(q, ']');
                if (!c || c > e) return cc_printf("error parsing jsonpath %s: unterminated array", tpl);
                const char *in = cc_strndup(q + 1, (size_t)(c - q - 1));
                q = c + 1;
                char *end;
                long idx = strtol(in, &end, 10);
                int star = !strcmp(in, "*");
                if (!star && (!*in || *end))
                    return cc_printf("--jsonpath %s is not supported by chartc (only {.a.b}, {.a[N]}, {.a[*]} paths)", tpl);
                for (int i = 0; i < n; i++) {
                    if (cur[i].t != VT_LIST) continue;
                    long len = (long)cur[i].u.l->len;
                    for (long k = 0; k < len; k++) {
                        long want = idx < 0 ? len + idx : idx;
                        if (!star && k != want) continue;
                        next = cc_grow(next, nn * sizeof *next, (nn + 1) * sizeof *next);
                        next[nn++] = cur[i].u.l->v[k];
                    }
                }
            } else {
                return cc_printf("--jsonpath %s is not supported by chartc (only {.a.b}, {.a[N]}, {.a[*]} paths)", tpl);
            }
            cur = next;
            n = nn;
        }
        if (!n) {   /* a field that finds nothing: no output at all */
            out->len = start;
            return NULL;
        }
        for (int i = 0; i < n; i++) {
            if (i) buf_putc(out, ' ');
            show_jp_text(out, cur[i]);
        }
        p = e + 1;
    }
    return NULL;
}

const char *cmd_show(const char *what, int argc, char **argv, Buf *out)
{
    HArgs a;
    const char *err = helm_parse(argc, argv, show_flags, &a);
    if (err) return err;
    if (a.val[SF_JSONPATH] && strcmp(what, "values"))
        return "unknown flag: --jsonpath";
    if (a.help) {
        buf_printf(out, "Show the %s of a local chart (chartc).\n\nUsage:\n  helm show %s [CHART] [flags]\n", what, what);
        return NULL;
    }
    if (a.npos != 1)
        return cc_printf("\"helm show %s\" requires 1 argument\n\nUsage:  helm show %s [CHART] [flags]", what, what);
    const char *path = a.pos[0];
    if (a.val[SF_REPO] && *a.val[SF_REPO])
        return "--repo is not supported: chartc shows local chart directories and archives only";
    if (!strncmp(path, "oci://", 6) || !strncmp(path, "http://", 7) || !strncmp(path, "https://", 8))
        return cc_printf("remote chart references are not supported (%s): chartc shows local charts only", path);
    if (a.val[SF_VERIFY] && !strcmp(a.val[SF_VERIFY], "true")) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return "unpacked charts cannot be verified";
        return "--verify is not supported: chartc does not check chart provenance";
    }
    Chart *c;
    if ((err = chart_load(path, &c))) return err;
    int all = !strcmp(what, "all");
    if (all || !strcmp(what, "chart")) {
        if ((err = yaml_dump(out, show_omitempty(c->meta, 0)))) return err;
        buf_putc(out, '\n');
    }
    if ((all || !strcmp(what, "values")) && c->values_raw) {
        if (all) buf_puts(out, "---\n");
        if (a.val[SF_JSONPATH] && *a.val[SF_JSONPATH])
            return show_jsonpath(a.val[SF_JSONPATH], c->values, out);
        buf_put(out, c->values_raw, c->values_raw_len);
        buf_putc(out, '\n');
    }
    if (all || !strcmp(what, "readme")) {
        static const char *const names[] = {"readme.md", "readme.txt", "readme", NULL};
        for (int i = 0; i < c->nfiles; i++) {
            int hit = 0;
            for (int k = 0; names[k]; k++) hit |= !strcasecmp(c->files[i].name, names[k]);
            if (!hit) continue;
            if (all) buf_puts(out, "---\n");
            buf_put(out, c->files[i].data, c->files[i].len);
            buf_putc(out, '\n');
            break;
        }
    }
    if (all || !strcmp(what, "crds")) {
        int first = 1;
        show_crds(c, out, &first, all);
    }
    return NULL;
}
