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
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "likelihood", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "loglik", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "mean_loglik", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "bce", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "w_lik", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "w_loglik", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "w_mean", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "w_bce", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lik_max", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lik_zero", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "bce_gap", .kind = NNT_NUMBER),
};

static const struct nnt_result loss_categorical_results[] = {
    NNT_RESULT(.name = "labels", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "counts", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "p_data", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "q", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "grad_logits", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "nll_path", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "likelihood", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "nll", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "nll_mle", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "cross_entropy", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "kl", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "entropy", .kind = NNT_NUMBER),
};

static const struct nnt_result loss_class_data_results[] = {
    NNT_RESULT(.name = "X", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x2", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
};

static const struct nnt_result loss_compute_results[] = {
    NNT_RESULT(.name = "grad", .kind = NNT_ARRAY),
    NNT_RESULT(.name = "each", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "d1", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "d2", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "loss", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "n", .kind = NNT_NUMBER),
};

static const struct nnt_result loss_divergence_results[] = {
    NNT_RESULT(.name = "p", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "q", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "terms", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "grad", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "grad_logits", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "entropy", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "entropy_q", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "cross_entropy", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "kl", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "kl_reverse", .kind = NNT_NUMBER),
};

static const struct nnt_result loss_fit_lines_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "fit_ls", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "fit_lad", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "ls_slope", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "ls_intercept", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lad_slope", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lad_intercept", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "ls_mse", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lad_mse", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "ls_mae", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lad_mae", .kind = NNT_NUMBER),
};

static const struct nnt_result loss_gauss_sweep_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "mse", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "nll", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "mae", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "nll_laplace", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "resid", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "sig2", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "nll_sig2", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "w_mse", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "w_nll", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "w_mae", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "w_laplace", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "fit_a", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "fit_b", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "fit_resid", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "fit_resid_rel", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "a_theory", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "b_theory", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "w_star", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "mse_star", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "mae_star", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "sigma2_mle", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "nll_mle", .kind = NNT_NUMBER),
};

static const struct nnt_result loss_landscape_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "w1", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "w2", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "xname", .kind = NNT_STRING),
    NNT_RESULT(.name = "yname", .kind = NNT_STRING),
    NNT_RESULT(.name = "kernel", .kind = NNT_STRING),
    NNT_RESULT(.name = "loss_min", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "loss_max", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "min_x", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "min_y", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "eig_min", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "eig_max", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "nonpsd", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "nonpsd_fraction", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "eig_min_min", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_ax", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_ay", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_bx", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_by", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_la", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_lb", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_lm", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_gap", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_gap_grid", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "mid_pairs", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "w", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "b", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
};

static const struct nnt_result loss_point_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "loss", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "grad", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "hessian", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "eig", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "theta", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "grad_norm", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "eig_min", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "eig_max", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "psd", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "yhat", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the model's output at each data point"),
    NNT_RESULT(.name = "correct", .kind = NNT_NUMBER,
               .doc = "data points on their target's side of 1/2"),
    NNT_RESULT(.name = "curve", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL, .doc = "the output at each input of at"),
    NNT_RESULT(.name = "xname", .kind = NNT_STRING),
    NNT_RESULT(.name = "yname", .kind = NNT_STRING),
};

static const struct nnt_result loss_regression_data_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "true_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "eps", .kind = NNT_ARRAY, .rank = 1),
};

static const struct nnt_result loss_saturation_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "yhat", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "mse", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "ce", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "grad_mse", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "grad_ce", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "wrong_z", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "wrong_yhat", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "grad_mse_wrong", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "grad_ce_wrong", .kind = NNT_NUMBER),
};

static const struct nnt_result loss_slice_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "t", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "chord", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "dl", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "d2l", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "la", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lb", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lmid", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gap", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "xname", .kind = NNT_STRING),
    NNT_RESULT(.name = "yname", .kind = NNT_STRING),
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
