/*
 * cmd_deps.c - `helm dependency list|build|update [CHART]` and
 * `template --dependency-update`, for the dependencies that can be
 * satisfied without a network: file:// repositories (packaged into
 * charts/NAME-VERSION.tgz as `helm package` would) and charts already in
 * charts/ (no repository). A dependency on a chart repository fails with a
 * message naming it.
 * Mirrors helm v4.1.4 pkg/action/dependency.go (List, dependencyStatus,
 * printMissing), pkg/downloader/manager.go (Build, Update, downloadAll,
 * safeDeleteDep, writeLock), internal/resolver/resolver.go (Resolve for
 * file://, HashReq, GetLocalPath) and pkg/chart/v2/util/save.go (Save).
 */
#include "chartc/chart.h"
#include "chartc/codec.h"
#include "chartc/dropin.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/semver.h"
#include "helm_priv.h"

#include <errno.h>
#include <glob.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static const HFlag build_flags[] = {
    {"ca-file", 0, HF_STR, 0}, {"cert-file", 0, HF_STR, 0},
    {"insecure-skip-tls-verify", 0, HF_BOOL, 0}, {"key-file", 0, HF_STR, 0},
    {"keyring", 0, HF_STR, 0}, {"password", 0, HF_STR, 0}, {"plain-http", 0, HF_BOOL, 0},
    {"skip-refresh", 0, HF_BOOL, 0}, {"username", 0, HF_STR, 0}, {"verify", 0, HF_BOOL, 0},
    {NULL, 0, 0, 0},
};
static const HFlag list_flags[] = {{"max-col-width", 0, HF_INT, 0}, {NULL, 0, 0, 0}};

static const char *dp_str(Value m, const char *k)
{
    Value *p = m.t == VT_MAP ? map_getc(m.u.m, k) : NULL;
    return p && p->t == VT_STR ? p->u.s : "";
}

static Value dp_deps(const Chart *c)
{
    Value *p = map_getc(c->meta.u.m, "dependencies");
    return p && p->t == VT_LIST ? *p : v_nil();
}

static const char *dp_join(const char *dir, const char *name)
{
    return go_path_clean(cc_printf("%s/%s", dir, name), strlen(dir) + 1 + strlen(name));
}

/* Sorted paths matching pattern (filepath.Glob), in the arena. */
static char **dp_glob(const char *pat, size_t *n)
{
    glob_t g;
    memset(&g, 0, sizeof g);
    *n = 0;
    int r = glob(pat, 0, NULL, &g);
    char **v = cc_alloc((g.gl_pathc + 1) * sizeof *v);
    if (r == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) v[i] = cc_strdup(g.gl_pathv[i]);
        *n = g.gl_pathc;
    }
    globfree(&g);
    return v;
}

/* constraint.Check(NewVersion(version)): 1 ok, 0 no, -1 bad constraint
 * or version. */
static int dp_check(const char *constraint, const char *version)
{
    SemVer v;
    if (semver_parse(version, strlen(version), &v) != 0) return -1;
    return semver_match(constraint, &v, NULL);
}

/* ---- list --------------------------------------------------------------------- */

/* statArchiveForStatus */
static const char *dp_archive_status(const char *archive, Value dep)
{
    Chart *c;
    if (chart_load(archive, &c)) return "corrupt";
    if (strcmp(c->name, dp_str(dep, "name"))) return "misnamed";
    const char *have = dp_str(c->meta, "version"), *want = dp_str(dep, "version");
    if (strcmp(have, want)) {
        int r = dp_check(want, have);
        if (r < 0) return "invalid version";
        if (!r) return "wrong version";
    }
    return "ok";
}

