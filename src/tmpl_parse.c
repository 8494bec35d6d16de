/*
 * tmpl_parse.c - the text/template parser, the parse tree's printer and
 * locations, and the template set. Mirrors go
 * src/text/template/parse/parse.go (recursive descent with two-token
 * lookahead, variable scoping, parse errors with Go's texts), node.go
 * (Node.String(), NumberNode's typing of literals) and the template map of
 * src/text/template/template.go (associate: an empty redefinition never
 * replaces an existing template). Go 1.25, as in Helm v4.1.4.
 *
 * Errors unwind with longjmp to tmpl_parse(); everything lives in the
 * arena, so nothing needs freeing on the way out.
 */
#include <math.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/gofmt.h"
#include "chartc/tmpl.h"
#include "tmpl_int.h"

enum { N_END_ = 100, N_ELSE_ };   /* {{end}} / {{else}}: transient, never in a tree */

/* Nested parenthesized pipelines: Go 1.25 (Helm v4) stops at 10000 with an
 * error. Go 1.23 (Helm v3) and both Go versions for if/range/with nest as
 * deep as the 1 GB goroutine stack allows (a stack of 512 MiB is the last
 * that doubles under the limit); beyond, Go dies of a stack overflow.
 * Measured from Helm's overflow traces (bytes of Go stack per level):
 *   if/range/with inside one another   parse 1032, exec if/with 496
 *   else if / else with chain          parse 416, exec 496
 *   ( ) in Helm v3                     parse 1208
 * so Helm renders up to about 520,000 nested ifs, 1,080,000 else-ifs and
 * 444,000 parentheses (v3). chartc spends less C stack per level (parse
 * 288 for if/range/with, 112 for else if, 176 for ( ); exec 320 for
 * if/with/else if, 1200 for range, 256 for ( ), so on its 1 GiB deep
 * stack (stack.c) it nests at least as deep as Go; there is no count
 * limit, cc_stack_low() ends deeper texts with a clear error (nest_in,
 * ex_walk), as on a smaller stack under `ulimit -v`. */
#define MAX_STACK_DEPTH 10000

/* State shared by a file and the defines parsed out of it. */
typedef struct PState {
    Lexer lex;
    jmp_buf jb;
    const char *err;
    const char *parse_name;
    const char *src;
    size_t srclen;
    TSet *trees;                /* Go's treeSet for this file */
    int nest;                   /* controls, blocks and parentheses open */
    int deep;                   /* running on the deep stack (cc_run_deep) */
    int too_deep;               /* gave up on the ordinary stack: run again deep */
    Node **stk;                 /* children of the lists, commands and pipelines
                                   being parsed (heap; new_parent) */
    int nstk, capstk;
    Node marker;                /* the {{end}} or {{else}} just read (never in a tree) */
    Item *items;                /* the file's tokens (lex_all; heap) */
    size_t capitems;
    const Item *cur;            /* the next token to read */
    const Item *hw;             /* with cur, the furthest token read or peeked
                                   at (last_pos): past the furthest one peeked
                                   at or backed up over */
} PState;

/* The parse state of one Tree (Go keeps it in the Tree itself). */
typedef struct Parse {
    PState *ps;
    Tree *t;
    struct Var { const char *name; size_t n; } *vars;   /* in scope; names in the source */
    int nvars, capvars;
    uint32_t action_at;         /* 1 + the position of the action's {{, 0 outside one */
    int range_depth;
    int stack_depth;
} Parse;

/* ---- printing (Node.String) ----------------------------------------- */

static void fmt_pipe(Buf *b, const Node *n)
{
    for (int i = 0; i < n->u.pipe.ndecl; i++) {
        if (i) buf_puts(b, ", ");
        node_format(b, n->u.pipe.decl[i]);
    }
    if (n->u.pipe.ndecl) buf_puts(b, n->is_assign ? " = " : " := ");
    for (int i = 0; i < n->u.pipe.ncmds; i++) {
        if (i) buf_puts(b, " | ");
        node_format(b, n->u.pipe.cmds[i]);
    }
}

/* the names of a field chain: n runs of s, one byte apart */
static void fmt_ids(Buf *b, const char *s, const NodeId *ids, int n, int lead_dot)
{
    size_t len = 0;
    for (int i = 0; i < n; i++) len += ids[i].len + (i > 0);
    if (n && lead_dot) buf_putc(b, '.');
    buf_put(b, s, len);
}

static void fmt_paren(Buf *b, const Node *n)
{
    if (n->type == N_PIPE) {
        buf_putc(b, '(');
        fmt_pipe(b, n);
        buf_putc(b, ')');
    } else {
        node_format(b, n);
    }
}

void node_format(Buf *b, const Node *n)
{
    static const char *const branch_kw[] = {[N_IF] = "if", [N_RANGE] = "range", [N_WITH] = "with"};
    switch (n->type) {
    case N_TEXT: buf_put(b, n->u.text.s, n->u.text.n); break;
    case N_COMMENT: buf_puts(b, "{{"); buf_put(b, n->u.comment.s, n->u.comment.n); buf_puts(b, "}}"); break;
    case N_ACTION: buf_puts(b, "{{"); fmt_pipe(b, n->u.action.pipe); buf_puts(b, "}}"); break;
    case N_PIPE: fmt_pipe(b, n); break;
    case N_BOOL: buf_puts(b, n->u.boolean.val ? "true" : "false"); break;
    case N_DOT: buf_putc(b, '.'); break;
    case N_NIL: buf_puts(b, "nil"); break;
    case N_NUMBER: buf_puts(b, n->u.num.text); break;
    case N_STRING: buf_put(b, n->u.str.quoted, n->u.str.qlen); break;
    case N_IDENT: buf_puts(b, n->u.ident.fn->name); break;
    case N_FIELD: fmt_ids(b, n->u.field.s, n->u.field.ids, n->u.field.n, 1); break;
    case N_VAR: fmt_ids(b, n->u.var.s, n->u.var.ids, n->u.var.n, 0); break;
    case N_CHAIN:
        fmt_paren(b, n->u.chain.node);
        fmt_ids(b, n->u.chain.s, n->u.chain.ids, n->u.chain.n, 1);
        break;
    case N_COMMAND:
        for (int i = 0; i < n->u.cmd.n; i++) {
            if (i) buf_putc(b, ' ');
            fmt_paren(b, n->u.cmd.args[i]);
        }
        break;
    case N_LIST:
        for (int i = 0; i < n->u.list.n; i++) node_format(b, n->u.list.items[i]);
        break;
    case N_IF: case N_RANGE: case N_WITH:
        buf_printf(b, "{{%s ", branch_kw[n->type]);
        fmt_pipe(b, n->u.branch.pipe);
        buf_puts(b, "}}");
        node_format(b, n->u.branch.list);
        if (n->u.branch.else_list) {
            buf_puts(b, "{{else}}");
            node_format(b, n->u.branch.else_list);
        }
        buf_puts(b, "{{end}}");
        break;
    case N_TEMPLATE:
        buf_puts(b, "{{template ");
        go_quote(b, n->u.tmpl.name, strlen(n->u.tmpl.name), 0);
        if (n->u.tmpl.pipe) {
            buf_putc(b, ' ');
            fmt_pipe(b, n->u.tmpl.pipe);
        }
        buf_puts(b, "}}");
        break;
    case N_BREAK: buf_puts(b, "{{break}}"); break;
    case N_CONTINUE: buf_puts(b, "{{continue}}"); break;
    case N_END_: buf_puts(b, "{{end}}"); break;
    case N_ELSE_: buf_puts(b, "{{else}}"); break;
    }
}

