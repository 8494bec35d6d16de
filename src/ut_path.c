/*
 * ut_path.c - the `path` language of helm-unittest assertions: JSONPath as
 * vmware-labs/yaml-jsonpath v0.3.2 implements it (lexer.go, path.go,
 * filter.go, filter_parser.go, comparison.go, slicer.go), applied the way
 * helm-unittest's valueutils.GetValueOfSetPath does: the manifest is
 * encoded with yaml.v3 (keys sorted), searched as a node tree, and each
 * match decoded back (so an integral float reads back as an int).
 *
 * The lexer is a state machine with an explicit stack, as in the Go code,
 * so its error texts ("child name missing at position 5, following ...")
 * are the same. A path compiles to a list of steps; filters compile to a
 * tree of terms. Evaluation walks Values; recursive descent uses an
 * explicit stack.
 */
#include "ut_int.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- lexemes ---------------------------------------------------------- */

#define UT_LEXEMES(X) \
    X(L_ERROR) X(L_IDENTITY) X(L_ROOT) X(L_DOT_CHILD) X(L_UNDOTTED_CHILD) X(L_BRACKET_CHILD) \
    X(L_RECURSIVE) X(L_SUBSCRIPT) X(L_FILTER_BEGIN) X(L_FILTER_END) X(L_OPEN) X(L_CLOSE) \
    X(L_NOT) X(L_AT) X(L_AND) X(L_OR) X(L_EQ) X(L_NE) X(L_GT) X(L_GE) X(L_LE) X(L_LT) \
    X(L_MATCH) X(L_INT) X(L_FLOAT) X(L_STRING) X(L_BOOL) X(L_NULL) X(L_REGEX) \
    X(L_PROPERTY) X(L_BRACKET_PROPERTY) X(L_SUBSCRIPT_PROPERTY) X(L_RECURSIVE_FILTER_BEGIN) X(L_EOF)
enum {
#define X(e) e,
    UT_LEXEMES(X)
#undef X
};

typedef struct Lexeme { int typ; const char *val; size_t len; } Lexeme;

/* lexer states (the Go stateFn values) */
enum { S_NONE, S_PATH, S_ROOT, S_SUBPATH, S_OPT_INDEX, S_FILTER_INITIAL, S_FILTER_EXPR,
       S_FILTER_TERM, S_FILTER_END };

typedef struct PLex {
    const char *in;
    size_t n, start, pos, width;
    int *stack; size_t nstack, capstack;
    Lexeme *items; size_t nitems, capitems;
    size_t last_start;
    int last_type;
    const char *err;
} PLex;

#define PL_EOF (-1)

static void pl_item(PLex *l, int typ, const char *val, size_t len)
{
    if (l->nitems == l->capitems) {
        size_t nc = l->capitems ? 2 * l->capitems : 16;
        l->items = cc_grow(l->items, l->capitems * sizeof *l->items, nc * sizeof *l->items);
        l->capitems = nc;
    }
    l->items[l->nitems++] = (Lexeme){typ, val, len};
}

static void pl_push(PLex *l, int st)
{
    if (l->nstack == l->capstack) {
        size_t nc = l->capstack ? 2 * l->capstack : 8;
        l->stack = cc_grow(l->stack, l->capstack * sizeof *l->stack, nc * sizeof *l->stack);
        l->capstack = nc;
    }
    l->stack[l->nstack++] = st;
}

/* utf8.DecodeRuneInString: invalid bytes are U+FFFD, width 1 */
static int pl_decode(const char *s, size_t n, size_t *w)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) { *w = 1; return u[0]; }
    size_t len = u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc2 && u[0] <= 0xdf ? 2 : 0;
    int c = len == 4 ? u[0] & 7 : len == 3 ? u[0] & 15 : u[0] & 31;
    if (!len || len > n) { *w = 1; return 0xfffd; }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80) { *w = 1; return 0xfffd; }
        c = c << 6 | (u[i] & 0x3f);
    }
    *w = len;
    return c;
}

static int pl_next(PLex *l)
{
    if (l->pos >= l->n) { l->width = 0; return PL_EOF; }
    int r = pl_decode(l->in + l->pos, l->n - l->pos, &l->width);
    l->pos += l->width;
    return r;
}

static int pl_peek(PLex *l)
{
    if (l->pos >= l->n) { l->width = 0; return PL_EOF; }
    return pl_decode(l->in + l->pos, l->n - l->pos, &l->width);
}

static void pl_backup(PLex *l) { l->pos -= l->width; }

