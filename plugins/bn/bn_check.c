/* SPDX-License-Identifier: MIT */
/* The bn plugin's checks: batch-norm and MLP gradients against finite
 * differences, and a trace of a few SGD steps for cross-checking. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bn_exp.h"
#include "bn_fns.h"
#include <nntutor/bn_math.h>

/* Returns max |a - b| / max(max |a|, max |b|) over n values (0 when both
 * are zero; NaN when any difference is NaN, so a broken gradient can
 * never pass a check: fmax would drop the NaN). */
static double rel_err(const double *a, const double *b, size_t n)
{
    double d = 0, m = 0;

    for (size_t i = 0; i < n; i++) {
        double e = fabs(a[i] - b[i]);
        if (isnan(e) || e > d)
            d = isnan(d) ? d : e;
        m = fmax(m, fmax(fabs(a[i]), fabs(b[i])));
    }
    return m > 0 ? d / m : d;
}

/* Returns sum r * BN(x; gamma, beta) over a B x F batch (train mode);
 * tmp holds 2 B F + 3 F doubles. */
static double bn_objective(int B, int F, const double *x, const double *g,
                           const double *b, const double *r, double eps,
                           double *tmp)
{
    double *xhat = tmp, *y = tmp + (size_t)B * F, *mu = y + (size_t)B * F;
    double s = 0;

    bn_forward_train(B, F, x, g, b, eps, mu, mu + F, mu + 2 * F, xhat, y);
    for (size_t i = 0; i < (size_t)B * F; i++)
        s += r[i] * y[i];
    return s;
}

/* Replaces dv[i] by the central difference (f(v + h) - f(v - h)) / 2h of
 * the batch-norm objective in each of the n values of v (one of x, g, b);
 * returns nothing. */
static void bn_numeric(int B, int F, double *x, double *g, double *b,
                       const double *r, double eps, double hstep, double *v,
                       size_t n, double *dv, double *tmp)
{
    for (size_t i = 0; i < n; i++) {
        double keep = v[i], fp, fm;
        v[i] = keep + hstep;
        fp = bn_objective(B, F, x, g, b, r, eps, tmp);
        v[i] = keep - hstep;
        fm = bn_objective(B, F, x, g, b, r, eps, tmp);
        v[i] = keep;
        dv[i] = (fp - fm) / (2 * hstep);
    }
}

/* Returns the relative error of an MLP's backward pass (batch norm in its
 * first hidden layer, a plain second one, B rows) against central
 * differences with step hstep, or -1 if out of memory. */
static double mlp_check(const struct nnt_host *h, struct nnt_call *c, int B,
                        enum mlp_act act, double hstep)
{
    struct mlp_spec s = { .inputs = 4, .classes = 3, .depth = 2,
                          .width = 6, .act = act, .bn = 1 };
    struct mlp net;
    struct mlp_work w;
    double *X = malloc(sizeof *X * (size_t)B * 5), *y, *num = NULL, err = -1;

    if (!X || mlp_new(&net, &s) < 0) {
        free(X);
        return -1;
    }
    y = X + (size_t)B * 4;
    if (mlp_work_new(&w, &net, B) < 0 ||
        !(num = malloc(sizeof *num * net.nparam)))
        goto out;
    mlp_init(&net, 1.0, h, c);
    for (size_t i = 0; i < net.nparam; i++)     /* b, gamma, beta too */
        net.param[i] += 0.3 * h->rng_normal(c, NNT_RNG_INIT);
    for (int i = 0; i < B * 4; i++)
        X[i] = h->rng_normal(c, NNT_RNG_DATA);
    for (int i = 0; i < B; i++)
        y[i] = i % 3;
    for (size_t i = 0; i < net.nparam; i++) {
        double keep = net.param[i], fp, fm;
        net.param[i] = keep + hstep;
        fp = mlp_forward(&net, &w, X, y, B, MLP_PROBE);
        net.param[i] = keep - hstep;
        fm = mlp_forward(&net, &w, X, y, B, MLP_PROBE);
        net.param[i] = keep;
        num[i] = (fp - fm) / (2 * hstep);
    }
    mlp_forward(&net, &w, X, y, B, MLP_PROBE);
    mlp_backward(&net, &w, X, y, B);
    err = rel_err(net.grad, num, net.nparam);
out:
    free(num);
    free(X);
    mlp_work_free(&w);
    mlp_free(&net);
    return err;
}

/* Puts a random batch `input` (batch x features), gamma, beta, the
 * upstream gradient, `output` = BN(input) and the analytic and numeric dx, dgamma, dbeta, their
 * relative errors err_dx, err_dgamma, err_dbeta, and err_mlp for a whole
 * MLP; returns 0 or -1. */