/* dependencyStatus */
static const char *dp_status(const char *path, Value dep, const Chart *parent)
{
    const char *name = dp_str(dep, "name");
    size_t n;
    char **arcs = dp_glob(dp_join(path, cc_printf("charts/%s-*.tgz", name)), &n);
    if (n > 1) {
        const char *found = NULL;
        int nf = 0;
        for (size_t i = 0; i < n; i++) {
            const char *b = strrchr(arcs[i], '/');
            b = b ? b + 1 : arcs[i];
            size_t bl = strlen(b) - 4, pl = strlen(name) + 1;
            SemVer v;
            if (bl >= pl && semver_new(b + pl, bl - pl, &v) == NULL && b[pl] != 'v') {
                found = arcs[i];
                nf++;
            }
        }
        if (nf == 1) return dp_archive_status(found, dep);
        if (nf > 1) return "too many matches";
    } else if (n == 1) {
        return dp_archive_status(arcs[0], dep);
    }
    const Chart *dc = NULL;
    for (int i = 0; i < parent->ndeps; i++)
        if (!strcmp(parent->deps[i]->name, name)) dc = parent->deps[i];
    if (!dc) return "missing";
    const char *have = dp_str(dc->meta, "version"), *want = dp_str(dep, "version");
    if (strcmp(have, want)) {
        int r = dp_check(want, have);
        if (r < 0) return "invalid version";
        if (!r) return "wrong version";
    }
    return "unpacked";
}

/* uitable: cells padded to their column's width, tab-separated. */
static void dp_table(Buf *out, const char **cells, int nrows, long maxw)
{
    size_t w[4] = {0};
    for (int r = 0; r < nrows; r++)
        for (int k = 0; k < 4; k++) {
            size_t l = strlen(cells[r * 4 + k]);
            if (maxw > 0 && l > (size_t)maxw) l = (size_t)maxw;
            if (l > w[k]) w[k] = l;
        }
    for (int r = 0; r < nrows; r++) {
        for (int k = 0; k < 4; k++) {
            const char *s = cells[r * 4 + k];
            size_t l = strlen(s);
            if (maxw > 0 && l > (size_t)maxw) {   /* strutil.Resize: cut, "..." */
                buf_put(out, s, (size_t)maxw > 3 ? (size_t)maxw - 3 : 0);
                buf_puts(out, "...");
                l = (size_t)maxw;
            } else {
                buf_puts(out, s);
            }
            for (; l < w[k]; l++) buf_putc(out, ' ');
            if (k < 3) buf_putc(out, '\t');
        }
        buf_putc(out, '\n');
    }
}

static const char *dp_list(const char *path, long maxw, Buf *out)
{
    Chart *c;
    const char *err = chart_load(path, &c);
    if (err) return err;
    Value deps = dp_deps(c);
    if (deps.t != VT_LIST) {
        buf_printf(out, "WARNING: no dependencies at %s\n", dp_join(path, "charts"));
        return NULL;
    }
    int n = (int)deps.u.l->len + 1;
    const char **cells = cc_alloc((size_t)n * 4 * sizeof *cells);
    cells[0] = "NAME"; cells[1] = "VERSION"; cells[2] = "REPOSITORY"; cells[3] = "STATUS";
    for (int i = 1; i < n; i++) {
        Value d = deps.u.l->v[i - 1];
        cells[i * 4] = dp_str(d, "name");
        cells[i * 4 + 1] = dp_str(d, "version");
        cells[i * 4 + 2] = dp_str(d, "repository");
        cells[i * 4 + 3] = dp_status(path, d, c);
    }
    dp_table(out, cells, n, maxw);
    buf_putc(out, '\n');
    /* printMissing */
    size_t nf;
    char **files = dp_glob(dp_join(path, "charts/*"), &nf);
    for (size_t i = 0; i < nf; i++) {
        struct stat st;
        if (stat(files[i], &st) != 0) continue;
        size_t l = strlen(files[i]);
        if (!S_ISDIR(st.st_mode) && (l < 4 || strcmp(files[i] + l - 4, ".tgz"))) continue;
        Chart *sc;
        if (chart_load(files[i], &sc)) {
            buf_printf(out, "WARNING: %s is not a chart.\n", go_quoted_cstr(files[i]));
            continue;
        }
        int found = 0;
        for (uint32_t k = 0; k < deps.u.l->len && !found; k++)
            found = !strcmp(dp_str(deps.u.l->v[k], "name"), sc->name);
        if (!found) buf_printf(out, "WARNING: %s is not in Chart.yaml.\n", go_quoted_cstr(files[i]));
    }
    return NULL;
}

/* ---- packaging (chartutil.Save) ----------------------------------------------- */

