/*
 * main.c - process entry: run the command line (cli.c) on the deep stack,
 * release the arena.
 * Mirrors helm v4.1.4 cmd/helm/helm.go (main).
 */
#include "chartc/out.h"
#include "chartc/value.h"

#include <malloc.h>

int cc_cli_main(int argc, char **argv);
int cc_cli_deep(int argc, char **argv);

typedef struct Cmd { int argc; char **argv; int rc; } Cmd;

static void run(void *p)
{
    Cmd *c = p;
    c->rc = cc_cli_main(c->argc, c->argv);
}

/* the whole command on the deep stack, whose end is the process's */
static int run_last(void *p)
{
    run(p);
    cc_arena_free_all();
    return ((Cmd *)p)->rc;
}

int main(int argc, char **argv)
{
    Cmd c = {argc, argv, 1};
    out_std_fds();          /* before any open() can take fd 0, 1 or 2 */
    /* One malloc arena: the command runs on one thread at a time, and a
     * second arena for it reserves 128 MiB of address space; under
     * `ulimit -v` it could not, and every malloc became an mmap. */
    mallopt(M_ARENA_MAX, 1);
    /* one deep stack for the whole command; --version and help run on
     * this one (mapping and switching to it: 3 of their 72 page faults) */
    if (cc_cli_deep(argc, argv)) cc_run_deep_exit(run_last, &c);
    run(&c);
    cc_arena_free_all();
    return c.rc;
}
