/*
 * fuzz_archive.c - the chart archive reader and loader: the input is
 * written to a temporary NAME.tgz and loaded with chart_load() (gzip over
 * zlib, our tar reader, path checks, size limits, Chart.yaml/values.yaml/
 * requirements parsing, subchart archives), then chart_process() runs the
 * dependency handling (conditions, tags, aliases, import-values) and
 * coalescing over it.
 *
 * Mutating a gzip stream mostly yields garbage, so an input that does not
 * start with the gzip magic is treated as a plain tar stream and
 * gzip-compressed (zlib) before it is written: the seeds are uncompressed
 * tars, and the fuzzer works on the tar headers and file contents.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "chartc/chart.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX (256 * 1024)

static char fz_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    snprintf(fz_path, sizeof fz_path, "/tmp/chartc-fuzz-XXXXXX.tgz");
    int fd = mkstemps(fz_path, 4);
    if (fd < 0) { perror("mkstemps"); abort(); }
    close(fd);
    return 0;
}

__attribute__((destructor)) static void fz_cleanup(void)
{
    if (*fz_path) unlink(fz_path);
}

/* gzip-compress [p, p+n) into a malloc'd buffer. */
static unsigned char *fz_gzip(const uint8_t *p, size_t n, size_t *outn)
{
    z_stream z = {0};
    if (deflateInit2(&z, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
    size_t cap = deflateBound(&z, n) + 32;
    unsigned char *out = malloc(cap);
    if (!out) abort();
    z.next_in = (unsigned char *)p; z.avail_in = n;
    z.next_out = out; z.avail_out = cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) abort();
    *outn = z.total_out;
    deflateEnd(&z);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    size = fz_major(data, size);
    const uint8_t *w = data;
    size_t wn = size;
    unsigned char *gz = NULL;
    if (!(size >= 2 && data[0] == 0x1f && data[1] == 0x8b)) w = gz = fz_gzip(data, size, &wn);
    FILE *f = fopen(fz_path, "wb");
    if (!f) abort();
    if (wn && fwrite(w, 1, wn, f) != wn) abort();
    fclose(f);
    free(gz);

    Chart *c;
    if (chart_load(fz_path, &c) == NULL) {
        Value vals;
        chart_process(c, v_newmap(0), &vals);
    }
    cc_arena_free_all();
    return 0;
}
