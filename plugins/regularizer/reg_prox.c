/* SPDX-License-Identifier: MIT */
/* Shrinkage operators, ISTA against plain subgradient steps, and the 1-D
 * MAP estimates that make the penalties priors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/common.h>
#include "reg_math.h"


double reg_soft(double z, double t)
{
    if (z > t)
        return z - t;
    if (z < -t)
        return z + t;
    return 0.0;                             /* exactly: the whole interval */
}

double reg_hard(double z, double t)
{
    return fabs(z) > t ? z : 0.0;
}

double reg_ridge_shrink(double z, double lambda)
{
    return z / (1.0 + lambda);
}

double reg_lipschitz(const struct reg_gram *g)
{
    int p = g->p;
    double *v = calloc((size_t)(p > 0 ? p : 1), sizeof *v);
    double *hv = malloc((size_t)(p > 0 ? p : 1) * sizeof *hv);
    double ev = 0, norm = 0;

    if (!v || !hv) {
        free(v);
        free(hv);
        return NAN;
    }
    for (int j = 0; j < p; j++) {           /* not orthogonal to anything */
        v[j] = 1.0 + (double)j / (double)p;
        norm += v[j] * v[j];
    }
    for (int j = 0; j < p; j++)
        v[j] /= sqrt(norm);
    for (int it = 0; it < 1000; it++) {     /* power iteration, |v| = 1 */
        double prev = ev;

        reg_gram_apply(g, v, hv);
        ev = norm = 0;
        for (int j = 0; j < p; j++) {
            ev += v[j] * hv[j];             /* Rayleigh quotient */
            norm += hv[j] * hv[j];
        }
        if (norm == 0.0)
            break;
        norm = sqrt(norm);
        for (int j = 0; j < p; j++)
            v[j] = hv[j] / norm;
        if (it > 0 && fabs(ev - prev) <= 1e-15 * ev)
            break;
    }
    free(v);
    free(hv);
    return ev / (double)g->n;
}

/* Records iterate k of w in the optional trace, obj and zeros arrays. */
static void record(const struct reg_gram *g, double alpha, const double *w,
                   const double *Hw, int k, double *trace, double *obj,
                   double *zeros)
{
    int p = g->p;

    if (trace)
        memcpy(trace + (size_t)k * p, w, (size_t)p * sizeof *w);
    if (obj) {
        double asum = 0;
        for (int j = 0; j < p; j++)
            asum += fabs(w[j]);
        obj[k] = reg_ls_loss(g, w, Hw) + alpha * asum;
    }
    if (zeros)
        zeros[k] = reg_count_zeros(w, p);
}

/* Runs ISTA (subgrad 0) or subgradient steps; see reg_ista. */
static int iterate(const struct reg_gram *g, double alpha, double step,
                   int subgrad, int decreasing, double *w, int steps,
                   double *trace, double *obj, double *zeros,
                   reg_tick_fn tick, void *ud)
{
    int p = g->p, rc = REG_OK;
    double *Hw = malloc((size_t)(p > 0 ? p : 1) * sizeof *Hw);
    double *grad = malloc((size_t)(p > 0 ? p : 1) * sizeof *grad);

    if (!Hw || !grad) {
        free(Hw);
        free(grad);
        return REG_ENOMEM;
    }
    for (int k = 0; ; k++) {
        double s = decreasing ? step / sqrt((double)k + 1.0) : step;

        reg_gram_apply(g, w, Hw);
        record(g, alpha, w, Hw, k, trace, obj, zeros);
        if (k == steps)
            break;
        reg_ls_grad(g, Hw, grad);
        for (int j = 0; j < p; j++) {
            if (subgrad) {
                double sg = w[j] > 0 ? 1.0 : w[j] < 0 ? -1.0 : 0.0;
                w[j] -= s * (grad[j] + alpha * sg);
            } else {
                w[j] = reg_soft(w[j] - s * grad[j], s * alpha);
            }
        }
        if (tick && (k & 63) == 63 && tick(ud, (double)(k + 1) / steps)) {
            rc = REG_CANCEL;
            break;
        }
    }
    free(Hw);
    free(grad);
    return rc;
}

int reg_ista(const struct reg_gram *g, double alpha, double step, double *w,
             int steps, double *trace, double *obj, double *zeros,
             reg_tick_fn tick, void *ud)
{
    return iterate(g, alpha, step, 0, 0, w, steps, trace, obj, zeros, tick,
                   ud);
}

int reg_subgradient(const struct reg_gram *g, double alpha, double step,
                    int decreasing, double *w, int steps, double *trace,
                    double *obj, double *zeros, reg_tick_fn tick, void *ud)
{
    return iterate(g, alpha, step, 1, decreasing, w, steps, trace, obj,
                   zeros, tick, ud);
}

double reg_log_laplace(double w, double b)
{
    return -log(2.0 * b) - fabs(w) / b;
}

double reg_log_gauss(double w, double tau)
{
    return -0.5 * NC_LOG_2PI - log(tau) - 0.5 * (w / tau) * (w / tau);
}

double reg_map_laplace(double z, double s, double b)
{
    return reg_soft(z, s * s / b);
}

double reg_map_gauss(double z, double s, double tau)
{
    return z * tau * tau / (tau * tau + s * s);
}