int bn_gradcheck_run(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *args)
{
    int B = (int)args[GC_BATCH].integer, F = (int)args[GC_FEATURES].integer;
    double eps = args[GC_EPS].num, hstep = args[GC_H].num, *tmp, e;
    size_t n = (size_t)B * F;
    double *x = h->put_array(c, "input", (size_t)B, (size_t)F);
    double *g = h->put_array(c, "gamma", (size_t)F, 0);
    double *b = h->put_array(c, "beta", (size_t)F, 0);
    double *r = h->put_array(c, "upstream", (size_t)B, (size_t)F);
    double *y = h->put_array(c, "output", (size_t)B, (size_t)F);
    double *dx = h->put_array(c, "dx", (size_t)B, (size_t)F);
    double *dg = h->put_array(c, "dgamma", (size_t)F, 0);
    double *db = h->put_array(c, "dbeta", (size_t)F, 0);
    double *nx = h->put_array(c, "dx_numeric", (size_t)B, (size_t)F);
    double *ng = h->put_array(c, "dgamma_numeric", (size_t)F, 0);
    double *nb = h->put_array(c, "dbeta_numeric", (size_t)F, 0);

    if (!x || !g || !b || !r || !y || !dx || !dg || !db || !nx || !ng || !nb)
        return -1;
    if (!(tmp = malloc(sizeof *tmp * (3 * n + 3 * (size_t)F))))
        return h->fail(c, "out of memory");
    for (size_t i = 0; i < n; i++) {
        x[i] = 1 + 2 * h->rng_normal(c, NNT_RNG_DATA);
        r[i] = h->rng_normal(c, NNT_RNG_DATA);
    }
    for (int j = 0; j < F; j++) {
        g[j] = 1 + 0.5 * h->rng_normal(c, NNT_RNG_INIT);
        b[j] = 0.5 * h->rng_normal(c, NNT_RNG_INIT);
    }
    bn_objective(B, F, x, g, b, r, eps, tmp);
    memcpy(y, tmp + n, sizeof *y * n);
    bn_backward(B, F, r, tmp, tmp + 2 * n + 2 * F, g, dx, dg, db);
    bn_numeric(B, F, x, g, b, r, eps, hstep, x, n, nx, tmp);
    bn_numeric(B, F, x, g, b, r, eps, hstep, g, (size_t)F, ng, tmp);
    bn_numeric(B, F, x, g, b, r, eps, hstep, b, (size_t)F, nb, tmp);
    free(tmp);
    h->put_number(c, "err_dx", rel_err(dx, nx, n));
    h->put_number(c, "err_dgamma", rel_err(dg, ng, (size_t)F));
    h->put_number(c, "err_dbeta", rel_err(db, nb, (size_t)F));
    e = mlp_check(h, c, B, (enum mlp_act)args[GC_ACT].choice, hstep);
    if (e < 0)
        return h->fail(c, "out of memory");
    h->put_number(c, "err_mlp", e);
    return 0;
}

/* Puts layer l's parameters of net as NAME<l+1>SUFFIX (W as a 2-D
 * array); returns 0 or -1. */
static int put_layer(const struct nnt_host *h, struct nnt_call *c,
                     const struct mlp *net, int l, const char *suffix)
{
    const struct mlp_layer *L = &net->layer[l];
    const double *src[] = { L->W, L->b, L->gamma, L->beta, L->rmean,
                            L->rvar };
    static const char *const names[] = { "W", "b", "gamma", "beta", "rmean",
                                         "rvar" };
    char name[32];

    for (int i = 0; i < 6; i++) {
        size_t rows = i == 0 ? (size_t)L->nin : (size_t)L->nout;
        size_t cols = i == 0 ? (size_t)L->nout : 0;
        double *dst;
        if (!src[i] || (i > 0 && *suffix))     /* init: W only */
            continue;
        snprintf(name, sizeof name, "%s%d%s", names[i], l + 1, suffix);
        if (!(dst = h->put_array(c, name, rows, cols)))
            return -1;
        memcpy(dst, src[i], sizeof *dst * rows * (cols ? cols : 1));
    }
    return 0;
}

/* Puts the data X, y, the batches of each step, every layer's initial
 * weights W<l>_init and, after the steps, W<l>, b<l>, gamma<l>, beta<l>,
 * rmean<l>, rvar<l>, and the loss per step; returns 0 or -1. */
int bn_trace_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args)
{
    struct bn_exp e;
    struct bn_run r;
    int rc = -1, d, L;
    double *X, *y, *bt;

    if (bn_exp_new(&e, h, c, args) < 0)
        return -1;
    if (bn_run_new(&r, &e, args[TRACE_BN].boolean, args[TRACE_LR].num,
                   NULL, h, c) < 0)
        goto out_exp;
    d = e.spec.inputs;
    L = r.net.nlayers;
    X = h->put_array(c, "X", (size_t)e.ntrain, (size_t)d);
    y = h->put_array(c, "y", (size_t)e.ntrain, 0);
    bt = h->put_array(c, "batches", (size_t)e.steps, (size_t)e.batch);
    if (!X || !y || !bt)
        goto out;
    memcpy(X, e.X, sizeof *X * (size_t)e.ntrain * d);
    memcpy(y, e.y, sizeof *y * (size_t)e.ntrain);
    for (int l = 0; l < L; l++)
        if (put_layer(h, c, &r.net, l, "_init") < 0)
            goto out;
    for (int t = 0; t < e.steps; t++) {
        const int *idx;
        int B = mb_cycle(&e.batches, h, c, &idx);
        for (int i = 0; i < B; i++)
            bt[(size_t)t * e.batch + i] = idx[i];
        bn_run_step(&r, &e, idx, B, t);
    }
    for (int l = 0; l < L; l++)
        if (put_layer(h, c, &r.net, l, "") < 0)
            goto out;
    bt = h->put_array(c, "loss", (size_t)e.steps, 0);
    if (!bt)
        goto out;
    memcpy(bt, r.loss, sizeof *bt * (size_t)e.steps);
    rc = 0;
out:
    bn_run_free(&r);
out_exp:
    bn_exp_free(&e);
    return rc;
}
