/*
 * func.h - the one function registry (text/template builtins, Sprig, Helm).
 *
 * Every function is a row FN(name, cfunc, sig, doc) in a family file
 * src/fn_<family>.def; src/funcs.c includes them all into one table.
 * Mirrors helm v4.1.4 pkg/engine/funcs.go + sprig v3.3.0 functions.go.
 *
 * sig: Go parameter types, one letter each, checked and converted by the
 * executor before the call (Go's assignability rules and error texts):
 *   a interface{}   s string   i int   I int64   f float64   b bool
 *   m map[string]interface{} (may arrive as nil)   l []interface{}
 *   S []string   u uint32 (derivePassword's counter)
 *   T time.Time   C sprig.certificate   V *semver.Version
 *     (object types: a value is assignable when its ObjType.gotype is that
 *     name; a literal gets "can't handle X for arg of type T")
 * A trailing '.' makes the last letter variadic ("sa." = func(string, ...interface{})).
 * The C function receives argc/argv already converted: an 's' argument is a
 * VT_STR Go string, 'i'/'I' a VT_INT, 'f' a VT_FLOAT, 'b' a VT_BOOL.
 * Return the result; raise errors with fn_error() (the executor reports
 * "error calling <name>: <msg>").
 */
#ifndef CHARTC_FUNC_H
#define CHARTC_FUNC_H
#include "value.h"

typedef struct Exec Exec;
typedef Value (*CFunc)(Exec *x, int argc, Value *argv);

enum {
    FNF_V4 = 1,    /* only in Helm v4 (mustToYaml ...) */
    FNF_LAZY = 2,  /* and/or: executor evaluates arguments itself */
};

typedef struct FuncDef {
    const char *name;
    CFunc fn;
    const char *sig;
    const char *doc;
    int flags;
} FuncDef;

/* The sig letters and the Go parameter types they stand for. */
#define CC_SIG_TYPES(X) \
    X('a', "interface {}") X('s', "string") X('i', "int") X('I', "int64") \
    X('f', "float64") X('b', "bool") X('m', "map[string]interface {}") \
    X('l', "[]interface {}") X('S', "[]string") X('u', "uint32") \
    X('T', "time.Time") X('C', "sprig.certificate") X('V', "*semver.Version") \
    X('W', "io.Writer")
/* Go type name of sig letter c ("interface {}" for unknown letters). */
const char *func_sig_type(char c);

/* Lookup by name honouring cc_helm_major; NULL if not defined. */
const FuncDef *func_lookup(const char *name, size_t n);
/* The whole table (for docs and tests), terminated by a row with name NULL. */
const FuncDef *func_table(void);

/* Raise an error from inside a function: the call fails with
 * "error calling <fn>: <message>". Does not return (longjmp). */
_Noreturn void fn_error(Exec *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* fn_error formats the message (arena) and passes it to this hook, which
 * must not return. The executor installs its own (longjmp to the failing
 * call); the default prints "chartc: <msg>" and aborts. Unit tests of
 * function families may install one that longjmps back to the test. */
typedef void (*FnErrorHook)(Exec *x, const char *msg);
extern FnErrorHook fn_error_hook;

/* Convenience for functions that need Go's string conversion of any value
 * (sprig strval / fmt.Sprint). Result lives in the arena. */
Value fn_strval(Value v);

/* Methods of Helm's Values type (common.Values in v4, chartutil.Values in
 * v3: AsMap, Encode, PathValue, Table, YAML) on a GT_VALUES map. The
 * executor calls them through an Obj whose data points at the map's Value
 * (values.c). */
extern const ObjType values_method_type;
/* The parameter sig of Values method `name` (len bytes), NULL when it is
 * none: what values_method_type.method_sig answers, without a C string. */
const char *values_method_sig(const char *name, size_t len);

#endif
