/* test_det.c - det.h: RFC 3339 parsing, the seeded streams (pinned bytes
 * computed by tests/det/ref.py from the man page's specification), the
 * fixed clock and its environment fallbacks. */
#include <stdlib.h>

#include "chartc/det.h"
#include "harness.h"

static const char *hex(size_t n)
{
    static char out[2 * 1024 + 1];
    unsigned char b[1024];
    det_bytes(b, n);
    for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", b[i]);
    return out;
}

TEST(rfc3339)
{
    int64_t s = -1;
    int32_t ns = -1;
    CHECK(det_parse_rfc3339("1970-01-01T00:00:00Z", &s, &ns) == NULL);
    CHECK_INT(s, 0);
    CHECK_INT(ns, 0);
    CHECK(det_parse_rfc3339("2024-01-02T03:04:05.5+02:00", &s, &ns) == NULL);
    CHECK_INT(s, 1704157445);
    CHECK_INT(ns, 500000000);
    CHECK(det_parse_rfc3339("1969-12-31T23:59:59.123456789Z", &s, &ns) == NULL);
    CHECK_INT(s, -1);
    CHECK_INT(ns, 123456789);
    CHECK(det_parse_rfc3339("2024-02-29T00:00:00-00:30", &s, &ns) == NULL);
    CHECK_INT(s, 1709166600);
    static const char *const bad[] = {"", "2024-01-02", "2024-01-02T03:04:05", "2024-01-02 03:04:05Z",
                                      "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-02T24:00:00Z",
                                      "2024-01-02T03:04:60Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+0200",
                                      "2024-01-02T03:04:05Zx", "+2024-01-02T03:04:05Z", NULL};
    for (int i = 0; bad[i]; i++) CHECK(det_parse_rfc3339(bad[i], &s, &ns) != NULL);
}

TEST(stream_pinned)
{
    CHECK(det_set("chartc", NULL) == NULL);
    CHECK(det_seeded());
    det_call();   /* outside any template: release "" and template "" */
    CHECK_STR(hex(16), "4d422288cf8b69ed0636ed4a06469a95");
    det_template("r", "t");
    det_call();
    CHECK_STR(hex(16), "e34b139375307ea910c9e30c60fa6c33");
    det_call();
    CHECK_STR(hex(16), "9792dc89fddeb71ce1178882a870360b");
    /* a new template starts again at call 0; reads cross the refill boundary */
    det_template("r", "t");
    det_call();
    hex(584);
    CHECK_STR(hex(16), "dfbf5fa0d5ec0548111e9d81adfeda2e");
}

TEST(stream_independence)
{
    det_set("a", NULL);
    det_template("rel", "c/templates/x.yaml");
    det_call();
    uint64_t x0 = det_below(UINT64_MAX);
    det_call();
    uint64_t x1 = det_below(UINT64_MAX);
    CHECK(x0 != x1);
    det_template("rel", "c/templates/y.yaml");
    det_call();
    CHECK(det_below(UINT64_MAX) != x0);
    det_template("other", "c/templates/x.yaml");
    det_call();
    CHECK(det_below(UINT64_MAX) != x0);
    det_set("b", NULL);
    det_template("rel", "c/templates/x.yaml");
    det_call();
    CHECK(det_below(UINT64_MAX) != x0);
    det_set("a", NULL);
    det_template("rel", "c/templates/x.yaml");
    det_call();
    CHECK(det_below(UINT64_MAX) == x0);
    for (int i = 0; i < 1000; i++) CHECK(det_below(7) < 7);
    CHECK_INT(det_below(1), 0);
}

TEST(unseeded)
{
    det_set(NULL, NULL);
    CHECK(!det_seeded());
    det_call();
    unsigned char a[16], b[16];
    det_bytes(a, sizeof a);
    det_template("r", "t");
    det_call();
    det_bytes(b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) != 0);
    int64_t s1, s2;
    int32_t n;
    CHECK(!det_now(&s1, &n));
    CHECK(!det_clock_fixed());
    CHECK(s1 > 1700000000);
    det_set("", "");
    CHECK(!det_seeded());
    CHECK(!det_now(&s2, &n));
}

TEST(clock)
{
    int64_t s;
    int32_t n;
    CHECK(det_set(NULL, "2024-01-02T03:04:05.25Z") == NULL);
    CHECK(det_now(&s, &n));
    CHECK_INT(s, 1704164645);
    CHECK_INT(n, 250000000);
    CHECK(det_set(NULL, "yesterday") != NULL);
}

TEST(configure_env)
{
    int64_t s;
    int32_t n;
    setenv("CHARTC_SEED", "envseed", 1);
    setenv("SOURCE_DATE_EPOCH", "1704067200", 1);
    CHECK(det_configure(NULL, NULL) == NULL);
    CHECK(det_seeded());
    CHECK(det_now(&s, &n));
    CHECK_INT(s, 1704067200);
    /* flags win over the environment */
    CHECK(det_configure("", "2000-01-01T00:00:00Z") == NULL);
    CHECK(!det_seeded());
    CHECK(det_now(&s, &n));
    CHECK_INT(s, 946684800);
    CHECK_STR(det_configure(NULL, "2000-01-01"),
              "invalid argument \"2000-01-01\" for \"--now\" flag: want an RFC 3339 time, such as 2024-01-02T15:04:05Z");
    setenv("SOURCE_DATE_EPOCH", "12x", 1);
    CHECK_STR(det_configure(NULL, NULL), "invalid SOURCE_DATE_EPOCH \"12x\": want Unix seconds, such as 1704067200");
    setenv("SOURCE_DATE_EPOCH", "", 1);
    unsetenv("CHARTC_SEED");
    CHECK(det_configure(NULL, NULL) == NULL);
    CHECK(!det_seeded());
    CHECK(!det_clock_fixed());
    unsetenv("SOURCE_DATE_EPOCH");
}

TEST_MAIN()
