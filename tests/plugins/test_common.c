/* SPDX-License-Identifier: MIT */
/* Tests of the plugins' numeric library alone (libnntutor-plugin.a):
 * the stable sigmoid and its array form, the line fit, the constants and
 * the endless minibatch stream. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "fake_host.h"
#include <nntutor/common.h>
#include <nntutor/minibatch.h>

/* nc_sigmoid_array gives nc_sigmoid's bits at every z, odd counts and
 * the extremes included; nc_sigmoid is 1/(1 + e^-z) where that is exact
 * enough, and never overflows. */
static void test_sigmoid(void **state)
{
    double z[301], a[301];

    (void)state;
    for (int i = 0; i < 301; i++)
        z[i] = (i - 150) * 0.37;
    z[0] = -800;
    z[300] = 800;
    z[150] = -0.0;
    nc_sigmoid_array(z, a, 301);
    for (int i = 0; i < 301; i++) {
        double s = nc_sigmoid(z[i]);
        assert_memory_equal(&a[i], &s, sizeof s);
        assert_true(s >= 0 && s <= 1);
        if (fabs(z[i]) < 30)
            assert_true(fabs(s - 1 / (1 + exp(-z[i]))) <= 1e-15);
        assert_true(fabs(s + nc_sigmoid(-z[i]) - 1) <= 1e-15);
    }
    assert_true(nc_sigmoid(-800) == 0 && nc_sigmoid(800) == 1);
    assert_true(nc_sigmoid(0) == 0.5);
}

/* The least-squares line of points on a line is that line; all x equal
 * gives the flat line through the mean of y; the fit minimises the
 * squared error (moving either coefficient makes it worse). */
static void test_fit_line(void **state)
{
    double x[5] = { -1, 0, 2, 3, 7 }, y[5], s, b, e0 = 0;
    double xs[3] = { 2, 2, 2 }, ys[3] = { 1, 2, 6 };
    double yn[5] = { 0.3, -1, 4, 2, 9 };

    (void)state;
    for (int i = 0; i < 5; i++)
        y[i] = 1.5 * x[i] - 2;
    nc_fit_line(x, y, 5, &s, &b);
    assert_true(fabs(s - 1.5) < 1e-14 && fabs(b + 2) < 1e-14);
    nc_fit_line(xs, ys, 3, &s, &b);
    assert_true(s == 0 && b == 3);
    nc_fit_line(x, yn, 5, &s, &b);
    for (int i = 0; i < 5; i++)
        e0 += (yn[i] - s * x[i] - b) * (yn[i] - s * x[i] - b);
    for (int d = 0; d < 4; d++) {
        double ds = d == 0 ? 1e-3 : d == 1 ? -1e-3 : 0;
        double db = d == 2 ? 1e-3 : d == 3 ? -1e-3 : 0, e = 0;
        for (int i = 0; i < 5; i++) {
            double r = yn[i] - (s + ds) * x[i] - (b + db);
            e += r * r;
        }
        assert_true(e > e0);
    }
}

/* The constants are π and log 2π to the last bit libm gives. */
static void test_constants(void **state)
{
    (void)state;
    assert_true(NC_PI == 4 * atan(1.0));
    assert_true(fabs(NC_LOG_2PI - log(2 * NC_PI)) <= 4e-16);
}

/* mb_cycle gives the batches of mb_epoch and mb_next, epoch after epoch,
 * with the same shuffles: the ragged end is dropped with drop_last and
 * kept without. */
static void test_cycle(void **state)
{
    (void)state;
    for (int drop = 0; drop <= 1; drop++) {
        struct nnt_call *c1 = fh_new(5), *c2 = fh_new(5);
        struct mb_iter a, b;
        const int *ia, *ib;

        assert_int_equal(mb_init(&a, 10, 4, 1, drop), 0);
        assert_int_equal(mb_init(&b, 10, 4, 1, drop), 0);
        for (int e = 0; e < 5; e++) {
            int k;
            mb_epoch(&b, &fh_host, c2);
            while ((k = mb_next(&b, &ib)) > 0) {
                assert_int_equal(mb_cycle(&a, &fh_host, c1, &ia), k);
                assert_memory_equal(ia, ib, sizeof *ia * (size_t)k);
            }
        }
        assert_true(a.epoch == 5 && a.iter == b.iter && a.seen == b.seen);
        mb_free(&a);
        mb_free(&b);
        fh_free(c1);
        fh_free(c2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigmoid),
        cmocka_unit_test(test_fit_line),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_cycle),
    };

    (void)fh_num;                       /* fake_host.h helpers not needed */
    (void)fh_arr;
    (void)fh_run;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
