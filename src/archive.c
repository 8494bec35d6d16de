/*
 * archive.c - reading a chart .tgz in memory, in three layers:
 *   gz_*   Go's compress/gzip Reader (multistream, header flags, trailer
 *          checks) over zlib's raw inflate;
 *   tar_*  Go's archive/tar Reader (V7/USTAR/PAX/GNU/STAR headers, PAX and
 *          GNU long names, old-GNU and PAX sparse files, its errors);
 *   archive_load_files  Helm's LoadArchiveFiles: directory and PAX global
 *          entries skipped, first path component stripped, path-safety
 *          checks, size limits, UTF-8 BOM removed.
 * Mirrors helm v4.1.4 pkg/chart/loader/archive/archive.go (v3.17.3
 * pkg/chart/loader/archive.go), Go src/compress/gzip/gunzip.go and
 * src/archive/tar/{reader,format,strconv,common}.go.
 *
 * Errors surface the way Go's readers surface them to Helm: a reader error
 * is sticky and reported only when a read asks for more bytes than arrived
 * before it (io.ReadFull semantics), so a bad gzip trailer after the tar's
 * end-of-archive blocks is never seen, as in Helm.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "archive_priv.h"
#include "chartc/gostd.h"
#include "chartc/gofmt.h"

/* Go's error texts (io, compress/gzip, archive/tar) */
static const char E_EOF[] = "EOF";
static const char E_UNEXPECTED_EOF[] = "unexpected EOF";
static const char E_GZ_HEADER[] = "gzip: invalid header";
static const char E_GZ_CHECKSUM[] = "gzip: invalid checksum";
static const char E_TAR_HEADER[] = "archive/tar: invalid tar header";
static const char E_TAR_TOO_LONG[] = "archive/tar: header field too long";
static const char E_TAR_MISS_DATA[] = "archive/tar: sparse file references non-existent data";
static const char E_TAR_UNREF_DATA[] = "archive/tar: sparse file contains unreferenced data";

/* io.ErrUnexpectedEOF for an EOF in the middle of something (Go noEOF) */
static const char *no_eof(const char *e) { return e == E_EOF ? E_UNEXPECTED_EOF : e; }

void filelist_add(FileList *fl, const char *name, const char *data, size_t len)
{
    if (fl->n == fl->cap) {
        int nc = fl->cap ? fl->cap * 2 : 32;
        fl->v = cc_grow(fl->v, fl->cap * sizeof *fl->v, nc * sizeof *fl->v);
        fl->cap = nc;
    }
    fl->v[fl->n].name = name;
    fl->v[fl->n].data = data;
    fl->v[fl->n].len = len;
    fl->n++;
}

/* ---- gzip (compress/gzip.Reader over zlib) -------------------------------- */

typedef struct Gz {
    const unsigned char *p; size_t n, pos;  /* compressed input, read position */
    z_stream z;
    int live;                               /* inflateInit2 done */
    size_t zstart;                          /* pos where this member's deflate data starts */
    uint32_t crc, size;                     /* of the member's output so far */
    const char *err;                        /* sticky; E_EOF after the last member */
} Gz;

enum { GZ_FTEXT = 1, GZ_FHCRC = 2, GZ_FEXTRA = 4, GZ_FNAME = 8, GZ_FCOMMENT = 16 };

/* gzip.Reader.readHeader; NULL, E_EOF (no bytes at all) or an error. */
static const char *gz_member_header(Gz *g)
{
    const unsigned char *h = g->p + g->pos;
    size_t avail = g->n - g->pos;
    if (avail == 0) return E_EOF;
    if (avail < 10) { g->pos = g->n; return E_UNEXPECTED_EOF; }
    if (h[0] != 0x1F || h[1] != 0x8B || h[2] != 8) return E_GZ_HEADER;
    int flg = h[3];
    uint32_t crc = crc32(0, h, 10);
    g->pos += 10;
    if (flg & GZ_FEXTRA) {
        if (g->n - g->pos < 2) { g->pos = g->n; return E_UNEXPECTED_EOF; }
        size_t xl = g->p[g->pos] | (size_t)g->p[g->pos + 1] << 8;
        crc = crc32(crc, g->p + g->pos, 2);
        g->pos += 2;
        if (g->n - g->pos < xl) { g->pos = g->n; return E_UNEXPECTED_EOF; }
        crc = crc32(crc, g->p + g->pos, (uInt)xl);
        g->pos += xl;
    }
    /* readString: NUL-terminated, at most 511 bytes before the NUL; the
     * header CRC covers them and the NUL */
    for (int f = GZ_FNAME; f <= GZ_FCOMMENT; f <<= 1) {
        if (!(flg & f)) continue;
        size_t start = g->pos;
        for (size_t i = 0;; i++) {
            if (i >= 512) return E_GZ_HEADER;
            if (g->pos >= g->n) return E_UNEXPECTED_EOF;
            if (g->p[g->pos++] == 0) break;
        }
        crc = crc32(crc, g->p + start, (uInt)(g->pos - start));
    }
    if (flg & GZ_FHCRC) {
        if (g->n - g->pos < 2) { g->pos = g->n; return E_UNEXPECTED_EOF; }
        unsigned sum = g->p[g->pos] | (unsigned)g->p[g->pos + 1] << 8;
        g->pos += 2;
        if (sum != (crc & 0xFFFF)) return E_GZ_HEADER;
    }
    if (!g->live) {
        if (inflateInit2(&g->z, -15) != Z_OK) cc_oom();
        g->live = 1;
    } else if (inflateReset(&g->z) != Z_OK) {
        cc_oom();
    }
    g->zstart = g->pos;
    g->crc = 0;
    g->size = 0;
    return NULL;
}

