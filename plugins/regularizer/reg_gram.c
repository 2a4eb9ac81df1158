/* SPDX-License-Identifier: MIT */
/* The Gram form of least squares: H = Xc^T Xc, q = Xc^T yc, eagerly in
 * blocks of rows or lazily one column at a time, with the same bits. */
#include <stdlib.h>
#include <string.h>

#include "reg_math.h"

/* Kept out of line: inlined into a loop nest, gcc -O2 loses the restrict
 * promises and leaves the loop scalar. */
#if defined(__GNUC__)
#define REG_NOINLINE __attribute__((noinline))
#else
#define REG_NOINLINE
#endif

REG_NOINLINE void reg_axpy(int n, double a, const double *restrict x,
              double *restrict y)
{
    int m = n & ~1, k;

    for (k = 0; k < m; k++)
        y[k] += a * x[k];
    for (; k < n; k++)
        y[k] += a * x[k];
}

/* Adds (row - mean) * s to acc (n entries); returns nothing. */
REG_NOINLINE static void axpy_centred(int n, double s,
                                      const double *restrict row,
                                      const double *restrict mean,
                                      double *restrict acc)
{
    int m = n & ~1, k;

    for (k = 0; k < m; k++)
        acc[k] += (row[k] - mean[k]) * s;
    for (; k < n; k++)
        acc[k] += (row[k] - mean[k]) * s;
}

/* Adds the outer products of GB centred rows (xb, GB x p) to the upper
 * triangle of H, row by row in order for every entry (the bits of GB
 * rank-1 updates, with H read and written once); returns nothing. */
enum { GB = 8 };
static void gram_rows(int p, const double *restrict xb, double *restrict H)
{
    for (int j = 0; j < p; j++) {
        const double *x0 = xb + j, *x1 = x0 + p, *x2 = x1 + p, *x3 = x2 + p,
                     *x4 = x3 + p, *x5 = x4 + p, *x6 = x5 + p, *x7 = x6 + p;
        double a0 = x0[0], a1 = x1[0], a2 = x2[0], a3 = x3[0], a4 = x4[0],
               a5 = x5[0], a6 = x6[0], a7 = x7[0];
        double *restrict h = H + (size_t)j * p + j;
        int n = p - j, m = n & ~1, k;

        for (k = 0; k < m; k++)
            h[k] = h[k] + a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k]
                   + a4 * x4[k] + a5 * x5[k] + a6 * x6[k] + a7 * x7[k];
        for (; k < n; k++)
            h[k] = h[k] + a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k]
                   + a4 * x4[k] + a5 * x5[k] + a6 * x6[k] + a7 * x7[k];
    }
}

int reg_gram_init(struct reg_gram *g, const double *X, const double *y,
                  int n, int p, int intercept)
{
    size_t pp = (size_t)p * (size_t)p;
    double *xc;

    memset(g, 0, sizeof *g);
    g->n = n;
    g->p = p;
    g->H = calloc(pp, sizeof *g->H);
    g->q = calloc((size_t)p, sizeof *g->q);
    g->xmean = calloc((size_t)p, sizeof *g->xmean);
    xc = malloc((size_t)GB * (size_t)(p > 0 ? p : 1) * sizeof *xc);
    if (!g->H || !g->q || !g->xmean || !xc) {
        free(xc);
        reg_gram_free(g);
        return REG_ENOMEM;
    }
    if (intercept) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                g->xmean[j] += X[(size_t)i * p + j];
            g->ymean += y[i];
        }
        for (int j = 0; j < p; j++)
            g->xmean[j] /= (double)n;
        g->ymean /= (double)n;
    }
    for (int i = 0; i < n; i++) {           /* q and yy, row by row */
        const double *row = X + (size_t)i * p;
        double yc = y[i] - g->ymean;

        for (int j = 0; j < p; j++)
            g->q[j] += (row[j] - g->xmean[j]) * yc;
        g->yy += yc * yc;
    }
    for (int i = 0; i < n; i++) {           /* H += x x^T, GB rows at once */
        int b = i % GB;
        const double *row = X + (size_t)i * p;

        for (int j = 0; j < p; j++)
            xc[(size_t)b * p + j] = row[j] - g->xmean[j];
        if (b == GB - 1) {
            gram_rows(p, xc, g->H);
        } else if (i == n - 1) {            /* the last rows one by one */
            for (int r = 0; r <= b; r++)
                for (int j = 0; j < p; j++)
                    reg_axpy(p - j, xc[(size_t)r * p + j],
                         xc + (size_t)r * p + j, g->H + (size_t)j * p + j);
        }
    }
    for (int j = 0; j < p; j++)             /* mirror the upper triangle */
        for (int k = 0; k < j; k++)
            g->H[(size_t)j * p + k] = g->H[(size_t)k * p + j];
    free(xc);
    return REG_OK;
}

