/* SPDX-License-Identifier: MIT */
/* The loss plugin: losses, likelihoods and loss landscapes for lessons
 * a2_2 (non-convexity), a2_3 (MSE = Gaussian MLE), a2_4 (CE = MLE). */

/*
 * Files:
 *   loss.c           this descriptor, the one exported symbol
 *   loss_run.h       the parameter lists and run callbacks it lists
 *   loss_data.c      regression_data, class_data, compute
 *   loss_dist.c      divergence, categorical
 *   loss_land.c      landscape, point, slice, saturation
 *   loss_sweep.c     gauss_sweep, fit_lines, bernoulli_sweep
 *   loss_math.[ch]   losses with derivatives, distributions, line fits
 *   loss_net.[ch]    the 1-1-1 net and the sigmoid unit: exact gradient
 *                    and Hessian, eigenvalues, landscape, midpoint search
 *   loss_kern*.[ch], loss_vec.h   the landscape's vector kernel, built for
 *                    SSE2, AVX2 and AVX-512 and picked at run time
 */

#include <nntutor/plugin.h>

#include "loss_run.h"

/* Returns the entry of plugin function NAME with its one-line doc, the
 * result it plots by default and that plot's x axis (or NULL). */
#define ENTRY(NAME, DOC, VIEW, XAXIS)                                      \
    NNT_FUNCTION(.name = #NAME, .doc = DOC,                                \
                 .params = loss_##NAME##_params,                           \
                 .nparams = NNT_COUNT(loss_##NAME##_params),               \
                 .run = loss_##NAME##_run, .view = VIEW,                   \
                 NNT_RESULTS(loss_##NAME##_results), .xaxis = XAXIS)

static const struct nnt_result loss_bernoulli_sweep_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "sample inputs x (class 1 around +sep)"),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "sample labels y, 0 or 1"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weights w of the sweep"),
    NNT_RESULT(.name = "likelihood", .kind = NNT_ARRAY, .rank = 1,
               .doc = "likelihood Π P(y_i | x_i) at each w (may reach 0)"),
    NNT_RESULT(.name = "loglik", .kind = NNT_ARRAY, .rank = 1,
               .doc = "log-likelihood Σ log P(y_i | x_i) at each w"),
    NNT_RESULT(.name = "mean_loglik", .kind = NNT_ARRAY, .rank = 1,
               .doc = "mean log-likelihood (loglik / n) at each w"),
    NNT_RESULT(.name = "bce", .kind = NNT_ARRAY, .rank = 1,
               .doc = "mean binary cross-entropy at each w"),
    NNT_RESULT(.name = "w_lik", .kind = NNT_NUMBER,
               .doc = "w of the largest likelihood"),
    NNT_RESULT(.name = "w_loglik", .kind = NNT_NUMBER,
               .doc = "w of the largest log-likelihood"),
    NNT_RESULT(.name = "w_mean", .kind = NNT_NUMBER,
               .doc = "w of the largest mean log-likelihood"),
    NNT_RESULT(.name = "w_bce", .kind = NNT_NUMBER,
               .doc = "w of the smallest cross-entropy"),
    NNT_RESULT(.name = "lik_max", .kind = NNT_NUMBER,
               .doc = "largest likelihood over the sweep"),
    NNT_RESULT(.name = "lik_zero", .kind = NNT_NUMBER,
               .doc = "weights w whose likelihood underflowed to 0"),
    NNT_RESULT(.name = "bce_gap", .kind = NNT_NUMBER,
               .doc = "largest |bce + mean_loglik| (0 up to rounding)"),
};

static const struct nnt_result loss_categorical_results[] = {
    NNT_RESULT(.name = "labels", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the n samples, outcomes 0 .. k-1"),
    NNT_RESULT(.name = "counts", .kind = NNT_ARRAY, .rank = 1,
               .doc = "how many samples of each outcome (k)"),
    NNT_RESULT(.name = "p_data", .kind = NNT_ARRAY, .rank = 1,
               .doc = "empirical distribution counts / n (k)"),
    NNT_RESULT(.name = "q", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the model q = (1-t) q0 + t p_data (k)"),
    NNT_RESULT(.name = "grad_logits", .kind = NNT_ARRAY, .rank = 1,
               .doc = "q - p_data: the CE gradient in the logits of q"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "t at 51 points from 0 to 1, for nll_path"),
    NNT_RESULT(.name = "nll_path", .kind = NNT_ARRAY, .rank = 1,
               .doc = "mean NLL of the samples at each t of x"),
    NNT_RESULT(.name = "likelihood", .kind = NNT_NUMBER,
               .doc = "likelihood Π q(label_i) of the samples"),
    NNT_RESULT(.name = "nll", .kind = NNT_NUMBER,
               .doc = "mean NLL of the samples under q"),
    NNT_RESULT(.name = "nll_mle", .kind = NNT_NUMBER,
               .doc = "mean NLL under the MLE q = p_data"),
    NNT_RESULT(.name = "cross_entropy", .kind = NNT_NUMBER,
               .doc = "cross-entropy H(p_data, q)"),
    NNT_RESULT(.name = "kl", .kind = NNT_NUMBER,
               .doc = "KL divergence KL(p_data ‖ q)"),
    NNT_RESULT(.name = "entropy", .kind = NNT_NUMBER,
               .doc = "entropy H(p_data)"),
};

static const struct nnt_result loss_class_data_results[] = {
    NNT_RESULT(.name = "X", .kind = NNT_ARRAY, .rank = 2,
               .doc = "inputs (n x dims), rows by ascending first value"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "class labels 0 .. classes-1, one per row"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "first column of X"),
    NNT_RESULT(.name = "x2", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL,
               .doc = "second column of X (when dims >= 2)"),
};

static const struct nnt_result loss_compute_results[] = {
    NNT_RESULT(.name = "grad", .kind = NNT_ARRAY,
               .doc = "gradient of the mean loss (n, or n x K for rows)"),
    NNT_RESULT(.name = "each", .kind = NNT_ARRAY, .rank = 1,
               .doc = "loss of each sample"),
    NNT_RESULT(.name = "d1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "first derivative of each sample's loss in x"),
    NNT_RESULT(.name = "d2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "second derivative of each sample's loss in x"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "each prediction (row losses: the target's score)"),
    NNT_RESULT(.name = "loss", .kind = NNT_NUMBER,
               .doc = "mean loss over the samples"),
    NNT_RESULT(.name = "n", .kind = NNT_NUMBER,
               .doc = "number of samples"),
};

static const struct nnt_result loss_divergence_results[] = {
    NNT_RESULT(.name = "p", .kind = NNT_ARRAY, .rank = 1,
               .doc = "distribution p (k outcomes)"),
    NNT_RESULT(.name = "q", .kind = NNT_ARRAY, .rank = 1,
               .doc = "distribution q (k outcomes)"),
    NNT_RESULT(.name = "terms", .kind = NNT_ARRAY, .rank = 1,
               .doc = "p_i log(p_i / q_i), which sum to KL(p ‖ q)"),
    NNT_RESULT(.name = "grad", .kind = NNT_ARRAY, .rank = 1,
               .doc = "-p_i / q_i: the gradient of H(p, q) in q"),
    NNT_RESULT(.name = "grad_logits", .kind = NNT_ARRAY, .rank = 1,
               .doc = "q - p: the gradient of H(p, q) in the logits of q"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "outcome numbers 1 .. k"),
    NNT_RESULT(.name = "entropy", .kind = NNT_NUMBER,
               .doc = "entropy H(p)"),
    NNT_RESULT(.name = "entropy_q", .kind = NNT_NUMBER,
               .doc = "entropy H(q)"),
    NNT_RESULT(.name = "cross_entropy", .kind = NNT_NUMBER,
               .doc = "cross-entropy H(p, q)"),
    NNT_RESULT(.name = "kl", .kind = NNT_NUMBER,
               .doc = "KL divergence KL(p ‖ q)"),
    NNT_RESULT(.name = "kl_reverse", .kind = NNT_NUMBER,
               .doc = "reverse KL divergence KL(q ‖ p)"),
};

static const struct nnt_result loss_fit_lines_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "inputs, ascending"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "outputs that go with x"),
    NNT_RESULT(.name = "fit_ls", .kind = NNT_ARRAY, .rank = 1,
               .doc = "least-squares line at each x"),
    NNT_RESULT(.name = "fit_lad", .kind = NNT_ARRAY, .rank = 1,
               .doc = "least-absolute-deviations line at each x"),
    NNT_RESULT(.name = "ls_slope", .kind = NNT_NUMBER,
               .doc = "slope of the least-squares (MSE) line"),
    NNT_RESULT(.name = "ls_intercept", .kind = NNT_NUMBER,
               .doc = "intercept of the least-squares line"),
    NNT_RESULT(.name = "lad_slope", .kind = NNT_NUMBER,
               .doc = "slope of the least-absolute-deviations (MAE) line"),
    NNT_RESULT(.name = "lad_intercept", .kind = NNT_NUMBER,
               .doc = "intercept of the least-absolute-deviations line"),
    NNT_RESULT(.name = "ls_mse", .kind = NNT_NUMBER,
               .doc = "MSE of the least-squares line"),
    NNT_RESULT(.name = "lad_mse", .kind = NNT_NUMBER,
               .doc = "MSE of the least-absolute-deviations line"),
    NNT_RESULT(.name = "ls_mae", .kind = NNT_NUMBER,
               .doc = "MAE of the least-squares line"),
    NNT_RESULT(.name = "lad_mae", .kind = NNT_NUMBER,
               .doc = "MAE of the least-absolute-deviations line"),
};

static const struct nnt_result loss_gauss_sweep_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "inputs, ascending"),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "outputs that go with data_x"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "slopes w of the sweep"),
    NNT_RESULT(.name = "mse", .kind = NNT_ARRAY, .rank = 1,
               .doc = "MSE at each w"),
    NNT_RESULT(.name = "nll", .kind = NNT_ARRAY, .rank = 1,
               .doc = "total Gaussian NLL, σ = model_sigma"),
    NNT_RESULT(.name = "mae", .kind = NNT_ARRAY, .rank = 1,
               .doc = "MAE at each w"),
    NNT_RESULT(.name = "nll_laplace", .kind = NNT_ARRAY, .rank = 1,
               .doc = "total Laplace NLL at each w (same σ)"),
    NNT_RESULT(.name = "resid", .kind = NNT_ARRAY, .rank = 1,
               .doc = "residuals y - (w_star x + intercept)"),
    NNT_RESULT(.name = "sig2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "101 σ² from mse_star/4 to 4 mse_star"),
    NNT_RESULT(.name = "nll_sig2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "Gaussian NLL at w_star for each σ² of sig2"),
    NNT_RESULT(.name = "w_mse", .kind = NNT_NUMBER,
               .doc = "w of the smallest MSE on the sweep"),
    NNT_RESULT(.name = "w_nll", .kind = NNT_NUMBER,
               .doc = "w of the smallest Gaussian NLL on the sweep"),
    NNT_RESULT(.name = "w_mae", .kind = NNT_NUMBER,
               .doc = "w of the smallest MAE on the sweep"),
    NNT_RESULT(.name = "w_laplace", .kind = NNT_NUMBER,
               .doc = "w of the smallest Laplace NLL on the sweep"),
    NNT_RESULT(.name = "fit_a", .kind = NNT_NUMBER,
               .doc = "a in the fit nll ≈ a mse + b"),
    NNT_RESULT(.name = "fit_b", .kind = NNT_NUMBER,
               .doc = "b in the fit nll ≈ a mse + b"),
    NNT_RESULT(.name = "fit_resid", .kind = NNT_NUMBER,
               .doc = "largest |nll - (a mse + b)| over the sweep"),
    NNT_RESULT(.name = "fit_resid_rel", .kind = NNT_NUMBER,
               .doc = "fit_resid over the largest |nll|"),
    NNT_RESULT(.name = "a_theory", .kind = NNT_NUMBER,
               .doc = "n / (2σ²): a in theory"),
    NNT_RESULT(.name = "b_theory", .kind = NNT_NUMBER,
               .doc = "(n/2) log(2πσ²): b in theory"),
    NNT_RESULT(.name = "w_star", .kind = NNT_NUMBER,
               .doc = "exact least-squares slope"),
    NNT_RESULT(.name = "mse_star", .kind = NNT_NUMBER,
               .doc = "MSE at w_star"),
    NNT_RESULT(.name = "mae_star", .kind = NNT_NUMBER,
               .doc = "MAE at w_star"),
    NNT_RESULT(.name = "sigma2_mle", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL,
               .doc = "MLE of σ² at w_star (≈ mse_star)"),
    NNT_RESULT(.name = "nll_mle", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL,
               .doc = "Gaussian NLL at w_star with σ² = sigma2_mle"),
};

static const struct nnt_result loss_landscape_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "sample inputs x (drawn, or data_x)"),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "targets in [0, 1] that go with data_x"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "grid of the first parameter (w1 or w)"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "grid of the second parameter (w2 or b)"),
    NNT_RESULT(.name = "w1", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL, .doc = "net: the grid of w1 (as x)"),
    NNT_RESULT(.name = "w2", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL, .doc = "net: the grid of w2 (as y)"),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 2,
               .doc = "loss[i][j] at (x[j], y[i])"),
    NNT_RESULT(.name = "xname", .kind = NNT_STRING,
               .doc = "name of the first parameter: w1 or w"),
    NNT_RESULT(.name = "yname", .kind = NNT_STRING,
               .doc = "name of the second parameter: w2 or b"),
    NNT_RESULT(.name = "kernel", .kind = NNT_STRING,
               .doc = "kernel that ran, e.g. avx512, scalar"),
    NNT_RESULT(.name = "loss_min", .kind = NNT_NUMBER,
               .doc = "smallest loss on the grid"),
    NNT_RESULT(.name = "loss_max", .kind = NNT_NUMBER,
               .doc = "largest loss on the grid"),
    NNT_RESULT(.name = "min_x", .kind = NNT_NUMBER,
               .doc = "first parameter at the smallest loss"),
    NNT_RESULT(.name = "min_y", .kind = NNT_NUMBER,
               .doc = "second parameter at the smallest loss"),
    NNT_RESULT(.name = "eig_min", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL,
               .doc = "smallest Hessian eigenvalue, per point"),
    NNT_RESULT(.name = "eig_max", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL,
               .doc = "largest Hessian eigenvalue, per point"),
    NNT_RESULT(.name = "nonpsd", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL, .doc = "1 where the Hessian is not PSD"),
    NNT_RESULT(.name = "nonpsd_fraction", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL,
               .doc = "fraction of the grid where nonpsd is 1"),
    NNT_RESULT(.name = "eig_min_min", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL,
               .doc = "least Hessian eigenvalue on the grid"),
    NNT_RESULT(.name = "mid_ax", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL,
               .doc = "a's x, of the pair worst for convexity"),
    NNT_RESULT(.name = "mid_ay", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "a's y"),
    NNT_RESULT(.name = "mid_bx", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "b's x"),
    NNT_RESULT(.name = "mid_by", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "b's y"),
    NNT_RESULT(.name = "mid_la", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "L(a), computed exactly"),
    NNT_RESULT(.name = "mid_lb", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "L(b), computed exactly"),
    NNT_RESULT(.name = "mid_lm", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "L((a+b)/2), computed exactly"),
    NNT_RESULT(.name = "mid_gap", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL,
               .doc = "L(mid) - (L(a)+L(b))/2; > 0: nonconvex"),
    NNT_RESULT(.name = "mid_gap_grid", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "the same gap read off the grid"),
    NNT_RESULT(.name = "mid_pairs", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL, .doc = "pairs of grid points searched"),
    NNT_RESULT(.name = "w", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL, .doc = "logistic: the grid of w (as x)"),
    NNT_RESULT(.name = "b", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL, .doc = "logistic: the grid of b (as y)"),
};