/* unicode.IsSpace */
static int pl_space(int r)
{
    return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xa0 || r == 0x1680 ||
           (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f ||
           r == 0x205f || r == 0x3000;
}

static int pl_has(PLex *l, const char *p)
{
    size_t k = strlen(p);
    return l->n - l->pos >= k && memcmp(l->in + l->pos, p, k) == 0;
}

/* consumed(token, except...): NULL-terminated exceptions */
static int pl_consumed(PLex *l, const char *tok, const char *const *except)
{
    if (!pl_has(l, tok)) return 0;
    for (; except && *except; except++)
        if (pl_has(l, *except)) return 0;
    l->pos += strlen(tok);
    return 1;
}

static int pl_peeked(PLex *l, const char *tok, const char *const *except)
{
    if (!pl_has(l, tok)) return 0;
    for (; except && *except; except++)
        if (pl_has(l, *except)) return 0;
    return 1;
}

/* consumedWhitespaced / peekedWhitespaced */
static int pl_ws_tokens(PLex *l, const char *const *toks, int consume)
{
    size_t pos = l->pos, w;
    for (; *toks; toks++) {
        for (;;) {
            if (pos >= l->n) return 0;
            int r = pl_decode(l->in + pos, l->n - pos, &w);
            if (!pl_space(r)) break;
            pos += w;
        }
        size_t k = strlen(*toks);
        if (l->n - pos < k || memcmp(l->in + pos, *toks, k) != 0) return 0;
        pos += k;
    }
    if (consume) l->pos = pos;
    return 1;
}
#define PL_WS1(l, a, c) pl_ws_tokens(l, (const char *const[]){a, NULL}, c)
#define PL_WS2(l, a, b, c) pl_ws_tokens(l, (const char *const[]){a, b, NULL}, c)

static void pl_consume_ws(PLex *l)
{
    size_t w;
    while (l->pos < l->n && pl_space(pl_decode(l->in + l->pos, l->n - l->pos, &w))) l->pos += w;
}

static void pl_strip_ws(PLex *l)
{
    for (;;) {
        int r = pl_next(l);
        if (!pl_space(r)) { pl_backup(l); break; }
    }
    l->start = l->pos;
}

static void pl_emit(PLex *l, int typ)
{
    pl_item(l, typ, l->in + l->start, l->pos - l->start);
    l->last_start = l->start;
    l->start = l->pos;
    l->last_type = typ;
}

/* errorf: message, position and the context since the last lexeme */
static int pl_errorf(PLex *l, const char *msg)
{
    if (!l->err)
        l->err = cc_printf("%s at position %zu, following %s", msg, l->pos,
                           go_quoted(l->in + l->last_start, l->pos - l->last_start));
    return S_NONE;
}

static int pl_raw_errorf(PLex *l, const char *msg)
{
    if (!l->err) l->err = msg;
    return S_NONE;
}

static int pl_pop(PLex *l)
{
    if (!l->nstack) return pl_errorf(l, "syntax error");
    return l->stack[--l->nstack];
}

/* %q of a rune */
static const char *pl_qrune(int r)
{
    char tmp[8];
    size_t n = 0;
    if (r < 0) return "'\\x00'";
    if (r < 0x80) tmp[n++] = (char)r;
    else if (r < 0x800) { tmp[n++] = (char)(0xc0 | r >> 6); tmp[n++] = (char)(0x80 | (r & 63)); }
    else if (r < 0x10000) { tmp[n++] = (char)(0xe0 | r >> 12); tmp[n++] = (char)(0x80 | (r >> 6 & 63)); tmp[n++] = (char)(0x80 | (r & 63)); }
    else { tmp[n++] = (char)(0xf0 | r >> 18); tmp[n++] = (char)(0x80 | (r >> 12 & 63)); tmp[n++] = (char)(0x80 | (r >> 6 & 63)); tmp[n++] = (char)(0x80 | (r & 63)); }
    const char *q = go_quoted(tmp, n);
    size_t ql = strlen(q);
    char *o = cc_alloc(ql + 1);
    memcpy(o, q, ql);
    o[0] = o[ql - 1] = '\'';
    if (r == '\'') return "'\\''";
    if (r == '"') return "'\"'";
    return o;
}

static const char *pl_enquote(const char *q) { return q[0] == '\'' ? "\"'\"" : "'\"'"; }

/* child-name terminators of the dot and undotted forms */
static int pl_name_end(int r, int undotted)
{
    return r == '.' || r == '[' || r == ')' || r == ' ' || r == '&' || r == '|' || r == '=' ||
           r == '!' || r == '>' || r == '<' || r == '~' || r == PL_EOF || (undotted && r == ']');
}

static int pl_escaped_string(PLex *l, const char *quote)
{
    char esc[3] = {'\\', quote[0], 0};
    for (;;) {
        if (pl_peeked(l, quote, NULL)) return 1;
        if (pl_consumed(l, esc, NULL)) continue;
        if (pl_consumed(l, "\\\\", NULL)) continue;
        if (pl_peeked(l, "\\", NULL)) {
            pl_errorf(l, cc_printf("unsupported escape sequence inside %s%s", quote, quote));
            return 0;
        }
        if (pl_next(l) == PL_EOF) {
            pl_errorf(l, cc_printf("unmatched %s", pl_enquote(quote)));
            return 0;
        }
    }
}

static const char *ut_slice_check(const char *idx, size_t n);

static int pl_property_tail(PLex *l, int typ, const char *msg)
{
    if (pl_peek(l) != PL_EOF) return pl_errorf(l, msg);
    pl_emit(l, typ);
    return S_SUBPATH;
}

static int lex_subpath(PLex *l)
{
    if (pl_has(l, ")")) return pl_pop(l);
    if (l->pos >= l->n) {
        if (l->nstack) return pl_pop(l);
        pl_emit(l, L_IDENTITY);
        pl_emit(l, L_EOF);
        return S_NONE;
    }
    if (pl_consumed(l, "..", NULL)) {
        int named = 0;
        for (;;) {
            int r = pl_next(l);
            if (r == '.' || r == '[' || r == PL_EOF) { pl_backup(l); break; }
            named = 1;
        }
        if (!named && !pl_peeked(l, "[", (const char *const[]){"['", "[\"", NULL}))
            return pl_errorf(l, "child name or array access or filter missing after recursive descent");
        pl_emit(l, L_RECURSIVE);
        return S_SUBPATH;
    }
    if (pl_consumed(l, ".", NULL)) {
        int named = 0;
        for (;;) {
            int r = pl_next(l);
            if (pl_name_end(r, 0)) { pl_backup(l); break; }
            named = 1;
        }
        if (!named) return pl_errorf(l, "child name missing");
        if (pl_consumed(l, "~", NULL))
            return pl_property_tail(l, L_PROPERTY, "property name operator may only be used on last child in path");
        pl_emit(l, L_DOT_CHILD);
        return S_OPT_INDEX;
    }
    if (PL_WS2(l, "[", "'", 0) || PL_WS2(l, "[", "\"", 0)) {
        PL_WS1(l, "[", 1);
        for (;;) {
            pl_consume_ws(l);
            char quote[2] = {l->in[l->pos], 0};
            pl_next(l);
            if (!pl_escaped_string(l, quote)) return S_NONE;
            if (!pl_consumed(l, quote, NULL)) return pl_errorf(l, cc_printf("missing %s", pl_enquote(quote)));
            if (PL_WS1(l, ",", 1)) {
                if (!PL_WS1(l, "'", 0) && !PL_WS1(l, "\"", 0))
                    return pl_errorf(l, "missing \"'\" or '\"'");
            } else {
                break;
            }
        }
        if (!PL_WS1(l, "]", 1)) return pl_errorf(l, "missing \"]\" or \",\"");
        if (pl_consumed(l, "~", NULL)) {
            pl_emit(l, L_BRACKET_PROPERTY);
            if (pl_peek(l) != PL_EOF)
                return pl_errorf(l, "property name operator may only be used on last child in path");
            return S_SUBPATH;
        }
        pl_emit(l, L_BRACKET_CHILD);
        return S_OPT_INDEX;
    }
    if (pl_consumed(l, "[?(", NULL)) {
        pl_emit(l, l->last_type == L_RECURSIVE ? L_RECURSIVE_FILTER_BEGIN : L_FILTER_BEGIN);
        pl_push(l, S_FILTER_END);
        return S_FILTER_INITIAL;
    }
    if (pl_peeked(l, "[", NULL)) return S_OPT_INDEX;
    if (l->last_type == L_EOF) {
        int named = 0;
        for (;;) {
            int r = pl_next(l);
            if (pl_name_end(r, 1)) { pl_backup(l); break; }
            named = 1;
        }
        if (!named) return pl_errorf(l, "child name missing");
        if (pl_consumed(l, "~", NULL))
            return pl_property_tail(l, L_PROPERTY, "property name operator may only be used on last child in path");
        pl_emit(l, L_UNDOTTED_CHILD);
        return S_OPT_INDEX;
    }
    return pl_errorf(l, "invalid path syntax");
}

static int lex_opt_index(PLex *l)
{
    if (pl_consumed(l, "[", (const char *const[]){"['", "[\"", "[?(", NULL})) {
        int sub = 0;
        for (;;) {
            if (pl_consumed(l, "]", NULL)) break;
            if (pl_next(l) == PL_EOF) return pl_errorf(l, "unmatched [");
            sub = 1;
        }
        if (!sub) return pl_raw_errorf(l, cc_printf("subscript missing from [] before position %zu", l->pos));
        const char *v = l->in + l->start;
        size_t vn = l->pos - l->start;
        const char *e = ut_slice_check(v + 1, vn - 2);
        if (e)
            return pl_raw_errorf(l, cc_printf("invalid array index %.*s before position %zu: %s", (int)vn, v, l->pos, e));
        if (pl_consumed(l, "~", NULL)) {
            if (pl_peek(l) != PL_EOF)
                return pl_errorf(l, "property name operator can only be used on last item in path");
            if (!(vn == 3 && v[1] == '*'))
                return pl_errorf(l, "property name operator can only be used on map nodes");
            pl_emit(l, L_SUBSCRIPT_PROPERTY);
            return S_SUBPATH;
        }
        pl_emit(l, L_SUBSCRIPT);
    }
    int r = pl_peek(l);
    if (r == ' ' || r == '&' || r == '|' || r == '=' || r == '!' || r == '>' || r == '<') {
        if (!l->nstack) return pl_errorf(l, cc_printf("invalid character %s", pl_qrune(r)));
        return pl_pop(l);
    }
    return S_SUBPATH;
}

/* lexNumericLiteral & co: 1 when the literal was present (state in *st) */
static int lex_numeric(PLex *l, int *st)
{
    int c = pl_peek(l);
    if (!(c == '.' || c == '-' || (c >= '0' && c <= '9'))) return 0;
    int is_float = c == '.';
    for (;;) {
        pl_next(l);
        c = pl_peek(l);
        if (c == '.' || c == 'e' || c == 'E' || c == '-') { is_float = 1; continue; }
        if (!(c >= '0' && c <= '9')) break;
    }
    const char *v = cc_strndup(l->in + l->start, l->pos - l->start);
    char *end;
    errno = 0;
    if (is_float) {
        strtod(v, &end);
        int bad = *end || !*v || !strcmp(v, "-") || !strcmp(v, ".");
        /* Go ParseFloat rejects what strtod accepts past a lone sign */
        if (bad) {
            *st = pl_raw_errorf(l, cc_printf("invalid float literal %s: strconv.ParseFloat: parsing %s: invalid syntax before position %zu",
                                             go_quoted(v, strlen(v)), go_quoted(v, strlen(v)), l->pos));
            return 1;
        }
        pl_emit(l, L_FLOAT);
    } else {
        strtoll(v, &end, 10);
        if (*end || !*v || !strcmp(v, "-") || errno == ERANGE) {
            const char *why = errno == ERANGE ? "value out of range" : "invalid syntax";
            *st = pl_raw_errorf(l, cc_printf("invalid integer literal %s: strconv.Atoi: parsing %s: %s before position %zu",
                                             go_quoted(v, strlen(v)), go_quoted(v, strlen(v)), why, l->pos));
            return 1;
        }
        pl_emit(l, L_INT);
    }
    *st = S_FILTER_EXPR;
    return 1;
}

static int lex_string(PLex *l, int *st)
{
    const char *quote = pl_has(l, "'") ? "'" : pl_has(l, "\"") ? "\"" : NULL;
    if (!quote) return 0;
    size_t pos = l->pos;
    const char *ctx = go_quoted(l->in + l->last_start, l->pos - l->last_start);
    for (;;) {
        if (pl_next(l) == PL_EOF) {
            *st = pl_raw_errorf(l, cc_printf("unmatched string delimiter %s at position %zu, following %s", quote, pos, ctx));
            return 1;
        }
        if (pl_has(l, quote)) break;
    }
    pl_next(l);
    pl_emit(l, L_STRING);
    *st = S_FILTER_EXPR;
    return 1;
}

static int lex_word(PLex *l, int *st)
{
    if (PL_WS1(l, "true", 1) || PL_WS1(l, "false", 1)) { pl_emit(l, L_BOOL); *st = S_FILTER_EXPR; return 1; }
    if (PL_WS1(l, "null", 1)) { pl_emit(l, L_NULL); *st = S_FILTER_EXPR; return 1; }
    return 0;
}

static const char *const pl_order_ops[] = {">=", ">", "<=", "<", NULL};

static int lex_filter_initial(PLex *l)
{
    pl_strip_ws(l);
    int st;
    if (lex_numeric(l, &st) || lex_string(l, &st) || lex_word(l, &st)) return st;
    if (pl_consumed(l, "(", NULL)) {
        pl_emit(l, L_OPEN);
        pl_push(l, S_FILTER_EXPR);
        return S_FILTER_INITIAL;
    }
    if (pl_has(l, "!=")) return pl_errorf(l, "missing first operand for binary operator !=");
    if (pl_consumed(l, "!", NULL)) { pl_emit(l, L_NOT); return S_FILTER_INITIAL; }
    if (pl_consumed(l, "@", NULL)) {
        pl_emit(l, L_AT);
        if (PL_WS1(l, "=", 0) || PL_WS1(l, "!", 0) || PL_WS1(l, ">", 0) || PL_WS1(l, "<", 0)) return S_FILTER_EXPR;
        pl_push(l, S_FILTER_EXPR);
        return S_SUBPATH;
    }
    if (pl_consumed(l, "$", NULL)) {
        pl_emit(l, L_ROOT);
        pl_push(l, S_FILTER_EXPR);
        return S_SUBPATH;
    }
    if (pl_has(l, "&&")) return pl_errorf(l, "missing first operand for binary operator &&");
    if (pl_has(l, "||")) return pl_errorf(l, "missing first operand for binary operator ||");
    if (pl_has(l, "==")) return pl_errorf(l, "missing first operand for binary operator ==");
    for (int i = 0; pl_order_ops[i]; i++)
        if (pl_has(l, pl_order_ops[i]))
            return pl_errorf(l, cc_printf("missing first operand for binary operator %s", pl_order_ops[i]));
    return pl_pop(l);
}

static int lex_filter_term(PLex *l)
{
    pl_strip_ws(l);
    if (pl_consumed(l, "@", NULL)) {
        pl_emit(l, L_AT);
        if (PL_WS1(l, "|", 0) || PL_WS1(l, "&", 0) || PL_WS1(l, ")", 0)) {
            if (!l->nstack) return pl_errorf(l, cc_printf("invalid character %s", pl_qrune(pl_peek(l))));
            return pl_pop(l);
        }
        return S_SUBPATH;
    }
    if (pl_consumed(l, "$", NULL)) { pl_emit(l, L_ROOT); return S_SUBPATH; }
    int st;
    if (lex_numeric(l, &st) || lex_string(l, &st) || lex_word(l, &st)) return st;
    return pl_errorf(l, "invalid filter term");
}

static int lex_regex(PLex *l)
{
    if (!pl_has(l, "/")) return pl_errorf(l, "regular expression does not start with /");
    size_t pos = l->pos;
    const char *ctx = go_quoted(l->in + l->last_start, l->pos - l->last_start);
    int esc = 0;
    for (;;) {
        if (pl_next(l) == PL_EOF)
            return pl_raw_errorf(l, cc_printf("unmatched regular expression delimiter / at position %zu, following %s", pos, ctx));
        if (!esc && pl_has(l, "/")) break;
        esc = !esc && pl_has(l, "\\");
    }
    pl_next(l);
    /* sanitiseRegularExpressionLiteral: strip the slashes, \/ -> / */
    Buf re = {0};
    for (size_t i = l->start + 1; i + 1 < l->pos; i++) {
        if (l->in[i] == '\\' && i + 2 < l->pos && l->in[i + 1] == '/') { buf_putc(&re, '/'); i++; continue; }
        buf_putc(&re, l->in[i]);
    }
    int m;
    const char *err = go_regexp_match(re.p ? re.p : "", re.len, "", 0, &m, NULL);
    buf_free(&re);
    if (err)
        return pl_raw_errorf(l, cc_printf("invalid regular expression at position %zu, following %s: %s", pos, ctx, err));
    pl_emit(l, L_REGEX);
    return S_FILTER_EXPR;
}

static int lex_filter_expr(PLex *l)
{
    pl_strip_ws(l);
    if (l->pos >= l->n) return pl_errorf(l, "missing end of filter");
    if (pl_has(l, ")]")) return pl_pop(l);
    if (pl_consumed(l, ")", NULL)) { pl_emit(l, L_CLOSE); return pl_pop(l); }
    if (pl_consumed(l, "&&", NULL)) { pl_emit(l, L_AND); pl_strip_ws(l); return S_FILTER_INITIAL; }
    if (pl_consumed(l, "||", NULL)) { pl_emit(l, L_OR); pl_strip_ws(l); return S_FILTER_INITIAL; }
    if (pl_consumed(l, "==", NULL)) { pl_emit(l, L_EQ); pl_push(l, S_FILTER_EXPR); return S_FILTER_TERM; }
    if (pl_consumed(l, "!=", NULL)) { pl_emit(l, L_NE); pl_push(l, S_FILTER_EXPR); return S_FILTER_TERM; }
    if (pl_has(l, "=~")) {
        if (l->last_type == L_STRING || l->last_type == L_INT || l->last_type == L_FLOAT)
            return pl_errorf(l, "literal cannot be matched using =~");
        l->pos += 2;
        pl_emit(l, L_MATCH);
        pl_strip_ws(l);
        return lex_regex(l);
    }
    static const int optyp[] = {L_GE, L_GT, L_LE, L_LT};
    for (int i = 0; pl_order_ops[i]; i++) {
        if (!pl_has(l, pl_order_ops[i])) continue;
        const char *o = pl_order_ops[i];
        if (l->last_type == L_STRING) return pl_errorf(l, cc_printf("strings cannot be compared using %s", o));
        l->pos += strlen(o);
        pl_emit(l, optyp[i]);
        pl_strip_ws(l);
        if (pl_has(l, "'")) return pl_errorf(l, cc_printf("strings cannot be compared using %s", o));
        pl_push(l, S_FILTER_EXPR);
        return S_FILTER_TERM;
    }
    return pl_errorf(l, "invalid filter expression");
}

static int lex_filter_end(PLex *l)
{
    if (pl_has(l, ")]")) {
        if (l->last_type == L_FILTER_BEGIN) return pl_errorf(l, "missing filter");
        l->pos += 2;
        pl_emit(l, L_FILTER_END);
        return S_SUBPATH;
    }
    return pl_errorf(l, "invalid filter syntax");
}

/* Lexes the whole path: the lexemes, or the first error. */
static const char *pl_lex(const char *in, size_t n, Lexeme **out, size_t *nout)
{
    PLex l = {0};
    l.in = in;
    l.n = n;
    l.last_type = L_EOF;
    int st = S_PATH;
    while (st != S_NONE && !l.err) {
        switch (st) {
        case S_PATH:
            if (l.pos >= l.n) { pl_emit(&l, L_IDENTITY); pl_emit(&l, L_EOF); st = S_NONE; break; }
            if (pl_has(&l, "$")) { st = S_ROOT; break; }
            pl_item(&l, L_ROOT, "$", 1);   /* emitSynthetic: position and last lexeme unchanged */
            st = S_SUBPATH;
            break;
        case S_ROOT: l.pos += 1; pl_emit(&l, L_ROOT); st = S_SUBPATH; break;
        case S_SUBPATH: st = lex_subpath(&l); break;
        case S_OPT_INDEX: st = lex_opt_index(&l); break;
        case S_FILTER_INITIAL: st = lex_filter_initial(&l); break;
        case S_FILTER_EXPR: st = lex_filter_expr(&l); break;
        case S_FILTER_TERM: st = lex_filter_term(&l); break;
        case S_FILTER_END: st = lex_filter_end(&l); break;
        }
    }
    if (l.err) return l.err;
    *out = l.items;
    *nout = l.nitems;
    return NULL;
}

/* ---- slicer.go -------------------------------------------------------- */

typedef struct IntVec { long *v; size_t n, cap; } IntVec;

static void iv_push(IntVec *a, long x)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? 2 * a->cap : 8;
        a->v = cc_grow(a->v, a->cap * sizeof *a->v, nc * sizeof *a->v);
        a->cap = nc;
    }
    a->v[a->n++] = x;
}

