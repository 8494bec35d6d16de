/*
 * toml.c - fromToml: a TOML decoder into map[string]interface{} that gives
 * the same values and the same error texts as BurntSushi/toml's
 * Unmarshal (v1.6.0 in Helm 4: TOML 1.1 features on; v1.4.0 in Helm 3:
 * TOML 1.0). Mirrors the structure of its lex.go (a state machine run on
 * demand by the parser, so lexer and parser errors surface in the same
 * order) and parse.go (context, implicit tables, key types).
 *
 * Values: tables map[string]interface{}, arrays []interface{}, arrays of
 * tables []map[string]interface{} (chartc shows them as []interface{}),
 * int64, float64, string, bool, and time.Time for the four date-time
 * kinds (zones "UTC"/Local, a fixed offset, or BurntSushi's
 * "datetime-local", "date-local", "time-local").
 * Helm's fromTOML returns {"Error": err.Error()} when parsing fails.
 */
#include "chartc/det.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fn_int.h"

#define RUNE_ERR 0xFFFDu
#define T_EOF 0u   /* the lexer's eof rune */

enum {
    I_ERROR, I_EOF, I_TEXT, I_STRING, I_STRINGESC, I_RAWSTRING, I_MLSTRING, I_RAWMLSTRING,
    I_BOOL, I_INTEGER, I_FLOAT, I_DATETIME, I_ARRAY, I_ARRAYEND, I_TABLESTART, I_TABLEEND,
    I_ATABLESTART, I_ATABLEEND, I_KEYSTART, I_KEYEND, I_COMMENTSTART, I_ITABLESTART, I_ITABLEEND,
};

typedef struct TItem {
    int typ;
    const char *val;
    size_t n;
    int line;
    const char *err;   /* I_ERROR: message (may hold NUL bytes) */
    size_t errn;
} TItem;

enum {
    S_NIL, S_TOP, S_TOPEND, S_TABLESTART, S_TABLEEND, S_ATABLEEND, S_TNAMESTART, S_TNAMEEND,
    S_BARENAME, S_QUOTEDNAME, S_KEYSTART, S_KEYNAMESTART, S_KEYEND, S_VALUE, S_ARRVALUE,
    S_ARRVALUEEND, S_ARREND, S_ITVALUE, S_ITVALUEEND, S_ITEND, S_STRING, S_MLSTRING, S_RAWSTRING,
    S_MLRAWSTRING, S_MLSTRINGESC, S_STRINGESC, S_HEXESC, S_SHORTU, S_LONGU, S_NUMDATESTART,
    S_NUMDATE, S_DATETIME, S_HEXINT, S_OCTINT, S_BININT, S_DECNUM, S_DECNUMSTART, S_BASENUMDATE,
    S_FLOAT, S_BOOL, S_COMMENTSTART, S_COMMENT,
};

typedef struct Lx {
    const char *in;
    size_t n, start, pos;
    int line;
    int state;
    int esc;
    int v4;            /* BurntSushi v1.6.0 (TOML 1.1) */
    int pw[4], nprev, at_eof;
    int *stack;
    size_t nstack, capstack;
    TItem *q;          /* pending items (FIFO) */
    size_t qh, qn, qcap;
} Lx;

/* ---- lexer primitives ---------------------------------------------------- */

static void lx_push_item(Lx *lx, TItem it)
{
    if (lx->qh + lx->qn == lx->qcap) {
        if (lx->qh) {
            memmove(lx->q, lx->q + lx->qh, lx->qn * sizeof *lx->q);
            lx->qh = 0;
        } else {
            size_t nc = lx->qcap ? lx->qcap * 2 : 8;
            lx->q = cc_grow(lx->q, lx->qcap * sizeof *lx->q, nc * sizeof *lx->q);
            lx->qcap = nc;
        }
    }
    lx->q[lx->qh + lx->qn++] = it;
}

static void lx_push(Lx *lx, int st)
{
    if (lx->nstack == lx->capstack) {
        size_t nc = lx->capstack ? lx->capstack * 2 : 16;
        lx->stack = cc_grow(lx->stack, lx->capstack * sizeof *lx->stack, nc * sizeof *lx->stack);
        lx->capstack = nc;
    }
    lx->stack[lx->nstack++] = st;
}

static int lx_pop(Lx *lx) { return lx->nstack ? lx->stack[--lx->nstack] : S_NIL; }

static void lx_emit_at(Lx *lx, int typ, const char *v, size_t n)
{
    TItem it = {typ, v, n, lx->line, NULL, 0};
    lx_push_item(lx, it);
    lx->start = lx->pos;
}

static int lx_error_line(Lx *lx, int line, const char *msg, size_t n)
{
    TItem it = {I_ERROR, NULL, 0, line, msg, n};
    lx_push_item(lx, it);
    return S_NIL;
}

static int lx_error_prev(Lx *lx, const char *msg, size_t n) { return lx_error_line(lx, lx->line - 1, msg, n); }

static int lx_error(Lx *lx, const char *msg, size_t n)
{
    if (lx->at_eof) return lx_error_prev(lx, msg, n);
    return lx_error_line(lx, lx->line, msg, n);
}

/* lexer.errorf: at EOF the line is the previous one (v1.4.0 always, v1.6.0
 * only after a newline). */
static int lx_errorb(Lx *lx, Buf *b)
{
    char *m = buf_arena(b);
    size_t n = b->len;
    buf_free(b);
    if (lx->at_eof) {
        int line = lx->line;
        if (!lx->v4 || (lx->pos >= 1 && lx->in[lx->pos - 1] == '\n')) line--;
        return lx_error_line(lx, line, m, n);
    }
    return lx_error_line(lx, lx->line, m, n);
}

