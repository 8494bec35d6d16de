/*
 * value.h - chartc's one dynamic value type (Go's interface{} as Helm sees it),
 * the per-render arena, and the growable byte buffer.
 *
 * Ownership rule: every Value, string, List, Map and Obj lives in the process
 * arena (cc_alloc) and is never freed individually; cc_arena_release() frees
 * everything allocated since a cc_arena_mark(), cc_arena_free_all() at exit
 * releases everything. Values are passed by value (16 bytes). Lists and maps
 * have reference semantics (like Go slices/maps): `set`, `unset`, `append`
 * into shared maps are visible to every holder. Strings are immutable and
 * carry an explicit length (they may contain NUL bytes); they are also
 * NUL-terminated when built by the v_str* constructors that copy.
 *
 * Buf is the one exception: heap memory owned by its user, freed by buf_free().
 */
#ifndef CHARTC_VALUE_H
#define CHARTC_VALUE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- arena ---------------------------------------------------------- */
static inline void *cc_alloc(size_t n);           /* zeroed, 8-byte aligned; aborts on OOM */
void *cc_grow(void *p, size_t oldn, size_t newn);  /* copy into a bigger block */
char *cc_strndup(const char *s, size_t n);         /* NUL-terminated copy */
char *cc_strdup(const char *s);
char *cc_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *cc_vprintf(const char *fmt, va_list ap);
void cc_arena_free_all(void);
_Noreturn void cc_oom(void);
/* n bytes (a multiple of 4 KiB) of fresh zero memory, NULL on failure.
 * CC_MAP_HUGE: its whole 2 MiB parts huge pages (2 MiB-aligned,
 * MADV_HUGEPAGE), the rest 4 KiB pages; CC_MAP_POPULATE: all of it
 * faulted in by one call; CC_MAP_POPULATE_SMALL: its 4 KiB pages only. */
enum { CC_MAP_HUGE = 1, CC_MAP_POPULATE = 2, CC_MAP_POPULATE_SMALL = 4 };
#define CC_HUGE_PAGE ((size_t)2 << 20)   /* a transparent huge page (x86-64) */
void *cc_map(size_t n, int flags);
/* The deep stack's top huge page (stack.c) is shared: what it holds above
 * the stack's start is handed here once (cc_first_give), and the arena's
 * first block and the YAML reader's first chunk are cut from it
 * (cc_first_take: n bytes, a multiple of 4 KiB, zero; NULL when less is
 * left). That memory is never unmapped. */
void cc_first_give(void *p, size_t n);
#define CC_FIRST_YAML ((size_t)256 << 10)   /* what the arena leaves of it for the YAML reader */
void *cc_first_take(size_t n);

/* cc_alloc's fast path, inlined: a bump in the current block (value.c's
 * `arena`) within [used, clean), memory known to be zero: never handed
 * out (a new block's `clean` is its size) or cleared ahead in one go by
 * the slow path after a cc_arena_release left old data there. A block's
 * memory below max(dirty, used) may hold old data; everything else (a new
 * block, clearing reused memory, big allocations, AddressSanitizer
 * builds) is cc_alloc_slow. */
typedef struct CcBlock {
    struct CcBlock *next;
    size_t used, dirty, size;
    size_t clean;   /* [used, clean) is zero: the inline bump may hand it out */
    max_align_t data[];
} CcBlock;
extern CcBlock *cc_arena_top;
extern uint64_t cc_alloc_total;
void *cc_alloc_slow(size_t n);
#define CC_ARENA_BIG ((size_t)256 << 10)
/* Allocations are rounded up to 8 bytes: every arena object (values,
 * maps, strings, parse nodes) needs no more alignment, and most are small
 * enough for 16 to waste a good part of a page in use. */
#define CC_ALIGN 8
#if defined(__SANITIZE_ADDRESS__)
#define CC_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CC_ARENA_ASAN 1
#endif
#endif
static inline void *cc_alloc(size_t n)
{
    n = (n + CC_ALIGN - 1) & ~(size_t)(CC_ALIGN - 1);
#ifndef CC_ARENA_ASAN
    if (cc_arena_top && n <= CC_ARENA_BIG && cc_arena_top->clean - cc_arena_top->used >= n) {
        cc_arena_top->used += n;
        cc_alloc_total += n;
        return (char *)cc_arena_top->data + cc_arena_top->used - n;
    }
#endif
    return cc_alloc_slow(n);
}

