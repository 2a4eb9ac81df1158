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

#include <nntutor/plugin.h>

#include "reg_run.h"

static const char *const penalties[] = { "lasso", "ridge", "elastic_net",
                                         NULL };
static const char *const schedules[] = { "constant", "decreasing", NULL };

/* The data parameters, first in every table that fits sparse data. */
#define GEN(n_, p_, k_, noise_)                                             \
    { .name = "n", .doc = "training points (rows of X) to draw",           \
      .type = NNT_INTEGER, .min = 10, .max = 5000, .def = n_ },            \
    { .name = "p", .doc = "features (columns of X)", .type = NNT_INTEGER,  \
      .min = 1, .max = 200, .def = p_ },                                   \
    { .name = "k", .doc = "informative features: nonzero true weights, "   \
      "|w| in [1, 3] (at most p)", .type = NNT_INTEGER, .min = 0,          \
      .max = 200, .def = k_ },                                             \
    { .name = "noise", .doc = "standard deviation of the noise on y",      \
      .type = NNT_NUMBER, .min = 0, .max = 10, .def = noise_ },            \
    { .name = "rho", .doc = "correlation of neighbouring features "        \
      "(rho^|j-k| between j and k)", .type = NNT_NUMBER, .min = 0,         \
      .max = 0.99, .def = 0 }
#define DATA(n_, p_, k_, noise_)                                            \
    GEN(n_, p_, k_, noise_),                                                \
    { .name = "X", .doc = "design matrix (n x p); when absent, drawn "     \
      "from n, p, k, noise, rho", .type = NNT_ARRAY, .max = 2000000,       \
      .flags = NNT_MATRIX },                                               \
    { .name = "y", .doc = "targets, one per row of X", .type = NNT_ARRAY,  \
      .max = 20000 }
#define ALPHA(def_, doc_)                                                   \
    { .name = "alpha", .doc = doc_, .type = NNT_NUMBER, .min = 0,          \
      .max = 10, .def = def_ }
#define INTERCEPT                                                           \
    { .name = "intercept", .doc = "fit an unpenalised intercept (centre X " \
      "and y)", .type = NNT_BOOL, .def = 1 }
#define TOL(def_)                                                           \
    { .name = "tol", .doc = "stop when the duality gap < tol * |y|^2 "     \
      "(sklearn's test)", .type = NNT_NUMBER, .min = 1e-16, .max = 0.1,    \
      .def = def_ }
#define MAX_ITER(def_)                                                      \
    { .name = "max_iter", .doc = "most sweeps over the coordinates",       \
      .type = NNT_INTEGER, .min = 1, .max = 1000000, .def = def_ }
#define STEPS(def_)                                                         \
    { .name = "steps", .doc = "iterations to run and record",              \
      .type = NNT_INTEGER, .min = 1, .max = 5000, .def = def_ }
#define STEP_SCALE                                                          \
    { .name = "step_scale", .doc = "step size as a multiple of 1/L (L: "   \
      "Lipschitz constant of the gradient)", .type = NNT_NUMBER,           \
      .min = 0.01, .max = 1.99, .def = 1 }

static const struct nnt_param sparse_data_params[] = {
    GEN(100, 20, 5, 1),
    { .name = "n_test", .doc = "extra test points from the same model",
      .type = NNT_INTEGER, .min = 0, .max = 5000, .def = 0 },
};

static const struct nnt_param lasso_params[] = {
    DATA(100, 20, 5, 1),
    ALPHA(0.1, "L1 strength: (1/(2n))|y - Xw|^2 + alpha |w|_1"),
    INTERCEPT, TOL(1e-4), MAX_ITER(1000),
};

static const struct nnt_param elastic_net_params[] = {
    DATA(100, 20, 5, 1),
    ALPHA(0.1, "strength: (1/(2n))|y - Xw|^2 + alpha r |w|_1 "
               "+ (alpha (1 - r)/2) |w|^2"),
    INTERCEPT, TOL(1e-4), MAX_ITER(1000),
    { .name = "l1_ratio", .doc = "r: the L1 share of the penalty (0 is "
      "ridge, 1 the lasso)", .type = NNT_NUMBER, .min = 0, .max = 1,
      .def = 0.5 },
};

static const struct nnt_param ridge_params[] = {
    DATA(100, 20, 5, 1),
    { .name = "alpha", .doc = "L2 strength: |y - Xw|^2 + alpha |w|^2 "
      "(sklearn Ridge)", .type = NNT_NUMBER, .min = 0, .max = 1000,
      .def = 10 },
    INTERCEPT,
};

static const struct nnt_param ista_params[] = {
    DATA(100, 20, 5, 1),
    ALPHA(0.1, "L1 strength of the lasso objective"),
    STEPS(200), STEP_SCALE, INTERCEPT,
};

