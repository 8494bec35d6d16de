/*
 * chart.c - loading a chart directory: sorted symlink-following walk,
 * .helmignore, file classification, Chart.yaml metadata (decode, validate,
 * sanitise) and the `.Chart` object.
 * Mirrors helm v4.1.4 pkg/chart/loader/load.go, pkg/chart/v2/loader/
 * {directory,load}.go, internal/sympath/walk.go, pkg/chart/v2/metadata.go,
 * pkg/chart/v2/dependency.go, pkg/chart/common.go (structToMap) and
 * pkg/action/install.go LocateChart (path errors).
 */
#define _GNU_SOURCE   /* getdents64 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chart_priv.h"
#include "ignore_priv.h"
#include "values_priv.h"
#include "chartc/gostd.h"
#include "chartc/codec.h"
#include "chartc/gofmt.h"
#include "chartc/semver.h"
#include "chartc/func.h"

/* ---- small helpers -------------------------------------------------------- */

static const char *errno_text(int e)
{
    switch (e) {
    case ENOENT: return "no such file or directory";
    case EACCES: return "permission denied";
    case EISDIR: return "is a directory";
    case ENOTDIR: return "not a directory";
    case ELOOP: return "too many levels of symbolic links";
    default: return cc_strdup(strerror(e));
    }
}

static int has_prefix(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }


static char *go_clean_c(const char *p) { return go_path_clean(p, strlen(p)); }

/* filepath.Abs */
static char *path_abs(const char *p)
{
    if (p[0] == '/') return go_clean_c(p);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return go_clean_c(p);
    return go_clean_c(cc_printf("%s/%s", cwd, p));
}

/* os.ReadFile. A file of at least MAP_MIN bytes is mapped rather than
 * read: a chart's big files (CRDs, bundled archives, dashboards) are often
 * never looked at, and a mapping costs neither a copy nor fresh memory
 * until they are. The mapping is private, and the NUL the parsers stop at
 * is written into its last page (which becomes chartc's own copy); a file
 * that fills its last page has no room for it and is read instead. The
 * mapping stays until exit, outside the arena (releases and evacuations
 * leave it alone). Every file is opened at load, so Helm's errors come
 * when they came, but a mapped file's bytes are those it holds when they
 * are first touched: a file rewritten in place while chartc runs may be
 * seen changed, and one truncated meanwhile raises SIGBUS on the first
 * touch past its new end: chartc then says so and exits 1 (Helm read all
 * of it up front); nothing has been written to stdout yet. Files replaced by rename (git, most editors,
 * chartc's own --output-dir writes) keep their old contents.
 * Other files are read straight into the arena; `size` (-1: unknown, ask
 * fstat) sizes the buffer, and a short read of a regular file is its end
 * (the buffer grows should the file have grown meanwhile). */
#define MAP_MIN ((off_t)64 << 10)

static void on_sigbus(int sig)
{
    static const char msg[] = "Error: a chart file was truncated while chartc was reading it\n";
    (void)sig;
    if (write(2, msg, sizeof msg - 1)) {}
    _exit(1);
}

/* installed with the first mapping, so commands that map nothing keep
 * the default action */
static void catch_sigbus(void)
{
    static int done;
    if (done++) return;
    struct sigaction sa = {0};
    sa.sa_handler = on_sigbus;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
}

/* A file of `size` bytes mapped, when it is to be (see above) and can be. */
static int map_file(int fd, off_t size, const char **data, size_t *len)
{
    if (size < MAP_MIN || size % sysconf(_SC_PAGESIZE) == 0) return 0;
    char *m = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) return 0;
    catch_sigbus();
    m[size] = 0;
    *data = m;
    *len = (size_t)size;
    return 1;
}

/* read_fd: the rest of read_file once the file is open (fd is closed);
 * `path` names it in error texts. */
static const char *read_fd(int fd, const char *path, off_t size, const char **data, size_t *len)
{
    if (size < 0 || size >= MAP_MIN) {
        struct stat st;
        size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
    }
    if (map_file(fd, size, data, len)) {
        close(fd);
        return NULL;
    }
    size_t cap = size >= 0 ? (size_t)size + 1 : 4096, n = 0;
    char *p = cc_alloc(cap + 1);
    for (;;) {
        if (n == cap) {
            p = cc_grow(p, cap + 1, 2 * cap + 1);
            cap *= 2;
        }
        ssize_t k = read(fd, p + n, cap - n);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            int e = errno;
            close(fd);
            return cc_printf("read %s: %s", path, errno_text(e));
        }
        n += (size_t)k;
        if (k == 0 || (size >= 0 && n < cap)) break;
    }
    close(fd);
    p[n] = 0;
    *len = n;
    *data = n ? p : "";
    return NULL;
}

/* read_file of `name` relative to the directory open as dfd (AT_FDCWD:
 * name is the path itself); `path` is the file's path in error texts. */
static const char *read_file_at(int dfd, const char *name, const char *path, off_t size,
                                const char **data, size_t *len)
{
    int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return cc_printf("open %s: %s", path, errno_text(errno));
    return read_fd(fd, path, size, data, len);
}

static const char *read_file(const char *path, off_t size, const char **data, size_t *len)
{
    return read_file_at(AT_FDCWD, path, path, size, data, len);
}

static int has_bom(const char *d, size_t n) { return n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0; }

static void strip_bom(const char **d, size_t *n)
{
    if (has_bom(*d, *n)) { *d += 3; *n -= 3; }
}

/* ---- directory walk (sympath.Walk + LoadDir's walk function) ------------- */

/* The walk keeps the directories it is in open and looks their entries up
 * relative to them: one path component per lookup, where Helm's absolute
 * paths have the kernel walk every component again. An entry's type comes
 * from the directory listing where that is all Helm's lstat was for: a
 * directory is opened straight away, an ignored file or directory skipped.
 * It goes by absolute path, as Helm does, wherever the two could differ:
 * below a symbolic link (a lookup through links can fail where a relative
 * one does not), for a path of PATH_MAX bytes or more (the kernel refuses
 * it: Helm's lstat fails), and below WALK_FD_DEPTH open directories (a deep
 * tree holds no more descriptors than that). An entry is skipped unlooked-at
 * only once a lookup in its directory has succeeded: in a directory that
 * can be listed but not searched, Helm's lstat of the first entry fails. */
#define WALK_FD_DEPTH 16
#define DENTS_SIZE 32768

/* a file read before the walk (Chart.yaml, .helmignore): the walk takes
 * its text rather than reading it again */
typedef struct Preread { const char *data; size_t len; int have; } Preread;

typedef struct Walker {
    IgnoreRules *rules;
    FileList files;
    char *path;          /* the current entry's absolute path, built in place */
    size_t top;          /* length of the top directory's part ("" for "/") */
    Preread chart_yaml, helmignore;
} Walker;

typedef struct WEnt { const char *name; size_t len; unsigned char type; } WEnt;

enum { WALK_OK, WALK_SKIPDIR, WALK_ERR };

static int went_cmp(const void *a, const void *b)
{
    return strcmp(((const WEnt *)a)->name, ((const WEnt *)b)->name);
}

/* readDirNames: the entries of the directory open as fd but "." and "..",
 * with their types, sorted by name. A read error ends the list (as
 * readdir's NULL did). */
