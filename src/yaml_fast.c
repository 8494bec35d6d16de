/*
 * yaml_fast.c - a fast reader for the plain block YAML that rendered
 * manifests and values files are made of, building the same node tree as
 * yaml_load.c's libyaml pass (yl_document), so that everything after it
 * (resolution, decoding, errors) is shared.
 * Mirrors libyaml 0.2.5 src/scanner.c (yaml_parser_scan_plain_scalar,
 * yaml_parser_scan_block_scalar[_breaks], yaml_parser_scan_flow_scalar,
 * yaml_parser_fetch_next_token) and src/reader.c (allowed characters), the
 * code go-yaml v2's scannerc.go is a port of, for the subset read here.
 *
 * It only ever answers for documents it fully understands: block mappings
 * and sequences (also indentless and compact ones), plain scalars and
 * quoted block values (also over several lines), literal and folded block
 * scalars, single-line flow collections of scalars. Anything else (anchors,
 * aliases, tags, complex keys, keys over lines, tabs, CR line breaks,
 * control characters, several documents, anything libyaml would reject)
 * makes it give up, and libyaml reads the text instead: libyaml stays the
 * reference for every error and every rare form; this reader never decides
 * an error.
 */
#include "yaml_priv.h"
#include "chartc/swar.h"

#include <setjmp.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define YF_MAX_KEYS 8   /* keys mode: at most this many keys (more: not used) */
typedef struct YFKey { const char *s, *sub; size_t n, subn; } YFKey;   /* "s" or "s/sub" */

typedef struct YF {
    const char *s, *e;   /* text, end */
    const char *p;       /* position */
    int depth;
    int multi;           /* the last quoted scalar spanned lines */
    Buf str, lead, trail;   /* scalar scratch, reused; freed by yaml_fast_read */
    int pooled;          /* nodes in `mem` (else in the arena) */
    YFMem *mem;          /* chunks of nodes, newest first */
    int in_key;          /* reading a mapping key: its text goes to `mem` too */
    YNode **kids;        /* children of the collections being read (heap): */
    size_t nkids, capkids;   /* each array is made at the exact size at its end */
    /* keys mode (yaml_fast_read_keys): the values of the other top-level
     * keys are read in skip mode: checked exactly as when kept, nothing
     * made of them (yf_node and yf_scalar hand out `dummy` and `skipped`) */
    int keys, nkeys;     /* keys mode, with nkeys keys in want */
    YFKey want[YF_MAX_KEYS];
    int skip;            /* reading a skipped value */
    const YNode *part;   /* the top-level key being read, when only paths under it are kept */
    int unclean;         /* a skipped scalar or key fails yaml_clean_* */
    YNode dummy, skipped;
    jmp_buf jb;
} YF;

#define YF_MAX_DEPTH 200       /* deeper: libyaml (and its depth limit) */
#define YF_MAX_KEY 1000        /* libyaml: simple keys are < 1024 chars */

static _Noreturn void yf_give_up(YF *y) { longjmp(y->jb, 1); }

/* ---- characters (reader.c) ------------------------------------------ */

/* The text is made of characters libyaml accepts and that this reader
 * treats as ordinary: valid UTF-8, printable, no tab, no CR, no NUL, no
 * non-ASCII line break (NEL, LS, PS) and no BOM. */
