/*
 * value.c - the arena, Buf, and the dynamic value type (see value.h).
 * Maps mirror Go's map[string]interface{}: insertion-ordered storage with a
 * hash index; sorted views give Go's fmtsort (byte) order and go-yaml v2's
 * natural order (gopkg.in/yaml.v2 sorter.go).
 */
#define _GNU_SOURCE   /* pthread_getattr_np */
#include "chartc/value.h"
#include "chartc/func.h"
#include "chartc/swar.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

int cc_helm_major = 4;

/* ---- arena ---------------------------------------------------------- */

/* Blocks come straight from mmap, so their memory starts out zero and
 * cc_alloc clears only what was handed out before (below the larger of
 * `dirty` and `used`, after a cc_arena_release: the inline fast path in
 * value.h bumps `used` alone, within `clean`, so whatever lowers `used`
 * first raises `dirty` to it and lowers `clean` with it). Small
 * allocations bump through 2 MiB blocks (newest first in `arena`); big
 * ones get a block of their own in `bigs`, so a
 * mark is just the two list heads and the current block's fill. One
 * released small block is kept as `spare`, so a loop that marks and
 * releases does not map and unmap a block per iteration. */
typedef CcBlock Block;
#define arena cc_arena_top
Block *cc_arena_top;
static Block *bigs, *spare;

#define HUGE_PAGE CC_HUGE_PAGE
#define ARENA_BLOCK (HUGE_PAGE - sizeof(Block))   /* a block and its header: one huge page */
#define ARENA_BIG CC_ARENA_BIG

#if defined(__SANITIZE_ADDRESS__)
#define CC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CC_ASAN 1
#endif
#endif
#ifdef CC_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Go's runtime ends the same way ("fatal error: runtime: out of memory",
 * exit status 2); nothing has been written to stdout or an output file
 * yet, and nothing is flushed now. */
_Noreturn void cc_oom(void)
{
    fputs("chartc: out of memory\n", stderr);
    _exit(2);
}

/* Small allocations come from 2 MiB blocks aligned to 2 MiB and marked
 * MADV_HUGEPAGE, so that where transparent huge pages are enabled
 * ("always" or "madvise") a block is one page: one fault maps it all. On a
 * VM a page fault is expensive (5-10 us for each 4 KiB page here, about
 * 60 us for a 2 MiB one): stalwart's render touched 57 pages of its first
 * block (168 faults in all -> 110, 10.5 -> 7.5 ms), kube-prometheus-stack
 * 843 faults -> 346 (111 -> 46 ms). Without huge pages the first block is
 * faulted in as it is used, so small commands touch only what they use,
 * and later blocks are populated in one call (MADV_POPULATE_WRITE, Linux
 * 5.14; older kernels fault them in as they go). Big allocations get a
 * mapping of their own, populated; its whole 2 MiB pages are huge ones. */

/* n bytes (a multiple of 4 KiB) of fresh, zero memory, or NULL; the
 * flags (value.h) say how it is faulted in. With CC_MAP_HUGE its whole
 * 2 MiB parts are huge pages: the mapping starts on a 2 MiB boundary and
 * is advised MADV_HUGEPAGE. It is mapped rounded up to whole 2 MiB, which
 * Linux (6.7 on) places on the boundary itself (elsewhere it is cut from
 * a mapping 2 MiB larger, or kept unaligned near an address-space limit,
 * ulimit -v), and what is past n is unmapped again. Less than 2 MiB is
 * mapped plain. */
void *cc_map(size_t n, int flags)
{
    size_t whole = flags & CC_MAP_HUGE ? n & ~(HUGE_PAGE - 1) : 0;
    if (!whole) {
        int populate = flags & (CC_MAP_POPULATE | CC_MAP_POPULATE_SMALL) ? MAP_POPULATE : 0;
        void *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | populate, -1, 0);
        return m == MAP_FAILED ? NULL : m;
    }
    size_t len = (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    if (len < n) return NULL;
    char *a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) return NULL;
    char *end = a + len;   /* the end of what is mapped */
    if ((uintptr_t)a & (HUGE_PAGE - 1)) {
        char *m = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m != MAP_FAILED) {
            munmap(a, len);
            a = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
            end = m + len + HUGE_PAGE;
            if (a > m) munmap(m, (size_t)(a - m));
        }
    }
    if (end > a + n) munmap(a + n, (size_t)(end - (a + n)));
#ifdef MADV_HUGEPAGE
    madvise(a, n, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
    if (flags & CC_MAP_POPULATE) madvise(a, n, MADV_POPULATE_WRITE);
    else if ((flags & CC_MAP_POPULATE_SMALL) && n > whole) madvise(a + whole, n - whole, MADV_POPULATE_WRITE);
#endif
    return a;
}

/* What is left of the deep stack's top huge page (stack.c), and the
 * arena block cut from it, which is kept rather than unmapped. */
static char *first_left;
static size_t first_nleft;
static Block *first_block;

void cc_first_give(void *p, size_t n)
{
    first_left = p;
    first_nleft = n;
}

void *cc_first_take(size_t n)
{
    if (first_nleft < n) return NULL;
    void *p = first_left;
    first_left += n;
    first_nleft -= n;
    return p;
}

/* A small block is one huge page, the first faulted in as it is used,
 * later ones populated at once; a big one is mapped to its own pages.
 * The first small block is what is left of the deep stack's huge page
 * when there is one: the page is faulted in already. */
static Block *block_map(size_t size)
{
    static int nblocks;
    size_t total;
    int flags = CC_MAP_HUGE;
    if (size == ARENA_BLOCK && !first_block && first_nleft >= HUGE_PAGE / 2) {
        total = first_nleft - CC_FIRST_YAML;
        Block *b = first_block = cc_first_take(total);
        b->next = NULL;
        b->used = b->dirty = 0;
        b->size = b->clean = total - sizeof(Block);
        ARENA_POISON(b->data, b->size);
        return b;
    }
    if (size == ARENA_BLOCK) {
        total = HUGE_PAGE;
        if (nblocks++ > 0) flags |= CC_MAP_POPULATE;
    } else {
        /* its whole 2 MiB pages huge (one fault each, where 4 KiB pages
         * cost one a page), what is left populated in one call */
        total = (sizeof(Block) + size + 4095) & ~(size_t)4095;
        if (total < size) cc_oom();
        flags |= CC_MAP_POPULATE_SMALL;
    }
    Block *b = cc_map(total, flags);
    if (!b) cc_oom();
    size = total - sizeof(Block);
    b->next = NULL;
    b->used = b->dirty = 0;
    b->size = b->clean = size;
    ARENA_POISON(b->data, size);
    return b;
}

