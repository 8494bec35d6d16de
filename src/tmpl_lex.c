/*
 * tmpl_lex.c - the text/template lexer, state machine for state machine as
 * go src/text/template/parse/lex.go (Go 1.25, as in Helm v4.1.4): delimiters
 * {{ }}, trim markers "{{- " / " -}}", comments, and the tokens inside
 * actions. Also the few Unicode/strconv helpers the lexer and parser need
 * (unicode.IsLetter/IsDigit/IsPrint/IsSpace, strconv.Quote/Unquote).
 */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "chartc/gofmt.h"
#include "tmpl_int.h"

#define EOF_R (-1)
#define RUNE_ERROR 0xFFFD

/* ---- Unicode ---------------------------------------------------------- */

/* utf8.DecodeRune: (RuneError, 1) for any invalid or truncated sequence. */
int uni_decode(const char *p, size_t n, int *width)
{
    const unsigned char *s = (const unsigned char *)p;
    if (n == 0) { *width = 0; return RUNE_ERROR; }
    unsigned c = s[0];
    *width = 1;
    if (c < 0x80) return (int)c;
    int need; unsigned r, lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) { need = 1; r = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; r = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;           /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; r = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return RUNE_ERROR;
    if (n < (size_t)need + 1) return RUNE_ERROR;
    for (int i = 1; i <= need; i++) {
        unsigned b = s[i];
        if (b < lo || b > hi) return RUNE_ERROR;
        lo = 0x80; hi = 0xBF;
        r = (r << 6) | (b & 0x3F);
    }
    *width = need + 1;
    return (int)r;
}

void uni_put(Buf *b, int r)
{
    char t[4];
    unsigned u = (unsigned)r;
    if (r < 0 || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = RUNE_ERROR;
    if (u < 0x80) { t[0] = (char)u; buf_put(b, t, 1); }
    else if (u < 0x800) { t[0] = (char)(0xC0 | u >> 6); t[1] = (char)(0x80 | (u & 0x3F)); buf_put(b, t, 2); }
    else if (u < 0x10000) {
        t[0] = (char)(0xE0 | u >> 12); t[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        t[2] = (char)(0x80 | (u & 0x3F)); buf_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | u >> 18); t[1] = (char)(0x80 | ((u >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((u >> 6) & 0x3F)); t[3] = (char)(0x80 | (u & 0x3F)); buf_put(b, t, 4);
    }
}

/* Non-ASCII classification through PCRE2's Unicode property tables. */
enum { UC_ALNUM, UC_N };
static const char *const uc_pattern[UC_N] = {
    [UC_ALNUM] = "[\\p{L}\\p{Nd}]",
};
static pcre2_code *uc_code[UC_N];
static pcre2_match_data *uc_md;

static int uc_match(int which, int r)
{
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0;
    if (!uc_code[which]) {
        int err; PCRE2_SIZE off;
        uc_code[which] = pcre2_compile((PCRE2_SPTR)uc_pattern[which], PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &err, &off, NULL);
        if (!uc_code[which]) return 0;
    }
    if (!uc_md) uc_md = pcre2_match_data_create(2, NULL);
    Buf b = {0};
    uni_put(&b, r);
    int rc = pcre2_match(uc_code[which], (PCRE2_SPTR)b.p, b.len, 0, 0, uc_md, NULL);
    buf_free(&b);
    return rc > 0;
}

int uni_is_alnum(int r)
{
    if (r < 0x80)
        return r == '_' || (r >= '0' && r <= '9') || ((r | 0x20) >= 'a' && (r | 0x20) <= 'z');
    return uc_match(UC_ALNUM, r);
}

int uni_is_space(int r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return 1;
    }
    return r >= 0x2000 && r <= 0x200A;
}

/* ---- strconv ---------------------------------------------------------- */


void go_fmt_U(Buf *b, int r)
{
    buf_printf(b, "U+%04X", (unsigned)r);
    if (go_is_print((uint32_t)r)) {
        buf_puts(b, " '");
        uni_put(b, r);
        buf_putc(b, '\'');
    }
}

static int unhex(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
    return -1;
}

int tmpl_unquote_char(const char *s, size_t n, char quote, int32_t *value,
                      int *multibyte, size_t *consumed)
{
    *multibyte = 0;
    if (n == 0) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c == (unsigned char)quote && (quote == '\'' || quote == '"')) return 0;
    if (c >= 0x80) {
        int w;
        *value = uni_decode(s, n, &w);
        *multibyte = 1;
        *consumed = (size_t)w;
        return 1;
    }
    if (c != '\\') { *value = c; *consumed = 1; return 1; }
    if (n < 2) return 0;
    c = (unsigned char)s[1];
    static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\";
    for (const char *p = simple; *p; p += 2)
        if (*p == (char)c) { *value = (unsigned char)p[1]; *consumed = 2; return 1; }
    size_t i = 2;
    int32_t v = 0;
    switch (c) {
    case 'x': case 'u': case 'U': {
        size_t k = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (n - i < k) return 0;
        for (size_t j = 0; j < k; j++) {
            int x = unhex((unsigned char)s[i + j]);
            if (x < 0) return 0;
            v = (int32_t)(((uint32_t)v << 4) | (uint32_t)x);
        }
        i += k;
        if (c != 'x') {
            if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
            *multibyte = 1;
        }
        break;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        v = c - '0';
        if (n - i < 2) return 0;
        for (size_t j = 0; j < 2; j++) {
            int x = s[i + j] - '0';
            if (x < 0 || x > 7) return 0;
            v = (v << 3) | x;
        }
        i += 2;
        if (v > 255) return 0;
        break;
    case '\'': case '"':
        if ((char)c != quote) return 0;
        v = c;
        break;
    default:
        return 0;
    }
    *value = v;
    *consumed = i;
    return 1;
}

/* ASCII without escapes, quotes or newlines (Go's unquote fast path);
 * sixteen bytes at a time as count_nl_long goes */
static int plain_ascii(const char *s, size_t n)
{
    typedef unsigned char v16 __attribute__((vector_size(16)));
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        v16 w;
        memcpy(&w, s + i, 16);
        v16 bad = (v16)(w >= 0x80) | (v16)(w == '\\') | (v16)(w == '"') | (v16)(w == '\n');
        uint64_t half[2];
        memcpy(half, &bad, 16);
        if (half[0] | half[1]) return 0;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == '\\' || c == '"' || c == '\n') return 0;
    }
    return 1;
}