/* The zero memory at the arena's fill, at least `want` bytes, that the
 * next cc_alloc(n), n <= want, hands out from its start: for reading a
 * file of unknown size straight into the arena (read there, clear what is
 * not kept, cc_alloc what is). NULL when the current block has less room,
 * and always under AddressSanitizer (which allocates elsewhere). */
static inline char *cc_arena_tail(size_t want)
{
#ifndef CC_ARENA_ASAN
    want = (want + CC_ALIGN - 1) & ~(size_t)(CC_ALIGN - 1);
    if (cc_arena_top && want <= CC_ARENA_BIG && cc_arena_top->clean - cc_arena_top->used >= want)
        return (char *)cc_arena_top->data + cc_arena_top->used;
#endif
    (void)want;
    return NULL;
}

/* Marks: `CcMark m = cc_arena_mark(); ...; cc_arena_release(m);` frees
 * every arena allocation made after the mark (a whole render, one loop
 * iteration) in time proportional to the blocks freed.
 * Contract:
 *  - marks nest: release them newest first; releasing an older mark also
 *    releases every newer one, and a released mark must not be used again;
 *  - nothing allocated after the mark may be used after the release:
 *    copy what must survive (a render's output) to the heap (Buf) or
 *    allocate it before the mark;
 *  - no static or global may keep a pointer into the arena across a
 *    release. Audited (keep it so when adding one): the regex, semver and
 *    Unicode-class caches hold heap copies; the function tables are static;
 *    the executor's current-Exec pointer and fn_error_hook are restored when
 *    each execution returns; the complex128 side table is heap memory and a
 *    release truncates it to its length at the mark.
 * Memory handed out after a release is zeroed like any other. Under
 * AddressSanitizer released memory is poisoned, so a stale pointer is
 * reported at its first use. */
typedef struct CcMark { void *blk, *big; size_t used; uint32_t cplx; } CcMark;
CcMark cc_arena_mark(void);
void cc_arena_release(CcMark m);
uint64_t cc_arena_allocated(void);             /* bytes ever allocated */

/* ---- the C stack (stack.c) ------------------------------------------ */
/* Run fn(arg) on a large, lazily committed stack (1 GiB, or as much as
 * `ulimit -v` allows, else the caller's own stack) switched to on the
 * calling thread (a thread of its own under AddressSanitizer), or directly
 * when already running on such a stack. The command and every template
 * parse and execution run through it. */
void cc_run_deep(void (*fn)(void *), void *arg);
/* The same for a process's last job: runs fn(arg) on the deep stack, then
 * exit() with what it returned; never returns. */
_Noreturn void cc_run_deep_exit(int (*fn)(void *), void *arg);
/* Recursive code calls cc_stack_low() and fails with an error (never a
 * crash) when it is true: the stack in use is nearly exhausted. The floor
 * is set by stack.c on the deep stack, else found from the calling
 * thread's stack bounds on first use (cc_stack_floor_init). Per thread
 * (AddressSanitizer builds run the deep stack as a thread). */
extern __thread const char *cc_stack_floor;
const char *cc_stack_floor_init(void);
static inline int cc_stack_low(void)
{
    const char *f = cc_stack_floor ? cc_stack_floor : cc_stack_floor_init();
    return (uintptr_t)__builtin_frame_address(0) < (uintptr_t)f;
}
size_t cc_stack_mib(void);   /* size of the stack in use, MiB rounded up (0: unknown) */

/* ---- Buf: growable byte buffer (heap; 256 KiB and more in a mapping of
 * its own: release with buf_free, never free) --------------------------- */
typedef struct Buf { char *p; size_t len, cap; } Buf;
/* buf_put and buf_putc append in place while the buffer has room (and
 * one byte more, for buf_cstr's NUL); the _grow functions do the rest */
void buf_put_grow(Buf *b, const void *s, size_t n);
void buf_putc_grow(Buf *b, char c);
static inline void buf_put(Buf *b, const void *s, size_t n)
{
    if (b->cap - b->len > n) {
        if (n) memcpy(b->p + b->len, s, n);   /* s may be NULL when n is 0 */
        b->len += n;
    } else {
        buf_put_grow(b, s, n);
    }
}
static inline void buf_putc(Buf *b, char c)
{
    if (b->cap - b->len > 1) b->p[b->len++] = c;
    else buf_putc_grow(b, c);
}
void buf_puts(Buf *b, const char *s);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reserve(Buf *b, size_t extra);
const char *buf_cstr(Buf *b);        /* NUL-terminates (not counted in len) */
char *buf_arena(const Buf *b);       /* arena copy, NUL-terminated */
void buf_free(Buf *b);

