/* test_value.c - the value model: maps, lists, sorted orders, truthiness, types. */
#include "chartc/value.h"
#include "harness.h"

#include <stdio.h>

static const char *keys_in(MapEnt **e, uint32_t n)
{
    static char buf[512];
    size_t k = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < n; i++) k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? " " : "", e[i]->k);
    return buf;
}

TEST(map_set_get_del)
{
    Map *m = map_new(0);
    char k[16];
    for (int i = 0; i < 1000; i++) { snprintf(k, sizeof k, "k%d", i); map_setc(m, k, v_int64(i)); }
    CHECK_INT(m->len, 1000);
    CHECK_INT(map_getc(m, "k737")->u.i, 737);
    CHECK(map_getc(m, "nope") == NULL);
    for (int i = 0; i < 1000; i += 2) { snprintf(k, sizeof k, "k%d", i); CHECK(map_del(m, k, strlen(k))); }
    CHECK_INT(m->len, 500);
    CHECK(map_getc(m, "k10") == NULL);
    CHECK_INT(map_getc(m, "k11")->u.i, 11);
    map_setc(m, "k11", v_cstr("x"));
    CHECK_INT(m->len, 500);
    CHECK(v_is_str(*map_getc(m, "k11")));
    for (int i = 0; i < 2000; i++) { snprintf(k, sizeof k, "n%d", i); map_setc(m, k, v_nil()); }
    CHECK_INT(m->len, 2500);
    CHECK_INT(map_getc(m, "k999")->u.i, 999);
}

TEST(map_keys_with_nul_bytes)
{
    Map *m = map_new(0);
    map_set(m, "a\0b", 3, v_bool(1));
    map_set(m, "a", 1, v_bool(0));
    CHECK_INT(m->len, 2);
    CHECK(map_get(m, "a\0b", 3)->u.b == 1);
}

/* Orders confirmed against Helm in the spec, E.4.2 */
TEST(byte_and_natural_order)
{
    const char *ks[] = {"", "-", "_x", "~", "1", "9", "10", "B", "Z", "a-b", "a_b", "a1", "a01",
                        "a001", "a2", "a10", "b", "x 2", "x 10", "\xc3\xa9"};
    Map *m = map_new(0);
    for (int i = (int)(sizeof ks / sizeof ks[0]) - 1; i >= 0; i--) map_setc(m, ks[i], v_nil());
    CHECK_STR(keys_in(map_sorted(m, 1), m->len),
              " - _x ~ 1 9 10 B Z a-b a_b a1 a01 a001 a2 a10 b x 2 x 10 \xc3\xa9");
    CHECK_STR(keys_in(map_sorted(m, 0), m->len),
              " - 1 10 9 B Z _x a-b a001 a01 a1 a10 a2 a_b b x 10 x 2 ~ \xc3\xa9");
}

TEST(truth_and_empty)
{
    CHECK(!v_truth(v_nil()));
    CHECK(!v_truth(v_int64(0)));
    CHECK(!v_truth(v_float(0.0)));
    CHECK(!v_truth(v_cstr("")));
    CHECK(v_truth(v_cstr("0")));
    CHECK(!v_truth(v_newlist(0)));
    CHECK(!v_truth(v_newmap(0)));
    CHECK(v_empty(v_bool(0)));
    Value l = v_newlist(0);
    list_push(l.u.l, v_nil());
    CHECK(v_truth(l));
}

TEST(gotypes)
{
    CHECK_STR(v_gotype(v_nil()), "<nil>");
    CHECK_STR(v_gotype(v_goint(1)), "int");
    CHECK_STR(v_gotype(v_int64(1)), "int64");
    CHECK_STR(v_gotype(v_float(1)), "float64");
    CHECK_STR(v_gotype(v_newlist(0)), "[]interface {}");
    CHECK_STR(v_gotype(v_newmap(0)), "map[string]interface {}");
    Value b = v_cstr("hi");
    b.g = GT_BYTES;
    CHECK_STR(v_gotype(b), "[]uint8");
    CHECK_STR(v_kind(v_nil()), "invalid");
    CHECK_STR(v_kind(v_newmap(0)), "map");
}

TEST(deep_equal_and_copy)
{
    Value a = v_newmap(0);
    Value inner = v_newlist(0);
    list_push(inner.u.l, v_float(1));
    map_setc(a.u.m, "l", inner);
    Value c = v_deep_copy(a);
    CHECK(v_deep_equal(a, c));
    list_push(map_getc(c.u.m, "l")->u.l, v_cstr("x"));
    CHECK(!v_deep_equal(a, c));
    CHECK_INT(map_getc(a.u.m, "l")->u.l->len, 1);
    CHECK(!v_deep_equal(v_float(1), v_int64(1)));   /* deepEqual 1 1.0 is false */
    CHECK(!v_deep_equal(v_goint(1), v_int64(1)));
}

TEST(buf_and_arena)
{
    Buf b = {0};
    for (int i = 0; i < 10000; i++) buf_printf(&b, "%d,", i);
    CHECK(b.len > 40000);
    char *s = buf_arena(&b);
    CHECK(strncmp(s, "0,1,2,", 6) == 0);
    buf_free(&b);
    char *big = cc_alloc(3u << 20);   /* bigger than a block */
    big[(3u << 20) - 1] = 1;
    CHECK_STR(cc_printf("%s-%d", "a", 5), "a-5");
}

/* Helm-confirmed (conformance exec__yaml-key-order-unicode): go-yaml v2
 * and v3 key orders, unicode letters per Go's IsLetter (U+FEFF is not one) */
TEST(natural_order_v2_v3_unicode)
{
    const char *ks[] = {"\xef\xbb\xbfx", "n", "1", "_", "1a", "1_", "10", "a1", "a1_", "a10", "a0",
                        "\xc3\xa9"};
    Map *m = map_new(0);
    for (int i = 0; i < (int)(sizeof ks / sizeof ks[0]); i++) map_setc(m, ks[i], v_nil());
    CHECK_STR(keys_in(map_sorted(m, 1), m->len),
              "_ \xef\xbb\xbfx 1 1_ 10 1a a0 a1 a1_ a10 n \xc3\xa9");
    CHECK_STR(keys_in(map_sorted(m, 2), m->len),
              "_ \xef\xbb\xbfx 1 1a 1_ 10 a0 a1 a1_ a10 n \xc3\xa9");
}

TEST(nil_collections_and_complex)
{
    Value nm = v_map(NULL), em = v_newmap(0), nl = v_list(NULL), el = v_newlist(0);
    CHECK(!v_deep_equal(nm, em));
    CHECK(v_deep_equal(nm, v_map(NULL)));
    CHECK(!v_deep_equal(nl, el));
    CHECK(!v_truth(nm) && !v_truth(nl));
    Value c = v_complex(0, 1.5), d = v_complex(0, 2), z = v_complex(0, 0);
    CHECK(v_imag(c) == 1.5 && v_imag(d) == 2 && v_imag(z) == 0 && c.u.f == 0);
    CHECK(!v_deep_equal(c, d) && v_deep_equal(c, v_complex(0, 1.5)));
    CHECK(v_truth(c) && !v_truth(z));
    CHECK_STR(v_gotype(c), "complex128");
}

TEST_MAIN()