static const struct nnt_result loss_point_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "sample inputs x (drawn, or data_x)"),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "targets in [0, 1] that go with data_x"),
    NNT_RESULT(.name = "loss", .kind = NNT_NUMBER,
               .doc = "loss at the point"),
    NNT_RESULT(.name = "grad", .kind = NNT_ARRAY, .rank = 1,
               .doc = "gradient in (w1, b1, w2, b2), or (w, b)"),
    NNT_RESULT(.name = "hessian", .kind = NNT_ARRAY, .rank = 2,
               .doc = "Hessian in theta (4 x 4, or 2 x 2)"),
    NNT_RESULT(.name = "eig", .kind = NNT_ARRAY, .rank = 1,
               .doc = "eigenvalues of the Hessian, ascending"),
    NNT_RESULT(.name = "theta", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the parameters (w1, b1, w2, b2), or (w, b)"),
    NNT_RESULT(.name = "grad_norm", .kind = NNT_NUMBER,
               .doc = "Euclidean norm of grad"),
    NNT_RESULT(.name = "eig_min", .kind = NNT_NUMBER,
               .doc = "smallest eigenvalue of the Hessian"),
    NNT_RESULT(.name = "eig_max", .kind = NNT_NUMBER,
               .doc = "largest eigenvalue of the Hessian"),
    NNT_RESULT(.name = "psd", .kind = NNT_NUMBER,
               .doc = "1 if the Hessian is positive semidefinite"),
    NNT_RESULT(.name = "yhat", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the model's output at each data point"),
    NNT_RESULT(.name = "correct", .kind = NNT_NUMBER,
               .doc = "data points on their target's side of 1/2"),
    NNT_RESULT(.name = "curve", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL, .doc = "the output at each input of at"),
    NNT_RESULT(.name = "xname", .kind = NNT_STRING,
               .doc = "name of the first parameter: w1 or w"),
    NNT_RESULT(.name = "yname", .kind = NNT_STRING,
               .doc = "name of the second parameter: w2 or b"),
};

static const struct nnt_result loss_regression_data_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "inputs from x_min to x_max, ascending"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "outputs slope x + intercept + noise"),
    NNT_RESULT(.name = "true_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the true line slope x + intercept"),
    NNT_RESULT(.name = "eps", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the noise y - true_y (outliers included)"),
};

