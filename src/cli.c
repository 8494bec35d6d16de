/*
 * cli.c - the command line: `chartc render|template [NAME] CHART [flags]`,
 * `chartc functions [--man]`, `--version`, `--help`.
 * Mirrors helm v4.1.4 pkg/cmd/template.go + pkg/cmd/install.go
 * (addInstallFlags, runInstall, Install.NameAndChart) with cobra/pflag
 * flag conventions (--f=v, --f v, -fv, -f v, -f=v, bundled bool shorthands,
 * `--` ends flags, flags anywhere among the arguments).
 * Every failure: stderr "Error: <msg>\n", exit 1, nothing on stdout.
 */
#include "chartc/det.h"
#include "chartc/dropin.h"
#include "chartc/explain.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/lint.h"
#include "chartc/out.h"
#include "chartc/render.h"
#include "chartc/snapshot.h"
#include "chartc/tmpl.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <sys/stat.h>
#include <string.h>

#include "version.h"   /* CHARTC_RELEASE, CHARTC_VERSION (with the git commit): from the Makefile */

int cc_unittest_main(int argc, char **argv);   /* cmd_unittest.c */

/* ---- flag table ------------------------------------------------------------- */

enum FlagKind {
    F_BOOL,      /* bool flag: --x, --x=true|false */
    F_STR,       /* string: last one wins */
    F_SLICE,     /* pflag StringSlice: comma-separated (CSV), appends */
    F_ARRAY,     /* pflag StringArray: appends as is */
    F_OPT,       /* string with NoOptDefVal ("--dry-run" alone = "unset") */
    F_NET,       /* string flag needing a network: refused */
    F_NETBOOL,   /* bool flag needing a network: refused when true */
};

typedef struct StrList { const char **v; int n, cap; } StrList;

typedef struct Cli {
    RenderOpts o;
    StrList files, set, set_string, set_json, set_file, set_literal, api, show;
    int generate_name, debug, help, validate, skip_crds, enable_dns, helm_compat_seen;
    const char *name_template, *namespace_, *dry_run, *output_dir, *kube_version;
    const char *refused;    /* a flag chartc cannot honour (needs a network or a binary) */
    const char *ca_file;    /* --ca-file: Helm reads it even for local charts */
    int verify;             /* --verify */
    int explain;            /* --explain: source excerpts after the error */
    const char *seed, *now; /* --seed, --now (det.h) */
    const char *color;      /* --color or --colour, the last given (v4) */
} Cli;

typedef struct FlagDef {
    const char *name;
    char shorthand;
    enum FlagKind kind;
    size_t off;          /* offset in Cli of the target (int, const char *, StrList) */
} FlagDef;

#define OFF(f) offsetof(Cli, f)
#define IGN ((size_t)-1)