static __attribute__((noinline)) WEnt *list_dir(Walker *w, int fd, int *pn)
{
    /* on the stack: the kernel writes only what it returns, and the deep
     * stack's top is faulted in already (a heap buffer pushed later
     * allocations onto fresh pages) */
    char dents[DENTS_SIZE] __attribute__((aligned(8)));
    WEnt *v = NULL;
    int n = 0, cap = 0;
    ssize_t k;
    while ((k = getdents64(fd, dents, DENTS_SIZE)) > 0) {
        for (ssize_t off = 0; off < k;) {
            struct dirent64 *d = (struct dirent64 *)(dents + off);
            off += d->d_reclen;
            const char *nm = d->d_name;
            if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2]))) continue;
            if (n == cap) {
                int nc = cap ? cap * 2 : 16;
                v = cc_grow(v, (size_t)cap * sizeof *v, (size_t)nc * sizeof *v);
                cap = nc;
            }
            size_t l = strlen(nm);
            char *s = cc_alloc(l + 1);
            memcpy(s, nm, l + 1);
            v[n].name = s;
            v[n].len = l;
            v[n].type = d->d_type;
            n++;
        }
    }
    if (n > 1) qsort(v, (size_t)n, sizeof *v, went_cmp);
    *pn = n;
    return v;
}

static const char *walk_rel(const Walker *w) { return w->path + w->top + 1; }

/* the text read before the walk for the entry w->path[0..plen), if any */
static Preread *walk_pre(Walker *w, size_t plen)
{
    const char *rel = walk_rel(w);
    size_t rlen = plen - w->top - 1;
    Preread *p = NULL;
    if (rlen == 10 && !memcmp(rel, "Chart.yaml", 10)) p = &w->chart_yaml;
    else if (rlen == 11 && !memcmp(rel, ".helmignore", 11)) p = &w->helmignore;
    return p && p->have ? p : NULL;
}

/* LoadDir's walk function for the entry w->path[0..plen), found at
 * (dfd, nm) (dfd AT_FDCWD: nm is the path); `checked` is the isdir the
 * ignore rules were already asked for (-1: not yet). */
static int walk_visit(Walker *w, int dfd, const char *nm, size_t plen, struct stat *st, int checked,
                      const char **err)
{
    const char *rel = walk_rel(w), *path = w->path;
    size_t rlen = plen - w->top - 1;
    int isdir = S_ISDIR(st->st_mode);
    if (checked != isdir && ignore_match_n(w->rules, rel, rlen, isdir)) return isdir ? WALK_SKIPDIR : WALK_OK;
    if (isdir) return WALK_OK;
    if (!S_ISREG(st->st_mode)) {
        *err = cc_printf("cannot load irregular file %s as it has file mode type bits set", path);
        return WALK_ERR;
    }
    if (st->st_size > CC_MAX_FILE_SIZE) {
        const char *base = strrchr(path, '/');
        Buf q = {0};
        go_quote(&q, base ? base + 1 : path, strlen(base ? base + 1 : path), 0);
        *err = cc_printf("chart file %s is larger than the maximum file size %d", buf_cstr(&q), CC_MAX_FILE_SIZE);
        buf_free(&q);
        return WALK_ERR;
    }
    Preread *pre = walk_pre(w, plen);
    const char *data; size_t len;
    if (pre) {
        data = pre->data;
        len = pre->len;
    } else {
        const char *e = read_file_at(dfd, nm, path, st->st_size, &data, &len);
        if (e) { *err = cc_printf("error reading %s: %s", rel, e); return WALK_ERR; }
    }
    strip_bom(&data, &len);
    filelist_add(&w->files, cc_strndup(rel, rlen), data, len);
    return WALK_OK;
}

static int walk_dir(Walker *w, int fd, size_t plen, int depth, const char **err);

/* A regular file as the listing says, not ignored: opened and read with
 * no lstat, where a short read is its end (it is regular) and its size
 * was then below Helm's limit; one that fills the room (MAP_MIN) is
 * mapped as read_file maps it. Returns -1, with nothing changed, to leave
 * it to the lstat path: no room in the arena, a failed open or read (the
 * lstat path meets Helm's errors in Helm's order), a big file that is not
 * to be mapped (refused or read there). */
static int walk_reg(Walker *w, int dfd, const char *nm, size_t plen)
{
    size_t room = MAP_MIN;
    char *tail = cc_arena_tail(room + 1);
    if (!tail) return -1;
    int fd = openat(dfd, nm, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return -1;
    ssize_t k;
    do k = read(fd, tail, room); while (k < 0 && errno == EINTR);
    const char *data = "";
    size_t len = k > 0 ? (size_t)k : 0;
    if (len == room) {
        /* mapped: its BOM is looked for in what was read, as a page of a
         * file the render may never use costs a fault to look at */
        int bom = has_bom(tail, room);
        memset(tail, 0, room);   /* the arena's space stays zero */
        struct stat st;
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CC_MAX_FILE_SIZE ||
            !map_file(fd, st.st_size, &data, &len))
            k = -1;
        else if (bom)
            data += 3, len -= 3;
    } else if (len) {
        data = cc_alloc(len + 1);   /* tail itself: the text in place, NUL after it */
        strip_bom(&data, &len);
    }
    close(fd);
    if (k < 0) return -1;
    const char *rel = walk_rel(w);
    size_t rlen = plen - w->top - 1;
    filelist_add(&w->files, cc_strndup(rel, rlen), data, len);
    return WALK_OK;
}


/* filepath.EvalSymlinks, walked as Go walks it: one component at a time
 * with lstat, at most 255 links, so the errors name what Go names (the
 * first missing component, "not a directory" for a file in the middle,
 * "EvalSymlinks: too many links" for a loop) and a path through more than
 * the kernel's 40 links still resolves. Returns the cleaned absolute path,
 * or NULL and *err. path is absolute. */
static const char *eval_symlinks(const char *path, const char **err)
{
    Buf dest = {0};
    const char *p = path;
    size_t plen = strlen(p), i = 0, vol = 0;
    int links = 0;
    if (plen && p[0] == '/') { buf_put(&dest, "/", 1); vol = i = 1; }
    while (i < plen) {
        while (i < plen && p[i] == '/') i++;
        size_t st = i;
        while (i < plen && p[i] != '/') i++;
        if (i == st) break;
        if (i - st == 1 && p[st] == '.') continue;
        if (i - st == 2 && p[st] == '.' && p[st + 1] == '.') {
            size_t r = dest.len;
            while (r > vol && dest.p[r - 1] != '/') r--;
            int none = r <= vol;   /* no slash after the root */
            if (none || (dest.len - r == 2 && !memcmp(dest.p + r, "..", 2))) {
                if (dest.len > vol) buf_put(&dest, "/", 1);
                buf_put(&dest, "..", 2);
            } else {
                dest.len = r - 1 > vol ? r - 1 : vol;
            }
            continue;
        }
        if (dest.len > vol && dest.p[dest.len - 1] != '/') buf_put(&dest, "/", 1);
        buf_put(&dest, p + st, i - st);
        const char *d = buf_cstr(&dest);
        struct stat sb;
        if (lstat(d, &sb) != 0) {
            *err = cc_printf("lstat %s: %s", d, errno_text(errno));
            buf_free(&dest);
            return NULL;
        }
        if (!S_ISLNK(sb.st_mode)) {
            if (!S_ISDIR(sb.st_mode) && i < plen) {
                *err = errno_text(ENOTDIR);
                buf_free(&dest);
                return NULL;
            }
            continue;
        }
        if (++links > 255) {
            *err = "EvalSymlinks: too many links";
            buf_free(&dest);
            return NULL;
        }
        char tgt[PATH_MAX];
        ssize_t k = readlink(d, tgt, sizeof tgt - 1);
        if (k < 0) {
            *err = cc_printf("readlink %s: %s", d, errno_text(errno));
            buf_free(&dest);
            return NULL;
        }
        tgt[k] = 0;
        p = cc_printf("%s%s", tgt, p + i);
        plen = strlen(p);
        if (tgt[0] == '/') {
            dest.len = 0;
            buf_put(&dest, "/", 1);
            vol = i = 1;
        } else {   /* relative: replaces the last component of dest */
            size_t r = dest.len;
            while (r > vol && dest.p[r - 1] != '/') r--;
            dest.len = r > vol ? r - 1 : vol;
            i = 0;
        }
    }
    const char *out = go_clean_c(buf_cstr(&dest));
    buf_free(&dest);
    return out;
}

