/*
 * tmpl_int.h - private interface between the template lexer (tmpl_lex.c)
 * and parser (tmpl_parse.c). Mirrors the unexported parts of go
 * src/text/template/parse/lex.go (item, itemType, lexer).
 */
#ifndef CHARTC_TMPL_INT_H
#define CHARTC_TMPL_INT_H
#include <stddef.h>
#include <stdint.h>

#include "chartc/value.h"

/* Token kinds in Go's order; the ones after IT_KEYWORD are keywords
 * (printed as <word> in error messages). */
#define CC_ITEMS(X) \
    X(IT_ERROR) X(IT_BOOL) X(IT_CHAR) X(IT_CHAR_CONSTANT) X(IT_COMMENT) \
    X(IT_COMPLEX) X(IT_ASSIGN) X(IT_DECLARE) X(IT_EOF) X(IT_FIELD) \
    X(IT_IDENTIFIER) X(IT_LEFT_DELIM) X(IT_LEFT_PAREN) X(IT_NUMBER) X(IT_PIPE) \
    X(IT_RAW_STRING) X(IT_RIGHT_DELIM) X(IT_RIGHT_PAREN) X(IT_SPACE) \
    X(IT_STRING) X(IT_TEXT) X(IT_VARIABLE) \
    X(IT_KEYWORD) X(IT_BLOCK) X(IT_BREAK) X(IT_CONTINUE) X(IT_DOT) \
    X(IT_DEFINE) X(IT_ELSE) X(IT_END) X(IT_IF) X(IT_NIL) X(IT_RANGE) \
    X(IT_TEMPLATE) X(IT_WITH)
enum ItemType {
#define X(e) e,
    CC_ITEMS(X)
#undef X
};

/* One token: kind, byte offset and length of its text in the source;
 * small enough to pass in registers. The text of an IT_ERROR item is the
 * lexer's message (item_text). Its line (Go's item.line) is only needed
 * for an error: lex_line computes it from pos.
 *
 * White space inside an action is not a token of its own, as Go's
 * itemSpace is: the item after it has `space` set (lex_next). The parser
 * asks that flag where Go's parser looks for an itemSpace. */
typedef struct Item {
    uint32_t pos;
    uint32_t len;
    uint8_t typ;
    uint8_t space;   /* white space right before it (Go: an itemSpace first) */
    uint8_t plain;   /* IT_STRING, IT_RAW_STRING: the value is the text
                        between the quotes as it stands (tmpl_unquote_plain) */
    uint8_t pad_;
} Item;

typedef struct Lexer Lexer;
typedef int (*LexState)(Lexer *l);   /* returns 1 when l->item is ready */

struct Lexer {
    const char *input;
    size_t len;
    size_t pos, start;
    int at_eof;
    int paren_depth;
    int inside_action;
    int emit_comment, break_ok, continue_ok;
    /* Helm v3: the newlines lost in comments (lose_lines), in source
     * order; `lines` counts those of every comment ending at or before end */
    struct { uint32_t end; int lines; } *lost;
    int nlost, caplost;
    const char *err;    /* the message of the IT_ERROR item (the last one) */
    Item item;
};

/* input must stay alive as long as the items and have a NUL at input[len]. */
void lex_init(Lexer *l, const char *input, size_t len);
/* Lexes the whole input into (*items)[0, n), n returned: every token up
 * to the IT_EOF or IT_ERROR that ends it (Go's parser never reads past
 * that one), then two IT_EOF more, as Go's lexer goes on returning.
 * *items is malloc'd, grown as needed (*cap: its size in items). */
size_t lex_all(Lexer *l, Item **items, size_t *cap);
/* Go's line of the token at byte pos (its item.line): 1 + the newlines
 * before it in the input, less those Go 1.23 loses in comments (Helm v3).
 * Counted on demand: only error messages print it. */
int lex_line(const Lexer *l, uint32_t pos);

static inline const char *item_text(const Lexer *l, Item it)
{
    return it.typ == IT_ERROR ? l->err : l->input + it.pos;
}

/* Go's item.String(): EOF, the error text, <keyword>, or %q / %.10q... */
void item_string(Buf *b, const Lexer *l, Item it);

/* Unicode helpers (Go's unicode package; non-ASCII via PCRE2 properties). */
int uni_decode(const char *s, size_t n, int *width);   /* utf8.DecodeRune */
int uni_is_alnum(int r);    /* '_' || unicode.IsLetter || unicode.IsDigit */
int uni_is_space(int r);    /* unicode.IsSpace */
void uni_put(Buf *b, int r);/* utf8.AppendRune */
/* strconv.Quote, optionally limited to the first maxrunes runes (-1: all). */
/* fmt %#U: U+0041 'A' */
void go_fmt_U(Buf *b, int r);

/* strconv.Unquote of a "..." or `...` literal into the arena; NULL on error. */
const char *tmpl_unquote(const char *s, size_t n, size_t *outlen);
/* 1 when that literal is valid and its value is s[1, n-1) as it stands
 * (no escapes, no carriage returns to drop) */
int tmpl_unquote_plain(const char *s, size_t n);
/* strconv.UnquoteChar: value of the first char of s (quote is ' or ");
 * returns 0 on ErrSyntax. */
int tmpl_unquote_char(const char *s, size_t n, char quote, int32_t *value,
                      int *multibyte, size_t *consumed);

#endif
