/* SPDX-License-Identifier: MIT */
/* Tests of the plugins' numeric library alone (libnntutor-plugin.a):
 * the stable sigmoid and its array form, the line fit, the constants and
 * the endless minibatch stream. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_host.h"
#include <nntutor/common.h>
#include <nntutor/minibatch.h>
#include <nntutor/mm.h>
#include <nntutor/par.h>
#define NC_VX_BYTES 16          /* the inline vector exp, two lanes */
#include <nntutor/vexp.h>

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

/* Returns how many units in the last place of ref v is away from ref. */
static double ulps(double v, double ref)
{
    double u = nextafter(fabs(ref), INFINITY) - fabs(ref);

    if (v == ref)
        return 0;
    return fabs(v - ref) / u;
}

/* nc_vexp stays within 1 ulp of libm's exp from the underflow to the
 * overflow threshold (the largest error is printed); the array functions
 * give its bits at every width and length; infinities, NaN, zeros,
 * overflow and subnormal results come out as exp's. */
static void test_vexp(void **state)
{
    enum { N = 1000003 };
    static double x[N], y[N];
    double worst = 0, wx = 0, ws = 0, wt = 0;
    const double special[] = { 0.0, -0.0, INFINITY, -INFINITY, 709.78,
                               709.7827128933840, 709.79, 710, 1000,
                               -708.39, -708.4, -740, -745.13, -745.2,
                               -746, -1000, 1e-300, -1e-300, 0x1p-30 };

    (void)state;
    for (int i = 0; i < N; i++)         /* uneven steps over the range */
        x[i] = -745.2 + (709.8 + 745.2) * ((double)i / (N - 1))
               + 1e-7 * (i % 7);
    nc_vexp_array(x, y, N);
    for (int i = 0; i < N; i++) {
        double ref = exp(x[i]), v = nc_vexp(x[i]), e = ulps(v, ref);

        assert_memory_equal(&y[i], &v, sizeof v);
        if (ref >= 0x1p-1022 && e > worst) {    /* normal results */
            worst = e;
            wx = x[i];
        }
        if (ref < 0x1p-1022)                    /* subnormal: absolute */
            assert_true(fabs(v - ref) <= 0x1p-1074);
    }
    print_message("nc_vexp: largest error %.3f ulp (at x = %.17g) over "
                  "%d points\n", worst, wx, N);
    assert_true(worst <= 1.0);
    for (size_t i = 0; i < sizeof special / sizeof *special; i++) {
        double v = nc_vexp(special[i]), ref = exp(special[i]);
        assert_true(v == ref || ulps(v, ref) <= 1);
    }
    assert_true(isnan(nc_vexp(NAN)));
    for (size_t len = 0; len <= 19; len++) {    /* tails of every length */
        double a[19], b[19];
        nc_vexp_array(special, a, len);
        nc_vsigmoid_array(special, b, len);
        for (size_t i = 0; i < len; i++)
            assert_true(a[i] == nc_vexp(special[i]));
        for (size_t i = 0; i < len; i++)
            assert_true(b[i] >= 0 && b[i] <= 1);
    }
    for (int i = 0; i < N; i += 1)          /* sigmoid and tanh */
        x[i] = -40 + 80.0 * i / (N - 1);
    x[N / 2] = 1e-300;
    x[N / 2 + 1] = -1e-9;
    nc_vsigmoid_array(x, y, N);
    for (int i = 0; i < N; i++) {
        double e = ulps(y[i], nc_sigmoid(x[i]));
        ws = e > ws ? e : ws;
    }
    nc_vtanh_array(x, y, N);
    for (int i = 0; i < N; i++) {
        double e = ulps(y[i], tanh(x[i]));
        wt = e > wt ? e : wt;
        assert_true(signbit(y[i]) == signbit(x[i]) || y[i] == 0);
    }
    print_message("nc_vsigmoid_array: %.3f ulp, nc_vtanh_array: %.3f ulp "
                  "(largest against libm)\n", ws, wt);
    assert_true(ws <= 3 && wt <= 4);
    {
        double z[4] = { -0.0, NAN, INFINITY, -INFINITY }, a[4];
        nc_vtanh_array(z, a, 4);
        assert_true(a[0] == 0 && signbit(a[0]) && isnan(a[1]));
        assert_true(a[2] == 1 && a[3] == -1);
        nc_vsigmoid_array(z, a, 4);
        assert_true(a[0] == 0.5 && isnan(a[1]) && a[2] == 1 && a[3] == 0);
    }
    {       /* log x for x >= 1: sums of exps as softmax has them, and the
             * whole range, within 1 ulp of libm, at every tail length */
        double wl = 0;

        for (int i = 0; i < N; i++)
            x[i] = i % 2 ? 1 + 9.0 * i / N : exp2(1023.0 * i / N);
        x[0] = 1;
        x[1] = nextafter(1, 2);
        x[2] = 0x1.fffffffffffffp1023;
        for (int n = N - 7; n <= N; n++) {      /* every tail length */
            nc_vlog_ge1_array(x, y, (size_t)n);
            for (int i = 0; i < n; i++) {
                double e = ulps(y[i], log(x[i]));
                wl = e > wl ? e : wl;
            }
            assert_true(y[0] == 0);
        }
        print_message("nc_vlog_ge1_array: %.3f ulp (largest against libm)\n",
                      wl);
        assert_true(wl <= 1);
    }
}

