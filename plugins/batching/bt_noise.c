/* SPDX-License-Identifier: MIT */
/* The batching plugin's noise and flatness measurements: the variance of
 * the minibatch gradient against the batch size, and a sharpness probe
 * (Keskar et al. 2017) after small- and large-batch training. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/common.h>
#include "bt.h"
#include "bt_fns.h"

/* Puts B distinct random indices of 0..n-1 at the front of perm (a
 * permutation of 0..n-1), by a partial Fisher-Yates shuffle on the
 * shuffle stream; returns nothing. */
static void draw_batch(const struct nnt_host *h, struct nnt_call *c,
                       int *perm, int n, int B)
{
    for (int i = 0; i < B && i < n - 1; i++) {
        int j = i + (int)(h->rng_uniform(c, NNT_RNG_SHUFFLE) * (n - i));
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}

/* Puts the mean-loss gradient of net over rows idx[0..B-1] of d into g;
 * returns nothing. */
static void batch_grad(struct mlp *net, struct mlp_work *w,
                       const struct bt_data *d, const int *idx, int B,
                       double *g)
{
    mlp_gather(net, w, d->X, d->y, idx, B);
    mlp_forward(net, w, w->xb, w->yb, B, MLP_PROBE);
    mlp_backward(net, w, w->xb, w->yb, B);
    memcpy(g, net->grad, sizeof *g * net->nparam);
}

/* Returns |a - b|^2 over n values. */
static double dist2(const double *a, const double *b, size_t n)
{
    double s = 0;

    for (size_t i = 0; i < n; i++)
        s += (a[i] - b[i]) * (a[i] - b[i]);
    return s;
}

/* Reads batch sizes from arg (default 1, 2, 4, ..., 256), each capped at
 * n, into b (at most 16); returns how many. */
static int noise_batches(const struct nnt_value *arg, int n, int *b)
{
    int k = 0;

    if (arg->array.len == 0)
        for (int v = 1; v <= 256 && k < 16; v *= 2)
            b[k++] = v < n ? v : n;
    else
        for (size_t i = 0; i < arg->array.len && k < 16; i++) {
            double v = arg->array.data[i];
            b[k++] = v >= 1 && v < n ? (int)v : n;
        }
    return k;
}

/* Returns the least-squares slope of log y against log x (k <= 16
 * points) and puts the intercept in *icpt. */
static double loglog_slope(const double *x, const double *y, int k,
                           double *icpt)
{
    double lx[16], ly[16], slope;

    for (int i = 0; i < k; i++) {
        lx[i] = log(x[i]);
        ly[i] = log(y[i]);
    }
    nc_fit_line(lx, ly, k, &slope, icpt);
    return slope;
}

/* Puts batch, variance (mean |g_B - g|^2 over trials) and theory
 * (sigma^2 / B (N - B) / (N - 1)) per batch size, the fitted log-log
 * slope and intercept, sample_variance and grad_norm2; returns 0 or -1.
 */
int bt_grad_noise_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args)
{
    struct bt_data d;
    struct mlp net;
    struct mlp_work w;
    struct mlp_spec s = bt_spec(args);
    struct bt_record none = { 0 };
    int b[16], k, T = (int)args[NOISE_TRIALS].integer, rc = -1, *perm;
    double *g, *gb, *bs, *var, *th, sigma2 = 0, icpt, slope;

    if (bt_data_new(&d, h, c, args) < 0)
        return -1;
    k = noise_batches(&args[NOISE_BATCHES], d.n, b);
    bs = h->put_array(c, "batch", (size_t)k, 0);
    var = h->put_array(c, "variance", (size_t)k, 0);
    th = h->put_array(c, "theory", (size_t)k, 0);
    perm = malloc(sizeof *perm * (size_t)d.n);
    memset(&w, 0, sizeof w);
    if (!bs || !var || !th || !perm || mlp_new(&net, &s) < 0) {
        free(perm);
        bt_data_free(&d);
        return bs && var && th ? h->fail(c, "out of memory") : -1;
    }
    g = malloc(sizeof *g * 2 * net.nparam);
    if (!g || mlp_work_new(&w, &net, d.n) < 0) {
        h->fail(c, "out of memory for %d samples", d.n);
        goto out;
    }
    gb = g + net.nparam;
    bt_init(&net, h, c);
    if (bt_train(&net, &w, &d, 32, (int)args[NOISE_EPOCHS].integer,
                 args[NOISE_LR].num, &none, h, c, 0, 0.2) < 0)
        goto out;
    for (int i = 0; i < d.n; i++)
        perm[i] = i;
    batch_grad(&net, &w, &d, perm, d.n, g);         /* the full gradient */
    for (int i = 0; i < d.n; i++) {                 /* per-sample spread */
        batch_grad(&net, &w, &d, perm + i, 1, gb);
        sigma2 += dist2(gb, g, net.nparam) / d.n;
    }
    for (int j = 0; j < k; j++) {
        double acc = 0;
        for (int t = 0; t < T; t++) {
            draw_batch(h, c, perm, d.n, b[j]);
            batch_grad(&net, &w, &d, perm, b[j], gb);
            acc += dist2(gb, g, net.nparam);
        }
        bs[j] = b[j];
        var[j] = acc / T;
        th[j] = d.n > 1 ? sigma2 / b[j] * (d.n - b[j]) / (d.n - 1.0) : 0;
        if (h->progress(c, 0.2 + 0.8 * (j + 1) / k))
            goto out;
    }
    slope = loglog_slope(bs, var, k, &icpt);
    h->put_number(c, "slope", slope);
    h->put_number(c, "intercept", icpt);
    h->put_number(c, "sample_variance", sigma2);
    memset(gb, 0, sizeof *gb * net.nparam);
    h->put_number(c, "grad_norm2", dist2(g, gb, net.nparam));
    rc = 0;
out:
    free(g);
    free(perm);
    mlp_work_free(&w);
    mlp_free(&net);
    bt_data_free(&d);
    return rc;
}

