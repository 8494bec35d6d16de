/*
 * semver.h - semantic versions and constraints as Helm sees them
 * (mirrors Masterminds/semver v3.4.0 for Helm v4, v3.3.0 for Helm v3:
 * version.go NewVersion/Compare, constraints.go NewConstraint/Check).
 * The version-specific parts (error texts, prerelease rules) follow
 * cc_helm_major.
 */
#ifndef CHARTC_SEMVER_H
#define CHARTC_SEMVER_H
#include <stddef.h>
#include <stdint.h>
#include "value.h"

typedef struct SemVer {
    uint64_t major, minor, patch;
    const char *pre;    /* prerelease without '-', "" if none (arena/static) */
    const char *meta;   /* build metadata without '+', "" if none */
    const char *orig;   /* the text parsed (Original()) */
} SemVer;

/* semver.NewVersion: `v` prefix, partial `1` / `1.2`, prerelease, metadata.
 * Returns 0 on success, -1 on error. */
int semver_parse(const char *s, size_t n, SemVer *out);
/* The same, returning NULL on success or Go's error text
 * ("invalid semantic version" / v3 "Invalid Semantic Version", ...). */
const char *semver_new(const char *s, size_t n, SemVer *out);

/* Version.Compare: -1, 0, 1 (metadata ignored). */
int semver_compare(const SemVer *a, const SemVer *b);
/* Version.String() into b (no leading v). */
void semver_string(Buf *b, const SemVer *v);

/* semver.NewConstraint(constraint).Check(v): 1 match, 0 no match,
 * -1 bad constraint with *err = Go's error text
 * ("improper constraint: <c>", "constraint parser error"). err may be NULL. */
int semver_match(const char *constraint, const SemVer *v, const char **err);

/* A *semver.Version template object (fields/methods, prints String()). */
Value semver_value(const SemVer *v);

#endif
