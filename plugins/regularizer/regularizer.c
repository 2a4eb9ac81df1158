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


#define FN(name_, params_, run_, view_, doc_)                               \
    NNT_FUNCTION(.name = name_, .doc = doc_, .params = params_,            \
                 .nparams = NNT_COUNT(params_), .run = run_, .view = view_)

static const struct nnt_function functions[] = {
    FN("sparse_data", sparse_data_params, reg_run_sparse_data, "beta",
       "Draws sparse regression data: X (correlated Gaussian features), "
       "y = X beta + noise, the true beta (and a test set)."),
    FN("lasso", lasso_params, reg_run_lasso, "coef",
       "Fits the lasso by coordinate descent (sklearn's Lasso objective and "
       "stopping test): coef with exact zeros, intercept, duality gap."),
    FN("elastic_net", elastic_net_params, reg_run_elastic_net, "coef",
       "Fits the elastic net by coordinate descent (sklearn's ElasticNet "
       "objective)."),
    FN("ridge", ridge_params, reg_run_ridge, "coef",
       "Fits ridge regression in closed form (sklearn's Ridge objective): "
       "shrinks every weight, zeroes none."),
    FN("path", path_params, reg_run_path, "coef",
       "Fits along a log-spaced lambda grid with warm starts: coef (lambdas "
       "x p), exact zeros, train and test error."),
    FN("ista", ista_params, reg_run_ista, "objective",
       "Solves the lasso by proximal gradient (ISTA, soft-thresholding), "
       "recording every iterate."),
    FN("prox_vs_subgradient", pvs_params, reg_run_prox_vs_subgradient,
       "prox_zeros",
       "Runs proximal and plain subgradient steps on one lasso problem from "
       "least squares: one lands on 0, the other hovers around it."),
    FN("orthonormal", orthonormal_params, reg_run_orthonormal, "lasso",
       "With orthonormal columns: ridge = ols/(1+lambda), lasso = soft "
       "threshold of ols (ESL 3.4.3), computed both ways."),
    FN("constrained", constrained_params, reg_run_constrained, "loss",
       "Contours of a 2-D quadratic loss with the L1 diamond and L2 disc of "
       "radius t, and the constrained minimum on each."),
    FN("shrinkage", shrinkage_params, reg_run_shrinkage, "soft",
       "The shrinkage operators as curves: soft threshold (L1), ridge "
       "shrink (L2), hard threshold (L0)."),
    FN("correlated", correlated_params, reg_run_correlated, "lasso_share",
       "Two correlated features, y = x1 + x2 + noise: lasso and ridge paths "
       "(L1 may keep only one, L2 splits the weight)."),
    FN("poly_fit", poly_fit_params, reg_run_poly_fit, "l2",
       "Fits a polynomial to noisy points of sin(pi x) with no, L1 and L2 "
       "penalty: curves, coefficients, roughness."),
    FN("posterior", posterior_params, reg_run_posterior, "laplace_post",
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