/* Returns the mean rise of the training loss of net when every parameter
 * w_i moves by a uniform amount in [-eps (|w_i| + 1), eps (|w_i| + 1)]
 * (Keskar et al.'s box), over `probes` draws on the init stream; save
 * holds nparam doubles.  The parameters are restored. */
static double loss_rise(struct mlp *net, struct mlp_work *w,
                        const struct bt_data *d, double eps, int probes,
                        double *save, const struct nnt_host *h,
                        struct nnt_call *c)
{
    double l0 = mlp_dataset_loss(net, w, d->X, d->y, d->n, MLP_EVAL, NULL);
    double rise = 0;

    memcpy(save, net->param, sizeof *save * net->nparam);
    for (int p = 0; p < probes; p++) {
        for (size_t i = 0; i < net->nparam; i++) {
            double u = 2 * h->rng_uniform(c, NNT_RNG_INIT) - 1;
            net->param[i] = save[i] + eps * (fabs(save[i]) + 1) * u;
        }
        rise += mlp_dataset_loss(net, w, d->X, d->y, d->n, MLP_EVAL, NULL)
                - l0;
    }
    memcpy(net->param, save, sizeof *save * net->nparam);
    return rise / probes;
}

/* Puts number v as result KEY_SUFFIX; returns nothing. */
static void put2(const struct nnt_host *h, struct nnt_call *c,
                 const char *key, const char *suffix, double v)
{
    char name[48];

    snprintf(name, sizeof name, "%s_%s", key, suffix);
    h->put_number(c, name, v);
}

/* The results of one of the two runs of the sharpness probe. */
struct sharp_out {
    const char *suffix;
    int batch, epochs;
    double lr, *rise;
};

/* Puts eps, rise_small and rise_large (mean loss rise per eps) and, for
 * each run (suffix _small, _large), train and test loss and accuracy,
 * gap, sharpness (the rise at eps), batch and updates; returns 0 or -1.
 */
