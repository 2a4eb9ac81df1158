/* SPDX-License-Identifier: MIT */
/* Batch normalisation forward, backward and running statistics (see
 * bn_math.h).  Loops run over rows outside and features inside (two at
 * a time where vectors exist), reading memory in order, and every sum
 * over the batch runs in row order whatever the vector width. */
#include <math.h>
#include <stddef.h>

#include <nntutor/bn_math.h>
#include <nntutor/mm.h>

/* Returns 1 / sqrt(ve) for ve = var + eps, or 0 when ve is 0 (a batch
 * of one, or of equal values, with eps = 0), so that x-hat = 0 there and
 * the backward pass, scaled by it, gives dx = 0. */
static double inv_std(double ve)
{
    return ve == 0 ? 0 : 1.0 / sqrt(ve);
}

/* Adds row x (n values) to s element by element; returns nothing. */
static void add_row(double *s, const double *x, int n)
{
    int j = 0;

#if defined(MM_V2)
    for (; j + 2 <= n; j += 2)
        mm_st2(s + j, mm_ld2(s + j) + mm_ld2(x + j));
#endif
    for (; j < n; j++)
        s[j] += x[j];
}

void bn_forward_train(int B, int n, const double *x, const double *gamma,
                      const double *beta, double eps, double *mu,
                      double *var, double *istd, double *xhat, double *y)
{
    for (int j = 0; j < n; j++)
        mu[j] = var[j] = 0;
    for (int i = 0; i < B; i++)             /* rows in order, per feature */
        add_row(mu, x + (ptrdiff_t)i * n, n);
    for (int j = 0; j < n; j++)
        mu[j] /= B;
    for (int i = 0; i < B; i++) {           /* two passes: stable */
        const double *xi = x + (ptrdiff_t)i * n;
        int j = 0;

#if defined(MM_V2)
        for (; j + 2 <= n; j += 2) {
            mm_v2 d = mm_ld2(xi + j) - mm_ld2(mu + j);
            mm_st2(var + j, mm_ld2(var + j) + d * d);
        }
#endif
        for (; j < n; j++) {
            double d = xi[j] - mu[j];
            var[j] += d * d;
        }
    }
    for (int j = 0; j < n; j++) {
        var[j] /= B;
        istd[j] = inv_std(var[j] + eps);
    }
    for (int i = 0; i < B; i++) {
        ptrdiff_t o = (ptrdiff_t)i * n;
        int j = 0;

#if defined(MM_V2)
        for (; j + 2 <= n; j += 2) {
            mm_v2 h = (mm_ld2(x + o + j) - mm_ld2(mu + j))
                      * mm_ld2(istd + j);
            mm_st2(xhat + o + j, h);
            mm_st2(y + o + j, mm_ld2(gamma + j) * h + mm_ld2(beta + j));
        }
#endif
        for (; j < n; j++) {
            double h = (x[o + j] - mu[j]) * istd[j];
            xhat[o + j] = h;
            y[o + j] = gamma[j] * h + beta[j];
        }
    }
}

void bn_forward_eval(int B, int n, const double *x, const double *gamma,
                     const double *beta, const double *rmean,
                     const double *rvar, double eps, double *xhat,
                     double *y)
{
    int j = 0;

#if defined(MM_V2)
    for (; j + 2 <= n; j += 2) {            /* two features at a time */
        mm_v2 m = mm_ld2(rmean + j), g = mm_ld2(gamma + j);
        mm_v2 be = mm_ld2(beta + j);
        mm_v2 sd = { sqrt(rvar[j] + eps), sqrt(rvar[j + 1] + eps) };

        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            mm_v2 h = (mm_ld2(x + o) - m) / sd;
            h = mm_sel2(sd == mm_splat2(0), mm_splat2(0), h);  /* 0/0 */
            if (xhat)
                mm_st2(xhat + o, h);
            mm_st2(y + o, g * h + be);
        }
    }
#endif
    for (; j < n; j++) {                    /* one feature at a time */
        double sd = sqrt(rvar[j] + eps);

        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            double h = sd == 0 ? 0 : (x[o] - rmean[j]) / sd;
            if (xhat)
                xhat[o] = h;
            y[o] = gamma[j] * h + beta[j];
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
    /* dx = gamma istd (dy - mean(dy) - xhat mean(dy xhat)); for B a power
     * of two, u / B and u * (1 / B) are the same rounding of the same
     * number, so the multiply gives the divide's bits.  Features go in
     * chunks of BN_CHUNK, rows in order inside each. */
    enum { BN_CHUNK = 256 };
    int pow2 = (B & (B - 1)) == 0;
    double gs[BN_CHUNK], mb[BN_CHUNK];

    for (int j = 0; j < n; j++)
        dbeta[j] = dgamma[j] = 0;
    for (int i = 0; i < B; i++) {
        ptrdiff_t o = (ptrdiff_t)i * n;
        int j = 0;

#if defined(MM_V2)
        for (; j + 2 <= n; j += 2) {
            mm_v2 d = mm_ld2(dy + o + j);
            mm_st2(dbeta + j, mm_ld2(dbeta + j) + d);
            mm_st2(dgamma + j, mm_ld2(dgamma + j) + d * mm_ld2(xhat + o + j));
        }
#endif
        for (; j < n; j++) {
            dbeta[j] += dy[o + j];
            dgamma[j] += dy[o + j] * xhat[o + j];
        }
    }
    for (int j0 = 0; j0 < n; j0 += BN_CHUNK) {
        int w = n - j0 < BN_CHUNK ? n - j0 : BN_CHUNK;
        const double *dg = dgamma + j0;

        for (int j = 0; j < w; j++) {
            gs[j] = gamma[j0 + j] * istd[j0 + j];
            mb[j] = dbeta[j0 + j] / B;
        }
        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j0;
            int j = 0;

#if defined(MM_V2)
            for (; j + 2 <= w; j += 2) {
                mm_v2 u = mm_ld2(xhat + o + j) * mm_ld2(dg + j);
                u = pow2 ? u * mm_splat2(1.0 / B) : u / mm_splat2(B);
                mm_st2(dx + o + j, mm_ld2(gs + j) * (mm_ld2(dy + o + j)
                                                     - mm_ld2(mb + j) - u));
            }
#endif
            for (; j < w; j++) {
                double u = xhat[o + j] * dg[j];
                u = pow2 ? u * (1.0 / B) : u / B;
                dx[o + j] = gs[j] * (dy[o + j] - mb[j] - u);
            }
        }
    }
}
