/*
 * test_hostile.c - values that templates make hostile: maps and lists that
 * contain themselves, nesting deeper than Go's stack, maps mutated while
 * range walks them. Where Helm prints something these cases live in
 * tests/conformance/hostile.cases (Helm-generated); here are the ones
 * where Helm's Go stack overflows (or never ends) and chartc must stop
 * with a clear error naming the template instead of crashing.
 */
#include "harness.h"
#include "chartc/chart.h"
#include "chartc/render.h"
#include "chartc/tmpl.h"
#include "chartc/value.h"
#include "chartc/regexp.h"
#include "chartc/glob.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Runs tmpl as c/templates/t.yaml with dot {"Files": files};
 * "OK:<output>" or "ERR:<error text>". */
static const char *run_with(const char *tmpl, Value files)
{
    TSet *ts = tset_new();
    const char *perr = tmpl_parse(ts, "c/templates/t.yaml", tmpl, strlen(tmpl));
    if (perr) return cc_printf("PARSE:%s", perr);
    Buf out = {0};
    Value dot = v_newmap(1);
    map_setc(dot.u.m, "Files", files);
    TmplError *e = tmpl_exec(ts, "c/templates/t.yaml", dot, &out);
    const char *r = e ? cc_printf("ERR:%s", tmpl_error_text(e)) : cc_printf("OK:%s", buf_cstr(&out));
    buf_free(&out);
    return r;
}

static const char *run(const char *tmpl) { return run_with(tmpl, v_nil()); }

#define SELF "{{ $d := dict }}{{ $_ := set $d \"x\" $d }}{{ $e := dict }}{{ $_ := set $e \"x\" $e }}" \
             "{{ define \"p\" }}{{ . }}{{ end }}"

/* every function that prints a value through fmt, or copies, merges or
 * encodes it without a cycle check of Go's own */
static const char *const overflow_in_go[] = {
    "toString $d", "printf \"%v\" $d", "printf \"%+v\" $d", "printf \"%#v\" $d", "printf \"%d\" $d",
    "printf \"%s\" (list $d)", "print $d", "println $d", "cat $d", "join \",\" (list $d)",
    "toStrings (list $d)", "sortAlpha (list $d)", "quote $d", "squote $d", "html $d", "js $d",
    "urlquery $d", "$d", "include \"p\" $d", "eq $d $d", "deepCopy $d", "mustDeepCopy $d",
    "deepCopy (list 1 $d)", "merge $d $e", "mergeOverwrite $d $e", "merge $d $d", "toToml $d",
    "toToml (dict \"l\" (list $d))", "toYamlPretty $d", "int $d", "int64 (list $d)", "float64 $d",
    "add $d 1", "tpl \"{{ . }}\" $d",
};

TEST(cycles_are_errors_not_crashes)
{
    for (size_t i = 0; i < sizeof overflow_in_go / sizeof *overflow_in_go; i++) {
        const char *t = cc_printf(SELF "x: {{ %s }}", overflow_in_go[i]);
        const char *got = run(t);
        if (strncmp(got, "ERR:", 4) != 0 || !strstr(got, "value contains itself (a ") ||
            !strstr(got, "c/templates/t.yaml")) {
            fprintf(stderr, "  %s\n    got: [%.300s]\n", overflow_in_go[i], got);
            cur_failed_ = 1;
        }
    }
}

/* what Helm does print for the same values (also in hostile.cases) */
TEST(cycles_where_go_has_an_answer)
{
    CHECK_STR(run(SELF "{{ toJson $d }}|{{ toPrettyJson $d }}|{{ toYaml $d }}|{{ deepEqual $d $e }}|"
                       "{{ has $e (list $d) }}|{{ uniq (list $d $e) | len }}|{{ merge (dict) $d | len }}"),
              "OK:|||true|true|1|1");
    const char *got = run(SELF "{{ mustToJson $d }}");
    CHECK(strstr(got, "json: unsupported value: encountered a cycle via map[string]interface {}") != NULL);
}

/* A deep, acyclic value: printing, encoding, copying and comparing it
 * work (Go manages too); only go-yaml's reader limit applies to toYaml. */