/* gzip.NewReader */
static const char *gz_open(Gz *g, const char *data, size_t len)
{
    memset(g, 0, sizeof *g);
    g->p = (const unsigned char *)data;
    g->n = len;
    return gz_member_header(g);
}

static void gz_close(Gz *g)
{
    if (g->live) inflateEnd(&g->z);
    g->live = 0;
}

/* The end of a member: trailer (CRC-32, ISIZE), then the next member's
 * header or the clean end of the stream. */
static const char *gz_member_end(Gz *g)
{
    if (g->n - g->pos < 8) { g->pos = g->n; return E_UNEXPECTED_EOF; }
    const unsigned char *t = g->p + g->pos;
    uint32_t crc = t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 | (uint32_t)t[3] << 24;
    uint32_t size = t[4] | (uint32_t)t[5] << 8 | (uint32_t)t[6] << 16 | (uint32_t)t[7] << 24;
    g->pos += 8;
    if (crc != g->crc || size != g->size) return E_GZ_CHECKSUM;
    return gz_member_header(g);
}

/* Read up to want bytes into dst; *got bytes arrived. Returns NULL when all
 * arrived, else the sticky error (E_EOF at the clean end). */
static const char *gz_read(Gz *g, unsigned char *dst, size_t want, size_t *got)
{
    *got = 0;
    while (*got < want) {
        if (g->err) return g->err;
        size_t in = g->n - g->pos, out = want - *got;
        g->z.next_in = (Bytef *)(g->p + g->pos);
        g->z.avail_in = in > UINT_MAX ? UINT_MAX : (uInt)in;
        g->z.next_out = dst + *got;
        g->z.avail_out = out > UINT_MAX ? UINT_MAX : (uInt)out;
        uInt ai = g->z.avail_in, ao = g->z.avail_out;
        int r = inflate(&g->z, Z_NO_FLUSH);
        size_t used = ai - g->z.avail_in, made = ao - g->z.avail_out;
        g->pos += used;
        g->crc = (uint32_t)crc32(g->crc, dst + *got, (uInt)made);
        g->size += (uint32_t)made;
        *got += made;
        if (r == Z_STREAM_END) {
            const char *e = gz_member_end(g);
            if (e) g->err = e;
        } else if (r == Z_DATA_ERROR) {
            /* flate.CorruptInputError: the deflate bytes read so far */
            g->err = cc_printf("flate: corrupt input before offset %zu", g->pos - g->zstart);
        } else if (r == Z_MEM_ERROR) {
            cc_oom();
        } else if (!used && !made) {
            g->err = E_UNEXPECTED_EOF;      /* input ended inside the deflate stream */
        }
    }
    return NULL;
}

/* ---- tar (archive/tar.Reader) --------------------------------------------- */

typedef struct Frag { long long off, len; } Frag;     /* a sparse data fragment */

typedef struct Tar {
    Gz *gz;
    long long nb;          /* physical bytes left in the current entry */
    long long pad;         /* block padding after them */
    const char *err;       /* sticky */
    unsigned char blk[512];
    /* sparse entries: data fragments (non-empty, in order), logical size */
    int sparse;
    Frag *frag; size_t nfrag, capfrag, fi;
    long long lpos, lsize;
    /* the entry's name, PAX records, GNU long names (heap, reused) */
    Buf hname, pax, longname, scratch, spmap;
} Tar;

typedef struct TarHdr {
    char typeflag;
    const char *name;      /* in Tar's buffers: valid until the next tar_next */
    long long size, mode;
} TarHdr;

/* mustReadFull / tryReadFull over the gzip stream: NULL when n bytes
 * arrived, else E_EOF (nothing arrived, or try=1), E_UNEXPECTED_EOF, or
 * the stream's error. */