static int lx_errorf(Lx *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int lx_errorf(Lx *lx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = cc_vprintf(fmt, ap);
    va_end(ap);
    Buf b = {0};
    buf_puts(&b, s);
    return lx_errorb(lx, &b);
}

/* Go %q of a rune */
static void q_rune(Buf *b, uint32_t r)
{
    Value v = v_goint(r);
    go_sprintf(b, "%q", 2, 1, &v);
}

static void q_str(Buf *b, const char *s, size_t n) { go_quote(b, s, n, 0); }

static uint32_t lx_next(Lx *lx)
{
    if (lx->pos >= lx->n) { lx->at_eof = 1; return T_EOF; }
    if (lx->in[lx->pos] == '\n') lx->line++;
    lx->pw[3] = lx->pw[2];
    lx->pw[2] = lx->pw[1];
    lx->pw[1] = lx->pw[0];
    if (lx->nprev < 4) lx->nprev++;
    uint32_t r;
    int w = fn_utf8_decode(lx->in + lx->pos, lx->n - lx->pos, &r);
    if (r == RUNE_ERR && w == 1) {
        char *m = cc_printf("invalid UTF-8 byte: 0x%02x", (unsigned char)lx->in[lx->pos]);
        lx_error(lx, m, strlen(m));
        return RUNE_ERR;
    }
    int ctl = r != '\t' && r != '\r' && r != '\n' && (r <= 0x1f || r == 0x7f);
    if (ctl || (r == '\r' && (lx->n - 1 == lx->pos || lx->in[lx->pos + 1] != '\n'))) {
        char *m = cc_printf("TOML files cannot contain control characters: '0x%02x'", r);
        lx_error_line(lx, lx->line, m, strlen(m));
        return RUNE_ERR;
    }
    lx->pw[0] = w;
    lx->pos += (size_t)w;
    return r;
}

static void lx_ignore(Lx *lx) { lx->start = lx->pos; }

static void lx_backup(Lx *lx)
{
    if (lx->at_eof) { lx->at_eof = 0; return; }
    if (lx->nprev < 1) return;
    int w = lx->pw[0];
    lx->pw[0] = lx->pw[1];
    lx->pw[1] = lx->pw[2];
    lx->pw[2] = lx->pw[3];
    lx->nprev--;
    lx->pos -= (size_t)w;
    if (lx->pos < lx->n && lx->in[lx->pos] == '\n') lx->line--;
}

static int lx_accept(Lx *lx, uint32_t c)
{
    if (lx_next(lx) == c) return 1;
    lx_backup(lx);
    return 0;
}

static uint32_t lx_peek(Lx *lx)
{
    uint32_t r = lx_next(lx);
    lx_backup(lx);
    return r;
}

static int is_ws(uint32_t r) { return r == '\t' || r == ' '; }
static int is_nl(uint32_t r) { return r == '\n' || r == '\r'; }
static int is_digit(uint32_t r) { return r >= '0' && r <= '9'; }
static int is_hex(uint32_t r) { return is_digit(r) || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f'); }
static int is_bare(uint32_t r)
{
    return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || is_digit(r) || r == '_' || r == '-';
}

static void lx_skip_ws(Lx *lx)
{
    for (;;) {
        uint32_t r = lx_next(lx);
        if (is_ws(r)) continue;
        lx_backup(lx);
        lx_ignore(lx);
        return;
    }
}

static void lx_emit(Lx *lx, int typ)
{
    if (lx->start > lx->pos) {
        char *m = cc_printf("invalid UTF-8 byte: 0x%02x", (unsigned char)lx->in[lx->pos]);
        lx_error(lx, m, strlen(m));
        return;
    }
    lx_emit_at(lx, typ, lx->in + lx->start, lx->pos - lx->start);
}

static int has_suffix(Lx *lx, const char *suf)
{
    size_t k = strlen(suf), len = lx->pos - lx->start;
    return len >= k && memcmp(lx->in + lx->pos - k, suf, k) == 0;
}

/* ---- lexer states ----------------------------------------------------------- */

static int st_string_escape(Lx *lx);

static int st_top(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_ws(r) || is_nl(r)) { lx_ignore(lx); return S_TOP; }
    switch (r) {
    case '#': lx_push(lx, S_TOP); return S_COMMENTSTART;
    case '[': return S_TABLESTART;
    case T_EOF:
        if (lx->pos > lx->start) return lx_errorf(lx, "unexpected EOF");
        lx_emit(lx, I_EOF);
        return S_NIL;
    }
    lx_backup(lx);
    lx_push(lx, S_TOPEND);
    return S_KEYSTART;
}

static int st_topend(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (r == '#') { lx_push(lx, S_TOP); return S_COMMENTSTART; }
    if (is_ws(r)) return S_TOPEND;
    if (is_nl(r)) { lx_ignore(lx); return S_TOP; }
    if (r == T_EOF) { lx_emit(lx, I_EOF); return S_NIL; }
    Buf b = {0};
    buf_puts(&b, "expected a top-level item to end with a newline, comment, or EOF, but got ");
    q_rune(&b, r);
    buf_puts(&b, " instead");
    return lx_errorb(lx, &b);
}

static int st_tablestart(Lx *lx)
{
    if (lx_peek(lx) == '[') {
        lx_next(lx);
        lx_emit(lx, I_ATABLESTART);
        lx_push(lx, S_ATABLEEND);
    } else {
        lx_emit(lx, I_TABLESTART);
        lx_push(lx, S_TABLEEND);
    }
    return S_TNAMESTART;
}

static int st_tableend(Lx *lx)
{
    lx_emit(lx, I_TABLEEND);
    return S_TOPEND;
}

static int st_atableend(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (r != ']') {
        Buf b = {0};
        buf_puts(&b, "expected end of table array name delimiter ']', but got ");
        q_rune(&b, r);
        buf_puts(&b, " instead");
        return lx_errorb(lx, &b);
    }
    lx_emit(lx, I_ATABLEEND);
    return S_TOPEND;
}

static int st_tnamestart(Lx *lx)
{
    lx_skip_ws(lx);
    uint32_t r = lx_peek(lx);
    if (r == ']' || r == T_EOF) return lx_errorf(lx, "unexpected end of table name (table names cannot be empty)");
    if (r == '.') return lx_errorf(lx, "unexpected table separator (table names cannot be empty)");
    if (r == '"' || r == '\'') {
        lx_ignore(lx);
        lx_push(lx, S_TNAMEEND);
        return S_QUOTEDNAME;
    }
    lx_push(lx, S_TNAMEEND);
    return S_BARENAME;
}

static int st_tnameend(Lx *lx)
{
    lx_skip_ws(lx);
    uint32_t r = lx_next(lx);
    if (r == '.') { lx_ignore(lx); return S_TNAMESTART; }
    if (r == ']') return lx_pop(lx);
    Buf b = {0};
    buf_puts(&b, "expected '.' or ']' to end table name, but got ");
    q_rune(&b, r);
    buf_puts(&b, " instead");
    return lx_errorb(lx, &b);
}

static int st_barename(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_bare(r)) return S_BARENAME;
    lx_backup(lx);
    lx_emit(lx, I_TEXT);
    return lx_pop(lx);
}

static int st_quotedname(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (r == '"') { lx_ignore(lx); return S_STRING; }
    if (r == '\'') { lx_ignore(lx); return S_RAWSTRING; }
    if (is_ws(r)) { lx_ignore(lx); return S_VALUE; }
    if (r == T_EOF) return lx_errorf(lx, "unexpected EOF; expected value");
    Buf b = {0};
    buf_puts(&b, "expected value but found ");
    q_rune(&b, r);
    buf_puts(&b, " instead");
    return lx_errorb(lx, &b);
}

static int st_keystart(Lx *lx)
{
    lx_skip_ws(lx);
    uint32_t r = lx_peek(lx);
    if (r == '=' || r == T_EOF) return lx_errorf(lx, "unexpected '=': key name appears blank");
    if (r == '.') return lx_errorf(lx, "unexpected '.': keys cannot start with a '.'");
    if (r == '"' || r == '\'') lx_ignore(lx);
    lx_emit(lx, I_KEYSTART);
    return S_KEYNAMESTART;
}

static int st_keynamestart(Lx *lx)
{
    lx_skip_ws(lx);
    uint32_t r = lx_peek(lx);
    if (r == '"' || r == '\'') {
        lx_ignore(lx);
        lx_push(lx, S_KEYEND);
        return S_QUOTEDNAME;
    }
    if (r == '=' || r == T_EOF) return lx_errorf(lx, "unexpected '='");
    if (r == '.') return lx_errorf(lx, "unexpected '.'");
    lx_push(lx, S_KEYEND);
    return S_BARENAME;
}

/* "<what><rune> instead"; v4 reports a newline on the line before it */
static int lx_unexpected(Lx *lx, const char *what, uint32_t r)
{
    Buf b = {0};
    buf_puts(&b, what);
    q_rune(&b, r);
    buf_puts(&b, " instead");
    if (r == '\n' && lx->v4) {
        char *m = buf_arena(&b);
        size_t n = b.len;
        buf_free(&b);
        return lx_error_prev(lx, m, n);
    }
    return lx_errorb(lx, &b);
}

static int st_keyend(Lx *lx)
{
    lx_skip_ws(lx);
    uint32_t r = lx_next(lx);
    if (is_ws(r)) { lx_ignore(lx); return S_KEYEND; }
    if (r == T_EOF) return lx_errorf(lx, "unexpected EOF; expected key separator '='");
    if (r == '.') { lx_ignore(lx); return S_KEYNAMESTART; }
    if (r == '=') {
        lx_emit(lx, I_KEYEND);
        lx_ignore(lx);
        return S_VALUE;
    }
    return lx_unexpected(lx, "expected '.' or '=', but got ", r);
}

static int st_value(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_ws(r)) { lx_ignore(lx); return S_VALUE; }
    if (is_digit(r)) { lx_backup(lx); return S_NUMDATESTART; }
    switch (r) {
    case '[':
        lx_ignore(lx);
        lx_emit(lx, I_ARRAY);
        return S_ARRVALUE;
    case '{':
        lx_ignore(lx);
        lx_emit(lx, I_ITABLESTART);
        return S_ITVALUE;
    case '"':
        if (lx_accept(lx, '"')) {
            if (lx_accept(lx, '"')) { lx_ignore(lx); return S_MLSTRING; }
            lx_backup(lx);
        }
        lx_ignore(lx);
        return S_STRING;
    case '\'':
        if (lx_accept(lx, '\'')) {
            if (lx_accept(lx, '\'')) { lx_ignore(lx); return S_MLRAWSTRING; }
            lx_backup(lx);
        }
        lx_ignore(lx);
        return S_RAWSTRING;
    case '.':
        return lx_errorf(lx, "floats must start with a digit, not '.'");
    case 'i': case 'n':
        if ((lx_accept(lx, 'n') && lx_accept(lx, 'f')) || (lx_accept(lx, 'a') && lx_accept(lx, 'n'))) {
            lx_emit(lx, I_FLOAT);
            return lx_pop(lx);
        }
        break;
    case '-': case '+':
        return S_DECNUMSTART;
    }
    if (r != T_EOF && fn_uisletter(r)) { lx_backup(lx); return S_BOOL; }
    if (r == T_EOF) return lx_errorf(lx, "unexpected EOF; expected value");
    return lx_unexpected(lx, "expected value but found ", r);
}

/* The next rune of an array or inline table: whitespace, a newline (nl:
 * whether one may stand there; inline tables take one only in TOML 1.1)
 * or a comment give the state to go on in, anything else -1. */
static int lx_between(Lx *lx, uint32_t *r, int self, int nl)
{
    *r = lx_next(lx);
    if (is_ws(*r) || (nl && is_nl(*r))) { lx_ignore(lx); return self; }
    if (is_nl(*r)) {
        const char *m = "newlines not allowed within inline tables";
        return lx_error_prev(lx, m, strlen(m));
    }
    if (*r == '#') { lx_push(lx, self); return S_COMMENTSTART; }
    return -1;
}