/* symwalk: follow symlinks (logging each), visit, descend. */
static int walk_path(Walker *w, int dfd, const char *nm, size_t plen, int depth, struct stat *st,
                     int checked, const char **err)
{
    const char *path = w->path;
    if (S_ISLNK(st->st_mode)) {
        const char *why = NULL;
        const char *res = eval_symlinks(path, &why);
        if (!res) {
            *err = cc_printf("error evaluating symlink %s: %s", path, why);
            return WALK_ERR;
        }
        const char *resolved = res;
        const char *kv[] = {"path", path, "resolved", resolved, NULL};
        go_log("walk.go:75", "INFO",
                  cc_printf("found symbolic link in path: %s resolves to %s. Contents of linked file included and used", path, resolved),
                  "found symbolic link in path. Contents of linked file included and used", kv);
        struct stat st2;
        if (lstat(resolved, &st2) != 0) {
            *err = cc_printf("lstat %s: %s", resolved, errno_text(errno));
            return WALK_ERR;
        }
        /* by path from here on */
        int r = walk_path(w, AT_FDCWD, path, plen, depth, &st2, -1, err);
        return r == WALK_ERR ? r : WALK_OK;
    }
    int r = walk_visit(w, dfd, nm, plen, st, checked, err);
    if (r != WALK_OK) return r;
    if (!S_ISDIR(st->st_mode)) return WALK_OK;
    if (dfd != AT_FDCWD && depth + 1 < WALK_FD_DEPTH) {
        int fd = openat(dfd, nm, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_DIRECTORY);
        if (fd < 0) {
            *err = cc_printf("open %s: %s", w->path, errno_text(errno));
            return WALK_ERR;
        }
        return walk_dir(w, fd, plen, depth + 1, err);
    }
    return walk_dir(w, -1, plen, depth + 1, err);
}

/* The entries of the directory at w->path[0..plen), open as fd (which
 * walk_dir closes), or -1: open it by path and look its entries up by
 * path. The chart's own directory that cannot be opened is passed over;
 * another ends the walk as readDirNames's error does (a path through
 * more than the kernel's 40 symbolic links: "too many levels of symbolic
 * links"). */
static int walk_dir(Walker *w, int fd, size_t plen, int depth, const char **err)
{
    int n, r = WALK_OK;
    WEnt *v;
    if (fd < 0) {
        int pfd = open(plen ? w->path : "/", O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_DIRECTORY);
        if (pfd < 0 && plen > w->top) {
            *err = cc_printf("open %s: %s", w->path, errno_text(errno));
            return WALK_ERR;
        }
        if (pfd < 0) return WALK_OK;
        v = list_dir(w, pfd, &n);
        close(pfd);
    } else {
        v = list_dir(w, fd, &n);
    }
    int searchable = 0;   /* a lookup relative to fd has succeeded */
    for (int i = 0; i < n && r != WALK_ERR; i++) {
        const WEnt *e = &v[i];
        size_t clen = plen + 1 + e->len;
        w->path[plen] = '/';
        memcpy(w->path + plen + 1, e->name, e->len + 1);
        int rel = fd >= 0 && clen < PATH_MAX;
        int dfd = rel ? fd : AT_FDCWD, checked = -1;
        const char *nm = rel ? e->name : w->path;
        if (rel && (e->type == DT_DIR || e->type == DT_REG)) {
            int isdir = e->type == DT_DIR;
            if (ignore_match_n(w->rules, walk_rel(w), clen - w->top - 1, isdir)) {
                if (searchable) continue;
            } else {
                if (isdir && depth + 1 < WALK_FD_DEPTH) {
                    int cfd = openat(fd, e->name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW);
                    if (cfd >= 0) {
                        searchable = 1;
                        r = walk_dir(w, cfd, clen, depth + 1, err);
                        continue;
                    }
                } else if (!isdir && !walk_pre(w, clen) && walk_reg(w, fd, e->name, clen) == WALK_OK) {
                    searchable = 1;
                    continue;
                } else if (!isdir && walk_pre(w, clen)) {
                    /* read before the walk (Chart.yaml, .helmignore): the
                     * listing says it is no link, the read gave its size */
                    struct stat st = {.st_mode = S_IFREG, .st_size = (off_t)walk_pre(w, clen)->len};
                    searchable = 1;
                    r = walk_path(w, dfd, nm, clen, depth, &st, 0, err);
                    continue;
                }
                checked = isdir;
            }
        }
        struct stat st;
        if (fstatat(dfd, nm, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            *err = cc_printf("lstat %s: %s", w->path, errno_text(errno));
            r = WALK_ERR;
            break;
        }
        if (rel) searchable = 1;
        r = walk_path(w, dfd, nm, clen, depth, &st, checked, err);
    }
    if (fd >= 0) close(fd);
    w->path[plen] = 0;
    return r == WALK_ERR ? r : WALK_OK;
}

/* LoadDir of the directory topdir (absolute, clean), open as topfd (-1:
 * by path); chart_yaml is its Chart.yaml when already read. topfd is
 * closed. */
static const char *load_dir(const char *topdir, int topfd, const Preread *chart_yaml, Chart **out)
{
    Walker w = {0};
    w.rules = ignore_empty();
    if (chart_yaml) w.chart_yaml = *chart_yaml;
    const char *ifile = cc_printf("%s/.helmignore", topdir);
    /* os.Stat then ignore.ParseFile: a file that cannot be opened is
     * passed over only when stat fails too */
    int rel = topfd >= 0 && strlen(ifile) < PATH_MAX;
    int dfd = rel ? topfd : AT_FDCWD;
    const char *nm = rel ? ".helmignore" : ifile, *e;
    int ifd = openat(dfd, nm, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (ifd < 0) {
        int en = errno;
        if (en != ENOENT && fstatat(dfd, nm, &st, 0) == 0) e = cc_printf("open %s: %s", ifile, errno_text(en));
        else e = NULL;
    } else {
        Preread *p = &w.helmignore;
        e = read_fd(ifd, ifile, -1, &p->data, &p->len);
        if (!e) { p->have = 1; e = ignore_parse(p->data, p->len, &w.rules); }
    }
    if (!e && topfd < 0 && stat(topdir, &st) != 0) e = cc_printf("stat %s: %s", topdir, errno_text(errno));
    if (e) {
        if (topfd >= 0) close(topfd);
        return e;
    }
    ignore_add_defaults(w.rules);
    const char *root = strcmp(topdir, "/") ? topdir : "";
    w.top = strlen(root);
    /* room for any path the kernel accepts, and one name more */
    w.path = cc_alloc(w.top + PATH_MAX + NAME_MAX + 2);
    memcpy(w.path, root, w.top + 1);
    const char *err = NULL;
    int r = walk_dir(&w, topfd, w.top, 0, &err);
    if (r == WALK_ERR) return err;
    return chart_load_files(&w.files, out);
}

/* ---- Chart.yaml decoding (sigs.k8s.io/yaml into chart.Metadata) ---------- */

enum { MF_STR, MF_STRLIST, MF_BOOL, MF_STRMAP, MF_MAINT, MF_DEPS, MF_ANYLIST };

typedef struct MField { const char *key, *goname; int kind; } MField;

static const MField md_fields[] = {
    {"name", "Name", MF_STR}, {"home", "Home", MF_STR}, {"sources", "Sources", MF_STRLIST},
    {"version", "Version", MF_STR}, {"description", "Description", MF_STR},
    {"keywords", "Keywords", MF_STRLIST}, {"maintainers", "Maintainers", MF_MAINT},
    {"icon", "Icon", MF_STR}, {"apiVersion", "APIVersion", MF_STR},
    {"condition", "Condition", MF_STR}, {"tags", "Tags", MF_STR},
    {"appVersion", "AppVersion", MF_STR}, {"deprecated", "Deprecated", MF_BOOL},
    {"annotations", "Annotations", MF_STRMAP}, {"kubeVersion", "KubeVersion", MF_STR},
    {"dependencies", "Dependencies", MF_DEPS}, {"type", "Type", MF_STR},
    {NULL, NULL, 0}
};
static const MField maint_fields[] = {
    {"name", "Name", MF_STR}, {"email", "Email", MF_STR}, {"url", "URL", MF_STR}, {NULL, NULL, 0}
};
static const MField dep_fields[] = {
    {"name", "Name", MF_STR}, {"version", "Version", MF_STR}, {"repository", "Repository", MF_STR},
    {"condition", "Condition", MF_STR}, {"tags", "Tags", MF_STRLIST}, {"enabled", "Enabled", MF_BOOL},
    {"import-values", "ImportValues", MF_ANYLIST}, {"alias", "Alias", MF_STR}, {NULL, NULL, 0}
};

/* Go's name of Maintainer and Dependency: Helm v4's package chart/v2,
 * Helm v3's package chart. */
static const char *go_meta_type(int kind, int list)
{
    return cc_printf("%s%s.%s", list ? "[]*" : "", cc_helm_major >= 4 ? "v2" : "chart",
                     kind == MF_MAINT ? "Maintainer" : "Dependency");
}

static const char *go_kind_name(int kind)
{
    static const char *const names[] = {"string", "[]string", "bool", "map[string]string",
                                        NULL, NULL, "[]interface {}"};
    return names[kind] ? names[kind] : go_meta_type(kind, 1);
}

static const char *unmarshal_err(Value v, const char *st, const char *field, const char *gotype)
{
    return cc_printf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s.%s of type %s",
                     v_json_kind(v), st, field, gotype);
}

/* A YAML scalar decoded into a Go string field: sigs.k8s.io/yaml turns
 * numbers and bools into their text. Returns 0 for a non-scalar. */
static int scalar_to_str(Value v, Value *out)
{
    Buf b = {0};
    switch (v.t) {
    case VT_NIL: *out = v_cstr(""); return 1;
    case VT_STR: *out = v; return 1;
    case VT_BOOL: *out = v_cstr(v.u.b ? "true" : "false"); return 1;
    case VT_INT:   /* yaml_load_typed keeps go-yaml's int64 and uint64 */
        *out = v_cstr(v.g == GT_UINT ? cc_printf("%llu", (unsigned long long)v.u.i)
                                     : cc_printf("%lld", (long long)v.u.i));
        return 1;
    case VT_FLOAT:
        go_format_float(&b, v.u.f, 'g', -1, 32);
        *out = v_buf(&b);
        buf_free(&b);
        return 1;
    default: return 0;
    }
}

static const char *decode_struct(Value src, const MField *fields, const char *stname, Value dst);

/* A value bound for an interface{} field: its integers become JSON's
 * float64 (yaml_load_typed kept them exact for string fields). The YAML
 * loader bounds the nesting (10000 levels). */
static Value json_numbers(Value v)
{
    if (v.t == VT_INT) return v_float(v.g == GT_UINT ? (double)(uint64_t)v.u.i : (double)v.u.i);
    if (v.t == VT_LIST)
        for (uint32_t i = 0; i < v.u.l->len; i++) v.u.l->v[i] = json_numbers(v.u.l->v[i]);
    if (v.t == VT_MAP) MAP_EACH(v.u.m, e) e->v = json_numbers(e->v);
    return v;
}

static const char *decode_field(Value v, const MField *f, const char *stname, Value *out)
{
    switch (f->kind) {
    case MF_STR:
        if (!scalar_to_str(v, out)) return unmarshal_err(v, stname, f->key, "string");
        return NULL;
    case MF_BOOL:
        if (v.t == VT_NIL) { *out = v_bool(0); return NULL; }
        if (v.t != VT_BOOL) return unmarshal_err(v, stname, f->key, "bool");
        *out = v;
        return NULL;
    case MF_STRLIST: case MF_ANYLIST: case MF_MAINT: case MF_DEPS: {
        if (v.t == VT_NIL) { *out = v_nil(); return NULL; }
        if (v.t != VT_LIST) return unmarshal_err(v, stname, f->key, go_kind_name(f->kind));
        Value l = v_newlist(v.u.l->len);
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            Value e = v.u.l->v[i], o;
            if (f->kind == MF_STRLIST) {
                if (!scalar_to_str(e, &o)) return unmarshal_err(e, stname, f->key, "string");
            } else if (f->kind == MF_ANYLIST) {
                o = json_numbers(e);
            } else if (e.t == VT_NIL) {
                o = v_nil();
            } else if (e.t != VT_MAP) {
                return unmarshal_err(e, stname, f->key, go_meta_type(f->kind, 0));
            } else {
                o = v_newmap(8);
                const char *err = decode_struct(e, f->kind == MF_MAINT ? maint_fields : dep_fields,
                                                f->kind == MF_MAINT ? "Maintainer" : "Dependency", o);
                if (err) return err;
            }
            list_push(l.u.l, o);
        }
        *out = l;
        return NULL;
    }
    case MF_STRMAP: {
        if (v.t == VT_NIL) { *out = v_nil(); return NULL; }
        if (v.t != VT_MAP) return unmarshal_err(v, stname, f->key, "map[string]string");
        Value m = v_newmap(v.u.m->len);
        m.g = GT_STRMAP;
        MAP_EACH(v.u.m, e) {
            Value o;
            if (!scalar_to_str(e->v, &o)) return unmarshal_err(e->v, stname, f->key, "string");
            map_set(m.u.m, e->k, e->klen, o);
        }
        *out = m;
        return NULL;
    }
    }
    return NULL;
}