/* strconv.Atoi on a trimmed piece */
static int sl_atoi(const char *s, size_t n, long *out)
{
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (!n) return 0;
    char tmp[32];
    if (n >= sizeof tmp) return -1;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    char *end;
    errno = 0;
    long long v = strtoll(tmp, &end, 10);
    const char *p = tmp;
    if (*p == '+' || *p == '-') p++;
    if (*end || !isdigit((unsigned char)*p) || errno) return -1;
    *out = (long)v;
    return 1;
}

static void sl_indices(long from, long to, long step, long len, IntVec *out)
{
    if (step > 0) {
        if (from < 0) from = 0;
        if (to > len) to = len;
        for (long i = from; i < to; i += step)
            if (i >= 0 && i < len) iv_push(out, i);
    } else if (step < 0) {
        if (from > len) from = len;
        if (to < -1) to = -1;
        for (long i = from; i > to; i += step)
            if (i >= 0 && i < len) iv_push(out, i);
    }
}

/* slice(index, length): the selected indices, or the error text */
static const char *ut_slice(const char *idx, size_t n, long len, IntVec *out)
{
    const char *comma = memchr(idx, ',', n);
    if (comma) {
        int member = 0;
        for (const char *p = idx;; member++) {
            const char *c = memchr(p, ',', (size_t)(idx + n - p));
            size_t pn = c ? (size_t)(c - p) : (size_t)(idx + n - p);
            const char *e = ut_slice(p, pn, len, out);
            if (e) return cc_printf("error in union member %d: %s", member, e);
            if (!c) break;
            p = c + 1;
        }
        return NULL;
    }
    while (n && isspace((unsigned char)*idx)) { idx++; n--; }
    while (n && isspace((unsigned char)idx[n - 1])) n--;
    if (n == 1 && idx[0] == '*') { sl_indices(0, len, 1, len, out); return NULL; }
    const char *parts[3];
    size_t plen[3];
    int np = 0;
    for (const char *p = idx;;) {
        const char *c = memchr(p, ':', (size_t)(idx + n - p));
        if (np == 3) return "malformed array index, too many colons";
        parts[np] = p;
        plen[np++] = c ? (size_t)(c - p) : (size_t)(idx + n - p);
        if (!c) break;
        p = c + 1;
    }
    long v[3] = {0, 0, 0};
    int present[3] = {0, 0, 0};
    for (int i = 0; i < np; i++) {
        int r = sl_atoi(parts[i], plen[i], &v[i]);
        if (r < 0) return "non-integer array index";
        present[i] = r;
    }
    if (np == 1) {
        if (!present[0]) return "array index missing";
        long from = v[0] < 0 ? v[0] + len : v[0];
        sl_indices(from, from + 1, 1, len, out);
        return NULL;
    }
    long step = 1, from, to;
    if (present[2]) {
        step = v[2];
        if (step == 0) return "array index step value must be non-zero";
    }
    from = present[0] ? (v[0] < 0 ? v[0] + len : v[0]) : step > 0 ? 0 : len - 1;
    to = present[1] ? (v[1] < 0 ? v[1] + len : v[1]) : step > 0 ? len : -1;
    sl_indices(from, to, step, len, out);
    return NULL;
}