static int st_arrvalue(Lx *lx)
{
    uint32_t r;
    int st = lx_between(lx, &r, S_ARRVALUE, 1);
    if (st != -1) return st;
    if (r == ',') return lx_errorf(lx, "unexpected comma");
    if (r == ']') return S_ARREND;
    lx_backup(lx);
    lx_push(lx, S_ARRVALUEEND);
    return S_VALUE;
}

static void rune_or_eof(Buf *b, uint32_t r)
{
    if (r == T_EOF) { buf_puts(b, "end of file"); return; }
    buf_putc(b, '\'');
    fn_utf8_put(b, r);
    buf_putc(b, '\'');
}

static int st_arrvalueend(Lx *lx)
{
    uint32_t r;
    int st = lx_between(lx, &r, S_ARRVALUEEND, 1);
    if (st != -1) return st;
    if (r == ',') { lx_ignore(lx); return S_ARRVALUE; }
    if (r == ']') return S_ARREND;
    Buf b = {0};
    buf_puts(&b, "expected a comma (',') or array terminator (']'), but got ");
    rune_or_eof(&b, r);
    return lx_errorb(lx, &b);
}

/* the end of an array or inline table */
static int st_close(Lx *lx, int item)
{
    lx_ignore(lx);
    lx_emit(lx, item);
    return lx_pop(lx);
}

static int st_itvalue(Lx *lx)
{
    uint32_t r;
    int st = lx_between(lx, &r, S_ITVALUE, lx->v4);
    if (st != -1) return st;
    if (r == ',') return lx_errorf(lx, "unexpected comma");
    if (r == '}') return S_ITEND;
    lx_backup(lx);
    lx_push(lx, S_ITVALUEEND);
    return S_KEYSTART;
}

static int st_itvalueend(Lx *lx)
{
    uint32_t r;
    int st = lx_between(lx, &r, S_ITVALUEEND, lx->v4);
    if (st != -1) return st;
    if (r == ',') {
        lx_ignore(lx);
        lx_skip_ws(lx);
        if (lx_peek(lx) == '}') {
            if (lx->v4) return S_ITVALUEEND;
            return lx_errorf(lx, "trailing comma not allowed in inline tables");
        }
        return S_ITVALUE;
    }
    if (r == '}') return S_ITEND;
    Buf b = {0};
    buf_puts(&b, "expected a comma or an inline table terminator '}', but got ");
    rune_or_eof(&b, r);
    buf_puts(&b, " instead");
    return lx_errorb(lx, &b);
}

/* emits the string before its n closing quotes, which are then skipped */
static int lx_emit_quoted(Lx *lx, int item, int n)
{
    for (int i = 0; i < n; i++) lx_backup(lx);
    lx_emit(lx, item);
    for (int i = 0; i < n; i++) lx_next(lx);
    lx_ignore(lx);
    return lx_pop(lx);
}

static int st_string(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (r == T_EOF) return lx_errorf(lx, "unexpected EOF; expected '\"'");
    if (is_nl(r)) {
        const char *m = "strings cannot contain newlines";
        return lx_error_prev(lx, m, strlen(m));
    }
    if (r == '\\') { lx_push(lx, S_STRING); return S_STRINGESC; }
    if (r == '"') {
        int item = lx->esc ? I_STRINGESC : I_STRING;
        lx->esc = 0;
        return lx_emit_quoted(lx, item, 1);
    }
    return S_STRING;
}

static int st_mlstring(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (r == T_EOF) return lx_errorf(lx, "unexpected EOF; expected '\"\"\"'");
    if (r == '\\') return S_MLSTRINGESC;
    if (r != '"') return S_MLSTRING;
    if (lx_accept(lx, '"')) {
        if (lx_accept(lx, '"')) {
            if (lx_peek(lx) == '"') {
                if (has_suffix(lx, "\"\"\"\"\"") && !has_suffix(lx, "\\\"\"\"\"\""))
                    return lx_errorf(lx, "unexpected '\"\"\"\"\"\"'");
                lx_backup(lx);
                lx_backup(lx);
                return S_MLSTRING;
            }
            lx->esc = 0;
            return lx_emit_quoted(lx, I_MLSTRING, 3);
        }
        lx_backup(lx);
    }
    return S_MLSTRING;
}

static int st_rawstring(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (r == T_EOF) return lx_errorf(lx, "unexpected EOF; expected \"'\"");
    if (is_nl(r)) {
        const char *m = "strings cannot contain newlines";
        return lx_error_prev(lx, m, strlen(m));
    }
    if (r == '\'') return lx_emit_quoted(lx, I_RAWSTRING, 1);
    return S_RAWSTRING;
}

static int st_mlrawstring(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (r == T_EOF) return lx_errorf(lx, "unexpected EOF; expected \"'''\"");
    if (r != '\'') return S_MLRAWSTRING;
    if (lx_accept(lx, '\'')) {
        if (lx_accept(lx, '\'')) {
            if (lx_peek(lx) == '\'') {
                if (has_suffix(lx, "'''''")) return lx_errorf(lx, "unexpected \"''''''\"");
                lx_backup(lx);
                lx_backup(lx);
                return S_MLRAWSTRING;
            }
            return lx_emit_quoted(lx, I_RAWMLSTRING, 3);
        }
        lx_backup(lx);
    }
    return S_MLRAWSTRING;
}

static int st_mlstringesc(Lx *lx)
{
    if (is_nl(lx_next(lx))) return S_MLSTRING;
    lx_backup(lx);
    lx_push(lx, S_MLSTRING);
    return st_string_escape(lx);
}

static int st_string_escape(Lx *lx)
{
    lx->esc = 1;
    uint32_t r = lx_next(lx);
    switch (r) {
    case 'e': case 'x':
        if (!lx->v4) break;
        if (r == 'x') return S_HEXESC;
        return lx_pop(lx);
    case 'b': case 't': case 'n': case 'f': case 'r': case '"': case ' ': case '\t': case '\\':
        return lx_pop(lx);
    case 'u': return S_SHORTU;
    case 'U': return S_LONGU;
    }
    Buf b = {0};
    buf_puts(&b, "invalid escape in string '\\");
    fn_utf8_put(&b, r);
    buf_putc(&b, '\'');
    char *m = buf_arena(&b);
    size_t n = b.len;
    buf_free(&b);
    return lx_error(lx, m, n);
}

static int st_hexdigits(Lx *lx, int count, const char *what, const char *esc)
{
    for (int i = 0; i < count; i++) {
        uint32_t r = lx_next(lx);
        if (!is_hex(r)) {
            Buf b = {0};
            buf_printf(&b, "expected %s hexadecimal digits after '\\%s', but got ", what, esc);
            q_str(&b, lx->in + lx->start, lx->pos - lx->start);
            buf_puts(&b, " instead");
            return lx_errorb(lx, &b);
        }
    }
    return lx_pop(lx);
}

static int st_numdatestart(Lx *lx) { return lx_next(lx) == '0' ? S_BASENUMDATE : S_NUMDATE; }

static int st_numdate(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_digit(r)) return S_NUMDATE;
    switch (r) {
    case '-': case ':': return S_DATETIME;
    case '_': return S_DECNUM;
    case '.': case 'e': case 'E': return S_FLOAT;
    }
    lx_backup(lx);
    lx_emit(lx, I_INTEGER);
    return lx_pop(lx);
}

static int st_datetime(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_digit(r) || (r && r < 128 && strchr("-:Tt .Zz+", (int)r))) return S_DATETIME;
    lx_backup(lx);
    /* emitTrim */
    const char *s = lx->in + lx->start;
    size_t n = lx->pos - lx->start;
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    lx_emit_at(lx, I_DATETIME, s, n);
    return lx_pop(lx);
}

static int st_baseint(Lx *lx, int self, int (*ok)(uint32_t))
{
    uint32_t r = lx_next(lx);
    if (ok(r) || r == '_') return self;
    lx_backup(lx);
    lx_emit(lx, I_INTEGER);
    return lx_pop(lx);
}
static int is_oct(uint32_t r) { return r >= '0' && r <= '7'; }
static int is_bin(uint32_t r) { return r == '0' || r == '1'; }

static int st_decnum(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_digit(r)) return S_DECNUM;
    if (r == '.' || r == 'e' || r == 'E') return S_FLOAT;
    if (r == '_') return S_DECNUM;
    lx_backup(lx);
    lx_emit(lx, I_INTEGER);
    return lx_pop(lx);
}

