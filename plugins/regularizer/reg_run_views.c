/* SPDX-License-Identifier: MIT */
/* Run callbacks that make pictures: the constrained view, shrinkage
 * curves, two correlated features, polynomial fits and 1-D posteriors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/common.h>
#include <nntutor/data_regression.h>
#include "reg_math.h"
#include "reg_run.h"

#define CURVE 121                   /* points on a disc or level curve */

/* Fills v with n values evenly spaced from lo to hi (hi exact). */
static void linspace(double *v, int n, double lo, double hi)
{
    for (int i = 0; i < n; i++)
        v[i] = n > 1 ? lo + (hi - lo) * ((double)i / (double)(n - 1)) : lo;
    if (n > 1)
        v[n - 1] = hi;
}

/* Puts the level curve of q through (w1, w2) as NAME_x, NAME_y; returns
 * 0 or -1. */
static int put_level(const struct nnt_host *h, struct nnt_call *c,
                     const struct reg_quad2 *q, const double *w,
                     const char *xname, const char *yname)
{
    double *x = h->put_array(c, xname, CURVE, 0);
    double *y = h->put_array(c, yname, CURVE, 0);

    if (!x || !y)
        return -1;
    reg_quad2_level(q, reg_quad2_value(q, w[0], w[1]), CURVE, x, y);
    return 0;
}

/* Puts the loss on a grid (x, y, loss), the diamond and disc of radius t,
 * each constrained minimum with its loss and zero count, and the level
 * curve through it; returns 0 or -1. */
int reg_run_constrained(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a)
{
    static const double dx[5] = { 1, 0, -1, 0, 1 }, dy[5] = { 0, 1, 0, -1, 0 };
    int n = (int)a[C_N].integer;
    double t = a[C_T].num, span = a[C_SPAN].num, w1[2], w2[2];
    double *x, *y, *z, *ddx, *ddy, *cx, *cy;
    struct reg_quad2 q;

    reg_quad2_make(a[C_ANGLE].num, a[C_STRETCH].num, a[C_C1].num,
                   a[C_C2].num, &q);
    x = h->put_array(c, "x", (size_t)n, 0);
    y = h->put_array(c, "y", (size_t)n, 0);
    z = h->put_array(c, "loss", (size_t)n, (size_t)n);
    ddx = h->put_array(c, "diamond_x", 5, 0);
    ddy = h->put_array(c, "diamond_y", 5, 0);
    cx = h->put_array(c, "disc_x", CURVE, 0);
    cy = h->put_array(c, "disc_y", CURVE, 0);
    if (!x || !y || !z || !ddx || !ddy || !cx || !cy)
        return -1;
    linspace(x, n, -span, span);
    linspace(y, n, -span, span);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            z[(size_t)i * n + j] = reg_quad2_value(&q, x[j], y[i]);
    for (int k = 0; k < 5; k++) {
        ddx[k] = t * dx[k];
        ddy[k] = t * dy[k];
    }
    for (int k = 0; k < CURVE; k++) {
        double phi = 2.0 * NC_PI * k / (CURVE - 1);
        cx[k] = k == CURVE - 1 ? cx[0] : t * cos(phi);
        cy[k] = k == CURVE - 1 ? cy[0] : t * sin(phi);
    }
    reg_quad2_l1_min(&q, t, w1);
    reg_quad2_l2_min(&q, t, w2);
    h->put_number(c, "l1_w1", w1[0]);
    h->put_number(c, "l1_w2", w1[1]);
    h->put_number(c, "l2_w1", w2[0]);
    h->put_number(c, "l2_w2", w2[1]);
    h->put_number(c, "l1_loss", reg_quad2_value(&q, w1[0], w1[1]));
    h->put_number(c, "l2_loss", reg_quad2_value(&q, w2[0], w2[1]));
    h->put_number(c, "l1_zeros", reg_count_zeros(w1, 2));
    h->put_number(c, "l2_zeros", reg_count_zeros(w2, 2));
    h->put_number(c, "a11", q.a11);
    h->put_number(c, "a12", q.a12);
    h->put_number(c, "a22", q.a22);
    if (put_level(h, c, &q, w1, "level_l1_x", "level_l1_y") < 0
        || put_level(h, c, &q, w2, "level_l2_x", "level_l2_y") < 0)
        return -1;
    return 0;
}

