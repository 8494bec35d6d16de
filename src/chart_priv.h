/*
 * chart_priv.h - the loader's internals that dependency processing
 * (deps.c) uses. Layers, each depending only on those before it:
 *   archive.c (archive_priv.h)  .tgz -> FileList
 *   helmignore.c (ignore_priv.h), values.c + strvals.c (values_priv.h)
 *   chart.c (this header)       FileList / directory -> Chart
 *   deps.c, schema.c            processing a loaded Chart
 * Not part of the public API: other modules use chart.h.
 */
#ifndef CHARTC_CHART_PRIV_H
#define CHARTC_CHART_PRIV_H
#include "archive_priv.h"

/* v2 loader LoadFiles over an in-memory file list. */
const char *chart_load_files(FileList *fl, Chart **out);
/* Recompute parent pointers and fullpath ("a/charts/b") below c. */
void chart_fix_paths(Chart *c, Chart *parent);

#endif