static int st_decnumstart(Lx *lx)
{
    uint32_t r = lx_next(lx);
    switch (r) {
    case 'i':
        if (!lx_accept(lx, 'n') || !lx_accept(lx, 'f')) goto badfloat;
        lx_emit(lx, I_FLOAT);
        return lx_pop(lx);
    case 'n':
        if (!lx_accept(lx, 'a') || !lx_accept(lx, 'n')) goto badfloat;
        lx_emit(lx, I_FLOAT);
        return lx_pop(lx);
    case '0': {
        uint32_t p = lx_peek(lx);
        if (p == 'b' || p == 'o' || p == 'x') {
            Buf b = {0};
            buf_puts(&b, "cannot use sign with non-decimal numbers: '");
            buf_put(&b, lx->in + lx->start, lx->pos - lx->start);
            fn_utf8_put(&b, p);
            buf_putc(&b, '\'');
            return lx_errorb(lx, &b);
        }
        break;
    }
    case '.':
        return lx_errorf(lx, "floats must start with a digit, not '.'");
    }
    if (is_digit(r)) return S_DECNUM;
    {
        Buf b = {0};
        buf_puts(&b, "expected a digit but got ");
        q_rune(&b, r);
        return lx_errorb(lx, &b);
    }
badfloat: {
        Buf b = {0};
        buf_puts(&b, "invalid float: '");
        buf_put(&b, lx->in + lx->start, lx->pos - lx->start);
        buf_putc(&b, '\'');
        return lx_errorb(lx, &b);
    }
}

static void base_err(Lx *lx, const char *what, uint32_t r)
{
    Buf b = {0};
    buf_printf(&b, "not a%s number: '", what);
    buf_put(&b, lx->in + lx->start, lx->pos - lx->start);
    if (r == T_EOF) buf_putc(&b, '\0'); else fn_utf8_put(&b, r);
    buf_putc(&b, '\'');
    lx_errorb(lx, &b);
}

static int st_basenumdate(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_digit(r)) return S_NUMDATE;
    switch (r) {
    case '_': return S_DECNUM;
    case '.': case 'e': case 'E': return S_FLOAT;
    case 'b':
        r = lx_peek(lx);
        if (!is_bin(r)) base_err(lx, " binary", r);
        return S_BININT;
    case 'o':
        r = lx_peek(lx);
        if (!is_oct(r)) base_err(lx, "n octal", r);
        return S_OCTINT;
    case 'x':
        r = lx_peek(lx);
        if (!is_hex(r)) base_err(lx, lx->v4 ? " hexadecimal" : " hexidecimal", r);
        return S_HEXINT;
    }
    lx_backup(lx);
    lx_emit(lx, I_INTEGER);
    return lx_pop(lx);
}

static int st_float(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_digit(r) || (r && r < 128 && strchr("_.-+eE", (int)r))) return S_FLOAT;
    lx_backup(lx);
    lx_emit(lx, I_FLOAT);
    return lx_pop(lx);
}

static int st_bool(Lx *lx)
{
    Buf rs = {0};
    for (;;) {
        uint32_t r = lx_next(lx);
        if (r == T_EOF || !fn_uisletter(r)) { lx_backup(lx); break; }
        fn_utf8_put(&rs, r);
    }
    if ((rs.len == 4 && memcmp(rs.p, "true", 4) == 0) || (rs.len == 5 && memcmp(rs.p, "false", 5) == 0)) {
        buf_free(&rs);
        lx_emit(lx, I_BOOL);
        return lx_pop(lx);
    }
    Buf b = {0};
    buf_puts(&b, "expected value but found ");
    q_str(&b, rs.p ? rs.p : "", rs.len);
    buf_puts(&b, " instead");
    buf_free(&rs);
    return lx_errorb(lx, &b);
}

static int st_commentstart(Lx *lx)
{
    lx_ignore(lx);
    lx_emit(lx, I_COMMENTSTART);
    return S_COMMENT;
}

static int st_comment(Lx *lx)
{
    uint32_t r = lx_next(lx);
    if (is_nl(r) || r == T_EOF) {
        lx_backup(lx);
        lx_emit(lx, I_TEXT);
        return lx_pop(lx);
    }
    return S_COMMENT;
}

static int lx_step(Lx *lx, int st)
{
    switch (st) {
    case S_TOP: return st_top(lx);
    case S_TOPEND: return st_topend(lx);
    case S_TABLESTART: return st_tablestart(lx);
    case S_TABLEEND: return st_tableend(lx);
    case S_ATABLEEND: return st_atableend(lx);
    case S_TNAMESTART: return st_tnamestart(lx);
    case S_TNAMEEND: return st_tnameend(lx);
    case S_BARENAME: return st_barename(lx);
    case S_QUOTEDNAME: return st_quotedname(lx);
    case S_KEYSTART: return st_keystart(lx);
    case S_KEYNAMESTART: return st_keynamestart(lx);
    case S_KEYEND: return st_keyend(lx);
    case S_VALUE: return st_value(lx);
    case S_ARRVALUE: return st_arrvalue(lx);
    case S_ARRVALUEEND: return st_arrvalueend(lx);
    case S_ARREND: return st_close(lx, I_ARRAYEND);
    case S_ITVALUE: return st_itvalue(lx);
    case S_ITVALUEEND: return st_itvalueend(lx);
    case S_ITEND: return st_close(lx, I_ITABLEEND);
    case S_STRING: return st_string(lx);
    case S_MLSTRING: return st_mlstring(lx);
    case S_RAWSTRING: return st_rawstring(lx);
    case S_MLRAWSTRING: return st_mlrawstring(lx);
    case S_MLSTRINGESC: return st_mlstringesc(lx);
    case S_STRINGESC: return st_string_escape(lx);
    case S_HEXESC: return st_hexdigits(lx, 2, "two", "x");
    case S_SHORTU: return st_hexdigits(lx, 4, "four", "u");
    case S_LONGU: return st_hexdigits(lx, 8, "eight", "U");
    case S_NUMDATESTART: return st_numdatestart(lx);
    case S_NUMDATE: return st_numdate(lx);
    case S_DATETIME: return st_datetime(lx);
    case S_HEXINT: return st_baseint(lx, S_HEXINT, is_hex);
    case S_OCTINT: return st_baseint(lx, S_OCTINT, is_oct);
    case S_BININT: return st_baseint(lx, S_BININT, is_bin);
    case S_DECNUM: return st_decnum(lx);
    case S_DECNUMSTART: return st_decnumstart(lx);
    case S_BASENUMDATE: return st_basenumdate(lx);
    case S_FLOAT: return st_float(lx);
    case S_BOOL: return st_bool(lx);
    case S_COMMENTSTART: return st_commentstart(lx);
    case S_COMMENT: return st_comment(lx);
    }
    return S_NIL;
}

/* lexer.nextItem; a stopped lexer (nil state) keeps reporting EOF */
static TItem lx_next_item(Lx *lx)
{
    for (;;) {
        if (lx->qn) {
            TItem it = lx->q[lx->qh++];
            lx->qn--;
            if (!lx->qn) lx->qh = 0;
            return it;
        }
        if (lx->state == S_NIL) {
            TItem e = {I_EOF, "", 0, lx->line, NULL, 0};
            return e;
        }
        lx->state = lx_step(lx, lx->state);
    }
}

/* ---- time.Time values ------------------------------------------------------- */

typedef struct TTime {
    int year, mon, day, hour, min, sec, nsec;
    int off;            /* seconds east of UTC */
    const char *zone;   /* "" = fixed offset without a name */
} TTime;

static void tt_frac(Buf *b, int nsec)
{
    if (!nsec) return;
    char f[16];
    snprintf(f, sizeof f, "%09d", nsec);
    int k = 9;
    while (k > 0 && f[k - 1] == '0') k--;
    buf_putc(b, '.');
    buf_put(b, f, (size_t)k);
}