int tmpl_unquote_plain(const char *s, size_t n)
{
    if (n < 2 || s[0] != s[n - 1]) return 0;
    char q = s[0];
    s++; n -= 2;
    return (q == '"' && plain_ascii(s, n)) || (q == '`' && !memchr(s, '\r', n) && !memchr(s, '`', n));
}

const char *tmpl_unquote(const char *s, size_t n, size_t *outlen)
{
    if (tmpl_unquote_plain(s, n)) {
        /* nothing to decode: the text itself */
        *outlen = n - 2;
        return cc_strndup(s + 1, n - 2);
    }
    if (n < 2 || s[0] != s[n - 1]) return NULL;
    char q = s[0];
    s++; n -= 2;
    Buf b = {0};
    if (q == '`') {
        /* raw: no escapes, but carriage returns are discarded */
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '`') { buf_free(&b); return NULL; }
            if (s[i] != '\r') buf_putc(&b, s[i]);
        }
    } else if (q == '"') {
        for (size_t i = 0; i < n;) {
            int32_t v; int mb; size_t used;
            if (s[i] == '\n' || !tmpl_unquote_char(s + i, n - i, '"', &v, &mb, &used)) {
                buf_free(&b);
                return NULL;
            }
            i += used;
            if (v < 0x80 || !mb) buf_putc(&b, (char)v);
            else uni_put(&b, v);
        }
    } else {
        return NULL;
    }
    char *r = buf_arena(&b);
    *outlen = b.len;
    buf_free(&b);
    return r;
}

/* ---- item.String() ---------------------------------------------------- */

void item_string(Buf *b, const Lexer *l, Item it)
{
    const char *s = item_text(l, it);
    if (it.typ == IT_EOF) buf_puts(b, "EOF");
    else if (it.typ == IT_ERROR) buf_put(b, s, it.len);
    else if (it.typ > IT_KEYWORD) { buf_putc(b, '<'); buf_put(b, s, it.len); buf_putc(b, '>'); }
    else if (it.len > 10) {                     /* %.10q...: the first 10 runes */
        size_t n = 0;
        for (int k = 0; k < 10; k++) { int w; uni_decode(s + n, it.len - n, &w); n += (size_t)w; }
        go_quote(b, s, n, 0);
        buf_puts(b, "...");
    } else go_quote(b, s, it.len, 0);
}

/* ---- the lexer -------------------------------------------------------- */

enum {
    S_DONE, S_TEXT, S_LEFT_DELIM, S_COMMENT, S_RIGHT_DELIM, S_INSIDE,
    S_IDENT, S_VARIABLE, S_CHAR, S_NUMBER, S_QUOTE, S_RAW_QUOTE,
};

static inline int next_rune(Lexer *l)
{
    if (l->pos >= l->len) { l->at_eof = 1; return EOF_R; }
    unsigned char c = (unsigned char)l->input[l->pos];
    if (c < 0x80) {   /* ASCII: one byte, never part of a longer rune */
        l->pos++;
        return c;
    }
    int w, r = uni_decode(l->input + l->pos, l->len - l->pos, &w);
    l->pos += (size_t)w;
    return r;
}

