/* test_unittest.c - `chartc unittest` internals: every assertion type on
 * documents, pass and fail, against helm-unittest's own validator tests
 * (tests/unittest/assert.cases); the yaml-jsonpath path language against
 * yaml-jsonpath's documented examples; go-yaml v3 decoding; the snapshot
 * file format against a snapshot file helm-unittest wrote (its test data). */
#include "chartc/codec.h"
#include "../../src/ut_int.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static Value load1(const char *s)
{
    Value docs;
    const char *err = yaml_load_v3(s, strlen(s), &docs);
    if (err || !docs.u.l->len) return v_nil();
    return docs.u.l->v[0];
}

static const char *yaml_of(Value v)
{
    Buf b = {0};
    yaml_dump_pretty(&b, v);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* ---- assertion cases ---------------------------------------------------- */

typedef struct Case { const char *name; Buf docs[8]; int ndocs; Buf assert_, info; int pass, has_info; } Case;

static void case_free(Case *c)
{
    for (int i = 0; i < c->ndocs; i++) buf_free(&c->docs[i]);
    buf_free(&c->assert_);
    buf_free(&c->info);
    memset(c, 0, sizeof *c);
}

static int run_case(Case *c)
{
    Value docs = v_newlist(4);
    for (int i = 0; i < c->ndocs; i++) list_push(docs.u.l, load1(buf_cstr(&c->docs[i])));
    Value def = load1(buf_cstr(&c->assert_));
    UtAssert a;
    const char *err = ut_assert_parse(def, &a);
    if (err) { fprintf(stderr, "  %s: parse: %s\n", c->name, err); return 0; }
    const char *tpl = "chart/templates/t.yaml";
    a.templates = &tpl;
    a.ntemplates = 1;
    UtDocs f = {tpl, docs};
    UtRender r = {0};
    r.files = &f;
    r.nfiles = 1;
    r.render_ok = a.need_render;   /* the validator runs on the documents */
    UtAssertResult res;
    ut_assert_run(&a, &r, &res);
    const char *info = res.info;
    if (!strncmp(info, "Template:\t", 10)) info = strchr(info, '\n') + 1;
    const char *want = c->has_info ? buf_cstr(&c->info) : "";
    int ok = res.passed == c->pass && strcmp(info, want) == 0;
    if (!ok) fprintf(stderr, "  %s: passed=%d want %d\n    got:\n%s    want:\n%s", c->name, res.passed, c->pass, info, want);
    return ok;
}

TEST(assertions_from_helm_unittest_validator_tests)
{
    FILE *f = fopen("tests/unittest/assert.cases", "r");
    CHECK(f != NULL);
    if (!f) return;
    char line[4096];
    Case c;
    memset(&c, 0, sizeof c);
    Buf *cur = NULL;
    int ncases = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "@case ", 6)) {
            memset(&c, 0, sizeof c);
            line[strcspn(line, "\n")] = 0;
            c.name = cc_strdup(line + 6);
            cur = NULL;
        } else if (!strcmp(line, "@doc\n")) cur = &c.docs[c.ndocs++];
        else if (!strcmp(line, "@assert\n")) cur = &c.assert_;
        else if (!strcmp(line, "@info\n")) { cur = &c.info; c.has_info = 1; }
        else if (!strncmp(line, "@pass ", 6)) { c.pass = atoi(line + 6); cur = NULL; }
        else if (!strcmp(line, "@end\n")) {
            ncases++;
            CHECK(run_case(&c));
            case_free(&c);
            cur = NULL;
        } else if (cur) buf_puts(cur, line);
    }
    case_free(&c);
    fclose(f);
    CHECK(ncases >= 25);
}

/* ---- path ------------------------------------------------------------------ */

static const char *path_yaml(const char *doc, const char *path)
{
    Value out;
    const char *err = ut_path_get(load1(doc), path, &out);
    if (err) return cc_printf("ERR %s", err);
    return yaml_of(out);
}

TEST(path_language)
{
    const char *doc = "metadata:\n  name: x\n  annotations:\n    a.b/c: 1.0\n"
                      "spec:\n  containers:\n  - name: a\n    port: 80\n  - name: b\n    port: 90\n";
    CHECK_STR(path_yaml(doc, "metadata.name"), "- x\n");
    /* an integral float reads back as an int after helm-unittest's round trip */
    CHECK_STR(path_yaml(doc, "metadata.annotations[\"a.b/c\"]"), "- 1\n");
    CHECK_STR(path_yaml(doc, "spec.containers[?(@.name == 'b')].port"), "- 90\n");
    CHECK_STR(path_yaml(doc, "spec.containers[?(@.port > 85)].name"), "- b\n");
    CHECK_STR(path_yaml(doc, "spec.containers[?(@.name =~ /^a/)].port"), "- 80\n");
    CHECK_STR(path_yaml(doc, "spec.containers[*].name"), "- a\n- b\n");
    CHECK_STR(path_yaml(doc, "spec.containers[-1].name"), "- b\n");
    CHECK_STR(path_yaml(doc, "spec.containers[0:1].name"), "- a\n");
    CHECK_STR(path_yaml(doc, "..name"), "- x\n- a\n- b\n");
    CHECK_STR(path_yaml(doc, "$.metadata.name~"), "- name\n");
    CHECK_STR(path_yaml(doc, "nothing.here"), "[]\n");
    /* yaml-jsonpath's lexer errors */
    CHECK_STR(path_yaml(doc, "metadata."), "ERR child name missing at position 9, following \"metadata.\"");
    CHECK_STR(path_yaml(doc, "x["), "ERR unmatched [ at position 2, following \"x[\"");
    CHECK_STR(path_yaml(doc, "a.b[e]"), "ERR invalid array index [e] before position 6: non-integer array index");
}

