/*
 * yaml_emit.c - YAML out. yaml_dump is sigs.k8s.io/yaml.Marshal (toYaml):
 * encoding/json.Marshal, then JSONToYAML (go-yaml v2 Unmarshal + Marshal),
 * mirroring kubernetes-sigs/yaml yaml.go and goyaml.v2 encode.go/sorter.go.
 * The JSON step is folded in: numbers take the form their JSON text
 * re-resolves to, strings are sanitised to UTF-8, []byte becomes base64.
 * The scalar styles are requested as encode.go stringv does, and the bytes
 * come from a block emitter of our own that writes straight into the
 * output buffer: the part of go-yaml v2's emitterc.go (a port of libyaml
 * 0.2.5's emitter.c) that block-style documents of untagged nodes use -
 * scalar analysis, style selection, quoting and escapes, folding at 80
 * columns, indentless sequences under keys, "? " keys, block scalar hints.
 * tests/fuzz/fuzz_yamlemit.c checks it against libyaml's emitter.
 * yaml_dump_pretty is Helm's toYamlPretty (go-yaml v3 Encoder, indent 2).
 */
#include "chartc/gostd.h"
#include "chartc/codec.h"
#include "chartc/swar.h"
#include "yaml_priv.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- the block emitter (emitterc.go) --------------------------------- */

/* Where the emitter is: what write_indent and the scalar writers of
 * emitterc.go look at. Columns count characters, not bytes. */
typedef struct YOut {
    Buf *b;
    int indent;          /* current indentation; -1 outside every node */
    int column;
    int width;           /* best_width: 80, or INT_MAX (toYamlPretty) */
    uint8_t whitespace;  /* the last character written was a space or indentation */
    uint8_t indention;   /* nothing but indentation on this line so far */
} YOut;

enum { YS_PLAIN, YS_SINGLE, YS_DOUBLE, YS_LITERAL };

/* What yaml_emitter_analyze_scalar finds out about a scalar's text. */
typedef struct YScan {
    uint8_t multiline;   /* has a line break (LF, CR, NEL, LS, PS) */
    uint8_t plain;       /* block plain style allowed */
    uint8_t single;      /* single-quoted style allowed */
    uint8_t block;       /* literal style allowed */
    size_t chars;        /* characters (UTF-8 sequences) */
} YScan;

/* One scalar to write: final text, requested style, its analysis. */
typedef struct YStr {
    const char *s;
    size_t n;
    int style;           /* requested (YS_PLAIN, YS_DOUBLE, YS_LITERAL) */
    int tab_ok;          /* go-yaml v3: a tab is printable in a literal block */
    const char *tag;     /* "!!binary" or NULL (implicit) */
    YScan sc;
} YStr;

static inline void yo_reserve(YOut *o, size_t n)
{
    if (o->b->len + n >= o->b->cap) buf_reserve(o->b, n);
}

static inline void yo_put(YOut *o, char c)
{
    yo_reserve(o, 1);
    o->b->p[o->b->len++] = c;
    o->column++;
}

static inline void yo_raw(YOut *o, const char *s, size_t n)
{
    yo_reserve(o, n);
    memcpy(o->b->p + o->b->len, s, n);
    o->b->len += n;
}

static inline void yo_break(YOut *o)
{
    yo_reserve(o, 1);
    o->b->p[o->b->len++] = '\n';
    o->column = 0;
}

/* write_indent: a new line unless only indentation precedes on this one,
 * then spaces up to the indentation. */
static void yo_indent(YOut *o)
{
    int ind = o->indent >= 0 ? o->indent : 0;
    if (!o->indention || o->column > ind || (o->column == ind && !o->whitespace)) yo_break(o);
    if (o->column < ind) {
        size_t k = (size_t)(ind - o->column);
        yo_reserve(o, k);
        memset(o->b->p + o->b->len, ' ', k);
        o->b->len += k;
        o->column = ind;
    }
    o->whitespace = o->indention = 1;
}

/* write_indicator of an ASCII indicator */
static void yo_indicator(YOut *o, const char *ind, int need_ws, int is_ws, int is_indention)
{
    if (need_ws && !o->whitespace) yo_put(o, ' ');
    size_t n = strlen(ind);
    yo_raw(o, ind, n);
    o->column += (int)n;
    o->whitespace = (uint8_t)is_ws;
    o->indention = o->indention && is_indention;
}

/* Bytes of the UTF-8 sequence led by c (1 for a stray byte: the text is
 * valid UTF-8 by the time it gets here, this only keeps loops finite). */
static inline size_t yo_width(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* is_break at s[0] (n bytes left): LF, CR, NEL, LS, PS */
static inline int yo_is_break(const unsigned char *s, size_t n)
{
    return s[0] == '\n' || s[0] == '\r' || (s[0] == 0xC2 && n > 1 && s[1] == 0x85) ||
           (s[0] == 0xE2 && n > 2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9));
}

/* is_printable at s[0]: LF, printable ASCII, and from U+00A0 up every
 * character of the BMP but surrogates, the BOM, U+FFFE and U+FFFF (the
 * characters beyond the BMP are not: they are escaped). */
static inline int yo_is_printable(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return c == '\n' || (c >= 0x20 && c != 0x7F);
    if (c == 0xC2) return n > 1 && s[1] >= 0xA0;
    if (c > 0xC2 && c < 0xED) return 1;
    if (c == 0xED) return n > 1 && s[1] < 0xA0;
    if (c == 0xEE) return 1;
    if (c == 0xEF)
        return n > 2 && !(s[1] == 0xBB && s[2] == 0xBF) && !(s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF));
    return 0;
}