static const struct nnt_result loss_saturation_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "logits z from z_min to z_max"),
    NNT_RESULT(.name = "yhat", .kind = NNT_ARRAY, .rank = 1,
               .doc = "sigmoid output σ(z)"),
    NNT_RESULT(.name = "mse", .kind = NNT_ARRAY, .rank = 1,
               .doc = "squared error (σ(z) - target)² at each z"),
    NNT_RESULT(.name = "ce", .kind = NNT_ARRAY, .rank = 1,
               .doc = "binary cross-entropy at each z"),
    NNT_RESULT(.name = "grad_mse", .kind = NNT_ARRAY, .rank = 1,
               .doc = "derivative of the squared error in z"),
    NNT_RESULT(.name = "grad_ce", .kind = NNT_ARRAY, .rank = 1,
               .doc = "derivative of the cross-entropy in z"),
    NNT_RESULT(.name = "wrong_z", .kind = NNT_NUMBER,
               .doc = "z where σ(z) is farthest from the target"),
    NNT_RESULT(.name = "wrong_yhat", .kind = NNT_NUMBER,
               .doc = "σ(z) at wrong_z"),
    NNT_RESULT(.name = "grad_mse_wrong", .kind = NNT_NUMBER,
               .doc = "grad_mse at wrong_z"),
    NNT_RESULT(.name = "grad_ce_wrong", .kind = NNT_NUMBER,
               .doc = "grad_ce at wrong_z"),
};