/* ASan keeps shadow bytes across munmap: unpoison first, or a later block
 * mapped at the same address starts out poisoned */
static void block_unmap(Block *b)
{
    ARENA_UNPOISON(b->data, b->size);
    if (b != first_block) munmap(b, sizeof(Block) + b->size);
}

/* Memory a release gave back is cleared this far ahead of an allocation
 * at once, so the inline bump serves the allocations after it: one memset
 * instead of a slow call and a small memset for each (a range loop whose
 * body runs fromYaml reuses megabytes every iteration). Just under 2 KiB:
 * glibc's memset switches to `rep stosb` from 2048 bytes, which valgrind
 * counts as an instruction per byte, and the guard counts instructions.
 * Under AddressSanitizer only the allocation itself (the rest stays
 * poisoned). */
#ifdef CC_ASAN
#define ZERO_AHEAD 0
#else
#define ZERO_AHEAD ((size_t)2040)
#endif

/* Zero [off, off+n) of b where it may hold old data; mark it in use and
 * set how far the memory after it is known to be zero (b->clean). */
static void *block_take(Block *b, size_t off, size_t n)
{
    char *p = (char *)b->data + off;
    ARENA_UNPOISON(p, n);
    size_t end = off + n, clean = b->size;
    if (off < b->dirty) {
        size_t z = end > off + ZERO_AHEAD ? end : off + ZERO_AHEAD;
        if (z < b->dirty) clean = z;
        else z = b->dirty;   /* beyond dirty nothing was ever handed out */
        memset(p, 0, z - off);
    }
    if (b->dirty < end) b->dirty = end;
    b->clean = clean;
    return p;
}

uint64_t cc_alloc_total;   /* bytes ever handed out (cc_arena_allocated) */
#define alloc_total cc_alloc_total

uint64_t cc_arena_allocated(void) { return alloc_total; }

/* cc_alloc when the inline bump cannot serve (n already rounded up) */
void *cc_alloc_slow(size_t n)
{
    alloc_total += n;
    if (n > ARENA_BIG) {
        Block *b = block_map(n);
        b->used = n;
        b->next = bigs;
        bigs = b;
        return block_take(b, 0, n);
    }
    if (!arena || arena->size - arena->used < n) {
        Block *b = spare ? spare : block_map(ARENA_BLOCK);
        spare = NULL;
        b->next = arena;
        arena = b;
    }
    void *p = block_take(arena, arena->used, n);
    arena->used += n;
    return p;
}

void *cc_grow(void *p, size_t oldn, size_t newn)
{
    /* the newest allocation grows in place when its block has room */
    size_t o = (oldn + CC_ALIGN - 1) & ~(size_t)(CC_ALIGN - 1), nn = (newn + CC_ALIGN - 1) & ~(size_t)(CC_ALIGN - 1);
    if (p && arena && newn > oldn && (char *)p + o == (char *)arena->data + arena->used &&
        nn <= ARENA_BIG && arena->size - arena->used >= nn - o) {
        block_take(arena, arena->used, nn - o);
        arena->used += nn - o;
        return p;
    }
    void *q = cc_alloc(newn);
    if (p && oldn) memcpy(q, p, oldn < newn ? oldn : newn);
    return q;
}

char *cc_strndup(const char *s, size_t n)
{
    char *p = cc_alloc(n + 1);
    if (n) memcpy(p, s, n);
    return p;
}

char *cc_strdup(const char *s) { return cc_strndup(s, strlen(s)); }