/* is_blankz at s[i]: space, tab, a line break, NUL or the end */
static inline int yo_blankz(const unsigned char *s, size_t i, size_t n)
{
    return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == 0 || yo_is_break(s + i, n - i);
}

/* Character classes of ASCII bytes for the scan below. */
enum {
    YC_FIRST = 1,    /* an indicator that forbids plain as the first character */
    YC_COLQ = 2,     /* ':' or '?': indicators at the start when blank follows */
    YC_PLAIN = 4,    /* printable, no space, no break, nothing the scan looks at */
};
static const uint8_t yc_ascii[128] = {
    ['#'] = YC_FIRST, [','] = YC_FIRST | YC_PLAIN, ['['] = YC_FIRST | YC_PLAIN, [']'] = YC_FIRST | YC_PLAIN,
    ['{'] = YC_FIRST | YC_PLAIN, ['}'] = YC_FIRST | YC_PLAIN, ['&'] = YC_FIRST | YC_PLAIN,
    ['*'] = YC_FIRST | YC_PLAIN, ['!'] = YC_FIRST | YC_PLAIN, ['|'] = YC_FIRST | YC_PLAIN,
    ['>'] = YC_FIRST | YC_PLAIN, ['\''] = YC_FIRST | YC_PLAIN, ['"'] = YC_FIRST | YC_PLAIN,
    ['%'] = YC_FIRST | YC_PLAIN, ['@'] = YC_FIRST | YC_PLAIN, ['`'] = YC_FIRST | YC_PLAIN,
    ['?'] = YC_COLQ | YC_PLAIN, [':'] = YC_COLQ,
};
static inline int yc_plain(unsigned char c)
{
    /* printable ASCII but space, '#' and ':' (their rule depends on the
     * neighbours) */
    return c > 0x20 && c < 0x7F && c != '#' && c != ':';
}

/* yaml_emitter_analyze_scalar. tab_ok: a tab counts as printable (a
 * go-yaml v3 literal block). */
static void yo_scan(const char *str, size_t n, int tab_ok, YScan *r)
{
    const unsigned char *s = (const unsigned char *)str;
    r->chars = 0;
    r->multiline = 0;
    if (!n) {
        r->plain = r->single = 1;
        r->block = 0;
        return;
    }
    int block_ind = n >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') || (s[0] == '.' && s[1] == '.' && s[2] == '.'));
    int lead_sp = 0, lead_br = 0, trail_sp = 0, trail_br = 0, br_sp = 0, sp_br = 0, special = 0, breaks = 0;
    int prev_sp = 0, prev_br = 0, preceded = 1;
    size_t chars = 0, i = 0;
    /* the first character */
    {
        unsigned char c = s[0];
        size_t w = yo_width(c);
        if (w > n) w = n;
        int followed = yo_blankz(s, w, n);
        if (c < 0x80) {
            if (yc_ascii[c] & YC_FIRST) block_ind = 1;
            else if ((yc_ascii[c] & YC_COLQ) && followed) block_ind = 1;
            else if (c == '-' && followed) block_ind = 1;
        }
    }
    while (i < n) {
        unsigned char c = s[i];
        /* a run of ordinary ASCII after the first character: printable,
         * not blank, no break, no '#' or ':' */
        if (i && yc_plain(c)) {
            size_t j = i + 1;
            while (j < n && yc_plain(s[j])) j++;
            chars += j - i;
            i = j;
            prev_sp = prev_br = 0;
            preceded = 0;
            continue;
        }
        size_t w = yo_width(c);
        if (w > n - i) w = n - i;
        size_t j = i + w;
        if (i) {
            if (c == ':' && yo_blankz(s, j, n)) block_ind = 1;
            else if (c == '#' && preceded) block_ind = 1;
        }
        int br = yo_is_break(s + i, n - i);
        if (!(yo_is_printable(s + i, n - i) || (tab_ok && c == '\t'))) special = 1;
        if (br) breaks = 1;
        if (c == ' ') {
            if (i == 0) lead_sp = 1;
            if (j == n) trail_sp = 1;
            if (prev_br) br_sp = 1;
            prev_sp = 1;
            prev_br = 0;
        } else if (br) {
            if (i == 0) lead_br = 1;
            if (j == n) trail_br = 1;
            if (prev_sp) sp_br = 1;
            prev_sp = 0;
            prev_br = 1;
        } else {
            prev_sp = prev_br = 0;
        }
        preceded = c == ' ' || c == '\t' || c == 0 || br;
        chars++;
        i = j;
    }
    r->chars = chars;
    r->multiline = (uint8_t)breaks;
    r->plain = !(lead_sp || lead_br || trail_sp || trail_br || br_sp || sp_br || special || breaks || block_ind);
    r->single = !(br_sp || sp_br || special);
    r->block = !(trail_sp || sp_br || special);
}

/* yo_scan of printable ASCII (no break, nothing special, a character a
 * byte): only the spaces at the ends and the indicators decide. */
