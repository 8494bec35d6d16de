/*
 * test_manifest.c - SplitManifests, TrimSpace, kind order, hooks, filepath.Match,
 * Capabilities parsing. Expected values are spec [confirmed] facts (Helm runs).
 */
#include "chartc/render.h"
#include "harness.h"

#include <stdlib.h>

static const char *split_join(const char *s)
{
    MDoc *d;
    int n = manifest_split(s, strlen(s), &d);
    Buf b = {0};
    for (int i = 0; i < n; i++) {
        buf_putc(&b, '[');
        buf_put(&b, d[i].s, d[i].n);
        buf_putc(&b, ']');
    }
    const char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

TEST(split_basic)
{
    CHECK_STR(split_join("a: 1\n---\nb: 2\n"), "[a: 1][b: 2]");
    CHECK_STR(split_join("---\na: 1"), "[a: 1]");
    CHECK_STR(split_join(""), "");
    CHECK_STR(split_join("  \n "), "");
}

TEST(split_empty_doc_between_separators)
{
    CHECK_STR(split_join("A\n---\n\n---\nB"), "[A][---\nB]");
    CHECK_STR(split_join("---\n---\n"), "[---]");
}

TEST(split_edges)
{
    CHECK_STR(split_join("a\n---foo"), "[a][foo]");
    CHECK_STR(split_join("a\n--- # c\nb: 1"), "[a][# c\nb: 1]");
    CHECK_STR(split_join("   a: 1\n   b: 2"), "[a: 1\n   b: 2]");
    CHECK_STR(split_join("x: |\n    ---\n    y"), "[x: |\n    ---\n    y]");
    CHECK_STR(split_join("x: |\n  a\n---\n  y"), "[x: |\n  a][y]");
    CHECK_STR(split_join("# hello"), "[# hello]");
}

TEST(trim_space_unicode)
{
    const char *s = "\xc2\xa0 x \xe3\x80\x80\r\n";
    size_t n = strlen(s);
    go_trim_space(&s, &n);
    CHECK_INT(n, 1);
    CHECK(*s == 'x');
    const char *t = "\xe2\x80\x8b" "y";   /* U+200B is not white space */
    size_t tn = strlen(t);
    go_trim_space(&t, &tn);
    CHECK_INT(tn, 4);
}

TEST(kind_order)
{
    cc_helm_major = 4;
    CHECK(manifest_kind_less("Namespace", "ConfigMap"));
    CHECK(manifest_kind_less("Deployment", "Aardvark"));
    CHECK(!manifest_kind_less("Aardvark", "Deployment"));
    CHECK(manifest_kind_less("", "Aardvark"));
    CHECK(manifest_kind_less("Aardvark", "Foo"));
    CHECK(manifest_kind_less("APIService", "MutatingWebhookConfiguration"));
    CHECK(manifest_kind_less("MutatingWebhookConfiguration", "Zebra"));
    cc_helm_major = 3;
    CHECK(manifest_kind_less("FromTxt", "MutatingWebhookConfiguration"));
    CHECK(!manifest_kind_less("MutatingWebhookConfiguration", "FromTxt"));
    CHECK(manifest_kind_less("MutatingWebhookConfiguration", "Zebra"));
    cc_helm_major = 4;
}

TEST(path_match)
{
    CHECK_INT(go_path_match("templates/x.yaml", "templates/x.yaml"), 1);
    CHECK_INT(go_path_match("templates/*", "templates/x.yaml"), 1);
    CHECK_INT(go_path_match("templates/*", "templates/sub/x.yaml"), 0);
    CHECK_INT(go_path_match("*/x.yaml", "templates/x.yaml"), 1);
    CHECK_INT(go_path_match("templates/?.yaml", "templates/x.yaml"), 1);
    CHECK_INT(go_path_match("templates/[a-y].yaml", "templates/x.yaml"), 1);
    CHECK_INT(go_path_match("templates/[^x].yaml", "templates/x.yaml"), 0);
    CHECK_INT(go_path_match("templates/*.yaml", "templates/a.yml"), 0);
    CHECK_INT(go_path_match("charts/*/templates/*", "charts/sub/templates/t.yaml"), 1);
    CHECK_INT(go_path_match("[", "x"), -1);
}

TEST(manifest_sort_hooks)
{
    cc_helm_major = 4;
    RenderedFile f[] = {
        {"c/templates/b.yaml", "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: post-install\n", 0},
        {"c/templates/a.yaml", "kind: Service\n---\nkind: Namespace\n---\n# only a comment\n", 0},
        {"c/templates/_p.tpl", "kind: X", 0},
        {"c/templates/t.yaml", "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n", 0},
        {"c/templates/bad.yaml", "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: foo-bar\n", 0},
        {"c/templates/w.yaml", "kind: ConfigMap\nmetadata:\n  annotations:\n    helm.sh/hook-weight: \"5\"\n", 0},
    };
    int nf = (int)(sizeof f / sizeof f[0]);
    for (int i = 0; i < nf; i++) f[i].len = strlen(f[i].data);
    Manifest *g, *h;
    int ng, nh;
    const char *err = manifest_sort(f, nf, &g, &ng, &h, &nh);
    CHECK(err == NULL);
    CHECK_INT(ng, 4);
    CHECK_INT(nh, 2);
    if (ng == 4) {
        CHECK_STR(g[0].kind, "Namespace");
        CHECK_STR(g[1].kind, "ConfigMap");
        CHECK_STR(g[2].kind, "Service");
        CHECK_STR(g[3].kind, "");
    }
    if (nh == 2) {
        CHECK_STR(h[0].kind, "Pod");
        CHECK(h[0].is_test);
        CHECK_STR(h[1].kind, "Job");
    }
}

TEST(manifest_yaml_errors)
{
    cc_helm_major = 4;
    RenderedFile f[] = {{"c/templates/s.yaml", "just a string", 13}};
    Manifest *g, *h;
    int ng, nh;
    CHECK_STR(manifest_sort(f, 1, &g, &ng, &h, &nh),
              "YAML parse error on c/templates/s.yaml: error unmarshaling JSON: while decoding JSON: "
              "json: cannot unmarshal string into Go value of type util.SimpleHead");
    RenderedFile f2[] = {{"c/templates/l.yaml", "- a\n- b\n", 8}};
    CHECK_STR(manifest_sort(f2, 1, &g, &ng, &h, &nh),
              "YAML parse error on c/templates/l.yaml: error unmarshaling JSON: while decoding JSON: "
              "json: cannot unmarshal array into Go value of type util.SimpleHead");
    RenderedFile f3[] = {{"c/templates/k.yaml", "kind: 5\n", 8}};
    CHECK(manifest_sort(f3, 1, &g, &ng, &h, &nh) == NULL);
    if (ng == 1) CHECK_STR(g[0].kind, "5");
}

TEST(caps_kube_version)
{
    Value c;
    cc_helm_major = 4;
    CHECK(caps_new(NULL, NULL, 0, &c) == NULL);
    CHECK_STR(caps_kube_string(c), "v1.35.0");
    CHECK(caps_new("1.28.3-gke.100", NULL, 0, &c) == NULL);
    CHECK_STR(caps_kube_string(c), "v1.28.3");
    CHECK(caps_new("v1.29", NULL, 0, &c) == NULL);
    CHECK_STR(caps_kube_string(c), "v1.29");
    CHECK_STR(caps_new("1", NULL, 0, &c), "invalid kube version '1': illegal version string \"1\"");
    CHECK_STR(caps_new("abc", NULL, 0, &c), "invalid kube version 'abc': could not parse \"abc\" as version");
}

TEST(slog_quoting)
{
    Buf b = {0};
    slog_value(&b, "foo-bar");
    buf_putc(&b, '|');
    slog_value(&b, "");
    buf_putc(&b, '|');
    slog_value(&b, "a b");
    CHECK_STR(buf_cstr(&b), "foo-bar|\"\"|\"a b\"");
    buf_free(&b);
}

static int glob_count(Value files, const char *pat)
{
    Obj *o = files.u.o;
    Value arg = v_cstr(pat), out;
    if (!o->type->field(NULL, o, "Glob", 1, &arg, &out)) return -1;
    Value d = out.u.o->type->to_data(out.u.o);
    return (int)d.u.m->len;
}

TEST(files_glob)
{
    CFile fs[] = {{"conf/a.txt", "a", 1}, {"conf/sub/b.txt", "b", 1}, {"README.md", "r", 1},
                  {".helmignore", "", 0}};
    Value f = files_new(fs, 4);
    CHECK_INT(glob_count(f, "conf/*.txt"), 1);     /* '*' stops at '/' */
    CHECK_INT(glob_count(f, "conf/**"), 2);        /* '**' crosses it */
    CHECK_INT(glob_count(f, "{conf,READ}*/**"), 2);
    CHECK_INT(glob_count(f, "*.md"), 1);
    CHECK_INT(glob_count(f, "["), 4);              /* bad pattern: everything */
    CHECK_INT(glob_count(f, "nomatch/*"), 0);
    CHECK_INT(glob_count(f, "conf/[ab].txt"), 1);
    CHECK_INT(glob_count(f, "conf/[!a].txt"), 0);
}

TEST(files_lines_and_get)
{
    CFile fs[] = {{"a.txt", "line1\nline2\n", 12}, {"nl.txt", "\n\n", 2}};
    Value f = files_new(fs, 2);
    Obj *o = f.u.o;
    Value arg = v_cstr("a.txt"), out;
    CHECK(o->type->field(NULL, o, "Lines", 1, &arg, &out));
    CHECK_INT(out.u.l->len, 2);
    arg = v_cstr("nl.txt");
    CHECK(o->type->field(NULL, o, "Lines", 1, &arg, &out));
    CHECK_INT(out.u.l->len, 2);
    arg = v_cstr("missing");
    CHECK(o->type->field(NULL, o, "Lines", 1, &arg, &out));
    CHECK_INT(out.u.l->len, 0);
    CHECK(o->type->field(NULL, o, "Get", 1, &arg, &out));
    CHECK_INT(out.n, 0);
    arg = v_cstr("a.txt");
    CHECK(o->type->field(NULL, o, "GetBytes", 1, &arg, &out));
    CHECK_INT(out.g, GT_BYTES);
}

TEST_MAIN()