char *cc_vprintf(const char *fmt, va_list ap)
{
    /* one formatting pass when the text is short */
    char tmp[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *p = cc_alloc((size_t)n + 1);
    if ((size_t)n < sizeof tmp) memcpy(p, tmp, (size_t)n + 1);
    else vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *cc_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = cc_vprintf(fmt, ap);
    va_end(ap);
    return p;
}

/* complex128: the imaginary part lives in a heap side table, indexed
 * by Value.n (0: imaginary part 0), so a Value stays 16 bytes. A release
 * truncates it to its length at the mark. */
static double *cplx_tab;
static uint32_t cplx_n, cplx_cap;

CcMark cc_arena_mark(void)
{
    CcMark m = {arena, bigs, arena ? arena->used : 0, cplx_n};
    return m;
}

static void block_retire(Block *b)
{
    if (b == first_block && spare) {   /* keep the one faulted in already */
        block_unmap(spare);
        spare = NULL;
    }
    if ((b->size == ARENA_BLOCK || b == first_block) && !spare) {
        ARENA_POISON(b->data, b->size);
        if (b->dirty < b->used) b->dirty = b->used;
        b->used = 0;
        b->clean = 0;
        b->next = NULL;
        spare = b;
    } else {
        block_unmap(b);
    }
}

/* Was p handed out after mark m in the arena whose lists are ar and bg? */
static int since_in(Block *ar, Block *bg, CcMark m, const void *p)
{
    const char *c = p;
    for (Block *b = ar; b; b = b->next) {
        const char *d = (const char *)b->data;
        int in = c >= d && c < d + b->size;
        if (b == m.blk) { if (in) return c >= d + m.used; break; }
        if (in) return 1;
    }
    for (Block *b = bg; b && b != m.big; b = b->next)
        if (c >= (const char *)b->data && c < (const char *)b->data + b->size) return 1;
    return 0;
}

void cc_arena_release(CcMark m)
{
    while (arena && arena != m.blk) {
        Block *b = arena;
        arena = b->next;
        block_retire(b);
    }
    if (arena && arena->used > m.used) {
        ARENA_POISON((char *)arena->data + m.used, arena->used - m.used);
        if (arena->dirty < arena->used) arena->dirty = arena->used;
        arena->used = arena->clean = m.used;
    }
    while (bigs && bigs != m.big) {
        Block *b = bigs;
        bigs = b->next;
        block_unmap(b);
    }
    if (cplx_n > m.cplx) cplx_n = m.cplx;
}

/* ---- evacuation ------------------------------------------------------ */

/* What a range iteration left reachable from its variables is copied out
 * of the region above a mark (into a side arena), the region released,
 * and the copy brought back below the new top: a loop that keeps
 * reassigning `$l = append $l .` or `$s = printf "%s%d" $s .` holds only
 * the live value, not every iteration's intermediate one. Sharing is kept
 * (a forwarding table by address, and length for strings); an object
 * (VT_OBJ) or complex number made in the region cannot be copied, so the
 * region is then kept. */
typedef struct EvFwd { const void *from; void *to; uint32_t n; } EvFwd;
typedef struct EvWork { Value v; } EvWork;
typedef struct Ev {
    Block *ar, *bg;   /* the region: blocks of the source arena above m */
    CcMark m;
    EvFwd *fwd;
    size_t nfwd, capfwd;   /* open addressing, capfwd a power of two */
    Value *work;
    size_t nwork, capwork;
    int failed;
} Ev;

static Block *ev_arena, *ev_bigs, *ev_spare;   /* the side arena, reused */

static size_t ev_hash(const void *p, uint32_t n, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL ^ n;
    return (size_t)(h >> 20) & (cap - 1);
}

static EvFwd *ev_slot(Ev *e, const void *p, uint32_t n)
{
    if (2 * (e->nfwd + 1) > e->capfwd) {
        size_t oc = e->capfwd, nc = oc ? 2 * oc : 64;
        EvFwd *old = e->fwd, *t = calloc(nc, sizeof *t);
        if (!t) cc_oom();
        e->fwd = t;
        e->capfwd = nc;
        for (size_t i = 0; i < oc; i++) {
            if (!old[i].from) continue;
            size_t j = ev_hash(old[i].from, old[i].n, nc);
            while (t[j].from) j = (j + 1) & (nc - 1);
            t[j] = old[i];
        }
        free(old);
    }
    size_t j = ev_hash(p, n, e->capfwd);
    while (e->fwd[j].from && (e->fwd[j].from != p || e->fwd[j].n != n)) j = (j + 1) & (e->capfwd - 1);
    return &e->fwd[j];
}

static void ev_push(Ev *e, Value v)
{
    if (e->nwork == e->capwork) {
        e->capwork = e->capwork ? 2 * e->capwork : 64;
        Value *w = realloc(e->work, e->capwork * sizeof *w);
        if (!w) cc_oom();
        e->work = w;
    }
    e->work[e->nwork++] = v;
}

/* The arena memory a value points to at its top level (NULL: none). */
static const void *v_refptr(Value v)
{
    switch (v.t) {
    case VT_STR: return v.u.s;
    case VT_LIST: return v.u.l;
    case VT_MAP: return v.u.m;
    case VT_OBJ: return v.u.o;
    default: return NULL;
    }
}

int cc_value_since(CcMark m, Value v)
{
    if (v.t == VT_FLOAT) return v.g == GT_COMPLEX && v.n > m.cplx;
    const void *p = v_refptr(v);
    return p && since_in(arena, bigs, m, p);
}

/* v with whatever of it lies in the region copied to the current arena */
static Value ev_val(Ev *e, Value v)
{
    if (v.t == VT_FLOAT && v.g == GT_COMPLEX && v.n > e->m.cplx) e->failed = 1;
    const void *p = v_refptr(v);
    if (!p || !since_in(e->ar, e->bg, e->m, p)) return v;
    if (v.t == VT_OBJ) { e->failed = 1; return v; }
    uint32_t n = v.t == VT_STR ? v.n : 0;
    EvFwd *f = ev_slot(e, p, n);
    if (!f->from) {
        f->from = p;
        f->n = n;
        e->nfwd++;
        if (v.t == VT_STR) {
            f->to = cc_strndup(v.u.s, v.n);
        } else if (v.t == VT_LIST) {
            const List *l = v.u.l;
            List *c = list_new(l->len);
            c->len = l->len;
            if (l->len) memcpy(c->v, l->v, l->len * sizeof *c->v);
            f->to = c;
            ev_push(e, v_list(c));
        } else {
            const Map *m = v.u.m;
            Map *c = cc_alloc(sizeof *c);
            *c = *m;
            if (m->cap) {
                c->e = cc_alloc(m->cap * sizeof *c->e);
                if (m->n) memcpy(c->e, m->e, m->n * sizeof *c->e);
                c->idx = cc_alloc(m->icap * sizeof *c->idx);
                memcpy(c->idx, m->idx, m->icap * sizeof *c->idx);
            }
            f->to = c;
            ev_push(e, v_map(c));
        }
    }
    if (v.t == VT_STR) v.u.s = f->to;
    else if (v.t == VT_LIST) v.u.l = f->to;
    else v.u.m = f->to;
    return v;
}

/* Copy the region's part of every root to the current arena. */
static void ev_copy(Ev *e, Value *const *roots, int nroots)
{
    for (int i = 0; i < nroots && !e->failed; i++) *roots[i] = ev_val(e, *roots[i]);
    while (e->nwork && !e->failed) {
        Value c = e->work[--e->nwork];
        if (c.t == VT_LIST) {
            for (uint32_t i = 0; i < c.u.l->len; i++) c.u.l->v[i] = ev_val(e, c.u.l->v[i]);
        } else {
            Map *m = c.u.m;
            for (uint32_t i = 0; i < m->n; i++) {
                MapEnt *me = &m->e[i];
                if (!me->k) continue;
                if (since_in(e->ar, e->bg, e->m, me->k)) me->k = cc_strndup(me->k, me->klen);
                me->v = ev_val(e, me->v);
            }
        }
    }
    e->nfwd = 0;
    if (e->fwd) memset(e->fwd, 0, e->capfwd * sizeof *e->fwd);
    e->nwork = 0;
}

long long cc_arena_evacuate(CcMark m, Value *const *roots, int nroots)
{
    long long kept = -1;
    Value *saved = malloc((size_t)(nroots ? nroots : 1) * sizeof *saved);
    if (!saved) cc_oom();
    for (int i = 0; i < nroots; i++) saved[i] = *roots[i];
    /* 1: out of the region, into the side arena */
    Block *ma = arena, *mb = bigs, *ms = spare;
    arena = ev_arena; bigs = ev_bigs; spare = ev_spare;
    Ev e = {ma, mb, m, NULL, 0, 0, NULL, 0, 0, 0};
    ev_copy(&e, roots, nroots);
    ev_arena = arena; ev_bigs = bigs; ev_spare = spare;
    arena = ma; bigs = mb; spare = ms;
    int ok = !e.failed;
    if (ok) {
        /* 2: release the region; 3: back into the arena, above the mark */
        cc_arena_release(m);
        Ev back = {ev_arena, ev_bigs, {0}, e.fwd, 0, e.capfwd, e.work, 0, e.capwork, 0};
        back.m.cplx = UINT32_MAX;
        uint64_t before = alloc_total;
        ev_copy(&back, roots, nroots);
        kept = (long long)(alloc_total - before);
        e.fwd = back.fwd; e.work = back.work;
    } else {
        for (int i = 0; i < nroots; i++) *roots[i] = saved[i];
    }
    /* empty the side arena, keeping one block for the next time */
    Block *ma2 = arena, *mb2 = bigs, *ms2 = spare;
    arena = ev_arena; bigs = ev_bigs; spare = ev_spare;
    CcMark none = {0};
    none.cplx = cplx_n;
    cc_arena_release(none);
    ev_arena = arena; ev_bigs = bigs; ev_spare = spare;
    arena = ma2; bigs = mb2; spare = ms2;
    free(e.fwd);
    free(e.work);
    free(saved);
    return ok ? kept : -1;
}

void cc_arena_free_all(void)
{
    CcMark none = {0};
    cc_arena_release(none);
    if (spare) block_unmap(spare);
    spare = NULL;
    if (ev_spare) block_unmap(ev_spare);
    ev_spare = NULL;
    free(cplx_tab);
    cplx_tab = NULL;
    cplx_n = cplx_cap = 0;
}

/* ---- Buf ------------------------------------------------------------ */

/* A buffer of BUF_MAP bytes or more lives in a mapping of whole 2 MiB
 * huge pages (cc_map): a render's output (1.2 MB for
 * kube-prometheus-stack) written into fresh 4 KiB pages cost a page fault
 * each (about 10 us on a VM), and the copies of realloc's moves on top.
 * The capacity tells which kind of memory a buffer has. The last one
 * freed is kept for the next, so a loop that builds and frees big texts
 * maps and faults in its memory once. */
#define BUF_MAP ((size_t)128 << 10)
static char *buf_spare;
static size_t buf_spare_cap;

static void buf_unmap(char *p, size_t cap)
{
    if (buf_spare && buf_spare_cap >= cap) { munmap(p, cap); return; }
    if (buf_spare) munmap(buf_spare, buf_spare_cap);
    buf_spare = p;
    buf_spare_cap = cap;
}

/* Move b into a mapping of want bytes or more, in whole 2 MiB pages: the
 * spare when it is big enough, else a new one. */
static __attribute__((noinline)) void buf_map(Buf *b, size_t want)
{
    size_t cap = (want + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    char *p;
    if (buf_spare && buf_spare_cap >= cap) {
        p = buf_spare;
        cap = buf_spare_cap;
        buf_spare = NULL;
    } else if (!(p = cc_map(cap, CC_MAP_HUGE))) {
        cc_oom();
    }
    if (b->len) memcpy(p, b->p, b->len);
    if (b->cap >= BUF_MAP) buf_unmap(b->p, b->cap);
    else free(b->p);
    b->p = p; b->cap = cap;
}

/* Room for extra more bytes and a NUL. The capacity grows to want, the
 * larger of what is needed and twice what it was (256 at first), so
 * appending stays linear; then up to a power of two on the heap while that
 * is below BUF_MAP, else up to whole 2 MiB pages in a mapping. */
void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    if (extra >= SIZE_MAX - b->len) cc_oom();   /* the length would wrap */
    size_t need = b->len + extra + 1;
    size_t want = b->cap ? 2 * b->cap : 256;
    if (want < need) want = need;
    if (want > BUF_MAP / 2) {
        buf_map(b, want);
        return;
    }
    size_t cap = (size_t)1 << (64 - __builtin_clzll(want - 1));
    char *p = realloc(b->p, cap);
    if (!p) cc_oom();
    b->p = p; b->cap = cap;
}

void buf_put_grow(Buf *b, const void *s, size_t n)
{
    if (!n) return;
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc_grow(Buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    buf_reserve(b, (size_t)n);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    va_end(ap);
}

const char *buf_cstr(Buf *b)
{
    buf_reserve(b, 0);
    b->p[b->len] = 0;
    return b->p;
}

char *buf_arena(const Buf *b) { return cc_strndup(b->p ? b->p : "", b->len); }

void buf_free(Buf *b)
{
    if (b->cap >= BUF_MAP) buf_unmap(b->p, b->cap);
    else free(b->p);
    b->p = NULL; b->len = b->cap = 0;
}

/* ---- constructors --------------------------------------------------- */

/* One string holds at most 4 GiB - 1 (Value.n); a longer one is an error,
 * never a silently shortened string. */
void v_check_strlen(uint64_t n)
{
    if (n > UINT32_MAX)
        fn_error(NULL, "a string of %llu bytes: longer than chartc's limit of 4 GiB - 1", (unsigned long long)n);
}

Value v_str(const char *s, size_t n)
{
    v_check_strlen(n);
    Value v = {0};
    v.t = VT_STR; v.n = (uint32_t)n; v.u.s = s ? s : "";
    return v;
}

Value v_cstr(const char *s) { return v_str(s, strlen(s)); }
Value v_strdup(const char *s, size_t n) { return v_str(cc_strndup(s, n), n); }
Value v_buf(const Buf *b) { return v_str(buf_arena(b), b->len); }

Value v_complex(double re, double im)
{
    Value v = v_float(re);
    v.g = GT_COMPLEX;
    if (im != 0 || signbit(im)) {
        if (cplx_n + 1 >= cplx_cap) {
            uint32_t nc = cplx_cap ? cplx_cap * 2 : 16;
            double *t = realloc(cplx_tab, sizeof(double) * nc);
            if (!t) cc_oom();
            cplx_tab = t;
            cplx_cap = nc;
        }
        cplx_tab[++cplx_n] = im;
        v.n = cplx_n;
    }
    return v;
}

double v_imag(Value v)
{
    return v.t == VT_FLOAT && v.g == GT_COMPLEX && v.n && v.n <= cplx_n ? cplx_tab[v.n] : 0;
}

Value v_newobj(const ObjType *t, void *data)
{
    Obj *o = cc_alloc(sizeof *o);
    o->type = t; o->data = data;
    return v_obj(o);
}

/* ---- lists ---------------------------------------------------------- */

List *list_new(size_t cap)
{
    List *l = cc_alloc(sizeof *l);
    l->cap = (uint32_t)cap;
    if (cap) l->v = cc_alloc(cap * sizeof(Value));
    return l;
}

void list_push(List *l, Value v)
{
    if (l->len == l->cap) {
        uint32_t nc = l->cap ? l->cap * 2 : 4;
        l->v = cc_grow(l->v, l->len * sizeof(Value), nc * sizeof(Value));
        l->cap = nc;
    }
    l->v[l->len++] = v;
}

Value v_newlist(size_t cap) { return v_list(list_new(cap)); }

/* ---- maps ----------------------------------------------------------- */

/* FNV-1a over eight bytes at a time, the tail in one word, folded to 32
 * bits. Only probing depends on it: maps iterate in insertion order. */
static uint32_t hash_str(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    if (n) {   /* the last 1-7 bytes (n is in h): two overlapping words, or three bytes */
        uint64_t w;
        if (n >= 4) {
            uint32_t a, b;
            memcpy(&a, s, 4);
            memcpy(&b, s + n - 4, 4);
            w = a | (uint64_t)b << 32;
        } else {
            w = (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 | (uint64_t)(unsigned char)s[n - 1] << 16;
        }
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    h *= 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

/* cap: the entries expected (a YAML mapping's pairs, a copy's length),
 * allocated once with their index instead of regrown by doubling (the
 * arena keeps every outgrown array) */
Map *map_new(size_t cap)
{
    Map *m = cc_alloc(sizeof *m);
    if (cap && cap <= UINT32_MAX / 4) {
        uint32_t ic = 8;
        while (ic < cap * 2) ic *= 2;
        m->e = cc_alloc(cap * sizeof(MapEnt));
        m->cap = (uint32_t)cap;
        m->idx = cc_alloc(ic * sizeof(uint32_t));
        m->icap = ic;
    }
    return m;
}

Value v_newmap(size_t cap) { return v_map(map_new(cap)); }

static void map_reindex(Map *m, uint32_t icap)
{
    m->icap = icap;
    m->idx = cc_alloc(icap * sizeof(uint32_t));
    for (uint32_t i = 0; i < m->n; i++) {
        if (!m->e[i].k) continue;
        uint32_t j = m->e[i].hash & (icap - 1);
        while (m->idx[j]) j = (j + 1) & (icap - 1);
        m->idx[j] = i + 1;
    }
}

static int64_t map_find(const Map *m, const char *k, size_t klen, uint32_t h)
{
    if (!m || !m->icap) return -1;
    uint32_t j = h & (m->icap - 1);
    while (m->idx[j]) {
        const MapEnt *e = &m->e[m->idx[j] - 1];
        if (e->k && e->hash == h && e->klen == klen && memcmp(e->k, k, klen) == 0)
            return m->idx[j] - 1;
        j = (j + 1) & (m->icap - 1);
    }
    return -1;
}

Value *map_get(const Map *m, const char *k, size_t klen)
{
    int64_t i = map_find(m, k, klen, hash_str(k, klen));
    return i < 0 ? NULL : &m->e[i].v;
}

Value *map_getc(const Map *m, const char *k) { return map_get(m, k, strlen(k)); }

uint32_t map_hash(const char *k, size_t klen) { return hash_str(k, klen); }

/* Append the entry k -> v (k not in m, hash h); k is stored as given. */
static void map_append(Map *m, const char *k, size_t klen, uint32_t h, Value v)
{
    if (m->n == m->cap) {
        if (m->len < m->n / 2) {   /* compact deleted slots */
            uint32_t w = 0;
            for (uint32_t r = 0; r < m->n; r++) if (m->e[r].k) m->e[w++] = m->e[r];
            m->n = w;
        } else {
            uint32_t nc = m->cap ? m->cap * 2 : 4;
            m->e = cc_grow(m->e, m->n * sizeof(MapEnt), nc * sizeof(MapEnt));
            m->cap = nc;
        }
        uint32_t ic = 8;
        while (ic < m->cap * 2) ic *= 2;
        map_reindex(m, ic);
    }
    MapEnt *e = &m->e[m->n];
    e->k = k; e->klen = (uint32_t)klen; e->hash = h; e->v = v;
    uint32_t j = h & (m->icap - 1);
    while (m->idx[j]) j = (j + 1) & (m->icap - 1);
    m->idx[j] = ++m->n;
    m->len++;
}

void map_set(Map *m, const char *k, size_t klen, Value v)
{
    uint32_t h = hash_str(k, klen);
    int64_t i = map_find(m, k, klen, h);
    if (i >= 0) { m->e[i].v = v; return; }
    map_append(m, cc_strndup(k, klen), klen, h, v);
}

void map_setc(Map *m, const char *k, Value v) { map_set(m, k, strlen(k), v); }

int map_del(Map *m, const char *k, size_t klen)
{
    int64_t i = map_find(m, k, klen, hash_str(k, klen));
    if (i < 0) return 0;
    m->e[i].k = NULL;
    m->len--;
    map_reindex(m, m->icap);   /* keep probe chains intact */
    return 1;
}

static int byte_cmp(const void *a, const void *b)
{
    const MapEnt *x = *(MapEnt *const *)a, *y = *(MapEnt *const *)b;
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->k, y->k, n);
    return c ? c : (x->klen > y->klen) - (x->klen < y->klen);
}

/* utf-8 decode one rune; returns its length */
static int rune_at(const char *s, size_t n, size_t i, uint32_t *r)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *r = c; return 1; }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + (size_t)len > n) { *r = 0xFFFD; return 1; }
    uint32_t v = c & (0x3F >> (len - 1));
    for (int k = 1; k < len; k++) v = (v << 6) | ((unsigned char)s[i + (size_t)k] & 0x3F);
    *r = v;
    return len;
}

/* Go unicode.IsLetter (category L) / IsDigit (Nd); non-ASCII through
 * PCRE2's Unicode property tables. */
enum { UP_LETTER, UP_DIGIT };
static int uni_prop(int which, uint32_t r)
{
    if (r < 0x80) return which == UP_LETTER ? (r | 32) >= 'a' && (r | 32) <= 'z' : r >= '0' && r <= '9';
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0;
    static pcre2_code *re[2];
    static pcre2_match_data *md;
    if (!re[which]) {
        int err;
        PCRE2_SIZE off;
        re[which] = pcre2_compile((PCRE2_SPTR)(which == UP_LETTER ? "\\p{L}" : "\\p{Nd}"), PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &err, &off, NULL);
        if (!re[which]) return which == UP_LETTER;
        if (!md) md = pcre2_match_data_create(1, NULL);
    }
    unsigned char t[4];
    size_t n;
    if (r < 0x800) { t[0] = (unsigned char)(0xC0 | r >> 6); t[1] = (unsigned char)(0x80 | (r & 0x3F)); n = 2; }
    else if (r < 0x10000) {
        t[0] = (unsigned char)(0xE0 | r >> 12); t[1] = (unsigned char)(0x80 | ((r >> 6) & 0x3F));
        t[2] = (unsigned char)(0x80 | (r & 0x3F)); n = 3;
    } else {
        t[0] = (unsigned char)(0xF0 | r >> 18); t[1] = (unsigned char)(0x80 | ((r >> 12) & 0x3F));
        t[2] = (unsigned char)(0x80 | ((r >> 6) & 0x3F)); t[3] = (unsigned char)(0x80 | (r & 0x3F)); n = 4;
    }
    return pcre2_match(re[which], (PCRE2_SPTR)t, n, 0, 0, md, NULL) > 0;
}

static int is_letter(uint32_t r) { return uni_prop(UP_LETTER, r); }
static int is_digit(uint32_t r) { return uni_prop(UP_DIGIT, r); }

/* []rune(s): the runes of s (heap when large; *heap tells). */
static uint32_t *runes_of(const char *s, size_t n, uint32_t *stack, size_t cap, size_t *count, int *heap)
{
    uint32_t *r = stack;
    *heap = 0;
    if (n > cap) {
        r = malloc(n * sizeof *r);
        if (!r) cc_oom();
        *heap = 1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n;) { i += (size_t)rune_at(s, n, i, &r[k]); k++; }
    *count = k;
    return r;
}

/* gopkg.in/yaml.v2 sorter.go keyList.Less for two string keys, rune by
 * rune: letters compare by code point; a letter sorts after a
 * non-letter (go-yaml v3: before it right after a digit); otherwise the
 * digit runs (unicode.IsDigit, value
 * r - '0', int64 arithmetic that wraps) starting at the difference compare
 * numerically, then by length, then by rune. */
#define NATURAL_LESS(NAME, T, is_digit, is_letter) \
static int NAME(const T *ar, size_t na, const T *br, size_t nb, int v3) \
{ \
    int res = -1, digits = 0; \
    size_t i = 0; \
    while (i < na && i < nb && ar[i] == br[i]) i++;   /* the common prefix */ \
    if (i > 0) digits = is_digit(ar[i - 1]); \
    for (; i < na && i < nb && res < 0; i++) { \
        if (ar[i] == br[i]) { \
            digits = is_digit(ar[i]); \
            continue; \
        } \
        int al = is_letter(ar[i]), bl = is_letter(br[i]); \
        if (al && bl) { res = ar[i] < br[i]; break; } \
        if (al || bl) { res = v3 && digits ? al : bl; break; } \
        int64_t av = 0, bv = 0; \
        if (ar[i] == '0' || br[i] == '0') { \
            for (size_t j = i; j-- > 0 && is_digit(ar[j]);) \
                if (ar[j] != '0') { av = 1; bv = 1; break; } \
        } \
        size_t x = i, y = i; \
        for (; x < na && is_digit(ar[x]); x++) av = (int64_t)((uint64_t)av * 10 + (uint64_t)(int64_t)(ar[x] - '0')); \
        for (; y < nb && is_digit(br[y]); y++) bv = (int64_t)((uint64_t)bv * 10 + (uint64_t)(int64_t)(br[y] - '0')); \
        if (av != bv) res = av < bv; \
        else if (x != y) res = x < y; \
        else res = ar[i] < br[i]; \
    } \
    if (res < 0) res = na < nb; \
    return res; \
}
/* over runes, and over bytes when both keys are ASCII (the same runes) */
static inline int ascii_digit(unsigned c) { return c >= '0' && c <= '9'; }
static inline int ascii_letter(unsigned c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
NATURAL_LESS(natural_less_runes, uint32_t, is_digit, is_letter)
NATURAL_LESS(natural_less_ascii, unsigned char, ascii_digit, ascii_letter)

static int is_ascii(const char *s, size_t n)
{
    uint64_t o = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) o |= swar_load(s + i);
    for (; i < n; i++) o |= (unsigned char)s[i];
    return !swar_high(o);
}

static int natural_less(const char *a, size_t an, const char *b, size_t bn, int v3)
{
    if (is_ascii(a, an) && is_ascii(b, bn))
        return natural_less_ascii((const unsigned char *)a, an, (const unsigned char *)b, bn, v3);
    uint32_t sa[64], sb[64];
    size_t na, nb;
    int ha, hb;
    uint32_t *ar = runes_of(a, an, sa, 64, &na, &ha), *br = runes_of(b, bn, sb, 64, &nb, &hb);
    int res = natural_less_runes(ar, na, br, nb, v3);
    if (ha) free(ar);
    if (hb) free(br);
    return res;
}

int cc_natural_less(const char *a, size_t an, const char *b, size_t bn)
{
    return natural_less(a, an, b, bn, 0);
}

/* Of two different keys exactly one is less (each rule that decides at
 * the first difference is antisymmetric), so one call decides. */
static int natural_cmp(const void *a, const void *b)
{
    const MapEnt *x = *(MapEnt *const *)a, *y = *(MapEnt *const *)b;
    if (natural_less(x->k, x->klen, y->k, y->klen, 0)) return -1;
    return x->klen == y->klen && memcmp(x->k, y->k, x->klen) == 0 ? 0 : 1;
}

static int natural3_cmp(const void *a, const void *b)
{
    const MapEnt *x = *(MapEnt *const *)a, *y = *(MapEnt *const *)b;
    if (natural_less(x->k, x->klen, y->k, y->klen, 1)) return -1;
    return x->klen == y->klen && memcmp(x->k, y->k, x->klen) == 0 ? 0 : 1;
}

MapEnt **map_sorted(const Map *m, int natural)
{
    if (!m || !m->len) return NULL;
    MapEnt **v = cc_alloc(m->len * sizeof *v);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->n; i++) if (m->e[i].k) v[k++] = &m->e[i];
    /* maps are often filled in order already: then the (stable) sort
     * would leave them as they are */
    int (*cmp)(const void *, const void *) = natural == 2 ? natural3_cmp : natural ? natural_cmp : byte_cmp;
    uint32_t i = 1;
    while (i < k && cmp(&v[i - 1], &v[i]) <= 0) i++;
    if (i < k) qsort(v, k, sizeof *v, cmp);
    return v;
}

