/*
 * explain.c - `--explain`: source excerpts after Helm's error text, in the
 * compilers' format (clang/gcc "file:line:col: error: ..." then the line
 * and a caret, then "note:" lines for the include chain).
 * No Helm counterpart. Reads the structured template error chain
 * (exec_int.h: each link's node and {{template}} calls), the rendered
 * templates of a failed render (render.h RenderDiag), and values files.
 * The error text itself is Helm's and is never changed here.
 */
#define _GNU_SOURCE
#include "chartc/explain.h"
#include "chartc/codec.h"
#include "chartc/tmpl.h"
#include "exec_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

#define EX_MAX_LINE 160     /* longer source lines are shown as a window */
#define EX_MAX_FILE (64u << 20)

int explain_use_color(int fd)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(fd) && !(nc && *nc);
}

typedef struct Ex { Buf *out; int color; } Ex;

static void ex_c(Ex *e, const char *code)
{
    if (e->color) buf_puts(e->out, code);
}

/* "LOC: error: MSG" or "LOC: note: MSG" */
static void ex_head(Ex *e, const char *loc, int is_error, const char *msg)
{
    ex_c(e, C_BOLD);
    buf_printf(e->out, "%s: ", loc);
    ex_c(e, is_error ? C_RED : C_CYAN);
    buf_puts(e->out, is_error ? "error: " : "note: ");
    ex_c(e, C_RESET);
    if (is_error) ex_c(e, C_BOLD);
    buf_puts(e->out, msg);
    ex_c(e, C_RESET);
    buf_putc(e->out, '\n');
}

/* Line `line` (1-based) of src: start and length without "\r\n". */
static int ex_line(const char *src, size_t len, int line, const char **ls, size_t *ln)
{
    if (line < 1 || !src) return 0;
    const char *p = src, *e = src + len;
    for (int i = 1; i < line; i++) {
        const char *q = memchr(p, '\n', (size_t)(e - p));
        if (!q) return 0;
        p = q + 1;
    }
    if (p == e && line > 1) return 0;
    const char *q = memchr(p, '\n', (size_t)(e - p));
    size_t n = q ? (size_t)(q - p) : (size_t)(e - p);
    if (n && p[n - 1] == '\r') n--;
    *ls = p;
    *ln = n;
    return 1;
}

static int ex_digits(int n)
{
    int d = 1;
    while (n >= 10) n /= 10, d++;
    return d;
}

/* One source line "  NN | text" (or "> NN | text" when marked), shown
 * from byte ws to we; control bytes print as '?'. */
static void ex_src_line(Ex *e, int lineno, int width, int mark, const char *ls, size_t ws, size_t we, size_t ln)
{
    buf_printf(e->out, "%c %*d | ", mark ? '>' : ' ', width, lineno);
    if (ws > 0) buf_puts(e->out, "...");
    for (size_t i = ws; i < we; i++) {
        unsigned char ch = (unsigned char)ls[i];
        buf_putc(e->out, ch < 0x20 && ch != '\t' ? '?' : (char)ch);
    }
    if (we < ln) buf_puts(e->out, "...");
    buf_putc(e->out, '\n');
}

/* The display window [ws, we) of a line of length ln around byte col. */
static void ex_window(size_t ln, size_t col, size_t *ws, size_t *we)
{
    *ws = 0;
    *we = ln;
    if (ln <= EX_MAX_LINE) return;
    *ws = col > EX_MAX_LINE / 2 ? col - EX_MAX_LINE / 2 : 0;
    *we = *ws + EX_MAX_LINE < ln ? *ws + EX_MAX_LINE : ln;
}

/* The excerpt of one line with a caret at byte col and '~' under the
 * rest of [col, col + span). */