static const char *ut_slice_check(const char *idx, size_t n)
{
    IntVec tmp = {0};
    return ut_slice(idx, n, 0, &tmp);
}

/* ---- compiled paths --------------------------------------------------- */

enum { ST_CHILD, ST_ALL, ST_BRACKET, ST_SUBSCRIPT, ST_FILTER, ST_RFILTER, ST_RECURSE,
       ST_KEY, ST_BRACKET_KEY, ST_SUBSCRIPT_KEY };

typedef struct FNode FNode;
typedef struct Step {
    int kind;
    const char **names; size_t nnames;   /* child / bracket names (unescaped) */
    const char *sub; size_t sublen;      /* subscript text */
    FNode *filter;
} Step;

typedef struct UPath { Step *steps; size_t n, cap; } UPath;

/* a node of the searched tree: a value, or (for property names and the
 * key nodes recursive descent visits) a key scalar */
typedef struct PNode { Value v; } PNode;
typedef struct NodeVec { Value *v; size_t n, cap; } NodeVec;

static void nv_push(NodeVec *a, Value v)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? 2 * a->cap : 8;
        a->v = cc_grow(a->v, a->cap * sizeof *a->v, nc * sizeof *a->v);
        a->cap = nc;
    }
    a->v[a->n++] = v;
}

