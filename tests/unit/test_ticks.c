/* SPDX-License-Identifier: MIT */
/* Tests for axis ticks: nice numbers, decades, labels. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ticks.h"

/* Checks that t holds exactly the n values want (to 1e-12). */
static void expect_values(const struct ticks *t, const double *want, int n)
{
    int i;

    assert_int_equal(t->n, n);
    for (i = 0; i < n; i++)
        assert_true(fabs(t->values[i] - want[i])
                    <= 1e-12 * fmax(1, fabs(want[i])));
}

/* Writes every label of t, space-separated, into buf. */
static const char *labels(const struct ticks *t)
{
    static char buf[512];
    char one[64];
    int i;

    buf[0] = '\0';
    for (i = 0; i < t->n; i++) {
        ticks_label(t, t->values[i], one, sizeof one);
        if (i)
            strcat(buf, " ");
        strcat(buf, one);
    }
    return buf;
}

static void test_unit_interval(void **state)
{
    static const double want[] = { 0, 0.2, 0.4, 0.6, 0.8, 1 };
    struct ticks t;

    (void)state;
    assert_int_equal(ticks_linear(0, 1, 5, &t), 0);
    expect_values(&t, want, 6);
    assert_true(t.values[3] == 0.6);    /* 3 * 0.2 rounded once, exactly */
    assert_true(t.step == 0.2);
    assert_true(t.lo == 0 && t.hi == 1);
    assert_int_equal(t.log, 0);
    assert_string_equal(labels(&t), "0 0.2 0.4 0.6 0.8 1");
}

static void test_loose_labelling(void **state)
{
    static const double a[] = { -10, -5, 0, 5, 10, 15 };
    static const double b[] = { 0, 20, 40, 60, 80, 100 };
    static const double c[] = { 0, 1, 2, 3 };
    static const double d[] = { 0, 0.5, 1, 1.5 };
    struct ticks t;

    (void)state;
    assert_int_equal(ticks_linear(-7, 13, 5, &t), 0);
    expect_values(&t, a, 6);            /* covers the data, nice ends */
    assert_int_equal(ticks_linear(0, 99, 5, &t), 0);
    expect_values(&t, b, 6);
    /* Heckbert rounds the range up first (2.2 -> 5), then the step */
    assert_int_equal(ticks_linear(0.1, 2.3, 8, &t), 0);
    expect_values(&t, c, 4);
    assert_int_equal(ticks_linear(0, 1.5, 5, &t), 0);
    expect_values(&t, d, 4);
    assert_string_equal(labels(&t), "0 0.5 1 1.5");
    /* reversed bounds are accepted */
    assert_int_equal(ticks_linear(99, 0, 5, &t), 0);
    expect_values(&t, b, 6);
}

static void test_degenerate_and_refused(void **state)
{
    struct ticks t;

    (void)state;
    assert_int_equal(ticks_linear(5, 5, 5, &t), 0);
    assert_true(t.lo < 5 && t.hi > 5 && t.n >= 2);
    assert_int_equal(ticks_linear(0, 0, 5, &t), 0);
    assert_true(t.lo <= -1 && t.hi >= 1);
    assert_int_equal(ticks_linear(NAN, 1, 5, &t), -1);
    assert_int_equal(t.n, 0);
    assert_int_equal(ticks_linear(0, INFINITY, 5, &t), -1);
    assert_int_equal(ticks_linear(-INFINITY, 0, 5, &t), -1);
    assert_int_equal(ticks_log(0, 10, 5, &t), -1);
    assert_int_equal(ticks_log(-1, 10, 5, &t), -1);
    assert_int_equal(ticks_log(1, NAN, 5, &t), -1);
    assert_int_equal(ticks_log(1, INFINITY, 5, &t), -1);
}

static void test_extreme_ranges(void **state)
{
    struct ticks t;
    int i;

    (void)state;
    assert_int_equal(ticks_linear(-1e308, 1e308, 5, &t), 0);
    assert_true(t.n >= 3 && t.n <= TICKS_MAX);
    for (i = 0; i < t.n; i++)
        assert_true(isfinite(t.values[i]));
    assert_int_equal(ticks_linear(1e-300, 3e-300, 5, &t), 0);
    assert_true(t.n >= 3 && t.lo <= 1e-300 * (1 + 1e-12)
                && t.hi >= 3e-300 * (1 - 1e-12));
    assert_int_equal(ticks_linear(0, 1, 1000, &t), 0);
    assert_true(t.n <= TICKS_MAX);
    assert_int_equal(ticks_linear(0, 1, -3, &t), 0);
    assert_true(t.n >= 2);
}