/* Steps back over the last rune (utf8.DecodeLastRune), never after EOF. */
static inline void backup(Lexer *l)
{
    if (l->at_eof || l->pos == 0) return;
    unsigned char c = (unsigned char)l->input[l->pos - 1];
    if (c < 0x80) {
        l->pos--;
        return;
    }
    size_t lim = l->pos >= 4 ? l->pos - 4 : 0, st = l->pos - 1;
    while (st > lim && ((unsigned char)l->input[st] & 0xC0) == 0x80) st--;
    int w;
    uni_decode(l->input + st, l->pos - st, &w);
    if ((size_t)w != l->pos - st) w = 1;
    l->pos -= (size_t)w;
}

static inline int peek_rune(Lexer *l)
{
    if (l->pos < l->len && (unsigned char)l->input[l->pos] < 0x80) return (unsigned char)l->input[l->pos];
    int r = next_rune(l);
    backup(l);
    return r;
}

/* ASCII classes: letters, digits and '_' (CL_ALNUM); the white space
 * the lexer knows (CL_SPACE); the runes that may end an identifier, field
 * or variable besides white space, EOF and "}}" (CL_TERM). */
enum { CL_ALNUM = 1, CL_SPACE = 2, CL_TERM = 4, CL_QUOTED = 8 };
static const uint8_t lx_class[256] = {
    [' '] = CL_SPACE, ['\t'] = CL_SPACE, ['\r'] = CL_SPACE, ['\n'] = CL_SPACE | CL_QUOTED, ['_'] = CL_ALNUM,
    ['0' ... '9'] = CL_ALNUM, ['a' ... 'z'] = CL_ALNUM, ['A' ... 'Z'] = CL_ALNUM,
    ['.'] = CL_TERM, [','] = CL_TERM, ['|'] = CL_TERM, [':'] = CL_TERM, [')'] = CL_TERM, ['('] = CL_TERM,
    /* the bytes a quoted string's scan stops at (lex_action_fast) */
    [0] = CL_QUOTED, ['"'] = CL_QUOTED, ['\\'] = CL_QUOTED, [0x80 ... 0xFF] = CL_QUOTED,
};

static inline int ascii_alnum(unsigned char c) { return lx_class[c] & CL_ALNUM; }

/* the end of the ASCII letters, digits and '_' from s[j] (two at a time;
 * the NUL after the input ends them) */
static inline size_t alnum_end(const unsigned char *s, size_t j)
{
    while (ascii_alnum(s[j]) && ascii_alnum(s[j + 1])) j += 2;
    return j + (ascii_alnum(s[j]) != 0);
}

/* Past the alphanumeric runes at pos (ASCII ones byte by byte); returns
 * the first rune that is not one, left unread (EOF_R at the end). */
static int skip_alnum(Lexer *l)
{
    const unsigned char *s = (const unsigned char *)l->input;
    size_t i = l->pos, n = l->len;
    for (;;) {
        i = alnum_end(s, i);
        if (i > n) i = n;
        l->pos = i;
        if (i >= n) return EOF_R;
        if (s[i] < 0x80) return s[i];
        int w, r = uni_decode(l->input + i, n - i, &w);
        if (!uni_is_alnum(r)) return r;
        i += (size_t)w;
    }
}

/* Newlines in s[0, n), sixteen bytes at a time (GCC vector extensions,
 * SSE2 on x86-64): each lane of acc counts the newlines it saw, up to 255
 * rounds before they are added up. */
static int count_nl_long(const char *s, size_t n)
{
    typedef unsigned char v16 __attribute__((vector_size(16)));
    const v16 nl = {'\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
                    '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n'};
    int c = 0;
    size_t i = 0;
    while (n - i >= 16) {
        v16 acc = {0};
        for (int round = 0; round < 255 && n - i >= 16; round++, i += 16) {
            v16 w;
            memcpy(&w, s + i, 16);
            acc -= (v16)(w == nl);
        }
        for (int k = 0; k < 16; k++) c += acc[k];
    }
    for (; i < n; i++) c += s[i] == '\n';
    return c;
}

/* the short ranges (trim markers, the space they trim) inline */
static inline int count_nl(const char *s, size_t n)
{
    if (n >= 16) return count_nl_long(s, n);
    int c = 0;
    for (size_t i = 0; i < n; i++) c += s[i] == '\n';
    return c;
}

/* Go 1.23 (Helm v3) does not count the newlines inside a comment, from
 * its opener to its closer (Go >= 1.24 does): later lines report too low
 * a number. The comment from start to pos has just been read: remember
 * what it loses for lex_line. */
static void lose_lines(Lexer *l)
{
    int k = count_nl(l->input + l->start, l->pos - l->start);
    if (!k) return;
    if (l->nlost == l->caplost) {
        int nc = l->caplost ? 2 * l->caplost : 8;
        l->lost = cc_grow(l->lost, (size_t)l->caplost * sizeof *l->lost, (size_t)nc * sizeof *l->lost);
        l->caplost = nc;
    }
    l->lost[l->nlost].end = (uint32_t)l->pos;
    l->lost[l->nlost].lines = k + (l->nlost ? l->lost[l->nlost - 1].lines : 0);
    l->nlost++;
}

