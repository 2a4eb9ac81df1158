/* SPDX-License-Identifier: MIT */
/* Numeric help shared by every plugin: stable functions, shuffles, data
 * sets and small linear algebra.  Compiled into each plugin (hidden), so
 * plugins never copy it.  Random numbers come from the host's seeded
 * streams, so the same seed gives the same data in every plugin. */
#ifndef NNT_COMMON_H
#define NNT_COMMON_H

#include <stddef.h>

#include <nntutor/plugin.h>

/* Constants, to the digits a double holds. */
#define NC_PI     3.14159265358979323846       /* π */
#define NC_LOG_2PI 1.83787706640934548356      /* log(2π) */

/* Returns 1 / (1 + e^-z) without overflow: with e = e^-|z|, 1 / (1 + e)
 * for z >= 0 and e / (1 + e) below. */
double nc_sigmoid(double z);
/* Writes a[k] = nc_sigmoid(z[k]) for k < n (the same bits, the exps first
 * and the divisions two at a time; a must not alias z); returns nothing. */
void nc_sigmoid_array(const double *z, double *a, size_t n);
/* Returns log(1 + e^z) (softplus) without overflow or lost precision. */
double nc_log1pexp(double z);
/* Returns the binary cross-entropy of target y in [0, 1] against σ(z),
 * −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − y z, computed
 * stably as (1 − y) max(z, 0) + y max(−z, 0) + log1p(e^−|z|). */
double nc_bce_logits(double z, double y);
/* Returns log(sum_i e^v[i]) without overflow (n >= 1). */
double nc_logsumexp(const double *v, int n);
/* Returns the dot product of a and b (length n), summed in order. */
double nc_dot(const double *a, const double *b, int n);

/* Sets *slope, *icept to the least-squares line through the n points
 * (x, y), from centred sums (the means first, then the sums of products
 * about them); a flat line through the mean of y when all x are equal. */
void nc_fit_line(const double *x, const double *y, int n, double *slope,
                 double *icept);

/* Fills idx with 0..n-1 in a random order (Fisher-Yates on the shuffle
 * stream). */
void nc_shuffle(const struct nnt_host *h, struct nnt_call *c, int *idx,
                int n);
/* Returns a Laplace deviate with scale b (mean 0, variance 2b^2) from
 * stream s. */
double nc_laplace(const struct nnt_host *h, struct nnt_call *c,
                  enum nnt_stream s, double b);

/* Classification data: n points in d dimensions from k Gaussian classes
 * (unit variance times noise) whose means lie at distance sep from the
 * origin, in directions drawn once from the data stream (for k = 2 they
 * are opposite).  X is n x d row-major, y holds labels 0..k-1, balanced
 * and in random order. */
void nc_classes(const struct nnt_host *h, struct nnt_call *c, int n, int d,
                int k, double sep, double noise, double *X, double *y);

/* Noise kinds for regression data. */
enum nc_noise { NC_GAUSSIAN, NC_LAPLACE };

/* Regression data: x evenly spread over [lo, hi] in random order,
 * y = slope x + intercept + noise with standard deviation sigma (Gaussian
 * or Laplace); a fraction `outliers` of the points get 10 sigma added (in
 * a random direction). */
void nc_line_data(const struct nnt_host *h, struct nnt_call *c, int n,
                  double lo, double hi, double slope, double intercept,
                  enum nc_noise kind, double sigma, double outliers,
                  double *x, double *y);

/* Solves A x = b for symmetric positive definite A (n x n, row-major) by
 * Cholesky; A and b are overwritten (b becomes x).  Returns 0, or -1 if A
 * is not positive definite. */
int nc_cholesky_solve(double *A, double *b, int n);

#endif