const char *node_location(const Tree *t, const Node *n, int *line, int *col)
{
    size_t pos = n->pos <= t->srclen ? n->pos : t->srclen;
    int ln = 1;
    size_t bol = 0;
    for (const char *p = t->src, *e = t->src + pos; (p = memchr(p, '\n', (size_t)(e - p))); p++) {
        ln++;
        bol = (size_t)(p - t->src) + 1;
    }
    if (line) *line = ln;
    if (col) *col = (int)(pos - bol);
    return cc_printf("%s:%d:%d", t->parse_name, ln, (int)(pos - bol));
}

/* ---- the template set --------------------------------------------------- */

/* A clone (tpl) is an overlay: its own small table over the set it was
 * cloned from, which never changes afterwards; past TSET_CHAIN overlays a
 * clone is a flat copy again, so lookups stay short under deep tpl
 * nesting. */
struct TSet {
    uint32_t cap, len;   /* cap: power of two */
    Tree **slot;
    const TSet *parent;
    int chain;           /* overlays below this one */
};
#define TSET_CHAIN 8

/* FNV-1a over eight bytes at a time (template names are long paths); no
 * iteration over a set depends on where its names land */
static uint32_t name_hash(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    size_t n = strlen(s);
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    for (; n; s++, n--) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (uint32_t)(h ^ h >> 32);
}

static Tree **tset_find(const TSet *ts, const char *name)
{
    uint32_t m = ts->cap - 1, i = name_hash(name) & m;
    while (ts->slot[i] && strcmp(ts->slot[i]->name, name) != 0) i = (i + 1) & m;
    return &ts->slot[i];
}

static void tset_put(TSet *ts, Tree *t)
{
    if ((ts->len + 1) * 2 > ts->cap) {
        Tree **old = ts->slot;
        uint32_t oldcap = ts->cap;
        ts->cap *= 2;
        ts->slot = cc_alloc(ts->cap * sizeof *ts->slot);
        for (uint32_t i = 0; i < oldcap; i++)
            if (old[i]) *tset_find(ts, old[i]->name) = old[i];
    }
    Tree **s = tset_find(ts, t->name);
    if (!*s) ts->len++;
    *s = t;
}

static TSet *tset_sized(uint32_t cap)
{
    TSet *ts = cc_alloc(sizeof *ts);
    ts->cap = cap;
    ts->slot = cc_alloc(ts->cap * sizeof *ts->slot);
    return ts;
}

TSet *tset_new(void) { return tset_sized(64); }

/* every template of ts and the sets below it into dst, nearest last */
static void tset_put_all(TSet *dst, const TSet *ts)
{
    if (ts->parent) tset_put_all(dst, ts->parent);
    for (uint32_t i = 0; i < ts->cap; i++)
        if (ts->slot[i]) tset_put(dst, ts->slot[i]);
}

TSet *tset_clone(const TSet *ts)
{
    if (ts->chain >= TSET_CHAIN) {
        TSet *c = tset_new();
        tset_put_all(c, ts);
        return c;
    }
    TSet *c = tset_sized(8);
    c->parent = ts;
    c->chain = ts->chain + 1;
    return c;
}

Tree *tset_lookup(const TSet *ts, const char *name)
{
    for (; ts; ts = ts->parent) {
        Tree *t = *tset_find(ts, name);
        if (t) return t;
    }
    return NULL;
}

/* parse.IsEmptyTree: nothing but white space and comments. */
static int is_empty_tree(const Node *n)
{
    if (!n) return 1;
    switch (n->type) {
    case N_COMMENT: return 1;
    case N_LIST:
        for (int i = 0; i < n->u.list.n; i++)
            if (!is_empty_tree(n->u.list.items[i])) return 0;
        return 1;
    case N_TEXT:
        for (size_t i = 0; i < n->u.text.n;) {
            int w, r = uni_decode(n->u.text.s + i, n->u.text.n - i, &w);
            if (!uni_is_space(r)) return 0;
            i += (size_t)w;
        }
        return 1;
    }
    return 0;
}

/* text/template's associate(): an empty tree never replaces an existing one. */
void tset_add(TSet *ts, Tree *t)
{
    Tree *old = tset_lookup(ts, t->name);
    if (old && old->root && is_empty_tree(t->root)) return;
    tset_put(ts, t);
}

void tset_merge(TSet *dst, const TSet *src)
{
    for (uint32_t i = 0; i < src->cap; i++)
        if (src->slot[i]) tset_add(dst, src->slot[i]);
}

/* ---- errors ------------------------------------------------------------- */