static const FlagDef cli_flags[] = {
    {"api-versions", 'a', F_SLICE, OFF(api)},
    {"values", 'f', F_SLICE, OFF(files)},
    {"set", 0, F_ARRAY, OFF(set)},
    {"set-string", 0, F_ARRAY, OFF(set_string)},
    {"set-json", 0, F_ARRAY, OFF(set_json)},
    {"set-file", 0, F_ARRAY, OFF(set_file)},
    {"set-literal", 0, F_ARRAY, OFF(set_literal)},
    {"show-only", 's', F_ARRAY, OFF(show)},
    {"namespace", 'n', F_STR, OFF(namespace_)},
    {"kube-version", 0, F_STR, OFF(kube_version)},
    {"output-dir", 0, F_STR, OFF(output_dir)},
    {"name-template", 0, F_STR, OFF(name_template)},
    {"dry-run", 0, F_OPT, OFF(dry_run)},
    {"generate-name", 'g', F_BOOL, OFF(generate_name)},
    {"include-crds", 0, F_BOOL, OFF(o.include_crds)},
    {"skip-crds", 0, F_BOOL, OFF(skip_crds)},
    {"skip-tests", 0, F_BOOL, OFF(o.skip_tests)},
    {"no-hooks", 0, F_BOOL, OFF(o.no_hooks)},
    {"is-upgrade", 0, F_BOOL, OFF(o.is_upgrade)},
    {"release-name", 0, F_BOOL, OFF(o.use_release_name)},
    {"skip-schema-validation", 0, F_BOOL, OFF(o.skip_schema)},
    {"validate", 0, F_BOOL, OFF(validate)},
    {"enable-dns", 0, F_BOOL, OFF(enable_dns)},
    {"debug", 0, F_BOOL, OFF(debug)},
    {"help", 'h', F_BOOL, OFF(help)},
    /* accepted, no effect on rendering */
    {"create-namespace", 0, F_BOOL, IGN}, {"devel", 0, F_BOOL, IGN},
    {"disable-openapi-validation", 0, F_BOOL, IGN}, {"force-conflicts", 0, F_BOOL, IGN},
    {"force-replace", 0, F_BOOL, IGN}, {"hide-notes", 0, F_BOOL, IGN},
    {"render-subchart-notes", 0, F_BOOL, IGN}, {"replace", 0, F_BOOL, IGN},
    {"rollback-on-failure", 0, F_BOOL, IGN}, {"atomic", 0, F_BOOL, IGN},
    {"server-side", 0, F_BOOL, IGN}, {"take-ownership", 0, F_BOOL, IGN},
    {"wait-for-jobs", 0, F_BOOL, IGN}, {"description", 0, F_STR, IGN},
    {"labels", 'l', F_STR, IGN}, {"timeout", 0, F_STR, IGN}, {"wait", 0, F_OPT, IGN},
    {"post-renderer-args", 0, F_ARRAY, IGN},
    {"burst-limit", 0, F_STR, IGN}, {"color", 0, F_STR, OFF(color)}, {"colour", 0, F_STR, OFF(color)},
    {"content-cache", 0, F_STR, IGN}, {"kube-apiserver", 0, F_STR, IGN},
    {"kube-as-group", 0, F_ARRAY, IGN}, {"kube-as-user", 0, F_STR, IGN},
    {"kube-ca-file", 0, F_STR, IGN}, {"kube-context", 0, F_STR, IGN},
    {"kube-insecure-skip-tls-verify", 0, F_BOOL, IGN}, {"kube-tls-server-name", 0, F_STR, IGN},
    {"kube-token", 0, F_STR, IGN}, {"kubeconfig", 0, F_STR, IGN}, {"qps", 0, F_STR, IGN},
    {"registry-config", 0, F_STR, IGN}, {"repository-cache", 0, F_STR, IGN},
    {"repository-config", 0, F_STR, IGN}, {"keyring", 0, F_STR, IGN},
    /* chart download: chartc renders local charts only */
    {"repo", 0, F_NET, IGN}, {"version", 0, F_NET, IGN}, {"username", 0, F_NET, IGN},
    {"password", 0, F_NET, IGN}, {"ca-file", 0, F_NET, IGN}, {"cert-file", 0, F_NET, IGN},
    {"key-file", 0, F_NET, IGN}, {"post-renderer", 0, F_NET, IGN},
    {"dependency-update", 0, F_NETBOOL, IGN}, {"insecure-skip-tls-verify", 0, F_NETBOOL, IGN},
    {"pass-credentials", 0, F_NETBOOL, IGN}, {"plain-http", 0, F_NETBOOL, IGN},
    {"verify", 0, F_NETBOOL, IGN},
    /* chartc's own */
    {"helm-compat", 0, F_STR, OFF(helm_compat_seen)},
    {"explain", 0, F_BOOL, OFF(explain)},
    {"seed", 0, F_STR, OFF(seed)}, {"now", 0, F_STR, OFF(now)},
};
#define NFLAGS (sizeof cli_flags / sizeof cli_flags[0])

static void sl_push(StrList *l, const char *s)
{
    if (l->n == l->cap) {
        int nc = l->cap ? 2 * l->cap : 8;
        l->v = cc_grow(l->v, (size_t)l->cap * sizeof *l->v, (size_t)nc * sizeof *l->v);
        l->cap = nc;
    }
    l->v[l->n++] = s;
}

/* encoding/csv Reader.readLine on a string: the next line with its "\n",
 * "\r\n" read as "\n" and a "\r" at the very end dropped; 0 at the end. */
static int csv_line(const char **p, int *nline, Buf *l)
{
    l->len = 0;
    if (!**p) return 0;
    const char *e = strchr(*p, '\n');
    size_t n = e ? (size_t)(e - *p) + 1 : strlen(*p);
    buf_put(l, *p, n);
    *p += n;
    ++*nline;
    if (!e && l->p[n - 1] == '\r') l->len--;
    else if (e && n >= 2 && l->p[n - 2] == '\r') { l->p[n - 2] = '\n'; l->len--; }
    return 1;
}

/* csv.ParseError.Error() */
static const char *csv_err(int start, int line, size_t col, int quoted)
{
    const char *what = quoted ? "extraneous or missing \" in quoted-field" : "bare \" in non-quoted-field";
    if (start != line)
        return cc_printf("record on line %d; parse error on line %d, column %zu: %s", start, line, col, what);
    return cc_printf("parse error on line %d, column %zu: %s", line, col, what);
}

/* pflag StringSlice (readAsCSV): the fields of the first record that Go's
 * encoding/csv reads from the value (empty lines skipped, quoted fields
 * may span lines, "" is a quote), or its error: reader.go readRecord,
 * with the same line and byte column numbers. */