static void yo_scan_ascii(const char *s, size_t n, YScan *r)
{
    r->chars = n;
    r->multiline = 0;
    r->single = 1;
    if (!n) {
        r->plain = 1;
        r->block = 0;
        return;
    }
    int trail_sp = s[n - 1] == ' ';
    int bad = s[0] == ' ' || trail_sp;
    unsigned char c = (unsigned char)s[0];
    int followed = n == 1 || s[1] == ' ';
    if ((yc_ascii[c] & YC_FIRST) || (((yc_ascii[c] & YC_COLQ) || c == '-') && followed)) bad = 1;
    if (n >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') || (s[0] == '.' && s[1] == '.' && s[2] == '.'))) bad = 1;
    for (size_t i = 1; i < n && !bad; i++) {
        if (s[i] == ':') bad = i + 1 == n || s[i + 1] == ' ';
        else if (s[i] == '#') bad = s[i - 1] == ' ';
    }
    r->plain = !bad;
    r->block = !trail_sp;
}

/* One character of s at *i (w bytes) copied, one column. */
static inline void yo_char(YOut *o, const char *s, size_t *i, size_t n)
{
    size_t w = yo_width((unsigned char)s[*i]);
    if (w > n - *i) w = n - *i;
    yo_raw(o, s + *i, w);
    *i += w;
    o->column++;
}

/* write_plain_scalar. The text has no line break and no space at either
 * end (plain is not allowed otherwise); a space where the column is past
 * the width, not followed by another space, becomes a new line. */
static void yo_plain(YOut *o, const YStr *t, int allow_breaks)
{
    const char *s = t->s;
    size_t n = t->n;
    if (!o->whitespace) yo_put(o, ' ');
    if (!allow_breaks || (size_t)o->column + n <= (size_t)o->width) {
        yo_raw(o, s, n);   /* no space can be past the width */
        o->column += (int)t->sc.chars;
    } else {
        int spaces = 0;
        for (size_t i = 0; i < n;) {
            if (s[i] == ' ') {
                if (!spaces && o->column > o->width && !(i + 1 < n && s[i + 1] == ' ')) {
                    yo_indent(o);
                    i++;
                } else {
                    yo_put(o, ' ');
                    i++;
                }
                spaces = 1;
            } else {
                yo_char(o, s, &i, n);
                o->indention = 0;
                spaces = 0;
            }
        }
    }
    o->whitespace = 0;
    o->indention = 0;
}

/* write_break: LF is a new line; CR, NEL, LS and PS are copied and
 * start a new line too */
static void yo_write_break(YOut *o, const char *s, size_t *i, size_t n)
{
    if (s[*i] == '\n') {
        yo_break(o);
        (*i)++;
    } else {
        yo_char(o, s, i, n);
        o->column = 0;
    }
}

/* write_single_quoted_scalar */
static void yo_single(YOut *o, const YStr *t, int allow_breaks)
{
    const char *s = t->s;
    size_t n = t->n;
    yo_indicator(o, "'", 1, 0, 0);
    int spaces = 0, breaks = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (s[i] == ' ') {
            if (allow_breaks && !spaces && o->column > o->width && i != 0 && i != n - 1 && s[i + 1] != ' ') {
                yo_indent(o);
                i++;
            } else {
                yo_put(o, ' ');
                i++;
            }
            spaces = 1;
        } else if (yo_is_break(u, n - i)) {
            if (!breaks && s[i] == '\n') yo_break(o);
            yo_write_break(o, s, &i, n);
            o->indention = 1;
            breaks = 1;
        } else {
            if (breaks) yo_indent(o);
            if (s[i] == '\'') yo_put(o, '\'');
            yo_char(o, s, &i, n);
            o->indention = 0;
            spaces = breaks = 0;
        }
    }
    if (breaks) yo_indent(o);
    yo_indicator(o, "'", 0, 0, 0);
    o->whitespace = 0;
    o->indention = 0;
}

/* write_double_quoted_scalar. go-yaml v2's is_bom(b, i) tests b[0..2]
 * whatever i is, so when the text starts with a BOM every character is
 * written as an escape ("\uFEFF\x78"). */
static void yo_double(YOut *o, const YStr *t, int allow_breaks)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *s = t->s;
    size_t n = t->n;
    const unsigned char *u0 = (const unsigned char *)s;
    int all = n >= 3 && u0[0] == 0xEF && u0[1] == 0xBB && u0[2] == 0xBF;
    yo_indicator(o, "\"", 1, 0, 0);
    int spaces = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = u0 + i;
        unsigned char c = u[0];
        if (all || !yo_is_printable(u, n - i) || yo_is_break(u, n - i) || c == '"' || c == '\\' ||
            (c == 0xEF && n - i > 2 && u[1] == 0xBB && u[2] == 0xBF)) {
            size_t w = yo_width(c);
            if (w > n - i) w = n - i;
            uint32_t v = w == 1 ? c : w == 2 ? c & 0x1F : w == 3 ? c & 0x0F : c & 0x07;
            for (size_t k = 1; k < w; k++) v = (v << 6) | (u[k] & 0x3F);
            i += w;
            char e[10];
            size_t en = 0;
            switch (v) {
            case 0x00: e[en++] = '0'; break;
            case 0x07: e[en++] = 'a'; break;
            case 0x08: e[en++] = 'b'; break;
            case 0x09: e[en++] = 't'; break;
            case 0x0A: e[en++] = 'n'; break;
            case 0x0B: e[en++] = 'v'; break;
            case 0x0C: e[en++] = 'f'; break;
            case 0x0D: e[en++] = 'r'; break;
            case 0x1B: e[en++] = 'e'; break;
            case 0x22: e[en++] = '"'; break;
            case 0x5C: e[en++] = '\\'; break;
            case 0x85: e[en++] = 'N'; break;
            case 0xA0: e[en++] = '_'; break;
            case 0x2028: e[en++] = 'L'; break;
            case 0x2029: e[en++] = 'P'; break;
            default: {
                int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
                e[en++] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
                for (int k = (digits - 1) * 4; k >= 0; k -= 4) e[en++] = hex[(v >> k) & 0xF];
            }
            }
            yo_put(o, '\\');
            yo_raw(o, e, en);
            o->column += (int)en;
            spaces = 0;
        } else if (c == ' ') {
            if (allow_breaks && !spaces && o->column > o->width && i != 0 && i != n - 1) {
                yo_indent(o);
                if (s[i + 1] == ' ') yo_put(o, '\\');
                i++;
            } else {
                yo_put(o, ' ');
                i++;
            }
            spaces = 1;
        } else {
            yo_char(o, s, &i, n);
            spaces = 0;
        }
    }
    yo_indicator(o, "\"", 0, 0, 0);
    o->whitespace = 0;
    o->indention = 0;
}

