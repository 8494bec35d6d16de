/*
 * yaml_emit_ref.c - the reference for fuzz_yamlemit.c: chartc's toYaml and
 * toYamlPretty as they were before yaml_emit.c got its own emitter (at
 * 933e1cf), driving libyaml 0.2.5's emitter with events. go-yaml v2's
 * emitterc.go is a port of that emitter, so this is the independent
 * implementation the new block emitter is checked against. Included by the
 * harness only; ref_yaml_dump / ref_yaml_dump_pretty are yaml_dump /
 * yaml_dump_pretty of that version.
 */
/* _GNU_SOURCE (memmem) is defined by the including file */
#include "chartc/gostd.h"
#include "chartc/codec.h"
#include "../../src/yaml_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

typedef struct YEmit {
    yaml_emitter_t em;
    yaml_event_t ev;
    const char *err;    /* first error (JSON step or emitter) */
    int pretty;         /* go-yaml v3 rules (toYamlPretty) */
    VWalk w;            /* the JSON step's cycle check (ptrLevel) */
    int ydeep;          /* nested deeper than go-yaml reads back: emit nothing more */
    /* double-quoted scalars libyaml cannot produce (see ye_bom_quoted):
     * emitted as plain placeholder tokens, replaced in the output */
    const char **sub_tok, **sub_text;
    int nsub;
    /* go-yaml v3 writes a tab inside a literal block; libyaml counts it
     * as a special character and double-quotes. The tabs of a toYamlPretty
     * literal are swapped for a private-use rune the string lacks and
     * swapped back in the output (as \t if libyaml still quoted). */
    char tabph[4];
} YEmit;

static int ye_write(void *data, unsigned char *buf, size_t size)
{
    buf_put((Buf *)data, buf, size);
    return 1;
}

static void ye_emit(YEmit *E)
{
    if (E->err || E->ydeep) { yaml_event_delete(&E->ev); return; }
    if (!yaml_emitter_emit(&E->em, &E->ev))
        E->err = E->em.problem ? cc_strdup(E->em.problem) : "unknown problem generating YAML content";
}

static void ye_scalar(YEmit *E, const char *s, size_t n, yaml_scalar_style_t style)
{
    if (E->err || E->ydeep) return;
    yaml_scalar_event_initialize(&E->ev, NULL, NULL, (yaml_char_t *)(n ? s : ""), (int)n, 1, 1, style);
    ye_emit(E);
}