static const char *tar_raw(Tar *t, void *dst, size_t n, int try)
{
    size_t got;
    const char *e = gz_read(t->gz, dst, n, &got);
    if (!e) return NULL;
    if (e == E_EOF && got && !try) return E_UNEXPECTED_EOF;
    return e;
}

/* Read n bytes of the current entry's physical data (regFileReader):
 * E_EOF when the entry has fewer bytes left, E_UNEXPECTED_EOF when the
 * stream ends first. */
static const char *tar_phys(Tar *t, void *dst, size_t n, size_t *got)
{
    size_t want = (long long)n > t->nb ? (size_t)t->nb : n;
    const char *e = gz_read(t->gz, dst, want, got);
    t->nb -= (long long)*got;
    if (e) return e == E_EOF ? E_UNEXPECTED_EOF : e;
    return *got < n ? E_EOF : NULL;
}

/* Skip n bytes of the stream (discard): E_UNEXPECTED_EOF when short. */
static const char *tar_discard(Tar *t, long long n)
{
    unsigned char tmp[16384];
    while (n > 0) {
        size_t k = n > (long long)sizeof tmp ? sizeof tmp : (size_t)n, got;
        const char *e = gz_read(t->gz, tmp, k, &got);
        if (e) return no_eof(e);
        n -= (long long)k;
    }
    return NULL;
}

/* ---- numbers and strings of a header block (strconv.go) ---- */

/* parser.parseString: up to the first NUL */
static size_t ts_len(const unsigned char *b, size_t n)
{
    const unsigned char *z = memchr(b, 0, n);
    return z ? (size_t)(z - b) : n;
}

/* strconv.ParseUint(s, 8, 64) */
static int parse_octal_u64(const unsigned char *s, size_t n, unsigned long long *out)
{
    unsigned long long x = 0;
    if (!n) return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '7') return -1;
        if (x >> 61) return -1;
        x = x << 3 | (unsigned)(s[i] - '0');
    }
    *out = x;
    return 0;
}

/* parser.parseOctal: trim spaces and NULs, up to the first NUL */
static long long ts_octal(const unsigned char *b, size_t n, int *bad)
{
    while (n && (b[0] == ' ' || b[0] == 0)) { b++; n--; }
    while (n && (b[n - 1] == ' ' || b[n - 1] == 0)) n--;
    if (!n) return 0;
    unsigned long long x;
    if (parse_octal_u64(b, ts_len(b, n), &x)) { *bad = 1; return 0; }
    return (long long)x;
}

/* parser.parseNumeric: base-256 (high bit set) or octal */
static long long ts_numeric(const unsigned char *b, size_t n, int *bad)
{
    if (n && (b[0] & 0x80)) {
        unsigned char inv = (b[0] & 0x40) ? 0xFF : 0;
        unsigned long long x = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = b[i] ^ inv;
            if (i == 0) c &= 0x7F;
            if (x >> 56) { *bad = 1; return 0; }
            x = x << 8 | c;
        }
        if (x >> 63) { *bad = 1; return 0; }
        return inv ? (long long)~x : (long long)x;
    }
    return ts_octal(b, n, bad);
}

/* strconv.ParseInt(s, 10, 64) */
static int parse_dec_i64(const char *s, size_t n, long long *out)
{
    int neg = 0;
    size_t i = 0;
    if (n && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; i = 1; }
    if (i == n) return -1;
    unsigned long long x = 0, lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        unsigned d = (unsigned)(s[i] - '0');
        if (x > (lim - d) / 10) return -1;
        x = x * 10 + d;
    }
    *out = neg ? (long long)(0 - x) : (long long)x;
    return 0;
}

/* parsePAXTime: "%d" or "%d.%d" with a decimal fraction */
static int pax_time_ok(const char *s, size_t n)
{
    const char *dot = memchr(s, '.', n);
    long long secs;
    if (parse_dec_i64(s, dot ? (size_t)(dot - s) : n, &secs)) return 0;
    if (dot)
        for (const char *p = dot + 1; p < s + n; p++)
            if (*p < '0' || *p > '9') return 0;
    return 1;
}

/* ---- header blocks (format.go) ---- */

enum { F_UNKNOWN = 0, F_V7 = 1, F_USTAR = 2, F_PAX = 4, F_GNU = 8, F_STAR = 16 };

