/*
 * ut_int.h - internals of `chartc unittest` shared by its files (not a
 * public interface): the path language (ut_path.c), the suite model and
 * test-job runner (ut_suite.c), the assertions (ut_assert.c) and the
 * snapshot cache (ut_snapshot.c); the command itself is cmd_unittest.c.
 * Mirrors helm-unittest v1.1.0 pkg/unittest (MIT), which renders with the
 * Helm v3 library: so does chartc here (cc_helm_major 3).
 */
#ifndef CHARTC_UT_INT_H
#define CHARTC_UT_INT_H
#include "chartc/chart.h"
#include "chartc/value.h"

/* ---- ut_path.c: vmware-labs/yaml-jsonpath v0.3.2 over a manifest ------ */

/* valueutils.GetValueOfSetPath: the values `path` selects in `doc`, as
 * helm-unittest sees them after its yaml.v3 round trip (a float whose
 * shortest form is an integer reads back as an int). "" selects doc
 * itself. Returns NULL and a list, or the path's syntax error. */
const char *ut_path_get(Value doc, const char *path, Value *out);

/* The Go type name reflect.TypeOf gives a yaml.v3-decoded value ("" for
 * nil): int, float64, string, bool, map[string]interface {}, ... */
const char *ut_gotype(Value v);
/* reflect.DeepEqual over yaml.v3-decoded values (Go int != float64). */
int ut_deep_equal(Value a, Value b);
/* common.TrustedMarshalYAML: yaml.v3 encoder, indent 2, leading newlines
 * of every string removed (arena string ending in a newline). */
const char *ut_yaml(Value v);

/* ---- ut_snapshot.c: __snapshot__/<suite>.snap ------------------------ */

typedef struct UtSnap UtSnap;
/* Opens the cache of suite file `suite_path` (creating the __snapshot__
 * directory as helm-unittest does). Returns NULL or an error text. */
const char *ut_snap_open(const char *suite_path, int updating, UtSnap **out);
typedef struct UtSnapResult {
    int passed;
    unsigned index;
    const char *cached, *fresh, *msg, *err;
} UtSnapResult;
/* Cache.Compare of `content` for the idx-th snapshot of test `test`;
 * match/notmatch: the matchRegex / notMatchRegex patterns or NULL. */
void ut_snap_compare(UtSnap *s, const char *test, unsigned idx, Value content,
                     const char *match, const char *notmatch, UtSnapResult *r);
/* Cache.StoreToFileIfNeeded. Returns NULL or an error text. */
const char *ut_snap_store(UtSnap *s);
/* counters for the summary: created, failed, total, vanished */
void ut_snap_counts(const UtSnap *s, unsigned *created, unsigned *failed, unsigned *total,
                    unsigned *vanished);

/* ---- ut_assert.c ------------------------------------------------------ */

typedef struct UtSelector {
    const char *path;
    Value value;          /* nil: any document where the path exists */
    int match_many, skip_empty;
} UtSelector;

/* One rendered template's documents (common.K8sManifest list). */
typedef struct UtDocs { const char *name; Value docs; } UtDocs;

typedef struct UtAssert {
    const char *type;        /* as written: "equal", "notEqual", ... */
    int kind;                /* enum UtKind (ut_assert.c) */
    int antonym;             /* notEqual, notExists ... */
    int need_render;         /* expectRenderSuccess */
    int not_;
    const char *template_;   /* "" when not given */
    int doc_index;           /* -1 when not given */
    UtSelector *selector;
    Value params;            /* the assertion's parameters (a map or nil) */
    const char **templates;  /* defaultTemplates computed per job */
    int ntemplates;
} UtAssert;

/* What a job's render produced, as the assertions see it. */
typedef struct UtRender {
    UtDocs *files; int nfiles;       /* templatesResult */
    int render_ok;                   /* renderSucceed */
    const char *render_err;          /* renderError text or NULL */
    int fail_fast;
    int skip_empty;                  /* job documentSelector.skipEmptyTemplates */
    UtSnap *snap;
    const char *test_name;
    unsigned snap_counter;
} UtRender;

typedef struct UtAssertResult {
    int index;               /* position in the test's asserts */
    const char *type;
    int not_;
    int passed, skipped;
    const char *skip_reason;
    const char *info;        /* FailInfo lines, each ending in '\n' (arena) */
    size_t ninfo;
} UtAssertResult;

/* Parses one assertion map. Returns NULL or the error text (which fails
 * the suite file, as in helm-unittest). */
const char *ut_assert_parse(Value def, UtAssert *a);
/* Assertion.Assert */
void ut_assert_run(UtAssert *a, UtRender *r, UtAssertResult *out);

/* ---- ut_suite.c: suites, test jobs ------------------------------------- */

typedef struct UtSuite UtSuite;

typedef struct UtJobResult {
    const char *name;
    int passed, skipped;
    const char *exec_error;        /* ExecError text or NULL */
    UtAssertResult *asserts; int nasserts;
    double seconds;
} UtJobResult;

typedef struct UtSuiteResult {
    const char *name, *file;       /* suite display name, definition file */
    int passed, skipped, fail_fast;
    const char *exec_error;
    UtJobResult *tests; int ntests;
    unsigned snap_created, snap_failed, snap_total, snap_vanished;
} UtSuiteResult;

/* What every suite of one chart run shares. */
typedef struct UtChartCtx {
    Chart *chart;                  /* as loaded (each job renders a clone) */
    struct RenderCache *cache;     /* its parsed templates, shared by the jobs */
    int fail_fast, skip_schema, update_snapshot;
    const char **values_files; int nvalues_files;   /* --values, absolute */
    /* helm-unittest sets KubeVersion on the Helm library's shared default
     * Capabilities, so a version a test sets is the default of every
     * later test that sets none: this is that default */
    const char *kube_major, *kube_minor;
    int seed_set; unsigned long long seed;
} UtChartCtx;

/* ParseTestSuiteFile: every suite of a file (documents split at ---).
 * route is the chart's route ("parent" or "parent/charts/child").
 * Returns NULL or the error (the suites parsed before it are kept). */
const char *ut_suites_parse(const char *file, const char *route, int strict,
                            const char **values_files, int nvalues_files,
                            UtSuite ***out, int *nout);
/* RenderTestSuiteFiles: suites rendered from a chart of suites. */
const char *ut_suites_render(const char *dir, const char *route, int strict,
                             const char **values_files, int nvalues_files,
                             UtSuite ***out, int *nout);
/* TestSuite.RunV3 */
void ut_suite_run(UtSuite *s, UtChartCtx *ctx, UtSuiteResult *out);
/* the snapshot file a suite uses (definition file, _<id> for rendered suites) */
const char *ut_suite_snapshot_url(const UtSuite *s);
const char *ut_suite_file(const UtSuite *s);
/* The default KubeVersion after the suite ran (the leak described above)
 * computed without running it: for parallel runs. */
void ut_suite_kube_after(const UtSuite *s, const char **major, const char **minor);

#endif
