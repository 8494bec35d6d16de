/*
 * fuzz_yaml.c - the YAML loader (libyaml parser + go-yaml v2 resolution)
 * and emitters: yaml_load() and yaml_load_all() on arbitrary text, then
 * yaml_dump() (toYaml), yaml_dump_pretty() (toYamlPretty) and
 * json_encode() of whatever loaded.
 *
 * With CHARTC_FUZZ_ROUNDTRIP=1 it also checks that what yaml_dump()
 * printed loads again (toYaml output must be valid YAML) and aborts if not;
 * a "<<" key is the one known exception (Helm's toYaml output does not
 * reload either: the key becomes a merge key).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartc/codec.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX (64 * 1024)

static int fz_roundtrip;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    fz_roundtrip = getenv("CHARTC_FUZZ_ROUNDTRIP") != NULL;
    return 0;
}

static void fz_dump(Value v)
{
    Buf b = {0};
    if (yaml_dump(&b, v) == NULL && fz_roundtrip) {
        Value again;
        const char *err = yaml_load(b.p ? b.p : "", b.len, &again);
        /* A "<<" key prints as <<: and reloads as a merge key; Helm's
         * toYaml output fails the same way ("map merge requires ..."). */
        if (err && !strstr(err, "map merge requires")) {
            fprintf(stdout, "toYaml output does not load: %s\n---\n%.*s\n", err, (int)b.len, b.p);
            abort();
        }
    }
    buf_free(&b);
    yaml_dump_pretty(&b, v);
    buf_free(&b);
    json_encode(&b, v, 0);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    size_t n;
    char *s = fz_text(data, size, &n);
    Value v;
    if (yaml_load(s, n, &v) == NULL) fz_dump(v);
    if (yaml_load_all(s, n, &v) == NULL) fz_dump(v);
    free(s);
    cc_arena_free_all();
    return 0;
}