/* Puts x and the soft, hard and ridge shrinkage of x at lambda, and the
 * identity; returns 0 or -1. */
int reg_run_shrinkage(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *a)
{
    int n = (int)a[S_N].integer;
    double lam = a[S_LAMBDA].num, r = a[S_RANGE].num;
    double *x = h->put_array(c, "x", (size_t)n, 0);
    double *soft = h->put_array(c, "soft", (size_t)n, 0);
    double *hard = h->put_array(c, "hard", (size_t)n, 0);
    double *ridge = h->put_array(c, "ridge", (size_t)n, 0);
    double *id = h->put_array(c, "identity", (size_t)n, 0);

    if (!x || !soft || !hard || !ridge || !id)
        return -1;
    linspace(x, n, -r, r);
    for (int i = 0; i < n; i++) {
        soft[i] = reg_soft(x[i], lam);
        hard[i] = reg_hard(x[i], lam);
        ridge[i] = reg_ridge_shrink(x[i], lam);
        id[i] = x[i];
    }
    return 0;
}

/* Puts |w1| / (|w1| + |w2|) of each row of w (m x 2) as name (NaN when
 * both are 0); returns 0 or -1. */
static int put_share(const struct nnt_host *h, struct nnt_call *c,
                     const char *name, const double *w, int m)
{
    double *s = h->put_array(c, name, (size_t)m, 0);

    if (!s)
        return -1;
    for (int i = 0; i < m; i++) {
        double t = fabs(w[2 * i]) + fabs(w[2 * i + 1]);
        s[i] = t > 0 ? fabs(w[2 * i]) / t : NAN;
    }
    return 0;
}

/* Two features with correlation rho, y = x1 + x2 + noise: puts the lasso
 * and ridge paths (m x 2, both in the elastic-net scaling) over one
 * lambda grid, the share of feature 1 along each, and the sample
 * correlation; returns 0 or -1. */
int reg_run_correlated(const struct nnt_host *h, struct nnt_call *c,
                       const struct nnt_value *a)
{
    static const double beta[2] = { 1.0, 1.0 };
    int n = (int)a[CO_N].integer, m = (int)a[CO_NLAMBDA].integer, rc;
    double *X = malloc((size_t)n * 3 * sizeof *X), *y, *lam, *wl, *wr;
    struct reg_tick tk = reg_tick_for(h, c, 1e3 * m);
    struct reg_gram g;

    if (!X)
        return reg_fail(h, c, REG_ENOMEM, "correlated");
    y = X + (size_t)n * 2;
    nc_correlated_design(h, c, n, 2, a[CO_RHO].num, X);
    nc_linear_response(h, c, n, 2, X, beta, a[CO_NOISE].num, y);
    rc = reg_gram_init(&g, X, y, n, 2, 1);
    free(X);
    if (rc != REG_OK)
        return reg_fail(h, c, rc, "correlated");
    lam = h->put_array(c, "lambdas", (size_t)m, 0);
    wl = h->put_array(c, "lasso", (size_t)m, 2);
    wr = h->put_array(c, "ridge", (size_t)m, 2);
    if (!lam || !wl || !wr) {
        reg_gram_free(&g);
        return -1;
    }
    h->put_number(c, "lambda_max", reg_alpha_max(&g, 1.0));
    h->put_number(c, "corr", g.H[1] / sqrt(g.H[0] * g.H[3]));
    reg_alpha_grid(reg_alpha_max(&g, 1.0),
                   reg_alpha_max(&g, 1.0) * a[CO_EPS].num, m, lam);
    rc = reg_enet_path(&g, lam, m, 1.0, 1e-12, 100000, wl, NULL, NULL, NULL,
                       reg_tick, &tk);
    if (rc == REG_OK)
        rc = reg_enet_path(&g, lam, m, 0.0, 0.0, 1, wr, NULL, NULL, NULL,
                           reg_tick, &tk);
    reg_gram_free(&g);
    if (rc != REG_OK)
        return reg_fail(h, c, rc, "correlated");
    return put_share(h, c, "lasso_share", wl, m) < 0
           || put_share(h, c, "ridge_share", wr, m) < 0 ? -1 : 0;
}

