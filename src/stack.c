/*
 * stack.c - the deep C stack. Go runs templates on goroutine stacks that
 * grow to 1 GB (runtime/stack.go maxstacksize), so charts nest templates,
 * includes, tpl calls and data far deeper than the default 8 MB C stack
 * allows. cc_run_deep() runs a job on a large stack that is only
 * committed as it is touched (one per command, not per template), switched
 * to on the calling thread; cc_stack_low() lets recursive code fail with an
 * error before whatever stack it actually runs on is exhausted.
 */
#define _GNU_SOURCE
#include "chartc/value.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <ucontext.h>
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

/* The largest deep stack to ask for: 1 GiB, but under an address-space
 * limit (ulimit -v) a quarter of what is left, so the heap keeps room. The
 * deep stack is mapped whole before it is used, so whatever size is
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

#if defined(__SANITIZE_ADDRESS__)
#define DEEP_THREAD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DEEP_THREAD 1
#endif
#endif

#ifndef DEEP_THREAD
/* The job runs on a stack of sz bytes mapped here, switched to on the
 * calling thread with swapcontext. A thread with that stack did the same
 * but cost more at every start: its creation, thread-local storage, exit
 * and join were 5 of the 77 page faults of `chartc --version`. 0 if the
 * stack cannot be mapped (an address-space limit).
 *
 * The stack's top 2 MiB are one huge page (MADV_HUGEPAGE, where
 * transparent huge pages are enabled), the stack starting DEEP_IN_HUGE
 * bytes into it: on a VM every 4 KiB page a process touches first costs
 * 10-15 us, a 2 MiB one about 130 us. The rest of that page goes to the
 * arena's first block and the YAML reader's first chunk (cc_first_give),
 * so a render's first stack pages, values and parsed YAML cost one fault
 * together (stalwart: 10 faults fewer). The mapping is kept for later
 * jobs, what a job used below the huge page given back. */
#define HUGE_PAGE CC_HUGE_PAGE
#define DEEP_IN_HUGE ((size_t)256 << 10)
static __thread Deep *switched_job;
static __thread const char *switched_lo;
static __thread size_t switched_size;
static char *deep_lo, *deep_keep, *deep_top;   /* the stack kept for later jobs: its guard page, what
                                               * a job's end leaves in memory, its top */
static size_t deep_guard;                      /* the guard's size, from deep_lo */

static void switched_start(void)
{
    stack_use(switched_lo, switched_size);
    switched_job->fn(switched_job->arg);
}

/* Map the stack: sz bytes ending DEEP_IN_HUGE into a 2 MiB-aligned huge
 * page, a guard page below it; where that much address space is not to
 * be had (ulimit -v), sz bytes alone. */
