/*
 * explain.h - `--explain`: what follows Helm's "Error: ..." text to point
 * at the source, the way compilers do: file:line:col, the offending line
 * with a caret under the action, and the include/template/tpl chain that
 * led there (template errors); the rendered lines around the error (YAML
 * errors in rendered output); the values file lines (values errors).
 * No Helm counterpart (Helm prints only the error text).
 */
#ifndef CHARTC_EXPLAIN_H
#define CHARTC_EXPLAIN_H
#include "render.h"

/* Append the explanation of render error `err` (the text printed after
 * "Error: ") to out, given the options of the failed render and what it
 * left in *d (may be NULL). Appends nothing when there is no source to
 * show. `color`: ANSI colours. */
void explain_error(Buf *out, const char *err, const RenderOpts *o, const RenderDiag *d, int color);

/* The terminal test shared by --explain and snapshot: 1 when fd is a
 * terminal and NO_COLOR is unset or empty (https://no-color.org). */
int explain_use_color(int fd);

#endif
