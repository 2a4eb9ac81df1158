/* SPDX-License-Identifier: MIT */
/* Run callbacks for single fits: data, lasso, elastic net, ridge and the
 * orthonormal case where each has a formula. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/data_regression.h>
#include "reg_math.h"
#include "reg_run.h"

/* Puts X, y, beta (and X_test, y_test); returns 0 or -1. */
int reg_run_sparse_data(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a)
{
    struct reg_data d;
    int nt = (int)a[SD_NTEST].integer;
    double *X, *y;

    if (reg_data_get(h, c, a, 0, nt, -1, -1, &d) < 0)
        return -1;
    X = h->put_array(c, "X", (size_t)d.n, (size_t)d.p);
    y = reg_put_copy(h, c, "y", d.y, (size_t)d.n);
    if (X)
        memcpy(X, d.X, (size_t)d.n * (size_t)d.p * sizeof *X);
    if (nt > 0) {
        double *Xt = h->put_array(c, "X_test", (size_t)nt, (size_t)d.p);
        if (Xt)
            memcpy(Xt, d.Xt, (size_t)nt * (size_t)d.p * sizeof *Xt);
        reg_put_copy(h, c, "y_test", d.yt, (size_t)nt);
    }
    reg_data_free(&d);
    return X && y ? 0 : -1;
}

/* Fits the elastic net with ratio r (1: lasso) and puts coef, intercept,
 * zeros, n_iter, gap, converged, objective and alpha_max; returns 0 or
 * -1. */
static int fit_enet(const struct nnt_host *h, struct nnt_call *c,
                    const struct nnt_value *a, double r, const char *what)
{
    struct reg_data d;
    struct reg_gram g;
    struct reg_cd_out out = { .converged = 1 };
    double alpha = a[L_ALPHA].num, *w, *Hw;
    int rc;

    if (reg_data_get(h, c, a, 1, 0, -1, -1, &d) < 0)
        return -1;
    if ((rc = reg_gram_init(&g, d.X, d.y, d.n, d.p,
                            a[L_INTERCEPT].boolean)) != REG_OK) {
        reg_data_free(&d);
        return reg_fail(h, c, rc, what);
    }
    w = h->put_array(c, "coef", (size_t)d.p, 0);
    Hw = calloc((size_t)d.p, sizeof *Hw);
    if (!w || !Hw)
        rc = REG_ENOMEM;
    else if (alpha > 0 && r > 0)
        rc = reg_enet_cd(&g, alpha, r, w, Hw, a[L_TOL].num,
                         (int)a[L_MAX_ITER].integer, &out);
    else                                    /* no L1 part: closed form */
        rc = reg_ridge_solve(&g, alpha * (1.0 - r) * d.n, w);
    if (rc == REG_OK) {
        double b0 = reg_intercept(&g, w);

        h->put_number(c, "intercept", b0);
        h->put_number(c, "zeros", reg_count_zeros(w, d.p));
        h->put_number(c, "n_iter", out.n_iter);
        h->put_number(c, "gap", out.gap / d.n);     /* as sklearn's */
        h->put_number(c, "converged", out.converged);
        h->put_number(c, "objective", reg_enet_objective(d.X, d.y, d.n,
                      d.p, w, b0, alpha, r));
        if (r > 0)
            h->put_number(c, "alpha_max", reg_alpha_max(&g, r));
    }
    free(Hw);
    reg_gram_free(&g);
    reg_data_free(&d);
    return rc == REG_OK ? 0 : reg_fail(h, c, rc, what);
}

/* Runs the lasso: see fit_enet. */
int reg_run_lasso(const struct nnt_host *h, struct nnt_call *c,
                  const struct nnt_value *a)
{
    return fit_enet(h, c, a, 1.0, "lasso");
}

/* Runs the elastic net: see fit_enet. */
int reg_run_elastic_net(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a)
{
    return fit_enet(h, c, a, a[EN_RATIO].num, "elastic_net");
}

/* Fits ridge in closed form (sklearn's Ridge scaling) and puts coef,
 * intercept, zeros and objective; returns 0 or -1. */
int reg_run_ridge(const struct nnt_host *h, struct nnt_call *c,
                  const struct nnt_value *a)
{
    struct reg_data d;
    struct reg_gram g;
    double alpha = a[R_ALPHA].num, *w, b0, wn2 = 0;
    int rc;

    if (reg_data_get(h, c, a, 1, 0, -1, -1, &d) < 0)
        return -1;
    if ((rc = reg_gram_init(&g, d.X, d.y, d.n, d.p,
                            a[R_INTERCEPT].boolean)) != REG_OK) {
        reg_data_free(&d);
        return reg_fail(h, c, rc, "ridge");
    }
    w = h->put_array(c, "coef", (size_t)d.p, 0);
    rc = w ? reg_ridge_solve(&g, alpha, w) : REG_ENOMEM;
    if (rc == REG_OK) {
        b0 = reg_intercept(&g, w);
        for (int j = 0; j < d.p; j++)
            wn2 += w[j] * w[j];
        h->put_number(c, "intercept", b0);
        h->put_number(c, "zeros", reg_count_zeros(w, d.p));
        h->put_number(c, "objective",
                      d.n * reg_mse(d.X, d.y, d.n, d.p, w, b0) + alpha * wn2);
    }
    reg_gram_free(&g);
    reg_data_free(&d);
    return rc == REG_OK ? 0 : reg_fail(h, c, rc, "ridge");
}