/* The inline vector exp (nc_vx_exp, here two lanes wide, as the loss
 * plugin's SSE2 kernel builds it) gives the bits of nc_vexp (the widest
 * registers of this CPU) lane by lane, its e^x - 1 is within 1 ulp of
 * expm1 for |x| < 0.34 (within 4 ulp elsewhere), and for x <= 0 it
 * keeps what the landscape's old exp promised: within 1 ulp of libm, 1
 * at 0; subnormal results and 0 at the bottom come as exp gives them. */
static void test_vexp_lanes(void **state)
{
    double worst = 0, wm1 = 0;

    (void)state;
    for (int i = 0; i <= 400000; i++) {
        double x = -745.2 + 1455.0 * i / 400000;
        nc_vx_d v = { x, -x * 1e-9 }, m, e = nc_vx_exp(v, &m);

        for (int l = 0; l < 2; l++) {
            double ref = nc_vexp(v[l]);
            assert_memory_equal(&e[l], &ref, sizeof ref);
            if (fabs(v[l]) < 0.34)          /* k = 0: e^r - 1 itself */
                wm1 = fmax(wm1, ulps(m[l], expm1(v[l])));
            else if (fabs(v[l]) < 700)      /* e^x - 1 rounded */
                assert_true(ulps(m[l], expm1(v[l])) <= 4);
        }
        if (x <= 0 && exp(x) >= 0x1p-1022)
            worst = fmax(worst, ulps(e[0], exp(x)));
        if (x <= 0 && exp(x) < 0x1p-1022)
            assert_true(fabs(e[0] - exp(x)) <= 0x1p-1074);
    }
    print_message("nc_vx_exp: %.3f ulp for x <= 0, e^x - 1 %.3f ulp\n",
                  worst, wm1);
    assert_true(worst <= 1 && wm1 <= 1);
    assert_true(nc_vexp(0) == 1 && nc_vexp(-0.0) == 1);
    assert_true(nc_vexp(-746) == 0 && nc_vexp(-1e300) == 0);
    assert_true(nc_vexp(-745.1) > 0 && nc_vexp(-745.1) < 0x1p-1073);
}

/* Adds a(r, t) b(t, j) into C in the textbook order, for mm_nn, mm_tn and
 * mm_nt's references (strides as in mm.c); returns nothing. */
static void mm_ref(int rows, int m, int p, const double *A, long ars,
                   long ats, const double *B, long bts, long bjs, double *C)
{
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < p; j++)
            for (int t = 0; t < m; t++)
                C[r * p + j] += A[r * ars + t * ats] * B[t * bts + j * bjs];
}

/* mm_tn0_sgd gives mm_tn0's C and the bits of W -= lr C after it, for
 * A (n x m), B (n x p) and C, R holding m x p; returns nothing. */
static void mm_sgd_check(int n, int m, int p, const double *A,
                         const double *B, double *C, double *R)
{
    static double W[520 * 520], V[520 * 520];

    for (int i = 0; i < m * p; i++) {
        W[i] = V[i] = sin(i * 0.9);
        C[i] = NAN;
    }
    mm_tn0_sgd(n, m, p, A, B, C, 0.3, W);
    mm_tn0(n, m, p, A, B, R);
    for (int i = 0; i < m * p; i++)
        V[i] -= 0.3 * R[i];
    assert_memory_equal(C, R, sizeof(double) * m * p);
    assert_memory_equal(W, V, sizeof(double) * m * p);
}

/* The packed, blocked products give the textbook loop's bits at sizes
 * that cut every block and tile (edges, one row, past the 256 block), on
 * every path (small products read in place, B^T copied for small mm_nt,
 * packed and blocked, threaded); the products from 0 give the bits of
 * zeroing C first, without reading it. */
