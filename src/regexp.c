/*
 * regexp.c - Go's regexp in linear time: RE2 syntax parsed as Go parses it
 * (same error texts), compiled to a Thompson-NFA program and run by a Pike
 * VM with leftmost-first submatches.
 * Mirrors Go src/regexp/syntax/parse.go (Parse, classes, limits),
 * simplify.go (x{n,m} expansion), compile.go (program shape, the
 * nullable-star rule of golang.org/issue/46123), prog.go (StartCond, Prefix)
 * and src/regexp/exec.go (the pikevm: thread priority, cut-off at a match).
 *
 * Unicode tables (\pL, \p{Greek}, case folding for (?i)) are not typed in:
 * they are read lazily from PCRE2, which is linked anyway, by scanning a
 * buffer of every code point with a class pattern (`[\p{X}]+`, `(?i)[..]+`)
 * and turning the runs into ranges. PCRE2 10.42 has Unicode 14.0 tables,
 * Go 1.23/1.25 have 15.0: code points new in 15.0 (mostly CJK Ext. H) are
 * in no \p class here, and the two 15.0 scripts (Kawi, Nag_Mundari) are
 * accepted names matching nothing.
 *
 * Time is O(program x subject) per search and memory O(program x groups);
 * nothing recurses on the C stack with the subject. The parse tree is
 * limited to Go's height of 1000, so compiling it recursively is bounded.
 */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/regexp.h"
#include "chartc/value.h"

unsigned long long rx_vm_steps;

/* ---- UTF-8 ------------------------------------------------------------- */

int rx_rune(const char *s, size_t n, size_t *w)
{
    const unsigned char *u = (const unsigned char *)s;
    int32_t c;
    size_t len;
    if (u[0] < 0x80) { *w = 1; return u[0]; }
    if (u[0] >= 0xc2 && u[0] <= 0xdf) { len = 2; c = u[0] & 0x1f; }
    else if (u[0] >= 0xe0 && u[0] <= 0xef) { len = 3; c = u[0] & 0x0f; }
    else if (u[0] >= 0xf0 && u[0] <= 0xf4) { len = 4; c = u[0] & 0x07; }
    else { *w = 1; return -1; }
    if (n < len) { *w = 1; return -1; }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80) { *w = 1; return -1; }
        c = (c << 6) | (u[i] & 0x3f);
    }
    if ((len == 2 && c < 0x80) || (len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
        (len == 4 && (c < 0x10000 || c > 0x10ffff))) {
        *w = 1;
        return -1;
    }
    *w = len;
    return c;
}

static size_t rx_encode(char *o, int32_t c)
{
    unsigned char *u = (unsigned char *)o;
    if (c < 0x80) { u[0] = c; return 1; }
    if (c < 0x800) { u[0] = 0xc0 | (c >> 6); u[1] = 0x80 | (c & 0x3f); return 2; }
    if (c < 0x10000) {
        u[0] = 0xe0 | (c >> 12); u[1] = 0x80 | ((c >> 6) & 0x3f); u[2] = 0x80 | (c & 0x3f);
        return 3;
    }
    u[0] = 0xf0 | (c >> 18); u[1] = 0x80 | ((c >> 12) & 0x3f);
    u[2] = 0x80 | ((c >> 6) & 0x3f); u[3] = 0x80 | (c & 0x3f);
    return 4;
}

#define MAXRUNE 0x10ffff

/* ---- character classes: sorted, merged [lo, hi] pairs ------------------ */

typedef struct RCls { int32_t *r; int n, cap; } RCls;   /* n counts int32s (2 per range) */

static void cls_add(RCls *c, int32_t lo, int32_t hi)
{
    if (c->n >= 2 && lo <= c->r[c->n - 1] + 1 && c->r[c->n - 2] <= hi + 1) {
        if (lo < c->r[c->n - 2]) c->r[c->n - 2] = lo;
        if (hi > c->r[c->n - 1]) c->r[c->n - 1] = hi;
        return;
    }
    if (c->n + 2 > c->cap) {
        int nc = c->cap ? c->cap * 2 : 16;
        c->r = cc_grow(c->r, c->cap * sizeof *c->r, nc * sizeof *c->r);
        c->cap = nc;
    }
    c->r[c->n++] = lo;
    c->r[c->n++] = hi;
}

static int cls_cmp(const void *a, const void *b)
{
    const int32_t *x = a, *y = b;
    if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
    return x[1] > y[1] ? -1 : x[1] < y[1];
}

/* Go cleanClass: sort and merge. */
static void cls_clean(RCls *c)
{
    if (c->n < 4) return;
    qsort(c->r, c->n / 2, 2 * sizeof *c->r, cls_cmp);
    int w = 2;
    for (int i = 2; i < c->n; i += 2) {
        if (c->r[i] <= c->r[w - 1] + 1) {
            if (c->r[i + 1] > c->r[w - 1]) c->r[w - 1] = c->r[i + 1];
            continue;
        }
        c->r[w] = c->r[i];
        c->r[w + 1] = c->r[i + 1];
        w += 2;
    }
    c->n = w;
}

/* Append the complement of clean class x to c. */
static void cls_add_negated(RCls *c, const RCls *x)
{
    int32_t next = 0;
    for (int i = 0; i < x->n; i += 2) {
        if (next <= x->r[i] - 1) cls_add(c, next, x->r[i] - 1);
        next = x->r[i + 1] + 1;
    }
    if (next <= MAXRUNE) cls_add(c, next, MAXRUNE);
}

static void cls_add_class(RCls *c, const RCls *x)
{
    for (int i = 0; i < x->n; i += 2) cls_add(c, x->r[i], x->r[i + 1]);
}

static int cls_has(const int32_t *r, int n, int32_t c)
{
    int lo = 0, hi = n / 2;
    while (lo < hi) {
        int m = (lo + hi) / 2;
        if (c < r[2 * m]) hi = m;
        else if (c > r[2 * m + 1]) lo = m + 1;
        else return 1;
    }
    return 0;
}

/* ---- Unicode tables read from PCRE2 ------------------------------------ */

/* Every code point but the surrogates, in order, as UTF-8; the second
 * segment (U+E000 on) starts at uni_seg2. Built once, on first use. */
static char *uni_all;
static size_t uni_all_n, uni_seg2;
/* The code points that take part in case folding (Cased, or changed by
 * case folding or mapping), for closures under (?i). */
static char *uni_cased;
static size_t uni_cased_n;

static void uni_init(void)
{
    if (uni_all) return;
    size_t cap = 0x80 + 0x780 * 2 + (0x10000 - 0x800 - 0x800) * 3 + 0x100000 * 4;
    uni_all = malloc(cap);
    if (!uni_all) cc_oom();
    size_t o = 0;
    for (int32_t c = 0; c <= MAXRUNE; c++) {
        if (c == 0xd800) { c = 0xdfff; uni_seg2 = o; continue; }
        o += rx_encode(uni_all + o, c);
    }
    uni_all_n = o;
}

typedef void (*UniRun)(void *ctx, const char *s, size_t n);

/* Calls run for each maximal run that the PCRE2 pattern `pat` matches in
 * subject s[0..n). pat must not match the empty string. */
