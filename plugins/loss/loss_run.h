/* SPDX-License-Identifier: MIT */
/* The loss plugin's functions as loss.c lists them: parameter lists,
 * tables and run callbacks (defined where the comments say). */
#ifndef LOSS_RUN_H
#define LOSS_RUN_H

#include <nntutor/params.h>
#include <nntutor/plugin.h>

/*
 * Each function's parameters are one list (see <nntutor/params.h>): the
 * file that defines the run callback makes the table of it (the choice
 * lists its rows name, such as noise_names, are there), the callback
 * reads args[CO_LOSS] and the like, and the declaration below sizes it
 * with NAME_NPARAMS.
 */

/* Every function on a model (landscape, point, slice) starts with these
 * and ends with LOSS_DATA_PARAMS; problem_from reads them as PROB_*. */
#define LOSS_PROBLEM_PARAMS(P, F)                                            \
    P(F##_MODEL, .name = "model", .type = NNT_CHOICE,                        \
      .choices = model_names,                                                \
      .doc = "net: x -> h = s(w1 x + b1) -> s(w2 h + b2); logistic: s(w x "  \
      "+ b)")                                                                \
    P(F##_LOSS, .name = "loss", .type = NNT_CHOICE, .choices = loss_names,   \
      .doc = "mse: mean (yhat - y)^2; ce: mean binary cross-entropy")        \
    P(F##_POINTS, .name = "points", .type = NNT_INTEGER, .min = 2,           \
      .max = 2000, .def = 20,                                                \
      .doc = "samples: y = 0 around x = -sep, y = 1 at +sep")                \
    P(F##_SEP, .name = "sep", .type = NNT_NUMBER, .min = 0, .max = 10,       \
      .def = 1.5, .doc = "distance of each class mean from x = 0")           \
    P(F##_NOISE, .name = "noise", .type = NNT_NUMBER, .min = 0.01,           \
      .max = 10, .def = 1, .doc = "standard deviation of x within a class")  \
    P(F##_BIAS1, .name = "bias1", .type = NNT_NUMBER, .min = -20, .max = 20, \
      .def = 0, .doc = "b1 of the net, held on the (w1, w2) plane")          \
    P(F##_BIAS2, .name = "bias2", .type = NNT_NUMBER, .min = -20, .max = 20, \
      .def = -2, .doc = "b2 of the net, held on the (w1, w2) plane")
enum { LOSS_PROBLEM_PARAMS(NNT_PARAM_ID, PROB) PROB_NPARAMS };
#define LOSS_DATA_PARAMS(P, F)                                               \
    P(F##_DATA_X, .name = "data_x", .type = NNT_ARRAY, .max = 100000,        \
      .doc = "inputs to use instead of drawing the data set")                \
    P(F##_DATA_Y, .name = "data_y", .type = NNT_ARRAY, .max = 100000,        \
      .doc = "targets in [0, 1] that go with data_x")

/* gauss_sweep and fit_lines start with the regression data set and end
 * with LOSS_XY_PARAMS; regression_from reads them as R_*. */
#define LOSS_REGRESSION_PARAMS(P, F, npoints, outl)                          \
    P(F##_N, .name = "n", .type = NNT_INTEGER, .min = 2, .max = 100000,      \
      .def = npoints, .doc = "number of points")                             \
    P(F##_NOISE, .name = "noise", .type = NNT_CHOICE,                        \
      .choices = noise_names, .doc = "distribution of the noise on y")       \
    P(F##_SIGMA, .name = "sigma", .type = NNT_NUMBER, .min = 0.01,           \
      .max = 10, .def = 0.5, .doc = "standard deviation of the noise")       \
    P(F##_OUTLIERS, .name = "outliers", .type = NNT_NUMBER, .min = 0,        \
      .max = 0.5, .def = outl,                                               \
      .doc = "fraction of points pushed 10 sigma off")                       \
    P(F##_SLOPE, .name = "slope", .type = NNT_NUMBER, .min = -10, .max = 10, \
      .def = 2, .doc = "true slope")                                         \
    P(F##_INTERCEPT, .name = "intercept", .type = NNT_NUMBER, .min = -10,    \
      .max = 10, .def = 0.5,                                                 \
      .doc = "true intercept (known to the sweep's model)")                  \
    P(F##_X_MIN, .name = "x_min", .type = NNT_NUMBER, .min = -100,           \
      .max = 100, .def = -1, .doc = "x evenly spread from")                  \
    P(F##_X_MAX, .name = "x_max", .type = NNT_NUMBER, .min = -100,           \
      .max = 100, .def = 1, .doc = "x evenly spread to")
