/*
 * glob.h - github.com/gobwas/glob v0.2.3, the matcher behind Helm's
 * .Files.Glob (glob.Compile(pattern, '/')), with its quirks: the compiled
 * matchers (Row, BTree, Prefix, Suffix, EveryOf...) decide the answer, not
 * the documented syntax, and a few patterns make Match panic.
 */
#ifndef CHARTC_GLOB_H
#define CHARTC_GLOB_H

#include <stddef.h>

typedef struct Glob Glob;

/* glob.Compile(pat[0..n), '/'): NULL when gobwas reports an error (Helm
 * then uses "**"). *toolong is set (and NULL returned) for a pattern past
 * chartc's size limit, which gobwas would accept. Arena memory. */
Glob *glob_compile(const char *pat, size_t n, int *toolong);

/* g.Match(s[0..n)): 1 or 0; -1 when gobwas panics, with *panic set to
 * Go's runtime error text ("runtime error: slice bounds out of range
 * [:2] with length 1"). Time polynomial in n (each BTree sub-match is
 * computed once per name), never exponential. */
int glob_match(Glob *g, const char *s, size_t n, const char **panic);

/* Sub-match evaluations of the last glob_match (for tests of the bound). */
extern unsigned long long glob_steps;

#endif