static void ex_caret(Ex *e, const char *src, size_t len, int line, int col, int span)
{
    const char *ls;
    size_t ln;
    if (!ex_line(src, len, line, &ls, &ln)) return;
    if (col < 0) col = 0;
    if ((size_t)col > ln) col = (int)ln;
    if (span < 1) span = 1;
    size_t ws, we;
    ex_window(ln, (size_t)col, &ws, &we);
    /* keep the window on UTF-8 character boundaries */
    while (ws > 0 && ws < ln && ((unsigned char)ls[ws] & 0xC0) == 0x80) ws--;
    while (we < ln && ((unsigned char)ls[we] & 0xC0) == 0x80) we++;
    int width = ex_digits(line);
    ex_src_line(e, line, width, 0, ls, ws, we, ln);
    buf_printf(e->out, "  %*s | ", width, "");
    if (ws > 0) buf_puts(e->out, "   ");
    for (size_t i = ws; i < (size_t)col; i++) {
        if (ls[i] == '\t') buf_putc(e->out, '\t');
        else if (((unsigned char)ls[i] & 0xC0) != 0x80) buf_putc(e->out, ' ');
    }
    ex_c(e, C_GREEN);
    buf_putc(e->out, '^');
    size_t end = (size_t)col + (size_t)span;
    if (end > we) end = we;
    for (size_t i = (size_t)col + 1; i < end; i++)
        if (((unsigned char)ls[i] & 0xC0) != 0x80) buf_putc(e->out, '~');
    ex_c(e, C_RESET);
    buf_putc(e->out, '\n');
}

/* Lines around `line` of src, the line itself marked. first_line: the
 * number shown for src's first line. */
static void ex_around(Ex *e, const char *src, size_t len, int line, int first_line)
{
    int lo = line - 3 < 1 ? 1 : line - 3, hi = line + 2;
    int width = ex_digits(hi + first_line - 1);
    for (int l = lo; l <= hi; l++) {
        const char *ls;
        size_t ln, ws, we;
        if (!ex_line(src, len, l, &ls, &ln)) break;
        ex_window(ln, 0, &ws, &we);
        while (we < ln && ((unsigned char)ls[we] & 0xC0) == 0x80) we++;
        ex_src_line(e, l + first_line - 1, width, l == line, ls, ws, we, ln);
    }
}

/* ---- template execution errors -------------------------------------------- */

/* The source span of node n on its line: the occurrence of the node's
 * canonical text that covers its position (Go positions a field chain at
 * its second field), else from the position to the end of the action. */
static void ex_node_span(const Node *n, const char *ls, size_t ln, int col, int *start, int *span)
{
    Buf b = {0};
    node_format(&b, n);
    const char *t = buf_cstr(&b);
    size_t tl = b.len;
    *start = col;
    *span = 1;
    if (tl && !memchr(t, '\n', tl)) {
        for (size_t i = 0; i + tl <= ln; i++) {
            if (memcmp(ls + i, t, tl) == 0 && i <= (size_t)col && (size_t)col < i + tl) {
                *start = (int)i;
                *span = (int)tl;
                buf_free(&b);
                return;
            }
        }
    }
    buf_free(&b);
    /* the whole action around the position: after "{{" (and "- "), before
     * " }}" */
    size_t open = (size_t)col;
    while (open > 0 && !(ls[open - 1] == '{' && open >= 2 && ls[open - 2] == '{')) open--;
    if (open > 0) {
        if (open < ln && ls[open] == '-') open++;
        while (open < (size_t)col && (ls[open] == ' ' || ls[open] == '\t')) open++;
        *start = (int)open;
    }
    const char *close = NULL;
    for (size_t i = (size_t)col; i + 1 < ln; i++)
        if (ls[i] == '}' && ls[i + 1] == '}') { close = ls + i; break; }
    if (close) {
        while (close > ls + *start + 1 && (close[-1] == ' ' || close[-1] == '-' || close[-1] == '\t')) close--;
        *span = (int)(close - (ls + *start));
    }
}

static void ex_node(Ex *e, ExecAt at, int is_error, const char *msg)
{
    int line, col;
    const Node *n = at.node;
    const Tree *t = at.tree;
    const char *loc = node_location(t, n, &line, &col);
    ex_head(e, loc, is_error, msg);
    const char *ls;
    size_t ln;
    if (!ex_line(t->src, t->srclen, line, &ls, &ln)) return;
    int start, span;
    ex_node_span(n, ls, ln, col, &start, &span);
    ex_caret(e, t->src, t->srclen, line, start, span);
}

/* required/fail carry their message between HELM_ERR_START/END. */
static const char *ex_user_msg(const char *m)
{
    const char *s = strstr(m, "HELM_ERR_START");
    if (!s) return m;
    s += 14;
    const char *end = NULL;
    for (const char *q = strstr(s, "HELM_ERR_END"); q; q = strstr(q + 1, "HELM_ERR_END")) end = q;
    return end ? cc_strndup(s, (size_t)(end - s)) : m;
}