static const struct nnt_param pvs_params[] = {
    DATA(100, 10, 3, 1),
    ALPHA(0.3, "L1 strength of the lasso objective"),
    STEPS(100), STEP_SCALE,
    { .name = "schedule", .doc = "subgradient step: constant, or "
      "decreasing as 1/sqrt(k+1)", .type = NNT_CHOICE,
      .choices = schedules, .def = 0 },
    INTERCEPT,
};

static const struct nnt_param path_params[] = {
    DATA(100, 20, 5, 1),
    { .name = "X_test", .doc = "test design (with X); drawn with n_test "
      "rows when X is absent", .type = NNT_ARRAY, .max = 2000000,
      .flags = NNT_MATRIX },
    { .name = "y_test", .doc = "test targets, one per row of X_test",
      .type = NNT_ARRAY, .max = 20000 },
    { .name = "n_test", .doc = "test points to draw (when X is absent)",
      .type = NNT_INTEGER, .min = 0, .max = 5000, .def = 200 },
    { .name = "penalty", .doc = "lasso, ridge (elastic-net scaling) or "
      "elastic_net", .type = NNT_CHOICE, .choices = penalties, .def = 0 },
    { .name = "l1_ratio", .doc = "L1 share r for elastic_net",
      .type = NNT_NUMBER, .min = 0.01, .max = 1, .def = 0.5 },
    { .name = "nlambda", .doc = "lambdas on the grid (log-spaced, largest "
      "first)", .type = NNT_INTEGER, .min = 2, .max = 1000, .def = 50 },
    { .name = "eps", .doc = "smallest lambda / lambda_max",
      .type = NNT_NUMBER, .min = 1e-8, .max = 0.5, .def = 1e-3 },
    { .name = "lambdas", .doc = "explicit lambdas (sorted, largest first) "
      "instead of the grid", .type = NNT_ARRAY, .min = 1, .max = 10000 },
    TOL(1e-4), MAX_ITER(1000), INTERCEPT,
};

static const struct nnt_param orthonormal_params[] = {
    { .name = "n", .doc = "rows of X", .type = NNT_INTEGER, .min = 5,
      .max = 1000, .def = 50 },
    { .name = "p", .doc = "orthonormal columns (at most n)",
      .type = NNT_INTEGER, .min = 1, .max = 100, .def = 8 },
    { .name = "k", .doc = "nonzero true weights", .type = NNT_INTEGER,
      .min = 0, .max = 100, .def = 3 },
    { .name = "noise", .doc = "standard deviation of the noise on y",
      .type = NNT_NUMBER, .min = 0, .max = 10, .def = 0.5 },
    { .name = "lambda", .doc = "penalty: ridge |y-Xw|^2 + lambda|w|^2, "
      "lasso 1/2|y-Xw|^2 + lambda|w|_1", .type = NNT_NUMBER, .min = 0,
      .max = 5, .def = 0.5 },
};

static const struct nnt_param constrained_params[] = {
    { .name = "angle", .doc = "direction of the loss's long axis, degrees",
      .type = NNT_NUMBER, .min = 0, .max = 180, .def = 135 },
    { .name = "stretch", .doc = "curvature ratio of the loss (1: circles)",
      .type = NNT_NUMBER, .min = 1, .max = 10, .def = 3 },
    { .name = "c1", .doc = "unconstrained minimum, w1", .type = NNT_NUMBER,
      .min = -3, .max = 3, .def = 1.8 },
    { .name = "c2", .doc = "unconstrained minimum, w2", .type = NNT_NUMBER,
      .min = -3, .max = 3, .def = 0.8 },
    { .name = "t", .doc = "budget: |w|_1 <= t (diamond), |w|_2 <= t (disc)",
      .type = NNT_NUMBER, .min = 0.1, .max = 3, .def = 1 },
    { .name = "n", .doc = "grid points along each axis",
      .type = NNT_INTEGER, .min = 2, .max = 401, .def = 61 },
    { .name = "span", .doc = "the grid covers [-span, span]^2",
      .type = NNT_NUMBER, .min = 0.5, .max = 5, .def = 2.5 },
};

static const struct nnt_param shrinkage_params[] = {
    { .name = "lambda", .doc = "threshold (soft, hard) and ridge strength",
      .type = NNT_NUMBER, .min = 0, .max = 5, .def = 1 },
    { .name = "range", .doc = "inputs cover [-range, range]",
      .type = NNT_NUMBER, .min = 0.5, .max = 10, .def = 3 },
    { .name = "n", .doc = "points on the curves", .type = NNT_INTEGER,
      .min = 3, .max = 2001, .def = 201 },
};

