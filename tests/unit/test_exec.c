/*
 * test_exec.c - the template executor, builtins and Helm's engine
 * functions, checked against real Helm: every row is a template and
 * values.yaml whose expected output / error text was produced by
 * helm v4.1.4 and v3.17.3 (`helm template` of a one-file chart "c").
 * want3 NULL: same as v4. "PREFIX:" rows compare only the beginning.
 */
#include "harness.h"
#include "chartc/codec.h"
#include "chartc/tmpl.h"
#include "chartc/value.h"

#include <string.h>

typedef struct Case { const char *tmpl, *vals, *want4, *want3; } Case;

static const Case cases[] = {
    {"a: {{ .Values.s }} {{ .Values.num }} {{ .Values.f }} {{ .Values.b }}", "s: hi\nnum: 1000000\nf: 1.5\nb: true\n", "a: hi 1e+06 1.5 true", NULL},
    {"a: '{{ .Values.l }} {{ .Values.m }}'", "l: [1, a, true, null]\nm: {b: 1, a: x}\n", "a: '[1 a true <nil>] map[a:x b:1]'", NULL},
    {"a: '{{ .Values.missing }}|{{ .Values.m.missing }}'", "m: {}\n", "a: '|'", NULL},
    {"a: {{ .Values.x.y.z }}", "x: {}\n", "ERR:c/templates/t.yaml:1:13\n  executing \"c/templates/t.yaml\" at <.Values.x.y.z>:\n    nil pointer evaluating interface {}.z", "ERR:template: c/templates/t.yaml:1:13: executing \"c/templates/t.yaml\" at <.Values.x.y.z>: nil pointer evaluating interface {}.z"},
    {"a: {{ .Values.s.foo }}", "s: str\n", "ERR:c/templates/t.yaml:1:13\n  executing \"c/templates/t.yaml\" at <.Values.s.foo>:\n    can't evaluate field foo in type interface {}", "ERR:template: c/templates/t.yaml:1:13: executing \"c/templates/t.yaml\" at <.Values.s.foo>: can't evaluate field foo in type interface {}"},
    {"{{ $x := .Values.s }}a: {{ $x.foo }}", "s: str\n", "ERR:c/templates/t.yaml:1:29\n  executing \"c/templates/t.yaml\" at <$x.foo>:\n    can't evaluate field foo in type string", "ERR:template: c/templates/t.yaml:1:29: executing \"c/templates/t.yaml\" at <$x.foo>: can't evaluate field foo in type string"},
    {"{{ $x := .Values.nope }}a: '{{ $x.foo }}'", "", "a: ''", NULL},
    {"a: {{ upper .Values.missing }}", "", "ERR:c/templates/t.yaml:1:19\n  executing \"c/templates/t.yaml\" at <.Values.missing>:\n    wrong type for value; expected string; got interface {}", "ERR:template: c/templates/t.yaml:1:19: executing \"c/templates/t.yaml\" at <.Values.missing>: wrong type for value; expected string; got interface {}"},
    {"a: {{ .Values.missing | upper }}", "", "ERR:c/templates/t.yaml:1:24\n  executing \"c/templates/t.yaml\" at <upper>:\n    invalid value; expected string", "ERR:template: c/templates/t.yaml:1:24: executing \"c/templates/t.yaml\" at <upper>: invalid value; expected string"},
    {"a: {{ upper .Values.num }}", "num: 1\n", "ERR:c/templates/t.yaml:1:19\n  executing \"c/templates/t.yaml\" at <.Values.num>:\n    wrong type for value; expected string; got float64", "ERR:template: c/templates/t.yaml:1:19: executing \"c/templates/t.yaml\" at <.Values.num>: wrong type for value; expected string; got float64"},
    {"a: {{ hasKey .Values.missing \"x\" }}", "", "ERR:c/templates/t.yaml:1:20\n  executing \"c/templates/t.yaml\" at <.Values.missing>:\n    wrong type for value; expected map[string]interface {}; got interface {}", "ERR:template: c/templates/t.yaml:1:20: executing \"c/templates/t.yaml\" at <.Values.missing>: wrong type for value; expected map[string]interface {}; got interface {}"},
    {"a: {{ \"x\" | printf \"%s-%s\" \"b\" }}", "", "a: b-x", NULL},
    {"a: {{ 1 }} {{ 1.5 }} {{ 1e6 }} {{ 0x10 }} {{ 'a' }} {{ true }} {{ \"s\" }}", "", "a: 1 1.5 1e+06 16 97 true s", NULL},
    {"a: {{ printf \"%T %T %T\" 1 1.0 \"x\" }}", "", "a: int float64 string", NULL},
    {"a: {{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" \"x\" }} '{{ or 0 \"\" }}' {{ or 1 .Values.none.deep }}", "", "a: 0 2 x '' 1", NULL},
    {"a: {{ not 0 }} {{ not 1 }} {{ not \"\" }}", "", "a: true false true", NULL},
    {"a: {{ len \"héllo\" }} {{ len .Values.l }} {{ len .Values.m }}", "l: [1,2]\nm: {a: 1}\n", "a: 6 2 1", NULL},
    {"a: {{ len .Values.missing }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <len .Values.missing>: error calling len: len of nil pointer", NULL},
    {"a: {{ len nil }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value", NULL},
    {"a: {{ len 1 }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <len 1>: error calling len: len of type int", NULL},
    {"a: {{ index .Values.l 1 }} {{ index .Values.m \"a\" }} '{{ index .Values.m \"zz\" }}' {{ index \"abc\" 1 }}", "l: [x, y]\nm: {a: 1}\n", "a: true 1 '' 98", NULL},
    {"a: {{ index .Values.l 5 }}", "l: [1]\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index .Values.l 5>: error calling index: index out of range: 5", NULL},
    {"a: {{ index .Values.l 1 }}", "l: [1]\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index .Values.l 1>: error calling index: reflect: slice index out of range", NULL},
    {"a: {{ index .Values \"a\" \"b\" }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index .Values \"a\" \"b\">: error calling index: index of nil pointer", NULL},
    {"a: {{ index nil 1 }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index nil 1>: error calling index: index of untyped nil", NULL},
    {"a: {{ index .Values.m 1 }}", "m: {a: 1}\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index .Values.m 1>: error calling index: value has type int; should be string", NULL},
    {"a: {{ index .Values.l \"x\" }}", "l: [1]\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index .Values.l \"x\">: error calling index: cannot index slice/array with type string", NULL},
    {"a: {{ index 1.5 1 }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index 1.5 1>: error calling index: can't index item of type float64", NULL},
    {"a: {{ eq 1 1 }} {{ eq 1 2 3 1 }} {{ eq \"a\" \"a\" }} {{ eq .Values.x 1.0 }} {{ ne 1 2 }} {{ eq .Values.missing \"x\" }} {{ eq nil nil }} {{ eq .Values.m nil }}", "x: 1\nm: {a: 1}\n", "a: true true true true true false true false", NULL},
    {"a: {{ eq .Values.x 1 }}", "x: 1\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq .Values.x 1>: error calling eq: incompatible types for comparison: float64 and int", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq .Values.x 1>: error calling eq: incompatible types for comparison"},
    {"a: {{ eq \"x\" 1 }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq \"x\" 1>: error calling eq: incompatible types for comparison: string and int", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq \"x\" 1>: error calling eq: incompatible types for comparison"},
    {"a: {{ eq .Values.m .Values.m }}", "m: {a: 1}\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq .Values.m .Values.m>: error calling eq: non-comparable type map[a:%!s(float64=1)]: map[string]interface {}", NULL},
    {"a: {{ eq 1 }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq 1>: error calling eq: missing argument for comparison", NULL},
    {"a: {{ ne 1 }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <ne>:\n    wrong number of args for ne: want 2 got 1", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <ne>: wrong number of args for ne: want 2 got 1"},
    {"a: {{ lt 1 2 }} {{ le 2 2 }} {{ gt 3 2 }} {{ ge 1 2 }} {{ lt \"a\" \"b\" }} {{ lt 1.5 2.5 }}", "", "a: true true true false true true", NULL},
    {"a: {{ lt 1 2.0 }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <lt 1 2.0>: error calling lt: incompatible types for comparison: int and float64", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <lt 1 2.0>: error calling lt: incompatible types for comparison"},
    {"a: {{ lt true false }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <lt true false>: error calling lt: invalid type for comparison", NULL},
    {"a: {{ lt .Values.missing 1 }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <lt .Values.missing 1>: error calling lt: invalid type for comparison", NULL},
    {"a: {{ print 1 2 \"a\" \"b\" 3 }} {{ print \"a\" 1 }} {{ println \"x\" 1 | trim }}", "", "a: 1 2ab3 a1 x 1", NULL},
    {"a: 1\n# {{ html \"<a href='x'>&\\\"\" }} {{ urlquery \"a b&c=é\" }} {{ js \"a'b\\\"<>&=\\\\\" }}", "", "a: 1\n# &lt;a href=&#39;x&#39;&gt;&amp;&#34; a+b%26c%3D%C3%A9 a\\'b\\\"\\u003C\\u003E\\u0026\\u003D\\\\", NULL},
    {"a: {{ html 1 2 }}", "", "a: 1 2", NULL},
    {"a: {{ call .Values.x 1 }}", "x: 1\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <call .Values.x 1>: error calling call: non-function .Values.x of type float64", NULL},
    {"a: {{ range .Values.l }}{{ . }},{{ end }}", "l: [a, b, c]\n", "a: a,b,c,", NULL},
    {"a: {{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}", "l: [a, b, c]\n", "a: 0=a;1=b;2=c;", NULL},
    {"a: {{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}", "m: {b: 1, a: 2, B: 3, \"10\": 4, \"9\": 5, c: 6}\n", "a: 10=4;9=5;B=3;a=2;b=1;c=6;", NULL},
    {"a: {{ range .Values.missing }}x{{ else }}empty{{ end }}", "", "a: empty", NULL},
    {"a: {{ range .Values.l }}x{{ else }}empty{{ end }}", "l: []\n", "a: empty", NULL},
    {"a: {{ range .Values.s }}x{{ end }}", "s: abc\n", "ERR:c/templates/t.yaml:1:19\n  executing \"c/templates/t.yaml\" at <.Values.s>:\n    range can't iterate over abc", "ERR:template: c/templates/t.yaml:1:19: executing \"c/templates/t.yaml\" at <.Values.s>: range can't iterate over abc"},
    {"a: {{ range .Values.num }}x{{ end }}", "num: 3\n", "ERR:c/templates/t.yaml:1:19\n  executing \"c/templates/t.yaml\" at <.Values.num>:\n    range can't iterate over 3", "ERR:template: c/templates/t.yaml:1:19: executing \"c/templates/t.yaml\" at <.Values.num>: range can't iterate over 3"},
    {"a: {{ range 3 }}{{ . }}{{ end }}", "", "a: 012", "ERR:template: c/templates/t.yaml:1:12: executing \"c/templates/t.yaml\" at <3>: range can't iterate over 3"},
    {"a: {{ range $i, $v := 3 }}{{ . }}{{ end }}", "", "ERR:c/templates/t.yaml:1:22\n  executing \"c/templates/t.yaml\" at <3>:\n    can't use 3 to iterate over more than one variable", "ERR:template: c/templates/t.yaml:1:22: executing \"c/templates/t.yaml\" at <3>: range can't iterate over 3"},
    {"a: {{ range 0 }}x{{ else }}none{{ end }}", "", "a: none", "ERR:template: c/templates/t.yaml:1:12: executing \"c/templates/t.yaml\" at <0>: range can't iterate over 0"},
    {"a: {{ range .Values.l }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ if eq . 4.0 }}{{ break }}{{ end }}{{ . }}{{ end }}", "l: [1.0, 2.0, 3.0, 4.0, 5.0]\n", "a: 13", NULL},
    {"{{ $x := 1 }}{{ range .Values.l }}{{ $x = . }}{{ end }}a: {{ $x }}", "l: [a, b]\n", "a: b", NULL},
    {"{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}a: {{ $x }}", "", "2a: 1", NULL},
    {"a: {{ range .Values.l }}{{ $y := . }}{{ $y }}{{ end }}", "l: [a, b]\n", "a: ab", NULL},
    {"a: {{ if .Values.a }}A{{ else if .Values.b }}B{{ else }}C{{ end }}", "b: 1\n", "a: B", NULL},
    {"a: {{ with .Values.m }}{{ .x }}{{ else }}none{{ end }} {{ with .Values.q }}q{{ else with .Values.m }}m{{ .x }}{{ end }}", "m: {x: 5}\n", "a: 5 m5", NULL},
    {"a: '{{ if 0 }}t{{ end }}{{ if \"\" }}t{{ end }}{{ if .Values.l }}t{{ end }}{{ if .Values.m }}t{{ end }}{{ if 0.0 }}t{{ end }}{{ if \"0\" }}T{{ end }}'", "l: []\nm: {}\n", "a: 'T'", NULL},
    {"{{ define \"d\" }}<{{ .x }}>{{ end }}a: {{ include \"d\" .Values }} {{ template \"d\" .Values }}", "x: 1\n", "a: <1> <1>", NULL},
    {"{{ define \"d\" }}{{ .x.y }}{{ end }}a: {{ include \"d\" 3 }}", "", "ERR:c/templates/t.yaml:1:41\n  executing \"c/templates/t.yaml\" at <include \"d\" 3>:\n    error calling include:\nc/templates/t.yaml:1:21\n  executing \"d\" at <.x.y>:\n    can't evaluate field x in type int", "ERR:template: c/templates/t.yaml:1:41: executing \"c/templates/t.yaml\" at <include \"d\" 3>: error calling include: template: c/templates/t.yaml:1:21: executing \"d\" at <.x.y>: can't evaluate field x in type int"},
    {"a: {{ include \"nope\" . }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <include \"nope\" .>:\n    error calling include:\ntemplate: no template \"nope\" associated with template \"gotpl\"", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <include \"nope\" .>: error calling include: template: no template \"nope\" associated with template \"gotpl\""},
    {"a: {{ template \"nope\" . }}", "", "ERR:c/templates/t.yaml:1:15\n  executing \"c/templates/t.yaml\" at <{{template \"nope\" .}}>:\n    template \"nope\" not defined", "ERR:template: c/templates/t.yaml:1:15: executing \"c/templates/t.yaml\" at <{{template \"nope\" .}}>: template \"nope\" not defined"},
    {"{{ define \"d\" }}{{ $ }}{{ end }}a: {{ include \"d\" 5 }}", "", "a: 5", NULL},
    {"{{ define \"d\" }}{{ include \"d\" . }}{{ end }}a: {{ include \"d\" . }}", "", "PREFIX:ERR:template: c/templates/t.yaml:1:50: executing \"c/templates/t.yaml\" at <include \"d\" .>: error calling include: template: c/templates/t.yaml:1:19: executing \"d\" at <include \"d\" .>: error calling include: template: c/templates/t.yaml:1:19: executing \"d\" at <include \"d\" .>: error calling include: template: c/templates/t.yaml:1:19: executing \"d\" at <include \"d\" .>: error calling include: template: c/templates/t.yaml:1:19: executing \"d\" at <include \"d\" .>: error calling include: template: c/templates/t.yaml:1:19: executing \"d\" at <include \"d\" .>: error calling include: template: c/templates/t.yam", NULL},
    {"a: {{ tpl \"{{ .Values.x }}-{{ .Values.missing }}\" . }}", "x: 1\n", "a: 1-", NULL},
    {"a: {{ tpl \"{{ define \\\"z\\\" }}Z{{ end }}{{ include \\\"z\\\" . }}\" . }}", "", "a: Z", NULL},
    {"a: {{ tpl \"{{ .Values.q.w }}\" . }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <tpl \"{{ .Values.q.w }}\" .>: error calling tpl: error during tpl function execution for \"{{ .Values.q.w }}\": template: gotpl:1:10: executing \"gotpl\" at <.Values.q.w>: nil pointer evaluating interface {}.w", NULL},
    {"a: {{ tpl \"{{ .Values\" . }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <tpl \"{{ .Values\" .>: error calling tpl: cannot parse template \"{{ .Values\": template: gotpl:1: unclosed action", NULL},
    {"a: {{ tpl 5 . }}", "", "ERR:c/templates/t.yaml:1:10\n  executing \"c/templates/t.yaml\" at <5>:\n    expected string; found 5", "ERR:template: c/templates/t.yaml:1:10: executing \"c/templates/t.yaml\" at <5>: expected string; found 5"},
    {"a: {{ required \"need x\" .Values.x }}", "", "ERR:execution error at (c/templates/t.yaml:1:6): need x", NULL},
    {"a: {{ required \"need x\" .Values.x }} {{ required \"m\" 0 }} {{ required \"m\" false }}", "x: 1\n", "a: 1 0 false", NULL},
    {"a: {{ .Values.x | required \"x is required\" }}", "x: \"\"\n", "ERR:execution error at (c/templates/t.yaml:1:18): x is required", NULL},
    {"a: {{ fail \"boom\" }}", "", "ERR:execution error at (c/templates/t.yaml:1:6): boom", NULL},
    {"{{ define \"d\" }}{{ fail \"inner\" }}{{ end }}a: {{ include \"d\" . }}", "", "ERR:execution error at (c/templates/t.yaml:1:49): inner", NULL},
    {"a: {{ tpl \"{{ fail \\\"tf\\\" }}\" . }}", "", "ERR:execution error at (c/templates/t.yaml:1:6): tf", NULL},
    {"a: {{ lookup \"v1\" \"Pod\" \"ns\" \"n\" }} {{ len (lookup \"v1\" \"Pod\" \"ns\" \"n\") }}", "", "a: map[] 0", NULL},
    {"a: {{ .Values.x 1 }}", "x: 1\n", "ERR:c/templates/t.yaml:1:13\n  executing \"c/templates/t.yaml\" at <.Values.x>:\n    x is not a method but has arguments", "ERR:template: c/templates/t.yaml:1:13: executing \"c/templates/t.yaml\" at <.Values.x>: x is not a method but has arguments"},
    {"a: {{ 1 2 }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <1>:\n    can't give argument to non-function 1", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <1>: can't give argument to non-function 1"},
    {"a: {{ nil }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <nil>:\n    nil is not a command", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <nil>: nil is not a command"},
    {"a: {{ (dict \"x\" (dict \"y\" 5)).x.y }}", "", "a: 5", NULL},
    {"a: {{ trunc 3 \"abcdef\" }}", "", "a: abc", NULL},
    {"a: {{ trunc 1.5 \"abcdef\" }}", "", "ERR:c/templates/t.yaml:1:12\n  executing \"c/templates/t.yaml\" at <1.5>:\n    expected integer; found 1.5", "ERR:template: c/templates/t.yaml:1:12: executing \"c/templates/t.yaml\" at <1.5>: expected integer; found 1.5"},
    {"a: {{ trunc .Values.num \"abcdef\" }}", "num: 2\n", "ERR:c/templates/t.yaml:1:19\n  executing \"c/templates/t.yaml\" at <.Values.num>:\n    wrong type for value; expected int; got float64", "ERR:template: c/templates/t.yaml:1:19: executing \"c/templates/t.yaml\" at <.Values.num>: wrong type for value; expected int; got float64"},
    {"a: {{ upper 5 }}", "", "ERR:c/templates/t.yaml:1:12\n  executing \"c/templates/t.yaml\" at <5>:\n    expected string; found 5", "ERR:template: c/templates/t.yaml:1:12: executing \"c/templates/t.yaml\" at <5>: expected string; found 5"},
    {"a: {{ upper nil }}", "", "ERR:c/templates/t.yaml:1:12\n  executing \"c/templates/t.yaml\" at <nil>:\n    cannot assign nil to string", "ERR:template: c/templates/t.yaml:1:12: executing \"c/templates/t.yaml\" at <nil>: cannot assign nil to string"},
    {"a: {{ 9223372036854775808 }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <9223372036854775808>:\n    9223372036854775808 overflows int", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <9223372036854775808>: 9223372036854775808 overflows int"},
    {"a: {{ .Release.Name }}", "", "a: release-name", NULL},
    {"a: {{ (.Values.x).y }}", "", "a:", NULL},
    {"a: {{ $.Values.x }}{{ with .Values.m }}{{ $.Values.x }}{{ end }}", "x: 1\nm: {a: 1}\n", "a: 11", NULL},
    {"a: {{ range .Values.l }}{{ .x }}{{ end }}", "l: [null]\n", "ERR:c/templates/t.yaml:1:27\n  executing \"c/templates/t.yaml\" at <.x>:\n    nil pointer evaluating interface {}.x", "ERR:template: c/templates/t.yaml:1:27: executing \"c/templates/t.yaml\" at <.x>: nil pointer evaluating interface {}.x"},
    {"a: {{ ne \"a\" }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <ne>:\n    wrong number of args for ne: want 2 got 1", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <ne>: wrong number of args for ne: want 2 got 1"},
    {"a: {{ include \"d\" }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <include>:\n    wrong number of args for include: want 2 got 1", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <include>: wrong number of args for include: want 2 got 1"},
    {"a: {{ printf \"%d\" | quote }}", "", "a: \"%!d(MISSING)\"", NULL},
    {"a: {{ and }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <and>:\n    wrong number of args for and: want at least 1 got 0", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <and>: wrong number of args for and: want at least 1 got 0"},
    {"a: {{ not 1 2 }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <not>:\n    wrong number of args for not: want 1 got 2", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <not>: wrong number of args for not: want 1 got 2"},
    {"a: {{ .Values.l.x }}", "l: [1]\n", "ERR:c/templates/t.yaml:1:13\n  executing \"c/templates/t.yaml\" at <.Values.l.x>:\n    can't evaluate field x in type interface {}", "ERR:template: c/templates/t.yaml:1:13: executing \"c/templates/t.yaml\" at <.Values.l.x>: can't evaluate field x in type interface {}"},
    {"{{ define \"d\" }}{{ .a.b }}{{ end }}{{ define \"e\" }}{{ include \"d\" . }}{{ end }}a: {{ include \"e\" .Values }}", "a: 1\n", "ERR:c/templates/t.yaml:1:85\n  executing \"c/templates/t.yaml\" at <include \"e\" .Values>:\n    error calling include:\nc/templates/t.yaml:1:54\n  executing \"e\" at <include \"d\" .>:\n    error calling include:\nc/templates/t.yaml:1:21\n  executing \"d\" at <.a.b>:\n    can't evaluate field b in type interface {}", "ERR:template: c/templates/t.yaml:1:85: executing \"c/templates/t.yaml\" at <include \"e\" .Values>: error calling include: template: c/templates/t.yaml:1:54: executing \"e\" at <include \"d\" .>: error calling include: template: c/templates/t.yaml:1:21: executing \"d\" at <.a.b>: can't evaluate field b in type interface {}"},
    {"a: {{ range $i, $v := .Values.l }}{{ printf \"%T\" $i }}{{ end }}", "l: [1]\n", "a: int", NULL},
    {"a: '{{ .Values.l }} {{ index .Values.l 0 }}'", "l: [[1, 2], {x: 1}]\n", "a: '[[1 2] map[x:1]] [1 2]'", NULL},
    {"a: {{ with $x := .Values.m }}{{ $x.a }}{{ end }}", "m: {a: 7}\n", "a: 7", NULL},
    {"a: {{ $v := \"q\" }}{{ $v }}", "", "a: q", NULL},
    {"a: {{ block \"bb\" .Values }}{{ .x }}{{ end }}", "x: bx\n", "a: bx", NULL},
    {"a: {{ .Values.x | default \"d\" | upper }}", "", "a: D", NULL},
    {"a: {{ .Values.b.c | quote }}", "b: {c: \"<no value>\"}\n", "a: \"\"", NULL},
    {"a: {{ printf \"%v\" .Values.missing }}", "", "a: <nil>", NULL},
    {"a: {{ include \"c/templates/t.yaml\" . }}", "", "PREFIX:ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <include \"c/templates/t.yaml\" .>: error calling include: template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <include \"c/templates/t.yaml\" .>: error calling include: template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <include \"c/templates/t.yaml\" .>: error calling include: template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <include \"c/templates/t.yaml\" .>: error calling include: template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <include \"c/templates/t.yaml", NULL},
    {"{{ define \"r\" }}{{ template \"r\" . }}{{ end }}a: {{ template \"r\" . }}", "", "ERR:c/templates/t.yaml:1:28\n  executing \"r\" at <{{template \"r\" .}}>:\n    exceeded maximum template depth (100000)", "ERR:template: c/templates/t.yaml:1:28: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (100000)"},
    {"a: {{ tpl \"{{ tpl \\\"\\\" . }}x\" . }}", "", "a: x", NULL},
    {"a: {{ tpl \"  \" . | quote }}", "", "a: \"  \"", NULL},
    {"{{ define \"d\" }}{{ tpl \"{{ required \\\"deep\\\" .nope }}\" . }}{{ end }}a: {{ include \"d\" . }}", "", "ERR:execution error at (c/templates/t.yaml:1:74): deep", NULL},
    {"a: {{ index .Values \"a\" \"b\" }}", "a: {b: 5}\n", "a: 5", NULL},
    {"a: {{ .Values.x.y.z }}", "x: {y: null}\n", "ERR:c/templates/t.yaml:1:13\n  executing \"c/templates/t.yaml\" at <.Values.x.y.z>:\n    nil pointer evaluating interface {}.z", "ERR:template: c/templates/t.yaml:1:13: executing \"c/templates/t.yaml\" at <.Values.x.y.z>: nil pointer evaluating interface {}.z"},
    {"a: {{ eq 1 .Values.f }}", "f: 1\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq 1 .Values.f>: error calling eq: incompatible types for comparison: int and float64", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <eq 1 .Values.f>: error calling eq: incompatible types for comparison"},
    {"a: {{ 0 | and 1 }} {{ 2 | and 1 }} {{ 0 | or 0 }} {{ or .Values.missing \"d\" }}", "", "a: 0 2 0 d", NULL},
    {"a: {{ len (splitList \",\" \"a,b\") }} {{ range $i, $e := splitList \",\" \"a,b\" }}{{ printf \"%T\" $e }}{{ end }}", "", "a: 2 stringstring", NULL},
    {"{{ define \"d\" }}[{{ .x }}]{{ end }}a: {{ template \"d\" }}", "", "a: []", NULL},
    {"{{ $x := 1 }}{{ $x = 2 }}a: {{ $x }}", "", "a: 2", NULL},
    {"{{ define \"d\" }}{{ range .l }}{{ .q.w }}{{ end }}{{ end }}a: {{ include \"d\" .Values }}", "l: [{q: null}]\n", "ERR:c/templates/t.yaml:1:64\n  executing \"c/templates/t.yaml\" at <include \"d\" .Values>:\n    error calling include:\nc/templates/t.yaml:1:35\n  executing \"d\" at <.q.w>:\n    nil pointer evaluating interface {}.w", "ERR:template: c/templates/t.yaml:1:64: executing \"c/templates/t.yaml\" at <include \"d\" .Values>: error calling include: template: c/templates/t.yaml:1:35: executing \"d\" at <.q.w>: nil pointer evaluating interface {}.w"},
    {"{{ define \"d\" }}{{ index .l 5 }}{{ end }}a: {{ include \"d\" .Values }}", "l: [1]\n", "ERR:template: c/templates/t.yaml:1:47: executing \"c/templates/t.yaml\" at <include \"d\" .Values>: error calling include: template: c/templates/t.yaml:1:19: executing \"d\" at <index .l 5>: error calling index: index out of range: 5", NULL},
    {"{{ define \"d\" }}{{ .x.y }}{{ end }}a: {{ tpl \"{{ include \\\"d\\\" 1 }}\" . }}", "", "ERR:template: c/templates/t.yaml:1:41: executing \"c/templates/t.yaml\" at <tpl \"{{ include \\\"d\\\" 1 }}\" .>: error calling tpl: error during tpl function execution for \"{{ include \\\"d\\\" 1 }}\": template: gotpl:1:3: executing \"gotpl\" at <include \"d\" 1>: error calling include: template: c/templates/t.yaml:1:21: executing \"d\" at <.x.y>: can't evaluate field x in type int", NULL},
    {"a: {{ fail \"50% done\" }}", "", "ERR:execution error at (c/templates/t.yaml:1:6): 50% done", NULL},
    {"a: {{ required \"m\" .Values.l }}", "l: []\n", "a: []", NULL},
    {"a: {{ print nil }} {{ print .Values.missing }}", "", "a: <nil> <nil>", NULL},
    {"a: {{ printf \"%T %T %T %T\" .Values.m.a .Values.m .Values.l .Values.s }}", "m: {a: 1}\nl: [1]\ns: x\n", "a: float64 map[string]interface {} []interface {} string", NULL},
    {"a: {{ with .Values.m }}{{ with .b }}{{ .c }}{{ end }}{{ end }}", "m: {b: {c: deep}}\n", "a: deep", NULL},
    {"a: {{ range $k, $v := .Values.m }}{{ $k }}{{ range $v }}{{ . }}{{ end }}{{ end }}", "m: {x: [1, 2], y: [3]}\n", "a: true3x12", NULL},
    {"a: {{ $.Values.x }} {{ $.Values | len }}", "x: 1\n", "a: 1 1", NULL},
    {"a: {{ (index .Values.l 0).x }}", "l: [{x: 5}]\n", "a: 5", NULL},
    {"a: {{ (.Values.missing).x }}", "", "a:", NULL},
    {"a: {{ .Values.s | len }} {{ .Values.s | printf \"%s!\" }}", "s: abc\n", "a: 3 abc!", NULL},
    {"a: {{ \"abc\" | upper | lower | quote }}", "", "a: \"abc\"", NULL},
    {"a: {{ lt 1 }}", "", "ERR:c/templates/t.yaml:1:6\n  executing \"c/templates/t.yaml\" at <lt>:\n    wrong number of args for lt: want 2 got 1", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <lt>: wrong number of args for lt: want 2 got 1"},
    {"a: {{ index .Values.m \"a\" \"b\" }}", "m: {a: 1}\n", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <index .Values.m \"a\" \"b\">: error calling index: can't index item of type float64", NULL},
    {"a: {{ .Values.m.a.b }}", "m: {a: 1}\n", "ERR:c/templates/t.yaml:1:13\n  executing \"c/templates/t.yaml\" at <.Values.m.a.b>:\n    can't evaluate field b in type interface {}", "ERR:template: c/templates/t.yaml:1:13: executing \"c/templates/t.yaml\" at <.Values.m.a.b>: can't evaluate field b in type interface {}"},
    {"a: {{ range .Values.m }}{{ . }}{{ end }}", "m: {b: 2, a: 1}\n", "a: 12", NULL},
    {"a: {{ include \"d\" . | upper }}{{ define \"d\" }}low{{ end }}", "", "a: LOW", NULL},
    {"a: {{ js .Values.missing }} {{ urlquery nil }}", "", "a: \\u003Cno value\\u003E %3Cno+value%3E", NULL},
    {"a: {{ eq true true }} {{ eq \"\" \"\" }} {{ ne .Values.missing nil }}", "", "a: true true false", NULL},
    {"a: {{ ge 2.5 2.5 }} {{ gt \"b\" \"a\" }} {{ le 3 2 }}", "", "a: true true false", NULL},
    {"a: {{ gt 1 \"a\" }}", "", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <gt 1 \"a\">: error calling gt: incompatible types for comparison: int and string", "ERR:template: c/templates/t.yaml:1:6: executing \"c/templates/t.yaml\" at <gt 1 \"a\">: error calling gt: incompatible types for comparison"},
};

/* The render root Helm passes to a file (B.1), reduced to what the cases use. */
static Value root_for(const char *vals)
{
    Value v = v_nil();
    if (*vals && yaml_load(vals, strlen(vals), &v) != NULL) v = v_nil();
    if (v.t != VT_MAP) v = v_newmap(0);
    Value rel = v_newmap(6);
    map_setc(rel.u.m, "Name", v_cstr("release-name"));
    map_setc(rel.u.m, "Namespace", v_cstr("default"));
    map_setc(rel.u.m, "IsInstall", v_bool(1));
    map_setc(rel.u.m, "IsUpgrade", v_bool(0));
    map_setc(rel.u.m, "Revision", v_goint(1));
    map_setc(rel.u.m, "Service", v_cstr("Helm"));
    Value tm = v_newmap(2);
    map_setc(tm.u.m, "Name", v_cstr("c/templates/t.yaml"));
    map_setc(tm.u.m, "BasePath", v_cstr("c/templates"));
    Value root = v_newmap(4);
    map_setc(root.u.m, "Values", v);
    map_setc(root.u.m, "Release", rel);
    map_setc(root.u.m, "Template", tm);
    return root;
}

/* Render like Helm's engine + SplitManifests for a one-document file:
 * "<no value>" removed, surrounding whitespace trimmed. */
static const char *run_case(const Case *c)
{
    TSet *ts = tset_new();
    const char *perr = tmpl_parse(ts, "c/templates/t.yaml", c->tmpl, strlen(c->tmpl));
    if (perr) return cc_printf("PARSE:%s", perr);
    Buf out = {0};
    TmplError *e = tmpl_exec(ts, "c/templates/t.yaml", root_for(c->vals), &out);
    if (e) {
        buf_free(&out);
        return cc_printf("ERR:%s", tmpl_error_text(e));
    }
    Buf r = {0};
    for (size_t i = 0; i < out.len;) {
        if (out.len - i >= 10 && memcmp(out.p + i, "<no value>", 10) == 0) { i += 10; continue; }
        buf_putc(&r, out.p[i++]);
    }
    size_t s = 0, n = r.len;
    while (s < n && strchr(" \t\r\n", r.p[s])) s++;
    while (n > s && strchr(" \t\r\n", r.p[n - 1])) n--;
    const char *res = cc_strndup(r.p ? r.p + s : "", n - s);
    buf_free(&out);
    buf_free(&r);
    return res;
}

static int matches(const char *got, const char *want)
{
    if (strncmp(want, "PREFIX:", 7) == 0) return strncmp(got, want + 7, strlen(want + 7)) == 0;
    return strcmp(got, want) == 0;
}

static void check_version(int major)
{
    int save = cc_helm_major;
    cc_helm_major = major;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        const char *want = major == 3 && c->want3 ? c->want3 : c->want4;
        const char *got = run_case(c);
        if (!matches(got, want)) {
            fprintf(stderr, "  v%d case %zu: %s\n    got:  [%.600s]\n    want: [%.600s]\n", major, i + 1,
                    c->tmpl, got, want);
            cur_failed_ = 1;
        }
    }
    cc_helm_major = save;
}

TEST(helm_cases_v4) { check_version(4); }
TEST(helm_cases_v3) { check_version(3); }

static TmplError *exec_err_of(const char *tmpl)
{
    TSet *ts = tset_new();
    if (tmpl_parse(ts, "c/templates/t.yaml", tmpl, strlen(tmpl))) return NULL;
    Buf out = {0};
    TmplError *e = tmpl_exec(ts, "c/templates/t.yaml", root_for(""), &out);
    buf_free(&out);
    return e;
}

TEST(user_errors)
{
    TmplError *e = exec_err_of("{{ define \"d\" }}{{ fail \"x\" }}{{ end }}a: {{ include \"d\" . }}");
    CHECK(e && tmpl_error_is_user(e));
    e = exec_err_of("a: {{ required \"r\" .Values.nope }}");
    CHECK(e && tmpl_error_is_user(e));
    e = exec_err_of("a: {{ .Values.x.y }}");
    CHECK(e && !tmpl_error_is_user(e));
    CHECK(exec_err_of("a: {{ .Values.x }}") == NULL);
}

/* Output is written as it is produced: text before a failing action stays. */
TEST(partial_output_and_no_value)
{
    TSet *ts = tset_new();
    const char *t = "x{{ .Values.missing }}y{{ print \"<no value>\" }}";
    CHECK(tmpl_parse(ts, "c/templates/t.yaml", t, strlen(t)) == NULL);
    Buf out = {0};
    CHECK(tmpl_exec(ts, "c/templates/t.yaml", root_for(""), &out) == NULL);
    CHECK_STR(buf_cstr(&out), "x<no value>y<no value>");
    buf_free(&out);
}

/* Field chains look their names up with the hash the parser computed
 * (NodeId): long chains, chains after a variable, names longer than the
 * executor's local copy for object fields. */
TEST(field_chains)
{
    Buf vals = {0}, t = {0};
    for (int i = 0; i < 20; i++) buf_printf(&vals, "%*sk%d:\n", 2 * i, "", i);
    buf_printf(&vals, "%*sleaf: found\n", 40, "");
    buf_puts(&t, "{{ .Values");
    for (int i = 0; i < 20; i++) buf_printf(&t, ".k%d", i);
    buf_puts(&t, ".leaf }} {{ $m := .Values.k0.k1 }}{{ $m.k2.k3.k4 | len }} {{ .Release.Name }}");
    buf_puts(&t, " {{ .Values.nothere }}");
    TSet *ts = tset_new();
    CHECK(tmpl_parse(ts, "c/templates/t.yaml", buf_cstr(&t), t.len) == NULL);
    Buf out = {0};
    CHECK(tmpl_exec(ts, "c/templates/t.yaml", root_for(buf_cstr(&vals)), &out) == NULL);
    CHECK_STR(buf_cstr(&out), "found 1 release-name <no value>");
    buf_free(&out);
    buf_free(&vals);
    buf_free(&t);
}

TEST_MAIN()