static const char *cli_csv(StrList *l, const char *s)
{
    if (!*s) return NULL;   /* "" adds nothing */
    const char *p = s, *err = NULL;
    int nline = 0;
    Buf line = {0}, f = {0};
    int got;
    while ((got = csv_line(&p, &nline, &line)) && line.len == 1 && line.p[0] == '\n') {}
    if (!got) { buf_free(&line); return "EOF"; }
    int start = nline, lno = nline;
    size_t i = 0, col = 1;
    for (int more = 1; more && !err; ) {
        const char *L = line.p;
        size_t n = line.len;
        f.len = 0;
        if (i == n || L[i] != '"') {            /* non-quoted field */
            size_t j = i;
            while (j < n && L[j] != ',') j++;
            size_t end = j < n ? j : (j > i && L[j - 1] == '\n' ? j - 1 : j);
            const char *q = memchr(L + i, '"', end - i);
            if (q) { err = csv_err(start, lno, col + (size_t)(q - (L + i)), 0); break; }
            sl_push(l, cc_strndup(L + i, end - i));
            more = j < n;
            col += j - i + 1;
            i = j + 1;
            continue;
        }
        i++, col++;                              /* quoted field */
        for (;;) {
            L = line.p;
            n = line.len;
            const char *q = i < n ? memchr(L + i, '"', n - i) : NULL;
            if (q) {
                size_t k = (size_t)(q - (L + i));
                buf_put(&f, L + i, k);
                i += k + 1, col += k + 1;
                if (i < n && L[i] == '"') { buf_putc(&f, '"'); i++, col++; continue; }
                if (i < n && L[i] == ',') { i++, col++; break; }
                if (i == n || (i + 1 == n && L[i] == '\n')) { more = 0; break; }
                err = csv_err(start, lno, col - 1, 1);
                break;
            }
            if (i < n) {                         /* the field goes on on the next line */
                buf_put(&f, L + i, n - i);
                col += n - i;
                if (csv_line(&p, &nline, &line)) lno++, col = 1;
                i = 0;
                continue;
            }
            err = csv_err(start, lno, col, 1);   /* the value ends inside the quotes */
            break;
        }
        if (!err) sl_push(l, cc_strndup(f.p ? f.p : "", f.len));
    }
    buf_free(&line);
    buf_free(&f);
    return err;
}

static const char *cli_parse_bool(const char *v, int *out)
{
    static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True", NULL};
    static const char *const f[] = {"0", "f", "F", "FALSE", "false", "False", NULL};
    for (int i = 0; t[i]; i++) if (!strcmp(v, t[i])) { *out = 1; return NULL; }
    for (int i = 0; f[i]; i++) if (!strcmp(v, f[i])) { *out = 0; return NULL; }
    Buf q = {0};
    go_quote(&q, v, strlen(v), 0);
    const char *r = cc_printf("strconv.ParseBool: parsing %s: invalid syntax", buf_cstr(&q));
    buf_free(&q);
    return r;
}

/* pflag's name of a flag in errors: "-g, --generate-name" or "--skip-tests". */
static const char *cli_flag_name(const FlagDef *d)
{
    return d->shorthand ? cc_printf("-%c, --%s", d->shorthand, d->name) : cc_printf("--%s", d->name);
}

/* pflag's `invalid argument %q for "<flag>" flag: <err>` */
static const char *cli_invalid(const char *v, const FlagDef *d, const char *e)
{
    return cc_printf("invalid argument %s for \"%s\" flag: %s", go_quoted(v, strlen(v)), cli_flag_name(d), e);
}