/* block.getFormat: checksum (unsigned or signed sum), then the magic */
static int blk_format(const unsigned char *b)
{
    int bad = 0;
    long long want = ts_octal(b + 148, 8, &bad);
    long long u = 0, s = 0;
    for (int i = 0; i < 512; i++) {
        unsigned char c = (i >= 148 && i < 156) ? ' ' : b[i];
        u += c;
        s += (signed char)c;
    }
    if (bad || (want != u && want != s)) return F_UNKNOWN;
    if (!memcmp(b + 257, "ustar\0", 6) && !memcmp(b + 508, "tar\0", 4)) return F_STAR;
    if (!memcmp(b + 257, "ustar\0", 6)) return F_USTAR | F_PAX;
    if (!memcmp(b + 257, "ustar ", 6) && !memcmp(b + 263, " \0", 2)) return F_GNU;
    return F_V7;
}

static int blk_is_zero(const unsigned char *b)
{
    for (int i = 0; i < 512; i++) if (b[i]) return 0;
    return 1;
}

static int is_header_only(char f) { return f >= '1' && f <= '6'; }

/* readHeader: the next header block into t->blk and h (its name in
 * t->hname). E_EOF at the end-of-archive marker or a clean end. */
static const char *tar_read_header(Tar *t, TarHdr *h, int *format)
{
    unsigned char *b = t->blk;
    const char *e = tar_raw(t, b, 512, 0);
    if (e) return e;
    if (blk_is_zero(b)) {
        if ((e = tar_raw(t, b, 512, 0))) return e;
        return blk_is_zero(b) ? E_EOF : E_TAR_HEADER;
    }
    int f = blk_format(b);
    if (f == F_UNKNOWN) return E_TAR_HEADER;
    int bad = 0;
    h->typeflag = (char)b[156];
    h->size = ts_numeric(b + 124, 12, &bad);
    h->mode = ts_numeric(b + 100, 8, &bad);
    ts_numeric(b + 108, 8, &bad);            /* uid */
    ts_numeric(b + 116, 8, &bad);            /* gid */
    ts_numeric(b + 136, 12, &bad);           /* mtime */
    /* the name: prefix "/" name for USTAR, STAR and pre-Go1.8 GNU files */
    Buf *nm = &t->hname;
    nm->len = 0;
    size_t plen = 0;
    const unsigned char *prefix = NULL;
    if (f != F_V7) {
        ts_numeric(b + 329, 8, &bad);        /* devmajor */
        ts_numeric(b + 337, 8, &bad);        /* devminor */
        if (f & (F_USTAR | F_PAX)) {
            prefix = b + 345; plen = ts_len(b + 345, 155);
        } else if (f == F_STAR) {
            prefix = b + 345; plen = ts_len(b + 345, 131);
            ts_numeric(b + 476, 12, &bad);
            ts_numeric(b + 488, 12, &bad);
        } else {                             /* GNU: atime, ctime, else a prefix */
            int bad2 = 0;
            if (b[345]) ts_numeric(b + 345, 12, &bad2);
            if (b[357]) ts_numeric(b + 357, 12, &bad2);
            if (bad2) {
                size_t k = ts_len(b + 345, 155), i;
                for (i = 0; i < k && b[345 + i] < 0x80; i++) {}
                if (i == k) { prefix = b + 345; plen = k; }
            }
        }
    }
    if (plen) { buf_put(nm, prefix, plen); buf_putc(nm, '/'); }
    buf_put(nm, b, ts_len(b, 100));
    h->name = buf_cstr(nm);
    *format = f;
    return bad ? E_TAR_HEADER : NULL;
}

/* handleRegularFile: the entry's data section and its padding */
static const char *tar_set_data(Tar *t, const TarHdr *h)
{
    long long nb = is_header_only(h->typeflag) ? 0 : h->size;
    if (nb < 0) return E_TAR_HEADER;
    t->nb = nb;
    t->pad = -nb & 511;
    t->sparse = 0;
    return NULL;
}

/* readSpecialFile: the whole data section, at most 1 MiB, into b */
static const char *tar_special(Tar *t, Buf *b)
{
    const long long max = 1 << 20;
    b->len = 0;
    long long n = t->nb > max + 1 ? max + 1 : t->nb;
    buf_reserve(b, (size_t)n);
    size_t got;
    const char *e = tar_phys(t, b->p, (size_t)n, &got);
    b->len = got;
    if ((long long)got > max) return E_TAR_TOO_LONG;
    return e == E_EOF ? NULL : e;
}

/* ---- PAX records ---- */

/* The records Helm's reader acts on, pointing into t->pax (or t->spmap). */
typedef struct Pax {
    struct PaxVal { const char *s; size_t n; } path, size, uid, gid, mtime, atime, ctime,
        sp_major, sp_minor, sp_name, sp_size, sp_realsize, sp_numblocks, sp_map;
} Pax;

