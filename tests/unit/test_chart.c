/*
 * test_chart.c - chart loading, Chart.yaml validation, .helmignore,
 * dependency processing and coalescing. Expected values come from running
 * Helm v4.1.4 / v3.17.3 on the same charts (tests/fixtures/chart-deps and
 * small charts written to /tmp by the tests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harness.h"
#include "chartc/chart.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "../../src/ignore_priv.h"
#include "../../src/values_priv.h"

static const char *show(Value v)
{
    Buf b = {0};
    go_print(&b, v);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static const char *tmpchart(const char *name, const char *chart_yaml, const char *values_yaml)
{
    const char *dir = cc_printf("/tmp/chartc_test_%d/%s", (int)getpid(), name);
    mkdir(cc_printf("/tmp/chartc_test_%d", (int)getpid()), 0755);
    mkdir(dir, 0755);
    mkdir(cc_printf("%s/templates", dir), 0755);
    FILE *f;
    if (chart_yaml && (f = fopen(cc_printf("%s/Chart.yaml", dir), "w"))) { fputs(chart_yaml, f); fclose(f); }
    if (values_yaml && (f = fopen(cc_printf("%s/values.yaml", dir), "w"))) { fputs(values_yaml, f); fclose(f); }
    return dir;
}

static Value get(Value m, const char *path)
{
    Value out = v_nil();
    if (!values_path_value(m, path, &out)) values_table(m, path, &out);
    return out;
}

TEST(path_match)
{
    CHECK_INT(go_path_match("*.txt", "a.txt"), 1);
    CHECK_INT(go_path_match("*.txt", "d/a.txt"), 0);
    CHECK_INT(go_path_match("templates/.?*", "templates/.hidden"), 1);
    CHECK_INT(go_path_match("templates/.?*", "templates/."), 0);
    CHECK_INT(go_path_match("[a-c]?", "bz"), 1);
    CHECK_INT(go_path_match("[^a-c]?", "bz"), 0);
    CHECK_INT(go_path_match("a\\*", "a*"), 1);
    CHECK_INT(go_path_match("[", "abc"), -1);
}

TEST(helmignore_rules)
{
    IgnoreRules *r;
    const char *txt = "sub/deep/\n/README.md\n# c\n  \n*.txt~\n";
    CHECK(!ignore_parse(txt, strlen(txt), &r));
    ignore_add_defaults(r);
    CHECK(ignore_match(r, "sub/deep", 1));
    CHECK(!ignore_match(r, "sub/deep", 0));
    CHECK(ignore_match(r, "README.md", 0));
    CHECK(!ignore_match(r, "x/README.md", 0));
    CHECK(ignore_match(r, "a/b.txt~", 0));
    CHECK(ignore_match(r, "templates/.hidden", 0));
    /* the inverted negation: everything not matching !rule is ignored */
    const char *neg = "*.txt\n!conf/a.txt\n";
    CHECK(!ignore_parse(neg, strlen(neg), &r));
    CHECK(ignore_match(r, "Chart.yaml", 0));
    CHECK(ignore_match(r, "conf/a.txt", 0));   /* *.txt matched first */
    const char *neg2 = "!conf/a.txt\n";
    CHECK(!ignore_parse(neg2, strlen(neg2), &r));
    CHECK(!ignore_match(r, "conf/a.txt", 0));
    CHECK(ignore_match(r, "values.yaml", 0));
    CHECK_STR(ignore_parse("a/**/b\n", 7, &r), "double-star (**) syntax is not supported");
    CHECK_STR(ignore_parse("[\n", 2, &r), "syntax error in pattern");
}

/* The rule matcher's shortcuts (literal text, prefix, suffix, a lone star)
 * agree with filepath.Match on the name or its base, as rules.go uses it. */