/* json.Unmarshal into a struct: keys match field tags case-insensitively;
 * fields absent from src keep their current value in dst. */
/* sigs.k8s.io/yaml re-encodes the document as JSON from a Go map, so
 * json.Unmarshal sees the keys in byte order: with keys that differ only
 * in case ("Name", "name") the last in that order wins. */
static const char *decode_struct(Value src, const MField *fields, const char *stname, Value dst)
{
    MapEnt **es = map_sorted(src.u.m, 0);
    for (uint32_t i = 0; i < src.u.m->len; i++) {
        MapEnt *e = es[i];
        const MField *f = NULL;
        for (const MField *g = fields; g->key; g++)
            if (!strcmp(g->key, e->k)) { f = g; break; }
        if (!f)
            for (const MField *g = fields; g->key; g++)
                if (!strcasecmp(g->key, e->k)) { f = g; break; }
        if (!f) continue;
        Value o;
        const char *err = decode_field(e->v, f, stname, &o);
        if (err) return err;
        map_setc(dst.u.m, f->key, o);
    }
    return NULL;
}

/* Unmarshal a parsed YAML document v into the metadata map md (fields
 * merge into it). */
static const char *decode_doc_into(Value v, Value md, const char *stname)
{
    if (v.t == VT_NIL) return NULL;
    if (v.t != VT_MAP)
        return cc_printf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type %s.%s",
                         v_json_kind(v), cc_helm_major == 3 ? "chart" : "v2", stname);
    return decode_struct(v, md_fields, stname, md);
}

/* Unmarshal YAML text into the metadata map md (fields merge into it). */
static const char *decode_yaml_into(const char *data, size_t len, Value md, const char *stname)
{
    Value v;
    const char *err = yaml_load_typed(data, len, &v);
    return err ? err : decode_doc_into(v, md, stname);
}

/* chartutil.LoadChartfile's decoding of Chart.yaml text into a fresh
 * metadata map (no defaults applied; lint reads it this way). */
const char *chart_decode_metadata(const char *data, size_t len, Value *md)
{
    *md = v_newmap(20);
    return decode_yaml_into(data, len, *md, "Metadata");
}

static Value md_get(Value md, const char *k)
{
    Value *p = map_getc(md.u.m, k);
    return p ? *p : v_nil();
}
static const char *md_str(Value md, const char *k)
{
    Value v = md_get(md, k);
    return v.t == VT_STR ? v.u.s : "";
}

