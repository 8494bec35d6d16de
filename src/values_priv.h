/*
 * values_priv.h - values files, --set parsing and coalescing (values.c,
 * strvals.c), used by the loader (chart.c) and dependency processing
 * (deps.c). Depends only on the chart model in chart.h.
 * Mirrors helm v4.1.4 pkg/chart/v2/loader LoadValues, pkg/strvals,
 * pkg/chart/common/util/coalesce.go.
 */
#ifndef CHARTC_VALUES_PRIV_H
#define CHARTC_VALUES_PRIV_H
#include "chartc/chart.h"

/* ---- values.c --------------------------------------------------------- */
/* loader.LoadValues: v4 merges every document, v3 reads the first one. */
const char *values_load(const char *s, size_t n, Value *out);
/* loader.MergeMaps folded over a sequence of maps (b wins; maps merge
 * recursively): v is the result so far. It changes the maps it made in
 * place, so values_acc_merge costs what b holds, not what v holds. */
typedef struct ValuesAcc { Value v; Map **own; size_t n, cap; } ValuesAcc;
void values_acc_init(ValuesAcc *a);
void values_acc_merge(ValuesAcc *a, Value b);
void values_acc_done(ValuesAcc *a);   /* frees the bookkeeping; v stays */
/* util.CoalesceValues (merge=0) / util.MergeValues (merge=1): a deep copy of
 * vals coalesced with c's defaults and its dependencies' defaults. */
const char *values_coalesce(Chart *c, Value vals, int merge, Value *out);
/* values_coalesce into vals itself (no copy): the caller gives vals up */
const char *values_coalesce_owned(Chart *c, Value vals, int merge, Value *out);
/* The maps a coalesce's globals share (coalesceGlobals copies shallowly):
 * the _sh variants record them in *sh (heap), values_unshare copies them
 * apart, as Go's next deep copy would, and frees the record. */
typedef struct ValuesShared { Map **v; size_t n, cap; } ValuesShared;
const char *values_coalesce_sh(Chart *c, Value vals, int merge, ValuesShared *sh, Value *out);
const char *values_coalesce_owned_sh(Chart *c, Value vals, int merge, ValuesShared *sh, Value *out);
void values_unshare(ValuesShared *sh);
/* util.CoalesceTables / MergeTables: dst authoritative; returns dst. */
Value values_coalesce_tables(Value dst, Value src, int merge);
/* Values.Table(path) ("a.b.c"); returns 1 and *out when it is a table. */
int values_table(Value v, const char *path, Value *out);
/* Values.PathValue; returns 1 when it resolves to a non-table value. */
int values_path_value(Value v, const char *path, Value *out);

/* ---- strvals.c -------------------------------------------------------- */
enum { SV_TYPED, SV_STRING, SV_FILE, SV_JSON, SV_LITERAL };
/* Parse one --set-style argument into dest (a map). NULL or error text
 * (without the "failed parsing --set data: " prefix). */
const char *strvals_parse_into(const char *s, Value dest, int mode);
/* NULL, or the error for a values path that is an http(s):// or oci:// URL. */
const char *values_remote(const char *path);

#endif