/* The character before byte offset i (i > 0): its first byte's offset. */
static size_t yo_prev(const char *s, size_t i)
{
    do i--; while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* write_literal_scalar with write_block_scalar_hints: "|", an indentation
 * indicator when the text starts with a space or a break, "-" when it does
 * not end in a break, "+" when it ends in two (or is one). */
static void yo_literal(YOut *o, const YStr *t)
{
    const char *s = t->s;
    size_t n = t->n;
    const unsigned char *u = (const unsigned char *)s;
    yo_indicator(o, "|", 1, 0, 0);
    if (n && (s[0] == ' ' || yo_is_break(u, n))) yo_indicator(o, "2", 0, 0, 0);
    const char *chomp = NULL;
    if (!n) chomp = "-";
    else {
        size_t last = yo_prev(s, n);
        if (!yo_is_break(u + last, n - last)) chomp = "-";
        else if (last == 0) chomp = "+";
        else {
            size_t before = yo_prev(s, last);
            if (yo_is_break(u + before, n - before)) chomp = "+";
        }
    }
    if (chomp) yo_indicator(o, chomp, 0, 0, 0);
    yo_break(o);
    o->indention = 1;
    o->whitespace = 1;
    int breaks = 1;
    for (size_t i = 0; i < n;) {
        if (yo_is_break(u + i, n - i)) {
            yo_write_break(o, s, &i, n);
            o->indention = 1;
            breaks = 1;
            continue;
        }
        if (breaks) yo_indent(o);
        /* the rest of the line: ASCII but LF and CR at a time */
        size_t j = i;
        while (j < n && u[j] < 0x80 && u[j] != '\n' && u[j] != '\r') j++;
        if (j > i) {
            yo_raw(o, s + i, j - i);
            o->column += (int)(j - i);
            i = j;
        } else {
            yo_char(o, s, &i, n);
        }
        o->indention = 0;
        breaks = 0;
    }
}

/* yaml_emitter_emit_scalar: the style the analysis allows
 * (select_scalar_style), the tag, then the text one indentation step in
 * (increase_indent(flow)). simple_key: written as a "key:" key. */
static void yo_scalar(YOut *o, const YStr *t, int simple_key)
{
    int style = t->style;
    if (simple_key && t->sc.multiline) style = YS_DOUBLE;
    if (style == YS_PLAIN && (!t->sc.plain || (!t->n && simple_key))) style = YS_SINGLE;
    if (style == YS_SINGLE && !t->sc.single) style = YS_DOUBLE;
    if (style == YS_LITERAL && (!t->sc.block || simple_key)) style = YS_DOUBLE;
    if (t->tag) {   /* write_tag_handle "!!", write_tag_content */
        if (!o->whitespace) yo_put(o, ' ');
        yo_raw(o, t->tag, strlen(t->tag));
        o->column += (int)strlen(t->tag);
        o->whitespace = o->indention = 0;
    }
    int saved = o->indent;
    o->indent = saved < 0 ? 2 : saved + 2;
    switch (style) {
    case YS_PLAIN: yo_plain(o, t, !simple_key); break;
    case YS_SINGLE: yo_single(o, t, !simple_key); break;
    case YS_DOUBLE: yo_double(o, t, !simple_key); break;
    default: yo_literal(o, t); break;
    }
    o->indent = saved;
}

/* ---- toYaml: values to scalars and collections (encode.go) ----------- */

typedef struct YEmit {
    YOut o;
    const char *err;    /* first error (JSON step or emitter) */
    int pretty;         /* go-yaml v3 rules (toYamlPretty) */
    VWalk w;            /* the JSON step's cycle check (ptrLevel) */
    int ydeep;          /* nested deeper than go-yaml reads back: emit nothing more */
    Buf num;            /* a number's text (reused) */
} YEmit;

/* Where a node sits: what emit_node's context flags say. */
enum { YX_TOP, YX_ITEM, YX_VALUE, YX_SIMPLE_KEY, YX_KEY };

static void ye_put_scalar(YEmit *E, YStr *t, int ctx)
{
    if (E->err || E->ydeep) return;
    yo_scalar(&E->o, t, ctx == YX_SIMPLE_KEY);
}

/* Printable ASCII only (no control character, no DEL, nothing above 0x7E),
 * eight bytes at a time: the text needs no UTF-8 repair, no re-read fix,
 * holds no line break. */
static int ye_printable_ascii(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = swar_load(s + i);
        if (swar_outside(x, 0x20, 0x7F)) return 0;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7F) return 0;
    }
    return 1;
}

/* A scalar in the style asked for, the emitter free to change it. */
static void ye_scalar(YEmit *E, const char *s, size_t n, int style, int ctx)
{
    if (E->err || E->ydeep) return;
    YStr t = {s, n, style, 0, NULL, {0}};
    if (ye_printable_ascii(s, n)) yo_scan_ascii(s, n, &t.sc);
    else yo_scan(s, n, 0, &t.sc);
    ye_put_scalar(E, &t, ctx);
}

static void ye_plain(YEmit *E, const char *s, int ctx) { ye_scalar(E, s, strlen(s), YS_PLAIN, ctx); }

/* The decimal digits of i (plain: no integer needs quoting). */
static void ye_int(YEmit *E, int64_t i, int ctx)
{
    char tmp[24], *p = tmp + sizeof tmp;
    uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    do *--p = (char)('0' + u % 10); while (u /= 10);
    if (i < 0) *--p = '-';
    ye_scalar(E, p, (size_t)(tmp + sizeof tmp - p), YS_PLAIN, ctx);
}