int reg_gram_init_lazy(struct reg_gram *g, const double *X, const double *y,
                       int n, int p, int intercept)
{
    size_t pp = (size_t)p * (size_t)p;
    double *diag, *xc;

    memset(g, 0, sizeof *g);
    g->n = n;
    g->p = p;
    g->X = X;
    g->H = malloc((pp > 0 ? pp : 1) * sizeof *g->H);
    g->have = calloc((size_t)(p > 0 ? p : 1), 1);
    g->q = calloc((size_t)(p > 0 ? p : 1), sizeof *g->q);
    g->xmean = calloc((size_t)(p > 0 ? p : 1), sizeof *g->xmean);
    diag = calloc((size_t)(p > 0 ? p : 1), sizeof *diag);
    xc = malloc((size_t)(p > 0 ? p : 1) * sizeof *xc);
    if (!g->H || !g->have || !g->q || !g->xmean || !diag || !xc) {
        free(diag);
        free(xc);
        reg_gram_free(g);
        return REG_ENOMEM;
    }
    if (intercept) {                        /* as reg_gram_init, same order */
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                g->xmean[j] += X[(size_t)i * p + j];
            g->ymean += y[i];
        }
        for (int j = 0; j < p; j++)
            g->xmean[j] /= (double)n;
        g->ymean /= (double)n;
    }
    for (int i = 0; i < n; i++) {           /* q, yy and diag(H) only */
        const double *row = X + (size_t)i * p;
        double yc = y[i] - g->ymean;

        for (int j = 0; j < p; j++)
            xc[j] = row[j] - g->xmean[j];
        for (int j = 0; j < p; j++) {
            diag[j] += xc[j] * xc[j];
            g->q[j] += xc[j] * yc;
        }
        g->yy += yc * yc;
    }
    for (int j = 0; j < p; j++)
        g->H[(size_t)j * p + j] = diag[j];
    free(diag);
    free(xc);
    return REG_OK;
}

const double *reg_gram_col(const struct reg_gram *g, int k)
{
    int n = g->n, p = g->p;
    double *col = g->H + (size_t)k * p;

    if (!g->have || g->have[k])
        return col;
    for (int j = 0; j < p; j++)
        col[j] = 0.0;
    for (int i = 0; i < n; i++) {           /* sum over i in order, as the
                                               eager rank-1 updates do */
        const double *row = g->X + (size_t)i * p;

        axpy_centred(p, row[k] - g->xmean[k], row, g->xmean, col);
    }
    g->have[k] = 1;
    return col;
}

void reg_gram_fill(const struct reg_gram *g)
{
    for (int k = 0; g->have && k < g->p; k++)
        reg_gram_col(g, k);
}

void reg_gram_free(struct reg_gram *g)
{
    free(g->H);
    free(g->q);
    free(g->xmean);
    free(g->have);
    g->H = g->q = g->xmean = NULL;
    g->have = NULL;
}

void reg_gram_apply(const struct reg_gram *g, const double *w, double *Hw)
{
    int p = g->p;

    for (int j = 0; j < p; j++)
        Hw[j] = 0.0;
    for (int k = 0; k < p; k++) {           /* column by column: skip zeros */
        double wk = w[k];

        if (wk == 0.0)
            continue;
        reg_axpy(p, wk, reg_gram_col(g, k), Hw);   /* Hk[j] wk = wk Hk[j] */
    }
}