/* ---- semantics ------------------------------------------------------ */

int v_truth(Value v)
{
    switch (v.t) {
    case VT_NIL: return 0;
    case VT_BOOL: return v.u.b;
    case VT_INT: return v.u.i != 0;
    case VT_FLOAT: return v.u.f != 0 || v_imag(v) != 0;
    case VT_STR: return v.n != 0;
    case VT_LIST: return v.u.l && v.u.l->len;
    case VT_MAP: return v.u.m && v.u.m->len;
    default:
        /* objects standing for Go maps or slices (.Files, Glob results,
         * VersionSet) are false when empty; structs and pointers are true */
        if (v.u.o->type->to_data) {
            Value d = v.u.o->type->to_data(v.u.o);
            if (d.t == VT_LIST || (d.t == VT_MAP && d.g != GT_STRUCT)) return v_truth(d);
        }
        return 1;
    }
}

int v_empty(Value v) { return !v_truth(v); }

int v_is_str(Value v) { return v.t == VT_STR && v.g != GT_BYTES; }

const char *v_gotype(Value v)
{
    switch (v.t) {
    case VT_NIL: return "<nil>";
    case VT_BOOL: return "bool";
    case VT_INT: return v.g == GT_INT ? "int" : v.g == GT_UINT ? "uint64" : v.g == GT_UINT8 ? "uint8" : "int64";
    case VT_FLOAT: return v.g == GT_COMPLEX ? "complex128" : "float64";
    case VT_STR: return v.g == GT_BYTES ? "[]uint8" : "string";
    case VT_LIST:
        return v.g == GT_STRSLICE ? "[]string" : v.g == GT_INTSLICE ? "[]int"
             : v.g == GT_LISTSLICE ? "[][]interface {}"
             : v.g == GT_MAPSLICE ? "[]map[string]interface {}"
             : v.g == GT_MAINTSLICE ? "[]*chart.Maintainer"
             : v.g == GT_DEPSLICE ? "[]*chart.Dependency" : "[]interface {}";
    case VT_MAP:
        if (v.g == GT_VALUES) return cc_helm_major == 3 ? "chartutil.Values" : "common.Values";
        return v.g == GT_STRMAP ? "map[string]string" : "map[string]interface {}";
    case VT_OBJ: return v.u.o->type->gotype;
    }
    return "?";
}

