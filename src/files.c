/*
 * files.c - the .Files object: a map of chart-relative path -> []byte with
 * the methods Get, GetBytes, Glob, Lines, AsConfig, AsSecrets.
 * Mirrors helm v4.1.4 pkg/engine/files.go; Glob patterns follow
 * github.com/gobwas/glob compiled with separator '/' (an invalid pattern
 * falls back to "**", i.e. matches everything).
 */
#include "chartc/render.h"
#include "chartc/codec.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"

#include <stdlib.h>
#include <string.h>

typedef struct FEnt { const char *name; const char *data; size_t len; } FEnt;
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

/* ---- gobwas/glob ------------------------------------------------------------ */

/* Syntax check: every '[' closed by ']', every '{' by '}', no trailing '\'. */
static int fg_valid(const char *p)
{
    int braces = 0;
    for (; *p; p++) {
        if (*p == '\\') { if (!p[1]) return 0; p++; continue; }
        if (*p == '[') {
            const char *q = p + 1;
            if (*q == '!') q++;
            if (*q == ']') return 0;     /* empty class */
            while (*q && *q != ']') q++;
            if (!*q) return 0;
            p = q;
        } else if (*p == '{') braces++;
        else if (*p == '}') { if (!braces) return 0; braces--; }
    }
    return braces == 0;
}

/* End of the {...} group starting at p ('{'); points at the matching '}'. */
static const char *fg_group_end(const char *p)
{
    int d = 0;
    for (; *p; p++) {
        if (*p == '\\' && p[1]) { p++; continue; }
        if (*p == '[') { while (*p && *p != ']') p++; if (!*p) return NULL; continue; }
        if (*p == '{') d++;
        else if (*p == '}' && --d == 0) return p;
    }
    return NULL;
}

static int fg_match(const char *p, const char *pe, const char *s);

/* Match the pattern [p,pe) against the whole of s. Patterns are small:
 * plain backtracking is enough. */
static int fg_match(const char *p, const char *pe, const char *s)
{
    while (p < pe) {
        if (*p == '*') {
            int super = p + 1 < pe && p[1] == '*';
            p += super ? 2 : 1;
            while (p < pe && *p == '*') p++;
            for (const char *t = s;; t++) {
                if (fg_match(p, pe, t)) return 1;
                if (!*t || (!super && *t == '/')) return 0;
            }
        }
        if (*p == '{') {
            const char *ge = fg_group_end(p);
            if (!ge || ge >= pe) return 0;
            /* try each alternative followed by the rest of the pattern */
            const char *a = p + 1;
            int d = 0;
            for (const char *q = a;; q++) {
                if (*q == '\\' && q + 1 < ge) { q++; continue; }
                if (*q == '[') { while (q < ge && *q != ']') q++; continue; }
                if (*q == '{') d++;
                else if (*q == '}' && d) d--;
                else if ((*q == ',' && !d) || q == ge) {
                    size_t al = (size_t)(q - a), rl = (size_t)(pe - ge - 1);
                    char *cand = cc_alloc(al + rl + 1);
                    memcpy(cand, a, al);
                    memcpy(cand + al, ge + 1, rl);
                    if (fg_match(cand, cand + al + rl, s)) return 1;
                    a = q + 1;
                    if (q == ge) break;
                }
            }
            return 0;
        }
        if (!*s) return 0;
        if (*p == '?') { if (*s == '/') return 0; p++; s++; continue; }
        if (*p == '[') {
            p++;
            int neg = 0, ok = 0;
            if (*p == '!') { neg = 1; p++; }
            unsigned char c = (unsigned char)*s;
            while (p < pe && *p != ']') {
                unsigned char lo = (unsigned char)*p, hi = lo;
                if (p + 2 < pe && p[1] == '-' && p[2] != ']') { hi = (unsigned char)p[2]; p += 3; }
                else p++;
                if (lo <= c && c <= hi) ok = 1;
            }
            p++;
            if (ok == neg) return 0;
            s++;
            continue;
        }
        if (*p == '\\') p++;
        if (*p != *s) return 0;
        p++; s++;
    }
    return *s == 0;
}

static int files_glob_match(const char *pat, const char *name)
{
    if (!fg_valid(pat)) pat = "**";
    return fg_match(pat, pat + strlen(pat), name);
}

/* ---- methods ------------------------------------------------------------------- */

static const char *files_base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void files_b64(Buf *b, const unsigned char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n) v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < n) v |= s[i + 2];
        buf_putc(b, tab[v >> 18 & 63]);
        buf_putc(b, tab[v >> 12 & 63]);
        buf_putc(b, i + 1 < n ? tab[v >> 6 & 63] : '=');
        buf_putc(b, i + 2 < n ? tab[v & 63] : '=');
    }
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
            files_b64(&b, (const unsigned char *)f->e[i].data, f->e[i].len);
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
        for (int i = 0; i < f->n; i++)
            if (files_glob_match(p, f->e[i].name)) e[n++] = f->e[i];
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
    return strcmp(((const FEnt *)a)->name, ((const FEnt *)b)->name);
}

Value files_new(const CFile *files, int nfiles)
{
    FEnt *e = cc_alloc((size_t)(nfiles ? nfiles : 1) * sizeof *e);
    for (int i = 0; i < nfiles; i++) {
        e[i].name = files[i].name;
        e[i].data = files[i].data ? files[i].data : "";
        e[i].len = files[i].len;
    }
    qsort(e, (size_t)nfiles, sizeof *e, files_cmp);
    /* duplicate names: the later one wins, like map assignment */
    int n = 0;
    for (int i = 0; i < nfiles; i++) {
        if (n && strcmp(e[n - 1].name, e[i].name) == 0) e[n - 1] = e[i];
        else e[n++] = e[i];
    }
    return files_obj(e, n);
}
