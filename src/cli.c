#include "chartc/value.h"
#include <stdio.h>
int cc_cli_main(int argc, char **argv) { (void)argc; (void)argv; fputs("chartc: not built yet\n", stderr); return 1; }
