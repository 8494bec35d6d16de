/*
 * test_json.c - json_encode / json_decode and the toJson/fromJson family
 * against real Helm output (v4.1.4 and v3.17.3 printed the same bytes).
 * Each case: mode, function, Go literal argument, Helm's `| quote`d output.
 *   E: FN (mustFromJson LIT)    S: FN LIT    D: FN LIT | toJson
 */
#include "chartc/codec.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "harness.h"

#include <setjmp.h>

Value fn_toJson(Exec *x, int argc, Value *argv);
Value fn_mustToJson(Exec *x, int argc, Value *argv);
Value fn_toRawJson(Exec *x, int argc, Value *argv);
Value fn_mustToRawJson(Exec *x, int argc, Value *argv);
Value fn_toPrettyJson(Exec *x, int argc, Value *argv);
Value fn_mustToPrettyJson(Exec *x, int argc, Value *argv);
Value fn_fromJson(Exec *x, int argc, Value *argv);
Value fn_fromJsonArray(Exec *x, int argc, Value *argv);
Value fn_mustFromJson(Exec *x, int argc, Value *argv);

static const struct { const char *name; CFunc fn; } fns[] = {
    {"toJson", fn_toJson}, {"mustToJson", fn_mustToJson}, {"toRawJson", fn_toRawJson},
    {"mustToRawJson", fn_mustToRawJson}, {"toPrettyJson", fn_toPrettyJson},
    {"mustToPrettyJson", fn_mustToPrettyJson}, {"fromJson", fn_fromJson},
    {"fromJsonArray", fn_fromJsonArray}, {"mustFromJson", fn_mustFromJson},
};

static jmp_buf jb;
static const char *last_err;
static void hook(Exec *x, const char *msg) { (void)x; last_err = msg; longjmp(jb, 1); }

static Value call(const char *name, Value arg)
{
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (!strcmp(fns[i].name, name)) return fns[i].fn(NULL, 1, &arg);
    return v_nil();
}

static Value lit(const char *s)
{
    Buf b = {0};
    go_unquote(s, strlen(s), &b);
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

static const struct { char mode; const char *fn, *lit, *want; } cases[] = {
#include "test_json_cases.inc"
};

TEST(helm_probes)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value a = lit(cases[i].lit), r;
        if (cases[i].mode == 'E') r = call(cases[i].fn, call("mustFromJson", a));
        else if (cases[i].mode == 'S') r = call(cases[i].fn, a);
        else r = call("toJson", call(cases[i].fn, a));
        Buf q = {0};
        go_quote(&q, r.u.s, r.n, 0);
        if (strcmp(buf_cstr(&q), cases[i].want) != 0) {
            fprintf(stderr, "  case %zu: %s %s\n    got:  [%s]\n    want: [%s]\n", i, cases[i].fn, cases[i].lit,
                    buf_cstr(&q), cases[i].want);
            cur_failed_ = 1;
        }
        buf_free(&q);
    }
}

TEST(errors)
{
    fn_error_hook = hook;
    Value nan = v_float(0.0 / 0.0);
    Buf b = {0};
    CHECK_STR(json_encode(&b, nan, 0), "json: unsupported value: NaN");
    CHECK_STR(json_encode(&b, v_float(-1.0 / 0.0), 0), "json: unsupported value: -Inf");
    CHECK_INT(b.len, 0);
    buf_free(&b);
    /* toJson gives "", the must forms and toRawJson fail */
    CHECK_STR(call("toJson", nan).u.s, "");
    CHECK_STR(call("toPrettyJson", nan).u.s, "");
    static const char *failing[] = {"mustToJson", "toRawJson", "mustToRawJson", "mustToPrettyJson"};
    for (size_t i = 0; i < 4; i++) {
        last_err = NULL;
        if (!setjmp(jb)) call(failing[i], nan);
        CHECK_STR(last_err, "json: unsupported value: NaN");
    }
    last_err = NULL;
    if (!setjmp(jb)) call("mustFromJson", v_cstr("{"));
    CHECK_STR(last_err, "unexpected end of JSON input");
}

TEST(deep_nesting)
{
    /* Go's scanner allows 10000 levels */
    Buf b = {0};
    for (int i = 0; i < 10000; i++) buf_putc(&b, '[');
    for (int i = 0; i < 10000; i++) buf_putc(&b, ']');
    Value v;
    CHECK(json_decode(b.p, b.len, &v) == NULL);
    CHECK_INT(v.t, VT_LIST);
    b.len = 0;
    for (int i = 0; i < 10001; i++) buf_putc(&b, '[');
    CHECK_STR(json_decode(b.p, b.len, &v), "invalid character '[' exceeded max depth");
    buf_free(&b);
}

TEST(bytes_and_ints)
{
    Buf b = {0};
    Value by = v_str("hi!", 3);
    by.g = GT_BYTES;
    json_encode(&b, by, 0);
    CHECK_STR(buf_cstr(&b), "\"aGkh\"");
    b.len = 0;
    Value l = v_newlist(2);
    list_push(l.u.l, v_goint(-5));
    list_push(l.u.l, v_int64(9223372036854775807LL));
    json_encode(&b, l, 0);
    CHECK_STR(buf_cstr(&b), "[-5,9223372036854775807]");
    buf_free(&b);
}

TEST_MAIN()