static void pax_set(Pax *x, const char *k, size_t kn, const char *v, size_t vn)
{
    static const struct { const char *k; size_t off; } keys[] = {
#define PK(name, f) {name, offsetof(Pax, f)}
        PK("path", path), PK("size", size), PK("uid", uid), PK("gid", gid), PK("mtime", mtime),
        PK("atime", atime), PK("ctime", ctime), PK("GNU.sparse.major", sp_major),
        PK("GNU.sparse.minor", sp_minor), PK("GNU.sparse.name", sp_name),
        PK("GNU.sparse.size", sp_size), PK("GNU.sparse.realsize", sp_realsize),
        PK("GNU.sparse.numblocks", sp_numblocks), PK("GNU.sparse.map", sp_map),
#undef PK
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strlen(keys[i].k) == kn && !memcmp(keys[i].k, k, kn)) {
            struct PaxVal *pv = (struct PaxVal *)((char *)x + keys[i].off);
            pv->s = v;
            pv->n = vn;
        }
}

/* parsePAX of t->pax: records "%d %s=%s\n"; GNU sparse 0.0 offset/numbytes
 * pairs are joined into GNU.sparse.map. */
static const char *pax_parse(Tar *t, Pax *x)
{
    memset(x, 0, sizeof *x);
    t->spmap.len = 0;
    int nsp = 0;
    const char *s = t->pax.p, *end = t->pax.p + t->pax.len;
    while (s < end) {
        size_t rest = (size_t)(end - s);
        const char *sp = memchr(s, ' ', rest);
        if (!sp) return E_TAR_HEADER;
        long long n;
        if (parse_dec_i64(s, (size_t)(sp - s), &n) || n < 5 || n > (long long)rest) return E_TAR_HEADER;
        long long m = n - (long long)(sp - s + 1);   /* bytes after the space */
        if (m <= 0) return E_TAR_HEADER;
        const char *rec = sp + 1, *nl = rec + m - 1;
        if (*nl != '\n') return E_TAR_HEADER;
        const char *eq = memchr(rec, '=', (size_t)(nl - rec));
        if (!eq) return E_TAR_HEADER;
        const char *k = rec, *v = eq + 1;
        size_t kn = (size_t)(eq - rec), vn = (size_t)(nl - v);
        /* validPAXRecord */
        if (!kn || memchr(k, 0, kn)) return E_TAR_HEADER;
        int strfield = (kn == 4 && !memcmp(k, "path", 4)) || (kn == 8 && !memcmp(k, "linkpath", 8)) ||
                       (kn == 5 && (!memcmp(k, "uname", 5) || !memcmp(k, "gname", 5)));
        if (strfield && memchr(v, 0, vn)) return E_TAR_HEADER;
        int is_off = kn == 17 && !memcmp(k, "GNU.sparse.offset", 17);
        int is_len = kn == 19 && !memcmp(k, "GNU.sparse.numbytes", 19);
        if (is_off || is_len) {
            if ((nsp % 2 == 0 && !is_off) || (nsp % 2 == 1 && !is_len) || memchr(v, ',', vn))
                return E_TAR_HEADER;
            if (nsp++) buf_putc(&t->spmap, ',');
            buf_put(&t->spmap, v, vn);
        } else {
            pax_set(x, k, kn, v, vn);
        }
        s = nl + 1;
    }
    if (nsp) {
        buf_cstr(&t->spmap);
        x->sp_map.s = t->spmap.p;
        x->sp_map.n = t->spmap.len;
    }
    return NULL;
}

/* h->name = s[0:n], kept in t->hname */
static void tar_set_name(Tar *t, TarHdr *h, const char *s, size_t n)
{
    t->hname.len = 0;
    buf_put(&t->hname, s, n);
    h->name = buf_cstr(&t->hname);
}

/* mergePAX: the records that change the header; a bad number is ErrHeader */
static const char *pax_merge(Tar *t, TarHdr *h, const Pax *x)
{
    long long v;
    if (x->path.n) tar_set_name(t, h, x->path.s, x->path.n);
    if (x->uid.n && parse_dec_i64(x->uid.s, x->uid.n, &v)) return E_TAR_HEADER;
    if (x->gid.n && parse_dec_i64(x->gid.s, x->gid.n, &v)) return E_TAR_HEADER;
    if (x->atime.n && !pax_time_ok(x->atime.s, x->atime.n)) return E_TAR_HEADER;
    if (x->mtime.n && !pax_time_ok(x->mtime.s, x->mtime.n)) return E_TAR_HEADER;
    if (x->ctime.n && !pax_time_ok(x->ctime.s, x->ctime.n)) return E_TAR_HEADER;
    if (x->size.n && parse_dec_i64(x->size.s, x->size.n, &h->size)) return E_TAR_HEADER;
    return NULL;
}

/* ---- sparse files ---- */