/* filter parse tree (filter_parser.go) */
struct FNode {
    Lexeme lx;
    UPath *sub;             /* @ / $ terms: compiled subpath (NULL: never matches) */
    FNode *kid[2];
};

static void up_push(UPath *p, Step s)
{
    if (p->n == p->cap) {
        size_t nc = p->cap ? 2 * p->cap : 8;
        p->steps = cc_grow(p->steps, p->cap * sizeof *p->steps, nc * sizeof *p->steps);
        p->cap = nc;
    }
    p->steps[p->n++] = s;
}

/* path.go unescape: a backslash escapes the next rune */
static const char *pu_unescape(const char *s, size_t n)
{
    char *o = cc_alloc(n + 1);
    size_t k = 0;
    int escaped = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') {
            if (escaped) o[k++] = '\\';
            escaped = !escaped;
            continue;
        }
        escaped = 0;
        o[k++] = s[i];
    }
    o[k] = 0;
    return o;
}

static int pu_balanced(const char *c, size_t n, char q)
{
    int bal = 1;
    char prev = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i] == q && !(i > 0 && prev == '\\')) bal = !bal;
        prev = c[i];
    }
    return bal;
}

/* bracketChildNames: split at commas outside quotes, unquote, unescape */
static void pu_bracket_names(const char *s, size_t n, Step *st)
{
    /* trim "[", "]" and spaces */
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (n && *s == '[') { s++; n--; }
    if (n && s[n - 1] == ']') n--;
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    NodeVec parts = {0};
    Buf accum = {0};
    int have_accum = 0;
    for (const char *p = s;;) {
        const char *c = memchr(p, ',', (size_t)(s + n - p));
        size_t pn = c ? (size_t)(c - p) : (size_t)(s + n - p);
        if (pu_balanced(p, pn, '\'') && pu_balanced(p, pn, '"')) {
            if (have_accum) { buf_putc(&accum, ','); buf_put(&accum, p, pn); }
            else nv_push(&parts, v_strdup(p, pn));
        } else if (!have_accum) {
            accum.len = 0;
            buf_put(&accum, p, pn);
            have_accum = 1;
        } else {
            buf_putc(&accum, ',');
            buf_put(&accum, p, pn);
            nv_push(&parts, v_strdup(accum.p, accum.len));
            have_accum = 0;
        }
        if (!c) break;
        p = c + 1;
    }
    if (have_accum) nv_push(&parts, v_strdup(accum.p, accum.len));
    buf_free(&accum);
    st->names = cc_alloc((parts.n + 1) * sizeof *st->names);
    for (size_t i = 0; i < parts.n; i++) {
        const char *c = parts.v[i].u.s;
        size_t cn = parts.v[i].n;
        while (cn && isspace((unsigned char)*c)) { c++; cn--; }
        while (cn && isspace((unsigned char)c[cn - 1])) cn--;
        char q = cn && *c == '\'' ? '\'' : '"';
        if (cn && *c == q) { c++; cn--; }
        if (cn && c[cn - 1] == q) cn--;
        st->names[i] = pu_unescape(c, cn);
    }
    st->nnames = parts.n;
}

static const char *pu_compile(const Lexeme *lx, size_t n, size_t *i, UPath *out, int depth);
static FNode *pf_parse(const Lexeme *lx, size_t n, int depth);