/* ---- validation (Metadata.Validate) -------------------------------------- */

static int utf8_dec(const unsigned char *s, size_t n, unsigned *r)
{
    if (s[0] < 0x80) { *r = s[0]; return 1; }
    int len = s[0] >= 0xF0 && s[0] < 0xF8 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (!len || (size_t)len > n) { *r = 0xFFFD; return 1; }
    unsigned v = s[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *r = 0xFFFD; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *r = v;
    return len;
}

static int uni_space(unsigned r)
{
    return (r >= 9 && r <= 13) || r == ' ' || r == 0x85 || r == 0xA0 || r == 0x1680 ||
           (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
           r == 0x205F || r == 0x3000;
}

/* unicode.IsPrint approximation: controls, format characters, surrogates,
 * private use and noncharacters are not printable. */
static int uni_print(unsigned r)
{
    if (r < 0x20 || (r >= 0x7F && r < 0xA0)) return 0;
    if (r == 0xAD || r == 0x61C || r == 0x180E || (r >= 0x200B && r <= 0x200F) ||
        (r >= 0x202A && r <= 0x202E) || (r >= 0x2060 && r <= 0x206F) || r == 0xFEFF ||
        (r >= 0xFFF9 && r <= 0xFFFB) || (r >= 0x600 && r <= 0x605) || r == 0x6DD || r == 0x70F ||
        (r >= 0xD800 && r <= 0xF8FF) || r >= 0xF0000 || (r & 0xFFFE) == 0xFFFE ||
        (r >= 0xFDD0 && r <= 0xFDEF) || (r >= 0xE0000 && r <= 0xE0FFF))
        return 0;
    return 1;
}

static Value sanitize(Value v)
{
    if (v.t != VT_STR) return v;
    const unsigned char *s = (const unsigned char *)v.u.s;
    size_t n = v.n, i = 0;
    int clean = 1;
    for (i = 0; i < n; i++)
        if (s[i] < 0x20 || s[i] >= 0x7F) { clean = 0; break; }
    if (clean) return v;
    Buf b = {0};
    for (i = 0; i < n;) {
        unsigned r;
        int w = utf8_dec(s + i, n - i, &r);
        if (uni_space(r)) buf_putc(&b, ' ');
        else if (uni_print(r)) {
            if (r == 0xFFFD && w == 1) buf_put(&b, "\xEF\xBF\xBD", 3);
            else buf_put(&b, s + i, w);
        }
        i += w;
    }
    Value o = v_buf(&b);
    buf_free(&b);
    return o;
}

static void sanitize_key(Value m, const char *k)
{
    Value *p = map_getc(m.u.m, k);
    if (p) *p = sanitize(*p);
}
static void sanitize_list(Value m, const char *k)
{
    Value *p = map_getc(m.u.m, k);
    if (p && p->t == VT_LIST)
        for (uint32_t i = 0; i < p->u.l->len; i++) p->u.l->v[i] = sanitize(p->u.l->v[i]);
}

static int alias_ok(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static const char *md_validate(Value md)
{
    static const char *const strs[] = {"name", "description", "home", "icon", "condition",
                                       "tags", "appVersion", "kubeVersion", NULL};
    for (int i = 0; strs[i]; i++) sanitize_key(md, strs[i]);
    sanitize_list(md, "sources");
    sanitize_list(md, "keywords");
    const char *name = md_str(md, "name");
    if (!*md_str(md, "apiVersion")) return "validation: chart.metadata.apiVersion is required";
    if (!*name) return "validation: chart.metadata.name is required";
    if (cc_helm_major >= 4 && (!strcmp(name, ".") || !strcmp(name, "..")))
        return cc_printf("validation: chart.metadata.name %s is not allowed", go_quoted_cstr(name));
    /* name != filepath.Base(name) */
    if (strchr(name, '/') && strcmp(name, "/"))
        return cc_printf("validation: chart.metadata.name %s is invalid", go_quoted_cstr(name));
    const char *ver = md_str(md, "version");
    if (!*ver) return "validation: chart.metadata.version is required";
    SemVer sv;
    if (semver_parse(ver, strlen(ver), &sv) != 0)
        return cc_printf("validation: chart.metadata.version %s is invalid", go_quoted_cstr(ver));
    const char *type = md_str(md, "type");
    if (*type && strcmp(type, "application") && strcmp(type, "library"))
        return "validation: chart.metadata.type must be application or library";
    Value ms = md_get(md, "maintainers");
    for (uint32_t i = 0; ms.t == VT_LIST && i < ms.u.l->len; i++) {
        Value m = ms.u.l->v[i];
        if (m.t != VT_MAP) return "validation: maintainers must not contain empty or null nodes";
        sanitize_key(m, "name"); sanitize_key(m, "email"); sanitize_key(m, "url");
    }
    Value ds = md_get(md, "dependencies");
    Map *seen = map_new(8);
    for (uint32_t i = 0; ds.t == VT_LIST && i < ds.u.l->len; i++) {
        Value d = ds.u.l->v[i];
        if (d.t != VT_MAP) return "validation: dependencies must not contain empty or null nodes";
        sanitize_key(d, "name"); sanitize_key(d, "version"); sanitize_key(d, "repository");
        sanitize_key(d, "condition"); sanitize_list(d, "tags");
        const char *alias = md_str(d, "alias");
        if (*alias && !alias_ok(alias))
            return cc_printf("validation: dependency %s has disallowed characters in the alias", go_quoted_cstr(md_str(d, "name")));
        const char *key = *alias ? alias : md_str(d, "name");
        if (map_getc(seen, key))
            return cc_printf("validation: more than one dependency with name or alias %s", go_quoted_cstr(key));
        map_setc(seen, key, v_bool(1));
    }
    return NULL;
}

/* ---- LoadFiles ------------------------------------------------------------ */

static void chart_add_file(FileList *fl, const CFile *f) { filelist_add(fl, f->name, f->data, f->len); }

/* A Chart.yaml text as apiversion_of parsed it: chart_load_files decodes
 * the same text (the same bytes at the same address) from this document
 * rather than parsing it a second time. Set just before the load that
 * reads it, taken (and cleared) by that load, cleared after it. */
static struct { const char *data; size_t len; Value doc; } parsed_cy;

/* v4's chart detection: Chart.yaml unmarshaled into loader.chartBase (its
 * apiVersion only). The parsed document is left in *doc. */
static const char *apiversion_of(const char *data, size_t len, const char **api, Value *doc)
{
    Value v, m = v_newmap(4);
    const char *err = yaml_load_typed(data, len, &v);
    if (err) return err;
    *doc = v;
    *api = "";
    if (v.t == VT_MAP) {
        static const MField f[] = {{"apiVersion", "APIVersion", MF_STR}, {NULL, NULL, 0}};
        if ((err = decode_struct(v, f, "chartBase", m))) return err;
        *api = md_str(m, "apiVersion");
    } else if (v.t != VT_NIL) {
        return cc_printf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type loader.chartBase", v_json_kind(v));
    }
    return NULL;
}

const char *chart_load_files(FileList *fl, Chart **out)
{
    Chart *c = cc_alloc(sizeof *c);
    *out = c;
    c->values = v_newmap(0);
    Value md = v_nil();
    const char *pdata = parsed_cy.data;   /* this chart's, not a subchart's */
    parsed_cy.data = NULL;
    for (int i = 0; i < fl->n; i++) {
        CFile *f = &fl->v[i];
        if (strcmp(f->name, "Chart.yaml")) continue;
        if (md.t == VT_NIL) md = v_newmap(20);
        const char *err = f->data == pdata && f->len == parsed_cy.len
                        ? decode_doc_into(parsed_cy.doc, md, "Metadata")
                        : decode_yaml_into(f->data, f->len, md, "Metadata");
        pdata = NULL;
        if (err) return cc_printf("cannot load Chart.yaml: %s", err);
        if (!*md_str(md, "apiVersion")) map_setc(md.u.m, "apiVersion", v_cstr("v1"));
    }
    /* subcharts grouped by first path component, in first-seen order */
    FileList templates = {0}, files = {0}, subs = {0};
    FileList *sfiles = NULL;
    Map *subidx = map_new(0), *tplidx = map_new(0);
    for (int i = 0; i < fl->n; i++) {
        CFile *f = &fl->v[i];
        const char *nm = f->name;
        if (!strcmp(nm, "Chart.yaml")) continue;
        if (!strcmp(nm, "Chart.lock") || !strcmp(nm, "requirements.lock")) {
            Value v;
            const char *err = yaml_load(f->data, f->len, &v);
            if (err) return cc_printf("cannot load %s: %s", nm, err);
            if (!strcmp(nm, "requirements.lock")) {
                if (md.t == VT_NIL) md = v_newmap(20);
                if (strcmp(md_str(md, "apiVersion"), "v1"))
                    go_log("load.go:138", "INFO",
                              "Warning: Dependency locking is handled in Chart.lock since apiVersion \"v2\". We recommend migrating to Chart.lock.",
                              "Warning: Dependency locking is handled in Chart.lock since apiVersion \"v2\". We recommend migrating to Chart.lock.", NULL);
                else chart_add_file(&files, f);
            }
        } else if (!strcmp(nm, "values.yaml")) {
            const char *err = values_load(f->data, f->len, &c->values);
            if (err) return cc_printf("cannot load values.yaml: %s", err);
            c->values_raw = f->data;
            c->values_raw_len = f->len;
        } else if (!strcmp(nm, "values.schema.json")) {
            c->schema = f->data;
            c->schema_len = f->len;
        } else if (!strcmp(nm, "requirements.yaml")) {
            if (md.t == VT_NIL) md = v_newmap(20);
            if (strcmp(md_str(md, "apiVersion"), "v1"))
                go_log("load.go:120", "INFO",
                          "Warning: Dependencies are handled in Chart.yaml since apiVersion \"v2\". We recommend migrating dependencies to Chart.yaml.",
                          "Warning: Dependencies are handled in Chart.yaml since apiVersion \"v2\". We recommend migrating dependencies to Chart.yaml.", NULL);
            const char *err = decode_yaml_into(f->data, f->len, md, "Metadata");
            if (err) return cc_printf("cannot load requirements.yaml: %s", err);
            if (!strcmp(md_str(md, "apiVersion"), "v1")) chart_add_file(&files, f);
        } else if (has_prefix(nm, "templates/")) {
            /* the engine keys templates by path: a repeated entry (an
             * archive can hold one twice) replaces the earlier one */
            Value *slot = map_getc(tplidx, nm);
            if (slot) templates.v[slot->u.i] = *f;
            else { map_setc(tplidx, nm, v_int64(templates.n)); chart_add_file(&templates, f); }
        } else if (has_prefix(nm, "charts/")) {
            const char *dot = strrchr(nm, '.');
            if (dot && !strchr(dot, '/') && !strcmp(dot, ".prov")) {
                chart_add_file(&files, f);
                continue;
            }
            const char *fname = nm + 7;
            const char *sl = strchr(fname, '/');
            char *cname = sl ? cc_strndup(fname, sl - fname) : cc_strdup(fname);
            Value *slot = map_getc(subidx, cname);
            int k = slot ? (int)slot->u.i : subs.n;
            if (!slot) {
                map_setc(subidx, cname, v_int64(k));
                int cap = subs.cap;
                filelist_add(&subs, cname, NULL, 0);
                if (subs.cap != cap) sfiles = cc_grow(sfiles, cap * sizeof *sfiles, subs.cap * sizeof *sfiles);
            }
            filelist_add(&sfiles[k], fname, f->data, f->len);
        } else {
            chart_add_file(&files, f);
        }
    }
    c->templates = templates.v; c->ntemplates = templates.n;
    c->files = files.v; c->nfiles = files.n;
    if (md.t == VT_NIL) return "Chart.yaml file is missing";
    c->meta = md;
    const char *err = md_validate(md);
    if (err) return err;
    c->name = md_str(md, "name");
    c->is_library = !strcmp(md_str(md, "type"), "library");
    c->saved_templates = c->templates;
    c->nsaved_templates = c->ntemplates;
    if (c->is_library) {
        /* engine.go isTemplateValid: a library chart contributes only its
         * partials ("_" base names); other templates are never parsed. */
        c->saved_templates = cc_alloc((size_t)(c->ntemplates + 1) * sizeof *c->templates);
        if (c->ntemplates)
            memcpy(c->saved_templates, c->templates, (size_t)c->ntemplates * sizeof *c->templates);
        int k = 0;
        for (int i = 0; i < c->ntemplates; i++) {
            const char *b = strrchr(c->templates[i].name, '/');
            if ((b ? b + 1 : c->templates[i].name)[0] == '_') c->templates[k++] = c->templates[i];
        }
        c->ntemplates = k;
    }
    c->deps = cc_alloc((subs.n ? subs.n : 1) * sizeof *c->deps);
    for (int k = 0; k < subs.n; k++) {
        const char *n = subs.v[k].name;
        if (n[0] == '_' || n[0] == '.') continue;
        Chart *sc = NULL;
        size_t ln = strlen(n);
        const char *dot = strrchr(n, '.');
        if (ln >= 4 && dot && !strcmp(dot, ".tgz")) {
            CFile *f = &sfiles[k].v[0];
            if (strcmp(f->name, n))
                return cc_printf("error unpacking subchart tar in %s: expected %s, got %s", c->name, n, f->name);
            /* v2 loader.LoadArchive: the archive's own error, unwrapped,
             * and no apiVersion dispatch for subcharts */
            FileList af = {0};
            err = archive_load_files(f->data, f->len, &af);
            if (!err) err = chart_load_files(&af, &sc);
        } else {
            FileList buff = {0};
            for (int i = 0; i < sfiles[k].n; i++) {
                CFile *f = &sfiles[k].v[i];
                const char *sl = strchr(f->name, '/');
                if (!sl) continue;
                filelist_add(&buff, sl + 1, f->data, f->len);
            }
            err = chart_load_files(&buff, &sc);
        }
        if (err) return cc_printf("error unpacking subchart %s in %s: %s", n, c->name, err);
        c->deps[c->ndeps++] = sc;
        sc->parent = c;
    }
    return NULL;
}

void chart_fix_paths(Chart *c, Chart *parent)
{
    c->parent = parent;
    c->fullpath = parent ? cc_printf("%s/charts/%s", parent->fullpath, c->name) : c->name;
    for (int i = 0; i < c->ndeps; i++) chart_fix_paths(c->deps[i], c);
}

/* ---- chart_load: LocateChart + loader.Load -------------------------------- */

/* ---- a reference that is not a local path: net/url as ResolveChartVersion
 * sees it (url.Parse, URL.String) -------------------------------------- */

enum { ENC_PATH, ENC_FRAGMENT };

/* net/url shouldEscape for the path and fragment encodings. */
static int url_should_escape(unsigned char c, int mode)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 0;
    if (strchr("-_.~", c) && c) return 0;
    if (c && strchr("$&+,/:;=?@", c)) return mode == ENC_PATH ? c == '?' : 0;
    if (mode == ENC_FRAGMENT && c && strchr("!()*", c)) return 0;
    return 1;
}

static int url_hex(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* net/url unescape; NULL on an invalid %-escape. */
static char *url_unescape(const char *s, size_t n)
{
    char *o = cc_alloc(n + 1);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') { o[w++] = s[i]; continue; }
        if (i + 2 >= n) return NULL;
        int h = url_hex((unsigned char)s[i + 1]), l = url_hex((unsigned char)s[i + 2]);
        if (h < 0 || l < 0) return NULL;
        o[w++] = (char)(h << 4 | l);
        i += 2;
    }
    o[w] = 0;
    return o;
}

static void url_escape(Buf *b, const char *s, int mode)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (url_should_escape(*p, mode)) buf_printf(b, "%%%02X", *p);
        else buf_putc(b, (char)*p);
}

/* URL.EscapedPath / EscapedFragment: the raw form when it is a valid
 * encoding of the decoded one, else the canonical escaping. */
static void url_escaped(Buf *b, const char *raw, const char *dec, int mode)
{
    int ok = 1;
    for (const unsigned char *p = (const unsigned char *)raw; *p && ok; p++)
        if (!strchr("!$&'()*+,;=:@[]%", *p) && url_should_escape(*p, mode)) ok = 0;
    const char *u = ok ? url_unescape(raw, strlen(raw)) : NULL;
    if (u && !strcmp(u, dec)) buf_puts(b, raw);
    else url_escape(b, dec, mode);
}

/* Helm's error for a CHART argument that names no local file. */
static const char *remote_ref_error(const char *name)
{
    const char *bad = cc_printf("invalid chart URL format: %s", name);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7F) return bad;
    const char *hash = strchr(name, '#');
    const char *rest = hash ? cc_strndup(name, hash - name) : name;
    const char *rawfrag = hash ? hash + 1 : "", *frag = "";
    if (hash && !(frag = url_unescape(rawfrag, strlen(rawfrag)))) return bad;
    /* getScheme */
    const char *scheme = "";
    for (const char *p = rest; *p; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') { if (p == rest) break; continue; }
        if (c == ':') {
            if (p == rest) return bad;
            char *sc = cc_strndup(rest, p - rest);
            for (char *q = sc; *q; q++) if (*q >= 'A' && *q <= 'Z') *q += 32;
            scheme = sc;
            rest = p + 1;
        }
        break;
    }
    const char *query = NULL;
    size_t rl = strlen(rest);
    const char *qm = strchr(rest, '?');
    if (qm && rl && rest[rl - 1] == '?' && qm == rest + rl - 1) {
        query = ""; rest = cc_strndup(rest, rl - 1);
    } else if (qm) {
        query = qm + 1; rest = cc_strndup(rest, qm - rest);
    }
    const char *opaque = "", *host = NULL, *path = "", *rawpath = "";
    if (*rest != '/' && *scheme) {
        opaque = rest;
    } else {
        if (*rest != '/') {
            const char *sl = strchr(rest, '/');
            if (memchr(rest, ':', sl ? (size_t)(sl - rest) : strlen(rest))) return bad;
        }
        if ((*scheme || strncmp(rest, "///", 3)) && !strncmp(rest, "//", 2)) {
            const char *a = rest + 2, *sl = strchr(a, '/');
            host = sl ? cc_strndup(a, sl - a) : a;
            rest = sl ? sl : "";
        }
        if (!(path = url_unescape(rest, strlen(rest)))) return bad;
        rawpath = rest;
    }
    /* ResolveChartVersion: an absolute URL is fetched (http, https and oci
     * are handled before loading), anything else is repo/chart */
    if (*scheme && host && *host && *path)
        return cc_printf("scheme \"%s\" not supported", scheme);
    const char *sl = strchr(path, '/');
    if (sl) return cc_printf("repo %.*s not found", (int)(sl - path), path);
    Buf b = {0};
    if (*scheme) buf_printf(&b, "%s:", scheme);
    if (*opaque) buf_puts(&b, opaque);
    else {
        if ((*scheme || host) && ((host && *host) || *path)) buf_printf(&b, "//%s", host ? host : "");
        url_escaped(&b, rawpath, path, ENC_PATH);
    }
    if (query) buf_printf(&b, "?%s", query);
    if (*frag) { buf_putc(&b, '#'); url_escaped(&b, rawfrag, frag, ENC_FRAGMENT); }
    const char *r = cc_printf("non-absolute URLs should be in form of repo_name/path_to_chart, got: %s", buf_cstr(&b));
    buf_free(&b);
    return r;
}

