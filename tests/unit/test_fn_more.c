/*
 * test_fn_more.c - unit tests for the regex, semver, crypto, encoding,
 * dates, paths/urls and random function families. Expected values come
 * from running Helm v4.1.4 / v3.17.3 (see spec E.3).
 */
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>
#include <setjmp.h>
#include <stdlib.h>

#include "chartc/func.h"
#include "chartc/semver.h"
#include "harness.h"

#define FN(name, fn, sig, doc, flags) Value fn(Exec *x, int argc, Value *argv);
#include "../../src/fn_regex.def"
#include "../../src/fn_semver.def"
#include "../../src/fn_crypto.def"
#include "../../src/fn_encoding.def"
#include "../../src/fn_dates.def"
#include "../../src/fn_paths.def"
#include "../../src/fn_random.def"
#undef FN

static jmp_buf t_jb;
static const char *t_err;
static void t_hook(Exec *x, const char *msg) { t_err = msg; longjmp(t_jb, 1); }

/* A small printer of results (Go %v-like for the kinds these families return). */
static void t_fmt(Buf *b, Value v)
{
    switch (v.t) {
    case VT_NIL: buf_puts(b, "<nil>"); break;
    case VT_BOOL: buf_puts(b, v.u.b ? "true" : "false"); break;
    case VT_INT: buf_printf(b, "%lld", (long long)v.u.i); break;
    case VT_FLOAT: buf_printf(b, "%g", v.u.f); break;
    case VT_STR: buf_put(b, v.u.s, v.n); break;
    case VT_LIST:
        buf_putc(b, '[');
        for (uint32_t i = 0; v.u.l && i < v.u.l->len; i++) {   /* u.l NULL: nil slice */
            if (i) buf_putc(b, ' ');
            t_fmt(b, v.u.l->v[i]);
        }
        buf_putc(b, ']');
        break;
    case VT_MAP: {
        buf_puts(b, "map[");
        MapEnt **e = map_sorted(v.u.m, 0);
        for (uint32_t i = 0; i < v.u.m->len; i++) {
            if (i) buf_putc(b, ' ');
            buf_printf(b, "%s:", e[i]->k);
            t_fmt(b, e[i]->v);
        }
        buf_putc(b, ']');
        break;
    }
    case VT_OBJ:
        if (v.u.o->type->print) v.u.o->type->print(b, v.u.o);
        else buf_puts(b, "{obj}");
        break;
    }
}

/* Call fn with argv; the result printed, or "ERR: <message>". */
static const char *t_call(CFunc fn, int argc, Value *argv)
{
    FnErrorHook old = fn_error_hook;
    fn_error_hook = t_hook;
    const char *r;
    if (setjmp(t_jb)) {
        r = cc_printf("ERR: %s", t_err);
    } else {
        Value v = fn(NULL, argc, argv);
        Buf b = {0};
        t_fmt(&b, v);
        r = buf_arena(&b);
        buf_free(&b);
    }
    fn_error_hook = old;
    return r;
}
#define ARGS(...) (Value[]){__VA_ARGS__}
#define NARGS(...) (int)(sizeof((Value[]){__VA_ARGS__}) / sizeof(Value))
#define CALL(fn, ...) t_call(fn, NARGS(__VA_ARGS__), ARGS(__VA_ARGS__))
#define S(s) v_cstr(s)
#define I(i) v_goint(i)

/* ---- semver ---------------------------------------------------------- */

static const char *sc(const char *c, const char *v) { return CALL(fn_semver_compare, S(c), S(v)); }

TEST(semver_compare_both)
{
    for (int major = 4; major >= 3; major--) {
        cc_helm_major = major;
        CHECK_STR(sc(">=1.2", "1.3.0"), "true");
        CHECK_STR(sc(">1.0.0", "1.1.0-beta"), "false");
        CHECK_STR(sc(">=1.20-0", "v1.35.0"), "true");
        CHECK_STR(sc(">=1.2, <1.3-0", "1.3.0-rc1"), "false");
        CHECK_STR(sc(">=1.4-0 || <1.4", "1.3.0-rc1"), "false");
        CHECK_STR(sc("!=1.3.x", "1.3.0-rc1"), "false");
        CHECK_STR(sc("bad", "1.0"), "ERR: improper constraint: bad");
        CHECK_STR(sc("", "1.0"), "ERR: improper constraint: ");
        CHECK_STR(sc("1.x", "1.9.9"), "true");
        CHECK_STR(sc("1.2 - 1.4.5", "1.4.5"), "true");
        CHECK_STR(sc("~1.2", "1.2.9"), "true");
        CHECK_STR(sc("^0.2", "0.3.0"), "false");
        CHECK_STR(sc("=> 1.0", "1.0.0"), "true");
        CHECK_STR(sc("~>1.2.3", "1.2.9"), "true");
        CHECK_STR(sc("*", "1.2.9-alpha"), "false");
        CHECK_STR(sc(">= 1.2.3-alpha.1", "1.2.3-alpha.beta"), "true");
        CHECK_STR(sc("<1.2.3-alpha.10", "1.2.3-alpha.9"), "true");
        CHECK_STR(sc("1.2.3+meta", "1.2.3"), "true");
        CHECK_STR(sc("v1.2.3", "1.2.3"), "true");
        CHECK_STR(sc(">=1.2.3,<2", "1.5"), "true");
        CHECK_STR(sc(">=1.2.3 , <2", "1.5"), "true");
        CHECK_STR(sc(">=1.2.3 ,<2", "1.5"), "true");
        CHECK_STR(sc("01.2", "1.2.0"), "true");
    }
    cc_helm_major = 4;
}