const char *v_kind(Value v)
{
    switch (v.t) {
    case VT_NIL: return "invalid";
    case VT_BOOL: return "bool";
    case VT_INT: return v.g == GT_INT ? "int" : v.g == GT_UINT ? "uint64" : v.g == GT_UINT8 ? "uint8" : "int64";
    case VT_FLOAT: return v.g == GT_COMPLEX ? "complex128" : "float64";
    case VT_STR: return v.g == GT_BYTES ? "slice" : "string";
    case VT_LIST: return "slice";
    case VT_MAP: return v.g == GT_STRUCT ? "struct" : "map";
    case VT_OBJ: return v.u.o->type->gotype[0] == '*' ? "ptr" : "struct";
    }
    return "invalid";
}

/* The JSON kind encoding/json names when a value does not fit its target. */
const char *v_json_kind(Value v)
{
    switch (v.t) {
    case VT_STR: return "string";
    case VT_INT: case VT_FLOAT: return "number";
    case VT_BOOL: return "bool";
    case VT_LIST: return "array";
    case VT_NIL: return "null";
    default: return "object";
    }
}

/* ---- walking values safely ------------------------------------------ */

/* The floor of cc_stack_low() off the deep stack (the main thread, unit
 * tests): the lowest address a walk may reach in the calling thread's
 * glibc stack bounds; 1 (never low) when they are unknown. */