/* One USTAR entry (archive/tar: mode 0644, owner 0) of type typ: the
 * header block with the name cut at 100 bytes, then the data padded to
 * whole blocks. */
static void dp_tar_entry(Buf *tar, char typ, const char *name, const char *data, size_t len, time_t mtime)
{
    char h[512];
    size_t nl = strlen(name);
    memset(h, 0, sizeof h);
    memcpy(h, name, nl > 100 ? 100 : nl);
    snprintf(h + 100, 8, "%07o", 0644);
    snprintf(h + 108, 8, "%07o", 0);
    snprintf(h + 116, 8, "%07o", 0);
    snprintf(h + 124, 12, "%011lo", (unsigned long)len);
    snprintf(h + 136, 12, "%011lo", (unsigned long)mtime);
    h[156] = typ;
    memcpy(h + 257, "ustar\0" "00", 8);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++) sum += (unsigned char)h[i];
    snprintf(h + 148, 8, "%06o", sum);
    buf_put(tar, h, 512);
    buf_put(tar, data, len);
    for (size_t p = len; p % 512; p++) buf_putc(tar, 0);
}

/* A regular file, after a PAX record of its name when that is longer than
 * 100 bytes. */
static void dp_tar_file(Buf *tar, const char *name, const char *data, size_t len, time_t mtime)
{
    size_t nl = strlen(name);
    if (nl > 100) {
        char rec[4200];
        int dl = 0, rl = 0;
        for (dl = 1; dl < 8; dl++) {
            rl = snprintf(rec, sizeof rec, "%d path=%s\n", (int)(nl + 7 + dl), name);
            if (rl == (int)(nl + 7 + dl)) break;
        }
        dp_tar_entry(tar, 'x', cc_printf("PaxHeaders.0/%.80s", name), rec, (size_t)rl, mtime);
    }
    dp_tar_entry(tar, '0', name, data, len, mtime);
}

/* Chart.yaml as Save writes it: yaml.Marshal(Metadata), every field
 * omitempty but a dependency's name and repository. */
static Value dp_omitempty(Value m, int dep)
{
    Value o = v_newmap(16);
    MAP_EACH(m.u.m, ent) {
        int keep = dep && (!strcmp(ent->k, "name") || !strcmp(ent->k, "repository"));
        Value v = ent->v;
        if (!keep && v_empty(v)) continue;
        if (!dep && v.t == VT_LIST && (!strcmp(ent->k, "maintainers") || !strcmp(ent->k, "dependencies"))) {
            Value l = v_newlist(v.u.l->len);
            for (uint32_t j = 0; j < v.u.l->len; j++) {
                Value e = v.u.l->v[j];
                list_push(l.u.l, e.t == VT_MAP ? dp_omitempty(e, !strcmp(ent->k, "dependencies")) : e);
            }
            v = l;
        }
        map_setc(o.u.m, ent->k, v);
    }
    return o;
}

/* writeTarContents: Chart.yaml, values.yaml, values.schema.json,
 * templates, files, then each subchart below base/charts. */
static const char *dp_tar_chart(Buf *tar, const Chart *c, const char *prefix, time_t now)
{
    const char *base = *prefix ? cc_printf("%s/%s", prefix, c->name) : c->name;
    Buf y = {0};
    const char *err = yaml_dump(&y, dp_omitempty(c->meta, 0));
    if (err) { buf_free(&y); return err; }
    dp_tar_file(tar, cc_printf("%s/Chart.yaml", base), y.p, y.len, now);
    buf_free(&y);
    if (c->values_raw)
        dp_tar_file(tar, cc_printf("%s/values.yaml", base), c->values_raw, c->values_raw_len, now);
    if (c->schema) {
        if (json_check(c->schema, c->schema_len)) return "Invalid JSON in values.schema.json";
        dp_tar_file(tar, cc_printf("%s/values.schema.json", base), c->schema, c->schema_len, now);
    }
    for (int i = 0; i < c->nsaved_templates; i++)
        dp_tar_file(tar, cc_printf("%s/%s", base, c->saved_templates[i].name), c->saved_templates[i].data,
                    c->saved_templates[i].len, now);
    for (int i = 0; i < c->nfiles; i++)
        dp_tar_file(tar, cc_printf("%s/%s", base, c->files[i].name), c->files[i].data, c->files[i].len, now);
    for (int i = 0; i < c->ndeps; i++)
        if ((err = dp_tar_chart(tar, c->deps[i], cc_printf("%s/charts", base), now))) return err;
    return NULL;
}

