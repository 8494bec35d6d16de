/*
 * diff.c - line diff (Myers, linear space, bounded cost) and unified-diff
 * hunks, for `chartc snapshot`. No Helm/Go counterpart; the hunk format
 * is GNU diff -u's.
 *
 * Lines are interned to integer ids first, so the search compares ints.
 * The divide and conquer runs from an explicit stack of ranges (no
 * recursion on the C stack); each range is trimmed of its common prefix
 * and suffix, then split at the middle snake. A search that passes the
 * cost bound splits at the furthest-reaching diagonal instead (the
 * result is a correct diff, possibly longer than minimal), so big
 * unrelated goldens cost O((N+M)^1.5), not O((N+M)^2).
 * Temporaries live on the heap and are freed on return.
 */
#include "chartc/diff.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Line { const char *s; size_t n; } Line;

static void *df_malloc(size_t n)
{
    void *p = calloc(n ? n : 1, 1);
    if (!p) cc_oom();
    return p;
}

/* Split t into lines (arrays on the heap). */
static int df_lines(DiffText t, Line **out)
{
    int n = 0;
    for (size_t i = 0; i < t.n; i++) n += t.s[i] == '\n';
    if (t.n && t.s[t.n - 1] != '\n') n++;
    Line *v = df_malloc(sizeof *v * (size_t)(n + 1));
    const char *p = t.s, *e = t.s + t.n;
    for (int i = 0; i < n; i++) {
        const char *q = memchr(p, '\n', (size_t)(e - p));
        size_t len = q ? (size_t)(q - p) + 1 : (size_t)(e - p);
        v[i].s = p; v[i].n = len;
        p += len;
    }
    *out = v;
    return n;
}

static uint32_t df_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Give equal lines of a and b equal ids. */
static void df_intern(const Line *a, int na, const Line *b, int nb, int *ia, int *ib)
{
    size_t cap = 16;
    while (cap < 2 * (size_t)(na + nb)) cap <<= 1;
    int *slot = df_malloc(sizeof *slot * cap);   /* 0 empty, else line index + 1 into `all` */
    const Line **all = df_malloc(sizeof *all * (size_t)(na + nb + 1));
    int nall = 0;
    for (int side = 0; side < 2; side++) {
        const Line *v = side ? b : a;
        int n = side ? nb : na, *ids = side ? ib : ia;
        for (int i = 0; i < n; i++) {
            size_t h = df_hash(v[i].s, v[i].n) & (cap - 1);
            for (;;) {
                int k = slot[h];
                if (!k) { all[nall] = &v[i]; slot[h] = ++nall; ids[i] = nall; break; }
                const Line *o = all[k - 1];
                if (o->n == v[i].n && memcmp(o->s, v[i].s, o->n) == 0) { ids[i] = k; break; }
                h = (h + 1) & (cap - 1);
            }
        }
    }
    free(slot);
    free(all);
}

typedef struct Ctx {
    const int *x, *y;
    char *cx, *cy;     /* changed flags */
    int *fd, *bd;      /* furthest-reaching x per diagonal, offset by `off` */
    int off;
    int too_expensive;
} Ctx;

/* Middle snake of x[xoff,xlim) / y[yoff,ylim) (both non-empty, first and
 * last elements differing): sets the split point. */
