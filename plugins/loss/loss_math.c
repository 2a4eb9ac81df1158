/* SPDX-License-Identifier: MIT */
/* Losses with their derivatives, discrete distributions and line fits
 * (see loss_math.h). */
#include <math.h>
#include <stdlib.h>

#include <nntutor/common.h>
#include "loss_math.h"

int lm_is_row(enum lm_loss k)
{
    return k == LM_SOFTMAX_CE || k == LM_CATEGORICAL_NLL;
}

/* Returns log v floored at −100, as torch.nn.BCELoss clamps it. */
static double log_floor(double v)
{
    double l = log(v);

    return l < -100 ? -100 : l;
}

double lm_point(enum lm_loss k, double p, double y, double sigma,
                double *d1, double *d2)
{
    double a = 0, b = 0, l = 0, s, sc, v;

    switch (k) {
    case LM_MSE:
        l = (p - y) * (p - y);
        a = 2 * (p - y);
        b = 2;
        break;
    case LM_MAE:
        l = fabs(p - y);
        a = p > y ? 1 : p < y ? -1 : 0;     /* torch's choice at the kink */
        break;
    case LM_BCE:
        l = -(y * log_floor(p) + (1 - y) * log_floor(1 - p));
        a = (p - y) / fmax(p * (1 - p), 1e-12);
        b = y / (p * p) + (1 - y) / ((1 - p) * (1 - p));
        break;
    case LM_BCE_LOGITS:
        s = nc_sigmoid(p);
        sc = nc_sigmoid(-p);                /* 1 − σ, without cancelling */
        l = nc_bce_logits(p, y);
        a = (1 - y) * s - y * sc;           /* σ(z) − y */
        b = s * sc;
        break;
    case LM_GAUSS_NLL:
        v = sigma * sigma;
        l = 0.5 * (log(2 * NC_PI * v) + (p - y) * (p - y) / v);
        a = (p - y) / v;
        b = 1 / v;
        break;
    case LM_BERNOULLI_NLL:                  /* y is 0 or 1 */
        if (y > 0.5) {
            l = -log(p);
            a = -1 / p;
            b = 1 / (p * p);
        } else {
            l = -log1p(-p);
            a = 1 / (1 - p);
            b = 1 / ((1 - p) * (1 - p));
        }
        break;
    case LM_SOFTMAX_CE:
    case LM_CATEGORICAL_NLL:
        break;                              /* rows: see lm_row */
    }
    if (d1)
        *d1 = a;
    if (d2)
        *d2 = b;
    return l;
}

double lm_row(enum lm_loss kind, const double *s, int k, int c,
              double *grad, double *d2)
{
    double l, pc;

    if (kind == LM_SOFTMAX_CE) {
        double lse = nc_logsumexp(s, k);

        l = lse - s[c];
        pc = exp(s[c] - lse);
        for (int j = 0; grad && j < k; j++)
            grad[j] = exp(s[j] - lse) - (j == c);
        if (d2)
            *d2 = pc * (1 - pc);
        return l;
    }
    pc = s[c];                              /* categorical: probabilities */
    for (int j = 0; grad && j < k; j++)
        grad[j] = j == c ? -1 / pc : 0;
    if (d2)
        *d2 = 1 / (pc * pc);
    return -log(pc);
}

double lm_entropy(const double *p, int k)
{
    double h = 0;

    for (int i = 0; i < k; i++)
        if (p[i] > 0)
            h -= p[i] * log(p[i]);
    return h;
}

double lm_cross_entropy(const double *p, const double *q, int k)
{
    double h = 0;

    for (int i = 0; i < k; i++)
        if (p[i] > 0)
            h -= p[i] * log(q[i]);
    return h;
}

double lm_kl(const double *p, const double *q, int k)
{
    double d = 0;

    for (int i = 0; i < k; i++)
        if (p[i] > 0)
            d += p[i] * (log(p[i]) - log(q[i]));
    return d;
}

void lm_orient(double *x, const double *y, int n)
{
    double sy = 0, sxy = 0, sx = 0;

    for (int i = 0; i < n; i++) {
        sx += x[i];
        sy += y[i];
        sxy += x[i] * y[i];
    }
    if (sxy * n < sx * sy)              /* cov(x, y) < 0 */
        for (int i = 0; i < n; i++)
            x[i] = -x[i];
}

/* qsort comparator for doubles. */
static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

double lm_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : v[n / 2 - 1] / 2 + v[n / 2] / 2;
}

double lm_golden(double (*f)(double x, void *ud), void *ud, double a,
                 double b, double tol, double *fmin)
{
    const double g = 0.61803398874989484820;    /* (√5 − 1) / 2 */
    double c = b - g * (b - a), d = a + g * (b - a);
    double fc = f(c, ud), fd = f(d, ud);

    while (b - a > tol) {
        if (fc <= fd) {                 /* the minimum is in [a, d] */
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = f(c, ud);
        } else {                        /* in [c, b] */
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = f(d, ud);
        }
    }
    if (fc <= fd) {
        *fmin = fc;
        return c;
    }
    *fmin = fd;
    return d;
}

/* Data for lad_cost: the points and room for n residuals. */
struct lad {
    const double *x, *y;
    int n;
    double *r;
    double icept;               /* the best intercept for the last slope */
};

/* Returns Σ |y − w·x − b| for the best b (the median residual) at slope
 * w; convex in w. */
static double lad_cost(double w, void *ud)
{
    struct lad *d = ud;
    double s = 0;

    for (int i = 0; i < d->n; i++)
        d->r[i] = d->y[i] - w * d->x[i];
    d->icept = lm_median(d->r, d->n);
    for (int i = 0; i < d->n; i++)
        s += fabs(d->r[i] - d->icept);
    return s;
}

double lm_fit_lad(const double *x, const double *y, int n, double *slope,
                  double *icept, double *work)
{
    struct lad d = { .x = x, .y = y, .n = n, .r = work };
    double lo = INFINITY, hi = -INFINITY, cost, w;

    /* An optimal line passes through two data points, so its slope lies
     * between the smallest and the largest pairwise slope. */
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (x[i] != x[j]) {
                double s = (y[j] - y[i]) / (x[j] - x[i]);
                lo = s < lo ? s : lo;
                hi = s > hi ? s : hi;
            }
    if (!(lo <= hi)) {                  /* all x equal: a flat line */
        lo = hi = 0;
    }
    w = lm_golden(lad_cost, &d, lo, hi,
                  1e-13 * (fabs(lo) + fabs(hi) + 1), &cost);
    cost = lad_cost(w, &d);             /* sets d.icept for w */
    *slope = w;
    *icept = d.icept;
    return cost / n;
}
