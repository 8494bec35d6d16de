/*
 * fn_helm.c - Helm's engine functions: include, tpl, required, fail,
 * lookup, getHostByName.
 * Mirrors helm v4.1.4 pkg/engine/engine.go (includeFun, tplFun,
 * initFunMap) and v3.17.3's identical texts. required/fail wrap their
 * message in HELM_ERR_START...HELM_ERR_END; tmpl_error_text turns that
 * into "execution error at (<file:line:col>): MSG".
 */
#define _GNU_SOURCE
#include "chartc/det.h"
#include "chartc/dns.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/tmpl.h"
#include "exec_int.h"

#include "chartc/render.h"

#include <stdlib.h>
#include <string.h>

#define HELM_RECURSION_MAX 1000

/* include NAME DATA: the named template rendered to a string. */
Value hf_include(Exec *x, int argc, Value *argv)
{
    exec_stack_check(x);
    const char *name = cc_strndup(argv[0].u.s, argv[0].n);
    int slot;
    if (exec_include_enter(x, name, argv[0].n, &slot) > HELM_RECURSION_MAX + 1) {
        exec_include_leave(x, slot);
        fn_error(x, "rendering template has a nested reference name: %s: unable to execute template", name);
    }
    Buf *b = exec_include_buf(x);
    TmplError *e = exec_template(x, NULL, name, argv[1], b);
    exec_include_leave(x, slot);
    Value r = e ? v_nil() : v_buf(b);
    exec_include_buf_done(x);
    if (e) exec_fn_raise(x, e);
    return r;
}

/* strings.ReplaceAll(s, "<no value>", "") */
static Value hf_strip_no_value(const char *s, size_t n)
{
    Buf b = {0};
    size_t i = 0;
    while (i < n) {
        const char *p = n - i >= 10 ? memmem(s + i, n - i, "<no value>", 10) : NULL;
        if (!p) {
            buf_put(&b, s + i, n - i);
            break;
        }
        buf_put(&b, s + i, (size_t)(p - (s + i)));
        i = (size_t)(p - s) + 10;
    }
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

/* tpl TEXT DATA: TEXT parsed as template "gotpl" in a clone of the
 * current set (its defines stay local), executed with dot DATA. */
Value hf_tpl(Exec *x, int argc, Value *argv)
{
    exec_stack_check(x);
    TSet *clone = tset_clone(exec_tset(x));
    const char *perr = tmpl_parse(clone, "gotpl", argv[0].u.s, argv[0].n);
    if (perr) fn_error(x, "cannot parse template %s: %s", go_quoted(argv[0].u.s, argv[0].n), perr);
    /* Go executes the tree it just parsed even when the set keeps an older
     * non-empty "gotpl" (text that is empty, blank or only defines). */
    Tree *t = tset_lookup(clone, "gotpl");
    if (!t || t->srclen != argv[0].n || (argv[0].n && memcmp(t->src, argv[0].u.s, argv[0].n) != 0)) {
        TSet *fresh = tset_new();
        if (!tmpl_parse(fresh, "gotpl", argv[0].u.s, argv[0].n)) t = tset_lookup(fresh, "gotpl");
    }
    Buf b = {0};
    TmplError *e = t ? exec_tree(x, clone, t, argv[1], &b) : exec_template(x, clone, "gotpl", argv[1], &b);
    if (e) {
        buf_free(&b);
        exec_fn_raise(x, exec_err_plain(cc_printf("error during tpl function execution for %s: ",
                                                  go_quoted(argv[0].u.s, argv[0].n)), e));
    }
    Value r = hf_strip_no_value(b.p ? b.p : "", b.len);
    buf_free(&b);
    return r;
}

int cc_lint_mode;

/* required MSG VAL; in lint mode (Engine.LintMode) a missing value is
 * logged and "" returned. */
Value hf_required(Exec *x, int argc, Value *argv)
{
    Value v = argv[1];
    if (v.t == VT_NIL || (v_is_str(v) && v.n == 0)) {
        if (cc_lint_mode) {
            const char *m = cc_strndup(argv[0].u.s, argv[0].n);
            const char *kv[] = {"message", m, NULL};
            int nil = v.t == VT_NIL;
            go_log(nil ? "engine.go:206" : "engine.go:214", "WARN",
                   cc_printf("[INFO] Missing required value: %s", m),
                   nil ? "missing required value" : "missing required values", kv);
            return v_str("", 0);
        }
        fn_error(x, "HELM_ERR_START%.*sHELM_ERR_END", (int)argv[0].n, argv[0].u.s);
    }
    return v;
}

Value hf_fail(Exec *x, int argc, Value *argv)
{
    if (cc_lint_mode) {
        const char *m = cc_strndup(argv[0].u.s, argv[0].n);
        const char *kv[] = {"message", m, NULL};
        go_log("engine.go:227", "INFO", cc_printf("[INFO] Fail: %s", m), "funcMap fail", kv);
        return v_str("", 0);
    }
    fn_error(x, "HELM_ERR_START%.*sHELM_ERR_END", (int)argv[0].n, argv[0].u.s);
}

Value hf_lookup(Exec *x, int argc, Value *argv)
{
    if (!cc_lookup_fn) return v_newmap(0);
    Value out = v_newmap(0);
    const char *err = cc_lookup_fn(cc_lookup_ud, cc_strndup(argv[0].u.s, argv[0].n),
                                   cc_strndup(argv[1].u.s, argv[1].n), cc_strndup(argv[2].u.s, argv[2].n),
                                   cc_strndup(argv[3].u.s, argv[3].n), &out);
    if (err) fn_error(x, "%s", err);
    return out;
}

static int hf_addr_cmp(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* getHostByName NAME: "" unless --enable-dns; then sprig's
 * addrs, _ := net.LookupHost(name); return addrs[rand.Intn(len(addrs))],
 * so a name that does not resolve panics in rand.Intn. */
Value hf_get_host_by_name(Exec *x, int argc, Value *argv)
{
    det_call();
    if (!cc_enable_dns) return v_str("", 0);
    const char *addrs[16];
    const char *name = cc_strndup(argv[0].u.s, argv[0].n);
    int n = *name && strlen(name) == argv[0].n ? dns_lookup_host(name, addrs, 16) : 0;
    if (n == 0) fn_error(x, "invalid argument to Intn");
    /* the choice depends on the set of addresses only, not the resolver's order */
    qsort(addrs, (size_t)n, sizeof addrs[0], hf_addr_cmp);
    int k = (int)det_below((uint64_t)n);
    return v_strdup(addrs[k], strlen(addrs[k]));
}