TEST(helmignore_shortcuts)
{
    static const char *const pats[] = {"*.txt", "a*", "*", "a/*.txt", "a*b", "ab*cd", "templates/*.yaml",
                                       "x?y*z", "lit", "a/lit", "*~", "a[/]b", "*/b", "a\\*", NULL};
    static const char *const names[] = {"a.txt", "a/b.txt", "ab", "a", "a/x.txt", "a/x/y.txt", "acb", "abcd",
                                        "abxcd", "ab/cd", "templates/t.yaml", "templates/s/t.yaml", "xzyz",
                                        "lit", "a/lit", "x/lit", "b~", "a/b", "x/b", "a*", NULL};
    for (int i = 0; pats[i]; i++) {
        IgnoreRules *r;
        CHECK(!ignore_parse(pats[i], strlen(pats[i]), &r));
        for (int j = 0; names[j]; j++) {
            const char *n = names[j], *b = strrchr(n, '/');
            int want = go_path_match(pats[i], strchr(pats[i], '/') || !b ? n : b + 1) == 1;
            if (ignore_match(r, n, 0) != want) {
                fprintf(stderr, "pattern %s name %s: want %d\n", pats[i], n, want);
                CHECK(0);
            }
        }
    }
}

TEST(load_fixture)
{
    Chart *c;
    CHECK(!chart_load("tests/fixtures/chart-deps", &c));
    if (!c) return;
    CHECK_STR(c->name, "par");
    CHECK_STR(c->fullpath, "par");
    CHECK_INT(c->ntemplates, 1);
    CHECK_STR(c->templates[0].name, "templates/t.yaml");
    CHECK_INT(c->ndeps, 2);
    CHECK_STR(c->deps[0]->name, "s1");
    CHECK_STR(c->deps[0]->fullpath, "par/charts/s1");
    CHECK_STR(c->deps[0]->deps[0]->fullpath, "par/charts/s1/charts/n1");
}

TEST(process_deps)
{
    Chart *c;
    CHECK(!chart_load("tests/fixtures/chart-deps", &c));
    if (!c) return;
    Value user = v_newmap(4);
    CHECK(!strvals_parse_into("tags.t1=false,s1.n1.on=true", user, SV_TYPED));
    Value vals;
    fflush(stderr);
    CHECK(!chart_process(c, user, &vals));
    /* s1b (tags t1,t2; t1=false) is disabled; s1 and s2 remain */
    CHECK_INT(c->ndeps, 2);
    CHECK_STR(c->deps[0]->name, "s1");
    CHECK_STR(c->deps[1]->name, "s2");
    CHECK_STR(c->deps[1]->fullpath, "par/charts/s2");
    CHECK_STR(show(get(vals, "imported")), "map[e1:1 e2:parentwins]");
    CHECK_STR(show(get(vals, "d1")), "1");
    CHECK_STR(show(get(vals, "global")), "map[g1:parent gm:map[a:1]]");
    CHECK_STR(show(get(vals, "s1.global")), "map[g1:parent g2:sub gm:map[a:1 b:2]]");
    CHECK_STR(show(get(vals, "s1.n1")), "map[global:map[g1:parent g2:sub gm:map[a:1 b:2]] on:true z:1]");
    CHECK_STR(show(get(vals, "s2")), "map[global:map[g1:parent gm:map[a:1]]]");
    Value s1 = chart_scope_values(c->deps[0], vals);
    CHECK_STR(show(get(s1, "x")), "1");
    Value meta = chart_meta_value(c);
    Value deps = *map_getc(meta.u.m, "Dependencies");
    CHECK_INT(deps.u.l->len, 2);
    CHECK_STR(show(*map_getc(deps.u.l->v[0].u.m, "ImportValues")),
              "[map[child:exports.data parent:.] map[child:exp parent:imported] map[child:missing.x parent:yy]]");
    CHECK_STR(show(*map_getc(meta.u.m, "IsRoot")), "true");
    CHECK_STR(show(*map_getc(chart_meta_value(c->deps[0]).u.m, "IsRoot")), "false");
}