/* ---- go-yaml v3 decoding ---------------------------------------------------- */

TEST(yaml_v3_decoding)
{
    Value v = load1("a: yes\nb: 1\nc: 1.0\nd: 2024-01-01\ne: 0777\nf: 1_000\ng: ~\n");
    CHECK_STR(ut_gotype(*map_getc(v.u.m, "a")), "string");   /* YAML 1.2: yes is a string */
    CHECK_STR(ut_gotype(*map_getc(v.u.m, "b")), "int");
    CHECK_STR(ut_gotype(*map_getc(v.u.m, "c")), "float64");
    CHECK_STR(ut_gotype(*map_getc(v.u.m, "d")), "string");   /* timestamps stay strings */
    CHECK_INT(map_getc(v.u.m, "e")->u.i, 511);
    CHECK_INT(map_getc(v.u.m, "f")->u.i, 1000);
    CHECK_STR(ut_gotype(*map_getc(v.u.m, "g")), "");
    /* explicit keys win over merged ones, as in go-yaml v3 */
    v = load1("x: &a {p: 1, q: 2}\ny:\n  p: 3\n  <<: *a\n");
    Value y = *map_getc(v.u.m, "y");
    CHECK_INT(map_getc(y.u.m, "p")->u.i, 3);
    CHECK_INT(map_getc(y.u.m, "q")->u.i, 2);
    Value docs;
    CHECK_STR(yaml_load_v3("a: 1\nb: 2\na: 3\n", 15, &docs),
              "yaml: unmarshal errors:\n  line 3: mapping key \"a\" already defined at line 1");
    CHECK(!ut_deep_equal(load1("1"), load1("1.0")));   /* Go int != float64 */
    CHECK(ut_deep_equal(load1("{a: [1, x]}"), load1("a: [1, x]")));
}

/* ---- snapshots -------------------------------------------------------------- */

/* helm-unittest test/data/v3/with-k8s-fake-client/tests/__snapshot__/lookup_crd_test.yaml.snap */
static const char snap_upstream[] =
    "manifest should match snapshot:\n"
    "  1: |\n"
    "    backup_exists:\n"
    "      apiVersion: br.dev.local/v1\n"
    "      kind: BrPolicy\n"
    "      metadata:\n"
    "        name: exists\n"
    "        namespace: default\n"
    "    backup_not_exists: {}\n";

static const char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, n);
    fclose(f);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

TEST(snapshot_file_format)
{
    char dir[] = "/tmp/chartc-snap-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    const char *suite = cc_printf("%s/lookup_crd_test.yaml", dir);
    const char *snapdir = cc_printf("%s/__snapshot__", dir);
    const char *snapfile = cc_printf("%s/lookup_crd_test.yaml.snap", snapdir);
    Value content = load1("backup_exists:\n  apiVersion: br.dev.local/v1\n  kind: BrPolicy\n"
                          "  metadata:\n    name: exists\n    namespace: default\nbackup_not_exists: {}\n");
    /* a new snapshot passes and is written in helm-unittest's format */
    UtSnap *s;
    CHECK(!ut_snap_open(suite, 0, &s));
    UtSnapResult r;
    ut_snap_compare(s, "manifest should match snapshot", 1, content, NULL, NULL, &r);
    CHECK(r.passed);
    CHECK(!ut_snap_store(s));
    CHECK_STR(slurp(snapfile), snap_upstream);
    /* read back: same content passes, other content fails with the cached text kept */
    CHECK(!ut_snap_open(suite, 0, &s));
    ut_snap_compare(s, "manifest should match snapshot", 1, content, NULL, NULL, &r);
    CHECK(r.passed);
    ut_snap_compare(s, "manifest should match snapshot", 2, load1("a: 1"), NULL, NULL, &r);
    CHECK(r.passed);   /* new index */
    CHECK(!ut_snap_store(s));
    CHECK(!ut_snap_open(suite, 0, &s));
    ut_snap_compare(s, "manifest should match snapshot", 1, load1("other: true"), NULL, NULL, &r);
    CHECK(!r.passed);
    CHECK_STR(r.cached, ut_yaml(content));
    unsigned created, failed, total, vanished;
    ut_snap_counts(s, &created, &failed, &total, &vanished);
    CHECK_INT(failed, 1);
    CHECK_INT(vanished, 1);   /* snapshot 2 was not compared this time */
    /* regex options: no comparison with the cached text */
    ut_snap_compare(s, "manifest should match snapshot", 2, load1("a: 1"), "a: [0-9]", NULL, &r);
    CHECK(r.passed);
    ut_snap_compare(s, "x", 1, load1("a: 1"), NULL, "a: 1", &r);
    CHECK(!r.passed);
    CHECK_STR(r.msg, " pattern 'a: 1' should not be in snapshot");
    /* --update-snapshot rewrites the failing snapshot */
    CHECK(!ut_snap_open(suite, 1, &s));
    ut_snap_compare(s, "manifest should match snapshot", 1, content, NULL, NULL, &r);
    CHECK(r.passed);
    CHECK(!ut_snap_store(s));
    CHECK_STR(slurp(snapfile), snap_upstream);
    remove(snapfile);
    rmdir(snapdir);
    rmdir(dir);
}

TEST_MAIN()