static void tt_print(Buf *b, Obj *o)
{
    const TTime *t = o->data;
    buf_printf(b, "%04d-%02d-%02d %02d:%02d:%02d", t->year, t->mon, t->day, t->hour, t->min, t->sec);
    tt_frac(b, t->nsec);
    int a = t->off < 0 ? -t->off : t->off;
    char z[16];
    snprintf(z, sizeof z, "%c%02d%02d", t->off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    buf_printf(b, " %s %s", z, *t->zone ? t->zone : z);
}

static Value tt_to_data(Obj *o)
{
    const TTime *t = o->data;
    Buf b = {0};
    buf_printf(&b, "%04d-%02d-%02dT%02d:%02d:%02d", t->year, t->mon, t->day, t->hour, t->min, t->sec);
    tt_frac(&b, t->nsec);
    if (t->off == 0) buf_putc(&b, 'Z');
    else {
        int a = t->off < 0 ? -t->off : t->off;
        buf_printf(&b, "%c%02d:%02d", t->off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    }
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

static int tt_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    const TTime *t = o->data;
    if (argc) return 0;
    if (strcmp(name, "Year") == 0) *out = v_goint(t->year);
    else if (strcmp(name, "Day") == 0) *out = v_goint(t->day);
    else if (strcmp(name, "Hour") == 0) *out = v_goint(t->hour);
    else if (strcmp(name, "Minute") == 0) *out = v_goint(t->min);
    else if (strcmp(name, "Second") == 0) *out = v_goint(t->sec);
    else if (strcmp(name, "Nanosecond") == 0) *out = v_goint(t->nsec);
    else return 0;
    return 1;
}

/* time.Time has methods only */
static const char *tt_method_sig(Obj *o, const char *name)
{
    static const char *const m[] = {"Year", "Day", "Hour", "Minute", "Second", "Nanosecond", NULL};
    for (int i = 0; m[i]; i++)
        if (strcmp(m[i], name) == 0) return "";
    return NULL;
}

/* BurntSushi/toml: time.UTC for Z, a FixedZone for an offset or a local kind */
static int tt_go_loc(const TTime *t) { return t->off == 0 && !strcmp(t->zone, "UTC") ? GO_LOC_UTC : GO_LOC_OTHER; }
static int64_t tt_local_sec(const TTime *t)
{
    return go_days_from_civil(t->year, t->mon, t->day) * 86400 + t->hour * 3600 + t->min * 60 + t->sec;
}
static Value tt_go_fields(Obj *o)
{
    const TTime *t = o->data;
    return go_time_fields(tt_local_sec(t) - t->off, t->nsec, tt_go_loc(t), -1);
}
static void tt_go_string(Buf *b, Obj *o)
{
    const TTime *t = o->data;
    go_time_gostring(b, tt_local_sec(t), t->nsec, tt_go_loc(t), t->zone);
}

static const ObjType tt_type = {"time.Time", tt_field, tt_print, tt_to_data, tt_method_sig,
                                tt_go_fields, 0, NULL, tt_go_string};

int fn_toml_time(Buf *b, Value v)
{
    if (v.t != VT_OBJ || strcmp(v.u.o->type->gotype, "time.Time") != 0) return 0;
    const TTime *t = v.u.o->data;
    int kind = v.u.o->type != &tt_type ? 0 : strcmp(t->zone, "datetime-local") == 0 ? 1
             : strcmp(t->zone, "date-local") == 0 ? 2 : strcmp(t->zone, "time-local") == 0 ? 3 : 0;
    if (!kind) {   /* Format(time.RFC3339Nano), the time's data form */
        Value d = v.u.o->type->to_data(v.u.o);
        buf_put(b, d.u.s, d.n);
        return 1;
    }
    /* a local kind: v.In(time.UTC).Format(its layout) */
    time_t sec = (time_t)(go_days_from_civil(t->year, t->mon, t->day) * 86400 + t->hour * 3600 + t->min * 60 + t->sec - t->off);
    struct tm tm;
    gmtime_r(&sec, &tm);
    if (kind != 3) {
        long long y = (long long)tm.tm_year + 1900;
        buf_printf(b, "%s%04lld-%02d-%02d", y < 0 ? "-" : "", y < 0 ? -y : y, tm.tm_mon + 1, tm.tm_mday);
    }
    if (kind == 1) buf_putc(b, 'T');
    if (kind != 2) {
        buf_printf(b, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
        tt_frac(b, t->nsec);
    }
    return 1;
}

static int local_offset_at(int64_t sec, const char **name)
{
    time_t t = (time_t)sec;
    struct tm tm;
    /* with a fixed clock an unset TZ is UTC (det.h), as in fn_dates */
    if ((!getenv("TZ") && det_clock_fixed()) || !localtime_r(&t, &tm)) { *name = "UTC"; return 0; }
    *name = cc_strdup(tm.tm_zone ? tm.tm_zone : "UTC");
    return (int)tm.tm_gmtoff;
}

static int days_in(int m, int y)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 29;
    return d[m - 1];
}

/* Go's getnum: 1 or 2 digits (fixed: exactly 2) */
static int dt_num(const char *s, size_t n, size_t *i, int fixed, int *out)
{
    if (*i >= n || !is_digit((unsigned char)s[*i])) return 0;
    if (*i + 1 >= n || !is_digit((unsigned char)s[*i + 1])) {
        if (fixed) return 0;
        *out = s[*i] - '0';
        *i += 1;
        return 1;
    }
    *out = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
    *i += 2;
    return 1;
}

enum { L_DATE = 1, L_TIME = 2, L_SEC = 4, L_ZONE = 8 };

/* time.ParseInLocation with one of BurntSushi's layouts (flags above; the
 * fraction is always optional). Returns 1 and fills t on success. */
static int dt_parse(const char *s, size_t n, int lay, TTime *t)
{
    size_t i = 0;
    memset(t, 0, sizeof *t);
    t->mon = 1; t->day = 1;
    if (lay & L_DATE) {
        if (n < 4) return 0;
        for (int k = 0; k < 4; k++) if (!is_digit((unsigned char)s[k])) return 0;
        t->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        i = 4;
        if (i >= n || s[i] != '-') return 0;
        i++;
        if (!dt_num(s, n, &i, 1, &t->mon) || t->mon < 1 || t->mon > 12) return 0;
        if (i >= n || s[i] != '-') return 0;
        i++;
        if (!dt_num(s, n, &i, 1, &t->day)) return 0;
        if (lay & L_TIME) {
            if (i >= n || s[i] != 'T') return 0;
            i++;
        }
    }
    if (lay & L_TIME) {
        if (!dt_num(s, n, &i, 0, &t->hour) || t->hour >= 24) return 0;
        if (i >= n || s[i] != ':') return 0;
        i++;
        if (!dt_num(s, n, &i, 1, &t->min) || t->min >= 60) return 0;
        if (lay & L_SEC) {
            if (i >= n || s[i] != ':') return 0;
            i++;
            if (!dt_num(s, n, &i, 1, &t->sec) || t->sec >= 60) return 0;
            if (i + 1 < n && (s[i] == '.' || s[i] == ',') && is_digit((unsigned char)s[i + 1])) {
                size_t j = i + 1;
                while (j < n && is_digit((unsigned char)s[j])) j++;
                size_t nd = j - i - 1 > 9 ? 9 : j - i - 1;
                int ns = 0;
                for (size_t k = 0; k < 9; k++) ns = ns * 10 + (k < nd ? s[i + 1 + k] - '0' : 0);
                t->nsec = ns;
                i = j;
            }
        }
    }
    if (lay & L_ZONE) {
        if (i < n && s[i] == 'Z') {
            i++;
            t->zone = "UTC";
        } else {
            if (n - i < 6 || s[i + 3] != ':') return 0;
            int hh, mm;
            size_t k = i + 1;
            if (!dt_num(s, n, &k, 1, &hh)) return 0;
            k = i + 4;
            if (!dt_num(s, n, &k, 1, &mm)) return 0;
            if (hh > 24 || mm > 60) return 0;
            if (s[i] != '+' && s[i] != '-') return 0;
            t->off = (hh * 60 + mm) * 60 * (s[i] == '-' ? -1 : 1);
            t->zone = NULL;
            i += 6;
        }
    }
    if (i != n) return 0;
    if (t->day < 1 || t->day > days_in(t->mon, t->year)) return 0;
    return 1;
}

/* BurntSushi missingLeadingZero */
static int dt_missing_zero(const char *d, size_t n, const char *l)
{
    for (size_t i = 0; l[i]; i++) {
        char c = l[i];
        if (c == '.' || c == 'Z') return 0;
        if (!is_digit((unsigned char)c) && (i >= n || d[i] != c)) return 1;
    }
    return 0;
}

/* ---- parser ---------------------------------------------------------------- */

enum { TY_PRIM = 1, TY_ARRAY, TY_HASH, TY_ARRAYHASH };

typedef struct KeyV { const char **s; size_t *n; int len; } KeyV;

typedef struct TP {
    Lx lx;
    Map *mapping;
    KeyV context;
    const char *cur;   /* currentKey */
    size_t curn;
    int posline;       /* p.pos.Line */
    Map *keyinfo;      /* Key.String() -> type */
    Map *implicits;
    List **aot;        /* lists that are []map[string]interface{} */
    size_t naot, capaot;
    int depth;
    jmp_buf jb;
    const char *err;
    size_t errn;
    int local_off;
} TP;

static KeyV key_copy(KeyV k, int extra)
{
    KeyV r;
    r.len = k.len;
    r.s = cc_alloc((size_t)(k.len + extra + 1) * sizeof *r.s);
    r.n = cc_alloc((size_t)(k.len + extra + 1) * sizeof *r.n);
    if (k.len) {
        memcpy(r.s, k.s, (size_t)k.len * sizeof *r.s);
        memcpy(r.n, k.n, (size_t)k.len * sizeof *r.n);
    }
    return r;
}

static KeyV key_add(KeyV k, const char *s, size_t n)
{
    KeyV r = key_copy(k, 1);
    r.s[r.len] = s;
    r.n[r.len] = n;
    r.len++;
    return r;
}

/* Key.String(): bare parts as is, others double-quoted with dblQuotedReplacer */
static void key_part(Buf *b, const char *s, size_t n)
{
    if (!n) { buf_puts(b, "\"\""); return; }
    int bare = 1;
    for (size_t i = 0; i < n && bare; i++) bare = is_bare((unsigned char)s[i]);
    if (bare) { buf_put(b, s, n); return; }
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\b': buf_puts(b, "\\b"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\f': buf_puts(b, "\\f"); break;
        case '\r': buf_puts(b, "\\r"); break;
        default:
            if (c < 0x20 || c == 0x7f) buf_printf(b, "\\u%04x", c);
            else buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

static void key_str_buf(Buf *b, KeyV k)
{
    for (int i = 0; i < k.len; i++) {
        if (i) buf_putc(b, '.');
        key_part(b, k.s[i], k.n[i]);
    }
}

static const char *key_str(KeyV k, size_t *len)
{
    Buf b = {0};
    key_str_buf(&b, k);
    char *s = buf_arena(&b);
    *len = b.len;
    buf_free(&b);
    return s;
}

/* parser.current() into b */
static void p_current(TP *p, Buf *b)
{
    if (!p->curn) { key_str_buf(b, p->context); return; }
    if (!p->context.len) { buf_put(b, p->cur, p->curn); return; }
    key_str_buf(b, p->context);
    buf_putc(b, '.');
    buf_put(b, p->cur, p->curn);
}

_Noreturn static void p_fail(TP *p, int line, const char *msg, size_t n)
{
    Buf lk = {0}, b = {0};
    p_current(p, &lk);
    buf_printf(&b, "toml: line %d", line);
    if (lk.len) {
        buf_puts(&b, " (last key ");
        q_str(&b, lk.p, lk.len);
        buf_putc(&b, ')');
    }
    buf_puts(&b, ": ");
    buf_put(&b, msg, n);
    p->err = buf_arena(&b);
    p->errn = b.len;
    buf_free(&lk);
    buf_free(&b);
    longjmp(p->jb, 1);
}

_Noreturn static void p_failb(TP *p, int line, Buf *m)
{
    char *s = buf_arena(m);
    size_t n = m->len;
    buf_free(m);
    p_fail(p, line, s, n);
}

/* panicf("Key '%s' ...", key) */
_Noreturn static void p_keyfail(TP *p, const char *pre, KeyV k, const char *post)
{
    Buf b = {0};
    buf_puts(&b, pre);
    key_str_buf(&b, k);
    buf_puts(&b, post);
    p_failb(p, p->posline, &b);
}

static TItem p_next(TP *p)
{
    TItem it = lx_next_item(&p->lx);
    if (it.typ == I_ERROR) p_fail(p, it.line, it.err, it.errn);
    return it;
}

static TItem p_nextpos(TP *p)
{
    TItem it = p_next(p);
    p->posline = it.line;
    return it;
}

static int is_aot(TP *p, Value v)
{
    if (v.t != VT_LIST || !v.u.l) return 0;
    for (size_t i = 0; i < p->naot; i++) if (p->aot[i] == v.u.l) return 1;
    return 0;
}

static Value new_aot(TP *p)
{
    Value v = v_newlist(4);
    v.g = GT_MAPSLICE;
    if (p->naot == p->capaot) {
        size_t nc = p->capaot ? p->capaot * 2 : 8;
        p->aot = cc_grow(p->aot, p->capaot * sizeof *p->aot, nc * sizeof *p->aot);
        p->capaot = nc;
    }
    p->aot[p->naot++] = v.u.l;
    return v;
}

static void set_flag(Map *m, KeyV k, int v)
{
    size_t n;
    const char *s = key_str(k, &n);
    map_set(m, s, n, v_int64(v));
}
static int get_flag(Map *m, KeyV k)
{
    size_t n;
    const char *s = key_str(k, &n);
    Value *v = map_get(m, s, n);
    return v ? (int)v->u.i : 0;
}
static void del_flag(Map *m, KeyV k)
{
    size_t n;
    const char *s = key_str(k, &n);
    map_del(m, s, n);
}

static void add_implicit(TP *p, KeyV k) { set_flag(p->implicits, k, 1); }
static void remove_implicit(TP *p, KeyV k) { del_flag(p->implicits, k); }
static int is_implicit(TP *p, KeyV k) { return get_flag(p->implicits, k) != 0; }
static int is_array(TP *p, KeyV k) { return get_flag(p->keyinfo, k) == TY_ARRAY; }

static void set_type(TP *p, const char *key, size_t n, int typ)
{
    KeyV k = p->context;
    if (n) k = key_add(k, key, n);
    if (!k.len) k = key_add(k, "", 0);
    set_flag(p->keyinfo, k, typ);
}

/* the hash a Value stands for in a context walk, or NULL */
static Map *hash_of(TP *p, Value v)
{
    if (v.t == VT_MAP) return v.u.m;
    if (is_aot(p, v)) return v.u.l->len ? v.u.l->v[v.u.l->len - 1].u.m : NULL;
    return NULL;
}

static void set_value(TP *p, const char *key, size_t n, Value val)
{
    Map *hash = p->mapping;
    KeyV kc = key_copy(p->context, 1);
    kc.len = 0;
    for (int i = 0; i < p->context.len; i++) {
        kc.s[kc.len] = p->context.s[i];
        kc.n[kc.len] = p->context.n[i];
        kc.len++;
        Value *t = map_get(hash, p->context.s[i], p->context.n[i]);
        Map *h = t ? hash_of(p, *t) : NULL;
        if (!h) p_keyfail(p, "Key '", kc, "' has already been defined.");
        hash = h;
    }
    kc.s[kc.len] = key;
    kc.n[kc.len] = n;
    kc.len++;
    if (map_get(hash, key, n)) {
        if (is_array(p, kc)) {
            if (p->lx.v4 && !is_implicit(p, kc)) p_keyfail(p, "Key '", kc, "' has already been defined.");
            remove_implicit(p, kc);
            map_set(hash, key, n, val);
            return;
        }
        if (is_implicit(p, kc)) { remove_implicit(p, kc); return; }
        p_keyfail(p, "Key '", kc, "' has already been defined.");
    }
    map_set(hash, key, n, val);
}

static void add_context(TP *p, KeyV key, int array)
{
    Map *hash = p->mapping;
    KeyV kc = key_copy(key, 0);
    kc.len = 0;
    for (int i = 0; i + 1 < key.len; i++) {
        kc.s[kc.len] = key.s[i];
        kc.n[kc.len] = key.n[i];
        kc.len++;
        if (!map_get(hash, key.s[i], key.n[i])) {
            add_implicit(p, kc);
            map_set(hash, key.s[i], key.n[i], v_newmap(0));
        }
        Map *h = hash_of(p, *map_get(hash, key.s[i], key.n[i]));
        if (!h) p_keyfail(p, "Key '", kc, "' was already created as a hash.");
        hash = h;
    }
    p->context = kc;
    const char *last = key.s[key.len - 1];
    size_t lastn = key.n[key.len - 1];
    if (array) {
        Value *cur = map_get(hash, last, lastn);
        if (!cur) { map_set(hash, last, lastn, new_aot(p)); cur = map_get(hash, last, lastn); }
        if (!is_aot(p, *cur)) p_keyfail(p, "Key '", key, "' was already created and cannot be used as an array.");
        list_push(cur->u.l, v_newmap(0));
    } else {
        set_value(p, last, lastn, v_newmap(0));
    }
    p->context = key_add(p->context, last, lastn);
}

static void add_implicit_context(TP *p, KeyV k)
{
    add_implicit(p, k);
    add_context(p, k, 0);
}

static Value p_value(TP *p, TItem it, int parent_array, int *typ);

static void key_string(TP *p, TItem it, const char **s, size_t *n)
{
    if (it.typ == I_TEXT) { *s = it.val; *n = it.n; return; }
    int typ;
    Value v = p_value(p, it, 0, &typ);
    *s = v.u.s;
    *n = v.n;
}

/* read the key parts up to KeyEnd (the first part is `k`) */
static KeyV read_key(TP *p, TItem k, int end)
{
    KeyV key = {0};
    for (; k.typ != end && k.typ != I_EOF; k = p_next(p)) {
        const char *s;
        size_t n;
        key_string(p, k, &s, &n);
        key = key_add(key, s, n);
    }
    if (k.typ != end || key.len == 0) {
        const char *m = "BUG: unexpected end of key";
        p_fail(p, k.line, m, strlen(m));
    }
    return key;
}

/* A key = value pair, its key next: the value (*val) parsed and set
 * under the key's last part in the current context, made of the other
 * parts (implicit tables). Returns the key. */
static KeyV p_keyval(TP *p, Value *val)
{
    TItem k = p_nextpos(p);
    KeyV key = read_key(p, k, I_KEYEND);
    p->cur = key.s[key.len - 1];
    p->curn = key.n[key.len - 1];
    for (int i = 0; i + 1 < key.len; i++)
        add_implicit_context(p, key_add(p->context, key.s[i], key.n[i]));
    int typ;
    *val = p_value(p, p_next(p), 0, &typ);
    set_value(p, p->cur, p->curn, *val);
    set_type(p, p->cur, p->curn, typ);
    return key;
}

static void p_toplevel(TP *p, TItem item)
{
    switch (item.typ) {
    case I_COMMENTSTART:
        p_next(p);
        break;
    case I_TABLESTART: case I_ATABLESTART: {
        int arr = item.typ == I_ATABLESTART;
        TItem name = p_nextpos(p);
        KeyV key = read_key(p, name, arr ? I_ATABLEEND : I_TABLEEND);
        add_context(p, key, arr);
        set_type(p, "", 0, arr ? TY_ARRAYHASH : TY_HASH);
        break;
    }
    case I_KEYSTART: {
        KeyV outer = p->context;
        Value val;
        p_keyval(p, &val);
        p->context = outer;
        p->cur = "";
        p->curn = 0;
        break;
    }
    default: {
        const char *m = "BUG: unexpected type at top level";
        p_fail(p, item.line, m, strlen(m));
    }
    }
}

static int num_underscores_ok(const char *s, size_t n)
{
    static const char *const sp[] = {"nan", "+nan", "-nan", "inf", "-inf", "+inf"};
    for (size_t i = 0; i < 6; i++) if (strlen(sp[i]) == n && memcmp(sp[i], s, n) == 0) return 1;
    int accept = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '_' && !accept) return 0;
        accept = is_hex(c);
    }
    return accept;
}

static int num_leading_zero(const char *s, size_t n)
{
    if (n > 1 && s[0] == '0' && !(s[1] == 'b' || s[1] == 'o' || s[1] == 'x')) return 1;
    if (n > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0') return 1;
    return 0;
}

_Noreturn static void p_itemfail(TP *p, TItem it, const char *pre, const char *post)
{
    Buf b = {0};
    buf_puts(&b, pre);
    q_str(&b, it.val, it.n);
    buf_puts(&b, post);
    p_failb(p, it.line, &b);
}

_Noreturn static void p_range(TP *p, TItem it, const char *size)
{
    Buf b = {0};
    buf_put(&b, it.val, it.n);
    buf_printf(&b, " is out of range for %s", size);
    p_failb(p, it.line, &b);
}

static Value p_integer(TP *p, TItem it)
{
    if (!num_underscores_ok(it.val, it.n))
        p_itemfail(p, it, "Invalid integer ", ": underscores must be surrounded by digits");
    if (num_leading_zero(it.val, it.n)) p_itemfail(p, it, "Invalid integer ", ": cannot have leading zeroes");
    /* strconv.ParseInt(val, 0, 64) */
    const char *s = it.val;
    size_t n = it.n, i = 0;
    int neg = 0, base = 10;
    if (i < n && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; i++; }
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
        base = s[i + 1] == 'x' ? 16 : s[i + 1] == 'o' ? 8 : 2;
        i += 2;
    }
    uint64_t u = 0;
    int over = 0, digits = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') continue;
        int d = is_digit((unsigned char)c) ? c - '0' : ((c | 0x20) - 'a' + 10);
        if (d < 0 || d >= base) {
            const char *m = "BUG: Expected integer value";
            p_fail(p, it.line, m, strlen(m));
        }
        digits++;
        if (u > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) over = 1;
        else u = u * (uint64_t)base + (uint64_t)d;
    }
    if (!digits) {
        const char *m = "BUG: Expected integer value";
        p_fail(p, it.line, m, strlen(m));
    }
    if (over || (!neg && u > (uint64_t)INT64_MAX) || (neg && u > (uint64_t)INT64_MAX + 1)) p_range(p, it, "int64");
    int64_t v = neg ? (int64_t)(0 - u) : (int64_t)u;
    return v_int64(v);
}

