/* SPDX-License-Identifier: MIT */
/* Run callbacks that iterate: regularisation paths, ISTA, and proximal
 * against subgradient steps on the same lasso problem. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reg_math.h"
#include "reg_run.h"

#define SAID (-100)             /* a failure already told to the host */

/* qsort comparator: larger doubles first. */
static int descending(const void *pa, const void *pb)
{
    double x = *(const double *)pa, y = *(const double *)pb;

    return (x < y) - (x > y);
}

/* Fills the lambda grid of path into lam (m values, largest first) and
 * puts lambda_max; returns 0 or -1. */
static int path_grid(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *a, const struct reg_gram *g,
                     double r, double *lam, int m)
{
    double amax = reg_alpha_max(g, r > 0 ? r : 1.0);

    h->put_number(c, "lambda_max", amax);
    if (a[PATH_LAMBDAS].given) {
        memcpy(lam, a[PATH_LAMBDAS].array.data, (size_t)m * sizeof *lam);
        for (int i = 0; i < m; i++)
            if (!(lam[i] >= 0) || !isfinite(lam[i]))
                return h->fail(c, "path: lambdas[%d] = %g; every lambda "
                               "must be a finite number >= 0", i + 1,
                               lam[i]);
        qsort(lam, (size_t)m, sizeof *lam, descending);    /* as sklearn */
        return 0;
    }
    /* X^T y = 0 (say y constant): every lambda gives w = 0; draw that
     * on a grid from 1 rather than fail */
    if (amax <= 0)
        amax = 1.0;
    reg_alpha_grid(amax * a[PATH_START].num, amax * a[PATH_EPS].num, m, lam);
    return 0;
}

/* Puts lambdas, coef (m x p), zeros, train_mse, test_mse (with a test
 * set), n_iter, gap, converged and lambda_max; returns 0 or -1. */
int reg_run_path(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a)
{
    static const double ratio_of[] = { 1.0, 0.0, -1.0 };
    int pen = a[PATH_PENALTY].choice, m, p, rc, conv = 1;
    double r = pen == PEN_ENET ? a[PATH_RATIO].num : ratio_of[pen];
    double *lam, *coef, *zeros, *train, *test = NULL, *iters, *gaps;
    struct reg_tick tk;
    struct reg_data d;
    struct reg_gram g;

    m = a[PATH_LAMBDAS].given ? (int)a[PATH_LAMBDAS].array.len
                           : (int)a[PATH_NLAMBDA].integer;
    if (reg_data_get(h, c, a, 1, (int)a[PATH_NTEST].integer, PATH_XTEST,
                     PATH_YTEST, &d) < 0)
        return -1;
    p = d.p;
    tk = reg_tick_for(h, c, (double)m * p * (20.0 * p + d.nt));
    /* wide data: at most n coefficients are nonzero at a time, so most
     * of H may never be read; fill its columns on demand (same bits) when
     * the cost model says that beats the blocked product */
    if ((rc = (reg_gram_lazy_pays(d.n, p) ? reg_gram_init_lazy
               : reg_gram_init)(&g, d.X, d.y, d.n, p,
                                a[PATH_INTERCEPT].boolean)) != REG_OK) {
        reg_data_free(&d);
        return reg_fail(h, c, rc, "path");
    }
    lam = h->put_array(c, "lambdas", (size_t)m, 0);
    coef = h->put_array(c, "coef", (size_t)m, (size_t)p);
    zeros = h->put_array(c, "zeros", (size_t)m, 0);
    train = h->put_array(c, "train_mse", (size_t)m, 0);
    iters = h->put_array(c, "n_iter", (size_t)m, 0);
    gaps = h->put_array(c, "gap", (size_t)m, 0);
    if (d.nt > 0)
        test = h->put_array(c, "test_mse", (size_t)m, 0);
    rc = !lam || !coef || !zeros || !train || !iters || !gaps
         || (d.nt > 0 && !test) ? REG_ENOMEM : REG_OK;
    if (rc == REG_OK && path_grid(h, c, a, &g, r, lam, m) < 0)
        rc = SAID;
    if (rc == REG_OK)
        rc = reg_enet_path_ls(&g, lam, m, r, a[PATH_TOL].num,
                              (int)a[PATH_MAX_ITER].integer, coef, iters,
                              gaps, &conv, train, reg_tick, &tk);
    for (int i = 0; rc == REG_OK && i < m; i++) {
        const double *w = coef + (size_t)i * p;

        zeros[i] = reg_count_zeros(w, p);
        train[i] *= 2.0;                    /* |r|^2 / n */
        if (test)
            test[i] = reg_mse(d.Xt, d.yt, d.nt, p, w, reg_intercept(&g, w));
    }
    if (rc == REG_OK)
        h->put_number(c, "converged", conv);
    reg_gram_free(&g);
    reg_data_free(&d);
    if (rc == SAID)
        return -1;
    return rc == REG_OK ? 0 : reg_fail(h, c, rc, "path");
}

/* Runs ISTA from w = 0 and puts coef, intercept, objective, zeros and
 * trace per iterate, step and lipschitz; returns 0 or -1. */