/* One data fragment of the sparse map, checked as validateSparseEntries
 * does (in order, no overlap, inside the logical size); empty fragments
 * are dropped like invertSparseEntries drops them. */
typedef struct SpCheck { long long pre_end; int bad; } SpCheck;

static void sp_add(Tar *t, SpCheck *c, long long off, long long len, int keep)
{
    if (off < 0 || len < 0 || off > LLONG_MAX - len || off + len > t->lsize || c->pre_end > off) {
        c->bad = 1;
        return;
    }
    c->pre_end = off + len;
    if (!len || !keep) return;
    if (t->nfrag == t->capfrag) {
        t->capfrag = t->capfrag ? 2 * t->capfrag : 16;
        t->frag = realloc(t->frag, t->capfrag * sizeof *t->frag);
        if (!t->frag) cc_oom();
    }
    t->frag[t->nfrag++] = (Frag){off, len};
}

/* readOldGNUSparseMap: entries in the header and extension blocks */
static const char *sp_old_gnu(Tar *t, TarHdr *h, int format, SpCheck *c, int keep)
{
    if (format != F_GNU) return E_TAR_HEADER;
    int bad = 0;
    h->size = ts_numeric(t->blk + 483, 12, &bad);
    if (bad) return E_TAR_HEADER;
    t->lsize = h->size;
    unsigned char *s = t->blk + 386;
    int max = 4;
    for (;;) {
        for (int i = 0; i < max; i++) {
            const unsigned char *ent = s + i * 24;
            if (ent[0] == 0) break;
            long long off = ts_numeric(ent, 12, &bad), len = ts_numeric(ent + 12, 12, &bad);
            if (bad) return E_TAR_HEADER;
            sp_add(t, c, off, len, keep);
        }
        if (!s[24 * max]) return NULL;
        const char *e = tar_raw(t, t->blk, 512, 0);
        if (e) return no_eof(e);
        s = t->blk;
        max = 21;
    }
}

/* readGNUSparseMap1x0: a decimal count, then offset/length pairs, one per
 * line, at the start of the data section in whole blocks. */
static const char *sp_map_1x0(Tar *t, SpCheck *c, int keep)
{
    unsigned char blk[512];
    Buf tok = {0};
    long long want = 1, count = -1, ntok = 0, off = 0;
    int parse_bad = 0;
    size_t i = 512;
    const char *err = NULL;
    while (ntok < want) {
        if (i == 512) {                      /* feedTokens: one more block */
            size_t got;
            const char *e = tar_phys(t, blk, 512, &got);
            if (e) { err = no_eof(e); break; }
            i = 0;
        }
        unsigned char ch = blk[i++];
        if (ch != '\n') { buf_putc(&tok, (char)ch); continue; }
        long long v;
        int bad = parse_dec_i64(tok.p ? tok.p : "", tok.len, &v) != 0;
        tok.len = 0;
        if (ntok++ == 0) {
            if (bad || v < 0 || v > LLONG_MAX / 2) { err = E_TAR_HEADER; break; }
            count = v;
            want = 1 + 2 * count;
        } else if (ntok % 2 == 0) {
            off = v;
            parse_bad |= bad;
        } else {
            parse_bad |= bad;
            if (!parse_bad) sp_add(t, c, off, v, keep);
        }
    }
    buf_free(&tok);
    if (err) return err;
    return parse_bad ? E_TAR_HEADER : NULL;
}

/* readGNUSparseMap0x1: GNU.sparse.numblocks and GNU.sparse.map */
static const char *sp_map_0x1(Tar *t, const Pax *x, SpCheck *c, int keep)
{
    long long num;
    if (parse_dec_i64(x->sp_numblocks.s ? x->sp_numblocks.s : "", x->sp_numblocks.n, &num) || num < 0 ||
        num > LLONG_MAX / 2)
        return E_TAR_HEADER;
    const char *s = x->sp_map.s, *end = s ? s + x->sp_map.n : s;
    long long fields = 0;
    if (s && s < end) {
        fields = 1;
        for (const char *p = s; p < end; p++) fields += *p == ',';
    }
    if (fields != 2 * num) return E_TAR_HEADER;
    for (long long k = 0; k < num; k++) {
        long long v[2];
        for (int j = 0; j < 2; j++) {
            const char *q = memchr(s, ',', (size_t)(end - s));
            if (!q) q = end;
            if (parse_dec_i64(s, (size_t)(q - s), &v[j])) return E_TAR_HEADER;
            s = q + 1;
        }
        sp_add(t, c, v[0], v[1], keep);
    }
    return NULL;
}