static void uni_scan(const char *pat, const char *s, size_t n, UniRun run, void *ctx)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo, NULL);
    if (!code) return;
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    size_t pos = 0;
    while (pos < n && pcre2_match(code, (PCRE2_SPTR)s, n, pos, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (ov[1] <= ov[0]) break;
        run(ctx, s + ov[0], ov[1] - ov[0]);
        pos = ov[1];
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
}

/* A run of consecutive code points from uni_all: one range. */
static void uni_run_range(void *ctx, const char *s, size_t n)
{
    size_t w, last = n - 1;
    while (last > 0 && ((unsigned char)s[last] & 0xc0) == 0x80) last--;
    int32_t lo = rx_rune(s, n, &w), hi = rx_rune(s + last, n - last, &w);
    cls_add(ctx, lo, hi);
}

/* A run from uni_cased (not consecutive): each code point. */
static void uni_run_each(void *ctx, const char *s, size_t n)
{
    size_t w;
    for (size_t i = 0; i < n; i += w) {
        int32_t c = rx_rune(s + i, n - i, &w);
        cls_add(ctx, c, c);
    }
}

/* The code points PCRE2's class body `body` (e.g. "\\p{Lu}") matches. */
static void uni_class(const char *body, RCls *out)
{
    uni_init();
    char *pat = cc_printf("[%s]+", body);
    uni_scan(pat, uni_all, uni_seg2, uni_run_range, out);
    uni_scan(pat, uni_all + uni_seg2, uni_all_n - uni_seg2, uni_run_range, out);
}

static void uni_cased_init(void)
{
    if (uni_cased) return;
    RCls c = {0};
    uni_class("\\p{Cased}\\p{CWCF}\\p{CWCM}", &c);
    size_t n = 0;
    for (int i = 0; i < c.n; i += 2) n += (size_t)(c.r[i + 1] - c.r[i] + 1) * 4;
    uni_cased = malloc(n + 1);
    if (!uni_cased) cc_oom();
    for (int i = 0; i < c.n; i += 2)
        for (int32_t x = c.r[i]; x <= c.r[i + 1]; x++) uni_cased_n += rx_encode(uni_cased + uni_cased_n, x);
}

/* Close clean class c under Go's simple case folding (unicode.SimpleFold
 * orbits, as appendFoldedRange builds them): PCRE2 matches a caseless
 * class against every code point that takes part in folding. */
static void cls_fold(RCls *c)
{
    static RCls ascii[128];
    if (c->n == 2 && c->r[0] == c->r[1] && c->r[0] < 128 && ascii[c->r[0]].n) {
        c->n = 0;
        cls_add_class(c, &ascii[c->r[0]]);
        return;
    }
    int32_t single = c->n == 2 && c->r[0] == c->r[1] && c->r[0] < 128 ? c->r[0] : -1;
    uni_cased_init();
    Buf b = {0};
    buf_puts(&b, "(?i)[");
    int any = 0;
    for (int i = 0; i < c->n; i += 2) {
        /* only [minFold, maxFold] folds; PCRE2 takes no surrogates */
        int32_t lo = c->r[i] < 0x41 ? 0x41 : c->r[i], hi = c->r[i + 1] > 0x1e943 ? 0x1e943 : c->r[i + 1];
        int32_t part[2][2] = {{lo, hi < 0xd7ff ? hi : 0xd7ff}, {lo > 0xe000 ? lo : 0xe000, hi}};
        for (int k = 0; k < 2; k++)
            if (part[k][0] <= part[k][1]) {
                buf_printf(&b, "\\x{%x}-\\x{%x}", (unsigned)part[k][0], (unsigned)part[k][1]);
                any = 1;
            }
    }
    buf_puts(&b, "]+");
    if (any) {
        uni_scan(buf_cstr(&b), uni_cased, uni_cased_n, uni_run_each, c);
        cls_clean(c);
    }
    buf_free(&b);
    if (single >= 0) {
        RCls *a = &ascii[single];
        a->r = malloc(c->n * sizeof *a->r);
        if (!a->r) cc_oom();
        memcpy(a->r, c->r, c->n * sizeof *a->r);
        a->n = a->cap = c->n;
    }
}

/* Go's unicode.Scripts keys (Unicode 15.0). */
static const char *const uni_scripts[] = {
    "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum",
    "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid",
    "Canadian_Aboriginal", "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian",
    "Common", "Coptic", "Cuneiform", "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari",
    "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic",
    "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi",
    "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic",
    "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada",
    "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi",
    "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani",
    "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin",
    "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi",
    "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue",
    "Newa", "Nko", "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic",
    "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic",
    "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa",
    "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian",
    "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese",
    "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil",
    "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic",
    "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
};

/* Go's unicode.Categories keys (Cn only from Go 1.25 on). */
static const char *const uni_cats[] = {
    "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd",
    "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl",
    "Zp", "Zs", "Cn",
};

/* Go 1.25 unicode.CategoryAliases (Unicode's long names for categories). */
static const char *const uni_alias[][2] = {
    {"Cased_Letter", "LC"}, {"Close_Punctuation", "Pe"}, {"Combining_Mark", "M"},
    {"Connector_Punctuation", "Pc"}, {"Control", "Cc"}, {"Currency_Symbol", "Sc"},
    {"Dash_Punctuation", "Pd"}, {"Decimal_Number", "Nd"}, {"Enclosing_Mark", "Me"},
    {"Final_Punctuation", "Pf"}, {"Format", "Cf"}, {"Initial_Punctuation", "Pi"}, {"Letter", "L"},
    {"Letter_Number", "Nl"}, {"Line_Separator", "Zl"}, {"Lowercase_Letter", "Ll"}, {"Mark", "M"},
    {"Math_Symbol", "Sm"}, {"Modifier_Letter", "Lm"}, {"Modifier_Symbol", "Sk"},
    {"Nonspacing_Mark", "Mn"}, {"Number", "N"}, {"Open_Punctuation", "Ps"}, {"Other", "C"},
    {"Other_Letter", "Lo"}, {"Other_Number", "No"}, {"Other_Punctuation", "Po"}, {"Other_Symbol", "So"},
    {"Paragraph_Separator", "Zp"}, {"Private_Use", "Co"}, {"Punctuation", "P"}, {"Separator", "Z"},
    {"Space_Separator", "Zs"}, {"Spacing_Mark", "Mc"}, {"Surrogate", "Cs"}, {"Symbol", "S"},
    {"Titlecase_Letter", "Lt"}, {"Unassigned", "Cn"}, {"Uppercase_Letter", "Lu"}, {"cntrl", "Cc"},
    {"digit", "Nd"}, {"punct", "P"},
};

/* Go 1.25 canonicalName: first letter upper, the rest lower, no _ - or space. */
static char *uni_canon(const char *s, size_t n)
{
    char *o = cc_alloc(n + 1);
    size_t k = 0;
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '_' || c == '-' || c == ' ') continue;
        if (first) { if (c >= 'a' && c <= 'z') c -= 32; first = 0; }
        else if (c >= 'A' && c <= 'Z') c += 32;
        o[k++] = c;
    }
    o[k] = 0;
    return o;
}

static int uni_is_cat(const char *k)
{
    for (size_t i = 0; i < sizeof uni_cats / sizeof *uni_cats; i++)
        if (strcmp(uni_cats[i], k) == 0) return 1;
    return 0;
}

typedef struct UniEnt { char *name; RCls cls; } UniEnt;
static UniEnt *uni_cache;
static int uni_ncache, uni_capcache;

/* The code points of Go category or script `key` (a Go map key, or
 * "Any", "Ascii", "LC"); cached. */
static const RCls *uni_table(const char *key)
{
    for (int i = 0; i < uni_ncache; i++)
        if (strcmp(uni_cache[i].name, key) == 0) return &uni_cache[i].cls;
    RCls c = {0};
    if (strcmp(key, "Any") == 0) cls_add(&c, 0, MAXRUNE);
    else if (strcmp(key, "Ascii") == 0) cls_add(&c, 0, 0x7f);
    else if (strcmp(key, "Cs") == 0) cls_add(&c, 0xd800, 0xdfff);
    else if (strcmp(key, "LC") == 0) uni_class("\\p{L&}", &c);
    else if (strcmp(key, "C") == 0) {
        /* Go 1.23: Cc|Cf|Co|Cs; Go 1.25 adds Cn */
        uni_class(cc_helm_major == 3 ? "\\p{Cc}\\p{Cf}\\p{Co}" : "\\p{C}", &c);
        cls_add(&c, 0xd800, 0xdfff);
    } else if (uni_is_cat(key)) {
        uni_class(cc_printf("\\p{%s}", key), &c);          /* a category */
    } else {
        uni_class(cc_printf("\\p{sc:%s}", key), &c);       /* a script (Script, not Script_Extensions) */
    }
    cls_clean(&c);
    /* cached for the process: copied to the heap */
    if (uni_ncache == uni_capcache) {
        uni_capcache = uni_capcache ? uni_capcache * 2 : 16;
        uni_cache = realloc(uni_cache, uni_capcache * sizeof *uni_cache);
        if (!uni_cache) cc_oom();
    }
    UniEnt *e = &uni_cache[uni_ncache++];
    e->name = strdup(key);
    e->cls.r = malloc((c.n ? c.n : 1) * sizeof *c.r);
    if (!e->name || !e->cls.r) cc_oom();
    if (c.n) memcpy(e->cls.r, c.r, c.n * sizeof *c.r);
    e->cls.n = e->cls.cap = c.n;
    return &e->cls;
}

/* Go unicodeTable: the table for name, or NULL; *neg set for "Assigned". */
static const RCls *uni_lookup(const char *name, size_t n, int *neg)
{
    *neg = 0;
    size_t ncat = sizeof uni_cats / sizeof *uni_cats;
    if (cc_helm_major == 3) {
        char *k = cc_strndup(name, n);
        if (strcmp(k, "Any") == 0) return uni_table("Any");
        for (size_t i = 0; i < ncat - 1; i++)
            if (strcmp(uni_cats[i], k) == 0) return uni_table(k);
        for (size_t i = 0; i < sizeof uni_scripts / sizeof *uni_scripts; i++)
            if (strcmp(uni_scripts[i], k) == 0) return uni_table(k);
        return NULL;
    }
    char *k = uni_canon(name, n);
    if (strcmp(k, "Any") == 0) return uni_table("Any");
    if (strcmp(k, "Assigned") == 0) { *neg = 1; return uni_table("Cn"); }
    if (strcmp(k, "Ascii") == 0) return uni_table("Ascii");
    if (strcmp(k, "Lc") == 0) return uni_table("LC");
    for (size_t i = 0; i < ncat; i++)
        if (strcmp(uni_cats[i], k) == 0) return uni_table(k);
    for (size_t i = 0; i < sizeof uni_scripts / sizeof *uni_scripts; i++)
        if (strcmp(uni_scripts[i], k) == 0) return uni_table(k);
    for (size_t i = 0; i < sizeof uni_alias / sizeof *uni_alias; i++)
        if (strcmp(uni_canon(uni_alias[i][0], strlen(uni_alias[i][0])), k) == 0) return uni_table(uni_alias[i][1]);
    return NULL;
}

