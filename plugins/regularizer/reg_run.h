/* SPDX-License-Identifier: MIT */
/* The regularizer plugin's run callbacks and their parameter lists, which
 * give both the argument positions the callbacks read and the tables in
 * regularizer.c. */
#ifndef REG_RUN_H
#define REG_RUN_H

#include <nntutor/params.h>
#include <nntutor/plugin.h>

/*
 * The parameter lists of every function (see <nntutor/params.h>):
 * regularizer.c makes the tables of them (the choice lists `penalties`
 * and `schedules` are there), the run callbacks read a[L_ALPHA] and the
 * like.  Functions that fit sparse data start with REG_DATA_PARAMS (or
 * REG_GEN_PARAMS, without X and y), whose IDs take the function's prefix;
 * reg_data_get reads them as A_N .. A_Y.
 */

/* Rows several lists share: the initialisers of one parameter. */
#define REG_ALPHA(def_, doc_)                                                \
    .name = "alpha", .label = "λ", .doc = doc_, .type = NNT_NUMBER,          \
    .min = 0, .max = 10, .step = 0.01,                                       \
    .def = def_
#define REG_INTERCEPT                                                        \
    .name = "intercept",                                                     \
    .doc = "fit an unpenalised intercept (centre X and y)",                  \
    .type = NNT_BOOL, .def = 1
#define REG_TOL(def_)                                                        \
    .name = "tol",                                                           \
    .doc = "stop when the duality gap < tol * |y|^2 (sklearn's test)",       \
    .type = NNT_NUMBER, .flags = NNT_LOG, .min = 1e-16, .max = 0.1,         \
    .def = def_
#define REG_MAX_ITER(def_)                                                   \
    .name = "max_iter", .doc = "most sweeps over the coordinates",           \
    .type = NNT_INTEGER, .min = 1, .max = 1000000, .def = def_
#define REG_STEPS(def_)                                                      \
    .name = "steps", .doc = "iterations to run and record",                  \
    .type = NNT_INTEGER, .min = 1, .max = 5000, .def = def_
#define REG_STEP_SCALE                                                       \
    .name = "step_scale",                                                    \
    .doc = "step size as a multiple of 1/L (L: Lipschitz constant of the "   \
    "gradient)", .type = NNT_NUMBER, .min = 0.01, .max = 1.99, .def = 1

#define REG_GEN_PARAMS(P, F, n_, p_, k_, noise_)                             \
    P(F##_N, .name = "n", .doc = "training points (rows of X) to draw",      \
      .type = NNT_INTEGER, .min = 10, .max = 5000, .def = n_)                \
    P(F##_P, .name = "p", .doc = "features (columns of X)",                  \
      .type = NNT_INTEGER, .min = 1, .max = 200, .def = p_)                  \
    P(F##_K, .name = "k",                                                    \
      .doc = "informative features: nonzero true weights, |w| in [1, 3] "    \
      "(at most p)", .type = NNT_INTEGER, .min = 0, .max = 200, .def = k_)   \
    P(F##_NOISE, .name = "noise",                                            \
      .doc = "standard deviation of the noise on y", .type = NNT_NUMBER,     \
      .min = 0, .max = 10, .def = noise_)                                    \
    P(F##_RHO, .name = "rho",                                                \
      .doc = "correlation of neighbouring features (rho^|j-k| between j "    \
      "and k)", .type = NNT_NUMBER, .min = 0, .max = 0.99, .def = 0)
#define REG_DATA_PARAMS(P, F, n_, p_, k_, noise_)                            \
    REG_GEN_PARAMS(P, F, n_, p_, k_, noise_)                                 \
    P(F##_X, .name = "X",                                                    \
      .doc = "design matrix (n x p); when absent, drawn from n, p, k, "      \
      "noise, rho", .type = NNT_ARRAY, .max = 2000000, .flags = NNT_MATRIX)  \
    P(F##_Y, .name = "y", .doc = "targets, one per row of X",                \
      .type = NNT_ARRAY, .max = 20000)
enum { REG_DATA_PARAMS(NNT_PARAM_ID, A, 0, 0, 0, 0) A_NDATA };
enum { A_NGEN = A_X };