/* ---- the value ------------------------------------------------------ */
/* X-macro of value kinds: enum name, %v kind name (reflect.Kind) */
#define CC_VTYPES(X) \
    X(VT_NIL, "invalid") X(VT_BOOL, "bool") X(VT_INT, "int64") X(VT_FLOAT, "float64") \
    X(VT_STR, "string") X(VT_LIST, "slice") X(VT_MAP, "map") X(VT_OBJ, "struct")
enum VType {
#define X(e, s) e,
    CC_VTYPES(X)
#undef X
};

/* Go type detail carried in Value.g. GT_DEFAULT means the natural Go type of
 * the kind: <nil>, bool, int64, float64, string, []interface {},
 * map[string]interface {}. */
enum GoType {
    GT_DEFAULT = 0,
    GT_INT,      /* VT_INT holding a Go `int` (template literals, len, range index) */
    GT_STRSLICE, /* VT_LIST holding a []string (splitList, toStrings, APIVersions) */
    GT_BYTES,    /* VT_STR holding a []uint8 (Files.GetBytes); prints as [104 105] */
    GT_STRMAP,   /* VT_MAP holding a map[string]string (.Chart.Annotations) */
    GT_STRUCT,   /* VT_MAP standing for a Go struct: missing field is an error */
    GT_COMPLEX,  /* VT_FLOAT standing for a complex128: u.f is the real part,
                    v_imag() the imaginary one (make with v_complex) */
    GT_INTSLICE, /* VT_LIST holding a []int (until, untilStep) */
    GT_LISTSLICE,/* VT_LIST holding a [][]interface {} (chunk) */
    GT_MAPSLICE, /* VT_LIST holding a []map[string]interface {} (fromToml [[tables]]) */
    GT_UINT,     /* VT_INT holding a Go uint64 (semver .Major/.Minor/.Patch) */
    GT_VALUES,   /* VT_MAP that is Helm's Values type (.Values): common.Values (v4),
                    chartutil.Values (v3); kind map, assignable to map params */
    GT_UINT8,    /* VT_INT holding a Go byte (index of a string or []byte) */
    GT_MAINTSLICE, /* VT_LIST holding a []*chart.Maintainer (v3 .Chart.Maintainers) */
    GT_DEPSLICE,   /* VT_LIST holding a []*chart.Dependency (v3 .Chart.Dependencies) */
};
/* A VT_LIST whose u.l is NULL is a nil slice (Go prints [], toJson null). */

typedef struct List List;
typedef struct Map Map;
typedef struct Obj Obj;

typedef struct Value {
    uint8_t t;   /* enum VType */
    uint8_t g;   /* enum GoType */
    uint32_t n;  /* VT_STR: byte length */
    union {
        int b;
        int64_t i;
        double f;
        const char *s;
        List *l;
        Map *m;
        Obj *o;
    } u;
} Value;

struct List { uint32_t len, cap; Value *v; };

/* Keep what the roots reach above mark m, release the rest of it: the
 * bytes kept (the roots now point to the copies), or -1 when that is not
 * possible (an object made above m is reachable; nothing changed, nothing
 * released). */
/* Does v (its top level, or its complex part) live above mark m? */
int cc_value_since(CcMark m, Value v);
long long cc_arena_evacuate(CcMark m, Value *const *roots, int nroots);

typedef struct MapEnt {
    const char *k;   /* NULL = deleted slot */
    uint32_t klen;
    uint32_t hash;
    Value v;
} MapEnt;

/* Insertion-ordered hash map with string keys. Iterate live entries with
 * MAP_EACH; for Go's sorted orders use map_sorted(). */
struct Map {
    uint32_t len;    /* live entries */
    uint32_t n;      /* used entry slots (live + deleted) */
    uint32_t cap;    /* entry capacity */
    uint32_t icap;   /* index capacity (power of two) */
    MapEnt *e;
    uint32_t *idx;   /* 0 = empty, else entry index + 1 */
};
#define MAP_EACH(m, ent) \
    for (MapEnt *ent = (m) ? (m)->e : NULL; ent && ent < (m)->e + (m)->n; ent++) \
        if (ent->k)