/* ---- parse tree --------------------------------------------------------- */

enum {
    OP_NOMATCH = 1, OP_EMPTY, OP_CLASS, OP_ANYNL, OP_ANY,
    OP_BOL, OP_EOL, OP_BOT, OP_EOT, OP_WB, OP_NWB,
    OP_CAP, OP_STAR, OP_PLUS, OP_QUEST, OP_REPEAT, OP_CONCAT, OP_ALT,
    OP_LPAREN, OP_VBAR,   /* pseudo-ops of the parse stack */
};

/* parse flags (syntax.Flags that vary; ClassNL, PerlX and UnicodeGroups are always on) */
enum { FL_FOLD = 1, FL_DOTNL = 2, FL_ONELINE = 4, FL_NONGREEDY = 8 };

typedef struct RNode {
    int op, flags;
    int min, max;          /* OP_REPEAT */
    int cap;               /* OP_CAP, OP_LPAREN (0: non-capturing) */
    const char *name;      /* capture name or NULL */
    RCls cls;              /* OP_CLASS */
    struct RNode **sub;
    int nsub;
    int height;
    int64_t size;          /* Go calcSize: compiled size estimate */
} RNode;

#define RX_MAXHEIGHT 1000
#define RX_MAXSIZE ((128 << 20) / 40)
#define RX_MAXRUNES ((128 << 20) / 4)
#define RX_MAXREPEAT 1000

typedef struct RParse {
    const char *whole;
    size_t wn;
    int flags;
    RNode **stk;
    int nstk, capstk;
    int ncap;
    long nrunes;
    jmp_buf jb;
    const char *err;
} RParse;

static _Noreturn void p_fail(RParse *p, const char *code, const char *s, size_t n)
{
    p->err = cc_printf("error parsing regexp: %s: `%.*s`", code, (int)n, s);
    longjmp(p->jb, 1);
}
#define P_FAIL(p, code, from, to) p_fail(p, code, from, (size_t)((to) - (from)))

#define E_CLASSRANGE "invalid character class range"
#define E_ESCAPE "invalid escape sequence"
#define E_NAMED "invalid named capture"
#define E_PERL "invalid or unsupported Perl syntax"
#define E_REPOP "invalid nested repetition operator"
#define E_REPSIZE "invalid repeat count"
#define E_UTF8 "invalid UTF-8"
#define E_BRACKET "missing closing ]"
#define E_PAREN "missing closing )"
#define E_MISSARG "missing argument to repetition operator"
#define E_TRAIL "trailing backslash at end of expression"
#define E_UNEXPAREN "unexpected )"
#define E_DEPTH "expression nests too deeply"
#define E_LARGE "expression too large"

static RNode *p_new(RParse *p, int op)
{
    RNode *re = cc_alloc(sizeof *re);
    re->op = op;
    re->flags = p->flags;
    re->height = 1;
    re->size = 1;
    return re;
}

/* Go calcSize and calcHeight for a node whose subs are final. */
static void p_measure(RNode *re)
{
    int64_t size = 0, sub = re->nsub ? re->sub[0]->size : 0;
    int h = 1;
    for (int i = 0; i < re->nsub; i++)
        if (h < 1 + re->sub[i]->height) h = 1 + re->sub[i]->height;
    switch (re->op) {
    case OP_CAP: case OP_STAR: size = 2 + sub; break;
    case OP_PLUS: case OP_QUEST: size = 1 + sub; break;
    case OP_CONCAT: case OP_ALT:
        for (int i = 0; i < re->nsub; i++) size += re->sub[i]->size;
        if (re->op == OP_ALT && re->nsub > 1) size += re->nsub - 1;
        break;
    case OP_REPEAT:
        if (re->max == -1) size = re->min == 0 ? 2 + sub : 1 + (int64_t)re->min * sub;
        else size = (int64_t)re->max * sub + (re->max - re->min);
        break;
    default: size = 1;
    }
    if (size < 1) size = 1;
    if (size > (int64_t)1 << 40) size = (int64_t)1 << 40;
    re->size = size;
    re->height = h;
}

static void p_check(RParse *p, RNode *re)
{
    if (p->nrunes > RX_MAXRUNES || re->size > RX_MAXSIZE) p_fail(p, E_LARGE, p->whole, p->wn);
    if (re->height > RX_MAXHEIGHT) p_fail(p, E_DEPTH, p->whole, p->wn);
}

static RNode *p_push(RParse *p, RNode *re)
{
    if (re->op == OP_CLASS) p->nrunes += re->cls.n;
    if (p->nstk == p->capstk) {
        int nc = p->capstk ? p->capstk * 2 : 32;
        p->stk = cc_grow(p->stk, p->capstk * sizeof *p->stk, nc * sizeof *p->stk);
        p->capstk = nc;
    }
    p->stk[p->nstk++] = re;
    p_measure(re);
    p_check(p, re);
    return re;
}

static RNode *p_op(RParse *p, int op) { return p_push(p, p_new(p, op)); }

/* Go nextRune: decode at s (s < end) or fail with invalid UTF-8. */
static int32_t p_next(RParse *p, const char **s, const char *end)
{
    size_t w;
    int32_t c = rx_rune(*s, end - *s, &w);
    if (c < 0) P_FAIL(p, E_UTF8, *s, end);
    *s += w;
    return c;
}

static void p_check_utf8(RParse *p, const char *s, const char *end)
{
    while (s < end) p_next(p, &s, end);
}

static void p_literal(RParse *p, int32_t c)
{
    RNode *re = p_new(p, OP_CLASS);
    cls_add(&re->cls, c, c);
    if (p->flags & FL_FOLD) cls_fold(&re->cls);
    p->nrunes += 1 - re->cls.n;   /* a literal counts one rune in Go */
    p_push(p, re);
}

/* Go repeatIsValid. */
static int p_repeat_ok(const RNode *re, int n)
{
    if (re->op == OP_REPEAT) {
        int m = re->max;
        if (m == 0) return 1;
        if (m < 0) m = re->min;
        if (m > n) return 0;
        if (m > 0) n /= m;
    }
    for (int i = 0; i < re->nsub; i++)
        if (!p_repeat_ok(re->sub[i], n)) return 0;
    return 1;
}

/* Go parser.repeat: applies op to the top of the stack. Returns the new
 * position after the operator (and a non-greedy '?'). */
static const char *p_repeat(RParse *p, int op, int min, int max, const char *before, const char *after,
                            const char *end, const char *last_repeat)
{
    int flags = p->flags;
    if (after < end && *after == '?') { after++; flags ^= FL_NONGREEDY; }
    if (last_repeat) P_FAIL(p, E_REPOP, last_repeat, after);
    if (p->nstk == 0 || p->stk[p->nstk - 1]->op >= OP_LPAREN) P_FAIL(p, E_MISSARG, before, after);
    RNode *sub = p->stk[p->nstk - 1];
    RNode *re = p_new(p, op);
    re->min = min;
    re->max = max;
    re->flags = flags;
    re->sub = cc_alloc(sizeof *re->sub);
    re->sub[0] = sub;
    re->nsub = 1;
    p->stk[p->nstk - 1] = re;
    p_measure(re);
    p_check(p, re);
    if (op == OP_REPEAT && (min >= 2 || max >= 2) && !p_repeat_ok(re, RX_MAXREPEAT)) P_FAIL(p, E_REPSIZE, before, after);
    return after;
}

/* Go collapse (without the factoring, which never changes what matches). */
static RNode *p_collapse(RParse *p, RNode **subs, int n, int op)
{
    if (n == 1) return subs[0];
    int total = 0;
    for (int i = 0; i < n; i++) total += subs[i]->op == op ? subs[i]->nsub : 1;
    RNode *re = p_new(p, op);
    re->sub = cc_alloc(total * sizeof *re->sub);
    for (int i = 0; i < n; i++) {
        if (subs[i]->op == op) {
            memcpy(re->sub + re->nsub, subs[i]->sub, subs[i]->nsub * sizeof *re->sub);
            re->nsub += subs[i]->nsub;
        } else {
            re->sub[re->nsub++] = subs[i];
        }
    }
    return re;
}