static int deep_map(size_t sz, size_t guard)
{
    size_t below = sz > DEEP_IN_HUGE + 16 * guard ? sz - DEEP_IN_HUGE : 16 * guard, len = below + 2 * HUGE_PAGE;
    const int prot = PROT_READ | PROT_WRITE, flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK;
    char *m = mmap(NULL, len, prot, flags, -1, 0), *lo, *huge = NULL;
    if (m != MAP_FAILED) {
        /* What the alignment leaves over is not unmapped (two system
         * calls at every start): below the stack it joins the guard,
         * above the huge page it stays mapped and untouched. */
        huge = (char *)(((uintptr_t)m + below + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
        lo = huge - below;
        guard += (size_t)(lo - m);
        lo = m;
        len = (size_t)(huge + HUGE_PAGE - m);
    } else if ((m = mmap(NULL, sz, prot, flags, -1, 0)) != MAP_FAILED) {
        lo = m;
        len = sz;
    } else {
        return 0;
    }
    if (mprotect(lo, guard, PROT_NONE)) {   /* a guard below the stack */
        munmap(m, len);
        return 0;
    }
    deep_guard = guard;
    deep_lo = lo;
    deep_top = lo + len;
    deep_keep = deep_top - ((size_t)64 << 10);
    if (huge) {
#ifdef MADV_HUGEPAGE
        madvise(huge, HUGE_PAGE, MADV_HUGEPAGE);
#endif
        deep_top = huge + DEEP_IN_HUGE;
        deep_keep = huge;
        cc_first_give(deep_top, HUGE_PAGE - DEEP_IN_HUGE);
    }
    return 1;
}

static int deep_run(Deep *d, size_t sz)
{
    if (!deep_lo && !deep_map(sz, (size_t)sysconf(_SC_PAGESIZE))) return 0;
    size_t guard = deep_guard;
    ucontext_t back, job;
    if (getcontext(&job)) return 0;
    job.uc_stack.ss_sp = deep_lo;
    job.uc_stack.ss_size = (size_t)(deep_top - deep_lo);
    job.uc_link = &back;   /* where switched_start returns to */
    switched_job = d;
    switched_lo = deep_lo + guard;
    switched_size = job.uc_stack.ss_size - guard;
    makecontext(&job, switched_start, 0);
    int ok = swapcontext(&back, &job) == 0;
    /* give back what the job used below the huge page (or the top 64 KiB) */
    if (deep_keep > deep_lo + guard) madvise(deep_lo + guard, (size_t)(deep_keep - deep_lo) - guard, MADV_DONTNEED);
    return ok;
}

#else
/* AddressSanitizer does not follow a switch of stacks within a thread
 * (it reports false errors): its builds run the job on a thread. */
static void *deep_start(void *p)
{
    Deep *d = p;
    pthread_attr_t a;
    void *lo;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        if (pthread_attr_getstack(&a, &lo, &size) == 0) stack_use(lo, size);
        pthread_attr_destroy(&a);
    }
    d->fn(d->arg);
    return NULL;
}

static int deep_run(Deep *d, size_t sz)
{
    pthread_attr_t attr;
    pthread_t th;
    int ok = 0;
    if (pthread_attr_init(&attr)) return 0;
    if (pthread_attr_setstacksize(&attr, sz) == 0 && pthread_create(&th, &attr, deep_start, d) == 0) {
        pthread_join(th, NULL);
        ok = 1;
    }
    pthread_attr_destroy(&attr);
    return ok;
}
#endif

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
    for (size_t sz = stack_wanted(); sz >= DEEP_STACK_MIN && !ran; sz /= 2) ran = deep_run(&d, sz);
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

/* cc_run_deep_exit: the job's end is the process's, so nothing is kept
 * for a later job and nothing switches back: on x86-64 the stack is
 * entered with a jump of the stack pointer rather than swapcontext
 * (whose signal-mask calls are three system calls a run), and what the
 * job used is not given back (a 1 GiB madvise). Elsewhere, and when no
 * deep stack can be had, it goes through cc_run_deep. */
typedef struct Final { int (*fn)(void *); void *arg; int rc; } Final;

static void final_job(void *p)
{
    Final *f = p;
    f->rc = f->fn(f->arg);
}

#if !defined(DEEP_THREAD) && defined(__x86_64__)
static __thread Final *final_now;

static __attribute__((noreturn, used)) void final_start(void)
{
    stack_use(switched_lo, switched_size);
    exit(final_now->fn(final_now->arg));
}
#endif

_Noreturn void cc_run_deep_exit(int (*fn)(void *), void *arg)
{
    Final f = {fn, arg, 1};
#if !defined(DEEP_THREAD) && defined(__x86_64__)
    if (!on_deep_stack() && (deep_lo || deep_map(stack_wanted(), (size_t)sysconf(_SC_PAGESIZE)))) {
        switched_lo = deep_lo + deep_guard;
        switched_size = (size_t)(deep_top - switched_lo);
        final_now = &f;
        /* deep_top is 16-byte aligned: the call leaves the stack as the
         * ABI has it at a function's entry; a zero frame pointer ends
         * backtraces there */
        __asm__ volatile("mov %0, %%rsp\n\txor %%ebp, %%ebp\n\tcall *%1\n\tud2"
                         : : "r"(deep_top), "r"(final_start) : "memory");
        __builtin_unreachable();
    }
#endif
    cc_run_deep(final_job, &f);
    exit(f.rc);
}