/* What a call node does with the template it runs. */
static const char *ex_call_kind(const Node *n, const char *callee)
{
    if (n->type == N_TEMPLATE) return cc_printf("in template \"%s\", called from here", callee);
    const Node *f = n->type == N_COMMAND && n->u.cmd.n ? n->u.cmd.args[0] : NULL;
    const char *fn = f && f->type == N_IDENT ? f->u.ident.fn->name : "";
    if (!strcmp(fn, "tpl")) return "in the text given to tpl, evaluated from here";
    if (!strcmp(fn, "include")) return cc_printf("in template \"%s\", included from here", callee);
    return cc_printf("in template \"%s\", executed from here", callee);
}

#define EX_INNER_FRAMES 8
#define EX_OUTER_FRAMES 4

static void ex_exec(Ex *e, const TmplError *err)
{
    int n = 0, cap = 0;
    ExecAt *pos = NULL;
    const TmplError *last = NULL;
    for (const TmplError *l = err; l; l = l->inner) {
        if (l->kind != TE_EXEC || !l->at.node) continue;
        int need = n + l->ncalls + 1;
        if (need > cap) {
            int nc = cap ? cap : 16;
            while (nc < need) nc *= 2;
            pos = cc_grow(pos, sizeof *pos * (size_t)cap, sizeof *pos * (size_t)nc);
            cap = nc;
        }
        for (int k = 0; k < l->ncalls; k++) pos[n++] = l->calls[k];
        pos[n++] = l->at;
        last = l;
    }
    if (!last) return;
    const char *msg = ex_user_msg(last->inner ? cc_printf("%s%s", last->msg, exec_err_string(last->inner)) : last->msg);
    buf_putc(e->out, '\n');
    ex_node(e, pos[n - 1], 1, msg);
    int shown = 0;
    for (int i = n - 2; i >= 0; i--) {
        /* a run of the same call (recursion) prints once */
        int run = 1;
        while (i - run >= 0 && pos[i - run].node == pos[i].node) run++;
        if (shown == EX_INNER_FRAMES && i > EX_OUTER_FRAMES + 1) {
            int skip = i - EX_OUTER_FRAMES;
            buf_printf(e->out, "... %d more call%s ...\n", skip, skip == 1 ? "" : "s");
            i = EX_OUTER_FRAMES;
            run = 1;
            while (i - run >= 0 && pos[i - run].node == pos[i].node) run++;
        }
        ex_node(e, pos[i], 0, ex_call_kind(pos[i].node, pos[i + 1].tree->name));
        if (run > 1) buf_printf(e->out, "... the same call %d more time%s ...\n", run - 1, run == 2 ? "" : "s");
        i -= run - 1;
        shown++;
    }
}

/* ---- template parse errors -------------------------------------------------- */

/* "parse error at (FILE:LINE): MSG" */
static void ex_parse(Ex *e, const char *err, const RenderDiag *d)
{
    const char *p = strstr(err, "parse error at (");
    if (!p) return;
    p += 16;
    const char *close = strstr(p, "): ");
    if (!close) return;
    const char *colon = close;
    while (colon > p && colon[-1] != ':') colon--;
    if (colon == p) return;
    int line = atoi(colon);
    const char *msg = close + 3;
    const char *nl = strchr(msg, '\n');
    msg = nl ? cc_strndup(msg, (size_t)(nl - msg)) : msg;
    const char *ls;
    size_t ln;
    if (!ex_line(d->parse_src, d->parse_len, line, &ls, &ln)) return;
    /* a quoted name in the message ("foo" not defined) marks the column */
    int col = 0, span = 0;
    const char *q1 = strchr(msg, '"'), *q2 = q1 ? strchr(q1 + 1, '"') : NULL;
    if (q2 && q2 > q1 + 1) {
        size_t wl = (size_t)(q2 - q1 - 1);
        for (size_t i = 0; i + wl <= ln; i++)
            if (!memcmp(ls + i, q1 + 1, wl)) { col = (int)i; span = (int)wl; break; }
    }
    buf_putc(e->out, '\n');
    ex_head(e, cc_printf("%.*s", (int)(close - p), p), 1, msg);
    if (span) ex_caret(e, d->parse_src, d->parse_len, line, col, span);
    else ex_around(e, d->parse_src, d->parse_len, line, 1);
}

/* ---- YAML errors ---------------------------------------------------------------- */

