/*
 * fn_flow.c - Sprig defaults and flow: default empty coalesce all any
 * ternary. Mirrors sprig v3.3.0 defaults.go (dfault, empty, coalesce, all,
 * any, ternary); "empty" is reflect-based: nil, false, 0, "", empty list
 * or map; structs never.
 */
#include "fn_int.h"

/* default D [X]: X unless X is missing or empty */
Value fn_default(Exec *x, int argc, Value *argv)
{
    if (argc < 2 || v_empty(argv[1])) return argv[0];
    return argv[1];
}

Value fn_empty(Exec *x, int argc, Value *argv) { return v_bool(v_empty(argv[0])); }

Value fn_coalesce(Exec *x, int argc, Value *argv)
{
    for (int i = 0; i < argc; i++) if (!v_empty(argv[i])) return argv[i];
    return v_nil();
}

Value fn_all(Exec *x, int argc, Value *argv)
{
    for (int i = 0; i < argc; i++) if (v_empty(argv[i])) return v_bool(0);
    return v_bool(1);
}

Value fn_any(Exec *x, int argc, Value *argv)
{
    for (int i = 0; i < argc; i++) if (!v_empty(argv[i])) return v_bool(1);
    return v_bool(0);
}

Value fn_ternary(Exec *x, int argc, Value *argv) { return argv[2].u.b ? argv[0] : argv[1]; }
