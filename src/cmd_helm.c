/*
 * cmd_helm.c - chartc as `helm`: invoked through a symlink named helm, or
 * as `chartc helm ARGS`. Finds the subcommand among Helm's global flags
 * (which may come before or after it), answers `version`, `show`,
 * `dependency` and `help`, and hands `template` and `lint` back to chartc's
 * own commands. Flags parse as pflag does (--f=v, --f v, -fv, -f v, bundled
 * bool shorthands, `--` ends flags), errors read as cobra's.
 * Mirrors helm v4.1.4 pkg/cmd/{root,version}.go, internal/version/version.go,
 * pkg/cli/environment.go (HELM_* variables), cobra's command lookup and
 * suggestions (github.com/spf13/cobra command.go, args.go).
 */
#include "chartc/dropin.h"
#include "chartc/tmpl.h"
#include "helm_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- flags -------------------------------------------------------------------- */

/* Helm's persistent (global) flags, accepted before or after any command. */
static const HFlag helm_globals[] = {
    {"burst-limit", 0, HF_INT, 0}, {"color", 0, HF_STR, 4}, {"colour", 0, HF_STR, 4},
    {"content-cache", 0, HF_STR, 4}, {"debug", 0, HF_BOOL, 0}, {"help", 'h', HF_BOOL, 0},
    {"kube-apiserver", 0, HF_STR, 0}, {"kube-as-group", 0, HF_STR, 0},
    {"kube-as-user", 0, HF_STR, 0}, {"kube-ca-file", 0, HF_STR, 0},
    {"kube-context", 0, HF_STR, 0}, {"kube-insecure-skip-tls-verify", 0, HF_BOOL, 0},
    {"kube-tls-server-name", 0, HF_STR, 0}, {"kube-token", 0, HF_STR, 0},
    {"kubeconfig", 0, HF_STR, 0}, {"namespace", 'n', HF_STR, 0}, {"qps", 0, HF_FLOAT, 0},
    {"registry-config", 0, HF_STR, 0}, {"repository-cache", 0, HF_STR, 0},
    {"repository-config", 0, HF_STR, 0},
    {"helm-compat", 0, HF_STR, 0},   /* chartc's own (applied by cli.c) */
    {NULL, 0, 0, 0},
};

static const HFlag *hf_find(const HFlag *t, const char *name, size_t n, char sh)
{
    for (; t && t->name; t++) {
        if (t->major && t->major != cc_helm_major) continue;
        if (sh ? t->sh == sh : (strlen(t->name) == n && !memcmp(t->name, name, n))) return t;
    }
    return NULL;
}

static const char *hf_name(const HFlag *d)
{
    return d->sh ? cc_printf("-%c, --%s", d->sh, d->name) : cc_printf("--%s", d->name);
}

/* Check and store value v of flag d (pflag's Set). */
static const char *hf_set(HArgs *a, const HFlag *locals, const HFlag *d, const char *v)
{
    const char *why = NULL;
    if (d->kind == HF_BOOL) {
        static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True", NULL};
        static const char *const f[] = {"0", "f", "F", "FALSE", "false", "False", NULL};
        int b = -1;
        for (int i = 0; t[i]; i++) if (!strcmp(v, t[i])) b = 1;
        for (int i = 0; f[i]; i++) if (!strcmp(v, f[i])) b = 0;
        if (b < 0) why = cc_printf("strconv.ParseBool: parsing \"%s\": invalid syntax", v);
        else v = b ? "true" : "false";
    } else if (d->kind == HF_INT || d->kind == HF_FLOAT) {
        char *end;
        errno = 0;
        if (d->kind == HF_INT) (void)strtoll(v, &end, 0); else (void)strtof(v, &end);
        const char *fn = d->kind == HF_INT ? "strconv.ParseInt" : "strconv.ParseFloat";
        if (!*v || *end || isspace((unsigned char)*v))
            why = cc_printf("%s: parsing \"%s\": invalid syntax", fn, v);
        else if (errno == ERANGE)
            why = cc_printf("%s: parsing \"%s\": value out of range", fn, v);
    }
    if (why) return cc_printf("invalid argument \"%s\" for \"%s\" flag: %s", v, hf_name(d), why);
    if (d >= helm_globals && d < helm_globals + sizeof helm_globals / sizeof *helm_globals) {
        if (!strcmp(d->name, "debug")) a->debug = !strcmp(v, "true");
        else if (!strcmp(d->name, "help")) a->help = !strcmp(v, "true");
        else if (!strcmp(d->name, "namespace")) a->ns = v;
    } else {
        a->val[d - locals] = v;
    }
    return NULL;
}