/* "yaml: line N: MSG" inside an error text: N and MSG (to the line end). */
static int ex_yaml_line(const char *err, int *line, const char **msg)
{
    const char *p = strstr(err, "yaml: line ");
    if (!p) return 0;
    p += 11;
    *line = atoi(p);
    const char *c = strstr(p, ": ");
    if (*line < 1 || !c) return 0;
    c += 2;
    const char *nl = strchr(c, '\n');
    *msg = nl ? cc_strndup(c, (size_t)(nl - c)) : c;
    return 1;
}

static int ex_line_of(const char *base, const char *p)
{
    int l = 1;
    for (const char *q = base; q < p; q++) l += *q == '\n';
    return l;
}

/* A document's top-level key line ("kind:"), 0 if none. */
static int ex_key_line(const char *s, size_t n, const char *key)
{
    size_t kl = strlen(key);
    int line = 1;
    for (size_t i = 0; i < n; ) {
        if (i + kl < n && !memcmp(s + i, key, kl) && s[i + kl] == ':') return line;
        const char *q = memchr(s + i, '\n', n - i);
        if (!q) break;
        i = (size_t)(q - s) + 1;
        line++;
    }
    return 0;
}

/* Which field of releaseutil.SimpleHead a JSON type error names. */
static const char *ex_head_field(const char *err)
{
    if (strstr(err, "SimpleHead.apiVersion")) return "apiVersion";
    if (strstr(err, "SimpleHead.kind")) return "kind";
    if (strstr(err, "SimpleHead.metadata") || strstr(err, ".metadata.annotations")) return "metadata";
    return NULL;
}

static int ex_head_bad(Value v, const char *field)
{
    if (v.t != VT_MAP) return !field;
    if (!field) return 0;
    Value *f = map_getc(v.u.m, field);
    if (!f || f->t == VT_NIL) return 0;
    if (strcmp(field, "metadata")) return f->t != VT_STR;
    if (f->t != VT_MAP) return 1;
    Value *a = map_getc(f->u.m, "annotations");
    if (!a || a->t == VT_NIL) return 0;
    if (a->t != VT_MAP) return 1;
    MAP_EACH(a->u.m, ent) if (ent->v.t != VT_STR) return 1;
    return 0;
}

/* "YAML parse error on PATH: ..." over the rendered templates. */
static void ex_manifest(Ex *e, const char *err, const RenderDiag *d)
{
    const char *p = err + 20;   /* strlen("YAML parse error on ") */
    const char *sep = strstr(p, ": ");
    if (!sep || !d->files) return;
    char *path = cc_strndup(p, (size_t)(sep - p));
    const char *rest = sep + 2;
    const RenderedFile *f = NULL;
    for (int i = 0; i < d->nfiles; i++)
        if (!strcmp(d->files[i].path, path)) { f = &d->files[i]; break; }
    if (!f) return;
    MDoc *docs;
    int nd = manifest_split(f->data, f->len, &docs);
    int yline;
    const char *ymsg;
    int has_line = ex_yaml_line(rest, &yline, &ymsg);
    const char *field = has_line ? NULL : ex_head_field(rest);
    for (int k = 0; k < nd; k++) {
        Value v;
        const char *yerr = yaml_load(docs[k].s, docs[k].n, &v);
        int doc_line = ex_line_of(f->data, docs[k].s);
        if (has_line) {
            if (!yerr || strncmp(rest, yerr, strlen(yerr))) continue;
            buf_putc(e->out, '\n');
            ex_head(e, cc_printf("%s: rendered line %d", path, doc_line + yline - 1), 1, ymsg);
            ex_around(e, f->data, f->len, doc_line + yline - 1, 1);
            return;
        }
        if (yerr || !ex_head_bad(v, field)) continue;
        int kl = field ? ex_key_line(docs[k].s, docs[k].n, field) : 0;
        const char *nl = strchr(rest, '\n');
        buf_putc(e->out, '\n');
        ex_head(e, cc_printf("%s: rendered line %d", path, doc_line + (kl ? kl - 1 : 0)), 1,
                nl ? cc_strndup(rest, (size_t)(nl - rest)) : rest);
        ex_around(e, f->data, f->len, doc_line + (kl ? kl - 1 : 0), 1);
        return;
    }
}

/* ---- values and chart files ------------------------------------------------------ */

