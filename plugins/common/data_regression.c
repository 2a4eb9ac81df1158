/* SPDX-License-Identifier: MIT */
/* Regression data shared by plugins (see data_regression.h). */
#include <math.h>

#include <nntutor/common.h>
#include <nntutor/data_regression.h>


void nc_sparse_coef(const struct nnt_host *h, struct nnt_call *c, int p,
                    int k, double lo, double hi, double *beta)
{
    int chosen = 0;

    for (int j = 0; j < p; j++) {           /* Knuth's selection sampling */
        double u = h->rng_uniform(c, NNT_RNG_DATA);

        beta[j] = 0.0;
        if (u * (double)(p - j) < (double)(k - chosen)) {
            double s = h->rng_uniform(c, NNT_RNG_DATA) < 0.5 ? -1.0 : 1.0;

            beta[j] = s * (lo + (hi - lo) * h->rng_uniform(c, NNT_RNG_DATA));
            chosen++;
        }
    }
}

void nc_correlated_design(const struct nnt_host *h, struct nnt_call *c,
                          int n, int p, double rho, double *X)
{
    double s = sqrt(1.0 - rho * rho);

    for (int i = 0; i < n; i++) {
        double *row = X + (size_t)i * (size_t)p;

        row[0] = h->rng_normal(c, NNT_RNG_DATA);
        for (int j = 1; j < p; j++)
            row[j] = rho * row[j - 1] + s * h->rng_normal(c, NNT_RNG_DATA);
    }
}

void nc_linear_response(const struct nnt_host *h, struct nnt_call *c,
                        int n, int p, const double *X, const double *beta,
                        double noise, double *y)
{
    for (int i = 0; i < n; i++) {
        const double *row = X + (size_t)i * (size_t)p;
        double s = 0;

        for (int j = 0; j < p; j++)
            s += row[j] * beta[j];
        y[i] = s + noise * h->rng_normal(c, NNT_RNG_DATA);
    }
}

int nc_orthonormal_design(const struct nnt_host *h, struct nnt_call *c,
                          int n, int p, double *Q)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++)
            Q[(size_t)i * p + j] = h->rng_normal(c, NNT_RNG_DATA);
    for (int j = 0; j < p; j++) {
        for (int pass = 0; pass < 2; pass++)    /* twice is enough */
            for (int k = 0; k < j; k++) {
                double d = 0;
                for (int i = 0; i < n; i++)
                    d += Q[(size_t)i * p + k] * Q[(size_t)i * p + j];
                for (int i = 0; i < n; i++)
                    Q[(size_t)i * p + j] -= d * Q[(size_t)i * p + k];
            }
        double norm = 0;
        for (int i = 0; i < n; i++)
            norm += Q[(size_t)i * p + j] * Q[(size_t)i * p + j];
        norm = sqrt(norm);
        if (!(norm > 1e-8))
            return -1;
        for (int i = 0; i < n; i++)
            Q[(size_t)i * p + j] /= norm;
    }
    return 0;
}

double nc_curve_truth(double x)
{
    return sin(NC_PI * x);
}

void nc_curve_points(const struct nnt_host *h, struct nnt_call *c, int n,
                     double noise, double *x, double *y)
{
    for (int i = 0; i < n; i++) {
        double u = h->rng_uniform(c, NNT_RNG_DATA);

        x[i] = -1.0 + 2.0 * ((double)i + u) / (double)n;
        y[i] = nc_curve_truth(x[i]) + noise * h->rng_normal(c, NNT_RNG_DATA);
    }
}