/* handleSparseFile */
static const char *tar_sparse(Tar *t, TarHdr *h, const Pax *x, int format)
{
    SpCheck c = {0, 0};
    t->nfrag = 0;
    t->fi = 0;
    t->lpos = 0;
    const char *e = NULL;
    int kind;                    /* 0 none, 1 old GNU, 2 PAX 0.x, 3 PAX 1.0 */
    if (h->typeflag == 'S') {
        kind = 1;
    } else {
        struct PaxVal mj = x->sp_major, mn = x->sp_minor;
        if (mj.n == 1 && *mj.s == '0' && mn.n == 1 && (*mn.s == '0' || *mn.s == '1')) kind = 2;
        else if (mj.n == 1 && *mj.s == '1' && mn.n == 1 && *mn.s == '0') kind = 3;
        else if (mj.n || mn.n) kind = 0;
        else if (x->sp_map.n) kind = 2;
        else kind = 0;
        if (kind) {
            if (x->sp_name.n) tar_set_name(t, h, x->sp_name.s, x->sp_name.n);
            struct PaxVal sz = x->sp_size.n ? x->sp_size : x->sp_realsize;
            if (sz.n && parse_dec_i64(sz.s, sz.n, &h->size)) return E_TAR_HEADER;
        }
    }
    if (!kind) return NULL;
    /* fragments are kept only for sizes Helm may load (it refuses larger
     * ones after Next); every fragment is still checked */
    t->lsize = h->size;
    int keep = h->size >= 0 && h->size <= CC_MAX_FILE_SIZE;
    if (kind == 1) {
        e = sp_old_gnu(t, h, format, &c, 1);
        keep = h->size >= 0 && h->size <= CC_MAX_FILE_SIZE;
        if (!keep) t->nfrag = 0;
    } else if (kind == 3) {
        e = sp_map_1x0(t, &c, keep);
    } else {
        e = sp_map_0x1(t, x, &c, keep);
    }
    if (e) return e;
    if (is_header_only(h->typeflag) || c.bad || h->size < 0) return E_TAR_HEADER;
    t->sparse = 1;
    return NULL;
}

/* Reader.next: one entry's header, skipping PAX and GNU meta entries.
 * E_EOF at the end of the archive. */
static const char *tar_next(Tar *t, TarHdr *h)
{
    if (t->err) return t->err;
    Pax pax = {0};           /* the last 'x' entry's records */
    int have_long = 0;       /* a non-empty GNU long name precedes */
    for (;;) {
        const char *e = tar_discard(t, t->nb);
        if (!e && t->pad) {
            unsigned char tmp[512];
            e = tar_raw(t, tmp, (size_t)t->pad, 1);
        }
        t->nb = t->pad = 0;
        if (e) return t->err = e;
        int format;
        if ((e = tar_read_header(t, h, &format)) || (e = tar_set_data(t, h))) return t->err = e;
        switch (h->typeflag) {
        case 'x': case 'g':
            if ((e = tar_special(t, &t->pax)) || (e = pax_parse(t, &pax))) return t->err = e;
            if (h->typeflag == 'g') {        /* returned as it is; Helm skips it */
                h->size = h->mode = 0;
                return NULL;
            }
            continue;
        case 'L':
            if ((e = tar_special(t, &t->longname))) return t->err = e;
            t->longname.len = ts_len((unsigned char *)buf_cstr(&t->longname), t->longname.len);
            have_long = t->longname.len > 0;
            continue;
        case 'K':                            /* a long link name: read, unused */
            if ((e = tar_special(t, &t->scratch))) return t->err = e;
            continue;
        default:
            break;
        }
        if ((e = pax_merge(t, h, &pax))) return t->err = e;
        if (have_long) tar_set_name(t, h, t->longname.p, t->longname.len);
        if (h->typeflag == 0) {              /* TypeRegA: a trailing slash means a directory */
            size_t l = strlen(h->name);
            h->typeflag = l && h->name[l - 1] == '/' ? '5' : '0';
        }
        if ((e = tar_set_data(t, h)) || (e = tar_sparse(t, h, &pax, format))) return t->err = e;
        return NULL;
    }
}

/* Read the current entry's logical data (all of it, at most want bytes of
 * room in dst): *got bytes. Errors as Reader.Read reports them. */
