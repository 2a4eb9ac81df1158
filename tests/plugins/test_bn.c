/* SPDX-License-Identifier: MIT */
/* Tests of the bn plugin and the shared MLP: matrix kernels, batch-norm
 * forward/backward against finite differences, MLP gradients, and the
 * plugin's functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <nntutor/bn_math.h>
#include <nntutor/common.h>
#include "fake_host.h"
#include <nntutor/mlp.h>
#include <nntutor/mm.h>

extern const struct nnt_plugin nnt_plugin;

/* Returns max |a - b| / max(max |a|, max |b|) over n values. */
static double rel_err(const double *a, const double *b, size_t n)
{
    double d = 0, m = 0;

    for (size_t i = 0; i < n; i++) {
        d = fmax(d, fabs(a[i] - b[i]));
        m = fmax(m, fmax(fabs(a[i]), fabs(b[i])));
    }
    return m > 0 ? d / m : d;
}

/* Fills v (n values) with standard normal deviates from c's data stream
 * times s plus m; returns nothing. */
static void randn(struct nnt_call *c, double *v, size_t n, double m,
                  double s)
{
    for (size_t i = 0; i < n; i++)
        v[i] = m + s * fh_normal(c, NNT_RNG_DATA);
}

/* The blocked kernels give the textbook loop's bits for awkward sizes. */
static void test_mm_matches_naive(void **state)
{
    static const int sz[] = { 1, 3, 4, 5, 8, 13 };
    struct nnt_call *c = fh_new(1);

    (void)state;
    for (int a = 0; a < 6; a++)
        for (int b = 0; b < 6; b++)
            for (int d = 0; d < 6; d++) {
                int n = sz[a], m = sz[b], p = sz[d];
                double A[13 * 13], B[13 * 13], C[13 * 13], R[13 * 13];
                randn(c, A, (size_t)n * m, 0, 1);
                randn(c, B, (size_t)m * p, 0, 1);
                randn(c, C, (size_t)n * p, 0, 1);
                memcpy(R, C, sizeof R);
                mm_nn(n, m, p, A, B, C);
                for (int i = 0; i < n; i++)
                    for (int k = 0; k < m; k++)
                        for (int j = 0; j < p; j++)
                            R[i * p + j] += A[i * m + k] * B[k * p + j];
                assert_memory_equal(C, R, sizeof(double) * n * p);
                /* A^T B with A n x m, B n x p: C is m x p */
                randn(c, B, (size_t)n * p, 0, 1);
                randn(c, C, (size_t)m * p, 0, 1);
                memcpy(R, C, sizeof R);
                mm_tn(n, m, p, A, B, C);
                for (int k = 0; k < m; k++)
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < p; j++)
                            R[k * p + j] += A[i * m + k] * B[i * p + j];
                assert_memory_equal(C, R, sizeof(double) * m * p);
            }
    fh_free(c);
}

/* x-hat has mean 0 and variance var / (var + eps) per feature. */
static void test_bn_forward_stats(void **state)
{
    enum { B = 10, F = 3 };
    struct nnt_call *c = fh_new(2);
    double x[B * F], xh[B * F], y[B * F], mu[F], var[F], is[F];
    double g[F] = { 1, 2, -1 }, b[F] = { 0, 1, 3 };

    (void)state;
    randn(c, x, B * F, 5, 3);
    bn_forward_train(B, F, x, g, b, 1e-5, mu, var, is, xh, y);
    for (int j = 0; j < F; j++) {
        double m = 0, v = 0;
        for (int i = 0; i < B; i++)
            m += xh[i * F + j] / B;
        for (int i = 0; i < B; i++)
            v += (xh[i * F + j] - m) * (xh[i * F + j] - m) / B;
        assert_true(fabs(m) < 1e-12);
        assert_true(fabs(v - var[j] / (var[j] + 1e-5)) < 1e-12);
        for (int i = 0; i < B; i++)
            assert_true(fabs(y[i * F + j] - (g[j] * xh[i * F + j] + b[j]))
                        < 1e-12);
    }
    fh_free(c);
}

/* Returns sum r * BN(x) for the finite-difference test. */
static double bn_obj(int B, int F, const double *x, const double *g,
                     const double *b, const double *r)
{
    double xh[64], y[64], mu[8], var[8], is[8], s = 0;

    bn_forward_train(B, F, x, g, b, 1e-5, mu, var, is, xh, y);
    for (int i = 0; i < B * F; i++)
        s += r[i] * y[i];
    return s;
}

