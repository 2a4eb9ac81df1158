/* SPDX-License-Identifier: MIT */
/* Batch normalisation (Ioffe & Szegedy 2015): forward, backward, running
 * statistics, for a batch of B rows of n features (row-major). */
#ifndef NNT_BN_MATH_H
#define NNT_BN_MATH_H

/*
 * Train mode, per feature j over the batch:
 *     mu_j = mean_i x_ij          var_j = mean_i (x_ij - mu_j)^2 (biased)
 *     xhat_ij = (x_ij - mu_j) / sqrt(var_j + eps), defined as 0 when
 *               var_j + eps = 0 (eps = 0 and a batch of one, or of equal
 *               values), where it would be 0/0
 *     y_ij = gamma_j xhat_ij + beta_j
 * Eval mode uses the running mean and variance instead of mu and var.
 * The running statistics follow PyTorch: r = (1 - m) r + m s, with the
 * unbiased batch variance var B / (B - 1) (the biased one when B = 1).
 */

/* Train-mode forward: writes mu, var (biased) and istd = 1/sqrt(var + eps)
 * (0 when var + eps = 0, so xhat = 0 there) (n each), xhat and y (B x n;
 * y may alias x, xhat may not); returns nothing. */
void bn_forward_train(int B, int n, const double *x, const double *gamma,
                      const double *beta, double eps, double *mu,
                      double *var, double *istd, double *xhat, double *y);
/* Eval-mode forward with running statistics rmean, rvar: writes y (which
 * may alias x) and, unless NULL, xhat (0 where rvar + eps = 0); returns
 * nothing. */
void bn_forward_eval(int B, int n, const double *x, const double *gamma,
                     const double *beta, const double *rmean,
                     const double *rvar, double eps, double *xhat,
                     double *y);
/* Moves the running statistics towards a batch's mu and var (biased, over
 * B rows) by momentum m; returns nothing. */
void bn_update_running(int B, int n, const double *mu, const double *var,
                       double m, double *rmean, double *rvar);
/* Train-mode backward from dy (B x n) using xhat and istd of the forward:
 * writes dgamma, dbeta (n) and dx (B x n, which may alias dy; 0 for a
 * feature whose istd is 0, as xhat = 0 does not move with x); returns
 * nothing. */
void bn_backward(int B, int n, const double *dy, const double *xhat,
                 const double *istd, const double *gamma, double *dx,
                 double *dgamma, double *dbeta);

#endif
