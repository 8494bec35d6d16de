/*
 * test_strvals.c - the --set grammar (pkg/strvals) and values_merge_user
 * precedence. Expected values are Helm v4.1.4/v3.17.3 results (spec C.3,
 * C.4 [confirmed] and runs of helm-both).
 */
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

TEST_MAIN()