/* go-yaml v3 resolve differs from v2: no y/n/on/off... but toYamlPretty
 * still quotes them (isOldBool); base 60 is not quoted. */
static int v3_needs_quote(const char *s, size_t n);

/* JSONToYAML re-reads json.Marshal's text with go-yaml: runes the YAML
 * reader rejects (DEL, C1 controls but NEL, U+FFFE/U+FFFF) fail the whole
 * marshal; a raw NEL (a YAML 1.1 line break that JSON leaves unescaped) is
 * folded like any line break in a double-quoted scalar: spaces around the
 * breaks vanish, one break becomes a space, n breaks become n-1 newlines.
 * Returns 0 on the reader error. */
static int json_yaml_reread(const char *s, size_t n, Buf *out, int *changed)
{
    *changed = 0;
    int nel = 0;
    for (size_t i = 0; i < n; i++) {
        /* eight ASCII bytes without DEL at a time */
        while (i + 8 <= n) {
            uint64_t x = swar_load(s + i);
            if (swar_outside(x, 0, 0x7F)) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (c == 0x7F) return 0;
        if (c == 0xC2 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d == 0x85) nel = 1;
            else if (d >= 0x80 && d < 0xA0) return 0;
        }
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
            return 0;
    }
    if (!nel) return 1;
    *changed = 1;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] == ' ') j++;
        if (j + 1 < n && (unsigned char)s[j] == 0xC2 && (unsigned char)s[j + 1] == 0x85) {
            int breaks = 0;
            for (;;) {
                if (j + 1 < n && (unsigned char)s[j] == 0xC2 && (unsigned char)s[j + 1] == 0x85) { breaks++; j += 2; }
                else if (j < n && s[j] == ' ') j++;
                else break;
            }
            if (breaks == 1) buf_putc(out, ' ');
            else for (int k = 1; k < breaks; k++) buf_putc(out, '\n');
            i = j;
            continue;
        }
        buf_put(out, s + i, j - i + (j < n));
        i = j + (j < n);
    }
    return 1;
}

/* go-yaml v3 stringv: a string that is not valid UTF-8 is written as
 * !!binary base64 (encodeBase64: lines of 70 characters, each ending in a
 * newline once there is more than one, making it a literal block). */
static void ye_binary(YStr *t, const char *s, size_t n, Buf *tmp)
{
    Buf raw = {0};
    go_base64(&raw, (const unsigned char *)s, n);
    int lines = raw.len >= 70;
    for (size_t i = 0; i < raw.len; i += 70) {
        buf_put(tmp, raw.p + i, raw.len - i < 70 ? raw.len - i : 70);
        if (lines) buf_putc(tmp, '\n');
    }
    buf_free(&raw);
    t->s = tmp->p ? tmp->p : "";
    t->n = tmp->len;
    t->style = lines ? YS_LITERAL : YS_PLAIN;
    t->tag = "!!binary";
    yo_scan(t->s, t->n, 0, &t->sc);
}

/* Can the plain text s resolve to anything but a string (go-yaml v2
 * resolve, or a base-60 float that encode.go quotes)? Only text starting
 * with a sign, a digit or '.' (numbers, timestamps, .inf), or one of the
 * YAML 1.1 bool and null words can. */
static int ye_may_resolve(const char *s, size_t n)
{
    if (!n) return 1;
    switch (s[0]) {
    case '+': case '-': case '.':
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return 1;
    case 'y': case 'Y': case 'n': case 'N': case 't': case 'T': case 'f': case 'F': case 'o': case 'O': case '~': {
        /* a bool or null word: y yes true on n no false off null ~ in some case */
        static const char *const words[] = {"y", "yes", "true", "on", "n", "no", "false", "off", "null", "~"};
        if (n > 5) return 0;
        char low[5];
        for (size_t i = 0; i < n; i++) low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (strlen(words[k]) == n && memcmp(words[k], low, n) == 0) return 1;
        return 0;
    }
    }
    return 0;
}

/* encode.go stringv: literal if multi-line, plain if it would read back
 * as the same string, otherwise double-quoted. Fills *t (its text may be
 * in `tmp`, which the caller frees); 0 after an error. */
static int ye_prep(YEmit *E, const char *s0, size_t n0, YStr *t, Buf *tmp)
{
    memset(t, 0, sizeof *t);
    const char *s = s0;
    size_t n = n0;
    int ascii = ye_printable_ascii(s, n);
    if (!ascii) {
        s = go_utf8_fix(s0, n0, &n);
        if (E->pretty && s != s0) {
            ye_binary(t, s0, n0, tmp);
            return 1;
        }
        if (!E->pretty) {
            int changed;
            if (!json_yaml_reread(s, n, tmp, &changed)) {
                if (!E->err) E->err = "yaml: control characters are not allowed";
                return 0;
            }
            if (changed) { s = tmp->p ? tmp->p : ""; n = tmp->len; }
        }
    }
    t->s = s;
    t->n = n;
    if (!ascii && memchr(s, '\n', n)) {
        t->style = YS_LITERAL;
        t->tab_ok = E->pretty;
    } else if (!ye_may_resolve(s, n)) {
        t->style = YS_PLAIN;
    } else {
        int plain;
        if (E->pretty) plain = !v3_needs_quote(s, n);
        else {
            YScalar r;
            yaml_resolve("", s, n, &r);
            plain = r.kind == YR_STR && !yaml_is_base60(s, n);
        }
        t->style = plain ? YS_PLAIN : YS_DOUBLE;
    }
    if (ascii) yo_scan_ascii(s, n, &t->sc);
    else yo_scan(s, n, t->tab_ok, &t->sc);
    return 1;
}