TEST(semver_compare_versions_differ)
{
    cc_helm_major = 4;
    CHECK_STR(sc(">=1.2-0 <1.4", "1.3.0-rc1"), "true");
    CHECK_STR(sc("!=1.3.0", "1.3.0-rc1"), "false");
    CHECK_STR(sc(">=1.2", "bad"), "ERR: invalid semantic version");
    CHECK_STR(sc("1.2|3", "1.0"), "ERR: constraint parser error");
    cc_helm_major = 3;
    CHECK_STR(sc(">=1.2-0 <1.4", "1.3.0-rc1"), "false");
    CHECK_STR(sc("!=1.3.0", "1.3.0-rc1"), "true");
    CHECK_STR(sc(">=1.2", "bad"), "ERR: Invalid Semantic Version");
    CHECK_STR(sc("1.2|3", "1.0"), "ERR: constraint Parser Error");
    cc_helm_major = 4;
}

static const char *sv(const char *v) { return CALL(fn_semver, S(v)); }

TEST(semver_parse_print)
{
    cc_helm_major = 4;
    CHECK_STR(sv("1.2.3-rc.1+b5"), "1.2.3-rc.1+b5");
    CHECK_STR(sv("v1.2"), "1.2.0");
    CHECK_STR(sv("1.2.3-01"), "ERR: version segment starts with 0");
    CHECK_STR(sv("1.2.3.4"), "ERR: invalid semantic version");
    CHECK_STR(sv(""), "ERR: invalid semantic version");
    CHECK_STR(sv("1.2.3-"), "ERR: invalid semantic version");
    CHECK_STR(sv("99999999999999999999.0"),
              "ERR: error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range");
    cc_helm_major = 3;
    CHECK_STR(sv("1.2.3-01"), "ERR: Version segment starts with 0");
    CHECK_STR(sv("1.2.3.4"), "ERR: Invalid Semantic Version");
    CHECK_STR(sv("99999999999999999999.0"),
              "ERR: Error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range");
    cc_helm_major = 4;
}