static void p_concat(RParse *p)
{
    int i = p->nstk;
    while (i > 0 && p->stk[i - 1]->op < OP_LPAREN) i--;
    int n = p->nstk - i;
    p->nstk = i;
    if (n == 0) p_op(p, OP_EMPTY);
    else p_push(p, p_collapse(p, p->stk + i, n, OP_CONCAT));
}

static void p_alternate(RParse *p)
{
    int i = p->nstk;
    while (i > 0 && p->stk[i - 1]->op < OP_LPAREN) i--;
    int n = p->nstk - i;
    p->nstk = i;
    if (n == 0) p_op(p, OP_NOMATCH);
    else p_push(p, p_collapse(p, p->stk + i, n, OP_ALT));
}

/* Go swapVerticalBar (the class merging it also does changes nothing that matches). */
static int p_swap_vbar(RParse *p)
{
    int n = p->nstk;
    if (n >= 2 && p->stk[n - 2]->op == OP_VBAR) {
        RNode *t = p->stk[n - 1];
        p->stk[n - 1] = p->stk[n - 2];
        p->stk[n - 2] = t;
        return 1;
    }
    return 0;
}

static void p_right_paren(RParse *p)
{
    p_concat(p);
    if (p_swap_vbar(p)) p->nstk--;
    p_alternate(p);
    int n = p->nstk;
    if (n < 2) p_fail(p, E_UNEXPAREN, p->whole, p->wn);
    RNode *re1 = p->stk[n - 1], *re2 = p->stk[n - 2];
    p->nstk -= 2;
    if (re2->op != OP_LPAREN) p_fail(p, E_UNEXPAREN, p->whole, p->wn);
    p->flags = re2->flags;
    if (re2->cap == 0) {
        p_push(p, re1);
    } else {
        re2->op = OP_CAP;
        re2->sub = cc_alloc(sizeof *re2->sub);
        re2->sub[0] = re1;
        re2->nsub = 1;
        p_push(p, re2);
    }
}

static int p_isalnum(int32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

static int p_unhex(int32_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Go parseEscape at *s == '\\'. */
static int32_t p_escape(RParse *p, const char **sp, const char *end)
{
    const char *s = *sp, *t = s + 1;
    if (t >= end) p_fail(p, E_TRAIL, "", 0);
    int32_t c = p_next(p, &t, end), r;
    switch (c) {
    default:
        if (c < 0x80 && !p_isalnum(c)) { *sp = t; return c; }
        break;
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (t >= end || *t < '0' || *t > '7') break;
        /* fallthrough */
    case '0':
        r = c - '0';
        for (int i = 1; i < 3 && t < end && *t >= '0' && *t <= '7'; i++) r = r * 8 + (*t++ - '0');
        *sp = t;
        return r;
    case 'x': {
        if (t >= end) break;
        c = p_next(p, &t, end);
        if (c == '{') {
            int nhex = 0;
            r = 0;
            for (;;) {
                if (t >= end) goto bad;
                c = p_next(p, &t, end);
                if (c == '}') break;
                int v = p_unhex(c);
                if (v < 0) goto bad;
                r = r * 16 + v;
                if (r > MAXRUNE) goto bad;
                nhex++;
            }
            if (nhex == 0) goto bad;
            *sp = t;
            return r;
        }
        int x = p_unhex(c);
        if (t >= end) { c = -1; }   /* DecodeRune("") is RuneError width 0: no error */
        else c = p_next(p, &t, end);
        int y = c < 0 ? -1 : p_unhex(c);
        if (x < 0 || y < 0) break;
        *sp = t;
        return x * 16 + y;
    }
    case 'a': *sp = t; return '\a';
    case 'f': *sp = t; return '\f';
    case 'n': *sp = t; return '\n';
    case 'r': *sp = t; return '\r';
    case 't': *sp = t; return '\t';
    case 'v': *sp = t; return '\v';
    }
bad:
    P_FAIL(p, E_ESCAPE, s, t);
}

/* Perl and POSIX groups: positive class, sign. */
typedef struct RGroup { const char *name; int sign; const int32_t *r; int n; } RGroup;
static const int32_t g_digit[] = {'0', '9'}, g_space[] = {'\t', '\n', '\f', '\r', ' ', ' '},
    g_word[] = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}, g_alnum[] = {'0', '9', 'A', 'Z', 'a', 'z'},
    g_alpha[] = {'A', 'Z', 'a', 'z'}, g_ascii[] = {0, 0x7f}, g_blank[] = {'\t', '\t', ' ', ' '},
    g_cntrl[] = {0, 0x1f, 0x7f, 0x7f}, g_graph[] = {'!', '~'}, g_lower[] = {'a', 'z'},
    g_print[] = {' ', '~'}, g_punct[] = {'!', '/', ':', '@', '[', '`', '{', '~'},
    g_pspace[] = {'\t', '\r', ' ', ' '}, g_upper[] = {'A', 'Z'}, g_xdigit[] = {'0', '9', 'A', 'F', 'a', 'f'};
#define G(nm, sg, a) {nm, sg, a, sizeof a / sizeof *a}
static const RGroup perl_groups[] = {
    G("\\d", 1, g_digit), G("\\D", -1, g_digit), G("\\s", 1, g_space), G("\\S", -1, g_space),
    G("\\w", 1, g_word), G("\\W", -1, g_word),
};
static const RGroup posix_groups[] = {
    G("[:alnum:]", 1, g_alnum), G("[:^alnum:]", -1, g_alnum), G("[:alpha:]", 1, g_alpha),
    G("[:^alpha:]", -1, g_alpha), G("[:ascii:]", 1, g_ascii), G("[:^ascii:]", -1, g_ascii),
    G("[:blank:]", 1, g_blank), G("[:^blank:]", -1, g_blank), G("[:cntrl:]", 1, g_cntrl),
    G("[:^cntrl:]", -1, g_cntrl), G("[:digit:]", 1, g_digit), G("[:^digit:]", -1, g_digit),
    G("[:graph:]", 1, g_graph), G("[:^graph:]", -1, g_graph), G("[:lower:]", 1, g_lower),
    G("[:^lower:]", -1, g_lower), G("[:print:]", 1, g_print), G("[:^print:]", -1, g_print),
    G("[:punct:]", 1, g_punct), G("[:^punct:]", -1, g_punct), G("[:space:]", 1, g_pspace),
    G("[:^space:]", -1, g_pspace), G("[:upper:]", 1, g_upper), G("[:^upper:]", -1, g_upper),
    G("[:word:]", 1, g_word), G("[:^word:]", -1, g_word), G("[:xdigit:]", 1, g_xdigit),
    G("[:^xdigit:]", -1, g_xdigit),
};
#undef G

/* Append positive table x (clean) to c with sign, folding under (?i)
 * (Go appendGroup / the end of parseUnicodeClass). */
static void p_append_table(RParse *p, RCls *c, const RCls *x, int sign, int fold)
{
    if (!(p->flags & FL_FOLD) || !fold) {
        if (sign > 0) cls_add_class(c, x);
        else cls_add_negated(c, x);
        return;
    }
    RCls t = {0};
    cls_add_class(&t, x);
    cls_fold(&t);
    if (sign > 0) cls_add_class(c, &t);
    else cls_add_negated(c, &t);
}

static void p_append_group(RParse *p, RCls *c, const RGroup *g)
{
    RCls x = {(int32_t *)g->r, g->n, g->n};
    RCls t = {0};
    cls_add_class(&t, &x);
    cls_clean(&t);
    p_append_table(p, c, &t, g->sign, 1);
}

/* Go parsePerlClassEscape: 1 if s starts with \d \D \s \S \w \W. */
static int p_perl_class(RParse *p, const char **sp, const char *end, RCls *c)
{
    const char *s = *sp;
    if (end - s < 2 || s[0] != '\\') return 0;
    for (size_t i = 0; i < sizeof perl_groups / sizeof *perl_groups; i++)
        if (s[1] == perl_groups[i].name[1]) {
            p_append_group(p, c, &perl_groups[i]);
            *sp = s + 2;
            return 1;
        }
    return 0;
}

/* Go parseUnicodeClass: 1 if s starts with \p or \P (errors longjmp). */
static int p_unicode_class(RParse *p, const char **sp, const char *end, RCls *c)
{
    const char *s = *sp;
    if (end - s < 2 || s[0] != '\\' || (s[1] != 'p' && s[1] != 'P')) return 0;
    int sign = s[1] == 'P' ? -1 : 1;
    const char *t = s + 2, *name, *nend, *seqend;
    int32_t ch = -1;
    if (t < end) ch = p_next(p, &t, end);
    if (ch != '{') {
        name = s + 2;
        nend = seqend = t;
    } else {
        const char *close = memchr(s, '}', end - s);
        if (!close) {
            p_check_utf8(p, s, end);
            P_FAIL(p, E_CLASSRANGE, s, end);
        }
        name = s + 3;
        nend = close;
        seqend = t = close + 1;
        p_check_utf8(p, name, nend);
    }
    if (nend > name && *name == '^') { sign = -sign; name++; }
    int neg;
    const RCls *tab = uni_lookup(name, nend - name, &neg);
    if (!tab) P_FAIL(p, E_CLASSRANGE, s, seqend);
    if (neg) sign = -sign;
    p_append_table(p, c, tab, sign, 1);
    *sp = t;
    return 1;
}

/* Go parseNamedClass: 1 if s starts with a [:name:]. */
static int p_named_class(RParse *p, const char **sp, const char *end, RCls *c)
{
    const char *s = *sp;
    if (end - s < 2 || s[0] != '[' || s[1] != ':') return 0;
    const char *close = NULL;
    for (const char *k = s + 2; k + 1 < end; k++)
        if (k[0] == ':' && k[1] == ']') { close = k; break; }
    if (!close) return 0;
    size_t n = close + 2 - s;
    for (size_t i = 0; i < sizeof posix_groups / sizeof *posix_groups; i++)
        if (strlen(posix_groups[i].name) == n && memcmp(posix_groups[i].name, s, n) == 0) {
            p_append_group(p, c, &posix_groups[i]);
            *sp = s + n;
            return 1;
        }
    P_FAIL(p, E_CLASSRANGE, s, s + n);
}

/* Go parseClassChar. */
static int32_t p_class_char(RParse *p, const char **sp, const char *end, const char *whole)
{
    if (*sp >= end) P_FAIL(p, E_BRACKET, whole, end);
    if (**sp == '\\') return p_escape(p, sp, end);
    return p_next(p, sp, end);
}

/* Go parseClass at *sp == '['. */
static void p_class(RParse *p, const char **sp, const char *end)
{
    const char *s = *sp, *t = s + 1;
    RNode *re = p_new(p, OP_CLASS);
    RCls *c = &re->cls, fold = {0};
    int sign = 1;
    if (t < end && *t == '^') { sign = -1; t++; }
    int first = 1;
    while (t >= end || *t != ']' || first) {
        first = 0;
        if (end - t > 2 && t[0] == '[' && t[1] == ':' && p_named_class(p, &t, end, c)) continue;
        if (p_unicode_class(p, &t, end, c)) continue;
        if (p_perl_class(p, &t, end, c)) continue;
        const char *rng = t;
        int32_t lo = p_class_char(p, &t, end, s), hi = lo;
        if (end - t >= 2 && t[0] == '-' && t[1] != ']') {
            t++;
            hi = p_class_char(p, &t, end, s);
            if (hi < lo) P_FAIL(p, E_CLASSRANGE, rng, t);
        }
        if (p->flags & FL_FOLD) cls_add(&fold, lo, hi);
        else cls_add(c, lo, hi);
    }
    t++;
    if (fold.n) {
        cls_clean(&fold);
        cls_fold(&fold);
        cls_add_class(c, &fold);
    }
    cls_clean(c);
    if (sign < 0) {
        RCls neg = {0};
        cls_add_negated(&neg, c);
        *c = neg;
    }
    p_push(p, re);
    *sp = t;
}

/* Go parseRepeat: {min}, {min,}, {min,max}; 0 if not of that form. */
static int p_parse_int(const char **sp, const char *end, int *n)
{
    const char *s = *sp;
    if (s >= end || *s < '0' || *s > '9') return 0;
    if (end - s >= 2 && s[0] == '0' && s[1] >= '0' && s[1] <= '9') return 0;
    const char *t = s;
    while (s < end && *s >= '0' && *s <= '9') s++;
    *n = 0;
    for (; t < s; t++) {
        if (*n >= 100000000) { *n = -1; break; }
        *n = *n * 10 + (*t - '0');
    }
    *sp = s;
    return 1;
}

static int p_parse_repeat(const char *s, const char *end, int *min, int *max, const char **rest)
{
    if (s >= end || *s != '{') return 0;
    s++;
    if (!p_parse_int(&s, end, min)) return 0;
    if (s >= end) return 0;
    if (*s != ',') {
        *max = *min;
    } else {
        s++;
        if (s >= end) return 0;
        if (*s == '}') *max = -1;
        else if (!p_parse_int(&s, end, max)) return 0;
        else if (*max < 0) *min = -1;
    }
    if (s >= end || *s != '}') return 0;
    *rest = s + 1;
    return 1;
}

static int p_capname_ok(const char *s, size_t n)
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(p_isalnum((unsigned char)s[i]) || s[i] == '_')) return 0;
    return 1;
}