const char *cc_stack_floor_init(void)
{
    uintptr_t floor_ = 1;
    pthread_attr_t a;
    void *lo;
    size_t sz;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        if (pthread_attr_getstack(&a, &lo, &sz) == 0 && sz > (1u << 20)) {
            size_t margin = sz / 16 > (256u << 10) ? sz / 16 : (256u << 10);
            if (margin > (16u << 20)) margin = 16u << 20;
            floor_ = (uintptr_t)lo + margin;
        }
        pthread_attr_destroy(&a);
    }
    cc_stack_floor = (const char *)floor_;
    return cc_stack_floor;
}

const void *v_ref(Value v)
{
    if (v.t == VT_LIST) return v.u.l;
    if (v.t == VT_MAP && v.g != GT_STRUCT) return v.u.m;
    return NULL;
}

static uint32_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33;
    return (uint32_t)x;
}

static uint32_t pair_hash(const void *a, const void *b) { return ptr_hash(a) ^ (ptr_hash(b) * 31u); }

/* The path set holds (a, b) pairs (b NULL for one-sided walks) in
 * open addressing with linear probing, twice as many slots as entries. */
static void vw_insert(VWalk *w, const void *a, const void *b)
{
    if (2 * (w->n + 1) > w->cap) {   /* grow: rehash into a table twice the size */
        uint32_t oc = w->cap, nc = oc ? oc * 2 : 64;
        const void **old = w->set;
        w->set = cc_alloc(2 * nc * sizeof *w->set);
        w->cap = nc;
        for (uint32_t i = 0; i < oc; i++) {
            if (!old[2 * i]) continue;
            uint32_t j = pair_hash(old[2 * i], old[2 * i + 1]) & (nc - 1);
            while (w->set[2 * j]) j = (j + 1) & (nc - 1);
            w->set[2 * j] = old[2 * i];
            w->set[2 * j + 1] = old[2 * i + 1];
        }
    }
    uint32_t j = pair_hash(a, b) & (w->cap - 1);
    while (w->set[2 * j]) j = (j + 1) & (w->cap - 1);
    w->set[2 * j] = a;
    w->set[2 * j + 1] = b;
    w->n++;
}

