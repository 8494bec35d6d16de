/*
 * files.c - the .Files object: a map of chart-relative path -> []byte with
 * the methods Get, GetBytes, Glob, Lines, AsConfig, AsSecrets.
 * Mirrors helm v4.1.4 pkg/engine/files.go; Glob patterns are
 * github.com/gobwas/glob's (glob.c), compiled with separator '/' (an
 * invalid pattern falls back to "**", i.e. matches everything).
 */
#include "chartc/render.h"
#include "chartc/codec.h"
#include "chartc/func.h"
#include "chartc/glob.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"

#include <stdlib.h>
#include <string.h>

typedef struct FEnt { const char *name; const char *data; size_t len; int ord; } FEnt;
typedef struct Files { FEnt *e; int n; } Files;   /* sorted by name */

static const ObjType files_type;

static Value files_obj(FEnt *e, int n)
{
    Files *f = cc_alloc(sizeof *f);
    f->e = e; f->n = n;
    return v_newobj(&files_type, f);
}

static const FEnt *files_find(const Files *f, const char *name, size_t n)
{
    int lo = 0, hi = f->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const char *k = f->e[mid].name;
        size_t kn = strlen(k);
        int c = memcmp(k, name, kn < n ? kn : n);
        if (!c) c = kn < n ? -1 : kn > n ? 1 : 0;
        if (!c) return &f->e[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

/* ---- methods ------------------------------------------------------------------- */

static const char *files_base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* AsConfig/AsSecrets: toYAML(map[basename]content), trailing newline cut. */
static Value files_as(const Files *f, int secrets)
{
    Value m = v_newmap((size_t)f->n);
    m.g = GT_STRMAP;
    for (int i = 0; i < f->n; i++) {
        const char *k = files_base(f->e[i].name);
        Value v;
        if (secrets) {
            Buf b = {0};
            go_base64(&b, (const unsigned char *)f->e[i].data, f->e[i].len);
            v = v_buf(&b);
            buf_free(&b);
        } else {
            v = v_str(f->e[i].data, f->e[i].len);
        }
        map_setc(m.u.m, k, v);
    }
    Buf b = {0};
    const char *err = yaml_dump(&b, m);
    Value r;
    if (err) r = v_cstr("");
    else {
        size_t n = b.len;
        if (n && b.p[n - 1] == '\n') n--;
        r = v_strdup(b.p ? b.p : "", n);
    }
    buf_free(&b);
    return r;
}

static const char *files_str_arg(Exec *x, const char *m, int argc, Value *argv)
{
    if (argc != 1) fn_error(x, "wrong number of args for %s: want 1 got %d", m, argc);
    if (!v_is_str(argv[0]))
        fn_error(x, "wrong type for value; expected string; got %s", v_gotype(argv[0]));
    return argv[0].u.s;
}

static int files_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    const Files *f = o->data;
    if (!strcmp(name, "Get") || !strcmp(name, "GetBytes")) {
        const char *p = files_str_arg(x, name, argc, argv);
        const FEnt *e = files_find(f, p, argv[0].n);
        *out = e ? v_str(e->data, e->len) : v_str("", 0);
        if (name[3]) out->g = GT_BYTES;
        return 1;
    }
    if (!strcmp(name, "Glob")) {
        const char *p = files_str_arg(x, name, argc, argv);
        FEnt *e = cc_alloc((size_t)(f->n ? f->n : 1) * sizeof *e);
        int n = 0;
        int toolong;
        Glob *g = glob_compile(p, argv[0].n, &toolong);
        if (toolong) fn_error(x, "chartc: glob pattern longer than 1024 bytes not supported");
        if (!g) g = glob_compile("**", 2, &toolong);   /* gobwas: a bad pattern matches everything */
        for (int i = 0; i < f->n; i++) {
            const char *panic;
            int m = glob_match(g, f->e[i].name, strlen(f->e[i].name), &panic);
            if (m < 0) fn_error(x, "%s", panic);
            if (m) e[n++] = f->e[i];
        }
        *out = files_obj(e, n);
        return 1;
    }
    if (!strcmp(name, "Lines")) {
        const char *p = files_str_arg(x, name, argc, argv);
        const FEnt *e = files_find(f, p, argv[0].n);
        Value l = v_newlist(8);
        l.g = GT_STRSLICE;
        if (e) {
            if (e->len == 0) fn_error(x, "runtime error: index out of range [-1]");
            size_t n = e->len;
            if (e->data[n - 1] == '\n') n--;
            const char *s = e->data, *end = e->data + n;
            for (;;) {
                const char *nl = memchr(s, '\n', (size_t)(end - s));
                if (!nl) { list_push(l.u.l, v_str(s, (size_t)(end - s))); break; }
                list_push(l.u.l, v_str(s, (size_t)(nl - s)));
                s = nl + 1;
            }
        }
        *out = l;
        return 1;
    }
    if (!strcmp(name, "AsConfig") || !strcmp(name, "AsSecrets")) {
        if (argc) fn_error(x, "wrong number of args for %s: want 0 got %d", name, argc);
        *out = files_as(f, name[2] == 'S');
        return 1;
    }
    /* files is a map: .Files.somekey is a (nil) []byte */
    if (argc) return 0;
    const FEnt *e = files_find(f, name, strlen(name));
    *out = e ? v_str(e->data, e->len) : v_str("", 0);
    out->g = GT_BYTES;
    return 1;
}

static Value files_data(Obj *o)
{
    const Files *f = o->data;
    Value m = v_newmap((size_t)f->n);
    for (int i = 0; i < f->n; i++) {
        Value v = v_str(f->e[i].data, f->e[i].len);
        v.g = GT_BYTES;
        map_setc(m.u.m, f->e[i].name, v);
    }
    return m;
}

static void files_print(Buf *b, Obj *o) { go_print(b, files_data(o)); }

/* engine.files is a map[string][]byte with methods */
static const char *files_method_sig(Obj *o, const char *name)
{
    if (!strcmp(name, "Get") || !strcmp(name, "GetBytes") || !strcmp(name, "Glob") || !strcmp(name, "Lines"))
        return "s";
    if (!strcmp(name, "AsConfig") || !strcmp(name, "AsSecrets")) return "";
    return NULL;
}

static const ObjType files_type = {"engine.files", files_field, files_print, files_data, files_method_sig, NULL,
                                   OBJF_MAP_KIND};

static int files_cmp(const void *a, const void *b)
{
    const FEnt *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->ord > y->ord) - (x->ord < y->ord);
}

Value files_new(const CFile *files, int nfiles)
{
    FEnt *e = cc_alloc((size_t)(nfiles ? nfiles : 1) * sizeof *e);
    for (int i = 0; i < nfiles; i++) {
        e[i].name = files[i].name;
        e[i].data = files[i].data ? files[i].data : "";
        e[i].len = files[i].len;
        e[i].ord = i;
    }
    qsort(e, (size_t)nfiles, sizeof *e, files_cmp);
    /* duplicate names (an archive can repeat an entry): the later one
     * wins, like map assignment; ord keeps the unstable qsort honest */
    int n = 0;
    for (int i = 0; i < nfiles; i++) {
        if (n && strcmp(e[n - 1].name, e[i].name) == 0) e[n - 1] = e[i];
        else e[n++] = e[i];
    }
    return files_obj(e, n);
}
