/*
 * diff.h - line diffs for `chartc snapshot`: Myers' O(ND) algorithm in
 * linear space (the middle-snake divide and conquer of "An O(ND)
 * Difference Algorithm and Its Variations", 1986) with a cost bound, and
 * unified-diff output (GNU diff -u / git diff hunk format).
 * No Helm counterpart: chartc's own (helm-chartsnap and helm-unittest
 * print the same format through Go diff libraries).
 */
#ifndef CHARTC_DIFF_H
#define CHARTC_DIFF_H
#include "value.h"

/* A text as lines (each includes its '\n'; the last may lack one). */
typedef struct DiffText { const char *s; size_t n; } DiffText;

/* Colours of the unified output (ANSI escapes) when `color` is set. */
#define DIFF_RED "\033[31m"
#define DIFF_GREEN "\033[32m"
#define DIFF_CYAN "\033[36m"
#define DIFF_BOLD "\033[1m"
#define DIFF_RESET "\033[0m"

/* Append to out the hunks of a unified diff from a to b with `context`
 * lines of context ("@@ -l,s +l,s @@" headers; no ---/+++ lines). The
 * first line of a is numbered a_line0 in the headers, the first of b
 * b_line0, so a piece of a larger file keeps the file's line numbers.
 * A last line without '\n' is followed by "\ No newline at end of file".
 * Returns the number of lines deleted plus inserted (0: a equals b).
 * Time O((N+M) * D) with D capped near sqrt(N+M) per split (past the cap
 * the diff stays correct but may not be minimal); memory O(N+M). */
long diff_unified(Buf *out, DiffText a, int a_line0, DiffText b, int b_line0, int context, int color);

#endif