/* Fills d with central differences of bn_obj in each of v's n values. */
static void bn_fd(int B, int F, double *x, double *g, double *b,
                  const double *r, double *v, int n, double *d)
{
    for (int i = 0; i < n; i++) {
        double keep = v[i], fp, fm;
        v[i] = keep + 1e-6;
        fp = bn_obj(B, F, x, g, b, r);
        v[i] = keep - 1e-6;
        fm = bn_obj(B, F, x, g, b, r);
        v[i] = keep;
        d[i] = (fp - fm) / 2e-6;
    }
}

/* The backward pass for x, gamma and beta matches finite differences. */
static void test_bn_backward_fd(void **state)
{
    enum { B = 6, F = 4 };
    struct nnt_call *c = fh_new(3);
    double x[B * F], r[B * F], g[F], b[F], xh[B * F], y[B * F];
    double mu[F], var[F], is[F], dx[B * F], dg[F], db[F];
    double nx[B * F], ng[F], nb[F];

    (void)state;
    randn(c, x, B * F, 1, 2);
    randn(c, r, B * F, 0, 1);
    randn(c, g, F, 1, 0.5);
    randn(c, b, F, 0, 0.5);
    bn_forward_train(B, F, x, g, b, 1e-5, mu, var, is, xh, y);
    bn_backward(B, F, r, xh, is, g, dx, dg, db);
    bn_fd(B, F, x, g, b, r, x, B * F, nx);
    bn_fd(B, F, x, g, b, r, g, F, ng);
    bn_fd(B, F, x, g, b, r, b, F, nb);
    assert_true(rel_err(dx, nx, B * F) < 1e-6);
    assert_true(rel_err(dg, ng, F) < 1e-6);
    assert_true(rel_err(db, nb, F) < 1e-6);
    bn_backward(B, F, r, xh, is, g, r, dg, db);     /* dx may alias dy */
    assert_memory_equal(r, dx, sizeof dx);
    fh_free(c);
}

/* Running statistics follow PyTorch; eval mode uses them. */
static void test_bn_running_and_eval(void **state)
{
    double x[4] = { 1, 2, 3, 6 }, xh[4], y[4], mu, var, is;
    double g = 2, b = 0.5, rm = 0, rv = 1;

    (void)state;
    bn_forward_train(4, 1, x, &g, &b, 1e-5, &mu, &var, &is, xh, y);
    assert_true(fabs(mu - 3) < 1e-15 && fabs(var - 3.5) < 1e-15);
    bn_update_running(4, 1, &mu, &var, 0.1, &rm, &rv);
    assert_true(fabs(rm - 0.3) < 1e-15);
    assert_true(fabs(rv - (0.9 + 0.1 * 3.5 * 4 / 3)) < 1e-15);
    bn_forward_eval(4, 1, x, &g, &b, &rm, &rv, 1e-5, xh, y);
    for (int i = 0; i < 4; i++)
        assert_true(fabs(y[i] - (g * (x[i] - rm) / sqrt(rv + 1e-5) + b))
                    < 1e-14);
}

/* gamma = sigma, beta = mu gives back the input; a batch of one gives
 * x-hat = 0 in train mode but not in eval mode. */
static void test_bn_restore_and_batch_one(void **state)
{
    struct nnt_call *c = fh_new(4);

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, c, "batchnorm", FH("restore", 1),
                            NULL), 0);
    assert_true(fh_num(c, "restore_err") < 1e-12);
    assert_true(fabs(fh_num(c, "xhat_mean")) < 1e-12);
    fh_free(c);
    c = fh_new(4);
    assert_int_equal(fh_run(&nnt_plugin, c, "batchnorm", FH("batch", 1),
                            NULL), 0);
    assert_true(fh_arr(c, "xhat")[0] == 0);
    assert_true(fh_arr(c, "y")[0] == 0);            /* = beta */
    fh_free(c);
    c = fh_new(5);
    assert_int_equal(fh_run(&nnt_plugin, c, "running", NULL), 0);
    assert_true(fh_num(c, "xhat_train_b1") == 0);
    assert_true(fabs(fh_num(c, "xhat_eval_b1") - 1) < 0.5);
    assert_true(fabs(fh_arr(c, "rmean")[0] - 3) < 0.5);
    fh_free(c);
}

/* With eps = 0, a batch of one (or of equal values) has var + eps = 0:
 * x-hat is 0 there, not 0/0, in train and eval mode, and the backward
 * pass stays finite and matches central differences (x-hat does not move
 * with x, so dx = 0, dgamma = 0, dbeta = sum dy). */