static const char *sv_method(const char *ver, const char *m, int argc, Value *argv)
{
    SemVer v;
    if (semver_parse(ver, strlen(ver), &v)) return "parse failed";
    Value o = semver_value(&v), out;
    if (!o.u.o->type->field(NULL, o.u.o, m, argc, argv, &out)) return "no field";
    Buf b = {0};
    t_fmt(&b, out);
    const char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

TEST(semver_methods)
{
    SemVer w;
    semver_parse("1.3", 3, &w);
    Value wv = semver_value(&w);
    CHECK_STR(sv_method("v1.2", "Original", 0, NULL), "v1.2");
    CHECK_STR(sv_method("1.2.3", "IncMinor", 0, NULL), "1.3.0");
    CHECK_STR(sv_method("1.2.3", "Compare", 1, &wv), "-1");
    CHECK_STR(sv_method("1.2.3", "LessThan", 1, &wv), "true");
    CHECK_STR(sv_method("1.2.3-rc.1+b5", "Prerelease", 0, NULL), "rc.1");
    CHECK_STR(sv_method("1.2.3-rc.1+b5", "Metadata", 0, NULL), "b5");
    CHECK_STR(sv_method("1.2.3", "Major", 0, NULL), "1");
    CHECK_STR(sv_method("1.2.3", "Nope", 0, NULL), "no field");
    SemVer v;
    semver_parse("v1.35.0", 7, &v);
    const char *err = NULL;
    CHECK_INT(semver_match(">=1.19-0", &v, &err), 1);
    CHECK_INT(semver_match("<1.19", &v, &err), 0);
    CHECK_INT(semver_match("junk", &v, &err), -1);
    CHECK_STR(err, "improper constraint: junk");
}


/* ---- regex ------------------------------------------------------------ */

#define EP "ERR: error parsing regexp: "
static const char *rf(const char *re, const char *s) { return CALL(fn_must_regex_find, S(re), S(s)); }

TEST(regex_errors)
{
    CHECK_STR(CALL(fn_regex_match, S("("), S("a")), "false");
    CHECK_STR(CALL(fn_regex_find, S("("), S("a")),
              "ERR: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`");
    CHECK_STR(CALL(fn_must_regex_match, S("("), S("a")), EP "missing closing ): `(`");
    CHECK_STR(rf("(?=a)", "a"), EP "invalid or unsupported Perl syntax: `(?=`");
    CHECK_STR(rf("a{1001}", "a"), EP "invalid repeat count: `{1001}`");
    CHECK_STR(rf("a{2,1}", "a"), EP "invalid repeat count: `{2,1}`");
    CHECK_STR(rf("\\1", "a"), EP "invalid escape sequence: `\\1`");
    CHECK_STR(rf("a**", "a"), EP "invalid nested repetition operator: `**`");
    CHECK_STR(rf("[z-a]", "a"), EP "invalid character class range: `z-a`");
    CHECK_STR(rf("x)", "a"), EP "unexpected ): `x)`");
    CHECK_STR(rf("[a", "a"), EP "missing closing ]: `[a`");
    CHECK_STR(rf("\\8", "a"), EP "invalid escape sequence: `\\8`");
    CHECK_STR(rf("[[:foo:]]", "a"), EP "invalid character class range: `[:foo:]`");
    CHECK_STR(rf("\\pX", "a"), EP "invalid character class range: `\\pX`");
    CHECK_STR(rf("(?i", "a"), EP "invalid or unsupported Perl syntax: `(?i`");
    CHECK_STR(rf("*", "a"), EP "missing argument to repetition operator: `*`");
    CHECK_STR(rf("a++", "a"), EP "invalid nested repetition operator: `++`");
    CHECK_STR(rf("(?#x)", "a"), EP "invalid or unsupported Perl syntax: `(?#`");
    CHECK_STR(rf("\\C", "a"), EP "invalid escape sequence: `\\C`");
    CHECK_STR(CALL(fn_regex_find, S("x{2}{3}"), S("xxxxxx")),
              "ERR: regexp: Compile(`x{2}{3}`): error parsing regexp: invalid nested repetition operator: `{2}{3}`");
    CHECK_STR(rf("(a{500}){3}", "a"), EP "invalid repeat count: `{3}`");
    CHECK_STR(rf("\\e", "a"), EP "invalid escape sequence: `\\e`");
    CHECK_STR(rf("\\p{Foo}", "a"), EP "invalid character class range: `\\p{Foo}`");
    CHECK_STR(rf("(?z)", "a"), EP "invalid or unsupported Perl syntax: `(?z`");
    CHECK_STR(rf("a{1,1001}", "a"), EP "invalid repeat count: `{1,1001}`");
    CHECK_STR(rf("\\", "a"), EP "trailing backslash at end of expression: ``");
}

TEST(regex_find)
{
    CHECK_STR(rf("\\Q", "a"), "");
    CHECK_STR(rf("(?P<n>a)(?P<n>b)", "ab"), "ab");
    CHECK_STR(rf("\\z", "a"), "");
    CHECK_STR(rf("(?<n>a)", "a"), "a");
    CHECK_STR(rf("a{,3}", "a{,3}"), "a{,3}");
    CHECK_STR(rf(".", "\xc3\xa9"), "\xc3\xa9");
    CHECK_STR(rf("[^a]", "\xc3\xa9"), "\xc3\xa9");
    CHECK_STR(rf("(?s)a.b", "a\nb"), "a\nb");
    CHECK_STR(rf("a.b", "a\nb"), "");
    CHECK_STR(rf("\\pL+", "h\xc3\xa9llo1"), "h\xc3\xa9llo");
    CHECK_STR(rf("[[:alpha:]]+", "h\xc3\xa9llo1"), "h");
    CHECK_STR(rf("(?U)a+", "aaa"), "a");
    CHECK_STR(rf("a+?", "aaa"), "a");
    CHECK_STR(rf("\\x{e9}", "\xc3\xa9"), "\xc3\xa9");
    CHECK_STR(rf("\\b", "\xc3\xa9"), "");
    CHECK_STR(rf("(a|ab)(c|bcd)(d*)", "abcd"), "abcd");
    CHECK_STR(rf("\\Aa\\z", "a"), "a");
    CHECK_STR(rf("[\\d\\-z]+", "1-z"), "1-z");
    CHECK_STR(rf("\\Qa.b\\E+", "a.bbb"), "a.bbb");
    CHECK_STR(rf("a{1000}", "a"), "");
    CHECK_STR(rf("\xc3\xa9+", "\xc3\xa9\xc3\xa9\xc3\xa9"), "\xc3\xa9\xc3\xa9\xc3\xa9");
    CHECK_STR(rf("[\xc3\xa9]+", "\xc3\xa9\xc3\xa9\xc3\xa9"), "\xc3\xa9\xc3\xa9\xc3\xa9");
    CHECK_STR(rf("\\141", "a"), "a");
    CHECK_STR(rf("\\0", "a"), "");
    CHECK_STR(rf("\\_", "a"), "");
    CHECK_STR(rf("[[:^alpha:]]", "ab1"), "1");
    CHECK_STR(rf("\\PL", "ab1"), "1");
    CHECK_STR(rf("\\p{Greek}", "ab\xce\xb1"), "\xce\xb1");
    CHECK_STR(rf("(?i)k", "\xe2\x84\xaa"), "\xe2\x84\xaa");
    CHECK_STR(rf("^*a", "a"), "a");
    CHECK_STR(CALL(fn_regex_match, S("^a$"), S("a\n")), "false");
    CHECK_STR(CALL(fn_regex_match, S("\\s"), S("\v")), "false");
    CHECK_STR(CALL(fn_regex_match, S("\\w"), S("\xc3\xa9")), "false");
    CHECK_STR(CALL(fn_regex_match, S("(?m)^b"), S("a\nb")), "true");
}

TEST(regex_all_split_replace)
{
    CHECK_STR(CALL(fn_regex_find_all, S("a*"), S("baaab"), I(-1)), "[ aaa ]");
    CHECK_STR(CALL(fn_regex_find_all, S(""), S("abc"), I(-1)), "[   ]");
    CHECK_STR(CALL(fn_regex_find_all, S("a|b"), S("abab"), I(2)), "[a b]");
    CHECK_STR(CALL(fn_regex_find_all, S("a"), S("aaa"), I(0)), "[]");
    CHECK_STR(CALL(fn_regex_split, S("a*"), S("baaab"), I(-1)), "[b b]");
    CHECK_STR(CALL(fn_regex_split, S(""), S("abc"), I(-1)), "[a b c]");
    CHECK_STR(CALL(fn_regex_split, S(","), S("a,b,c"), I(2)), "[a b,c]");
    CHECK_STR(CALL(fn_regex_split, S(","), S(""), I(-1)), "[]");
    CHECK_STR(CALL(fn_regex_split, S("x*"), S(""), I(-1)), "[]");
    CHECK_STR(CALL(fn_regex_split, S(","), S("a,b,c"), I(0)), "[]");
    CHECK_STR(CALL(fn_regex_replace_all, S("a(x*)b"), S("-ab-axxb-"), S("${1}W")), "-W-xxW-");
    CHECK_STR(CALL(fn_regex_replace_all, S("a(x*)b"), S("-ab-axxb-"), S("$1W")), "---");
    CHECK_STR(CALL(fn_regex_replace_all, S("(?P<n>x+)"), S("axxb"), S("[$n]")), "a[xx]b");
    CHECK_STR(CALL(fn_regex_replace_all, S("a*"), S("baaac"), S("X")), "XbXcX");
    CHECK_STR(CALL(fn_regex_replace_all, S("x"), S("axb"), S("$$")), "a$b");
    CHECK_STR(CALL(fn_regex_replace_all, S("x"), S("axb"), S("$")), "a$b");
    CHECK_STR(CALL(fn_regex_replace_all, S("x"), S("axb"), S("${")), "a${b");
    CHECK_STR(CALL(fn_regex_replace_all, S("(x)"), S("axb"), S("$2|$0|$10")), "a|x|b");
    CHECK_STR(CALL(fn_regex_replace_all_literal, S("x"), S("axb"), S("$0")), "a$0b");
    CHECK_STR(CALL(fn_regex_quote_meta, S("a.b*c[d]$^{}()|\\+?")), "a\\.b\\*c\\[d\\]\\$\\^\\{\\}\\(\\)\\|\\\\\\+\\?");
}

/* ---- encoding, hashes, paths, urls --------------------------------------- */

TEST(encoding)
{
    CHECK_STR(CALL(fn_b64enc, S("hello")), "aGVsbG8=");
    CHECK_STR(CALL(fn_b64dec, S("aGVsbG8=")), "hello");
    CHECK_STR(CALL(fn_b64dec, S("aGVsbG8")), "illegal base64 data at input byte 4");
    CHECK_STR(CALL(fn_b64dec, S("!!!")), "illegal base64 data at input byte 0");
    CHECK_STR(CALL(fn_b64dec, S("aGVs\nbG8=")), "hello");
    CHECK_STR(CALL(fn_b64dec, S("aGVsbG8=x")), "illegal base64 data at input byte 8");
    CHECK_STR(CALL(fn_b64dec, S("aGVsbA==")), "hell");
    CHECK_STR(CALL(fn_b64dec, S("aGVsbB==")), "hell");
    CHECK_STR(CALL(fn_b32enc, S("hello")), "NBSWY3DP");
    CHECK_STR(CALL(fn_b32dec, S("NBSWY3DP")), "hello");
    CHECK_STR(CALL(fn_b32dec, S("NBSWY3D")), "illegal base32 data at input byte 0");
    CHECK_STR(CALL(fn_b32dec, S("nbswy3dp")), "illegal base32 data at input byte 0");
    CHECK_STR(CALL(fn_sha1sum, S("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK_STR(CALL(fn_adler32sum, S("abc")), "38600999");
    CHECK_STR(CALL(fn_adler32sum, S("")), "1");
}

TEST(paths)
{
    const char *base[][2] = {{"a/b/c", "c"}, {"", "."}, {"/", "/"}, {"a/b/", "b"}, {"//", "/"}};
    for (int i = 0; i < 5; i++) CHECK_STR(CALL(fn_path_base, S(base[i][0])), base[i][1]);
    const char *dir[][2] = {{"a/b/c", "a/b"}, {"", "."}, {"/", "/"}, {"a", "."}, {"/a", "/"}, {"a/b/", "a/b"}};
    for (int i = 0; i < 6; i++) CHECK_STR(CALL(fn_path_dir, S(dir[i][0])), dir[i][1]);
    const char *ext[][2] = {{"a/b.c.d", ".d"}, {"a.b/c", ""}, {"", ""}, {".x", ".x"}};
    for (int i = 0; i < 4; i++) CHECK_STR(CALL(fn_path_ext, S(ext[i][0])), ext[i][1]);
    const char *cl[][2] = {{"a//b/../c/./d/", "a/c/d"}, {"", "."}, {"../../a", "../../a"}, {"/../a", "/a"}, {"/..", "/"}};
    for (int i = 0; i < 5; i++) CHECK_STR(CALL(fn_path_clean, S(cl[i][0])), cl[i][1]);
    CHECK_STR(CALL(fn_path_is_abs, S("/a")), "true");
    CHECK_STR(CALL(fn_path_is_abs, S("a")), "false");
}

TEST(urls)
{
    CHECK_STR(CALL(fn_url_parse, S("https://user:pw@host.com:8080/p/a?q=1&r=2#frag")),
              "map[fragment:frag host:host.com:8080 hostname:host.com opaque: path:/p/a query:q=1&r=2 scheme:https userinfo:user:pw]");
    CHECK_STR(CALL(fn_url_parse, S("mailto:a@b.com")),
              "map[fragment: host: hostname: opaque:a@b.com path: query: scheme:mailto userinfo:]");
    CHECK_STR(CALL(fn_url_parse, S("/rel/path?x")),
              "map[fragment: host: hostname: opaque: path:/rel/path query:x scheme: userinfo:]");
    CHECK_STR(CALL(fn_url_parse, S("http://[::1]:80/x")),
              "map[fragment: host:[::1]:80 hostname:::1 opaque: path:/x query: scheme:http userinfo:]");
    CHECK_STR(CALL(fn_url_parse, S("http://h/a%20b")),
              "map[fragment: host:h hostname:h opaque: path:/a b query: scheme:http userinfo:]");
    CHECK_STR(CALL(fn_url_parse, S("http://user:@h")),
              "map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:user:]");
    CHECK_STR(CALL(fn_url_parse, S("HTTP://H/x")),
              "map[fragment: host:H hostname:H opaque: path:/x query: scheme:http userinfo:]");
    CHECK(strstr(CALL(fn_url_parse, S(":foo")), "missing protocol scheme") != NULL);
    CHECK(strstr(CALL(fn_url_parse, S("http://h/%zz")), "invalid URL escape") != NULL);
    CHECK(strstr(CALL(fn_url_parse, S("http://a b/")), "in host name") != NULL);
    Value d = v_newmap(4);
    map_setc(d.u.m, "scheme", S("https"));
    map_setc(d.u.m, "host", S("h.com"));
    map_setc(d.u.m, "path", S("/a b"));
    map_setc(d.u.m, "query", S("x=1"));
    map_setc(d.u.m, "fragment", S("f g"));
    CHECK_STR(CALL(fn_url_join, d), "https://h.com/a%20b?x=1#f%20g");
    Value e = v_newmap(4);
    map_setc(e.u.m, "host", S("h"));
    map_setc(e.u.m, "userinfo", S("u"));
    CHECK_STR(CALL(fn_url_join, e), "//u@h");
    Value f = v_newmap(4);
    map_setc(f.u.m, "scheme", S("https"));
    map_setc(f.u.m, "host", S("h.com"));
    map_setc(f.u.m, "userinfo", S("u:p"));
    map_setc(f.u.m, "path", S("a"));
    CHECK_STR(CALL(fn_url_join, f), "https://u:p@h.com/a");
    CHECK_STR(CALL(fn_url_join, v_newmap(0)), "");
    Value g = v_newmap(4);
    map_setc(g.u.m, "scheme", v_goint(5));
    CHECK_STR(CALL(fn_url_join, g), "ERR: unable to parse scheme key, must be of type string, but int found");
}

/* ---- random ------------------------------------------------------------ */

static int all_in(const char *s, const char *set) { return strspn(s, set) == strlen(s); }

TEST(random)
{
    const char *a = CALL(fn_rand_alnum, I(20));
    CHECK_INT(strlen(a), 20);
    CHECK(all_in(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
    CHECK(all_in(CALL(fn_rand_numeric, I(30)), "0123456789"));
    CHECK(all_in(CALL(fn_rand_alpha, I(30)), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    CHECK_INT(strlen(CALL(fn_rand_ascii, I(7))), 7);
    CHECK_STR(CALL(fn_rand_alpha, I(-1)), "");
    CHECK_INT(strlen(CALL(fn_rand_bytes, I(5))), 8);
    const char *u = CALL(fn_uuidv4);
    CHECK_INT(strlen(u), 36);
    CHECK(u[14] == '4' && u[8] == '-' && strchr("89ab", u[19]));
    const char *r = CALL(fn_rand_int, I(3), I(5));
    CHECK(strcmp(r, "3") == 0 || strcmp(r, "4") == 0);
    CHECK_STR(CALL(fn_rand_int, I(3), I(3)), "ERR: invalid argument to Intn");
    const char *sh = CALL(fn_shuffle, S("a\xc3\xa9z"));
    CHECK_INT(strlen(sh), 4);
    CHECK(strstr(sh, "\xc3\xa9") != NULL);
}

/* ---- crypto ------------------------------------------------------------- */

static const char *obj_field(Value o, const char *f)
{
    Value out;
    if (o.t != VT_OBJ || !o.u.o->type->field(NULL, o.u.o, f, 0, NULL, &out)) return "";
    return out.u.s;
}

TEST(crypto)
{
    CHECK_STR(CALL(fn_derive_password, I(1), S("long"), S("password"), S("user"), S("example.com")), "ZedaFaxcZaso9*");
    CHECK_STR(CALL(fn_derive_password, I(1), S("nope"), S("p"), S("u"), S("s")), "cannot find password template nope");
    const char *h = CALL(fn_htpasswd, S("user"), S("pass"));
    CHECK_INT(strlen(h), 65);
    CHECK(strncmp(h, "user:$2a$10$", 12) == 0);
    CHECK_STR(CALL(fn_htpasswd, S("a:b"), S("p")), "invalid username: a:b");
    const char *enc = CALL(fn_encrypt_aes, S("secretkey"), S("hello world"));
    CHECK_INT(strlen(enc), 44);
    CHECK_STR(CALL(fn_decrypt_aes, S("secretkey"), S(enc)), "hello world");
    CHECK_STR(CALL(fn_encrypt_aes, S("k"), S("")), "");
    CHECK_STR(CALL(fn_gen_private_key, S("foo")), "Unknown type foo");
    CHECK(strncmp(CALL(fn_gen_private_key, S("ecdsa")), "-----BEGIN EC PRIVATE KEY-----\n", 31) == 0);
    CHECK(strncmp(CALL(fn_gen_private_key, S("ed25519")), "-----BEGIN PRIVATE KEY-----\n", 28) == 0);
    FnErrorHook old = fn_error_hook;
    fn_error_hook = t_hook;
    if (setjmp(t_jb) == 0) {
        Value ca = fn_gen_ca(NULL, 2, ARGS(S("my-ca"), I(365)));
        CHECK(strncmp(obj_field(ca, "Cert"), "-----BEGIN CERTIFICATE-----\n", 28) == 0);
        CHECK(strncmp(obj_field(ca, "Key"), "-----BEGIN RSA PRIVATE KEY-----\n", 32) == 0);
        Value ips = v_newlist(1), dns = v_newlist(1);
        list_push(ips.u.l, S("10.0.0.1"));
        list_push(dns.u.l, S("a.example.com"));
        Value c = fn_gen_signed_cert(NULL, 5, ARGS(S("leaf"), ips, dns, I(30), ca));
        CHECK(strncmp(obj_field(c, "Cert"), "-----BEGIN CERTIFICATE-----\n", 28) == 0);
        Value s = fn_gen_self_signed_cert(NULL, 4, ARGS(S("self"), v_nil(), v_nil(), I(30)));
        CHECK(strncmp(obj_field(s, "Key"), "-----BEGIN RSA PRIVATE KEY-----\n", 32) == 0);
        Value k = S(obj_field(s, "Key"));
        Value ck = fn_gen_ca_with_key(NULL, 3, ARGS(S("ca2"), I(10), k));
        CHECK_STR(obj_field(ck, "Key"), k.u.s);
    } else {
        CHECK_STR(t_err, "no error");
    }
    fn_error_hook = old;
    Value bad = v_newlist(1);
    list_push(bad.u.l, S("not-an-ip"));
    CHECK_STR(CALL(fn_gen_self_signed_cert, S("x"), bad, v_nil(), I(1)), "ERR: error parsing ip: not-an-ip");
}

/* ---- dates -------------------------------------------------------------- */

TEST(dates)
{
    setenv("TZ", "UTC", 1);
    CHECK_STR(CALL(fn_date, S("2006-01-02T15:04:05Z07:00 Mon Monday Jan January _2 3PM 03pm 002 __2 .000 .999 -0700 -07:00 Z07 MST"), I(1700000000)),
              "2023-11-14T22:13:20Z Tue Tuesday Nov November 14 10PM 10pm 318 318 .000  +0000 +00:00 Z UTC");
    CHECK_STR(CALL(fn_date_in_zone, S("2006-01-02 15:04:05 MST -07:00"), I(1700000000), S("Europe/Berlin")),
              "2023-11-14 23:13:20 CET +01:00");
    CHECK_STR(CALL(fn_date_in_zone, S("2006-01-02 15:04 MST"), I(1700000000), S("Nowhere/Else")), "2023-11-14 22:13 UTC");
    CHECK_STR(CALL(fn_html_date, I(86400)), "1970-01-02");
    CHECK_STR(CALL(fn_date, S("_2006 Z0700"), I(0)), "_1970 Z");
    CHECK_STR(CALL(fn_duration, S("3661")), "1h1m1s");
    CHECK_STR(CALL(fn_duration, I(3661)), "0s");
    CHECK_STR(CALL(fn_duration, v_int64(90)), "1m30s");
    CHECK_STR(CALL(fn_duration, S("x")), "0s");
    CHECK_STR(CALL(fn_duration_round, S("2h10m")), "2h");
    CHECK_STR(CALL(fn_duration_round, S("-3d")), "0s");
    CHECK_STR(CALL(fn_duration_round, S("1.5h")), "1h");
    CHECK_STR(CALL(fn_duration_round, I(3)), "0s");
    Value now = fn_now(NULL, 0, NULL);
    CHECK_STR(CALL(fn_must_date_modify, S("3x"), now), "ERR: time: unknown unit \"x\" in duration \"3x\"");
    Buf b = {0};
    now.u.o->type->print(&b, now.u.o);
    CHECK(strstr(buf_cstr(&b), " +0000 UTC m=+") != NULL);
    buf_free(&b);
    Value t = fn_date_modify(NULL, 2, ARGS(S("1.5h"), now));
    CHECK_INT(atoll(CALL(fn_unix_epoch, t)) - atoll(CALL(fn_unix_epoch, now)), 5400);
}

TEST(to_date)
{
    setenv("TZ", "UTC", 1);
    CHECK_STR(CALL(fn_to_date, S("2006-01-02"), S("2024-03-05")), "2024-03-05 00:00:00 +0000 UTC");
    CHECK_STR(CALL(fn_to_date, S("2006"), S("x")), "0001-01-01 00:00:00 +0000 UTC");
    CHECK_STR(CALL(fn_must_to_date, S("2006"), S("x")), "ERR: parsing time \"x\" as \"2006\": cannot parse \"x\" as \"2006\"");
    CHECK_STR(CALL(fn_must_to_date, S("2006-01-02"), S("2024-13-05")), "ERR: parsing time \"2024-13-05\": month out of range");
    CHECK_STR(CALL(fn_to_date, S("2006-01-02T15:04:05Z07:00"), S("2024-03-05T10:11:12+02:00")), "2024-03-05 10:11:12 +0200 +0200");
    CHECK_STR(CALL(fn_must_to_date, S("2006-01-02"), S("2024-03-05x")), "ERR: parsing time \"2024-03-05x\": extra text: \"x\"");
    Value t = fn_to_date(NULL, 2, ARGS(S("2006-01-02T15:04:05Z07:00"), S("2024-03-05T10:11:12.5Z")));
    Value j = t.u.o->type->to_data(t.u.o);
    CHECK_STR(j.u.s, "2024-03-05T10:11:12.5Z");
    CHECK_STR(CALL(fn_unix_epoch, fn_to_date(NULL, 2, ARGS(S("Jan 2 2006 3:04PM"), S("mar 5 2024 1:02pm")))), "-62135596800");
}

/* ---- regex/semver/url fixes of the conformance suite (Helm-confirmed) ---- */

static int t_is_nil_strlist(CFunc fn, int argc, Value *argv)
{
    Value v = fn(NULL, argc, argv);
    return v.t == VT_LIST && v.g == GT_STRSLICE && v.u.l == NULL;
}

TEST(regex_conformance_fixes)
{
    /* no match / n == 0: a nil []string (toJson null) */
    CHECK(t_is_nil_strlist(fn_regex_find_all, 3, ARGS(S("z"), S("abc"), I(-1))));
    CHECK(t_is_nil_strlist(fn_regex_find_all, 3, ARGS(S("a"), S("aaa"), I(0))));
    CHECK(t_is_nil_strlist(fn_regex_split, 3, ARGS(S("a"), S("aaa"), I(0))));
    CHECK(!t_is_nil_strlist(fn_regex_split, 3, ARGS(S(""), S(""), I(-1))));
    /* invalid UTF-8 bytes of the subject are U+FFFD runes of width 1 */
    CHECK_STR(CALL(fn_regex_find_all, S("."), S("\xff\xfe" "a"), I(-1)), "[\xff \xfe a]");
    CHECK_STR(CALL(fn_regex_replace_all, S("."), S("\xff" "a"), S("x")), "xx");
    CHECK_STR(CALL(fn_regex_replace_all, S(""), S("\xff"), S("-")), "-\xff-");
    CHECK_STR(CALL(fn_regex_find_all, S("\\x{FFFD}"), S("\xff" "a\xef\xbf\xbd"), I(-1)), "[\xff \xef\xbf\xbd]");
    CHECK_STR(CALL(fn_regex_replace_all, S("(.)"), S("\xe6\x97" "a"), S("<$1>")), "<\xe6><\x97><a>");
    CHECK_STR(CALL(fn_regex_split, S("b"), S("\xff" "b\xfe"), I(-1)), "[\xff \xfe]");
}

/* The error a method call of object o raises ("no error" if none). */
static const char *t_method_err(Value o, const char *name, int argc, Value *argv)
{
    Value out;
    FnErrorHook old = fn_error_hook;
    fn_error_hook = t_hook;
    const char *r = "no error";
    if (setjmp(t_jb)) r = t_err;
    else o.u.o->type->field(NULL, o.u.o, name, argc, argv, &out);
    fn_error_hook = old;
    return r;
}

TEST(semver_nil_method_arg)
{
    SemVer v;
    CHECK_INT(semver_parse("1.2.3", 5, &v), 0);
    CHECK_STR(t_method_err(semver_value(&v), "LessThan", 1, ARGS(v_nil())),
              "runtime error: invalid memory address or nil pointer dereference");
}

TEST(url_conformance_fixes)
{
    Value m = v_newmap(2);
    map_setc(m.u.m, "host", v_nil());
    CHECK_STR(CALL(fn_url_join, m), "ERR: runtime error: invalid memory address or nil pointer dereference");
    int save = cc_helm_major;
    for (int major = 3; major <= 4; major++) {
        cc_helm_major = major;
        CHECK_STR(CALL(fn_url_parse, S("http://[fe80::1%25en0]:8080/")),
                  "map[fragment: host:[fe80::1%en0]:8080 hostname:fe80::1%en0 opaque: path:/ query: scheme:http userinfo:]");
        CHECK_STR(CALL(fn_url_parse, S("http://[::1%25a%20b]/")),
                  "map[fragment: host:[::1%a b] hostname:::1%a b opaque: path:/ query: scheme:http userinfo:]");
        CHECK(strstr(CALL(fn_url_parse, S("http://[::1%25e%2Fx]/")), "invalid URL escape \"%2F\"") != NULL);
    }
    /* Go 1.25 (Helm v4): a bracketed host must be an IPv6 address */
    cc_helm_major = 4;
    CHECK_STR(CALL(fn_url_parse, S("http://[1.2.3.4]/")),
              "ERR: unable to parse url: parse \"http://[1.2.3.4]/\": invalid IP-literal");
    CHECK_STR(CALL(fn_url_parse, S("http://a[::1]/")),
              "ERR: unable to parse url: parse \"http://a[::1]/\": invalid IP-literal");
    CHECK_STR(CALL(fn_url_parse, S("http://[12345::]/")),
              "ERR: unable to parse url: parse \"http://[12345::]/\": invalid host: ParseAddr(\"12345::\"): each group must have 4 or less digits (at \"12345::\")");
    CHECK_STR(CALL(fn_url_parse, S("http://[::1:]/")),
              "ERR: unable to parse url: parse \"http://[::1:]/\": invalid host: ParseAddr(\"::1:\"): colon must be followed by more characters (at \":\")");
    CHECK_STR(CALL(fn_url_parse, S("http://[%25en0]/")),
              "ERR: unable to parse url: parse \"http://[%25en0]/\": invalid host: ParseAddr(\"%en0\"): missing IPv6 address");
    CHECK_STR(CALL(fn_url_parse, S("http://[]/")),
              "ERR: unable to parse url: parse \"http://[]/\": invalid host: ParseAddr(\"\"): unable to parse IP");
    CHECK_STR(CALL(fn_url_parse, S("http://[1:2:3:4:5:6:7:8::]/")),
              "ERR: unable to parse url: parse \"http://[1:2:3:4:5:6:7:8::]/\": invalid host: ParseAddr(\"1:2:3:4:5:6:7:8::\"): the :: must expand to at least one field of zeros");
    CHECK_STR(CALL(fn_url_parse, S("http://[::ffff:1.2.3.4]/")),
              "map[fragment: host:[::ffff:1.2.3.4] hostname:::ffff:1.2.3.4 opaque: path:/ query: scheme:http userinfo:]");
    /* Go 1.23 (Helm v3) accepts them */
    cc_helm_major = 3;
    CHECK_STR(CALL(fn_url_parse, S("http://[1.2.3.4]/")),
              "map[fragment: host:[1.2.3.4] hostname:1.2.3.4 opaque: path:/ query: scheme:http userinfo:]");
    CHECK_STR(CALL(fn_url_parse, S("http://a[::1]/")),
              "ERR: unable to parse url: parse \"http://a[::1]/\": invalid port \":1]\" after host");
    cc_helm_major = save;
}

/* ---- dates / crypto conformance fixes (Helm-confirmed, tests/conformance) ---- */

TEST(to_date_year_day)
{
    CHECK_STR(CALL(fn_html_date, fn_to_date(NULL, 2, ARGS(S("2006 002"), S("2020 366")))), "2020-12-31");
    CHECK_STR(CALL(fn_html_date, fn_to_date(NULL, 2, ARGS(S("2006 002"), S("2020 060")))), "2020-02-29");
    CHECK_STR(CALL(fn_html_date, fn_to_date(NULL, 2, ARGS(S("2006 __2"), S("2021   9")))), "2021-01-09");
    CHECK_STR(CALL(fn_must_to_date, S("2006 002"), S("2021 366")), "ERR: parsing time \"2021 366\": day-of-year out of range");
    CHECK_STR(CALL(fn_must_to_date, S("2006-01 002"), S("2021-02 060")),
              "ERR: parsing time \"2021-02 060\": day-of-year does not match month");
    CHECK_STR(CALL(fn_must_to_date, S("2006-01-02"), S("2017-12-32")), "ERR: parsing time \"2017-12-32\": day out of range");
}

/* The DER of the certificate in a sprig.certificate's PEM. */
static X509 *t_cert(Value c)
{
    const char *pem = obj_field(c, "Cert");
    BIO *b = BIO_new_mem_buf(pem, -1);
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    return x;
}

TEST(crypto_go_certificates)
{
    CHECK_STR(CALL(fn_gen_ca_with_key, S("a"), I(1), S("junk")), "ERR: parsing private key: no PEM data in input");
    CHECK_STR(CALL(fn_gen_ca_with_key, S("a"), I(1), S("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n")),
              "ERR: parsing private key: no private key data in PEM block of type FOO");
    CHECK_STR(CALL(fn_gen_ca_with_key, S("a"), I(1), S("x\n-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")),
              "ERR: parsing private key: invalid private key type OPENSSH PRIVATE KEY");
    const char *ed = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHUNr4Q8MfFqCo4WJv6LcvyIrJ3ORituBs5eE9EVvAEq\n-----END PRIVATE KEY-----\n";
    const char *mis = "-----BEGIN RSA PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHUNr4Q8MfFqCo4WJv6LcvyIrJ3ORituBs5eE9EVvAEq\n-----END RSA PRIVATE KEY-----\n";
    CHECK_STR(CALL(fn_gen_ca_with_key, S("a"), I(1), S(mis)),
              "ERR: parsing private key: parsing RSA private key from PEM: x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)");
    Value dns = v_newlist(2), ips = v_newlist(2);
    list_push(dns.u.l, S("é.x"));
    CHECK_STR(CALL(fn_gen_self_signed_cert_with_key, S("a"), v_nil(), dns, I(1), S(ed)),
              "ERR: error creating certificate: x509: \"é.x\" cannot be encoded as an IA5String");
    list_push(ips.u.l, S("1.2.3.04"));
    CHECK_STR(CALL(fn_gen_self_signed_cert_with_key, S("a"), ips, v_nil(), I(1), S(ed)), "ERR: error parsing ip: 1.2.3.04");

    int save = cc_helm_major;
    FnErrorHook old = fn_error_hook;
    fn_error_hook = t_hook;
    if (setjmp(t_jb) == 0) {
        /* empty subject: no CN, SAN critical; IPv4-mapped address in 4 bytes */
        Value d = v_newlist(1), ip = v_newlist(1);
        list_push(d.u.l, S(""));
        list_push(ip.u.l, S("::ffff:10.0.0.1"));
        X509 *x = t_cert(fn_gen_self_signed_cert_with_key(NULL, 5, ARGS(S(""), ip, d, I(1), S(ed))));
        CHECK(x != NULL);
        CHECK_INT(X509_NAME_entry_count(X509_get_subject_name(x)), 0);
        int i = X509_get_ext_by_NID(x, NID_subject_alt_name, -1);
        CHECK(i >= 0 && X509_EXTENSION_get_critical(X509_get_ext(x, i)));
        GENERAL_NAMES *g = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
        CHECK_INT(sk_GENERAL_NAME_num(g), 2);
        CHECK_INT(sk_GENERAL_NAME_value(g, 1)->d.iPAddress->length, 4);
        GENERAL_NAMES_free(g);
        X509_free(x);
        /* CN as PrintableString unless it has other characters */
        x = t_cert(fn_gen_ca_with_key(NULL, 3, ARGS(S("my-ca"), I(1), S(ed))));
        CHECK_INT(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(X509_get_subject_name(x), 0))), V_ASN1_PRINTABLESTRING);
        /* SKI: Helm 4 (Go 1.25) sha256[:20] of the key bits, Helm 3 sha1 */
        const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(x);
        unsigned char md[32];
        SHA256(bits->data, (size_t)bits->length, md);
        const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(x);
        CHECK(ski && ski->length == 20 && memcmp(ski->data, md, 20) == 0);
        X509_free(x);
        cc_helm_major = 3;
        Value ca = fn_gen_ca_with_key(NULL, 3, ARGS(S("a*b"), I(1), S(ed)));
        x = t_cert(ca);
        CHECK_INT(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(X509_get_subject_name(x), 0))), V_ASN1_UTF8STRING);
        bits = X509_get0_pubkey_bitstr(x);
        SHA1(bits->data, (size_t)bits->length, md);
        ski = X509_get0_subject_key_id(x);
        CHECK(ski && ski->length == 20 && memcmp(ski->data, md, 20) == 0);
        X509_free(x);
        /* AKI only when the issuer differs from the subject */
        x = t_cert(fn_gen_signed_cert_with_key(NULL, 6, ARGS(S("a*b"), v_nil(), v_nil(), I(1), ca, S(ed))));
        CHECK_INT(X509_get_ext_by_NID(x, NID_authority_key_identifier, -1), -1);
        X509_free(x);
        x = t_cert(fn_gen_signed_cert_with_key(NULL, 6, ARGS(S("leaf"), v_nil(), v_nil(), I(1), ca, S(ed))));
        CHECK(X509_get_ext_by_NID(x, NID_authority_key_identifier, -1) >= 0);
        X509_free(x);
    } else {
        CHECK_STR(t_err, "no error");
    }
    fn_error_hook = old;
    cc_helm_major = save;
}

TEST_MAIN()
