/* SPDX-License-Identifier: MIT */
/* Plugin functions that sweep a parameter: gauss_sweep (MSE against the
 * Gaussian NLL), fit_lines (least squares against least absolute
 * deviations) and bernoulli_sweep (likelihood, log-likelihood, BCE). */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <nntutor/common.h>
#include "loss_math.h"
#include "loss_run.h"


static const char *const noise_names[] = { "gaussian", "laplace", NULL };

/* qsort comparator for (x, y) pairs by x. */
static int by_x(const void *a, const void *b)
{
    const double *p = a, *q = b;

    return (p[0] > q[0]) - (p[0] < q[0]);
}

/* Puts the regression data as xname, yname (ascending x): given at
 * args[ix], ix + 1, else drawn; sets *xp, *yp, *np.  Returns 0 or -1. */
static int regression_from(const struct nnt_host *h, struct nnt_call *c,
                           const struct nnt_value *args, int ix,
                           const char *xname, const char *yname,
                           double **xp, double **yp, int *np)
{
    const struct nnt_arrayarg *gx = &args[ix].array, *gy = &args[ix + 1].array;
    int n = gx->dims ? (int)gx->len : (int)args[R_N].integer;
    double *x, *y, *pair;

    if (gx->dims != gy->dims || gx->len != gy->len || (gx->dims && n < 2))
        return h->fail(c, "data_x and data_y go together, with the same "
                       "number (at least 2) of values");
    if (!(args[R_X_MIN].num < args[R_X_MAX].num))
        return h->fail(c, "the data need x_min < x_max");
    x = h->put_array(c, xname, (size_t)n, 0);
    y = h->put_array(c, yname, (size_t)n, 0);
    pair = malloc(sizeof *pair * 2 * (size_t)n);
    if (!x || !y || !pair) {
        free(pair);
        return x && y ? h->fail(c, "out of memory") : -1;
    }
    if (gx->dims)
        for (int i = 0; i < n; i++) {
            x[i] = gx->data[i];
            y[i] = gy->data[i];
        }
    else
        nc_line_data(h, c, n, args[R_X_MIN].num, args[R_X_MAX].num,
                     args[R_SLOPE].num, args[R_INTERCEPT].num,
                     args[R_NOISE].choice ? NC_LAPLACE : NC_GAUSSIAN,
                     args[R_SIGMA].num, args[R_OUTLIERS].num, x, y);
    for (int i = 0; i < n; i++) {
        pair[2 * i] = x[i];
        pair[2 * i + 1] = y[i];
    }
    qsort(pair, (size_t)n, 2 * sizeof *pair, by_x);
    for (int i = 0; i < n; i++) {
        x[i] = pair[2 * i];
        y[i] = pair[2 * i + 1];
    }
    free(pair);
    for (int i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return h->fail(c, "data point %d is not finite", i + 1);
    *xp = x;
    *yp = y;
    *np = n;
    return 0;
}

/* Returns the index of the smallest of v[0 .. n-1] (the first on ties). */
static int argmin(const double *v, int n)
{
    int b = 0;

    for (int i = 1; i < n; i++)
        if (v[i] < v[b])
            b = i;
    return b;
}

/* ---- gauss_sweep ------------------------------------------------------ */

const struct nnt_param loss_gauss_sweep_params[] = { GS_PARAMS(NNT_PARAM_ROW) };

/* The residuals of the best slope, for the σ² profile. */
struct profile {
    double ss;                  /* Σ r² */
    int n;
};

/* Returns the Gaussian NLL of the residuals at σ² = e^s. */
static double profile_nll(double s, void *ud)
{
    const struct profile *p = ud;

    return p->n / 2.0 * (NC_LOG_2PI + s) + p->ss / 2 * exp(-s);
}

/* Puts, for the model f(x) = w x + intercept over a sweep of w (x): the
 * MSE, total Gaussian NLL (sigma = model_sigma), MAE and total Laplace
 * NLL, their argmins, the affine fit nll = fit_a mse + fit_b with its
 * largest residual, the exact optimum w_star, and sigma2_mle, the σ²
 * that maximises the likelihood there; returns 0 or -1. */
int loss_gauss_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                         const struct nnt_value *args)
{
    int m = (int)args[GS_STEPS].integer, n;
    double b0 = args[R_INTERCEPT].num, sg = args[GS_MODEL_SIGMA].num;
    double lb = sg / sqrt(2.0);             /* Laplace scale, same σ */
    double *x, *y, *w, *mse, *nll, *mae, *lap, *res, *s2g, *s2n;
    double sxy = 0, sxx = 0, ws, ms = 0, mm = 0, mn = 0, cov = 0, var = 0;
    double fa, fb, worst = 0, big = 0, fmin;
    struct profile pf;

    if (!(args[GS_W_MIN].num < args[GS_W_MAX].num))
        return h->fail(c, "the sweep needs w_min < w_max");
    if (regression_from(h, c, args, GS_DATA_X, "data_x", "data_y", &x, &y,
                        &n) < 0)
        return -1;
    w = h->put_array(c, "x", (size_t)m, 0);
    mse = h->put_array(c, "mse", (size_t)m, 0);
    nll = h->put_array(c, "nll", (size_t)m, 0);
    mae = h->put_array(c, "mae", (size_t)m, 0);
    lap = h->put_array(c, "nll_laplace", (size_t)m, 0);
    res = h->put_array(c, "resid", (size_t)n, 0);
    s2g = h->put_array(c, "sig2", 101, 0);
    s2n = h->put_array(c, "nll_sig2", 101, 0);
    if (!w || !mse || !nll || !mae || !lap || !res || !s2g || !s2n)
        return -1;
    for (int k = 0; k < m; k++) {
        double ss = 0, sa = 0;

        w[k] = args[GS_W_MIN].num
               + (args[GS_W_MAX].num - args[GS_W_MIN].num) * k / (m - 1);
        for (int i = 0; i < n; i++) {
            double r = y[i] - (w[k] * x[i] + b0);
            ss += r * r;
            sa += fabs(r);
        }
        mse[k] = ss / n;
        mae[k] = sa / n;
        nll[k] = n / 2.0 * (NC_LOG_2PI + 2 * log(sg)) + ss / (2 * sg * sg);
        lap[k] = n * log(2 * lb) + sa / lb;
    }
    for (int k = 0; k < m; k++) {           /* affine fit nll ~ mse */
        ms += mse[k] / m;
        mn += nll[k] / m;
    }
    for (int k = 0; k < m; k++) {
        cov += (mse[k] - ms) * (nll[k] - mn);
        var += (mse[k] - ms) * (mse[k] - ms);
    }
    fa = cov / var;
    fb = mn - fa * ms;
    for (int k = 0; k < m; k++) {
        double e = fabs(nll[k] - (fa * mse[k] + fb));
        worst = e > worst ? e : worst;
        big = fabs(nll[k]) > big ? fabs(nll[k]) : big;
    }
    for (int i = 0; i < n; i++) {           /* exact least squares slope */
        sxy += x[i] * (y[i] - b0);
        sxx += x[i] * x[i];
    }
    ws = sxx > 0 ? sxy / sxx : 0;
    pf.ss = 0;
    pf.n = n;
    for (int i = 0; i < n; i++) {
        res[i] = y[i] - (ws * x[i] + b0);
        pf.ss += res[i] * res[i];
        mm += fabs(res[i]);
    }
    h->put_number(c, "w_mse", w[argmin(mse, m)]);
    h->put_number(c, "w_nll", w[argmin(nll, m)]);
    h->put_number(c, "w_mae", w[argmin(mae, m)]);
    h->put_number(c, "w_laplace", w[argmin(lap, m)]);
    h->put_number(c, "fit_a", fa);
    h->put_number(c, "fit_b", fb);
    h->put_number(c, "fit_resid", worst);
    h->put_number(c, "fit_resid_rel", worst / big);
    h->put_number(c, "a_theory", n / (2 * sg * sg));
    h->put_number(c, "b_theory", n / 2.0 * (NC_LOG_2PI + 2 * log(sg)));
    h->put_number(c, "w_star", ws);
    h->put_number(c, "mse_star", pf.ss / n);
    h->put_number(c, "mae_star", mm / n);
    if (pf.ss > 0) {
        double s0 = log(pf.ss / n);
        double s = lm_golden(profile_nll, &pf, s0 - 8, s0 + 8, 1e-12, &fmin);

        h->put_number(c, "sigma2_mle", exp(s));
        h->put_number(c, "nll_mle", fmin);
        for (int k = 0; k < 101; k++) {     /* σ² from MSE/4 to 4 MSE */
            s2g[k] = exp(s0 + log(4.0) * (k - 50) / 50.0);
            s2n[k] = profile_nll(log(s2g[k]), &pf);
        }
    }
    return 0;
}