static int yf_clean_text(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    while (p < e) {
        /* eight printable ASCII bytes or newlines at a time (all in
         * [0x20, 0x7F) once newlines are made 'J' through an exact mask of
         * them), two words a turn while they pass; a word failing the
         * test is looked at byte by byte */
        while (e - p >= 16) {
            uint64_t x = swar_load(p), z = swar_load(p + 8);
            x |= swar_eq(x, '\n') >> 1;
            z |= swar_eq(z, '\n') >> 1;
            if (swar_outside(x, 0x20, 0x7F) | swar_outside(z, 0x20, 0x7F)) break;
            p += 16;
        }
        if (e - p >= 8) {
            uint64_t x = swar_load(p);
            x |= swar_eq(x, '\n') >> 1;
            if (!swar_outside(x, 0x20, 0x7F)) {
                p += 8;
                continue;
            }
            for (const unsigned char *w = p + 8; p < w;) {
                unsigned c = *p;
                if (c >= 0x80) break;
                if (c < 0x20 ? c != '\n' : c == 0x7F) return 0;
                p++;
            }
            if (p < e && *p < 0x80) continue;
        }
        if (p >= e) break;
        unsigned c = *p;
        if (c < 0x80) {
            if (c < 0x20 ? c != '\n' : c == 0x7F) return 0;
            p++;
            continue;
        }
        unsigned r, need;
        if (c >= 0xC2 && c <= 0xDF) { need = 1; r = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; r = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; r = c & 0x07; }
        else return 0;
        if ((size_t)(e - p) <= need) return 0;
        for (unsigned i = 1; i <= need; i++) {
            if ((p[i] & 0xC0) != 0x80) return 0;
            r = (r << 6) | (p[i] & 0x3F);
        }
        static const unsigned minr[] = {0, 0x80, 0x800, 0x10000};
        if (r < minr[need] || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0;
        if (r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF) return 0;
        if (r < 0xA0) return 0;   /* C1 controls */
        p += need + 1;
    }
    return 1;
}

static int is_blankz(const YF *y, const char *p) { return p >= y->e || *p == ' ' || *p == '\n'; }

/* The first byte at or after q (up to e) that is not a space: eight at a
 * time (the first non-zero byte of the word XOR spaces). */
static const char *skip_sp(const char *q, const char *e)
{
    while (e - q >= 8) {
        uint64_t x = swar_load(q) ^ (SWAR_ONES * ' ');
        if (x) return q + swar_first(x);
        q += 8;
    }
    while (q < e && *q == ' ') q++;
    return q;
}

/* ---- nodes ------------------------------------------------------------ */

/* The nodes and child arrays of a tree (not the scalars' text: the
 * decoded values keep pointing to it) come from chunks of their own, which
 * yaml_fast_free releases once the tree is decoded: on a big values file
 * they are most of the memory that reading it takes (a 10 MB file made
 * 110 MiB of tree, 70 of it nodes and child arrays). Chunks are mapped
 * directly; for a big text in whole huge pages (cc_map: a page fault at
 * a time is slow on the VMs this runs on, one per 2 MiB is not, but a
 * huge page costs as much as ten small ones, more than a Chart.yaml
 * touches). A request bigger than a chunk gets a chunk of its own, only
 * as big as it needs (its whole 2 MiB huge pages). Fresh memory is zero,
 * so only what an earlier tree used is cleared. One chunk is kept for the
 * next tree (a huge one rather than a small one), as most trees (a
 * manifest, a Chart.yaml) fit in it. */
struct YFMem { struct YFMem *next; size_t used, dirty, size; int huge, keep; max_align_t data[]; };
#define YF_MAP CC_HUGE_PAGE
#define YF_CHUNK (YF_MAP - sizeof(YFMem))
#define YF_BIG_TEXT 65536
#define YF_FIRST CC_FIRST_YAML   /* the first chunk, cut from the deep stack's huge page */
static __thread YFMem *yf_spare;   /* a free chunk: YF_CHUNK, or the first one (keep) */

/* A chunk with room for n bytes more than the current one has, linked
 * in: the spare, a new chunk, or a big request's own. */
static __attribute__((noinline)) YFMem *yf_chunk(YF *y, size_t n)
{
    YFMem *c;
    size_t size = n > YF_CHUNK / 4 ? n : YF_CHUNK;
    int huge = size > YF_CHUNK || y->e - y->s > YF_BIG_TEXT;
    if (size == YF_CHUNK && yf_spare && (yf_spare->huge || !huge) && yf_spare->size >= n) {
        c = yf_spare;
        yf_spare = NULL;
    } else if (size == YF_CHUNK && n <= YF_FIRST / 4 && (c = cc_first_take(YF_FIRST))) {
        /* already faulted in with the stack (value.h); never unmapped */
        c->size = YF_FIRST - sizeof *c;
        c->dirty = 0;
        c->huge = c->keep = 1;
    } else {
        /* a whole chunk, or a bigger request's own pages: as a big arena
         * block, whole 2 MiB huge, the rest populated at once */
        size_t total = size > YF_CHUNK ? (sizeof *c + size + 4095) & ~(size_t)4095 : YF_MAP;
        if (total < size) cc_oom();
        int flags = size > YF_CHUNK ? CC_MAP_HUGE | CC_MAP_POPULATE_SMALL : huge ? CC_MAP_HUGE : 0;
        if (!(c = cc_map(total, flags))) cc_oom();
        c->size = total - sizeof *c;
        c->dirty = 0;
        c->huge = huge;
        c->keep = 0;
        if (size < YF_CHUNK) size = YF_CHUNK;   /* it holds a whole chunk: the current one, and kept */
    }
    c->used = 0;
    if (size > YF_CHUNK && y->mem) {   /* a big one: keep filling the current chunk */
        c->next = y->mem->next;
        y->mem->next = c;
    } else {
        c->next = y->mem;
        y->mem = c;
    }
    return c;
}

static void *yf_alloc(YF *y, size_t n)
{
    if (!y->pooled) return cc_alloc(n);
    n = (n + 7) & ~(size_t)7;   /* pointers and sizes at most: 8-byte alignment */
    YFMem *c = y->mem;
    if (!c || c->size - c->used < n) c = yf_chunk(y, n);
    void *p = (char *)c->data + c->used;
    if (c->used < c->dirty) memset(p, 0, c->dirty - c->used < n ? c->dirty - c->used : n);   /* an earlier tree's */
    c->used += n;
    if (c->dirty < c->used) c->dirty = c->used;
    return p;
}

void yaml_fast_free(YFMem *m)
{
    while (m) {
        YFMem *next = m->next;
        /* the spare: the first chunk (faulted in, never unmapped), else a
         * whole one, a huge one rather than a small one */
        if (m->keep || (m->size == YF_CHUNK && (!yf_spare || (m->huge && !yf_spare->huge && !yf_spare->keep)))) {
            if (yf_spare) munmap(yf_spare, sizeof *yf_spare + yf_spare->size);
            yf_spare = m;
        } else {
            munmap(m, sizeof *m + m->size);
        }
        m = next;
    }
}

static YNode *yf_node(YF *y, int kind)
{
    if (y->skip) {
        y->dummy.kind = (uint8_t)kind;
        return &y->dummy;
    }
    YNode *n = yf_alloc(y, sizeof *n);
    n->kind = (uint8_t)kind;
    n->tag = "";
    return n;
}

/* A scalar's text, NUL-terminated: in the arena, where the decoded
 * string values keep pointing to it, except a key's (map_set copies keys),
 * which goes with the nodes. */
static char *yf_text(YF *y, const char *s, size_t len)
{
    if (y->skip) return (char *)s;   /* only looked at (not NUL-terminated) */
    if (!y->in_key || !y->pooled) return cc_strndup(s, len);
    char *t = yf_alloc(y, len + 1);
    if (len) memcpy(t, s, len);
    t[len] = 0;
    return t;
}

static YNode *yf_scalar(YF *y, const char *s, size_t len, int plain)
{
    YNode *n = y->skip ? &y->skipped : yf_node(y, YN_SCALAR);
    n->val = yf_text(y, s, len);
    n->vlen = len;
    n->implicit = (uint8_t)plain;
    return n;
}

/* The next child of the collection being read (its siblings-to-be wait on
 * y->kids; yf_kids gives them to the collection). */
static void yf_add(YF *y, YNode *kid)
{
    if (y->skip) {   /* a skipped value: only whether it decodes cleanly */
        if (kid->kind == YN_SCALAR && !yaml_clean_scalar(kid)) y->unclean = 1;
        return;
    }
    if (y->nkids == y->capkids) {
        y->capkids = y->capkids ? 2 * y->capkids : 256;
        y->kids = realloc(y->kids, y->capkids * sizeof *y->kids);
        if (!y->kids) cc_oom();
    }
    y->kids[y->nkids++] = kid;
}

/* A mapping key: the next child, or in skip mode checked as a key. */
static void yf_add_key(YF *y, YNode *k)
{
    if (!y->skip) yf_add(y, k);
    else if (!yaml_clean_key(k)) y->unclean = 1;
}

/* The children added since `base` become n's, in an array of their size. */
static void yf_kids(YF *y, YNode *n, size_t base)
{
    if (y->skip) return;
    size_t k = y->nkids - base;
    if (k) {
        n->kids = yf_alloc(y, k * sizeof *n->kids);
        memcpy(n->kids, y->kids + base, k * sizeof *n->kids);
    }
    n->nkids = n->cap = (uint32_t)k;
    y->nkids = base;
}

/* ---- lines ------------------------------------------------------------ */

static const char *line_start(const YF *y, const char *p)
{
    while (p > y->s && p[-1] != '\n') p--;
    return p;
}

/* Back to the start of the line holding p (the end of the text stays). */
static void to_line_start(YF *y)
{
    if (y->p < y->e) y->p = line_start(y, y->p);
}

/* From the start of a line: skip blank and comment-only lines; leaves p at
 * the first character of the next content line and returns its column, or
 * -1 at the end of the text. Document markers and directives give up. */
static int next_content(YF *y)
{
    for (;;) {
        const char *ls = y->p, *q = ls;
        if (q >= y->e) return -1;
        q = skip_sp(q, y->e);
        if (q >= y->e) { y->p = q; return -1; }
        if (*q == '\n') { y->p = q + 1; continue; }
        if (*q == '#') {
            const char *nl = memchr(q, '\n', (size_t)(y->e - q));
            y->p = nl ? nl + 1 : y->e;
            continue;
        }
        if (q == ls && (*q == '%' || ((y->e - q >= 3) && (!memcmp(q, "---", 3) || !memcmp(q, "...", 3)) &&
                                      is_blankz(y, q + 3))))
            yf_give_up(y);
        y->p = q;
        return (int)(q - ls);
    }
}

/* After a token: spaces, then the end of the line or a comment. Moves to
 * the start of the next line. */
static void end_of_line(YF *y)
{
    const char *q = y->p;
    int spaced = q == y->s || q[-1] == ' ';
    const char *t = skip_sp(q, y->e);
    if (t > q) spaced = 1;
    q = t;
    if (q < y->e && *q == '#' && spaced) {
        const char *nl = memchr(q, '\n', (size_t)(y->e - q));
        q = nl ? nl : y->e;
    }
    if (q < y->e && *q != '\n') yf_give_up(y);
    y->p = q < y->e ? q + 1 : q;
}

/* ---- scalars ---------------------------------------------------------- */

/* A plain scalar on one line starting at y->p. Stops before " #" or at the
 * end of the line (y->p after its last character: trailing spaces are not
 * part of it), or at ": " / ':' ending the line, a key (*is_key set, y->p
 * at the ':'); in flow context (flow != 0) also before ,[]{}, giving up
 * on a ':' that libyaml would reject there. */
static const char *plain_scan(YF *y, int flow, int *is_key)
{
    const char *st = y->p, *q = st, *end = st;
    *is_key = 0;
    if (!flow) {
        /* in block context only ':', '#' and a line break can end it
         * (spaces only matter before '#' and at its end): eight bytes
         * at a time up to the first of them (swar_below of the XOR:
         * exact up to it); st is not a space nor a '#' */
        for (;;) {
            while (y->e - q >= 8) {
                uint64_t w = swar_load(q);
                uint64_t m = swar_below(w ^ (SWAR_ONES * ':'), 1) | swar_below(w ^ (SWAR_ONES * '#'), 1) |
                             swar_below(w ^ (SWAR_ONES * '\n'), 1);
                if (m) {
                    q += swar_first(m);
                    goto found;
                }
                q += 8;
            }
            while (q < y->e && *q != ':' && *q != '#' && *q != '\n') q++;
        found:
            if (q >= y->e || *q == '\n' || (*q == '#' && q > st && q[-1] == ' ')) break;
            if (*q == ':' && is_blankz(y, q + 1)) {
                *is_key = 1;
                end = q;
                while (end > st && end[-1] == ' ') end--;
                if (end == st) yf_give_up(y);
                y->p = q;   /* at the ':' */
                return end;
            }
            q++;
        }
        end = q;
        while (end > st && end[-1] == ' ') end--;
        if (end == st) yf_give_up(y);
        y->p = end;
        return end;
    }
    while (q < y->e && *q != '\n') {
        char c = *q;
        if (c == ' ') {
            q++;
            if (q < y->e && *q == '#') break;
            continue;
        }
        if (c == ':') {
            if (is_blankz(y, q + 1)) {
                *is_key = 1;
                if (end == st) yf_give_up(y);
                y->p = q;   /* at the ':' */
                return end;
            }
            if (strchr(",?[]{}", q[1])) yf_give_up(y);
        }
        if (strchr(",[]{}", c)) break;
        q++;
        end = q;
    }
    if (end == st) yf_give_up(y);
    y->p = end;
    return end;
}

static YNode *plain_here(YF *y, int flow, int *is_key)
{
    const char *st = y->p, *end = plain_scan(y, flow, is_key);
    return yf_scalar(y, st, (size_t)(end - st), 1);
}

/* The rest of a block plain scalar whose first line ended at y->p
 * (yaml_parser_scan_plain_scalar): it goes on over the following lines
 * indented deeper than the enclosing collection (`parent`), one line break
 * folded to a space, n empty lines to n newlines; a comment, a line not
 * deeper, or the end of the text ends it. A ": " in a continuation line is
 * an error, and "---" / "..." there a document marker: libyaml decides.
 * Leaves y->p at the start of the line after the scalar. */
static YNode *plain_more(YF *y, YNode *n, int parent)
{
    Buf *b = NULL;
    const char *q = y->p;
    for (;;) {
        q = skip_sp(q, y->e);
        if (q >= y->e || *q != '\n') break;   /* a comment or the end of the text */
        const char *r = q + 1, *ls;
        int breaks = 0;
        for (;;) {
            ls = r;
            r = skip_sp(r, y->e);
            if (r < y->e && *r == '\n') { breaks++; r++; continue; }
            break;
        }
        if (r >= y->e || *r == '#' || (int)(r - ls) <= parent) break;
        if (r == ls && y->e - r >= 3 && (!memcmp(r, "---", 3) || !memcmp(r, "...", 3)) && is_blankz(y, r + 3))
            yf_give_up(y);
        if (!b) {
            b = &y->str;
            b->len = 0;
            buf_put(b, n->val, n->vlen);
        }
        if (!breaks) buf_putc(b, ' ');
        else for (int i = 0; i < breaks; i++) buf_putc(b, '\n');
        y->p = r;
        int is_key;
        const char *end = plain_scan(y, 0, &is_key);
        if (is_key) yf_give_up(y);
        buf_put(b, r, (size_t)(end - r));
        q = end;
    }
    y->p = q;
    end_of_line(y);
    if (b) {
        n->val = yf_text(y, b->p, b->len);
        n->vlen = b->len;
    }
    return n;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
    return -1;
}

static void put_utf8(Buf *b, unsigned r)
{
    char t[4];
    if (r < 0x80) { t[0] = (char)r; buf_put(b, t, 1); }
    else if (r < 0x800) { t[0] = (char)(0xC0 | r >> 6); t[1] = (char)(0x80 | (r & 0x3F)); buf_put(b, t, 2); }
    else if (r < 0x10000) {
        t[0] = (char)(0xE0 | r >> 12); t[1] = (char)(0x80 | ((r >> 6) & 0x3F));
        t[2] = (char)(0x80 | (r & 0x3F)); buf_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | r >> 18); t[1] = (char)(0x80 | ((r >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((r >> 6) & 0x3F)); t[3] = (char)(0x80 | (r & 0x3F)); buf_put(b, t, 4);
    }
}

/* A quoted scalar closed on the same line (yaml_parser_scan_flow_scalar
 * without line folding). */
/* The line breaks and indentation that end one line of a multi-line
 * quoted scalar (at p: the break, or the break after an escaped one
 * when `escaped`), folded as yaml_parser_scan_flow_scalar does: one
 * break is a space (nothing after an escaped break), each further one a
 * newline. The next line's text must start deeper than min_col - 1 and
 * not at the end. Returns the position of that text. */
static const char *quoted_fold(YF *y, const char *p, int min_col, int escaped, Buf *b)
{
    int breaks = 0;
    if (!escaped) p++;            /* the first break */
    for (;;) {
        const char *ls = p;
        while (p < y->e && *p == ' ') p++;
        if (p >= y->e) yf_give_up(y);
        if (*p == '\n') { breaks++; p++; continue; }
        if (p - ls < min_col) yf_give_up(y);
        break;
    }
    if (!breaks && !escaped) buf_putc(b, ' ');
    for (int i = 0; i < breaks; i++) buf_putc(b, '\n');
    y->multi = 1;
    return p;
}

/* A single-quoted or double-quoted scalar at y->p. min_col > 0 allows it
 * to span lines whose text starts at that column or deeper (y->multi is
 * then set); 0 gives up at a line break. */
static YNode *quoted_here(YF *y, int min_col)
{
    char q = *y->p;
    const char *st = ++y->p, *p = st;
    /* no escapes: the text itself */
    while (p < y->e && *p != q && *p != '\n' && !(q == '"' && *p == '\\')) p++;
    if (p < y->e && *p == q && !(q == '\'' && p + 1 < y->e && p[1] == '\'')) {
        y->p = p + 1;
        return yf_scalar(y, st, (size_t)(p - st), 0);
    }
    Buf *b = &y->str;
    b->len = 0;
    buf_put(b, st, (size_t)(p - st));
    /* b->len - blanks: where the literal spaces before p began (dropped
     * when a line break follows them) */
    size_t blanks = 0;
    while (blanks < b->len && b->p[b->len - 1 - blanks] == ' ') blanks++;
    for (;;) {
        if (p >= y->e) yf_give_up(y);
        if (*p == '\n') {
            if (!min_col) yf_give_up(y);
            b->len -= blanks;
            blanks = 0;
            p = quoted_fold(y, p, min_col, 0, b);
            continue;
        }
        if (*p == ' ') { buf_putc(b, *p++); blanks++; continue; }
        blanks = 0;
        if (q == '\'') {
            if (*p == '\'') {
                if (p + 1 < y->e && p[1] == '\'') { buf_putc(b, '\''); p += 2; continue; }
                break;
            }
            buf_putc(b, *p++);
            continue;
        }
        if (*p == '"') break;
        if (*p != '\\') { buf_putc(b, *p++); continue; }
        if (p + 1 >= y->e) yf_give_up(y);
        char c = p[1];
        int k = 0;
        if (c == '\n') {         /* an escaped line break joins the lines */
            if (!min_col) yf_give_up(y);
            p = quoted_fold(y, p + 2, min_col, 1, b);
            continue;
        }
        switch (c) {
        case '0': buf_putc(b, '\0'); break;
        case 'a': buf_putc(b, '\a'); break;
        case 'b': buf_putc(b, '\b'); break;
        case 't': buf_putc(b, '\t'); break;
        case 'n': buf_putc(b, '\n'); break;
        case 'v': buf_putc(b, '\v'); break;
        case 'f': buf_putc(b, '\f'); break;
        case 'r': buf_putc(b, '\r'); break;
        case 'e': buf_putc(b, '\x1b'); break;
        case ' ': buf_putc(b, ' '); break;
        case '"': buf_putc(b, '"'); break;
        case '/': buf_putc(b, '/'); break;
        case '\'': buf_putc(b, '\''); break;
        case '\\': buf_putc(b, '\\'); break;
        case 'N': put_utf8(b, 0x85); break;
        case '_': put_utf8(b, 0xA0); break;
        case 'L': put_utf8(b, 0x2028); break;
        case 'P': put_utf8(b, 0x2029); break;
        case 'x': k = 2; break;
        case 'u': k = 4; break;
        case 'U': k = 8; break;
        default: yf_give_up(y);
        }
        p += 2;
        if (k) {
            unsigned r = 0;
            for (int i = 0; i < k; i++) {
                int h = p + i < y->e ? hexval(p[i]) : -1;
                if (h < 0) yf_give_up(y);
                r = (r << 4) | (unsigned)h;
            }
            if ((r >= 0xD800 && r <= 0xDFFF) || r > 0x10FFFF) yf_give_up(y);
            put_utf8(b, r);
            p += k;
        }
    }
    y->p = p + 1;
    return yf_scalar(y, b->p ? b->p : "", b->len, 0);
}

/* Leading empty lines of a block scalar (yaml_parser_scan_block_scalar_
 * breaks): eats up to *indent spaces of each line (all of them while the
 * indentation is not known), appends the line breaks to `breaks`, and
 * fixes the indentation from the first non-empty line. Returns the
 * column where it stops (y->p). */
static int block_breaks(YF *y, int parent, int *indent, Buf *breaks)
{
    int max_indent = 0, col;
    for (;;) {
        const char *ls = y->p, *q = ls;
        while ((!*indent || q - ls < *indent) && q < y->e && *q == ' ') q++;
        col = (int)(q - ls);
        if (col > max_indent) max_indent = col;
        y->p = q;
        if (q >= y->e || *q != '\n') break;
        buf_putc(breaks, '\n');
        y->p = q + 1;
    }
    if (!*indent) {
        /* the first non-empty line sets it; blank lines indented more
         * than that are an error in the specification: libyaml decides */
        const char *q = y->p;
        while (q < y->e && *q == ' ') q++;
        if (q < y->e && col + (int)(q - y->p) < max_indent) yf_give_up(y);
        *indent = max_indent;
        if (*indent < parent + 1) *indent = parent + 1;
        if (*indent < 1) *indent = 1;
    }
    return col;
}

/* A literal (|) or folded (>) block scalar; y->p at the indicator, parent
 * is the indentation of the enclosing block collection (libyaml's
 * parser->indent). */
static YNode *block_scalar(YF *y, int parent)
{
    int literal = *y->p == '|', chomping = 0, increment = 0;
    y->p++;
    if (y->p < y->e && (*y->p == '+' || *y->p == '-')) {
        chomping = *y->p++ == '+' ? 1 : -1;
        if (y->p < y->e && *y->p >= '1' && *y->p <= '9') increment = *y->p++ - '0';
    } else if (y->p < y->e && *y->p >= '1' && *y->p <= '9') {
        increment = *y->p++ - '0';
        if (y->p < y->e && (*y->p == '+' || *y->p == '-')) chomping = *y->p++ == '+' ? 1 : -1;
    }
    if (y->p < y->e && *y->p != ' ' && *y->p != '\n') yf_give_up(y);
    end_of_line(y);
    int indent = increment ? (parent >= 0 ? parent + increment : increment) : 0;
    Buf *str = &y->str, *leading = &y->lead, *trailing = &y->trail;
    str->len = leading->len = trailing->len = 0;
    int leading_blank = 0;
    int at = block_breaks(y, parent, &indent, trailing);
    while (y->p < y->e && at == indent) {
        int trailing_blank = *y->p == ' ';
        if (!literal && leading->len && leading->p[0] == '\n' && !leading_blank && !trailing_blank) {
            if (!trailing->len) buf_putc(str, ' ');
            leading->len = 0;
        } else {
            buf_put(str, leading->p, leading->len);
            leading->len = 0;
        }
        buf_put(str, trailing->p, trailing->len);
        trailing->len = 0;
        leading_blank = *y->p == ' ';
        const char *nl = memchr(y->p, '\n', (size_t)(y->e - y->p));
        const char *le = nl ? nl : y->e;
        buf_put(str, y->p, (size_t)(le - y->p));
        y->p = le;
        if (!nl) break;
        buf_putc(leading, '\n');
        y->p = nl + 1;
        at = block_breaks(y, parent, &indent, trailing);
    }
    if (chomping != -1) buf_put(str, leading->p, leading->len);
    if (chomping == 1) buf_put(str, trailing->p, trailing->len);
    YNode *n = yf_scalar(y, str->p ? str->p : "", str->len, 0);
    /* back to the start of the line that ended it */
    to_line_start(y);
    return n;
}

/* ---- flow collections (one line) -------------------------------------- */

static void skip_spaces(YF *y) { y->p = skip_sp(y->p, y->e); }

static YNode *flow_node(YF *y);

static YNode *flow_collection(YF *y)
{
    int map = *y->p == '{';
    char close = map ? '}' : ']';
    if (++y->depth > YF_MAX_DEPTH) yf_give_up(y);
    YNode *n = yf_node(y, map ? YN_MAP : YN_SEQ);
    size_t base = y->nkids;
    n->flow = 1;
    y->p++;
    skip_spaces(y);
    if (y->p < y->e && *y->p == close) {
        y->p++;
        y->depth--;
        return n;
    }
    for (;;) {
        if (map) {
            int is_key = 0;
            YNode *k;
            y->in_key = 1;
            if (y->p < y->e && (*y->p == '"' || *y->p == '\'')) {
                k = quoted_here(y, 0);
                skip_spaces(y);
                if (y->p >= y->e || *y->p != ':') yf_give_up(y);
            } else {
                if (y->p >= y->e || strchr("-?:,[]{}#&*!|>'\"%@`\n ", *y->p)) yf_give_up(y);
                k = plain_here(y, 1, &is_key);
                if (!is_key) yf_give_up(y);
            }
            y->in_key = 0;
            y->p++;   /* ':' */
            skip_spaces(y);
            if (y->p >= y->e || *y->p == ',' || *y->p == '}') yf_give_up(y);
            yf_add_key(y, k);
            yf_add(y, flow_node(y));
        } else {
            yf_add(y, flow_node(y));
        }
        skip_spaces(y);
        if (y->p >= y->e) yf_give_up(y);
        if (*y->p == close) { y->p++; break; }
        if (*y->p != ',') yf_give_up(y);
        y->p++;
        skip_spaces(y);
        if (y->p >= y->e || *y->p == close || *y->p == ',') yf_give_up(y);
    }
    yf_kids(y, n, base);
    y->depth--;
    return n;
}

/* A value inside a flow collection: a scalar or a nested collection. */
static YNode *flow_node(YF *y)
{
    if (y->p >= y->e) yf_give_up(y);
    char c = *y->p;
    if (c == '[' || c == '{') return flow_collection(y);
    if (c == '"' || c == '\'') return quoted_here(y, 0);
    if (strchr("?:,]}#&*!|>%@`\n ", c) || (c == '-' && is_blankz(y, y->p + 1))) yf_give_up(y);
    int is_key;
    YNode *n = plain_here(y, 1, &is_key);
    if (is_key) yf_give_up(y);   /* a single-pair mapping in a sequence, or worse */
    return n;
}

/* ---- block structure -------------------------------------------------- */

static YNode *block_node(YF *y, int parent, int after_key, int col);

/* Next line's content column for a node that just ended (-1: end of
 * text); content deeper than the enclosing collection would continue a
 * plain scalar or be an error: libyaml decides. */
static int after_node(YF *y, int parent)
{
    int col = next_content(y);
    if (col > parent) yf_give_up(y);
    return col;
}

static int at_dash(const YF *y) { return *y->p == '-' && is_blankz(y, y->p + 1); }

/* A block plain scalar may start at y->p (yaml_parser_fetch_next_token's
 * indicators: "?", ":" and "-" only when a blank follows). */
static int plain_may_start(const YF *y)
{
    unsigned char c = (unsigned char)*y->p;
    if (c == '?' || c == ':' || c == '-') return !is_blankz(y, y->p + 1);
    /* the indicators ,[]{}#&*!|>'"%@` (and NUL: strchr's end) */
    static const uint32_t ind[4] = {0x00000001, 0x400014ee, 0x28000001, 0x38000001};
    return c >= 0x80 || !(ind[c >> 5] >> (c & 31) & 1);
}

/* Keys mode: is the top-level key k kept, as one of the keys or as the
 * first part of a "key/sub" path? *part: only the paths under it are
 * (its value's mapping keeps only their subkeys). */
static int yf_wanted(const YF *y, const YNode *k, int *part)
{
    int whole = 0, some = 0;
    for (int i = 0; i < y->nkeys; i++) {
        const YFKey *w = &y->want[i];
        if (w->n != k->vlen || memcmp(w->s, k->val, w->n)) continue;
        if (w->sub) some = 1;
        else whole = 1;
    }
    *part = some && !whole;
    return whole || some;
}

/* Is k, a key of the mapping that is the value of the partly kept
 * top-level key `top`, the subkey of one of its paths? */
static int yf_wanted_sub(const YF *y, const YNode *top, const YNode *k)
{
    for (int i = 0; i < y->nkeys; i++) {
        const YFKey *w = &y->want[i];
        if (w->sub && w->n == top->vlen && !memcmp(w->s, top->val, w->n) && w->subn == k->vlen &&
            !memcmp(w->sub, k->val, k->vlen))
            return 1;
    }
    return 0;
}

/* Block mapping whose keys are at column `col`; the first key starts at
 * y->p. Returns with y->p at the first content line less indented (or the
 * end), whose column is *next. */
static YNode *block_mapping(YF *y, int col, int *next)
{
    /* keys mode: the top-level pairs to keep, and those of the mapping
     * that is the value of a partly kept one */
    int top = y->keys && !y->depth, sub = y->part && y->depth == 1;
    if (++y->depth > YF_MAX_DEPTH) yf_give_up(y);
    YNode *m = yf_node(y, YN_MAP);
    size_t base = y->nkids;
    for (;;) {
        const char *ks = y->p;
        YNode *k;
        y->in_key = 1;
        if (*y->p == '"' || *y->p == '\'') {
            k = quoted_here(y, 0);
            skip_spaces(y);
            if (y->p >= y->e || *y->p != ':' || !is_blankz(y, y->p + 1)) yf_give_up(y);
        } else {
            int is_key;
            if (!plain_may_start(y)) yf_give_up(y);   /* an anchor, tag, flow key...: libyaml */
            k = plain_here(y, 0, &is_key);
            if (!is_key) yf_give_up(y);
        }
        y->in_key = 0;
        if (y->p - ks > YF_MAX_KEY) yf_give_up(y);
        y->p++;   /* ':' */
        if (top) {
            int part;
            y->skip = !yf_wanted(y, k, &part);
            y->part = part ? k : NULL;
        } else if (sub) {
            y->skip = !yf_wanted_sub(y, y->part, k);
        }
        yf_add_key(y, k);
        skip_spaces(y);
        int ncol;
        if (y->p >= y->e || *y->p == '\n' || *y->p == '#') {
            end_of_line(y);
            ncol = next_content(y);
            if (ncol > col) {
                yf_add(y, block_node(y, col, 0, ncol));
                ncol = after_node(y, col);
            } else if (ncol == col && at_dash(y)) {
                yf_add(y, block_node(y, col, 0, ncol));   /* indentless sequence */
                ncol = after_node(y, col);
            } else {
                yf_add(y, yf_scalar(y, "", 0, 1));
            }
        } else {
            yf_add(y, block_node(y, col, 1, -1));
            ncol = after_node(y, col);
        }
        if (top) {
            y->skip = 0;
            y->part = NULL;
        } else if (sub) {
            y->skip = 0;
        }
        if (ncol != col) { *next = ncol; break; }
        if (at_dash(y)) yf_give_up(y);
    }
    yf_kids(y, m, base);
    y->depth--;
    return m;
}

/* Block sequence whose dashes are at column `col` (y->p at the first). */
static YNode *block_sequence(YF *y, int col, int *next)
{
    if (++y->depth > YF_MAX_DEPTH) yf_give_up(y);
    YNode *s = yf_node(y, YN_SEQ);
    size_t base = y->nkids;
    for (;;) {
        const char *dash = y->p++;
        skip_spaces(y);
        int ncol;
        if (y->p >= y->e || *y->p == '\n' || *y->p == '#') {
            end_of_line(y);
            ncol = next_content(y);
            if (ncol > col) {
                yf_add(y, block_node(y, col, 0, ncol));
                ncol = after_node(y, col);
            } else {
                yf_add(y, yf_scalar(y, "", 0, 1));
            }
        } else {
            yf_add(y, block_node(y, col, 0, col + (int)(y->p - dash)));
            ncol = after_node(y, col);
        }
        if (ncol != col || !at_dash(y)) { *next = ncol; break; }
    }
    yf_kids(y, s, base);
    y->depth--;
    return s;
}

/* The node starting at y->p, inside a block collection indented `parent`
 * (-1 at the top). after_key: it follows "key: " on the same line, where
 * neither a block sequence nor a mapping may start. Returns with y->p at
 * the start of a line. col: y->p's column (-1: not known, only after a
 * key, where it is not needed). */
static YNode *block_node(YF *y, int parent, int after_key, int col)
{
    char c = *y->p;
    YNode *n;
    if (at_dash(y)) {
        if (after_key) yf_give_up(y);
        int next;
        n = block_sequence(y, col, &next);
        to_line_start(y);
        return n;
    }
    if (c == '|' || c == '>') return block_scalar(y, parent);
    if (c == '[' || c == '{') {
        n = flow_collection(y);
        skip_spaces(y);
        if (y->p < y->e && *y->p == ':') yf_give_up(y);   /* a flow key */
        end_of_line(y);
        return n;
    }
    const char *st = y->p;
    if (c == '"' || c == '\'') {
        /* a value may span lines (a key may not: libyaml's error) */
        y->multi = 0;
        n = quoted_here(y, parent + 1 > 0 ? parent + 1 : 1);
        const char *after = y->p;
        skip_spaces(y);
        int key = y->p < y->e && *y->p == ':' && is_blankz(y, y->p + 1);
        if (key && y->multi) yf_give_up(y);
        if (!key) {
            y->p = after;
            end_of_line(y);
            return n;
        }
    } else {
        if (!plain_may_start(y)) yf_give_up(y);
        int is_key;
        n = plain_here(y, 0, &is_key);
        if (!is_key) return plain_more(y, n, parent);
    }
    /* a key: a block mapping starts here */
    if (after_key) yf_give_up(y);
    y->p = st;
    int next;
    n = block_mapping(y, col, &next);
    to_line_start(y);
    return n;
}

static int fast_read(YF *y, YNode **root)
{
    CcMark mark = cc_arena_mark();
    if (setjmp(y->jb)) {
        cc_arena_release(mark);
        return 0;
    }
    /* an explicit start of the document, alone on its line */
    int explicit = 0;
    for (;;) {
        const char *q = y->p;
        while (q < y->e && *q == ' ') q++;
        if (q < y->e && *q == '\n') { y->p = q + 1; continue; }
        if (q < y->e && *q == '#') {
            const char *nl = memchr(q, '\n', (size_t)(y->e - q));
            y->p = nl ? nl + 1 : y->e;
            continue;
        }
        if (q == y->p && y->e - q >= 3 && !memcmp(q, "---", 3) && is_blankz(y, q + 3)) {
            if (explicit) yf_give_up(y);
            explicit = 1;
            y->p = q + 3;
            end_of_line(y);
            continue;
        }
        break;
    }
    int col = next_content(y);
    if (col < 0) {
        if (explicit) *root = yf_scalar(y, "", 0, 1);
        return 1;
    }
    *root = block_node(y, -1, 0, col);
    if (next_content(y) >= 0) yf_give_up(y);
    return 1;
}

/* The first document of s as a node tree (*root NULL: no document), or 0
 * when libyaml has to read it. With mem, the nodes live in *mem until
 * yaml_fast_free(*mem); without, in the arena. The scratch buffers live
 * here, outside the frame that calls setjmp, so giving up frees them too. */
static int yf_read(const char *s, size_t n, YNode **root, YFMem **mem,
                   const char *const *keys, int nkeys, int *reduced)
{
    *root = NULL;
    if (mem) *mem = NULL;
    if (!yf_clean_text(s, n)) return 0;
    YF y;
    memset(&y, 0, sizeof y);
    y.s = s; y.e = s + n; y.p = s;
    y.pooled = mem != NULL;
    if (keys && nkeys <= YF_MAX_KEYS) {
        y.keys = 1;
        y.nkeys = nkeys;
        for (int i = 0; i < nkeys; i++) {
            const char *sl = strchr(keys[i], '/');
            YFKey *w = &y.want[i];
            w->s = keys[i];
            w->n = sl ? (size_t)(sl - keys[i]) : strlen(keys[i]);
            w->sub = sl ? sl + 1 : NULL;
            w->subn = sl ? strlen(sl + 1) : 0;
        }
    }
    y.dummy.tag = y.skipped.tag = "";
    int ok = fast_read(&y, root);
    if (reduced) *reduced = ok && *root && y.keys && (*root)->kind == YN_MAP && !(*root)->flow ? 1 + y.unclean : 0;
    buf_free(&y.str);
    buf_free(&y.lead);
    buf_free(&y.trail);
    free(y.kids);
    if (ok && mem) *mem = y.mem;
    else yaml_fast_free(y.mem);
    return ok;
}

int yaml_fast_read(const char *s, size_t n, YNode **root, YFMem **mem)
{
    return yf_read(s, n, root, mem, NULL, 0, NULL);
}

int yaml_fast_read_keys(const char *s, size_t n, const char *const *keys, int nkeys,
                        YNode **root, YFMem **mem, int *reduced)
{
    return yf_read(s, n, root, mem, keys, nkeys, reduced);
}
