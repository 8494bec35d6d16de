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

/* The pattern compiled to a small NFA (Thompson) and run over the name
 * with a set of live states: time is pattern length times name length,
 * whatever the stars and {...} groups (a backtracking matcher is
 * exponential on *a*a*a...b). Bytes, as gobwas matches them here. */
enum { GO_BYTE, GO_ANY, GO_CLASS, GO_STAR, GO_SUPER, GO_SPLIT, GO_JMP, GO_FAIL, GO_MATCH };
typedef struct GlobOp {
    uint8_t op, c;       /* GO_BYTE: c */
    uint8_t neg;         /* GO_CLASS: [!...] */
    uint32_t x, y;       /* GO_SPLIT: both; GO_JMP: x; GO_CLASS: items [x, y) of the pattern */
} GlobOp;

typedef struct Glob { GlobOp *op; uint32_t n, cap; const char *pat; } Glob;

static uint32_t fg_emit(Glob *g, int op)
{
    if (g->n == g->cap) {
        uint32_t nc = g->cap ? g->cap * 2 : 32;
        g->op = cc_grow(g->op, g->n * sizeof *g->op, nc * sizeof *g->op);
        g->cap = nc;
    }
    memset(&g->op[g->n], 0, sizeof *g->op);
    g->op[g->n].op = (uint8_t)op;
    return g->n++;
}

/* Compiles a pattern fg_valid accepted; groups nest without recursion. */
static void fg_compile(Glob *g, const char *p)
{
    typedef struct { uint32_t split, njmp; } Grp;
    Grp *st = NULL;
    uint32_t *jmps = NULL;           /* pending "JMP end" of every open group */
    uint32_t nst = 0, capst = 0, nj = 0, capj = 0;
    g->pat = p;
    for (; *p; p++) {
        if (*p == '*') {
            int super = p[1] == '*';
            while (p[1] == '*') p++;
            fg_emit(g, super ? GO_SUPER : GO_STAR);
        } else if (*p == '?') {
            fg_emit(g, GO_ANY);
        } else if (*p == '[') {
            uint32_t k = fg_emit(g, GO_CLASS);
            p++;
            if (*p == '!') { g->op[k].neg = 1; p++; }
            g->op[k].x = (uint32_t)(p - g->pat);
            while (*p != ']') p++;
            g->op[k].y = (uint32_t)(p - g->pat);
        } else if (*p == '{' || (*p == ',' && nst) || (*p == '}' && nst)) {
            if (*p != '{') {             /* an alternative ends: jump past the group */
                if (nj == capj) { capj = capj ? capj * 2 : 16; jmps = cc_grow(jmps, nj * sizeof *jmps, capj * sizeof *jmps); }
                jmps[nj++] = fg_emit(g, GO_JMP);
                st[nst - 1].njmp++;
            }
            if (*p == '}') {
                uint32_t f = fg_emit(g, GO_FAIL);
                g->op[st[nst - 1].split].y = f;
                for (uint32_t k = 0; k < st[nst - 1].njmp; k++) g->op[jmps[--nj]].x = g->n;
                nst--;
                continue;
            }
            if (*p == ',') g->op[st[nst - 1].split].y = g->n;
            else {
                if (nst == capst) { capst = capst ? capst * 2 : 8; st = cc_grow(st, nst * sizeof *st, capst * sizeof *st); }
                st[nst].njmp = 0;
                nst++;
            }
            uint32_t k = fg_emit(g, GO_SPLIT);
            g->op[k].x = k + 1;
            st[nst - 1].split = k;
        } else {
            if (*p == '\\') p++;
            fg_emit(g, GO_BYTE);
            g->op[g->n - 1].c = (uint8_t)*p;
        }
    }
    fg_emit(g, GO_MATCH);
}

static int fg_class(const Glob *g, const GlobOp *o, unsigned char c)
{
    const char *p = g->pat + o->x, *pe = g->pat + o->y;
    int ok = 0;
    while (p < pe) {
        unsigned char lo = (unsigned char)*p, hi = lo;
        if (p + 2 < pe && p[1] == '-' && p[2] != ']') { hi = (unsigned char)p[2]; p += 3; }
        else p++;
        if (lo <= c && c <= hi) ok = 1;
    }
    return ok != o->neg;
}

/* Adds state k and everything reachable from it without input. */
static void fg_add(const Glob *g, uint32_t *set, uint32_t *n, uint32_t *mark, uint32_t gen, uint32_t *stack, uint32_t k)
{
    uint32_t sp = 0;
    stack[sp++] = k;
    while (sp) {
        k = stack[--sp];
        if (mark[k] == gen) continue;
        mark[k] = gen;
        const GlobOp *o = &g->op[k];
        switch (o->op) {
        case GO_JMP: stack[sp++] = o->x; break;
        case GO_SPLIT: stack[sp++] = o->y; stack[sp++] = o->x; break;
        case GO_FAIL: break;
        case GO_STAR: case GO_SUPER: set[(*n)++] = k; stack[sp++] = k + 1; break;
        default: set[(*n)++] = k;
        }
    }
}

static int fg_run(const Glob *g, const char *s)
{
    uint32_t n = g->n;
    uint32_t *cur = malloc(6 * (size_t)n * sizeof *cur);
    if (!cur) cc_oom();
    uint32_t *nxt = cur + n, *mark = nxt + n, *stack = mark + n;   /* stack: 3n (a state pushes at most two) */
    memset(mark, 0, n * sizeof *mark);
    uint32_t nc = 0, nn, gen = 1;
    fg_add(g, cur, &nc, mark, gen, stack, 0);
    for (; *s && nc; s++) {
        unsigned char c = (unsigned char)*s;
        nn = 0;
        gen++;
        for (uint32_t i = 0; i < nc; i++) {
            const GlobOp *o = &g->op[cur[i]];
            int ok;
            switch (o->op) {
            case GO_BYTE: ok = o->c == c; break;
            case GO_ANY: ok = c != '/'; break;
            case GO_CLASS: ok = fg_class(g, o, c); break;
            case GO_STAR: if (c != '/') fg_add(g, nxt, &nn, mark, gen, stack, cur[i]); continue;
            case GO_SUPER: fg_add(g, nxt, &nn, mark, gen, stack, cur[i]); continue;
            default: continue;
            }
            if (ok) fg_add(g, nxt, &nn, mark, gen, stack, cur[i] + 1);
        }
        uint32_t *t = cur; cur = nxt; nxt = t;
        nc = nn;
    }
    int m = 0;
    for (uint32_t i = 0; !*s && i < nc; i++) m |= g->op[cur[i]].op == GO_MATCH;
    free(cur < nxt ? cur : nxt);
    return m;
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
        Glob g = {0};
        fg_compile(&g, fg_valid(p) ? p : "**");   /* gobwas: a bad pattern matches everything */
        for (int i = 0; i < f->n; i++)
            if (fg_run(&g, f->e[i].name)) e[n++] = f->e[i];
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