int lex_line(const Lexer *l, uint32_t pos)
{
    int lost = 0;
    for (int i = 0; i < l->nlost && l->lost[i].end <= pos; i++) lost = l->lost[i].lines;
    return 1 + count_nl(l->input, pos) - lost;
}

/* a comment opener at byte `at` */
static inline int at_comment(const Lexer *l, size_t at)
{
    return at + 2 <= l->len && l->input[at] == '/' && l->input[at + 1] == '*';
}

/* "}}" at byte `at` */
static inline int at_close(const Lexer *l, size_t at)
{
    return at + 2 <= l->len && l->input[at] == '}' && l->input[at + 1] == '}';
}

static inline int is_space(unsigned char c) { return lx_class[c] & CL_SPACE; }

static int has_left_trim(const Lexer *l, size_t at)
{
    return at + 2 <= l->len && l->input[at] == '-' && is_space((unsigned char)l->input[at + 1]);
}

static int has_right_trim(const Lexer *l, size_t at)
{
    return at + 2 <= l->len && is_space((unsigned char)l->input[at]) && l->input[at + 1] == '-';
}

static Item this_item(Lexer *l, int t)
{
    Item i = {(uint32_t)l->start, (uint32_t)(l->pos - l->start), (uint8_t)t};
    l->start = l->pos;
    return i;
}

static int emit_item(Lexer *l, Item i) { l->item = i; return S_DONE; }
static int emit(Lexer *l, int t) { return emit_item(l, this_item(l, t)); }

static void ignore(Lexer *l) { l->start = l->pos; }

static int accept(Lexer *l, const char *valid)
{
    int r = next_rune(l);
    if (r > 0 && r < 0x80 && strchr(valid, r)) return 1;
    backup(l);
    return 0;
}

static void accept_run(Lexer *l, const char *valid)
{
    for (;;) {
        int r = next_rune(l);
        if (!(r > 0 && r < 0x80 && strchr(valid, r))) break;
    }
    backup(l);
}

static int errorf(Lexer *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int errorf(Lexer *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = cc_vprintf(fmt, ap);
    va_end(ap);
    Item i = {(uint32_t)l->start, (uint32_t)strlen(msg), IT_ERROR};
    l->item = i;
    l->err = msg;
    l->start = l->pos = 0;
    l->len = 0;
    return S_DONE;
}

/* errorf with a %#U or %q argument built in a Buf */
static int errorf_buf(Lexer *l, const char *prefix, Buf *arg)
{
    int s = errorf(l, "%s%.*s", prefix, (int)arg->len, arg->p ? arg->p : "");
    buf_free(arg);
    return s;
}

/* the white space ending s[0, n) */
static size_t right_trim_length(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0 && is_space((unsigned char)s[k - 1])) k--;
    return n - k;
}

static size_t left_trim_length(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_space((unsigned char)s[k])) k++;
    return k;
}

/* at a right delimiter, possibly preceded by a trim marker? */
static inline int at_right_delim(const Lexer *l, int *trim)
{
    *trim = 0;
    if (l->pos >= l->len) return 0;
    char c = l->input[l->pos];
    if (c == '}') return at_close(l, l->pos);
    if (!(lx_class[(unsigned char)c] & CL_SPACE)) return 0;
    if (has_right_trim(l, l->pos) && at_close(l, l->pos + 2)) { *trim = 1; return 1; }
    return 0;
}

/* The first "ab" in [s, e): memchr for a, much cheaper than memmem on
 * the short texts between actions and in comments. */
static inline const char *find2(const char *s, const char *e, char a, char b)
{
    while (e - s >= 2 && (s = memchr(s, a, (size_t)(e - s - 1)))) {
        if (s[1] == b) return s;
        s++;
    }
    return NULL;
}

/* The first "{{" in [s, e). Most texts between actions are short: the
 * first sixteen bytes are looked at in one go (GCC vector extensions, as
 * count_nl_long), before memchr's call. */
static inline const char *find_left_delim(const char *s, const char *e)
{
    if (e - s >= 2 && s[0] == '{' && s[1] == '{') return s;   /* right after a text */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (e - s > 16) {   /* s[16] is there for a '{' in the last lane */
        typedef char v16 __attribute__((vector_size(16)));
        v16 w;
        memcpy(&w, s, 16);
        w = (v16)(w == '{');
        uint64_t h[2];
        memcpy(h, &w, 16);
        for (int k = 0; k < 2; k++)
            for (uint64_t m = h[k]; m;) {   /* a lane of 8 bits per '{' */
                int bit = __builtin_ctzll(m);
                const char *p = s + 8 * k + (bit >> 3);
                if (p[1] == '{') return p;
                m &= ~((uint64_t)0xFF << bit);
            }
        s += 16;
    }
#endif
    return find2(s, e, '{', '{');
}