/* Go strconv.ParseFloat decimal syntax (after '_' removal) */
static int float_syntax_ok(const char *s)
{
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-') i++;
    if (strcmp(s + i, "inf") == 0 || strcmp(s + i, "nan") == 0) return 1;
    int md = 0;
    while (is_digit((unsigned char)s[i])) { i++; md++; }
    if (s[i] == '.') { i++; while (is_digit((unsigned char)s[i])) { i++; md++; } }
    if (!md) return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-') i++;
        int ed = 0;
        while (is_digit((unsigned char)s[i])) { i++; ed++; }
        if (!ed) return 0;
    }
    return s[i] == 0;
}

static Value p_float(TP *p, TItem it)
{
    /* parts split at '.', 'e', 'E' */
    size_t i = 0, first = 1;
    while (i <= it.n) {
        size_t j = i;
        while (j < it.n && it.val[j] != '.' && it.val[j] != 'e' && it.val[j] != 'E') j++;
        if (j > i) {
            if (!num_underscores_ok(it.val + i, j - i))
                p_itemfail(p, it, "Invalid float ", ": underscores must be surrounded by digits");
            if (first && num_leading_zero(it.val + i, j - i))
                p_itemfail(p, it, "Invalid float ", ": cannot have leading zeroes");
            first = 0;
        }
        i = j + 1;
    }
    int period = 0;
    for (i = 0; i < it.n; i++) {
        if (period && !is_digit((unsigned char)it.val[i]))
            p_itemfail(p, it, "Invalid float ", ": '.' must be followed by one or more digits");
        period = it.val[i] == '.';
    }
    if (period) p_itemfail(p, it, "Invalid float ", ": '.' must be followed by one or more digits");
    char *v = cc_alloc(it.n + 1);
    size_t k = 0;
    for (i = 0; i < it.n; i++) if (it.val[i] != '_') v[k++] = it.val[i];
    v[k] = 0;
    int neg_nan = 0;
    if (strcmp(v, "+nan") == 0 || strcmp(v, "-nan") == 0) { neg_nan = v[0] == '-'; v += 1; }
    if (!float_syntax_ok(v)) p_itemfail(p, it, "Invalid float value: ", "");
    double f;
    const char *u = v[0] == '+' || v[0] == '-' ? v + 1 : v;
    if (strcmp(u, "inf") == 0) f = v[0] == '-' ? -INFINITY : INFINITY;
    else if (strcmp(u, "nan") == 0) f = NAN;
    else {
        errno = 0;
        f = strtod(v, NULL);
        if (isinf(f)) p_range(p, it, "float64");
    }
    if (neg_nan) f = copysign(f, -1.0);
    return v_float(f);
}