enum { LOSS_REGRESSION_PARAMS(NNT_PARAM_ID, R, 0, 0) R_NPARAMS };
#define LOSS_XY_PARAMS(P, F)                                                 \
    P(F##_DATA_X, .name = "data_x", .type = NNT_ARRAY, .max = 100000,        \
      .doc = "inputs to use instead of drawing them")                        \
    P(F##_DATA_Y, .name = "data_y", .type = NNT_ARRAY, .max = 100000,        \
      .doc = "outputs that go with data_x")

#define RDATA_PARAMS(P)                                                      \
    P(RDATA_N, .name = "n", .type = NNT_INTEGER, .min = 2, .max = 100000,    \
      .def = 50, .doc = "number of points")                                  \
    P(RDATA_NOISE, .name = "noise", .type = NNT_CHOICE,                      \
      .choices = noise_names, .doc = "distribution of the noise on y")       \
    P(RDATA_SIGMA, .name = "sigma", .type = NNT_NUMBER, .min = 0, .max = 10, \
      .def = 0.5, .doc = "standard deviation of the noise")                  \
    P(RDATA_OUTLIERS, .name = "outliers", .type = NNT_NUMBER, .min = 0,      \
      .max = 0.5, .def = 0,                                                  \
      .doc = "fraction of points pushed 10 sigma off the line")              \
    P(RDATA_SLOPE, .name = "slope", .type = NNT_NUMBER, .min = -10,          \
      .max = 10, .def = 2, .doc = "true slope")                              \
    P(RDATA_INTERCEPT, .name = "intercept", .type = NNT_NUMBER, .min = -10,  \
      .max = 10, .def = 0.5, .doc = "true intercept")                        \
    P(RDATA_X_MIN, .name = "x_min", .type = NNT_NUMBER, .min = -100,         \
      .max = 100, .def = -1, .doc = "x evenly spread from")                  \
    P(RDATA_X_MAX, .name = "x_max", .type = NNT_NUMBER, .min = -100,         \
      .max = 100, .def = 1, .doc = "x evenly spread to")
enum { RDATA_PARAMS(NNT_PARAM_ID) RDATA_NPARAMS };

#define CDATA_PARAMS(P)                                                      \
    P(CDATA_N, .name = "n", .type = NNT_INTEGER, .min = 2, .max = 100000,    \
      .def = 40, .doc = "number of points")                                  \
    P(CDATA_CLASSES, .name = "classes", .type = NNT_INTEGER, .min = 2,       \
      .max = 10, .def = 2,                                                   \
      .doc = "number of classes (labels 0 .. classes-1)")                    \
    P(CDATA_DIMS, .name = "dims", .type = NNT_INTEGER, .min = 1, .max = 8,   \
      .def = 1, .doc = "dimension of x")                                     \
    P(CDATA_SEP, .name = "sep", .type = NNT_NUMBER, .min = 0, .max = 10,     \
      .def = 1.5, .doc = "distance of each class mean from the origin")      \
    P(CDATA_NOISE, .name = "noise", .type = NNT_NUMBER, .min = 0.01,         \
      .max = 10, .def = 1, .doc = "standard deviation within a class")
enum { CDATA_PARAMS(NNT_PARAM_ID) CDATA_NPARAMS };