static void ye_plain(YEmit *E, const char *s) { ye_scalar(E, s, strlen(s), YAML_PLAIN_SCALAR_STYLE); }


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
        const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
        while (i + 8 <= n) {
            uint64_t x, d;
            memcpy(&x, s + i, 8);
            d = x ^ (ones * 0x7F);
            if ((x | ((d - ones) & ~d)) & highs) break;
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

/* go-yaml's is_bom(b, i) tests b[0..2] whatever i is, so in a
 * double-quoted scalar that starts with a BOM every character is written
 * as an escape ("\uFEFF\x78"). Returns that quoted text (arena). */
static const char *ye_bom_quoted(const char *s, size_t n)
{
    Buf b = {0};
    buf_putc(&b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t w = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        uint32_t v = w == 1 ? c : w == 2 ? c & 0x1F : w == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < w && i + k < n; k++) v = (v << 6) | ((unsigned char)s[i + k] & 0x3F);
        i += w;
        buf_putc(&b, '\\');
        switch (v) {
        case 0x0: buf_putc(&b, '0'); break;
        case 0x7: buf_putc(&b, 'a'); break;
        case 0x8: buf_putc(&b, 'b'); break;
        case 0x9: buf_putc(&b, 't'); break;
        case 0xA: buf_putc(&b, 'n'); break;
        case 0xB: buf_putc(&b, 'v'); break;
        case 0xC: buf_putc(&b, 'f'); break;
        case 0xD: buf_putc(&b, 'r'); break;
        case 0x1B: buf_putc(&b, 'e'); break;
        case 0x22: buf_putc(&b, '"'); break;
        case 0x5C: buf_putc(&b, '\\'); break;
        case 0x85: buf_putc(&b, 'N'); break;
        case 0xA0: buf_putc(&b, '_'); break;
        case 0x2028: buf_putc(&b, 'L'); break;
        case 0x2029: buf_putc(&b, 'P'); break;
        default:
            if (v <= 0xFF) buf_printf(&b, "x%02X", (unsigned)v);
            else if (v <= 0xFFFF) buf_printf(&b, "u%04X", (unsigned)v);
            else buf_printf(&b, "U%08X", (unsigned)v);
        }
    }
    buf_putc(&b, '"');
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* go-yaml v3 stringv: a string that is not valid UTF-8 is written as
 * !!binary base64 (encodeBase64: lines of 70 characters, each ending in a
 * newline once there is more than one, making it a literal block). */
static void ye_binary(YEmit *E, const char *s, size_t n)
{
    Buf raw = {0}, b = {0};
    go_base64(&raw, (const unsigned char *)s, n);
    int lines = raw.len >= 70;
    for (size_t i = 0; i < raw.len; i += 70) {
        buf_put(&b, raw.p + i, raw.len - i < 70 ? raw.len - i : 70);
        if (lines) buf_putc(&b, '\n');
    }
    if (!E->err) {
        yaml_scalar_event_initialize(&E->ev, NULL, (yaml_char_t *)"tag:yaml.org,2002:binary",
                                     (yaml_char_t *)(b.len ? b.p : ""), (int)b.len, 0, 0,
                                     lines ? YAML_LITERAL_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
        ye_emit(E);
    }
    buf_free(&raw);
    buf_free(&b);
}

/* Picks a 3-byte private-use rune absent from s (U+E000 up) and returns
 * s with every tab replaced by it (arena); 0 if none is free. */
static int ye_tab_swap(YEmit *E, const char **s, size_t *n)
{
    char ph[4] = "\xEE\x80\x80";
    for (int k = 0; k < 4096; k++) {
        ph[1] = (char)(0x80 + k / 64);
        ph[2] = (char)(0x80 + k % 64);
        if (!memmem(*s, *n, ph, 3)) {
            Buf b = {0};
            for (size_t i = 0; i < *n; i++) {
                if ((*s)[i] == '\t') buf_put(&b, ph, 3);
                else buf_putc(&b, (*s)[i]);
            }
            *s = buf_arena(&b);
            *n = b.len;
            buf_free(&b);
            memcpy(E->tabph, ph, 4);
            return 1;
        }
    }
    return 0;
}

/* encode.go stringv: literal if multi-line, plain if it would read back
 * as the same string, otherwise double-quoted. */
static void ye_string(YEmit *E, const char *s0, size_t n0)
{
    Buf tmp2 = {0};
    size_t n;
    const char *s = go_utf8_fix(s0, n0, &n);
    if (E->pretty && s != s0) { ye_binary(E, s0, n0); return; }
    if (!E->pretty) {
        int changed;
        if (!json_yaml_reread(s, n, &tmp2, &changed)) {
            if (!E->err) E->err = "yaml: control characters are not allowed";
            buf_free(&tmp2);
            return;
        }
        if (changed) { s = tmp2.p ? tmp2.p : ""; n = tmp2.len; }
    }
    yaml_scalar_style_t style;
    if (memchr(s, '\n', n)) {
        style = YAML_LITERAL_SCALAR_STYLE;
        if (E->pretty && memchr(s, '\t', n)) ye_tab_swap(E, &s, &n);
    } else {
        int plain;
        if (E->pretty) plain = !v3_needs_quote(s, n);
        else {
            YScalar r;
            yaml_resolve("", s, n, &r);
            plain = r.kind == YR_STR && !yaml_is_base60(s, n);
        }
        style = plain ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    }
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {   /* never plain/literal: double-quoted */
        const char *tok = cc_printf("zzchartcbomsubst%dzz", E->nsub);
        if (!(E->nsub & (E->nsub - 1))) {
            size_t oc = sizeof(char *) * (size_t)E->nsub, nc = sizeof(char *) * (size_t)(E->nsub ? 2 * E->nsub : 1);
            E->sub_tok = cc_grow(E->sub_tok, oc, nc);
            E->sub_text = cc_grow(E->sub_text, oc, nc);
        }
        E->sub_tok[E->nsub] = tok;
        E->sub_text[E->nsub++] = ye_bom_quoted(s, n);
        s = tok;
        n = strlen(tok);
        style = YAML_PLAIN_SCALAR_STYLE;
    }
    ye_scalar(E, s, n, style);
    buf_free(&tmp2);
}

/* A float64 after the JSON step: json.Marshal prints integral values below
 * 1e21 as digits (re-read by go-yaml as int/uint when they fit), others as
 * floats, which go-yaml prints with strconv 'g' shortest. */
static void ye_float(YEmit *E, double f)
{
    if (E->pretty && (isinf(f) || isnan(f))) {
        ye_plain(E, isnan(f) ? ".nan" : f > 0 ? ".inf" : "-.inf");
        return;
    }
    if (isinf(f) || isnan(f)) {
        if (!E->err) E->err = cc_printf("error marshaling into JSON: json: unsupported value: %s",
                                        isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
        return;
    }
    Buf b = {0};
    if (E->pretty) {
        /* go-yaml v3: FormatFloat 'g' -1, "+Inf" etc. unreachable here */
        yaml_fmt_g(&b, f, 64);
        ye_plain(E, buf_cstr(&b));
        buf_free(&b);
        return;
    }
    if (f == floor(f) && fabs(f) < 1e21) {
        /* JSON digits (shortest, zero padded) read back as int or uint */
        yaml_fmt_f(&b, f);
        const char *t = buf_cstr(&b);
        if (strcmp(t, "-0") == 0) t = "0";
        int ok = fabs(f) < 9223372036854775808.0 || (f > 0 && (b.len < 20 || (b.len == 20 && strcmp(t, "18446744073709551615") <= 0)));
        if (ok) {
            ye_plain(E, t);
            buf_free(&b);
            return;
        }
        b.len = 0;
    }
    yaml_fmt_g(&b, f, 64);
    ye_plain(E, buf_cstr(&b));
    buf_free(&b);
}

static void ye_base64(YEmit *E, const char *s, size_t n)
{
    Buf b = {0};
    go_base64(&b, (const unsigned char *)s, n);
    ye_string(E, b.p ? b.p : "", b.len);
    buf_free(&b);
}

static void ye_node(YEmit *E, Value v, int depth);

/* go-yaml v2 reads at most this many nested flow collections back
 * (scannerc.go max_flow_level); JSONToYAML fails past it */
#define YE_MAX_FLOW 10000

/* One value; `depth` counts the JSON arrays and objects around it. The
 * JSON step runs over the whole value first in Go, so its errors (a
 * cycle, +Inf, complex128) win over go-yaml's depth limit. */
static void ye_value(YEmit *E, Value v, int depth)
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
    ye_node(E, v, depth + coll);
    if (!E->err) vw_leave(&E->w, v);
}

static void ye_node(YEmit *E, Value v, int depth)
{
    switch (v.t) {
    case VT_NIL: ye_plain(E, "null"); break;
    case VT_BOOL: ye_plain(E, v.u.b ? "true" : "false"); break;
    case VT_INT: {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", (long long)v.u.i);
        ye_plain(E, tmp);
        break;
    }
    case VT_FLOAT:
        if (v.g == GT_COMPLEX) {
            E->err = "error marshaling into JSON: json: unsupported type: complex128";
            return;
        }
        ye_float(E, v.u.f);
        break;
    case VT_STR:
        if (v.g == GT_BYTES && !E->pretty) ye_base64(E, v.u.s, v.n);
        else ye_string(E, v.u.s, v.n);
        break;
    case VT_LIST:
        if (!v.u.l && !E->pretty) { ye_plain(E, "null"); break; }
        yaml_sequence_start_event_initialize(&E->ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        ye_emit(E);
        for (uint32_t i = 0; v.u.l && i < v.u.l->len; i++) ye_value(E, v.u.l->v[i], depth);
        yaml_sequence_end_event_initialize(&E->ev);
        ye_emit(E);
        break;
    case VT_MAP: {
        if (!v.u.m && !E->pretty) { ye_plain(E, "null"); break; }   /* json.Marshal of a nil map */
        yaml_mapping_start_event_initialize(&E->ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        ye_emit(E);
        /* go-yaml v2 sorts keys naturally (toYamlPretty maps go through pr_node) */
        MapEnt **es = map_sorted(v.u.m, 1);
        for (uint32_t i = 0; v.u.m && i < v.u.m->len; i++) {
            ye_string(E, es[i]->k, es[i]->klen);
            ye_value(E, es[i]->v, depth);
        }
        yaml_mapping_end_event_initialize(&E->ev);
        ye_emit(E);
        break;
    }
    case VT_OBJ:
        if (E->pretty && v.u.o->type->to_data && strcmp(v.u.o->type->gotype, "time.Time") == 0) {
            Value d = v.u.o->type->to_data(v.u.o);   /* go-yaml v3 writes time.Time as a plain timestamp */
            ye_scalar(E, d.u.s, d.n, YAML_PLAIN_SCALAR_STYLE);
        } else if (v.u.o->type->to_data) ye_value(E, v.u.o->type->to_data(v.u.o), depth);
        else ye_plain(E, "null");
        break;
    }
}

/* One document, no markers; go-yaml clears open_ended before STREAM-END so
 * no "..." follows an open-ended last scalar. */
static const char *ye_run(Buf *b, Value v, int pretty)
{
    YEmit E;
    memset(&E, 0, sizeof E);
    E.pretty = pretty;
    if (!yaml_emitter_initialize(&E.em)) cc_oom();
    Buf out = {0};
    yaml_emitter_set_output(&E.em, ye_write, &out);
    yaml_emitter_set_unicode(&E.em, 1);
    if (pretty) yaml_emitter_set_width(&E.em, -1);
    yaml_stream_start_event_initialize(&E.ev, YAML_UTF8_ENCODING);
    ye_emit(&E);
    yaml_document_start_event_initialize(&E.ev, NULL, NULL, NULL, 1);
    ye_emit(&E);
    ye_value(&E, v, 0);
    yaml_document_end_event_initialize(&E.ev, 1);
    ye_emit(&E);
    E.em.open_ended = 0;
    yaml_stream_end_event_initialize(&E.ev);
    ye_emit(&E);
    yaml_emitter_flush(&E.em);
    yaml_emitter_delete(&E.em);
    if (!E.err && !E.ydeep && E.nsub) {   /* put the go-yaml BOM scalars in place */
        Buf r = {0};
        const char *p = buf_cstr(&out), *end = p + out.len;
        for (int k = 0; k < E.nsub; k++) {
            const char *q = strstr(p, E.sub_tok[k]);   /* out is NUL-terminated below */
            if (!q) continue;
            buf_put(&r, p, (size_t)(q - p));
            buf_puts(&r, E.sub_text[k]);
            p = q + strlen(E.sub_tok[k]);
        }
        buf_put(&r, p, (size_t)(end - p));
        buf_free(&out);
        out = r;
    }
    if (E.tabph[0] && out.len) {
        Buf r = {0};
        const char *tab = out.p[0] == '"' ? "\\t" : "\t";
        for (size_t i = 0; i < out.len; i++) {
            if (i + 3 <= out.len && !memcmp(out.p + i, E.tabph, 3)) { buf_puts(&r, tab); i += 2; }
            else buf_putc(&r, out.p[i]);
        }
        buf_free(&out);
        out = r;
    }
    if (!E.err && E.ydeep) E.err = "yaml: exceeded max depth of 10000";
    if (!E.err) buf_put(b, out.p, out.len);
    buf_free(&out);
    return E.err;
}

static const char *ref_yaml_dump(Buf *b, Value v) { return ye_run(b, v, 0); }

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
    for (int i = 0; i < n; i++) buf_putc(b, ' ');
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

static const char *ref_yaml_dump_pretty(Buf *b, Value v)
{
    Buf t = {0};
    VWalk w = {0};
    const char *err = pr_node(&t, v, 0, 0, &w);
    if (!err) buf_put(b, t.p, t.len);
    buf_free(&t);
    return err;
}