static void test_bn_eps0_zero_variance(void **state)
{
    enum { F = 3 };                         /* a vector pair and a tail */
    double x[4 * F] = { 0.7, -2, 5 }, g[F] = { 1.5, -1, 2 };
    double b[F] = { 0.5, 0, -1 }, dy[F] = { 1, -2, 0.5 };
    double xh[4 * F], y[4 * F], mu[F], var[F], is[F], dx[4 * F];
    double dg[F], db[F], rm[F] = { 0.7, 1, 2 }, rv[F] = { 0, 0, 0 };
    struct nnt_call *c;

    (void)state;
    bn_forward_train(1, F, x, g, b, 0, mu, var, is, xh, y);
    bn_backward(1, F, dy, xh, is, g, dx, dg, db);
    for (int j = 0; j < F; j++) {
        double *p[3] = { &x[j], &g[j], &b[j] }, want[3] = { dx[j], dg[j],
                                                           db[j] };

        assert_true(xh[j] == 0 && y[j] == b[j]);
        assert_true(dx[j] == 0 && dg[j] == 0 && db[j] == dy[j]);
        for (int k = 0; k < 3; k++) {       /* d(sum dy y) / d x, g, b */
            double keep = *p[k], fp = 0, fm = 0;

            *p[k] = keep + 1e-6;
            bn_forward_train(1, F, x, g, b, 0, mu, var, is, xh, y);
            for (int i = 0; i < F; i++)
                fp += dy[i] * y[i];
            *p[k] = keep - 1e-6;
            bn_forward_train(1, F, x, g, b, 0, mu, var, is, xh, y);
            for (int i = 0; i < F; i++)
                fm += dy[i] * y[i];
            *p[k] = keep;
            assert_true(fabs((fp - fm) / 2e-6 - want[k]) < 1e-8);
        }
    }
    for (int i = 0; i < 4 * F; i++)         /* four equal rows */
        x[i] = 3;
    bn_forward_train(4, F, x, g, b, 0, mu, var, is, xh, y);
    bn_backward(4, F, y, xh, is, g, dx, dg, db);
    for (int i = 0; i < 4 * F; i++)
        assert_true(xh[i] == 0 && isfinite(dx[i]));
    bn_forward_eval(1, F, x, g, b, rm, rv, 0, xh, y);   /* 0/0 and 2.3/0 */
    for (int j = 0; j < F; j++)
        assert_true(xh[j] == 0 && y[j] == b[j]);
    c = fh_new(4);
    assert_int_equal(fh_run(&nnt_plugin, c, "batchnorm", FH("batch", 1),
                            FH("eps", 0), NULL), 0);
    assert_true(fh_arr(c, "xhat")[0] == 0);
    assert_true(fh_arr(c, "y")[0] == 0);            /* = beta */
    assert_true(fh_num(c, "xhat_std") == 0 && fh_num(c, "y_std") == 0);
    fh_free(c);
    c = fh_new(4);
    assert_int_equal(fh_run(&nnt_plugin, c, "batchnorm", FH("batch", 1),
                            FH("eps", 0), FH("restore", 1), NULL), 0);
    assert_true(fh_num(c, "restore_err") == 0);
    fh_free(c);
    c = fh_new(5);
    assert_int_equal(fh_run(&nnt_plugin, c, "running", FH("eps", 0), NULL),
                     0);
    assert_true(fh_num(c, "xhat_train_b1") == 0);
    assert_true(isfinite(fh_num(c, "xhat_eval_b1")));
    fh_free(c);
}

/* Checks an MLP's backward pass against central differences; returns
 * the relative error. */
static double mlp_fd_err(struct nnt_call *c, int depth, unsigned bn,
                         enum mlp_act act, int classes)
{
    enum { B = 7, D = 5 };
    struct mlp_spec s = { .inputs = D, .classes = classes, .depth = depth,
                          .width = 6, .act = act, .bn = bn };
    struct mlp net;
    struct mlp_work w;
    double X[B * D], y[B], *num, err;

