/* SPDX-License-Identifier: MIT */
/* Batch normalisation forward, backward and running statistics (see
 * bn_math.h).  Loops run over features outside (two at a time where
 * vectors exist) and rows inside, so every sum over the batch runs in
 * row order whatever the vector width. */
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

void bn_forward_train(int B, int n, const double *x, const double *gamma,
                      const double *beta, double eps, double *mu,
                      double *var, double *istd, double *xhat, double *y)
{
    int j = 0;

#if defined(MM_V2)
    for (; j + 2 <= n; j += 2) {            /* two features at a time */
        mm_v2 m = mm_splat2(0), v = mm_splat2(0), vb = mm_splat2(B), s, g;
        mm_v2 be;

        for (int i = 0; i < B; i++)
            m += mm_ld2(x + (ptrdiff_t)i * n + j);
        m /= vb;
        for (int i = 0; i < B; i++) {       /* two passes: stable */
            mm_v2 d = mm_ld2(x + (ptrdiff_t)i * n + j) - m;
            v += d * d;
        }
        v /= vb;
        mm_st2(mu + j, m);
        mm_st2(var + j, v);
        istd[j] = inv_std(var[j] + eps);
        istd[j + 1] = inv_std(var[j + 1] + eps);
        s = mm_ld2(istd + j);
        g = mm_ld2(gamma + j);
        be = mm_ld2(beta + j);
        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            mm_v2 h = (mm_ld2(x + o) - m) * s;
            mm_st2(xhat + o, h);
            mm_st2(y + o, g * h + be);
        }
    }
#endif
    for (; j < n; j++) {                    /* one feature at a time */
        double m = 0, v = 0;

        for (int i = 0; i < B; i++)
            m += x[(ptrdiff_t)i * n + j];
        m /= B;
        for (int i = 0; i < B; i++) {
            double d = x[(ptrdiff_t)i * n + j] - m;
            v += d * d;
        }
        v /= B;
        mu[j] = m;
        var[j] = v;
        istd[j] = inv_std(v + eps);
        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            xhat[o] = (x[o] - m) * istd[j];
            y[o] = gamma[j] * xhat[o] + beta[j];
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
     * number, so the multiply gives the divide's bits. */
    int j = 0, pow2 = (B & (B - 1)) == 0;

#if defined(MM_V2)
    for (; j + 2 <= n; j += 2) {            /* two features at a time */
        mm_v2 db = mm_splat2(0), dg = mm_splat2(0), vb = mm_splat2(B);
        mm_v2 inv = mm_splat2(1.0 / B), gs, mb;

        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            mm_v2 d = mm_ld2(dy + o);
            db += d;
            dg += d * mm_ld2(xhat + o);
        }
        mm_st2(dbeta + j, db);
        mm_st2(dgamma + j, dg);
        gs = mm_ld2(gamma + j) * mm_ld2(istd + j);
        mb = db / vb;
        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            mm_v2 u = mm_ld2(xhat + o) * dg;
            u = pow2 ? u * inv : u / vb;
            mm_st2(dx + o, gs * (mm_ld2(dy + o) - mb - u));
        }
    }
#endif
    for (; j < n; j++) {                    /* one feature at a time */
        double db = 0, dg = 0, gs, mb;

        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            db += dy[o];
            dg += dy[o] * xhat[o];
        }
        dbeta[j] = db;
        dgamma[j] = dg;
        gs = gamma[j] * istd[j];
        mb = db / B;
        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j;
            double u = xhat[o] * dg;
            u = pow2 ? u * (1.0 / B) : u / B;
            dx[o] = gs * (dy[o] - mb - u);
        }
    }
}
