/* SPDX-License-Identifier: MIT */
/* Batch normalisation forward, backward and running statistics (see
 * bn_math.h).  Loops run over rows outside and features inside (eight at
 * a time where vectors exist), reading memory in order, and every sum
 * over the batch runs in row order whatever the vector width. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <nntutor/bn_math.h>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
/* Each function is built for AVX-512, AVX2 and plain x86-64 and the
 * loader picks the widest the CPU has.  The loops below go over features
 * eight at a time: each lane is an ordinary IEEE operation, so every
 * build gives the same bits. */
#define BN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define BN_CLONES
#endif
#if defined(__GNUC__)
#define BN_V 8
typedef double bn_v __attribute__((vector_size(8 * BN_V)));
typedef long long bn_m __attribute__((vector_size(8 * BN_V)));

/* Returns the BN_V doubles at p (any alignment). */
#define BN_LD(p) __extension__({ bn_v v_; memcpy(&v_, (p), sizeof v_); v_; })
/* Stores v at p (any alignment). */
#define BN_ST(p, v) __extension__({ bn_v w_ = (v); memcpy((p), &w_, \
                                                           sizeof w_); })
#endif

/* Returns 1 / sqrt(ve) for ve = var + eps, or 0 when ve is 0 (a batch
 * of one, or of equal values, with eps = 0), so that x-hat = 0 there and
 * the backward pass, scaled by it, gives dx = 0. */
static double inv_std(double ve)
{
    return ve == 0 ? 0 : 1.0 / sqrt(ve);
}

/* Adds row x (n values) to s element by element; returns nothing. */
static inline __attribute__((always_inline)) void add_row(double *s,
                                                         const double *x,
                                                         int n)
{
    int j = 0;

#if defined(BN_V)
    for (; j + BN_V <= n; j += BN_V)
        BN_ST(s + j, BN_LD(s + j) + BN_LD(x + j));
#endif
    for (; j < n; j++)
        s[j] += x[j];
}

BN_CLONES
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

#if defined(BN_V)
        for (; j + BN_V <= n; j += BN_V) {
            bn_v d = BN_LD(xi + j) - BN_LD(mu + j);
            BN_ST(var + j, BN_LD(var + j) + d * d);
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

#if defined(BN_V)
        for (; j + BN_V <= n; j += BN_V) {
            bn_v h = (BN_LD(x + o + j) - BN_LD(mu + j)) * BN_LD(istd + j);
            BN_ST(xhat + o + j, h);
            BN_ST(y + o + j, BN_LD(gamma + j) * h + BN_LD(beta + j));
        }
#endif
        for (; j < n; j++) {
            double h = (x[o + j] - mu[j]) * istd[j];
            xhat[o + j] = h;
            y[o + j] = gamma[j] * h + beta[j];
        }
    }
}

BN_CLONES
void bn_forward_eval(int B, int n, const double *x, const double *gamma,
                     const double *beta, const double *rmean,
                     const double *rvar, double eps, double *xhat,
                     double *y)
{
    /* h = (x - rmean) / sqrt(rvar + eps), 0 where that sd is 0 (0/0);
     * features go in chunks of BN_CHUNK, rows in order inside each, so
     * memory is read in order (a feature's column is 8n bytes a step). */
    enum { BN_CHUNK = 256 };
    double sd[BN_CHUNK];

    for (int j0 = 0; j0 < n; j0 += BN_CHUNK) {
        int w = n - j0 < BN_CHUNK ? n - j0 : BN_CHUNK;
        const double *m = rmean + j0, *g = gamma + j0, *be = beta + j0;

        for (int j = 0; j < w; j++)
            sd[j] = sqrt(rvar[j0 + j] + eps);
        for (int i = 0; i < B; i++) {
            ptrdiff_t o = (ptrdiff_t)i * n + j0;
            int j = 0;

#if defined(BN_V)
            for (; j + BN_V <= w; j += BN_V) {
                bn_v s = BN_LD(sd + j);
                bn_v h = (BN_LD(x + o + j) - BN_LD(m + j)) / s;

                h = (bn_v)((bn_m)h & ~(s == 0));        /* 0/0 */
                if (xhat)
                    BN_ST(xhat + o + j, h);
                BN_ST(y + o + j, BN_LD(g + j) * h + BN_LD(be + j));
            }
#endif
            for (; j < w; j++) {
                double h = sd[j] == 0 ? 0 : (x[o + j] - m[j]) / sd[j];
                if (xhat)
                    xhat[o + j] = h;
                y[o + j] = g[j] * h + be[j];
            }
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

BN_CLONES
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

#if defined(BN_V)
        for (; j + BN_V <= n; j += BN_V) {
            bn_v d = BN_LD(dy + o + j);
            BN_ST(dbeta + j, BN_LD(dbeta + j) + d);
            BN_ST(dgamma + j, BN_LD(dgamma + j) + d * BN_LD(xhat + o + j));
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

#if defined(BN_V)
            for (; j + BN_V <= w; j += BN_V) {
                bn_v u = BN_LD(xhat + o + j) * BN_LD(dg + j);
                u = pow2 ? u * ((bn_v){ 0 } + 1.0 / B)
                         : u / ((bn_v){ 0 } + (double)B);
                BN_ST(dx + o + j, BN_LD(gs + j) * (BN_LD(dy + o + j)
                                                   - BN_LD(mb + j) - u));
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
