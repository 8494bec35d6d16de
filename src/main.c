/* main.c - placeholder entry until cli.c lands */
#include "chartc/value.h"
int cc_cli_main(int argc, char **argv);
int main(int argc, char **argv) { int rc = cc_cli_main(argc, argv); cc_arena_free_all(); return rc; }