/* ---- fit_lines -------------------------------------------------------- */

const struct nnt_param loss_fit_lines_params[] = { FL_PARAMS(NNT_PARAM_ROW) };

/* Puts the data (x ascending, y), the least-squares and the least-
 * absolute-deviations lines (slope, intercept, fitted values at x) and
 * the MSE and MAE of each; returns 0 or -1. */
int loss_fit_lines_run(const struct nnt_host *h, struct nnt_call *c,
                       const struct nnt_value *args)
{
    double *x, *y, *fl, *fd, *work, ls, li, ds, di, e2[2] = { 0 };
    double e1[2] = { 0 };
    int n;

    if (regression_from(h, c, args, FL_DATA_X, "x", "y", &x, &y, &n) < 0)
        return -1;
    fl = h->put_array(c, "fit_ls", (size_t)n, 0);
    fd = h->put_array(c, "fit_lad", (size_t)n, 0);
    if (!fl || !fd)
        return -1;
    if (!(work = malloc(sizeof *work * (size_t)n)))
        return h->fail(c, "out of memory");
    nc_fit_line(x, y, n, &ls, &li);
    lm_fit_lad(x, y, n, &ds, &di, work);
    free(work);
    for (int i = 0; i < n; i++) {
        fl[i] = ls * x[i] + li;
        fd[i] = ds * x[i] + di;
        e2[0] += (y[i] - fl[i]) * (y[i] - fl[i]);
        e2[1] += (y[i] - fd[i]) * (y[i] - fd[i]);
        e1[0] += fabs(y[i] - fl[i]);
        e1[1] += fabs(y[i] - fd[i]);
    }
    h->put_number(c, "ls_slope", ls);
    h->put_number(c, "ls_intercept", li);
    h->put_number(c, "lad_slope", ds);
    h->put_number(c, "lad_intercept", di);
    h->put_number(c, "ls_mse", e2[0] / n);
    h->put_number(c, "lad_mse", e2[1] / n);
    h->put_number(c, "ls_mae", e1[0] / n);
    h->put_number(c, "lad_mae", e1[1] / n);
    return 0;
}