TEST(deep_values)
{
    const char *mk = "{{ $d := list }}{{ range until 50000 }}{{ $d = list $d }}{{ end }}";
    CHECK_STR(run(cc_printf("%s{{ toJson $d | len }} {{ toString $d | len }} {{ deepCopy $d | toJson | len }} "
                            "{{ deepEqual $d (deepCopy $d) }} {{ toYaml $d | len }}", mk)),
              "OK:100002 100002 100002 true 0");
}

/* The stack probe stops a walk before the stack ends, whatever its size. */
TEST(stack_probe)
{
    CHECK(!cc_stack_low());
    VWalk w = {0};
    Value l = v_newlist(1);
    for (int i = 0; i < 3000; i++) CHECK_INT(vw_enter(&w, l), i < VW_TRACK ? VW_OK : i == VW_TRACK ? VW_OK : VW_CYCLE);
}

/* Maps changed while range walks them: Go visits the keys and values it
 * sorted before the first iteration. */
TEST(range_over_mutated_map)
{
    CHECK_STR(run("{{ $d := dict \"a\" 1 \"b\" 2 \"c\" 3 }}{{ range $k, $v := $d }}{{ $k }}={{ $v }} "
                  "{{ $_ := unset $d \"b\" }}{{ $_ := set $d \"a\" 9 }}{{ range until 100 }}"
                  "{{ $_ := set $d (printf \"n%d\" .) 1 }}{{ end }}{{ end }}{{ len $d }}"),
              "OK:a=1 b=2 c=3 102");
    CHECK_STR(run("{{ $l := list 1 2 }}{{ range $l }}{{ . }}{{ $l = append $l 3 }}{{ end }} {{ len $l }}"), "OK:12 4");
}

/* Glob matchers are linear: *a*a*a...b against a long name of a's took
 * exponential time with backtracking. The cap is generous (the linear
 * matchers take microseconds); it only catches the exponential blow-up. */