/* Returns the mean of (f - truth)^2 over the grid x (n points). */
static double curve_err(const double *f, const double *x, int n)
{
    double s = 0;

    for (int i = 0; i < n; i++)
        s += (f[i] - nc_curve_truth(x[i])) * (f[i] - nc_curve_truth(x[i]));
    return s / n;
}

/* Fits one penalty and puts its curve, coefficients and measures under
 * names with suffix sfx; returns 0 or -1. */
static int poly_one(const struct nnt_host *h, struct nnt_call *c,
                    const struct nnt_value *a, const double *dx,
                    const double *dy, int n, const double *gx, int ng,
                    enum reg_penalty pen, double lam, const char *sfx)
{
    static const char *const what[] = { "poly_fit (none)", "poly_fit (L1)",
                                        "poly_fit (L2)" };
    int d = (int)a[PF_DEGREE].integer, rc;
    char name[32];
    double *w, *f, b0, mse = 0;
    struct reg_cd_out out;

    snprintf(name, sizeof name, "coef_%s", sfx);
    if (!(w = h->put_array(c, name, (size_t)d, 0)))
        return -1;
    if (!(f = h->put_array(c, sfx, (size_t)ng, 0)))
        return -1;
    rc = reg_poly_fit(dx, dy, n, d, pen, lam, a[PF_TOL].num,
                      (int)a[PF_MAX_ITER].integer, w, &b0, &out);
    if (rc != REG_OK)
        return reg_fail(h, c, rc, what[pen]);
    for (int i = 0; i < ng; i++)
        f[i] = reg_poly_eval(w, d, b0, gx[i]);
    for (int i = 0; i < n; i++) {
        double e = dy[i] - reg_poly_eval(w, d, b0, dx[i]);
        mse += e * e / n;
    }
#define PUT(prefix, v) (snprintf(name, sizeof name, prefix "_%s", sfx), \
                        h->put_number(c, name, (v)))
    PUT("b", b0);
    PUT("rough", reg_poly_roughness(w, d));
    PUT("zeros", reg_count_zeros(w, d));
    PUT("train_mse", mse);
    PUT("err", curve_err(f, gx, ng));
    if (pen == REG_L1) {
        PUT("gap", out.gap / n);
        PUT("converged", out.converged);
        PUT("n_iter", out.n_iter);
    }
#undef PUT
    return 0;
}

/* Fits a degree-d polynomial to noisy points of sin(pi x) with no, L1
 * and L2 penalty and puts the curves on a grid x (none, l1, l2, truth),
 * the data, coefficients and measures; returns 0 or -1. */
int reg_run_poly_fit(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *a)
{
    int n = (int)a[PF_N].integer, d = (int)a[PF_DEGREE].integer;
    int ng = (int)a[PF_NGRID].integer;
    double lam = pow(10.0, a[PF_LOG_LAMBDA].num), *dx, *dy, *gx, *tr;

    if (a[PF_DATA_X].given) {
        n = (int)a[PF_DATA_X].array.len;
        if (!a[PF_DATA_Y].given || a[PF_DATA_Y].array.len != (size_t)n)
            return h->fail(c, "poly_fit: 'data_x' needs 'data_y' of the "
                           "same length");
    }
    if (n <= d)
        return h->fail(c, "poly_fit: degree %d needs more than %d points, "
                       "got %d", d, d, n);
    dx = h->put_array(c, "data_x", (size_t)n, 0);
    dy = h->put_array(c, "data_y", (size_t)n, 0);
    gx = h->put_array(c, "x", (size_t)ng, 0);
    tr = h->put_array(c, "truth", (size_t)ng, 0);
    if (!dx || !dy || !gx || !tr)
        return -1;
    if (a[PF_DATA_X].given) {
        memcpy(dx, a[PF_DATA_X].array.data, (size_t)n * sizeof *dx);
        memcpy(dy, a[PF_DATA_Y].array.data, (size_t)n * sizeof *dy);
        for (int i = 0; i < n; i++)
            if (!isfinite(dx[i]) || !isfinite(dy[i]))
                return h->fail(c, "poly_fit: data must be finite numbers");
    } else {
        nc_curve_points(h, c, n, a[PF_NOISE].num, dx, dy);
    }
    linspace(gx, ng, -1.0, 1.0);
    for (int i = 0; i < ng; i++)
        tr[i] = nc_curve_truth(gx[i]);
    h->put_number(c, "lambda", lam);
    if (poly_one(h, c, a, dx, dy, n, gx, ng, REG_NONE, 0.0, "none") < 0
        || poly_one(h, c, a, dx, dy, n, gx, ng, REG_L1, lam, "l1") < 0
        || poly_one(h, c, a, dx, dy, n, gx, ng, REG_L2, lam, "l2") < 0)
        return -1;
    return 0;
}

