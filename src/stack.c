/*
 * stack.c - the deep C stack. Go runs templates on goroutine stacks that
 * grow to 1 GB (runtime/stack.go maxstacksize), so charts nest templates,
 * includes, tpl calls and data far deeper than the default 8 MB C stack
 * allows. cc_run_deep() runs a job on a thread with a large stack that is
 * only committed as it is touched (one thread per command, not per
 * template); cc_stack_low() lets recursive code fail with an error before
 * whatever stack it actually runs on is exhausted.
 */
#define _GNU_SOURCE
#include "chartc/value.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

__thread const char *cc_stack_floor;   /* per thread, as the stacks are */
static __thread const char *stack_top;   /* highest address of the deep stack in use */
static __thread size_t stack_mib;

#define DEEP_STACK_MAX ((size_t)1 << 30)
#define DEEP_STACK_MIN ((size_t)256 << 10)

size_t cc_stack_mib(void) { return stack_mib; }

/* Set the floor for a stack of `size` bytes starting at `lo`: keep a margin
 * for the code between two checks (library calls, one level of recursion). */
static void stack_use(const char *lo, size_t size)
{
    size_t margin = size / 16;
    if (margin < ((size_t)32 << 10)) margin = (size_t)32 << 10;
    if (margin > ((size_t)1 << 20)) margin = (size_t)1 << 20;
    cc_stack_floor = lo + margin;
    stack_top = lo + size;
    stack_mib = (size + ((size_t)1 << 20) - 1) >> 20;
}

/* The bounds of the calling thread's stack (the main thread's follow
 * RLIMIT_STACK). 0 if unknown. */
static int stack_bounds(const char **lo, size_t *size)
{
    pthread_attr_t a;
    void *addr;
    if (pthread_getattr_np(pthread_self(), &a)) return 0;
    int ok = pthread_attr_getstack(&a, &addr, size) == 0;
    pthread_attr_destroy(&a);
    *lo = addr;
    return ok;
}

/* The largest deep stack to ask for: 1 GiB, but under an address-space
 * limit (ulimit -v) a quarter of what is left, so the heap keeps room. A
 * thread's stack is mapped whole when it is made, so whatever size is
 * obtained is really there (unlike the main stack, which grows into the
 * same address space as the heap). */
static size_t stack_wanted(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) || rl.rlim_cur == RLIM_INFINITY) return DEEP_STACK_MAX;
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1) pages = 0;
        fclose(f);
    }
    size_t used = (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
    size_t left = rl.rlim_cur > used ? (size_t)rl.rlim_cur - used : 0;
    size_t sz = DEEP_STACK_MAX;
    while (sz > DEEP_STACK_MIN && sz > left / 4) sz /= 2;
    return sz;
}

typedef struct Deep { void (*fn)(void *); void *arg; } Deep;

static void *deep_start(void *p)
{
    Deep *d = p;
    const char *lo;
    size_t size;
    cc_stack_floor = NULL;   /* not the caller's: this thread's, below */
    if (stack_bounds(&lo, &size)) stack_use(lo, size);
    d->fn(d->arg);
    return NULL;
}

static int on_deep_stack(void)
{
    const char *here = __builtin_frame_address(0);
    return cc_stack_floor && here > cc_stack_floor && here < stack_top;
}

void cc_run_deep(void (*fn)(void *), void *arg)
{
    if (on_deep_stack()) {
        fn(arg);
        return;
    }
    const char *save_floor = cc_stack_floor, *save_top = stack_top;
    size_t save_mib = stack_mib;
    Deep d = {fn, arg};
    int ran = 0;
    /* as large as the address space limit (ulimit -v) allows */
    for (size_t sz = stack_wanted(); sz >= DEEP_STACK_MIN && !ran; sz /= 2) {
        pthread_attr_t attr;
        pthread_t th;
        if (pthread_attr_init(&attr)) break;
        if (pthread_attr_setstacksize(&attr, sz) == 0 && pthread_create(&th, &attr, deep_start, &d) == 0) {
            pthread_join(th, NULL);
            ran = 1;
        }
        pthread_attr_destroy(&attr);
    }
    if (!ran) {
        /* Not even a small thread: the address space is all but used up.
         * Run on the caller's stack, counting only on what is committed
         * of it already (growing it needs address space there is not). */
        const char *here = __builtin_frame_address(0);
        size_t size = (size_t)96 << 10;
        stack_use(here - size, size);
        fn(arg);
    }
    cc_stack_floor = save_floor;
    stack_top = save_top;
    stack_mib = save_mib;
}