/* http.DetectContentType, reduced to what EnsureArchive can report. */
static const char *sniff_type(const unsigned char *buf, size_t n)
{
    /* the 512-byte buffer is zero-padded, which makes short files binary */
    if (n < 512) return "application/octet-stream";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = buf[i];
        if (c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F))
            return "application/octet-stream";
    }
    return "text/plain; charset=utf-8";
}

static const char *load_archive_path(const char *name, Chart **out)
{
    const char *data; size_t len;
    const char *err = read_file(name, -1, &data, &len);
    if (err) return err;
    if (!(len >= 3 && memcmp(data, "\x1F\x8B\x08", 3) == 0)) {
        size_t ln = strlen(name);
        if ((ln >= 4 && !strcmp(name + ln - 4, ".yml")) || (ln >= 5 && !strcmp(name + ln - 5, ".yaml")))
            return cc_printf("file '%s' seems to be a YAML file, but expected a gzipped archive", name);
        return cc_printf("file '%s' does not appear to be a gzipped archive; got '%s'", name,
                         sniff_type((const unsigned char *)data, len < 512 ? len : 512));
    }
    FileList fl = {0};
    err = archive_load_files(data, len, &fl);
    if (err) {
        if (!strcmp(err, "gzip: invalid header"))
            return cc_printf("file '%s' does not appear to be a valid chart file (details: %s)", name, err);
        return cc_helm_major >= 4 ? "unable to load chart archive" : err;
    }
    if (cc_helm_major >= 4) {
        const char *api = NULL;
        for (int i = 0; i < fl.n; i++) {
            if (strcmp(fl.v[i].name, "Chart.yaml")) continue;
            if ((err = apiversion_of(fl.v[i].data, fl.v[i].len, &api, &parsed_cy.doc)))
                return cc_printf("cannot load Chart.yaml: %s", err);
            parsed_cy.data = fl.v[i].data;
            parsed_cy.len = fl.v[i].len;
            break;
        }
        if (!api) return "unable to detect chart version, no Chart.yaml found";
        if (*api && strcmp(api, "v1") && strcmp(api, "v2"))
            return strcmp(api, "v3") ? "unsupported chart version" : "invalid chart apiVersion";
    }
    err = chart_load_files(&fl, out);
    parsed_cy.data = NULL;
    /* v4 LoadFile: errors.Is(err, gzip.ErrHeader) also finds a subchart's */
    size_t el = err ? strlen(err) : 0, hl = strlen("gzip: invalid header");
    if (err && cc_helm_major >= 4 && el > hl && !strcmp(err + el - hl, "gzip: invalid header"))
        return cc_printf("file '%s' does not appear to be a valid chart file (details: %s)", name, err);
    return err;
}