/* Returns the trapezoid integral of f over the even grid x (n >= 2). */
static double trapz(const double *f, const double *x, int n)
{
    double s = 0;

    for (int i = 1; i < n; i++)
        s += 0.5 * (f[i] + f[i - 1]) * (x[i] - x[i - 1]);
    return s;
}

/* Puts the normalised posterior of w given z ~ N(w, s^2) under a Laplace
 * prior of scale `scale` (or a Gaussian of that standard deviation) as
 * name, with its grid argmax and mean as PRIOR_grid_map, PRIOR_mean;
 * returns 0 or -1. */
static int put_post(const struct nnt_host *h, struct nnt_call *c,
                    const char *name, const double *x, int n, double z,
                    double s, double scale, int laplace)
{
    const char *prior = laplace ? "laplace" : "gauss";
    char key[32];
    double *f = h->put_array(c, name, (size_t)n, 0), top = -INFINITY;
    double mass, mean = 0;
    int best = 0;

    if (!f)
        return -1;
    for (int i = 0; i < n; i++) {           /* log posterior + const */
        double e = (z - x[i]) / s;
        f[i] = -0.5 * e * e + (laplace ? reg_log_laplace(x[i], scale)
                                       : reg_log_gauss(x[i], scale));
        if (f[i] > top) {
            top = f[i];
            best = i;
        }
    }
    for (int i = 0; i < n; i++)
        f[i] = exp(f[i] - top);
    mass = trapz(f, x, n);
    for (int i = 0; i < n; i++)
        f[i] /= mass;
    for (int i = 1; i < n; i++)             /* trapezoid of w f(w) */
        mean += 0.5 * (x[i] * f[i] + x[i - 1] * f[i - 1]) * (x[i] - x[i - 1]);
    snprintf(key, sizeof key, "%s_grid_map", prior);
    h->put_number(c, key, x[best]);
    snprintf(key, sizeof key, "%s_mean", prior);
    h->put_number(c, key, mean);
    return 0;
}

/* One observation z ~ N(w, s^2); a Laplace and a Gaussian prior with the
 * same standard deviation: puts both priors, the likelihood and both
 * posteriors on a grid x, with their MAPs (closed form and on the grid)
 * and means; returns 0 or -1. */
int reg_run_posterior(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *a)
{
    int n = (int)a[PO_N].integer;
    double z = a[PO_Z].num, s = a[PO_NOISE_SD].num, sd = a[PO_PRIOR_SD].num;
    double b = sd / sqrt(2.0), r = a[PO_RANGE].num;
    double *x = h->put_array(c, "x", (size_t)n, 0);
    double *pl = h->put_array(c, "laplace_prior", (size_t)n, 0);
    double *pg = h->put_array(c, "gauss_prior", (size_t)n, 0);
    double *lik = h->put_array(c, "likelihood", (size_t)n, 0);

    if (!x || !pl || !pg || !lik)
        return -1;
    linspace(x, n, -r, r);
    for (int i = 0; i < n; i++) {
        double e = (z - x[i]) / s;
        pl[i] = exp(reg_log_laplace(x[i], b));
        pg[i] = exp(reg_log_gauss(x[i], sd));
        lik[i] = exp(-0.5 * e * e) / (s * sqrt(2.0 * NC_PI));
    }
    h->put_number(c, "laplace_scale", b);
    h->put_number(c, "threshold", s * s / b);
    h->put_number(c, "shrink", sd * sd / (sd * sd + s * s));
    h->put_number(c, "laplace_map", reg_map_laplace(z, s, b));
    h->put_number(c, "gauss_map", reg_map_gauss(z, s, sd));
    if (put_post(h, c, "laplace_post", x, n, z, s, b, 1) < 0
        || put_post(h, c, "gauss_post", x, n, z, s, sd, 0) < 0)
        return -1;
    return 0;
}