static int lex_left_delim(Lexer *l);

static int lex_text(Lexer *l)
{
    const char *p = find_left_delim(l->input + l->pos, l->input + l->len);
    if (p) {
        size_t x = (size_t)(p - (l->input + l->pos));
        if (x > 0) {
            l->pos += x;
            size_t trim = 0;
            if (has_left_trim(l, l->pos + 2))
                trim = right_trim_length(l->input + l->start, l->pos - l->start);
            Item i = {(uint32_t)l->start, (uint32_t)(l->pos - trim - l->start), IT_TEXT};
            l->start = l->pos;   /* the trimmed space ignored */
            if (i.len > 0) return emit_item(l, i);
        }
        return lex_left_delim(l);
    }
    l->pos = l->len;
    if (l->pos > l->start) return emit(l, IT_TEXT);
    return emit(l, IT_EOF);
}

static int lex_left_delim(Lexer *l)
{
    l->pos += 2;
    int trim = has_left_trim(l, l->pos);
    size_t after = trim ? 2 : 0;
    if (at_comment(l, l->pos + after)) {
        l->pos += after;
        ignore(l);
        return S_COMMENT;
    }
    Item i = this_item(l, IT_LEFT_DELIM);
    l->inside_action = 1;
    l->pos += after;
    l->start = l->pos;   /* "- " ignored */
    l->paren_depth = 0;
    return emit_item(l, i);
}

static int lex_comment(Lexer *l)
{
    l->pos += 2;
    const char *p = find2(l->input + l->pos, l->input + l->len, '*', '/');
    if (!p) return errorf(l, "unclosed comment");
    l->pos = (size_t)(p - l->input) + 2;
    int trim;
    if (!at_right_delim(l, &trim)) return errorf(l, "comment ends before closing delimiter");
    if (cc_helm_major < 4) lose_lines(l);
    Item i = this_item(l, IT_COMMENT);
    if (trim) l->pos += 2;
    l->pos += 2;
    if (trim) l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
    ignore(l);
    if (l->emit_comment) return emit_item(l, i);
    return S_TEXT;
}

static int lex_right_delim(Lexer *l)
{
    int trim;
    at_right_delim(l, &trim);
    if (trim) {
        l->pos += 2;
        ignore(l);
    }
    l->pos += 2;
    Item i = this_item(l, IT_RIGHT_DELIM);
    if (trim) {
        l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
        ignore(l);
    }
    l->inside_action = 0;
    return emit_item(l, i);
}

static int lex_space(Lexer *l);
static int lex_identifier(Lexer *l);
static int lex_field(Lexer *l);

/* The hot states (space, identifier, field, "}}") are called directly
 * rather than returned to lex_next's loop. */
static int lex_inside_action(Lexer *l)
{
    if (l->pos >= l->len) return errorf(l, "unclosed action");
    unsigned char c = (unsigned char)l->input[l->pos];
    if (lx_class[c] & CL_SPACE) {
        if (has_right_trim(l, l->pos) && at_close(l, l->pos + 2)) goto right_delim;
        return lex_space(l);
    }
    if (lx_class[c] & CL_ALNUM) {
        if (c >= '0' && c <= '9') return S_NUMBER;
        return lex_identifier(l);
    }
    if (c == '}' && at_close(l, l->pos)) goto right_delim;
    int r = next_rune(l);
    switch (r) {
    case '=': return emit(l, IT_ASSIGN);
    case ':':
        if (next_rune(l) != '=') return errorf(l, "expected :=");
        return emit(l, IT_DECLARE);
    case '|': return emit(l, IT_PIPE);
    case '"': return S_QUOTE;
    case '`': return S_RAW_QUOTE;
    case '$': return S_VARIABLE;
    case '\'': return S_CHAR;
    case '.':
        if (l->pos < l->len && (l->input[l->pos] < '0' || l->input[l->pos] > '9')) return lex_field(l);
        backup(l);
        return S_NUMBER;
    case '+': case '-':
        backup(l);
        return S_NUMBER;
    case '(':
        l->paren_depth++;
        return emit(l, IT_LEFT_PAREN);
    case ')':
        l->paren_depth--;
        if (l->paren_depth < 0) return errorf(l, "unexpected right paren");
        return emit(l, IT_RIGHT_PAREN);
    }
    if (uni_is_alnum(r)) { backup(l); return S_IDENT; }
    if (r < 0x80 && go_is_print((uint32_t)r)) return emit(l, IT_CHAR);
    Buf b = {0};
    go_fmt_U(&b, r);
    return errorf_buf(l, "unrecognized character in action: ", &b);
right_delim:
    if (l->paren_depth == 0) return lex_right_delim(l);
    return errorf(l, "unclosed left paren");
}