/* Store value v for flag d (given as `shown`, e.g. "--x" or "-x"). */
static const char *cli_set(Cli *c, const FlagDef *d, const char *v)
{
    if (!strcmp(d->name, "helm-compat")) {
        if (strcmp(v, "3") && strcmp(v, "4"))
            return cc_printf("invalid argument \"%s\" for \"--helm-compat\" flag: must be 3 or 4", v);
        return NULL;   /* applied in the pre-scan */
    }
    if (d->kind == F_NET) {
        /* With a local chart Helm ignores the repository flags, except that
         * v4 contacts --repo, --ca-file is read, and a post-renderer runs. */
        if (!strcmp(d->name, "ca-file")) c->ca_file = v;
        else if ((!strcmp(d->name, "repo") && cc_helm_major >= 4) || !strcmp(d->name, "post-renderer")) {
            if (!c->refused) c->refused = cc_printf("--%s", d->name);
        }
        return NULL;
    }
    if (d->kind == F_BOOL || d->kind == F_NETBOOL) {
        int b = 0;
        const char *e = cli_parse_bool(v, &b);
        if (e) return cli_invalid(v, d, e);
        if (d->kind == F_NETBOOL) {   /* ignored for local charts, as in Helm */
            if (!strcmp(d->name, "verify")) c->verify = b;
            if (!strcmp(d->name, "dependency-update")) c->o.dependency_update = b;
            return NULL;
        }
        if (d->off != IGN) *(int *)((char *)c + d->off) = b;
        return NULL;
    }
    if (!strcmp(d->name, "labels")) {
        /* pflag StringToString: one '=', the value is one pair (quotes
         * trimmed); more, a CSV record of pairs; none, an error */
        const char *eq = strchr(v, '=');
        if (!eq) return cli_invalid(v, d, cc_printf("%s must be formatted as key=value", v));
        if (strchr(eq + 1, '=')) {
            StrList pairs = {0};
            const char *e = cli_csv(&pairs, v);
            if (e) return cli_invalid(v, d, e);
            for (int i = 0; i < pairs.n; i++)
                if (!strchr(pairs.v[i], '=')) return cli_invalid(v, d, cc_printf("%s must be formatted as key=value", pairs.v[i]));
        }
        return NULL;
    }
    if (!strcmp(d->name, "burst-limit") || !strcmp(d->name, "qps")) {
        /* pflag Int / Float32: checked although unused */
        char *end;
        errno = 0;
        if (d->name[0] == 'b') (void)strtoll(v, &end, 0); else (void)strtof(v, &end);
        const char *fn = d->name[0] == 'b' ? "strconv.ParseInt" : "strconv.ParseFloat";
        if (!*v || *end || *v == ' ')
            return cc_printf("invalid argument \"%s\" for \"--%s\" flag: %s: parsing \"%s\": invalid syntax", v, d->name, fn, v);
        if (errno == ERANGE)
            return cc_printf("invalid argument \"%s\" for \"--%s\" flag: %s: parsing \"%s\": value out of range", v, d->name, fn, v);
    }
    if (d->off == IGN) return NULL;
    void *p = (char *)c + d->off;
    switch (d->kind) {
    case F_STR: case F_OPT: *(const char **)p = v; break;
    case F_ARRAY: sl_push(p, v); break;
    case F_SLICE: {
        const char *e = cli_csv(p, v);
        if (e) return cli_invalid(v, d, e);
        break;
    }
    default: break;
    }
    return NULL;
}

static const FlagDef *cli_long(const char *name, size_t n)
{
    for (size_t i = 0; i < NFLAGS; i++)
        if (strlen(cli_flags[i].name) == n && !memcmp(cli_flags[i].name, name, n)) return &cli_flags[i];
    return NULL;
}

static const FlagDef *cli_short(char ch)
{
    for (size_t i = 0; i < NFLAGS; i++)
        if (cli_flags[i].shorthand == ch) return &cli_flags[i];
    return NULL;
}

/* Helm v4's global flags that v3 does not have. */
static int cli_v4_only(const FlagDef *d)
{
    return !strcmp(d->name, "content-cache") || !strcmp(d->name, "color") || !strcmp(d->name, "colour");
}

static int cli_is_bool(const FlagDef *d) { return d->kind == F_BOOL || d->kind == F_NETBOOL; }

/* pflag Parse with interspersed arguments. Positional args go to *args. */
static const char *cli_parse(Cli *c, int argc, char **argv, StrList *args)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) { sl_push(args, a); continue; }
        if (!strcmp(a, "--")) {
            for (i++; i < argc; i++) sl_push(args, argv[i]);
            break;
        }
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const FlagDef *d = cli_long(name, n);
            if (d && cc_helm_major < 4 && cli_v4_only(d)) d = NULL;
            if (!d) return cc_printf("unknown flag: --%.*s", (int)n, name);
            const char *v;
            if (eq) v = eq + 1;
            else if (cli_is_bool(d)) v = "true";
            else if (d->kind == F_OPT) v = "unset";
            else if (i + 1 < argc) v = argv[++i];
            else return cc_printf("flag needs an argument: --%s", d->name);
            const char *e = cli_set(c, d, v);
            if (e) return e;
            continue;
        }
        /* shorthands: -abc, -nvalue, -n value, -n=value */
        for (const char *s = a + 1; *s; ) {
            const FlagDef *d = cli_short(*s);
            /* pflag names the shorthands not yet read: -gx is "'x' in -x" */
            if (!d) return cc_printf("unknown shorthand flag: '%c' in -%s", *s, s);
            const char *v;
            if (s[1] == '=') { v = s + 2; s += strlen(s); }
            else if (cli_is_bool(d)) { v = "true"; s++; }
            else if (s[1]) { v = s + 1; s += strlen(s); }
            else if (i + 1 < argc) { v = argv[++i]; s++; }
            else return cc_printf("flag needs an argument: '%c' in -%c", *s, *s);
            const char *e = cli_set(c, d, v);
            if (e) return e;
        }
    }
    return NULL;
}

