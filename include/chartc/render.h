/*
 * render.h - the `helm template` pipeline: render options, the render-root
 * objects (.Capabilities, .Files), manifest splitting/sorting/printing.
 * Mirrors helm v4.1.4 pkg/cmd/template.go, pkg/action/{install,action}.go,
 * pkg/engine/{engine,files}.go, pkg/release/v1/util/{manifest,
 * manifest_sorter,kind_sorter}.go, pkg/chart/common/capabilities.go.
 * Owned by the render/manifest/CLI module.
 */
#ifndef CHARTC_RENDER_H
#define CHARTC_RENDER_H
#include "chart.h"
#include "value.h"

/* ---- options of one `chartc render` ------------------------------------ */
typedef struct RenderOpts {
    const char *release_name;    /* NAME argument or "release-name" */
    const char *chart_path;      /* CHART argument */
    const char *namespace_;      /* -n / $HELM_NAMESPACE / "default" */
    int is_upgrade, include_crds, skip_tests, no_hooks, skip_schema;
    int debug;                   /* --debug: no "Use --debug" hint on errors */
    const char **show_only; int nshow_only;
    const char *output_dir;
    int use_release_name;        /* --release-name: DIR/<release>/... */
    const char *kube_version;    /* --kube-version text or NULL */
    const char **api_versions; int napi_versions;  /* -a, already comma-split */
    ValueOpts values;
    struct RenderDiag *diag;     /* NULL, or filled on failure for --explain */
    int dependency_update;       /* --dependency-update (cli.c acts on it) */
} RenderOpts;

/* --enable-dns: getHostByName does real lookups when set (read by fn_helm). */
extern int cc_enable_dns;
/* Engine.LintMode (set by `lint`): required/fail log instead of failing. */
extern int cc_lint_mode;
/* Helm's lookup(apiVersion, kind, namespace, name): when cc_lookup_fn is
 * set it answers (a client provider, as helm-unittest's fake cluster);
 * it returns NULL and the object/list map, or an error text. Unset: an
 * empty map, as `helm template` gives. */
extern const char *(*cc_lookup_fn)(void *ud, const char *api, const char *kind, const char *ns,
                                   const char *name, Value *out);
extern void *cc_lookup_ud;

/* Run the whole pipeline. On success returns NULL and `out` holds stdout
 * (files under --output-dir are written too). On failure returns the text
 * Helm prints after "Error: " (with the "Use --debug" suffix when Helm adds
 * it); `out` is then empty, except after a YAML error with o->debug, when
 * it holds the rendered files Helm prints before the error. Log lines go
 * straight to stderr. */
const char *render_run(const RenderOpts *o, Buf *out);

/* engine.Render over a chart already processed by chart_process, with
 * its coalesced values: every partial ("_*" file) and each other template
 * for which keep(full name, ud) is non-zero (all when keep is NULL) are
 * parsed into one set and executed in Helm's order. Returns NULL and the
 * rendered non-partial files ("<no value>" removed; NOTES.txt included),
 * or the engine's error text (no "Use --debug" hint). */
typedef int (*RenderKeep)(const char *name, void *ud);
typedef struct RenderedFile RenderedFile;
/* Parsed templates kept across the renders of one loaded chart (cache
 * NULL: parse every time). */
typedef struct RenderCache RenderCache;
RenderCache *render_cache_new(void);
const char *render_templates(Chart *c, Value values, Value release, Value caps, RenderKeep keep,
                             void *ud, RenderCache *cache, RenderedFile **files, int *nfiles);

/* ---- manifest.c --------------------------------------------------------- */
/* Go strings.TrimSpace (Unicode white space) on [*s, *s + *n). */
void go_trim_space(const char **s, size_t *n);

typedef struct MDoc { const char *s; size_t n; } MDoc;
/* releaseutil.SplitManifests: the documents of `s` in order (arena array). */
int manifest_split(const char *s, size_t n, MDoc **out);

typedef struct Manifest {
    const char *path;     /* # Source path */
    const char *content;  /* document text (trimmed) */
    size_t len;
    const char *kind;
    int is_test;          /* hook with a test/test-success event */
} Manifest;
struct RenderedFile { const char *path; const char *data; size_t len; };
/* releaseutil.SortManifests over rendered files (any order; sorted here by
 * path). Returns NULL or the error text ("YAML parse error on ..."). */
const char *manifest_sort(RenderedFile *files, int nfiles,
                          Manifest **generic, int *ngeneric,
                          Manifest **hooks, int *nhooks);
/* What a failed render_run leaves for --explain (explain.h) when
 * RenderOpts.diag is set; fields stay NULL/0 when they do not apply. */
typedef struct RenderDiag {
    const struct TmplError *exec;           /* a template execution error */
    const char *parse_name, *parse_src;     /* the template whose parse failed */
    size_t parse_len;
    const RenderedFile *files; int nfiles;  /* rendered templates (YAML errors) */
} RenderDiag;
/* kind_sorter lessByKind for the active Helm version's InstallOrder. */
int manifest_kind_less(const char *a, const char *b);
/* Go path/filepath.Match: 1 match, 0 no match, -1 bad pattern
 * (implemented in helmignore.c, also declared in ignore_priv.h). */
int go_path_match(const char *pat, const char *name);
/* slog text-handler value quoting (v4 log lines). */
void slog_value(Buf *b, const char *s);

/* ---- caps.c ------------------------------------------------------------- */
/* .Capabilities for the active Helm version: default kube version unless
 * kube_version is given (parsed per v4 ParseGeneric / v3 semver rules),
 * default API versions followed by `apis`. Returns NULL or the error text
 * ("invalid kube version '1': illegal version string \"1\""). */
const char *caps_new(const char *kube_version, const char **apis, int napis, Value *out);
/* .Capabilities (v3 form) with KubeVersion {version, major, minor} taken
 * as given and exactly apis[0:napis] as APIVersions (napis < 0: Helm v3's
 * default set) (helm-unittest). */
Value caps_make(const char *version, const char *major, const char *minor,
                const char **apis, int napis);
/* KubeVersion.String() of a value made by caps_new (for the kubeVersion check). */
const char *caps_kube_string(Value caps);

/* ---- files.c ------------------------------------------------------------ */
/* .Files over a chart's files (engine.files). */
Value files_new(const CFile *files, int nfiles);

#endif