/* A run of spaces; the first is still unread. " -}}" ends the action. */
static int lex_space(Lexer *l)
{
    const char *s = l->input;
    size_t i = l->pos, n = l->len;
    while (i < n && is_space((unsigned char)s[i])) i++;
    l->pos = i;
    if (i + 3 <= n && s[i] == '-' && s[i + 1] == '}' && s[i + 2] == '}') {
        /* the last space belongs to " -}}" */
        l->pos--;
        if (l->pos == l->start) return S_RIGHT_DELIM;
    }
    return emit(l, IT_SPACE);
}

/* terminators allowed right after an identifier, field or variable (a
 * rune past ASCII never is one) */
static inline int at_terminator(const Lexer *l)
{
    if (l->pos >= l->len) return 1;
    unsigned char c = (unsigned char)l->input[l->pos];
    return (lx_class[c] & (CL_SPACE | CL_TERM)) || (c == '}' && at_close(l, l->pos));
}

static int bad_char(Lexer *l, int r)
{
    Buf b = {0};
    go_fmt_U(&b, r);
    return errorf_buf(l, "bad character ", &b);
}

/* Go's key map plus true/false: the item type of the word w */
static int word_type(const char *w, size_t n)
{
#define IS(kw) (memcmp(w, kw, sizeof kw - 1) == 0)
    switch (n) {
    case 2: if (IS("if")) return IT_IF; break;
    case 3: if (IS("end")) return IT_END; if (IS("nil")) return IT_NIL; break;
    case 4: if (IS("else")) return IT_ELSE; if (IS("with")) return IT_WITH; if (IS("true")) return IT_BOOL; break;
    case 5:
        if (IS("block")) return IT_BLOCK;
        if (IS("break")) return IT_BREAK;
        if (IS("range")) return IT_RANGE;
        if (IS("false")) return IT_BOOL;
        break;
    case 6: if (IS("define")) return IT_DEFINE; break;
    case 8: if (IS("continue")) return IT_CONTINUE; if (IS("template")) return IT_TEMPLATE; break;
    }
#undef IS
    return IT_IDENTIFIER;
}

static int lex_identifier(Lexer *l)
{
    int r = skip_alnum(l);
    if (!at_terminator(l)) return bad_char(l, r);
    int t = word_type(l->input + l->start, l->pos - l->start);
    if ((t == IT_BREAK && !l->break_ok) || (t == IT_CONTINUE && !l->continue_ok)) t = IT_IDENTIFIER;
    return emit(l, t);
}

/* [.$]Alphanumeric; the . or $ has been read */
static int lex_field_or_variable(Lexer *l, int typ)
{
    if (at_terminator(l)) return emit(l, typ == IT_VARIABLE ? IT_VARIABLE : IT_DOT);
    int r = skip_alnum(l);
    if (!at_terminator(l)) return bad_char(l, r);
    return emit(l, typ);
}

static int lex_field(Lexer *l) { return lex_field_or_variable(l, IT_FIELD); }

static int lex_variable(Lexer *l)
{
    if (at_terminator(l)) return emit(l, IT_VARIABLE);
    return lex_field_or_variable(l, IT_VARIABLE);
}

static int lex_char(Lexer *l)
{
    for (;;) {
        int r = next_rune(l);
        if (r == '\\') {
            r = next_rune(l);
            if (r != EOF_R && r != '\n') continue;
            return errorf(l, "unterminated character constant");
        }
        if (r == EOF_R || r == '\n') return errorf(l, "unterminated character constant");
        if (r == '\'') break;
    }
    return emit(l, IT_CHAR_CONSTANT);
}

/* Go's permissive number scanner; strconv in the parser does the checking. */
static int scan_number(Lexer *l)
{
    static const char dec[] = "0123456789_", hex[] = "0123456789abcdefABCDEF_";
    const char *digits = dec;
    accept(l, "+-");
    if (accept(l, "0")) {
        if (accept(l, "xX")) digits = hex;
        else if (accept(l, "oO")) digits = "01234567_";
        else if (accept(l, "bB")) digits = "01_";
    }
    accept_run(l, digits);
    if (accept(l, ".")) accept_run(l, digits);
    if (digits == dec && accept(l, "eE")) {
        accept(l, "+-");
        accept_run(l, dec);
    }
    if (digits == hex && accept(l, "pP")) {
        accept(l, "+-");
        accept_run(l, dec);
    }
    accept(l, "i");
    if (uni_is_alnum(peek_rune(l))) {
        next_rune(l);
        return 0;
    }
    return 1;
}

static int bad_number(Lexer *l)
{
    Buf b = {0};
    go_quote(&b, l->input + l->start, l->pos - l->start, 0);
    return errorf_buf(l, "bad number syntax: ", &b);
}

static int lex_number(Lexer *l)
{
    if (!scan_number(l)) return bad_number(l);
    int sign = peek_rune(l);
    if (sign == '+' || sign == '-') {
        if (!scan_number(l) || l->input[l->pos - 1] != 'i') return bad_number(l);
        return emit(l, IT_COMPLEX);
    }
    return emit(l, IT_NUMBER);
}

