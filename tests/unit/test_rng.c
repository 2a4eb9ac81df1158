/* SPDX-License-Identifier: MIT */
/* core/rng.c: reference outputs, reproducibility, streams, distributions. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rng.h"

/* splitmix64 from state 0 gives the published first output. */
static void splitmix_reference(void **state)
{
    uint64_t s = 0;

    assert_true(rng_splitmix64(&s) == 0xe220a8397b1dcdafULL);
}

/* xoshiro256** from {1, 2, 3, 4} gives the reference sequence. */
static void xoshiro_reference(void **state)
{
    static const uint64_t want[] = {
        11520ULL, 0ULL, 1509978240ULL, 1215971899390074240ULL
    };
    struct rng r;

    rng_seed(&r, 0);
    for (int i = 0; i < 4; i++)
        r.s[0][i] = (uint64_t)i + 1;
    for (int i = 0; i < 4; i++)
        assert_true(rng_u64(&r, 0) == want[i]);
}

/* Our seeding: stream k starts from splitmix64 of seed ^ (c * (k + 1)). */
static void seeding_is_fixed(void **state)
{
    struct rng r;

    rng_seed(&r, 42);
    assert_true(rng_u64(&r, 0) == 0x30425e2a3dc334ULL);
    assert_true(rng_u64(&r, 1) == 0xf4aa51180a7fdf56ULL);
}

/* The same seed gives the same numbers; another seed others. */
static void same_seed_same_numbers(void **state)
{
    struct rng a, b, c;

    rng_seed(&a, 7);
    rng_seed(&b, 7);
    rng_seed(&c, 8);
    for (int i = 0; i < 1000; i++) {
        double x = rng_normal(&a, 1), y = rng_normal(&b, 1);
        assert_true(x == y);
        (void)rng_normal(&c, 1);
    }
    rng_seed(&a, 7);
    rng_seed(&c, 8);
    assert_true(rng_u64(&a, 0) != rng_u64(&c, 0));
}

/* Streams are independent: drawing from one leaves the others alone. */
static void streams_are_independent(void **state)
{
    struct rng a, b;

    rng_seed(&a, 1);
    rng_seed(&b, 1);
    for (int i = 0; i < 100; i++)
        (void)rng_u64(&a, 2);                   /* shuffle stream only */
    assert_true(rng_u64(&a, 1) == rng_u64(&b, 1));
    assert_true(rng_u64(&a, 0) != rng_u64(&a, 1));
}

/* Uniforms lie in [0, 1) with mean 1/2; normals have mean 0, var 1. */
static void distributions(void **state)
{
    struct rng r;
    double su = 0, sn = 0, sn2 = 0;
    const int n = 200000;

    rng_seed(&r, 3);
    for (int i = 0; i < n; i++) {
        double u = rng_uniform(&r, 0), z = rng_normal(&r, 1);
        assert_true(u >= 0 && u < 1);
        su += u;
        sn += z;
        sn2 += z * z;
    }
    assert_true(fabs(su / n - 0.5) < 0.005);
    assert_true(fabs(sn / n) < 0.01);
    assert_true(fabs(sn2 / n - 1) < 0.02);
}

/* rng_range covers both ends and nothing outside. */
static void range_bounds(void **state)
{
    struct rng r;
    int seen[7] = { 0 };

    rng_seed(&r, 9);
    for (int i = 0; i < 7000; i++) {
        int64_t v = rng_range(&r, 3, -3, 3);
        assert_true(v >= -3 && v <= 3);
        seen[v + 3]++;
    }
    for (int i = 0; i < 7; i++)
        assert_true(seen[i] > 800 && seen[i] < 1200);
    assert_true(rng_range(&r, 3, 5, 5) == 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splitmix_reference),
        cmocka_unit_test(xoshiro_reference),
        cmocka_unit_test(seeding_is_fixed),
        cmocka_unit_test(same_seed_same_numbers),
        cmocka_unit_test(streams_are_independent),
        cmocka_unit_test(distributions),
        cmocka_unit_test(range_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