static const struct nnt_result loss_slice_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "sample inputs x (drawn, or data_x)"),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "targets in [0, 1] that go with data_x"),
    NNT_RESULT(.name = "t", .kind = NNT_ARRAY, .rank = 1,
               .doc = "t from t_min to t_max: the point a + t (b - a)"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the same values as t"),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 1,
               .doc = "loss along the line"),
    NNT_RESULT(.name = "chord", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the chord L(a) + t (L(b) - L(a))"),
    NNT_RESULT(.name = "dl", .kind = NNT_ARRAY, .rank = 1,
               .doc = "dL/dt along the line"),
    NNT_RESULT(.name = "d2l", .kind = NNT_ARRAY, .rank = 1,
               .doc = "d²L/dt² along the line"),
    NNT_RESULT(.name = "la", .kind = NNT_NUMBER,
               .doc = "L(a): the loss at t = 0"),
    NNT_RESULT(.name = "lb", .kind = NNT_NUMBER,
               .doc = "L(b): the loss at t = 1"),
    NNT_RESULT(.name = "lmid", .kind = NNT_NUMBER,
               .doc = "L((a+b)/2): the loss at t = 1/2"),
    NNT_RESULT(.name = "gap", .kind = NNT_NUMBER,
               .doc = "lmid - (la + lb)/2; > 0: not convex"),
    NNT_RESULT(.name = "xname", .kind = NNT_STRING,
               .doc = "name of the first parameter: w1 or w"),
    NNT_RESULT(.name = "yname", .kind = NNT_STRING,
               .doc = "name of the second parameter: w2 or b"),
};