static const char *chart_load_as(const char *path, Chart **out, int detect, const struct stat *known)
{
    *out = NULL;
    /* LocateChart */
    while (*path == ' ' || *path == '\t' || *path == '\n' || *path == '\r') path++;
    char *name = cc_strdup(path);
    size_t ln = strlen(name);
    while (ln && strchr(" \t\r\n\v\f", name[ln - 1])) name[--ln] = 0;
    struct stat st;
    if (known && !strcmp(name, path)) st = *known;
    else if (stat(name, &st) != 0) {
        if (name[0] == '/' || name[0] == '.')
            return cc_printf("path %s not found", go_quoted_cstr(name));
        return remote_ref_error(name);
    }
    const char *abs = path_abs(name);
    const char *err;
    if (S_ISDIR(st.st_mode)) {
        int topfd = strlen(abs) < PATH_MAX ? open(abs, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_DIRECTORY) : -1;
        Preread cy = {0};
        if (cc_helm_major >= 4 && detect) {
            const char *cyp = cc_printf("%s/Chart.yaml", abs);
            int rel = topfd >= 0 && strlen(cyp) < PATH_MAX;
            const char *api;
            err = read_file_at(rel ? topfd : AT_FDCWD, rel ? "Chart.yaml" : cyp, cyp, -1, &cy.data, &cy.len);
            if (err) err = cc_printf("unable to detect chart at %s: %s", cyp, err);
            else if ((err = apiversion_of(cy.data, cy.len, &api, &parsed_cy.doc))) err = cc_printf("cannot load Chart.yaml: %s", err);
            else if (*api && strcmp(api, "v1") && strcmp(api, "v2"))
                err = strcmp(api, "v3") ? "unsupported chart version" : "invalid chart apiVersion";
            if (err) {
                if (topfd >= 0) close(topfd);
                return err;
            }
            cy.have = 1;
            parsed_cy.data = cy.data;
            parsed_cy.len = cy.len;
        }
        err = load_dir(abs, topfd, &cy, out);
        parsed_cy.data = NULL;
    } else {
        err = load_archive_path(abs, out);
    }
    if (err) { *out = NULL; return err; }
    chart_fix_paths(*out, NULL);
    return NULL;
}