static const char *tar_read(Tar *t, unsigned char *dst, size_t want, size_t *got)
{
    *got = 0;
    if (!t->sparse) {
        size_t n = (long long)want > t->nb ? (size_t)t->nb : want;
        const char *e = tar_phys(t, dst, n, got);
        return e == E_EOF ? NULL : e;
    }
    while (t->lpos < t->lsize && *got < want) {
        Frag f = t->fi < t->nfrag ? t->frag[t->fi] : (Frag){t->lsize, 0};
        size_t room = want - *got, k;
        if (t->lpos < f.off) {               /* a hole */
            long long h = f.off - t->lpos;
            k = (long long)room < h ? room : (size_t)h;
            memset(dst + *got, 0, k);
        } else {                             /* data */
            long long d = f.off + f.len - t->lpos;
            size_t n = (long long)room < d ? room : (size_t)d;
            const char *e = tar_phys(t, dst + *got, n, &k);
            if (e) {
                *got += k;
                return e == E_EOF ? E_TAR_MISS_DATA : e;
            }
            if (t->lpos + (long long)k == f.off + f.len) t->fi++;
        }
        *got += k;
        t->lpos += (long long)k;
    }
    if (t->lpos >= t->lsize && t->nb > 0) return E_TAR_UNREF_DATA;
    return NULL;
}

static void tar_free(Tar *t)
{
    buf_free(&t->hname);
    buf_free(&t->pax);
    buf_free(&t->longname);
    buf_free(&t->scratch);
    buf_free(&t->spmap);
    free(t->frag);
}

/* ---- Helm's LoadArchiveFiles ---------------------------------------------- */

static int drive_path(const char *n)
{
    return ((n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z')) && n[1] == ':' && n[2] == '/';
}

/* hd.FileInfo().IsDir(): the c_ISDIR mode bits or a directory typeflag */
static int hdr_is_dir(const TarHdr *h)
{
    return (((uint32_t)h->mode & ~07777u) == 040000) || h->typeflag == '5';
}

/* The chart-relative name of entry h, or an error: Helm's path checks. */
static const char *arc_name(const char *hname, const char **out)
{
    char delim = strchr(hname, '\\') ? '\\' : '/';
    const char *first = strchr(hname, delim);
    char *n = cc_strdup(first ? first + 1 : "");
    for (char *p = n; *p; p++) if (*p == delim) *p = '/';
    if (n[0] == '/') return "chart illegally contains absolute paths";
    n = go_path_clean(n, strlen(n));
    if (!strcmp(n, "."))
        return cc_printf("chart illegally contains content outside the base directory: %s", go_quoted_cstr(hname));
    if (!strncmp(n, "..", 2)) return "chart illegally references parent directory";
    if (drive_path(n)) return "chart contains illegally named files";
    size_t flen = first ? (size_t)(first - hname) : strlen(hname);
    if (flen == 10 && !strncmp(hname, "Chart.yaml", 10)) return "chart yaml not in base directory";
    *out = n;
    return NULL;
}

static const char *too_large(void)
{
    return cc_printf("decompressed chart is larger than the maximum %ssize %d",
                     cc_helm_major >= 4 ? "" : "file ", CC_MAX_CHART_SIZE);
}

/* The loop of LoadArchiveFiles over an open tar stream. */
static const char *arc_entries(Tar *t, FileList *out)
{
    long long remaining = CC_MAX_CHART_SIZE;
    /* not Helm's: file names are kept, so their total is capped with the
     * chart size (Helm would hold them all, gigabytes for a crafted archive) */
    long long names = CC_MAX_CHART_SIZE;
    for (;;) {
        TarHdr h = {0};
        const char *e = tar_next(t, &h);
        if (e == E_EOF) break;
        if (e) return e;
        if (hdr_is_dir(&h) || h.typeflag == 'g' || h.typeflag == 'x') continue;
        const char *n = NULL;
        if ((e = arc_name(h.name, &n))) return e;
        if (h.size > remaining) return too_large();
        if (h.size > CC_MAX_FILE_SIZE)
            return cc_printf("decompressed chart file %s is larger than the maximum file size %d",
                             go_quoted_cstr(h.name), CC_MAX_FILE_SIZE);
        names -= (long long)strlen(n) + (long long)sizeof(CFile);
        if (names < 0)
            return cc_printf("chart archive holds too many files: their names exceed %d bytes", CC_MAX_CHART_SIZE);
        size_t room = h.size > 0 ? (size_t)h.size : 0, got;
        unsigned char *d = room ? cc_alloc(room + 1) : (unsigned char *)"";
        if ((e = tar_read(t, d, room, &got))) return e;
        remaining -= (long long)got;
        if ((long long)got < h.size || remaining <= 0) return too_large();
        const char *data = (const char *)d;
        if (got >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { data += 3; got -= 3; }
        filelist_add(out, n, got ? data : "", got);
    }
    if (out->n == 0) return "no files in chart archive";
    return NULL;
}

const char *archive_load_files(const char *data, size_t len, FileList *out)
{
    Gz gz;
    const char *err = gz_open(&gz, data, len);
    if (err) {
        gz_close(&gz);
        return err;
    }
    Tar t;
    memset(&t, 0, sizeof t);
    t.gz = &gz;
    err = arc_entries(&t, out);
    tar_free(&t);
    gz_close(&gz);
    return err;
}