#define CO_PARAMS(P)                                                         \
    P(CO_LOSS, .name = "loss", .type = NNT_CHOICE, .choices = compute_names, \
      .doc = "which loss; bce and bernoulli_nll (y 0 or 1) take "            \
      "probabilities, softmax_ce logits, categorical_nll rows of "           \
      "probabilities")                                                       \
    P(CO_PRED, .name = "pred", .type = NNT_ARRAY, .max = 1000000,            \
      .doc = "predictions (probabilities for bce, bernoulli_nll; logits "    \
      "for bce_logits)")                                                     \
    P(CO_SCORES, .name = "scores", .type = NNT_ARRAY, .flags = NNT_MATRIX,   \
      .max = 1000000,                                                        \
      .doc = "N x K rows: logits (softmax_ce) or probabilities "             \
      "(categorical_nll)")                                                   \
    P(CO_TARGET, .name = "target", .type = NNT_ARRAY, .max = 1000000,        \
      .doc = "targets (class indices 0 .. K-1 for the row losses)")          \
    P(CO_SIGMA, .name = "sigma", .type = NNT_NUMBER, .min = 0.001,           \
      .max = 1000, .def = 1,                                                 \
      .doc = "noise standard deviation for gaussian_nll")                    \
    P(CO_N, .name = "n", .type = NNT_INTEGER, .min = 2, .max = 10001,        \
      .def = 201, .doc = "without pred: points on the curve of the loss")    \
    P(CO_LO, .name = "lo", .type = NNT_NUMBER, .min = -50, .max = 50,        \
      .def = -4,                                                             \
      .doc = "without pred: curve from (probabilities: from s(lo))")         \
    P(CO_HI, .name = "hi", .type = NNT_NUMBER, .min = -50, .max = 50,        \
      .def = 4, .doc = "without pred: curve to (probabilities: to s(hi))")   \
    P(CO_Y, .name = "y", .type = NNT_NUMBER, .min = -10, .max = 10,          \
      .def = 1,                                                              \
      .doc = "without pred: the target (a class for the row losses)")        \
    P(CO_CLASSES, .name = "classes", .type = NNT_INTEGER, .min = 2,          \
      .max = 20, .def = 3, .doc = "without scores: K for the row losses")
enum { CO_PARAMS(NNT_PARAM_ID) CO_NPARAMS };

#define DIV_PARAMS(P)                                                        \
    P(DIV_P, .name = "p", .type = NNT_ARRAY, .max = MAXK,                    \
      .doc = "distribution p (default: p_i proportional to i)")              \
    P(DIV_Q, .name = "q", .type = NNT_ARRAY, .max = MAXK,                    \
      .doc = "distribution q (default: (1-t) uniform + t p)")                \
    P(DIV_K, .name = "k", .type = NNT_INTEGER, .min = 2, .max = 20,          \
      .def = 4, .doc = "without p: number of outcomes")                      \
    P(DIV_T, .name = "t", .type = NNT_NUMBER, .min = 0, .max = 1,            \
      .def = 0.5, .doc = "without q: how far q moves from uniform to p")
enum { DIV_PARAMS(NNT_PARAM_ID) DIV_NPARAMS };

#define CAT_PARAMS(P)                                                        \
    P(CAT_K, .name = "k", .type = NNT_INTEGER, .min = 2, .max = 20,          \
      .def = 4, .doc = "without p_true: number of outcomes")                 \
    P(CAT_N, .name = "n", .type = NNT_INTEGER, .min = 1, .max = 1000000,     \
      .def = 200, .doc = "samples drawn")                                    \
    P(CAT_T, .name = "t", .type = NNT_NUMBER, .min = 0, .max = 1,            \
      .def = 0.5, .doc = "model q = (1-t) q0 + t p_data (t = 1: the MLE)")   \
    P(CAT_P_TRUE, .name = "p_true", .type = NNT_ARRAY, .max = MAXK,          \
      .doc = "distribution the samples come from (default p_i ~ i)")         \
    P(CAT_Q, .name = "q", .type = NNT_ARRAY, .max = MAXK,                    \
      .doc = "q0, the model at t = 0 (default uniform)")
enum { CAT_PARAMS(NNT_PARAM_ID) CAT_NPARAMS };

