/*
 * main.c - process entry: run the command line (cli.c), release the arena.
 * Mirrors helm v4.1.4 cmd/helm/helm.go (main).
 */
#include "chartc/value.h"

int cc_cli_main(int argc, char **argv);

int main(int argc, char **argv)
{
    int rc = cc_cli_main(argc, argv);
    cc_arena_free_all();
    return rc;
}
