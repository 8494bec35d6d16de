/*
 * fuzz_yamlemit.c - yaml_emit.c's block emitter against libyaml's: the
 * input bytes are read as a program that builds a value (nested lists and
 * maps of strings made of the pieces the emitter's rules turn on: spaces
 * at the ends and inside, indicators, line breaks of every kind, quotes,
 * words that resolve to bools, nulls, numbers and timestamps, Unicode up to
 * four bytes, BOMs, controls, invalid UTF-8, long sentences that fold at 80
 * columns, keys over 128 bytes...), then yaml_dump and yaml_dump_pretty
 * must give exactly what the reference gives: the same error, or the same
 * bytes appended to the same buffer. The reference is tests/fuzz/
 * yaml_emit_ref.c, chartc's toYaml as it was when libyaml's emitter wrote
 * it (go-yaml v2's emitterc.go is a port of that emitter).
 *
 * Known differences, where the reference was wrong and the new emitter
 * agrees with Helm (conformance yaml/bom-keys), are skipped. The
 * reference wrote a string starting with a BOM as a placeholder token
 * replaced afterwards, so with a BOM key (fz_bom) it made a key over 128
 * bytes or spanning lines a simple key and folded the value on its line
 * at the token's columns; and in toYamlPretty a tab in a multi-line BOM
 * string came out as "\uE000" (fz_bom_tab).
 *
 * CHARTC_FUZZ_RANDOM=N (replay build): N pseudo-random inputs of up to 512
 * bytes instead of files, seed CHARTC_FUZZ_SEED (default 1), a progress
 * line every million; a difference prints the input as hex and aborts.
 */
#define _GNU_SOURCE   /* memmem, in yaml_emit_ref.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/codec.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#include "yaml_emit_ref.c"

#define FZ_MAX 4096

/* ---- the input as a byte stream ------------------------------------- */

typedef struct FzIn { const uint8_t *p, *e; } FzIn;

static unsigned fz_byte(FzIn *in) { return in->p < in->e ? *in->p++ : 0; }
static int fz_more(const FzIn *in) { return in->p < in->e; }

/* Pieces strings are made of. */
static const char *const fz_pieces[] = {
    " ", "  ", "\n", "\n\n", "\t", "\r", "\r\n", ":", ": ", " #", "#", "-", "- ", "---", "...", "'", "\"",
    "\\", "?", "? ", "|", ">", "!", "&", "*", "%", "@", "`", ",", "[", "]", "{", "}", "~", "=",
    "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False", "null", "Null", "NULL", "<<",
    "1", "0", "12", "1.5", "1e3", "0x1F", "0o17", "0777", "+1", "-1", "-.5", ".5", ".inf", "-.Inf", ".nan",
    "2024-01-01", "2001-12-14t21:59:43.10-05:00", "12:30", "1:20:30", "1_000", "0b101", "123456789012345678901234",
    "\xC3\xA9", "\xC3\xBC", "\xE6\x97\xA5\xE6\x9C\xAC", "\xC2\x85", "\xC2\xA0", "\xE2\x80\xA8", "\xE2\x80\xA9",
    "\xEF\xBB\xBF", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80", "\xEE\x80\x80",
    "\xED\x9F\xBF", "\xC2\x80", "\xC2\x9F", "\x00", "\x01", "\x08", "\x0B", "\x0C", "\x1B", "\x7F", "\xFF",
    "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80", "word", "other", "a", "b", "x", "A", "Z", "_", "a1", "a10",
    "hello world", "the quick brown fox jumps over the lazy dog",
};
#define FZ_NPIECES (sizeof fz_pieces / sizeof fz_pieces[0])

/* A string: pieces, random bytes, runs of words (sentences that fold),
 * long runs of one character. */