static const struct nnt_param correlated_params[] = {
    { .name = "n", .doc = "points", .type = NNT_INTEGER, .min = 10,
      .max = 5000, .def = 100 },
    { .name = "rho", .doc = "correlation of the two features",
      .type = NNT_NUMBER, .min = 0, .max = 0.999, .def = 0.9 },
    { .name = "noise", .doc = "noise on y = x1 + x2 + noise",
      .type = NNT_NUMBER, .min = 0, .max = 10, .def = 0.5 },
    { .name = "nlambda", .doc = "lambdas on the grid", .type = NNT_INTEGER,
      .min = 2, .max = 1000, .def = 50 },
    { .name = "eps", .doc = "smallest lambda / lambda_max",
      .type = NNT_NUMBER, .min = 1e-8, .max = 0.5, .def = 1e-3 },
};

static const struct nnt_param poly_fit_params[] = {
    { .name = "n", .doc = "noisy points of sin(pi x) on [-1, 1]",
      .type = NNT_INTEGER, .min = 3, .max = 500, .def = 20 },
    { .name = "degree", .doc = "polynomial degree d (features x .. x^d)",
      .type = NNT_INTEGER, .min = 1, .max = 15, .def = 12 },
    { .name = "noise", .doc = "standard deviation of the noise on y",
      .type = NNT_NUMBER, .min = 0, .max = 2, .def = 0.2 },
    { .name = "log_lambda", .doc = "log10 of lambda: (1/(2n))|r|^2 + "
      "lambda|w|_1 or (lambda/2)|w|^2", .type = NNT_NUMBER, .min = -8,
      .max = 1, .def = -3 },
    { .name = "ngrid", .doc = "points on the fitted curves",
      .type = NNT_INTEGER, .min = 2, .max = 2001, .def = 201 },
    { .name = "data_x", .doc = "points to fit instead of drawn ones",
      .type = NNT_ARRAY, .max = 500 },
    { .name = "data_y", .doc = "their targets", .type = NNT_ARRAY,
      .max = 500 },
    TOL(1e-10), MAX_ITER(100000),
};

static const struct nnt_param posterior_params[] = {
    { .name = "z", .doc = "one observation z ~ N(w, noise_sd^2)",
      .type = NNT_NUMBER, .min = -5, .max = 5, .def = 0.8 },
    { .name = "noise_sd", .doc = "standard deviation of the observation",
      .type = NNT_NUMBER, .min = 0.1, .max = 5, .def = 1 },
    { .name = "prior_sd", .doc = "standard deviation of both priors",
      .type = NNT_NUMBER, .min = 0.1, .max = 5, .def = 1 },
    { .name = "range", .doc = "w covers [-range, range]",
      .type = NNT_NUMBER, .min = 1, .max = 10, .def = 3 },
    { .name = "n", .doc = "grid points (odd: 0 is on the grid)",
      .type = NNT_INTEGER, .min = 11, .max = 4001, .def = 401 },
};

_Static_assert(NNT_COUNT(sparse_data_params) == SD_NARGS, "sparse_data");
_Static_assert(NNT_COUNT(lasso_params) == L_NARGS, "lasso");
_Static_assert(NNT_COUNT(elastic_net_params) == EN_NARGS, "elastic_net");
_Static_assert(NNT_COUNT(ridge_params) == R_NARGS, "ridge");
_Static_assert(NNT_COUNT(ista_params) == I_NARGS, "ista");
_Static_assert(NNT_COUNT(pvs_params) == PV_NARGS, "prox_vs_subgradient");
_Static_assert(NNT_COUNT(path_params) == P_NARGS, "path");
_Static_assert(NNT_COUNT(orthonormal_params) == O_NARGS, "orthonormal");
_Static_assert(NNT_COUNT(constrained_params) == C_NARGS, "constrained");
_Static_assert(NNT_COUNT(shrinkage_params) == S_NARGS, "shrinkage");
_Static_assert(NNT_COUNT(correlated_params) == CO_NARGS, "correlated");
_Static_assert(NNT_COUNT(poly_fit_params) == PF_NARGS, "poly_fit");
_Static_assert(NNT_COUNT(posterior_params) == PO_NARGS, "posterior");

#define FN(name_, params_, run_, view_, doc_)                               \
    { .name = name_, .doc = doc_, .params = params_,                       \
      .nparams = NNT_COUNT(params_), .run = run_, .view = view_ }

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

NNT_EXPORT const struct nnt_plugin nnt_plugin = {
    .abi = NNT_ABI_VERSION,
    .size = sizeof(struct nnt_plugin),
    .name = "regularizer",
    .version = "0.1.0",
    .doc = "L1 and L2 regularisation: lasso, ridge, elastic net, paths, "
           "proximal steps, the constrained view and priors.",
    .functions = functions,
    .nfunctions = NNT_COUNT(functions),
};