static const char *quoted(const char *s, size_t n)
{
    Buf b = {0};
    go_quote(&b, s, n, 0);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static const char *node_str(const Node *n)
{
    Buf b = {0};
    node_format(&b, n);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static const char *item_str(Parse *p, const Item *it)
{
    Buf b = {0};
    item_string(&b, &p->ps->lex, *it);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* Go's Tree.errorf: "template: <file>:<line>: msg", the line of the
 * token at byte `at` (Go: of the last token the tree read, last_pos) */
static _Noreturn void perrorf_at(Parse *p, uint32_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static _Noreturn void perrorf_at(Parse *p, uint32_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = cc_vprintf(fmt, ap);
    va_end(ap);
    p->ps->err = cc_printf("template: %s:%d: %s", p->ps->parse_name, lex_line(&p->ps->lex, at), msg);
    longjmp(p->ps->jb, 1);
}

/* Go's t.token[0]: the last token the lexer produced for a tree (a
 * peeked one too). Trees of one file read the lexer in turn, so that is
 * the last token read, but for a {{block}}'s own errors (block_control). */
static inline uint32_t last_pos(const Parse *p)
{
    const PState *ps = p->ps;
    const Item *end = ps->cur > ps->hw ? ps->cur : ps->hw;
    return end > ps->items ? end[-1].pos : 0;
}

#define perrorf(p, ...) perrorf_at(p, last_pos(p), __VA_ARGS__)

/* Nesting deeper than the C stack in use allows (see cc_run_deep). */
static _Noreturn __attribute__((noinline)) void stack_exhausted(Parse *p)
{
    perrorf(p, "template nesting too deep for the %zu MiB stack", cc_stack_mib());
}

/* Nesting is bounded by the number of '(' and actions; a text that nests
 * deeper than the ordinary C stack allows is parsed again on the deep
 * stack (cc_run_deep: where the command already runs, or switched to), as
 * Go's growable stacks would. */
#define DEEP_TEXT 1500

/* One level deeper: a control, block or parenthesized pipeline. */
static void nest_in(Parse *p)
{
    PState *ps = p->ps;
    int low = cc_stack_low();
    if (++ps->nest > DEEP_TEXT && !ps->deep) low = 1;
    if (!low) return;
    if (ps->deep) stack_exhausted(p);
    ps->too_deep = 1;
    longjmp(ps->jb, 1);
}

static _Noreturn void unexpected(Parse *p, const Item *tok, const char *context)
{
    if (tok->typ == IT_ERROR) {
        const char *msg = item_text(&p->ps->lex, *tok);
        const char *extra = "";
        int action_line = p->action_at ? lex_line(&p->ps->lex, p->action_at - 1) : 0;
        if (action_line != 0 && action_line != lex_line(&p->ps->lex, tok->pos)) {
            int ends_action = tok->len >= 7 && memcmp(msg + tok->len - 7, " action", 7) == 0;
            extra = cc_printf("%s started at %s:%d", ends_action ? "" : " in action",
                              p->ps->parse_name, action_line);
        }
        perrorf(p, "%.*s%s", (int)tok->len, msg, extra);
    }
    perrorf(p, "unexpected %s in %s", item_str(p, tok), context);
}

/* ---- tokens ------------------------------------------------------------- */

/* the source text of a token that is not IT_ERROR */
#define TXT(it) (p->ps->src + (it)->pos)

static inline const Item *next(Parse *p) { return p->ps->cur++; }

/* a token read is past the furthest only while cur is past it: remember
 * it when backing up over it */
static inline void backup(Parse *p)
{
    PState *ps = p->ps;
    if (ps->cur > ps->hw) ps->hw = ps->cur;
    ps->cur--;
}

static inline const Item *peek(Parse *p)
{
    PState *ps = p->ps;
    if (ps->cur >= ps->hw) ps->hw = ps->cur + 1;
    return ps->cur;
}

static const Item *expect(Parse *p, int typ, const char *context)
{
    const Item *t = next(p);
    if (t->typ != typ) unexpected(p, t, context);
    return t;
}

/* ---- nodes -------------------------------------------------------------- */

/* A node of `size` bytes (NODE_SIZE of its payload, plus what follows it) */
static inline Node *new_node_with(Parse *p, int type, uint32_t pos, size_t size)
{
    Node *n = cc_alloc(size);
    n->type = (uint8_t)type;
    n->pos = pos;
    return n;
}

/* the nodes with no payload: N_DOT, N_NIL, N_BREAK, N_CONTINUE */
static Node *new_leaf(Parse *p, int type, uint32_t pos) { return new_node_with(p, type, pos, offsetof(Node, u)); }

/* {{end}} / {{else}}: the caller looks at it before the next one is read */
static Node *new_marker(Parse *p, int type, uint32_t pos)
{
    Node *n = &p->ps->marker;
    n->type = (uint8_t)type;
    n->pos = pos;
    return n;
}

/* Lists, commands and pipelines collect their children on ps->stk (heap,
 * shared by every level of the nesting) and take them in one exact-size
 * allocation when complete: no array is outgrown and copied. */
static __attribute__((noinline)) void stk_grow(PState *ps)
{
    int nc = ps->capstk ? 2 * ps->capstk : 64;
    Node **s = realloc(ps->stk, (size_t)nc * sizeof *s);
    if (!s) cc_oom();
    ps->stk = s;
    ps->capstk = nc;
}

static inline void stk_push(PState *ps, Node *n)
{
    if (ps->nstk == ps->capstk) stk_grow(ps);
    ps->stk[ps->nstk++] = n;
}

/* A node of `size` bytes followed by the `pre` nodes given and the
 * children pushed since `base` (popped); returns the node, *kids the
 * array of them. */
static Node *new_parent(Parse *p, int type, uint32_t pos, size_t size, Node *const *pre, int npre,
                        int base, Node ***kids)
{
    PState *ps = p->ps;
    int n = ps->nstk - base;
    Node *nd = new_node_with(p, type, pos, size + (size_t)(npre + n) * sizeof(Node *));
    Node **k = (Node **)((char *)nd + size);
    for (int i = 0; i < npre; i++) k[i] = pre[i];   /* a few: no memcpy call */
    for (int i = 0; i < n; i++) k[npre + i] = ps->stk[base + i];
    ps->nstk = base;
    *kids = k;
    return nd;
}

/* the list of the children pushed since base */
static Node *new_list(Parse *p, uint32_t pos, int base)
{
    int n = p->ps->nstk - base;
    Node **kids;
    Node *l = new_parent(p, N_LIST, pos, NODE_SIZE(list), NULL, 0, base, &kids);
    l->u.list.items = kids;
    l->u.list.n = n;
    return l;
}

/* The name a token contributes to a field chain (a field without its '.') */
static NodeId token_id(Parse *p, const Item *tok)
{
    int dot = tok->typ == IT_FIELD;
    NodeId id = {tok->len - (uint32_t)dot, 0};
    id.hash = map_hash(TXT(tok) + dot, id.len);
    return id;
}

/* A field, variable or chain node: its names are `first` and the field
 * tokens right after it (up to a space or any other token), which the
 * lexer took from consecutive bytes of the source; positioned at the
 * second of them when there is one, as Go's chain is. Go reads the
 * fields one by one and peeks at the token after them. */
static Node *new_ids(Parse *p, int type, const Item *first)
{
    PState *ps = p->ps;
    const Item *f = ps->cur, *e = f;
    while (e->typ == IT_FIELD && !e->space) e++;
    int n = 1 + (int)(e - f);
    ps->cur = e;
    if (e >= ps->hw) ps->hw = e + 1;
    size_t size = type == N_CHAIN ? NODE_SIZE(chain) : NODE_SIZE(field);
    Node *nd = new_node_with(p, type, n > 1 ? f->pos : first->pos, size + (size_t)n * sizeof(NodeId));
    NodeId *ids = (NodeId *)((char *)nd + size);
    ids[0] = token_id(p, first);
    for (int i = 1; i < n; i++) ids[i] = token_id(p, &f[i - 1]);
    const char *s = TXT(first) + (first->typ == IT_FIELD);
    if (type == N_CHAIN) {
        nd->u.chain.s = s;
        nd->u.chain.ids = ids;
        nd->u.chain.n = n;
    } else {
        nd->u.field.s = s;   /* the same layout as u.var */
        nd->u.field.ids = ids;
        nd->u.field.n = n;
    }
    return nd;
}

/* a declared variable: its one token alone */
static Node *new_variable(Parse *p, const Item *tok)
{
    Node *nd = new_node_with(p, N_VAR, tok->pos, NODE_SIZE(var) + sizeof(NodeId));
    NodeId *id = (NodeId *)((char *)nd + NODE_SIZE(var));
    *id = token_id(p, tok);
    nd->u.var.s = TXT(tok);
    nd->u.var.ids = id;
    nd->u.var.n = 1;
    return nd;
}

static void push_var(Parse *p, const char *name, size_t n)
{
    if (p->nvars == p->capvars) {
        int nc = p->capvars ? 2 * p->capvars : 8;
        p->vars = cc_grow(p->vars, (size_t)p->capvars * sizeof *p->vars, (size_t)nc * sizeof *p->vars);
        p->capvars = nc;
    }
    p->vars[p->nvars++] = (struct Var){name, n};
}

/* the variable named by tok must be in scope */
static void use_var(Parse *p, const Item *tok)
{
    const char *s = TXT(tok);
    for (int i = 0; i < p->nvars; i++)
        if (p->vars[i].n == tok->len && memcmp(p->vars[i].name, s, tok->len) == 0) return;
    perrorf(p, "undefined variable %s", quoted(s, tok->len));
}

/* ---- numbers (strconv.ParseUint/ParseInt/ParseFloat, base 0) ------------ */

/* strconv's underscoreOK: '_' only between digits (or after a base prefix). */
static int underscore_ok(const char *s, size_t n)
{
    char saw = '^';
    size_t i = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+')) { s++; n--; }
    int hex = 0;
    if (n >= 2 && s[0] == '0' && strchr("bBoOxX", s[1]) && s[1]) {
        i = 2;
        saw = '0';
        hex = (s[1] | 0x20) == 'x';
    }
    for (; i < n; i++) {
        char c = s[i];
        if ((c >= '0' && c <= '9') || (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')) { saw = '0'; continue; }
        if (c == '_') {
            if (saw != '0') return 0;
            saw = '_';
            continue;
        }
        if (saw == '_') return 0;
        saw = '!';
    }
    return saw != '_';
}

static int digit_val(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return (c | 0x20) - 'a' + 10;
    return 99;
}

/* ParseUint(s, 0, 64); 1 on success */
static int parse_uint0(const char *s, size_t n, uint64_t *out)
{
    *out = 0;
    if (n == 0) return 0;
    const char *s0 = s;
    size_t n0 = n;
    unsigned base = 10;
    if (s[0] == '0') {
        char c = n >= 3 ? (char)(s[1] | 0x20) : 0;
        if (c == 'b') { base = 2; s += 2; n -= 2; }
        else if (c == 'o') { base = 8; s += 2; n -= 2; }
        else if (c == 'x') { base = 16; s += 2; n -= 2; }
        else { base = 8; s++; n--; }
    }
    uint64_t v = 0;
    int under = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_') { under = 1; continue; }
        unsigned d = (unsigned)digit_val(s[i]);
        if (d >= base) return 0;
        if (v > (UINT64_MAX - d) / base) return 0;
        v = v * base + d;
    }
    if (under && !underscore_ok(s0, n0)) return 0;
    *out = v;
    return 1;
}

static int parse_int0(const char *s, size_t n, int64_t *out)
{
    int neg = 0;
    if (n && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; s++; n--; }
    uint64_t u;
    if (!parse_uint0(s, n, &u)) return 0;
    if (!neg && u >= (1ull << 63)) return 0;
    if (neg && u > (1ull << 63)) return 0;
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    return 1;
}

/* ParseFloat(s, 64): Go's syntax (decimal or 0x with p exponent, '_'),
 * converted by strtod. 1 on success; *range set when it overflows. */
static int parse_float(const char *s, size_t n, double *out, int *range)
{
    size_t i = 0;
    int hex = 0, sawdot = 0, sawdigits = 0, under = 0;
    *range = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (n - i >= 2 && s[i] == '0' && (s[i + 1] | 0x20) == 'x') { hex = 1; i += 2; }
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') { under = 1; continue; }
        if (c == '.') {
            if (sawdot) break;
            sawdot = 1;
            continue;
        }
        if ((c >= '0' && c <= '9') || (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
            sawdigits = 1;
            continue;
        }
        break;
    }
    if (!sawdigits) return 0;
    if (i < n && (s[i] | 0x20) == (hex ? 'p' : 'e')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= n || s[i] < '0' || s[i] > '9') return 0;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            if (s[i] == '_') under = 1;
    } else if (hex) {
        return 0;
    }
    if (i != n) return 0;
    if (under && !underscore_ok(s, n)) return 0;
    char tmp[128], *buf = n < sizeof tmp ? tmp : cc_alloc(n + 1);
    size_t k = 0;
    for (i = 0; i < n; i++)
        if (s[i] != '_') buf[k++] = s[i];
    buf[k] = 0;
    double f = strtod(buf, NULL);
    if (isinf(f)) { *range = 1; return 0; }
    *out = f;
    return 1;
}

static int f_is_int64(double f)
{
    return f >= -9223372036854775808.0 && f < 9223372036854775808.0 && (double)(int64_t)f == f;
}

static int f_is_uint64(double f)
{
    return f > -1.0 && f < 18446744073709551616.0 && (double)(uint64_t)f == f;
}

/* NumberNode.simplifyComplex: the real part is usable when imag == 0. */
static void simplify_complex(Node *nd)
{
    nd->u.num.is_float = nd->u.num.imag == 0;
    if (!nd->u.num.is_float) return;
    double f = nd->u.num.f;
    if ((nd->u.num.is_int = f_is_int64(f))) nd->u.num.i = (int64_t)f;
    if ((nd->u.num.is_uint = f_is_uint64(f))) nd->u.num.u = (uint64_t)f;
}

/* fmt's floatToken: the longest prefix of s+*pos that looks like a float. */
static int sc_accept(const char *s, size_t n, size_t *pos, const char *set)
{
    if (*pos < n && s[*pos] && strchr(set, s[*pos])) { (*pos)++; return 1; }
    return 0;
}

static void float_token(const char *s, size_t n, size_t *pos)
{
    if (sc_accept(s, n, pos, "nN") && sc_accept(s, n, pos, "aA") && sc_accept(s, n, pos, "nN")) return;
    sc_accept(s, n, pos, "+-");
    if (sc_accept(s, n, pos, "iI") && sc_accept(s, n, pos, "nN") && sc_accept(s, n, pos, "fF")) return;
    const char *digits = "0123456789_", *exp = "eEpP";
    if (sc_accept(s, n, pos, "0") && sc_accept(s, n, pos, "xX")) {
        digits = "0123456789aAbBcCdDeEfF_";
        exp = "pP";
    }
    while (sc_accept(s, n, pos, digits)) {}
    if (sc_accept(s, n, pos, ".")) while (sc_accept(s, n, pos, digits)) {}
    if (sc_accept(s, n, pos, exp)) {
        sc_accept(s, n, pos, "+-");
        while (sc_accept(s, n, pos, "0123456789_")) {}
    }
}

/* fmt's convertFloat: ParseFloat, plus a decimal mantissa with a p exponent. */
static const char *convert_float(const char *s, size_t n, double *out)
{
    int rg;
    const char *p = memchr(s, 'p', n);
    if (memchr(s, 'x', n) || memchr(s, 'X', n)) p = NULL;   /* hex: ParseFloat does it all */
    size_t mn = p ? (size_t)(p - s) : n;
    if (!parse_float(s, mn, out, &rg))
        return cc_printf("strconv.ParseFloat: parsing %s: %s", quoted(s, n),
                         rg ? "value out of range" : "invalid syntax");
    if (p) {
        /* strconv.Atoi: base 10, optional sign, nothing else */
        const char *d = p + 1, *end = s + n;
        if (d < end && (*d == '+' || *d == '-')) d++;
        int ok = d < end;
        for (const char *q = d; q < end; q++) ok &= *q >= '0' && *q <= '9';
        long long e = ok ? strtoll(cc_strndup(p + 1, (size_t)(end - p - 1)), NULL, 10) : 0;
        if (!ok || e < INT32_MIN || e > INT32_MAX)
            return cc_printf("strconv.Atoi: parsing %s: invalid syntax", quoted(s, n));
        *out = ldexp(*out, (int)e);
    }
    return NULL;
}

/* fmt.Sscan into a complex128 ("2+3i"): NULL or fmt's error text. */
static const char *parse_complex(const char *s, size_t n, double *re, double *im)
{
    static const char complex_error[] = "syntax error scanning complex number";
    size_t pos = 0;
    float_token(s, n, &pos);
    size_t rn = pos, is = pos;
    if (!sc_accept(s, n, &pos, "+-")) return complex_error;
    float_token(s, n, &pos);
    size_t ie = pos;
    if (!sc_accept(s, n, &pos, "i")) return complex_error;
    const char *err = convert_float(s, rn, re);
    if (!err) err = convert_float(s + is, ie - is, im);
    return err;
}

/* Tree.newNumber: the value under every type that can represent it. For a
 * complex literal f holds the real part and imag the imaginary part. */
static Node *new_number(Parse *p, uint32_t pos, const char *text, size_t n, int typ)
{
    /* the text right after the node (NUL-terminated: the memory is zeroed) */
    Node *nd = new_node_with(p, N_NUMBER, pos, NODE_SIZE(num) + n + 1);
    text = nd->u.num.text = memcpy((char *)nd + NODE_SIZE(num), text, n);
    if (typ == IT_NUMBER && n <= 18 && (text[0] != '0' || n == 1)) {
        /* decimal digits alone (the common case): an int, a uint and a
         * float, as the general path below finds */
        uint64_t v = 0;
        size_t i = 0;
        while (i < n && text[i] >= '0' && text[i] <= '9') v = v * 10 + (uint64_t)(text[i++] - '0');
        if (i == n) {
            nd->u.num.is_int = nd->u.num.is_uint = nd->u.num.is_float = 1;
            nd->u.num.i = (int64_t)v;
            nd->u.num.u = v;
            nd->u.num.f = (double)(int64_t)v;
            return nd;
        }
    }
    if (typ == IT_CHAR_CONSTANT) {
        int32_t r;
        int mb;
        size_t used;
        if (!tmpl_unquote_char(text + 1, n - 1, text[0], &r, &mb, &used)) perrorf(p, "invalid syntax");
        if (n - 1 - used != 1 || text[n - 1] != '\'') perrorf(p, "malformed character constant: %s", text);
        nd->u.num.is_int = nd->u.num.is_uint = nd->u.num.is_float = 1;
        nd->u.num.i = r;
        nd->u.num.u = (uint64_t)r;
        nd->u.num.f = r;
        return nd;
    }
    if (typ == IT_COMPLEX) {
        const char *err = parse_complex(text, n, &nd->u.num.f, &nd->u.num.imag);
        if (err) perrorf(p, "%s", err);
        nd->u.num.is_complex = 1;
        simplify_complex(nd);
        return nd;
    }
    int rg;
    if (n > 0 && text[n - 1] == 'i') {
        double f;
        if (parse_float(text, n - 1, &f, &rg)) {
            nd->u.num.is_complex = 1;
            nd->u.num.f = 0;
            nd->u.num.imag = f;
            simplify_complex(nd);
            return nd;
        }
    }
    uint64_t u;
    int64_t i;
    if (parse_uint0(text, n, &u)) {
        nd->u.num.is_uint = 1;
        nd->u.num.u = u;
    }
    if (parse_int0(text, n, &i)) {
        nd->u.num.is_int = 1;
        nd->u.num.i = i;
        if (i == 0) {
            nd->u.num.is_uint = 1;
            nd->u.num.u = u;
        }
    }
    if (nd->u.num.is_int) {
        nd->u.num.is_float = 1;
        nd->u.num.f = (double)nd->u.num.i;
    } else if (nd->u.num.is_uint) {
        nd->u.num.is_float = 1;
        nd->u.num.f = (double)nd->u.num.u;
    } else {
        double f;
        if (parse_float(text, n, &f, &rg)) {
            if (!strpbrk(text, ".eEpP")) perrorf(p, "integer overflow: %s", quoted(text, n));
            nd->u.num.is_float = 1;
            nd->u.num.f = f;
            if ((nd->u.num.is_int = f_is_int64(f))) nd->u.num.i = (int64_t)f;
            if ((nd->u.num.is_uint = f_is_uint64(f))) nd->u.num.u = (uint64_t)f;
        }
    }
    if (!nd->u.num.is_int && !nd->u.num.is_uint && !nd->u.num.is_float)
        perrorf(p, "illegal number syntax: %s", quoted(text, n));
    return nd;
}

/* ---- the grammar --------------------------------------------------------- */

static Node *pipeline(Parse *p, const char *context, int end);
static Node *item_list(Parse *p, Node **next);
static Node *if_control(Parse *p);
static Node *with_control(Parse *p);

static Tree *new_tree(PState *ps, const char *name)
{
    Tree *t = cc_alloc(sizeof *t);
    t->name = name;
    t->parse_name = ps->parse_name;
    t->src = ps->src;
    t->srclen = ps->srclen;
    return t;
}

static Parse *start_parse(PState *ps, Tree *t)
{
    Parse *p = cc_alloc(sizeof *p);
    p->ps = ps;
    p->t = t;
    push_var(p, "$", 1);
    return p;
}

/* Tree.add: install in this file's set; two non-empty definitions of one
 * name in a file are an error. */
static void tree_add(Parse *p)
{
    Tree *old = tset_lookup(p->ps->trees, p->t->name);
    if (!old || is_empty_tree(old->root)) {
        tset_put(p->ps->trees, p->t);
        return;
    }
    if (!is_empty_tree(p->t->root))
        perrorf(p, "template: multiple definition of template %s", quoted(p->t->name, strlen(p->t->name)));
}

static const char *unquote_or_fail(Parse *p, const Item *tok, size_t *n)
{
    const char *s = tmpl_unquote(TXT(tok), tok->len, n);
    if (!s) perrorf(p, "invalid syntax");
    return s;
}

/* term: literal | function | . | .Field | $var | '(' pipeline ')' */
static Node *term(Parse *p)
{
    const Item *t = next(p);
    size_t n;
    Node *nd;
    switch (t->typ) {
    case IT_IDENTIFIER: {
        const FuncDef *fn = func_lookup(TXT(t), t->len);
        if (!fn) perrorf(p, "function %s not defined", quoted(TXT(t), t->len));
        nd = new_node_with(p, N_IDENT, t->pos, NODE_SIZE(ident));
        nd->u.ident.fn = fn;
        return nd;
    }
    case IT_DOT: return new_leaf(p, N_DOT, t->pos);
    case IT_NIL: return new_leaf(p, N_NIL, t->pos);
    case IT_VARIABLE:
        use_var(p, t);
        return new_ids(p, N_VAR, t);
    case IT_FIELD: return new_ids(p, N_FIELD, t);
    case IT_BOOL:
        nd = new_node_with(p, N_BOOL, t->pos, NODE_SIZE(boolean));
        nd->u.boolean.val = t->len == 4;
        return nd;
    case IT_CHAR_CONSTANT: case IT_COMPLEX: case IT_NUMBER:
        return new_number(p, t->pos, TXT(t), t->len, t->typ);
    case IT_LEFT_PAREN:
        if (cc_helm_major >= 4 && p->stack_depth >= MAX_STACK_DEPTH)
            perrorf(p, "max expression depth exceeded");
        nest_in(p);
        p->stack_depth++;
        nd = pipeline(p, "parenthesized pipeline", IT_RIGHT_PAREN);
        p->stack_depth--;
        p->ps->nest--;
        return nd;
    case IT_STRING: case IT_RAW_STRING:
        if (t->plain) {
            /* the value is the text between the quotes: a copy right
             * after the node (NUL-terminated: the memory is zeroed) */
            n = t->len - 2;
            nd = new_node_with(p, N_STRING, t->pos, NODE_SIZE(str) + n + 1);
            nd->u.str.s = memcpy((char *)nd + NODE_SIZE(str), TXT(t) + 1, n);
        } else {
            const char *s = unquote_or_fail(p, t, &n);
            nd = new_node_with(p, N_STRING, t->pos, NODE_SIZE(str));
            nd->u.str.s = s;
        }
        nd->u.str.n = (uint32_t)n;
        nd->u.str.quoted = TXT(t);
        nd->u.str.qlen = t->len;
        return nd;
    }
    backup(p);
    return NULL;
}

/* operand: term .Field* (a field or variable term has taken its fields) */
static Node *operand(Parse *p)
{
    Node *node = term(p);
    if (!node) return node;
    const Item *f = peek(p);
    if (f->typ != IT_FIELD || f->space) return node;
    next(p);
    Node *chain = new_ids(p, N_CHAIN, f);
    chain->pos = f->pos;   /* Go's chain node: at its first field */
    chain->u.chain.node = node;
    switch (node->type) {
    case N_BOOL: case N_STRING: case N_NUMBER: case N_NIL: case N_DOT: {
        const char *s = node_str(node);
        /* Go's last token read is then the white space after the chain,
         * if any: on the line of the chain's fields */
        uint32_t at = peek(p)->space ? f->pos : last_pos(p);
        perrorf_at(p, at, "unexpected . after term %s", quoted(s, strlen(s)));
    }
    }
    return chain;
}

/* command: operand (space operand)* */
static Node *command(Parse *p)
{
    uint32_t pos = peek(p)->pos;
    int base = p->ps->nstk;
    for (;;) {
        Node *op = operand(p);
        if (op) stk_push(p->ps, op);
        const Item *t = next(p);
        if (t->typ == IT_RIGHT_DELIM || t->typ == IT_RIGHT_PAREN) backup(p);
        else if (t->typ == IT_PIPE) {}
        else if (op && t->space) {   /* Go's itemSpace after an operand */
            backup(p);
            continue;
        } else unexpected(p, t, "operand");
        break;
    }
    int n = p->ps->nstk - base;
    if (n == 0) perrorf(p, "empty command");
    Node **args;
    Node *cmd = new_parent(p, N_COMMAND, pos, NODE_SIZE(cmd), NULL, 0, base, &args);
    cmd->u.cmd.args = args;
    cmd->u.cmd.n = n;
    return cmd;
}

static void check_pipeline(Parse *p, Node *pipe, const char *context)
{
    if (pipe->u.pipe.ncmds == 0) perrorf(p, "missing value for %s", context);
    for (int i = 1; i < pipe->u.pipe.ncmds; i++) {
        switch (pipe->u.pipe.cmds[i]->u.cmd.args[0]->type) {
        case N_BOOL: case N_DOT: case N_NIL: case N_NUMBER: case N_STRING:
            perrorf(p, "non executable command in pipeline stage %d", i + 1);
        }
    }
}

/* pipeline: declarations? command ('|' command)* */
static Node *pipeline(Parse *p, const char *context, int end)
{
    uint32_t pos = peek(p)->pos;
    int base = p->ps->nstk;
    Node *decl[2];
    int ndecl = 0, is_assign = 0;
decls:;
    const Item *v = peek(p);
    if (v->typ == IT_VARIABLE) {
        next(p);
        const Item *nx = peek(p);
        if (nx->typ == IT_ASSIGN || nx->typ == IT_DECLARE) {
            is_assign = nx->typ == IT_ASSIGN;
            next(p);
            decl[ndecl++] = new_variable(p, v);
            push_var(p, TXT(v), v->len);
        } else if (nx->typ == IT_CHAR && nx->len == 1 && TXT(nx)[0] == ',') {
            next(p);
            decl[ndecl++] = new_variable(p, v);   /* at most two: the second is the last */
            push_var(p, TXT(v), v->len);
            if (strcmp(context, "range") == 0 && ndecl < 2) {
                int t = peek(p)->typ;
                if (t == IT_VARIABLE || t == IT_RIGHT_DELIM || t == IT_RIGHT_PAREN) goto decls;
                perrorf(p, "range can only initialize variables");
            }
            perrorf(p, "too many declarations in %s", context);
        } else {
            backup(p);   /* v; nx was only peeked at */
        }
    }
    for (;;) {
        const Item *t = next(p);
        if (t->typ == end) {
            int ncmds = p->ps->nstk - base;
            Node **kids;
            Node *pipe = new_parent(p, N_PIPE, pos, NODE_SIZE(pipe), decl, ndecl, base, &kids);
            pipe->is_assign = (uint8_t)is_assign;
            pipe->u.pipe.decl = kids;
            pipe->u.pipe.ndecl = ndecl;
            pipe->u.pipe.cmds = kids + ndecl;
            pipe->u.pipe.ncmds = ncmds;
            check_pipeline(p, pipe, context);
            return pipe;
        }
        switch (t->typ) {
        case IT_BOOL: case IT_CHAR_CONSTANT: case IT_COMPLEX: case IT_DOT: case IT_FIELD:
        case IT_IDENTIFIER: case IT_NUMBER: case IT_NIL: case IT_RAW_STRING: case IT_STRING:
        case IT_VARIABLE: case IT_LEFT_PAREN:
            backup(p);
            stk_push(p->ps, command(p));
            break;
        default:
            unexpected(p, t, context);
        }
    }
}

/* if/range/with: pipeline, list, optional else list (else if / else with
 * chain into a nested node). Variables declared inside end with it. */
static Node *parse_control(Parse *p, int type, const char *context)
{
    int saved = p->nvars;
    nest_in(p);
    Node *pipe = pipeline(p, context, IT_RIGHT_DELIM);
    if (type == N_RANGE) p->range_depth++;
    Node *nx;
    Node *list = item_list(p, &nx);
    if (type == N_RANGE) p->range_depth--;
    Node *else_list = NULL;
    if (nx->type == N_ELSE_) {
        uint32_t else_pos = nx->pos;   /* the marker is reused below */
        if (type == N_IF && peek(p)->typ == IT_IF) {
            next(p);
            int base = p->ps->nstk;
            stk_push(p->ps, if_control(p));
            else_list = new_list(p, else_pos, base);
        } else if (type == N_WITH && peek(p)->typ == IT_WITH) {
            next(p);
            int base = p->ps->nstk;
            stk_push(p->ps, with_control(p));
            else_list = new_list(p, else_pos, base);
        } else {
            else_list = item_list(p, &nx);
            if (nx->type != N_END_) perrorf(p, "expected end; found %s", node_str(nx));
        }
    }
    p->nvars = saved;
    p->ps->nest--;
    Node *n = new_node_with(p, type, pipe->pos, NODE_SIZE(branch));
    n->u.branch.pipe = pipe;
    n->u.branch.list = list;
    n->u.branch.else_list = else_list;
    return n;
}

static Node *if_control(Parse *p) { return parse_control(p, N_IF, "if"); }
static Node *with_control(Parse *p) { return parse_control(p, N_WITH, "with"); }
static Node *range_control(Parse *p) { return parse_control(p, N_RANGE, "range"); }

static Node *end_control(Parse *p)
{
    return new_marker(p, N_END_, expect(p, IT_RIGHT_DELIM, "end")->pos);
}

/* {{else}}; for "else if"/"else with" the keyword is left pending */
static Node *else_control(Parse *p)
{
    const Item *pk = peek(p);
    if (pk->typ == IT_IF || pk->typ == IT_WITH) return new_marker(p, N_ELSE_, pk->pos);
    return new_marker(p, N_ELSE_, expect(p, IT_RIGHT_DELIM, "else")->pos);
}

static Node *loop_jump(Parse *p, uint32_t pos, int type, const char *what)
{
    const Item *t = next(p);
    if (t->typ != IT_RIGHT_DELIM) unexpected(p, t, what);
    if (p->range_depth == 0) perrorf(p, "%s outside {{range}}", what);
    return new_leaf(p, type, pos);
}

static const char *template_name(Parse *p, const Item *tok, const char *context)
{
    size_t n;
    if (tok->typ != IT_STRING && tok->typ != IT_RAW_STRING) unexpected(p, tok, context);
    return unquote_or_fail(p, tok, &n);
}

static Node *new_template(Parse *p, uint32_t pos, const char *name, Node *pipe)
{
    Node *n = new_node_with(p, N_TEMPLATE, pos, NODE_SIZE(tmpl));
    n->u.tmpl.name = name;
    n->u.tmpl.pipe = pipe;
    return n;
}

/* {{template "name" pipeline?}} */
static Node *template_control(Parse *p)
{
    const char *context = "template clause";
    const Item *tok = next(p);
    const char *name = template_name(p, tok, context);
    Node *pipe = NULL;
    if (next(p)->typ != IT_RIGHT_DELIM) {
        backup(p);
        pipe = pipeline(p, context, IT_RIGHT_DELIM);
    }
    return new_template(p, tok->pos, name, pipe);
}

/* {{block "name" pipeline}} body {{end}}: define + template */
static Node *block_control(Parse *p)
{
    const char *context = "block clause";
    const Item *tok = next(p);
    const char *name = template_name(p, tok, context);
    Node *pipe = pipeline(p, context, IT_RIGHT_DELIM);
    /* Go's block tree reads the body: this tree's last token stays the
     * clause's }} */
    uint32_t clause_end = last_pos(p);
    Parse *b = start_parse(p->ps, new_tree(p->ps, name));
    Node *end;
    nest_in(p);
    b->t->root = item_list(b, &end);
    p->ps->nest--;
    if (end->type != N_END_) perrorf_at(p, clause_end, "unexpected %s in %s", node_str(end), context);
    tree_add(b);
    return new_template(p, tok->pos, name, pipe);
}

/* action: control | pipeline; the left delimiter has been read */
static Node *action(Parse *p)
{
    const Item *t = next(p);
    switch (t->typ) {
    case IT_BLOCK: return block_control(p);
    case IT_BREAK: return loop_jump(p, t->pos, N_BREAK, "{{break}}");
    case IT_CONTINUE: return loop_jump(p, t->pos, N_CONTINUE, "{{continue}}");
    case IT_ELSE: return else_control(p);
    case IT_END: return end_control(p);
    case IT_IF: return if_control(p);
    case IT_RANGE: return range_control(p);
    case IT_TEMPLATE: return template_control(p);
    case IT_WITH: return with_control(p);
    }
    backup(p);
    uint32_t pos = peek(p)->pos;
    Node *pipe = pipeline(p, "command", IT_RIGHT_DELIM);
    Node *a = new_node_with(p, N_ACTION, pos, NODE_SIZE(action));
    a->u.action.pipe = pipe;
    return a;
}

/* an action; its {{ is t */
static __attribute__((noinline)) Node *delim_action(Parse *p, const Item *t)
{
    p->action_at = t->pos + 1;
    Node *n = action(p);
    p->action_at = 0;
    return n;
}

/* small enough to inline into the loops over a list: texts are half the
 * tokens there */
static inline Node *text_or_action(Parse *p)
{
    const Item *t = next(p);
    Node *n;
    switch (t->typ) {
    case IT_TEXT:
        n = new_node_with(p, N_TEXT, t->pos, NODE_SIZE(text));
        n->u.text.s = TXT(t);
        n->u.text.n = t->len;
        return n;
    case IT_LEFT_DELIM:
        return delim_action(p, t);
    case IT_COMMENT:
        n = new_node_with(p, N_COMMENT, t->pos, NODE_SIZE(comment));
        n->u.comment.s = TXT(t);
        n->u.comment.n = t->len;
        return n;
    }
    unexpected(p, t, "input");
}

/* textOrAction* up to {{end}} or {{else}}, returned in *next */
static Node *item_list(Parse *p, Node **next)
{
    uint32_t pos = peek(p)->pos;
    int base = p->ps->nstk;
    while (peek(p)->typ != IT_EOF) {
        Node *n = text_or_action(p);
        if (n->type == N_END_ || n->type == N_ELSE_) {
            *next = n;
            return new_list(p, pos, base);
        }
        stk_push(p->ps, n);
    }
    perrorf(p, "unexpected EOF");
}

/* {{define "name"}} body {{end}}; the keyword has been read */
static void parse_definition(Parse *p)
{
    const char *context = "define clause";
    const Item *name = next(p);
    if (name->typ != IT_STRING && name->typ != IT_RAW_STRING) unexpected(p, name, context);
    size_t n;
    p->t->name = unquote_or_fail(p, name, &n);
    expect(p, IT_RIGHT_DELIM, context);
    Node *end;
    p->t->root = item_list(p, &end);
    if (end->type != N_END_) perrorf(p, "unexpected %s in %s", node_str(end), context);
    tree_add(p);
}

/* the top level: like item_list, but also {{define}} and up to EOF */
static void parse_top(Parse *p)
{
    uint32_t pos = peek(p)->pos;
    int base = p->ps->nstk;
    while (peek(p)->typ != IT_EOF) {
        if (peek(p)->typ == IT_LEFT_DELIM) {
            next(p);
            if (next(p)->typ == IT_DEFINE) {
                parse_definition(start_parse(p->ps, new_tree(p->ps, "definition")));
                continue;
            }
            backup(p);
            backup(p);   /* Go's backup2: the {{ and the token after it */
        }
        Node *n = text_or_action(p);
        if (n->type == N_END_ || n->type == N_ELSE_) perrorf(p, "unexpected %s", node_str(n));
        stk_push(p->ps, n);
    }
    p->t->root = new_list(p, pos, base);
}

/* Parses the file of ps into ps->trees; ps->err NULL or the error. */
static void parse_file(void *arg)
{
    PState *ps = arg;
    ps->trees = tset_new();
    ps->err = "template: internal error: parse did not finish";
    ps->nest = ps->nstk = 0;
    lex_init(&ps->lex, ps->src, ps->srclen);
    ps->lex.break_ok = !func_lookup("break", 5);
    ps->lex.continue_ok = !func_lookup("continue", 8);
    lex_all(&ps->lex, &ps->items, &ps->capitems);
    ps->cur = ps->hw = ps->items;
    Parse *p = start_parse(ps, new_tree(ps, ps->parse_name));
    if (setjmp(ps->jb)) return;
    parse_top(p);
    tree_add(p);
    ps->err = NULL;
}

/* tmpl_parse of src, which outlives the trees and ends in a NUL */
static const char *parse_src(TSet *ts, const char *name, const char *src, size_t len)
{
    PState *ps = cc_alloc(sizeof *ps);
    ps->parse_name = cc_strdup(name);
    ps->src = src;
    ps->srclen = len;
    parse_file(ps);
    if (ps->too_deep) {
        ps->deep = 1;
        ps->too_deep = 0;
        cc_run_deep(parse_file, ps);
    }
    free(ps->stk);
    free(ps->items);
    if (ps->err) return ps->err;
    /* Defines go in by Go's associate() rule. The file's own tree always
     * replaces: in Go the new Template object keeps its tree even when the
     * map keeps an old one, and it is that object which runs (Helm's tpl
     * executes it directly: an empty nested tpl text must not rerun the
     * outer "gotpl"). */
    for (uint32_t i = 0; i < ps->trees->cap; i++) {
        Tree *t = ps->trees->slot[i];
        if (!t) continue;
        if (strcmp(t->name, ps->parse_name) == 0) tset_put(ts, t);
        else tset_add(ts, t);
    }
    return NULL;
}

const char *tmpl_parse(TSet *ts, const char *name, const char *text, size_t len)
{
    return parse_src(ts, name, cc_strndup(text, len), len);
}

const char *tmpl_parse_shared(TSet *ts, const char *name, const char *text, size_t len)
{
    return parse_src(ts, name, text, len);
}