const char *chart_load(const char *path, Chart **out) { return chart_load_as(path, out, 1, NULL); }
const char *chart_load_v2(const char *path, Chart **out) { return chart_load_as(path, out, 0, NULL); }
const char *chart_load_stat(const char *path, const struct stat *st, Chart **out)
{
    return chart_load_as(path, out, 1, st);
}

/* ---- .Chart ---------------------------------------------------------------
 * v4: structToMap of the metadata, a map[string]interface {} with Go field
 * names (Annotations stays a nil map[string]string when absent).
 * v3: the struct itself, struct { chart.Metadata; IsRoot bool }: Go types
 * ([]string, nil when absent), %v prints the nested struct, toJson/toYaml
 * use the json tags (omitempty everywhere but a dependency's name and
 * repository), then IsRoot. */

static Value struct_map(Value src, const MField *fields);
static Value v3_elem(Value go, int kind);

static Value field_value(Value v, int kind)
{
    int v3 = cc_helm_major == 3;
    switch (kind) {
    case MF_STR: return v.t == VT_STR ? v : v_cstr("");
    case MF_BOOL: return v.t == VT_BOOL ? v : v_bool(0);
    case MF_STRMAP: {
        if (v.t == VT_MAP) return v;
        Value m = v_map(NULL);   /* a nil map[string]string */
        m.g = GT_STRMAP;
        return m;
    }
    default: {
        /* v3: Go's slice types ([]string, []*chart.Maintainer, ...) */
        uint8_t g = kind == MF_STRLIST ? GT_STRSLICE : kind == MF_MAINT ? GT_MAINTSLICE
                  : kind == MF_DEPS ? GT_DEPSLICE : GT_DEFAULT;
        if (v3 && v.t != VT_LIST) {   /* a nil slice */
            Value l = v_list(NULL);
            l.g = g;
            return l;
        }
        uint32_t n = v.t == VT_LIST ? v.u.l->len : 0;
        Value l = v_newlist(n);
        if (v3) l.g = g;
        for (uint32_t i = 0; i < n; i++) {
            Value e = v.u.l->v[i];
            if (kind == MF_MAINT) e = e.t == VT_MAP ? struct_map(e, maint_fields) : v_nil();
            else if (kind == MF_DEPS) e = e.t == VT_MAP ? struct_map(e, dep_fields) : v_nil();
            if (v3 && e.t == VT_MAP) e = v3_elem(e, kind);
            list_push(l.u.l, e);
        }
        return l;
    }
    }
}

static Value struct_map(Value src, const MField *fields)
{
    int n = 0;
    while (fields[n].key) n++;
    Value m = v_newmap(n + 1);
    if (cc_helm_major == 3) m.g = GT_STRUCT;
    for (const MField *f = fields; f->key; f++)
        map_setc(m.u.m, f->goname, field_value(md_get(src, f->key), f->kind));
    return m;
}

/* encoding/json of a v3 struct (GT_STRUCT map with Go names): json tags,
 * omitempty but for a dependency's name and repository. */
static Value v3_json(Value go, const MField *fields)
{
    Value m = v_newmap(8);
    m.g = GT_STRUCT;
    for (const MField *f = fields; f->key; f++) {
        Value *p = map_getc(go.u.m, f->goname);
        Value v = p ? *p : v_nil();
        int keep = fields == dep_fields && (!strcmp(f->key, "name") || !strcmp(f->key, "repository"));
        if (!keep && v_empty(v)) continue;
        map_setc(m.u.m, f->key, v);
    }
    return m;
}

/* *chart.Maintainer / *chart.Dependency elements (data: the Go map) */
static int v3e_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    Value *p = map_getc(((Value *)o->data)->u.m, name);
    if (!p) return 0;
    *out = *p;
    return 1;
}
static const char *v3e_method_sig(Obj *o, const char *name) { return NULL; }
static Value v3e_fields(Obj *o) { return *(Value *)o->data; }
static Value v3_maint_data(Obj *o) { return v3_json(*(Value *)o->data, maint_fields); }
static Value v3_dep_data(Obj *o) { return v3_json(*(Value *)o->data, dep_fields); }
static const ObjType v3_maint_type = {"*chart.Maintainer", v3e_field, NULL, v3_maint_data, v3e_method_sig,
                                      v3e_fields, 0};
static const ObjType v3_dep_type = {"*chart.Dependency", v3e_field, NULL, v3_dep_data, v3e_method_sig,
                                    v3e_fields, 0};

static Value v3_elem(Value go, int kind)
{
    Value *p = cc_alloc(sizeof *p);
    *p = go;
    return v_newobj(kind == MF_MAINT ? &v3_maint_type : &v3_dep_type, p);
}

typedef struct V3Chart { Value meta; int is_root; } V3Chart;

static int v3c_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out);
static int v3m_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out);
static const char *v3c_method_sig(Obj *o, const char *name) { return NULL; }
static Value v3m_fields(Obj *o) { return ((V3Chart *)o->data)->meta; }
static const ObjType v3_meta_type;
static Value v3c_fields(Obj *o)
{
    V3Chart *c = o->data;
    Value m = v_newmap(2);
    m.g = GT_STRUCT;
    map_setc(m.u.m, "Metadata", v_newobj(&v3_meta_type, c));   /* %#v: chart.Metadata{...} */
    map_setc(m.u.m, "IsRoot", v_bool(c->is_root));
    return m;
}
static Value v3m_data(Obj *o) { return v3_json(((V3Chart *)o->data)->meta, md_fields); }
static Value v3c_data(Obj *o)
{
    Value m = v3m_data(o);
    map_setc(m.u.m, "IsRoot", v_bool(((V3Chart *)o->data)->is_root));
    return m;
}
static const ObjType v3_chart_type = {"struct { chart.Metadata; IsRoot bool }", v3c_field, NULL, v3c_data,
                                      v3c_method_sig, v3c_fields, 0};
static const ObjType v3_meta_type = {"chart.Metadata", v3m_field, NULL, v3m_data, v3c_method_sig, v3m_fields, 0};

static int v3m_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    Value *p = map_getc(((V3Chart *)o->data)->meta.u.m, name);
    if (!p) return 0;
    *out = *p;
    return 1;
}

static int v3c_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    V3Chart *c = o->data;
    if (!strcmp(name, "IsRoot")) *out = v_bool(c->is_root);
    else if (!strcmp(name, "Metadata")) *out = v_newobj(&v3_meta_type, c);
    else return v3m_field(x, o, name, argc, argv, out);
    return 1;
}

Value chart_meta_value(const Chart *c)
{
    Value m = struct_map(c->meta, md_fields);
    if (cc_helm_major == 3) {
        V3Chart *v = cc_alloc(sizeof *v);
        v->meta = m;
        v->is_root = c->parent == NULL;
        return v_newobj(&v3_chart_type, v);
    }
    map_setc(m.u.m, "IsRoot", v_bool(c->parent == NULL));
    return m;
}
