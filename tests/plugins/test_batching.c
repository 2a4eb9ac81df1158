/* SPDX-License-Identifier: MIT */
/* Tests of the batching plugin and the shared minibatch iterator:
 * iterations per epoch, drop_last, the step mode's counters, the
 * logistic loss gradient against finite differences, gradient variance
 * against 1/B, and the training functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "fake_host.h"
#include <nntutor/minibatch.h>
#include <nntutor/mlp.h>

extern const struct nnt_plugin nnt_plugin;

/* ceil(N/B) iterations per epoch, floor(N/B) with drop_last (none when
 * B > N, as in PyTorch); every sample once per epoch without drop_last. */
static void test_iterations_per_epoch(void **state)
{
    struct nnt_call *c = fh_new(1);

    (void)state;
    for (int n = 1; n <= 40; n++)
        for (int b = 1; b <= 45; b++)
            for (int drop = 0; drop <= 1; drop++) {
                struct mb_iter it;
                int seen[40] = { 0 }, iters = 0, k;
                const int *idx;

                assert_int_equal(mb_per_epoch(n, b, drop),
                                 drop ? n / b : (n + b - 1) / b);
                assert_int_equal(mb_init(&it, n, b, 1, drop), 0);
                mb_epoch(&it, &fh_host, c);
                while ((k = mb_next(&it, &idx)) > 0) {
                    iters++;
                    assert_true(k == b || (!drop && k == n % b));
                    for (int i = 0; i < k; i++)
                        seen[idx[i]]++;
                }
                assert_int_equal(iters, mb_per_epoch(n, b, drop));
                for (int i = 0; i < n && !drop; i++)
                    assert_int_equal(seen[i], 1);
                assert_int_equal(it.seen, drop ? iters * b : n);
                mb_free(&it);
            }
    fh_free(c);
}

/* The schedule function agrees, and says what drop_last drops. */
static void test_schedule(void **state)
{
    struct nnt_call *c = fh_new(2);
    const double *s;

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, c, "schedule", FH("n", 10),
                            FH("batch", 4), FH("epochs", 2), NULL), 0);
    assert_true(fh_num(c, "iterations_per_epoch") == 3);
    assert_true(fh_num(c, "iterations") == 6);
    assert_true(fh_num(c, "samples_seen") == 20);
    assert_true(fh_num(c, "last_batch") == 2);
    assert_true(fh_num(c, "dropped") == 0);
    s = fh_arr(c, "sample");
    for (int e = 0; e < 2; e++) {             /* a permutation per epoch */
        int hit[11] = { 0 };
        for (int i = 0; i < 10; i++)
            hit[(int)s[e * 10 + i]]++;
        for (int i = 1; i <= 10; i++)
            assert_int_equal(hit[i], 1);
    }
    assert_int_equal(fh_run(&nnt_plugin, c, "schedule", FH("n", 10),
                            FH("batch", 4), FH("drop_last", 1), NULL), 0);
    assert_true(fh_num(c, "iterations_per_epoch") == 2);
    assert_true(fh_num(c, "dropped") == 2);
    assert_true(fh_num(c, "samples_seen") == 16);
    assert_int_equal(fh_run(&nnt_plugin, c, "schedule", FH("n", 5),
                            FH("batch", 2), FH("shuffle", 0), NULL), 0);
    for (int i = 0; i < 5; i++)               /* in order without shuffle */
        assert_true(fh_arr(c, "sample")[i] == i + 1);
    fh_free(c);
}

