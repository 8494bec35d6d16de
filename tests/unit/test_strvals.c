/*
 * test_strvals.c - the --set grammar (pkg/strvals) and values_merge_user
 * precedence. Expected values are Helm v4.1.4/v3.17.3 results (spec C.3,
 * C.4 [confirmed] and runs of helm-both).
 */
#include <pthread.h>
#include "harness.h"
#include "chartc/chart.h"
#include "chartc/gofmt.h"
#include "../../src/values_priv.h"

static const char *show(Value v)
{
    Buf b = {0};
    go_print(&b, v);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static const char *set1(const char *arg, int mode, Value *out)
{
    *out = v_newmap(4);
    return strvals_parse_into(arg, *out, mode);
}

TEST(typed_values)
{
    Value m;
    CHECK(!set1("a=1,b=1.5,c=true,d=TRUE,e=null,f=0,g=007,h=-5,i=+5,j=1e3,k=,l=9223372036854775808,y=0x10,z=NULL",
                SV_TYPED, &m));
    CHECK_STR(show(m), "map[a:1 b:1.5 c:true d:true e:<nil> f:0 g:007 h:-5 i:5 j:1e3 k: l:9223372036854775808 y:0x10 z:<nil>]");
    CHECK_STR(v_gotype(*map_getc(m.u.m, "a")), "int64");
    CHECK_STR(v_gotype(*map_getc(m.u.m, "b")), "string");
}

TEST(nesting_lists_escapes)
{
    Value m;
    CHECK(!set1("a.b.c=1,u\\.v=w,x=\\,y", SV_TYPED, &m));
    CHECK_STR(show(m), "map[a:map[b:map[c:1]] u.v:w x:,y]");
    CHECK(!set1("a[0][1]=z,b[1].c=d,l={x,1,}", SV_TYPED, &m));
    CHECK_STR(show(m), "map[a:[[<nil> z]] b:[<nil> map[c:d]] l:[x 1 ]]");
    CHECK(!set1("e={}", SV_TYPED, &m));
    CHECK_STR(show(m), "map[e:[]]");
}

TEST(string_literal_json)
{
    Value m;
    CHECK(!set1("n=null,t={1,2},i=5", SV_STRING, &m));
    CHECK_STR(show(m), "map[i:5 n:null t:[1 2]]");
    CHECK_STR(v_gotype(*map_getc(m.u.m, "i")), "string");
    CHECK(!set1("a.b[1]=x,y=z", SV_LITERAL, &m));
    CHECK_STR(show(m), "map[a:map[b:[<nil> x,y=z]]]");
    CHECK(!set1("a=[1,2],b={\"c\":1}, d=null,e=", SV_JSON, &m));
    CHECK_STR(show(m), "map[ d:<nil> a:[1 2] b:map[c:1] e:<nil>]");
}

TEST(errors)
{
    Value m;
    CHECK_STR(set1("a", SV_TYPED, &m), "key \"a\" has no value");
    CHECK_STR(set1("a,", SV_TYPED, &m), "key \"a\" has no value (cannot end with ,)");
    CHECK_STR(set1("a.=1", SV_TYPED, &m), "key map \"a\" has no value");
    CHECK_STR(set1("l[x]=1", SV_TYPED, &m), "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax");
    CHECK_STR(set1("l[-1]=1", SV_TYPED, &m), "negative -1 index not allowed");
    CHECK_STR(set1("l[70000]=1", SV_TYPED, &m), "index of 70000 is greater than maximum supported index of 65536");
    CHECK_STR(set1("x={a,b", SV_TYPED, &m), "list must terminate with '}'");
    CHECK_STR(set1("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee.ff=1", SV_TYPED, &m),
              "value name nested level is greater than maximum supported nested level of 30");
    m = v_newmap(2);
    CHECK(!strvals_parse_into("a=1", m, SV_TYPED));
    CHECK_STR(strvals_parse_into("a.b=2", m, SV_TYPED),
              "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}");
}

TEST(merge_user_precedence)
{
    const char *set[] = {"a=1"}, *str[] = {"a=2"}, *js[] = {"a=3"}, *lit[] = {"a=4"};
    ValueOpts o = {0};
    o.set = set; o.nset = 1; o.set_string = str; o.nset_string = 1;
    o.set_json = js; o.nset_json = 1; o.set_literal = lit; o.nset_literal = 1;
    Value v;
    CHECK(!values_merge_user(&o, &v));
    CHECK_STR(show(v), "map[a:4]");
    const char *bad[] = {"a"};
    ValueOpts o2 = {0};
    o2.set = bad; o2.nset = 1;
    CHECK_STR(values_merge_user(&o2, &v), "failed parsing --set data: key \"a\" has no value");
    const char *files[] = {"/nonexistent/values.yaml"};
    ValueOpts o3 = {0};
    o3.files = files; o3.nfiles = 1;
    CHECK_STR(values_merge_user(&o3, &v), "open /nonexistent/values.yaml: no such file or directory");
    const char *js2[] = {"{\"a\":1}"};
    ValueOpts o4 = {0};
    o4.set_json = js2; o4.nset_json = 1;
    CHECK(!values_merge_user(&o4, &v));
    CHECK_STR(show(v), "map[a:1]");
    cc_helm_major = 3;
    CHECK_STR(values_merge_user(&o4, &v), "failed parsing --set-json data {\"a\":1}");
    cc_helm_major = 4;
}

TEST(values_multidoc)
{
    Value v;
    const char *y = "a: 1\n---\nb: 2\n---\na: 3\n";
    CHECK(!values_load(y, strlen(y), &v));
    CHECK_STR(show(v), "map[a:3 b:2]");
    cc_helm_major = 3;
    CHECK(!values_load(y, strlen(y), &v));
    CHECK_STR(show(v), "map[a:1]");
    cc_helm_major = 4;
    const char *bad = "a: 1\n--- b: 2\n";
    CHECK_STR(values_load(bad, strlen(bad), &v), "error reading yaml document: invalid Yaml document separator: b: 2");
    const char *list = "- 1\n";
    CHECK_STR(values_load(list, strlen(list), &v),
              "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}");
}

/* issue 9 defect 7: Helm accepts `a[0][0]...[0]=1` as deep as the argument
 * is long (43,000 levels in 129 KB); the parser must not recurse on the C
 * stack (it crashed here at 43,000 with an 8 MiB stack). */
static char *deep_arg(const char *head, int n, const char *tail)
{
    size_t hl = strlen(head), tl = strlen(tail);
    char *s = cc_alloc(hl + 3 * (size_t)n + tl + 1), *w = s;
    memcpy(w, head, hl); w += hl;
    for (int i = 0; i < n; i++) { memcpy(w, "[0]", 3); w += 3; }
    memcpy(w, tail, tl + 1);
    return s;
}

/* levels of single-element lists from v down to the first non-list */
static int list_depth(Value v, Value *leaf)
{
    int d = 0;
    while (v.t == VT_LIST && v.u.l->len == 1) { v = v.u.l->v[0]; d++; }
    *leaf = v;
    return d;
}

/* The parses below, on a thread with a 1 MiB stack (as under ulimit -s 1024) */
typedef struct DeepRun { const char *arg; int mode; Value m; const char *err; } DeepRun;

static void *deep_parse(void *p)
{
    DeepRun *r = p;
    r->err = strvals_parse_into(r->arg, r->m, r->mode);
    return NULL;
}

static const char *small_stack_parse(const char *arg, Value m, int mode)
{
    DeepRun r = {arg, mode, m, NULL};
    pthread_attr_t attr;
    pthread_t th;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, (size_t)1 << 20);
    if (pthread_create(&th, &attr, deep_parse, &r) != 0) deep_parse(&r);
    else pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
    return r.err;
}

TEST(deep_list_nesting)
{
    Value m = v_newmap(2), leaf;
    CHECK(!small_stack_parse(deep_arg("a", 43000, "=1"), m, SV_TYPED));
    CHECK_INT(list_depth(*map_getc(m.u.m, "a"), &leaf), 43000);
    CHECK_STR(show(leaf), "1");
    /* a second assignment walks the lists the first one made */
    CHECK(!small_stack_parse(deep_arg("a", 43000, ".b=2"), m, SV_TYPED));
    CHECK_INT(list_depth(*map_getc(m.u.m, "a"), &leaf), 43000);
    CHECK_STR(show(leaf), "map[b:2]");
    m = v_newmap(2);
    CHECK(!small_stack_parse(deep_arg("x", 43000, "=v"), m, SV_LITERAL));
    CHECK_INT(list_depth(*map_getc(m.u.m, "x"), &leaf), 43000);
    CHECK_STR(show(leaf), "v");
    m = v_newmap(2);
    CHECK_STR(small_stack_parse(deep_arg("a", 43000, "[x]=1"), m, SV_TYPED),
              "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax");
}

TEST_MAIN()