static void df_split(Ctx *c, int xoff, int xlim, int yoff, int ylim, int *xmid, int *ymid)
{
    int *fd = c->fd + c->off, *bd = c->bd + c->off;
    const int *x = c->x, *y = c->y;
    int dmin = xoff - ylim, dmax = xlim - yoff;
    int fmid = xoff - yoff, bmid = xlim - ylim;
    int fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    int odd = (fmid - bmid) & 1;
    fd[fmid] = xoff;
    bd[bmid] = xlim;
    for (int cost = 1;; cost++) {
        if (fmin > dmin) fd[--fmin - 1] = -1; else ++fmin;
        if (fmax < dmax) fd[++fmax + 1] = -1; else --fmax;
        for (int d = fmax; d >= fmin; d -= 2) {
            int lo = fd[d - 1], hi = fd[d + 1];
            int xx = lo >= hi ? lo + 1 : hi, yy = xx - d;
            while (xx < xlim && yy < ylim && x[xx] == y[yy]) xx++, yy++;
            fd[d] = xx;
            if (odd && bmin <= d && d <= bmax && bd[d] <= xx) { *xmid = xx; *ymid = yy; return; }
        }
        if (bmin > dmin) bd[--bmin - 1] = INT_MAX; else ++bmin;
        if (bmax < dmax) bd[++bmax + 1] = INT_MAX; else --bmax;
        for (int d = bmax; d >= bmin; d -= 2) {
            int lo = bd[d - 1], hi = bd[d + 1];
            int xx = lo < hi ? lo : hi - 1, yy = xx - d;
            while (xx > xoff && yy > yoff && x[xx - 1] == y[yy - 1]) xx--, yy--;
            bd[d] = xx;
            if (!odd && fmin <= d && d <= fmax && xx <= fd[d]) { *xmid = xx; *ymid = yy; return; }
        }
        if (cost < c->too_expensive) continue;
        /* Too costly: split where the forward or the backward search got
         * furthest along its diagonals. */
        long fbest = -1, fx = xoff, bbest = LONG_MAX, bx = xlim;
        for (int d = fmax; d >= fmin; d -= 2) {
            int xx = fd[d] < xlim ? fd[d] : xlim, yy = xx - d;
            if (yy > ylim) xx = ylim + d, yy = ylim;
            if (fbest < (long)xx + yy) fbest = (long)xx + yy, fx = xx;
        }
        for (int d = bmax; d >= bmin; d -= 2) {
            int xx = bd[d] > xoff ? bd[d] : xoff, yy = xx - d;
            if (yy < yoff) xx = yoff + d, yy = yoff;
            if ((long)xx + yy < bbest) bbest = (long)xx + yy, bx = xx;
        }
        if ((long)xlim + ylim - bbest < fbest - ((long)xoff + yoff)) { *xmid = (int)fx; *ymid = (int)(fbest - fx); }
        else { *xmid = (int)bx; *ymid = (int)(bbest - bx); }
        return;
    }
}

typedef struct Range { int xoff, xlim, yoff, ylim; } Range;

static void df_compare(Ctx *c, int n, int m)
{
    int cap = 64, top = 0;
    Range *st = df_malloc(sizeof *st * (size_t)cap);
    st[top++] = (Range){0, n, 0, m};
    while (top) {
        Range r = st[--top];
        while (r.xoff < r.xlim && r.yoff < r.ylim && c->x[r.xoff] == c->y[r.yoff]) r.xoff++, r.yoff++;
        while (r.xlim > r.xoff && r.ylim > r.yoff && c->x[r.xlim - 1] == c->y[r.ylim - 1]) r.xlim--, r.ylim--;
        if (r.xoff == r.xlim) { memset(c->cy + r.yoff, 1, (size_t)(r.ylim - r.yoff)); continue; }
        if (r.yoff == r.ylim) { memset(c->cx + r.xoff, 1, (size_t)(r.xlim - r.xoff)); continue; }
        int xm, ym;
        df_split(c, r.xoff, r.xlim, r.yoff, r.ylim, &xm, &ym);
        if ((xm == r.xoff && ym == r.yoff) || (xm == r.xlim && ym == r.ylim) ||
            xm < r.xoff || xm > r.xlim || ym < r.yoff || ym > r.ylim) {
            /* no progress possible: the whole range changed */
            memset(c->cx + r.xoff, 1, (size_t)(r.xlim - r.xoff));
            memset(c->cy + r.yoff, 1, (size_t)(r.ylim - r.yoff));
            continue;
        }
        if (top + 2 > cap) {
            Range *ns = df_malloc(sizeof *ns * (size_t)cap * 2);
            memcpy(ns, st, sizeof *st * (size_t)top);
            free(st);
            st = ns;
            cap *= 2;
        }
        st[top++] = (Range){r.xoff, xm, r.yoff, ym};
        st[top++] = (Range){xm, r.xlim, ym, r.ylim};
    }
    free(st);
}