#define SD_PARAMS(P)                                                         \
    REG_GEN_PARAMS(P, SD, 100, 20, 5, 1)                                     \
    P(SD_NTEST, .name = "n_test",                                            \
      .doc = "extra test points from the same model", .type = NNT_INTEGER,   \
      .min = 0, .max = 5000, .def = 0)
enum { SD_PARAMS(NNT_PARAM_ID) SD_NPARAMS };

/* lasso and elastic_net, which fit_enet serves with L_ALPHA .. */
#define REG_ENET_PARAMS(P, F, doc_)                                          \
    REG_DATA_PARAMS(P, F, 100, 20, 5, 1)                                     \
    P(F##_ALPHA, REG_ALPHA(0.1, doc_))                                       \
    P(F##_INTERCEPT, REG_INTERCEPT)                                          \
    P(F##_TOL, REG_TOL(1e-4))                                                \
    P(F##_MAX_ITER, REG_MAX_ITER(1000))
#define L_PARAMS(P)                                                          \
    REG_ENET_PARAMS(P, L, "L1 strength: (1/(2n))|y - Xw|^2 + alpha |w|_1")
enum { L_PARAMS(NNT_PARAM_ID) L_NPARAMS };

#define EN_PARAMS(P)                                                         \
    REG_ENET_PARAMS(P, EN, "strength: (1/(2n))|y - Xw|^2 + alpha r |w|_1 "   \
                    "+ (alpha (1 - r)/2) |w|^2")                             \
    P(EN_RATIO, .name = "l1_ratio",                                          \
      .doc = "r: the L1 share of the penalty (0 is ridge, 1 the lasso)",     \
      .type = NNT_NUMBER, .min = 0, .max = 1, .def = 0.5)
enum { EN_PARAMS(NNT_PARAM_ID) EN_NPARAMS };

#define R_PARAMS(P)                                                          \
    REG_DATA_PARAMS(P, R, 100, 20, 5, 1)                                     \
    P(R_ALPHA, .name = "alpha",                                              \
      .doc = "L2 strength: |y - Xw|^2 + alpha |w|^2 (sklearn Ridge)",        \
      .type = NNT_NUMBER, .min = 0, .max = 1000, .def = 10)                  \
    P(R_INTERCEPT, REG_INTERCEPT)
enum { R_PARAMS(NNT_PARAM_ID) R_NPARAMS };

#define I_PARAMS(P)                                                          \
    REG_DATA_PARAMS(P, I, 100, 20, 5, 1)                                     \
    P(I_ALPHA, REG_ALPHA(0.1, "L1 strength of the lasso objective"))         \
    P(I_STEPS, REG_STEPS(200))                                               \
    P(I_SCALE, REG_STEP_SCALE)                                               \
    P(I_INTERCEPT, REG_INTERCEPT)
enum { I_PARAMS(NNT_PARAM_ID) I_NPARAMS };

#define PV_PARAMS(P)                                                         \
    REG_DATA_PARAMS(P, PV, 100, 10, 3, 1)                                    \
    P(PV_ALPHA, REG_ALPHA(0.3, "L1 strength of the lasso objective"))        \
    P(PV_STEPS, REG_STEPS(100))                                              \
    P(PV_SCALE, REG_STEP_SCALE)                                              \
    P(PV_SCHEDULE, .name = "schedule",                                       \
      .doc = "subgradient step: constant, or decreasing as 1/sqrt(k+1)",     \
      .type = NNT_CHOICE, .choices = schedules, .def = 0)                    \
    P(PV_INTERCEPT, REG_INTERCEPT)
enum { PV_PARAMS(NNT_PARAM_ID) PV_NPARAMS };

#define PATH_PARAMS(P)                                                       \
    REG_DATA_PARAMS(P, PATH, 100, 20, 5, 1)                                  \
    P(PATH_XTEST, .name = "X_test",                                          \
      .doc = "test design (with X); drawn with n_test rows when X is absent", \
      .type = NNT_ARRAY, .max = 2000000, .flags = NNT_MATRIX)                \
    P(PATH_YTEST, .name = "y_test",                                          \
      .doc = "test targets, one per row of X_test", .type = NNT_ARRAY,       \
      .max = 20000)                                                          \
    P(PATH_NTEST, .name = "n_test",                                          \
      .doc = "test points to draw (when X is absent)", .type = NNT_INTEGER,  \
      .min = 0, .max = 5000, .def = 200)                                     \
    P(PATH_PENALTY, .name = "penalty",                                       \
      .doc = "lasso, ridge (elastic-net scaling) or elastic_net",            \
      .type = NNT_CHOICE, .choices = penalties, .def = 0)                    \
    P(PATH_RATIO, .name = "l1_ratio", .doc = "L1 share r for elastic_net",   \
      .type = NNT_NUMBER, .min = 0.01, .max = 1, .def = 0.5)                 \
    P(PATH_NLAMBDA, .name = "nlambda",                                       \
      .doc = "lambdas on the grid (log-spaced, largest first)",              \
      .type = NNT_INTEGER, .min = 2, .max = 1000, .def = 50)                 \
    P(PATH_EPS, .name = "eps", .doc = "smallest lambda / lambda_max",        \
      .type = NNT_NUMBER, .min = 1e-8, .max = 0.5, .def = 1e-3)              \
    P(PATH_START, .name = "start",                                           \
      .doc = "largest lambda / lambda_max (above 1: a stretch with w = 0)",  \
      .type = NNT_NUMBER, .min = 0.75, .max = 100, .def = 1)                 \
    P(PATH_LAMBDAS, .name = "lambdas",                                       \
      .doc = "explicit lambdas (sorted, largest first) instead of the grid", \
      .type = NNT_ARRAY, .min = 1, .max = 10000)                             \
    P(PATH_TOL, REG_TOL(1e-4))                                               \
    P(PATH_MAX_ITER, REG_MAX_ITER(1000))                                     \
    P(PATH_INTERCEPT, REG_INTERCEPT)
enum { PATH_PARAMS(NNT_PARAM_ID) PATH_NPARAMS };

#define O_PARAMS(P)                                                          \
    P(O_N, .name = "n", .doc = "rows of X", .type = NNT_INTEGER, .min = 5,   \
      .max = 1000, .def = 50)                                                \
    P(O_P, .name = "p", .doc = "orthonormal columns (at most n)",            \
      .type = NNT_INTEGER, .min = 1, .max = 100, .def = 8)                   \
    P(O_K, .name = "k", .doc = "nonzero true weights", .type = NNT_INTEGER,  \
      .min = 0, .max = 100, .def = 3)                                        \
    P(O_NOISE, .name = "noise",                                              \
      .doc = "standard deviation of the noise on y", .type = NNT_NUMBER,     \
      .min = 0, .max = 10, .def = 0.5)                                       \
    P(O_LAMBDA, .name = "lambda",                                            \
      .doc = "penalty: ridge |y-Xw|^2 + lambda|w|^2, lasso 1/2|y-Xw|^2 + "   \
      "lambda|w|_1", .type = NNT_NUMBER, .min = 0, .max = 5, .def = 0.5)
enum { O_PARAMS(NNT_PARAM_ID) O_NPARAMS };

#define C_PARAMS(P)                                                          \
    P(C_ANGLE, .name = "angle",                                              \
      .doc = "direction of the loss's long axis, degrees",                   \
      .type = NNT_NUMBER, .min = 0, .max = 180, .def = 135)                  \
    P(C_STRETCH, .name = "stretch",                                          \
      .doc = "curvature ratio of the loss (1: circles)", .type = NNT_NUMBER, \
      .min = 1, .max = 10, .def = 3)                                         \
    P(C_C1, .name = "c1", .doc = "unconstrained minimum, w1",                \
      .type = NNT_NUMBER, .min = -3, .max = 3, .def = 1.8)                   \
    P(C_C2, .name = "c2", .doc = "unconstrained minimum, w2",                \
      .type = NNT_NUMBER, .min = -3, .max = 3, .def = 0.8)                   \
    P(C_T, .name = "t",                                                      \
      .doc = "budget: |w|_1 <= t (diamond), |w|_2 <= t (disc)",              \
      .type = NNT_NUMBER, .min = 0.1, .max = 3, .def = 1)                    \
    P(C_N, .name = "n", .doc = "grid points along each axis",                \
      .type = NNT_INTEGER, .min = 2, .max = 401, .def = 61)                  \
    P(C_SPAN, .name = "span", .doc = "the grid covers [-span, span]^2",      \
      .type = NNT_NUMBER, .min = 0.5, .max = 5, .def = 2.5)
enum { C_PARAMS(NNT_PARAM_ID) C_NPARAMS };

#define S_PARAMS(P)                                                          \
    P(S_LAMBDA, .name = "lambda",                                            \
      .doc = "threshold (soft, hard) and ridge strength",                    \
      .type = NNT_NUMBER, .min = 0, .max = 5, .def = 1)                      \
    P(S_RANGE, .name = "range", .doc = "inputs cover [-range, range]",       \
      .type = NNT_NUMBER, .min = 0.5, .max = 10, .def = 3)                   \
    P(S_N, .name = "n", .doc = "points on the curves", .type = NNT_INTEGER,  \
      .min = 3, .max = 2001, .def = 201)
enum { S_PARAMS(NNT_PARAM_ID) S_NPARAMS };

#define CO_PARAMS(P)                                                         \
    P(CO_N, .name = "n", .doc = "points", .type = NNT_INTEGER, .min = 10,    \
      .max = 5000, .def = 100)                                               \
    P(CO_RHO, .name = "rho", .doc = "correlation of the two features",       \
      .type = NNT_NUMBER, .min = 0, .max = 0.999, .def = 0.9)                \
    P(CO_NOISE, .name = "noise", .doc = "noise on y = x1 + x2 + noise",      \
      .type = NNT_NUMBER, .min = 0, .max = 10, .def = 0.5)                   \
    P(CO_NLAMBDA, .name = "nlambda", .doc = "lambdas on the grid",           \
      .type = NNT_INTEGER, .min = 2, .max = 1000, .def = 50)                 \
    P(CO_EPS, .name = "eps", .doc = "smallest lambda / lambda_max",          \
      .type = NNT_NUMBER, .min = 1e-8, .max = 0.5, .def = 1e-3)
enum { CO_PARAMS(NNT_PARAM_ID) CO_NPARAMS };

#define PF_PARAMS(P)                                                         \
    P(PF_N, .name = "n", .doc = "noisy points of sin(pi x) on [-1, 1]",      \
      .type = NNT_INTEGER, .min = 3, .max = 500, .def = 20)                  \
    P(PF_DEGREE, .name = "degree",                                           \
      .doc = "polynomial degree d (features x .. x^d)", .type = NNT_INTEGER, \
      .min = 1, .max = 15, .def = 12)                                        \
    P(PF_NOISE, .name = "noise",                                             \
      .doc = "standard deviation of the noise on y", .type = NNT_NUMBER,     \
      .min = 0, .max = 2, .def = 0.2)                                        \
    P(PF_LOG_LAMBDA, .name = "log_lambda",                                   \
      .doc = "log10 of lambda: (1/(2n))|r|^2 + lambda|w|_1 or "              \
      "(lambda/2)|w|^2", .type = NNT_NUMBER, .min = -8, .max = 1, .def = -3) \
    P(PF_NGRID, .name = "ngrid", .doc = "points on the fitted curves",       \
      .type = NNT_INTEGER, .min = 2, .max = 2001, .def = 201)                \
    P(PF_DATA_X, .name = "data_x",                                           \
      .doc = "points to fit instead of drawn ones", .type = NNT_ARRAY,       \
      .max = 500)                                                            \
    P(PF_DATA_Y, .name = "data_y", .doc = "their targets",                   \
      .type = NNT_ARRAY, .max = 500)                                         \
    P(PF_TOL, REG_TOL(1e-10))                                                \
    P(PF_MAX_ITER, REG_MAX_ITER(100000))
enum { PF_PARAMS(NNT_PARAM_ID) PF_NPARAMS };

#define PO_PARAMS(P)                                                         \
    P(PO_Z, .name = "z", .doc = "one observation z ~ N(w, noise_sd^2)",      \
      .type = NNT_NUMBER, .min = -5, .max = 5, .def = 0.8)                   \
    P(PO_NOISE_SD, .name = "noise_sd",                                       \
      .doc = "standard deviation of the observation", .type = NNT_NUMBER,    \
      .min = 0.1, .max = 5, .def = 1)                                        \
    P(PO_PRIOR_SD, .name = "prior_sd",                                       \
      .doc = "standard deviation of both priors", .type = NNT_NUMBER,        \
      .min = 0.1, .max = 5, .def = 1)                                        \
    P(PO_RANGE, .name = "range", .doc = "w covers [-range, range]",          \
      .type = NNT_NUMBER, .min = 1, .max = 10, .def = 3)                     \
    P(PO_N, .name = "n", .doc = "grid points (odd: 0 is on the grid)",       \
      .type = NNT_INTEGER, .min = 11, .max = 4001, .def = 401)
enum { PO_PARAMS(NNT_PARAM_ID) PO_NPARAMS };

/* Penalties of `path`, in the order of its choice list. */
enum { PEN_LASSO, PEN_RIDGE, PEN_ENET };

/* reg_run_fit.c */
int reg_run_sparse_data(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
int reg_run_lasso(const struct nnt_host *h, struct nnt_call *c,
                  const struct nnt_value *a);
int reg_run_elastic_net(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
int reg_run_ridge(const struct nnt_host *h, struct nnt_call *c,
                  const struct nnt_value *a);
int reg_run_orthonormal(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
/* reg_run_iter.c */
int reg_run_path(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a);
int reg_run_ista(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a);
int reg_run_prox_vs_subgradient(const struct nnt_host *h,
                                struct nnt_call *c,
                                const struct nnt_value *a);
/* reg_run_views.c */
int reg_run_constrained(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
int reg_run_shrinkage(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *a);
int reg_run_correlated(const struct nnt_host *h, struct nnt_call *c,
                       const struct nnt_value *a);
int reg_run_poly_fit(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *a);
int reg_run_posterior(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *a);

/* ---- reg_run_data.c: helpers the callbacks share ---------------------- */

/* A data set for a fit: given by the caller or generated. */
struct reg_data {
    int n, p, nt;               /* training rows, features, test rows */
    const double *X, *y;        /* n x p and n */
    const double *Xt, *yt;      /* nt x p and nt, or NULL */
    const double *beta;         /* true coefficients when generated */
    double *own;                /* what was allocated here */
};

/* Fills d from the arguments: X and y when the function takes them
 * (xy) and they are given (with Xt, yt from xt_arg, yt_arg when those are
 * >= 0 and given), else data drawn from n, p, k, noise, rho with nt test
 * rows, putting the result "beta".  Returns 0, or -1 after host->fail. */
int reg_data_get(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a, int xy, int nt, int xt_arg,
                 int yt_arg, struct reg_data *d);
/* Frees what reg_data_get allocated. */
void reg_data_free(struct reg_data *d);
/* Returns -1 after telling the host why rc (a REG_ code) failed; what
 * names the computation. */
int reg_fail(const struct nnt_host *h, struct nnt_call *c, int rc,
             const char *what);
/* Returns a copy of n doubles as a result called name, or NULL. */
double *reg_put_copy(const struct nnt_host *h, struct nnt_call *c,
                     const char *name, const double *v, size_t n);

/* The host's progress as a reg_tick_fn, for calls long enough to show:
 * below REG_TICK_WORK (about 10 ms of arithmetic) progress is not
 * reported, so a quick call leaves no "computing" status behind. */
#define REG_TICK_WORK 2e7
struct reg_tick {
    const struct nnt_host *h;
    struct nnt_call *c;
    int on;                     /* report at all */
};
/* Returns a reg_tick for a call doing about `work` multiply-adds. */
struct reg_tick reg_tick_for(const struct nnt_host *h, struct nnt_call *c,
                             double work);
/* Returns nonzero when the student cancelled (ud is a struct reg_tick). */
int reg_tick(void *ud, double fraction);

#endif