#define LS_PARAMS(P)                                                         \
    LOSS_PROBLEM_PARAMS(P, LS)                                               \
    P(LS_X_MIN, .name = "x_min", .type = NNT_NUMBER, .min = -50, .max = 50,  \
      .def = -8, .doc = "first parameter (w1, or w) from")                   \
    P(LS_X_MAX, .name = "x_max", .type = NNT_NUMBER, .min = -50, .max = 50,  \
      .def = 8, .doc = "first parameter (w1, or w) to")                      \
    P(LS_Y_MIN, .name = "y_min", .type = NNT_NUMBER, .min = -50, .max = 50,  \
      .def = -8, .doc = "second parameter (w2, or b) from")                  \
    P(LS_Y_MAX, .name = "y_max", .type = NNT_NUMBER, .min = -50, .max = 50,  \
      .def = 8, .doc = "second parameter (w2, or b) to")                     \
    P(LS_N, .name = "n", .type = NNT_INTEGER, .min = 3, .max = 801,          \
      .def = 101, .step = 2,                                                 \
      .doc = "grid points along each axis (odd: the centre is on it)")       \
    P(LS_HESSIAN, .name = "hessian", .type = NNT_BOOL, .def = 1,             \
      .doc = "also the Hessian's eigenvalues at every grid point")           \
    P(LS_BIASES, .name = "biases", .type = NNT_BOOL, .def = 0,               \
      .doc = "net: Hessian over all of w1, b1, w2, b2 (slower)")             \
    P(LS_MIDPOINT, .name = "midpoint", .type = NNT_BOOL, .def = 1,           \
      .doc = "search the grid for L((a+b)/2) > (L(a)+L(b))/2")               \
    LOSS_DATA_PARAMS(P, LS)
enum { LS_PARAMS(NNT_PARAM_ID) LS_NPARAMS };

#define PT_PARAMS(P)                                                         \
    LOSS_PROBLEM_PARAMS(P, PT)                                               \
    P(PT_X, .name = "x", .type = NNT_NUMBER, .min = -50, .max = 50,          \
      .def = 1, .doc = "first plane parameter (w1, or w)")                   \
    P(PT_Y, .name = "y", .type = NNT_NUMBER, .min = -50, .max = 50,          \
      .def = 1, .doc = "second plane parameter (w2, or b)")                  \
    P(PT_AT, .name = "at", .type = NNT_ARRAY, .max = 100000,                 \
      .doc = "inputs x at which to put the model's output as curve")         \
    LOSS_DATA_PARAMS(P, PT)
enum { PT_PARAMS(NNT_PARAM_ID) PT_NPARAMS };

#define SL_PARAMS(P)                                                         \
    LOSS_PROBLEM_PARAMS(P, SL)                                               \
    P(SL_AX, .name = "ax", .type = NNT_NUMBER, .min = -50, .max = 50,        \
      .def = -4, .doc = "point a (t = 0): first plane parameter")            \
    P(SL_AY, .name = "ay", .type = NNT_NUMBER, .min = -50, .max = 50,        \
      .def = -4, .doc = "point a: second plane parameter")                   \
    P(SL_BX, .name = "bx", .type = NNT_NUMBER, .min = -50, .max = 50,        \
      .def = 4, .doc = "point b (t = 1): first plane parameter")             \
    P(SL_BY, .name = "by", .type = NNT_NUMBER, .min = -50, .max = 50,        \
      .def = 4, .doc = "point b: second plane parameter")                    \
    P(SL_T_MIN, .name = "t_min", .type = NNT_NUMBER, .min = -10, .max = 10,  \
      .def = -0.25, .doc = "slice from a + t_min (b - a)")                   \
    P(SL_T_MAX, .name = "t_max", .type = NNT_NUMBER, .min = -10, .max = 10,  \
      .def = 1.25, .doc = "slice to a + t_max (b - a)")                      \
    P(SL_N, .name = "n", .type = NNT_INTEGER, .min = 2, .max = 5001,         \
      .def = 201, .doc = "points along the slice")                           \
    LOSS_DATA_PARAMS(P, SL)
enum { SL_PARAMS(NNT_PARAM_ID) SL_NPARAMS };

#define SAT_PARAMS(P)                                                        \
    P(SAT_TARGET, .name = "target", .type = NNT_NUMBER, .min = 0, .max = 1,  \
      .def = 1, .doc = "the target y the sigmoid output should reach")       \
    P(SAT_Z_MIN, .name = "z_min", .type = NNT_NUMBER, .min = -50, .max = 50, \
      .def = -10, .doc = "logits z from")                                    \
    P(SAT_Z_MAX, .name = "z_max", .type = NNT_NUMBER, .min = -50, .max = 50, \
      .def = 10, .doc = "logits z to")                                       \
    P(SAT_N, .name = "n", .type = NNT_INTEGER, .min = 2, .max = 10001,       \
      .def = 201, .doc = "points along z")
