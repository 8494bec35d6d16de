/*
 * fuzz_json.c - encoding/json as chartc implements it: json_decode() of
 * arbitrary bytes, then json_encode() of the result in all three forms
 * (toJson, toRawJson, toPrettyJson) and yaml_dump() of it.
 *
 * With CHARTC_FUZZ_ROUNDTRIP=1, what json_encode() printed must decode
 * again to a deep-equal value (Go's Marshal/Unmarshal round trip holds for
 * interface{} data); the harness aborts if not.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    size_t n;
    char *s = fz_text(data, size, &n);
    Value v;
    if (json_decode(s, n, &v) == NULL) {
        static const int flags[] = {0, JSON_NO_HTML_ESCAPE, JSON_INDENT};
        for (int i = 0; i < 3; i++) {
            Buf b = {0};
            if (json_encode(&b, v, flags[i]) == NULL && fz_roundtrip) {
                Value again;
                const char *err = json_decode(b.p ? b.p : "", b.len, &again);
                if (err || !v_deep_equal(v, again)) {
                    fprintf(stdout, "json round trip failed (%s):\n%.*s\n", err ? err : "values differ",
                            (int)b.len, b.p);
                    abort();
                }
            }
            buf_free(&b);
        }
        Buf b = {0};
        yaml_dump(&b, v);
        buf_free(&b);
    }
    free(s);
    cc_arena_free_all();
    return 0;
}
