/*
 * harness.h - a tiny unit-test harness. Each tests/unit/test_*.c defines
 * TESTs and ends with TEST_MAIN(); output ends "N passed, N failed".
 *   TEST(name) { CHECK(cond); CHECK_STR(got, want); CHECK_INT(got, want); }
 */
#ifndef CHARTC_HARNESS_H
#define CHARTC_HARNESS_H
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

/* A runaway test fails instead of taking the shared machine's memory:
 * 2 GiB of data (heap, arena blocks and thread stacks, which are mapped
 * lazily); under ASan, whose shadow memory is not data, 2 GiB of RSS. */
#if defined(__SANITIZE_ADDRESS__)
#define HARNESS_ASAN_ 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HARNESS_ASAN_ 1
#endif
#endif
#ifdef HARNESS_ASAN_
const char *__asan_default_options(void) { return "hard_rss_limit_mb=2048"; }
#else
__attribute__((constructor)) static void harness_limit_(void)
{
    struct rlimit r = {(rlim_t)2 << 30, (rlim_t)2 << 30};
    setrlimit(RLIMIT_DATA, &r);
}
#endif

typedef void (*test_fn)(void);
static struct { const char *name; test_fn fn; } tests_[1024];
static int ntests_, fails_, cur_failed_;

#define TEST(n) \
    static void test_##n(void); \
    __attribute__((constructor)) static void reg_##n(void) { tests_[ntests_].name = #n; tests_[ntests_++].fn = test_##n; } \
    static void test_##n(void)

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c); cur_failed_ = 1; } } while (0)
#define CHECK_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
    if (g_ != w_) { fprintf(stderr, "  %s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); cur_failed_ = 1; } } while (0)
#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
    if (!g_ || strcmp(g_, w_) != 0) { fprintf(stderr, "  %s:%d: %s\n    got:  [%s]\n    want: [%s]\n", __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_); cur_failed_ = 1; } } while (0)

#define TEST_MAIN() \
    int main(void) { \
        int passed = 0; \
        for (int i = 0; i < ntests_; i++) { \
            cur_failed_ = 0; tests_[i].fn(); \
            if (cur_failed_) { fails_++; fprintf(stderr, "FAIL %s\n", tests_[i].name); } else passed++; \
        } \
        printf("%s: %d passed, %d failed\n", __FILE__, passed, fails_); \
        return fails_ != 0; \
    }
#endif