enum { SAT_PARAMS(NNT_PARAM_ID) SAT_NPARAMS };

#define GS_PARAMS(P)                                                         \
    LOSS_REGRESSION_PARAMS(P, GS, 100, 0)                                    \
    P(GS_W_MIN, .name = "w_min", .type = NNT_NUMBER, .min = -20, .max = 20,  \
      .def = 0, .doc = "sweep the model's slope w from")                     \
    P(GS_W_MAX, .name = "w_max", .type = NNT_NUMBER, .min = -20, .max = 20,  \
      .def = 4, .doc = "sweep the slope to")                                 \
    P(GS_STEPS, .name = "steps", .type = NNT_INTEGER, .min = 3,              \
      .max = 10001, .def = 201, .doc = "slopes in the sweep")                \
    P(GS_MODEL_SIGMA, .name = "model_sigma", .type = NNT_NUMBER,             \
      .min = 0.01, .max = 10, .def = 0.5,                                    \
      .doc = "the noise sigma the likelihood assumes")                       \
    LOSS_XY_PARAMS(P, GS)
enum { GS_PARAMS(NNT_PARAM_ID) GS_NPARAMS };

#define FL_PARAMS(P)                                                         \
    LOSS_REGRESSION_PARAMS(P, FL, 60, 0.1)                                   \
    LOSS_XY_PARAMS(P, FL)
enum { FL_PARAMS(NNT_PARAM_ID) FL_NPARAMS };

#define BS_PARAMS(P)                                                         \
    P(BS_N, .name = "n", .type = NNT_INTEGER, .min = 2, .max = 100000,       \
      .def = 200, .doc = "samples: y = 0 around x = -sep, y = 1 at +sep")    \
    P(BS_SEP, .name = "sep", .type = NNT_NUMBER, .min = 0, .max = 10,        \
      .def = 1, .doc = "distance of each class mean from x = 0")             \
    P(BS_NOISE, .name = "noise", .type = NNT_NUMBER, .min = 0.01, .max = 10, \
      .def = 1, .doc = "standard deviation of x within a class")             \
    P(BS_BIAS, .name = "bias", .type = NNT_NUMBER, .min = -20, .max = 20,    \
      .def = 0, .doc = "bias b of the model P(y = 1 | x) = s(w x + b)")      \
    P(BS_W_MIN, .name = "w_min", .type = NNT_NUMBER, .min = -20, .max = 20,  \
      .def = -2, .doc = "sweep the weight w from")                           \
    P(BS_W_MAX, .name = "w_max", .type = NNT_NUMBER, .min = -20, .max = 20,  \
      .def = 6, .doc = "sweep the weight to")                                \
    P(BS_STEPS, .name = "steps", .type = NNT_INTEGER, .min = 3,              \
      .max = 10001, .def = 161, .doc = "weights in the sweep")
enum { BS_PARAMS(NNT_PARAM_ID) BS_NPARAMS };

/* Declares the parameter table, its length and the run callback of one
 * plugin function. */
#define LOSS_FUNCTION(fn, nparams)                                         \
    extern const struct nnt_param loss_##fn##_params[nparams];             \
    int loss_##fn##_run(const struct nnt_host *h, struct nnt_call *c,      \
                        const struct nnt_value *args)

LOSS_FUNCTION(regression_data, RDATA_NPARAMS); /* loss_data.c */
LOSS_FUNCTION(class_data, CDATA_NPARAMS);
LOSS_FUNCTION(compute, CO_NPARAMS);
LOSS_FUNCTION(divergence, DIV_NPARAMS);     /* loss_dist.c */
LOSS_FUNCTION(categorical, CAT_NPARAMS);
LOSS_FUNCTION(landscape, LS_NPARAMS);       /* loss_land.c */
LOSS_FUNCTION(point, PT_NPARAMS);
LOSS_FUNCTION(slice, SL_NPARAMS);
LOSS_FUNCTION(saturation, SAT_NPARAMS);
LOSS_FUNCTION(gauss_sweep, GS_NPARAMS);     /* loss_sweep.c */
LOSS_FUNCTION(fit_lines, FL_NPARAMS);
LOSS_FUNCTION(bernoulli_sweep, BS_NPARAMS);

#endif
