/*
 * chart.h - Helm's chart model: loading (directory, .tgz), values
 * (files, --set family, coalescing with defaults), dependencies.
 * Mirrors helm v4.1.4 pkg/chart/v2/loader, pkg/chart/common/util/coalesce.go,
 * pkg/chart/v2/util/dependencies.go, pkg/strvals, pkg/cli/values/options.go.
 * Functions returning const char * return NULL on success or the error text
 * Helm prints after "Error: " (arena string).
 */
#ifndef CHARTC_CHART_H
#define CHARTC_CHART_H
#include "value.h"

/* A chart file; its data (arena, lives as long as the chart) has a NUL at
 * data[len] whatever it holds: the template parser relies on it. */
typedef struct CFile { const char *name; const char *data; size_t len; } CFile;

typedef struct Chart Chart;
struct Chart {
    const char *name;       /* metadata.name, or alias after dependency processing */
    Value meta;             /* Chart.yaml as a map, string fields sanitised */
    Value values;           /* values.yaml defaults (map, never nil) */
    const char *values_raw; size_t values_raw_len;   /* values.yaml as read, or NULL */
    const char *schema; size_t schema_len;    /* values.schema.json or NULL */
    Value schema_doc;       /* the schema decoded, once chart_schema_decode ran */
    const char *schema_derr;                  /* ... or its decoding error */
    int schema_decoded;
    CFile *templates; int ntemplates;         /* "templates/..." in loader order */
    CFile *saved_templates; int nsaved_templates;   /* all of them, also a library
                                                       chart's non-partials (chartutil.Save) */
    CFile *files; int nfiles;                 /* .Files, in loader (byte) order */
    Chart **deps; int ndeps;                  /* subcharts (enabled ones after chart_process) */
    Chart *parent;
    const char *fullpath;   /* "parent/charts/sub" style path used in # Source: */
    int is_library;
};

/* Load a chart directory or .tgz archive. */
const char *chart_load(const char *path, Chart **out);
/* chart_load of a path the caller has just stat(2)ed (st: its result; the
 * loader asks the kernel again only for a path it trims first) */
struct stat;
const char *chart_load_stat(const char *path, const struct stat *st, Chart **out);
/* pkg/chart/v2/loader.Load (what lint calls): no v4 detection of the
 * chart's apiVersion first, so a v3 or unknown apiVersion loads as v2. */
const char *chart_load_v2(const char *path, Chart **out);

/* User-supplied values, Helm's fixed precedence (-f < --set-json < --set <
 * --set-string < --set-file < --set-literal). */
typedef struct ValueOpts {
    const char **files; int nfiles;
    const char **set_json; int nset_json;
    const char **set; int nset;
    const char **set_string; int nset_string;
    const char **set_file; int nset_file;
    const char **set_literal; int nset_literal;
} ValueOpts;
const char *values_merge_user(const ValueOpts *o, Value *out);

/* Dependency processing (conditions, tags, aliases, import-values) and
 * coalescing of user values with chart defaults. On success *values is the
 * root .Values and disabled subcharts are removed from chart->deps
 * recursively. Warnings go to stderr in the active Helm version's format.
 * user is used up: the chart's values are coalesced into it (no copy). */
const char *chart_process(Chart *c, Value user, Value *values);

/* chart_process without install's check that every declared dependency
 * has its chart in charts/ (chartutil.ProcessDependenciesWithMerge and
 * CoalesceValues, as helm-unittest calls them). */
const char *chart_process_deps(Chart *c, Value user, Value *values);

/* A copy of the chart tree that chart_process may change: each chart's
 * metadata and default values deep-copied, files and templates shared. */
Chart *chart_clone(const Chart *c);

/* .Values for subchart `c` given its parent's .Values (parent[c->name]). */
Value chart_scope_values(const Chart *c, Value parent_values);

/* .Chart as the active Helm version exposes it (v4: map form). */
Value chart_meta_value(const Chart *c);

/* Chart.yaml text decoded as chartutil.LoadChartfile does (sigs.k8s.io/yaml
 * into chart.Metadata, no defaults): NULL and *md, or the error text. */
const char *chart_decode_metadata(const char *data, size_t len, Value *md);
/* ValidateAgainstSingleSchema of values with c's own values.schema.json:
 * NULL when valid, else the error text. */
const char *chart_validate_values(const Chart *c, Value values);
/* values.schema.json validation of the root and every subchart. */
const char *chart_validate_schema(const Chart *c, Value values);
/* Decode the schemas of c and its subcharts once, for validations of many
 * copies of c (chart_clone keeps the decoded form). */
void chart_schema_decode(Chart *c);

#endif