/* newPath over lexemes lx[*i..] */
static const char *pu_compile(const Lexeme *lx, size_t n, size_t *i, UPath *out, int depth)
{
    if (depth > 200) return "path nested too deeply";
    while (*i < n) {
        Lexeme x = lx[(*i)++];
        Step st = {0};
        switch (x.typ) {
        case L_ERROR: return cc_strndup(x.val, x.len);
        case L_IDENTITY: case L_EOF: return NULL;
        case L_ROOT: continue;
        case L_RECURSIVE: {
            const char *name = x.val + 2;
            size_t nl = x.len - 2;
            up_push(out, (Step){.kind = ST_RECURSE});
            if (nl == 1 && name[0] == '*') up_push(out, (Step){.kind = ST_ALL});
            else if (nl) {
                st.kind = ST_CHILD;
                st.names = cc_alloc(sizeof *st.names);
                st.names[0] = pu_unescape(name, nl);
                st.nnames = 1;
                up_push(out, st);
            }
            continue;
        }
        case L_DOT_CHILD: case L_UNDOTTED_CHILD: case L_PROPERTY: {
            const char *name = x.val;
            size_t nl = x.len;
            if (x.typ != L_UNDOTTED_CHILD && nl && name[0] == '.') { name++; nl--; }
            if (x.typ == L_PROPERTY && nl && name[nl - 1] == '~') nl--;
            if (x.typ != L_PROPERTY && nl == 1 && name[0] == '*') { up_push(out, (Step){.kind = ST_ALL}); continue; }
            st.kind = x.typ == L_PROPERTY ? ST_KEY : ST_CHILD;
            st.names = cc_alloc(sizeof *st.names);
            st.names[0] = pu_unescape(name, nl);
            st.nnames = 1;
            up_push(out, st);
            continue;
        }
        case L_BRACKET_CHILD: case L_BRACKET_PROPERTY: {
            size_t nl = x.len;
            while (nl && isspace((unsigned char)x.val[nl - 1])) nl--;
            if (x.typ == L_BRACKET_PROPERTY && nl && x.val[nl - 1] == '~') nl--;
            st.kind = x.typ == L_BRACKET_CHILD ? ST_BRACKET : ST_BRACKET_KEY;
            pu_bracket_names(x.val, nl, &st);
            up_push(out, st);
            continue;
        }
        case L_SUBSCRIPT: case L_SUBSCRIPT_PROPERTY: {
            size_t nl = x.len;
            if (x.typ == L_SUBSCRIPT_PROPERTY) nl--;
            st.kind = x.typ == L_SUBSCRIPT ? ST_SUBSCRIPT : ST_SUBSCRIPT_KEY;
            st.sub = x.val + 1;
            st.sublen = nl >= 2 ? nl - 2 : 0;
            up_push(out, st);
            continue;
        }
        case L_FILTER_BEGIN: case L_RECURSIVE_FILTER_BEGIN: {
            size_t begin = *i;
            int level = 1;
            for (;;) {
                if (*i >= n) return "missing end of filter";
                Lexeme y = lx[*i];
                if (y.typ == L_FILTER_BEGIN) level++;
                else if (y.typ == L_FILTER_END && --level == 0) break;
                else if (y.typ == L_ERROR) return cc_strndup(y.val, y.len);
                (*i)++;
            }
            st.kind = x.typ == L_FILTER_BEGIN ? ST_FILTER : ST_RFILTER;
            st.filter = pf_parse(lx + begin, *i - begin, depth + 1);
            (*i)++;
            up_push(out, st);
            continue;
        }
        default:
            return "invalid path syntax";
        }
    }
    return NULL;
}

static const char *pu_compile_str(const char *s, size_t n, UPath **out, int depth)
{
    Lexeme *lx;
    size_t nl, i = 0;
    const char *err = pl_lex(s, n, &lx, &nl);
    if (err) return err;
    UPath *p = cc_alloc(sizeof *p);
    if ((err = pu_compile(lx, nl, &i, p, depth))) return err;
    *out = p;
    return NULL;
}

/* ---- filter parser (filter_parser.go) ---------------------------------- */

typedef struct FParse { const Lexeme *in; size_t n, pos; FNode **stack; size_t ns, cap; FNode *tree; int depth; } FParse;

static Lexeme fp_peek(FParse *p) { return p->pos < p->n ? p->in[p->pos] : (Lexeme){L_EOF, "", 0}; }

static void fp_push(FParse *p, FNode *t)
{
    if (p->ns == p->cap) {
        size_t nc = p->cap ? 2 * p->cap : 8;
        p->stack = cc_grow(p->stack, p->cap * sizeof *p->stack, nc * sizeof *p->stack);
        p->cap = nc;
    }
    p->stack[p->ns++] = t;
}

static FNode *fp_node(Lexeme lx, FNode *a, FNode *b)
{
    FNode *f = cc_alloc(sizeof *f);
    f->lx = lx;
    f->kid[0] = a;
    f->kid[1] = b;
    return f;
}

static int fp_is_cmp(int t) { return t == L_EQ || t == L_NE || t == L_GT || t == L_GE || t == L_LT || t == L_LE || t == L_MATCH; }

static void fp_term(FParse *p)
{
    Lexeme x = fp_peek(p);
    switch (x.typ) {
    case L_AT: case L_ROOT: {
        p->pos++;
        Buf sub = {0};
        int level = 1;
        for (;;) {
            Lexeme s = fp_peek(p);
            int stop = 0;
            switch (s.typ) {
            case L_IDENTITY: case L_DOT_CHILD: case L_BRACKET_CHILD: case L_RECURSIVE: case L_SUBSCRIPT: break;
            case L_FILTER_BEGIN: level++; break;
            case L_FILTER_END: if (--level == 0) stop = 1; break;
            case L_EOF: stop = 1; break;
            default: if (level == 1) stop = 1; break;
            }
            if (stop) break;
            buf_put(&sub, s.val, s.len);
            p->pos++;
        }
        FNode *f = fp_node(x, NULL, NULL);
        UPath *up;
        if (!pu_compile_str(sub.p ? sub.p : "", sub.len, &up, p->depth + 1)) f->sub = up;
        buf_free(&sub);
        p->tree = f;
        return;
    }
    case L_INT: case L_FLOAT: case L_STRING: case L_BOOL: case L_NULL: case L_REGEX:
        p->pos++;
        p->tree = fp_node(x, NULL, NULL);
        return;
    default:
        p->tree = NULL;
    }
}

static void fp_expression(FParse *p);

static void fp_basic(FParse *p)
{
    Lexeme x = fp_peek(p);
    if (x.typ == L_NOT) {
        p->pos++;
        fp_basic(p);
        p->tree = fp_node(x, p->tree, NULL);
        return;
    }
    if (x.typ == L_OPEN) {
        p->pos++;
        fp_expression(p);
        if (fp_peek(p).typ == L_CLOSE) p->pos++;
        return;
    }
    fp_term(p);
    x = fp_peek(p);
    if (fp_is_cmp(x.typ)) {
        p->pos++;
        FNode *lhs = p->tree;
        fp_term(p);
        p->tree = fp_node(x, lhs, p->tree);
    }
}