TEST(meta_value)
{
    const char *d = tmpchart("cap", "apiVersion: v2\nname: cap\nversion: 0.1.0\ndescription: d\n"
                                    "keywords: [a, b]\nmaintainers:\n- name: m1\n  email: e@x\n"
                                    "annotations: {foo: bar}\nappVersion: 1.2.3\n", NULL);
    Chart *c;
    CHECK(!chart_load(d, &c));
    if (!c) return;
    CHECK_STR(show(chart_meta_value(c)),
              "map[APIVersion:v2 Annotations:map[foo:bar] AppVersion:1.2.3 Condition: Dependencies:[] Deprecated:false "
              "Description:d Home: Icon: IsRoot:true Keywords:[a b] KubeVersion: Maintainers:[map[Email:e@x Name:m1 URL:]] "
              "Name:cap Sources:[] Tags: Type: Version:0.1.0]");
}

TEST(validation_errors)
{
    Chart *c;
    const char *d = tmpchart("noname", "apiVersion: v2\nversion: 1.0.0\n", NULL);
    CHECK_STR(chart_load(d, &c), "validation: chart.metadata.name is required");
    d = tmpchart("badver", "apiVersion: v2\nname: e3\nversion: x1\n", NULL);
    CHECK_STR(chart_load(d, &c), "validation: chart.metadata.version \"x1\" is invalid");
    d = tmpchart("badtype", "apiVersion: v2\nname: e4\nversion: 1.0.0\ntype: foo\n", NULL);
    CHECK_STR(chart_load(d, &c), "validation: chart.metadata.type must be application or library");
    d = tmpchart("badalias", "apiVersion: v2\nname: e5\nversion: 1.0.0\ndependencies:\n- name: a\n  alias: b.c\n", NULL);
    CHECK_STR(chart_load(d, &c), "validation: dependency \"a\" has disallowed characters in the alias");
    d = tmpchart("dupdep", "apiVersion: v2\nname: e6\nversion: 1.0.0\ndependencies:\n- name: a\n- name: a\n", NULL);
    CHECK_STR(chart_load(d, &c), "validation: more than one dependency with name or alias \"a\"");
    d = tmpchart("api3", "apiVersion: foo\nname: e9\nversion: 1.0.0\n", NULL);
    CHECK_STR(chart_load(d, &c), "unsupported chart version");
    d = tmpchart("namelist", "apiVersion: v2\nname: [a]\nversion: 1.0\n", NULL);
    CHECK_STR(chart_load(d, &c), "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.name of type string");
    d = tmpchart("tabvals", "apiVersion: v2\nname: t\nversion: 1.0.0\n", "a:\n\tb: 1\n");
    CHECK_STR(chart_load(d, &c), "cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: found character that cannot start any token");
    d = tmpchart("missdep", "apiVersion: v2\nname: md\nversion: 1.0.0\ndependencies:\n- name: a\n  version: 1.x\n- name: zz\n", NULL);
    CHECK(!chart_load(d, &c));
    Value v;
    if (c) CHECK_STR(chart_process(c, v_newmap(0), &v),
                     "an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: a, zz");
}

TEST(missing_chart_and_paths)
{
    Chart *c;
    const char *d = tmpchart("empty", NULL, NULL);
    CHECK_STR(chart_load(d, &c), cc_printf("unable to detect chart at %s/Chart.yaml: open %s/Chart.yaml: no such file or directory", d, d));
    cc_helm_major = 3;
    CHECK_STR(chart_load(d, &c), "Chart.yaml file is missing");
    cc_helm_major = 4;
    CHECK_STR(chart_load("./nonexist", &c), "path \"./nonexist\" not found");
    CHECK_STR(chart_load("nonexist", &c), "non-absolute URLs should be in form of repo_name/path_to_chart, got: nonexist");
}

