/*
 * fuzz_printf.c - Go's fmt as templates see it: go_sprintf() with a fuzzed
 * format string over a fixed argument list covering every value kind and
 * Go type chartc models (int, Go int, float, string, []byte, bool, nil,
 * slices, maps, a nil slice). The first input byte picks how many of the
 * arguments are passed (so missing/extra-argument paths are reached); the
 * rest is the format. go_sprint/go_sprintln of the same arguments and
 * go_quote/go_unquote of the format run too.
 */
#include <stdint.h>
#include <stdlib.h>

#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX 1024
#define FZ_NARGS 14

static int fz_args(Value *a)
{
    int k = 0;
    a[k++] = v_int64(-42);
    a[k++] = v_goint(7);
    a[k++] = v_float(3.25);
    a[k++] = v_float(1e21);
    a[k++] = v_cstr("héllo \"w\"\n");
    Value by = v_cstr("hi\x01");
    by.g = GT_BYTES;
    a[k++] = by;
    a[k++] = v_bool(1);
    a[k++] = v_nil();
    Value l = v_newlist(3);
    list_push(l.u.l, v_int64(1));
    list_push(l.u.l, v_cstr("x"));
    list_push(l.u.l, v_nil());
    a[k++] = l;
    Value m = v_newmap(2);
    map_setc(m.u.m, "b", v_float(0.1));
    map_setc(m.u.m, "a", l);
    a[k++] = m;
    a[k++] = v_list(NULL);
    a[k++] = v_float(-0.0);
    Value sl = v_newlist(2);
    sl.g = GT_STRSLICE;
    list_push(sl.u.l, v_cstr("p"));
    list_push(sl.u.l, v_cstr("q"));
    a[k++] = sl;
    a[k++] = v_int64(INT64_MIN);
    return k;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX || size < 1) return -1;
    Value a[FZ_NARGS + 2];
    int nargs = fz_args(a);
    int argc = data[0] % (nargs + 1);
    size_t n;
    char *fmt = fz_text(data + 1, size - 1, &n);
    Buf b = {0};
    go_sprintf(&b, fmt, n, argc, a);
    buf_free(&b);
    go_sprint(&b, argc, a);
    buf_free(&b);
    go_sprintln(&b, argc, a);
    buf_free(&b);
    go_quote(&b, fmt, n, data[0] & 1);
    buf_free(&b);
    go_unquote(fmt, n, &b);
    buf_free(&b);
    free(fmt);
    cc_arena_free_all();
    return 0;
}