static void fp_conjunction(FParse *p)
{
    fp_basic(p);
    while (fp_peek(p).typ == L_AND) {
        fp_push(p, p->tree);
        Lexeme x = p->in[p->pos++];
        fp_basic(p);
        FNode *lhs = p->stack[--p->ns];
        p->tree = fp_node(x, lhs, p->tree);
    }
}

static void fp_expression(FParse *p)
{
    if (++p->depth > 200) { p->tree = NULL; return; }
    fp_conjunction(p);
    while (fp_peek(p).typ == L_OR) {
        fp_push(p, p->tree);
        Lexeme x = p->in[p->pos++];
        fp_conjunction(p);
        FNode *lhs = p->stack[--p->ns];
        p->tree = fp_node(x, lhs, p->tree);
    }
    p->depth--;
}

static FNode *pf_parse(const Lexeme *lx, size_t n, int depth)
{
    FParse p = {lx, n, 0, NULL, 0, 0, NULL, depth};
    if (fp_peek(&p).typ == L_EOF) return NULL;
    fp_expression(&p);
    return p.tree;
}

/* ---- evaluation --------------------------------------------------------- */

/* What yaml.v3 reads back from the encoding of v (integral floats printed
 * without exponent become ints), recursively. */
static Value pe_round_trip(Value v, int depth)
{
    if (depth > 10000) return v;
    switch (v.t) {
    case VT_FLOAT: {
        if (isnan(v.u.f) || isinf(v.u.f)) return v;
        Buf b = {0};
        go_format_float(&b, v.u.f, 'g', -1, 64);
        const char *s = buf_cstr(&b);
        const char *p = s + (*s == '-');
        int digits = *p != 0;
        for (; *p; p++) if (!isdigit((unsigned char)*p)) digits = 0;
        Value r = digits ? v_goint(strtoll(s, NULL, 10)) : v;
        buf_free(&b);
        return r;
    }
    case VT_LIST: {
        if (!v.u.l) return v;
        Value o = v_newlist(v.u.l->len);
        for (uint32_t i = 0; i < v.u.l->len; i++) list_push(o.u.l, pe_round_trip(v.u.l->v[i], depth + 1));
        return o;
    }
    case VT_MAP: {
        if (!v.u.m) return v;
        Value o = v_newmap(v.u.m->len);
        MAP_EACH(v.u.m, e) map_set(o.u.m, e->k, e->klen, pe_round_trip(e->v, depth + 1));
        return o;
    }
    default:
        return v;
    }
}

static void pe_apply(const UPath *p, size_t from, Value node, Value root, NodeVec *out);

/* typed values of filter.go */
enum { TV_UNKNOWN, TV_STRING, TV_INT, TV_FLOAT, TV_BOOL, TV_NULL, TV_REGEX };
typedef struct TVal { int typ; const char *s; size_t n; double f; } TVal;

static TVal pe_typed(Value v)
{
    TVal t = {TV_UNKNOWN, "", 0, 0};
    v = pe_round_trip(v, 10000);   /* scalars only: lists/maps stay unknown */
    switch (v.t) {
    case VT_NIL: t.typ = TV_NULL; t.s = "null"; t.n = 4; break;
    case VT_BOOL: t.typ = TV_BOOL; t.s = v.u.b ? "true" : "false"; t.n = strlen(t.s); break;
    case VT_STR: t.typ = TV_STRING; t.s = v.u.s; t.n = v.n; break;
    case VT_INT: t.typ = TV_INT; t.f = (double)v.u.i; break;
    case VT_FLOAT: t.typ = TV_FLOAT; t.f = v.u.f; break;
    default: break;
    }
    return t;
}

static TVal pe_literal(Lexeme lx)
{
    TVal t = {TV_UNKNOWN, lx.val, lx.len, 0};
    switch (lx.typ) {
    case L_INT: t.typ = TV_INT; t.f = strtod(cc_strndup(lx.val, lx.len), NULL); break;
    case L_FLOAT: t.typ = TV_FLOAT; t.f = strtod(cc_strndup(lx.val, lx.len), NULL); break;
    case L_STRING: t.typ = TV_STRING; t.s = lx.val + 1; t.n = lx.len - 2; break;
    case L_BOOL: t.typ = TV_BOOL; break;
    case L_NULL: t.typ = TV_NULL; break;
    case L_REGEX: {
        t.typ = TV_REGEX;
        Buf re = {0};
        for (size_t i = 1; i + 1 < lx.len; i++) {
            if (lx.val[i] == '\\' && i + 2 < lx.len && lx.val[i + 1] == '/') { buf_putc(&re, '/'); i++; continue; }
            buf_putc(&re, lx.val[i]);
        }
        t.s = buf_arena(&re);
        t.n = re.len;
        buf_free(&re);
        break;
    }
    default: break;
    }
    return t;
}

static int tv_numeric(int t) { return t == TV_INT || t == TV_FLOAT; }

/* the values of a filter term */
static void pe_scan(const FNode *f, Value node, Value root, TVal **out, size_t *n)
{
    *n = 0;
    *out = NULL;
    if (!f) return;
    if (f->lx.typ == L_AT || f->lx.typ == L_ROOT) {
        if (!f->sub) return;
        NodeVec r = {0};
        pe_apply(f->sub, 0, f->lx.typ == L_AT ? node : root, root, &r);
        *out = cc_alloc((r.n + 1) * sizeof **out);
        for (size_t i = 0; i < r.n; i++) (*out)[i] = pe_typed(r.v[i]);
        *n = r.n;
        return;
    }
    if (f->lx.typ == L_INT || f->lx.typ == L_FLOAT || f->lx.typ == L_STRING || f->lx.typ == L_BOOL ||
        f->lx.typ == L_NULL || f->lx.typ == L_REGEX) {
        *out = cc_alloc(sizeof **out);
        (*out)[0] = pe_literal(f->lx);
        *n = 1;
    }
}

/* comparison.go: 0 less, 1 equal, 2 greater, 3 incomparable */
static int pe_compare(int op, int c)
{
    switch (op) {
    case L_EQ: return c == 1;
    case L_NE: return c != 1;
    case L_GT: return c == 2;
    case L_GE: return c == 2 || c == 1;
    case L_LT: return c == 0;
    case L_LE: return c == 0 || c == 1;
    }
    return 0;
}