/* The step mode counts epochs, iterations and samples as they pass. */
static void test_step_counters(void **state)
{
    (void)state;
    for (int k = 1; k <= 9; k++) {
        struct nnt_call *c = fh_new(3);
        /* n = 12, B = 5: iterations of 5, 5, 2 samples per epoch */
        assert_int_equal(fh_run(&nnt_plugin, c, "step", FH("upto", k), NULL),
                         0);
        assert_true(fh_num(c, "iteration") == k);
        assert_true(fh_num(c, "epoch") == (k - 1) / 3 + 1);
        assert_true(fh_num(c, "iteration_in_epoch") == (k - 1) % 3 + 1);
        assert_true(fh_num(c, "samples_seen")
                    == 12 * ((k - 1) / 3) + ((k - 1) % 3 == 2 ? 12
                                             : 5 * ((k - 1) % 3 + 1)));
        assert_true(fh_get(c, "batch_samples")->rows
                    == ((k - 1) % 3 == 2 ? 2u : 5u));
        assert_true(fh_get(c, "t_seen")->rows == (size_t)k);
        fh_free(c);
    }
}

/* Returns the relative error of the logistic-regression (two-class
 * softmax, no hidden layer) gradient against central differences. */
static double logistic_fd_err(struct nnt_call *c, int B)
{
    struct mlp_spec s = { .inputs = 2, .classes = 2, .depth = 0 };
    struct mlp net;
    struct mlp_work w;
    double X[64], y[32], num[6], d = 0, m = 0;

    assert_int_equal(mlp_new(&net, &s), 0);
    assert_int_equal(mlp_work_new(&w, &net, B), 0);
    mlp_init(&net, 1.0, &fh_host, c);
    net.layer[0].b[0] = 0.3;
    for (int i = 0; i < 2 * B; i++)
        X[i] = fh_normal(c, NNT_RNG_DATA);
    for (int i = 0; i < B; i++)
        y[i] = fh_uniform(c, NNT_RNG_DATA) < 0.5;
    for (size_t i = 0; i < net.nparam; i++) {
        double keep = net.param[i], fp, fm;
        net.param[i] = keep + 1e-6;
        fp = mlp_forward(&net, &w, X, y, B, MLP_TRAIN);
        net.param[i] = keep - 1e-6;
        fm = mlp_forward(&net, &w, X, y, B, MLP_TRAIN);
        net.param[i] = keep;
        num[i] = (fp - fm) / 2e-6;
    }
    mlp_forward(&net, &w, X, y, B, MLP_TRAIN);
    mlp_backward(&net, &w, X, y, B);
    for (size_t i = 0; i < net.nparam; i++) {
        d = fmax(d, fabs(net.grad[i] - num[i]));
        m = fmax(m, fmax(fabs(net.grad[i]), fabs(num[i])));
    }
    mlp_work_free(&w);
    mlp_free(&net);
    return d / m;
}

/* The logistic loss gradient matches finite differences at every B. */
static void test_logistic_gradient_fd(void **state)
{
    struct nnt_call *c = fh_new(4);

    (void)state;
    for (int B = 1; B <= 32; B *= 2)
        assert_true(logistic_fd_err(c, B) < 1e-7);
    fh_free(c);
}

/* Variance of the minibatch gradient falls like 1/B: fitted log-log
 * slope near -1, and each point near sigma^2 / B (N - B) / (N - 1). */
static void test_gradient_variance(void **state)
{
    struct nnt_call *c = fh_new(5);
    const double *v, *th;

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, c, "grad_noise", FH("epochs", 2),
                            FH("trials", 400), NULL), 0);
    assert_true(fabs(fh_num(c, "slope") + 1) < 0.1);
    v = fh_arr(c, "variance");
    th = fh_arr(c, "theory");
    for (size_t i = 0; i < fh_get(c, "variance")->rows; i++)
        assert_true(fabs(v[i] / th[i] - 1) < 0.35);
    fh_free(c);
}

/* Same data and start: more updates per epoch make more progress per
 * epoch; with the linear scaling rule the curves agree. */