    assert_int_equal(mlp_new(&net, &s), 0);
    assert_int_equal(mlp_work_new(&w, &net, B), 0);
    mlp_init(&net, 1.0, &fh_host, c);
    for (size_t i = 0; i < net.nparam; i++)
        net.param[i] += 0.3 * fh_normal(c, NNT_RNG_INIT);
    randn(c, X, B * D, 0, 1);
    for (int i = 0; i < B; i++)
        y[i] = i % classes;
    num = malloc(sizeof *num * net.nparam);
    for (size_t i = 0; i < net.nparam; i++) {
        double keep = net.param[i], fp, fm;
        net.param[i] = keep + 1e-6;
        fp = mlp_forward(&net, &w, X, y, B, MLP_PROBE);
        net.param[i] = keep - 1e-6;
        fm = mlp_forward(&net, &w, X, y, B, MLP_PROBE);
        net.param[i] = keep;
        num[i] = (fp - fm) / 2e-6;
    }
    mlp_forward(&net, &w, X, y, B, MLP_PROBE);
    mlp_backward(&net, &w, X, y, B);
    err = rel_err(net.grad, num, net.nparam);
    free(num);
    mlp_work_free(&w);
    mlp_free(&net);
    return err;
}

/* Every activation, with and without batch norm, at depths 0 to 3. */
static void test_mlp_gradients_fd(void **state)
{
    static const unsigned masks[] = { 0, 1, 2, 7 };
    struct nnt_call *c = fh_new(6);

    (void)state;
    for (int act = MLP_SIGMOID; act <= MLP_RELU; act++)
        for (int depth = 0; depth <= 3; depth++)
            for (int m = 0; m < 4; m++) {
                double e = mlp_fd_err(c, depth, masks[m], (enum mlp_act)act,
                                      3);
                if (!(e < 1e-6))
                    fail_msg("act %d depth %d bn %u: rel err %g", act,
                             depth, masks[m], e);
            }
    fh_free(c);
}

/* With no hidden layer and two classes the loss is logistic regression's:
 * log(1 + e^(z_other - z_label)). */
static void test_mlp_logistic_loss(void **state)
{
    struct mlp_spec s = { .inputs = 2, .classes = 2, .depth = 0 };
    struct mlp net;
    struct mlp_work w;
    double X[6] = { 1, 2, -1, 0.5, 0.3, -2 }, y[3] = { 0, 1, 1 }, want = 0;
    struct nnt_call *c = fh_new(7);

    (void)state;
    assert_int_equal(mlp_new(&net, &s), 0);
    assert_int_equal(mlp_work_new(&w, &net, 3), 0);
    mlp_init(&net, 1.0, &fh_host, c);
    net.layer[0].b[1] = 0.25;
    for (int i = 0; i < 3; i++) {
        double z[2];
        for (int k = 0; k < 2; k++)
            z[k] = net.layer[0].b[k] + X[2 * i] * net.layer[0].W[k]
                   + X[2 * i + 1] * net.layer[0].W[2 + k];
        want += nc_log1pexp(z[1 - (int)y[i]] - z[(int)y[i]]) / 3;
    }
    assert_true(fabs(mlp_forward(&net, &w, X, y, 3, MLP_EVAL) - want)
                < 1e-14);
    assert_true(mlp_fd_err(c, 0, 0, MLP_SIGMOID, 2) < 1e-6);
    mlp_work_free(&w);
    mlp_free(&net);
    fh_free(c);
}

/* The plugin's own check agrees. */
static void test_plugin_gradcheck(void **state)
{
    struct nnt_call *c = fh_new(8);

    (void)state;
    for (int act = 0; act < 3; act++) {
        assert_int_equal(fh_run(&nnt_plugin, c, "gradcheck",
                                FH("act", act), NULL), 0);
        assert_true(fh_num(c, "err_dx") < 1e-7);
        assert_true(fh_num(c, "err_dgamma") < 1e-7);
        assert_true(fh_num(c, "err_dbeta") < 1e-7);
        assert_true(fh_num(c, "err_mlp") < 1e-6);
    }
    fh_free(c);
}

/* Same seed, same numbers; batch norm trains the sigmoid net faster. */
static void test_train_bn_vs_plain(void **state)
{
    struct nnt_call *p = fh_new(9), *b = fh_new(9), *b2 = fh_new(9);

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, p, "train", FH("bn", 0), NULL), 0);
    assert_int_equal(fh_run(&nnt_plugin, b, "train", FH("bn", 1), NULL), 0);
    assert_int_equal(fh_run(&nnt_plugin, b2, "train", FH("bn", 1), NULL), 0);
    assert_true(fh_num(b, "final_loss") == fh_num(b2, "final_loss"));
    assert_memory_equal(fh_arr(b, "p50"), fh_arr(b2, "p50"),
                        sizeof(double) * 3 * 16);
    assert_true(fh_num(b, "final_loss") < fh_num(p, "final_loss"));
    assert_true(fh_num(b, "accuracy") > fh_num(p, "accuracy"));
    fh_free(p);
    fh_free(b);
    fh_free(b2);
}