/* Opaque Go objects (Capabilities, Files, *semver.Version, time.Time, ...). */
struct Exec;
typedef struct ObjType {
    const char *gotype;  /* %T, e.g. "*semver.Version" */
    /* Field or method `name` (argc/argv: method arguments). Returns 1 and
     * sets *out when the object has it, 0 when it does not. Errors are
     * raised with fn_error() (see func.h). */
    int (*field)(struct Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out);
    /* fmt %v (Go String() when the type has one). NULL: print as map[...] of to_data. */
    void (*print)(Buf *b, Obj *o);
    /* Data form used by toJson/toYaml/deepEqual; NULL: null. */
    Value (*to_data)(Obj *o);
    /* Go method parameter types: the sig (func.h letters, "" for none) of
     * method `name`, NULL when `name` is no method (a field, a map key or
     * nothing). When set, the executor checks arity and converts the
     * arguments as Go's evalCall does before calling field(), and calls
     * field() with argc 0 for non-methods after rejecting arguments.
     * NULL hook: field() receives the raw arguments and checks them. */
    const char *(*method_sig)(Obj *o, const char *name);
    /* The Go struct behind the value as a GT_STRUCT map of its fields in
     * declaration order (unexported ones too), for fmt when String() does
     * not apply (%d of a *semver.Version prints &{1 2 3 ...}). NULL: fmt
     * falls back to print / to_data. */
    Value (*go_fields)(Obj *o);
    int flags;   /* OBJF_* */
    /* deepCopy (copystructure.Copy) of the object; NULL: the object itself
     * (its exported state is immutable). */
    Value (*deep_copy)(Obj *o);
    /* GoString() for %#v (time.Time: time.Date(...)); NULL: none */
    void (*go_string)(Buf *b, Obj *o);
} ObjType;
/* ObjType.flags */
enum {
    /* String() has a pointer receiver: only an action printing the value
     * directly (the template takes its address) uses print; fmt through
     * functions (toString, printf "%v", cat ...) prints go_fields. */
    OBJF_PTR_STRING = 1,
    /* the Go kind is map (.Files): arguments to a non-method name give
     * "X is not a method but has arguments" */
    OBJF_MAP_KIND = 2,
    /* a Go pointer whose data is its address (uint64_t; 0 is nil), which
     * fmt prints as a pointer (*time.Location in a time.Time's fields) */
    OBJF_ADDR = 4,
};
struct Obj { const ObjType *type; void *data; };

/* constructors */
static inline Value v_nil(void) { Value v = {0}; return v; }
static inline Value v_bool(int b) { Value v = {0}; v.t = VT_BOOL; v.u.b = !!b; return v; }
static inline Value v_int64(int64_t i) { Value v = {0}; v.t = VT_INT; v.u.i = i; return v; }
static inline Value v_goint(int64_t i) { Value v = {0}; v.t = VT_INT; v.g = GT_INT; v.u.i = i; return v; }
static inline Value v_float(double f) { Value v = {0}; v.t = VT_FLOAT; v.u.f = f; return v; }
static inline Value v_list(List *l) { Value v = {0}; v.t = VT_LIST; v.u.l = l; return v; }
static inline Value v_map(Map *m) { Value v = {0}; v.t = VT_MAP; v.u.m = m; return v; }
static inline Value v_obj(Obj *o) { Value v = {0}; v.t = VT_OBJ; v.u.o = o; return v; }
Value v_str(const char *s, size_t n);   /* no copy: s must live in the arena or be static */
void v_check_strlen(uint64_t n);        /* the error for a string over 4 GiB - 1 (Value.n) */
Value v_cstr(const char *s);            /* no copy, strlen */
Value v_strdup(const char *s, size_t n);/* arena copy */
Value v_buf(const Buf *b);              /* arena copy of a Buf */
Value v_newobj(const ObjType *t, void *data);
Value v_complex(double re, double im);  /* complex128 */
double v_imag(Value v);                 /* imaginary part of a GT_COMPLEX (else 0) */

/* lists */
List *list_new(size_t cap);
void list_push(List *l, Value v);
Value v_newlist(size_t cap);            /* v_list(list_new(cap)) */

/* maps */
Map *map_new(size_t cap);
Value v_newmap(size_t cap);
Value *map_get(const Map *m, const char *k, size_t klen);   /* NULL if absent */
Value *map_getc(const Map *m, const char *k);
uint32_t map_hash(const char *k, size_t klen);              /* the hash maps keep of a key */
/* map_get with the key's map_hash known (a field name hashed at parse
 * time); inline: the executor's field lookups are its most frequent step */