const char *helm_parse(int argc, char **argv, const HFlag *locals, HArgs *a)
{
    int nl = 0;
    while (locals && locals[nl].name) nl++;
    memset(a, 0, sizeof *a);
    a->val = cc_alloc((size_t)(nl + 1) * sizeof *a->val);
    a->pos = cc_alloc((size_t)(argc + 1) * sizeof *a->pos);
    const char *e = getenv("HELM_DEBUG");
    a->debug = e && (!strcmp(e, "1") || !strcmp(e, "true") || !strcmp(e, "TRUE") ||
                     !strcmp(e, "True") || !strcmp(e, "t") || !strcmp(e, "T"));
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (s[0] != '-' || !s[1]) { a->pos[a->npos++] = s; continue; }
        if (!strcmp(s, "--")) {
            while (++i < argc) a->pos[a->npos++] = argv[i];
            break;
        }
        if (s[1] == '-') {
            const char *name = s + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const HFlag *d = hf_find(locals, name, n, 0);
            if (!d) d = hf_find(helm_globals, name, n, 0);
            if (!d) return cc_printf("unknown flag: --%.*s", (int)n, name);
            const char *v;
            if (eq) v = eq + 1;
            else if (d->kind == HF_BOOL) v = "true";
            else if (i + 1 < argc) v = argv[++i];
            else return cc_printf("flag needs an argument: --%s", d->name);
            const char *err = hf_set(a, locals, d, v);
            if (err) return err;
            continue;
        }
        for (const char *p = s + 1; *p; ) {
            const HFlag *d = hf_find(locals, NULL, 0, *p);
            if (!d) d = hf_find(helm_globals, NULL, 0, *p);
            if (!d) return cc_printf("unknown shorthand flag: '%c' in %s", *p, s);
            const char *v;
            if (p[1] == '=') { v = p + 2; p += strlen(p); }
            else if (d->kind == HF_BOOL) { v = "true"; p++; }
            else if (p[1]) { v = p + 1; p += strlen(p); }
            else if (i + 1 < argc) { v = argv[++i]; p++; }
            else return cc_printf("flag needs an argument: '%c' in -%c", *p, *p);
            const char *err = hf_set(a, locals, d, v);
            if (err) return err;
        }
    }
    return NULL;
}

int helm_invoked(const char *argv0)
{
    if (!argv0) return 0;
    const char *b = strrchr(argv0, '/');
    return !strcmp(b ? b + 1 : argv0, "helm");
}

/* ---- version ------------------------------------------------------------------ */

/* internal/version: the BuildInfo of the emulated release. */
static Value helm_build_info(void)
{
    int v4 = cc_helm_major >= 4;
    Value m = v_newmap(5);
    map_setc(m.u.m, "Version", v_cstr(v4 ? "v4.1.4" : "v3.17.3"));
    map_setc(m.u.m, "GitCommit", v_cstr(v4 ? "05fa37973dc9e42b76e1d2883494c87174b6074f"
                                           : "e4da49785aa6e6ee2b86efd5dd9e43400318262b"));
    map_setc(m.u.m, "GitTreeState", v_cstr("clean"));
    map_setc(m.u.m, "GoVersion", v_cstr(v4 ? "go1.25.9" : "go1.23.7"));
    if (v4) map_setc(m.u.m, "KubeClientVersion", v_cstr("v1.35"));
    return m;
}

