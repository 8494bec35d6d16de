/*
 * test_gofmt.c - go_print / go_sprintf / FormatFloat / Quote against real
 * Helm output. Each case is a template expression (printf/print/println over
 * literals, list, dict, splitList, div, toDecimal) and the exact text Helm
 * v4.1.4 and v3.17.3 printed for it (both identical).
 */
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "harness.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- a tiny evaluator for the probe expressions ---------------------- */
typedef struct { const char *s; } Src;

static void skip_ws(Src *p) { while (*p->s == ' ') p->s++; }

static Value eval_call(Src *p);

static Value eval_arg(Src *p)
{
    skip_ws(p);
    const char *s = p->s;
    if (*s == '(') {
        p->s++;
        Value v = eval_call(p);
        skip_ws(p);
        if (*p->s == ')') p->s++;
        return v;
    }
    if (*s == '"') {
        const char *e = s + 1;
        while (*e && *e != '"') { if (*e == '\\') e++; e++; }
        Buf b = {0};
        go_unquote(s, (size_t)(e + 1 - s), &b);
        Value v = v_buf(&b);
        buf_free(&b);
        p->s = e + 1;
        return v;
    }
    const char *e = s;
    while (*e && *e != ' ' && *e != ')') e++;
    p->s = e;
    size_t n = (size_t)(e - s);
    if (n == 4 && !strncmp(s, "true", 4)) return v_bool(1);
    if (n == 5 && !strncmp(s, "false", 5)) return v_bool(0);
    if (n == 3 && !strncmp(s, "nil", 3)) return v_nil();
    char *t = cc_strndup(s, n);
    if (strpbrk(t, ".eE")) return v_float(strtod(t, NULL));
    return v_goint(strtoll(t, NULL, 0));
}

static int at_end(Src *p) { skip_ws(p); return !*p->s || *p->s == ')'; }

static Value eval_call(Src *p)
{
    skip_ws(p);
    const char *s = p->s;
    while (*p->s && *p->s != ' ' && *p->s != ')') p->s++;
    char *fn = cc_strndup(s, (size_t)(p->s - s));
    Value args[32];
    int n = 0;
    while (!at_end(p) && n < 32) args[n++] = eval_arg(p);
    Buf b = {0};
    if (!strcmp(fn, "list")) {
        Value l = v_newlist((size_t)n);
        for (int i = 0; i < n; i++) list_push(l.u.l, args[i]);
        return l;
    }
    if (!strcmp(fn, "dict")) {
        Value m = v_newmap((size_t)n);
        for (int i = 0; i + 1 < n; i += 2) map_set(m.u.m, args[i].u.s, args[i].n, args[i + 1]);
        return m;
    }
    if (!strcmp(fn, "splitList")) {
        Value l = v_newlist(4);
        l.g = GT_STRSLICE;
        const char *str = args[1].u.s, *sep = args[0].u.s;
        for (;;) {
            const char *q = strstr(str, sep);
            if (!q) { list_push(l.u.l, v_strdup(str, strlen(str))); break; }
            list_push(l.u.l, v_strdup(str, (size_t)(q - str)));
            str = q + strlen(sep);
        }
        return l;
    }
    if (!strcmp(fn, "float64")) return v_float(strtod(args[0].u.s, NULL));
    if (!strcmp(fn, "div")) return v_int64(args[0].u.i / args[1].u.i);
    if (!strcmp(fn, "toDecimal")) return v_int64(strtoll(args[0].u.s, NULL, 8));
    if (!strcmp(fn, "printf")) go_sprintf(&b, args[0].u.s, args[0].n, n - 1, args + 1);
    else if (!strcmp(fn, "print")) go_sprint(&b, n, args);
    else if (!strcmp(fn, "println")) go_sprintln(&b, n, args);
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

static const char *run(const char *expr)
{
    Src p = {expr};
    Value v = eval_call(&p);
    return v.u.s;
}

/* ---- cases: expression, Helm's output -------------------------------- */
static const struct { const char *expr, *want; } cases[] = {
#include "test_gofmt_cases.inc"
};

TEST(helm_probes)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = run(cases[i].expr);
        if (strcmp(got, cases[i].want) != 0) {
            fprintf(stderr, "  case %zu: %s\n    got:  [%s]\n    want: [%s]\n", i, cases[i].expr, got, cases[i].want);
            cur_failed_ = 1;
        }
    }
}

