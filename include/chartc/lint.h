/*
 * lint.h - `chartc lint` (src/cmd_lint.c), callable from any front-end.
 * Mirrors helm v4.1.4 pkg/cmd/lint.go (v3.17.3 cmd/helm/lint.go).
 */
#ifndef CHARTC_LINT_H
#define CHARTC_LINT_H
/* `lint PATH... [flags]` with argv after the subcommand (argv[0] is the
 * first argument, not "lint"). Prints Helm's report on stdout and
 * "Error: ..." on stderr; returns the exit status (0 or 1). Honours
 * cc_helm_major (set it before the call, e.g. from --helm-compat). */
int cmd_lint(int argc, char **argv);
#endif