static const struct nnt_function functions[] = {
    ENTRY(regression_data,
          "Draws points on a line y = slope x + intercept with Gaussian or "
          "Laplace noise and outliers.", "y", "x"),
    ENTRY(class_data,
          "Draws a classification set: Gaussian classes around means at "
          "distance sep.", "y", "x"),
    ENTRY(compute,
          "Computes a loss (MSE, MAE, BCE, BCE on logits, Gaussian NLL, "
          "Bernoulli NLL, softmax CE, categorical NLL) with its gradient; "
          "without inputs, its curve over the prediction.", "each", "x"),
    ENTRY(divergence,
          "Entropy, cross-entropy and KL divergence of two discrete "
          "distributions, with gradients.", "terms", "x"),
    ENTRY(categorical,
          "Samples a categorical variable and compares the average NLL of "
          "a model with the cross-entropy, KL and entropy.", "nll_path", "x"),
    ENTRY(landscape,
          "The exact loss landscape of the 1-1-1 network (or one sigmoid "
          "unit) over two parameters, with Hessian eigenvalues and a "
          "midpoint-convexity search.", "loss", NULL),
    ENTRY(point,
          "Loss, gradient, Hessian and its eigenvalues of the 1-1-1 network "
          "(or one sigmoid unit) at one parameter point.", "hessian", NULL),
    ENTRY(slice,
          "The loss along a line through two parameter points, with its "
          "chord and exact derivatives.", "loss", "x"),
    ENTRY(saturation,
          "Gradient of MSE and of cross-entropy with respect to the logit "
          "of a sigmoid output.", "grad_mse", "x"),
    ENTRY(gauss_sweep,
          "Sweeps the slope of a regression line: MSE, Gaussian NLL, MAE, "
          "Laplace NLL, their argmins, NLL = a MSE + b, and the MLE of "
          "sigma^2.", "nll", "x"),
    ENTRY(fit_lines,
          "Fits a line by least squares (MSE) and by least absolute "
          "deviations (MAE).", "y", "x"),
    ENTRY(bernoulli_sweep,
          "Sweeps the weight of a logistic model: likelihood, "
          "log-likelihood, its mean, and the BCE.", "mean_loglik", "x"),
};

NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
    .name = "loss",
    .version = "0.1.0",
    .doc = "Losses as likelihoods, and the landscapes they make: MSE, "
           "cross-entropy, NLL, KL.",
    NNT_FUNCTIONS(functions)
);