/* ---- help and version ---------------------------------------------------------- */

static const char cli_usage[] =
    "chartc - render Helm charts locally, byte-for-byte like `helm template`\n"
    "\n"
    "Usage:\n"
    "  chartc render [NAME] CHART [flags]     (alias: template)\n"
    "  chartc snapshot [NAME] CHART [flags]   compare renders with golden files (-u writes them)\n"
    "  chartc functions [--man]               list the template functions\n"
    "  chartc unittest [flags] CHART...       run helm-unittest suites (tests/*_test.yaml)\n"
    "  chartc --version | --help\n"
    "\n"
    "Emulates Helm v4.1.4; `--helm-compat 3` (or CHARTC_HELM_COMPAT=3) emulates v3.17.3.\n";

static const char cli_render_help[] =
    "Render chart templates locally and display the output (like `helm template`).\n"
    "\n"
    "Usage:\n"
    "  chartc render [NAME] [CHART] [flags]\n"
    "\n"
    "Flags:\n"
    "  -a, --api-versions strings      Kubernetes api versions used for Capabilities.APIVersions\n"
    "      --dry-run string[=\"unset\"]  accepted for compatibility (client-side only)\n"
    "      --enable-dns                enable DNS lookups when rendering templates\n"
    "      --explain                   after an error, show the template, rendered or values\n"
    "                                  lines it comes from and the include chain\n"
    "  -g, --generate-name             generate the name (and omit the NAME parameter)\n"
    "      --helm-compat 3|4           emulate Helm v3.17.3 (3) or v4.1.4 (4, default)\n"
    "  -h, --help                      help for render\n"
    "      --include-crds              include CRDs in the templated output\n"
    "      --is-upgrade                set .Release.IsUpgrade instead of .Release.IsInstall\n"
    "      --kube-version string       Kubernetes version used for Capabilities.KubeVersion\n"
    "  -n, --namespace string          namespace (default $HELM_NAMESPACE, else \"default\")\n"
    "      --name-template string      specify template used to name the release\n"
    "      --no-hooks                  prevent hooks from being rendered\n"
    "      --now TIME                  fix the clock (RFC 3339; default $SOURCE_DATE_EPOCH)\n"
    "      --output-dir string         write the executed templates to files in output-dir\n"
    "      --release-name              use release name in the output-dir path\n"
    "      --seed STRING               reproducible random functions (default $CHARTC_SEED)\n"
    "      --set stringArray           set values on the command line (key1=val1,key2=val2)\n"
    "      --set-file stringArray      set values from files (key1=path1,key2=path2)\n"
    "      --set-json stringArray      set JSON values on the command line\n"
    "      --set-literal stringArray   set a literal STRING value on the command line\n"
    "      --set-string stringArray    set STRING values on the command line\n"
    "  -s, --show-only stringArray     only show manifests rendered from the given templates\n"
    "      --skip-crds                 accepted (no effect on rendered output)\n"
    "      --skip-schema-validation    disable JSON schema validation\n"
    "      --skip-tests                skip tests from templated output\n"
    "  -f, --values strings            specify values in a YAML file (can specify multiple)\n"
    "      --debug                     on a YAML error, print the rendered files first\n"
    "      --dependency-update         build missing dependencies from file:// sources first\n"
    "\n"
    "Chart download flags (--repo, --version, ...) and oci:// or http(s):// chart\n"
    "references are not supported: render a local directory or .tgz.\n";

/* ---- functions listing ---------------------------------------------------------- */


static void cli_signature(Buf *b, const FuncDef *f)
{
    buf_puts(b, f->name);
    buf_putc(b, '(');
    const char *s = f->sig ? f->sig : "";
    size_t n = strlen(s);
    int variadic = n && s[n - 1] == '.';
    if (variadic) n--;
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(b, ", ");
        if (variadic && i == n - 1) buf_puts(b, "...");
        buf_puts(b, func_sig_type(s[i]));
    }
    buf_putc(b, ')');
}

static int cli_fn_cmp(const void *a, const void *b)
{
    return strcmp((*(const FuncDef *const *)a)->name, (*(const FuncDef *const *)b)->name);
}

static void cli_man_text(Buf *b, const char *s)
{
    for (int bol = 1; *s; s++) {
        if (bol && (*s == '.' || *s == '\'')) buf_puts(b, "\\&");
        if (*s == '\\') buf_puts(b, "\\e");
        else if (*s == '-') buf_puts(b, "\\-");
        else buf_putc(b, *s);
        bol = *s == '\n';
    }
}