/* (Past the depth limit nothing is written, but a string the YAML reader
 * would reject still fails the marshal, as before.) */
static void ye_string(YEmit *E, const char *s0, size_t n0, int ctx)
{
    if (E->err) return;
    Buf tmp = {0};
    YStr t;
    if (ye_prep(E, s0, n0, &t, &tmp)) ye_put_scalar(E, &t, ctx);
    buf_free(&tmp);
}

/* A float64 after the JSON step: json.Marshal prints integral values below
 * 1e21 as digits (re-read by go-yaml as int/uint when they fit), others as
 * floats, which go-yaml prints with strconv 'g' shortest. */
static void ye_float(YEmit *E, double f, int ctx)
{
    if (E->pretty && (isinf(f) || isnan(f))) {
        ye_plain(E, isnan(f) ? ".nan" : f > 0 ? ".inf" : "-.inf", ctx);
        return;
    }
    if (isinf(f) || isnan(f)) {
        if (!E->err) E->err = cc_printf("error marshaling into JSON: json: unsupported value: %s",
                                        isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
        return;
    }
    if (E->err || E->ydeep) return;
    Buf *b = &E->num;
    b->len = 0;
    if (E->pretty) {
        /* go-yaml v3: FormatFloat 'g' -1, "+Inf" etc. unreachable here */
        yaml_fmt_g(b, f, 64);
        ye_scalar(E, b->p, b->len, YS_PLAIN, ctx);
        return;
    }
    if (f == go_floor(f) && fabs(f) < 1e21) {
        /* JSON digits (shortest, zero padded) read back as int or uint */
        if (fabs(f) < 1e15) {   /* exact in an int64: the digits of the integer */
            ye_int(E, (int64_t)f, ctx);
            return;
        }
        yaml_fmt_f(b, f);
        const char *t = buf_cstr(b);
        if (strcmp(t, "-0") == 0) t = "0";
        int ok = fabs(f) < 9223372036854775808.0 || (f > 0 && (b->len < 20 || (b->len == 20 && strcmp(t, "18446744073709551615") <= 0)));
        if (ok) {
            ye_plain(E, t, ctx);
            return;
        }
        b->len = 0;
    }
    yaml_fmt_g(b, f, 64);
    ye_scalar(E, b->p, b->len, YS_PLAIN, ctx);
}

static void ye_base64(YEmit *E, const char *s, size_t n, int ctx)
{
    Buf b = {0};
    go_base64(&b, (const unsigned char *)s, n);
    ye_string(E, b.p ? b.p : "", b.len, ctx);
    buf_free(&b);
}

static void ye_node(YEmit *E, Value v, int depth, int ctx);

/* go-yaml v2 reads at most this many nested flow collections back
 * (scannerc.go max_flow_level); JSONToYAML fails past it */
#define YE_MAX_FLOW 10000

/* One value; `depth` counts the JSON arrays and objects around it. The
 * JSON step runs over the whole value first in Go, so its errors (a
 * cycle, +Inf, complex128) win over go-yaml's depth limit. */
static void ye_value(YEmit *E, Value v, int depth, int ctx)
{
    if (E->err) return;
    int coll = !E->pretty && ((v.t == VT_LIST && v.u.l) || (v.t == VT_MAP && v.u.m));
    if (coll && depth >= YE_MAX_FLOW) E->ydeep = 1;
    int rc = vw_enter(&E->w, v);
    if (rc) {
        E->err = rc == VW_CYCLE
                     ? cc_printf("error marshaling into JSON: json: unsupported value: encountered a cycle via %s",
                                 v_gotype(v))
                     : vw_too_deep;
        return;
    }
    ye_node(E, v, depth + coll, ctx);
    if (!E->err) vw_leave(&E->w, v);
}

/* An empty collection: flow style, "[]" or "{}" (the emitter's
 * check_empty_sequence / check_empty_mapping). */
static void ye_empty(YEmit *E, const char *text)
{
    if (E->err || E->ydeep) return;
    YOut *o = &E->o;
    char open[2] = {text[0], 0}, close[2] = {text[1], 0};
    yo_indicator(o, open, 1, 1, 0);
    yo_indicator(o, close, 0, 0, 0);
}

/* A block sequence: indentless when it is the value of a "key:" (its
 * dashes in the key's column), else one step in. */
static void ye_sequence(YEmit *E, const List *l, int depth, int ctx)
{
    YOut *o = &E->o;
    int saved = o->indent;
    if (!E->ydeep && !E->err) {
        if (o->indent < 0) o->indent = 0;
        else if (!(ctx == YX_VALUE && !o->indention)) o->indent += 2;
    }
    for (uint32_t i = 0; i < l->len && !E->err; i++) {
        if (!E->ydeep) {
            yo_indent(o);
            yo_indicator(o, "-", 1, 0, 1);
        }
        ye_value(E, l->v[i], depth, YX_ITEM);
    }
    o->indent = saved;
}

/* A block mapping, keys in go-yaml v2's natural order. A key is written
 * "key:" unless it spans lines or is longer than 128 bytes
 * (check_simple_key); then it is "? key", ": value" on the next line. */
static void ye_mapping(YEmit *E, const Map *m, int depth)
{
    YOut *o = &E->o;
    int saved = o->indent;
    if (!E->ydeep && !E->err) o->indent = o->indent < 0 ? 0 : o->indent + 2;
    MapEnt **es = map_sorted(m, 1);
    for (uint32_t i = 0; i < m->len && !E->err; i++) {
        Buf tmp = {0};
        YStr t;
        if (ye_prep(E, es[i]->k, es[i]->klen, &t, &tmp) && !E->ydeep) {
            yo_indent(o);
            if (!t.sc.multiline && t.n + (t.tag ? strlen(t.tag) : 0) <= 128) {
                yo_scalar(o, &t, 1);
                yo_indicator(o, ":", 0, 0, 0);
            } else {
                yo_indicator(o, "?", 1, 0, 1);
                yo_scalar(o, &t, 0);
                yo_indent(o);
                yo_indicator(o, ":", 1, 0, 1);
            }
        }
        buf_free(&tmp);
        if (E->err) break;
        ye_value(E, es[i]->v, depth, YX_VALUE);
    }
    o->indent = saved;
}

static void ye_node(YEmit *E, Value v, int depth, int ctx)
{
    switch (v.t) {
    case VT_NIL: ye_plain(E, "null", ctx); break;
    case VT_BOOL: ye_plain(E, v.u.b ? "true" : "false", ctx); break;
    case VT_INT: ye_int(E, v.u.i, ctx); break;
    case VT_FLOAT:
        if (v.g == GT_COMPLEX) {
            E->err = "error marshaling into JSON: json: unsupported type: complex128";
            return;
        }
        ye_float(E, v.u.f, ctx);
        break;
    case VT_STR:
        if (v.g == GT_BYTES && !E->pretty) ye_base64(E, v.u.s, v.n, ctx);
        else ye_string(E, v.u.s, v.n, ctx);
        break;
    case VT_LIST:
        if (!v.u.l && !E->pretty) { ye_plain(E, "null", ctx); break; }
        if (!v.u.l || !v.u.l->len) ye_empty(E, "[]");
        else ye_sequence(E, v.u.l, depth, ctx);
        break;
    case VT_MAP:
        if (!v.u.m && !E->pretty) { ye_plain(E, "null", ctx); break; }   /* json.Marshal of a nil map */
        /* go-yaml v2 sorts keys naturally (toYamlPretty maps go through pr_node) */
        if (!v.u.m || !v.u.m->len) ye_empty(E, "{}");
        else ye_mapping(E, v.u.m, depth);
        break;
    case VT_OBJ:
        if (E->pretty && v.u.o->type->to_data && strcmp(v.u.o->type->gotype, "time.Time") == 0) {
            Value d = v.u.o->type->to_data(v.u.o);   /* go-yaml v3 writes time.Time as a plain timestamp */
            ye_scalar(E, d.u.s, d.n, YS_PLAIN, ctx);
        } else if (v.u.o->type->to_data) ye_value(E, v.u.o->type->to_data(v.u.o), depth, ctx);
        else ye_plain(E, "null", ctx);
        break;
    }
}

/* One document, no markers, appended to b (nothing on an error): the
 * root node, then DOCUMENT-END's write_indent. go-yaml clears open_ended
 * before STREAM-END, so no "..." follows an open-ended last scalar. */
static const char *ye_run(Buf *b, Value v, int pretty)
{
    YEmit E;
    memset(&E, 0, sizeof E);
    E.pretty = pretty;
    E.o.b = b;
    E.o.indent = -1;
    E.o.width = pretty ? INT_MAX : 80;
    E.o.whitespace = E.o.indention = 1;
    size_t start = b->len;
    ye_value(&E, v, 0, YX_TOP);
    buf_free(&E.num);
    if (!E.err && E.ydeep) E.err = "yaml: exceeded max depth of 10000";
    if (E.err) {
        b->len = start;
        return E.err;
    }
    yo_indent(&E.o);
    return NULL;
}

const char *yaml_dump(Buf *b, Value v) { return ye_run(b, v, 0); }

/* ---- toYamlPretty (go-yaml v3) --------------------------------------- */

static int v3_needs_quote(const char *s, size_t n)
{
    /* v3's resolve agrees with v2's on every implicit form, and v3 quotes
     * the old YAML 1.1 bools (isOldBool) and base-60 floats as v2 does */
    YScalar r;
    yaml_resolve("", s, n, &r);
    return r.kind != YR_STR || yaml_is_base60(s, n);
}

/* One scalar rendered by libyaml as a root document with unlimited width
 * (v3 does not fold); trailing newline removed. */
static const char *pr_scalar(Buf *out, Value v)
{
    size_t start = out->len;
    const char *err = ye_run(out, v, 1);
    if (!err && out->len > start && out->p[out->len - 1] == '\n') out->len--;
    return err;
}

static void pr_indent(Buf *b, int n)
{
    if (n <= 0) return;
    buf_reserve(b, (size_t)n);
    memset(b->p + b->len, ' ', (size_t)n);
    b->len += (size_t)n;
}

/* Appends scalar text whose continuation lines (literal blocks) must sit
 * `indent` columns deeper than libyaml's root rendering put them. */
static const char *pr_put_scalar(Buf *b, Value v, int indent)
{
    Buf t = {0};
    const char *err = pr_scalar(&t, v);
    for (size_t i = 0; !err && i < t.len; i++) {
        buf_putc(b, t.p[i]);
        if (t.p[i] == '\n' && i + 1 < t.len && t.p[i + 1] != '\n') pr_indent(b, indent);
    }
    buf_free(&t);
    return err;
}

/* go-yaml v3 marshals a Go struct itself (not its JSON form): exported
 * fields in declaration order, names lowercased, nested structs alike. */
static Value pr_struct_v3(Value f)
{
    Value m = v_newmap(8);
    m.g = GT_STRUCT;
    MAP_EACH(f.u.m, e) {
        if (e->klen && e->k[0] >= 'a' && e->k[0] <= 'z') continue;   /* unexported */
        char *k = cc_strndup(e->k, e->klen);
        for (char *p = k; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
        Value v = e->v;
        if (v.t == VT_MAP && v.g == GT_STRUCT && v.u.m) v = pr_struct_v3(v);
        map_set(m.u.m, k, e->klen, v);
    }
    return m;
}

/* The value go-yaml v3 sees for an object: the struct when the type has
 * a Go struct form and its JSON form is a struct; otherwise the data form
 * (TextMarshalers such as *semver.Version, time.Time). */
static Value pr_unwrap(Value v)
{
    while (v.t == VT_OBJ && v.u.o->type->to_data) {
        const ObjType *t = v.u.o->type;
        Value d = t->to_data(v.u.o);
        if (t->go_fields && d.t == VT_MAP && d.g == GT_STRUCT) {
            Value f = t->go_fields(v.u.o);
            if (f.t == VT_MAP && f.u.m) return pr_struct_v3(f);
        }
        if (d.t == VT_STR && strcmp(t->gotype, "time.Time") == 0) return v;   /* a plain timestamp scalar */
        v = d;
    }
    return v;
}

static int pr_is_coll(Value v, int *empty)
{
    v = pr_unwrap(v);
    if (v.t == VT_LIST) { *empty = !v.u.l || !v.u.l->len; return 1; }
    if (v.t == VT_MAP) { *empty = !v.u.m || !v.u.m->len; return 1; }
    return 0;
}

/* emitterc.go check_simple_key: a key is written "key:" unless it spans
 * lines (any YAML line break) or is longer than 128 bytes; then it is the
 * explicit "? key" / ": value" pair. */
static int pr_simple_key(const char *k, size_t n)
{
    size_t fixed;
    if (go_utf8_fix(k, n, &fixed) != k) return (n + 2) / 3 * 4 < 70;   /* "!!binary" + one base64 line */
    if (n > 128) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)k[i];
        if (c == '\n' || c == '\r') return 0;
        if (c == 0xC2 && i + 1 < n && (unsigned char)k[i + 1] == 0x85) return 0;
        if (c == 0xE2 && i + 2 < n && (unsigned char)k[i + 1] == 0x80 &&
            ((unsigned char)k[i + 2] == 0xA8 || (unsigned char)k[i + 2] == 0xA9))
            return 0;
    }
    return 1;
}

