/* SPDX-License-Identifier: MIT */
/* The regularizer plugin: why L1 gives sparse weights and L2 small, smooth
 * ones.  Parameter tables and the descriptor; the numerics are in
 * reg_math.h, the run callbacks in reg_run_*.c. */

/*
 * Scaling (scikit-learn's; the intercept is never penalised):
 *   lasso, elastic_net, path, ista   (1/(2n)) |y - Xw|^2 + alpha r |w|_1
 *                                     + (alpha (1 - r) / 2) |w|^2
 *                                     (lasso: r = 1; path's ridge: r = 0,
 *                                     which is Ridge(alpha = n lambda))
 *   ridge                            |y - Xw|^2 + alpha |w|^2  (Ridge)
 * Functions that take X and y draw sparse data from n, p, k, noise, rho
 * when X is absent, and then also return the true coefficients `beta`.
 */

#include <nntutor/params.h>
#include <nntutor/plugin.h>

#include "reg_run.h"

static const char *const penalties[] = { "lasso", "ridge", "elastic_net",
                                         NULL };
static const char *const schedules[] = { "constant", "decreasing", NULL };

static const struct nnt_param sparse_data_params[] = {
    SD_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param lasso_params[] = { L_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param elastic_net_params[] = {
    EN_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param ridge_params[] = { R_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param ista_params[] = { I_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param pvs_params[] = { PV_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param path_params[] = { PATH_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param orthonormal_params[] = {
    O_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param constrained_params[] = {
    C_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param shrinkage_params[] = { S_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param correlated_params[] = {
    CO_PARAMS(NNT_PARAM_ROW)
};

static const struct nnt_param poly_fit_params[] = { PF_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param posterior_params[] = { PO_PARAMS(NNT_PARAM_ROW) };

static const struct nnt_param decay_params[] = { DE_PARAMS(NNT_PARAM_ROW) };


/* Result rows several functions share, written once. */
/* The true weights, put only when X and y are drawn. */
#define RESULT_DRAWN_BETA                                                   \
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1,                \
               .flags = NNT_OPTIONAL,                                       \
               .doc = "true weights (when X and y are drawn)")
/* What every single fit puts. */
#define RESULTS_FIT                                                         \
    RESULT_DRAWN_BETA,                                                      \
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 1,                \
               .doc = "fitted weights w (p)"),                              \
    NNT_RESULT(.name = "intercept", .kind = NNT_NUMBER,                     \
               .doc = "fitted intercept (not penalised)"),                  \
    NNT_RESULT(.name = "zeros", .kind = NNT_NUMBER,                         \
               .doc = "weights that are exactly 0")

static const struct nnt_result decay_results[] = {
    NNT_RESULT(.name = "step", .kind = NNT_ARRAY, .rank = 1,
               .doc = "update count t, 0 .. steps"),
    NNT_RESULT(.name = "sgd_l2_w1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 under SGD, λw added to the gradient"),
    NNT_RESULT(.name = "sgd_l2_w2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 under SGD, λw added to the gradient"),
    NNT_RESULT(.name = "sgd_decay_w1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 under SGD, w ← (1 - αλ)w - αg"),
    NNT_RESULT(.name = "sgd_decay_w2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 under SGD, w ← (1 - αλ)w - αg"),
    NNT_RESULT(.name = "adam_l2_w1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 under Adam, λw added to the gradient"),
    NNT_RESULT(.name = "adam_l2_w2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 under Adam, λw added to the gradient"),
    NNT_RESULT(.name = "adamw_w1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 under AdamW: (1 - αλ)w, then Adam's step"),
    NNT_RESULT(.name = "adamw_w2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 under AdamW: (1 - αλ)w, then Adam's step"),
    NNT_RESULT(.name = "adam_w1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 under Adam with no penalty at all"),
    NNT_RESULT(.name = "sgd_gap", .kind = NNT_NUMBER,
               .doc = "largest |SGD + L2 - SGD with decay| on the way"),
    NNT_RESULT(.name = "decay_only", .kind = NNT_NUMBER,
               .doc = "(1 - αλ)^steps: the decay alone"),
};

#define FN(name_, params_, results_, run_, view_, xaxis_, doc_)             \
    NNT_FUNCTION(.name = name_, .doc = doc_, .params = params_,            \
                 .nparams = NNT_COUNT(params_), .run = run_, .view = view_, \
                 NNT_RESULTS(results_), .xaxis = xaxis_)

static const struct nnt_result constrained_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 grid over [-span, span]"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 grid over [-span, span]"),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 2,
               .doc = "quadratic loss, [i][j] at (x[j], y[i])"),
    NNT_RESULT(.name = "diamond_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 of the L1 diamond |w|_1 = t (5 points, closed)"),
    NNT_RESULT(.name = "diamond_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 of the L1 diamond"),
    NNT_RESULT(.name = "disc_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 around the L2 circle |w|_2 = t (121 points)"),
    NNT_RESULT(.name = "disc_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 around the L2 circle"),
    NNT_RESULT(.name = "l1_w1", .kind = NNT_NUMBER,
               .doc = "w1 of the minimum within the L1 diamond"),
    NNT_RESULT(.name = "l1_w2", .kind = NNT_NUMBER,
               .doc = "w2 of the minimum within the L1 diamond"),
    NNT_RESULT(.name = "l2_w1", .kind = NNT_NUMBER,
               .doc = "w1 of the minimum within the L2 disc"),
    NNT_RESULT(.name = "l2_w2", .kind = NNT_NUMBER,
               .doc = "w2 of the minimum within the L2 disc"),
    NNT_RESULT(.name = "l1_loss", .kind = NNT_NUMBER,
               .doc = "loss at the L1-constrained minimum"),
    NNT_RESULT(.name = "l2_loss", .kind = NNT_NUMBER,
               .doc = "loss at the L2-constrained minimum"),
    NNT_RESULT(.name = "l1_zeros", .kind = NNT_NUMBER,
               .doc = "weights exactly 0 at the L1 minimum (0 .. 2)"),
    NNT_RESULT(.name = "l2_zeros", .kind = NNT_NUMBER,
               .doc = "weights exactly 0 at the L2 minimum (0 .. 2)"),
    NNT_RESULT(.name = "a11", .kind = NNT_NUMBER,
               .doc = "A[1][1] of the loss ½ (w - c)' A (w - c)"),
    NNT_RESULT(.name = "a12", .kind = NNT_NUMBER,
               .doc = "A[1][2] = A[2][1]"),
    NNT_RESULT(.name = "a22", .kind = NNT_NUMBER,
               .doc = "A[2][2]"),
    NNT_RESULT(.name = "level_l1_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 of the loss contour through the L1 minimum"),
    NNT_RESULT(.name = "level_l1_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 of that contour"),
    NNT_RESULT(.name = "level_l2_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w1 of the loss contour through the L2 minimum"),
    NNT_RESULT(.name = "level_l2_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "w2 of that contour"),
};

static const struct nnt_result correlated_results[] = {
    NNT_RESULT(.name = "lambdas", .kind = NNT_ARRAY, .rank = 1,
               .doc = "λ grid, log-spaced from lambda_max down (nlambda)"),
    NNT_RESULT(.name = "lasso", .kind = NNT_ARRAY, .rank = 2,
               .doc = "lasso weights (w1, w2), one row per λ (nlambda x 2)"),
    NNT_RESULT(.name = "ridge", .kind = NNT_ARRAY, .rank = 2,
               .doc = "ridge weights (w1, w2), one row per λ (nlambda x 2)"),
    NNT_RESULT(.name = "lambda_max", .kind = NNT_NUMBER,
               .doc = "smallest λ at which the lasso sets both to 0"),
    NNT_RESULT(.name = "corr", .kind = NNT_NUMBER,
               .doc = "sample correlation of the two features"),
    NNT_RESULT(.name = "lasso_share", .kind = NNT_ARRAY, .rank = 1,
               .doc = "|w1| / (|w1| + |w2|) along the lasso path"),
    NNT_RESULT(.name = "ridge_share", .kind = NNT_ARRAY, .rank = 1,
               .doc = "|w1| / (|w1| + |w2|) along the ridge path"),
};

static const struct nnt_result elastic_net_results[] = {
    RESULTS_FIT,
    NNT_RESULT(.name = "n_iter", .kind = NNT_NUMBER,
               .doc = "coordinate-descent sweeps (0 in closed form)"),
    NNT_RESULT(.name = "gap", .kind = NNT_NUMBER,
               .doc = "final duality gap / n (sklearn's dual_gap_)"),
    NNT_RESULT(.name = "converged", .kind = NNT_NUMBER,
               .doc = "1 if the gap test passed within max_iter"),
    NNT_RESULT(.name = "objective", .kind = NNT_NUMBER,
               .doc = "elastic-net objective at the fit"),
    NNT_RESULT(.name = "alpha_max", .kind = NNT_NUMBER,
               .flags = NNT_OPTIONAL,
               .doc = "least λ with every weight 0 (l1_ratio > 0)"),
};

static const struct nnt_result ista_results[] = {
    RESULT_DRAWN_BETA,
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weights after the last ISTA step (p)"),
    NNT_RESULT(.name = "trace", .kind = NNT_ARRAY, .rank = 2,
               .doc = "iterates from w = 0 (steps+1 x p)"),
    NNT_RESULT(.name = "objective", .kind = NNT_ARRAY, .rank = 1,
               .doc = "lasso objective at each iterate"),
    NNT_RESULT(.name = "zeros", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weights exactly 0 at each iterate"),
    NNT_RESULT(.name = "intercept", .kind = NNT_NUMBER,
               .doc = "intercept that goes with coef"),
    NNT_RESULT(.name = "step", .kind = NNT_NUMBER,
               .doc = "step size α = step_scale / L"),
    NNT_RESULT(.name = "lipschitz", .kind = NNT_NUMBER,
               .doc = "L: Lipschitz constant of the gradient"),
};

static const struct nnt_result lasso_results[] = {
    RESULTS_FIT,
    NNT_RESULT(.name = "n_iter", .kind = NNT_NUMBER,
               .doc = "coordinate-descent sweeps (0 when λ = 0)"),
    NNT_RESULT(.name = "gap", .kind = NNT_NUMBER,
               .doc = "final duality gap / n (sklearn's dual_gap_)"),
    NNT_RESULT(.name = "converged", .kind = NNT_NUMBER,
               .doc = "1 if the gap test passed within max_iter"),
    NNT_RESULT(.name = "objective", .kind = NNT_NUMBER,
               .doc = "lasso objective at the fit"),
    NNT_RESULT(.name = "alpha_max", .kind = NNT_NUMBER,
               .doc = "smallest λ with every weight 0"),
};

static const struct nnt_result orthonormal_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1,
               .doc = "true weights (p)"),
    NNT_RESULT(.name = "ols", .kind = NNT_ARRAY, .rank = 1,
               .doc = "least-squares weights X'y (p)"),
    NNT_RESULT(.name = "ridge", .kind = NNT_ARRAY, .rank = 1,
               .doc = "ridge weights, solved (p)"),
    NNT_RESULT(.name = "lasso", .kind = NNT_ARRAY, .rank = 1,
               .doc = "lasso weights, solved (p)"),
    NNT_RESULT(.name = "soft", .kind = NNT_ARRAY, .rank = 1,
               .doc = "soft threshold of ols at λ: the lasso by formula"),
    NNT_RESULT(.name = "shrink", .kind = NNT_ARRAY, .rank = 1,
               .doc = "ols / (1 + λ): the ridge by formula"),
    NNT_RESULT(.name = "hard", .kind = NNT_ARRAY, .rank = 1,
               .doc = "hard threshold of ols at λ"),
    NNT_RESULT(.name = "ridge_err", .kind = NNT_NUMBER,
               .doc = "largest |ridge - shrink|"),
    NNT_RESULT(.name = "lasso_err", .kind = NNT_NUMBER,
               .doc = "largest |lasso - soft|"),
    NNT_RESULT(.name = "gram_err", .kind = NNT_NUMBER,
               .doc = "largest |X'X - I|: how orthonormal X is"),
    NNT_RESULT(.name = "zeros_lasso", .kind = NNT_NUMBER,
               .doc = "weights exactly 0 in lasso"),
    NNT_RESULT(.name = "zeros_ridge", .kind = NNT_NUMBER,
               .doc = "weights exactly 0 in ridge"),
    NNT_RESULT(.name = "zeros_soft", .kind = NNT_NUMBER,
               .doc = "weights exactly 0 in soft"),
};

static const struct nnt_result path_results[] = {
    RESULT_DRAWN_BETA,
    NNT_RESULT(.name = "lambdas", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the λ values, largest first (m)"),
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 2,
               .doc = "weights, one row per λ (m x p)"),
    NNT_RESULT(.name = "zeros", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weights exactly 0 at each λ"),
    NNT_RESULT(.name = "train_mse", .kind = NNT_ARRAY, .rank = 1,
               .doc = "training MSE at each λ"),
    NNT_RESULT(.name = "n_iter", .kind = NNT_ARRAY, .rank = 1,
               .doc = "coordinate-descent sweeps at each λ"),
    NNT_RESULT(.name = "gap", .kind = NNT_ARRAY, .rank = 1,
               .doc = "duality gap / n at each λ"),
    NNT_RESULT(.name = "test_mse", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL,
               .doc = "test MSE at each λ (with a test set)"),
    NNT_RESULT(.name = "lambda_max", .kind = NNT_NUMBER,
               .doc = "least λ with all weights 0 (ridge: lasso's)"),
    NNT_RESULT(.name = "converged", .kind = NNT_NUMBER,
               .doc = "1 if the gap test passed at every λ"),
};

static const struct nnt_result poly_fit_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "inputs of the points fitted"),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "targets of the points fitted"),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "ngrid inputs over [-1, 1]"),
    NNT_RESULT(.name = "truth", .kind = NNT_ARRAY, .rank = 1,
               .doc = "sin(πx) on the grid"),
    NNT_RESULT(.name = "lambda", .kind = NNT_NUMBER,
               .doc = "λ = 10^log_lambda"),
    NNT_RESULT(.name = "coef_none", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weights of x .. x^d, no penalty"),
    NNT_RESULT(.name = "none", .kind = NNT_ARRAY, .rank = 1,
               .doc = "fitted curve on the grid, no penalty"),
    NNT_RESULT(.name = "b_none", .kind = NNT_NUMBER,
               .doc = "intercept, no penalty"),
    NNT_RESULT(.name = "rough_none", .kind = NNT_NUMBER,
               .doc = "roughness ∫ f''(x)² dx over [-1, 1], no penalty"),
    NNT_RESULT(.name = "zeros_none", .kind = NNT_NUMBER,
               .doc = "weights exactly 0, no penalty"),
    NNT_RESULT(.name = "train_mse_none", .kind = NNT_NUMBER,
               .doc = "training MSE, no penalty"),
    NNT_RESULT(.name = "err_none", .kind = NNT_NUMBER,
               .doc = "mean squared distance from sin(πx), no penalty"),
    NNT_RESULT(.name = "coef_l1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weights of x .. x^d, L1 penalty"),
    NNT_RESULT(.name = "l1", .kind = NNT_ARRAY, .rank = 1,
               .doc = "fitted curve on the grid, L1 penalty"),
    NNT_RESULT(.name = "b_l1", .kind = NNT_NUMBER,
               .doc = "intercept, L1 penalty"),
    NNT_RESULT(.name = "rough_l1", .kind = NNT_NUMBER,
               .doc = "roughness ∫ f''(x)² dx over [-1, 1], L1 penalty"),
    NNT_RESULT(.name = "zeros_l1", .kind = NNT_NUMBER,
               .doc = "weights exactly 0, L1 penalty"),
    NNT_RESULT(.name = "train_mse_l1", .kind = NNT_NUMBER,
               .doc = "training MSE, L1 penalty"),
    NNT_RESULT(.name = "err_l1", .kind = NNT_NUMBER,
               .doc = "mean squared distance from sin(πx), L1 penalty"),
    NNT_RESULT(.name = "gap_l1", .kind = NNT_NUMBER,
               .doc = "duality gap / n of the L1 fit"),
    NNT_RESULT(.name = "converged_l1", .kind = NNT_NUMBER,
               .doc = "1 if the L1 fit passed the gap test"),
    NNT_RESULT(.name = "n_iter_l1", .kind = NNT_NUMBER,
               .doc = "coordinate-descent sweeps of the L1 fit"),
    NNT_RESULT(.name = "coef_l2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "weights of x .. x^d, L2 penalty"),
    NNT_RESULT(.name = "l2", .kind = NNT_ARRAY, .rank = 1,
               .doc = "fitted curve on the grid, L2 penalty"),
    NNT_RESULT(.name = "b_l2", .kind = NNT_NUMBER,
               .doc = "intercept, L2 penalty"),
    NNT_RESULT(.name = "rough_l2", .kind = NNT_NUMBER,
               .doc = "roughness ∫ f''(x)² dx over [-1, 1], L2 penalty"),
    NNT_RESULT(.name = "zeros_l2", .kind = NNT_NUMBER,
               .doc = "weights exactly 0, L2 penalty"),
    NNT_RESULT(.name = "train_mse_l2", .kind = NNT_NUMBER,
               .doc = "training MSE, L2 penalty"),
    NNT_RESULT(.name = "err_l2", .kind = NNT_NUMBER,
               .doc = "mean squared distance from sin(πx), L2 penalty"),
};

static const struct nnt_result posterior_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "grid of w over [-range, range]"),
    NNT_RESULT(.name = "laplace_prior", .kind = NNT_ARRAY, .rank = 1,
               .doc = "Laplace prior density (sd prior_sd)"),
    NNT_RESULT(.name = "gauss_prior", .kind = NNT_ARRAY, .rank = 1,
               .doc = "Gaussian prior density N(0, prior_sd²)"),
    NNT_RESULT(.name = "likelihood", .kind = NNT_ARRAY, .rank = 1,
               .doc = "likelihood N(z; w, noise_sd²) at each w"),
    NNT_RESULT(.name = "laplace_scale", .kind = NNT_NUMBER,
               .doc = "Laplace scale b = prior_sd / √2"),
    NNT_RESULT(.name = "threshold", .kind = NNT_NUMBER,
               .doc = "noise_sd² / b: laplace_map's soft threshold"),
    NNT_RESULT(.name = "shrink", .kind = NNT_NUMBER,
               .doc = "prior_sd² / (prior_sd² + noise_sd²)"),
    NNT_RESULT(.name = "laplace_map", .kind = NNT_NUMBER,
               .doc = "MAP under the Laplace prior: soft(z, threshold)"),
    NNT_RESULT(.name = "gauss_map", .kind = NNT_NUMBER,
               .doc = "MAP under the Gaussian prior: shrink z"),
    NNT_RESULT(.name = "laplace_post", .kind = NNT_ARRAY, .rank = 1,
               .doc = "posterior density, Laplace prior"),
    NNT_RESULT(.name = "laplace_grid_map", .kind = NNT_NUMBER,
               .doc = "w of the largest laplace_post on the grid"),
    NNT_RESULT(.name = "laplace_mean", .kind = NNT_NUMBER,
               .doc = "posterior mean, Laplace prior"),
    NNT_RESULT(.name = "gauss_post", .kind = NNT_ARRAY, .rank = 1,
               .doc = "posterior density, Gaussian prior"),
    NNT_RESULT(.name = "gauss_grid_map", .kind = NNT_NUMBER,
               .doc = "w of the largest gauss_post on the grid"),
    NNT_RESULT(.name = "gauss_mean", .kind = NNT_NUMBER,
               .doc = "posterior mean, Gaussian prior"),
};

static const struct nnt_result prox_vs_subgradient_results[] = {
    RESULT_DRAWN_BETA,
    NNT_RESULT(.name = "start", .kind = NNT_ARRAY, .rank = 1,
               .doc = "least-squares start of both methods (p)"),
    NNT_RESULT(.name = "solution", .kind = NNT_ARRAY, .rank = 1,
               .doc = "exact lasso solution (p)"),
    NNT_RESULT(.name = "prox", .kind = NNT_ARRAY, .rank = 2,
               .doc = "proximal iterates (steps+1 x p)"),
    NNT_RESULT(.name = "subgrad", .kind = NNT_ARRAY, .rank = 2,
               .doc = "subgradient iterates (steps+1 x p)"),
    NNT_RESULT(.name = "prox_zeros", .kind = NNT_ARRAY, .rank = 1,
               .doc = "zeros at each proximal iterate"),
    NNT_RESULT(.name = "subgrad_zeros", .kind = NNT_ARRAY, .rank = 1,
               .doc = "zeros at each subgradient iterate"),
    NNT_RESULT(.name = "prox_obj", .kind = NNT_ARRAY, .rank = 1,
               .doc = "objective at each proximal iterate"),
    NNT_RESULT(.name = "subgrad_obj", .kind = NNT_ARRAY, .rank = 1,
               .doc = "objective at each subgradient iterate"),
    NNT_RESULT(.name = "iter", .kind = NNT_ARRAY, .rank = 1,
               .doc = "iterate numbers 0 .. steps"),
    NNT_RESULT(.name = "solution_zeros", .kind = NNT_NUMBER,
               .doc = "weights exactly 0 in solution"),
    NNT_RESULT(.name = "step", .kind = NNT_NUMBER,
               .doc = "step size α = step_scale / L"),
};

static const struct nnt_result ridge_results[] = {
    RESULTS_FIT,
    NNT_RESULT(.name = "objective", .kind = NNT_NUMBER,
               .doc = "|y - Xw - intercept|² + λ |w|² at the fit"),
};

static const struct nnt_result shrinkage_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "inputs z over [-range, range]"),
    NNT_RESULT(.name = "soft", .kind = NNT_ARRAY, .rank = 1,
               .doc = "soft threshold sign(z) max(|z| - λ, 0): L1"),
    NNT_RESULT(.name = "hard", .kind = NNT_ARRAY, .rank = 1,
               .doc = "hard threshold z [|z| > λ]: L0"),
    NNT_RESULT(.name = "ridge", .kind = NNT_ARRAY, .rank = 1,
               .doc = "ridge shrink z / (1 + λ): L2"),
    NNT_RESULT(.name = "identity", .kind = NNT_ARRAY, .rank = 1,
               .doc = "z itself, for comparison"),
};

static const struct nnt_result sparse_data_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1,
               .doc = "true weights, k of them nonzero (p)"),
    NNT_RESULT(.name = "X", .kind = NNT_ARRAY, .rank = 2,
               .doc = "design matrix of correlated features (n x p)"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "targets X beta + noise (n)"),
    NNT_RESULT(.name = "X_test", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL,
               .doc = "test design (n_test x p), when n_test > 0"),
    NNT_RESULT(.name = "y_test", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL,
               .doc = "test targets (n_test), when n_test > 0"),
};