static Value fz_string(FzIn *in, int key)
{
    Buf b = {0};
    unsigned len = fz_byte(in) % 12;
    for (unsigned i = 0; i < len && fz_more(in); i++) {
        unsigned op = fz_byte(in);
        if (op < 160) {
            const char *p = fz_pieces[op % FZ_NPIECES];
            buf_put(&b, p, p[0] ? strlen(p) : 1);   /* "\x00" is one NUL byte */
        } else if (op < 200) {
            buf_putc(&b, (char)fz_byte(in));
        } else if (op < 230) {
            /* words and spaces past the fold column */
            unsigned words = 5 + fz_byte(in) % 40, wl = 1 + fz_byte(in) % 12, sp = fz_byte(in);
            for (unsigned w = 0; w < words; w++) {
                for (unsigned k = 0; k < wl; k++) buf_putc(&b, (char)('a' + (w + k) % 26));
                buf_puts(&b, (sp & 3) == 0 ? "  " : (sp & 7) == 1 ? " \n" : " ");
                sp = sp * 7 + 3;
            }
        } else if (op < 245) {
            unsigned n = fz_byte(in) * (key ? 2 : 1);
            char c = "x \n-:#'\"\t"[fz_byte(in) % 9];
            for (unsigned k = 0; k < n; k++) buf_putc(&b, c);
        } else {
            buf_put(&b, "\xEF\xBB\xBF", 3);
        }
    }
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

/* Objects: one whose data form is a value (a struct's JSON form when it
 * is a GT_STRUCT map, with a Go struct form for toYamlPretty), a
 * time.Time, one without a data form (null). */
static Value fz_obj_data(Obj *o) { return *(Value *)o->data; }
static Value fz_obj_fields(Obj *o)
{
    Value f = v_newmap(3);
    f.g = GT_STRUCT;
    map_set(f.u.m, "Name", 4, *(Value *)o->data);
    map_set(f.u.m, "hidden", 6, v_bool(1));
    map_set(f.u.m, "Port", 4, v_int64(80));
    return f;
}
static const ObjType fz_data_type = {"fuzz.Data", NULL, NULL, fz_obj_data, NULL, NULL, 0, NULL, NULL};
static const ObjType fz_struct_type = {"fuzz.Struct", NULL, NULL, fz_obj_data, NULL, fz_obj_fields, 0, NULL, NULL};
static const ObjType fz_time_type = {"time.Time", NULL, NULL, fz_obj_data, NULL, NULL, 0, NULL, NULL};
static const ObjType fz_opaque_type = {"fuzz.Opaque", NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL};

static Value fz_value(FzIn *in, int depth);

static Value fz_obj(FzIn *in, int depth)
{
    Value *d = cc_alloc(sizeof *d);
    unsigned k = fz_byte(in) % 4;
    if (k == 1) {   /* a struct's data form: a GT_STRUCT map */
        *d = v_newmap(2);
        d->g = GT_STRUCT;
        map_set(d->u.m, "name", 4, fz_value(in, depth + 1));
        map_set(d->u.m, "port", 4, v_int64(80));
    } else if (k == 2) {
        static const char *const times[] = {"2024-01-01T00:00:00Z", "2001-12-14 21:59:43.1 -0500 -0500", ""};
        const char *t = times[fz_byte(in) % 3];
        *d = v_str(t, strlen(t));
    } else {
        *d = fz_value(in, depth + 1);
    }
    static const ObjType *const types[] = {&fz_data_type, &fz_struct_type, &fz_time_type, &fz_opaque_type};
    return v_newobj(types[k], d);
}

/* A list holding itself somewhere below (json: encountered a cycle), or
 * nested past go-yaml's 10000 levels. fz_deep: then toYamlPretty, which
 * indents each level on a line of its own (1000 levels before it finds a
 * cycle; no limit at all), is not compared: too slow. */
static int fz_deep;

static Value fz_special(FzIn *in)
{
    unsigned k = fz_byte(in) % 3;
    if (k == 0) {
        fz_deep = 1;
        List *l = list_new(2);
        list_push(l, v_str("a", 1));
        Value m = v_newmap(1);
        map_set(m.u.m, "self", 4, v_list(l));
        list_push(l, m);
        return v_list(l);
    }
    if (k == 1) return v_complex(1.5, fz_byte(in));
    int n = 9990 + fz_byte(in) % 20;
    fz_deep = 1;
    Value v = v_str("deep", 4);
    /* mostly lists: "- - - ..." stays on a line, where nested maps would
     * indent each level on a line of its own (100 MB of spaces) */
    for (int i = 0; i < n; i++) {
        if (i % 997) {
            List *l = list_new(1);
            list_push(l, v);
            v = v_list(l);
        } else {
            Value m = v_newmap(1);
            map_set(m.u.m, "k", 1, v);
            v = m;
        }
    }
    return v;
}

static Value fz_value(FzIn *in, int depth)
{
    unsigned op = fz_byte(in);
    if (depth > 7 && op % 24 >= 16) op = 0;
    if (op == 255) return fz_special(in);
    if (op == 254 || op == 253) return fz_obj(in, depth);
    switch (op % 24) {
    case 0: return v_nil();
    case 1: return v_bool(op & 0x80);
    case 2: {
        static const int64_t ints[] = {0, 1, -1, 42, 1000000, INT64_MAX, INT64_MIN, 8080, -7, 1LL << 53};
        Value v = v_int64(ints[fz_byte(in) % 10]);
        if (op & 0x40) v.g = GT_INT;
        return v;
    }
    case 3: case 4: {
        static const double fs[] = {0, -0.0, 1, 1.5, 3.0, 1e6, 1e21, 1e20, 1e-7, 0.1, 123456789,
                                    1e15, 12345678901234567890.0, 9223372036854775807.0, 18446744073709551615.0,
                                    -1e300, 5e-324, 1e100, 2.5e-5, 100.25};
        unsigned k = fz_byte(in);
        if (k == 255) return v_float(fz_byte(in) & 1 ? 1.0 / 0.0 : 0.0 / 0.0);
        return v_float(fs[k % 20] * ((k & 0x80) ? -1 : 1));
    }
    case 5: case 6: case 7: case 8: case 9: case 10: case 11:
        return fz_string(in, 0);
    case 12: {
        Value v = fz_string(in, 0);
        v.g = GT_BYTES;
        return v;
    }
    case 13: { Value v = v_nil(); v.t = VT_LIST; v.u.l = NULL; return v; }
    case 14: { Value v = v_nil(); v.t = VT_MAP; v.u.m = NULL; return v; }
    case 15: return fz_string(in, 0);
    case 16: case 17: case 18: case 19: {
        unsigned n = fz_byte(in) % 6;
        List *l = list_new(n);
        for (unsigned i = 0; i < n && fz_more(in); i++) list_push(l, fz_value(in, depth + 1));
        return v_list(l);
    }
    default: {
        unsigned n = fz_byte(in) % 6;
        Value m = v_newmap(n);
        for (unsigned i = 0; i < n && fz_more(in); i++) {
            Value k = fz_string(in, 1);
            map_set(m.u.m, k.u.s, k.n, fz_value(in, depth + 1));
        }
        return m;
    }
    }
}

/* Does a string of v (keys: only its keys) satisfy pred? (Not past
 * 10100 levels: a cycle has no end, and nothing is written that deep.) */
static int fz_any(Value v, int keys, int (*pred)(const char *, size_t), int depth)
{
    if (depth > 10100) return 0;
    if (v.t == VT_STR) return !keys && pred(v.u.s, v.n);
    if (v.t == VT_OBJ && v.u.o->type->to_data) return fz_any(v.u.o->type->to_data(v.u.o), keys, pred, depth + 1);
    if (v.t == VT_LIST && v.u.l) {
        for (uint32_t i = 0; i < v.u.l->len; i++) if (fz_any(v.u.l->v[i], keys, pred, depth + 1)) return 1;
    } else if (v.t == VT_MAP && v.u.m) {
        MAP_EACH(v.u.m, e) {
            if (pred(e->k, e->klen) || fz_any(e->v, keys, pred, depth + 1)) return 1;
        }
    }
    return 0;
}

static int fz_bom(const char *s, size_t n) { return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0; }

/* A BOM string with a tab: in toYamlPretty the reference swaps the tab
 * of a multi-line string for U+E000 and misses it in the BOM escapes. */
static int fz_bom_tab(const char *s, size_t n) { return fz_bom(s, n) && memchr(s, '\t', n); }

static const uint8_t *fz_cur;
static size_t fz_cur_n;

static void fz_fail(const char *what, const char *ea, const Buf *a, const char *eb, const Buf *b)
{
    fprintf(stdout, "%s differs from the libyaml reference\nnew: %s\n%.*s\nref: %s\n%.*s\ninput:", what,
            ea ? ea : "ok", (int)a->len, a->p ? a->p : "", eb ? eb : "ok", (int)b->len, b->p ? b->p : "");
    for (size_t i = 0; i < fz_cur_n; i++) fprintf(stdout, "%s%02x", i % 32 ? "" : "\n", fz_cur[i]);
    fprintf(stdout, "\n");
    fflush(stdout);
    abort();
}

static void fz_compare(const char *what, const char *(*mine)(Buf *, Value), const char *(*ref)(Buf *, Value), Value v)
{
    Buf a = {0}, b = {0};
    buf_puts(&a, "prefix\n");
    buf_puts(&b, "prefix\n");
    const char *ea = mine(&a, v), *eb = ref(&b, v);
    if ((ea == NULL) != (eb == NULL) || (ea && strcmp(ea, eb) != 0) || a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
        fz_fail(what, ea, &a, eb, &b);
    buf_free(&a);
    buf_free(&b);
}

static void fz_one(const uint8_t *data, size_t size)
{
    fz_cur = data;
    fz_cur_n = size;
    FzIn in = {data, data + size};
    CcMark mark = cc_arena_mark();   /* released below, keeping a spare block: no mmap per input */
    cc_helm_major = 4;
    fz_deep = 0;
    Value v = fz_value(&in, 0);
    if (!fz_any(v, 1, fz_bom, 0)) fz_compare("toYaml", yaml_dump, ref_yaml_dump, v);
    if (!fz_deep && !fz_any(v, 0, fz_bom_tab, 0)) fz_compare("toYamlPretty", yaml_dump_pretty, ref_yaml_dump_pretty, v);
    cc_arena_release(mark);
}

/* splitmix64 */
static uint64_t fz_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    const char *n = getenv("CHARTC_FUZZ_RANDOM");
    if (!n) return 0;
    long long count = atoll(n);
    uint64_t seed = getenv("CHARTC_FUZZ_SEED") ? strtoull(getenv("CHARTC_FUZZ_SEED"), NULL, 10) : 1;
    uint8_t buf[512];
    for (long long i = 0; i < count; i++) {
        size_t len = 1 + fz_rand(&seed) % sizeof buf;
        for (size_t k = 0; k < len; k += 8) {
            uint64_t r = fz_rand(&seed);
            memcpy(buf + k, &r, len - k < 8 ? len - k : 8);
        }
        fz_one(buf, len);
        if ((i + 1) % 1000000 == 0) fprintf(stdout, "%lld values, no difference\n", i + 1), fflush(stdout);
    }
    fprintf(stdout, "fuzz_yamlemit: %lld random values, no difference\n", count);
    exit(0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    fz_one(data, size);
    return 0;
}
