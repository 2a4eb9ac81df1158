/* SPDX-License-Identifier: MIT */
/* Batch normalisation forward, backward and running statistics (see
 * bn_math.h).  Loops run over rows outside, features inside, so every
 * access is contiguous and every sum has a fixed order. */
#include <math.h>
#include <stddef.h>

#include "bn_math.h"

void bn_forward_train(int B, int n, const double *x, const double *gamma,
                      const double *beta, double eps, double *mu,
                      double *var, double *istd, double *xhat, double *y)
{
    for (int j = 0; j < n; j++)
        mu[j] = var[j] = 0;
    for (int i = 0; i < B; i++) {
        const double *xi = x + (ptrdiff_t)i * n;
        for (int j = 0; j < n; j++)
            mu[j] += xi[j];
    }
    for (int j = 0; j < n; j++)
        mu[j] /= B;
    for (int i = 0; i < B; i++) {           /* two passes: stable */
        const double *xi = x + (ptrdiff_t)i * n;
        for (int j = 0; j < n; j++) {
            double d = xi[j] - mu[j];
            var[j] += d * d;
        }
    }
    for (int j = 0; j < n; j++) {
        var[j] /= B;
        istd[j] = 1.0 / sqrt(var[j] + eps);
    }
    for (int i = 0; i < B; i++) {
        const double *xi = x + (ptrdiff_t)i * n;
        double *hi = xhat + (ptrdiff_t)i * n, *yi = y + (ptrdiff_t)i * n;
        for (int j = 0; j < n; j++) {
            hi[j] = (xi[j] - mu[j]) * istd[j];
            yi[j] = gamma[j] * hi[j] + beta[j];
        }
    }
}

void bn_forward_eval(int B, int n, const double *x, const double *gamma,
                     const double *beta, const double *rmean,
                     const double *rvar, double eps, double *xhat,
                     double *y)
{
    for (int i = 0; i < B; i++) {
        const double *xi = x + (ptrdiff_t)i * n;
        double *yi = y + (ptrdiff_t)i * n;
        for (int j = 0; j < n; j++) {
            double h = (xi[j] - rmean[j]) / sqrt(rvar[j] + eps);
            if (xhat)
                xhat[(ptrdiff_t)i * n + j] = h;
            yi[j] = gamma[j] * h + beta[j];
        }
    }
}

void bn_update_running(int B, int n, const double *mu, const double *var,
                       double m, double *rmean, double *rvar)
{
    double unbias = B > 1 ? (double)B / (B - 1) : 1.0;

    for (int j = 0; j < n; j++) {
        rmean[j] = (1 - m) * rmean[j] + m * mu[j];
        rvar[j] = (1 - m) * rvar[j] + m * var[j] * unbias;
    }
}

void bn_backward(int B, int n, const double *dy, const double *xhat,
                 const double *istd, const double *gamma, double *dx,
                 double *dgamma, double *dbeta)
{
    for (int j = 0; j < n; j++)
        dgamma[j] = dbeta[j] = 0;
    for (int i = 0; i < B; i++) {
        const double *di = dy + (ptrdiff_t)i * n;
        const double *hi = xhat + (ptrdiff_t)i * n;
        for (int j = 0; j < n; j++) {
            dbeta[j] += di[j];
            dgamma[j] += di[j] * hi[j];
        }
    }
    /* dx = gamma istd (dy - mean(dy) - xhat mean(dy xhat)) */
    for (int i = 0; i < B; i++) {
        const double *di = dy + (ptrdiff_t)i * n;
        const double *hi = xhat + (ptrdiff_t)i * n;
        double *oi = dx + (ptrdiff_t)i * n;
        for (int j = 0; j < n; j++)
            oi[j] = gamma[j] * istd[j]
                    * (di[j] - dbeta[j] / B - hi[j] * dgamma[j] / B);
    }
}
