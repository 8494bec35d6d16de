/*
 * snapshot.h - `chartc snapshot`: render a chart for a set of cases in one
 * process and compare each with a committed golden file (helm-chartsnap,
 * helm-unittest matchSnapshot and Go golden tests, built in).
 * No Helm counterpart; the masking config follows helm-chartsnap's
 * dynamicFields (kind/apiVersion/name/jsonPath/base64).
 */
#ifndef CHARTC_SNAPSHOT_H
#define CHARTC_SNAPSHOT_H
#include "render.h"

/* The render flags parser of `chartc render` (cli.c), so that snapshot
 * takes the same NAME CHART and flags without depending on cli.c. */
typedef const char *(*RenderArgsFn)(int argc, char **argv, RenderOpts *o, int *help, int *explain);

/* `chartc snapshot ARGS`: the report goes to stdout. Returns the exit
 * code; on a usage error sets *err (printed as "Error: ...") and returns 1. */
int cmd_snapshot(int argc, char **argv, RenderArgsFn parse, const char **err);

/* ---- masking of dynamic fields (exposed for tests) ------------------------ */
typedef struct SnapMasks SnapMasks;
/* Add the dynamicFields entries of a parsed config (the top-level map of
 * a mask file, or a values file's testSpec) to *m (created when NULL).
 * `what` names the source in errors. Returns NULL or the error text. */
const char *snap_masks_add(SnapMasks **m, Value config, const char *what);
/* The rendered output s[0:n] with every masked field's value replaced by
 * '###DYNAMIC_FIELD###' (or its base64); s itself when nothing matched. */
const char *snap_mask_apply(const SnapMasks *m, const char *s, size_t n, size_t *outn);

#endif