static int64_t vw_find(const VWalk *w, const void *a, const void *b)
{
    if (!w->n) return -1;
    for (uint32_t j = pair_hash(a, b) & (w->cap - 1); w->set[2 * j]; j = (j + 1) & (w->cap - 1))
        if (w->set[2 * j] == a && w->set[2 * j + 1] == b) return j;
    return -1;
}

/* linear-probing delete with backward shift (keeps probe chains whole) */
static void vw_remove(VWalk *w, const void *a, const void *b)
{
    int64_t f = vw_find(w, a, b);
    if (f < 0) return;
    uint32_t m = w->cap - 1, j = (uint32_t)f;
    w->set[2 * j] = w->set[2 * j + 1] = NULL;
    w->n--;
    for (uint32_t k = (j + 1) & m; w->set[2 * k]; k = (k + 1) & m) {
        uint32_t home = pair_hash(w->set[2 * k], w->set[2 * k + 1]) & m;
        /* move slot k into the hole j unless its home lies in (j, k] */
        if ((k > j && (home <= j || home > k)) || (k < j && home <= j && home > k)) {
            w->set[2 * j] = w->set[2 * k];
            w->set[2 * j + 1] = w->set[2 * k + 1];
            w->set[2 * k] = w->set[2 * k + 1] = NULL;
            j = k;
        }
    }
}

int vw_enter_pair(VWalk *w, const void *a, const void *b)
{
    if (cc_stack_low()) return VW_DEEP;
    if (!a) return VW_OK;
    if (++w->depth > VW_TRACK) {
        if (vw_find(w, a, b) >= 0) { w->depth--; return VW_CYCLE; }
        vw_insert(w, a, b);
    }
    return VW_OK;
}

void vw_leave_pair(VWalk *w, const void *a, const void *b)
{
    if (!a) return;
    if (w->depth > VW_TRACK) vw_remove(w, a, b);
    w->depth--;
}