static int lex_quote(Lexer *l)
{
    /* '"', '\\' and '\n' are ASCII: no UTF-8 sequence hides them */
    size_t i = l->pos + strcspn(l->input + l->pos, "\"\\\n");   /* stops at the NUL after the input */
    l->pos = i < l->len ? i : l->len;
    for (;;) {
        int r = next_rune(l);
        if (r == '\\') {
            r = next_rune(l);
            if (r != EOF_R && r != '\n') continue;
            return errorf(l, "unterminated quoted string");
        }
        if (r == EOF_R || r == '\n') return errorf(l, "unterminated quoted string");
        if (r == '"') break;
    }
    return emit(l, IT_STRING);
}

static int lex_raw_quote(Lexer *l)
{
    /* fast path: '`' is ASCII, so it never hides inside a UTF-8 sequence */
    const char *q = l->pos < l->len ? memchr(l->input + l->pos, '`', l->len - l->pos) : NULL;
    if (q) {
        l->pos = (size_t)(q - l->input) + 1;
        return emit(l, IT_RAW_STRING);
    }
    for (;;) {
        int r = next_rune(l);
        if (r == EOF_R) return errorf(l, "unterminated raw quoted string");
        if (r == '`') break;
    }
    return emit(l, IT_RAW_STRING);
}

static int (*const states[])(Lexer *) = {
    [S_TEXT] = lex_text, [S_LEFT_DELIM] = lex_left_delim, [S_COMMENT] = lex_comment,
    [S_RIGHT_DELIM] = lex_right_delim, [S_INSIDE] = lex_inside_action,
    [S_IDENT] = lex_identifier, [S_VARIABLE] = lex_variable,
    [S_CHAR] = lex_char, [S_NUMBER] = lex_number, [S_QUOTE] = lex_quote,
    [S_RAW_QUOTE] = lex_raw_quote,
};

void lex_init(Lexer *l, const char *input, size_t len)
{
    memset(l, 0, sizeof *l);
    l->input = input;
    l->len = len;
}

/* The state machine from state st at pos (with start == pos) until it
 * has produced an item other than white space, into *out; space: white
 * space came right before. */
static void lex_slow(Lexer *l, int st, size_t pos, int inside, int space, Item *out)
{
    l->pos = l->start = pos;
    l->inside_action = inside;
    for (;;) {
        while (st != S_DONE) st = states[st](l);
        if (l->item.typ != IT_SPACE) break;
        space = 1;
        st = l->inside_action ? S_INSIDE : S_TEXT;
    }
    l->item.space = (uint8_t)space;
    *out = l->item;
}

/* Lexes the common cases itself, with the position in a local: texts,
 * "{{" and "{{- ", and inside actions words, fields, variables, ".",
 * "|", "(", ")", ",", "=", ":=", simple numbers and strings, "}}" and
 * " -}}", as the states above would lex them. Anything else or anything
 * that needs care (comments, non-ASCII, other numbers, errors) goes to
 * the state machine from the same place (lex_slow). */