static const char *ex_read(const char *path, size_t *len)
{
    struct stat st;
    if (stat(path, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size > EX_MAX_FILE) return NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    char *s = cc_alloc((size_t)st.st_size + 1);
    size_t n = fread(s, 1, (size_t)st.st_size, fp);
    fclose(fp);
    *len = n;
    return s;
}

/* "failed to parse FILE: ... yaml: line N: MSG" (values files) and
 * "cannot load NAME: ... yaml: line N: MSG" (files of a chart directory). */
static void ex_file(Ex *e, const char *err, const RenderOpts *o)
{
    const char *file = NULL;
    const char *p;
    int line;
    const char *msg;
    if (!ex_yaml_line(err, &line, &msg)) return;
    if (!strncmp(err, "failed to parse ", 16)) {
        p = err + 16;
        /* the longest -f argument that the text starts with */
        size_t best = 0;
        for (int i = 0; o && i < o->values.nfiles; i++) {
            size_t l = strlen(o->values.files[i]);
            if (l > best && !strncmp(p, o->values.files[i], l) && !strncmp(p + l, ": ", 2)) best = l, file = o->values.files[i];
        }
    } else if (!strncmp(err, "cannot load ", 12) && o && o->chart_path) {
        p = err + 12;
        const char *c = strstr(p, ": ");
        struct stat st;
        if (c && !stat(o->chart_path, &st) && S_ISDIR(st.st_mode))
            file = cc_printf("%s/%.*s", o->chart_path, (int)(c - p), p);
    }
    size_t len;
    const char *src = file ? ex_read(file, &len) : NULL;
    if (!src) return;
    buf_putc(e->out, '\n');
    ex_head(e, cc_printf("%s:%d", file, line), 1, msg);
    ex_around(e, src, len, line, 1);
}

/* ---- values schema errors ------------------------------------------------------- */

typedef struct Hit { int found, line, col; size_t start, end; } Hit;

static void ex_found(void *ctx, int k, size_t start, size_t end, int line, int col)
{
    Hit *h = ctx;
    if (h->found) return;
    h->found = 1; h->line = line; h->col = col; h->start = start; h->end = end;
}

/* Split a schema error path into segments: v4 "/a/b" (JSON pointer), v3
 * "a.b"; prefix (a subchart's key) goes first when set. */
static YamlPath ex_schema_path(const char *p, size_t n, int v4, const char *prefix)
{
    YamlPath y = {0};
    int cap = 2;
    for (size_t i = 0; i < n; i++) cap += p[i] == '/' || p[i] == '.';
    y.seg = cc_alloc(sizeof *y.seg * (size_t)cap);
    if (prefix) y.seg[y.nseg++] = prefix;
    size_t i = v4 && n && p[0] == '/' ? 1 : 0;
    while (i < n) {
        size_t j = i;
        Buf b = {0};
        while (j < n && p[j] != (v4 ? '/' : '.')) {
            if (v4 && p[j] == '~' && j + 1 < n && (p[j + 1] == '0' || p[j + 1] == '1')) {
                buf_putc(&b, p[j + 1] == '0' ? '~' : '/');
                j += 2;
                continue;
            }
            buf_putc(&b, p[j++]);
        }
        y.seg[y.nseg++] = buf_arena(&b);
        buf_free(&b);
        i = j + 1;
    }
    return y;
}

/* The values file lines that a schema violation is about: the last -f
 * file that sets the path, else the chart's values.yaml. */
/* The --set family argument that sets the dotted key `key`, or NULL. */
static const char *ex_set_arg(const RenderOpts *o, const char *key)
{
    static const char *const flag[] = {"--set", "--set-string", "--set-json", "--set-file", "--set-literal"};
    const char **lists[] = {o->values.set, o->values.set_string, o->values.set_json, o->values.set_file,
                            o->values.set_literal};
    int ns[] = {o->values.nset, o->values.nset_string, o->values.nset_json, o->values.nset_file,
                o->values.nset_literal};
    size_t kl = strlen(key);
    const char *hit = NULL;
    for (int f = 0; f < 5; f++)
        for (int i = 0; i < ns[f]; i++)
            for (const char *a = lists[f][i]; a; a = f < 2 ? strchr(a, ',') : NULL) {
                if (*a == ',') a++;
                if (!strncmp(a, key, kl) && a[kl] == '=') hit = cc_printf("%s %s", flag[f], lists[f][i]);
            }
    return hit;
}

static void ex_schema_item(Ex *e, const RenderOpts *o, const char *section, const char *path, size_t pn,
                           int v4, const char *msg)
{
    if (o) {
        YamlPath y = ex_schema_path(path, pn, v4, NULL);
        Buf k = {0};
        for (int i = 0; i < y.nseg; i++) { if (i) buf_putc(&k, '.'); buf_puts(&k, y.seg[i]); }
        const char *set = y.nseg ? ex_set_arg(o, buf_cstr(&k)) : NULL;
        buf_free(&k);
        if (set) { ex_head(e, set, 1, msg); return; }
    }
    int nf = o ? o->values.nfiles : 0;
    const char **files = cc_alloc(sizeof *files * (size_t)(nf + 1));
    int k = 0;
    for (int i = nf - 1; i >= 0; i--) files[k++] = o->values.files[i];
    struct stat st;
    if (o && o->chart_path && !stat(o->chart_path, &st) && S_ISDIR(st.st_mode))
        files[k++] = cc_printf("%s/values.yaml", o->chart_path);
    YamlPath cand[2] = {ex_schema_path(path, pn, v4, NULL), ex_schema_path(path, pn, v4, section)};
    for (int i = 0; i < k; i++) {
        size_t len;
        const char *src = ex_read(files[i], &len);
        if (!src) continue;
        for (int c = 0; c < 2; c++) {
            if (!cand[c].nseg) continue;
            Hit h = {0};
            yaml_locate(src, len, &cand[c], 1, ex_found, &h);
            if (!h.found) continue;
            const char *ls;
            size_t ln;
            int span = 1;
            if (ex_line(src, len, h.line, &ls, &ln) && h.end > h.start && (size_t)h.col + (h.end - h.start) <= ln)
                span = (int)(h.end - h.start);
            ex_head(e, cc_printf("%s:%d:%d", files[i], h.line, h.col), 1, msg);
            ex_caret(e, src, len, h.line, h.col, span);
            return;
        }
    }
}

/* "values don't meet the specifications of the schema(s) ...": v4 items
 * "- at '/a/b': MSG", v3 items "- a.b: MSG", under "CHART:" lines. */
static void ex_schema(Ex *e, const char *err, const RenderOpts *o)
{
    const char *p = strchr(err, '\n');
    const char *section = NULL;
    int first = 1;
    while (p && *++p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (n > 2 && p[n - 1] == ':' && p[0] != '-' && p[0] != ' ') {
            section = cc_strndup(p, n - 1);
        } else if (n > 2 && !strncmp(p, "- ", 2)) {
            const char *path, *msg;
            size_t pn;
            int v4 = !strncmp(p, "- at '", 6);
            if (v4) {
                path = p + 6;
                const char *q = memmem(path, n - 6, "': ", 3);
                if (!q) goto next;
                pn = (size_t)(q - path);
                msg = q + 3;
            } else {
                path = p + 2;
                const char *q = memmem(path, n - 2, ": ", 2);
                if (!q) goto next;
                pn = (size_t)(q - path);
                msg = q + 2;
                if (pn == 6 && !strncmp(path, "(root)", 6)) pn = 0;
            }
            if (first) buf_putc(e->out, '\n');
            size_t before = e->out->len;
            ex_schema_item(e, o, section, path, pn, v4, cc_strndup(msg, (size_t)(p + n - msg)));
            if (e->out->len != before) first = 0;
            else if (first) e->out->len--;
        }
    next:
        p = eol;
    }
}

void explain_error(Buf *out, const char *err, const RenderOpts *o, const RenderDiag *d, int color)
{
    size_t start = out->len;
    Ex e = {out, color};
    if (d && d->exec) ex_exec(&e, d->exec);
    else if (d && d->parse_src) ex_parse(&e, err, d);
    else if (!strncmp(err, "YAML parse error on ", 20)) { if (d) ex_manifest(&e, err, d); }
    else if (!strncmp(err, "values don't meet the specifications of the schema", 50)) ex_schema(&e, err, o);
    else ex_file(&e, err, o);
    /* one blank line after the error text, which may end with a newline */
    size_t el = strlen(err);
    if (out->len > start && el && err[el - 1] == '\n' && out->p[start] == '\n') {
        memmove(out->p + start, out->p + start + 1, out->len - start - 1);
        out->len--;
    }
}