/* Write the gzipped archive of chart c to path (mode 0644). */
static const char *dp_save(const Chart *c, const char *path)
{
    time_t now = time(NULL);
    Buf tar = {0};
    const char *err = dp_tar_chart(&tar, c, "", now);
    if (err) { buf_free(&tar); return err; }
    for (int i = 0; i < 1024; i++) buf_putc(&tar, 0);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) cc_oom();
    gz_header gh;
    memset(&gh, 0, sizeof gh);
    gh.os = 255;
    gh.comment = (Bytef *)"Helm";
    deflateSetHeader(&z, &gh);
    Buf gz = {0};
    buf_reserve(&gz, tar.len / 2 + 1024);
    z.next_in = (Bytef *)tar.p;
    z.avail_in = (uInt)tar.len;
    int zr;
    do {
        unsigned char chunk[65536];
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        zr = deflate(&z, Z_FINISH);
        buf_put(&gz, chunk, sizeof chunk - z.avail_out);
    } while (zr == Z_OK);
    deflateEnd(&z);
    buf_free(&tar);
    FILE *f = fopen(path, "wb");
    if (!f) { buf_free(&gz); return cc_printf("open %s: %s", path, strerror(errno)); }
    size_t w = fwrite(gz.p, 1, gz.len, f);
    int bad = w != gz.len || fclose(f) != 0;
    buf_free(&gz);
    if (bad) return cc_printf("write %s: %s", path, strerror(errno));
    return NULL;
}

/* ---- update / build ----------------------------------------------------------- */

/* resolver.GetLocalPath */
static const char *dp_local_path(const char *repo, const char *chartpath, const char **out)
{
    const char *p = repo + 7;
    const char *full = p[0] == '/' ? go_path_clean(p, strlen(p)) : dp_join(chartpath, p);
    struct stat st;
    if (stat(full, &st) != 0) return cc_printf("directory %s not found", full);
    *out = full;
    return NULL;
}