/* Go parsePerlFlags at *sp == "(?". */
static void p_perl_flags(RParse *p, const char **sp, const char *end)
{
    const char *s = *sp, *t = s;
    size_t n = end - s;
    int with_p = n > 4 && t[2] == 'P' && t[3] == '<', with_name = n > 3 && t[2] == '<';
    if (with_p || with_name) {
        const char *start = t + (with_p ? 4 : 3);
        const char *gt = memchr(t, '>', n);
        if (!gt) {
            p_check_utf8(p, t, end);
            P_FAIL(p, E_NAMED, s, end);
        }
        p_check_utf8(p, start, gt);
        if (!p_capname_ok(start, gt - start)) P_FAIL(p, E_NAMED, t, gt + 1);
        p->ncap++;
        RNode *re = p_op(p, OP_LPAREN);
        re->cap = p->ncap;
        re->name = cc_strndup(start, gt - start);
        *sp = gt + 1;
        return;
    }
    t += 2;
    int flags = p->flags, sign = 1, saw = 0;
    while (t < end) {
        int32_t c = p_next(p, &t, end);
        switch (c) {
        case 'i': flags = sign > 0 ? flags | FL_FOLD : flags & ~FL_FOLD; saw = 1; continue;
        case 'm': flags = sign > 0 ? flags & ~FL_ONELINE : flags | FL_ONELINE; saw = 1; continue;
        case 's': flags = sign > 0 ? flags | FL_DOTNL : flags & ~FL_DOTNL; saw = 1; continue;
        case 'U': flags = sign > 0 ? flags | FL_NONGREEDY : flags & ~FL_NONGREEDY; saw = 1; continue;
        case '-':
            if (sign < 0) goto bad;
            sign = -1;
            saw = 0;
            continue;
        case ':': case ')':
            if (sign < 0 && !saw) goto bad;
            if (c == ':') p_op(p, OP_LPAREN);
            p->flags = flags;
            *sp = t;
            return;
        default:
            goto bad;
        }
    }
bad:
    P_FAIL(p, E_PERL, s, t);
}

/* Go parse of s[0..n) (errors longjmp to p->jb). */
static RNode *p_run(RParse *p, const char *s, size_t n)
{
    const char *t = s, *end = s + n, *last_repeat = NULL;
    while (t < end) {
        const char *repeat = NULL;
        switch (*t) {
        default:
            p_literal(p, p_next(p, &t, end));
            break;
        case '(':
            if (end - t >= 2 && t[1] == '?') {
                p_perl_flags(p, &t, end);
                break;
            }
            p->ncap++;
            p_op(p, OP_LPAREN)->cap = p->ncap;
            t++;
            break;
        case '|':
            p_concat(p);
            if (!p_swap_vbar(p)) p_op(p, OP_VBAR);
            t++;
            break;
        case ')':
            p_right_paren(p);
            t++;
            break;
        case '^': p_op(p, p->flags & FL_ONELINE ? OP_BOT : OP_BOL); t++; break;
        case '$': p_op(p, p->flags & FL_ONELINE ? OP_EOT : OP_EOL); t++; break;
        case '.': p_op(p, p->flags & FL_DOTNL ? OP_ANY : OP_ANYNL); t++; break;
        case '[': p_class(p, &t, end); break;
        case '*': case '+': case '?': {
            const char *before = t;
            int op = *t == '*' ? OP_STAR : *t == '+' ? OP_PLUS : OP_QUEST;
            t = p_repeat(p, op, 0, 0, before, t + 1, end, last_repeat);
            repeat = before;
            break;
        }
        case '{': {
            const char *before = t, *after;
            int min, max;
            if (!p_parse_repeat(t, end, &min, &max, &after)) {
                p_literal(p, '{');
                t++;
                break;
            }
            if (min < 0 || min > RX_MAXREPEAT || max > RX_MAXREPEAT || (max >= 0 && min > max))
                P_FAIL(p, E_REPSIZE, before, after);
            t = p_repeat(p, OP_REPEAT, min, max, before, after, end, last_repeat);
            repeat = before;
            break;
        }
        case '\\': {
            if (end - t >= 2) {
                switch (t[1]) {
                case 'A': p_op(p, OP_BOT); t += 2; goto next;
                case 'b': p_op(p, OP_WB); t += 2; goto next;
                case 'B': p_op(p, OP_NWB); t += 2; goto next;
                case 'C': P_FAIL(p, E_ESCAPE, t, t + 2);
                case 'Q': {
                    const char *lit = t + 2, *stop = end;
                    for (const char *k = lit; k + 1 < end; k++)
                        if (k[0] == '\\' && k[1] == 'E') { stop = k; break; }
                    t = stop == end ? end : stop + 2;
                    while (lit < stop) p_literal(p, p_next(p, &lit, stop));
                    goto next;
                }
                case 'z': p_op(p, OP_EOT); t += 2; goto next;
                }
            }
            RNode *re = p_new(p, OP_CLASS);
            if (p_unicode_class(p, &t, end, &re->cls) || p_perl_class(p, &t, end, &re->cls)) {
                cls_clean(&re->cls);
                p_push(p, re);
                break;
            }
            p_literal(p, p_escape(p, &t, end));
            break;
        }
        }
    next:
        last_repeat = repeat;
    }
    p_concat(p);
    if (p_swap_vbar(p)) p->nstk--;
    p_alternate(p);
    if (p->nstk != 1) p_fail(p, E_PAREN, s, n);
    return p->stk[0];
}