static void test_mm(void **state)
{
    static const int sz[][3] = { { 1, 1, 1 }, { 3, 5, 7 }, { 8, 16, 16 },
                                 { 9, 17, 33 }, { 60, 64, 256 },
                                 { 70, 300, 21 }, { 130, 257, 513 },
                                 { 5, 2, 10 }, { 64, 10, 100 },
                                 { 100, 120, 130 }, { 60, 100, 100 },
                                 { 139, 250, 37 } };
    static double A[140 * 520], B[520 * 520], C[520 * 520], R[520 * 520];

    (void)state;
    for (int i = 0; i < 140 * 520; i++)
        A[i] = sin(i * 0.7) * 3;
    for (int i = 0; i < 520 * 520; i++)
        B[i] = cos(i * 1.3) - 0.25;
    for (size_t s = 0; s < sizeof sz / sizeof *sz; s++) {
        int n = sz[s][0], m = sz[s][1], p = sz[s][2];

        for (int i = 0; i < n * p; i++)
            C[i] = R[i] = 0.5 * i;
        mm_nn(n, m, p, A, B, C);
        mm_ref(n, m, p, A, m, 1, B, p, 1, R);
        assert_memory_equal(C, R, sizeof(double) * n * p);
        for (int i = 0; i < m * p; i++)     /* A^T B, A (n x m) */
            C[i] = R[i] = 0.25 * i;
        mm_tn(n, m, p, A, B, C);
        mm_ref(m, n, p, A, 1, m, B, p, 1, R);
        assert_memory_equal(C, R, sizeof(double) * m * p);
        for (int i = 0; i < n * p; i++)     /* A B^T, B (p x m) */
            C[i] = R[i] = -0.5 * i;
        mm_nt(n, m, p, A, B, C);
        mm_ref(n, m, p, A, m, 1, B, 1, m, R);
        assert_memory_equal(C, R, sizeof(double) * n * p);
        for (int v = 0; v < 3; v++) {       /* from 0: C is not read */
            int rows = v == 1 ? m : n;

            for (int i = 0; i < rows * p; i++) {
                C[i] = NAN;
                R[i] = 0;
            }
            if (v == 0) {
                mm_nn0(n, m, p, A, B, C);
                mm_nn(n, m, p, A, B, R);
            } else if (v == 1) {
                mm_tn0(n, m, p, A, B, C);
                mm_tn(n, m, p, A, B, R);
            } else {
                mm_nt0(n, m, p, A, B, C);
                mm_nt(n, m, p, A, B, R);
            }
            assert_memory_equal(C, R, sizeof(double) * rows * p);
        }
        mm_sgd_check(n, m, p, A, B, C, R);
    }
}

/* One product of test_mm_threads: which (0 nn, 1 tn, 2 nt) at size s. */
struct mm_job {
    int which, n, m, p;
    const double *A, *B;
    double *C;
};

/* Runs the product of job t (of two) inside nc_parallel; returns
 * nothing. */
static void mm_job_run(void *ud, int t, int nt)
{
    const struct mm_job *j = (const struct mm_job *)ud + t;

    (void)nt;
    if (j->which == 0)
        mm_nn(j->n, j->m, j->p, j->A, j->B, j->C);
    else if (j->which == 1)
        mm_tn(j->n, j->m, j->p, j->A, j->B, j->C);
    else
        mm_nt(j->n, j->m, j->p, j->A, j->B, j->C);
}

/* Products large enough for threads give the bits of one thread for 2
 * and 3 threads, split by columns (C wider than tall) or rows (taller),
 * and when called from inside nc_parallel (nested: no new threads). */
static void test_mm_threads(void **state)
{
    static const int sz[][3] = { { 256, 512, 512 }, { 600, 300, 200 },
                                 { 130, 520, 520 } };
    static double A[600 * 520], B[520 * 520], C[4][600 * 520];
    const char *nt[] = { "1", "2", "3" };

    (void)state;
    for (int i = 0; i < 600 * 520; i++)
        A[i] = sin(i * 0.31) * 2;
    for (int i = 0; i < 520 * 520; i++)
        B[i] = cos(i * 0.77) + 0.125;
    for (size_t s = 0; s < sizeof sz / sizeof *sz; s++)
        for (int which = 0; which < 3; which++) {
            int n = sz[s][0], m = sz[s][1], p = sz[s][2];
            int rows = which == 1 ? m : n;
            size_t bytes = sizeof(double) * (size_t)rows * p;

            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < rows * p; i++)
                    C[t][i] = 0.5 * (i % 11);
                setenv("NNTUTOR_THREADS", nt[t < 3 ? t : 1], 1);
                if (t < 3) {
                    struct mm_job j = { which, n, m, p, A, B, C[t] };
                    mm_job_run(&j, 0, 1);
                } else {            /* nested: two products at once */
                    static double D[600 * 520];
                    struct mm_job j[2] = { { which, n, m, p, A, B, C[t] },
                                           { which, n, m, p, A, B, D } };
                    for (int i = 0; i < rows * p; i++)
                        D[i] = 0.5 * (i % 11);
                    nc_parallel(2, mm_job_run, j);
                    assert_memory_equal(D, C[0], bytes);
                }
                if (t > 0)
                    assert_memory_equal(C[t], C[0], bytes);
            }
        }
    setenv("NNTUTOR_THREADS", "2", 1);      /* mm_tn0_sgd on threads */
    mm_sgd_check(256, 512, 512, A, B, C[0], C[1]);
    unsetenv("NNTUTOR_THREADS");
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
        cmocka_unit_test(test_vexp),
        cmocka_unit_test(test_vexp_lanes),
        cmocka_unit_test(test_mm),
        cmocka_unit_test(test_mm_threads),
        cmocka_unit_test(test_fit_line),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_cycle),
    };

    (void)fh_num;                       /* fake_host.h helpers not needed */
    (void)fh_arr;
    (void)fh_run;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