/* json.Marshal of a []*chart.Dependency (struct field order, omitempty). */
static void dp_json_deps(Buf *b, Value deps)
{
    buf_putc(b, '[');
    for (uint32_t i = 0; deps.t == VT_LIST && i < deps.u.l->len; i++) {
        Value d = deps.u.l->v[i];
        if (i) buf_putc(b, ',');
        if (d.t != VT_MAP) { buf_puts(b, "null"); continue; }
        static const char *const keys[] = {"name", "version", "repository", "condition", "tags",
                                           "enabled", "import-values", "alias", NULL};
        buf_putc(b, '{');
        int first = 1;
        for (int k = 0; keys[k]; k++) {
            Value *v = map_getc(d.u.m, keys[k]);
            int always = !strcmp(keys[k], "name") || !strcmp(keys[k], "repository");
            Value val = v ? *v : v_cstr("");
            if (!always && (!v || v_empty(*v))) continue;
            if (!first) buf_putc(b, ',');
            first = 0;
            json_encode(b, v_cstr(keys[k]), 0);
            buf_putc(b, ':');
            json_encode(b, val, 0);
        }
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

/* resolver.HashReq */
static const char *dp_hash(Value req, Value lock)
{
    Buf b = {0};
    buf_putc(&b, '[');
    dp_json_deps(&b, req);
    buf_putc(&b, ',');
    dp_json_deps(&b, lock);
    buf_putc(&b, ']');
    unsigned char md[32];
    unsigned int mdn = 0;
    EVP_Digest(b.p, b.len, md, &mdn, EVP_sha256(), NULL);
    buf_free(&b);
    Buf h = {0};
    buf_puts(&h, "sha256:");
    for (unsigned i = 0; i < mdn; i++) buf_printf(&h, "%02x", md[i]);
    const char *r = buf_arena(&h);
    buf_free(&h);
    return r;
}

/* The chart's Chart.lock (requirements.lock for apiVersion v1), or nil. */
static Value dp_read_lock(const char *path, int v1)
{
    const char *lf = dp_join(path, v1 ? "requirements.lock" : "Chart.lock");
    FILE *f = fopen(lf, "rb");
    if (!f) return v_nil();
    Buf b = {0};
    char tmp[8192];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, k);
    fclose(f);
    Value v;
    const char *err = yaml_load(b.p ? b.p : "", b.len, &v);
    buf_free(&b);
    return err || v.t != VT_MAP ? v_nil() : v;
}

/* time.Now() as encoding/json writes a time.Time (RFC 3339, nanoseconds
 * without trailing zeros, the local zone). */
static const char *dp_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char frac[16] = "";
    if (ts.tv_nsec) {
        snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
        size_t l = strlen(frac);
        while (frac[l - 1] == '0') frac[--l] = 0;
    }
    char zone[24];
    long off = tm.tm_gmtoff;
    if (!off) snprintf(zone, sizeof zone, "Z");
    else snprintf(zone, sizeof zone, "%c%02ld:%02ld", off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
    return cc_printf("%04d-%02d-%02dT%02d:%02d:%02d%s%s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, frac, zone);
}

/* downloadAll over the (resolved) dependencies: charts/ without a
 * repository are checked, file:// ones packaged into charts/. */
static const char *dp_download(const char *path, Value deps, Buf *out)
{
    const char *dest = dp_join(path, "charts");
    struct stat st;
    if (stat(dest, &st) != 0) {
        if (mkdir(dest, 0755) != 0) return cc_printf("mkdir %s: %s", dest, strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return cc_printf("%s is not a directory", go_quoted_cstr(dest));
    }
    uint32_t n = deps.t == VT_LIST ? deps.u.l->len : 0;
    buf_printf(out, "Saving %u charts\n", n);
    const char *tmpdir = dp_join(path, cc_printf(".chartc-deps-%ld", (long)getpid()));
    if (mkdir(tmpdir, 0755) != 0) return cc_printf("mkdir %s: %s", tmpdir, strerror(errno));
    const char **made = cc_alloc((n + 1) * sizeof *made);
    int nmade = 0;
    const char *save_err = NULL;
    for (uint32_t i = 0; i < n && !save_err; i++) {
        Value d = deps.u.l->v[i];
        const char *name = dp_str(d, "name"), *repo = dp_str(d, "repository"), *ver = dp_str(d, "version");
        if (!*repo) {
            buf_printf(out, "Dependency %s did not declare a repository. Assuming it exists in the charts directory\n", name);
            Chart *c;
            const char *e = chart_load(dp_join(dest, name), &c);
            if (e) { save_err = cc_printf("Unable to load chart: %s", e); break; }
            int r = dp_check(ver, dp_str(c->meta, "version"));
            if (r < 0) { save_err = cc_printf("Dependency %s has an invalid version/constraint format", name); break; }
            if (!r) save_err = cc_printf("Dependency %s at version %s does not satisfy the constraint %s",
                                         name, dp_str(c->meta, "version"), ver);
            continue;
        }
        if (strncmp(repo, "file://", 7)) {
            save_err = cc_printf("dependency %s needs chart repository %s: chartc has no network "
                                 "(only file:// dependencies and charts already in charts/ can be built)",
                                 go_quoted_cstr(name), go_quoted_cstr(repo));
            break;
        }
        /* tarFromLocalDir */
        const char *src;
        if ((save_err = dp_local_path(repo, path, &src))) break;
        Chart *c;
        if ((save_err = chart_load(src, &c))) break;
        const char *have = dp_str(c->meta, "version");
        int r = dp_check(ver, have);
        if (r < 0) { save_err = cc_printf("dependency %s has an invalid version/constraint format", name); break; }
        if (!r) { save_err = cc_printf("can't get a valid version for dependency %s", name); break; }
        const char *file = cc_printf("%s/%s-%s.tgz", tmpdir, c->name, have);
        if ((save_err = dp_save(c, file))) break;
        made[nmade++] = file;
        map_setc(d.u.m, "version", v_cstr(have));
    }
    if (save_err) {
        for (int i = 0; i < nmade; i++) unlink(made[i]);
        rmdir(tmpdir);
        buf_printf(out, "Save error occurred:  %s\n", save_err);
        buf_puts(out, "Deleting newly downloaded charts, restoring pre-update state\n");
        return save_err;
    }
    buf_puts(out, "Deleting outdated charts\n");
    for (uint32_t i = 0; i < n; i++) {   /* safeDeleteDep */
        Value d = deps.u.l->v[i];
        const char *name = dp_str(d, "name");
        if (!*dp_str(d, "repository")) continue;
        size_t nf;
        char **files = dp_glob(dp_join(dest, cc_printf("%s-*.tgz", name)), &nf);
        for (size_t k = 0; k < nf; k++) {
            Chart *c;
            const char *e = chart_load(files[k], &c);
            if (e) { buf_printf(out, "Could not verify %s for deletion: %s (Skipping)", files[k], e); continue; }
            if (!strcmp(c->name, name)) unlink(files[k]);
        }
    }
    const char *err = NULL;
    for (int i = 0; i < nmade; i++) {
        const char *b = strrchr(made[i], '/') + 1;
        if (!err && rename(made[i], dp_join(dest, b)) != 0)
            err = cc_printf("rename %s: %s", made[i], strerror(errno));
        unlink(made[i]);
    }
    rmdir(tmpdir);
    return err;
}

/* The lock file's dependencies for req, resolved against local sources
 * (resolver.Resolve for file:// and charts/). */
static const char *dp_resolve(const char *path, Value req, Value *lock)
{
    Value l = v_newlist(req.u.l->len);
    Buf missing = {0};
    int nmissing = 0;
    for (uint32_t i = 0; i < req.u.l->len; i++) {
        Value d = req.u.l->v[i];
        const char *name = dp_str(d, "name"), *repo = dp_str(d, "repository"), *ver = dp_str(d, "version");
        Value o = v_newmap(3);
        map_setc(o.u.m, "name", v_cstr(name));
        map_setc(o.u.m, "repository", v_cstr(repo));
        if (!*repo || strncmp(repo, "file://", 7)) {
            if (*repo) {
                buf_free(&missing);
                return cc_printf("dependency %s needs chart repository %s: chartc has no network "
                                 "(only file:// dependencies and charts already in charts/ can be built)",
                                 go_quoted_cstr(name), go_quoted_cstr(repo));
            }
            map_setc(o.u.m, "version", v_cstr(ver));
            list_push(l.u.l, o);
            continue;
        }
        const char *src, *err;
        if ((err = dp_local_path(repo, path, &src))) { buf_free(&missing); return err; }
        Chart *c;
        if ((err = chart_load(src, &c))) { buf_free(&missing); return err; }
        const char *have = dp_str(c->meta, "version");
        SemVer v;
        if ((err = semver_new(have, strlen(have), &v))) { buf_free(&missing); return err; }
        const char *cerr = NULL;
        int r = semver_match(ver, &v, &cerr);
        if (r < 0) {
            buf_free(&missing);
            return cc_printf("dependency %s has an invalid version/constraint format: %s", go_quoted_cstr(name), cerr);
        }
        if (!r) {
            if (nmissing++) buf_puts(&missing, ", ");
            buf_printf(&missing, "%s (repository %s, version %s)", go_quoted_cstr(name), go_quoted_cstr(repo), go_quoted_cstr(ver));
            continue;
        }
        map_setc(o.u.m, "version", v_cstr(have));
        list_push(l.u.l, o);
    }
    if (nmissing) {
        const char *e = cc_printf("can't get a valid version for %d subchart(s): %s. Make sure a matching chart "
                                  "version exists in the repo, or change the version constraint in Chart.yaml",
                                  nmissing, buf_cstr(&missing));
        buf_free(&missing);
        return e;
    }
    buf_free(&missing);
    *lock = l;
    return NULL;
}

/* Manager.loadChartDir */
static const char *dp_load_dir(const char *path, Chart **c)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return cc_printf("could not find %s: stat %s: %s", path, path,
                         errno == ENOENT ? "no such file or directory" : strerror(errno));
    if (!S_ISDIR(st.st_mode)) return "only unpacked charts can be updated";
    return chart_load(path, c);
}

/* Manager.Update */
static const char *dp_update(const char *path, Buf *out)
{
    Chart *c;
    const char *err = dp_load_dir(path, &c);
    if (err) return err;
    Value req = dp_deps(c);
    if (req.t != VT_LIST) return NULL;
    Value deps;
    if ((err = dp_resolve(path, req, &deps))) return err;
    if ((err = dp_download(path, deps, out))) return err;
    int v1 = !strcmp(dp_str(c->meta, "apiVersion"), "v1");
    const char *digest = dp_hash(req, deps);
    Value old = dp_read_lock(path, v1);
    if (old.t == VT_MAP && !strcmp(dp_str(old, "digest"), digest)) return NULL;
    Value lock = v_newmap(3);
    map_setc(lock.u.m, "generated", v_cstr(dp_now()));
    map_setc(lock.u.m, "digest", v_cstr(digest));
    map_setc(lock.u.m, "dependencies", deps);
    Buf y = {0};
    if ((err = yaml_dump(&y, lock))) { buf_free(&y); return err; }
    const char *lf = dp_join(path, v1 ? "requirements.lock" : "Chart.lock");
    FILE *f = fopen(lf, "wb");
    if (!f) { buf_free(&y); return cc_printf("open %s: %s", lf, strerror(errno)); }
    int bad = fwrite(y.p, 1, y.len, f) != y.len;
    bad |= fclose(f) != 0;
    buf_free(&y);
    return bad ? cc_printf("write %s: %s", lf, strerror(errno)) : NULL;
}

/* Manager.Build */
static const char *dp_build(const char *path, Buf *out)
{
    Chart *c;
    const char *err = dp_load_dir(path, &c);
    if (err) return err;
    int v1 = !strcmp(dp_str(c->meta, "apiVersion"), "v1");
    Value lock = dp_read_lock(path, v1);
    if (lock.t != VT_MAP) return dp_update(path, out);
    Value *ld = map_getc(lock.u.m, "dependencies");
    Value locked = ld && ld->t == VT_LIST ? *ld : v_newlist(0);
    if (strcmp(dp_hash(dp_deps(c), locked), dp_str(lock, "digest")))
        return v1 ? "the lock file (requirements.lock) is out of sync with the dependencies file (requirements.yaml). Please update the dependencies"
                  : "the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies";
    return dp_download(path, locked, out);
}

const char *cmd_dependency(const char *what, int argc, char **argv, Buf *out)
{
    int list = !strcmp(what, "list");
    HArgs a;
    const char *err = helm_parse(argc, argv, list ? list_flags : build_flags, &a);
    if (err) return err;
    if (a.help) {
        buf_printf(out, "Dependency %s for a local chart (chartc: file:// repositories and charts/ only).\n\n"
                        "Usage:\n  helm dependency %s CHART [flags]\n", what, what);
        return NULL;
    }
    if (a.npos > 1)
        return cc_printf("\"helm dependency %s\" accepts at most 1 argument\n\nUsage:  helm dependency %s CHART [flags]",
                         what, what);
    const char *path = a.npos ? a.pos[0] : ".";
    if (list) return dp_list(path, a.val[0] ? strtol(a.val[0], NULL, 0) : 80, out);
    if (a.val[9] && !strcmp(a.val[9], "true"))
        return "--verify is not supported: chartc does not check chart provenance";
    return !strcmp(what, "build") ? dp_build(path, out) : dp_update(path, out);
}

/* runInstall: with --dependency-update, a chart whose dependencies are
 * missing from charts/ gets them (Manager.Update, output to stdout). */
const char *deps_update_if_missing(const char *chart_path, Buf *out)
{
    struct stat st;
    if (stat(chart_path, &st) != 0 || !S_ISDIR(st.st_mode)) return NULL;
    Chart *c;
    if (chart_load(chart_path, &c)) return NULL;   /* the render reports it */
    Value req = dp_deps(c);
    if (req.t != VT_LIST) return NULL;
    int missing = 0;
    for (uint32_t i = 0; i < req.u.l->len; i++) {
        const char *name = dp_str(req.u.l->v[i], "name");
        int found = 0;
        for (int k = 0; k < c->ndeps && !found; k++) found = !strcmp(c->deps[k]->name, name);
        missing |= !found;
    }
    return missing ? dp_update(chart_path, out) : NULL;
}