static void df_line(Buf *out, char mark, const Line *l, int color)
{
    const char *col = mark == '-' ? DIFF_RED : mark == '+' ? DIFF_GREEN : NULL;
    if (color && col) buf_puts(out, col);
    buf_putc(out, mark);
    int nl = l->n && l->s[l->n - 1] == '\n';
    buf_put(out, l->s, l->n - (size_t)nl);
    if (color && col) buf_puts(out, DIFF_RESET);
    buf_putc(out, '\n');
    if (!nl) buf_puts(out, "\\ No newline at end of file\n");
}

/* GNU diff's hunk range: "l,s" with l the first line, or the line before
 * an empty range; ",s" omitted when s is 1. */
static void df_range(Buf *out, int first, int count)
{
    if (count == 1) buf_printf(out, "%d", first);
    else buf_printf(out, "%d,%d", count ? first : first - 1, count);
}

long diff_unified(Buf *out, DiffText a, int a_line0, DiffText b, int b_line0, int context, int color)
{
    Line *la, *lb;
    int n = df_lines(a, &la), m = df_lines(b, &lb);
    int *ia = df_malloc(sizeof *ia * (size_t)(n + 1)), *ib = df_malloc(sizeof *ib * (size_t)(m + 1));
    df_intern(la, n, lb, m, ia, ib);
    Ctx c;
    c.x = ia; c.y = ib;
    c.cx = df_malloc((size_t)n + 1);
    c.cy = df_malloc((size_t)m + 1);
    c.off = m + 1;
    c.fd = df_malloc(sizeof *c.fd * (size_t)(n + m + 3));
    c.bd = df_malloc(sizeof *c.bd * (size_t)(n + m + 3));
    c.too_expensive = 1;
    for (long d = (long)n + m + 3; d; d >>= 2) c.too_expensive <<= 1;
    if (c.too_expensive < 256) c.too_expensive = 256;
    df_compare(&c, n, m);
    free(c.fd);
    free(c.bd);

    /* Walk both sides; a hunk opens at a change with up to `context`
     * equal lines before it and closes after more than 2*context equal
     * lines (the last `context` of which are its trailing context). */
    long changes = 0;
    int i = 0, j = 0;
    if (context < 0) context = 0;
    while (i < n || j < m) {
        if ((i < n && c.cx[i]) || (j < m && c.cy[j])) {
            int hi = i - context < 0 ? 0 : i - context;
            int hj = j - (i - hi);
            /* find the hunk's end */
            int ei = i, ej = j;
            for (;;) {
                while ((ei < n && c.cx[ei]) || (ej < m && c.cy[ej])) {
                    if (ei < n && c.cx[ei]) ei++;
                    else ej++;
                }
                int k = 0;
                while (ei + k < n && ej + k < m && !c.cx[ei + k] && !c.cy[ej + k] && k <= 2 * context) k++;
                int more = (ei + k < n && c.cx[ei + k]) || (ej + k < m && c.cy[ej + k]);
                if (more && k <= 2 * context) { ei += k; ej += k; continue; }
                int tail = k < context ? k : context;
                ei += tail; ej += tail;
                break;
            }
            if (color) buf_puts(out, DIFF_CYAN);
            buf_puts(out, "@@ -");
            df_range(out, a_line0 + hi, ei - hi);
            buf_puts(out, " +");
            df_range(out, b_line0 + hj, ej - hj);
            buf_puts(out, " @@");
            if (color) buf_puts(out, DIFF_RESET);
            buf_putc(out, '\n');
            while (hi < ei || hj < ej) {
                if (hi < ei && c.cx[hi]) { df_line(out, '-', &la[hi++], color); changes++; }
                else if (hj < ej && c.cy[hj]) { df_line(out, '+', &lb[hj++], color); changes++; }
                else { df_line(out, ' ', &la[hi], 0); hi++; hj++; }
            }
            i = ei; j = ej;
        } else {
            i++; j++;
        }
    }
    free(la); free(lb); free(ia); free(ib); free(c.cx); free(c.cy);
    return changes;
}