/* Returns the largest |a[i] - b[i]| over n entries. */
static double max_diff(const double *a, const double *b, int n)
{
    double m = 0;

    for (int i = 0; i < n; i++)
        if (fabs(a[i] - b[i]) > m)
            m = fabs(a[i] - b[i]);
    return m;
}

/* With orthonormal columns (X^T X = I, no intercept) puts the least
 * squares ols, ridge and lasso fits, and the formulas ESL 3.4.3 gives for
 * them (shrink, soft, hard), with the largest gaps; returns 0 or -1. */
int reg_run_orthonormal(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a)
{
    int n = (int)a[O_N].integer, p = (int)a[O_P].integer;
    int k = (int)a[O_K].integer < p ? (int)a[O_K].integer : p;
    double lam = a[O_LAMBDA].num, gerr = 0;
    double *X, *y, *beta, *ols, *ridge, *lasso, *soft, *shrink, *hard, *Hw;
    struct reg_gram g;
    struct reg_cd_out out;
    int rc;

    if (p > n)
        return h->fail(c, "orthonormal: p = %d columns need n >= p rows, "
                       "got n = %d", p, n);
    beta = h->put_array(c, "beta", (size_t)p, 0);
    ols = h->put_array(c, "ols", (size_t)p, 0);
    ridge = h->put_array(c, "ridge", (size_t)p, 0);
    lasso = h->put_array(c, "lasso", (size_t)p, 0);
    soft = h->put_array(c, "soft", (size_t)p, 0);
    shrink = h->put_array(c, "shrink", (size_t)p, 0);
    hard = h->put_array(c, "hard", (size_t)p, 0);
    if (!beta || !ols || !ridge || !lasso || !soft || !shrink || !hard)
        return -1;
    X = malloc((size_t)n * ((size_t)p + 1) * sizeof *X);
    if (!X)
        return reg_fail(h, c, REG_ENOMEM, "orthonormal");
    y = X + (size_t)n * p;
    nc_sparse_coef(h, c, p, k, 1.0, 3.0, beta);
    if (nc_orthonormal_design(h, c, n, p, X) < 0) {
        free(X);
        return h->fail(c, "orthonormal: a column vanished; try again");
    }
    nc_linear_response(h, c, n, p, X, beta, a[O_NOISE].num, y);
    if ((rc = reg_gram_init(&g, X, y, n, p, 0)) != REG_OK) {
        free(X);
        return reg_fail(h, c, rc, "orthonormal");
    }
    for (int j = 0; j < p; j++) {
        ols[j] = g.q[j];                    /* X^T y, as X^T X = I */
        soft[j] = reg_soft(ols[j], lam);
        shrink[j] = reg_ridge_shrink(ols[j], lam);
        hard[j] = reg_hard(ols[j], lam);
        for (int l = 0; l < p; l++)
            gerr = fmax(gerr, fabs(g.H[(size_t)j * p + l] - (j == l)));
    }
    rc = reg_ridge_solve(&g, lam, ridge);   /* |y - Xw|^2 + lam |w|^2 */
    Hw = calloc((size_t)p, sizeof *Hw);
    if (rc == REG_OK && !Hw)
        rc = REG_ENOMEM;
    if (rc == REG_OK && lam > 0)            /* 1/2|y - Xw|^2 + lam |w|_1 */
        rc = reg_enet_cd(&g, lam / n, 1.0, lasso, Hw, 1e-13, 1000, &out);
    else if (rc == REG_OK)
        memcpy(lasso, ols, (size_t)p * sizeof *ols);
    if (rc == REG_OK) {
        h->put_number(c, "ridge_err", max_diff(ridge, shrink, p));
        h->put_number(c, "lasso_err", max_diff(lasso, soft, p));
        h->put_number(c, "gram_err", gerr);
        h->put_number(c, "zeros_lasso", reg_count_zeros(lasso, p));
        h->put_number(c, "zeros_ridge", reg_count_zeros(ridge, p));
        h->put_number(c, "zeros_soft", reg_count_zeros(soft, p));
    }
    free(Hw);
    reg_gram_free(&g);
    free(X);
    return rc == REG_OK ? 0 : reg_fail(h, c, rc, "orthonormal");
}