static int pe_accept(int op, TVal l, TVal r)
{
    if (op == L_MATCH) {
        if (l.typ != TV_STRING || r.typ != TV_REGEX) return 0;
        int m = 0;
        go_regexp_match(r.s, r.n, l.s, l.n, &m, NULL);
        return m;
    }
    int compat = (tv_numeric(l.typ) && tv_numeric(r.typ)) || l.typ == r.typ ||
                 (l.typ == TV_STRING && r.typ == TV_REGEX);
    if (!compat) return pe_compare(op, 3);
    if (l.typ == TV_BOOL) return pe_compare(op, l.n == r.n && !strncasecmp(l.s, r.s, l.n) ? 1 : 3);
    if (l.typ == TV_NULL) return pe_compare(op, 1);
    if (tv_numeric(l.typ) && tv_numeric(r.typ))
        return pe_compare(op, l.f < r.f ? 0 : l.f > r.f ? 2 : 1);
    if (l.typ == TV_STRING && r.typ == TV_STRING)
        return pe_compare(op, l.n == r.n && !memcmp(l.s, r.s, l.n) ? 1 : 3);
    return 0;   /* Go panics comparing these */
}

static int pe_filter(const FNode *f, Value node, Value root)
{
    if (!f) return 0;
    switch (f->lx.typ) {
    case L_AT: case L_ROOT: {
        if (!f->sub) return 0;
        NodeVec r = {0};
        pe_apply(f->sub, 0, f->lx.typ == L_AT ? node : root, root, &r);
        return r.n > 0;
    }
    case L_EQ: case L_NE: case L_GT: case L_GE: case L_LT: case L_LE: case L_MATCH: {
        TVal *a, *b;
        size_t na, nb;
        pe_scan(f->kid[0], node, root, &a, &na);
        pe_scan(f->kid[1], node, root, &b, &nb);
        int match = 0;
        for (size_t i = 0; i < na; i++)
            for (size_t j = 0; j < nb; j++) {
                if (!pe_accept(f->lx.typ, a[i], b[j])) return 0;
                match = 1;
            }
        return match;
    }
    case L_NOT: return !pe_filter(f->kid[0], node, root);
    case L_OR: return pe_filter(f->kid[0], node, root) || pe_filter(f->kid[1], node, root);
    case L_AND: return pe_filter(f->kid[0], node, root) && pe_filter(f->kid[1], node, root);
    case L_BOOL: return f->lx.len == 4;   /* "true" */
    default: return 0;
    }
}

/* a map's entries in the order yaml.v3 encodes them (sorted) */
static MapEnt **pe_entries(Value m) { return map_sorted(m.u.m, 2); }

/* RecurseNodes: the node and every descendant, keys included, pre-order */
static void pe_recurse(Value node, NodeVec *out)
{
    NodeVec stack = {0};
    nv_push(&stack, node);
    while (stack.n) {
        Value v = stack.v[--stack.n];
        nv_push(out, v);
        if (v.t == VT_LIST && v.u.l) {
            for (uint32_t i = v.u.l->len; i-- > 0;) nv_push(&stack, v.u.l->v[i]);
        } else if (v.t == VT_MAP && v.u.m && v.u.m->len) {
            MapEnt **es = pe_entries(v);
            for (uint32_t i = v.u.m->len; i-- > 0;) {
                nv_push(&stack, es[i]->v);
                nv_push(&stack, v_str(es[i]->k, es[i]->klen));
            }
        }
    }
}

/* Applies steps [from, n) of p to node, appending the matches. */
static void pe_apply(const UPath *p, size_t from, Value node, Value root, NodeVec *out)
{
    if (from == p->n) { nv_push(out, node); return; }
    const Step *st = &p->steps[from];
    switch (st->kind) {
    case ST_RECURSE: {
        NodeVec all = {0};
        pe_recurse(node, &all);
        for (size_t i = 0; i < all.n; i++) pe_apply(p, from + 1, all.v[i], root, out);
        return;
    }
    case ST_CHILD: case ST_KEY:
        if (node.t != VT_MAP || !node.u.m) return;
        {
            Value *c = map_get(node.u.m, st->names[0], strlen(st->names[0]));
            if (c) pe_apply(p, from + 1, st->kind == ST_KEY ? v_cstr(st->names[0]) : *c, root, out);
        }
        return;
    case ST_ALL:
        if (node.t == VT_MAP && node.u.m && node.u.m->len) {
            MapEnt **es = pe_entries(node);
            for (uint32_t i = 0; i < node.u.m->len; i++) pe_apply(p, from + 1, es[i]->v, root, out);
        } else if (node.t == VT_LIST && node.u.l) {
            for (uint32_t i = 0; i < node.u.l->len; i++) pe_apply(p, from + 1, node.u.l->v[i], root, out);
        }
        return;
    case ST_BRACKET: case ST_BRACKET_KEY:
        if (node.t != VT_MAP || !node.u.m) return;
        for (size_t k = 0; k < st->nnames; k++) {
            Value *c = map_get(node.u.m, st->names[k], strlen(st->names[k]));
            if (c) pe_apply(p, from + 1, st->kind == ST_BRACKET_KEY ? v_cstr(st->names[k]) : *c, root, out);
        }
        return;
    case ST_SUBSCRIPT: case ST_SUBSCRIPT_KEY:
        if (node.t == VT_MAP && node.u.m && st->sublen == 1 && st->sub[0] == '*') {
            MapEnt **es = pe_entries(node);
            for (uint32_t i = 0; i < node.u.m->len; i++)
                pe_apply(p, from + 1, st->kind == ST_SUBSCRIPT_KEY ? v_str(es[i]->k, es[i]->klen) : es[i]->v, root, out);
            return;
        }
        if (st->kind == ST_SUBSCRIPT_KEY || node.t != VT_LIST) return;
        {
            long len = node.u.l ? (long)node.u.l->len : 0;
            IntVec idx = {0};
            if (ut_slice(st->sub, st->sublen, len, &idx)) return;
            for (size_t i = 0; i < idx.n; i++)
                if (idx.v[i] >= 0 && idx.v[i] < len) pe_apply(p, from + 1, node.u.l->v[idx.v[i]], root, out);
        }
        return;
    case ST_FILTER:
        if (node.t == VT_LIST) {
            for (uint32_t i = 0; node.u.l && i < node.u.l->len; i++)
                if (pe_filter(st->filter, node.u.l->v[i], root)) pe_apply(p, from + 1, node.u.l->v[i], root, out);
        } else if (pe_filter(st->filter, node, root)) {
            pe_apply(p, from + 1, node, root, out);
        }
        return;
    case ST_RFILTER:
        if (pe_filter(st->filter, node, root)) pe_apply(p, from + 1, node, root, out);
        return;
    }
}

/* ---- entry points ------------------------------------------------------- */

const char *ut_path_get(Value doc, const char *path, Value *out)
{
    *out = v_newlist(1);
    if (!*path) { list_push(out->u.l, doc); return NULL; }
    UPath *p;
    const char *err = pu_compile_str(path, strlen(path), &p, 0);
    if (err) return err;
    NodeVec r = {0};
    pe_apply(p, 0, doc, doc, &r);
    for (size_t i = 0; i < r.n; i++) list_push(out->u.l, pe_round_trip(r.v[i], 0));
    return NULL;
}
