/* test_shortest.c - go_shortest_e (one "%.14e" for the common case) gives
 * exactly the digits of trying 1, 2, ... 17 digits until the text reads back
 * as the same double: random bit patterns, ratios, short decimals, powers of
 * ten, subnormals and extremes. */
#include "chartc/gostd.h"
#include "harness.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void digit_by_digit(char *tmp, double f)
{
    for (int p = 0; p < 17; p++) {
        snprintf(tmp, 64, "%.*e", p, f);
        if (strtod(tmp, NULL) == f) break;
    }
}

static int differs(double f)
{
    char a[64], b[64];
    digit_by_digit(a, f);
    go_shortest_e(b, sizeof b, f, 64);
    if (strcmp(a, b) == 0) return 0;
    fprintf(stderr, "  %.17g: %s, want %s\n", f, b, a);
    return 1;
}

TEST(same_digits)
{
    static const double fixed[] = {0, -0.0, 1, -1, 0.1, 0.3, 1e21, 1e-7, 123456789012345678.0, 5e-324, 1e-320,
                                   DBL_MIN, DBL_MAX, -DBL_MAX, 2.2250738585072009e-308, 9007199254740993.0,
                                   0.1 + 0.2, 1.0 / 3, 2.0 / 3, 100, 1e15, 1e16, 1e17, 123.456, 9.999999999999999e22};
    int bad = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) bad += differs(fixed[i]);
    uint64_t x = 88172645463325252ull;
    for (long i = 0; i < 300000 && bad < 5; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        double f;
        if (i % 4 == 3) f = (double)(x % 100000) / pow(10, (double)((x >> 32) % 8));
        else if (i % 3 == 0) { memcpy(&f, &x, 8); if (!isfinite(f)) continue; }
        else if (i % 3 == 1) f = (double)(x % 1000000) / (double)(1 + x % 997);
        else f = (double)(x >> 20) / pow(10, (double)(x % 16));
        bad += differs(f);
    }
    CHECK_INT(bad, 0);
}

TEST_MAIN()