static int cli_functions(int argc, char **argv, Buf *out)
{
    int man = argc > 0 && !strcmp(argv[0], "--man");
    const FuncDef *t = func_table();
    int n = 0;
    while (t[n].name) n++;
    const FuncDef **v = malloc((size_t)(n ? n : 1) * sizeof *v);
    if (!v) cc_oom();
    int k = 0;
    for (int i = 0; i < n; i++) {
        /* a later row of the same name overrides (Helm over sprig) */
        int j;
        for (j = 0; j < k; j++) if (!strcmp(v[j]->name, t[i].name)) break;
        if (j < k) v[j] = &t[i]; else v[k++] = &t[i];
    }
    qsort(v, (size_t)k, sizeof *v, cli_fn_cmp);
    if (man) {
        buf_puts(out, ".TH CHARTC-FUNCTIONS 7 \"\" \"chartc " CHARTC_RELEASE "\" \"chartc manual\"\n"
                      ".SH NAME\nchartc-functions \\- template functions available to charts\n"
                      ".SH DESCRIPTION\nThe functions of Go text/template, Sprig v3.3.0 and Helm that "
                      "chartc implements, with their Go parameter types.\n"
                      "Functions marked (v4) exist only when emulating Helm v4.\n"
                      ".SH FUNCTIONS\n");
    }
    for (int i = 0; i < k; i++) {
        Buf sig = {0};
        cli_signature(&sig, v[i]);
        const char *doc = v[i]->doc ? v[i]->doc : "";
        const char *v4 = (v[i]->flags & FNF_V4) ? " (v4)" : "";
        if (man) {
            buf_puts(out, ".TP\n.B ");
            cli_man_text(out, buf_cstr(&sig));
            buf_putc(out, '\n');
            cli_man_text(out, doc);
            cli_man_text(out, v4);
            buf_putc(out, '\n');
        } else {
            buf_printf(out, "%-40s %s%s\n", buf_cstr(&sig), doc, v4);
        }
        buf_free(&sig);
    }
    if (man) buf_puts(out, ".SH SEE ALSO\n.BR chartc (1)\n");
    free(v);
    return 0;
}

/* ---- render --------------------------------------------------------------------- */

static const char *cli_name_template(const char *text, const char **out)
{
    TSet *ts = tset_new();
    const char *err = tmpl_parse(ts, "name-template", text, strlen(text));
    if (err) return err;
    Buf b = {0};
    TmplError *e = tmpl_exec(ts, "name-template", v_nil(), &b);
    if (e) { buf_free(&b); return tmpl_error_text(e); }
    *out = buf_arena(&b);
    buf_free(&b);
    return NULL;
}

/* cmdGetDryRunFlagStrategy (v4) / the v3 value check. */
static const char *cli_dry_run(const char *d)
{
    if (cc_helm_major < 4) {
        static const char *const ok[] = {"unset", "false", "true", "none", "client", "server", NULL};
        for (int i = 0; ok[i]; i++) if (!strcmp(d, ok[i])) return NULL;
        return "Invalid dry-run flag. Flag must one of the following: false, true, none, client, server";
    }
    if (!strcmp(d, "unset")) {
        fputs("level=WARN msg=\"--dry-run is deprecated and should be replaced with '--dry-run=client'\"\n", stderr);
        return NULL;
    }
    if (!strcmp(d, "true")) {
        fputs("level=WARN msg=\"boolean '--dry-run=true' flag is deprecated and must be replaced with '--dry-run=client'\"\n", stderr);
        return NULL;
    }
    if (!strcmp(d, "client")) return NULL;
    if (!strcmp(d, "server")) return "--dry-run=server needs a Kubernetes cluster: not supported by chartc";
    if (!strcmp(d, "none") || !strcmp(d, "false"))
        return cc_printf("invalid dry-run value (\"%s\"). Must be \"server\" or \"client\"", d);
    return cc_printf("invalid dry-run value (\"%s\"). Must be \"none\", \"server\", or \"client\"", d);
}

/* Go's syscall error texts are strerror's with a lower-case first letter. */
static const char *cli_errno_text(int e)
{
    char *t = cc_strdup(strerror(e));
    if (t[0] >= 'A' && t[0] <= 'Z') t[0] = (char)(t[0] - 'A' + 'a');
    return t;
}

/* Parse `chartc render` arguments into *o (NAME, CHART, flags), with
 * Helm's checks of them; rendering is left to the caller. */
