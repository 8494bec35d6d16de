/*
 * chart_priv.h - internals shared by the chart-model files (chart.c,
 * archive.c, helmignore.c, strvals.c, values.c, deps.c, schema.c).
 * Not part of the public API: other modules use chart.h.
 */
#ifndef CHARTC_CHART_PRIV_H
#define CHARTC_CHART_PRIV_H
#include "chartc/chart.h"

#define CC_MAX_FILE_SIZE  (5 * 1024 * 1024)      /* archive.MaxDecompressedFileSize */
#define CC_MAX_CHART_SIZE (100 * 1024 * 1024)    /* archive.MaxDecompressedChartSize */

/* A growable list of (name, bytes) pairs: Helm's []*archive.BufferedFile. */
typedef struct FileList { CFile *v; int n, cap; } FileList;
void filelist_add(FileList *fl, const char *name, const char *data, size_t len);

/* ---- helmignore.c (pkg/ignore/rules.go, path/filepath.Match) -------- */
typedef struct IgnoreRules IgnoreRules;
/* Parse .helmignore text; NULL or the error text. */
const char *ignore_parse(const char *s, size_t n, IgnoreRules **out);
IgnoreRules *ignore_empty(void);
void ignore_add_defaults(IgnoreRules *r);
int ignore_match(const IgnoreRules *r, const char *path, int isdir);
/* Go filepath.Match: 1 match, 0 no match, -1 ErrBadPattern. */
int go_path_match(const char *pat, const char *name);

/* ---- chart.c ---------------------------------------------------------- */
/* v2 loader LoadFiles over an in-memory file list. */
const char *chart_load_files(FileList *fl, Chart **out);
/* Recompute parent pointers and fullpath ("a/charts/b") below c. */
void chart_fix_paths(Chart *c, Chart *parent);
/* Log line on stderr in the active Helm version's format.
 * v3src is "file.go:NN" (v3 Go log Lshortfile prefix); level is INFO/WARN;
 * kv is a NULL-terminated list of key, value strings for the v4 slog form. */
void chart_log(const char *v3src, const char *level, const char *v3msg,
               const char *v4msg, const char *const *kv);

/* ---- archive.c -------------------------------------------------------- */
/* archive.LoadArchiveFiles of an in-memory .tgz (first path component stripped). */
const char *archive_load_files(const char *data, size_t len, FileList *out);

/* ---- values.c --------------------------------------------------------- */
/* loader.LoadValues: v4 merges every document, v3 reads the first one. */
const char *values_load(const char *s, size_t n, Value *out);
/* loader.MergeMaps (new map; b wins; maps merge recursively). */
Value values_merge_maps(Value a, Value b);
/* util.CoalesceValues (merge=0) / util.MergeValues (merge=1): a deep copy of
 * vals coalesced with c's defaults and its dependencies' defaults. */
const char *values_coalesce(Chart *c, Value vals, int merge, Value *out);
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

#endif