size_t lex_all(Lexer *l, Item **items, size_t *cap)
{
    const unsigned char *s = (const unsigned char *)l->input;
    const size_t n = l->len;   /* s[n] is NUL (lex_init): no run below passes it */
    Item *out = *items, *lim = out + *cap;   /* the next item; the end of the room */
    size_t pos = l->pos, i, j;
    int inside = l->inside_action, typ, space, plain;
    for (;;) {
        if (lim - out < 4) {   /* a text and a "{{", then two EOF */
            /* charts have a token in about every 13 bytes */
            size_t k = (size_t)(out - *items), c = *cap ? 2 * *cap : 64 + n / 8;
            Item *v = realloc(*items, c * sizeof *v);
            if (!v) cc_oom();
            *items = v;
            *cap = c;
            out = v + k;
            lim = v + c;
        }
        space = plain = 0;
        i = pos;
        if (!inside) {
            const char *p = find_left_delim((const char *)s + pos, (const char *)s + n);
            if (!p) {
                if (pos < n) {
                    *out++ = (Item){(uint32_t)pos, (uint32_t)(n - pos), IT_TEXT};
                    pos = n;
                }
                *out++ = (Item){(uint32_t)n, 0, IT_EOF};
                typ = IT_EOF;
                break;
            }
            size_t d = (size_t)((const unsigned char *)p - s);
            int trim = s[d + 2] == '-' && is_space(s[d + 3]);
            if (d > pos) {
                size_t end = d - (trim ? right_trim_length((const char *)s + pos, d - pos) : 0);
                if (end > pos) *out++ = (Item){(uint32_t)pos, (uint32_t)(end - pos), IT_TEXT};
            }
            pos = d + 2 + (trim ? 2 : 0);
            if (s[pos] == '/' && s[pos + 1] == '*') {
                lex_slow(l, S_COMMENT, pos, 0, 0, out);
                goto slow_done;
            }
            *out++ = (Item){(uint32_t)d, 2, IT_LEFT_DELIM};
            inside = 1;
            l->paren_depth = 0;
            continue;
        }
        if (i >= n) goto slow;
        unsigned ch = s[i];
        if (lx_class[ch] & CL_SPACE) {
            for (j = i + 1; lx_class[s[j]] & CL_SPACE; j++) {}
            if (s[j] == '-') {
                /* " -}}": what spaces come before the one it takes make
                 * an itemSpace first */
                if (s[j + 1] != '}' || s[j + 2] != '}' || l->paren_depth != 0) goto slow;
                i = j + 1;
                *out++ = (Item){(uint32_t)i, 2, IT_RIGHT_DELIM, (uint8_t)(j - pos >= 2)};
                for (pos = i + 2; is_space(s[pos]); pos++) {}
                inside = 0;
                continue;
            }
            pos = i = j;
            space = 1;
            ch = s[i];
        }
        switch (ch) {
        case '"':
            /* plain: no escapes and nothing past ASCII (Go's unquote would
             * check that UTF-8); an unterminated one is the state machine's */
            plain = 1;
            for (j = i + 1;; j++) {
                while (!(lx_class[s[j]] & CL_QUOTED)) j++;
                ch = s[j];
                if (ch == '"' && j < n) break;
                if (ch == '\n' || j >= n) goto slow;
                plain = 0;
                if (ch == '\\' && (j + 1 >= n || s[++j] == '\n')) goto slow;
            }
            j++;
            typ = IT_STRING;
            goto emit;
        case '`': {
            const unsigned char *q = memchr(s + i + 1, '`', n - i - 1);
            if (!q) goto slow;
            j = (size_t)(q - s) + 1;
            plain = !memchr(s + i + 1, '\r', j - i - 2);
            typ = IT_RAW_STRING;
            goto emit;
        }
        case '}':
            if (s[i + 1] != '}' || l->paren_depth != 0) goto slow;
            j = i + 2;
            inside = 0;
            typ = IT_RIGHT_DELIM;
            goto emit;
        case '|': j = i + 1; typ = IT_PIPE; goto emit;
        case '(':
            l->paren_depth++;
            j = i + 1;
            typ = IT_LEFT_PAREN;
            goto emit;
        case ')':
            if (l->paren_depth == 0) goto slow;
            l->paren_depth--;
            j = i + 1;
            typ = IT_RIGHT_PAREN;
            goto emit;
        case ',': j = i + 1; typ = IT_CHAR; goto emit;
        case '=': j = i + 1; typ = IT_ASSIGN; goto emit;
        case ':':
            if (s[i + 1] != '=') goto slow;
            j = i + 2;
            typ = IT_DECLARE;
            goto emit;
        case '.': {
            unsigned d = s[i + 1];
            if (i + 1 >= n || (d >= '0' && d <= '9')) goto slow;   /* a number */
            j = alnum_end(s, i + 1);
            typ = j == i + 1 ? IT_DOT : IT_FIELD;
            break;
        }
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
            /* digits alone, as scan_number takes them (a leading 0 is
             * octal to strconv, not to the lexer) */
            for (j = i + 1; s[j] >= '0' && s[j] <= '9'; j++) {}
            if (ascii_alnum(s[j]) || s[j] == '.' || s[j] == '+' || s[j] == '-' || s[j] >= 0x80) goto slow;
            typ = IT_NUMBER;
            goto emit;
        case '$':
            j = alnum_end(s, i + 1);
            typ = IT_VARIABLE;
            break;
        default:
            if (!(lx_class[ch] & CL_ALNUM)) goto slow;
            j = alnum_end(s, i + 1);
            typ = word_type((const char *)s + i, j - i);
            if ((typ == IT_BREAK && !l->break_ok) || (typ == IT_CONTINUE && !l->continue_ok)) typ = IT_IDENTIFIER;
        }
        /* at_terminator, or the state machine reports the bad character */
        if (j < n && !(lx_class[s[j]] & (CL_SPACE | CL_TERM)) && !(s[j] == '}' && s[j + 1] == '}'))
            goto slow;
    emit:
        *out++ = (Item){(uint32_t)i, (uint32_t)(j - i), (uint8_t)typ, (uint8_t)space, (uint8_t)plain, 0};
        pos = j;
        continue;
    slow:
        lex_slow(l, S_INSIDE, pos, 1, space, out);
    slow_done:
        typ = out++->typ;
        if (typ == IT_EOF || typ == IT_ERROR) break;
        pos = l->pos;
        inside = l->inside_action;
    }
    /* Go's lexer goes on returning EOF; after an error, at offset 0 */
    Item eof = {typ == IT_ERROR ? 0 : (uint32_t)n, 0, IT_EOF};
    out[0] = out[1] = eof;
    return (size_t)(out - *items);
}
