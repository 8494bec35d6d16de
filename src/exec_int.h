/*
 * exec_int.h - private interface between the template executor
 * (tmpl_exec.c) and the functions that need to run templates or inspect
 * the call in progress (fn_builtin.c, fn_helm.c).
 * Mirrors the unexported parts of go src/text/template/exec.go (state,
 * ExecError wrapping) as helm v4.1.4 pkg/engine/engine.go uses them.
 */
#ifndef CHARTC_EXEC_INT_H
#define CHARTC_EXEC_INT_H
#include "chartc/tmpl.h"

/* The structured error chain. Text of a link:
 *   TE_EXEC:  "template: <loc>: executing \"<name>\" at <<node>>: <msg><inner>"
 *             (loc == NULL: "template: <name>: <msg><inner>")
 *   TE_PLAIN: "<msg><inner>"
 * inner != NULL means the Go error wraps it (%w), so Helm v4's
 * errors.Unwrap walk visits it. */
enum { TE_EXEC, TE_PLAIN };
/* A node and the tree it belongs to (nodes do not point to their tree). */
typedef struct ExecAt { const Node *node; const Tree *tree; } ExecAt;
struct TmplError {
    int kind;
    const char *loc, *name, *node, *msg;
    TmplError *inner;
    /* TE_EXEC: the node the error is located at (loc's source), and the
     * {{template}} actions that led there within this execution
     * (outermost first; include/tpl boundaries are inner links). */
    ExecAt at;
    const ExecAt *calls; int ncalls;
};

TmplError *exec_err_plain(const char *msg, TmplError *inner);
/* Full Go Error() text of e (arena). */
const char *exec_err_string(const TmplError *e);

/* Run template `name` of ts (NULL: the executing set) with dot `data` into
 * out, as Go's ExecuteTemplate called from a function: a fresh variable
 * scope, errors returned, not raised. Unknown name: the Go
 * "template: no template %q associated with template %q" error. */
TmplError *exec_template(Exec *x, TSet *ts, const char *name, Value data, Buf *out);

/* The same for a tree in hand (tpl's freshly parsed text). */
TmplError *exec_tree(Exec *x, TSet *ts, Tree *t, Value data, Buf *out);

/* Fail the function call in progress with a wrapped error: the executor
 * reports "error calling <fn>: <text of e>" and keeps e in the chain. */
_Noreturn void exec_fn_raise(Exec *x, TmplError *e);

/* Fail the whole execution with one unwrapped error when the C stack is
 * nearly exhausted (tpl and include call it before nesting deeper; Helm
 * has no limit for tpl and dies with Go's stack overflow). */
void exec_stack_check(Exec *x);

/* The template set in use by the executing call (tpl swaps in clones). */
TSet *exec_tset(Exec *x);
void exec_set_tset(Exec *x, TSet *ts);

/* include's per-name nesting counter (shared across tpl clones):
 * enter counts one more include of the name (len bytes) in progress and
 * returns the count, setting *slot for the matching leave. */
int exec_include_enter(Exec *x, const char *name, size_t len, int *slot);
void exec_include_leave(Exec *x, int slot);

/* include's output buffer: a heap Buf of the executor's for this nesting
 * level, emptied, kept for the next include at the same level. Done
 * gives it back (copy the text out first: a big buffer is freed then);
 * an error unwinding to a template boundary gives it back as well. */
Buf *exec_include_buf(Exec *x);
void exec_include_buf_done(Exec *x);

/* 1 if argument i of the function call in progress is a nil held in an
 * interface{} (a missing map key), 0 for an untyped nil or other value.
 * Go's len/index tell them apart ("len of nil pointer"). */
int exec_arg_iface(Exec *x, int i);
/* Canonical text of argument node i of the call in progress, or for the
 * pipeline's value "<TYPE Value>" (reflect.Value's String), made when
 * asked. Used by `call`'s messages. */
const char *exec_arg_text(Exec *x, int i);

#endif