/* The tree of pattern s[0..n), or NULL with p->err. */
static RNode *rx_parse(RParse *p, const char *s, size_t n)
{
    p->whole = s;
    p->wn = n;
    p->flags = FL_ONELINE;
    if (setjmp(p->jb)) return NULL;
    return p_run(p, s, n);
}

/* ---- program (Go syntax/prog.go, compile.go) ---------------------------- */

enum { I_FAIL, I_MATCH, I_RUNE, I_ANY, I_ANYNL, I_ALT, I_CAP, I_EMPTY, I_NOP };
enum { EW_BOL = 1, EW_EOL = 2, EW_BOT = 4, EW_EOT = 8, EW_WB = 16, EW_NWB = 32 };

typedef struct RInst {
    uint8_t op;
    uint32_t out, arg;      /* arg: ALT's second branch, CAP's slot, EMPTY's flags */
    uint32_t cls, ncls;     /* I_RUNE: ranges at runes[cls .. cls + 2 * ncls) */
    uint64_t ascii[2];      /* I_RUNE: which ASCII runes it matches */
} RInst;

typedef struct RxQEnt { uint32_t pc; int32_t t; } RxQEnt;
typedef struct RxQueue { uint32_t *sparse; RxQEnt *dense; uint32_t n; } RxQueue;
typedef struct RxStack { uint32_t pc; int32_t slot; size_t old; } RxStack;

struct Rx {
    char *src;              /* cache key */
    size_t srclen;
    int major;
    RInst *inst;
    uint32_t ninst, start;
    int32_t *runes;
    int ncap;               /* groups without group 0 */
    char **names;
    int cond;               /* StartCond; -1: cannot match */
    char *prefix;           /* literal every match starts with */
    size_t prefixlen;
    /* machine, reused between searches */
    RxQueue q[2];
    RxStack *stack;
    size_t *capmem;         /* thread captures, nov per thread */
    int32_t *freel;
    int nalloc, capalloc, nfree, capfree, nov;
    size_t *work, *matchcap;
};

typedef struct RComp {
    Rx *re;
    uint32_t cap;
    Buf runes;
} RComp;

typedef struct Frag { uint32_t i, head, tail; int nullable; } Frag;

static uint32_t c_inst(RComp *c, int op)
{
    Rx *re = c->re;
    if (re->ninst == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        re->inst = realloc(re->inst, c->cap * sizeof *re->inst);
        if (!re->inst) cc_oom();
    }
    RInst *i = &re->inst[re->ninst];
    memset(i, 0, sizeof *i);
    i->op = op;
    return re->ninst++;
}

/* patch lists threaded through out/arg, as Go's patchList */
static void c_patch(RComp *c, uint32_t l, uint32_t val)
{
    while (l) {
        RInst *i = &c->re->inst[l >> 1];
        if (l & 1) { l = i->arg; i->arg = val; }
        else { l = i->out; i->out = val; }
    }
}

static void c_append(RComp *c, Frag *f, uint32_t head, uint32_t tail)
{
    if (!head) return;
    if (!f->head) { f->head = head; f->tail = tail; return; }
    RInst *i = &c->re->inst[f->tail >> 1];
    if (f->tail & 1) i->arg = head;
    else i->out = head;
    f->tail = tail;
}

static Frag c_simple(RComp *c, int op, int nullable)
{
    Frag f = {c_inst(c, op), 0, 0, nullable};
    f.head = f.tail = f.i << 1;
    return f;
}

static Frag c_cat(RComp *c, Frag a, Frag b)
{
    if (a.i == 0 || b.i == 0) return (Frag){0, 0, 0, 0};
    c_patch(c, a.head, b.i);
    return (Frag){a.i, b.head, b.tail, a.nullable && b.nullable};
}

static Frag c_alt(RComp *c, Frag a, Frag b)
{
    if (a.i == 0) return b;
    if (b.i == 0) return a;
    Frag f = {c_inst(c, I_ALT), 0, 0, a.nullable || b.nullable};
    c->re->inst[f.i].out = a.i;
    c->re->inst[f.i].arg = b.i;
    f.head = a.head;
    f.tail = a.tail;
    c_append(c, &f, b.head, b.tail);
    return f;
}

static Frag c_quest(RComp *c, Frag a, int nongreedy)
{
    Frag f = {c_inst(c, I_ALT), 0, 0, 1};
    if (nongreedy) { c->re->inst[f.i].arg = a.i; f.head = f.tail = f.i << 1; }
    else { c->re->inst[f.i].out = a.i; f.head = f.tail = f.i << 1 | 1; }
    c_append(c, &f, a.head, a.tail);
    return f;
}

static Frag c_loop(RComp *c, Frag a, int nongreedy)
{
    Frag f = {c_inst(c, I_ALT), 0, 0, a.nullable};
    if (nongreedy) { c->re->inst[f.i].arg = a.i; f.head = f.tail = f.i << 1; }
    else { c->re->inst[f.i].out = a.i; f.head = f.tail = f.i << 1 | 1; }
    c_patch(c, a.head, f.i);
    return f;
}

static Frag c_plus(RComp *c, Frag a, int nongreedy)
{
    Frag l = c_loop(c, a, nongreedy);
    return (Frag){a.i, l.head, l.tail, a.nullable};
}

static Frag c_star(RComp *c, Frag a, int nongreedy)
{
    if (a.nullable) return c_quest(c, c_plus(c, a, nongreedy), nongreedy);   /* golang.org/issue/46123 */
    Frag l = c_loop(c, a, nongreedy);
    l.nullable = 1;
    return l;
}

static Frag c_rune(RComp *c, const RCls *cls)
{
    Frag f = c_simple(c, I_RUNE, 0);
    RInst *i = &c->re->inst[f.i];
    if (cls->n == 2 && cls->r[0] == 0 && cls->r[1] == MAXRUNE) { i->op = I_ANY; return f; }
    if (cls->n == 4 && cls->r[0] == 0 && cls->r[1] == '\n' - 1 && cls->r[2] == '\n' + 1 && cls->r[3] == MAXRUNE) {
        i->op = I_ANYNL;
        return f;
    }
    i->cls = c->runes.len / sizeof(int32_t);
    i->ncls = cls->n / 2;
    buf_put(&c->runes, cls->r, cls->n * sizeof *cls->r);
    for (int k = 0; k < cls->n; k += 2)
        for (int32_t x = cls->r[k]; x <= cls->r[k + 1] && x < 128; x++) i->ascii[x >> 6] |= 1ull << (x & 63);
    return f;
}

static Frag c_empty(RComp *c, int flag)
{
    Frag f = c_simple(c, I_EMPTY, 1);
    c->re->inst[f.i].arg = flag;
    return f;
}

static Frag c_compile(RComp *c, const RNode *re);

/* Go simplify1 for op applied to sub: the same op with the same greediness is idempotent. */
static Frag c_rep1(RComp *c, int op, int flags, const RNode *sub)
{
    int ng = (flags & FL_NONGREEDY) != 0;
    if (sub->op == OP_EMPTY) return c_simple(c, I_NOP, 1);
    if (sub->op == op && ((sub->flags & FL_NONGREEDY) != 0) == ng) return c_compile(c, sub);
    Frag f = c_compile(c, sub);
    return op == OP_STAR ? c_star(c, f, ng) : op == OP_PLUS ? c_plus(c, f, ng) : c_quest(c, f, ng);
}

