/*
 * dropin.h - chartc as `helm`: the commands that tools shelling out to Helm
 * (helmfile, helm-diff, kustomize helmCharts, Argo CD, helm-chartsnap) run,
 * answered in the emulated Helm version's format (cmd_helm.c, cmd_show.c,
 * cmd_deps.c). Mirrors helm v4.1.4 pkg/cmd/root.go, version.go, show.go, dependency*.go
 * and pkg/action/{show,dependency}.go, pkg/downloader/manager.go (local part).
 * Every function returning const char * returns NULL or the text Helm prints
 * after "Error: ".
 */
#ifndef CHARTC_DROPIN_H
#define CHARTC_DROPIN_H
#include "value.h"

/* Non-zero when argv[0]'s base name is `helm` (a symlink or a copy). */
int helm_invoked(const char *argv0);

/* `helm ARGS` (argv without the program name): stdout in out, returns the
 * exit status (with *err set on failure). Returns -1 for the commands
 * chartc itself has (template, lint): then cargv and cargc hold the chartc
 * command line to run instead (`chartc template ARGS`). */
int cmd_helm(int argc, char **argv, Buf *out, const char **err, int *cargc, char ***cargv);

/* `helm show chart|values|readme|crds|all` with args after the subcommand
 * word (cmd_show.c). */
const char *cmd_show(const char *what, int argc, char **argv, Buf *out);

/* `helm dependency list|build|update` with args after the subcommand word
 * (cmd_deps.c). */
const char *cmd_dependency(const char *what, int argc, char **argv, Buf *out);

/* `helm template --dependency-update`: when the chart directory misses
 * dependencies, build them from local sources as `dependency update` does
 * (its messages to out). NULL, or the error. */
const char *deps_update_if_missing(const char *chart_path, Buf *out);

#endif