TEST(coalesce_rules)
{
    const char *d = tmpchart("co", "apiVersion: v2\nname: co\nversion: 1.0.0\n",
                             "m: {k: {p: 1}, s: str, nn: null}\nl: [1,2,3]\ntop: null\nd: 1\n");
    Chart *c;
    CHECK(!chart_load(d, &c));
    if (!c) return;
    Value user = v_newmap(4);
    CHECK(!strvals_parse_into("l[2]=x,d=null,newtop=null", user, SV_TYPED));
    Value vals;
    CHECK(!chart_process(c, user, &vals));
    CHECK_STR(show(vals), "map[l:[<nil> <nil> x] m:map[k:map[p:1] nn:<nil> s:str] newtop:<nil> top:<nil>]");
}

/* A CHART argument that is no local path goes through net/url as Helm's
 * ResolveChartVersion does (Helm-verified texts). */
TEST(remote_ref_errors)
{
    Chart *c;
    CHECK_STR(chart_load("w6-a%zz", &c), "invalid chart URL format: w6-a%zz");
    CHECK_STR(chart_load("w6-a\\,b", &c), "non-absolute URLs should be in form of repo_name/path_to_chart, got: w6-a%5C,b");
    CHECK_STR(chart_load("w6-a b", &c), "non-absolute URLs should be in form of repo_name/path_to_chart, got: w6-a%20b");
    CHECK_STR(chart_load("w6-a!b", &c), "non-absolute URLs should be in form of repo_name/path_to_chart, got: w6-a!b");
    CHECK_STR(chart_load("x:y/z", &c), "non-absolute URLs should be in form of repo_name/path_to_chart, got: x:y/z");
    CHECK_STR(chart_load("foo://bar/baz", &c), "scheme \"foo\" not supported");
    CHECK_STR(chart_load("w6repo/chart#frag", &c), "repo w6repo not found");
    CHECK_STR(chart_load(":x", &c), "invalid chart URL format: :x");
}

/* values.schema.json message texts (Helm-verified, one error each). */
static const char *schema_err(const char *schema, const char *values)
{
    Chart ch = {0};
    Value v;
    ch.name = "s";
    ch.schema = schema;
    ch.schema_len = strlen(schema);
    if (yaml_load(values, strlen(values), &v)) return "bad values";
    const char *e = chart_validate_schema(&ch, v);
    const char *nl = e ? strchr(e, '\n') : NULL;
    return nl ? nl + 1 : "";
}

TEST(schema_messages)
{
    CHECK_STR(schema_err("{\"properties\":{\"a\":{\"maximum\":-1e300}}}", "a: 1234567"),
              "s:\n- at '/a': maximum: got 1.234567×10⁰⁶, want -1×10³⁰⁰\n");
    CHECK_STR(schema_err("{\"properties\":{\"a\":{\"exclusiveMaximum\":1e3}}}", "a: 1000"),
              "s:\n- at '/a': exclusiveMaximum: got 1,000, want 1,000\n");
    CHECK_STR(schema_err("{\"properties\":{\"a\":{\"enum\":[\"it's\",null]}}}", "a: 3"),
              "s:\n- at '/a': value must be one of 'it\\'s', <nil>\n");
    CHECK_STR(schema_err("{\"properties\":{\"a\":{\"not\":{}}}}", "a: 3"), "s:\n- at '/a': 'not' failed\n");
    cc_helm_major = 3;
    CHECK_STR(schema_err("{\"properties\":{\"a\":{\"minimum\":1e10}}}", "a: 1"),
              "s:\n- a: Must be greater than or equal to 1e+10\n");
    CHECK_STR(schema_err("{\"properties\":{\"a\":{\"enum\":[\"<a>\",1]}}}", "a: 3"),
              "s:\n- a: a must be one of the following: \"\\u003ca\\u003e\", 1\n");
    CHECK_STR(schema_err("{\"properties\":{\"a\":{\"anyOf\":[{\"type\":\"integer\"},{\"minLength\":5}]}}}", "a: ab"),
              "s:\n- a: Must validate at least one schema (anyOf)\n- a: String length must be greater than or equal to 5\n");
    cc_helm_major = 4;
}

TEST_MAIN()