static void test_log_decades(void **state)
{
    static const double a[] = { 1, 10, 100, 1000 };
    static const double b[] = { 2, 5, 10, 20, 50 };
    static const double c[] = { 1e-6, 1e-4, 1e-2, 1, 1e2, 1e4, 1e6 };
    struct ticks t;

    (void)state;
    assert_int_equal(ticks_log(1, 1000, 5, &t), 0);
    expect_values(&t, a, 4);
    assert_int_equal(t.log, 1);
    assert_string_equal(labels(&t), "1 10 100 1000");
    /* under two decades: 1, 2, 5 in each */
    assert_int_equal(ticks_log(3, 40, 5, &t), 0);
    expect_values(&t, b, 5);
    assert_string_equal(labels(&t), "2 5 10 20 50");
    /* many decades: every other one */
    assert_int_equal(ticks_log(1e-5, 1e5, 5, &t), 0);
    expect_values(&t, c, 7);
    assert_string_equal(labels(&t), "1e-6 0.0001 0.01 1 100 10000 1e6");
}

static void test_log_narrow_falls_back(void **state)
{
    static const double want[] = { 3, 3.5, 4, 4.5, 5 };
    struct ticks t;

    (void)state;
    assert_int_equal(ticks_log(3, 5, 5, &t), 0);
    expect_values(&t, want, 5);
    assert_int_equal(t.log, 0);         /* linear values, all positive */
    assert_int_equal(ticks_log(5, 5, 5, &t), 0);
    assert_true(t.n >= 2 && t.values[0] > 0 && t.lo < 5 && t.hi > 5);
}

static void test_clip(void **state)
{
    static const double want[] = { 0.2, 0.4, 0.6 };
    struct ticks t;

    (void)state;
    ticks_linear(0, 1, 5, &t);
    ticks_clip(&t, 0.15, 0.65);
    expect_values(&t, want, 3);
    assert_true(t.lo == 0.15 && t.hi == 0.65);
}

static void test_labels(void **state)
{
    struct ticks t;
    char buf[64];

    (void)state;
    ticks_linear(-0.3, 0.3, 5, &t);
    assert_string_equal(labels(&t), "-0.4 -0.2 0 0.2 0.4");
    ticks_linear(0, 2e6, 5, &t);        /* long numbers get exponents */
    assert_string_equal(labels(&t), "0 5e5 1e6 1.5e6 2e6");
    ticks_linear(0, 1e5, 5, &t);        /* still short enough */
    assert_string_equal(labels(&t), "0 20000 40000 60000 80000 100000");
    ticks_linear(0, 1e-4, 5, &t);
    assert_string_equal(labels(&t), "0 2e-5 4e-5 6e-5 8e-5 1e-4");
    ticks_linear(1, 1.001, 5, &t);      /* exponents would be longer */
    assert_string_equal(labels(&t),
                        "1 1.0002 1.0004 1.0006 1.0008 1.001");
    tick_label(-1e-17, 0.1, buf, sizeof buf);
    assert_string_equal(buf, "0");      /* never "-0" */
    tick_label(-0.0, 1, buf, sizeof buf);
    assert_string_equal(buf, "0");
    tick_label(0.30000000000000004, 0.1, buf, sizeof buf);
    assert_string_equal(buf, "0.3");
    tick_label(1.25, 0.25, buf, sizeof buf);
    assert_string_equal(buf, "1.25");
    tick_label(NAN, 1, buf, sizeof buf);
    assert_string_equal(buf, "nan");
    tick_label(-INFINITY, 1, buf, sizeof buf);
    assert_string_equal(buf, "-inf");
    tick_label(1e-240, 1e-240, buf, sizeof buf);
    assert_string_equal(buf, "1e-240");
}

static void test_value_label(void **state)
{
    char buf[64];

    (void)state;
    value_label(0.25, 3, buf, sizeof buf);
    assert_string_equal(buf, "0.25");
    value_label(3.14159, 3, buf, sizeof buf);
    assert_string_equal(buf, "3.14");
    value_label(-0.00012345, 3, buf, sizeof buf);
    assert_string_equal(buf, "-1.23e-4");
    value_label(1e10, 3, buf, sizeof buf);
    assert_string_equal(buf, "1e10");
    value_label(-0.0, 3, buf, sizeof buf);
    assert_string_equal(buf, "0");
    value_label(-1e-20 * 0, 3, buf, sizeof buf);
    assert_string_equal(buf, "0");
    value_label(2, 3, buf, sizeof buf);
    assert_string_equal(buf, "2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_interval),
        cmocka_unit_test(test_loose_labelling),
        cmocka_unit_test(test_degenerate_and_refused),
        cmocka_unit_test(test_extreme_ranges),
        cmocka_unit_test(test_log_decades),
        cmocka_unit_test(test_log_narrow_falls_back),
        cmocka_unit_test(test_clip),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_value_label),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