static const char *pr_node(Buf *b, Value v, int indent, int inline_first, VWalk *w);
static const char *pr_node_in(Buf *b, Value v, int indent, int inline_first, VWalk *w);

/* go-yaml v3 block layout with Encoder.SetIndent(2): every nested
 * collection is indented two more columns, sequences under keys too.
 * `indent` is the column of this collection; `inline_first` when the first
 * line continues a "- " already written. */
static const char *pr_node(Buf *b, Value v, int indent, int inline_first, VWalk *w)
{
    v = pr_unwrap(v);
    int rc = vw_enter(w, v);   /* go-yaml v3 has no cycle check: it never ends */
    if (rc) return vw_message(rc, v);
    const char *err = pr_node_in(b, v, indent, inline_first, w);
    if (!err) vw_leave(w, v);
    return err;
}

static const char *pr_node_in(Buf *b, Value v, int indent, int inline_first, VWalk *w)
{
    if (v.t == VT_OBJ && !v.u.o->type->to_data) { buf_puts(b, "null"); return NULL; }
    const char *err = NULL;
    if (v.t == VT_LIST && v.u.l && v.u.l->len) {
        for (uint32_t i = 0; i < v.u.l->len && !err; i++) {
            if (i || !inline_first) pr_indent(b, indent);
            buf_puts(b, "- ");
            Value it = v.u.l->v[i];
            int empty;
            if (pr_is_coll(it, &empty) && !empty) err = pr_node(b, it, indent + 2, 1, w);
            else { err = pr_put_scalar(b, it, indent); buf_putc(b, '\n'); }
        }
        return err;
    }
    if (v.t == VT_MAP && v.u.m && v.u.m->len) {
        MapEnt **es = map_sorted(v.u.m, 2);
        if (v.g == GT_STRUCT) {   /* a struct keeps its field order */
            uint32_t k = 0;
            MAP_EACH(v.u.m, ent) es[k++] = ent;
        }
        for (uint32_t i = 0; i < v.u.m->len && !err; i++) {
            if (i || !inline_first) pr_indent(b, indent);
            int simple = pr_simple_key(es[i]->k, es[i]->klen);
            if (!simple) buf_puts(b, "? ");
            err = pr_put_scalar(b, v_str(es[i]->k, es[i]->klen), indent);
            if (err) break;
            if (!simple) {   /* "? key" then ": value", a collection starting on that line */
                buf_putc(b, '\n');
                pr_indent(b, indent);
            }
            buf_putc(b, ':');
            Value it = es[i]->v;
            int empty;
            if (!simple && pr_is_coll(it, &empty) && !empty) {
                buf_putc(b, ' ');
                err = pr_node(b, it, indent + 2, 1, w);
            } else if (pr_is_coll(it, &empty) && !empty) {
                buf_putc(b, '\n');
                err = pr_node(b, it, indent + 2, 0, w);
            } else {
                buf_putc(b, ' ');
                err = pr_put_scalar(b, it, indent);
                buf_putc(b, '\n');
            }
        }
        return err;
    }
    err = pr_put_scalar(b, v, indent);
    buf_putc(b, '\n');
    return err;
}

const char *yaml_dump_pretty(Buf *b, Value v)
{
    Buf t = {0};
    VWalk w = {0};
    const char *err = pr_node(&t, v, 0, 0, &w);
    if (!err) buf_put(b, t.p, t.len);
    buf_free(&t);
    return err;
}