const char *cli_render_opts(int argc, char **argv, RenderOpts *o_out, int *help, int *explain)
{
    Cli c;
    memset(&c, 0, sizeof c);
    const char *hd = getenv("HELM_DEBUG");   /* pkg/cli/environment.go envBoolOr */
    if (hd) (void)cli_parse_bool(hd, &c.debug);
    StrList args = {0};
    const char *err = cli_parse(&c, argc, argv, &args);
    if (err) return err;
    if (c.color && strcmp(c.color, "never") && strcmp(c.color, "auto") && strcmp(c.color, "always")) {
        /* Helm v4 checks it before anything else the command does, and
         * reports it through its logger, not as an "Error:" */
        const char *e = cc_printf("invalid color mode %s: must be one of: never, auto, always",
                                  go_quoted(c.color, strlen(c.color)));
        fprintf(stderr, "level=WARN msg=\"command failed\" error=%s\n", go_quoted(e, strlen(e)));
        exit(1);
    }
    if (c.help) { *help = 1; return NULL; }
    if (args.n < 1)
        return "\"helm template\" requires at least 1 argument\n\nUsage:  helm template [NAME] [CHART] [flags]";
    if (c.refused && !strcmp(c.refused, "--post-renderer"))
        return "--post-renderer is not supported: chartc does not run post-renderers";
    if (c.refused)
        return cc_printf("%s is not supported: chartc renders local chart directories and archives only", c.refused);
    if (c.dry_run && (err = cli_dry_run(c.dry_run))) return err;
    if (c.validate) return "--validate needs a Kubernetes cluster: not supported";
    cc_enable_dns = c.enable_dns;
    c.o.debug = c.debug;
    if ((err = det_configure(c.seed, c.now))) return err;

    RenderOpts *o = &c.o;
    o->kube_version = c.kube_version;
    o->api_versions = c.api.v; o->napi_versions = c.api.n;
    o->show_only = c.show.v; o->nshow_only = c.show.n;
    o->output_dir = c.output_dir && *c.output_dir ? c.output_dir : NULL;
    o->values.files = c.files.v; o->values.nfiles = c.files.n;
    o->values.set = c.set.v; o->values.nset = c.set.n;
    o->values.set_string = c.set_string.v; o->values.nset_string = c.set_string.n;
    o->values.set_json = c.set_json.v; o->values.nset_json = c.set_json.n;
    o->values.set_file = c.set_file.v; o->values.nset_file = c.set_file.n;
    o->values.set_literal = c.set_literal.v; o->values.nset_literal = c.set_literal.n;
    const char *ns = c.namespace_;
    if (!ns || !*ns) ns = getenv("HELM_NAMESPACE");
    o->namespace_ = ns && *ns ? ns : "default";

    /* --kube-version is parsed before anything else (template.go RunE) */
    if (o->kube_version && *o->kube_version) {
        Value tmp;
        if ((err = caps_new(o->kube_version, NULL, 0, &tmp))) return err;
    }
    /* Install.NameAndChart */
    if (args.n > 2) {
        Buf b = {0};
        for (int i = 2; i < args.n; i++) { if (i > 2) buf_puts(&b, ", "); buf_puts(&b, args.v[i]); }
        err = cc_printf("expected at most two arguments, unexpected arguments: %s", buf_cstr(&b));
        buf_free(&b);
        return err;
    }
    if (args.n == 2) {
        if (c.generate_name) return "cannot set --generate-name and also specify a name";
        if (c.name_template && *c.name_template) return "cannot set --name-template and also specify a name";
        o->release_name = args.v[0];
        o->chart_path = args.v[1];
    } else {
        o->chart_path = args.v[0];
        o->release_name = "release-name";
        if (c.name_template && *c.name_template) {
            if ((err = cli_name_template(c.name_template, &o->release_name))) return err;
        }
    }
    const char *cp = o->chart_path;
    if (!strncmp(cp, "oci://", 6) || !strncmp(cp, "http://", 7) || !strncmp(cp, "https://", 8))
        return cc_printf("remote chart references are not supported (%s): chartc renders local charts only", cp);
    if (c.ca_file) {
        FILE *f = fopen(c.ca_file, "r");
        if (!f)
            return cc_printf(cc_helm_major >= 4
                ? "missing registry client: can't create TLS config for client: can't read CA file: \"%s\": open %s: %s"
                : "missing registry client: can't create TLS config for client: can't read CA file: %s%.0s%.0s",
                c.ca_file, c.ca_file, cli_errno_text(errno));
        fclose(f);
    }
    if (c.verify) {
        struct stat st;
        if (stat(cp, &st) == 0 && S_ISDIR(st.st_mode)) return "unpacked charts cannot be verified";
        return "--verify is not supported: chartc does not check chart provenance";
    }
    *o_out = *o;
    if (explain) *explain = c.explain;
    return NULL;
}

/* `chartc render`: stdout in out; with --explain, the excerpts that
 * follow the error text in note. */