int bt_sharpness_run(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *args)
{
    struct bt_data d;
    struct mlp net0, net;
    struct mlp_work w;
    struct mlp_spec s = bt_spec(args);
    int E = (int)args[SHARP_EPOCHS].integer, probes, rc = -1, ne = 8;
    double eps = args[SHARP_EPS].num, *ex, *save = NULL;
    struct sharp_out run[2];
    char name[48];

    if (bt_data_new(&d, h, c, args) < 0)
        return -1;
    probes = (int)args[SHARP_PROBES].integer;
    run[0] = (struct sharp_out){ .suffix = "small", .epochs = E,
                                 .batch = (int)args[SHARP_SMALL].integer,
                                 .lr = args[SHARP_LR].num };
    run[1] = (struct sharp_out){ .suffix = "large", .epochs =
                                 (int)args[SHARP_LARGE_EPOCHS].integer,
                                 .batch = (int)args[SHARP_LARGE].integer,
                                 .lr = args[SHARP_LARGE_LR].num > 0
                                       ? args[SHARP_LARGE_LR].num
                                       : args[SHARP_LR].num };
    for (int r = 0; r < 2; r++) {
        run[r].batch = run[r].batch < 1 || run[r].batch > d.n ? d.n
                                                              : run[r].batch;
        run[r].epochs = run[r].epochs < 1 ? E : run[r].epochs;
        snprintf(name, sizeof name, "rise_%s", run[r].suffix);
        if (!(run[r].rise = h->put_array(c, name, (size_t)ne, 0))) {
            bt_data_free(&d);
            return -1;
        }
    }
    if (!(ex = h->put_array(c, "eps", (size_t)ne, 0))) {
        bt_data_free(&d);
        return -1;
    }
    for (int i = 0; i < ne; i++)            /* eps / 8 .. eps, log-spaced */
        ex[i] = eps * pow(8.0, (double)(i - (ne - 1)) / (ne - 1));
    if (mlp_new(&net0, &s) < 0
        || !(save = malloc(sizeof *save * net0.nparam))) {
        mlp_free(&net0);
        bt_data_free(&d);
        return h->fail(c, "out of memory");
    }
    bt_init(&net0, h, c);
    for (int r = 0; r < 2; r++) {
        struct bt_record rec = { 0 };
        double tr, te, atr, ate;
        if (mlp_new(&net, &s) < 0 || mlp_work_new(&w, &net, d.n) < 0) {
            mlp_free(&net);
            h->fail(c, "out of memory");
            goto out;
        }
        mlp_copy_weights(&net, &net0);
        rc = bt_train(&net, &w, &d, run[r].batch, run[r].epochs, run[r].lr,
                      &rec, h, c, 0.45 * r, 0.45 * (r + 1));
        tr = mlp_dataset_loss(&net, &w, d.X, d.y, d.n, MLP_EVAL, &atr);
        te = mlp_dataset_loss(&net, &w, d.Xt, d.yt, d.ntest, MLP_EVAL, &ate);
        for (int i = 0; rc == 0 && i < ne; i++)
            run[r].rise[i] = loss_rise(&net, &w, &d, ex[i], probes, save,
                                       h, c);
        put2(h, c, "train_loss", run[r].suffix, tr);
        put2(h, c, "test_loss", run[r].suffix, te);
        put2(h, c, "train_acc", run[r].suffix, atr);
        put2(h, c, "test_acc", run[r].suffix, ate);
        put2(h, c, "gap", run[r].suffix, te - tr);
        put2(h, c, "sharpness", run[r].suffix, run[r].rise[ne - 1]);
        put2(h, c, "batch", run[r].suffix, run[r].batch);
        put2(h, c, "updates", run[r].suffix,
             (double)run[r].epochs * mb_per_epoch(d.n, run[r].batch, 0));
        mlp_work_free(&w);
        mlp_free(&net);
        if (rc < 0)
            goto out;
    }
    h->progress(c, 1);
out:
    free(save);
    mlp_free(&net0);
    bt_data_free(&d);
    return rc;
}