/* Go Simplify of x{min,max} compiled directly. */
static Frag c_repeat(RComp *c, const RNode *re)
{
    const RNode *sub = re->sub[0];
    int ng = (re->flags & FL_NONGREEDY) != 0;
    if (re->min == 0 && re->max == 0) return c_simple(c, I_NOP, 1);
    if (re->max == -1) {
        if (re->min == 0) return c_rep1(c, OP_STAR, re->flags, sub);
        if (re->min == 1) return c_rep1(c, OP_PLUS, re->flags, sub);
        Frag f = c_compile(c, sub);
        for (int k = 1; k < re->min - 1; k++) f = c_cat(c, f, c_compile(c, sub));
        return c_cat(c, f, c_rep1(c, OP_PLUS, re->flags, sub));
    }
    if (re->min == 1 && re->max == 1) return c_compile(c, sub);
    Frag f = {0, 0, 0, 0};
    int have = 0;
    for (int k = 0; k < re->min; k++) {
        Frag x = c_compile(c, sub);
        f = have ? c_cat(c, f, x) : x;
        have = 1;
    }
    if (re->max > re->min) {
        /* suffix (x(x(x)?)?)? built inside out: the innermost x? first */
        int n = re->max - re->min;
        Frag *parts = cc_alloc(n * sizeof *parts);
        for (int k = 0; k < n; k++) parts[k] = c_compile(c, sub);
        Frag suf = sub->op == OP_QUEST && ((sub->flags & FL_NONGREEDY) != 0) == ng ? parts[n - 1]
                                                                                  : c_quest(c, parts[n - 1], ng);
        for (int k = n - 2; k >= 0; k--) suf = c_quest(c, c_cat(c, parts[k], suf), ng);
        f = have ? c_cat(c, f, suf) : suf;
        have = 1;
    }
    if (!have) return (Frag){0, 0, 0, 0};
    return f;
}

static Frag c_compile(RComp *c, const RNode *re)
{
    switch (re->op) {
    case OP_NOMATCH: return (Frag){0, 0, 0, 0};
    case OP_EMPTY: return c_simple(c, I_NOP, 1);
    case OP_CLASS:
        if (re->cls.n == 0) return (Frag){0, 0, 0, 0};
        return c_rune(c, &re->cls);
    case OP_ANYNL: return c_simple(c, I_ANYNL, 0);
    case OP_ANY: return c_simple(c, I_ANY, 0);
    case OP_BOL: return c_empty(c, EW_BOL);
    case OP_EOL: return c_empty(c, EW_EOL);
    case OP_BOT: return c_empty(c, EW_BOT);
    case OP_EOT: return c_empty(c, EW_EOT);
    case OP_WB: return c_empty(c, EW_WB);
    case OP_NWB: return c_empty(c, EW_NWB);
    case OP_CAP: {
        Frag bra = c_simple(c, I_CAP, 1);
        c->re->inst[bra.i].arg = re->cap << 1;
        Frag sub = c_compile(c, re->sub[0]);
        Frag ket = c_simple(c, I_CAP, 1);
        c->re->inst[ket.i].arg = re->cap << 1 | 1;
        return c_cat(c, c_cat(c, bra, sub), ket);
    }
    case OP_STAR: case OP_PLUS: case OP_QUEST: return c_rep1(c, re->op, re->flags, re->sub[0]);
    case OP_REPEAT: return c_repeat(c, re);
    case OP_CONCAT: {
        Frag f = c_compile(c, re->sub[0]);
        for (int k = 1; k < re->nsub; k++) f = c_cat(c, f, c_compile(c, re->sub[k]));
        return f;
    }
    case OP_ALT: {
        Frag f = {0, 0, 0, 0};
        for (int k = 0; k < re->nsub; k++) f = c_alt(c, f, c_compile(c, re->sub[k]));
        return f;
    }
    }
    return (Frag){0, 0, 0, 0};
}

/* Go Prog.StartCond and Prog.Prefix. */
static void c_start_info(Rx *re)
{
    int flag = 0;
    uint32_t pc = re->start;
    for (;;) {
        RInst *i = &re->inst[pc];
        if (i->op == I_EMPTY) flag |= i->arg;
        else if (i->op == I_FAIL) { re->cond = -1; return; }
        else if (i->op != I_CAP && i->op != I_NOP) break;
        pc = i->out;
    }
    re->cond = flag;
    pc = re->start;
    while (re->inst[pc].op == I_CAP || re->inst[pc].op == I_NOP) pc = re->inst[pc].out;
    Buf b = {0};
    while (re->inst[pc].op == I_RUNE && re->inst[pc].ncls == 1) {
        int32_t lo = re->runes[re->inst[pc].cls], hi = re->runes[re->inst[pc].cls + 1];
        if (lo != hi || lo == 0xfffd) break;
        char u[4];
        buf_put(&b, u, rx_encode(u, lo));
        pc = re->inst[pc].out;
    }
    if (b.len) {
        re->prefix = malloc(b.len);
        if (!re->prefix) cc_oom();
        memcpy(re->prefix, b.p, b.len);
        re->prefixlen = b.len;
    }
    buf_free(&b);
}

static void rx_free(Rx *re)
{
    if (!re) return;
    free(re->src);
    free(re->inst);
    free(re->runes);
    if (re->names)
        for (int i = 0; i <= re->ncap; i++) free(re->names[i]);
    free(re->names);
    free(re->prefix);
    for (int k = 0; k < 2; k++) { free(re->q[k].sparse); free(re->q[k].dense); }
    free(re->stack);
    free(re->capmem);
    free(re->freel);
    free(re->work);
    free(re->matchcap);
    free(re);
}

static char *rx_heapdup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) cc_oom();
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* Collect capture names in group order (iteratively: no recursion on the tree). */
static void c_names(Rx *re, RNode *root)
{
    re->names = calloc(re->ncap + 1, sizeof *re->names);
    if (!re->names) cc_oom();
    for (int i = 0; i <= re->ncap; i++) re->names[i] = rx_heapdup("", 0);
    RNode **st = cc_alloc(sizeof *st * 64);
    int n = 0, cap = 64;
    st[n++] = root;
    while (n) {
        RNode *x = st[--n];
        if (x->op == OP_CAP && x->name && x->cap <= re->ncap) {
            free(re->names[x->cap]);
            re->names[x->cap] = rx_heapdup(x->name, strlen(x->name));
        }
        if (n + x->nsub > cap) {
            int nc = (n + x->nsub) * 2;
            st = cc_grow(st, cap * sizeof *st, nc * sizeof *st);
            cap = nc;
        }
        for (int k = 0; k < x->nsub; k++) st[n++] = x->sub[k];
    }
}

static Rx *rx_build(const char *pat, size_t n, const char **err)
{
    RParse p = {0};
    RNode *root = rx_parse(&p, pat, n);
    if (!root) { *err = p.err; return NULL; }
    Rx *re = calloc(1, sizeof *re);
    if (!re) cc_oom();
    re->ncap = p.ncap;
    re->nov = -1;
    RComp c = {re, 0, {0}};
    c_inst(&c, I_FAIL);
    Frag f = c_compile(&c, root);
    uint32_t m = c_inst(&c, I_MATCH);
    c_patch(&c, f.head, m);
    re->start = f.i;
    re->runes = malloc(c.runes.len ? c.runes.len : 1);
    if (!re->runes) cc_oom();
    if (c.runes.len) memcpy(re->runes, c.runes.p, c.runes.len);
    buf_free(&c.runes);
    c_names(re, root);
    c_start_info(re);
    return re;
}

/* ---- cache ----------------------------------------------------------------- */

#define RX_CACHE 64
static Rx *rx_cache[RX_CACHE];
static char *rx_cache_err[RX_CACHE];
static char *rx_cache_key[RX_CACHE];
static size_t rx_cache_keylen[RX_CACHE];
static int rx_cache_major[RX_CACHE];
static unsigned rx_cache_next;

Rx *rx_compile(const char *pat, size_t n, const char **err)
{
    *err = NULL;
    for (int k = 0; k < RX_CACHE; k++)
        if (rx_cache_key[k] && rx_cache_keylen[k] == n && rx_cache_major[k] == cc_helm_major &&
            memcmp(rx_cache_key[k], pat, n) == 0) {
            if (rx_cache_err[k]) *err = cc_strdup(rx_cache_err[k]);
            return rx_cache[k];
        }
    int k = rx_cache_next++ % RX_CACHE;
    rx_free(rx_cache[k]);
    free(rx_cache_err[k]);
    free(rx_cache_key[k]);
    rx_cache[k] = rx_build(pat, n, err);
    rx_cache_err[k] = *err ? rx_heapdup(*err, strlen(*err)) : NULL;
    rx_cache_key[k] = rx_heapdup(pat, n);
    rx_cache_keylen[k] = n;
    rx_cache_major[k] = cc_helm_major;
    return rx_cache[k];
}

int rx_ncap(const Rx *re) { return re->ncap; }
const char *rx_capname(const Rx *re, int k) { return re->names[k]; }

