/*
 * test_yaml.c - yaml_load / yaml_dump / fromYaml against real Helm output.
 * Every expected value below was printed by Helm v4.1.4 (see the generator
 * comments on the tables); none was typed from what chartc prints.
 */
#include "harness.h"
#include "chartc/codec.h"
#include "chartc/func.h"
#include "../../src/yaml_priv.h"

#include <math.h>
#include <stdlib.h>

Value fn_from_yaml(Exec *x, int argc, Value *argv);
Value fn_from_yaml_array(Exec *x, int argc, Value *argv);
Value fn_to_yaml(Exec *x, int argc, Value *argv);
Value fn_from_toml(Exec *x, int argc, Value *argv);

/* a minimal encoding/json.Marshal for checking decoded values (byte-order
 * keys, HTML-safe escapes, Go float forms) */
static void tj_str(Buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { buf_putc(b, '\\'); buf_putc(b, (char)c); }
        else if (c == '\n') buf_puts(b, "\\n");
        else if (c == '\t') buf_puts(b, "\\t");
        else if (c == '\r') buf_puts(b, "\\r");
        else if (c < 0x20 || c == '<' || c == '>' || c == '&') buf_printf(b, "\\u%04x", c);
        else buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

static void tj(Buf *b, Value v)
{
    switch (v.t) {
    case VT_NIL: buf_puts(b, "null"); break;
    case VT_BOOL: buf_puts(b, v.u.b ? "true" : "false"); break;
    case VT_INT: buf_printf(b, "%lld", (long long)v.u.i); break;
    case VT_FLOAT: {
        double f = fabs(v.u.f);
        if (f != 0 && (f < 1e-6 || f >= 1e21)) {
            Buf t = {0};
            yaml_fmt_g(&t, v.u.f, 64);
            const char *s = buf_cstr(&t), *e = strchr(s, 'e');
            buf_put(b, s, (size_t)(e - s) + 2);
            buf_puts(b, e[2] == '0' ? e + 3 : e + 2);
            buf_free(&t);
        } else yaml_fmt_f(b, v.u.f);
        break;
    }
    case VT_STR: tj_str(b, v.u.s, v.n); break;
    case VT_LIST:
        buf_putc(b, '[');
        for (uint32_t i = 0; i < v.u.l->len; i++) { if (i) buf_putc(b, ','); tj(b, v.u.l->v[i]); }
        buf_putc(b, ']');
        break;
    case VT_MAP: {
        buf_putc(b, '{');
        MapEnt **e = map_sorted(v.u.m, 0);
        for (uint32_t i = 0; i < v.u.m->len; i++) {
            if (i) buf_putc(b, ',');
            tj_str(b, e[i]->k, e[i]->klen);
            buf_putc(b, ':');
            tj(b, e[i]->v);
        }
        buf_putc(b, '}');
        break;
    }
    default: buf_puts(b, "?");
    }
}

static const char *to_json(Value v)
{
    Buf b = {0};
    tj(&b, v);
    const char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

/* generated from real Helm v4.1.4 output: {{ .Files.Get f | fromYaml | toJson }} */
static const struct { const char *in, *json; } load_cases[] = {
    {"a: 1\nb: [yes, 0777, 2024-01-01]\n",
     "{\"a\":1,\"b\":[true,511,\"2024-01-01\"]}"},
    {"a: 1\n\tb: 2\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation\"}"},
    {"a: 1\nb: [1\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'\"}"},
    {"a: b: c\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: mapping values are not allowed in this context\"}"},
    {"a:\n  - b\n  c: d\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator\"}"},
    {"x: *a\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: unknown anchor 'a' referenced\"}"},
    {"x: .inf\n",
     "{\"Error\":\"error converting YAML to JSON: json: unsupported value: +Inf\"}"},
    {"a: \"x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found unexpected end of stream\"}"},
    {"a: 1\nb: \"x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 3: found unexpected end of stream\"}"},
    {"- 1\n",
     "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}\"}"},
    {"a: !!float abc\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!float\"}"},
    {"? [1]\n: 2\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: []interface {}{1}\"}"},
    {"~: a\n",
     "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: \\\"a\\\"\"}"},
    {"1.23456789: a\n1e3: b\n0x10: c\nyes: d\n",
     "{\"1.2345679\":\"a\",\"1000\":\"b\",\"16\":\"c\",\"true\":\"d\"}"},
    {"bools: [y, Y, yes, Yes, YES, true, True, TRUE, on, On, ON, n, N, no, No, NO, false, False, FALSE, off, Off, OFF, tRUE, oN]\nnulls: [~, null, Null, NULL, nULL, , \"\"]\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected node content\"}"},
    {"ints: [0x1F, 0o17, 0777, 012, +12, 1_000, -0x10, 0b101, -0b101, 08, 0x, 1e, 1e6, 1., -.5, .5, 1.5e+3, 12345678901234567890, 123456789012345678901234567890, 9223372036854775807, 9223372036854775808, -9223372036854775809, 0xFFFFFFFFFFFFFFFF, 0b, 1__2, _1, 0_1, +0b11, 0x_1F]\n",
     "{\"ints\":[31,15,511,10,12,1000,-16,5,-5,8,\"0x\",\"1e\",1000000,1,-0.5,0.5,1500,12345678901234567000,1.2345678901234568e+29,9223372036854776000,9223372036854776000,-9223372036854776000,18446744073709552000,\"0b\",12,\"_1\",1,3,31]}"},
    {"ts: [2024-01-02, 2024-1-2, 2024-01-02T10:20:30Z, 2024-13-01, 2001-12-14 21:59:43.10 -5]\n",
     "{\"ts\":[\"2024-01-02\",\"2024-1-2\",\"2024-01-02T10:20:30Z\",\"2024-13-01\",\"2001-12-14 21:59:43.10 -5\"]}"},
    {"tags: [!!str 123, !!float 1, !!binary aGk=, !!int \"12\", !!bool yes, !!null ~, !custom x, ! 12]\n",
     "{\"tags\":[\"123\",1,\"hi\",12,true,null,\"x\",\"12\"]}"},
    {"base: &b {a: 1, b: 2}\nd:\n  <<: *b\n  b: 3\ne:\n  c: 0\n  <<: [*b, {a: 9, z: 1}]\nf: {a: 5, <<: *b}\n",
     "{\"base\":{\"a\":1,\"b\":2},\"d\":{\"a\":1,\"b\":3},\"e\":{\"a\":1,\"b\":2,\"c\":0,\"z\":1},\"f\":{\"a\":1,\"b\":2}}"},
    {"a: 1\na: 2\n",
     "{\"a\":2}"},
    {"n: .NaN\n",
     "{\"Error\":\"error converting YAML to JSON: json: unsupported value: NaN\"}"},
    {"q: -.inf\n",
     "{\"Error\":\"error converting YAML to JSON: json: unsupported value: -Inf\"}"},
    {"a: !!binary \"/w==\"\n",
     "{\"a\":\"\357\277\275\"}"},
    {"a: &x [1, *x]\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: anchor 'x' value contains itself\"}"},
    {"<<: 1\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value\"}"},
    {"<<: {a: 1}\nb: 2\n",
     "{\"a\":1,\"b\":2}"},
    {"\"a\": 'it''s'\nb: \"\\t\\u00e9\\x41\"\nc: |\n  line1\n  line2\nd: >\n  folded\n  text\n\ne: |-\n  x\n",
     "{\"a\":\"it's\",\"b\":\"\\t\303\251A\",\"c\":\"line1\\nline2\\n\",\"d\":\"folded text\\n\",\"e\":\"x\"}"},
    {"0.1: a\n-1: b\n1.0: c\n100000000: d\n1e20: e\n-0: f\n.5: g\n",
     "{\"-1\":\"b\",\"0\":\"f\",\"0.1\":\"a\",\"0.5\":\"g\",\"1\":\"c\",\"100000000\":\"d\",\"1e+20\":\"e\"}"},
    {"null\n",
     "{}"},
    {"123\n",
     "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}\"}"},
    {"\"str\"\n",
     "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}\"}"},
    {"# only a comment\n",
     "{}"},
    {"---\na: 1\n---\nb: 2\n",
     "{\"a\":1}"},
    {"key: [a, b\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\"}"},
    {"key: {a: 1\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'\"}"},
    {"a:\n b: 1\n  c: 2\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\"}"},
    {"a: 'x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found unexpected end of stream\"}"},
    {"%YAML 1.1\n---\na: 1\n",
     "{\"a\":1}"},
    {"!!map {a: 1}\n",
     "{\"a\":1}"},
    {"a: @x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: found character that cannot start any token\"}"},
    {"a: `x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: found character that cannot start any token\"}"},
    {"[1, 2]: x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: []interface {}{1, 2}\"}"},
    {"{a: 1}: x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\\\"a\\\":1}\"}"},
    {"a:\n  b: 1\n  c: [1, 2\nd: 3\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'\"}"},
    {"a: 1\nb: 2\n c: 3\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\"}"},
    {"a: 1\nb:\n- 1\n - 2\n",
     "{\"a\":1,\"b\":[\"1 - 2\"]}"},
    {"a: |\n  x\n y: 1\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 2: did not find expected key\"}"},
    {"a: 'x\nb: 2\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 3: found unexpected end of stream\"}"},
    {"a: 1\n- b\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected key\"}"},
    {"a: {b: 1, c}\n",
     "{\"a\":{\"b\":1,\"c\":null}}"},
    {"a: [b: 1, c]\n",
     "{\"a\":[{\"b\":1},\"c\"]}"},
    {"a: !!int x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int\"}"},
    {"a: !!bool 1\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!int `1` as a !!bool\"}"},
    {"a: !!null x\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!null\"}"},
    {"a: !!binary xx\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: !!binary value contains invalid base64 data\"}"},
    {"a: !!timestamp 2024-01-01\n",
     "{\"a\":\"2024-01-01\"}"},
    {"a: !!timestamp 12\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!int `12` as a !!timestamp\"}"},
    {"&a b: 1\nc: *a\n",
     "{\"b\":1,\"c\":\"b\"}"},
    {"a: &x 1\nb: *x\nc: &x 2\nd: *x\n",
     "{\"a\":1,\"b\":1,\"c\":2,\"d\":2}"},
    {"? |\n  multi\n: v\n",
     "{\"multi\\n\":\"v\"}"},
    {"a:\n  - &m {x: 1}\n  - <<: *m\n    y: 2\n",
     "{\"a\":[{\"x\":1},{\"true\":2,\"x\":1}]}"},
    {"a: \"\\x\"\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: did not find expected hexdecimal number\"}"},
    {"a: \"\\u12\"\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: did not find expected hexdecimal number\"}"},
    {"a: b\nc\n",
     "{\"Error\":\"error converting YAML to JSON: yaml: line 3: could not find expected ':'\"}"},
    {"a: 1 # comment\n# c\nb: \"#x\" # y\n",
     "{\"a\":1,\"b\":\"#x\"}"},
    {"a: >-\n  fold\n  this\n\n  para\nb: |+\n  keep\n\nc: x\n",
     "{\"a\":\"fold this\\npara\",\"b\":\"keep\\n\\n\",\"c\":\"x\"}"},
    {"[a, b]\n",
     "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}\"}"},
    {"{a: [1, {b: 2}], c: {d: [], e: {}}}\n",
     "{\"a\":[1,{\"b\":2}],\"c\":{\"d\":[],\"e\":{}}}"},
    {"a:\n    deep:\n        - 1\n        -   x: 1\n            y: 2\n",
     "{\"a\":{\"deep\":[1,{\"true\":2,\"x\":1}]}}"},
    {"a: 1\n...\nb: 2\n",
     "{\"a\":1}"},
    {"!!str a: 1\n!!int \"2\": x\n",
     "{\"2\":\"x\",\"a\":1}"},
    {"2024-01-01: a\n",
     "{\"2024-01-01\":\"a\"}"},
    {"18446744073709551616: a\n",
     "{\"1.8446744e+19\":\"a\"}"},
    {"0xFFFFFFFFFFFFFFFF: a\n",
     "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: \\\"a\\\"\"}"},
    {"9999999999999999999: a\n",
     "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: uint64, key: 0x8ac7230489e7ffff, value: \\\"a\\\"\"}"},
    {"a:\t1\n",
     "{\"a\":1}"},
    {"a: x\ty\n",
     "{\"a\":\"x\\ty\"}"},
};

/* generated from real Helm v4.1.4 output: {{ .Files.Get f | fromYaml | toYaml }} (NULL: marshal error) */
static const struct { const char *in, *yaml; } dump_cases[] = {
    {"a: 1\nb: [yes, 0777, 2024-01-01]\nc: {}\nd: []\ne: ~\nf: 1.5\ng: 1e6\nh: 0.000001\ni: 12345678901234567890\nj: 1.0e+21\nk: 1.0e-7\nl: 123456789\nm: 1234567.5\nn: 100000000000000000000\n",
     "a: 1\nb:\n- true\n- 511\n- \"2024-01-01\"\nc: {}\nd: []\ne: null\nf: 1.5\n\"false\": 1e+20\ng: 1000000\nh: 1e-06\ni: 12345678901234567000\nj: 1e+21\nk: 1e-07\nl: 123456789\nm: 1.2345675e+06\n"},
    {"strs: [\"yes\", \"on\", \"y\", \"n\", \"NO\", \"Off\", \"TRUE\", \"true\", \"null\", \"~\", \"\", \"123\", \"1.0\", \"1e3\", \"0x1F\", \"0777\", \"0o17\", \"0b101\", \"1_000\", \"+1\", \"-.5\", \".inf\", \"2024-01-01\", \"12:30\", \"1:20:30\", \"2024-1-2\", \"2024-13-01\", \"0x\", \"1e\", \"08\"]\n",
     "strs:\n- \"yes\"\n- \"on\"\n- \"y\"\n- \"n\"\n- \"NO\"\n- \"Off\"\n- \"TRUE\"\n- \"true\"\n- \"null\"\n- \"~\"\n- \"\"\n- \"123\"\n- \"1.0\"\n- \"1e3\"\n- \"0x1F\"\n- \"0777\"\n- \"0o17\"\n- \"0b101\"\n- \"1_000\"\n- \"+1\"\n- \"-.5\"\n- \".inf\"\n- \"2024-01-01\"\n- \"12:30\"\n- \"1:20:30\"\n- \"2024-1-2\"\n- 2024-13-01\n- 0x\n- 1e\n- \"08\"\n"},
    {"q: [\" lead\", \"trail \", \"- x\", \"#x\", \"@at\", \"`bt\", \"{x}\", \"[x]\", \"*star\", \"&amp\", \"!bang\", \"%pct\", \"|pipe\", \">gt\", \"a: b\", \"a #b\", \"colon:\", \"-\", \"?q\", \"= eq\", \"it's\", \"quote\\\"d\", \"tab\\there\", \"\\x01ctrl\", \"  \\n  \", \"\303\251 \303\274\", \"emoji \360\237\230\200\", \"a\\tb\", \",x\", \"x,y\", \"'x\", \"\\\"x\"]\n",
     "q:\n- ' lead'\n- 'trail '\n- '- x'\n- '#x'\n- '@at'\n- '`bt'\n- '{x}'\n- '[x]'\n- '*star'\n- '&amp'\n- '!bang'\n- '%pct'\n- '|pipe'\n- '>gt'\n- 'a: b'\n- 'a #b'\n- 'colon:'\n- '-'\n- ?q\n- = eq\n- it's\n- quote\"d\n- \"tab\\there\"\n- \"\\x01ctrl\"\n- \"  \\n  \"\n- \303\251 \303\274\n- \"emoji \\U0001F600\"\n- \"a\\tb\"\n- ',x'\n- x,y\n- '''x'\n- '\"x'\n"},
    {"lit: [\"a\\n\", \"a\", \"a\\nb\", \"a\\nb\\n\", \"a\\nb\\n\\n\", \" a\\nb\", \"\\na\", \"a \\nb\", \"a\\n \", \"\\n\", \"\\n\\n\"]\n",
     "lit:\n- |\n  a\n- a\n- |-\n  a\n  b\n- |\n  a\n  b\n- |+\n  a\n  b\n\n- |2-\n   a\n  b\n- |2-\n\n  a\n- \"a \\nb\"\n- \"a\\n \"\n- |2+\n\n- |2+\n\n\n"},
    {"s28: a long string that will exceed the eighty column limit of the yaml emitter for sure yes\ns29: \"a long string that will exceed the eighty column limit of the yaml emitter for sure: yes\"\ns30: \"'a long string that will exceed the eighty column limit of the yaml emitter for sure yes\"\ns31: \"a\\ta long string that will exceed the eighty column limit of the yaml emitter for sure yes\"\ns32: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbb\ns33: \"\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251\"\nnest:\n  deeper:\n    - a long string that will exceed the eighty column limit of the yaml emitter for sure yes\n    - - 1\n      - 2\n    - - a: 1\n        b: 2\n    - {x: 1, y: [1, 2]}\n",
     "nest:\n  deeper:\n  - a long string that will exceed the eighty column limit of the yaml emitter for\n    sure yes\n  - - 1\n    - 2\n  - - a: 1\n      b: 2\n  - \"true\":\n    - 1\n    - 2\n    x: 1\ns28: a long string that will exceed the eighty column limit of the yaml emitter for\n  sure yes\ns29: 'a long string that will exceed the eighty column limit of the yaml emitter for\n  sure: yes'\ns30: '''a long string that will exceed the eighty column limit of the yaml emitter\n  for sure yes'\ns31: \"a\\ta long string that will exceed the eighty column limit of the yaml emitter\n  for sure yes\"\ns32: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  bbbbbbbb\ns33: \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251\n  \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251\n"},
    {"order: {\"\": 1, \"-\": 1, \"_x\": 1, \"~\": 1, \"1\": 1, \"9\": 1, \"10\": 1, \"B\": 1, \"Z\": 1, \"a-b\": 1, \"a_b\": 1, \"a1\": 1, \"a01\": 1, \"a001\": 1, \"a2\": 1, \"a10\": 1, \"b\": 1, \"x 2\": 1, \"x 10\": 1, \"\303\251\": 1}\n",
     "order:\n  \"\": 1\n  '-': 1\n  _x: 1\n  \"~\": 1\n  \"1\": 1\n  \"9\": 1\n  \"10\": 1\n  B: 1\n  Z: 1\n  a-b: 1\n  a_b: 1\n  a1: 1\n  a01: 1\n  a001: 1\n  a2: 1\n  a10: 1\n  b: 1\n  x 2: 1\n  x 10: 1\n  \303\251: 1\n"},
    {"? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n: 1\n\"multi\\nline\": 2\n\"yes\": 3\n\" sp\": 4\n",
     "' sp': 4\n? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n: 1\n? |-\n  multi\n  line\n: 2\n\"yes\": 3\n"},
    {"a: \"\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\"\nb: \"word word word word word word word word word word word word word word word   word word word word\"\nc: \"word word word word word word word word word word word word word word word w  word word word word\"\nd: \"x\\r\\ny\"\ne: \"line\\u2028sep\"\nf: \"nbsp\\u00a0x\"\ng: \"bom\\ufeffx\"\nh: \"del\"\ni: \"\\u0085nel\"\nj: \"trailing space near fold word word word word word word word word word word word word   \"\nk: \"   \"\nl: \"a\\n\\n\\nb\\n\"\nm: \"  lead\\nx\"\nn: \"x\\n  indented\\n\"\no: \"\\tx\\n\"\np: \"tab\\tin\\nliteral\"\nr: \"x:y\"\ns: \"x :y\"\nt: \"http://a.b/c?d=e#f\"\nu: \"a #\"\nv: \"#\"\nw: \"a:\"\nx: \"null \"\ny: \"!\"\nz: \"...\"\naa: \"---\"\nab: \"--- x\"\nac: \"-1\"\nad: \"- 1\"\nae: \"1-\"\naf: \"0.5.6\"\nag: \"v1.2.3\"\nah: \"1.2.3\"\nai: \"+\"\naj: \".\"\nak: \"._\"\nal: \"0x1g\"\nam: \"1:2\"\nan: \"1:60\"\nao: \"-1:30\"\nap: \"1_2:30.5\"\naq: \"60:60\"\nar: \"2024-01-02T10:20:30Z\"\nas: \"2024-01-02 10:20:30\"\nat: \"2024-01-02t10:20:30.123+01:00\"\nau: \"2024-02-30\"\nav: \"2023-02-29\"\naw: \"2024-02-29\"\nax: \"9999-99-99\"\nay: \"2024-01-02T25:00:00Z\"\naz: \".5e3\"\nba: \"1e+5\"\nbb: \"e5\"\nbc: \"Yes\"\nbd: \"yES\"\nbe: \"~x\"\nbf: \"<<\"\nbg: \"=\"\nbh: \"a,b\"\nbi: \"[]\"\nbj: \"{}\"\nbk: \"'\"\nbl: \"\\\"\"\nbm: \"\\\\\"\nbn: \"a'b\"\nbo: \"\\x00nul\"\n",
     "a: \303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\n  \303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\naa: '---'\nab: '--- x'\nac: \"-1\"\nad: '- 1'\nae: 1-\naf: 0.5.6\nag: v1.2.3\nah: 1.2.3\nai: +\naj: .\nak: ._\nal: 0x1g\nam: \"1:2\"\nan: 1:60\nao: \"-1:30\"\nap: \"1_2:30.5\"\naq: 60:60\nar: \"2024-01-02T10:20:30Z\"\nas: \"2024-01-02 10:20:30\"\nat: \"2024-01-02t10:20:30.123+01:00\"\nau: 2024-02-30\nav: 2023-02-29\naw: \"2024-02-29\"\nax: 9999-99-99\nay: 2024-01-02T25:00:00Z\naz: \".5e3\"\nb: word word word word word word word word word word word word word word word   word\n  word word word\nba: \"1e+5\"\nbb: e5\nbc: \"Yes\"\nbd: yES\nbe: ~x\nbf: <<\nbg: =\nbh: a,b\nbi: '[]'\nbj: '{}'\nbk: ''''\nbl: '\"'\nbm: \\\nbn: a'b\nbo: \"\\0nul\"\nc: word word word word word word word word word word word word word word word w  word\n  word word word\nd: \"x\\r\\ny\"\ne: 'line\342\200\250  sep'\nf: nbsp\302\240x\n\"false\": |\n  x\n    indented\ng: \"bom\\uFEFFx\"\nh: del\ni: ' nel'\nj: 'trailing space near fold word word word word word word word word word word word\n  word   '\nk: '   '\nl: |\n  a\n\n\n  b\nm: |2-\n    lead\n  x\no: \"\\tx\\n\"\np: \"tab\\tin\\nliteral\"\nr: x:y\ns: x :y\nt: http://a.b/c?d=e#f\n\"true\": '!'\nu: 'a #'\nv: '#'\nw: 'a:'\nx: 'null '\nz: '...'\n"},
    {"top: [[], {}, [[]], [{}], {a: []}, {a: {}}, [null, ~], [[1, [2, [3]]]]]\nlst:\n- a: 1\n  b:\n  - x\n  - y: 2\n    z: [3]\n",
     "lst:\n- a: 1\n  b:\n  - x\n  - \"true\": 2\n    z:\n    - 3\ntop:\n- []\n- {}\n- - []\n- - {}\n- a: []\n- a: {}\n- - null\n  - null\n- - - 1\n    - - 2\n      - - 3\n"},
    {"a: \"\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\"\n",
     "a: \303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\n  \303\251\303\251\303\251\303\251\303\251\303\251 \303\251\303\251\303\251\n"},
    {"b: \"word word word word word word word word word word word word word word word   word word word word\"\n",
     "b: word word word word word word word word word word word word word word word   word\n  word word word\n"},
    {"c: \"word word word word word word word word word word word word word word word w  word word word word\"\n",
     "c: word word word word word word word word word word word word word word word w  word\n  word word word\n"},
    {"d: \"x\\r\\ny\"\n",
     "d: \"x\\r\\ny\"\n"},
    {"e: \"line\\u2028sep\"\n",
     "e: 'line\342\200\250  sep'\n"},
    {"f: \"nbsp\\u00a0x\"\n",
     "f: nbsp\302\240x\n"},
    {"g: \"bom\\ufeffx\"\n",
     "g: \"bom\\uFEFFx\"\n"},
    {"h: \"del\\x7fx\"\n",
     NULL},
    {"i: \"\\u0085nel\"\n",
     "i: ' nel'\n"},
    {"j: \"trailing space near fold word word word word word word word word word word word word   \"\n",
     "j: 'trailing space near fold word word word word word word word word word word word\n  word   '\n"},
    {"k: \"   \"\n",
     "k: '   '\n"},
    {"l: \"a\\n\\n\\nb\\n\"\n",
     "l: |\n  a\n\n\n  b\n"},
    {"m: \"  lead\\nx\"\n",
     "m: |2-\n    lead\n  x\n"},
    {"n: \"x\\n  indented\\n\"\n",
     "\"false\": |\n  x\n    indented\n"},
    {"o: \"\\tx\\n\"\n",
     "o: \"\\tx\\n\"\n"},
    {"p: \"tab\\tin\\nliteral\"\n",
     "p: \"tab\\tin\\nliteral\"\n"},
    {"r: \"x:y\"\n",
     "r: x:y\n"},
    {"s: \"x :y\"\n",
     "s: x :y\n"},
    {"t: \"http://a.b/c?d=e#f\"\n",
     "t: http://a.b/c?d=e#f\n"},
    {"u: \"a #\"\n",
     "u: 'a #'\n"},
    {"v: \"#\"\n",
     "v: '#'\n"},
    {"w: \"a:\"\n",
     "w: 'a:'\n"},
    {"x: \"null \"\n",
     "x: 'null '\n"},
    {"y: \"!\"\n",
     "\"true\": '!'\n"},
    {"z: \"...\"\n",
     "z: '...'\n"},
    {"aa: \"---\"\n",
     "aa: '---'\n"},
    {"ab: \"--- x\"\n",
     "ab: '--- x'\n"},
    {"ac: \"-1\"\n",
     "ac: \"-1\"\n"},
    {"ad: \"- 1\"\n",
     "ad: '- 1'\n"},
    {"ae: \"1-\"\n",
     "ae: 1-\n"},
    {"af: \"0.5.6\"\n",
     "af: 0.5.6\n"},
    {"ag: \"v1.2.3\"\n",
     "ag: v1.2.3\n"},
    {"ah: \"1.2.3\"\n",
     "ah: 1.2.3\n"},
    {"ai: \"+\"\n",
     "ai: +\n"},
    {"aj: \".\"\n",
     "aj: .\n"},
    {"ak: \"._\"\n",
     "ak: ._\n"},
    {"al: \"0x1g\"\n",
     "al: 0x1g\n"},
    {"am: \"1:2\"\n",
     "am: \"1:2\"\n"},
    {"an: \"1:60\"\n",
     "an: 1:60\n"},
    {"ao: \"-1:30\"\n",
     "ao: \"-1:30\"\n"},
    {"ap: \"1_2:30.5\"\n",
     "ap: \"1_2:30.5\"\n"},
    {"aq: \"60:60\"\n",
     "aq: 60:60\n"},
    {"ar: \"2024-01-02T10:20:30Z\"\n",
     "ar: \"2024-01-02T10:20:30Z\"\n"},
    {"as: \"2024-01-02 10:20:30\"\n",
     "as: \"2024-01-02 10:20:30\"\n"},
    {"at: \"2024-01-02t10:20:30.123+01:00\"\n",
     "at: \"2024-01-02t10:20:30.123+01:00\"\n"},
    {"au: \"2024-02-30\"\n",
     "au: 2024-02-30\n"},
    {"av: \"2023-02-29\"\n",
     "av: 2023-02-29\n"},
    {"aw: \"2024-02-29\"\n",
     "aw: \"2024-02-29\"\n"},
    {"ax: \"9999-99-99\"\n",
     "ax: 9999-99-99\n"},
    {"ay: \"2024-01-02T25:00:00Z\"\n",
     "ay: 2024-01-02T25:00:00Z\n"},
    {"az: \".5e3\"\n",
     "az: \".5e3\"\n"},
    {"ba: \"1e+5\"\n",
     "ba: \"1e+5\"\n"},
    {"bb: \"e5\"\n",
     "bb: e5\n"},
    {"bc: \"Yes\"\n",
     "bc: \"Yes\"\n"},
    {"bd: \"yES\"\n",
     "bd: yES\n"},
    {"be: \"~x\"\n",
     "be: ~x\n"},
    {"bf: \"<<\"\n",
     "bf: <<\n"},
    {"bg: \"=\"\n",
     "bg: =\n"},
    {"bh: \"a,b\"\n",
     "bh: a,b\n"},
    {"bi: \"[]\"\n",
     "bi: '[]'\n"},
    {"bj: \"{}\"\n",
     "bj: '{}'\n"},
    {"bk: \"'\"\n",
     "bk: ''''\n"},
    {"bl: \"\\\"\"\n",
     "bl: '\"'\n"},
    {"bm: \"\\\\\"\n",
     "bm: \\\n"},
    {"bn: \"a'b\"\n",
     "bn: a'b\n"},
    {"bo: \"\\x00nul\"\n",
     "bo: \"\\0nul\"\n"},
    {"a: \"x \\u0085 \\u0085  y\"\nb: \"x\\u0085\\u0085\\u0085y\"\nc: \" \\u0085y\"\nd: \"x\\t\\u0085y\"\ne: \"x\\u0085\"\n",
     "a: |-\n  x\n  y\nb: |-\n  x\n\n  y\nc: ' y'\nd: \"x\\t y\"\ne: 'x '\n"},
    {"a: \"\\uFFFE\"\n",
     NULL},
    {"a: \"\\u0090\"\n",
     NULL},
    {"a: \"\360\237\230\200 emoji\"\nb: \"a\\u2029b\"\n",
     "a: \"\\U0001F600 emoji\"\nb: 'a\342\200\251  b'\n"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

TEST(from_yaml_cases)
{
    for (size_t i = 0; i < NELEM(load_cases); i++) {
        Value arg = v_cstr(load_cases[i].in);
        const char *got = to_json(fn_from_yaml(NULL, 1, &arg));
        if (strcmp(got, load_cases[i].json) != 0)
            fprintf(stderr, "  load case %zu: %s\n", i, load_cases[i].in);
        CHECK_STR(got, load_cases[i].json);
    }
}

TEST(to_yaml_cases)
{
    for (size_t i = 0; i < NELEM(dump_cases); i++) {
        Value v;
        CHECK(yaml_load(dump_cases[i].in, strlen(dump_cases[i].in), &v) == NULL);
        Buf b = {0};
        const char *err = yaml_dump(&b, v);
        const char *got = err ? NULL : buf_cstr(&b);
        if (!dump_cases[i].yaml) {
            if (!err) fprintf(stderr, "  dump case %zu should fail: %s\n", i, dump_cases[i].in);
            CHECK(err != NULL);
        } else {
            if (!got || strcmp(got, dump_cases[i].yaml) != 0)
                fprintf(stderr, "  dump case %zu: %s\n", i, dump_cases[i].in);
            CHECK_STR(got, dump_cases[i].yaml);
        }
        buf_free(&b);
    }
}

/* {{ toYaml X }} of top-level values (spec E.4.3, Helm v4.1.4) */
TEST(to_yaml_top_level)
{
    static const struct { const char *in, *want; } c[] = {
        {"\"a\"", "a"}, {"\"\"", "\"\""}, {"~", "null"}, {"1.5", "1.5"}, {"[]", "[]"},
        {"{}", "{}"}, {"3", "3"}, {"true", "true"}, {"\"a\\n\\n\"", "|+\n  a\n"},
        {"\"a\\n\"", "|\n  a"}, {"\" a\"", "' a'"}, {"\"- a\"", "'- a'"},
    };
    for (size_t i = 0; i < NELEM(c); i++) {
        Value v;
        CHECK(yaml_load(c[i].in, strlen(c[i].in), &v) == NULL);
        const char *got = fn_to_yaml(NULL, 1, &v).u.s;
        CHECK_STR(got, c[i].want);
    }
}

/* fromYaml / fromYamlArray on non-map documents (Helm v4.1.4) */
TEST(from_yaml_shapes)
{
    Value a = v_cstr("");
    CHECK_STR(to_json(fn_from_yaml(NULL, 1, &a)), "{}");
    CHECK_STR(to_json(fn_from_yaml_array(NULL, 1, &a)), "[]");
    a = v_cstr("1");
    CHECK_STR(to_json(fn_from_yaml(NULL, 1, &a)),
              "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}\"}");
    a = v_cstr("a: 1");
    CHECK_STR(to_json(fn_from_yaml_array(NULL, 1, &a)),
              "[\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}\"]");
    a = v_cstr("~");
    CHECK_STR(to_json(fn_from_yaml(NULL, 1, &a)), "{}");
    a = v_cstr("a: 1\n---\nb: [");
    CHECK_STR(to_json(fn_from_yaml(NULL, 1, &a)), "{\"a\":1}");
}

/* values.yaml documents (Helm v4 splits with YAMLReader; line numbers are
 * relative to the failing document: "cannot unmarshal yaml document: ..."). */
TEST(load_all)
{
    Value v;
    const char *s = "a: 1\n---\nb: [1\n";
    CHECK_STR(yaml_load_all(s, strlen(s), &v), "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'");
    s = "a: 1\n---\n---\n# c\n---\nb: 2\n";
    CHECK(yaml_load_all(s, strlen(s), &v) == NULL);
    CHECK_STR(to_json(v), "[{\"a\":1},null,{\"b\":2}]");
}

TEST(excessive_aliasing)
{
    Buf b = {0};
    buf_puts(&b, "a: &a [x,x,x,x,x,x,x,x,x]\n");
    for (int i = 1; i < 9; i++)
        buf_printf(&b, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", 'a' + i, 'a' + i,
                   'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1,
                   'a' + i - 1, 'a' + i - 1, 'a' + i - 1);
    Value v;
    CHECK_STR(yaml_load(b.p, b.len, &v), "error converting YAML to JSON: yaml: document contains excessive aliasing");
    buf_free(&b);
}

/* {{ toYamlPretty .Values }} printed by Helm v4.1.4 for this values.yaml */
TEST(to_yaml_pretty)
{
    static const char in[] = "a: 1\n"
        "b: [1, 2.5, yes, \"yes\", null, \"\", 1e6, 0.000001, 123456789, \"12:30\", \"0777\"]\n"
        "c: {}\n"
        "d: []\n"
        "e: [[1, [2, 3]], [], {}, {x: 1, y: [a, b]}, [{p: 1, q: 2}]]\n"
        "f: {g: {h: [1]}}\n"
        "lit: \"line1\\nline2\\n\"\n"
        "lit2: \" lead\\nx\"\n"
        "long: \"a long string that will exceed the eighty column limit of the yaml emitter for sure yes indeed more\"\n"
        "q: [\"- x\", \"#x\", \"a: b\", \" sp\", \"tab\\tx\", \"x\\u0085y\", \"\303\251\", \"y\", \"on\", \"~\"]\n"
        "seqlit: [\"a\\nb\", {k: \"c\\nd\"}]\n"
        "\"key with: colon\": 1\n"
        "\"yes\": 2\n"
        "a10: 1\n"
        "a2: 2\n"
        "B: 3\n"
        "";
    static const char want[] = "B: 3\n"
        "a: 1\n"
        "a2: 2\n"
        "a10: 1\n"
        "b:\n"
        "  - 1\n"
        "  - 2.5\n"
        "  - true\n"
        "  - \"yes\"\n"
        "  - null\n"
        "  - \"\"\n"
        "  - 1e+06\n"
        "  - 1e-06\n"
        "  - 1.23456789e+08\n"
        "  - \"12:30\"\n"
        "  - \"0777\"\n"
        "c: {}\n"
        "d: []\n"
        "e:\n"
        "  - - 1\n"
        "    - - 2\n"
        "      - 3\n"
        "  - []\n"
        "  - {}\n"
        "  - \"true\":\n"
        "      - a\n"
        "      - b\n"
        "    x: 1\n"
        "  - - p: 1\n"
        "      q: 2\n"
        "f:\n"
        "  g:\n"
        "    h:\n"
        "      - 1\n"
        "'key with: colon': 1\n"
        "lit: |\n"
        "  line1\n"
        "  line2\n"
        "lit2: |2-\n"
        "   lead\n"
        "  x\n"
        "long: a long string that will exceed the eighty column limit of the yaml emitter for sure yes indeed more\n"
        "q:\n"
        "  - '- x'\n"
        "  - '#x'\n"
        "  - 'a: b'\n"
        "  - ' sp'\n"
        "  - \"tab\\tx\"\n"
        "  - \"x\\Ny\"\n"
        "  - \303\251\n"
        "  - \"y\"\n"
        "  - \"on\"\n"
        "  - \"~\"\n"
        "seqlit:\n"
        "  - |-\n"
        "    a\n"
        "    b\n"
        "  - k: |-\n"
        "      c\n"
        "      d\n"
        "\"yes\": 2\n"
        "";
    Value v;
    CHECK(yaml_load(in, strlen(in), &v) == NULL);
    Buf b = {0};
    CHECK(yaml_dump_pretty(&b, v) == NULL);
    CHECK_STR(buf_cstr(&b), want);
    buf_free(&b);
}

/* nesting limits: go-yaml's scanner (10000 flow levels) and encoding/json's
 * decoder (10000 levels); texts printed by Helm v4.1.4 */
static const char *deep(const char *pre, int n, const char *open, const char *mid, const char *close)
{
    Buf b = {0};
    buf_puts(&b, pre);
    for (int i = 0; i < n; i++) buf_puts(&b, open);
    buf_puts(&b, mid);
    for (int i = 0; i < n; i++) buf_puts(&b, close);
    Value v;
    const char *err = yaml_load(b.p, b.len, &v);
    buf_free(&b);
    return err ? err : "ok";
}

TEST(depth_limits)
{
    CHECK_STR(deep("a: ", 10001, "[", "", "]"), "error converting YAML to JSON: yaml: exceeded max depth of 10000");
    CHECK_STR(deep("x: 1\ny: 2\na: ", 10001, "[", "", "]"), "error converting YAML to JSON: yaml: line 3: exceeded max depth of 10000");
    CHECK_STR(deep("a: ", 10000, "[", "", "]"), "error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth");
    CHECK_STR(deep("", 9999, "[", "", "]"), "ok");
}

/* {{ toToml .Values }} printed by Helm v4.1.4 and v3.17.3 for this values.yaml */
Value fn_to_toml(Exec *x, int argc, Value *argv);
TEST(to_toml)
{
    static const char in[] = "a: 1\n"
        "i: 3.5\n"
        "big: 1000000\n"
        "s: \"str \\\"q\\\" \\\\ \303\251 \\t x\"\n"
        "b: true\n"
        "n: null\n"
        "l: [1, \"a\", true]\n"
        "e: []\n"
        "m: {}\n"
        "\"key with space\": 1\n"
        "\"\": 2\n"
        "t:\n"
        "  x: 1\n"
        "  sub:\n"
        "    y: 2\n"
        "    deep: {z: 3}\n"
        "  arr: [{p: 1}, {p: 2, q: [1]}]\n"
        "  after: 5\n"
        "tabs: [{a: 1}, {b: {c: 2}}]\n"
        "ml: \"line1\\nline2\"\n"
        "nested: [[1, 2], [\"a\"]]\n"
        "mixed: [{a: 1}, 2]\n"
        "fl: [123456.0, 1e20, 0.0001, 0.00001, 1e21, -2.5, 1e-7, 1234567.5]\n"
        "";
    static const char want4[] = "\"\" = 2.0\n"
        "a = 1.0\n"
        "b = true\n"
        "big = 1e+06\n"
        "e = []\n"
        "fl = [123456.0, 1e+20, 0.0001, 1e-05, 1e+21, -2.5, 1e-07, 1.2345675e+06]\n"
        "i = 3.5\n"
        "\"key with space\" = 1.0\n"
        "l = [1.0, \"a\", true]\n"
        "mixed = [{a = 1.0}, 2.0]\n"
        "ml = \"line1\\nline2\"\n"
        "nested = [[1.0, 2.0], [\"a\"]]\n"
        "s = \"str \\\"q\\\" \\\\ \303\251 \\t x\"\n"
        "\n"
        "[m]\n"
        "\n"
        "[t]\n"
        "  after = 5.0\n"
        "  x = 1.0\n"
        "\n"
        "  [[t.arr]]\n"
        "    p = 1.0\n"
        "\n"
        "  [[t.arr]]\n"
        "    p = 2.0\n"
        "    q = [1.0]\n"
        "  [t.sub]\n"
        "    true = 2.0\n"
        "    [t.sub.deep]\n"
        "      z = 3.0\n"
        "\n"
        "[[tabs]]\n"
        "  a = 1.0\n"
        "\n"
        "[[tabs]]\n"
        "  [tabs.b]\n"
        "    c = 2.0\n"
        "";
    static const char want3[] = "\"\" = 2.0\n"
        "a = 1.0\n"
        "b = true\n"
        "big = 1000000.0\n"
        "e = []\n"
        "fl = [123456.0, 100000000000000000000.0, 0.0001, 0.00001, 1000000000000000000000.0, -2.5, 0.0000001, 1234567.5]\n"
        "i = 3.5\n"
        "\"key with space\" = 1.0\n"
        "l = [1.0, \"a\", true]\n"
        "mixed = [{a = 1.0}, 2.0]\n"
        "ml = \"line1\\nline2\"\n"
        "nested = [[1.0, 2.0], [\"a\"]]\n"
        "s = \"str \\\"q\\\" \\\\ \303\251 \\t x\"\n"
        "\n"
        "[m]\n"
        "\n"
        "[t]\n"
        "  after = 5.0\n"
        "  x = 1.0\n"
        "\n"
        "  [[t.arr]]\n"
        "    p = 1.0\n"
        "\n"
        "  [[t.arr]]\n"
        "    p = 2.0\n"
        "    q = [1.0]\n"
        "  [t.sub]\n"
        "    true = 2.0\n"
        "    [t.sub.deep]\n"
        "      z = 3.0\n"
        "\n"
        "[[tabs]]\n"
        "  a = 1.0\n"
        "\n"
        "[[tabs]]\n"
        "  [tabs.b]\n"
        "    c = 2.0\n"
        "";
    Value v;
    CHECK(yaml_load(in, strlen(in), &v) == NULL);
    CHECK_STR(fn_to_toml(NULL, 1, &v).u.s, want4);
    cc_helm_major = 3;
    CHECK_STR(fn_to_toml(NULL, 1, &v).u.s, want3);
    cc_helm_major = 4;
    Value l = v_newlist(2);
    list_push(l.u.l, v_float(1));
    list_push(l.u.l, v_nil());
    CHECK_STR(fn_to_toml(NULL, 1, &l).u.s, "toml: cannot encode array with nil element");
}

/* fromToml: the decoded data as JSON (tj) or the Error text, for v4 and v3.
 * Expected strings are Helm's output (tests/conformance/toml.cases). */
static const char *ft(const char *in)
{
    Value s = v_cstr(in);
    Value m = fn_from_toml(NULL, 1, &s);
    Value *e = map_getc(m.u.m, "Error");
    if (e) return e->u.s;
    Buf b = {0};
    json_encode(&b, m, 0);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

TEST(from_toml)
{
    cc_helm_major = 4;
    CHECK_STR(ft("a = 1\nb = 'x'\n[t]\nc = [1, 2.5, true]\n"), "{\"a\":1,\"b\":\"x\",\"t\":{\"c\":[1,2.5,true]}}");
    CHECK_STR(ft("[[p]]\nn = 1\n[[p]]\n[p.q]\nr = 2\n"), "{\"p\":[{\"n\":1},{\"q\":{\"r\":2}}]}");
    CHECK_STR(ft("a = {x = 1}\na.y = 2"), "{\"a\":{\"x\":1,\"y\":2}}");
    CHECK_STR(ft("a = 0xDEAD_beef\nb = 0o755\nc = 0b1101\nd = 1e06"), "{\"a\":3735928559,\"b\":493,\"c\":13,\"d\":1000000}");
    CHECK_STR(ft("bad = = 1"), "toml: line 1 (last key \"bad\"): expected value but found '=' instead");
    CHECK_STR(ft("a = 1\na = 2"), "toml: line 2 (last key \"a\"): Key 'a' has already been defined.");
    CHECK_STR(ft("fruit = []\n\n[[fruit]]\nx = 1"), "toml: line 3: Key 'fruit' was already created and cannot be used as an array.");
    CHECK_STR(ft("[a.\"b c\"]\nx = 1\ny = [1 2]"),
              "toml: line 3 (last key \"a.\\\"b c\\\".y\"): expected a comma (',') or array terminator (']'), but got '2'");
    CHECK_STR(ft("a = 9223372036854775808"), "toml: line 1 (last key \"a\"): 9223372036854775808 is out of range for int64");
    CHECK_STR(ft("a = 1979-02-30"), "toml: line 1 (last key \"a\"): invalid datetime: \"1979-02-30\"");
    CHECK_STR(ft("a =\nb = 1"), "toml: line 1 (last key \"a\"): expected value but found '\\n' instead");
    CHECK_STR(ft("a = {\n  x = 1,\n}"), "{\"a\":{\"x\":1}}");
    CHECK_STR(ft("a = 1979-05-27T07:32:00Z"), "{\"a\":\"1979-05-27T07:32:00Z\"}");
    {
        Value s = v_cstr("a = \"\\x41\"");
        Value *e = map_getc(fn_from_toml(NULL, 1, &s).u.m, "Error");
        CHECK(e == NULL);
    }
    cc_helm_major = 3;
    CHECK_STR(ft("a =\nb = 1"), "toml: line 2 (last key \"a\"): expected value but found '\\n' instead");
    CHECK_STR(ft("a = \"unterminated"), "toml: line 0 (last key \"a\"): unexpected EOF; expected '\"'");
    CHECK_STR(ft("a = { x = 1, y = 2, }"), "toml: line 1 (last key \"a.y\"): trailing comma not allowed in inline tables");
    CHECK_STR(ft("a = [1]\na = 2"), "{\"a\":2}");
    CHECK_STR(ft("a = \"\\e\""), "toml: line 1 (last key \"a\"): invalid escape in string '\\e'");
    cc_helm_major = 4;
}

TEST_MAIN()