/* Sweeps and the landscape probe produce their arrays. */
static void test_sweeps(void **state)
{
    struct nnt_call *c = fh_new(10);

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, c, "lr_sweep", FH("rates", 3),
                            FH("steps", 20), NULL), 0);
    assert_true(fabs(fh_arr(c, "lr")[2] - 30) < 1e-9);
    assert_true(fh_get(c, "loss_bn")->rows == 3);
    assert_true(fh_get(c, "loss_bn")->cols == 20);
    assert_int_equal(fh_run(&nnt_plugin, c, "init_sweep", FH("steps", 20),
                            NULL), 0);
    assert_true(fabs(fh_arr(c, "scale")[2] - 10) < 1e-12);
    assert_int_equal(fh_run(&nnt_plugin, c, "smoothness", FH("steps", 20),
                            FH("probes", 4), FH("act", MLP_RELU), NULL), 0);
    assert_true(fh_get(c, "beta_bn")->rows == 4);
    assert_true(fh_arr(c, "loss_hi_bn")[0] >= fh_arr(c, "loss_lo_bn")[0]);
    assert_true(fh_num(c, "mean_grad_change_bn") > 0);
    fh_free(c);
}

/* A cancelled run stops with -1. */
static void test_cancel(void **state)
{
    struct nnt_call *c = fh_new(11);

    (void)state;
    c->cancel_after = 1;
    assert_int_equal(fh_run(&nnt_plugin, c, "train", FH("steps", 200), NULL),
                     -1);
    fh_free(c);
}

/* The trace exports the weights before and after its steps. */
static void test_trace(void **state)
{
    struct nnt_call *c = fh_new(12);
    const struct fh_result *w0, *w1;

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, c, "trace", FH("steps", 3), NULL), 0);
    w0 = fh_get(c, "W1_init");
    w1 = fh_get(c, "W1");
    assert_non_null(w0);
    assert_non_null(w1);
    assert_true(w0->rows == 16 && w0->cols == 16);
    assert_true(memcmp(w0->arr, w1->arr, sizeof(double) * 256) != 0);
    assert_non_null(fh_get(c, "gamma3"));
    assert_non_null(fh_get(c, "rvar3"));
    assert_non_null(fh_get(c, "b4"));
    assert_null(fh_get(c, "b1"));                   /* bn: no bias */
    fh_free(c);
}

/* A learning-rate sweep trains its networks on 1 or 3 threads with the
 * same bits: each network is trained whole by one thread. */
static void test_sweep_threads_same_bits(void **state)
{
    struct nnt_call *c1 = fh_new(5), *c3 = fh_new(5);
    const char *names[] = { "loss_plain", "loss_bn", "final_plain",
                            "final_bn" };

    (void)state;
    setenv("NNTUTOR_THREADS", "1", 1);
    assert_int_equal(fh_run(&nnt_plugin, c1, "lr_sweep", FH("rates", 5),
                            FH("steps", 40), NULL), 0);
    setenv("NNTUTOR_THREADS", "3", 1);
    assert_int_equal(fh_run(&nnt_plugin, c3, "lr_sweep", FH("rates", 5),
                            FH("steps", 40), NULL), 0);
    unsetenv("NNTUTOR_THREADS");
    for (int i = 0; i < 4; i++) {
        const struct fh_result *a = fh_get(c1, names[i]);
        const struct fh_result *b = fh_get(c3, names[i]);
        size_t n = a->rows * (a->cols ? a->cols : 1);

        assert_true(a->rows == b->rows && a->cols == b->cols);
        assert_memory_equal(a->arr, b->arr, sizeof(double) * n);
    }
    fh_free(c1);
    fh_free(c3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep_threads_same_bits),
        cmocka_unit_test(test_mm_matches_naive),
        cmocka_unit_test(test_bn_forward_stats),
        cmocka_unit_test(test_bn_backward_fd),
        cmocka_unit_test(test_bn_running_and_eval),
        cmocka_unit_test(test_bn_restore_and_batch_one),
        cmocka_unit_test(test_bn_eps0_zero_variance),
        cmocka_unit_test(test_mlp_gradients_fd),
        cmocka_unit_test(test_mlp_logistic_loss),
        cmocka_unit_test(test_plugin_gradcheck),
        cmocka_unit_test(test_train_bn_vs_plain),
        cmocka_unit_test(test_sweeps),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_trace),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
