/* SPDX-License-Identifier: MIT */
/* Polynomial fits with no, L1 or L2 penalty: features, a QR least-squares
 * solver, evaluation and a roughness measure of the fitted curve. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reg_math.h"

void reg_poly_features(const double *x, int n, int d, double *Phi)
{
    for (int i = 0; i < n; i++) {
        double v = 1.0;

        for (int k = 0; k < d; k++) {
            v *= x[i];
            Phi[(size_t)i * d + k] = v;
        }
    }
}

int reg_lstsq_qr(double *A, int m, int d, double *b, double *w)
{
    double rmax = 0;

    for (int k = 0; k < d; k++) {           /* Householder on column k */
        double norm = 0, alpha, vnorm2, *v = &A[(size_t)k * d + k];

        for (int i = k; i < m; i++)
            norm += A[(size_t)i * d + k] * A[(size_t)i * d + k];
        norm = sqrt(norm);
        if (norm == 0.0)
            return REG_ESINGULAR;
        alpha = *v > 0 ? -norm : norm;      /* no cancellation in v0 */
        *v -= alpha;                        /* v = x - alpha e1, in place */
        vnorm2 = 0;
        for (int i = k; i < m; i++)
            vnorm2 += A[(size_t)i * d + k] * A[(size_t)i * d + k];
        for (int j = k + 1; j < d; j++) {   /* A_j -= 2 v (v.A_j) / v.v */
            double s = 0;
            for (int i = k; i < m; i++)
                s += A[(size_t)i * d + k] * A[(size_t)i * d + j];
            s = 2.0 * s / vnorm2;
            for (int i = k; i < m; i++)
                A[(size_t)i * d + j] -= s * A[(size_t)i * d + k];
        }
        double s = 0;
        for (int i = k; i < m; i++)
            s += A[(size_t)i * d + k] * b[i];
        s = 2.0 * s / vnorm2;
        for (int i = k; i < m; i++)
            b[i] -= s * A[(size_t)i * d + k];
        A[(size_t)k * d + k] = alpha;       /* R_kk; below it is v */
        if (fabs(alpha) > rmax)
            rmax = fabs(alpha);
    }
    for (int k = d - 1; k >= 0; k--) {      /* R w = (Q^T b)[0..d) */
        double t = b[k], r = A[(size_t)k * d + k];

        if (fabs(r) <= 1e-13 * rmax)
            return REG_ESINGULAR;
        for (int j = k + 1; j < d; j++)
            t -= A[(size_t)k * d + j] * w[j];
        w[k] = t / r;
    }
    return REG_OK;
}

/* Fits without a penalty (lambda 0) or with an L2 one by QR on the
 * centred features, augmented by sqrt(n lambda) I; returns a REG_ code. */
static int poly_qr(const double *Phi, const double *y, int n, int d,
                   const double *xmean, double ymean, double lambda,
                   double *w)
{
    int m = lambda > 0 ? n + d : n, rc;
    double *A = calloc((size_t)m * (size_t)d, sizeof *A);
    double *b = calloc((size_t)m, sizeof *b);

    if (!A || !b) {
        free(A);
        free(b);
        return REG_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < d; k++)
            A[(size_t)i * d + k] = Phi[(size_t)i * d + k] - xmean[k];
        b[i] = y[i] - ymean;
    }
    for (int k = 0; k < d && lambda > 0; k++)
        A[(size_t)(n + k) * d + k] = sqrt((double)n * lambda);
    rc = reg_lstsq_qr(A, m, d, b, w);
    free(A);
    free(b);
    return rc;
}

int reg_poly_fit(const double *x, const double *y, int n, int d,
                 enum reg_penalty pen, double lambda, double tol,
                 int max_iter, double *w, double *b0,
                 struct reg_cd_out *out)
{
    double *Phi = malloc((size_t)n * (size_t)d * sizeof *Phi), *Hw;
    struct reg_gram g;
    int rc;

    if (!Phi)
        return REG_ENOMEM;
    reg_poly_features(x, n, d, Phi);
    if ((rc = reg_gram_init(&g, Phi, y, n, d, 1)) != REG_OK) {
        free(Phi);
        return rc;
    }
    memset(out, 0, sizeof *out);
    out->converged = 1;
    memset(w, 0, (size_t)d * sizeof *w);
    if (pen == REG_L1 && lambda > 0) {      /* coordinate descent from 0 */
        Hw = calloc((size_t)d, sizeof *Hw);
        rc = Hw ? reg_enet_cd(&g, lambda, 1.0, w, Hw, tol, max_iter, out)
                : REG_ENOMEM;
        free(Hw);
    } else {
        rc = poly_qr(Phi, y, n, d, g.xmean, g.ymean,
                     pen == REG_NONE ? 0.0 : lambda, w);
    }
    *b0 = reg_intercept(&g, w);
    reg_gram_free(&g);
    free(Phi);
    return rc;
}

double reg_poly_eval(const double *w, int d, double b0, double x)
{
    double v = 0;

    for (int k = d - 1; k >= 0; k--)        /* Horner on w1 x + ... */
        v = (v + w[k]) * x;
    return v + b0;
}

double reg_poly_roughness(const double *w, int d)
{
    double s = 0;

    /* f'' = sum_m a_m x^m with a_m = (m + 2)(m + 1) w_{m+2}, and the
     * integral of x^(m+l) over [-1, 1] is 2 / (m + l + 1) for even m + l */
    for (int m = 0; m + 2 <= d; m++)
        for (int l = 0; l + 2 <= d; l++) {
            if ((m + l) % 2)
                continue;
            double am = (m + 2.0) * (m + 1.0) * w[m + 1];
            double al = (l + 2.0) * (l + 1.0) * w[l + 1];
            s += am * al * 2.0 / (m + l + 1.0);
        }
    return s;
}