/* ---- bernoulli_sweep -------------------------------------------------- */

const struct nnt_param loss_bernoulli_sweep_params[] = {
    BS_PARAMS(NNT_PARAM_ROW)
};

/* Returns log p for p = σ(t) as computed: from p itself while p is a
 * normal number (the likelihood the lesson multiplies out, point by
 * point), else as −softplus(−t), which stays finite and accurate where p
 * has lost digits or underflowed to 0 (log 0 would be −inf). */
static double log_prob(double p, double t)
{
    return p >= DBL_MIN ? log(p) : -nc_log1pexp(-t);
}

/* Puts, over a sweep of w (x) for P(y = 1 | x) = s(w x + b): the
 * likelihood Π P(y_i | x_i) multiplied out, the log-likelihood Σ log P
 * (finite even where P underflows, see log_prob),
 * its mean, and the mean BCE on logits; their argmax (argmin for BCE),
 * how many likelihoods underflowed to 0, and the largest |BCE + mean
 * log-likelihood|; returns 0 or -1. */
int loss_bernoulli_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                             const struct nnt_value *args)
{
    int n = (int)args[BS_N].integer, m = (int)args[BS_STEPS].integer, zeros = 0;
    int il = 0, ig = 0, im = 0, ib = 0;
    double b = args[BS_BIAS].num, gap = 0;
    double *x, *y, *w, *lik, *ll, *mll, *bce;

    if (!(args[BS_W_MIN].num < args[BS_W_MAX].num))
        return h->fail(c, "the sweep needs w_min < w_max");
    x = h->put_array(c, "data_x", (size_t)n, 0);
    y = h->put_array(c, "data_y", (size_t)n, 0);
    w = h->put_array(c, "x", (size_t)m, 0);
    lik = h->put_array(c, "likelihood", (size_t)m, 0);
    ll = h->put_array(c, "loglik", (size_t)m, 0);
    mll = h->put_array(c, "mean_loglik", (size_t)m, 0);
    bce = h->put_array(c, "bce", (size_t)m, 0);
    if (!x || !y || !w || !lik || !ll || !mll || !bce)
        return -1;
    nc_classes(h, c, n, 1, 2, args[BS_SEP].num, args[BS_NOISE].num, x, y);
    lm_orient(x, y, n);                 /* class 1 on the right */
    for (int k = 0; k < m; k++) {
        double prod = 1, sl = 0, sb = 0;

        w[k] = args[BS_W_MIN].num
               + (args[BS_W_MAX].num - args[BS_W_MIN].num) * k / (m - 1);
        for (int i = 0; i < n; i++) {
            double z = w[k] * x[i] + b;
            double p = y[i] > 0.5 ? nc_sigmoid(z) : nc_sigmoid(-z);

            prod *= p;                      /* P(y_i | x_i) */
            sl += log_prob(p, y[i] > 0.5 ? z : -z);
            sb += lm_point(LM_BCE_LOGITS, z, y[i], 0, NULL, NULL);
        }
        lik[k] = prod;
        ll[k] = sl;
        mll[k] = sl / n;
        bce[k] = sb / n;
        zeros += prod == 0;
        il = lik[k] > lik[il] ? k : il;
        ig = ll[k] > ll[ig] ? k : ig;
        im = mll[k] > mll[im] ? k : im;
        ib = bce[k] < bce[ib] ? k : ib;
        gap = fabs(bce[k] + mll[k]) > gap ? fabs(bce[k] + mll[k]) : gap;
    }
    h->put_number(c, "w_lik", w[il]);
    h->put_number(c, "w_loglik", w[ig]);
    h->put_number(c, "w_mean", w[im]);
    h->put_number(c, "w_bce", w[ib]);
    h->put_number(c, "lik_max", lik[il]);
    h->put_number(c, "lik_zero", zeros);
    h->put_number(c, "bce_gap", gap);
    return 0;
}
