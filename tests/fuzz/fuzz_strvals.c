/*
 * fuzz_strvals.c - the --set family parsers (pkg/strvals) through
 * values_merge_user(), exactly as the CLI feeds them.
 *
 * The input is a list of arguments separated by NUL bytes. An argument's
 * first byte picks its flag: 0x01 --set-json, 0x02 --set-string,
 * 0x04 --set-literal (the byte is dropped); anything else is a plain
 * --set argument. --set-file and -f are left out: they read files named
 * by the input. The merged values are then printed with toYaml and toJson.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/chart.h"
#include "chartc/codec.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX 65536
#define FZ_MAXARGS 16

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    size_t n;
    char *s = fz_text(data, size, &n);
    const char *set[FZ_MAXARGS], *sstr[FZ_MAXARGS], *sjson[FZ_MAXARGS], *slit[FZ_MAXARGS];
    ValueOpts o = {0};
    o.set = set; o.set_string = sstr; o.set_json = sjson; o.set_literal = slit;
    for (char *p = s; p <= s + n && o.nset + o.nset_string + o.nset_json + o.nset_literal < FZ_MAXARGS;
         p += strlen(p) + 1) {
        switch (*p) {
        case 1: sjson[o.nset_json++] = p + 1; break;
        case 2: sstr[o.nset_string++] = p + 1; break;
        case 4: slit[o.nset_literal++] = p + 1; break;
        default: set[o.nset++] = p; break;
        }
    }
    Value v;
    if (values_merge_user(&o, &v) == NULL) {
        Buf b = {0};
        yaml_dump(&b, v);
        buf_free(&b);
        json_encode(&b, v, 0);
        buf_free(&b);
    }
    free(s);
    cc_arena_free_all();
    return 0;
}