static const char *helm_str(Value m, const char *k) { return map_getc(m.u.m, k)->u.s; }

/* BuildInfo as a template sees it: a version.BuildInfo struct (fields by
 * name, %v prints {v1 v2 ...}, an unknown field is an error). */
static int helm_bi_field(struct Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    Value *v = map_getc(((Value *)o->data)->u.m, name);
    if (!v) return 0;
    *out = *v;
    return 1;
}

static void helm_bi_print(Buf *b, Obj *o)
{
    buf_putc(b, '{');
    int k = 0;
    MAP_EACH(((Value *)o->data)->u.m, ent) {
        if (k++) buf_putc(b, ' ');
        buf_put(b, ent->v.u.s, ent->v.n);
    }
    buf_putc(b, '}');
}

static const ObjType helm_bi_type = {"version.BuildInfo", helm_bi_field, helm_bi_print, NULL, NULL, NULL, 0, NULL};

/* pkg/cmd/version.go: --template (a Go template over BuildInfo, no
 * newline added), --short (Version+g<7 hex>), else the %#v form. v3 also
 * takes a hidden -c/--client, v4 does not. */
static const char *helm_version(int argc, char **argv, Buf *out)
{
    static const HFlag fl3[] = {{"short", 0, HF_BOOL, 0}, {"template", 0, HF_STR, 0},
                                {"client", 'c', HF_BOOL, 3}, {NULL, 0, 0, 0}};
    HArgs a;
    const char *err = helm_parse(argc, argv, fl3, &a);
    if (err) return err;
    if (a.help) { buf_puts(out, "Show the version for Helm (chartc emulates it).\n\nUsage:\n  helm version [flags]\n"); return NULL; }
    if (a.npos) return "\"helm version\" accepts no arguments\n\nUsage:  helm version [flags]";
    Value bi = helm_build_info();
    const char *tpl = a.val[1];
    if (tpl && *tpl) {
        TSet *ts = tset_new();
        if ((err = tmpl_parse(ts, "_", tpl, strlen(tpl)))) return err;
        Obj *o = cc_alloc(sizeof *o);
        Value *d = cc_alloc(sizeof *d);
        *d = bi;
        o->type = &helm_bi_type;
        o->data = d;
        TmplError *e = tmpl_exec(ts, "_", v_obj(o), out);
        if (!e) return NULL;
        /* Go's own error text, which is Helm v3's engine form (v4's engine
         * reformats it; `version` does not go through the engine) */
        int major = cc_helm_major;
        cc_helm_major = 3;
        err = tmpl_error_text(e);
        cc_helm_major = major;
        return err;
    }
    const char *ver = helm_str(bi, "Version");
    if (a.val[0] && !strcmp(a.val[0], "true")) {
        buf_printf(out, "%s+g%.7s\n", ver, helm_str(bi, "GitCommit"));
        return NULL;
    }
    buf_printf(out, "version.BuildInfo{Version:\"%s\", GitCommit:\"%s\", GitTreeState:\"%s\", GoVersion:\"%s\"",
               ver, helm_str(bi, "GitCommit"), helm_str(bi, "GitTreeState"), helm_str(bi, "GoVersion"));
    if (cc_helm_major >= 4) buf_printf(out, ", KubeClientVersion:\"%s\"", helm_str(bi, "KubeClientVersion"));
    buf_puts(out, "}\n");
    return NULL;
}

/* ---- commands ----------------------------------------------------------------- */

/* Helm's commands in the order root.go adds them (cobra suggests in this
 * order), then cobra's own `help`. */
static const char *const helm_commands[] = {
    "create", "dependency", "pull", "show", "lint", "package", "repo", "search", "verify",
    "get", "history", "install", "list", "test", "rollback", "status", "template",
    "uninstall", "upgrade", "completion", "env", "plugin", "version", "registry", "push",
    "help", NULL,
};