int reg_run_ista(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a)
{
    int steps = (int)a[I_STEPS].integer, rc;
    struct reg_tick tk;
    struct reg_data d;
    struct reg_gram g;
    double L, step, *w, *trace, *obj, *zeros;

    if (reg_data_get(h, c, a, 1, 0, -1, -1, &d) < 0)
        return -1;
    if ((rc = reg_gram_init(&g, d.X, d.y, d.n, d.p,
                            a[I_INTERCEPT].boolean)) != REG_OK) {
        reg_data_free(&d);
        return reg_fail(h, c, rc, "ista");
    }
    L = reg_lipschitz(&g);
    step = L > 0 ? a[I_SCALE].num / L : 0.0;
    tk = reg_tick_for(h, c, (double)steps * d.p * d.p);
    w = h->put_array(c, "coef", (size_t)d.p, 0);
    trace = h->put_array(c, "trace", (size_t)steps + 1, (size_t)d.p);
    obj = h->put_array(c, "objective", (size_t)steps + 1, 0);
    zeros = h->put_array(c, "zeros", (size_t)steps + 1, 0);
    rc = !w || !trace || !obj || !zeros || isnan(L) ? REG_ENOMEM
         : reg_ista(&g, a[I_ALPHA].num, step, w, steps, trace, obj, zeros,
                    reg_tick, &tk);
    if (rc == REG_OK) {
        h->put_number(c, "intercept", reg_intercept(&g, w));
        h->put_number(c, "step", step);
        h->put_number(c, "lipschitz", L);
    }
    reg_gram_free(&g);
    reg_data_free(&d);
    return rc == REG_OK ? 0 : reg_fail(h, c, rc, "ista");
}

/* From the least-squares fit (ridge with a tiny penalty, 1e-6 of the mean
 * curvature, when least squares has no unique answer, p >= n), runs ISTA
 * and subgradient descent with the same step and puts both traces, their
 * zero counts and objectives, and the exact lasso solution; returns 0 or
 * -1. */
int reg_run_prox_vs_subgradient(const struct nnt_host *h,
                                struct nnt_call *c,
                                const struct nnt_value *a)
{
    int steps = (int)a[PV_STEPS].integer, p, rc;
    double alpha = a[PV_ALPHA].num, L, step;
    double *start, *sol, *prox, *sub, *pz, *sz, *po, *so, *it, *w, *Hw;
    struct reg_tick tk;
    struct reg_cd_out out;
    struct reg_data d;
    struct reg_gram g;

    if (reg_data_get(h, c, a, 1, 0, -1, -1, &d) < 0)
        return -1;
    p = d.p;
    if ((rc = reg_gram_init(&g, d.X, d.y, d.n, p,
                            a[PV_INTERCEPT].boolean)) != REG_OK) {
        reg_data_free(&d);
        return reg_fail(h, c, rc, "prox_vs_subgradient");
    }
    L = reg_lipschitz(&g);
    step = L > 0 ? a[PV_SCALE].num / L : 0.0;
    tk = reg_tick_for(h, c, 2.0 * steps * p * p);
    start = h->put_array(c, "start", (size_t)p, 0);
    sol = h->put_array(c, "solution", (size_t)p, 0);
    prox = h->put_array(c, "prox", (size_t)steps + 1, (size_t)p);
    sub = h->put_array(c, "subgrad", (size_t)steps + 1, (size_t)p);
    pz = h->put_array(c, "prox_zeros", (size_t)steps + 1, 0);
    sz = h->put_array(c, "subgrad_zeros", (size_t)steps + 1, 0);
    po = h->put_array(c, "prox_obj", (size_t)steps + 1, 0);
    so = h->put_array(c, "subgrad_obj", (size_t)steps + 1, 0);
    it = h->put_array(c, "iter", (size_t)steps + 1, 0);
    w = malloc((size_t)p * sizeof *w);
    Hw = calloc((size_t)p, sizeof *Hw);
    rc = !start || !sol || !prox || !sub || !pz || !sz || !po || !so || !it
         || !w || !Hw || isnan(L) ? REG_ENOMEM
         : reg_ridge_solve(&g, 0.0, start);         /* least squares */
    if (rc == REG_ESINGULAR)
        rc = reg_ridge_solve(&g, 1e-6 * L * d.n, start);
    if (rc == REG_OK) {
        for (int k = 0; k <= steps; k++)
            it[k] = k;
        memcpy(w, start, (size_t)p * sizeof *w);
        rc = reg_ista(&g, alpha, step, w, steps, prox, po, pz, reg_tick,
                      &tk);
    }
    if (rc == REG_OK) {
        memcpy(w, start, (size_t)p * sizeof *w);
        rc = reg_subgradient(&g, alpha, step, a[PV_SCHEDULE].choice == 1,
                             w, steps, sub, so, sz, reg_tick, &tk);
    }
    if (rc == REG_OK && alpha > 0)
        rc = reg_enet_cd(&g, alpha, 1.0, sol, Hw, 1e-12, 100000, &out);
    else if (rc == REG_OK)
        memcpy(sol, start, (size_t)p * sizeof *sol);
    if (rc == REG_OK) {
        h->put_number(c, "solution_zeros", reg_count_zeros(sol, p));
        h->put_number(c, "step", step);
    }
    free(w);
    free(Hw);
    reg_gram_free(&g);
    reg_data_free(&d);
    return rc == REG_OK ? 0 : reg_fail(h, c, rc, "prox_vs_subgradient");
}