static const char *cli_render(int argc, char **argv, Buf *out, Buf *note, int *help)
{
    RenderOpts o;
    int explain = 0;
    const char *err = cli_render_opts(argc, argv, &o, help, &explain);
    if (err || *help) return err;
    RenderDiag diag;
    memset(&diag, 0, sizeof diag);
    if (explain) o.diag = &diag;
    /* runInstall: --dependency-update fills charts/ first (messages on stdout) */
    if (o.dependency_update && (err = deps_update_if_missing(o.chart_path, out))) return err;
    err = render_run(&o, out);
    if (err && explain) explain_error(note, err, &o, &diag, explain_use_color(2));
    return err;
}

/* Pre-scan for --helm-compat (it changes every message) before parsing.
 * A CHARTC_HELM_COMPAT other than 3 or 4 is an error. */
static const char *cli_compat(int argc, char **argv)
{
    const char *env = getenv("CHARTC_HELM_COMPAT");
    if (env && *env && strcmp(env, "3") && strcmp(env, "4"))
        return cc_printf("invalid CHARTC_HELM_COMPAT \"%s\": must be 3 or 4", env);
    if (env && !strcmp(env, "3")) cc_helm_major = 3;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        const char *v = NULL;
        if (!strcmp(argv[i], "--helm-compat") && i + 1 < argc) v = argv[i + 1];
        else if (!strncmp(argv[i], "--helm-compat=", 14)) v = argv[i] + 14;
        if (v) cc_helm_major = !strcmp(v, "3") ? 3 : 4;
    }
    return NULL;
}

/* Whether the command line needs the deep stack (cc_run_deep): all but
 * --version and help, which do no recursive work. */
int cc_cli_deep(int argc, char **argv)
{
    static const char *const shallow[] = {"--version", "version", "--help", "-h", "help", NULL};
    if (argc < 2) return 0;                  /* the usage */
    if (helm_invoked(argv[0])) return 1;     /* cmd_helm.c's commands */
    for (int i = 0; shallow[i]; i++) if (!strcmp(argv[1], shallow[i])) return 0;
    return 1;
}

int cc_cli_main(int argc, char **argv)
{
    Buf out = {0}, note = {0};
    const char *err = NULL;
    int rc = 0;
    err = cli_compat(argc, argv);
    /* as `helm` (argv[0] or `chartc helm`): cmd_helm.c answers, or hands
     * back a chartc command line (template, lint) */
    int helm = helm_invoked(argv[0]) ? 1 : argc > 1 && !strcmp(argv[1], "helm") ? 2 : 0;
    if (!err && helm) {
        rc = cmd_helm(argc - helm, argv + helm, &out, &err, &argc, &argv);
        if (rc >= 0) helm = -1; else rc = 0;
    }
    const char *cmd = argc > 1 ? argv[1] : NULL;
    if (err || helm < 0) {
        /* done */
    } else if (!cmd || !strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        /* `help render|template`: the render help */
        int r = cmd && argc > 2 && (!strcmp(argv[2], "render") || !strcmp(argv[2], "template"));
        buf_puts(&out, r ? cli_render_help : cli_usage);
    } else if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        buf_printf(&out, "chartc %s (emulating helm %s)\n", CHARTC_VERSION,
                   cc_helm_major >= 4 ? "v4.1.4" : "v3.17.3");
    } else if (!strcmp(cmd, "snapshot")) {
        rc = cmd_snapshot(argc - 2, argv + 2, cli_render_opts, &err);
    } else if (!strcmp(cmd, "lint")) {
        rc = cmd_lint(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "unittest")) {
        rc = cc_unittest_main(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "functions")) {
        rc = cli_functions(argc - 2, argv + 2, &out);
    } else if (!strcmp(cmd, "render") || !strcmp(cmd, "template")) {
        int help = 0;
        err = cli_render(argc - 2, argv + 2, &out, &note, &help);
        if (help && !err) { out.len = 0; buf_puts(&out, cli_render_help); }
    } else {
        err = cc_printf("unknown command \"%s\" for \"chartc\"\nRun 'chartc --help' for usage.", cmd);
    }
    /* stdout first (on an error it holds only what Helm prints before
     * failing: --output-dir's "wrote" lines, template --debug's YAML),
     * then the error; a failed write, flush or close of stdout is an
     * error too */
    out_send(out.p, out.len);   /* all of it at once: nothing follows */
    const char *werr = out_close();
    if (err) {
        fprintf(stderr, "Error: %s\n", err);
        fwrite(note.p ? note.p : "", 1, note.len, stderr);
        rc = 1;
    }
    if (werr) {
        fprintf(stderr, "Error: %s\n", werr);
        rc = 1;
    }
    buf_free(&out);
    buf_free(&note);
    return rc;
}