/* ---- Pike VM (Go regexp/exec.go) ------------------------------------------ */

static int is_word(int32_t c) { return c >= 0 && c < 128 && (p_isalnum(c) || c == '_'); }

/* Go newLazyFlag(r1, r2): the empty-width assertions true between r1 and r2 (-1: text edge). */
static int ew_flags(int32_t r1, int32_t r2)
{
    int f = 0;
    if (r1 < 0) f |= EW_BOT | EW_BOL;
    if (r1 == '\n') f |= EW_BOL;
    if (r2 < 0) f |= EW_EOT | EW_EOL;
    if (r2 == '\n') f |= EW_EOL;
    f |= is_word(r1) != is_word(r2) ? EW_WB : EW_NWB;
    return f;
}

static int rune_ok(const Rx *re, const RInst *i, int32_t c)
{
    switch (i->op) {
    case I_ANY: return 1;
    case I_ANYNL: return c != '\n';
    case I_RUNE:
        if (c < 128) return (i->ascii[c >> 6] >> (c & 63)) & 1;
        return cls_has(re->runes + i->cls, 2 * i->ncls, c);
    }
    return 0;
}

static void m_init(Rx *re, int nov)
{
    if (!re->q[0].sparse) {
        for (int k = 0; k < 2; k++) {
            re->q[k].sparse = malloc(re->ninst * sizeof *re->q[k].sparse);
            re->q[k].dense = malloc(re->ninst * sizeof *re->q[k].dense);
            if (!re->q[k].sparse || !re->q[k].dense) cc_oom();
        }
        re->stack = malloc((2 * (size_t)re->ninst + 2) * sizeof *re->stack);
        if (!re->stack) cc_oom();
    }
    if (re->nov != nov) {
        free(re->capmem);
        free(re->work);
        free(re->matchcap);
        re->capmem = NULL;
        re->capalloc = 0;
        re->work = malloc((nov ? nov : 1) * sizeof *re->work);
        re->matchcap = malloc((nov ? nov : 1) * sizeof *re->matchcap);
        if (!re->work || !re->matchcap) cc_oom();
        re->nov = nov;
    }
    re->nalloc = 0;
    re->nfree = 0;
    re->q[0].n = re->q[1].n = 0;
}

static int32_t m_alloc(Rx *re)
{
    if (re->nfree) return re->freel[--re->nfree];
    if (re->nalloc == re->capalloc) {
        re->capalloc = re->capalloc ? re->capalloc * 2 : 16;
        if (re->nov) {
            re->capmem = realloc(re->capmem, (size_t)re->capalloc * re->nov * sizeof *re->capmem);
            if (!re->capmem) cc_oom();
        }
    }
    return re->nalloc++;
}

static void m_free(Rx *re, int32_t t)
{
    if (re->nfree == re->capfree) {
        re->capfree = re->capfree ? re->capfree * 2 : 16;
        re->freel = realloc(re->freel, re->capfree * sizeof *re->freel);
        if (!re->freel) cc_oom();
    }
    re->freel[re->nfree++] = t;
}

#define TCAP(re, t) ((re)->capmem + (size_t)(t) * (re)->nov)

/* Go machine.add with an explicit stack: follow pc0 through empty
 * instructions in priority order, leaving threads at rune and match
 * instructions of q; cap (re->work) is the capture state, restored. */
static void m_add(Rx *re, RxQueue *q, uint32_t pc0, size_t pos, size_t *cap, int flags)
{
    RxStack *st = re->stack;
    int n = 0;
    st[n++] = (RxStack){pc0, -1, 0};
    while (n) {
        RxStack e = st[--n];
        if (e.slot >= 0) { cap[e.slot] = e.old; continue; }
        uint32_t pc = e.pc;
        for (;;) {
            rx_vm_steps++;
            if (pc == 0) break;
            uint32_t j = q->sparse[pc];
            if (j < q->n && q->dense[j].pc == pc) break;
            j = q->n++;
            q->sparse[pc] = j;
            q->dense[j] = (RxQEnt){pc, -1};
            const RInst *i = &re->inst[pc];
            if (i->op == I_ALT) {
                st[n++] = (RxStack){i->arg, -1, 0};
                pc = i->out;
                continue;
            }
            if (i->op == I_EMPTY) {
                if ((flags & i->arg) == (int)i->arg) { pc = i->out; continue; }
                break;
            }
            if (i->op == I_NOP) { pc = i->out; continue; }
            if (i->op == I_CAP) {
                if ((int)i->arg < re->nov) {
                    st[n++] = (RxStack){0, (int32_t)i->arg, cap[i->arg]};
                    cap[i->arg] = pos;
                }
                pc = i->out;
                continue;
            }
            if (i->op == I_FAIL) break;
            /* rune or match: a thread */
            int32_t t = m_alloc(re);
            if (re->nov) memcpy(TCAP(re, t), cap, re->nov * sizeof *cap);
            q->dense[j].t = t;
            break;
        }
    }
}

int rx_exec(Rx *re, const char *s, size_t n, size_t pos, size_t *ov, int nov)
{
    if (re->cond == -1) return 0;
    if (nov > 2 * (re->ncap + 1)) nov = 2 * (re->ncap + 1);
    m_init(re, nov);
    RxQueue *runq = &re->q[0], *nextq = &re->q[1];
    size_t *matchcap = re->matchcap;
    for (int k = 0; k < nov; k++) matchcap[k] = RX_UNSET;
    int matched = 0;
    size_t w = 0, w1 = 0;
    int32_t r = -1, r1 = -1;
    if (pos < n) { r = rx_rune(s + pos, n - pos, &w); if (r < 0) r = 0xfffd; }
    if (pos + w < n) { r1 = rx_rune(s + pos + w, n - pos - w, &w1); if (r1 < 0) r1 = 0xfffd; }
    int flag;
    if (pos == 0) flag = ew_flags(-1, r);
    else {
        unsigned char b = s[pos - 1];
        flag = ew_flags(b < 0x80 ? b : 0xfffd, r);
    }
    for (;;) {
        if (runq->n == 0) {
            if ((re->cond & EW_BOT) && pos != 0) break;
            if (matched) break;
            if (re->prefixlen && pos < n && (pos + re->prefixlen > n || memcmp(s + pos, re->prefix, re->prefixlen) != 0)) {
                const char *hit = memmem(s + pos, n - pos, re->prefix, re->prefixlen);
                if (!hit) break;
                pos = hit - s;
                r = rx_rune(s + pos, n - pos, &w);
                if (r < 0) r = 0xfffd;
                r1 = -1;
                w1 = 0;
                if (pos + w < n) { r1 = rx_rune(s + pos + w, n - pos - w, &w1); if (r1 < 0) r1 = 0xfffd; }
            }
        }
        if (!matched && (pos == 0 || !(re->cond & EW_BOT))) {
            if (nov > 0) matchcap[0] = pos;
            size_t *work = re->work;
            memcpy(work, matchcap, nov * sizeof *work);
            m_add(re, runq, re->start, pos, work, flag);
        }
        flag = ew_flags(r, r1);
        /* step (Go machine.step) */
        size_t npos = pos + w;
        for (uint32_t j = 0; j < runq->n; j++) {
            int32_t t = runq->dense[j].t;
            if (t < 0) continue;
            rx_vm_steps++;
            const RInst *i = &re->inst[runq->dense[j].pc];
            if (i->op == I_MATCH) {
                if (nov > 0) {
                    TCAP(re, t)[1] = pos;
                    memcpy(matchcap, TCAP(re, t), nov * sizeof *matchcap);
                }
                for (uint32_t k = j + 1; k < runq->n; k++)
                    if (runq->dense[k].t >= 0) m_free(re, runq->dense[k].t);
                runq->n = 0;
                matched = 1;
                m_free(re, t);
                break;
            }
            if (r >= 0 && rune_ok(re, i, r)) {
                size_t *work = re->work;
                if (nov) memcpy(work, TCAP(re, t), nov * sizeof *work);
                m_add(re, nextq, i->out, npos, work, flag);
            }
            m_free(re, t);
        }
        runq->n = 0;
        if (w == 0) break;
        if (nov == 0 && matched) break;
        pos += w;
        r = r1;
        w = w1;
        r1 = -1;
        w1 = 0;
        if (pos + w < n) { r1 = rx_rune(s + pos + w, n - pos - w, &w1); if (r1 < 0) r1 = 0xfffd; }
        RxQueue *tq = runq;
        runq = nextq;
        nextq = tq;
    }
    for (uint32_t j = 0; j < nextq->n; j++)
        if (nextq->dense[j].t >= 0) m_free(re, nextq->dense[j].t);
    nextq->n = 0;
    if (matched && ov) memcpy(ov, matchcap, nov * sizeof *ov);
    return matched;
}
