/*
 * tmpl_exec.c - executing a parsed template: walking the tree, evaluating
 * pipelines, fields, variables and function calls with Go's argument
 * checking, and the structured error chain Helm reformats.
 * Mirrors go src/text/template/exec.go (Go 1.25 for Helm v4, Go 1.23 for
 * v3: range over integers) and helm v4.1.4 pkg/engine/engine.go
 * (reformatExecErrorMsg) / v3.17.3 (cleanupExecError).
 *
 * Go's reflect distinction that matters here: a nil that sits in an
 * interface{} slot (missing map key, list element) versus an untyped,
 * "invalid" nil (the result of any pipeline). Evaluated values carry that
 * as RV.iface ("static type is interface {}").
 *
 * Errors unwind with longjmp to the nearest Catch frame: a template frame
 * (tmpl_exec, exec_template) turns them into a returned TmplError. A
 * function failing (fn_error, exec_fn_raise) while a CallFrame is the
 * innermost frame is wrapped as "error calling <fn>: ..." first; a call
 * sets no jump point of its own.
 */
#include "chartc/tmpl.h"
#include "chartc/gofmt.h"
#include "exec_int.h"

#include <setjmp.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

/* iface: a nil in an interface{} slot (see above); noaddr: a value Go
 * cannot take the address of (a function or method result, or one taken
 * out of an interface{} by a pipeline), so printing it skips
 * pointer-receiver String methods. */
typedef struct RV { Value v; int iface, noaddr; } RV;
typedef struct Var { const char *name; uint32_t len; RV v; } Var;   /* name: "$x", len bytes */

/* The registry function or object method running (ex_guarded): where and
 * as what its failure is reported. A template frame hides the calls
 * outside it (exec_tree starts with none). */
typedef struct CallFrame {
    const Node *node;
    const char *name;
    int method;          /* an object method, not a registry function */
    struct CallFrame *prev;
} CallFrame;

typedef struct Catch {
    jmp_buf jb;
    struct Catch *prev;
    TmplError *err;      /* template error being propagated (code 1) */
    const char *fnmsg;   /* fn_error message (code 2) */
    TmplError *fninner;  /* exec_fn_raise error (code 3) */
} Catch;

struct Exec {
    TSet *ts;
    Tree *tmpl;          /* executing template (error "executing" name) */
    const Node *node;    /* s.node: current node for errors, always one of
                            tmpl's (its location is in tmpl's source) */
    Buf *out;
    Var *vars;
    int nvars, capvars, vbase;
    int depth;
    Catch *catch;
    Map *included;
    /* {{template}} actions in progress, for error call chains; the ones
     * of the running exec_tree start at fbase */
    ExecAt *frames;
    int nframes, capframes, fbase;
    TmplError *fatal;    /* stack exhausted: raised unwrapped through every frame */
    /* the call in progress (for exec_arg_iface / exec_arg_text): its
     * argument values and, for exec_arg_text, the nodes of the first
     * arg_nnodes of them (the rest came through the pipeline) */
    const uint8_t *arg_iface;
    const Value *arg_vals;
    Node **arg_nodes;
    int arg_nnodes, call_argc;
    CallFrame *call;
    /* include: the output buffers (heap, one a nesting level, reused)
     * and the per-name nesting counters (the map gives a name's slot) */
    Buf **incbuf;
    int nincbuf, capincbuf, incdepth;
    int *inccount, ninccount, capinccount;
};

/* The per-call part of Exec, saved before a setjmp boundary and put back
 * after it (normal return or longjmp), so every boundary restores the same
 * fields. */
typedef struct ExecSnap {
    TSet *ts; Tree *tmpl; const Node *node; Buf *out;
    int nvars, vbase, depth, nframes, fbase;
    Catch *catch;
    const uint8_t *arg_iface; const Value *arg_vals; Node **arg_nodes; int arg_nnodes, call_argc;
    CallFrame *call;
    int incdepth;
} ExecSnap;

static ExecSnap ex_snap(const Exec *x)
{
    ExecSnap s = {x->ts, x->tmpl, x->node, x->out, x->nvars, x->vbase, x->depth, x->nframes, x->fbase,
                  x->catch, x->arg_iface, x->arg_vals, x->arg_nodes, x->arg_nnodes, x->call_argc,
                  x->call, x->incdepth};
    return s;
}

static void ex_restore(Exec *x, const ExecSnap *s)
{
    x->ts = s->ts; x->tmpl = s->tmpl; x->node = s->node; x->out = s->out;
    x->nvars = s->nvars; x->vbase = s->vbase; x->depth = s->depth; x->catch = s->catch;
    x->nframes = s->nframes; x->fbase = s->fbase;
    x->arg_iface = s->arg_iface; x->arg_vals = s->arg_vals; x->arg_nodes = s->arg_nodes;
    x->arg_nnodes = s->arg_nnodes; x->call_argc = s->call_argc; x->call = s->call;
    x->incdepth = s->incdepth;
}

enum { WALK_OK, WALK_BREAK, WALK_CONTINUE };
#define MAX_EXEC_DEPTH 100000

static Exec *ex_cur;     /* innermost running executor (for fn_error(NULL, ...)) */

static RV rv(Value v, int iface) { RV r; r.v = v; r.iface = iface; r.noaddr = 0; return r; }
static RV rv_nil(void) { return rv(v_nil(), 0); }

/* ---- errors ---------------------------------------------------------- */