TEST(globs_are_linear)
{
    char name[201], pat[64];
    memset(name, 'a', 200);
    name[200] = 0;
    strcpy(pat, "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
    clock_t t0 = clock();
    CHECK_INT(go_path_match(pat, name), 0);
    CHECK_INT(go_path_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*", name), 1);
    CFile f[2] = {{.name = name, .data = "", .len = 0}, {.name = "a/b.txt", .data = "", .len = 0}};
    Value files = files_new(f, 2);
    CHECK_STR(run_with("{{ len (.Files.Glob \"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\") }} "
                       "{{ len (.Files.Glob \"{*a,{a,*}*a*a*a*a*a*a*a*a*a*a*a*a*}b\") }} "
                       "{{ len (.Files.Glob \"**a*a*a*a*a*a*a*a*a*a*a*a*a*a*a\") }} "
                       "{{ range $k, $_ := .Files.Glob \"{a/?.txt,x}\" }}{{ $k }}{{ end }}", files),
              "OK:0 0 1 a/b.txt");
    CHECK(clock() - t0 < 5 * CLOCKS_PER_SEC);
}

/* gobwas nests a BTree per fixed part of *a*a*a...b and retries every
 * split: memoising each BTree's answer per substring keeps the work
 * polynomial. Counted in sub-match calls over names "a/a/a/.../b" (every
 * star split fails late): doubling the name multiplies them by under 8,
 * and 120 bytes take well under 200k (without the memo: 15M at 60 bytes,
 * past 10 s at 120). */
TEST(glob_gobwas_bounded)
{
    const char *pats[] = {"*a*a*a*a*a*a*a*a*b", "**a**a**a**a**a**a**bc", "{*a,{a,*}*a*a*a*a*a*a*a*a*}b", "*?a*?a*?a*?a*b"};
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        int toolong;
        const char *panic;
        Glob *g = glob_compile(pats[k], strlen(pats[k]), &toolong);
        CHECK(g != NULL);
        unsigned long long steps[2];
        for (int i = 0; i < 2; i++) {
            size_t n = 60u << i;
            char *name = cc_alloc(n + 1);
            for (size_t j = 0; j < n; j++) name[j] = j % 2 ? '/' : 'a';
            memcpy(name + n - 2, "/b", 2);
            CHECK_INT(glob_match(g, name, n, &panic), 0);
            steps[i] = glob_steps;
        }
        CHECK(steps[1] <= 8 * steps[0] + 100);
        CHECK(steps[1] < 200000);
    }
    int toolong;
    char big[1100];
    memset(big, 'a', sizeof big);
    CHECK(glob_compile(big, sizeof big, &toolong) == NULL && toolong);
    CFile f[1] = {{.name = "a", .data = "", .len = 0}};
    const char *r = run_with("{{ .Files.Glob (repeat 1025 \"a\") }}", files_new(f, 1));
    CHECK(strstr(r, "ERR:") == r && strstr(r, "error calling Glob: chartc: glob pattern longer than 1024 bytes"));
}

/* filepath.Match results Go gives (bad patterns are -1 even after a
 * mismatch; stars skip bytes, never '/'). */
TEST(path_match_go)
{
    CHECK_INT(go_path_match("a*b*c", "axxbyyc"), 1);
    CHECK_INT(go_path_match("*", "a/b"), 0);
    CHECK_INT(go_path_match("*x", "ab"), 0);
    CHECK_INT(go_path_match("*[", "ab"), -1);
    CHECK_INT(go_path_match("a\\", "a"), -1);
    CHECK_INT(go_path_match("[a-]", "a"), -1);
    CHECK_INT(go_path_match("ab[]c", "abc"), -1);
    CHECK_INT(go_path_match("x*", "y["), 0);
    CHECK_INT(go_path_match("*c", "abcbc"), 1);
    CHECK_INT(go_path_match("[^a]", "b"), 1);
    CHECK_INT(go_path_match("?", "\xc3\xa9"), 1);
    CHECK_INT(go_path_match("a?", "a/"), 0);
}

/* Steps of the regex VM for template t with its subject doubled
 * (%d is the size): linear work means the ratio stays near 2. */
static double regex_growth(const char *t, int n)
{
    unsigned long long s0 = rx_vm_steps;
    run(cc_printf(t, n));
    unsigned long long s1 = rx_vm_steps;
    run(cc_printf(t, 2 * n));
    unsigned long long s2 = rx_vm_steps;
    return (double)(s2 - s1) / (double)(s1 - s0);
}

/* Find-all, replace-all and split over many matches are linear, and so
 * are patterns that make a backtracking engine exponential: the work is
 * counted in VM steps (program x subject), not timed. */
TEST(regex_linear_steps)
{
    CHECK_STR(run("{{ $s := repeat 200000 \"ab\" }}{{ regexFindAll \"a\" $s -1 | len }} "
                  "{{ regexReplaceAll \"a(b)\" $s \"[$1]\" | len }} {{ regexSplit \"b\" $s -1 | len }}"),
              "OK:200000 600000 200001");
    const char *ts[] = {
        "{{ regexFind \"(x+x+)+y|z\" (printf \"%%sz\" (repeat %d \"x\")) }}",
        "{{ regexMatch \"^(a+)+$\" (printf \"%%sb\" (repeat %d \"a\")) }}",
        "{{ regexFindAll \"a\" (repeat %d \"ab\") -1 | len }}",
        "{{ regexReplaceAll \"(a|aa)*c\" (repeat %d \"a\") \"-\" | len }}",
        "{{ regexSplit \"(x*)*y\" (repeat %d \"xxy\") -1 | len }}",
        "{{ regexMatch \"(?i)(?:\\\\pL|\\\\d){2,30}$\" (repeat %d \"\u00e9\") }}",
        "{{ regexReplaceAll \"((((a*)*)*)*)*b\" (repeat %d \"a\") \"$1\" | len }}",
    };
    for (size_t i = 0; i < sizeof ts / sizeof *ts; i++) {
        double g = regex_growth(ts[i], 20000);
        if (!(g > 1.5 && g < 2.5)) fprintf(stderr, "  pattern %zu: steps grew %.2fx for 2x input\n", i, g);
        CHECK(g > 1.5 && g < 2.5);
    }
}

/* Go's RE2 semantics never give up: "z" here, not an error or "". */
TEST(regex_no_limit)
{
    CHECK_STR(run("{{ regexFind \"(x+x+)+y|z\" (printf \"%sz\" (repeat 100000 \"x\")) }}"), "OK:z");
    CHECK_STR(run("{{ regexMatch \"(x+x+)+y|z\" (printf \"%sz\" (repeat 100000 \"x\")) }}"), "OK:true");
}

TEST_MAIN()