int vw_enter(VWalk *w, Value v) { return vw_enter_pair(w, v_ref(v), NULL); }
void vw_leave(VWalk *w, Value v) { vw_leave_pair(w, v_ref(v), NULL); }

const char vw_too_deep[] = "value nested too deeply for the stack";

#define VW_CYCLE_MSG "value contains itself"

const char *vw_message(int code, Value v)
{
    if (code == VW_CYCLE) return cc_printf(VW_CYCLE_MSG " (a %s inside itself)", v_gotype(v));
    return vw_too_deep;
}

int vw_fatal(const char *err)
{
    return err && (err == vw_too_deep || strncmp(err, VW_CYCLE_MSG, sizeof VW_CYCLE_MSG - 1) == 0);
}

/* reflect.DeepEqual. Lists and maps compared once as a pair count as
 * equal when met again (Go's visited map), which ends cycles; the same
 * list or map on both sides is equal without looking inside. */
/* a pair compared before (kept for the whole call, as Go's visited map) */
static int deq_seen(VWalk *p, const void *a, const void *b)
{
    if (vw_find(p, a, b) >= 0) return 1;
    vw_insert(p, a, b);
    return 0;
}

static int deq(VWalk *p, Value a, Value b)
{
    if (a.t != b.t || a.g != b.g) return 0;
    switch (a.t) {
    case VT_NIL: return 1;
    case VT_BOOL: return a.u.b == b.u.b;
    case VT_INT: return a.u.i == b.u.i;
    case VT_FLOAT: return a.u.f == b.u.f && v_imag(a) == v_imag(b);
    case VT_STR: return a.n == b.n && memcmp(a.u.s, b.u.s, a.n) == 0;
    default: break;
    }
    if (cc_stack_low()) fn_error(NULL, "%s", vw_message(VW_DEEP, a));
    switch (a.t) {
    case VT_LIST: {
        uint32_t an = a.u.l ? a.u.l->len : 0, bn = b.u.l ? b.u.l->len : 0;
        if (!a.u.l != !b.u.l) return 0;   /* a nil slice is not an empty one */
        if (!a.u.l || a.u.l == b.u.l) return an == bn;
        if (deq_seen(p, a.u.l, b.u.l)) return 1;
        if (an != bn) return 0;
        for (uint32_t i = 0; i < an; i++)
            if (!deq(p, a.u.l->v[i], b.u.l->v[i])) return 0;
        return 1;
    }
    case VT_MAP: {
        uint32_t an = a.u.m ? a.u.m->len : 0, bn = b.u.m ? b.u.m->len : 0;
        if (!a.u.m != !b.u.m) return 0;   /* a nil map is not an empty one */
        if (!a.u.m || a.u.m == b.u.m) return an == bn;
        if (deq_seen(p, a.u.m, b.u.m)) return 1;
        if (an != bn) return 0;
        MAP_EACH(a.u.m, e) {
            Value *o = map_get(b.u.m, e->k, e->klen);
            if (!o || !deq(p, e->v, *o)) return 0;
        }
        return 1;
    }
    case VT_OBJ:
        if (a.u.o->type != b.u.o->type) return 0;
        if (a.u.o->type->to_data) return deq(p, a.u.o->type->to_data(a.u.o), b.u.o->type->to_data(b.u.o));
        return a.u.o->data == b.u.o->data;
    }
    return 0;
}

int v_deep_equal(Value a, Value b)
{
    VWalk p = {0};
    return deq(&p, a, b);
}

/* copystructure.Copy: every list and map copied, shared ones once per
 * path (as Go does); one that contains itself has no copy (Go overflows
 * its stack), so that is an error. Depth-first as the recursive
 * definition, on an explicit stack (arena: fn_error jumps out): values
 * from --set nest 43,000 levels (a[0][0]...), past any C stack. */
static Value dc_one(VWalk *w, Value v)
{
    if (v.t == VT_OBJ && v.u.o->type->deep_copy) return v.u.o->type->deep_copy(v.u.o);
    if (!v_ref(v)) return v;
    int rc = vw_enter(w, v);
    if (rc) fn_error(NULL, "%s", vw_message(rc, v));
    Value r = v.t == VT_LIST ? v_list(list_new(v.u.l->len)) : v_map(map_new(v.u.m->len));
    r.g = v.g;
    return r;
}

Value v_deep_copy(Value v)
{
    typedef struct { Value src, dst; uint32_t i; } DcFrame;
    VWalk w = {0};
    Value root = dc_one(&w, v);
    if (!v_ref(v)) return root;
    size_t n = 0, cap = 16;
    DcFrame *st = cc_alloc(cap * sizeof *st);
    st[n++] = (DcFrame){v, root, 0};
    while (n) {
        DcFrame *f = &st[n - 1];
        Value e;
        const MapEnt *me = NULL;
        if (f->src.t == VT_LIST) {
            if (f->i >= f->src.u.l->len) { vw_leave(&w, f->src); n--; continue; }
            e = f->src.u.l->v[f->i++];
        } else {
            Map *m = f->src.u.m;
            while (f->i < m->n && !m->e[f->i].k) f->i++;
            if (f->i >= m->n) { vw_leave(&w, f->src); n--; continue; }
            me = &m->e[f->i++];
            e = me->v;
        }
        Value c = dc_one(&w, e);
        /* keys are immutable and the source's are unique: the copy shares
         * them (older than the copy, so no release frees one first) */
        if (f->dst.t == VT_LIST) list_push(f->dst.u.l, c);
        else map_append(f->dst.u.m, me->k, me->klen, me->hash, c);
        if (v_ref(e)) {
            if (n == cap) {
                st = cc_grow(st, cap * sizeof *st, 2 * cap * sizeof *st);
                cap *= 2;
            }
            st[n++] = (DcFrame){e, c, 0};
        }
    }
    return root;
}

/* fmt's walk over v without the printing: raises when fmt could not end */
static void printable(VWalk *w, Value v)
{
    if (!v_ref(v) || (v.t == VT_LIST && !v.u.l->len) || (v.t == VT_MAP && !v.u.m->len)) return;
    int rc = vw_enter(w, v);
    if (rc) fn_error(NULL, "%s", vw_message(rc, v));
    if (v.t == VT_LIST) for (uint32_t i = 0; i < v.u.l->len; i++) printable(w, v.u.l->v[i]);
    else MAP_EACH(v.u.m, e) printable(w, e->v);
    vw_leave(w, v);
}

void v_require_printable(Value v)
{
    VWalk w = {0};
    printable(&w, v);
}