static const char *ex_nodestr(const Node *n)
{
    Buf b = {0};
    node_format(&b, n);
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

__attribute__((noinline)) TmplError *exec_err_plain(const char *msg, TmplError *inner)
{
    TmplError *e = cc_alloc(sizeof *e);
    e->kind = TE_PLAIN;
    e->msg = msg;
    e->inner = inner;
    return e;
}

/* Go's state.errorf: the error located at the current node. */
static __attribute__((noinline)) TmplError *ex_mkerr(Exec *x, const char *msg, TmplError *inner)
{
    TmplError *e = cc_alloc(sizeof *e);
    e->kind = TE_EXEC;
    e->name = x->tmpl ? x->tmpl->name : "";
    if (x->node) {
        int line, col;
        e->loc = node_location(x->tmpl, x->node, &line, &col);
        e->node = ex_nodestr(x->node);
        e->at = (ExecAt){x->node, x->tmpl};   /* the executing tree holds the node */
    }
    e->ncalls = x->nframes - x->fbase;
    if (e->ncalls > 0) {
        ExecAt *calls = cc_alloc(sizeof *calls * (size_t)e->ncalls);
        memcpy(calls, x->frames + x->fbase, sizeof *calls * (size_t)e->ncalls);
        e->calls = calls;
    }
    e->msg = msg;
    e->inner = inner;
    return e;
}

static _Noreturn void ex_throw(Exec *x, TmplError *e)
{
    Catch *c = x->catch;
    c->err = e;
    longjmp(c->jb, 1);
}

static _Noreturn __attribute__((format(printf, 2, 3))) void ex_errorf(Exec *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = cc_vprintf(fmt, ap);
    va_end(ap);
    ex_throw(x, ex_mkerr(x, msg, NULL));
}

/* Nesting (template, include, tpl, control structures, parenthesized
 * pipelines) has run out of the C stack: an error where Go would grow its
 * stack up to 1 GB and crash beyond. */
static _Noreturn __attribute__((noinline)) void ex_stack_exhausted(Exec *x)
{
    /* one error, not one wrapped by every level of the nesting */
    x->fatal = ex_mkerr(x, cc_printf("template nesting too deep for the %zu MiB stack",
                                     cc_stack_mib()), NULL);
    ex_throw(x, x->fatal);
}

void exec_stack_check(Exec *x)
{
    if (!x) x = ex_cur;
    if (cc_stack_low()) ex_stack_exhausted(x);
}

/* The running call x->call failed with msg (fn_error) or inner
 * (exec_fn_raise): Go's "error calling <fn>: ..." at the call's node. The
 * state is the call's own: whatever the function ran in between (include,
 * tpl) restored it. */
static _Noreturn __attribute__((noinline)) void ex_call_failed(Exec *x, const char *msg, TmplError *inner)
{
    const CallFrame *f = x->call;
    x->call = f->prev;
    if (x->fatal) ex_throw(x, x->fatal);
    x->node = f->node;
    /* An object method checking its own arguments: Go's evalCall reports
     * these at the node itself, not as "error calling". */
    if (f->method && msg && (strncmp(msg, "wrong number of args for ", 25) == 0 ||
                             strncmp(msg, "wrong type for value; ", 22) == 0))
        ex_throw(x, ex_mkerr(x, msg, NULL));
    if (msg) inner = exec_err_plain(msg, NULL);
    ex_throw(x, ex_mkerr(x, cc_printf("error calling %s: ", f->name), inner));
}

static void ex_hook(Exec *x, const char *msg)
{
    if (!x) x = ex_cur;
    if (x->call) ex_call_failed(x, msg, NULL);
    Catch *c = x->catch;
    c->fnmsg = msg;
    longjmp(c->jb, 2);
}

_Noreturn void exec_fn_raise(Exec *x, TmplError *e)
{
    if (!x) x = ex_cur;
    if (x->call) ex_call_failed(x, NULL, e);
    Catch *c = x->catch;
    c->fninner = e;
    longjmp(c->jb, 3);
}

static void te_write(Buf *b, const TmplError *e)
{
    for (; e; e = e->inner) {
        if (e->kind == TE_EXEC) {
            buf_puts(b, "template: ");
            if (e->loc) {
                buf_puts(b, e->loc);
                buf_puts(b, ": executing ");
                go_quote(b, e->name, strlen(e->name), 0);
                buf_puts(b, " at <");
                buf_puts(b, e->node);
                buf_puts(b, ">: ");
            } else {
                buf_puts(b, e->name);
                buf_puts(b, ": ");
            }
        }
        buf_puts(b, e->msg);
    }
}

const char *exec_err_string(const TmplError *e)
{
    Buf b = {0};
    te_write(&b, e);
    char *s = buf_arena(&b);
    buf_free(&b);
    return s;
}

/* Helm's required/fail payload: SplitN(text, ": ", 3)[2] searched for
 * HELM_ERR_START(?s:.*)HELM_ERR_END (leftmost start, last end). Returns
 * the payload (arena) and the location (tokens[1]), or NULL. */
static const char *te_user_payload(const char *text, const char **loc)
{
    const char *p1 = strstr(text, ": ");
    if (!p1) return NULL;
    const char *p2 = strstr(p1 + 2, ": ");
    if (!p2) return NULL;
    const char *rest = p2 + 2;
    const char *s = strstr(rest, "HELM_ERR_START");
    if (!s) return NULL;
    s += 14;
    const char *e = NULL;
    for (const char *q = strstr(s, "HELM_ERR_END"); q; q = strstr(q + 1, "HELM_ERR_END")) e = q;
    if (!e) return NULL;
    if (loc) *loc = cc_strndup(p1 + 2, (size_t)(p2 - (p1 + 2)));
    return cc_strndup(s, (size_t)(e - s));
}

/* helm v4 TraceableError, parsed from one error text of the chain. */
typedef struct Trace { const char *loc, *fn, *msg; } Trace;

static const char *cut_template(const char *msg)
{
    const char *c = strstr(msg, " template:");
    return c ? cc_strndup(msg, (size_t)(c - msg)) : msg;
}

/* parseTemplateExecErrorString; 0 if the text is not a template error. */
static int te_parse(const char *s, Trace *t)
{
    t->loc = t->fn = t->msg = "";
    if (strncmp(s, "template: ", 10) != 0) return 0;
    const char *rem = s + 10;
    if (strncmp(rem, "no template ", 12) == 0) {
        t->msg = s;
        return 1;
    }
    const char *ex = strstr(rem, ": executing ");
    if (ex) {
        const char *after = ex + 12;
        const char *endq = after[0] == '"' ? strchr(after + 1, '"') : NULL;
        if (endq && strncmp(endq + 1, " at <", 5) == 0) {
            const char *at = endq + 6;
            const char *endloc = strstr(at, ">: ");
            if (endloc) {
                t->loc = cc_strndup(rem, (size_t)(ex - rem));
                t->fn = cc_printf("executing \"%.*s\" at <%.*s>:", (int)(endq - after - 1), after + 1,
                                  (int)(endloc - at), at);
                t->msg = cut_template(endloc + 3);
                return 1;
            }
        }
        /* malformed executing form: Helm falls back to the simple form */
    }
    const char *sep = NULL;
    for (const char *q = strstr(rem, ": "); q; q = strstr(q + 1, ": ")) sep = q;
    if (!sep) return 0;
    t->loc = cc_strndup(rem, (size_t)(sep - rem));
    t->msg = cut_template(sep + 2);
    return 1;
}

static void trace_put(Buf *b, const Trace *t)
{
    if (*t->loc) { buf_puts(b, t->loc); buf_puts(b, "\n  "); }
    if (*t->fn) { buf_puts(b, t->fn); buf_puts(b, "\n    "); }
    if (*t->msg) { buf_puts(b, t->msg); buf_putc(b, '\n'); }
}

/* reformatExecErrorMsg's chain walk (v4). NULL: keep the single line. */
static const char *te_v4_text(const TmplError *e)
{
    Buf b = {0};
    Trace prev = {NULL, NULL, NULL};
    int have = 0;
    for (const TmplError *l = e; l; l = l->inner) {
        Trace t;
        if (!te_parse(exec_err_string(l), &t)) { buf_free(&b); return NULL; }
        if (!have || strcmp(prev.loc, t.loc) || strcmp(prev.fn, t.fn) || strcmp(prev.msg, t.msg))
            trace_put(&b, &t);
        prev = t;
        have = 1;
    }
    size_t s = 0, n = b.len;
    while (s < n && (b.p[s] == ' ' || b.p[s] == '\n' || b.p[s] == '\t' || b.p[s] == '\r')) s++;
    while (n > s && (b.p[n - 1] == ' ' || b.p[n - 1] == '\n' || b.p[n - 1] == '\t' || b.p[n - 1] == '\r')) n--;
    char *r = cc_strndup(b.p ? b.p + s : "", n - s);
    buf_free(&b);
    return r;
}

const char *tmpl_error_text(const TmplError *e)
{
    const char *text = exec_err_string(e);
    if (e->kind != TE_EXEC) return text;
    const char *loc = NULL, *payload = te_user_payload(text, &loc);
    if (payload) return cc_printf("execution error at (%s): %s", loc, payload);
    if (cc_helm_major < 4) return text;
    const char *v4 = te_v4_text(e);
    return v4 ? v4 : text;
}

int tmpl_error_is_user(const TmplError *e)
{
    return e->kind == TE_EXEC && te_user_payload(exec_err_string(e), NULL) != NULL;
}

/* ---- variables ------------------------------------------------------- */

static void var_push(Exec *x, const char *name, uint32_t len, RV v)
{
    if (x->nvars == x->capvars) {
        /* heap, not arena: it may grow inside a range iteration whose
         * arena scratch is released (ex_range_iter) */
        int nc = x->capvars ? x->capvars * 2 : 64;
        Var *v = realloc(x->vars, sizeof(Var) * (size_t)nc);
        if (!v) cc_oom();
        x->vars = v;
        x->capvars = nc;
    }
    x->vars[x->nvars].name = name;
    x->vars[x->nvars].len = len;
    x->vars[x->nvars].v = v;
    x->nvars++;
}

/* the variable a N_VAR node names first */
static Var *var_find(Exec *x, const Node *var)
{
    const char *name = var->u.var.s;
    uint32_t len = var->u.var.ids[0].len;
    for (int i = x->nvars - 1; i >= x->vbase; i--)
        if (x->vars[i].len == len && memcmp(x->vars[i].name, name, len) == 0) return &x->vars[i];
    ex_errorf(x, "undefined variable: %.*s", (int)len, name);
}

/* ---- types of function parameters (func.h sig letters) ---------------- */

static const char *sig_type(char t) { return func_sig_type(t); }

/* canBeNil */
static int sig_nilable(char t)
{
    return t == 0 || t == 'a' || t == 'm' || t == 'l' || t == 'S' || t == 'V' || t == 'W';
}

/* reflect.Zero(typ) for a nilable parameter type: a nil map or slice keeps
 * its type (printf "%#v" shows map[string]interface {}(nil), deepCopy works). */
static RV sig_zero(char t)
{
    Value z = {0};
    if (t == 'm') z.t = VT_MAP;
    else if (t == 'l' || t == 'S') { z.t = VT_LIST; if (t == 'S') z.g = GT_STRSLICE; }
    else return rv_nil();
    return rv(z, 0);
}

static int sig_assignable(Value v, char t)
{
    switch (t) {
    case 's': return v_is_str(v);
    case 'i': return v.t == VT_INT && v.g == GT_INT;
    case 'I': return v.t == VT_INT && v.g == GT_DEFAULT;
    case 'f': return v.t == VT_FLOAT && v.g == GT_DEFAULT;
    case 'b': return v.t == VT_BOOL;
    case 'm': return v.t == VT_MAP && (v.g == GT_DEFAULT || v.g == GT_VALUES);
    case 'l': return v.t == VT_LIST && v.g == GT_DEFAULT;
    case 'S': return v.t == VT_LIST && v.g == GT_STRSLICE;
    case 'u': return 0;   /* no template value is a uint32 */
    case 'W': return 0;   /* nor an io.Writer */
    case 'T': case 'C': case 'V':
        return v.t == VT_OBJ && v.u.o && strcmp(v.u.o->type->gotype, sig_type(t)) == 0;
    default: return 1;
    }
}

/* validateType */
static RV ex_validate(Exec *x, RV v, char t)
{
    if (t == 0 || t == 'a') return v;
    if (v.v.t == VT_NIL && !v.iface) {
        if (sig_nilable(t)) return sig_zero(t);
        ex_errorf(x, "invalid value; expected %s", sig_type(t));
    }
    if (v.v.t != VT_NIL && sig_assignable(v.v, t)) {
        Value c = v.v;
        if (t == 'm') c.g = GT_DEFAULT;   /* Values converts to map[string]interface {} */
        return rv(c, 0);
    }
    ex_errorf(x, "wrong type for value; expected %s; got %s", sig_type(t),
              v.v.t == VT_NIL ? "interface {}" : v_gotype(v.v));
}

/* ---- evaluation ------------------------------------------------------ */

/* Arguments of a call kept on the C stack (more go in the arena) */
#define ARGS_LOCAL 8

typedef struct ArgBuf { Value v[ARGS_LOCAL + 1]; uint8_t ifc[ARGS_LOCAL + 1]; } ArgBuf;

/* The argument vector of a call: n values, a nil after them, and their
 * iface flags; in *local for the usual few (no function keeps its argv),
 * else one zeroed arena allocation */
static inline Value *arg_vector(ArgBuf *local, int n, uint8_t **ifc)
{
    if (n > ARGS_LOCAL) {
        Value *a = cc_alloc(sizeof(Value) * (size_t)(n + 1) + (size_t)n + 1);
        *ifc = (uint8_t *)(a + n + 1);
        return a;
    }
    local->v[n] = v_nil();
    local->ifc[n] = 0;
    *ifc = local->ifc;
    return local->v;
}

static RV ex_pipeline(Exec *x, RV dot, Node *pipe);
static RV ex_field_node(Exec *x, RV dot, Node *f, Node **args, int nargs, const RV *final);
static RV ex_chain_node(Exec *x, RV dot, Node *c, Node **args, int nargs, const RV *final);
static RV ex_var_node(Exec *x, RV dot, Node *v, Node **args, int nargs, const RV *final);
static RV ex_function(Exec *x, RV dot, Node *id, Node *cmd, Node **args, int nargs, const RV *final);
static int ex_walk(Exec *x, RV dot, Node *n);

static int is_hex_int(const char *s)
{
    return s && strlen(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strpbrk(s, "pP");
}

/* idealConstant: the type a literal gets without context. */
static RV ex_ideal(Exec *x, Node *n)
{
    x->node = n;
    const char *txt = n->u.num.text ? n->u.num.text : "";
    if (n->u.num.is_complex) return rv(v_complex(n->u.num.f, n->u.num.imag), 0);
    if (n->u.num.is_float && !is_hex_int(txt) && txt[0] != '\'' && strpbrk(txt, ".eEpP"))
        return rv(v_float(n->u.num.f), 0);
    if (n->u.num.is_int) return rv(v_goint(n->u.num.i), 0);
    if (n->u.num.is_uint) ex_errorf(x, "%s overflows int", txt);
    return rv_nil();
}

static RV ex_string_lit(Node *n) { return rv(v_str(n->u.str.s, n->u.str.n), 0); }

/* evalArg: evaluate node n for a parameter of sig type t (0: untyped). */
static RV ex_arg(Exec *x, RV dot, char t, Node *n)
{
    x->node = n;
    switch (n->type) {
    case N_DOT: return ex_validate(x, dot, t);
    case N_NIL:
        if (sig_nilable(t)) return sig_zero(t);
        ex_errorf(x, "cannot assign nil to %s", sig_type(t));
    case N_FIELD: return ex_validate(x, ex_field_node(x, dot, n, &n, 1, NULL), t);
    case N_VAR: return ex_validate(x, ex_var_node(x, dot, n, NULL, 0, NULL), t);
    case N_PIPE: return ex_validate(x, ex_pipeline(x, dot, n), t);
    case N_IDENT: return ex_validate(x, ex_function(x, dot, n, n, NULL, 0, NULL), t);
    case N_CHAIN: return ex_validate(x, ex_chain_node(x, dot, n, NULL, 0, NULL), t);
    default: break;
    }
    switch (t) {
    case 'b':
        if (n->type == N_BOOL) return rv(v_bool(n->u.boolean.val), 0);
        ex_errorf(x, "expected bool; found %s", ex_nodestr(n));
    case 'f':
        if (n->type == N_NUMBER && n->u.num.is_float) return rv(v_float(n->u.num.f), 0);
        ex_errorf(x, "expected float; found %s", ex_nodestr(n));
    case 'i':
    case 'I':
        if (n->type == N_NUMBER && n->u.num.is_int)
            return rv(t == 'i' ? v_goint(n->u.num.i) : v_int64(n->u.num.i), 0);
        ex_errorf(x, "expected integer; found %s", ex_nodestr(n));
    case 'u':
        if (n->type == N_NUMBER && n->u.num.is_uint) {
            Value u = v_int64((int64_t)(uint32_t)n->u.num.u);   /* reflect SetUint truncates */
            u.g = GT_UINT;
            return rv(u, 0);
        }
        ex_errorf(x, "expected unsigned integer; found %s", ex_nodestr(n));
    case 's':
        if (n->type == N_STRING) return ex_string_lit(n);
        ex_errorf(x, "expected string; found %s", ex_nodestr(n));
    case 0:
    case 'a':
        switch (n->type) {
        case N_BOOL: return rv(v_bool(n->u.boolean.val), 0);
        case N_NUMBER: return ex_ideal(x, n);
        case N_STRING: return ex_string_lit(n);
        default: break;
        }
        ex_errorf(x, "can't handle assignment of %s to empty interface argument", ex_nodestr(n));
    default:
        ex_errorf(x, "can't handle %s for arg of type %s", ex_nodestr(n), sig_type(t));
    }
}

/* Run a registry function or an object member under a call frame:
 * fn_error/exec_fn_raise become "error calling <name>: ..." at `node`
 * (ex_call_failed). */
static Value ex_guarded(Exec *x, const Node *node, const char *name, const FuncDef *fd, Obj *o,
                        int argc, Value *argv, const uint8_t *ifc, Node **nodes, int nnodes, int *found)
{
    CallFrame f = {node, name, fd == NULL, x->call};
    const uint8_t *s_ifc = x->arg_iface;
    const Value *s_vals = x->arg_vals;
    Node **s_nodes = x->arg_nodes;
    int s_nnodes = x->arg_nnodes, s_argc = x->call_argc;
    x->call = &f;
    x->arg_iface = ifc;
    x->arg_vals = nodes ? argv : NULL;
    x->arg_nodes = nodes;
    x->arg_nnodes = nnodes;
    x->call_argc = argc;
    Value res = v_nil();
    if (fd) res = fd->fn(x, argc, argv);
    else *found = o->type->field(x, o, name, argc, argv, &res);
    x->call = f.prev;
    x->arg_iface = s_ifc;
    x->arg_vals = s_vals;
    x->arg_nodes = s_nodes;
    x->arg_nnodes = s_nnodes;
    x->call_argc = s_argc;
    return res;
}

/* evalCall for a registry function (fd) or an object method (o, with the
 * parameter types sig). args[0] is the function's own node (args == NULL:
 * called bare as an argument, no arguments). */
static RV ex_call(Exec *x, RV dot, const char *sig, const FuncDef *fd, Obj *o, Node *node, const char *name,
                  Node **args, int nargs, const RV *final)
{
    Node **a = args ? args + 1 : NULL;
    int na = args ? nargs - 1 : 0;
    if (!sig) sig = "";
    /* "params!message": a Go method the template cannot call (goodFunc:
     * three results, or a second one that is no error), refused after
     * the arity check */
    const char *bad = strchr(sig, '!');
    int slen = bad ? (int)(bad - sig) : (int)strlen(sig);
    int variadic = slen > 0 && sig[slen - 1] == '.';
    int nin = variadic ? slen - 1 : slen;
    int numIn = na + (final != NULL);
    int numFixed = na;
    if (variadic) {
        numFixed = nin - 1;
        if (numIn < numFixed)
            ex_errorf(x, "wrong number of args for %s: want at least %d got %d", name, nin - 1, na);
    } else if (numIn != nin) {
        ex_errorf(x, "wrong number of args for %s: want %d got %d", name, nin, numIn);
    }
    if (bad) ex_errorf(x, "%s", bad + 1);
    if (fd && (fd->flags & FNF_LAZY)) {   /* and/or: short-circuit, return the operand */
        int want = strcmp(name, "or") == 0;
        RV v = rv_nil();
        for (int i = 0; i < na; i++) {
            v = ex_arg(x, dot, 'a', a[i]);
            if (!!v_truth(v.v) == want) return v;
        }
        if (final) v = *final;
        return v;
    }
    ArgBuf local;
    uint8_t *ifc;
    Value *argv = arg_vector(&local, numIn, &ifc);
    int i = 0;
    for (; i < numFixed && i < na; i++) {
        RV r = ex_arg(x, dot, sig[i], a[i]);
        argv[i] = r.v, ifc[i] = (uint8_t)r.iface;
    }
    if (variadic)
        for (; i < na; i++) {
            RV r = ex_arg(x, dot, sig[nin - 1], a[i]);
            argv[i] = r.v, ifc[i] = (uint8_t)r.iface;
        }
    if (final) {
        char t = sig[nin - 1];
        if (variadic && numIn - 1 < numFixed) t = sig[numIn - 1];
        RV r = ex_validate(x, *final, t);
        argv[i] = r.v, ifc[i] = (uint8_t)r.iface;
    }
    int found = 1;
    Value res = ex_guarded(x, node, name, fd, o, numIn, argv, ifc, a, na, &found);
    if (!found) ex_errorf(x, "can't evaluate field %s in type %s", name, o->type->gotype);
    RV r = rv(res, 0);
    r.noaddr = 1;
    return r;
}

static RV ex_function(Exec *x, RV dot, Node *id, Node *cmd, Node **args, int nargs, const RV *final)
{
    x->node = id;
    const FuncDef *fd = id->u.ident.fn;   /* the parser found it */
    return ex_call(x, dot, fd->sig, fd, NULL, cmd, fd->name, args, nargs, final);
}

static void ex_not_a_function(Exec *x, Node **args, int nargs, const RV *final)
{
    if (nargs > 1 || final) ex_errorf(x, "can't give argument to non-function %s", ex_nodestr(args[0]));
}

/* ex_field for every receiver but a plain map: name is NUL-terminated */
static __attribute__((noinline)) RV ex_field_slow(Exec *x, RV dot, const char *name, uint32_t len, uint32_t hash,
                                                  Node *node, Node **args, int nargs, const RV *final, RV recv)
{
    if (recv.v.t == VT_NIL && !recv.iface) return rv_nil();
    if (recv.v.t == VT_NIL) ex_errorf(x, "nil pointer evaluating interface {}.%s", name);
    int has_args = nargs > 1 || final;
    /* a method name is exported: it starts with an upper-case letter (the
     * method tables hold ASCII names only) */
    int exported = name[0] >= 'A' && name[0] <= 'Z';
    Value v = recv.v;
    if (v.t == VT_OBJ && v.u.o && v.u.o->type && v.u.o->type->field && v.u.o->type->method_sig) {
        /* Go: a method first (evalCall converts its arguments), then a
         * struct field or map key, which takes no arguments */
        const ObjType *ot = v.u.o->type;
        const char *msig = exported ? ot->method_sig(v.u.o, name) : NULL;
        if (msig) return ex_call(x, dot, msig, NULL, v.u.o, node, name, args, nargs, final);
        Value out = v_nil();
        if (ot->flags & OBJF_MAP_KIND) {
            if (has_args) ex_errorf(x, "%s is not a method but has arguments", name);
            if (ot->field(x, v.u.o, name, 0, NULL, &out)) return rv(out, 0);
        } else if (ot->field(x, v.u.o, name, 0, NULL, &out)) {
            if (has_args) ex_errorf(x, "%s has arguments but cannot be invoked as function", name);
            return rv(out, 0);
        }
    } else if (v.t == VT_OBJ && v.u.o && v.u.o->type && v.u.o->type->field) {
        int na = nargs > 1 ? nargs - 1 : 0;
        int argc = na + (final != NULL);
        ArgBuf local;
        uint8_t *ifc;
        Value *argv = arg_vector(&local, argc, &ifc);
        for (int i = 0; i < na; i++) {
            RV r = ex_arg(x, dot, 'a', args[i + 1]);
            argv[i] = r.v, ifc[i] = (uint8_t)r.iface;
        }
        if (final) argv[na] = final->v, ifc[na] = (uint8_t)final->iface;
        int found = 0;
        Value out = ex_guarded(x, node, name, NULL, v.u.o, argc, argv, ifc, NULL, 0, &found);
        if (found) return rv(out, 0);
    } else if (v.t == VT_MAP) {
        const char *msig = v.g == GT_VALUES && exported ? values_method_sig(name, len) : NULL;
        if (msig) {
            /* Go looks a method up before a map key: .Values.AsMap is the method */
            Obj *o = cc_alloc(sizeof *o);
            Value *d = cc_alloc(sizeof *d);
            *d = v;
            o->type = &values_method_type;
            o->data = d;
            return ex_call(x, dot, msig, NULL, o, node, name, args, nargs, final);
        }
        Value *e = v.u.m ? map_get_hashed(v.u.m, name, len, hash) : NULL;   /* NULL: nil map */
        if (v.g == GT_STRUCT) {
            if (e) {
                if (has_args) ex_errorf(x, "%s has arguments but cannot be invoked as function", name);
                return rv(*e, 0);
            }
        } else {
            if (has_args) ex_errorf(x, "%s is not a method but has arguments", name);
            if (e) return rv(*e, v.g != GT_STRMAP);
            if (v.g == GT_STRMAP) return rv(v_str("", 0), 0);
            return rv(v_nil(), 1);
        }
    }
    ex_errorf(x, "can't evaluate field %s in type %s", name, recv.iface ? "interface {}" : v_gotype(recv.v));
}

/* Could name (a field of a Values map) be one of its methods? Their
 * first letters (values_method_sig): AsMap, Encode, PathValue, Table, YAML. */
static inline int ex_values_method(const char *name, uint32_t len)
{
    unsigned c = (unsigned char)name[0] - 'A';
    const uint32_t first = 1u << ('A' - 'A') | 1u << ('E' - 'A') | 1u << ('P' - 'A') | 1u << ('T' - 'A') |
                           1u << ('Y' - 'A');
    return c < 26 && (first >> c & 1) && values_method_sig(name, len);
}

/* ex_field past a plain map: the name made a C string */
static __attribute__((noinline)) RV ex_field_named(Exec *x, RV dot, const char *id, uint32_t len, uint32_t hash,
                                                   Node *node, Node **args, int nargs, const RV *final, RV recv)
{
    char local[64];
    char *name = len < sizeof local ? local : cc_alloc(len + 1);
    memcpy(name, id, len);
    name[len] = 0;
    return ex_field_slow(x, dot, name, len, hash, node, args, nargs, final, recv);
}

/* evalField: one step .name on receiver, name being the len bytes at id
 * (hash: their map_hash); args/final only on the last step. A map key,
 * the common case, is looked up here (inline); the rest needs the name as
 * a C string (object methods and fields). */
static inline RV ex_field(Exec *x, RV dot, const char *id, uint32_t len, uint32_t hash, Node *node, Node **args,
                          int nargs, const RV *final, RV recv)
{
    Value v = recv.v;
    if (v.t == VT_MAP && v.g != GT_STRUCT && !(v.g == GT_VALUES && ex_values_method(id, len))) {
        if (nargs > 1 || final) ex_errorf(x, "%.*s is not a method but has arguments", (int)len, id);
        Value *e = map_get_hashed(v.u.m, id, len, hash);   /* NULL: nil map */
        if (e) return rv(*e, v.g != GT_STRMAP);
        if (v.g == GT_STRMAP) return rv(v_str("", 0), 0);
        return rv(v_nil(), 1);
    }
    return ex_field_named(x, dot, id, len, hash, node, args, nargs, final, recv);
}

/* the fields of a chain: n names from s, one byte apart */
static RV ex_field_chain(Exec *x, RV dot, RV recv, Node *node, const char *s, const NodeId *ids, int n,
                         Node **args, int nargs, const RV *final)
{
    for (int i = 0; i < n - 1; i++) {
        recv = ex_field(x, dot, s, ids[i].len, ids[i].hash, node, NULL, 0, NULL, recv);
        s += ids[i].len + 1;
    }
    return ex_field(x, dot, s, ids[n - 1].len, ids[n - 1].hash, node, args, nargs, final, recv);
}

static RV ex_field_node(Exec *x, RV dot, Node *f, Node **args, int nargs, const RV *final)
{
    x->node = f;
    return ex_field_chain(x, dot, dot, f, f->u.field.s, f->u.field.ids, f->u.field.n, args, nargs, final);
}

static RV ex_chain_node(Exec *x, RV dot, Node *c, Node **args, int nargs, const RV *final)
{
    x->node = c;
    if (c->u.chain.n == 0) ex_errorf(x, "internal error: no fields in evalChainNode");
    if (c->u.chain.node->type == N_NIL)
        ex_errorf(x, "indirection through explicit nil in %s", ex_nodestr(c));
    RV pipe = ex_arg(x, dot, 0, c->u.chain.node);
    return ex_field_chain(x, dot, pipe, c, c->u.chain.s, c->u.chain.ids, c->u.chain.n, args, nargs, final);
}

static RV ex_var_node(Exec *x, RV dot, Node *v, Node **args, int nargs, const RV *final)
{
    x->node = v;
    RV val = var_find(x, v)->v;
    if (v->u.var.n == 1) {
        ex_not_a_function(x, args, nargs, final);
        return val;
    }
    return ex_field_chain(x, dot, val, v, v->u.var.s + v->u.var.ids[0].len + 1, v->u.var.ids + 1,
                          v->u.var.n - 1, args, nargs, final);
}

static RV ex_command(Exec *x, RV dot, Node *cmd, const RV *final)
{
    Node **args = cmd->u.cmd.args;
    int n = cmd->u.cmd.n;
    Node *first = args[0];
    switch (first->type) {
    case N_FIELD: return ex_field_node(x, dot, first, args, n, final);
    case N_CHAIN: return ex_chain_node(x, dot, first, args, n, final);
    case N_IDENT: return ex_function(x, dot, first, cmd, args, n, final);
    case N_PIPE:
        ex_not_a_function(x, args, n, final);
        return ex_pipeline(x, dot, first);
    case N_VAR: return ex_var_node(x, dot, first, args, n, final);
    default: break;
    }
    x->node = first;
    ex_not_a_function(x, args, n, final);
    switch (first->type) {
    case N_BOOL: return rv(v_bool(first->u.boolean.val), 0);
    case N_DOT: return dot;
    case N_NIL: ex_errorf(x, "nil is not a command");
    case N_NUMBER: return ex_ideal(x, first);
    case N_STRING: return ex_string_lit(first);
    default: break;
    }
    ex_errorf(x, "can't evaluate command %s", ex_nodestr(first));
}

/* evalPipeline: commands chained through `final`; the result is
 * unwrapped (an interface nil becomes an untyped nil); declarations are
 * pushed or assigned. */
static RV ex_pipeline(Exec *x, RV dot, Node *pipe)
{
    if (!pipe) return rv_nil();
    x->node = pipe;
    if (cc_stack_low()) ex_stack_exhausted(x);
    RV val = rv_nil();
    for (int i = 0; i < pipe->u.pipe.ncmds; i++) {
        RV r = ex_command(x, dot, pipe->u.pipe.cmds[i], i ? &val : NULL);
        val = r;
        if (r.iface) val.noaddr = 1;   /* reflect.ValueOf(value.Interface()) */
        val.iface = 0;
    }
    for (int i = 0; i < pipe->u.pipe.ndecl; i++) {
        const Node *d = pipe->u.pipe.decl[i];
        if (pipe->is_assign) var_find(x, d)->v = val;
        else var_push(x, d->u.var.s, d->u.var.ids[0].len, val);
    }
    return val;
}

/* ---- walking --------------------------------------------------------- */

static void ex_print(Exec *x, Node *n, RV v)
{
    x->node = n;
    if (v.v.t == VT_NIL) buf_put(x->out, "<no value>", 10);
    else if (v.v.t == VT_OBJ && v.v.u.o->type->print && !(v.noaddr && (v.v.u.o->type->flags & OBJF_PTR_STRING)))
        v.v.u.o->type->print(x->out, v.v.u.o);   /* printableValue: String() of the addressable value */
    else if (v.v.t == VT_OBJ && !v.v.u.o->type->print && v.v.u.o->type->go_fields)
        go_print(x->out, v.v.u.o->type->go_fields(v.v.u.o));   /* printableValue indirects a pointer: {...} */
    else go_print(x->out, v.v);
}

static int ex_if_with(Exec *x, int is_with, RV dot, Node *n)
{
    int mark = x->nvars;
    RV val = ex_pipeline(x, dot, n->u.branch.pipe);
    int r = WALK_OK;
    if (v_truth(val.v)) r = ex_walk(x, is_with ? val : dot, n->u.branch.list);
    else if (n->u.branch.else_list) r = ex_walk(x, dot, n->u.branch.else_list);
    x->nvars = mark;
    return r;
}

/* One range iteration; returns 1 when the loop must stop (break). */
/* Functions that change their arguments or run other templates: what an
 * iteration calling them allocates can outlive it. */
static const char *const ex_escaping_fns[] = {
    "set", "unset", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite",
    "include", "tpl", "call",
};

/* What executing n can let outlive it: ESC_ASSIGN for `=` (an outer
 * variable may take a value allocated there), ESC_ANY for {{template}} and
 * the functions above. Fields, methods and every other function only read
 * their arguments and return fresh values. A range body's answer is kept
 * in its node (scratch), so ranges nested n deep cost n node visits, not
 * n^2/2; where the stack runs low, ESC_ANY (nothing is released). */
enum { ESC_ASSIGN = 1, ESC_ANY = 2 };

static int ex_escapes(Node *n);

static int ex_range_escapes(Node *r)
{
    if (!r->scratch) r->scratch = (uint8_t)(1 + ex_escapes(r->u.branch.list));
    return r->scratch - 1;
}

static int ex_escapes(Node *n)
{
    if (!n) return 0;
    if (cc_stack_low()) return ESC_ANY;
    int e = 0;
    switch (n->type) {
    case N_TEXT: case N_COMMENT: case N_BREAK: case N_CONTINUE: case N_DOT: case N_NIL:
    case N_BOOL: case N_NUMBER: case N_STRING: case N_FIELD: case N_VAR:
        return 0;
    case N_LIST:
        for (int i = 0; i < n->u.list.n && e < ESC_ANY; i++) e |= ex_escapes(n->u.list.items[i]);
        return e;
    case N_ACTION: return ex_escapes(n->u.action.pipe);
    case N_PIPE:
        e = n->is_assign ? ESC_ASSIGN : 0;
        for (int i = 0; i < n->u.pipe.ncmds && e < ESC_ANY; i++) e |= ex_escapes(n->u.pipe.cmds[i]);
        return e;
    case N_COMMAND:
        for (int i = 0; i < n->u.cmd.n && e < ESC_ANY; i++) e |= ex_escapes(n->u.cmd.args[i]);
        return e;
    case N_IDENT:
        for (size_t i = 0; i < sizeof ex_escaping_fns / sizeof ex_escaping_fns[0]; i++)
            if (strcmp(n->u.ident.fn->name, ex_escaping_fns[i]) == 0) return ESC_ANY;
        return 0;
    case N_CHAIN: return ex_escapes(n->u.chain.node);
    case N_RANGE:
        return ex_escapes(n->u.branch.pipe) | ex_range_escapes(n) | ex_escapes(n->u.branch.else_list);
    case N_IF: case N_WITH:
        return ex_escapes(n->u.branch.pipe) | ex_escapes(n->u.branch.list) |
               ex_escapes(n->u.branch.else_list);
    default:
        return ESC_ANY;
    }
}

/* Does a live variable hold something the iteration since m allocated?
 * Only the top level needs a look: without the escaping functions nothing
 * older was changed to point at newer memory. */
static int ex_vars_since(const Exec *x, CcMark m)
{
    for (int i = 0; i < x->nvars; i++)
        if (cc_value_since(m, x->vars[i].v.v)) return 1;
    return 0;
}

/* A range loop whose body assigns outer variables: what the iterations
 * allocated since the loop began (mark L) and the variables no longer
 * reach is dropped now and then, as a copying collector would: when the
 * loop has allocated over 1 MiB and twice what was kept the last time,
 * the variables' values are evacuated (cc_arena_evacuate). The copying
 * then costs at most what the iterations allocated, and a loop such as
 * `$l = append $l .` holds its live list, not every one it made. */
typedef struct RangeGc { CcMark L; int started; uint64_t since, live; } RangeGc;

static void ex_range_collect(Exec *x, RangeGc *gc)
{
    uint64_t grown = cc_arena_allocated() - gc->since;
    if (grown < ((uint64_t)1 << 20) || grown < 2 * gc->live) return;
    Value *roots[64], **rp = roots;
    if (x->nvars > 64 && !(rp = malloc((size_t)x->nvars * sizeof *rp))) cc_oom();
    for (int i = 0; i < x->nvars; i++) rp[i] = &x->vars[i].v.v;
    long long kept = cc_arena_evacuate(gc->L, rp, x->nvars);
    if (rp != roots) free(rp);
    if (kept >= 0) gc->live = (uint64_t)kept;
    gc->since = cc_arena_allocated();
}

/* One iteration of range r. When its body lets nothing escape, what the
 * iteration allocated is released after it (issue 9 defect 14: a loop of
 * 2e7 iterations no longer keeps every iteration's scratch); when it only
 * assigns outer variables, it is released unless one of them now holds
 * something new (then ex_range_collect runs). On an error the longjmp
 * skips the release: the execution ends anyway. */
static int ex_range_iter(Exec *x, Node *r, int mark, RV index, RV elem, RangeGc *gc)
{
    ex_range_escapes(r);
    if (!gc->started && r->scratch == 1 + ESC_ASSIGN) {
        gc->L = cc_arena_mark();
        gc->started = 1;
        gc->since = cc_arena_allocated();
    }
    CcMark m = {0};
    if (r->scratch <= 1 + ESC_ASSIGN) m = cc_arena_mark();
    Node *pipe = r->u.branch.pipe;
    int nd = pipe->u.pipe.ndecl;
    if (nd > 0) {
        if (pipe->is_assign) {
            var_find(x, pipe->u.pipe.decl[0])->v = nd > 1 ? index : elem;
        } else {
            x->vars[x->nvars - 1].v = elem;
        }
    }
    if (nd > 1) {
        if (pipe->is_assign) var_find(x, pipe->u.pipe.decl[1])->v = elem;
        else x->vars[x->nvars - 2].v = index;
    }
    int w = ex_walk(x, elem, r->u.branch.list);
    x->nvars = mark;
    if (r->scratch == 1 || (r->scratch == 1 + ESC_ASSIGN && !ex_vars_since(x, m))) cc_arena_release(m);
    else if (r->scratch == 1 + ESC_ASSIGN) ex_range_collect(x, gc);
    return w == WALK_BREAK;
}

/* fmtsort.Sort of the map before the first iteration: keys and values
 * copied out, so the body may set, unset or merge into the map (Go visits
 * every key present at the start, deleted or not, with its value then). */
static const MapEnt *ex_range_snapshot(const Map *m, uint32_t *n)
{
    *n = m ? m->len : 0;
    MapEnt **es = map_sorted(m, 0);
    MapEnt *snap = *n ? cc_alloc(*n * sizeof *snap) : NULL;
    for (uint32_t i = 0; i < *n; i++) snap[i] = *es[i];
    return snap;
}

static void ex_range(Exec *x, RV dot, Node *r)
{
    x->node = r;
    int outer = x->nvars;
    RV val = ex_pipeline(x, dot, r->u.branch.pipe);
    int mark = x->nvars;
    Value v = val.v;
    int iterated = 0;
    RangeGc gc = {0};
    switch (v.t) {
    case VT_LIST:
        if (v.g == GT_BYTES) goto bad;
        if (!v.u.l) break; /* nil slice: nothing to iterate, {{else}} runs */
        /* Go ranges over the slice header it evaluated: the length is
         * fixed before the body runs (an append makes a new slice) */
        for (uint32_t i = 0, n = v.u.l->len; i < n && i < v.u.l->len; i++) {
            iterated = 1;
            if (ex_range_iter(x, r, mark, rv(v_goint(i), 0), rv(v.u.l->v[i], v.g != GT_STRSLICE), &gc)) break;
        }
        break;
    case VT_MAP: {
        if (v.g == GT_STRUCT) goto bad;
        uint32_t n;
        const MapEnt *ents = ex_range_snapshot(v.u.m, &n);
        for (uint32_t i = 0; i < n; i++) {
            iterated = 1;
            Value k = v_str(ents[i].k, ents[i].klen);
            if (ex_range_iter(x, r, mark, rv(k, 0), rv(ents[i].v, v.g != GT_STRMAP), &gc)) break;
        }
        break;
    }
    case VT_NIL:
        break;
    case VT_STR:
        if (v.g != GT_BYTES) goto bad;
        for (uint32_t i = 0; i < v.n; i++) {   /* []byte: uint8 elements */
            iterated = 1;
            if (ex_range_iter(x, r, mark, rv(v_goint(i), 0), rv(v_int64((unsigned char)v.u.s[i]), 0), &gc)) break;
        }
        break;
    case VT_INT:
        if (cc_helm_major < 4) goto bad;
        if (r->u.branch.pipe->u.pipe.ndecl > 1) {
            Buf b = {0};
            go_print(&b, v);
            const char *s = buf_arena(&b);
            buf_free(&b);
            ex_errorf(x, "can't use %s to iterate over more than one variable", s);
        }
        for (int64_t i = 0; i < v.u.i; i++) {
            iterated = 1;
            Value e = v;
            e.u.i = i;
            if (ex_range_iter(x, r, mark, rv_nil(), rv(e, 0), &gc)) break;
        }
        break;
    case VT_OBJ:
        if (v.u.o && v.u.o->type && v.u.o->type->to_data) {
            Value d = v.u.o->type->to_data(v.u.o);
            if (d.t == VT_LIST || (d.t == VT_MAP && d.g != GT_STRUCT)) {
                val = rv(d, 0);
                v = d;
                if (d.t == VT_LIST) {
                    for (uint32_t i = 0, n = d.u.l ? d.u.l->len : 0; i < n && i < d.u.l->len; i++) {
                        iterated = 1;
                        if (ex_range_iter(x, r, mark, rv(v_goint(i), 0), rv(d.u.l->v[i], 0), &gc)) break;
                    }
                } else {
                    uint32_t n;
                    const MapEnt *ents = ex_range_snapshot(d.u.m, &n);
                    for (uint32_t i = 0; i < n; i++) {
                        iterated = 1;
                        Value k = v_str(ents[i].k, ents[i].klen);
                        if (ex_range_iter(x, r, mark, rv(k, 0), rv(ents[i].v, 0), &gc)) break;
                    }
                }
                break;
            }
        }
        goto bad;
    default:
    bad: {
        Buf b = {0};
        go_print(&b, v);
        const char *s = buf_arena(&b);
        buf_free(&b);
        ex_errorf(x, "range can't iterate over %s", s);
    }
    }
    if (!iterated && r->u.branch.else_list) ex_walk(x, dot, r->u.branch.else_list);
    x->nvars = outer;
}

static void ex_template(Exec *x, RV dot, Node *t)
{
    x->node = t;
    Tree *tree = tset_lookup(x->ts, t->u.tmpl.name);
    if (!tree) {
        Buf b = {0};
        go_quote(&b, t->u.tmpl.name, strlen(t->u.tmpl.name), 0);
        const char *q = buf_arena(&b);
        buf_free(&b);
        ex_errorf(x, "template %s not defined", q);
    }
    if (x->depth == MAX_EXEC_DEPTH) ex_errorf(x, "exceeded maximum template depth (%d)", MAX_EXEC_DEPTH);
    RV ndot = ex_pipeline(x, dot, t->u.tmpl.pipe);
    int save_nvars = x->nvars, save_vbase = x->vbase;
    Tree *save_tmpl = x->tmpl;
    if (x->nframes == x->capframes) {
        int nc = x->capframes ? 2 * x->capframes : 16;
        x->frames = cc_grow(x->frames, sizeof *x->frames * (size_t)x->capframes, sizeof *x->frames * (size_t)nc);
        x->capframes = nc;
    }
    x->frames[x->nframes++] = (ExecAt){t, x->tmpl};
    x->depth++;
    x->tmpl = tree;
    x->vbase = x->nvars;
    var_push(x, "$", 1, ndot);
    ex_walk(x, ndot, tree->root);
    x->nframes--;
    x->depth--;
    x->tmpl = save_tmpl;
    x->nvars = save_nvars;
    x->vbase = save_vbase;
}

static int ex_walk(Exec *x, RV dot, Node *n)
{
    if (!n) return WALK_OK;
    x->node = n;
    if (cc_stack_low()) ex_stack_exhausted(x);
    switch (n->type) {
    case N_ACTION: {
        RV v = ex_pipeline(x, dot, n->u.action.pipe);
        if (n->u.action.pipe->u.pipe.ndecl == 0) ex_print(x, n, v);
        return WALK_OK;
    }
    case N_COMMENT: return WALK_OK;
    case N_BREAK: return WALK_BREAK;
    case N_CONTINUE: return WALK_CONTINUE;
    case N_IF: return ex_if_with(x, 0, dot, n);
    case N_WITH: return ex_if_with(x, 1, dot, n);
    case N_LIST:
        for (int i = 0; i < n->u.list.n; i++) {
            int r = ex_walk(x, dot, n->u.list.items[i]);
            if (r != WALK_OK) return r;
        }
        return WALK_OK;
    case N_RANGE: ex_range(x, dot, n); return WALK_OK;
    case N_TEMPLATE: ex_template(x, dot, n); return WALK_OK;
    case N_TEXT: buf_put(x->out, n->u.text.s, n->u.text.n); return WALK_OK;
    default: ex_errorf(x, "unknown node: %s", ex_nodestr(n));
    }
}

/* ---- entry points ---------------------------------------------------- */

TmplError *exec_template(Exec *x, TSet *ts, const char *name, Value data, Buf *out)
{
    if (!ts) ts = x->ts;
    Tree *t = tset_lookup(ts, name);
    if (!t) {
        Buf b = {0};
        buf_puts(&b, "template: no template ");
        go_quote(&b, name, strlen(name), 0);
        buf_puts(&b, " associated with template \"gotpl\"");
        char *s = buf_arena(&b);
        buf_free(&b);
        return exec_err_plain(s, NULL);
    }
    return exec_tree(x, ts, t, data, out);
}

TmplError *exec_tree(Exec *x, TSet *ts, Tree *t, Value data, Buf *out)
{
    Catch c;
    memset(&c, 0, sizeof c);
    c.prev = x->catch;
    ExecSnap save = ex_snap(x);
    x->catch = &c;
    x->ts = ts;
    x->tmpl = t;
    x->out = out;
    x->depth = 0;
    x->node = NULL;
    x->vbase = x->nvars;
    x->fbase = x->nframes;
    x->call = NULL;
    var_push(x, "$", 1, rv(data, 0));
    TmplError *err = NULL;
    int code = setjmp(c.jb);
    if (code == 0) ex_walk(x, rv(data, 0), t->root);
    else if (code == 1) err = c.err;
    else if (code == 2) err = ex_mkerr(x, c.fnmsg, NULL);
    else err = c.fninner;
    ex_restore(x, &save);
    return err;
}

/* Execution runs on the deep stack (cc_run_deep): Go's executor
 * recurses on goroutine stacks that grow to 1 GB, and nested include
 * (1000 per name) and template (100000) chains need far more than the
 * default 8 MB C stack. Within one command every template runs on the
 * same deep stack; it is only switched to when the caller is not on
 * one already. */
typedef struct ExecJob {
    Exec *x;
    TSet *ts;
    const char *name;
    Value data;
    Buf *out;
    TmplError *err;
} ExecJob;

static void ex_job(void *p)
{
    ExecJob *j = p;
    j->err = exec_template(j->x, j->ts, j->name, j->data, j->out);
}

TmplError *tmpl_exec(TSet *ts, const char *name, Value data, Buf *out)
{
    Exec *x = cc_alloc(sizeof *x);
    x->ts = ts;
    x->included = map_new(8);
    FnErrorHook old_hook = fn_error_hook;
    Exec *old_cur = ex_cur;
    fn_error_hook = ex_hook;
    ex_cur = x;
    ExecJob job = {x, ts, name, data, out, NULL};
    cc_run_deep(ex_job, &job);
    free(x->vars);
    for (int i = 0; i < x->nincbuf; i++) {
        buf_free(x->incbuf[i]);
        free(x->incbuf[i]);
    }
    free(x->incbuf);
    free(x->inccount);
    fn_error_hook = old_hook;
    ex_cur = old_cur;
    return x->fatal ? x->fatal : job.err;
}

TSet *exec_tset(Exec *x) { return (x ? x : ex_cur)->ts; }
void exec_set_tset(Exec *x, TSet *ts) { (x ? x : ex_cur)->ts = ts; }

int exec_include_enter(Exec *x, const char *name, size_t len, int *slot)
{
    if (!x) x = ex_cur;
    uint32_t h = map_hash(name, len);
    Value *v = map_get_hashed(x->included, name, len, h);
    if (v) {
        *slot = (int)v->u.i;
    } else {
        if (x->ninccount == x->capinccount) {
            int nc = x->capinccount ? 2 * x->capinccount : 16;
            int *c = realloc(x->inccount, sizeof *c * (size_t)nc);
            if (!c) cc_oom();
            x->inccount = c;
            x->capinccount = nc;
        }
        *slot = x->ninccount++;
        x->inccount[*slot] = 0;
        map_set(x->included, name, len, v_int64(*slot));
    }
    return ++x->inccount[*slot];
}

void exec_include_leave(Exec *x, int slot)
{
    if (!x) x = ex_cur;
    x->inccount[slot]--;
}

/* A buffer that grew past this is freed when its include is done, so
 * one huge include does not keep its memory for the rest of the run. */
#define INCBUF_KEEP ((size_t)1 << 20)

Buf *exec_include_buf(Exec *x)
{
    if (!x) x = ex_cur;
    if (x->incdepth == x->nincbuf) {
        if (x->nincbuf == x->capincbuf) {
            int nc = x->capincbuf ? 2 * x->capincbuf : 8;
            Buf **a = realloc(x->incbuf, sizeof *a * (size_t)nc);
            if (!a) cc_oom();
            x->incbuf = a;
            x->capincbuf = nc;
        }
        if (!(x->incbuf[x->nincbuf] = calloc(1, sizeof **x->incbuf))) cc_oom();
        x->nincbuf++;
    }
    Buf *b = x->incbuf[x->incdepth++];
    b->len = 0;
    return b;
}

void exec_include_buf_done(Exec *x)
{
    if (!x) x = ex_cur;
    Buf *b = x->incbuf[--x->incdepth];
    if (b->cap > INCBUF_KEEP) buf_free(b);
}

int exec_arg_iface(Exec *x, int i)
{
    if (!x) x = ex_cur;
    return x && x->arg_iface && i >= 0 && i < x->call_argc ? x->arg_iface[i] : 0;
}

const char *exec_arg_text(Exec *x, int i)
{
    if (!x) x = ex_cur;
    if (!x || !x->arg_nodes || i < 0 || i >= x->call_argc) return "";
    if (i < x->arg_nnodes) return ex_nodestr(x->arg_nodes[i]);
    /* the pipeline's value, as reflect.Value's String shows it */
    Value v = x->arg_vals[i];
    return cc_printf("<%s Value>", v.t == VT_NIL ? "invalid" : v_gotype(v));
}
