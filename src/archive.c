/*
 * archive.c - reading a chart .tgz into memory with libarchive: the first
 * path component is stripped, Helm's path-safety checks and size limits.
 * Mirrors helm v4.1.4 pkg/chart/loader/archive/archive.go LoadArchiveFiles.
 */
#include <archive.h>
#include <archive_entry.h>
#include <string.h>
#include "chart_priv.h"
#include "chartc/gostd.h"
#include "chartc/gofmt.h"


/* libarchive cannot tell a short stream from a corrupt one; Go's tar
 * reader can, so header failures are classified by the raw length. */
static const char SV_BADHDR[] = "bad header";

static const char *arc_header_error(const char *data, size_t len, int nfiles)
{
    struct archive *a = archive_read_new();
    archive_read_support_filter_gzip(a);
    archive_read_support_format_raw(a);
    size_t total = 0;
    struct archive_entry *ent;
    if (archive_read_open_memory(a, data, len) == ARCHIVE_OK &&
        archive_read_next_header(a, &ent) == ARCHIVE_OK) {
        char tmp[4096];
        la_ssize_t k;
        while (total < 1024 && (k = archive_read_data(a, tmp, sizeof tmp)) > 0) total += k;
    }
    archive_read_free(a);
    if (total == 0 && nfiles == 0) return "no files in chart archive";
    return total < 512 ? "unexpected EOF" : "archive/tar: invalid tar header";
}

static int drive_path(const char *n)
{
    return ((n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z')) && n[1] == ':' && n[2] == '/';
}

static const char *arc_quote(const char *s)
{
    Buf b = {0};
    go_quote(&b, s, strlen(s), 0);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

static const char *arc_read(struct archive *a, FileList *out)
{
    struct archive_entry *ent;
    long long remaining = CC_MAX_CHART_SIZE;
    for (;;) {
        int r = archive_read_next_header(a, &ent);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) return SV_BADHDR;
        if (archive_entry_filetype(ent) == AE_IFDIR) continue;
        const char *hname = archive_entry_pathname(ent);
        if (!hname) hname = "";
        char delim = strchr(hname, '\\') ? '\\' : '/';
        const char *first = strchr(hname, delim);
        char *n = cc_strdup(first ? first + 1 : "");
        for (char *p = n; *p; p++) if (*p == delim) *p = '/';
        if (n[0] == '/') return "chart illegally contains absolute paths";
        n = go_path_clean(n, strlen(n));
        if (!strcmp(n, "."))
            return cc_printf("chart illegally contains content outside the base directory: %s", arc_quote(hname));
        if (!strncmp(n, "..", 2)) return "chart illegally references parent directory";
        if (drive_path(n)) return "chart contains illegally named files";
        size_t flen = first ? (size_t)(first - hname) : strlen(hname);
        if (flen == 10 && !strncmp(hname, "Chart.yaml", 10)) return "chart yaml not in base directory";
        long long size = archive_entry_size(ent);
        if (size > remaining)
            return cc_printf("decompressed chart is larger than the maximum %ssize %d",
                             cc_helm_major >= 4 ? "" : "file ", CC_MAX_CHART_SIZE);
        if (size > CC_MAX_FILE_SIZE)
            return cc_printf("decompressed chart file %s is larger than the maximum file size %d",
                             arc_quote(hname), CC_MAX_FILE_SIZE);
        Buf b = {0};
        char tmp[65536];
        la_ssize_t k;
        while ((k = archive_read_data(a, tmp, sizeof tmp)) > 0) {
            buf_put(&b, tmp, k);
            if ((long long)b.len > remaining) break;
        }
        if (k < 0) {
            buf_free(&b);
            const char *e = archive_error_string(a);
            return cc_strdup(e ? e : "unexpected EOF");
        }
        remaining -= b.len;
        if ((long long)b.len < size || remaining <= 0) {
            buf_free(&b);
            return cc_printf("decompressed chart is larger than the maximum %ssize %d",
                             cc_helm_major >= 4 ? "" : "file ", CC_MAX_CHART_SIZE);
        }
        const char *d = b.len ? buf_arena(&b) : "";
        size_t len = b.len;
        buf_free(&b);
        if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) { d += 3; len -= 3; }
        filelist_add(out, n, d, len);
    }
    if (out->n == 0) return "no files in chart archive";
    return NULL;
}

const char *archive_load_files(const char *data, size_t len, FileList *out)
{
    /* gzip.NewReader: io.ReadFull of the 10-byte header, then the magic */
    if (len == 0) return "EOF";
    if (len < 10) return "unexpected EOF";
    if ((unsigned char)data[0] != 0x1F || (unsigned char)data[1] != 0x8B || data[2] != 8)
        return "gzip: invalid header";
    struct archive *a = archive_read_new();
    archive_read_support_filter_gzip(a);
    archive_read_support_format_tar(a);
    const char *err;
    if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
        err = arc_header_error(data, len, 0);
    } else {
        err = arc_read(a, out);
        if (err == SV_BADHDR) err = arc_header_error(data, len, out->n);
    }
    archive_read_free(a);
    return err;
}