static void test_sweep(void **state)
{
    static const double bs[] = { 8, 128 };
    struct nnt_call *c = fh_new(6);
    const double *tl;

    (void)state;
    fh_array.name = "batches";
    fh_array.data = bs;
    fh_array.len = 2;
    assert_int_equal(fh_run(&nnt_plugin, c, "sweep", FH("epochs", 5),
                            FH("lr", 0.05), NULL), 0);
    tl = fh_arr(c, "train_loss");             /* 2 x 6 */
    assert_true(tl[0] == tl[6]);              /* the same start */
    assert_true(tl[1] < tl[7] - 0.05);        /* epoch 1: B = 8 ahead */
    assert_true(fh_arr(c, "updates")[5] == 5 * 250);
    assert_true(fh_arr(c, "updates")[11] == 5 * 16);
    assert_true(fh_arr(c, "memory")[1] == 16 * fh_arr(c, "memory")[0]);
    assert_int_equal(fh_run(&nnt_plugin, c, "sweep", FH("epochs", 5),
                            FH("lr", 0.05), FH("scale_lr", 1),
                            FH("base_batch", 8), NULL), 0);
    tl = fh_arr(c, "train_loss");
    assert_true(fabs(fh_arr(c, "lr")[1] - 0.8) < 1e-12);
    for (int e = 1; e <= 5; e++)
        assert_true(fabs(tl[e] - tl[6 + e]) < 0.02);
    fh_array.name = NULL;
    fh_free(c);
}

/* One run records per-iteration and per-epoch values; the cross-check
 * export agrees with a plain SGD step. */
static void test_train_and_batch_grad(void **state)
{
    struct nnt_call *c = fh_new(7);
    const double *p0, *g, *p1;

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, c, "train", FH("batch", 300),
                            FH("epochs", 3), NULL), 0);
    assert_true(fh_num(c, "iterations_per_epoch") == 7);
    assert_true(fh_get(c, "iter_loss")->rows == 21);
    assert_true(fh_arr(c, "updates")[3] == 21);
    assert_true(fh_arr(c, "train_loss")[3] < fh_arr(c, "train_loss")[0]);
    assert_int_equal(fh_run(&nnt_plugin, c, "batch_grad", FH("steps", 1),
                            FH("lr", 0.5), NULL), 0);
    p0 = fh_arr(c, "param_init");
    g = fh_arr(c, "grad");
    p1 = fh_arr(c, "param");
    for (int i = 0; i < 6; i++)
        assert_true(fabs(p1[i] - (p0[i] - 0.5 * g[i])) < 1e-15);
    fh_free(c);
}

/* With its defaults (an MLP on 200 noisy points, B = 8 for 100 epochs
 * against full batch for 1500) the large batch ends sharper, with a
 * larger train/test gap. */
static void test_sharpness(void **state)
{
    struct nnt_call *c = fh_new(8);

    (void)state;
    assert_int_equal(fh_run(&nnt_plugin, c, "sharpness", FH("probes", 10),
                            NULL), 0);
    assert_true(fh_num(c, "batch_large") == 200);
    assert_true(fh_num(c, "updates_small") == 100 * 25);
    assert_true(fh_num(c, "updates_large") == 1500);
    assert_true(fh_arr(c, "rise_large")[7] > fh_arr(c, "rise_large")[0]);
    assert_true(fh_num(c, "sharpness_large") > fh_num(c, "sharpness_small"));
    assert_true(fh_num(c, "gap_large") > fh_num(c, "gap_small"));
    c->cancel_after = 1;                      /* and stops when asked */
    assert_int_equal(fh_run(&nnt_plugin, c, "sweep", NULL), -1);
    fh_free(c);
}

/* A million samples train (the ceiling), and a long epoch reports
 * progress within itself: a cancel stops it in the first epoch. */
static void test_long_epoch_cancels(void **state)
{
    struct nnt_call *c = fh_new(9);

    (void)state;
    c->cancel_after = 2;
    assert_int_equal(fh_run(&nnt_plugin, c, "train", FH("n", 1000000),
                            FH("batch", 1), FH("epochs", 1), NULL), -1);
    assert_int_equal(c->progress_calls, 2);
    fh_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iterations_per_epoch),
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_step_counters),
        cmocka_unit_test(test_logistic_gradient_fd),
        cmocka_unit_test(test_gradient_variance),
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_train_and_batch_grad),
        cmocka_unit_test(test_sharpness),
        cmocka_unit_test(test_long_epoch_cancels),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
