/*
 * ignore_priv.h - .helmignore rules and Go's filepath.Match (helmignore.c),
 * used by the directory loader (chart.c).
 * Mirrors helm v4.1.4 pkg/ignore/rules.go.
 */
#ifndef CHARTC_IGNORE_PRIV_H
#define CHARTC_IGNORE_PRIV_H
#include <stddef.h>

typedef struct IgnoreRules IgnoreRules;
/* Parse .helmignore text; NULL or the error text. */
const char *ignore_parse(const char *s, size_t n, IgnoreRules **out);
IgnoreRules *ignore_empty(void);
void ignore_add_defaults(IgnoreRules *r);
/* Rules.Ignore: whether the chart-relative path (of a directory: isdir)
 * is ignored; _n takes its length. */
int ignore_match(const IgnoreRules *r, const char *path, int isdir);
int ignore_match_n(const IgnoreRules *r, const char *path, size_t plen, int isdir);
/* Go filepath.Match: 1 match, 0 no match, -1 ErrBadPattern. */
int go_path_match(const char *pat, const char *name);

#endif
