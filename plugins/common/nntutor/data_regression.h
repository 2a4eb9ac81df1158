/* SPDX-License-Identifier: MIT */
/* Regression data shared by plugins: sparse linear models with correlated
 * features, orthonormal designs and 1-D points for curve fitting.  Every
 * random number comes from the host's data stream, so the same seed gives
 * the same data in every plugin. */
#ifndef NNT_DATA_REGRESSION_H
#define NNT_DATA_REGRESSION_H

#include <nntutor/plugin.h>

/* Fills beta (length p) with zeros except k entries (k <= p) at random
 * positions, each of random sign and magnitude uniform in [lo, hi]. */
void nc_sparse_coef(const struct nnt_host *h, struct nnt_call *c, int p,
                    int k, double lo, double hi, double *beta);

/* Fills X (n x p, row-major) with standard normal features whose
 * correlation is rho^|j - k| between columns j and k (an AR(1) chain
 * along the columns, |rho| < 1): every feature has variance 1. */
void nc_correlated_design(const struct nnt_host *h, struct nnt_call *c,
                          int n, int p, double rho, double *X);

/* Fills y (length n) with X beta + noise * N(0, 1), X n x p row-major. */
void nc_linear_response(const struct nnt_host *h, struct nnt_call *c,
                        int n, int p, const double *X, const double *beta,
                        double noise, double *y);

/* Fills Q (n x p, row-major, p <= n) with orthonormal columns
 * (Q^T Q = I to rounding): Gaussian columns orthogonalised twice by
 * modified Gram-Schmidt.  Returns 0, or -1 if a column vanished. */
int nc_orthonormal_design(const struct nnt_host *h, struct nnt_call *c,
                          int n, int p, double *Q);

/* Fills x (increasing, one point in each of n equal bins of [-1, 1],
 * jittered uniformly) and y = sin(pi x) + noise * N(0, 1). */
void nc_curve_points(const struct nnt_host *h, struct nnt_call *c, int n,
                     double noise, double *x, double *y);

/* Returns the noiseless curve the points of nc_curve_points follow,
 * sin(pi x). */
double nc_curve_truth(double x);

#endif
