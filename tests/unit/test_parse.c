/*
 * test_parse.c - unit tests of the template lexer/parser (tmpl_lex.c,
 * tmpl_parse.c). Expected texts come from real Helm (v4.1.4 and v3.17.3 agree
 * on every case): each template was rendered as p/templates/t.yaml and
 * Helm's "Error: parse error at (...): ..." line recorded; NULL means Helm
 * parsed it (and rendered or failed only at execution).
 */
#include <stdlib.h>
#include <string.h>

#include "chartc/tmpl.h"
#include "harness.h"

#define FILE_NAME "p/templates/t.yaml"

/* Helm's engine.go cleanupParseError applied to Go's error text */
static const char *helm_parse_error(const char *goerr)
{
    const char *second = strstr(goerr, ": ");
    if (!second) return cc_printf("parse error in (%s): %s", FILE_NAME, goerr);
    second += 2;
    const char *end2 = strstr(second, ": ");
    const char *last = goerr, *p = goerr;
    while ((p = strstr(p, ": "))) { p += 2; last = p; }
    size_t loclen = end2 ? (size_t)(end2 - second) : strlen(second);
    return cc_printf("parse error at (%.*s): %s", (int)loclen, second, last);
}

static const struct { const char *tmpl, *helm4, *helm3; } helm_cases[] = {
    {"a: {{ .Values.x\n", "parse error at (p/templates/t.yaml:2): unclosed action started at p/templates/t.yaml:1", "parse error at (p/templates/t.yaml:2): unclosed action started at p/templates/t.yaml:1"},
    {"{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected {{end}}", "parse error at (p/templates/t.yaml:1): unexpected {{end}}"},
    {"{{ if }}{{ end }}", "parse error at (p/templates/t.yaml:1): missing value for if", "parse error at (p/templates/t.yaml:1): missing value for if"},
    {"{{define \"x\"}}a{{end}}{{define \"x\"}}b{{end}}", "parse error at (p/templates/t.yaml:1): multiple definition of template \"x\"", "parse error at (p/templates/t.yaml:1): multiple definition of template \"x\""},
    {"{{ $x }}", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\"", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\""},
    {"{{ \"abc }}", "parse error at (p/templates/t.yaml:1): unterminated quoted string", "parse error at (p/templates/t.yaml:1): unterminated quoted string"},
    {"{{ 1 | 2 }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ range $a, $b, $c := . }}{{end}}", "parse error at (p/templates/t.yaml:1): too many declarations in range", "parse error at (p/templates/t.yaml:1): too many declarations in range"},
    {"{{ break }}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}"},
    {"{{ continue }}", "parse error at (p/templates/t.yaml:1): {{continue}} outside {{range}}", "parse error at (p/templates/t.yaml:1): {{continue}} outside {{range}}"},
    {"{{ 1e400 }}", "parse error at (p/templates/t.yaml:1): \"1e400\"", "parse error at (p/templates/t.yaml:1): \"1e400\""},
    {"{{ 'ab' }}", "parse error at (p/templates/t.yaml:1): 'ab'", "parse error at (p/templates/t.yaml:1): 'ab'"},
    {"{{ \"\\z\" }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ /* x */ }}", "parse error at (p/templates/t.yaml:1): unexpected \"/\" in command", "parse error at (p/templates/t.yaml:1): unexpected \"/\" in command"},
    {"{{3-}}", "parse error at (p/templates/t.yaml:1): \"3-\"", "parse error at (p/templates/t.yaml:1): \"3-\""},
    {"{{-/* c */-}}", "parse error at (p/templates/t.yaml:1): \"-\"", "parse error at (p/templates/t.yaml:1): \"-\""},
    {"{{ $x+2 }}", "parse error at (p/templates/t.yaml:1): bad character U+002B '+'", "parse error at (p/templates/t.yaml:1): bad character U+002B '+'"},
    {"{{ .a+b }}", "parse error at (p/templates/t.yaml:1): bad character U+002B '+'", "parse error at (p/templates/t.yaml:1): bad character U+002B '+'"},
    {"{{ \303\251 }}", "parse error at (p/templates/t.yaml:1): function \"\303\251\" not defined", "parse error at (p/templates/t.yaml:1): function \"\303\251\" not defined"},
    {"{{ \342\206\222 }}", "parse error at (p/templates/t.yaml:1): U+2192 '\342\206\222'", "parse error at (p/templates/t.yaml:1): U+2192 '\342\206\222'"},
    {"{{ 99999999999999999999 }}", "parse error at (p/templates/t.yaml:1): \"99999999999999999999\"", "parse error at (p/templates/t.yaml:1): \"99999999999999999999\""},
    {"{{ .a} }}", "parse error at (p/templates/t.yaml:1): bad character U+007D '}'", "parse error at (p/templates/t.yaml:1): bad character U+007D '}'"},
    {"{{ 3 }", "parse error at (p/templates/t.yaml:1): unexpected \"}\" in operand", "parse error at (p/templates/t.yaml:1): unexpected \"}\" in operand"},
    {"{{ else }}", "parse error at (p/templates/t.yaml:1): unexpected {{else}}", "parse error at (p/templates/t.yaml:1): unexpected {{else}}"},
    {"{{ if 1 }}x{{ else }}y{{ else }}z{{ end }}", "parse error at (p/templates/t.yaml:1): expected end; found {{else}}", "parse error at (p/templates/t.yaml:1): expected end; found {{else}}"},
    {"{{ if 1 }}", "parse error at (p/templates/t.yaml:1): unexpected EOF", "parse error at (p/templates/t.yaml:1): unexpected EOF"},
    {"{{ define \"a\" }}{{ if 1 }}{{ define \"b\" }}{{ end }}{{ end }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected <define> in command", "parse error at (p/templates/t.yaml:1): unexpected <define> in command"},
    {"{{ (1 }}", "parse error at (p/templates/t.yaml:1): unclosed left paren", "parse error at (p/templates/t.yaml:1): unclosed left paren"},
    {"{{ 1) }}", "parse error at (p/templates/t.yaml:1): unexpected right paren", "parse error at (p/templates/t.yaml:1): unexpected right paren"},
    {"{{ ) }}", "parse error at (p/templates/t.yaml:1): unexpected right paren", "parse error at (p/templates/t.yaml:1): unexpected right paren"},
    {"{{ \"x\".a }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \"\\\"x\\\"\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \"\\\"x\\\"\""},
    {"{{ 1.a }}", "parse error at (p/templates/t.yaml:1): \"1.a\"", "parse error at (p/templates/t.yaml:1): \"1.a\""},
    {"{{ nil.a }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \"nil\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \"nil\""},
    {"{{ true.a }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \"true\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \"true\""},
    {"{{ ..a }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \".\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \".\""},
    {"{{ . }}{{ .a.b.c }}{{ print (.a).b }}", NULL, NULL},
    {"{{/* unclosed", "parse error at (p/templates/t.yaml:1): unclosed comment", "parse error at (p/templates/t.yaml:1): unclosed comment"},
    {"{{/* x */ x }}", "parse error at (p/templates/t.yaml:1): comment ends before closing delimiter", "parse error at (p/templates/t.yaml:1): comment ends before closing delimiter"},
    {"{{ $a, $b := 1 }}", "parse error at (p/templates/t.yaml:1): too many declarations in command", "parse error at (p/templates/t.yaml:1): too many declarations in command"},
    {"{{ range $a, := . }}{{end}}", "parse error at (p/templates/t.yaml:1): range can only initialize variables", "parse error at (p/templates/t.yaml:1): range can only initialize variables"},
    {"{{ with }}{{end}}", "parse error at (p/templates/t.yaml:1): missing value for with", "parse error at (p/templates/t.yaml:1): missing value for with"},
    {"{{ range }}{{end}}", "parse error at (p/templates/t.yaml:1): missing value for range", "parse error at (p/templates/t.yaml:1): missing value for range"},
    {"{{ template }}", "parse error at (p/templates/t.yaml:1): unexpected \"}}\" in template clause", "parse error at (p/templates/t.yaml:1): unexpected \"}}\" in template clause"},
    {"{{ template x }}", "parse error at (p/templates/t.yaml:1): unexpected \"x\" in template clause", "parse error at (p/templates/t.yaml:1): unexpected \"x\" in template clause"},
    {"{{ template \"x\" | }}", "parse error at (p/templates/t.yaml:1): unexpected \"|\" in template clause", "parse error at (p/templates/t.yaml:1): unexpected \"|\" in template clause"},
    {"{{ block \"x\" }}{{end}}", "parse error at (p/templates/t.yaml:1): missing value for block clause", "parse error at (p/templates/t.yaml:1): missing value for block clause"},
    {"{{ define \"x\" }}", "parse error at (p/templates/t.yaml:1): unexpected EOF", "parse error at (p/templates/t.yaml:1): unexpected EOF"},
    {"{{ define x }}{{end}}", "parse error at (p/templates/t.yaml:1): unexpected \"x\" in define clause", "parse error at (p/templates/t.yaml:1): unexpected \"x\" in define clause"},
    {"{{ define \"x\" 1 }}{{end}}", "parse error at (p/templates/t.yaml:1): unexpected \"1\" in define clause", "parse error at (p/templates/t.yaml:1): unexpected \"1\" in define clause"},
    {"{{ `abc", "parse error at (p/templates/t.yaml:1): unterminated raw quoted string", "parse error at (p/templates/t.yaml:1): unterminated raw quoted string"},
    {"{{ 'a", "parse error at (p/templates/t.yaml:1): unterminated character constant", "parse error at (p/templates/t.yaml:1): unterminated character constant"},
    {"{{ x := 1 }}", "parse error at (p/templates/t.yaml:1): function \"x\" not defined", "parse error at (p/templates/t.yaml:1): function \"x\" not defined"},
    {"{{ $x = 1 }}", NULL, NULL},
    {"{{ $x := 1 }}{{ $x = 1 }}{{ $y }}", "parse error at (p/templates/t.yaml:1): undefined variable \"$y\"", "parse error at (p/templates/t.yaml:1): undefined variable \"$y\""},
    {"{{ if $x := 1 }}{{ $x }}{{ else }}{{ $x }}{{ end }}{{ $x }}", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\"", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\""},
    {"{{ 0x1.8 }}", "parse error at (p/templates/t.yaml:1): \"0x1.8\"", "parse error at (p/templates/t.yaml:1): \"0x1.8\""},
    {"{{ 0x }}", "parse error at (p/templates/t.yaml:1): \"0x\"", "parse error at (p/templates/t.yaml:1): \"0x\""},
    {"{{ 1__0 }}", "parse error at (p/templates/t.yaml:1): \"1__0\"", "parse error at (p/templates/t.yaml:1): \"1__0\""},
    {"{{ 1_ }}", "parse error at (p/templates/t.yaml:1): \"1_\"", "parse error at (p/templates/t.yaml:1): \"1_\""},
    {"{{ 08 }}", "parse error at (p/templates/t.yaml:1): \"08\"", "parse error at (p/templates/t.yaml:1): \"08\""},
    {"{{ 0b102 }}", "parse error at (p/templates/t.yaml:1): \"0b102\"", "parse error at (p/templates/t.yaml:1): \"0b102\""},
    {"{{ 1.2.3 }}", "parse error at (p/templates/t.yaml:1): unexpected \".3\" in operand", "parse error at (p/templates/t.yaml:1): unexpected \".3\" in operand"},
    {"{{ 1e }}", "parse error at (p/templates/t.yaml:1): \"1e\"", "parse error at (p/templates/t.yaml:1): \"1e\""},
    {"{{ +-1 }}", "parse error at (p/templates/t.yaml:1): \"+-1\"", "parse error at (p/templates/t.yaml:1): \"+-1\""},
    {"{{ .5.a }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \".5\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \".5\""},
    {"{{ 'a'.b }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \"'a'\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \"'a'\""},
    {"{{ \"a\" \"b\" | 1 }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ print | . }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ print | nil }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ print | true }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ print | \"s\" }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ print | (1) }}", NULL, NULL},
    {"{{ ( ) }}", "parse error at (p/templates/t.yaml:1): missing value for parenthesized pipeline", "parse error at (p/templates/t.yaml:1): missing value for parenthesized pipeline"},
    {"{{ :x }}", "parse error at (p/templates/t.yaml:1): expected :=", "parse error at (p/templates/t.yaml:1): expected :="},
    {"{{ a:=1 }}", "parse error at (p/templates/t.yaml:1): function \"a\" not defined", "parse error at (p/templates/t.yaml:1): function \"a\" not defined"},
    {"{{ | }}", "parse error at (p/templates/t.yaml:1): unexpected \"|\" in command", "parse error at (p/templates/t.yaml:1): unexpected \"|\" in command"},
    {"{{ , }}", "parse error at (p/templates/t.yaml:1): unexpected \",\" in command", "parse error at (p/templates/t.yaml:1): unexpected \",\" in command"},
    {"{{ = }}", "parse error at (p/templates/t.yaml:1): unexpected \"=\" in command", "parse error at (p/templates/t.yaml:1): unexpected \"=\" in command"},
    {"{{ if 1 }}{{ else if }}{{ end }}", "parse error at (p/templates/t.yaml:1): missing value for if", "parse error at (p/templates/t.yaml:1): missing value for if"},
    {"{{ with 1 }}{{ else with 2 }}{{ else }}{{ end }}", NULL, NULL},
    {"{{ range . }}{{ else }}{{ break }}{{ end }}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}"},
    {"{{ range . }}{{ if 1 }}{{ break }}{{ end }}{{ end }}{{ break }}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}"},
    {"{{ range . }}{{ break 1 }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected \"1\" in {{break}}", "parse error at (p/templates/t.yaml:1): unexpected \"1\" in {{break}}"},
    {"{{ 1 }}\n\n{{ if\n\n", "parse error at (p/templates/t.yaml:5): unclosed action started at p/templates/t.yaml:3", "parse error at (p/templates/t.yaml:5): unclosed action started at p/templates/t.yaml:3"},
    {"{{ if 1 }}\n{{ else }}\n{{ else }}\n{{ end }}", "parse error at (p/templates/t.yaml:3): expected end; found {{else}}", "parse error at (p/templates/t.yaml:3): expected end; found {{else}}"},
    {"{{ print \"a\"\n\n\"b\" }}{{ $x }}", "parse error at (p/templates/t.yaml:3): undefined variable \"$x\"", "parse error at (p/templates/t.yaml:3): undefined variable \"$x\""},
    {"{{ print\n(\n1\n}}", "parse error at (p/templates/t.yaml:4): unclosed left paren in action started at p/templates/t.yaml:1", "parse error at (p/templates/t.yaml:4): unclosed left paren in action started at p/templates/t.yaml:1"},
    {"{{ '\\400' }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ '' }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ \"\\400\" }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ \"\\u00e9\\xff\" | quote }}", NULL, NULL},
    {"{{ 1 2 }}", NULL, NULL},
    {"{{ nil }}", NULL, NULL},
    {"{{ .a | .b 1 }}", NULL, NULL},
    {"{{ $ }}{{ $.a }}{{ $a := 1 }}{{ $a.b }}", NULL, NULL},
    {"{{ 2+3i }} {{ 1i }} {{ 0x1p4 }}", NULL, NULL},
    {"{{ 1+2 }}", "parse error at (p/templates/t.yaml:1): \"1+2\"", "parse error at (p/templates/t.yaml:1): \"1+2\""},
    {"{{ 1+i }}", "parse error at (p/templates/t.yaml:1): syntax error scanning complex number", "parse error at (p/templates/t.yaml:1): syntax error scanning complex number"},
    {"{{ -0.0 }}", NULL, NULL},
    {"{{ 1e+ }}", "parse error at (p/templates/t.yaml:1): \"1e+\"", "parse error at (p/templates/t.yaml:1): \"1e+\""},
    {"{{ 0o8 }}", "parse error at (p/templates/t.yaml:1): \"0o8\"", "parse error at (p/templates/t.yaml:1): \"0o8\""},
    {"{{ 0x_1 }}", NULL, NULL},
    {"{{ \"x\" | printf \"%s\" 1 | len }}", NULL, NULL},
    {"{{ define \"a\" }} {{ end }}{{ define \"a\" }}x{{ end }}", NULL, NULL},
    {"{{ define \"a\" }}x{{ end }}{{ define \"a\" }} {{ end }}", NULL, NULL},
    {"{{ define \"a\" }}x{{ end }}{{ define \"a\" }}{{/* c */}}{{ end }}", NULL, NULL},
    {"{{ block \"a\" . }}x{{ end }}{{ define \"a\" }}y{{ end }}", "parse error at (p/templates/t.yaml:1): multiple definition of template \"a\"", "parse error at (p/templates/t.yaml:1): multiple definition of template \"a\""},
    {"{{ block \"a\" . }}x{{ else }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected {{else}} in block clause", "parse error at (p/templates/t.yaml:1): unexpected {{else}} in block clause"},
    {"{{ define \"a\" }}x{{ else }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected {{else}} in define clause", "parse error at (p/templates/t.yaml:1): unexpected {{else}} in define clause"},
    {"{{ if 1 }}{{ define \"b\" }}{{ end }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected <define> in command", "parse error at (p/templates/t.yaml:1): unexpected <define> in command"},
    {"{{ 1 }}{{ end }}{{ 2 }}", "parse error at (p/templates/t.yaml:1): unexpected {{end}}", "parse error at (p/templates/t.yaml:1): unexpected {{end}}"},
    {"{{ .a .b }}{{ if }}", "parse error at (p/templates/t.yaml:1): missing value for if", "parse error at (p/templates/t.yaml:1): missing value for if"},
    {"a\n{{/* x\ny\nz */}}\n{{ foo }}", "parse error at (p/templates/t.yaml:5): function \"foo\" not defined", "parse error at (p/templates/t.yaml:3): function \"foo\" not defined"},
    {"a\n{{- /* x\ny\nz */ -}}\n\n{{ foo }}", "parse error at (p/templates/t.yaml:6): function \"foo\" not defined", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined"},
    {"{{ `a\nb\nc` }}\n{{ foo }}", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined"},
    {"{{ \"a\" |\nprint\n|\nfoo }}", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined"},
    {"{{ define \"a\" }}\n\n{{ if }}\n{{ end }}", "parse error at (p/templates/t.yaml:3): missing value for if", "parse error at (p/templates/t.yaml:3): missing value for if"},
    {"{{ define \"a\" }}\nx\n{{ end }}\n{{ define \"a\" }}\ny\n{{ end }}\n", "parse error at (p/templates/t.yaml:6): multiple definition of template \"a\"", "parse error at (p/templates/t.yaml:6): multiple definition of template \"a\""},
    {"{{ block \"a\" . }}\n\n{{ else }}\n{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected {{else}} in block clause", "parse error at (p/templates/t.yaml:1): unexpected {{else}} in block clause"},
    {"{{ define \"a\" }}\n\n{{ else }}\n{{ end }}", "parse error at (p/templates/t.yaml:3): unexpected {{else}} in define clause", "parse error at (p/templates/t.yaml:3): unexpected {{else}} in define clause"},
    {"{{ if 1 }}\n\n\n", "parse error at (p/templates/t.yaml:4): unexpected EOF", "parse error at (p/templates/t.yaml:4): unexpected EOF"},
    {"{{ if 1 }}\n{{ range . }}\n{{ end }}\n", "parse error at (p/templates/t.yaml:4): unexpected EOF", "parse error at (p/templates/t.yaml:4): unexpected EOF"},
    {"{{ 1 }}\n{{ 2 }}\n{{ 3\n+ 4 }}", "parse error at (p/templates/t.yaml:4): \"+\"", "parse error at (p/templates/t.yaml:4): \"+\""},
    {"{{ 1 }}\n{{ \"abc\n\" }}", "parse error at (p/templates/t.yaml:2): unterminated quoted string", "parse error at (p/templates/t.yaml:2): unterminated quoted string"},
    {"{{ 1 }}\n{{ print\n\n\"a\n\" }}", "parse error at (p/templates/t.yaml:4): unterminated quoted string in action started at p/templates/t.yaml:2", "parse error at (p/templates/t.yaml:4): unterminated quoted string in action started at p/templates/t.yaml:2"},
    {"{{ 1 }}\n{{\n\n'a\n' }}", "parse error at (p/templates/t.yaml:4): unterminated character constant in action started at p/templates/t.yaml:2", "parse error at (p/templates/t.yaml:4): unterminated character constant in action started at p/templates/t.yaml:2"},
    {"{{ 1 }}\n{{\n\n`a\n", "parse error at (p/templates/t.yaml:4): unterminated raw quoted string in action started at p/templates/t.yaml:2", "parse error at (p/templates/t.yaml:4): unterminated raw quoted string in action started at p/templates/t.yaml:2"},
    {"x\n{{\n\n/* c */}}", "parse error at (p/templates/t.yaml:4): unexpected \"/\" in command", "parse error at (p/templates/t.yaml:4): unexpected \"/\" in command"},
    {"x\n{{ 1 -}}\n\n\n{{ foo }}", "parse error at (p/templates/t.yaml:5): function \"foo\" not defined", "parse error at (p/templates/t.yaml:5): function \"foo\" not defined"},
    {"x\n{{ 1\n-}}\n\n\n{{ foo }}", "parse error at (p/templates/t.yaml:6): function \"foo\" not defined", "parse error at (p/templates/t.yaml:6): function \"foo\" not defined"},
    {"x\n\n\n{{- foo }}", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined"},
    {"{{ $x := 1 }}\n{{ $x.y := 2 }}", "parse error at (p/templates/t.yaml:2): unexpected \":=\" in operand", "parse error at (p/templates/t.yaml:2): unexpected \":=\" in operand"},
    {"{{ range $i, $v :=\n. }}{{ end }}{{ $i }}", "parse error at (p/templates/t.yaml:2): undefined variable \"$i\"", "parse error at (p/templates/t.yaml:2): undefined variable \"$i\""},
    {"{{ if 1 }}{{ else if 2 }}{{ else if }}{{ end }}", "parse error at (p/templates/t.yaml:1): missing value for if", "parse error at (p/templates/t.yaml:1): missing value for if"},
    {"{{ with $x := 1 }}{{ $x }}{{ else with $y := 2 }}{{ $x }}{{ $y }}{{ end }}", NULL, NULL},
    {"{{ with $x := 1 }}{{ else with $y := 2 }}{{ end }}{{ $y }}", "parse error at (p/templates/t.yaml:1): undefined variable \"$y\"", "parse error at (p/templates/t.yaml:1): undefined variable \"$y\""},
    {"{{ template \"a\" }}{{ template `b` . }}{{ template \"c\" | print }}", "parse error at (p/templates/t.yaml:1): unexpected \"|\" in template clause", "parse error at (p/templates/t.yaml:1): unexpected \"|\" in template clause"},
    {"{{ template \"a\\z\" }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ define `a` }}x{{ end }}{{ define \"a\\x41\" }}y{{ end }}", NULL, NULL},
    {"{{ define \"a\" }}{{ define \"b\" }}{{ end }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected <define> in command", "parse error at (p/templates/t.yaml:1): unexpected <define> in command"},
    {"{{ .a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee.ff.gg.hh }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ print 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 }}{{ if }}", "parse error at (p/templates/t.yaml:1): missing value for if", "parse error at (p/templates/t.yaml:1): missing value for if"},
    {"{{ \"x\" }}{{ break }}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}"},
    {"{{ range . }}{{ define \"x\" }}{{ end }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected <define> in command", "parse error at (p/templates/t.yaml:1): unexpected <define> in command"},
    {"{{ range . }}{{ block \"x\" . }}{{ break }}{{ end }}{{ end }}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}", "parse error at (p/templates/t.yaml:1): {{break}} outside {{range}}"},
    {"{{ range . }}{{ template \"x\" }}{{ break }}{{ end }}", NULL, NULL},
    {"{{ range . }}{{ continue 1 }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected \"1\" in {{continue}}", "parse error at (p/templates/t.yaml:1): unexpected \"1\" in {{continue}}"},
    {"{{ $ := 1 }}", NULL, NULL},
    {"{{ $.x := 1 }}", "parse error at (p/templates/t.yaml:1): unexpected \":=\" in operand", "parse error at (p/templates/t.yaml:1): unexpected \":=\" in operand"},
    {"{{ $x := 1 := 2 }}", "parse error at (p/templates/t.yaml:1): unexpected \":=\" in operand", "parse error at (p/templates/t.yaml:1): unexpected \":=\" in operand"},
    {"{{ $x = = 2 }}", "parse error at (p/templates/t.yaml:1): unexpected \"=\" in command", "parse error at (p/templates/t.yaml:1): unexpected \"=\" in command"},
    {"{{ $x := }}", "parse error at (p/templates/t.yaml:1): missing value for command", "parse error at (p/templates/t.yaml:1): missing value for command"},
    {"{{ $x, $y := 1 }}", "parse error at (p/templates/t.yaml:1): too many declarations in command", "parse error at (p/templates/t.yaml:1): too many declarations in command"},
    {"{{ range $x, $y, }}{{ end }}", "parse error at (p/templates/t.yaml:1): too many declarations in range", "parse error at (p/templates/t.yaml:1): too many declarations in range"},
    {"{{ range $x, }}{{ end }}", "parse error at (p/templates/t.yaml:1): missing value for range", "parse error at (p/templates/t.yaml:1): missing value for range"},
    {"{{ range $x }}{{ end }}", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\"", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\""},
    {"{{ (1 | 2) }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ (print 1).a.b }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ (\"x\").a }}", NULL, NULL},
    {"{{ (1).a }}", NULL, NULL},
    {"{{ $x := 1 }}{{ ($x).a }}", NULL, NULL},
    {"{{ .a.b.c | print }}{{ $.a.b }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ .a | .b | $ | (.c) | print }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ print -.5 +.5 .5e1 5. 0x.8p1 }}", NULL, NULL},
    {"{{ 0x.p1 }}", "parse error at (p/templates/t.yaml:1): \"0x.p1\"", "parse error at (p/templates/t.yaml:1): \"0x.p1\""},
    {"{{ 1.e5 }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ 0755 }}{{ 0b }}", "parse error at (p/templates/t.yaml:1): \"0b\"", "parse error at (p/templates/t.yaml:1): \"0b\""},
    {"{{ 0_7 }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ 0x_ }}", "parse error at (p/templates/t.yaml:1): \"0x_\"", "parse error at (p/templates/t.yaml:1): \"0x_\""},
    {"{{ 1e1_0 }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ 1_e1 }}", "parse error at (p/templates/t.yaml:1): \"1_e1\"", "parse error at (p/templates/t.yaml:1): \"1_e1\""},
    {"{{ '\\'' }}{{ '\"' }}{{ '\\\"' }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ \"\\'\" }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ \"\\x41\\101\\u0041\\U00000041\" }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ \"\\uD800\" }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ \"\\U00110000\" }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ \"\\8\" }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ 'ab }}", "parse error at (p/templates/t.yaml:1): unterminated character constant", "parse error at (p/templates/t.yaml:1): unterminated character constant"},
    {"{{ '\\x4' }}", "parse error at (p/templates/t.yaml:1): invalid syntax", "parse error at (p/templates/t.yaml:1): invalid syntax"},
    {"{{ 1+2i+3i }}", "parse error at (p/templates/t.yaml:1): unexpected \"+3i\" in operand", "parse error at (p/templates/t.yaml:1): unexpected \"+3i\" in operand"},
    {"{{ 1e+2-3e-2i }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ 0x1p1+2i }}{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{ 1+0x1p1i }}", NULL, NULL},
    {"{{ +i }}", "parse error at (p/templates/t.yaml:1): \"+i\"", "parse error at (p/templates/t.yaml:1): \"+i\""},
    {"{{ nil.x }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \"nil\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \"nil\""},
    {"{{ .x.y.z }} {{ $.x.y }} {{ (.x).y }}", NULL, NULL},
    {"{{ if .x }}{{ end }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected {{end}}", "parse error at (p/templates/t.yaml:1): unexpected {{end}}"},
    {"{{ define \"x\" }}", "parse error at (p/templates/t.yaml:1): unexpected EOF", "parse error at (p/templates/t.yaml:1): unexpected EOF"},
    {"{{ define \"x\" }}{{ end }}{{ define \"x\" }}{{ end }}x{{ foo }}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{- 1 -}}{{- foo -}}", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined", "parse error at (p/templates/t.yaml:1): function \"foo\" not defined"},
    {"{{- }}", "parse error at (p/templates/t.yaml:1): missing value for command", "parse error at (p/templates/t.yaml:1): missing value for command"},
    {"{{ -}}", "parse error at (p/templates/t.yaml:1): missing value for command", "parse error at (p/templates/t.yaml:1): missing value for command"},
    {"{{-}}", "parse error at (p/templates/t.yaml:1): \"-\"", "parse error at (p/templates/t.yaml:1): \"-\""},
    {"{{- -}}", "parse error at (p/templates/t.yaml:1): \"-\"", "parse error at (p/templates/t.yaml:1): \"-\""},
    {"{{ 1 -}}}", NULL, NULL},
    {"{{ 1 - }}", "parse error at (p/templates/t.yaml:1): \"-\"", "parse error at (p/templates/t.yaml:1): \"-\""},
    {"{{ 1 -}x", "parse error at (p/templates/t.yaml:1): \"-\"", "parse error at (p/templates/t.yaml:1): \"-\""},
    {"{{ .x- }}", "parse error at (p/templates/t.yaml:1): bad character U+002D '-'", "parse error at (p/templates/t.yaml:1): bad character U+002D '-'"},
    {"{{ $x-- }}", "parse error at (p/templates/t.yaml:1): bad character U+002D '-'", "parse error at (p/templates/t.yaml:1): bad character U+002D '-'"},    /* the lexer's fast pass (spaces, words, fields, variables, digit runs)
     * and what it leaves to the state machine: trim markers, numbers that
     * go on, non-ASCII names, bad characters; line counts */
    {"{{ .a -}}\n x", NULL, NULL},
    {"{{ .a\t-}}", NULL, NULL},
    {"{{ .a\n-}}", NULL, NULL},
    {"{{ 3 -2 }}", NULL, NULL},
    {"{{ 12abc }}", "parse error at (p/templates/t.yaml:1): \"12a\"", "parse error at (p/templates/t.yaml:1): \"12a\""},
    {"{{ 1_000 }}{{ 0x1F }}{{ 1.5 }}{{ 2i }}{{ 1+2i }}{{ 07 }}", NULL, NULL},
    {"{{ 1.5.a }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \"1.5\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \"1.5\""},
    {"{{ 1x }}", "parse error at (p/templates/t.yaml:1): \"1x\"", "parse error at (p/templates/t.yaml:1): \"1x\""},
    {"{{ .a. }}", "parse error at (p/templates/t.yaml:1): unexpected <.> in operand", "parse error at (p/templates/t.yaml:1): unexpected <.> in operand"},
    {"{{ .a.b.c|len }}", NULL, NULL},
    {"{{ .a\303\251 }}", NULL, NULL},
    {"{{ $\303\251 }}", "parse error at (p/templates/t.yaml:1): undefined variable \"$\303\251\"", "parse error at (p/templates/t.yaml:1): undefined variable \"$\303\251\""},
    {"{{ $x := 1 }}{{ $x.a.b }}", NULL, NULL},
    {"{{ $x.a }}", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\"", "parse error at (p/templates/t.yaml:1): undefined variable \"$x\""},
    {"a\n{{ .x\n\n | foo }}", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined", "parse error at (p/templates/t.yaml:4): function \"foo\" not defined"},
    {"{{- /* a\nb */ -}}\n{{ foo }}", "parse error at (p/templates/t.yaml:3): function \"foo\" not defined", "parse error at (p/templates/t.yaml:2): function \"foo\" not defined"},
    {"{{ .x }}}", NULL, NULL},
    {"{{ .a$ }}", "parse error at (p/templates/t.yaml:1): bad character U+0024 '$'", "parse error at (p/templates/t.yaml:1): bad character U+0024 '$'"},
    {"{{ $ }}{{ $.a }}", NULL, NULL},
    {"{{ 1| 2 }}", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2", "parse error at (p/templates/t.yaml:1): non executable command in pipeline stage 2"},
    {"{{ if 1 }}{{ else if 2 }}{{ else with 3 }}{{ end }}", "parse error at (p/templates/t.yaml:1): unexpected <with> in input", "parse error at (p/templates/t.yaml:1): unexpected <with> in input"},
    {"{{ .a.b\n.c }}", NULL, NULL},
    {"{{ print .a.b \"x\".y }}", "parse error at (p/templates/t.yaml:1): unexpected . after term \"\\\"x\\\"\"", "parse error at (p/templates/t.yaml:1): unexpected . after term \"\\\"x\\\"\""},
    {"{{ (.a).b.c }}", NULL, NULL},
    {"{{ 5}}", NULL, NULL},
    {"{{ 5-}}", "parse error at (p/templates/t.yaml:1): \"5-\"", "parse error at (p/templates/t.yaml:1): \"5-\""},
    {"{{.a}}{{-.b-}}", "parse error at (p/templates/t.yaml:1): \"-.b\"", "parse error at (p/templates/t.yaml:1): \"-.b\""},
    {"{{ true1 }}", "parse error at (p/templates/t.yaml:1): function \"true1\" not defined", "parse error at (p/templates/t.yaml:1): function \"true1\" not defined"},
    {"{{ end1 }}", "parse error at (p/templates/t.yaml:1): function \"end1\" not defined", "parse error at (p/templates/t.yaml:1): function \"end1\" not defined"},
    {"{{ breaks }}", "parse error at (p/templates/t.yaml:1): function \"breaks\" not defined", "parse error at (p/templates/t.yaml:1): function \"breaks\" not defined"},
};

static void check_helm_cases(int major)
{
    int saved = cc_helm_major;
    cc_helm_major = major;
    for (size_t i = 0; i < sizeof helm_cases / sizeof helm_cases[0]; i++) {
        TSet *ts = tset_new();
        const char *t = helm_cases[i].tmpl;
        const char *err = tmpl_parse(ts, FILE_NAME, t, strlen(t));
        const char *got = err ? helm_parse_error(err) : NULL;
        const char *want = major == 3 ? helm_cases[i].helm3 : helm_cases[i].helm4;
        if (!want && !got) continue;
        if (!want || !got || strcmp(want, got) != 0) {
            fprintf(stderr, "  v%d case %zu [%s]\n    got:  %s\n    want: %s\n", major, i + 1, t,
                    got ? got : "(parsed)", want ? want : "(parsed)");
            cur_failed_ = 1;
        }
    }
    cc_helm_major = saved;
}

TEST(helm4_parse_errors) { check_helm_cases(4); }
TEST(helm3_parse_errors) { check_helm_cases(3); }

static const char *perr(const char *t)
{
    return tmpl_parse(tset_new(), FILE_NAME, t, strlen(t));
}

/* Go's full error texts (what Helm cuts down); the message shapes are
 * parse.go's, the lines those Helm reported. */
TEST(go_error_text)
{
    CHECK_STR(perr("a: {{ .Values.x\n"),
              "template: p/templates/t.yaml:2: unclosed action started at p/templates/t.yaml:1");
    CHECK_STR(perr("{{ 1 | 2 }}"), "template: p/templates/t.yaml:1: non executable command in pipeline stage 2");
    CHECK_STR(perr("{{define \"x\"}}a{{end}}{{define \"x\"}}b{{end}}"),
              "template: p/templates/t.yaml:1: template: multiple definition of template \"x\"");
    CHECK_STR(perr("{{ 1e400 }}"), "template: p/templates/t.yaml:1: illegal number syntax: \"1e400\"");
    CHECK_STR(perr("{{ 'ab' }}"), "template: p/templates/t.yaml:1: malformed character constant: 'ab'");
    CHECK_STR(perr("{{ \xe2\x86\x92 }}"),
              "template: p/templates/t.yaml:1: unrecognized character in action: U+2192 '\xe2\x86\x92'");
    CHECK_STR(perr("{{ print\n(\n1\n}}"),
              "template: p/templates/t.yaml:4: unclosed left paren in action started at p/templates/t.yaml:1");
    CHECK_STR(perr("{{ 99999999999999999999 }}"),
              "template: p/templates/t.yaml:1: integer overflow: \"99999999999999999999\"");
    CHECK_STR(perr("{{ \"a very long string\" \"b\" | 1 }}"),
              "template: p/templates/t.yaml:1: non executable command in pipeline stage 2");
    CHECK_STR(perr("{{ \"a very long string\" ) }}"),
              "template: p/templates/t.yaml:1: unexpected right paren");
    CHECK_STR(perr("{{ 1\"a very long string\" }}"),
              "template: p/templates/t.yaml:1: unexpected \"\\\"a very lo\"... in operand");
    CHECK_STR(perr("{{ 1\"\xc3\xa9\xe2\x86\x92\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86"
                   "\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88\" }}"),
              "template: p/templates/t.yaml:1: unexpected \"\\\"\xc3\xa9\xe2\x86\x92\xe6\x97\xa5\xe6\x9c\xac"
              "\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\"... in operand");
}

/* format the pipeline of the first action of the file */
static const char *first_pipe(const char *t)
{
    TSet *ts = tset_new();
    const char *err = tmpl_parse(ts, FILE_NAME, t, strlen(t));
    if (err) return err;
    Tree *tr = tset_lookup(ts, FILE_NAME);
    for (int i = 0; i < tr->root->u.list.n; i++) {
        Node *n = tr->root->u.list.items[i];
        if (n->type != N_ACTION) continue;
        Buf b = {0};
        node_format(&b, n->u.action.pipe);
        char *s = buf_arena(&b);
        buf_free(&b);
        return s;
    }
    return "(no action)";
}

TEST(node_format_roundtrip)
{
    CHECK_STR(first_pipe("{{ .Values.x.y }}"), ".Values.x.y");
    CHECK_STR(first_pipe("{{include  \"d\"   3}}"), "include \"d\" 3");
    CHECK_STR(first_pipe("{{ (dict \"x\" 1).x }}"), "(dict \"x\" 1).x");
    CHECK_STR(first_pipe("{{ $x := 1 }}{{ $x.a }}"), "$x := 1");
    CHECK_STR(first_pipe("{{ `raw` | quote | upper }}"), "`raw` | quote | upper");
    CHECK_STR(first_pipe("{{ 0x1F }}"), "0x1F");
    CHECK_STR(first_pipe("{{ 'a' }}"), "'a'");
    CHECK_STR(first_pipe("{{ \"a\\tb\" }}"), "\"a\\tb\"");
    CHECK_STR(first_pipe("{{ $x := 1 }}"), "$x := 1");
    CHECK_STR(first_pipe("{{ $x := 1 }}{{ $x = 2 }}"), "$x := 1");
    CHECK_STR(first_pipe("{{ $ }}"), "$");
    CHECK_STR(first_pipe("{{ . }}"), ".");
    CHECK_STR(first_pipe("{{ nil | print }}"), "nil | print");
    CHECK_STR(first_pipe("{{ true }}"), "true");
    CHECK_STR(first_pipe("{{ len ( $x := 5 | add 1 ).a.b }}"), "len ($x := 5 | add 1).a.b");
    CHECK_STR(first_pipe("{{ $x := 1 }}{{ len ($x = 5) }}"), "$x := 1");

    TSet *ts = tset_new();
    const char *t = "{{ $x := 1 }}{{ len ($x = 5) }}{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}"
                    "{{ range $i, $v := .l }}{{ break }}{{ continue }}{{ end }}{{ template \"n\" . }}"
                    "{{ block \"bl\" .x }}body{{ end }}{{ with .w }}{{ else with .v }}{{ end }}";
    CHECK(tmpl_parse(ts, FILE_NAME, t, strlen(t)) == NULL);
    Buf b = {0};
    node_format(&b, tset_lookup(ts, FILE_NAME)->root);
    CHECK_STR(buf_cstr(&b),
              "{{$x := 1}}{{len ($x = 5)}}{{if .a}}A{{else}}{{if .b}}B{{else}}C{{end}}{{end}}"
              "{{range $i, $v := .l}}{{break}}{{continue}}{{end}}{{template \"n\" .}}"
              "{{template \"bl\" .x}}{{with .w}}{{else}}{{with .v}}{{end}}{{end}}");
    buf_free(&b);
    node_format(&b, tset_lookup(ts, "bl")->root);
    CHECK_STR(buf_cstr(&b), "body");
    buf_free(&b);
}

static Node *first_cmd_arg(Tree *tr, int action_index, int arg)
{
    int k = 0;
    for (int i = 0; i < tr->root->u.list.n; i++) {
        Node *n = tr->root->u.list.items[i];
        if (n->type != N_ACTION) continue;
        if (k++ == action_index) return n->u.action.pipe->u.pipe.cmds[0]->u.cmd.args[arg];
    }
    return NULL;
}

/* positions as Helm reported them in execution errors (file:line:col) */
TEST(positions)
{
    TSet *ts = tset_new();
    const char *t = "a: {{ .Values.x.y.z }}\n{{ $x := 1 }}\nb: {{   $x.a }}\n{{ . }}{{ .a.b.c }}";
    CHECK(tmpl_parse(ts, FILE_NAME, t, strlen(t)) == NULL);
    Tree *tr = tset_lookup(ts, FILE_NAME);
    int line, col;
    CHECK_STR(node_location(tr, first_cmd_arg(tr, 0, 0), &line, &col), "p/templates/t.yaml:1:13");
    CHECK_INT(line, 1);
    CHECK_INT(col, 13);
    CHECK_STR(node_location(tr, first_cmd_arg(tr, 2, 0), NULL, NULL), "p/templates/t.yaml:3:10");
    CHECK_STR(node_location(tr, first_cmd_arg(tr, 4, 0), NULL, NULL), "p/templates/t.yaml:4:12");

    /* nodes in a define point into the file */
    ts = tset_new();
    t = "x\n{{- define \"d\" }}\n  {{ .a }}{{ end }}";
    CHECK(tmpl_parse(ts, FILE_NAME, t, strlen(t)) == NULL);
    Tree *d = tset_lookup(ts, "d");
    CHECK(d != NULL);
    CHECK_STR(d->parse_name, FILE_NAME);
    Node *act = d->root->u.list.items[1];
    CHECK_INT(act->type, N_ACTION);
    CHECK_STR(node_location(d, act->u.action.pipe->u.pipe.cmds[0]->u.cmd.args[0], NULL, NULL),
              "p/templates/t.yaml:3:5");
}

static Node *num(const char *t)
{
    TSet *ts = tset_new();
    if (tmpl_parse(ts, FILE_NAME, t, strlen(t))) return NULL;
    return first_cmd_arg(tset_lookup(ts, FILE_NAME), 0, 0);
}

TEST(numbers)
{
    Node *n;
    n = num("{{ 0x10 }}"); CHECK(n && n->u.num.is_int && n->u.num.i == 16 && n->u.num.is_float);
    n = num("{{ 0o17 }}"); CHECK(n && n->u.num.is_int && n->u.num.i == 15);
    n = num("{{ 017 }}"); CHECK(n && n->u.num.is_int && n->u.num.i == 15);
    n = num("{{ 0b101 }}"); CHECK(n && n->u.num.is_int && n->u.num.i == 5);
    n = num("{{ 1_000 }}"); CHECK(n && n->u.num.is_int && n->u.num.i == 1000);
    n = num("{{ 1.0 }}"); CHECK(n && n->u.num.is_float && n->u.num.f == 1.0 && n->u.num.is_int);
    n = num("{{ 0x1.8p1 }}"); CHECK(n && n->u.num.is_float && n->u.num.f == 3.0);
    n = num("{{ 1_0.0_1 }}"); CHECK(n && n->u.num.is_float && n->u.num.f == 10.01);
    n = num("{{ -0.0 }}"); CHECK(n && n->u.num.is_float && n->u.num.f == 0 && n->u.num.is_uint);
    n = num("{{ 1i }}"); CHECK(n && n->u.num.is_complex && !n->u.num.is_float && n->u.num.imag == 1);
    n = num("{{ 2+3i }}"); CHECK(n && n->u.num.is_complex && n->u.num.f == 2 && n->u.num.imag == 3);
    n = num("{{ 0i }}"); CHECK(n && n->u.num.is_complex && n->u.num.is_float && n->u.num.is_int);
    n = num("{{ 'a' }}"); CHECK(n && n->u.num.is_int && n->u.num.i == 97 && n->u.num.is_float);
    n = num("{{ '\\u00e9' }}"); CHECK(n && n->u.num.i == 0xe9);
    n = num("{{ '\\n' }}"); CHECK(n && n->u.num.i == 10);
    n = num("{{ 9223372036854775808 }}");
    CHECK(n && !n->u.num.is_int && n->u.num.is_uint && n->u.num.is_float);
    n = num("{{ -9223372036854775808 }}"); CHECK(n && n->u.num.is_int && n->u.num.i == INT64_MIN);
    n = num("{{ 1e5 }}"); CHECK(n && n->u.num.is_float && n->u.num.is_int && n->u.num.i == 100000);
    n = num("{{ 1.5 }}"); CHECK(n && n->u.num.is_float && !n->u.num.is_int);
    n = num("{{ -1 }}"); CHECK(n && n->u.num.is_int && !n->u.num.is_uint && n->u.num.i == -1);
    n = num("{{-3}}"); CHECK(n && n->u.num.is_int && n->u.num.i == -3);
}

static const char *texts(const char *t)
{
    TSet *ts = tset_new();
    const char *err = tmpl_parse(ts, FILE_NAME, t, strlen(t));
    if (err) return err;
    Buf b = {0};
    Node *root = tset_lookup(ts, FILE_NAME)->root;
    for (int i = 0; i < root->u.list.n; i++) {
        Node *n = root->u.list.items[i];
        if (n->type == N_TEXT) buf_put(&b, n->u.text.s, n->u.text.n);
        else buf_putc(&b, '#');
    }
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

TEST(trim_and_comments)
{
    CHECK_STR(texts("a  \n {{- 1 -}} \n\tb"), "a#b");
    CHECK_STR(texts("a {{-3}} b"), "a # b");
    CHECK_STR(texts("a \n{{- /* c */ -}}\n b"), "ab");
    CHECK_STR(texts("a {{/* c\n */}} b"), "a  b");
    CHECK_STR(texts("a {{- /* c */}} b"), "a b");
    CHECK_STR(texts("a {{ 1\n-}}\n b"), "a #b");
    CHECK_STR(texts("a {{\t1\t-}}\v b"), "a #\v b");
    CHECK_STR(texts("{{ 1 }}\n{{ \"a\" }}"), "#\n#");
    CHECK_STR(texts("x {{- if 1 }} y {{- end }}"), "x#");
}

TEST(template_set)
{
    TSet *ts = tset_new();
    const char *a = "{{ define \"d\" }}A{{ end }}{{ define \"e\" }} {{ end }}";
    const char *b = "{{ define \"d\" }} {{/* c */}} {{ end }}{{ define \"e\" }}E{{ end }}";
    CHECK(tmpl_parse(ts, "c/templates/_a.tpl", a, strlen(a)) == NULL);
    CHECK(tmpl_parse(ts, "c/templates/_b.tpl", b, strlen(b)) == NULL);
    Buf buf = {0};
    node_format(&buf, tset_lookup(ts, "d")->root);
    CHECK_STR(buf_cstr(&buf), "A");              /* empty redefinition does not replace */
    buf.len = 0;
    node_format(&buf, tset_lookup(ts, "e")->root);
    CHECK_STR(buf_cstr(&buf), "E");              /* later non-empty one wins */
    buf_free(&buf);
    CHECK(tset_lookup(ts, "c/templates/_a.tpl") != NULL);
    CHECK(tset_lookup(ts, "nope") == NULL);

    TSet *c = tset_clone(ts);
    const char *t = "{{ define \"local\" }}L{{ end }}";
    CHECK(tmpl_parse(c, "tpl", t, strlen(t)) == NULL);
    CHECK(tset_lookup(c, "local") != NULL);
    CHECK(tset_lookup(ts, "local") == NULL);
    CHECK(tset_lookup(c, "d") == tset_lookup(ts, "d"));

    /* a file's own tree always replaces (Helm: {{ tpl "{{ tpl \"\" . }}x" . }} prints x) */
    TSet *g = tset_new();
    t = "{{ tpl \"\" . }}x";
    CHECK(tmpl_parse(g, "gotpl", t, strlen(t)) == NULL);
    TSet *g2 = tset_clone(g);
    CHECK(tmpl_parse(g2, "gotpl", "", 0) == NULL);
    CHECK_INT(tset_lookup(g2, "gotpl")->root->u.list.n, 0);
    CHECK_INT(tset_lookup(g, "gotpl")->root->u.list.n, 2);

    /* a failed parse adds nothing */
    t = "{{ define \"z\" }}Z{{ end }}{{ end }}";
    CHECK(tmpl_parse(ts, "bad", t, strlen(t)) != NULL);
    CHECK(tset_lookup(ts, "z") == NULL);

    /* many names: the table grows */
    for (int i = 0; i < 500; i++) {
        char name[32], src[64];
        snprintf(name, sizeof name, "f%d", i);
        snprintf(src, sizeof src, "{{ define \"n%d\" }}%d{{ end }}", i, i);
        CHECK(tmpl_parse(ts, name, src, strlen(src)) == NULL);
    }
    CHECK(tset_lookup(ts, "n499") != NULL && tset_lookup(ts, "f0") != NULL);
}

TEST(scoping)
{
    CHECK(perr("{{ if $x := 1 }}{{ $x }}{{ else }}{{ $x }}{{ end }}") == NULL);
    CHECK(perr("{{ range $i, $v := . }}{{ $i }}{{ $v }}{{ end }}") == NULL);
    CHECK_STR(perr("{{ range $i, $v := . }}{{ end }}{{ $v }}"),
              "template: p/templates/t.yaml:1: undefined variable \"$v\"");
    CHECK(perr("{{ $x := 1 }}{{ if 1 }}{{ $x = 2 }}{{ end }}{{ $x }}") == NULL);
    CHECK(perr("{{ define \"a\" }}{{ $ }}{{ end }}") == NULL);
    CHECK_STR(perr("{{ $x := 1 }}{{ define \"a\" }}{{ $x }}{{ end }}"),
              "template: p/templates/t.yaml:1: undefined variable \"$x\"");
    CHECK(perr("{{ range . }}{{ if 1 }}{{ break }}{{ else }}{{ continue }}{{ end }}{{ end }}") == NULL);
}

/* Nodes keep names and texts in the source they were parsed from, each
 * field name with its length and map_hash (tmpl.h, NodeId). */
TEST(node_layout)
{
    Buf b = {0};
    buf_puts(&b, "x{{ .f0");
    for (int i = 1; i < 20; i++) buf_printf(&b, ".f%d", i);   /* more than new_ids keeps locally */
    buf_puts(&b, " }}{{ $v := 1 }}{{ $v.a.bc }}{{ (dict).a.bc }}{{ \"plain\" }}{{ \"a\\tb\" }}{{ `r\rw` }}y");
    const char *text = buf_cstr(&b);
    TSet *ts = tset_new();
    CHECK(tmpl_parse_shared(ts, FILE_NAME, text, b.len) == NULL);
    Tree *tr = tset_lookup(ts, FILE_NAME);
    CHECK(tr && tr->src == text);
    Node *t0 = tr->root->u.list.items[0];
    CHECK(t0->type == N_TEXT && t0->u.text.s == text && t0->u.text.n == 1);

    Node *f = first_cmd_arg(tr, 0, 0);
    CHECK(f->type == N_FIELD && f->u.field.n == 20 && f->u.field.s == text + 5);
    const char *s = f->u.field.s;
    for (int i = 0; i < f->u.field.n; i++) {
        const char *want = cc_printf("f%d", i);
        CHECK(f->u.field.ids[i].len == strlen(want) && memcmp(s, want, strlen(want)) == 0);
        CHECK(f->u.field.ids[i].hash == map_hash(want, strlen(want)));
        s += f->u.field.ids[i].len + 1;
    }
    Buf fb = {0};
    node_format(&fb, f);
    CHECK(fb.len > 4 && memcmp(fb.p, ".f0.f1.f2", 9) == 0 && memcmp(fb.p + fb.len - 4, ".f19", 4) == 0);
    buf_free(&fb);

    Node *v = first_cmd_arg(tr, 2, 0);   /* $v.a.bc: at its first field, as Go's chain */
    CHECK(v->type == N_VAR && v->u.var.n == 3 && v->u.var.ids[0].len == 2 && v->u.var.ids[2].len == 2);
    CHECK(memcmp(v->u.var.s, "$v.a.bc", 7) == 0 && text[v->pos] == '.' && text[v->pos + 1] == 'a');
    Node *c = first_cmd_arg(tr, 3, 0);
    CHECK(c->type == N_CHAIN && c->u.chain.n == 2 && c->u.chain.node->type == N_PIPE);
    CHECK(text[c->pos] == '.' && memcmp(c->u.chain.s, "a.bc", 4) == 0);

    Node *p = first_cmd_arg(tr, 4, 0);   /* nothing to decode: a copy of the text */
    CHECK(p->type == N_STRING && p->u.str.n == 5 && strcmp(p->u.str.s, "plain") == 0);
    CHECK(p->u.str.quoted == text + p->pos && p->u.str.qlen == 7);
    Node *e = first_cmd_arg(tr, 5, 0);
    CHECK(e->type == N_STRING && e->u.str.n == 3 && strcmp(e->u.str.s, "a\tb") == 0 && e->u.str.qlen == 6);
    Node *r = first_cmd_arg(tr, 6, 0);   /* a raw string drops its carriage returns */
    CHECK(r->type == N_STRING && r->u.str.n == 2 && strcmp(r->u.str.s, "rw") == 0 && r->u.str.qlen == 5);
    CHECK_STR(first_pipe("{{ `r\rw` }}"), "`r\rw`");
    buf_free(&b);
}

TEST(limits)
{
    Buf b = {0};
    buf_puts(&b, "{{ ");
    for (int i = 0; i < 10001; i++) buf_putc(&b, '(');
    buf_putc(&b, '1');
    for (int i = 0; i < 10001; i++) buf_putc(&b, ')');
    buf_puts(&b, " }}");
    CHECK_STR(tmpl_parse(tset_new(), FILE_NAME, b.p, b.len),
              "template: p/templates/t.yaml:1: max expression depth exceeded");
    b.len = 0;
    buf_puts(&b, "{{ ");
    for (int i = 0; i < 10000; i++) buf_putc(&b, '(');
    buf_putc(&b, '1');
    for (int i = 0; i < 10000; i++) buf_putc(&b, ')');
    buf_puts(&b, " }}");
    CHECK(tmpl_parse(tset_new(), FILE_NAME, b.p, b.len) == NULL);
    b.len = 0;
    buf_puts(&b, "{{ ");                         /* Go 1.23 (Helm v3) has no depth limit */
    for (int i = 0; i < 10001; i++) buf_putc(&b, '(');
    buf_putc(&b, '1');
    for (int i = 0; i < 10001; i++) buf_putc(&b, ')');
    buf_puts(&b, " }}");
    cc_helm_major = 3;
    CHECK(tmpl_parse(tset_new(), FILE_NAME, b.p, b.len) == NULL);
    cc_helm_major = 4;
    b.len = 0;
    buf_puts(&b, "{{ 1");
    for (int i = 0; i < 100000; i++) buf_puts(&b, "|print");
    buf_puts(&b, " }}");
    CHECK(tmpl_parse(tset_new(), FILE_NAME, b.p, b.len) == NULL);   /* no limit in Helm v3 or v4 */
    /* a big file parses in linear time */
    b.len = 0;
    for (int i = 0; i < 200000; i++) buf_puts(&b, "k: {{ .Values.a.b | quote }}\n");
    CHECK(tmpl_parse(tset_new(), FILE_NAME, b.p, b.len) == NULL);
    buf_free(&b);
}

TEST_MAIN()
