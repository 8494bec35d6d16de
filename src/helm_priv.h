/*
 * helm_priv.h - the pflag-style parser shared by the `helm` drop-in commands
 * (cmd_helm.c, cmd_show.c, cmd_deps.c): each command's own flags plus
 * Helm's global flags, which every command accepts.
 * Mirrors github.com/spf13/pflag flag.go (parseArgs, the Set errors).
 */
#ifndef CHARTC_HELM_PRIV_H
#define CHARTC_HELM_PRIV_H
#include "chartc/value.h"

enum { HF_BOOL, HF_STR, HF_INT, HF_FLOAT };

typedef struct HFlag {
    const char *name;
    char sh;          /* shorthand letter or 0 */
    unsigned char kind;
    unsigned char major;   /* 0: every Helm version; 3 or 4: only that one */
} HFlag;

typedef struct HArgs {
    const char **val;      /* per local flag (table order): its last value
                              ("true"/"false" for bools), or NULL */
    const char **pos; int npos;   /* positional arguments */
    int debug, help;       /* --debug (default $HELM_DEBUG), -h/--help */
    const char *ns;        /* -n/--namespace, or NULL */
} HArgs;

/* Parse argv with the command's flags `locals` (NULL-name terminated, may
 * be NULL) and the global flags. NULL, or pflag's error text. */
const char *helm_parse(int argc, char **argv, const HFlag *locals, HArgs *a);

#endif
