/*
 * cmd_deps.c - `helm dependency list|build|update` (placeholder).
 */
#include "chartc/dropin.h"

const char *cmd_dependency(const char *what, int argc, char **argv, Buf *out)
{
    return cc_printf("\"helm dependency %s\" is not supported yet", what);
}

const char *deps_update_if_missing(const char *chart_path, Buf *out) { return NULL; }
