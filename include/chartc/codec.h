/*
 * codec.h - YAML and JSON in and out, byte-exact with what Helm uses:
 * sigs.k8s.io/yaml (go-yaml v2 + encoding/json round trip) for values,
 * Chart.yaml, manifests, toYaml/fromYaml; go-yaml v3 for toYamlPretty;
 * Go encoding/json for toJson family.
 * All functions return NULL on success or the Go error text (arena string).
 */
#ifndef CHARTC_CODEC_H
#define CHARTC_CODEC_H
#include "value.h"

/* sigs.k8s.io/yaml.Unmarshal of the first document into interface{}:
 * numbers float64, YAML 1.1 resolution, keys stringified.
 * An empty/comment-only document yields nil. The error is the whole text
 * sigs.k8s.io/yaml returns, e.g. "error converting YAML to JSON: yaml:
 * line 2: did not find expected key" (lines counted within s). Callers
 * add their own prefixes and the "cannot unmarshal ... into Go value of
 * type X" errors for a top-level kind their target does not accept. */
const char *yaml_load(const char *s, size_t n, Value *out);
/* yaml_load for a reader that looks only at some top-level keys (the
 * manifest sorter's head): the same error or nil/scalar/list, but a
 * mapping may hold only the listed keys (the rest were checked, not
 * built). A key "key/sub" asks for key, whose mapping may then hold only
 * the subkeys so named. */
const char *yaml_load_keys(const char *s, size_t n, const char *const *keys, int nkeys, Value *out);
/* yaml_load keeping go-yaml's integers as VT_INT (uint64 ones with
 * GT_UINT), for decoding into a Go struct: sigs.k8s.io/yaml turns an
 * integer bound for a string field into its exact decimal text, a float
 * into FormatFloat(f, 'g', -1, 32). */
const char *yaml_load_typed(const char *s, size_t n, Value *out);
/* Every document of a multi-document stream, split as k8s YAMLReader does
 * (lines starting with "---"; empty chunks skipped; a chunk that is only
 * comments gives nil): returns a list of the documents' values. Errors:
 * yaml_load's for the failing chunk (its own line numbers), or
 * "invalid Yaml document separator: X". */
const char *yaml_load_all(const char *s, size_t n, Value *out);
/* go-yaml v3 (helm-unittest's reader): every document of the stream
 * decoded into interface{} (Go ints as GT_INT, float64, strings for
 * timestamps, YAML 1.2 booleans; duplicate keys are an error). *out is the
 * list of documents; an empty document is nil. */
const char *yaml_load_v3(const char *s, size_t n, Value *out);
/* toYaml: sigs.k8s.io/yaml.Marshal(v), with its trailing newline appended
 * to b. On error nothing is appended; the error reads as Go's, e.g.
 * "error marshaling into JSON: json: unsupported value: +Inf". */
const char *yaml_dump(Buf *b, Value v);
/* toYamlPretty: go-yaml v3 encoder, indent 2 (trailing newline kept). */
const char *yaml_dump_pretty(Buf *b, Value v);

/* A path into a YAML document: map keys, and sequence indexes as decimal
 * strings ("0"), from the root. */
typedef struct YamlPath { const char **seg; int nseg; } YamlPath;
typedef void (*YamlFoundFn)(void *ctx, int path, size_t start, size_t end, int line, int col);
/* For each node of the first document of s[0:n] whose path equals one of
 * paths (the first such path), call found with that path's index, the
 * node's byte range (a collection: from its first to past its last byte),
 * its line (1-based) and byte column (0-based). Stops quietly at a syntax
 * error (yaml_path.c). */
void yaml_locate(const char *s, size_t n, const YamlPath *paths, int npaths, YamlFoundFn found, void *ctx);

enum { JSON_NO_HTML_ESCAPE = 1, JSON_INDENT = 2, JSON_VIA_POINTER = 4 };
/* encoding/json.Marshal (flags: JSON_NO_HTML_ESCAPE for toRawJson,
 * JSON_INDENT for MarshalIndent("", "  "), JSON_VIA_POINTER for
 * Encoder.Encode(&v): the pointer is one more level on the way to the
 * depth where cycles are looked for). */
const char *json_encode(Buf *b, Value v, int flags);
/* encoding/json's syntax check (checkValid): NULL or the syntax error. */
const char *json_check(const char *s, size_t n);
/* encoding/json.Unmarshal into interface{} (numbers float64). */
const char *json_decode(const char *s, size_t n, Value *out);
/* json_decode for a Decoder with UseNumber (values.schema.json), as far
 * as a Value can tell a json.Number: an integer literal within int64
 * (json.Number.Int64 succeeds) decodes to an int64, a number beyond
 * float64's range to +Inf or -Inf (no error). */
const char *json_decode_numbers(const char *s, size_t n, Value *out);

#endif