static inline Value *map_get_hashed(const Map *m, const char *k, size_t klen, uint32_t hash)
{
    if (!m || !m->icap) return NULL;
    uint32_t mask = m->icap - 1, j = hash & mask, i;
    while ((i = m->idx[j])) {
        MapEnt *e = &m->e[i - 1];
        if (e->hash == hash && e->klen == klen && e->k && memcmp(e->k, k, klen) == 0) return &e->v;
        j = (j + 1) & mask;
    }
    return NULL;
}
void map_set(Map *m, const char *k, size_t klen, Value v);  /* key copied into arena */
void map_setc(Map *m, const char *k, Value v);
int map_del(Map *m, const char *k, size_t klen);            /* 1 if it existed */
/* Live entries sorted by key; arena array of m->len pointers.
 * natural=0: byte order (Go fmtsort, range, toJson);
 * natural=1: go-yaml v2 "natural" order (toYaml);
 * natural=2: go-yaml v3's (toYamlPretty: a letter sorts before a
 * non-letter right after a digit). */
MapEnt **map_sorted(const Map *m, int natural);
int cc_natural_less(const char *a, size_t an, const char *b, size_t bn);

/* semantics */
int v_truth(Value v);          /* text/template isTrue */
int v_empty(Value v);          /* sprig empty() */
int v_deep_equal(Value a, Value b);  /* reflect.DeepEqual (types must match) */
Value v_deep_copy(Value v);
const char *v_gotype(Value v); /* fmt %T */
const char *v_kind(Value v);   /* reflect.Kind name (kindOf) */
const char *v_json_kind(Value v);   /* encoding/json's name for it in UnmarshalTypeError: string, number, bool, array, object */
int v_is_str(Value v);         /* VT_STR and a Go string (not []byte) */

/* ---- walking values safely ------------------------------------------ */
/* Templates can build values that contain themselves ({{ set $d "x" $d }})
 * and values nested arbitrarily deep. Every recursive walk over values
 * (printing, encoding, comparing, copying, merging) calls vw_enter() before
 * descending into a list or map and vw_leave() after it. The walk counts
 * the containers on its path and, past VW_TRACK of them (encoding/json's
 * startDetectingCyclesAfter), keeps them in a hash set, so a cycle costs
 * O(1) per level to find and ordinary values nothing. The C stack is
 * probed too: a walk deeper than the thread's stack can hold stops with
 * VW_DEEP instead of crashing. The set lives in the arena (a walk may be
 * abandoned by longjmp). */
typedef struct VWalk {
    uint32_t depth;        /* containers on the current path */
    uint32_t n, cap;       /* path set beyond VW_TRACK (open addressing) */
    const void **set;      /* cap (a, b) pairs */
} VWalk;
#define VW_TRACK 1000
enum { VW_OK = 0, VW_CYCLE, VW_DEEP };
/* The identity of a list or map for cycle checks (NULL for other values
 * and nil collections). */
const void *v_ref(Value v);
int vw_enter(VWalk *w, Value v);      /* VW_OK, VW_CYCLE (v is on the path) or VW_DEEP;
                                         only non-nil lists and maps (not structs) count */
void vw_leave(VWalk *w, Value v);     /* after a successful vw_enter */
/* The same for walks over two values at once (merging): the pair (a, b)
 * of list/map identities is what must not repeat; a NULL a counts nothing. */
int vw_enter_pair(VWalk *w, const void *a, const void *b);
void vw_leave_pair(VWalk *w, const void *a, const void *b);
/* "value contains itself (map[string]interface {})" / "value nested too
 * deeply"; the message for a failed vw_enter of v. */
const char *vw_message(int code, Value v);
/* The VW_DEEP message itself. */
extern const char vw_too_deep[];
/* 1 when err is a vw_message() text: encoders return those like their Go
 * errors, and callers raise them even where Go's errors are swallowed
 * (toJson, toYaml), because Go itself crashes there. */
int vw_fatal(const char *err);
/* Raises (fn_error) the vw_message error when fmt could not print v: for
 * conversions whose discarded Go error still formats the value (cast's
 * "unable to cast %#v of type %T", which overflows Go's stack there). */
void v_require_printable(Value v);

/* global render settings */
extern int cc_helm_major;      /* 4 (default) or 3 (--helm-compat 3) */

#endif
