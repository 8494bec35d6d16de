/*
 * fuzz_schema.c - values.schema.json validation (schema.c; Helm v4's
 * santhosh-tekuri/jsonschema, v3's xeipuuv/gojsonschema) of values against
 * a schema, both taken from the input.
 *
 * Input: SCHEMA NUL VALUES. The schema is JSON text as a chart ships it;
 * the values are YAML (as values.yaml). $ref cycles, deep nesting, huge
 * numbers and hostile patterns must give an error or a verdict, never a
 * crash or an unbounded run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/chart.h"
#include "chartc/codec.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX 65536

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
    char *f[2];
    int k = fz_fields(s, n, f, 2);
    Value vals = v_nil();
    if (k < 2 || yaml_load(f[1], strlen(f[1]), &vals) || vals.t != VT_MAP) vals = v_newmap(0);
    Chart c = {0};
    c.name = "c";
    c.meta = v_newmap(0);
    c.values = v_newmap(0);
    c.schema = f[0];
    c.schema_len = strlen(f[0]);
    c.fullpath = "c";
    (void)chart_validate_schema(&c, vals);
    free(s);
    cc_arena_free_all();
    return 0;
}