static const struct nnt_function functions[] = {
    FN("sparse_data", sparse_data_params, sparse_data_results,
       reg_run_sparse_data, "beta", NULL,
       "Draws sparse regression data: X (correlated Gaussian features), "
       "y = X beta + noise, the true beta (and a test set)."),
    FN("lasso", lasso_params, lasso_results,
       reg_run_lasso, "coef", NULL,
       "Fits the lasso by coordinate descent (sklearn's Lasso objective and "
       "stopping test): coef with exact zeros, intercept, duality gap."),
    FN("elastic_net", elastic_net_params, elastic_net_results,
       reg_run_elastic_net, "coef", NULL,
       "Fits the elastic net by coordinate descent (sklearn's ElasticNet "
       "objective)."),
    FN("ridge", ridge_params, ridge_results,
       reg_run_ridge, "coef", NULL,
       "Fits ridge regression in closed form (sklearn's Ridge objective): "
       "shrinks every weight, zeroes none."),
    FN("path", path_params, path_results,
       reg_run_path, "coef", NULL,
       "Fits along a log-spaced lambda grid with warm starts: coef (lambdas "
       "x p), exact zeros, train and test error."),
    FN("ista", ista_params, ista_results,
       reg_run_ista, "objective", NULL,
       "Solves the lasso by proximal gradient (ISTA, soft-thresholding), "
       "recording every iterate."),
    FN("prox_vs_subgradient", pvs_params, prox_vs_subgradient_results,
       reg_run_prox_vs_subgradient, "prox_zeros", NULL,
       "Runs proximal and plain subgradient steps on one lasso problem from "
       "least squares: one lands on 0, the other hovers around it."),
    FN("orthonormal", orthonormal_params, orthonormal_results,
       reg_run_orthonormal, "lasso", NULL,
       "With orthonormal columns: ridge = ols/(1+lambda), lasso = soft "
       "threshold of ols (ESL 3.4.3), computed both ways."),
    FN("constrained", constrained_params, constrained_results,
       reg_run_constrained, "loss", NULL,
       "Contours of a 2-D quadratic loss with the L1 diamond and L2 disc of "
       "radius t, and the constrained minimum on each."),
    FN("shrinkage", shrinkage_params, shrinkage_results,
       reg_run_shrinkage, "soft", "x",
       "The shrinkage operators as curves: soft threshold (L1), ridge "
       "shrink (L2), hard threshold (L0)."),
    FN("correlated", correlated_params, correlated_results,
       reg_run_correlated, "lasso_share", NULL,
       "Two correlated features, y = x1 + x2 + noise: lasso and ridge paths "
       "(L1 may keep only one, L2 splits the weight)."),
    FN("poly_fit", poly_fit_params, poly_fit_results,
       reg_run_poly_fit, "l2", "x",
       "Fits a polynomial to noisy points of sin(pi x) with no, L1 and L2 "
       "penalty: curves, coefficients, roughness."),
    FN("decay", decay_params, decay_results, reg_run_decay, "adam_l2_w1",
       "step",
       "Weight decay under SGD and Adam: two weights from 1, one with a "
       "noisy data gradient, with the L2 term in the gradient and with the "
       "decay applied apart (AdamW)."),
    FN("posterior", posterior_params, posterior_results,
       reg_run_posterior, "laplace_post", "x",
       "One observation under a Laplace and a Gaussian prior: posteriors "
       "and MAPs (soft threshold vs shrink)."),
};

NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
    .name = "regularizer",
    .version = "0.1.0",
    .doc = "L1 and L2 regularisation: lasso, ridge, elastic net, paths, "
           "proximal steps, the constrained view and priors.",
    NNT_FUNCTIONS(functions)
);