static Value p_datetime(TP *p, TItem it)
{
    /* datetimeRepl: z->Z, t->T, ' '->T */
    char *s = cc_strndup(it.val, it.n);
    for (size_t i = 0; i < it.n; i++) {
        if (s[i] == 'z') s[i] = 'Z';
        else if (s[i] == 't' || s[i] == ' ') s[i] = 'T';
    }
    static const struct { int lay; const char *fmt; int v4; const char *zone; } L[] = {
        {L_DATE | L_TIME | L_SEC | L_ZONE, "2006-01-02T15:04:05.999999999Z07:00", 0, NULL},
        {L_DATE | L_TIME | L_SEC, "2006-01-02T15:04:05.999999999", 0, "datetime-local"},
        {L_DATE, "2006-01-02", 0, "date-local"},
        {L_TIME | L_SEC, "15:04:05.999999999", 0, "time-local"},
        {L_DATE | L_TIME | L_ZONE, "2006-01-02T15:04Z07:00", 1, NULL},
        {L_DATE | L_TIME, "2006-01-02T15:04", 1, "datetime-local"},
        {L_TIME, "15:04", 1, "time-local"},
    };
    TTime t;
    for (size_t k = 0; k < sizeof L / sizeof L[0]; k++) {
        if (L[k].v4 && !p->lx.v4) continue;
        if (!dt_parse(s, it.n, L[k].lay, &t)) continue;
        if (dt_missing_zero(s, it.n, L[k].fmt)) break;
        if (L[k].zone) {
            t.zone = L[k].zone;
            t.off = p->local_off;
        } else if (!t.zone) {
            /* a numeric offset: time.Local when it has that offset then */
            int64_t sec = (go_days_from_civil(t.year, t.mon, t.day) * 86400 + t.hour * 3600 + t.min * 60 + t.sec) - t.off;
            const char *name;
            int lo = local_offset_at(sec, &name);
            t.zone = lo == t.off ? name : "";
        }
        TTime *pt = cc_alloc(sizeof *pt);
        *pt = t;
        return v_newobj(&tt_type, pt);
    }
    Buf b = {0};
    buf_puts(&b, "invalid datetime: ");
    q_str(&b, s, it.n);
    p_failb(p, it.line, &b);
}