TEST(format_float)
{
    static const struct { double f; char fmt; int prec; const char *want; } fc[] = {
        {1e6, 'g', -1, "1e+06"}, {123456789, 'g', -1, "1.23456789e+08"}, {100000, 'g', -1, "100000"},
        {0.1, 'f', -1, "0.1"}, {1e21, 'f', -1, "1000000000000000000000"}, {1e-7, 'e', -1, "1e-07"},
        {1.5, 'e', 3, "1.500e+00"}, {2.5, 'f', 0, "2"}, {-0.0, 'g', -1, "-0"},
        {3.5, 'x', -1, "0x1.cp+01"}, {1.0, 'b', -1, "4503599627370496p-52"},
    };
    for (size_t i = 0; i < sizeof fc / sizeof fc[0]; i++) {
        Buf b = {0};
        go_format_float(&b, fc[i].f, fc[i].fmt, fc[i].prec, 64);
        CHECK_STR(buf_cstr(&b), fc[i].want);
        buf_free(&b);
    }
}

/* Whole numbers take a short cut to their shortest digits (gofmt.c
 * digits_shortest): the same digits as go_shortest_e (the general
 * algorithm) for 64- and 32-bit formats, at the edges and at random. */
static void whole_agrees(double f, int bits)
{
    char e[64];
    go_shortest_e(e, sizeof e, f, bits);   /* d.ddde+XX */
    Buf b = {0};
    go_format_float(&b, f, 'e', -1, bits);
    const char *got = buf_cstr(&b);
    if (strcmp(got, e)) fprintf(stderr, "  %.17g (%d bits): %s, go_shortest_e %s\n", f, bits, got, e);
    CHECK_STR(got, e);
    buf_free(&b);
}

TEST(whole_number_digits)
{
    static const double edge[] = {1, 9, 10, 100, 1000000, 1234567, 999999999999999, 1e14, 123456789012345,
                                  16777215, 16777216, 16777217, 8080, 65535, 4294967296.0};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        whole_agrees(edge[i], 64);
        if (edge[i] < 16777216) whole_agrees(edge[i], 32);
    }
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        uint64_t d = 1;
        for (int k = (int)(x % 16); k > 0; k--) d *= 10;   /* all magnitudes below 1e15 */
        whole_agrees((double)(x % d), 64);
        whole_agrees((double)((x >> 20) % 16777216), 32);
    }
}

TEST(unquote)
{
    static const struct { const char *in, *want; int ok; } uc[] = {
        {"\"a\\tb\"", "a\tb", 1}, {"`a\\tb`", "a\\tb", 1}, {"'a'", "a", 1}, {"'\\n'", "\n", 1},
        {"\"\\u2603\"", "\xe2\x98\x83", 1}, {"\"\\x41\\101\"", "AA", 1}, {"\"a", "", 0}, {"'ab'", "", 0},
        {"\"\\q\"", "", 0}, {"\"\\'\"", "", 0}, {"'\\\"'", "", 0}, {"'\\xff'", "\xc3\xbf", 1},
        {"\"\\ud800\"", "", 0}, {"\"\\400\"", "", 0}, {"``", "", 1},
    };
    for (size_t i = 0; i < sizeof uc / sizeof uc[0]; i++) {
        Buf b = {0};
        int ok = go_unquote(uc[i].in, strlen(uc[i].in), &b);
        CHECK_INT(ok, uc[i].ok);
        if (ok) CHECK_STR(buf_cstr(&b), uc[i].want);
        buf_free(&b);
    }
}

TEST(print_kinds)
{
    Buf b = {0};
    Value bytes = v_str("hi", 2);
    bytes.g = GT_BYTES;
    go_print(&b, bytes);
    CHECK_STR(buf_cstr(&b), "[104 105]");
    b.len = 0;
    go_sprintf(&b, "%s|%x|%q|%T", 11, 4, (Value[]){bytes, bytes, bytes, bytes});
    CHECK_STR(buf_cstr(&b), "hi|6869|\"hi\"|[]uint8");
    b.len = 0;
    Value c = v_float(1);
    c.g = GT_COMPLEX;
    go_print(&b, c);
    CHECK_STR(buf_cstr(&b), "(1+0i)");
    b.len = 0;
    Value s = fn_strval(bytes);
    CHECK_STR(s.u.s, "hi");
    s = fn_strval(v_float(1e6));
    CHECK_STR(s.u.s, "1e+06");
    buf_free(&b);
}

TEST(struct_print)
{
    /* .Capabilities.HelmVersion prints {v4.1.4 05fa... clean go1.25.9 v1.35} */
    Value st = v_newmap(2);
    st.g = GT_STRUCT;
    map_setc(st.u.m, "Version", v_cstr("v4.1.4"));
    map_setc(st.u.m, "GitTreeState", v_cstr("clean"));
    Buf b = {0};
    go_print(&b, st);
    CHECK_STR(buf_cstr(&b), "{v4.1.4 clean}");
    b.len = 0;
    go_sprintf(&b, "%+v", 3, 1, &st);
    CHECK_STR(buf_cstr(&b), "{Version:v4.1.4 GitTreeState:clean}");
    buf_free(&b);
}

TEST_MAIN()
