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


#define FN(name_, params_, results_, run_, view_, xaxis_, doc_)             \
    NNT_FUNCTION(.name = name_, .doc = doc_, .params = params_,            \
                 .nparams = NNT_COUNT(params_), .run = run_, .view = view_, \
                 NNT_RESULTS(results_), .xaxis = xaxis_)

static const struct nnt_result constrained_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "loss", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "diamond_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "diamond_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "disc_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "disc_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "l1_w1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "l1_w2", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "l2_w1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "l2_w2", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "l1_loss", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "l2_loss", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "l1_zeros", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "l2_zeros", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "a11", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "a12", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "a22", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "level_l1_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "level_l1_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "level_l2_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "level_l2_y", .kind = NNT_ARRAY, .rank = 1),
};

static const struct nnt_result correlated_results[] = {
    NNT_RESULT(.name = "lambdas", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "lasso", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "ridge", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "lambda_max", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "corr", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lasso_share", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "ridge_share", .kind = NNT_ARRAY, .rank = 1),
};

static const struct nnt_result elastic_net_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "intercept", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "n_iter", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gap", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "converged", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "objective", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "alpha_max", .kind = NNT_NUMBER),
};

static const struct nnt_result ista_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "trace", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "objective", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "zeros", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "intercept", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "step", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lipschitz", .kind = NNT_NUMBER),
};

static const struct nnt_result lasso_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "intercept", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "n_iter", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gap", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "converged", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "objective", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "alpha_max", .kind = NNT_NUMBER),
};

static const struct nnt_result orthonormal_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "ols", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "ridge", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "lasso", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "soft", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "shrink", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "hard", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "ridge_err", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "lasso_err", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gram_err", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros_lasso", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros_ridge", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros_soft", .kind = NNT_NUMBER),
};

static const struct nnt_result path_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "lambdas", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "zeros", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "train_mse", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "n_iter", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "gap", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "test_mse", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "lambda_max", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "converged", .kind = NNT_NUMBER),
};

static const struct nnt_result poly_fit_results[] = {
    NNT_RESULT(.name = "data_x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "data_y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "truth", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "lambda", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "coef_none", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "none", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "b_none", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "rough_none", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros_none", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "train_mse_none", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "err_none", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "coef_l1", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "l1", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "b_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "rough_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "train_mse_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "err_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gap_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "converged_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "n_iter_l1", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "coef_l2", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "l2", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "b_l2", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "rough_l2", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros_l2", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "train_mse_l2", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "err_l2", .kind = NNT_NUMBER),
};

static const struct nnt_result posterior_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "laplace_prior", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "gauss_prior", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "likelihood", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "laplace_scale", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "threshold", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "shrink", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "laplace_map", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gauss_map", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "laplace_post", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "laplace_grid_map", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "laplace_mean", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gauss_post", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "gauss_grid_map", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "gauss_mean", .kind = NNT_NUMBER),
};

static const struct nnt_result prox_vs_subgradient_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "start", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "solution", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "prox", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "subgrad", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "prox_zeros", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "subgrad_zeros", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "prox_obj", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "subgrad_obj", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "iter", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "solution_zeros", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "step", .kind = NNT_NUMBER),
};

static const struct nnt_result ridge_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "coef", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "intercept", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "zeros", .kind = NNT_NUMBER),
    NNT_RESULT(.name = "objective", .kind = NNT_NUMBER),
};

static const struct nnt_result shrinkage_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "soft", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "hard", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "ridge", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "identity", .kind = NNT_ARRAY, .rank = 1),
};

static const struct nnt_result sparse_data_results[] = {
    NNT_RESULT(.name = "beta", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "X", .kind = NNT_ARRAY, .rank = 2),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1),
    NNT_RESULT(.name = "X_test", .kind = NNT_ARRAY, .rank = 2,
               .flags = NNT_OPTIONAL),
    NNT_RESULT(.name = "y_test", .kind = NNT_ARRAY, .rank = 1,
               .flags = NNT_OPTIONAL),
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