static const struct { const char *alias, *cmd; } helm_aliases[] = {
    {"dep", "dependency"}, {"dependencies", "dependency"}, {"inspect", "show"},
    {"fetch", "pull"}, {"hist", "history"}, {"ls", "list"},
    {"un", "uninstall"}, {"del", "uninstall"}, {"delete", "uninstall"}, {NULL, NULL},
};

static const char *helm_canonical(const char *s)
{
    for (int i = 0; helm_commands[i]; i++) if (!strcmp(s, helm_commands[i])) return helm_commands[i];
    for (int i = 0; helm_aliases[i].alias; i++) if (!strcmp(s, helm_aliases[i].alias)) return helm_aliases[i].cmd;
    return NULL;
}

/* cobra's ld (Levenshtein distance, case-insensitive). */
static int helm_ld(const char *s, const char *t)
{
    size_t n = strlen(s), m = strlen(t);
    int *row = cc_alloc((m + 1) * sizeof *row);
    for (size_t j = 0; j <= m; j++) row[j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= m; j++) {
            int up = row[j];
            int cost = tolower((unsigned char)s[i - 1]) == tolower((unsigned char)t[j - 1]) ? 0 : 1;
            int best = diag + cost;
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

/* cobra: `unknown command "x" for "helm"` with its suggestions. */
static const char *helm_unknown(const char *name, const char *parent)
{
    Buf b = {0};
    buf_printf(&b, "unknown command \"%s\" for \"%s\"", name, parent);
    int first = 1;
    for (int i = 0; !strcmp(parent, "helm") && helm_commands[i]; i++) {
        const char *c = helm_commands[i];
        size_t n = strlen(name);
        int prefix = strlen(c) >= n;
        for (size_t k = 0; prefix && k < n; k++)
            if (tolower((unsigned char)c[k]) != tolower((unsigned char)name[k])) prefix = 0;
        if (helm_ld(name, c) > 2 && !prefix) continue;
        if (first) buf_puts(&b, "\n\nDid you mean this?\n");
        buf_printf(&b, "\t%s\n", c);
        first = 0;
    }
    buf_printf(&b, "%sRun '%s --help' for usage.", first ? "\n" : "\n", parent);
    const char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static const char helm_usage[] =
    "chartc, answering as helm %s: the commands that tools which call helm run.\n"
    "\n"
    "Usage:\n"
    "  helm [command]\n"
    "\n"
    "Available Commands:\n"
    "  dependency  manage a chart's dependencies (list, build and update from local sources)\n"
    "  help        Help about any command\n"
    "  lint        examine a chart for possible issues\n"
    "  show        show information of a chart\n"
    "  template    locally render templates\n"
    "  version     print the helm version information\n"
    "\n"
    "Commands that need a Kubernetes cluster, a chart repository or a plugin are not supported.\n"
    "\n"
    "Use \"helm [command] --help\" for more information about a command.\n";

/* cobra's Find: the index of the first argument that is neither a flag
 * nor the value of a global flag that takes one (an unknown long flag
 * takes one where unknown_takes), or -1; the other arguments in *rest
 * (*n of them). */
static int helm_find(int argc, char **argv, int unknown_takes, char ***rest, int *n)
{
    int ci = -1;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--")) break;
        if (s[0] == '-' && s[1]) {
            if (s[1] == '-' && !strchr(s, '=')) {
                const HFlag *d = hf_find(helm_globals, s + 2, strlen(s + 2), 0);
                if (d ? d->kind != HF_BOOL : unknown_takes) i++;
            } else if (s[1] != '-' && !s[2]) {
                const HFlag *d = hf_find(helm_globals, NULL, 0, s[1]);
                if (d && d->kind != HF_BOOL) i++;
            }
            continue;
        }
        ci = i;
        break;
    }
    *rest = cc_alloc((size_t)(argc + 1) * sizeof **rest);
    *n = 0;
    for (int i = 0; i < argc; i++) if (i != ci) (*rest)[(*n)++] = argv[i];
    return ci;
}

/* `helm show` / `helm dependency`: the group command, then its subcommand. */
static const char *helm_group(const char *group, int argc, char **argv, Buf *out)
{
    static const char *const show_subs[] = {"all", "chart", "readme", "values", "crds", NULL};
    static const char *const dep_subs[] = {"build", "list", "update", NULL};
    int is_show = !strcmp(group, "show");
    const char *const *subs = is_show ? show_subs : dep_subs;
    char **rest;
    int n;
    int si = helm_find(argc, argv, 0, &rest, &n);
    const char *sub = si >= 0 ? argv[si] : NULL;
    if (sub && !is_show) {
        if (!strcmp(sub, "ls")) sub = "list";
        else if (!strcmp(sub, "up")) sub = "update";
    }
    int known = 0;
    for (int i = 0; sub && subs[i]; i++) if (!strcmp(sub, subs[i])) known = 1;
    if (!known) {
        HArgs a;
        const char *err = helm_parse(argc, argv, NULL, &a);
        if (err) return err;
        buf_printf(out, is_show
            ? "\nThis command consists of multiple subcommands to display information about a chart\n\n"
              "Usage:\n  helm show [command]\n\nAvailable Commands:\n  all, chart, crds, readme, values\n"
            : "\nManage the dependencies of a chart.\n\nUsage:\n  helm dependency [command]\n\n"
              "Available Commands:\n  build, list, update\n");
        return NULL;
    }
    return is_show ? cmd_show(sub, n, rest, out) : cmd_dependency(sub, n, rest, out);
}

int cmd_helm(int argc, char **argv, Buf *out, const char **err, int *cargc, char ***cargv)
{
    *err = NULL;
    /* the first argument that is neither a flag nor the value of a global
     * flag names the command */
    char **rest;
    int n;
    int ci = helm_find(argc, argv, 1, &rest, &n);
    const char *cmd = ci >= 0 ? helm_canonical(argv[ci]) : NULL;
    HArgs a;
    if (ci < 0 || (cmd && !strcmp(cmd, "help") && n == 0)) {
        if ((*err = helm_parse(n, rest, NULL, &a))) return 1;
        buf_printf(out, helm_usage, cc_helm_major >= 4 ? "v4.1.4" : "v3.17.3");
        return 0;
    }
    if (!cmd) { *err = helm_unknown(argv[ci], "helm"); return 1; }
    if (!strcmp(cmd, "help")) {
        /* `helm help CMD`: that command's --help */
        if ((*err = helm_parse(n, rest, NULL, &a))) return 1;
        if (!a.npos) { buf_printf(out, helm_usage, cc_helm_major >= 4 ? "v4.1.4" : "v3.17.3"); return 0; }
        const char *c = helm_canonical(a.pos[0]);
        if (!c) { *err = helm_unknown(a.pos[0], "helm"); return 1; }
        char **v = cc_alloc(3 * sizeof *v);
        v[0] = (char *)c; v[1] = "--help";
        return cmd_helm(2, v, out, err, cargc, cargv);
    }
    if (!strcmp(cmd, "template") || !strcmp(cmd, "lint")) {
        /* chartc's own commands take Helm's flags: `chartc template|lint REST` */
        char **v = cc_alloc((size_t)(n + 3) * sizeof *v);
        v[0] = "chartc";
        v[1] = (char *)cmd;
        for (int i = 0; i < n; i++) v[i + 2] = rest[i];
        *cargc = n + 2;
        *cargv = v;
        return -1;
    }
    if (!strcmp(cmd, "version")) *err = helm_version(n, rest, out);
    else if (!strcmp(cmd, "show") || !strcmp(cmd, "dependency")) *err = helm_group(cmd, n, rest, out);
    else *err = cc_printf("\"helm %s\" is not supported by chartc: it needs a Kubernetes cluster, "
                          "a chart repository or a plugin (chartc answers template, show, dependency, "
                          "lint and version)", cmd);
    return *err ? 1 : 0;
}