static Value p_array(TP *p, TItem it)
{
    set_type(p, p->cur, p->curn, TY_ARRAY);
    Value arr = v_newlist(2);
    for (it = p_next(p); it.typ != I_ARRAYEND; it = p_next(p)) {
        if (it.typ == I_EOF) {
            const char *m = "BUG: unexpected EOF in array";
            p_fail(p, it.line, m, strlen(m));
        }
        if (it.typ == I_COMMENTSTART) { p_next(p); continue; }
        int typ;
        list_push(arr.u.l, p_value(p, it, 1, &typ));
    }
    return arr;
}

static Value p_inline_table(TP *p, TItem it, int parent_array)
{
    Value top = v_newmap(0);
    KeyV outer = p->context;
    const char *okey = p->cur;
    size_t okeyn = p->curn;
    p->context = key_add(p->context, p->cur, p->curn);
    KeyV prev = p->context;
    p->cur = "";
    p->curn = 0;
    add_implicit(p, p->context);
    add_context(p, p->context, parent_array);
    for (it = p_next(p); it.typ != I_ITABLEEND; it = p_next(p)) {
        if (it.typ == I_EOF) {
            const char *m = "BUG: unexpected EOF in inline table";
            p_fail(p, it.line, m, strlen(m));
        }
        if (it.typ == I_COMMENTSTART) { p_next(p); continue; }
        Value val;
        KeyV key = p_keyval(p, &val);
        Map *hash = top.u.m;
        for (int i = 0; i + 1 < key.len; i++) {
            Value *h = map_get(hash, key.s[i], key.n[i]);
            if (!h) { map_set(hash, key.s[i], key.n[i], v_newmap(0)); h = map_get(hash, key.s[i], key.n[i]); }
            if (h->t != VT_MAP) {
                Buf b = {0}, ks = {0};
                key_str_buf(&ks, p->context);
                q_str(&b, ks.p ? ks.p : "", ks.len);
                buf_free(&ks);
                buf_puts(&b, " is not a table");
                p_failb(p, p->posline, &b);
            }
            hash = h->u.m;
        }
        map_set(hash, p->cur, p->curn, val);
        p->context = prev;
    }
    p->context = outer;
    p->cur = okey;
    p->curn = okeyn;
    return top;
}

static void strip_first_nl(const char **s, size_t *n)
{
    if (*n > 0 && (*s)[0] == '\n') { (*s)++; (*n)--; }
    else if (*n > 1 && (*s)[0] == '\r' && (*s)[1] == '\n') { *s += 2; *n -= 2; }
}

static void strip_escaped_newlines(const char *s, size_t n, Buf *out)
{
    size_t i = 0;
    for (;;) {
        const char *bs = i < n ? memchr(s + i, '\\', n - i) : NULL;
        if (!bs) { buf_put(out, s, n); return; }
        i = (size_t)(bs - s);
        if (n > i + 1 && s[i + 1] == '\\') { i += 2; continue; }
        size_t j = i + 1;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n')) j++;
        if (j == i + 1) { i++; continue; }
        if (!memchr(s + i, '\n', j - i)) { i++; continue; }
        buf_put(out, s, i);
        s += j;
        n -= j;
        i = 0;
    }
}

static Value replace_escapes(TP *p, TItem it, const char *s, size_t n)
{
    Buf b = {0};
    for (size_t i = 0; i < n;) {
        if (s[i] != '\\') {
            uint32_t r;
            int w = fn_utf8_decode(s + i, n - i, &r);
            buf_put(&b, s + i, (size_t)w);
            i += (size_t)w;
            continue;
        }
        char c = i + 1 < n ? s[i + 1] : 0;
        int len = 0;
        switch (c) {
        case ' ': case '\t': {
            buf_free(&b);
            Buf m = {0};
            buf_printf(&m, "invalid escape: '\\%c'", c);
            p_failb(p, it.line, &m);
        }
        case 'b': buf_putc(&b, 0x08); i += 2; continue;
        case 't': buf_putc(&b, 0x09); i += 2; continue;
        case 'n': buf_putc(&b, 0x0a); i += 2; continue;
        case 'f': buf_putc(&b, 0x0c); i += 2; continue;
        case 'r': buf_putc(&b, 0x0d); i += 2; continue;
        case 'e': buf_putc(&b, 0x1b); i += 2; continue;
        case '"': buf_putc(&b, '"'); i += 2; continue;
        case '\\': buf_putc(&b, '\\'); i += 2; continue;
        case 'x': len = 2; break;
        case 'u': len = 4; break;
        case 'U': len = 8; break;
        default: {
            buf_free(&b);
            const char *m = "BUG: Expected valid escape code";
            p_fail(p, it.line, m, strlen(m));
        }
        }
        uint64_t h = 0;
        for (int k = 0; k < len && i + 2 + (size_t)k < n; k++) {
            char d = s[i + 2 + k];
            h = h * 16 + (uint64_t)(is_digit((unsigned char)d) ? d - '0' : (d | 0x20) - 'a' + 10);
        }
        if (h > 0x10FFFF || (h >= 0xD800 && h <= 0xDFFF)) {
            buf_free(&b);
            Buf m = {0};
            buf_puts(&m, "Escaped character '\\u");
            buf_put(&m, s + i + 2, (size_t)len);
            buf_puts(&m, "' is not valid UTF-8.");
            p_failb(p, it.line, &m);
        }
        fn_utf8_put(&b, (uint32_t)h);
        i += 2 + (size_t)len;
    }
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

static Value p_value(TP *p, TItem it, int parent_array, int *typ)
{
    *typ = TY_PRIM;
    switch (it.typ) {
    case I_STRING: case I_RAWSTRING: return v_strdup(it.val, it.n);
    case I_STRINGESC: return replace_escapes(p, it, it.val, it.n);
    case I_MLSTRING: {
        const char *s = it.val;
        size_t n = it.n;
        strip_first_nl(&s, &n);
        Buf b = {0};
        strip_escaped_newlines(s, n, &b);
        char *t = buf_arena(&b);
        size_t tn = b.len;
        buf_free(&b);
        return replace_escapes(p, it, t, tn);
    }
    case I_RAWMLSTRING: {
        const char *s = it.val;
        size_t n = it.n;
        strip_first_nl(&s, &n);
        return v_strdup(s, n);
    }
    case I_INTEGER: return p_integer(p, it);
    case I_FLOAT: return p_float(p, it);
    case I_BOOL: return v_bool(it.n == 4);
    case I_DATETIME: return p_datetime(p, it);
    case I_ARRAY: case I_ITABLESTART: {
        if (++p->depth > 10000) {
            const char *m = "nesting too deep";
            p_fail(p, it.line, m, strlen(m));
        }
        Value v;
        if (it.typ == I_ARRAY) { v = p_array(p, it); *typ = TY_ARRAY; }
        else { v = p_inline_table(p, it, parent_array); *typ = TY_HASH; }
        p->depth--;
        return v;
    }
    }
    const char *m = "BUG: Unexpected value type";
    p_fail(p, it.line, m, strlen(m));
}

/* BurntSushi toml.Unmarshal into map[string]interface{}: NULL and *out, or
 * the error text (*errn its length; it may contain NUL bytes). */
static const char *toml_decode(const char *s, size_t n, Value *out, size_t *errn)
{
    TP *p = cc_alloc(sizeof *p);
    if (n >= 2 && ((memcmp(s, "\xff\xfe", 2) == 0) || memcmp(s, "\xfe\xff", 2) == 0)) { s += 2; n -= 2; }
    else if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) { s += 3; n -= 3; }
    size_t ex = n < 6 ? n : 6;
    if (memchr(s, 0, ex)) {
        const char *m = "toml: line 1: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8";
        *errn = strlen(m);
        return m;
    }
    p->lx.in = s;
    p->lx.n = n;
    p->lx.line = 1;
    p->lx.state = S_TOP;
    p->lx.v4 = cc_helm_major >= 4;
    p->mapping = map_new(0);
    p->keyinfo = map_new(0);
    p->implicits = map_new(0);
    p->cur = "";
    const char *nm;
    int64_t now;
    int32_t now_ns;
    det_now(&now, &now_ns);
    p->local_off = local_offset_at(now, &nm);
    if (setjmp(p->jb)) {
        *errn = p->errn;
        return p->err;
    }
    for (;;) {
        TItem it = p_next(p);
        if (it.typ == I_EOF) break;
        p_toplevel(p, it);
    }
    *out = v_map(p->mapping);
    return NULL;
}

Value fn_from_toml(Exec *x, int argc, Value *argv)
{
    (void)x;
    (void)argc;
    Value out;
    size_t errn = 0;
    const char *err = toml_decode(argv[0].u.s, argv[0].n, &out, &errn);
    if (err) {
        out = v_newmap(1);
        map_setc(out.u.m, "Error", v_strdup(err, errn));
    }
    return out;
}
